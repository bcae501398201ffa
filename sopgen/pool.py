"""PDFs laid out on every core (``--jobs N``): a pool of worker processes, each loading the site itself.

WeasyPrint holds the GIL, so threads would not help: the PDFs are laid out in processes. A
worker is started by ``spawn`` (not ``fork``: the build may run beside threads, the progress
display's or ``serve``'s watcher) and receives paths, never objects: it checks the site (or the
kabupaten) once, as the build does but for the lint, and renders the PDFs it is sent into the same
staging folder. One worker starts its check while the build checks (:func:`check_in_worker`).
Only PDFs that read no other output go to the pool (the SOPs', the recaps', the monitoring
records'), and, as each is in, the Word copies made from it (:data:`FOLLOWERS`: sent with the
PDF's result); the binder, which joins them, and everything else stay in the build's own
process, in plan order, after the pool's work is in. Each PDF's bytes depend only on its inputs (see
:data:`sopgen.render.arsip.ARSIP_WAKTU`), so the output is the same file for file as ``--jobs 1``.

A content or template problem in a worker comes back as problems and is raised as the same
:class:`ContentError`, at its file and line; results are taken in plan order, so the first problem
is the one the serial build would stop at. Ctrl-C or a failure cancels what is queued and the
staging folder is dropped as before (the last good output stays); a worker whose build is killed
(``kill -9``) is killed with it (Linux ``PR_SET_PDEATHSIG``) instead of rendering for no one.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ContentError
from .kinds.base import RENDER_STAGES, Job, Output, RenderContext
from .memory import freeze_loaded
from .output import Staging
from .progress import ProgressCallback
from .render.template_errors import template_problems
from .timing import Timings

if TYPE_CHECKING:
    from .cache import OutputCache
    from .content.loader import Site

_PR_SET_PDEATHSIG = 1


def default_jobs() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@contextmanager
def pdf_pool(jobs: int) -> Iterator[ProcessPoolExecutor | None]:
    """A pool of ``jobs`` workers for the block (None for one job: the build renders in its own process).

    Shut down without waiting when the block fails (Ctrl-C included): queued PDFs are cancelled."""
    if jobs <= 1:
        yield None
        return
    pool = worker_pool(jobs)
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def worker_pool(jobs: int) -> ProcessPoolExecutor:
    """``jobs`` worker processes, started by ``spawn`` and ending with this process (see the module's docstring)."""
    return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"), initializer=_die_with_parent)


@dataclass(frozen=True)
class Task:
    """What a worker needs to render one output: where the site is and where to write, as paths, and the results it reads."""

    site_root: str
    kabupaten_root: str | None
    only: str | None
    """The one unit a ``--unit`` build checked (the worker checks the same units as the build)."""
    stage_root: str
    path: str
    results: tuple[tuple[str, Any], ...] = ()
    """The results of the outputs it needs (a Word copy: its PDF's page breaks), by path."""


FOLLOWERS = ("docx",)
"""Outputs made in the pool too, from a pooled PDF's file and result once it is laid out: the Word copies
(about 0.5 s each, most of a build after the PDFs, on one core otherwise)."""


def pooled(output: Output) -> bool:
    """A PDF that reads no other output: it can be laid out anywhere, in any order."""
    return output.phase == "pdf" and not output.needs


def follows(output: Output, pdfs: set[str]) -> bool:
    """An output the pool makes after the pooled PDFs it needs (:data:`FOLLOWERS`)."""
    return output.phase in FOLLOWERS and bool(output.needs) and set(output.needs) <= pdfs


@dataclass
class _Pending:
    """One output sent to the pool (or served by the cache: no future)."""

    output: Output
    key: str | None
    label: str | None
    future: Future[tuple[str, Any, set[str]]] | None


def render_in_pool(pool: ProcessPoolExecutor, context: RenderContext, planned: Sequence[Job], cache: OutputCache | None,
                   progress: ProgressCallback | None) -> None:
    """Lay out the pooled PDFs of ``planned`` in ``pool``, and the outputs that follow them (those the cache holds are
    copied instead); their results go into ``context.results``. A problem is raised once every output before it in
    plan order is in, so it is the one the serial build would stop at."""
    labels = {o.path: job.label for job in planned for o in job.outputs}
    pdfs = [o for job in planned for o in job.outputs if pooled(o)]
    paths = {o.path for o in pdfs}
    waiting: dict[str, list[Output]] = {}
    """The followers by each PDF they need (one per SOP: a scan of every follower per PDF grows as the square)."""
    for follower in (o for job in planned for o in job.outputs if follows(o, paths)):
        for need in follower.needs:
            waiting.setdefault(need, []).append(follower)
    first = [_send(pool, context, cache, o, labels[o.path]) for o in pdfs]
    second: list[_Pending] = []
    for pending in first:
        found = _take(pending, context, cache, progress)
        if found is not None:
            for done in second:
                _raise_problems(_take(done, context, cache, None))
            raise ContentError(found)
        for follower in waiting.get(pending.output.path, ()):
            if all(n in context.results for n in follower.needs):
                second.append(_send(pool, context, cache, follower, None))
    for pending in second:
        _raise_problems(_take(pending, context, cache, progress))


def _send(pool: ProcessPoolExecutor, context: RenderContext, cache: OutputCache | None, output: Output, label: str | None) -> _Pending:
    """Copy ``output`` from the cache into the staging folder, or send it to the pool."""
    key = cache.key(output, context) if cache else None
    hit = cache.serve(key, output, context) if cache and key else None
    if hit is not None:
        context.results[output.path] = hit[0]
        return _Pending(output, key, label, None)
    site, stage = context.site, context.stage
    kabupaten = site.kabupaten
    task = Task(str(site.root.resolve()), str(kabupaten.root.resolve()) if kabupaten else None, kabupaten.alone if kabupaten else None,
                str(stage.root), output.path, tuple((n, context.results[n]) for n in output.needs))
    return _Pending(output, key, label, pool.submit(render_task, task))


def _take(pending: _Pending, context: RenderContext, cache: OutputCache | None, progress: ProgressCallback | None) -> list[Any] | None:
    """Wait for ``pending`` and keep what it made (its files claimed, its result, its cache entry); its problems, if any."""
    output = pending.output
    if pending.future is not None:
        status, value, wrote = pending.future.result()
        if status == "problems":
            return list(value)
        for written in wrote:
            context.stage.path(written, output.owner)  # claimed here, where every output's path is known: a collision is still caught
        context.results[output.path] = value
        if cache and pending.key:
            cache.store(pending.key, output, context, value, wrote)
    if progress and pending.label:
        progress(pending.label)
    return None


def _raise_problems(problems: list[Any] | None) -> None:
    if problems is not None:
        raise ContentError(problems)


_CONTEXTS: dict[tuple[str, str], tuple[RenderContext, dict[str, Output]]] = {}
"""In a worker: each site's render context and outputs by path, per staging folder (made once per build)."""
_SITES: dict[str, Site] = {}
"""In a worker: every site checked, by its folder."""


def render_task(task: Task) -> tuple[str, Any, set[str]]:
    """In a worker: render one output; ``("ok", result, staged keys written)`` or ``("problems", problems, ∅)``."""
    context, outputs = _context(task)
    context.results.update(task.results)
    before = set(context.stage.written)
    try:
        with template_problems(context.site):
            result = outputs[task.path].render(context)
    except ContentError as error:
        return "problems", error.problems, set()
    return "ok", result, set(context.stage.written) - before


def _context(task: Task) -> tuple[RenderContext, dict[str, Output]]:
    from .build import render_context  # the worker is a fresh process: it loads the site as the build does
    from .kinds import plan

    key = (task.site_root, task.stage_root)
    if key not in _CONTEXTS:
        site = _site(task)
        context = render_context(site, Staging(Path(task.stage_root)), True, Timings())
        _CONTEXTS[key] = context, {o.path: o for job in plan(site, True) for o in job.outputs}
    return _CONTEXTS[key]


def check_in_worker(pool: ProcessPoolExecutor | None, site_root: Path, kabupaten_root: Path | None = None, only: str | None = None) -> None:
    """Have a worker of ``pool`` start and check the site at ``site_root`` (with ``kabupaten_root``: the kabupaten's
    units, or ``only`` that one) while the build checks it.

    A worker otherwise starts at the first PDF sent, after the build's own check: then it imports
    sopgen and checks the site before laying out, all of it on the way of a rebuild after one edit
    (about 4 s at 300 SOPs). One worker only: a rebuild that lays out nothing should not pay for more."""
    if pool is not None:
        pool.submit(_checked, str(site_root.resolve()), str(kabupaten_root.resolve()) if kabupaten_root else None, only)


def _site(task: Task) -> Site:
    """The site of ``task``, checked by this worker once (:func:`_checked`)."""
    if task.site_root not in _SITES:
        _checked(task.site_root, task.kabupaten_root, task.only)
    assert task.site_root in _SITES, "the build checked this site clean"
    return _SITES[task.site_root]


def _checked(site_root: str, kabupaten_root: str | None, only: str | None) -> None:
    """In a worker: check the site, or every unit of the kabupaten, up to what rendering needs (:data:`RENDER_STAGES`: the
    build runs the lint), and keep those that checked clean (one that did not is the build's to report)."""
    from .build import check_site
    from .portal import check_kabupaten

    if site_root in _SITES:
        return
    if kabupaten_root is None:
        site, _ = check_site(Path(site_root), stages=RENDER_STAGES)
        if site is not None:
            _SITES[site_root] = site
    else:
        kabupaten, _ = check_kabupaten(Path(kabupaten_root), only=only, stages=RENDER_STAGES)
        if kabupaten is not None:
            _SITES.update({str(s.root.resolve()): s for s in kabupaten.sites.values()})
    freeze_loaded()  # the site stays loaded until this process ends with the build (sopgen.memory)


def _die_with_parent() -> None:
    """A worker ends when the build's process does (``kill -9`` included), on Linux."""
    if sys.platform == "linux":
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
