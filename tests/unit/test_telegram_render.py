"""Telegram payloads and the small translations the adapter makes (no network)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from telegram import Chat, Message, User

from bot.adapters.telegram import addressed_to_us, chat_ref
from bot.adapters.telegram_send import keyboard, render_payloads, telegram_chat_id
from bot.core.models import ChatRef
from bot.core.replies import Detail, DetailLine, Reply

WHEN = datetime(2026, 11, 27, tzinfo=UTC)


def test_text_reply_is_one_escaped_payload_that_survives_json() -> None:
    [payload] = render_payloads(Reply(text="Use <topic> & more"))
    assert payload == {"html": "Use &lt;topic&gt; &amp; more", "buttons": [], "story_ids": []}
    assert json.loads(json.dumps(payload)) == payload  # the outbox stores it as JSON


def test_detail_links_only_http_urls() -> None:
    detail = Detail(
        12,
        "Sources: <x>",
        (
            DetailLine("Demo Wire: title", "https://example.org/a?b=1&c=2", "Demo Wire"),
            DetailLine("Bad", "javascript:alert(1)", "click"),
        ),
    )
    [payload] = render_payloads(Reply(detail=detail))
    assert '<a href="https://example.org/a?b=1&amp;c=2">Demo Wire</a>' in payload["html"]
    assert "javascript:" not in payload["html"]
    assert payload["html"].startswith("<b>Sources: &lt;x&gt;</b>")


def test_long_text_is_split_under_the_limit() -> None:
    payloads = render_payloads(Reply(text="\n".join(f"line {n} " + "x" * 90 for n in range(200))))
    assert len(payloads) > 1
    assert all(len(p["html"]) <= 4096 for p in payloads)


def test_keyboard_from_stored_buttons() -> None:
    markup = keyboard([[["More #3", "more:3"], ["Figures #3", "figures:3"]], []])
    assert markup is not None
    assert [[b.callback_data for b in row] for row in markup.inline_keyboard] == [
        ["more:3", "figures:3"]
    ]
    assert keyboard([]) is None and keyboard(None) is None


def test_chat_ids() -> None:
    assert telegram_chat_id(ChatRef("telegram", "-100123")) == -100123
    assert telegram_chat_id(ChatRef("telegram", "@newsroom")) == "@newsroom"


def test_forum_topics_keep_their_thread_and_plain_replies_do_not() -> None:
    forum = Chat(-100, "supergroup", is_forum=True)
    user = User(1, "U", False)
    in_topic = Message(5, WHEN, forum, from_user=user, message_thread_id=9, is_topic_message=True)
    assert chat_ref(forum, in_topic) == ChatRef("telegram", "-100", "9")
    group = Chat(-200, "supergroup")
    reply_thread = Message(6, WHEN, group, from_user=user, message_thread_id=4)
    assert chat_ref(group, reply_thread) == ChatRef("telegram", "-200", None)


def test_commands_addressed_to_other_bots_are_not_ours() -> None:
    assert addressed_to_us("/brief syria", "newsbrief_bot")
    assert addressed_to_us("/brief@NewsBrief_Bot syria", "newsbrief_bot")
    assert not addressed_to_us("/brief@other_bot syria", "newsbrief_bot")
