"""The recap as XLSX and CSV, for those who must paste it into the kabupaten's e-SAKIP application.

The same figures as the page: capaian and serapan are the rounded values the page prints
(``bulat``), stored as numbers, not text; targets and realisasi exactly as written. Missing
realisasi stays an empty cell (never 0) with "belum tersedia" in the Keterangan column, which
also carries the illustration mark on every row of illustrative data.

The CSV is what Indonesian Excel opens with a double click: UTF-8 with BOM, ``;`` between
fields, a decimal comma, no thousands separator. The XLSX is reproducible: the same data gives
the same bytes (openpyxl stamps the time of saving; it is replaced by 1 January of the next year).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ..domain.agregasi import NAMA_TRIWULAN
from ..domain.rekap import Rekap, RekapIndikator
from ..domain.rekonsiliasi import rekonsiliasi
from ..models.blank import BELUM_TERSEDIA
from ..models.kinerja import TANDA_ILUSTRASI, Rentang
from .format import angka
from .reproducible import reproducible_zip

KOLOM_INDIKATOR = (
    "Tingkat", "Kode Tujuan", "Kode Sasaran", "Kode Program", "Kode", "Indikator", "Satuan", "Polaritas", "Rumus",
    "Target", "Realisasi", "Capaian (%)", "Predikat", *NAMA_TRIWULAN, "Keterangan",
)


@dataclass(frozen=True)
class BarisIndikator:
    """One indicator as an export row, with the plan codes above it."""

    tingkat: str
    tujuan: str
    sasaran: str
    program: str
    hasil: RekapIndikator


def baris_indikator(rekap: Rekap) -> Iterator[BarisIndikator]:
    """Every indicator in document order, with the tujuan, sasaran and program it belongs to."""
    for t in rekap.tujuan:
        tk = t.tujuan.kode
        yield from (BarisIndikator("tujuan", tk, "", "", i) for i in t.indikator)
        for s in t.sasaran:
            sk = s.sasaran.kode
            yield from (BarisIndikator("sasaran", tk, sk, "", i) for i in s.indikator)
            for p in s.program:
                pk = p.program.kode
                yield from (BarisIndikator("program", tk, sk, pk, i) for i in p.indikator)
                for k in p.kegiatan:
                    yield from (BarisIndikator("kegiatan", tk, sk, pk, i) for i in k.indikator)
                    for sub in k.rincian:
                        yield from (BarisIndikator("sub kegiatan", tk, sk, pk, i) for i in sub.indikator)


def _figure(value: Any) -> Decimal | str | None:
    """A target or realisasi as a cell: numbers stay numbers, a band and a label are text."""
    if isinstance(value, Rentang):
        return f"{value.bawah}–{value.atas}"
    return value


def _keterangan(rekap: Rekap, hasil: RekapIndikator) -> str:
    notes = []
    if rekap.kinerja.ilustrasi:
        notes.append(TANDA_ILUSTRASI)
    if hasil.galat:
        notes.append(f"galat: {hasil.galat}")
    elif hasil.realisasi is None:
        notes.append(f"realisasi {BELUM_TERSEDIA}")
    if hasil.catatan_realisasi and hasil.realisasi is not None:
        notes.append(f"realisasi {hasil.catatan_realisasi}")
    if hasil.capaian:
        notes.extend(hasil.capaian.catatan if hasil.capaian.tersedia else ())
    return "; ".join(notes)


def indikator_values(rekap: Rekap, row: BarisIndikator) -> list[Any]:
    """The cells of one row, in KOLOM_INDIKATOR order."""
    hasil, ind = row.hasil, row.hasil.indikator
    capaian = hasil.capaian
    quarters = list(ind.triwulan.realisasi) if ind.triwulan else [None] * 4
    return [
        row.tingkat, row.tujuan, row.sasaran, row.program, ind.kode, ind.nama, ind.satuan, hasil.polaritas.value,
        capaian.rumus if capaian else "", _figure(ind.target), _figure(hasil.realisasi),
        capaian.bulat if capaian else None, capaian.predikat if capaian else None,
        *[_figure(q) for q in quarters], _keterangan(rekap, hasil),
    ]


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet program read a text cell as a formula (OWASP CSV injection): an
indicator name like ``=HYPERLINK(...)`` must stay text, in the XLSX and the CSV alike."""


