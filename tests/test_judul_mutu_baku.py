"""The Mutu Baku column titles an office prints ("Persyaratan/Kelengkapan", "Waktu Penyelesaian"):
written once in the SOP, printed in the page's flowchart header, the PDF, the Word copy and the
reading view; left out, 35/2012's Kelengkapan, Waktu, Output; written wrong, a message at its line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from sopgen.build import build_site

from .support import PEJABAT_YAML, SITE_YAML, failed_build, sop_yaml, write_site

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
