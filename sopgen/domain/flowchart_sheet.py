"""The SOP sheet and the flowchart table's column widths (pure): the planner, the renderer and the
layout checks compute with the same numbers.

Kept in the domain because ``sopgen check`` lays the flowchart out (its quality report) without
rendering, from the pelaksana column width these give.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models.paper import PAPERS, Paper


@dataclass(frozen=True)
class Sheet:
    """An SOP page: its paper lying landscape, and margins (mm); the left one leaves room for binder holes."""

    paper: Paper
    margin: tuple[float, float, float, float] = (12.0, 10.0, 14.0, 25.0)

    @property
    def usable_width(self) -> float:
        return self.paper.height - self.margin[1] - self.margin[3]

    @property
    def page_css(self) -> str:
        """The named pages every SOP page is on (``sop-f4``, the cover's ``sampul-f4``): size and margins.

        One rule per name: Chromium, which prints the site page, reads no list of page names.
        The themes' stylesheets add what runs in the margins.
        """
        margin = " ".join(f"{m:g}mm" for m in self.margin)
        name = self.paper.name.lower()
        return " ".join(f"@page {page}-{name} {{ size: {self.paper.size(landscape=True)}; margin: {margin}; }}" for page in ("sop", "sampul"))


SHEETS = {name: Sheet(paper) for name, paper in PAPERS.items()}
"""The sheet the break planner computes with is the one the templates print on (``page_css``)."""

@dataclass(frozen=True)
class Columns:
    """Column widths of the table (mm), summing to the sheet's usable width."""

    no: float
    uraian: float
    pelaksana: float
    count: int
    mutu_baku: tuple[float, float, float]
    keterangan: float

    def all(self) -> list[float]:
        return [self.no, self.uraian, *[self.pelaksana] * self.count, *self.mutu_baku, self.keterangan]


def column_widths(sheet: Sheet, count: int) -> Columns:
    """Pelaksana columns share what the text columns leave, within what a symbol and its lanes need."""
    scale = sheet.usable_width / 295.0
    no, mutu, ket = 9.0 * scale, (27.0 * scale, 16.0 * scale, 27.0 * scale), 24.0 * scale
    fixed = no + sum(mutu) + ket
    # A lone column is wider: connectors sit beside its symbols, between them and the lanes.
    pelaksana = min(32.0 if count > 1 else 50.0, max(17.0, (sheet.usable_width - fixed - 62.0 * scale) / count))
    uraian = sheet.usable_width - fixed - pelaksana * count
    if uraian < 40.0:
        uraian = 40.0
        pelaksana = (sheet.usable_width - fixed - uraian) / count
    return Columns(no, uraian, pelaksana, count, mutu, ket)
