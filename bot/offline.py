"""Polling with the offline fallback: when no source can be reached, the bundled demo
source is used and the brief says so."""

from __future__ import annotations

import asyncio
import sys
from dataclasses import replace
from typing import TextIO

from bot.bootstrap import App
from bot.core.models import PollReport
from bot.ingest.summaries import StorySummaries
from bot.settings import DEMO_SOURCE_URL, demo_source

DEMO_NOTE = (
    "No configured source could be reached: showing the bundled demo source "
    "(articles invented for illustration, not real reporting)."
)


async def poll_with_fallback(app: App, err: TextIO = sys.stderr) -> tuple[PollReport, list[str]]:
    """One forced poll of the configured sources; returns the report and brief notes."""
    notes: list[str] = []
    sources = app.settings.sources
    if app.settings.offline:
        sources = tuple(s for s in sources if s.url == DEMO_SOURCE_URL or "://" not in s.url)
    async with app.fetcher() as fetcher:
        ingestor = app.ingestor(fetcher)
        report = await ingestor.poll(sources, force=True) if sources else PollReport()
        for name, error in report.failed:
            print(f"newsbrief: source failed: {name}: {error}", file=err)
        if report.failed:
            notes.append(
                f"{len(report.failed)} of {len(sources)} source(s) failed: "
                + "; ".join(f"{name} ({error})" for name, error in report.failed[:5])
            )
        uses_demo = any(s.url == DEMO_SOURCE_URL for s in sources)
        if not report.ok and not uses_demo:
            print(f"newsbrief: {DEMO_NOTE}", file=err)
            demo = await ingestor.poll((demo_source(),), force=True)
            report = replace(report, new_articles=report.new_articles + demo.new_articles)
            notes.append(DEMO_NOTE)
    if app.settings.analysis == "worker":
        # A one-shot brief cannot wait for the worker: summarize what changed now.
        await asyncio.to_thread(
            StorySummaries(app.stories, app.analyzer, app.clock).summarize_pending
        )
    return report, notes
