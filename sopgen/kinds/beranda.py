"""The home page: the unit, and what every kind lists there; rendered after everything it links to."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..content.loader import SITE_FILE, Site
from ..render.home import HOME_PAGE, render_home
from .base import Inputs, Job, Kind, NavItem, Output, RenderContext
from .situs import settings_sources


class Beranda(Kind):
    name = "beranda"
    after = ("*",)

    def jobs(self, site: Site, pdf: bool, planned: Sequence[Output]) -> list[Job]:
        sources = Inputs(sources=settings_sources(site), templates=("index.html",))
        for output in planned:
            sources |= Inputs(sources=output.inputs.sources)
        return [Job(None, (Output(HOME_PAGE, SITE_FILE, "html", sources, _home, needs=tuple(o.path for o in planned)),))]

    def nav(self, site: Site, pdf: bool) -> list[NavItem]:
        return [NavItem("Beranda", HOME_PAGE)]


def _home(ctx: RenderContext) -> None:
    """Links only to files the build has already written."""
    from . import KINDS  # the registry imports this module

    written = set(ctx.stage.written)
    context: dict[str, Any] = {}
    for kind in KINDS:
        context.update(kind.home(ctx.site, written))
    render_home(ctx.env, ctx.stage, context)
