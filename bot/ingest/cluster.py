"""Group reports of the same event into one story.

Two signals. The first is lexical and deterministic: a fingerprint of the title and lead
(content words, capitalised names, casualty-style numbers, and a MinHash signature of word
shingles for reprints). Two outlets describing one strike share the place, the numbers and
key words even when worded differently; two events in one city a day apart usually differ in
numbers and wording, and the time window in ``match_story`` keeps older events apart.

The second, optional, is a sentence embedding of the title and the lead's first sentences
(``lead_text``; computed by the caller, e.g. with ``summarizer.encoder.SentenceEncoder``). It
rescues reports of one event that the words miss, typically a revised toll ("kill at least
31" vs "toll rises to 34"), but only in a lexical grey zone: an embedding alone says "same
kind of event in the same region", which is true of many different strikes.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import MappingProxyType
from typing import Any

from summarizer.sentences import split_sentences

__all__ = [
    "EMBEDDING_THRESHOLD",
    "GREY_ZONE_FLOOR",
    "SAME_STORY_THRESHOLD",
    "Fingerprint",
    "StoryCandidate",
    "cosine",
    "fingerprint",
    "lead_text",
    "match_story",
    "round_vector",
    "same_story",
    "similarity",
]

SAME_STORY_THRESHOLD = 0.41
# The hybrid rule (see ``same_story``). Tuned on tests/data/cluster_pairs.jsonl, the same pairs
# bench/bench_clustering.py scores (which also prints a held-out check): in the grey zone the
# same-event pairs embed at 0.75-0.80 and the different-event ones at most 0.71.
GREY_ZONE_FLOOR = 0.15
EMBEDDING_THRESHOLD = 0.73
LEAD_SENTENCES = 2
_LEAD_CHARS = 600  # the encoder truncates at 128 tokens anyway
_LEAD_WORDS = 70  # the lead carries the who/what/where/how many of a report
_SHINGLE = 3
_MINHASH_SIZE = 64
_MERSENNE = (1 << 61) - 1
# Fixed permutations so fingerprints stored today compare with those computed tomorrow.
_PERMUTATIONS = tuple(
    (
        int.from_bytes(hashlib.blake2b(f"a{i}".encode(), digest_size=8).digest()) % _MERSENNE | 1,
        int.from_bytes(hashlib.blake2b(f"b{i}".encode(), digest_size=8).digest()) % _MERSENNE,
    )
    for i in range(_MINHASH_SIZE)
)

_STOPWORDS = frozenset(
    re.findall(
        r"\S+",
        """a an the and or but of in on at to for from by with as is are was were be been being
    has have had it its this that these those he she they them his her their we our you
    said says say saying told according reported reports report also after before during
    over under into near about than more most least some other new since while when where
    who which what not no per up out off amid against between am pm
    mon tue wed thu fri sat sun monday tuesday wednesday thursday friday saturday sunday
    jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june
    july august september october november december today yesterday tonight week
    published date publication updated get short url tweet print views topic related""",
    )
)
# Words outlets vary on for the same thing; mapping them lets differently worded reports meet.
_SYNONYMS = MappingProxyType(
    {
        "dead": "kill",
        "died": "kill",
        "death": "kill",
        "deaths": "kill",
        "killing": "kill",
        "killed": "kill",
        "kills": "kill",
        "martyred": "kill",
        "martyrs": "kill",
        "lives": "kill",
        "blast": "bomb",
        "explosion": "bomb",
        "bombing": "bomb",
        "bomber": "bomb",
        "bombs": "bomb",
        "exploded": "bomb",
        "airstrike": "strike",
        "airstrikes": "strike",
        "raid": "strike",
        "raids": "strike",
        "strikes": "strike",
        "bombardment": "strike",
        "jets": "warplane",
        "warplanes": "warplane",
        "aircraft": "warplane",
        "isis": "is",
        "isil": "is",
        "daesh": "is",
        "injured": "wound",
        "wounded": "wound",
        "injuring": "wound",
        "wounding": "wound",
        "children": "child",
        "kids": "child",
        "civilians": "civilian",
        "people": "civilian",
        "motorbike": "motorcycle",
        "syrias": "syria",
        "syrian": "syria",
        "regime": "government",
        "government-held": "government",
        "rebel-held": "rebel",
        "rebels": "rebel",
        "militants": "militant",
        "terrorists": "militant",
        "terrorist": "militant",
    }
)
_NUMBER_WORDS = MappingProxyType(
    {
        "two": "2",
        "three": "3",
        "four": "4",
        "five": "5",
        "six": "6",
        "seven": "7",
        "eight": "8",
        "nine": "9",
        "ten": "10",
        "eleven": "11",
        "twelve": "12",
        "thirteen": "13",
        "fourteen": "14",
        "fifteen": "15",
        "sixteen": "16",
        "seventeen": "17",
        "eighteen": "18",
        "nineteen": "19",
        "twenty": "20",
        "thirty": "30",
        "forty": "40",
        "fifty": "50",
    }
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATES = re.compile(
    rf"\b\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?|\b{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?"
    r"|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b(?:19|20)\d{2}\b|\b\d{1,2}:\d{2}\b",
    re.IGNORECASE,
)
_WEEKDAYS = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE
)
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@dataclass(frozen=True)
class Fingerprint:
    words: tuple[str, ...]  # normalised content words of title + lead, sorted
    title_words: tuple[str, ...]  # the same for the title alone
    names: tuple[str, ...]  # capitalised words (places, groups, people), lower-cased
    numbers: tuple[str, ...]  # numbers of the lead (tolls, counts), dates removed
    minhash: tuple[int, ...]  # MinHash of word shingles: catches reprints and rewrites
    weekdays: tuple[str, ...] = ()  # "on Tuesday": reports of one event name the same day

    def to_json(self) -> dict[str, list[Any]]:
        return {
            "words": list(self.words),
            "title_words": list(self.title_words),
            "names": list(self.names),
            "numbers": list(self.numbers),
            "minhash": list(self.minhash),
            "weekdays": list(self.weekdays),
        }

    @classmethod
    def from_json(cls, obj: Any) -> Fingerprint:
        if not isinstance(obj, dict):
            raise ValueError(f"fingerprint: expected an object, got {type(obj).__name__}")
        return cls(
            words=tuple(str(w) for w in obj.get("words", ())),
            title_words=tuple(str(w) for w in obj.get("title_words", ())),
            names=tuple(str(n) for n in obj.get("names", ())),
            numbers=tuple(str(n) for n in obj.get("numbers", ())),
            minhash=tuple(int(h) for h in obj.get("minhash", ())),
            weekdays=tuple(str(d) for d in obj.get("weekdays", ())),
        )


def _normalise(word: str) -> str:
    w = word.casefold().replace("’", "'")
    w = re.sub(r"'s$", "", w).replace("'", "")
    w = _SYNONYMS.get(w, w)
    if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    return w


def _content_words(text: str) -> list[str]:
    out = []
    for token in _WORD.findall(text):
        if token.isdigit():
            continue
        w = _normalise(token)
        if len(w) > 1 and w not in _STOPWORDS and w not in _NUMBER_WORDS:
            out.append(w)
    return out


def _numbers(text: str) -> set[str]:
    found = set()
    for token in re.findall(r"(?<![\w.,])\d{1,3}(?:,\d{3})*(?!\d|[.,]\d)|[A-Za-z]+", text):
        if token[0].isdigit():
            value = token.replace(",", "")
            # 0 and 1 are everywhere ("one of the", "1 dead"); they do not tell events apart.
            # Bare four-digit numbers are clock times and page counters ("updated 1404"),
            # not tolls, which news writes "1,300".
            if value.isdigit() and int(value) >= 2 and (len(value) != 4 or "," in token):
                found.add(str(int(value)))
        elif token.casefold() in _NUMBER_WORDS:
            found.add(_NUMBER_WORDS[token.casefold()])
    return found


def _names(text: str) -> set[str]:
    names = set()
    for sentence in re.split(r"(?<=[.!?])\s+|\n", text):
        tokens = _WORD.findall(sentence)
        for i, token in enumerate(tokens):
            # Sentence-initial capitals say nothing; Title Case headlines are handled by
            # requiring names to be outside the stopword list.
            if i == 0 or not token[:1].isupper():
                continue
            w = _normalise(token)
            if w not in _STOPWORDS and len(w) > 2:
                names.add(w)
    return names


def _minhash(words: Sequence[str]) -> tuple[int, ...]:
    if len(words) < _SHINGLE:
        shingles = {" ".join(words)} if words else set()
    else:
        shingles = {" ".join(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)}
    if not shingles:
        return ()
    hashes = [int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest()) for s in shingles]
    return tuple(min((a * h + b) % _MERSENNE for h in hashes) for a, b in _PERMUTATIONS)


def fingerprint(title: str, body: str) -> Fingerprint:
    lead = " ".join(body.split()[:_LEAD_WORDS])
    text = _DATES.sub(" ", f"{title}\n{lead}")
    title_text = _DATES.sub(" ", title)
    words = _content_words(text)
    return Fingerprint(
        words=tuple(sorted(set(words))),
        title_words=tuple(sorted(set(_content_words(title_text)))),
        names=tuple(sorted(_names(text))),
        numbers=tuple(sorted(_numbers(text), key=int)),
        minhash=_minhash(words),
        weekdays=tuple(sorted({d.casefold() for d in _WEEKDAYS.findall(text)})),
    )


def _jaccard(a: Sequence[str], b: Sequence[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa or sb else 0.0


def _overlap(a: Sequence[str], b: Sequence[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / min(len(sa), len(sb)) if sa and sb else 0.0


def similarity(a: Fingerprint, b: Fingerprint) -> float:
    """0..1; at or above ``SAME_STORY_THRESHOLD`` the two reports are one story."""
    if a.minhash and len(a.minhash) == len(b.minhash):
        near_dup = sum(x == y for x, y in zip(a.minhash, b.minhash, strict=True)) / len(a.minhash)
    else:
        near_dup = 0.0
    words = _jaccard(a.words, b.words)
    title = _jaccard(a.title_words, b.title_words)
    names = _overlap(a.names, b.names)
    score = 0.45 * min(1.0, words * 2.5) + 0.25 * min(1.0, title * 2) + 0.15 * names
    if a.numbers and b.numbers:
        # A shared toll is strong evidence; entirely different numbers suggest another event
        # (or a revised toll, which the words then have to carry).
        shared = set(a.numbers) & set(b.numbers)
        # Small counts ("3 children") recur across events; a toll of 16 or 112 rarely does.
        if shared:
            score += 0.25 if max(int(n) for n in shared) >= 5 else 0.1
        else:
            score -= 0.15
    if a.weekdays and b.weekdays and not set(a.weekdays) & set(b.weekdays):
        score -= 0.3  # "on Sunday" vs "on Tuesday": two events
    # Reprints and light rewrites: a high shingle overlap decides on its own.
    return max(0.0, min(1.0, max(score, near_dup * 1.5)))


def lead_text(title: str, body: str, sentences: int = LEAD_SENTENCES) -> str:
    """What gets embedded: the title and the lead's first sentences (who, what, where)."""
    lead = " ".join(s.text for s in split_sentences(body)[:sentences])
    text = f"{title.strip()}. {lead}" if title.strip() else lead
    return " ".join(text.split())[:_LEAD_CHARS]


