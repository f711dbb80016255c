"""Fetch feeds and pages over HTTP (or from local files) with hard limits.

One shared httpx client, bounded concurrency (overall and per host), per-request timeouts,
redirects followed by hand (so every hop is counted and rate-limited), bodies capped while
streaming, conditional GET, and charset handling that survives wrong declarations.
`Fetcher.fetch` never raises for network or HTTP trouble: it returns a FetchResult with `error`.
"""

from __future__ import annotations

import asyncio
import codecs
import mimetypes
import os
import re
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path
from types import TracebackType
from urllib.parse import unquote, urljoin, urlsplit

import httpx

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

# Types that are never a feed or an article page; reading them as text only yields garbage.
_BINARY_TYPES = frozenset(
    {
        "application/octet-stream",
        "application/pdf",
        "application/zip",
        "application/gzip",
        "application/x-gzip",
        "application/x-tar",
        "application/x-bzip2",
        "application/x-7z-compressed",
        "application/x-rar-compressed",
        "application/vnd.rar",
        "application/msword",
        "application/wasm",
        "application/x-shockwave-flash",
    }
)
_BINARY_MAJOR_TYPES = frozenset({"image", "audio", "video", "font", "model"})
# Magic numbers of common binaries, for servers that label everything text/html.
_BINARY_MAGIC = (b"%PDF-", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_XML_DECL_RE = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_META_CHARSET_RE = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
_SNIFF_BYTES = 4096


@dataclass(frozen=True)
class FetchLimits:
    timeout_s: float = 20.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    concurrency: int = 16
    per_host: int = 2  # politeness: concurrent requests per host
    user_agent: str = "newsbrief/0.1 (+https://github.com/newsbrief)"


@dataclass(frozen=True)
class FetchResult:
    url: str  # requested
    final_url: str
    status: int | None  # None when no HTTP answer
    body: bytes
    text: str  # decoded with the best charset we could establish; "" for binary
    content_type: str
    etag: str | None
    last_modified: str | None
    not_modified: bool  # 304: the caller's cached copy is still current
    error: str | None

    @property
    def ok(self) -> bool:
        return self.error is None


class Fetcher:
    def __init__(
        self,
        limits: FetchLimits = FetchLimits(),  # frozen, so one shared default is safe
        client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.limits = limits
        self._owns_client = client is None
        self._client = client or httpx.AsyncClient(
            transport=transport,
            follow_redirects=False,
            timeout=httpx.Timeout(limits.timeout_s),
            limits=httpx.Limits(max_connections=limits.concurrency),
            headers={"User-Agent": limits.user_agent},
        )
        self._overall = asyncio.Semaphore(limits.concurrency)
        self._host_slots: dict[str, asyncio.Semaphore] = {}

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        if self._owns_client:
            await self._client.aclose()

    async def fetch(
        self, url: str, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        scheme = urlsplit(url).scheme.lower()
        # A one-letter scheme is a Windows drive ("C:\feeds\x.xml"), not a URL.
        if scheme in ("", "file") or (len(scheme) == 1 and os.name == "nt"):
            return await asyncio.to_thread(self._read_local, url, last_modified)
        if scheme not in ("http", "https"):
            return _failure(url, url, None, f"unsupported URL scheme {scheme!r}")
        return await self._fetch_http(url, etag, last_modified)

    async def _fetch_http(
        self, url: str, etag: str | None, last_modified: str | None
    ) -> FetchResult:
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _hop in range(self.limits.max_redirects + 1):
            try:
                host = httpx.URL(current).netloc.decode("ascii", "replace").lower()
            except httpx.InvalidURL as exc:
                return _failure(url, current, None, f"invalid URL: {exc}")
            # Host slot first: a request queued behind a busy host must not hold an overall
            # slot, or one slow site would stall every other source.
            async with self._host_slot(host), self._overall:
                outcome = await self._one_request(url, current, headers, etag, last_modified)
            if isinstance(outcome, FetchResult):
                return outcome
            current = outcome  # a redirect target
        return _failure(url, current, None, f"too many redirects (>{self.limits.max_redirects})")

    def _host_slot(self, host: str) -> asyncio.Semaphore:
        if host not in self._host_slots:
            self._host_slots[host] = asyncio.Semaphore(self.limits.per_host)
        return self._host_slots[host]

    async def _one_request(
        self,
        url: str,
        current: str,
        headers: dict[str, str],
        etag: str | None,
        last_modified: str | None,
    ) -> FetchResult | str:
        """One hop: a finished result, or the next URL when the server redirects."""
        limits = self.limits
        try:
            # httpx's timeout is per network operation; asyncio's bounds a slow-drip body too.
            async with (
                asyncio.timeout(limits.timeout_s),
                self._client.stream(
                    "GET",
                    current,
                    headers=headers,
                    follow_redirects=False,
                    timeout=limits.timeout_s,
                ) as resp,
            ):
                if resp.status_code in _REDIRECT_STATUSES:
                    location = resp.headers.get("location")
                    if not location:
                        return _failure(
                            url,
                            current,
                            resp.status_code,
                            f"redirect (HTTP {resp.status_code}) without a Location header",
                        )
                    return str(urljoin(current, location))
                content_type = resp.headers.get("content-type", "")
                new_etag = resp.headers.get("etag")
                new_modified = resp.headers.get("last-modified")
                if resp.status_code == 304:
                    # Servers may omit validators on 304; keep the caller's so they stay usable.
                    return FetchResult(
                        url,
                        current,
                        304,
                        b"",
                        "",
                        content_type,
                        new_etag or etag,
                        new_modified or last_modified,
                        True,
                        None,
                    )
                mime = _mime(content_type)
                if _is_binary_type(mime):
                    return _failure(
                        url, current, resp.status_code, _binary_message(mime), content_type
                    )
                declared = _content_length(resp)
                if declared is not None and declared > limits.max_bytes:
                    return _failure(
                        url, current, resp.status_code, _too_large(limits.max_bytes), content_type
                    )
                body = bytearray()
                async for chunk in resp.aiter_bytes():
                    body.extend(chunk)
                    if len(body) > limits.max_bytes:
                        # Leaving the block closes the connection: the rest is never read.
                        return _failure(
                            url,
                            current,
                            resp.status_code,
                            _too_large(limits.max_bytes),
                            content_type,
                        )
                status = resp.status_code
        except (TimeoutError, httpx.TimeoutException):
            return _failure(url, current, None, f"timed out after {limits.timeout_s:g}s")
        except httpx.ConnectError as exc:
            return _failure(url, current, None, f"could not connect: {_describe(exc)}")
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            return _failure(url, current, None, f"invalid URL: {_describe(exc)}")
        except httpx.DecodingError as exc:
            return _failure(url, current, None, f"could not decode response: {_describe(exc)}")
        except httpx.HTTPError as exc:
            return _failure(url, current, None, f"{type(exc).__name__}: {_describe(exc)}")
        return _finish(
            url,
            current,
            status,
            bytes(body),
            content_type,
            new_etag,
            new_modified,
            error=None if status < 400 else f"HTTP {status}",
        )

    def _read_local(self, url: str, last_modified: str | None) -> FetchResult:
        """A source may be a local file: same size cap, binary check and charset rules."""
        parts = urlsplit(url)
        path = Path(unquote(parts.path)) if parts.scheme.lower() == "file" else Path(url)
        try:
            stat = path.stat()
            if not path.is_file():
                return _failure(url, url, None, f"not a file: {path}")
            if stat.st_size > self.limits.max_bytes:
                return _failure(url, url, None, _too_large(self.limits.max_bytes))
            modified = formatdate(stat.st_mtime, usegmt=True)
            mime = mimetypes.guess_type(path.name)[0] or ""
            if last_modified == modified:
                return FetchResult(url, url, None, b"", "", mime, None, modified, True, None)
            if _is_binary_type(mime):
                return _failure(url, url, None, _binary_message(mime), mime)
            with path.open("rb") as fh:
                # Read one byte past the cap: the file may have grown since stat().
                body = fh.read(self.limits.max_bytes + 1)
        except FileNotFoundError:
            return _failure(url, url, None, f"file not found: {path}")
        except OSError as exc:
            return _failure(url, url, None, f"cannot read {path}: {exc.strerror or exc}")
        if len(body) > self.limits.max_bytes:
            return _failure(url, url, None, _too_large(self.limits.max_bytes))
        return _finish(url, url, None, body, mime, None, modified, error=None)


def _finish(
    url: str,
    final_url: str,
    status: int | None,
    body: bytes,
    content_type: str,
    etag: str | None,
    last_modified: str | None,
    error: str | None,
) -> FetchResult:
    """Build the result for a body we read in full: sniff binaries, then decode."""
    sniffed = _sniff_binary(body)
    if sniffed:
        return _failure(url, final_url, status, _binary_message(sniffed), content_type)
    text = decode_body(body, content_type)
    return FetchResult(
        url, final_url, status, body, text, content_type, etag, last_modified, False, error
    )


def decode_body(body: bytes, content_type: str = "") -> str:
    """Decode with the HTTP charset, then BOM / XML declaration / <meta charset>, then utf-8.

    A BOM is unambiguous and wins over a header. A declared charset that fails to decode is
    skipped rather than trusted; "utf-8" that is not utf-8 is nearly always Windows-1252,
    so that is tried before decoding with replacement characters.
    """
    if not body:
        return ""
    candidates: list[str] = []
    for bom, name in _BOMS:
        if body.startswith(bom):
            candidates.append(name)
            break
    header_charset = _charset_param(content_type)
    if header_charset:
        candidates.append(header_charset)
    head = body[:_SNIFF_BYTES]
    for pattern in (_XML_DECL_RE, _META_CHARSET_RE):
        match = pattern.search(head)
        if match:
            candidates.append(match.group(1).decode("ascii"))
    candidates += ["utf-8", "cp1252"]
    has_bom = bool(candidates) and candidates[0] in ("utf-32", "utf-16", "utf-8-sig")
    codecs_to_try = [c for c in (_codec(name) for name in candidates) if c is not None]
    for codec in codecs_to_try:
        # A BOM-less body labelled UTF-16/32 would have failed the NUL sniff: the label lies.
        if codec.startswith(("utf-16", "utf-32")) and not has_bom:
            continue
        try:
            return body.decode(codec)
        except UnicodeDecodeError:
            continue
    # Nothing decodes cleanly: trust the first usable label, replacing what does not fit.
    return body.decode(codecs_to_try[0], errors="replace")


def _codec(name: str) -> str | None:
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    # Browsers treat latin-1 / ascii labels as Windows-1252; so do we (a superset).
    if codec in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return codec


def _charset_param(content_type: str) -> str | None:
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _mime(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _is_binary_type(mime: str) -> bool:
    if not mime:
        return False
    major = mime.split("/", 1)[0]
    if major in _BINARY_MAJOR_TYPES or mime in _BINARY_TYPES:
        return True
    # image/svg+xml is caught above as image/*; other vnd.* without +xml are office formats.
    return mime.startswith("application/vnd.") and not mime.endswith(("+xml", "+json"))


def _sniff_binary(body: bytes) -> str | None:
    """Name the kind of binary content a body holds, or None when it looks like text."""
    if body.startswith(_BINARY_MAGIC):
        return "by its magic number"
    head = body[:_SNIFF_BYTES]
    # UTF-16/32 text is full of NULs; only a BOM-less NUL means binary.
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "NUL bytes in the body"
    return None


def _binary_message(what: str) -> str:
    return f"binary content ({what}), not a feed or page"


def _too_large(max_bytes: int) -> str:
    return f"response larger than {_human_bytes(max_bytes)}"


def _human_bytes(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:g} MB"
    if n >= 1_000:
        return f"{n / 1_000:g} kB"
    return f"{n} bytes"


def _content_length(resp: httpx.Response) -> int | None:
    # With Content-Encoding the header counts compressed bytes; the stream check still caps.
    value = resp.headers.get("content-length")
    if value is None or resp.headers.get("content-encoding"):
        return None
    try:
        return int(value)
    except ValueError:
        return None


def _describe(exc: Exception) -> str:
    return str(exc) or type(exc).__name__


def _failure(
    url: str, final_url: str, status: int | None, error: str, content_type: str = ""
) -> FetchResult:
    return FetchResult(url, final_url, status, b"", "", content_type, None, None, False, error)
