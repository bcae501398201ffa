"""The flowchart layout as HTML/CSS: the view ``flowchart.html`` renders, paper and column widths.

The drawing is made of CSS background layers on the pelaksana cells
(``flowchart_svg.py``): percentages in ``background-position`` and
``background-size`` resolve against the *stretched* row in WeasyPrint and
Chromium alike, so a symbol stays centred and a line reaches the row's edge
whatever its height (absolute positioning and inline SVG do not, see the
rendering notes). Labels ("Mulai", "Ya", connector letters) are real text in a
box centred on the row, at fixed distances from the symbol.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..domain.flow import Flow, build_flow
from ..domain.flowchart import Cell, Geometry, Layout, Pages
from ..domain.flowchart_routes import layout
from ..domain.flowchart_sheet import SHEETS, column_widths  # SHEETS is part of this module's API
from ..models.sop import SOP, Langkah, ProsedurSOP
from .flowchart_svg import cell_layers, layers_style, mm  # cell_layers is part of this module's API
from .header_fit import header_style
from .hyphenation import name_words

MM_PER_PX = 25.4 / 96


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
    colspan: int = 1
    """Pelaksana columns the cell spans: several for a step done together (one symbol across them)."""


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
    judul: str | None
    """The procedure's name, printed above its table in a document of several procedures; None for the one procedure of ``langkah:``."""
    paper: str
    pelaksana: tuple[str, ...]
    mutu_baku: tuple[str, str, str]
    """The Mutu Baku column titles (kelengkapan, waktu, output) the SOP prints."""
    widths: tuple[str, ...]
    segments: tuple[SegmentView, ...]
    probes: bool
    pages: Pages | None
    layout: Layout

    @property
    def table_width(self) -> str:
        """The sum of the columns: the page's usable width (explicit so screen and print agree)."""
        return mm(sum(float(w[:-2]) for w in self.widths))

    @property
    def page_css(self) -> str:
        """The ``@page`` rules of the sheet this view is laid out for, for the document's ``<style>``."""
        return SHEETS[self.paper].page_css

    @property
    def headers(self) -> tuple[tuple[str, str], ...]:
        """Each pelaksana header with the style its widest word needs to fit unbroken ("" if none)."""
        column = float(self.widths[2][:-2])
        return tuple((name, header_style(name, column)) for name in self.pelaksana)

    @property
    def mutu_headers(self) -> tuple[tuple[str, str], ...]:
        """Each Mutu Baku title with the style its widest word needs to fit its column unbroken ("" if none)."""
        first = 2 + len(self.pelaksana)
        return tuple((title, header_style(title, float(self.widths[first + i][:-2]))) for i, title in enumerate(self.mutu_baku))

    @property
    def names(self) -> frozenset[str]:
        """The words of the pelaksana names, which the hyphenation filters leave whole in every cell."""
        return name_words(self.pelaksana)

    @property
    def numbers(self) -> range:
        """The column-number row: 1 … number of columns."""
        return range(1, len(self.widths) + 1)

    @property
    def probe_ids(self) -> tuple[str, str]:
        return probe_ids(self.id_prefix)

    @property
    def closing_id(self) -> str:
        """Id of the block after the table (the signature): the planner keeps it with the last rows."""
        return f"{self.id_prefix}-penutup"


def row_id(prefix: str, row: int) -> str:
    """Id of a body row (0-based ``row``): every layout's measurement finds rows by it in ``Page.anchors``."""
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
    for label in sorted(cell.labels, key=lambda label: label.dy):
        style = f"margin-top: {mm(label.dy - cursor)}; height: {mm(g.label)}; line-height: {mm(g.label)}"
        span = ""
        if label.align == "r":
            style += "; padding-left: 50%; text-align: left"
            span = f"padding-left: {mm(label.dx)}"
        elif label.align == "l":
            style += "; padding-right: 50%; text-align: right"
            span = f"padding-right: {mm(label.dx)}"
        elif label.dx:
            style += f"; padding-{'left' if label.dx > 0 else 'right'}: {mm(2 * abs(label.dx))}"
        if label.role == "terminator" and cell.symbol is not None and cell.symbol.width < 12:
            style += "; font-size: 5.5pt"  # "Selesai" must stay inside a narrow capsule
        anchor = connector_id(prefix, label.text, leaving[label.text]) if label.role == "connector" else ""
        bands.append(BandView(label.text, label.role, style, span, anchor))
        cursor = label.dy + g.label
    return tuple(bands)


