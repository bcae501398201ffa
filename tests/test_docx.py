"""The Word copies, opened with python-docx: the demo's Laporan Kinerja and SOPs as a reviewer gets them.

Everything is compared with what the same build printed elsewhere: the bound figures and
captions with the report's page and PDF, the flowchart rows with the SOP's YAML and its
PDF's page plan. LibreOffice's reading of the same files is in ``test_docx_libreoffice.py``.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.oxml.ns import qn
from docx.section import Section
from docx.table import Table
from docx.text.paragraph import Paragraph

from sopgen.build import BuildResult, build_site
from sopgen.errors import ContentError
from sopgen.models.paper import PAPERS
from sopgen.render.docx_page import svg_png

from .conftest import DEMO
from .support import page_words, small_site, sop_yaml, write_site

LAPORAN = "laporan/2024/lkjip-kecamatan-candipuro-2024"
SOPS = ("pengukuran-data-kinerja", "pengumpulan-data-kinerja", "penyusunan-sakip")
SVG_BLIP = "{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip"


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


def _sheet(section: Section) -> tuple[int, int]:
    """Width and height of a section's sheet in whole mm."""
    assert section.page_width is not None and section.page_height is not None
    return round(section.page_width.mm), round(section.page_height.mm)


def _body(document: DocxDocument) -> list[Paragraph | Table]:
    return list(document.iter_inner_content())


def _texts(document: DocxDocument) -> str:
    """Every paragraph of the body and of every table cell (nested too), in order."""
    parts = [p.text for p in document.paragraphs]

    def cells(table: Table) -> None:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
                for inner in cell.tables:
                    cells(inner)

    for table in document.tables:
        cells(table)
    return _norm(" ".join(parts))


@pytest.fixture(scope="module")
def laporan(built_demo: BuildResult) -> DocxDocument:
    return Document(str(built_demo.out_dir / f"{LAPORAN}.docx"))


@pytest.fixture(scope="module")
def laporan_page(built_demo: BuildResult) -> str:
    return (built_demo.out_dir / "laporan/2024/index.html").read_text(encoding="utf-8")


def test_laporan_headings_are_word_headings_with_the_parts_and_their_sections(laporan: DocxDocument, laporan_page: str) -> None:
    headings = [(p.style.name, _norm(p.text)) for p in laporan.paragraphs if p.style.name.startswith("Heading")]
    level_1 = [t for s, t in headings if s == "Heading 1"]
    assert level_1[:2] == ["Kata Pengantar", "Ikhtisar Eksekutif"]
    assert {"Daftar Isi", "Daftar Tabel", "Daftar Gambar", "BAB I Pendahuluan", "BAB III Akuntabilitas Kinerja", "LAMPIRAN 1 Perjanjian Kinerja Tahun 2024"} <= set(level_1)
    page_h2 = [_norm(re.sub(r"<[^>]+>", "", h)) for h in re.findall(r'<h2 id="bab-[^"]+">(.*?)</h2>', laporan_page, re.S)]
    assert page_h2 and all(t in [t for s, t in headings if s == "Heading 2"] for t in page_h2)
    assert "A. Capaian Kinerja Organisasi" in page_h2


def test_laporan_has_word_fields_for_its_lists_and_page_numbers(laporan: DocxDocument) -> None:
    xml = laporan.element.xml
    assert 'TOC \\o "1-3" \\h \\z \\u' in xml
    assert 'TOC \\h \\z \\t "Judul Tabel,1"' in xml and 'TOC \\h \\z \\t "Judul Gambar,1"' in xml
    assert laporan.settings.element.find(qn("w:updateFields")) is not None
    kinds = []
    for section in laporan.sections:
        number = section._sectPr.find(qn("w:pgNumType"))
        kinds.append(None if number is None else (number.get(qn("w:fmt")), number.get(qn("w:start"))))
        footer = section.footer._element.xml
        assert ("PAGE" in footer) == (number is not None)
    assert kinds == [None, ("lowerRoman", "1"), ("decimal", "1")]


