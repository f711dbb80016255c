"""Direct quotes with their speakers, verbatim from the source.

Quote text never includes the marks and is always a slice of the input.
Split quotes ("We will fight," he said, "until the end.") come out as one
Quote per verbatim part, with the same speaker.  Speaker names keep what the
text names minus leading titles ("President Bashar al-Assad" -> "Bashar
al-Assad"); roles without a name stay as written ("the UNICEF director").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from summarizer.attribution import (
    ACCORDING_AFTER,
    ASKED_PASSIVE,
    INVERTED_PERSON,
    Attribution,
    attribution_after,
    attribution_before,
    earlier_clause_speaker,
    make_attribution,
    sentence_attribution,
)
from summarizer.authors import first_person_author
from summarizer.coreference import (
    block_reporter,
    could_be_person,
    introduced_last,
    name_for_role,
    named_speakers,
    organisation_for,
    previous_sentence_speaker,
    recent_person_speaker,
    resolve_it,
    resolve_pronoun,
    sentence_index,
    statement_issuer,
)
from summarizer.given_names import is_given_name
from summarizer.people import gender_by_title, is_known_person, people_named
from summarizer.places import is_country, is_place
from summarizer.sentences import Sentence, is_abbreviation, split_sentences
from summarizer.speaker_ranker import rerank_context_speakers
from summarizer.speakers import (
    BODY_NOUNS,
    DOCUMENT_NOUNS,
    NAME_PATTERN,
    PARTY_TAG,
    PRONOUNS,
    ROLE_NOUNS,
    SPEECH_VERB_RE,
    is_described_person,
    is_descriptor,
    is_person_name,
    names_a_people,
    phrase_before,
    strip_title,
    without_party_tag,
    word_set,
)
from summarizer.subjects import OFFICES, opening_subject, pronoun_referent
from summarizer.types import Quote

# AP copy closes with two apostrophes: “It was an attempt to mislead voters,’’ Moy said.
_MARK_RE = re.compile(r"\[[\"“”]\]|[\"“”]|’’")


_OPEN_CONTEXT = re.compile(r"(?:^|[\s(\[—–-])$")


_MIN_WORDS = 4


_TRANSCRIPT_LINE = re.compile(r"^\s*\*\*[^*\n]{1,60}:?\*\*")


_DIRECT_ATTR = re.compile(
    r"\s*(?:(?:he|she|they|[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s+)?"
    r"(?:said|says|asked|added|replied|shouted|told|stated)\b"
)


_CALLING_IT = re.compile(
    r"\b(?:calling|called|describing|described|labell?ing|labell?ed|branding|branded|dubbing|"
    r"dubbed|terming|termed)\s+(?:it|them|him|her|this|that|the\s+\w+)(?:\s+as)?\s*$"
)
_INTRODUCED = re.compile(
    r"\b(?:said|says|saying|asked|added|wrote|replied|recalled|told\b[^,:\"“”.]{0,40})\s*[,:]\s*$"
)


_TRANSCRIPT_LABEL = re.compile(
    r"(?!(?:VIDEO|AUDIO|PHOTO|WATCH|UPDATE|BREAKING|NOTE)\b)"  # "VIDEO: ..." names no one
    r"(?P<name>[A-Z][A-Z'’-]{2,}(?:\s+[A-Z][A-Z'’-]{2,})?):\s"
)


_BOUND_PRONOUN = re.compile(
    r"(?P<name>" + NAME_PATTERN + r")\s+(?:was|is|had|has)\b[^.;\n]{0,80}?\b(?:when|after|because|"
    r"as|before)\s+(?P<word>he|she)\s+(?:said|says|told|added|wrote)\b[^.;\n]{0,80}$"
)


# '"... a dictator." ― Christina Lastra': a byline after a dash closing its line (reader
# comments, epigraphs, embedded posts: "— Donald J. Trump (@realDonaldTrump)").
_DASH_BYLINE = re.compile(
    r"[ \t]*(?:―|—|–|--)[ \t]*(?P<name>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,4})"
    r"(?:[ \t]*\(@\w+\))?[ \t]*[.,]?[ \t]*(?:\n|$)"
)
_SPLIT_GAP = re.compile(r"\s*,?\s*[^\"“”.]{0,40}?\b(?:said|says|added|asked|told\s+\w+)\s*,\s*")


@dataclass(frozen=True)
class _Span:
    start: int  # first character inside the marks
    end: int  # first character after the quoted text
    close: int  # index just after the closing mark (== end when unclosed)
    closed: bool
    block: bool = False  # one paragraph of a quoted block (see _quoted_block)


def _mark_spans(text: str, p_start: int, p_end: int) -> list[_Span]:
    """Pair quote marks in one paragraph, tolerant of broken typography."""
    spans: list[_Span] = []
    open_at: int | None = None
    marks = list(_MARK_RE.finditer(text, p_start, p_end))
    nested_close = -1  # index of the closing mark of a quote inside the open one
    for index, match in enumerate(marks):
        if index == nested_close:
            continue
        mark = match.group()
        before = text[max(p_start, match.start() - 1) : match.start()]
        after = text[match.end() : match.end() + 1]
        bracketed = mark.startswith("[")
        opener = not bracketed and (
            mark == "“"
            or (bool(_OPEN_CONTEXT.search(before)) and bool(after) and not after.isspace())
        )
        if mark in ("”", "’’") or bracketed:
            opener = False
        if mark == "”" and open_at is None and not before.strip() and after.isalpha():
            opener = True  # a wrong-way mark opening a paragraph: ”Fear. I am afraid ...
        if open_at is None:
            stray_closer = (
                mark == '"'
                and not opener
                and bool(before)
                and not before.isspace()
                and (not after or after.isspace() or after in ",.;:!?)")
            )
            if (opener or mark == '"') and not stray_closer:
                open_at = match.end()
            # A closing mark with nothing open (its opener was garbled upstream) is
            # skipped, so the marks after it pair up again.
            continue
        if opener and mark == "“" and before and not before.isspace():
            opener = False  # a wrong-way curly mark used as a closer: ...them.“
        if (
            opener
            and mark == "“"
            and [m.group() for m in marks[index + 1 : index + 3]] == ["”", "”"]
        ):
            # '“... what he calls “hell” than live ...”': words quoted inside the quote.
            nested_close = index + 1
            continue
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


# A nickname inside a name: 'Rep. Robert C. "Bobby" Scott', 'Marcia "Cia" Price'.
_NICKNAME = re.compile(
    r"(?P<before>\b[A-Z][a-z'’-]*\.?\s)[\"“](?P<nick>[A-Z][a-z'’-]+)[\"”](?=\s[A-Z][a-z])"
)


def _blank_nicknames(text: str) -> str:
    """The marks around a nickname become spaces (same length, so offsets hold): they
    quote nobody, and left in they would split the name from its verb."""
    return _NICKNAME.sub(lambda m: f"{m.group('before')} {m.group('nick')} ", text)


@dataclass(frozen=True)
class RuledQuote:
    """A quote as the rules resolved it, and whether its speaker rests on the text's own
    structure (``settled``) or on following the context back, where the ranker looks again."""

    quote: Quote
    settled: bool


def extract_quotes(text: str) -> list[Quote]:
    """Direct quotes with their speakers: the rules, then the learned second look
    (speaker_ranker.py) at speakers the rules found by following the context back."""
    ruled = rule_quotes(text)
    quotes = [r.quote for r in ruled]
    return rerank_context_speakers(text, quotes, [r.settled for r in ruled])


def rule_quotes(text: str) -> list[RuledQuote]:
    """The rules alone (what the ranker is trained against)."""
    original = text
    text = _blank_nicknames(text)
    sentences = split_sentences(text)
    people = people_named(text)
    found: list[tuple[_Span, Attribution | None, int]] = []
    for p_match in re.finditer(r"[^\n]+", text):
        if _TRANSCRIPT_LINE.match(p_match.group()):
            continue  # Q&A transcripts: the label is not a subject of the article
        paragraph = (p_match.start(), p_match.end())
        found.extend(_paragraph_quotes(text, paragraph, sentences, people))
    return _resolve(text, found, sentences, people, original)


def _paragraph_quotes(
    text: str, paragraph: tuple[int, int], sentences: list[Sentence], people: dict[str, str]
) -> list[tuple[_Span, Attribution | None, int]]:
    p_start, p_end = paragraph
    spans = _mark_spans(text, p_start, p_end)
    out: list[tuple[_Span, Attribution | None, int]] = []
    prev_close = p_start
    for i, span in enumerate(spans):
        if text[max(0, span.start - 2) : span.start - 1] == "=":
            continue  # an HTML attribute left in scraped text, not speech
        next_open = spans[i + 1].start - 1 if i + 1 < len(spans) else p_end
        attribution: Attribution | None = None
        if not span.closed and _quoted_block(text, p_start, p_end, span):
            # A paragraph of a quoted block: any "X said" inside it belongs to the
            # quoted text, not to the block.
            sent_end = sentences[sentence_index(sentences, span.start)].end
            end = min(span.end, max(sent_end, span.start))
            span = _Span(span.start, end, end, False, block=True)
        elif not span.closed:
            at_end = span.end == p_end
            span, attribution = _cut_unclosed(text, span, sentences)
            if attribution is None and at_end:
                attribution = _closed_on_next_line(text, p_end)
        start, end = _trim(text, span.start, span.end)
        quoted = text[start:end]
        if quoted[:1] in ('"', "“", "”"):
            prev_close = span.close
            continue  # marks in a heap ('" “ He ” ”'), not words someone said
        if len(quoted.split()) < _MIN_WORDS and not span.block:
            # Short quoted terms are labels ("armed terrorist groups") unless they
            # are punctuated speech with an attribution right after: "No," he said.
            short_attr, _ = attribution_after(text, span.close, next_open)
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
        if _looks_like_title(quoted) and not span.block:
            prev_close = span.close
            continue  # 'filmmaker Charlie McDowell (“The Discovery,” “The One I Love”)'
        if span.block:
            out.append((_Span(start, end, span.close, False, block=True), None, span.start - 1))
            prev_close = span.close
            continue
        sent = sentences[sentence_index(sentences, span.start)]
        floor = max(prev_close, sent.start)
        asked = ASKED_PASSIVE.search(text, sent.start, span.start - 1) is not None
        if attribution is None and re.search(r"[.!?]\W*$", quoted) and floor < span.start - 1:
            # 'Rice said the solution will "... departure." She added': the quote's own
            # sentence names its speaker; what follows the full stop is the next one's.
            attribution = _named_before(text, floor, span.start - 1)
        if attribution is None and _INTRODUCED.search(
            text, max(floor, span.start - 60), span.start - 1
        ):
            # 'he said, "somebody ought to ..." the prosecutor's office said': the one
            # introducing the words said them; the trailing source only reports it.
            attribution = attribution_before(text, floor, span.start - 1)
            opener = opening_subject(text, sent) if attribution is None and not asked else None
            if opener is not None:  # "During the call, he asked ... and said, "...""
                attribution = make_attribution(opener, False)
        calling = _CALLING_IT.search(text, max(floor, span.start - 40), span.start - 1)
        if attribution is None and calling:
            # 'Abbas condemned the killing, calling it "a cowardly act," according to WAFA':
            # the one calling it so speaks; the agency after only reports it.
            attribution = _named_before(text, floor, span.start - 1)
        if attribution is None:
            attribution, _ = attribution_after(text, span.close, next_open)
            reported = ACCORDING_AFTER.match(text[span.close : next_open]) is not None
            if attribution is not None and reported and floor < span.start - 1:
                # '"...," according to the plea agreement': the agreement is where the words
                # are reported; whoever the sentence has speaking before the quote said them.
                previous = out[-1] if out else None
                attribution = _speaker_of_reported(text, span, sent, floor, previous) or attribution
        byline = _DASH_BYLINE.match(text, span.close) if attribution is None else None
        if byline and (
            is_person_name(strip_title(byline.group("name"))) or " " not in byline.group("name")
        ):
            attribution = make_attribution(byline.group("name"), False)
        if attribution is None:
            if floor < span.start - 1:
                attribution = attribution_before(text, floor, span.start - 1)
            if (
                attribution is None
                and out
                and out[-1][1] is not None
                and out[-1][0].start >= sent.start
            ):
                # 'X said the attacks showed a "blatant disregard ..." and violated "all
                # basic principles ..."': a later fragment of X's sentence is X's too.
                attribution = out[-1][1]
            if attribution is None and sent.start < floor < span.start - 1:
                attribution = earlier_clause_speaker(text, sent.start, floor, span.start - 1)
            if attribution is None:
                attribution = sentence_attribution(text, sent, span.start, span.close)
            opener = None
            if attribution is None and sent.start < span.start - 1 and not asked:
                opener = opening_subject(text, sent)
            if opener and is_known_person(people, strip_title(opener)):
                # 'House Speaker Paul Ryan, despite admitting concerns about "trial lawyers
                # trying to get rich" ...': words quoted mid-sentence are its subject's.
                attribution = make_attribution(opener, False)
        out.append((_Span(start, end, span.close, span.closed), attribution, span.start - 1))
        prev_close = span.close
    return out


def _named_before(text: str, floor: int, open_mark: int) -> Attribution | None:
    """The attribution before the quote's mark, unless it is only a pronoun."""
    if floor >= open_mark:
        return None
    before = attribution_before(text, floor, open_mark)
    return before if before and before.speaker.lower() not in PRONOUNS else None


