"""Features of the people who could have spoken a quote whose speaker the text does not name.

For '"..." he said' or a quote with no attribution, every person the article names before
the quote is a candidate; so is whatever the rules picked (a body, a role).  Each candidate
gets a row of numbers describing how the text points at it (how recently it was named, was
it the subject of the sentence before, did it speak the quote before, does its gender fit the
pronoun).  A learned linear scorer (``speaker_ranker``) reads these rows.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import pairwise

from summarizer.coreference import named_speakers
from summarizer.given_names import (
    gender_of_given_name,
    is_given_name,
    starts_with_given_name,
)
from summarizer.people import gender_by_title, people_named
from summarizer.places import is_place
from summarizer.sentences import Sentence, split_sentences
from summarizer.speakers import (
    NAME_GAP,
    PRONOUNS,
    ROLE_NOUNS,
    SPEECH_VERB_ALT,
    SPEECH_VERB_RE,
    TITLES,
    is_person_name,
    phrase_before,
    strip_title,
)
from summarizer.subjects import sentence_subject
from summarizer.types import Quote

FEATURE_NAMES: tuple[str, ...] = (
    "bias_person",  # a person the text names (else the rules' pick of a body or role)
    "rule_pick",  # the rules chose it
    "rule_pick_tagged",  # ... for a quote tagged with a pronoun ("he said")
    "same_sentence",  # named in the quote's own sentence, before the quote
    "previous_sentence",  # named in the sentence before
    "sentences_back",  # sentences since it was last named (capped, scaled to 0..1)
    "chars_back",  # log of characters since it was last named
    "mentions",  # log of how often it was named before the quote
    "most_mentioned",  # the person the article names most often so far
    "spoke_last",  # the speaker of the quote just before
    "spoke_recently",  # the speaker of one of the three quotes before
    "quotes_back",  # quotes since it last spoke (capped, scaled)
    "speech_subject",  # named as the subject of a verb of saying within three sentences
    "subject_before",  # the subject of the sentence before the quote
    "gender_agrees",  # the pronoun fits its known gender
    "gender_clashes",  # the pronoun contradicts its known gender
    "named_in_quote",  # the quote itself names it: spoken about, not by
    "last_in_marks",  # its last mention is inside quote marks (someone quoted it)
    "same_paragraph",  # named in the quote's paragraph
    "first_named",  # the first person the article names
    "they_person",  # "they said": one person rarely
    "untagged_spoke_last",  # no tag at all, and it spoke the quote before
    "pronoun_agrees",  # "he" / "she" fits the pronoun the text follows it with
    "pronoun_clashes",  # ... or contradicts it
    "object_last",  # last named as an object: "told Smith", "asked Smith", "to Smith"
    "possessive_last",  # last named as a possessor: "Smith's campaign"
    "most_recent",  # the person named last before the quote
    "second_recent",  # the one named last but one
    "latest_speaker",  # the speaker of the nearest earlier quote that has one
    "said_previous",  # the subject of a verb of saying in the sentence before
    "introduced",  # named with a role after it somewhere before ("Smith, a spokesman for")
    "titled",  # named with a title before it ("Sen. Smith", "President Smith", "Mr. Smith")
    "speaks_somewhere",  # the article shows it speaking somewhere (a verb of saying, a quote)
    "lowercase_context",  # named at least once in running text, not only in Title Case
    "speaking_body",  # a body that spoke within five sentences ("the Observatory said")
    "given_name",  # a full name that opens with a common given name ("Rami Abdel Rahman")
    "nobody",  # the candidate "no one here": the quote stays without a speaker
    "nobody_rules_blank",  # ... where the rules found no one either
    "we_body",  # the quote says "we" / "our" and the candidate is a body, not a person
    "i_person",  # the quote says "I" / "my" and the candidate is a person
    "in_title",  # the article's first line (its title) names it
)
NOBODY = ""  # the name of the candidate "no one"

# "He says he is proud of a "solid share"": a pronoun opening the sentence tags it too.
_TAG_PRONOUN = re.compile(
    r"\b(?P<word>[Hh]e|[Ss]he|[Tt]hey)\s+(?:also\s+)?" + SPEECH_VERB_ALT + r"\b"
)
_OPEN_MARKS = '"“”'
# "Smith, a spokesman for ..." / "Smith, who ...": a name followed by who the person is.
_INTRODUCED = re.compile(
    r"[A-Z][\w'’.-]*(?:"
    + NAME_GAP
    + r"[A-Z][\w'’.-]*){0,3},\s+(?:(?:a|an|the)\s+)?(?:[a-z-]+\s+){0,3}?"
    r"(?:" + "|".join(sorted(ROLE_NOUNS)) + r"|who)\b"
)
_TITLED = re.compile(
    r"\b(?:" + "|".join(sorted(TITLES)) + r")\.?\s+(?:[A-Z][\w'’.-]*\s+)?$", re.IGNORECASE
)
# A name followed, on its line, by a lower-case word: running text, not a headline.
_RUNNING_TEXT = re.compile(r"^[^\n]*?\b[a-z]{2,}\b")
# "Jacques Barrot, vice president of the European Commission, said"
_APPOSITIVE_SPEAKER = re.compile(
    r"(?P<name>\b[A-Z][\w'’-]+(?:" + NAME_GAP + r"[A-Z][\w'’-]+){1,3}),[^,.;\"“”\n]{1,100},"
    r"\s+(?:also\s+)?"
    r"(?P<verb>" + SPEECH_VERB_ALT + r")\b"
)
_WE = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Uu]s|[Ww]e['’](?:re|ve|ll))\b")
_I = re.compile(r"\b(?:I|[Mm]y|[Mm]e|I['’](?:m|ve|ll|d))\b")
_OBJECT_BEFORE = re.compile(r"\b(?:told|asked|(?<![Aa]ccording )to|with|by|for|against)\s+$")


@dataclass(frozen=True)
class _QuoteView:
    """What every candidate of one quote is compared against."""

    quote: Quote
    pos: int  # where the quote's text starts
    here: int  # index of its sentence
    sentence: Sentence
    previous: Sentence | None
    pronoun: str  # "he" / "she" / "they" of its tag, or ""
    pick: str  # the rules' speaker, or ""
    spoke: tuple[str, ...]  # speakers of the quotes before, nearest first
    subject: str  # the person the sentence before is about, or ""
    paragraph_start: int
    most_mentions: int  # mentions so far of the person named most often so far
    said_floor: int  # start of the third sentence back


@dataclass(frozen=True)
class Candidate:
    """Someone who may have spoken a quote, with the numbers describing them."""

    name: str
    features: tuple[float, ...]


def tag_pronoun(quote: Quote) -> str:
    """ "he" / "she" / "they" when the quote's sentence tags it with that pronoun, else ""."""
    rest = quote.sentence.replace(quote.text, " ", 1)
    match = _TAG_PRONOUN.search(rest)
    return match.group("word").lower() if match else ""


