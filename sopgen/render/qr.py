"""QR codes that lead a printed document back to its page on the published site.

segno writes the code as an SVG (no image library, no network); WeasyPrint draws it as vector
graphics, so it scans at any print size. Error correction level M keeps a code of a long
address small enough for a corner of the page and still readable through a photocopy.
"""

from __future__ import annotations

import segno


def qr(url: str) -> str:
    """The QR code of ``url`` as an SVG ``data:`` URI, for an ``<img>``."""
    code = segno.make(url, error="m", micro=False)
    return str(code.svg_data_uri(scale=4, border=4, dark="#000", light="#fff"))
