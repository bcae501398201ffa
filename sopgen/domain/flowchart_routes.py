"""Routing of the flowchart: where each arrow runs, cell by cell (pure).

:func:`layout` places the symbols and routes every edge of a :class:`Flow`
into per-cell marks (see ``flowchart.py`` for the coordinates). The order of
claims matters and is the whole policy:

1. exits: every arrow leaving a symbol's side gets its side first (a
   decision has at most two such arrows; a side with a neighbouring column
   is preferred so a connector has room there);
2. row-to-row arrows (down, across at ``y0``, down);
3. lanes, shortest span first, so short loops nest inside long ones; a lane
   enters the target's side, or its top when an arrow leaves that side. In a
   crowded table an arrow takes, in turn, a spare lane further in, a lane by
   the far edge of a column beyond, a lane short of the target's column into
   its top, leaves by its symbol's free bottom to a lane on either side, and
   last by the symbol's other side when no arrow uses it (an SOP with room
   never reaches these, so its drawing is unchanged); should an arrow on one
   page still find no lane, steps 1-3 run again with the arrows taken by their
   first row (:data:`LANE_ORDERS`);
4. connectors for arrows across a page break (and, should every lane still
   be busy, for that arrow: the quality report counts such a pair on one
   page, which Permenpan RB 35/2012 does not allow): one where each arrow
   leaves, one per target row where the flow resumes (every arrow into that
   row carries the same letter).

A step done by several pelaksana together is routed in its columns as ``flowchart_span.py``
says (its sides in its outer columns, its top and bottom in one column, no lane by a border
inside it) and its cells are merged into one when the symbols are placed.
"""

from __future__ import annotations

from collections.abc import Callable

from .flow import Edge, Flow, StepKind
from .flowchart import (
    BORDER_GAP,
    ORDER,
    Cell,
    ConnectorPair,
    Geometry,
    Label,
    Layout,
    Pages,
    Pentagon,
    Point,
    Seg,
    Symbol,
    down_edges,
    label_width,
    lane_edges,
    letters,
    page_of,
)
from .flowchart_hops import add_hops
from .flowchart_labels import LIFT, settle_labels
from .flowchart_span import meeting_columns, merge_span


def layout(flow: Flow, geometry: Geometry, pages: Pages | None = None) -> Layout:
    """Place every symbol, route every edge (in the order above), cut edges across ``pages`` into connectors."""
    if not flow.drawable:
        raise ValueError("flow has errors; report them before laying out the flowchart")
    count = len(flow.kinds)
    pages = pages or ((0, count - 1),)
    on_page = page_of(pages, count)
    router, cut = _route(flow, geometry, on_page, LANE_ORDERS[0])
    for order in LANE_ORDERS[1:]:
        if not _on_one_page(cut, on_page):
            break
        retry = _route(flow, geometry, on_page, order)
        if _on_one_page(retry[1], on_page) < _on_one_page(cut, on_page):
            router, cut = retry
    # One connector where the flow resumes per target row (every cut arrow into it carries its
    # letter), one where it leaves per arrow; letters run in the order they first appear.
    into: dict[int, list[Edge]] = {}
    for edge in sorted(cut, key=lambda e: (min(e.source, e.target), e.source, e.target)):
        into.setdefault(edge.target, []).append(edge)
    letter_of = dict(zip(into, letters(len(into))))
    out_at = {edge: router.leave(edge, letter_of[edge.target]) for edges in into.values() for edge in edges}
    in_at = {target: router.resume(target, edges, letter_of[target]) for target, edges in into.items()}
    pairs = sorted((ConnectorPair(letter_of[e.target], e, out_at[e], in_at[e.target]) for e in out_at),
                   key=lambda p: (p.letter, p.out_at))
    router.finish()
    settle_labels(router.cells, geometry)
    add_hops(router.cells, geometry)
    return Layout(geometry, router.cells, tuple(pages), pairs)


