"""What every Word copy shares: paper and margins, the house styles, fields, page numbers, pictures.

The Word copies (the Laporan Kinerja, each SOP) are made with python-docx from the same
rendering as the PDFs; this module holds the Word-specific pieces once, so the two documents
differ only in what they print. Sizes come from :mod:`sopgen.models.paper` (F4 or A4) and the
margins from the PDF's ``@page`` rules, passed in by the caller.

Pictures are PNG (every Word and LibreOffice shows them), rendered with CairoSVG from the very
SVG the PDF draws; the SVG itself rides along as Office's ``asvg:svgBlip`` extension, so Word
2016 and later (and Microsoft 365) show the vector and older readers the PNG.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsmap, qn
from docx.section import Section
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from ..errors import ContentError, Problem
from ..models.paper import PAPERS
from .reproducible import reproducible_zip
from .template_errors import template_problem

FONT = "Arial"
"""The documents' face: Word has Arial; LibreOffice substitutes its metric twin Liberation Sans, the PDF's font."""
PNG_DPI = 200
"""Resolution of the PNG pictures: sharp on paper, small enough for e-mail."""
PNG_CACHED = 1024
"""Pictures kept drawn in a process (:func:`svg_png`): the symbols of many flowcharts, a few MB, bounded for ``serve``."""
SVG_EXTENSION = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
"""Office's id of the SVG-picture extension of ``a:blip`` (MS-ODRAWXML 2.3.1.32)."""
SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
WORD_HINT = "PDF dokumen ini tidak terpengaruh; laporkan pesan ini kepada pengelola sopgen, atau bangun dengan --no-pdf untuk pratinjau."
CAPTION_TABLE = "Judul Tabel"
CAPTION_FIGURE = "Judul Gambar"
"""The captions' paragraph styles (based on Word's Caption): Word's Daftar Tabel / Daftar Gambar fields collect each by its style."""


def set_font(element_rpr: object, font: str) -> None:
    """Name ``font`` for every script, and drop the theme's fonts (the template's headings name them, and they win)."""
    fonts = element_rpr.get_or_add_rFonts()  # type: ignore[attr-defined]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), font)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)


def house_styles(document: DocxDocument, size: float, headings: Sequence[float] = (14, 12, 11, 11)) -> None:
    """Normal in Arial at ``size`` pt; Heading 1–4 black, bold, in the same face (Word's navigation pane reads them)."""
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(size)
    set_font(normal.element.get_or_add_rPr(), FONT)
    normal.paragraph_format.space_after = Pt(4)
    for level, heading_size in enumerate(headings, start=1):
        style = document.styles[f"Heading {level}"]
        style.font.name = FONT
        style.font.size = Pt(heading_size)
        style.font.bold = True
        style.font.italic = level == 4
        style.font.color.rgb = RGBColor(0, 0, 0)
        set_font(style.element.get_or_add_rPr(), FONT)
        style.paragraph_format.space_before = Pt(10 if level == 1 else 8)
        style.paragraph_format.space_after = Pt(4)
        style.paragraph_format.keep_with_next = True
    for name, above in ((CAPTION_TABLE, True), (CAPTION_FIGURE, False)):
        caption = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        caption.base_style = document.styles["Caption"]
        caption.font.name = FONT
        caption.font.size = Pt(10)
        caption.font.bold = True
        caption.font.italic = False
        caption.font.color.rgb = RGBColor(0, 0, 0)
        caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption.paragraph_format.keep_with_next = above
        caption.paragraph_format.space_before = Pt(6 if above else 2)
        caption.paragraph_format.space_after = Pt(2 if above else 8)
        set_font(caption.element.get_or_add_rPr(), FONT)


def page_setup(section: Section, kertas: str, landscape: bool, margins: tuple[float, float, float, float]) -> None:
    """The sheet of :data:`~sopgen.models.paper.PAPERS` (portrait or landscape) and margins (mm: top, right, bottom, left)."""
    paper = PAPERS[kertas]
    short, long = Mm(paper.width), Mm(paper.height)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    top, right, bottom, left = margins
    section.top_margin, section.right_margin, section.bottom_margin, section.left_margin = Mm(top), Mm(right), Mm(bottom), Mm(left)
    section.header_distance = Mm(min(12.0, top / 2))
    section.footer_distance = Mm(min(10.0, bottom / 2))


