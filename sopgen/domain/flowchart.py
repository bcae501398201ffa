"""Pure layout of the SOP flowchart table: symbols, routed arrows, page breaks and connectors.

The flowchart is drawn inside the pelaksana cells of the table, one symbol per
row. Every line belongs to one cell of one row, so the drawing survives any row
height: the renderer turns each cell's marks into CSS background layers
anchored at the cell's top, centre or bottom (see ``render/flowchart.py``).

Coordinates are in mm. A vertical position is ``("T"|"M"|"B", offset)`` from
the row's top edge, middle or bottom edge; a horizontal one ``("L"|"C"|"R",
offset)`` from the cell's left edge, centre or right edge. Symbols sit at the
cell's centre, so an arrow always meets them whatever the row grows to.

Routing (``flowchart_routes.py``):
- the row below is reached by a line down, then (other column) across at
  ``y0`` below the next row's top, then down into the symbol;
- any other arrow (a decision's branch, a ``lanjut`` that skips or goes back)
  leaves the symbol's side, runs up or down a *lane* near a column edge and
  enters the target's side;
- an arrow whose ends land on different pages is cut into a pair of off-page
  connectors (pentagons) with the same letter: below the source symbol and
  above the target for the row-to-row flow, beside the symbols for a lane.

Page breaks are planned from measured heights in ``flowchart_pages.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .flow import Edge, Flow, StepKind

Point = tuple[str, float]
Pages = tuple[tuple[int, int], ...]
"""Rows per page, as inclusive (first, last) row indexes."""

ORDER = {"L": 0, "T": 0, "C": 1, "M": 1, "R": 2, "B": 2}


def at(point: Point, size: float) -> float:
    """A position in mm from the cell's left or top edge, the cell ``size`` mm wide or tall."""
    ref, offset = point
    return {"L": 0.0, "T": 0.0, "C": size / 2, "M": size / 2, "R": size, "B": size}[ref] + offset


LABEL_CHAR = 1.15
"""Width (mm) of one character of a branch label at 6.5 pt: half an em, a generous average of the theme's font."""
BORDER_GAP = 0.6
"""Least room (mm) between a branch label and a column border or a connector's arrow."""


def label_width(text: str) -> float:
    """The estimated printed width (mm) of a branch label; the router and the quality report agree on it."""
    return LABEL_CHAR * len(text)


LANE_BORDER = 2.0
"""Least distance (mm) of a lane from a column border: nearer, it reads as a double grid line."""
LANE_STEP = 1.6
"""Distance (mm) between two lanes side by side: far enough that they read as two lines."""


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
        """Narrower in a narrow column (down to 8 mm), so a lane keeps :data:`LANE_BORDER` from the border."""
        room_for_lane = self.column - 2 * (LANE_BORDER + self.arrow + 0.4)
        return max(8.0, min(9.0, room_for_lane), min(15.0, self.column - 12.0))

    @property
    def lanes(self) -> tuple[float, ...]:
        """Lane offsets from a column edge, inner first (short loops nest inside long ones).

        A lane must pass beside a symbol *and* the arrowhead on its side, so it
        lives in the room between those and the column edge.
        """
        room = self.column / 2 - self.symbol_width / 2 - self.arrow - 0.4
        outer = min(LANE_BORDER, room)
        inner = outer + LANE_STEP
        return (inner, outer) if inner <= room - 0.2 else (outer,)

    @property
    def spare_lanes(self) -> tuple[float, ...]:
        """Lanes further in, taken only when every one of :attr:`lanes` is busy over an arrow's rows.

        The segilima may only join pages (Permenpan RB 35/2012), so a crowded column routes one
        more line nearer its symbols rather than cut an arrow into a pair on one page. They stay
        clear of the arrowheads, and in a lone column of the connectors beside its symbols
        (``flowchart_routes._inside_dx``); an SOP that has room in its first lanes never sees them.
        """
        room = self.column / 2 - self.symbol_width / 2 - self.arrow - 0.4 - 0.2
        beside = self.column / 2 - (self.symbol_width / 2 + self.arrow + 0.8 + self.pentagon[0]) - BORDER_GAP
        last = min(room, beside) if beside > max(self.lanes) else room
        out, offset = [], max(self.lanes) + LANE_STEP
        while offset <= last + 1e-9:
            out.append(round(offset, 6))
            offset += LANE_STEP
        return tuple(out)

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
    top_dx: float = 0.0
    """Where the arrow into the top lands, from the centre: a symbol across several columns is
    entered at the centre of one of them (``flowchart_span.py``), never on a column border."""


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
    hops: set[tuple[Point, Point]] = field(default_factory=set)
    """Where a horizontal line bridges a vertical one (x of the vertical, y of the horizontal)."""
    span: int = 1
    """Columns the cell covers: several for a step done together (one cell across them, as the
    table's colspan), 0 for a column that such a cell on its left covers (nothing drawn there)."""

    def width(self, g: Geometry) -> float:
        """The cell's width (mm): its columns'."""
        return self.span * g.column


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
    for number in range(1, count + 1):
        text, n = "", number
        while n:
            n, rem = divmod(n - 1, 26)
            text = chr(65 + rem) + text
        out.append(text)
    return out
