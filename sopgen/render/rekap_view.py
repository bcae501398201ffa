"""What the recap templates print that is not a field of the recap itself: charts and comparisons.

Public so the Laporan Kinerja draws the same charts and comparison rows as the recap page.
Nothing here computes a capaian; it reads :class:`~sopgen.domain.rekap.Rekap`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from ..domain.capaian import Polaritas
from ..domain.rekap import Rekap, RekapIndikator, RekapProgram
from ..domain.rekonsiliasi import Selisih, rekonsiliasi
from ..domain.riwayat import TAHUN_RIWAYAT, TahunIndikator
from ..models.blank import KOSONG
from ..models.kinerja import PeriodeRenstra, Rentang
from . import charts
from .format import angka, angka_indikator, persen_capaian


def bar_row(hasil: RekapIndikator) -> charts.BarRow:
    """One indicator as a bar chart row; kualitatif and rentang targets are written, not drawn."""
    ind = hasil.indikator
    label = f"{ind.kode} {ind.nama}"
    if isinstance(ind.target, Decimal):
        realisasi = hasil.realisasi if isinstance(hasil.realisasi, Decimal) else None
        return charts.BarRow(label, ind.satuan, ind.target, realisasi, ind.desimal, makin_rendah=hasil.polaritas is Polaritas.NEGATIF)
    target = angka_indikator(ind.target, ind, peran="target")
    tertulis = angka_indikator(hasil.realisasi, ind)
    jenis = "rentang" if isinstance(ind.target, Rentang) else "skala"
    return charts.BarRow(label, ind.satuan, None, None, ind.desimal, note=f"{jenis}: target {target}, realisasi {tertulis}")


def grafik_target_realisasi(indikator: Iterable[RekapIndikator], judul: str) -> str:
    """Target vs realisasi bars for the given indicators (e.g. one sasaran's, or every IKU)."""
    return charts.target_realisasi_chart([bar_row(i) for i in indikator], judul)


def grafik_tren(hasil: RekapIndikator, tahun: int, renstra: PeriodeRenstra | None) -> str | None:
    """Realisasi over the years, with this year's target and the Renstra end target; None without history."""
    ind = hasil.indikator
    lalu = {t: v for t, v in ind.realisasi_lalu.items() if isinstance(v, Decimal)}
    if not lalu or not isinstance(ind.target, Decimal):
        return None
    points = [charts.TrendPoint(t, v) for t, v in sorted(lalu.items())]
    realisasi = hasil.realisasi if isinstance(hasil.realisasi, Decimal) else None
    points.append(charts.TrendPoint(tahun, realisasi, ind.target))
    akhir = ind.target_akhir_renstra
    marker = (renstra.akhir, akhir) if renstra and isinstance(akhir, Decimal) else None
    return charts.trend_chart(points, f"{ind.kode} {ind.nama}", ind.satuan, renstra=marker, digits=ind.desimal)


@dataclass(frozen=True)
class Perubahan:
    """This year against the latest earlier year: the difference and whether it is better."""

    selisih: Decimal | None
    arah: str
    """'membaik', 'memburuk', 'tetap', or '–' when it cannot be said (labels, no history)."""


def perubahan(hasil: RekapIndikator) -> Perubahan:
    """Better or worse than last year, read through the polaritas (fewer complaints is better)."""
    lalu = hasil.realisasi_lalu
    now = hasil.realisasi
    if lalu is None or not isinstance(now, Decimal) or not isinstance(lalu[1], Decimal):
        return Perubahan(None, KOSONG)
    selisih = now - lalu[1]
    if hasil.polaritas not in (Polaritas.POSITIF, Polaritas.NEGATIF):
        return Perubahan(selisih, KOSONG)
    if selisih == 0:
        return Perubahan(selisih, "tetap")
    better = (selisih > 0) == (hasil.polaritas is Polaritas.POSITIF)
    return Perubahan(selisih, "membaik" if better else "memburuk")


def tahun_pembanding(rekap: Rekap) -> list[int]:
    """The earlier years shown in the comparison table: the latest ones any IKU reports."""
    years = {t for _, i in rekap.iku() for t, v in i.indikator.realisasi_lalu.items() if v is not None}
    return sorted(t for t in years if t < rekap.kinerja.tahun)[-TAHUN_RIWAYAT:]


def tahun_riwayat(rekap: Rekap) -> list[int]:
    """The years of the side-by-side table: the earlier ones any IKU has, then the cycle's."""
    years = {y.tahun for _, i in rekap.iku() for y in rekap.riwayat.get(i.kode, ())}
    return sorted(years)[-(TAHUN_RIWAYAT + 1):]


def riwayat_indikator(rekap: Rekap, hasil: RekapIndikator) -> dict[int, TahunIndikator]:
    """One indicator's years, by year, for its row of the side-by-side table."""
    return {y.tahun: y for y in rekap.riwayat.get(hasil.kode, ())}


def tercetak(rekap: Rekap) -> list[RekapIndikator]:
    """Indicators carrying the capaian an existing document printed (the reviu table is shown when any does)."""
    return [i for i in rekap.semua_indikator() if i.indikator.capaian_tercetak is not None]


def reviu(rekap: Rekap) -> list[Selisih]:
    """The rows of the reviu table: printed capaian the declared formula does not give, with the causes."""
    return rekonsiliasi(rekap, angka)


def dengan_triwulan(rekap: Rekap) -> list[RekapIndikator]:
    """Indicators measured quarterly, for the quarterly table."""
    return [i for i in rekap.semua_indikator() if i.indikator.triwulan is not None]


@dataclass(frozen=True)
class BarisTriwulan:
    """One row of an indicator in the quarterly table: TW I–IV and the year, as printed."""

    label: str
    """'Target', 'Realisasi' or 'Capaian'."""
    triwulan: tuple[str, ...]
    tahunan: str


def baris_triwulan(hasil: RekapIndikator) -> list[BarisTriwulan]:
    """Target, realisasi and capaian per quarter; only the realisasi when no quarter has a target.

    The "Tahunan" column holds the year's own figures (Perjanjian Kinerja target, the year's
    realisasi and capaian), so a reader sees each quarter beside the year it contributes to.
    """
    ind = hasil.indikator
    assert ind.triwulan is not None  # dengan_triwulan chose it
    tahunan = angka_indikator(hasil.realisasi, ind)
    if hasil.catatan_realisasi and hasil.realisasi is not None:
        tahunan += f" ({hasil.catatan_realisasi})"
    realisasi = BarisTriwulan("Realisasi", tuple(angka_indikator(r, ind, KOSONG) for r in ind.triwulan.realisasi), tahunan)
    if ind.triwulan.target is None:
        return [realisasi]
    target = BarisTriwulan("Target", tuple(angka_indikator(t, ind, KOSONG, "target") for t in ind.triwulan.target), angka_indikator(ind.target, ind, peran="target"))
    capaian = BarisTriwulan(
        "Capaian",
        tuple("galat" if hasil.galat_triwulan(tw) else persen_capaian(c, KOSONG) for tw, c in enumerate(hasil.capaian_triwulan)),
        "galat" if hasil.galat else persen_capaian(hasil.capaian, KOSONG),
    )
    return [target, realisasi, capaian]


def ada_target_triwulan(rekap: Rekap) -> bool:
    """Whether any quarterly indicator has quarterly targets (the table then explains its capaian)."""
    return any(i.indikator.triwulan is not None and i.indikator.triwulan.target is not None for i in rekap.semua_indikator())


def program_berindikator(rekap: Rekap) -> list[RekapProgram]:
    """Programs with an indicator at any level below them, for the program indicator table."""
    return [
        p for p in rekap.programs
        if p.indikator or any(k.indikator or any(s.indikator for s in k.rincian) for k in p.kegiatan)
    ]
