from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bot.core.topics import Topic, topics_from_mapping
from bot.ingest.gazetteer import Gazetteer
from bot.ingest.tagging import Tagger, Tags

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


@pytest.fixture(scope="module")
def tagger(gazetteer: Gazetteer) -> Tagger:
    with (ROOT / "config" / "topics.toml").open("rb") as fh:
        topics = topics_from_mapping(tomllib.load(fh))
    return Tagger(topics, gazetteer)


@pytest.mark.parametrize(
    ("place", "code"),
    [
        ("Idlib", "SY"),
        ("aleppo", "SY"),
        ("El Fasher", "SD"),
        ("Khartoum", "SD"),
        ("Deir ez-Zor", "SY"),
        ("Kiev", "UA"),
        ("Kyiv", "UA"),
        ("Douma", "SY"),
        ("Syria", "SY"),
        ("Sudan", "SD"),
        ("Homs", "SY"),
        ("Hama", "SY"),
    ],
)
def test_country_of(gazetteer: Gazetteer, place: str, code: str) -> None:
    assert gazetteer.country_of(place) == code


@pytest.mark.parametrize("word", ["Bar", "Of", "Mobile", "Split", "Most", "nowhere-at-all"])
def test_common_words_are_not_places(gazetteer: Gazetteer, word: str) -> None:
    assert gazetteer.country_of(word) is None


def test_find_places_order_dedup_multiword(gazetteer: Gazetteer) -> None:
    text = (
        "Most residents of Idlib fled. Shelling hit Deir ez-Zor and El Fasher, "
        "and Idlib again. Split opinions at the Bar; Mobile phones were Of no use."
    )
    assert gazetteer.find_places(text) == [
        ("Idlib", "SY"),
        ("Deir ez-Zor", "SY"),
        ("El Fasher", "SD"),
    ]


def test_find_places_skips_person_names(gazetteer: Gazetteer) -> None:
    text = "Officials said David Cameron met envoys in London on Friday."
    assert gazetteer.find_places(text) == [("London", "GB")]


def test_tag_seed_article_ignores_passing_mention(tagger: Tagger) -> None:
    seed = SHARED / "samples" / "idlib_airstrikes_article.txt"
    if not seed.exists():
        pytest.skip("shared/ samples not available")
    from bot.ingest.clean import clean_body, clean_title

    title, _, body = seed.read_text(encoding="utf-8").partition("\n")
    tags = tagger.tag(clean_title(title), clean_body(body).body)
    # Ukraine is named twice in passing, deep in the article: not a Ukraine story.
    assert tags.topics == ("syria",)
    assert tags.places[:3] == ("Idlib", "Syria", "Aleppo")
    assert tags.countries[0] == "SY" and "UA" in tags.countries
    assert tags.conflict_score > 0.9


def test_places_in_lead_tag_every_topic(tagger: Tagger) -> None:
    tags = tagger.tag("Envoys meet", "Diplomats from Kyiv flew to Khartoum for talks.")
    assert set(tags.topics) == {"ukraine", "sudan"}


def test_tag_sudan_by_place_and_keyword(tagger: Tagger) -> None:
    tags = tagger.tag("Fighting in El Fasher", "The Rapid Support Forces shelled the city.")
    assert tags == Tags(
        topics=("sudan",),
        places=("El Fasher",),
        countries=("SD",),
        conflict_score=tags.conflict_score,
    )
    assert tags.conflict_score >= 0.5


def test_keyword_without_place(tagger: Tagger) -> None:
    tags = tagger.tag("Talks stall", "Zelensky said the talks had stalled.")
    assert tags.topics == ("ukraine",)
    assert tags.places == ()


def test_keyword_needs_word_boundary() -> None:
    topic = Topic(key="x", label="X", keywords=("saf",))
    tagger = Tagger([topic], Gazetteer())
    assert tagger.tag("Safety first", "A safari in Kenya.").topics == ()
    assert tagger.tag("SAF advances", "").topics == ("x",)


def test_sports_in_aleppo_tagged_syria_but_not_conflict(tagger: Tagger) -> None:
    tags = tagger.tag("Aleppo club wins cup final", "Fans celebrated the late goal in Aleppo.")
    assert tags.topics == ("syria",)
    assert tags.conflict_score < 0.5


def test_fakes_articles_are_tagged_syria(tagger: Tagger) -> None:
    # Speed is measured by bench/bench_relevance.py, not asserted here.
    import csv

    path = SHARED / "corpus" / "fakes" / "fakes_dev.csv"
    if not path.exists():
        pytest.skip("shared/ corpus not available")
    with path.open(encoding="latin-1", newline="") as fh:
        rows = list(csv.DictReader(fh))[:200]
    tagged = [tagger.tag(r["article_title"], r["article_content"]) for r in rows]
    assert sum("syria" in t.topics for t in tagged) / len(rows) >= 0.95
