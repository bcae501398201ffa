"""What the Rencana Aksi templates print that is not a field of the plan or the recap: the quarter rows and the schedule.

Every figure is the recap's (:mod:`sopgen.render.rekap_view` formats the quarters as the recap's
quarterly table does); only an indicator whose quarterly targets the plan writes itself gets its
targets from the plan, with no quarterly capaian (the recap computes none for it).
"""

from __future__ import annotations

from ..domain.rencana_aksi import BarisRencana
from ..models.blank import KOSONG
from ..models.rencana_aksi import ROMAWI, Aksi
from .format import angka_indikator, persen_capaian
from .rekap_view import BarisTriwulan, baris_triwulan


def baris_realisasi(baris: BarisRencana) -> list[BarisTriwulan]:
    """Target, realisasi and capaian per quarter and for the year, for one indicator of the plan."""
    hasil, ind = baris.hasil, baris.hasil.indikator
    if baris.dari_siklus:
        return baris_triwulan(hasil)
    realisasi_tw = tuple(ind.triwulan.realisasi) if ind.triwulan else (None,) * 4
    tahunan = angka_indikator(hasil.realisasi, ind)
    if hasil.catatan_realisasi and hasil.realisasi is not None:
        tahunan += f" ({hasil.catatan_realisasi})"
    return [
        BarisTriwulan("Target", tuple(angka_indikator(t, ind, KOSONG, "target") for t in baris.target_triwulan), angka_indikator(ind.target, ind, peran="target")),
        BarisTriwulan("Realisasi", tuple(angka_indikator(r, ind, KOSONG) for r in realisasi_tw), tahunan),
        BarisTriwulan("Capaian", (KOSONG,) * 4, "galat" if hasil.galat else persen_capaian(hasil.capaian, KOSONG)),
    ]


def jadwal(aksi: Aksi) -> str:
    """'TW I–IV', 'TW II, IV': the quarters an aksi runs in, as the plan's table prints them."""
    tw = aksi.triwulan
    if len(tw) > 2 and tw == list(range(tw[0], tw[-1] + 1)):
        return f"TW {ROMAWI[tw[0] - 1]}–{ROMAWI[tw[-1] - 1]}"
    return "TW " + ", ".join(ROMAWI[t - 1] for t in tw)


TIDAK_DIJADWALKAN = KOSONG
BELUM_DILAPORKAN = "belum dilaporkan"


def realisasi_aksi(aksi: Aksi, tw: int) -> str:
    """What was done in quarter ``tw`` (1–4): the text, 'belum dilaporkan' for a scheduled quarter without one, else '–'."""
    if tw in aksi.realisasi:
        return aksi.realisasi[tw]
    return BELUM_DILAPORKAN if tw in aksi.triwulan else TIDAK_DIJADWALKAN
