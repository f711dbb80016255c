from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.ingest.relevance import CONFLICT_THRESHOLD, conflict_score

LABELED = Path(__file__).resolve().parents[1] / "data" / "relevance_labeled.jsonl"


def _rows() -> list[dict[str, object]]:
    return [json.loads(line) for line in LABELED.read_text().splitlines() if line.strip()]


def test_labeled_set_is_big_and_balanced() -> None:
    rows = _rows()
    assert len(rows) >= 60
    positives = sum(1 for r in rows if r["label"] == 1)
    assert 0.3 <= positives / len(rows) <= 0.7


def test_precision_and_recall_on_labeled_set() -> None:
    tp = fp = fn = 0
    for row in _rows():
        predicted = conflict_score(str(row["title"]), str(row["body"])) >= CONFLICT_THRESHOLD
        tp += predicted and row["label"] == 1
        fp += predicted and row["label"] == 0
        fn += (not predicted) and row["label"] == 1
    assert tp / (tp + fp) >= 0.85
    assert tp / (tp + fn) >= 0.85


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("Aleppo derby ends 2-2", "The striker scored twice as fans filled the stadium in Aleppo."),
        ("Earthquake kills hundreds", "A magnitude 7 quake collapsed buildings; rescuers dug."),
        ("Dockworkers strike", "Workers began a strike over pay, halting the port."),
    ],
)
def test_not_conflict(title: str, body: str) -> None:
    assert conflict_score(title, body) < CONFLICT_THRESHOLD


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("Shelling in Donetsk", ""),
        ("Heavy fighting in El Fasher", "The RSF shelled the city."),
        ("Truce talks resume", "Mediators met both sides to discuss a ceasefire and hostages."),
    ],
)
def test_conflict(title: str, body: str) -> None:
    assert conflict_score(title, body) >= CONFLICT_THRESHOLD


def test_score_range_and_determinism() -> None:
    for title, body in [("", ""), ("x" * 10, "y " * 5000), ("Air strikes " * 50, "killed " * 500)]:
        score = conflict_score(title, body)
        assert 0.0 <= score <= 1.0
        assert conflict_score(title, body) == score
