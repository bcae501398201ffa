"""The verification page (``verifikasi.html``): the SHA-256 of every published PDF."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from ..content.loader import Site
from ..render.verifikasi import VERIFIKASI_PAGE, write_verifikasi
from .base import Inputs, Job, Kind, NavItem, Output, RenderContext
from .situs import settings_sources


class Verifikasi(Kind):
    name = "verifikasi"
    after = ("*",)
    """After every kind that writes a PDF; before the search index, which indexes this page too."""

    def jobs(self, site: Site, pdf: bool, planned: Sequence[Output]) -> list[Job]:
        pdfs = tuple(o.path for o in planned if o.path.endswith(".pdf"))
        if not pdf or not pdfs:
            return []
        inputs = Inputs(sources=settings_sources(site), templates=("verifikasi.html",))
        page = Output(VERIFIKASI_PAGE, VERIFIKASI_PAGE, "html", inputs, partial(_render, pdfs=pdfs), needs=pdfs)
        return [Job("halaman verifikasi PDF", (page,))]

    def nav(self, site: Site, pdf: bool) -> list[NavItem]:
        return [NavItem("Verifikasi PDF", VERIFIKASI_PAGE)] if pdf else []


def _render(ctx: RenderContext, pdfs: tuple[str, ...]) -> None:
    write_verifikasi(ctx.env, ctx.stage, pdfs)
