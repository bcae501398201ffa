"""Monitoring and evaluation records of SOPs (Permenpan RB 35/2012), each rendered as a signed form.

Two kinds of one shape: ``monitoring/<sop>/<periode>.yaml`` (every six months, each prosedur
judged) and ``evaluasi/<sop>/<periode>.yaml`` (seven yes/no criteria and a recommendation).
Each record becomes a PDF beside its SOP's and is shown on the SOP's page; ``sopgen check``
warns when an SOP in force has no monitoring for the last half-year (:mod:`sopgen.lint.sop`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from ..content.loader import Site
from ..content.monev import Catatan, load_catatan
from ..content.references import check_reference
from ..errors import Level, Position, Problems, relpath
from ..lint.kerangka import lint_isian
from ..models.base import tanggal_indonesia
from ..models.monev import Evaluasi, Monitoring
from ..render.monev import monev_path, write_monev_pdf
from .base import Inputs, Job, Kind, Output, RenderContext, SourceFiles
from .pejabat import PEJABAT_FILE, PEJABAT_IDS
from .situs import settings_sources
from .sop import SOP_IDS


class CatatanKind(Kind):
    """Records filed per SOP and period; subclasses name the folder, the model, and their own checks."""

    model: ClassVar[Any]
    label: ClassVar[str]
    new_usage = "SOP [PERIODE]"

    def load(self, site: Site, problems: Problems) -> None:
        site.documents[self.name] = load_catatan(site, self.name, self.model, problems)

    def resolve(self, site: Site, problems: Problems) -> None:
        for catatan in records(site, self.name):
            folder = Position(relpath(catatan.doc.file.parent, site.root))
            check_reference(site, SOP_IDS, catatan.sop, folder, "", problems, "nama folder ini harus id (nama berkas) SOP yang dinilai.")
            check_reference(site, PEJABAT_IDS, catatan.doc.model.penilai, catatan.doc.source.at("penilai"), "penilai", problems)

    def lint(self, site: Site, problems: Problems) -> None:
        today = dt.date.today()
        for catatan in records(site, self.name):
            lint_isian(catatan.doc, problems)
            tanggal = catatan.doc.model.tanggal
            if tanggal > today:
                problems.add(catatan.doc.source.at("tanggal"), "tanggal", f"tanggal penilaian ({tanggal_indonesia(tanggal)}) di masa depan",
                             "tulis tanggal penilaian dilakukan; catatan ditulis sesudah penilaian.")
            elif tanggal < catatan.periode.mulai:
                problems.add(catatan.doc.source.at("tanggal"), "tanggal",
                             f"tanggal penilaian ({tanggal_indonesia(tanggal)}) sebelum periode {catatan.periode.nama} dimulai ({tanggal_indonesia(catatan.periode.mulai)})",
                             "periksa tanggalnya, atau nama berkasnya (periode yang dinilai).")
            if catatan.sop in site.sops:
                self.lint_record(site, catatan, problems)

    def lint_record(self, site: Site, catatan: Catatan[Any], problems: Problems) -> None:
        """Checks of one record against its SOP."""

    def new(self, site_dir: Path, name: str, nama: str | None, periode: str | None = None) -> Path:
        from ..new import new_catatan

        return new_catatan(self.name, site_dir, name, periode)

    def jobs(self, site: Site, pdf: bool, planned: Sequence[Output]) -> list[Job]:
        if not pdf:
            return []
        jobs = []
        for catatan in records(site, self.name):
            sop = site.sops[catatan.sop]
            files = tuple(f.relative_to(site.root).as_posix() for f in (catatan.doc.file, sop.file))
            inputs = Inputs(sources=(*files, PEJABAT_FILE, *settings_sources(site)), templates=("monev_pdf.html",))
            render = partial(_render, jenis=self.name, catatan=catatan)
            jobs.append(Job(f"{self.label} {sop.model.nama} {catatan.periode.nama}", (Output(monev_path(self.name, catatan), catatan.doc.shown, "pdf", inputs, render),)))
        return jobs


class MonitoringKind(CatatanKind):
    name = new_word = "monitoring"
    model = Monitoring
    label = "Monitoring"
    sources = (SourceFiles(
        "monitoring", Monitoring, "monitoring/*/*.yaml",
        "Monitoring enam bulanan satu SOP (Permenpan RB 35/2012): penilaian penerapan setiap prosedur. Nama berkas = periode, mis. 2024-1.",
    ),)

    def lint_record(self, site: Site, catatan: Catatan[Any], problems: Problems) -> None:
        """Each row names a langkah of the SOP, once."""
        count = len(site.sops[catatan.sop].model.semua_langkah)
        seen: set[int] = set()
        for index, row in enumerate(catatan.doc.model.penilaian):
            where = catatan.doc.source.at("penilaian", index, "langkah")
            field = f"penilaian[{index + 1}].langkah"
            if row.langkah > count:
                problems.add(where, field, f"SOP '{catatan.sop}' hanya punya {count} langkah", f"tulis nomor langkah 1 sampai {count}.")
            elif row.langkah in seen:
                problems.add(where, field, f"langkah {row.langkah} sudah dinilai di baris sebelumnya", "hapus salah satu baris.")
            seen.add(row.langkah)
        missing = sorted(set(range(1, count + 1)) - seen)
        if missing and len(missing) < count:
            problems.add(catatan.doc.source.at("penilaian"), "penilaian", f"langkah {', '.join(map(str, missing))} tidak dinilai",
                         "formulir monitoring menilai setiap prosedur SOP; tambahkan barisnya.", Level.WARNING)


class EvaluasiKind(CatatanKind):
    name = new_word = "evaluasi"
    model = Evaluasi
    label = "Evaluasi"
    sources = (SourceFiles(
        "evaluasi", Evaluasi, "evaluasi/*/*.yaml",
        "Evaluasi satu SOP (Permenpan RB 35/2012): tujuh kriteria Ya/Tidak dan rekomendasi tetap, revisi, atau cabut. Nama berkas = periode, mis. 2024-2.",
    ),)


def records(site: Site, jenis: str) -> list[Catatan[Any]]:
    """The loaded records of one kind."""
    found: list[Catatan[Any]] = site.documents.get(jenis, [])
    return found


def _render(ctx: RenderContext, jenis: str, catatan: Catatan[Any]) -> None:
    assert ctx.renderer is not None
    write_monev_pdf(ctx.site, ctx.env, ctx.stage, ctx.renderer, jenis, catatan)
