"""The officials who sign (pejabat.yaml): loaded once, named by id from every signed document."""

from __future__ import annotations

from dataclasses import dataclass

from ..content.documents import parse_document
from ..content.loader import Site
from ..content.validate import validate
from ..content.yamlsource import SourceMap
from ..errors import Position, Problems, relpath
from ..lint.pejabat import lint_pejabat
from ..models.pejabat import Pejabat
from .base import Kind, Namespace, SourceFiles

PEJABAT_FILE = "pejabat.yaml"
PEJABAT_IDS = Namespace("pejabat", f"pejabat '{{}}' tidak ada di {PEJABAT_FILE}")


@dataclass(frozen=True)
class PejabatContent:
    """The valid entries of pejabat.yaml and its source map."""

    entries: dict[str, Pejabat]
    source: SourceMap


class PejabatKind(Kind):
    name = "pejabat"
    sources = (SourceFiles("pejabat", dict[str, Pejabat], PEJABAT_FILE, "Daftar pejabat penanda tangan; dokumen menyebut pejabat dengan id-nya."),)
    namespace = PEJABAT_IDS

    def load(self, site: Site, problems: Problems) -> None:
        content, declared = load_pejabat(site, problems)
        site.documents[self.name] = content
        site.declared[PEJABAT_IDS.name] = declared

    def lint(self, site: Site, problems: Problems) -> None:
        lint_pejabat(site, problems)


def load_pejabat(site: Site, problems: Problems) -> tuple[PejabatContent, set[str]]:
    """The valid pejabat with the file's source map, and every id written (valid or not)."""
    file = site.root / PEJABAT_FILE
    shown = relpath(file, site.root)
    empty = PejabatContent({}, SourceMap(shown))
    if not file.is_file():
        problems.add(Position(shown), "", f"berkas {PEJABAT_FILE} tidak ditemukan", "buat daftar pejabat penanda tangan di berkas ini.")
        return empty, set()
    loaded = parse_document(file, dict[str, Pejabat], site.root, problems)
    if loaded is None:
        return empty, set()
    entries = loaded.data if isinstance(loaded.data, dict) else {}
    if loaded.model is not None:
        return PejabatContent(loaded.model, loaded.source), set(entries)
    valid: dict[str, Pejabat] = {}
    for key, entry in entries.items():
        model, _ = validate(Pejabat, entry, loaded.source)  # already reported above
        if model is not None:
            valid[key] = model
    return PejabatContent(valid, loaded.source), set(entries)
