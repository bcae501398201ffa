"""An SOP document of several procedures (``prosedur:``), as a court prints its "Prosedur Surat
Masuk" and "Prosedur Surat Keluar" under one SOP number.

Real YAML in (tests/fixtures/dua-prosedur), the built PDF, page and Word copy read by content:
each procedure under its heading, in order, with its own flowchart table, step numbers from 1 and
its own off-page connectors; the identity table and the signature once. Each way of writing the
field wrong gets a message at its line saying how to write it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PdfReader

from sopgen.build import build_site
from sopgen.domain.flow import EdgeKind, build_flows, flow_findings
from sopgen.models.sop import SOP

from .support import page_words, sopgen_check

FIXTURE = Path(__file__).parent / "fixtures" / "dua-prosedur"
TEXT = (FIXTURE / "sop" / "surat.yaml").read_text(encoding="utf-8")
NAMES = ["Prosedur Surat Masuk", "Prosedur Surat Keluar"]
SIGNER = "Drs. H. AHMAD CONTOH, M.H."


def steps() -> list[list[str]]:
    """Each procedure's uraian, as the fixture writes them."""
    return [[step["uraian"] for step in p["langkah"]] for p in yaml.safe_load(TEXT)["prosedur"]]


def squash(text: str) -> str:
    """Extracted text with the PDF's line breaks and soft-hyphen breaks joined."""
    return " ".join(text.replace("\u2010\n", "").replace("-\n", "").split())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("prosedur")
    shutil.copytree(FIXTURE, base / "site")
    build_site(base / "site", base / "output")
    return base / "output" / "sop"


def test_ids_are_resolved_within_their_procedure() -> None:
    """Both procedures have a step 'arsip': the Surat Masuk decision's 'tidak: arsip' is its own last step."""
    sop = SOP.model_validate(yaml.safe_load(TEXT))
    assert [p.nama for p in sop.daftar_prosedur] == NAMES
    masuk, keluar = build_flows(sop)
    assert masuk.drawable and keluar.drawable and not [f for f in flow_findings(sop) if f.level.value == "galat"]
    assert (masuk.ids[-1], keluar.ids[-1]) == ("arsip", "arsip")
    biasa = next(e for e in masuk.edges if e.kind is EdgeKind.TIDAK)
    assert (biasa.source, biasa.target, biasa.label) == (1, 4, "Biasa")
    assert len(keluar.kinds) == 12 and keluar.kinds[0].value == "mulai" and keluar.kinds[-1].value == "selesai"


def test_an_sop_of_langkah_is_one_unnamed_procedure() -> None:
    data = yaml.safe_load(TEXT)
    data["langkah"] = data.pop("prosedur")[0]["langkah"]
    (only,) = SOP.model_validate(data).daftar_prosedur
    assert (only.nama, only.path, len(only.langkah)) == (None, ("langkah",), 5)


@pytest.mark.slow
def test_pdf_prints_each_procedure_under_its_heading_and_the_signature_once(built: Path) -> None:
    pages = [squash(page.extract_text()) for page in PdfReader(built / "surat.pdf").pages]
    starts = [next(i for i, text in enumerate(pages) if name in text) for name in NAMES]
    assert starts[0] < starts[1] == starts[0] + 1, "Surat Masuk fits one page, Surat Keluar starts on the next"
    masuk, keluar = pages[starts[0]], " ".join(pages[starts[1]:])
    assert all(uraian in masuk for uraian in steps()[0]) and not any(uraian in masuk for uraian in steps()[1])
    assert all(uraian in keluar for uraian in steps()[1]) and not any(uraian in keluar for uraian in steps()[0])
    # The numbers restart: each procedure's first row is "1", before its first uraian.
    for text, first in ((masuk, steps()[0][0]), (pages[starts[1]], steps()[1][0])):
        assert re.search(r"\b1 " + re.escape(first), text), text
    assert len(pages) == starts[1] + 2, "Surat Keluar's twelve steps take two pages"
    assert "Prosedur Surat Keluar" not in pages[-1], "the heading stands on the procedure's first page only"
    whole = " ".join(pages)
    assert whole.count(SIGNER) == 2, "once in the identity table, once in the signature"
    assert SIGNER in pages[-1] and SIGNER not in " ".join(pages[starts[0]:-1])
    assert whole.count("Nomor SOP") == 1, "one identity table"


