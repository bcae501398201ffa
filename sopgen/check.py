"""``sopgen check``: every check of the build, and the HTML rendered where nothing is kept.

A site's template overrides are content too: rendering the pages, and the HTML of the PDFs
(not laid out), into a throw-away folder finds what ``build`` would find in them, at the
template's file and line.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from .build import check_site, render_site
from .errors import ContentError, Problems
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
