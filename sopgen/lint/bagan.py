"""Warnings from the flowchart's layout-quality report (``domain/flowchart_quality.py``).

An administrator can often avoid a crossing or a nearly empty page by reordering the pelaksana
columns or the steps; each warning sits at the step it concerns. The flowchart is laid out on the
estimated page plan (``domain/flowchart_estimate.py``): arrows a page break cuts into connectors
cross nothing. Warnings, not errors: the flowchart is still drawn and every arrow meets its symbol.
"""

from __future__ import annotations

from ..content.loader import Doc
from ..content.yamlsource import FieldPath, field_name
from ..domain.flow import Flow, build_flow
from ..domain.flowchart import Geometry
from ..domain.flowchart_estimate import CLOSING, estimated_pages
from ..domain.flowchart_quality import page_fill, quality
from ..domain.flowchart_routes import layout
from ..domain.flowchart_sheet import SHEETS, Columns, Sheet, column_widths
from ..errors import Level, Problems
from ..models.sop import SOP, Langkah, ProsedurSOP

CODE_SILANG = "garis-bagan-bersilangan"
CODE_HALAMAN = "halaman-bagan-kosong"
LEAST_FILL = 0.3
"""A flowchart page filled less than this is paper wasted (the last page counts its signature)."""


def lint_bagan(doc: Doc[SOP], kertas: str, problems: Problems) -> None:
    """Warn where the flowchart's lines cross (even bridged by a hop: reordering may avoid it), and
    where a page of it stays nearly empty; each procedure's flowchart on its own pages."""
    sop = doc.model
    sheet = SHEETS[kertas]
    columns = column_widths(sheet, len(sop.pelaksana))
    geometry = Geometry(column=columns.pelaksana)
    for prosedur in sop.daftar_prosedur:
        flow = build_flow(sop, prosedur)
        if flow.drawable:
            _lint_prosedur(doc, prosedur, flow, geometry, sheet, columns, problems)


def _lint_prosedur(doc: Doc[SOP], prosedur: ProsedurSOP[Langkah], flow: Flow, geometry: Geometry, sheet: Sheet,
                   columns: Columns, problems: Problems) -> None:
    pages, heights, capacity = estimated_pages(flow, prosedur.langkah, geometry, sheet, columns)
    crossings = quality(layout(flow, geometry, pages), heights).crossings
    rows = sorted({c.row for c in crossings})
    if rows:
        drawn = "tanpa lompatan" if any(not c.hop for c in crossings) else "dengan lompatan garis"
        _warn(doc, prosedur.path + (rows[0],), f"garis bagan alir bersilangan ({drawn}) di baris langkah {', '.join(str(r + 1) for r in rows)} (perkiraan tata letak)",
              "ubah urutan kolom 'pelaksana' atau urutan langkah agar garis tidak bersilangan", CODE_SILANG, problems)
    if len(pages) < 2:
        return
    fill = list(page_fill(pages, heights, capacity, capacity))
    fill[-1] += CLOSING / capacity
    for index, share in enumerate(fill):
        if share < LEAST_FILL:
            first, last = pages[index]
            _warn(doc, prosedur.path + (first,), f"halaman {index + 1} bagan alir (langkah {first + 1}-{last + 1}) hanya terisi sekitar {share:.0%} (perkiraan tata letak)",
                  "pindahkan atau gabungkan langkah, atau pecah keputusan yang kembali jauh ke atas, agar halaman terisi", CODE_HALAMAN, problems)


def _warn(doc: Doc[SOP], path: FieldPath, message: str, fix: str, code: str, problems: Problems) -> None:
    hint = f"{fix}, atau tulis 'abaikan_peringatan: [{code}]' bila memang disengaja."
    problems.add(doc.source.at(*path), field_name(path), message, hint, Level.WARNING, code)
