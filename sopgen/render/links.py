"""A relative link written by hand must reach a page or file the build writes.

The theme's own links are made by sopgen (``url()``) and tested on the demo; what an
administrator writes by hand — an ``href`` or ``src`` in a site's template override or own
theme, a link in a Markdown part of the Laporan — is known only once the pages are rendered,
because a relative link means something else from each page. A wrong one used to give a 404
in the browser and nothing at build time; now it is a problem at the line it is written,
found by ``check`` and ``build`` alike (both render every page).

Only links written literally are read (a link made with ``{{ }}`` is sopgen's), and a page is
read only if it holds one of them: a site without hand-written links pays nothing.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..content.loader import Site
from ..content.reading import ReadRefused, inside, read_text
from ..errors import ContentError, Position, Problem, relpath
from .resources import TEMPLATE_SUFFIXES

HINT = "tulis path relatif dari halaman itu ke berkas hasil build (mis. ../sop/nama-sop.html), atau hapus tautannya."

_TAG_LINK = re.compile(r"""\s(?:href|src)\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)
_MARKDOWN_LINK = re.compile(r"""\]\(\s*<?([^)\s>]+)""")
"""The target of a Markdown link or image: ``[teks](../sop/x.html)``."""


@dataclass(frozen=True)
class Written:
    """A relative link as an administrator wrote it, and where."""

    url: str
    where: Position


def hand_written(site: Site, theme: Path) -> list[Written]:
    """The relative links written literally in the site's templates, its own theme and its Markdown parts."""
    found: list[Written] = []
    folders = [site.templates_dir] + ([theme / "templates"] if inside(theme, (site.root,)) else [])
    for folder in folders:
        for file in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if file.is_file() and file.name.endswith(TEMPLATE_SUFFIXES):
                found += _links(file, site, _TAG_LINK, 2)
    for doc in site.laporan.values():
        for part in doc.bagian:
            found += _links(part.file, site, _MARKDOWN_LINK, 1)
    return [w for w in found if _relative(w.url)]


def check_links(site: Site, theme: Path, out: Path) -> None:
    """Raise a ContentError for each hand-written link that, on a page holding it, reaches no file of ``out``."""
    written = hand_written(site, theme)
    if not written:
        return
    problems: dict[Written, Problem] = {}
    for page in sorted(out.rglob("*.html")):
        text = page.read_text(encoding="utf-8", errors="replace")
        folder = posixpath.dirname(page.relative_to(out).as_posix())
        for link in (w for w in written if w not in problems and _holds(text, w.url)):
            if not _reaches(out, folder, link.url):
                shown = page.relative_to(out).as_posix()
                message = f"tautan '{link.url}' di halaman {shown} menuju berkas yang tidak ada di hasil build"
                problems[link] = Problem(link.where.path, link.where.line, link.where.column, "", message, HINT)
    if problems:
        raise ContentError(list(problems.values()))


def _holds(page: str, url: str) -> bool:
    """The page has ``url`` as an attribute's whole value (not inside another link: ``x.png`` in ``../x.png``)."""
    return any(f"{quote}{form}{quote}" in page for form in {url, html.escape(url, quote=False)} for quote in "\"'")


def _reaches(out: Path, folder: str, url: str) -> bool:
    path = unquote(urlsplit(url).path)
    if not path:
        return True  # ``?x`` or ``#bagian``: this page itself
    target = posixpath.normpath(posixpath.join(folder, path))
    if target == ".." or target.startswith("../"):
        return False
    file = out / target
    return file.is_file() or (file / "index.html").is_file()


def _relative(url: str) -> bool:
    """A link that means a file of the output, relative to its page (not an address, a fragment or a made one)."""
    url = url.strip()
    return bool(url) and not url.startswith(("#", "/", "\\")) and not urlsplit(url).scheme and "{{" not in url and "{%" not in url


def _links(file: Path, site: Site, pattern: re.Pattern[str], group: int) -> Iterator[Written]:
    shown = relpath(file, site.root)
    try:
        text, _ = read_text(file, (site.root,), shown)
    except ReadRefused:
        return  # refused files are reported where they are read
    for match in pattern.finditer(text):
        start = match.start(group)
        line = text.count("\n", 0, start) + 1
        yield Written(match.group(group).strip(), Position(shown, line, start - text.rfind("\n", 0, start)))
