"""Summary quality, faithfulness and analyze speed.

- ROUGE-1/2/L of the default (extractive) backend against the BBC reference summaries in
  ../shared/corpus/bbc-summary, beside a Lead-3 baseline computed in the same run.
- Faithfulness: share of summaries with any unsupported number or name (guard check).
- Speed: `analyze` articles/s on FA-KES articles, model load time, peak RSS.

Run: python bench/bench_summary.py [--articles N]
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.rouge import rouge_l, rouge_n
from summarizer import guard
from summarizer.analysis import Analyzer
from summarizer.encoder import SentenceEncoder
from summarizer.extractive import lead_summary
from summarizer.types import Document

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def bbc_documents(path: Path) -> list[tuple[Document, str]]:
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        title, _, body = row["article"].partition("\n")
        pairs.append((Document(text=body.strip(), title=title), row["reference_summary"]))
    return pairs


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=200, help="FA-KES articles for speed")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    bbc = SHARED / "corpus" / "bbc-summary" / "pairs.jsonl"
    fakes = SHARED / "corpus" / "fakes" / "fakes_dev.csv"
    if not bbc.exists():
        print(f"skipped: {bbc} is absent")
        return 0
    machine = f"{platform.machine()} {platform.processor() or ''}".strip()
    print(f"machine: {machine}, Python {platform.python_version()}")
    encoder = SentenceEncoder(threads=args.threads, show_progress=False)
    started = time.perf_counter()
    encoder.encode(["warm up"])
    print(f"model load (encoder, first call): {time.perf_counter() - started:.2f} s")
    analyzer = Analyzer(encoder=encoder)

    scores: dict[str, list[list[float]]] = {"extractive": [[], [], []], "lead-3": [[], [], []]}
    unfaithful = 0
    pairs = bbc_documents(bbc)
    for document, reference in pairs:
        ours = analyzer.summarize_story([document]).text
        lead = lead_summary(document, 3).text
        for name, text in (("extractive", ours), ("lead-3", lead)):
            scores[name][0].append(rouge_n(text, reference, 1))
            scores[name][1].append(rouge_n(text, reference, 2))
            scores[name][2].append(rouge_l(text, reference))
        if not guard.check(ours, document.text).faithful:
            unfaithful += 1
    print(f"\nROUGE F1 on {len(pairs)} BBC articles (reference: extractive human summaries)")
    print(f"{'system':<12} {'R-1':>7} {'R-2':>7} {'R-L':>7}")
    for name, (r1, r2, rl) in scores.items():
        means = " ".join(f"{statistics.mean(values):7.4f}" for values in (r1, r2, rl))
        print(f"{name:<12} {means}")
    print(f"faithfulness: {unfaithful}/{len(pairs)} summaries with an unsupported number or name")

    if fakes.exists():
        with fakes.open(encoding="latin-1", newline="") as handle:
            rows = list(csv.DictReader(handle))[: args.articles]
        documents = [Document(text=r["article_content"], title=r["article_title"]) for r in rows]
        started = time.perf_counter()
        unfaithful = 0
        for document in documents:
            analysis = analyzer.analyze(document)
            if not guard.check(analysis.summary.text, document.text).faithful:
                unfaithful += 1
        elapsed = time.perf_counter() - started
        print(
            f"\nanalyze on {len(documents)} FA-KES articles: "
            f"{len(documents) / elapsed:.1f} articles/s ({elapsed:.1f} s, {args.threads} threads); "
            f"unfaithful summaries: {unfaithful}"
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
