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
from contextlib import nullcontext
from pathlib import Path

from .build import allowed_folders, check_site, render_into
from .cache import OutputCache
from .content.kabupaten import PEMDA_FILE, Kabupaten, load_kabupaten
from .content.loader import Site, load_settings
from .content.references import cross_unit_link
from .errors import ContentError, Problems, did_you_mean
from .kinds import KINDS, STAGES
from .kinds.base import NavItem
from .models.site import SiteConfig
from .output import BuildResult, Staging, refuse_unsafe_output, staged_output
from .pool import check_in_worker, pdf_pool
from .progress import ProgressCallback
from .refresh import PageReuse
from .render.binder_kabupaten import KABUPATEN_BINDER, build_kabupaten_binder, warn_other_paper
from .render.env import make_env, render_page, theme_dir
from .render.pdf import PdfRenderer
from .render.peta import write_site_files
from .render.portal import daftar_sop, kelompok_unit, rekap_kabupaten, rekap_kabupaten_xlsx, tahun_rekap
from .render.search import BUNDLE_DIR, SEARCH_PAGE, build_search_index, render_search_page
from .timing import Timings

ASSETS_DIR = "assets"
SEMUA_SOP = "sop/index.html"
"""The portal's list of every unit's SOPs (the units' own pages are under ``<unit>/sop/``)."""


class UnknownUnit(Exception):
    """``--unit`` names no unit folder: a usage mistake (exit 2), with the closest id."""


def check_kabupaten(root: Path, timings: Timings | None = None, only: str | None = None,
                    stages: tuple[str, ...] = STAGES) -> tuple[Kabupaten | None, Problems]:
    """pemda.yaml and every unit (or only ``only``), each through every stage (or the first ``stages``, as
    :func:`sopgen.build.check_site`); the units that checked clean are in ``sites``."""
    problems, timings = Problems(), Timings() if timings is None else timings
    kabupaten = load_kabupaten(root, problems)
    if kabupaten is None:
        return None, problems
    if only is not None and only not in kabupaten.units:
        raise UnknownUnit(f"unit '{only}' tidak ada di {kabupaten.root.name}/unit/; "
                          + (did_you_mean(only, kabupaten.units) or f"unit yang ada: {', '.join(sorted(kabupaten.units))}"))
    kabupaten.alone = only
    for unit in kabupaten.units.values():
        if only is None or unit.id == only:
            site, found = check_site(unit.root, timings, kabupaten, stages)
            problems.extend(found.items)
            if site is not None:
                kabupaten.sites[unit.id] = site
    if only is not None and only in kabupaten.sites:
        _load_neighbours(kabupaten, kabupaten.sites[only])
    elif only is None and "lint" in stages:
        warn_other_paper(kabupaten, problems)
    return kabupaten, problems


def _load_neighbours(kabupaten: Kabupaten, site: Site) -> None:
    """The units the previewed unit's keterkaitan names, loaded (not checked) for the titles its pages print.

    Their problems are not this preview's: a unit that does not load leaves the reference as written."""
    named = {cross[0] for doc in site.sops.values() for link in doc.model.keterkaitan if (cross := cross_unit_link(site, link))}
    for unit in sorted(named - {site.unit}):
        loaded = load_settings(kabupaten.units[unit].root, Problems(), kabupaten) if unit in kabupaten.units else None
        if loaded is not None and loaded[1]:
            for kind in KINDS:
                kind.load(loaded[0], Problems())
            kabupaten.neighbours[unit] = loaded[0]


