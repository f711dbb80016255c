"""The real poll cycle (Ingestor via bootstrap) against a local feed server serving good and
bad sources at once: bad input is reported per source and never stops the others."""

from __future__ import annotations

import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiohttp import web
from sqlalchemy import select

from bot.bootstrap import App, bootstrap
from bot.core.models import PollReport, SourceConfig
from bot.core.wording import source_label
from bot.settings import load_settings
from bot.store.schema import articles, stories
from summarizer.analysis import Analyzer

try:
    from tests.support.feed_server import FeedServer, rss_document
except ModuleNotFoundError:  # pytest's default import mode puts only the test's folder on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tests.support.feed_server import FeedServer, rss_document

REPO = Path(__file__).resolve().parents[2]
TIMEOUT_S = 2.0  # [poll] timeout_s in the test's config: the slow source takes 3x longer

# Full articles in the feed (content:encoded >= 500 chars): no page fetches for these.
ARTICLES = {
    "aleppo-shelling": (
        "Shelling kills 14 in Aleppo's Salaheddine district",
        "At least 14 people were killed and 30 wounded when shells hit the Salaheddine "
        "district of Aleppo on Sunday, the Syrian Civil Defence said. Rescuers worked through "
        "the night to pull survivors from two collapsed buildings near the district's main "
        "market, the civil defence group said in a statement. The government blamed rebel "
        "artillery positioned west of the city for the attack and said its forces had "
        "returned fire. Aleppo, Syria's second city, has seen renewed fighting since rebels "
        "launched an offensive last week, and aid groups say thousands have fled.",
    ),
    "kharkiv-drones": (
        "Drone attack on Kharkiv injures 23, governor says",
        "Russian drones struck residential buildings in Kharkiv overnight, injuring 23 people "
        "including three children, regional governor Andriy Koval said on Wednesday. Fires "
        "broke out in two apartment blocks and a school in the city's north, and emergency "
        "crews worked until dawn to put them out, the regional emergency service said. Two "
        "people were killed in a separate strike on a village east of the city. Ukraine's air "
        "force said it had shot down 31 of the 40 drones launched overnight across the "
        "country, most of them over the Kharkiv and Sumy regions near the Russian border.",
    ),
    "el-fasher-camp": (
        "Shelling of El Fasher camp kills 18 as RSF siege tightens",
        "At least 18 civilians were killed and dozens wounded when shells struck the Abu Shouk "
        "displacement camp on the edge of El Fasher, the capital of North Darfur, local "
        "activists said on Monday. The Rapid Support Forces, which have besieged El Fasher "
        "for months, did not comment on the attack. Medical workers at the city's last "
        "functioning hospital said they were running out of supplies and fuel for generators, "
        "and that many of the wounded were women and children who had fled earlier fighting "
        "in the countryside around the city, where aid convoys have not reached for weeks.",
    ),
}
# A teaser whose article page cannot be fetched (404): the feed summary is stored instead.
TEASER = ("gaza-convoy", "Aid convoy reaches Khan Younis", "Thirty aid trucks reached Gaza.")

PAGE = """<!doctype html><html><head><title>Strike on Idlib bakery kills nine</title>
<link rel="canonical" href="{url}"></head><body><nav>Home | World</nav><article>
<h1>Strike on Idlib bakery kills nine</h1>
<p>An air strike hit a bakery in the town of Maarat al-Numan in Idlib province on Thursday,
killing nine people who were queueing for bread, the White Helmets civil defence said.</p>
<p>Rescuers said the toll could rise as several of the wounded were in a critical condition,
and that the bakery had been the only one still working in the town.</p>
<p>"People were waiting for bread when the plane came," said Ahmad Saleh, a rescuer.</p>
</article><footer>Subscribe to our newsletter.</footer></body></html>"""


@dataclass(frozen=True)
class Item:
    guid: str
    link: str
    title: str
    summary: str
    content: str = ""  # full text (content:encoded) when given
    date: str = "Sun, 22 Nov 2026 10:00:00 GMT"


def rss(items: list[Item], title: str = "Test wire") -> str:
    body = "".join(
        f"<item><title>{i.title}</title><link>{i.link}</link><guid>{i.guid}</guid>"
        f"<pubDate>{i.date}</pubDate><description>{i.summary}</description>"
        + (
            f"<content:encoded><![CDATA[<p>{i.content}</p>]]></content:encoded>"
            if i.content
            else ""
        )
        + "</item>"
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{title}</title><link>https://wire.example/</link>{body}"
        "</channel></rss>"
    )


def good_items(base: str, hour: int, reverse: bool = False) -> list[Item]:
    """The good feed; a later poll may re-date (``hour``) and reorder the same items."""
    items = [
        Item(
            f"urn:wire:{slug}",
            f"{base}/news/{slug}",
            headline,
            headline,
            content=text,
            date=f"Sun, 22 Nov 2026 {hour + n:02d}:00:00 GMT",
        )
        for n, (slug, (headline, text)) in enumerate(ARTICLES.items())
    ]
    slug, headline, teaser = TEASER
    items.append(
        Item(
            f"urn:wire:{slug}",
            f"{base}/missing/{slug}",
            headline,
            teaser,
            date=f"Sun, 22 Nov 2026 {hour + 5:02d}:00:00 GMT",
        )
    )
    return list(reversed(items)) if reverse else items


