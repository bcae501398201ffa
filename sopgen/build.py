"""The build on one screen: check every kind stage by stage, render every job, swap the output in.

The stages and jobs come from the registry (:mod:`sopgen.kinds`): this module names no kind."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .content.kabupaten import Kabupaten
from .content.loader import Site, load_settings
from .errors import ContentError, Problems
from .kinds import KINDS, STAGES, RenderContext, navigation, plan
from .output import BuildResult, Staging, refuse_unsafe_output, staged_output
from .progress import ProgressCallback
from .render.env import make_env, theme_dir
from .render.links import check_links
from .render.pdf import NotLaidOut, PdfPreview, PdfRenderer, placeholder_pdf
from .render.peta import write_site_files
from .render.template_errors import template_problems
from .timing import Timings


def check_site(site_dir: Path, timings: Timings | None = None, kabupaten: Kabupaten | None = None) -> tuple[Site | None, Problems]:
    """Load, merge, score, resolve and lint every kind, a stage at a time; writes nothing.

    ``kabupaten``: the multi-unit site ``site_dir`` is a unit of (its settings inherit pemda.yaml's)."""
    problems, timings = Problems(), Timings() if timings is None else timings
    loaded = load_settings(site_dir, problems, kabupaten)
    if loaded is None:
        return None, problems
    site, usable = loaded
    for stage in STAGES if usable else STAGES[:1]:  # broken settings: still report every file's own problems
        with timings.phase(stage):
            for kind in KINDS:
                getattr(kind, stage)(site, problems)
    return (site if usable else None), problems


def build_site(site_dir: Path, out_dir: Path, *, strict: bool = False, pdf: bool = True,
               progress: ProgressCallback | None = None, timings: Timings | None = None) -> BuildResult:
    """Build the site into ``out_dir``; raises ContentError (and writes nothing) on content problems."""
    timings = Timings() if timings is None else timings
    refuse_unsafe_output(out_dir, site_dir)  # before the long check: a refused --out is told at once
    site, problems = check_site(site_dir, timings)
    if site is None or problems.fails(strict):
        raise ContentError(problems.sorted())
    written = render_site(site, out_dir, pdf, progress, timings)
    return BuildResult(out_dir, written, problems.warnings, timings)


def render_site(site: Site, out_dir: Path, pdf: bool, progress: ProgressCallback | None, timings: Timings) -> list[str]:
    """Render every job of the plan into a staging folder swapped in as ``out_dir``; the files written.

    Without PDFs, the PDFs' HTML is rendered all the same (:class:`PdfPreview`, nothing laid out or
    kept): a template used only on paper is checked by ``check`` and ``build --no-pdf`` too. Last,
    the links written by hand must reach files written (:mod:`sopgen.render.links`).
    """
    with staged_output(out_dir, site.root, timings) as stage:
        render_into(site, stage, pdf, progress, timings)
    return sorted(stage.written)


def render_into(site: Site, stage: Staging, pdf: bool, progress: ProgressCallback | None, timings: Timings) -> None:
    """Render every job of the site's plan into ``stage`` (a unit of a multi-unit site: its folder of the staging)."""
    env = make_env(site)
    env.globals["nav"] = navigation(site, pdf)
    with template_problems(site):
        allowed = [stage.root, site.root, theme_dir(site)]
        context = RenderContext(site, env, stage, PdfRenderer(allowed) if pdf else None, timings)
        for job in plan(site, pdf):
            if job.label and progress:
                progress(job.label)
            for output in job.outputs:
                with timings.phase(output.phase):
                    context.results[output.path] = output.render(context)
        write_site_files(env, stage, site.config_source.path, site.config.alamat_situs)
        if not pdf:
            preview_pdfs(site, replace(context, renderer=PdfPreview(allowed)), timings)
        check_links(site, theme_dir(site), stage.root)


def preview_pdfs(site: Site, context: RenderContext, timings: Timings) -> None:
    """Render the HTML of every PDF a full build writes, check its URLs, make its Word copy, and keep none of it."""
    written = set(context.results)
    previewed = [o for job in plan(site, True) for o in job.outputs if o.path.endswith((".pdf", ".docx")) and o.path not in written]
    with timings.phase("pdf-html"):
        for output in previewed:
            try:
                output.render(context)
            except NotLaidOut:  # a blank page stands in for a PDF a later one reads (the binder)
                context.stage.write_bytes(output.path, output.owner, placeholder_pdf())
        for output in previewed:
            context.stage.discard(output.path)
