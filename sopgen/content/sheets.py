"""Reading the Tim SAKIP's spreadsheet: one row per indicator, one column per period.

The sheet is what the team already fills (XLSX from Excel, or CSV). Columns are found by their
header, so their order and extra columns (No, Indikator, Satuan, Keterangan) do not matter; a
header that is almost a known one ("Realsasi") is an error with a did-you-mean, because ignoring
it would silently drop a column of data. Only the first worksheet of an XLSX file is read.

Cells keep their position (sheet, row, column) so every problem, and every number on the recap,
can point back to the cell it came from. Values are returned raw (a number, a text, or None for
an empty cell or '-'): whether a text is a scale label or a mistyped number depends on the
indicator, which the caller knows.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from ..domain.agregasi import NAMA_TRIWULAN
from ..errors import Position, Problem, did_you_mean
from ..models.blank import is_blank
from .reading import ReadRefused, read_bytes, read_text

MAX_SHEET_BYTES = 5 * 1024 * 1024
"""A sheet of a few hundred indicators is tens of KiB; a larger file is a mistake, not data."""

ROMAWI = tuple(nama.split()[-1].lower() for nama in NAMA_TRIWULAN)
"""The quarters' numerals (i … iv) as sheet headers write them, lowercased; 'Triwulan 2' is read too."""

INFORMATIONAL = {"no", "no.", "nomor", "indikator", "nama indikator", "indikator kinerja", "satuan",
                 "keterangan", "sasaran", "tujuan", "program", "kegiatan", "capaian", "polaritas"}
"""Headers the team writes for people; sopgen reads the figures from the other columns."""


def _known_headers() -> dict[str, str]:
    """Header text (lowercase, single spaces) -> the field it fills."""
    names = {"kode": "kode", "kode indikator": "kode", "target": "target", "target tahunan": "target",
             "target pk": "target", "realisasi": "realisasi", "realisasi tahunan": "realisasi",
             "capaian tercetak": "capaian_tercetak", "capaian laporan": "capaian_tercetak"}
    for i, r in enumerate(ROMAWI):
        for prefix in ("tw", "triwulan"):
            for number in (r, str(i + 1)):
                names[f"{prefix} {number}"] = f"triwulan.realisasi.{i}"
                names[f"realisasi {prefix} {number}"] = f"triwulan.realisasi.{i}"
                names[f"target {prefix} {number}"] = f"triwulan.target.{i}"
    return names


HEADERS = _known_headers()


@dataclass(frozen=True)
class Cell:
    """One figure from the sheet: which field, the raw value, and where it sits."""

    field: str
    """'target', 'realisasi', 'capaian_tercetak', 'triwulan.realisasi.0' … 'triwulan.target.3'."""
    value: Decimal | str | None
    where: Position
    ref: str
    """'Lembar1!D5' (XLSX) or 'D5' (CSV), as the team finds it in their program."""


@dataclass(frozen=True)
class SheetRow:
    """One indicator's row: its kode (and the kode cell) and its figures."""

    kode: str
    where: Position
    ref: str
    cells: tuple[Cell, ...]


def read_sheet(file: Path, shown: str, root: Path) -> tuple[list[SheetRow], list[Problem]]:
    """Every indicator row of the sheet with its cells, and the problems of the sheet itself.

    The file is read under the one reading rule (:mod:`.reading`: inside ``root``, a regular file,
    at most :data:`MAX_SHEET_BYTES`)."""
    try:
        if file.suffix.lower() == ".xlsx":
            title, rows = _read_xlsx(read_bytes(file, (root,), shown, MAX_SHEET_BYTES))
        else:
            title, rows = None, _read_csv(read_text(file, (root,), shown, MAX_SHEET_BYTES)[0])
    except ReadRefused as refused:
        return [], [refused.problem]
    except (OSError, ValueError, KeyError, csv.Error, zipfile.BadZipFile) as exc:
        return [], [Problem(shown, 1, 1, "", f"lembar kerja tidak dapat dibaca: {exc}", "simpan ulang sebagai .xlsx atau .csv (UTF-8).")]
    return _cells(rows, title, shown)


