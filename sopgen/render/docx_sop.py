"""One SOP as a Word document, to circulate for comment before it is signed.

Cover, identity table and signature are the PDF's own templates (``sop_cover.html``,
``sop_document.html``, ``sop_signature.html``) written as Word tables and paragraphs
(:mod:`.docx_html`). The flowchart is a real Word table with the PDF's columns (No, Uraian
Prosedur, one column per pelaksana, Kelengkapan / Waktu / Output, Keterangan), one table per
page of the PDF's break plan, with its header rows repeated; in an SOP of several procedures,
each procedure's tables under its name. Each pelaksana cell holds a
picture of exactly the PDF's cell (:func:`~.flowchart_svg.cell_picture`: the same symbol,
arrow and label layers), edge to edge, in a row as tall as the PDF's row: the pictures of
adjacent cells join into the drawing, and the text columns stay text a reviewer can edit.
Every page lies landscape on the SOP's paper with the PDF's margins.
"""

from __future__ import annotations

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from jinja2 import Environment

from ..content.loader import Doc, Site
from ..memory import release
from ..models.sop import SOP, TANDA_ILUSTRASI
from ..output import Staging
from .docx_html import HtmlWriter, resolve_src
from .docx_page import (
    Pictures,
    borders,
    column_widths,
    docx_path,
    grid_cell,
    house_styles,
    no_cell_margins,
    number_pages,
    page_setup,
    repeat_header,
    running_header,
    save,
    shade,
    tiny,
    watermark,
    word_problems,
)
from .env import render_page
from .flowchart import SHEETS, FlowchartView, RowView, flowchart_views
from .flowchart_svg import cell_picture
from .hyphenation import MIN_WORD, MIN_WORD_NARROW, SOFT_HYPHEN, hyphenate
from .sop import PrintedLayout, sop_context, sop_paths

TEXT_PT = 9.5
"""The flowchart's text size; its lines are 1.25 of it, as flowchart.css."""
HEADER_MM = 20.0
"""About what the repeated header rows take of a page (mm), for the row that cannot be exact."""
PADDING_MM = 1.2
"""The text cells' padding, as ``.fc-row td``."""


def write_sop_docx(site: Site, env: Environment, doc: Doc[SOP], stage: Staging, printed: PrintedLayout | None) -> None:
    """Write the SOP's Word copy beside its PDF, with the PDF's page breaks and row heights.

    ``printed`` is None where no PDF was laid out (``check``, ``build --no-pdf``): then only the
    copy's templates are rendered, as the copy renders them (without a flowchart), so that a
    template override only the Word copy breaks is found there too; nothing is written.
    """
    with word_problems(doc.shown, site.root):
        if printed is None:
            word_templates(site, env, doc)
            return
        data = sop_docx(site, env, doc, printed)
        release()  # the copy's python-docx cycles, before the next copy adds to them (sopgen.memory)
    stage.write_bytes(docx_path(sop_paths(doc)[1]), doc.shown, data)


def word_templates(site: Site, env: Environment, doc: Doc[SOP]) -> dict[str, str]:
    """The HTML of the theme templates the copy is made of, by name, rendered with the PDF's context but no flowchart."""
    pdf_path = sop_paths(doc)[1]
    context = sop_context(site, doc, pdf_path, links=False)
    names = (("sop_cover.html",) if site.config.sampul_sop else ()) + ("sop_document.html", "sop_signature.html")
    return {name: render_page(env, name, pdf_path, **context) for name in names}


def sop_docx(site: Site, env: Environment, doc: Doc[SOP], printed: PrintedLayout) -> bytes:
    pdf_path = sop_paths(doc)[1]
    context = sop_context(site, doc, pdf_path, links=False)
    html = word_templates(site, env, doc)
    kertas = context["kertas"]
    sheet = SHEETS[kertas]
    document = Document()
    house_styles(document, TEXT_PT)
    section = document.sections[0]
    page_setup(section, kertas, True, sheet.margin)
    number_pages(section, "decimal", 1, prefix="Halaman ", total=True, align="right")
    status = context["tanda_status"]
    if status is not None:
        running_header(section, f"{status.judul.upper()}: {status.keterangan}" + (f" {status.pengganti.teks}" if status.pengganti else ""))
        watermark(section, status.judul.upper())
    logo, logo_file = site.config.instansi.logo, site.logo_file
    images = {logo: logo_file} if logo and logo_file and logo_file.is_file() else {}
    writer = HtmlWriter(document, Pictures(document), sheet.usable_width, resolve_src(pdf_path, images))

    if "sop_cover.html" in html:
        writer.write(html["sop_cover.html"])
        _page_break(document)
    if doc.model.ilustrasi:
        document.add_paragraph().add_run(TANDA_ILUSTRASI).italic = True
    writer.write(html["sop_document.html"])
    pictures = writer.pictures
    for view, heights in zip(flowchart_views(doc.model, printed.plans, paper=kertas), printed.heights, strict=True):
        first_row = 0
        for index, segment in enumerate(view.segments):
            _page_break(document)
            if view.judul and index == 0:
                _heading(document, view.judul)
            _flowchart_table(document, view, segment.rows, heights[first_row:first_row + len(segment.rows)], pictures)
            first_row += len(segment.rows)
    document.add_paragraph()  # a table right after a table would merge with it
    writer.write(html["sop_signature.html"])
    document.core_properties.title = f"SOP {doc.model.nama}"
    document.core_properties.subject = f"Nomor {doc.model.nomor}"
    document.core_properties.author = site.config.instansi.unit_kerja
    document.core_properties.language = "id-ID"
    return save(document, doc.model.tanggal.pembuatan, doc.model.tanggal_revisi or doc.model.tanggal.pembuatan)


