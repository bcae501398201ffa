"""Loading the Laporan Kinerja folders: ``laporan/<id>/laporan.yaml`` and its Markdown parts.

A missing or unreadable Markdown file is reported at the ``berkas:`` line that names it, so the
administrator sees which entry of the list to fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..domain.capaian import Capaian, KebijakanCapaian, Rumus, hitung_capaian
from ..domain.rekap import RekapIndikator
from ..errors import Position, Problems, relpath
from ..models.laporan import Bagian, Laporan, StandarNasional
from .documents import load_document
from .reading import ReadRefused, read_text, subfolders
from .yamlsource import SourceMap

LAPORAN_DIR = "laporan"
LAPORAN_FILE = "laporan.yaml"


@dataclass(frozen=True)
class TeksBagian:
    """One part's Markdown as read from disk, with the path shown in messages."""

    bagian: Bagian
    file: Path
    shown: str
    text: str


@dataclass(frozen=True)
class LaporanDoc:
    """A validated report folder: the YAML model, its source map, and the text of every part."""

    id: str
    folder: Path
    model: Laporan
    source: SourceMap
    bagian: tuple[TeksBagian, ...]

    @property
    def shown(self) -> str:
        return self.source.path


def load_laporan(root: Path, problems: Problems) -> dict[str, LaporanDoc]:
    """Every ``laporan/*/laporan.yaml`` of the site; a folder without one is reported."""
    found: dict[str, LaporanDoc] = {}
    for folder in subfolders(root / LAPORAN_DIR, root, problems):
        file = folder / LAPORAN_FILE
        if not file.is_file():
            problems.add(Position(relpath(folder, root)), "", f"folder laporan tanpa berkas {LAPORAN_FILE}", f"tambahkan {LAPORAN_FILE} atau hapus folder ini.")
            continue
        loaded = load_document(file, Laporan, root, problems)
        if loaded is None:
            continue
        model, source = loaded
        texts = []
        for index, bagian in enumerate(model.bagian):
            file = folder / bagian.berkas
            text = _read_markdown(file, root, source.at("bagian", index, "berkas"), problems)
            if text is not None:
                texts.append(TeksBagian(bagian, file, relpath(file, root), text))
        # Kept even when a part is missing (reported above), so its other parts and references are
        # still checked in this run; a build with that error never reaches rendering.
        found[folder.name] = LaporanDoc(folder.name, folder, model, source, tuple(texts))
    return found


def _read_markdown(file: Path, root: Path, named_at: Position, problems: Problems) -> str | None:
    """The file's UTF-8 text (BOM dropped); None, with a problem, when it cannot be used."""
    shown = relpath(file, root)
    if not file.is_file():
        problems.add(named_at, "berkas", f"berkas Markdown '{shown}' tidak ditemukan", "periksa nama berkas atau buat berkasnya.")
        return None
    try:
        return read_text(file, (root,), shown)[0]
    except ReadRefused as refused:
        problems.extend([refused.problem])
        return None


def capaian_standar(hasil: RekapIndikator, standar: StandarNasional, policy: KebijakanCapaian) -> Capaian | None:
    """The realisasi scored against a national standard with the indicator's own formula.

    None while the realisasi is not available; raises CapaianError when the standard does not fit
    the indicator (a label on a numeric indicator, a zero standard on a positif one).
    """
    if hasil.realisasi is None:
        return None
    rumus = Rumus(hasil.indikator.rumus) if hasil.indikator.rumus else None
    return hitung_capaian(hasil.polaritas, standar.nilai, hasil.realisasi, policy, rumus=rumus, skala=hasil.indikator.skala)