def _speaker_of_reported(
    text: str,
    span: _Span,
    sent: Sentence,
    floor: int,
    previous: tuple[_Span, Attribution | None, int] | None,
) -> Attribution | None:
    """Who speaks a quote the text says is reported "according to" someone: the one the
    sentence has speaking before it, or ('..., including: "...," and "...," according to
    ...') the speaker of the quote it is joined to."""
    named = _named_before(text, floor, span.start - 1)
    if named is not None or previous is None or previous[1] is None:
        return named
    gap = text[previous[0].close : span.start - 1]
    joined = re.fullmatch(r"[\s,;]*(?:and|or)?[\s,;]*", gap) is not None
    if previous[0].start >= sent.start or joined:
        return None if previous[1].speaker.lower() in PRONOUNS else previous[1]
    return None


def _closed_on_next_line(text: str, p_end: int) -> Attribution | None:
    """A quote running onto the next line: '"What could have been ...\nIt's hard," wrote the
    judges.' The mark that closes it there is followed by its attribution."""
    close = re.search(r"[\"”“]", text[p_end : p_end + 600])
    if close is None or close.start() == 0 or text[p_end + close.start() - 1].isspace():
        return None
    if close.group() == "“":
        return None  # the next line opens a quote of its own: its tag is not this one's
    mark = p_end + close.end()
    limit = text.find('"', mark)
    attribution, _ = attribution_after(text, mark, limit if limit != -1 else mark + 300)
    return attribution