LANE_ORDERS: tuple[Callable[[Edge], tuple[int, ...]], ...] = (
    lambda e: (abs(e.target - e.source), e.source, e.target),
    lambda e: (min(e.source, e.target), abs(e.target - e.source), e.source),
)
"""The orders in which arrows claim their exits and lanes: shortest span first, so short loops nest
inside long ones; and, only when that leaves an arrow on one page without a lane, the arrow whose
rows start highest first (shortest first among those), which packs spans into fewer lanes
(first-fit colouring of intervals by their first row); taken when it leaves fewer such arrows."""


def _on_one_page(cut: list[Edge], on_page: list[int]) -> int:
    """How many cut arrows start and end on one page (each would be a connector pair there)."""
    return sum(on_page[e.source] == on_page[e.target] for e in cut)


def _route(flow: Flow, geometry: Geometry, on_page: list[int], order: Callable[[Edge], tuple[int, ...]]) -> tuple[_Router, list[Edge]]:
    """Steps 1-3 above, side-leaving arrows taken in ``order``: the router and the arrows it cut
    (across a page break, or left without a lane)."""
    router = _Router(flow, geometry)
    sides = sorted(lane_edges(flow), key=order)
    for edge in sides:
        router.claim_exit(edge, crossing=on_page[edge.source] != on_page[edge.target])
    cut: list[Edge] = []
    for edge in down_edges(flow).values():
        if on_page[edge.source] == on_page[edge.target]:
            router.down(edge)
        else:
            cut.append(edge)
    for edge in sides:
        if on_page[edge.source] != on_page[edge.target] or not router.lane(edge):
            cut.append(edge)
    return router, cut


CENTRE: Point = ("C", 0.0)
MID: Point = ("M", 0.0)
TOP: Point = ("T", 0.0)
BOTTOM: Point = ("B", 0.0)


