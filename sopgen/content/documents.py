"""One content file, parsed and validated: the helpers every document kind's loader uses."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from ..errors import Position, Problems, relpath
from .reading import subfolders
from .validate import validate
from .yamlsource import SourceMap, YamlProblem, load_yaml

M = TypeVar("M")


@dataclass(frozen=True)
class Doc(Generic[M]):
    """A validated content file: its model, where it came from, and its source map."""

    id: str
    file: Path
    model: M
    source: SourceMap

    @property
    def shown(self) -> str:
        """The path as printed in messages."""
        return self.source.path


@dataclass(frozen=True)
class Loaded:
    """One parsed file: its plain data, its source map, and its model (None if invalid)."""

    data: Any
    source: SourceMap
    model: Any


Prepare = Callable[[Any, SourceMap], Any]
"""Turns a file's plain data into what is validated (a unit's site.yaml takes pemda.yaml's defaults)."""


def parse_document(file: Path, schema: Any, root: Path, problems: Problems, prepare: Prepare | None = None) -> Loaded | None:
    """Parse and validate one YAML file; None (with problems added) if it is not YAML at all."""
    shown = relpath(file, root)
    try:
        data, source, notes = load_yaml(file, shown, root)
    except YamlProblem as exc:
        problems.extend([exc.problem])
        return None
    problems.extend(notes)
    model, found = validate(schema, prepare(data, source) if prepare else data, source)
    problems.extend(found)
    return Loaded(data, source, model)


def load_document(file: Path, schema: Any, root: Path, problems: Problems, prepare: Prepare | None = None) -> tuple[Any, SourceMap] | None:
    """Parse and validate one YAML file; None (with problems added) if it cannot be used."""
    loaded = parse_document(file, schema, root, problems, prepare)
    return (loaded.model, loaded.source) if loaded and loaded.model is not None else None


def load_year_folders(root: Path, folder: str, file_name: str, schema: Any, what: str, problems: Problems) -> dict[str, Doc[Any]]:
    """One document per subfolder (``perjanjian/2024/perjanjian.yaml``), by folder name; a folder without the file is a problem.

    ``what`` names the document in the message ('perjanjian', 'rencana aksi').
    """
    found: dict[str, Doc[Any]] = {}
    for sub in subfolders(root / folder, root, problems):
        file = sub / file_name
        if not file.is_file():
            problems.add(Position(relpath(sub, root)), "", f"folder {what} tanpa berkas {file_name}", f"tambahkan {file_name} atau hapus folder ini.")
            continue
        loaded = load_document(file, schema, root, problems)
        if loaded:
            found[sub.name] = Doc(sub.name, file, loaded[0], loaded[1])
    return found
