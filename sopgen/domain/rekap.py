"""The measurement recap of one cycle: every indicator scored, up to sasaran and tujuan, with budgets.

Pure: from a validated :class:`~sopgen.models.kinerja.Kinerja` (sheet values already merged) and
the site's policy to a tree of results that the recap page, the PDF, the XLSX/CSV export and the
Laporan Kinerja all print from, so the four can never disagree. A formula that cannot be applied
(a zero target on a positif indicator, a label not on the scale) does not stop the recap: the
indicator carries a :class:`Galat` naming the figure it was computed against, and the loader
reports it at that figure's line (or sheet cell). The year's capaian, each quarter's and the one
against the Renstra end target are scored apart, so a quarter that cannot be scored leaves the
year's capaian standing.

Rules stated here, on top of :mod:`sopgen.domain.capaian`:

* The year's realisasi is the ``realisasi`` written for the year; without one, the quarters
  combined by the indicator's rule (marked "s.d. TW n" while the year is incomplete).
* A quarter with a target (``triwulan.target``) is scored like the year: its realisasi against its
  target, with the indicator's formula and the site's policy (a zero target on a negatif
  indicator is "nihil"; on a positif one it cannot be scored). A quarter without a target has no
  capaian.
* A sasaran's capaian is the (weighted) mean of its indicators; a tujuan's is the mean of its
  sasaran; a program's and a kegiatan's capaian is the mean of their own indicators.
* Efisiensi of a program compares the program's capaian, or the sasaran's when the program has
  no indicator of its own, with the program's serapan.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal

from ..models.kinerja import Indikator, Kegiatan, Kinerja, Program, Rentang, Sasaran, SubKegiatan, Tujuan
from .agregasi import NAMA_TRIWULAN, Agregat, Anggota, AturanTriwulan, Gabungan, gabung_triwulan, rata_rata
from .anggaran import AturanEfisiensi, Efisiensi, Serapan, hitung_efisiensi, hitung_serapan, total_serapan
from .capaian import Capaian, CapaianError, KebijakanCapaian, Polaritas, Rumus, Target, hitung_capaian
from .riwayat import SiklusLalu, TahunIndikator, riwayat


@dataclass(frozen=True)
class Galat:
    """A capaian that could not be computed, and the figure of the indicator it concerns."""

    pesan: str
    letak: tuple[str | int, ...]
    """The figure's field path within the indicator: ``("target",)``, ``("triwulan", "target", 2)``."""
    terhadap: str = ""
    """Which capaian, for the reader: "" for the year's, "TW III", "target akhir Renstra"."""

    def __str__(self) -> str:
        return self.pesan


@dataclass(frozen=True)
class RekapIndikator:
    """One indicator, scored."""

    indikator: Indikator
    polaritas: Polaritas
    realisasi: Decimal | str | None
    """The year's value the capaian was computed from."""
    gabungan: Gabungan | None
    """Set when the year's value was combined from the quarters."""
    capaian: Capaian | None
    capaian_triwulan: tuple[Capaian | None, ...] = ()
    """TW I–IV against each quarter's target (None for a quarter without one); empty without quarterly targets."""
    capaian_renstra: Capaian | None = None
    """Against the Renstra end target: how far along the medium-term path the unit is."""
    galat: Galat | None = None
    """Why the year's capaian could not be computed (then ``capaian`` is None)."""
    galat_lain: tuple[Galat, ...] = ()
    """Quarters and the Renstra comparison that could not be scored; the year's capaian stands."""

    @property
    def semua_galat(self) -> tuple[Galat, ...]:
        return ((self.galat,) if self.galat else ()) + self.galat_lain

    def galat_triwulan(self, tw: int) -> Galat | None:
        """The problem of quarter ``tw`` (0-based), shown in its cell of the quarterly table."""
        return next((g for g in self.galat_lain if g.letak == ("triwulan", "target", tw)), None)

    @property
    def kode(self) -> str:
        return self.indikator.kode

    @property
    def realisasi_lalu(self) -> tuple[int, Decimal | str] | None:
        """The latest previous year with a realisasi, for the "vs last year" column."""
        earlier = sorted((t, v) for t, v in self.indikator.realisasi_lalu.items() if v is not None)
        return earlier[-1] if earlier else None

    @property
    def catatan_realisasi(self) -> str | None:
        return self.gabungan.catatan if self.gabungan else None


