"""The Laporan on paper: cross-references print as text (black, not a blue link), the front matter's order
is the site's choice (Daftar Isi after Kata Pengantar), and the demo shows a reconciled printed capaian."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from sopgen.build import build_site
from sopgen.output import BuildResult

from .support import page_of, replace_line, sopgen_check

LAPORAN = Path("laporan/2024/lkjip-kecamatan-candipuro-2024.pdf")


def _colours_of(reader: PdfReader, text: str) -> list[tuple[str, ...]]:
    """The fill colour each run of ``text`` is drawn in, on every page."""
    found: list[tuple[str, ...]] = []
    for page in reader.pages:
        state: dict[str, tuple[str, ...]] = {"colour": ()}

        def operand(op: bytes, args: list[object], cm: object, tm: object) -> None:
            if op in (b"rg", b"g", b"sc", b"scn"):
                state["colour"] = tuple(str(a) for a in args)  # noqa: B023 -- read at once, page by page

        def shown(run: str, cm: object, tm: object, font: object, size: object) -> None:
            if run.strip() == text:
                found.append(state["colour"])  # noqa: B023

        page.extract_text(visitor_operand_before=operand, visitor_text=shown)
    return found


def test_cross_references_print_black(built_demo: BuildResult) -> None:
    reader = PdfReader(built_demo.out_dir / LAPORAN)
    colours = _colours_of(reader, "Tabel 1")
    assert colours, "the Ikhtisar refers to Tabel 1"
    assert ("0", "0", "1") not in colours and all(c in (("0", "0", "0"), ("0",)) for c in colours), colours


def test_demo_reconciles_a_printed_capaian(built_demo: BuildResult) -> None:
    page = (built_demo.out_dir / "kinerja/2024/index.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "Lampiran: reviu capaian tercetak dan hasil rumus" in text
    assert "IKU-09" in text and "75,00%" in text and "dihitung dengan (2 × T − R) / T × 100, bukan T / R × 100" in text


@pytest.mark.slow
def test_daftar_isi_after_kata_pengantar(demo_copy: Path, tmp_path: Path) -> None:
    file = demo_copy / "laporan/2024/laporan.yaml"
    replace_line(file, "ilustrasi: true", "ilustrasi: true\ndaftar_isi_setelah: Kata Pengantar")
    out = tmp_path / "output"
    build_site(demo_copy, out)
    reader = PdfReader(out / LAPORAN)
    marks = [(str(m.title), page_of(reader, m)) for m in reader.outline if not isinstance(m, list)]
    titles = [t for t, _ in marks]
    order = [titles.index(t) for t in ("Kata Pengantar", "Daftar Isi", "Daftar Tabel", "Daftar Gambar", "Ikhtisar Eksekutif")]
    assert order == sorted(order), titles
    pages = dict(marks)
    assert pages["Kata Pengantar"] < pages["Daftar Isi"] < pages["Ikhtisar Eksekutif"] < pages[next(t for t in titles if t.startswith("BAB I") or "Pendahuluan" in t)]
    toc = re.sub(r"\s+", " ", reader.pages[pages["Daftar Isi"]].extract_text())
    assert toc.index("Kata Pengantar") < toc.index("Daftar Gambar") < toc.index("Ikhtisar Eksekutif"), toc[:300]
    word = Document(str(out / LAPORAN.with_suffix(".docx")))
    headings = [p.text for p in word.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert headings.index("Kata Pengantar") < headings.index("Ikhtisar Eksekutif")


def test_daftar_isi_setelah_names_a_front_part(demo_copy: Path) -> None:
    file = demo_copy / "laporan/2024/laporan.yaml"
    line = replace_line(file, "ilustrasi: true", "ilustrasi: true\ndaftar_isi_setelah: Kata Pengantr") + 1
    done = sopgen_check(demo_copy)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert (f"laporan.yaml:{line}:21: daftar_isi_setelah: 'Kata Pengantr' bukan judul bagian depan (pilihan: 'Kata Pengantar', 'Ikhtisar Eksekutif')"
            in done.stderr), done.stderr
