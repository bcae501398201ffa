"""An indicator across the years: the rows of chapter III's "this year against earlier years" table.

Permenpan RB 53/2014 asks chapter III to compare this year's realisasi with last year's and the
recent years'. Real LKjIPs print, per indicator, Target, Realisasi and Capaian of each year next
to each other. An earlier year measured by sopgen (its own cycle, ``content/kinerja/<tahun>/``)
gives all three, as that cycle scored them; an earlier year only typed in ``realisasi_lalu``
gives its realisasi alone. Pure: it reads recaps, it scores nothing again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from ..models.kinerja import Indikator, Rentang
from .capaian import Capaian

TAHUN_RIWAYAT = 3
"""How many earlier years the side-by-side table shows next to the cycle's year."""


@dataclass(frozen=True)
class TahunIndikator:
    """One year of one indicator, as that year's cycle scored it (or as realisasi_lalu wrote it)."""

    tahun: int
    target: Decimal | Rentang | str | None
    realisasi: Decimal | str | None
    capaian: Capaian | None
    siklus: str | None
    """The cycle folder the year was read from; None when it is only typed in realisasi_lalu."""


@dataclass(frozen=True)
class SiklusLalu:
    """An earlier cycle as a later one reads it: its id and its indicators' years, by kode."""

    id: str
    tahun: int
    indikator: Mapping[str, TahunIndikator]


def riwayat(indikator: Indikator, sekarang: TahunIndikator, lalu: Mapping[int, SiklusLalu]) -> tuple[TahunIndikator, ...]:
    """The indicator's years, oldest first, ending with this year: from earlier cycles, else realisasi_lalu."""
    years: dict[int, TahunIndikator] = {}
    for tahun, value in indikator.realisasi_lalu.items():
        if value is not None:
            years[tahun] = TahunIndikator(tahun, None, value, None, None)
    for tahun, siklus in lalu.items():
        found = siklus.indikator.get(indikator.kode)
        if found is not None and tahun < sekarang.tahun:
            years[tahun] = found
    earlier = [years[t] for t in sorted(years)][-TAHUN_RIWAYAT:]
    return (*earlier, sekarang)