@pytest.fixture
async def server() -> AsyncIterator[FeedServer]:
    async with FeedServer() as srv:
        yield srv


@pytest.fixture
def app(tmp_path: Path, analyzer: Analyzer) -> App:
    config = tmp_path / "config"
    config.mkdir()
    (config / "newsbrief.toml").write_text(f"[poll]\ntimeout_s = {TIMEOUT_S}\n")
    settings = load_settings(
        env={
            "DATABASE_URL": f"sqlite:///{tmp_path / 'poll.db'}",
            "NEWSBRIEF_CONFIG_DIR": str(config),
            "NEWSBRIEF_TOPICS": str(REPO / "config" / "topics.toml"),
            "NEWSBRIEF_SOURCES": "demo:",
        }
    )
    assert settings.fetch_timeout_s == TIMEOUT_S
    # Loaded up front (session-wide anyway): loading weights mid-poll would hog the CPU that
    # the local server shares with the client, and make the short timeout flaky.
    analyzer.encoder.encode(["warm-up"])
    return bootstrap(settings, analyzer=analyzer)


async def poll(app: App, sources: list[SourceConfig]) -> PollReport:
    async with app.fetcher() as fetcher:
        return await app.ingestor(fetcher).poll(sources, force=True)


def stored(app: App) -> dict[str, dict[str, object]]:
    with app.engine.connect() as conn:
        return {row.guid: dict(row._mapping) for row in conn.execute(select(articles))}


