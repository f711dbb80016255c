"""The Fetcher against real local servers and real files."""

from __future__ import annotations

import asyncio
import gzip
import socket
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from bot.ingest.fetch import Fetcher, FetchLimits, decode_body

try:
    from tests.support.feed_server import FeedServer, ServerStats, rss_document
except ModuleNotFoundError:  # pytest's default import mode puts only the test's folder on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tests.support.feed_server import FeedServer, ServerStats, rss_document

LIMITS = FetchLimits(timeout_s=2.0)


@pytest.fixture
async def server() -> AsyncIterator[FeedServer]:
    async with FeedServer() as srv:
        yield srv


async def test_fetches_feed_with_user_agent_and_validators(server: FeedServer) -> None:
    url = server.add_conditional("/feed.xml", rss_document(2))
    async with Fetcher(LIMITS) as fetcher:
        result = await fetcher.fetch(url)
    assert result.ok and result.status == 200 and not result.not_modified
    assert result.text.startswith('<?xml version="1.0" encoding="utf-8"?>')
    assert result.content_type == "application/rss+xml; charset=utf-8"
    assert (result.etag, result.last_modified) == ('"v1"', "Tue, 03 Dec 2024 12:00:00 GMT")
    assert server.stats.request_headers[0]["User-Agent"] == LIMITS.user_agent


async def test_conditional_get_returns_not_modified(server: FeedServer) -> None:
    url = server.add_conditional("/feed.xml", rss_document(2))
    async with Fetcher(LIMITS) as fetcher:
        first = await fetcher.fetch(url)
        by_etag = await fetcher.fetch(url, etag=first.etag)
        by_date = await fetcher.fetch(url, last_modified=first.last_modified)
    assert server.stats.request_headers[1]["If-None-Match"] == '"v1"'
    assert server.stats.request_headers[2]["If-Modified-Since"] == first.last_modified
    for result in (by_etag, by_date):
        assert result.ok and result.not_modified and result.status == 304
        assert result.body == b"" and result.etag == '"v1"'


async def test_redirect_is_followed_and_reported(server: FeedServer) -> None:
    target = server.add_static("/new.xml", rss_document(1))
    url = server.add_redirect("/old.xml", "/new.xml")
    async with Fetcher(LIMITS) as fetcher:
        result = await fetcher.fetch(url)
    assert result.ok and result.final_url == target and result.url == url


async def test_gzip_content_encoding_is_decoded(server: FeedServer) -> None:
    doc = rss_document(3)
    url = server.add_static(
        "/gz.xml", gzip.compress(doc.encode()), headers={"Content-Encoding": "gzip"}
    )
    async with Fetcher(LIMITS) as fetcher:
        result = await fetcher.fetch(url)
    assert result.ok and result.text == doc


async def test_per_host_limit_holds(server: FeedServer) -> None:
    url = server.add_static("/slow.xml", rss_document(1), delay_s=0.15)
    async with Fetcher(FetchLimits(timeout_s=5.0, per_host=2)) as fetcher:
        results = await asyncio.gather(*(fetcher.fetch(url) for _ in range(8)))
    assert all(r.ok for r in results)
    assert server.stats.requests["/slow.xml"] == 8
    assert server.stats.max_in_flight == 2  # parallel, yet never more than per_host


async def test_overall_limit_holds_across_hosts() -> None:
    shared = ServerStats()
    servers = [await FeedServer(shared).start() for _ in range(3)]  # three host:port pairs
    try:
        urls = [s.add_static("/slow.xml", rss_document(1), delay_s=0.15) for s in servers]
        async with Fetcher(FetchLimits(timeout_s=5.0, concurrency=3, per_host=2)) as fetcher:
            results = await asyncio.gather(*(fetcher.fetch(u) for u in urls * 4))
    finally:
        for srv in servers:
            await srv.close()
    assert all(r.ok for r in results)
    assert shared.max_in_flight == 3


