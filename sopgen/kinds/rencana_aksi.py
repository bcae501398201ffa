"""The Rencana Aksi: the quarterly action plan of a recap cycle and its realisation, as its own document.

``rencana-aksi/<tahun>/rencana-aksi.yaml`` names the cycle whose indicators it plans for, who sets
it (a pejabat id), and per indicator the aksi: uraian, quarters, penanggung jawab, what was done.
Targets, realisasi and capaian, per quarter and for the year, are the cycle's (one fact in one
place); a quarterly target the plan also writes must agree with the cycle at its line.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

from ..content.documents import Doc, load_year_folders
from ..content.loader import Site
from ..content.references import check_reference
from ..domain.rencana_aksi import selisih_target, susun_rencana
from ..errors import Problems, did_you_mean
from ..models.paper import PAPERS
from ..models.rencana_aksi import ROMAWI, RencanaAksi
from ..render import rencana_aksi as ra_view
from ..render.arsip import Arsip, sumber_arsip
from ..render.env import render_page
from ..render.format import angka_indikator, file_slug
from ..render.home import Report, downloads
from .base import Inputs, Job, Kind, NavItem, Output, RenderContext, SourceFiles
from .kinerja import KINERJA_IDS, siklus_sources
from .pejabat import PEJABAT_FILE, PEJABAT_IDS

RENCANA_AKSI_DIR = "rencana-aksi"
RENCANA_AKSI_FILE = "rencana-aksi.yaml"
TEMPLATES = ("rencana_aksi.html", "rencana_aksi_pdf.html")


class RencanaAksiKind(Kind):
    name = "rencana_aksi"
    sources = (SourceFiles(
        "rencana_aksi", RencanaAksi, f"{RENCANA_AKSI_DIR}/*/{RENCANA_AKSI_FILE}",
        "Rencana Aksi satu tahun: rencana aksi per indikator siklus kinerja, triwulan pelaksanaan, penanggung jawab dan realisasinya.",
    ),)
    after = ("kinerja",)
    new_word = "rencana-aksi"
    new_usage = "TAHUN"

    def load(self, site: Site, problems: Problems) -> None:
        site.documents[self.name] = load_year_folders(site.root, RENCANA_AKSI_DIR, RENCANA_AKSI_FILE, RencanaAksi, "rencana aksi", problems)

    def resolve(self, site: Site, problems: Problems) -> None:
        for doc in plans(site):
            check_reference(site, PEJABAT_IDS, doc.model.ditetapkan_oleh, doc.source.at("ditetapkan_oleh"), "ditetapkan_oleh", problems)
            if not check_reference(site, KINERJA_IDS, doc.model.kinerja, doc.source.at("kinerja"), "kinerja", problems):
                continue
            siklus = site.kinerja.siklus.get(doc.model.kinerja) if site.kinerja else None
            if siklus is None:  # the cycle itself is invalid: reported there
                continue
            seen: set[str] = set()
            for index, entry in enumerate(doc.model.rencana):
                where, field = doc.source.at("rencana", index, "indikator"), f"rencana[{index + 1}].indikator"
                if entry.indikator not in siklus.letak:
                    hint = did_you_mean(entry.indikator, siklus.letak) or f"kode yang ada: {', '.join(siklus.letak)}."
                    problems.add(where, field, f"indikator '{entry.indikator}' tidak ada di siklus kinerja '{doc.model.kinerja}'", hint)
                elif entry.indikator in seen:
                    problems.add(where, field, f"indikator '{entry.indikator}' sudah direncanakan di atas", "gabungkan aksinya di satu entri.")
                seen.add(entry.indikator)

    def lint(self, site: Site, problems: Problems) -> None:
        for doc in plans(site):
            siklus = site.kinerja.siklus.get(doc.model.kinerja) if site.kinerja else None
            if siklus is None:
                continue
            if siklus.model.tahun != doc.model.tahun:
                problems.add(doc.source.at("tahun"), "tahun", f"tahun {doc.model.tahun} berbeda dari tahun siklus kinerja '{doc.model.kinerja}' ({siklus.model.tahun})",
                             "rencana aksi menjabarkan target tahun yang sama dengan siklusnya.")
            for beda in selisih_target(siklus.rekap, doc.model):
                entry = doc.model.rencana[beda.rencana]
                indikator = siklus.letak[entry.indikator].indikator
                tw = ROMAWI[beda.triwulan]
                tertulis = angka_indikator(beda.tertulis, indikator, "'-'", "target")
                di_siklus = angka_indikator(beda.siklus, indikator, "'-'", "target")
                problems.add(doc.source.at("rencana", beda.rencana, "target_triwulan", beda.triwulan), f"rencana[{beda.rencana + 1}].target_triwulan[{beda.triwulan + 1}]",
                             f"target TW {tw} {entry.indikator} tertulis {tertulis}, sedangkan siklus kinerja '{doc.model.kinerja}' mencatat {di_siklus} ({siklus.asal(entry.indikator, 'triwulan', 'target', beda.triwulan)})",
                             "target triwulan dicatat satu kali: samakan dengan kinerja.yaml, atau hapus target_triwulan di sini (dibaca dari siklusnya).")

    def jobs(self, site: Site, pdf: bool, planned: Sequence[Output]) -> list[Job]:
        jobs = []
        for doc in plans(site):
            html_path, pdf_path = rencana_aksi_paths(site, doc)
            assert site.kinerja is not None  # a missing cycle is an error of the resolve stage
            siklus = site.kinerja.siklus[doc.model.kinerja]
            sources = Inputs(sources=(doc.file.relative_to(site.root).as_posix(), PEJABAT_FILE, *siklus_sources(site, siklus)))
            outputs = [Output(html_path, doc.shown, "html", sources | Inputs(templates=(TEMPLATES[0],)), partial(_render, doc=doc, template=TEMPLATES[0], pdf=pdf))]
            if pdf:
                outputs.insert(0, Output(pdf_path, doc.shown, "pdf", sources | Inputs(templates=(TEMPLATES[1],)), partial(_render, doc=doc, template=TEMPLATES[1], pdf=pdf)))
            jobs.append(Job(f"Rencana Aksi {doc.model.tahun}", tuple(outputs)))
        return jobs

    def nav(self, site: Site, pdf: bool) -> list[NavItem]:
        docs = plans(site)
        return [NavItem("Rencana Aksi", rencana_aksi_paths(site, max(docs, key=lambda d: d.model.tahun))[0])] if docs else []

    def home(self, site: Site, written: set[str]) -> dict[str, Any]:
        listed = []
        for doc in sorted(plans(site), key=lambda d: -d.model.tahun):
            html, pdf = rencana_aksi_paths(site, doc)
            if html in written:
                listed.append(Report(f"Rencana Aksi Tahun {doc.model.tahun}", html, downloads(written, ("PDF", pdf)), doc.model.ilustrasi))
        return {"rencana_aksi": listed}

    def new(self, site_dir: Path, name: str, nama: str | None) -> Path:
        from ..new import new_rencana_aksi

        return new_rencana_aksi(site_dir, name)


def plans(site: Site) -> list[Doc[RencanaAksi]]:
    """Every loaded Rencana Aksi, in folder order."""
    return list(site.documents.get(RencanaAksiKind.name, {}).values())


def rencana_aksi_paths(site: Site, doc: Doc[RencanaAksi]) -> tuple[str, str]:
    """The page and the PDF, e.g. ``rencana-aksi/2024/index.html`` and ``…/rencana-aksi-kecamatan-candipuro-2024.pdf``."""
    slug = file_slug(f"rencana aksi {site.config.instansi.unit_kerja} {doc.model.tahun}")
    return f"{RENCANA_AKSI_DIR}/{doc.id}/index.html", f"{RENCANA_AKSI_DIR}/{doc.id}/{slug}.pdf"


def _render(ctx: RenderContext, doc: Doc[RencanaAksi], template: str, pdf: bool) -> None:
    """The page or the PDF (by ``template``): the same document in both."""
    site, stage = ctx.site, ctx.stage
    assert site.kinerja is not None
    siklus = site.kinerja.siklus[doc.model.kinerja]
    html_path, pdf_path = rencana_aksi_paths(site, doc)
    kertas = doc.model.kertas or site.config.kertas
    path = pdf_path if template == TEMPLATES[1] else html_path
    html = render_page(
        ctx.env, template, path, ra=doc.model, pejabat=site.pejabat[doc.model.ditetapkan_oleh], unit_kerja=site.config.instansi.unit_kerja,
        rekap=siklus.rekap, kelompok=susun_rencana(siklus.rekap, doc.model), view=ra_view, romawi=ROMAWI,
        kertas=kertas, ukuran_kertas=PAPERS[kertas].size(landscape=True), pdf_url=pdf_path if pdf else None,
        sumber=doc.file.relative_to(site.root).as_posix(),
    )
    if path == pdf_path:
        assert ctx.renderer is not None
        target = stage.path(pdf_path, doc.shown)
        sumber = sumber_arsip(site.root, (doc.file.relative_to(site.root).as_posix(), *siklus_sources(site, siklus)))
        ctx.renderer.write(html, target, target, Arsip(site.root, sumber))
    else:
        stage.write_text(html_path, doc.shown, html)
