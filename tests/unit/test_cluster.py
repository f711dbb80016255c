from __future__ import annotations

import csv
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.ingest.cluster import (
    SAME_STORY_THRESHOLD,
    Fingerprint,
    StoryCandidate,
    fingerprint,
    match_story,
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
