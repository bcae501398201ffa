"""SVG charts for the recap and the Laporan Kinerja: pure functions returning SVG strings.

The same markup is inlined in the HTML page and in the PDF, so it keeps to what both Chromium
and WeasyPrint's SVG renderer draw alike: presentation attributes (no ``<style>``, no CSS
classes), ``text-anchor`` but no ``dominant-baseline`` (baselines are placed by hand), no
``foreignObject``, no ids (several charts share one page). Labels are pre-wrapped because SVG
text does not wrap, measured with the bundled Liberation Sans so a label is never cut. Numbers are printed as the tables print them (:mod:`.format`: rounded half
up, Indonesian decimals), and a missing value is written "belum tersedia", never drawn as 0.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from ..domain.pohon import bungkus
from ..models.blank import BELUM_TERSEDIA
from .font_metrics import text_width
from .format import angka, with_unit

FONT = "'Liberation Sans', Arial, Helvetica, sans-serif"
"""The theme bundles Liberation Sans; Arial has the same metrics where it is missing."""

INK = "#1f2933"
MUTED = "#616e7c"
GRID = "#d9dee3"
TARGET_FILL = "#b8c2cc"
REALISASI_FILL = "#1f5f99"
TREND_LINE = "#1f5f99"
RENSTRA_MARK = "#b3261e"


def wrap(text: str, width: float, size: float) -> list[str]:
    """Word wrap measured with the bundled Liberation Sans (the font the page and the PDF draw with); nothing is cut."""
    return bungkus(text, width, lambda line, bold: text_width(line, size, bold))


def _text(
    x: float, y: float, content: str, size: float = 11, anchor: str = "start", fill: str = INK, **attrs: str
) -> str:
    """A text element; keyword attributes use underscores for dashes (font_weight=...)."""
    extra = "".join(f" {k.replace('_', '-')}={quoteattr(v)}" for k, v in attrs.items())
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}"{extra}>'
        f"{escape(content)}</text>"
    )


def _svg(width: float, height: float, label: str, body: list[str]) -> str:
    """The outer element: scalable (viewBox), titled for screen readers, one font for all text."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafik" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" aria-label={quoteattr(label)} '
        f'font-family={quoteattr(FONT)}>'
        f"<title>{escape(label)}</title>" + "".join(body) + "</svg>"
    )


# --- Target vs realisasi per indicator -------------------------------------------------------


@dataclass(frozen=True)
class BarRow:
    """One indicator in the target-vs-realisasi chart."""

    label: str
    """e.g. 'IKU 1.1 Indeks Kepuasan Masyarakat'."""
    satuan: str
    target: Decimal | None
    realisasi: Decimal | None
    digits: int = 2
    note: str | None = None
    """Shown instead of bars when the indicator has no numbers to draw (kualitatif: 'A → BB')."""
    makin_rendah: bool = False
    """A negatif indicator: its label says "makin rendah makin baik", so a short bar reads as good."""


MAKIN_RENDAH = "makin rendah makin baik"


LABEL_W = 250
BAR_X = 262
CHART_W = 722
BAR_W = 330
"""Widest bar; narrower when a long unit needs the room for its value label."""
ROW_H = 46
"""The least height of a row; a label of more than two lines makes its row taller."""
LINE_H = 13
BAR_H = 13
VALUE_SIZE = 10.5


def target_realisasi_chart(rows: Sequence[BarRow], title: str) -> str:
    """Paired bars per indicator, each row on its own scale (its units differ), values printed."""
    width = CHART_W
    labels = [_value_label(k, v, r) for r in rows for k, v in (("T", r.target), ("R", r.realisasi)) if v is not None]
    longest = max((text_width(label, VALUE_SIZE) for label in labels), default=0)
    bar_w = max(160.0, min(BAR_W, CHART_W - BAR_X - 8 - longest))
    wrapped = [wrap(row.label, LABEL_W - 6, 11) for row in rows]
    heights = [max(ROW_H, LINE_H * (len(lines) + row.makin_rendah) + 10) for row, lines in zip(rows, wrapped)]
    top = 50
    height = top + sum(heights) + 34
    body = [
        _text(0, 16, title, 13, font_weight="bold"),
        _legend_box(0, 30, TARGET_FILL, "Target"),
        _legend_box(80, 30, REALISASI_FILL, "Realisasi"),
    ]
    y = float(top)
    for i, (row, lines, row_h) in enumerate(zip(rows, wrapped, heights)):
        body.extend(_bar_row(row, lines, y, row_h, bar_w, odd=i % 2 == 1))
        y += row_h
    body.append(
        _text(0, height - 10, "Panjang batang dibandingkan dalam satu baris saja; tiap indikator "
              "memakai skala dan satuannya sendiri.", 9.5, fill=MUTED)
    )
    return _svg(width, height, title, body)


