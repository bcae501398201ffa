"""Combining numbers: four quarters into a year, indicators into a sasaran, sasaran into a tujuan.

Both steps share one rule with :mod:`sopgen.domain.capaian`: a value that is not yet reported
is left out, by name, and never counted as 0. The formula text names what went in, so a reader
can redo the sum from the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from ..models.blank import BELUM_TERSEDIA
from .capaian import Angka, CapaianError, Dibulatkan, KebijakanCapaian, bulatkan, divide, to_decimal

NAMA_TRIWULAN = ("TW I", "TW II", "TW III", "TW IV")


class AturanTriwulan(str, Enum):
    """How an indicator's four quarterly realisasi make the year's value."""

    KUMULATIF = "kumulatif"
    """Counts that add up (jumlah pengaduan): TW I + TW II + TW III + TW IV."""
    RATA_RATA = "rata_rata"
    """Rates measured each quarter (persentase layanan tepat waktu): their mean."""
    NILAI_AKHIR = "nilai_akhir"
    """Stocks and indices (IKM, status desa): the latest quarter's value."""


@dataclass(frozen=True)
class Gabungan:
    """A year's value combined from quarters, with the quarters it used."""

    nilai: Decimal | None
    rumus: str
    triwulan: tuple[int, ...]
    """1-based quarters that went in; fewer than four means "s.d. TW n"."""

    @property
    def lengkap(self) -> bool:
        return len(self.triwulan) == 4

    @property
    def catatan(self) -> str | None:
        """'s.d. TW III' when the year is not complete, so a partial value is never taken for the year's."""
        if self.nilai is None:
            return f"realisasi triwulan {BELUM_TERSEDIA}"
        return None if self.lengkap else f"s.d. {NAMA_TRIWULAN[self.triwulan[-1] - 1]}"


def gabung_triwulan(nilai: Sequence[Angka | None], aturan: AturanTriwulan) -> Gabungan:
    """Combine TW I–IV (None = not reported). Reported quarters must run from TW I without gaps."""
    if len(nilai) != 4:
        raise CapaianError(f"data triwulan harus 4 nilai (TW I–IV), bukan {len(nilai)}")
    terisi = [i + 1 for i, v in enumerate(nilai) if v is not None]
    if terisi != list(range(1, len(terisi) + 1)):
        kosong = next(i for i in range(1, 5) if i not in terisi)
        raise CapaianError(
            f"realisasi {NAMA_TRIWULAN[kosong - 1]} kosong padahal triwulan sesudahnya terisi; "
            "isi triwulan secara berurutan"
        )
    if not terisi:
        return Gabungan(None, "", ())
    values = [to_decimal(v) for v in nilai if v is not None]
    nama = [NAMA_TRIWULAN[i - 1] for i in terisi]
    if aturan is AturanTriwulan.KUMULATIF:
        return Gabungan(sum(values, Decimal(0)), " + ".join(nama), tuple(terisi))
    if aturan is AturanTriwulan.RATA_RATA:
        teks = f"({' + '.join(nama)}) / {len(nama)}" if len(nama) > 1 else nama[0]
        return Gabungan(divide(sum(values, Decimal(0)), Decimal(len(values))), teks, tuple(terisi))
    return Gabungan(values[-1], nama[-1], tuple(terisi))


@dataclass(frozen=True)
class Anggota:
    """One member of an average: an indicator's capaian (or a sasaran's) with its bobot."""

    label: str
    nilai: Decimal | None
    bobot: Decimal = Decimal(1)


@dataclass(frozen=True)
class Agregat(Dibulatkan):
    """A sasaran's (or tujuan's) capaian: the mean of its available members."""

    nilai: Decimal | None
    rumus: str
    dihitung: tuple[str, ...]
    dikecualikan: tuple[str, ...]
    decimals: int
    predikat: str | None
    dipotong: bool = False

    @property
    def catatan(self) -> str | None:
        """The visible note when members were left out of the mean."""
        if not self.dikecualikan:
            return None
        return f"{', '.join(self.dikecualikan)}: realisasi {BELUM_TERSEDIA}, tidak dihitung dalam rata-rata"


def rata_rata(anggota: Sequence[Anggota], policy: KebijakanCapaian) -> Agregat:
    """Mean of the unrounded member values, weighted when bobot differ.

    Missing members are left out and the remaining bobot renormalised: the mean is over what was
    measured, and :attr:`Agregat.catatan` names what was not.
    """
    for a in anggota:
        if a.bobot <= 0:
            raise CapaianError(f"bobot {a.label} harus lebih dari 0, bukan {a.bobot}")
    ada = [(a, a.nilai) for a in anggota if a.nilai is not None]
    keluar = tuple(a.label for a in anggota if a.nilai is None)
    if not ada:
        return Agregat(None, "", (), keluar, policy.decimals, None, policy.dipotong)
    labels = [a.label for a, _ in ada]
    if len({a.bobot for a, _ in ada}) == 1:
        nilai = divide(sum((n for _, n in ada), Decimal(0)), Decimal(len(ada)))
        rumus = f"({' + '.join(labels)}) / {len(ada)}" if len(ada) > 1 else labels[0]
    else:
        total_bobot = sum((a.bobot for a, _ in ada), Decimal(0))
        nilai = divide(sum((a.bobot * n for a, n in ada), Decimal(0)), total_bobot)
        bagian = " + ".join(f"{a.bobot} × {a.label}" for a, _ in ada)
        rumus = f"({bagian}) / {total_bobot}"
    predikat = policy.skala.predikat(bulatkan(nilai, policy.decimals, policy.dipotong))
    return Agregat(nilai, rumus, tuple(labels), keluar, policy.decimals, predikat, policy.dipotong)
