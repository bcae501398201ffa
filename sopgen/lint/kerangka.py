"""Values a skeleton of ``sopgen new`` leaves to fill in: ``"[isi: ...]"``, a warning until every one is replaced.

A skeleton checks as written, so an administrator can build it at once; what only the
administrator knows (a Keputusan's number, each judgement's note) is written as a placeholder
that ``sopgen check`` names, line by line, and that ``--strict`` (CI) refuses, so a record
left unfinished cannot be published as if it were filled in.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..content.documents import Doc
from ..content.yamlsource import FieldPath, field_name
from ..errors import Level, Problems

ISIAN = "[isi:"
CODE_ISIAN = "isian-kerangka"


def isian(what: str) -> str:
    """The placeholder a skeleton writes for ``what``: ``[isi: nomor Keputusan]``."""
    return f"{ISIAN} {what}]"


def lint_isian(doc: Doc[Any], problems: Problems) -> None:
    """Warn once per file, at its first placeholder, naming the line of every placeholder left."""
    left = [(path, value) for path, value in _texts(doc.model.model_dump(), ()) if value.startswith(ISIAN)]
    if not left:
        return
    path, value = left[0]
    lines = [str(doc.source.at(*p).line) for p, _ in left]
    others = f"; {len(left)} isian, baris {', '.join(lines)}" if len(left) > 1 else ""
    problems.add(
        doc.source.at(*path), field_name(path), f"isian kerangka belum diganti: {value}{others}",
        "ganti setiap [isi: ...] dengan isi sebenarnya (kerangka dari `sopgen new` menandai apa yang hanya Anda ketahui), "
        "atau hapus baris catatan yang tidak diperlukan.",
        Level.WARNING, CODE_ISIAN,
    )


def _texts(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    """Every text in a dumped model, with its field path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))
