"""The demo Laporan Kinerja PDF, read back with pypdf: Daftar Isi pages, outline, paper, numbering.

Everything is read from the PDF the session build wrote, so these tests check what a reader of
the printed report sees, not what the templates meant to print.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import Destination

from sopgen.build import BuildResult

from .support import page_of, page_words
from .test_recap import DEFINISI

pytestmark = pytest.mark.slow

PDF = "laporan/2024/lkjip-kecamatan-candipuro-2024.pdf"
ENTRY = re.compile(r"^(?P<title>.+?)\s*\.{4,}\s*(?P<page>[ivxlcdm]+|\d+)$")
NUMBER = re.compile(r"^([ivxlcdm]+|\d+)$")
F4_PT = (215 / 25.4 * 72, 330 / 25.4 * 72)


@pytest.fixture(scope="module")
def reader(built_demo: BuildResult) -> PdfReader:
    return PdfReader(Path(built_demo.out_dir) / PDF)


def footer_number(reader: PdfReader, index: int) -> str:
    """The page number printed at the foot of a page (the lowest chunk that is only a number)."""
    chunks: list[tuple[float, str]] = []

    def visit(text, cm, tm, font, size):
        if NUMBER.match(text.strip()):
            chunks.append((tm[5], text.strip()))

    reader.pages[index].extract_text(visitor_text=visit)
    assert chunks, f"page {index + 1} has no page number"
    return max(chunks)[1]  # WeasyPrint's text matrix grows downwards: the largest y is the foot


def page_text(reader: PdfReader, index: int) -> str:
    return " ".join(reader.pages[index].extract_text().split())


def outline(reader: PdfReader) -> list[tuple[str | None, int]]:
    """Top-level outline entries: (title, 0-based page)."""
    return [(o.title, page_of(reader, o)) for o in reader.outline if isinstance(o, Destination)]


def daftar_isi(reader: PdfReader) -> dict[str, str]:
    """Entries of the Daftar Isi (the pages from its bookmark to the next one): title -> page number."""
    starts = dict(outline(reader))
    entries: dict[str, str] = {}
    for index in range(starts["Daftar Isi"], starts["Daftar Tabel"]):
        for line in reader.pages[index].extract_text().splitlines():
            match = ENTRY.match(line.strip())
            if match:
                entries[" ".join(match["title"].split())] = match["page"]
    return entries


def test_daftar_isi_pages_are_where_parts_start(reader: PdfReader) -> None:
    """Each part's Daftar Isi number is the number printed on the page where that part begins."""
    toc = daftar_isi(reader)
    for title, page in outline(reader):
        printed_title = title.upper() if title.startswith(("BAB", "LAMPIRAN")) else title
        assert printed_title in toc, f"{title!r} missing from the Daftar Isi {sorted(toc)}"
        assert toc[printed_title] == footer_number(reader, page), f"{title}: Daftar Isi says {toc[printed_title]}, the part starts on the page numbered {footer_number(reader, page)}"
        assert printed_title.upper() in page_text(reader, page).upper(), f"{title} does not start on page {page + 1}"


def test_outline_has_one_entry_per_part(reader: PdfReader) -> None:
    titles = [t for t, _ in outline(reader)]
    assert titles == [
        "Kata Pengantar", "Ikhtisar Eksekutif", "Daftar Isi", "Daftar Tabel", "Daftar Gambar",
        "BAB I Pendahuluan", "BAB II Perencanaan Kinerja", "BAB III Akuntabilitas Kinerja", "BAB IV Penutup",
        "LAMPIRAN 1 Perjanjian Kinerja Tahun 2024", "LAMPIRAN 2 Pengukuran Kinerja Tahun 2024",
    ]
    pages = [p for _, p in outline(reader)]
    assert pages == sorted(pages) and len(set(pages)) == len(pages), "every part starts on its own page, in order"


