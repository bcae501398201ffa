"""The checks an APIP reviewer makes on a Laporan Kinerja's figures (Permenpan RB 53/2014 reviu).

Published reports carry these mistakes (see /docs notes on SAKIP measurement):

* ``polaritas-berubah`` / ``rumus-berubah``: the same indicator kode scored as a negatif
  indicator with R / T one year and (2T − R) / T the next, so the years cannot be compared.
* ``target-akhir-berubah``: the Renstra end target of a kode differs from the earlier cycle's
  within the same Renstra period (a Renstra changed without saying so).
* ``cara-ukur-bertentangan``: the ``cara_ukur`` text describes one capaian formula
  ("realisasi dibagi target") while the indicator is scored with another (``rumus: T/R``).
* ``capaian-tidak-wajar``: a capaian above the plausibility bound of kebijakan.yaml
  (``batas_wajar``, bawaan 300) or below 0, before the policy's cap and floor: usually a target
  or realisasi typed in the wrong unit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import Decimal

from ..content.kinerja import Siklus
from ..content.kinerja_indeks import Letak
from ..content.yamlsource import FieldPath
from ..domain.capaian import Rumus, rumus_dari
from ..models.kinerja import Indikator

CODE_POLARITAS_BERUBAH = "polaritas-berubah"
CODE_RUMUS_BERUBAH = "rumus-berubah"
CODE_TARGET_AKHIR = "target-akhir-berubah"
CODE_CARA_UKUR = "cara-ukur-bertentangan"
CODE_TIDAK_WAJAR = "capaian-tidak-wajar"
CODES_REVIU = (CODE_POLARITAS_BERUBAH, CODE_RUMUS_BERUBAH, CODE_TARGET_AKHIR, CODE_CARA_UKUR, CODE_TIDAK_WAJAR)

_R, _T = r"(?:realisasi|capaian riil|r)", r"(?:target|t)"
_BAGI = r"\s*(?:dibagi(?:\s+dengan)?|/|:|per)\s*"
CARA_UKUR_RUMUS: tuple[tuple[re.Pattern[str], Rumus], ...] = (
    (re.compile(rf"\b2\s*[x×*]?\s*{_T}\s*[-−–]\s*{_R}\b", re.IGNORECASE), Rumus.DUA_T_KURANG_R),
    (re.compile(rf"\b{_R}{_BAGI}{_T}\b", re.IGNORECASE), Rumus.R_PER_T),
    (re.compile(rf"\b{_T}{_BAGI}{_R}\b", re.IGNORECASE), Rumus.T_PER_R),
)
"""A capaian formula written in words, and the formula it names (the first that matches)."""

Warn = Callable[[FieldPath, str, str, str], None]


def rumus_dipakai(ind: Indikator) -> Rumus:
    """The formula the indicator is scored with."""
    return rumus_dari(ind.polaritas, ind.rumus)


def lint_reviu(siklus: Siklus, letak: Letak, earlier: Mapping[int, Siklus], batas_wajar: Decimal, warn: Warn) -> None:
    """The reviewer's checks of one indicator, against the earlier cycles of the site."""
    _antartahun(siklus, letak, earlier, warn)
    _cara_ukur(letak.indikator, warn)
    _wajar(siklus, letak, batas_wajar, warn)


def _antartahun(siklus: Siklus, letak: Letak, earlier: Mapping[int, Siklus], warn: Warn) -> None:
    """Polaritas, rumus and Renstra end target against the latest earlier cycle measuring the same kode."""
    ind = letak.indikator
    found = [(t, s) for t, s in sorted(earlier.items()) if ind.kode in s.letak]
    if not found:
        return
    lalu = found[-1][1]
    old = lalu.letak[ind.kode].indikator
    where = f"siklus {lalu.id} ({lalu.shown} baris {lalu.source.at(*lalu.letak[ind.kode].path, 'kode').line})"
    if (old.polaritas or "positif") != (ind.polaritas or "positif"):
        warn(("polaritas",), f"polaritas {ind.kode} {ind.polaritas or 'positif'}, tetapi pada {where} {old.polaritas or 'positif'}",
             "capaian antartahun tidak dapat dibandingkan; samakan polaritasnya, atau jelaskan perubahannya di 'penjelasan'.", CODE_POLARITAS_BERUBAH)
    elif rumus_dipakai(old) != rumus_dipakai(ind):
        warn(("rumus",), f"rumus capaian {ind.kode} {rumus_dipakai(ind).value}, tetapi pada {where} {rumus_dipakai(old).value}",
             "capaian antartahun tidak dapat dibandingkan; pakai rumus yang sama setiap tahun, atau jelaskan perubahannya di 'penjelasan'.", CODE_RUMUS_BERUBAH)
    same_period = siklus.model.renstra is not None and siklus.model.renstra == lalu.model.renstra
    if same_period and old.target_akhir_renstra is not None and ind.target_akhir_renstra is not None and old.target_akhir_renstra != ind.target_akhir_renstra:
        warn(("target_akhir_renstra",), f"target akhir Renstra {ind.kode} {ind.target_akhir_renstra}, tetapi pada {where} {old.target_akhir_renstra} (periode Renstra sama)",
             "target akhir Renstra hanya berubah bila Renstra direviu; samakan, atau jelaskan reviunya di 'penjelasan'.", CODE_TARGET_AKHIR)


def _cara_ukur(ind: Indikator, warn: Warn) -> None:
    """A cara_ukur naming a capaian formula other than the one the indicator is scored with."""
    if not ind.cara_ukur or (ind.polaritas or "positif") not in ("positif", "negatif"):
        return
    dipakai = rumus_dipakai(ind)
    for pattern, rumus in CARA_UKUR_RUMUS:
        match = pattern.search(ind.cara_ukur)
        if match:
            if rumus is not dipakai:
                warn(("cara_ukur",), f"cara_ukur menyebut '{match.group(0)}' ({rumus.teks}), tetapi capaian {ind.kode} dihitung dengan {dipakai.teks}",
                     f"samakan uraian cara_ukur dengan rumus yang dipakai, atau tulis 'rumus: {rumus.value}' bila uraiannya yang benar.", CODE_CARA_UKUR)
            return


def _wajar(siklus: Siklus, letak: Letak, batas_wajar: Decimal, warn: Warn) -> None:
    """A capaian straight from the formula above the plausibility bound, or below 0."""
    hasil = next((h for h in siklus.rekap.semua_indikator() if h.kode == letak.indikator.kode), None)
    mentah = hasil.capaian.mentah if hasil and hasil.capaian else None
    if mentah is None:
        return
    if mentah < 0:
        warn(("realisasi",), f"capaian {letak.indikator.kode} dari rumusnya negatif ({mentah.normalize():f})",
             "realisasi jauh melampaui batas target indikator negatif; periksa satuan target dan realisasinya.", CODE_TIDAK_WAJAR)
    elif mentah > batas_wajar:
        warn(("realisasi",), f"capaian {letak.indikator.kode} dari rumusnya {round(mentah, 2).normalize():f}, di atas batas kewajaran {batas_wajar.normalize():f}",
             "periksa satuan target dan realisasinya (mis. persen ditulis 0,95); ubah 'batas_wajar' di kebijakan.yaml bila memang wajar.", CODE_TIDAK_WAJAR)

