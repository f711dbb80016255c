"""Parse RSS 0.9x/1.0/2.0 and Atom documents (already fetched) with feedparser.

feedparser is only ever handed bytes wrapped in a stream: given a str it would fetch URLs
or open local files by itself, which must never happen here (the Fetcher does all I/O).
"""

from __future__ import annotations

import calendar
import hashlib
import io
import re
import time
import xml.sax
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser

_HTML_START_RE = re.compile(
    r"^(?:\s|<!--.*?-->|<\?xml[^>]*>)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])",
    re.IGNORECASE | re.DOTALL,
)
# feedparser reports these as "bozo" although the document itself is fine.
_HARMLESS_BOZO = (
    feedparser.CharacterEncodingOverride,
    feedparser.NonXMLContentType,
)
_SNIFF_CHARS = 2048


@dataclass(frozen=True)
class FeedEntry:
    guid: str  # id, else link, else hash of title+summary
    url: str
    title: str  # raw (may contain HTML; cleaning happens elsewhere)
    summary: str  # raw summary/description
    content: str  # raw full content (content:encoded / atom content) or ""
    published: datetime | None  # timezone-aware UTC
    author: str | None
    # The original outlet when an aggregator names it (RSS <source>, Atom <source>).
    outlet: str | None = None


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    entries: tuple[FeedEntry, ...]
    warnings: tuple[str, ...]


class FeedError(Exception):
    """Nothing usable in the document; the message says why, for the source's status."""


def parse_feed(data: bytes | str, url: str = "", max_entries: int = 500) -> ParsedFeed:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    _reject_non_feeds(raw)
    headers = {"content-location": url} if url else {}
    if isinstance(data, str):
        # Already decoded: tell feedparser so it does not re-decode by a stale XML declaration.
        headers["content-type"] = "application/xml; charset=utf-8"
    parsed = feedparser.parse(io.BytesIO(raw), response_headers=headers)

    entries = [_entry(e) for e in parsed.entries]
    problem = _bozo_message(parsed)
    if not entries and not parsed.get("version"):
        raise FeedError(
            f"malformed XML: {problem}" if problem else "not a feed: no RSS or Atom root element"
        )
    if not entries and problem:
        raise FeedError(f"malformed XML: {problem}")

    warnings: list[str] = []
    if problem:
        warnings.append(f"malformed XML ({problem}), parsed {_count(len(entries))} anyway")
    entries, duplicates = _collapse_duplicates(entries)
    if duplicates:
        warnings.append(f"dropped {_count(duplicates)} with a duplicate GUID (kept the first)")
    if len(entries) > max_entries:
        warnings.append(f"feed has {len(entries)} entries, kept the newest {max_entries}")
        entries = _newest(entries, max_entries)
    title = str(parsed.feed.get("title", ""))
    return ParsedFeed(title=title, entries=tuple(entries), warnings=tuple(warnings))


def _count(n: int) -> str:
    return f"{n} entry" if n == 1 else f"{n} entries"


def _reject_non_feeds(raw: bytes) -> None:
    """Cheap checks before parsing, so the error says what the document actually is."""
    head = raw[: _SNIFF_CHARS * 2].decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if not head.strip():
        raise FeedError("empty document")
    if _HTML_START_RE.match(head):
        raise FeedError("not a feed: looks like an HTML page")
    if head.startswith(("{", "[")):
        raise FeedError("not a feed: looks like JSON (JSON Feed is not supported)")
    if not head.startswith("<"):
        raise FeedError(f"not a feed: does not look like XML (starts with {head[:30]!r})")


def _bozo_message(parsed: Any) -> str | None:
    if not parsed.get("bozo"):
        return None
    exc = parsed.get("bozo_exception")
    if isinstance(exc, _HARMLESS_BOZO):
        return None
    if isinstance(exc, xml.sax.SAXParseException):
        return f"{exc.getMessage()} at line {exc.getLineNumber()}"
    return str(exc) or type(exc).__name__


def _entry(e: Any) -> FeedEntry:
    title = str(e.get("title", ""))
    summary = str(e.get("summary", ""))
    link = str(e.get("link", ""))
    guid = str(e.get("id", "")) or link
    if not guid:
        guid = hashlib.sha256(f"{title}\n{summary}".encode()).hexdigest()
    contents = e.get("content") or []
    content = str(contents[0].get("value", "")) if contents else ""
    if not link and guid.startswith(("http://", "https://")):
        link = guid
    return FeedEntry(
        guid=guid,
        url=link,
        title=title,
        summary=summary,
        content=content,
        published=_utc(e.get("published_parsed") or e.get("updated_parsed")),
        author=str(e.get("author")) if e.get("author") else None,
        outlet=_outlet(e),
    )


def _utc(value: time.struct_time | None) -> datetime | None:
    # feedparser normalises every date it understands to a UTC struct_time.
    if value is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _collapse_duplicates(entries: list[FeedEntry]) -> tuple[list[FeedEntry], int]:
    seen: set[str] = set()
    kept: list[FeedEntry] = []
    for entry in entries:
        if entry.guid not in seen:
            seen.add(entry.guid)
            kept.append(entry)
    return kept, len(entries) - len(kept)


def _newest(entries: list[FeedEntry], n: int) -> list[FeedEntry]:
    """The n newest entries, in document order; undated ones count as oldest."""

    def age(index: int) -> tuple[bool, float, int]:
        published = entries[index].published
        return (published is None, -published.timestamp() if published else 0.0, index)

    chosen = sorted(sorted(range(len(entries)), key=age)[:n])
    return [entries[i] for i in chosen]


def _outlet(e: Any) -> str | None:
    source = e.get("source")
    title = source.get("title") if isinstance(source, dict) else None
    return " ".join(str(title).split()) or None if title else None
