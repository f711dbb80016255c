"""The Slack app end to end: real Bolt in HTTP mode on 127.0.0.1, signed requests, fake Web API.

Slack's side is tests/support/fake_slack.py (Web API + response_url on 127.0.0.1); our side is
the real SlackAdapter serving the AsyncApp through aiohttp, built by bootstrap() from settings.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.adapters.slack import EVENTS_PATH, SlackAdapter
from bot.bootstrap import App, bootstrap
from bot.core.clock import FixedClock
from bot.core.commands import CommandContext
from bot.core.replies import Reply
from bot.settings import load_settings
from tests.support.fake_slack import Call, FakeSlack
from tests.support.slack_http import CHANNEL, SECRET, SlackHTTP
from tests.support.stories import NOW, add_story

TOKEN = "xoxb-1-test-token"


# --- fixtures and helpers ------------------------------------------------------------------
@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    async with FakeSlack(admins={"UADMIN"}, token=TOKEN) as server:
        yield server


@pytest.fixture
def make_app(tmp_path: Path, fake: FakeSlack, analyzer: Any) -> Iterator[Any]:
    apps: list[App] = []

    def build(**env: str) -> App:
        settings = load_settings(
            env={
                "DATABASE_URL": f"sqlite:///{tmp_path / f'nb{len(apps)}.db'}",
                "SLACK_BOT_TOKEN": TOKEN,
                "SLACK_SIGNING_SECRET": SECRET,
                "SLACK_API_BASE_URL": fake.base_url,
                "SLACK_HTTP_PORT": "0",
                **env,
            }
        )
        # load_settings reads SLACK_HTTP_PORT=0 as the default 3000 ("or 3000"); pin port 0
        # so each test binds an ephemeral port on 127.0.0.1.
        settings = replace(settings, slack=replace(settings.slack, http_port=0))
        app = bootstrap(settings, clock=FixedClock(NOW), analyzer=analyzer)
        apps.append(app)
        return app

    yield build
    for app in apps:
        app.engine.dispose()


@asynccontextmanager
async def running(app: App) -> AsyncIterator[tuple[SlackAdapter, SlackHTTP]]:
    adapter = SlackAdapter(app)
    await adapter.start()
    assert app.settings.slack.http_host == "127.0.0.1" and adapter.port
    async with httpx.AsyncClient(trust_env=False, timeout=10) as http:
        try:
            yield adapter, SlackHTTP(http, f"http://127.0.0.1:{adapter.port}{EVENTS_PATH}")
        finally:
            await adapter.stop()


def all_text(call: Call) -> str:
    """The mrkdwn/plain text of a posted message's blocks, joined."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("text"), str):
                parts.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(call.blocks)
    return "\n".join(parts)


def buttons(call: Call) -> list[tuple[str, str]]:
    return [
        (element["action_id"], element["value"])
        for block in call.blocks
        if block["type"] == "actions"
        for element in block["elements"]
    ]


