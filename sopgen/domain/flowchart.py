"""Pure layout of the SOP flowchart table: symbols, routed arrows, page breaks and connectors.

The flowchart is drawn inside the pelaksana cells of the table, one symbol per
row. Every line belongs to one cell of one row, so the drawing survives any row
height: the renderer turns each cell's marks into CSS background layers
anchored at the cell's top, centre or bottom (see ``render/flowchart.py``).

Coordinates are in mm. A vertical position is ``("T"|"M"|"B", offset)`` from
the row's top edge, middle or bottom edge; a horizontal one ``("L"|"C"|"R",
offset)`` from the cell's left edge, centre or right edge. Symbols sit at the
cell's centre, so an arrow always meets them whatever the row grows to.

Routing:
- the row below is reached by a line down, then (other column) across at
  ``y0`` below the next row's top, then down into the symbol;
- any other arrow (a decision's branch, a ``lanjut`` that skips or goes back)
  leaves the symbol's side, runs up or down a *lane* near a column edge and
  enters the target's side;
- an arrow whose ends land on different pages is cut into a pair of off-page
  connectors (pentagons) with the same letter: below the source symbol and
  above the target for the row-to-row flow, beside the symbols for a lane.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .flow import Edge, Flow, StepKind

Point = tuple[str, float]
Pages = tuple[tuple[int, int], ...]
"""Rows per page, as inclusive (first, last) row indexes."""

_ORDER = {"L": 0, "T": 0, "C": 1, "M": 1, "R": 2, "B": 2}


@dataclass(frozen=True)
class Geometry:
    """Sizes of the drawing, derived from the pelaksana column width so narrow columns still fit."""

    column: float
    y0: float = 2.0
    arrow: float = 1.8
    gap: float = 1.4
    stem: float = 3.4
    pentagon: tuple[float, float] = (6.0, 5.6)
    label: float = 2.8
    line: float = 0.3

    @property
    def symbol_width(self) -> float:
        return max(9.0, min(16.0, self.column - 10.0))

    @property
    def lanes(self) -> tuple[float, ...]:
        """Lane offsets from a column edge that clear a centred symbol, inner first (short loops nest inside)."""
        room = (self.column - self.symbol_width) / 2
        return tuple(o for o in (4.0, 2.0) if o + 0.8 <= room) or (min(2.0, room / 2),)

    def size(self, kind: StepKind) -> tuple[float, float]:
        return self.symbol_width, {StepKind.KEPUTUSAN: 10.0, StepKind.PROSES: 7.5}.get(kind, 7.0)

    def base_half(self, kind: StepKind) -> float:
        """Half the row height a symbol needs: room above it for an arrow coming across at ``y0``."""
        h = self.size(kind)[1]
        below = self.label + 0.6 if kind is StepKind.KEPUTUSAN else 0.0
        return h / 2 + max(self.y0 + self.arrow + 0.8, below)

    def in_pentagon_dy(self, kind: StepKind) -> float:
        """Centre of the connector that starts a page, above the symbol."""
        return -(self.size(kind)[1] / 2 + self.arrow + self.gap + self.pentagon[1] / 2)

    def out_pentagon_dy(self, kind: StepKind) -> float:
        """Centre of the connector that ends a page, below the symbol (room for a "Ya" label)."""
        return self.size(kind)[1] / 2 + self.stem + self.arrow + self.pentagon[1] / 2

    def row_minimum(self, kind: StepKind, cut_in: bool = False, cut_out: bool = False) -> float:
        """The least row height (mm) for a symbol, with connectors above/below when the page breaks."""
        half = self.base_half(kind)
        if cut_in:
            half = max(half, -self.in_pentagon_dy(kind) + self.pentagon[1] / 2 + 1.0)
        if cut_out:
            half = max(half, self.out_pentagon_dy(kind) + self.pentagon[1] / 2 + 1.0)
        return 2 * half


@dataclass(frozen=True)
class Seg:
    """A straight line inside one cell: on ``track`` (x for "v", y for "h") from ``start`` to ``end``."""

    axis: str
    track: Point
    start: Point
    end: Point


@dataclass(frozen=True)
class Symbol:
    kind: StepKind
    width: float
    height: float
    arrows: frozenset[str]
    """Sides that receive an arrowhead: "T" (from above), "L", "R"."""


@dataclass(frozen=True)
class Pentagon:
    """An off-page connector centred at (dx, dy) from the cell centre; ``arrow`` is where the flow enters it."""

    letter: str
    dx: float
    dy: float
    arrow: str | None


@dataclass(frozen=True)
class Label:
    """Text drawn as a real element: its box top at ``dy`` from the row centre.

    ``align`` "c" centres the text at ``dx``; "r" starts it ``dx`` right of the
    centre; "l" ends it ``dx`` left of the centre.
    """

    text: str
    role: str
    dx: float
    dy: float
    align: str


@dataclass
class Cell:
    """Everything drawn in one pelaksana cell of one row."""

    symbol: Symbol | None = None
    pentagons: list[Pentagon] = field(default_factory=list)
    segs: set[Seg] = field(default_factory=set)
    dots: set[tuple[Point, Point]] = field(default_factory=set)
    labels: list[Label] = field(default_factory=list)
    half: float = 0.0


@dataclass(frozen=True)
class ConnectorPair:
    """Two pentagons with one letter: the flow leaves at ``out_at`` and resumes at ``in_at`` (row, column)."""

    letter: str
    edge: Edge
    out_at: tuple[int, int]
    in_at: tuple[int, int]


@dataclass
class Layout:
    geometry: Geometry
    cells: list[list[Cell]]
    pages: Pages
    connectors: list[ConnectorPair]

    @property
    def min_heights(self) -> list[float]:
        """Least height of each row (mm): its tallest drawing, symmetric about the row centre."""
        return [2 * max(c.half for c in row) for row in self.cells]


def down_edges(flow: Flow) -> dict[int, Edge]:
    """Per source row, the one edge drawn straight down to the next row (a decision's first such branch)."""
    found: dict[int, Edge] = {}
    for edge in flow.edges:
        if edge.target == edge.source + 1 and edge.source not in found:
            found[edge.source] = edge
    return found


def lane_edges(flow: Flow) -> list[Edge]:
    """Edges that leave a symbol's side: skips, back edges, a decision's second branch."""
    down = set(down_edges(flow).values())
    return [e for e in flow.edges if e not in down]


def page_of(pages: Pages, count: int) -> list[int]:
    """The page index of every row; one page when there is no plan."""
    result = [0] * count
    for index, (first, last) in enumerate(pages):
        for row in range(first, last + 1):
            result[row] = index
    return result


def letters(count: int) -> list[str]:
    """Connector labels A, B, …, Z, AA, AB, …: short, and pairs read alike on both pages."""
    out = []
    for n in range(count):
        text, n = "", n + 1
        while n:
            n, rem = divmod(n - 1, 26)
            text = chr(65 + rem) + text
        out.append(text)
    return out


def layout(flow: Flow, geometry: Geometry, pages: Pages | None = None) -> Layout:
    """Place every symbol, route every edge, cut edges across ``pages`` into connector pairs."""
    if not flow.drawable:
        raise ValueError("flow has errors; report them before laying out the flowchart")
    count = len(flow.kinds)
    pages = pages or ((0, count - 1),)
    on_page = page_of(pages, count)
    builder = _Builder(flow, geometry)
    cut: list[tuple[Edge, bool]] = []
    for edge in down_edges(flow).values():
        if on_page[edge.source] == on_page[edge.target]:
            builder.down(edge)
        else:
            cut.append((edge, True))
    lanes = sorted(lane_edges(flow), key=lambda e: (abs(e.target - e.source), e.source))
    for edge in lanes:
        if on_page[edge.source] == on_page[edge.target]:
            builder.lane(edge)
        else:
            cut.append((edge, False))
    cut.sort(key=lambda item: (min(item[0].source, item[0].target), item[0].source))
    pairs = [builder.cut_down(e, letter) if is_down else builder.cut_side(e, letter)
             for (e, is_down), letter in zip(cut, letters(len(cut)))]
    builder.finish()
    return Layout(geometry, builder.cells, tuple(pages), pairs)


class _Builder:
    """Accumulates marks per cell while edges are routed; ports and lanes are claimed first come."""

    def __init__(self, flow: Flow, geometry: Geometry):
        self.flow, self.g = flow, geometry
        self.k = len(flow.pelaksana)
        self.cells = [[Cell() for _ in range(self.k)] for _ in flow.kinds]
        self.arrows: list[set[str]] = [set() for _ in flow.kinds]
        self.ports: dict[tuple[int, str], str] = {}
        self.busy: dict[tuple[int, str, float], list[tuple[int, int]]] = {}
        for row, kind in enumerate(flow.kinds):
            self.cells[row][flow.columns[row]].half = geometry.base_half(kind)
            if kind in (StepKind.MULAI, StepKind.SELESAI):
                self._label(row, flow.columns[row], "Mulai" if kind is StepKind.MULAI else "Selesai", "terminator", 0.0, 0.0, "c")

    def cell(self, row: int, col: int | None = None) -> Cell:
        return self.cells[row][self.flow.columns[row] if col is None else col]

    def _size(self, row: int) -> tuple[float, float]:
        return self.g.size(self.flow.kinds[row])

    def _label(self, row: int, col: int, text: str, role: str, dx: float, dy: float, align: str) -> None:
        """A label centred on ``dy`` when align is "c"; else its box top at ``dy``."""
        top = dy - self.g.label / 2 if align == "c" else dy
        cell = self.cells[row][col]
        cell.labels.append(Label(text, role, dx, top, align))
        cell.half = max(cell.half, abs(top), abs(top + self.g.label))

    def _v(self, row: int, col: int, x: Point, a: Point, b: Point) -> None:
        a, b = sorted((a, b), key=lambda p: (_ORDER[p[0]], p[1]))
        if a != b:
            self.cells[row][col].segs.add(Seg("v", x, a, b))

    def _h(self, row: int, y: Point, start: tuple[int, Point], end: tuple[int, Point]) -> None:
        """A horizontal line in one row from (column, x) to (column, x), split into cells."""
        (c1, x1), (c2, x2) = sorted((start, end), key=lambda e: (e[0], _ORDER[e[1][0]], e[1][1]))
        for col in range(c1, c2 + 1):
            a = x1 if col == c1 else ("L", 0.0)
            b = x2 if col == c2 else ("R", 0.0)
            if a != b:
                self.cells[row][col].segs.add(Seg("h", y, a, b))

    def down(self, edge: Edge) -> None:
        """Row to next row: down, across at ``y0`` when the column changes, down into the symbol."""
        s, t = edge.source, edge.target
        a, b = self.flow.columns[s], self.flow.columns[t]
        centre, mid = ("C", 0.0), ("M", 0.0)
        self._v(s, a, centre, mid, ("B", 0.0))
        if a == b:
            self._v(t, b, centre, ("T", 0.0), mid)
        else:
            y0 = ("T", self.g.y0)
            self._v(t, a, centre, ("T", 0.0), y0)
            self._h(t, y0, (a, centre), (b, centre))
            self._v(t, b, centre, y0, mid)
            self.cell(t, a).dots.add((centre, y0))
            self.cell(t, b).dots.add((centre, y0))
        self.arrows[t].add("T")
        self._branch_label_down(edge)

    def _branch_label_down(self, edge: Edge) -> None:
        if edge.label:
            h = self._size(edge.source)[1]
            self._label(edge.source, self.flow.columns[edge.source], edge.label, "branch", 0.8, h / 2 + 0.2, "r")

    def _branch_label_side(self, edge: Edge, side: str, upward: bool) -> None:
        """Beside the diamond's vertex, on the side of the line away from where the lane turns."""
        if edge.label:
            w = self._size(edge.source)[0]
            dy = 0.3 if upward else -(self.g.label + 0.3)
            self._label(edge.source, self.flow.columns[edge.source], edge.label, "branch", w / 2 + 0.4, dy, "r" if side == "R" else "l")

    def _port_free(self, row: int, side: str, role: str) -> bool:
        taken = self.ports.get((row, side))
        return taken is None or (taken == "in" and role == "in")

    def _lane_candidates(self, edge: Edge) -> list[tuple[str, int, float]]:
        a, c = self.flow.columns[edge.source], self.flow.columns[edge.target]
        sides = ["L", "R"] if c < a else ["R", "L"]
        out = []
        for side in sides:
            near = max(a, c) if side == "R" else min(a, c)
            far = range(near, self.k) if side == "R" else range(near, -1, -1)
            out += [(side, col, o) for col in far for o in self.g.lanes]
        return out

    def _claim_lane(self, edge: Edge) -> tuple[str, int, float]:
        lo, hi = sorted((edge.source, edge.target))
        fallback = None
        for side, col, offset in self._lane_candidates(edge):
            if not (self._port_free(edge.source, side, "out") and self._port_free(edge.target, side, "in")):
                continue
            spans = self.busy.setdefault((col, side, offset), [])
            if all(hi < s or lo > e for s, e in spans):
                spans.append((lo, hi))
                return side, col, offset
            fallback = fallback or (side, col, offset)
        if fallback is None:  # both ports taken: share the first candidate rather than drop the arrow
            fallback = self._lane_candidates(edge)[0]
        side, col, offset = fallback
        self.busy.setdefault((col, side, offset), []).append((lo, hi))
        return fallback

    def lane(self, edge: Edge) -> None:
        """A side branch: across to a lane, up or down it, across into the target's side."""
        s, t = edge.source, edge.target
        side, col, offset = self._claim_lane(edge)
        self.ports[(s, side)] = "out"
        self.ports.setdefault((t, side), "in")
        x = ("R", -offset) if side == "R" else ("L", offset)
        centre, mid = ("C", 0.0), ("M", 0.0)
        upward = t < s
        self._h(s, mid, (self.flow.columns[s], centre), (col, x))
        self._v(s, col, x, mid, ("T", 0.0) if upward else ("B", 0.0))
        for row in range(min(s, t) + 1, max(s, t)):
            self._v(row, col, x, ("T", 0.0), ("B", 0.0))
        self._v(t, col, x, mid, ("B", 0.0) if upward else ("T", 0.0))
        self._h(t, mid, (col, x), (self.flow.columns[t], centre))
        self.cells[s][col].dots.add((x, mid))
        self.cells[t][col].dots.add((x, mid))
        self.arrows[t].add(side)
        self._branch_label_side(edge, side, upward)

    def cut_down(self, edge: Edge, letter: str) -> ConnectorPair:
        """Row-to-row flow across a page break: a connector below the source, its twin above the target."""
        s, t = edge.source, edge.target
        a, b = self.flow.columns[s], self.flow.columns[t]
        g, centre = self.g, ("C", 0.0)
        out_dy = g.out_pentagon_dy(self.flow.kinds[s])
        self._v(s, a, centre, ("M", 0.0), ("M", out_dy - g.pentagon[1] / 2 - g.arrow))
        self._pentagon(s, a, Pentagon(letter, 0.0, out_dy, "T"))
        in_dy = g.in_pentagon_dy(self.flow.kinds[t])
        self._v(t, b, centre, ("M", in_dy + g.pentagon[1] / 2), ("M", 0.0))
        self._pentagon(t, b, Pentagon(letter, 0.0, in_dy, None))
        self.arrows[t].add("T")
        self._branch_label_down(edge)
        return ConnectorPair(letter, edge, (s, a), (t, b))

    def _side_for_connector(self, row: int, role: str) -> str:
        col = self.flow.columns[row]
        for side in ("R", "L"):
            exists = col + 1 < self.k if side == "R" else col > 0
            if (exists or self.k == 1) and self._port_free(row, side, role):
                return side
        return "R" if col + 1 < self.k or self.k == 1 else "L"

    def _beside(self, row: int, side: str, letter: str, entering: bool) -> int:
        """Put a connector beside the row's symbol (next column, or inside a lone wide column)."""
        col = self.flow.columns[row]
        sign = 1 if side == "R" else -1
        mid, centre = ("M", 0.0), ("C", 0.0)
        arrow = ("L" if side == "R" else "R") if entering else None
        if self.k == 1:
            dx = sign * (self.g.column / 2 - self.g.pentagon[0] / 2 - 0.6)
            self._h(row, mid, (col, centre), (col, ("C", dx)))
            self._pentagon(row, col, Pentagon(letter, dx, 0.0, arrow))
            return col
        other = col + sign
        self._h(row, mid, (col, centre), (other, centre))
        self._pentagon(row, other, Pentagon(letter, 0.0, 0.0, arrow))
        return other

    def cut_side(self, edge: Edge, letter: str) -> ConnectorPair:
        """A lane edge whose ends are on different pages: connectors beside source and target."""
        s, t = edge.source, edge.target
        side_s = self._side_for_connector(s, "out")
        self.ports[(s, side_s)] = "out"
        out_col = self._beside(s, side_s, letter, entering=True)
        self._branch_label_side(edge, side_s, upward=False)
        side_t = self._side_for_connector(t, "in")
        self.ports.setdefault((t, side_t), "in")
        in_col = self._beside(t, side_t, letter, entering=False)
        self.arrows[t].add(side_t)
        return ConnectorPair(letter, edge, (s, out_col), (t, in_col))

    def _pentagon(self, row: int, col: int, pentagon: Pentagon) -> None:
        cell = self.cells[row][col]
        cell.pentagons.append(pentagon)
        cell.half = max(cell.half, abs(pentagon.dy) + self.g.pentagon[1] / 2 + 1.0)
        self._label(row, col, pentagon.letter, "connector", pentagon.dx, pentagon.dy - self.g.pentagon[1] * 0.08, "c")

    def finish(self) -> None:
        for row, kind in enumerate(self.flow.kinds):
            w, h = self.g.size(kind)
            self.cell(row).symbol = Symbol(kind, w, h, frozenset(self.arrows[row]))


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


def plan_pages(heights: RowHeights, first_capacity: float, capacity: float, loops: Sequence[tuple[int, int]] = ()) -> Pages:
    """Fill pages greedily with whole rows, keeping a decision's loop on one page when it fits."""
    count = len(heights.plain)

    def total(first: int, last: int) -> float:
        return sum(heights.of(r, r == first and first > 0, r == last and last < count - 1) for r in range(first, last + 1))

    pages: list[tuple[int, int]] = []
    start, room = 0, first_capacity
    while start < count:
        end = start
        for last in range(start, count):
            if sum(heights.plain[start:last + 1]) > room:
                break
            if total(start, last) <= room:
                end = last
        end = _keep_loops(start, end, count, loops, lambda a, b: total(a, b) <= capacity, lambda a, b: total(a, b) <= room)
        pages.append((start, end))
        start, room = end + 1, capacity
    return tuple(pages)


def _keep_loops(start: int, end: int, count: int, loops, fits_fresh, fits_here) -> int:  # type: ignore[no-untyped-def]
    """Move a break before a loop that it would split, when the loop fits a page of its own."""
    changed = True
    while changed and end < count - 1:
        changed = False
        for lo, hi in loops:
            if start < lo <= end < hi and fits_fresh(lo, hi) and fits_here(start, lo - 1):
                end, changed = lo - 1, True
    return end