def new_section(document: DocxDocument, kertas: str, landscape: bool, margins: tuple[float, float, float, float]) -> Section:
    """A section starting on a new page, with its own sheet and margins."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    page_setup(section, kertas, landscape, margins)
    return section


def _field_char(paragraph: Paragraph, kind: str) -> None:
    """A field's ``begin`` (marked dirty: Word recomputes it on opening), ``separate`` or ``end``."""
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    if kind == "begin":
        element.set(qn("w:dirty"), "true")
    paragraph.add_run()._r.append(element)


def _field_start(paragraph: Paragraph, instruction: str) -> None:
    _field_char(paragraph, "begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    _field_char(paragraph, "separate")


def add_field(paragraph: Paragraph, instruction: str, shown: str = "") -> Run:
    """A Word field (``PAGE``, ``NUMPAGES``) with ``shown`` as its last result until Word updates it."""
    _field_start(paragraph, instruction)
    result = paragraph.add_run(shown)
    _field_char(paragraph, "end")
    return result


def add_toc(document: DocxDocument, instruction: str, entries: Sequence[tuple[int, str]]) -> None:
    """A table-of-contents field over several paragraphs; ``entries`` (level, text) are its result until Word updates it.

    LibreOffice and python-docx read the entries as they are; Word recomputes them, with page
    numbers, on opening (:func:`update_fields_on_open`).
    """
    rows = list(entries) or [(1, "")]
    for index, (level, text) in enumerate(rows):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = Mm(6 * (level - 1))
        paragraph.paragraph_format.space_after = Pt(2)
        if index == 0:
            _field_start(paragraph, instruction)
        paragraph.add_run(text)
        if index == len(rows) - 1:
            _field_char(paragraph, "end")


def number_pages(section: Section, fmt: str | None, start: int | None, prefix: str = "", total: bool = False, align: str = "center") -> None:
    """Page numbers of one section: ``fmt`` (``lowerRoman``, ``decimal``; None = no number), restarting at ``start``.

    The footer is the section's own (not linked to the previous one): ``prefix`` PAGE, and
    `` dari`` NUMPAGES when ``total`` ("Halaman 2 dari 5", as the SOP's PDF), centred or right.
    """
    section.footer.is_linked_to_previous = False
    section.header.is_linked_to_previous = False
    footer = section.footer.paragraphs[0]
    footer.text = ""
    sect = section._sectPr
    for old in sect.findall(qn("w:pgNumType")):
        sect.remove(old)
    if fmt is None:
        return
    number = OxmlElement("w:pgNumType")
    number.set(qn("w:fmt"), fmt)
    if start is not None:
        number.set(qn("w:start"), str(start))
    sect.append(number)
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT if align == "right" else WD_ALIGN_PARAGRAPH.CENTER
    if prefix:
        footer.add_run(prefix)
    add_field(footer, "PAGE", "1")
    if total:
        footer.add_run(" dari ")
        add_field(footer, "NUMPAGES", "1")


def running_header(section: Section, text: str) -> None:
    """The running title above every page of the section, small and ruled below as in the PDF."""
    header = section.header.paragraphs[0]
    header.text = ""
    run = header.add_run(text)
    run.font.size = Pt(8)
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for attr, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "1"), ("w:color", "555555")):
        bottom.set(qn(attr), value)
    border.append(bottom)
    header._p.get_or_add_pPr().append(border)


VML = "urn:schemas-microsoft-com:vml"
OFFICE = "urn:schemas-microsoft-com:office:office"


