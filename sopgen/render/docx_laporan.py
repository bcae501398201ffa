"""The Laporan Kinerja as a Word document, for the reviewer who edits it as .docx.

It is written from the parts its page rendered (:func:`sopgen.render.laporan.write_laporan_page`
returns them, as it does to the PDF), so the Word copy, the page and the PDF print one text.
The frame follows the PDF: a cover section without a number, the front matter numbered i, ii,
iii (its parts, then Daftar Isi, Daftar Tabel, Daftar Gambar as Word fields), the chapters and
Lampiran numbered from 1, each part on a new page under a Heading 1, the running title above
every numbered page, on the report's paper (F4 or A4).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from jinja2 import Environment

from ..content.laporan import LaporanDoc
from ..content.loader import Site
from ..memory import release
from ..models.paper import PAPERS
from ..output import Staging
from .docx_html import HtmlWriter, resolve_src
from .docx_page import (
    CAPTION_FIGURE,
    CAPTION_TABLE,
    Pictures,
    add_toc,
    docx_path,
    house_styles,
    new_section,
    number_pages,
    page_setup,
    running_header,
    save,
    update_fields_on_open,
    word_problems,
)
from .env import relative_url
from .laporan import BagianTersusun, LaporanTersusun, laporan_paths

MARGINS = (25.0, 20.0, 22.0, 30.0)
"""The report's pages (mm: top, right, bottom, left), as ``@page`` in laporan.css."""
COVER_MARGINS = (22.0, 22.0, 22.0, 30.0)
"""The cover's, as ``@page sampul``."""
SIGNATURES = "laporan_ttd.html"


def write_laporan_docx(site: Site, env: Environment, doc: LaporanDoc, stage: Staging, context: dict[str, Any]) -> None:
    """Write the report's Word copy, beside its PDF, from the parts its page rendered (``context``)."""
    html_path, pdf_path = laporan_paths(doc, site)
    with word_problems(doc.shown, site.root):
        data = laporan_docx(site, env, context["lap"], html_path)
        release()  # the copy's python-docx cycles, before the next copy adds to them (sopgen.memory)
    stage.write_bytes(docx_path(pdf_path), doc.shown, data)


def laporan_docx(site: Site, env: Environment, lap: LaporanTersusun, page_path: str) -> bytes:
    """The .docx of one report, from its rendered parts (``page_path``: where their links and images point from)."""
    document = Document()
    house_styles(document, 11)
    pictures = Pictures(document)
    width = PAPERS[lap.kertas].width - MARGINS[1] - MARGINS[3]
    images = dict(lap.gambar_situs)
    logo = _logo(site)
    if logo is not None:
        images[site.config.instansi.logo or ""] = logo
    writer = HtmlWriter(document, pictures, width, resolve_src(page_path, images))
    page_setup(document.sections[0], lap.kertas, False, COVER_MARGINS)
    number_pages(document.sections[0], None, None)
    _cover(document, site, lap, writer, page_path)

    front = new_section(document, lap.kertas, False, MARGINS)
    number_pages(front, "lowerRoman", 1)
    running_header(front, lap.judul_lengkap)
    first = True
    for b in lap.depan_sebelum_daftar:
        _part(document, env, lap, b, writer, first)
        first = False
    _lists(document, lap, first)
    for b in lap.depan_sesudah_daftar:
        _part(document, env, lap, b, writer, False)

    body = new_section(document, lap.kertas, False, MARGINS)
    number_pages(body, "decimal", 1)
    first = True
    for b in (b for b in lap.bagian if b.jenis != "depan"):
        _part(document, env, lap, b, writer, first)
        first = False
    update_fields_on_open(document)
    document.core_properties.title = lap.judul_lengkap
    document.core_properties.author = lap.unit_kerja
    document.core_properties.language = "id-ID"
    return save(document, lap.laporan.tanggal, lap.laporan.tanggal)  # the one date a report states: its signing


def _logo(site: Site) -> Path | None:
    logo = site.logo_file
    return logo if logo is not None and logo.is_file() else None


def _cover(document: DocxDocument, site: Site, lap: LaporanTersusun, writer: HtmlWriter, page_path: str) -> None:
    """The cover: title, year, logo, the unit and its government, as the PDF's."""
    def line(text: str, size: float, bold: bool = True, before: float = 0.0) -> None:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_before = Mm(before)
        run = paragraph.add_run(text)
        run.bold = bold
        run.font.size = Pt(size)

    laporan, instansi = lap.laporan, site.config.instansi
    if laporan.ilustrasi:
        line("Contoh ilustrasi: data dan narasi rekaan, bukan laporan resmi", 9.5)
    line(laporan.judul.upper(), 20, before=18)
    line(f"({laporan.singkatan})", 16)
    line(f"TAHUN {laporan.tahun}", 16, before=4)
    if instansi.logo and _logo(site) is not None:
        writer.write(f'<p><img class="sampul-logo" src="{relative_url(page_path, instansi.logo)}" alt="Logo"></p>')
    if instansi.logo_pengganti:
        line("Logo pada sampul ini gambar pengganti, bukan lambang resmi.", 7.5, bold=False)
    line(lap.unit_kerja.upper(), 16, before=30)
    line(instansi.penerbit.upper(), 13)
    line(instansi.alamat, 9.5, bold=False)
    line(str(laporan.tanggal.year), 13, before=6)


def _part(document: DocxDocument, env: Environment, lap: LaporanTersusun, b: BagianTersusun, writer: HtmlWriter, first: bool) -> None:
    """One part on a new page: its Heading 1 (``BAB III Akuntabilitas Kinerja``), its HTML, its signature."""
    heading = document.add_heading(f"{b.label} {b.judul}".strip(), level=1)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.paragraph_format.page_break_before = not first
    writer.write(str(b.html))
    if b.tanda_tangan:
        macro = env.get_template(SIGNATURES).module.tanda_tangan  # type: ignore[attr-defined]
        writer.write(str(macro(lap.penanda_tangan, lap.laporan.tempat, lap.laporan.tanggal)))


def _lists(document: DocxDocument, lap: LaporanTersusun, first: bool) -> None:
    """Daftar Isi, Daftar Tabel, Daftar Gambar as Word fields Word fills with page numbers; until then they list the entries."""
    contents = [(1, b.judul) for b in lap.depan_sebelum_daftar] + [(1, "Daftar Isi")]
    contents += [(1, "Daftar Tabel")] if lap.tabel else []
    contents += [(1, "Daftar Gambar")] if lap.gambar else []
    contents += [(1, b.judul) for b in lap.depan_sesudah_daftar]
    for b in (b for b in lap.bagian if b.jenis != "depan"):
        contents.append((1, f"{b.label} {b.judul}".strip()))
        contents += [(h.level, h.text) for h in b.headings]
    lists = [("Daftar Isi", 'TOC \\o "1-3" \\h \\z \\u', contents)]
    if lap.tabel:
        lists.append(("Daftar Tabel", f'TOC \\h \\z \\t "{CAPTION_TABLE},1"', [(1, f"{n.label} {n.judul}") for n in lap.tabel]))
    if lap.gambar:
        lists.append(("Daftar Gambar", f'TOC \\h \\z \\t "{CAPTION_FIGURE},1"', [(1, f"{n.label} {n.judul}") for n in lap.gambar]))
    for index, (title, instruction, entries) in enumerate(lists):
        heading = document.add_heading(title, level=1)
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        heading.paragraph_format.page_break_before = not (first and index == 0)
        add_toc(document, instruction, entries)