def _formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def rekap_xlsx(rekap: Rekap) -> bytes:
    """The workbook: Indikator, Sasaran, Anggaran, Reviu (when a printed capaian is given) and Keterangan sheets."""
    book = Workbook()
    sheet = book.worksheets[0]  # the one a new workbook starts with
    sheet.title = "Indikator"
    _table(sheet, KOLOM_INDIKATOR, [indikator_values(rekap, r) for r in baris_indikator(rekap)], {"Capaian (%)": "0.00"})
    _table(book.create_sheet("Sasaran"), ("Tingkat", "Kode", "Uraian", "Capaian (%)", "Predikat", "Rumus", "Keterangan"), _sasaran_rows(rekap), {"Capaian (%)": "0.00"})
    _table(book.create_sheet("Anggaran"), ("Tingkat", "Kode", "Nama", "Pagu (Rp)", "Realisasi (Rp)", "Serapan (%)", "Capaian kinerja (%)", "Efisiensi (poin)", "Kategori"),
           _anggaran_rows(rekap), {"Pagu (Rp)": "#,##0", "Realisasi (Rp)": "#,##0", "Serapan (%)": "0.00", "Capaian kinerja (%)": "0.00", "Efisiensi (poin)": "0.00"})
    if any(i.indikator.capaian_tercetak is not None for i in rekap.semua_indikator()):
        _table(book.create_sheet("Reviu"), ("Kode", "Indikator", "Target", "Realisasi", "Rumus", "Capaian tercetak (%)", "Capaian menurut rumus (%)", "Penyebab yang terlihat"),
               _reviu_rows(rekap), {"Capaian tercetak (%)": "0.00", "Capaian menurut rumus (%)": "0.00"})
    _keterangan_sheet(book.create_sheet("Keterangan"), rekap)
    for ws in book.worksheets:
        _text_stays_text(ws)
        if rekap.kinerja.ilustrasi:
            assert ws.oddHeader is not None  # openpyxl gives every sheet its header parts
            ws.oddHeader.center.text = TANDA_ILUSTRASI
        ws.page_setup.orientation = "landscape"
    stream = io.BytesIO()
    book.save(stream)
    new_year = dt.date(rekap.kinerja.tahun + 1, 1, 1)
    return reproducible_zip(stream.getvalue(), new_year, new_year)


def _text_stays_text(sheet: Any) -> None:
    """openpyxl stores a string starting with '=' as a live formula: store it as text, quote-prefixed as Excel does."""
    for row in sheet.iter_rows():
        for cell in row:
            if _formula_like(cell.value):
                cell.data_type = "s"
                cell.quotePrefix = True


def _table(sheet: Any, header: tuple[str, ...], rows: list[list[Any]], formats: dict[str, str]) -> None:
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append(row)
    for col, name in enumerate(header, start=1):
        letter = get_column_letter(col)
        if name in formats:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=col, max_col=col):
                cell.number_format = formats[name]
        width = max((len(str(c.value)) for (c,) in sheet.iter_rows(min_col=col, max_col=col) if c.value is not None), default=8)
        sheet.column_dimensions[letter].width = min(max(width + 2, 8), 60)
    sheet.freeze_panes = "A2"


def _reviu_rows(rekap: Rekap) -> list[list[Any]]:
    """The reviu table: each printed capaian the declared formula does not give."""
    return [
        [r.hasil.kode, r.hasil.indikator.nama, _figure(r.hasil.indikator.target), _figure(r.hasil.realisasi),
         r.hasil.capaian.rumus if r.hasil.capaian else "", r.tercetak, r.dihitung, "; ".join(r.sebab)]
        for r in rekonsiliasi(rekap, angka)
    ]


def _sasaran_rows(rekap: Rekap) -> list[list[Any]]:
    rows = []
    for t in rekap.tujuan:
        rows.append(["tujuan", t.tujuan.kode, t.tujuan.uraian, t.capaian.bulat, t.capaian.predikat, t.capaian.rumus, t.capaian.catatan or ""])
        for s in t.sasaran:
            rows.append(["sasaran", s.sasaran.kode, s.sasaran.uraian, s.capaian.bulat, s.capaian.predikat, s.capaian.rumus, s.capaian.catatan or ""])
    rows.append(["unit kerja", "", "Capaian kinerja (rata-rata tujuan)", rekap.capaian.bulat, rekap.capaian.predikat, rekap.capaian.rumus, ""])
    return rows


def _anggaran_rows(rekap: Rekap) -> list[list[Any]]:
    rows = []
    for p in rekap.programs:
        rows.append(["program", p.program.kode, p.program.nama, p.serapan.pagu, p.serapan.realisasi, p.serapan.bulat, p.capaian.bulat, p.efisiensi.bulat, p.efisiensi.kategori])
        for k in p.kegiatan:
            rows.append(["kegiatan", k.kode, k.nama, k.serapan.pagu, k.serapan.realisasi, k.serapan.bulat, k.capaian.bulat, None, None])
            for sub in k.rincian:
                rows.append(["sub kegiatan", sub.kode, sub.nama, sub.serapan.pagu, sub.serapan.realisasi, sub.serapan.bulat, sub.capaian.bulat, None, None])
    rows.append(["jumlah", "", "Jumlah", rekap.anggaran.pagu, rekap.anggaran.realisasi, rekap.anggaran.bulat, None, None, None])
    return rows


def _keterangan_sheet(sheet: Any, rekap: Rekap) -> None:
    lines = [rekap.kinerja.judul, f"Tahun {rekap.kinerja.tahun}"]
    if rekap.kinerja.ilustrasi:
        lines += [TANDA_ILUSTRASI.upper(), rekap.kinerja.keterangan_ilustrasi or ""]
    lines += ["", *rekap.policy.uraian(), rekap.efisiensi.uraian()]
    for line in lines:
        sheet.append([line])
    sheet.column_dimensions["A"].width = 110


def rekap_csv(rekap: Rekap) -> str:
    """The Indikator sheet as CSV for Indonesian Excel (BOM, ';', decimal comma)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(KOLOM_INDIKATOR)
    for row in baris_indikator(rekap):
        writer.writerow([_csv_cell(v) for v in indikator_values(rekap, row)])
    return "\ufeff" + out.getvalue()


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:f}".replace(".", ",")
    return f"'{value}" if _formula_like(str(value)) else str(value)
