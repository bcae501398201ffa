"""Branch labels ("Ya"/"Tidak") moved off the lines and borders that cross them (pure).

One side rule, everywhere: a branch label stands **above** the horizontal piece of its line that
it names (its box's bottom :data:`LIFT` above the line), and beside the stem below a diamond, off
the side the stem turns to. Above, because the row-to-row arrow leaves the diamond's bottom and
its "Ya" and the connector ending a page sit below; and one side, so a reader finds every label
in the same place.

The router places a branch label beside the diamond's vertex (or past the next border, see
``flowchart_routes._branch_label``). In a narrow column or a crowded row a column border, a
lane or a connector may still run through it; this pass, after routing, moves only such a label
to the first free place on its own line, still above it: beside the vertex, then just past each
border the line crosses, then lifted beside the vertex along the diamond's upper slope, where the
label starts further in, so it fits between the diamond and a lane that turns inside the
decision's own column (a 19-32 mm column leaves 3-5 mm there, "Tidak" is 5.75 mm) or clears the
lane or connector that cut it. A label that nothing crosses stays where it is, so a flowchart
that was right is drawn as before. The quality report (``flowchart_quality.py``) uses the same
test, :func:`crossed_by`.

Positions are in mm within one row: x from the first pelaksana column's left edge, y from the
row's centre; the row is taken at its least height (rows only grow, moving edge-anchored lines
away from the centre, where the labels are).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from .flow import StepKind
from .flowchart import BORDER_GAP, Cell, Geometry, Label, at, label_width

Box = tuple[float, float, float, float]
"""(x1, y1, x2, y2), mm."""
INSET = 0.15
"""A line that only touches a label's box does not cross it."""
LIFT = 0.3
"""Room (mm) between a branch label's box and the line it stands above."""
SYMBOL_GAP = 0.5
"""Room (mm) between a branch label and the diamond beside it, along the label's bottom edge."""
LIFT_STEP = 0.1
"""How far (mm) each try of a label lifted along the diamond's slope rises over the one before."""
CLEAR = 0.3
"""Room (mm) a lifted label keeps from every line but its own where it can: its letters stand about
0.6 mm inside the box, so a line touching the box (the last try) still passes clear of them."""
ROW_EDGE = 1.0
"""Least room (mm) between a lifted label and the row's top edge, a grid line of the table."""


def crossed_by(box: Box, h_lines: Iterable[Box], v_lines: Iterable[Box], borders: Iterable[float],
               shapes: Iterable[Box] = (), diamonds: Iterable[Box] = ()) -> str | None:
    """What runs through a label's ``box``: "garis" (a line, a symbol or connector's box, a diamond
    given by its bounding box), "batas kolom", or None."""
    a, b, c, d = box[0] + INSET, box[1] + INSET, box[2] - INSET, box[3] - INSET
    if any(a < v[0] < c and v[1] < d and v[3] > b for v in v_lines) or any(b < h[1] < d and h[0] < c and h[2] > a for h in h_lines):
        return "garis"
    if any(a < s[2] and s[0] < c and b < s[3] and s[1] < d for s in shapes):
        return "garis"
    if any(_in_diamond((a, b, c, d), diamond) for diamond in diamonds):
        return "garis"
    if any(a < x < c for x in borders):
        return "batas kolom"
    return None


def _in_diamond(box: Box, diamond: Box) -> bool:
    """The box overlaps the diamond drawn in ``diamond``'s bounding box: the box's point nearest the
    diamond's centre lies inside it (|x|/half width + |y|/half height < 1)."""
    cx, cy = (diamond[0] + diamond[2]) / 2, (diamond[1] + diamond[3]) / 2
    hw, hh = (diamond[2] - diamond[0]) / 2, (diamond[3] - diamond[1]) / 2
    x = min(max(cx, box[0]), box[2]) - cx
    y = min(max(cy, box[1]), box[3]) - cy
    return abs(x) / hw + abs(y) / hh < 1.0


def label_box(label: Label, centre_x: float, centre_y: float, g: Geometry) -> Box:
    """The printed box of a label whose cell centre is at (``centre_x``, ``centre_y``)."""
    width = label_width(label.text)
    x1 = {"r": centre_x + label.dx, "l": centre_x - label.dx - width}.get(label.align, centre_x + label.dx - width / 2)
    return x1, centre_y + label.dy, x1 + width, centre_y + label.dy + g.label


def settle_labels(cells: list[list[Cell]], g: Geometry) -> None:
    """Move every branch label that something crosses to the first free place on its line."""
    for row in cells:
        _settle_row(row, g, 2 * max(cell.half for cell in row))


