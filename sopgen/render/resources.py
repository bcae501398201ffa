"""What a stylesheet, a template or a PDF's HTML may load: files of the site and of its theme.

One rule, applied at three moments so that ``check`` and ``build`` refuse the same things:

1. before anything is rendered, on every CSS and SVG file of the theme and of ``assets/``
   (``url()``, ``@import``, an SVG's ``<image>`` or ``<use>``: a logo drawn in Inkscape may link
   its bitmap by address) and on the URLs written literally in the templates (``<link>``, ``<img>``,
   ``<script>``, ``url()``): a problem at the file and line;
2. on the HTML of every PDF, rendered but not laid out (``check``, ``build --no-pdf``);
3. in the PDF fetcher itself while WeasyPrint lays a PDF out (``build``).

Refused: a network address (a build reads no network, and a PDF must print the same on every
machine), an absolute path, a path leading outside the site and the theme (also through a
symlink), and a file that is not there (a PDF silently printed without its font or logo).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Sequence
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

from ..content.loader import Site
from ..content.reading import ReadRefused, check_tree, inside, read_text
from ..errors import Position, Problems, relpath

TEMPLATE_SUFFIXES = (".html", ".svg", ".xml")
"""The files of a templates folder that are templates."""

HINT = "muat hanya berkas tema (static/) atau berkas situs (assets/) dengan path relatif, mis. url(\"../fonts/huruf.ttf\")."

_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_URL = re.compile(r"""@import\s+(?:url\(\s*)?(["']?)([^"')\s;]*)\1|url\(\s*(["']?)([^"')]*?)\3\s*\)""", re.IGNORECASE)
"""``@import "x.css"``, ``@import url(x.css)`` and every ``url(...)`` of a stylesheet."""
_TAG_URL = re.compile(
    r"""<(?:link|img|script|image|source|object|embed|iframe)\b[^>]*?\s(?:href|src|data|xlink:href)\s*=\s*(["'])(.*?)\1""",
    re.IGNORECASE | re.DOTALL,
)
"""What a template's tags load: the address of a stylesheet, image, script or embedded object."""
_LOADED = {"link": ("href",), "img": ("src",), "image": ("href", "xlink:href"), "object": ("data",), "embed": ("src",), "source": ("src",)}
"""The attributes WeasyPrint fetches, by tag."""
_SVG_URL = re.compile(
    r"""<(?:image|use|feImage)\b[^>]*?\s(?:href|xlink:href)\s*=\s*(["'])(.*?)\1""",
    re.IGNORECASE | re.DOTALL,
)
"""What an SVG file's elements load (its ``<style>`` is read with :data:`_CSS_URL`)."""


def url_refusal(url: str, base: Path, roots: Sequence[Path]) -> str | None:
    """Why ``url``, written in a file at folder ``base``, may not be loaded; None if it may."""
    url = url.strip()
    if not url or url.startswith("#"):
        return None
    parsed = urlparse(url)
    scheme = parsed.scheme.lower()
    if scheme == "data":
        return None
    if url.startswith("//") or (scheme and scheme != "file" and len(scheme) > 1):
        return f"alamat jaringan '{url}' tidak boleh dimuat"
    if scheme == "file" or url.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", url):
        return f"path absolut '{url}' tidak boleh dimuat"
    return file_refusal(base / unquote(parsed.path), roots, url)


def file_refusal(path: Path, roots: Sequence[Path], shown: str) -> str | None:
    """Why the file ``path`` (written as ``shown``) may not be loaded; None if it is a file inside ``roots``."""
    if not inside(path, roots):
        return f"berkas '{shown}' berada di luar folder situs dan tema"
    if not path.is_file():
        return f"berkas '{shown}' tidak ditemukan"
    return None


def output_file(relative: str, site: Site, theme: Path) -> Path | None:
    """The source of an output path a stylesheet loads: ``static/`` is the theme's, ``assets/`` the site's."""
    top, _, rest = relative.partition("/")
    if top == "static":
        return theme / "static" / rest
    if top == "assets":
        return site.root / "assets" / rest
    return None


def check_resources(site: Site, theme: Path, problems: Problems) -> None:
    """Every stylesheet of the theme and of ``assets/``, and every template's literal URLs, under the rule."""
    roots = (site.root, theme)
    if inside(theme, (site.root,)):
        check_tree(theme / "static", site.root, problems)  # copied as is into the output, like assets/
    for folder, prefix in ((theme / "static", "static"), (site.root / "assets", "assets")):
        for file in sorted(f for f in folder.rglob("*") if f.suffix.lower() in (".css", ".svg")) if folder.is_dir() else []:
            output = f"{prefix}/{file.relative_to(folder).as_posix()}"
            patterns = (_CSS_URL, _SVG_URL) if file.suffix.lower() == ".svg" else (_CSS_URL,)
            for where, url in [found for pattern in patterns for found in _urls(file, roots, site, pattern)]:
                problem = _stylesheet_refusal(url, output, site, theme)
                if problem:
                    problems.add(where, "", problem, HINT)
    for folder in (site.templates_dir, theme / "templates"):
        for file in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if not file.is_file() or not file.name.endswith(TEMPLATE_SUFFIXES):
                continue
            for where, url in [*_urls(file, roots, site, _TAG_URL), *_urls(file, roots, site, _CSS_URL)]:
                if "{{" in url or "{%" in url:
                    continue  # made while rendering: checked in the rendered HTML
                problem = url_refusal(url, site.root, roots) if _absolute(url) else None  # a relative one depends on the page
                if problem:
                    problems.add(where, "", problem, HINT)


def _absolute(url: str) -> bool:
    """A URL that means the same from every page (a network address or an absolute path)."""
    return bool(urlparse(url.strip()).scheme) or url.strip().startswith(("/", "\\"))


def _stylesheet_refusal(url: str, output: str, site: Site, theme: Path) -> str | None:
    """The rule for a stylesheet's (or an SVG's) URL, resolved where the file lands in the output."""
    if _absolute(url) or not url.strip() or url.strip().startswith("#"):
        return url_refusal(url, theme, (site.root, theme))
    target = posixpath.normpath(posixpath.join(posixpath.dirname(output), unquote(urlparse(url.strip()).path)))
    source = output_file(target, site, theme)
    if source is None:
        return f"berkas '{url.strip()}' berada di luar folder static/ tema dan assets/ situs"
    return file_refusal(source, (site.root, theme), url.strip())


def _urls(file: Path, roots: Sequence[Path], site: Site, pattern: re.Pattern[str]) -> Iterator[tuple[Position, str]]:
    """Each URL ``pattern`` finds in ``file``, where it is written (CSS comments skipped).

    A file that cannot be read under the one reading rule is skipped: the template loader and
    the copy of ``static/`` (:func:`check_tree`) report it, once.
    """
    shown = relpath(file, site.root)
    try:
        text, _ = read_text(file, roots, shown)
    except ReadRefused:
        return
    text = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    for match in pattern.finditer(text):
        group = 2 if match.group(2) is not None else 4
        start = match.start(group)
        yield Position(shown, text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start)), match.group(group) or ""


class _Loaded(HTMLParser):
    """The URLs a rendered page makes WeasyPrint fetch: stylesheets, images, objects, CSS ``url()``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "link" and "stylesheet" not in (found.get("rel") or "").lower().split():
            return
        self.urls += [found[name] or "" for name in _LOADED.get(tag, ()) if found.get(name) is not None]
        self.urls += _css_urls(found.get("style") or "")
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.urls += _css_urls(data)


def _css_urls(css: str) -> list[str]:
    return [m.group(2) if m.group(2) is not None else m.group(4) or "" for m in _CSS_URL.finditer(_COMMENT.sub("", css))]


def html_urls(html: str) -> list[str]:
    """Every URL WeasyPrint would fetch to lay ``html`` out (the stylesheets' own URLs aside)."""
    parser = _Loaded()
    parser.feed(html)
    parser.close()
    return parser.urls
