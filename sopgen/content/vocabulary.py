"""The words of the Laporan Kinerja's ``{{ }}`` directives, each declared once.

One entry says everything about a word: the kinds of kode it accepts (checked by
:func:`sopgen.content.directives.check` before anything is rendered), its default caption, and
what it prints, read from the recap. Adding a value, a table or a chart is one entry here (a
table also needs its macro in the theme's ``laporan_tabel.html``).

The entries print through the render layer's formatters and charts, which reach them as
arguments (:class:`Printer`, :class:`Charts`): this module stays below ``render/``, so the lint
can check the same entries the report is rendered from.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from ..domain.capaian import Dibulatkan, rumus_dari
from ..domain.rekap import Rekap, RekapAnggaran, RekapIndikator, RekapProgram, RekapSasaran, RekapTujuan
from ..models.blank import BELUM_TERSEDIA
from ..models.kinerja import Indikator, PeranAngka, PeriodeRenstra
from ..models.laporan import StandarNasional

INDIKATOR = ("indikator",)
CAPAIAN = ("indikator", "sasaran", "tujuan", "")
ANGGARAN = ("program", "kegiatan", "")
SASARAN = ("sasaran", "")
UNIT = ("",)
"""Kinds of kode a word accepts; "" = no kode, the whole unit."""


class Printer(Protocol):
    """How figures are printed: :mod:`sopgen.render.format`."""

    def nilai_indikator(self, value: Any, indikator: Indikator, peran: PeranAngka = "realisasi") -> str: ...
    def persen_capaian(self, nilai: Any) -> str: ...
    def persen(self, value: Decimal, digits: int) -> str: ...
    def rupiah(self, value: Decimal | None) -> str: ...


class Charts(Protocol):
    """How the recap's charts are drawn: :mod:`sopgen.render.rekap_view`."""

    def grafik_target_realisasi(self, indikator: list[RekapIndikator], judul: str) -> str: ...
    def grafik_tren(self, hasil: RekapIndikator, tahun: int, renstra: PeriodeRenstra | None) -> str | None: ...


@dataclass(frozen=True)
class ValueInput:
    """What a value reads: the recap's entry for the kode (the recap itself without one), and how to print."""

    entri: Any
    rekap: Rekap
    tahun: int | None
    """The year written after an indicator (``{{ realisasi IKU-1.1 2023 }}``), if any."""
    standar: Mapping[str, StandarNasional]
    f: Printer


@dataclass(frozen=True)
class Value:
    """A value bound inside a sentence."""

    kinds: tuple[str, ...]
    text: Callable[[ValueInput], str]
    year: bool = False
    """Takes a year after the kode, for the comparison with earlier years."""
    standar: bool = False
    """Its indicator must have a national standard in laporan.yaml."""


@dataclass(frozen=True)
class BlockInput:
    """What a generated table or chart shows: the kode's entry, the sasaran it covers, the cycle."""

    kode: str | None
    entri: Any
    sasaran: list[RekapSasaran]
    rekap: Rekap
    pembanding: list[int]
    """The earlier years the comparison table shows."""

    @property
    def tahun(self) -> int:
        return self.rekap.kinerja.tahun

    @property
    def nama(self) -> str:
        """'Sasaran S1.1', or 'Sasaran Strategis' for a table over every sasaran."""
        return f"Sasaran {self.kode}" if self.kode else "Sasaran Strategis"


@dataclass(frozen=True)
class Table:
    """A generated table, numbered as a table."""

    kinds: tuple[str, ...]
    judul: Callable[[BlockInput], str]
    rekap_macro: str = ""
    """Drawn by this macro of ``recap_tables.html``, as the recap page shows it; else by the
    ``tabel_<word>`` macro of ``laporan_tabel.html``."""
    asal: bool = False
    """The recap macro shows where each realisasi came from."""


@dataclass(frozen=True)
class Chart:
    """A generated chart (the recap's SVG), numbered as a figure."""

    kinds: tuple[str, ...]
    judul: Callable[[BlockInput], str]
    svg: Callable[[BlockInput, Charts, str], str | None]
    """The chart, given its caption; None when there is nothing to draw."""
    kosong: str = ""
    """Printed instead of a chart that has nothing to draw."""


