"""The flowchart layout as HTML/CSS: SVG background layers per pelaksana cell, labels as elements.

Why backgrounds: percentages in ``background-position`` and ``background-size``
resolve against the *stretched* row in WeasyPrint and Chromium alike, so a
symbol stays centred and a line reaches the row's edge whatever its height
(absolute positioning and inline SVG do not, see the rendering notes).

Each cell gets, top layer first: one *sprite* centred on the cell (symbols,
arrowheads, connectors, and the short lines fixed relative to the centre),
small joint squares, then *tiles* for the lines whose length depends on the
row or column size. A tile is a few mm wide with a centred 0.3 mm bar,
stretched along the line; never a 1 px image scaled up, which Chromium drops.
No ``calc()``: a line that must stop at a symbol runs to the centre and the
symbol's white fill hides the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from ..domain.flow import Flow, StepKind, build_flow
from ..domain.flowchart import Cell, Geometry, Layout, Pages, Pentagon, Point, Seg, Symbol
from ..domain.flowchart_routes import layout
from ..models.sop import SOP


@dataclass(frozen=True)
class Paper:
    """A landscape sheet and its margins (mm); the left margin leaves room for binder holes."""

    name: str
    width: float
    height: float
    margin: tuple[float, float, float, float] = (12.0, 10.0, 14.0, 25.0)

    @property
    def usable_width(self) -> float:
        return self.width - self.margin[1] - self.margin[3]


PAPERS = {"F4": Paper("F4", 330.0, 215.0), "A4": Paper("A4", 297.0, 210.0)}
"""Must match the ``@page sop-f4`` / ``sop-a4`` rules of ``flowchart.css`` (a test checks)."""

MM_PER_PX = 25.4 / 96


@dataclass(frozen=True)
class Columns:
    """Column widths of the table (mm), summing to the paper's usable width."""

    no: float
    uraian: float
    pelaksana: float
    count: int
    mutu_baku: tuple[float, float, float]
    keterangan: float

    def all(self) -> list[float]:
        return [self.no, self.uraian, *[self.pelaksana] * self.count, *self.mutu_baku, self.keterangan]


def column_widths(paper: Paper, count: int) -> Columns:
    """Pelaksana columns share what the text columns leave, within what a symbol and its lanes need."""
    scale = paper.usable_width / 295.0
    no, mutu, ket = 9.0 * scale, (27.0 * scale, 16.0 * scale, 27.0 * scale), 24.0 * scale
    fixed = no + sum(mutu) + ket
    # A lone column is wider: connectors sit beside its symbols, between them and the lanes.
    pelaksana = min(32.0 if count > 1 else 50.0, max(17.0, (paper.usable_width - fixed - 62.0 * scale) / count))
    uraian = paper.usable_width - fixed - pelaksana * count
    if uraian < 40.0:
        uraian = 40.0
        pelaksana = (paper.usable_width - fixed - uraian) / count
    return Columns(no, uraian, pelaksana, count, mutu, ket)


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") or "0"


def _mm(value: float) -> str:
    return _n(value) + "mm"


def data_uri(svg: str) -> str:
    return "url('data:image/svg+xml," + quote(svg, safe=" =/:;,.-") + "')"


def _svg(width: float, height: float, body: str, view: str | None = None, stretch: bool = False) -> str:
    ratio = ' preserveAspectRatio="none"' if stretch else ""
    view = view or f"0 0 {_n(width)} {_n(height)}"
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(width)}mm" height="{_n(height)}mm" '
            f'viewBox="{view}"{ratio}>{body}</svg>')


TILE = 3.0
"""Width of a line tile (mm); the bar in its middle is the line."""

_V_TILE = data_uri(_svg(TILE, 10, '<rect x="1.35" y="0" width="0.3" height="10"/>', stretch=True))
_H_TILE = data_uri(_svg(10, TILE, '<rect x="0" y="1.35" width="10" height="0.3"/>', stretch=True))
_DOT = data_uri(_svg(0.3, 0.3, '<rect width="0.3" height="0.3"/>'))

STROKE = 'fill="#fff" stroke="#000" stroke-width="0.3" stroke-linejoin="round"'


@dataclass(frozen=True)
class Layer:
    image: str
    position: str
    size: str


def _symbol_svg(symbol: Symbol) -> str:
    """The shape centred at (0, 0): capsule, rectangle or diamond."""
    w, h = symbol.width, symbol.height
    if symbol.kind is StepKind.KEPUTUSAN:
        return f'<polygon points="0,{_n(-h / 2)} {_n(w / 2)},0 0,{_n(h / 2)} {_n(-w / 2)},0" {STROKE}/>'
    radius = h / 2 if symbol.kind in (StepKind.MULAI, StepKind.SELESAI) else 0.4
    return f'<rect x="{_n(-w / 2)}" y="{_n(-h / 2)}" width="{_n(w)}" height="{_n(h)}" rx="{_n(radius)}" {STROKE}/>'


