"""The demo recap as rendered: every figure matches a hand computation, in PDF, page and exports.

The site built here is the demo's site.yaml, pejabat.yaml and kinerja/ only, so these tests do
not wait for the SOP PDFs. Hand computations (T = target, R = realisasi, policy: cap 120,
floor 0, two decimals rounded half up):

IKU-01 IKM, rata-rata TW: R = (81,20 + 83,05 + 84,10 + 85,25) / 4 = 333,60 / 4 = 83,40;
       83,40 / 82 × 100 = 101,7073… -> 101,71; vs Renstra 86: 83,40 / 86 × 100 = 96,976… -> 96,98
       per TW against 80 / 81,5 / 82,5 / 84: 101,50; 101,9018… -> 101,90; 101,9393… -> 101,94; 101,4880… -> 101,49
IKU-02 97,25 / 95 × 100 = 102,3684… -> 102,37; vs Renstra 98: 99,234… -> 99,23
IKU-03 negatif, kumulatif TW: R = 5 + 4 + 3 + 2 = 14; (2 × 20 − 14) / 20 × 100 = 130 -> cap 120,00
       per TW against 6 / 5 / 5 / 4: (12 − 5) / 6 = 116,666… -> 116,67; 120; 140 -> cap 120; 150 -> cap 120
IKU-04 kualitatif BB of AA…D: nilai 5 / 5 × 100 = 100,00
IKU-05 87,5 / 100 × 100 = 87,50
IKU-06 70 / 80 × 100 = 87,50
IKU-07 realisasi belum tersedia
IKU-08 92 / 90 × 100 = 102,2222… -> 102,22
IKU-09 negatif T / R: 4 / 5 × 100 = 80,00
P-01   98,5 / 100 × 100 = 98,50;  K-01 10 / 10 × 100 = 100,00
S1.1 = (101,7073170… + 102,3684210… + 120) / 3 = 324,0757381… / 3 = 108,0252… -> 108,03
S1.2 = (100 + 87,5) / 2 = 93,75;  S2.1 = 87,50 (IKU-07 left out);  S2.2 = (102,2222… + 80) / 2 = 91,11
T1 = (108,0252460… + 93,75) / 2 = 100,8876… -> 100,89;  T2 = (87,5 + 91,1111…) / 2 = 89,3055… -> 89,31
Unit = (100,8876230… + 89,3055555…) / 2 = 95,0965… -> 95,10
Serapan: 7.01.02 141.250.000 / 150.000.000 = 94,1666… -> 94,17
         7.01.01 (12.150.000 + 7.640.000 + 1.187.654.321) / (12.500.000 + 8.000.000 + 1.250.000.000)
                 = 1.207.444.321 / 1.270.500.000 = 95,0369… -> 95,04
         7.01.03 76.000.000 / 95.000.000 = 80,00;  7.01.04 58.900.000 / 60.000.000 = 98,1666… -> 98,17
         total 1.483.594.321 / 1.575.500.000 = 94,1665… -> 94,17
Efisiensi: 7.01.02 98,50 − 94,1666… = 4,3333… -> +4,33 Cukup Efisien
           7.01.01 S1.2 93,75 − 95,0369… = −1,2869… -> −1,29 Cukup Efisien
           7.01.03 S2.1 87,50 − 80,00 = +7,50 Efisien
           7.01.04 S2.2 91,1111… − 98,1666… = −7,0555… -> −7,06 Kurang Efisien
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from sopgen.build import BuildResult, build_site

from .conftest import DEMO
from .support import page_words
from .support_tools import chromium

RECAP = "kinerja/2024"
TANDA = "data ilustrasi, bukan data resmi"

CAPAIAN = {
    "IKU-01": "101,71%", "IKU-02": "102,37%", "IKU-03": "120,00%", "IKU-04": "100,00%", "IKU-05": "87,50%",
    "IKU-06": "87,50%", "IKU-07": "belum tersedia", "IKU-08": "102,22%", "IKU-09": "80,00%",
    "P-01": "98,50%", "K-01": "100,00%",
}
REALISASI = {
    "IKU-01": "83,40", "IKU-02": "97,25", "IKU-03": "14", "IKU-04": "BB", "IKU-05": "87,50", "IKU-06": "70,00",
    "IKU-07": "belum tersedia", "IKU-08": "92,00", "IKU-09": "5", "P-01": "98,50", "K-01": "10",
}
AGREGAT = {"S1.1": "108,03%", "S1.2": "93,75%", "S2.1": "87,50%", "S2.2": "91,11%", "T1": "100,89%", "T2": "89,31%"}
ANGGARAN = {"7.01.02": ("94,17%", "+4,33", "Cukup Efisien"), "7.01.01": ("95,04%", "−1,29", "Cukup Efisien"),
            "7.01.03": ("80,00%", "+7,50", "Efisien"), "7.01.04": ("98,17%", "−7,06", "Kurang Efisien")}


@pytest.fixture(scope="session")
def recap_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The demo's kinerja cycle built with its PDF."""
    site = tmp_path_factory.mktemp("kinerja") / "content"
    site.mkdir()
    for name in ("site.yaml", "pejabat.yaml"):
        shutil.copy(DEMO / name, site / name)
    for folder in ("assets", "kinerja"):
        shutil.copytree(DEMO / folder, site / folder)
    return build_site(site, site.parent / "output", pdf=True)


