"""The recap PDF as a Camat signs it: kop, 'Mengetahui' and the signature of who drew it up, and pages
that are full where the document goes on (no page holding only the predikat scale, none half empty
before the charts)."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from sopgen.output import BuildResult

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
