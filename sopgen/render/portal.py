"""The kabupaten portal: the home that lists every unit, and the recap of every unit's sasaran.

The Bagian Organisasi reads the units' SOP counts here; the Bappeda reads the recap it used to
compile by hand. Every figure is the unit's own (its recap, with its own policy): the portal
adds no formula, so it cannot disagree with a unit's page.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl import Workbook

from ..content.documents import Doc
from ..content.kabupaten import Kabupaten
from ..content.loader import Site
from ..domain.agregasi import Agregat
from ..lint.sop import belum_dimonitor
from ..models.site import JENIS_UNIT
from ..models.sop import SOP
from .export import _table, _text_stays_text
from .listing import group_by_bidang
from .reproducible import reproducible_zip
from .sop import sop_paths

NAMA_JENIS = {"kecamatan": "Kecamatan", "dinas": "Dinas", "badan": "Badan", "bagian": "Bagian Sekretariat Daerah", "lainnya": "Unit lain"}
"""The heading of each group of the portal home, by a unit's ``jenis``."""


@dataclass(frozen=True)
class RingkasanUnit:
    """One unit as the portal home lists it."""

    id: str
    nama: str
    jenis: str
    berlaku: int
    konsep: int
    perlu_monitoring: int
    """SOPs in force not monitored for the last half-year that ended (the ``monitoring-terakhir`` rule)."""
    ilustrasi: bool

    @property
    def beranda(self) -> str:
        return f"{self.id}/index.html"


@dataclass(frozen=True)
class BarisRekap:
    """One row of the kabupaten recap: a unit's sasaran (or the unit's own figure), as its recap computed it."""

    unit: str
    nama_unit: str
    tingkat: str
    kode: str
    uraian: str
    agregat: Agregat
    ilustrasi: bool

    @property
    def capaian(self) -> Decimal | None:
        """The capaian as the unit's recap prints and exports it (rounded by its policy)."""
        return self.agregat.bulat


def ringkasan(site: Site, today: dt.date) -> RingkasanUnit:
    """A unit's SOP counts for the portal home."""
    docs = list(site.sops.values())
    return RingkasanUnit(
        site.unit or "", site.config.instansi.unit_kerja, site.config.jenis or "lainnya",
        sum(d.model.status == "berlaku" for d in docs), sum(d.model.status == "konsep" for d in docs),
        sum(belum_dimonitor(site, d, site.config.tanggal_acuan or today) is not None for d in docs), site.config.ilustrasi,
    )


@dataclass(frozen=True)
class BarisSOP:
    """One SOP of one unit, as the portal's list of every SOP shows it."""

    unit: str
    nama_unit: str
    bidang: str
    doc: Doc[SOP]
    halaman: str
    """Its page, from the portal's folder: ``candipuro/sop/pengukuran-data-kinerja.html``."""


def daftar_sop(kabupaten: Kabupaten) -> list[BarisSOP]:
    """Every SOP of every unit, unit by unit (by name), each unit's in its home page's order."""
    rows = []
    for unit, site in sorted(kabupaten.sites.items(), key=lambda item: item[1].config.instansi.unit_kerja):
        for group in group_by_bidang(site):
            for doc in group.sops:
                rows.append(BarisSOP(unit, site.config.instansi.unit_kerja, group.bidang or "", doc, f"{unit}/{sop_paths(doc)[0]}"))
    return rows


def kelompok_unit(kabupaten: Kabupaten, today: dt.date) -> list[tuple[str, list[RingkasanUnit]]]:
    """The units by jenis, in the order of :data:`JENIS_UNIT`, each group by name."""
    units = [ringkasan(site, today) for site in kabupaten.sites.values()]
    return [(NAMA_JENIS[j], sorted((u for u in units if u.jenis == j), key=lambda u: u.nama)) for j in JENIS_UNIT if any(u.jenis == j for u in units)]


def tahun_rekap(kabupaten: Kabupaten) -> list[int]:
    """Every year some unit has a measurement cycle for."""
    return sorted({s.model.tahun for site in kabupaten.sites.values() if site.kinerja for s in site.kinerja.siklus.values()})


def rekap_kabupaten(kabupaten: Kabupaten, tahun: int) -> list[BarisRekap]:
    """Every unit's sasaran of ``tahun`` side by side, then the unit's own capaian, unit by unit."""
    rows = []
    for unit, site in sorted(kabupaten.sites.items(), key=lambda item: item[1].config.instansi.unit_kerja):
        nama = site.config.instansi.unit_kerja
        for siklus in (s for s in (site.kinerja.siklus.values() if site.kinerja else ()) if s.model.tahun == tahun):
            rekap, ilustrasi = siklus.rekap, siklus.model.ilustrasi
            for t in rekap.tujuan:
                for s in t.sasaran:
                    rows.append(BarisRekap(unit, nama, "sasaran", s.sasaran.kode, s.sasaran.uraian, s.capaian, ilustrasi))
            rows.append(BarisRekap(unit, nama, "unit kerja", "", "Capaian kinerja (rata-rata tujuan)", rekap.capaian, ilustrasi))
    return rows


def rekap_kabupaten_xlsx(rows: list[BarisRekap], tahun: int, judul: str) -> bytes:
    """The recap as one sheet to paste into the kabupaten's e-SAKIP, text cells kept text (as the unit recaps)."""
    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = "Sasaran"
    body: list[list[Any]] = [[r.nama_unit, r.tingkat, r.kode, r.uraian, r.capaian, r.agregat.predikat, r.agregat.rumus, "ilustrasi" if r.ilustrasi else ""] for r in rows]
    _table(sheet, ("Unit kerja", "Tingkat", "Kode", "Uraian", "Capaian (%)", "Predikat", "Rumus", "Keterangan"), body, {"Capaian (%)": "0.00"})
    _text_stays_text(sheet)
    assert sheet.oddHeader is not None  # openpyxl gives every sheet its header parts
    sheet.oddHeader.center.text = f"{judul} {tahun}"
    sheet.page_setup.orientation = "landscape"
    stream = io.BytesIO()
    book.save(stream)
    new_year = dt.date(tahun + 1, 1, 1)
    return reproducible_zip(stream.getvalue(), new_year, new_year)
