"""Checks of the Laporan Kinerja: directives, unsafe HTML, images, the 53/2014 analyses.

Everything is checked on the sources, before anything is rendered, so ``sopgen check`` reports
an unknown indicator in the narrative at its Markdown file and line, just as ``build`` would.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ..content.directives import Directive, Katalog, check, katalog_rekap, scan
from ..content.laporan import LaporanDoc, capaian_standar
from ..content.loader import Site
from ..content.markdown_safety import scan as scan_html
from ..content.markdown_safety import site_image
from ..content.vocabulary import BELUM_MENCAPAI, CAPAIAN, MELAMPAUI, MENCAPAI, TABEL, status_capaian
from ..domain.capaian import CapaianError
from ..domain.rekap import Rekap
from ..errors import Level, Position, Problems, did_you_mean

_HEADING = re.compile(r"^(#{1,6})\s")
_STATUS = re.compile(r"\b(?:(belum|tidak|hampir)\s+)?(melampaui|mencapai)\s+target\b", re.IGNORECASE)
"""A qualitative sentence typed by hand: 'melampaui target', '(belum|tidak|hampir) mencapai target'."""
_CLAUSE_END = re.compile(r"[.!?;:](?=\s|$)")
_BLOCK_START = re.compile(r"^\s*(?:[-*+]|\d+[.)]|#|\|)\s")
_KODE = re.compile(r"[\w-]+(?:\.[\w-]+)*")
"""A word that may be a kode (S1.1, 7.01.02, IKU-01), without the full stop after it."""

ANALISIS = {
    "capaian": "perbandingan target dan realisasi tahun ini",
    "perbandingan": "perbandingan dengan tahun-tahun sebelumnya",
    "renstra": "perbandingan dengan target akhir Renstra",
    "efisiensi": "efisiensi penggunaan sumber daya",
    "program": "program dan kegiatan pendukung",
}
"""The data analyses Permenpan RB 53/2014 asks for each sasaran (the national-standard one only
where a standard is given; causes and fixes are narrative)."""


def lint_laporan(site: Site, problems: Problems) -> None:
    """Check every report of the site."""
    for doc in site.laporan.values():
        siklus = site.kinerja.siklus.get(doc.model.kinerja) if site.kinerja else None
        directives = {t.shown: list(scan(t.text, t.shown)) for t in doc.bagian}
        for teks in doc.bagian:
            problems.extend(scan_html(teks.text, teks.shown, site.root))
            _headings(teks.text, teks.shown, problems)
        if siklus is None:
            continue  # the cycle is missing or broken (reported): names cannot be checked
        katalog = replace(katalog_rekap(siklus.rekap), standar=frozenset(doc.model.standar_nasional))
        _standar(doc, siklus.rekap, katalog, problems)
        blocks: dict[str, Directive] = {}
        for found in directives.values():
            for d in found:
                if isinstance(d, Directive) and d.block:
                    if d.key in blocks and d.kata != "perjanjian-kinerja":
                        first = blocks[d.key].where
                        problems.add(d.where, d.kata, f"'{d.key}' sudah ada di {first.path}:{first.line}", "{{ ref " + d.key + " }} menunjuk yang pertama; hapus salah satu bila tidak perlu.", Level.WARNING, "blok-ganda")
                    blocks.setdefault(d.key, d)
        for teks in doc.bagian:
            lines = teks.text.splitlines()
            for d in directives[teks.shown]:
                if not isinstance(d, Directive):
                    problems.add(d, "", "tanda {{ tidak ditutup dengan }} pada baris yang sama", "tulis isian dalam satu baris, mis. {{ capaian IKU-1.1 }}.")
                    continue
                check(d, katalog, problems, set(blocks))
                if d.kata == "gambar" and len(d.words) == 2:
                    image = site_image(d.words[1], site.root)
                    if isinstance(image, str):
                        problems.add(d.where, "gambar", image, "gambar harus berkas di dalam folder situs, mis. assets/struktur-organisasi.png.")
                if d.kata == "tabel" and d.block and len(d.words) > 1 and d.words[1] not in TABEL and d.judul and not _table_follows(lines, d.where.line):
                    problems.add(d.where, "tabel", f"tidak ada tabel Markdown di bawah judul '{d.judul}'", "tulis tabel Markdown (baris diawali '|') tepat di bawah baris ini.")
            _status_typed(teks.text, teks.shown, katalog, problems)
        _analisis(doc, siklus.rekap, set(blocks), problems)


def _headings(text: str, shown: str, problems: Problems) -> None:
    """A heading may go down one level at a time: '#' (A. …), then '##' (1. …), then '###'.

    The part's title is the page's top heading, so a skipped level breaks the outline of the PDF
    and the heading order screen readers rely on.
    """
    level, fenced = 0, False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        match = _HEADING.match(line)
        if fenced or not match:
            continue
        depth = len(match.group(1))
        if depth > level + 1:
            problems.add(Position(shown, number, 1), "", f"judul '{'#' * depth}' melompati tingkat (sebelumnya {'#' * level or 'judul bagian'})", f"pakai '{'#' * (level + 1)}' di sini.", Level.WARNING, "judul-melompat")
        level = depth


def _status_typed(text: str, shown: str, katalog: Katalog, problems: Problems) -> None:
    """Warn where a hand-typed 'melampaui target' contradicts the capaian of the kode it is said of.

    The kode is the nearest one named before the words in the same clause (up to '.', ';' or ':'; in a
    directive or as text), else the nearest after; a clause that names none is left alone, since the
    words may be said of an indicator named in words. ``{{ status KODE }}`` prints them from the data.
    """
    kinds = {k for k in CAPAIAN if k}
    for joined, starts in _paragraphs(text):
        masked, named = joined, []
        for d in scan(joined, shown):
            if isinstance(d, Directive):
                masked = masked[: d.start] + " " * (d.end - d.start) + masked[d.end :]
                named += [(d.start, w) for w in d.words[1:2] if katalog.kode.get(w) in kinds]
        named = sorted(named + [(m.start(), m.group(0)) for m in _KODE.finditer(masked) if katalog.kode.get(m.group(0)) in kinds])
        for found in _STATUS.finditer(masked):
            negated, verb = found.group(1), found.group(2).lower()
            if negated and verb == "melampaui":
                continue  # 'tidak melampaui target' is true of a capaian of exactly 100 and of one below
            typed = BELUM_MENCAPAI if negated else MELAMPAUI if verb == "melampaui" else MENCAPAI
            start = max((m.end() for m in _CLAUSE_END.finditer(masked, 0, found.start())), default=0)
            end = next((m.start() for m in _CLAUSE_END.finditer(masked, found.end())), len(masked))
            before = [k for at, k in named if start <= at < found.start()]
            after = [k for at, k in named if found.end() <= at < end]
            kode = before[-1] if before else after[0] if after else None
            actual = status_capaian(katalog.entri[kode].capaian) if kode else typed
            if actual != typed and not (typed == MENCAPAI and actual == MELAMPAUI):
                line, offset = next((n, at) for at, n in reversed(starts) if at <= found.start())
                problems.add(
                    Position(shown, line, found.start() - offset + 1), "", f"kalimat menyebut '{found.group(0)}', padahal {kode} {actual}",
                    f"tulis {{{{ status {kode} }}}} agar kalimat mengikuti data.", Level.WARNING, "status-kalimat",
                )


def _paragraphs(text: str) -> Iterator[tuple[str, list[tuple[int, int]]]]:
    """Each paragraph or list item as one line (its lines joined by a space), with the offset each line starts at and its number."""
    joined, starts = "", list[tuple[int, int]]()
    for number, line in enumerate(text.splitlines(), start=1):
        if joined and (not line.strip() or _BLOCK_START.match(line)):
            yield joined, starts
            joined, starts = "", []
        if line.strip():
            if joined:
                joined += " "
            starts.append((len(joined), number))
            joined += line
    if joined:
        yield joined, starts


def _standar(doc: LaporanDoc, rekap: Rekap, katalog: Katalog, problems: Problems) -> None:
    """Each standard names an existing indicator and can be scored with that indicator's formula."""
    hasil = {i.kode: i for i in rekap.semua_indikator()}
    for kode, standar in doc.model.standar_nasional.items():
        if katalog.kode.get(kode) != "indikator":
            indikator = [k for k, v in katalog.kode.items() if v == "indikator"]
            problems.add(doc.source.key_at("standar_nasional", kode), f"standar_nasional.{kode}", f"indikator '{kode}' tidak ada pada data kinerja", did_you_mean(kode, indikator))
            continue
        try:
            capaian_standar(hasil[kode], standar, rekap.policy)
        except CapaianError as exc:
            problems.add(doc.source.at("standar_nasional", kode, "nilai"), f"standar_nasional.{kode}.nilai", f"standar tidak dapat dibandingkan dengan realisasi {kode}: {exc}", "tulis standar dalam satuan atau skala indikatornya.")


