"""Offline full-text search: the search page, and the pagefind index built over the staged site.

Pagefind (``pagefind[extended]`` on PyPI ships its binary) reads the finished
HTML pages and writes a static index under ``pagefind/``; the browser loads only
the index fragments a query needs, with no server code. Only page content marked
``data-pagefind-body`` (SOP, recap and report pages) is indexed, so the home
page and the search page do not show up as results. The index has to be built
after every page is staged and before the staging folder is swapped in.

The browser side fetches the index with ``fetch()`` and a dynamic ``import()``,
which browsers refuse for ``file://`` pages; the search page says so instead of
failing silently (see docs/pencarian.md).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from jinja2 import Environment

from ..output import Staging
from .env import render_page

SEARCH_PAGE = "cari.html"
BUNDLE_DIR = "pagefind"
LANGUAGE = "id"
"""All pages are indexed as Indonesian (pagefind stems Indonesian words with Snowball)."""


class SearchIndexError(Exception):
    """The search index could not be built (pagefind missing or failing): a broken install, not content."""


def render_search_page(env: Environment, stage: Staging) -> None:
    """Write the search page; its script loads pagefind's UI from ``pagefind/``."""
    html = render_page(env, "cari.html", SEARCH_PAGE, bundle=f"{BUNDLE_DIR}/")
    stage.write_text(SEARCH_PAGE, "cari.html", html)


def pagefind_executable() -> Path:
    """The pagefind binary that the ``pagefind[extended]`` wheel installs."""
    try:
        from pagefind.service import get_executable
    except ImportError as exc:
        raise SearchIndexError("paket 'pagefind' tidak terpasang; pasang ulang sopgen (pip install sopgen)") from exc
    exe = get_executable()
    if exe is None or not Path(exe).is_file():
        raise SearchIndexError("program pagefind tidak ditemukan; pasang 'pagefind[extended]'")
    return Path(exe)


def build_search_index(stage: Staging) -> None:
    """Index every staged HTML page into ``pagefind/`` and claim the files it wrote."""
    before = {p for p in stage.root.rglob("*") if p.is_file()}
    command = [
        str(pagefind_executable()), "--site", str(stage.root), "--output-subdir", BUNDLE_DIR,
        "--force-language", LANGUAGE, "--silent",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SearchIndexError(f"pagefind gagal membuat indeks pencarian: {(done.stderr or done.stdout).strip()}")
    for file in sorted(p for p in (stage.root / BUNDLE_DIR).rglob("*") if p.is_file() and p not in before):
        stage.path(file.relative_to(stage.root).as_posix(), BUNDLE_DIR)