def _quoted_block(text: str, p_start: int, p_end: int, span: _Span) -> bool:
    """An unclosed quote opening its paragraph, in a block of such paragraphs: the next
    paragraph opens with a double mark too, or the paragraph before introduces it with a
    colon ('Breitbart News reported:\n\n"The administration ...\n\n"At the White ...')."""
    if text[p_start : span.start].strip() not in ('"', "“"):
        return False
    after = text[p_end : p_end + 10].lstrip()
    if after[:1] in ('"', "“") or _introduced_by_colon(text, span.start - 1):
        return True
    # The last paragraph of a block: the one before opened a quote it left open.
    before = [line for line in text[max(0, p_start - 3000) : p_start].split("\n") if line.strip()]
    last = before[-1].strip() if before else ""
    return (last.startswith('"') and last.count('"') == 1) or (
        last.startswith("“") and last.count("“") > last.count("”")
    )


def _cut_unclosed(
    text: str, span: _Span, sentences: list[Sentence]
) -> tuple[_Span, Attribution | None]:
    """An unclosed quote runs to its sentence end, minus a trailing "X said"."""
    sent = sentences[sentence_index(sentences, span.start)]
    end = min(span.end, max(sent.end, span.start))
    body = text[span.start : end]
    verbs = list(SPEECH_VERB_RE.finditer(body))
    for verb in verbs:  # the first attribution ends the quote ("X said; Y reported")
        person = INVERTED_PERSON.match(body, verb.start())
        if person and verb.start() > 0 and is_person_name(strip_title(person.group("name"))):
            cut = span.start + verb.start()
            speaker = make_attribution(person.group("name"), False)
            return _Span(span.start, cut, cut, False), speaker
        phrase = phrase_before(body, verb.start())
        if phrase and phrase.start > 0:
            cut = span.start + phrase.start
            return (_Span(span.start, cut, cut, False), make_attribution(phrase.text, False))
    return _Span(span.start, end, end, False), None


