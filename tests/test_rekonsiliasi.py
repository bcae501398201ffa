"""Reconciling an existing report: every printed capaian the declared formula does not give, with its visible cause."""

from __future__ import annotations

import io
import re
from decimal import Decimal as D
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sopgen.build import build_site, check_site

from .support import lines_with, rencana_kinerja, small_site, write_site

PLAN = rencana_kinerja("""\
          - kode: A
            nama: Indeks kepuasan
            satuan: poin
            desimal: 1
            sumber_data: Survei
            target: 80
            realisasi: 83.4
            {tercetak_a}
          - kode: B
            nama: Jumlah pengaduan
            satuan: pengaduan
            polaritas: negatif
            desimal: 0
            sumber_data: Register
            target: 20
            realisasi: 14
            capaian_tercetak: 70.00
          - kode: C
            nama: Persentase layanan tepat waktu
            satuan: poin
            sumber_data: Register
            target: 80
            realisasi: 76.5
            capaian_tercetak: 95.62
          - kode: D
            nama: Persentase desa berkembang
            satuan: poin
            sumber_data: IDM
            target: 100
            realisasi: 90
            capaian_tercetak: 90.00
""", kepala="{impor}")


def site(tmp_path: Path, tercetak_a: str = "capaian_tercetak: 104.30", impor: str = "", files: dict[str, str] | None = None) -> Path:
    root = small_site(tmp_path / "content", sops=0)
    return write_site(root, {"kinerja/2024/kinerja.yaml": PLAN.format(tercetak_a=tercetak_a, impor=impor), **(files or {})})


def cells(html: str, table_class: str) -> list[list[str]]:
    table = html[html.index(f'<table class="rekap {table_class}"'):]
    table = table[table.index("<tbody>"):table.index("</table>")]
    return [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)] for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)]


CAUSES = {
    # A: 83,4 / 80 × 100 = 104,25, printed 104,30; the printed 83,4 stands for [83,35; 83,45]:
    #    83,35 / 80 × 100 = 104,1875 and 83,45 / 80 × 100 = 104,3125, so 104,30 is one of them
    "A": ("104,30%", "104,25%", "dihitung dari realisasi yang belum dibulatkan (antara 83,35 dan 83,45), bukan dari realisasi tercetak 83,4"),
    # B (negatif): (2 × 20 − 14) / 20 × 100 = 130, printed 70 = 14 / 20 × 100
    "B": ("70,00%", "130,00%", "dihitung dengan R / T × 100 pada indikator negatif (makin rendah makin baik), bukan (2 × T − R) / T × 100"),
    # C: 76,5 / 80 × 100 = 95,625 -> 95,63, printed 95,62 (truncated)
    "C": ("95,62%", "95,63%", "angka tercetak dipotong, bukan dibulatkan (95,62500 dibulatkan 95,63)"),
}


def test_three_kinds_of_mismatch_each_explained_on_the_page_and_in_the_xlsx(tmp_path: Path) -> None:
    root = site(tmp_path)
    out = tmp_path / "output"
    build_site(root, out, pdf=False)
    page = (out / "kinerja/2024/index.html").read_text(encoding="utf-8")
    rows = cells(page, "reviu")
    # D: 90 / 100 × 100 = 90,00 = printed: not a row
    assert [(r[0], r[5], r[6], r[7]) for r in rows] == [(k, *v) for k, v in CAUSES.items()]
    assert "Capaian tercetak yang berbeda dari hasil rumus (3 dari 4 indikator)" in page
    book = load_workbook(io.BytesIO((out / "kinerja/2024/rekap-kinerja-2024.xlsx").read_bytes()))
    sheet = list(book["Reviu"].iter_rows(values_only=True))
    assert sheet[0] == ("Kode", "Indikator", "Target", "Realisasi", "Rumus", "Capaian tercetak (%)", "Capaian menurut rumus (%)", "Penyebab yang terlihat")
    assert [(r[0], D(str(r[5])), D(str(r[6])), r[7]) for r in sheet[1:]] == [
        ("A", D("104.30"), D("104.25"), CAUSES["A"][2]), ("B", D("70.00"), D("130"), CAUSES["B"][2]), ("C", D("95.62"), D("95.63"), CAUSES["C"][2]),
    ]


def test_every_printed_capaian_agreeing_says_so_and_no_capaian_tercetak_no_section(tmp_path: Path) -> None:
    root = small_site(tmp_path / "content", sops=0)
    plan = PLAN.format(tercetak_a="", impor="")
    plan = plan.replace("capaian_tercetak: 70.00", "capaian_tercetak: 130").replace("capaian_tercetak: 95.62", "capaian_tercetak: 95.63")
    write_site(root, {"kinerja/2024/kinerja.yaml": plan})
    out = tmp_path / "output"
    build_site(root, out, pdf=False)
    page = (out / "kinerja/2024/index.html").read_text(encoding="utf-8")
    assert "Semua 3 capaian tercetak sama dengan hasil rumus" in page
    book = load_workbook(io.BytesIO((out / "kinerja/2024/rekap-kinerja-2024.xlsx").read_bytes()))
    assert list(book["Reviu"].iter_rows(min_row=2, values_only=True)) == []


def test_printed_capaian_from_a_sheet_column(tmp_path: Path) -> None:
    csv_text = "Kode;Capaian Tercetak\nA;104,30\n"
    root = site(tmp_path, tercetak_a="", impor="impor: [lama.csv]", files={"kinerja/2024/lama.csv": csv_text})
    built, problems = check_site(root)
    assert not problems.errors, [p.format() for p in problems.errors]
    siklus = built.kinerja.siklus["2024"]
    assert {i.kode: i for i in siklus.rekap.semua_indikator()}["A"].indikator.capaian_tercetak == D("104.30")
    assert siklus.asal("A", "capaian_tercetak") == "lama.csv, sel B2"


@pytest.mark.parametrize(("value", "message"), [
    ("sembilan puluh", "angka"),
    ("1234567890123456789", "angka terlalu besar"),
    ("[90]", ""),
    ("{a: 1}", ""),
])
def test_a_bad_capaian_tercetak_is_an_error_at_its_line(tmp_path: Path, value: str, message: str) -> None:
    root = site(tmp_path, tercetak_a=f"capaian_tercetak: {value}")
    line = lines_with(root / "kinerja/2024/kinerja.yaml", "capaian_tercetak: " + value)[0]
    errors = check_site(root)[1].errors
    assert [p.line for p in errors] == [line], [p.format() for p in errors]
    assert message in errors[0].message


def test_a_bad_capaian_tercetak_cell_is_an_error_at_its_cell(tmp_path: Path) -> None:
    root = site(tmp_path, tercetak_a="", impor="impor: [lama.csv]", files={"kinerja/2024/lama.csv": "Kode;Capaian Tercetak\nA;=1+1\n"})
    assert [p.format() for p in check_site(root)[1].errors] == [
        "content/kinerja/2024/lama.csv:2:2: B2: '=1+1' bukan angka; isi sel dengan angka saja, mis. 95,5 (tanpa satuan); kosongkan atau '-' bila belum tersedia."
    ]