def round_vector(vector: Sequence[float], digits: int = 4) -> tuple[float, ...]:
    """Stored vectors are rounded: 4 decimals move a cosine by well under 0.001."""
    return tuple(round(float(x), digits) for x in vector)


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    if len(a) != len(b) or not a:
        return 0.0
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return dot / norm if norm else 0.0


def _names_other_day(a: Fingerprint, b: Fingerprint) -> bool:
    return bool(a.weekdays and b.weekdays and not set(a.weekdays) & set(b.weekdays))


def same_story(
    a: Fingerprint,
    b: Fingerprint,
    vector_a: Sequence[float] | None = None,
    vector_b: Sequence[float] | None = None,
    *,
    grey_zone_floor: float = GREY_ZONE_FLOOR,
    embedding_threshold: float = EMBEDDING_THRESHOLD,
) -> tuple[bool, float, float | None]:
    """(same story?, lexical score, embedding cosine or None when not consulted).

    Same story when the lexical score reaches ``SAME_STORY_THRESHOLD``, or when it is in the
    grey zone (>= ``GREY_ZONE_FLOOR``), both lead vectors are given, their cosine reaches
    ``EMBEDDING_THRESHOLD`` and the reports do not name different weekdays for the event.
    The keyword thresholds exist for tuning (bench/bench_clustering.py).
    """
    lexical = similarity(a, b)
    if lexical >= SAME_STORY_THRESHOLD:
        return True, lexical, None
    if lexical < grey_zone_floor or not vector_a or not vector_b or _names_other_day(a, b):
        return False, lexical, None
    semantic = cosine(vector_a, vector_b)
    return semantic >= embedding_threshold, lexical, semantic


