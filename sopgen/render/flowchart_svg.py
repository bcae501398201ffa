"""Drawing one pelaksana cell: its marks as SVG data-URI background layers (see ``flowchart.py``).

Top layer first: one *sprite* centred on the cell (symbols, arrowheads,
connectors, and the lines fixed relative to the centre), small joint squares,
then *tiles* for the lines whose length depends on the row or column size. A
tile is a few mm wide with a centred 0.3 mm bar, stretched along the line;
never a 1 px image scaled up, which Chromium's PDF output drops. No
``calc()``: a line that must stop at a symbol runs to the centre and the
symbol's white fill hides the rest; a line this module cannot draw exactly is
refused with ValueError rather than drawn wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from urllib.parse import quote, unquote

from ..domain.flow import StepKind
from ..domain.flowchart import Cell, Geometry, Pentagon, Point, Seg, Symbol
from ..domain.flowchart_hops import HOP


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") or "0"


def mm(value: float) -> str:
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
_HOP_SIZE = 2 * HOP + 0.6
_HOP = data_uri(_svg(
    _HOP_SIZE, _HOP_SIZE,
    f'<rect x="{_n(-HOP)}" y="-0.3" width="{_n(2 * HOP)}" height="0.6" fill="#fff"/>'
    f'<rect x="-0.15" y="{_n(-_HOP_SIZE / 2)}" width="0.3" height="{_n(_HOP_SIZE)}"/>'
    f'<path d="M {_n(-HOP)} 0 A {_n(HOP)} {_n(HOP)} 0 0 1 {_n(HOP)} 0" fill="none" stroke="#000" stroke-width="0.3"/>',
    view=f"{_n(-_HOP_SIZE / 2)} {_n(-_HOP_SIZE / 2)} {_n(_HOP_SIZE)} {_n(_HOP_SIZE)}",
))
"""A line bridge: the horizontal line's piece over the crossing whited out and arched, the vertical one redrawn."""

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
            tip = {"T": (sym.top_dx, -sym.height / 2), "L": (-sym.width / 2, 0.0), "R": (sym.width / 2, 0.0)}[side]
            parts.append(_arrowhead(*tip, side, g.arrow))
        xs += [sym.width / 2 + g.arrow, abs(sym.top_dx) + g.arrow]
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
    return Layer(data_uri(svg), "left 50% top 50%", f"{mm(2 * half_w)} {mm(2 * half_h)}")


def _x_position(x: Point, image_width: float) -> str:
    """Horizontal placement of an image of ``image_width`` whose centre line must sit at ``x``."""
    ref, off = x
    if ref == "C" and not off:
        return "left 50%"
    if ref == "L":
        return f"left {mm(off - image_width / 2)}"
    if ref == "R":
        return f"right {mm(-off - image_width / 2)}"
    raise ValueError(f"{x}: off-centre lines belong in the sprite")


def _y_position(y: Point, image_height: float) -> str:
    ref, off = y
    if ref == "M" and not off:
        return "top 50%"
    if ref == "T":
        return f"top {mm(off - image_height / 2)}"
    if ref == "B":
        return f"bottom {mm(-off - image_height / 2)}"
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
        return (f"{start} {mm(oa)}", "100%") if oa else (f"{end} {mm(-ob)}", "100%")
    if ra == near and rb == mid and not ob:
        return f"{start} {mm(oa)}", "50%"
    if ra == mid and rb == far and not oa:
        return f"{end} {mm(-ob)}", "50%"
    if ra == rb == near:
        return f"{start} {mm(oa)}", mm(ob - oa)
    if ra == rb == far:
        return f"{end} {mm(-ob)}", mm(ob - oa)
    raise ValueError(f"line from {a} to {b} cannot be drawn without calc()")


def _overshoots(seg: Seg) -> bool:
    """A line from a lane (or ``y0``) to the centre is drawn half the cell long and runs past the centre."""
    refs = [seg.start, seg.end]
    return any(p in (("C", 0.0), ("M", 0.0)) for p in refs) and any(p[0] in "LTRB" and p[1] for p in refs)


def _tile(seg: Seg) -> Layer:
    if seg.axis == "v":
        pos, length = _span(seg.start, seg.end, "T", "B")
        return Layer(_V_TILE, f"{_x_position(seg.track, TILE)} {pos}", f"{mm(TILE)} {length}")
    pos, length = _span(seg.start, seg.end, "L", "R")
    return Layer(_H_TILE, f"{pos} {_y_position(seg.track, TILE)}", f"{length} {mm(TILE)}")