def _legend_box(x: float, y: float, fill: str, label: str) -> str:
    return (
        f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="12" height="10" fill="{fill}"/>'
        + _text(x + 17, y, label, 10.5)
    )


def _value_label(kind: str, value: Decimal, row: BarRow) -> str:
    return f"{kind}: {with_unit(value, row.satuan, row.digits)}"


def _bar_row(row: BarRow, lines: list[str], y: float, row_h: float, bar_w: float, odd: bool) -> list[str]:
    """Label on the left (its wrapped ``lines``), target bar above realisasi bar, each value printed after its bar."""
    parts = []
    if odd:
        parts.append(f'<rect x="0" y="{y:.1f}" width="{CHART_W}" height="{row_h:.1f}" fill="#f3f5f7"/>')
    first = y + row_h / 2 - (len(lines) - 1 + row.makin_rendah) * LINE_H / 2 + 4
    parts += [_text(4, first + j * LINE_H, line, 11) for j, line in enumerate(lines)]
    if row.makin_rendah:
        parts.append(_text(4, first + len(lines) * LINE_H - 1, f"({MAKIN_RENDAH})", 9.5, fill=MUTED, font_style="italic"))
    if row.target is None:
        parts.append(_text(BAR_X, y + row_h / 2 + 4, row.note or "target belum ditetapkan", 10.5, font_style="italic"))
        return parts
    scale_max = max(v for v in (row.target, row.realisasi, Decimal(0)) if v is not None)
    for k, (value, fill, kind) in enumerate(
        ((row.target, TARGET_FILL, "T"), (row.realisasi, REALISASI_FILL, "R"))
    ):
        bar_y = y + (row_h - 2 * BAR_H - 4) / 2 + k * (BAR_H + 4)
        if value is None:
            parts.append(_text(BAR_X, bar_y + BAR_H - 2.5, f"R: {BELUM_TERSEDIA}", 10.5, font_style="italic"))
            continue
        length = float(max(value, Decimal(0)) / scale_max) * bar_w if scale_max > 0 else 0.0
        parts.append(f'<rect x="{BAR_X}" y="{bar_y:.1f}" width="{length:.1f}" height="{BAR_H}" fill="{fill}"/>')
        parts.append(_text(BAR_X + length + 5, bar_y + BAR_H - 2.5, _value_label(kind, value, row), VALUE_SIZE))
    return parts


# --- Trend over years ------------------------------------------------------------------------


@dataclass(frozen=True)
class TrendPoint:
    """One year of an indicator: its realisasi and, when known, that year's target."""

    tahun: int
    realisasi: Decimal | None
    target: Decimal | None = None


Scale = Callable[[Decimal | float], float]
"""Maps a value to its y coordinate on the plot."""