def test_laporan_is_on_its_paper_standing(laporan: DocxDocument) -> None:
    for section in laporan.sections:
        assert section.orientation == WD_ORIENT.PORTRAIT
        assert _sheet(section) == (215, 330)


def test_laporan_captions_are_the_pdfs_numbers(laporan: DocxDocument, laporan_page: str) -> None:
    captions = {s: [_norm(p.text) for p in laporan.paragraphs if p.style.name == s] for s in ("Judul Tabel", "Judul Gambar")}
    listed = [_norm(re.sub(r"<[^>]+>", "", item)) for item in re.findall(r"<figcaption>(.*?)</figcaption>", laporan_page, re.S)]
    listed += [_norm(re.sub(r"<[^>]+>", "", item)) for item in re.findall(r'<p class="judul-tabel"[^>]*>(.*?)</p>', laporan_page, re.S)]
    assert sorted(captions["Judul Tabel"] + captions["Judul Gambar"]) == sorted(listed)
    assert "Tabel 3.1" in " ".join(captions["Judul Tabel"]) and all(c.startswith("Gambar ") for c in captions["Judul Gambar"])
    # each table caption stands right above its table, as in the PDF
    body = _body(laporan)
    above = [i for i, item in enumerate(body) if isinstance(item, Paragraph) and item.style.name == "Judul Tabel"]
    assert above and sum(isinstance(body[i + 1], Table) for i in above) >= len(above) - 1


def test_laporan_bound_figures_are_the_pages_values(laporan: DocxDocument, laporan_page: str) -> None:
    values = {_norm(v) for v in re.findall(r'<span class="nilai[^"]*"[^>]*>(.*?)</span>', laporan_page) if v.strip()}
    text = _texts(laporan)
    assert len(values) > 10
    assert not [v for v in values if v not in text]


