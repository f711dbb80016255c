"""Turn scraped titles and article text into clean plain text.

Scraped text arrives with HTML fragments (sometimes broken), markdown debris from
aggregators, citation markers, share/subscribe boilerplate and mojibake. Aggregators also
append non-article parts (Q&A "interviews", "related" link lists); those are split off into
``CleanedText.appendix`` so summaries and figures never draw on them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import ftfy

__all__ = ["CleanedText", "clean_body", "clean_title", "strip_markup"]


@dataclass(frozen=True)
class CleanedText:
    body: str  # the article proper
    appendix: str  # appended non-article parts, kept apart; "" if none


# Quotation marks are evidence (who said what, verbatim): ftfy must not straighten them.
_FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, explain=False)

_SCRIPT_STYLE = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_BLOCK_TAG = re.compile(
    r"<\s*(?:br|/?p|/?div|/?li|/?ul|/?ol|/?h[1-6]|/?tr|/?blockquote|/?section|/?article)\b[^<>]*>",
    re.IGNORECASE,
)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
# A tag cut off by the scraper: ``<a href="...`` with no closing ``>`` before the line ends.
_BROKEN_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*\s[^<>\n]*$", re.MULTILINE)
_CITATION = re.compile(r"\[\[\d{1,3}\]\([^)\s]*\)\]|\[\d{1,3}\]\([^)\s]*\)|\[\d{1,3}\]")
_MD_LINK = re.compile(r"\[([^\[\]\n]+)\]\((?:https?://|/)[^)\s]*\)")
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\s]*\)")
_BARE_URL_BRACKETS = re.compile(r"\(\s*https?://[^)\s]+\s*\)")
_BOLD = re.compile(r"(\*\*|__)(.+?)\1")
_STRAY_EMPHASIS = re.compile(r"\*\*|__")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# ``[“]``: a scraper's bracketed quote mark; keep the mark, drop the brackets.
_BRACKETED_QUOTE = re.compile(r"\[([\"“”‘’'])\]")

_BOILERPLATE = re.compile(
    r"^(?:share (?:this|on)\b|share$|subscribe\b|sign up\b|follow us\b|read more\b|"
    r"advertisement$|advert$|sponsored\b|click here\b|tap here\b|"
    r"(?:image|photo|picture) (?:source|caption|credit)\b|getty images$|"
    r"copyright\b|©|all rights reserved\b|related\s*:)",
    re.IGNORECASE,
)
# Headings that start an appended block: everything from them on is not the article.
_APPENDIX_HEADING = re.compile(
    r"^(?:interview\b|q\s*&\s*a\b|q&a\b|faq\b|frequently asked questions\b|"
    r"related (?:articles|stories|news|coverage|content|posts|reading)\b|"
    r"more on this (?:story|topic)\b|you may also like\b|you might also like\b|"
    r"recommended(?: stories| articles| reading)?\s*:?$|read more\s*:?$|"
    r"more from\b|also read\s*:?$|see also\s*:?$|transcript\b)",
    re.IGNORECASE,
)
# Transcript speaker labels as aggregators write them: ``**Host:**``, ``Q:``, ``Interviewer:``.
_SPEAKER_LABEL = re.compile(
    r"^(?:\*\*[^*\n]{1,40}:\*\*|\*\*[^*\n]{1,40}\*\*:|(?:q|a|host|interviewer|anchor)\s*:)",
    re.IGNORECASE,
)


def strip_markup(raw: str) -> str:
    """Remove HTML tags (also broken ones), entities, markdown and citation debris.

    Line structure is kept (block tags become line breaks); whitespace is not normalised
    beyond that. Quotation marks are left exactly as written.
    """
    text = _COMMENT.sub("", raw)
    text = _SCRIPT_STYLE.sub("", text)
    text = _BLOCK_TAG.sub("\n", text)
    text = _TAG.sub("", text)
    text = _BROKEN_TAG.sub("", text)
    text = html.unescape(text)
    # Entity-escaped tags (``&lt;b&gt;``) only become tags after unescaping.
    text = _TAG.sub("", text)
    text = _BRACKETED_QUOTE.sub(r"\1", text)
    text = _CITATION.sub("", text)
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _BARE_URL_BRACKETS.sub("", text)
    text = _BOLD.sub(r"\2", text)
    text = _STRAY_EMPHASIS.sub("", text)
    lines = [_HEADING.sub("", line) for line in text.split("\n")]
    return "\n".join(lines)


def _fix_text(raw: str) -> str:
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = ftfy.fix_text(text, config=_FTFY_CONFIG)
    return _ZERO_WIDTH.sub("", text)


def _normalise_line(line: str) -> str:
    line = _SPACES.sub(" ", line).strip()
    # Removing a citation marker leaves "word ." behind.
    return re.sub(r" +([.,;:!?])(?=\s|$)", r"\1", line)


def clean_title(raw: str) -> str:
    """One-line clean title: no markup, entities decoded, whitespace collapsed."""
    text = strip_markup(_fix_text(raw))
    return _normalise_line(" ".join(text.split("\n")))


def _appendix_start(lines: list[str]) -> int | None:
    """Index of the first line of an appended non-article block, judged on raw lines."""
    for i, raw_line in enumerate(lines):
        line = raw_line.strip()
        if not line or i == 0:
            continue
        heading = _HEADING.sub("", line).strip("*_ ").strip()
        # One bold "**Background:**" lead-in is body; a transcript has several speaker turns.
        transcript = _SPEAKER_LABEL.match(line) is not None and (
            sum(1 for later in lines[i:] if _SPEAKER_LABEL.match(later.strip())) >= 2
        )
        if _APPENDIX_HEADING.match(heading) or transcript:
            start = i
            # A question heading ("Who is carrying out the strikes?") introduces the block.
            prev = start - 1
            while prev > 0 and not lines[prev].strip():
                prev -= 1
            if prev > 0 and _is_question_heading(lines[prev]):
                start = prev
            return start
    return None


def _is_question_heading(line: str) -> bool:
    text = _HEADING.sub("", line.strip()).strip("*_ ")
    return text.endswith("?") and len(text) <= 140 and text.count(". ") == 0


def clean_body(raw: str) -> CleanedText:
    """Clean article text; split appended Q&A / related-links blocks into ``appendix``."""
    text = _fix_text(raw)
    # Tags first, so block-level HTML yields lines, but markdown is kept for block detection.
    text = _COMMENT.sub("", text)
    text = _SCRIPT_STYLE.sub("", text)
    text = _BLOCK_TAG.sub("\n", text)
    lines = text.split("\n")
    start = _appendix_start(lines)
    body_lines = lines if start is None else lines[:start]
    appendix_lines = [] if start is None else lines[start:]
    return CleanedText(body=_finish(body_lines), appendix=_finish(appendix_lines))


def _finish(lines: list[str]) -> str:
    if not lines:
        return ""
    stripped = strip_markup("\n".join(lines)).split("\n")
    kept = []
    for line in stripped:
        norm = _normalise_line(line)
        # Boilerplate is a short line of its own; long lines are prose that happens to match.
        if norm and not (len(norm) <= 120 and _BOILERPLATE.match(norm)):
            kept.append(norm)
    return "\n".join(kept)
