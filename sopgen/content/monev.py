"""Loading the monitoring and evaluation records of SOPs: ``<jenis>/<sop id>/<periode>.yaml``.

Both forms are filed the same way, so one loader serves both kinds; the SOP page, the lints and
the forms' own PDFs read the records through :func:`catatan_sop`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from ..domain.periode import Periode, baca_periode
from ..errors import Position, Problems, relpath
from .documents import Doc, load_document
from .loader import Site
from .reading import subfolders

M = TypeVar("M")


@dataclass(frozen=True)
class Catatan(Generic[M]):
    """One record: the SOP it is about (its folder), the period (its file name), the document."""

    sop: str
    periode: Periode
    doc: Doc[M]


def load_catatan(site: Site, folder: str, model: Any, problems: Problems) -> list[Catatan[Any]]:
    """Every valid record under ``folder/``, in order of SOP and period; a file not named as a period is an error."""
    found: list[Catatan[Any]] = []
    base = site.root / folder
    if not base.exists():
        return found
    for sop_folder in subfolders(base, site.root, problems):
        for file in sorted(sop_folder.glob("*.y*ml")):
            periode = baca_periode(file.stem)
            if periode is None:
                problems.add(
                    Position(relpath(file, site.root)), "", f"nama berkas '{file.name}' bukan periode enam bulanan",
                    "beri nama <tahun>-1.yaml (Januari–Juni) atau <tahun>-2.yaml (Juli–Desember), mis. 2024-1.yaml.",
                )
                continue
            loaded = load_document(file, model, site.root, problems)
            if loaded:
                found.append(Catatan(sop_folder.name, periode, Doc(f"{sop_folder.name}/{periode.nama}", file, loaded[0], loaded[1])))
    return found


def catatan_sop(site: Site, jenis: str, sop: str) -> list[Catatan[Any]]:
    """The records of kind ``jenis`` (``monitoring``, ``evaluasi``) about one SOP, oldest first."""
    return sorted((c for c in site.documents.get(jenis, []) if c.sop == sop), key=lambda c: c.periode)
