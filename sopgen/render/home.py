"""The home page: the unit and what each document kind lists there (its SOPs, recaps, reports, downloads)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jinja2 import Environment

from ..output import Staging
from .env import render_page

HOME_PAGE = "index.html"


@dataclass(frozen=True)
class Report:
    """A recap or a Laporan Kinerja as listed on the home page: its page and the files to download."""

    title: str
    page: str
    downloads: list[tuple[str, str]]
    """(label, path) of each download, e.g. ("PDF", "kinerja/2024/rekap-kinerja-2024.pdf")."""
    ilustrasi: bool


def downloads(written: set[str], *pairs: tuple[str, str]) -> list[tuple[str, str]]:
    """The (label, path) pairs whose file the build wrote."""
    return [(label, path) for label, path in pairs if path in written]


def render_home(env: Environment, stage: Staging, context: dict[str, Any]) -> None:
    """Write ``index.html`` with what the kinds list there."""
    stage.write_text(HOME_PAGE, "site.yaml", render_page(env, "index.html", HOME_PAGE, **context))
