"""The recap PDF as a Camat signs it: kop, 'Mengetahui' and the signature of who drew it up, and pages
that are full where the document goes on (no page holding only the predikat scale, none half empty
before the charts)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from sopgen.build import check_site
from sopgen.output import BuildResult
from sopgen.render.env import make_env, render_page
from sopgen.render.pdf import PdfRenderer
from sopgen.render.rekap import rekap_context, rekap_paths

from .conftest import DEMO
from .support import replace_line, sopgen_check

PDF = Path("kinerja/2024/rekap-kinerja-2024.pdf")


def _lowest_text(page: object) -> float:
    """The lowest baseline of the page's body text, as a fraction of the page height from the top (the footer left out)."""
    heights: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip() and not text.strip().startswith("Halaman"):
            heights.append(cm[5] + tm[5] * cm[3])

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    top = float(page.mediabox.height)  # type: ignore[attr-defined]
    return (top - min(heights)) / top


def test_kop_and_signatures(built_demo: BuildResult) -> None:
    pages = [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(built_demo.out_dir / PDF).pages]
    assert pages[0].count("PEMERINTAH KABUPATEN LUMAJANG") == 1 and "KECAMATAN CANDIPURO" in pages[0]
    signed = [n for n, p in enumerate(pages) if "Mengetahui," in p]
    assert len(signed) == 1
    page = pages[signed[0]]
    assert "Candipuro, 15 Januari 2025" in page and "Yang menyusun," in page
    assert "AKHMAD KHARIRI" in page and "DWI PRASETYO" in page and "Plt. CAMAT CANDIPURO" in page
    assert "Cara menghitung" in page, "the signature closes the recap's text, before the charts"
    reviu = next(n for n, p in enumerate(pages) if "Lampiran: reviu capaian tercetak" in p)
    assert reviu > signed[0], "the reviewer's table is a lampiran after what the Camat signs"


def _recap_from_kebijakan_on(spacer_mm: int, built_demo: BuildResult) -> list[str]:
    """The demo recap's PDF text per page with the tables before 'Cara menghitung' replaced by a block
    ``spacer_mm`` tall, and the charts left out: a sweep of these puts every line of the section at a page's end."""
    site, _ = check_site(DEMO)
    assert site is not None
    env = make_env(site)
    env.globals["nav"] = []
    siklus = site.kinerja.siklus["2024"]
    pdf = rekap_paths(siklus).pdf
    html = render_page(env, "recap_pdf.html", pdf, **rekap_context(site, siklus))
    start, end = html.index('<section aria-labelledby="capaian">'), html.index('<section aria-labelledby="kebijakan">')
    html = html[:start] + f'<div style="height: {spacer_mm}mm"></div>' + html[end:html.index('<section class="grafik-bagian"')] + "</body></html>"
    page_file = built_demo.out_dir / pdf
    document = PdfRenderer([built_demo.out_dir, site.root]).document(html, page_file)
    return [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(io.BytesIO(document.write_pdf())).pages]


@pytest.mark.parametrize("spacer_mm", range(40, 170, 8))
def test_the_signature_never_heads_a_page_alone(spacer_mm: int, built_demo: BuildResult) -> None:
    """Wherever the page ends, the signature is printed with the predikat scale and the source line above it."""
    pages = _recap_from_kebijakan_on(spacer_mm, built_demo)
    signed = [p for p in pages if "Mengetahui," in p]
    assert len(signed) == 1
    assert "Skala predikat capaian" in signed[0] and "Dihitung oleh sopgen" in signed[0]


def test_no_page_holds_only_the_scale_and_none_is_half_empty_before_the_charts(built_demo: BuildResult) -> None:
    reader = PdfReader(built_demo.out_dir / PDF)
    pages = [re.sub(r"\s+", " ", p.extract_text()) for p in reader.pages]
    scale = next(n for n, p in enumerate(pages) if "Skala predikat capaian" in p)
    assert "Cara menghitung" in pages[scale], "the predikat scale is printed with the policy it belongs to"
    charts = next(n for n, p in enumerate(pages) if "Target dan realisasi indikator kinerja sasaran 2024" in p)
    for n in range(charts):
        assert _lowest_text(reader.pages[n]) > 0.6, f"page {n + 1} is more than 40 % empty, yet the recap goes on"


def test_unknown_signatory_at_its_line(demo_copy: Path) -> None:
    file = demo_copy / "kinerja" / "2024" / "kinerja.yaml"
    line = replace_line(file, "  disusun_oleh: sekretaris", "  disusun_oleh: sekertaris")
    done = sopgen_check(demo_copy)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"kinerja.yaml:{line}:17: pengesahan.disusun_oleh: pejabat 'sekertaris' tidak ada di pejabat.yaml; maksud Anda 'sekretaris'?" in done.stderr
