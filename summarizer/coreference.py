"""Who "he", "it", "the activist" or "the Britain-based monitor" is.

Second references point back to people and bodies the text named before; these
helpers find them, nearest first: pronouns look back a few sentences, roles and
generic bodies ("the monitor") up to 3,000 characters.
"""

from __future__ import annotations

import re

from summarizer.attribution import (
    Attribution,
    clause_subject,
    clean_speaker,
    make_attribution,
)
from summarizer.people import plays_a_part
from summarizer.sentences import Sentence
from summarizer.speakers import (
    NAME_GAP,
    ORG_ROLES,
    PERSON_HEADS,
    PRONOUNS,
    ROLE_NOUNS,
    SPEECH_VERB_RE,
    is_month_surname,
    is_person_name,
    phrase_after,
    phrase_before,
    speaker_before,
    strip_title,
    trailing_person,
    word_set,
)

# "Shuhud al-Hussein, a member of the civil defence forces, said ..."
_NAMED_APPOSITIVE = re.compile(
    r"(?P<name>\b[A-Z][a-z'’-]+(?:\s+(?:[A-Z][a-z'’-]+|al-[A-Z][\w-]*|bin|ibn|el)){1,4}),?\s+"
    r"(?:a|an|the)\s+[^.;\"“”]{0,60}?\s+(?P<verb>said|told|added|says|claimed|stated|"
    r"explained|warned|stressed|insisted|noted|declared|announced|urged|argued)\b"
)


_NAME_RE = re.compile(
    r"\b(?:[A-Z][a-z'’-]+|al-[A-Z][\w-]+)(?:" + NAME_GAP + r"(?:[A-Z]\.|[A-Z][a-z'’-]+\b|"
    r"al-[A-Z][\w-]*\b|bin\b|ibn\b|el\b)){1,5}"
)


def sentence_index(sentences: list[Sentence], pos: int) -> int:
    for i, sent in enumerate(sentences):
        if sent.start <= pos < sent.end or pos < sent.start:
            return i
    return len(sentences) - 1


def _people_before(text: str, pos: int, floor: int) -> tuple[int, str] | None:
    """Nearest person-like name before ``pos`` (for "he said"), with its position."""
    best: tuple[int, str] | None = None
    for match in _NAME_RE.finditer(text, floor, pos):
        candidate = strip_title(match.group())
        if is_person_name(candidate):
            best = (match.start(), candidate)
    return best


def name_for_role(text: str, speaker: str, pos: int) -> str | None:
    """The person a role phrase stands for, when the text named them with it before."""
    role = re.sub(r"^(?:the|a|an)\s+", "", speaker, flags=re.IGNORECASE)
    words = role.split()
    if not words or len(words) > 5 or words[-1].lower() not in ROLE_NOUNS:
        return None
    if words[-1].lower() in ORG_ROLES:
        return None  # a body is not a person: "the Syrian Observatory" names no one
    pattern = re.compile(
        "(?i:" + re.escape(role) + r"),?\s+"
        r"(?P<name>[A-Z][a-z'’-]+(?:\s+(?:[A-Z][a-z'’-]+|al-\w+)){1,3})"
    )
    appositive = re.compile(
        r"(?P<name>\b[A-Z][a-z'’-]+(?:\s+(?:[A-Z][a-z'’-]+|al-\w+)){1,3}),?\s+"
        r"(?:a|an|the)\s+(?:[\w'’-]+\s+){0,3}?(?i:" + re.escape(words[-1]) + r")\b"
    )
    found: tuple[int, str] | None = None
    for regex in (pattern, appositive):
        for match in regex.finditer(text, max(0, pos - 3000), pos):
            if is_person_name(match.group("name")) and (found is None or match.start() > found[0]):
                found = (match.start(), match.group("name"))
    return found[1] if found else None


# Second references to a body: "the monitor", "the Britain-based monitoring group".
_GENERIC_BODY = re.compile(
    r"^(?:the\s+)?(?:[\w-]+-based\s+|UK-based\s+|rights\s+)?(?P<head>monitor|monitoring\s+group|"
    r"watchdog|group|rights\s+group|organi[sz]ation|agency|news\s+agency|charity|ngo)$",
    re.IGNORECASE,
)


