"""Same-story decisions of ``bot.ingest.cluster`` on labeled pairs: lexical vs hybrid.

Pairs live in tests/data/cluster_pairs.jsonl: either written out (title/body) or FA-KES
``unit_id`` references, resolved against ../shared/corpus/fakes/fakes_dev.csv (skipped when
that is absent). Prints, side by side, the lexical rule alone and the hybrid rule (lexical,
or grey-zone lexical + sentence-embedding cosine of title + lead), with accuracy,
precision/recall of "same story" and the wrongly merged/split pairs.

Honesty note: the shipped hybrid thresholds were tuned on these same pairs, so the
"all pairs" hybrid figures are optimistic. The hold-out check re-tunes the two thresholds by
grid search on two thirds of the pairs (index % 3 != 2) and scores the remaining third with
them, next to the shipped thresholds and the lexical rule on that third.

Run: python bench/bench_clustering.py   (loads all-MiniLM-L6-v2: a few seconds)
"""

from __future__ import annotations

import csv
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.ingest.clean import clean_body, clean_title
from bot.ingest.cluster import (
    EMBEDDING_THRESHOLD,
    GREY_ZONE_FLOOR,
    SAME_STORY_THRESHOLD,
    Fingerprint,
    fingerprint,
    lead_text,
    same_story,
)
from summarizer.encoder import SentenceEncoder

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "tests" / "data" / "cluster_pairs.jsonl"
FAKES = ROOT.parent / "shared" / "corpus" / "fakes" / "fakes_dev.csv"


@dataclass(frozen=True)
class Report:
    fingerprint: Fingerprint
    lead: str


@dataclass(frozen=True)
class Pair:
    index: int
    same: bool
    note: str
    a: Fingerprint
    b: Fingerprint
    vector_a: tuple[float, ...]
    vector_b: tuple[float, ...]


@dataclass(frozen=True)
class Score:
    tp: int
    fp: int
    tn: int
    fn: int
    merged_wrongly: tuple[str, ...]
    split_wrongly: tuple[str, ...]

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.tn + self.fn

    @property
    def accuracy(self) -> float:
        return (self.tp + self.tn) / self.n if self.n else 0.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


Rule = Callable[[Pair], tuple[bool, str]]


def load_fakes() -> dict[str, dict[str, str]]:
    if not FAKES.exists():
        return {}
    with FAKES.open(encoding="latin-1", newline="") as fh:
        return {row["unit_id"]: row for row in csv.DictReader(fh)}


def resolve(ref: dict[str, Any], fakes: dict[str, dict[str, str]]) -> Report | None:
    if "unit_id" in ref:
        row = fakes.get(ref["unit_id"])
        if row is None:
            return None
        title, body = row["article_title"], row["article_content"]
    else:
        title, body = ref["title"], ref["body"]
    title, body = clean_title(title), clean_body(body).body
    return Report(fingerprint(title, body), lead_text(title, body))


def lexical_rule(pair: Pair) -> tuple[bool, str]:
    same, lexical, _ = same_story(pair.a, pair.b)
    return same, f"lex {lexical:.2f}"


def hybrid_rule(floor: float, threshold: float) -> Rule:
    def rule(pair: Pair) -> tuple[bool, str]:
        same, lexical, semantic = same_story(
            pair.a,
            pair.b,
            pair.vector_a,
            pair.vector_b,
            grey_zone_floor=floor,
            embedding_threshold=threshold,
        )
        cos = "-" if semantic is None else f"{semantic:.2f}"
        return same, f"lex {lexical:.2f} cos {cos}"

    return rule


def score(pairs: Sequence[Pair], rule: Rule) -> Score:
    tp = fp = tn = fn = 0
    merged_wrongly: list[str] = []
    split_wrongly: list[str] = []
    for pair in pairs:
        merged, why = rule(pair)
        if merged and pair.same:
            tp += 1
        elif merged:
            fp += 1
            merged_wrongly.append(f"({why}) {pair.note}")
        elif pair.same:
            fn += 1
            split_wrongly.append(f"({why}) {pair.note}")
        else:
            tn += 1
    return Score(tp, fp, tn, fn, tuple(merged_wrongly), tuple(split_wrongly))


