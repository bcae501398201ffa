"""The rendered HTML of a report part, written as Word paragraphs, headings, tables and pictures.

The Word copy of the Laporan Kinerja is made from the *same* HTML as its page and its PDF
(:mod:`sopgen.render.laporan`), so every bound figure, table cell and caption in Word has the
digits the PDF prints: nothing is formatted twice. The HTML is sopgen's own (the narrative
passed the sanitiser's allowlist, the tables and charts are generated), so the writer knows
every element it can meet; anything else is written as its text.

- ``h2``–``h5`` become Word's Heading 2–4 (the part title is Heading 1), so Word's navigation
  pane and its own table of contents work;
- a table becomes a Word table (``rowspan``/``colspan`` merged, header rows repeated on every
  page, grey as in the PDF); its caption (``Tabel 3.1 …``) is a Caption paragraph above it;
- a chart (inline SVG) becomes a picture of that SVG (:class:`~.docx_page.Pictures`) with its
  caption (``Gambar 3.1 …``) below, a Markdown image the site file it names;
- a numbered list keeps the numbers the PDF prints, written as text: Word's own list numbering
  would run on from one list to the next.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import lxml.html
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Emu, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from lxml.html import HtmlElement

from .docx_page import CAPTION_FIGURE, CAPTION_TABLE, Pictures, borders, column_widths, grid_cell, repeat_header, shade

_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
_SPACE = re.compile(r"\s+")
PX_MM = 25.4 / 96
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 4, "h6": 4}
CONTAINERS = {"div", "section", "article", "details", "nav", "header", "footer", "main", "dl", "tbody", "thead"}
IMAGE_WIDTHS = {"sampul-logo": 48.0, "pk-logo": 22.0, "kop-logo": 23.0}
"""Widths (mm) the stylesheets give the logo: the report's cover, the Perjanjian Kinerja's kop, the SOP's kop (28 mm high)."""
COLUMN_SHARES = {"identitas": (46.0, 15.0, 2.0, 37.0)}
"""Column widths (% of the text width) of the tables whose stylesheet fixes them (sop.css)."""
BLOCK_SPANS = {"definisi", "rumus", "penjelasan"}
"""Spans the recap's tables show as lines of their own (``display: block``): a line break before each in Word."""
UNRULED = {"pk-pihak"}
"""Tables the PDF prints without rules (the parties of the Perjanjian Kinerja)."""
CENTRED = {"ttd-tempat", "ttd-jabatan", "ttd-nama", "ttd-nip", "ttd-keterangan", "pk-judul", "pk-lampiran-judul", "kop",
           "sampul", "sampul-logo", "sampul-pemda", "sampul-judul", "sampul-unit", "sampul-ilustrasi"}
"""Classes centred by the stylesheets: signatures, the kop, the SOP's cover (for an element or its parent)."""
BOLD = {"ttd-nama", "pk-judul", "pengesah-jabatan", "pengesah-nama", "kop-pemda", "kop-unit", "sampul-pemda", "sampul-unit"}
UPPER = {"kop-pemda", "kop-unit", "sampul-pemda", "sampul-unit"}
"""Classes the stylesheets print in capitals (``text-transform: uppercase``)."""
CLASS_SIZES = {"kop-pemda": 12.0, "kop-unit": 12.0, "sampul-pemda": 20.0, "sampul-judul": 24.0, "sampul-unit": 20.0, "catatan-logo": 7.5}
"""Font sizes (pt) the stylesheets give the kop and the SOP's cover."""
TABLE_PT = 9.0
"""The size of table text, as the PDF's ``.data`` tables."""


@dataclass(frozen=True)
class Style:
    """Character formatting inherited down the inline elements."""

    bold: bool = False
    italic: bool = False
    underline: bool = False
    sub: bool = False
    sup: bool = False
    size: float | None = None


INLINE_STYLE = {
    "strong": {"bold": True}, "b": {"bold": True}, "th": {"bold": True},
    "em": {"italic": True}, "i": {"italic": True}, "u": {"underline": True},
    "sub": {"sub": True}, "sup": {"sup": True},
}


def _text(value: str | None) -> str:
    return _SPACE.sub(" ", value or "")


