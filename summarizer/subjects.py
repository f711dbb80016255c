"""Who a sentence is about: its grammatical subject, for following "he" and "she" back.

News copy keeps one person in focus across sentences ("Taylor Swift posted on Twitter
... She claimed ... "I just want ...," she said).  A pronoun subject points to the
nearest earlier sentence whose subject is a person, skipping sentences that are
themselves about "he" / "she" or about a thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.sentences import Sentence
from summarizer.speakers import (
    NAME_PATTERN,
    ORG_ROLES,
    PERSON_HEADS,
    ROLE_NOUNS,
    SPEECH_VERB_RE,
    is_descriptor,
    is_person_name,
    strip_title,
)

# Narration of what someone said without a verb of saying: "described the moment".
NARRATION_VERB = re.compile(r"\b(?:described|recounted|spoke|condemned|called|urged|accused)\b")
PERSON_ROLES = ROLE_NOUNS - ORG_ROLES

# Words that open a sentence without being its subject: "But", "Then, last week,".
_CONNECTIVE = re.compile(
    r"(?:But|And|So|Yet|Still|Then|Now|Meanwhile|However|Instead|Indeed|Also|Later|Earlier|"
    r"Afterwards|Today|Yesterday|Tonight)\b,?\s*"
)
# "On Monday, ", "Last week, ", "After the match, ": an adverbial phrase set off by a comma.
_ADVERBIAL = re.compile(
    r"(?i:on|in|at|after|before|during|since|last|this|earlier|later|following|despite|speaking|"
    r"asked|when|while|as|back|over|for)\b[^,.;:\"“”]{0,60},\s*"
)
_NAME = re.compile(r"\b" + NAME_PATTERN)
_PRONOUN = re.compile(r"(?P<word>He|She)\b")
_TITLE = r"(?:(?:Mr|Mrs|Ms|Dr|Prof|Sir|Dame|Lord|Lady)\.?\s+)"
# A name, maybe titled, maybe followed by an appositive, then a lower-case word (the verb).
_NAMED = re.compile(
    r"(?P<name>" + _TITLE + r"?(?:" + NAME_PATTERN + r"|[A-Z][a-z'’-]+))"
    r"(?:,[^,.;\"“”]{1,150},)?\s+(?!of\b|and\b|or\b)[a-z]"
)


_NOT_NAMES = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "there",
        "their",
        "his",
        "her",
    ]
)


@dataclass(frozen=True)
class Subject:
    kind: str  # "person", "pronoun" or "other"
    text: str


def sentence_subject(text: str, sent: Sentence, people: dict[str, str]) -> Subject:
    """The subject opening ``sent``; ``people`` maps one-word names to full names."""
    body = text[sent.start : sent.end]
    if body[:1] in "\"“”'‘":
        return Subject("other", "")  # a quote opens it: its speaker is known elsewhere
    cursor = 0
    for _ in range(3):  # "But then, on Monday, ..."
        lead = _CONNECTIVE.match(body, cursor) or _ADVERBIAL.match(body, cursor)
        if lead is None:
            break
        cursor = lead.end()
    pronoun = _PRONOUN.match(body, cursor)
    if pronoun:
        return Subject("pronoun", pronoun.group("word").lower())
    named = _NAMED.match(body, cursor)
    if named:
        name = strip_title(named.group("name"))
        if name.lower() in _NOT_NAMES:
            return Subject("other", "")
        if len(name.split()) == 1:
            full = people.get(name)
            return Subject("person", name) if full else Subject("other", name)
        if is_person_name(name) and name in people.values():
            return Subject("person", name)
    return Subject("other", "")


def people_named(text: str) -> dict[str, str]:
    """One-word references (surname, first name) mapped to full names that the text uses."""
    index: dict[str, str] = {}
    ambiguous: set[str] = set()
    for match in re.finditer(r"\b" + NAME_PATTERN, text):
        name = strip_title(match.group())
        if name != match.group() and len(name.split()) == 1:
            index.setdefault(name, name)  # "Prince Andrew": Andrew is a person
            continue
        if not is_person_name(name) or len(name.split()) < 2:
            continue
        index.setdefault(name, name)
        for part in (name.split()[0], name.split()[-1]):
            if index.get(part, name) != name:
                ambiguous.add(part)
            index.setdefault(part, name)
    return {part: full for part, full in index.items() if part not in ambiguous}


def pronoun_referent(
    text: str,
    sentences: list[Sentence],
    index: int,
    quoted: list[tuple[int, str]],
    people: dict[str, str],
) -> str | None:
    """The person "he" / "she" in sentence ``index`` stands for, by following subjects back.

    ``quoted`` holds (position, speaker) of quotes already resolved: a sentence that is a
    quote is about its speaker.  Gives up (None) where an unnamed speaker intervenes
    ("a relative told AFP"), leaving that case to the role-aware resolvers.
    """
    for back in range(index - 1, max(-1, index - 6), -1):
        sent = sentences[back]
        speakers = [name for at, name in quoted if sent.start <= at < sent.end]
        if speakers:
            name = speakers[-1]
            return name if name in people or name in people.values() else None
        subject = sentence_subject(text, sent, people)
        if subject.kind == "person":
            others = {
                strip_title(m.group()) for m in _NAME.finditer(text, sent.start, sent.end)
            } & set(people.values())
            full = people.get(subject.text, subject.text)
            # "Johnson was responding to a question from Ann Clwyd": either may be "she".
            return subject.text if others <= {full} else None
        if subject.kind == "other" and _mentions_someone(text, sent, people):
            return None  # someone else is named, described or speaks in between
    return None


def _mentions_someone(text: str, sent: Sentence, people: dict[str, str]) -> bool:
    body = text[sent.start : sent.end]
    if SPEECH_VERB_RE.search(body) or NARRATION_VERB.search(body):
        return True
    if any(strip_title(m.group()) in people for m in re.finditer(r"\b" + NAME_PATTERN, body)):
        return True
    words = {w.lower() for w in re.findall(r"[\w'’-]+", body)}
    return bool(words & (PERSON_HEADS | PERSON_ROLES) or any(is_descriptor(w) for w in words))
