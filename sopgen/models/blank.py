"""How Indonesian forms write "nothing", read and printed, declared once.

Content and the Tim SAKIP's sheets mark a value that is not set with nothing, a dash or two,
or an em dash; sopgen reads each of those as "not set" (``None``), never as 0. Documents print
a missing figure as "belum tersedia", an empty cell (nothing to show there) as an en dash, and
a date that is not set as ``--``, as official forms do.
"""

from __future__ import annotations

from typing import Any

BLANKS = frozenset({"", "-", "--", "—"})
"""What content writes for "not set" (after trimming spaces)."""

BELUM_TERSEDIA = "belum tersedia"
"""A value not reported yet (a realisasi, a budget figure): printed, never taken as 0."""

KOSONG = "–"
"""An empty cell where there is nothing to show (no target for that quarter, no indicator)."""

TANPA_TANGGAL = "--"
"""A date that is not set (a SOP never revised), as the identity table prints it."""


def is_blank(text: str) -> bool:
    """True for a text that only says "not set"."""
    return text.strip() in BLANKS


def blank_is_none(value: Any) -> Any:
    """A validator step: a blank text becomes None, anything else passes unchanged."""
    return None if isinstance(value, str) and is_blank(value) else value
