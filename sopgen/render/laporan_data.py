"""The recap, as the Laporan Kinerja's narrative sees it: values, tables and charts by kode.

Nothing is computed here. Every number comes from the :class:`~sopgen.domain.rekap.Rekap` that
the recap page prints (capaian, predikat, serapan, efisiensi, the Renstra comparison), and is
printed with the recap's own formatting, so a sentence of the report and a row of the recap
always show the same digits. The only comparison the recap does not hold, against a national
standard the report names, is scored with the recap's own formula for that indicator.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Iterator

from jinja2 import Environment
from markupsafe import Markup

from ..content.directives import katalog_rekap
from ..domain.agregasi import Agregat
from ..domain.capaian import Capaian, Rumus, hitung_capaian
from ..domain.rekap import Rekap, RekapAnggaran, RekapIndikator, RekapProgram, RekapSasaran
from ..models.kinerja import Indikator, Rentang
from ..models.laporan import StandarNasional
from . import charts
from .format import persen, rupiah
from .markdown_data import Generated

BELUM = "belum tersedia"
TABLES = "laporan_tabel.html"


def nilai_indikator(value: Any, indikator: Indikator) -> str:
    """A target or realisasi as the recap prints it: '97,13%', '15 pengaduan', 'BB', '80–90%'."""
    if value is None:
        return BELUM
    if isinstance(value, Rentang):
        return f"{charts.angka_label(value.bawah, indikator.desimal)}–{charts.with_unit(value.atas, indikator.satuan, indikator.desimal)}"
    if isinstance(value, Decimal):
        return charts.with_unit(value, indikator.satuan, indikator.desimal)
    return str(value)


def persen_capaian(nilai: Capaian | Agregat | None) -> str:
    """'98,50%' from the value rounded once (the recap's ``bulat``); 'belum tersedia' without one."""
    if nilai is None or nilai.bulat is None:
        return BELUM
    return persen(nilai.bulat, nilai.decimals)


@dataclass(frozen=True)
class Perbandingan:
    """One indicator against a national standard, scored with the indicator's own formula."""

    indikator: RekapIndikator
    standar: StandarNasional
    capaian: Capaian | None


class RekapSource:
    """Answers the report's directives from one cycle's recap (implements ``DataSource``)."""

    def __init__(self, rekap: Rekap, env: Environment, standar: dict[str, StandarNasional]):
        self.rekap = rekap
        self.standar = standar
        self.macros = env.get_template(TABLES).module
        self.tujuan = {t.tujuan.kode: t for t in rekap.tujuan}
        self.sasaran = {s.sasaran.kode: s for t in rekap.tujuan for s in t.sasaran}
        self.indikator = {i.kode: i for i in rekap.semua_indikator()}
        self.program = {p.program.kode: p for p in rekap.programs}
        self.kegiatan = {k.kode: k for k in _kegiatan(rekap.programs)}

    # --- values in sentences -------------------------------------------------------------

    def nilai(self, kata: str, kode: str | None, tahun: int | None) -> str:
        if kata == "tahun":
            return str(self.rekap.kinerja.tahun)
        if kata in {"pagu", "realisasi-anggaran", "serapan", "efisiensi"}:
            return self._anggaran(kata, kode)
        if kata == "jumlah-indikator":
            return str(len(self.sasaran[kode].indikator) if kode else sum(1 for _ in self.rekap.iku()))
        if kata == "nama":
            return self._nama(kode or "")
        if kode in self.indikator:
            return self._indikator(kata, self.indikator[kode], tahun)
        agregat = self._agregat(kode)
        return persen_capaian(agregat) if kata == "capaian" else (agregat.predikat or BELUM)

    def _indikator(self, kata: str, rekap: RekapIndikator, tahun: int | None) -> str:
        ind = rekap.indikator
        if kata == "target":
            return nilai_indikator(ind.target, ind)
        if kata == "target-renstra":
            return nilai_indikator(ind.target_akhir_renstra, ind)
        if kata == "satuan":
            return ind.satuan
        if kata == "realisasi":
            if tahun is not None and tahun != self.rekap.kinerja.tahun:
                return nilai_indikator(ind.realisasi_lalu.get(tahun), ind)
            text = nilai_indikator(rekap.realisasi, ind)
            return f"{text} ({rekap.catatan_realisasi})" if rekap.catatan_realisasi and rekap.realisasi is not None else text
        if kata == "capaian":
            return persen_capaian(rekap.capaian)
        return (rekap.capaian.predikat if rekap.capaian else None) or BELUM

    def _agregat(self, kode: str | None) -> Agregat:
        if kode is None:
            return self.rekap.capaian
        return (self.sasaran.get(kode) or self.tujuan[kode]).capaian

    def _anggaran(self, kata: str, kode: str | None) -> str:
        if kata == "efisiensi":
            eff = self.program[kode or ""].efisiensi
            return eff.kategori or BELUM
        serapan = self.rekap.anggaran if kode is None else (self.program[kode].serapan if kode in self.program else self.kegiatan[kode].serapan)
        if kata == "pagu":
            return rupiah(serapan.pagu)
        if kata == "realisasi-anggaran":
            return rupiah(serapan.realisasi, BELUM)
        return persen(serapan.bulat, serapan.decimals)

    def _nama(self, kode: str) -> str:
        if kode in self.indikator:
            return self.indikator[kode].indikator.nama
        if kode in self.sasaran:
            return self.sasaran[kode].sasaran.uraian
        if kode in self.tujuan:
            return self.tujuan[kode].tujuan.uraian
        return self.program[kode].program.nama if kode in self.program else self.kegiatan[kode].nama

    # --- tables and charts ----------------------------------------------------------------

    def tabel(self, jenis: str, kode: str | None) -> Generated:
        sasaran = [self.sasaran[kode]] if kode else list(self.sasaran.values())
        suffix = f" {sasaran[0].sasaran.kode}" if kode else ""
        tahun = self.rekap.kinerja.tahun
        titles = {
            "perjanjian-kinerja": f"Perjanjian Kinerja Tahun {tahun}",
            "capaian": f"Capaian Kinerja Sasaran{suffix or ' Strategis'} Tahun {tahun}",
            "perbandingan": f"Realisasi Indikator Sasaran{suffix} Tahun {self._years()[0]}–{tahun}",
            "renstra": f"Realisasi Indikator Sasaran{suffix} terhadap Target Akhir Renstra",
            "standar-nasional": f"Realisasi Indikator Sasaran{suffix} terhadap Standar Nasional",
            "efisiensi": f"Efisiensi Penggunaan Sumber Daya Sasaran{suffix}",
            "program": f"Program dan Kegiatan Pendukung Sasaran{suffix}",
            "anggaran": f"Realisasi Anggaran per Program dan Kegiatan Tahun {tahun}",
        }
        macro = getattr(self.macros, "tabel_" + jenis.replace("-", "_"))
        data: dict[str, Any] = {"sasaran": sasaran, "rekap": self.rekap}
        if jenis == "perbandingan":
            data["tahun"] = self._years()
        if jenis == "standar-nasional":
            data["baris"] = self._standar(sasaran)
        if jenis == "anggaran":
            data["program"] = list(self.rekap.programs)
        return Generated(titles[jenis], Markup(macro(**data, src=self)))

    def grafik(self, jenis: str, kode: str | None) -> Generated:
        if jenis == "tren":
            rekap = self.indikator[kode or ""]
            ind = rekap.indikator
            title = f"Tren Realisasi {ind.kode} {ind.nama}"
            points = [charts.TrendPoint(t, v if isinstance(v, Decimal) else None) for t, v in sorted(ind.realisasi_lalu.items())]
            points.append(charts.TrendPoint(self.rekap.kinerja.tahun, rekap.realisasi if isinstance(rekap.realisasi, Decimal) else None, ind.target if isinstance(ind.target, Decimal) else None))
            renstra = self.rekap.kinerja.renstra
            akhir = (renstra.akhir, ind.target_akhir_renstra) if renstra and isinstance(ind.target_akhir_renstra, Decimal) else None
            return Generated(title, Markup(charts.trend_chart(points, title, ind.satuan, renstra=akhir, digits=ind.desimal)))
        sasaran = [self.sasaran[kode]] if kode else list(self.sasaran.values())
        title = f"Target dan Realisasi Indikator Sasaran {kode}" if kode else "Target dan Realisasi Indikator Kinerja Utama"
        rows = [_bar(i) for s in sasaran for i in s.indikator]
        return Generated(title, Markup(charts.target_realisasi_chart(rows, title)))

    # --- helpers the table macros call ---------------------------------------------------

    def nilai_indikator(self, value: Any, rekap: RekapIndikator) -> str:
        return nilai_indikator(value, rekap.indikator)

    def persen_capaian(self, nilai: Capaian | Agregat | None) -> str:
        return persen_capaian(nilai)

    def _years(self) -> list[int]:
        return sorted(katalog_rekap(self.rekap).tahun)

    def _standar(self, sasaran: list[RekapSasaran]) -> list[Perbandingan]:
        rows = []
        for s in sasaran:
            for i in s.indikator:
                standar = self.standar.get(i.kode)
                if standar is None:
                    continue
                capaian = None
                if i.realisasi is not None:
                    rumus = Rumus(i.indikator.rumus) if i.indikator.rumus else None
                    capaian = hitung_capaian(i.polaritas, standar.nilai, i.realisasi, self.rekap.policy, rumus=rumus, skala=i.indikator.skala)
                rows.append(Perbandingan(i, standar, capaian))
        return rows


def _bar(rekap: RekapIndikator) -> charts.BarRow:
    ind = rekap.indikator
    numeric = isinstance(ind.target, Decimal) and (rekap.realisasi is None or isinstance(rekap.realisasi, Decimal))
    note = None if numeric else f"T: {nilai_indikator(ind.target, ind)}; R: {nilai_indikator(rekap.realisasi, ind)}"
    return charts.BarRow(
        f"{ind.kode} {ind.nama}", ind.satuan,
        ind.target if numeric else None,  # type: ignore[arg-type]
        rekap.realisasi if numeric else None,  # type: ignore[arg-type]
        ind.desimal, note,
    )


def _kegiatan(programs: tuple[RekapProgram, ...]) -> Iterator[RekapAnggaran]:
    for p in programs:
        for k in p.kegiatan:
            yield k
            yield from k.rincian
