"""What a published site carries besides its pages: the 404 page, the sitemap, meta and Open Graph
tags, the web fonts, and the SOP's reading view, checked in the HTML a real build writes."""

from __future__ import annotations

import re
import runpy
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from fontTools.ttLib import TTFont

from sopgen.build import build_site
from sopgen.portal import build_kabupaten
from sopgen.render.peta import sitemap_xml

from .conftest import DEMO, DEMO_KABUPATEN

REPO = Path(__file__).resolve().parent.parent
FONTS = REPO / "themes" / "default" / "static" / "fonts"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class Meta(HTMLParser):
    """The ``<meta>``/``<link>``/``<base>`` tags of a page, by name or property."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "meta" and (a.get("name") or a.get("property")):
            self.tags[a.get("name") or a.get("property") or ""] = a.get("content") or ""
        elif tag == "link" and a.get("rel") == "canonical":
            self.tags["canonical"] = a.get("href") or ""
        elif tag == "base":
            self.tags["base"] = a.get("href") or ""


def meta(page: Path) -> dict[str, str]:
    parser = Meta()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.tags


@pytest.fixture(scope="module")
def demo_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo unit (its site.yaml has alamat_situs) built alone, without PDFs."""
    return build_site(DEMO, tmp_path_factory.mktemp("situs") / "out", pdf=False).out_dir


def test_the_sitemap_lists_every_page_by_its_published_address(demo_out: Path) -> None:
    pages = {p.relative_to(demo_out).as_posix() for p in demo_out.rglob("*.html")} - {"404.html"}
    locs = [loc.text for loc in ElementTree.parse(demo_out / "sitemap.xml").getroot().iter(f"{SITEMAP_NS}loc")]
    base = "https://sop.candipuro.example/"
    assert len(locs) == len(pages) == len(set(locs)) and all(loc and loc.startswith(base) for loc in locs)
    assert base in locs and base + "sop/pengukuran-data-kinerja.html" in locs and base + "kinerja/2024/" in locs
    assert not any("404" in (loc or "") for loc in locs)


def test_sitemap_addresses_are_escaped_and_folders_shown_as_folders() -> None:
    xml = sitemap_xml("https://contoh.go.id/sop", ["index.html", "a&b.html", "kinerja/2024/index.html"])
    locs = [loc.text for loc in ElementTree.fromstring(xml).iter(f"{SITEMAP_NS}loc")]
    assert locs == ["https://contoh.go.id/sop/a&b.html", "https://contoh.go.id/sop/", "https://contoh.go.id/sop/kinerja/2024/"]


def test_without_an_address_there_is_a_404_page_but_no_sitemap(tmp_path: Path) -> None:
    site = tmp_path / "situs"
    shutil.copytree(DEMO, site)
    settings = site / "site.yaml"
    settings.write_text(re.sub(r"(?m)^alamat_situs:.*$", "", settings.read_text(encoding="utf-8")), encoding="utf-8")
    out = build_site(site, tmp_path / "out", pdf=False).out_dir
    assert not (out / "sitemap.xml").exists()
    page = out / "404.html"
    assert "Halaman tidak ditemukan" in page.read_text(encoding="utf-8")
    assert "base" not in meta(page) and "og:url" not in meta(out / "index.html")


def test_the_404_page_links_from_the_published_address(demo_out: Path) -> None:
    tags = meta(demo_out / "404.html")
    assert tags["base"] == "https://sop.candipuro.example/" and tags["robots"] == "noindex"
    text = (demo_out / "404.html").read_text(encoding="utf-8")
    assert 'href="index.html"' in text and 'href="cari.html"' in text and "data-pagefind-body" not in text


def test_an_sop_page_describes_itself_for_search_engines_and_link_previews(demo_out: Path) -> None:
    tags = meta(demo_out / "sop" / "pengukuran-data-kinerja.html")
    assert tags["description"].startswith("SOP Pengukuran Data Kinerja Kecamatan Candipuro, nomor 700/16.1/SOP/427.83/2024")
    assert "10 langkah" in tags["description"] and tags["og:description"] == tags["description"]
    assert tags["og:title"].startswith("Pengukuran Data Kinerja Kecamatan Candipuro ·")
    assert tags["og:url"] == tags["canonical"] == "https://sop.candipuro.example/sop/pengukuran-data-kinerja.html"
    assert tags["og:image"] == "https://sop.candipuro.example/assets/logo-pengganti.svg" and tags["og:locale"] == "id_ID"


def test_the_portal_has_its_404_page_and_the_sitemap_of_every_unit(tmp_path: Path) -> None:
    content = tmp_path / "kab"
    shutil.copytree(DEMO_KABUPATEN, content)
    pemda = content / "pemda.yaml"
    pemda.write_text(pemda.read_text(encoding="utf-8") + "\nalamat_situs: https://sop.lumajang.example/\n", encoding="utf-8")
    out = build_kabupaten(content, tmp_path / "out", pdf=False).out_dir
    locs = {loc.text for loc in ElementTree.parse(out / "sitemap.xml").getroot().iter(f"{SITEMAP_NS}loc")}
    assert {"https://sop.lumajang.example/", "https://sop.lumajang.example/dinkes/", "https://sop.lumajang.example/candipuro/sop/pengukuran-data-kinerja.html"} <= locs
    assert "Portal Standar Operasional Prosedur" in meta(out / "index.html")["description"]
    assert (out / "404.html").is_file()


