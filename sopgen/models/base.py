"""Shared pieces of the content models: strict base class and Indonesian dates, read and written."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict

from .blank import blank_is_none

BULAN = (
    "januari", "februari", "maret", "april", "mei", "juni",
    "juli", "agustus", "september", "oktober", "november", "desember",
)
_INDO_DATE = re.compile(r"^\s*(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})\s*$")


class Model(BaseModel):
    """Base for every content model: unknown keys are errors, values are not coerced silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


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


Laman = Annotated[str, BeforeValidator(_web_address)]
"""A web address, http(s) only."""
Surel = Annotated[str, BeforeValidator(_mail_address)]
"""An e-mail address without ``mailto:``."""
