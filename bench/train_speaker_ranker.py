"""Fit the speaker ranker (summarizer/speaker_ranker.py) and report how well it does.

Usage: python bench/train_speaker_ranker.py [--write] [--learning-curve]

Training quotes: the labelled quotes of the dev sets in the picks file whose speaker the
rules found by following the context back ("he said", no tag), not by the text's own
structure (``RuledQuote.settled``): the quotes the ranker looks at again at run time.
The rules' pick for each is the pick the extractor made the first time it ran on that set
(bench/data/speaker_first_run_picks.jsonl, recorded from the commit named there), before
any rule was tuned on it: so the model learns how far the rules can be trusted on text
they have not seen.  Every other feature comes from the current code.  Where no candidate
is the labelled speaker, "no one" is the one to learn.

Prints, for each set left out in turn, the accuracy of the first-run rules and of a model
fitted on the other sets (on the quotes found from context), then the weights fitted on
all sets.  ``--write`` writes those weights to summarizer/speaker_weights.py.
``--learning-curve`` also repeats the left-out-set scoring with each model fitted on a
random share of the other sets' quotes (three draws per share): whether more labelled
quotes of this kind would still lift the ranker.
"""

from __future__ import annotations

import json
import os
import random
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_figures_quotes as bench

from summarizer.quotes import rule_quotes
from summarizer.speaker_features import FEATURE_NAMES, ArticleContext, Candidate
from summarizer.speaker_features import NOBODY as NOBODY_NAME

DATA = bench.REPO / "bench" / "data"
PICKS = DATA / "speaker_first_run_picks.jsonl"
WEIGHTS_MODULE = bench.REPO / "summarizer" / "speaker_weights.py"
L2 = float(os.environ.get("RANKER_L2", "0.003"))
RULE_PICK = FEATURE_NAMES.index("rule_pick")
NOBODY = FEATURE_NAMES.index("nobody")
MARGINS = (0.0, 0.5, 1.0, 1.5, 2.0)


@dataclass(frozen=True)
class Group:
    """One quote found from context: its candidates, which are right, and the rules' pick."""

    set_name: str
    features: list[tuple[float, ...]]
    right: list[bool]
    rule_right: bool
    rule_blank: bool
    reachable: bool  # a candidate the label names is among them


def first_run_picks() -> dict[tuple[str, str, int], dict[str, Any]]:
    out = {}
    for line in PICKS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        out[(row["set"], row["id"], row["k"])] = row
    return out


def training_sets() -> list[str]:
    names = sorted({key[0] for key in first_run_picks()})
    return [name for name in names if _available(name)]


def _available(name: str) -> bool:
    path = DATA / name
    if bench.is_external(path):
        return bench.missing_texts(path) is None
    return bench.FAKES.is_file()


def groups_of(set_name: str, picks: dict[tuple[str, str, int], dict[str, Any]]) -> list[Group]:
    labels = bench.read_labels(DATA / set_name)
    texts = bench.load_texts(labels)
    out: list[Group] = []
    for row in labels:
        text = texts[row["id"]]
        ruled = rule_quotes(text)  # the rules alone
        quotes = [r.quote for r in ruled]
        chosen = []
        for k, label in enumerate(row["quotes"]):
            quote = bench.find_quote(quotes, label["starts"])
            first = picks.get((set_name, row["id"], k))
            if quote is None or first is None or not first["found"]:
                continue
            index = quotes.index(quote)
            quotes[index] = replace(quote, speaker=first["speaker"])
            if not ruled[index].settled:  # where the ranker looks again at run time
                chosen.append((index, label))
        context = ArticleContext(text, quotes)
        for index, label in chosen:
            candidates = context.candidates(index)
            pick = quotes[index].speaker
            out.append(
                Group(
                    set_name,
                    [c.features for c in candidates],
                    _rights(candidates, label["speaker"]),
                    bench.speaker_matches(pick, label["speaker"]),
                    pick is None,
                    any(bench.speaker_matches(c.name, label["speaker"]) for c in candidates),
                )
            )
    return out


def _rights(candidates: list[Candidate], expected: list[str]) -> list[bool]:
    """Which candidates to learn as right: those the label names; where none is, "no one"
    (a quote left without a speaker is truer than one given to the wrong person)."""
    right = [bench.speaker_matches(c.name, expected) for c in candidates]
    return right if any(right) else [c.name == NOBODY_NAME for c in candidates]


def fit(groups: list[Group], l2: float = L2) -> list[float]:
    """Softmax over each quote's candidates, maximising the chance of a right one."""
    usable = [g for g in groups if any(g.right) and len(g.right) > 1]
    weights = torch.zeros(len(FEATURE_NAMES), dtype=torch.float64, requires_grad=True)
    # One padded tensor for all quotes: a quote's missing candidates score -1e30 (as good as
    # -inf), so every quote is scored in one product, not one Python loop step each.
    width = max((len(g.right) for g in usable), default=1)
    features = torch.zeros(len(usable), width, len(FEATURE_NAMES), dtype=torch.float64)
    real = torch.zeros(len(usable), width, dtype=torch.bool)
    right = torch.zeros(len(usable), width, dtype=torch.bool)
    for i, g in enumerate(usable):
        features[i, : len(g.right)] = torch.tensor(g.features, dtype=torch.float64)
        real[i, : len(g.right)] = True
        right[i, : len(g.right)] = torch.tensor(g.right)
    floor = torch.tensor(-1e30, dtype=torch.float64)
    optimizer = torch.optim.LBFGS([weights], max_iter=500, line_search_fn="strong_wolfe")

    def closure() -> torch.Tensor:
        optimizer.zero_grad()
        scores = features @ weights
        chance = torch.logsumexp(torch.where(right, scores, floor), 1) - torch.logsumexp(
            torch.where(real, scores, floor), 1
        )
        loss = -chance.sum() / max(len(usable), 1) + l2 * (weights**2).sum()
        loss.backward()  # type: ignore[no-untyped-call]
        return loss

    optimizer.step(closure)  # type: ignore[no-untyped-call]
    return [float(v) for v in weights.detach()]