@dataclass(frozen=True)
class RekapAnggaran:
    """A kegiatan or sub kegiatan: its budget, its indicators, their mean capaian."""

    kode: str
    nama: str
    serapan: Serapan
    indikator: tuple[RekapIndikator, ...]
    capaian: Agregat
    rincian: tuple[RekapAnggaran, ...] = ()


@dataclass(frozen=True)
class RekapProgram:
    """A program: budget summed from its kegiatan, capaian, efisiensi."""

    program: Program
    indikator: tuple[RekapIndikator, ...]
    capaian: Agregat
    capaian_dari_sasaran: bool
    serapan: Serapan
    efisiensi: Efisiensi
    kegiatan: tuple[RekapAnggaran, ...]


@dataclass(frozen=True)
class RekapSasaran:
    sasaran: Sasaran
    indikator: tuple[RekapIndikator, ...]
    capaian: Agregat
    program: tuple[RekapProgram, ...]


@dataclass(frozen=True)
class RekapTujuan:
    tujuan: Tujuan
    indikator: tuple[RekapIndikator, ...]
    sasaran: tuple[RekapSasaran, ...]
    capaian: Agregat


@dataclass(frozen=True)
class Rekap:
    """The whole cycle."""

    kinerja: Kinerja
    policy: KebijakanCapaian
    efisiensi: AturanEfisiensi
    tujuan: tuple[RekapTujuan, ...]
    capaian: Agregat
    """Mean of the tujuan: one figure for the unit."""
    anggaran: Serapan
    """All programs together."""
    programs: tuple[RekapProgram, ...]
    """Every program of every sasaran, in kode order (7.01.01 before 7.01.02), as budget tables list them."""
    riwayat: Mapping[str, tuple[TahunIndikator, ...]] = field(default_factory=dict)
    """kode -> the indicator's recent years, oldest first, ending with this one (:mod:`.riwayat`)."""

    def semua_indikator(self) -> Iterator[RekapIndikator]:
        """Every indicator of every level, in document order."""
        for t in self.tujuan:
            yield from t.indikator
            for s in t.sasaran:
                yield from s.indikator
                for p in s.program:
                    yield from p.indikator
                    for k in p.kegiatan:
                        yield from k.indikator
                        for sub in k.rincian:
                            yield from sub.indikator

    def iku(self) -> Iterator[tuple[RekapSasaran, RekapIndikator]]:
        """The sasaran indicators (IKU): the rows of the main recap table."""
        for t in self.tujuan:
            for s in t.sasaran:
                for i in s.indikator:
                    yield s, i


def hitung_rekap(kinerja: Kinerja, policy: KebijakanCapaian, efisiensi: AturanEfisiensi, lalu: Mapping[int, SiklusLalu] | None = None) -> Rekap:
    """Score every indicator and roll the results up the plan; ``lalu``: the earlier cycles, by year."""
    tujuan = tuple(_tujuan(t, policy, efisiensi) for t in kinerja.tujuan)
    programs = tuple(sorted((p for t in tujuan for s in t.sasaran for p in s.program), key=lambda p: urutan_kode(p.program.kode)))
    capaian = rata_rata([Anggota(t.tujuan.kode, t.capaian.nilai) for t in tujuan], policy)
    anggaran = total_serapan([(p.program.kode, p.serapan) for p in programs], policy.decimals)
    rekap = Rekap(kinerja, policy, efisiensi, tujuan, capaian, anggaran, programs)
    years = {i.kode: riwayat(i.indikator, tahun_ini(rekap, i, None), lalu or {}) for i in rekap.semua_indikator()}
    return Rekap(kinerja, policy, efisiensi, tujuan, capaian, anggaran, programs, years)


