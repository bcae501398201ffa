"""The Rencana Aksi against its recap cycle: rows grouped by sasaran, and the quarterly targets checked.

Pure: from the cycle's :class:`~sopgen.domain.rekap.Rekap` and the validated plan. Each
indicator's targets, realisasi and capaian are the recap's; the plan adds only its aksi. A
quarterly target is written once: in the cycle (``triwulan.target``), which the plan then reads,
or, for an indicator the cycle gives no quarterly target, in the plan. Written in both, the two
must agree (:func:`selisih_target`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..models.rencana_aksi import RencanaAksi, RencanaIndikator
from .rekap import Rekap, RekapIndikator

NilaiTriwulan = Decimal | str | None


@dataclass(frozen=True)
class BarisRencana:
    """One indicator of the plan: the recap's result and the plan's aksi."""

    hasil: RekapIndikator
    rencana: RencanaIndikator
    target_triwulan: tuple[NilaiTriwulan, ...]
    """TW I–IV as printed: the cycle's, else the plan's own, else empty."""
    dari_siklus: bool
    """Whether the quarterly targets are the cycle's (the recap prints the same)."""


@dataclass(frozen=True)
class KelompokRencana:
    """The plan's indicators under one sasaran (or tujuan), in the cycle's order of sasaran."""

    kode: str
    uraian: str
    baris: tuple[BarisRencana, ...]

    @property
    def jumlah_aksi(self) -> int:
        """Rows the group spans in the plan's table: one per aksi."""
        return sum(len(b.rencana.aksi) for b in self.baris)


@dataclass(frozen=True)
class SelisihTarget:
    """A quarterly target the plan writes differently from the cycle."""

    rencana: int
    """Index of the plan's entry (0-based)."""
    triwulan: int
    """0-based quarter."""
    tertulis: NilaiTriwulan
    siklus: NilaiTriwulan


def kelompok_indikator(rekap: Rekap) -> dict[str, tuple[str, str]]:
    """kode -> (kode, uraian) of the sasaran it serves (at any level below it), or of its tujuan."""
    found: dict[str, tuple[str, str]] = {}
    for t in rekap.tujuan:
        for i in t.indikator:
            found[i.kode] = (t.tujuan.kode, t.tujuan.uraian)
        for s in t.sasaran:
            below = [*s.indikator, *(i for p in s.program for i in p.indikator)]
            below += [i for p in s.program for k in p.kegiatan for i in (*k.indikator, *(i for sub in k.rincian for i in sub.indikator))]
            for i in below:
                found[i.kode] = (s.sasaran.kode, s.sasaran.uraian)
    return found


def target_siklus(hasil: RekapIndikator) -> tuple[NilaiTriwulan, ...] | None:
    """The cycle's quarterly targets of one indicator, or None when it writes none."""
    tw = hasil.indikator.triwulan
    return tuple(tw.target) if tw is not None and tw.target is not None else None


def susun_rencana(rekap: Rekap, rencana: RencanaAksi) -> list[KelompokRencana]:
    """The plan's indicators grouped by sasaran in the cycle's order; an unknown kode is left out (reported when resolving)."""
    hasil = {i.kode: i for i in rekap.semua_indikator()}
    kelompok = kelompok_indikator(rekap)
    urutan = list(dict.fromkeys(kelompok.values()))
    rows: dict[tuple[str, str], list[BarisRencana]] = {key: [] for key in urutan}
    for entry in rencana.rencana:
        found = hasil.get(entry.indikator)
        if found is None:
            continue
        siklus = target_siklus(found)
        targets = siklus or tuple(entry.target_triwulan or (None,) * 4)
        rows[kelompok[found.kode]].append(BarisRencana(found, entry, targets, siklus is not None))
    return [KelompokRencana(kode, uraian, tuple(baris)) for (kode, uraian), baris in rows.items() if baris]


def _sama(a: NilaiTriwulan, b: NilaiTriwulan) -> bool:
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return a == b
    return a == b and type(a) is type(b)


def selisih_target(rekap: Rekap, rencana: RencanaAksi) -> list[SelisihTarget]:
    """Every quarterly target the plan writes that differs from the cycle's for the same quarter."""
    hasil = {i.kode: i for i in rekap.semua_indikator()}
    found: list[SelisihTarget] = []
    for index, entry in enumerate(rencana.rencana):
        siklus = target_siklus(hasil[entry.indikator]) if entry.indikator in hasil else None
        if siklus is None or entry.target_triwulan is None:
            continue
        found += [SelisihTarget(index, tw, a, b) for tw, (a, b) in enumerate(zip(entry.target_triwulan, siklus)) if not _sama(a, b)]
    return found
