"""Direct quotes with their speakers, verbatim from the source.

Quote text never includes the marks and is always a slice of the input.
Split quotes ("We will fight," he said, "until the end.") come out as one
Quote per verbatim part, with the same speaker.  Speaker names keep what the
text names minus leading titles ("President Bashar al-Assad" -> "Bashar
al-Assad"); roles without a name stay as written ("the UNICEF director").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.sentences import Sentence, ends_sentence, is_abbreviation, split_sentences
from summarizer.speakers import (
    ORG_ROLES,
    PERSON_HEADS,
    PRONOUNS,
    ROLE_NOUNS,
    SPEECH_VERB_RE,
    Phrase,
    after_preposition,
    is_anonymous,
    is_described_person,
    is_descriptor,
    is_person_name,
    phrase_after,
    phrase_before,
    speaker_before,
    strip_title,
    trailing_person,
)
from summarizer.types import Quote

_MARK_RE = re.compile(r"\[[\"“”]\]|[\"“”]")
_OPEN_CONTEXT = re.compile(r"(?:^|[\s(\[—–-])$")
_MIN_WORDS = 4
_TRANSCRIPT_LINE = re.compile(r"^\s*\*\*[^*\n]{1,60}:?\*\*")
# "Rami Abdel Rahman head of the ...": the name before an appositive role.
_APPOSITIVE = re.compile(
    r"^[\s,.]*(?P<name>[A-Z][\w'’-]*(?:\s+(?!(?i:executive|deputy|acting|senior|managing|"
    r"assistant|regional|general)\b)(?:[A-Z][\w'’-]*|al-\w+|bin|el)){1,4}),?\s+"
    r"(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){0,3}?(?i:head|chief|director|spokesman|spokeswoman|"
    r"spokesperson|leader|commander|member|founder|president|minister|envoy|ambassador|"
    r"official|coordinator|adviser|advisor|secretary|representative|researcher|activist|"
    r"doctor|resident|chairman|analyst|expert|correspondent|reporter)\b"
)
# '..." Samer Khalil, a researcher with the Observatory, told reporters.'
_COMMA_APPOSITIVE = re.compile(
    r"^[\s,.]*(?P<name>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|al-\w+|bin|el)){1,4}),\s+"
    r"(?:a|an|the)\s+[^,.;\"“”]{1,80},\s*(?P<adv>reportedly\s+)?"
    r"(?:said|says|told|added|stated|explained|warned)\b"
)
# '..." a resident of the town said' / '..." one relative told AFP': an unnamed speaker.
_UNNAMED_AFTER = re.compile(
    r"^[\s,.]*(?P<np>(?:a|an|one|another)\s+(?:[\w'’-]+\s+){0,6}?[\w'’-]+?)\s+"
    r"(?P<adv>reportedly\s+)?(?:said|says|told|added|explained|recalled|warned)\b"
)
_INVERTED = re.compile(
    r"^[\s,.]*(?:said|asked|added|says|continued|replied|wrote|explained)\s+"
    r"(?P<np>(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){0,5}?[\w'’-]+?)(?=\s*[,.;]|\s+(?:who|which|whose|that|as|when|after|in|on|at|to)\b|$)"
)
_INVERTED_NAME = re.compile(
    r"^[\s,.]*(?:said|added|says)\s+"
    r"(?P<name>[A-Z][a-z'’-]+(?:\s+(?:[A-Z][a-z'’-]+|al-[A-Z][\w-]*|bin|ibn|el)){1,4})"
    r",?\s+(?:the\s+|a\s+|an\s+)?(?:head|chief|director|spokesman|spokeswoman|spokesperson|"
    r"leader|commander|member|founder)\b"
)
# '..." said Hisham Marwah the Syrian National Coalitions (SNC) vice-president.'
_INVERTED_PERSON = re.compile(
    r"[\s,.]*(?:said|added|says|stressed|explained|told\s+\w+)\s+"
    r"(?:(?:[A-Z][a-z]*\.?|[A-Z]+)\s+){0,3}?"
    r"(?P<name>[A-Z][a-z'’-]+(?:\s+(?:[A-Z][a-z'’-]+|al-[A-Z][\w-]*|bin|ibn|el|abu)){1,4})"
    r"(?=\s*[,.;(]|\s+(?:the|a|an|who|on|in|at|to|from|of|as|when|after|during|head|chief|"
    r"spokesman|spokeswoman|director)\b|\s*$)"
)
_SOMEONE = re.compile(
    r"\b(?:a|an|one)\s+(?:[a-z-]+\s+)?(?:" + "|".join(sorted(PERSON_HEADS)) + r")\b"
)
# Verbs that frame a quoted fragment as their subject's words.
_FRAGMENT_VERB = re.compile(
    r"\b(?:called\s+(?:on|upon|for)|calling\s+(?:on|upon|for)|described|accused|condemned|"
    r"denounced|blamed|labelled|labeled|dubbed|termed|branded|vowed|pledged|promised)\b"
)
# '... to open a formal inquiry said spokesman Colonel Chris Garver on Wednesday.'
_SENTENCE_END_ATTR = re.compile(
    r"\b(?:said|added|says|stated|told\s+\w+)\s+(?P<np>(?:[\w'’.()-]+\s+){0,7}?[\w'’()-]+)"
    r"(?:\s+(?:on|late\s+on|earlier\s+on)\s+\w+|\s+in\s+a\s+statement)?\s*[.!]?\s*$"
)
_DIRECT_ATTR = re.compile(
    r"\s*(?:(?:he|she|they|[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s+)?"
    r"(?:said|says|asked|added|replied|shouted|told|stated)\b"
)
_SPLIT_GAP = re.compile(r"\s*,?\s*[^\"“”.]{0,40}?\b(?:said|says|added|asked|told\s+\w+)\s*,\s*")
# "Shuhud al-Hussein, a member of the civil defence forces, said ..."
_NAMED_APPOSITIVE = re.compile(
    r"(?P<name>\b[A-Z][a-z'’-]+(?:\s+(?:[A-Z][a-z'’-]+|al-[A-Z][\w-]*|bin|ibn|el)){1,4}),?\s+"
    r"(?:a|an|the)\s+[^.;\"“”]{0,60}?\s+(?P<verb>said|told|added|says|claimed|stated|"
    r"explained|warned|stressed|insisted|noted|declared|announced|urged|argued)\b"
)
# '..." according to the ministry.' / 'According to Smith, "..."'
_ACCORDING_AFTER = re.compile(r"^[\s,.]*according\s+to\s+(?P<np>[^.,;:\"“”]{2,80}?)\s*(?=[.,;:]|$)")
_ACCORDING_BEFORE = re.compile(r"\b[Aa]ccording\s+to\s+(?P<np>[^.,;:\"“”]{2,80}?)\s*[,:]\s*$")
# '..." SANA quoted the source as saying' / 'the agency cited a military source as saying'
_QUOTED_AS_SAYING = re.compile(
    r"\b(?:quoted|cited)\s+(?!by\b)(?P<np>(?:[\w'’.-]+\s+){0,6}?[\w'’.-]+)\s+as\s+saying\b"
)
_NAME_RE = re.compile(
    r"\b(?:[A-Z][a-z'’-]+|al-[A-Z][\w-]+)(?:\s+(?:[A-Z][a-z'’-]+|al-[A-Z][\w-]*|bin|ibn|el)){1,5}"
)


@dataclass(frozen=True)
class _Span:
    start: int  # first character inside the marks
    end: int  # first character after the quoted text
    close: int  # index just after the closing mark (== end when unclosed)
    closed: bool


@dataclass(frozen=True)
class _Attribution:
    speaker: str
    reported: bool
    anonymous: bool


def _mark_spans(text: str, p_start: int, p_end: int) -> list[_Span]:
    """Pair quote marks in one paragraph, tolerant of broken typography."""
    spans: list[_Span] = []
    open_at: int | None = None
    for match in _MARK_RE.finditer(text, p_start, p_end):
        mark = match.group()
        before = text[max(p_start, match.start() - 1) : match.start()]
        after = text[match.end() : match.end() + 1]
        bracketed = mark.startswith("[")
        opener = not bracketed and (
            mark == "“"
            or (bool(_OPEN_CONTEXT.search(before)) and bool(after) and not after.isspace())
        )
        if mark == "”" or bracketed:
            opener = False
        if open_at is None:
            if opener or mark == '"':
                open_at = match.end()
            continue
        if opener and mark == "“" and before and not before.isspace():
            opener = False  # a wrong-way curly mark used as a closer: ...them.“
        if opener and not (mark == '"' and not _OPEN_CONTEXT.search(before)):
            # A new opening mark while one is open: the old quote ran on.
            spans.append(_Span(open_at, match.start(), match.start(), False))
            open_at = match.end()
            continue
        spans.append(_Span(open_at, match.start(), match.end(), True))
        open_at = None
    if open_at is not None:
        spans.append(_Span(open_at, p_end, p_end, False))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _clean_speaker(raw: str) -> str:
    name = raw.strip(" ,.")
    name = re.sub(r"^(?:the\s+)?(?=[A-Z])", "", name) if re.match(r"the\s+[A-Z]", name) else name
    return strip_title(name)


def _make(raw: str, reported: bool) -> _Attribution:
    return _Attribution(_clean_speaker(raw), reported, is_anonymous(raw))


def _attr_after(text: str, close: int, limit: int) -> tuple[_Attribution | None, int]:
    """'..." Assad reportedly stated' / '..." said the monitor'."""
    window = text[close:limit]
    window = re.split(r"[\"“”]", window, maxsplit=1)[0]
    if _new_sentence_follows(text, close, window):
        return None, close
    according = _ACCORDING_AFTER.match(window)
    if according:
        return _make(according.group("np"), False), close + according.end()
    cited = _QUOTED_AS_SAYING.search(window)
    if cited and not ends_sentence(window[: cited.start()]):
        return _make(cited.group("np"), False), close + cited.end()
    named = _COMMA_APPOSITIVE.match(window)
    if named:
        return _make(named.group("name"), bool(named.group("adv"))), close + named.end()
    unnamed = _UNNAMED_AFTER.match(window)
    if unnamed and _person_like(unnamed.group("np")):
        speaker = _Attribution(unnamed.group("np"), bool(unnamed.group("adv")), True)
        return speaker, close + unnamed.end()
    titled = _titled_person_after(window)
    if titled is not None:
        return _make(titled.text, False), close + titled.end
    person = _INVERTED_PERSON.match(window)
    if person and is_person_name(strip_title(person.group("name"))):
        return _make(person.group("name"), False), close + person.end("name")
    inv = _INVERTED.match(window)
    if inv:
        return _make(inv.group("np"), False), close + inv.end()
    # '..." said Rami Abdel Rahman head of the Observatory': a name, then its role.
    inv_name = _INVERTED_NAME.match(window)
    if inv_name and is_person_name(strip_title(inv_name.group("name"))):
        return _make(inv_name.group("name"), False), close + inv_name.end("name")
    appos = _APPOSITIVE.match(window)
    for verb in SPEECH_VERB_RE.finditer(window):
        if len(window[: verb.start()].split()) > 14:
            break
        if ends_sentence(window[: verb.start()]):
            break
        reported = bool(verb.group("adv") and "reportedly" in verb.group("adv")) or (
            "quoted" in verb.group("verb")
        )
        # "Peter Salama Executive Director of the WHO ... said": the person, not the body.
        if appos and appos.end("name") <= verb.start() and is_person_name(appos.group("name")):
            return _make(appos.group("name"), reported), close + verb.end()
        phrase = speaker_before(window, verb.start())
        if phrase is None or after_preposition(window, phrase.start):
            # '..." a village south of Jarabulus said Rami Abdel Rahman'
            person = _INVERTED_PERSON.match(window, verb.start())
            if person and is_person_name(strip_title(person.group("name"))):
                return _make(person.group("name"), reported), close + person.end("name")
        if phrase:
            return _make(phrase.text, reported), close + verb.end()
    return None, close


_INVERTED_VERB = re.compile(r"[\s,.]*(?:said|added|says|stressed|explained|told\s+\w+)\s+")


def _titled_person_after(window: str) -> Phrase | None:
    """'..." said Operation Inherent Resolve spokesperson Colonel Christopher Garver'."""
    verb = _INVERTED_VERB.match(window)
    phrase = phrase_after(window, verb.end()) if verb else None
    if phrase is None:
        return None
    name = strip_title(phrase.text)
    if name == phrase.text or not is_person_name(name):
        return None
    return phrase


def _new_sentence_follows(text: str, close: int, window: str) -> bool:
    """'..." ends with a full stop inside the marks, then "Trump said he ordered ...".

    After a quote that ends its own sentence, a capitalised clause with a long
    tail after its verb is a new statement, not this quote's attribution.
    """
    inside = text[max(0, close - 3) : close]
    if not re.search(r"[.!?][\"“”\]\[]*$", inside):
        return False
    if not re.match(r"\s*[A-Z]", window):
        return False
    verb = SPEECH_VERB_RE.search(window)
    if verb is None:
        return False
    tail = re.split(r"(?<=[.!?;])\s", window[verb.end() :], maxsplit=1)[0]
    return len(tail.split()) > 6


def _person_like(phrase: str) -> bool:
    """ "a resident of the town", "one relative": a person, not "a village south of X"."""
    head = re.split(r"\s+(?:of|from|in|at|near|with|for|off|on)\s", phrase, maxsplit=1)[0]
    words = [w.lower().strip(",.") for w in head.split()[1:]]
    return any(w in ROLE_NOUNS or is_descriptor(w) or w in PERSON_HEADS for w in words)


def _attr_before(text: str, start: int, open_mark: int) -> _Attribution | None:
    """'Barazi said "..."' / 'He said the attack was "..."'."""
    window = text[start:open_mark]
    according = _ACCORDING_BEFORE.search(window)
    if according:
        return _make(according.group("np"), False)
    cited = list(_QUOTED_AS_SAYING.finditer(window))
    if cited:
        return _make(cited[-1].group("np"), False)
    verbs = list(SPEECH_VERB_RE.finditer(window))
    participle = re.search(
        r"\b(?:saying|adding|stressing|stating|telling|warning|noting|explaining|urging|"
        r"calling|demanding|asking|insisting|vowing|accusing|shouting|chanting|screaming|"
        r"crying|yelling)\b[^.]*$",
        window,
    )
    speaking = [v for v in verbs if speaker_before(window, v.start()) is not None]
    if not speaking:
        # 'Zaatari called on "all warring sides to ..."': the caller speaks.
        calls = list(_FRAGMENT_VERB.finditer(window))
        caller = speaker_before(window, calls[-1].start()) if calls else None
        if caller is not None:
            return _make(caller.text, False)
        if calls or verbs:
            # "The charity condemned the attack and called on ...": the clause subject.
            subject = _clause_subject(window)
            if subject is not None:
                return _make(subject, False)
    if participle and not verbs:
        # "Assad appears determined, stating “...”": the clause subject speaks.
        subject = _clause_subject(window)
        if subject is None:
            # "In Qaterji a man stood in the road shouting angrily": the unnamed person.
            someone = _SOMEONE.search(window)
            return _Attribution(someone.group(), False, True) if someone else None
        return _make(subject, False)
    for verb in reversed(verbs):
        phrase = speaker_before(window, verb.start())
        if phrase:
            reported = bool(verb.group("adv") and "reportedly" in verb.group("adv"))
            return _make(phrase.text, reported)
    return None


def _clause_subject(window: str) -> str | None:
    """The speaker opening ``window``: a name, or "the" + a role ("The ministry")."""
    offset = len(window) - len(window.lstrip())
    subject = phrase_after(window, offset)
    if subject is None:
        return None
    if subject.start != offset and not re.search(
        r"\b(?:named|called|as)\s*$", window[offset : subject.start]
    ):
        return None
    head = subject.text.split()[-1]
    return subject.text if head[0].isupper() or head.lower() in ROLE_NOUNS else None


def _sentence_index(sentences: list[Sentence], pos: int) -> int:
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


def extract_quotes(text: str) -> list[Quote]:
    sentences = split_sentences(text)
    found: list[tuple[_Span, _Attribution | None, int]] = []
    for p_match in re.finditer(r"[^\n]+", text):
        if _TRANSCRIPT_LINE.match(p_match.group()):
            continue  # Q&A transcripts: the label is not a subject of the article
        found.extend(_paragraph_quotes(text, p_match.start(), p_match.end(), sentences))
    return _resolve(text, found, sentences)


def _paragraph_quotes(
    text: str, p_start: int, p_end: int, sentences: list[Sentence]
) -> list[tuple[_Span, _Attribution | None, int]]:
    spans = _mark_spans(text, p_start, p_end)
    out: list[tuple[_Span, _Attribution | None, int]] = []
    prev_close = p_start
    for i, span in enumerate(spans):
        if text[max(0, span.start - 2) : span.start - 1] == "=":
            continue  # an HTML attribute left in scraped text, not speech
        next_open = spans[i + 1].start - 1 if i + 1 < len(spans) else p_end
        attribution: _Attribution | None = None
        if not span.closed:
            span, attribution = _cut_unclosed(text, span, sentences)
        start, end = _trim(text, span.start, span.end)
        quoted = text[start:end]
        if len(quoted.split()) < _MIN_WORDS:
            # Short quoted terms are labels ("armed terrorist groups") unless they
            # are punctuated speech with an attribution right after: "No," he said.
            short_attr, _ = _attr_after(text, span.close, next_open)
            direct = _DIRECT_ATTR.match(text, span.close)
            speech = quoted.endswith((",", "!", "?")) and short_attr and direct
            # The second half of a split quote: '"...," he said, "until the end."'
            second_half = i > 0 and bool(
                _SPLIT_GAP.fullmatch(text, spans[i - 1].close, span.start - 1)
            )
            if not (speech or second_half):
                prev_close = span.close
                continue
        if not quoted.strip(" .,;:!?-—"):
            continue
        sent = sentences[_sentence_index(sentences, span.start)]
        floor = max(prev_close, sent.start)
        if attribution is None and re.search(r"[.!?]\W*$", quoted) and floor < span.start - 1:
            # 'Rice said the solution will "... departure." She added': the quote's own
            # sentence names its speaker; what follows the full stop is the next one's.
            before = _attr_before(text, floor, span.start - 1)
            attribution = before if before and before.speaker.lower() not in PRONOUNS else None
        if attribution is None:
            attribution, _ = _attr_after(text, span.close, next_open)
        if attribution is None:
            if floor < span.start - 1:
                attribution = _attr_before(text, floor, span.start - 1)
            if attribution is None and sent.start < floor < span.start - 1:
                attribution = _earlier_clause_speaker(text, sent.start, floor, span.start - 1)
            if attribution is None:
                attribution = _sentence_attribution(text, sent, span)
        out.append((_Span(start, end, span.close, span.closed), attribution, span.start - 1))
        prev_close = span.close
    return out


def _earlier_clause_speaker(
    text: str, sent_start: int, floor: int, open_mark: int
) -> _Attribution | None:
    """'Rudskoy called it a "terrorist act" and said ... "through all channels"'."""
    if not SPEECH_VERB_RE.search(text, floor, open_mark) and not _FRAGMENT_VERB.search(
        text, floor, open_mark
    ):
        return None
    subject = _clause_subject(text[sent_start:floor])
    return _make(subject, False) if subject else None


def _sentence_attribution(text: str, sent: Sentence, span: _Span) -> _Attribution | None:
    """An attribution elsewhere in the quote's sentence: "according to X" or a final "said X"."""
    before = text[sent.start : max(sent.start, span.start - 1)]
    after = text[span.close : sent.end] if span.close < sent.end else ""
    for part in (before, after):
        according = re.search(r"\b[Aa]ccording\s+to\s+", part)
        np = phrase_after(part, according.end()) if according else None
        if np is not None:
            return _make(np.text, False)
    if '"' in after or "“" in after or "”" in after:
        return None
    final = _SENTENCE_END_ATTR.search(after)
    if final is None:
        return None
    person = _INVERTED_PERSON.match(after, final.start())
    if person and is_person_name(strip_title(person.group("name"))):
        return _make(person.group("name"), False)
    phrase = phrase_before(final.group("np"), len(final.group("np")))
    if phrase is not None and phrase.start == 0:
        return _make(phrase.text, False)
    return None


