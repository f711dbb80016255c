"""Bad input from real (local) servers: every case ends in a clear error or warning."""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web

from bot.ingest.feeds import FeedError, ParsedFeed, parse_feed
from bot.ingest.fetch import Fetcher, FetchLimits, FetchResult

try:
    from tests.support.feed_server import FeedServer, rss_document
except ModuleNotFoundError:  # pytest's default import mode puts only the test's folder on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tests.support.feed_server import FeedServer, rss_document

FAST = FetchLimits(timeout_s=2.0, max_bytes=1_000_000)


@pytest.fixture
async def server() -> AsyncIterator[FeedServer]:
    async with FeedServer() as srv:
        yield srv


async def fetch(url: str, limits: FetchLimits = FAST) -> FetchResult:
    async with Fetcher(limits) as fetcher:
        return await fetcher.fetch(url)


async def fetch_and_parse(
    url: str, max_entries: int = 500, limits: FetchLimits = FAST
) -> ParsedFeed:
    result = await fetch(url, limits)
    assert result.ok, result.error
    return parse_feed(result.body, url=result.final_url, max_entries=max_entries)


async def test_malformed_xml_with_items_parses_what_it_can(server: FeedServer) -> None:
    broken = rss_document(4).replace("</pubDate></item>", "</pubDate></itemz></item>", 1)
    feed = await fetch_and_parse(server.add_static("/broken.xml", broken))
    assert len(feed.entries) == 4
    assert any(
        w.startswith("malformed XML (mismatched tag at line") and "parsed 4 entries anyway" in w
        for w in feed.warnings
    ), feed.warnings


async def test_malformed_xml_without_items_is_an_error(server: FeedServer) -> None:
    url = server.add_static("/junk.xml", '<?xml version="1.0"?><rss><channel><title>x</rss')
    result = await fetch(url)
    with pytest.raises(FeedError, match=r"^malformed XML: .+"):
        parse_feed(result.body)


async def test_html_page_served_as_feed(server: FeedServer) -> None:
    page = "<!DOCTYPE html><html><head><title>Home</title></head><body><p>Hi</p></body></html>"
    url = server.add_static("/feed", page, content_type="application/rss+xml")
    result = await fetch(url)
    assert result.ok
    with pytest.raises(FeedError, match="not a feed: looks like an HTML page"):
        parse_feed(result.body, url=url)


@pytest.mark.parametrize("declare_length", [False, True])
async def test_fifty_megabyte_response_stops_at_cap(
    server: FeedServer, declare_length: bool
) -> None:
    url = server.add_stream("/huge.xml", 50_000_000, declare_length=declare_length)
    started = time.perf_counter()
    result = await fetch(url)
    elapsed = time.perf_counter() - started
    assert result.error == "response larger than 1 MB"
    assert result.body == b""
    # Returning promptly means it stopped reading rather than buffering 50 MB.
    assert elapsed < 3.0
    assert server.stats.bytes_streamed < 20_000_000


async def test_binary_file_by_content_type(server: FeedServer) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    result = await fetch(server.add_static("/logo.png", png, content_type="image/png"))
    assert result.error == "binary content (image/png), not a feed or page"
    assert result.text == ""


async def test_binary_bytes_labelled_as_xml(server: FeedServer) -> None:
    blob = b"<?xml version='1.0'?>\x00\x01\x02" * 10
    result = await fetch(server.add_static("/feed.xml", blob, content_type="text/xml"))
    assert result.error is not None
    assert result.error.startswith("binary content (NUL bytes")
    assert result.text == ""


async def test_wrong_declared_charset_decodes_without_crashing(server: FeedServer) -> None:
    # Header and XML declaration say utf-8; the bytes are Windows-1252.
    doc = rss_document([("g1", "Café in Alep – “ceasefire” holds")], title="Nouvelles")
    url = server.add_static("/cp1252.xml", doc.encode("cp1252"))
    result = await fetch(url)
    assert result.ok
    assert "Café in Alep – “ceasefire” holds" in result.text
    feed = parse_feed(result.text, url=url)
    assert feed.entries[0].title == "Café in Alep – “ceasefire” holds"
    # The raw bytes also parse (feedparser falls back by itself), without raising.
    assert len(parse_feed(result.body).entries) == 1


async def test_endless_redirect(server: FeedServer) -> None:
    url = server.add_endless_redirect("/loop")
    result = await fetch(url)
    assert result.error == "too many redirects (>5)"
    assert server.stats.requests["/loop"] == 6  # the first request plus five redirects


async def test_slow_server_times_out(server: FeedServer) -> None:
    url = server.add_static("/slow.xml", rss_document(1), delay_s=5.0)
    started = time.perf_counter()
    result = await fetch(url, FetchLimits(timeout_s=0.3))
    assert result.error == "timed out after 0.3s"
    assert result.status is None
    assert time.perf_counter() - started < 2.0


async def test_slow_drip_body_times_out_too(server: FeedServer) -> None:
    # Each chunk arrives within the per-read timeout, but the whole body never ends in time.
    async def drip(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/xml"})
        await response.prepare(request)
        for _ in range(50):
            await response.write(b"<!-- x -->")
            await asyncio.sleep(0.1)
        return response

    started = time.perf_counter()
    result = await fetch(server.add("/drip", drip), FetchLimits(timeout_s=0.5))
    assert result.error == "timed out after 0.5s"
    assert time.perf_counter() - started < 2.0


async def test_valid_feed_without_items_is_empty_not_an_error(server: FeedServer) -> None:
    feed = await fetch_and_parse(server.add_static("/empty.xml", rss_document(0)))
    assert feed.title == "Test feed"
    assert feed.entries == ()
    assert feed.warnings == ()


async def test_empty_body_is_an_error(server: FeedServer) -> None:
    result = await fetch(server.add_static("/nothing.xml", b""))
    assert result.ok and result.body == b""
    with pytest.raises(FeedError, match="empty document"):
        parse_feed(result.body)


async def test_ten_thousand_items_are_capped_quickly(server: FeedServer) -> None:
    url = server.add_static("/big.xml", rss_document(10_000))
    started = time.perf_counter()
    feed = await fetch_and_parse(url, max_entries=500, limits=FetchLimits())  # 1.6 MB
    assert time.perf_counter() - started < 10.0
    assert len(feed.entries) == 500
    assert feed.warnings == ("feed has 10000 entries, kept the newest 500",)
    # The newest ones are kept: item n is published n seconds after midnight.
    newest = max(e.published for e in feed.entries if e.published)
    assert newest.isoformat() == "2024-12-03T02:46:39+00:00"  # item 9999


async def test_duplicate_guids_are_collapsed(server: FeedServer) -> None:
    items = [("guid-1", "First"), ("guid-2", "Second"), ("guid-1", "First again")]
    feed = await fetch_and_parse(server.add_static("/dups.xml", rss_document(items)))
    assert [e.title for e in feed.entries] == ["First", "Second"]
    assert feed.warnings == ("dropped 1 entry with a duplicate GUID (kept the first)",)


async def test_server_error_status(server: FeedServer) -> None:
    result = await fetch(server.add_static("/down", "try later", status=503))
    assert result.error == "HTTP 503"
    assert result.status == 503
    assert not result.ok
