"""The output cache: a rebuild makes only the PDFs, Word copies and pages whose inputs changed, and never serves a bad entry.

Renders are counted, not timed: every WeasyPrint layout goes through ``PdfRenderer.document``,
which is wrapped to record the PDF each layout is for (the binder's own pages count too).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from sopgen.build import build_site
from sopgen.cache import OutputCache
from sopgen.portal import build_kabupaten
from sopgen.render.binder import BINDER_PATH
from sopgen.render.env import THEMES_DIR

from .support import PEJABAT_YAML, SITE_YAML, record_layouts, sop_yaml, tree_digest, write_site

PDFS = {"sop/prosedur-1.pdf", "sop/prosedur-2.pdf", BINDER_PATH}
DOCUMENTS = PDFS | {"sop/prosedur-1.docx", "sop/prosedur-2.docx"}
PAGES = {"index.html", "cari.html", "verifikasi.html", "sop/prosedur-1.html", "sop/prosedur-2.html"}
CACHED = DOCUMENTS | PAGES
"""What the cache holds of the two-SOP site: the PDFs, the Word copies and the pages."""


@pytest.fixture
def layouts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The file name of each PDF laid out by WeasyPrint, in order."""
    return record_layouts(monkeypatch)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    files = {"site.yaml": SITE_YAML, "pejabat.yaml": PEJABAT_YAML}
    for i in (1, 2):
        files[f"sop/prosedur-{i}.yaml"] = sop_yaml(f"Prosedur {i}", f"100/{i}/SOP/2024")
    return write_site(tmp_path / "content", files)


def build(site: Path, out: Path) -> OutputCache:
    """Build ``site`` into ``out`` with the cache beside it; the cache tells what it served and rendered."""
    cache = OutputCache(site.parent / ".sopgen-cache")
    build_site(site, out, pdf=True, cache=cache)
    return cache


def test_second_build_renders_no_pdf_nor_word_copy_and_writes_the_same_files(site: Path, tmp_path: Path, layouts: list[str]) -> None:
    first = build(site, tmp_path / "a")
    assert set(first.rendered) == CACHED and layouts
    layouts.clear()
    second = build(site, tmp_path / "b")
    assert layouts == [] and second.rendered == [] and set(second.served) == CACHED
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")


def test_one_changed_sop_renders_that_sop_and_the_binder(site: Path, tmp_path: Path, layouts: list[str]) -> None:
    build(site, tmp_path / "a")
    changed = site / "sop" / "prosedur-2.yaml"
    changed.write_text(changed.read_text(encoding="utf-8").replace("nama: Prosedur 2", "nama: Prosedur Dua"), encoding="utf-8")
    layouts.clear()
    second = build(site, tmp_path / "b")
    # the home page lists its name, the verification page checks its PDF; the other SOP's page is kept
    assert second.rendered == ["sop/prosedur-2.pdf", "sop/prosedur-2.html", "sop/prosedur-2.docx", BINDER_PATH, "index.html", "verifikasi.html"]
    assert set(second.served) == {"sop/prosedur-1.pdf", "sop/prosedur-1.html", "sop/prosedur-1.docx", "cari.html"}
    assert set(layouts) == {"prosedur-2.pdf", Path(BINDER_PATH).name}
    assert "PROSEDUR DUA" in PdfReader(tmp_path / "b" / "sop" / "prosedur-2.pdf").pages[0].extract_text()
    assert Document(str(tmp_path / "b" / "sop" / "prosedur-2.docx")).core_properties.title == "SOP Prosedur Dua"


@pytest.mark.parametrize("damage", ["flip", "truncate", "foreign"])
def test_a_bad_entry_is_rendered_again_never_served(site: Path, tmp_path: Path, damage: str) -> None:
    build(site, tmp_path / "a")
    entries = sorted(p for p in (site.parent / ".sopgen-cache").rglob("*") if p.is_file())
    assert len(entries) == len(CACHED)
    sizes = {p: p.stat().st_size for p in entries}
    originals = [p.read_bytes() for p in entries]
    for index, (entry, data) in enumerate(zip(entries, originals, strict=True)):
        if damage == "flip":
            damaged = data[:-100] + bytes(b ^ 0xFF for b in data[-100:])
        elif damage == "truncate":
            damaged = data[: len(data) // 2]
        else:  # the next entry's file under this one's key (entries moved about)
            damaged = originals[(index + 1) % len(originals)]
        entry.write_bytes(damaged)
    second = build(site, tmp_path / "b")
    assert set(second.rendered) == CACHED and second.served == []
    for name in PDFS:
        pages = PdfReader(tmp_path / "b" / name).pages
        assert "Prosedur" in pages[-1].extract_text()
    assert {p: p.stat().st_size for p in entries} == sizes  # the entries were written again, whole


def test_a_template_a_stylesheet_or_the_settings_invalidate(site: Path, tmp_path: Path) -> None:
    sops = {"sop/prosedur-1.pdf", "sop/prosedur-2.pdf"}
    shutil.copytree(THEMES_DIR / "default", site / "themes" / "salinan")
    (site / "site.yaml").write_text(SITE_YAML + "tema: salinan\n", encoding="utf-8")
    build(site, tmp_path / "a")
    write_site(site, {"templates/sop_pdf.html": "{% extends '!theme/sop_pdf.html' %}\n"})  # an override of the PDF's template
    assert set(build(site, tmp_path / "b").rendered) == sops | {"sop/prosedur-1.docx", "sop/prosedur-2.docx"}  # the binder and pages: the PDFs came out the same
    assert build(site, tmp_path / "c").rendered == []
    with (site / "themes" / "salinan" / "static" / "css" / "flowchart.css").open("a", encoding="utf-8") as css:
        css.write("\n/* diubah */\n")
    assert sops <= set(build(site, tmp_path / "d").rendered)
    (site / "site.yaml").write_text(SITE_YAML.replace("Jl. Contoh 1", "Jl. Contoh 2") + "tema: salinan\n", encoding="utf-8")
    assert set(build(site, tmp_path / "e").rendered) == CACHED


def test_pemda_yaml_invalidates_its_units(tmp_path: Path) -> None:
    root = write_site(tmp_path / "kab", {
        "pemda.yaml": "pemerintah: Kabupaten Contoh\nalamat: Jl. Contoh 1\nkertas: A4\n",
        "unit/a/site.yaml": "instansi:\n  unit_kerja: Kecamatan A\n  alamat: Jl. A\n",
        "unit/a/pejabat.yaml": PEJABAT_YAML,
        "unit/a/sop/prosedur-1.yaml": sop_yaml("Prosedur 1", "100/1/SOP/2024"),
    })
    cache = OutputCache(tmp_path / ".sopgen-cache")
    build_kabupaten(root, tmp_path / "a", pdf=True, cache=cache)
    assert "a/sop/prosedur-1.pdf" not in cache.served and "sop/prosedur-1.pdf" in cache.rendered
    again = OutputCache(tmp_path / ".sopgen-cache")
    build_kabupaten(root, tmp_path / "b", pdf=True, cache=again)
    assert again.rendered == []
    (root / "pemda.yaml").write_text("pemerintah: Kabupaten Contoh\nalamat: Jl. Contoh 1\nkertas: F4\n", encoding="utf-8")
    changed = OutputCache(tmp_path / ".sopgen-cache")
    build_kabupaten(root, tmp_path / "c", pdf=True, cache=changed)
    assert "sop/prosedur-1.pdf" in changed.rendered
