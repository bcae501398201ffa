"""What a document of one measurement year that reads its recap cycle is, as a kind: Perjanjian Kinerja, Rencana Aksi.

Each lives in ``<folder>/<tahun>/<file>``, names a cycle of ``kinerja/`` and a pejabat, and renders
as a page and a PDF from the same data: its targets, realisasi and capaian are the cycle's (one
fact in one place). What they share, from loading to the home page's list, is written once here;
a subclass says where its files are, what it is called and what its templates are given.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any, ClassVar

from ..content.documents import Doc, load_year_folders
from ..content.kinerja import Siklus
from ..content.loader import Site
from ..errors import Problems
from ..models.paper import PAPERS
from ..render.arsip import Arsip, sumber_arsip
from ..render.env import render_page
from ..render.format import file_slug
from ..render.home import Report, downloads
from .base import Inputs, Job, Kind, NavItem, Output, RenderContext
from .kinerja import siklus_sources
from .pejabat import PEJABAT_FILE


class YearlyDocument(Kind):
    """A yearly document beside its recap cycle; subclasses set the class attributes and :meth:`context`."""

    after = ("kinerja",)
    folder: ClassVar[str]
    """``perjanjian``: the documents are ``<folder>/<tahun>/<file>``."""
    file: ClassVar[str]
    title: ClassVar[str]
    """``Perjanjian Kinerja``: the job's, the menu's and the home list's name, and the files' slug."""
    templates: ClassVar[tuple[str, str]]
    """The page's template and the PDF's."""
    landscape: ClassVar[bool] = False
    same_year_hint: ClassVar[str]
    """Why the document's year is its cycle's, said when they differ."""
    home_key: ClassVar[str]
    """The home template's name for the list of these documents."""

    def load(self, site: Site, problems: Problems) -> None:
        model = self.sources[0].model
        site.documents[self.name] = load_year_folders(site.root, self.folder, self.file, model, self.folder.replace("-", " "), problems)

    def lint(self, site: Site, problems: Problems) -> None:
        for doc in self.docs(site):
            siklus = cycle_of(site, doc)
            if siklus is not None and siklus.model.tahun != doc.model.tahun:
                problems.add(doc.source.at("tahun"), "tahun", f"tahun {doc.model.tahun} berbeda dari tahun siklus kinerja '{doc.model.kinerja}' ({siklus.model.tahun})",
                             self.same_year_hint)

    def jobs(self, site: Site, pdf: bool, planned: Sequence[Output]) -> list[Job]:
        jobs = []
        page, paper = self.templates
        for doc in self.docs(site):
            html_path, pdf_path = self.paths(site, doc)
            siklus = cycle_of(site, doc)
            assert siklus is not None  # a missing cycle is an error of the resolve stage
            sources = Inputs(sources=(doc.file.relative_to(site.root).as_posix(), PEJABAT_FILE, *siklus_sources(site, siklus)))
            outputs = [Output(html_path, doc.shown, "html", sources | Inputs(templates=(page,)), partial(self._render, doc=doc, template=page, pdf=pdf))]
            if pdf:
                outputs.insert(0, Output(pdf_path, doc.shown, "pdf", sources | Inputs(templates=(paper,)), partial(self._render, doc=doc, template=paper, pdf=pdf)))
            jobs.append(Job(f"{self.title} {doc.model.tahun}", tuple(outputs)))
        return jobs

    def nav(self, site: Site, pdf: bool) -> list[NavItem]:
        docs = self.docs(site)
        return [NavItem(self.title, self.paths(site, max(docs, key=lambda d: d.model.tahun))[0])] if docs else []

    def home(self, site: Site, written: set[str]) -> dict[str, Any]:
        listed = []
        for doc in sorted(self.docs(site), key=lambda d: -d.model.tahun):
            html, pdf = self.paths(site, doc)
            if html in written:
                listed.append(Report(f"{self.title} Tahun {doc.model.tahun}", html, downloads(written, ("PDF", pdf)), doc.model.ilustrasi))
        return {self.home_key: listed}

    def docs(self, site: Site) -> list[Doc[Any]]:
        """Every loaded document of this kind, in folder order."""
        return list(site.documents.get(self.name, {}).values())

    def paths(self, site: Site, doc: Doc[Any]) -> tuple[str, str]:
        """The page and the PDF, e.g. ``perjanjian/2024/index.html`` and ``…/perjanjian-kinerja-kecamatan-candipuro-2024.pdf``."""
        slug = file_slug(f"{self.title.lower()} {site.config.instansi.unit_kerja} {doc.model.tahun}")
        return f"{self.folder}/{doc.id}/index.html", f"{self.folder}/{doc.id}/{slug}.pdf"

    def context(self, site: Site, doc: Doc[Any], siklus: Siklus) -> dict[str, Any]:
        """What this kind's templates are given besides the paper, the PDF's address and the source file."""
        raise NotImplementedError

    def _render(self, ctx: RenderContext, doc: Doc[Any], template: str, pdf: bool) -> None:
        """The page or the PDF (by ``template``): the same document in both."""
        site, stage = ctx.site, ctx.stage
        siklus = cycle_of(site, doc)
        assert siklus is not None
        html_path, pdf_path = self.paths(site, doc)
        kertas = doc.model.kertas or site.config.kertas
        path = pdf_path if template == self.templates[1] else html_path
        sumber = doc.file.relative_to(site.root).as_posix()
        html = render_page(
            ctx.env, template, path, **self.context(site, doc, siklus), unit_kerja=site.config.instansi.unit_kerja, rekap=siklus.rekap,
            kertas=kertas, ukuran_kertas=PAPERS[kertas].size(landscape=self.landscape), pdf_url=pdf_path if pdf else None, sumber=sumber,
        )
        if path == pdf_path:
            assert ctx.renderer is not None
            target = stage.path(pdf_path, doc.shown)
            ctx.renderer.write(html, target, target, Arsip(site.root, sumber_arsip(site.root, (sumber, *siklus_sources(site, siklus)))))
        else:
            stage.write_text(html_path, doc.shown, html)


def cycle_of(site: Site, doc: Doc[Any]) -> Siklus | None:
    """The recap cycle a yearly document names (None when it names none that loaded: reported where it is named)."""
    return site.kinerja.siklus.get(doc.model.kinerja) if site.kinerja else None
