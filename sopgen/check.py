"""``sopgen check``: every check of the build, and the HTML rendered where nothing is kept.

A site's template overrides are content too: rendering the pages, and the HTML of the PDFs
(not laid out), into a throw-away folder finds what ``build`` would find in them, at the
template's file and line.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from .build import check_site, render_site
from .content.loader import Site
from .errors import ContentError, Problems
from .portal import check_kabupaten
from .render.env import make_env
from .render.template_errors import compile_overrides
from .timing import Timings


def check_rendering(site_dir: Path, timings: Timings | None = None) -> Problems:
    """:func:`check_site`, then the pages and the PDFs' HTML rendered into a throw-away folder (nothing laid out).

    So that ``check`` finds what ``build`` would find in the templates: a sandbox refusal, a
    runtime error inside a site's override or a URL a PDF may not load, at the template's file
    and line. Every template of the site's ``templates/`` is also compiled, unused ones included.
    """
    timings = Timings() if timings is None else timings
    site, problems = check_site(site_dir, timings)
    if site is None or problems.errors:
        return problems
    return render_check(site, problems, timings)


def check_kabupaten_rendering(root: Path, only: str | None = None, timings: Timings | None = None) -> Problems:
    """:func:`check_rendering` for every unit of a multi-unit site (or only ``only``), each unit's problems at its own files."""
    timings = Timings() if timings is None else timings
    kabupaten, problems = check_kabupaten(root, timings, only)
    if kabupaten is None or problems.errors:
        return problems
    for site in kabupaten.sites.values():
        render_check(site, problems, timings)
    return problems


def render_check(site: Site, problems: Problems, timings: Timings) -> Problems:
    """The site's templates compiled and its pages and PDFs' HTML rendered into a throw-away folder; problems added."""
    env = make_env(site)
    problems.extend(compile_overrides(env, site))
    if problems.errors:
        return problems
    with tempfile.TemporaryDirectory(prefix="sopgen-check-") as scratch:
        try:
            render_site(site, Path(scratch) / "output", False, None, timings)
        except ContentError as failed:
            problems.extend(failed.problems)
    return problems
