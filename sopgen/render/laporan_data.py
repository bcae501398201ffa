"""The recap, as the Laporan Kinerja's narrative sees it: values, tables and charts by kode.

Nothing is computed here. Every number comes from the :class:`~sopgen.domain.rekap.Rekap` that
the recap page prints (capaian, predikat, serapan, efisiensi, the Renstra comparison, the change
since last year), printed with the recap's own formatting (:mod:`.format`) and drawn with
its own charts (:mod:`.rekap_view`), so a sentence of the report and a row of the recap always
show the same digits. What each directive word prints is declared once, in
:mod:`sopgen.content.vocabulary`; this module hands its entries the recap and the printers.
The only comparison the recap does not hold, against a national standard that the report
names, is scored with the recap's formula of that indicator.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from jinja2 import Environment
from markupsafe import Markup

from ..content.directives import katalog_rekap
from ..content.kinerja import Siklus
from ..content.laporan import capaian_standar
from ..content.vocabulary import GRAFIK, NILAI, TABEL, BlockInput, ValueInput
from ..domain.agregasi import Agregat
from ..domain.capaian import Capaian
from ..domain.rekap import RekapIndikator, RekapSasaran
from ..models.blank import KOSONG
from ..models.laporan import StandarNasional
from ..models.site import SiteConfig
from . import format as printer
from . import rekap_view as view
from .format import persen_capaian
from .markdown_data import Generated
from .rekap import asal_realisasi

TABLES = "laporan_tabel.html"
"""The theme template whose macros draw the report's per-sasaran tables (``tabel_<jenis>``)."""
REKAP_TABLES = "recap_tables.html"
"""The recap's own table macros, printed as they are for the tables that cover the whole cycle."""


@dataclass(frozen=True)
class Perbandingan:
    """One indicator against a national standard, scored with the indicator's own formula."""

    indikator: RekapIndikator
    standar: StandarNasional
    capaian: Capaian | None


class RekapSource:
    """Answers the report's directives from one cycle's recap (a ``DataSource``)."""

    def __init__(self, siklus: Siklus, env: Environment, site: SiteConfig, standar: Mapping[str, StandarNasional]):
        rekap = self.rekap = siklus.rekap
        self.siklus = siklus
        self.standar = standar
        self.macros = env.get_template(TABLES).module
        self.rekap_macros = env.get_template(REKAP_TABLES).make_module({"view": view, "site": site})
        self.entri = katalog_rekap(rekap).entri
        self.sasaran = {s.sasaran.kode: s for t in rekap.tujuan for s in t.sasaran}
        self.pembanding = view.tahun_pembanding(rekap)
        self.tahun_perbandingan = [*self.pembanding, rekap.kinerja.tahun]
        """The years of the comparison table: the earlier ones the recap compares, then this one."""

    def nilai(self, kata: str, kode: str | None, tahun: int | None) -> str:
        entri = self.rekap if kode is None else self.entri[kode]
        return NILAI[kata].text(ValueInput(entri, self.rekap, tahun, self.standar, printer))

    def tabel(self, jenis: str, kode: str | None) -> Generated:
        spec, block = TABEL[jenis], self._block(kode)
        judul = spec.judul(block)
        if spec.rekap_macro:
            asal = {"asal": lambda hasil: asal_realisasi(self.siklus, hasil)} if spec.asal else {}
            return Generated(judul, Markup(getattr(self.rekap_macros, spec.rekap_macro)(self.rekap, **asal)))
        macro = getattr(self.macros, "tabel_" + jenis.replace("-", "_"))
        return Generated(judul, Markup(macro(sasaran=block.sasaran, rekap=self.rekap, src=self)))

    def grafik(self, jenis: str, kode: str | None) -> Generated:
        spec, block = GRAFIK[jenis], self._block(kode)
        judul = spec.judul(block)
        svg = spec.svg(block, view, judul)
        return Generated(judul, Markup('<p class="catatan-tabel">{}</p>').format(spec.kosong) if svg is None else Markup(svg))

    def _block(self, kode: str | None) -> BlockInput:
        """A table or chart of one sasaran (or of the kode's indicator), or of every sasaran without a kode."""
        if kode is None:
            return BlockInput(None, self.rekap, list(self.sasaran.values()), self.rekap, self.pembanding)
        sasaran = [self.sasaran[kode]] if kode in self.sasaran else []
        return BlockInput(kode, self.entri[kode], sasaran, self.rekap, self.pembanding)

    # --- what the table macros ask -------------------------------------------------------

    def perubahan(self, hasil: RekapIndikator) -> view.Perubahan:
        return view.perubahan(hasil)

    def catatan_capaian(self, sasaran: list[RekapSasaran]) -> list[str]:
        """The recap's notes under a capaian table: policy adjustments, indicators left out of a mean."""
        notes = [f"{i.kode}: {c}" for s in sasaran for i in s.indikator if i.capaian and i.capaian.tersedia for c in i.capaian.catatan]
        return notes + [s.capaian.catatan for s in sasaran if s.capaian.catatan]

    def capaian_anggaran(self, nilai: Agregat) -> str:
        """A kegiatan's capaian, or '–' when it has no indicator of its own."""
        return persen_capaian(nilai) if nilai.dihitung or nilai.dikecualikan else KOSONG

    def perbandingan_standar(self, sasaran: list[RekapSasaran]) -> list[Perbandingan]:
        """The rows of the national-standard table: each indicator with a standard, scored against it."""
        return [
            Perbandingan(i, self.standar[i.kode], capaian_standar(i, self.standar[i.kode], self.rekap.policy))
            for s in sasaran for i in s.indikator if i.kode in self.standar
        ]

