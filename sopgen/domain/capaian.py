"""Capaian kinerja: one explicit formula per polaritas, a visible policy, traceable results.

Published SAKIP reports go wrong in three ways (see docs/notes): a negatif indicator scored
with R / T, a narrative formula that differs from the table's, a capaian computed from a number
other than the printed one. So every result here carries the formula it used and the operands it
was computed from, and nothing is rounded until it is printed.

Numbers are :class:`decimal.Decimal`, not float. The Tim SAKIP checks the recap against Excel's
``ROUND`` (half away from zero); with floats 80,125 is stored as 80,12499… and prints 80,12, so
the page would disagree with the spreadsheet. YAML floats are converted through their shortest
``repr`` (0.1 becomes ``Decimal("0.1")``), divisions keep 28 significant digits, and rounding
happens once, at the end, with ``ROUND_HALF_UP``.

Rules chosen where real systems differ (each is a setting or stated on the page):

* ``negatif`` defaults to ``(2 × T − R) / T × 100``; ``T / R × 100`` only when the indicator says so.
* ``rentang`` (a band [bawah, atas]): 100 inside the band; below it ``R / bawah × 100`` (scored
  like a positif indicator against the lower bound), above it ``(2 × atas − R) / atas × 100``
  (scored like a negatif indicator against the upper bound). Equal relative misses cost equally.
* ``kualitatif``: each label scores its position counted from the worst (D = 1 … AA = 7), and the
  capaian is ``nilai(R) / nilai(T) × 100``.
* Target 0: a negatif indicator with a zero target ("nihil") scores 100 when R = 0 and 0 when
  R > 0. A positif indicator with target 0 is refused with a clear :class:`CapaianError`.
  ``T / R`` with R = 0 scores the policy cap when one is set, and is refused otherwise.
* Policy order: raw value, then the floor at 0, then the cap.
* Realisasi not yet reported is ``None`` ("belum tersedia"), never 0, and aggregation leaves it
  out with a note naming the indicator.
* Aggregates are means of the unrounded member values; the predikat is read from the rounded
  value, the one the reader sees, so the table and the scale never disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, localcontext
from enum import Enum

from ..models.blank import BELUM_TERSEDIA

Angka = Decimal | int | float | str
"""A number as content gives it: YAML int/float, a sheet's string, or a Decimal."""

Formatter = Callable[[Decimal], str]
"""Prints a number for the page (the render layer passes its Indonesian formatter)."""

SERATUS = Decimal(100)
NOL = Decimal(0)


class CapaianError(ValueError):
    """A capaian that cannot be computed; the message (Bahasa Indonesia) says why and what to fix."""


class Polaritas(str, Enum):
    """Which direction is better for an indicator."""

    POSITIF = "positif"
    NEGATIF = "negatif"
    RENTANG = "rentang"
    KUALITATIF = "kualitatif"


class Rumus(str, Enum):
    """The formula an indicator is scored with; the value is what content writes (ASCII)."""

    R_PER_T = "R/T"
    DUA_T_KURANG_R = "(2T-R)/T"
    T_PER_R = "T/R"
    RENTANG = "rentang"
    SKALA = "skala"

    @property
    def teks(self) -> str:
        """The formula as printed on the recap, next to the number it produced."""
        return _TEKS_RUMUS[self]


_TEKS_RUMUS = {
    Rumus.R_PER_T: "R / T × 100",
    Rumus.DUA_T_KURANG_R: "(2 × T − R) / T × 100",
    Rumus.T_PER_R: "T / R × 100",
    Rumus.RENTANG: "100 bila T bawah ≤ R ≤ T atas; R / T bawah × 100 di bawahnya; "
    "(2 × T atas − R) / T atas × 100 di atasnya",
    Rumus.SKALA: "nilai(R) / nilai(T) × 100, nilai = posisi pada skala dari yang terendah (1)",
}

RUMUS_BAWAAN = {
    Polaritas.POSITIF: Rumus.R_PER_T,
    Polaritas.NEGATIF: Rumus.DUA_T_KURANG_R,
    Polaritas.RENTANG: Rumus.RENTANG,
    Polaritas.KUALITATIF: Rumus.SKALA,
}
"""The formula each polaritas uses unless the indicator overrides it."""

RUMUS_SAH = {
    Polaritas.POSITIF: (Rumus.R_PER_T,),
    Polaritas.NEGATIF: (Rumus.DUA_T_KURANG_R, Rumus.T_PER_R),
    Polaritas.RENTANG: (Rumus.RENTANG,),
    Polaritas.KUALITATIF: (Rumus.SKALA,),
}
"""Which overrides make sense for each polaritas (R / T on a negatif indicator does not)."""


