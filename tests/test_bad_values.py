"""Values that parse but cannot be used: one rule each, an error at the value's line in `check`.

Huge and non-finite numbers used to pass `check` and crash `build` inside Decimal; empty texts,
a Renstra that ends before it starts and a `sop` file instead of a folder used to be accepted.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sopgen.build import build_site, check_site
from sopgen.errors import ContentError

from .support import replace_line

KINERJA = "kinerja/2024/kinerja.yaml"


def _errors(site: Path) -> list[str]:
    _, problems = check_site(site)
    return [f"{p.path}:{p.line}: {p.field}: {p.message}" for p in problems.errors]


@pytest.mark.parametrize(("old", "new", "said"), [
    ("            target: 82", "            target: 1234567890123456789012345678901", "angka terlalu besar"),
    ("            target: 82", "            target: 1e400", "angka terlalu besar"),
    ("            target: 82", "            target: NaN", "bukan angka yang dapat dihitung"),
    ("            target: 82", "            target: -inf", "bukan angka yang dapat dihitung"),
    ("            target: 82", "            target: 0.00000001", "terlalu banyak angka desimal"),
    ("                pagu: 150000000", "                pagu: 1e20", "angka terlalu besar"),
    ("{2021: 78.20", "{2021: 1e999", "angka terlalu besar"),
])
def test_unusable_number_is_an_error_at_its_line_and_build_does_not_crash(demo_copy: Path, tmp_path: Path, old: str, new: str, said: str) -> None:
    line = replace_line(demo_copy / KINERJA, old, new)
    assert [e for e in _errors(demo_copy) if said in e] == [e for e in _errors(demo_copy) if f"{KINERJA}:{line}:" in e and said in e] != []
    with pytest.raises(ContentError):
        build_site(demo_copy, tmp_path / "output", pdf=False)
    assert not (tmp_path / "output").exists()


def test_unusable_number_in_a_sheet_is_an_error_at_its_cell(demo_copy: Path) -> None:
    sheet = demo_copy / "kinerja/2024/realisasi-triwulan.csv"
    rows = sheet.read_text(encoding="utf-8").splitlines()
    rows[1] = rows[1].rsplit(";", 1)[0] + ";99999999999999999999999999999"
    sheet.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert [e for e in _errors(demo_copy) if "terlalu besar" in e] == [
        "content/kinerja/2024/realisasi-triwulan.csv:2: H2: angka terlalu besar (paling besar 999.999.999.999.999)"]


@pytest.mark.parametrize(("file", "old", "new"), [
    ("sop/penyusunan-sakip.yaml", "nama: Penyusunan SAKIP Kecamatan Candipuro", 'nama: ""'),
    ("sop/penyusunan-sakip.yaml", "nama: Penyusunan SAKIP Kecamatan Candipuro", "nama: '   '"),
    ("pejabat.yaml", "nama: AKHMAD KHARIRI, SH", 'nama: ""'),
    ("site.yaml", "unit_kerja: Kecamatan Candipuro", "unit_kerja: ' '"),
])
def test_empty_text_is_an_error_at_its_line(demo_copy: Path, file: str, old: str, new: str) -> None:
    line = replace_line(demo_copy / file, old, new)
    assert [e for e in _errors(demo_copy) if "tidak boleh kosong" in e] == [
        e for e in _errors(demo_copy) if e.startswith(f"content/{file}:{line}:") and "tidak boleh kosong" in e] != []


def test_renstra_ending_before_it_starts_is_an_error(demo_copy: Path) -> None:
    line = replace_line(demo_copy / KINERJA, "renstra: {awal: 2021, akhir: 2026}", "renstra: {awal: 2021, akhir: 2019}")
    assert f"content/{KINERJA}:{line}: renstra: periode Renstra berakhir (2019) sebelum dimulai (2021); tukar 'awal' dan 'akhir'" in _errors(demo_copy)


@pytest.mark.parametrize("folder", ["sop", "perjanjian", "laporan", "kinerja", "assets"])
def test_content_folder_written_as_a_file_is_an_error(demo_copy: Path, folder: str) -> None:
    """Skipped silently, the site would build with 0 SOPs (or no report)."""
    shutil.rmtree(demo_copy / folder)
    (demo_copy / folder).write_text("bukan folder\n", encoding="utf-8")
    assert f"content/{folder}:1: : '{folder}' harus berupa folder, bukan berkas" in _errors(demo_copy)


@pytest.mark.parametrize("text", ["a: " + "[" * 20000 + "]" * 20000, "a: " + "{a: " * 20000 + "1" + "}" * 20000, "- " * 20000 + "1"])
def test_yaml_nested_20000_deep_is_an_error_not_a_recursion_error(demo_copy: Path, text: str) -> None:
    (demo_copy / "sop" / "dalam.yaml").write_text(text + "\n", encoding="utf-8")
    errors = _errors(demo_copy)
    assert any(e.startswith("content/sop/dalam.yaml:1: : YAML bersarang terlalu dalam") for e in errors), errors


def test_file_name_of_300_letters_is_an_error_at_its_line(demo_copy: Path) -> None:
    line = replace_line(demo_copy / "laporan/2024/laporan.yaml", "berkas: bab-4-penutup.md", f"berkas: {'b' * 300}.md")
    assert any(e.startswith(f"content/laporan/2024/laporan.yaml:{line}: bagian[") and "terlalu panjang" in e for e in _errors(demo_copy))


def test_long_unit_kerja_gives_a_file_name_the_file_system_takes(demo_copy: Path) -> None:
    from sopgen.render.format import SLUG_MAX, file_slug

    slug = file_slug("LKjIP Kecamatan " + "Candipuro " * 40 + "2024")
    assert len(slug) <= SLUG_MAX and slug.startswith("lkjip-kecamatan-candipuro") and slug.endswith("-2024")
    assert file_slug("LKjIP Kecamatan Candipuro 2024") == "lkjip-kecamatan-candipuro-2024"


def test_unclosed_quote_is_reported_where_it_opens(demo_copy: Path) -> None:
    line = replace_line(demo_copy / "sop/penyusunan-sakip.yaml", "nama: Penyusunan SAKIP Kecamatan Candipuro", "nama: 'Penyusunan SAKIP")
    assert _errors(demo_copy) == [f"content/sop/penyusunan-sakip.yaml:{line}: : sintaks YAML tidak valid: tanda kutip yang dibuka di sini tidak ditutup"]


@pytest.mark.parametrize(("old", "new", "column", "fix"), [
    ("{2021: 78.20, 2022: 80.10", "{2021: 78,20, 2022: 80.10", 36, "78.20"),
    ("target: [80, 81.5, 82.5, 84]", "target: [80, 81,5, 82.5, 84]", 28, "81.5"),
])
def test_a_decimal_comma_inside_brackets_is_an_error_where_it_is_written(demo_copy: Path, old: str, new: str, column: int, fix: str) -> None:
    """``{2021: 78,20}`` is YAML for ``{2021: 78, 20: null}``: it used to pass check and print 78,00."""
    line = replace_line(demo_copy / KINERJA, old, new)
    problems = check_site(demo_copy)[1].errors
    assert [(p.line, p.column, p.hint) for p in problems] == [(line, column, f"pakai titik untuk desimal: {fix}.")]
    assert "terbaca sebagai dua nilai" in problems[0].message  # and no 'terlalu banyak isinya' for the same slip


@pytest.mark.parametrize("tight", ["target: [80,81,82,84]", "realisasi_lalu: {2021: 78, 2022: 80}"])
def test_numbers_written_tight_throughout_are_not_taken_for_decimal_commas(demo_copy: Path, tight: str) -> None:
    old = "target: [80, 81.5, 82.5, 84]" if tight.startswith("target") else "realisasi_lalu: {2021: 78.20, 2022: 80.10}"
    line = replace_line(demo_copy / KINERJA, old, tight)
    errors = _errors(demo_copy)
    assert [e for e in errors if "rencana-aksi" not in e] == []
    if tight.startswith("target"):  # read as four numbers: the Rencana Aksi, which writes 81.5 and 82.5 too, now disagrees with them
        assert [e.split(": ", 2)[2] for e in errors] == [
            f"target TW II IKU-01 tertulis 81,50, sedangkan siklus kinerja '2024' mencatat 81,00 (kinerja.yaml baris {line})",
            f"target TW III IKU-01 tertulis 82,50, sedangkan siklus kinerja '2024' mencatat 82,00 (kinerja.yaml baris {line})",
        ]


ENGLISH = ("should", "input", "valid", "field required", "object")


@pytest.mark.parametrize(("old", "new"), [
    ("            target: 82", "            target:"),
    ("            target: 82", "            target: []"),
    ("            target: 82", "            target: {}"),
    ("            target: 82", "            target: true"),
    ("            target: 82", "            target: {bawah: 1}"),
    ("                pagu: 150000000", "                pagu: [1]"),
    ("              aturan: rata_rata", "              aturan: {a: 1}"),
])
def test_every_message_is_in_indonesian(demo_copy: Path, old: str, new: str) -> None:
    """pydantic's own English ('Decimal input should be an integer…') never reaches an administrator."""
    line = replace_line(demo_copy / KINERJA, old, new)
    errors = check_site(demo_copy)[1].errors
    assert errors and all(p.line >= line - 1 for p in errors)
    assert [str(p) for p in errors if any(word in f"{p.message} {p.hint}".lower() for word in ENGLISH)] == []
