"""The pohon kinerja: the pure layout on a synthetic tree of 90+ nodes (no overlap, text inside its box,
connectors through empty rows only), measured with the real font, and the demo's tree in the recap PDF."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader

from sopgen.build import check_site
from sopgen.domain.capaian import SkalaPredikat
from sopgen.domain.pohon import KOLOM, Kotak, Simpul, TataLetak, bungkus, potong, tata_letak
from sopgen.output import BuildResult
from sopgen.render.font_metrics import text_width
from sopgen.render.pohon import PALET, TANPA_CAPAIAN, bagian, pohon, svg_pohon, ukur, warna_predikat

from .conftest import DEMO

NAMA = "Meningkatnya kualitas penyelenggaraan pelayanan administrasi terpadu kecamatan dan kelurahan"


def _synthetic() -> list[Simpul]:
    """Two tujuan, three sasaran each, two IKU and two programs per sasaran, kegiatan with indicators: 92 nodes."""
    def ind(kode: str) -> Simpul:
        return Simpul("indikator", f"{kode} Persentase {NAMA}", "101,71% · Sangat Tinggi", "Sangat Tinggi")

    def kegiatan(kode: str) -> Simpul:
        return Simpul("kegiatan", f"{kode} Kegiatan {NAMA}", anak=(ind(f"K-{kode}"),))

    def program(kode: str) -> Simpul:
        return Simpul("program", f"{kode} Program {NAMA}", "87,50% · Tinggi", "Tinggi", (ind(f"P-{kode}"), kegiatan(f"{kode}.1"), kegiatan(f"{kode}.2")))

    def sasaran(kode: str) -> Simpul:
        return Simpul("sasaran", f"{kode} {NAMA}", "93,75% · Sangat Tinggi", "Sangat Tinggi",
                      (ind(f"IKU-{kode}.1"), ind(f"IKU-{kode}.2"), program(f"7.{kode}.01"), program(f"7.{kode}.02")))

    return [Simpul("tujuan", f"T{t} {NAMA} Kabupaten Lumajang-Candipuro-Senduro-Pasirian-Tempursari", anak=tuple(sasaran(f"S{t}.{s}") for s in (1, 2, 3)))
            for t in (1, 2)]


def _overlap(a: Kotak, b: Kotak) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


def _crosses(segment: tuple[tuple[float, float], ...], box: Kotak) -> bool:
    """Whether an axis-parallel segment enters a box's interior (ending on its edge is how it connects)."""
    (x1, y1), (x2, y2) = segment
    lo_x, hi_x, lo_y, hi_y = min(x1, x2), max(x1, x2), min(y1, y2), max(y1, y2)
    if lo_y == hi_y:  # horizontal
        return box.y < lo_y < box.y + box.h and lo_x < box.x + box.w and box.x < hi_x
    return box.x < lo_x < box.x + box.w and lo_y < box.y + box.h and box.y < hi_y


def _check(letak: TataLetak, nodes: int) -> None:
    u = letak.ukuran
    assert len(letak.kotak) == nodes
    for i, a in enumerate(letak.kotak):
        assert 0 <= a.x and a.x + a.w <= letak.lebar and 0 <= a.y and a.y + a.h <= letak.tinggi + 0.01, a.simpul.judul
        assert a.x == KOLOM.index(a.simpul.jenis) * (u.lebar_kotak + u.jarak_kolom)
        for b in letak.kotak[i + 1:]:
            assert not _overlap(a, b), (a.simpul.judul, b.simpul.judul)
        assert a.h == len(a.baris) * u.tinggi_baris + 2 * u.padding, "every line has its room in the box"
        for text, bold in a.baris:
            assert text_width(text, u.huruf, bold) <= a.w - 2 * u.padding, f"{text!r} leaves its box"
        joined = " ".join(t for t, bold in a.baris if not bold)
        assert joined.replace(" ", "") == a.simpul.judul.replace(" ", ""), "no word is lost when wrapping"
    for line in letak.garis:
        for box in letak.kotak:
            assert not _crosses(line, box), (line, box.simpul.judul)


def test_ninety_node_tree_has_no_overlap_and_every_line_fits_its_box() -> None:
    forest = _synthetic()
    letak = tata_letak(forest, ukur)
    _check(letak, sum(len(t.semua()) for t in forest))
    assert sum(len(t.semua()) for t in forest) == 92


