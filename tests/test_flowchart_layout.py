"""The pure flowchart layout: symbols per row and column, every edge drawn once, breaks and connectors.

The drawing is checked by tracing it: every cell's line segments are placed in
table coordinates (mm), lines that meet outside a symbol are joined, and from
each place where a line leaves a symbol the trace must reach exactly one other
symbol or connector, which must carry an arrowhead on the side it is entered.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sopgen.domain.flow import Edge, EdgeKind, Flow, StepKind, build_flow
from sopgen.domain.flowchart import Geometry, Layout, down_edges, letters
from sopgen.domain.flowchart_labels import LIFT
from sopgen.domain.flowchart_pages import RowHeights, plan_pages
from sopgen.domain.flowchart_quality import quality
from sopgen.domain.flowchart_routes import layout
from sopgen.models.sop import SOP
from sopgen.render.flowchart import SHEETS, cell_layers, column_widths, flowchart_view

from .flowchart_corpus import candipuro as candipuro_like
from .flowchart_corpus import make_sop

EPS = 1e-6


# ---------------------------------------------------------------- tracing


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float

    def ends(self) -> tuple[tuple[float, float], tuple[float, float]]:
        return (self.x1, self.y1), (self.x2, self.y2)

    def holds(self, p: tuple[float, float]) -> bool:
        x, y = p
        return self.x1 - EPS <= x <= self.x2 + EPS and self.y1 - EPS <= y <= self.y2 + EPS


@dataclass(frozen=True)
class Shape:
    """A symbol or connector: centre, half sizes (arrowheads included), and the sides with an arrowhead."""

    name: tuple[Any, ...]
    cx: float
    cy: float
    hw: float
    hh: float
    arrows: frozenset[str]
    leaving: bool = True
    reach: float = 0.0
    """How far either side of the centre a line may end on the symbol's middle: 0, or for a step done
    together the distance to its outer columns' centres (a line ends at a column's centre under it)."""

    def holds(self, p: tuple[float, float]) -> bool:
        """A line ends at this shape: at a symbol's centre (its fill hides the rest), anywhere on a connector."""
        if self.name[0] == "langkah":
            return abs(p[0] - self.cx) <= self.reach + EPS and abs(p[1] - self.cy) <= EPS
        return abs(p[0] - self.cx) <= self.hw + EPS and abs(p[1] - self.cy) <= self.hh + EPS

    def crossed_by(self, line: Line) -> bool:
        """The line runs through the shape's box, arrowheads included."""
        return (line.x1 < self.cx + self.hw and line.x2 > self.cx - self.hw
                and line.y1 < self.cy + self.hh and line.y2 > self.cy - self.hh)

    def side(self, line: Line) -> str:
        """The side a touching line runs off to: T, B (below), L, R."""
        far = max(line.ends(), key=lambda p: abs(p[0] - self.cx) + abs(p[1] - self.cy))
        cx = min(max(far[0], self.cx - self.reach), self.cx + self.reach)  # the nearest point of its middle
        if abs(far[0] - cx) > abs(far[1] - self.cy):
            return "R" if far[0] > cx else "L"
        return "B" if far[1] > self.cy else "T"


def _abs(point: tuple[str, float], size: float) -> float:
    ref, off = point
    return {"L": 0.0, "T": 0.0, "C": size / 2, "M": size / 2, "R": size, "B": size}[ref] + off


def drawing(lay: Layout) -> tuple[list[Line], list[Shape]]:
    """Every line and shape in table coordinates; pages are set 1 m apart so nothing joins across a break."""
    g, heights = lay.geometry, lay.min_heights
    page = {r: i for i, (a, b) in enumerate(lay.pages) for r in range(a, b + 1)}
    lines, shapes, top = [], [], 0.0
    for r, row in enumerate(lay.cells):
        top += 1000.0 if r and page[r] != page[r - 1] else 0.0
        H = heights[r]
        for c, cell in enumerate(row):
            left, width = c * g.column, cell.width(g)
            for s in cell.segs:
                if s.axis == "v":
                    x = left + _abs(s.track, width)
                    lines.append(Line(x, top + _abs(s.start, H), x, top + _abs(s.end, H)))
                else:
                    y = top + _abs(s.track, H)
                    lines.append(Line(left + _abs(s.start, width), y, left + _abs(s.end, width), y))
            cx, cy = left + width / 2, top + H / 2
            if cell.symbol:
                sym = cell.symbol
                shapes.append(Shape(("langkah", r), cx, cy, sym.width / 2 + g.arrow, sym.height / 2 + g.arrow, sym.arrows,
                                    reach=(cell.span - 1) * g.column / 2))
            for p in cell.pentagons:
                arrows = frozenset({p.arrow} if p.arrow else set())
                hw = g.pentagon[0] / 2 + (g.arrow if p.arrow in ("L", "R") else 0.15)
                hh = g.pentagon[1] / 2 + (g.arrow if p.arrow == "T" else 0.15)
                shapes.append(Shape(("konektor", p.letter, r), cx + p.dx, cy + p.dy, hw, hh, arrows, leaving=p.arrow is None))
        top += H
    return lines, shapes


