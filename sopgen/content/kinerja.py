"""Loading content/kinerja/: the site's measurement policy and one folder per cycle, in stages.

Per cycle folder (``kinerja/2024/``), one function per build stage:

- :func:`load_kinerja` reads ``kebijakan.yaml`` and each ``kinerja.yaml`` (every problem at its
  line) and checks each figure fits its indicator's polaritas;
- :func:`merge_sheets` merges the Tim SAKIP's sheets by kode and validates the merged plan again;
- :func:`score_kinerja` scores it (:func:`sopgen.domain.rekap.hitung_rekap`); a formula that
  cannot be applied is reported at the figure it was applied to (the year's target, a quarter's
  target, the Renstra end target), or at the sheet cell that figure was imported from.

The recap page, the exports and the Laporan Kinerja all read :attr:`Siklus.rekap`, never the raw
figures.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..domain.anggaran import AturanEfisiensi
from ..domain.capaian import SKALA_PERMENDAGRI_86, CapaianError, KebijakanCapaian, SkalaPredikat
from ..domain.rekap import Rekap, hitung_rekap, siklus_lalu
from ..domain.riwayat import SiklusLalu
from ..errors import Position, Problems, relpath
from ..models.kinerja import Indikator, Kebijakan, Kinerja
from .documents import load_document, parse_document
from .kinerja_impor import Asal, import_sheets
from .kinerja_indeks import Letak, check_values, index, walk
from .kinerja_lalu import baca_siklus_lalu
from .reading import subfolders
from .validate import validate
from .yamlsource import FieldPath, SourceMap, field_name

KINERJA_DIR = "kinerja"
KINERJA_FILE = "kinerja.yaml"
KEBIJAKAN_FILE = "kebijakan.yaml"
PETUNJUK_PREDIKAT = "tulis batas dari yang tertinggi, mis. 91, 76, 66, 51."
"""The hint for a predikat scale that does not fall (kebijakan.yaml, pemda.yaml)."""
TANPA_TARGET_TRIWULAN = "bila triwulan ini memang tanpa target, tulis '-' (capaian triwulan itu tidak dihitung; capaian tahunan tetap dihitung)."


@dataclass(frozen=True)
class Siklus:
    """One measurement cycle: the merged plan, where each figure came from, and its recap."""

    id: str
    folder: Path
    model: Kinerja
    source: SourceMap
    letak: dict[str, Letak]
    """kode -> the indicator and its path in kinerja.yaml."""
    impor: dict[tuple[str, FieldPath], Asal]
    """(kode, field path within the indicator) -> the sheet cell it was imported from."""
    rekap: Rekap
    dibaca: dict[tuple[str, int], str] = field(default_factory=dict)
    """(kode, year) -> the earlier cycle each realisasi_lalu figure was read from (not typed here)."""

    @property
    def shown(self) -> str:
        return self.source.path

    def asal(self, kode: str, *rel: str | int) -> str:
        """Where a figure was written, for the reader: a sheet cell or a YAML line."""
        imported = self.impor.get((kode, tuple(rel)))
        if imported:
            return imported.label
        if rel[:1] == ("realisasi_lalu",) and (kode, int(rel[1])) in self.dibaca:
            return f"siklus {self.dibaca[(kode, int(rel[1]))]}"
        where = self.source.at(*self.letak[kode].path, *rel)
        return f"{Path(where.path).name} baris {where.line}"

    def tempat(self, kode: str, rel: FieldPath) -> tuple[Position, str]:
        """Where a figure was written, for a problem: its sheet cell and ref, else its YAML line and field."""
        imported = self.impor.get((kode, rel))
        if imported:
            return imported.where, imported.ref
        path = self.letak[kode].path + rel
        return self.source.at(*path), field_name(path)


@dataclass(frozen=True)
class Draft:
    """One cycle between loading and scoring: the plan as written (then merged), and its index."""

    folder: Path
    data: Any
    """The plain YAML data; sheets are merged into it."""
    model: Kinerja
    source: SourceMap
    letak: dict[str, Letak]
    misshapen: frozenset[str]
    """Indicators whose figures do not fit their polaritas (reported; not reported again when scored)."""
    impor: dict[tuple[str, FieldPath], Asal] = field(default_factory=dict)


@dataclass
class KinerjaContent:
    """Everything under content/kinerja/."""

    kebijakan: Kebijakan
    policy: KebijakanCapaian
    efisiensi: AturanEfisiensi
    drafts: dict[str, Draft] = field(default_factory=dict)
    """Loaded (and merged) cycles, by folder name; scoring turns each into a :class:`Siklus`."""
    siklus: dict[str, Siklus] = field(default_factory=dict)
    declared: frozenset[str] = frozenset()
    """Every cycle folder with a kinerja.yaml, valid or not (for references from laporan.yaml)."""


def load_kinerja(root: Path, problems: Problems, bawaan: Kebijakan | None = None) -> KinerjaContent:
    """The policy and every cycle under ``root/kinerja``, not yet merged or scored; an absent folder is an empty result.

    ``bawaan`` is the kabupaten's policy (pemda.yaml) for a unit: its kebijakan.yaml replaces only the fields it writes.
    """
    base = root / KINERJA_DIR
    kebijakan, policy, efisiensi = _load_kebijakan(base / KEBIJAKAN_FILE, root, problems, bawaan or Kebijakan())
    folders = subfolders(base, root, problems)
    content = KinerjaContent(kebijakan, policy, efisiensi, declared=frozenset(f.name for f in folders if (f / KINERJA_FILE).is_file()))
    for folder in folders:
        if not (folder / KINERJA_FILE).is_file():
            problems.add(Position(relpath(folder, root)), "", f"folder siklus kinerja tanpa berkas {KINERJA_FILE}", f"tambahkan {KINERJA_FILE} atau hapus folder ini.")
            continue
        draft = load_draft(folder, root, problems)
        if draft is not None:
            content.drafts[folder.name] = draft
    return content


def _load_kebijakan(file: Path, root: Path, problems: Problems, bawaan: Kebijakan) -> tuple[Kebijakan, KebijakanCapaian, AturanEfisiensi]:
    """kebijakan.yaml (optional) over ``bawaan`` as the domain's policy objects."""
    kebijakan = bawaan
    source = SourceMap(relpath(file, root))
    if file.is_file():
        loaded = load_document(file, Kebijakan, root, problems)
        if loaded is not None:
            own, source = loaded
            kebijakan = bawaan.model_copy(update={name: getattr(own, name) for name in own.model_fields_set})
    try:
        policy = kebijakan_capaian(kebijakan)
    except CapaianError as exc:
        problems.add(source.at("predikat"), "predikat", str(exc), PETUNJUK_PREDIKAT)
        policy = KebijakanCapaian()
    return kebijakan, policy, AturanEfisiensi(ambang=kebijakan.ambang_efisiensi)


