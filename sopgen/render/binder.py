"""The SOP binder: every SOP in one PDF, joined from the finished per-SOP PDFs.

WeasyPrint's time and memory grow with the length of one document, so the
binder is not laid out again: only its front matter (cover and Daftar Isi) is
rendered, and the per-SOP PDFs are joined after it with pypdf, one bookmark per
SOP.

Pages are numbered as books are: the front matter in Roman numerals (i, ii, …),
the SOPs from 1. The numbers are written into the PDF as page labels, so a PDF
viewer shows and jumps to the same numbers the Daftar Isi prints. Because the
SOP numbering does not depend on how long the Daftar Isi is, the front matter
is laid out exactly once.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Link
from pypdf.constants import PageLabelStyle
from weasyprint.document import Document

from ..content.loader import Doc, Site
from ..models.sop import SOP
from ..output import Staging
from .env import render_page
from .listing import sops_by_nomor
from .pdf import PdfRenderer
from .sop import sop_paths

BINDER_PATH = "unduhan/himpunan-sop.pdf"
PAGE_ANCHOR = "halaman-"
"""Daftar Isi rows link to ``#halaman-N``: page N of the SOP part of the binder."""
PX_TO_PT = 0.75
"""WeasyPrint measures in CSS px (1/96 in), PDF in points (1/72 in)."""


@dataclass(frozen=True)
class BinderEntry:
    """One SOP in the binder: its document, its finished PDF, and its first page number (from 1)."""

    doc: Doc[SOP]
    reader: PdfReader
    start: int

    @property
    def pages(self) -> int:
        return len(self.reader.pages)


def build_binder(site: Site, env: Environment, stage: Staging, renderer: PdfRenderer) -> Path | None:
    """Write the binder from the staged per-SOP PDFs; None when the site has no SOP."""
    docs = sops_by_nomor(site)
    if not docs:
        return None
    entries = place(docs, [PdfReader(stage.root / sop_paths(doc)[1]) for doc in docs])
    target = stage.path(BINDER_PATH, "site.yaml")
    front = front_matter(site, env, renderer, target, entries)
    join(front, entries, target, title=f"Himpunan SOP {site.config.instansi.unit_kerja}")
    return target


def place(docs: Sequence[Doc[SOP]], readers: Sequence[PdfReader]) -> list[BinderEntry]:
    """Each SOP's first page number, counting the SOP pages from 1."""
    entries, start = [], 1
    for doc, reader in zip(docs, readers):
        entries.append(BinderEntry(doc, reader, start))
        start += len(reader.pages)
    return entries


def front_matter(site: Site, env: Environment, renderer: PdfRenderer, target: Path, entries: list[BinderEntry]) -> Document:
    """Lay out the cover and the Daftar Isi."""
    years = sorted({e.doc.model.tanggal.pengesahan.year for e in entries})
    pages = entries[-1].start + entries[-1].pages - 1
    html = render_page(env, "binder.html", BINDER_PATH, entries=entries, years=years, total_pages=pages)
    return renderer.document(html, target)


def join(front: Document, entries: list[BinderEntry], target: Path, title: str) -> None:
    """Front matter, then every SOP's pages; page labels, a bookmark per SOP, Daftar Isi rows that link."""
    links = _take_page_links(front)
    buffer = io.BytesIO()
    front.write_pdf(buffer)
    writer = PdfWriter()
    for page in PdfReader(buffer).pages:
        writer.add_page(page)
    front_pages = len(writer.pages)
    writer.add_outline_item(title="Daftar Isi", page_number=min(1, front_pages - 1))
    for entry in entries:
        first = len(writer.pages)
        for page in entry.reader.pages:
            writer.add_page(page)
        writer.add_outline_item(title=f"{entry.doc.model.nomor} – {entry.doc.model.nama}", page_number=first)
    writer.set_page_label(0, front_pages - 1, style=PageLabelStyle.LOWERCASE_ROMAN, start=1)
    writer.set_page_label(front_pages, len(writer.pages) - 1, style=PageLabelStyle.DECIMAL, start=1)
    for index, rect, number in links:
        writer.add_annotation(index, Link(rect=rect, target_page_index=front_pages + number - 1))
    writer.add_metadata({"/Title": title, "/Creator": "sopgen"})
    writer.page_mode = "/UseOutlines"
    with open(target, "wb") as out:
        writer.write(out)


def _take_page_links(front: Document) -> list[tuple[int, tuple[float, float, float, float], int]]:
    """Remove the Daftar Isi's ``#halaman-N`` links from the layout; return them as PDF rectangles.

    Page N is in another PDF until the join, so WeasyPrint cannot resolve the
    anchor; the join adds a PDF link to that page at the same place.
    """
    found = []
    for index, page in enumerate(front.pages):
        height_pt = page.height * PX_TO_PT
        kept = []
        for link in page.links:
            kind, target, (x1, y1, x2, y2) = link[0], link[1], link[2]
            if kind == "internal" and str(target).startswith(PAGE_ANCHOR):
                rect = (x1 * PX_TO_PT, height_pt - y2 * PX_TO_PT, x2 * PX_TO_PT, height_pt - y1 * PX_TO_PT)
                found.append((index, rect, int(str(target)[len(PAGE_ANCHOR):])))
            else:
                kept.append(link)
        page.links[:] = kept
    return found