async def test_one_poll_over_good_and_bad_sources(app: App, server: FeedServer) -> None:
    base = server.url("")
    good_body = {"xml": rss(good_items(base, hour=8))}

    async def good_feed(request: web.Request) -> web.StreamResponse:
        return web.Response(text=good_body["xml"], content_type="application/rss+xml")

    conditional_feed = rss(
        [
            Item(
                "urn:wire:cond-sudan",
                f"{base}/news/cond-sudan",
                "Sudan: famine spreads in North Darfur",
                "Famine",
                content="Humanitarian agencies warned on Tuesday that famine conditions are "
                "spreading in North Darfur, where fighting between the army and the Rapid "
                "Support Forces has cut supply routes to El Fasher. " * 3,
            )
        ]
    )
    dup_text = (
        "Rockets fired at the town of Azaz in northern Syria killed five people on Saturday, "
        "a local council said, blaming forces positioned to the south. " * 5
    )
    duplicates = rss(
        [
            Item(
                "urn:wire:dup", f"{base}/news/azaz", "Rockets kill five in Azaz", "Azaz", dup_text
            ),
            Item("urn:wire:dup", f"{base}/news/azaz-2", "Rockets kill 5 in Azaz", "Azaz", dup_text),
        ]
    )
    server.add("/good.xml", good_feed)
    server.add_static("/broken.xml", '<?xml version="1.0"?><rss><channel><title>x</rss')
    server.add_static(
        "/page.html",
        PAGE.format(url=f"{base}/news/idlib-bakery"),
        content_type="text/html; charset=utf-8",
    )
    server.add_static(
        "/index.html",
        "<!doctype html><html><body><nav><a href='/'>Home</a></nav></body></html>",
        content_type="text/html",
    )
    # A PNG labelled as a feed: the server lies about the type, the bytes do not.
    server.add_static("/image.xml", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    server.add_conditional("/conditional.xml", conditional_feed)
    server.add_static("/slow.xml", rss_document(1), delay_s=3 * TIMEOUT_S)
    server.add_static("/empty.xml", b"")
    server.add_static("/no-items.xml", rss([]))
    server.add_static("/duplicates.xml", duplicates)
    server.add_static("/down.xml", "oops", status=500, content_type="text/plain")

    def source(name: str, path: str) -> SourceConfig:
        return SourceConfig(name=name, url=f"{base}{path}", kind="wire")

    sources = [
        source("Good", "/good.xml"),
        source("Broken XML", "/broken.xml"),
        source("Article page", "/page.html"),
        source("Index page", "/index.html"),
        source("Binary", "/image.xml"),
        source("Conditional", "/conditional.xml"),
        source("Slow", "/slow.xml"),
        source("Empty body", "/empty.xml"),
        source("No items", "/no-items.xml"),
        source("Duplicates", "/duplicates.xml"),
        source("Down", "/down.xml"),
    ]
    expected_errors = {
        "Broken XML": "malformed XML: ",
        "Index page": "not a feed: looks like an HTML page, without article text",
        "Binary": "binary content (by its magic number), not a feed or page",
        "Slow": f"timed out after {TIMEOUT_S:g}s",
        "Empty body": "empty document",
        "Down": "HTTP 500",
    }

    started = time.perf_counter()
    report = await poll(app, sources)
    elapsed = time.perf_counter() - started

    failed = dict(report.failed)
    assert set(failed) == set(expected_errors), report
    for name, message in expected_errors.items():
        assert failed[name].startswith(message), (name, failed[name])
    assert set(report.ok) == {
        "Good",
        "Article page",
        "Conditional",
        "No items",
        "Duplicates",
    }
    assert "Duplicates: dropped 1 entry with a duplicate GUID (kept the first)" in report.notes
    # The slow source cost its timeout, not its 3 s, and did not hold up the rest.
    assert elapsed < 3 * TIMEOUT_S + 20

    rows = stored(app)
    # Good: 3 full articles + the teaser; page: 1; conditional: 1; duplicates: 1.
    assert report.new_articles == len(rows) == 7
    for slug, (headline, _text) in ARTICLES.items():
        row = rows[f"urn:wire:{slug}"]
        assert row["title"] == headline and row["from_feed_summary"] is False
        assert row["story_id"] is not None
    teaser = rows[f"urn:wire:{TEASER[0]}"]
    assert teaser["from_feed_summary"] is True and teaser["text"] == TEASER[2]
    story = app.stories.get_story(int(teaser["story_id"]))
    assert story is not None
    assert [s.summary_only for s in story.sources] == [True]
    assert "feed summary only" in source_label(story.sources[0])  # shown beside its link
    assert server.stats.requests[f"/missing/{TEASER[0]}"] == 1  # tried once, 404
    fetched_pages = [path for path in server.stats.requests if path.startswith("/news/")]
    assert not fetched_pages  # full text in the feed
    page = rows[f"{base}/news/idlib-bakery"]  # an HTML page as a source: one article
    assert page["title"] == "Strike on Idlib bakery kills nine" and "queueing" in str(page["text"])
    assert rows["urn:wire:dup"]["title"] == "Rockets kill five in Azaz"
    with app.engine.connect() as conn:
        vectors = conn.execute(select(stories.c.lead_vector)).scalars().all()
    # Every story keeps its first report's lead embedding (hybrid clustering).
    assert vectors and all(v is not None and len(v) == 384 for v in vectors)

    statuses = {s.name: s for s in app.sources.source_statuses()}
    for name, message in expected_errors.items():
        status = statuses[name]
        assert status.last_error is not None and status.last_error.startswith(message)
        assert status.failures == 1 and status.disabled_reason is None
    assert statuses["Good"].last_error is None and statuses["Good"].items_seen == 4

    # Second poll: the good feed reorders and re-dates its items, the conditional source
    # answers 304, failing sources fail again; nothing new is stored.
    good_body["xml"] = rss(good_items(base, hour=15, reverse=True))
    requests_before = dict(server.stats.requests)
    headers_before = len(server.stats.request_headers)
    second = await poll(app, sources)
    assert second.new_articles == 0 and len(stored(app)) == 7
    assert set(dict(second.failed)) == set(expected_errors)
    assert "Good" in second.ok and "Conditional" in second.ok
    conditional_requests = [
        h for h in server.stats.request_headers[headers_before:] if h.get("If-None-Match")
    ]
    assert [h["If-None-Match"] for h in conditional_requests] == ['"v1"']
    # The teaser is seen by its GUID: its missing page is not asked for again.
    assert (
        server.stats.requests[f"/missing/{TEASER[0]}"] == requests_before[f"/missing/{TEASER[0]}"]
    )
    statuses = {s.name: s for s in app.sources.source_statuses()}
    assert all(statuses[name].failures == 2 for name in expected_errors)
    assert statuses["Conditional"].items_seen == 1 and statuses["Conditional"].last_error is None


async def test_source_is_disabled_after_consecutive_failures(app: App, server: FeedServer) -> None:
    down = SourceConfig(name="Down", url=server.add_static("/down.xml", "no", status=503))
    for attempt in range(1, 11):
        report = await poll(app, [down])
        assert report.failed == (("Down", "HTTP 503"),)
        status = app.sources.source_statuses()[0]
        assert status.failures == attempt
        assert (status.disabled_reason is None) == (attempt < 10)
    assert status.disabled_reason == "disabled after 10 failures in a row; last: HTTP 503"
    # Disabled: reported with its reason, not fetched any more, even when forced.
    report = await poll(app, [down])
    assert report.failed == (("Down", status.disabled_reason),)
    assert server.stats.requests["/down.xml"] == 10
    note = app.failing_sources_note()
    assert note and "Down (HTTP 503)" in note[0]


async def test_one_wire_story_in_two_feeds_polled_together_is_stored_once(
    app: App, server: FeedServer
) -> None:
    slug, (headline, text) = next(iter(ARTICLES.items()))
    for outlet in ("a", "b"):
        server.add_static(
            f"/{outlet}.xml",
            rss(
                [
                    Item(
                        f"urn:{outlet}:{slug}",
                        f"https://{outlet}.example/{slug}",
                        headline,
                        "",
                        text,
                    )
                ]
            ),
        )
    sources = [
        SourceConfig(name=f"Outlet {o}", url=server.url(f"/{o}.xml"), kind="wire") for o in "ab"
    ]
    report = await poll(app, sources)
    assert report.new_articles == 1 and len(stored(app)) == 1
    assert set(report.ok) == {"Outlet a", "Outlet b"} and not report.failed
