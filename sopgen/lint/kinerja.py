"""Checks of the measurement data: the mistakes published SAKIP reports really carry.

* ``polaritas-terdengar-negatif``: a name that sounds lower-is-better ("jumlah pengaduan",
  "angka kemiskinan", "penurunan", "menurunnya") scored as positif, declared or by default;
  the mistake that turns fewer complaints into a worse capaian.
* ``persen-di-atas-100``: a realisasi above 100 on a percentage.
* ``target-berubah``: the Perjanjian Kinerja target differs from the Renstra/RKT target.
* ``tanpa-sumber-data``: a realisasi whose source is not written, so nobody can trace it.
* ``realisasi-berbeda``: the year's realisasi disagrees with its quarters combined.
* ``anggaran-melebihi-pagu``: a realisasi anggaran above its pagu.
* The reviewer's checks (a formula or polaritas changing between years, a cara_ukur naming
  another formula, an implausible capaian): :mod:`.kinerja_reviu`.

All are warnings (``--strict`` fails on them); an indicator that deliberately departs lists the
code in ``abaikan_peringatan``. Each warning points at the figure's own line, or at the sheet
cell it was imported from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from functools import partial

from ..content.kinerja import Siklus
from ..content.kinerja_indeks import Letak
from ..content.loader import Site
from ..content.yamlsource import FieldPath, field_name
from ..domain.agregasi import AturanTriwulan, gabung_triwulan
from ..domain.capaian import CapaianError
from ..errors import Level, Problem, Problems
from .abaikan import silenced
from .kinerja_reviu import CODES_REVIU, lint_reviu

CODE_POLARITAS = "polaritas-terdengar-negatif"
CODE_PERSEN = "persen-di-atas-100"
CODE_TARGET = "target-berubah"
CODE_SUMBER = "tanpa-sumber-data"
CODE_BERBEDA = "realisasi-berbeda"
CODE_PAGU = "anggaran-melebihi-pagu"
CODES_KINERJA = (CODE_POLARITAS, CODE_PERSEN, CODE_TARGET, CODE_SUMBER, CODE_BERBEDA, *CODES_REVIU)
"""The codes an indicator may list in ``abaikan_peringatan``."""

NEGATIF = re.compile(
    r"\b(angka kemiskinan|kemiskinan|pengangguran|jumlah pengaduan|pengaduan|keluhan|penurunan|menurunnya"
    r"|angka kematian|kematian|kasus|konflik|temuan|tunggakan)\b",
    re.IGNORECASE,
)
PERSEN = {"%", "persen", "persentase"}


def lint_kinerja(site: Site, problems: Problems) -> None:
    """Every check of every cycle, less what each indicator chose to silence."""
    if site.kinerja is None:
        return
    cycles = site.kinerja.siklus.values()
    batas_wajar = site.kinerja.kebijakan.batas_wajar
    for siklus in cycles:
        earlier = {s.model.tahun: s for s in cycles if s.model.tahun < siklus.model.tahun}
        for letak in siklus.letak.values():
            found = Problems()
            lint_indikator(siklus, letak, found)
            lint_reviu(siklus, letak, earlier, batas_wajar, partial(_warn, siklus, letak, problems=found))
            problems.extend(_silenced(siklus, letak, found.items))
        _anggaran(siklus, problems)


def lint_indikator(siklus: Siklus, letak: Letak, problems: Problems) -> None:
    """The checks of one indicator that read only its own cycle, unsilenced."""
    _polaritas(siklus, letak, problems)
    _persen(siklus, letak, problems)
    _target_berubah(siklus, letak, problems)
    _sumber(siklus, letak, problems)
    _berbeda(siklus, letak, problems)


def _warn(siklus: Siklus, letak: Letak, rel: FieldPath, message: str, hint: str, code: str, problems: Problems) -> None:
    """At the figure's cell when it was imported, else at its YAML line."""
    where, name = siklus.tempat(letak.indikator.kode, rel)
    problems.add(where, name, message, hint, Level.WARNING, code)


def _polaritas(siklus: Siklus, letak: Letak, problems: Problems) -> None:
    ind = letak.indikator
    match = NEGATIF.search(ind.nama)
    if not match or ind.polaritas not in (None, "positif"):
        return
    kata = match.group(0).lower()
    if ind.polaritas is None:
        _warn(siklus, letak, ("nama",), f"nama indikator memuat '{kata}' (makin rendah makin baik?) tetapi dinilai positif karena polaritas tidak ditulis",
              "tulis 'polaritas: negatif' bila makin rendah makin baik, atau 'polaritas: positif' beserta "
              f"'abaikan_peringatan: [{CODE_POLARITAS}]' bila memang makin tinggi makin baik.", CODE_POLARITAS, problems)
    else:
        _warn(siklus, letak, ("polaritas",), f"nama indikator memuat '{kata}' (makin rendah makin baik?) tetapi polaritasnya positif",
              f"periksa polaritasnya; bila memang makin tinggi makin baik (mis. persentase penurunan), tambahkan 'abaikan_peringatan: [{CODE_POLARITAS}]'.",
              CODE_POLARITAS, problems)


