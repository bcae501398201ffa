"""Page breaks of the flowchart from the real layout: measure, plan, lay out again, verify.

Where a page breaks depends on laid-out text heights, and a row that carries
an off-page connector grows, so no fixed "rows per page" rule is right. The
measuring pass lays the SOP out with WeasyPrint as one continuous table and
reads, through the public ``Page.anchors`` (ids on rows and on two fixed
probes), where each row landed, how tall it is, and where a page's content
area starts and ends, and how tall the closing block (the signature) after
the table is. The planner (``domain.flowchart.plan_pages``) fills
pages with whole rows, counting the connector growth; the SOP is laid out
again with one table per planned page and the landing of every row is
checked against the plan. A plan that does not hold is re-planned with a
larger safety margin, a bounded number of times.

The final WeasyPrint document is returned, so writing the PDF costs no
further layout; the plan goes to the site page so it shows the same segments.

A flowchart that ``sopgen check``'s estimate (``domain/flowchart_estimate.py``)
puts on more than one page is measured alone: the flowchart and the signature
after it, without the cover and identity page before it (the flowchart starts
on a page of its own, so its rows land at the same places, for less layout
work in that pass). One expected on one page is measured as the whole
document, which is then the final layout when it fits; an estimate that was
wrong costs one more layout, never a different plan.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from weasyprint import HTML, Document

from ..domain.flow import Flow, build_flow
from ..domain.flowchart import Geometry, Layout, Pages
from ..domain.flowchart_estimate import estimated_pages
from ..domain.flowchart_pages import grown_heights, loops, plan_pages
from ..domain.flowchart_quality import Quality, quality
from ..domain.flowchart_sheet import SHEETS, column_widths
from ..models.sop import SOP
from .flowchart import MM_PER_PX, FlowchartView, flowchart_view, probe_ids, row_id
from .pdf import PdfRenderer

log = logging.getLogger(__name__)

MAX_ROUNDS = 3
SAFETY_MM = 0.5
"""Kept free at the bottom of each page: rounding between the measure and the final layout."""

RenderDocument = Callable[[FlowchartView], str]
"""Renders the whole SOP document (identity page, flowchart, signature) around a flowchart view;
or, for the measuring pass (``render_flowchart``), only the flowchart and what follows it on its pages."""


@dataclass(frozen=True)
class Landing:
    """Where one row landed: page index in the document and its top/bottom (mm from the page top)."""

    page: int
    top: float
    bottom: float


@dataclass(frozen=True)
class Measurement:
    """What one layout says about the flowchart: every row, and the content area of a page."""

    rows: tuple[Landing, ...]
    area_top: float
    area_bottom: float
    table_top: float
    closing: Landing | None
    """The signature block after the table (None in a theme that gives it no id)."""

    @property
    def heights(self) -> list[float]:
        return [r.bottom - r.top for r in self.rows]

    @property
    def first_capacity(self) -> float:
        """Room for rows on the flowchart's first page: below the first row's top, above the bottom."""
        return self.area_bottom - self.rows[0].top

    @property
    def capacity(self) -> float:
        """Room for rows on a following page: the content area less the repeated header."""
        header = self.rows[0].top - self.table_top
        return self.area_bottom - self.area_top - header

    @property
    def closing_height(self) -> float:
        """The room the closing block needs under the last row (its gap to the table is its padding)."""
        return self.closing.bottom - self.closing.top if self.closing else 0.0

    def closing_with_last_row(self) -> bool:
        """The closing block landed on the page of the last row (or there is none to check)."""
        return self.closing is None or self.closing.page == self.rows[-1].page

    def pages_of_rows(self) -> list[int]:
        """Each row's page, counted from the page where the flowchart starts."""
        first = self.rows[0].page
        return [r.page - first for r in self.rows]

    @property
    def closing_page(self) -> int | None:
        """The closing block's page, counted like :meth:`pages_of_rows`; None without one."""
        return None if self.closing is None else self.closing.page - self.rows[0].page


@dataclass
class Pagination:
    """The outcome: the laid-out document to write, the plan the site page reuses, and how it went."""

    document: Document
    pages: Pages
    verified: bool
    layouts: int
    measurement: Measurement
    layout: Layout
    """The routed flowchart of the final layout."""
    alone: bool = False
    """The measuring layout was the flowchart alone (it spans pages: the document is laid out again)."""

    def quality(self) -> Quality:
        """The layout-quality report of what is printed: measured row heights, and pages holding
        only the signature counted from where it landed."""
        return quality(self.layout, self.measurement.heights, self.measurement.closing_page)


def _anchor_box(value: Sequence[float], next_top: float | None) -> tuple[float, float]:
    """(top, bottom) in mm of an anchor; WeasyPrint 70 gives (x1, y1, x2, y2), older ones only (x, y)."""
    top = value[1] * MM_PER_PX
    if len(value) >= 4:
        return top, value[3] * MM_PER_PX
    return top, (next_top if next_top is not None else top)


