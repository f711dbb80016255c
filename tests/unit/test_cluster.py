from __future__ import annotations

import csv
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.ingest.cluster import (
    EMBEDDING_THRESHOLD,
    GREY_ZONE_FLOOR,
    SAME_STORY_THRESHOLD,
    Fingerprint,
    StoryCandidate,
    cosine,
    fingerprint,
    lead_text,
    match_story,
    round_vector,
    same_story,
    similarity,
)

ROOT = Path(__file__).resolve().parents[2]
PAIRS = ROOT / "tests" / "data" / "cluster_pairs.jsonl"
FAKES = ROOT.parent / "shared" / "corpus" / "fakes" / "fakes_dev.csv"
T0 = datetime(2024, 12, 1, 10, tzinfo=UTC)

STRIKE_A = fingerprint(
    "Air strikes kill 25 in Idlib as rebels seize Aleppo",
    "At least 25 people were killed in Syrian and Russian air strikes on Idlib on Sunday, "
    "rescuers said, a day after rebels took most of Aleppo.",
)
STRIKE_B = fingerprint(
    "Russian and Syrian jets pound Idlib, killing at least 25",
    "Syrian and Russian warplanes bombed rebel-held Idlib on Sunday, killing 25 people "
    "including children, according to the White Helmets civil defence.",
)
OTHER_DAY = fingerprint(
    "Strike on Idlib market kills seven",
    "An air strike hit a market in Idlib city on Tuesday, killing seven people and wounding "
    "30, rescuers said.",
)


def test_same_strike_merges_other_day_does_not() -> None:
    assert similarity(STRIKE_A, STRIKE_B) >= SAME_STORY_THRESHOLD
    assert similarity(STRIKE_A, OTHER_DAY) < SAME_STORY_THRESHOLD
    assert similarity(STRIKE_A, STRIKE_A) == 1.0


def test_similarity_is_symmetric_and_bounded() -> None:
    for a, b in [(STRIKE_A, STRIKE_B), (STRIKE_A, OTHER_DAY), (STRIKE_B, OTHER_DAY)]:
        assert similarity(a, b) == pytest.approx(similarity(b, a))
        assert 0.0 <= similarity(a, b) <= 1.0


def test_fingerprint_json_round_trip() -> None:
    encoded = json.loads(json.dumps(STRIKE_A.to_json()))
    assert Fingerprint.from_json(encoded) == STRIKE_A
    assert "25" in STRIKE_A.numbers and "idlib" in STRIKE_A.names
    with pytest.raises(ValueError):
        Fingerprint.from_json(["not", "a", "dict"])


def test_dates_and_clock_times_are_not_numbers() -> None:
    fp = fingerprint("Blast in Aleppo", "Wed 19 Apr 2017 updated 1404: A blast killed 6 people.")
    assert fp.numbers == ("6",)


def test_empty_text_fingerprint() -> None:
    fp = fingerprint("", "")
    assert similarity(fp, fp) == 0.0


def _candidate(
    story_id: int, fp: Fingerprint, updated: datetime, topics: tuple[str, ...] = ("syria",)
) -> StoryCandidate:
    return StoryCandidate(story_id=story_id, fingerprint=fp, topics=topics, updated=updated)


def test_match_story_picks_same_event() -> None:
    candidates = [_candidate(1, OTHER_DAY, T0 + timedelta(days=2)), _candidate(2, STRIKE_A, T0)]
    assert match_story(STRIKE_B, ("syria",), T0 + timedelta(hours=4), candidates) == 2


def test_match_story_respects_window() -> None:
    candidates = [_candidate(2, STRIKE_A, T0)]
    late = T0 + timedelta(hours=80)
    assert match_story(STRIKE_B, ("syria",), late, candidates) is None
    assert match_story(STRIKE_B, ("syria",), late, candidates, window=timedelta(days=4)) == 2
    # Feeds deliver late: a report published before the story's last update still matches.
    assert match_story(STRIKE_B, ("syria",), T0 - timedelta(hours=5), candidates) == 2