def _table_follows(lines: list[str], line: int) -> bool:
    """A Markdown table starts on the next non-empty line."""
    for text in lines[line:]:
        if text.strip():
            return text.lstrip().startswith("|")
    return False


def _analisis(doc: LaporanDoc, rekap: Rekap, blocks: set[str], problems: Problems) -> None:
    """Warn when a sasaran lacks one of the data analyses of Bab III A."""
    standar = doc.model.standar_nasional
    for tujuan in rekap.tujuan:
        for s in tujuan.sasaran:
            wanted = dict(ANALISIS)
            if any(i.kode in standar for i in s.indikator):
                wanted["standar-nasional"] = "perbandingan dengan standar nasional"
            missing = [text for jenis, text in wanted.items() if f"tabel {jenis} {s.sasaran.kode}" not in blocks and f"tabel {jenis}" not in blocks]
            if missing:
                problems.add(
                    doc.source.at("bagian"), "bagian",
                    f"analisis sasaran {s.sasaran.kode} belum lengkap: {'; '.join(missing)}",
                    f"tambahkan mis. {{{{ tabel {next(j for j, t in wanted.items() if t == missing[0])} {s.sasaran.kode} }}}} di Bab III (Permenpan RB 53/2014).",
                    Level.WARNING, "analisis-belum-lengkap",
                )
