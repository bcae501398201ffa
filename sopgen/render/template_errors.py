"""Turning a Jinja error into a problem at the template's file and line.

A site's own templates (``templates/`` overrides) are content its
administrators edit, so a mistake there is reported like a YAML mistake,
not as a traceback.
"""

from __future__ import annotations

import traceback
from pathlib import Path

from jinja2 import TemplateError, TemplateSyntaxError

from ..errors import Problem, relpath


def template_problem(exc: TemplateError, site_root: Path) -> Problem:
    """Where in which template the error is, and what it says."""
    if isinstance(exc, TemplateSyntaxError) and exc.filename:
        file, line = exc.filename, exc.lineno
    else:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith((".html", ".svg", ".xml"))]
        file, line = (frames[-1].filename, frames[-1].lineno or 1) if frames else ("templates", 1)
    shown = relpath(Path(file), site_root) if Path(file).is_absolute() else file
    return Problem(shown, line, 1, "", f"galat templat: {exc.message or exc}", "periksa tanda {{ }} dan {% %} serta nama variabel di templat ini.")
