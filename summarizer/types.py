"""Typed results of the summarizer; every field points back to source text."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

FigureCategory = Literal[
    "killed",
    "injured",
    "displaced",
    "missing",
    "detained",
    "soldiers_killed",
    "population",
    "other",
]

FIGURE_CATEGORIES: tuple[FigureCategory, ...] = (
    "killed",
    "injured",
    "displaced",
    "missing",
    "detained",
    "soldiers_killed",
    "population",
    "other",
)


@dataclass(frozen=True)
class Figure:
    """A number with its meaning, taken from one source sentence.

    ``value`` is the point value when the text gives one ("at least 25" -> 25);
    vague amounts ("dozens") have ``value`` None and a ``low``/``high`` range.
    """

    value: int | None
    low: int | None
    high: int | None
    approx: bool
    qualifier: str | None
    category: FigureCategory
    sentence: str
    text: str
    affected: str | None = None
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Quote:
    """A direct quote, verbatim from the source, without its quote marks."""

    speaker: str | None
    text: str
    sentence: str
    reported: bool = False
    anonymous: bool = False
    # The text does not name the speaker at the quote: "he said", or no attribution at
    # all, resolved from the surrounding text (right less often than a named speaker).
    speaker_inferred: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def attributed_to(self) -> str:
        """Who said it, for a reader: "Assad", "Assad (reportedly)", "Assad (from context)"
        or "unattributed"."""
        if not self.speaker:
            return "unattributed"
        notes = [
            n
            for n, on in (("reportedly", self.reported), ("from context", self.speaker_inferred))
            if on
        ]
        return f"{self.speaker} ({', '.join(notes)})" if notes else self.speaker


@dataclass(frozen=True)
class Document:
    """One article's cleaned text, as the summarizer sees it."""

    text: str
    title: str = ""
    source: str = ""
    url: str = ""


@dataclass(frozen=True)
class Summary:
    text: str
    sentences: tuple[str, ...]
    backend: str
    fell_back: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)
