"""Tag an article with topics, places, countries and a conflict score."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.core.topics import Topic
from bot.ingest.gazetteer import Gazetteer
from bot.ingest.relevance import conflict_score

__all__ = ["Tagger", "Tags"]


@dataclass(frozen=True)
class Tags:
    topics: tuple[str, ...]  # topic keys, e.g. ("syria",)
    places: tuple[str, ...]  # place names as written, e.g. ("Idlib", "Aleppo")
    countries: tuple[str, ...]  # ISO 3166-1 alpha-2 codes
    conflict_score: float  # 0..1, from relevance.py


# Places and terms are read from the title and the opening of the body only.
_READ_CHARS = 3000
# The lead: where a report names its subject.
_LEAD_CHARS = 400
# A topic mentioned in passing ("...as in Ukraine") is tagged only if it weighs at least
# this share of the article's main topic; topics in the title or lead always count.
_MINOR_TOPIC_SHARE = 0.34


def _term_pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    words = sorted({t.strip() for t in terms if t.strip()}, key=len, reverse=True)
    if not words:
        return None
    # Hyphen and space are interchangeable in names ("Hayat Tahrir al-Sham").
    alternation = "|".join(
        re.escape(w).replace(r"\-", "[- ]").replace(r"\ ", "[- ]") for w in words
    )
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE)


class Tagger:
    def __init__(self, topics: Iterable[Topic], gazetteer: Gazetteer) -> None:
        self._topics = tuple(topics)
        self._gazetteer = gazetteer
        self._term_patterns = tuple(
            (topic.key, _term_pattern((topic.label, *topic.aliases, *topic.keywords)))
            for topic in self._topics
        )
        self._by_country: dict[str, list[str]] = {}
        for topic in self._topics:
            for code in topic.countries:
                self._by_country.setdefault(code.upper(), []).append(topic.key)

    def tag(self, title: str, body: str) -> Tags:
        rest = body[:_READ_CHARS]
        head = f"{title}\n{rest[:_LEAD_CHARS]}"
        text = f"{title}\n{rest}"
        found = self._gazetteer.find_places(text)
        places = tuple(name for name, _ in found)
        countries = tuple(dict.fromkeys(code for _, code in found))

        weight: dict[str, float] = {}
        prominent: set[str] = set()
        for name, code in found:
            mentions = len(re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", text))
            for key in self._by_country.get(code, ()):
                weight[key] = weight.get(key, 0.0) + max(mentions, 1)
                if name in head:
                    prominent.add(key)
        for key, pattern in self._term_patterns:
            if pattern is None:
                continue
            mentions = len(pattern.findall(text))
            if mentions:
                weight[key] = weight.get(key, 0.0) + mentions
                if pattern.search(head):
                    prominent.add(key)
        top = max(weight.values(), default=0.0)
        topics = tuple(
            key for key, w in weight.items() if key in prominent or w >= _MINOR_TOPIC_SHARE * top
        )
        return Tags(
            topics=topics,
            places=places,
            countries=countries,
            conflict_score=conflict_score(title, body),
        )