def cell_layers(cell: Cell, g: Geometry) -> list[Layer]:
    """Background layers of one pelaksana cell, top first."""
    hidden = cell.symbol is not None or any(p.dx == 0 and p.dy == 0 for p in cell.pentagons)
    if not hidden and any(_overshoots(s) for s in cell.segs if not _is_central(s)):
        raise ValueError("a line runs past the centre of a cell with nothing there to hide it")
    layers = [Layer(_HOP, f"{_x_position(x, _HOP_SIZE)} {_y_position(y, _HOP_SIZE)}", f"{mm(_HOP_SIZE)} {mm(_HOP_SIZE)}") for x, y in sorted(cell.hops)]
    layers += [s for s in [_sprite(cell, g)] if s is not None]
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
        "background-image: " + ", ".join(layer.image for layer in layers)
        + "; background-position: " + ", ".join(layer.position for layer in layers)
        + "; background-size: " + ", ".join(layer.size for layer in layers)
        + "; background-repeat: no-repeat"
    )


# --- one cell as a picture of a given size (the Word copy) -------------------------------

_PT_MM = 25.4 / 72
_LABEL_FONT = {"terminator": (7.0, ""), "branch": (6.5, ' font-style="italic"'), "connector": (7.5, ' font-weight="bold"')}
"""Font size (pt) and style of each label role, as ``.fc-band`` in flowchart.css (6.5 pt otherwise)."""


def _length(value: str, box: float) -> float:
    """A CSS length of the layers (``3mm``, ``50%``, ``100%``) in mm, against ``box``."""
    return box * float(value[:-1]) / 100 if value.endswith("%") else float(value.removesuffix("mm"))


def _place(edge: str, value: str, box: float, size: float) -> float:
    """Where an image of ``size`` starts under ``background-position: <edge> <value>`` in a box of ``box`` mm."""
    if value.endswith("%"):
        share = float(value[:-1]) / 100
        return (box - size) * (share if edge in ("left", "top") else 1 - share)
    offset = float(value.removesuffix("mm"))
    return offset if edge in ("left", "top") else box - size - offset


def _unwrap(image: str) -> tuple[str, str, str]:
    """A layer's data-URI SVG as (viewBox, preserveAspectRatio, body)."""
    svg = unquote(image.removeprefix("url('data:image/svg+xml,").removesuffix("')"))
    view = re.search(r'viewBox="([^"]+)"', svg)
    ratio = re.search(r'preserveAspectRatio="([^"]+)"', svg)
    body = svg[svg.index(">") + 1: svg.rindex("</svg>")]
    return (view.group(1) if view else ""), (ratio.group(1) if ratio else "xMidYMid meet"), body


def _fit(view: str, ratio: str, x: float, y: float, w: float, h: float) -> str:
    """The transform that puts a layer's viewBox into its box (stretched, or centred whole for ``meet``).

    A group with a transform rather than a nested ``<svg>``: Word's and LibreOffice's SVG readers
    do not all honour ``preserveAspectRatio`` on a nested viewport.
    """
    vx, vy, vw, vh = (float(v) for v in view.split())
    sx, sy = w / vw, h / vh
    if ratio != "none":
        sx = sy = min(sx, sy)
        x, y = x + (w - vw * sx) / 2, y + (h - vh * sy) / 2
    return f"translate({_n(x)} {_n(y)}) scale({sx:.5g} {sy:.5g}) translate({_n(-vx)} {_n(-vy)})"


def cell_picture(cell: Cell, g: Geometry, width: float, height: float) -> str | None:
    """The cell's drawing as one SVG of ``width`` × ``height`` mm: its CSS layers placed as a browser places them.

    The layers (:func:`cell_layers`) are evaluated for this box, bottom layer first, and the
    labels the page prints as text are drawn as SVG text at the same distances from the centre;
    so the picture is the PDF's cell, and pictures of adjacent cells join into one drawing.
    None for a cell with nothing drawn.
    """
    layers = cell_layers(cell, g)
    if not layers and not cell.labels:
        return None
    parts = []
    for layer in reversed(layers):
        (x_edge, x_value, y_edge, y_value), (w_value, h_value) = layer.position.split(), layer.size.split()
        w, h = _length(w_value, width), _length(h_value, height)
        x, y = _place(x_edge, x_value, width, w), _place(y_edge, y_value, height, h)
        view, ratio, body = _unwrap(layer.image)
        parts.append(f'<g transform="{_fit(view, ratio, x, y, w, h)}">{body}</g>')
    for label in cell.labels:
        size, style = _LABEL_FONT.get(label.role, (6.5, ""))
        if label.role == "terminator" and cell.symbol is not None and cell.symbol.width < 12:
            size = 5.5
        anchor, x = {"r": ("start", width / 2 + label.dx), "l": ("end", width / 2 - label.dx)}.get(label.align, ("middle", width / 2 + label.dx))
        baseline = height / 2 + label.dy + g.label / 2 + size * _PT_MM * 0.35
        parts.append(f'<text x="{_n(x)}" y="{_n(baseline)}" font-size="{_n(size * _PT_MM)}" text-anchor="{anchor}"{style} '
                     f'font-family="Liberation Sans, Arial, sans-serif">{escape(label.text)}</text>')
    return _svg(width, height, "".join(parts))
