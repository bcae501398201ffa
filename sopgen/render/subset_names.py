"""One name per embedded font in a PDF joined from others: each font subset tagged by its own content.

A PDF writer names an embedded subset ``TAG+Font`` (``VRMYHF+Liberation-Sans``), the tag telling
one subset from another. WeasyPrint derives the tag from the font, not from the glyphs kept, so
every SOP PDF names its (different) subset of Liberation Sans alike, and a binder joined from
them holds a dozen different fonts under one name: a validator or a text extractor that goes by
the name takes one for another. :class:`SubsetNames` retags each font program with six
letters from a hash of its bytes, consistently in the font, its descendant and its descriptor:
the same program keeps one name in every part, two programs never share one.
"""

from __future__ import annotations

import hashlib
import re
import string

from pikepdf import Dictionary, Name, Object, Pdf

SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
FONT_PROGRAMS = (Name.FontFile2, Name.FontFile3, Name.FontFile)
"""Where a font descriptor holds the embedded program (TrueType, CFF/OpenType, Type 1)."""


class SubsetNames:
    """The tags given so far to the programs of the parts of one joined PDF: each part is retagged before it is joined."""

    def __init__(self) -> None:
        self._tags: dict[str, bytes] = {}

    def retag(self, pdf: Pdf) -> None:
        """Retag every embedded subset font of the pages of ``pdf`` (a part) by the hash of its program.

        The fonts are those of the pages' resources, where WeasyPrint lists every font a page draws
        with (its form XObjects list none of their own): no walk through every object of the PDF.
        """
        digests: dict[tuple[int, int], bytes] = {}
        done: set[tuple[int, int]] = set()
        for page in pdf.pages:
            for font in page.obj.get(Name.Resources, Dictionary()).get(Name.Font, Dictionary()).values():
                if font.objgen not in done:
                    done.add(font.objgen)
                    _retag(font, self._tags, digests)


def _retag(font: Object, tags: dict[str, bytes], digests: dict[tuple[int, int], bytes]) -> None:
    """Give one font, its descendant (a Type0 font's CIDFont) and their descriptor the tag of its program."""
    named = [font, *font.get(Name.DescendantFonts, [])]
    descriptor = named[-1].get(Name.FontDescriptor)
    program = next((descriptor[key] for key in FONT_PROGRAMS if descriptor is not None and key in descriptor), None)
    if program is None:
        return
    if program.objgen not in digests:
        digests[program.objgen] = hashlib.sha256(program.read_bytes()).digest()
    tag = _tag(digests[program.objgen], tags)
    for holder, key in [*((f, Name.BaseFont) for f in named), (descriptor, Name.FontName)]:
        name = str(holder.get(key, ""))[1:]
        if SUBSET_TAG.match(name):
            holder[key] = Name("/" + tag + "+" + name[7:])


def _tag(digest: bytes, tags: dict[str, bytes]) -> str:
    """Six capital letters from ``digest``, not yet the tag of another program (``tags``: tag -> digest)."""
    while True:
        number = int.from_bytes(digest[:8], "big")
        tag = "".join(string.ascii_uppercase[(number // 26**i) % 26] for i in range(6))
        if tags.setdefault(tag, digest) == digest:
            return tag
        digest = hashlib.sha256(digest).digest()  # two programs, one tag (1 in 300 million): the next hash