_BODY_NAME = re.compile(
    r"\b(?:the\s+)?(?P<name>(?:[A-Z][\w'’-]*\s+)(?:(?:[A-Z][\w'’-]*|of|for|the|and)\s+){0,6}"
    r"(?:Observatory(?:\s+for\s+Human\s+Rights)?|Organi[sz]ation|Committee|Network(?:\s+for\s+"
    r"Human\s+Rights)?|Agency|Council|Coalition|Society|Crescent|Cross|Helmets|Commission|"
    r"Watch|International|Fund|Programme|Program))\b"
)


_BODY_FITS = {
    "monitor": r"Observatory|Network|Watch|Committee",
    "watchdog": r"Observatory|Network|Watch|Organi[sz]ation|Commission",
    "agency": r"Agency|Fund|Programme|Program|Commission|News",
    "charity": r"Society|Crescent|Cross|Helmets|Fund|International",
}


def organisation_for(text: str, speaker: str, pos: int) -> str | None:
    """The organisation a generic second reference points back to, when one fits."""
    generic = _GENERIC_BODY.match(speaker.strip())
    if generic is None:
        return _named_earlier(text, speaker, pos)
    head = generic.group("head").lower().split()[-1]
    fits = _BODY_FITS.get(
        "monitor" if head in ("monitor", "group") and "monitor" in speaker.lower() else head
    )
    best: str | None = None
    for match in _BODY_NAME.finditer(text, max(0, pos - 3000), pos):
        name = match.group("name")
        if fits is None or re.search(fits, name):
            best = name
    return best


_BARE_BODY = re.compile(r"(?i:the)\s+(?P<head>ministry|army|military|government|police|court)")


def _named_earlier(text: str, speaker: str, pos: int) -> str | None:
    """ "the ministry" after "The Gaza health ministry said ...": the one named before it
    with that head (the nearest, within about ten sentences)."""
    bare = _BARE_BODY.fullmatch(speaker.strip())
    if bare is None:
        return None
    head = bare.group("head").lower()
    named = re.compile(
        r"\b(?!(?:The|A|An|This|That|Its|Their|His|Her|And|But|In|On|At|By|For)\b)"
        r"(?P<name>[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,3}?\s+(?i:" + head + r"))\b(?!\s+of\b)"
    )
    found = [m.group("name") for m in named.finditer(text, max(0, pos - 1500), pos)]
    return found[-1] if found else None


_ISSUED = re.compile(
    r"\s+(?:has\s+|had\s+|also\s+|later\s+)?(?:issued|released|put\s+out|published|shared|sent|"
    r"posted)\s+(?:a|an|its|their|his|her)\s+(?:[\w-]+\s+){0,2}?(?:statement|letter|response)\b"
)


_DOCUMENT = r"(?:statement|letter|message|tweet|communique|post|email|e-mail)"
_ISSUED_IN = re.compile(
    r"\s+(?:in|In)\s+(?:a|an|its|their|his|her)\s+(?:[\w-]+\s+){0,2}?" + _DOCUMENT + r"\b"
)


_SAID_TAIL = re.compile(r"\b(?:said|says|announced|added|warned|claimed)\s*$")


def statement_issuer(text: str, speaker: str, pos: int) -> str | None:
    """Who put out "the statement" quoted: 'Big Machine Records issued a statement ... The
    statement ... claimed'; 'The president's office, in a message posted on Twitter, said
    ... "...," the message read'."""
    named = re.fullmatch(r"(?i)(?:the|a|an|its|their)\s+(?:\w+\s+)?(" + _DOCUMENT + ")", speaker)
    if named is None:
        return None
    recent = _said_in_document(text, named.group(1).lower(), pos)
    if recent is not None:
        return recent
    issuer: str | None = None
    for match in _ISSUED.finditer(text, max(0, pos - 3000), pos):
        phrase = speaker_before(text, match.start() + 1)
        if phrase is not None and phrase.text.lower() not in PRONOUNS:
            issuer = clean_speaker(phrase.text)
    return issuer


