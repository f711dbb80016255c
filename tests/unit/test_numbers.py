"""Amount parsing: digits, words, scales and vague amounts."""

from __future__ import annotations

import pytest

from summarizer.numbers import AMOUNT_RE, make_amount, parse_number, parse_words, vague_range


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10,000", 10_000),
        ("191000", 191_000),
        ("1.5 million", 1_500_000),
        ("four million", 4_000_000),
        ("twenty-five", 25),
        ("seven", 7),
        ("Fifteen", 15),
        ("two hundred and fifty", 250),
        ("a quarter of a million", 250_000),
        ("half a million", 500_000),
        ("three thousand", 3_000),
    ],
)
def test_parse_number_reads_digits_and_words(text: str, expected: int) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["dozens", "hundreds", "", "soldiers", "1.5"])
def test_parse_number_refuses_vague_or_non_numbers(text: str) -> None:
    assert parse_number(text) is None


def test_parse_words_rejects_mixed_tokens() -> None:
    assert parse_words("seven people") is None
    assert parse_words("ninety-nine") == 99


def test_vague_words_are_ranges_not_values() -> None:
    assert vague_range("dozens") == (24, 99)
    assert vague_range("Hundreds") == (200, 999)
    assert vague_range("tens of thousands") == (20_000, 99_999)
    amount = make_amount("dozens", None)
    assert amount is not None
    assert (amount.value, amount.low, amount.high, amount.approx) == (None, 24, 99, True)


def test_qualifiers_bound_the_value() -> None:
    at_least = make_amount("25", "At least")
    assert at_least is not None
    assert (at_least.value, at_least.low, at_least.high) == (25, 25, None)
    assert at_least.qualifier == "at least" and not at_least.approx
    up_to = make_amount("80", "up to")
    assert up_to is not None and (up_to.low, up_to.high) == (None, 80)
    about = make_amount("four million", "approximately")
    assert about is not None
    assert (about.value, about.approx, about.qualifier) == (4_000_000, True, "approximately")


def test_amount_regex_finds_words_and_scaled_digits() -> None:
    found = [m.group() for m in AMOUNT_RE.finditer("home to 1.5 million and twenty-five more")]
    assert found == ["1.5 million", "twenty-five"]


def test_tens_is_vague() -> None:
    assert make_amount("tens", None) is not None
    assert vague_range("tens") == (20, 99)
    assert AMOUNT_RE.search("tens of others were wounded") is not None
