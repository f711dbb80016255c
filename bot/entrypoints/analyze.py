"""`newsbrief analyze`: one article in, one JSON object out (a public contract)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from bot.bootstrap import build_analyzer, build_tagger
from bot.ingest.clean import clean_body, clean_title
from bot.ingest.extract import extract_page
from bot.ingest.tagging import Tagger
from bot.settings import load_settings
from summarizer.analysis import Analyzer
from summarizer.types import Document

_HTML_DOCUMENT = re.compile(r"<(?:html|body|article|!doctype)\b", re.IGNORECASE)
_TITLE_MAX = 200


def decode(data: bytes) -> str:
    """UTF-8 first (BOM-aware); cp1252 for legacy text rather than failing."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def split_title(text: str) -> tuple[str, str]:
    """Plain text: a short first line that is not a sentence is the title."""
    first, _, rest = text.lstrip().partition("\n")
    plain = clean_title(first)
    if rest.strip() and plain and len(plain) <= _TITLE_MAX and not plain.endswith((".", ":")):
        return first, rest
    return "", text


def analyze_document(raw: str, analyzer: Analyzer, tagger: Tagger) -> dict[str, Any]:
    if _HTML_DOCUMENT.search(raw[:5000]):
        page = extract_page(raw)
        title_raw, body_raw = (page.title or "", page.text) if page else ("", raw)
    else:
        title_raw, body_raw = split_title(raw)
    cleaned = clean_body(body_raw)
    title = clean_title(title_raw)
    tags = tagger.tag(title, cleaned.body)
    analysis = analyzer.analyze(Document(text=cleaned.body, title=title))
    result = analysis.to_dict()
    result.update(
        {
            "topics": list(tags.topics),
            "places": list(tags.places),
            "countries": list(tags.countries),
            "conflict_score": round(tags.conflict_score, 3),
            "appendix_chars": len(cleaned.appendix),
        }
    )
    return result


def run_analyze(path: Path | None, as_json: bool) -> int:
    try:
        data = sys.stdin.buffer.read() if path is None else path.read_bytes()
    except OSError as exc:
        print(f"newsbrief: cannot read {path}: {exc.strerror}", file=sys.stderr)
        return 2
    if b"\x00" in data[:4096]:
        print("newsbrief: input looks binary, not an article (text or HTML)", file=sys.stderr)
        return 2
    settings = load_settings()
    tagger = build_tagger(settings)
    analyzer = build_analyzer(settings, show_progress=False)
    result = analyze_document(decode(data), analyzer, tagger)
    if as_json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(result["title"] or "(untitled)")
    print()
    print(result["summary"])
    for f in result["figures"]:
        src = f" ({f['source']})" if f["source"] else ""
        print(f"  figure: {f['category']}: {f['text']}{src}")
    for q in result["quotes"]:
        print(f"  quote: “{q['text']}” — {q['speaker'] or 'unattributed'}")
    topics = ", ".join(result["topics"]) or "-"
    places = ", ".join(result["places"]) or "-"
    print(f"  topics: {topics}; places: {places}")
    return 0
