"""A step done by two (or more) pelaksana together, as real SOPs have: one symbol across their
adjacent columns in the PDF, the site page and the Word copy; both named in the reading view;
a file:line message for every way of writing it wrong.

Real YAML in; the built HTML, PDF and DOCX read back.
"""

from __future__ import annotations

import itertools
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from PIL import Image
from pypdf import PdfReader

from sopgen.domain.flow import build_flow
from sopgen.domain.flowchart import Geometry
from sopgen.domain.flowchart_routes import layout
from sopgen.domain.flowchart_sheet import SHEETS, column_widths
from sopgen.models.sop import SOP as Model

from .support import built_sop, one_sop_site, page_words, sopgen_check
from .support_tools import chromium, rasterise

SOP = """\
nomor: 100/9/SOP/2024
nama: Verifikasi Berkas Bersama
tanggal: {pembuatan: 2024-01-10, pengesahan: 2024-01-12}
disahkan_oleh: camat
dasar_hukum: [Peraturan Bupati Contoh Nomor 1 Tahun 2020 tentang Contoh]
kualifikasi_pelaksana: [Memahami tugas]
pelaksana: [Camat, Kasi Pemerintahan, Staf]
langkah:
  - uraian: Staf menerima berkas permohonan
    pelaksana: Staf
    mutu_baku: {kelengkapan: Formulir, waktu: 10 menit, output: Berkas}
  - uraian: Kasi Pemerintahan dan Staf memeriksa berkas bersama-sama
    pelaksana: [Staf, Kasi Pemerintahan]
    mutu_baku: {kelengkapan: Berkas, waktu: 1 jam, output: Berita acara}
  - uraian: Camat menandatangani surat
    pelaksana: Camat
    mutu_baku: {kelengkapan: Konsep surat, waktu: 1 hari, output: Surat}
  - uraian: Staf mengarsipkan berkas
    pelaksana: Staf
    mutu_baku: {kelengkapan: Berkas, waktu: 10 menit, output: Arsip}
"""
"""Step 2 is done by the Kasi and the Staf together, written in the other order than the columns."""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_sop(tmp_path_factory.mktemp("bersama"), "bersama", SOP)


def _model(sop: str) -> Model:
    return Model.model_validate(yaml.safe_load(sop))


def test_the_names_are_put_in_column_order_and_the_step_spans_their_columns() -> None:
    sop = _model(SOP)
    assert sop.semua_langkah[1].pelaksana == ["Kasi Pemerintahan", "Staf"], "written [Staf, Kasi Pemerintahan]"
    flow = build_flow(sop)
    assert flow.drawable, flow.findings
    assert flow.spans == ((2, 2), (1, 2), (0, 0), (2, 2))
    assert not [f for f in flow.findings if f.code == "kolom-pelaksana-kosong"], "a joint step uses both its columns"


def test_a_list_of_one_is_that_one_name() -> None:
    """Decided: ``pelaksana: [Staf]`` is accepted as ``pelaksana: Staf`` (same flow, same drawing)."""
    one = _model(SOP.replace("pelaksana: [Staf, Kasi Pemerintahan]", "pelaksana: [Staf]"))
    plain = _model(SOP.replace("pelaksana: [Staf, Kasi Pemerintahan]", "pelaksana: Staf"))
    assert one.semua_langkah[1].pelaksana == "Staf"
    assert one == plain


def test_the_symbol_of_a_joint_step_is_one_cell_across_its_columns() -> None:
    """The routed layout: one cell of two columns holding a symbol as wide as both, entered at the
    Staf column's centre (the step above is the Staf's), left at the Kasi's (nearest the Camat)."""
    flow = build_flow(_model(SOP))
    g = Geometry(column=30.0)
    row = layout(flow, g).cells[1]
    assert [cell.span for cell in row] == [1, 2, 0]
    symbol = row[1].symbol
    assert symbol is not None and symbol.width == g.column + g.symbol_width
    assert symbol.top_dx == g.column / 2 and "T" in symbol.arrows
    downs = {seg.track for seg in row[1].segs if seg.axis == "v"}
    assert downs == {("L", 1.5 * g.column), ("L", 0.5 * g.column)}, "in at the Staf's centre, out at the Kasi's"


@pytest.mark.slow
def test_the_page_draws_one_cell_across_both_columns_and_names_both(built: Path) -> None:
    page = (built / "bersama.html").read_text(encoding="utf-8")
    row = re.search(r'<tr id="bagan-langkah-2".*?</tr>', page, re.S)
    assert row is not None
    cells = re.findall(r'<td class="fc-pel"([^>]*)>', row.group(0))
    assert len(cells) == 2, "Camat, then one cell for Kasi Pemerintahan and Staf"
    assert 'colspan="2"' in cells[1] and 'data-symbol="proses"' in cells[1]
    for other in range(1, 5):
        if other != 2:
            found = re.search(rf'<tr id="bagan-langkah-{other}".*?</tr>', page, re.S)
            assert found is not None and len(re.findall(r'<td class="fc-pel"', found.group(0))) == 3
    assert "2 Kasi Pemerintahan dan Staf Kasi Pemerintahan dan Staf memeriksa" in page_words(page), "the reading view names both"


def _white_runs(pixels: Any, x: int, ys: range, least: int) -> int:
    """White runs at least ``least`` pixels long down column ``x`` (a grid line is dark all along)."""
    runs, length = 0, 0
    for y in ys:
        length = length + 1 if pixels[x, y] > 160 else 0
        runs += length == least
    return runs


