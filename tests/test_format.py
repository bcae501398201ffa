"""Indonesian formatting: one place, half-up rounding, the forms official documents print."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from sopgen.build import check_site
from sopgen.domain.anggaran import hitung_serapan
from sopgen.models.base import BULAN
from sopgen.render.env import make_env
from sopgen.render.format import angka, nip, persen, rupiah, tanggal

from .support import small_site


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


def test_every_month_reads_back_as_written() -> None:
    """The date documents print is the date content may write: one table of month names."""
    from pydantic import TypeAdapter

    from sopgen.models.base import Tanggal

    adapter = TypeAdapter(Tanggal)
    for month in range(1, 13):
        day = dt.date(2024, month, 9)
        assert tanggal(day) == f"9 {BULAN[month - 1].capitalize()} 2024"
        assert adapter.validate_python(tanggal(day)) == day


def test_templates_print_through_the_registered_filters_and_blank_markers(tmp_path: Path) -> None:
    """One set of filters for every template: a site override formats exactly as the theme does."""
    site, _ = check_site(small_site(tmp_path / "content", sops=0))
    assert site is not None
    env = make_env(site)
    rendered = env.from_string(
        "{{ a | persen_capaian }}|{{ none | persen_capaian(KOSONG) }}|{{ 1187654321.5 | rupiah }}|{{ none | rupiah }}|"
        "{{ none | tanggal }}|{{ BELUM_TERSEDIA }}"
    ).render(a=hitung_serapan(200, Decimal("203.41")))
    assert rendered == "101,71%|–|Rp1.187.654.322|belum tersedia|--|belum tersedia"