def _cut_unclosed(
    text: str, span: _Span, sentences: list[Sentence]
) -> tuple[_Span, _Attribution | None]:
    """An unclosed quote runs to its sentence end, minus a trailing "X said"."""
    sent = sentences[_sentence_index(sentences, span.start)]
    end = min(span.end, max(sent.end, span.start))
    body = text[span.start : end]
    verbs = list(SPEECH_VERB_RE.finditer(body))
    for verb in verbs:  # the first attribution ends the quote ("X said; Y reported")
        person = _INVERTED_PERSON.match(body, verb.start())
        if person and verb.start() > 0 and is_person_name(strip_title(person.group("name"))):
            cut = span.start + verb.start()
            return (_Span(span.start, cut, cut, False), _make(person.group("name"), False))
        phrase = phrase_before(body, verb.start())
        if phrase and phrase.start > 0:
            cut = span.start + phrase.start
            return (_Span(span.start, cut, cut, False), _make(phrase.text, False))
    return _Span(span.start, end, end, False), None


def _resolve(
    text: str, found: list[tuple[_Span, _Attribution | None, int]], sentences: list[Sentence]
) -> list[Quote]:
    """Fill pronouns and missing speakers from neighbours, then build Quotes."""
    named: list[tuple[int, str]] = _named_speakers(text)
    quotes: list[Quote] = []
    spoken: list[tuple[int, str]] = []  # speakers of earlier quotes, for "he said"
    bodies: list[tuple[int, str]] = []  # any named speaker of an earlier quote
    attrs: list[_Attribution | None] = [a for _, a, _ in found]
    # Quotes in one sentence without their own attribution share the next one's; so do
    # back-to-back quotes ('"It was my mistake." "I lost," said Greene').
    for i in range(len(found) - 2, -1, -1):
        if attrs[i] is None and attrs[i + 1] is not None:
            same = _sentence_index(sentences, found[i][0].start) == _sentence_index(
                sentences, found[i + 1][0].start
            )
            adjacent = found[i][0].closed and not text[found[i][0].close : found[i + 1][2]].strip()
            continues = (
                i > 0 and attrs[i - 1] is not None and _runs_on(text, found[i - 1][0], found[i][2])
            )
            if same or (adjacent and not continues):
                attrs[i] = attrs[i + 1]
    for i, (span, _, open_mark) in enumerate(found):
        attr = attrs[i]
        if attr is None and i and _runs_on(text, found[i - 1][0], open_mark):
            attr = attrs[i - 1]  # a run-on quote continues the previous speaker
        if attr is None:
            attr = _previous_sentence_speaker(text, sentences, open_mark)
        if attr is not None:
            organisation = _organisation_for(text, attr.speaker, open_mark)
            if organisation:  # "the Britain-based monitor" -> the Observatory named before
                attr = _Attribution(organisation, attr.reported, False)
        definite = attr is not None and attr.speaker.lower().startswith("the ")
        if attr is not None and (definite or not attr.anonymous):
            named_role = _name_for_role(text, attr.speaker, open_mark)
            if named_role:  # "added the UNICEF director" after "UNICEF Director Alan Lane"
                attr = _Attribution(named_role, attr.reported, False)
        if attr is not None and attr.speaker.lower() == "it":
            organisation = _resolve_it(text, open_mark, sentences)
            attr = _Attribution(organisation, attr.reported, False) if organisation else None
        elif attr is not None and (
            attr.speaker.lower() in PRONOUNS or is_described_person(attr.speaker)
        ):
            previous = attrs[i - 1] if i else None
            if previous is not None and _runs_on(text, found[i - 1][0], open_mark):
                # '"..." a voice off camera said. "..." he said': the same speaker goes on.
                resolved: str | None = previous.speaker
            else:
                plural = attr.speaker.lower() == "they"
                resolved = _recent_person_speaker(
                    text, sentences, open_mark, plural
                ) or _resolve_pronoun(text, open_mark, named + spoken, sentences)
            if resolved:
                attr = _Attribution(resolved, attr.reported, False)
            elif attr.speaker.lower() in PRONOUNS:
                attr = None  # "he said" with nobody to point at: unknown, not "he"
        if attr is None:
            # No attribution at all: only a speaker who was just speaking fits.
            idx = _sentence_index(sentences, open_mark)
            floor = sentences[max(0, idx - 2)].start if sentences else 0
            close = [(at, name) for at, name in named + spoken + bodies if floor <= at < open_mark]
            attr = _Attribution(max(close)[1], False, False) if close else None
        attrs[i] = attr
        if attr and not attr.anonymous and attr.speaker[:1].isupper():
            bodies.append((span.close, attr.speaker))  # organisations speak on, too
        if (
            attr
            and not attr.anonymous
            and (is_person_name(attr.speaker) or re.fullmatch(r"[A-Z][a-z'’-]+", attr.speaker))
        ):
            spoken.append((span.close, attr.speaker))
        first = _sentence_index(sentences, span.start)
        last = _sentence_index(sentences, max(span.start, span.close - 1))
        sent_text = text[sentences[first].start : max(sentences[last].end, span.end)]
        quotes.append(
            Quote(
                speaker=attr.speaker if attr else None,
                text=text[span.start : span.end],
                sentence=sent_text,
                reported=attr.reported if attr else False,
                anonymous=attr.anonymous if attr else False,
            )
        )
    return quotes


