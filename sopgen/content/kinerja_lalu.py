"""Reading earlier cycles of the site into a later one, by indicator kode.

A cycle compares its year with the earlier ones (Permenpan RB 53/2014, chapter III). When an
earlier year has its own cycle (``content/kinerja/2023/``), its realisasi is read from there
instead of being typed again in ``realisasi_lalu``; a figure typed in both places must agree,
because a report that prints two different realisasi for the same year is the mistake this is
meant to prevent. The read figures go into the plan's data, so every comparison (table, trend
chart, ``{{ realisasi IKU-1 2023 }}``) reads the same number.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ..domain.riwayat import SiklusLalu
from ..errors import Problems
from .kinerja_impor import data_at
from .kinerja_indeks import Letak
from .yamlsource import SourceMap, field_name


def baca_siklus_lalu(
    data: dict[str, Any], source: SourceMap, letak: Mapping[str, Letak], lalu: Mapping[int, SiklusLalu], problems: Problems
) -> dict[tuple[str, int], str]:
    """Fill ``data``'s realisasi_lalu (in place) from the earlier cycles; (kode, year) -> cycle id of each figure read.

    A typed realisasi_lalu that differs from its year's cycle is an error at its line."""
    dibaca: dict[tuple[str, int], str] = {}
    for kode, item in letak.items():
        typed = item.indikator.realisasi_lalu
        for tahun, siklus in sorted(lalu.items()):
            found = siklus.indikator.get(kode)
            if found is None or found.realisasi is None:
                continue
            written = typed.get(tahun)
            if written is None:
                node = data_at(data, item.path)
                node["realisasi_lalu"] = {**(node.get("realisasi_lalu") or {}), tahun: found.realisasi}
                dibaca[(kode, tahun)] = siklus.id
            elif not _sama(written, found.realisasi):
                path = item.path + ("realisasi_lalu", str(tahun))
                problems.add(
                    source.at(*path), field_name(path),
                    f"realisasi {tahun} {kode} tertulis {written}, tetapi siklus {siklus.id} mencatat {found.realisasi}",
                    f"hapus tahun {tahun} dari realisasi_lalu (dibaca dari siklus {siklus.id}), atau perbaiki angka yang salah.",
                )
    return dibaca


def _sama(a: Decimal | str, b: Decimal | str) -> bool:
    """80.1 and 80.10 are the same figure; a label only equals itself."""
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return a == b
    return str(a) == str(b)

