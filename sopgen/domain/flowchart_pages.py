"""Page breaks of the flowchart table from measured row heights (pure).

A page holds whole rows (``tr { break-inside: avoid }``). The last row of a
page grows when the flow leaves it through an off-page connector, the first
row of the next page when the flow resumes there; a decision's loop is kept
on one page when it fits on one and the page before it stays filled. The closing block after the table (the
signature) is printed with at least the last :data:`CLOSING_ROWS` rows: a page
holding only a signature is no page of the procedure, and an official signs
under the steps. The measuring itself is WeasyPrint's job
(``render/paginate.py``); this module only decides.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .flow import Flow
from .flowchart import Geometry, Pages, down_edges, lane_edges


@dataclass(frozen=True)
class RowHeights:
    """Measured row heights (mm) and what each becomes when it carries a connector."""

    plain: tuple[float, ...]
    first: tuple[float, ...]
    last: tuple[float, ...]
    both: tuple[float, ...]

    def of(self, row: int, first: bool, last: bool) -> float:
        table = self.both if first and last else self.first if first else self.last if last else self.plain
        return table[row]


def grown_heights(flow: Flow, geometry: Geometry, measured: Sequence[float], allowance: float = 0.3) -> RowHeights:
    """Each row's height as first/last on a page, where a connector makes the drawing taller."""
    down = down_edges(flow)
    has_in = {e.target for e in down.values()}
    rows = range(len(measured))

    def grown(row: int, cut_in: bool, cut_out: bool) -> float:
        need = geometry.row_minimum(flow.kinds[row], cut_in and row in has_in, cut_out and row in down)
        return max(measured[row], need + allowance)

    return RowHeights(
        tuple(measured),
        tuple(grown(r, True, False) for r in rows),
        tuple(grown(r, False, True) for r in rows),
        tuple(grown(r, True, True) for r in rows),
    )


def loops(flow: Flow) -> list[tuple[int, int]]:
    """Row spans of the arrows drawn up or down a lane: kept on one page when they fit."""
    return [(min(e.source, e.target), max(e.source, e.target)) for e in lane_edges(flow)]


LOOP_FILL = 0.6
"""A break moves before a decision's loop only when the page it shortens stays this full: a loop on
one page is worth a little paper, not a page 40-60 % empty (the off-page connectors are there for it)."""

CLOSING_ROWS = 2
"""The rows the closing block keeps with it on the last page: the last step and the one before."""


def plan_pages(
    heights: RowHeights, first_capacity: float, capacity: float, loops: Sequence[tuple[int, int]] = (), closing: float = 0.0,
) -> Pages:
    """Fill pages greedily with whole rows, keeping a decision's loop on one page when it fits and
    costs little (:data:`LOOP_FILL`), and the ``closing`` block (its measured height, mm) on the page of the last rows.

    A page ends either with the last row, the closing fitting under it, or at least
    :data:`CLOSING_ROWS` rows before the end, so the last page never holds the closing alone or
    with fewer rows (when a page can hold them at all).
    """
    count = len(heights.plain)

    def total(first: int, last: int) -> float:
        return sum(heights.of(r, r == first and first > 0, r == last and last < count - 1) for r in range(first, last + 1))

    def may_end(last: int) -> bool:
        return last == count - 1 or last < count - CLOSING_ROWS

    pages: list[tuple[int, int]] = []
    start, room = 0, first_capacity
    while start < count:
        end = start
        for last in range(start, count):
            if sum(heights.plain[start:last + 1]) > room:
                break
            if may_end(last) and total(start, last) + (closing if last == count - 1 else 0.0) <= room:
                end = last
        end = _keep_loops(start, end, count, loops, lambda a, b: total(a, b) <= capacity,
                          lambda a, b: LOOP_FILL * room <= total(a, b) <= room)  # noqa: B023 (called before room changes)
        pages.append((start, end))
        start, room = end + 1, capacity
    return tuple(pages)


def _keep_loops(
    start: int, end: int, count: int, loops: Sequence[tuple[int, int]],
    fits_fresh: Callable[[int, int], bool], fits_here: Callable[[int, int], bool],
) -> int:
    """Move a break before a loop that it would split, when the loop fits a page of its own and the
    rows before it still make a page (``fits_here``)."""
    changed = True
    while changed and end < count - 1:
        changed = False
        for lo, hi in loops:
            if start < lo <= end < hi and fits_fresh(lo, hi) and fits_here(start, lo - 1):
                end, changed = lo - 1, True
    return end
