"""Decimals per indicator (target, realisasi, capaian apart) and truncation as a declared policy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sopgen.build import build_site, check_site

from .support import lines_with, rencana_kinerja, small_site, write_site

PLAN = rencana_kinerja("""\
          - kode: A
            nama: Indeks kepuasan
            satuan: poin
            sumber_data: Survei
            target: 70
            realisasi: 68.5
{extra}
          - kode: B
            nama: Persentase layanan tepat waktu
            satuan: "%"
            sumber_data: Register
            target: 100
            realisasi: 90.996
""")


def built(tmp_path: Path, extra: str = "", kebijakan: str | None = None) -> list[list[str]]:
    root = small_site(tmp_path / "content", sops=0)
    files = {"kinerja/2024/kinerja.yaml": PLAN.format(extra=extra)}
    if kebijakan is not None:
        files["kinerja/kebijakan.yaml"] = kebijakan
    write_site(root, files)
    out = tmp_path / "output"
    build_site(root, out, pdf=False)
    page = (out / "kinerja/2024/index.html").read_text(encoding="utf-8")
    table = page[page.index('<table class="rekap capaian"'):]
    table = table[:table.index("</table>")]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
    cells = [[re.sub(r"<[^>]+>", " ", c).split() for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)] for r in rows]
    return [[" ".join(c) for c in row] for row in cells if row and row[0] and row[0][0] in {"A", "B"}]


def figures(rows: list[list[str]], kode: str) -> list[str]:
    """Target, realisasi, capaian, predikat of one indicator row."""
    row = next(r for r in rows if r[0] == kode)
    return [c for c in row if re.fullmatch(r"[0-9.,]+%?|Sangat Tinggi|Tinggi", c)][:4]


def test_the_defaults_print_as_before(tmp_path: Path) -> None:
    # A: 68,5 / 70 × 100 = 97,857142… -> 97,86;  B: 90,996 / 100 × 100 = 90,996 -> 91,00 (Sangat Tinggi, ≥ 91)
    rows = built(tmp_path)
    assert figures(rows, "A") == ["70,00", "68,50", "97,86%", "Sangat Tinggi"]
    assert figures(rows, "B") == ["100,00", "91,00", "91,00%", "Sangat Tinggi"]


def test_target_realisasi_and_capaian_decimals_apart(tmp_path: Path) -> None:
    extra = "            desimal_target: 0\n            desimal_realisasi: 1\n            desimal_capaian: 1"
    # target 70 -> '70'; realisasi 68,5 -> '68,5'; capaian 97,857… -> 97,9 (one decimal); B keeps the site's two
    rows = built(tmp_path, extra)
    assert figures(rows, "A") == ["70", "68,5", "97,9%", "Sangat Tinggi"]
    assert figures(rows, "B") == ["100,00", "91,00", "91,00%", "Sangat Tinggi"]


def test_truncation_as_the_declared_policy(tmp_path: Path) -> None:
    # A: 97,857… truncated -> 97,85;  B: 90,996 truncated -> 90,99, which is Tinggi (< 91), not Sangat Tinggi
    rows = built(tmp_path, kebijakan="pembulatan: potong\n")
    assert figures(rows, "A")[2:] == ["97,85%", "Sangat Tinggi"]
    assert figures(rows, "B")[2:] == ["90,99%", "Tinggi"]
    page = (tmp_path / "output/kinerja/2024/index.html").read_text(encoding="utf-8")
    assert "Pemotongan ke 2 desimal (tanpa pembulatan)" in page


@pytest.mark.parametrize(("line", "message"), [
    ("desimal_target: -1", "terlalu kecil"),
    ("desimal_target: 5", "terlalu besar"),
    ("desimal_capaian: dua", "bilangan bulat"),
    ("desimal_realisasi: 1.5", "bilangan bulat"),
    ("desimal_capaian: [1]", ""),
])
def test_bad_decimals_are_errors_at_their_line(tmp_path: Path, line: str, message: str) -> None:
    root = small_site(tmp_path / "content", sops=0)
    write_site(root, {"kinerja/2024/kinerja.yaml": PLAN.format(extra="            " + line)})
    errors = check_site(root)[1].errors
    assert [p.line for p in errors] == lines_with(root / "kinerja/2024/kinerja.yaml", line), [p.format() for p in errors]
    assert message in errors[0].message, errors[0].format()


@pytest.mark.parametrize("value", ["bulat", "", "POTONG"])
def test_a_bad_pembulatan_is_an_error_at_its_line(tmp_path: Path, value: str) -> None:
    root = small_site(tmp_path / "content", sops=0)
    write_site(root, {"kinerja/2024/kinerja.yaml": PLAN.format(extra=""), "kinerja/kebijakan.yaml": f"desimal: 2\npembulatan: {value}\n"})
    errors = check_site(root)[1].errors
    assert [(p.path, p.line) for p in errors] == [("content/kinerja/kebijakan.yaml", 2)], [p.format() for p in errors]
    assert errors[0].message.startswith("kosong (pilihan: " if not value else f"'{value}' bukan pilihan yang sah (pilihan: ")
