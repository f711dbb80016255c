"""A real HTTP server on 127.0.0.1 (ephemeral port) whose routes tests register.

Serves static bodies, conditional responses (ETag / Last-Modified -> 304), slow and endless
responses, redirect loops, and counts concurrent requests so politeness limits can be checked.
Routes may be added after start: the dispatcher looks them up per request.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from types import TracebackType

from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class ServerStats:
    requests: dict[str, int] = field(default_factory=dict)  # path -> count
    in_flight: int = 0
    max_in_flight: int = 0
    bytes_streamed: int = 0  # by stream routes, to prove a client stopped reading
    request_headers: list[dict[str, str]] = field(default_factory=list)


class FeedServer:
    def __init__(self, stats: ServerStats | None = None) -> None:
        self.routes: dict[str, Handler] = {}
        # Servers may share one ServerStats to count concurrency across "hosts" (ports).
        self.stats = stats or ServerStats()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- lifecycle -----------------------------------------------------------------------
    async def start(self) -> FeedServer:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        self._runner = web.AppRunner(app, shutdown_timeout=0.1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def __aenter__(self) -> FeedServer:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        stats = self.stats
        stats.requests[request.path] = stats.requests.get(request.path, 0) + 1
        stats.request_headers.append(dict(request.headers))
        handler = self.routes.get(request.path)
        if handler is None:
            return web.Response(status=404, text="no such route")
        stats.in_flight += 1
        stats.max_in_flight = max(stats.max_in_flight, stats.in_flight)
        try:
            return await handler(request)
        finally:
            stats.in_flight -= 1

    # -- route kinds ---------------------------------------------------------------------
    def add(self, path: str, handler: Handler) -> str:
        self.routes[path] = handler
        return self.url(path)

    def add_static(
        self,
        path: str,
        body: bytes | str,
        content_type: str = "application/rss+xml; charset=utf-8",
        status: int = 200,
        headers: dict[str, str] | None = None,
        delay_s: float = 0.0,
    ) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body

        async def handler(request: web.Request) -> web.StreamResponse:
            if delay_s:
                await asyncio.sleep(delay_s)
            return web.Response(
                body=data,
                status=status,
                headers={"Content-Type": content_type, **(headers or {})},
            )

        return self.add(path, handler)

    def add_conditional(
        self,
        path: str,
        body: bytes | str,
        etag: str = '"v1"',
        last_modified: str = "Tue, 03 Dec 2024 12:00:00 GMT",
        content_type: str = "application/rss+xml; charset=utf-8",
    ) -> str:
        """200 with validators, 304 when the request carries a matching one."""
        data = body.encode("utf-8") if isinstance(body, str) else body

        async def handler(request: web.Request) -> web.StreamResponse:
            validators = {"ETag": etag, "Last-Modified": last_modified}
            if (
                request.headers.get("If-None-Match") == etag
                or request.headers.get("If-Modified-Since") == last_modified
            ):
                return web.Response(status=304, headers=validators)
            return web.Response(body=data, headers={"Content-Type": content_type, **validators})

        return self.add(path, handler)

    def add_endless_redirect(self, path: str) -> str:
        """Every hop redirects to the next: path?n=1 -> path?n=2 -> ... forever."""

        async def handler(request: web.Request) -> web.StreamResponse:
            hop = int(request.query.get("n", "0")) + 1
            raise web.HTTPFound(f"{path}?n={hop}")

        return self.add(path, handler)

    def add_redirect(self, path: str, target: str, status: int = 301) -> str:
        async def handler(request: web.Request) -> web.StreamResponse:
            return web.Response(status=status, headers={"Location": target})

        return self.add(path, handler)

    def add_stream(
        self,
        path: str,
        total_bytes: int,
        chunk: bytes = b"<!-- filler -->\n" * 4096,
        content_type: str = "application/rss+xml",
        declare_length: bool = False,
    ) -> str:
        """Streams total_bytes in chunks (chunked encoding unless declare_length)."""

        async def handler(request: web.Request) -> web.StreamResponse:
            response = web.StreamResponse(headers={"Content-Type": content_type})
            if declare_length:
                response.content_length = total_bytes
            await response.prepare(request)
            sent = 0
            try:
                while sent < total_bytes:
                    piece = chunk[: total_bytes - sent]
                    await response.write(piece)
                    sent += len(piece)
                    self.stats.bytes_streamed += len(piece)
                await response.write_eof()
            except ConnectionError:
                pass  # the client hung up: exactly what a capped fetch should do
            return response

        return self.add(path, handler)


def rss_document(
    items: list[tuple[str, str]] | int, title: str = "Test feed", encoding: str = "utf-8"
) -> str:
    """An RSS 2.0 document; items are (guid, title) pairs, or a count of generated ones."""
    if isinstance(items, int):
        items = [(f"https://news.example/{i}", f"Story {i}") for i in range(items)]
    body = "".join(
        f"<item><title>{item_title}</title><link>https://news.example/a/{n}</link>"
        f"<guid>{guid}</guid>"
        f"<pubDate>Tue, 03 Dec 2024 {n // 3600 % 24:02d}:{n // 60 % 60:02d}:{n % 60:02d} GMT"
        f"</pubDate></item>"
        for n, (guid, item_title) in enumerate(items)
    )
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>\n<rss version="2.0"><channel>'
        f"<title>{title}</title><link>https://news.example/</link>{body}</channel></rss>"
    )
