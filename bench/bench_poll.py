"""One poll cycle over 500 feeds served on 127.0.0.1: wall time and memory.

The feeds are served by a separate process (so the server's work and memory are not counted),
spread over 50 ports: the fetcher's per-host politeness limit applies per host:port, as it
would to 500 feeds on many sites. A warm-up poll fetches every feed once (all 200, a few items
each, ETag/Last-Modified stored); then the measured cycle polls all 500 again:

  395 conditional feeds        -> 304 Not Modified
   25 slow conditional feeds   -> 304 after 2 s
   20 feeds without validators -> 200, the same items again (parsed, all seen)
   20 feeds with one new item  -> 200 (new ETag): one new article each, fully processed
   25 failing feeds            -> HTTP 500
   15 hanging feeds            -> time out (fetch timeout 5 s)

Items carry their full text (content:encoded >= 500 chars), so no article pages are fetched.
Most warm-up items repeat a small pool of texts (under their own GUIDs): they are dropped as
duplicate content, which keeps the warm-up's summarizing short; the feeds without validators
carry unique texts, so their items are stored and later recognised by GUID.

Memory: RSS is sampled every 20 ms during the measured cycle (its peak and its delta over the
RSS before it) next to the process peak (getrusage maxrss), which includes torch and the
all-MiniLM-L6-v2 encoder, whose share is printed. tracemalloc (Python heap only) is run over
a second, traced cycle, because tracing slows Python down: its time is not the figure.

Run: python bench/bench_poll.py   (about a minute; loads the sentence encoder)
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import platform
import resource
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

FEEDS = 500
PORTS = 50
TIMEOUT_S = 5.0
SLOW_S = 2.0
ITEMS = 3
ROOT = Path(__file__).resolve().parents[1]

PLACES = [
    ("Aleppo", "Syria"),
    ("Idlib", "Syria"),
    ("Homs", "Syria"),
    ("El Fasher", "Sudan"),
    ("Khartoum", "Sudan"),
    ("Kharkiv", "Ukraine"),
    ("Kherson", "Ukraine"),
    ("Khan Younis", "Gaza"),
    ("Rafah", "Gaza"),
    ("Goma", "Democratic Republic of Congo"),
]


@dataclass(frozen=True)
class Feed:
    index: int
    kind: str  # conditional | slow | plain | changing | failing | hanging

    @property
    def path(self) -> str:
        return f"/feeds/{self.index}.xml"


def plan() -> list[Feed]:
    kinds = ["slow"] * 25 + ["plain"] * 20 + ["changing"] * 20 + ["failing"] * 25 + ["hanging"] * 15
    kinds += ["conditional"] * (FEEDS - len(kinds))
    # Interleaved, so slow and hanging feeds spread over the ports instead of piling on one.
    step = 7  # coprime with FEEDS
    order = [(i * step) % FEEDS for i in range(FEEDS)]
    return [Feed(index=order[i], kind=kind) for i, kind in enumerate(kinds)]


def article_text(seed: int) -> tuple[str, str]:
    """A distinct conflict report of about 600 characters."""
    place, country = PLACES[seed % len(PLACES)]
    killed, wounded = 3 + seed % 41, 10 + seed % 67
    title = f"Strike on {place} kills {killed}, officials say (report {seed})"
    text = (
        f"At least {killed} people were killed and {wounded} wounded when an attack hit a "
        f"residential district of {place} in {country} early on day {seed}, local officials "
        f"said. Rescuers searched the rubble of {2 + seed % 5} buildings through the night and "
        f'hospitals appealed for blood donations, a health official said. "We heard the '
        f'explosion and then everything was dust," said a resident, report number {seed}. '
        f"Aid groups said about {100 * (seed % 17 + 1)} families had fled the area since the "
        f"fighting resumed, and warned that supplies of food, fuel and medicine were running "
        f"low across the region, where access for convoys remains limited."
    )
    return title, text


def rss(feed: Feed, items: list[tuple[str, str, str]]) -> bytes:
    """items: (guid, title, text)."""
    body = "".join(
        f"<item><title>{title}</title><link>https://feeds.example/{feed.index}/{n}</link>"
        f'<guid isPermaLink="false">{guid}</guid>'
        f"<pubDate>Sun, 22 Nov 2026 {n % 24:02d}:00:00 GMT</pubDate>"
        f"<description>{title}</description>"
        f"<content:encoded><![CDATA[<p>{text}</p>]]></content:encoded></item>"
        for n, (guid, title, text) in enumerate(items)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Feed {feed.index}</title><link>https://feeds.example/</link>"
        f"{body}</channel></rss>"
    ).encode()


def warmup_items(feed: Feed) -> list[tuple[str, str, str]]:
    if feed.kind == "plain":  # unique texts: stored, then seen by GUID
        seeds = [1000 + feed.index * ITEMS + n for n in range(ITEMS)]
    else:  # a shared pool of texts: dropped as duplicate content after the first
        seeds = [n for n in range(ITEMS)]
    return [(f"feed{feed.index}-item{n}", *article_text(s)) for n, s in enumerate(seeds)]


def measured_items(feed: Feed) -> list[tuple[str, str, str]]:
    items = warmup_items(feed)
    if feed.kind == "changing":
        items = [(f"feed{feed.index}-new", *article_text(5000 + feed.index)), *items]
    return items


# --- the server process ------------------------------------------------------------------
def serve(conn: Connection) -> None:
    asyncio.run(_serve(conn))


async def _serve(conn: Connection) -> None:
    from aiohttp import web

    feeds = {f.path: f for f in plan()}
    seen: dict[str, int] = {}

    async def handler(request: web.Request) -> web.StreamResponse:
        feed = feeds.get(request.path)
        if feed is None:
            return web.Response(status=404)
        seen[feed.path] = count = seen.get(feed.path, 0) + 1
        first = count == 1
        version = "v1" if first or feed.kind != "changing" else "v2"
        etag = f'"{feed.index}-{version}"'
        if feed.kind == "slow":
            await asyncio.sleep(SLOW_S)
        if not first and feed.kind == "failing":
            return web.Response(status=500, text="internal error")
        if not first and feed.kind == "hanging":
            await asyncio.sleep(10 * TIMEOUT_S)
        headers = {"Content-Type": "application/rss+xml; charset=utf-8"}
        if feed.kind != "plain":
            headers["ETag"] = etag
            if request.headers.get("If-None-Match") == etag:
                return web.Response(status=304, headers={"ETag": etag})
        items = warmup_items(feed) if first else measured_items(feed)
        return web.Response(body=rss(feed, items), headers=headers)

    app = web.Application()
    app.router.add_route("GET", "/{tail:.*}", handler)
    runner = web.AppRunner(app, shutdown_timeout=0.1, access_log=None)
    await runner.setup()
    ports = []
    for _ in range(PORTS):
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        ports.append(site._server.sockets[0].getsockname()[1])  # type: ignore[union-attr]
    conn.send(ports)
    await asyncio.get_running_loop().run_in_executor(None, conn.recv)  # "stop"
    await runner.cleanup()


# --- measuring -----------------------------------------------------------------------------
def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def maxrss_mb() -> float:
    # Linux reports kilobytes (macOS bytes).
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 1e6


class RssSampler:
    def __init__(self, interval_s: float = 0.02) -> None:
        self.peak = 0.0
        self._interval = interval_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_mb())
            self._stop.wait(self._interval)

    def __enter__(self) -> RssSampler:
        self.peak = rss_mb()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_mb())


async def timed_poll(poll: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    report = await poll()
    return report, time.perf_counter() - started


async def run(ports: list[int], db: Path, analysis: str = "inline") -> None:
    start_rss = rss_mb()
    from bot.bootstrap import bootstrap
    from bot.core.models import SourceConfig
    from bot.ingest.fetch import Fetcher, FetchLimits
    from bot.settings import load_settings

    settings = load_settings(
        env={
            "DATABASE_URL": f"sqlite:///{db}",
            "NEWSBRIEF_SOURCES": "demo:",
            "NEWSBRIEF_THREADS": os.environ.get("NEWSBRIEF_THREADS", "2"),
            "NEWSBRIEF_ANALYSIS": analysis,
        }
    )
    app = bootstrap(settings)
    imported_rss = rss_mb()
    print(f"analysis mode: {analysis} (worker: the poller never loads the model)")
    if analysis == "inline":
        app.analyzer.encoder.encode(["warm-up"])  # torch + all-MiniLM-L6-v2
    encoder_rss = rss_mb()
    loaded = (
        f"{encoder_rss:.0f} MB with torch + the sentence encoder loaded "
        f"(encoder share {encoder_rss - imported_rss:.0f} MB)"
        if analysis == "inline"
        else "model not loaded"
    )
    print(
        f"RSS: {start_rss:.0f} MB at start, {imported_rss:.0f} MB with newsbrief imported, {loaded}"
    )
    feeds = plan()
    sources = [
        SourceConfig(
            name=f"feed-{f.index:03d}",
            url=f"http://127.0.0.1:{ports[f.index % PORTS]}{f.path}",
            kind="wire",
        )
        for f in sorted(feeds, key=lambda f: f.index)
    ]
    limits = FetchLimits(timeout_s=TIMEOUT_S)
    print(
        f"{len(sources)} feeds on {PORTS} ports; fetch timeout {TIMEOUT_S:g} s, concurrency "
        f"{limits.concurrency}, {limits.per_host} per host"
    )

    async with Fetcher(limits) as fetcher:
        ingestor = app.ingestor(fetcher)
        report, elapsed = await timed_poll(lambda: ingestor.poll(sources, force=True))
        print(
            f"warm-up poll: {elapsed:.1f} s, {report.new_articles} new articles, "
            f"{len(report.ok)} ok, {len(report.failed)} failed; RSS {rss_mb():.0f} MB"
        )
        before = rss_mb()
        with RssSampler() as sampler:
            report, elapsed = await timed_poll(lambda: ingestor.poll(sources, force=True))
        errors: dict[str, int] = {}
        for _name, error in report.failed:
            errors[error] = errors.get(error, 0) + 1
        print(
            f"measured poll: {elapsed:.2f} s wall for {len(sources)} feeds "
            f"({report.new_articles} new articles, {len(report.ok)} ok, "
            f"{len(report.failed)} failed: "
            + ", ".join(f"{n}x {e}" for e, n in sorted(errors.items()))
            + ")"
        )
        print(
            f"measured poll memory: RSS {before:.0f} MB before, peak {sampler.peak:.0f} MB "
            f"during (delta {sampler.peak - before:+.0f} MB); process peak (maxrss) "
            f"{maxrss_mb():.0f} MB, of which torch + encoder ~{encoder_rss - imported_rss:.0f} MB"
        )
        tracemalloc.start()
        report, traced = await timed_poll(lambda: ingestor.poll(sources, force=True))
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"traced repeat poll (tracemalloc on, {traced:.1f} s, {report.new_articles} new): "
            f"Python heap peak {peak / 1e6:.1f} MB"
        )
    verdict_time = "OK" if elapsed < 30 else "OVER"
    verdict_mem = "OK" if sampler.peak < 300 else "OVER"
    print(
        f"targets: < 30 s -> {verdict_time} ({elapsed:.2f} s); < 300 MB -> "
        f"{verdict_mem} for the cycle's peak RSS ({sampler.peak:.0f} MB, of which "
        f"~{encoder_rss - imported_rss:.0f} MB is torch + encoder, loaded once per process)"
    )


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--analysis", choices=("inline", "worker"), default="inline")
    args = parser.parse_args()
    # Failing feeds log one warning each by design; the bench prints a tally instead.
    logging.basicConfig(level=logging.ERROR)
    print(
        f"bench_poll: {datetime.now(UTC):%Y-%m-%d %H:%M UTC} on {platform.platform()} "
        f"({platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()})"
    )
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe()
    server = context.Process(target=serve, args=(child,), daemon=True)
    server.start()
    try:
        if not parent.poll(60):
            print("feed server did not start")
            return 1
        ports: list[int] = parent.recv()
        with tempfile.TemporaryDirectory() as tmp:
            asyncio.run(run(ports, Path(tmp) / "bench.db", args.analysis))
    finally:
        parent.send("stop")
        server.join(timeout=5)
        if server.is_alive():
            server.terminate()
    return 0


if __name__ == "__main__":
    sys.exit(main())
