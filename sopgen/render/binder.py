"""The SOP binder: every SOP in one PDF, joined from the finished per-SOP PDFs.

WeasyPrint's time and memory grow with the length of one document, so the
binder is not laid out again: only its front matter (cover and Daftar Isi) is
rendered, and the per-SOP PDFs are joined after it, one bookmark per SOP.

Pages are numbered as books are: the front matter in Roman numerals (i, ii, …),
the SOPs from 1. The numbers are written into the PDF as page labels, so a PDF
viewer shows and jumps to the same numbers the Daftar Isi prints. Because the
SOP numbering does not depend on how long the Daftar Isi is, the front matter
is laid out exactly once. Each SOP page also gets its binder number stamped in
the top margin ("Himpunan SOP, hlm. 12"), so the printed binder can be used
with its Daftar Isi: the SOPs' own footers count pages per SOP.

With a Keputusan (``keputusan.yaml``) the front matter holds it and its Lampiran, the Daftar
SOP, between the cover and the Daftar Isi (Permenpan RB 35/2012's order of the documentation).

Every page of the binder is on the binder's paper (the site's): an SOP printed on another paper
is laid out again on the binder's for the binder, so a printed binder is one stack of one size.
The SOP's own PDF keeps its paper; ``sopgen check`` warns about the difference at its
``kertas:`` line. Laying it out again, not scaling it, keeps its margins and type size those of
every other SOP (an A4 page scaled onto F4 would have wider margins and larger type).

The binder is archive-grade as every document PDF is (:mod:`.arsip`): PDF/A-3b. The front matter
is written by WeasyPrint as PDF/A-3b with the binder's sources attached (``keputusan.yaml`` and
every bound SOP's YAML); its catalog's archive entries (XMP metadata with the PDF/A
identification, the sRGB output intent, the attachments, the language) and its document
information become the binder's. The SOP pages keep their embedded fonts; the stamps are drawn
in an embedded font too (:mod:`.binder_stempel`), and each font subset is named by its content
(:mod:`.subset_names`: WeasyPrint names every SOP's different subset alike). The binder is tagged as its parts are: the front
matter's and each SOP's structure tree are joined into one (:class:`.tagged.StructureJoin`), so
a screen reader reads the binder in the order of its pages, and the stamps are pagination artifacts.

The join uses pikepdf (qpdf), not pypdf: a flowchart SOP holds about a thousand
PDF objects, and pypdf's pure-Python parser took 135 s and 3 GB for 1,500 SOPs.
Joined into one pikepdf ``Pdf``, the binder of 1,500 SOPs (6,866 pages) took 73 s and peaked
at 3.1 GB: qpdf's graph of the joined PDF's 1.3 million objects, not its sources. It is written
part by part instead (:class:`.joined_pdf.JoinedPdf`): each SOP's pages are stamped and written
to the file when the SOP is added, one source open at a time, and only the page tree, outline,
structure root and catalog are made at the end: peak about 490 MB, of which the join itself
about 250 MB however many SOPs, and 80–110 s depending on the machine's load
(``benchmarks/binder_join.py``, docs/performance.md).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment
from pikepdf import Array, Dictionary, Name, Object, OutlineItem, Pdf

from ..content.loader import Doc, Site
from ..models.keputusan import DIKTUM, KeputusanSOP
from ..models.paper import PAPERS
from ..models.sop import SOP
from ..output import Staging
from .arsip import PDF_VARIANT, Arsip, write_archive
from .binder_stempel import CHARACTERS, StampFont, stamp_font, stamp_pages
from .env import render_page
from .joined_pdf import JoinedPdf, Refs
from .listing import binder_sops
from .pdf import NotLaidOut, PdfRenderer
from .sop import kertas_of, layout_pdf, sop_paths

if TYPE_CHECKING:
    from weasyprint import Document

BINDER_PATH = "unduhan/himpunan-sop.pdf"
PAGE_ANCHOR = "halaman-"
"""Daftar Isi rows link to ``#halaman-N``: page N of the SOP part of the binder."""
PX_TO_PT = 0.75
"""WeasyPrint measures in CSS px (1/96 in), PDF in points (1/72 in)."""

Rect = tuple[float, float, float, float]

@dataclass(frozen=True)
class BinderEntry:
    """One SOP in the binder: its document, its first page number (SOP pages count from 1), its length."""

    doc: Doc[SOP]
    start: int
    pages: int


def build_binder(
    site: Site, env: Environment, stage: Staging, renderer: PdfRenderer, keputusan: KeputusanSOP | None = None, sumber: Sequence[Path] = (),
) -> Path | None:
    """Write the binder from the staged per-SOP PDFs, ``sumber`` attached; None when the site has no SOP to bind."""
    docs = binder_sops(site)
    if not docs:
        return None
    target = stage.path(BINDER_PATH, "site.yaml")
    stamp_html = render_page(env, "binder_stempel.html", BINDER_PATH, huruf=CHARACTERS)
    sources = [_on_binder_paper(site, env, stage, renderer, doc) for doc in docs]
    entries = binder_entries(docs, sources)
    # The front matter before the stamps: a preview (check, --no-pdf) stops at the first layout, and
    # binder.html, the template an office overrides, must have been rendered and its URLs checked by then.
    front = front_matter(site, env, renderer, target, entries, keputusan, Arsip(site.root, sumber))
    stamp = renderer.document(stamp_html, target).write_pdf(pdf_variant=PDF_VARIANT)
    with target.open("wb") as file:
        binder = JoinedPdf(file)
        append_sops(binder, entries, sources, stamp_font(binder, stamp))
        finish(binder, front, entries)
    return target


