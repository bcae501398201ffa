"""Every link and asset of the built demo is relative and points at a file the build wrote.

Absolute paths (``/static/...``) break on a GitHub Pages project site (served
under ``/<repository>/``) and from ``file://``; a relative link to a missing
file is a broken page. Plain-Python check, no browser.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sopgen.build import BuildResult
from sopgen.render.peta import NOT_FOUND_PAGE

from .conftest import DEMO_PAGES

LINK_ATTRIBUTES = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("form", "action")}


class Links(HTMLParser):
    """Collects (tag, attribute, value) of every link-carrying attribute, and every id."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if (tag, name) in LINK_ATTRIBUTES and value is not None:
                self.links.append((tag, name, value))


def parse(page: Path) -> Links:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_links_are_relative_and_resolve(built_demo: BuildResult) -> None:
    root = built_demo.out_dir
    pages = sorted(root.rglob("*.html"))
    assert {str(page.relative_to(root)) for page in pages} == DEMO_PAGES
    problems: list[str] = []
    followed: set[str] = set()
    for page in pages:
        for tag, attribute, value in parse(page).links:
            parts = urlsplit(value)
            if parts.scheme in ("http", "https", "mailto", "data") or value.startswith("#"):
                continue
            where = f"{page.relative_to(root)}: <{tag} {attribute}={value!r}>"
            if parts.scheme or value.startswith("/"):
                problems.append(f"{where} is absolute")
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file() or not target.is_relative_to(root.resolve()):
                problems.append(f"{where} points at a missing file")
                continue
            followed.add(str(target.relative_to(root.resolve())))
            if parts.fragment and target.suffix == ".html" and parts.fragment not in parse(target).ids:
                problems.append(f"{where}: no id '{parts.fragment}' in {target.relative_to(root.resolve())}")
    assert not problems, "\n".join(problems)
    # the walk really went somewhere: every page is linked from another (but the 404 page, which the host serves
    # for a missing address), and pages reach their assets and downloads
    assert DEMO_PAGES - {NOT_FOUND_PAGE} <= followed and NOT_FOUND_PAGE not in followed
    assert {"static/css/site.css", "unduhan/himpunan-sop.pdf", "sop/pengukuran-data-kinerja.pdf"} <= followed


def test_home_lists_every_sop_and_the_binder(built_demo: BuildResult) -> None:
    home = parse(built_demo.out_dir / "index.html")
    hrefs = {value for tag, _, value in home.links if tag == "a"}
    sops = sorted(html.stem for html in (built_demo.out_dir / "sop").glob("*.html"))
    assert sops == [
        "monitoring-evaluasi-sop", "pengukuran-data-kinerja", "pengumpulan-data-kinerja", "pengumpulan-data-kinerja-2023", "penyusunan-sakip",
    ]
    for sop in sops:
        assert f"sop/{sop}.html" in hrefs
        assert f"sop/{sop}.pdf" in hrefs
    assert "unduhan/himpunan-sop.pdf" in hrefs