class HtmlWriter:
    """Writes sopgen's HTML into a python-docx document; ``image`` maps an ``img src`` to its site file."""

    def __init__(self, document: DocxDocument, pictures: Pictures, width_mm: float, image: Callable[[str], Path | None]):
        self.document = document
        self.pictures = pictures
        self.width_mm = width_mm
        self.image = image
        self._svgs: list[str] = []

    # --- entry points -----------------------------------------------------------------------

    def write(self, html: str, container: Any = None) -> None:
        """Write an HTML fragment at the end of ``container`` (the document body, or a table cell)."""
        html = _SVG.sub(self._keep_svg, html)
        if not html.strip():
            return
        for element in lxml.html.fragments_fromstring(html):
            if isinstance(element, str):
                self._paragraph(container).add_run(_text(element))
            else:
                self._block(element, container or self.document)

    def _keep_svg(self, match: re.Match[str]) -> str:
        """SVG out of the HTML parser's reach (it lower-cases ``viewBox``): a placeholder, the markup kept aside."""
        self._svgs.append(match.group(0))
        return f'<sopgen-svg data-i="{len(self._svgs) - 1}"></sopgen-svg>'

    # --- blocks ----------------------------------------------------------------------------

    def _paragraph(self, container: Any, style: str | None = None) -> Paragraph:
        """A new paragraph; in a table cell the first one is the cell's own empty paragraph."""
        container = container if container is not None else self.document
        if isinstance(container, _Cell):
            first = container.paragraphs[0]
            if len(container.paragraphs) == 1 and not first.text and not first.runs:
                if style:
                    first.style = self.document.styles[style]
                return first
        return container.add_paragraph(style=style)

    def _block(self, element: HtmlElement, container: Any, style: Style = Style()) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        classes = set((element.get("class") or "").split())
        in_cell = isinstance(container, _Cell)
        if tag in HEADINGS and not in_cell:
            heading = self.document.add_heading(level=HEADINGS[tag])
            if classes & CENTRED:
                heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
            self._inline(heading, element, replace(style, size=next((CLASS_SIZES[c] for c in classes if c in CLASS_SIZES), style.size)))
        elif tag == "p" and "judul-tabel" in classes:
            self._inline(self._paragraph(container, CAPTION_TABLE), element, style)
        elif tag in ("ul", "ol"):
            self._list(element, container, style, tag == "ol")
        elif tag == "table":
            self._table(element, container)
        elif tag == "figure":
            self._figure(element, container, style)
        elif tag == "sopgen-svg":
            self._svg(self._svgs[int(element.get("data-i", "0"))], container)
        elif tag == "img":
            self._img(element, container)
        elif "pk-ttd" in classes:
            self._side_by_side(list(element.iterchildren("div")), container)
        elif "tanda-tangan" in classes and not in_cell:
            self._side_by_side([element], container, indent=True)
        elif tag == "blockquote":
            for child in element:
                self._block(child, container, replace(style, italic=True))
        elif tag in CONTAINERS or (tag == "span" and classes & BLOCK_SPANS):
            if _text(element.text).strip():
                self._inline(self._paragraph(container), element, style, children=False)
            for child in element:
                self._block(child, container, style)
                if _text(child.tail).strip():
                    self._paragraph(container).add_run(_text(child.tail))
            if "ttd-ruang" in classes:
                for _ in range(3):
                    self._paragraph(container)
        elif tag in ("hr", "caption", "summary", "colgroup", "col", "title"):
            if tag == "caption":
                self._inline(self._paragraph(container, CAPTION_TABLE), element, style)
        else:  # p, pre, li-less text, an inline element standing alone
            paragraph = self._paragraph(container)
            if not in_cell:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            if classes & CENTRED or (element.getparent() is not None and set((element.getparent().get("class") or "").split()) & CENTRED):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            size = next((CLASS_SIZES[c] for c in classes if c in CLASS_SIZES), style.size)
            bold = style.bold or bool(classes & BOLD)
            if classes & UPPER:
                _upper(element)
            self._inline(paragraph, element, replace(style, bold=bold, size=size))

    def _list(self, element: HtmlElement, container: Any, style: Style, numbered: bool, depth: int = 0) -> None:
        number = int(element.get("start") or 1)
        for item in element.iterchildren("li"):
            paragraph = self._paragraph(container, None if numbered else ("List Bullet" if depth == 0 else "List Bullet 2"))
            if numbered:
                paragraph.paragraph_format.left_indent = Mm(7 * (depth + 1))
                paragraph.paragraph_format.first_line_indent = Mm(-6)
                paragraph.add_run(f"{number}.\t")
                number += 1
            self._inline(paragraph, item, style, skip=("ul", "ol"))
            for sub in item:
                if sub.tag in ("ul", "ol"):
                    self._list(sub, container, style, sub.tag == "ol", depth + 1)

    def _figure(self, element: HtmlElement, container: Any, style: Style) -> None:
        """A numbered table (caption above) or chart / image (caption below), as the PDF places them."""
        caption = element.find("figcaption")
        classes = set((element.get("class") or "").split())
        above = "tabel" in classes
        if caption is not None and above:
            self._inline(self._paragraph(container, CAPTION_TABLE), caption, style)
        for child in element:
            if child is not caption:
                self._block(child, container, style)
        if caption is not None and not above:
            self._inline(self._paragraph(container, CAPTION_FIGURE), caption, style)

    def _svg(self, svg: str, container: Any) -> None:
        width, height = _svg_size(svg)
        shown = min(self.width_mm, width)
        paragraph = self._paragraph(container)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = True
        self.pictures.add(paragraph.add_run(), svg, shown, shown * height / width if width else None)

    def _img(self, element: HtmlElement, container: Any) -> None:
        paragraph = self._paragraph(container)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = True
        self._picture(paragraph, element)

    def _picture(self, paragraph: Paragraph, element: HtmlElement) -> None:
        """The site image an ``img`` names, at most the text width; its alt text when it is not a site image."""
        file = self.image(element.get("src") or "")
        if file is None:
            paragraph.add_run(element.get("alt") or "")
            return
        if file.suffix.lower() == ".svg":
            svg = file.read_text(encoding="utf-8")
            width, height = _svg_size(svg)
            classes = (element.get("class") or "").split()
            shown = min(self.width_mm, next((IMAGE_WIDTHS[c] for c in classes if c in IMAGE_WIDTHS), width or self.width_mm))
            self.pictures.add(paragraph.add_run(), svg, shown, shown * height / width if width and height else None)
            return
        shape = paragraph.add_run().add_picture(str(file))
        if shape.width > Mm(self.width_mm):
            shape.height = Emu(int(shape.height * Mm(self.width_mm) / shape.width))
            shape.width = Mm(self.width_mm)

    def _side_by_side(self, blocks: list[HtmlElement], container: Any, indent: bool = False) -> None:
        """Signature blocks in one borderless row, centred in their cells; a lone one on the right half."""
        target = container if isinstance(container, _Cell) else self.document
        columns = len(blocks) + (1 if indent else 0)
        if not columns:
            return
        table = target.add_table(rows=1, cols=columns)
        for index, block in enumerate(blocks):
            cell = grid_cell(table, 0, index + (1 if indent else 0))
            for child in block:
                self._block(child, cell)
            for paragraph in cell.paragraphs:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                paragraph.paragraph_format.space_after = Pt(0)

    # --- tables ----------------------------------------------------------------------------

    def _table(self, element: HtmlElement, container: Any) -> None:
        rows = [tr for tr in element.iter("tr") if element in (tr.getparent(), tr.getparent().getparent())]
        if not rows:
            return
        grid, columns = _grid(rows)
        target = container if isinstance(container, _Cell) else self.document
        table: Table = target.add_table(rows=len(rows), cols=columns)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        classes = set((element.get("class") or "").split())
        if not classes & UNRULED:
            borders(table)
        shares = next((COLUMN_SHARES[c] for c in classes if c in COLUMN_SHARES), None) or _shares(grid, columns)
        if len(shares) == columns and not isinstance(container, _Cell):
            column_widths(table, [self.width_mm * share / 100 for share in shares])
        head = {id(tr) for tr in rows if tr.getparent().tag == "thead"}
        for r, tr in enumerate(rows):
            header = id(tr) in head
            if header:
                repeat_header(table.rows[r])
            for cell_element, row_span, col_span, column in grid[r]:
                cell = grid_cell(table, r, column)
                if row_span > 1 or col_span > 1:
                    cell = cell.merge(grid_cell(table, r + row_span - 1, column + col_span - 1))
                if header:
                    shade(cell, "E6E6E6")
                self._cell(cell_element, cell, Style(bold=cell_element.tag == "th", size=TABLE_PT))

    def _cell(self, element: HtmlElement, cell: _Cell, style: Style) -> None:
        blocks = [c for c in element if c.tag in ("p", "ul", "ol", "table", "div", "figure")]
        if not blocks:
            self._inline(self._paragraph(cell), element, style)
        else:
            if _text(element.text).strip():
                self._inline(self._paragraph(cell), element, style, children=False)
            for child in element:
                self._block(child, cell, style)
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.space_after = Pt(0)
            for run in paragraph.runs:
                run.font.size = Pt(style.size or TABLE_PT)

    # --- inline ----------------------------------------------------------------------------

    def _inline(self, paragraph: Paragraph, element: HtmlElement, style: Style, children: bool = True, skip: tuple[str, ...] = ()) -> None:
        """The element's text and inline children as runs of ``paragraph``."""
        style = replace(style, **INLINE_STYLE.get(element.tag if isinstance(element.tag, str) else "", {}))
        self._run(paragraph, element.text, style)
        if not children:
            return
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in skip:
                continue
            if tag == "br":
                paragraph.add_run().add_break()
            elif tag == "img":
                self._picture(paragraph, child)
            elif tag == "sopgen-svg":
                svg = self._svgs[int(child.get("data-i", "0"))]
                self.pictures.add(paragraph.add_run(), svg, min(_svg_size(svg)[0] or self.width_mm, self.width_mm))
            elif tag == "span" and set((child.get("class") or "").split()) & BLOCK_SPANS:
                paragraph.add_run().add_break()
                self._inline(paragraph, child, replace(style, italic=style.italic or "rumus" in (child.get("class") or "")))
            else:
                self._inline(paragraph, child, style)
            self._run(paragraph, child.tail, style)

    def _run(self, paragraph: Paragraph, text: str | None, style: Style) -> None:
        text = _text(text)
        if not text or (text == " " and not paragraph.runs):
            return
        if not paragraph.runs:
            text = text.lstrip()
        run = paragraph.add_run(text)
        run.bold = style.bold or None
        run.italic = style.italic or None
        run.underline = style.underline or None
        if style.sub:
            run.font.subscript = True
        if style.sup:
            run.font.superscript = True
        if style.size:
            run.font.size = Pt(style.size)