def _said_in_document(text: str, noun: str, pos: int) -> str | None:
    """The speaker of "X said in a statement" / "X, in a message posted on Twitter, said"
    just before the quote (within about two sentences), where that clause parses cleanly."""
    found: list[int] = []
    for match in _ISSUED_IN.finditer(text, max(0, pos - 400), pos):
        if not match.group().lower().endswith(noun):
            continue
        said = _SAID_TAIL.search(text, max(0, match.start() - 40), match.start())
        verb = SPEECH_VERB_RE.search(text, match.end(), min(pos, match.end() + 120))
        fronted = text[match.start() : match.end()].lstrip().startswith("In ")
        # A verb follows with no sentence end or quote mark before it.
        clean = verb is not None and not re.search(r"[.\"“”]", text[match.end() : verb.start()])
        if fronted and verb is not None and clean:
            # "In an email to CNN, the group claimed ...": the subject follows the phrase.
            found.append(verb.start())
        elif said is not None:
            found.append(said.start())
        elif clean:
            found.append(match.start() - (text[match.start() - 1] == ","))
    if not found:
        return None
    end = max(found)
    phrase = speaker_before(text, end)
    if phrase is None or phrase.text.lower() in PRONOUNS or len(phrase.text.split()) > 5:
        return None
    if text[phrase.end : end].strip(" ,Â]\n"):
        return None  # the phrase is not the clause's whole subject: no guess
    for verb in SPEECH_VERB_RE.finditer(text, end + 4, pos):
        other = phrase_before(text, verb.start())
        if other is None or other.text.split()[-1].lower() == noun:
            continue  # "The email also claimed": the same document speaking on
        named = re.search(r"\b[A-Z]", other.text) is not None
        if named and other.text != phrase.text:
            # "In a statement, Chelsea said ... the FFF said it will file ... "...," the
            # statement read": someone else spoke since; whose statement is unclear.
            return None
    return clean_speaker(phrase.text)


NARRATION_VERB = re.compile(
    r"\b(?:described|recounted|recalled|explained|said|told|added|wrote|spoke)\b"
)


_INTRODUCES = re.compile(
    r"\b(?:made|issued|gave|posted|released|tweeted|wrote|offered|delivered)\s+"
    r"(?:the\s+following|this|these|a|an)\b"
)


def previous_sentence_speaker(
    text: str, sentences: list[Sentence], open_mark: int
) -> Attribution | None:
    """'A witness named Ahmad described the moment. "As the bride ..."': the narrator speaks."""
    idx = sentence_index(sentences, open_mark)
    if idx == 0 or sentences[idx].start < open_mark - 1:
        return None  # only for a quote that opens its own sentence
    prev = sentences[idx - 1]
    body = text[prev.start : prev.end]
    if re.search(r"[\"“”]", body):
        return None
    verbs = list(NARRATION_VERB.finditer(body))
    if body.rstrip().endswith(":"):
        # "The New York Times reports:" / "Sanders made the following comment:" introduce
        # the quote that follows them.
        verbs += list(SPEECH_VERB_RE.finditer(body)) + list(_INTRODUCES.finditer(body))
        # "The Times made these allegations, and Breitbart News responded:": the clause
        # that ends at the colon introduces the quote.
        verbs.sort(key=lambda v: v.start(), reverse=True)
    for verb in verbs:
        phrase = speaker_before(body, verb.start())
        if phrase is not None:
            return make_attribution(phrase.text, False)
    subject = clause_subject(body) if verbs else None
    return make_attribution(subject, False) if subject else None


def block_reporter(text: str, sentences: list[Sentence], open_mark: int) -> Attribution | None:
    """'CNN reported that night ... terrorism.\n\n"The hearing was closed ...': the one the
    sentence before a quoted block shows reporting it."""
    idx = sentence_index(sentences, open_mark)
    if idx == 0:
        return None
    prev = sentences[idx - 1]
    body = text[prev.start : prev.end]
    if re.search(r"[\"“”]", body):
        return None
    for verb in reversed(list(SPEECH_VERB_RE.finditer(body))):
        phrase = speaker_before(body, verb.start())
        if phrase is not None and phrase.text.lower() not in PRONOUNS:
            return make_attribution(phrase.text, False)
    return None


