"""The papers a document can be printed on, declared once: every page size derives from here.

F4 (Folio, 215 × 330 mm) is the usual paper of naskah dinas; A4 is also used. A document kind
chooses the orientation (an SOP and the recap lie landscape, the Laporan Kinerja and the
binder's front matter stand portrait) and its own margins; the templates receive the CSS
``size`` computed here, so no stylesheet writes a sheet's dimensions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kertas = Literal["F4", "A4"]
"""The paper names content may write (``kertas: F4``); each has its sheet in :data:`PAPERS`."""


@dataclass(frozen=True)
class Paper:
    """One sheet (mm): ``width`` is the short side, ``height`` the long one."""

    name: Kertas
    width: float
    height: float

    def size(self, landscape: bool = False) -> str:
        """The CSS ``size`` of the sheet: ``215mm 330mm``, or ``330mm 215mm`` lying landscape."""
        short, long = f"{self.width:g}mm", f"{self.height:g}mm"
        return f"{long} {short}" if landscape else f"{short} {long}"


PAPERS: dict[str, Paper] = {p.name: p for p in (Paper("F4", 215.0, 330.0), Paper("A4", 210.0, 297.0))}
"""Every paper by name, in the order content documentation lists them."""

PILIHAN_KERTAS = " atau ".join(f"'{name}'" for name in PAPERS)
"""``'F4' atau 'A4'``, for field descriptions and hints."""