TREND_W = 600
TREND_H = 270
PLOT_LEFT = 64
PLOT_RIGHT = 24
PLOT_TOP = 52
PLOT_BOTTOM = 36


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round-numbered gridlines covering [lo, hi] (1, 2, 2.5 or 5 times a power of ten)."""
    span = hi - lo if hi > lo else (abs(hi) or 1.0)
    raw = span / (count - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(lo / step) * step
    ticks = [round(start, 10)]
    while ticks[-1] < hi - 1e-9:
        ticks.append(round(start + len(ticks) * step, 10))  # rounded: 0,1 × 7 is not 0,7000000000000001
    return ticks


def _y_range(values: list[float]) -> list[float]:
    """Start at 0 unless every value sits far above it (an index moving 80 → 84)."""
    lo, hi = min(values), max(values)
    if lo >= 0 and lo < 0.5 * hi:
        lo = 0.0
    else:
        pad = (hi - lo) * 0.15 or abs(hi) * 0.05 or 1.0
        lo, hi = lo - pad, hi + pad
    return nice_ticks(lo, hi)


def trend_chart(
    points: Sequence[TrendPoint],
    title: str,
    satuan: str,
    *,
    renstra: tuple[int, Decimal] | None = None,
    digits: int = 2,
) -> str:
    """Realisasi over the years as a line, targets dashed, the Renstra end target as a marker."""
    years = [p.tahun for p in points] + ([renstra[0]] if renstra else [])
    first, last = min(years), max(years)
    slot = (TREND_W - PLOT_LEFT - PLOT_RIGHT) / (last - first + 1)
    values = [float(v) for p in points for v in (p.realisasi, p.target) if v is not None]
    values += [float(renstra[1])] if renstra else []
    ticks = _y_range(values or [0.0, 1.0])
    plot_h = TREND_H - PLOT_TOP - PLOT_BOTTOM

    def x(tahun: int) -> float:
        return PLOT_LEFT + (tahun - first + 0.5) * slot

    def y(value: Decimal | float) -> float:
        return PLOT_TOP + plot_h * (1 - (float(value) - ticks[0]) / (ticks[-1] - ticks[0]))

    body = [_text(0, 16, title, 13, font_weight="bold"), *_trend_legend(renstra is not None)]
    body += _axes(ticks, y, satuan, digits)
    body += [_text(x(t), TREND_H - PLOT_BOTTOM + 16, str(t), 10.5, "middle") for t in range(first, last + 1)]
    ordered = sorted(points, key=lambda p: p.tahun)
    body += _series(ordered, "target", x, y, digits, dashed=True)
    body += _series(ordered, "realisasi", x, y, digits, dashed=False)
    for p in ordered:
        if p.realisasi is None:
            body.append(_text(x(p.tahun), TREND_H - PLOT_BOTTOM - 6, BELUM_TERSEDIA, 9, "middle", MUTED, font_style="italic"))
    if renstra:
        rx, ry = x(renstra[0]), y(renstra[1])
        body.append(f'<path d="M{rx:.1f},{ry - 6:.1f} L{rx + 6:.1f},{ry:.1f} L{rx:.1f},{ry + 6:.1f} L{rx - 6:.1f},{ry:.1f} Z" fill="{RENSTRA_MARK}"/>')
        body.append(_text(rx, ry - 10, angka(renstra[1], digits), 10, "middle", RENSTRA_MARK))
    return _svg(TREND_W, TREND_H, title, body)


def _trend_legend(with_renstra: bool) -> list[str]:
    parts = [
        f'<line x1="0" y1="31" x2="22" y2="31" stroke="{TREND_LINE}" stroke-width="2.2"/>',
        f'<circle cx="11" cy="31" r="3.5" fill="{TREND_LINE}"/>',
        _text(28, 35, "Realisasi", 10.5),
        f'<line x1="96" y1="31" x2="118" y2="31" stroke="{MUTED}" stroke-width="1.6" stroke-dasharray="5 3"/>',
        f'<rect x="104" y="28" width="6" height="6" fill="{MUTED}"/>',
        _text(124, 35, "Target tahunan", 10.5),
    ]
    if with_renstra:
        parts.append(f'<path d="M228,25 L234,31 L228,37 L222,31 Z" fill="{RENSTRA_MARK}"/>')
        parts.append(_text(240, 35, "Target akhir Renstra", 10.5))
    return parts


def _axes(ticks: list[float], y: Scale, satuan: str, digits: int) -> list[str]:
    """Horizontal gridlines with their values, and the unit above the axis."""
    step = Decimal(repr(round(ticks[1] - ticks[0], 10))) if len(ticks) > 1 else Decimal(1)
    exponent = step.normalize().as_tuple().exponent
    assert isinstance(exponent, int)  # the step is a finite number
    tick_digits = max(0, -exponent)  # 0,625 needs 3 digits, 25 none
    parts = []
    for t in ticks:
        ty = y(t)
        parts.append(f'<line x1="{PLOT_LEFT}" y1="{ty:.1f}" x2="{TREND_W - PLOT_RIGHT}" y2="{ty:.1f}" stroke="{GRID}" stroke-width="1"/>')
        parts.append(_text(PLOT_LEFT - 6, ty + 3.5, angka(Decimal(repr(t)), tick_digits), 10, "end", MUTED))
    parts.append(_text(TREND_W - PLOT_RIGHT, PLOT_TOP - 6, satuan, 10, "end", MUTED))
    return parts


def _series(points: list[TrendPoint], field: str, x: Callable[[int], float], y: Scale, digits: int, dashed: bool) -> list[str]:
    """One line, broken where a year has no value; realisasi points carry their value."""
    parts: list[str] = []
    segment: list[tuple[float, float]] = []
    colour = MUTED if dashed else TREND_LINE
    segments: list[list[tuple[float, float]]] = []
    for p in points:
        value = getattr(p, field)
        if value is None:
            if segment:
                segments.append(segment)
            segment = []
            continue
        segment.append((x(p.tahun), y(value)))
        if dashed:
            parts.append(f'<rect x="{x(p.tahun) - 3:.1f}" y="{y(value) - 3:.1f}" width="6" height="6" fill="{colour}"/>')
        else:
            parts.append(f'<circle cx="{x(p.tahun):.1f}" cy="{y(value):.1f}" r="3.5" fill="{colour}"/>')
            below = p.target is not None and value < p.target
            parts.append(_text(x(p.tahun), y(value) + (16 if below else -8), angka(value, digits), 10, "middle"))
    if segment:
        segments.append(segment)
    dash = ' stroke-dasharray="5 3"' if dashed else ""
    width = 1.6 if dashed else 2.2
    lines = [
        f'<polyline points="{" ".join(f"{px:.1f},{py:.1f}" for px, py in seg)}" fill="none" '
        f'stroke="{colour}" stroke-width="{width}"{dash}/>'
        for seg in segments
        if len(seg) > 1
    ]
    return lines + parts
