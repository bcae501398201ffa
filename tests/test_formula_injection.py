"""A text cell that a spreadsheet would read as a formula stays text, in the XLSX and the CSV (OWASP)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sopgen.build import build_site

from .support import replace_line

NAMA = "Indeks Kepuasan Masyarakat (IKM) atas pelayanan kecamatan"


@pytest.mark.parametrize("hostile", ['=HYPERLINK("http://contoh.invalid","klik")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)"])
def test_formula_like_name_is_text_in_xlsx_and_csv(demo_copy: Path, tmp_path: Path, hostile: str) -> None:
    replace_line(demo_copy / "kinerja/2024/kinerja.yaml", f"nama: {NAMA}", f"nama: '{hostile.replace(chr(39), chr(39) * 2)}'")
    out = tmp_path / "output"
    build_site(demo_copy, out, pdf=False)
    book = load_workbook(out / "kinerja/2024/rekap-kinerja-2024.xlsx")
    cells = [c for row in book["Indikator"].iter_rows() for c in row if isinstance(c.value, str) and hostile in c.value]
    assert cells and all(c.data_type == "s" and c.value == hostile for c in cells)
    text = (out / "kinerja/2024/rekap-kinerja-2024.csv").read_text(encoding="utf-8-sig")
    values = [v for row in csv.reader(io.StringIO(text), delimiter=";") for v in row if hostile in v]
    assert values == [f"'{hostile}"]
