"""A page plan of the flowchart estimated without laying it out, for ``sopgen check`` (pure).

The printed plan comes from WeasyPrint's measurement (``render/paginate.py``), about a second per
SOP: too slow for a check run on every save. The check only needs to know which arrows end up on
one page (those are routed, and may cross) and how full the pages are, so row heights are
estimated from the text's length in each column at the theme's size (9.5 pt, line height 1.25,
1.2 mm cell padding) and the same planner decides. An estimate: near a page's end it may put a
row on the other page than the PDF does; the warnings say "perkiraan".
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ..models.sop import Langkah
from .flow import Flow
from .flowchart import Geometry, Pages
from .flowchart_pages import grown_heights, loops, plan_pages
from .flowchart_sheet import Columns, Sheet

LINE = 9.5 * 1.25 * 25.4 / 72
"""Height (mm) of one line of table text."""
CHAR = 1.75
"""Average width (mm) of one character at 9.5 pt, word-wrap waste included."""
PADDING = 2 * 1.2
HEADER = 22.0
"""The repeated table header (PELAKSANA, the names, the column numbers), mm."""
CLOSING = 45.0
"""The signature block under the last row, mm."""


def _texts(step: Langkah) -> tuple[str, ...]:
    """The text columns of a row, in the table's order: uraian, the three Mutu Baku, keterangan."""
    mutu = step.mutu_baku
    return step.uraian, mutu.kelengkapan, mutu.waktu, mutu.output, step.keterangan


def text_height(text: str, width: float) -> float:
    """The estimated height (mm) of ``text`` wrapped in a cell ``width`` mm wide, padding included."""
    per_line = max(1, int((width - PADDING) / CHAR))
    lines = sum(max(1, math.ceil(len(part) / per_line)) for part in text.splitlines() or [""])
    return lines * LINE + PADDING


def estimated_pages(flow: Flow, langkah: Sequence[Langkah], geometry: Geometry, sheet: Sheet, columns: Columns) -> tuple[Pages, tuple[float, ...], float]:
    """The plan, the estimated row heights and the room for rows on a page."""
    widths = (columns.uraian, *columns.mutu_baku, columns.keterangan)
    heights = tuple(
        max(geometry.row_minimum(kind), *(text_height(t, w) for t, w in zip(_texts(step), widths, strict=True)))
        for kind, step in zip(flow.kinds, langkah, strict=True)
    )
    capacity = sheet.paper.width - sheet.margin[0] - sheet.margin[2] - HEADER
    pages = plan_pages(grown_heights(flow, geometry, heights), capacity, capacity, loops(flow), CLOSING)
    return pages, heights, capacity
