"""Shared pieces of the content models: strict base class and Indonesian dates, read and written."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from .blank import blank_is_none

BULAN = (
    "januari", "februari", "maret", "april", "mei", "juni",
    "juli", "agustus", "september", "oktober", "november", "desember",
)
_INDO_DATE = re.compile(r"^\s*(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})\s*$")


class Model(BaseModel):
    """Base for every content model: unknown keys are errors, values are not coerced silently.

    No text may be empty or blank (``nama: ""``): one rule for every text field, so an SOP
    without a name or a signatory without a nama is an error at its line, not a blank print.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, str_min_length=1)


def _parse_tanggal(value: Any) -> Any:
    """Accept ``2024-01-17`` and ``17 Januari 2024``: administrators write both."""
    if isinstance(value, str):
        match = _INDO_DATE.match(value)
        if match:
            day, month, year = match.groups()
            if month.lower() not in BULAN:
                raise ValueError(f"nama bulan '{month}' tidak dikenal (Januari … Desember)")
            try:
                return dt.date(int(year), BULAN.index(month.lower()) + 1, int(day))
            except ValueError:
                raise ValueError(f"tanggal '{value.strip()}' tidak ada di kalender") from None
    return value


def tanggal_indonesia(day: dt.date) -> str:
    """``17 Januari 2024``: how administrators write a date and how documents print it."""
    return f"{day.day} {BULAN[day.month - 1].capitalize()} {day.year}"


Tanggal = Annotated[dt.date, BeforeValidator(_parse_tanggal)]
"""A date written as ISO (2024-01-17) or in Indonesian (17 Januari 2024)."""

OptionalTanggal = Annotated[dt.date | None, BeforeValidator(blank_is_none), BeforeValidator(_parse_tanggal)]


def written_twice(values: list[str]) -> list[str]:
    """The values that occur more than once, in order of their second appearance (for 'tertulis dua kali')."""
    seen: set[str] = set()
    twice: list[str] = []
    for value in values:
        if value in seen and value not in twice:
            twice.append(value)
        seen.add(value)
    return twice


_WEB = re.compile(r"https?://[^\s/?#@]+\.[^\s/?#]+(?:[/?#]\S*)?", re.IGNORECASE)
_MAIL = re.compile(r"[^\s@:/<>\"']+@[^\s@:/<>\"']+\.[^\s@:/<>\"']+")


def _web_address(value: Any) -> Any:
    """Only http(s): a ``javascript:`` address would become a link that runs code on every page."""
    if isinstance(value, str) and not _WEB.fullmatch(value.strip()):
        raise ValueError(f"alamat laman harus diawali http:// atau https://, mis. 'https://kecamatan.contoh.go.id', bukan '{value.strip()[:60]}'")
    return value


def _mail_address(value: Any) -> Any:
    """A bare address (the theme writes ``mailto:`` itself), so no scheme can be smuggled in."""
    if isinstance(value, str) and not _MAIL.fullmatch(value.strip()):
        raise ValueError(f"alamat surel tidak sah, mis. 'kecamatan@contoh.go.id', bukan '{value.strip()[:60]}'")
    return value


ANGKA_MAKS = Decimal("1e15")
"""Numbers from 10^15 on are refused: more than any budget in Rupiah, and far enough below the
28 digits of Decimal's context that a capaian of such figures is still computed and rounded."""
DESIMAL_MAKS = 6
"""At most six decimals: a capaian of a realisasi over a tiny target stays inside 28 digits too."""


def angka_salah(value: Decimal) -> str | None:
    """Why ``value`` cannot be computed with (NaN, infinite, too large, too many decimals), or None.

    The one rule for every number of the content, whether written in YAML or read from a sheet.
    """
    if not value.is_finite():
        return "bukan angka yang dapat dihitung (NaN atau tak terhingga)"
    if abs(value) >= ANGKA_MAKS:
        return "angka terlalu besar (paling besar 999.999.999.999.999)"
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -DESIMAL_MAKS:
        return f"terlalu banyak angka desimal (paling banyak {DESIMAL_MAKS})"
    return None


_NUMERAL = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?|[+-]?(?:inf|infinity|s?nan)", re.IGNORECASE)


def _angka(value: Any) -> Any:
    """A value written as a number (``1e400``, ``NaN`` and 40 digits included) must pass :func:`angka_salah`.

    Checked before the union of a number and a label is tried, so ``1e400`` is an error at its
    line, not a label or a crash at build time; other text is left to the field's own type.
    """
    if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal)):
        return value
    if isinstance(value, str):
        if not _NUMERAL.fullmatch(value.strip()):
            return value
        value = value.strip()
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except (InvalidOperation, ValueError):
        return value
    message = angka_salah(number)
    if message:
        raise ValueError(message)
    return value


Bilangan = BeforeValidator(_angka)
"""Put on every numeric field (and every union holding a number) of the models."""


NamaBerkas = Annotated[str, Field(max_length=200)]
"""A file named in the content (a Markdown part, a sheet, the logo): file systems refuse names
over 255 bytes with an OSError, so a longer one is an error at its line instead."""


Laman = Annotated[str, BeforeValidator(_web_address)]
"""A web address, http(s) only."""
Surel = Annotated[str, BeforeValidator(_mail_address)]
"""An e-mail address without ``mailto:``."""


class FieldError(ValueError):
    """A model check's error about one of its fields (or a field of an item), raised where only the
    whole model can see the problem (two fields that exclude each other, a name written twice in a list).

    ``content/validate.py`` reports it at that field's line, not at the model's first line.
    """

    def __init__(self, message: str, *path: str | int) -> None:
        super().__init__(message)
        self.path = path
