"""The quotes a brief shows: named speakers first, never an unattributed one."""

from __future__ import annotations

from bot.core.briefs import brief_item
from bot.core.models import ReportedQuote, Story
from bot.core.quote_choice import choose_brief_quotes
from summarizer.quotes import extract_quotes
from summarizer.types import Quote
from tests.support.stories import NOW


def _reported(
    speaker: str | None,
    text: str,
    inferred: bool = False,
    anonymous: bool = False,
    outlet: str = "Wire",
) -> ReportedQuote:
    quote = Quote(
        speaker=speaker,
        text=text,
        sentence=f'"{text}"',
        anonymous=anonymous,
        speaker_inferred=inferred,
    )
    return ReportedQuote(quote, outlet, f"https://x/{outlet}", 1)


UNTAGGED = _reported(None, "The shelling did not stop for a single hour last night")
FROM_CONTEXT = _reported(
    "Raed al-Saleh", "We pulled seven bodies from one building alone", inferred=True
)
NAMED = _reported("Bashar al-Assad", "We will keep crushing them wherever they are")
WITNESS = _reported("a resident", "The sky was full of planes all morning", anonymous=True)


def test_a_speaker_named_at_the_quote_comes_before_one_found_from_context() -> None:
    chosen = choose_brief_quotes([UNTAGGED, FROM_CONTEXT, NAMED], 2)
    assert chosen == (NAMED, FROM_CONTEXT)


def test_a_quote_without_a_speaker_is_never_shown() -> None:
    assert choose_brief_quotes([UNTAGGED], 2) == ()
    assert UNTAGGED not in choose_brief_quotes([UNTAGGED, NAMED, FROM_CONTEXT], 3)


def test_anonymous_sources_rank_between_named_and_inferred_speakers() -> None:
    chosen = choose_brief_quotes([FROM_CONTEXT, WITNESS, NAMED], 3)
    assert chosen == (NAMED, WITNESS, FROM_CONTEXT)


def test_story_order_breaks_ties() -> None:
    first = _reported("Omar Ahmed", "They came back at dawn and hit the market again")
    second = _reported("Rami Abdel Rahman", "The toll is likely to rise as people remain trapped")
    assert choose_brief_quotes([first, second], 2) == (first, second)
    assert choose_brief_quotes([second, first], 2) == (second, first)


def test_a_new_speaker_before_a_second_quote_of_the_same_one_of_equal_rank() -> None:
    again = _reported("Assad", "Terrorists will find no refuge in any part of Syria")
    other = _reported("Rami Abdel Rahman", "The toll is likely to rise as people remain trapped")
    assert choose_brief_quotes([NAMED, again, other], 2) == (NAMED, other)
    # A surer attribution still beats a new voice found only from context.
    assert choose_brief_quotes([NAMED, again, FROM_CONTEXT], 2) == (NAMED, again)


def test_the_same_quote_from_two_outlets_is_shown_once() -> None:
    copy = _reported(
        "Bashar al-Assad", "We will keep crushing them wherever they are", outlet="Post"
    )
    other = _reported("Raed al-Saleh", "Rescue teams are still digging", outlet="Post")
    assert choose_brief_quotes([NAMED, copy, other], 2) == (NAMED, other)


def test_a_longer_report_of_the_same_quote_counts_as_the_same_words() -> None:
    longer = _reported(
        "Bashar al-Assad",
        "We will keep crushing them wherever they are, and we will win",
        outlet="Post",
    )
    assert choose_brief_quotes([NAMED, longer, FROM_CONTEXT], 2) == (NAMED, FROM_CONTEXT)


def test_words_inside_other_words_or_a_shared_fragment_are_not_the_same_quote() -> None:
    war = _reported("Ali Mohammed", "war")
    warning = _reported("Omar Ahmed", "warning shots were fired over the crowd")
    assert choose_brief_quotes([warning, war], 2) == (warning, war)
    failed = _reported("Ali Mohammed", "failed")
    whole = _reported("Omar Ahmed", "the coup has failed")
    assert choose_brief_quotes([whole, failed], 2) == (whole, failed)


def test_a_fragment_comes_after_whole_sentences() -> None:
    fragment = _reported("Ali Mohammed", "failed")
    assert choose_brief_quotes([fragment, FROM_CONTEXT], 1) == (FROM_CONTEXT,)
    assert choose_brief_quotes([fragment], 1) == (fragment,)


def test_the_brief_item_shows_the_named_quote_of_a_real_paragraph() -> None:
    text = (
        "Air strikes hit Idlib on Sunday.\n\n"
        '"The planes came in waves," he said.\n\n'
        "Raed al-Saleh, head of the White Helmets, said rescuers were still searching.\n\n"
        '"We pulled seven bodies from one building alone," Raed al-Saleh said.'
    )
    quotes = tuple(ReportedQuote(q, "Wire", "https://x/wire", 1) for q in extract_quotes(text))
    assert [q.quote.text for q in quotes][-1] == "We pulled seven bodies from one building alone,"
    story = Story(
        id=1,
        headline="Idlib",
        topics=("syria",),
        places=(),
        summary="",
        figures=(),
        quotes=quotes,
        sources=(),
        first_seen=NOW,
        updated=NOW,
    )
    shown = brief_item(story, max_quotes=1).quotes
    assert [(q.quote.speaker, q.quote.speaker_inferred) for q in shown] == [
        ("Raed al-Saleh", False)
    ]
