"""The Laporan Kinerja as a page of the site and as a bound PDF, from one rendering of its parts.

Two passes over the parts, as in Pelican: the first numbers every table and figure (so a
reference may point forward, and the Daftar Tabel / Daftar Gambar are complete), the second
renders each part's Markdown. The same part HTML goes into the site page and into the PDF;
only the frame differs (cover, front matter with roman numbers, running header, Daftar Isi with
``target-counter()`` page numbers).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from ..content.directives import Directive
from ..content.laporan import LAPORAN_FILE, LaporanDoc
from ..content.loader import Site
from ..content.markdown_safety import site_image
from ..content.vocabulary import TABEL
from ..models.laporan import Laporan
from ..models.paper import PAPERS
from ..models.pejabat import Pejabat
from ..output import Staging
from .arsip import Arsip
from .docx_page import docx_path
from .env import relative_url, render_page
from .format import file_slug
from .laporan_data import RekapSource
from .markdown_data import DataSource, Generated, Heading, Nomor, Numbering, Part, block_directives, caption, render_part
from .pdf import PdfRenderer

PK_TEMPLATE = "laporan_pk.html"
"""What ``{{ perjanjian-kinerja }}`` prints: the signed agreement in the Lampiran."""
ROMAWI = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


@dataclass(frozen=True)
class BagianTersusun:
    """One rendered part: its anchor, its printed label (BAB III), title, HTML and headings."""

    anchor: str
    label: str
    judul: str
    jenis: str
    tanda_tangan: bool
    html: Markup
    headings: list[Heading]


@dataclass(frozen=True)
class LaporanTersusun:
    """Everything the report templates print."""

    laporan: Laporan
    unit_kerja: str
    kertas: str
    bagian: list[BagianTersusun]
    tabel: list[Nomor]
    gambar: list[Nomor]
    penanda_tangan: Pejabat
    gambar_situs: dict[str, Path]
    """Site files shown as images (site-relative path -> file), copied beside the output."""

    @property
    def depan_sebelum_daftar(self) -> list[BagianTersusun]:
        """The front parts printed before Daftar Isi: all of them, or those up to ``daftar_isi_setelah``."""
        depan = [b for b in self.bagian if b.jenis == "depan"]
        setelah = self.laporan.daftar_isi_setelah
        if setelah is None:
            return depan
        return depan[: next(i for i, b in enumerate(depan) if b.judul == setelah) + 1]

    @property
    def depan_sesudah_daftar(self) -> list[BagianTersusun]:
        """The front parts printed after the lists (Daftar Isi, Tabel, Gambar)."""
        sebelum = self.depan_sebelum_daftar
        return [b for b in self.bagian if b.jenis == "depan" and b not in sebelum]

    @property
    def judul_lengkap(self) -> str:
        """The running title: 'Laporan Kinerja Instansi Pemerintah Kecamatan Candipuro Tahun 2024'."""
        return f"{self.laporan.judul} {self.unit_kerja} Tahun {self.laporan.tahun}"


def laporan_paths(doc: LaporanDoc, site: Site) -> tuple[str, str]:
    """The HTML page and the PDF, e.g. ``laporan/2024/index.html`` and ``…/lkjip-kecamatan-candipuro-2024.pdf``."""
    unit_kerja = doc.model.unit_kerja or site.config.instansi.unit_kerja
    slug = file_slug(f"{doc.model.singkatan} {unit_kerja} {doc.model.tahun}")
    return f"laporan/{doc.id}/index.html", f"laporan/{doc.id}/{slug}.pdf"


def _parts(doc: LaporanDoc) -> list[tuple[Part, str]]:
    """Each part with its numbering prefix ('3' for Bab III, 'L1', '' for front matter) and label."""
    parts: list[tuple[Part, str]] = []
    bab = lampiran = 0
    for index, teks in enumerate(doc.bagian):
        jenis = teks.bagian.jenis
        if jenis == "bab":
            bab += 1
            prefix, label, anchor = str(bab), f"BAB {ROMAWI[bab - 1] if bab <= len(ROMAWI) else bab}", f"bab-{bab}"
        elif jenis == "lampiran":
            lampiran += 1
            prefix, label, anchor = f"L{lampiran}", f"LAMPIRAN {lampiran}", f"lampiran-{lampiran}"
        else:
            prefix, label, anchor = "", "", f"bagian-{index + 1}"
        parts.append((Part(anchor, teks.text, teks.shown, prefix), label))
    return parts


def susun_laporan(doc: LaporanDoc, site: Site, source: DataSource, env: Environment, page_path: str) -> LaporanTersusun:
    """Number, then render every part of one report."""
    laporan = doc.model
    unit_kerja = laporan.unit_kerja or site.config.instansi.unit_kerja
    penanda_tangan = site.pejabat[laporan.penanda_tangan]
    images: dict[str, Path] = {}

    def image_url(value: str) -> str | None:
        found = site_image(value, site.root)
        if isinstance(found, str):
            return None  # reported by the lint at its line; never fetched
        relative = found.relative_to(site.root.resolve()).as_posix()
        images[relative] = found
        return relative_url(page_path, relative)

    parts = _parts(doc)
    numbering = Numbering()
    blocks: dict[Directive, tuple[Nomor | None, Generated | None]] = {}
    for part, _ in parts:
        for directive in block_directives(part):
            generated, kind = _generate(directive, source)
            judul = directive.judul or (generated.judul if generated else "")
            nomor = numbering.assign(part.prefix, kind, directive.key, judul) if kind else None
            blocks[directive] = (nomor, generated)

    def make_block(directive: Directive, nomor: Nomor | None) -> Markup:
        generated = blocks[directive][1]
        if directive.kata == "perjanjian-kinerja":
            return Markup(render_page(env, PK_TEMPLATE, page_path, laporan=laporan, unit_kerja=unit_kerja, penanda_tangan=penanda_tangan, tabel=generated))
        assert nomor is not None  # everything but the Perjanjian Kinerja is numbered
        if directive.kata == "gambar":
            src = image_url(directive.words[1]) or ""
            return Markup('<figure class="gambar" id="{}"><img src="{}" alt="{}"><figcaption>{}</figcaption></figure>').format(nomor.anchor, src, nomor.judul, caption(nomor))
        if generated is None:  # a caption for the hand-written Markdown table below it
            return Markup('<p class="judul-tabel" id="{}">{}</p>').format(nomor.anchor, caption(nomor))
        if directive.kata == "grafik":
            return Markup('<figure class="grafik" id="{}">{}<figcaption>{}</figcaption></figure>').format(nomor.anchor, generated.html, caption(nomor))
        return Markup('<figure class="tabel" id="{}" tabindex="0"><figcaption>{}</figcaption>{}</figure>').format(nomor.anchor, caption(nomor), generated.html)

    numbers = {d: n for d, (n, _) in blocks.items() if n is not None}
    bagian = []
    for (part, label), teks in zip(parts, doc.bagian):
        rendered = render_part(part, numbering, numbers, make_block, source, image_url)
        b = teks.bagian
        bagian.append(BagianTersusun(part.id, label, b.judul, b.jenis, b.tanda_tangan, rendered.html, rendered.headings))
    kertas = laporan.kertas or site.config.kertas
    return LaporanTersusun(laporan, unit_kerja, kertas, bagian, numbering.tables, numbering.figures, penanda_tangan, images)


def _generate(directive: Directive, source: DataSource) -> tuple[Generated | None, str]:
    """The generated content of a block and the kind it is numbered as ('' = not numbered)."""
    kata, args = directive.kata, directive.words[1:]
    kode = args[1] if len(args) > 1 else None
    if kata == "perjanjian-kinerja":
        return source.tabel("perjanjian-kinerja", None), ""
    if kata == "gambar":
        return None, "gambar"
    if kata == "grafik":
        return source.grafik(args[0], kode), "gambar"
    return (source.tabel(args[0], kode) if args[0] in TABEL else None), "tabel"


def write_laporan_page(site: Site, env: Environment, doc: LaporanDoc, stage: Staging, pdf: bool) -> dict[str, Any]:
    """Write the report's page with the images it shows; returns what its PDF prints (the same parts)."""
    assert site.kinerja is not None  # a report without its cycle fails the checks before rendering
    source = RekapSource(site.kinerja.siklus[doc.model.kinerja], env, site.config, doc.model.standar_nasional)
    html_path, pdf_path = laporan_paths(doc, site)
    tersusun = susun_laporan(doc, site, source, env, html_path)
    for relative, file in tersusun.gambar_situs.items():
        if not (stage.root / relative).exists():
            stage.write_bytes(relative, "laporan", file.read_bytes())
    context = {"lap": tersusun, "ukuran_kertas": PAPERS[tersusun.kertas].size()}
    stage.write_text(html_path, doc.shown, render_page(env, "laporan.html", html_path, pdf_url=pdf_path if pdf else None, docx_url=docx_path(pdf_path) if pdf else None,
                                                         sumber=(doc.folder / LAPORAN_FILE).relative_to(site.root).as_posix(), **context))
    return context


NOMOR_HALAMAN = {"depan": "romawi", "isi": "angka"}
"""The report's named pages (laporan.css) and how each is numbered: the PDF's page labels follow."""


def write_laporan_pdf(
    site: Site, env: Environment, doc: LaporanDoc, stage: Staging, renderer: PdfRenderer, context: dict[str, Any], sumber: Sequence[Path],
) -> None:
    """Write the bound report from the parts its page rendered; its page labels are the printed numbers."""
    pdf_path = laporan_paths(doc, site)[1]
    target = stage.path(pdf_path, doc.shown)
    renderer.write(render_page(env, "laporan_pdf.html", pdf_path, **context), target, target, Arsip(site.root, sumber, NOMOR_HALAMAN))
