"""The ranker's fitting (bench/train_speaker_ranker.py) on small made-up candidate lists."""

from __future__ import annotations

import random

from bench.train_speaker_ranker import Group, fit, left_out_right, ranker_right
from summarizer.speaker_features import FEATURE_NAMES

WIDTH = len(FEATURE_NAMES)
RECENT = FEATURE_NAMES.index("most_recent")
MENTIONS = FEATURE_NAMES.index("mentions")


def _row(**values: float) -> tuple[float, ...]:
    row = [0.0] * WIDTH
    for name, value in values.items():
        row[FEATURE_NAMES.index(name)] = value
    return tuple(row)


def _group(size: int, right_at: int, draw: random.Random, set_name: str = "a") -> Group:
    """A quote whose right speaker is the one named last; the others are noise."""
    rows = [_row(most_recent=float(i == right_at), mentions=draw.random()) for i in range(size)]
    right = [i == right_at for i in range(size)]
    return Group(set_name, rows, right, rule_right=False, rule_blank=True, reachable=True)


def test_fit_learns_the_feature_that_marks_the_right_candidate_across_list_lengths() -> None:
    draw = random.Random(7)
    # Lists of two to six candidates: the padded fit must not let the padding compete.
    groups = [_group(2 + i % 5, i % 2, draw) for i in range(60)]
    weights = fit(groups)
    assert weights[RECENT] > 1.0
    assert abs(weights[MENTIONS]) < weights[RECENT]
    assert all(ranker_right(weights, _group(4, 3, draw)) for _ in range(10))


def test_fit_ignores_quotes_it_cannot_learn_from() -> None:
    draw = random.Random(3)
    lone = Group("a", [_row(mentions=1.0)], [True], False, True, True)  # one candidate
    nobody_right = Group("a", [_row(), _row(most_recent=1.0)], [False, False], False, True, False)
    learnable = [_group(3, 0, draw) for _ in range(20)]
    assert fit([lone, nobody_right, *learnable]) == fit(learnable)


def test_left_out_scoring_counts_each_set_once_and_shares_draw_fewer_quotes() -> None:
    draw = random.Random(11)
    groups = {name: [_group(3, 1, draw, name) for _ in range(8)] for name in ("a", "b", "c")}
    assert left_out_right(groups) == 24  # the pattern is the same in every set
    assert left_out_right(groups, share=0.25, seed=1) == 24  # 4 quotes still teach it