def _arrowhead(tip_x: float, tip_y: float, side: str, length: float) -> str:
    """A filled arrowhead whose tip touches a shape; ``side`` is where it comes from (T, L, R)."""
    half = length * 0.42
    if side == "T":
        pts = [(tip_x, tip_y), (tip_x - half, tip_y - length), (tip_x + half, tip_y - length)]
    elif side == "L":
        pts = [(tip_x, tip_y), (tip_x - length, tip_y - half), (tip_x - length, tip_y + half)]
    else:
        pts = [(tip_x, tip_y), (tip_x + length, tip_y - half), (tip_x + length, tip_y + half)]
    return '<polygon points="' + " ".join(f"{_n(x)},{_n(y)}" for x, y in pts) + '"/>'


def _pentagon_svg(p: Pentagon, g: Geometry) -> str:
    """The off-page connector: a square-shouldered pentagon pointing down (the flow goes on)."""
    w, h = g.pentagon
    x0, y0 = p.dx - w / 2, p.dy - h / 2
    shoulder = y0 + h * 0.62
    pts = [(x0, y0), (x0 + w, y0), (x0 + w, shoulder), (p.dx, y0 + h), (x0, shoulder)]
    body = '<polygon points="' + " ".join(f"{_n(x)},{_n(y)}" for x, y in pts) + f'" {STROKE}/>'
    if p.arrow == "T":
        body += _arrowhead(p.dx, y0, "T", g.arrow)
    elif p.arrow in ("L", "R"):
        tip = x0 if p.arrow == "L" else x0 + w
        body += _arrowhead(tip, p.dy, p.arrow, g.arrow)
    return body


def _is_central(seg: Seg) -> bool:
    """Both ends fixed relative to the cell centre: drawn inside the sprite."""
    refs = {seg.track[0], seg.start[0], seg.end[0]}
    return refs <= {"C", "M"}


def _bar(seg: Seg) -> str:
    """A centre-relative line as a rectangle 0.3 mm thick, overlapping its joints by half a width."""
    t = 0.15
    if seg.axis == "v":
        x, y1, y2 = seg.track[1], seg.start[1], seg.end[1]
        return f'<rect x="{_n(x - t)}" y="{_n(y1 - t)}" width="0.3" height="{_n(y2 - y1 + 2 * t)}"/>'
    y, x1, x2 = seg.track[1], seg.start[1], seg.end[1]
    return f'<rect x="{_n(x1 - t)}" y="{_n(y - t)}" width="{_n(x2 - x1 + 2 * t)}" height="0.3"/>'


def _sprite(cell: Cell, g: Geometry) -> Layer | None:
    """Everything fixed relative to the cell centre, in one centred SVG (symmetric, so 50% centres it)."""
    parts: list[str] = [_bar(s) for s in sorted(cell.segs, key=repr) if _is_central(s)]
    xs, ys = [0.0], [0.0]
    for s in cell.segs:
        if _is_central(s):
            xs += [s.track[1]] if s.axis == "v" else [s.start[1], s.end[1]]
            ys += [s.start[1], s.end[1]] if s.axis == "v" else [s.track[1]]
    if cell.symbol is not None:
        sym = cell.symbol
        parts.append(_symbol_svg(sym))
        for side in sorted(sym.arrows):
            tip = {"T": (0.0, -sym.height / 2), "L": (-sym.width / 2, 0.0), "R": (sym.width / 2, 0.0)}[side]
            parts.append(_arrowhead(*tip, side, g.arrow))
        xs += [sym.width / 2 + g.arrow]
        ys += [sym.height / 2 + g.arrow]
    for p in cell.pentagons:
        parts.append(_pentagon_svg(p, g))
        xs += [abs(p.dx) + g.pentagon[0] / 2 + g.arrow]
        ys += [abs(p.dy) + g.pentagon[1] / 2 + g.arrow]
    if len(parts) == 0:
        return None
    half_w = max(abs(x) for x in xs) + 0.5
    half_h = max(abs(y) for y in ys) + 0.5
    view = f"{_n(-half_w)} {_n(-half_h)} {_n(2 * half_w)} {_n(2 * half_h)}"
    svg = _svg(2 * half_w, 2 * half_h, "".join(parts), view=view)
    return Layer(data_uri(svg), "left 50% top 50%", f"{_mm(2 * half_w)} {_mm(2 * half_h)}")