def _row_view(prosedur: ProsedurSOP[Langkah], lay: Layout, row: int, prefix: str) -> RowView:
    step = prosedur.langkah[row]
    height = lay.min_heights[row]
    cells = []
    for cell in lay.cells[row]:
        if not cell.span:
            continue  # covered by a step done together, spanning from its left
        symbol = cell.symbol.kind.value if cell.symbol else ""
        bands = _bands(cell, lay.geometry, height, prefix)
        cells.append(CellView(layers_style(cell_layers(cell, lay.geometry)), symbol, bands, bool(symbol or bands), cell.span))
    kind = next(c.symbol.kind.value for c in lay.cells[row] if c.symbol)
    mutu = step.mutu_baku
    return RowView(row_id(prefix, row), row + 1, kind, step.uraian, mutu.kelengkapan, mutu.waktu, mutu.output,
                   step.keterangan, mm(height), tuple(cells))


def flowchart_view(
    sop: SOP,
    pages: Pages | None = None,
    *,
    paper: str = "F4",
    id_prefix: str = "bagan",
    probes: bool = False,
    flow: Flow | None = None,
    prosedur: ProsedurSOP[Langkah] | None = None,
) -> FlowchartView:
    """The view of one procedure's flowchart (``prosedur``; None: the SOP's only one): one segment
    per planned page, or one continuous table.

    ``pages`` is the break plan from :func:`sopgen.render.paginate.paginate`;
    with it the site page shows the same page segments and connector pairs as
    the PDF. ``probes`` adds the markers each layout's measurement reads.
    """
    if prosedur is None:
        (prosedur,) = sop.daftar_prosedur  # a document of several procedures names the one it draws
    flow = flow or build_flow(sop, prosedur)
    widths = column_widths(SHEETS[paper], len(sop.pelaksana))
    lay = layout(flow, Geometry(column=widths.pelaksana), pages)
    segments = tuple(
        SegmentView(f"{id_prefix}-halaman-{index + 1}", tuple(_row_view(prosedur, lay, r, id_prefix) for r in range(first, last + 1)))
        for index, (first, last) in enumerate(lay.pages)
    )
    judul = sop.judul_mutu_baku
    return FlowchartView(id_prefix, prosedur.nama, paper, tuple(sop.pelaksana), (judul.kelengkapan, judul.waktu, judul.output),
                         tuple(mm(w) for w in widths.all()), segments, probes, pages, lay)


def bagan_prefix(index: int, count: int) -> str:
    """The id prefix of procedure ``index``'s flowchart: ``bagan`` for an SOP of one procedure (as
    before procedures existed), ``bagan-1``, ``bagan-2`` ... for each of several."""
    return "bagan" if count == 1 else f"bagan-{index + 1}"


def flowchart_views(sop: SOP, plans: Sequence[Pages | None] | None = None, *, paper: str = "F4", probes: bool = False,
                    flows: Sequence[Flow] | None = None) -> tuple[FlowchartView, ...]:
    """One view per procedure of ``sop``, in document order, each on its own break plan (``plans``;
    None: every table continuous), its own connector letters and its step numbers from 1."""
    procedures = sop.daftar_prosedur
    return tuple(
        flowchart_view(sop, plans[i] if plans else None, paper=paper, id_prefix=bagan_prefix(i, len(procedures)), probes=probes,
                       flow=flows[i] if flows else None, prosedur=prosedur)
        for i, prosedur in enumerate(procedures)
    )
