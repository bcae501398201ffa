"""One mistake, one problem: a typo does not also report what only follows from it."""

from __future__ import annotations

import re
from pathlib import Path

from sopgen.build import check_site

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
