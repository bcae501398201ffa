"""Page breaks of the flowchart from the real layout: guess, measure, plan, verify.

Where a page breaks depends on laid-out text heights, and a row that carries
an off-page connector grows, so no fixed "rows per page" rule is right. Each
layout is read through the public ``Page.anchors`` (ids on rows and on two fixed
probes): where each row landed, how tall it is, where a page's content area
starts and ends, and how tall the closing block (the signature) after the table
is. The planner (``domain.flowchart_pages.plan_pages``) fills pages with whole
rows, counting the connector growth, and the landing of every row is checked
against the plan. A plan that does not hold is re-planned with a larger safety
margin, a bounded number of times.

The first layout is the whole document on a guess: each flowchart on the pages
that ``sopgen check``'s estimate (``domain/flowchart_estimate.py``) plans for it,
or as one continuous table where the estimate expects one page. The plan made
from the heights measured there is the plan printed. When it is the guess and
every row landed as guessed, that layout is the final one: the SOP costs one
layout, whether it spans pages or not. A wrong guess costs one more. A row
that carried a connector in the guess measured taller than it is in a
continuous table, which the planner counts from: such a row is known between
bounds (``domain/flowchart_heights.py``), and a plan is settled once the
lowest and the highest heights give the same one; an unsettled flowchart is
laid out where the open rows carry no connector, which measures them. So the
printed plan is the one a continuous table's measurement gives, whatever the guess.

The final WeasyPrint document is returned, so writing the PDF costs no
further layout; the plan goes to the site page so it shows the same segments.
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
from ..domain.flowchart_heights import Observation, drawing_padding, table_heights
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

LaidOut = tuple["Document", list["Measurement"], list[Layout]]
"""One layout: the WeasyPrint document, what it measured of each flowchart, each flowchart's routing."""

RenderDocument = Callable[[Sequence[FlowchartView]], str]
"""Renders the whole SOP document (identity page, flowcharts, signature) around the flowchart views
of its procedures."""


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
    base_url: str,
    paper: str = "F4",
    renderer: PdfRenderer | None = None,
    max_rounds: int = MAX_ROUNDS,
) -> Pagination:
    """Lay out ``sop`` with measured page breaks and off-page connectors; see the module docstring.

    Each procedure's flowchart starts on a page of its own (``.fc { break-before: page }``), so
    each is planned from its own rows and page area, all of them in the same layouts; the
    signature (the closing block) follows the last one."""
    flows = build_flows(sop)
    counts = [len(p.langkah) for p in sop.daftar_prosedur]

    def lay_out(plans: Sequence[Pages | None]) -> LaidOut:
        views = flowchart_views(sop, plans, paper=paper, probes=True, flows=flows)
        html = render_document(views)
        document = renderer.document(html, Path(base_url)) if renderer else _bare_document(html, base_url)
        return document, [measure(document, view, count) for view, count in zip(views, counts, strict=True)], [v.layout for v in views]

    guess = [estimated_plan(sop, flow, prosedur.langkah, paper) for flow, prosedur in zip(flows, sop.daftar_prosedur, strict=True)]
    continuous = [v.layout for v in flowchart_views(sop, None, paper=paper, flows=flows)]
    geometry = continuous[0].geometry
    margins = [SAFETY_MM] * len(flows)
    laid_out: dict[tuple[Pages | None, ...], LaidOut] = {}
    """Each layout made, by the plans it was laid out on: a plan settled later may be one laid out before."""

    def planned(i: int) -> tuple[Pages | None, Pages | None]:
        """Flowchart ``i``'s plan from the least and from the most each row may be, as measured so far
        (None: one continuous table, which fit its page); the two are equal once the plan is settled."""
        m = laid_out[tuple(guess)][1][i]
        if guess[i] is None and _one_page(m):
            return None, None
        seen = [[Observation(tuple(got.heights), tuple(lay.min_heights)) for got, lay in zip(results, routed, strict=True)]
                for _, results, routed in laid_out.values()]
        heights = table_heights([one[i] for one in seen], continuous[i].min_heights, drawing_padding([o for one in seen for o in one]))
        low, high = (_plan(plan_pages(grown_heights(flows[i], geometry, bound), m.first_capacity - margins[i],
                                      m.capacity - margins[i], loops(flows[i]), m.closing_height)) for bound in (heights.low, heights.high))
        return low, high

    plans, last = list(guess), tuple(guess)
    for _ in range(2 * max_rounds + 2):  # a plan laid out before costs no layout: bounded all the same
        if tuple(plans) not in laid_out:
            if len(laid_out) > max_rounds:
                break
            last = tuple(plans)
            laid_out[last] = lay_out(plans)
        bounds = [planned(i) for i in range(len(flows))]
        plans = [low for low, _ in bounds]
        if any(low != high for low, high in bounds):  # unsettled: lay out where the open rows carry no connector
            one_table: list[Pages | None] = [None] * len(flows)  # else as one table, which measures every row
            for other in ([high for _, high in bounds], one_table):
                if tuple(plans) in laid_out:
                    plans = other
            continue
        if tuple(plans) not in laid_out:
            continue
        document, results, routed = laid_out[tuple(plans)]
        failed = [i for i, (plan, result) in enumerate(zip(plans, results, strict=True)) if not _held(plan, result)]
        if not failed:
            return Pagination(document, _bagan(_final(plans, counts), results, routed), True, len(laid_out))
        for i in failed:
            plan = plans[i]
            if plan is not None:
                margins[i] += _overflow(plan, results[i]) + 1.0
                log.debug("flowchart plan %s did not hold; retrying with %.1f mm margin", plan, margins[i])
        plans = [low for low, _ in (planned(i) for i in range(len(flows)))]
    log.warning("bagan alir '%s': pemisahan halaman tidak sesuai rencana setelah %d kali tata letak", sop.nama, len(laid_out))
    document, results, routed = laid_out[last]
    return Pagination(document, _bagan(_final(last, counts), results, routed), False, len(laid_out))


def _plan(pages: Pages) -> Pages | None:
    """A plan of one page is the continuous table (None), as the first layout lays it out."""
    return pages if len(pages) > 1 else None


def _held(plan: Pages | None, result: Measurement) -> bool:
    """A planned flowchart landed as planned; an unplanned one (None) on one page."""
    return _one_page(result) if plan is None else holds(plan, result)


def _final(plans: Sequence[Pages | None], counts: Sequence[int]) -> list[Pages]:
    """Each flowchart's plan, an unplanned one as the one page it fits."""
    return [plan if plan is not None else ((0, count - 1),) for plan, count in zip(plans, counts, strict=True)]


def _bagan(plans: Sequence[Pages], measured: Sequence[Measurement], routed: Sequence[Layout]) -> tuple[Bagan, ...]:
    return tuple(Bagan(p, m, r) for p, m, r in zip(plans, measured, routed, strict=True))


def _one_page(measurement: Measurement) -> bool:
    """Every row and the closing block landed on the flowchart's first page: that layout is the final one."""
    return len(set(measurement.pages_of_rows())) == 1 and measurement.closing_with_last_row()


def estimated_plan(sop: SOP, flow: Flow, langkah: Sequence[Langkah], paper: str) -> Pages | None:
    """``sopgen check``'s estimate of a procedure's break plan (``flow`` of ``langkah``): the first
    layout's guess; None where it expects one page."""
    sheet = SHEETS[paper]
    columns = column_widths(sheet, len(sop.pelaksana))
    pages, _, _ = estimated_pages(flow, langkah, Geometry(column=columns.pelaksana), sheet, columns)
    return pages if len(pages) > 1 else None


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
