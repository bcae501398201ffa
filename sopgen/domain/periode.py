"""The six-monthly periods of SOP monitoring: ``2024-1`` is January–June 2024, ``2024-2`` July–December."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_PERIODE = re.compile(r"^(\d{4})-([12])$")
SEMESTER = ("I", "II")


@dataclass(frozen=True, order=True)
class Periode:
    """One half-year."""

    tahun: int
    semester: int
    """1 or 2."""

    @property
    def nama(self) -> str:
        """As written in a file name and a warning: ``2024-1``."""
        return f"{self.tahun}-{self.semester}"

    @property
    def judul(self) -> str:
        """As the form prints it: ``Semester I Tahun 2024 (Januari–Juni)``."""
        bulan = "Januari–Juni" if self.semester == 1 else "Juli–Desember"
        return f"Semester {SEMESTER[self.semester - 1]} Tahun {self.tahun} ({bulan})"

    @property
    def mulai(self) -> dt.date:
        return dt.date(self.tahun, 1 if self.semester == 1 else 7, 1)

    @property
    def akhir(self) -> dt.date:
        return dt.date(self.tahun, 6, 30) if self.semester == 1 else dt.date(self.tahun, 12, 31)


def baca_periode(nama: str) -> Periode | None:
    """``2024-1`` -> the first half of 2024; None for anything else."""
    match = _PERIODE.match(nama)
    if not match or not 2000 <= int(match[1]) <= 2100:
        return None
    return Periode(int(match[1]), int(match[2]))


def periode_terakhir(today: dt.date) -> Periode:
    """The last half-year that has ended by ``today``: the one whose monitoring should be on file."""
    return Periode(today.year, 1) if today.month >= 7 else Periode(today.year - 1, 2)