def rumus_dari(polaritas: str | None, rumus: str | None) -> Rumus:
    """The formula an indicator is scored with, from its fields as written: its own, else its polaritas' default."""
    return Rumus(rumus) if rumus else RUMUS_BAWAAN[Polaritas(polaritas or Polaritas.POSITIF.value)]


def to_decimal(value: Angka) -> Decimal:
    """Convert a content number to Decimal exactly as written (0.1 stays 0.1)."""
    if isinstance(value, bool):
        raise TypeError("nilai logika (true/false) bukan angka")
    if isinstance(value, float):
        value = repr(value)
    result = Decimal(value) if not isinstance(value, Decimal) else value
    if not result.is_finite():
        raise CapaianError(f"'{value}' bukan angka yang terhingga")
    return result


def round_half_up(value: Decimal, decimals: int = 2) -> Decimal:
    """Round half away from zero, like Excel's ROUND that the Tim SAKIP checks against."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def potong(value: Decimal, decimals: int = 2) -> Decimal:
    """Truncate toward zero (TRUNC), where a Pemda's rule says capaian are cut, not rounded."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_DOWN)


def bulatkan(value: Decimal, decimals: int, dipotong: bool = False) -> Decimal:
    """The printed figure: rounded half up, or truncated when the policy says so."""
    return potong(value, decimals) if dipotong else round_half_up(value, decimals)


class Dibulatkan:
    """A computed value that may be missing (``nilai`` None) and is printed rounded once.

    Shared by capaian, aggregates and serapan so "tersedia" and the printed
    rounding mean the same everywhere; subclasses are dataclasses that declare
    the two fields.
    """

    nilai: Decimal | None
    decimals: int
    dipotong: bool = False
    """Truncated instead of rounded (kebijakan ``pembulatan: potong``); capaian and their means only."""

    @property
    def tersedia(self) -> bool:
        return self.nilai is not None

    @property
    def bulat(self) -> Decimal | None:
        """The value as printed: rounded (or truncated) once, from the unrounded nilai."""
        return None if self.nilai is None else bulatkan(self.nilai, self.decimals, self.dipotong)


def divide(numerator: Decimal, denominator: Decimal) -> Decimal:
    """Divide with 28 significant digits whatever the caller's decimal context is."""
    with localcontext() as ctx:
        ctx.prec = 28
        return numerator / denominator


# --- The formulas, one per function: (value, formula text actually used) ---------------------


def capaian_positif(target: Decimal, realisasi: Decimal) -> tuple[Decimal, str]:
    """Higher is better: R / T × 100. A zero target has no meaning here and is refused."""
    if target == 0:
        raise CapaianError(
            "target 0 pada indikator positif tidak dapat dihitung dengan R / T × 100; "
            "periksa target atau ubah polaritasnya"
        )
    return divide(realisasi * SERATUS, target), Rumus.R_PER_T.teks


def capaian_negatif(target: Decimal, realisasi: Decimal) -> tuple[Decimal, str]:
    """Lower is better: (2 × T − R) / T × 100; a zero ("nihil") target scores 100 or 0."""
    if target == 0:
        return _target_nihil(realisasi)
    return divide((2 * target - realisasi) * SERATUS, target), Rumus.DUA_T_KURANG_R.teks


def capaian_negatif_kebalikan(
    target: Decimal, realisasi: Decimal, cap: Decimal | None
) -> tuple[Decimal, str]:
    """Lower is better, scored T / R × 100; R = 0 takes the policy cap or is refused."""
    if target == 0:
        return _target_nihil(realisasi)
    if realisasi == 0:
        if cap is None:
            raise CapaianError(
                "realisasi 0 pada rumus T / R × 100 tidak terhingga; tetapkan batas atas "
                "capaian (kebijakan situs) atau pakai rumus (2T-R)/T"
            )
        return cap, "R = 0 pada T / R × 100: capaian = batas atas kebijakan"
    return divide(target * SERATUS, realisasi), Rumus.T_PER_R.teks


def _target_nihil(realisasi: Decimal) -> tuple[Decimal, str]:
    """A zero target on a lower-is-better indicator: met only when nothing happened."""
    teks = "T = 0 (nihil): 100 bila R = 0, 0 bila R > 0"
    return (SERATUS if realisasi <= 0 else NOL), teks


def capaian_rentang(bawah: Decimal, atas: Decimal, realisasi: Decimal) -> tuple[Decimal, str]:
    """Inside [bawah, atas] scores 100; outside, scored against the nearest bound (see module)."""
    if bawah > atas:
        raise CapaianError(f"rentang target terbalik: batas bawah {bawah} > batas atas {atas}")
    if bawah <= realisasi <= atas:
        return SERATUS, "T bawah ≤ R ≤ T atas: 100"
    if realisasi < bawah:
        if bawah <= 0:
            raise CapaianError("batas bawah rentang harus lebih dari 0 untuk menilai realisasi di bawahnya")
        return divide(realisasi * SERATUS, bawah), "R < T bawah: R / T bawah × 100"
    if atas <= 0:
        raise CapaianError("batas atas rentang harus lebih dari 0 untuk menilai realisasi di atasnya")
    return divide((2 * atas - realisasi) * SERATUS, atas), "R > T atas: (2 × T atas − R) / T atas × 100"


