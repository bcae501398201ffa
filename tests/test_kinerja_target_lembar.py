"""Targets from the Tim SAKIP's sheet: optional as written, filled by the sheet's Target column, required after the merge."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from sopgen.build import build_site, check_site
from sopgen.domain.rekap import RekapIndikator
from sopgen.errors import ContentError

from .support import lines_with, rencana_kinerja, small_site, write_site
from .test_kinerja_content import xlsx

KINERJA = "content/kinerja/2024/kinerja.yaml"

PLAN = rencana_kinerja("""\
          - kode: IKU-1
            nama: Indeks Kepuasan Masyarakat
            satuan: poin
            sumber_data: Survei kepuasan
{target1}
          - kode: IKU-2
            nama: Jumlah pengaduan layanan
            satuan: pengaduan
            polaritas: negatif
            sumber_data: Register pengaduan
{target2}
""", kepala="impor: [{sheet}]")


def site(tmp_path: Path, sheet_name: str, sheet: str | bytes, target1: str = "", target2: str = "") -> Path:
    root = small_site(tmp_path / "content", sops=0)
    plan = PLAN.format(sheet=sheet_name, target1=target1, target2=target2)
    return write_site(root, {"kinerja/2024/kinerja.yaml": plan, f"kinerja/2024/{sheet_name}": sheet})


def scored(root: Path) -> dict[str, RekapIndikator]:
    built, problems = check_site(root)
    assert not problems.errors, [p.format() for p in problems.errors]
    return {i.kode: i for i in built.kinerja.siklus["2024"].rekap.semua_indikator()}


def test_targets_and_realisasi_from_a_csv(tmp_path: Path) -> None:
    csv_text = "No;Kode;Indikator;Target;Realisasi\n1;IKU-1;IKM;80;84,5\n2;IKU-2;Aduan;20;14\n"
    root = site(tmp_path, "lembar.csv", csv_text)
    by_kode = scored(root)
    # IKU-1: 84,5 / 80 × 100 = 105,625 -> 105,63;  IKU-2: (2 × 20 − 14) / 20 × 100 = 26 / 20 × 100 = 130
    assert by_kode["IKU-1"].indikator.target == 80 and by_kode["IKU-1"].capaian.bulat == D("105.63")
    assert by_kode["IKU-2"].indikator.target == 20 and by_kode["IKU-2"].capaian.bulat == D("130.00")
    built, _ = check_site(root)
    assert built.kinerja.siklus["2024"].asal("IKU-1", "target") == "lembar.csv, sel D2"
    out = tmp_path / "output"
    build_site(root, out, pdf=False)
    page = (out / "kinerja/2024/index.html").read_text(encoding="utf-8")
    assert "105,63" in page and "130,00" in page


def test_targets_from_an_xlsx_and_the_yaml_written_blank(tmp_path: Path) -> None:
    """``target: '-'`` and ``target:`` mean "not written here": the sheet fills them."""
    sheet = xlsx([["Kode", "Target", "Realisasi"], ["IKU-1", 90, 81], ["IKU-2", 10, 12]])
    root = site(tmp_path, "target.xlsx", sheet, target1="            target: '-'", target2="            target:")
    by_kode = scored(root)
    # IKU-1: 81 / 90 × 100 = 90,00;  IKU-2: (2 × 10 − 12) / 10 × 100 = 8 / 10 × 100 = 80
    assert by_kode["IKU-1"].capaian.bulat == D("90.00")
    assert by_kode["IKU-2"].capaian.bulat == D("80.00")


def test_a_target_in_the_yaml_and_the_sheet_is_an_error_naming_both(tmp_path: Path) -> None:
    root = site(tmp_path, "lembar.csv", "Kode;Target\nIKU-1;80\nIKU-2;20\n", target1="            target: 80")
    _, problems = check_site(root)
    line = lines_with(root / "kinerja/2024/kinerja.yaml", "target: 80")[0]
    assert [p.format() for p in problems.errors] == [
        f"content/kinerja/2024/lembar.csv:2:2: B2: target IKU-1 juga ditulis di kinerja.yaml baris {line}; tulis setiap angka di satu tempat saja: hapus salah satunya."
    ]


def test_no_target_anywhere_is_an_error_at_the_kode_naming_both_ways(tmp_path: Path) -> None:
    root = site(tmp_path, "lembar.csv", "Kode;Target;Realisasi\nIKU-2;20;14\nIKU-1;;84\n")
    file = root / "kinerja/2024/kinerja.yaml"
    line = lines_with(file, "kode: IKU-1")[0]
    _, problems = check_site(root)
    assert [p.format() for p in problems.errors] == [
        f"{KINERJA}:{line}:19: tujuan[1].sasaran[1].indikator[1].kode: indikator IKU-1 belum punya target; "
        "tulis 'target: <angka>' pada indikator ini di kinerja.yaml, atau isi kolom 'Target' baris kode IKU-1 pada lembar impor (lembar.csv)."
    ]
    with pytest.raises(ContentError):
        build_site(root, tmp_path / "output", pdf=False)


def test_an_empty_target_without_a_sheet_is_an_error_at_its_own_line(tmp_path: Path) -> None:
    root = small_site(tmp_path / "content", sops=0)
    plan = PLAN.replace("impor: [{sheet}]", "").format(target1="            target:", target2="            target: 5")
    write_site(root, {"kinerja/2024/kinerja.yaml": plan})
    line = lines_with(root / "kinerja/2024/kinerja.yaml", "target:")[0]
    _, problems = check_site(root)
    assert [(p.line, p.message, p.hint) for p in problems.errors] == [
        (line, "indikator IKU-1 belum punya target",
         "tulis 'target: <angka>' pada indikator ini di kinerja.yaml, atau isi kolom 'Target' baris kode ini pada lembar kerja yang didaftarkan di 'impor:'.")
    ]


@pytest.mark.parametrize(("cell", "message"), [
    ("delapan", "'delapan' bukan angka"),
    ("1234567890123456789", "angka terlalu besar"),
    ("=HYPERLINK(\"x\")", "bukan angka"),
])
def test_a_bad_target_cell_is_an_error_at_its_cell_and_the_target_still_missing(tmp_path: Path, cell: str, message: str) -> None:
    root = site(tmp_path, "lembar.csv", f"Kode;Target\nIKU-1;{cell}\nIKU-2;20\n")
    _, problems = check_site(root)
    found = [p.format() for p in problems.errors]
    assert any(f.startswith("content/kinerja/2024/lembar.csv:2:2: B2: ") and message in f for f in found), found
    assert any("indikator IKU-1 belum punya target" in f for f in found), found
