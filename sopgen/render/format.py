"""Indonesian formatting, in one place: the Jinja filters every template uses, and the code too.

Dates, numbers, money and NIP (Babel's ``id`` locale), and the figures of the recap, printed by
the recap page, the Laporan Kinerja, the Perjanjian Kinerja and the charts with the same rules:
every number rounded half up once, from unrounded data (105,625 -> 105,63, as Excel and hand
computation do, not Babel's half-to-even), so a printed figure matches the sheet it came from;
a percentage from the result's ``bulat``, so it never rounds twice; a target or realisasi with
the indicator's own decimals and unit; a missing value as "belum tersedia", never as 0.
Templates use these as filters (``{{ s.capaian | persen_capaian }}``) and the blank markers as
globals (``{{ KOSONG }}``): :data:`FILTERS` and :data:`GLOBALS`, registered by ``env.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any, Protocol

from babel.numbers import format_decimal

from ..domain.agregasi import NAMA_TRIWULAN, Agregat
from ..domain.anggaran import Efisiensi, Serapan
from ..domain.capaian import Capaian, round_half_up
from ..models import kinerja, sop
from ..models.base import tanggal_indonesia
from ..models.blank import BELUM_TERSEDIA, KOSONG, TANPA_TANGGAL
from ..models.kinerja import Indikator, PeranAngka, Rentang
from .hyphenation import FILTERS as HYPHENATION_FILTERS
from .qr import qr

LOCALE = "id"


SLUG_MAX = 120
"""Longest file name a slug gives (file systems stop at 255 bytes; a 300-letter unit_kerja once
made the PDF's name fail with an OSError)."""


def file_slug(text: str) -> str:
    """``'LKjIP Kecamatan Candipuro 2024'`` -> ``'lkjip-kecamatan-candipuro-2024'``, at most :data:`SLUG_MAX` letters.

    A long name is cut in the middle, so its start (the document) and its end (the year) remain.
    """
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(slug) <= SLUG_MAX:
        return slug
    half = SLUG_MAX // 2
    return f"{slug[:half].rstrip('-')}-{slug[-half + 1:].lstrip('-')}"


def tanggal(value: dt.date | None, empty: str = TANPA_TANGGAL) -> str:
    """``17 Januari 2024``; ``--`` (as official forms print it) when there is no date."""
    return empty if value is None else tanggal_indonesia(value)


def angka(value: float | Decimal | int | None, digits: int = 2, empty: str = BELUM_TERSEDIA) -> str:
    """``95,50`` with a fixed number of decimals, rounded half up; thousands with a dot (``1.234,50``)."""
    if value is None:
        return empty
    exact = Decimal(str(value)) if not isinstance(value, Decimal) else value
    rounded = round_half_up(exact, digits)
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(rounded, pattern, locale=LOCALE, decimal_quantization=True)


def persen(value: float | Decimal | int | None, digits: int = 2, empty: str = BELUM_TERSEDIA) -> str:
    """``95,50%`` (the explicit pattern keeps 95,5 % from rounding to 96 %)."""
    if value is None:
        return empty
    return angka(value, digits) + "%"


def rupiah(value: float | Decimal | int | None, empty: str = BELUM_TERSEDIA) -> str:
    """``Rp1.500.000``: whole rupiah, rounded half up like every other figure."""
    if value is None:
        return empty
    return "Rp" + angka(value, 0)


def nip(value: str) -> str:
    """``19720818 199403 1 009``: the 18 digits in their printed groups."""
    digits = re.sub(r"\D", "", value)
    if len(digits) != 18:
        return value
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


def with_unit(value: Decimal, satuan: str, digits: int) -> str:
    """'97,13%', 'Rp1.187.654.321', '15 pengaduan': units written the way Indonesian tables do."""
    text = angka(value, digits)
    if satuan == "%":
        return text + "%"
    if satuan.lower() in {"rp", "rupiah"}:
        return "Rp" + text
    return f"{text} {satuan}".rstrip()


def nilai_indikator(value: Any, indikator: Indikator, peran: PeranAngka = "realisasi") -> str:
    """A target or realisasi with its unit: '97,25%', '14 pengaduan', 'BB', '90–110%' (``peran``: whose decimals)."""
    if value is None:
        return BELUM_TERSEDIA
    digits = indikator.desimal_cetak(peran)
    if isinstance(value, Rentang):
        return f"{angka(value.bawah, digits)}–{with_unit(value.atas, indikator.satuan, digits)}"
    if isinstance(value, Decimal):
        return with_unit(value, indikator.satuan, digits)
    return str(value)


def angka_indikator(value: Any, indikator: Indikator, empty: str = BELUM_TERSEDIA, peran: PeranAngka = "realisasi") -> str:
    """A target or realisasi without its unit, for tables with a Satuan column (``peran``: whose decimals)."""
    if value is None:
        return empty
    digits = indikator.desimal_cetak(peran)
    if isinstance(value, Rentang):
        return f"{angka(value.bawah, digits)}–{angka(value.atas, digits)}"
    return angka(value, digits) if isinstance(value, Decimal) else str(value)


def _signed(value: Decimal, digits: int) -> str:
    """'+4,00', '−10', '0': a difference with its sign (a real minus sign, as print has it)."""
    return ("+" if value > 0 else "−" if value < 0 else "") + angka(abs(value), digits)


def selisih(value: Decimal, indikator: Indikator) -> str:
    """A signed change in the indicator's decimals: '+4,00', '−10', '0'."""
    return _signed(value, indikator.desimal_cetak("realisasi"))


def persen_capaian(nilai: Capaian | Agregat | Serapan | None, empty: str = BELUM_TERSEDIA) -> str:
    """'101,71%' from the value rounded once; 'belum tersedia' without one."""
    if nilai is None or nilai.bulat is None:
        return empty
    return persen(nilai.bulat, nilai.decimals)


def poin(efisiensi: Efisiensi) -> str:
    """A difference in percentage points with its sign: '+7,50', '−7,06', '0,00'."""
    return BELUM_TERSEDIA if efisiensi.bulat is None else _signed(efisiensi.bulat, efisiensi.decimals)


class Described(Protocol):
    """A rule that can put itself in words, given how to print its numbers (policy, scale, efisiensi)."""

    def uraian(self, fmt: Any) -> Any: ...


def uraian(rule: Described) -> Any:
    """The rule in words with its numbers in Indonesian: '{{ rekap.policy | uraian }}'."""
    return rule.uraian(angka)


FILTERS = {
    "tanggal": tanggal, "angka": angka, "persen": persen, "rupiah": rupiah, "nip": nip,
    "nilai_indikator": nilai_indikator, "angka_indikator": angka_indikator, "selisih": selisih,
    "persen_capaian": persen_capaian, "poin": poin, "uraian": uraian, "qr": qr, **HYPHENATION_FILTERS,
}
"""The Jinja filters every template can use."""

GLOBALS = {
    "BELUM_TERSEDIA": BELUM_TERSEDIA, "KOSONG": KOSONG, "TANPA_TANGGAL": TANPA_TANGGAL, "NAMA_TRIWULAN": NAMA_TRIWULAN,
    "TANDA_ILUSTRASI": {"sop": sop.TANDA_ILUSTRASI, "rekap": kinerja.TANDA_ILUSTRASI},
}
"""Printed words templates share: the blank markers (:mod:`sopgen.models.blank`), the quarters'
names, and the marks of an illustrative SOP or recap cycle (``{{ TANDA_ILUSTRASI.sop }}``)."""