def test_match_story_requires_shared_topic_and_accepts_naive_times() -> None:
    candidates = [_candidate(2, STRIKE_A, T0.replace(tzinfo=None), topics=("sudan",))]
    assert match_story(STRIKE_B, ("syria",), T0, candidates) is None
    assert match_story(STRIKE_B, (), T0, candidates) == 2


def test_match_story_new_story_when_nothing_similar() -> None:
    assert match_story(STRIKE_A, ("syria",), T0, []) is None
    assert match_story(STRIKE_A, ("syria",), T0, [_candidate(5, OTHER_DAY, T0)]) is None


def _resolve(ref: dict[str, Any], fakes: dict[str, dict[str, str]]) -> Fingerprint:
    if "unit_id" in ref:
        row = fakes[ref["unit_id"]]
        return fingerprint(row["article_title"], row["article_content"])
    return fingerprint(ref["title"], ref["body"])


def test_labeled_pairs_accuracy() -> None:
    pairs = [json.loads(line) for line in PAIRS.read_text().splitlines() if line.strip()]
    assert len(pairs) >= 40
    fakes: dict[str, dict[str, str]] = {}
    if FAKES.exists():
        with FAKES.open(encoding="latin-1", newline="") as fh:
            fakes = {row["unit_id"]: row for row in csv.DictReader(fh)}
    else:
        pairs = [p for p in pairs if "unit_id" not in p["a"] and "unit_id" not in p["b"]]
    correct = tp = fp = 0
    for pair in pairs:
        merged = similarity(_resolve(pair["a"], fakes), _resolve(pair["b"], fakes)) >= (
            SAME_STORY_THRESHOLD
        )
        correct += merged == bool(pair["same"])
        tp += merged and pair["same"] == 1
        fp += merged and pair["same"] == 0
    assert correct / len(pairs) >= 0.85
    assert tp / (tp + fp) >= 0.9


# --- hybrid rule: lexical, or grey-zone lexical + lead embedding -------------------------
# The two Idlib reports of the bundled demo feed: one event, a revised toll, other words.
DEMO_IDLIB_MONITOR = (
    "Air strikes on Idlib kill at least 31, rescuers say",
    "At least 31 people were killed and more than 60 injured in air strikes on the city of "
    "Idlib in north-western Syria on Tuesday, according to the White Helmets civil defence "
    "group.\nRescuers said one strike hit a crowded vegetable market near the city centre, "
    "where at least 12 people died. Dozens of families fled towards camps near the Turkish "
    "border after the raids.",
)
DEMO_IDLIB_WIRE = (
    "Syria: death toll from Idlib market strike rises to 34",
    "IDLIB, Syria — The death toll from air strikes on Idlib city rose to 34 on Tuesday, the "
    "Syrian Observatory for Human Rights said, with at least 70 people wounded.\nThe strikes, "
    "which hit a market and a residential block in the centre of Idlib, were the deadliest "
    "in the rebel-held north-west this year, the monitoring group said.",
)
IDLIB_FOOTBALL = (
    "Idlib football club wins cup final as 31,000 fans return",
    "Supporters packed the stadium in Idlib city on Tuesday as the home side won the cup "
    "final 3-1, the club said, its first trophy in years.\nFans in the rebel-held north-west "
    "celebrated in the streets of Idlib until late at night, the club's coach said.",
)


def _embedded(
    encoder: Any, *reports: tuple[str, str]
) -> list[tuple[Fingerprint, tuple[float, ...]]]:
    vectors = encoder.encode([lead_text(t, b) for t, b in reports]).tolist()
    return [
        (fingerprint(t, b), round_vector(v)) for (t, b), v in zip(reports, vectors, strict=True)
    ]


def test_lead_text_is_title_and_first_two_sentences() -> None:
    lead = lead_text(*DEMO_IDLIB_MONITOR)
    assert lead.startswith("Air strikes on Idlib kill at least 31, rescuers say. At least 31")
    assert "vegetable market" in lead and "Dozens of families" not in lead
    assert lead_text("", "One. Two. Three.") == "One. Two."


