"""The learned second look at speakers found from context (speaker_features, speaker_ranker)."""

from __future__ import annotations

from summarizer.quotes import extract_quotes, rule_quotes
from summarizer.speaker_features import FEATURE_NAMES, NOBODY, ArticleContext, same_person
from summarizer.speaker_ranker import rerank_context_speakers
from summarizer.speaker_weights import WEIGHTS
from summarizer.types import Quote

TWO_PEOPLE = (
    "Mr Hassan Idris, a rescuer in Idlib, said the strikes began at dawn. "
    "Later, Ms Lina Haddad, a nurse at the town's hospital, counted the wounded.\n"
    '"We ran out of beds before noon," she said.'
)


def test_the_shipped_weights_cover_every_feature_and_nothing_else() -> None:
    # A feature added without retraining (or a stale weights file) is caught here.
    assert set(WEIGHTS) == set(FEATURE_NAMES)


def test_candidates_are_the_people_named_before_most_recent_first_and_no_one() -> None:
    quotes = [q.quote for q in rule_quotes(TWO_PEOPLE)]
    context = ArticleContext(TWO_PEOPLE, quotes)
    names = [c.name for c in context.candidates(0)]
    assert names[0] == "Lina Haddad"
    assert names[-1] == NOBODY
    assert all(len(c.features) == len(FEATURE_NAMES) for c in context.candidates(0))


def test_a_man_is_never_a_candidate_for_she() -> None:
    text = TWO_PEOPLE.replace("Ms Lina Haddad, a nurse", "Mr Omar Haddad, a nurse")
    quotes = [q.quote for q in rule_quotes(text)]
    names = [c.name for c in ArticleContext(text, quotes).candidates(0)]
    # Both are "Mr": "she" fits neither, and no one is left to choose from.
    assert names == []


def test_rerank_takes_the_best_candidate_and_marks_it_from_context() -> None:
    # Untagged (no "she said"), so both people fit.
    quote = Quote(
        speaker=None,
        text="We ran out of beds before noon,",
        sentence='"We ran out of beds before noon,"',
    )
    # Weights that only value being named first: the ranker must follow them.
    out = rerank_context_speakers(TWO_PEOPLE, [quote], [False], {"first_named": 1.0})
    assert out[0].speaker == "Hassan Idris"
    assert out[0].speaker_inferred


def test_rerank_leaves_settled_quotes_and_can_leave_a_quote_without_speaker() -> None:
    quote = Quote(
        speaker="Lina Haddad",
        text="We ran out of beds before noon,",
        sentence='"We ran out of beds before noon," she said.',
        speaker_inferred=True,
    )
    weights = {"first_named": 1.0}
    assert rerank_context_speakers(TWO_PEOPLE, [quote], [True], weights) == [quote]
    assert rerank_context_speakers(TWO_PEOPLE, [quote], [False], {}) == [quote]
    nobody = rerank_context_speakers(TWO_PEOPLE, [quote], [False], {"nobody": 5.0})[0]
    assert nobody.speaker is None and not nobody.speaker_inferred


def test_same_person_matches_parts_and_shared_surnames_only() -> None:
    assert same_person("Barazi", "Talal Barazi")
    assert same_person("Renee Formicola", "Jo-Renee Formicola")
    assert not same_person("Bill Clinton", "Clint Eastwood")
    assert not same_person("Ann", "Annabel Lee")


def test_shipped_weights_give_an_untagged_quote_to_who_was_just_speaking() -> None:
    text = (
        "Air strikes hit the market in Maarat al-Numan on Monday.\n"
        '"The first strike hit the bakery," said Ahmad al-Khatib, a civil defence volunteer.'
        " He said rescuers were still searching the rubble.\n"
        '"We have not slept for two days."'
    )
    last = extract_quotes(text)[-1]
    assert last.speaker == "Ahmad al-Khatib"
    assert last.speaker_inferred


def test_a_first_name_rules_out_a_candidate_for_the_other_pronoun() -> None:
    # No titles here: only the first names say who is a "she".
    text = (
        "Hassan Idris, a rescuer in Idlib, said the strikes began at dawn. "
        "Later, Lina Haddad, a nurse at the town's hospital, counted the wounded. "
        "Hassan Idris went back to the ruins.\n"
        '"We ran out of beds before noon," she said.'
    )
    names = _candidates_for_last_quote(text)
    assert "Lina Haddad" in names
    assert "Hassan Idris" not in names


def test_a_one_word_speaker_with_a_given_name_is_a_candidate() -> None:
    text = (
        '"That is right, it is the best night of my life," Melanie said at the rally.\n'
        "The crowd cheered as the candidate took the stage.\n"
        '"He really does love all of us here," she said.'
    )
    assert "Melanie" in _candidates_for_last_quote(text)


def _candidates_for_last_quote(text: str) -> list[str]:
    quotes = [q.quote for q in rule_quotes(text)]
    return [c.name for c in ArticleContext(text, quotes).candidates(len(quotes) - 1)]