def trace(lay: Layout) -> dict[str, Any]:
    """Exits per shape, with the one shape each exit reaches and the side it enters there."""
    lines, shapes = drawing(lay)
    inside = lambda p: any(s.holds(p) for s in shapes)  # noqa: E731
    joined: dict[int, set[int]] = defaultdict(set)
    for i, a in enumerate(lines):
        for j, b in enumerate(lines):
            if i != j and any(b.holds(p) and not inside(p) for p in a.ends()):
                joined[i].add(j)
                joined[j].add(i)
    touching = {s.name: [i for i, line in enumerate(lines) if any(s.holds(p) for p in line.ends())] for s in shapes}
    for shape in shapes:
        crossing = [lines[i] for i, line in enumerate(lines) if shape.crossed_by(line) and i not in touching[shape.name]]
        assert not crossing, f"{crossing} runs through {shape.name}"
    exits: dict[tuple[Any, ...], list[tuple[tuple[tuple[Any, ...], str], ...]]] = {}
    found = {s.name: s for s in shapes}
    seen: set[int] = set()
    for shape in shapes:
        outs = [i for i in touching[shape.name] if shape.side(lines[i]) not in shape.arrows] if shape.leaving else []
        exits[shape.name] = []
        for start in outs:
            component, todo = {start}, [start]
            while todo:
                for nxt in joined[todo.pop()]:
                    if nxt not in component:
                        component.add(nxt)
                        todo.append(nxt)
            seen |= component
            # Lines may merge (two arrows into one side): only arrowhead sides count as reached.
            reached = {(s.name, s.side(lines[i])) for s in shapes if s is not shape for i in component if i in touching[s.name]}
            exits[shape.name].append(tuple(sorted((name, side) for name, side in reached if side in found[name].arrows)))
        for side in shape.arrows:
            assert any(shape.side(lines[i]) == side for i in touching[shape.name]), f"arrowhead {side} of {shape.name} with no line"
    assert seen == set(range(len(lines))), "a line that leaves no symbol: drawn to nowhere"
    return {"exits": exits, "shapes": {s.name: s for s in shapes}, "lines": lines}


def check_every_edge_drawn_once(flow: Flow, lay: Layout) -> None:
    """Each edge has its own exit reaching its target (or its connector), entered on an arrowhead side."""
    found = trace(lay)
    exits, shapes = found["exits"], found["shapes"]
    cut = {pair.edge: pair.letter for pair in lay.connectors}
    for row in range(len(flow.kinds)):
        drawn = sorted(exits[("langkah", row)])
        wanted = []
        for edge in (e for e in flow.edges if e.source == row):
            target: tuple[Any, ...]
            if edge in cut:
                target = ("konektor", cut[edge], edge.source)
            else:
                target = ("langkah", edge.target)
            (side,) = [s for (name, s) in sum(drawn, ()) if name == target] or ["?"]
            assert side in shapes[target].arrows, f"{edge} enters {target} on side {side} without an arrowhead"
            wanted.append(((target, side),))
        assert drawn == sorted(wanted), f"row {row}: exits {drawn} != edges {wanted}"
    for pair in lay.connectors:
        (reached,) = exits[("konektor", pair.letter, pair.edge.target)]
        assert [name for name, _ in reached] == [("langkah", pair.edge.target)]


# ---------------------------------------------------------------- examples