def measure(document: Document, view: FlowchartView, count: int) -> Measurement:
    """Read rows, table and page area from ``Page.anchors`` of a laid-out document."""
    found: dict[str, tuple[int, Sequence[float]]] = {}
    for index, page in enumerate(document.pages):
        for name, value in page.anchors.items():
            found.setdefault(name, (index, value))
    ids = [row_id(view.id_prefix, r) for r in range(count)]
    missing = [i for i in ids if i not in found]
    if missing:
        raise RuntimeError(f"flowchart rows not found in the layout: {missing[:3]} (is flowchart.html included?)")
    rows = []
    for r, name in enumerate(ids):
        page, value = found[name]
        nxt = found.get(ids[r + 1]) if r + 1 < count else None
        next_top = nxt[1][1] * MM_PER_PX if nxt and nxt[0] == page else None
        top, bottom = _anchor_box(value, next_top)
        rows.append(Landing(page, top, bottom))
    top_id, bottom_id = probe_ids(view.id_prefix)
    first_page = document.pages[rows[0].page].anchors
    table = first_page.get(view.segments[0].id, first_page[ids[0]])
    closing = None
    if view.closing_id in found:
        page, value = found[view.closing_id]
        closing = Landing(page, *_anchor_box(value, None))
    return Measurement(tuple(rows), first_page[top_id][1] * MM_PER_PX, first_page[bottom_id][1] * MM_PER_PX, table[1] * MM_PER_PX, closing)


def holds(pages: Pages, measurement: Measurement) -> bool:
    """Every row landed on its planned page, counted from the flowchart's first page, and the
    closing block on the last one."""
    planned = [index for index, (first, last) in enumerate(pages) for _ in range(first, last + 1)]
    return planned == measurement.pages_of_rows() and measurement.closing_with_last_row()


def paginate(
    sop: SOP,
    render_document: RenderDocument,
    *,
    render_flowchart: RenderDocument | None = None,
    base_url: str,
    paper: str = "F4",
    id_prefix: str = "bagan",
    renderer: PdfRenderer | None = None,
    max_rounds: int = MAX_ROUNDS,
) -> Pagination:
    """Lay out ``sop`` with measured page breaks and off-page connectors; see the module docstring.

    ``render_flowchart``: the document of the measuring pass when the flowchart is expected on
    several pages (None: the whole document is measured)."""
    flow = build_flow(sop)
    count = len(sop.langkah)

    def lay_out(pages: Pages | None, render: RenderDocument = render_document) -> tuple[Document, Measurement, Layout]:
        view = flowchart_view(sop, pages, paper=paper, id_prefix=id_prefix, probes=True, flow=flow)
        html = render(view)
        document = renderer.document(html, Path(base_url)) if renderer else HTML(string=html, base_url=base_url).render()
        return document, measure(document, view, count), view.layout

    measuring = render_flowchart if render_flowchart is not None and expected_on_pages(sop, flow, paper) else None
    document, first, routed = lay_out(None, measuring or render_document)
    layouts = 1
    if measuring and _one_page(first):
        document, first, routed = lay_out(None)  # the estimate was wrong: the whole document, as measuring it would have been
        layouts += 1
    alone = measuring is not None
    if _one_page(first):
        return Pagination(document, ((0, count - 1),), True, layouts, first, routed, alone)
    geometry = flowchart_view(sop, None, paper=paper, flow=flow).layout.geometry
    heights = grown_heights(flow, geometry, first.heights)
    margin = SAFETY_MM
    pages: Pages = ()
    for _ in range(max_rounds):
        pages = plan_pages(heights, first.first_capacity - margin, first.capacity - margin, loops(flow), first.closing_height)
        document, result, routed = lay_out(pages)
        layouts += 1
        if holds(pages, result):
            return Pagination(document, pages, True, layouts, result, routed, alone)
        margin += _overflow(pages, result) + 1.0
        log.debug("flowchart plan %s did not hold; retrying with %.1f mm margin", pages, margin)
    log.warning("bagan alir '%s': pemisahan halaman tidak sesuai rencana setelah %d kali tata letak", sop.nama, layouts)
    return Pagination(document, pages, False, layouts, result, routed, alone)


def _one_page(measurement: Measurement) -> bool:
    """Every row and the closing block landed on the flowchart's first page: that layout is the final one."""
    return len(set(measurement.pages_of_rows())) == 1 and measurement.closing_with_last_row()


def expected_on_pages(sop: SOP, flow: Flow, paper: str) -> bool:
    """Whether ``sopgen check``'s estimate of the page plan puts the flowchart on more than one page."""
    sheet = SHEETS[paper]
    columns = column_widths(sheet, len(sop.pelaksana))
    pages, _, _ = estimated_pages(flow, sop.langkah, Geometry(column=columns.pelaksana), sheet, columns)
    return len(pages) > 1


def _overflow(pages: Pages, result: Measurement) -> float:
    """How far the rows of the first page that spilled over went beyond the planned page's room."""
    landed = result.pages_of_rows()
    for index, (first, last) in enumerate(pages):
        spilled = [r for r in range(first, last + 1) if landed[r] != index]
        if spilled:
            return sum(result.heights[r] for r in spilled)
    return 0.0