def _resolve(
    text: str,
    found: list[tuple[_Span, Attribution | None, int]],
    sentences: list[Sentence],
    people: dict[str, str],
    original: str,
) -> list[RuledQuote]:
    """Fill pronouns and missing speakers from neighbours, then build Quotes (their text
    taken verbatim from ``original``, of which ``text`` is a same-length working copy)."""
    named: list[tuple[int, str]] = named_speakers(text)
    quotes: list[Quote] = []
    spoken: list[tuple[int, str]] = []  # speakers of earlier quotes, for "he said"
    bodies: list[tuple[int, str]] = []  # any named speaker of an earlier quote
    quoted: list[tuple[int, str]] = []  # where each resolved quote opens, and its speaker
    issuers: dict[str, str] = {}  # "the email" -> who sent it, as resolved before
    people = dict(people)
    for _, name in named:  # "Clinton said ...": a one-word speaker the text never names in full
        if " " not in name and (could_be_person(text, name) or is_given_name(name)):
            people.setdefault(name, name)
    titled = gender_by_title(text, people)  # sure: "Mr Howard", "Ms Robinson"
    genders = dict(titled)  # grows with each "he said" resolved
    sure_genders = dict(titled)  # ... resolved by the text's structure, not from context
    # Full names of those the text shows speaking: rivals when "he" or "she" is resolved.
    speaking = frozenset(people.get(name, name) for _, name in named)
    attrs: list[Attribution | None] = [a for _, a, _ in found]
    # Quotes in one sentence without their own attribution share the next one's; so do
    # back-to-back quotes ('"It was my mistake." "I lost," said Greene').
    for i in range(len(found) - 2, -1, -1):
        if attrs[i] is None and attrs[i + 1] is not None:
            same = sentence_index(sentences, found[i][0].start) == sentence_index(
                sentences, found[i + 1][0].start
            )
            between = text[found[i][0].close : found[i + 1][2]]
            adjacent = found[i][0].closed and not between.strip()
            # A quote left open at its paragraph end goes on in the next paragraph's marks.
            adjacent = adjacent or (
                not found[i][0].closed and "\n" in between and not between.strip()
            )
            continues = (
                i > 0 and attrs[i - 1] is not None and _runs_on(text, found[i - 1][0], found[i][2])
            )
            # 'Breitbart News reported:\n\n"... \n\n"... Earnest said ...': a block quote
            # the paragraph before introduces is not spoken by someone quoted inside it.
            # Nor does a paragraph of a block take the speaker of a quote nested in it: only
            # the closing paragraph of the same block, opened with the same mark, tags it
            # ('"What we are trying ...\n"We are creating ...," said Mr Stone.').
            nested = found[i][0].block and not (
                found[i + 1][0].closed and text[found[i][2]] == text[found[i + 1][2]]
            )
            introduced = nested or (
                not found[i][0].closed
                and _introduced_by_colon(text, found[i][2])
                and previous_sentence_speaker(text, sentences, found[i][2]) is not None
            )
            if (same or (adjacent and not continues)) and not introduced:
                attrs[i] = attrs[i + 1]
    said: list[str] = []  # per quote: "he" / "she" when its attribution was that pronoun
    settles: list[bool] = []  # per quote: is its speaker beyond the ranker's second look?
    for i, (span, _, open_mark) in enumerate(found):
        attr = attrs[i]
        # Named at the quote (its own sentence or tag) or found from the context?
        inferred = attr is None or attr.speaker.lower() in PRONOUNS
        vetoed = False
        # The speaker rests on the text's own structure (a narrating sentence, a bound
        # pronoun, a gender veto ...): the learned second look leaves it alone.
        settled = not inferred
        said_as = ""
        if attr is None and i and _runs_on(text, found[i - 1][0], open_mark):
            attr = attrs[i - 1]  # a run-on quote continues the previous speaker
            said_as = said[i - 1]
            # The next paragraph of a quoted block is as sure as the one before it.
            # So is a quote the previous paragraph left open and this one goes on with
            # ('the IDF stated: "...\n\n"In some cases, ...').
            previous_span = found[i - 1][0]
            settled = settles[i - 1] and (
                (span.block and previous_span.block) or not previous_span.closed
            )
        if attr is None:
            attr = previous_sentence_speaker(text, sentences, open_mark)
            if attr is None and span.block:
                attr = block_reporter(text, sentences, open_mark)
            settled = attr is not None
        if attr is not None:
            document = attr.speaker.lower()
            # "the email said" again, far from where the email was introduced: the same
            # sender as the last time it spoke.
            issuer = statement_issuer(text, attr.speaker, open_mark) or issuers.get(document)
            if issuer:  # "the statement continued" -> whoever issued it
                issuers[document] = issuer
                attr = Attribution(issuer, attr.reported, False)
            organisation = organisation_for(text, attr.speaker, open_mark)
            if organisation:  # "the Britain-based monitor" -> the Observatory named before
                attr = Attribution(organisation, attr.reported, False)
        definite = attr is not None and attr.speaker.lower().startswith("the ")
        if attr is not None and (definite or not attr.anonymous):
            named_role = name_for_role(text, attr.speaker, open_mark)
            if named_role:  # "added the UNICEF director" after "UNICEF Director Alan Lane"
                attr = Attribution(named_role, attr.reported, False)
        if attr is not None and _describes_someone(attr.speaker):
            # "The world indoor champion said": the person the text is about, if clear.
            here = sentence_index(sentences, open_mark)
            focus = pronoun_referent(text, sentences, here, quoted, people)
            # Without a clear person in focus the description stays as written: "the
            # 56-year-old" is truer than a guess.
            attr = Attribution(focus or attr.speaker, attr.reported, False)
            kept = focus is None
        else:
            kept = False
        if attr is not None and attr.speaker.lower() == "it":
            settled = True  # a body, not a person: the ranker's candidates are people
            organisation = resolve_it(text, open_mark, sentences) or _body_speaking(
                text, sentences, open_mark, quoted
            )
            attr = Attribution(organisation, attr.reported, False) if organisation else None
        elif attr is not None and (
            attr.speaker.lower() in PRONOUNS or (is_described_person(attr.speaker) and not kept)
        ):
            previous = attrs[i - 1] if i else None
            if (
                previous is not None
                and _runs_on(text, found[i - 1][0], open_mark)
                and not _other_tag_between(text, found[i - 1][0].close, open_mark, previous)
            ):
                # '"..." a voice off camera said. "..." he said': the same speaker goes on.
                resolved: str | None = previous.speaker
            else:
                plural = attr.speaker.lower() == "they"
                resolved = None
                pronoun = attr.speaker.lower()
                here = sentence_index(sentences, open_mark)
                bound = _BOUND_PRONOUN.search(text, sentences[here].start, open_mark)
                if bound and bound.group("word").lower() == pronoun:
                    # 'Flynn said Donald Trump was "absolutely right" when he said ...': he is
                    # the one the clause is about, not the sentence's speaker.
                    resolved = strip_title(bound.group("name"))
                    settled = True
                elif pronoun in ("he", "she"):
                    if sentences[here].start >= open_mark - 1:
                        # A quote opening its sentence right after someone is introduced.
                        resolved = introduced_last(text, sentences, here, pronoun)
                        if resolved and _gender(genders, people, resolved, pronoun) != pronoun:
                            resolved = None
                        settled = resolved is not None
                    resolved = resolved or pronoun_referent(
                        text, sentences, here, quoted, people, pronoun, genders, speaking
                    )
                resolved = resolved or recent_person_speaker(text, sentences, open_mark, plural)
                if resolved is None and plural:
                    # '"..." they said' after "Dick Clark Productions denies ...": a body
                    # speaks as "they" far more often than one person does.
                    resolved = resolve_it(text, open_mark, sentences)
                    settled = resolved is not None
                elif resolved is None:
                    resolved = resolve_pronoun(
                        text,
                        open_mark,
                        [
                            (at, n)
                            for at, n in named + spoken
                            if could_be_person(text, n)
                            and n != "I"
                            # not one this text already calls by the other pronoun
                            and _gender(genders, people, n, pronoun) in (pronoun, "they")
                        ],
                        sentences,
                    )
            word = attr.speaker.lower()
            said_as = word if word in ("he", "she") else ""
            if resolved and titled.get(people.get(resolved, resolved), word) != word:
                resolved = None  # "He told Ms Sturgeon": never "she" for "he"
                vetoed = True
                settled = True
            elif resolved and said_as and _gender(genders, people, resolved, word) != word:
                # Already "she" in this text: not the "he" now.  Sure only where a title or
                # a settled resolution said so; a gender learned from a "she said" found
                # from context may be that guess's error, so the ranker looks again.
                settled = _gender(sure_genders, people, resolved, word) != word
                resolved = None
                vetoed = True
            if resolved:
                if word in ("he", "she"):
                    genders.setdefault(people.get(resolved, resolved), word)
                    if settled:
                        sure_genders.setdefault(people.get(resolved, resolved), word)
                attr = Attribution(resolved, attr.reported, False)
            elif attr.speaker.lower() in PRONOUNS:
                attr = None  # "he said" with nobody to point at: unknown, not "he"
        if attr is None and not vetoed:
            # No attribution at all: only a speaker who was just speaking (within the four
            # sentences before) fits.
            idx = sentence_index(sentences, open_mark)
            floor = sentences[max(0, idx - 4)].start if sentences else 0
            close = [(at, name) for at, name in named + spoken + bodies if floor <= at < open_mark]
            focus = None
            if sentences[idx].start >= open_mark - 1:
                # A quote opening its sentence after "But Greene believes he lost ...".
                focus = pronoun_referent(text, sentences, idx, quoted, people)
            if said_as:
                # '"No," he said' left unresolved: never someone the text calls "she".
                close = [c for c in close if _gender(genders, people, c[1], said_as) == said_as]
                if focus and _gender(genders, people, focus, said_as) != said_as:
                    focus = None
            if focus:
                attr = Attribution(focus, False, False)
            elif close:
                attr = Attribution(max(close)[1], False, False)
        label = _TRANSCRIPT_LABEL.match(text, span.start, span.end)
        if label:
            # A transcript quoted whole: '"WALLACE: Let's start with the debate."'
            name = label.group("name").title()
            attr = Attribution(people.get(name, name), False, False)
            settled = True
        # "one mother", "a relative": someone the rules found described, not by a name.
        settled = settled or bool(attr and attr.speaker[:1].islower())
        settles.append(settled)
        attrs[i] = attr
        said.append(said_as)
        if attr is not None:
            quoted.append((open_mark, attr.speaker))
        if attr and not attr.anonymous and attr.speaker[:1].isupper():
            bodies.append((span.close, attr.speaker))  # organisations speak on, too
        if (
            attr
            and not attr.anonymous
            and (is_person_name(attr.speaker) or re.fullmatch(r"[A-Z][a-z'’-]+", attr.speaker))
        ):
            spoken.append((span.close, attr.speaker))
        first = sentence_index(sentences, span.start)
        last = sentence_index(sentences, max(span.start, span.close - 1))
        sent_text = original[sentences[first].start : max(sentences[last].end, span.end)]
        quotes.append(
            Quote(
                speaker=_tidy(attr.speaker) if attr else None,
                text=original[span.start : span.end],
                sentence=sent_text,
                reported=attr.reported if attr else False,
                anonymous=attr.anonymous if attr else False,
                speaker_inferred=bool(attr) and inferred and not label,
            )
        )
    pulled = _pull_quotes(quotes, [a is not None for _, a, _ in found])
    known = set(people) | {name for _, name in named + spoken}
    author = first_person_author(text) if any(q.speaker == "I" for q in pulled) else None
    out = [_drop_stray_word(quote, known, author) for quote in pulled]
    # A heading repeating words said in full elsewhere, or a speaker dropped as a misread,
    # is settled too.
    return [
        RuledQuote(quote, settled or quote != rule_pick)
        for quote, rule_pick, settled in zip(out, quotes, settles, strict=True)
    ]


