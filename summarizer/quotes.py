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

from summarizer.sentences import Sentence, split_sentences
from summarizer.speakers import (
    PRONOUNS,
    SPEECH_VERB_RE,
    is_anonymous,
    is_person_name,
    phrase_before,
    strip_title,
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
    r"(?:the\s+)?(?:[\w'’-]+\s+)?(?i:head|chief|director|spokesman|spokeswoman|"
    r"spokesperson|leader|commander|member|founder|president|minister)\b"
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
_DIRECT_ATTR = re.compile(
    r"\s*(?:(?:he|she|they|[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s+)?"
    r"(?:said|says|asked|added|replied|shouted|told|stated)\b"
)
_SPLIT_GAP = re.compile(r"\s*,?\s*[^\"“”.]{0,40}?\b(?:said|says|added|asked|told\s+\w+)\s*,\s*")
_SUBJECT = re.compile(r"\s*(?:[A-Z][\w'’-]*\s+){0,3}[A-Z][\w'’-]*(?=\s+[a-z])")
# "Shuhud al-Hussein, a member of the civil defence forces, said ..."
_NAMED_APPOSITIVE = re.compile(
    r"(?P<name>\b[A-Z][a-z'’-]+(?:\s+(?:[A-Z][a-z'’-]+|al-[A-Z][\w-]*|bin|ibn|el)){1,4}),?\s+"
    r"(?:a|an|the)\s+[^.;\"“”]{0,60}?\s+(?P<verb>said|told|added|says)\b"
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
    named = _COMMA_APPOSITIVE.match(window)
    if named:
        return _make(named.group("name"), bool(named.group("adv"))), close + named.end()
    unnamed = _UNNAMED_AFTER.match(window)
    if unnamed:
        speaker = _Attribution(unnamed.group("np"), bool(unnamed.group("adv")), True)
        return speaker, close + unnamed.end()
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
        if re.search(r"[.!?;]\s", window[: verb.start()]):
            break
        reported = bool(verb.group("adv") and "reportedly" in verb.group("adv")) or (
            "quoted" in verb.group("verb")
        )
        # "Peter Salama Executive Director of the WHO ... said": the person, not the body.
        if appos and appos.end("name") <= verb.start() and is_person_name(appos.group("name")):
            return _make(appos.group("name"), reported), close + verb.end()
        phrase = phrase_before(window, verb.start())
        if phrase:
            return _make(phrase.text, reported), close + verb.end()
    return None, close


def _attr_before(text: str, start: int, open_mark: int) -> _Attribution | None:
    """'Barazi said "..."' / 'He said the attack was "..."'."""
    window = text[start:open_mark]
    verbs = list(SPEECH_VERB_RE.finditer(window))
    participle = re.search(r"\b(?:saying|adding|stressing|stating|telling)\b[^.]*$", window)
    if participle and not verbs:
        # "Assad appears determined, stating “...”": the clause subject speaks.
        subject = _SUBJECT.match(window)
        if subject and not subject.group().lower().startswith(("the ", "a ", "an ")):
            return _make(subject.group(), False)
        return None
    for verb in reversed(verbs):
        phrase = phrase_before(window, verb.start())
        if phrase:
            reported = bool(verb.group("adv") and "reportedly" in verb.group("adv"))
            return _make(phrase.text, reported)
    return None


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
        if not span.closed and span.end == p_end:
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
        if attribution is None:
            attribution, _ = _attr_after(text, span.close, next_open)
        if attribution is None:
            sent = sentences[_sentence_index(sentences, span.start)]
            floor = max(prev_close, sent.start)
            if floor < span.start - 1:
                attribution = _attr_before(text, floor, span.start - 1)
        out.append((_Span(start, end, span.close, span.closed), attribution, span.start - 1))
        prev_close = span.close
    return out


def _cut_unclosed(
    text: str, span: _Span, sentences: list[Sentence]
) -> tuple[_Span, _Attribution | None]:
    """An unclosed quote runs to its sentence end, minus a trailing "X said"."""
    sent = sentences[_sentence_index(sentences, span.start)]
    end = min(span.end, max(sent.end, span.start))
    body = text[span.start : end]
    verbs = list(SPEECH_VERB_RE.finditer(body))
    for verb in verbs:  # the first attribution ends the quote ("X said; Y reported")
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
    attrs: list[_Attribution | None] = [a for _, a, _ in found]
    # Quotes in one sentence without their own attribution share the next one's.
    for i in range(len(found) - 2, -1, -1):
        if attrs[i] is None and attrs[i + 1] is not None:
            same = _sentence_index(sentences, found[i][0].start) == _sentence_index(
                sentences, found[i + 1][0].start
            )
            if same:
                attrs[i] = attrs[i + 1]
    for i, (span, _, open_mark) in enumerate(found):
        attr = attrs[i]
        if attr is None and i and found[i - 1][0].close >= open_mark - 400:
            attr = attrs[i - 1]  # a run-on quote continues the previous speaker
        if attr is not None and attr.speaker.lower() == "it":
            organisation = _resolve_it(text, open_mark, sentences)
            attr = _Attribution(organisation, attr.reported, False) if organisation else None
        elif attr is not None and attr.speaker.lower() in PRONOUNS:
            resolved = _resolve_pronoun(text, open_mark, named + spoken, sentences)
            attr = _Attribution(resolved, attr.reported, False) if resolved else None
        if attr is None:
            # No attribution at all: only a speaker who was just speaking fits.
            idx = _sentence_index(sentences, open_mark)
            floor = sentences[max(0, idx - 1)].start if sentences else 0
            close = [(at, name) for at, name in named + spoken if floor <= at < open_mark]
            attr = _Attribution(max(close)[1], False, False) if close else None
        attrs[i] = attr
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


def _named_speakers(text: str) -> list[tuple[int, str]]:
    """Positions of person names that are subjects of speech verbs."""
    out: list[tuple[int, str]] = []
    for verb in SPEECH_VERB_RE.finditer(text):
        phrase = phrase_before(text, verb.start())
        if phrase is None:
            continue
        name = strip_title(phrase.text)
        if is_person_name(name):
            out.append((verb.start(), name))
    for match in _NAMED_APPOSITIVE.finditer(text):
        name = strip_title(match.group("name"))
        if is_person_name(name):
            out.append((match.start("verb"), name))
    return sorted(out)


def _resolve_it(text: str, pos: int, sentences: list[Sentence]) -> str | None:
    """For "it said": the organisation that was the subject of a speech verb just before."""
    idx = _sentence_index(sentences, pos)
    floor = sentences[max(0, idx - 2)].start if sentences else 0
    found = None
    for verb in SPEECH_VERB_RE.finditer(text, floor, pos):
        phrase = phrase_before(text, verb.start())
        if phrase is None or phrase.start < floor:
            continue
        name = _clean_speaker(phrase.text)
        if name and name[0].isupper() and not is_person_name(name):
            found = name
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
