"""Misspelt standard terms: slips that signed documents really carry.

The reference SOP itself prints "MUTU BUKU" for the standard heading "MUTU
BAKU", "tiaptiap" and "Adminitrasi"; a tool that copies them silently
publishes them again. The list holds only unambiguous slips (a word that is
never right as written), so the check does not nag about style.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import Level, Position, Problems

CODE = "istilah-salah-ketik"

ISTILAH_BAKU: dict[str, str] = {
    "mutu buku": "mutu baku",
    "tiaptiap": "tiap-tiap",
    "masing masing": "masing-masing",
    "adminitrasi": "administrasi",
    "adminstrasi": "administrasi",
    "sekertaris": "sekretaris",
    "sekertariat": "sekretariat",
    "standart": "standar",
    "oprasional": "operasional",
    "kwalifikasi": "kualifikasi",
    "propinsi": "provinsi",
    "pebruari": "februari",
    "nopember": "november",
}
"""Slip (lower case) -> the standard spelling."""

_POLA = re.compile(r"\b(" + "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in ISTILAH_BAKU) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class Salah:
    """One slip found in a text: as written, and as it should be (in the same case style)."""

    tertulis: str
    baku: str


def cari_salah(teks: str) -> list[Salah]:
    """Every misspelt standard term in ``teks``, in order."""
    return [Salah(m[0], _ikuti_huruf(m[0], ISTILAH_BAKU[" ".join(m[0].lower().split())])) for m in _POLA.finditer(teks)]


def _ikuti_huruf(tertulis: str, baku: str) -> str:
    """The fix in the writer's case: ``MUTU BUKU`` -> ``MUTU BAKU``, ``Adminitrasi`` -> ``Administrasi``."""
    if tertulis.isupper():
        return baku.upper()
    if tertulis[:1].isupper():
        return baku[:1].upper() + baku[1:]
    return baku


def periksa_teks(where: Position, fieldname: str, teks: str, problems: Problems) -> None:
    """Add a warning for each slip in one text field."""
    for salah in cari_salah(teks):
        problems.add(
            where, fieldname,
            f"'{salah.tertulis}' salah ketik",
            f"tulis '{salah.baku}'.",
            Level.WARNING, CODE,
        )


SKIP_KEYS = frozenset({"id", "ya", "tidak", "lanjut", "sop", "disahkan_oleh", "abaikan_peringatan", "kertas", "nomor"})
"""Keys whose values are ids or codes, not prose: never spell-checked."""


def teks_bidang(data: object, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every prose string in a model's dumped data, with its field path."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in SKIP_KEYS:
                yield from teks_bidang(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from teks_bidang(value, path + (index,))
