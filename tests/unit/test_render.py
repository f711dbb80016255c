"""Renderers: escaping of source text and platform limits."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from html.parser import HTMLParser

from bot.core.models import Brief, BriefItem, ReportedQuote, SourceRef
from bot.core.replies import Reply
from bot.render import slack_blocks, telegram_html, text
from summarizer.types import Quote
from tests.support.stories import NOW

EVIL = 'Strike <a href="https://evil.example">x</a> & <!channel> <@U123>'


def _brief(items: int, summary: str = "Summary.") -> Brief:
    return Brief(
        topic="syria",
        topic_label="Syria",
        since=NOW - timedelta(hours=24),
        generated_at=NOW,
        items=tuple(
            BriefItem(
                story_id=i,
                headline=EVIL if i == 0 else f"Story {i}",
                summary=summary,
                figures=(),
                quotes=(),
                sources=(SourceRef("Wire", f"https://example.org/{i}", "wire"),),
                updated=NOW,
            )
            for i in range(items)
        ),
    )


class _Balance(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.ok = True

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self.ok = self.ok and bool(self.stack) and self.stack.pop() == tag


def test_telegram_escapes_source_text() -> None:
    message = telegram_html.render_brief(_brief(1))[0]
    assert "&lt;a href=" in message.html and '<a href="https://evil.example"' not in message.html
    assert message.buttons[0][1] == ("Figures #0", "figures:0")


def test_telegram_splits_long_briefs_on_item_boundaries() -> None:
    messages = telegram_html.render_brief(_brief(30, summary="Word " * 250))
    assert len(messages) > 1
    seen: list[int] = []
    for message in messages:
        assert len(message.html) <= telegram_html.TELEGRAM_LIMIT
        parser = _Balance()
        parser.feed(message.html)
        assert parser.ok and not parser.stack
        seen += message.story_ids
    assert seen == list(range(30))


def test_telegram_splits_one_huge_item_without_breaking_tags() -> None:
    reply = Reply(text="line\n" * 3000)
    messages = telegram_html.render_reply(reply)
    assert len(messages) > 1 and all(len(m.html) <= 4096 for m in messages)


def test_slack_escapes_mentions_and_links() -> None:
    blocks = slack_blocks.render_brief(_brief(1))[0]
    body = str(blocks)
    assert "<!channel>" not in body and "&lt;!channel&gt;" in body
    assert "<@U123>" not in body and "<https://evil.example" not in body


def test_slack_respects_block_limits() -> None:
    messages = slack_blocks.render_brief(_brief(40, summary="Word " * 900))
    assert len(messages) > 1
    for blocks in messages:
        assert len(blocks) <= slack_blocks.MAX_BLOCKS
        for block in blocks:
            if block["type"] == "section":
                assert len(block["text"]["text"]) <= slack_blocks.MAX_SECTION


def test_text_brief_lists_items_and_links() -> None:
    rendered = text.render_brief(_brief(2))
    assert "#1  Story 1" in rendered and "https://example.org/1" in rendered
    assert "No stories" in text.render_brief(_brief(0))


def test_every_platform_says_how_sure_a_quote_is_attributed() -> None:
    quotes = (
        Quote("Bashar al-Assad", "We are talking about crushing them", "", reported=True),
        Quote("Raed al-Saleh", "Seven bodies from one building", "", speaker_inferred=True),
    )
    item = replace(
        _brief(1).items[0],
        headline="Idlib",
        quotes=tuple(ReportedQuote(q, "Wire", "https://example.org/0", 1) for q in quotes),
    )
    brief = replace(_brief(1), items=(item,))
    slack = str(slack_blocks.render_brief(brief))
    telegram = "\n".join(m.html for m in telegram_html.render_brief(brief))
    for rendered in (text.render_brief(brief), telegram, slack):
        assert "Bashar al-Assad (reportedly)" in rendered
        assert "Raed al-Saleh (from context)" in rendered