class _Router:
    """Accumulates marks per cell while edges are routed; ports and lanes are claimed first come."""

    def __init__(self, flow: Flow, geometry: Geometry):
        self.flow, self.g = flow, geometry
        self.k = len(flow.pelaksana)
        self.cells = [[Cell() for _ in range(self.k)] for _ in flow.kinds]
        self.arrows: list[set[str]] = [set() for _ in flow.kinds]
        self.ports: dict[tuple[int, str], str] = {}
        self.exits: dict[Edge, str] = {}
        self.busy: dict[tuple[int, str, float], list[tuple[int, int]]] = {}
        self.y0: Point = ("T", geometry.y0)
        self.turn: Point = ("B", -geometry.y0)
        """Where an arrow leaving a symbol's bottom turns to a lane, as far above the row's bottom as ``y0`` is below its top."""
        self.down_in: set[Edge] = set(down_edges(flow).values())
        self.top_lanes: set[int] = set()
        """Rows a lane enters by the top (at ``y0``): a connector where the flow resumes there cannot sit
        right above the symbol, so it sits beside it or over the top (see :meth:`resume`)."""
        for edge in self.down_in:
            self.ports[(edge.source, "B")] = "out"
        self.top, self.bottom = meeting_columns(flow)
        self.covered: dict[tuple[int, str], set[int]] = {}
        """Lanes no arrow may take: by the borders inside a step done together, whose symbol they would cross."""
        for row, kind in enumerate(flow.kinds):
            first, last = flow.span(row)
            for col in range(first, last):
                self.covered.setdefault((col, "R"), set()).add(row)
                self.covered.setdefault((col + 1, "L"), set()).add(row)
            self.cell(row).half = geometry.base_half(kind)
            if kind in (StepKind.MULAI, StepKind.SELESAI):  # at the symbol's centre, however many columns it spans
                self._label(row, first, "Mulai" if kind is StepKind.MULAI else "Selesai", "terminator",
                            (last - first) * geometry.column / 2, 0.0, "c")

    # -- marks

    def cell(self, row: int, col: int | None = None) -> Cell:
        return self.cells[row][self.flow.columns[row] if col is None else col]

    def _side(self, row: int, side: str) -> int:
        """The column holding the symbol's ``side`` ("L" or "R"): its own, or an end of a step done together."""
        first, last = self.flow.span(row)
        return last if side == "R" else first

    def _size(self, row: int) -> tuple[float, float]:
        return self.g.size(self.flow.kinds[row])

    def _label(self, row: int, col: int, text: str, role: str, dx: float, dy: float, align: str) -> None:
        """A label centred on ``dy`` when align is "c"; else its box top at ``dy`` ("c-top": centred at ``dx``)."""
        top = dy - self.g.label / 2 if align == "c" else dy
        align = "c" if align == "c-top" else align
        cell = self.cells[row][col]
        cell.labels.append(Label(text, role, dx, top, align))
        cell.half = max(cell.half, abs(top), abs(top + self.g.label))

    def _v(self, row: int, col: int, x: Point, a: Point, b: Point) -> None:
        a, b = sorted((a, b), key=lambda p: (ORDER[p[0]], p[1]))
        if a != b:
            self.cells[row][col].segs.add(Seg("v", x, a, b))

    def _h(self, row: int, y: Point, start: tuple[int, Point], end: tuple[int, Point]) -> None:
        """A horizontal line in one row from (column, x) to (column, x), split into cells."""
        (c1, x1), (c2, x2) = sorted((start, end), key=lambda e: (e[0], ORDER[e[1][0]], e[1][1]))
        for col in range(c1, c2 + 1):
            a = x1 if col == c1 else ("L", 0.0)
            b = x2 if col == c2 else ("R", 0.0)
            if a != b:
                self.cells[row][col].segs.add(Seg("h", y, a, b))

    def _pentagon(self, row: int, col: int, pentagon: Pentagon) -> None:
        cell = self.cells[row][col]
        cell.pentagons.append(pentagon)
        cell.half = max(cell.half, abs(pentagon.dy) + self.g.pentagon[1] / 2 + 1.0)
        self._label(row, col, pentagon.letter, "connector", pentagon.dx, pentagon.dy - self.g.pentagon[1] * 0.08, "c")

    def _branch_label(self, edge: Edge, side: str, beyond: bool = False, turn: str = "L") -> None:
        """"Ya"/"Tidak" beside the stem below a diamond, off the side the stem ``turn``s to, or above the
        line beside the diamond's vertex (the one side rule of ``flowchart_labels``).

        A label too wide for the room between the vertex and the column border, on a line that
        runs on into the next column (``beyond``), sits on that line just past the border, where
        no border and no lane of the decision's own column cuts it, when it ends before the arrow
        of a connector that may sit at that column's centre.
        """
        if not edge.label:
            return
        w, h = self._size(edge.source)
        col = self.flow.columns[edge.source]
        if side == "B":  # off the side the stem ``turn``s to
            self._label(edge.source, col, edge.label, "branch", 0.8, h / 2 + 0.2, "l" if turn == "R" else "r")
            return
        dy = -(self.g.label + LIFT)
        width = label_width(edge.label)
        other = self._neighbour(col, side)
        start = -self.g.column / 2 + BORDER_GAP
        if beyond and other is not None and w / 2 + 0.5 + width > self.g.column / 2 - BORDER_GAP \
                and start + width <= -(self.g.pentagon[0] / 2 + self.g.arrow):
            centre = start + width / 2
            self._label(edge.source, other, edge.label, "branch", centre if side == "R" else -centre, dy, "c-top")
            return
        self._label(edge.source, col, edge.label, "branch", w / 2 + 0.5, dy, "r" if side == "R" else "l")

    # -- ports

    def _free(self, row: int, side: str) -> bool:
        return (row, side) not in self.ports

    def _neighbour(self, col: int, side: str) -> int | None:
        other = col + (1 if side == "R" else -1)
        return other if 0 <= other < self.k else None

    def claim_exit(self, edge: Edge, crossing: bool) -> None:
        """Give a side-leaving edge its side, one with a neighbouring column first.

        A connector drawn for this arrow (across a break, or when no lane is
        free) sits in that neighbouring column; with both sides taken it sits
        below the symbol, whose bottom is free when a decision has no arrow down.
        """
        s, col = edge.source, self.flow.columns[edge.source]
        toward = "R" if self.flow.columns[edge.target] >= col else "L"
        both = [toward, "L" if toward == "R" else "R"]
        roomy = [x for x in both if self._neighbour(self._side(s, x), x) is not None]
        order = roomy + (["B"] if crossing else []) + both
        side = next(x for x in order if self._free(s, x))
        self.ports[(s, side)] = "out"
        self.exits[edge] = side

    def _entry(self, row: int, side: str, by: str) -> bool:
        """Claim ``side`` of a target for an arrow coming in by lane or from a connector beside it.

        Lanes into one side merge into one arrowhead; a connector beside the
        symbol sits where a lane's line would run, so it wants the side alone.
        """
        taken = self.ports.get((row, side))
        if taken is None or (taken == by == "lane"):
            self.ports[(row, side)] = by
            return True
        return False

    # -- routes

    def down(self, edge: Edge) -> None:
        """Row to next row: down, across at ``y0`` when the column changes, down into the symbol."""
        s, t = edge.source, edge.target
        a, b = self.bottom[s], self.top[t]
        self._v(s, a, CENTRE, MID, BOTTOM)
        if a == b:
            self._v(t, b, CENTRE, TOP, MID)
        else:
            self._v(t, a, CENTRE, TOP, self.y0)
            self.cell(t, a).dots.add((CENTRE, self.y0))
            self._top_entry(t, (a, CENTRE))
        self.arrows[t].add("T")
        self._branch_label(edge, "B")

    def _top_entry(self, t: int, start: tuple[int, Point]) -> None:
        """Across at ``y0`` from (column, x) to the target's centre, then down into its top."""
        b = self.top[t]
        self._h(t, self.y0, start, (b, CENTRE))
        self._v(t, b, CENTRE, self.y0, MID)
        self.cell(t, b).dots.add((CENTRE, self.y0))
        self.arrows[t].add("T")

    def _claim_lane(self, edge: Edge, side: str, skip: frozenset[int] = frozenset(), top: bool = False) -> tuple[int, Point] | None:
        """The first lane free over the edge's rows on ``side``, nearest column first: a first lane
        by the column's ``side`` edge, then a spare one further in (``Geometry.spare_lanes``), then
        one by the far edge of a column beyond both ends. Only a crowded table reaches the last two:
        an arrow cut into a connector pair on one page is what they spare (Permenpan RB 35/2012).
        A lane into the ``top`` may also lie short of the target's column, beyond the source's.
        """
        lo, hi = sorted((edge.source, edge.target))
        a, c = self._side(edge.source, side), self._side(edge.target, side)
        first = a if top else max(a, c) if side == "R" else min(a, c)
        near = range(first, self.k) if side == "R" else range(first, -1, -1)
        far_side = "L" if side == "R" else "R"
        tries = [(near, side, self.g.lanes), (near, side, self.g.spare_lanes),
                 (near[1:], far_side, self.g.lanes + self.g.spare_lanes)]
        for columns, lane_side, lanes in tries:
            for col in columns:
                if col in skip or any(lo <= row <= hi for row in self.covered.get((col, lane_side), ())):
                    continue
                for offset in lanes:
                    spans = self.busy.setdefault((col, lane_side, offset), [])
                    if all(hi < first or lo > last for first, last in spans):
                        spans.append((lo, hi))
                        return col, ("R", -offset) if lane_side == "R" else ("L", offset)
        return None

    def lane(self, edge: Edge) -> bool:
        """Across to a lane, up or down it, into the target's side (or its top); False when no lane is free.

        When an arrow already leaves the target's side, the lane joins the top
        at ``y0``; that lane is in
        the target's own column only when no other is free, as it crosses the
        line leaving that side. With no lane free on its side, an arrow whose
        symbol has a free bottom leaves there and turns to a lane on either side;
        else it leaves by the symbol's other side when that is free, to a lane there.
        """
        s, t = edge.source, edge.target
        side, start = self.exits[edge], MID
        claimed = self._lane_for(edge, side)
        if claimed is None and self._free(s, "B"):
            claimed, start = self._from_bottom(edge), self.turn
        if claimed is None:
            claimed = self._other_side(edge)
        if claimed is None:
            return False
        col, x, by_side, side = claimed
        upward, a = t < s, self.bottom[s] if start == self.turn else self._side(s, self.exits[edge])
        if start == self.turn:
            self._v(s, a, CENTRE, MID, self.turn)
        self._h(s, start, (a, CENTRE), (col, x))
        self._v(s, col, x, start, TOP if upward else BOTTOM)
        self.cells[s][col].dots.add((x, start))
        for row in range(min(s, t) + 1, max(s, t)):
            self._v(row, col, x, TOP, BOTTOM)
        if by_side and self._entry(t, side, "lane"):
            self._v(t, col, x, MID, BOTTOM if upward else TOP)
            self._h(t, MID, (col, x), (self._side(t, side), CENTRE))
            self.cells[t][col].dots.add((x, MID))
            self.arrows[t].add(side)
        else:
            self._v(t, col, x, self.y0, BOTTOM if upward else TOP)
            self.cells[t][col].dots.add((x, self.y0))
            self._top_entry(t, (col, x))
            self.top_lanes.add(t)
        if start == self.turn:
            self._branch_label(edge, "B", turn=side)
        else:
            self._branch_label(edge, side, beyond=col != a)
        return True

    def _lane_for(self, edge: Edge, side: str) -> tuple[int, Point, bool, str] | None:
        """A lane on ``side`` (column, x) and whether it enters the target's side (else its top)."""
        by_side = self.ports.get((edge.target, side)) in (None, "lane")
        claimed = self._claim_lane(edge, side, skip=frozenset() if by_side else frozenset({self._side(edge.target, side)}))
        if claimed is None and not by_side:
            claimed = self._claim_lane(edge, side)
        if claimed is None:
            by_side, claimed = False, self._claim_lane(edge, side, top=True)
        return None if claimed is None else (*claimed, by_side, side)

    def _from_bottom(self, edge: Edge) -> tuple[int, Point, bool, str] | None:
        """A lane on either side reached from the symbol's bottom (turning at ``turn``); the side it
        first claimed is given back."""
        side = self.exits[edge]
        for lane_side in (side, "L" if side == "R" else "R"):
            claimed = self._lane_for(edge, lane_side)
            if claimed is not None:
                self._move_exit(edge, "B")
                return claimed
        return None

    def _other_side(self, edge: Edge) -> tuple[int, Point, bool, str] | None:
        """A lane by the symbol's other side, when no arrow uses that side (in a lone column, where no
        neighbour decides the side, every lane on the first one may be busy); the first side is given back."""
        other = "L" if self.exits[edge] == "R" else "R"
        claimed = self._lane_for(edge, other) if self._free(edge.source, other) else None
        if claimed is not None:
            self._move_exit(edge, other)
        return claimed

    def _move_exit(self, edge: Edge, side: str) -> None:
        """The arrow leaves by ``side`` instead of the side it claimed first, which is free again."""
        del self.ports[(edge.source, self.exits[edge])]
        self.ports[(edge.source, side)] = "out"
        self.exits[edge] = side

    def leave(self, edge: Edge, letter: str) -> tuple[int, int]:
        """The connector where an arrow leaves its page (or its crowded lane): below or beside the symbol."""
        s = edge.source
        side = self.exits.get(edge, "B")
        col = self.bottom[s] if side == "B" else self._side(s, side)
        if side != "B" and self._neighbour(col, side) is None and self.k > 1 and self._free(s, "B"):
            side, col = "B", self.bottom[s]  # no room beside at the table's edge; a decision without an arrow down has its bottom
            self.ports[(s, "B")] = "out"
        g = self.g
        if side == "B":
            out_dy = g.out_pentagon_dy(self.flow.kinds[s])
            self._v(s, col, CENTRE, MID, ("M", out_dy - g.pentagon[1] / 2 - g.arrow))
            self._pentagon(s, col, Pentagon(letter, 0.0, out_dy, "T"))
            self._branch_label(edge, "B")
            return s, col
        self._branch_label(edge, side, beyond=True)
        room = label_width(edge.label) + 0.5 + BORDER_GAP if edge.label else 0.0
        return self._beside(s, side, Pentagon(letter, 0.0, 0.0, "L" if side == "R" else "R"), room)

    def _beside(self, row: int, side: str, pentagon: Pentagon, room: float = 0.0) -> tuple[int, int]:
        """A connector at the middle of the next column (or inside a lone column), joined to the symbol;
        inside a column it stands ``room`` further out (the branch label's) where no lane passes there."""
        col = self._side(row, side)
        other = self._neighbour(col, side)
        if other is None:
            dx = self._inside_dx(row, side)
            wide = dx + (room if side == "R" else -room)
            if room and self._clear_beside(row, col, side, abs(wide) + self.g.pentagon[0] / 2):
                dx = wide
            self._h(row, MID, (col, CENTRE), (col, ("C", dx)))
            self._pentagon(row, col, Pentagon(pentagon.letter, dx, 0.0, pentagon.arrow))
            return row, col
        dx = self._make_room(row, col, other, side, room)
        self._h(row, MID, (col, CENTRE), (other, CENTRE))
        if abs(dx) > self.g.pentagon[0] / 2 + self.g.arrow:  # the arrowhead's tip is past the centre
            self._h(row, MID, (other, CENTRE), (other, ("C", dx)))  # a piece off the centre is drawn on its own
        self._pentagon(row, other, Pentagon(pentagon.letter, dx, 0.0, pentagon.arrow))
        return row, other

    def _make_room(self, row: int, col: int, other: int, side: str, room: float) -> float:
        """How far a connector in the next column moves off its centre, away from the border, so a branch
        label wider than the room beside the diamond fits on the line just past the border: 0 when it
        fits beside the diamond or before the centred connector, or when a lane passing the row in
        that column would cut the label or the connector."""
        g, label = self.g, room - 0.5 - BORDER_GAP
        if not room or g.column / 2 - BORDER_GAP - self._size(row)[0] / 2 >= label + 0.5:
            return 0.0
        needed = BORDER_GAP + label + g.pentagon[0] / 2 + g.arrow + 0.3 - g.column / 2
        near = "L" if side == "R" else "R"
        if needed <= 0 or self._lanes_at(row, other, near) or not self._clear_beside(row, other, side, needed + g.pentagon[0] / 2):
            return 0.0
        return needed if side == "R" else -needed

    def _clear_beside(self, row: int, col: int, side: str, reach: float) -> bool:
        """A connector reaching ``reach`` mm from the column's centre stays inside it, clear of every lane on
        ``side`` that passes ``row``."""
        return reach + BORDER_GAP <= self.g.column / 2 - max(self._lanes_at(row, col, side), default=0.0)

    def _lanes_at(self, row: int, col: int, side: str) -> list[float]:
        """Offsets of the lanes by ``side`` of column ``col`` that pass ``row``."""
        return [offset for (c, lane_side, offset), spans in self.busy.items()
                if c == col and lane_side == side and any(first <= row <= last for first, last in spans)]

    def _inside_dx(self, row: int, side: str) -> float:
        """Where a connector sits beside the symbol inside a lone pelaksana column (wide enough, see Geometry)."""
        w = self._size(row)[0]
        return (1 if side == "R" else -1) * (w / 2 + self.g.arrow + 0.8 + self.g.pentagon[0] / 2)

    def resume(self, t: int, edges: list[Edge], letter: str) -> tuple[int, int]:
        """The one connector where cut arrows into row ``t`` come back: above it (a cut row-to-row arrow's
        place, unless a lane enters the top), beside it, or over its top."""
        cut_down = any(e in self.down_in for e in edges) and t not in self.top_lanes
        if cut_down or (self._top_free(t) and not self._side_free(t)):
            return self._above(t, letter)
        for side in ("R", "L"):
            if self._neighbour(self._side(t, side), side) is not None or self.k == 1:
                if self._entry(t, side, "connector"):
                    self.arrows[t].add(side)
                    return self._beside(t, side, Pentagon(letter, 0.0, 0.0, None))
        return self._over_the_top(t, letter)

    def _top_free(self, row: int) -> bool:
        """Nothing comes into the symbol's top yet: a connector may sit right above it."""
        return not any(e.target == row for e in self.down_in) and "T" not in self.arrows[row]

    def _side_free(self, row: int) -> bool:
        return any((self._neighbour(self._side(row, side), side) is not None or self.k == 1) and self.ports.get((row, side)) is None
                   for side in ("R", "L"))

    @staticmethod
    def _clear_middle(cell: Cell) -> bool:
        """Nothing at the middle of the cell's centre: a connector placed there would sit on a line."""
        return not cell.pentagons and not any(
            (seg.axis == "h" and seg.track[0] == "M") or (seg.axis == "v" and seg.track == CENTRE)
            for seg in cell.segs
        )

    def _above(self, t: int, letter: str) -> tuple[int, int]:
        g, col = self.g, self.top[t]
        in_dy = g.in_pentagon_dy(self.flow.kinds[t])
        self._v(t, col, CENTRE, ("M", in_dy + g.pentagon[1] / 2), MID)
        self._pentagon(t, col, Pentagon(letter, 0.0, in_dy, None))
        self.arrows[t].add("T")
        return t, col

    def _over_the_top(self, t: int, letter: str) -> tuple[int, int]:
        """Both sides busy: a connector in a free neighbouring cell, joined along ``y0`` into the top."""
        col, (first, last) = self.top[t], self.flow.span(t)
        for other in sorted(range(self.k), key=lambda c: (abs(c - col), -c)):
            if not first <= other <= last and self._clear_middle(self.cells[t][other]):
                self._pentagon(t, other, Pentagon(letter, 0.0, 0.0, None))
                self._v(t, other, CENTRE, self.y0, MID)
                self.cells[t][other].dots.add((CENTRE, self.y0))
                self._top_entry(t, (other, CENTRE))
                return t, other
        return self._beside_the_top(t, letter)

    def _beside_the_top(self, t: int, letter: str) -> tuple[int, int]:
        """Last resort: a connector beside the line coming down into the symbol, joining it above the arrowhead."""
        g, col = self.g, self.top[t]
        kind = self.flow.kinds[t]
        dx, dy = g.pentagon[0] / 2 + 1.5, g.in_pentagon_dy(kind)
        join = -(g.size(kind)[1] / 2 + g.arrow + 0.6)
        self._pentagon(t, col, Pentagon(letter, dx, dy, None))
        self._v(t, col, ("C", dx), ("M", dy + g.pentagon[1] / 2), ("M", join))
        self._h(t, ("M", join), (col, ("C", dx)), (col, CENTRE))
        cell = self.cell(t, col)
        cell.half = max(cell.half, -dy + g.pentagon[1] / 2 + g.y0 + 1.5)
        return t, col

    def finish(self) -> None:
        """The symbols; a step done together gets one across its columns, whose cells become one."""
        for row, kind in enumerate(self.flow.kinds):
            w, h = self.g.size(kind)
            first, last = self.flow.span(row)
            top_dx = (self.top[row] - (first + last) / 2) * self.g.column
            self.cell(row).symbol = Symbol(kind, w + (last - first) * self.g.column, h, frozenset(self.arrows[row]), top_dx)
            if last > first:
                merge_span(self.cells[row], first, last, self.g)
