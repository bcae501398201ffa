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


@dataclass(frozen=True)
class Report:
    """A recap or a Laporan Kinerja as listed on the home page: its page and the files to download."""

    title: str
    page: str
    downloads: list[tuple[str, str]]
    """(label, path) of each download, e.g. ("PDF", "kinerja/2024/rekap-kinerja-2024.pdf")."""
    ilustrasi: bool


def reports(site: Site, written: set[str]) -> tuple[list[Report], list[Report]]:
    """The recaps and the Laporan Kinerja the build wrote, newest year first."""
    def files(*pairs: tuple[str, str]) -> list[tuple[str, str]]:
        return [(label, path) for label, path in pairs if path in written]

    cycles = sorted(site.kinerja.siklus.values(), key=lambda s: -s.model.tahun) if site.kinerja else []
    recaps = [
        Report(s.model.judul if str(s.model.tahun) in s.model.judul else f"{s.model.judul} Tahun {s.model.tahun}", paths.html,
               files(("PDF", paths.pdf), ("Excel", paths.xlsx), ("CSV", paths.csv)), s.model.ilustrasi)
        for s in cycles for paths in [recap_paths(s)] if paths.html in written
    ]
    laporan = [
        Report(f"{d.model.judul} ({d.model.singkatan}) Tahun {d.model.tahun}", html, files(("PDF", pdf)), d.model.ilustrasi)
        for d in sorted(site.laporan.values(), key=lambda d: -d.model.tahun) for html, pdf in [laporan_paths(d, site)] if html in written
    ]
    return recaps, laporan


def render_home(site: Site, env: Environment, stage: Staging) -> None:
    """Write ``index.html``; links only to files the build has already written."""
    written = set(stage.written)
    groups = group_by_bidang(site)
    docs = [doc for group in groups for doc in group.sops]
    pages = {doc.id: sop_paths(doc)[0] for doc in docs}
    pdfs = {doc.id: sop_paths(doc)[1] for doc in docs if sop_paths(doc)[1] in written}
    binder = BINDER_PATH if BINDER_PATH in written else None
    recaps, laporan = reports(site, written)
    html = render_page(
        env, "index.html", "index.html", groups=groups, pages=pages, pdfs=pdfs, binder=binder,
        sop_count=len(site.sops), recaps=recaps, laporan=laporan,
    )
    stage.write_text("index.html", "site.yaml", html)
