"""The flowchart as printed by WeasyPrint and shown by Chromium, read back from the real output.

Each SOP is laid out by :func:`sopgen.render.paginate.paginate` inside a small
stand-alone document (the theme's ``flowchart.html`` and ``flowchart.css``),
then checked from what came out: the text of every PDF page, where rows and
connector letters landed (``Page.anchors``), the pixels of the rasterised
page, and the HTML the site would serve.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Sequence
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape
from PIL import Image
from pypdf import PdfReader

from sopgen.domain.flow import StepKind, build_flow
from sopgen.models.sop import SOP
from sopgen.render.flowchart import MM_PER_PX, SHEETS, FlowchartView, column_widths, connector_id, flowchart_view, row_id
from sopgen.render.format import FILTERS
from sopgen.render.paginate import Landing, Pagination, paginate

from .flowchart_corpus import CORPUS
from .support_tools import artifact, chromium, rasterise

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
THEME = REPO / "themes" / "default"
CANDIPURO = REPO / "content" / "unit" / "candipuro" / "sop" / "pengukuran-data-kinerja.yaml"

_env = Environment(loader=FileSystemLoader(THEME / "templates"), autoescape=select_autoescape(default_for_string=True),
                   trim_blocks=True, lstrip_blocks=True)
_env.filters.update(FILTERS)
_PAGE = _env.from_string(
    '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Bagan alir</title>'
    '<style>{{ flowchart.page_css }}</style><link rel="stylesheet" href="static/css/fonts.css"><link rel="stylesheet" href="static/css/flowchart.css">'
    '</head><body class="kertas-{{ flowchart.paper | lower }}" style="margin: 0">'
    '{% include "flowchart.html" %}</body></html>'
)


def document(views: Sequence[FlowchartView]) -> str:
    (view,) = views  # one procedure
    return _PAGE.render(flowchart=view)


_SIGNED = _env.from_string(
    '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Bagan alir</title>'
    '<style>{{ flowchart.page_css }}</style><link rel="stylesheet" href="static/css/fonts.css">'
    '<link rel="stylesheet" href="static/css/sop.css"><link rel="stylesheet" href="static/css/flowchart.css">'
    '</head><body class="kertas-{{ flowchart.paper | lower }}" style="margin: 0">'
    '{% include "flowchart.html" %}{% include "sop_signature.html" %}</body></html>'
)
SIGNER = {"jabatan_tanda_tangan": "CAMAT CONTOH", "nama": "BUDI SANTOSO, S.Sos", "pangkat": "Pembina", "nip": "198001012005011001"}


def signed_document(views: Sequence[FlowchartView]) -> str:
    """The flowchart with the SOP's signature block under it, as ``sop_pdf.html`` prints it."""
    (view,) = views  # one procedure
    return _SIGNED.render(flowchart=view, penandatangan=SIGNER)


def long_sop() -> SOP:
    """Sixteen steps over five columns, long texts, two approval loops, one of them long, and a skip."""
    cols = ["Camat", "Sekretaris", "Kasi Pemerintahan", "Tim SAKIP", "Staf"]
    words = "menyusun memeriksa dan melengkapi seluruh berkas laporan kinerja sesuai arahan pimpinan".split()
    plan = [(0, 1), (1, 5), (4, 1), (2, 2), (3, 1), (3, 6), (4, 1), (4, 6), (4, 2), (0, 4), (2, 1), (1, 1), (0, 1), (4, 5), (4, 1), (4, 1)]
    steps: list[dict[str, Any]] = [
        {"uraian": f"{cols[c]} " + " ".join(words * n)[: 45 * n], "pelaksana": cols[c],
         "mutu_baku": {"kelengkapan": "Berkas", "waktu": "1 jam", "output": "Dokumen"}}
        for c, n in plan
    ]
    steps[2]["id"] = "draf"
    steps[3]["keputusan"] = {"ya": "5", "tidak": "draf"}
    steps[5]["id"] = "narasi"
    steps[9]["keputusan"] = {"ya": "11", "tidak": "narasi"}
    steps[11]["keputusan"] = {"ya": "13", "tidak": "16"}
    return SOP.model_validate({
        "nomor": "1/SOP/2024", "nama": "Uji panjang", "disahkan_oleh": "camat",
        "tanggal": {"pembuatan": "2024-01-10", "pengesahan": "2024-01-12"},
        "dasar_hukum": ["x"], "kualifikasi_pelaksana": ["x"], "pelaksana": cols, "langkah": steps,
    })


