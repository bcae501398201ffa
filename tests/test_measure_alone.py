"""The measuring layout of a flowchart that spans pages is the flowchart alone, and the PDF is the same.

Layouts are counted, not timed: every WeasyPrint layout goes through ``PdfRenderer.document``,
wrapped here to record which PDF it is for and whether the identity page was in it. The PDFs
are compared byte for byte with a build that measures the whole document (the estimate told
"one page" for every SOP), which is what every build did before: the page breaks must not move.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import sopgen.render.paginate as paginate
from sopgen.build import build_site
from sopgen.render.pdf import PdfRenderer

from .support import PEJABAT_YAML, SITE_YAML, sop_yaml, tree_digest, write_site

REVISI = "riwayat_revisi:\n  - {nomor: 1, tanggal: 2024-03-01, perubahan: Langkah 2 diperjelas}\nilustrasi: true\n"


@pytest.fixture
def layouts(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, bool]]]:
    """Each WeasyPrint layout of the build: the PDF's file name, and whether the identity page was laid out."""
    laid_out: list[tuple[str, bool]] = []
    original = PdfRenderer.document

    def counted(self: PdfRenderer, html: str, page_file: Path) -> object:
        laid_out.append((page_file.name, 'class="identitas-sop"' in html))
        return original(self, html, page_file)

    monkeypatch.setattr(PdfRenderer, "document", counted)
    yield laid_out


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A long SOP (cover, identity page, illustration mark, revision history printed) and a short one, on A4."""
    return write_site(tmp_path / "content", {
        "site.yaml": SITE_YAML + "riwayat_revisi_pdf: true\n", "pejabat.yaml": PEJABAT_YAML,
        "sop/panjang.yaml": sop_yaml("Prosedur Panjang", "100/1/SOP/2024", steps=16, pelaksana=("Camat", "Sekretaris", "Staf")) + REVISI,
        "sop/pendek.yaml": sop_yaml("Prosedur Pendek", "100/2/SOP/2024"),
    })


def pdfs(folder: Path) -> dict[str, str]:
    return {name: digest for name, digest in tree_digest(folder).items() if name.startswith("sop/") and name.endswith(".pdf")}


def test_a_long_flowchart_is_measured_alone_a_short_one_laid_out_once(site: Path, tmp_path: Path, layouts: list[tuple[str, bool]],
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    build_site(site, tmp_path / "alone", pdf=True)
    assert [whole for name, whole in layouts if name == "panjang.pdf"] == [False, True]  # measured alone, then laid out whole
    assert [whole for name, whole in layouts if name == "pendek.pdf"] == [True]  # one layout: measured whole, and it fit
    monkeypatch.setattr(paginate, "expected_on_pages", lambda *_: False)  # measure every SOP as the whole document, as before
    layouts.clear()
    build_site(site, tmp_path / "whole", pdf=True)
    assert [whole for name, whole in layouts if name == "panjang.pdf"] == [True, True]
    assert pdfs(tmp_path / "alone") == pdfs(tmp_path / "whole") and len(pdfs(tmp_path / "alone")) == 2


def test_a_wrong_estimate_costs_a_layout_not_a_different_pdf(site: Path, tmp_path: Path, layouts: list[tuple[str, bool]],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    build_site(site, tmp_path / "right", pdf=True)
    monkeypatch.setattr(paginate, "expected_on_pages", lambda *_: True)  # the short SOP, too, is expected on several pages
    layouts.clear()
    build_site(site, tmp_path / "wrong", pdf=True)
    assert [whole for name, whole in layouts if name == "pendek.pdf"] == [False, True]  # alone, one page: laid out whole
    assert pdfs(tmp_path / "right") == pdfs(tmp_path / "wrong")
