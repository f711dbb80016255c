"""Faithfulness guard: a summary may only say what its sources say.

Every number (digits or words) and every named person or place in a summary must
be supported by the source text; otherwise the summary is rejected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "thousand": 1000,
    "million": 1_000_000,
    "dozen": 12,
    "dozens": 24,
    "hundreds": 200,
    "thousands": 2000,
}
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_WORDS = re.compile(r"[A-Za-z]+")
# Capitalised word runs (names of people, places, groups), e.g. "Hayat Tahrir al Sham".
_NAME = re.compile(r"\b[A-Z][a-z’'\-]+(?:\s+(?:al|el|de|bin|ibn|[A-Z][a-z’'\-]+))*")
_COMMON_CAPITALISED_WORDS = """
the a an in on at of for and but or if as by with from to this that these those
it its he she they we i his her their our after before while when where who what
more most some many several at least nearly about around over under up down
monday tuesday wednesday thursday friday saturday sunday january february march
april may june july august september october november december
"""
_COMMON_CAPITALISED = frozenset(_COMMON_CAPITALISED_WORDS.split())


@dataclass(frozen=True)
class GuardVerdict:
    faithful: bool
    unsupported: tuple[str, ...]


def _numbers(text: str) -> set[str]:
    found = {m.group().replace(",", "") for m in _DIGITS.finditer(text)}
    for word in _WORDS.findall(text.lower()):
        if word in _WORD_NUMBERS:
            found.add(str(_WORD_NUMBERS[word]))
            found.add(word)
    return found


def _names(text: str) -> set[str]:
    names = set()
    for match in _NAME.finditer(text):
        words = match.group().split()
        while words and words[0].lower() in _COMMON_CAPITALISED:
            words.pop(0)
        if words:
            names.add(" ".join(words))
    return names


def check(summary: str, source: str) -> GuardVerdict:
    source_numbers = _numbers(source)
    source_lower = source.lower()
    missing: list[str] = []
    for match in _DIGITS.finditer(summary):
        value = match.group().replace(",", "")
        if value not in source_numbers:
            missing.append(match.group())
    for word in _WORDS.findall(summary):
        lowered = word.lower()
        if (
            lowered in _WORD_NUMBERS
            and lowered not in source_lower
            and (str(_WORD_NUMBERS[lowered]) not in source_numbers)
        ):
            missing.append(word)
    for name in _names(summary):
        # Each word of a name must be in the source: "Assad" is supported by
        # "President Assad", a made-up "Mohammed Assad" is not.
        if any(part.lower() not in source_lower for part in name.split()):
            missing.append(name)
    return GuardVerdict(faithful=not missing, unsupported=tuple(dict.fromkeys(missing)))