def long_loop_sop() -> SOP:
    """A review that can send the work back thirteen steps: the loop cannot fit one page."""
    sop = long_sop().model_dump()
    sop["langkah"][14]["keputusan"] = {"ya": "16", "tidak": "2"}
    return SOP.model_validate(sop)


def lay_out(sop: SOP, paper: str) -> tuple[Pagination, str]:
    result = paginate(sop, document, base_url=str(THEME / "x.html"), paper=paper)
    return result, document([flowchart_view(sop, result.bagan[0].pages, paper=paper)])


@pytest.fixture(scope="module")
def candipuro() -> tuple[SOP, Pagination, str]:
    sop = SOP.model_validate(yaml.safe_load(CANDIPURO.read_text(encoding="utf-8")))
    return (sop, *lay_out(sop, "F4"))


@pytest.fixture(scope="module")
def long_a4() -> tuple[SOP, Pagination, str]:
    sop = long_sop()
    return (sop, *lay_out(sop, "A4"))


@pytest.fixture(scope="module")
def long_loop() -> tuple[SOP, Pagination, str]:
    sop = long_loop_sop()
    return (sop, *lay_out(sop, "F4"))


CASES = ["candipuro", "long_a4", "long_loop"]


def pdf_of(result: Pagination) -> PdfReader:
    return PdfReader(io.BytesIO(result.document.write_pdf()))


def landed(result: Pagination, name: str) -> tuple[int, tuple[float, ...]]:
    """The page index and box of an anchor in the final layout."""
    for index, page in enumerate(result.document.pages):
        if name in page.anchors:
            return index, page.anchors[name]
    raise AssertionError(f"{name} not in the layout")


@pytest.mark.parametrize("case", ["candipuro", "long_a4"])
def test_pages_are_laid_out_on_the_sheet_the_columns_are_computed_for(case: str, request: pytest.FixtureRequest) -> None:
    """The page rules come from SHEETS: the sheet's size, and its content area where the margins say."""
    sop, result, _ = request.getfixturevalue(case)
    sheet = SHEETS["A4" if case == "long_a4" else "F4"]
    page = result.document.pages[0]
    assert (page.width * MM_PER_PX, page.height * MM_PER_PX) == pytest.approx((sheet.paper.height, sheet.paper.width))
    top, right, bottom, left = sheet.margin
    assert (result.bagan[0].measurement.area_top, result.bagan[0].measurement.area_bottom) == pytest.approx((top, sheet.paper.width - bottom))
    assert page.anchors[flowchart_view(sop, None).probe_ids[0]][0] * MM_PER_PX == pytest.approx(left)
    assert sum(column_widths(sheet, len(sop.pelaksana)).all()) == pytest.approx(sheet.paper.height - left - right)


@pytest.mark.parametrize("case", CASES)
def test_plan_verified_and_every_page_has_the_header(case: str, request: pytest.FixtureRequest) -> None:
    sop, result, _ = request.getfixturevalue(case)
    assert result.verified and result.layouts <= 3
    reader = pdf_of(result)
    assert len(reader.pages) == len(result.bagan[0].pages) > 1
    ncols = len(sop.pelaksana) + 6
    for index, ((first, last), page) in enumerate(zip(result.bagan[0].pages, reader.pages)):
        text = page.extract_text()
        for heading in ("No", "Uraian Prosedur", "PELAKSANA", "MUTU BAKU", "Kelengkapan", "Waktu", "Output", "Keterangan"):
            assert heading in text, f"page {index + 1} lacks {heading!r}"
        assert " ".join(str(n) for n in range(1, ncols + 1)) in " ".join(text.split())
        assert f"Halaman {index + 1} dari {len(result.bagan[0].pages)}" in text
        for row in range(first, last + 1):
            assert landed(result, row_id("bagan", row))[0] == index
    # Breaks come from the layout: the first page is full, the next row would not have fitted.
    m = result.bagan[0].measurement
    first_last = result.bagan[0].pages[0][1]
    assert m.rows[first_last].bottom <= m.area_bottom + 0.01


