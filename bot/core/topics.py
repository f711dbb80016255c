"""Topics a chat can follow: a conflict/country key with aliases and keywords."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Topic:
    key: str
    label: str
    countries: tuple[str, ...] = ()  # ISO 3166-1 alpha-2 codes
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


class UnknownTopic(ValueError):
    pass


def topics_from_mapping(data: Mapping[str, Any]) -> tuple[Topic, ...]:
    """Build topics from the parsed ``config/topics.toml`` (``[topics.<key>]`` tables)."""
    topics = []
    for key, spec in dict(data.get("topics", {})).items():
        if not isinstance(spec, Mapping):
            raise ValueError(f"topic {key!r}: expected a table, got {type(spec).__name__}")
        topics.append(
            Topic(
                key=str(key).lower(),
                label=str(spec.get("label", key.title())),
                countries=tuple(str(c).upper() for c in spec.get("countries", ())),
                aliases=tuple(str(a).lower() for a in spec.get("aliases", ())),
                keywords=tuple(str(k).lower() for k in spec.get("keywords", ())),
            )
        )
    return tuple(topics)


class TopicRegistry:
    """Resolves what a user typed (``Syria``, ``idlib``, ``darfur``) to a topic.

    ``place_country`` maps a place name to an ISO country code (a gazetteer); it is
    injected so the core stays free of data files.
    """

    def __init__(
        self,
        topics: Iterable[Topic],
        place_country: Callable[[str], str | None] | None = None,
    ) -> None:
        self._topics = {t.key: t for t in topics}
        self._place_country = place_country
        self._by_name: dict[str, str] = {}
        for topic in self._topics.values():
            self._by_name[topic.key] = topic.key
            self._by_name[topic.label.lower()] = topic.key
            for alias in topic.aliases:
                self._by_name.setdefault(alias, topic.key)

    def __iter__(self) -> Any:
        return iter(self._topics.values())

    def __len__(self) -> int:
        return len(self._topics)

    def get(self, key: str) -> Topic:
        return self._topics[key]

    def resolve(self, name: str) -> Topic:
        wanted = " ".join(name.strip().lower().split())
        if wanted in self._by_name:
            return self._topics[self._by_name[wanted]]
        if self._place_country is not None:
            country = self._place_country(wanted)
            if country:
                for topic in self._topics.values():
                    if country in topic.countries:
                        return topic
        raise UnknownTopic(wanted)

    def for_country(self, code: str) -> Topic | None:
        for topic in self._topics.values():
            if code.upper() in topic.countries:
                return topic
        return None