def ranker_outcome(
    weights: list[float], group: Group, fill_blanks: bool = True, margin: float = 0.0
) -> str:
    """What the ranker does at run time ("right", "blank" or "wrong"): the best candidate,
    if there is any, where it beats the rules' pick by more than ``margin``."""
    rules = "right" if group.rule_right else "blank" if group.rule_blank else "wrong"
    if not group.features or (group.rule_blank and not fill_blanks):
        return rules
    scores = torch.tensor(group.features, dtype=torch.float64) @ torch.tensor(
        weights, dtype=torch.float64
    )
    best = int(scores.argmax())
    picked = [i for i, row in enumerate(group.features) if row[RULE_PICK] > 0]
    if picked and scores[best] - scores[picked[0]] <= margin:
        return rules
    if group.right[best]:
        return "right"
    return "blank" if group.features[best][NOBODY] > 0 else "wrong"


def ranker_right(
    weights: list[float], group: Group, fill_blanks: bool = True, margin: float = 0.0
) -> bool:
    return ranker_outcome(weights, group, fill_blanks, margin) == "right"


LEARNING_SHARES = (0.125, 0.25, 0.5, 0.75)


def left_out_right(groups: dict[str, list[Group]], share: float = 1.0, seed: int = 0) -> int:
    """Quotes the ranker gets right when each set is left out in turn, each model fitted on
    ``share`` of the other sets' quotes, drawn at random."""
    draw = random.Random(seed)
    right = 0
    for name, held_out in groups.items():
        train = [g for other, gs in groups.items() if other != name for g in gs]
        if share < 1.0:
            train = draw.sample(train, int(len(train) * share))
        weights = fit(train)
        right += sum(ranker_right(weights, g) for g in held_out)
    return right


def print_learning_curve(groups: dict[str, list[Group]], all_right: int) -> None:
    """``all_right``: the left-out score of models fitted on all the other sets' quotes,
    already counted by ``main``."""
    total = sum(len(gs) for gs in groups.values())
    trained = total - min(len(gs) for gs in groups.values())
    for share in LEARNING_SHARES:
        draws = [left_out_right(groups, share, seed) for seed in range(3)]
        mean = sum(draws) / len(draws)
        print(
            f"fitted on {share:.3f} of the other sets' quotes (up to {int(trained * share)}):"
            f" right {mean / total:.3f} (draws {', '.join(map(str, draws))})"
        )
    print(f"fitted on all of them: right {all_right / total:.3f} ({all_right})")


def write_weights(weights: list[float]) -> None:
    lines = [
        '"""Weights of the speaker ranker, written by bench/train_speaker_ranker.py --write."""',
        "",
        "WEIGHTS: dict[str, float] = {",
        *(f'    "{n}": {v:.4f},' for n, v in zip(FEATURE_NAMES, weights, strict=True)),
        "}",
        "",
    ]
    WEIGHTS_MODULE.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str]) -> int:
    picks = first_run_picks()
    names = training_sets()
    if not names:
        print("skipped: no training set's texts found")
        return 0
    groups = {name: groups_of(name, picks) for name in names}
    total = rule = ranked = 0
    outcomes: dict[str, int] = {}
    # One model per left-out set, fitted on the others; reused for every margin below.
    left_out = {
        name: fit([g for other in names if other != name for g in groups[other]]) for name in names
    }
    for name in names:
        held_out = groups[name]
        weights = left_out[name]
        for g in held_out:
            outcome = ranker_outcome(weights, g)
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
        r = sum(g.rule_right for g in held_out)
        k = sum(ranker_right(weights, g) for g in held_out)
        kept = sum(ranker_right(weights, g, fill_blanks=False) for g in held_out)
        n = len(held_out)
        total, rule, ranked = total + n, rule + r, ranked + k
        if not n:
            continue
        print(
            f"{name}: from context {n}  first-run rules {r / n:.3f}  ranker {k / n:.3f}"
            f"  (blanks left blank {kept / n:.3f})"
        )
    reachable = sum(g.reachable or g.rule_right for name in names for g in groups[name])
    print(f"a right candidate among them: {reachable / total:.3f} ({reachable})")
    print(
        f"all {len(names)} sets left out in turn: from context {total}"
        f"  first-run rules {rule / total:.3f} ({rule})  ranker {ranked / total:.3f} ({ranked})"
    )
    rules_blank = sum(g.rule_blank and not g.rule_right for name in names for g in groups[name])
    print(
        f"no speaker: first-run rules {rules_blank}, ranker {outcomes.get('blank', 0)};"
        f" wrong speaker: first-run rules {total - rule - rules_blank},"
        f" ranker {outcomes.get('wrong', 0)}"
    )
    for margin in MARGINS:
        right = 0
        for name in names:
            right += sum(ranker_right(left_out[name], g, margin=margin) for g in groups[name])
        print(f"override the rules only by a margin over {margin}: {right / total:.3f} ({right})")
    weights = fit([g for name in names for g in groups[name]])
    for name, value in zip(FEATURE_NAMES, weights, strict=True):
        print(f"  {name:22s} {value:+.3f}")
    if "--learning-curve" in argv:
        print_learning_curve(groups, ranked)
    if "--write" in argv:
        write_weights(weights)
        print(f"wrote {WEIGHTS_MODULE.relative_to(bench.REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