def _name_for_role(text: str, speaker: str, pos: int) -> str | None:
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


def _organisation_for(text: str, speaker: str, pos: int) -> str | None:
    """The organisation a generic second reference points back to, when one fits."""
    generic = _GENERIC_BODY.match(speaker.strip())
    if generic is None:
        return None
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


def _runs_on(text: str, previous: _Span, open_mark: int) -> bool:
    """'"...," he said. "..."': at most the previous quote's attribution between them."""
    if previous.close < open_mark - 400:
        return False
    gap = text[previous.close : open_mark]
    ends = [
        m
        for m in re.finditer(r"[.!?](?=\s)", gap)
        if gap[m.start()] != "." or not is_abbreviation(gap, m.start())
    ]
    return not previous.closed or len(ends) <= 1


_NARRATION_VERB = re.compile(
    r"\b(?:described|recounted|recalled|explained|said|told|added|wrote|spoke)\b"
)


def _previous_sentence_speaker(
    text: str, sentences: list[Sentence], open_mark: int
) -> _Attribution | None:
    """'A witness named Ahmad described the moment. "As the bride ..."': the narrator speaks."""
    idx = _sentence_index(sentences, open_mark)
    if idx == 0 or sentences[idx].start < open_mark - 1:
        return None  # only for a quote that opens its own sentence
    prev = sentences[idx - 1]
    body = text[prev.start : prev.end]
    if re.search(r"[\"“”]", body):
        return None
    verbs = list(_NARRATION_VERB.finditer(body))
    for verb in verbs:
        phrase = speaker_before(body, verb.start())
        if phrase is not None:
            return _make(phrase.text, False)
    subject = _clause_subject(body) if verbs else None
    return _make(subject, False) if subject else None


