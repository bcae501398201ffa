"""The monitoring and evaluation forms of an SOP, as signed PDFs and as a section of the SOP's page.

The forms print what the regulation's tables hold; the prosedur column is the SOP's own langkah
text (the record names a langkah by number), so the form and the SOP cannot disagree on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jinja2 import Environment

from ..content.loader import Site
from ..content.monev import Catatan, catatan_sop
from ..models.monev import KRITERIA, PENERAPAN, REKOMENDASI, Evaluasi, Monitoring
from ..models.paper import PAPERS
from ..output import Staging
from .arsip import Arsip
from .env import relative_url, render_page
from .pdf import PdfRenderer

JENIS = {"monitoring": "Formulir Monitoring Pelaksanaan SOP", "evaluasi": "Formulir Evaluasi Penerapan SOP"}
"""The two forms by the folder their records live in, with the title they print."""


@dataclass(frozen=True)
class Baris:
    """One row of a form: its number, what is judged, the judgement, and the notes."""

    no: int
    uraian: str
    nilai: str
    catatan: str | None = None
    tindakan: str | None = None


def monev_path(jenis: str, catatan: Catatan[Any]) -> str:
    """The PDF of one record, beside the SOP's: ``sop/<id>/monitoring-2024-1.pdf``."""
    return f"sop/{catatan.sop}/{jenis}-{catatan.periode.nama}.pdf"


def baris_monitoring(site: Site, catatan: Catatan[Monitoring]) -> list[Baris]:
    """The monitoring rows, each with the SOP's langkah text as its prosedur."""
    langkah = site.sops[catatan.sop].model.semua_langkah
    return [
        Baris(p.langkah, langkah[p.langkah - 1].uraian, p.penerapan, p.catatan, p.tindakan)
        for p in catatan.doc.model.penilaian if p.langkah <= len(langkah)
    ]


def baris_evaluasi(catatan: Catatan[Evaluasi]) -> list[Baris]:
    """The seven criteria with their answers, in the form's order."""
    kriteria = catatan.doc.model.kriteria
    return [
        Baris(no, teks, getattr(kriteria, name).jawaban, getattr(kriteria, name).catatan)
        for no, (name, teks) in enumerate(KRITERIA.items(), start=1)
    ]


def monev_context(site: Site, jenis: str, catatan: Catatan[Any]) -> dict[str, Any]:
    """What the form prints: the SOP, the period, the rows, who assessed and who acknowledges (the SOP's signatory)."""
    sop = site.sops[catatan.sop].model
    rows = baris_monitoring(site, catatan) if jenis == "monitoring" else baris_evaluasi(catatan)
    return {
        "jenis": jenis, "judul": JENIS[jenis], "catatan": catatan, "record": catatan.doc.model, "sop": sop, "baris": rows,
        "penilai": site.pejabat[catatan.doc.model.penilai], "mengetahui": site.pejabat[sop.disahkan_oleh],
        "PENERAPAN": PENERAPAN, "REKOMENDASI": REKOMENDASI,
    }


def write_monev_pdf(site: Site, env: Environment, stage: Staging, renderer: PdfRenderer, jenis: str, catatan: Catatan[Any]) -> None:
    """One signed form as a PDF on the site's paper, portrait."""
    path = monev_path(jenis, catatan)
    target = stage.path(path, catatan.doc.shown)
    kertas = site.sops[catatan.sop].model.kertas or site.config.kertas
    html = render_page(env, "monev_pdf.html", path, ukuran_kertas=PAPERS[kertas].size(), m=monev_context(site, jenis, catatan))
    renderer.write(html, target, target, Arsip(site.root, (catatan.doc.file, site.sops[catatan.sop].file)))


def monev_page(site: Site, sop_id: str, page_path: str, pdf: bool) -> list[dict[str, Any]]:
    """The SOP page's section: every record of the SOP, newest first, with its rows and a link to its PDF."""
    shown = []
    for jenis in JENIS:
        for catatan in catatan_sop(site, jenis, sop_id):
            context = monev_context(site, jenis, catatan)
            context["pdf_url"] = relative_url(page_path, monev_path(jenis, catatan)) if pdf else None
            shown.append(context)
    return sorted(shown, key=lambda c: (c["catatan"].periode, c["jenis"] == "evaluasi"), reverse=True)
