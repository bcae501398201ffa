"""The build pipeline on one screen: load, resolve, lint, render, write.

Order matters (as in MkDocs' build): every file is loaded and checked before
anything is rendered, and nothing reaches ``output/`` unless the whole build
succeeded (see :mod:`sopgen.output`).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import TemplateError

from .content.loader import Site, load_site
from .content.references import resolve_references
from .errors import ContentError, Problem, Problems
from .lint import lint_site
from .output import Staging, staged_output
from .render.binder import build_binder
from .render.env import make_env, theme_dir
from .render.home import navigation, render_home
from .render.laporan import render_laporan
from .render.pdf import PdfRenderer
from .render.recap import render_recaps
from .render.search import build_search_index, render_search_page
from .render.sop import render_sops
from .render.template_errors import template_problem
from .timing import Timings

Progress = Callable[[str], None]


@dataclass
class BuildResult:
    """What a successful build wrote, what it warned about, and how long each phase took."""

    out_dir: Path
    files: list[str]
    warnings: list[Problem]
    timings: Timings = field(default_factory=Timings)


def check_site(site_dir: Path) -> tuple[Site | None, Problems]:
    """Load, resolve and lint a site; writes nothing."""
    problems = Problems()
    site = load_site(site_dir, problems)
    if site is not None:
        resolve_references(site, problems)
        lint_site(site, problems)
    return site, problems


def build_site(
    site_dir: Path, out_dir: Path, *, strict: bool = False, pdf: bool = True,
    progress: Progress | None = None, timings: Timings | None = None,
) -> BuildResult:
    """Build the site into ``out_dir``; raises ContentError (and writes nothing) on content problems."""
    timings = Timings() if timings is None else timings
    with timings.phase("load"):
        site, problems = check_site(site_dir)
    if site is None or problems.fails(strict):
        raise ContentError(problems.sorted())
    try:
        files = _render_all(site, out_dir, pdf, progress or (lambda _: None), timings)
    except TemplateError as exc:
        raise ContentError([template_problem(exc, site.root)]) from None
    return BuildResult(out_dir, files, problems.warnings, timings)


def _render_all(site: Site, out_dir: Path, pdf: bool, step: Progress, timings: Timings) -> list[str]:
    """Render every document into a staging folder and swap it in; the files written."""
    env = make_env(site)
    env.globals["nav"] = navigation(site, pdf)
    with staged_output(out_dir, timings) as stage:
        with timings.phase("write"):
            _copy_static(site, stage)
        renderer = PdfRenderer([stage.root, site.root, theme_dir(site)]) if pdf else None
        render_sops(site, env, stage, renderer, timings, step)
        render_recaps(site, env, stage, renderer, timings, step)
        render_laporan(site, env, stage, renderer, timings, step)
        if renderer is not None:
            step("Himpunan SOP (PDF)")
            with timings.phase("binder"):
                build_binder(site, env, stage, renderer)
        with timings.phase("html"):
            render_home(site, env, stage)
            render_search_page(env, stage)
        step("indeks pencarian")
        with timings.phase("search"):
            build_search_index(stage)
        files = sorted(stage.written)
    return files


def _copy_static(site: Site, stage: Staging) -> None:
    """The theme's static files to ``static/``, the site's own assets to ``assets/``."""
    shutil.copytree(theme_dir(site) / "static", stage.root / "static")
    if (site.root / "assets").is_dir():
        shutil.copytree(site.root / "assets", stage.root / "assets")
