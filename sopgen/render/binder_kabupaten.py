"""The kabupaten's binder: every unit's Himpunan SOP in one PDF, each behind a divider page.

The Bagian Organisasi keeps the SOPs of every unit in one binder. It is made of the units' own
binders (:mod:`.binder`), joined, not laid out again: only its cover, its Daftar Isi by unit
and the divider pages are rendered (``binder_kabupaten.html``). Each part keeps the page
numbers printed on it, its front matter in Roman numerals and its SOP pages from 1 as stamped,
so a part taken out of the binder is exactly that unit's binder. In a PDF viewer the page
labels say the same with the part in front ("II-12": page 12 of part II), and the bookmarks
hold each unit with its own bookmarks below it.

One binder is one stack of one paper: a unit whose paper is not the kabupaten's (pemda.yaml's
``kertas``) is left out, named in the Daftar Isi as printed apart, and ``check`` warns at its
``kertas:`` line (:func:`warn_other_paper`). The binder is PDF/A-3b like every document: the
front matter is written as such, with pemda.yaml and every bound unit's Keputusan and SOP YAML
attached, and its archive entries become the binder's; it is tagged, each part's structure tree
joined with its pages (:class:`.tagged.StructureJoin`). The binder is written part by part
(:class:`.joined_pdf.JoinedPdf`), one unit binder open at a time.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment
from pikepdf import Array, Dictionary, Name, OutlineItem, Pdf

from ..content.kabupaten import PEMDA_FILE, Kabupaten
from ..content.loader import Site
from ..errors import Level, Problems
from ..models.keputusan import KEPUTUSAN_FILE
from ..models.paper import PAPERS
from ..models.site import JENIS_UNIT
from ..output import Staging
from .arsip import Arsip, write_archive
from .binder import BINDER_PATH, Front, fit, put_front, written_front
from .env import render_page
from .joined_pdf import JoinedPdf
from .listing import binder_sops
from .pdf import PdfRenderer

KABUPATEN_BINDER = "unduhan/himpunan-sop.pdf"
"""The portal's binder, beside each unit's own ``<unit>/unduhan/himpunan-sop.pdf``."""
CODE_KERTAS = "kertas-himpunan-kabupaten"


@dataclass(frozen=True)
class Bagian:
    """One unit's part of the kabupaten binder."""

    unit: str
    nama: str
    romawi: str
    sop: int
    halaman: int
    ilustrasi: bool


@dataclass(frozen=True)
class Terpisah:
    """A unit left out of the binder because its paper is another."""

    nama: str
    kertas: str


def kertas_kabupaten(kabupaten: Kabupaten) -> str:
    """The binder's paper: pemda.yaml's, else the paper every unit defaults to."""
    return kabupaten.config.kertas or "F4"


def warn_other_paper(kabupaten: Kabupaten, problems: Problems) -> None:
    """A unit with SOPs to bind on another paper than the kabupaten's is left out of its binder: say so at its ``kertas:``."""
    paper = kertas_kabupaten(kabupaten)
    for site in kabupaten.sites.values():
        if site.config.kertas != paper and binder_sops(site):
            problems.add(
                site.config_source.at("kertas"), "kertas",
                f"unit ini dicetak di kertas {site.config.kertas}, Himpunan SOP kabupaten di kertas {paper}: "
                "himpunan SOP unit ini tidak masuk ke himpunan kabupaten",
                f"himpunan unit ini tetap terbit sendiri; samakan kertasnya dengan {PEMDA_FILE} (hapus baris ini) "
                "bila harus masuk ke himpunan kabupaten.",
                Level.WARNING, CODE_KERTAS,
            )


def units_in_order(kabupaten: Kabupaten) -> list[tuple[str, Site]]:
    """The units as the portal lists them: by jenis in :data:`JENIS_UNIT`'s order, then by name."""
    def order(item: tuple[str, Site]) -> tuple[int, str]:
        jenis = item[1].config.jenis or "lainnya"
        return JENIS_UNIT.index(jenis), item[1].config.instansi.unit_kerja

    return sorted(kabupaten.sites.items(), key=order)


