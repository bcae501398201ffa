"""The demo kabupaten as people use it, in Chromium at a phone's 390 px and a desktop's 1280 px.

Built without PDFs (the pages are what is under test) and served by a plain static server. On
a phone the header is one short bar whose Menu button opens the search box and the navigation;
the SOP page reads as a list of steps, with the paper form one link away; no page scrolls
sideways; every page is set in the theme's Liberation Sans from its WOFF2 files; axe-core finds
no serious or critical violation. Screenshots are left in ``.artifacts/`` for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sopgen.build import BuildResult
from sopgen.portal import build_kabupaten

from .conftest import DEMO_KABUPATEN
from .support_tools import artifact, axe_script, chromium, served

pytestmark = pytest.mark.browser
SOP_PAGE = "candipuro/sop/pengukuran-data-kinerja.html"
PAGES = ("index.html", "candipuro/index.html", SOP_PAGE, "candipuro/kinerja/2024/index.html",
         "candipuro/laporan/2024/index.html", "kinerja/2024/index.html", "sop/index.html", "cari.html", "404.html")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build_kabupaten(DEMO_KABUPATEN, tmp_path_factory.mktemp("ponsel") / "output", pdf=False)


@pytest.fixture(scope="module")
def url(built: BuildResult) -> Iterator[str]:
    with served(built.out_dir) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as launched:
        yield launched


def _open(browser, viewport: dict[str, int], **options: object):
    page = browser.new_page(viewport=viewport, **options)
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return page


@pytest.mark.parametrize("path", PAGES)
def test_a_phone_gets_a_short_header_and_no_sideways_scroll(browser, url: str, path: str) -> None:
    page = _open(browser, PHONE)
    page.goto(url + path)
    page.screenshot(path=str(artifact(f"ponsel-{path.replace('/', '-')}.png")))
    header = page.locator(".site-header").bounding_box()
    assert header and header["height"] <= 80, f"{path}: header {header}"
    assert page.locator(".site-nav").is_hidden() and page.locator(".site-search").is_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
    page.click(".menu-tombol")
    assert page.locator(".site-nav").is_visible() and page.locator(".site-search input").is_visible()
    assert page.get_attribute(".menu-tombol", "aria-expanded") == "true"
    assert page.evaluate("document.activeElement.id") == "cari-kata"  # the opened menu starts at the search box
    page.click(".menu-tombol")
    assert page.locator(".site-nav").is_hidden()
    assert page.errors == [], path


def _shown(page) -> list[str]:
    return page.locator("tr[data-nama]:visible td a").all_inner_texts()


def test_the_portal_lists_every_sop_and_filters_and_sorts_it(browser, url: str) -> None:
    page = _open(browser, DESKTOP)
    page.goto(url + "sop/index.html")
    everything = _shown(page)
    assert len(everything) == 8 and page.inner_text(".saring-jumlah") == "8 SOP"
    page.select_option("select[name=unit]", "pasirian")
    assert _shown(page) == ["Pelayanan Surat Keterangan Kecamatan Pasirian", "Pelayanan Legalisasi Dokumen Kecamatan Pasirian"]
    page.select_option("select[name=status]", "konsep")
    assert _shown(page) == ["Pelayanan Legalisasi Dokumen Kecamatan Pasirian"]
    assert page.inner_text(".saring-jumlah") == "1 dari 8 SOP ditampilkan"
    page.select_option("select[name=unit]", "")
    page.select_option("select[name=status]", "")
    page.fill("input[name=kata]", "data kinerja candipuro")
    assert _shown(page) == ["Pengukuran Data Kinerja Kecamatan Candipuro", "Pengumpulan Data Kinerja Kecamatan Candipuro (2023)",
                            "Pengumpulan Data Kinerja Kecamatan Candipuro"]
    page.fill("input[name=kata]", "")
    page.select_option("select[name=urut]", "baru")
    dates = page.locator("tr[data-nama]:visible").evaluate_all("rows => rows.map(r => r.dataset.tanggal).filter(Boolean)")
    assert dates == sorted(dates, reverse=True) and dates[0] == "2024-01-17"
    page.select_option("select[name=urut]", "")
    assert _shown(page) == everything  # back to the build's order
    assert page.errors == []


def test_a_unit_home_filters_its_sops_by_status(browser, url: str) -> None:
    page = _open(browser, PHONE)
    page.goto(url + "candipuro/index.html")
    page.select_option("select[name=status]", "dicabut")
    assert _shown(page) == ["Pengumpulan Data Kinerja Kecamatan Candipuro (2023)"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    without = _open(browser, PHONE, java_script_enabled=False)
    without.goto(url + "candipuro/index.html")
    assert without.locator("form.saring").is_hidden() and len(_shown(without)) == 5


def test_the_recap_page_opens_with_its_contents(browser, url: str) -> None:
    page = _open(browser, PHONE)
    page.goto(url + "candipuro/kinerja/2024/index.html")
    nav = page.locator("nav.isi-halaman")
    assert nav.is_visible()
    links = nav.locator("a").all_inner_texts()
    headings = page.locator("main h2[id]:visible").all_inner_texts()
    assert links == headings and {"Ikhtisar", "Cara menghitung", "Unduhan"} <= set(links)
    assert page.evaluate("document.querySelector('nav.isi-halaman').compareDocumentPosition(document.querySelector('main h1')) & 2")  # after the title
    nav.locator("a", has_text="Cara menghitung").click()
    assert page.url.endswith("#kebijakan") and page.evaluate("document.getElementById('kebijakan').getBoundingClientRect().top") < 100
    assert page.errors == []


def test_without_javascript_the_menu_is_simply_shown(browser, url: str) -> None:
    page = _open(browser, PHONE, java_script_enabled=False)
    page.goto(url + "candipuro/index.html")
    assert page.locator(".menu-tombol").is_hidden()
    assert page.locator(".site-nav").is_visible() and page.locator(".site-search").is_visible()


def test_the_desktop_header_is_unchanged(browser, url: str) -> None:
    page = _open(browser, DESKTOP)
    page.goto(url + "candipuro/index.html")
    assert page.locator(".menu-tombol").is_hidden()
    assert page.locator(".site-nav").is_visible() and page.locator(".site-search").is_visible()


def test_the_sop_reads_as_steps_on_a_phone_and_as_the_paper_form_on_a_desktop(browser, url: str) -> None:
    page = _open(browser, PHONE)
    page.goto(url + SOP_PAGE)
    page.screenshot(path=str(artifact("ponsel-sop-baca.png")), full_page=True)
    assert page.locator(".sop-baca").is_visible() and page.locator(".sop-lembar").is_hidden()
    steps = page.locator(".baca-langkah > li")
    assert steps.count() == 10  # the reference SOP's ten langkah
    eight = steps.nth(7).inner_text()
    assert "Sekretaris" in eight and "Ya: lanjut ke langkah 9" in eight and "Tidak: kembali ke langkah 6" in eight
    assert "Kelengkapan\nDokumen Laporan Kinerja" in eight and "Waktu\n1 jam" in eight
    assert "Dasar Hukum" in page.locator(".sop-baca").inner_text()
    page.click("text=Lihat formulir kertas")
    assert page.locator(".sop-lembar").is_visible()  # the paper form is one link away
    desk = _open(browser, DESKTOP)
    desk.goto(url + SOP_PAGE)
    assert desk.locator(".sop-baca").is_hidden() and desk.locator(".sop-lembar").is_visible()
    assert page.errors == [] and desk.errors == []


@pytest.mark.parametrize("path", ["index.html", "candipuro/laporan/2024/index.html", "cari.html", SOP_PAGE])
def test_every_page_is_set_in_the_theme_font_from_woff2(browser, url: str, path: str) -> None:
    page = _open(browser, DESKTOP)
    fonts: list[str] = []
    page.on("response", lambda r: fonts.append(r.url.rsplit("/", 1)[-1]) if "/fonts/" in r.url else None)
    page.goto(url + path)
    page.evaluate("document.fonts.ready.then(() => true)")  # the TTFs are only for characters outside the WOFF2s' range
    loaded = page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    assert "Liberation Sans" in [f.strip('"') for f in loaded], loaded
    assert fonts and all(name.endswith(".woff2") for name in fonts), fonts


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["ponsel", "desktop"])
def test_axe_finds_no_serious_violation(browser, url: str, viewport: dict[str, int]) -> None:
    script = axe_script()
    found: dict[str, list[str]] = {}
    for path in PAGES:
        page = _open(browser, viewport)
        page.goto(url + path)
        page.add_script_tag(content=script)
        violations = page.evaluate("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations"
                                   ".filter(v => ['serious', 'critical'].includes(v.impact))"
                                   ".map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')))")
        if violations:
            found[path] = violations
    assert found == {}
