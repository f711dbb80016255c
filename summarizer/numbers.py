"""Reading amounts the way news copy writes them.

Wire reports mix digits ("10,000", "1.5 million"), words ("twenty-five",
"four million") and vague amounts ("dozens").  Vague amounts become ranges
rather than invented point values, so nothing is made more precise than the
text is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

# Vague amounts as (low, high): "dozens" means at least two dozen, and so on.
VAGUE_RANGES: dict[str, tuple[int, int]] = {
    "a dozen": (12, 12),
    "a few dozen": (24, 60),
    "several dozen": (24, 99),
    "dozens": (24, 99),
    "scores": (40, 99),
    "tens": (20, 99),
    "hundreds": (200, 999),
    "several hundred": (200, 999),
    "thousands": (2_000, 9_999),
    "several thousand": (2_000, 9_999),
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 9_999_999),
}

_FRACTIONS = {"a quarter of a": 0.25, "half a": 0.5, "three quarters of a": 0.75}

_WORD = "|".join(sorted([*_UNITS, *_TENS, *_SCALES], key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?"
_SCALE_WORD = r"(?:hundred|thousand|million|billion)"
_VAGUE = (
    r"tens\s+of\s+thousands|hundreds\s+of\s+thousands|a\s+few\s+dozen|a\s+dozen"
    r"|several\s+(?:dozen|hundred|thousand)(?!\s+(?:thousand|million))"
    r"|dozens|scores|hundreds|thousands|millions|tens"
)

# One amount: vague word, fraction of a scale, digits with optional scale, or words.
AMOUNT_PATTERN = (
    rf"(?:{_VAGUE})"
    rf"|(?:a\s+quarter\s+of\s+a|three\s+quarters\s+of\s+a|half\s+a)\s+{_SCALE_WORD}"
    r"|half\s+a\s+dozen"
    rf"|(?:{_DIGITS})(?:\s+{_SCALE_WORD})?"
    rf"|(?:{_WORD})(?:(?:\s+and\s+|[\s-]+)(?:{_WORD}))*"
)
AMOUNT_RE = re.compile(rf"\b(?:{AMOUNT_PATTERN})\b", re.IGNORECASE)

QUALIFIERS = (
    "at least", "more than", "over", "up to", "nearly", "almost", "about", "around",
    "approximately", "some", "roughly", "an estimated", "estimated", "as many as",
    "fewer than", "less than", "close to", "upwards of", "in excess of", "as high as",
)  # fmt: skip
# Qualifiers that bound the amount from below, from above, or only soften it.
_LOWER = frozenset({"at least", "more than", "over", "upwards of", "in excess of"})
_UPPER = frozenset({"up to", "nearly", "almost", "fewer than", "less than", "close to",
                    "as many as", "as high as"})  # fmt: skip
_APPROX = frozenset({"about", "around", "approximately", "some", "roughly", "an estimated",
                     "estimated", "nearly", "almost", "close to"})  # fmt: skip

QUALIFIER_PATTERN = "|".join(
    re.escape(q).replace(r"\ ", r"\s+") for q in sorted(QUALIFIERS, key=len, reverse=True)
)


@dataclass(frozen=True)
class Amount:
    """A parsed amount; ``value`` is None for vague amounts such as "dozens"."""

    value: int | None
    low: int | None
    high: int | None
    approx: bool
    qualifier: str | None


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


def parse_words(text: str) -> int | None:
    """Number words to an int: "twenty-five" -> 25, "four million" -> 4000000."""
    tokens = [t for t in re.split(r"[\s-]+", _norm(text)) if t and t != "and"]
    if not tokens:
        return None
    total, current = 0, 0
    seen = False
    for token in tokens:
        if token in _UNITS:
            current += _UNITS[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token in _SCALES:
            total += max(current, 1) * _SCALES[token]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number(text: str) -> int | None:
    """An exact amount as an int, or None when the text is vague or not a number.

    Handles "10,000", "1.5 million", "four million", "twenty-five", "half a million".
    """
    norm = _norm(text)
    if not norm or norm in VAGUE_RANGES:
        return None
    if norm == "half a dozen":
        return 6
    for prefix, fraction in _FRACTIONS.items():
        if norm.startswith(prefix + " "):
            scale = _SCALES.get(norm[len(prefix) + 1 :])
            return int(fraction * scale) if scale else None
    match = re.fullmatch(rf"({_DIGITS})(?:\s+({_SCALE_WORD}))?", norm)
    if match:
        number = float(match.group(1).replace(",", ""))
        scale = _SCALES[match.group(2)] if match.group(2) else 1
        result = number * scale
        # "1.5" alone is not a count of people; only scaled decimals are.
        return round(result) if result == int(result) or scale > 1 else None
    return parse_words(norm)


def vague_range(text: str) -> tuple[int, int] | None:
    return VAGUE_RANGES.get(_norm(text))


def make_amount(text: str, qualifier: str | None) -> Amount | None:
    """Combine an amount with its qualifier ("at least", "nearly", ...)."""
    qual = _norm(qualifier) if qualifier else None
    rng = vague_range(text)
    if rng is not None:
        return Amount(None, rng[0], rng[1], True, qual)
    value = parse_number(text)
    if value is None:
        return None
    low: int | None = value
    high: int | None = value
    if qual in _LOWER:
        high = None
    elif qual in _UPPER:
        low = None
    approx = qual in _APPROX
    return Amount(value, low, high, approx, qual)