def tune(pairs: Sequence[Pair]) -> tuple[float, float]:
    """Grid search; ties go to the more conservative (higher) thresholds."""
    best: tuple[float, float, float, float] | None = None
    for floor_step in range(0, 41):  # 0.00 .. 0.40
        floor = floor_step / 100
        for cos_step in range(50, 96):  # 0.50 .. 0.95
            threshold = cos_step / 100
            key = (score(pairs, hybrid_rule(floor, threshold)).accuracy, threshold, floor)
            if best is None or key > best[:3]:
                best = (*key, 0.0)
    assert best is not None
    return best[2], best[1]


def print_side_by_side(title: str, columns: Sequence[tuple[str, Score]]) -> None:
    print(f"\n{title}")
    header = f"  {'':22}" + "".join(f"{name:>26}" for name, _ in columns)
    print(header)
    rows: list[tuple[str, Callable[[Score], str]]] = [
        ("pairs", lambda s: str(s.n)),
        ("accuracy", lambda s: f"{s.accuracy:.3f}"),
        ("precision(same)", lambda s: f"{s.precision:.3f}"),
        ("recall(same)", lambda s: f"{s.recall:.3f}"),
        ("merged-correct", lambda s: str(s.tp)),
        ("split-correct", lambda s: str(s.tn)),
        ("wrongly-merged", lambda s: str(s.fp)),
        ("wrongly-split", lambda s: str(s.fn)),
    ]
    for label, cell in rows:
        print(f"  {label:22}" + "".join(f"{cell(s):>26}" for _, s in columns))
    for name, s in columns:
        for line in s.merged_wrongly:
            print(f"  [{name}] wrongly merged {line}")
        for line in s.split_wrongly:
            print(f"  [{name}] wrongly split  {line}")


def main() -> int:
    fakes = load_fakes()
    raw = [json.loads(line) for line in PAIRS.read_text().splitlines() if line.strip()]
    resolved: list[tuple[int, dict[str, Any], Report, Report]] = []
    skipped = 0
    for index, item in enumerate(raw):
        a, b = resolve(item["a"], fakes), resolve(item["b"], fakes)
        if a is None or b is None:
            skipped += 1
            continue
        resolved.append((index, item, a, b))
    if not resolved:
        print("no pairs could be resolved")
        return 1

    encoder = SentenceEncoder(show_progress=False)
    started = time.perf_counter()
    leads = [text for _, _, a, b in resolved for text in (a.lead, b.lead)]
    vectors = encoder.encode(leads).tolist()
    encode_s = time.perf_counter() - started
    pairs = [
        Pair(
            index=index,
            same=bool(item["same"]),
            note=str(item["note"]),
            a=a.fingerprint,
            b=b.fingerprint,
            vector_a=tuple(vectors[2 * i]),
            vector_b=tuple(vectors[2 * i + 1]),
        )
        for i, (index, item, a, b) in enumerate(resolved)
    ]
    print(
        f"pairs={len(pairs)} (skipped {skipped}; FA-KES {'loaded' if fakes else 'absent'}); "
        f"embedded {len(leads)} leads in {encode_s:.1f} s (encoder load "
        f"{encoder.load_seconds or 0:.1f} s)"
    )
    print(
        f"shipped: lexical threshold={SAME_STORY_THRESHOLD}; hybrid grey-zone floor="
        f"{GREY_ZONE_FLOOR} embedding cosine threshold={EMBEDDING_THRESHOLD} "
        "(tuned on these same pairs)"
    )
    shipped = hybrid_rule(GREY_ZONE_FLOOR, EMBEDDING_THRESHOLD)
    print_side_by_side(
        "All pairs (hybrid thresholds tuned on them: optimistic)",
        [("lexical-only", score(pairs, lexical_rule)), ("hybrid", score(pairs, shipped))],
    )

    tuning = [p for p in pairs if p.index % 3 != 2]
    held_out = [p for p in pairs if p.index % 3 == 2]
    floor, threshold = tune(tuning)
    print(
        f"\nHold-out check: tuned on {len(tuning)} pairs (index % 3 != 2) -> floor={floor:.2f} "
        f"cosine threshold={threshold:.2f}; scored on the other {len(held_out)} pairs"
    )
    print_side_by_side(
        "Held-out third",
        [
            ("lexical-only", score(held_out, lexical_rule)),
            (
                f"hybrid tuned({floor:.2f},{threshold:.2f})",
                score(held_out, hybrid_rule(floor, threshold)),
            ),
            ("hybrid shipped", score(held_out, shipped)),
        ],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
