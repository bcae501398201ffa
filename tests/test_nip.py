"""The NIP is read into its parts, and each impossible part is named."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sopgen.domain.nip import NIP, NipTidakSah, digits, parse_nip

TODAY = dt.date(2024, 6, 1)


def test_reference_nip_parts() -> None:
    nip = parse_nip("19720818 199403 1 009", TODAY)
    assert nip == NIP(dt.date(1972, 8, 18), dt.date(1994, 3, 1), 1, 9)
    assert nip.usia_saat_tmt == 21


@pytest.mark.parametrize("written", ["197208181994031009", "19720818.199403.1.009", "19720818-199403-1-009", " 19720818 199403 1 009 "])
def test_grouping_is_ignored(written: str) -> None:
    assert parse_nip(written, TODAY).tanggal_lahir == dt.date(1972, 8, 18)


@pytest.mark.parametrize(
    ("written", "names"),
    [
        ("19720818 199403 1 00", "18 digit, tertulis 17"),
        ("19720818 199403 1 0099", "18 digit, tertulis 19"),
        ("1972O818 199403 1 009", "hanya boleh berisi angka"),
        ("19721318 199403 1 009", "tanggal lahir (digit 1–8, TTTTBBHH) pada NIP bukan tanggal yang ada: 1972-13-18"),
        ("19720230 199403 1 009", "bukan tanggal yang ada: 1972-02-30"),
        ("19720818 199413 1 009", "TMT CPNS (digit 9–14, TTTTBB) pada NIP bukan tanggal yang ada: 1994-13"),
        ("19720818 202501 1 009", "TMT CPNS 2025-01 pada NIP tidak masuk akal"),
        ("18720818 199403 1 009", "tanggal lahir 1872-08 pada NIP tidak masuk akal"),
        ("19720818 199403 3 009", "jenis kelamin) harus 1 atau 2, tertulis 3"),
        ("19720818 199403 1 000", "tidak boleh 000"),
        ("19720818 198003 1 009", "usia saat TMT CPNS 7 tahun"),
    ],
)
def test_each_wrong_part_is_named(written: str, names: str) -> None:
    with pytest.raises(NipTidakSah) as caught:
        parse_nip(written, TODAY)
    assert names in str(caught.value)


def test_age_is_counted_to_the_day() -> None:
    """Born 18 August 1976, appointed March 1994: 17 years old, one short of working age."""
    with pytest.raises(NipTidakSah, match="usia saat TMT CPNS 17 tahun"):
        parse_nip("19760818 199403 1 009", TODAY)
    assert parse_nip("19760301 199403 2 001", TODAY).usia_saat_tmt == 18


@given(
    lahir=st.dates(dt.date(1950, 1, 1), dt.date(1990, 12, 31)),
    umur=st.integers(18, 30),  # appointed by 2021 at the latest: before TODAY
    bulan=st.integers(1, 12),
    jk=st.sampled_from([1, 2]),
    urut=st.integers(1, 999),
)
def test_any_well_formed_nip_round_trips(lahir: dt.date, umur: int, bulan: int, jk: int, urut: int) -> None:
    tahun_tmt = lahir.year + umur + 1
    text = f"{lahir:%Y%m%d} {tahun_tmt}{bulan:02d} {jk} {urut:03d}"
    nip = parse_nip(text, TODAY)
    assert (nip.tanggal_lahir, nip.tmt_cpns, nip.jenis_kelamin, nip.nomor_urut) == (lahir, dt.date(tahun_tmt, bulan, 1), jk, urut)
    assert digits(text) == text.replace(" ", "")