# --- scenarios --------------------------------------------------------------------------------
async def test_subscribe_then_brief_posts_block_kit(
    make_app: Any, fake: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    app = make_app()
    story_id = add_story(app.stories, headline="Air strikes on Idlib kill at least 25")
    async with running(app) as (adapter, slack):
        response = await slack.command("subscribe syria", fake)
        assert response.status_code == 200
        (confirm,) = await fake.wait_for("response")
        assert confirm.params["response_type"] == "in_channel"
        assert "Subscribed to Syria" in confirm.text
        assert [s.topic for s in app.chats.subscriptions(CHANNEL)] == ["syria"]

        assert (await slack.command("brief syria 24h", fake)).status_code == 200
        (post,) = await fake.wait_for("chat.postMessage")
        await adapter.drain()

    assert post.params["channel"] == CHANNEL.chat_id
    assert post.authorization == f"Bearer {TOKEN}"
    assert post.blocks[0]["type"] == "header" and "Syria" in post.blocks[0]["text"]["text"]
    body = all_text(post)
    assert f"#{story_id} Air strikes on Idlib kill at least 25" in body
    assert "at least 25 people killed" in body and "Demo Wire" in body
    assert "1 source: <https://example.org/" in body
    assert buttons(post) == [
        (f"newsbrief_{name}", str(story_id)) for name in ("more", "figures", "quotes", "sources")
    ]
    assert post.text == "Syria brief: 1 item(s)"
    # The brief message is remembered so follow-ups in its thread know its items.
    ts = "1700000000.000001"
    assert app.chats.stories_of_message(CHANNEL, ts) == [story_id]
    # Even Bolt's and slack_sdk's debug logs never carry the token or the signing secret.
    assert caplog.records and TOKEN not in caplog.text and SECRET not in caplog.text


async def test_empty_command_answers_help_privately(make_app: Any, fake: FakeSlack) -> None:
    app = make_app()
    async with running(app) as (adapter, slack):
        assert (await slack.command("", fake)).status_code == 200
        (answer,) = await fake.wait_for("response")
        await adapter.drain()
    assert answer.params["response_type"] == "ephemeral"
    # Core command names in Slack's wording, escaped for mrkdwn.
    assert "/newsbrief subscribe &lt;topic&gt;" in all_text(answer)
    assert "\n/subscribe" not in all_text(answer)
    assert fake.calls_to("chat.postMessage") == []


async def test_button_posts_figures_in_the_brief_thread(make_app: Any, fake: FakeSlack) -> None:
    app = make_app()
    story_id = add_story(app.stories, outlets=("Demo Wire", "Levant Monitor"), figures=(25, 31))
    async with running(app) as (adapter, slack):
        await slack.command("brief syria", fake)
        (brief,) = await fake.wait_for("chat.postMessage")
        brief_ts = "1700000000.000001"
        response = await slack.button("figures", story_id, brief_ts, fake)
        assert response.status_code == 200
        posts = await fake.wait_for("chat.postMessage", count=2)
        await adapter.drain()

    follow_up = posts[1]
    assert "thread_ts" not in brief.params or not brief.params["thread_ts"]
    assert follow_up.params["thread_ts"] == brief_ts
    assert follow_up.params["channel"] == CHANNEL.chat_id
    body = all_text(follow_up)
    assert body.startswith("*Figures: Air strikes on Idlib")
    assert "Levant Monitor" in body and "31" in body and "<https://example.org/" in body


async def test_mention_in_a_brief_thread_answers_about_its_item(
    make_app: Any, fake: FakeSlack
) -> None:
    app = make_app()
    story_id = add_story(app.stories)
    async with running(app) as (adapter, slack):
        assert (await slack.mention("<@UBOT> brief syria", fake)).status_code == 200
        (brief,) = await fake.wait_for("chat.postMessage")
        await adapter.drain()  # the brief's ts is stored right after Slack answers
        ts = "1700000000.000001"
        assert (await slack.mention("<@UBOT> sources", fake, thread_ts=ts)).status_code == 200
        posts = await fake.wait_for("chat.postMessage", count=2)
        await adapter.drain()
    assert buttons(brief)[0] == ("newsbrief_more", str(story_id))
    assert posts[1].params["thread_ts"] == ts
    assert all_text(posts[1]).startswith("*Sources: Air strikes on Idlib")


async def test_brief_in_a_channel_without_the_bot_falls_back_to_response_url(
    make_app: Any, fake: FakeSlack
) -> None:
    app = make_app()
    story_id = add_story(app.stories)
    fake.fail_next("chat.postMessage", "not_in_channel")
    async with running(app) as (adapter, slack):
        await slack.command("brief syria", fake, response_id="fallback")
        (answer,) = await fake.wait_for("response")
        await adapter.drain()
    assert len(fake.calls_to("chat.postMessage")) == 1
    assert answer.path_id == "fallback" and answer.params["response_type"] == "in_channel"
    assert answer.blocks[0]["type"] == "header"
    assert ("newsbrief_figures", str(story_id)) in buttons(answer)
    # Slack refused it for this channel only: the channel stays active.
    assert app.chats.settings(CHANNEL).active


async def test_hostile_headline_arrives_escaped(make_app: Any, fake: FakeSlack) -> None:
    app = make_app()
    headline = "Shelling <!channel> & <https://evil.example|click> <@U999>"
    story_id = add_story(app.stories, headline=headline)
    async with running(app) as (adapter, slack):
        await slack.command("brief syria", fake)
        await fake.wait_for("chat.postMessage")
        await slack.button("more", story_id, "1700000000.000001", fake)
        posts = await fake.wait_for("chat.postMessage", count=2)
        await adapter.drain()

    for post in posts:
        sent = post.dump()
        assert "<!channel>" not in sent and "<https://evil.example" not in sent
        assert "<@U999>" not in sent
    escaped = "Shelling &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;"
    assert escaped in all_text(posts[0])
    # The follow-up's notification text is mrkdwn too: escaped as well.
    assert posts[1].text.startswith("Shelling &lt;!channel&gt;")


class SlowCommands:
    """The real command layer behind a deliberate delay, as a slow summary would be."""

    def __init__(self, inner: Any, delay: float) -> None:
        self.inner = inner
        self.delay = delay

    def handle(self, text: str, ctx: CommandContext) -> Reply:
        time.sleep(self.delay)
        return self.inner.handle(text, ctx)  # type: ignore[no-any-return]


async def test_slash_command_is_acked_before_a_slow_brief(make_app: Any, fake: FakeSlack) -> None:
    app = make_app()
    add_story(app.stories)
    delay = 1.5
    app.commands = SlowCommands(app.commands, delay)
    async with running(app) as (adapter, slack):
        await slack.mention("<@UBOT> help", fake)  # warms up Bolt's auth.test
        await fake.wait_for("chat.postMessage")
        started = time.monotonic()
        response = await slack.command("brief syria", fake)
        acked = time.monotonic()
        posts = await fake.wait_for("chat.postMessage", count=2, timeout=10)
        await adapter.drain()

    assert response.status_code == 200
    assert acked - started < 1.0 < 3.0  # well inside Slack's 3 s, and before the answer
    assert posts[1].at > acked
    assert posts[1].at - started >= delay
    assert posts[1].blocks[0]["type"] == "header"


async def test_policy_refusal_is_ephemeral_and_changes_nothing(
    make_app: Any, fake: FakeSlack
) -> None:
    app = make_app(SLACK_CONFIG_POLICY="admins")
    async with running(app) as (adapter, slack):
        await slack.command("subscribe syria", fake, user="U2", response_id="refused")
        (refusal,) = await fake.wait_for("response")
        assert refusal.path_id == "refused"
        assert refusal.params["response_type"] == "ephemeral"
        assert "only the chat's admins" in refusal.text
        assert app.chats.subscriptions(CHANNEL) == []

        # Commands that change nothing need no admin check.
        await slack.command("list", fake, user="U2", response_id="list")
        await fake.wait_for("response", count=2)
        assert [c.params["user"] for c in fake.calls_to("users.info")] == ["U2"]

        await slack.command("subscribe syria", fake, user="UADMIN", response_id="ok")
        answers = await fake.wait_for("response", count=3)
        await adapter.drain()

    assert answers[2].params["response_type"] == "in_channel"
    assert [s.topic for s in app.chats.subscriptions(CHANNEL)] == ["syria"]
    assert fake.calls_to("chat.postMessage") == []


async def test_users_policy_allows_listed_users_only(make_app: Any, fake: FakeSlack) -> None:
    app = make_app(SLACK_CONFIG_POLICY="users", SLACK_ALLOWED_USERS="UEDITOR")
    async with running(app) as (adapter, slack):
        await slack.command("alerts on 10", fake, user="U2")
        (refusal,) = await fake.wait_for("response")
        assert refusal.params["response_type"] == "ephemeral"
        assert app.chats.settings(CHANNEL).alerts is False
        await slack.command("alerts on 10", fake, user="UEDITOR")
        await fake.wait_for("response", count=2)
        await adapter.drain()
    assert app.chats.settings(CHANNEL).alerts is True
    assert fake.calls_to("users.info") == []


@pytest.mark.parametrize(
    ("secret", "age_s"), [("wrong-secret", 0), (SECRET, 6 * 60)], ids=["bad-sig", "stale"]
)
async def test_unverified_requests_are_rejected(
    make_app: Any, fake: FakeSlack, secret: str, age_s: int
) -> None:
    app = make_app()
    add_story(app.stories)
    async with running(app) as (adapter, slack):
        stamp = int(time.time()) - age_s
        subscribe = await slack.command("subscribe syria", fake, secret=secret, timestamp=stamp)
        brief = await slack.command("brief syria", fake, secret=secret, timestamp=stamp)
        await adapter.drain()
    assert subscribe.status_code == 401 and brief.status_code == 401
    assert app.chats.subscriptions(CHANNEL) == []
    assert fake.calls == []


async def test_sender_maps_slack_errors(make_app: Any, fake: FakeSlack) -> None:
    app = make_app()
    story_id = add_story(app.stories)
    adapter = SlackAdapter(app)
    reply = app.commands.handle("/brief syria", CommandContext(CHANNEL))
    (payload,) = adapter.render_payloads(reply)
    assert payload["story_ids"] == [story_id] and payload["text"] == "Syria brief: 1 item(s)"
    sender = adapter.sender()
    assert sender.platform == "slack"

    fake.fail_next("chat.postMessage", "ratelimited", retry_after=2)
    limited = await sender.send(CHANNEL, payload)
    assert not limited.ok and not limited.permanent
    assert limited.retry_after == 2 and limited.error == "ratelimited"

    for error in ("channel_not_found", "not_in_channel", "is_archived"):
        fake.fail_next("chat.postMessage", error)
        gone = await sender.send(CHANNEL, payload)
        assert not gone.ok and gone.permanent and gone.error == error

    fake.fail_next("chat.postMessage", "internal_error", status=503)
    flaky = await sender.send(CHANNEL, payload)
    assert not flaky.ok and not flaky.permanent and flaky.error == "http_503"

    sent = await sender.send(CHANNEL, {**payload, "thread_ts": "1699999999.000001"})
    assert sent.ok and sent.message_id
    assert fake.calls_to("chat.postMessage")[-1].params["thread_ts"] == "1699999999.000001"
    assert app.chats.stories_of_message(CHANNEL, sent.message_id) == [story_id]
    assert len(fake.calls_to("chat.postMessage")) == 6  # no hidden retries
    await adapter.stop()


async def test_socket_mode_is_chosen_with_an_app_token(make_app: Any, fake: FakeSlack) -> None:
    app = make_app(SLACK_APP_TOKEN="xapp-1-test", SLACK_SIGNING_SECRET="")
    adapter = SlackAdapter(app)
    assert adapter.mode == "socket" and adapter.port is None
    handler = adapter.socket_mode_handler()
    try:
        assert handler.app is adapter.bolt and handler.client.web_client is adapter.client
        assert handler.client.web_client.base_url == fake.base_url
    finally:
        await handler.close_async()
    assert fake.calls == []  # constructing it connects nowhere
    assert "xapp-1-test" not in repr(app.settings.slack)