@pytest.mark.parametrize("case", CASES)
def test_connector_pairs_match_across_pages(case: str, request: pytest.FixtureRequest) -> None:
    sop, result, _ = request.getfixturevalue(case)
    view = flowchart_view(sop, result.bagan[0].pages, paper="A4" if case == "long_a4" else "F4")
    pairs = view.layout.connectors
    assert pairs, "a multi-page flowchart continues through connectors"
    page_of_row = {r: i for i, (a, b) in enumerate(result.bagan[0].pages) for r in range(a, b + 1)}
    for pair in pairs:
        out_page, _ = landed(result, connector_id("bagan", pair.letter, leaving=True))
        in_page, _ = landed(result, connector_id("bagan", pair.letter, leaving=False))
        assert out_page == page_of_row[pair.edge.source]
        assert in_page == page_of_row[pair.edge.target]
        assert out_page != in_page
    letters = sorted({p.letter for p in pairs})
    assert letters == [chr(65 + i) for i in range(len(letters))]
    if case == "long_loop":  # the loop back from step 15 to step 2 spans pages: its own pair, beside the symbols
        (back,) = [p for p in pairs if p.edge.is_back]
        assert (back.edge.source, back.edge.target) == (14, 1)
        assert back.out_at[1] != build_flow(sop).columns[14] and back.in_at[1] != build_flow(sop).columns[1]


def test_candipuro_flow_continues_from_a_connector_at_the_break(candipuro: tuple[SOP, Pagination, str]) -> None:
    sop, result, _ = candipuro
    flow = build_flow(sop)
    view = flowchart_view(sop, result.bagan[0].pages)
    (_first, last), *_ = result.bagan[0].pages
    down = [p for p in view.layout.connectors if p.edge.source == last]
    assert [(p.edge.target, p.out_at, p.in_at) for p in down] == [(last + 1, (last, flow.columns[last]), (last + 1, flow.columns[last + 1]))]


class _Cells(HTMLParser):
    """Per body row id: the ``data-symbol`` of each pelaksana cell."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, list[str]] = {}
        self.row: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        row = a.get("id") or ""
        if tag == "tr" and row.startswith("bagan-langkah-"):
            self.row = row
            self.rows[self.row] = []
        elif tag == "td" and self.row and "fc-pel" in (a.get("class") or ""):
            self.rows[self.row].append(a.get("data-symbol") or "")


@pytest.mark.parametrize("case", CASES)
def test_symbol_kind_per_step_and_column_in_the_html(case: str, request: pytest.FixtureRequest) -> None:
    sop, _, html = request.getfixturevalue(case)
    flow = build_flow(sop)
    parser = _Cells()
    parser.feed(html)
    assert len(parser.rows) == len(sop.langkah)
    for row, kind in enumerate(flow.kinds):
        cells = parser.rows[row_id("bagan", row)]
        assert cells == [kind.value if c == flow.columns[row] else "" for c in range(len(sop.pelaksana))]
    assert flow.kinds[0] is StepKind.MULAI and flow.kinds[-1] is StepKind.SELESAI


def _dark(pixels: Any, x: int, y: int) -> bool:
    return any(pixels[x + dx, y] < 128 for dx in (-1, 0, 1))


@pytest.mark.parametrize("case", CASES)
def test_arrows_meet_symbols_whatever_the_row_height(case: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    """From the rasterised PDF: a same-column arrow is an unbroken line from the row's top to the symbol."""
    sop, result, _ = request.getfixturevalue(case)
    paper = "A4" if case == "long_a4" else "F4"
    flow = build_flow(sop)
    view = flowchart_view(sop, result.bagan[0].pages, paper=paper)
    pdf = tmp_path / "bagan.pdf"
    result.document.write_pdf(pdf)
    dpi = 150
    images = rasterise(pdf, tmp_path / "png", dpi)
    widths = column_widths(SHEETS[paper], len(sop.pelaksana))
    scale = dpi / 25.4
    checked = []
    for row, edge in ((e.target, e) for e in flow.edges if e.target == e.source + 1):
        cell = view.layout.cells[row][flow.columns[row]]
        if flow.columns[edge.source] != flow.columns[row] or "T" not in cell.symbol.arrows or cell.pentagons:
            continue
        page, box = landed(result, row_id("bagan", row))
        if landed(result, row_id("bagan", edge.source))[0] != page:
            continue
        image = Image.open(images[page]).convert("L").load()
        left_mm = box[0] * MM_PER_PX + widths.no + widths.uraian + widths.pelaksana * (flow.columns[row] + 0.5)
        x = round(left_mm * scale)
        top, bottom = box[1] * MM_PER_PX, box[3] * MM_PER_PX
        symbol_top = (top + bottom) / 2 - cell.symbol.height / 2
        ys = range(round((top + 0.4) * scale), round((symbol_top - 0.3) * scale))
        assert all(_dark(image, x, y) for y in ys), f"row {row + 1}: the line into the symbol is broken"
        assert not _dark(image, x, round((symbol_top + 1.5) * scale)), "inside the symbol is white"
        checked.append(bottom - top)
    assert len(checked) >= 3 and max(checked) - min(checked) > 5, "rows of different heights were checked"