def _realisasi(v: ValueInput) -> str:
    ind = v.entri.indikator
    if v.tahun is not None and v.tahun != v.rekap.kinerja.tahun:
        return v.f.nilai_indikator(ind.realisasi_lalu.get(v.tahun), ind)
    text = v.f.nilai_indikator(v.entri.realisasi, ind)
    partial = v.entri.catatan_realisasi if v.entri.realisasi is not None else None
    return f"{text} ({partial})" if partial else text


def _nama(entri: RekapIndikator | RekapSasaran | RekapTujuan | RekapProgram | RekapAnggaran) -> str:
    if isinstance(entri, RekapIndikator):
        return entri.indikator.nama
    if isinstance(entri, RekapSasaran):
        return entri.sasaran.uraian
    if isinstance(entri, RekapTujuan):
        return entri.tujuan.uraian
    return entri.program.nama if isinstance(entri, RekapProgram) else entri.nama


def _serapan(entri: Rekap | RekapProgram | RekapAnggaran) -> Any:
    return entri.anggaran if isinstance(entri, Rekap) else entri.serapan


def _batas_atas(v: ValueInput) -> str:
    cap, policy = v.rekap.policy.cap, v.rekap.policy
    return "tidak dibatasi" if cap is None else v.f.persen(cap, 0 if cap == cap.to_integral_value() else policy.decimals)


def _jumlah_indikator(v: ValueInput) -> str:
    return str(len(v.entri.indikator) if isinstance(v.entri, RekapSasaran) else sum(1 for _ in v.rekap.iku()))


MELAMPAUI, MENCAPAI, BELUM_MENCAPAI = "melampaui target", "mencapai target", "belum mencapai target"
BELUM_DIUKUR = "belum dapat diukur"


def status_capaian(capaian: Dibulatkan | None) -> str:
    """The narrative's qualitative sentence about a capaian, read from the printed figure as the predikat
    is: a capaian printed 100,00% 'mencapai target' even when its unrounded value is 99,996."""
    bulat = capaian.bulat if capaian is not None else None
    if bulat is None:
        return BELUM_DIUKUR
    return MELAMPAUI if bulat > 100 else MENCAPAI if bulat == 100 else BELUM_MENCAPAI


def _indikator(v: ValueInput, value: Callable[[Indikator], Any], peran: PeranAngka = "target") -> str:
    """A value of the indicator itself (a target, a standard) printed with its unit."""
    return v.f.nilai_indikator(value(v.entri.indikator), v.entri.indikator, peran)


NILAI: dict[str, Value] = {
    "target": Value(INDIKATOR, lambda v: _indikator(v, lambda i: i.target)),
    "realisasi": Value(INDIKATOR, _realisasi, year=True),
    "capaian": Value(CAPAIAN, lambda v: v.f.persen_capaian(v.entri.capaian)),
    "predikat": Value(CAPAIAN, lambda v: (v.entri.capaian.predikat if v.entri.capaian else None) or BELUM_TERSEDIA),
    "status": Value(CAPAIAN, lambda v: status_capaian(v.entri.capaian)),
    "satuan": Value(INDIKATOR, lambda v: v.entri.indikator.satuan),
    "rumus": Value(INDIKATOR, lambda v: v.entri.capaian.rumus if v.entri.capaian else rumus_dari(v.entri.polaritas.value, v.entri.indikator.rumus).teks),
    "nama": Value(("indikator", "sasaran", "tujuan", "program", "kegiatan"), lambda v: _nama(v.entri)),
    "target-renstra": Value(INDIKATOR, lambda v: _indikator(v, lambda i: i.target_renstra)),
    "target-akhir-renstra": Value(INDIKATOR, lambda v: _indikator(v, lambda i: i.target_akhir_renstra)),
    "capaian-akhir-renstra": Value(INDIKATOR, lambda v: v.f.persen_capaian(v.entri.capaian_renstra)),
    "standar-nasional": Value(INDIKATOR, lambda v: _indikator(v, lambda i: v.standar[i.kode].nilai, "realisasi"), standar=True),
    "pagu": Value(ANGGARAN, lambda v: v.f.rupiah(_serapan(v.entri).pagu)),
    "realisasi-anggaran": Value(ANGGARAN, lambda v: v.f.rupiah(_serapan(v.entri).realisasi)),
    "serapan": Value(ANGGARAN, lambda v: v.f.persen_capaian(_serapan(v.entri))),
    "efisiensi": Value(("program",), lambda v: v.entri.efisiensi.kategori or BELUM_TERSEDIA),
    "jumlah-indikator": Value(SASARAN, _jumlah_indikator),
    "tahun": Value(UNIT, lambda v: str(v.rekap.kinerja.tahun)),
    "batas-atas": Value(UNIT, _batas_atas),
}
"""Single values bound inside a sentence, e.g. ``{{ capaian IKU-1.1 }}``."""