def test_cosine_and_rounding() -> None:
    assert cosine((1.0, 0.0), (0.0, 2.0)) == 0.0
    assert cosine((3.0, 4.0), (6.0, 8.0)) == pytest.approx(1.0)
    assert cosine((), ()) == 0.0 and cosine((1.0,), (1.0, 0.0)) == 0.0
    assert round_vector([0.123456, -0.98765]) == (0.1235, -0.9877)


def test_demo_idlib_reports_merge_only_with_embeddings(encoder: Any) -> None:
    (fa, va), (fb, vb) = _embedded(encoder, DEMO_IDLIB_MONITOR, DEMO_IDLIB_WIRE)
    same, lexical, semantic = same_story(fa, fb, va, vb)
    # The words alone miss it (revised toll: 31 vs 34) ...
    assert GREY_ZONE_FLOOR <= lexical < SAME_STORY_THRESHOLD
    assert same_story(fa, fb) == (False, lexical, None)
    # ... the embeddings of title + lead carry it.
    assert semantic is not None and semantic >= EMBEDDING_THRESHOLD
    assert same
    candidates = [_candidate(7, fa, T0)]
    assert match_story(fb, ("syria",), T0 + timedelta(hours=3), candidates) is None
    with_vector = [StoryCandidate(7, fa, ("syria",), T0, lead_vector=va)]
    assert match_story(fb, ("syria",), T0 + timedelta(hours=3), with_vector, lead_vector=vb) == 7
    # The window and the topic still apply to embedding matches.
    late = T0 + timedelta(hours=100)
    assert match_story(fb, ("syria",), late, with_vector, lead_vector=vb) is None
    assert match_story(fb, ("sudan",), T0, with_vector, lead_vector=vb) is None


def test_idlib_football_does_not_join_idlib_strike(encoder: Any) -> None:
    (strike, vs), (wire, vw), (football, vf) = _embedded(
        encoder, DEMO_IDLIB_MONITOR, DEMO_IDLIB_WIRE, IDLIB_FOOTBALL
    )
    for fp, vector in ((strike, vs), (wire, vw)):
        same, _lexical, semantic = same_story(football, fp, vf, vector)
        assert not same
        assert semantic is None or semantic < EMBEDDING_THRESHOLD
    candidates = [
        StoryCandidate(1, strike, ("syria",), T0, lead_vector=vs),
        StoryCandidate(2, wire, ("syria",), T0, lead_vector=vw),
    ]
    assert match_story(football, ("syria",), T0, candidates, lead_vector=vf) is None


def test_reports_naming_other_weekdays_never_merge_on_embeddings(encoder: Any) -> None:
    monday = (DEMO_IDLIB_WIRE[0], DEMO_IDLIB_WIRE[1].replace("on Tuesday", "on Monday"))
    (fa, va), (fb, vb) = _embedded(encoder, DEMO_IDLIB_MONITOR, monday)
    assert fa.weekdays == ("tuesday",) and fb.weekdays == ("monday",)
    # Even a perfect embedding match is refused: the reports name different days.
    assert same_story(fa, fb, va, va)[0] is False
    assert same_story(fa, fb, va, vb)[0] is False


def test_embeddings_are_not_consulted_below_the_grey_zone() -> None:
    unrelated = fingerprint("Harvest festival opens in Lyon", "Music and food stalls drew crowds.")
    vector = (1.0, 0.0, 0.0)
    same, lexical, semantic = same_story(STRIKE_A, unrelated, vector, vector)
    assert lexical < GREY_ZONE_FLOOR and semantic is None and not same


def test_lexical_match_outranks_embedding_match() -> None:
    vector = (1.0, 0.0, 0.0)
    grey = fingerprint(*DEMO_IDLIB_WIRE)
    candidates = [
        StoryCandidate(1, fingerprint(*DEMO_IDLIB_MONITOR), ("syria",), T0, lead_vector=vector),
        StoryCandidate(2, grey, ("syria",), T0 - timedelta(hours=1), lead_vector=vector),
    ]
    # Story 1 is an embedding-only match (cosine 1.0); story 2 a lexical one: 2 wins.
    assert match_story(grey, ("syria",), T0, candidates, lead_vector=vector) == 2
    assert match_story(grey, ("syria",), T0, candidates[:1], lead_vector=vector) == 1