def _figures(siklus: Siklus, letak: Letak) -> Iterator[tuple[FieldPath, Decimal]]:
    """Every numeric realisasi of an indicator with its path (not those read from an earlier cycle: linted there)."""
    ind = letak.indikator
    if isinstance(ind.realisasi, Decimal):
        yield ("realisasi",), ind.realisasi
    if ind.triwulan:
        for i, value in enumerate(ind.triwulan.realisasi):
            if isinstance(value, Decimal):
                yield ("triwulan", "realisasi", i), value
    for year, value in ind.realisasi_lalu.items():
        if isinstance(value, Decimal) and (ind.kode, year) not in siklus.dibaca:
            yield ("realisasi_lalu", str(year)), value


def _persen(siklus: Siklus, letak: Letak, problems: Problems) -> None:
    ind = letak.indikator
    if ind.satuan.strip().lower() not in PERSEN:
        return
    for rel, value in _figures(siklus, letak):
        if value > 100:
            _warn(siklus, letak, rel, f"realisasi {value} melebihi 100 pada indikator persentase",
                  "periksa pembilang dan penyebutnya; persentase bagian dari keseluruhan tidak dapat melebihi 100.", CODE_PERSEN, problems)


def _target_berubah(siklus: Siklus, letak: Letak, problems: Problems) -> None:
    ind = letak.indikator
    if ind.target_renstra is not None and ind.target_renstra != ind.target:
        _warn(siklus, letak, ("target",), f"target Perjanjian Kinerja ({_teks(ind.target)}) berbeda dari target Renstra/RKT ({_teks(ind.target_renstra)})",
              "capaian dihitung terhadap target Perjanjian Kinerja; jelaskan perubahannya di 'penjelasan' atau samakan targetnya.", CODE_TARGET, problems)


def _sumber(siklus: Siklus, letak: Letak, problems: Problems) -> None:
    ind = letak.indikator
    measured = ind.realisasi is not None or (ind.triwulan is not None and any(v is not None for v in ind.triwulan.realisasi))
    if measured and not ind.sumber_data:
        _warn(siklus, letak, ("kode",), f"realisasi {ind.kode} tidak dapat ditelusuri: sumber_data belum diisi",
              "tulis dari mana angka realisasi diambil, mis. 'sumber_data: Register PATEN Seksi Pelayanan'.", CODE_SUMBER, problems)


def _berbeda(siklus: Siklus, letak: Letak, problems: Problems) -> None:
    ind = letak.indikator
    if not isinstance(ind.realisasi, Decimal) or ind.triwulan is None:
        return
    try:
        gabungan = gabung_triwulan(ind.triwulan.realisasi, AturanTriwulan(ind.triwulan.aturan))
    except CapaianError:
        return  # reported where the quarters are checked
    if gabungan.nilai is not None and gabungan.lengkap and gabungan.nilai != ind.realisasi:
        _warn(siklus, letak, ("realisasi",), f"realisasi tahunan {ind.realisasi} berbeda dari gabungan triwulan {gabungan.nilai} ({gabungan.rumus})",
              "capaian dihitung dari realisasi tahunan; samakan, atau kosongkan salah satunya.", CODE_BERBEDA, problems)


def _anggaran(siklus: Siklus, problems: Problems) -> None:
    for ti, t in enumerate(siklus.model.tujuan):
        for si, s in enumerate(t.sasaran):
            for pi, p in enumerate(s.program):
                for ki, k in enumerate(p.kegiatan):
                    base: FieldPath = ("tujuan", ti, "sasaran", si, "program", pi, "kegiatan", ki)
                    items = [(base, k.pagu, k.realisasi_anggaran)] + [
                        (base + ("sub_kegiatan", ui), u.pagu, u.realisasi_anggaran) for ui, u in enumerate(k.sub_kegiatan)
                    ]
                    for path, pagu, realisasi in items:
                        if pagu is not None and realisasi is not None and realisasi > pagu:
                            where = path + ("realisasi_anggaran",)
                            problems.add(siklus.source.at(*where), field_name(where), f"realisasi anggaran {realisasi} melebihi pagu {pagu}",
                                         "periksa angkanya; belanja di atas pagu tidak sah tanpa perubahan anggaran.", Level.WARNING, CODE_PAGU)


def _silenced(siklus: Siklus, letak: Letak, found: list[Problem]) -> list[Problem]:
    """Drop the warnings the indicator lists in ``abaikan_peringatan``; flag unknown codes."""
    return silenced(found, letak.indikator.abaikan_peringatan, CODES_KINERJA, siklus.source, base=letak.path)


def _teks(value: object) -> str:
    bawah, atas = getattr(value, "bawah", None), getattr(value, "atas", None)
    return f"{bawah}–{atas}" if bawah is not None else str(value)
