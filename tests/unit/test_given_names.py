"""Given names: the gender a first name points to, and whether a word is a given name."""

from __future__ import annotations

from summarizer.given_names import gender_of_given_name, is_given_name, starts_with_given_name
from summarizer.people import people_named


def test_clearly_gendered_first_names_give_a_pronoun() -> None:
    assert gender_of_given_name("Hayley Yelling") == "she"
    assert gender_of_given_name("Jason Gardener") == "he"
    assert gender_of_given_name("Élise Matthesen") == "she"  # accents folded


def test_open_names_and_surnames_alone_give_none() -> None:
    assert gender_of_given_name("Jordan Peterson") == ""  # recorded for both
    assert gender_of_given_name("Kim Kardashian") == ""
    assert gender_of_given_name("Gardener") == ""  # one word: a surname says nothing
    assert gender_of_given_name("Central Park") == ""


def test_common_given_names_tell_people_from_things() -> None:
    assert starts_with_given_name("Rami Abdel Rahman")
    assert starts_with_given_name("Hillary Clinton")
    assert not starts_with_given_name("Wild Rose")
    assert not starts_with_given_name("Central Park")
    assert not starts_with_given_name("Melanie")  # a full name has two words
    assert is_given_name("Melanie")
    assert not is_given_name("Stadia")


def test_a_name_is_cut_from_what_qualifies_it() -> None:
    text = (
        "Britain's Jason Gardener won the race ahead of Germany's Marc Blume. "
        "CEO Tim Cook spoke after Syrian Rami Abdel Rahman and the BBC’s Emily Maitlis. "
        "Singer-guitarists Tom Johnston opened the show."
    )
    people = people_named(text)
    for full in ("Jason Gardener", "Marc Blume", "Tim Cook", "Rami Abdel Rahman"):
        assert people[full.split()[-1]] == full
    assert people["Maitlis"] == "Emily Maitlis"
    assert people["Johnston"] == "Tom Johnston"
    assert not any("'s" in full or "’s" in full for full in people.values())


def test_one_word_names_given_as_names_are_people() -> None:
    people = people_named("A witness named Ahmad, who was wounded in the blast, spoke to AFP.")
    assert people["Ahmad"] == "Ahmad"
    assert "Named" not in people
