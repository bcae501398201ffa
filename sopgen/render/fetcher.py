"""WeasyPrint's side of the locked fetcher: imported only when a PDF is first laid out.

Importing WeasyPrint takes about 0.6 s (Pango and HarfBuzz through cffi, its CSS machinery), and a
build whose PDFs all come from the cache, ``check``, ``--help`` and ``sopgen new`` lay out none:
:mod:`sopgen.render.pdf` names no WeasyPrint class at import, and this module holds the classes
that must be WeasyPrint's own (a fetcher subclass, a fatal fetching error).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from weasyprint.urls import FatalURLFetchingError, URLFetcher

from .pdf import UrlRefused
from .resources import file_refusal


class FatalRefusal(UrlRefused, FatalURLFetchingError):
    """A refusal raised inside WeasyPrint's fetching: fatal there (the render stops), caught as :class:`UrlRefused`."""


class SiteFetcher(URLFetcher):
    """Fetches ``data:`` URLs and files under the allowed folders, nothing else."""

    def __init__(self, allowed: list[Path]):
        super().__init__(allowed_protocols=("file", "data"), fail_on_errors=True)
        self.allowed = allowed

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> Any:
        parsed = urlparse(url)
        if parsed.scheme == "file":
            path = Path(unquote(parsed.path))
            reason = file_refusal(path, self.allowed, path.name)
        else:
            reason = None if parsed.scheme == "data" else f"alamat jaringan '{url}' tidak boleh dimuat"
        if reason:
            raise FatalRefusal(url, reason)
        return super().fetch(url, headers)