@pytest.mark.browser
def test_chromium_shows_the_same_segments_and_connectors(candipuro: tuple[SOP, Pagination, str], tmp_path: Path) -> None:
    sop, result, html = candipuro
    shutil.copytree(THEME / "static", tmp_path / "static")
    page_file = tmp_path / "bagan.html"
    page_file.write_text(html, encoding="utf-8")
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        page.goto(page_file.as_uri())
        page.wait_for_load_state("load")
        segments = page.eval_on_selector_all(".fc-segment", "els => els.map(e => e.querySelectorAll('tbody tr').length)")
        letters = page.eval_on_selector_all(".fc-connector span", "els => els.map(e => [e.id, e.getBoundingClientRect().width > 0])")
        boxes = page.eval_on_selector_all(
            "td[data-symbol]", "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })")
        shot = artifact("bagan-alir-chromium.png")
        page.screenshot(path=str(shot), full_page=True)
    assert segments == [last - first + 1 for first, last in result.bagan[0].pages]
    assert sorted(i for i, _ in letters) == sorted(
        connector_id("bagan", p.letter, leaving) for p in flowchart_view(sop, result.bagan[0].pages).layout.connectors for leaving in (True, False))
    assert all(visible for _, visible in letters)
    # Every symbol is drawn at its cell's centre: its outline crosses the middle line left and right of centre.
    image = Image.open(shot).convert("L")
    grey = image.tobytes()  # one byte per pixel, row by row
    for x, y, w, h in boxes:
        cy = round(y + h / 2)
        outline = [round(x + w / 2 + dx) for dx in range(-int(w / 2) + 2, int(w / 2) - 2) if grey[cy * image.width + round(x + w / 2 + dx)] < 100]
        assert min(outline) < x + w / 2 - 10 and max(outline) > x + w / 2 + 10, (x, y, w, h)


@pytest.mark.parametrize("name", CORPUS)
def test_corpus_as_printed_has_no_lone_signature_page_and_no_pair_on_one_page(name: str) -> None:
    """The quality report of the final WeasyPrint layout (measured rows, where the signature landed)."""
    sop, paper = CORPUS[name]
    result = paginate(sop, signed_document, base_url=str(THEME / "x.html"), paper=paper)
    figures = result.bagan[0].quality().figures()
    assert result.verified and result.bagan[0].measurement.closing is not None
    assert figures["lone_signature_pages"] == 0, (result.bagan[0].pages, result.bagan[0].measurement.closing)
    assert figures["same_page_pairs"] == figures["crossings_without_hop"] == figures["label_collisions"] == 0, figures


def test_a_signature_alone_on_its_page_is_counted(long_loop: tuple[SOP, Pagination, str]) -> None:
    """The report reads where the signature landed: on the page after the last row it counts one."""
    _, result, _ = long_loop
    assert result.bagan[0].quality().lone_closing_pages is None, "no signature in this document"
    measured = replace(result.bagan[0].measurement, closing=Landing(result.bagan[0].measurement.rows[-1].page + 1, 20.0, 65.0))
    assert replace(result.bagan[0], measurement=measured).quality().figures()["lone_signature_pages"] == 1
