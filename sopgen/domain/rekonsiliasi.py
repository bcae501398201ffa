"""Reconciling a report's printed capaian with what the declared formula gives (the reviu table).

An office moving its past LKjIP into sopgen, or an APIP reviewer checking a draft, writes the
capaian the document printed (``capaian_tercetak``). Every indicator whose printed figure differs
from the formula's, compared at the printed figure's own decimals, is a row of the reviu table,
with the cause when it can be seen from the figures:

* truncated instead of rounded (95,629 printed as 95,62);
* the policy's cap or floor not applied (printed 130 where the policy caps at 120);
* another formula than the declared one (R / T on a negatif indicator, T / R for (2T − R) / T);
* computed from an unrounded realisasi: the printed realisasi 83,4 stands for anything in
  [83,35; 83,45), and the printed capaian is what one of those values gives.

Pure: reads the recap, scores with :mod:`.capaian`'s own formulas.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from .capaian import CapaianError, Polaritas, Rumus, bulatkan, capaian_negatif, capaian_negatif_kebalikan, capaian_positif, potong, round_half_up, rumus_dari
from .rekap import Rekap, RekapIndikator

Cetak = Callable[[Decimal, int], str]
"""Prints a number with a number of decimals in the causes (the render layer passes its Indonesian one)."""


def _titik(value: Decimal, decimals: int) -> str:
    return f"{value:.{decimals}f}"


RUMUS_ANGKA: dict[Rumus, Callable[[Decimal, Decimal], Decimal]] = {
    Rumus.R_PER_T: lambda t, r: capaian_positif(t, r)[0],
    Rumus.DUA_T_KURANG_R: lambda t, r: capaian_negatif(t, r)[0],
    Rumus.T_PER_R: lambda t, r: capaian_negatif_kebalikan(t, r, None)[0],
}
"""The formulas of one target and one realisasi, for trying the ones a report may have used."""


@dataclass(frozen=True)
class Selisih:
    """One indicator whose printed capaian differs from the formula's."""

    hasil: RekapIndikator
    tercetak: Decimal
    dihitung: Decimal | None
    """The formula's capaian at the printed figure's decimals; None when it cannot be computed."""
    desimal: int
    sebab: tuple[str, ...]
    """The visible causes, in words; one sentence saying none is visible otherwise."""


def desimal_tertulis(value: Decimal) -> int:
    """How many decimals a figure was printed with: 95.50 -> 2, 105 -> 0."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def rekonsiliasi(rekap: Rekap, fmt: Cetak = _titik) -> list[Selisih]:
    """Every indicator with a printed capaian that the declared formula does not give, in document order."""
    rows = []
    for hasil in rekap.semua_indikator():
        tercetak = hasil.indikator.capaian_tercetak
        if tercetak is None:
            continue
        d = desimal_tertulis(tercetak)
        capaian = hasil.capaian
        if capaian is None or capaian.nilai is None:
            rows.append(Selisih(hasil, tercetak, None, d, ("capaian tidak dapat dihitung: " + (str(hasil.galat) if hasil.galat else "realisasi belum tersedia"),)))
            continue
        dihitung = bulatkan(capaian.nilai, d, capaian.dipotong)
        if dihitung != tercetak:
            rows.append(Selisih(hasil, tercetak, dihitung, d, _sebab(hasil, rekap, tercetak, d, fmt) or ("penyebab tidak terlihat dari angka-angkanya; periksa target dan realisasi yang dipakai dokumen itu",)))
    return rows


def _sebab(hasil: RekapIndikator, rekap: Rekap, tercetak: Decimal, d: int, fmt: Cetak) -> tuple[str, ...]:
    capaian = hasil.capaian
    assert capaian is not None and capaian.nilai is not None and capaian.mentah is not None
    found = []
    if not capaian.dipotong and potong(capaian.nilai, d) == tercetak:
        found.append(f"angka tercetak dipotong, bukan dibulatkan ({fmt(capaian.nilai, d + 3)} dibulatkan {fmt(capaian.nilai, d)})")
    if capaian.dipotong and round_half_up(capaian.nilai, d) == tercetak:
        found.append(f"angka tercetak dibulatkan, padahal kebijakan memotong ({fmt(capaian.nilai, d + 3)} dipotong {fmt(potong(capaian.nilai, d), d)})")
    if capaian.mentah != capaian.nilai and _cocok(capaian.mentah, tercetak, d):
        found.append("angka tercetak tanpa batas atas/bawah kebijakan capaian")
    target, realisasi = hasil.indikator.target, hasil.realisasi
    if hasil.polaritas not in (Polaritas.POSITIF, Polaritas.NEGATIF) or not isinstance(target, Decimal) or not isinstance(realisasi, Decimal):
        return tuple(found)
    declared = rumus_dari(hasil.polaritas.value, hasil.indikator.rumus)
    for rumus, formula in RUMUS_ANGKA.items():
        value = _coba(formula, target, realisasi)
        if rumus is not declared and value is not None and _cocok(value, tercetak, d):
            salah = " pada indikator negatif (makin rendah makin baik)" if rumus is Rumus.R_PER_T and hasil.polaritas is Polaritas.NEGATIF else ""
            found.append(f"dihitung dengan {rumus.teks}{salah}, bukan {declared.teks}")
    lebar = Decimal(5).scaleb(-(hasil.indikator.desimal + 1))
    ends = [_coba(RUMUS_ANGKA[declared], target, r) for r in (realisasi - lebar, realisasi + lebar)]
    if not found and None not in ends:
        lo, hi = min(e for e in ends if e is not None), max(e for e in ends if e is not None)
        margin = Decimal(5).scaleb(-(d + 1))
        if tercetak - margin <= rekap.policy.clamp(hi)[0] and tercetak + margin >= rekap.policy.clamp(lo)[0]:
            rd = hasil.indikator.desimal
            found.append(f"dihitung dari realisasi yang belum dibulatkan (antara {fmt(realisasi - lebar, rd + 1)} dan {fmt(realisasi + lebar, rd + 1)}), "
                         f"bukan dari realisasi tercetak {fmt(realisasi, rd)}")
    return tuple(found)


def _cocok(value: Decimal, tercetak: Decimal, d: int) -> bool:
    """A value that prints as the printed figure, rounded or truncated."""
    return round_half_up(value, d) == tercetak or potong(value, d) == tercetak


def _coba(formula: Callable[[Decimal, Decimal], Decimal], target: Decimal, realisasi: Decimal) -> Decimal | None:
    try:
        return formula(target, realisasi)
    except CapaianError:
        return None
