"""Line bridges (hops) where two routed lines must cross (pure).

Where no free lane avoids it, a lane and a row-to-row line cross; a reader must still see which
way each runs, so the horizontal one bridges the vertical one with a small arc instead of
forming a four-way junction. Found per cell, after routing: a horizontal and a vertical segment
of one cell that pass through each other's inside, away from the symbol, a connector and any
junction dot. Positions relative to the cell's edges compare the same at any row height at
least the row's least one (rows only grow), so the least height decides.
"""

from __future__ import annotations

from .flowchart import Cell, Geometry, Point, Seg, at

HOP = 1.1
"""Half the width (mm) of a bridge: its arc's radius."""


def add_hops(cells: list[list[Cell]], geometry: Geometry) -> None:
    """Mark a hop in every cell where two of its lines cross (see the module docstring)."""
    for row in cells:
        height = 2 * max(cell.half for cell in row)
        for cell in row:
            cell.hops |= _crossings(cell, geometry, height)


def _drawable(x: Point, y: Point) -> bool:
    """A hop is placed by the cell's edges or its centre line (no ``calc()``, as every layer)."""
    return (x[0] in "LR" or x == ("C", 0.0)) and (y[0] in "TB" or y == ("M", 0.0))


def _crossings(cell: Cell, g: Geometry, height: float) -> set[tuple[Point, Point]]:
    horizontal = [s for s in cell.segs if s.axis == "h"]
    vertical = [s for s in cell.segs if s.axis == "v"]
    found = set()
    for h in horizontal:
        for v in vertical:
            width = cell.width(g)
            x, y = at(v.track, width), at(h.track, height)
            if not (_inside(x, h, width) and _inside(y, v, height)) or (v.track, h.track) in cell.dots:
                continue
            if _covered(cell, g, x - width / 2, y - height / 2) or not _drawable(v.track, h.track):
                continue
            found.add((v.track, h.track))
    return found


def _inside(value: float, seg: Seg, size: float) -> bool:
    return at(seg.start, size) + HOP < value < at(seg.end, size) - HOP


def _covered(cell: Cell, g: Geometry, dx: float, dy: float) -> bool:
    """The point (from the cell centre) lies under the symbol or a connector, whose fill hides the lines."""
    boxes = [(0.0, 0.0, cell.symbol.width / 2, cell.symbol.height / 2)] if cell.symbol else []
    boxes += [(p.dx, p.dy, g.pentagon[0] / 2, g.pentagon[1] / 2) for p in cell.pentagons]
    return any(abs(dx - cx) <= hw and abs(dy - cy) <= hh for cx, cy, hw, hh in boxes)