def capaian_kualitatif(skala: Sequence[str], target: str, realisasi: str) -> tuple[Decimal, str]:
    """Ordinal scale, best first (AA, A, BB, …): nilai(R) / nilai(T) × 100, worst label = 1."""
    nilai = {label: Decimal(len(skala) - i) for i, label in enumerate(skala)}
    for peran, label in (("target", target), ("realisasi", realisasi)):
        if label not in nilai:
            raise CapaianError(f"{peran} '{label}' tidak ada pada skala {', '.join(skala)}")
    teks = f"nilai(R) / nilai(T) × 100 = {nilai[realisasi]} / {nilai[target]} × 100 (skala {'/'.join(skala)})"
    return divide(nilai[realisasi] * SERATUS, nilai[target]), teks


# --- Predikat -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SkalaPredikat:
    """A predikat scale: each label holds from its lower bound (inclusive) up to the next bound.

    Published scales are written with integers (≥ 91, 76–90, 66–75, 51–65, ≤ 50), which leaves
    90 < x < 91 undefined. Here a band starts at its bound and runs up to, but not including, the
    next one: 90,50 is Tinggi, 91,00 is Sangat Tinggi, 50,99 is Sangat Rendah.
    """

    tingkat: tuple[tuple[Decimal, str], ...]
    """(batas bawah, label), highest first."""
    terendah: str
    """The label below the lowest bound."""

    def __post_init__(self) -> None:
        batas = [b for b, _ in self.tingkat]
        if batas != sorted(batas, reverse=True) or len(set(batas)) != len(batas):
            raise CapaianError("batas skala predikat harus menurun dan tidak boleh kembar")

    def predikat(self, nilai: Decimal) -> str:
        """The label for a (rounded, printed) capaian."""
        for batas, label in self.tingkat:
            if nilai >= batas:
                return label
        return self.terendah

    def uraian(self, fmt: Formatter = str) -> list[tuple[str, str]]:
        """(range, label) rows as printed under the recap, boundaries spelled out."""
        rows: list[tuple[str, str]] = []
        atas: Decimal | None = None
        for batas, label in self.tingkat:
            rows.append((f"{fmt(batas)} ≤ capaian" + (f" < {fmt(atas)}" if atas is not None else ""), label))
            atas = batas
        rows.append((f"capaian < {fmt(atas)}" if atas is not None else "semua nilai", self.terendah))
        return rows


SKALA_PERMENDAGRI_86 = SkalaPredikat(
    tingkat=(
        (Decimal(91), "Sangat Tinggi"),
        (Decimal(76), "Tinggi"),
        (Decimal(66), "Sedang"),
        (Decimal(51), "Rendah"),
    ),
    terendah="Sangat Rendah",
)
"""The default scale (Permendagri 86/2017 style): ≥ 91, 76–90, 66–75, 51–65, ≤ 50."""


# --- Policy and the result ------------------------------------------------------------------


@dataclass(frozen=True)
class KebijakanCapaian:
    """The per-site measurement policy (kebijakan) as the capaian formulas use it; printed on the recap because real systems differ.

    One idea, two shapes: :class:`sopgen.models.kinerja.Kebijakan` is ``kinerja/kebijakan.yaml``
    as written (Indonesian field names, every field optional); this is its capaian part, checked
    and with the defaults filled in, built from it by :func:`sopgen.content.kinerja.kebijakan_capaian`.
    The build holds it as ``policy`` (``rekap.policy``, a name the recap templates use).
    """

    cap: Decimal | None = None
    """Upper limit of an indicator's capaian (e.g. 100 or 120); None = no limit."""
    floor_at_zero: bool = True
    """A capaian below 0 (R far beyond a negatif target) is shown as 0."""
    decimals: int = 2
    skala: SkalaPredikat = SKALA_PERMENDAGRI_86
    dipotong: bool = False
    """Capaian are truncated to ``decimals`` instead of rounded half up (a Pemda's rule)."""

    def __post_init__(self) -> None:
        if self.cap is not None and self.cap <= 0:
            raise CapaianError(f"batas atas capaian harus lebih dari 0, bukan {self.cap}")
        if not 0 <= self.decimals <= 6:
            raise CapaianError("jumlah desimal capaian harus 0 sampai 6")

    def clamp(self, mentah: Decimal) -> tuple[Decimal, tuple[str, ...]]:
        """Floor, then cap; each adjustment leaves a note so the printed number is explained."""
        nilai, catatan = mentah, []
        if self.floor_at_zero and nilai < 0:
            nilai = NOL
            catatan.append("capaian di bawah 0 ditampilkan 0 (kebijakan batas bawah)")
        if self.cap is not None and nilai > self.cap:
            catatan.append("capaian dibatasi batas atas kebijakan")
            nilai = self.cap
        return nilai, tuple(catatan)

    def uraian(self, fmt: Formatter = str) -> list[str]:
        """The policy in words, for the page footer."""
        return [
            "Batas atas capaian: " + (fmt(self.cap) if self.cap is not None else "tidak ada"),
            "Capaian di bawah 0 ditampilkan 0" if self.floor_at_zero else "Capaian negatif ditampilkan apa adanya",
            f"Pemotongan ke {self.decimals} desimal (tanpa pembulatan), dihitung dari data yang belum dipotong" if self.dipotong
            else f"Pembulatan {self.decimals} desimal (setengah ke atas), dihitung dari data yang belum dibulatkan",
            "Realisasi yang belum tersedia tidak dihitung sebagai 0 dan tidak masuk rata-rata",
        ]