def _page_break(document: DocxDocument) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _heading(document: DocxDocument, nama: str) -> None:
    """A procedure's name above its first table page, as ``.fc-prosedur`` prints it in the PDF."""
    paragraph = document.add_paragraph()
    run = paragraph.add_run(nama)
    run.bold = True
    run.font.size = Pt(11)
    paragraph.paragraph_format.space_after = Mm(2)
    paragraph.paragraph_format.keep_with_next = True


def _text(cell: _Cell, text: str, size: float = TEXT_PT, bold: bool = False, center: bool = False,
          hyphens: tuple[frozenset[str], int] | None = None, padding: float = 0.6) -> None:
    """Text in a cell, at the flowchart's size and exact line height (so a row is as tall as the PDF's), ``padding`` mm from its edges;
    ``hyphens`` (names kept whole, shortest word) gives it the PDF's soft hyphens (render/hyphenation.py), so Word wraps its lines alike."""
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run()
    for index, piece in enumerate((hyphenate(text, *hyphens) if hyphens else text).split(SOFT_HYPHEN)):
        if index:
            run._r.append(OxmlElement("w:softHyphen"))  # Word's optional hyphen (ECMA-376 17.3.3.29)
        run._r.add_t(piece)
    run.font.size = Pt(size)
    run.bold = bold or None
    fmt = paragraph.paragraph_format
    fmt.space_after = Pt(0)
    fmt.space_before = Mm(padding)
    fmt.left_indent = fmt.right_indent = Mm(padding)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(size * 1.25)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _flowchart_table(document: DocxDocument, view: FlowchartView, rows: tuple[RowView, ...], heights: tuple[float, ...], pictures: Pictures) -> Table:
    """One page of the flowchart: three header rows (repeated if Word breaks the page), then the steps."""
    widths = [float(w.removesuffix("mm")) for w in view.widths]
    count = len(view.pelaksana)
    columns = len(widths)
    table = document.add_table(rows=3 + len(rows), cols=columns)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    borders(table)
    no_cell_margins(table)
    column_widths(table, widths)
    first_pel, first_mutu = 2, 2 + count
    head = [
        (0, 0, 1, 0, "No"), (0, 1, 1, 1, "Uraian Prosedur"), (0, first_pel, 0, first_mutu - 1, "PELAKSANA"),
        (0, first_mutu, 0, first_mutu + 2, "MUTU BAKU"), (0, columns - 1, 1, columns - 1, "Keterangan"),
        *[(1, first_pel + i, 1, first_pel + i, nama) for i, nama in enumerate(view.pelaksana)],
        *[(1, first_mutu + i, 1, first_mutu + i, judul) for i, judul in enumerate(view.mutu_baku)],
    ]
    for r1, c1, r2, c2, text in head:
        cell = grid_cell(table, r1, c1) if (r1, c1) == (r2, c2) else grid_cell(table, r1, c1).merge(grid_cell(table, r2, c2))
        _text(cell, text, bold=True, center=True)  # a header is a jabatan: never hyphenated
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    for column in range(columns):
        cell = grid_cell(table, 2, column)
        _text(cell, str(column + 1), size=7.5, center=True)
        shade(cell, "EEEEEE")
    for r in range(3):
        repeat_header(table.rows[r])
    geometry = view.layout.geometry
    sheet = SHEETS[view.paper]
    room = sheet.paper.width - sheet.margin[0] - sheet.margin[2] - HEADER_MM
    for index, (row, height) in enumerate(zip(rows, heights)):
        tr = table.rows[3 + index]
        tr.height = Mm(height)
        # A row taller than a page (a huge text) may grow and break; every other row is exactly the PDF's.
        tr.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY if height < room else WD_ROW_HEIGHT_RULE.AT_LEAST
        wide, narrow = (view.names, MIN_WORD), (view.names, MIN_WORD_NARROW)
        texts = [(0, str(row.nomor), True, None), (1, row.uraian, False, wide), (first_mutu, row.kelengkapan, False, narrow),
                 (first_mutu + 1, row.waktu, True, narrow), (first_mutu + 2, row.output, False, narrow), (columns - 1, row.keterangan, False, narrow)]
        for column, text, center, hyphens in texts:
            cell = tr.cells[column]
            _text(cell, text, center=center, hyphens=hyphens, padding=PADDING_MM)
        cells = view.layout.cells[row.nomor - 1]
        for i, cell_layout in enumerate(cells):
            if not cell_layout.span:
                continue  # covered by a step done together, merged from its left
            cell = tr.cells[first_pel + i]
            if cell_layout.span > 1:  # one cell across the columns of a step done together, as the PDF's colspan
                cell = cell.merge(tr.cells[first_pel + i + cell_layout.span - 1])
            width = sum(widths[first_pel + i:first_pel + i + cell_layout.span])
            svg = cell_picture(cell_layout, geometry, width, height)
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            # The line is as tall as the picture: a 1 pt mark leaves no descent below it (no gap in the lines).
            paragraph.paragraph_format.line_spacing = 1.0
            tiny(paragraph)
            if svg is not None:
                run = paragraph.add_run()
                run.font.size = Pt(1)
                pictures.add(run, svg, width, height)
    return table