TABEL: dict[str, Table] = {
    "perjanjian-kinerja": Table(UNIT, lambda b: f"Perjanjian Kinerja Tahun {b.tahun}"),
    "ringkasan": Table(UNIT, lambda b: f"Ringkasan Capaian Kinerja per Sasaran Strategis Tahun {b.tahun}"),
    "capaian": Table(SASARAN, lambda b: f"Capaian Kinerja {b.nama} Tahun {b.tahun}"),
    "perbandingan": Table(SASARAN, lambda b: f"Realisasi Indikator {b.nama} Tahun {b.pembanding[0] if b.pembanding else b.tahun}–{b.tahun}"),
    "renstra": Table(SASARAN, lambda b: f"Realisasi Indikator {b.nama} terhadap Target Akhir Renstra"),
    "standar-nasional": Table(SASARAN, lambda b: f"Realisasi Indikator {b.nama} terhadap Standar Nasional"),
    "efisiensi": Table(SASARAN, lambda b: f"Efisiensi Penggunaan Anggaran {b.nama}"),
    "program": Table(SASARAN, lambda b: f"Program dan Kegiatan Pendukung {b.nama}"),
    "anggaran": Table(UNIT, lambda b: f"Realisasi Anggaran dan Efisiensi per Program dan Kegiatan Tahun {b.tahun}", "tabel_anggaran"),
    "pengukuran": Table(UNIT, lambda b: f"Pengukuran Kinerja Sasaran Strategis Tahun {b.tahun}", "tabel_capaian", asal=True),
    "capaian-program": Table(UNIT, lambda b: f"Capaian Indikator Program, Kegiatan dan Sub Kegiatan Tahun {b.tahun}", "tabel_capaian_program", asal=True),
    "tahunan": Table(UNIT, lambda b: f"Target, Realisasi dan Capaian Indikator Kinerja Sasaran per Tahun sampai {b.tahun}", "tabel_tahunan"),
    "triwulan": Table(UNIT, lambda b: f"Target, Realisasi dan Capaian Indikator per Triwulan Tahun {b.tahun}", "tabel_triwulan"),
}
"""Generated tables, ``{{ tabel capaian S1.1 }}``; the kode narrows one to a sasaran."""

GRAFIK: dict[str, Chart] = {
    "capaian": Chart(
        SASARAN,
        lambda b: f"Target dan Realisasi Indikator Sasaran {b.kode}" if b.kode else "Target dan Realisasi Indikator Kinerja Utama",
        lambda b, charts, judul: charts.grafik_target_realisasi([i for s in b.sasaran for i in s.indikator], judul),
    ),
    "tren": Chart(
        INDIKATOR,
        lambda b: f"Tren Realisasi {b.entri.kode} {b.entri.indikator.nama}",
        lambda b, charts, judul: charts.grafik_tren(b.entri, b.tahun, b.rekap.kinerja.renstra),
        kosong="Tidak ada realisasi tahun-tahun sebelumnya yang dapat digambarkan.",
    ),
}
"""Generated charts, ``{{ grafik capaian S1.1 }}``."""