def build_kabupaten(root: Path, out_dir: Path, *, strict: bool = False, pdf: bool = True, only: str | None = None,
                    progress: ProgressCallback | None = None, timings: Timings | None = None, cache: OutputCache | None = None,
                    jobs: int = 1, reuse: PageReuse | None = None) -> BuildResult:
    """Build every unit into ``out_dir/<unit>/`` and the portal into ``out_dir``; or, with ``only``, that unit alone into ``out_dir``.

    ``cache``, ``jobs`` and ``reuse`` as for :func:`sopgen.build.build_site`; one pool of ``jobs`` workers serves every unit.
    A quick ``reuse`` renders the portal's pages all the same (they read every unit) and keeps its search index."""
    timings = Timings() if timings is None else timings
    refuse_unsafe_output(out_dir, root)
    with pdf_pool(jobs if pdf else 1) as pool:
        check_in_worker(pool, root, root, only)  # side by side with the check below
        with reuse.loading() if reuse else nullcontext():
            kabupaten, problems = check_kabupaten(root, timings, only, reuse.stages if reuse else STAGES)
        if kabupaten is None or problems.fails(strict) or len(kabupaten.sites) < (1 if only else len(kabupaten.units)):
            raise ContentError(problems.sorted())
        return _render_kabupaten(kabupaten, out_dir, problems, pdf, progress, timings, cache, pool, reuse)


def _render_kabupaten(kabupaten: Kabupaten, out_dir: Path, problems: Problems, pdf: bool, progress: ProgressCallback | None,
                      timings: Timings, cache: OutputCache | None, pool: ProcessPoolExecutor | None, reuse: PageReuse | None) -> BuildResult:
    """Every unit (or the one ``alone``) and the portal, rendered into a staging folder swapped in as ``out_dir``."""
    only = kabupaten.alone
    with staged_output(out_dir, kabupaten.root, timings) as stage:
        if only is not None:
            render_into(kabupaten.sites[only], stage, pdf, progress, timings, cache, pool, reuse)
        else:
            for unit, site in kabupaten.sites.items():
                _render_unit(site, stage, unit, pdf, progress, timings, cache, pool, reuse)
            if not (cache and cache.shard):  # a shard's build leaves the portal and its search index to assemble
                with timings.phase("html"):
                    render_portal(kabupaten, stage, pdf)
                with timings.phase("search"):
                    if not (reuse is not None and reuse.quick and reuse.keep(BUNDLE_DIR, stage, PEMDA_FILE)):
                        build_search_index(stage)
    return BuildResult(out_dir, sorted(stage.written), problems.warnings, timings)


def _render_unit(site: Site, stage: Staging, unit: str, pdf: bool, progress: ProgressCallback | None, timings: Timings,
                 cache: OutputCache | None, pool: ProcessPoolExecutor | None, reuse: PageReuse | None) -> None:
    """The unit's site, as a single-unit build writes it, in ``<unit>/`` of the staging."""
    own = Staging(stage.root / unit)
    render_into(site, own, pdf, (lambda label: progress(f"{unit}: {label}")) if progress else None, timings, cache, pool, reuse)
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


def render_portal(kabupaten: Kabupaten, stage: Staging, pdf: bool, today: dt.date | None = None) -> None:
    """The theme's files and pemda's assets, the kabupaten binder (with ``pdf``, from the units' staged binders),
    the portal home, the kabupaten recap of every year and the search page."""
    site, today = portal_site(kabupaten), today or dt.date.today()
    shutil.copytree(theme_dir(site) / "static", stage.path("static", PEMDA_FILE))
    if (kabupaten.root / ASSETS_DIR).is_dir():
        shutil.copytree(kabupaten.root / ASSETS_DIR, stage.path(ASSETS_DIR, PEMDA_FILE))
    env = make_env(site)
    binder = build_kabupaten_binder(kabupaten, site, env, stage, PdfRenderer(allowed_folders(site, stage))) if pdf else None
    years = tahun_rekap(kabupaten)
    env.globals["nav"] = [NavItem("Beranda", "index.html"), NavItem("Semua SOP", SEMUA_SOP), *(NavItem(f"Rekap Kinerja {y}", _rekap_page(y)) for y in years), NavItem("Pencarian", SEARCH_PAGE)]
    stage.write_text("index.html", PEMDA_FILE, render_page(env, "portal.html", "index.html", kelompok=kelompok_unit(kabupaten, today),
                                                           tahun=years, rekap_page=_rekap_page, himpunan=KABUPATEN_BINDER if binder else None))
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


def _rekap_page(year: int) -> str:
    return f"kinerja/{year}/index.html"