def same_person(a: str, b: str) -> bool:
    """One name is the other or a word-for-word part of it ("Barazi" / "Talal Barazi"), or
    two full names share a surname ("Renee Formicola" / "Jo-Renee Formicola")."""
    x, y = f" {a.lower()} ", f" {b.lower()} "
    if x == y or x in y or y in x:
        return True
    first, second = a.split(), b.split()
    return len(first) > 1 and len(second) > 1 and first[-1].lower() == second[-1].lower()


def _positions(text: str, people: dict[str, str]) -> dict[str, list[int]]:
    """Where each full name is mentioned, by any of the words the text calls it."""
    found: dict[str, list[int]] = {}
    for key, full in people.items():
        for match in re.finditer(r"\b" + re.escape(key) + r"\b", text):
            found.setdefault(full, []).append(match.start())
    return {name: sorted(set(spots)) for name, spots in found.items()}


def _merged(mentions: dict[str, list[int]]) -> dict[str, list[int]]:
    """Headline runs read as names ("Chris Christie Calls Hillary Clinton") give their
    mentions to the name inside them; runs of more than four words name no one."""
    out: dict[str, list[int]] = {}
    names = sorted(mentions, key=lambda name: len(name.split()))
    for name in names:
        inner = next(
            (
                short
                for short in out
                if len(short.split()) > 1 and f" {short} " in f" {name} " and short != name
            ),
            None,
        )
        if inner is not None:
            out[inner] = sorted(set(out[inner]) | set(mentions[name]))
        elif len(name.split()) <= 4 and "\n" not in name:
            out[name] = mentions[name]
    return out