def _settle_row(row: list[Cell], g: Geometry, height: float) -> None:
    h_lines, v_lines, shapes, diamonds = _marks(row, g, height)
    borders = [col * g.column for col in range(len(row) + 1)]
    source = next((col for col, cell in enumerate(row) if cell.symbol), None)
    if source is None:
        return
    for col, cell in enumerate(row):
        for label in [lab for lab in cell.labels if lab.role == "branch"]:
            others = [_box_of(g, c, lab) for c, other in enumerate(row) for lab in other.labels if lab is not label]
            here = _box_of(g, col, label)
            if crossed_by(here, h_lines, v_lines, borders, shapes + others, diamonds) is None:
                continue
            for box, clear in _candidates(row, g, source, here, h_lines, height):
                wide = (box[0] - clear, box[1] - clear, box[2] + clear, box[3])
                if crossed_by(wide, h_lines, v_lines, borders, shapes + others, diamonds) is None:
                    _move(row, g, col, label, box)
                    break


def _box_of(g: Geometry, col: int, label: Label) -> Box:
    """A label's box in row coordinates (x from the first pelaksana column, y from the row centre)."""
    return label_box(label, col * g.column + g.column / 2, 0.0, g)


def _marks(row: list[Cell], g: Geometry, height: float) -> tuple[list[Box], list[Box], list[Box], list[Box]]:
    """The row's lines (horizontal, vertical), the boxes of its symbol and connectors, and the
    bounding box of its diamond (kept apart: a label may stand beside its slope)."""
    h_lines: list[Box] = []
    v_lines: list[Box] = []
    shapes: list[Box] = []
    diamonds: list[Box] = []
    for col, cell in enumerate(row):
        left, width = col * g.column, cell.width(g)
        cx = left + width / 2
        for seg in cell.segs:
            if seg.axis == "v":
                x = left + at(seg.track, width)
                v_lines.append((x, at(seg.start, height) - height / 2, x, at(seg.end, height) - height / 2))
            else:
                y = at(seg.track, height) - height / 2
                h_lines.append((left + at(seg.start, width), y, left + at(seg.end, width), y))
        if cell.symbol:
            w, h = cell.symbol.width / 2, cell.symbol.height / 2
            (diamonds if cell.symbol.kind is StepKind.KEPUTUSAN else shapes).append((cx - w, -h, cx + w, h))
        for p in cell.pentagons:
            w, h = g.pentagon[0] / 2 + g.arrow, g.pentagon[1] / 2
            shapes.append((cx + p.dx - w, p.dy - h, cx + p.dx + w, p.dy + h))
    return h_lines, v_lines, shapes, diamonds


def _candidates(row: list[Cell], g: Geometry, source: int, box: Box, h_lines: Sequence[Box],
                height: float) -> Iterator[tuple[Box, float]]:
    """Places on the label's own line (the horizontal through the row's centre on the label's side
    of the symbol, up to where it turns), each above it (the module's side rule), with the room it
    must keep from other lines: beside the vertex, then past each border it crosses, then lifted
    along the diamond's upper slope, one :data:`LIFT_STEP` at a time, as long as it stays
    :data:`ROW_EDGE` below the row's top, :data:`CLEAR` from other lines, then touching them. A label not beside a vertex (beside the stem below) has none."""
    cell = row[source]
    assert cell.symbol is not None
    cx, half_w, half_h = source * g.column + g.column / 2, cell.symbol.width / 2, cell.symbol.height / 2
    right = box[0] >= cx + half_w - 1e-6
    if not right and box[2] > cx - half_w + 1e-6:
        return
    sign = 1.0 if right else -1.0
    pieces = sorted((min(sign * (h[0] - cx), sign * (h[2] - cx)), max(sign * (h[0] - cx), sign * (h[2] - cx)))
                    for h in h_lines if abs(h[1]) < 1e-6)
    reach = 0.0
    for a, b in pieces:
        if -1e-6 <= a <= reach + 1e-6:
            reach = max(reach, b)
    reach -= BORDER_GAP
    width = box[2] - box[0]

    def placed(start: float, lift: float) -> Box:
        x1 = cx + start if right else cx - start - width
        return x1, -lift - g.label, x1 + width, -lift

    borders = [sign * (b * g.column - cx) for b in range(len(row) + 1)]
    starts = [half_w + SYMBOL_GAP] + sorted(x + BORDER_GAP for x in borders if half_w < x < reach)
    for start in starts:
        if start + width <= reach:
            yield placed(start, LIFT), 0.0
    if cell.symbol.kind is not StepKind.KEPUTUSAN:
        return
    steps = int((height / 2 - ROW_EDGE - g.label - LIFT) / LIFT_STEP)
    for clear in (CLEAR, 0.0):
        for step in range(1, steps + 1):
            lift = LIFT + step * LIFT_STEP
            start = half_w * max(0.0, 1.0 - lift / half_h) + SYMBOL_GAP
            if start + width <= reach:
                yield placed(start, lift), clear


def _move(row: list[Cell], g: Geometry, col: int, label: Label, box: Box) -> None:
    """Put ``label`` at ``box``, in the cell holding it, centred there."""
    row[col].labels.remove(label)
    target = int((box[0] + box[2]) / 2 // g.column)
    centre = target * g.column + g.column / 2
    cell = row[target]
    cell.labels.append(Label(label.text, label.role, (box[0] + box[2]) / 2 - centre, box[1], "c"))
    cell.half = max(cell.half, abs(box[1]), abs(box[3]))