@pytest.fixture(scope="session")
def pdf_pages(recap_build: BuildResult) -> list[str]:
    import pypdf

    reader = pypdf.PdfReader(recap_build.out_dir / RECAP / "rekap-kinerja-2024.pdf")
    return [page.extract_text() for page in reader.pages]


def segment(text: str, kode: str, codes: list[str]) -> str:
    """The text from an indicator's kode to the next kode of the table (its row, wrapped lines and all)."""
    start = re.search(rf"(?m)^{re.escape(kode)} ", text)
    assert start, f"{kode} not in text"
    following = [m.start() for c in codes if c != kode for m in re.finditer(rf"(?m)^{re.escape(c)} ", text) if m.start() > start.start()]
    return text[start.start(): min(following, default=len(text))]


@pytest.mark.slow
def test_pdf_rows_carry_hand_computed_values(pdf_pages: list[str]) -> None:
    # the first table (sasaran) and the program table come before the comparison table
    text = "\n".join(pdf_pages)
    tables = text.split("Perbandingan dengan tahun lalu")[0]
    codes = list(CAPAIAN) + list(AGREGAT) + ["7.01.01", "7.01.02", "7.01.03", "7.01.04", "7.01.03.1.01", "Capaian kinerja Kecamatan"]
    for kode, capaian in CAPAIAN.items():
        row = segment(tables, kode, codes)
        assert capaian in row, (kode, row)
        assert REALISASI[kode] in row, (kode, row)
    for kode, capaian in AGREGAT.items():
        assert capaian in segment(tables, kode, codes), kode
    assert "Hasil rumus 130,00" in segment(tables, "IKU-03", codes)
    assert "IKU-07: realisasi belum tersedia, tidak dihitung dalam rata-rata" in segment(tables, "S2.1", codes)
    assert re.search(r"Capaian kinerja Kecamatan Candipuro \(rata-rata tujuan\) 95,10% Sangat Tinggi", tables)


@pytest.mark.slow
def test_pdf_budget_and_comparison(pdf_pages: list[str]) -> None:
    text = "\n".join(pdf_pages)
    budget = text.split("Realisasi anggaran, serapan dan efisiensi")[1]
    codes = list(ANGGARAN) + ["7.01.02.1.01", "7.01.01.1.01", "7.01.03.1.01", "7.01.04.1.01", "Jumlah"]
    for kode, (serapan, efisiensi, kategori) in ANGGARAN.items():
        row = segment(budget, kode, codes)
        assert serapan in row and efisiensi in row and kategori in row, row
    assert "Rp1.575.500.000 Rp1.483.594.321 94,17%" in budget
    comparison = text.split("Perbandingan realisasi dengan tahun sebelumnya")[1].split("Target, realisasi dan capaian triwulan")[0]
    assert "96,98%" in segment(comparison, "IKU-01", list(CAPAIAN))
    assert "99,23%" in segment(comparison, "IKU-02", list(CAPAIAN))
    assert "−10 (membaik)" in segment(comparison, "IKU-03", list(CAPAIAN))  # 14 pengaduan after 24


@pytest.mark.slow
def test_pdf_quarterly_table_scores_each_quarter(pdf_pages: list[str]) -> None:
    text = "\n".join(pdf_pages).split("Target, realisasi dan capaian per triwulan")[1]
    iku01, iku03 = segment(text, "IKU-01", ["IKU-03"]), segment(text, "IKU-03", ["IKU-01"])
    assert "Target 80,00 81,50 82,50 84,00 82,00" in iku01
    assert "Capaian 101,50% 101,90% 101,94% 101,49% 101,71%" in iku01
    assert "Target 6 5 5 4 20" in iku03 and "Capaian 116,67% 120,00% 120,00% 120,00% 120,00%" in iku03
    assert "Capaian triwulan = realisasi triwulan terhadap target triwulan itu" in text


DEFINISI = (
    "Definisi operasional: Nilai rata-rata survei kepuasan masyarakat (Permenpan RB 14/2017) atas layanan di kantor kecamatan.",
    "Cara pengukuran: Rata-rata IKM empat triwulan.",
    "Penjelasan: Naik karena loket PATEN dibuka sejak pukul 07.30 dan antrean daring.",
    "Cara pengukuran: Jumlah kejadian yang tercatat pada tahun berjalan.",
    "Penjelasan: Status IDM 2024 belum ditetapkan saat rekap ini disusun.",
)
"""What kinerja.yaml says an indicator means, how it is measured and why it came out so."""


