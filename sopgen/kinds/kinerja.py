"""Pengukuran kinerja (SAKIP): the policy and one cycle per year, scored into the recap page, PDF and sheets."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

from ..content.kinerja import KEBIJAKAN_FILE, KINERJA_DIR, KINERJA_FILE, Siklus, load_kinerja, merge_sheets, score_kinerja
from ..content.loader import Site
from ..content.references import check_reference
from ..errors import Problems
from ..lint.kinerja import lint_kinerja
from ..models.kinerja import Kebijakan, Kinerja
from ..render.arsip import Arsip, sumber_arsip
from ..render.home import Report, downloads
from ..render.rekap import rekap_paths, write_exports, write_rekap_page, write_rekap_pdf
from .base import Inputs, Job, Kind, Namespace, NavItem, Output, RenderContext, SourceFiles
from .pejabat import PEJABAT_FILE, PEJABAT_IDS
from .situs import settings_sources

KINERJA_IDS = Namespace("kinerja", f"siklus kinerja '{{}}' tidak ada di folder {KINERJA_DIR}/", "siklus yang ada: {}.")


class KinerjaKind(Kind):
    name = "kinerja"
    sources = (
        SourceFiles("kebijakan", Kebijakan, f"{KINERJA_DIR}/{KEBIJAKAN_FILE}", "Kebijakan pengukuran kinerja: cara menghitung capaian dan predikat."),
        SourceFiles("kinerja", Kinerja, f"{KINERJA_DIR}/*/{KINERJA_FILE}", "Rencana dan realisasi kinerja satu tahun: tujuan, sasaran, indikator, program, anggaran."),
    )
    namespace = KINERJA_IDS
    new_word = "kinerja"
    new_usage = "TAHUN"

    def load(self, site: Site, problems: Problems) -> None:
        content = load_kinerja(site.root, problems, site.kabupaten.config.kebijakan if site.kabupaten else None)
        site.documents[self.name] = content
        site.declared[KINERJA_IDS.name] = set(content.declared)

    def merge(self, site: Site, problems: Problems) -> None:
        merge_sheets(site.documents[self.name], site.root, problems)

    def score(self, site: Site, problems: Problems) -> None:
        score_kinerja(site.documents[self.name], problems)

    def resolve(self, site: Site, problems: Problems) -> None:
        for siklus in cycles(site):
            pengesahan = siklus.model.pengesahan
            for field in ("disusun_oleh", "mengetahui") if pengesahan else ():
                value = getattr(pengesahan, field)
                if value is not None:
                    check_reference(site, PEJABAT_IDS, value, siklus.source.at("pengesahan", field), f"pengesahan.{field}", problems)

    def lint(self, site: Site, problems: Problems) -> None:
        lint_kinerja(site, problems)

    def jobs(self, site: Site, pdf: bool, planned: Sequence[Output]) -> list[Job]:
        jobs = []
        for siklus in cycles(site):
            paths, owner = rekap_paths(siklus), siklus.shown
            sources = Inputs(sources=siklus_sources(site, siklus))
            outputs = [
                Output(paths.xlsx, owner, "export", sources, partial(_exports, siklus=siklus)),
                Output(paths.html, owner, "html", sources | Inputs(templates=("recap.html",)), partial(_page, siklus=siklus, pdf=pdf)),
            ]
            if pdf:
                outputs.insert(1, Output(paths.pdf, owner, "pdf", sources | Inputs(templates=("recap_pdf.html",)), partial(_pdf, siklus=siklus)))
            jobs.append(Job(f"Rekap kinerja {siklus.id}", tuple(outputs)))
        return jobs

    def nav(self, site: Site, pdf: bool) -> list[NavItem]:
        found = cycles(site)
        return [NavItem("Pengukuran Kinerja", rekap_paths(max(found, key=lambda s: s.model.tahun)).html)] if found else []

    def home(self, site: Site, written: set[str]) -> dict[str, Any]:
        recaps = []
        for s in sorted(cycles(site), key=lambda s: -s.model.tahun):
            paths = rekap_paths(s)
            if paths.html in written:
                title = s.model.judul if str(s.model.tahun) in s.model.judul else f"{s.model.judul} Tahun {s.model.tahun}"
                recaps.append(Report(title, paths.html, downloads(written, ("PDF", paths.pdf), ("Excel", paths.xlsx), ("CSV", paths.csv)), s.model.ilustrasi))
        return {"recaps": recaps}

    def new(self, site_dir: Path, name: str, nama: str | None) -> Path:
        from ..new import new_kinerja

        return new_kinerja(site_dir, name)


def cycles(site: Site) -> list[Siklus]:
    """Every scored cycle of the site, in folder order."""
    return list(site.kinerja.siklus.values()) if site.kinerja else []


def siklus_sources(site: Site, siklus: Siklus) -> tuple[str, ...]:
    """The files a cycle's figures come from: its kinerja.yaml, its sheets, the policy, the settings (and pejabat.yaml when it is signed)."""
    folder = siklus.folder.relative_to(site.root).as_posix()
    sheets = tuple(f"{folder}/{name}" for name in siklus.model.impor)
    signed = (PEJABAT_FILE,) if siklus.model.pengesahan else ()
    return (f"{folder}/{KINERJA_FILE}", *sheets, f"{KINERJA_DIR}/{KEBIJAKAN_FILE}", *signed, *settings_sources(site))


def _exports(ctx: RenderContext, siklus: Siklus) -> None:
    write_exports(siklus, ctx.stage)


def _pdf(ctx: RenderContext, siklus: Siklus) -> None:
    assert ctx.renderer is not None
    write_rekap_pdf(ctx.site, ctx.env, siklus, ctx.stage, ctx.renderer, Arsip(ctx.site.root, sumber_arsip(ctx.site.root, siklus_sources(ctx.site, siklus))))


def _page(ctx: RenderContext, siklus: Siklus, pdf: bool) -> None:
    write_rekap_page(ctx.site, ctx.env, siklus, ctx.stage, pdf)
