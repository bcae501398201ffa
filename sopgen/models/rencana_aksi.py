"""The Rencana Aksi (quarterly action plan) of one cycle: rencana-aksi/<tahun>/rencana-aksi.yaml.

Per indicator of the recap cycle it names, the kegiatan (aksi) planned to reach the target, the
quarters each runs in, who is responsible, and what was done. The indicator's targets and
realisasi, per quarter and for the year, are not typed here: they are the cycle's, so the
Rencana Aksi and the recap print one set of figures. ``target_triwulan`` may be written (as the
office's own Rencana Aksi table has it) and is then checked against the cycle.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema, field_validator

from .base import Model, Tanggal
from .kinerja import Nilai
from .site import Kertas

ROMAWI = ("I", "II", "III", "IV")
"""The quarters as documents number them (TW I … TW IV)."""
_TRIWULAN = re.compile(r"^(?:TW[\s.-]*)?(I{1,3}|IV|[1-4])$", re.IGNORECASE)


def _triwulan(value: Any) -> Any:
    """``I``, ``TW II``, ``3``: the ways a quarter is written; anything else is an error naming the four."""
    written = str(value).strip()
    match = _TRIWULAN.match(written)
    if not match:
        raise ValueError(f"triwulan '{written[:40]}' tidak dikenal; tulis I, II, III atau IV (atau TW I … TW IV)")
    number = match.group(1).upper()
    return int(number) if number.isdigit() else ROMAWI.index(number) + 1


TriwulanKe = Annotated[int, BeforeValidator(_triwulan), WithJsonSchema({
    "anyOf": [{"enum": [*ROMAWI, *(f"TW {r}" for r in ROMAWI), "1", "2", "3", "4"]}, {"type": "integer", "minimum": 1, "maximum": 4}],
})]
"""A quarter, 1–4, written I–IV, TW I–TW IV or 1–4."""


class Aksi(Model):
    """One kegiatan of the plan: what is done, in which quarters, by whom, and what was done."""

    uraian: str = Field(max_length=500, description="Rencana aksi / kegiatan, mis. 'Membuka loket PATEN sejak pukul 07.30'.")
    triwulan: list[TriwulanKe] = Field(min_length=1, max_length=4, description="Triwulan pelaksanaan, mis. [I, II, III, IV] atau [TW II].")
    penanggung_jawab: str = Field(max_length=200, description="Penanggung jawab, mis. 'Kasi Pelayanan'.")
    realisasi: dict[TriwulanKe, Annotated[str, Field(max_length=500)]] = Field(
        default_factory=dict, description="Realisasi aksi per triwulan, mis. {I: 'Loket dibuka pukul 07.30 sejak 2 Januari'}."
    )

    @field_validator("triwulan")
    @classmethod
    def _sekali(cls, value: list[int]) -> list[int]:
        twice = sorted({tw for tw in value if value.count(tw) > 1})
        if twice:
            raise ValueError(f"triwulan {', '.join(ROMAWI[tw - 1] for tw in twice)} tertulis dua kali")
        return sorted(value)


class RencanaIndikator(Model):
    """The plan for one indicator of the cycle."""

    indikator: str = Field(description="Kode indikator pada siklus kinerja, mis. 'IKU-01'.")
    target_triwulan: list[Nilai] | None = Field(
        None, min_length=4, max_length=4,
        description="Target TW I–IV (opsional). Bila siklus kinerja sudah mencatat target triwulan indikator ini, "
        "harus sama dengannya; tulis '-' untuk triwulan tanpa target.",
    )
    aksi: list[Aksi] = Field(min_length=1, description="Rencana aksi (kegiatan) untuk mencapai target indikator ini.")


class RencanaAksi(Model):
    """rencana-aksi.yaml."""

    tahun: int = Field(ge=2000, le=2100, description="Tahun rencana aksi.")
    kinerja: str = Field(description="Id siklus pengukuran kinerja yang indikator dan targetnya dijabarkan (folder di kinerja/), mis. '2024'.")
    ditetapkan_oleh: str = Field(description="Id pejabat (dari pejabat.yaml) yang menetapkan rencana aksi, mis. 'camat'.")
    tempat: str = Field(description="Tempat penetapan, mis. 'Candipuro'.")
    tanggal: Tanggal = Field(description="Tanggal penetapan, mis. '8 Januari 2024'.")
    kertas: Kertas | None = Field(None, description="'A4' atau 'F4'; bawaan dari site.yaml.")
    ilustrasi: bool = Field(False, description="true bila rencana aksi ini rekaan (contoh); ditandai di setiap halaman.")
    rencana: list[RencanaIndikator] = Field(min_length=1, description="Rencana aksi per indikator, dalam urutan cetak.")