def urutan_kode(kode: str) -> tuple[tuple[int, int, str], ...]:
    """A nomenclature kode as a sort key: numbers as numbers (7.01.2 before 7.01.10), other parts as text."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in kode.split("."))


def tahun_ini(rekap: Rekap, hasil: RekapIndikator, siklus: str | None) -> TahunIndikator:
    """The cycle's own year of one indicator, as a later cycle (or its own table) reads it."""
    return TahunIndikator(rekap.kinerja.tahun, hasil.indikator.target, hasil.realisasi, hasil.capaian, siklus)


def siklus_lalu(siklus: str, rekap: Rekap) -> SiklusLalu:
    """A scored cycle as the later cycles read it."""
    return SiklusLalu(siklus, rekap.kinerja.tahun, {i.kode: tahun_ini(rekap, i, siklus) for i in rekap.semua_indikator()})


def _tujuan(tujuan: Tujuan, policy: KebijakanCapaian, aturan: AturanEfisiensi) -> RekapTujuan:
    sasaran = tuple(_sasaran(s, policy, aturan) for s in tujuan.sasaran)
    capaian = rata_rata([Anggota(s.sasaran.kode, s.capaian.nilai) for s in sasaran], policy)
    return RekapTujuan(tujuan, _indikator_semua(tujuan.indikator, policy), sasaran, capaian)


def _sasaran(sasaran: Sasaran, policy: KebijakanCapaian, aturan: AturanEfisiensi) -> RekapSasaran:
    indikator = _indikator_semua(sasaran.indikator, policy)
    capaian = _rata_rata(indikator, policy)
    program = tuple(_program(p, capaian, policy, aturan) for p in sasaran.program)
    return RekapSasaran(sasaran, indikator, capaian, program)


def _program(program: Program, sasaran: Agregat, policy: KebijakanCapaian, aturan: AturanEfisiensi) -> RekapProgram:
    indikator = _indikator_semua(program.indikator, policy)
    kegiatan = tuple(_kegiatan(k, policy) for k in program.kegiatan)
    serapan = total_serapan([(k.kode, k.serapan) for k in kegiatan], policy.decimals)
    own = _rata_rata(indikator, policy)
    capaian = own if indikator else sasaran
    eff = hitung_efisiensi(capaian.nilai, serapan.nilai, aturan, policy.decimals)
    return RekapProgram(program, indikator, capaian, not indikator, serapan, eff, kegiatan)


def _kegiatan(kegiatan: Kegiatan, policy: KebijakanCapaian) -> RekapAnggaran:
    rincian = tuple(_sub(s, policy) for s in kegiatan.sub_kegiatan)
    if rincian:
        serapan = total_serapan([(r.kode, r.serapan) for r in rincian], policy.decimals)
    else:
        assert kegiatan.pagu is not None  # the model requires a pagu without sub kegiatan
        serapan = hitung_serapan(kegiatan.pagu, kegiatan.realisasi_anggaran, policy.decimals)
    indikator = _indikator_semua(kegiatan.indikator, policy)
    return RekapAnggaran(kegiatan.kode, kegiatan.nama, serapan, indikator, _rata_rata(indikator, policy), rincian)


def _sub(sub: SubKegiatan, policy: KebijakanCapaian) -> RekapAnggaran:
    indikator = _indikator_semua(sub.indikator, policy)
    serapan = hitung_serapan(sub.pagu, sub.realisasi_anggaran, policy.decimals)
    return RekapAnggaran(sub.kode, sub.nama, serapan, indikator, _rata_rata(indikator, policy))


