"""The checks a reviewer makes: each fires on a bad cycle at its line, can be silenced by its code, and stays silent on the demo."""

from __future__ import annotations

from pathlib import Path

import pytest

from sopgen.build import BuildResult, check_site
from sopgen.errors import Level

from .support import lines_with, write_site
from .test_kinerja_tahunan import two_cycles

KINERJA = "content/kinerja/2024/kinerja.yaml"
RENSTRA = "renstra: {awal: 2021, akhir: 2026}"


def warnings(root: Path) -> list[tuple[str, int, str, str]]:
    _, problems = check_site(root)
    assert not problems.errors, [p.format() for p in problems.errors]
    return [(p.path, p.line, p.code or "", p.message) for p in problems.sorted() if p.level is Level.WARNING]


def line_of(root: Path, text: str, year: int = 2024) -> int:
    return lines_with(root / f"kinerja/{year}/kinerja.yaml", text)[-1]


def test_the_demo_is_silent(built_demo: BuildResult) -> None:
    """Two cycles (2023, 2024), every check run: no warning."""
    assert [p.format() for p in built_demo.warnings] == []


def test_a_negatif_indicator_scored_with_another_formula_than_last_year(tmp_path: Path) -> None:
    """2023 scored IKU-2 with (2T − R)/T (the default), 2024 with T/R."""
    root = two_cycles(tmp_path, extra2="            rumus: T/R")
    line = line_of(root, "rumus: T/R")
    kode_2023 = line_of(root, "kode: IKU-2", 2023)
    assert warnings(root) == [(KINERJA, line, "rumus-berubah",
                               f"rumus capaian IKU-2 T/R, tetapi pada siklus 2023 (content/kinerja/2023/kinerja.yaml baris {kode_2023}) (2T-R)/T")]


def test_a_kode_changing_polaritas(tmp_path: Path) -> None:
    """IKU-2 was negatif in 2023 and is positif in 2024 (its name's warning silenced: only the change is left)."""
    root = two_cycles(tmp_path, extra2="            abaikan_peringatan: [polaritas-terdengar-negatif]")
    file = root / "kinerja/2024/kinerja.yaml"
    file.write_text(file.read_text(encoding="utf-8").replace("polaritas: negatif", "polaritas: positif"), encoding="utf-8")
    kode_2023 = line_of(root, "kode: IKU-2", 2023)
    assert warnings(root) == [(KINERJA, line_of(root, "polaritas: positif"), "polaritas-berubah",
                               f"polaritas IKU-2 positif, tetapi pada siklus 2023 (content/kinerja/2023/kinerja.yaml baris {kode_2023}) negatif")]


def test_a_renstra_end_target_changing_within_the_same_period(tmp_path: Path) -> None:
    sebelum = {"kepala": RENSTRA, "extra2": "            target_akhir_renstra: 12"}
    root = two_cycles(tmp_path, sebelum=sebelum, kepala=RENSTRA, extra2="            target_akhir_renstra: 15")
    line = line_of(root, "target_akhir_renstra: 15")
    assert [(w[1], w[2]) for w in warnings(root)] == [(line, "target-akhir-berubah")]
    root = two_cycles(tmp_path / "same", sebelum=sebelum, kepala=RENSTRA, extra2="            target_akhir_renstra: 12")
    assert warnings(root) == []
    other_period = {"kepala": "renstra: {awal: 2019, akhir: 2023}", "extra2": "            target_akhir_renstra: 12"}
    root = two_cycles(tmp_path / "new", sebelum=other_period, kepala=RENSTRA, extra2="            target_akhir_renstra: 15")
    assert warnings(root) == []


@pytest.mark.parametrize(("cara_ukur", "fires"), [
    ("Realisasi dibagi target × 100", True),        # R / T, but IKU-2 is scored (2 × T − R) / T
    ("Target / realisasi × 100", True),             # T / R
    ("(2 × target − realisasi) / target × 100", False),
    ("Jumlah pengaduan yang tercatat.", False),      # names no capaian formula
])
def test_a_cara_ukur_contradicting_the_declared_formula(tmp_path: Path, cara_ukur: str, fires: bool) -> None:
    root = two_cycles(tmp_path, extra2=f"            cara_ukur: {cara_ukur}")
    found = [(w[1], w[2]) for w in warnings(root)]
    assert found == ([(line_of(root, "cara_ukur:"), "cara-ukur-bertentangan")] if fires else [])


def test_a_cara_ukur_that_says_what_the_positif_formula_does_is_silent(tmp_path: Path) -> None:
    root = two_cycles(tmp_path, lalu1="            cara_ukur: realisasi dibagi target dikali 100")
    assert warnings(root) == []


def test_an_implausible_capaian_and_a_negative_one(tmp_path: Path) -> None:
    # IKU-1: 84 / 20 × 100 = 420 > 300;  IKU-2: (2 × 20 − 50) / 20 × 100 = −10 / 20 × 100 = −50 < 0
    root = two_cycles(tmp_path, target1=20, realisasi2=50)
    assert warnings(root) == [
        (KINERJA, line_of(root, "realisasi: 84"), "capaian-tidak-wajar", "capaian IKU-1 dari rumusnya 420, di atas batas kewajaran 300"),
        (KINERJA, line_of(root, "realisasi: 50"), "capaian-tidak-wajar", "capaian IKU-2 dari rumusnya negatif (-50)"),
    ]
    # a bound the Pemda sets: 420 ≤ 500
    write_site(root, {"kinerja/kebijakan.yaml": "batas_wajar: 500\n"})
    assert [w[2] for w in warnings(root)] == ["capaian-tidak-wajar"]


def test_a_reviewer_warning_can_be_silenced_by_its_code(tmp_path: Path) -> None:
    root = two_cycles(tmp_path, extra2="            rumus: T/R\n            abaikan_peringatan: [rumus-berubah]")
    assert warnings(root) == []


@pytest.mark.parametrize(("value", "message"), [
    ("0", "terlalu kecil"),
    ("-5", "terlalu kecil"),
    ("tiga ratus", "angka"),
    ("1e400", "angka terlalu besar"),
    ("", "kosong"),
])
def test_a_bad_batas_wajar_is_an_error_at_its_line(tmp_path: Path, value: str, message: str) -> None:
    root = two_cycles(tmp_path)
    write_site(root, {"kinerja/kebijakan.yaml": f"desimal: 2\nbatas_wajar: {value}\n"})
    errors = list(check_site(root)[1].errors)
    assert [(p.path, p.line) for p in errors] == [("content/kinerja/kebijakan.yaml", 2)], [p.format() for p in errors]
    assert message in errors[0].message, errors[0].format()
