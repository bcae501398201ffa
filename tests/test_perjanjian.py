"""The Perjanjian Kinerja as its own signed document: real YAML in, the PDF and page read back.

Every figure printed is the recap cycle's (the same targets the recap prints), so the test reads
them from the demo's kinerja.yaml through the build's own recap and compares with the PDF text.
"""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from sopgen.build import check_site
from sopgen.output import BuildResult
from sopgen.render.format import nilai_indikator, rupiah

from .conftest import DEMO
from .support import replace_line, sopgen_check

PK_DIR = Path("perjanjian/2024")
PDF = PK_DIR / "perjanjian-kinerja-kecamatan-candipuro-2024.pdf"


def _text(pdf: Path) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(pdf).pages]


def test_statement_then_lampiran_with_every_target_and_budget(built_demo: BuildResult) -> None:
    pages = _text(built_demo.out_dir / PDF)
    assert len(pages) == 2, "the statement on one page, the Lampiran on the next"
    statement, lampiran = pages
    assert "PERJANJIAN KINERJA TAHUN 2024" in statement
    assert "selanjutnya disebut pihak pertama" in statement and "selanjutnya disebut pihak kedua" in statement
    assert "BUPATI LUMAJANG" in statement and "Lumajang, 2 Januari 2024" in statement
    assert "AKHMAD KHARIRI" in statement
    site, problems = check_site(DEMO)
    assert site is not None and site.kinerja is not None and not problems.errors
    rekap = site.kinerja.siklus["2024"].rekap
    flat = lampiran.replace(" ", "")
    for tujuan in rekap.tujuan:
        for sasaran in tujuan.sasaran:
            for hasil in sasaran.indikator:
                target = nilai_indikator(hasil.indikator.target, hasil.indikator)
                assert target.replace(" ", "") in flat, f"{hasil.kode}: target {target} missing"
    for program in rekap.programs:
        assert rupiah(program.serapan.pagu).replace(" ", "") in flat, program.program.kode
    assert rupiah(rekap.anggaran.pagu).replace(" ", "") in flat
    for page in pages:
        assert "Contoh ilustrasi" in page, "illustrative data is marked on every page"


def test_page_listed_on_home_and_navigation(built_demo: BuildResult) -> None:
    home = (built_demo.out_dir / "index.html").read_text(encoding="utf-8")
    page = (built_demo.out_dir / PK_DIR / "index.html").read_text(encoding="utf-8")
    assert 'href="perjanjian/2024/index.html"' in home
    assert f'href="{PDF.as_posix()}" download' in home
    assert "Lampiran Perjanjian Kinerja Tahun 2024" in page and "Jumlah anggaran" in page
    assert 'aria-current="page">Perjanjian Kinerja</a>' in page


def test_wrong_pihak_pertama_cycle_and_year_at_their_lines(demo_copy: Path) -> None:
    file = demo_copy / PK_DIR / "perjanjian.yaml"
    pejabat = replace_line(file, "pihak_pertama: camat", "pihak_pertama: camatt")
    done = sopgen_check(demo_copy)
    assert done.returncode == 1
    assert f"perjanjian.yaml:{pejabat}:16: pihak_pertama: pejabat 'camatt' tidak ada di pejabat.yaml; maksud Anda 'camat'?" in done.stderr
    assert "Traceback" not in done.stderr
    replace_line(file, "pihak_pertama: camatt", "pihak_pertama: camat")
    cycle = replace_line(file, 'kinerja: "2024"', 'kinerja: "2042"')
    done = sopgen_check(demo_copy)
    assert f"perjanjian.yaml:{cycle}:10: kinerja: siklus kinerja '2042' tidak ada di folder kinerja/" in done.stderr
    replace_line(file, 'kinerja: "2042"', 'kinerja: "2024"')
    tahun = replace_line(file, "tahun: 2024", "tahun: 2025")
    done = sopgen_check(demo_copy)
    assert done.returncode == 1
    assert f"perjanjian.yaml:{tahun}:8: tahun: tahun 2025 berbeda dari tahun siklus kinerja '2024' (2024)" in done.stderr


def test_missing_field_empty_file_and_folder_without_yaml(demo_copy: Path) -> None:
    file = demo_copy / PK_DIR / "perjanjian.yaml"
    line = replace_line(file, "tempat: Lumajang", "# tempat dihapus")
    (demo_copy / "perjanjian" / "2025").mkdir()
    done = sopgen_check(demo_copy)
    assert done.returncode == 1
    assert "perjanjian.yaml" in done.stderr and "tempat" in done.stderr
    assert "perjanjian/2025:1:1: folder perjanjian tanpa berkas perjanjian.yaml" in done.stderr
    assert line > 0 and "Traceback" not in done.stderr
    file.write_text("", encoding="utf-8")
    done = sopgen_check(demo_copy)
    assert done.returncode == 1 and "perjanjian.yaml:1:1" in done.stderr and "Traceback" not in done.stderr