def test_parent_centred_on_its_children() -> None:
    letak = tata_letak(_synthetic()[:1], ukur)
    by_title = {k.simpul.judul: k for k in letak.kotak}
    for box in letak.kotak:
        children = [by_title[c.judul] for c in box.simpul.anak]
        if children:
            assert abs(box.tengah - (children[0].tengah + children[-1].tengah) / 2) < 0.01, box.simpul.judul


def test_an_overlong_word_is_cut_to_fit() -> None:
    lines = bungkus("Kode 7.01.02.1.01.0001.0002.0003.0004.0005.0006.0007.0008.0009 selesai", 60, lambda t, b: text_width(t, 8.5, b))
    assert all(text_width(line, 8.5) <= 60 for line in lines)
    assert "".join(lines).replace(" ", "") == "Kode7.01.02.1.01.0001.0002.0003.0004.0005.0006.0007.0008.0009selesai"


def test_a_tall_tujuan_is_split_by_sasaran_each_part_with_the_tujuan() -> None:
    tujuan = _synthetic()[0]
    parts = potong(tujuan, lambda t: len(t.anak) <= 2)
    assert [len(p.anak) for p in parts] == [2, 1] and all(p.judul == tujuan.judul for p in parts)
    assert potong(tujuan, lambda t: True) == [tujuan]


def test_colours_follow_the_scale_and_the_legend_names_them() -> None:
    site, _ = check_site(DEMO)
    assert site is not None and site.kinerja is not None
    rekap = site.kinerja.siklus["2024"].rekap
    warna = warna_predikat(rekap.policy.skala)
    assert list(warna) == ["Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"] and list(warna.values()) == list(PALET)
    parts = bagian(rekap)
    nodes = sum(len(t.semua()) for t in pohon(rekap))
    assert nodes >= 25
    svg = "".join(svg_pohon(p, "Pohon", warna) for p in parts)
    for hasil in rekap.semua_indikator():
        assert hasil.kode in svg
    assert "IKU-05" in svg and "87,50% · Tinggi" in svg and warna["Tinggi"] in svg, "a predikat is written and coloured"
    assert all(label in svg for label in warna), "the legend names every colour"
    plain = "".join(svg_pohon(p, "Pohon", None) for p in bagian(rekap, warna=False))
    assert "Sangat Tinggi" not in plain and not any(colour in plain for colour in PALET) and TANPA_CAPAIAN in plain
    for part in parts:
        _check(part, len(part.kotak))


def test_recap_pdf_draws_the_tree(built_demo: BuildResult) -> None:
    pdf = built_demo.out_dir / "kinerja/2024/rekap-kinerja-2024.pdf"
    pages = [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(pdf).pages]
    tree = [n for n, p in enumerate(pages) if "TUJUAN SASARAN PROGRAM KEGIATAN INDIKATOR" in p]
    assert tree, "the column heads of the tree are printed"
    text = " ".join(pages[n] for n in tree)
    assert "Pohon kinerja" in pages[tree[0]]
    for kode in ("T1", "T2", "S1.1", "S2.2", "7.01.03.1.01", "IKU-09", "K-01"):
        assert kode in text, kode
    page = (built_demo.out_dir / "kinerja/2024/index.html").read_text(encoding="utf-8")
    assert page.count('class="pohon"') == len(tree) and 'id="pohon-kinerja"' in page
    assert Path(pdf).stat().st_size > 0


def test_a_long_scale_wraps_its_legend_and_names_every_label() -> None:
    labels = ["Sangat Berhasil Melampaui Target", "Berhasil Sesuai Target Perjanjian", "Cukup Berhasil Mendekati Target", "Kurang Berhasil Jauh di Bawah Target"]
    skala = SkalaPredikat(tuple((Decimal(b), label) for b, label in zip((100, 75, 55), labels)), labels[-1])
    letak = tata_letak(_synthetic()[:1], ukur)
    svg = svg_pohon(letak, "Pohon", warna_predikat(skala))
    assert all(label in svg for label in labels)
    assert float(re.search(r'viewBox="0 0 \d+ (\d+)"', svg).group(1)) > letak.tinggi + 40, "the legend's second row has its room"