Target = Angka | tuple[Angka, Angka] | str
"""A number; (bawah, atas) for rentang; a scale label for kualitatif."""


@dataclass(frozen=True)
class Capaian(Dibulatkan):
    """One indicator's capaian with everything needed to check it by hand."""

    nilai: Decimal | None
    """After the policy, unrounded; None = realisasi belum tersedia."""
    mentah: Decimal | None
    """Straight from the formula, before floor and cap."""
    rumus: str
    target: Target
    realisasi: Angka | str | None
    decimals: int = 2
    predikat: str | None = None
    catatan: tuple[str, ...] = field(default_factory=tuple)
    dipotong: bool = False



def hitung_capaian(
    polaritas: Polaritas,
    target: Target,
    realisasi: Angka | str | None,
    policy: KebijakanCapaian,
    *,
    rumus: Rumus | None = None,
    skala: Sequence[str] = (),
) -> Capaian:
    """Score one indicator: pick the formula, keep missing data missing, apply the policy."""
    rumus = rumus or RUMUS_BAWAAN[polaritas]
    if rumus not in RUMUS_SAH[polaritas]:
        sah = ", ".join(r.value for r in RUMUS_SAH[polaritas])
        raise CapaianError(f"rumus '{rumus.value}' tidak berlaku untuk indikator {polaritas.value} (pilihan: {sah})")
    if realisasi is None:
        return Capaian(None, None, rumus.teks, target, None, policy.decimals, None, (f"realisasi {BELUM_TERSEDIA}",), policy.dipotong)
    mentah, teks = _rumus(polaritas, rumus, target, realisasi, policy, skala)
    nilai, catatan = policy.clamp(mentah)
    predikat = policy.skala.predikat(bulatkan(nilai, policy.decimals, policy.dipotong))
    return Capaian(nilai, mentah, teks, target, realisasi, policy.decimals, predikat, catatan, policy.dipotong)


def _rumus(
    polaritas: Polaritas,
    rumus: Rumus,
    target: Target,
    realisasi: Angka | str,
    policy: KebijakanCapaian,
    skala: Sequence[str],
) -> tuple[Decimal, str]:
    """Dispatch to the formula function, checking the target has the shape the polaritas needs."""
    if polaritas is Polaritas.KUALITATIF:
        if not skala:
            raise CapaianError("indikator kualitatif memerlukan skala, mis. AA, A, BB, B, CC, C, D")
        return capaian_kualitatif(skala, str(target), str(realisasi))
    if isinstance(realisasi, str):
        realisasi = _angka_teks(realisasi, "realisasi")
    r = to_decimal(realisasi)
    if polaritas is Polaritas.RENTANG:
        if not isinstance(target, tuple) or len(target) != 2:
            raise CapaianError("indikator rentang memerlukan target berupa batas bawah dan batas atas")
        return capaian_rentang(to_decimal(target[0]), to_decimal(target[1]), r)
    if isinstance(target, tuple):
        raise CapaianError(f"indikator {polaritas.value} memerlukan satu angka target, bukan rentang")
    t = to_decimal(_angka_teks(target, "target") if isinstance(target, str) else target)
    if polaritas is Polaritas.POSITIF:
        return capaian_positif(t, r)
    if rumus is Rumus.T_PER_R:
        return capaian_negatif_kebalikan(t, r, policy.cap)
    return capaian_negatif(t, r)


def _angka_teks(value: str, peran: str) -> Decimal:
    """A number given as text (dot decimal); a label on a numeric indicator is an error."""
    try:
        return to_decimal(value.strip())
    except (ArithmeticError, ValueError):
        raise CapaianError(f"{peran} '{value}' bukan angka") from None
