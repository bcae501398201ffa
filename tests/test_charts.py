"""SVG chart structure: well-formed, safe for WeasyPrint, numbers in Indonesian, gaps stay gaps."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from decimal import Decimal as D
from pathlib import Path

import pytest
from pypdf import PdfReader

from sopgen.build import check_site
from sopgen.render.charts import (
    BAR_W,
    LABEL_W,
    REALISASI_FILL,
    RENSTRA_MARK,
    TARGET_FILL,
    BarRow,
    TrendPoint,
    nice_ticks,
    target_realisasi_chart,
    trend_chart,
    wrap,
)
from sopgen.render.font_metrics import text_width
from sopgen.render.pdf import PdfRenderer
from sopgen.render.rekap_view import grafik_target_realisasi

from .conftest import DEMO
from .support import pdf_fonts
from .support_tools import chromium

THEME = Path(__file__).resolve().parents[1] / "themes" / "default"
NS = "{http://www.w3.org/2000/svg}"

ROWS = [
    BarRow("IKU 1 Indeks Kepuasan Masyarakat", "poin", D("82"), D("84.525")),
    BarRow("IKU 2 Layanan PATEN tepat waktu", "%", D("95"), D("97.125")),
    BarRow("IKU 3 Jumlah pengaduan layanan", "pengaduan", D("20"), D("15"), digits=0),
    BarRow("IKU 4 Desa minimal berkembang & mandiri", "%", D("80"), None),
    BarRow("IKU 5 Nilai SAKIP", "", None, None, note="kualitatif: target BB, realisasi B"),
]


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # raises on malformed markup or a bare '&'
    assert root.tag == f"{NS}svg"
    return root


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{NS}text")]


def rects(root: ET.Element, fill: str) -> list[ET.Element]:
    return [r for r in root.iter(f"{NS}rect") if r.get("fill") == fill and r.get("height") == "13"]


@pytest.fixture(scope="module")
def bars() -> ET.Element:
    return parse(target_realisasi_chart(ROWS, "Target dan realisasi 2024"))


def test_bar_chart_is_titled_and_scalable(bars):
    assert bars.get("viewBox") == f"0 0 {bars.get('width')} {bars.get('height')}"
    assert bars.get("role") == "img" and bars.get("aria-label") == "Target dan realisasi 2024"
    assert bars.find(f"{NS}title").text == "Target dan realisasi 2024"
    assert "Liberation Sans" in bars.get("font-family") and "sans-serif" in bars.get("font-family")


def test_bar_values_in_indonesian_format(bars):
    labels = texts(bars)
    # 84,525 rounds half up to 84,53 (Babel alone would print 84,52); % sticks to the number
    assert "R: 84,53 poin" in labels
    assert "R: 97,13%" in labels and "T: 95,00%" in labels
    assert "T: 20 pengaduan" in labels and "R: 15 pengaduan" in labels
    assert "Desa minimal berkembang & mandiri" in " ".join(labels)


def test_missing_realisasi_is_text_not_a_zero_bar(bars):
    # five rows: four targets drawn, three realisasi (IKU 4 missing, IKU 5 kualitatif)
    assert len(rects(bars, TARGET_FILL)) == 4
    assert len(rects(bars, REALISASI_FILL)) == 3
    labels = texts(bars)
    assert "R: belum tersedia" in labels
    assert "kualitatif: target BB, realisasi B" in labels


def test_bars_scale_within_their_row(bars):
    # pengaduan row: max(20, 15) = 20 fills BAR_W; 15 / 20 × 330 = 247,5
    target, realisasi = rects(bars, TARGET_FILL)[2], rects(bars, REALISASI_FILL)[2]
    assert float(target.get("width")) == BAR_W
    assert float(realisasi.get("width")) == pytest.approx(BAR_W * 15 / 20, abs=0.05)


def test_markup_avoids_what_weasyprint_or_shared_pages_break():
    for svg in (
        target_realisasi_chart(ROWS, "x"),
        trend_chart([TrendPoint(2023, D(1)), TrendPoint(2024, D(2))], "y", "poin"),
    ):
        assert "<style" not in svg and "dominant-baseline" not in svg
        assert "foreignObject" not in svg and " id=" not in svg


def trend() -> ET.Element:
    points = [
        TrendPoint(2021, D("78.2"), D(77)),
        TrendPoint(2022, D("80.1"), D(80)),
        TrendPoint(2023, None, D(81)),
        TrendPoint(2024, D("84.53"), D(82)),
    ]
    return parse(trend_chart(points, "IKM 2021–2024", "poin", renstra=(2026, D(86))))


def test_trend_breaks_the_line_at_a_missing_year():
    root = trend()
    solid = [p for p in root.iter(f"{NS}polyline") if p.get("stroke-dasharray") is None]
    # 2021–2022 is one segment; 2024 stands alone (a single point draws no line)
    assert len(solid) == 1 and len(solid[0].get("points").split()) == 2
    assert len(list(root.iter(f"{NS}circle"))) == 3 + 1  # three years + the legend marker
    assert "belum tersedia" in texts(root)


def test_trend_years_axis_reaches_the_renstra_year():
    root = trend()
    labels = texts(root)
    assert [y for y in labels if y.isdigit() and len(y) == 4] == ["2021", "2022", "2023", "2024", "2025", "2026"]
    assert "86,00" in labels and "84,53" in labels and "78,20" in labels
    marks = [p for p in root.iter(f"{NS}path") if p.get("fill") == RENSTRA_MARK]
    assert len(marks) == 2  # the marker and its legend entry


def test_trend_higher_value_is_drawn_higher():
    root = trend()
    ys = {c.get("cx"): float(c.get("cy")) for c in root.iter(f"{NS}circle") if c.get("cx") != "11"}
    by_x = [ys[k] for k in sorted(ys, key=float)]
    assert by_x[0] > by_x[1] > by_x[2]  # 78,2 < 80,1 < 84,53: y grows downwards


def test_nice_ticks():
    assert nice_ticks(0, 97) == [0, 25, 50, 75, 100]
    assert nice_ticks(74.3, 88.1) == [70, 75, 80, 85, 90]


def test_wrap():
    # measured with Liberation Sans at 11 px, no line wider than 120 px and no word cut or dropped
    text = "Persentase layanan PATEN yang selesai tepat waktu"
    lines = wrap(text, 120, 11)
    assert lines == ["Persentase layanan", "PATEN yang selesai", "tepat waktu"]
    assert all(text_width(line, 11) <= 120 for line in lines) and text_width("Persentase layanan PATEN", 11) > 120
    assert wrap("Nilai SAKIP", 120, 11) == ["Nilai SAKIP"]


def test_no_label_of_the_demo_chart_is_cut() -> None:
    """The bar chart's labels as the recap prints them: every word there, each line inside the label column."""
    site, _ = check_site(DEMO)
    assert site is not None and site.kinerja is not None
    rekap = site.kinerja.siklus["2024"].rekap
    iku = [i for _, i in rekap.iku()]
    root = ET.fromstring(grafik_target_realisasi(iku, "Grafik"))
    labels = [t for t in root.iter(f"{NS}text") if t.get("x") == "4.0" and t.get("font-size") == "11"]
    printed = " ".join(t.text or "" for t in labels)
    assert "…" not in printed
    for hasil in iku:
        assert f"{hasil.kode} {hasil.indikator.nama}" in printed, hasil.kode
    assert all(text_width(t.text or "", 11) <= LABEL_W - 6 for t in labels)
    assert "yang disusun tepat waktu" in printed, "the label cut as '…yang disusun tepa…' before"


