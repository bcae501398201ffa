"""The binder number stamped in each SOP page's top margin ("Himpunan SOP, hlm. 12"), in the theme's font.

PDF/A admits no font that is not embedded, so the stamp is not drawn in a PDF standard font
(Helvetica, as it was). Laying out one stamp page per SOP page with WeasyPrint costs about 12 s
per 1,000 pages; instead WeasyPrint lays out one line holding every character a stamp uses
(``binder_stempel.html``, in the theme's font), the embedded font subset of that line is written
into the binder once, and every stamp is drawn with it: its character codes from the font's
ToUnicode map, its advance widths from the font's ``/W`` array, so the right-aligned text ends
where the old one did and a reader's text search finds it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pikepdf import Array, Dictionary, Name, Object, Pdf

from .joined_pdf import JoinedPdf, Refs
from .stream_ends import content_stream

STAMP = "Himpunan SOP, hlm. {}"
CHARACTERS = STAMP.format("0123456789")
"""Every character a stamp may print: the line ``binder_stempel.html`` lays out."""
STAMP_SIZE = 7.0
"""Font size (pt) of the stamp."""
STAMP_GREY = 0.3
STAMP_RIGHT_PT = 10 / 25.4 * 72
STAMP_TOP_PT = 7 / 25.4 * 72
"""The stamp's right edge and baseline: 10 mm from the right edge (the SOP's margin), 7 mm from the top."""
ARTIFACT = "/Artifact <</Type /Pagination /Subtype /Header>>"
"""The stamp is marked as a running header, not content of the SOP's page: the binder is tagged (:mod:`.tagged`)."""
FONT_KEY = "SopgenHlm"
"""The stamp font's name in each page's resources."""

_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_HEX = re.compile(rb"<([0-9a-fA-F]+)>")


@dataclass(frozen=True)
class StampFont:
    """The embedded font every stamp is drawn in: its object in the joined binder, and its codes and widths."""

    number: int
    """The font's object in the binder (:class:`.joined_pdf.JoinedPdf`), written once for every page."""
    codes: Mapping[str, int]
    """Character -> the font's code (CID) for it."""
    widths: Mapping[int, float]
    """Code -> advance width in 1/1000 em."""

    def draw(self, text: str, right: float, baseline: float) -> bytes:
        """The content-stream operators printing ``text`` right-aligned at ``right``, on ``baseline``."""
        codes = [self.codes[c] for c in text]
        width = sum(self.widths[c] for c in codes) * STAMP_SIZE / 1000
        shown = "".join(f"{c:04x}" for c in codes)
        x = right - width
        text_op = f"q BT /{FONT_KEY} {STAMP_SIZE} Tf {STAMP_GREY} g {x:.2f} {baseline:.2f} Td <{shown}> Tj ET Q"
        return f"{ARTIFACT} BDC {text_op} EMC\n".encode("ascii")


def stamp_font(binder: JoinedPdf, sample: bytes) -> StampFont:
    """Write the font of the laid-out sample line (a PDF holding :data:`CHARACTERS`) into ``binder``."""
    with Pdf.open(io.BytesIO(sample)) as pdf:
        for font in pdf.pages[0].Resources.get(Name.Font, Dictionary()).values():
            if Name.ToUnicode not in font or Name.DescendantFonts not in font:
                continue
            codes = _to_unicode(font.ToUnicode.read_bytes())
            if set(CHARACTERS) <= codes.keys():
                descendant = font.DescendantFonts[0]
                widths = _widths(descendant.get(Name.W, Array()), float(descendant.get(Name.DW, 1000)), codes.values())
                return StampFont(binder.write(pdf, font), codes, widths)
    raise RuntimeError(f"binder_stempel.html tidak mencetak semua huruf stempel dalam satu fon: {CHARACTERS!r}")


def stamp_pages(pdf: Pdf, first: int, font: StampFont, refs: Refs) -> None:
    """Write each page's binder number (the first page's is ``first``) in its top margin, right-aligned; ``refs`` finds the font."""
    save, restore = content_stream(pdf, b"q\n"), content_stream(pdf, b"\nQ\n")
    for number, page in enumerate(pdf.pages, start=first):
        if int(page.obj.get(Name.Rotate, 0)) % 360:
            continue
        _x0, _y0, x1, y1 = (float(v) for v in page.mediabox)
        page.contents_add(save, prepend=True)
        page.contents_add(restore)
        page.contents_add(content_stream(pdf, font.draw(STAMP.format(number), x1 - STAMP_RIGHT_PT, y1 - STAMP_TOP_PT)))
        if Name.Resources not in page.obj:
            page.obj.Resources = Dictionary()
        if Name.Font not in page.obj.Resources:
            page.obj.Resources.Font = Dictionary()
        page.obj.Resources.Font[Name("/" + FONT_KEY)] = refs(font.number)


def _to_unicode(cmap: bytes) -> dict[str, int]:
    """Character -> code, read from a ToUnicode CMap's ``bfchar`` and ``bfrange`` sections (single characters)."""
    found: dict[str, int] = {}
    for section in _BFCHAR.findall(cmap):
        values = _HEX.findall(section)
        for code, text in zip(values[::2], values[1::2]):
            if len(text) == 4:
                found.setdefault(chr(int(text, 16)), int(code, 16))
    for section in _BFRANGE.findall(cmap):
        values = _HEX.findall(section)
        for low, high, text in zip(values[::3], values[1::3], values[2::3]):
            if len(text) == 4:
                for offset in range(int(high, 16) - int(low, 16) + 1):
                    found.setdefault(chr(int(text, 16) + offset), int(low, 16) + offset)
    return found


def _widths(w: Object, default: float, wanted: Iterable[int]) -> dict[int, float]:
    """Code -> width of the ``wanted`` codes from a CIDFont's ``/W`` array (``c [w1 w2 ...]`` and ``c_first c_last w`` runs)."""
    items, index = list(w), 0
    widths: dict[int, float] = {}
    while index < len(items):
        start, following = int(items[index]), items[index + 1]
        if isinstance(following, Array):
            widths.update((start + offset, float(value)) for offset, value in enumerate(following))
            index += 2
        else:
            widths.update((code, float(items[index + 2])) for code in range(start, int(following) + 1))
            index += 3
    return {code: widths.get(code, default) for code in wanted}
