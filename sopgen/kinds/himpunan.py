"""The SOP binder (himpunan SOP): every SOP in one PDF, joined from the finished per-SOP PDFs.

It opens with the Keputusan that sets the SOPs into force (``keputusan.yaml``, optional) and its
Lampiran, the Daftar SOP, as Permenpan RB 35/2012 orders an SOP's documentation. Like every
document PDF it is PDF/A-3b, with its sources attached: the Keputusan and the bound SOPs' YAML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

from ..content.documents import Doc, load_document
from ..content.loader import Site
from ..content.references import check_reference
from ..errors import Level, Problems
from ..lint.kerangka import lint_isian
from ..models.base import tanggal_indonesia
from ..models.keputusan import KEPUTUSAN_FILE, KeputusanSOP
from ..render.arsip import sumber_arsip
from ..render.binder import BINDER_PATH, build_binder, relaid_sops
from ..render.listing import binder_sops
from ..render.sop import sop_paths
from .base import Inputs, Job, Kind, NavItem, Output, RenderContext, SourceFiles
from .pejabat import PEJABAT_FILE, PEJABAT_IDS
from .situs import settings_sources
from .sop import sop_inputs


class Himpunan(Kind):
    name = "himpunan"
    sources = (SourceFiles(
        "keputusan", KeputusanSOP, KEPUTUSAN_FILE,
        "Keputusan pimpinan yang menetapkan SOP (Permenpan RB 35/2012): nomor, tanggal, menimbang, mengingat, memutuskan; "
        "Daftar SOP menjadi lampirannya di Himpunan SOP.",
    ),)
    after = ("sop",)
    new_word = "keputusan"
    new_usage = ""

    def load(self, site: Site, problems: Problems) -> None:
        file = site.root / KEPUTUSAN_FILE
        loaded = load_document(file, KeputusanSOP, site.root, problems) if file.exists() or file.is_symlink() else None
        site.documents[self.name] = {"keputusan": Doc("keputusan", file, loaded[0], loaded[1])} if loaded else {}

    def resolve(self, site: Site, problems: Problems) -> None:
        doc = keputusan_of(site)
        if doc is not None:
            check_reference(site, PEJABAT_IDS, doc.model.ditetapkan_oleh, doc.source.at("ditetapkan_oleh"), "ditetapkan_oleh", problems)

    def lint(self, site: Site, problems: Problems) -> None:
        doc = keputusan_of(site)
        if doc is None:
            return
        lint_isian(doc, problems)
        tanggal = doc.model.tanggal
        if tanggal > dt.date.today():
            problems.add(
                doc.source.at("tanggal"), "tanggal", f"tanggal Keputusan ({tanggal_indonesia(tanggal)}) di masa depan",
                "Himpunan SOP mencetak Keputusan ini sebagai sudah ditetapkan; tulis tanggal penetapannya, "
                f"atau pindahkan {KEPUTUSAN_FILE} dari folder situs sampai Keputusan ditandatangani.",
            )
        later = [d for d in binder_sops(site) if d.model.status == "berlaku" and d.model.tanggal.pengesahan and d.model.tanggal.pengesahan > tanggal]
        if later:
            problems.add(
                doc.source.at("tanggal"), "tanggal",
                f"Keputusan ({tanggal_indonesia(tanggal)}) menetapkan SOP yang baru disahkan sesudahnya: {', '.join(d.model.nomor for d in later)}",
                "Keputusan menetapkan SOP yang sudah disahkan; periksa tanggal Keputusan atau tanggal pengesahan SOP itu.", Level.WARNING,
            )

    def jobs(self, site: Site, pdf: bool, planned: Sequence[Output]) -> list[Job]:
        docs = binder_sops(site)
        if not pdf or not docs:
            return []
        pdfs = tuple(sop_paths(doc)[1] for doc in docs)
        files = tuple(doc.file.relative_to(site.root).as_posix() for doc in docs)
        sources = Inputs(sources=(*files, *settings_sources(site)), templates=("binder.html", "binder_stempel.html"))
        keputusan = keputusan_of(site)
        if keputusan is not None:
            sources |= Inputs(sources=(KEPUTUSAN_FILE, PEJABAT_FILE))
        for doc in relaid_sops(site):
            sources |= sop_inputs(site, doc, "sop_pdf.html")
        sumber = sumber_arsip(site.root, (*((KEPUTUSAN_FILE,) if keputusan else ()), *files))
        render = partial(_binder, keputusan=keputusan.model if keputusan else None, sumber=sumber)
        return [Job("Himpunan SOP (PDF)", (Output(BINDER_PATH, "site.yaml", "binder", sources, render, needs=pdfs),))]

    def nav(self, site: Site, pdf: bool) -> list[NavItem]:
        return [NavItem("Unduhan", "index.html#unduhan")] if pdf else []

    def new(self, site_dir: Path, name: str, nama: str | None) -> Path:
        from ..new import new_keputusan

        return new_keputusan(site_dir)

    def home(self, site: Site, written: set[str]) -> dict[str, Any]:
        return {"binder": BINDER_PATH if BINDER_PATH in written else None}


def keputusan_of(site: Site) -> Doc[KeputusanSOP] | None:
    """The site's Keputusan, if it has a valid one."""
    found: Doc[KeputusanSOP] | None = site.documents.get(Himpunan.name, {}).get("keputusan")
    return found


def _binder(ctx: RenderContext, keputusan: KeputusanSOP | None, sumber: Sequence[Path]) -> None:
    assert ctx.renderer is not None
    build_binder(ctx.site, ctx.env, ctx.stage, ctx.renderer, keputusan, sumber)
