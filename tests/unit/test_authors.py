"""The "I" of a first-person piece is its author, when the top of the text names one."""

from __future__ import annotations

from summarizer.authors import first_person_author
from summarizer.quotes import extract_quotes

_COLUMN = (
    "Jane Ferguson: What I Saw in Idlib.\n\n"
    "The road into the city was lined with burned-out cars.\n\n"
    "“Where are you going?” the guard asked. “To the hospital,” I said. "
    "“It was hit twice last night.”"
)


def test_a_column_title_names_the_author() -> None:
    assert first_person_author(_COLUMN) == "Jane Ferguson"


def test_an_editors_note_names_the_author_of_an_excerpt() -> None:
    text = (
        "Exclusive Excerpt: Life Under Siege, Part 2.\n\n"
        "Editor’s Note: The following is an excerpt from bestselling author Rami Haddad’s "
        "new book about Aleppo.\n\nI walked out of the shelter at dawn."
    )
    assert first_person_author(text) == "Rami Haddad"


def test_a_byline_names_the_author() -> None:
    text = "Inside the siege.\nBy Lina Sayegh\n\nI had not slept for two days."
    assert first_person_author(text) == "Lina Sayegh"


def test_a_news_headline_names_no_author() -> None:
    text = "Syria: At least 25 killed in air strikes on Idlib.\n\nRescuers said on Monday ..."
    assert first_person_author(text) is None


def test_the_narrators_quote_goes_to_the_author() -> None:
    quotes = {q.text: q for q in extract_quotes(_COLUMN)}
    mine = quotes["To the hospital,"]
    assert mine.speaker == "Jane Ferguson" and mine.speaker_inferred
    assert quotes["Where are you going?"].speaker != "Jane Ferguson"


def test_without_a_named_author_the_narrator_stays_unnamed() -> None:
    text = "The road into the city was lined with cars.\n\n“To the hospital,” I said."
    (quote,) = extract_quotes(text)
    assert quote.speaker is None
