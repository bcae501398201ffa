"""How readable a routed flowchart is, measured from its geometry (pure).

The router (``flowchart_routes.py``) guarantees that every arrow meets its
symbol; this report says what a reader sees besides: lines that cross (with
or without a hop), branch labels that a line or a column border runs through,
lanes that run so close to a column border that they read as a double grid
line, connector pairs whose two ends are on one page (Permenpan RB 35/2012
allows the segilima only between pages), and, given measured row heights,
how full each page is and (from the PDF's final layout) how many pages hold
only the signature. ``sopgen check`` warns from it, and the tests assert
it over a corpus of hard shapes.

Every mark is placed in table coordinates (mm, x from the first pelaksana
column's left edge, y from the top of the first row), collinear pieces that
touch are joined, and a horizontal and a vertical line cross where each
passes through the other's inside, away from any symbol and any junction dot.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .flow import StepKind
from .flowchart import Layout, at, page_of
from .flowchart_labels import Box, crossed_by, label_box

EPS = 1e-6


@dataclass(frozen=True)
class Crossing:
    """Two lines crossing at (x, y) mm, in row ``row``; ``hop`` when one bridges the other."""

    row: int
    x: float
    y: float
    hop: bool


@dataclass(frozen=True)
class LabelHit:
    """A branch label of row ``row`` that a line or a column border (``what``) runs through."""

    row: int
    text: str
    what: str


@dataclass(frozen=True)
class Quality:
    """The figures of one laid-out flowchart; see the module docstring."""

    crossings: tuple[Crossing, ...]
    label_hits: tuple[LabelHit, ...]
    lane_border: float | None
    """The least distance (mm) of a lane from a column border; None without lanes."""
    same_page_pairs: tuple[str, ...]
    """Letters of the connector pairs whose two ends are on one page."""
    lone_closing_pages: int | None = None
    """Pages after the flowchart's last row that hold only the closing block (the signature), in a
    measured layout; None when the report is computed without one (``sopgen check``)."""

    @property
    def without_hop(self) -> tuple[Crossing, ...]:
        return tuple(c for c in self.crossings if not c.hop)

    def figures(self) -> dict[str, object]:
        """The report as plain numbers (for a test's message, a log line, a table)."""
        return {
            "crossings_without_hop": len(self.without_hop),
            "crossings_with_hop": len(self.crossings) - len(self.without_hop),
            "label_collisions": len(self.label_hits),
            "lane_border_mm": None if self.lane_border is None else round(self.lane_border, 2),
            "same_page_pairs": len(self.same_page_pairs),
            "lone_signature_pages": self.lone_closing_pages,
        }


@dataclass(frozen=True)
class _Line:
    x1: float
    y1: float
    x2: float
    y2: float
    row: int


def _rows_top(lay: Layout, heights: Sequence[float]) -> list[float]:
    """Each row's top; a page break adds a metre, so nothing joins or crosses across it."""
    on_page = page_of(lay.pages, len(lay.cells))
    tops, top = [], 0.0
    for row, height in enumerate(heights):
        if row and on_page[row] != on_page[row - 1]:
            top += 1000.0
        tops.append(top)
        top += height
    return tops


def _joined(lines: list[_Line], vertical: bool) -> list[_Line]:
    """Collinear pieces that touch, joined into one line (a lane runs through many cells)."""
    key = (lambda s: (round(s.x1, 4), s.y1)) if vertical else (lambda s: (round(s.y1, 4), s.x1))
    out: list[_Line] = []
    for line in sorted(lines, key=key):
        last = out[-1] if out else None
        if last and vertical and abs(last.x1 - line.x1) < EPS and line.y1 <= last.y2 + EPS:
            out[-1] = _Line(last.x1, last.y1, last.x2, max(last.y2, line.y2), last.row)
        elif last and not vertical and abs(last.y1 - line.y1) < EPS and line.x1 <= last.x2 + EPS:
            out[-1] = _Line(last.x1, last.y1, max(last.x2, line.x2), last.y2, last.row)
        else:
            out.append(line)
    return out


def quality(lay: Layout, heights: Sequence[float] | None = None, closing_page: int | None = None) -> Quality:
    """The report of ``lay``, its rows ``heights`` tall (mm; their least heights when not measured),
    the closing block landed on page ``closing_page`` (counted from the flowchart's first page).

    A row is never printed shorter than its drawing needs (the renderer gives it that least
    height), so an estimate below it is raised to it.
    """
    g = lay.geometry
    heights = [max(h, least) for h, least in zip(heights or lay.min_heights, lay.min_heights, strict=True)]
    tops = _rows_top(lay, heights)
    h_lines: list[_Line] = []
    v_lines: list[_Line] = []
    boxes: list[tuple[float, float, float, float]] = []
    dots: set[tuple[float, float]] = set()
    hops: set[tuple[float, float]] = set()
    labels: list[tuple[int, str, Box]] = []
    diamonds: list[Box] = []
    lanes: list[float] = []
    for row, cells in enumerate(lay.cells):
        top, height = tops[row], heights[row]
        for col, cell in enumerate(cells):
            left, width = col * g.column, cell.width(g)
            cx, cy = left + width / 2, top + height / 2
            for seg in cell.segs:
                if seg.axis == "v":
                    x = left + at(seg.track, width)
                    v_lines.append(_Line(x, top + at(seg.start, height), x, top + at(seg.end, height), row))
                    border = min(x % g.column, g.column - x % g.column)
                    if seg.track[0] != "C" and abs(border - g.column / 2) > EPS:  # a lane, not a line down a column's centre
                        lanes.append(border)
                else:
                    y = top + at(seg.track, height)
                    h_lines.append(_Line(left + at(seg.start, width), y, left + at(seg.end, width), y, row))
            for dot_x, dot_y in cell.dots:
                dots.add((round(left + at(dot_x, width), 3), round(top + at(dot_y, height), 3)))
            for hop_x, hop_y in cell.hops:
                hops.add((round(left + at(hop_x, width), 3), round(top + at(hop_y, height), 3)))
            if cell.symbol:
                box = (cx - cell.symbol.width / 2, cy - cell.symbol.height / 2, cx + cell.symbol.width / 2, cy + cell.symbol.height / 2)
                boxes.append(box)
                if cell.symbol.kind is StepKind.KEPUTUSAN:
                    diamonds.append(box)
            for p in cell.pentagons:
                boxes.append((cx + p.dx - g.pentagon[0] / 2, cy + p.dy - g.pentagon[1] / 2, cx + p.dx + g.pentagon[0] / 2, cy + p.dy + g.pentagon[1] / 2))
            for label in cell.labels:
                if label.role == "branch":
                    labels.append((row, label.text, label_box(label, cx, cy, g)))
    h_lines, v_lines = _joined(h_lines, vertical=False), _joined(v_lines, vertical=True)
    crossings = _crossings(h_lines, v_lines, boxes, dots, hops)
    shapes = [box for box in boxes if box not in diamonds]
    return Quality(
        crossings, _label_hits(labels, h_lines, v_lines, g.column, len(lay.cells[0]) if lay.cells else 0, shapes, diamonds),
        min(lanes) if lanes else None, _same_page_pairs(lay),
        None if closing_page is None else max(0, closing_page - page_of(lay.pages, len(lay.cells))[-1]),
    )


def _crossings(
    h_lines: list[_Line], v_lines: list[_Line], boxes: list[tuple[float, float, float, float]],
    dots: set[tuple[float, float]], hops: set[tuple[float, float]],
) -> tuple[Crossing, ...]:
    found = []
    for h in h_lines:
        for v in v_lines:
            x, y = v.x1, h.y1
            if not (h.x1 + EPS < x < h.x2 - EPS and v.y1 + EPS < y < v.y2 - EPS):
                continue
            if (round(x, 3), round(y, 3)) in dots or any(a <= x <= c and b <= y <= d for a, b, c, d in boxes):
                continue
            found.append(Crossing(h.row, x, y, hop=(round(x, 3), round(y, 3)) in hops))
    return tuple(found)


def _label_hits(
    labels: list[tuple[int, str, Box]], h_lines: list[_Line], v_lines: list[_Line], column: float, count: int,
    shapes: list[Box], diamonds: list[Box],
) -> tuple[LabelHit, ...]:
    """Branch labels that a line, a symbol (a diamond by its own outline), a connector or a column
    border passes through."""
    h = [(line.x1, line.y1, line.x2, line.y2) for line in h_lines]
    v = [(line.x1, line.y1, line.x2, line.y2) for line in v_lines]
    borders = [border * column for border in range(count + 1)]
    hits = []
    for row, text, box in labels:
        what = crossed_by(box, h, v, borders, shapes, diamonds)
        if what:
            hits.append(LabelHit(row, text, what))
    return tuple(hits)


def _same_page_pairs(lay: Layout) -> tuple[str, ...]:
    on_page = page_of(lay.pages, len(lay.cells))
    return tuple(sorted({p.letter for p in lay.connectors if on_page[p.out_at[0]] == on_page[p.in_at[0]]}))


def page_fill(pages: Sequence[tuple[int, int]], heights: Sequence[float], first_capacity: float, capacity: float) -> tuple[float, ...]:
    """The share of each page's room for rows that its rows fill (measured heights, mm)."""
    return tuple(sum(heights[first:last + 1]) / (first_capacity if index == 0 else capacity) for index, (first, last) in enumerate(pages))
