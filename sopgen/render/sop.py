"""Rendering each SOP as a page of the site and as its print-ready PDF.

Both outputs share the templates of the document itself (identity page,
flowchart, signature); this module prepares what the templates should not
have to work out: the signing official, the paper, the paired rows of the
identity table with their lists, and links between SOPs (real links on the
site, plain text on paper).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from jinja2 import Environment

from ..content.loader import Doc, Site
from ..content.references import cross_unit_sop, linked_sop_id
from ..domain.flowchart import Pages
from ..models.sop import SOP
from ..output import Staging
from .alamat import published_url
from .arsip import Arsip, write_archive
from .docx_page import docx_path
from .env import relative_url, render_page
from .flowchart import FlowchartView, flowchart_views
from .monev import monev_page
from .paginate import Pagination, paginate
from .pdf import PdfRenderer
from .sop_baca import prosedur_baca


@dataclass(frozen=True)
class Butir:
    """One item of a list on the identity page; ``url`` when it links to another page of the site."""

    teks: str
    url: str | None = None


@dataclass(frozen=True)
class Bagian:
    """One half of a paired row: a heading and its list, numbered (``angka``) or lettered (``huruf``)."""

    judul: str
    butir: list[Butir]
    penomoran: str = "angka"
    mulai: int = 1
    """The number of the first item (``dasar_hukum_mulai``)."""


@dataclass(frozen=True)
class TandaStatus:
    """The mark of an SOP not in force: a watermark on every page of its PDF, a banner on its page."""

    judul: str
    keterangan: str
    pengganti: Butir | None = None
    """The SOP that replaces a withdrawn one (linked on the site)."""


def tanda_status(site: Site, sop: SOP, page_path: str | None) -> TandaStatus | None:
    """KONSEP or DICABUT (naming the replacing SOP); None for an SOP in force."""
    if sop.status == "konsep":
        return TandaStatus("Konsep", "Rancangan SOP: belum disahkan dan belum berlaku.")
    if sop.status != "dicabut":
        return None
    pengganti = None
    if sop.diganti_oleh in site.sops:
        target = site.sops[sop.diganti_oleh]
        teks = f"SOP {judul_pendek(target.model.nama, site.config.instansi.unit_kerja)} (Nomor {target.model.nomor})"
        pengganti = Butir(teks, relative_url(page_path, sop_paths(target)[0]) if page_path else None)
    keterangan = "SOP ini sudah dicabut dan tidak berlaku lagi" + ("; diganti oleh" if pengganti else ".")
    return TandaStatus("Dicabut", keterangan, pengganti)


def sop_paths(doc: Doc[SOP]) -> tuple[str, str]:
    """The HTML page and the PDF of one SOP, relative to the output root."""
    return f"sop/{doc.id}.html", f"sop/{doc.id}.pdf"


def judul_pendek(nama: str, unit_kerja: str) -> str:
    """The SOP's name without the unit it ends with, as the cover and Keterkaitan print it.

    The reference names itself "Pengukuran Data Kinerja Kecamatan Candipuro" but its cover
    reads "PENGUKURAN DATA KINERJA" above "KECAMATAN CANDIPURO".
    """
    if nama.lower().endswith(" " + unit_kerja.lower()):
        return nama[: -len(unit_kerja) - 1].rstrip(" ,")
    return nama


def keterkaitan(site: Site, sop: SOP, page_path: str | None) -> list[Butir]:
    """Related SOPs as "SOP <name>"; linked to their pages when ``page_path`` (the page being written) is given."""
    unit = site.config.instansi.unit_kerja
    items = []
    for link in sop.keterkaitan:
        target, cross = linked_sop_id(link), cross_unit_sop(site, link)
        if cross is not None:
            other, doc = cross
            unit_lain = other.config.instansi.unit_kerja
            there = site.kabupaten.portal_path(f"{other.unit}/{sop_paths(doc)[0]}") if site.kabupaten else None
            url = relative_url(page_path, there) if page_path and there else None
            items.append(Butir(f"SOP {judul_pendek(doc.model.nama, unit_lain)} ({unit_lain})", url))
        elif target is not None and target in site.sops:
            teks = "SOP " + judul_pendek(site.sops[target].model.nama, unit)
            url = relative_url(page_path, sop_paths(site.sops[target])[0]) if page_path else None
            items.append(Butir(teks, url))
        else:
            items.append(Butir(link if isinstance(link, str) else (link.teks or "")))
    return items


def pasangan(site: Site, sop: SOP, page_path: str | None) -> list[tuple[Bagian, Bagian]]:
    """The three paired rows under the identity block, in the order of Permenpan RB 35/2012."""

    def daftar(judul: str, teks: list[str], penomoran: str = "angka", mulai: int = 1) -> Bagian:
        return Bagian(judul, [Butir(t) for t in teks], penomoran, mulai)

    return [
        (daftar("Dasar Hukum", sop.dasar_hukum, mulai=sop.dasar_hukum_mulai), daftar("Kualifikasi Pelaksana", sop.kualifikasi_pelaksana)),
        (Bagian("Keterkaitan", keterkaitan(site, sop, page_path)), daftar("Peralatan dan Perlengkapan", sop.peralatan, "huruf")),
        (daftar("Peringatan", sop.peringatan), daftar("Pencatatan dan Pendataan", sop.pencatatan)),
    ]


def kertas_of(site: Site, sop: SOP) -> str:
    """The SOP's own paper, else the site's."""
    return sop.kertas or site.config.kertas


def sop_context(site: Site, doc: Doc[SOP], page_path: str, *, links: bool) -> dict[str, Any]:
    """Everything the SOP templates use but the flowchart; ``links`` is False on paper, where a link cannot be followed."""
    sop = doc.model
    logo = site.config.instansi.logo
    return {
        "doc": doc,
        "sop": sop,
        "pejabat": site.pejabat,
        "sops": site.sops,
        "penandatangan": site.pejabat[sop.disahkan_oleh],
        "kertas": kertas_of(site, sop),
        "logo_url": relative_url(page_path, logo) if logo else None,
        "judul_sampul": judul_pendek(sop.nama, site.config.instansi.unit_kerja),
        "pasangan": pasangan(site, sop, page_path if links else None),
        "tanda_status": tanda_status(site, sop, page_path if links else None),
        "alamat_sop": alamat_terbit(site, sop_paths(doc)[0]),
    }


def alamat_terbit(site: Site, path: str) -> str | None:
    """The published address of an output (``alamat_situs`` + its path); None when the site has no address."""
    base = site.config.alamat_situs
    return published_url(base, path) if base else None


@dataclass(frozen=True)
class PrintedLayout:
    """What the PDF's layout decided, for each procedure's flowchart in document order: its page
    breaks (the page shows them) and each row's height (the Word copy's rows)."""

    plans: tuple[Pages, ...]
    heights: tuple[tuple[float, ...], ...]
    """Each flowchart row's height in the PDF (mm), per procedure."""