@dataclass(frozen=True)
class StoryCandidate:
    story_id: int
    fingerprint: Fingerprint
    topics: tuple[str, ...]
    updated: datetime
    lead_vector: tuple[float, ...] | None = None  # embedding of the story's first report


def _utc(moment: datetime) -> datetime:
    # Stored datetimes may be naive (SQLite); they are UTC by convention.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def match_story(
    fp: Fingerprint,
    topics: Sequence[str],
    published: datetime,
    candidates: Sequence[StoryCandidate],
    window: timedelta = timedelta(hours=72),
    lead_vector: Sequence[float] | None = None,
) -> int | None:
    """The story this report belongs to, or None for a new story.

    Only stories updated within ``window`` of ``published`` (either side: feeds deliver
    late) and sharing a topic (when both have topics) are considered. A lexical match beats
    an embedding match (``same_story``); within each, the most similar wins, the more
    recently updated on a tie. Without ``lead_vector`` (or candidates' vectors) the decision
    is purely lexical.
    """
    when = _utc(published)
    wanted = set(topics)
    best: tuple[tuple[int, float, datetime], int] | None = None
    for cand in candidates:
        updated = _utc(cand.updated)
        if abs(when - updated) > window:
            continue
        if wanted and cand.topics and not wanted.intersection(cand.topics):
            continue
        same, lexical, semantic = same_story(fp, cand.fingerprint, lead_vector, cand.lead_vector)
        if not same:
            continue
        rank = (1, lexical, updated) if semantic is None else (0, semantic, updated)
        if best is None or rank > best[0]:
            best = (rank, cand.story_id)
    return best[1] if best else None
