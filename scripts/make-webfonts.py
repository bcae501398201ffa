"""Make the site's WOFF2 web fonts from the theme's Liberation Sans TTFs (run after changing them).

The PDFs embed the TTFs (static/css/fonts.css); a web page needs only the Latin and Greek letters (Σ in formulas) and
the punctuation and symbols Indonesian documents use, compressed as WOFF2: each face is about a
seventh of its TTF. A character outside ``UNICODE_RANGE`` makes the browser load the TTF (the
first @font-face of static/css/webfonts.css), so nothing is drawn in a fallback font. The
output is deterministic, so a rerun on unchanged TTFs changes no file.

Usage: .venv/bin/python scripts/make-webfonts.py
"""

from __future__ import annotations

from pathlib import Path

from fontTools import subset

FONTS = Path(__file__).resolve().parent.parent / "themes" / "default" / "static" / "fonts"
FACES = ("Regular", "Bold", "Italic", "BoldItalic")
UNICODE_RANGE = "U+0000-024F,U+02B0-02FF,U+0370-03FF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2190-21FF,U+2200-22FF"
"""Also written in static/css/webfonts.css's unicode-range; tests/test_webfonts.py keeps them equal."""


def make(face: str) -> Path:
    """Subset and compress one face of Liberation Sans; return the WOFF2 written."""
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(FONTS / f"LiberationSans-{face}.ttf"), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(UNICODE_RANGE))
    subsetter.subset(font)
    target = FONTS / f"LiberationSans-{face}.woff2"
    subset.save_font(font, str(target), options)
    return target


if __name__ == "__main__":
    for face in FACES:
        written = make(face)
        print(f"{written.name}: {written.stat().st_size:,} byte")
