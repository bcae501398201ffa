"""Where each indicator sits in kinerja.yaml, and the per-indicator checks that need positions.

The plan nests indicators at five levels; the loader, the sheet import and the lints all find an
indicator by its kode and report at the line of one of its fields, so the walk is done once here.
The checks below are those pydantic cannot do alone because they depend on the polaritas: a
number where a scale label belongs, a band on a positif indicator, a formula that does not fit.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..domain import capaian
from ..domain.capaian import Rumus
from ..errors import Problems
from ..models.kinerja import Indikator, Kinerja, Rentang
from .validate import ANGKA_HINT
from .yamlsource import FieldPath, SourceMap, field_name

RUMUS_SAH = {p.value: {r.value for r in rumus if r not in (Rumus.RENTANG, Rumus.SKALA)} for p, rumus in capaian.RUMUS_SAH.items()}
"""The overrides content may write per polaritas (the domain's table, as written in YAML)."""


@dataclass(frozen=True)
class Letak:
    """One indicator and where it is written."""

    indikator: Indikator
    path: FieldPath
    level: str
    """'tujuan', 'sasaran', 'program', 'kegiatan' or 'sub kegiatan'."""


def walk(kinerja: Kinerja) -> Iterator[Letak]:
    """Every indicator of the plan with its field path, in document order."""
    for ti, t in enumerate(kinerja.tujuan):
        base: FieldPath = ("tujuan", ti)
        yield from _level(t.indikator, base, "tujuan")
        for si, s in enumerate(t.sasaran):
            sb = base + ("sasaran", si)
            yield from _level(s.indikator, sb, "sasaran")
            for pi, p in enumerate(s.program):
                pb = sb + ("program", pi)
                yield from _level(p.indikator, pb, "program")
                for ki, k in enumerate(p.kegiatan):
                    kb = pb + ("kegiatan", ki)
                    yield from _level(k.indikator, kb, "kegiatan")
                    for ui, u in enumerate(k.sub_kegiatan):
                        yield from _level(u.indikator, kb + ("sub_kegiatan", ui), "sub kegiatan")


def _level(items: list[Indikator], base: FieldPath, level: str) -> Iterator[Letak]:
    for i, indikator in enumerate(items):
        yield Letak(indikator, base + ("indikator", i), level)


def index(kinerja: Kinerja, source: SourceMap, problems: Problems) -> dict[str, Letak]:
    """kode -> indicator; a kode written twice is an error at the second one."""
    found: dict[str, Letak] = {}
    for letak in walk(kinerja):
        kode = letak.indikator.kode
        if kode in found:
            first = source.at(*found[kode].path, "kode")
            problems.add(source.at(*letak.path, "kode"), field_name(letak.path + ("kode",)),
                         f"kode indikator '{kode}' sudah dipakai (pertama di baris {first.line})", "setiap indikator perlu kode yang unik.")
            continue
        found[kode] = letak
    return found


def check_values(letak: Letak, tahun: int, source: SourceMap, problems: Problems) -> None:
    """Targets and realisasi have the shape the polaritas needs; previous years are earlier."""
    ind, path = letak.indikator, letak.path
    polaritas = ind.polaritas or "positif"
    if ind.rumus and ind.rumus not in RUMUS_SAH[polaritas]:
        sah = ", ".join(sorted(RUMUS_SAH[polaritas])) or "tidak ada (rumus mengikuti polaritas)"
        _add(problems, source, path + ("rumus",), f"rumus '{ind.rumus}' tidak berlaku untuk indikator {polaritas}", f"pilihan: {sah}.")
    if polaritas == "kualitatif" and not ind.skala:
        _add(problems, source, path + ("polaritas",), "indikator kualitatif memerlukan skala", "tambahkan mis. 'skala: [AA, A, BB, B, CC, C, D]'.")
    for rel, value in _figures(ind):
        _check_one(ind, polaritas, rel, value, path, source, problems)
    for year in ind.realisasi_lalu:
        if year >= tahun:
            where = path + ("realisasi_lalu", str(year))
            problems.add(source.key_at(*where), field_name(where), f"tahun {year} bukan tahun sebelum {tahun}", "realisasi tahun ini ditulis di 'realisasi'.")


def _figures(ind: Indikator) -> Iterator[tuple[FieldPath, Any]]:
    """Every target and realisasi of an indicator with its path relative to the indicator."""
    for name in ("target", "target_renstra", "target_akhir_renstra", "realisasi"):
        yield (name,), getattr(ind, name)
    if ind.triwulan:
        for name in ("target", "realisasi"):
            for i, value in enumerate(getattr(ind.triwulan, name) or []):
                yield ("triwulan", name, i), value
    for year, value in ind.realisasi_lalu.items():
        yield ("realisasi_lalu", str(year)), value


def _check_one(
    ind: Indikator, polaritas: str, rel: FieldPath, value: Any, base: FieldPath, source: SourceMap, problems: Problems
) -> None:
    """One figure: a label on the scale (kualitatif), a band (rentang targets), else a number."""
    if value is None:
        return
    path = base + rel
    is_target = str(rel[0]).startswith("target") or rel[:2] == ("triwulan", "target")
    if polaritas == "kualitatif":
        label = str(value)
        if isinstance(value, Rentang) or (ind.skala and label not in ind.skala):
            _add(problems, source, path, f"'{label}' tidak ada pada skala {', '.join(ind.skala)}", "")
        return
    if isinstance(value, Rentang):
        if not (polaritas == "rentang" and is_target):
            _add(problems, source, path, "rentang (bawah/atas) hanya untuk target indikator berpolaritas rentang", "")
        return
    if isinstance(value, str):
        _add(problems, source, path, f"harus berupa angka (tertulis '{value}')", ANGKA_HINT)
        return
    if polaritas == "rentang" and is_target:
        if rel[0] == "triwulan":
            _add(problems, source, path, "target triwulan belum didukung untuk indikator rentang", "hapus 'triwulan.target'.")
        else:
            _add(problems, source, path, "target indikator rentang harus berupa rentang", "tulis mis. 'target: {bawah: 90, atas: 110}'.")


def _add(problems: Problems, source: SourceMap, path: FieldPath, message: str, hint: str) -> None:
    problems.add(source.at(*path), field_name(path), message, hint)
