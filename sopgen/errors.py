"""Content problems: what went wrong, where, and how to fix it.

Every check in sopgen (YAML syntax, validation, references, lints, sheet
imports) reports through :class:`Problem`, so the reporter can sort them and
print them one per line as ``path:line:col: field: message``. Messages are in
Bahasa Indonesia because the people who read them edit the content.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


class Level(str, Enum):
    """ERROR stops the build; WARNING stops it only under ``--strict``."""

    ERROR = "galat"
    WARNING = "peringatan"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one place of the content."""

    path: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""
    level: Level = Level.ERROR
    code: str = ""
    """A short name of the check (e.g. ``kolom-pelaksana-kosong``) so a document can silence a warning."""

    def format(self) -> str:
        """The one-line human form, e.g. ``a.yaml:14:5: langkah[3].pelaksana: ...``."""
        where = f"{self.path}:{self.line}:{self.column}"
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        if self.level is Level.WARNING:
            text = f"{where}: peringatan: " + text[len(where) + 2 :]
        if self.hint:
            text += f"; {self.hint}"
        return text


@dataclass(frozen=True)
class Position:
    """Where a value sits in its source file (1-based line and column)."""

    path: str
    line: int = 1
    column: int = 1


@dataclass
class Problems:
    """Collects problems across the whole site so one run reports them all."""

    items: list[Problem] = field(default_factory=list)

    def add(
        self,
        where: Position,
        fieldname: str,
        message: str,
        hint: str = "",
        level: Level = Level.ERROR,
        code: str = "",
    ) -> None:
        self.items.append(Problem(where.path, where.line, where.column, fieldname, message, hint, level, code))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.level is Level.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.level is Level.WARNING]

    def sorted(self) -> list[Problem]:
        """Sorted by file, line, column; duplicates dropped.

        A warning at the very place of an error is dropped too: the error already
        sends the user there, and one mistake should read as one line.
        """
        errors_at = {(p.path, p.line, p.column, p.field) for p in self.errors}
        kept = {p for p in self.items if p.level is Level.ERROR or (p.path, p.line, p.column, p.field) not in errors_at}
        return sorted(kept, key=lambda p: (p.path, p.line, p.column, p.field, p.message))

    def fails(self, strict: bool) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))


class ContentError(Exception):
    """Raised when content problems stop a build; carries every problem found."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} masalah pada konten")


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice ``word`` is most likely a misspelling of (case ignored), or None."""
    lowered = {c.lower(): c for c in choices}
    match = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[match[0]] if match else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ``maksud Anda 'x'?`` hint for the closest choice, or an empty string."""
    match = closest(word, choices)
    return f"maksud Anda '{match}'?" if match else ""


def relpath(path: Path, root: Path) -> str:
    """A path as the user knows it: relative to the current folder where possible.

    A symlink is shown by its own name, never by where it points (that may be a secret's path).
    """
    own = path.parent.resolve() / path.name if path.name not in ("", "..") else path.resolve()
    for base in (Path.cwd(), root.parent):
        try:
            return str(own.relative_to(base.resolve()))
        except ValueError:
            continue
    return str(path)
