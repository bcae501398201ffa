"""What the report's Markdown may contain, and where it breaks the rules, line by line.

The narrative is rendered into the site, so raw HTML in it could run script in a reader's
browser. The render step cleans the HTML with nh3 using the allowlist below (that is the
security boundary). This module reads the *source* with the same allowlist to tell the
administrator what will be removed, at its file and line: a cleaned report that silently
differs from what was written would be a surprise.

Images must be files inside the site folder: the PDF renderer reads nothing else, and an
address such as ``/etc/passwd`` or ``http://…`` is an error at the line that names it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

from ..errors import Level, Problem

TAGS = frozenset({
    "p", "br", "hr", "h2", "h3", "h4", "h5", "strong", "em", "b", "i", "u", "s", "sub", "sup",
    "small", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "a", "img", "table", "thead",
    "tbody", "tfoot", "tr", "th", "td", "caption", "code", "pre", "span", "div", "abbr",
})
"""Tags kept in the narrative: text structure, lists, tables, links and images."""

ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"colspan", "rowspan", "align"},
    "td": {"colspan", "rowspan", "align"},
    "ol": {"start"},
    "abbr": {"title"},
    **{h: {"id"} for h in ("h2", "h3", "h4", "h5")},
}
"""Attributes kept per tag; no ``style``, no ``class``, no event handlers."""

DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "template", "noscript"})
"""Tags removed together with everything inside them."""

SWALLOWING = frozenset({"script", "style", "textarea", "title", "iframe", "noscript", "object", "template", "xmp", "plaintext"})
"""Tags whose content the browser, the Markdown converter or the cleaner does not show as text:
left open, they swallow the rest of the part, so an unclosed one is an error where it opens."""

URL_SCHEMES = frozenset({"http", "https", "mailto"})
"""Link schemes kept; a link without a scheme (a relative link) is kept too."""

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"})

_MD_LINK = re.compile(r"(!?)\[[^\]]*\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
"""A Markdown link or image; the target may hold one level of parentheses, as Markdown allows."""


def scheme_allowed(url: str) -> bool:
    """True for relative links and http(s)/mailto; control characters cannot hide a scheme."""
    cleaned = re.sub(r"[\x00-\x20]", "", unquote(url)).lower()
    scheme = urlparse(cleaned).scheme
    return not scheme or scheme in URL_SCHEMES


def site_image(value: str, root: Path) -> Path | str:
    """The file an image path names, or why it cannot be used (a message in Bahasa Indonesia).

    Paths are relative to the site folder (like ``logo:`` in site.yaml); anything with a scheme,
    an absolute path, or a path that leaves the folder (also through a symlink) is refused.
    """
    if not value:
        return "alamat gambar kosong"
    if urlparse(value).scheme or value.startswith("//"):
        return f"gambar '{value}' bukan berkas situs: alamat jaringan atau skema URL tidak diizinkan"
    if value.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", value):
        return f"gambar '{value}' memakai path absolut; tulis path relatif terhadap folder situs, mis. assets/gambar.png"
    root = root.resolve()
    path = (root / unquote(value)).resolve()
    if not path.is_relative_to(root):
        return f"gambar '{value}' berada di luar folder situs"
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        return f"'{value}' bukan berkas gambar ({', '.join(sorted(IMAGE_SUFFIXES))})"
    if not path.is_file():
        return f"berkas gambar '{value}' tidak ditemukan di folder situs"
    return path


class _RawHtml(HTMLParser):
    """Walks the raw HTML of a Markdown source, noting what the cleaner will drop, with lines."""

    def __init__(self, path: str, root: Path):
        super().__init__(convert_charrefs=True)
        self.path, self.root = path, root
        self.problems: list[Problem] = []
        self.open: list[tuple[str, int, int]] = []
        """Swallowing tags not yet closed: tag, line, column."""

    def _add(self, message: str, hint: str, level: Level = Level.WARNING, code: str = "html-dibuang") -> None:
        line, offset = self.getpos()
        self.problems.append(Problem(self.path, line, offset + 1, "", message, hint, level, code))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if ":" in tag or "@" in tag:
            return  # a Markdown autolink such as <https://…> or <nama@contoh.go.id>, not a tag
        if tag in SWALLOWING:
            line, offset = self.getpos()
            self.open.append((tag, line, offset + 1))
        if tag in DROPPED_WITH_CONTENT:
            self._add(f"tag <{tag}> dibuang beserta isinya", "narasi laporan tidak boleh memuat skrip atau konten tersemat.")
            return
        if tag not in TAGS:
            self._add(f"tag <{tag}> tidak diizinkan dan dibuang (teks di dalamnya tetap)", "pakai format Markdown.")
            return
        allowed = ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name.startswith("on"):
                self._add(f"atribut {name} pada <{tag}> dibuang", "atribut peristiwa (on...) dapat menjalankan skrip dan tidak diizinkan.")
            elif name not in allowed:
                self._add(f"atribut {name} pada <{tag}> tidak diizinkan dan dibuang", "")
            elif tag == "img" and name == "src":
                self._image(value or "")
            elif name == "href" and not scheme_allowed(value or ""):
                self._add(f"tautan '{value}' dibuang", "hanya tautan http, https, mailto atau relatif yang diizinkan.")

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                return

    def unclosed(self) -> list[Problem]:
        """An error at each swallowing tag left open: everything after it would vanish silently."""
        return [Problem(self.path, line, column, "", f"tag <{tag}> tidak ditutup: semua teks sesudahnya sampai akhir bagian akan hilang",
                        f"tutup dengan </{tag}> atau hapus tag ini.", Level.ERROR, "tag-tidak-ditutup")
                for tag, line, column in self.open]

    def _image(self, value: str) -> None:
        found = site_image(value, self.root)
        if isinstance(found, str):
            self._add(found, "gambar harus berkas di dalam folder situs, mis. assets/struktur-organisasi.png.", Level.ERROR, "gambar-di-luar-situs")


_CODE = re.compile(r"^(```|~~~).*?(?:^\1[^\n]*$|\Z)|(`+)(?!`).+?(?<!`)\2(?!`)", re.MULTILINE | re.DOTALL)
"""A fenced code block or a code span: Markdown prints what is inside as text, tags included."""


def _without_code(text: str) -> str:
    """``text`` with code blanked out (newlines kept), so a tag shown as code is not read as HTML."""
    return _CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def _unclosed_comments(text: str, path: str) -> list[Problem]:
    """An error at an HTML comment ``<!--`` with no ``-->`` after it (it is printed as text or hides the rest)."""
    found, start = [], text.find("<!--")
    while start != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            line = text.count("\n", 0, start) + 1
            found.append(Problem(path, line, start - (text.rfind("\n", 0, start) + 1) + 1, "", "komentar HTML '<!--' tidak ditutup",
                                 "tutup komentar dengan --> atau hapus '<!--'.", Level.ERROR, "tag-tidak-ditutup"))
            break
        start = text.find("<!--", end + 3)
    return found


def scan(text: str, path: str, root: Path) -> list[Problem]:
    """Problems of one Markdown source: raw HTML that will be cleaned or swallows the rest, bad links and images."""
    html = _without_code(text)
    parser = _RawHtml(path, root)
    parser.feed(html)
    parser.close()
    problems = parser.problems + parser.unclosed() + _unclosed_comments(html, path)
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _MD_LINK.finditer(line):
            is_image, target = match.group(1) == "!", match.group(2)
            column = match.start() + 1
            if is_image:
                found = site_image(target, root)
                if isinstance(found, str):
                    problems.append(Problem(path, number, column, "", found, "gambar harus berkas di dalam folder situs, mis. assets/struktur-organisasi.png.", Level.ERROR, "gambar-di-luar-situs"))
            elif not scheme_allowed(target):
                problems.append(Problem(path, number, column, "", f"tautan '{target}' dibuang", "hanya tautan http, https, mailto atau relatif yang diizinkan.", Level.WARNING, "html-dibuang"))
    return problems
