"""The site's settings (site.yaml) as a kind: its schema, the logo it names, the static files."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Sequence

from ..content.loader import SITE_FILE, Site
from ..content.reading import check_tree
from ..content.references import check_site_file
from ..errors import Level, Problems
from ..models.base import tanggal_indonesia
from ..models.site import SiteConfig
from ..render.env import check_theme, theme_dir
from ..render.resources import check_resources
from .base import Inputs, Job, Kind, NavItem, Output, RenderContext, SourceFiles

ASSETS_DIR = "assets"


def settings_sources(site: Site) -> tuple[str, ...]:
    """What every page and document reads of the settings: site.yaml, and the logo its kop prints."""
    logo = site.config.instansi.logo
    return (SITE_FILE, logo) if logo and not site.logo_inherited else (SITE_FILE,)


class Situs(Kind):
    """site.yaml: loaded before every kind (:func:`sopgen.content.loader.load_settings`), so only checked here."""

    name = "situs"
    sources = (SourceFiles("site", SiteConfig, SITE_FILE, "Berkas situs: instansi penerbit, kertas bawaan, tema, dan urutan bidang SOP."),)

    def resolve(self, site: Site, problems: Problems) -> None:
        if not site.logo_inherited:  # pemda.yaml's logo is checked with pemda.yaml
            check_site_file(site, site.config.instansi.logo, site.config_source.at("instansi", "logo"), "instansi.logo", problems)
        else:
            _warn_shadowed_logo(site, problems)
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
        portal = site.kabupaten.portal_path("index.html") if site.kabupaten else None
        return [NavItem(f"Portal {site.kabupaten.config.pemerintah}", portal)] if site.kabupaten and portal else []

    def jobs(self, site: Site, pdf: bool, planned: Sequence[Output]) -> list[Job]:
        static = Output("static", SITE_FILE, "write", Inputs(theme=("static",)), _copy_theme_static)
        assets = Output(ASSETS_DIR, SITE_FILE, "write", Inputs(sources=(ASSETS_DIR,)), _copy_assets)
        return [Job(None, (static, assets))]


def _warn_shadowed_logo(site: Site, problems: Problems) -> None:
    """A unit that inherits the logo but keeps another file at the same path prints its own file: say so."""
    logo, kabupaten = site.config.instansi.logo, site.kabupaten
    if logo is None or kabupaten is None:
        return
    own, pemda = site.root / logo, kabupaten.root / logo
    if own.is_file() and pemda.is_file() and own.read_bytes() != pemda.read_bytes():
        problems.add(
            site.config_source.at("instansi"), "instansi.logo",
            f"unit ini tidak menulis instansi.logo sehingga mewarisi '{logo}' dari pemda.yaml, tetapi foldernya memuat "
            f"berkas lain dengan nama itu; yang dicetak berkas unit ini",
            f"tulis 'logo: {logo}' di bawah instansi bila berkas itu memang logo unit ini, atau ganti nama berkasnya.",
            Level.WARNING, "logo-unit",
        )


def _copy_theme_static(ctx: RenderContext) -> None:
    """The theme's static files (CSS, fonts, scripts) to ``static/``."""
    shutil.copytree(theme_dir(ctx.site) / "static", ctx.stage.root / "static")


def _copy_assets(ctx: RenderContext) -> None:
    """The site's own files (logo, images) to ``assets/``, and the logo a unit inherits from pemda.yaml.

    The inherited logo is copied into the unit's own output so that each unit's folder of the
    output stands alone (its pages and PDFs never reach into the portal's files)."""
    site = ctx.site
    if (site.root / ASSETS_DIR).is_dir():
        shutil.copytree(site.root / ASSETS_DIR, ctx.stage.root / ASSETS_DIR)
    logo, source = site.config.instansi.logo, site.logo_file
    if site.logo_inherited and logo and source is not None and not (site.root / logo).is_file():
        target = ctx.stage.root / logo
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
