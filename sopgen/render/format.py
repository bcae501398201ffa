"""Indonesian formatting of dates, numbers, money and NIP, in one place (Babel's ``id`` locale)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from babel.numbers import format_decimal

from ..domain.capaian import round_half_up
from ..models.base import tanggal_indonesia
from ..models.blank import BELUM_TERSEDIA, TANPA_TANGGAL

LOCALE = "id"


def tanggal(value: dt.date | None, empty: str = TANPA_TANGGAL) -> str:
    """``17 Januari 2024``; ``--`` (as official forms print it) when there is no date."""
    return empty if value is None else tanggal_indonesia(value)


def angka(value: float | Decimal | int | None, digits: int = 2, empty: str = BELUM_TERSEDIA) -> str:
    """``95,50`` with a fixed number of decimals; thousands with a dot (``1.234,50``).

    Rounded half up (105,625 -> 105,63) as Excel and hand computation do, not
    Babel's half-to-even, so a printed figure matches the sheet it came from.
    """
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


def rupiah(value: float | Decimal | int | None, empty: str = "-") -> str:
    """``Rp1.500.000``: whole rupiah, as budgets are printed."""
    if value is None:
        return empty
    return "Rp" + angka(value, 0)


def nip(value: str) -> str:
    """``19720818 199403 1 009``: the 18 digits in their printed groups."""
    digits = re.sub(r"\D", "", value)
    if len(digits) != 18:
        return value
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


FILTERS = {"tanggal": tanggal, "angka": angka, "persen": persen, "rupiah": rupiah, "nip": nip}
"""The Jinja filters every template can use."""
