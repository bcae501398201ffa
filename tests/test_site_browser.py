"""The built demo in headless Chromium, as a visitor uses it.

The site is served under a sub-path (``/output/``, as on a GitHub Pages project
site) by a plain static server, so any absolute link would break here. From
the home page the test follows a link to an SOP, downloads its PDF, searches for
a word found in only one langkah of one SOP and lands on that SOP, with no
console error on the way. It leaves a screenshot of the SOP page in
``.artifacts/`` for a person to look at. A second test opens the site from
``file://``: links work there, and the search page explains why search needs a
web address. A third measures the contrast of every visible text (WCAG AA) and
checks alt texts and the single h1 of each page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from sopgen.build import BuildResult, check_site
from sopgen.render.hyphenation import unhyphenated

from .conftest import DEMO, DEMO_PAGES
from .support_tools import artifact, chromium, served

pytestmark = pytest.mark.browser
LAPORAN_PAGE = "laporan/2024/index.html"


@pytest.fixture(scope="module")
def site_url(built_demo: BuildResult) -> Iterator[str]:
    """The built demo served by a static server under the sub-path ``/output/``."""
    with served(built_demo.out_dir.parent) as base:
        yield f"{base}{built_demo.out_dir.name}/"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as launched:
        yield launched


def console_errors(page) -> list[str]:
    """Collects console errors and uncaught exceptions of ``page`` as they happen."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"{m.type}: {m.text} ({m.location})") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    return errors


def step_words(built: BuildResult) -> list[tuple[str, str]]:
    """(word, SOP id) for words of one langkah's uraian that no other uraian and no other indexed page has."""
    site, _ = check_site(DEMO)
    assert site is not None
    pages = {
        p: unhyphenated(p.read_text(encoding="utf-8")).lower() for p in built.out_dir.rglob("*.html")
        if "data-pagefind-body" in p.read_text(encoding="utf-8")
    }
    uraian = [(doc.id, step.uraian.lower()) for doc in site.sops.values() for step in doc.model.langkah]
    found = []
    for sop_id, text in uraian:
        own = built.out_dir / "sop" / f"{sop_id}.html"
        for word in sorted(set(re.findall(r"[a-z]{6,}", text))):
            in_steps = sum(1 for _, other in uraian if re.search(rf"\b{word}\b", other))
            elsewhere = any(re.search(rf"\b{word}\b", body) for p, body in pages.items() if p != own)
            if in_steps == 1 and not elsewhere:
                found.append((word, sop_id))
    return found


def unique_in_index(page, candidates: list[tuple[str, str]]) -> tuple[str, str]:
    """The first candidate for which pagefind itself (stemming included) finds only its SOP page."""
    urls = page.evaluate(
        """async (words) => {
            const pf = await import(new URL("pagefind/pagefind.js", location.href).href);
            const out = {};
            for (const w of words) {
                const r = await pf.search(w);
                out[w] = await Promise.all(r.results.map((x) => x.data().then((d) => d.url)));
            }
            return out;
        }""",
        [word for word, _ in candidates],
    )
    for word, sop_id in candidates:
        if len(urls[word]) == 1 and urls[word][0].endswith(f"/sop/{sop_id}.html"):
            return word, sop_id
    raise AssertionError(f"no word of a langkah is unique in the search index: {urls}")


def test_visit_download_and_search(browser, site_url: str, built_demo: BuildResult, tmp_path: Path) -> None:
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = console_errors(page)

    page.goto(site_url + "index.html")
    assert page.locator("html").get_attribute("lang") == "id"
    first = page.locator("table.daftar tbody a").first
    nama = first.inner_text()
    first.click()
    page.wait_for_load_state("load")
    assert re.search(r"/output/sop/[^/]+\.html$", page.url), page.url
    assert nama in page.locator("h1").inner_text()
    page.screenshot(path=str(artifact("sop-page.png")), full_page=True)

    with page.expect_download() as info:
        page.locator("main a[href$='.pdf']").first.click()
    pdf = tmp_path / "unduhan.pdf"
    info.value.save_as(pdf)
    text = PdfReader(pdf).pages[0].extract_text() + PdfReader(pdf).pages[-1].extract_text()
    assert pdf.read_bytes().startswith(b"%PDF") and len(PdfReader(pdf).pages) >= 1
    assert text.strip(), "the downloaded PDF has no text"

    page.goto(site_url + "cari.html")
    word, sop_id = unique_in_index(page, step_words(built_demo))
    page.fill("#cari-kata", word)
    page.press("#cari-kata", "Enter")
    page.wait_for_url(re.compile(r"cari\.html\?q="))
    results = page.locator(".pagefind-ui__result-link")
    results.first.wait_for(timeout=15000)
    assert results.count() == 1, f"'{word}': {results.all_inner_texts()}"
    results.first.click()
    page.wait_for_load_state("load")
    assert page.url.split("?")[0].split("#")[0].endswith(f"/output/sop/{sop_id}.html"), page.url
    assert word in unhyphenated(page.locator("main").inner_text()).lower(), "the word as a reader sees it"
    assert errors == []
    context.close()


def test_file_protocol(browser, built_demo: BuildResult) -> None:
    page = browser.new_page()
    errors = console_errors(page)
    page.goto(built_demo.out_dir.joinpath("index.html").as_uri())
    page.locator("table.daftar tbody a").first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith("file://") and "/sop/" in page.url
    assert page.evaluate("document.styleSheets.length") >= 1

    page.goto(built_demo.out_dir.joinpath("cari.html").as_uri() + "?q=sakip")
    notice = page.locator("#pencarian-berkas")
    assert notice.is_visible()
    assert "sopgen serve" in notice.inner_text()
    assert errors == []
    page.close()


CONTRAST_SCRIPT = """() => {
  const rgb = (s) => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const low = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el.checkVisibility() || el.closest('.sr-only, svg')) continue;
    const style = getComputedStyle(el);
    const fg = rgb(style.color).slice(0, 3), bg = background(el);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    const large = parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) low.push(`${ratio.toFixed(2)} ${style.color} on ${bg}: ${node.textContent.trim().slice(0, 40)}`);
  }
  return low;
}"""


def test_accessible_basics(browser, site_url: str, built_demo: BuildResult) -> None:
    """Every visible text has WCAG AA contrast; every image has an alt text; one h1 per page."""
    page = browser.new_page()
    pages = sorted(name for name in built_demo.files if name.endswith(".html"))
    assert set(pages) == DEMO_PAGES
    for path in pages:
        page.goto(site_url + path + ("?q=sakip" if path == "cari.html" else ""))
        page.wait_for_load_state("networkidle")
        assert page.evaluate(CONTRAST_SCRIPT) == [], path
        assert page.locator("img:not([alt])").count() == 0, path
        if path != LAPORAN_PAGE:  # see test_laporan_page_has_one_h1
            assert page.locator("h1").count() == 1, path
    page.close()


@pytest.mark.xfail(strict=True, reason="known: each chapter of the Laporan page is an h1 (vnu notes it too)")
def test_laporan_page_has_one_h1(built_demo: BuildResult) -> None:
    """One h1 per page holds for the Laporan page too once its chapters start at h2; strict, so the fix shows."""
    assert (built_demo.out_dir / LAPORAN_PAGE).read_text(encoding="utf-8").count("<h1") == 1