def relaid_sops(site: Site) -> list[Doc[SOP]]:
    """The bound SOPs whose own paper is not the binder's: the binder lays them out again."""
    return [doc for doc in binder_sops(site) if kertas_of(site, doc.model) != site.config.kertas]


def _on_binder_paper(site: Site, env: Environment, stage: Staging, renderer: PdfRenderer, doc: Doc[SOP]) -> Path | bytes:
    """The SOP's staged PDF, or, on another paper than the binder's, its pages laid out again on the binder's."""
    staged = stage.root / sop_paths(doc)[1]
    if kertas_of(site, doc.model) == site.config.kertas:
        return staged
    try:
        document = layout_pdf(site, env, doc, staged, renderer, kertas=site.config.kertas).document
    except NotLaidOut:  # a preview (check, --no-pdf) checks the HTML only: the staged stand-in is bound, the front matter still rendered
        return staged
    laid_out = io.BytesIO()
    write_archive(document, laid_out, Arsip(site.root))
    return laid_out.getvalue()


def binder_entries(docs: Sequence[Doc[SOP]], sources: Sequence[Path | bytes]) -> list[BinderEntry]:
    """Where each SOP starts in the binder and how many pages it has, read from its PDF (opened and closed at once).

    A staged file is opened where it is, not read into memory: qpdf reads only its cross-reference
    table and page tree to count the pages, not the whole file as the join must.
    """
    entries, start = [], 1
    for doc, file in zip(docs, sources):
        with Pdf.open(io.BytesIO(file) if isinstance(file, bytes) else file) as source:
            pages = len(source.pages)
        entries.append(BinderEntry(doc, start, pages))
        start += pages
    return entries


def _opened(file: Path | bytes) -> Pdf:
    """A source PDF read into memory, so no file stays open while it is."""
    return Pdf.open(io.BytesIO(file if isinstance(file, bytes) else file.read_bytes()))


def append_sops(binder: JoinedPdf, entries: Sequence[BinderEntry], sources: Sequence[Path | bytes], font: StampFont) -> None:
    """Stamp each SOP's pages with their binder numbers (from ``entries``) and write them, with their structure, to ``binder``.

    One source is open at a time, read from memory (no file left open per SOP: a site of 1,500
    SOPs would exceed the usual limit of 1,024 open files) and closed once its pages are written.
    """
    for entry, file in zip(entries, sources):
        with _opened(file) as source:
            refs = Refs(source)
            stamp_pages(source, entry.start, font, refs)
            binder.add(source, refs)


def front_matter(
    site: Site, env: Environment, renderer: PdfRenderer, target: Path, entries: list[BinderEntry], keputusan: KeputusanSOP | None, arsip: Arsip,
) -> Front:
    """Lay out and write the cover, the Keputusan with its Lampiran (the Daftar SOP), and the Daftar Isi."""
    years = sorted({e.doc.model.tanggal.pengesahan.year for e in entries if e.doc.model.tanggal.pengesahan})
    pages = entries[-1].start + entries[-1].pages - 1
    ukuran_kertas = PAPERS[site.config.kertas].size()
    penetap = site.pejabat[keputusan.ditetapkan_oleh] if keputusan else None
    html = render_page(
        env, "binder.html", BINDER_PATH, entries=entries, years=years, total_pages=pages, ukuran_kertas=ukuran_kertas,
        keputusan=keputusan, penetap=penetap, jabatan_penetap=penetap.jabatan.upper() if penetap else None, diktum=DIKTUM,
    )
    return written_front(renderer.document(html, target), arsip)


@dataclass(frozen=True)
class Front:
    """A binder's front matter written as PDF/A-3b, with its internal links (:func:`take_internal_links`).

    Its laid-out document is let go once written: at 1,500 SOPs WeasyPrint's layout of the Daftar
    Isi holds about 180 MB, which the join's last steps would otherwise add to.
    """

    pdf: bytes
    links: list[tuple[int, Rect, int]]
    pages: int


def written_front(document: Document, arsip: Arsip) -> Front:
    """The laid-out front matter, its internal links taken out, written as PDF/A-3b with the ``arsip`` attachments."""
    links = take_internal_links(document)
    buffer = io.BytesIO()
    write_archive(document, buffer, arsip)
    return Front(buffer.getvalue(), links, len(document.pages))


ARCHIVE_ENTRIES = (Name.Metadata, Name.OutputIntents, Name.AF, Name.Lang, Name.ViewerPreferences)
"""The front matter's catalog entries that make the binder PDF/A-3b (and a tagged PDF showing its title), beside its attachments."""