def write_pdf(site: Site, env: Environment, doc: Doc[SOP], stage: Staging, renderer: PdfRenderer) -> PrintedLayout:
    """Lay out and write one SOP's archive-grade PDF with measured flowchart page breaks; returns the break plan and row heights."""
    target = stage.path(sop_paths(doc)[1], doc.shown)
    result = layout_pdf(site, env, doc, target, renderer)
    write_archive(result.document, target, Arsip(site.root, (doc.file,)))
    return PrintedLayout(result.plans, tuple(tuple(b.measurement.heights) for b in result.bagan))


def layout_pdf(site: Site, env: Environment, doc: Doc[SOP], target: Path, renderer: PdfRenderer, kertas: str | None = None) -> Pagination:
    """Lay out one SOP's PDF as if written at ``target``, on its own paper or on ``kertas`` (the binder's)."""
    if kertas is not None:
        doc = replace(doc, model=doc.model.model_copy(update={"kertas": kertas}))
    pdf_path = sop_paths(doc)[1]
    context = sop_context(site, doc, pdf_path, links=False)

    def render_document(views: Sequence[FlowchartView]) -> str:
        # measuring: always False since every layout is the whole document; a theme's sop_pdf.html
        # copied when the first layout could be the flowchart alone still tests it.
        return render_page(env, "sop_pdf.html", pdf_path, measuring=False, **flowchart_context(views), **context)

    return paginate(doc.model, render_document, base_url=str(target), paper=context["kertas"], renderer=renderer)


def flowchart_context(views: Sequence[FlowchartView]) -> dict[str, Any]:
    """The templates' flowcharts: ``flowcharts``, one per procedure, and ``flowchart``, the last one,
    which the signature after it names (and a theme written for one flowchart includes)."""
    return {"flowcharts": tuple(views), "flowchart": views[-1]}


def write_page(site: Site, env: Environment, doc: Doc[SOP], stage: Staging, plans: Sequence[Pages] | None, pdf: bool) -> None:
    """Write one SOP's page; it shows the PDF's flowchart pages (``plans``, one per procedure) when the PDF was laid out."""
    html_path, pdf_path = sop_paths(doc)
    context = sop_context(site, doc, html_path, links=True)
    views = flowchart_views(doc.model, plans, paper=context["kertas"])
    monev = monev_page(site, doc.id, html_path, pdf)
    word = docx_path(pdf_path) if pdf else None  # written after the page, from the PDF's layout; a failure fails the build
    page = render_page(env, "sop.html", html_path, pdf_url=pdf_path if pdf else None, docx_url=word, monev=monev,
                       baca=prosedur_baca(doc.model), sumber=doc.file.relative_to(site.root).as_posix(), **flowchart_context(views), **context)
    stage.write_text(html_path, doc.shown, page)
