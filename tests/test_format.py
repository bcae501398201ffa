"""Indonesian formatting: one place, half-up rounding, the forms official documents print."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sopgen.render.format import angka, nip, persen, rupiah, tanggal


def test_dates_in_indonesian() -> None:
    assert tanggal(dt.date(2024, 1, 17)) == "17 Januari 2024"
    assert tanggal(dt.date(2024, 8, 5)) == "5 Agustus 2024"
    assert tanggal(None) == "--"


def test_numbers_with_decimal_comma_and_thousands_dot() -> None:
    assert angka(95.5) == "95,50"
    assert angka(1234567.891) == "1.234.567,89"
    assert angka(7, digits=0) == "7"
    assert persen(95.5) == "95,50%"
    assert rupiah(1500000) == "Rp1.500.000"


def test_rounding_is_half_up_like_excel() -> None:
    assert angka(Decimal("105.625")) == "105,63"
    assert angka(2.675) == "2,68"  # the float 2.675 is 2.67499...; its written form is what the user typed
    assert angka(Decimal("-3.125")) == "-3,13"


def test_missing_value_is_never_zero() -> None:
    assert angka(None) == "belum tersedia"
    assert persen(None) == "belum tersedia"


def test_nip_in_groups() -> None:
    assert nip("197208181994031009") == "19720818 199403 1 009"
    assert nip("19720818 199403 1 009") == "19720818 199403 1 009"
    assert nip("123") == "123"
