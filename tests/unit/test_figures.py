"""Figures: casualty and humanitarian counts with their meaning and source."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.figures import extract_figures
from summarizer.types import Figure

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "samples" / "idlib_airstrikes_article.txt"


def _one(text: str) -> Figure:
    figures = extract_figures(text)
    assert len(figures) == 1, figures
    return figures[0]


def test_at_least_with_source_from_according_to() -> None:
    text = (
        "At least seven people lost their lives, while dozens more were injured, "
        "according to rescuers at the scene."
    )
    killed, injured = extract_figures(text)
    assert (killed.category, killed.value, killed.qualifier) == ("killed", 7, "at least")
    assert killed.source == "rescuers" and killed.affected == "people"
    assert (injured.category, injured.value, injured.low, injured.high) == ("injured", None, 24, 99)
    assert injured.approx and injured.source == "rescuers"
    assert killed.text in text and killed.sentence == text


def test_killed_and_wounded_in_one_sentence_give_two_figures() -> None:
    text = (
        "At least 20 people were killed and 55 wounded during a suicide bombing that struck "
        "a wedding in Hasakah on Monday, the Syrian Observatory for Human Rights said."
    )
    figures = extract_figures(text)
    assert [(f.category, f.value) for f in figures] == [("killed", 20), ("injured", 55)]
    assert all(f.source == "the Syrian Observatory for Human Rights" for f in figures)


def test_active_verbs_before_the_number() -> None:
    text = "A bomb blast killed six people and injured 32 in the Salah al-Din district of Aleppo."
    assert [(f.category, f.value) for f in extract_figures(text)] == [
        ("killed", 6),
        ("injured", 32),
    ]


def test_soldiers_killed_from_vague_amount() -> None:
    fig = _one("The Syrian military also announced the loss of dozens of its soldiers in Aleppo.")
    assert fig.category == "soldiers_killed"
    assert (fig.value, fig.low, fig.high, fig.approx) == (None, 24, 99, True)
    assert fig.source == "The Syrian military"


def test_population_in_words_is_approximate() -> None:
    fig = _one("Idlib, home to approximately four million people, is the largest city.")
    assert (fig.category, fig.value, fig.qualifier, fig.approx) == (
        "population",
        4_000_000,
        "approximately",
        True,
    )


def test_digits_with_commas_and_scaled_decimals() -> None:
    fled = _one("More than 10,000 people have fled their homes, the UN said.")
    assert (fled.category, fled.value, fled.qualifier) == ("displaced", 10_000, "more than")
    assert fled.source == "the UN"
    displaced = _one("About 1.5 million people were displaced, according to the UN.")
    assert (displaced.value, displaced.approx, displaced.source) == (1_500_000, True, "the UN")


def test_inclusion_counts_share_the_verb() -> None:
    text = "An air strike killed 15 civilians including four children in Idlib on Saturday."
    assert [(f.category, f.value, f.affected) for f in extract_figures(text)] == [
        ("killed", 15, "civilians"),
        ("killed", 4, "children"),
    ]


def test_other_categories() -> None:
    assert _one("Police arrested 30 protesters on Friday.").category == "detained"
    assert _one("Three people are missing after the blast.").category == "missing"
    need = _one("Some 200 families were in need of food aid.")
    assert (need.category, need.value) == ("other", 200)
    # Figures count people: destroyed homes and trucks are not key figures.
    assert extract_figures("Some 200 homes were destroyed in the shelling.") == []
    assert extract_figures("The strike destroyed at least 18 trucks carrying aid.") == []
    toll = _one("The death toll rose to 43 on Saturday, officials said.")
    assert (toll.category, toll.value, toll.source) == ("killed", 43, "officials")


@pytest.mark.parametrize(
    "text",
    [
        "A decade ago, in 2015, Russia intervened in the Syrian civil war.",
        "A 7-year-old boy and a man aged 45 were hurt.",
        "Prices rose 15% in March 2019, costing $300 million.",
        "The convoy travelled 30 kilometres and arrived at 10:30 on 24 August.",
        "He was the second person to die in the city since 2011.",
        "There were 43 attacks on healthcare facilities in Syria in July.",
        "The building had four floors and 20 rooms.",
        "Syria has been locked in a vicious civil war since early 2011.",
    ],
)
def test_non_figures_are_not_emitted(text: str) -> None:
    assert extract_figures(text) == []


def test_ages_inside_a_casualty_sentence_are_ignored() -> None:
    fig = _one("The strike killed 12 people, including a 7-year-old.")
    assert (fig.category, fig.value) == ("killed", 12)


def test_transcript_lines_are_skipped() -> None:
    assert (
        extract_figures("**Alex Reed:** Reports indicate at least 25 people have been killed.")
        == []
    )


def _seed_body() -> str:
    if not SEED.is_file():
        pytest.skip(f"seed article not found under {SHARED}")
    return SEED.read_text(encoding="utf-8").split("Who is carrying out the air strikes on Idlib?")[
        0
    ]


def test_seed_article_expected_figures() -> None:
    figures = extract_figures(_seed_body())
    keys = {(f.category, f.value, f.low, f.high, f.qualifier, f.source) for f in figures}
    assert ("killed", 25, 25, None, "at least", None) in keys
    assert ("killed", 7, 7, None, "at least", "rescuers") in keys
    assert ("injured", None, 24, 99, None, "rescuers") in keys
    assert ("soldiers_killed", None, 24, 99, None, "The Syrian military") in keys
    population = [f for f in figures if f.category == "population"]
    assert [(f.value, f.approx) for f in population] == [(4_000_000, True)]
    assert not any(f.value in (2015, 10) for f in figures)  # "in 2015", "A decade ago"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_crashes_and_sentences_are_verbatim(text: str) -> None:
    for fig in extract_figures(text):
        assert fig.sentence in text
        assert fig.text in fig.sentence


_WORDS = st.sampled_from(
    [
        "killed",
        "injured",
        "at",
        "least",
        "dozens",
        "25",
        "10,000",
        "four",
        "million",
        "people",
        "soldiers",
        "said",
        "according",
        "to",
        "the",
        "UN",
        "in",
        "2015",
        "aged",
        "7-year-old",
        ",",
        ".",
        '"',
        "“",
        "”",
        "and",
        "were",
        "wounded",
        "home",
        "to",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=40).map(" ".join))
def test_newsy_word_salad_keeps_invariants(text: str) -> None:
    for fig in extract_figures(text):
        assert fig.sentence in text and fig.text in text
        assert fig.value is not None or (fig.low is not None and fig.high is not None)


def test_a_revised_toll_is_a_killed_figure_with_its_source() -> None:
    text = (
        "IDLIB, Syria — The death toll from air strikes on Idlib city rose to 34 on Tuesday, "
        "the Syrian Observatory for Human Rights said, with at least 70 people wounded."
    )
    found = {(f.category, f.value, f.source) for f in extract_figures(text)}
    assert ("killed", 34, "the Syrian Observatory for Human Rights") in found
    assert ("injured", 70, "the Syrian Observatory for Human Rights") in found
    assert [f.value for f in extract_figures("The toll from the strike climbed to 40.")] == [40]


def _keys(text: str) -> set[tuple[str, int | None, int | None, int | None]]:
    return {(f.category, f.value, f.low, f.high) for f in extract_figures(text)}


def test_ranges_between_and_from_to_are_one_figure() -> None:
    found = _keys(
        "It is estimated that between 250000 and 300000 people live in areas held by the "
        "opposition in Aleppo according to the Syrian Observatory for Human Rights."
    )
    assert ("population", None, 250000, 300000) in found
    found = _keys(
        "Estimates of the death toll in the three weeks of operations in Hama vary from "
        "10000 to more than 30000 out of a population of 350000."
    )
    assert ("killed", None, 10000, 30000) in found
    # A change is not a range.
    assert ("killed", 30, 30, 30) in _keys("The death toll rose from 20 to 30 on Monday.")


def test_tens_is_a_vague_range() -> None:
    found = _keys("Over 60 terrorists were killed and tens of others were wounded in clashes.")
    assert ("injured", None, 20, 99) in found


def test_combatants_with_coordinated_or_acronym_modifiers() -> None:
    found = _keys(
        "At least 70 Syrian regime and rebel fighters have been killed in 24 hours of battle."
    )
    assert found == {("soldiers_killed", 70, 70, None)}
    found = _keys("The Observatory said 30 regime and 39 rebel fighters have been killed.")
    assert found == {("soldiers_killed", 30, 30, 30), ("soldiers_killed", 39, 39, 39)}
    assert _keys("Turkish air strikes kill 9 IS fighters in Syria.") == {
        ("soldiers_killed", 9, 9, 9)
    }
    found = _keys("a battle that cost the lives of 30 regime forces and 29 insurgents.")
    assert found == {("soldiers_killed", 30, 30, 30), ("soldiers_killed", 29, 29, 29)}


def test_sub_counts_share_the_head_count_category() -> None:
    found = _keys(
        "terrorists fired rocket shells killing 3 civilians including 2 women injuring 15 others."
    )
    assert found == {("killed", 3, 3, 3), ("killed", 2, 2, 2), ("injured", 15, 15, 15)}
    found = _keys("ISIL has publicly executed and crucified nine men eight of them rebels.")
    assert found == {("killed", 9, 9, 9), ("soldiers_killed", 8, 8, 8)}
    found = _keys("Fifteen civilians among them 11 children were killed in a barrel bomb attack.")
    assert found == {("killed", 15, 15, 15), ("killed", 11, 11, 11)}


def test_among_the_dead_and_definite_back_references() -> None:
    assert _keys("Among the dead were 22 children.") == {("killed", 22, 22, 22)}
    found = _keys("Five women and 13 rebels from the six families were among the dead.")
    assert found == {("killed", 5, 5, 5), ("soldiers_killed", 13, 13, 13)}


def test_injured_people_who_later_died_are_killed() -> None:
    found = _keys(
        "According to medical sources six injured civilians in the attacks on Friday died "
        "on Saturday."
    )
    assert found == {("killed", 6, 6, 6)}
    assert _keys("Doctors treated six injured civilians at the clinic.") == {("injured", 6, 6, 6)}


def test_counted_things_and_dated_years_are_not_figures() -> None:
    text = "Turkish aircraft carried out three strikes on IS positions killing nine fighters."
    assert _keys(text) == {("soldiers_killed", 9, 9, 9)}
    text = "On Wednesday three suicide bombers killed at least two people near the headquarters."
    assert _keys(text) == {("killed", 2, 2, None)}
    assert _keys("26 November 2016 Terrorist attacks kill 10 injure scores in Aleppo.") == {
        ("killed", 10, 10, 10),
        ("injured", None, 40, 99),
    }
    # "in the strikes" is where, not what is counted.
    assert ("killed", 20, 20, 20) in _keys("The monitor earlier gave a toll of 20 in the strikes.")


FIGURE_PATTERNS = [
    ("The strikes claimed more than 100 civilians including children.", ("killed", 100)),
    ("The airstrikes have claimed hundreds of lives wounded many others.", ("killed", None)),
    ("The militants took an estimated 900 Kurdish civilians hostage.", ("detained", 900)),
    ("A monitor said 15 of the wounded were in critical condition.", ("injured", 15)),
    ("Air raids left around 50 people suffering respiratory problems.", ("injured", 50)),
    ("The dead included 109 evacuees from the two villages.", ("killed", 109)),
    (
        "The death toll from the attack on the rebel-held town has risen to 86, a monitor said.",
        ("killed", 86),
    ),
    (
        "The number of rebel fighters killed in battles against ISIL has risen to 39.",
        ("soldiers_killed", 39),
    ),
    ('The statement said the attack left "nearly 50" rebels dead.', ("soldiers_killed", 50)),
    ("Some 400000 people live in the besieged area.", ("population", 400000)),
    ("It warned of several dozen wounded at the blast site.", ("injured", None)),
    ("The army said it eliminated 12 militants near the airport.", ("soldiers_killed", 12)),
    ("Twin blasts near Damascus claimed 4 martyrs and 13 injured.", ("killed", 4)),
    ("In recent days 57 civilians have been martyred in the shelling.", ("killed", 57)),
    ("Dozens of civilians have starved to death since the siege began.", ("killed", None)),
    ("Doctors treated half a dozen wounded children.", ("injured", 6)),
    ("The fate of around 200 other soldiers remained unknown.", ("missing", 200)),
    (
        "It raised fears for the estimated 250000 people now under siege there.",
        ("population", 250000),
    ),
    ("Up to 300000 people are still believed to be trapped in the east.", ("population", 300000)),
    (
        "It brought the total number of Russian soldiers killed in Syria to 18.",
        ("soldiers_killed", 18),
    ),
    ("The UN said the death toll may be as high as 400000.", ("killed", 400000)),
    ("Fighting has left dozens dead on both sides, a monitor said.", ("soldiers_killed", None)),
    ("700 people including 47 wounded had crossed the border overnight.", ("displaced", 700)),
    (
        "Troops sealed the route, effectively trapping nearly 300000 residents.",
        ("population", 300000),
    ),
    ("Regime forces repelled the offensive killing 40 attackers.", ("soldiers_killed", 40)),
    ("Kurdish units killed 10 IS members in the past 24 hours.", ("soldiers_killed", 10)),
    ("Two Russian pilots were killed when their helicopter was shot down.", ("soldiers_killed", 2)),
    ("More than 30000 people are set for evacuation under the deal.", ("displaced", 30000)),
    ("Some 1400 civilians were able to leave the area this year.", ("displaced", 1400)),
    ("Among those killed were three children, it said.", ("killed", 3)),
    ("The monitor put the number of civilians killed at 13.", ("killed", 13)),
    ("The toll was put at 40 by a monitor.", ("killed", 40)),
    (
        "A strike on Monday brought the number killed in 24 hours of bombardment to 45.",
        ("killed", 45),
    ),
    ("Strikes killed 45 civilians in Aleppo and 22 in neighbouring Idlib.", ("killed", 22)),
    (
        "Thousands fled while tens of thousands more remain trapped in the city.",
        ("population", None),
    ),
]


def test_lists_without_commas_share_the_verb() -> None:
    text = (
        "Since Thursday bombing has killed 44 civilians including 11 women nine children "
        "and one rescue worker."
    )
    found = {(f.category, f.value) for f in extract_figures(text)}
    assert found == {("killed", 44), ("killed", 11), ("killed", 9), ("killed", 1)}


def test_along_with_continues_the_count() -> None:
    text = "At least 29 rebel fighters were killed along with six Al-Nusra Front terrorists."
    found = {(f.category, f.value) for f in extract_figures(text)}
    assert found == {("soldiers_killed", 29), ("soldiers_killed", 6)}


def test_sub_counts_and_more_of_fighters_stay_fighters() -> None:
    text = (
        "At least 287 IS fighters among them 26 minors were killed. "
        "More than 50 troops were summarily executed and 19 more were killed in a bombing."
    )
    found = {(f.category, f.value) for f in extract_figures(text)}
    assert found == {
        ("soldiers_killed", 287),
        ("soldiers_killed", 26),
        ("soldiers_killed", 50),
        ("soldiers_killed", 19),
    }


def test_timestamps_and_page_counters_are_not_figures() -> None:
    text = "Middle East 1449 09.04.2017 Get short URL 1285 The army eliminated over 75 militants."
    assert {(f.category, f.value) for f in extract_figures(text)} == {("soldiers_killed", 75)}


@pytest.mark.parametrize(("text", "expected"), FIGURE_PATTERNS)
def test_figure_patterns(text: str, expected: tuple[str, int | None]) -> None:
    found = {(f.category, f.value) for f in extract_figures(text)}
    assert expected in found, found


def test_as_well_as_continues_the_count() -> None:
    text = (
        "Shelling killed at least 66 civilians including 13 children according to the "
        "Observatory as well as three rescue workers."
    )
    found = {(f.category, f.value) for f in extract_figures(text)}
    assert found == {("killed", 66), ("killed", 13), ("killed", 3)}


def test_a_participle_before_an_amount_is_that_amounts_verb() -> None:
    text = "An attack on the clinic has killed two patients injured eight others."
    found = {(f.category, f.value) for f in extract_figures(text)}
    assert found == {("killed", 2), ("injured", 8)}


def test_quoted_words_that_are_not_amounts_still_break_a_clause() -> None:
    text = (
        'Forces fired rockets in what two pro-opposition groups claimed was a "poisonous '
        'gas" attack that killed dozens of people.'
    )
    found = {(f.category, f.value, f.low) for f in extract_figures(text)}
    assert found == {("killed", None, 24)}