def build_kabupaten_binder(kabupaten: Kabupaten, site: Site, env: Environment, stage: Staging, renderer: PdfRenderer) -> Path | None:
    """Write the binder from the staged unit binders; None when no unit has one on the kabupaten's paper.

    ``site`` is the portal's (:func:`sopgen.portal.portal_site`): its logo, kop and theme."""
    paper = kertas_kabupaten(kabupaten)
    parts: list[tuple[Site, Path]] = []
    apart: list[Terpisah] = []
    for unit, unit_site in units_in_order(kabupaten):
        staged = stage.root / unit / BINDER_PATH
        if not staged.is_file():
            continue
        if unit_site.config.kertas != paper:
            apart.append(Terpisah(unit_site.config.instansi.unit_kerja, unit_site.config.kertas))
        else:
            parts.append((unit_site, staged))
    if not parts:
        return None
    target = stage.path(KABUPATEN_BINDER, PEMDA_FILE)
    size = PAPERS[paper].size()
    bagian, dividers, sources = [], [], []
    with target.open("wb") as file:
        binder = JoinedPdf(file)
        for number, (unit_site, staged) in enumerate(parts, start=1):
            with Pdf.open(io.BytesIO(staged.read_bytes())) as source:  # one unit binder open at a time, closed once written
                b = Bagian(unit_site.unit or "", unit_site.config.instansi.unit_kerja, romawi(number), len(binder_sops(unit_site)),
                           len(source.pages), unit_site.config.ilustrasi)
                divider = io.BytesIO()
                write_archive(renderer.document(render_page(env, "binder_pembatas.html", KABUPATEN_BINDER, b=b, ukuran_kertas=size), target),
                              divider, Arsip(kabupaten.root))
                with Pdf.open(divider) as divider_pdf:
                    dividers.append(len(binder.pages))
                    binder.add(divider_pdf)
                sources.append(_Source.read(source))
                binder.add(source)
            bagian.append(b)
        sumber = [kabupaten.root / PEMDA_FILE, *(f for unit_site, _ in parts for f in _bound_sources(unit_site))]
        front = written_front(renderer.document(render_page(env, "binder_kabupaten.html", KABUPATEN_BINDER, bagian=bagian, terpisah=apart,
                                                            ilustrasi=any(b.ilustrasi for b in bagian), ukuran_kertas=size), target),
                              Arsip(kabupaten.root, sumber))
        _finish(binder, front, bagian, dividers, sources)
    return target


def _bound_sources(site: Site) -> list[Path]:
    """The files a unit's binder is made from: its Keputusan, if any, and the YAML of every SOP it binds."""
    keputusan = site.root / KEPUTUSAN_FILE
    return [*([keputusan] if keputusan.is_file() else []), *(doc.file for doc in binder_sops(site))]


@dataclass(frozen=True)
class _Source:
    """What a unit binder's catalog says of its pages: its bookmarks (title, page index) and its page labels."""

    outline: list[tuple[str, int]]
    labels: list[tuple[int, Dictionary]]

    @classmethod
    def read(cls, pdf: Pdf) -> _Source:
        index: dict[tuple[int, int], int] = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
        outline = []
        with pdf.open_outline() as tree:
            for item in tree.root:
                dest = item.destination
                if isinstance(dest, Array) and len(dest) and dest[0].objgen in index:
                    outline.append((item.title, index[dest[0].objgen]))
        if Name.PageLabels not in pdf.Root:
            return cls(outline, [(0, Dictionary(S=Name.D))])
        nums = list(pdf.Root.PageLabels.Nums)
        labels = [(int(nums[i]), Dictionary(dict(nums[i + 1].items()))) for i in range(0, len(nums), 2)]
        return cls(outline, labels)


def _finish(binder: JoinedPdf, front: Front, bagian: list[Bagian], dividers: list[int], sources: list[_Source]) -> None:
    """Put the cover and the Daftar Isi first; labels, bookmarks, the Daftar Isi's links to the dividers; close as tagged PDF/A-3b.

    ``dividers``: where each part's divider page is, before the front matter is put in."""
    version = put_front(binder, front, [binder.pages[d] for d in dividers])  # a row's target N > 0 is part N's divider
    opening = front.pages
    divider_at = [opening + d for d in dividers]
    pages = binder.pages
    with binder.skeleton.open_outline() as outline:
        outline.root.append(OutlineItem("Daftar Isi", fit(binder.ref(pages[min(1, opening - 1)]))))
        for b, at, source in zip(bagian, divider_at, sources):
            item = OutlineItem(f"Bagian {b.romawi} · {b.nama}", fit(binder.ref(pages[at])))
            item.children.extend(OutlineItem(title, fit(binder.ref(pages[at + 1 + index]))) for title, index in source.outline)
            outline.root.append(item)
    nums: list[object] = [0, Dictionary(S=Name.r)]
    for b, at, source in zip(bagian, divider_at, sources):
        nums += [at, Dictionary(P=f"Bagian {b.romawi}")]
        for index, label in source.labels:
            label.P = f"{b.romawi}-" + str(label.get(Name.P, ""))
            nums += [at + 1 + index, label]
    binder.catalog.PageLabels = binder.skeleton.make_indirect(Dictionary(Nums=Array(nums)))
    binder.catalog.PageMode = Name.UseOutlines
    binder.close(version)


def romawi(number: int) -> str:
    """``number`` in Roman numerals (a part's number: "II")."""
    values = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
              (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in values:
        count, number = divmod(number, value)
        out += letters * count
    return out
