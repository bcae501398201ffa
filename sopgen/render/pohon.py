"""The pohon kinerja as SVG: the cycle's plan as a tree (:mod:`sopgen.domain.pohon`), boxes coloured by predikat.

Text is measured with the bundled Liberation Sans (:mod:`.font_metrics`), the font both the page
and the PDF draw with, so the wrapped lines fit their boxes in both. A box with a capaian prints
it with its predikat in words; the colour repeats the predikat and the legend names each colour,
so nothing is told by colour alone. A tujuan too tall for one page is drawn in parts (each with
the tujuan at its root) rather than shrunk until unreadable.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from ..domain.agregasi import Agregat
from ..domain.capaian import Capaian, SkalaPredikat
from ..domain.pohon import KOLOM, Simpul, TataLetak, Ukuran, potong, tata_letak
from ..domain.rekap import Rekap, RekapIndikator
from ..models.blank import BELUM_TERSEDIA
from .charts import FONT, INK, MUTED
from .font_metrics import text_width
from .format import persen_capaian

PALET = ("#9fd8a8", "#d4efc4", "#fbe99a", "#fbc896", "#f2a7a7")
"""Best to worst, light enough for black text (contrast above 10:1); a scale of n bands takes n colours spread over it."""
TANPA_CAPAIAN = "#eef1f4"
"""A node without a capaian (belum tersedia), or every node of an uncoloured tree."""
TINGGI_HALAMAN = 400.0
"""The tallest part drawn on one page, in layout units: the figure spans the landscape page's width (846 units
for about 300 mm), so 400 units with the column heads and the legend are about 165 mm, a landscape page under its heading."""


def warna_predikat(skala: SkalaPredikat) -> dict[str, str]:
    """Each label of the scale (best first) with its colour."""
    labels = [label for _, label in skala.tingkat] + [skala.terendah]
    last = len(labels) - 1
    return {label: PALET[round(i * (len(PALET) - 1) / last) if last else 0] for i, label in enumerate(labels)}


def _hasil(nilai: Capaian | Agregat | None, warna: bool) -> tuple[str, str | None]:
    if not warna:
        return "", None
    if nilai is None or nilai.bulat is None:
        return f"Capaian {BELUM_TERSEDIA}", None
    return f"{persen_capaian(nilai)} · {nilai.predikat}", nilai.predikat


def _indikator(items: tuple[RekapIndikator, ...], warna: bool) -> tuple[Simpul, ...]:
    return tuple(Simpul("indikator", f"{i.kode} {i.indikator.nama}", *_hasil(i.capaian, warna)) for i in items)


def pohon(rekap: Rekap, warna: bool = True) -> list[Simpul]:
    """The cycle's plan as a forest of tujuan; with ``warna`` each node carries its capaian and predikat."""
    forest = []
    for t in rekap.tujuan:
        sasaran = []
        for s in t.sasaran:
            programs = []
            for p in s.program:
                kegiatan = tuple(Simpul("kegiatan", f"{k.kode} {k.nama}", *_hasil(k.capaian if k.indikator else None, warna) if k.indikator else ("", None),
                                        _indikator(k.indikator, warna)) for k in p.kegiatan)
                own = _hasil(p.capaian, warna) if p.indikator else ("", None)
                programs.append(Simpul("program", f"{p.program.kode} {p.program.nama}", *own, anak=_indikator(p.indikator, warna) + kegiatan))
            sasaran.append(Simpul("sasaran", f"{s.sasaran.kode} {s.sasaran.uraian}", *_hasil(s.capaian, warna), anak=_indikator(s.indikator, warna) + tuple(programs)))
        forest.append(Simpul("tujuan", f"{t.tujuan.kode} {t.tujuan.uraian}", *_hasil(t.capaian, warna), anak=_indikator(t.indikator, warna) + tuple(sasaran)))
    return forest


UKURAN = Ukuran()
"""The geometry every part is laid out with."""


def ukur(text: str, bold: bool) -> float:
    """The layout's measure: the bundled font at the boxes' size."""
    return text_width(text, UKURAN.huruf, bold)


def bagian(rekap: Rekap, warna: bool = True) -> list[TataLetak]:
    """The tree laid out in parts that each fit a page: one per tujuan, split by sasaran when taller."""
    def muat(tree: Simpul) -> bool:
        return tata_letak([tree], ukur, UKURAN).tinggi <= TINGGI_HALAMAN

    return [tata_letak([part], ukur, UKURAN) for tree in pohon(rekap, warna) for part in potong(tree, muat)]


def svg_pohon(letak: TataLetak, judul: str, warna: dict[str, str] | None) -> str:
    """One part of the tree as an SVG: column heads, connectors, boxes with their lines, the legend."""
    u = letak.ukuran
    head = 16.0
    legend, legend_h = _legenda(warna, head + letak.tinggi + 10) if warna else ([], 0.0)
    height = head + letak.tinggi + (legend_h + 10 if warna else 0.0) + 4
    body = [f'<text x="{u.x(k) + u.lebar_kotak / 2:.1f}" y="10" font-size="8" font-weight="bold" text-anchor="middle" fill="{MUTED}">{k.upper()}</text>' for k in KOLOM]
    for line in letak.garis:
        points = " ".join(f"{x:.1f},{y + head:.1f}" for x, y in line)
        body.append(f'<polyline points="{points}" fill="none" stroke="{MUTED}" stroke-width="0.8"/>')
    for box in letak.kotak:
        fill = (warna or {}).get(box.simpul.predikat or "", TANPA_CAPAIAN)
        y = box.y + head
        body.append(f'<rect x="{box.x:.1f}" y="{y:.1f}" width="{box.w:.1f}" height="{box.h:.1f}" rx="3" fill="{fill}" stroke="{INK}" stroke-width="0.6"/>')
        for n, (text, bold) in enumerate(box.baris):
            baseline = y + u.padding + (n + 1) * u.tinggi_baris - 2.6
            weight = ' font-weight="bold"' if bold else ""
            body.append(f'<text x="{box.x + u.padding:.1f}" y="{baseline:.1f}" font-size="{u.huruf}"{weight} fill="{INK}">{escape(text)}</text>')
    body += legend
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pohon" viewBox="0 0 {u.lebar:.0f} {height:.0f}" width="{u.lebar:.0f}" height="{height:.0f}" '
        f'role="img" aria-label={quoteattr(judul)} font-family={quoteattr(FONT)}><title>{escape(judul)}</title>' + "".join(body) + "</svg>"
    )


def _legenda(warna: dict[str, str], y: float) -> tuple[list[str], float]:
    """Each colour with its predikat in words, and the uncoloured box's meaning, in rows as wide as the tree; and their height."""
    items = [*warna.items(), (f"capaian {BELUM_TERSEDIA} / tidak diukur", TANPA_CAPAIAN)]
    parts = [f'<text x="0" y="{y + 9:.1f}" font-size="8" font-weight="bold" fill="{INK}">Warna = predikat (tertulis juga di setiap kotak):</text>']
    x, row = 0.0, y + 14
    for label, colour in items:
        width = 16 + text_width(label, 8) + 14
        if x and x + width > UKURAN.lebar:
            x, row = 0.0, row + 14
        parts.append(f'<rect x="{x:.1f}" y="{row:.1f}" width="12" height="10" fill="{colour}" stroke="{INK}" stroke-width="0.6"/>')
        parts.append(f'<text x="{x + 16:.1f}" y="{row + 8:.1f}" font-size="8" fill="{INK}">{escape(label)}</text>')
        x += width
    return parts, row + 10 - y
