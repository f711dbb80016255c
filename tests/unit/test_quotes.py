"""Quotes: verbatim text, attributed speakers, broken marks, transcripts."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.quotes import extract_quotes

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "samples" / "idlib_airstrikes_article.txt"


def test_reportedly_stated_after_curly_quote() -> None:
    text = (
        "“We’re not talking about negotiations or deals; we’re talking about crushing them,” "
        "Assad reportedly stated."
    )
    (quote,) = extract_quotes(text)
    assert quote.speaker == "Assad" and quote.reported and not quote.anonymous
    assert quote.text == (
        "We’re not talking about negotiations or deals; we’re talking about crushing them,"
    )
    assert quote.text in text and quote.sentence == text


def test_split_quote_gives_verbatim_parts_with_one_speaker() -> None:
    text = (
        'Commander Abu Khaled spoke to reporters in Idlib. "We will fight," he said, '
        '"until the very end of this war."'
    )
    quotes = extract_quotes(text)
    assert [q.text for q in quotes] == ["We will fight,", "until the very end of this war."]
    assert {q.speaker for q in quotes} == {"Abu Khaled"}


def test_short_split_quote_keeps_both_parts() -> None:
    text = 'Abu Khaled met fighters. "We will fight," he said, "until the end."'
    quotes = extract_quotes(text)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("We will fight,", "Abu Khaled"),
        ("until the end.", "Abu Khaled"),
    ]


def test_title_is_stripped_from_named_speaker() -> None:
    text = 'President Bashar al-Assad said: "We will never surrender to the terrorists."'
    (quote,) = extract_quotes(text)
    assert quote.speaker == "Bashar al-Assad"


def test_wire_attribution_without_commas() -> None:
    # FA-KES style: apostrophes and commas stripped upstream, straight quotes.
    text = (
        '"I believe - God willing - that the human casualties are not big" '
        "Homs Governor Talal Barazi said."
    )
    (quote,) = extract_quotes(text)
    assert quote.speaker == "Talal Barazi"


def test_he_said_resolves_to_the_last_named_speaker() -> None:
    text = (
        "SARC chief Abdulrahman Attar said the organisation was shocked by the deaths of "
        'Omar Barakat. "It is totally unacceptable that our staff continue to pay such a high '
        'price" he said.'
    )
    quotes = extract_quotes(text)
    assert [q.speaker for q in quotes] == ["Abdulrahman Attar"]


def test_organisation_and_anonymous_speakers() -> None:
    (who,) = extract_quotes('"We are shocked by the number of children killed," the WHO said.')
    assert who.speaker == "WHO" and not who.anonymous
    (source,) = extract_quotes('"The hospital was hit twice," a military source said.')
    assert (source.speaker, source.anonymous) == ("a military source", True)
    (resident,) = extract_quotes('"We have no water and no bread left," one resident said.')
    assert (resident.speaker, resident.anonymous) == ("one resident", True)


def test_appositive_role_after_name() -> None:
    text = (
        '"Twenty-five members of Al-Nusra Front died in an explosion inside a mosque" '
        "Rami Abdel Rahman head of the Syrian Observatory for Human Rights was quoted by AFP "
        "as saying."
    )
    (quote,) = extract_quotes(text)
    assert quote.speaker == "Rami Abdel Rahman" and quote.reported


def test_scare_quotes_are_not_quotes() -> None:
    text = 'Barazi said the attack served the interests of "armed terrorist groups" in Syria.'
    assert extract_quotes(text) == []


def test_broken_closing_mark_in_brackets() -> None:
    text = (
        "Assad appears determined, stating “We’re not talking about negotiations or deals; "
        "we’re talking about crushing them.[“]"
    )
    (quote,) = extract_quotes(text)
    assert quote.text.endswith("crushing them.")
    assert "[" not in quote.text and quote.speaker == "Assad"


def test_quote_spanning_sentences_keeps_both() -> None:
    text = (
        '"This is a tragedy. It is an outrage. And if deliberate it is a war crime" '
        "Lane said in a statement."
    )
    (quote,) = extract_quotes(text)
    assert quote.text.startswith("This is a tragedy. It is an outrage.")
    assert quote.speaker == "Lane" and quote.sentence == text


def test_unclosed_quote_stops_at_attribution() -> None:
    text = (
        '"The ISIL suffered a heavy death toll and its military equipment also sustained major '
        "damage the sources said; FNA reported."
    )
    (quote,) = extract_quotes(text)
    assert quote.speaker == "the sources" and quote.anonymous
    assert quote.text.endswith("major damage")


def test_bold_transcript_lines_are_ignored() -> None:
    text = (
        "**Alex Reed:** President Assad appears determined, stating “We’re not talking about "
        "negotiations or deals.”\n**Host:** “A chilling statement, thank you for this.”"
    )
    assert extract_quotes(text) == []


def test_html_attribute_is_not_a_quote() -> None:
    text = 'Air strikes on <a href="https://example.org/x" title="In Syria, Idlib province again”>'
    assert extract_quotes(text) == []


def test_seed_article_quote_and_interview() -> None:
    if not SEED.is_file():
        pytest.skip(f"seed article not found under {SHARED}")
    full = SEED.read_text(encoding="utf-8")
    body = full.split("Who is carrying out the air strikes on Idlib?")[0]
    quotes = extract_quotes(body)
    assert [(q.speaker, q.reported) for q in quotes] == [("Assad", True)]
    assert quotes[0].text.startswith("We’re not talking about negotiations")
    # The appended interview must never make its host or guest a quoted subject.
    for quote in extract_quotes(full):
        assert quote.speaker not in ("Host", "Alex Reed")
        assert quote.text in full


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_crashes_and_text_is_verbatim(text: str) -> None:
    for quote in extract_quotes(text):
        assert quote.text in text
        assert quote.sentence in text


_WORDS = st.sampled_from(
    [
        "He",
        "said",
        '"',
        "“",
        "”",
        "[“]",
        ",",
        ".",
        "We",
        "will",
        "fight",
        "until",
        "the",
        "end",
        "Assad",
        "reportedly",
        "stated",
        "a",
        "source",
        "told",
        "Reuters",
        "**Host:**",
        "\n",
        "the",
        "WHO",
        "added",
        "Barazi",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_WORDS, max_size=40).map(" ".join))
def test_quote_salad_keeps_invariants(text: str) -> None:
    for quote in extract_quotes(text):
        assert quote.text and quote.text in text and quote.sentence in text
        assert '"' not in quote.text[:1] and "“" not in quote.text[:1]


def test_speaker_named_before_a_comma_appositive() -> None:
    text = (
        '"The toll is likely to rise further because many of the wounded are in critical '
        'condition," Samer Khalil, a researcher with the Observatory, told reporters.'
    )
    (quote,) = extract_quotes(text)
    assert quote.speaker == "Samer Khalil" and quote.text in text


def test_named_person_before_an_appositive_role_without_commas() -> None:
    text = (
        '"These types of weapons are banned by international law" Peter Salama Executive '
        "Director of the WHO Health Emergencies Programme said in the WHO statement."
    )
    (quote,) = extract_quotes(text)
    assert quote.speaker == "Peter Salama"
    assert quote.text in text


def test_inverted_attribution_with_name_then_role() -> None:
    text = (
        '"Turkish aircraft carried out three strikes on IS positions killing nine" said '
        "Rami Abdel Rahman head of the Syrian Observatory for Human Rights."
    )
    (quote,) = extract_quotes(text)
    assert quote.speaker == "Rami Abdel Rahman"
    assert quote.text in text and quote.sentence in text


def test_unnamed_speakers_are_named_as_such() -> None:
    text = '"They came at night and took everyone from the house," a resident of the town said.'
    (quote,) = extract_quotes(text)
    assert quote.speaker == "a resident of the town" and quote.anonymous
    text = '"We buried them in the garden because the cemetery was shelled," one relative told AFP.'
    (quote,) = extract_quotes(text)
    assert quote.speaker == "one relative" and quote.anonymous


def test_it_said_resolves_to_the_organisation_that_spoke() -> None:
    text = (
        "The Syrian Observatory for Human Rights said on Sunday that 20 were killed. "
        '"The toll is expected to rise further in the coming days," it said.'
    )
    (quote,) = extract_quotes(text)
    assert quote.speaker == "The Syrian Observatory for Human Rights" and not quote.anonymous
