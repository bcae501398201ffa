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
from urllib.parse import unquote, urlparse

from jinja2 import Environment, TemplateError, TemplateSyntaxError

from ..content.loader import Site
from ..content.reading import inside
from ..errors import ContentError, Problem, relpath
from .env import theme_dir
from .pdf import UrlRefused
from .resources import HINT as URL_HINT
from .resources import TEMPLATE_SUFFIXES

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
def template_problems(site: Site) -> Iterator[None]:
    """Turn an exception raised inside a template, or a URL a PDF may not load, into a ContentError at its file and line."""
    try:
        yield
    except ContentError:
        raise
    except UrlRefused as refused:
        raise ContentError([url_problem(refused, site)]) from None
    except Exception as exc:
        problem = template_problem(exc, site.root)
        if problem is None:
            raise
        raise ContentError([problem]) from None


def url_problem(refused: UrlRefused, site: Site) -> Problem:
    """A refused URL at the first template or stylesheet line that writes it (the PDF renders from those)."""
    theme = theme_dir(site)
    files = [file for folder in (site.templates_dir, theme / "templates", theme / "static", site.root / "assets") if folder.is_dir()
             for file in sorted(folder.rglob("*")) if file.name.endswith((*TEMPLATE_SUFFIXES, ".css")) and inside(file, (site.root, theme))]
    texts = {file: file.read_text(encoding="utf-8", errors="replace").splitlines() for file in files}
    tail = unquote(urlparse(refused.url).path).rstrip("/").rsplit("/", 1)[-1]
    for written in (refused.url, tail):  # as fetched (a network address), else its file name (a relative path)
        for file, lines in texts.items():
            for number, line in enumerate(lines, start=1):
                if written and written in line:
                    return Problem(relpath(file, site.root), number, 1, "", refused.reason, URL_HINT)
    return Problem(relpath(site.templates_dir, site.root), 1, 1, "", refused.reason, URL_HINT)


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