def _recent_person_speaker(
    text: str, sentences: list[Sentence], pos: int, plural: bool = False
) -> str | None:
    """For "he said": a person who spoke in one of the two sentences before, named or not.

    'the grooms father was killed a relative told AFP. "..." he said' -> "a relative".
    """
    idx = _sentence_index(sentences, pos)
    for back in (1, 2):
        if idx - back < 0:
            break
        prev = sentences[idx - back]
        body = text[prev.start : min(prev.end, pos)]
        if re.search(r"[\"“”]", body):
            return None  # a quote in between has its own speaker
        verbs = list(_NARRATION_VERB.finditer(body)) + list(SPEECH_VERB_RE.finditer(body))
        for verb in sorted(verbs, key=lambda v: v.start(), reverse=True):
            phrase = speaker_before(body, verb.start())
            if phrase is None or phrase.text.lower() in PRONOUNS:
                continue
            name = strip_title(_clean_speaker(phrase.text))
            head = name.split()[-1].lower()
            role = head in ROLE_NOUNS and head not in ORG_ROLES
            if is_person_name(name) or (role and head.endswith("s") == plural):
                return name  # "he said" after "a relative told AFP"; not "officials"
        subject = strip_title(_clause_subject(body) or "") if verbs else ""
        if len(subject.split()) > 1 and is_person_name(subject):
            return subject
    return None