@pytest.mark.slow
def test_definitions_and_explanations_are_printed(pdf_pages: list[str], recap_build: BuildResult) -> None:
    pdf = " ".join(" ".join(pdf_pages).split())
    page = page_words((recap_build.out_dir / RECAP / "index.html").read_text(encoding="utf-8"))
    for want in DEFINISI:
        assert want in pdf, want
        assert want in page, want
    # under the indicator's own row, not anywhere on the page
    assert "Cara pengukuran: Rata-rata IKM empat triwulan." in segment("\n".join(pdf_pages), "IKU-01", list(CAPAIAN)).replace("\n", " ")


@pytest.mark.slow
def test_every_pdf_page_is_marked_illustrative(pdf_pages: list[str]) -> None:
    assert len(pdf_pages) > 1
    for number, text in enumerate(pdf_pages, start=1):
        assert TANDA in text.lower(), f"page {number} lacks the illustration mark"


def test_page_shows_the_mark_and_the_policy(recap_build: BuildResult) -> None:
    html = (recap_build.out_dir / RECAP / "index.html").read_text(encoding="utf-8")
    assert 'class="rekap-ilustrasi" role="note"' in html and "Data ilustrasi, bukan data resmi" in html
    assert "Batas atas capaian: 120,00" in html
    assert "76,00 ≤ capaian &lt; 91,00" in html
    assert 'href="rekap-kinerja-2024.xlsx" download' in html
    home = (recap_build.out_dir / "index.html").read_text(encoding="utf-8")
    assert 'href="kinerja/2024/index.html"' in home and "(data ilustrasi, bukan data resmi)" in home


def test_xlsx_reopens_with_the_same_numbers(recap_build: BuildResult) -> None:
    book = load_workbook(recap_build.out_dir / RECAP / "rekap-kinerja-2024.xlsx")
    sheet = book["Indikator"]
    header = [c.value for c in sheet[1]]
    rows = {r[header.index("Kode")]: dict(zip(header, r)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == set(CAPAIAN)
    for kode, text in CAPAIAN.items():
        value = rows[kode]["Capaian (%)"]
        if text == "belum tersedia":
            assert value is None and "realisasi belum tersedia" in str(rows[kode]["Keterangan"])
        else:
            assert D(str(value)) == D(text.rstrip("%").replace(",", "."))
        assert "Data ilustrasi, bukan data resmi" in str(rows[kode]["Keterangan"])
    assert D(str(rows["IKU-01"]["Realisasi"])) == D("83.40")
    assert [rows["IKU-03"][f"TW {tw}"] for tw in ("I", "II", "III", "IV")] == [5, 4, 3, 2]
    assert rows["IKU-04"]["Realisasi"] == "BB"
    sasaran = {r[1]: r for r in book["Sasaran"].iter_rows(min_row=2, values_only=True)}
    assert D(str(sasaran["S1.1"][3])) == D("108.03") and D(str(sasaran["T2"][3])) == D("89.31")
    anggaran = {r[1]: r for r in book["Anggaran"].iter_rows(min_row=2, values_only=True)}
    assert anggaran["7.01.01"][3] == 1_270_500_000 and D(str(anggaran["7.01.01"][5])) == D("95.04")
    assert D(str(anggaran["7.01.04"][7])) == D("-7.06") and anggaran["7.01.04"][8] == "Kurang Efisien"


def test_csv_for_indonesian_excel(recap_build: BuildResult) -> None:
    raw = (recap_build.out_dir / RECAP / "rekap-kinerja-2024.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    by_kode = {r["Kode"]: r for r in rows}
    assert by_kode["IKU-02"]["Capaian (%)"] == "102,37"
    assert by_kode["IKU-07"]["Capaian (%)"] == "" and by_kode["IKU-07"]["Realisasi"] == ""
    assert by_kode["IKU-09"]["Rumus"] == "T / R × 100"


@pytest.mark.browser
def test_page_fits_a_phone_and_loads_cleanly(recap_build: BuildResult) -> None:
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 400, "height": 800})
        failures: list[str] = []
        page.on("requestfailed", lambda r: failures.append(r.url))
        page.goto((recap_build.out_dir / RECAP / "index.html").as_uri())
        widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        charts = page.evaluate("() => [...document.querySelectorAll('svg.grafik')].map(s => s.getBoundingClientRect().width)")
    assert failures == []
    assert widths[0] <= widths[1], f"page scrolls sideways: {widths}"
    assert len(charts) == 9 and all(0 < w <= 400 for w in charts)  # the bar chart and 8 trends (IKU-05 has its 2023 from the 2023 cycle)


def test_xlsx_is_reproducible(recap_build: BuildResult) -> None:
    from sopgen.build import check_site
    from sopgen.render.export import rekap_xlsx

    site, _ = check_site(recap_build.out_dir.parent / "content")
    again = rekap_xlsx(site.kinerja.siklus["2024"].rekap)  # later than the build: same bytes all the same
    assert again == (recap_build.out_dir / RECAP / "rekap-kinerja-2024.xlsx").read_bytes()
