"""The NIP (Nomor Induk Pegawai) of a civil servant, read into its parts.

An 18-digit NIP is not an arbitrary number: ``19720818 199403 1 009`` is the
birth date (YYYYMMDD), the month of appointment as CPNS (TMT, YYYYMM), the
sex (1 male, 2 female) and a sequence number. A NIP typed wrong on a signed
document is a real and common slip, and the parts let a check say *which*
part is wrong instead of only "not valid". Pure parsing: no I/O, no models.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

PANJANG = 18
USIA_MINIMUM_CPNS = 18
"""Nobody is appointed before 18."""
USIA_MAKSIMUM_CPNS = 58
"""Nobody is appointed after the administrators' retirement age (58); beyond it a part is mistyped."""
TAHUN_TERAWAL = 1940
"""No serving official was born or appointed before this year."""

_PEMISAH = re.compile(r"[\s.\-]")


@dataclass(frozen=True)
class NIP:
    """The parts of a valid NIP."""

    tanggal_lahir: dt.date
    tmt_cpns: dt.date
    """The first day of the month of appointment (the NIP records only year and month)."""
    jenis_kelamin: int
    nomor_urut: int

    @property
    def usia_saat_tmt(self) -> int:
        """Age in whole years at appointment."""
        lahir, tmt = self.tanggal_lahir, self.tmt_cpns
        return tmt.year - lahir.year - ((tmt.month, tmt.day) < (lahir.month, lahir.day))


class NipTidakSah(ValueError):
    """A NIP that cannot be right; the message says which part and why (in Bahasa Indonesia)."""


def digits(text: str) -> str:
    """The NIP without the spaces, dots or dashes people group it with."""
    return _PEMISAH.sub("", text)


def parse_nip(text: str, today: dt.date | None = None) -> NIP:
    """Read a NIP (grouped or not) into its parts; raises NipTidakSah naming the wrong part."""
    today = today or dt.date.today()
    raw = digits(text)
    if not re.fullmatch(r"[0-9]+", raw):
        raise NipTidakSah(f"NIP hanya boleh berisi angka (tertulis '{text}')")
    if len(raw) != PANJANG:
        raise NipTidakSah(f"NIP harus {PANJANG} digit, tertulis {len(raw)} digit")
    lahir = _tanggal(raw[:8], "tanggal lahir (digit 1–8, TTTTBBHH)")
    tmt = _tanggal(raw[8:14] + "01", "TMT CPNS (digit 9–14, TTTTBB)")
    for bagian, tanggal in (("tanggal lahir", lahir), ("TMT CPNS", tmt)):
        if not TAHUN_TERAWAL <= tanggal.year <= today.year or tanggal > today:
            raise NipTidakSah(f"{bagian} {tanggal:%Y-%m} pada NIP tidak masuk akal")
    jenis_kelamin = int(raw[14])
    if jenis_kelamin not in (1, 2):
        raise NipTidakSah(f"digit ke-15 NIP (jenis kelamin) harus 1 atau 2, tertulis {jenis_kelamin}")
    nomor_urut = int(raw[15:])
    if nomor_urut == 0:
        raise NipTidakSah("nomor urut NIP (digit 16–18) tidak boleh 000")
    nip = NIP(lahir, tmt, jenis_kelamin, nomor_urut)
    if not USIA_MINIMUM_CPNS <= nip.usia_saat_tmt <= USIA_MAKSIMUM_CPNS:
        raise NipTidakSah(
            f"menurut NIP, usia saat TMT CPNS {nip.usia_saat_tmt} tahun "
            f"(lahir {lahir:%Y-%m-%d}, TMT {tmt:%Y-%m}); seharusnya {USIA_MINIMUM_CPNS}–{USIA_MAKSIMUM_CPNS} tahun"
        )
    return nip


def _tanggal(text: str, bagian: str) -> dt.date:
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        shown = f"{text[:4]}-{text[4:6]}" + ("" if bagian.startswith("TMT") else f"-{text[6:8]}")
        raise NipTidakSah(f"{bagian} pada NIP bukan tanggal yang ada: {shown}") from None