def finish(binder: JoinedPdf, front: Front, entries: list[BinderEntry]) -> None:
    """Put the front matter first; add page labels, a bookmark per SOP, Daftar Isi rows that link; close the binder as tagged PDF/A-3b."""
    version = put_front(binder, front, list(binder.pages))
    pages = binder.pages
    with binder.skeleton.open_outline() as outline:
        outline.root.append(OutlineItem("Daftar Isi", fit(binder.ref(pages[min(1, front.pages - 1)]))))
        outline.root.extend(OutlineItem(f"{e.doc.model.nomor} – {e.doc.model.nama}", fit(binder.ref(pages[front.pages + e.start - 1]))) for e in entries)
    binder.catalog.PageLabels = binder.skeleton.make_indirect(Dictionary(Nums=Array([
        0, Dictionary(S=Name.r), front.pages, Dictionary(S=Name.D, St=1),
    ])))
    binder.catalog.PageMode = Name.UseOutlines
    binder.close(version)


def put_front(binder: JoinedPdf, front: Front, linked: Sequence[int]) -> str:
    """Write the front matter before the pages joined so far, with its links, its archive entries made the binder's; its PDF version.

    A link's target ``N > 0`` is the joined page ``linked[N - 1]``; ``-i`` is the front matter's own page ``i - 1``.
    """
    with Pdf.open(io.BytesIO(front.pdf)) as front_pdf:
        refs = Refs(front_pdf)
        own = [page.obj for page in front_pdf.pages]
        for index, rect, number in front.links:
            add_link(front_pdf, own[index], rect, refs(linked[number - 1]) if number > 0 else own[-number - 1])
        archive = archive_entries(front_pdf)
        take_archive_entries(binder, archive, binder.add(front_pdf, refs, front=True, extra=archive.values()))
        return str(front_pdf.pdf_version)  # WeasyPrint's for PDF/A-3 (1.7)


def archive_entries(front: Pdf) -> dict[Name, Object]:
    """The front matter's PDF/A identification, output intent, attachments, language and document information (``/Info``), as objects to write."""
    entries = {key: front.make_indirect(front.Root[key]) for key in ARCHIVE_ENTRIES if key in front.Root}
    if Name.Names in front.Root and Name.EmbeddedFiles in front.Root.Names:
        entries[Name.EmbeddedFiles] = front.make_indirect(front.Root.Names.EmbeddedFiles)
    entries[Name.Info] = front.make_indirect(front.trailer.Info)
    return entries


def take_archive_entries(binder: JoinedPdf, entries: Mapping[Name, Object], numbers: Mapping[tuple[int, int], int]) -> None:
    """Make the written :func:`archive_entries` (``numbers``: where they were written) the binder's catalog entries and document information."""
    for key, obj in entries.items():
        ref = binder.ref(numbers[obj.objgen])
        if key == Name.Info:
            binder.info = numbers[obj.objgen]
        elif key == Name.EmbeddedFiles:
            binder.catalog.Names = Dictionary(EmbeddedFiles=ref)
        else:
            binder.catalog[key] = ref


def fit(page: Object) -> Array:
    """A destination showing the whole of ``page``."""
    return Array([page, Name.Fit])


def add_link(pdf: Pdf, page: Object, rect: Rect, target: Object) -> None:
    """A borderless link annotation on ``page`` that jumps to ``target``, a page of the same PDF."""
    link = pdf.make_indirect(Dictionary(
        Type=Name.Annot, Subtype=Name.Link, Rect=Array(rect), Border=Array([0, 0, 0]), Dest=fit(target), F=4,  # F 4: printed (PDF/A)
    ))
    if Name.Annots not in page:
        page.Annots = Array()
    page.Annots.append(link)


def take_internal_links(front: Document) -> list[tuple[int, Rect, int]]:
    """Remove the front matter's internal links from the layout; return them as PDF rectangles and targets.

    Page N of the SOPs (``#halaman-N``) is in another PDF until the join, so WeasyPrint cannot
    resolve it; and a link within the front matter (the Daftar Isi's row of the Keputusan) would
    point into the front matter's own PDF, not the binder's copy of its pages. The join adds a
    PDF link at the same place to the binder's page: a target ``N > 0`` is SOP page N, ``-i``
    is front page ``i - 1``.
    """
    anchors = {name: index for index, page in enumerate(front.pages) for name in page.anchors}
    found = []
    for index, page in enumerate(front.pages):
        height_pt = page.height * PX_TO_PT
        kept = []
        for link in page.links:
            kind, target, (x1, y1, x2, y2) = link[0], str(link[1]), link[2]
            if kind != "internal" or not (target.startswith(PAGE_ANCHOR) or target in anchors):
                kept.append(link)
                continue
            rect = (x1 * PX_TO_PT, height_pt - y2 * PX_TO_PT, x2 * PX_TO_PT, height_pt - y1 * PX_TO_PT)
            number = int(target[len(PAGE_ANCHOR):]) if target.startswith(PAGE_ANCHOR) else -(anchors[target] + 1)
            found.append((index, rect, number))
        page.links[:] = kept
    return found
