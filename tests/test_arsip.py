"""Archive-grade PDFs of the demo: PDF/A-3b identification, tags, language and title, the source
YAML inside, page labels equal to the printed numbers; and the demo's life-cycle documents.

The binder is PDF/A-3b too, joined from the finished SOP PDFs: one output intent, its sources
(the Keputusan and the bound SOPs) inside, every font embedded, its stamps included (poppler's
pdffonts); it is tagged, its parts' structure trees joined into one that reaches every page.
veraPDF is not obtainable here (no PyPI, npm or Debian package); every published PDF is validated
against PDF/A-3b by ``page`` (PyPI ``page-validation``: a Rust validator whose authors test it on
veraPDF's corpus and the Isartor suite), the binder against PDF/A-3a too. Beside it, the checks
pikepdf (qpdf) and poppler can make (the structure: :mod:`tests.support_tagged`).
"""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from sopgen.build import BuildResult
from sopgen.render.binder import BINDER_PATH

from .conftest import DEMO
from .support_tagged import structure_problems

DOKUMEN = {
    "sop/penyusunan-sakip.pdf": ["sop/penyusunan-sakip.yaml"],
    "sop/monitoring-evaluasi-sop.pdf": ["sop/monitoring-evaluasi-sop.yaml"],
    "sop/pengumpulan-data-kinerja/monitoring-2024-1.pdf": ["monitoring/pengumpulan-data-kinerja/2024-1.yaml", "sop/pengumpulan-data-kinerja.yaml"],
    "sop/pengumpulan-data-kinerja/evaluasi-2024-2.pdf": ["evaluasi/pengumpulan-data-kinerja/2024-2.yaml", "sop/pengumpulan-data-kinerja.yaml"],
    "perjanjian/2024/perjanjian-kinerja-kecamatan-candipuro-2024.pdf": ["perjanjian/2024/perjanjian.yaml", "kinerja/2024/kinerja.yaml"],
    "laporan/2024/lkjip-kecamatan-candipuro-2024.pdf": ["laporan/2024/laporan.yaml", "laporan/2024/bab-1-pendahuluan.md"],
    "kinerja/2024/rekap-kinerja-2024.pdf": ["kinerja/2024/kinerja.yaml", "kinerja/2024/realisasi-triwulan.csv"],
}
LAPORAN = "laporan/2024/lkjip-kecamatan-candipuro-2024.pdf"


@pytest.mark.parametrize("path", sorted(DOKUMEN))
def test_document_pdf_is_pdf_a_3b_tagged_titled_with_its_source_inside(built_demo: BuildResult, path: str) -> None:
    with pikepdf.open(built_demo.out_dir / path) as pdf:
        assert pdf.check_pdf_syntax() == []  # qpdf's structural check (e.g. a name tree out of order)
        meta = pdf.open_metadata()
        assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) == ("3", "B")
        assert [str(oi.get("/S")) for oi in pdf.Root.OutputIntents] == ["/GTS_PDFA1"]
        assert structure_problems(pdf) == []
        assert str(pdf.Root.Lang) == "id"
        creator = meta.get("dc:creator") or [""]
        assert meta.get("dc:title") and "Kecamatan Candipuro" in creator[0]
        attached = dict(pdf.attachments.items())
        for source in DOKUMEN[path]:
            assert source in attached, attached.keys()
            assert str(attached[source].obj.AFRelationship) == "/Source"
            assert attached[source].get_file().read_bytes() == (DEMO / source).read_bytes()


def test_every_published_pdf_is_pdf_a(built_demo: BuildResult) -> None:
    variants = {}
    for file in sorted(built_demo.out_dir.rglob("*.pdf")):
        with pikepdf.open(file) as pdf:
            variants[file.relative_to(built_demo.out_dir).as_posix()] = pdf.open_metadata().get("pdfaid:part")
    assert {path for path, part in variants.items() if part != "3"} == set()
    assert BINDER_PATH in variants and len(variants) >= 12


