"""The signature after the flowchart is never alone on the last page: it keeps the last steps with it.

A 7-step and a 12-step SOP printed their signature on a page of its own (issue 11): the break
planner filled the pages with rows and did not count the block that follows the table. The shapes
below are the ones that did (A4, four pelaksana, uraian of three and five lines).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from sopgen.build import build_site
from sopgen.domain.flowchart_pages import CLOSING_ROWS, RowHeights, plan_pages

from .support import PEJABAT_YAML, SITE_YAML, sop_yaml, write_site

FILL = ("pemeriksaan berkas permohonan dan kelengkapan persyaratan administrasi yang diajukan pemohon "
        "kepada petugas pelayanan").split()
PELAKSANA = ("Camat", "Sekretaris", "Kasi", "Staf")
SHAPES = {"tujuh-langkah": (7, 10), "dua-belas-langkah": (12, 30)}
"""SOP id: (steps, words of each uraian); on main before the fix, 4 and 7 pages, the last one holding only the signature."""


def sop(steps: int, words: int) -> str:
    return sop_yaml("Prosedur Uji", "100/1/SOP/2024", steps, PELAKSANA, "Tahap{i}x " + " ".join((FILL * 5)[:words]))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("penutup")
    files = {"site.yaml": SITE_YAML, "pejabat.yaml": PEJABAT_YAML}
    files |= {f"sop/{name}.yaml": sop(*shape) for name, shape in SHAPES.items()}
    build_site(write_site(base / "site", files), base / "output")
    return base / "output"


@pytest.mark.slow
@pytest.mark.parametrize(("name", "pages"), [("tujuh-langkah", 4), ("dua-belas-langkah", 7)])
def test_the_signature_is_printed_with_the_last_steps(built: Path, name: str, pages: int) -> None:
    reader = PdfReader(built / "sop" / f"{name}.pdf")
    steps = SHAPES[name][0]
    last = reader.pages[-1].extract_text()
    assert "NIP. 19800101 200501 1 001" in last
    assert [i for i in range(1, steps + 1) if f"Tahap{i}x" in last] == [steps - 1, steps], "the last two steps, and only they"
    assert len(reader.pages) == pages, "keeping the steps with the signature costs no page"


def _heights(plain: list[float]) -> RowHeights:
    return RowHeights(tuple(plain), tuple(plain), tuple(plain), tuple(plain))


def test_the_planner_moves_the_last_rows_to_the_signature() -> None:
    # Five 20 mm rows fill a 100 mm page; a 30 mm signature does not fit under them.
    assert plan_pages(_heights([20.0] * 5), 100.0, 100.0) == ((0, 4),)
    assert plan_pages(_heights([20.0] * 5), 100.0, 100.0, closing=30.0) == ((0, 2), (3, 4))
    assert CLOSING_ROWS == 2
    # Room for the signature under all rows: nothing moves.
    assert plan_pages(_heights([20.0] * 4), 100.0, 100.0, closing=20.0) == ((0, 3),)
    # A full last page of a longer SOP gives its last two rows to a page with the signature.
    assert plan_pages(_heights([20.0] * 10), 100.0, 100.0, closing=30.0) == ((0, 4), (5, 7), (8, 9))


def test_a_row_too_tall_for_the_signature_leaves_it_where_it_falls() -> None:
    # One row taller than a page with the signature: it cannot be helped; the plan still ends.
    assert plan_pages(_heights([20.0, 95.0]), 100.0, 100.0, closing=30.0) == ((0, 0), (1, 1))
