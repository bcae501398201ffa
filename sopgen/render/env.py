"""The Jinja environment: the theme's templates, overridable per site, with relative URLs.

A site overrides a theme template by putting a file of the same name in its
``templates/`` folder; the override can extend the template it replaces as
``{% extends "!theme/<name>" %}`` (Pelican's ``!simple`` prefix, for the same reason).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, StrictUndefined, TemplateSyntaxError, select_autoescape
from jinja2.bccache import Bucket, BytecodeCache
from jinja2.sandbox import SandboxedEnvironment

from ..content.loader import Site
from ..content.reading import CONTROL, OUTSIDE_HINT, inside
from ..errors import Problems, did_you_mean
from .alamat import published_url
from .format import FILTERS, GLOBALS
from .sumber import sumber_halaman

THEMES_DIR = (Path(__file__).resolve().parents[1] / "themes").resolve()
"""The themes shipped with sopgen: ``sopgen/themes`` links to the repository's ``themes/``
and is a real folder in an installed wheel, so both find the same files."""


def theme_dir(site: Site) -> Path:
    """The site's own ``themes/<name>`` if it has one, else sopgen's."""
    name = site.config.tema
    own = site.root / "themes" / name
    return own if own.is_dir() else THEMES_DIR / name


def check_theme(site: Site, problems: Problems) -> None:
    """``tema:`` must name a theme folder with templates, inside the site or among sopgen's themes."""
    where, folder = site.config_source.at("tema"), theme_dir(site)
    if not inside(folder, (site.root, THEMES_DIR)):
        problems.add(where, "tema", f"tema '{site.config.tema}' berada di luar folder situs", OUTSIDE_HINT)
    elif not (folder / "templates").is_dir():
        known = sorted(p.name for p in THEMES_DIR.iterdir() if (p / "templates").is_dir())
        problems.add(where, "tema", f"tema '{site.config.tema}' tidak ditemukan",
                     did_you_mean(site.config.tema, known) or f"tema yang tersedia: {', '.join(known)}; atau buat folder themes/{site.config.tema}/ di situs.")


class ContainedLoader(FileSystemLoader):
    """A FileSystemLoader that refuses a template whose file (a symlink) lies outside its folder."""

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        if filename and not inside(Path(filename), [Path(p) for p in self.searchpath]):
            raise TemplateSyntaxError("berkas templat berada di luar foldernya (tautan simbolik ke luar situs)", 1, template, filename)
        bad = CONTROL.search(source)
        if bad:
            raise TemplateSyntaxError(f"karakter kendali tak terlihat U+{ord(bad.group()):04X}", source.count("\n", 0, bad.start()) + 1, template, filename)
        return source, filename, uptodate


class CompiledTemplates(BytecodeCache):
    """Templates compiled once per process, kept in memory by name and file; an edited file is compiled again.

    Every build makes its environment anew (the templates may have changed since the last), and
    compiling the dozen templates a page reaches takes ~0.1 s: most of what ``sopgen serve`` spends
    on rendering the one page an edit changed. Jinja checks each entry against the checksum of the
    template's current source, so an edited template never runs as its old code. Shared only by
    environments :func:`make_env` makes, which compile alike."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED = CompiledTemplates()


def make_env(site: Site) -> Environment:
    """A strict, autoescaping, sandboxed environment over the site's overrides and the theme.

    Sandboxed because a site's templates arrive in pull requests: in a plain environment
    ``{{ lipsum.__globals__ }}`` reaches ``os`` and runs commands on the build machine. One
    environment for site and theme alike, so an override sees exactly what the theme sees.
    """
    theme_templates = ContainedLoader(theme_dir(site) / "templates")
    env = SandboxedEnvironment(
        loader=ChoiceLoader([
            ContainedLoader(site.templates_dir),
            theme_templates,
            PrefixLoader({"!theme": theme_templates}),
        ]),
        autoescape=select_autoescape(["html", "svg", "xml"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=COMPILED,
    )
    env.filters.update(FILTERS)
    env.filters["alamat"] = published_url
    env.globals["sumber_halaman"] = sumber_halaman(site)
    env.globals.update(GLOBALS)
    env.globals["site"] = site.config
    env.globals["unit_filter"] = site.config.instansi.unit_kerja if site.unit else None  # the portal's search filters by unit
    return env


def relative_url(from_page: str, target: str) -> str:
    """A link from one output file to another that works from the file system and under any sub-path.

    An absolute address (``https://...``, e.g. the published portal a unit's own preview links to) is kept."""
    if "://" in target:
        return target
    start = posixpath.dirname(from_page) or "."
    return posixpath.relpath(target, start)


def render_page(env: Environment, template: str, page_path: str, **context: Any) -> str:
    """Render ``template`` as the output file ``page_path``; ``url()`` in it makes relative links."""
    return env.get_template(template).render(
        page_path=page_path,
        url=lambda target: relative_url(page_path, target),
        **context,
    )
