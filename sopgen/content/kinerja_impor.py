"""Merging the Tim SAKIP's sheets into kinerja.yaml's data, by indicator kode.

A figure is written in one place only: a value in both the YAML and a sheet (or in two sheets)
is an error naming both, because silently preferring one is how a report ends up printing a
number other than the one it computed from. Every imported figure remembers its cell, so the
recap can say where it came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import Position, Problem, Problems, did_you_mean, relpath
from ..models.base import angka_salah
from ..models.blank import is_blank
from .kinerja_indeks import Letak
from .sheets import Cell, SheetRow, parse_number, read_sheet
from .yamlsource import FieldPath, SourceMap

SEL_HINT = "isi sel dengan angka saja, mis. 95,5 (tanpa satuan); kosongkan atau '-' bila belum tersedia."


@dataclass(frozen=True)
class Asal:
    """The sheet cell one figure was imported from."""

    where: Position
    lembar: str
    """The sheet's file name, as listed under ``impor``."""
    ref: str
    """The cell as the team finds it in their program: 'Lembar1!E5' (XLSX) or 'E5' (CSV)."""

    @property
    def label(self) -> str:
        """As shown to readers: 'realisasi.xlsx, sel Lembar1!E5'."""
        return f"{self.lembar}, sel {self.ref}"


def import_sheets(
    folder: Path, root: Path, data: dict[str, Any], source: SourceMap, letak: dict[str, Letak], problems: Problems,
    unchecked: frozenset[str] = frozenset(),
) -> tuple[dict[tuple[str, FieldPath], Asal], frozenset[str]]:
    """Write every sheet figure into ``data`` (in place); where each one came from, and the kodes with a refused cell.

    A refused cell leaves its figure empty: the indicator's capaian is then not reported as
    uncomputable too (one typo in a cell, one line). Rows of the ``unchecked`` kodes (indicators
    that are themselves invalid, already reported) are skipped.
    """
    asal: dict[tuple[str, FieldPath], Asal] = {}
    refused: set[str] = set()
    seen_rows: dict[str, SheetRow] = {}
    for i, name in enumerate(data.get("impor") or []):
        file = folder / name
        if not file.is_file():
            problems.add(source.at("impor", i), f"impor[{i + 1}]", f"lembar kerja '{name}' tidak ditemukan di {relpath(folder, root)}", "")
            continue
        rows, sheet_problems = read_sheet(file, relpath(file, root), root)
        problems.extend(sheet_problems)
        for row in rows:
            if row.kode in unchecked:
                continue
            if row.kode not in letak:
                hint = did_you_mean(row.kode, letak) or "kode harus sama dengan 'kode' indikator di kinerja.yaml."
                problems.extend([Problem(row.where.path, row.where.line, row.where.column, row.ref, f"kode indikator '{row.kode}' tidak ada di kinerja.yaml", hint)])
                continue
            if row.kode in seen_rows:
                first = seen_rows[row.kode]
                problems.extend([Problem(row.where.path, row.where.line, row.where.column, row.ref, f"kode '{row.kode}' tertulis dua kali (pertama di {first.where.path} {first.ref})", "hapus salah satu baris.")])
                continue
            seen_rows[row.kode] = row
            for cell in row.cells:
                before = len(problems.items)
                _merge(cell, name, letak[row.kode], data, source, asal, problems)
                if len(problems.items) > before:
                    refused.add(row.kode)
    return asal, frozenset(refused)


def _merge(cell: Cell, sheet: str, letak: Letak, data: dict[str, Any], source: SourceMap, asal: dict[tuple[str, FieldPath], Asal], problems: Problems) -> None:
    """One cell into the indicator's data, after checking it fits the indicator."""
    if cell.value is None:
        return
    ind = letak.indikator
    rel = _rel(cell.field)
    node = _node(data, letak.path)
    value = _convert(cell, ind.polaritas or "positif", ind.skala, problems)
    if value is None:
        return
    if rel[0] == "triwulan":
        if not isinstance(node.get("triwulan"), dict):
            _cell_problem(problems, cell, f"indikator {ind.kode} tidak punya data triwulan di kinerja.yaml",
                          "tambahkan 'triwulan: {aturan: kumulatif}' (atau rata_rata / nilai_akhir) pada indikator itu.")
            return
        target_list = node["triwulan"].setdefault(str(rel[1]), [None] * 4)
        current = target_list[int(rel[2])] if isinstance(target_list, list) and len(target_list) == 4 else None
    else:
        if (ind.polaritas == "rentang") and rel[0] == "target":
            _cell_problem(problems, cell, "target indikator rentang tidak dapat diimpor dari lembar kerja", "tulis rentangnya di kinerja.yaml.")
            return
        current = node.get(str(rel[0]))
    if current is not None and not is_blank(str(current)):
        line = source.at(*letak.path, *rel).line
        _cell_problem(problems, cell, f"{cell.field.split('.')[0]} {ind.kode} juga ditulis di kinerja.yaml baris {line}", "tulis setiap angka di satu tempat saja: hapus salah satunya.")
        return
    if rel[0] == "triwulan":
        node["triwulan"][str(rel[1])][rel[2]] = value
    else:
        node[str(rel[0])] = value
    asal[(ind.kode, rel)] = Asal(cell.where, sheet, cell.ref)


def _convert(cell: Cell, polaritas: str, skala: list[str], problems: Problems) -> Decimal | str | None:
    """A label on the scale for kualitatif indicators, else a number (text numbers accepted)."""
    if polaritas == "kualitatif":
        label = str(cell.value)
        if label not in skala:
            _cell_problem(problems, cell, f"'{label}' tidak ada pada skala {', '.join(skala)}", "")
            return None
        return label
    number = cell.value if isinstance(cell.value, Decimal) else parse_number(str(cell.value))
    if number is None:
        _cell_problem(problems, cell, f"'{cell.value}' bukan angka", SEL_HINT)
        return None
    wrong = angka_salah(number)
    if wrong:
        _cell_problem(problems, cell, wrong, SEL_HINT)
        return None
    return number


def _rel(field: str) -> FieldPath:
    """'triwulan.realisasi.2' -> ('triwulan', 'realisasi', 2)."""
    return tuple(int(p) if p.isdigit() else p for p in field.split("."))


def _node(data: Any, path: FieldPath) -> dict[str, Any]:
    for part in path:
        data = data[part]
    return data


def _cell_problem(problems: Problems, cell: Cell, message: str, hint: str) -> None:
    problems.extend([Problem(cell.where.path, cell.where.line, cell.where.column, cell.ref, message, hint)])
