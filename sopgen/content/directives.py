"""The data directives of the Laporan Kinerja's Markdown: one syntax, learnt from one example.

Everything generated from the recap is written between double braces::

    Capaian IKU 1.1 tahun ini {{ capaian IKU-1.1 }} ({{ predikat IKU-1.1 }}), lihat {{ ref tabel capaian SS-1 }}.

    {{ tabel capaian SS-1 }}
    {{ grafik capaian SS-1 | Target dan Realisasi Sasaran 1 }}
    {{ gambar assets/struktur-organisasi.png | Struktur Organisasi Kecamatan Candipuro }}

The first word says what is wanted. A *value* (``capaian``, ``realisasi`` …) is replaced by the
formatted number inside the sentence. A ``tabel``, ``grafik`` or ``gambar`` stands alone on its
line and becomes a numbered table or figure (Tabel 3.1, Gambar 3.1); text after ``|`` replaces its
default caption. ``ref`` followed by the words of a table or figure prints its number
("Tabel 3.1"), wherever that table is in the report. ``{{ tabel <nama> | <judul> }}`` on the line
above a hand-written Markdown table numbers and captions that table.

This module reads the syntax and checks names against the recap's catalogue; the words
themselves, what each accepts and prints, are declared once in :mod:`.vocabulary`, and bound at
render time (:mod:`sopgen.render.markdown_data`), from the recap.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..domain.rekap import Rekap
from ..errors import Position, Problems, did_you_mean
from .vocabulary import GRAFIK, NILAI, TABEL, Chart, Table

OPEN = "{{"
_DIRECTIVE = re.compile(r"\{\{(.*?)\}\}")
_YEAR = re.compile(r"^(19|20|21)\d\d$")

BLOK = {"tabel", "grafik", "gambar", "perjanjian-kinerja"}
"""Words that make a block of their own line."""
SEMUA_KATA = sorted({*NILAI, *BLOK, "ref"})


@dataclass(frozen=True)
class Directive:
    """One ``{{ … }}`` as written: its words, optional caption, and where it is."""

    words: tuple[str, ...]
    judul: str | None
    where: Position
    block: bool
    """Alone on its line (a table or figure), rather than inside a sentence."""
    start: int
    end: int
    """Character offsets in the line, for replacing it."""

    @property
    def kata(self) -> str:
        return self.words[0] if self.words else ""

    @property
    def key(self) -> str:
        """What ``ref`` repeats to point at this block: its words, e.g. ``tabel capaian SS-1``."""
        return " ".join(self.words)


def value_args(directive: Directive) -> tuple[list[str], str | None]:
    """A value's kode words and the year after them, for a word that takes one (``realisasi IKU-1.1 2023``)."""
    args = list(directive.words[1:])
    spec = NILAI.get(directive.kata)
    year = args.pop() if spec and spec.year and args and _YEAR.match(args[-1]) else None
    return args, year


@dataclass(frozen=True)
class Katalog:
    """The names a report may use: every kode of the recap cycle and the years with data."""

    kode: dict[str, str]
    """kode -> its kind: indikator, sasaran, tujuan, program or kegiatan."""
    tahun: frozenset[int] = field(default_factory=frozenset)
    """Years that have realisasi (the cycle's and earlier ones)."""
    standar: frozenset[str] = field(default_factory=frozenset)
    """Indicators with a national standard in laporan.yaml."""
    entri: dict[str, Any] = field(default_factory=dict)
    """kode -> the recap's entry for it, which a directive reads its value from."""


def katalog_rekap(rekap: Rekap) -> Katalog:
    """Every kode of a recap cycle by kind, with its entry, and the years that have realisasi."""
    entri: dict[str, tuple[str, Any]] = {}
    for t in rekap.tujuan:
        entri[t.tujuan.kode] = ("tujuan", t)
        for s in t.sasaran:
            entri[s.sasaran.kode] = ("sasaran", s)
    for p in rekap.programs:
        entri[p.program.kode] = ("program", p)
        for k in p.kegiatan:
            entri[k.kode] = ("kegiatan", k)
            entri.update((sub.kode, ("kegiatan", sub)) for sub in k.rincian)
    entri.update((i.kode, ("indikator", i)) for i in rekap.semua_indikator())
    years = {rekap.kinerja.tahun} | {t for i in rekap.semua_indikator() for t, v in i.indikator.realisasi_lalu.items() if v is not None}
    return Katalog({k: kind for k, (kind, _) in entri.items()}, frozenset(years), entri={k: e for k, (_, e) in entri.items()})


def scan(text: str, path: str) -> Iterator[Directive | Position]:
    """Every directive of a Markdown text, in order; a bare Position marks an unclosed ``{{``."""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        last = 0
        for match in _DIRECTIVE.finditer(line):
            inner = match.group(1)
            words_part, _, judul = inner.partition("|")
            words = tuple(words_part.split())
            block = stripped == match.group(0) and bool(words) and words[0] in BLOK
            yield Directive(words, judul.strip() or None, Position(path, number, match.start() + 1), block, match.start(), match.end())
            last = match.end()
        if OPEN in line[last:]:
            yield Position(path, number, line.index(OPEN, last) + 1)


