"""The pohon kinerja (cascading) laid out: tujuan → sasaran → program → kegiatan → indikator, left to right.

Pure: a forest of :class:`Simpul` and a text measure in, boxes and connectors out (no font file,
no SVG; :mod:`sopgen.render.pohon` measures with the bundled font and draws). Each kind of node
has its own column, so an indicator of a sasaran sits in the indicator column beside those of
the programs; its connector runs through its own rows, where no box is.

The layout is a horizontal tidy tree: every subtree owns a band of rows, bands of siblings are
stacked with a gap and never overlap, and a parent is centred on its children's band (its band
grows when it is taller than they are). Text is wrapped by the measure into the box's width,
and a word wider than the box is cut into pieces that fit, so no text leaves its box.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

Measure = Callable[[str, bool], float]
"""The printed width of a text at the layout's font size (bold or not), in layout units."""

KOLOM = ("tujuan", "sasaran", "program", "kegiatan", "indikator")
"""The columns, left to right."""


@dataclass(frozen=True)
class Simpul:
    """One node: its title (kode and name), an optional second line (capaian, predikat), its children."""

    jenis: str
    """One of :data:`KOLOM`: the column it is drawn in."""
    judul: str
    keterangan: str = ""
    """Printed bold under the title, e.g. '101,71% · Sangat Tinggi'."""
    predikat: str | None = None
    """The predikat the box is coloured by (None: uncoloured)."""
    anak: tuple[Simpul, ...] = ()

    def semua(self) -> list[Simpul]:
        """This node and every node below it, depth first."""
        return [self, *(s for a in self.anak for s in a.semua())]


@dataclass(frozen=True)
class Ukuran:
    """The layout's geometry, in layout units (the SVG's user units)."""

    lebar_kotak: float = 150
    jarak_kolom: float = 26
    jarak_baris: float = 7
    padding: float = 5
    huruf: float = 8.5
    """Font size the measure is taken at."""
    tinggi_baris: float = 10.5
    """Line height."""

    def x(self, jenis: str) -> float:
        return KOLOM.index(jenis) * (self.lebar_kotak + self.jarak_kolom)

    @property
    def lebar(self) -> float:
        return len(KOLOM) * self.lebar_kotak + (len(KOLOM) - 1) * self.jarak_kolom


@dataclass(frozen=True)
class Kotak:
    """A laid-out node: its box and its wrapped lines (title lines, then the keterangan's, marked bold)."""

    simpul: Simpul
    x: float
    y: float
    w: float
    h: float
    baris: tuple[tuple[str, bool], ...]

    @property
    def tengah(self) -> float:
        return self.y + self.h / 2


@dataclass(frozen=True)
class TataLetak:
    """The whole drawing: boxes, connectors (polylines), and its size."""

    kotak: tuple[Kotak, ...]
    garis: tuple[tuple[tuple[float, float], ...], ...]
    lebar: float
    tinggi: float
    ukuran: Ukuran = field(default_factory=Ukuran)


def bungkus(text: str, room: float, measure: Measure, bold: bool = False) -> list[str]:
    """Greedy word wrap into lines no wider than ``room``; a word wider than ``room`` is cut where it must."""
    lines: list[str] = []
    current = ""
    for written in text.split():
        word = written
        while measure(word, bold) > room:  # cut an overlong word (a long kode, a URL) into fitting pieces
            cut = next((n for n in range(len(word) - 1, 0, -1) if measure(word[:n], bold) <= room), 1)
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:cut])
            word = word[cut:]
        candidate = f"{current} {word}".strip()
        if current and measure(candidate, bold) > room:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def _baris(simpul: Simpul, ukuran: Ukuran, measure: Measure) -> tuple[tuple[str, bool], ...]:
    room = ukuran.lebar_kotak - 2 * ukuran.padding
    judul = [(line, False) for line in bungkus(simpul.judul, room, measure)]
    keterangan = [(line, True) for line in bungkus(simpul.keterangan, room, measure, bold=True)]
    return tuple(judul + keterangan)


def tata_letak(akar: Sequence[Simpul], measure: Measure, ukuran: Ukuran | None = None) -> TataLetak:
    """Lay out a forest (the tujuan) top to bottom; see the module docstring for the rules."""
    ukuran = ukuran or Ukuran()
    kotak: list[Kotak] = []
    garis: list[tuple[tuple[float, float], ...]] = []

    def tinggi(baris: tuple[tuple[str, bool], ...]) -> float:
        return len(baris) * ukuran.tinggi_baris + 2 * ukuran.padding

    def band(simpul: Simpul, top: float) -> tuple[float, Kotak]:
        """Lay out ``simpul``'s subtree from ``top``; its band's height and its own box."""
        baris = _baris(simpul, ukuran, measure)
        own = tinggi(baris)
        children = [(c, _extent(c)) for c in simpul.anak]
        span = sum(e for _, e in children) + ukuran.jarak_baris * max(0, len(children) - 1)
        extent = max(span, own)
        cursor = top + (extent - span) / 2
        placed: list[Kotak] = []
        for child, child_extent in children:
            placed.append(band(child, cursor)[1])
            cursor += child_extent + ukuran.jarak_baris
        centre = (placed[0].tengah + placed[-1].tengah) / 2 if placed else top + extent / 2
        y = min(max(centre - own / 2, top), top + extent - own)  # never outside its own band
        box = Kotak(simpul, ukuran.x(simpul.jenis), y, ukuran.lebar_kotak, own, baris)
        kotak.append(box)
        if placed:
            trunk = box.x + box.w + ukuran.jarak_kolom / 2
            ends = [box.tengah, *(p.tengah for p in placed)]
            garis.append(((box.x + box.w, box.tengah), (trunk, box.tengah)))
            garis.append(((trunk, min(ends)), (trunk, max(ends))))
            garis.extend(((trunk, p.tengah), (p.x, p.tengah)) for p in placed)
        return extent, box

    cache: dict[int, float] = {}

    def _extent(simpul: Simpul) -> float:
        """A subtree's band height, before it is placed (memoised: each subtree is asked once per level)."""
        key = id(simpul)
        if key not in cache:
            own = tinggi(_baris(simpul, ukuran, measure))
            span = sum(_extent(c) for c in simpul.anak) + ukuran.jarak_baris * max(0, len(simpul.anak) - 1)
            cache[key] = max(own, span)
        return cache[key]

    top = 0.0
    for tree in akar:
        extent, _ = band(tree, top)
        top += extent + 2 * ukuran.jarak_baris
    return TataLetak(tuple(kotak), tuple(garis), ukuran.lebar, max(0.0, top - 2 * ukuran.jarak_baris), ukuran)


def potong(akar: Simpul, muat: Callable[[Simpul], bool]) -> list[Simpul]:
    """A tujuan split into parts that each ``muat`` (fit a page), each with the tujuan at its root.

    Sasaran are kept whole and in order; a part holds as many as fit, one at least (a single
    sasaran too tall for a page is a part of its own and is scaled down by whoever draws it).
    """
    if muat(akar) or len(akar.anak) <= 1:
        return [akar]
    parts: list[Simpul] = []
    current: list[Simpul] = []
    for child in akar.anak:
        trial = Simpul(akar.jenis, akar.judul, akar.keterangan, akar.predikat, (*current, child))
        if current and not muat(trial):
            parts.append(Simpul(akar.jenis, akar.judul, akar.keterangan, akar.predikat, tuple(current)))
            current = [child]
        else:
            current.append(child)
    parts.append(Simpul(akar.jenis, akar.judul, akar.keterangan, akar.predikat, tuple(current)))
    return parts