def _tidy(speaker: str) -> str:
    """One space between words, no party tag: "Pat McCrory (R)" -> "Pat McCrory"."""
    return without_party_tag(" ".join(speaker.split()))


def _body_speaking(
    text: str, sentences: list[Sentence], open_mark: int, quoted: list[tuple[int, str]]
) -> str | None:
    """'"...," said the magazine. "...," it concluded': a body quoted just before."""
    if not quoted:
        return None
    at, speaker = quoted[-1]
    if sentence_index(sentences, open_mark) - sentence_index(sentences, at) > 2:
        return None
    if speaker.lower() in PRONOUNS or is_person_name(strip_title(speaker)):
        return None
    return speaker if speaker[:1].isupper() or speaker.lower().startswith("the ") else None


def _gender(genders: dict[str, str], people: dict[str, str], name: str, default: str) -> str:
    """How the text refers to ``name`` so far; a first name ("Elise") counts as the one
    full name it begins ("Elise Matthesen")."""
    full = people.get(name, name)
    if full in genders:
        return genders[full]
    if " " not in full:
        owners = {genders[n] for n in genders if n.split()[0] == full or n.split()[-1] == full}
        if len(owners) == 1:
            return owners.pop()
    return default


_TITLE_SMALL_WORDS = word_set("a an the and or of in on at to for with from by")


