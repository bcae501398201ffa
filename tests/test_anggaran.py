"""Serapan anggaran and efisiensi against values computed by hand."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sopgen.domain.anggaran import AturanEfisiensi, hitung_efisiensi, hitung_serapan, total_serapan
from sopgen.domain.capaian import CapaianError

ATURAN = AturanEfisiensi()


def test_serapan():
    # 237.500.000 / 250.000.000 × 100 = 95
    s = hitung_serapan(250_000_000, 237_500_000)
    assert s.nilai == 95 and s.rumus == "realisasi anggaran / pagu × 100"
    # 1.234.567,89 / 1.500.000 × 100 = 82,304526 -> 82,30
    assert hitung_serapan(1_500_000, 1_234_567.89).bulat == D("82.30")


def test_serapan_missing_and_invalid():
    s = hitung_serapan(1_000_000, None)
    assert s.nilai is None and s.catatan == "realisasi anggaran belum tersedia"
    with pytest.raises(CapaianError, match="pagu anggaran harus lebih dari 0"):
        hitung_serapan(0, 0)
    with pytest.raises(CapaianError, match="tidak boleh negatif"):
        hitung_serapan(1_000_000, -5)


def test_total_weighs_by_pagu():
    # (90 jt + 50 jt) / (100 jt + 50 jt) × 100 = 140 / 150 × 100 = 93,333… -> 93,33
    # (the mean of 90 % and 100 % would wrongly give 95)
    rincian = [("A", hitung_serapan(100_000_000, 90_000_000)), ("B", hitung_serapan(50_000_000, 50_000_000))]
    t = total_serapan(rincian)
    assert t.pagu == 150_000_000 and t.realisasi == 140_000_000 and t.bulat == D("93.33")
    assert t.rumus == "Σ realisasi anggaran / Σ pagu × 100"


def test_total_with_missing_item_is_not_computed():
    rincian = [("A", hitung_serapan(100, 90)), ("B", hitung_serapan(50, None))]
    t = total_serapan(rincian)
    assert t.pagu == 150 and t.nilai is None
    assert t.catatan == "B: realisasi anggaran belum tersedia"


@pytest.mark.parametrize(
    ("capaian", "serapan", "selisih", "kategori"),
    [
        ("101.11", "93.33", "7.78", "Efisien"),  # 101,11 − 93,33 = 7,78 > 5
        ("98", "93", "5.00", "Cukup Efisien"),  # exactly +5: inside the band
        ("88", "93", "-5.00", "Cukup Efisien"),  # exactly −5: inside the band
        ("87.99", "93", "-5.01", "Kurang Efisien"),  # −5,01 < −5
        ("98.004", "93", "5.00", "Cukup Efisien"),  # 5,004 is printed 5,00: the category agrees
    ],
)
def test_efisiensi(capaian, serapan, selisih, kategori):
    e = hitung_efisiensi(D(capaian), D(serapan), ATURAN)
    assert e.bulat == D(selisih) and e.kategori == kategori


def test_efisiensi_missing():
    e = hitung_efisiensi(None, D(90), ATURAN)
    assert e.selisih is None and e.kategori is None and e.catatan == "capaian kinerja belum tersedia"


def test_efisiensi_rule_is_stated():
    assert ATURAN.uraian() == (
        "Efisiensi = capaian kinerja − serapan anggaran (poin persentase). Lebih dari 5: Efisien; "
        "−5 sampai 5: Cukup Efisien; kurang dari −5: Kurang Efisien."
    )


money = st.decimals(min_value="0", max_value="10000000000", places=2)


@given(pagu=st.decimals(min_value="1", max_value="10000000000", places=0), r1=money, r2=money)
def test_serapan_rises_with_realisasi(pagu, r1, r2):
    lo, hi = sorted((r1, r2))
    assert hitung_serapan(pagu, lo).nilai <= hitung_serapan(pagu, hi).nilai


@given(c=st.decimals(min_value="0", max_value="200", places=2), s=st.decimals(min_value="0", max_value="200", places=2))
def test_efisiensi_category_matches_printed_difference(c, s):
    e = hitung_efisiensi(c, s, ATURAN)
    assert e.bulat == c - s
    assert e.kategori == ("Efisien" if c - s > 5 else "Kurang Efisien" if c - s < -5 else "Cukup Efisien")
