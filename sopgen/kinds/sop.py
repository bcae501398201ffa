"""The SOP (Permenpan RB 35/2012): one YAML file per SOP, rendered as a page and a print-ready PDF."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any, get_args

from ..content.documents import Doc, parse_document
from ..content.kabupaten import check_cross_unit
from ..content.loader import Site
from ..content.monev import catatan_sop
from ..content.reading import is_folder
from ..content.references import check_reference, cross_unit_link, cross_unit_sop, linked_sop_id
from ..errors import Position, Problems, relpath
from ..lint.sop import lint_alur_of_invalid, lint_sops
from ..models.sop import SOP, StatusSOP
from ..render.docx_page import docx_path
from ..render.docx_sop import write_sop_docx
from ..render.listing import group_by_bidang
from ..render.sop import sop_paths, write_page, write_pdf
from .base import Inputs, Job, Kind, Namespace, NavItem, Output, RenderContext, SourceFiles
from .pejabat import PEJABAT_FILE, PEJABAT_IDS
from .situs import settings_sources

SOP_DIR = "sop"
SOP_IDS = Namespace("sop", f"SOP '{{}}' tidak ada di folder {SOP_DIR}/")
SOP_FILES = SourceFiles(
    "sop", SOP, f"{SOP_DIR}/*.yaml", "Satu Standar Operasional Prosedur (Permenpan RB 35/2012): identitas dan langkah-langkahnya.",
)


class SopKind(Kind):
    name = "sop"
    sources = (SOP_FILES,)
    namespace = SOP_IDS
    new_word = "sop"

    def load(self, site: Site, problems: Problems) -> None:
        files = sop_files(site.root, problems)
        site.documents[self.name] = load_sops(files, site.root, problems)
        site.declared[SOP_IDS.name] = {f.stem for f in files}

    def resolve(self, site: Site, problems: Problems) -> None:
        for doc in site.sops.values():
            check_reference(site, PEJABAT_IDS, doc.model.disahkan_oleh, doc.source.at("disahkan_oleh"), "disahkan_oleh", problems)
            if doc.model.diganti_oleh is not None:
                check_reference(site, SOP_IDS, doc.model.diganti_oleh, doc.source.at("diganti_oleh"), "diganti_oleh", problems)
            for index, link in enumerate(doc.model.keterkaitan):
                where, fieldname = doc.source.at("keterkaitan", index), f"keterkaitan[{index + 1}]"
                cross, target = cross_unit_link(site, link), linked_sop_id(link)
                if cross is not None and site.kabupaten is not None:
                    check_cross_unit(site.kabupaten, site.unit, *cross, where, fieldname, problems)
                elif target is not None:
                    check_reference(site, SOP_IDS, target, where, fieldname, problems, "tulis sebagai 'teks: <nama SOP>' bila SOP itu tidak ada di situs ini.")

    def lint(self, site: Site, problems: Problems) -> None:
        lint_sops(site, problems)

    def jobs(self, site: Site, pdf: bool, planned: Sequence[Output]) -> list[Job]:
        return [Job(f"SOP {doc.model.nama}", sop_outputs(site, doc, pdf)) for doc in site.sops.values()]

    def nav(self, site: Site, pdf: bool) -> list[NavItem]:
        return [NavItem("Daftar SOP", "index.html#daftar-sop")]

    def home(self, site: Site, written: set[str]) -> dict[str, Any]:
        groups = group_by_bidang(site)
        docs = [doc for group in groups for doc in group.sops]
        return {
            "groups": groups,
            "pages": {doc.id: sop_paths(doc)[0] for doc in docs},
            "pdfs": {doc.id: sop_paths(doc)[1] for doc in docs if sop_paths(doc)[1] in written},
            "docxs": {doc.id: docx_path(sop_paths(doc)[1]) for doc in docs if docx_path(sop_paths(doc)[1]) in written},
            "sop_count": len(site.sops),
            "status_counts": status_counts(docs),
        }

    def new(self, site_dir: Path, name: str, nama: str | None) -> Path:
        from ..new import new_sop

        return new_sop(site_dir, name, nama)


def status_counts(docs: Sequence[Doc[SOP]]) -> list[tuple[str, int]]:
    """How many SOPs are in each status, in the order of an SOP's life; empty when every SOP is in force."""
    counts = Counter(doc.model.status for doc in docs)
    if set(counts) <= {"berlaku"}:
        return []
    return [(status, counts[status]) for status in get_args(StatusSOP) if counts[status]]