def test_every_published_pdf_passes_the_pdf_a_3b_validator(built_demo: BuildResult) -> None:
    import page

    failed = {}
    for file in sorted(built_demo.out_dir.rglob("*.pdf")):
        report = page.validate_pdf(file, profile="3b")
        failed[file.relative_to(built_demo.out_dir).as_posix()] = sorted(f"{f.rule_id}: {f.message}" for f in report.failures)
    assert {path: rules for path, rules in failed.items() if rules} == {} and len(failed) >= 12


def test_demo_binder_is_tagged_as_pdf_a_3a_asks_all_but_its_declared_level(built_demo: BuildResult) -> None:
    """PDF/A-3a adds the structure (tagged, every content marked, Unicode text) to 3b; the binder declares 3b, as WeasyPrint writes."""
    import page

    report = page.validate_pdf(built_demo.out_dir / BINDER_PATH, profile="3a")
    assert [f.rule_id for f in report.failures] == ["PDFA3A-ID-CONFORMANCE-001"], [f.message for f in report.failures]


def test_demo_binder_is_pdf_a_3b_with_its_sources_inside(built_demo: BuildResult) -> None:
    with pikepdf.open(built_demo.out_dir / BINDER_PATH) as pdf:
        assert pdf.check_pdf_syntax() == []
        meta = pdf.open_metadata()
        assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) == ("3", "B")
        assert meta.get("dc:title") == str(pdf.docinfo.Title) == "Himpunan SOP Kecamatan Candipuro"
        assert "Kecamatan Candipuro" in (meta.get("dc:creator") or [""])[0] and "Kecamatan Candipuro" in str(pdf.docinfo.Author)
        assert [str(oi.get("/S")) for oi in pdf.Root.OutputIntents] == ["/GTS_PDFA1"]
        assert str(pdf.Root.Lang) == "id"
        attached = dict(pdf.attachments.items())
        bound = ["monitoring-evaluasi-sop", "pengukuran-data-kinerja", "pengumpulan-data-kinerja", "penyusunan-sakip"]  # not the dicabut 2023 one
        assert sorted(attached) == ["keputusan.yaml", *(f"sop/{name}.yaml" for name in bound)]
        for name, spec in attached.items():
            assert str(spec.obj.AFRelationship) == "/Source" and spec.get_file().read_bytes() == (DEMO / name).read_bytes()
        assert {str(spec.F) for spec in pdf.Root.AF} == set(attached)  # WeasyPrint lists each file twice, one object
        for number, page in enumerate(pdf.pages, 1):
            for annotation in page.obj.get("/Annots", []):
                assert int(annotation.get("/F", 0)) & 4, f"page {number}: an annotation not printed (PDF/A needs the Print flag)"


def test_demo_binder_is_tagged_its_parts_read_in_the_order_of_its_pages(built_demo: BuildResult) -> None:
    """One tree: the front matter's Document, then each bound SOP's, every MCID of every page reached; the stamps are artifacts."""
    with pikepdf.open(built_demo.out_dir / BINDER_PATH) as pdf:
        assert pdf.check_pdf_syntax() == [] and structure_problems(pdf) == []
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) and str(pdf.Root.Lang) == "id"
        root = pdf.Root.StructTreeRoot
        order = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
        starts = [order[document.K[0].Pg.objgen] for document in root.K]
        front = PdfReader(built_demo.out_dir / BINDER_PATH).page_labels.index("1")
        assert [str(document.S) for document in root.K] == ["/Document"] * 5  # the front matter and the four bound SOPs
        assert starts[0] == 0 and starts == sorted(starts) and starts[1] == front
        for page in pdf.pages[front:]:
            drawn = b"".join(stream.read_bytes() for stream in page.obj.Contents)
            assert re.search(rb"/Artifact <</Type /Pagination /Subtype /Header>> BDC q BT /SopgenHlm [^E]*ET Q EMC", drawn)


