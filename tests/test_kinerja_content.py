"""kinerja.yaml and the Tim SAKIP's sheets: problems at file:line:col (or sheet!cell), lints, merging."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from sopgen.build import build_site, check_site
from sopgen.errors import ContentError, Level

from .support import lines_with, replace_line, small_site, sopgen_check, write_site

KINERJA = "content/kinerja/2024/kinerja.yaml"
SHEET = "content/kinerja/2024/realisasi.xlsx"

PLAN = """\
tahun: 2024
{impor}
tujuan:
  - kode: T1
    uraian: Meningkatnya pelayanan
    sasaran:
      - kode: S1
        uraian: Meningkatnya kepuasan masyarakat
        indikator:
          - kode: IKU-1
            nama: Indeks Kepuasan Masyarakat
            satuan: poin
            polaritas: positif
            sumber_data: Survei kepuasan
            target: 80
{extra1}
          - kode: IKU-2
            nama: Jumlah pengaduan layanan
            satuan: pengaduan
            polaritas: negatif
            sumber_data: Register pengaduan
            target: 20
            triwulan: {{aturan: kumulatif}}
{extra2}
"""


def site_with(tmp_path: Path, *, impor: str = "", extra1: str = "", extra2: str = "", files: dict[str, str | bytes] | None = None) -> Path:
    root = small_site(tmp_path / "content", sops=0)
    plan = PLAN.format(impor=f"impor: [{impor}]" if impor else "", extra1=extra1, extra2=extra2)
    return write_site(root, {"kinerja/2024/kinerja.yaml": plan, **(files or {})})


def messages(root: Path, level: Level | None = None) -> list[str]:
    _, problems = check_site(root)
    return [p.format() for p in problems.sorted() if level is None or p.level is level]


def xlsx(rows: Sequence[list[Any]], title: str = "Realisasi 2024", percent: tuple[int, int] | None = None) -> bytes:
    import io

    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    if percent:
        sheet.cell(*percent).number_format = "0%"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rekap(root: Path):
    site, problems = check_site(root)
    assert not problems.errors, [p.format() for p in problems.errors]
    return site.kinerja.siklus["2024"].rekap


HEADER = ["No", "Kode", "Indikator", "Target", "Realisasi", "TW I", "TW II", "TW III", "TW IV"]


# --- the brief's case: a typo'd kode and text in a number cell -------------------------------


def test_sheet_with_typo_and_text_is_refused_at_sheet_row_column(tmp_path: Path) -> None:
    sheet = xlsx([
        HEADER,
        [1, "IKU-1", "Indeks Kepuasan Masyarakat", None, "delapan puluh", None, None, None, None],
        [2, "IKU-2x", "Jumlah pengaduan layanan", None, None, 5, 4, 3, 2],
    ])
    root = site_with(tmp_path, impor="realisasi.xlsx", files={"kinerja/2024/realisasi.xlsx": sheet})
    assert messages(root) == [
        f"{SHEET}:2:5: Realisasi 2024!E2: 'delapan puluh' bukan angka; isi sel dengan angka saja, mis. 95,5 (tanpa satuan); kosongkan atau '-' bila belum tersedia.",
        f"{SHEET}:3:2: Realisasi 2024!B3: kode indikator 'IKU-2x' tidak ada di kinerja.yaml; maksud Anda 'IKU-2'?",
    ]
    with pytest.raises(ContentError):
        build_site(root, tmp_path / "output", pdf=False)
    assert not (tmp_path / "output").exists()


def test_good_sheet_fills_realisasi_and_quarters(tmp_path: Path) -> None:
    sheet = xlsx([HEADER, [1, "IKU-1", "IKM", None, 84.5, None, None, None, None], [2, "IKU-2", "Aduan", None, None, 5, 4, 3, 2]])
    root = site_with(tmp_path, impor="realisasi.xlsx", files={"kinerja/2024/realisasi.xlsx": sheet})
    r = rekap(root)
    by_kode = {i.kode: i for i in r.semua_indikator()}
    # 84,5 / 80 × 100 = 105,625 -> 105,63;  (2 × 20 − 14) / 20 × 100 = 130
    assert by_kode["IKU-1"].capaian.bulat == D("105.63")
    assert by_kode["IKU-2"].realisasi == 14 and by_kode["IKU-2"].capaian.nilai == 130
    site, _ = check_site(root)
    assert site.kinerja.siklus["2024"].asal("IKU-1", "realisasi") == "realisasi.xlsx, sel Realisasi 2024!E2"
    assert site.kinerja.siklus["2024"].asal("IKU-2", "triwulan", "realisasi", 3) == "realisasi.xlsx, sel Realisasi 2024!I3"


def test_indonesian_csv_and_percent_cells(tmp_path: Path) -> None:
    csv_text = "Kode;Realisasi\nIKU-1;84,5\n"
    root = site_with(tmp_path, impor="realisasi.csv", files={"kinerja/2024/realisasi.csv": csv_text})
    assert {i.kode: i for i in rekap(root).semua_indikator()}["IKU-1"].realisasi == D("84.5")
    # an Excel cell showing 95% holds 0.95: read as the 95 the team sees
    sheet = xlsx([["Kode", "Realisasi"], ["IKU-1", 0.95]], percent=(2, 2))
    root = site_with(tmp_path / "b", impor="r.xlsx", files={"kinerja/2024/r.xlsx": sheet})
    assert {i.kode: i for i in rekap(root).semua_indikator()}["IKU-1"].realisasi == 95


def test_csv_with_bom_is_read_and_one_in_the_windows_code_page_is_refused_at_its_byte(tmp_path: Path) -> None:
    """The same UTF-8 rule as the YAML and Markdown files: the line and column of the first bad byte."""
    with_bom = b"\xef\xbb\xbfKode;Realisasi\nIKU-1;84,5\n"
    root = site_with(tmp_path, impor="realisasi.csv", files={"kinerja/2024/realisasi.csv": with_bom})
    assert {i.kode: i for i in rekap(root).semua_indikator()}["IKU-1"].realisasi == D("84.5")
    cp1252 = "Kode;Realisasi;Keterangan\nIKU-1;84,5;survei caf\xe9\n".encode("cp1252")
    root = site_with(tmp_path / "b", impor="realisasi.csv", files={"kinerja/2024/realisasi.csv": cp1252})
    assert messages(root) == ["content/kinerja/2024/realisasi.csv:2:22: berkas bukan UTF-8 (byte 0xe9); simpan ulang berkas dengan pengodean UTF-8."]


def test_figure_in_yaml_and_sheet_is_an_error_naming_both(tmp_path: Path) -> None:
    sheet = xlsx([["Kode", "Realisasi"], ["IKU-1", 84]])
    root = site_with(tmp_path, impor="realisasi.xlsx", extra1="            realisasi: 83", files={"kinerja/2024/realisasi.xlsx": sheet})
    assert messages(root) == [
        f"{SHEET}:2:2: Realisasi 2024!B2: realisasi IKU-1 juga ditulis di kinerja.yaml baris 16; tulis setiap angka di satu tempat saja: hapus salah satunya."
    ]


def test_sheet_header_and_shape_problems(tmp_path: Path) -> None:
    sheet = xlsx([["Kode", "Realsasi", "TW I"], ["IKU-1", 84, 20]])
    root = site_with(tmp_path, impor="realisasi.xlsx", files={"kinerja/2024/realisasi.xlsx": sheet})
    assert messages(root) == [
        f"{SHEET}:1:2: Realisasi 2024!B1: judul kolom 'Realsasi' tidak dikenal; maksud Anda 'realisasi'?",
        f"{SHEET}:2:3: Realisasi 2024!C2: indikator IKU-1 tidak punya data triwulan di kinerja.yaml; "
        "tambahkan 'triwulan: {aturan: kumulatif}' (atau rata_rata / nilai_akhir) pada indikator itu.",
    ]


def test_missing_sheet_file(tmp_path: Path) -> None:
    root = site_with(tmp_path, impor="tidak-ada.xlsx")
    assert messages(root) == [f"{KINERJA}:2:9: impor[1]: lembar kerja 'tidak-ada.xlsx' tidak ditemukan di content/kinerja/2024"]


# --- YAML figures ----------------------------------------------------------------------------


def test_yaml_figure_problems_at_their_lines(tmp_path: Path) -> None:
    root = site_with(tmp_path, extra1="            realisasi: 84,5\n            rumus: T/R", extra2="            realisasi_lalu: {2024: 3}")
    assert messages(root) == [
        f"{KINERJA}:16:24: tujuan[1].sasaran[1].indikator[1].realisasi: harus berupa angka (tertulis '84,5'); "
        "tulis angka dengan titik sebagai pemisah desimal, mis. 95.5; kosongkan atau '-' bila belum tersedia.",
        f"{KINERJA}:17:20: tujuan[1].sasaran[1].indikator[1].rumus: rumus 'T/R' tidak berlaku untuk indikator positif; pilihan: R/T.",
        f"{KINERJA}:25:30: tujuan[1].sasaran[1].indikator[2].realisasi_lalu.2024: tahun 2024 bukan tahun sebelum 2024; "
        "realisasi tahun ini ditulis di 'realisasi'.",
    ]


def test_a_decimal_comma_is_reported_with_the_schema_errors_of_its_file(tmp_path: Path) -> None:
    """A misspelt polaritas (schema) used to hide '84,5' (the file's own check) until it was fixed."""
    root = site_with(tmp_path, extra1="            realisasi: 84,5\n            desimal: dua")
    assert messages(root) == [
        f"{KINERJA}:16:24: tujuan[1].sasaran[1].indikator[1].realisasi: harus berupa angka (tertulis '84,5'); "
        "tulis angka dengan titik sebagai pemisah desimal, mis. 95.5; kosongkan atau '-' bila belum tersedia.",
        f"{KINERJA}:17:22: tujuan[1].sasaran[1].indikator[1].desimal: harus berupa bilangan bulat (tertulis 'dua')",
    ]


def test_zero_target_on_positif_is_reported_not_a_crash(tmp_path: Path) -> None:
    root = site_with(tmp_path, extra1="            realisasi: 5")
    plan = root / "kinerja/2024/kinerja.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("target: 80", "target: 0"), encoding="utf-8")
    assert messages(root) == [
        f"{KINERJA}:15:21: tujuan[1].sasaran[1].indikator[1].target: capaian IKU-1 tidak dapat dihitung: target 0 pada indikator "
        "positif tidak dapat dihitung dengan R / T × 100; periksa target atau ubah polaritasnya"
    ]


QUARTERS = """\
            triwulan:
              aturan: kumulatif
              target: [20, 20, 20, 20]
              realisasi: [18, 3, 22, 41]"""


def test_zero_quarter_target_on_positif_is_an_error_at_that_quarter(tmp_path: Path) -> None:
    root = site_with(tmp_path, extra1=QUARTERS)
    plan = root / "kinerja/2024/kinerja.yaml"
    line = replace_line(plan, "target: [20, 20, 20, 20]", "target: [20, 0, 20, 20]")
    run = sopgen_check(root)
    assert run.returncode == 1
    # the 0 is the second item: 14 spaces, "target: [" and "20, " put it in column 28
    assert [line for line in run.stderr.splitlines() if not line.startswith("Gagal:")] == [
        f"{KINERJA}:{line}:28: tujuan[1].sasaran[1].indikator[1].triwulan.target[2]: capaian TW II IKU-1 tidak dapat dihitung: "
        "target 0 pada indikator positif tidak dapat dihitung dengan R / T × 100; periksa target atau ubah polaritasnya; "
        "bila triwulan ini memang tanpa target, tulis '-' (capaian triwulan itu tidak dihitung; capaian tahunan tetap dihitung)."
    ]
    # the year still scores: (18 + 3 + 22 + 41) / 80 × 100 = 105; the other quarters too
    site, _ = check_site(root)
    hasil = {i.kode: i for i in site.kinerja.siklus["2024"].rekap.semua_indikator()}["IKU-1"]
    assert hasil.galat is None and hasil.capaian.nilai == 105
    assert [c.bulat if c else None for c in hasil.capaian_triwulan] == [D("90.00"), None, D("110.00"), D("205.00")]
    # writing '-' says the quarter has no target: nothing to report
    replace_line(plan, "target: [20, 0, 20, 20]", "target: [20, '-', 20, 20]")
    assert sopgen_check(root).returncode == 0


def test_zero_renstra_end_target_is_an_error_at_it_and_the_year_stands(tmp_path: Path) -> None:
    root = site_with(tmp_path, extra1="            realisasi: 84\n            target_akhir_renstra: 0")
    line = lines_with(root / "kinerja/2024/kinerja.yaml", "target_akhir_renstra: 0")[0]
    assert messages(root) == [
        f"{KINERJA}:{line}:35: tujuan[1].sasaran[1].indikator[1].target_akhir_renstra: capaian target akhir Renstra IKU-1 "
        "tidak dapat dihitung: target 0 pada indikator positif tidak dapat dihitung dengan R / T × 100; periksa target atau ubah polaritasnya"
    ]
    site, _ = check_site(root)
    assert {i.kode: i for i in site.kinerja.siklus["2024"].rekap.semua_indikator()}["IKU-1"].capaian.nilai == 105


def test_zero_quarter_target_on_negatif_is_nihil(tmp_path: Path) -> None:
    root = site_with(tmp_path, extra2="            realisasi_lalu: {2023: 24}")
    plan = root / "kinerja/2024/kinerja.yaml"
    replace_line(plan, "triwulan: {aturan: kumulatif}", "triwulan: {aturan: kumulatif, target: [5, 0, 0, 5], realisasi: [4, 0, 2, 5]}")
    assert sopgen_check(root).returncode == 0
    hasil = {i.kode: i for i in rekap(root).semua_indikator()}["IKU-2"]
    # (2 × 5 − 4) / 5 × 100 = 120; nihil met = 100; nihil missed = 0; (2 × 5 − 5) / 5 × 100 = 100
    assert [c.nilai for c in hasil.capaian_triwulan] == [120, 100, 0, 100]
    assert hasil.capaian_triwulan[1].rumus == "T = 0 (nihil): 100 bila R = 0, 0 bila R > 0"


def test_zero_quarter_target_from_a_sheet_is_an_error_at_its_cell(tmp_path: Path) -> None:
    sheet = xlsx([["Kode", "Target TW I", "Target TW II", "Target TW III", "Target TW IV"], ["IKU-1", 20, 20, 0, 20]])
    quarters = QUARTERS.replace("              target: [20, 20, 20, 20]\n", "")
    root = site_with(tmp_path, impor="realisasi.xlsx", extra1=quarters, files={"kinerja/2024/realisasi.xlsx": sheet})
    run = sopgen_check(root)
    assert run.returncode == 1
    assert f"{SHEET}:2:4: Realisasi 2024!D2: capaian TW III IKU-1 tidak dapat dihitung: target 0 pada indikator positif" in run.stderr


def test_duplicate_kode(tmp_path: Path) -> None:
    root = site_with(tmp_path)
    plan = root / "kinerja/2024/kinerja.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("kode: IKU-2", "kode: IKU-1"), encoding="utf-8")
    assert messages(root, Level.ERROR) == [
        f"{KINERJA}:17:19: tujuan[1].sasaran[1].indikator[2].kode: kode indikator 'IKU-1' sudah dipakai (pertama di baris 10); "
        "setiap indikator perlu kode yang unik."
    ]


def test_policy_file(tmp_path: Path) -> None:
    root = site_with(tmp_path, extra1="            realisasi: 100")
    write_site(root, {"kinerja/kebijakan.yaml": "batas_atas: 110\n"})
    # 100 / 80 × 100 = 125 -> capped at 110
    assert {i.kode: i for i in rekap(root).semua_indikator()}["IKU-1"].capaian.nilai == 110
    write_site(root, {"kinerja/kebijakan.yaml": "predikat:\n  - {batas: 50, label: B}\n  - {batas: 90, label: A}\n"})
    assert messages(root) == [
        "content/kinerja/kebijakan.yaml:2:3: predikat: batas skala predikat harus menurun dan tidak boleh kembar; "
        "tulis batas dari yang tertinggi, mis. 91, 76, 66, 51."
    ]


# --- lints -----------------------------------------------------------------------------------


def test_negative_sounding_name_scored_positif(tmp_path: Path) -> None:
    root = site_with(tmp_path)
    plan = root / "kinerja/2024/kinerja.yaml"
    text = plan.read_text(encoding="utf-8").replace("            polaritas: negatif\n", "")
    plan.write_text(text, encoding="utf-8")
    assert messages(root, Level.WARNING) == [
        f"{KINERJA}:18:19: peringatan: tujuan[1].sasaran[1].indikator[2].nama: nama indikator memuat 'jumlah pengaduan' "
        "(makin rendah makin baik?) tetapi dinilai positif karena polaritas tidak ditulis; tulis 'polaritas: negatif' bila "
        "makin rendah makin baik, atau 'polaritas: positif' beserta 'abaikan_peringatan: [polaritas-terdengar-negatif]' bila "
        "memang makin tinggi makin baik."
    ]


def test_declared_positif_reduction_can_be_silenced(tmp_path: Path) -> None:
    root = site_with(tmp_path)
    plan = root / "kinerja/2024/kinerja.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("Indeks Kepuasan Masyarakat", "Persentase penurunan angka kemiskinan"), encoding="utf-8")
    found = messages(root, Level.WARNING)
    assert len(found) == 1 and "indikator[1].polaritas: nama indikator memuat 'penurunan'" in found[0]
    text = plan.read_text(encoding="utf-8").replace("            target: 80\n", "            target: 80\n            abaikan_peringatan: [polaritas-terdengar-negatif]\n")
    plan.write_text(text, encoding="utf-8")
    assert messages(root) == []
    plan.write_text(text.replace("[polaritas-terdengar-negatif]", "[polaritas-negatif]"), encoding="utf-8")
    assert messages(root)[-1].endswith(
        "peringatan: tujuan[1].sasaran[1].indikator[1].abaikan_peringatan[1]: kode peringatan 'polaritas-negatif' "
        "tidak dikenal; maksud Anda 'polaritas-terdengar-negatif'?"
    )


def test_plausibility_warnings(tmp_path: Path) -> None:
    root = site_with(
        tmp_path,
        extra1="            target_renstra: 82\n            realisasi: 79",
        extra2="            realisasi: 15\n            triwulan: {aturan: kumulatif, realisasi: [5, 4, 3, 2]}",
    )
    plan = root / "kinerja/2024/kinerja.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace("            triwulan: {aturan: kumulatif}\n", "").replace("satuan: poin", "satuan: '%'").replace("realisasi: 79", "realisasi: 104.5")
    text = text.replace("            sumber_data: Survei kepuasan\n", "")
    plan.write_text(text, encoding="utf-8")
    found = [m.split(": peringatan: ", 1)[1] for m in messages(root, Level.WARNING)]
    assert found == [
        "tujuan[1].sasaran[1].indikator[1].kode: realisasi IKU-1 tidak dapat ditelusuri: sumber_data belum diisi; "
        "tulis dari mana angka realisasi diambil, mis. 'sumber_data: Register PATEN Seksi Pelayanan'.",
        "tujuan[1].sasaran[1].indikator[1].target: target Perjanjian Kinerja (80) berbeda dari target Renstra/RKT (82); "
        "capaian dihitung terhadap target Perjanjian Kinerja; jelaskan perubahannya di 'penjelasan' atau samakan targetnya.",
        "tujuan[1].sasaran[1].indikator[1].realisasi: realisasi 104.5 melebihi 100 pada indikator persentase; "
        "periksa pembilang dan penyebutnya; persentase bagian dari keseluruhan tidak dapat melebihi 100.",
        "tujuan[1].sasaran[1].indikator[2].realisasi: realisasi tahunan 15 berbeda dari gabungan triwulan 14 "
        "(TW I + TW II + TW III + TW IV); capaian dihitung dari realisasi tahunan; samakan, atau kosongkan salah satunya.",
    ]


def test_percent_over_100_from_a_sheet_points_at_the_cell(tmp_path: Path) -> None:
    sheet = xlsx([["Kode", "Realisasi"], ["IKU-1", 104.5]])
    root = site_with(tmp_path, impor="realisasi.xlsx", files={"kinerja/2024/realisasi.xlsx": sheet})
    plan = root / "kinerja/2024/kinerja.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("satuan: poin", "satuan: '%'"), encoding="utf-8")
    assert [m.split("; ")[0] for m in messages(root, Level.WARNING)] == [
        f"{SHEET}:2:2: peringatan: Realisasi 2024!B2: realisasi 104.5 melebihi 100 pada indikator persentase"
    ]


def test_scale_label_from_a_sheet(tmp_path: Path) -> None:
    extra = "          - kode: IKU-3\n            nama: Nilai SAKIP\n            satuan: predikat\n            polaritas: kualitatif\n" \
            "            skala: [AA, A, BB, B, CC, C, D]\n            sumber_data: LHE Inspektorat\n            target: BB"
    sheet = xlsx([["Kode", "Realisasi"], ["IKU-3", "A"]])
    root = site_with(tmp_path, impor="realisasi.xlsx", extra2=extra, files={"kinerja/2024/realisasi.xlsx": sheet})
    # A = 6, BB = 5 on a seven-step scale: 6 / 5 × 100 = 120
    assert {i.kode: i for i in rekap(root).semua_indikator()}["IKU-3"].capaian.nilai == 120
    root = site_with(tmp_path / "b", impor="realisasi.xlsx", extra2=extra, files={"kinerja/2024/realisasi.xlsx": xlsx([["Kode", "Realisasi"], ["IKU-3", "AAA"]])})
    assert messages(root) == [f"{SHEET}:2:2: Realisasi 2024!B2: 'AAA' tidak ada pada skala AA, A, BB, B, CC, C, D"]


def test_a_refused_cell_is_one_problem_not_also_an_uncomputable_capaian(demo_copy: Path) -> None:
    sheet = demo_copy / "kinerja/2024/realisasi-triwulan.csv"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace(";81,20;", ";81,2x;"), encoding="utf-8")
    assert messages(demo_copy) == [
        "content/kinerja/2024/realisasi-triwulan.csv:2:5: E2: '81,2x' bukan angka; isi sel dengan angka saja, mis. 95,5 (tanpa satuan); "
        "kosongkan atau '-' bila belum tersedia."
    ]


def test_a_wrong_cell_is_reported_with_the_plans_schema_error(demo_copy: Path) -> None:
    """A misspelt polaritas used to hide the sheets until it was fixed; the invalid indicator's own row is skipped."""
    plan = demo_copy / "kinerja/2024/kinerja.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("polaritas: positif", "polaritas: positip", 1), encoding="utf-8")
    sheet = demo_copy / "kinerja/2024/realisasi-triwulan.csv"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace(";81,20;", ";81,2x;").replace(";5;4;3;2", ";5;4x;3;2"), encoding="utf-8")
    found = messages(demo_copy)
    line = lines_with(plan, "polaritas: positip")[0]
    assert [p.split(": ")[0] for p in found] == [f"content/kinerja/2024/kinerja.yaml:{line}:24", "content/kinerja/2024/realisasi-triwulan.csv:3:6"], found
    assert "'4x' bukan angka" in found[1]
