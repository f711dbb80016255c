"""Same-story decisions of ``bot.ingest.cluster`` on labeled pairs.

Pairs live in tests/data/cluster_pairs.jsonl: either written out (title/body) or FA-KES
``unit_id`` references, resolved against ../shared/corpus/fakes/fakes_dev.csv (skipped when
that is absent). Prints accuracy and precision/recall of "same story".

Run: python bench/bench_clustering.py
"""

from __future__ import annotations

import csv
import json
import sys
import time
from pathlib import Path
from typing import Any

from bot.ingest.clean import clean_body, clean_title
from bot.ingest.cluster import SAME_STORY_THRESHOLD, Fingerprint, fingerprint, similarity

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "tests" / "data" / "cluster_pairs.jsonl"
FAKES = ROOT.parent / "shared" / "corpus" / "fakes" / "fakes_dev.csv"


def load_fakes() -> dict[str, dict[str, str]]:
    if not FAKES.exists():
        return {}
    with FAKES.open(encoding="latin-1", newline="") as fh:
        return {row["unit_id"]: row for row in csv.DictReader(fh)}


def resolve(ref: dict[str, Any], fakes: dict[str, dict[str, str]]) -> Fingerprint | None:
    if "unit_id" in ref:
        row = fakes.get(ref["unit_id"])
        if row is None:
            return None
        title, body = row["article_title"], row["article_content"]
    else:
        title, body = ref["title"], ref["body"]
    return fingerprint(clean_title(title), clean_body(body).body)


def main() -> int:
    fakes = load_fakes()
    pairs = [json.loads(line) for line in PAIRS.read_text().splitlines() if line.strip()]
    tp = fp = tn = fn = skipped = 0
    start = time.perf_counter()
    for pair in pairs:
        a, b = resolve(pair["a"], fakes), resolve(pair["b"], fakes)
        if a is None or b is None:
            skipped += 1
            continue
        score = similarity(a, b)
        merged = score >= SAME_STORY_THRESHOLD
        if merged and pair["same"]:
            tp += 1
        elif merged:
            fp += 1
            print(f"  wrongly merged ({score:.2f}): {pair['note']}")
        elif pair["same"]:
            fn += 1
            print(f"  wrongly split  ({score:.2f}): {pair['note']}")
        else:
            tn += 1
    elapsed = time.perf_counter() - start
    n = tp + fp + tn + fn
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(
        f"pairs={n} (skipped {skipped}) merged-correct={tp} split-correct={tn} "
        f"wrongly-merged={fp} wrongly-split={fn}"
    )
    print(
        f"accuracy={(tp + tn) / n:.3f} precision(same)={precision:.3f} "
        f"recall(same)={recall:.3f} threshold={SAME_STORY_THRESHOLD} ({elapsed * 1000:.0f} ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
