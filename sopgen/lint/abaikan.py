"""Silencing warnings by code (``abaikan_peringatan``), for every document kind alike.

A document or an indicator lists the codes of warnings it accepts on purpose;
those warnings are dropped, errors never are, and an unknown code is itself
a warning with a did-you-mean.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..content.yamlsource import FieldPath, SourceMap, field_name
from ..errors import Level, Problem, did_you_mean

CODE_ABAIKAN = "abaikan-peringatan"


def silenced(
    found: list[Problem], abaikan: Sequence[str], known: Sequence[str],
    source: SourceMap, base: FieldPath = (), only_path: str | None = None,
) -> list[Problem]:
    """``found`` less the warnings whose code is in ``abaikan`` (in ``only_path`` if given), plus unknown codes."""
    for index, code in enumerate(abaikan):
        if code not in known:
            loc = base + ("abaikan_peringatan", index)
            where = source.at(*loc)
            hint = did_you_mean(code, known) or f"kode yang dikenal: {', '.join(known)}."
            found.append(Problem(where.path, where.line, where.column, field_name(loc), f"kode peringatan '{code}' tidak dikenal", hint, Level.WARNING, CODE_ABAIKAN))
    return [
        p for p in found
        if not (p.level is Level.WARNING and p.code in abaikan and (only_path is None or p.path == only_path))
    ]