def _page(*svgs: str) -> str:
    """A page holding the charts, its fonts the theme's bundled Liberation (``fonts.css``) as real pages have them."""
    return (
        '<!doctype html><html lang="id"><head><meta charset="utf-8">'
        '<link rel="stylesheet" href="static/css/fonts.css"><style>@page { size: A4 landscape }'
        "svg.grafik { display: block; max-width: 100%; height: auto }</style></head><body>"
        + "".join(svgs)
        + "</body></html>"
    )


@pytest.mark.slow
def test_weasyprint_draws_charts_as_text_without_warnings(caplog, tmp_path):
    caplog.set_level("WARNING", logger="weasyprint")
    html = _page(target_realisasi_chart(ROWS, "Target dan realisasi 2024"), trend_chart(
        [TrendPoint(2023, D(24), D(25)), TrendPoint(2024, D(15), D(20))], "Jumlah pengaduan", "pengaduan", digits=0))
    # Laid out as a page of the theme, reading only the theme's files. Fonts are embedded whole: subsetting
    # would warn on a machine without libharfbuzz-subset0, which says nothing about the charts.
    PdfRenderer([THEME]).document(html, THEME / "grafik.html").write_pdf(tmp_path / "c.pdf", full_fonts=True)
    text = PdfReader(tmp_path / "c.pdf").pages[0].extract_text()
    for label in ("R: 84,53 poin", "R: 97,13%", "R: belum tersedia", "Jumlah pengaduan", "2024"):
        assert label in text
    fonts = pdf_fonts(tmp_path / "c.pdf")
    assert fonts and all(name.startswith("Liberation-Sans") for name in fonts), f"not the bundled font: {fonts}"
    assert [r.getMessage() for r in caplog.records] == []


@pytest.mark.browser
def test_chromium_keeps_every_label_inside_the_chart(tmp_path):
    svgs = [
        target_realisasi_chart(ROWS + [BarRow("Anggaran", "Rp", D(1_250_000_000), D(1_187_654_321), digits=0)], "a"),
        # a long unit shortens the bars instead of pushing its label out of the chart
        target_realisasi_chart([BarRow("Aduan", "pengaduan masyarakat per tahun anggaran", D(20), D(15), 0)], "c"),
        trend_chart([TrendPoint(2020, D("76.4")), TrendPoint(2024, D("84.53"))], "b", "poin", renstra=(2026, D(86))),
    ]
    (tmp_path / "c.html").write_text(_page(*svgs), encoding="utf-8")
    # the page's fonts.css and its fonts beside it, so Chromium draws the bundled font, not whatever the machine has
    shutil.copytree(THEME / "static", tmp_path / "static")
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.goto((tmp_path / "c.html").as_uri())
        loaded = page.evaluate("document.fonts.ready.then(() => [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family))")
        assert any("Liberation Sans" in family for family in loaded), loaded
        overflow = page.evaluate(
            """() => [...document.querySelectorAll('svg.grafik')].flatMap(svg => {
                const vb = svg.viewBox.baseVal;
                return [...svg.querySelectorAll('text')].map(t => [t.textContent, t.getBBox()])
                  .filter(([_, b]) => b.width === 0 || b.x < 0 || b.x + b.width > vb.width
                                       || b.y < 0 || b.y + b.height > vb.height)
                  .map(([s]) => s);
            })"""
        )
    assert overflow == []