def _rata_rata(indikator: tuple[RekapIndikator, ...], policy: KebijakanCapaian) -> Agregat:
    """Mean of the indicators' capaian; one that could not be computed counts as missing."""
    return rata_rata(
        [Anggota(i.kode, i.capaian.nilai if i.capaian else None, i.indikator.bobot) for i in indikator], policy
    )


def _indikator_semua(items: list[Indikator], policy: KebijakanCapaian) -> tuple[RekapIndikator, ...]:
    return tuple(hitung_indikator(i, policy) for i in items)


def hitung_indikator(indikator: Indikator, policy: KebijakanCapaian) -> RekapIndikator:
    """Score one indicator: the year's value, its capaian, per quarter, against the Renstra end."""
    polaritas = Polaritas(indikator.polaritas or Polaritas.POSITIF.value)

    def skor(target: Decimal | Rentang | str, realisasi: Decimal | str | None, letak: tuple[str | int, ...], terhadap: str = "") -> Capaian | Galat:
        try:
            return _skor(indikator, polaritas, _target(target), realisasi, policy)
        except CapaianError as exc:
            return Galat(str(exc), letak, terhadap)

    try:
        realisasi, gabungan = _realisasi_tahunan(indikator)
    except CapaianError as exc:
        return RekapIndikator(indikator, polaritas, None, None, None, galat=Galat(str(exc), ("triwulan", "realisasi")))
    if indikator.target is None:  # reported after the merge, where the target was to be written
        return RekapIndikator(indikator, polaritas, realisasi, gabungan, None, galat=Galat("target belum ada", ("target",)))
    tahunan = skor(indikator.target, realisasi, ("target",))
    per_tw = _per_triwulan(indikator, skor)
    akhir = indikator.target_akhir_renstra
    renstra = skor(akhir, realisasi, ("target_akhir_renstra",), "target akhir Renstra") if akhir is not None else None
    return RekapIndikator(
        indikator, polaritas, realisasi, gabungan, _dihitung(tahunan), tuple(_dihitung(c) for c in per_tw), _dihitung(renstra),
        galat=tahunan if isinstance(tahunan, Galat) else None,
        galat_lain=tuple(g for g in (*per_tw, renstra) if isinstance(g, Galat)),
    )


def _dihitung(hasil: Capaian | Galat | None) -> Capaian | None:
    return hasil if isinstance(hasil, Capaian) else None


def _realisasi_tahunan(indikator: Indikator) -> tuple[Decimal | str | None, Gabungan | None]:
    """The year's realisasi as written, else combined from the quarters by the indicator's rule."""
    if indikator.realisasi is not None or indikator.triwulan is None:
        return indikator.realisasi, None
    gabungan = gabung_triwulan(indikator.triwulan.realisasi, AturanTriwulan(indikator.triwulan.aturan))
    return gabungan.nilai, gabungan


def _per_triwulan(indikator: Indikator, skor: Callable[..., Capaian | Galat]) -> tuple[Capaian | Galat | None, ...]:
    """Each quarter's realisasi against its own target; a quarter without a target is not scored."""
    tw = indikator.triwulan
    if tw is None or tw.target is None:
        return ()
    return tuple(
        skor(t, r, ("triwulan", "target", i), NAMA_TRIWULAN[i]) if t is not None else None
        for i, (t, r) in enumerate(zip(tw.target, tw.realisasi))
    )


def _skor(indikator: Indikator, polaritas: Polaritas, target: Target, realisasi: Decimal | str | None, policy: KebijakanCapaian) -> Capaian:
    rumus = Rumus(indikator.rumus) if indikator.rumus else None
    if indikator.desimal_capaian is not None:
        policy = replace(policy, decimals=indikator.desimal_capaian)
    return hitung_capaian(polaritas, target, realisasi, policy, rumus=rumus, skala=indikator.skala)


def _target(target: Decimal | Rentang | str) -> Target:
    """The model's target (a number, a band, a label) in the domain's shape."""
    if isinstance(target, Rentang):
        return (target.bawah, target.atas)
    return target