def _read_xlsx(data: bytes) -> tuple[str, list[list[object]]]:
    """The first worksheet's values; percent-formatted cells become the number shown (0,95 -> 95)."""
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        rows = []
        for row in sheet.iter_rows():
            values: list[object] = []
            for cell in row:
                value = cell.value
                if isinstance(value, (int, float)) and "%" in (cell.number_format or ""):
                    value = _decimal(value) * 100
                values.append(value)
            rows.append(values)
        return sheet.title, rows
    finally:
        book.close()


def _read_csv(text: str) -> list[list[object]]:
    """CSV with ',' or ';' (Indonesian Excel writes ';'), UTF-8 with or without BOM."""
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [list(row) for row in csv.reader(io.StringIO(text), dialect)]


def _norm(header: object) -> str:
    return re.sub(r"\s+", " ", str(header or "")).strip().lower()


def _cells(rows: list[list[object]], title: str | None, shown: str) -> tuple[list[SheetRow], list[Problem]]:
    header_index = next((i for i, row in enumerate(rows) if any(_norm(v) in {"kode", "kode indikator"} for v in row)), None)
    if header_index is None:
        return [], [Problem(shown, 1, 1, "", "baris judul dengan kolom 'Kode' tidak ditemukan", "tambahkan kolom 'Kode' berisi kode indikator.")]
    problems: list[Problem] = []
    columns: dict[int, str] = {}
    for c, header in enumerate(rows[header_index]):
        name = _norm(header)
        if name in HEADERS:
            if HEADERS[name] in columns.values():
                problems.append(_problem(shown, title, header_index, c, f"kolom '{header}' tertulis dua kali"))
            columns[c] = HEADERS[name]
        elif name and name not in INFORMATIONAL:
            hint = did_you_mean(name, list(HEADERS) + sorted(INFORMATIONAL)) or "kolom yang dikenal: Kode, Target, Realisasi, Capaian Tercetak, TW I … TW IV, Target TW I … Target TW IV."
            problems.append(_problem(shown, title, header_index, c, f"judul kolom '{header}' tidak dikenal", hint))
    kode_col = next(c for c, f in columns.items() if f == "kode")
    found: list[SheetRow] = []
    for r in range(header_index + 1, len(rows)):
        row = rows[r]
        kode = _raw(row[kode_col]) if kode_col < len(row) else None
        if kode is None:
            continue
        cells = []
        for c, field in columns.items():
            if field != "kode":
                where, ref = _where(shown, title, r, c)
                cells.append(Cell(field, _raw(row[c] if c < len(row) else None), where, ref))
        where, ref = _where(shown, title, r, kode_col)
        found.append(SheetRow(str(kode), where, ref, tuple(cells)))
    return found, problems


def _where(shown: str, title: str | None, r: int, c: int) -> tuple[Position, str]:
    ref = f"{get_column_letter(c + 1)}{r + 1}"
    return Position(shown, r + 1, c + 1), (f"{title}!{ref}" if title else ref)


def _problem(shown: str, title: str | None, r: int, c: int, message: str, hint: str = "") -> Problem:
    where, ref = _where(shown, title, r, c)
    return Problem(where.path, where.line, where.column, ref, message, hint)


def _raw(value: object) -> Decimal | str | None:
    """Numbers to Decimal; texts kept (trimmed); empty and '-' are None ("belum tersedia")."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float, Decimal)):
        return _decimal(value)
    text = str(value).strip()
    return None if is_blank(text) else text


def _decimal(value: int | float | Decimal) -> Decimal:
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def parse_number(text: str) -> Decimal | None:
    """A number typed as text: '84,5' and '1.234.567,89' (Indonesian), or '84.5'; None if not a number.

    A comma makes the text Indonesian (dots are thousands). Without a comma a single dot is the
    decimal point, as programs write CSV; several dots are thousands ('1.500.000').
    """
    t = text.strip().replace(" ", "").replace("\u00a0", "")
    if "," in t:
        t = t.replace(".", "").replace(",", ".")
    elif t.count(".") > 1:
        t = t.replace(".", "")
    if not re.fullmatch(r"[+-]?\d+(\.\d+)?", t):
        return None
    try:
        return Decimal(t)
    except InvalidOperation:
        return None
