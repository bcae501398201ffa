"""The build on one screen: check every kind stage by stage, render every job, swap the output in.

The stages and jobs come from the registry (:mod:`sopgen.kinds`): this module names no kind."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import replace
from functools import partial
from pathlib import Path

from .cache import DOCUMENT_PHASES, OutputCache
from .content.kabupaten import Kabupaten
from .content.loader import Site, load_settings
from .errors import ContentError, Problems
from .kinds import KINDS, STAGES, Job, RenderContext, navigation, plan
from .memory import loaded_frozen
from .output import BuildResult, Staging, refuse_unsafe_output, staged_output
from .pool import check_in_worker, pdf_pool, pooled, render_in_pool
from .progress import ProgressCallback
from .refresh import PageReuse
from .render.env import make_env, theme_dir
from .render.links import check_links
from .render.pdf import NotLaidOut, PdfPreview, PdfRenderer, placeholder_pdf
from .render.peta import write_site_files
from .render.template_errors import template_problems
from .timing import Timings


def check_site(site_dir: Path, timings: Timings | None = None, kabupaten: Kabupaten | None = None,
               stages: tuple[str, ...] = STAGES) -> tuple[Site | None, Problems]:
    """Load, merge, score, resolve and lint every kind, a stage at a time; writes nothing.

    ``kabupaten``: the multi-unit site ``site_dir`` is a unit of (its settings inherit pemda.yaml's).
    ``stages``: the first of :data:`STAGES` to run (the preview's quick build leaves the lint to the full one)."""
    problems, timings = Problems(), Timings() if timings is None else timings
    loaded = load_settings(site_dir, problems, kabupaten)
    if loaded is None:
        return None, problems
    site, usable = loaded
    for stage in stages if usable else stages[:1]:  # broken settings: still report every file's own problems
        with timings.phase(stage):
            for kind in KINDS:
                getattr(kind, stage)(site, problems)
    return (site if usable else None), problems


def build_site(site_dir: Path, out_dir: Path, *, strict: bool = False, pdf: bool = True, progress: ProgressCallback | None = None,
               timings: Timings | None = None, cache: OutputCache | None = None, jobs: int = 1, reuse: PageReuse | None = None) -> BuildResult:
    """Build the site into ``out_dir``; raises ContentError (and writes nothing) on content problems.

    ``cache``: where PDFs, Word copies and pages whose inputs did not change are taken from (:mod:`sopgen.cache`); None renders every one.
    ``jobs``: the processes laying out PDFs (:mod:`sopgen.pool`); the output is the same for any number.
    ``reuse``: the preview's record of its last build (:mod:`sopgen.refresh`); a quick one skips the lint,
    the PDFs' HTML check and the link check, and renders only the outputs whose inputs changed."""
    timings = Timings() if timings is None else timings
    refuse_unsafe_output(out_dir, site_dir)  # before the long check: a refused --out is told at once
    with pdf_pool(jobs if pdf else 1) as pool:
        check_in_worker(pool, site_dir)  # side by side with the check below: the first PDF sent need not wait for it
        with reuse.loading() if reuse else nullcontext():
            site, problems = check_site(site_dir, timings, stages=reuse.stages if reuse else STAGES)
        if site is None or problems.fails(strict):
            raise ContentError(problems.sorted())
        written = render_site(site, out_dir, pdf, progress, timings, cache, pool, reuse)
    return BuildResult(out_dir, written, problems.warnings, timings)


def render_site(site: Site, out_dir: Path, pdf: bool, progress: ProgressCallback | None, timings: Timings,
                cache: OutputCache | None = None, pool: ProcessPoolExecutor | None = None, reuse: PageReuse | None = None) -> list[str]:
    """Render every job of the plan into a staging folder swapped in as ``out_dir``; the files written.

    Without PDFs, the PDFs' HTML is rendered all the same (:class:`PdfPreview`, nothing laid out or
    kept): a template used only on paper is checked by ``check`` and ``build --no-pdf`` too. Last,
    the links written by hand must reach files written (:mod:`sopgen.render.links`).
    """
    with staged_output(out_dir, site.root, timings) as stage:
        render_into(site, stage, pdf, progress, timings, cache, pool, reuse)
    return sorted(stage.written)


def render_context(site: Site, stage: Staging, pdf: bool, timings: Timings) -> RenderContext:
    """The templates (with the navigation) and the PDF renderer of ``site`` over ``stage``; a pool's worker makes its own the same way."""
    env = make_env(site)
    env.globals["nav"] = navigation(site, pdf)
    return RenderContext(site, env, stage, PdfRenderer(allowed_folders(site, stage)) if pdf else None, timings)


def allowed_folders(site: Site, stage: Staging) -> list[Path]:
    """What a PDF may load: the staging output, the site, the theme."""
    return [stage.root, site.root, theme_dir(site)]


def render_into(site: Site, stage: Staging, pdf: bool, progress: ProgressCallback | None, timings: Timings,
                cache: OutputCache | None = None, pool: ProcessPoolExecutor | None = None, reuse: PageReuse | None = None) -> None:
    """Render every job of the site's plan into ``stage`` (a unit of a multi-unit site: its folder of the staging).

    With a ``pool``, the PDFs that read no other output are laid out there, once the jobs before the first
    of them are done here (the theme's files they load are written by those); the rest follows here, in plan order.
    A shard's build (``cache.shard``) renders its share of the plan (:mod:`sopgen.shard`), for its cache only."""
    context = render_context(site, stage, pdf, timings)
    shard = cache.shard if cache else None
    planned = shard.share(plan(site, pdf), DOCUMENT_PHASES) if shard else plan(site, pdf)
    first = next((i for i, job in enumerate(planned) if any(map(pooled, job.outputs))), len(planned)) if pool and pdf else len(planned)
    quick = reuse is not None and reuse.quick
    if reuse is not None:
        reuse.prepare(planned, context)
    with template_problems(site), loaded_frozen() if pdf else nullcontext():  # sopgen.memory: Word copies' garbage
        render_jobs(planned[:first], context, cache, progress, reuse)
        if pool is not None and first < len(planned):
            with timings.phase("pdf"):
                render_in_pool(pool, context, planned[first:], cache, progress)
        render_jobs(planned[first:], context, cache, progress, reuse)
        write_site_files(context.env, stage, site.config_source.path, site.config.alamat_situs)
        if not pdf and not quick:
            preview_pdfs(site, replace(context, renderer=PdfPreview(allowed_folders(site, stage))), timings)
        if shard is None and not quick:  # a shard writes part of the site: its pages link to files other shards and assemble write
            check_links(site, theme_dir(site), stage.root)


def render_jobs(jobs: list[Job], context: RenderContext, cache: OutputCache | None, progress: ProgressCallback | None,
                reuse: PageReuse | None = None) -> None:
    """Render the outputs of ``jobs`` not rendered yet (by the pool), in order, through the cache if there is one
    (and the preview's record of its last build, if there is one)."""
    for job in jobs:
        todo = [o for o in job.outputs if o.path not in context.results]
        if job.label and progress and todo:
            progress(job.label)
        for output in todo:
            with context.timings.phase(output.phase):
                make = partial(cache.render, output, context) if cache else partial(output.render, context)
                context.results[output.path] = reuse.render(output, context, make) if reuse else make()


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
