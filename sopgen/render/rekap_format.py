"""How the recap prints its figures; the Laporan Kinerja and the exports print with the same rules.

Every percentage is printed from the result's ``bulat`` (rounded once, half up, from unrounded
data) so a number never rounds twice; a target or realisasi with the indicator's own number of
decimals and its unit; a missing value as "belum tersedia", never as 0.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..domain.agregasi import Agregat
from ..domain.anggaran import Efisiensi, Serapan
from ..domain.capaian import Capaian, round_half_up
from ..models.blank import BELUM_TERSEDIA as BELUM
from ..models.blank import KOSONG as KOSONG  # for the templates (f.KOSONG)
from ..models.kinerja import Indikator, Rentang
from .charts import angka_label, with_unit
from .format import angka, persen, rupiah


def nilai_indikator(value: Any, indikator: Indikator) -> str:
    """A target or realisasi with its unit: '97,25%', '14 pengaduan', 'BB', '90–110%'."""
    if value is None:
        return BELUM
    if isinstance(value, Rentang):
        return f"{angka_label(value.bawah, indikator.desimal)}–{with_unit(value.atas, indikator.satuan, indikator.desimal)}"
    if isinstance(value, Decimal):
        return with_unit(value, indikator.satuan, indikator.desimal)
    return str(value)


def angka_indikator(value: Any, indikator: Indikator, empty: str = BELUM) -> str:
    """A target or realisasi without its unit, for tables with a Satuan column."""
    if value is None:
        return empty
    if isinstance(value, Rentang):
        return f"{angka_label(value.bawah, indikator.desimal)}–{angka_label(value.atas, indikator.desimal)}"
    return angka_label(value, indikator.desimal) if isinstance(value, Decimal) else str(value)


def selisih(value: Decimal, indikator: Indikator) -> str:
    """A signed change in the indicator's decimals: '+4,00', '−10', '0'."""
    text = angka_label(abs(value), indikator.desimal)
    return ("+" if value > 0 else "−" if value < 0 else "") + text


def persen_capaian(nilai: Capaian | Agregat | Serapan | None, empty: str = BELUM) -> str:
    """'101,71%' from the value rounded once; 'belum tersedia' without one."""
    if nilai is None or nilai.bulat is None:
        return empty
    return persen(nilai.bulat, nilai.decimals)


def poin(efisiensi: Efisiensi) -> str:
    """A difference in percentage points with its sign: '+7,50', '−7,06', '0,00'."""
    if efisiensi.bulat is None:
        return BELUM
    text = angka(abs(efisiensi.bulat), efisiensi.decimals)
    return ("+" if efisiensi.bulat > 0 else "−" if efisiensi.bulat < 0 else "") + text


def rp(value: Decimal | None) -> str:
    """Whole rupiah, rounded half up like every other figure: 'Rp1.187.654.321'."""
    return BELUM if value is None else rupiah(round_half_up(value, 0))


def angka2(value: Decimal | None, digits: int = 2) -> str:
    """A plain number rounded half up, e.g. the raw formula value before a cap ('130,00')."""
    return BELUM if value is None else angka(round_half_up(value, digits), digits)
