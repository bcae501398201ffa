"""The site's settings (site.yaml) as a kind: its schema, the logo it names, the static files."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Sequence

from ..content.loader import SITE_FILE, Site
from ..content.reading import check_tree
from ..content.references import check_site_file
from ..errors import Problems
from ..models.base import tanggal_indonesia
from ..models.site import SiteConfig
from ..render.env import check_theme, theme_dir
from ..render.resources import check_resources
from .base import Inputs, Job, Kind, NavItem, Output, RenderContext, SourceFiles

ASSETS_DIR = "assets"


def settings_sources(site: Site) -> tuple[str, ...]:
    """What every page and document reads of the settings: site.yaml, and the logo its kop prints."""
    logo = site.config.instansi.logo
    return (SITE_FILE, logo) if logo else (SITE_FILE,)


class Situs(Kind):
    """site.yaml: loaded before every kind (:func:`sopgen.content.loader.load_settings`), so only checked here."""

    name = "situs"
    sources = (SourceFiles("site", SiteConfig, SITE_FILE, "Berkas situs: instansi penerbit, kertas bawaan, tema, dan urutan bidang SOP."),)

    def resolve(self, site: Site, problems: Problems) -> None:
        check_site_file(site, site.config.instansi.logo, site.config_source.at("instansi", "logo"), "instansi.logo", problems)
        acuan = site.config.tanggal_acuan
        if acuan is not None and acuan > dt.date.today():
            problems.add(
                site.config_source.at("tanggal_acuan"), "tanggal_acuan", f"tanggal acuan ({tanggal_indonesia(acuan)}) di masa depan",
                "tanggal acuan ialah keadaan isi situs contoh atau arsip; hapus baris ini pada situs yang berjalan.",
            )
        before = len(problems.errors)
        check_theme(site, problems)
        check_tree(site.root / ASSETS_DIR, site.root, problems)
        if len(problems.errors) == before:  # a theme outside the site or missing: its files are not read
            check_resources(site, theme_dir(site), problems)

    def nav(self, site: Site, pdf: bool) -> list[NavItem]:
        """A unit of a multi-unit site links back to the portal (one folder up)."""
        return [NavItem(f"Portal {site.kabupaten.config.pemerintah}", "../index.html")] if site.kabupaten else []

    def jobs(self, site: Site, pdf: bool, planned: Sequence[Output]) -> list[Job]:
        static = Output("static", SITE_FILE, "write", Inputs(theme=("static",)), _copy_theme_static)
        assets = Output(ASSETS_DIR, SITE_FILE, "write", Inputs(sources=(ASSETS_DIR,)), _copy_assets)
        return [Job(None, (static, assets))]


def _copy_theme_static(ctx: RenderContext) -> None:
    """The theme's static files (CSS, fonts, scripts) to ``static/``."""
    shutil.copytree(theme_dir(ctx.site) / "static", ctx.stage.root / "static")


def _copy_assets(ctx: RenderContext) -> None:
    """The site's own files (logo, images) to ``assets/``."""
    if (ctx.site.root / ASSETS_DIR).is_dir():
        shutil.copytree(ctx.site.root / ASSETS_DIR, ctx.stage.root / ASSETS_DIR)