def _x_position(x: Point, image_width: float) -> str:
    """Horizontal placement of an image of ``image_width`` whose centre line must sit at ``x``."""
    ref, off = x
    if ref == "C" and not off:
        return "left 50%"
    if ref == "L":
        return f"left {_mm(off - image_width / 2)}"
    if ref == "R":
        return f"right {_mm(-off - image_width / 2)}"
    raise ValueError(f"{x}: off-centre lines belong in the sprite")


def _y_position(y: Point, image_height: float) -> str:
    ref, off = y
    if ref == "M" and not off:
        return "top 50%"
    if ref == "T":
        return f"top {_mm(off - image_height / 2)}"
    if ref == "B":
        return f"bottom {_mm(-off - image_height / 2)}"
    raise ValueError(f"{y}: off-centre lines belong in the sprite")


def _span(a: Point, b: Point, near: str, far: str) -> tuple[str, str]:
    """Placement and length along an axis for a line from ``a`` to ``b`` (``near`` = L or T).

    The shapes the router produces: edge to edge (one end may sit at a lane:
    the image runs past the other edge and is clipped there), edge or lane to
    the centre (running on under the symbol, whose white fill hides it), and
    fixed pieces near an edge. Anything else would need ``calc()``.
    """
    (ra, oa), (rb, ob) = a, b
    mid = "C" if near == "L" else "M"
    start, end = ("left", "right") if near == "L" else ("top", "bottom")
    if ra == near and rb == far and not (oa and ob):
        return (f"{start} {_mm(oa)}", "100%") if oa else (f"{end} {_mm(-ob)}", "100%")
    if ra == near and rb == mid and not ob:
        return f"{start} {_mm(oa)}", "50%"
    if ra == mid and rb == far and not oa:
        return f"{end} {_mm(-ob)}", "50%"
    if ra == rb == near:
        return f"{start} {_mm(oa)}", _mm(ob - oa)
    if ra == rb == far:
        return f"{end} {_mm(-ob)}", _mm(ob - oa)
    raise ValueError(f"line from {a} to {b} cannot be drawn without calc()")


def _overshoots(seg: Seg) -> bool:
    """A line from a lane (or ``y0``) to the centre is drawn half the cell long and runs past the centre."""
    refs = [seg.start, seg.end]
    return any(p in (("C", 0.0), ("M", 0.0)) for p in refs) and any(p[0] in "LTRB" and p[1] for p in refs)


def _tile(seg: Seg) -> Layer:
    if seg.axis == "v":
        pos, length = _span(seg.start, seg.end, "T", "B")
        return Layer(_V_TILE, f"{_x_position(seg.track, TILE)} {pos}", f"{_mm(TILE)} {length}")
    pos, length = _span(seg.start, seg.end, "L", "R")
    return Layer(_H_TILE, f"{pos} {_y_position(seg.track, TILE)}", f"{length} {_mm(TILE)}")


def cell_layers(cell: Cell, g: Geometry) -> list[Layer]:
    """Background layers of one pelaksana cell, top first."""
    hidden = cell.symbol is not None or any(p.dx == 0 and p.dy == 0 for p in cell.pentagons)
    if not hidden and any(_overshoots(s) for s in cell.segs if not _is_central(s)):
        raise ValueError("a line runs past the centre of a cell with nothing there to hide it")
    layers = [s for s in [_sprite(cell, g)] if s is not None]
    for x, y in sorted(cell.dots):
        if not (x[0] == "C" and y[0] == "M"):
            layers.append(Layer(_DOT, f"{_x_position(x, 0.3)} {_y_position(y, 0.3)}", "0.3mm 0.3mm"))
    layers += [_tile(s) for s in sorted(cell.segs, key=repr) if not _is_central(s)]
    return layers


def layers_style(layers: list[Layer]) -> str:
    """The inline style carrying the layers: valid HTML, no ``calc()``, one repeat rule for all layers."""
    if not layers:
        return ""
    return (
        "background-image: " + ", ".join(l.image for l in layers)
        + "; background-position: " + ", ".join(l.position for l in layers)
        + "; background-size: " + ", ".join(l.size for l in layers)
        + "; background-repeat: no-repeat"
    )


@dataclass(frozen=True)
class BandView:
    """One label: a block of fixed height in the cell's centred box, its text in a span."""

    text: str
    role: str
    style: str
    span_style: str
    id: str = ""


@dataclass(frozen=True)
class CellView:
    style: str
    symbol: str
    """The step's symbol kind when this cell holds it, else empty (``data-symbol`` for tests and tools)."""
    bands: tuple[BandView, ...]
    box: bool


@dataclass(frozen=True)
class RowView:
    id: str
    nomor: int
    kind: str
    uraian: str
    kelengkapan: str
    waktu: str
    output: str
    keterangan: str
    height: str
    cells: tuple[CellView, ...]


@dataclass(frozen=True)
class SegmentView:
    id: str
    rows: tuple[RowView, ...]


