"""An SOP is laid out once when the estimate's page plan is the measured one, and the PDF does not
depend on the estimate.

Layouts are counted, not timed: every WeasyPrint layout goes through ``PdfRenderer.document``,
counted by ``support.record_layouts`` for each PDF. The PDFs are compared byte for byte with a build whose
first layout is one continuous table for every SOP (the estimate told "one page"), which measures
every row as it is in a table without connectors, as every build did before the guess: the page
breaks must not move whatever the guess was.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

import sopgen.render.paginate as paginate
import sopgen.render.sop as sop_render
from sopgen.build import build_site
from sopgen.domain.flow import Flow
from sopgen.domain.flowchart_heights import Observation, drawing_padding, table_heights
from sopgen.models.sop import SOP, Langkah
from sopgen.render.env import THEMES_DIR
from sopgen.render.paginate import Pagination

from .support import PEJABAT_YAML, SITE_YAML, record_layouts, sop_yaml, tree_digest, write_site

REVISI = "riwayat_revisi:\n  - {nomor: 1, tanggal: 2024-03-01, perubahan: Langkah 2 diperjelas}\nilustrasi: true\n"


@pytest.fixture
def layouts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The PDF file name of each WeasyPrint layout of the build, in order."""
    return record_layouts(monkeypatch)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A long SOP (cover, identity page, illustration mark, revision history printed) and a short one, on A4."""
    return write_site(tmp_path / "content", {
        "site.yaml": SITE_YAML + "riwayat_revisi_pdf: true\n", "pejabat.yaml": PEJABAT_YAML,
        "sop/panjang.yaml": sop_yaml("Prosedur Panjang", "100/1/SOP/2024", steps=16, pelaksana=("Camat", "Sekretaris", "Staf")) + REVISI,
        "sop/pendek.yaml": sop_yaml("Prosedur Pendek", "100/2/SOP/2024"),
    })


def pdfs(folder: Path) -> dict[str, str]:
    return {name: digest for name, digest in tree_digest(folder).items() if name.startswith("sop/") and name.endswith((".pdf", ".docx"))}


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch) -> list[Pagination]:
    """Each SOP's pagination of the build, in order."""
    outcomes: list[Pagination] = []
    original = sop_render.paginate

    def kept(*args: Any, **kwargs: Any) -> Pagination:
        outcomes.append(original(*args, **kwargs))
        return outcomes[-1]

    monkeypatch.setattr(sop_render, "paginate", kept)
    return outcomes


def test_a_flowchart_of_several_pages_is_laid_out_once_when_the_estimate_is_right(
        site: Path, tmp_path: Path, layouts: list[str], printed: list[Pagination], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paginate, "estimated_plan", lambda *_: None)  # the first layout one continuous table, as before the guess
    build_site(site, tmp_path / "continuous", pdf=True)
    assert layouts.count("panjang.pdf") == 2 and layouts.count("pendek.pdf") == 1  # measured, then laid out on its pages
    plans = {outcome.bagan[0].measurement.rows[-1].page: outcome.plans[0] for outcome in printed}
    long_plan = max(plans.values(), key=len)
    assert len(long_plan) >= 2
    monkeypatch.setattr(paginate, "estimated_plan", lambda sop, *_: long_plan if sop.nama == "Prosedur Panjang" else None)
    layouts.clear()
    build_site(site, tmp_path / "guessed", pdf=True)
    assert layouts.count("panjang.pdf") == 1 and layouts.count("pendek.pdf") == 1
    assert pdfs(tmp_path / "guessed") == pdfs(tmp_path / "continuous") and len(pdfs(tmp_path / "guessed")) == 4
    # cover, identity page, a page per planned page of the flowchart (the revision history under the signature on the last)
    assert len(PdfReader(tmp_path / "guessed/sop/panjang.pdf").pages) == 2 + len(long_plan)
    monkeypatch.undo()  # sopgen check's own estimate: whatever it guessed, the same PDFs
    build_site(site, tmp_path / "estimated", pdf=True)
    assert pdfs(tmp_path / "estimated") == pdfs(tmp_path / "continuous")


@pytest.mark.parametrize("wrong", [((0, 2), (3, 15)), ((0, 0), (1, 15))], ids=["early-break", "one-row-page"])
def test_a_wrong_estimate_costs_layouts_not_a_different_pdf(site: Path, tmp_path: Path, layouts: list[str],
                                                            monkeypatch: pytest.MonkeyPatch, wrong: tuple[tuple[int, int], ...]) -> None:
    build_site(site, tmp_path / "right", pdf=True)
    def guess(sop: SOP, flow: Flow, langkah: Sequence[Langkah], paper: str) -> tuple[tuple[int, int], ...]:
        return wrong if sop.nama == "Prosedur Panjang" else ((0, 0), (1, len(langkah) - 1))

    monkeypatch.setattr(paginate, "estimated_plan", guess)
    layouts.clear()
    build_site(site, tmp_path / "wrong", pdf=True)
    assert 2 <= layouts.count("panjang.pdf") <= 1 + paginate.MAX_ROUNDS
    assert layouts.count("pendek.pdf") == 2  # guessed on two pages, measured on one: laid out again as one table
    assert pdfs(tmp_path / "right") == pdfs(tmp_path / "wrong")


def test_rows_grown_by_a_connector_are_bounded_and_narrowed_by_later_layouts() -> None:
    # Continuous drawings 16.7 mm; the padding shows where a row's height is its drawing's: 16.88 - 16.7.
    bare = (16.7, 16.7, 16.7, 16.7)
    guessed = Observation(measured=(16.88, 23.52, 31.28, 27.28), drawings=(16.7, 16.7, 31.1, 27.1))  # rows 2, 3 carry connectors
    padding = drawing_padding([guessed])
    assert padding == pytest.approx(0.18)
    once = table_heights([guessed], bare, padding)
    assert once.low[:2] == once.high[:2] == (16.88, 23.52)  # no connector: measured as in one table
    assert once.low[2] == pytest.approx(16.88) and once.high[2] == 31.28  # set by its grown drawing: anywhere between
    assert once.low != once.high
    text_set = table_heights([Observation((16.88, 23.52, 40.0, 27.28), (16.7, 16.7, 31.1, 27.1))], bare, padding)
    assert text_set.low[2] == text_set.high[2] == 40.0  # taller than its grown drawing needs: text set it
    again = Observation(measured=(27.28, 31.28, 19.33, 16.88), drawings=(27.1, 31.1, 16.7, 16.7))  # connectors moved to rows 0, 1
    both = table_heights([guessed, again], bare, drawing_padding([guessed, again]))
    assert both.low == both.high == (16.88, 23.52, 19.33, 16.88)


def test_a_theme_sop_pdf_that_still_tests_measuring_builds(site: Path, tmp_path: Path) -> None:
    """A site's sop_pdf.html copied while a measuring layout existed reads ``measuring``: it is still
    given (False), so the override builds and prints the whole document."""
    theme = (THEMES_DIR / "default/templates/sop_pdf.html").read_text(encoding="utf-8")
    document = '{% include "sop_document.html" %}'
    assert document in theme
    (site / "templates").mkdir()
    (site / "templates/sop_pdf.html").write_text(theme.replace(document, "{% if not measuring %}" + document + "{% endif %}"), encoding="utf-8")
    build_site(site, tmp_path / "out", pdf=True)
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "out/sop/pendek.pdf").pages)
    assert "100/2/SOP/2024" in text and "Prosedur Pendek".upper() in text.upper()