def check(directive: Directive, katalog: Katalog, problems: Problems, blocks: set[str]) -> None:
    """Report a directive that names an unknown word, kode, kind or year, with a did-you-mean."""
    where, words = directive.where, directive.words
    if not words:
        problems.add(where, "", "isian {{ }} kosong", "tulis mis. {{ capaian IKU-1.1 }}.")
        return
    kata, args = words[0], list(words[1:])
    if kata == "ref":
        _check_ref(directive, blocks, problems)
    elif kata in BLOK:
        if not directive.block:
            problems.add(where, kata, f"'{kata}' harus berdiri sendiri pada satu baris", "pindahkan isian ini ke baris kosong tersendiri.")
        if kata == "tabel":
            _check_jenis(directive, TABEL, args, katalog, problems, free_name=True)
        elif kata == "grafik":
            _check_jenis(directive, GRAFIK, args, katalog, problems)
        elif kata == "gambar" and (len(args) != 1 or not directive.judul):
            problems.add(where, kata, "gambar memerlukan satu berkas dan judul", "tulis {{ gambar assets/nama.png | Judul Gambar }}.")
        elif kata == "perjanjian-kinerja" and args:
            problems.add(where, kata, "perjanjian-kinerja tidak memerlukan kode", "tulis {{ perjanjian-kinerja }} saja.")
    elif kata in NILAI:
        if directive.judul:
            problems.add(where, kata, "nilai dalam kalimat tidak memakai judul '|'", "hapus bagian setelah '|'.")
        spec = NILAI[kata]
        args, year = value_args(directive)
        _check_args(where, kata, spec.kinds, args, katalog, problems)
        if spec.standar and args and katalog.kode.get(args[0]) == "indikator" and args[0] not in katalog.standar:
            problems.add(where, kata, f"indikator '{args[0]}' tidak mempunyai standar nasional", "tambahkan di standar_nasional pada laporan.yaml.")
        if year is not None:
            if katalog.kode.get(args[0] if args else "") != "indikator":
                problems.add(where, kata, "tahun hanya dapat dipakai untuk indikator", f"tulis mis. {{{{ {kata} IKU-1.1 {year} }}}}.")
            elif int(year) not in katalog.tahun:
                ada = ", ".join(str(t) for t in sorted(katalog.tahun)) or "tidak ada"
                problems.add(where, kata, f"tidak ada data tahun {year}", f"tahun yang tersedia: {ada}.")
    else:
        problems.add(where, "", f"isian '{kata}' tidak dikenal", did_you_mean(kata, SEMUA_KATA) or f"yang dikenal: {', '.join(SEMUA_KATA)}.")


def _check_jenis(directive: Directive, table: Mapping[str, Table | Chart], args: list[str], katalog: Katalog, problems: Problems, free_name: bool = False) -> None:
    kata, where = directive.kata, directive.where
    if not args:
        problems.add(where, kata, f"jenis {kata} belum ditulis", f"pilihan: {', '.join(table)}.")
        return
    jenis, rest = args[0], args[1:]
    if jenis in table:
        _check_args(where, f"{kata} {jenis}", table[jenis].kinds, rest, katalog, problems)
    elif not (free_name and directive.judul and not rest):
        hint = did_you_mean(jenis, table) or f"pilihan: {', '.join(table)}"
        if free_name:
            hint += " (untuk tabel Markdown tulisan sendiri: {{ tabel <nama> | <judul> }} tepat di atas tabelnya)"
        problems.add(where, kata, f"jenis {kata} '{jenis}' tidak dikenal", hint + ("" if hint.endswith((".", "?", ")")) else "."))


def _check_args(where: Position, what: str, kinds: tuple[str, ...], args: list[str], katalog: Katalog, problems: Problems) -> None:
    """Zero or one kode of an accepted kind."""
    named = [k for k in kinds if k]
    if not args:
        if "" not in kinds:
            problems.add(where, what, f"'{what}' memerlukan kode {' atau '.join(named)}", f"tulis mis. {{{{ {what} {_example(named[0], katalog)} }}}}.")
        return
    if len(args) > 1:
        problems.add(where, what, f"terlalu banyak kata: '{' '.join(args)}'", "tulis satu kode saja.")
        return
    kode = args[0]
    kind = katalog.kode.get(kode)
    if kind is None:
        hint = did_you_mean(kode, katalog.kode) or f"kode {' atau '.join(named)} yang ada: {', '.join(k for k, v in katalog.kode.items() if v in named)}."
        problems.add(where, what, f"kode '{kode}' tidak ada pada data kinerja", hint)
    elif kind not in kinds:
        problems.add(where, what, f"'{kode}' adalah {kind}; '{what}' memerlukan {' atau '.join(named) or 'tanpa kode'}", f"mis. {{{{ {what} {_example(named[0], katalog)} }}}}." if named else f"tulis {{{{ {what} }}}} saja.")


def _check_ref(directive: Directive, blocks: set[str], problems: Problems) -> None:
    target = " ".join(directive.words[1:])
    if target not in blocks:
        hint = did_you_mean(target, blocks) or "ref diikuti kata-kata tabel atau gambar yang dirujuk, mis. {{ ref tabel capaian SS-1 }}."
        problems.add(directive.where, "ref", f"tidak ada tabel atau gambar '{target}' dalam laporan ini", hint)


def _example(kind: str, katalog: Katalog) -> str:
    return next((k for k, v in katalog.kode.items() if v == kind), f"<kode {kind}>")
