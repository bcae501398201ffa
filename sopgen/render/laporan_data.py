"""The recap, as the Laporan Kinerja's narrative sees it: values, tables and charts by kode.

Nothing is computed here. Every number comes from the :class:`~sopgen.domain.rekap.Rekap` that
the recap page prints (capaian, predikat, serapan, efisiensi, the Renstra comparison, the change
since last year), printed with the recap's own formatting (:mod:`.format`) and drawn with
its own charts (:mod:`.rekap_view`), so a sentence of the report and a row of the recap always
show the same digits. The only comparison the recap does not hold, against a national standard
that the report names, is scored with the recap's formula of that indicator.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from ..content.kinerja import Siklus
from ..content.laporan import capaian_standar
from ..domain.agregasi import Agregat
from ..domain.capaian import Capaian
from ..domain.rekap import RekapAnggaran, RekapIndikator, RekapProgram, RekapSasaran
from ..models.blank import BELUM_TERSEDIA, KOSONG
from ..models.laporan import StandarNasional
from ..models.site import SiteConfig
from . import rekap_view as view
from .format import nilai_indikator, persen, persen_capaian, rupiah
from .markdown_data import Generated
from .rekap import asal_realisasi

TABLES = "laporan_tabel.html"
"""The theme template whose macros draw the report's per-sasaran tables (``tabel_<jenis>``)."""
REKAP_TABLES = "recap_tables.html"
"""The recap's own table macros, printed as they are for the tables that cover the whole cycle."""
FROM_REKAP = {"pengukuran": "tabel_capaian", "capaian-program": "tabel_capaian_program", "triwulan": "tabel_triwulan", "anggaran": "tabel_anggaran"}
"""Report table -> the recap macro that draws it (same rows, columns and notes as the recap page)."""


@dataclass(frozen=True)
class Perbandingan:
    """One indicator against a national standard, scored with the indicator's own formula."""

    indikator: RekapIndikator
    standar: StandarNasional
    capaian: Capaian | None


