"""The waktu of a mutu baku is a number and a unit, or it is not a duration at all."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sopgen.domain.durasi import Durasi, parse_durasi, split_angka_satuan


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10 Menit", Durasi(Decimal(10), "menit")),
        ("2 jam", Durasi(Decimal(2), "jam")),
        ("3 Hari", Durasi(Decimal(3), "hari")),
        ("1,5 jam", Durasi(Decimal("1.5"), "jam")),
        ("30 detik", Durasi(Decimal(30), "detik")),
        ("3 hari kerja", Durasi(Decimal(3), "hari kerja")),
        ("1 minggu", Durasi(Decimal(1), "minggu")),
        ("1-2 hari", Durasi(Decimal(1), "hari", Decimal(2))),
        ("2 s.d. 3 jam", Durasi(Decimal(2), "jam", Decimal(3))),
        ("  15   MENIT ", Durasi(Decimal(15), "menit")),
    ],
)
def test_durations(text: str, expected: Durasi) -> None:
    parsed = parse_durasi(text)
    assert parsed == expected


@pytest.mark.parametrize("text", ["segera", "10mnt", "10 mnt", "menit 10", "0 menit", "3-2 hari", "10", "sepuluh menit", "2 jam 30 menit", ""])
def test_not_durations(text: str) -> None:
    assert parse_durasi(text) is None


def test_number_and_word_are_split_for_a_suggestion() -> None:
    assert split_angka_satuan("10mnt") == ("10", "mnt")
    assert split_angka_satuan("2 jm.") == ("2", "jm")
    assert split_angka_satuan("segera") is None
