"""Turning a Jinja error into a problem at the template's file and line.

A site's own templates (``templates/`` overrides) are content its
administrators edit, so a mistake there is reported like a YAML mistake,
not as a traceback.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jinja2 import Environment, TemplateError, TemplateSyntaxError

from ..content.loader import Site
from ..errors import ContentError, Problem, relpath

TEMPLATE_SUFFIXES = (".html", ".svg", ".xml")
HINT = "periksa tanda {{ }} dan {% %} serta nama variabel di templat ini."


def template_problem(exc: BaseException, site_root: Path) -> Problem | None:
    """Where in which template the error is and what it says; None if it did not arise in a template.

    Jinja's own errors and any exception raised while a template runs (``{{ 1 / 0 }}``, a
    filter given a wrong value) alike: the override is content, so its mistake is a problem.
    """
    if isinstance(exc, TemplateSyntaxError) and exc.filename:
        file, line = exc.filename, exc.lineno
    else:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(TEMPLATE_SUFFIXES)]
        if not frames and not isinstance(exc, TemplateError):
            return None
        file, line = (frames[-1].filename, frames[-1].lineno or 1) if frames else ("templates", 1)
    shown = relpath(Path(file), site_root) if Path(file).is_absolute() else file
    message = exc.message if isinstance(exc, TemplateError) and exc.message else str(exc) or type(exc).__name__
    return Problem(shown, line, 1, "", f"galat templat: {message}", HINT)


@contextmanager
def template_problems(site_root: Path) -> Iterator[None]:
    """Turn an exception raised inside a template into a ContentError at its file and line."""
    try:
        yield
    except ContentError:
        raise
    except Exception as exc:
        problem = template_problem(exc, site_root)
        if problem is None:
            raise
        raise ContentError([problem]) from None


def compile_overrides(env: Environment, site: Site) -> list[Problem]:
    """Every template in the site's ``templates/`` compiled (syntax, refused links), PDF ones too."""
    folder = site.templates_dir
    found = []
    for file in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if not file.name.endswith(TEMPLATE_SUFFIXES):
            continue
        try:
            env.get_template(file.relative_to(folder).as_posix())
        except TemplateError as exc:
            problem = template_problem(exc, site.root)
            if problem:
                found.append(problem)
    return found
