"""The waktu of a langkah's mutu baku, read as a duration.

SOPs state how long each step may take ("10 Menit", "2 jam", "3 hari"); a
value that is not a number and a unit ("segera", "10mnt", "2 jm") cannot be
measured against, which is the point of a mutu baku. Pure parsing, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

SATUAN = frozenset({"detik", "menit", "jam", "hari", "hari kerja", "minggu", "pekan", "bulan"})
"""Units a mutu baku's waktu may be written in."""

_ANGKA = r"\d+(?:[.,]\d+)?"
_POLA = re.compile(rf"^\s*(?P<dari>{_ANGKA})\s*(?:(?:-|–|s\.?d\.?|sampai)\s*(?P<sampai>{_ANGKA}))?\s*(?P<satuan>[a-zA-Z]+(?:\s+kerja)?)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Durasi:
    """A duration as written: an amount (or a range) and a unit."""

    jumlah: Decimal
    satuan: str
    sampai: Decimal | None = None
    """The upper end of a range such as "1-2 hari"."""


def parse_durasi(text: str) -> Durasi | None:
    """``"10 Menit"`` -> Durasi(10, "menit"); None when the text is not a number and a known unit."""
    match = _POLA.match(text)
    if not match:
        return None
    satuan = " ".join(match["satuan"].lower().split())
    if satuan not in SATUAN:
        return None
    dari = _angka(match["dari"])
    sampai = _angka(match["sampai"]) if match["sampai"] else None
    if dari <= 0 or (sampai is not None and sampai <= dari):
        return None
    return Durasi(dari, satuan, sampai)


def split_angka_satuan(text: str) -> tuple[str, str] | None:
    """The number and the word of a value such as ``"10 mnt"``, to suggest the right unit."""
    match = re.match(rf"^\s*({_ANGKA})\s*([a-zA-Z]+)\.?\s*$", text)
    return (match[1], match[2]) if match else None


def _angka(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))
