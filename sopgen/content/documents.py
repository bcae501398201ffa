"""One content file, parsed and validated: the helpers every document kind's loader uses."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from ..errors import Position, Problem, Problems, relpath
from .reading import subfolders
from .validate import validate
from .yamlsource import SourceMap, YamlProblem, parse, read_text

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


Parsed = dict[tuple[str, str, Any], tuple[str, Loaded, list[Problem]]]
"""Files parsed before, by (file, name shown, schema): their text, what it gave, and the problems it gave."""

_PARSED: ContextVar[tuple[Parsed, bool] | None] = ContextVar("parsed", default=None)


@contextmanager
def parsed_before(memo: Parsed, *, reuse: bool) -> Iterator[None]:
    """In the block, every file parsed is kept in ``memo``; with ``reuse``, a file whose text is what ``memo``
    holds for it is not parsed and validated again.

    For the preview's quick build (:mod:`sopgen.refresh`): parsing is most of its time (4.6 of 6 s at
    1,500 SOPs), and an edit changes one file. The file is still read under the reading rule every
    time; its models are frozen, so one parse can serve the builds that follow."""
    token = _PARSED.set((memo, reuse))
    try:
        yield
    finally:
        _PARSED.reset(token)


def parse_document(file: Path, schema: Any, root: Path, problems: Problems, prepare: Prepare | None = None) -> Loaded | None:
    """Parse and validate one YAML file; None (with problems added) if it is not YAML at all."""
    shown = relpath(file, root)
    try:
        text, notes = read_text(file, shown, root)
    except YamlProblem as exc:
        problems.extend([exc.problem])
        return None
    memo, reuse = (_PARSED.get() if prepare is None else None) or (None, False)  # a prepared file reads another: not kept
    key = (str(file), shown, schema)
    if memo is not None and reuse and key in memo and memo[key][0] == text:
        problems.extend(notes + memo[key][2])
        return memo[key][1]
    found: list[Problem] = []
    try:
        data, source = parse(text, shown, found)
    except YamlProblem as exc:
        problems.extend([exc.problem])
        return None
    model, invalid = validate(schema, prepare(data, source) if prepare else data, source)
    found += invalid
    problems.extend(notes + found)
    loaded = Loaded(data, source, model)
    if memo is not None:
        memo[key] = (text, loaded, found)
    return loaded


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
