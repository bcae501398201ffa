"""The Perjanjian Kinerja (Permenpan RB 53/2014) as its own signed document.

``perjanjian/<tahun>/perjanjian.yaml`` names the recap cycle whose sasaran, indikator, targets and
program budgets are agreed, who promises (pihak pertama, from pejabat.yaml) and who supervises
(pihak kedua, e.g. the Bupati); it renders as a page and a PDF: the statement, then the Lampiran.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from ..content.documents import Doc, load_year_folders
from ..content.loader import Site
from ..content.references import check_reference
from ..errors import Problems
from ..models.paper import PAPERS
from ..models.perjanjian import Perjanjian
from ..render.arsip import Arsip, sumber_arsip
from ..render.env import render_page
from ..render.format import file_slug
from ..render.home import Report, downloads
from .base import Inputs, Job, Kind, NavItem, Output, RenderContext, SourceFiles
from .kinerja import KINERJA_IDS, siklus_sources
from .pejabat import PEJABAT_FILE, PEJABAT_IDS

PERJANJIAN_DIR = "perjanjian"
PERJANJIAN_FILE = "perjanjian.yaml"


class PerjanjianKind(Kind):
    name = "perjanjian"
    sources = (SourceFiles(
        "perjanjian", Perjanjian, f"{PERJANJIAN_DIR}/*/{PERJANJIAN_FILE}",
        "Satu Perjanjian Kinerja: tahun, siklus kinerja yang targetnya diperjanjikan, pihak pertama dan pihak kedua.",
    ),)
    after = ("kinerja",)

    def load(self, site: Site, problems: Problems) -> None:
        site.documents[self.name] = load_year_folders(site.root, PERJANJIAN_DIR, PERJANJIAN_FILE, Perjanjian, "perjanjian", problems)

    def resolve(self, site: Site, problems: Problems) -> None:
        for doc in agreements(site):
            check_reference(site, PEJABAT_IDS, doc.model.pihak_pertama, doc.source.at("pihak_pertama"), "pihak_pertama", problems)
            check_reference(site, KINERJA_IDS, doc.model.kinerja, doc.source.at("kinerja"), "kinerja", problems)

    def lint(self, site: Site, problems: Problems) -> None:
        for doc in agreements(site):
            siklus = site.kinerja.siklus.get(doc.model.kinerja) if site.kinerja else None
            if siklus is not None and siklus.model.tahun != doc.model.tahun:
                problems.add(doc.source.at("tahun"), "tahun", f"tahun {doc.model.tahun} berbeda dari tahun siklus kinerja '{doc.model.kinerja}' ({siklus.model.tahun})",
                             "perjanjian kinerja memuat target tahun yang sama dengan siklusnya.")

    def jobs(self, site: Site, pdf: bool, planned: Sequence[Output]) -> list[Job]:
        jobs = []
        for doc in agreements(site):
            html_path, pdf_path = perjanjian_paths(site, doc)
            siklus = site.kinerja.siklus[doc.model.kinerja] if site.kinerja else None
            assert siklus is not None  # a missing cycle is an error of the resolve stage
            sources = Inputs(sources=(doc.file.relative_to(site.root).as_posix(), PEJABAT_FILE, *siklus_sources(site, siklus)))
            outputs = [Output(html_path, doc.shown, "html", sources | Inputs(templates=("perjanjian.html",)), partial(_render, doc=doc, template="perjanjian.html", pdf=pdf))]
            if pdf:
                outputs.insert(0, Output(pdf_path, doc.shown, "pdf", sources | Inputs(templates=("perjanjian_pdf.html",)), partial(_render, doc=doc, template="perjanjian_pdf.html", pdf=pdf)))
            jobs.append(Job(f"Perjanjian Kinerja {doc.model.tahun}", tuple(outputs)))
        return jobs

    def nav(self, site: Site, pdf: bool) -> list[NavItem]:
        docs = agreements(site)
        return [NavItem("Perjanjian Kinerja", perjanjian_paths(site, max(docs, key=lambda d: d.model.tahun))[0])] if docs else []

    def home(self, site: Site, written: set[str]) -> dict[str, Any]:
        listed = []
        for doc in sorted(agreements(site), key=lambda d: -d.model.tahun):
            html, pdf = perjanjian_paths(site, doc)
            if html in written:
                listed.append(Report(f"Perjanjian Kinerja Tahun {doc.model.tahun}", html, downloads(written, ("PDF", pdf)), doc.model.ilustrasi))
        return {"perjanjian": listed}


def agreements(site: Site) -> list[Doc[Perjanjian]]:
    """Every loaded Perjanjian Kinerja, in folder order."""
    return list(site.documents.get(PerjanjianKind.name, {}).values())


def perjanjian_paths(site: Site, doc: Doc[Perjanjian]) -> tuple[str, str]:
    """The page and the PDF, e.g. ``perjanjian/2024/index.html`` and ``…/perjanjian-kinerja-kecamatan-candipuro-2024.pdf``."""
    slug = file_slug(f"perjanjian kinerja {site.config.instansi.unit_kerja} {doc.model.tahun}")
    return f"{PERJANJIAN_DIR}/{doc.id}/index.html", f"{PERJANJIAN_DIR}/{doc.id}/{slug}.pdf"


def _render(ctx: RenderContext, doc: Doc[Perjanjian], template: str, pdf: bool) -> None:
    """The page or the PDF (by ``template``): the same document in both."""
    site, stage = ctx.site, ctx.stage
    assert site.kinerja is not None
    rekap = site.kinerja.siklus[doc.model.kinerja].rekap
    html_path, pdf_path = perjanjian_paths(site, doc)
    kertas = doc.model.kertas or site.config.kertas
    path = pdf_path if template.endswith("_pdf.html") else html_path
    html = render_page(
        ctx.env, template, path, pk=doc.model, pihak_pertama=site.pejabat[doc.model.pihak_pertama],
        unit_kerja=site.config.instansi.unit_kerja, rekap=rekap, sasaran=[s for t in rekap.tujuan for s in t.sasaran],
        kertas=kertas, ukuran_kertas=PAPERS[kertas].size(), pdf_url=pdf_path if pdf else None,
        sumber=doc.file.relative_to(site.root).as_posix(),
    )
    if path == pdf_path:
        assert ctx.renderer is not None
        target = stage.path(pdf_path, doc.shown)
        sumber = sumber_arsip(site.root, (doc.file.relative_to(site.root).as_posix(), *siklus_sources(site, site.kinerja.siklus[doc.model.kinerja])))
        ctx.renderer.write(html, target, target, Arsip(site.root, sumber))
    else:
        stage.write_text(html_path, doc.shown, html)