def test_laporan_tables_hold_the_pages_cells(laporan: DocxDocument, laporan_page: str) -> None:
    # generated tables in their figure, and Markdown tables under a {{ tabel }} caption
    figures = re.findall(r'<figure class="tabel"[^>]*>.*?</figure>|<p class="judul-tabel"[^>]*>.*?</p>\s*<table>.*?</table>', laporan_page, re.S)
    body = _body(laporan)
    tables = [body[i + 1] for i, item in enumerate(body[:-1]) if isinstance(item, Paragraph) and item.style.name == "Judul Tabel" and isinstance(body[i + 1], Table)]
    assert len(tables) == len(figures)
    for figure, table in zip(figures, tables):
        # compared without spaces: a block inside a cell is a line of its own in Word, glued text on the page
        html_cells = {re.sub(r"\s+", "", page_words(c)) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", figure, re.S)} - {""}
        word_cells = {re.sub(r"\s+", "", c.text) for row in table.rows for c in row.cells} - {""}
        assert html_cells == word_cells


def test_laporan_charts_are_pictures_with_their_svg(laporan: DocxDocument, laporan_page: str) -> None:
    charts = laporan_page.count('<figure class="grafik"')
    blips = laporan.element.body.findall(f".//{SVG_BLIP}")
    assert charts >= 3 and len(blips) >= charts
    parts = {rel.target_part.content_type for rel in laporan.part.rels.values() if rel.reltype.endswith("/image")}
    assert {"image/png", "image/svg+xml"} <= parts


def _sop(built_demo: BuildResult, name: str) -> DocxDocument:
    return Document(str(built_demo.out_dir / f"sop/{name}.docx"))


def _flowcharts(document: DocxDocument) -> list[Table]:
    return [t for t in document.tables if _norm(t.cell(0, 0).text) == "No"]


@pytest.mark.parametrize("name", SOPS)
def test_sop_flowchart_is_a_word_table_of_the_yaml_steps(built_demo: BuildResult, name: str) -> None:
    document = _sop(built_demo, name)
    data = yaml.safe_load((DEMO / "sop" / f"{name}.yaml").read_text(encoding="utf-8"))
    tables = _flowcharts(document)
    page = (built_demo.out_dir / f"sop/{name}.html").read_text(encoding="utf-8")
    assert len(tables) == page.count('class="fc-table"')  # one table per page of the PDF's plan
    pelaksana = data["pelaksana"]
    rows = []
    for table in tables:
        header = [_norm(c.text) for c in table.rows[1].cells]
        assert header[2:2 + len(pelaksana)] == pelaksana
        assert header[2 + len(pelaksana):-1] == ["Kelengkapan", "Waktu", "Output"]
        assert _norm(table.rows[0].cells[2].text) == "PELAKSANA" and _norm(table.rows[0].cells[-1].text) == "Keterangan"
        for row in table.rows[3:]:
            assert row.height_rule == WD_ROW_HEIGHT_RULE.EXACTLY
            rows.append(row)
    assert len(rows) == len(data["langkah"])
    for number, (row, step) in enumerate(zip(rows, data["langkah"]), start=1):
        cells = [_norm(c.text) for c in row.cells]
        mutu = step["mutu_baku"]
        assert cells[0] == str(number) and cells[1] == _norm(step["uraian"])
        assert cells[-4:-1] == [_norm(str(mutu["kelengkapan"])), _norm(str(mutu["waktu"])), _norm(str(mutu["output"]))]
        column = 2 + pelaksana.index(step["pelaksana"])
        assert row.cells[column]._tc.findall(f".//{SVG_BLIP}"), f"langkah {number}: no drawing in its pelaksana's cell"


@pytest.mark.parametrize("name", SOPS)
def test_sop_lies_landscape_with_its_identity_table(built_demo: BuildResult, name: str) -> None:
    document = _sop(built_demo, name)
    data = yaml.safe_load((DEMO / "sop" / f"{name}.yaml").read_text(encoding="utf-8"))
    for section in document.sections:
        paper = PAPERS[data.get("kertas", "F4")]  # the demo has an A4 SOP beside F4 ones
        assert section.orientation == WD_ORIENT.LANDSCAPE
        assert _sheet(section) == (round(paper.height), round(paper.width))
    identity = next(t for t in document.tables if "Nomor SOP" in _texts_of(t))
    text = _texts_of(identity)
    assert data["nomor"] in text and _norm(data["nama"]) in text and "Dasar Hukum" in text
    assert "Halaman" in document.sections[0].footer._element.xml and "NUMPAGES" in document.sections[0].footer._element.xml


def _texts_of(table: Table) -> str:
    return _norm(" ".join(c.text for row in table.rows for c in row.cells))


def test_no_word_copies_without_pdfs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_site(small_site(tmp_path / "site"), out, pdf=False)
    assert not list(out.rglob("*.docx"))


def test_sop_with_eight_pelaksana_and_huge_texts_gets_its_word_copy(tmp_path: Path) -> None:
    pelaksana = [f"Pelaksana Nomor {i}" for i in range(1, 9)]
    huge = "Pemeriksaan berkas permohonan secara menyeluruh " * 60
    langkah = "".join(
        f"  - uraian: '{huge if i == 3 else 'Langkah ' + str(i)}'\n"
        f"    pelaksana: {pelaksana[i % 8]}\n"
        f"    mutu_baku: {{kelengkapan: '{huge[:400]}', waktu: {i} jam, output: Dokumen}}\n"
        for i in range(1, 13)
    )
    site = small_site(tmp_path / "site", sops=1)
    text = sop_yaml("Besar", "1/SOP/2024", steps=1)
    head = text[: text.index("\npelaksana:") + 1]
    tail = "pelaksana:\n" + "".join(f"  - {p}\n" for p in pelaksana) + "langkah:\n" + langkah
    write_site(site, {"sop/prosedur-1.yaml": head + tail})
    build_site(site, tmp_path / "out", pdf=True)
    document = Document(str(tmp_path / "out/sop/prosedur-1.docx"))
    rows = [row for table in _flowcharts(document) for row in table.rows[3:]]
    assert len(rows) == 12
    assert _norm(rows[2].cells[1].text) == _norm(huge)
    assert [_norm(c.text) for c in _flowcharts(document)[0].rows[1].cells][2:10] == pelaksana


def test_a_word_copy_that_fails_is_a_problem_at_its_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = small_site(tmp_path / "site", sops=1)
    build_site(site, tmp_path / "out", pdf=False)
    before = (tmp_path / "out" / "index.html").read_bytes()

    def broken(**_: object) -> bytes:
        raise ValueError("gambar rusak")

    monkeypatch.setattr("cairosvg.svg2png", broken)
    svg_png.cache_clear()  # pictures drawn by an earlier test in this process would be served, not drawn
    with pytest.raises(ContentError) as raised:
        build_site(site, tmp_path / "out", pdf=True)
    [problem] = raised.value.problems
    assert problem.path.endswith("sop/prosedur-1.yaml")
    assert "salinan Word (.docx) tidak dapat dibuat" in problem.message and "gambar rusak" in problem.message
    assert (tmp_path / "out" / "index.html").read_bytes() == before  # the previous output is kept


def test_word_copies_are_offered_next_to_the_pdfs(built_demo: BuildResult) -> None:
    out = built_demo.out_dir
    for page, docx in [(f"sop/{n}.html", f"{n}.docx") for n in SOPS] + [("laporan/2024/index.html", LAPORAN.split("/")[-1] + ".docx")]:
        html = (out / page).read_text(encoding="utf-8")
        assert re.search(rf'<a [^>]*href="{re.escape(docx)}" download>Unduh Word \(\.docx\)</a>', html), page
        assert (out / Path(page).parent / docx).is_file()
    home = (out / "index.html").read_text(encoding="utf-8")
    for href in [f"sop/{n}.docx" for n in SOPS] + [f"{LAPORAN}.docx"]:
        assert f'href="{href}" download' in home, href


VML = "{urn:schemas-microsoft-com:vml}"


@pytest.mark.parametrize(("name", "mark"), [
    ("monitoring-evaluasi-sop", "KONSEP"), ("pengumpulan-data-kinerja-2023", "DICABUT"), ("penyusunan-sakip", None),
])
def test_sop_status_is_a_word_watermark_on_every_page(built_demo: BuildResult, name: str, mark: str | None) -> None:
    """KONSEP / DICABUT is Word's own watermark (a VML WordArt shape behind the text, anchored in the header), as the PDF's."""
    document = _sop(built_demo, name)
    for index, section in enumerate(document.sections):
        header = section.header._element
        shapes = [s for s in header.iter(f"{VML}shape") if s.get("id") == "PowerPlusWaterMarkObject"]
        if mark is None:
            assert shapes == []
            continue
        if index:
            assert section.header.is_linked_to_previous  # the first section's header, watermark included, is every page's
            continue
        assert len(shapes) == 1, header.xml
        style = shapes[0].get("style")
        assert "rotation:315" in style and "z-index:-" in style and "mso-position-vertical:center" in style
        (textpath,) = shapes[0].iter(f"{VML}textpath")
        assert textpath.get("string") == mark and "Liberation Sans" in textpath.get("style")
        assert section.header.paragraphs[0].text.startswith(f"{mark}: ")  # the explaining line stays above the page


@pytest.mark.parametrize(("path", "created", "modified"), [
    ("sop/penyusunan-sakip.docx", dt.date(2024, 1, 8), dt.date(2025, 2, 3)),  # made, then revised (riwayat_revisi)
    ("sop/pengukuran-data-kinerja.docx", dt.date(2024, 1, 14), dt.date(2024, 1, 14)),  # never revised
    (f"{LAPORAN}.docx", dt.date(2025, 2, 28), dt.date(2025, 2, 28)),  # a report states one date: its signing
])
def test_word_copies_carry_the_documents_dates_not_the_builds(built_demo: BuildResult, path: str, created: dt.date, modified: dt.date) -> None:
    file = built_demo.out_dir / path
    properties = Document(str(file)).core_properties
    assert properties.created is not None and properties.modified is not None
    assert (properties.created.date(), properties.modified.date()) == (created, modified)
    with zipfile.ZipFile(file) as archive:
        assert {info.date_time for info in archive.infolist()} == {(modified.year, modified.month, modified.day, 0, 0, 0)}