def test_front_matter_roman_body_arabic(reader: PdfReader) -> None:
    """Cover unnumbered, front matter i, ii, …, body restarting at 1 and counting up by one."""
    starts = dict(outline(reader))
    first_body = starts["BAB I Pendahuluan"]
    assert "LAPORAN KINERJA INSTANSI PEMERINTAH" in page_text(reader, 0)
    assert [footer_number(reader, i) for i in range(1, 4)] == ["i", "ii", "iii"]
    body = [footer_number(reader, i) for i in range(first_body, len(reader.pages))]
    assert body == [str(n) for n in range(1, len(body) + 1)]


def test_f4_portrait_and_marked_illustrative_on_every_page(reader: PdfReader) -> None:
    for index, page in enumerate(reader.pages):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == tuple(round(v) for v in F4_PT)
        text = page_text(reader, index).lower()
        assert "ilustrasi" in text and "bukan laporan resmi" in text, f"page {index + 1} is not marked illustrative"


def test_chapters_number_their_tables(reader: PdfReader) -> None:
    """Tabel 3.1 opens Bab III; the Daftar Tabel lists it with the page it is printed on."""
    starts = dict(outline(reader))
    bab3 = starts["BAB III Akuntabilitas Kinerja"]
    text = " ".join(page_text(reader, i) for i in range(bab3, starts["BAB IV Penutup"]))
    assert "Tabel 3.1 Capaian Kinerja Sasaran S1.1 Tahun 2024" in text
    assert "Gambar 3.1 Target dan Realisasi Indikator Kinerja Utama" in text
    daftar = page_text(reader, starts["Daftar Tabel"])
    match = re.search(r"Tabel 3\.1 Capaian Kinerja Sasaran S1\.1 Tahun 2024 \.+ (\d+)", daftar)
    assert match, daftar[:400]
    printed_on = next(i for i in range(bab3, len(reader.pages)) if "Tabel 3.1 Capaian" in page_text(reader, i))
    assert match[1] == footer_number(reader, printed_on)


def test_capaian_tables_say_what_each_indicator_means(reader: PdfReader, built_demo: BuildResult) -> None:
    """Bab III's capaian table and the Lampiran's pengukuran table carry kinerja.yaml's definisi, cara_ukur, penjelasan."""
    starts = dict(outline(reader))
    bab3 = " ".join(page_text(reader, i) for i in range(starts["BAB III Akuntabilitas Kinerja"], starts["BAB IV Penutup"]))
    tabel_31 = bab3.split("Tabel 3.1 Capaian Kinerja Sasaran S1.1 Tahun 2024")[1].split("IKM melampaui target: realisasinya")[0]
    lampiran = " ".join(page_text(reader, i) for i in range(starts["LAMPIRAN 2 Pengukuran Kinerja Tahun 2024"], len(reader.pages)))
    lampiran = re.sub(r"(\w)- (\w)", r"\1-\2", lampiran)  # its narrow columns wrap "rata-rata" after the hyphen
    page = page_words((Path(built_demo.out_dir) / "laporan/2024/index.html").read_text(encoding="utf-8"))
    for want in DEFINISI[:3]:
        assert want in tabel_31, want
    for want in DEFINISI:
        assert want in lampiran, want
        assert want in page, want
    quarters = lampiran.split("Tabel L2.3 Target, Realisasi dan Capaian Indikator per Triwulan Tahun 2024")[1]
    assert "Capaian 101,50% 101,90% 101,94% 101,49% 101,71%" in quarters
    assert "Capaian 116,67% 120,00% 120,00% 120,00% 120,00%" in quarters


def test_signatures_under_kata_pengantar_and_on_the_perjanjian_kinerja(reader: PdfReader) -> None:
    starts = dict(outline(reader))
    kata = page_text(reader, starts["Kata Pengantar"])
    assert "Candipuro, 28 Februari 2025" in kata and "AKHMAD KHARIRI, SH" in kata and "NIP. 19720818 199403 1 009" in kata
    pk = page_text(reader, starts["LAMPIRAN 1 Perjanjian Kinerja Tahun 2024"])
    assert "Pihak Pertama" in pk and "Pihak Kedua" in pk and "BUPATI LUMAJANG" in pk and "NIP. 19720818 199403 1 009" in pk
