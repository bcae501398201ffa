"""The Word copies as LibreOffice reads them: converted to PDF and compared with sopgen's own PDFs.

LibreOffice (``libreoffice-writer-nogui``) is reached through ``tests/support_tools.py``: the
tests skip with the reason where it is missing and fail under ``CI=true``. The four demo copies
are converted once for the module (one LibreOffice run, about 10 s).

What is compared, and the tolerances:

- **SOP**: the same number of pages, or one more. The Word copy has the PDF's page breaks
  (one table per page of the PDF's plan) and its row heights (exact), so the flowchart pages
  are the PDF's; only the signature block after the last step may not fit beside it in a
  reader whose fonts run a little wider.
- **Laporan Kinerja**: within 20 % of the PDF's count. Chapters start on new pages in both,
  but a Word table's columns are sopgen's estimate from the cells' text (the PDF's come from
  the browser's table layout and CSS) and the charts are pictures across the text width.
  Measured with LibreOffice 7.4: 31 pages for the PDF's 33 (38 with Word's equal columns).
- **Text**: every step's uraian and mutu baku, read down its column of the flowchart (SOP), every bound figure, caption and heading
  (Laporan) is in LibreOffice's text as it is in sopgen's PDF (compared without spaces and
  hyphens, which the two break differently), and at least 90 % of the distinct words of
  sopgen's PDF are in LibreOffice's (measured 93–98 %; the rest are the flowchart labels and the
  charts' text, pictures in Word, and words pypdf splits at the PDF's hyphens).
"""

from __future__ import annotations

import re
from itertools import accumulate
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from sopgen.build import BuildResult
from sopgen.render.flowchart import SHEETS, column_widths

from .conftest import DEMO
from .support_tools import libreoffice_pdf, pdf_column_text

LAPORAN = "laporan/2024/lkjip-kecamatan-candipuro-2024"
SOPS = ("pengukuran-data-kinerja", "pengumpulan-data-kinerja", "penyusunan-sakip")


@pytest.fixture(scope="module")
def converted(built_demo: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    names = [LAPORAN, *(f"sop/{n}" for n in SOPS)]
    pdfs = libreoffice_pdf([built_demo.out_dir / f"{n}.docx" for n in names], tmp_path_factory.mktemp("libreoffice"))
    return dict(zip(names, pdfs))


def _text(pdf: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)


def _squeezed(text: str) -> str:
    """Text without spaces and hyphens (soft or printed): the two engines break lines and words differently."""
    return re.sub(r"[\s\-\u00ad\u2010]+", "", text)


def _words(text: str) -> set[str]:
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    return {w.lower() for w in re.findall(r"[^\W\d_]{4,}", text)}


def _pages(pdf: Path) -> int:
    return len(PdfReader(pdf).pages)


def _column(pdf: Path, left: float, right: float) -> str:
    """One table column's text, page by page, top to bottom."""
    return _squeezed(pdf_column_text(pdf, left + 0.3, right - 0.3))


@pytest.mark.parametrize("name", SOPS)
def test_sop_word_copy_has_the_pdfs_pages_and_text(built_demo: BuildResult, converted: dict[str, Path], name: str) -> None:
    ours, theirs = built_demo.out_dir / f"sop/{name}.pdf", converted[f"sop/{name}"]
    assert _pages(theirs) in (_pages(ours), _pages(ours) + 1)
    data = yaml.safe_load((DEMO / "sop" / f"{name}.yaml").read_text(encoding="utf-8"))
    sheet = SHEETS[data.get("kertas", "F4")]
    edges = list(accumulate(column_widths(sheet, len(data["pelaksana"])).all(), initial=sheet.margin[3]))
    first_mutu = 2 + len(data["pelaksana"])
    columns = {"uraian": 1, "kelengkapan": first_mutu, "waktu": first_mutu + 1, "output": first_mutu + 2}
    for field, column in columns.items():
        # a flowchart column read top to bottom holds every step's value, in both PDFs
        ours_text, theirs_text = (_column(pdf, edges[column], edges[column + 1]) for pdf in (ours, theirs))
        for step in data["langkah"]:
            value = _squeezed(str(step.get(field) or step["mutu_baku"][field]))
            assert value in ours_text and value in theirs_text, (field, value)
    assert _squeezed(data["nomor"]) in _squeezed(_text(theirs))
    words = _words(_text(ours))
    assert len(words & _words(_text(theirs))) >= 0.9 * len(words)


def test_laporan_word_copy_has_the_pdfs_text_on_about_its_pages(built_demo: BuildResult, converted: dict[str, Path]) -> None:
    ours, theirs = built_demo.out_dir / f"{LAPORAN}.pdf", converted[LAPORAN]
    assert abs(_pages(theirs) - _pages(ours)) <= 0.2 * _pages(ours)
    page = (built_demo.out_dir / "laporan/2024/index.html").read_text(encoding="utf-8")
    values = [v for v in re.findall(r'<span class="nilai[^"]*"[^>]*>(.*?)</span>', page) if v.strip()]
    captions = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<figcaption>(.*?)</figcaption>", page, re.S)]
    headings = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r'<h[23] id="[^"]+">(.*?)</h[23]>', page, re.S)]
    ours_text, theirs_text = _squeezed(_text(ours)), _squeezed(_text(theirs))
    assert len(values) > 10 and len(captions) > 20 and len(headings) > 10
    for value in values + captions + headings:
        assert _squeezed(value) in ours_text and _squeezed(value) in theirs_text, value
    words = _words(_text(ours))
    assert len(words & _words(_text(theirs))) >= 0.9 * len(words)