_PERSONAL_TITLE = re.compile(r"(?:Mr|Mrs|Ms|Dr|Sir|Lord|Lady|Dame|Prof)\b")


# Someone a reporter spoke to, who then speaks: "WIRED spoke to one mother, who ...".
_SPOKE_TO = re.compile(
    r"\b(?:spoke|talked|speaking|talking)\s+(?:to|with)\s+(?P<np>(?:a|an|one|another)\s+"
    r"(?:[a-z-]+\s+){0,2}?(?:"
    + "|".join(sorted(w for w in PERSON_HEADS | ROLE_NOUNS - ORG_ROLES if not w.endswith("s")))
    + r"))\b"
)


# "... which is something that concerns Henry Crespo, president of the Miami-based Florida
# Democratic Black Caucus." : a person introduced with a role as the sentence closes.
_INTRODUCED_LAST = re.compile(
    r"(?P<name>\b[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]+)){1,3}),\s+"
    r"(?P<role>(?:(?:a|an|the)\s+)?[^,.;:\"“”]{3,120}?)[.]\s*$"
)


_HIS = word_set("man father husband son brother boy grandfather uncle nephew")
_HERS = word_set("woman mother wife daughter sister girl grandmother aunt niece")


def introduced_last(text: str, sentences: list[Sentence], index: int, pronoun: str) -> str | None:
    """The person the sentence before ``index`` ends by introducing, with a role that
    does not contradict ``pronoun`` ("Terence Crutcher, a 40-year-old man" is no "she")."""
    if index < 1:
        return None
    before = sentences[index - 1]
    match = _INTRODUCED_LAST.search(text, before.start, before.end)
    if match is None or not is_person_name(match.group("name")):
        return None
    role = set(match.group("role").lower().split())
    if not role & (ROLE_NOUNS - ORG_ROLES | PERSON_HEADS):
        return None
    if role & (_HERS if pronoun == "he" else _HIS):
        return None
    return match.group("name")


def recent_person_speaker(
    text: str, sentences: list[Sentence], pos: int, plural: bool = False
) -> str | None:
    """For "he said": a person who spoke in one of the two sentences before, named or not.

    'the grooms father was killed a relative told AFP. "..." he said' -> "a relative".
    """
    idx = sentence_index(sentences, pos)
    for back in (0, 1, 2):  # the quote's own sentence first, then the two before
        if idx - back < 0:
            break
        prev = sentences[idx - back]
        body = text[prev.start : min(prev.end, pos)]
        # Only what comes before a quote in that sentence: its speaker is the one to find.
        body = re.split(r"[\"“”]", body, maxsplit=1)[0]
        met = _SPOKE_TO.search(body)
        if met and back <= 1 and not plural:
            return met.group("np")  # "WIRED spoke to one mother ... "..." she said"
        verbs = list(NARRATION_VERB.finditer(body)) + list(SPEECH_VERB_RE.finditer(body))
        for verb in sorted(verbs, key=lambda v: v.start(), reverse=True):
            phrase = speaker_before(body, verb.start())
            if phrase is None or phrase.text.lower() in PRONOUNS:
                continue
            name = strip_title(clean_speaker(phrase.text))
            head = name.split()[-1].lower()
            role = head in ROLE_NOUNS and head not in ORG_ROLES
            if is_person_name(name) or (role and head.endswith("s") == plural):
                return name  # "he said" after "a relative told AFP"; not "officials"
        subject = strip_title(clause_subject(body) or "") if verbs else ""
        if len(subject.split()) > 1 and is_person_name(subject):
            return subject
        according = re.search(r"\baccording\s+to\s+", body, re.IGNORECASE)
        source = phrase_after(body, according.end()) if according else None
        if source is not None and not plural:
            # "... according to media activist Musafa Abu Mohammad. "..." he said"
            name = strip_title(source.text)
            if len(name.split()) > 1 and is_person_name(name):
                return name
        if back <= 1 and not plural:
            # "outrage from UNICEF director Anthony Lake. "..." he said": the one person named.
            people = {
                strip_title(m.group())
                for m in _NAME_RE.finditer(body)
                # "Mr Kennedy" names a person even with one word left after the title
                if (len(strip_title(m.group()).split()) > 1 or _PERSONAL_TITLE.match(m.group()))
                and not plays_a_part(body, m.start())
            }
            people = {p for p in people if is_person_name(p)}
            if len(people) == 1:
                return people.pop()
    return None


