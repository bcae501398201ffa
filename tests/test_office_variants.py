"""What real SOPs print differently from 35/2012's example, written once in the SOP: the Mutu Baku
column titles ("Persyaratan/Kelengkapan", "Waktu Penyelesaian") and a Dasar Hukum list that starts
at another number. Printed in the page, the PDF, the Word copy and the reading view; left out, the
regulation's defaults; written wrong, a message at its line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from sopgen.build import build_site

from .support import PEJABAT_YAML, SITE_YAML, failed_build, sop_yaml, write_site
from .support_tools import pdf_column_text

JUDUL = "judul_mutu_baku: {kelengkapan: Persyaratan/Kelengkapan, waktu: Waktu Penyelesaian}\n"


def _site(root: Path, extra: str) -> Path:
    return write_site(root, {"site.yaml": SITE_YAML, "pejabat.yaml": PEJABAT_YAML,
                             "sop/prosedur.yaml": sop_yaml("Prosedur Contoh", "100/1/SOP/2024") + extra})


def _headers(html: str) -> list[str]:
    thead = html[html.index("<thead>"):html.index("</thead>")]
    return [re.sub(r"<[^>]+>|\u00ad", "", cell).strip() for cell in re.findall(r"<th[^>]*>(.*?)</th>", thead, re.S)]


def test_the_titles_are_printed_everywhere_the_columns_are(tmp_path: Path) -> None:
    out = build_site(_site(tmp_path / "situs", JUDUL), tmp_path / "out", pdf=True).out_dir
    page = (out / "sop" / "prosedur.html").read_text(encoding="utf-8")
    headers = _headers(page)
    assert headers[headers.index("Keterangan") + 1:][:5] == ["Camat", "Staf", "Persyaratan/Kelengkapan", "Waktu Penyelesaian", "Output"]
    assert "<dt>Persyaratan/Kelengkapan</dt>" in page and "<dt>Waktu Penyelesaian</dt>" in page  # the reading view
    # the header wraps after the slash and hyphenates Penyele-saian in its narrow column: compare without line breaks
    text = re.sub(r"[\s\u00ad\u2010-]", "", " ".join(p.extract_text() for p in PdfReader(out / "sop" / "prosedur.pdf").pages))
    assert "Persyaratan/KelengkapanWaktuPenyelesaianOutput" in text
    word = Document(str(out / "sop" / "prosedur.docx"))
    cells = {c.text.strip() for t in word.tables for row in t.rows for c in row.cells}
    assert {"Persyaratan/Kelengkapan", "Waktu Penyelesaian", "Output"} <= cells and "Kelengkapan" not in cells


def test_without_titles_the_columns_keep_the_regulation_names(tmp_path: Path) -> None:
    out = build_site(_site(tmp_path / "situs", ""), tmp_path / "out", pdf=False).out_dir
    page = (out / "sop" / "prosedur.html").read_text(encoding="utf-8")
    headers = _headers(page)
    assert headers[headers.index("Keterangan") + 1:][:5] == ["Camat", "Staf", "Kelengkapan", "Waktu", "Output"]
    assert "<dt>Kelengkapan</dt>" in page


@pytest.mark.parametrize(("written", "expected"), [
    ("judul_mutu_baku: {kelengkapan: ''}\n", "kosong"),
    ("judul_mutu_baku: {kelengkapan: " + "Kelengkapan dan peralatan yang dibutuhkan langkah ini" + "}\n", "40"),
    ("judul_mutu_baku: {kelengkapn: Persyaratan}\n", "kelengkapan"),
    ("judul_mutu_baku: Persyaratan\n", "judul_mutu_baku"),
])
def test_a_wrong_title_is_told_at_its_line(tmp_path: Path, written: str, expected: str) -> None:
    site = _site(tmp_path / "situs", written)
    line = (site / "sop" / "prosedur.yaml").read_text(encoding="utf-8").splitlines().index(written.rstrip("\n")) + 1
    problems = failed_build(site, tmp_path / "out")
    [problem] = [p for p in problems if p.field.startswith("judul_mutu_baku")]
    assert problem.path.endswith("sop/prosedur.yaml") and problem.line == line
    assert expected in problem.message + problem.hint + problem.field, problem


def test_a_dasar_hukum_list_may_start_at_another_number(tmp_path: Path) -> None:
    out = build_site(_site(tmp_path / "situs", "dasar_hukum_mulai: 9\n"), tmp_path / "out", pdf=True).out_dir
    page = (out / "sop" / "prosedur.html").read_text(encoding="utf-8")
    assert page.count('<ol class="daftar angka" start="9"') == 2  # the identity table and the reading view
    text = pdf_column_text(out / "sop" / "prosedur.pdf", 0, 400)  # pdftotext reads the list markers, pypdf does not
    assert re.search(r"9\.\s*Peraturan Bupati Contoh Nomor 1", text) and not re.search(r"1\.\s*Peraturan Bupati Contoh", text)
    word = Document(str(out / "sop" / "prosedur.docx"))
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    assert any(re.search(r"9\.\s*Peraturan Bupati Contoh", c) for c in cells), cells[:12]


@pytest.mark.parametrize("written", ["dasar_hukum_mulai: 0\n", "dasar_hukum_mulai: sembilan\n", "dasar_hukum_mulai: 1000\n"])
def test_a_wrong_first_number_is_told_at_its_line(tmp_path: Path, written: str) -> None:
    site = _site(tmp_path / "situs", written)
    line = (site / "sop" / "prosedur.yaml").read_text(encoding="utf-8").splitlines().index(written.rstrip("\n")) + 1
    [problem] = [p for p in failed_build(site, tmp_path / "out") if p.field == "dasar_hukum_mulai"]
    assert problem.line == line and problem.message.startswith(("terlalu", "harus")), problem
