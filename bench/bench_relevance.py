"""Precision/recall/F1 of ``conflict_score`` on the labeled set and FA-KES recall.

Run: python bench/bench_relevance.py
"""

from __future__ import annotations

import csv
import json
import sys
import time
import tomllib
from pathlib import Path

from bot.core.topics import topics_from_mapping
from bot.ingest.clean import clean_body, clean_title
from bot.ingest.gazetteer import Gazetteer
from bot.ingest.relevance import CONFLICT_THRESHOLD, conflict_score
from bot.ingest.tagging import Tagger

ROOT = Path(__file__).resolve().parents[1]
LABELED = ROOT / "tests" / "data" / "relevance_labeled.jsonl"
FAKES = ROOT.parent / "shared" / "corpus" / "fakes" / "fakes_dev.csv"
BBC = ROOT.parent / "shared" / "corpus" / "bbc-summary" / "pairs.jsonl"


def prf(pairs: list[tuple[int, int]]) -> tuple[float, float, float]:
    tp = sum(1 for gold, pred in pairs if gold and pred)
    fp = sum(1 for gold, pred in pairs if not gold and pred)
    fn = sum(1 for gold, pred in pairs if gold and not pred)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _tagger() -> Tagger:
    with (ROOT / "config" / "topics.toml").open("rb") as fh:
        topics = topics_from_mapping(tomllib.load(fh))
    return Tagger(topics, Gazetteer())


def main() -> int:
    rows = [json.loads(line) for line in LABELED.read_text().splitlines() if line.strip()]
    pairs = []
    for row in rows:
        pred = int(conflict_score(row["title"], row["body"]) >= CONFLICT_THRESHOLD)
        pairs.append((int(row["label"]), pred))
        if pred != row["label"]:
            print(f"  miss (gold {row['label']}): {row['title']}")
    p, r, f = prf(pairs)
    print(f"labeled set: n={len(rows)} precision={p:.3f} recall={r:.3f} f1={f:.3f}")
    if FAKES.exists():
        with FAKES.open(encoding="latin-1", newline="") as fh:
            articles = list(csv.DictReader(fh))
        start = time.perf_counter()
        hits = 0
        for art in articles:
            title = clean_title(art["article_title"])
            body = clean_body(art["article_content"]).body
            hits += conflict_score(title, body) >= CONFLICT_THRESHOLD
        elapsed = time.perf_counter() - start
        print(
            f"FA-KES (all Syria-war articles): n={len(articles)} recall={hits / len(articles):.3f}"
            f" ({len(articles) / elapsed:.0f} articles/s incl. cleaning)"
        )
        tagger = _tagger()
        tagger.tag("warm", "up")
        start = time.perf_counter()
        syria = sum(
            "syria" in tagger.tag(a["article_title"], a["article_content"]).topics for a in articles
        )
        elapsed = time.perf_counter() - start
        print(
            f"FA-KES topic tagging: syria {syria / len(articles):.3f}"
            f" ({len(articles) / elapsed:.0f} articles/s)"
        )
    else:
        print(f"FA-KES not found at {FAKES}: skipped")
    if BBC.exists():
        # BBC business/entertainment/politics/sport/tech: none of it is conflict news.
        flagged = 0
        lines = [json.loads(line) for line in BBC.read_text().splitlines() if line.strip()]
        for item in lines:
            title, _, body = item["article"].partition("\n")
            flagged += conflict_score(title, body) >= CONFLICT_THRESHOLD
        print(f"BBC (no conflict news): n={len(lines)} false positives={flagged}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
