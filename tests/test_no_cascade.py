"""One mistake, one problem: a typo does not also report what only follows from it."""

from __future__ import annotations

import re
from pathlib import Path

from sopgen.build import check_site

from .support import sopgen_check

SOP = "sop/pengukuran-data-kinerja.yaml"


def _problems(site: Path) -> list[str]:
    _, problems = check_site(site)
    return [f"{p.path}:{p.line}: {p.field}: {p.message}" for p in problems.sorted() if p.path.endswith(SOP)]


def test_misspelt_decision_target_does_not_make_later_steps_unreachable(demo_copy: Path) -> None:
    file = demo_copy / SOP
    file.write_text(file.read_text(encoding="utf-8").replace("keputusan: {ya: kirim-camat,", "keputusan: {ya: kirim-camta,"), encoding="utf-8")
    found = _problems(demo_copy)
    assert len(found) == 1 and "langkah tujuan 'kirim-camta' tidak ditemukan" in found[0], found


def test_misspelt_pelaksana_does_not_also_leave_its_column_unused(demo_copy: Path) -> None:
    file = demo_copy / "sop/penyusunan-sakip.yaml"
    text = file.read_text(encoding="utf-8")
    used = list(re.finditer(r"    pelaksana: (Kasubag Perencanaan)\n", text))
    assert len(used) == 1
    file.write_text(text[:used[0].start(1)] + "Kasubagx Perencanaan" + text[used[0].end(1):], encoding="utf-8")
    _, problems = check_site(demo_copy)
    found = [f"{p.field}: {p.message}" for p in problems.sorted() if p.path.endswith("penyusunan-sakip.yaml")]
    assert len(found) == 1 and "'Kasubagx Perencanaan' bukan salah satu kolom pelaksana" in found[0], found


def test_a_schema_error_does_not_hide_the_flow_checks(demo_copy: Path) -> None:
    """An empty nomor and a step without mutu_baku (schema) with a misspelt pelaksana and decision target (flow): one run, four lines."""
    file = demo_copy / "sop/penyusunan-sakip.yaml"
    text = file.read_text(encoding="utf-8")
    text = text.replace("nomor: 700/16.2/SOP/427.83/2024", 'nomor: ""')
    text = text.replace("    pelaksana: Camat\n    mutu_baku: {kelengkapan: Konsep Keputusan Camat, waktu: 1 hari, output: Keputusan Camat tentang Tim SAKIP}\n", "    pelaksana: Camat\n", 1)
    text = text.replace("    pelaksana: Sekretaris\n    mutu_baku: {kelengkapan: Keputusan Camat", "    pelaksana: Sekertaris\n    mutu_baku: {kelengkapan: Keputusan Camat", 1)
    text = text.replace("keputusan: {ya: tetapkan-pk,", "keputusan: {ya: tetapkan-pkk,")
    file.write_text(text, encoding="utf-8")
    run = sopgen_check(demo_copy)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    lines = [line for line in run.stderr.splitlines() if "penyusunan-sakip.yaml" in line]
    assert [line.split(": ", 2)[1] for line in lines] == ["nomor", "langkah[1].mutu_baku", "langkah[2].pelaksana", "langkah[7].keputusan.ya"], lines
    assert "maksud Anda 'Sekretaris'?" in lines[2] and "maksud Anda 'tetapkan-pk'?" in lines[3]
    assert "tidak dapat dicapai" not in run.stderr and "tidak dipakai" not in run.stderr


def test_an_unreadable_flow_adds_nothing_to_its_schema_error(demo_copy: Path) -> None:
    file = demo_copy / "sop/penyusunan-sakip.yaml"
    text = file.read_text(encoding="utf-8").replace("nomor: 700/16.2/SOP/427.83/2024", 'nomor: ""')
    file.write_text(text.replace("keputusan: {ya: tetapkan-pk, tidak: susun-pk}", "keputusan: tetapkan-pk"), encoding="utf-8")
    found = [p.field for p in check_site(demo_copy)[1].sorted() if p.path.endswith("penyusunan-sakip.yaml")]
    assert found == ["nomor", "langkah[7].keputusan"]