def test_symbol_per_step_in_its_pelaksana_column() -> None:
    sop = candipuro_like()
    flow = build_flow(sop)
    lay = layout(flow, Geometry(column=26.0))
    drawn = [[(c, cell.symbol.kind) for c, cell in enumerate(row) if cell.symbol] for row in lay.cells]
    kinds = [StepKind.MULAI] + [StepKind.PROSES] * 6 + [StepKind.KEPUTUSAN, StepKind.PROSES, StepKind.SELESAI]
    assert drawn == [[(col, kind)] for col, kind in zip([0, 1, 3, 3, 3, 3, 3, 1, 1, 0], kinds)]
    labels = [(r, label.text) for r, row in enumerate(lay.cells) for cell in row for label in cell.labels]
    assert labels == [(0, "Mulai"), (7, "Ya"), (7, "Tidak"), (9, "Selesai")]


def test_candipuro_edges_each_drawn_once_and_the_loop_goes_up_a_lane() -> None:
    flow = build_flow(candipuro_like())
    lay = layout(flow, Geometry(column=26.0))
    check_every_edge_drawn_once(flow, lay)
    assert lay.connectors == []
    # The back edge enters step 6 from the side, climbing a vertical line off the column centres.
    assert "R" in lay.cells[5][3].symbol.arrows
    lane_rows = [r for r in range(5, 8) if any(s.axis == "v" and s.track[0] == "R" for s in lay.cells[r][3].segs)]
    assert lane_rows == [5, 6, 7]


def test_break_cuts_the_flow_into_a_matching_connector_pair() -> None:
    flow = build_flow(candipuro_like())
    lay = layout(flow, Geometry(column=26.0), ((0, 6), (7, 9)))
    check_every_edge_drawn_once(flow, lay)
    pairs = [(p.letter, p.edge.source, p.edge.target, p.out_at, p.in_at) for p in lay.connectors]
    # The loop 8 -> 6 and the flow 7 -> 8 both cross the break: two pairs, lettered from the top.
    # The loop's pair sits beside the diamond and beside step 6; the flow's below 7 and above 8.
    assert pairs == [("A", 7, 5, (7, 2), (5, 4)), ("B", 6, 7, (6, 3), (7, 1))]
    for pair in lay.connectors:
        out_row, out_col = pair.out_at
        in_row, in_col = pair.in_at
        assert [p.letter for p in lay.cells[out_row][out_col].pentagons] == [pair.letter]
        assert [p.letter for p in lay.cells[in_row][in_col].pentagons] == [pair.letter]
        assert lay.cells[out_row][out_col].pentagons[0].arrow is not None  # the flow enters it
        assert lay.cells[in_row][in_col].pentagons[0].arrow is None  # the flow leaves it


def test_connector_rows_grow_by_what_the_geometry_says() -> None:
    flow = build_flow(candipuro_like())
    g = Geometry(column=26.0)
    plain = layout(flow, g).min_heights
    cut = layout(flow, g, ((0, 6), (7, 9))).min_heights
    assert cut[6] == pytest.approx(g.row_minimum(StepKind.PROSES, cut_out=True)) and cut[6] > plain[6]
    assert cut[7] == pytest.approx(g.row_minimum(StepKind.KEPUTUSAN, cut_in=True)) and cut[7] > plain[7]
    assert [round(h, 6) for i, h in enumerate(cut) if i not in (6, 7)] == [round(h, 6) for i, h in enumerate(plain) if i not in (6, 7)]


def test_letters_continue_past_z() -> None:
    assert letters(28)[:3] == ["A", "B", "C"] and letters(28)[25:] == ["Z", "AA", "AB"]


def test_a_flow_with_errors_is_not_laid_out() -> None:
    sop = make_sop(["Camat"], [{"p": "Camat"}, {"p": "Sekretaris"}])
    with pytest.raises(ValueError):
        layout(build_flow(sop), Geometry(column=26.0))


# ---------------------------------------------------------------- any flow