@pytest.mark.slow
def test_the_pdf_draws_the_symbol_across_the_border_between_the_columns(built: Path, tmp_path: Path) -> None:
    reader = PdfReader(built / "bersama.pdf")
    last = len(reader.pages) - 1
    text = " ".join(reader.pages[last].extract_text().split())
    assert "Kasi Pemerintahan dan Staf memeriksa berkas" in text and "Mulai" in text and "Selesai" in text
    dpi = 100
    image = Image.open(rasterise(built / "bersama.pdf", tmp_path / "png", dpi)[last]).convert("L")
    pixels: Any = image.load()
    widths = column_widths(SHEETS["A4"], 3)
    scale = dpi / 25.4
    x_of = [round((SHEETS["A4"].margin[3] + widths.no + widths.uraian + i * widths.pelaksana) * scale) for i in range(4)]
    def dark(x: int) -> list[int]:
        return [y for y in range(image.height) if pixels[x, y] < 100]
    names = dark(x_of[1])  # the table's top line, then (below PELAKSANA, which spans the columns) the names down
    body = range(next(y for above, y in itertools.pairwise(names) if y - above > 1), names[-1])
    least = round(1.5 * scale)
    assert _white_runs(pixels, x_of[1], body, least) == 0, "the border between Camat and Kasi Pemerintahan runs unbroken"
    # Across the joint row the Kasi/Staf border is not drawn: white above the box, inside it, below it.
    assert _white_runs(pixels, x_of[2], body, least) == 3
    assert _white_runs(pixels, x_of[3], body, least) == 0


@pytest.mark.slow
def test_the_word_copy_merges_the_two_cells(built: Path) -> None:
    with zipfile.ZipFile(built / "bersama.docx") as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    flowchart = body[body.rindex("Uraian Prosedur"):]
    rows = re.findall(r"<w:tr[ >].*?</w:tr>", flowchart, re.S)
    joint = next(r for r in rows if ">1 jam<" in r)
    assert joint.count('<w:gridSpan w:val="2"/>') == 1, "one cell across Kasi Pemerintahan and Staf"
    plain = next(r for r in rows if ">1 hari<" in r)
    assert len(re.findall(r"<w:tc[ >]", joint)) == len(re.findall(r"<w:tc[ >]", plain)) - 1 == 8
    assert "<w:drawing" in joint.split('<w:gridSpan w:val="2"/>')[1].split("</w:tc>")[0], "its picture is in the merged cell"


@pytest.mark.parametrize(("written", "says"), [
    ("[Camat, Staf]", ["kolom 'Camat' dan 'Staf' tidak berdampingan: kolom 'Kasi Pemerintahan' berada di antaranya",
                       "ubah urutan daftar 'pelaksana'", "pelaksana: [Camat, Staf, Kasi Pemerintahan]"]),
    ("[Staf, Kasi]", ["'Kasi' bukan salah satu kolom pelaksana (Camat, Kasi Pemerintahan, Staf)"]),
    ("[Staf, Stef]", ["'Stef' bukan salah satu kolom pelaksana", "maksud Anda 'Staf'?"]),
    ("[Staf, Staf]", ["pelaksana 'Staf' tertulis dua kali di langkah ini", "tulis setiap pelaksana satu kali"]),
    ("[]", ["daftar pelaksana langkah ini kosong", "pelaksana: [Kasi, Staf]"]),
    ("{nama: Staf}", ["pelaksana langkah bukan nama", "pelaksana: [Kasi, Staf]"]),
    ("[[Staf]]", ["harus berupa teks"]),
])
def test_a_joint_step_written_wrong_says_how_to_write_it(tmp_path: Path, written: str, says: list[str]) -> None:
    done = sopgen_check(one_sop_site(tmp_path / "site", "bersama", SOP.replace("pelaksana: [Staf, Kasi Pemerintahan]", f"pelaksana: {written}")))
    out = done.stdout + done.stderr
    assert done.returncode == 1 and "Traceback" not in out, out
    assert "sop/bersama.yaml:13:16: langkah[2].pelaksana: " in out and all(s in out for s in says), out


def test_a_decision_is_made_by_one_pelaksana() -> None:
    sop = SOP.replace("    mutu_baku: {kelengkapan: Berkas, waktu: 1 jam, output: Berita acara}\n",
                      "    mutu_baku: {kelengkapan: Berkas, waktu: 1 jam, output: Berita acara}\n    keputusan: {ya: \"3\", tidak: \"1\"}\n")
    finding = next(f for f in build_flow(_model(sop)).errors)
    assert finding.path == ("langkah", 1, "pelaksana")
    assert "langkah keputusan dijalankan oleh satu pelaksana" in finding.message and "pelaksana: Kasi Pemerintahan" in finding.hint


@pytest.mark.browser
def test_chromium_shows_the_joint_cell_as_wide_as_both_columns(built: Path) -> None:
    with chromium() as browser:
        page = browser.new_page()
        page.goto((built / "bersama.html").as_uri())
        joint = page.locator("#bagan-langkah-2 td.fc-pel").nth(1).bounding_box()
        kasi, staf = (page.locator("#bagan-langkah-1 td.fc-pel").nth(i).bounding_box() for i in (1, 2))
    assert joint is not None and kasi is not None and staf is not None
    assert joint["x"] == pytest.approx(kasi["x"], abs=0.5)
    assert joint["width"] == pytest.approx(kasi["width"] + staf["width"], abs=1.0)