def _upper(element: HtmlElement) -> None:
    """Capitals in the element's own text and its children's, as ``text-transform: uppercase``."""
    for node in element.iter():
        node.text = node.text.upper() if node.text else node.text
        if node is not element:
            node.tail = node.tail.upper() if node.tail else node.tail


def _svg_size(svg: str) -> tuple[float, float]:
    """Width and height (mm) of an SVG from its ``width``/``height`` (px, or mm) or its viewBox."""
    head = svg[: svg.find(">")]

    def length(name: str) -> float:
        found = re.search(rf'\b{name}="([\d.]+)(mm|px)?"', head)
        if not found:
            return 0.0
        return float(found.group(1)) * (1.0 if found.group(2) == "mm" else PX_MM)

    width, height = length("width"), length("height")
    if not (width and height):
        box = re.search(r'viewBox="[\d.-]+ [\d.-]+ ([\d.]+) ([\d.]+)"', head)
        if box:
            width, height = float(box.group(1)) * PX_MM, float(box.group(2)) * PX_MM
    return width, height


def _grid(rows: list[HtmlElement]) -> tuple[list[list[tuple[HtmlElement, int, int, int]]], int]:
    """Each row's cells with (rowspan, colspan, first column), placed around the spans of earlier rows; and the width."""
    taken: set[tuple[int, int]] = set()
    grid = []
    for r, tr in enumerate(rows):
        placed = []
        column = 0
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            while (r, column) in taken:
                column += 1
            row_span = max(1, min(_int(cell.get("rowspan")), len(rows) - r))
            col_span = max(1, min(_int(cell.get("colspan")), 60))
            taken.update((r + dr, column + dc) for dr in range(row_span) for dc in range(col_span))
            placed.append((cell, row_span, col_span, column))
            column += col_span
        grid.append(placed)
    return grid, max((c for _, c in taken), default=0) + 1


def _shares(grid: list[list[tuple[HtmlElement, int, int, int]]], columns: int) -> tuple[float, ...]:
    """Column widths (% of the text width) by their longest word and their text, as a browser's automatic table layout roughly gives.

    Word's default (equal columns) makes a narrow code column as wide as the indicator's name, and
    the table pages longer than the PDF's.
    """
    need = [1.0] * columns
    for row in grid:
        for cell, _, col_span, column in row:
            if col_span != 1:
                continue
            text = _text(cell.text_content()).strip()
            longest = max((len(word) for word in text.split()), default=0)
            need[column] = max(need[column], longest + 1.0, min(len(text), 40) / 2.5)
    total = sum(need)
    return tuple(100 * n / total for n in need)


def _int(value: str | None) -> int:
    try:
        return int(value or 1)
    except ValueError:
        return 1


def resolve_src(page_path: str, images: dict[str, Path]) -> Callable[[str], Path | None]:
    """The site file an ``img src`` of the page at ``page_path`` names, among the images the page copied."""
    folder = posixpath.dirname(page_path)

    def find(src: str) -> Path | None:
        return images.get(posixpath.normpath(posixpath.join(folder, src)))

    return find