@st.composite
def flows(draw: st.DrawFn) -> tuple[SOP, tuple[tuple[int, int], ...], float]:
    """A random drawable SOP (decisions, skips, loops), a random page plan and a column width."""
    k = draw(st.integers(1, 6))
    n = draw(st.integers(3, 14))
    cols = [f"P{i}" for i in range(k)]
    steps: list[dict[str, Any]] = [{"p": cols[draw(st.integers(0, k - 1))]} for _ in range(n)]
    for i in range(1, n - 1):
        choice = draw(st.sampled_from(["plain", "plain", "decision", "lanjut"]))
        others = [j for j in range(n) if j != i]
        if choice == "decision":
            ya = draw(st.sampled_from(others))
            tidak = draw(st.sampled_from([j for j in others if j != ya]))
            steps[i]["keputusan"] = {"ya": str(ya + 1), "tidak": str(tidak + 1)}
        elif choice == "lanjut":
            steps[i]["lanjut"] = str(draw(st.sampled_from(others)) + 1)
    for step in steps:  # now and then a step done together, across two or three adjacent columns
        width = draw(st.sampled_from([1, 1, 1, 2, 3]))
        if "keputusan" not in step and 1 < width <= k:
            first = draw(st.integers(0, k - width))
            step["p"] = cols[first:first + width]
    cuts = sorted(draw(st.sets(st.integers(1, n - 1), max_size=4)))
    bounds = [0, *cuts, n]
    pages = tuple((a, b - 1) for a, b in itertools.pairwise(bounds))
    paper = SHEETS[draw(st.sampled_from(["F4", "A4"]))]
    return make_sop(cols, steps), pages, column_widths(paper, k).pelaksana


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(flows())
def test_any_drawable_flow_draws_every_edge_once(case: tuple[SOP, tuple[tuple[int, int], ...], float]) -> None:
    sop, pages, column = case
    flow = build_flow(sop)
    if not flow.drawable:
        return
    lay = layout(flow, Geometry(column=column), pages)
    check_every_edge_drawn_once(flow, lay)
    page = {r: i for i, (a, b) in enumerate(pages) for r in range(a, b + 1)}
    crossing = {e for e in flow.edges if page[e.source] != page[e.target]}
    cut = {p.edge for p in lay.connectors}
    # Exactly the arrows across a break are cut: a segilima only joins pages (Permenpan RB 35/2012).
    assert cut == crossing
    report = quality(lay)
    assert report.same_page_pairs == ()
    assert report.label_hits == (), "a branch label crossed by a line, a symbol, a connector or a column border"
    for r, row in enumerate(lay.cells):  # every drawing is expressible without calc()
        for cell in row:
            cell_layers(cell, lay.geometry)
            for label in (lab for lab in cell.labels if lab.role == "branch"):
                # One side rule: above the line beside the diamond, or beside the stem below it.
                below = label.dy >= lay.geometry.size(flow.kinds[r])[1] / 2
                assert label.dy + lay.geometry.label <= -LIFT + EPS or below, (r, label)


def test_a_lane_into_a_top_whose_row_to_row_arrow_is_cut_is_drawable() -> None:
    """Step 3 decides back to step 2, whose row-to-row arrow from step 1 crosses a break, and step 2's
    sides are taken: the lane enters step 2's top at y0 and the connector from page 1 moves beside the
    symbol (a lane joining under a connector right above it needed a line no background layer draws)."""
    cols = ["P0", "P1", "P2"]
    steps: list[dict[str, Any]] = [{"p": p} for p in ["P0", "P1", "P1", "P1", "P2", "P0"]]
    steps[1]["keputusan"] = {"ya": "4", "tidak": "6"}
    steps[2]["keputusan"] = {"ya": "2", "tidak": "5"}
    steps[3]["lanjut"] = "3"
    flow = build_flow(make_sop(cols, steps))
    lay = layout(flow, Geometry(column=32.0), ((0, 0), (1, 3), (4, 4), (5, 5)))
    for row in lay.cells:
        for cell in row:
            cell_layers(cell, lay.geometry)
    check_every_edge_drawn_once(flow, lay)
    page = {r: i for i, (a, b) in enumerate(lay.pages) for r in range(a, b + 1)}
    assert all(page[p.out_at[0]] != page[p.in_at[0]] for p in lay.connectors)


# ---------------------------------------------------------------- break planning


def heights(plain: list[float], grow: float = 0.0) -> RowHeights:
    """Rows that grow by ``grow`` when they carry a connector (first or last on a page)."""
    up = tuple(h + grow for h in plain)
    return RowHeights(tuple(plain), up, up, tuple(h + 2 * grow for h in plain))


