"""PDF output through WeasyPrint, reading only the site's own files.

The fetcher refuses the network and any file outside the allowed folders (the staging output,
the site, the theme), and a missing asset stops the render instead of silently printing a page
without its logo: the rule is :mod:`sopgen.render.resources`', and a refusal is raised as
:class:`UrlRefused`, which the build reports as a problem where the URL is written.

``check`` and ``build --no-pdf`` use :class:`PdfPreview` instead: every PDF's HTML is rendered
(its templates run, its URLs are checked) but nothing is laid out, so a mistake in a template
used only on paper is found without the minutes of layout.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from pikepdf import Pdf

from .arsip import Arsip, pin_font_times, write_archive
from .resources import html_urls, url_refusal

if TYPE_CHECKING:
    from weasyprint import Document
    from weasyprint.text.fonts import FontConfiguration

    from .fetcher import SiteFetcher


class UrlRefused(BaseException):
    """A URL a PDF may not load: ``url`` as written or fetched, ``reason`` in Bahasa Indonesia.

    A BaseException, as WeasyPrint's ``FatalURLFetchingError`` is: WeasyPrint turns every Exception a
    fetcher raises into its own error, and this one must reach the build as itself."""

    def __init__(self, url: str, reason: str):
        super().__init__(reason)
        self.url, self.reason = url, reason


class NotLaidOut(Exception):
    """Raised by :class:`PdfPreview` once a PDF's HTML is rendered and checked: the PDF stops there."""


class PdfRenderer:
    """One font configuration and fetcher reused for every PDF of a build, and the stylesheets parsed with them.

    Both are made, and WeasyPrint imported, at the first layout (:mod:`sopgen.render.fetcher`): a build
    whose PDFs all come from the cache never pays for it."""

    def __init__(self, allowed: list[Path]):
        self.allowed = [p.resolve() for p in allowed]
        self._engine: tuple[FontConfiguration, SiteFetcher] | None = None

    @property
    def fetcher(self) -> SiteFetcher:
        return self._start()[1]

    def _start(self) -> tuple[FontConfiguration, SiteFetcher]:
        if self._engine is None:
            from weasyprint.text.fonts import FontConfiguration

            from .fetcher import SiteFetcher
            from .stylesheets import install as reuse_stylesheets

            reuse_stylesheets()
            pin_font_times()
            self._engine = FontConfiguration(), SiteFetcher(self.allowed)
        return self._engine

    def document(self, html: str, page_file: Path) -> Document:
        """Lay out ``html`` as if it were the file ``page_file`` (relative URLs resolve from there)."""
        from weasyprint import HTML

        fonts, fetcher = self._start()
        return HTML(string=html, base_url=str(page_file), url_fetcher=fetcher).render(font_config=fonts)

    def write(self, html: str, page_file: Path, target: Path, arsip: Arsip) -> None:
        """Lay out and write one archive-grade PDF (PDF/A-3b, tagged, its sources attached)."""
        write_archive(self.document(html, page_file), target, arsip)


class PdfPreview(PdfRenderer):
    """Checks each PDF's HTML as the fetcher would, then stops it with :class:`NotLaidOut`."""

    def document(self, html: str, page_file: Path) -> Document:
        for url in html_urls(html):
            reason = url_refusal(url, page_file.parent, self.allowed)
            if reason:
                raise UrlRefused(url, reason)
        raise NotLaidOut(page_file)


@cache
def placeholder_pdf() -> bytes:
    """A one-page blank PDF standing in for a PDF the preview did not lay out (the binder reads it)."""
    buffer = io.BytesIO()
    with Pdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(buffer)
    return buffer.getvalue()