def watermark(section: Section, text: str, font: str = "Liberation Sans") -> None:
    """``text`` across the middle of every page of the section, light and diagonal, behind the text: Word's own watermark.

    Word writes a watermark as a VML WordArt shape (``PowerPlusWaterMarkObject``) anchored in the
    header; LibreOffice reads the same shape, so the mark is in the document, not only above it.
    """
    xml = (
        f'<w:r xmlns:w="{nsmap["w"]}" xmlns:v="{VML}" xmlns:o="{OFFICE}"><w:rPr><w:noProof/></w:rPr><w:pict>'
        '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" path="m@7,l@8,m@5,21600l@6,21600e">'
        '<v:formulas>'
        + "".join(f'<v:f eqn="{eqn}"/>' for eqn in (
            "sum #0 0 10800", "prod #0 2 1", "sum 21600 0 @1", "sum 0 0 @2", "sum 21600 0 @3", "if @0 @3 0", "if @0 21600 @1",
            "if @0 0 @2", "if @0 @4 21600", "mid @5 @6", "mid @8 @5", "mid @7 @8", "mid @6 @7", "sum @6 0 @5",
        ))
        + '</v:formulas><v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" '
        'o:connectangles="270,180,90,0"/><v:textpath on="t" fitshape="t"/><v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>'
        '<o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
        '<v:shape id="PowerPlusWaterMarkObject" o:spid="_x0000_s2049" type="#_x0000_t136" o:allowincell="f" fillcolor="#bfbfbf" stroked="f" '
        'style="position:absolute;margin-left:0;margin-top:0;width:420pt;height:120pt;rotation:315;z-index:-251657216;'
        'mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical:center;mso-position-vertical-relative:margin">'
        f'<v:fill opacity=".5"/><v:textpath style="font-family:&quot;{font}&quot;;font-size:1pt" string="{escape(text, {chr(34): "&quot;"})}"/>'
        '</v:shape></w:pict></w:r>'
    )
    section.header.paragraphs[0]._p.append(parse_xml(xml))


def update_fields_on_open(document: DocxDocument) -> None:
    """Ask Word to update every field (the tables of contents, page numbers) when the file is opened."""
    settings = document.settings.element
    flag = OxmlElement("w:updateFields")
    flag.set(qn("w:val"), "true")
    settings.append(flag)


@lru_cache(maxsize=PNG_CACHED)
def svg_png(svg: str, width_mm: float, height_mm: float | None = None) -> bytes:
    """The SVG drawn as PNG at :data:`PNG_DPI` for a picture ``width_mm`` wide.

    Kept per process by SVG text and size: every SOP's flowchart draws the same few symbols
    (a process box of a column's width, a decision diamond, the connectors), and drawing them
    again was 41 % of a Word copy (docs/performance.md). CairoSVG draws the same bytes from the
    same SVG, so the Word copies are the files they were."""
    import cairosvg  # here, not at import: cairo is a system library a Windows machine may lack; then only the Word copy fails

    pixels = round(width_mm / 25.4 * PNG_DPI)
    heights = {} if height_mm is None else {"output_height": round(height_mm / 25.4 * PNG_DPI)}
    return bytes(cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=pixels, **heights))


class Pictures:
    """Adds pictures drawn from SVG to one document: PNG shown everywhere, the SVG for Word 2016+.

    Identical SVGs (a flowchart's repeated straight lines) are stored once: the SVG here, the PNG
    by python-docx, which keeps one part per distinct image.
    """

    def __init__(self, document: DocxDocument):
        self.document = document
        self._svg_parts: dict[str, str] = {}

    def add(self, run: Run, svg: str, width_mm: float, height_mm: float | None = None) -> None:
        png = svg_png(svg, width_mm, height_mm)
        shape = run.add_picture(io.BytesIO(png), width=Mm(width_mm), height=Mm(height_mm) if height_mm else None)
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip
        ext_list = OxmlElement("a:extLst")
        ext = OxmlElement("a:ext")
        ext.set("uri", SVG_EXTENSION)
        svg_blip = ext.makeelement(f"{{{SVG_NS}}}svgBlip", nsmap={"asvg": SVG_NS})
        svg_blip.set(qn("r:embed"), self._svg_rid(svg))
        ext.append(svg_blip)
        ext_list.append(ext)
        blip.append(ext_list)

    def _svg_rid(self, svg: str) -> str:
        digest = hashlib.sha1(svg.encode("utf-8")).hexdigest()
        if digest not in self._svg_parts:
            part_main = self.document.part
            name = part_main.package.next_partname("/word/media/vektor%d.svg")
            part = Part(PackURI(name), "image/svg+xml", svg.encode("utf-8"), part_main.package)
            self._svg_parts[digest] = part_main.relate_to(part, RT.IMAGE)
        return self._svg_parts[digest]


