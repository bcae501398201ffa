"""The Laporan Kinerja (LKjIP, Permenpan RB 53/2014): laporan.yaml and its Markdown parts, as a page and a bound PDF."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from ..content.directives import Directive, scan
from ..content.laporan import LAPORAN_DIR, LAPORAN_FILE, LaporanDoc, load_laporan
from ..content.loader import Site
from ..content.references import check_reference
from ..errors import Problems
from ..lint.laporan import lint_laporan
from ..models.laporan import Laporan
from ..render.arsip import sumber_arsip
from ..render.docx_laporan import SIGNATURES, write_laporan_docx
from ..render.docx_page import docx_path
from ..render.home import Report, downloads
from ..render.laporan import PK_TEMPLATE, laporan_paths, write_laporan_page, write_laporan_pdf
from ..render.laporan_data import REKAP_TABLES, TABLES
from .base import Inputs, Job, Kind, NavItem, Output, RenderContext, SourceFiles
from .kinerja import KINERJA_IDS, siklus_sources
from .pejabat import PEJABAT_FILE, PEJABAT_IDS
from .situs import settings_sources

PART_TEMPLATES = (TABLES, REKAP_TABLES, PK_TEMPLATE)
"""Templates the parts are drawn with, beside the page's own (the generated tables, the agreement)."""


class LaporanKind(Kind):
    name = "laporan"
    sources = (SourceFiles("laporan", Laporan, f"{LAPORAN_DIR}/*/{LAPORAN_FILE}", "Satu Laporan Kinerja: identitas, bagian-bagian Markdown, dan penanda tangan."),)

    def load(self, site: Site, problems: Problems) -> None:
        site.documents[self.name] = load_laporan(site.root, problems)

    def resolve(self, site: Site, problems: Problems) -> None:
        for doc in site.laporan.values():
            check_reference(site, PEJABAT_IDS, doc.model.penanda_tangan, doc.source.at("penanda_tangan"), "penanda_tangan", problems)
            check_reference(site, KINERJA_IDS, doc.model.kinerja, doc.source.at("kinerja"), "kinerja", problems)

    def lint(self, site: Site, problems: Problems) -> None:
        lint_laporan(site, problems)

    def jobs(self, site: Site, pdf: bool, planned: Sequence[Output]) -> list[Job]:
        jobs = []
        for doc in site.laporan.values():
            html_path, pdf_path = laporan_paths(doc, site)
            sources = Inputs(sources=laporan_sources(site, doc), templates=PART_TEMPLATES)
            outputs = [Output(html_path, doc.shown, "html", sources | Inputs(templates=("laporan.html",)), partial(_page, doc=doc, pdf=pdf))]
            if pdf:
                outputs.append(Output(pdf_path, doc.shown, "pdf", sources | Inputs(templates=("laporan_pdf.html",)), partial(_pdf, doc=doc, page=html_path), needs=(html_path,)))
                docx_inputs = sources | Inputs(sources=settings_sources(site), templates=(SIGNATURES,))
                outputs.append(Output(docx_path(pdf_path), doc.shown, "docx", docx_inputs, partial(_docx, doc=doc, page=html_path), needs=(html_path,)))
            jobs.append(Job(f"Laporan Kinerja {doc.model.tahun}", tuple(outputs)))
        return jobs

    def nav(self, site: Site, pdf: bool) -> list[NavItem]:
        if not site.laporan:
            return []
        terbaru = max(site.laporan.values(), key=lambda d: d.model.tahun)
        return [NavItem("Laporan Kinerja", laporan_paths(terbaru, site)[0])]

    def home(self, site: Site, written: set[str]) -> dict[str, Any]:
        laporan = []
        for d in sorted(site.laporan.values(), key=lambda d: -d.model.tahun):
            html, pdf = laporan_paths(d, site)
            if html in written:
                laporan.append(Report(f"{d.model.judul} ({d.model.singkatan}) Tahun {d.model.tahun}", html, downloads(written, ("PDF", pdf), ("Word (.docx)", docx_path(pdf))), d.model.ilustrasi))
        return {"laporan": laporan}


def laporan_sources(site: Site, doc: LaporanDoc) -> tuple[str, ...]:
    """laporan.yaml, its parts, the images they show, the cycle its figures come from, the signing pejabat."""
    parts = [t.file.relative_to(site.root).as_posix() for t in doc.bagian]
    images = [d.words[1] for t in doc.bagian for d in scan(t.text, t.shown) if isinstance(d, Directive) and d.kata == "gambar" and len(d.words) == 2]
    siklus = site.kinerja.siklus.get(doc.model.kinerja) if site.kinerja else None
    cycle = siklus_sources(site, siklus) if siklus else ()
    return (doc.folder.relative_to(site.root).as_posix() + "/" + LAPORAN_FILE, *parts, *images, *cycle, PEJABAT_FILE)


def _page(ctx: RenderContext, doc: LaporanDoc, pdf: bool) -> dict[str, Any]:
    return write_laporan_page(ctx.site, ctx.env, doc, ctx.stage, pdf)


def _docx(ctx: RenderContext, doc: LaporanDoc, page: str) -> None:
    if laporan_paths(doc, ctx.site)[1] not in ctx.results:
        return  # the preview (check, --no-pdf): the copy renders no template its page did not (the signature macro, alike)
    write_laporan_docx(ctx.site, ctx.env, doc, ctx.stage, ctx.results[page])


def _pdf(ctx: RenderContext, doc: LaporanDoc, page: str) -> None:
    assert ctx.renderer is not None
    write_laporan_pdf(ctx.site, ctx.env, doc, ctx.stage, ctx.renderer, ctx.results[page], sumber_arsip(ctx.site.root, laporan_sources(ctx.site, doc)))
