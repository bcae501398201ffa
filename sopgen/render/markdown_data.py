"""Markdown with bound numbers: the narrative of a report, turned into safe HTML.

The order of the steps is what keeps it both safe and exact:

1. every ``{{ … }}`` (see :mod:`sopgen.content.directives`) is swapped for an inert placeholder;
2. Python-Markdown converts the text; headings start at ``<h2>`` (the part title is the ``<h1>``)
   and get ids for the Daftar Isi;
3. nh3 cleans the result with the allowlist of :mod:`sopgen.content.markdown_safety`, so only
   what the *administrator* wrote passes through the sanitiser;
4. the placeholders are replaced by what sopgen generated from the recap (escaped values, tables,
   SVG charts), which therefore never meets the sanitiser and never comes from the Markdown.

Numbers are never typed into the narrative: a value is read from the same recap as the tables,
so a sentence cannot contradict its table.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import unescape
from typing import Protocol

import markdown
import nh3
from markdown.extensions.toc import slugify
from markupsafe import Markup

from ..content.directives import Directive, scan, value_args
from ..content.markdown_safety import ATTRIBUTES, DROPPED_WITH_CONTENT, TAGS, URL_SCHEMES

PLACEHOLDER = "SOPGENDATA{:05d}Z"
_PLACEHOLDER = re.compile(r"SOPGENDATA(\d{5})Z")
_HEADING = re.compile(r'<h([23]) id="([^"]+)">(.*?)</h\1>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Generated:
    """A generated block: its default caption and its trusted HTML (or SVG)."""

    judul: str
    html: Markup


class DataSource(Protocol):
    """What the narrative can ask of the recap; every answer is already formatted in Indonesian."""

    def nilai(self, kata: str, kode: str | None, tahun: int | None) -> str:
        """One value for a sentence, e.g. ``('capaian', 'IKU-1.1', None)`` -> ``'98,50%'``."""
        ...

    def tabel(self, jenis: str, kode: str | None) -> Generated:
        """A generated table, e.g. ``('capaian', 'S1')``."""
        ...

    def grafik(self, jenis: str, kode: str | None) -> Generated:
        """A generated chart (SVG), e.g. ``('capaian', 'S1')``."""
        ...


@dataclass(frozen=True)
class Nomor:
    """The number of a table or figure: 'Tabel 3.1', its anchor and caption."""

    label: str
    anchor: str
    judul: str


@dataclass(frozen=True)
class Heading:
    """A heading inside a part, for the Daftar Isi and the PDF outline."""

    level: int
    anchor: str
    text: str


@dataclass
class Numbering:
    """Tables and figures numbered per chapter (Tabel 3.1), in reading order, across the report."""

    tables: list[Nomor] = field(default_factory=list)
    figures: list[Nomor] = field(default_factory=list)
    by_key: dict[str, Nomor] = field(default_factory=dict)
    _count: dict[tuple[str, str], int] = field(default_factory=dict)

    def assign(self, prefix: str, kind: str, key: str, judul: str) -> Nomor:
        """The next number in this part; ``prefix`` is '3' (Bab III), 'L1' (Lampiran 1) or '' (front matter)."""
        n = self._count[(prefix, kind)] = self._count.get((prefix, kind), 0) + 1
        number = f"{prefix}.{n}" if prefix else str(n)
        nomor = Nomor(f"{kind.capitalize()} {number}", f"{kind}-{number.replace('.', '-').lower()}", judul)
        (self.tables if kind == "tabel" else self.figures).append(nomor)
        self.by_key.setdefault(key, nomor)
        return nomor


@dataclass(frozen=True)
class Part:
    """One part's Markdown with what it needs to render: where it is, how it is numbered."""

    id: str
    text: str
    shown: str
    prefix: str


@dataclass
class Rendered:
    """A part's HTML and its headings."""

    html: Markup
    headings: list[Heading]


BlockMaker = Callable[[Directive, Nomor | None], Markup]
"""Turns a block directive (with its number, if numbered) into HTML; supplied by the report."""


def block_directives(part: Part) -> list[Directive]:
    """The part's tables, charts and images, in order."""
    return [d for d in scan(part.text, part.shown) if isinstance(d, Directive) and d.block]


def render_part(part: Part, numbering: Numbering, numbers: dict[Directive, Nomor], make_block: BlockMaker, source: DataSource, image_url: Callable[[str], str | None]) -> Rendered:
    """Convert one part: placeholders, Markdown, nh3, then the generated pieces put back."""
    # Spaces ending a line are invisible in an editor, yet two of them make Markdown break the line: a
    # paragraph hard-wrapped in Word or a web form would print cut in the middle. A report has no line
    # to break inside a paragraph, so they go (a directive's offsets are never past them).
    lines = [line.rstrip() for line in part.text.splitlines()]
    pieces: list[Markup] = []
    for directive in reversed([d for d in scan(part.text, part.shown) if isinstance(d, Directive)]):
        line = lines[directive.where.line - 1]
        token = PLACEHOLDER.format(len(pieces))
        pieces.append(_piece(directive, numbering, numbers, make_block, source))
        # A block gets blank lines around it so a hand-written table below still parses as one.
        replacement = f"\n{token}\n" if directive.block else token
        lines[directive.where.line - 1] = line[: directive.start] + replacement + line[directive.end :]
    converter = markdown.Markdown(
        extensions=["tables", "sane_lists", "smarty", "toc"],
        extension_configs={
            "toc": {"baselevel": 2, "slugify": lambda value, sep: f"{part.id}-{slugify(_PLACEHOLDER.sub('', value), sep)}"},
            "tables": {"use_align_attribute": True},
        },
    )
    html = clean(converter.convert("\n".join(lines)), image_url)
    html = re.sub(r"<p>(SOPGENDATA\d{5}Z)</p>", r"\1", html)
    html = _PLACEHOLDER.sub(lambda m: str(pieces[int(m.group(1))]), html)
    headings = [Heading(int(level), anchor, unescape(_TAG.sub("", text)).strip()) for level, anchor, text in _HEADING.findall(html)]
    return Rendered(Markup(html), headings)


def clean(html: str, image_url: Callable[[str], str | None]) -> str:
    """nh3 with the narrative allowlist; image sources are rewritten to the page's relative URL."""

    def attribute_filter(tag: str, attribute: str, value: str) -> str | None:
        if tag == "img" and attribute == "src":
            return image_url(value)
        return value

    return nh3.clean(
        html,
        tags=set(TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        attribute_filter=attribute_filter,
        link_rel="noopener noreferrer",
    )


def _piece(directive: Directive, numbering: Numbering, numbers: dict[Directive, Nomor], make_block: BlockMaker, source: DataSource) -> Markup:
    """The trusted HTML that replaces one directive."""
    kata, args = directive.kata, list(directive.words[1:])
    if directive.block:
        return make_block(directive, numbers.get(directive))
    if kata == "ref":
        nomor = numbering.by_key[" ".join(args)]
        return Markup('<a class="ref" href="#{}">{}</a>').format(nomor.anchor, nomor.label)
    kode, tahun = value_args(directive)
    value = source.nilai(kata, kode[0] if kode else None, int(tahun) if tahun else None)
    # A name or a sentence may wrap like any text; a number with its unit must not break across lines.
    css = "nilai teks" if kata in {"nama", "status"} else "nilai"
    return Markup('<span class="{}" title="{}">{}</span>').format(css, directive.key, value)


def caption(nomor: Nomor) -> Markup:
    """'Tabel 3.1 Capaian …' with the number set apart for styling."""
    return Markup('<span class="nomor">{}</span> {}').format(nomor.label, nomor.judul)
