"""`newsbrief summarize`: the analysis worker, the one process that loads the model when
`analysis = "worker"` (pollers and chat adapters then stay small)."""

from __future__ import annotations

import asyncio
import logging
import signal

from bot.bootstrap import bootstrap
from bot.ingest.summaries import StorySummaries
from bot.settings import Settings

logger = logging.getLogger(__name__)


async def run_summarize(settings: Settings, loop: bool, interval_s: float) -> int:
    app = bootstrap(settings)
    summaries = StorySummaries(app.stories, app.analyzer, app.clock)
    stop = asyncio.Event()
    if loop:
        running = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            running.add_signal_handler(sig, stop.set)
    while True:
        done = await asyncio.to_thread(summaries.summarize_pending)
        logger.info("event=summaries.done stories=%d", done)
        if not loop:
            print(f"Summarized {done} story(ies).")
            return 0
        try:
            await asyncio.wait_for(stop.wait(), timeout=interval_s)
        except TimeoutError:
            continue
        return 0