def _looks_like_title(quoted: str) -> bool:
    """Capitalised words only ("Wild Rose", "The One I Love"): a film, song or book."""
    words = quoted.strip(" ,").split()
    if not 2 <= len(words) <= 8 or re.search(r"[.!?;:]$", quoted.strip()):
        return False
    if not words[0][:1].isupper() or words[0].lower() in ("i", "i'm", "i’m"):
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w in _TITLE_SMALL_WORDS for w in words)


_CLAUSE_WORDS = word_set("that which who whom when whether if and but because")
_NO_ONE = frozenset(
    {"nobody", "no one", "someone", "somebody", "everyone", "everybody", "anyone", "anybody"}
)


def _drop_stray_word(quote: Quote, known: set[str], author: str | None = None) -> Quote:
    """A lone capitalised word no one is called and no one speaks as ("Research", "As")
    is a misread, not a speaker: no speaker is truer than a wrong one.  "I" is the author
    where the top of the text names one (a column, a book excerpt), else no one."""
    speaker = quote.speaker or ""
    if speaker == "I" and author:
        return replace(quote, speaker=author, anonymous=False, speaker_inferred=True)
    # A first-person narrator is not named; "Nobody knows who wrote ..." names no one;
    # nor does a clause misread as a name ("that he had access").
    misread = speaker.split()[0] in _CLAUSE_WORDS if speaker else False
    lone_people = " " not in speaker and names_a_people(speaker)  # "Democratic"
    # "in Buffalo, New York, that ...": a city or state says nothing (a country may).
    place = bool(speaker) and is_place(speaker) and not is_country(speaker)
    if speaker == "I" or speaker.lower() in _NO_ONE or lone_people or misread or place:
        return _unattributed(quote)
    acronym = speaker.isupper() and len(speaker) > 1  # "AFP", "UN"
    if " " in speaker or not speaker[:1].isupper() or acronym or speaker in known:
        return quote
    if speaker.lower() in ROLE_NOUNS:
        return quote
    return _unattributed(quote)


