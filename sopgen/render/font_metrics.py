"""Printed text widths in the theme's bundled Liberation Sans, read from the font files themselves.

One measure for everything sopgen lays out before the browser or WeasyPrint does: the flowchart's
pelaksana headers, the charts' wrapped labels, the pohon kinerja's boxes. fontTools is already a
WeasyPrint dependency; the advance widths are read once per face.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont

FONTS = Path(__file__).resolve().parents[1] / "themes" / "default" / "static" / "fonts"
_FACES = {False: "LiberationSans-Regular.ttf", True: "LiberationSans-Bold.ttf"}


@lru_cache(maxsize=2)
def _advances(bold: bool) -> tuple[dict[int, str], dict[str, tuple[int, int]], int]:
    font = TTFont(FONTS / _FACES[bold], lazy=True)
    return font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The advance width of ``text`` at font size ``size``, in the unit of ``size`` (pt -> pt, SVG units -> SVG units)."""
    cmap, metrics, per_em = _advances(bold)
    units = sum(metrics[cmap.get(ord(char), ".notdef")][0] for char in text)
    return units / per_em * size
