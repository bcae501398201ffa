"""PDF output through WeasyPrint, reading only the site's own files.

The fetcher refuses the network and any file outside the allowed folders
(the staging output, the site, the theme), and a missing asset stops the
render instead of silently printing a page without its logo.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from weasyprint import HTML, Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from .arsip import Arsip, write_archive


class SiteFetcher(URLFetcher):
    """Fetches ``data:`` URLs and files under the allowed folders, nothing else."""

    def __init__(self, allowed: list[Path]):
        super().__init__(allowed_protocols=("file", "data"), fail_on_errors=True)
        self.allowed = [p.resolve() for p in allowed]

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> Any:
        parsed = urlparse(url)
        if parsed.scheme == "file":
            path = Path(unquote(parsed.path)).resolve()
            if not any(path.is_relative_to(root) for root in self.allowed):
                raise FatalURLFetchingError(f"berkas di luar folder situs tidak boleh dibaca: {path}")
            if not path.is_file():
                raise FatalURLFetchingError(f"berkas tidak ditemukan: {path}")
        elif parsed.scheme != "data":
            raise FatalURLFetchingError(f"alamat jaringan tidak boleh dibaca saat membuat PDF: {url}")
        return super().fetch(url, headers)


class PdfRenderer:
    """One font configuration and fetcher reused for every PDF of a build."""

    def __init__(self, allowed: list[Path]):
        self.fonts = FontConfiguration()
        self.fetcher = SiteFetcher(allowed)

    def document(self, html: str, page_file: Path) -> Document:
        """Lay out ``html`` as if it were the file ``page_file`` (relative URLs resolve from there)."""
        return HTML(string=html, base_url=str(page_file), url_fetcher=self.fetcher).render(font_config=self.fonts)

    def write(self, html: str, page_file: Path, target: Path, arsip: Arsip) -> None:
        """Lay out and write one archive-grade PDF (PDF/A-3b, tagged, its sources attached)."""
        write_archive(self.document(html, page_file), target, arsip)