def test_a_wrong_portal_address_is_refused_at_its_line(tmp_path: Path) -> None:
    from sopgen.errors import ContentError

    content = tmp_path / "kab"
    shutil.copytree(DEMO_KABUPATEN, content)
    pemda = content / "pemda.yaml"
    lines = pemda.read_text(encoding="utf-8").rstrip("\n") + "\nalamat_situs: sop.lumajang.example\n"
    pemda.write_text(lines, encoding="utf-8")
    with pytest.raises(ContentError) as failed:
        build_kabupaten(content, tmp_path / "out", pdf=False)
    [problem] = [p for p in failed.value.problems if "alamat_situs" in p.field]
    assert problem.line == lines.count("\n") and "https://" in problem.message
    assert not (tmp_path / "out").exists()


def test_the_reading_view_says_every_step_and_where_a_decision_goes(demo_out: Path) -> None:
    html = (demo_out / "sop" / "pengukuran-data-kinerja.html").read_text(encoding="utf-8")
    view = html[html.index('<section class="sop-baca"'):html.index("</section>", html.index('<section class="sop-baca"'))]
    steps = re.findall(r'<li class="baca-(\w+)" id="langkah-(\d+)">', view)
    assert [int(n) for _, n in steps] == list(range(1, 11))
    assert steps[0][0] == "mulai" and steps[7][0] == "keputusan" and steps[-1][0] == "selesai"
    assert re.findall(r'<p class="baca-arah">([^<]+)</p>', view) == ["Ya: lanjut ke langkah 9", "Tidak: kembali ke langkah 6"]
    assert view.count("<dt>Kelengkapan</dt>") == 10 and "<dd>3 hari</dd>" in view


@pytest.mark.parametrize("face", ["Regular", "Bold", "Italic", "BoldItalic"])
def test_the_web_fonts_cover_their_declared_range_as_the_ttf_does(face: str) -> None:
    script = runpy.run_path(str(REPO / "scripts" / "make-webfonts.py"))
    css = (REPO / "themes" / "default" / "static" / "css" / "webfonts.css").read_text(encoding="utf-8")
    declared = set(re.findall(r"unicode-range: ([^;]+);", css))
    assert declared == {script["UNICODE_RANGE"].replace(",", ", ")}, "webfonts.css and make-webfonts.py name different ranges"
    ranges = [tuple(int(x, 16) for x in part.strip()[2:].split("-")) for part in script["UNICODE_RANGE"].split(",")]
    ttf = set(TTFont(FONTS / f"LiberationSans-{face}.ttf").getBestCmap())
    woff2 = set(TTFont(FONTS / f"LiberationSans-{face}.woff2").getBestCmap())
    wanted = {c for c in ttf if any(low <= c <= high for low, high in ranges)}
    assert wanted == woff2, "rerun scripts/make-webfonts.py"
    assert ord("Σ") in woff2 and ord("≤") in woff2 and ord("é") in woff2


def _git(folder: Path, *args: str) -> None:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@contoh.go.id", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@contoh.go.id",
           "GIT_AUTHOR_DATE": "2025-03-04T10:00:00", "GIT_COMMITTER_DATE": "2025-03-04T10:00:00", "PATH": "/usr/bin:/bin"}
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, env=env)


def test_the_footer_names_the_source_file_its_repository_link_and_last_change(tmp_path: Path) -> None:
    if not shutil.which("git"):
        pytest.skip("git tidak ditemukan")
    site = tmp_path / "situs"
    shutil.copytree(DEMO, site)
    settings = site / "site.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "\nalamat_sumber: https://github.com/contoh/sop/blob/main/\n", encoding="utf-8")
    _git(site, "init", "-q")
    _git(site, "add", ".")
    _git(site, "commit", "-q", "-m", "isi")
    out = build_site(site, tmp_path / "out", pdf=False).out_dir
    footer = (out / "sop" / "pengukuran-data-kinerja.html").read_text(encoding="utf-8").split('<footer class="site-footer">')[1]
    assert ('<a href="https://github.com/contoh/sop/blob/main/sop/pengukuran-data-kinerja.yaml"><code>sop/pengukuran-data-kinerja.yaml</code></a>'
            in footer)
    assert "terakhir diubah 4 Maret 2025" in footer
    assert "laporan/2024/laporan.yaml" in (out / "laporan" / "2024" / "index.html").read_text(encoding="utf-8")
    assert "footer-sumber" not in (out / "index.html").read_text(encoding="utf-8")  # the home page is made of many files


def test_outside_git_the_footer_names_the_file_without_a_date(demo_out: Path) -> None:
    footer = (demo_out / "sop" / "pengukuran-data-kinerja.html").read_text(encoding="utf-8").split('<footer class="site-footer">')[1]
    assert "<code>sop/pengukuran-data-kinerja.yaml</code>" in footer and "<a href=\"https://github" not in footer


def test_a_unit_links_its_sources_under_the_kabupaten_repository(tmp_path: Path) -> None:
    content = tmp_path / "kab"
    shutil.copytree(DEMO_KABUPATEN, content)
    pemda = content / "pemda.yaml"
    pemda.write_text(pemda.read_text(encoding="utf-8") + "\nalamat_sumber: https://gitlab.contoh.go.id/org/sop/-/blob/main\n", encoding="utf-8")
    out = build_kabupaten(content, tmp_path / "out", pdf=False).out_dir
    page = (out / "candipuro" / "sop" / "pengukuran-data-kinerja.html").read_text(encoding="utf-8")
    assert 'href="https://gitlab.contoh.go.id/org/sop/-/blob/main/unit/candipuro/sop/pengukuran-data-kinerja.yaml"' in page