def _unattributed(quote: Quote) -> Quote:
    return replace(quote, speaker=None, reported=False, anonymous=False, speaker_inferred=False)


def _pull_quotes(quotes: list[Quote], attributed: list[bool]) -> list[Quote]:
    """A heading or pull quote repeats words said in full elsewhere: same speaker.

    '"My fears have been realized"' as a heading, then 'Morrison told the committee,
    "... My fears have been realized."'.
    """
    out = list(quotes)
    for i, quote in enumerate(quotes):
        words = _plain(quote.text)
        if attributed[i] or len(words.split()) < 3:
            continue
        for j, other in enumerate(quotes):
            if j != i and attributed[j] and other.speaker and words in _plain(other.text):
                out[i] = replace(
                    quote,
                    speaker=other.speaker,
                    reported=other.reported,
                    speaker_inferred=other.speaker_inferred,
                )
                break
    return out


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s']", " ", text.lower().replace("’", "'")).split())


# Heads of a description that is no one person: "the spokesman", "the company", "the letter".
_NO_ONE_DESCRIBED = ROLE_NOUNS | BODY_NOUNS | DOCUMENT_NOUNS


def _describes_someone(speaker: str) -> bool:
    """ "the world indoor champion", "the 56-year-old", "The Republican nominee": one
    person, described, not a body nor one of many officials."""
    words = speaker.lower().split()
    if len(words) >= 2 and words[0] == "the" and words[-1] in OFFICES:
        return True  # a nominee, a senator: someone the story names elsewhere
    if len(words) < 2 or words[0] != "the" or words[-1] in _NO_ONE_DESCRIBED:
        return False
    if any(not word[:1].islower() and not word[:1].isdigit() for word in speaker.split()[1:]):
        return False  # "the Shadow Secretary of State": a named office, kept as written
    return not words[-1].endswith("s") or is_descriptor(words[-1])


