"""Rendering each measurement cycle: the recap page, its PDF, and the XLSX/CSV exports.

The page and the PDF share ``recap_document.html``; the tables are macros in
``recap_tables.html`` that the Laporan Kinerja imports too. Every figure comes from the cycle's
:class:`~sopgen.domain.rekap.Rekap`; this module only adds what the templates should not work
out themselves: the charts, where each realisasi came from, the paper, the output paths.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from ..content.kinerja import Siklus
from ..content.loader import Site
from ..domain.rekap import Rekap, RekapIndikator
from ..models.paper import PAPERS
from ..models.pejabat import Pejabat
from ..output import Staging
from . import pohon, rekap_view
from .arsip import Arsip
from .env import render_page
from .export import rekap_csv, rekap_xlsx
from .pdf import PdfRenderer


@dataclass(frozen=True)
class RekapPaths:
    """Where one cycle's outputs go, relative to the output root."""

    html: str
    pdf: str
    xlsx: str
    csv: str


def rekap_paths(siklus: Siklus) -> RekapPaths:
    base = f"kinerja/{siklus.id}"
    name = f"rekap-kinerja-{siklus.id}"
    return RekapPaths(f"{base}/index.html", f"{base}/{name}.pdf", f"{base}/{name}.xlsx", f"{base}/{name}.csv")


def asal_realisasi(siklus: Siklus, hasil: RekapIndikator) -> str:
    """Where the year's realisasi was written: its YAML line, or the cells of its quarters."""
    kode = hasil.kode
    if hasil.gabungan is None:
        return siklus.asal(kode, "realisasi")
    places = [siklus.asal(kode, "triwulan", "realisasi", tw - 1) for tw in hasil.gabungan.triwulan]
    return "; ".join(dict.fromkeys(places))


def grafik_tren_semua(rekap: Rekap) -> list[Markup]:
    """One trend chart per IKU with earlier years, in table order."""
    renstra = rekap.kinerja.renstra
    charts = (rekap_view.grafik_tren(i, rekap.kinerja.tahun, renstra) for _, i in rekap.iku())
    return [Markup(svg) for svg in charts if svg]


def pohon_kinerja(rekap: Rekap) -> list[Markup]:
    """The pohon kinerja coloured by the cycle's predikat, one SVG per part that fits a page."""
    parts = pohon.bagian(rekap)
    warna = pohon.warna_predikat(rekap.policy.skala)
    judul = f"Pohon kinerja {rekap.kinerja.tahun}"
    return [Markup(pohon.svg_pohon(p, judul if len(parts) == 1 else f"{judul}, bagian {n} dari {len(parts)}", warna)) for n, p in enumerate(parts, 1)]


@dataclass(frozen=True)
class PenandaTangan:
    """The officials who sign the printed recap (kinerja.yaml ``pengesahan``)."""

    disusun_oleh: Pejabat
    mengetahui: Pejabat | None


def penanda_tangan(site: Site, rekap: Rekap) -> PenandaTangan | None:
    """The signing officials, or None for a cycle without ``pengesahan`` (ids are checked when resolving)."""
    pengesahan = rekap.kinerja.pengesahan
    if pengesahan is None:
        return None
    mengetahui = site.pejabat[pengesahan.mengetahui] if pengesahan.mengetahui else None
    return PenandaTangan(site.pejabat[pengesahan.disusun_oleh], mengetahui)


def rekap_context(site: Site, siklus: Siklus) -> dict[str, Any]:
    """What recap_document.html needs (the page and the PDF add their own few keys)."""
    rekap = siklus.rekap
    iku = [i for _, i in rekap.iku()]
    judul = f"Target dan realisasi indikator kinerja sasaran {rekap.kinerja.tahun}"
    return {
        "siklus": siklus,
        "rekap": rekap,
        "view": rekap_view,
        "asal": lambda hasil: asal_realisasi(siklus, hasil),
        "grafik_iku": Markup(rekap_view.grafik_target_realisasi(iku, judul)),
        "grafik_tren": grafik_tren_semua(rekap),
        "pohon": pohon_kinerja(rekap),
        "ada_indikator_program": bool(rekap_view.program_berindikator(rekap)),
        "ttd": penanda_tangan(site, rekap),
        # Landscape: the recap tables need the width (the page prints on it too).
        "ukuran_kertas": PAPERS[site.config.kertas].size(landscape=True),
    }


def write_exports(siklus: Siklus, stage: Staging) -> None:
    """The recap as XLSX and CSV, for the kabupaten's e-SAKIP application."""
    paths = rekap_paths(siklus)
    stage.write_bytes(paths.xlsx, siklus.shown, rekap_xlsx(siklus.rekap))
    stage.write_text(paths.csv, siklus.shown, rekap_csv(siklus.rekap))


def write_rekap_pdf(site: Site, env: Environment, siklus: Siklus, stage: Staging, renderer: PdfRenderer, arsip: Arsip) -> None:
    """The recap as a landscape PDF."""
    paths = rekap_paths(siklus)
    target = stage.path(paths.pdf, siklus.shown)
    html = render_page(env, "recap_pdf.html", paths.pdf, **rekap_context(site, siklus))
    renderer.write(html, target, target, arsip)


def write_rekap_page(site: Site, env: Environment, siklus: Siklus, stage: Staging, pdf: bool) -> None:
    """The recap page, with its downloads (the PDF only when the build writes PDFs)."""
    paths = rekap_paths(siklus)
    unduhan = [("Rekap dalam format XLSX (untuk aplikasi e-SAKIP)", paths.xlsx), ("Rekap dalam format CSV", paths.csv)]
    if pdf:
        unduhan.insert(0, (f"Rekap siap cetak (PDF, {site.config.kertas} mendatar)", paths.pdf))
    page = render_page(env, "recap.html", paths.html, unduhan=unduhan, **rekap_context(site, siklus))
    stage.write_text(paths.html, siklus.shown, page)
