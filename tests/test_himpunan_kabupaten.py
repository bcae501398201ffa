"""The kabupaten's binder: every unit's own binder behind a divider, in the portal's order, on one paper.

A small kabupaten (the demo's Pasirian and Dinas Kesehatan, without Candipuro, whose Laporan
takes minutes to lay out) is built with PDFs; the binder is read back with pypdf and pikepdf.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from sopgen.build import BuildResult
from sopgen.portal import build_kabupaten, check_kabupaten
from sopgen.render.binder import BINDER_PATH
from sopgen.render.binder_kabupaten import KABUPATEN_BINDER, romawi

from .conftest import DEMO_KABUPATEN
from .support_tagged import structure_problems


def small_kabupaten(target: Path) -> Path:
    """The demo kabupaten with Pasirian and Dinas Kesehatan only (their links to Candipuro dropped)."""
    shutil.copytree(DEMO_KABUPATEN, target, ignore=shutil.ignore_patterns("candipuro"))
    for sop in (target / "unit").glob("*/sop/*.yaml"):
        sop.write_text(re.sub(r"  - candipuro/.*\n", "", sop.read_text(encoding="utf-8")).replace("keterkaitan:\n\n", "keterkaitan: []\n\n"), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = small_kabupaten(tmp_path_factory.mktemp("kab") / "kab")
    return build_kabupaten(root, root.parent / "output")


def texts(pdf: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(pdf).pages]


def test_the_binder_holds_each_units_binder_behind_a_divider_in_the_portals_order(built: BuildResult) -> None:
    out = built.out_dir
    binder = texts(out / KABUPATEN_BINDER)
    pasirian, dinkes = texts(out / "pasirian" / BINDER_PATH), texts(out / "dinkes" / BINDER_PATH)
    # cover, Daftar Isi, then per unit (kecamatan before dinas): a divider and that unit's binder page for page
    assert len(binder) == 2 + 1 + len(pasirian) + 1 + len(dinkes)
    assert "HIMPUNAN\nSTANDAR OPERASIONAL PROSEDUR" in binder[0] and "2 unit kerja · 3 SOP" in binder[0]
    assert re.search(r"I\s+Kecamatan Pasirian\s+2\s+" + str(len(pasirian)), binder[1]), binder[1]
    assert re.search(r"II\s+Dinas Kesehatan\s+1\s+" + str(len(dinkes)), binder[1]), binder[1]
    assert "BAGIAN I\nKECAMATAN PASIRIAN\n2 SOP" in binder[2]
    assert binder[3:3 + len(pasirian)] == pasirian
    divider = 3 + len(pasirian)
    assert "BAGIAN II\nDINAS KESEHATAN\n1 SOP" in binder[divider]
    assert binder[divider + 1:] == dinkes
    assert "contoh ilustrasi" in binder[0].lower()  # both units are illustrative: the cover says so


def test_page_labels_bookmarks_and_links_lead_to_each_part(built: BuildResult) -> None:
    path = built.out_dir / KABUPATEN_BINDER
    pasirian_pages = len(PdfReader(built.out_dir / "pasirian" / BINDER_PATH).pages)
    reader = PdfReader(path)
    labels = reader.page_labels
    assert labels[:4] == ["i", "ii", "Bagian I", "I-i"]
    first_sop = labels.index("I-1")
    assert "Himpunan SOP, hlm. 1" in reader.pages[first_sop].extract_text()  # the number printed is the label's
    assert labels[3 + pasirian_pages] == "Bagian II" and labels[-1].startswith("II-")
    with pikepdf.open(path) as pdf:
        index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}

        def page_of(destination: object) -> int:
            assert isinstance(destination, pikepdf.Array)
            return index[destination[0].objgen]

        with pdf.open_outline() as outline:
            top = [(item.title, page_of(item.destination)) for item in outline.root]
            children = [child.title for child in outline.root[1].children]
        assert top == [("Daftar Isi", 1), ("Bagian I · Kecamatan Pasirian", 2), ("Bagian II · Dinas Kesehatan", 3 + pasirian_pages)]
        assert children[0] == "Daftar Isi" and any("Pelayanan Surat Keterangan" in c for c in children)
        links = [page_of(a.Dest) for a in pdf.pages[1].obj.get("/Annots", []) if a.get("/Subtype") == "/Link"]
        assert sorted(set(links)) == [2, 3 + pasirian_pages]  # each Daftar Isi row jumps to its divider


def test_the_binder_is_tagged_pdfa_with_the_sources_it_binds(built: BuildResult) -> None:
    root = built.out_dir.parent / "kab"
    with pikepdf.open(built.out_dir / KABUPATEN_BINDER) as pdf:
        meta = pdf.open_metadata()
        assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) == ("3", "B")
        assert len(pdf.Root.OutputIntents) == 1
        assert pdf.Root.MarkInfo.Marked and structure_problems(pdf) == []  # every page's content reachable from one tree
        assert pdf.check_pdf_syntax() == []  # qpdf's structural check
        attached = {name: f.get_file().read_bytes() for name, f in pdf.attachments.items()}
    expected = ["pemda.yaml", "unit/dinkes/sop/rekapitulasi-data-kinerja-puskesmas.yaml",
                "unit/pasirian/sop/pelayanan-legalisasi.yaml", "unit/pasirian/sop/pelayanan-surat-keterangan.yaml"]
    assert sorted(attached) == expected
    assert all(attached[name] == (root / name).read_bytes() for name in expected)


def test_the_binder_passes_the_pdf_a_validator_and_names_each_font_program_once(built: BuildResult) -> None:
    import page

    from .support_tools import pdf_fonts

    path = built.out_dir / KABUPATEN_BINDER
    assert [f"{f.rule_id}: {f.message}" for f in page.validate_pdf(path, profile="3b").failures] == []
    assert [f.rule_id for f in page.validate_pdf(path, profile="3a").failures] == ["PDFA3A-ID-CONFORMANCE-001"]  # tagged; declares B
    programs: dict[str, set[bytes]] = {}
    with pikepdf.open(path) as pdf:
        for font in pdf_fonts(path):
            assert font.embedded, font.name
            descendant = pdf.get_object(font.object, 0).DescendantFonts[0]
            programs.setdefault(font.name, set()).add(descendant.FontDescriptor.FontFile2.read_bytes())
    assert [name for name, found in programs.items() if len(found) > 1] == []


def test_the_portal_home_offers_the_binder(built: BuildResult) -> None:
    home = (built.out_dir / "index.html").read_text(encoding="utf-8")
    assert f'<a href="{KABUPATEN_BINDER}" download>Himpunan SOP Pemerintah Kabupaten Lumajang</a>' in home


def test_a_unit_on_other_paper_is_left_out_and_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # messages name files from here: kab/unit/...
    root = small_kabupaten(tmp_path / "kab")
    site = root / "unit/pasirian/site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "kertas: A4\n", encoding="utf-8")
    _, problems = check_kabupaten(root)
    warned = [p for p in problems.warnings if p.code == "kertas-himpunan-kabupaten"]
    assert len(warned) == 1 and warned[0].path == "kab/unit/pasirian/site.yaml" and warned[0].line == len(site.read_text().splitlines())
    assert "kertas A4" in warned[0].message and "kertas F4" in warned[0].message
    built = build_kabupaten(root, tmp_path / "out")
    binder = texts(built.out_dir / KABUPATEN_BINDER)
    assert "Kecamatan Pasirian (kertas A4)" in binder[1] and "KECAMATAN PASIRIAN" not in "".join(binder[2:3])
    assert len(binder) == 3 + len(texts(built.out_dir / "dinkes" / BINDER_PATH))
    sizes = {tuple(sorted(round(float(v)) for v in page.mediabox[2:])) for page in PdfReader(built.out_dir / KABUPATEN_BINDER).pages}
    assert sizes == {(609, 935)}  # every page F4 (215 x 330 mm), upright or the flowchart's landscape
    assert (built.out_dir / "pasirian" / BINDER_PATH).is_file()  # the unit's own binder is still published


def test_no_binder_without_pdfs(tmp_path: Path) -> None:
    root = small_kabupaten(tmp_path / "kab")
    html_only = build_kabupaten(root, tmp_path / "html", pdf=False)
    assert KABUPATEN_BINDER not in html_only.files and "himpunan-sop.pdf" not in (html_only.out_dir / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("number", "text"), [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL"), (70, "LXX"), (1994, "MCMXCIV")])
def test_romawi(number: int, text: str) -> None:
    assert romawi(number) == text
