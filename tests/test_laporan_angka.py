"""Numbers in the report's sentences are the recap's numbers, and follow the data when it changes.

The recap page (issue 5) is the reference: every value bound in the narrative is looked up in the
recap's own tables, by kode, and must read the same. Then one realisasi is changed in a copy of
the demo and both the sentence and the table of the report must show the new figures, which are
checked against a hand computation.
"""

from __future__ import annotations

import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sopgen.build import BuildResult, build_site

LAPORAN = "laporan/2024/index.html"
REKAP = "kinerja/2024/index.html"
NILAI = re.compile(r'<span class="nilai[^"]*" title="([^"]+)">([^<]*)</span>')
UNCHECKED = {"nama", "tahun", "batas-atas", "jumlah-indikator", "target-renstra", "target-akhir-renstra", "standar-nasional", "satuan"}
"""Kinds with no column in the recap page (names, the year, the policy, counts, plan targets)."""


class _Rows(HTMLParser):
    """Every table row as (table class, row class, cell texts)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, str, list[str]]] = []
        self._tables: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self._tables.append(a.get("class") or "")
        elif tag == "tr" and self._tables:
            self.rows.append((self._tables[-1], a.get("class") or "", []))
        elif tag in {"td", "th"} and self.rows:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "table" and self._tables:
            self._tables.pop()
        elif tag in {"td", "th"} and self._cell is not None:
            self.rows[-1][2].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def rows(html: str) -> list[tuple[str, str, list[str]]]:
    parser = _Rows()
    parser.feed(html)
    return parser.rows


def recap_value(recap: list[tuple[str, str, list[str]]], kata: str, args: list[str]) -> str:
    """The figure the recap page prints for one directive, read from its tables by kode."""
    def row(table: str, kind: str | None, kode: str) -> list[str]:
        found = [c for t, k, c in recap if table in t.split() and (kind is None or kind in k.split()) and c and c[0] == kode]
        assert found, f"no {kind or ''} row {kode!r} in the recap's {table} table"
        return found[0]

    kode = args[0] if args else ""
    if kata == "status":  # the words from the capaian the recap prints
        printed = recap_value(recap, "capaian", args)
        if not printed.endswith("%"):
            return "belum dapat diukur"
        value = Decimal(printed.rstrip("%").replace(",", "."))
        return "melampaui target" if value > 100 else "mencapai target" if value == 100 else "belum mencapai target"
    if kata in {"capaian", "predikat"} and kode.startswith(("IKU", "P-", "K-")):
        return row("capaian", "indikator", kode)[5 if kata == "capaian" else 6]
    if kata in {"target", "realisasi"}:
        return row("capaian", "indikator", kode)[3 if kata == "target" else 4]
    if kata in {"capaian", "predikat"}:
        kind = "sasaran" if kode.startswith("S") else "tujuan" if kode else "total"
        return row("capaian", kind, kode)[2 if kata == "capaian" else 3]
    if kata == "capaian-akhir-renstra":
        return row("perbandingan", None, kode)[-1]
    columns = {"pagu": 2, "realisasi-anggaran": 3, "serapan": 4, "efisiensi": 7}
    return row("anggaran", None if kode else "total", kode)[columns[kata]]


def bound_values(html: str) -> list[tuple[str, str]]:
    return [(title, value) for title, value in NILAI.findall(html)]


@pytest.mark.slow
def test_every_bound_number_is_the_recaps(built_demo: BuildResult) -> None:
    out = Path(built_demo.out_dir)
    recap = rows((out / REKAP).read_text(encoding="utf-8"))
    checked = 0
    for title, value in bound_values((out / LAPORAN).read_text(encoding="utf-8")):
        kata, *args = title.split()
        if kata in UNCHECKED or (kata == "realisasi" and len(args) == 2):
            continue
        expected = recap_value(recap, kata, args)
        if kata in {"target", "realisasi"}:  # the recap prints the figure, the sentence adds its unit
            assert value.startswith(expected.split(" (")[0]), f"{title}: report {value!r}, recap {expected!r}"
        else:
            assert value == expected, f"{title}: report {value!r}, recap {expected!r}"
        checked += 1
    assert checked >= 60, f"only {checked} bound numbers were compared"


def replace_once(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {file}"
    file.write_text(text.replace(old, new), encoding="utf-8")


def test_a_changed_realisasi_changes_sentence_and_table(demo_copy: Path, tmp_path: Path) -> None:
    """IKU-02 97,25% -> 91,50%: capaian 91,5 / 95 × 100 = 96,3158 -> 96,32%; sasaran S1.1 =
    (83,40 / 82 × 100 + 96,3158 + 120 [capped]) / 3 = (101,7073 + 96,3158 + 120) / 3 = 106,0077 -> 106,01%."""
    replace_once(demo_copy / "kinerja/2024/kinerja.yaml", "realisasi: 97.25", "realisasi: 91.5")
    out = tmp_path / "out"
    build_site(demo_copy, out, pdf=False)
    html = (out / LAPORAN).read_text(encoding="utf-8")
    values = dict(bound_values(html))
    assert values["realisasi IKU-02"] == "91,50%"
    assert values["capaian IKU-02"] == "96,32%"
    assert values["capaian S1.1"] == "106,01%"
    table = next(c for t, k, c in rows(html) if "capaian" in t.split() and c and c[0] == "2" and "IKU-02" in c[1])
    assert table[3:5] == ["91,50%", "96,32%"], table
    sasaran = next(c for t, k, c in rows(html) if "capaian" in t.split() and "baris-sasaran" in k and c[0] == "S1.1")
    assert sasaran[2] == "106,01%"
    assert "97,25" not in html, "the old figure is gone from every sentence and table"
