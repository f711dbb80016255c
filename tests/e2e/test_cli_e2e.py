"""End to end: a local HTTP server serves a feed and article pages; the real CLI
(`newsbrief brief`, `newsbrief console`) polls it and prints a brief."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.support.feed_server import FeedServer

REPO = Path(__file__).resolve().parents[2]

PAGE = """<!doctype html><html><head><title>Shelling kills 14 in Aleppo</title>
<link rel="canonical" href="{url}"></head><body>
<nav>Home | World | Middle East</nav>
<article><h1>Shelling kills 14 in Aleppo's Salaheddine district</h1>
<p>At least 14 people were killed and 30 wounded when shells hit the Salaheddine district of
Aleppo on Sunday, the Syrian Civil Defence said.</p>
<p>Rescuers worked through the night to pull survivors from two collapsed buildings near the
district's main market, the civil defence group said in a statement.</p>
<p>"We have never seen destruction like this in the neighbourhood," said Mahmoud Khaled, a
rescuer with the group.</p>
<p>The government blamed rebel artillery positioned west of the city for the attack and said
its forces had returned fire on the positions.</p>
<p>Aleppo, Syria's second city, has seen renewed fighting since rebels launched an offensive
last week.</p></article>
<footer>Share this article. Subscribe to our newsletter.</footer></body></html>"""

OTHER = """<!doctype html><html><head><title>Harvest festival</title></head><body><article>
<h1>Harvest festival opens in Lyon</h1><p>The annual harvest festival opened in Lyon on
Saturday with music, food stalls and a parade through the old town that drew thousands of
visitors from across the region, organisers said.</p><p>The festival runs until Sunday and
features more than forty local producers.</p></article></body></html>"""


def _feed(base: str) -> str:
    items = [
        ("aleppo-shelling", "Shelling kills 14 in <b>Aleppo</b>", "Fourteen killed."),
        ("lyon-festival", "Harvest festival opens in Lyon", "A festival."),
    ]
    entries = "".join(
        f"<item><title>{title.replace('<', '&lt;').replace('>', '&gt;')}</title>"
        f"<link>{base}/news/{slug}</link><guid>{slug}</guid><description>{teaser}</description>"
        f"<pubDate>Sun, 22 Nov 2026 10:00:00 GMT</pubDate></item>"
        for slug, title, teaser in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Test Wire</title><link>{base}</link>{entries}</channel></rss>"
    )


@pytest.fixture
async def site(tmp_path: Path) -> AsyncIterator[tuple[FeedServer, Path]]:
    async with FeedServer() as server:
        base = server.url("")
        server.add_static("/feed.xml", _feed(base))
        server.add_static(
            "/news/aleppo-shelling",
            PAGE.format(url=f"{base}/news/aleppo-shelling"),
            content_type="text/html; charset=utf-8",
        )
        server.add_static("/news/lyon-festival", OTHER, content_type="text/html; charset=utf-8")
        sources = tmp_path / "sources.toml"
        sources.write_text(
            "[[sources]]\n"
            f'name = "Test Wire"\nurl = "{base}/feed.xml"\nkind = "wire"\n\n'
            "[[sources]]\n"
            # A closed port on loopback: a source that fails, reported and survived.
            'name = "Dead Source"\nurl = "http://127.0.0.1:9/feed.xml"\nkind = "local"\n',
            encoding="utf-8",
        )
        yield server, sources


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'e2e.db'}",
        HF_HUB_OFFLINE="1",
        NEWSBRIEF_THREADS="2",
    )
    env.pop("NEWSBRIEF_SOURCES", None)
    return env


async def _run(args: list[str], env: dict[str, str], stdin: str = "") -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        cwd=REPO,
        env=env,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(stdin.encode()), timeout=120)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


async def test_brief_json_has_the_figure_and_quote_from_the_pages(
    site: tuple[FeedServer, Path], tmp_path: Path
) -> None:
    server, sources = site
    code, out, err = await _run(
        ["brief", "syria", "--sources", str(sources), "--format", "json", "--window", "7d"],
        _env(tmp_path),
    )
    assert code == 0, err
    assert "source failed: Dead Source" in err  # said clearly, and the brief still came
    brief = json.loads(out)
    assert brief["topic"] == "syria" and len(brief["items"]) == 1
    item = brief["items"][0]
    assert item["headline"] == "Shelling kills 14 in Aleppo"  # HTML stripped from the title
    killed = next(f for f in item["figures"] if f["category"] == "killed")
    assert killed["high"] == 14 and killed["reports"][0]["source"] == "the Syrian Civil Defence"
    quote = item["quotes"][0]
    assert quote["speaker"] == "Mahmoud Khaled"
    assert quote["text"].startswith("We have never seen destruction like this")
    assert item["sources"][0]["url"].endswith("/news/aleppo-shelling")
    assert any("Dead Source" in note for note in brief["notes"])
    assert server.stats.requests["/news/aleppo-shelling"] == 1

    # A second run finds nothing new: every article is processed once.
    code, out, _ = await _run(
        ["brief", "syria", "--sources", str(sources), "--format", "text", "--window", "7d"],
        _env(tmp_path),
    )
    assert code == 0 and "Shelling kills 14 in Aleppo" in out
    assert "Mahmoud Khaled" in out and "14" in out
    assert server.stats.requests["/news/aleppo-shelling"] == 1


async def test_console_brief_and_subscriptions(
    site: tuple[FeedServer, Path], tmp_path: Path
) -> None:
    _server, sources = site
    script = (
        "/subscribe idlib\n/list\n/brief syria 7d\n/frobnicate\nhello\n/unsubscribe syria\n/quit\n"
    )
    code, out, _ = await _run(["console", "--sources", str(sources)], _env(tmp_path), script)
    assert code == 0
    assert "Subscribed to Syria" in out and "This chat follows:" in out
    assert "Shelling kills 14 in Aleppo" in out and "Mahmoud Khaled" in out
    assert "Unknown command /frobnicate" in out and "Commands start with /" in out
    assert "Unsubscribed from Syria" in out
    assert "Traceback" not in out


async def test_offline_run_falls_back_to_the_demo_source(tmp_path: Path) -> None:
    sources = tmp_path / "dead.toml"
    sources.write_text('[[sources]]\nname = "Dead"\nurl = "http://127.0.0.1:9/rss"\n')
    code, out, err = await _run(["brief", "syria", "--sources", str(sources)], _env(tmp_path))
    assert code == 0, err
    assert "source failed: Dead" in err and "bundled demo source" in err
    assert "Idlib" in out and "invented for illustration" in out


async def test_unknown_topic_is_a_clear_error(tmp_path: Path) -> None:
    code, _out, err = await _run(
        ["brief", "atlantis", "--sources", "demo:", "--no-poll"], _env(tmp_path)
    )
    assert code == 2 and "unknown topic 'atlantis'" in err and "syria" in err


async def test_run_without_credentials_says_what_is_missing(tmp_path: Path) -> None:
    env = _env(tmp_path)
    for name in (
        "TELEGRAM_BOT_TOKEN",
        "SLACK_BOT_TOKEN",
        "SLACK_APP_TOKEN",
        "SLACK_SIGNING_SECRET",
    ):
        env.pop(name, None)
    code, _out, err = await _run(["run", "--sources", "demo:"], env)
    assert code == 2 and "TELEGRAM_BOT_TOKEN" in err and "SLACK_BOT_TOKEN" in err