@pytest.mark.slow
def test_page_shows_each_procedure_with_its_own_table_connectors_and_reading_view(built: Path) -> None:
    page = (built / "surat.html").read_text(encoding="utf-8")
    assert re.findall(r'<h2 class="fc-prosedur">([^<]*)</h2>', page) == NAMES
    assert re.findall(r'<h3 class="baca-prosedur">([^<]*)</h3>', page) == NAMES
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "every id once, though both procedures have rows 1-5 and a step 'arsip'"
    for index, uraian in enumerate(steps(), start=1):
        rows = re.findall(rf'<tr id="bagan-{index}-langkah-(\d+)"', page)
        assert rows == [str(n) for n in range(1, len(uraian) + 1)]
        assert [a for a in ids if a.startswith(f"langkah-{index}-")] == [f"langkah-{index}-{n}" for n in range(1, len(uraian) + 1)]
    # Off-page connectors per procedure: the two-page Surat Keluar has its pair A; Surat Masuk none.
    connectors = sorted(a for a in ids if "-konektor-" in a)
    assert connectors == ["bagan-2-konektor-A-keluar", "bagan-2-konektor-A-masuk"]
    assert page.count('class="tanda-tangan"') == 1 and 'id="bagan-2-penutup"' in page
    words = page_words(page)
    assert words.index(NAMES[0]) < words.index(steps()[0][-1]) < words.index(NAMES[1]) < words.index(steps()[1][0])
    assert "17 langkah, pelaksana Ketua" in page, "the page's description counts every step of the document"


@pytest.mark.slow
def test_word_copy_has_each_procedure_under_its_heading(built: Path) -> None:
    document = Document(str(built / "surat.docx"))
    body: list[str] = []
    for element in document.element.body.iterchildren():
        if element.tag.endswith("}p"):
            text = Paragraph(element, document).text.strip()
            if text in NAMES:
                body.append(text)
        elif element.tag.endswith("}tbl"):
            table = Table(element, document)
            if table.cell(0, 1).text == "Uraian Prosedur":
                body.append("rows " + " ".join(row.cells[0].text for row in table.rows[3:]))
            elif SIGNER in " ".join(cell.text for row in table.rows for cell in row.cells):
                body.append("signed")
    # The identity table (its Disahkan oleh) once before, the signature once after the last table.
    assert body == ["signed", NAMES[0], "rows 1 2 3 4 5", NAMES[1], "rows 1 2 3 4 5 6 7 8", "rows 9 10 11 12", "signed"], body


def _site(root: Path, text: str) -> Path:
    shutil.copytree(FIXTURE, root)
    (root / "sop" / "surat.yaml").write_text(text, encoding="utf-8")
    return root


LANGKAH = "langkah:\n  - {uraian: Menerima, pelaksana: Ketua, mutu_baku: {kelengkapan: Surat, waktu: 1 jam, output: Surat}}\n" \
          "  - {uraian: Mengarsip, pelaksana: Ketua, mutu_baku: {kelengkapan: Surat, waktu: 1 jam, output: Arsip}}\n"
HEAD = TEXT[: TEXT.index("prosedur:\n")]
SECOND = TEXT.index("  - nama: Prosedur Surat Keluar")