def named_speakers(text: str) -> list[tuple[int, str]]:
    """Positions of person names that are subjects of speech verbs."""
    out: list[tuple[int, str]] = []
    for verb in SPEECH_VERB_RE.finditer(text):
        phrase = phrase_before(text, verb.start())
        if phrase is None:
            continue
        name = strip_title(phrase.text)
        if not is_person_name(name) and not is_month_surname(name, text):
            name = trailing_person(name) or ""
        if name:
            out.append((verb.start(), name))
    for match in _NAMED_APPOSITIVE.finditer(text):
        name = strip_title(match.group("name"))
        if is_person_name(name):
            out.append((match.start("verb"), name))
    for match in _ACCORDING_TO.finditer(text):
        # "According to Palm, the administration ...": Palm is the one speaking there.
        source = phrase_after(text, match.end())
        name = strip_title(source.text) if source is not None else ""
        if name and is_person_name(name):
            out.append((match.start(), name))
    return sorted(out)


_ACCORDING_TO = re.compile(r"\b[Aa]ccording\s+to\s+")


def resolve_it(text: str, pos: int, sentences: list[Sentence]) -> str | None:
    """For "it said": the organisation that was the subject of a speech verb just before."""
    idx = sentence_index(sentences, pos)
    floor = sentences[max(0, idx - 4)].start if sentences else 0
    found = None
    sources = [
        (m.end(), phrase_after(text, m.end())) for m in _ACCORDING_TO.finditer(text, floor, pos)
    ]
    for verb in SPEECH_VERB_RE.finditer(text, floor, pos):
        phrase = speaker_before(text, verb.start())
        sources.append((verb.start(), phrase))
    for _, phrase in sorted(sources, key=lambda pair: pair[0]):
        # A body that spoke, or that a report was "according to", just before.
        if phrase is None or phrase.start < floor:
            continue
        name = clean_speaker(phrase.text)
        if name.lower() in PRONOUNS:
            continue  # the "it said" being resolved, or another pronoun
        organisation = name.split()[-1].lower() in ORG_ROLES if name else False
        # "activist group Oil Kills": named with what it is, a body whatever its name.
        kind = any(w.lower() in ORG_ROLES for w in phrase.text.split()[:-1])
        single = len(name.split()) == 1 and not re.search(
            rf"\b[A-Z][a-z'’-]+\s+{re.escape(name)}\b", text
        )
        person = is_person_name(name) and not single and not kind  # "Pentagon": no surname
        if name and (name[0].isupper() or organisation) and not person:
            found = name  # "the interior ministry said ... it added"
    return found


def could_be_person(text: str, name: str) -> bool:
    """A one-word speaker is a person only as someone's surname here ("Moscow denied" is not)."""
    if len(name.split()) > 1:
        return True
    return bool(re.search(rf"\b[A-Z][a-z'’-]+\s+{re.escape(name)}\b", text))


def resolve_pronoun(
    text: str, pos: int, named: list[tuple[int, str]], sentences: list[Sentence]
) -> str | None:
    """For "he said": the last named speaker, else the nearest earlier person name."""
    idx = sentence_index(sentences, pos)
    floor = sentences[max(0, idx - 2)].start if sentences else 0
    # A speaker of a speech verb close by beats a name that is merely mentioned.
    close = [(at, name) for at, name in named if floor <= at < pos]
    if close:
        return max(close)[1]
    nearby = _people_before(text, pos, floor)
    if nearby is not None:
        return nearby[1]
    older = [(at, name) for at, name in named if pos - 1500 <= at < pos]
    return max(older)[1] if older else None
