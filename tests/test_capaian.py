"""Capaian formulas, policy, quarters and aggregation against values computed by hand."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sopgen.domain.agregasi import Anggota, AturanTriwulan, gabung_triwulan, rata_rata
from sopgen.domain.capaian import (
    SKALA_PERMENDAGRI_86,
    CapaianError,
    KebijakanCapaian,
    Polaritas,
    Rumus,
    SkalaPredikat,
    hitung_capaian,
    round_half_up,
    to_decimal,
)

BEBAS = KebijakanCapaian(floor_at_zero=False)
BAWAAN = KebijakanCapaian()
SAKIP = "AA A BB B CC C D".split()
OPINI = ["WTP", "WDP", "TW", "TMP"]


def capaian(polaritas, target, realisasi, policy=BAWAAN, **kw):
    return hitung_capaian(polaritas, target, realisasi, policy, **kw)


# --- positif ---------------------------------------------------------------------------------


def test_positif_rounds_half_up_like_excel():
    # 84,5 / 80 × 100 = 105,625 exactly; ROUND(…; 2) = 105,63 (float round() gives 105,62)
    c = capaian(Polaritas.POSITIF, 80, 84.5)
    assert c.nilai == D("105.625")
    assert c.bulat == D("105.63")
    assert c.rumus == "R / T × 100"
    assert c.predikat == "Sangat Tinggi"


def test_positif_repeating_decimal():
    # 1 / 3 × 100 = 33,333… -> 33,33, Sangat Rendah (< 51)
    c = capaian(Polaritas.POSITIF, 3, 1)
    assert c.bulat == D("33.33")
    assert c.predikat == "Sangat Rendah"


def test_yaml_float_keeps_its_written_digits():
    # 0.1 must be 0,1 and not 0,1000000000000000055…: 0,1 / 0,1 × 100 = 100 exactly
    assert to_decimal(0.1) == D("0.1")
    assert capaian(Polaritas.POSITIF, 0.1, 0.1).nilai == 100


def test_positif_target_zero_is_a_clear_error():
    with pytest.raises(CapaianError, match="target 0 pada indikator positif"):
        capaian(Polaritas.POSITIF, 0, 5)


# --- negatif ---------------------------------------------------------------------------------


def test_negatif_default_formula():
    # jumlah pengaduan, T = 20: R = 15 -> (2 × 20 − 15) / 20 × 100 = 25 / 20 × 100 = 125
    c = capaian(Polaritas.NEGATIF, 20, 15)
    assert c.nilai == 125 and c.rumus == "(2 × T − R) / T × 100"
    # R = 25 -> (40 − 25) / 20 × 100 = 75 -> Sedang (66 ≤ 75 < 76)
    c = capaian(Polaritas.NEGATIF, 20, 25)
    assert c.nilai == 75 and c.predikat == "Sedang"


def test_negatif_floor_at_zero_is_a_setting():
    # R = 50 -> (40 − 50) / 20 × 100 = −50: shown as 0 with the floor, −50 without it
    floored = capaian(Polaritas.NEGATIF, 20, 50)
    assert floored.nilai == 0 and floored.mentah == -50
    assert any("di bawah 0" in n for n in floored.catatan)
    assert capaian(Polaritas.NEGATIF, 20, 50, BEBAS).nilai == -50


def test_negatif_target_per_realisasi_when_declared():
    # T / R × 100 = 20 / 25 × 100 = 80
    c = capaian(Polaritas.NEGATIF, 20, 25, rumus=Rumus.T_PER_R)
    assert c.nilai == 80 and c.rumus == "T / R × 100"


def test_negatif_t_per_r_with_zero_realisasi():
    # R = 0 on T / R is infinite: the cap (120) when one is set, an error otherwise
    c = capaian(Polaritas.NEGATIF, 20, 0, KebijakanCapaian(cap=D(120)), rumus=Rumus.T_PER_R)
    assert c.nilai == 120 and "batas atas" in c.rumus
    with pytest.raises(CapaianError, match="tetapkan batas atas"):
        capaian(Polaritas.NEGATIF, 20, 0, rumus=Rumus.T_PER_R)


@pytest.mark.parametrize("rumus", [Rumus.DUA_T_KURANG_R, Rumus.T_PER_R])
def test_negatif_target_nihil(rumus):
    # T = 0 ("nihil"): met (100) only when nothing happened, otherwise 0
    assert capaian(Polaritas.NEGATIF, 0, 0, rumus=rumus).nilai == 100
    assert capaian(Polaritas.NEGATIF, 0, 3, rumus=rumus).nilai == 0


def test_r_per_t_is_refused_on_negatif():
    # the mistake published reports make: a negatif indicator scored as R / T
    with pytest.raises(CapaianError, match="tidak berlaku untuk indikator negatif"):
        capaian(Polaritas.NEGATIF, 20, 15, rumus=Rumus.R_PER_T)


# --- rentang ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("realisasi", "expected"),
    [
        (100, D(100)),  # inside [90, 110]
        (90, D(100)),  # on the lower edge
        (110, D(100)),  # on the upper edge
        (81, D(90)),  # below: 81 / 90 × 100 = 90
        (121, D(90)),  # above: (2 × 110 − 121) / 110 × 100 = 99 / 110 × 100 = 90
        (250, D(0)),  # above: (220 − 250) / 110 × 100 = −27,27… -> floor 0
    ],
)
def test_rentang(realisasi, expected):
    assert capaian(Polaritas.RENTANG, (90, 110), realisasi).nilai == expected


def test_rentang_needs_a_band():
    with pytest.raises(CapaianError, match="batas bawah dan batas atas"):
        capaian(Polaritas.RENTANG, 100, 95)
    with pytest.raises(CapaianError, match="terbalik"):
        capaian(Polaritas.RENTANG, (110, 90), 95)


# --- kualitatif ------------------------------------------------------------------------------


def test_kualitatif_sakip_scale():
    # AA = 7, A = 6, BB = 5 … D = 1. Target A, realisasi BB: 5 / 6 × 100 = 83,333… -> 83,33 Tinggi
    c = capaian(Polaritas.KUALITATIF, "A", "BB", skala=SAKIP)
    assert c.bulat == D("83.33") and c.predikat == "Tinggi"
    # realisasi AA: 7 / 6 × 100 = 116,666… -> 116,67
    assert capaian(Polaritas.KUALITATIF, "A", "AA", skala=SAKIP).bulat == D("116.67")


def test_kualitatif_opini_bpk():
    # WTP = 4, WDP = 3: target WTP, realisasi WDP -> 3 / 4 × 100 = 75 (Sedang)
    c = capaian(Polaritas.KUALITATIF, "WTP", "WDP", skala=OPINI)
    assert c.nilai == 75 and c.predikat == "Sedang"


def test_kualitatif_unknown_label():
    with pytest.raises(CapaianError, match="realisasi 'AAA' tidak ada pada skala"):
        capaian(Polaritas.KUALITATIF, "A", "AAA", skala=SAKIP)


# --- policy, missing data, predikat ----------------------------------------------------------


def test_cap_keeps_the_raw_value_visible():
    # 100 / 80 × 100 = 125, capped at 100
    c = capaian(Polaritas.POSITIF, 80, 100, KebijakanCapaian(cap=D(100)))
    assert c.nilai == 100 and c.mentah == 125
    assert c.catatan == ("capaian dibatasi batas atas kebijakan",)


def test_missing_realisasi_is_belum_tersedia_not_zero():
    c = capaian(Polaritas.POSITIF, 80, None)
    assert c.nilai is None and c.bulat is None and c.predikat is None
    assert not c.tersedia
    assert c.catatan == ("realisasi belum tersedia",)


def test_number_as_text():
    # a sheet may hand "84.5": same as 84,5 / 80 × 100 = 105,625
    assert capaian(Polaritas.POSITIF, "80", "84.5").nilai == D("105.625")
    with pytest.raises(CapaianError, match="realisasi 'delapan' bukan angka"):
        capaian(Polaritas.POSITIF, 80, "delapan")


@pytest.mark.parametrize(
    ("nilai", "predikat"),
    [
        ("91", "Sangat Tinggi"),
        ("90.99", "Tinggi"),  # between 90 and 91: Tinggi
        ("76", "Tinggi"),
        ("75.99", "Sedang"),
        ("66", "Sedang"),
        ("65.5", "Rendah"),
        ("51", "Rendah"),
        ("50.99", "Sangat Rendah"),
        ("0", "Sangat Rendah"),
    ],
)
def test_predikat_boundaries(nilai, predikat):
    assert SKALA_PERMENDAGRI_86.predikat(D(nilai)) == predikat


def test_predikat_reads_the_printed_value():
    # 90,996 / 100 × 100 = 90,996, printed 91,00: the reader sees 91,00, so Sangat Tinggi
    c = capaian(Polaritas.POSITIF, 100, "90.996")
    assert c.bulat == D("91.00") and c.predikat == "Sangat Tinggi"


def test_scale_description_spells_out_boundaries():
    assert SKALA_PERMENDAGRI_86.uraian()[1] == ("76 ≤ capaian < 91", "Tinggi")
    assert SKALA_PERMENDAGRI_86.uraian()[-1] == ("capaian < 51", "Sangat Rendah")


def test_policy_and_scale_are_checked():
    with pytest.raises(CapaianError):
        KebijakanCapaian(cap=D(0))
    with pytest.raises(CapaianError, match="menurun"):
        SkalaPredikat(((D(50), "B"), (D(90), "A")), "C")


def test_custom_scale():
    # the "Sangat Berhasil" scale: ≥ 100 / 75 / 55
    skala = SkalaPredikat(((D(100), "Sangat Berhasil"), (D(75), "Berhasil"), (D(55), "Cukup Berhasil")), "Kurang Berhasil")
    c = capaian(Polaritas.POSITIF, 80, 60, KebijakanCapaian(skala=skala))  # 60 / 80 × 100 = 75
    assert c.predikat == "Berhasil"


# --- quarters --------------------------------------------------------------------------------


def test_triwulan_rules():
    # kumulatif 3 + 4 + 2 + 5 = 14
    g = gabung_triwulan([3, 4, 2, 5], AturanTriwulan.KUMULATIF)
    assert g.nilai == 14 and g.rumus == "TW I + TW II + TW III + TW IV" and g.lengkap
    # rata-rata (90 + 92 + 95 + 97) / 4 = 374 / 4 = 93,5
    assert gabung_triwulan([90, 92, 95, 97], AturanTriwulan.RATA_RATA).nilai == D("93.5")
    # nilai akhir: TW IV
    g = gabung_triwulan([80.1, 81, 82.5, 83.2], AturanTriwulan.NILAI_AKHIR)
    assert g.nilai == D("83.2") and g.rumus == "TW IV"


def test_triwulan_partial_year_says_so():
    # 3 + 4 = 7, only up to TW II
    g = gabung_triwulan([3, 4, None, None], AturanTriwulan.KUMULATIF)
    assert g.nilai == 7 and not g.lengkap and g.catatan == "s.d. TW II"


def test_triwulan_gap_and_empty():
    with pytest.raises(CapaianError, match="TW II kosong"):
        gabung_triwulan([3, None, 2, None], AturanTriwulan.KUMULATIF)
    g = gabung_triwulan([None] * 4, AturanTriwulan.RATA_RATA)
    assert g.nilai is None and g.catatan == "realisasi triwulan belum tersedia"


# --- aggregation -----------------------------------------------------------------------------


def test_sasaran_mean():
    # (120 + 83,333… + 100) / 3 = 303,333… / 3 = 101,111… -> 101,11
    a = rata_rata([Anggota("IKU-1", D(120)), Anggota("IKU-2", D(250) / 3), Anggota("IKU-3", D(100))], BAWAAN)
    assert a.bulat == D("101.11") and a.rumus == "(IKU-1 + IKU-2 + IKU-3) / 3"
    assert a.predikat == "Sangat Tinggi" and a.catatan is None


def test_mean_uses_unrounded_members():
    # unrounded (1,005 + 1,004) / 2 = 1,0045 -> 1,00; the printed members (1,01 + 1,00) / 2 would give 1,01
    a = rata_rata([Anggota("a", D("1.005")), Anggota("b", D("1.004"))], BAWAAN)
    assert a.bulat == D("1.00")


def test_weighted_mean():
    # (2 × 120 + 1 × 90) / 3 = 330 / 3 = 110
    a = rata_rata([Anggota("A", D(120), D(2)), Anggota("B", D(90), D(1))], BAWAAN)
    assert a.nilai == 110 and a.rumus == "(2 × A + 1 × B) / 3"


def test_missing_member_left_out_with_a_note():
    # (100 + 80) / 2 = 90; B is named in the note, not averaged as 0 (which would give 60)
    a = rata_rata([Anggota("A", D(100)), Anggota("B", None), Anggota("C", D(80))], BAWAAN)
    assert a.nilai == 90 and a.dikecualikan == ("B",)
    assert a.catatan == "B: realisasi belum tersedia, tidak dihitung dalam rata-rata"
    nothing = rata_rata([Anggota("B", None)], BAWAAN)
    assert nothing.nilai is None and nothing.predikat is None


def test_bobot_must_be_positive():
    with pytest.raises(CapaianError, match="bobot A"):
        rata_rata([Anggota("A", D(100), D(0))], BAWAAN)


# --- properties ------------------------------------------------------------------------------

positive = st.decimals(min_value="0.01", max_value="100000", places=2)
nonneg = st.decimals(min_value="0", max_value="100000", places=2)
caps = st.one_of(st.none(), st.decimals(min_value="50", max_value="200", places=0))


@given(t=positive, r1=nonneg, r2=nonneg)
def test_positif_rises_with_realisasi(t, r1, r2):
    lo, hi = sorted((r1, r2))
    a, b = (capaian(Polaritas.POSITIF, t, r, BEBAS).nilai for r in (lo, hi))
    assert a <= b and (a < b or lo == hi)


@given(t=positive, r1=positive, r2=positive, rumus=st.sampled_from([Rumus.DUA_T_KURANG_R, Rumus.T_PER_R]))
def test_negatif_falls_with_realisasi(t, r1, r2, rumus):
    lo, hi = sorted((r1, r2))
    a, b = (capaian(Polaritas.NEGATIF, t, r, BEBAS, rumus=rumus).nilai for r in (lo, hi))
    assert a >= b and (a > b or lo == hi)


@given(
    polaritas=st.sampled_from([Polaritas.POSITIF, Polaritas.NEGATIF]),
    t=positive,
    r=nonneg,
    cap=caps,
)
def test_cap_and_floor_hold(polaritas, t, r, cap):
    c = capaian(polaritas, t, r, KebijakanCapaian(cap=cap, floor_at_zero=True))
    assert c.nilai >= 0
    if cap is not None:
        assert c.nilai <= cap and c.bulat <= cap


@given(
    polaritas=st.sampled_from([Polaritas.POSITIF, Polaritas.NEGATIF]),
    t=positive,
    cap=caps,
    floor=st.booleans(),
)
def test_missing_never_becomes_zero(polaritas, t, cap, floor):
    c = capaian(polaritas, t, None, KebijakanCapaian(cap=cap, floor_at_zero=floor))
    assert c.nilai is None and c.bulat is None and c.predikat is None


@given(st.lists(st.one_of(st.none(), st.decimals(min_value="0", max_value="200", places=3)), min_size=1, max_size=8))
def test_mean_ignores_missing_and_stays_within_members(values):
    a = rata_rata([Anggota(f"I{i}", v) for i, v in enumerate(values)], BAWAAN)
    present = [v for v in values if v is not None]
    if not present:
        assert a.nilai is None
        return
    assert min(present) <= a.nilai <= max(present)
    assert len(a.dikecualikan) == len(values) - len(present)
    assert round_half_up(a.nilai) == a.bulat