def test_pages_are_filled_with_whole_rows() -> None:
    assert plan_pages(heights([30.0] * 10), 100.0, 120.0) == ((0, 2), (3, 6), (7, 9))


def test_connector_growth_moves_the_break() -> None:
    # Four 25 mm rows fill 100 mm exactly; the last row grows with its connector, so only three fit.
    assert plan_pages(heights([25.0] * 8), 100.0, 100.0) == ((0, 3), (4, 7))
    assert plan_pages(heights([25.0] * 8, grow=5.0), 100.0, 100.0)[0] == (0, 2)


def test_a_loop_is_kept_on_one_page_when_it_fits() -> None:
    plain = [20.0] * 12
    assert plan_pages(heights(plain), 100.0, 100.0) == ((0, 4), (5, 9), (10, 11))
    # A loop between rows 3 and 6 would be split at row 4: the page ends before it instead.
    assert plan_pages(heights(plain), 100.0, 100.0, [(3, 6)]) == ((0, 2), (3, 7), (8, 11))
    # A loop from row 2 would leave rows 0-1 (40 %) alone on a page: filled pages win, connectors carry the loop.
    assert plan_pages(heights(plain), 100.0, 100.0, [(2, 6)]) == ((0, 4), (5, 9), (10, 11))
    # A loop longer than a page cannot be kept together: it gets connectors instead.
    assert plan_pages(heights(plain), 100.0, 100.0, [(1, 9)]) == ((0, 4), (5, 9), (10, 11))


def test_a_row_taller_than_a_page_still_gets_a_page() -> None:
    assert plan_pages(heights([20.0, 150.0, 20.0]), 100.0, 100.0) == ((0, 0), (1, 1), (2, 2))


def test_down_edges_take_the_first_branch_to_the_next_row() -> None:
    flow = build_flow(make_sop(["A"], [{"p": "A"}, {"p": "A", "keputusan": {"ya": "1", "tidak": "3"}}, {"p": "A"}]))
    assert down_edges(flow) == {0: Edge(0, 1, EdgeKind.LANJUT), 1: Edge(1, 2, EdgeKind.TIDAK)}


def test_view_rows_carry_the_symbol_kind_in_its_column() -> None:
    view = flowchart_view(candipuro_like(), ((0, 6), (7, 9)))
    assert [s.id for s in view.segments] == ["bagan-halaman-1", "bagan-halaman-2"]
    symbols = [[c.symbol for c in row.cells] for seg in view.segments for row in seg.rows]
    assert symbols[0] == ["mulai", "", "", "", ""] and symbols[7] == ["", "keputusan", "", "", ""]
    assert view.numbers == range(1, 12)


def test_no_stylesheet_writes_a_page_size_or_the_sop_sheet() -> None:
    """Sizes come from models/paper.py and the SOP sheet from SHEETS, the numbers the columns are computed with."""
    import re
    from pathlib import Path
    from typing import get_args

    from sopgen.models.paper import PAPERS, Kertas

    assert get_args(Kertas) == tuple(PAPERS) == tuple(SHEETS), "every paper content may name has its sheet"

    css_dir = Path(__file__).resolve().parents[1] / "themes/default/static/css"
    page_rules = 0
    for css in sorted(css_dir.glob("*.css")):
        text = re.sub(r"/\*.*?\*/", "", css.read_text(encoding="utf-8"), flags=re.S)
        for name, body in re.findall(r"@page([^{]*)\{((?:[^{}]|\{[^{}]*\})*)\}", text):
            page_rules += 1
            own = re.sub(r"\{[^{}]*\}", "", body)  # the rule's own declarations, not its margin boxes'
            assert not re.search(r"\bsize\s*:", own), f"{css.name}: @page{name} writes a size"
            if re.search(r"\b(sop|sampul)-(f4|a4)\b", name):
                assert not re.search(r"\bmargin\s*:", own), f"{css.name}: @page{name} writes the SOP margins"
    assert page_rules >= 6, "the theme's page rules were not found"
    for sheet in SHEETS.values():
        assert sum(column_widths(sheet, 5).all()) == pytest.approx(sheet.usable_width)
        assert sheet.margin[3] >= 20, "binding margin on the left"
        assert f"@page sop-{sheet.paper.name.lower()} {{ size: {sheet.paper.size(landscape=True)};" in sheet.page_css
