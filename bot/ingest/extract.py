"""Main text and metadata of an article page, through trafilatura."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import trafilatura
from trafilatura.utils import load_html

# Ask htmldate for the publication date (not the last edit) with its time and offset.
_DATE_PARAMS = {
    "original_date": True,
    "extensive_search": True,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
}
_DATE_FORMATS = ("%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d")


@dataclass(frozen=True)
class ExtractedPage:
    title: str | None
    text: str  # main text, paragraphs separated by "\n"
    author: str | None
    date: datetime | None  # timezone-aware UTC
    canonical_url: str | None


def extract_page(html: str, url: str = "") -> ExtractedPage | None:
    """None when the page has no main text to speak of (empty, a bare index page...)."""
    if not html.strip():
        return None
    tree = load_html(html)
    if tree is None:
        return None
    # Read before extraction: trafilatura resolves a relative canonical link only via og:url.
    canonical = _canonical_url(tree, url)
    doc: Any = trafilatura.bare_extraction(
        tree,
        url=url or None,
        with_metadata=True,
        favor_precision=False,
        include_comments=False,
        include_tables=False,
        date_extraction_params=_DATE_PARAMS,
    )
    if doc is None:
        return None
    lines = (line.strip() for line in (doc.text or "").splitlines())
    text = "\n".join(line for line in lines if line)
    if not text:
        return None
    return ExtractedPage(
        title=doc.title or None,
        text=text,
        author=doc.author or None,
        date=_parse_date(doc.date),
        canonical_url=canonical,
    )


def _canonical_url(tree: Any, base: str) -> str | None:
    candidates: list[str] = []
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            candidates.append(link.get("href"))
    for meta in tree.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() == "og:url":
            candidates.append(meta.get("content") or "")
    for href in candidates:
        absolute = urljoin(base, href.strip())
        if urlsplit(absolute).scheme in ("http", "https"):
            return absolute
    return None


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    for fmt in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(value, fmt)
        except ValueError:
            continue
        # A date without an offset is taken as UTC: better than guessing the site's zone.
        if parsed.tzinfo is None:
            return parsed.replace(tzinfo=UTC)
        return parsed.astimezone(UTC)
    return None