def _in_marks(text: str, pos: int, paragraph_start: int) -> bool:
    """An odd number of quote marks between the paragraph start and ``pos``."""
    return sum(text.count(mark, paragraph_start, pos) for mark in _OPEN_MARKS) % 2 == 1


class ArticleContext:
    """What the features need from one article, computed once for all its quotes."""

    def __init__(self, text: str, quotes: list[Quote]) -> None:
        self.text = text
        self.quotes = quotes
        self.people = people_named(text)
        named = named_speakers(text)
        for _, name in named:
            if " " not in name and name[:1].isupper() and is_given_name(name):
                self.people.setdefault(name, name)  # '"...," Melanie said'
        self.sentences: list[Sentence] = split_sentences(text)
        self.mentions = _merged(_positions(text, self.people))
        self.genders = gender_by_title(text, self.people)
        for name in self.mentions:  # "Hayley Yelling": a "she" by her first name
            given = gender_of_given_name(name)
            if given:
                self.genders.setdefault(name, given)
        self.starts = self._quote_starts()
        self.title_words = frozenset(re.findall(r"[\w'’-]+", text.split("\n", 1)[0]))
        # Who speaks where: people as the rules read them ("Jacques Barrot, vice president
        # of the European Commission, said"), and any subject of a verb of saying (bodies).
        self.speech_subjects = named + [
            (m.start("verb"), m.group("name")) for m in _APPOSITIVE_SPEAKER.finditer(text)
        ]
        self.speech_phrases = self._speech_subjects()
        first = [(spots[0], name) for name, spots in self.mentions.items() if spots]
        self.first_named = min(first)[1] if first else ""
        self.pronoun_votes = self._pronoun_votes()
        self._count_tagged_quotes()
        self.sentence_starts = [sent.start for sent in self.sentences]
        self.speaking = {
            name
            for name in self.mentions
            if any(same_person(who, name) for _, who in self.speech_subjects)
            or any(
                q.speaker and not q.speaker_inferred and same_person(q.speaker, name)
                for q in quotes
            )
        }

    def _quote_starts(self) -> list[int]:
        out, cursor = [], 0
        for quote in self.quotes:
            at = self.text.find(quote.text, cursor)
            at = self.text.find(quote.text) if at < 0 else at
            out.append(max(at, 0))
            cursor = max(at, cursor)
        return out

    def _speech_subjects(self) -> list[tuple[int, str]]:
        out = []
        for verb in SPEECH_VERB_RE.finditer(self.text):
            phrase = phrase_before(self.text, verb.start())
            if phrase is not None:
                out.append((verb.start(), strip_title(phrase.text)))
        return out

    def _pronoun_votes(self) -> dict[str, dict[str, int]]:
        """How often a sentence about a person is followed by one about "he" or "she"."""
        votes: dict[str, dict[str, int]] = {}
        subjects = [sentence_subject(self.text, sent, self.people) for sent in self.sentences]
        for before, after in pairwise(subjects):
            if before.kind == "person" and after.kind == "pronoun":
                name = self.people.get(before.text, before.text)
                tally = votes.setdefault(name, {})
                tally[after.text] = tally.get(after.text, 0) + 1
        return votes

    def _count_tagged_quotes(self) -> None:
        """'"...," she replied' resolved to Elise Matthesen: Elise is a "she"."""
        for quote in self.quotes:
            pronoun = tag_pronoun(quote)
            if pronoun not in ("he", "she") or not quote.speaker:
                continue
            for name in self.mentions:
                if same_person(name, self.people.get(quote.speaker, quote.speaker)):
                    tally = self.pronoun_votes.setdefault(name, {})
                    tally[pronoun] = tally.get(pronoun, 0) + 1

    def _clashes(self, name: str, pronoun: str) -> bool:
        """The text shows ``name`` is not a "he" (or not a "she")."""
        other = {"he": "she", "she": "he"}.get(pronoun)
        if other is None:
            return False
        if name in self.genders:  # a title or a given name says so: sure, not outvoted
            return self.genders[name] == other
        votes = self.pronoun_votes.get(name, {})
        return votes.get(other, 0) > votes.get(pronoun, 0)

    def _pronoun(self, index: int) -> str:
        """The quote's tag pronoun; an untagged quote goes on with the one before it in its
        paragraph ('"No," he said. "No. You tell me one ..."')."""
        own = tag_pronoun(self.quotes[index])
        if own or index == 0:
            return own
        here = self.sentences[self.sentence_at(self.starts[index])] if self.sentences else None
        there = self.sentences[self.sentence_at(self.starts[index - 1])] if self.sentences else None
        if here is None or there is None or here.paragraph != there.paragraph:
            return ""
        return tag_pronoun(self.quotes[index - 1])

    def _mentions_of(self, name: str) -> list[int]:
        if name in self.mentions:
            return self.mentions[name]
        surname = name.split()[-1] if name.split() else name
        return [m.start() for m in re.finditer(r"\b" + re.escape(surname) + r"\b", self.text)]

    def sentence_at(self, pos: int) -> int:
        """Index of the sentence holding ``pos`` (the last one for a position past them)."""
        return max(0, min(bisect_right(self.sentence_starts, pos) - 1, len(self.sentences) - 1))

    def candidates(self, index: int) -> list[Candidate]:
        """Everyone who may have spoken quote ``index``, the rules' pick among them."""
        view = self._view(index)
        # "So when he wrote that the Biden he saw, with Barack Obama there, "...": a name
        # first met between the tag's pronoun and the quote is not who the pronoun means.
        tag = _TAG_PRONOUN.search(self.text, view.sentence.start, view.pos)
        floor = tag.start() if tag else view.pos
        names = [
            name
            for name, spots in self.mentions.items()
            if spots
            and spots[0] < floor
            and not is_place(name)  # "Maaret al-Numan"
            and not self._clashes(name, view.pronoun)  # never a "she" for "he"
        ]
        latest = {name: max(at for at in self.mentions[name] if at < view.pos) for name in names}
        order = sorted(names, key=lambda name: (-latest[name], name))
        # Most recent first, so that a tie goes to the person named last.
        rows = [
            Candidate(name, self._features(view, name, rank)) for rank, name in enumerate(order)
        ]
        if (
            view.pick
            and not any(same_person(view.pick, name) for name in names)
            and not self._clashes(self.people.get(view.pick, view.pick), view.pronoun)
        ):
            # A name the rules found that people_named missed ("Ahmad"): a person still.
            person = is_person_name(view.pick) and not is_place(view.pick)
            rows.append(Candidate(view.pick, self._features(view, view.pick, -1, person)))
        taken = [row.name for row in rows]
        for body in self._bodies_before(view):
            if not any(same_person(body, name) for name in taken):
                taken.append(body)
                rows.append(Candidate(body, self._features(view, body, -1, person=False)))
        if rows:
            nobody = [0.0] * len(FEATURE_NAMES)
            nobody[FEATURE_NAMES.index("nobody")] = 1.0
            nobody[FEATURE_NAMES.index("nobody_rules_blank")] = float(not view.pick)
            rows.append(Candidate(NOBODY, tuple(nobody)))
        return rows

    def _bodies_before(self, view: _QuoteView) -> list[str]:
        """Bodies, not people, that spoke in the five sentences before: most recent first."""
        floor = self.sentences[max(0, view.here - 5)].start if self.sentences else 0
        found = [
            who
            for at, who in self.speech_phrases
            if floor <= at < view.pos
            and re.match(r"[A-Z0-9][\w'’.&-]", who)  # a name: not "Â", a stray no-break space
            and who.lower() not in PRONOUNS
            and who not in self.mentions
            and who not in self.people  # "Elise wrote": Elise Matthesen, a person
            and not is_place(who)
        ]
        return list(dict.fromkeys(reversed(found)))

    def _view(self, index: int) -> _QuoteView:
        quote, pos = self.quotes[index], self.starts[index]
        here = self.sentence_at(pos)
        sent = self.sentences[here] if self.sentences else Sentence("", 0, len(self.text), 0)
        subject = ""
        if here > 0:
            found = sentence_subject(self.text, self.sentences[here - 1], self.people)
            subject = self.people.get(found.text, found.text) if found.kind == "person" else ""
        paragraph_start = next(
            (s.start for s in self.sentences if s.paragraph == sent.paragraph), sent.start
        )
        counts = [sum(1 for at in spots if at < pos) for spots in self.mentions.values()]
        return _QuoteView(
            quote=quote,
            pos=pos,
            here=here,
            sentence=sent,
            previous=self.sentences[here - 1] if here > 0 else None,
            pronoun=self._pronoun(index),
            pick=quote.speaker or "",
            spoke=tuple(self.quotes[k].speaker or "" for k in range(index - 1, -1, -1)),
            subject=subject,
            paragraph_start=paragraph_start,
            most_mentions=max(counts, default=0),
            said_floor=self.sentences[max(0, here - 3)].start if self.sentences else 0,
        )

    def _features(
        self, view: _QuoteView, name: str, rank: int, person: bool = True
    ) -> tuple[float, ...]:
        text, pos, pronoun = self.text, view.pos, view.pronoun
        spots = [at for at in self._mentions_of(name) if at < pos] if person else []
        last = spots[-1] if spots else -1
        back = view.here - self.sentence_at(last) if spots else 10
        rule = bool(view.pick) and same_person(view.pick, name)
        spoke = view.spoke
        quotes_back = next((k for k, who in enumerate(spoke) if who and same_person(who, name)), 5)
        said = any(
            view.said_floor <= at < pos and same_person(who, name)
            for at, who in self.speech_subjects
        )
        gender = self.genders.get(name, "")
        latest_speaker = next((who for who in spoke if who), "")
        spoke_last = bool(spoke) and bool(spoke[0]) and same_person(spoke[0], name)
        votes = self.pronoun_votes.get(name, {})
        other = {"he": "she", "she": "he"}.get(pronoun, "")
        lead = text[max(0, last - 12) : last] if last >= 0 else ""
        previous = view.previous
        surname = name.split()[-1] if name.split() else name
        return (
            float(person),
            float(rule),
            float(rule and pronoun in ("he", "she")),
            float(any(view.sentence.start <= at for at in spots)),
            float(
                previous is not None and any(previous.start <= at < previous.end for at in spots)
            ),
            min(back, 10) / 10,
            math.log1p(pos - last) / 10 if last >= 0 else 1.0,
            math.log1p(len(spots)),
            float(person and len(spots) == view.most_mentions > 0),
            float(spoke_last),
            float(quotes_back < 3),
            min(quotes_back, 5) / 5,
            float(said),
            float(bool(view.subject) and same_person(view.subject, name)),
            float(bool(gender) and gender == pronoun),
            float(bool(gender) and bool(other) and gender != pronoun),
            float(bool(re.search(r"\b" + re.escape(surname) + r"\b", view.quote.text))),
            float(last >= 0 and _in_marks(text, last, view.paragraph_start)),
            float(any(at >= view.paragraph_start for at in spots)),
            float(name == self.first_named),
            float(person and pronoun == "they"),
            float(not pronoun and spoke_last),
            float(bool(other) and votes.get(pronoun, 0) > votes.get(other, 0)),
            float(bool(other) and votes.get(other, 0) > votes.get(pronoun, 0)),
            float(bool(_OBJECT_BEFORE.search(lead))),
            float(last >= 0 and text.startswith(("'s", "’s"), last + len(surname))),
            float(rank == 0),
            float(rank == 1),
            float(bool(latest_speaker) and same_person(latest_speaker, name)),
            float(
                previous is not None
                and any(
                    previous.start <= at < previous.end and same_person(who, name)
                    for at, who in self.speech_subjects
                )
            ),
            float(any(_INTRODUCED.match(text, at) for at in spots)),
            float(any(_TITLED.search(text[max(0, at - 25) : at]) for at in spots)),
            float(person and name in self.speaking),
            float(any(_RUNNING_TEXT.search(text, at, at + len(name) + 30) for at in spots)),
            float(not person and not rule),
            float(person and starts_with_given_name(name)),
            0.0,
            0.0,
            float(not person and bool(_WE.search(view.quote.text))),
            float(person and bool(_I.search(view.quote.text))),
            float(bool(surname) and surname in self.title_words),
        )