def test_demo_binder_embeds_every_font_stamps_included(built_demo: BuildResult) -> None:
    from .support_tools import pdf_fonts

    fonts = pdf_fonts(built_demo.out_dir / BINDER_PATH)
    assert fonts and [font.name for font in fonts if not font.embedded] == []
    with pikepdf.open(built_demo.out_dir / BINDER_PATH) as pdf:
        front = PdfReader(built_demo.out_dir / BINDER_PATH).page_labels.index("1")
        stamps = {page.obj.Resources.Font.SopgenHlm.objgen for page in pdf.pages[front:]}
        assert len(stamps) == 1  # one font for every stamp
        stamp = pdf.get_object(stamps.pop())
        assert "Liberation-Sans" in str(stamp.BaseFont) and "/FontFile2" in stamp.DescendantFonts[0].FontDescriptor


def test_demo_binder_names_each_font_program_once(built_demo: BuildResult) -> None:
    """WeasyPrint names every SOP's own subset of a font alike; in the binder no two different programs share a name."""
    from .support_tools import pdf_fonts

    programs: dict[str, set[bytes]] = {}
    with pikepdf.open(built_demo.out_dir / BINDER_PATH) as pdf:
        for font in pdf_fonts(built_demo.out_dir / BINDER_PATH):
            descendant = pdf.get_object(font.object, 0).DescendantFonts[0]
            assert str(descendant.BaseFont) == str(descendant.FontDescriptor.FontName) == "/" + font.name
            programs.setdefault(font.name, set()).add(descendant.FontDescriptor.FontFile2.read_bytes())
    assert [name for name, found in programs.items() if len(found) > 1] == []
    families = sorted({name.split("+")[1] for name in programs})
    assert families == ["Liberation-Sans", "Liberation-Sans-Bold", "Liberation-Sans-Italic"]
    assert len(programs) > len(families), "the SOPs' different subsets keep different names"


def test_laporan_page_labels_are_the_printed_page_numbers(built_demo: BuildResult) -> None:
    reader = PdfReader(built_demo.out_dir / LAPORAN)
    labels = reader.page_labels
    body = labels.index("1")  # the front matter's length follows its lists (Daftar Tabel grows with the tables)
    assert labels[:body] == ["Sampul", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"][:body] and body >= 7
    for index, page in enumerate(reader.pages[1:], start=1):
        printed = re.findall(r"\S+", page.extract_text())[-1]
        assert printed == labels[index], f"page {index + 1} prints {printed}, labelled {labels[index]}"
    assert labels[-1] == str(len(labels) - body)


def test_demo_konsep_has_the_watermark_on_every_page(built_demo: BuildResult) -> None:
    pages = PdfReader(built_demo.out_dir / "sop/monitoring-evaluasi-sop.pdf").pages
    assert len(pages) >= 2
    assert [n for n, page in enumerate(pages, 1) if "KONSEP" not in page.extract_text().upper()] == []


def test_demo_binder_opens_with_the_keputusan_and_the_daftar_sop(built_demo: BuildResult) -> None:
    reader = PdfReader(built_demo.out_dir / BINDER_PATH)
    texts = [" ".join(reader.pages[i].extract_text().split()) for i in range(reader.page_labels.index("1"))]
    assert "KEPUTUSAN CAMAT CANDIPURO NOMOR 188.45/12/427.83/2024" in texts[1]
    assert "DAFTAR STANDAR OPERASIONAL PROSEDUR KECAMATAN CANDIPURO" in texts[2]
    assert "4 700/16.4/SOP/427.83/2024 Monitoring dan Evaluasi SOP Kecamatan Candipuro belum disahkan Konsep" in texts[2]
    assert "(2023)" not in texts[2]  # the dicabut SOP left the binder and its list
    assert "DAFTAR ISI" in texts[-1]


def test_demo_sop_cover_qr_code_is_in_the_pdf(built_demo: BuildResult, tmp_path: Path) -> None:
    from .support_tools import qr_codes, rasterise

    cover = rasterise(built_demo.out_dir / "sop/penyusunan-sakip.pdf", tmp_path, 150)[0]
    assert qr_codes(cover) == ["https://sop.candipuro.example/sop/penyusunan-sakip.html"]
