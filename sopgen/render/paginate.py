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
from typing import TYPE_CHECKING

from ..domain.flow import Flow, build_flows
from ..domain.flowchart import Geometry, Layout, Pages
from ..domain.flowchart_estimate import estimated_pages
from ..domain.flowchart_pages import grown_heights, loops, plan_pages
from ..domain.flowchart_quality import Quality, quality
from ..domain.flowchart_sheet import SHEETS, column_widths
from ..models.sop import SOP, Langkah
from .flowchart import MM_PER_PX, FlowchartView, flowchart_views, probe_ids, row_id
from .pdf import PdfRenderer

if TYPE_CHECKING:
    from weasyprint import Document

log = logging.getLogger(__name__)

MAX_ROUNDS = 3
SAFETY_MM = 0.5
"""Kept free at the bottom of each page: rounding between the measure and the final layout."""

RenderDocument = Callable[[Sequence[FlowchartView]], str]
"""Renders the whole SOP document (identity page, flowcharts, signature) around the flowchart views
of its procedures; or, for the measuring pass (``render_flowchart``), only the flowcharts and what
follows them on their pages."""


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


@dataclass(frozen=True)
class Bagan:
    """One procedure's flowchart as printed: its break plan, what the final layout measured, its routing."""

    pages: Pages
    measurement: Measurement
    layout: Layout

    def quality(self) -> Quality:
        """The layout-quality report of what is printed: measured row heights, and pages holding
        only the signature counted from where it landed."""
        return quality(self.layout, self.measurement.heights, self.measurement.closing_page)


@dataclass
class Pagination:
    """The outcome: the laid-out document to write, the plans the site page reuses, and how it went."""

    document: Document
    bagan: tuple[Bagan, ...]
    """Each procedure's flowchart, in document order (one for an SOP of ``langkah:``)."""
    verified: bool
    layouts: int
    alone: bool = False
    """The measuring layout was the flowchart alone (it spans pages: the document is laid out again)."""

    @property
    def plans(self) -> tuple[Pages, ...]:
        """Each procedure's break plan."""
        return tuple(b.pages for b in self.bagan)


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
    renderer: PdfRenderer | None = None,
    max_rounds: int = MAX_ROUNDS,
) -> Pagination:
    """Lay out ``sop`` with measured page breaks and off-page connectors; see the module docstring.

    Each procedure's flowchart starts on a page of its own (``.fc { break-before: page }``), so
    each is planned from its own rows and page area, all of them in the same layouts; the
    signature (the closing block) follows the last one. ``render_flowchart``: the document of the
    measuring pass when a flowchart is expected on several pages (None: the whole document is
    measured)."""
    flows = build_flows(sop)
    counts = [len(p.langkah) for p in sop.daftar_prosedur]

    def lay_out(plans: Sequence[Pages | None], render: RenderDocument = render_document) -> tuple[Document, list[Measurement], list[Layout]]:
        views = flowchart_views(sop, plans, paper=paper, probes=True, flows=flows)
        html = render(views)
        document = renderer.document(html, Path(base_url)) if renderer else _bare_document(html, base_url)
        return document, [measure(document, view, count) for view, count in zip(views, counts, strict=True)], [v.layout for v in views]

    unplanned: list[Pages | None] = [None] * len(flows)
    expected = any(expected_on_pages(sop, flow, prosedur.langkah, paper) for flow, prosedur in zip(flows, sop.daftar_prosedur, strict=True))
    measuring = render_flowchart if render_flowchart is not None and expected else None
    document, first, routed = lay_out(unplanned, measuring or render_document)
    layouts = 1
    if measuring and all(_one_page(m) for m in first):
        document, first, routed = lay_out(unplanned)  # the estimate was wrong: the whole document, as measuring it would have been
        layouts += 1
    alone = measuring is not None
    if all(_one_page(m) for m in first):
        return Pagination(document, _bagan([((0, c - 1),) for c in counts], first, routed), True, layouts, alone)
    geometry = flowchart_views(sop, None, paper=paper, flows=flows)[0].layout.geometry
    # A flowchart that fit its page in the continuous layout keeps it; the others are planned.
    plans: list[Pages | None] = [None if _one_page(m) else () for m in first]
    margins = [SAFETY_MM] * len(flows)
    results = first
    for _ in range(max_rounds):
        for i, (flow, m) in enumerate(zip(flows, first, strict=True)):
            if plans[i] is not None and not _held(plans[i], results[i]):
                heights = grown_heights(flow, geometry, m.heights)
                plans[i] = plan_pages(heights, m.first_capacity - margins[i], m.capacity - margins[i], loops(flow), m.closing_height)
        document, results, routed = lay_out(plans)
        layouts += 1
        if all(_held(plan, result) for plan, result in zip(plans, results, strict=True)):
            return Pagination(document, _bagan(_final(plans, counts), results, routed), True, layouts, alone)
        for i, (plan, result) in enumerate(zip(plans, results, strict=True)):
            if plan and not holds(plan, result):
                margins[i] += _overflow(plan, result) + 1.0
                log.debug("flowchart plan %s did not hold; retrying with %.1f mm margin", plan, margins[i])
    log.warning("bagan alir '%s': pemisahan halaman tidak sesuai rencana setelah %d kali tata letak", sop.nama, layouts)
    return Pagination(document, _bagan(_final(plans, counts), results, routed), False, layouts, alone)


def _held(plan: Pages | None, result: Measurement) -> bool:
    """A planned flowchart landed as planned; an unplanned one (None) still on one page. ``()``: not planned yet."""
    if plan is None:
        return _one_page(result)
    return bool(plan) and holds(plan, result)


def _final(plans: Sequence[Pages | None], counts: Sequence[int]) -> list[Pages]:
    """Each flowchart's plan, an unplanned one as the one page it fits."""
    return [plan if plan is not None else ((0, count - 1),) for plan, count in zip(plans, counts, strict=True)]


def _bagan(plans: Sequence[Pages], measured: Sequence[Measurement], routed: Sequence[Layout]) -> tuple[Bagan, ...]:
    return tuple(Bagan(p, m, r) for p, m, r in zip(plans, measured, routed, strict=True))


def _one_page(measurement: Measurement) -> bool:
    """Every row and the closing block landed on the flowchart's first page: that layout is the final one."""
    return len(set(measurement.pages_of_rows())) == 1 and measurement.closing_with_last_row()


def expected_on_pages(sop: SOP, flow: Flow, langkah: Sequence[Langkah], paper: str) -> bool:
    """Whether ``sopgen check``'s estimate of the page plan puts a procedure's flowchart (``flow``
    of ``langkah``) on more than one page."""
    sheet = SHEETS[paper]
    columns = column_widths(sheet, len(sop.pelaksana))
    pages, _, _ = estimated_pages(flow, langkah, Geometry(column=columns.pelaksana), sheet, columns)
    return len(pages) > 1


def _overflow(pages: Pages, result: Measurement) -> float:
    """How far the rows of the first page that spilled over went beyond the planned page's room."""
    landed = result.pages_of_rows()
    for index, (first, last) in enumerate(pages):
        spilled = [r for r in range(first, last + 1) if landed[r] != index]
        if spilled:
            return sum(result.heights[r] for r in spilled)
    return 0.0


def _bare_document(html: str, base_url: str) -> Document:
    """``html`` laid out by WeasyPrint without sopgen's fetcher (a benchmark's or a test's plain layout)."""
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url).render()
