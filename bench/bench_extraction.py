"""Page text extraction on the article-extraction benchmark (181 real pages).

Scores the way scrapinghub/article-extraction-benchmark's evaluate.py does: texts are split
into \\w+ tokens, compared as multisets of 4-token shingles; each page's TP/FP/FN are
normalised to sum to 1; precision is the mean over pages that predicted anything, recall the
mean over pages with ground truth, and F1 the harmonic mean of those two means.

Two rows: `extract_page` as newsbrief configures it (tables off), and plain
`trafilatura.extract(html, include_comments=False)`, the call behind the published figure.

    python bench/bench_extraction.py [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import trafilatura

from bot.ingest.extract import extract_page

PUBLISHED = {"f1": 0.958, "precision": 0.938, "recall": 0.978}  # trafilatura 2.0.0
SHINGLE = 4
_TOKEN_RE = re.compile(r"\w+")

Scores = tuple[float, float, float]  # normalised tp, fp, fn of one page


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN_RE.findall(text)
    # Texts shorter than a shingle still count, as one short shingle (as the benchmark does).
    count = max(1, len(tokens) - SHINGLE + 1)
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(count) if tokens[i : i + SHINGLE])


def page_scores(true: str, pred: str) -> Scores:
    truth, guess = shingles(true), shingles(pred)
    tp = sum((truth & guess).values())
    fp = sum((guess - truth).values())
    fn = sum((truth - guess).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def summarise(pages: list[Scores]) -> dict[str, float]:
    def precision(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else tp / (tp + fp)

    def recall(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else tp / (tp + fn)

    p = statistics.mean(precision(*s) for s in pages if s[0] + s[1] > 0)
    r = statistics.mean(recall(*s) for s in pages if s[0] + s[2] > 0)
    return {"f1": 2 * p * r / (p + r), "precision": p, "recall": r}


def run(
    name: str, extract: Callable[[str, str], str], pages: list[tuple[str, str, str]]
) -> tuple[dict[str, float], float]:
    scores: list[Scores] = []
    started = time.perf_counter()
    for html, url, truth in pages:
        scores.append(page_scores(truth, extract(html, url)))
    elapsed = time.perf_counter() - started
    return summarise(scores), len(pages) / elapsed


def ours(html: str, url: str) -> str:
    page = extract_page(html, url)
    return page.text if page else ""


def reference(html: str, url: str) -> str:
    return trafilatura.extract(html, include_comments=False) or ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    args = parser.parse_args()

    corpus = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "extraction"
    if not (corpus / "ground-truth.json").is_file():
        print(f"skipped: benchmark corpus not found at {corpus}")
        return 0
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for sha in sorted(truth)[: args.limit or None]:
        with gzip.open(corpus / "html" / f"{sha}.html.gz", "rt", encoding="utf-8") as fh:
            pages.append((fh.read(), truth[sha].get("url", ""), truth[sha]["articleBody"] or ""))

    print(f"{len(pages)} pages; 4-token shingles, per-page normalised, mean over pages")
    print(f"trafilatura {trafilatura.__version__}, Python {sys.version.split()[0]}")
    header = f"{'':40} {'F1':>6} {'P':>6} {'R':>6} {'pages/s':>8}"
    print(header)
    print("-" * len(header))
    for name, fn in (
        ("newsbrief extract_page (tables off)", ours),
        ("trafilatura.extract, benchmark call", reference),
    ):
        m, rate = run(name, fn, pages)
        print(f"{name:40} {m['f1']:6.3f} {m['precision']:6.3f} {m['recall']:6.3f} {rate:8.1f}")
    p = PUBLISHED
    print(
        f"{'published: trafilatura 2.0.0':40} {p['f1']:6.3f} {p['precision']:6.3f} "
        f"{p['recall']:6.3f} {'':>8}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