def kebijakan_capaian(kebijakan: Kebijakan) -> KebijakanCapaian:
    """kebijakan.yaml's capaian part as the domain's object (the predikat scale is checked there)."""
    skala = SKALA_PERMENDAGRI_86
    if kebijakan.predikat is not None:
        skala = SkalaPredikat(tuple((t.batas, t.label) for t in kebijakan.predikat), kebijakan.predikat_terendah)
    return KebijakanCapaian(cap=kebijakan.batas_atas, floor_at_zero=kebijakan.batas_bawah_nol, decimals=kebijakan.desimal, skala=skala,
                            dipotong=kebijakan.pembulatan == "potong")


def load_draft(folder: Path, root: Path, problems: Problems) -> Draft | None:
    """One cycle folder's kinerja.yaml; None when it cannot be used (problems added)."""
    loaded = parse_document(folder / KINERJA_FILE, Kinerja, root, problems)
    if loaded is None:
        return None
    if loaded.model is None:
        check_sheets_alone(folder, root, loaded.data, loaded.source, problems)
        return None
    model, source = loaded.model, loaded.source
    if folder.name.isdigit() and int(folder.name) != model.tahun:
        problems.add(source.at("tahun"), "tahun", f"tahun {model.tahun} berbeda dari nama folder '{folder.name}'", "samakan tahun dengan nama folder siklus.")
    letak = index(model, source, problems)
    misshapen = set()
    for item in letak.values():
        before = len(problems.items)
        check_values(item, model.tahun, source, problems)
        if len(problems.items) > before:
            misshapen.add(item.indikator.kode)
    return Draft(folder, loaded.data, model, source, letak, frozenset(misshapen))


def check_sheets_alone(folder: Path, root: Path, data: Any, source: SourceMap, problems: Problems) -> None:
    """The sheets of a plan that fails validation, read against the indicators that are valid on their own.

    So a wrong cell is reported in the same run as the plan's schema error, not after it is
    fixed. A row of an indicator that is itself invalid is skipped (its error is reported).
    """
    if not isinstance(data, dict) or not data.get("impor"):
        return
    valid: dict[str, Letak] = {}
    invalid: set[str] = set()
    for path, item in _raw_indicators(data, ()):
        model, _ = validate(Indikator, item, source)
        if model is None:
            invalid.add(str(item.get("kode")))
        else:
            valid.setdefault(model.kode, Letak(model, path, str(path[-3])))
    import_sheets(folder, root, copy.deepcopy(data), source, valid, problems, frozenset(invalid))