def _named_speakers(text: str) -> list[tuple[int, str]]:
    """Positions of person names that are subjects of speech verbs."""
    out: list[tuple[int, str]] = []
    for verb in SPEECH_VERB_RE.finditer(text):
        phrase = phrase_before(text, verb.start())
        if phrase is None:
            continue
        name = strip_title(phrase.text)
        if not is_person_name(name):
            name = trailing_person(name) or ""
        if name:
            out.append((verb.start(), name))
    for match in _NAMED_APPOSITIVE.finditer(text):
        name = strip_title(match.group("name"))
        if is_person_name(name):
            out.append((match.start("verb"), name))
    return sorted(out)


def _resolve_it(text: str, pos: int, sentences: list[Sentence]) -> str | None:
    """For "it said": the organisation that was the subject of a speech verb just before."""
    idx = _sentence_index(sentences, pos)
    floor = sentences[max(0, idx - 4)].start if sentences else 0
    found = None
    for verb in SPEECH_VERB_RE.finditer(text, floor, pos):
        phrase = speaker_before(text, verb.start())
        if phrase is None or phrase.start < floor:
            continue
        name = _clean_speaker(phrase.text)
        if name.lower() in PRONOUNS:
            continue  # the "it said" being resolved, or another pronoun
        organisation = name.split()[-1].lower() in ORG_ROLES if name else False
        single = len(name.split()) == 1 and not re.search(
            rf"\b[A-Z][a-z'’-]+\s+{re.escape(name)}\b", text
        )
        person = is_person_name(name) and not single  # "Pentagon" is no one's surname here
        if name and (name[0].isupper() or organisation) and not person:
            found = name  # "the interior ministry said ... it added"
    return found


def _resolve_pronoun(
    text: str, pos: int, named: list[tuple[int, str]], sentences: list[Sentence]
) -> str | None:
    """For "he said": the last named speaker, else the nearest earlier person name."""
    idx = _sentence_index(sentences, pos)
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
