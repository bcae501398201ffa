"""A step done by several pelaksana together: one symbol across their adjacent columns (pure).

Real SOPs draw such a step as one box spanning the columns of everyone who does it. The router
(``flowchart_routes.py``) works column by column: the box's left side is in the first column
and its right side in the last, as a symbol of those columns would be; an arrow enters its top
(and leaves its bottom) at the centre of one of its columns, the one nearest the step it comes
from (goes to), so no line runs on a column border; and no lane may run by a border inside the
box. When the row is routed, :func:`merge_span` turns its cells into one cell across the
columns, the table's ``colspan`` (the Word copy's merged cell), with every mark moved into it.

A mark in a merged cell keeps its reference (``L``/``R`` from the cell's edges, ``C`` from its
centre) where it can, so a lane passing the row lines up with the same lane above and below
whatever the printed width; a line that ended at a column's centre under the box ends at the
merged cell's centre, where the box's white fill hides it just as well.
"""

from __future__ import annotations

from .flow import Flow
from .flowchart import Cell, Geometry, Label, Pentagon, Point, Seg, down_edges

MID: Point = ("M", 0.0)
CENTRE: Point = ("C", 0.0)


def meeting_columns(flow: Flow) -> tuple[list[int], list[int]]:
    """The column each row's top is entered in, and the one its bottom is left from.

    A row in one column uses it; a step done together is entered and left in the column of
    its span nearest the row-to-row neighbour (straight down when their columns overlap), else
    its first. Every arrow into the top joins there, so the symbol has one arrowhead on top.
    """
    top, bottom = list(flow.columns), list(flow.columns)
    for edge in down_edges(flow).values():
        (sf, sl), (tf, tl) = flow.span(edge.source), flow.span(edge.target)
        if sf <= tl and tf <= sl:  # overlapping spans: straight down in the first shared column
            bottom[edge.source] = top[edge.target] = max(sf, tf)
        elif sl < tf:
            bottom[edge.source], top[edge.target] = sl, tf
        else:
            bottom[edge.source], top[edge.target] = sf, tl
    return top, bottom


def merge_span(row: list[Cell], first: int, last: int, g: Geometry) -> None:
    """Make ``row[first]`` one cell across columns ``first``..``last`` holding all their marks; the
    others become covered (span 0). The symbol, already in ``row[first]``, is centred on the span."""
    merged = Cell(symbol=row[first].symbol, span=last - first + 1)
    for col in range(first, last + 1):
        cell = row[col]
        move = _Move(g, (col - first) * g.column, (last - col) * g.column, (col - (first + last) / 2) * g.column)
        merged.segs |= {move.seg(seg) for seg in cell.segs}
        merged.dots |= {(move.x(x), y) for x, y in cell.dots if not (x[0] == "C" and y[0] == "M")}
        merged.hops |= {(move.x(x), y) for x, y in cell.hops}
        merged.pentagons += [Pentagon(p.letter, p.dx + move.shift, p.dy, p.arrow) for p in cell.pentagons]
        merged.labels += [Label(lab.text, lab.role, lab.dx - move.shift if lab.align == "l" else lab.dx + move.shift, lab.dy, lab.align)
                          for lab in cell.labels]
        merged.half = max(merged.half, cell.half)
    row[first] = merged
    for col in range(first + 1, last + 1):
        row[col] = Cell(span=0)


class _Move:
    """Marks of one column moved into the merged cell: ``left``/``right`` mm from its edges to the
    column's, ``shift`` mm from its centre to the column's."""

    def __init__(self, g: Geometry, left: float, right: float, shift: float):
        self.g, self.left, self.right, self.shift = g, left, right, shift

    def x(self, point: Point, toward: str = "L") -> Point:
        """A horizontal position; the column's centre measured from the merged cell's ``toward`` edge."""
        ref, offset = point
        if ref == "L":
            return "L", self.left + offset
        if ref == "R":
            return "R", offset - self.right
        if toward == "R":
            return "R", offset - self.right - self.g.column / 2
        return "L", self.left + self.g.column / 2 + offset

    def seg(self, seg: Seg) -> Seg:
        if {seg.track[0], seg.start[0], seg.end[0]} <= {"C", "M"}:  # drawn with the symbol, from the centre
            if seg.axis == "v":
                return Seg("v", ("C", seg.track[1] + self.shift), seg.start, seg.end)
            return Seg("h", seg.track, ("C", seg.start[1] + self.shift), ("C", seg.end[1] + self.shift))
        if seg.axis == "v":
            return Seg("v", self.x(seg.track), seg.start, seg.end)
        return Seg("h", seg.track, self._end(seg, seg.start, seg.end), self._end(seg, seg.end, seg.start))

    def _end(self, seg: Seg, end: Point, other: Point) -> Point:
        """One end of a horizontal line: at a column's centre on the row's middle it is under the
        symbol, so it ends at the merged centre; elsewhere it keeps the other end's reference."""
        if end[0] == "C" and seg.track == MID:
            return CENTRE
        return self.x(end, toward="R" if other[0] == "R" else "L")