@dataclass(frozen=True)
class FlowchartView:
    """Everything ``flowchart.html`` needs; pass it to the template as ``flowchart``."""

    id_prefix: str
    paper: str
    pelaksana: tuple[str, ...]
    widths: tuple[str, ...]
    segments: tuple[SegmentView, ...]
    probes: bool
    pages: Pages | None
    layout: Layout

    @property
    def table_width(self) -> str:
        """The sum of the columns: the page's usable width (explicit so screen and print agree)."""
        return _mm(sum(float(w[:-2]) for w in self.widths))

    @property
    def numbers(self) -> range:
        """The column-number row: 1 … number of columns."""
        return range(1, len(self.widths) + 1)

    @property
    def probe_ids(self) -> tuple[str, str]:
        return probe_ids(self.id_prefix)


def row_id(prefix: str, row: int) -> str:
    """Id of a body row (0-based ``row``): the measuring pass finds rows by it in ``Page.anchors``."""
    return f"{prefix}-langkah-{row + 1}"


def connector_id(prefix: str, letter: str, leaving: bool) -> str:
    """Id of a connector's letter: ``-keluar`` where the flow leaves a page, ``-masuk`` where it resumes."""
    return f"{prefix}-konektor-{letter}-{'keluar' if leaving else 'masuk'}"


def probe_ids(prefix: str) -> tuple[str, str]:
    """Ids of the fixed probes that mark the top and bottom of a page's content area."""
    return f"{prefix}-batas-atas", f"{prefix}-batas-bawah"


def _bands(cell: Cell, g: Geometry, box_height: float, prefix: str) -> tuple[BandView, ...]:
    """Labels in normal flow: each band's top margin is its distance from the previous band's bottom."""
    leaving = {p.letter: p.arrow is not None for p in cell.pentagons}
    bands, cursor = [], -box_height / 2
    for label in sorted(cell.labels, key=lambda l: l.dy):
        style = f"margin-top: {_mm(label.dy - cursor)}; height: {_mm(g.label)}; line-height: {_mm(g.label)}"
        span = ""
        if label.align == "r":
            style += "; padding-left: 50%; text-align: left"
            span = f"padding-left: {_mm(label.dx)}"
        elif label.align == "l":
            style += "; padding-right: 50%; text-align: right"
            span = f"padding-right: {_mm(label.dx)}"
        elif label.dx:
            style += f"; padding-{'left' if label.dx > 0 else 'right'}: {_mm(2 * abs(label.dx))}"
        if label.role == "terminator" and cell.symbol is not None and cell.symbol.width < 12:
            style += "; font-size: 5.5pt"  # "Selesai" must stay inside a narrow capsule
        anchor = connector_id(prefix, label.text, leaving[label.text]) if label.role == "connector" else ""
        bands.append(BandView(label.text, label.role, style, span, anchor))
        cursor = label.dy + g.label
    return tuple(bands)


def _row_view(sop: SOP, lay: Layout, row: int, prefix: str) -> RowView:
    step = sop.langkah[row]
    height = lay.min_heights[row]
    cells = []
    for cell in lay.cells[row]:
        symbol = cell.symbol.kind.value if cell.symbol else ""
        bands = _bands(cell, lay.geometry, height, prefix)
        cells.append(CellView(layers_style(cell_layers(cell, lay.geometry)), symbol, bands, bool(symbol or bands)))
    kind = next(c.symbol.kind.value for c in lay.cells[row] if c.symbol)
    mutu = step.mutu_baku
    return RowView(row_id(prefix, row), row + 1, kind, step.uraian, mutu.kelengkapan, mutu.waktu, mutu.output,
                   step.keterangan, _mm(height), tuple(cells))


def flowchart_view(
    sop: SOP,
    pages: Pages | None = None,
    *,
    paper: str = "F4",
    id_prefix: str = "bagan",
    probes: bool = False,
    flow: Flow | None = None,
) -> FlowchartView:
    """The view of one SOP's flowchart: one segment per planned page, or one continuous table.

    ``pages`` is the break plan from :func:`sopgen.render.paginate.paginate`;
    with it the site page shows the same page segments and connector pairs as
    the PDF. ``probes`` adds the markers the measuring pass reads.
    """
    flow = flow or build_flow(sop)
    widths = column_widths(PAPERS[paper], len(sop.pelaksana))
    lay = layout(flow, Geometry(column=widths.pelaksana), pages)
    segments = tuple(
        SegmentView(f"{id_prefix}-halaman-{index + 1}", tuple(_row_view(sop, lay, r, id_prefix) for r in range(first, last + 1)))
        for index, (first, last) in enumerate(lay.pages)
    )
    return FlowchartView(id_prefix, paper, tuple(sop.pelaksana), tuple(_mm(w) for w in widths.all()), segments, probes, pages, lay)