def grid_cell(table: Table, row: int, column: int) -> _Cell:
    """``table.cell(row, column)``, reading one row: python-docx's own walks every cell of the
    table on each call, which made a long table (a recap of 40 indicators) quadratic — half
    the time of the Laporan's Word copy. Spans are read alike (a merged cell is returned for
    each grid position it covers)."""
    return table.rows[row].cells[column]


def no_cell_margins(table: Table) -> None:
    """No inner cell margins in the whole table (``w:tblCellMar``): a flowchart picture fills its cell edge to edge.

    Table-wide, because LibreOffice does not apply a single cell's ``w:tcMar`` to an inline
    picture; text cells take their padding as paragraph indents instead.
    """
    margins = OxmlElement("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        node = OxmlElement(f"w:{side}")
        node.set(qn("w:w"), "0")
        node.set(qn("w:type"), "dxa")
        margins.append(node)
    table._tbl.tblPr.append(margins)


def borders(table: object, size_eighths: int = 4) -> None:
    """Single black rules around and inside every cell (``w:tblBorders``), as the PDF's ruled tables."""
    props = table._tbl.tblPr  # type: ignore[attr-defined]
    rules = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        node = OxmlElement(f"w:{edge}")
        for attr, value in (("w:val", "single"), ("w:sz", str(size_eighths)), ("w:space", "0"), ("w:color", "000000")):
            node.set(qn(attr), value)
        rules.append(node)
    props.append(rules)


def column_widths(table: Table, widths: Sequence[float]) -> None:
    """Fixed column widths (mm), in the grid and in every cell (Word reads the cells, LibreOffice the grid)."""
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Mm(width)


def repeat_header(row: object) -> None:
    """Repeat the row at the top of every page the table runs onto (``w:tblHeader``)."""
    props = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    flag = OxmlElement("w:tblHeader")
    props.append(flag)


def shade(cell: object, fill: str) -> None:
    """A cell's background colour (hex), as the grey header rows of the PDF."""
    shading = OxmlElement("w:shd")
    for attr, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)):
        shading.set(qn(attr), value)
    cell._tc.get_or_add_tcPr().append(shading)  # type: ignore[attr-defined]


def tiny(paragraph: Paragraph) -> None:
    """The paragraph mark at 1 pt: a line holding only a picture is then the picture's height."""
    props = paragraph._p.get_or_add_pPr()
    mark = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "2")
    mark.append(size)
    props.append(mark)


@contextmanager
def word_problems(owner: str, site_root: Path) -> Iterator[None]:
    """A Word copy that cannot be written is a problem at its document (exit 1, ``output/`` kept), not a traceback.

    A template override's mistake stays the template's problem (:mod:`.template_errors`).
    """
    try:
        yield
    except ContentError:
        raise
    except Exception as exc:
        if template_problem(exc, site_root) is not None:
            raise
        message = f"salinan Word (.docx) tidak dapat dibuat: {type(exc).__name__}: {exc}"
        raise ContentError([Problem(owner, 1, 1, "", message, WORD_HINT)]) from exc


def docx_path(pdf_path: str) -> str:
    """The Word copy sits beside the PDF under the same name: ``sop/x.pdf`` -> ``sop/x.docx``."""
    return pdf_path.removesuffix(".pdf") + ".docx"


def save(document: DocxDocument, dibuat: dt.date, diubah: dt.date) -> bytes:
    """The document as the bytes of a .docx file, created ``dibuat`` and last changed ``diubah`` (dates the document states).

    Not the time of the build: the same content gives the same file (:mod:`sopgen.render.reproducible`)."""
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible_zip(buffer.getvalue(), dibuat, diubah)