def _raw_indicators(node: Any, loc: FieldPath) -> list[tuple[FieldPath, dict[str, Any]]]:
    """Every mapping listed under an ``indikator`` key of the plain data, with its path."""
    found: list[tuple[FieldPath, dict[str, Any]]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "indikator" and isinstance(value, list):
                found += [(loc + (key, i), item) for i, item in enumerate(value) if isinstance(item, dict)]
            else:
                found += _raw_indicators(value, loc + (key,))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            found += _raw_indicators(item, loc + (i,))
    return found


def merge_sheets(content: KinerjaContent, root: Path, problems: Problems) -> None:
    """Merge each cycle's sheets (``impor:``) into its plan; a cycle whose merged plan is invalid is dropped.

    After the merge every indicator has its year's target, from the YAML or from a sheet."""
    for name, loaded in list(content.drafts.items()):
        merged = _merged(loaded, root, problems)
        if merged is None:
            del content.drafts[name]
            continue
        content.drafts[name] = replace(merged, misshapen=merged.misshapen | _tanpa_target(merged, problems))


def _merged(draft: Draft, root: Path, problems: Problems) -> Draft | None:
    """The draft with its sheets' figures, validated again; None when the merged plan is invalid."""
    impor, refused = import_sheets(draft.folder, root, draft.data, draft.source, draft.letak, problems)
    draft = replace(draft, misshapen=draft.misshapen | refused)
    if not impor:
        return draft
    model, found = validate(Kinerja, draft.data, draft.source)
    problems.extend(found)
    if model is None:
        return None
    return replace(draft, model=model, letak={item.indikator.kode: item for item in walk(model)}, impor=impor)


def _tanpa_target(draft: Draft, problems: Problems) -> frozenset[str]:
    """Indicators with no target from the YAML nor a sheet: an error at the empty 'target:' or at the kode."""
    sheets = ", ".join(draft.model.impor)
    missing = set()
    for kode, item in draft.letak.items():
        if item.indikator.target is not None:
            continue
        missing.add(kode)
        written = draft.source.keys.get(item.path + ("target",))
        where, rel = (written, "target") if written else (draft.source.at(*item.path, "kode"), "kode")
        lembar = f"isi kolom 'Target' baris kode {kode} pada lembar impor ({sheets})" if sheets else "isi kolom 'Target' baris kode ini pada lembar kerja yang didaftarkan di 'impor:'"
        problems.add(where, field_name(item.path + (rel,)), f"indikator {kode} belum punya target",
                     f"tulis 'target: <angka>' pada indikator ini di {KINERJA_FILE}, atau {lembar}.")
    return frozenset(missing)


def score_kinerja(content: KinerjaContent, problems: Problems) -> None:
    """Score every merged cycle into its :class:`Siklus`, earliest year first, each reading the earlier ones.

    A capaian that cannot be computed is an error at its figure."""
    lalu: dict[int, SiklusLalu] = {}
    for name, loaded in sorted(content.drafts.items(), key=lambda item: (item[1].model.tahun, item[0])):
        earlier = {t: s for t, s in lalu.items() if t < loaded.model.tahun}
        draft, dibaca = _read_earlier(loaded, earlier, problems)
        rekap = hitung_rekap(draft.model, content.policy, content.efisiensi, earlier)
        siklus = Siklus(name, draft.folder, draft.model, draft.source, draft.letak, draft.impor, rekap, dibaca)
        report_galat(siklus, draft.misshapen, problems)
        content.siklus[name] = siklus
        lalu[draft.model.tahun] = siklus_lalu(name, rekap)
    content.siklus = {n: content.siklus[n] for n in content.drafts if n in content.siklus}


def _read_earlier(draft: Draft, earlier: dict[int, SiklusLalu], problems: Problems) -> tuple[Draft, dict[tuple[str, int], str]]:
    """The draft with the earlier cycles' realisasi in its realisasi_lalu (validated again when any was read)."""
    dibaca = baca_siklus_lalu(draft.data, draft.source, draft.letak, earlier, problems)
    if not dibaca:
        return draft, dibaca
    model, found = validate(Kinerja, draft.data, draft.source)
    problems.extend(found)
    if model is None:
        return draft, {}
    return replace(draft, model=model, letak={item.indikator.kode: item for item in walk(model)}), dibaca


def report_galat(siklus: Siklus, skip: frozenset[str], problems: Problems) -> None:
    """Every capaian that could not be computed, at the figure it was computed against.

    ``skip``: indicators whose figures were already reported as misshapen (a second message about
    the same figure would only repeat the first).
    """
    for hasil in siklus.rekap.semua_indikator():
        if hasil.kode in skip:
            continue
        for galat in hasil.semua_galat:
            where, name = siklus.tempat(hasil.kode, galat.letak)
            capaian = f"capaian {galat.terhadap} {hasil.kode}" if galat.terhadap else f"capaian {hasil.kode}"
            hint = TANPA_TARGET_TRIWULAN if galat.letak[:2] == ("triwulan", "target") else ""
            problems.add(where, name, f"{capaian} tidak dapat dihitung: {galat}", hint)
