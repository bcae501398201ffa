"""The preview's quick build (:mod:`sopgen.refresh`): after an edit only the pages it reaches are rendered,
the rest linked from the last build, and the result is the full build's, file for file.

Renders are counted by the record each build keeps (which outputs it rendered, which it linked),
never timed; every quick build is checked against a full build of the same content.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from sopgen.build import build_site
from sopgen.errors import ContentError
from sopgen.portal import build_kabupaten
from sopgen.refresh import PageReuse

from .conftest import DEMO_KABUPATEN
from .support import PEJABAT_YAML, SITE_YAML, sop_yaml, without_index, write_site


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """Three SOPs, the second naming the first in its keterkaitan (whose title its page prints)."""
    return write_site(tmp_path / "content", {
        "site.yaml": SITE_YAML, "pejabat.yaml": PEJABAT_YAML,
        "sop/prosedur-1.yaml": sop_yaml("Prosedur 1", "100/1/SOP/2024"),
        "sop/prosedur-2.yaml": sop_yaml("Prosedur 2", "100/2/SOP/2024") + "keterkaitan: [prosedur-1]\n",
        "sop/prosedur-3.yaml": sop_yaml("Prosedur 3", "100/3/SOP/2024"),
    })


def full(site: Path, out: Path, last: PageReuse | None = None) -> PageReuse:
    """A full HTML build into ``out`` (compared with ``last``'s folder when given), with its record."""
    reuse = PageReuse(last.folder if last else out, last.made if last else {}, quick=False)
    build_site(site, out, pdf=False, reuse=reuse)
    return reuse


def quick(site: Path, out: Path, last: PageReuse) -> PageReuse:
    """A quick build into ``out``, over ``last``'s record and the files it parsed (as the preview keeps them)."""
    reuse = PageReuse(out, last.made, quick=True, parsed=last.parsed)
    build_site(site, out, pdf=False, reuse=reuse)
    return reuse


def edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edit_renders_its_page_and_the_listing_only_and_equals_a_full_build(site: Path, tmp_path: Path) -> None:
    served = tmp_path / "served"
    first = full(site, served)
    assert "sop/prosedur-3.html" in first.rendered and first.reused == []

    edit(site / "sop" / "prosedur-3.yaml", "nama: Prosedur 3", "nama: Prosedur Surat Pindah")
    second = quick(site, served, first)
    assert set(second.rendered) == {"sop/prosedur-3.html", "index.html"}
    assert set(second.reused) == set(first.made) - set(second.rendered), "the search index (as it was) too"
    assert {"sop/prosedur-1.html", "sop/prosedur-2.html", "cari.html", "pagefind", "static"} <= set(second.reused)
    assert second.made["static"].files and all(f.startswith("static/") for f in second.made["static"].files)
    assert "Prosedur Surat Pindah" in (served / "sop" / "prosedur-3.html").read_text(encoding="utf-8")
    assert "Prosedur Surat Pindah" in (served / "index.html").read_text(encoding="utf-8")

    check = full(site, tmp_path / "check", second)
    assert check.changed == [], "the full build finds nothing the quick one got wrong"
    assert without_index(served) == without_index(tmp_path / "check")


def test_a_page_naming_the_edited_sop_is_rendered_too(site: Path, tmp_path: Path) -> None:
    served = tmp_path / "served"
    first = full(site, served)
    edit(site / "sop" / "prosedur-1.yaml", "nama: Prosedur 1", "nama: Prosedur Legalisir")
    second = quick(site, served, first)
    assert set(second.rendered) == {"sop/prosedur-1.html", "sop/prosedur-2.html", "index.html"}
    assert "Prosedur Legalisir" in (served / "sop" / "prosedur-2.html").read_text(encoding="utf-8")


def test_an_edit_of_what_every_page_reads_renders_every_page(site: Path, tmp_path: Path) -> None:
    served = tmp_path / "served"
    first = full(site, served)
    edit(site / "site.yaml", "unit_kerja: Kecamatan Contoh", "unit_kerja: Kecamatan Candipuro")
    second = quick(site, served, first)
    pages = {p for p in first.made if p.endswith(".html")}
    assert pages <= set(second.rendered)
    check = full(site, tmp_path / "check", second)
    assert check.changed == [] and without_index(served) == without_index(tmp_path / "check")


def test_an_added_and_a_removed_sop(site: Path, tmp_path: Path) -> None:
    served = tmp_path / "served"
    first = full(site, served)
    (site / "sop" / "prosedur-3.yaml").unlink()
    (site / "sop" / "prosedur-4.yaml").write_text(sop_yaml("Prosedur 4", "100/4/SOP/2024"), encoding="utf-8")
    second = quick(site, served, first)
    assert not (served / "sop" / "prosedur-3.html").exists()
    assert "Prosedur 4" in (served / "sop" / "prosedur-4.html").read_text(encoding="utf-8")
    assert "Prosedur 3" not in (served / "index.html").read_text(encoding="utf-8")
    assert full(site, tmp_path / "check", second).changed == []


def test_the_full_build_names_a_page_the_quick_one_got_wrong(site: Path, tmp_path: Path) -> None:
    """An input a kind did not declare leaves a stale page in the quick build; the full one finds it by its bytes."""
    served = tmp_path / "served"
    first = full(site, served)
    page = served / "sop" / "prosedur-1.html"
    stale = page.read_text(encoding="utf-8").replace("Prosedur 1", "Nama lama")
    page.unlink()
    page.write_text(stale, encoding="utf-8")  # what the last build served, as if made from an older input
    second = quick(site, served, first)
    assert "sop/prosedur-1.html" in second.reused and "Nama lama" in page.read_text(encoding="utf-8")
    assert full(site, tmp_path / "check", second).changed == ["sop/prosedur-1.html"]


def test_a_missing_file_of_the_last_build_is_rendered_again(site: Path, tmp_path: Path) -> None:
    served, kept = tmp_path / "served", tmp_path / "kept"
    first = full(site, served)
    shutil.copytree(served, kept)
    (kept / "sop" / "prosedur-2.html").unlink()
    second = PageReuse(kept, first.made, quick=True)
    build_site(site, served, pdf=False, reuse=second)
    assert "sop/prosedur-2.html" in second.rendered and "sop/prosedur-1.html" in second.reused
    assert (served / "sop" / "prosedur-2.html").is_file()


def test_a_quick_build_stops_at_a_broken_file_and_leaves_the_served_folder(site: Path, tmp_path: Path) -> None:
    served = tmp_path / "served"
    first = full(site, served)
    before = without_index(served)
    edit(site / "sop" / "prosedur-2.yaml", "nama: Prosedur 2", "nama: Prosedur 2: Legalisir")
    with pytest.raises(ContentError) as raised:
        quick(site, served, first)
    assert any(p.path.endswith("sop/prosedur-2.yaml") and p.line > 0 for p in raised.value.problems)
    assert without_index(served) == before


def test_a_quick_build_leaves_the_lint_to_the_full_one(site: Path, tmp_path: Path) -> None:
    """The quick build checks what stops a page from being made; the lint's errors come with the full build."""
    served = tmp_path / "served"
    first = full(site, served)
    edit(site / "sop" / "prosedur-3.yaml", "nama: Prosedur 3", "nama: Prosedur 3\ndiganti_oleh: prosedur-1")
    quick(site, served, first)
    with pytest.raises(ContentError) as raised:
        full(site, tmp_path / "check")
    assert [(p.path, p.field) for p in raised.value.problems if p.level.name == "ERROR"] == [("content/sop/prosedur-3.yaml", "diganti_oleh")]


def test_a_multi_unit_site_renders_the_edited_units_pages_and_the_portal(tmp_path: Path) -> None:
    """The demo kabupaten: an edit in one unit renders that unit's SOP page and home, and the portal (which lists every unit)."""
    root = tmp_path / "content"
    shutil.copytree(DEMO_KABUPATEN, root)
    served = tmp_path / "served"
    first = PageReuse(served, {}, quick=False)
    build_kabupaten(root, served, pdf=False, reuse=first)
    assert any(p.startswith("dinkes/") for p in first.made) and any(p.startswith("candipuro/sop/") for p in first.made)

    sop = root / "unit" / "candipuro" / "sop" / "monitoring-evaluasi-sop.yaml"
    edit(sop, "nama: Monitoring dan Evaluasi SOP", "nama: Monitoring dan Evaluasi Pelaksanaan SOP")
    second = PageReuse(served, first.made, quick=True)
    build_kabupaten(root, served, pdf=False, reuse=second)
    assert set(second.rendered) == {"candipuro/sop/monitoring-evaluasi-sop.html", "candipuro/index.html"}, "every unit's static/ and assets/ linked"
    assert "Pelaksanaan SOP" in (served / "sop" / "index.html").read_text(encoding="utf-8"), "the portal's list of every SOP"

    check = PageReuse(served, second.made, quick=False)
    build_kabupaten(root, tmp_path / "check", pdf=False, reuse=check)
    assert check.changed == [] and without_index(served) == without_index(tmp_path / "check")


def test_a_quick_build_parses_only_the_edited_file(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sopgen.content import documents

    parsed: list[str] = []
    real = documents.parse

    def counted(text: str, shown: str, notes: list[Any]) -> Any:
        parsed.append(shown)
        return real(text, shown, notes)

    monkeypatch.setattr(documents, "parse", counted)
    served = tmp_path / "served"
    first = full(site, served)
    assert {"content/sop/prosedur-1.yaml", "content/sop/prosedur-3.yaml"} <= set(parsed)
    parsed.clear()
    edit(site / "sop" / "prosedur-3.yaml", "nama: Prosedur 3", "nama: Prosedur Surat Pindah")
    second = quick(site, served, first)
    assert [p for p in parsed if p.startswith("content/sop/")] == ["content/sop/prosedur-3.yaml"]
    parsed.clear()
    edit(site / "sop" / "prosedur-1.yaml", "nama: Prosedur 1", "nama: Prosedur Legalisir")
    third = quick(site, served, second)
    assert [p for p in parsed if p.startswith("content/sop/")] == ["content/sop/prosedur-1.yaml"]
    assert "Prosedur Legalisir" in (served / "sop" / "prosedur-2.html").read_text(encoding="utf-8"), "its keterkaitan title"
    check = full(site, tmp_path / "check", third)
    assert check.changed == [] and without_index(served) == without_index(tmp_path / "check")


def test_a_file_broken_then_mended_is_parsed_again(site: Path, tmp_path: Path) -> None:
    served = tmp_path / "served"
    first = full(site, served)
    sop = site / "sop" / "prosedur-2.yaml"
    edit(sop, "nama: Prosedur 2", "nama: Prosedur 2: Legalisir")
    with pytest.raises(ContentError):
        quick(site, served, first)
    edit(sop, "nama: Prosedur 2: Legalisir", "nama: Prosedur Legalisir")
    second = quick(site, served, first)
    assert "sop/prosedur-2.html" in second.rendered
    assert "Prosedur Legalisir" in (served / "sop" / "prosedur-2.html").read_text(encoding="utf-8")
