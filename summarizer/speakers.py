"""Who said or reported something: noun phrases in front of speech verbs.

Shared by figures (``source``) and quotes (``speaker``).  Works on plain
tokens, left of a verb, because wire copy puts the attribution there
("..., the Syrian Observatory for Human Rights said").
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


SPEECH_VERBS = (
    "said", "says", "say", "told", "tells", "added", "adds", "stated", "states",
    "asserted", "asked", "explained", "warned", "stressed", "insisted", "noted",
    "declared", "claimed", "claims", "announced", "announces", "wrote", "tweeted",
    "recalled", "replied", "confirmed", "confirms", "reported", "reports", "urged",
    "concluded", "argued", "vowed", "denied", "estimated", "estimates",
)  # fmt: skip
SPEECH_VERB_RE = re.compile(
    r"\b(?P<adv>reportedly\s+|also\s+|later\s+|earlier\s+)?"
    r"(?P<verb>" + "|".join(SPEECH_VERBS) + r"|was\s+quoted|were\s+quoted)\b"
)

# Lower-case heads that make a phrase a speaker or source on their own.
ROLE_NOUNS = _words(
    """
    source sources official officials spokesman spokeswoman spokesperson chief head
    director minister activist activists resident residents witness witnesses doctor
    doctors statement monitor group observatory agency ministry army military
    commander commanders correspondent reporter rescuers rescuer medic medics
    diplomat diplomats analyst expert envoy ambassador governor president report
    television tv channel media authorities authority police government officer
    officers volunteers workers worker members member leader leaders command
    """
)
MODIFIERS = _words(
    """
    opposition state military security local government health civil defense defence
    monitoring rights news medical pro-government rebel senior defense defence medical
    foreign interior humanitarian
    """
)
DETERMINERS = _words("the a an one another its his her their some")
INDEFINITE = _words("a an one another some")
CONNECTORS = _words("of for and al bin el de al- ibn")
ANON_HEADS = _words(
    """
    source sources official officials resident residents witness witnesses activist
    activists doctor doctors medic medics diplomat diplomats officer officers commander
    rescuers rescuer worker workers volunteers
    """
)
PRONOUNS = _words("he she they it")
TITLES = _words(
    """
    president governor ambassador minister chief spokesman spokeswoman spokesperson
    director secretary-general vice-president head general commander prime mayor
    envoy leader king prince sheikh dr mr mrs ms prof colonel col gen brigadier
    senator secretary emir deputy representative
    """
)
_STOP_CAPS = _words(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december but and however
    meanwhile on in at
    """
)
_TRAILING_PP = re.compile(
    r"\s+(?:inside|in|at|from|near|within|on)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}[\w'’-]+\s*$"
)
_TOKEN = re.compile(r"[\w’'().-]+")


@dataclass(frozen=True)
class Phrase:
    text: str
    start: int
    end: int


def _is_cap(token: str) -> bool:
    core = token.strip("().")
    if core[:3].lower() in ("al-", "el-") and core[3:4].isupper():
        return True  # "al-Assad"
    return bool(core) and core[0].isupper() and core.lower() not in _STOP_CAPS


def phrase_before(text: str, end: int, limit: int = 10) -> Phrase | None:
    """The speaker-like noun phrase ending at ``end`` (just before a verb).

    Walks left over capitalised words, connectors, role nouns and a few
    modifiers; a determiner closes the phrase.  Returns None when nothing
    name-like or role-like stands there.
    """
    pp = _TRAILING_PP.search(text, max(0, end - 60), end)
    if pp and pp.end() == end:
        # "Another Syrian source inside the training camp told": skip the place.
        inner = phrase_before(text, pp.start(), limit)
        if inner and inner.text.split()[-1].lower() in ROLE_NOUNS:
            return inner
    window_start = max(0, end - 40 * limit)  # bounded look-back keeps this linear
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, window_start, end)]
    tokens = tokens[-limit:]
    chosen: list[tuple[str, int, int]] = []
    for token, start, stop in reversed(tokens):
        low = token.lower().strip("().")
        gap = text[stop : chosen[0][1]] if chosen else text[stop:end]
        if any(ch in gap for ch in ',;:"“”'):
            break
        if token.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+", token):
            break  # "... told AFP. Abdel Rahman": a sentence ended there
        if low in PRONOUNS and not chosen:
            chosen.insert(0, (token, start, stop))
            break
        if low in DETERMINERS:
            if chosen:
                chosen.insert(0, (token, start, stop))
            break
        head_ok = bool(chosen)
        nameish = _is_cap(token) or low in ROLE_NOUNS or low.endswith("-based")
        joins = head_ok and low in CONNECTORS and _is_cap(chosen[0][0])
        if nameish or joins or (head_ok and low in MODIFIERS):
            chosen.insert(0, (token, start, stop))
        else:
            break
    while chosen and chosen[0][0].lower() in CONNECTORS:
        chosen.pop(0)
    if not chosen:
        return None
    if all(t.lower() in DETERMINERS | MODIFIERS for t, _, _ in chosen):
        return None
    start, stop = chosen[0][1], chosen[-1][2]
    return Phrase(text[start:stop], start, stop)


def strip_title(name: str) -> str:
    """Keep the name, drop titles: "Homs Governor Talal Barazi" -> "Talal Barazi".

    Only drops when capitalised name words follow the last title; "the UNICEF
    director" stays as written.
    """
    tokens = name.split()
    last_title = -1
    for i, token in enumerate(tokens):
        if token.lower().strip(".") in TITLES:
            last_title = i
    rest = tokens[last_title + 1 :]
    if last_title >= 0 and rest and all(_is_cap(t) or t.lower() in CONNECTORS for t in rest):
        return " ".join(rest)
    return name


def is_anonymous(phrase: str) -> bool:
    """True for "a military source", "the sources", "one resident": no name given."""
    tokens = phrase.lower().split()
    if not tokens or tokens[-1] not in ANON_HEADS:
        return False
    words = phrase.split()
    named = [w for w in words[1:-1] if _is_cap(w) and not w.lower().startswith("syrian")]
    return tokens[0] in INDEFINITE or (not named and tokens[0] in DETERMINERS) or not named


def is_person_name(phrase: str) -> bool:
    """Two or more capitalised words and no organisation word: probably a person."""
    words = phrase.split()
    if not words or words[0].lower() in DETERMINERS or phrase.lower() in PRONOUNS:
        return False
    if any(w.lower() in ROLE_NOUNS or w.lower() in _ORG_WORDS for w in words):
        return False
    return all(_is_cap(w) or w.lower() in CONNECTORS or w.startswith("al-") for w in words)


_ORG_WORDS = _words(
    """
    observatory council nations army forces front state organisation organization
    network committee coalition ministry agency news tv television red cross crescent
    federation human rights union party brigade brigades corps defense defence
    international national syrian russian american british turkish iranian
    """
)
