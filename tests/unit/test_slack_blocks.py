"""Slack rendering and translation: Block Kit limits, mrkdwn escaping, payloads, command text."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack_policy import (
    ConfigPolicy,
    api_base_url,
    command_text,
    configures,
    for_slack,
    mention_text,
    slack_wording,
    trusted_response_url,
)
from bot.adapters.slack_sender import render_payloads, story_ids_of
from bot.core.models import Brief, BriefItem, KeyFigure, ReportedFigure, ReportedQuote, SourceRef
from bot.core.replies import Detail, DetailLine, Reply, error
from bot.render import slack_blocks
from summarizer.types import Quote
from tests.support.fake_slack import FakeSlack
from tests.support.stories import NOW, killed

HOSTILE = "Raid <!channel> & <https://evil.example|click> <@U123> <!here>"


def _item(story_id: int, headline: str = "Story", summary: str = "Summary.") -> BriefItem:
    report = ReportedFigure(
        killed(25, "At least 25 were killed.", "rescuers"),
        "Wire <b>",
        "https://example.org/a",
        1,
        NOW,
    )
    figure = KeyFigure(
        category="killed",
        low=25,
        high=25,
        qualifier="at least",
        approx=False,
        affected="people",
        reports=(report,),
        corroborated=False,
    )
    quote = ReportedQuote(
        Quote("Gen. <!everyone>", "We will <b>respond</b> & win", "s"), "Wire", "https://x/q", 1
    )
    return BriefItem(
        story_id=story_id,
        headline=headline,
        summary=summary,
        figures=(figure,),
        quotes=(quote,),
        sources=(
            SourceRef("Wire", "https://example.org/a", "wire"),
            SourceRef("Bad|Outlet", "javascript:alert(1)", "unknown"),
            SourceRef("Pipe", "https://example.org/x|<!channel>", "unknown"),
        ),
        updated=NOW,
    )


def _brief(count: int, **kw: Any) -> Brief:
    return Brief(
        topic="syria",
        topic_label="Syria",
        since=NOW - timedelta(hours=24),
        generated_at=NOW,
        items=tuple(_item(i + 1, **kw) for i in range(count)),
    )


def _texts(blocks: list[dict[str, Any]]) -> list[str]:
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("text"), str):
                found.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(blocks)
    return found


# --- Block Kit -------------------------------------------------------------------------------
def test_item_has_summary_figures_quotes_sources_and_buttons() -> None:
    (blocks,) = slack_blocks.render_brief(_brief(1, headline="Air strikes on Idlib"))
    assert [b["type"] for b in blocks] == ["header", "divider", "section", "context", "actions"]
    assert blocks[0]["text"] == {"type": "plain_text", "text": "Syria — last 24h"}
    section = blocks[2]["text"]["text"]
    assert section.startswith("*#1 Air strikes on Idlib*\nSummary.")
    assert "at least 25 people killed (rescuers, via Wire &lt;b&gt;)" in section
    assert "_“We will &lt;b&gt;respond&lt;/b&gt; &amp; win”_ — Gen. &lt;!everyone&gt;" in section
    context = blocks[3]["elements"][0]["text"]
    assert context.startswith("3 sources: <https://example.org/a|Wire (wire service)>")
    # Links only for http(s) URLs without mrkdwn control characters.
    assert "javascript:" not in context and "Bad¦Outlet" not in context and "Bad|Outlet" in context
    assert "<https://example.org/x" not in context
    assert [(e["action_id"], e["value"]) for e in blocks[4]["elements"]] == [
        ("newsbrief_more", "1"),
        ("newsbrief_figures", "1"),
        ("newsbrief_quotes", "1"),
        ("newsbrief_sources", "1"),
    ]


def test_source_text_cannot_ping_or_inject_links() -> None:
    (blocks,) = slack_blocks.render_brief(_brief(1, headline=HOSTILE, summary=HOSTILE))
    dumped = json.dumps(blocks)
    for bad in ("<!channel>", "<!here>", "<@U123>", "<https://evil.example", "<!everyone>"):
        assert bad not in dumped
    assert "Raid &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;" in dumped


def test_long_briefs_split_within_block_kit_limits() -> None:
    brief = _brief(30, headline="H & " * 200, summary="Word & <x> " * 1000)
    messages = slack_blocks.render_brief(brief)
    assert len(messages) > 1
    for blocks in messages:
        assert len(blocks) <= slack_blocks.MAX_BLOCKS
        for block in blocks:
            if block["type"] == "section":
                text = block["text"]["text"]
                assert len(text) <= slack_blocks.MAX_SECTION
                # Clipped text never ends in half an entity or half a link.
                tail = text.rsplit("&", 1)[-1]
                assert ";" in tail or "&" not in text
    payloads = render_payloads(Reply(brief=brief))
    assert [i for p in payloads for i in p["story_ids"]] == list(range(1, 31))
    assert payloads[0]["text"] == "Syria brief: 30 item(s)"
    assert payloads[1]["text"] == "Syria brief: 30 item(s) (part 2)"
    assert all("thread_ts" not in p for p in payloads)


def test_clip_keeps_entities_and_links_whole() -> None:
    text = "a" * 10 + "&amp;" + "b" * 10
    clipped = slack_blocks._clip_mrkdwn(text, 13)
    assert clipped == "a" * 10 + "…"
    linked = "x" * 8 + "<https://example.org|Wire>"
    assert slack_blocks._clip_mrkdwn(linked, 20) == "x" * 8 + "…"


def test_detail_sections_split_and_fallback_is_escaped() -> None:
    lines = tuple(
        DetailLine(f"Line {i} <!channel> " + "w" * 200, "https://example.org/s", "Src")
        for i in range(60)
    )
    reply = Reply(detail=Detail(7, "Figures: <!channel> raid", lines))
    (payload,) = render_payloads(reply, thread_ts="1700000000.000001")
    assert payload["thread_ts"] == "1700000000.000001" and payload["story_ids"] == []
    assert payload["text"] == "Figures: &lt;!channel&gt; raid"
    sections = [b["text"]["text"] for b in payload["blocks"]]
    assert len(sections) > 2 and all(len(s) <= slack_blocks.MAX_SECTION for s in sections)
    assert sum(s.count("Line ") for s in sections) == 60
    assert "<!channel>" not in json.dumps(payload)


def test_story_ids_come_from_the_buttons() -> None:
    blocks = slack_blocks.render_brief(_brief(3))[0]
    assert story_ids_of(blocks) == [1, 2, 3]
    assert story_ids_of([{"type": "actions", "elements": [{"action_id": "x", "value": "9"}]}]) == []


# --- command text in and out -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "core"),
    [
        ("subscribe syria", "/subscribe syria"),
        ("  brief syria 24h ", "/brief syria 24h"),
        ("", "/help"),
        ("/digest 08:00 Europe/Berlin", "/digest 08:00 Europe/Berlin"),
        ("filter syria +a&amp;b -&lt;x&gt;", "/filter syria +a&b -<x>"),
    ],
)
def test_slash_command_text_maps_to_core(text: str, core: str) -> None:
    assert command_text(text) == core


def test_mentions_are_stripped() -> None:
    assert mention_text("<@UBOT> brief sudan") == "/brief sudan"
    assert mention_text("<@UBOT|newsbrief>   ") == "/help"
    assert mention_text("hey <@UBOT> alerts on") == "/hey alerts on"


def test_configuring_commands_are_known() -> None:
    assert configures("/subscribe syria") and configures("/digest off")
    assert configures("/alerts on") and configures("/unsubscribe all")
    assert not configures("/brief syria") and not configures("/help")


def test_core_wording_becomes_slack_wording() -> None:
    assert slack_wording("Try /help, e.g. /brief syria.") == (
        "Try /newsbrief help, e.g. /newsbrief brief syria."
    )
    once = slack_wording("/subscribe syria")
    assert slack_wording(once) == once == "/newsbrief subscribe syria"
    assert slack_wording("https://x.org/help and a/brief") == "https://x.org/help and a/brief"
    reply = for_slack(error("Subscribe first: /subscribe syria"))
    assert reply.text == "Subscribe first: /newsbrief subscribe syria" and reply.private


def test_api_base_and_response_url_checks() -> None:
    assert api_base_url("http://127.0.0.1:9/api") == "http://127.0.0.1:9/api/"
    assert api_base_url("http://127.0.0.1:9/api/") == "http://127.0.0.1:9/api/"
    assert api_base_url(None) is None
    assert trusted_response_url("https://hooks.slack.com/commands/T1/2/x", None)
    assert not trusted_response_url("http://hooks.slack.com/commands/T1/2/x", None)
    assert not trusted_response_url("https://evil.example/hook", None)
    assert trusted_response_url("http://127.0.0.1:9/response/1", "http://127.0.0.1:9/api/")
    assert not trusted_response_url("http://127.0.0.1:10/response/1", "http://127.0.0.1:9/api/")


# --- who may configure -------------------------------------------------------------------------
async def test_admin_policy_asks_slack_once_and_fails_closed() -> None:
    async with FakeSlack(admins={"UADMIN"}, owners={"UOWNER"}) as fake:
        client = AsyncWebClient(token="xoxb-unit", base_url=fake.base_url)
        policy = ConfigPolicy("admins", (), client)
        assert await policy.allows("UADMIN") and await policy.allows("UADMIN")
        assert await policy.allows("UOWNER")
        assert not await policy.allows("U2")
        assert [c.params["user"] for c in fake.calls_to("users.info")] == ["UADMIN", "UOWNER", "U2"]
        fake.fail_next("users.info", "ratelimited", retry_after=1)
        assert not await ConfigPolicy("admins", (), client).allows("UADMIN")
        assert ConfigPolicy("users", ("U9",), client)
        assert await ConfigPolicy("anyone", (), client).allows("U2")
        assert not await ConfigPolicy("users", ("U9",), client).allows("U2")
        with pytest.raises(ValueError, match="anyone, admins, users"):
            ConfigPolicy("everyone", (), client)