class RekapSource:
    """Answers the report's directives from one cycle's recap (a ``DataSource``)."""

    def __init__(self, siklus: Siklus, env: Environment, site: SiteConfig, standar: dict[str, StandarNasional]):
        rekap = self.rekap = siklus.rekap
        self.siklus = siklus
        self.standar = standar
        self.macros = env.get_template(TABLES).module
        self.rekap_macros = env.get_template(REKAP_TABLES).make_module({"view": view, "site": site})
        self.tujuan = {t.tujuan.kode: t for t in rekap.tujuan}
        self.sasaran = {s.sasaran.kode: s for t in rekap.tujuan for s in t.sasaran}
        self.indikator = {i.kode: i for i in rekap.semua_indikator()}
        self.program = {p.program.kode: p for p in rekap.programs}
        self.kegiatan = {k.kode: k for k in _kegiatan(rekap.programs)}

    # --- values in sentences -------------------------------------------------------------

    def nilai(self, kata: str, kode: str | None, tahun: int | None) -> str:
        if kata == "tahun":
            return str(self.rekap.kinerja.tahun)
        if kata == "batas-atas":
            cap = self.rekap.policy.cap
            return "tidak dibatasi" if cap is None else persen(cap, 0 if cap == cap.to_integral_value() else self.rekap.policy.decimals)
        if kata in {"pagu", "realisasi-anggaran", "serapan", "efisiensi"}:
            return self._anggaran(kata, kode)
        if kata == "jumlah-indikator":
            return str(len(self.sasaran[kode].indikator) if kode else sum(1 for _ in self.rekap.iku()))
        if kata == "nama":
            return self._nama(kode or "")
        if kode in self.indikator:
            return self._indikator(kata, self.indikator[kode], tahun)
        agregat = self.rekap.capaian if kode is None else (self.sasaran.get(kode) or self.tujuan[kode]).capaian
        return persen_capaian(agregat) if kata == "capaian" else (agregat.predikat or BELUM_TERSEDIA)

    def _indikator(self, kata: str, hasil: RekapIndikator, tahun: int | None) -> str:
        ind = hasil.indikator
        if kata == "target":
            return nilai_indikator(ind.target, ind)
        if kata == "target-renstra":
            return nilai_indikator(ind.target_renstra, ind)
        if kata == "target-akhir-renstra":
            return nilai_indikator(ind.target_akhir_renstra, ind)
        if kata == "capaian-akhir-renstra":
            return persen_capaian(hasil.capaian_renstra)
        if kata == "standar-nasional":
            return nilai_indikator(self.standar[hasil.kode].nilai, ind)
        if kata == "satuan":
            return ind.satuan
        if kata == "realisasi":
            if tahun is not None and tahun != self.rekap.kinerja.tahun:
                return nilai_indikator(ind.realisasi_lalu.get(tahun), ind)
            text = nilai_indikator(hasil.realisasi, ind)
            partial = hasil.catatan_realisasi if hasil.realisasi is not None else None
            return f"{text} ({partial})" if partial else text
        if kata == "capaian":
            return persen_capaian(hasil.capaian)
        return (hasil.capaian.predikat if hasil.capaian else None) or BELUM_TERSEDIA

    def _anggaran(self, kata: str, kode: str | None) -> str:
        if kata == "efisiensi":
            return self.program[kode or ""].efisiensi.kategori or BELUM_TERSEDIA
        if kode is None:
            serapan = self.rekap.anggaran
        else:
            serapan = self.program[kode].serapan if kode in self.program else self.kegiatan[kode].serapan
        if kata == "pagu":
            return rupiah(serapan.pagu)
        if kata == "realisasi-anggaran":
            return rupiah(serapan.realisasi)
        return persen_capaian(serapan)

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
        tahun = self.rekap.kinerja.tahun
        nama = f"Sasaran {kode}" if kode else "Sasaran Strategis"
        pembanding = view.tahun_pembanding(self.rekap)
        titles = {
            "perjanjian-kinerja": f"Perjanjian Kinerja Tahun {tahun}",
            "ringkasan": f"Ringkasan Capaian Kinerja per Sasaran Strategis Tahun {tahun}",
            "capaian": f"Capaian Kinerja {nama} Tahun {tahun}",
            "perbandingan": f"Realisasi Indikator {nama} Tahun {pembanding[0] if pembanding else tahun}–{tahun}",
            "renstra": f"Realisasi Indikator {nama} terhadap Target Akhir Renstra",
            "standar-nasional": f"Realisasi Indikator {nama} terhadap Standar Nasional",
            "efisiensi": f"Efisiensi Penggunaan Anggaran {nama}",
            "program": f"Program dan Kegiatan Pendukung {nama}",
            "anggaran": f"Realisasi Anggaran dan Efisiensi per Program dan Kegiatan Tahun {tahun}",
            "pengukuran": f"Pengukuran Kinerja Sasaran Strategis Tahun {tahun}",
            "capaian-program": f"Capaian Indikator Program, Kegiatan dan Sub Kegiatan Tahun {tahun}",
            "triwulan": f"Target, Realisasi dan Capaian Indikator per Triwulan Tahun {tahun}",
        }
        if jenis in FROM_REKAP:
            macro = getattr(self.rekap_macros, FROM_REKAP[jenis])
            asal = {"asal": lambda hasil: asal_realisasi(self.siklus, hasil)} if jenis in {"pengukuran", "capaian-program"} else {}
            return Generated(titles[jenis], Markup(macro(self.rekap, **asal)))
        data: dict[str, Any] = {"sasaran": sasaran, "rekap": self.rekap, "src": self}
        if jenis == "perbandingan":
            data["tahun"] = pembanding + [tahun]
        elif jenis == "standar-nasional":
            data["baris"] = self._standar(sasaran)
        macro = getattr(self.macros, "tabel_" + jenis.replace("-", "_"))
        return Generated(titles[jenis], Markup(macro(**data)))

    def grafik(self, jenis: str, kode: str | None) -> Generated:
        if jenis == "tren":
            hasil = self.indikator[kode or ""]
            title = f"Tren Realisasi {hasil.kode} {hasil.indikator.nama}"
            svg = view.grafik_tren(hasil, self.rekap.kinerja.tahun, self.rekap.kinerja.renstra)
            if svg is None:
                return Generated(title, Markup('<p class="catatan-tabel">Tidak ada realisasi tahun-tahun sebelumnya yang dapat digambarkan.</p>'))
            return Generated(title, Markup(svg))
        sasaran = [self.sasaran[kode]] if kode else list(self.sasaran.values())
        title = f"Target dan Realisasi Indikator Sasaran {kode}" if kode else "Target dan Realisasi Indikator Kinerja Utama"
        return Generated(title, Markup(view.grafik_target_realisasi([i for s in sasaran for i in s.indikator], title)))

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

    def _standar(self, sasaran: list[RekapSasaran]) -> list[Perbandingan]:
        return [
            Perbandingan(i, self.standar[i.kode], capaian_standar(i, self.standar[i.kode], self.rekap.policy))
            for s in sasaran for i in s.indikator if i.kode in self.standar
        ]


def _kegiatan(programs: tuple[RekapProgram, ...]) -> Iterator[RekapAnggaran]:
    for p in programs:
        for k in p.kegiatan:
            yield k
            yield from k.rincian
