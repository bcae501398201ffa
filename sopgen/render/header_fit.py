"""A pelaksana header never breaks inside a word: a word too wide for its column gets a smaller font.

The headers are names ("Kepala Seksi Ketenteraman dan Ketertiban Umum"): hyphenating them
("Ca-mat", "Se-ksi") or breaking them with no hyphen ("Sekretari|s") misprints a jabatan. The
width is measured with the theme's bundled Liberation Sans Bold (fontTools, already a WeasyPrint
dependency), so the PDF and the browser get the same size.
"""

from __future__ import annotations

import re

from .font_metrics import text_width

HEADER_PT = 9.5
"""The table's font size (static/css/flowchart.css ``.fc-table``)."""
SMALLEST_PT = 6.5
"""Below this a header is unreadable; a longer word then overflows rather than breaks."""
PADDING_MM = 1.2
"""The header's left and right padding together (``.fc-table th``)."""
_MM_PER_PT = 25.4 / 72
_BREAKS = re.compile(r"\s+|(?<=/)")
"""Where a header may wrap: at spaces, and after a slash ("Persyaratan/ Kelengkapan"), in both engines."""


def word_width_mm(word: str, size_pt: float) -> float:
    """The printed width of one word in Liberation Sans Bold."""
    return text_width(word, size_pt, bold=True) * _MM_PER_PT


def header_style(name: str, column_mm: float) -> str:
    """``font-size: 8pt`` when the name's widest word does not fit the column at the table's size."""
    room = column_mm - PADDING_MM
    widest = max(filter(None, _BREAKS.split(name)), key=lambda word: word_width_mm(word, HEADER_PT), default="")
    size = HEADER_PT
    while size > SMALLEST_PT and word_width_mm(widest, size) > room:
        size -= 0.5
    return "" if size == HEADER_PT else f"font-size: {size:g}pt"
