"""Offline full-text search: the search page and pagefind's index of every page the build wrote."""

from __future__ import annotations

from collections.abc import Sequence

from ..content.loader import Site
from ..render.search import BUNDLE_DIR, SEARCH_PAGE, build_search_index, render_search_page
from .base import Inputs, Job, Kind, NavItem, Output, RenderContext
from .situs import settings_sources


class Pencarian(Kind):
    name = "pencarian"
    after = ("*",)

    def jobs(self, site: Site, pdf: bool, planned: Sequence[Output]) -> list[Job]:
        page = Output(SEARCH_PAGE, "cari.html", "html", Inputs(sources=settings_sources(site), templates=("cari.html",)), _page)
        pages = tuple(o.path for o in planned if o.path.endswith(".html")) + (SEARCH_PAGE,)
        index = Output(BUNDLE_DIR, BUNDLE_DIR, "search", Inputs(), _index, needs=pages)
        return [Job(None, (page,)), Job("indeks pencarian", (index,))]

    def nav(self, site: Site, pdf: bool) -> list[NavItem]:
        return [NavItem("Pencarian", SEARCH_PAGE)]


def _page(ctx: RenderContext) -> None:
    render_search_page(ctx.env, ctx.stage)


def _index(ctx: RenderContext) -> None:
    build_search_index(ctx.stage)