async def test_busy_host_does_not_block_other_hosts(server: FeedServer) -> None:
    slow = server.add_static("/slow.xml", rss_document(1), delay_s=0.4)
    async with FeedServer() as other:
        fast = other.add_static("/fast.xml", rss_document(1))
        async with Fetcher(FetchLimits(timeout_s=5.0, concurrency=2, per_host=1)) as fetcher:
            queued = [asyncio.create_task(fetcher.fetch(slow)) for _ in range(4)]
            await asyncio.sleep(0.05)  # the slow host is busy, three requests queue behind it
            started = time.perf_counter()
            result = await fetcher.fetch(fast)
            waited = time.perf_counter() - started
            await asyncio.gather(*queued)
    assert result.ok
    assert waited < 0.3  # did not wait for a slow request to free an overall slot


async def test_connection_refused_is_an_error_not_an_exception() -> None:
    with socket.socket() as sock:  # find a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    async with Fetcher(LIMITS) as fetcher:
        result = await fetcher.fetch(f"http://127.0.0.1:{port}/feed")
    assert result.status is None
    assert result.error is not None and result.error.startswith("could not connect")


async def test_unsupported_scheme() -> None:
    async with Fetcher(LIMITS) as fetcher:
        result = await fetcher.fetch("ftp://127.0.0.1/feed.xml")
    assert result.error == "unsupported URL scheme 'ftp'"


async def test_injected_client_is_used_and_left_open(server: FeedServer) -> None:
    url = server.add_static("/a.xml", rss_document(1))
    async with httpx.AsyncClient(headers={"X-Probe": "yes"}) as client:
        async with Fetcher(LIMITS, client=client) as fetcher:
            result = await fetcher.fetch(url)
        assert not client.is_closed  # the owner closes it, not the Fetcher
    assert result.ok
    assert server.stats.request_headers[0]["X-Probe"] == "yes"


async def test_local_path_and_file_url(tmp_path: Path) -> None:
    feed = tmp_path / "my feed.xml"
    feed.write_text(rss_document(2), encoding="utf-8")
    async with Fetcher(LIMITS) as fetcher:
        by_path = await fetcher.fetch(str(feed))
        by_url = await fetcher.fetch(feed.as_uri())
        unchanged = await fetcher.fetch(str(feed), last_modified=by_path.last_modified)
        missing = await fetcher.fetch(str(tmp_path / "nope.xml"))
    assert by_path.ok and by_path.text == rss_document(2) and by_path.status is None
    assert by_url.ok and by_url.body == by_path.body
    assert unchanged.ok and unchanged.not_modified
    assert missing.error == f"file not found: {tmp_path / 'nope.xml'}"


async def test_local_file_over_the_cap_and_binary_file(tmp_path: Path) -> None:
    big = tmp_path / "big.xml"
    big.write_bytes(b"<rss>" + b" " * 2_000)
    image = tmp_path / "photo.jpg"
    image.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 100)
    async with Fetcher(FetchLimits(max_bytes=1_000)) as fetcher:
        too_big = await fetcher.fetch(str(big))
        binary = await fetcher.fetch(str(image))
    assert too_big.error == "response larger than 1 kB"
    assert binary.error == "binary content (image/jpeg), not a feed or page"


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        ("Zürich".encode("cp1252"), "text/html; charset=windows-1252", "Zürich"),
        ("Zürich".encode("cp1252"), "text/html; charset=utf-8", "Zürich"),  # header lies
        ('<?xml version="1.0" encoding="koi8-r"?><t>Мир</t>'.encode("koi8-r"), "", "Мир"),
        ('<meta charset="iso-8859-7"><p>Ελλάδα</p>'.encode("iso-8859-7"), "text/html", "Ελλάδα"),
        ("\ufeffKyiv — Київ".encode("utf-16"), "text/plain; charset=latin-1", "Київ"),
        (b"caf\xc3\xa9 \x81", "text/plain", "café"),  # neither utf-8 nor cp1252: replace
        (b"", "text/plain", ""),
    ],
)
def test_decode_body_charset_order(body: bytes, content_type: str, expected: str) -> None:
    assert expected in decode_body(body, content_type)