@pytest.mark.parametrize(("text", "where", "says"), [
    pytest.param(HEAD + LANGKAH + TEXT[len(HEAD):], "14:3: prosedur:", ["'langkah' dan 'prosedur' tertulis bersamaan", "hapus 'langkah' di tingkat atas"], id="both"),
    pytest.param(HEAD, "1:1: langkah:", ["SOP belum memiliki langkah", "'prosedur:' berisi butir '- nama: Prosedur Surat Masuk'"], id="neither"),
    pytest.param(HEAD + "prosedur: []\n", "10:11: prosedur:", ["daftar prosedur kosong", "atau hapus 'prosedur:' dan tulis 'langkah:'"], id="empty"),
    pytest.param(HEAD + "prosedur:\n", "1:1: langkah:", ["SOP belum memiliki langkah"], id="blank"),
    pytest.param(TEXT.replace("  - nama: Prosedur Surat Keluar\n    langkah:", "  - langkah:"), "32:5: prosedur[2]:",
                 ["prosedur ini tidak memiliki 'nama'", "'- nama: Prosedur Surat Keluar'"], id="no-nama"),
    pytest.param(TEXT[:SECOND] + "  - nama: Prosedur Surat Keluar\n", "32:5: prosedur[2]:",
                 ["prosedur ini tidak memiliki 'langkah'", "tulis 'langkah:' di bawah 'nama:'"], id="no-langkah"),
    pytest.param(TEXT.replace("nama: Prosedur Surat Keluar", "nama: Prosedur Surat Masuk"), "32:11: prosedur[2].nama:",
                 ["nama prosedur 'Prosedur Surat Masuk' sudah dipakai oleh prosedur ke-1"], id="same-nama"),
    pytest.param(TEXT.replace("{ya: disposisi, tidak: arsip,", "{ya: disposisi, tidak: konsep,"), "19:43: prosedur[1].langkah[2].keputusan.tidak:",
                 ["langkah 'konsep' adalah langkah prosedur 'Prosedur Surat Keluar', bukan prosedur ini",
                  "arahkan ke langkah prosedur ini (1, pilah, disposisi, 4, arsip)"], id="other-procedure"),
    pytest.param(TEXT.replace("{ya: disposisi, tidak: arsip,", "{ya: disposisi, tidak: arsp,"), "19:43: prosedur[1].langkah[2].keputusan.tidak:",
                 ["langkah tujuan 'arsp' tidak ditemukan", "maksud Anda 'arsip'?"], id="misspelt-in-procedure"),
    pytest.param(TEXT.replace("        pelaksana: Ketua\n        mutu_baku: {kelengkapan: Lembar", "        pelaksana: Ketu\n        mutu_baku: {kelengkapan: Lembar"),
                 "23:20: prosedur[1].langkah[3].pelaksana:", ["'Ketu' bukan salah satu kolom pelaksana", "maksud Anda 'Ketua'?"], id="pelaksana"),
])
def test_prosedur_written_wrong_says_where_and_how(tmp_path: Path, text: str, where: str, says: list[str]) -> None:
    assert text != TEXT
    done = sopgen_check(_site(tmp_path / "site", text))
    out = done.stdout + done.stderr
    assert done.returncode == 1 and "Traceback" not in out, out
    assert f"sop/surat.yaml:{where}" in out and all(s in out for s in says), out


def test_a_warning_in_a_procedure_is_at_its_step(tmp_path: Path) -> None:
    """The checks beyond the schema (here the waktu of a step) name the procedure's step, at its line."""
    done = sopgen_check(_site(tmp_path / "site", TEXT.replace("waktu: 2 jam", "waktu: secepatnya")))
    out = done.stdout + done.stderr
    assert "sop/surat.yaml:40:84:" in out and "prosedur[2].langkah[2].mutu_baku.waktu: waktu 'secepatnya' bukan lama waktu yang terukur" in out, out


def test_flow_of_the_procedures_is_checked_when_the_schema_fails_elsewhere(tmp_path: Path) -> None:
    """An error outside the steps (an empty nomor) does not hide one in them: both in one run (AlurSOP)."""
    text = TEXT.replace("nomor: W1-A1/123/OT.01.2/I/2024", 'nomor: ""').replace("{ya: disposisi, tidak: arsip,", "{ya: disposisi, tidak: konsep,")
    done = sopgen_check(_site(tmp_path / "site", text))
    out = done.stdout + done.stderr
    assert "sop/surat.yaml:1:" in out and "nomor SOP kosong" in out, out
    assert "sop/surat.yaml:19:43: prosedur[1].langkah[2].keputusan.tidak: langkah 'konsep' adalah langkah prosedur 'Prosedur Surat Keluar'" in out, out


@pytest.mark.slow
def test_a_long_first_procedure_breaks_on_its_own_and_the_signature_follows_the_last(tmp_path: Path) -> None:
    """Surat Keluar first: its two pages are planned while Surat Masuk, one page, carries the signature."""
    start, second = TEXT.index("prosedur:\n") + len("prosedur:\n"), TEXT.index("  - nama: Prosedur Surat Keluar")
    site = _site(tmp_path / "site", TEXT[:start] + TEXT[second:] + TEXT[start:second])
    build_site(site, tmp_path / "output")
    pages = [squash(page.extract_text()) for page in PdfReader(tmp_path / "output" / "sop" / "surat.pdf").pages]
    keluar = next(i for i, text in enumerate(pages) if NAMES[1] in text)
    assert [NAMES[0] in text for text in pages[keluar:]] == [False, False, True], "Surat Keluar on two pages, then Surat Masuk"
    assert steps()[1][-1] in pages[keluar + 1] and SIGNER in pages[-1] and steps()[0][-1] in pages[-1]
    assert SIGNER not in " ".join(pages[keluar:-1])
