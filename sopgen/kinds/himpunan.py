"""The SOP binder (himpunan SOP): every SOP in one PDF, joined from the finished per-SOP PDFs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..content.loader import Site
from ..render.binder import BINDER_PATH, build_binder
from ..render.listing import binder_sops
from ..render.sop import sop_paths
from .base import Inputs, Job, Kind, NavItem, Output, RenderContext
from .situs import settings_sources


class Himpunan(Kind):
    name = "himpunan"
    after = ("sop",)

    def jobs(self, site: Site, pdf: bool, planned: Sequence[Output]) -> list[Job]:
        docs = binder_sops(site)
        if not pdf or not docs:
            return []
        pdfs = tuple(sop_paths(doc)[1] for doc in docs)
        files = tuple(doc.file.relative_to(site.root).as_posix() for doc in docs)
        sources = Inputs(sources=(*files, *settings_sources(site)), templates=("binder.html",))
        return [Job("Himpunan SOP (PDF)", (Output(BINDER_PATH, "site.yaml", "binder", sources, _binder, needs=pdfs),))]

    def nav(self, site: Site, pdf: bool) -> list[NavItem]:
        return [NavItem("Unduhan", "index.html#unduhan")] if pdf else []

    def home(self, site: Site, written: set[str]) -> dict[str, Any]:
        return {"binder": BINDER_PATH if BINDER_PATH in written else None}


def _binder(ctx: RenderContext) -> None:
    assert ctx.renderer is not None
    build_binder(ctx.site, ctx.env, ctx.stage, ctx.renderer)
