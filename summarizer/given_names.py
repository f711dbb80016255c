"""What a given name tells: "Hayley Yelling" is a "she", "Jason Gardener" a "he", and
"Rami Abdel Rahman" opens with a given name where "Wild Rose" does not.

Pronouns pick a speaker among the people an article names ('"..." she said'); titles
("Ms", "Mr") give a gender only now and then, first names nearly always.  The reference
is ``data/given_names.tsv``, built by ``bench/build_given_names.py`` from the name data of
the nomquamgender package (MIT licence, see ``data/given_names.LICENSE``): names recorded
at least 50 times and at least 90% for one gender get it; "Jordan", "Kim", "Jean" stay
open.  Read once, lazily.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib.resources import files

_GENDER = {"m": "he", "f": "she"}


@lru_cache(maxsize=1)
def _reference() -> tuple[dict[str, str], frozenset[str]]:
    """(folded given name -> "he" / "she", names that many sources record often)."""
    genders: dict[str, str] = {}
    common: set[str] = set()
    table = files("summarizer").joinpath("data", "given_names.tsv")
    for line in table.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        name, gender, is_common = line.split("\t")
        if gender in _GENDER:
            genders[name] = _GENDER[gender]
        if is_common == "1":
            common.add(name)
    return genders, frozenset(common)


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def gender_of_given_name(name: str) -> str:
    """ "he" or "she" for a full name whose first word is a clearly gendered given name;
    "" for one-word names (a surname says nothing) and names the data leaves open."""
    words = name.split()
    if len(words) < 2:
        return ""
    return _reference()[0].get(_fold(words[0]), "")


def starts_with_given_name(name: str) -> bool:
    """ "Rami Abdel Rahman", "Hillary Clinton": a full name opening with a common given name;
    "Wild Rose", "Central Park" do not."""
    words = name.split()
    return len(words) >= 2 and is_given_name(words[0])


def is_given_name(word: str) -> bool:
    """ "Melanie", "Ahmad": a word many countries' records hold as a given name."""
    return _fold(word) in _reference()[1]