def _introduced_by_colon(text: str, open_mark: int) -> bool:
    """The mark opens its paragraph, and the paragraph before ends with a colon."""
    before = text[max(0, open_mark - 400) : open_mark]
    head, newline, gap = before.rpartition("\n")
    return bool(newline) and not gap.strip() and head.rstrip().endswith(":")


def _other_tag_between(text: str, close: int, open_mark: int, previous: Attribution) -> bool:
    """'... "Brother, ...," the doctor recalled. "...," he said': someone other than the
    previous quote's speaker tells of it in between, and "he" may be that teller."""
    gap = text[close:open_mark]
    for verb in SPEECH_VERB_RE.finditer(gap):
        phrase = phrase_before(gap, verb.start())
        if phrase is not None and phrase.text.lower() not in PRONOUNS:
            return previous.speaker.lower() not in phrase.text.lower()
    return False


def _runs_on(text: str, previous: _Span, open_mark: int) -> bool:
    """'"...," he said. "..."': at most the previous quote's attribution between them."""
    if previous.close < open_mark - 400:
        return False
    # "(D-Mo.)" ends no sentence: blank party tags before counting full stops.
    gap = PARTY_TAG.sub(lambda tag: " " * len(tag.group()), text[previous.close : open_mark])
    if previous.closed and "\n" in gap and SPEECH_VERB_RE.search(gap, gap.index("\n")):
        # A paragraph in between where someone else speaks: "On Wednesday, Jacques Barrot,
        # vice president of the Commission, said the changes were necessary."
        return False
    ends = [
        m
        for m in re.finditer(r"[.!?](?=[\"”’)]*\s)", gap)
        if gap[m.start()] != "." or not is_abbreviation(gap, m.start())
    ]
    if not previous.closed:
        return True
    narration = gap.lstrip()
    if narration[:1].isupper() and re.search(r"[.!?]\W*$", text[previous.start : previous.end]):
        # '"... step forward." Boudreau gave his players a pep talk.' / '"..." Sen. Claire
        # McCaskill scolded him: "..."': the quote ended its sentence, so a capitalised
        # clause after it is narration, unless it is a short attribution ("Smith said.").
        first = narration[: ends[0].start() - (len(gap) - len(narration))] if ends else narration
        verb = SPEECH_VERB_RE.search(first)
        if verb is None:
            return False
        # "Smith said." / "Scott's niece, state Del. Marcia Price, shouted to the crowd."
        return len(first.split()) <= 8 or len(first[verb.end() :].split()) <= 3
    return len(ends) <= 1
