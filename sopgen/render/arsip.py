"""Archive-grade PDFs: PDF/A-3b, tagged, titled, with the content they were made from inside.

Every document PDF is written as PDF/A-3b (WeasyPrint's ``pdf_variant``: embedded fonts, an
sRGB output intent, XMP identification) with WeasyPrint's tagged structure (``pdf_tags``), its
language from ``<html lang>``, its title and author from ``<title>`` and ``<meta name=author>``.
PDF/A-3 allows attachments: the YAML (and Markdown) the document was made from travels inside
it as ``AFRelationship /Source``, so an archived PDF can be traced to, and rebuilt from, its
source. Where the printed page numbers are not 1..n (the Laporan prints its front matter in
Roman numerals, then restarts at 1), the PDF's page labels are set to the printed numbers
after WeasyPrint writes the file, so a viewer shows and jumps to the same numbers as the paper.
WeasyPrint's running headers and footers (its page-margin boxes) are marked as pagination
artifacts then too (:func:`.tagged.margins_as_artifacts`): WeasyPrint leaves them out of its tree;
and a content stream whose compressed data ends in CR is compressed again (:mod:`.stream_ends`).

This runs inside each PDF's own output, before anything reads the file: the verification
page's SHA-256 (:mod:`sopgen.render.verifikasi`) is taken from the final file.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from pikepdf import Array, Dictionary, Name, Pdf, String

from .stream_ends import end_content_streams_unambiguously
from .tagged import margins_as_artifacts

if TYPE_CHECKING:
    from weasyprint import Attachment, Document

PDF_VARIANT = "pdf/a-3b"
GAYA_NOMOR = {"romawi": Name.r, "angka": Name.D}
"""How a run of pages is numbered in the page labels: lower-case Roman or decimal."""


@dataclass(frozen=True)
class Arsip:
    """What an archive-grade PDF carries besides its pages."""

    root: Path
    """The site folder: attachments are named by their path in it (``sop/penyusunan-sakip.yaml``)."""
    sumber: Sequence[Path] = ()
    """The content files the document was made from, embedded as its source."""
    nomor_halaman: Mapping[str, str] = field(default_factory=dict)
    """Named CSS page -> numbering (``romawi``/``angka``), restarting at 1 at the first page of each name, as
    the stylesheet's ``counter-reset`` does; pages of other names are labelled by their name (``sampul``).
    Empty: the pages are numbered 1..n, the PDF's default."""


ARSIP_WAKTU = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
"""The creation and modification time written for every attachment. WeasyPrint writes the time of
the build otherwise, and a PDF whose bytes change from build to build cannot be cached, compared
(``--jobs 2`` against ``--jobs 1``) or told apart from an altered one by its SHA-256 on the
verification page. The attachment's content is the source; its time says nothing about the document."""


def pin_font_times() -> None:
    """Have fontTools stamp the fonts it subsets with :data:`ARSIP_WAKTU` rather than the time of the build.

    WeasyPrint subsets fonts with HarfBuzz where ``libharfbuzz-subset0`` is installed, else with
    fontTools, whose saved font carries the time of saving in its ``head`` table unless
    ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention it reads) says otherwise: on a
    machine without the HarfBuzz library every PDF changed from build to build. Set for the whole
    process, over any value of the user's: a PDF's bytes must follow from its inputs alone (the
    cache serves an entry for the same inputs), and the font's time says nothing about the document."""
    os.environ["SOURCE_DATE_EPOCH"] = str(int(ARSIP_WAKTU.timestamp()))

SUMBER = (".yaml", ".yml", ".md", ".csv", ".xlsx")
"""Content files worth embedding as a document's source (not its images or logo: those are printed)."""


def sumber_arsip(root: Path, names: Sequence[str]) -> tuple[Path, ...]:
    """The content files among an output's declared input ``names`` (relative to the site), as paths to embed."""
    return tuple(root / name for name in dict.fromkeys(names) if name.endswith(SUMBER) and (root / name).is_file())


def source_attachments(arsip: Arsip) -> list[Attachment]:
    """The document's content files as PDF/A-3 attachments (``AFRelationship /Source``), named by their path in the site."""
    from weasyprint import Attachment  # laid out only now (see sopgen.render.fetcher)

    # In name order: the PDF's EmbeddedFiles name tree must be sorted (qpdf repairs it otherwise).
    named = sorted({file.relative_to(arsip.root).as_posix(): file for file in arsip.sumber}.items())
    return [
        Attachment(file_obj=io.BytesIO(file.read_bytes()), name=name, description="Sumber dokumen ini (konten sopgen)", relationship="Source",
                   created=ARSIP_WAKTU, modified=ARSIP_WAKTU)
        for name, file in named
    ]


def write_archive(document: Document, target: Path | BinaryIO, arsip: Arsip) -> None:
    """Write ``document`` to ``target`` as tagged PDF/A-3b with its sources attached, its margins as artifacts, its page labels set."""
    written = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True, attachments=source_attachments(arsip))
    with Pdf.open(io.BytesIO(written)) as pdf:
        margins_as_artifacts(pdf)
        end_content_streams_unambiguously(pdf)
        if arsip.nomor_halaman:
            names = [page._page_box.page_type.name for page in document.pages]
            runs = label_runs(names, arsip.nomor_halaman)
            pdf.Root.PageLabels = pdf.make_indirect(Dictionary(Nums=Array([item for start, label in runs for item in (start, label)])))
        pdf.save(target, deterministic_id=True)  # qpdf's /ID from the content, not the time: the same document, the same bytes


def label_runs(names: Sequence[str], nomor_halaman: Mapping[str, str]) -> list[tuple[int, Dictionary]]:
    """The page-label runs: where a run of one named page starts, and how it is numbered."""
    runs: list[tuple[int, Dictionary]] = []
    for index, name in enumerate(names):
        if index and names[index - 1] == name:
            continue
        style = GAYA_NOMOR.get(nomor_halaman.get(name, ""))
        runs.append((index, Dictionary(S=style, St=1) if style else Dictionary(P=String(name.capitalize() or "-"))))
    return runs
