"""Budget figures: serapan anggaran and the efisiensi of a program, each with its formula.

Same number rules as :mod:`sopgen.domain.capaian`: Decimal, rounded once when printed, a realisasi
not yet reported is ``None`` and never 0.

Efisiensi follows the rule one e-SAKIP system uses (see docs/notes/domain.md): the difference,
in percentage points, between capaian kinerja and serapan anggaran. More performance than money
spent is efficient; within the band (± 5 points by default) it is "cukup efisien". The rule is
printed on the page through :meth:`AturanEfisiensi.uraian`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..models.blank import BELUM_TERSEDIA
from .capaian import SERATUS, Angka, CapaianError, Dibulatkan, Formatter, divide, round_half_up, to_decimal

RUMUS_SERAPAN = "realisasi anggaran / pagu × 100"
RUMUS_SERAPAN_TOTAL = "Σ realisasi anggaran / Σ pagu × 100"
RUMUS_EFISIENSI = "capaian kinerja − serapan anggaran"


@dataclass(frozen=True)
class Serapan(Dibulatkan):
    """Budget absorption of one program or kegiatan (or a total)."""

    pagu: Decimal
    realisasi: Decimal | None
    nilai: Decimal | None
    rumus: str = RUMUS_SERAPAN
    decimals: int = 2
    catatan: str | None = None


def hitung_serapan(pagu: Angka, realisasi: Angka | None, decimals: int = 2) -> Serapan:
    """realisasi / pagu × 100; a pagu of 0 or a negative amount is a content error."""
    p = to_decimal(pagu)
    if p <= 0:
        raise CapaianError(f"pagu anggaran harus lebih dari 0, bukan {p}")
    if realisasi is None:
        return Serapan(p, None, None, decimals=decimals, catatan=f"realisasi anggaran {BELUM_TERSEDIA}")
    r = to_decimal(realisasi)
    if r < 0:
        raise CapaianError(f"realisasi anggaran tidak boleh negatif ({r})")
    return Serapan(p, r, divide(r * SERATUS, p), decimals=decimals)



def total_serapan(rincian: Sequence[tuple[str, Serapan]], decimals: int = 2) -> Serapan:
    """Σ realisasi / Σ pagu (not the mean of percentages, which would weigh a small kegiatan like a big one).

    When any item's realisasi is missing, the total serapan is not computed: a partial sum
    against the full pagu would understate it. The note names the missing items.
    """
    pagu = sum((s.pagu for _, s in rincian), Decimal(0))
    kosong = [label for label, s in rincian if s.realisasi is None]
    if kosong or not rincian:
        catatan = f"{', '.join(kosong)}: realisasi anggaran {BELUM_TERSEDIA}" if kosong else None
        return Serapan(pagu, None, None, RUMUS_SERAPAN_TOTAL, decimals, catatan)
    realisasi = sum((s.realisasi for _, s in rincian if s.realisasi is not None), Decimal(0))
    return Serapan(pagu, realisasi, divide(realisasi * SERATUS, pagu), RUMUS_SERAPAN_TOTAL, decimals)


@dataclass(frozen=True)
class AturanEfisiensi:
    """The efisiensi rule: capaian − serapan, with a band of ± ambang points."""

    ambang: Decimal = Decimal(5)
    efisien: str = "Efisien"
    cukup: str = "Cukup Efisien"
    kurang: str = "Kurang Efisien"

    def __post_init__(self) -> None:
        if self.ambang < 0:
            raise CapaianError(f"ambang efisiensi tidak boleh negatif ({self.ambang})")

    def kategori(self, selisih: Decimal) -> str:
        """Classify a (rounded, printed) difference; the band's edges belong to 'cukup'."""
        if selisih > self.ambang:
            return self.efisien
        if selisih < -self.ambang:
            return self.kurang
        return self.cukup

    def uraian(self, fmt: Formatter = str) -> str:
        """The rule in words, printed under the budget table."""
        a = fmt(self.ambang)
        return (
            f"Efisiensi = {RUMUS_EFISIENSI} (poin persentase). Lebih dari {a}: {self.efisien}; "
            f"−{a} sampai {a}: {self.cukup}; kurang dari −{a}: {self.kurang}."
        )


@dataclass(frozen=True)
class Efisiensi:
    """A program's efisiensi: the difference and its category."""

    selisih: Decimal | None
    kategori: str | None
    decimals: int = 2
    catatan: str | None = None
    rumus: str = RUMUS_EFISIENSI

    @property
    def bulat(self) -> Decimal | None:
        return None if self.selisih is None else round_half_up(self.selisih, self.decimals)


def hitung_efisiensi(
    capaian: Decimal | None, serapan: Decimal | None, aturan: AturanEfisiensi, decimals: int = 2
) -> Efisiensi:
    """capaian − serapan from unrounded values; the category reads the rounded difference."""
    if capaian is None or serapan is None:
        kurang = "capaian kinerja" if capaian is None else "serapan anggaran"
        return Efisiensi(None, None, decimals, f"{kurang} {BELUM_TERSEDIA}")
    selisih = capaian - serapan
    return Efisiensi(selisih, aturan.kategori(round_half_up(selisih, decimals)), decimals)
