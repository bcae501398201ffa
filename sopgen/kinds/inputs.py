"""The files an output is made from, from what its kind declares (:class:`~sopgen.kinds.base.Inputs`).

A kind names its content files and its templates; the rest is derived, so it cannot drift from
the templates themselves: everything a template extends, includes or imports, every theme file
a template names (``static/css/sop.css``) and every file such a stylesheet loads (fonts).
Incremental builds key their cache on these files (an output whose inputs are unchanged need
not be rendered again); a test checks them against what Jinja and WeasyPrint really read.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from weakref import WeakKeyDictionary

from jinja2 import Environment, TemplateNotFound, meta

from ..content.loader import Site
from ..render.env import theme_dir
from .base import Inputs

STATIC_REF = re.compile(r"""static/[A-Za-z0-9_./-]+\.[A-Za-z0-9]+""")
"""A theme file named in a template, e.g. ``url('static/css/sop.css')``."""
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


def input_files(inputs: Inputs, site: Site, env: Environment) -> list[Path]:
    """Every file the output reads, resolved, sorted and without repeats."""
    found: set[Path] = set(_theme_reach(inputs.templates, inputs.theme, site, env))
    for name in inputs.sources:
        found.update(_files(site.root / name))
    return sorted(p for p in found if p.exists())


_REACH: WeakKeyDictionary[Environment, dict[tuple[tuple[str, ...], tuple[str, ...]], frozenset[Path]]] = WeakKeyDictionary()
"""The template and theme files of each (templates, theme) pair, per environment: a build's outputs share a few pairs
(every SOP page reads the same templates), and a build makes its environment anew, so an edited template is read again."""


def _theme_reach(templates: tuple[str, ...], theme_names: tuple[str, ...], site: Site, env: Environment) -> frozenset[Path]:
    """The templates reached from ``templates``, the theme files they name, the named ``theme_names``, and what their CSS loads."""
    known = _REACH.setdefault(env, {})
    if (templates, theme_names) not in known:
        theme = theme_dir(site).resolve()
        found: set[Path] = set()
        texts = []
        for file in template_files(templates, env):
            found.add(file)
            texts.append(file.read_text(encoding="utf-8"))
        named = {m for text in texts for m in STATIC_REF.findall(text)} | set(theme_names)
        for name in named:
            for file in _files(theme / name):
                found |= _with_css_urls(file)
        known[templates, theme_names] = frozenset(found)
    return known[templates, theme_names]


def template_files(names: tuple[str, ...], env: Environment) -> list[Path]:
    """The files of ``names`` and of every template they reach, as the environment's loader finds them."""
    assert env.loader is not None
    seen: dict[str, Path] = {}
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        try:
            source, filename, _ = env.loader.get_source(env, name)
        except TemplateNotFound:
            continue  # reported when the output renders
        seen[name] = Path(filename or name).resolve()
        todo.extend(referenced_templates(source))
    return sorted(set(seen.values()))


_PARSER = Environment()
"""Parses templates for their references only: sopgen's environments use Jinja's default syntax, so any parses alike."""


@lru_cache(maxsize=512)
def referenced_templates(source: str) -> tuple[str, ...]:
    """The templates ``source`` extends, includes or imports by a constant name.

    Remembered by text: parsing is nearly all the cost of finding an output's inputs (a build asks
    for the same few templates once per output, ~6 ms a parse), and an edited template is new text."""
    return tuple(n for n in meta.find_referenced_templates(_PARSER.parse(source)) if n is not None)


def _files(path: Path) -> list[Path]:
    """The file, or every file below the folder."""
    path = path.resolve()
    return sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]


def _with_css_urls(path: Path) -> set[Path]:
    """A theme file, and for a stylesheet every file its ``url(...)`` names (fonts, images)."""
    files = {path.resolve()}
    if path.suffix == ".css" and path.is_file():
        for target in CSS_URL.findall(path.read_text(encoding="utf-8")):
            if not target.startswith(("data:", "http:", "https:", "#")):
                files.add((path.parent / target).resolve())
    return files