def sop_files(root: Path, problems: Problems) -> list[Path]:
    """The SOP files of a site, in name order (``sop`` written as a file is a problem)."""
    folder = root / SOP_DIR
    return sorted(folder.glob("*.y*ml")) if is_folder(folder, root, problems) else []


def load_sops(files: list[Path], root: Path, problems: Problems) -> dict[str, Doc[SOP]]:
    """Every valid SOP by id (its file name); two files with one id are an error.

    An invalid SOP is left out, but its flow is still checked when it can be read (one run names every problem)."""
    sops: dict[str, Doc[SOP]] = {}
    for file in files:
        if file.stem in sops:
            problems.add(Position(relpath(file, root)), "", f"id SOP '{file.stem}' sudah dipakai oleh {sops[file.stem].shown}", "ganti nama salah satu berkas.")
            continue
        loaded = parse_document(file, SOP, root, problems)
        if loaded is None:
            continue
        if loaded.model is None:
            problems.extend(lint_alur_of_invalid(loaded.data, loaded.source))
            continue
        sops[file.stem] = Doc(file.stem, file, loaded.model, loaded.source)
    return sops


def sop_inputs(site: Site, doc: Doc[SOP], template: str) -> Inputs:
    """The SOP's file, the signing pejabat, the settings, the logo, and the SOPs it names (keterkaitan, diganti_oleh: their titles are printed)."""
    named = [*map(linked_sop_id, doc.model.keterkaitan), doc.model.diganti_oleh]
    linked = [site.sops[t].file for t in dict.fromkeys(named) if t in site.sops] + [c[1].file for c in map(partial(cross_unit_sop, site), doc.model.keterkaitan) if c]
    files = tuple(Path(os.path.relpath(p, site.root)).as_posix() for p in (doc.file, *linked))
    return Inputs(sources=(*files, PEJABAT_FILE, *settings_sources(site)), templates=(template,))


def sop_outputs(site: Site, doc: Doc[SOP], pdf: bool) -> tuple[Output, ...]:
    """The PDF (laid out first: the page shows its flowchart page breaks), the page, and the Word copy (the PDF's breaks and row heights)."""
    html_path, pdf_path = sop_paths(doc)
    records = tuple(c.doc.file.relative_to(site.root).as_posix() for jenis in ("monitoring", "evaluasi") for c in catatan_sop(site, jenis, doc.id))
    page_inputs = sop_inputs(site, doc, "sop.html") | Inputs(sources=records)
    page = Output(html_path, doc.shown, "html", page_inputs, partial(_page, doc=doc, pdf_path=pdf_path if pdf else None),
                  needs=(pdf_path,) if pdf else ())
    if not pdf:
        return (page,)
    word = Output(docx_path(pdf_path), doc.shown, "docx", sop_inputs(site, doc, "sop_pdf.html"), partial(_docx, doc=doc, pdf_path=pdf_path), needs=(pdf_path,))
    return Output(pdf_path, doc.shown, "pdf", sop_inputs(site, doc, "sop_pdf.html"), partial(_pdf, doc=doc)), page, word


def _docx(ctx: RenderContext, doc: Doc[SOP], pdf_path: str) -> None:
    write_sop_docx(ctx.site, ctx.env, doc, ctx.stage, ctx.results.get(pdf_path))  # None in the preview: no PDF laid out


def _pdf(ctx: RenderContext, doc: Doc[SOP]) -> Any:
    assert ctx.renderer is not None
    return write_pdf(ctx.site, ctx.env, doc, ctx.stage, ctx.renderer)


def _page(ctx: RenderContext, doc: Doc[SOP], pdf_path: str | None) -> None:
    printed = ctx.results.get(pdf_path) if pdf_path else None
    write_page(ctx.site, ctx.env, doc, ctx.stage, printed.plans if printed else None, pdf_path is not None)
