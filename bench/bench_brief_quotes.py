"""How often the quotes a brief shows carry the right speaker.

Usage: python bench/bench_brief_quotes.py [--skip-test] [--ingest-clean]

A brief shows two quotes per story.  For every labelled article (one story of one article)
this scores the two a brief would show, as chosen before (the first two the extractor found)
and as ``bot.core.quote_choice`` chooses them now, against the labels of the quote sets in
bench/data.  A shown quote no label covers (a fragment the labellers did not take) is
counted apart, not scored.  Test sets are scored for totals only, like everywhere here.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_figures_quotes as bench

from bot.core.models import ReportedQuote
from bot.core.quote_choice import choose_brief_quotes
from summarizer.quotes import extract_quotes
from summarizer.types import Quote

Chooser = Callable[[Sequence[ReportedQuote], int], tuple[ReportedQuote, ...]]


def first_two(quotes: Sequence[ReportedQuote], limit: int = 2) -> tuple[ReportedQuote, ...]:
    """The brief's choice before quote_choice: the story's first quotes, whatever they are."""
    return tuple(quotes[:limit])


@dataclass
class Tally:
    articles: int = 0
    with_quote: int = 0  # articles whose brief shows at least one quote
    shown: int = 0
    scored: int = 0
    right: int = 0
    blank: int = 0  # shown as "unattributed"

    def line(self) -> str:
        accuracy = self.right / max(self.scored, 1)
        return (
            f"speaker right {accuracy:.3f} ({self.right}/{self.scored};"
            f" unattributed {self.blank}, wrong {self.scored - self.right - self.blank},"
            f" not labelled {self.shown - self.scored}); articles showing a quote"
            f" {self.with_quote}/{self.articles}"
        )


def label_of(quote: Quote, labels: list[dict[str, Any]]) -> dict[str, Any] | None:
    return next((lab for lab in labels if bench.find_quote([quote], lab["starts"])), None)


def score_set(path: Path, choosers: dict[str, Chooser], ingest_clean: bool) -> dict[str, Tally]:
    rows = bench.read_labels(path)
    texts = bench.load_texts(rows)
    tallies = {name: Tally() for name in choosers}
    for row in rows:
        text = texts[row["id"]]
        if ingest_clean and row["corpus"] == "aljazeera":
            text = bench.ingest_cleaned(text)
        reported = [ReportedQuote(q, "outlet", "url", 0) for q in extract_quotes(text)]
        for name, choose in choosers.items():
            tally = tallies[name]
            shown = choose(reported, 2)
            tally.articles += 1
            tally.with_quote += bool(shown)
            for item in shown:
                tally.shown += 1
                label = label_of(item.quote, row["quotes"])
                if label is None:
                    continue
                tally.scored += 1
                right = bench.speaker_matches(item.quote.speaker, label["speaker"])
                tally.right += right
                tally.blank += not right and not item.quote.speaker
    return tallies


def main(argv: list[str]) -> int:
    if not bench.FAKES.is_file():
        print(f"skipped: real corpus not found under {bench.SHARED}")
        return 0
    choosers: dict[str, Chooser] = {"first two": first_two, "quote_choice": choose_brief_quotes}
    paths = sorted(
        p for p in (bench.REPO / "bench" / "data").glob("*.jsonl") if "picks" not in p.name
    )
    totals = {False: {n: Tally() for n in choosers}, True: {n: Tally() for n in choosers}}
    for path in paths:
        is_test = path in bench.TEST_SETS
        if is_test and "--skip-test" in argv:
            continue
        missing = bench.missing_texts(path)
        if missing:
            print(f"{path.name}: skipped, {missing}")
            continue
        tallies = score_set(path, choosers, "--ingest-clean" in argv)
        for name, tally in tallies.items():
            total = totals[is_test][name]
            for field in vars(total):
                setattr(total, field, getattr(total, field) + getattr(tally, field))
            print(f"{path.name} [{name}] {tally.line()}")
    for is_test, label in ((False, "dev sets"), (True, "test sets")):
        for name, tally in totals[is_test].items():
            if tally.articles:
                print(f"ALL {label} [{name}] {tally.line()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
