"""The build of a multi-unit site (pemda.yaml + unit/<id>/): every unit as today, then the portal.

Each unit is checked and rendered by the single-unit pipeline (:mod:`sopgen.build`) into its own
folder of one staging folder, ``output/<unit>/``; the portal pages (home, kabupaten recap, search
over every unit) are written beside them and the whole output is swapped in at once, so a failed
unit leaves the previous output of every unit in place.
"""

from __future__ import annotations

import datetime as dt
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .build import check_site, render_into
from .cache import PdfCache
from .content.kabupaten import PEMDA_FILE, Kabupaten, load_kabupaten
from .content.loader import Site
from .errors import ContentError, Problems, did_you_mean
from .kinds.base import NavItem
from .models.site import SiteConfig
from .output import BuildResult, Staging, refuse_unsafe_output, staged_output
from .pool import pdf_pool
from .progress import ProgressCallback
from .render.env import make_env, render_page, theme_dir
from .render.peta import write_site_files
from .render.portal import daftar_sop, kelompok_unit, rekap_kabupaten, rekap_kabupaten_xlsx, tahun_rekap
from .render.search import SEARCH_PAGE, build_search_index, render_search_page
from .timing import Timings

ASSETS_DIR = "assets"
SEMUA_SOP = "sop/index.html"
"""The portal's list of every unit's SOPs (the units' own pages are under ``<unit>/sop/``)."""


class UnknownUnit(Exception):
    """``--unit`` names no unit folder: a usage mistake (exit 2), with the closest id."""


def check_kabupaten(root: Path, timings: Timings | None = None, only: str | None = None) -> tuple[Kabupaten | None, Problems]:
    """pemda.yaml and every unit (or only ``only``), each through every stage; the units that checked clean are in ``sites``."""
    problems, timings = Problems(), Timings() if timings is None else timings
    kabupaten = load_kabupaten(root, problems)
    if kabupaten is None:
        return None, problems
    if only is not None and only not in kabupaten.units:
        raise UnknownUnit(f"unit '{only}' tidak ada di {kabupaten.root.name}/unit/; "
                          + (did_you_mean(only, kabupaten.units) or f"unit yang ada: {', '.join(sorted(kabupaten.units))}"))
    for unit in kabupaten.units.values():
        if only is None or unit.id == only:
            site, found = check_site(unit.root, timings, kabupaten)
            problems.extend(found.items)
            if site is not None:
                kabupaten.sites[unit.id] = site
    return kabupaten, problems


def build_kabupaten(root: Path, out_dir: Path, *, strict: bool = False, pdf: bool = True, only: str | None = None,
                    progress: ProgressCallback | None = None, timings: Timings | None = None, cache: PdfCache | None = None,
                    jobs: int = 1) -> BuildResult:
    """Build every unit into ``out_dir/<unit>/`` and the portal into ``out_dir``; or, with ``only``, that unit alone into ``out_dir``.

    ``cache`` and ``jobs`` as for :func:`sopgen.build.build_site`; one pool of ``jobs`` workers serves every unit."""
    timings = Timings() if timings is None else timings
    refuse_unsafe_output(out_dir, root)
    kabupaten, problems = check_kabupaten(root, timings, only)
    if kabupaten is None or problems.fails(strict) or len(kabupaten.sites) < (1 if only else len(kabupaten.units)):
        raise ContentError(problems.sorted())
    with pdf_pool(jobs if pdf else 1) as pool, staged_output(out_dir, kabupaten.root, timings) as stage:
        if only is not None:
            render_into(kabupaten.sites[only], stage, pdf, progress, timings, cache, pool)
        else:
            for unit, site in kabupaten.sites.items():
                _render_unit(site, stage, unit, pdf, progress, timings, cache, pool)
            if not (cache and cache.shard):  # a shard's build leaves the portal and its search index to assemble
                with timings.phase("html"):
                    render_portal(kabupaten, stage)
                with timings.phase("search"):
                    build_search_index(stage)
    return BuildResult(out_dir, sorted(stage.written), problems.warnings, timings)


def _render_unit(site: Site, stage: Staging, unit: str, pdf: bool, progress: ProgressCallback | None, timings: Timings,
                 cache: PdfCache | None, pool: ProcessPoolExecutor | None) -> None:
    """The unit's site, as a single-unit build writes it, in ``<unit>/`` of the staging."""
    own = Staging(stage.root / unit)
    render_into(site, own, pdf, (lambda label: progress(f"{unit}: {label}")) if progress else None, timings, cache, pool)
    for path, owner in own.written.items():
        stage.written[f"{unit}/{path}"] = owner


def portal_site(kabupaten: Kabupaten) -> Site:
    """pemda.yaml as the settings of the portal's pages (header, footer, logo, theme)."""
    pemda = kabupaten.config
    config = SiteConfig.model_validate({
        "judul": pemda.judul or f"SOP dan Kinerja Pemerintah {pemda.pemerintah}",
        "instansi": {"pemerintah": pemda.pemerintah, "unit_kerja": "Portal SOP dan Kinerja", "alamat": pemda.alamat, "kop": pemda.kop,
                     "logo": pemda.logo, "logo_pengganti": pemda.logo_pengganti},
        "alamat_situs": pemda.alamat_situs,
    })
    return Site(kabupaten.root, config, kabupaten.source, kabupaten=kabupaten)


def render_portal(kabupaten: Kabupaten, stage: Staging, today: dt.date | None = None) -> None:
    """The portal home, the kabupaten recap of every year, the search page, the theme's files and pemda's assets."""
    site, today = portal_site(kabupaten), today or dt.date.today()
    env = make_env(site)
    years = tahun_rekap(kabupaten)
    env.globals["nav"] = [NavItem("Beranda", "index.html"), NavItem("Semua SOP", SEMUA_SOP), *(NavItem(f"Rekap Kinerja {y}", _rekap_page(y)) for y in years), NavItem("Pencarian", SEARCH_PAGE)]
    stage.write_text("index.html", PEMDA_FILE, render_page(env, "portal.html", "index.html", kelompok=kelompok_unit(kabupaten, today),
                                                           tahun=years, rekap_page=_rekap_page))
    sops = daftar_sop(kabupaten)
    units = sorted({(r.unit, r.nama_unit) for r in sops}, key=lambda u: u[1])
    stage.write_text(SEMUA_SOP, PEMDA_FILE, render_page(env, "portal_sop.html", SEMUA_SOP, baris=sops, units=units,
                                                        bidang=sorted({r.bidang for r in sops if r.bidang})))
    for year in years:
        rows = rekap_kabupaten(kabupaten, year)
        xlsx = f"kinerja/{year}/rekap-kinerja-kabupaten-{year}.xlsx"
        stage.write_bytes(xlsx, PEMDA_FILE, rekap_kabupaten_xlsx(rows, year, f"Rekap Kinerja {kabupaten.config.pemerintah}"))
        stage.write_text(_rekap_page(year), PEMDA_FILE, render_page(env, "portal_rekap.html", _rekap_page(year), tahun=year, baris=rows, xlsx=xlsx))
    render_search_page(env, stage)
    write_site_files(env, stage, PEMDA_FILE, site.config.alamat_situs)
    shutil.copytree(theme_dir(site) / "static", stage.path("static", PEMDA_FILE))
    if (kabupaten.root / ASSETS_DIR).is_dir():
        shutil.copytree(kabupaten.root / ASSETS_DIR, stage.path(ASSETS_DIR, PEMDA_FILE))


def _rekap_page(year: int) -> str:
    return f"kinerja/{year}/index.html"
