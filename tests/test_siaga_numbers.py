"""Number forms of Indonesian and English news."""

from __future__ import annotations

import pytest

from siaga.numbers import (
    canonical_number_token,
    contains_value,
    convert_numbers_for_language,
    find_numbers,
    find_word_numbers,
    format_number,
    number_values,
    parse_number_literal,
    states_a_range,
)


@pytest.mark.parametrize(
    ("literal", "value"),
    [("1.048", 1048), ("1,048", 1048), ("1048", 1048), ("4.814.000", 4814000), ("1,5", 1.5), ("0,21", 0.21),
     ("1.55", 1.55), ("456,61", 456.61), ("169.369", 169369), ("1.234,5", 1234.5)],
)
def test_parse_literal(literal: str, value: float) -> None:
    assert parse_number_literal(literal) == pytest.approx(value)


def test_multipliers_money_and_percent() -> None:
    found = find_numbers("Anggaran Rp41 triliun, bantuan Rp456,61 miliar, 1,5 juta pemilih, naik 1,55 %")
    assert [m.value for m in found] == pytest.approx([41e12, 456.61e9, 1.5e6, 1.55])
    assert found[0].is_money and found[1].is_money and found[3].is_percent
    assert {1.5e6, 1.5} <= number_values("1,5 juta")


def test_same_value_across_conventions() -> None:
    assert contains_value("Sebanyak 1.048 personel", 1048)
    assert contains_value("deployed 1,048 personnel", 1048)
    assert not contains_value("deployed 1,084 personnel", 1048)
    assert canonical_number_token("1.048") == canonical_number_token("1,048") == "1048"
    assert canonical_number_token("1,5") == "1.5"


def test_format_for_language() -> None:
    assert format_number(1048, "en") == "1,048"
    assert format_number(1048, "id") == "1.048"
    assert format_number(1.55, "id") == "1,55"
    assert convert_numbers_for_language("Sebanyak 1.048 personel dan Rp4.814.000", "en") == (
        "Sebanyak 1,048 personel dan Rp4,814,000"
    )


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ("400-500 personel", True),
        ("10 hingga 16 TPS", True),
        ("antara 3,4 persen dan 6,35 persen", True),
        ("between 10 and 20 stations", True),
        ("720 personel ke 13 polres", False),
        ("98 personel dan 12 TPS", False),
        ("tujuh dari 27", False),
        ("antara Rp1 juta dan Rp1,5 juta", True),  # an amount's "Rp" opens either end
        ("Rp1 juta-Rp1,5 juta", True),
        ("Rp898,57 miliar dan untuk TNI sekitar Rp377,62 miliar", False),
    ],
)
def test_a_range_is_one_figure(span: str, expected: bool) -> None:
    assert states_a_range(span) is expected


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("satu TPS khusus", [1]),
        ("dua puluh satu TPS", [21]),
        ("two ships and one boat", [2, 1]),
        ("salah satu kabupaten di provinsi Kalimantan Tengah", []),  # "one of": a member, not a count
        ("Salah satu TPS rawan", []),
        ("one of the polling stations", []),
        ("tiga TPS, salah satunya di Dusun Dongi-dongi", [3]),
    ],
)
def test_number_words_that_count(text: str, values: list[int]) -> None:
    assert [n.value for n in find_word_numbers(text)] == values
