"""The home page (the unit, its SOPs grouped by bidang, its reports, downloads) and the site navigation."""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment

from ..content.loader import Site
from ..output import Staging
from .binder import BINDER_PATH
from .env import render_page
from .laporan import laporan_paths
from .listing import group_by_bidang
from .recap import recap_paths
from .search import SEARCH_PAGE
from .sop import sop_paths


@dataclass(frozen=True)
class NavItem:
    """One entry of the main navigation: a label and an output path (relative links are made per page)."""

    label: str
    target: str


def navigation(site: Site, pdf: bool) -> list[NavItem]:
    """The main navigation; set as a template global before any page is rendered."""
    items = [NavItem("Beranda", "index.html"), NavItem("Daftar SOP", "index.html#daftar-sop")]
    if pdf:
        items.append(NavItem("Unduhan", "index.html#unduhan"))
    if site.kinerja and site.kinerja.siklus:
        latest = max(site.kinerja.siklus.values(), key=lambda s: s.model.tahun)
        items.append(NavItem("Pengukuran Kinerja", recap_paths(latest).html))
    if site.laporan:
        terbaru = max(site.laporan.values(), key=lambda d: d.model.tahun)
        items.append(NavItem("Laporan Kinerja", laporan_paths(terbaru, site)[0]))
    items.append(NavItem("Pencarian", SEARCH_PAGE))
    return items


def render_home(site: Site, env: Environment, stage: Staging) -> None:
    """Write ``index.html``; links only to files the build has already written."""
    written = set(stage.written)
    groups = group_by_bidang(site)
    docs = [doc for group in groups for doc in group.sops]
    pages = {doc.id: sop_paths(doc)[0] for doc in docs}
    pdfs = {doc.id: sop_paths(doc)[1] for doc in docs if sop_paths(doc)[1] in written}
    binder = BINDER_PATH if BINDER_PATH in written else None
    cycles = sorted(site.kinerja.siklus.values(), key=lambda s: -s.model.tahun) if site.kinerja else []
    rekap = [(s.model, recap_paths(s).html) for s in cycles if recap_paths(s).html in written]
    html = render_page(env, "index.html", "index.html", groups=groups, pages=pages, pdfs=pdfs, binder=binder, sop_count=len(site.sops), rekap=rekap)
    stage.write_text("index.html", "site.yaml", html)
