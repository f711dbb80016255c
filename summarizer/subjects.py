"""Who a sentence is about: its grammatical subject, for following "he" and "she" back.

News copy keeps one person in focus across sentences ("Taylor Swift posted on Twitter
... She claimed ... "I just want ...," she said).  A pronoun subject points to the
nearest earlier sentence whose subject is a person, skipping sentences that are
themselves about "he" / "she" or about a thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.coreference import name_for_role
from summarizer.people import is_known_person
from summarizer.sentences import Sentence
from summarizer.speakers import (
    LEAD_WORDS,
    NAME_PATTERN,
    ORG_ROLES,
    PERSON_HEADS,
    ROLE_NOUNS,
    SPEECH_VERB_ALT,
    SPEECH_VERB_RE,
    SPEECH_VERBS,
    is_descriptor,
    strip_title,
    word_set,
)

# Narration of what someone said without a verb of saying: "described the moment".
_NARRATED = re.compile(r"\b(?:described|recounted|spoke|condemned|called|urged|accused)\b")
_PERSON_ROLES = ROLE_NOUNS - ORG_ROLES

# Words that open a sentence without being its subject: "But", "Then, last week,".
_CONNECTIVE = re.compile(
    r"(?:But|And|So|Yet|Still|Then|Now|Meanwhile|However|Instead|Indeed|Also|Later|Earlier|"
    r"Afterwards|Today|Yesterday|Tonight)\b,?\s*"
)
# "On Monday, ", "Last week, ", "After the match, ": an adverbial phrase set off by a comma.
_ADVERBIAL = re.compile(
    r"(?i:on|in|at|after|before|during|since|last|this|earlier|later|following|despite|speaking|"
    r"asked|when|while|as|back|over|for|[a-z]+ing)\b[^,.;:]{0,80}?,[\"”’]*\s*"
)
_NAME = re.compile(r"\b" + NAME_PATTERN)
_PRONOUN = re.compile(r"(?P<word>[Hh]e|[Ss]he)\b")
_TITLE = r"(?:(?:Mr|Mrs|Ms|Dr|Prof|Sir|Dame|Lord|Lady)\.?\s+)"
_ASIDE = re.compile(
    r",\s*(?:says|said|adds|added|notes|noted|explains|explained)\s+(?:" + _TITLE + r")?"
    r"(?P<name>" + NAME_PATTERN + r"|[A-Z][a-z'’-]+)\s*,"
)
# A name, maybe titled, maybe followed by an appositive, then a lower-case word (the verb).
_NAMED = re.compile(
    r"(?P<name>" + _TITLE + r"?(?:" + NAME_PATTERN + r"|[A-Z][a-z'’-]+))"
    r"(?:,\s*[DRI]-[A-Z][A-Za-z.]*,|\s*\([DRI]-[A-Z][\w. ]*\))?"  # "Paul Ryan, R-Wis.,"
    r"(?:(?:,[^,.;\"“”]{1,150},)?\s+(?!of\b|and\b|or\b)[a-z]|,\s+(?:who|whose)\b)"
)
_PRONOUN_SAID = re.compile(r"[,;]\s*(?P<word>he|she)\s+(?:also\s+)?" + SPEECH_VERB_ALT + r"\b")
_KIN = re.compile(
    r"(?:" + _TITLE + r")?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*[’']s\s+(?:[a-z-]+\s+)?"
    r"(?:son|daughter|wife|husband|mother|father|brother|sister|partner|widow|lawyer|attorney|"
    r"spokesman|spokeswoman|spokesperson|aide|adviser|boss|friend|colleague|agent|manager)"
    r"(?:,\s*(?:[a-z-]+\s+){0,3}(?P<name>" + NAME_PATTERN + r"))?\b"
)
_NAME_THEN_VERB = re.compile(
    r"(?:^|[,;—–(]\s*|\s)(?P<name>"
    + NAME_PATTERN
    + r"|[A-Z][a-z'’-]+)\s+(?:also\s+|still\s+|then\s+)?"
    r"(?P<verb>was|wasn[’']t|is|isn[’']t|had|has|have|would|could|did|didn[’']t|does|will|can|"
    r"[a-z]+ed)\b"
)
_LEADING_APPOSITIVE = re.compile(
    r"(?:A|An|The)\s[^.;:\"“”]{0,100}?,\s*(?P<name>" + NAME_PATTERN + r")\s+[a-z]"
)
_FRONTED_SUBJECT = re.compile(
    r"(?:Although|Though|While|When|After|As|Because|Since|Before|Once)\s+(?P<name>"
    + NAME_PATTERN
    + r"|[A-Z][a-z'’-]+)\s+[a-z]"
)
# "The Tory leader": a description, resolved to the name it was given with.
_DESCRIPTION = re.compile(r"The\s+(?P<role>(?:[\w'’-]+\s+){0,3}?[a-z][\w'’-]*)\s+[a-z]")


_NOT_NAMES = word_set(
    """
    the a an this that these those it its there their his her
    once read as we our my yet so then now here meanwhile still
    """
) | LEAD_WORDS


# Heads of sentence subjects that are things, not people.
_THINGS = word_set(
    """
    film report study book show game match race event meeting plan plans deal move figures
    data number numbers rate price prices company firm government party group team side club
    league network system service market economy country city state region area attack
    strike war campaign trial case law bill decision statement letter e-mail email post
    video picture image photo story article paper project programme program process vote
    poll result results law policy agreement talks documentary album song record
    """
)


# Offices one person holds in a story: "The Republican nominee" is the person in focus.
OFFICES = word_set(
    "nominee candidate senator congressman congresswoman governor mayor champion leader premier "
    "chancellor"
)
# Heads of descriptions of one person that no suffix gives away.
_PERSON_WORDS = word_set(
    """
    boss star champion coach captain chief veteran president
    """
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
    cursor = _skip_lead(body)
    pronoun = _PRONOUN.match(body, cursor)
    if pronoun:
        # "Although Ford had outlined the book, he struggled": the clause names "he".
        fronted = _FRONTED_SUBJECT.match(body[:cursor])
        if fronted and people.get(fronted.group("name")):
            return Subject("person", fronted.group("name"))
        return Subject("pronoun", pronoun.group("word").lower())
    introduced = _LEADING_APPOSITIVE.match(body, cursor)
    if introduced and people.get(introduced.group("name")):
        # "An agreeable, funny woman in her 80s, Jane Starner lives in ...": Jane Starner.
        return Subject("person", introduced.group("name"))
    described = _DESCRIPTION.match(body, cursor)
    if described:
        name = name_for_role(text, "the " + described.group("role"), sent.start)
        role = described.group("role")
        return Subject("person", name) if name else Subject("described", role)
    kin = _KIN.match(body, cursor)
    if kin:
        # "Steenburgen’s son, filmmaker Charlie McDowell, also remembers": the son, not her.
        named_kin = strip_title(kin.group("name") or "")
        return Subject("person", named_kin) if people.get(named_kin) else Subject("other", "")
    named = _NAMED.match(body, cursor)
    if named:
        # "Mr Campbell's e-mail ... suggested": the possessor is who the passage is about.
        name = strip_title(re.sub(r"[’']s$", "", named.group("name")))
        single = len(name.split()) == 1 and bool(people.get(name))
        if name.lower() not in _NOT_NAMES and (single or name in people.values()):
            return Subject("person", name)
    verbal: list[str] = []
    for match in _NAME_THEN_VERB.finditer(body):
        name = strip_title(match.group("name"))
        full = people.get(name, "")
        if len(full.split()) > 1 and match.group("verb") not in SPEECH_VERBS:
            verbal.append(name)
    if len(set(verbal)) == 1:
        # "Fun as that might sound in an Oliver Sacks kind of way — ... — Steenburgen wasn’t
        # thrilled": the one person named as the subject of a verb.
        return Subject("person", verbal[0])
    return Subject("other", "")


def opening_subject(text: str, sent: Sentence) -> str | None:
    """The pronoun or name that opens ``sent`` after any connectives, as written."""
    body = text[sent.start : sent.end]
    cursor = _skip_lead(body)
    pronoun = _PRONOUN.match(body, cursor)
    if pronoun:
        return pronoun.group("word").lower()
    named = _NAMED.match(body, cursor)
    if named and named.group("name").lower() not in _NOT_NAMES:
        return named.group("name")
    return None


def _skip_lead(body: str) -> int:
    cursor = 0
    for _ in range(3):  # "But then, on Monday, ..."
        lead = _CONNECTIVE.match(body, cursor) or _ADVERBIAL.match(body, cursor)
        if lead is None:
            break
        cursor = lead.end()
    return cursor


def pronoun_referent(
    text: str,
    sentences: list[Sentence],
    index: int,
    quoted: list[tuple[int, str]],
    people: dict[str, str],
    pronoun: str | None = None,
    genders: dict[str, str] | None = None,
    speakers: frozenset[str] = frozenset(),
) -> str | None:
    """The person "he" / "she" in sentence ``index`` stands for, by following subjects back.

    ``quoted`` holds (position, speaker) of quotes already resolved: a sentence that is a
    quote is about its speaker.  ``genders`` maps full names to "he" / "she" where the
    text shows it ("Ms Robinson", an earlier "he said").  Gives up (None) where an
    unnamed speaker intervenes ("a relative told AFP"), leaving that case to the
    role-aware resolvers, and where two people could be meant.
    """
    known = genders or {}
    chained = False  # passed a sentence about the same "he" / "she": the subject goes on
    for back in range(index - 1, max(-1, index - 6), -1):
        sent = sentences[back]
        in_quotes = [name for at, name in quoted if sent.start <= at < sent.end]
        if in_quotes:
            name = in_quotes[-1]
            return name if is_known_person(people, name) else None
        aside = _ASIDE.search(text, sent.start, sent.end)
        if aside and people.get(aside.group("name")):
            return aside.group("name")  # "The key to its success, says Buser, is ..."
        subject = sentence_subject(text, sent, people)
        trailing = _PRONOUN_SAID.search(text, sent.start, sent.end)
        if subject.kind != "person" and trailing and trailing.group("word") == pronoun:
            chained = True  # "... such as real estate, he wrote in his book."
            continue
        if subject.kind == "person":
            return _subject_or_other(
                text, sent, subject.text, people, pronoun, known, chained, speakers
            )
        if subject.kind == "pronoun" and (pronoun is None or subject.text == pronoun):
            chained = True
            continue
        if subject.kind == "described" and subject.text.split()[-1] in OFFICES:
            chained = True  # "The Republican nominee also linked ...": the one in focus
            continue
        if subject.kind == "described" and _person_noun(subject.text):
            return None  # "The Portuguese boss had been out of work": someone unnamed
        if subject.kind != "pronoun" and _mentions_someone(text, sent, people):
            return None  # someone else is named, described or speaks in between
    return None


def _subject_or_other(
    text: str,
    sent: Sentence,
    subject: str,
    people: dict[str, str],
    pronoun: str | None,
    genders: dict[str, str],
    chained: bool,
    speakers: frozenset[str] = frozenset(),
) -> str | None:
    """The sentence's subject, unless another person named there fits the pronoun better.

    "Johnson was answering a question from Ann Clwyd ... "..." she said": Johnson is
    known as "he", so Clwyd is meant.
    """
    full = people.get(subject, subject)
    body = text[sent.start : sent.end]
    # Names inside the subject's own relative clause are not rivals: "Christie, who has
    # campaigned for GOP nominee Donald Trump since February, blasted Clinton".
    relative = re.search(re.escape(subject) + r",\s+(?:who|whose)\b[^,;:]*,", body)
    skip = (sent.start + relative.start(), sent.start + relative.end()) if relative else (0, 0)
    named = {
        strip_title(m.group())
        for m in _NAME.finditer(text, sent.start, sent.end)
        if not skip[0] <= m.start() < skip[1]
    }
    named = (named & set(people.values())) - {full}
    # Only names the text shows to be people count as rivals ("Ann Clwyd who called ...",
    # a speaker elsewhere, "Ms Robinson"), not "the West Bank" or "Gush Etzion".
    rivals = {
        name
        for name in named
        if name in genders or name in speakers or re.search(re.escape(name) + r",?\s+who\b", body)
    }
    fits = genders.get(full) in (None, pronoun) or pronoun is None
    if fits and (chained or (pronoun is not None and genders.get(full) == pronoun)):
        return subject
    if fits:
        return subject if not {n for n in rivals if genders.get(n) in (None, pronoun)} else None
    # The subject is known to be the other gender: the one other person named who may fit.
    candidates = {name for name in named if genders.get(name) in (None, pronoun)}
    return candidates.pop() if len(candidates) == 1 else None


def _person_noun(description: str) -> bool:
    """ "The Portuguese boss", "The 24-year-old": a person; "The film", "The report": not."""
    words = description.lower().split()
    head = words[-1]
    if set(words) & _THINGS:
        return False
    if head in _PERSON_WORDS or is_descriptor(head) or head in PERSON_HEADS:
        return True
    return head.endswith(("er", "or", "ist", "ian", "ant")) and not head.endswith("ster")


def _mentions_someone(text: str, sent: Sentence, people: dict[str, str]) -> bool:
    body = text[sent.start : sent.end]
    if SPEECH_VERB_RE.search(body) or _NARRATED.search(body):
        return True
    if any(strip_title(m.group()) in people for m in re.finditer(r"\b" + NAME_PATTERN, body)):
        return True
    words = {w.lower() for w in re.findall(r"[\w'’-]+", body)}
    return bool(words & (PERSON_HEADS | _PERSON_ROLES) or any(is_descriptor(w) for w in words))
