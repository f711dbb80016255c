"""The real Telegram Application (PTB v22) against the fake Bot API on 127.0.0.1.

Every scenario drives the bot through scripted updates and asserts on what the fake
recorded (sendMessage, answerCallbackQuery, getChatMember ...) and on the database.
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import sys
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import text
from telegram.ext import ExtBot

from bot.adapters.telegram import SORRY, TelegramAdapter
from bot.adapters.telegram_send import TelegramSender
from bot.bootstrap import App, bootstrap
from bot.core.clock import FixedClock
from bot.core.commands import COMMANDS
from bot.core.models import ChatRef
from bot.settings import SettingsError, load_settings
from tests.support.fake_telegram import FakeTelegram
from tests.support.stories import NOW, add_story

TOKEN = "123456:TEST-token-never-logged"
USER = 1001
ADMIN = 2002
GROUP = -100555


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any connection outside 127.0.0.0/8 (api.telegram.org included) fails the test."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def check(address: Any) -> None:
        if isinstance(address, tuple) and not str(address[0]).startswith("127."):
            raise AssertionError(f"test tried to reach {address!r}")

    def connect(sock: socket.socket, address: Any) -> None:
        check(address)
        real_connect(sock, address)

    def connect_ex(sock: socket.socket, address: Any) -> int:
        check(address)
        return real_connect_ex(sock, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in (None, "localhost") and not str(host).startswith("127."):
            raise AssertionError(f"test tried to resolve {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@dataclass
class Bot:
    app: App
    adapter: TelegramAdapter
    fake: FakeTelegram

    async def ask(self, chat_id: int, command: str, **kwargs: Any) -> list[dict[str, Any]]:
        """Pushes a message and returns the bot's answers to that chat."""
        before = len(self.fake.sent_messages(chat_id))
        self.fake.push_message(chat_id, command, **kwargs)
        return await self.answers(chat_id, before)

    async def answers(
        self, chat_id: int, before: int, timeout: float = 20.0
    ) -> list[dict[str, Any]]:
        """Waits for new messages to ``chat_id`` and until no more arrive for a moment."""
        deadline = time.monotonic() + timeout
        while len(self.fake.sent_messages(chat_id)) <= before:
            assert time.monotonic() < deadline, f"no answer in chat {chat_id}"
            await asyncio.sleep(0.01)
        count = -1
        while count != len(self.fake.sent_messages(chat_id)):
            count = len(self.fake.sent_messages(chat_id))
            await asyncio.sleep(0.15)
        return self.fake.sent_messages(chat_id)[before:]


def settings_env(tmp_path: Path, fake: FakeTelegram, **extra: str) -> dict[str, str]:
    return {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'newsbrief.db'}",
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": fake.base_url,
        **extra,
    }


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(poll_wait_s=0.2) as server:
        yield server


@pytest.fixture
def app(tmp_path: Path, fake: FakeTelegram, analyzer: Any) -> Iterator[App]:
    settings = load_settings(env=settings_env(tmp_path, fake))
    application = bootstrap(settings, clock=FixedClock(NOW + timedelta(hours=1)), analyzer=analyzer)
    yield application
    application.engine.dispose()


@pytest.fixture
async def bot(app: App, fake: FakeTelegram) -> AsyncIterator[Bot]:
    adapter = TelegramAdapter(app, poll_timeout_s=1, timeout_s=2.0)
    assert adapter.application.bot.base_url.startswith(fake.base_url)
    await adapter.start()
    try:
        yield Bot(app, adapter, fake)
    finally:
        await adapter.stop()


class TagBalance(HTMLParser):
    """Checks that a Telegram HTML message nests and closes every tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(f"unexpected </{tag}>")


def assert_valid_html(html: str) -> None:
    parser = TagBalance()
    parser.feed(html)
    parser.close()
    assert not parser.errors and not parser.stack, (parser.errors, parser.stack)
    assert set(parser.stack) <= {"b", "i", "a"}


def callback_data(message: dict[str, Any]) -> list[str]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [button["callback_data"] for row in rows for button in row]


# --- private chat -----------------------------------------------------------------------
async def test_start_subscribe_and_brief_in_a_private_chat(bot: Bot) -> None:
    story = add_story(bot.app.stories)
    commands = bot.fake.calls_of("setMyCommands")
    assert [c["command"] for c in commands[0]["commands"]] == [s.name for s in COMMANDS]

    [welcome] = await bot.ask(USER, "/start", user_id=USER)
    assert "Welcome to newsbrief" in welcome["text"]

    [subscribed] = await bot.ask(USER, "/subscribe syria", user_id=USER)
    assert subscribed["text"].startswith("Subscribed to Syria")
    subs = bot.app.chats.subscriptions(ChatRef("telegram", str(USER)))
    assert [s.topic for s in subs] == ["syria"]

    [brief] = await bot.ask(USER, "/brief syria", user_id=USER)
    assert f"#{story} Air strikes on Idlib kill at least 25" in brief["text"]
    assert "25" in brief["text"] and "killed" in brief["text"]
    assert brief["parse_mode"] == "HTML"
    assert brief["link_preview_options"] == {"is_disabled": True}
    actions = ("more", "figures", "quotes", "sources")
    assert callback_data(brief) == [f"{action}:{story}" for action in actions]
    # The brief message is remembered so replies to it reach its stories.
    message_id = str(brief["message_id"])
    assert bot.app.chats.stories_of_message(ChatRef("telegram", str(USER)), message_id) == [story]
    # No request left 127.0.0.1: every call reached the fake.
    assert {m for m, _ in bot.fake.calls} >= {"getMe", "getUpdates", "sendMessage"}


async def test_a_place_name_subscribes_to_its_country(bot: Bot) -> None:
    [answer] = await bot.ask(USER, "/subscribe idlib", user_id=USER)
    assert answer["text"].startswith("Subscribed to Syria")
    subs = bot.app.chats.subscriptions(ChatRef("telegram", str(USER)))
    assert [s.topic for s in subs] == ["syria"]


async def test_unknown_commands_and_bad_arguments_get_helpful_replies(bot: Bot) -> None:
    [unknown] = await bot.ask(USER, "/frobnicate now", user_id=USER)
    assert "Unknown command /frobnicate" in unknown["text"] and "/help" in unknown["text"]
    [bad] = await bot.ask(USER, "/digest 25:99", user_id=USER)
    assert "is not a time" in bad["text"] and "Traceback" not in bad["text"]
    [topic] = await bot.ask(USER, "/brief atlantis", user_id=USER)
    assert "Unknown topic" in topic["text"] and "syria" in topic["text"]


async def test_hostile_headline_arrives_escaped(bot: Bot) -> None:
    add_story(bot.app.stories, headline='Shelling <a href="https://evil.example">x</a> & more')
    [brief] = await bot.ask(USER, "/brief syria", user_id=USER)
    assert '&lt;a href="https://evil.example"&gt;x&lt;/a&gt; &amp; more' in brief["text"]
    assert '<a href="https://evil.example">' not in brief["text"]
    assert_valid_html(brief["text"])


async def test_long_brief_is_split_into_valid_messages(bot: Bot) -> None:
    huge = "Shelling <b>continued</b> & residents fled; " * 60  # clipped to 1500 per item
    outlets = tuple(f"Outlet {n} <i>" for n in range(12))
    ids = {
        add_story(bot.app.stories, headline=f"Story {n} <script>", outlets=outlets, summary=huge)
        for n in range(5)
    }
    messages = await bot.ask(USER, "/brief syria", user_id=USER)
    assert len(messages) >= 3
    seen: set[int] = set()
    for message in messages:
        assert len(message["text"]) <= 4096
        assert_valid_html(message["text"])
        assert "<script>" not in message["text"]
        for data in callback_data(message):
            story_id = int(data.split(":")[1])
            assert f"#{story_id} " in message["text"]  # buttons sit under their own item
            seen.add(story_id)
    assert seen == ids


# --- follow-ups ---------------------------------------------------------------------------
async def test_button_press_shows_figures_and_answers_the_callback(bot: Bot) -> None:
    story = add_story(bot.app.stories, outlets=("Demo Wire", "Other Paper"), figures=(25, 31))
    [brief] = await bot.ask(USER, "/brief syria", user_id=USER)
    before = len(bot.fake.sent_messages(USER))
    query_id = bot.fake.push_callback(USER, f"figures:{story}", message_id=brief["message_id"])
    [figures] = await bot.answers(USER, before)
    assert figures["text"].startswith("<b>Figures: Air strikes on Idlib")
    assert "25" in figures["text"] and "31" in figures["text"]
    assert "Other Paper" in figures["text"]
    answered = await bot.fake.wait_for("answerCallbackQuery")
    assert answered[0]["callback_query_id"] == query_id


async def test_stale_button_is_answered_without_a_message(bot: Bot) -> None:
    query_id = bot.fake.push_callback(USER, "explode:nope")
    answered = await bot.fake.wait_for("answerCallbackQuery")
    assert answered[0]["callback_query_id"] == query_id
    assert "no longer works" in answered[0]["text"]
    assert bot.fake.sent_messages(USER) == []


async def test_reply_to_a_brief_message_reaches_its_story(bot: Bot) -> None:
    story = add_story(bot.app.stories, outlets=("Demo Wire", "Other Paper"))
    [brief] = await bot.ask(USER, "/brief syria", user_id=USER)
    [sources] = await bot.ask(
        USER, "/sources", user_id=USER, reply_to_message_id=brief["message_id"]
    )
    assert sources["text"].startswith("<b>Sources: Air strikes on Idlib")
    assert f'<a href="https://example.org/{story}/1">Other Paper</a>' in sources["text"]
    [why] = await bot.ask(
        USER, "/why killed", user_id=USER, reply_to_message_id=brief["message_id"]
    )
    assert "At least 25 people were killed in Idlib" in why["text"]


# --- groups, topics, channels ---------------------------------------------------------
async def test_group_non_admin_is_refused_and_admin_may_subscribe(bot: Bot) -> None:
    bot.fake.set_admins(GROUP, [ADMIN])
    group = ChatRef("telegram", str(GROUP))

    [refused] = await bot.ask(GROUP, "/subscribe syria", chat_type="supergroup", user_id=USER)
    assert "only the chat's admins" in refused["text"]
    assert bot.app.chats.subscriptions(group) == []
    asked = [(c["chat_id"], c["user_id"]) for c in bot.fake.calls_of("getChatMember")]
    assert asked == [(GROUP, USER)]

    [ok] = await bot.ask(GROUP, "/subscribe syria", chat_type="supergroup", user_id=ADMIN)
    assert ok["text"].startswith("Subscribed to Syria")
    assert [s.topic for s in bot.app.chats.subscriptions(group)] == ["syria"]

    # Anyone may read: /list needs no admin check.
    [listed] = await bot.ask(GROUP, "/list", chat_type="supergroup", user_id=USER)
    assert "Syria" in listed["text"]
    assert len(bot.fake.calls_of("getChatMember")) == 2


async def test_anonymous_group_admin_counts_as_admin(bot: Bot) -> None:
    [ok] = await bot.ask(GROUP, "/alerts on 5", chat_type="supergroup", sender_chat_id=GROUP)
    assert ok["text"].startswith("Alerts on")
    assert bot.app.chats.settings(ChatRef("telegram", str(GROUP))).alert_threshold == 5
    assert bot.fake.calls_of("getChatMember") == []


async def test_forum_topic_is_answered_in_its_thread(bot: Bot) -> None:
    bot.fake.set_admins(GROUP, [ADMIN])
    [answer] = await bot.ask(
        GROUP, "/subscribe sudan", chat_type="supergroup", user_id=ADMIN, thread_id=77
    )
    assert answer["message_thread_id"] == 77
    [sub] = bot.app.chats.subscriptions(ChatRef("telegram", str(GROUP)))
    assert sub.chat.thread_id == "77"
    # Digests go through the sender with the subscription's chat: into the same thread.
    result = await bot.adapter.sender().send(sub.chat, {"html": "digest", "buttons": []})
    assert result.ok
    assert bot.fake.sent_messages(GROUP)[-1]["message_thread_id"] == 77


async def test_channel_post_commands_may_configure(bot: Bot) -> None:
    channel = -100777
    [ok] = await bot.ask(channel, "/subscribe yemen", chat_type="channel", user_id=None)
    assert ok["text"].startswith("Subscribed to Yemen")
    subs = bot.app.chats.subscriptions(ChatRef("telegram", str(channel)))
    assert [s.topic for s in subs] == ["yemen"]


async def test_command_for_another_bot_is_ignored(bot: Bot) -> None:
    bot.fake.push_message(GROUP, "/help@some_other_bot", chat_type="supergroup")
    [answer] = await bot.ask(GROUP, "/help@newsbrief_bot", chat_type="supergroup")
    assert "newsbrief: short, sourced briefs" in answer["text"]
    assert len(bot.fake.sent_messages(GROUP)) == 1


async def test_group_migration_keeps_subscriptions(bot: Bot) -> None:
    old, new = -4001, -1004001
    bot.fake.set_admins(old, [ADMIN])
    await bot.ask(old, "/subscribe gaza", chat_type="group", user_id=ADMIN)
    bot.fake.push_migration(old, new)
    deadline = time.monotonic() + 5
    while not bot.app.chats.subscriptions(ChatRef("telegram", str(new))):
        assert time.monotonic() < deadline, "migration not applied"
        await asyncio.sleep(0.02)
    assert [s.topic for s in bot.app.chats.subscriptions(ChatRef("telegram", str(new)))] == ["gaza"]
    assert bot.app.chats.subscriptions(ChatRef("telegram", str(old))) == []


async def test_handler_failure_answers_without_details(bot: Bot) -> None:
    with bot.app.engine.begin() as conn:  # a broken database, not a mock
        conn.execute(text("DROP TABLE brief_messages"))
    [answer] = await bot.ask(USER, "/sources", user_id=USER, reply_to_message_id=1)
    assert answer["text"] == SORRY
    assert "brief_messages" not in answer["text"]


# --- the sender: what delivery uses ---------------------------------------------------------
async def test_sender_maps_bot_api_errors(bot: Bot) -> None:
    sender = bot.adapter.sender()
    chat = ChatRef("telegram", "4242")
    payload = {"html": "<b>hello</b>", "buttons": [[["More #1", "more:1"]]], "story_ids": [1]}

    bot.fake.fail_next("sendMessage", "429", retry_after=2)
    result = await sender.send(chat, payload)
    assert not result.ok and result.retry_after == 2 and not result.permanent

    bot.fake.fail_next("sendMessage", "migrate", migrate_to=-1009999)
    result = await sender.send(chat, payload)
    assert not result.ok and result.migrated_to == "-1009999"

    for kind in ("500", "502"):
        bot.fake.fail_next("sendMessage", kind)
        result = await sender.send(chat, payload)
        assert not result.ok and not result.permanent and result.retry_after is None

    result = await sender.send(chat, payload)
    assert result.ok and result.message_id == str(bot.fake.sent_messages(4242)[-1]["message_id"])
    assert bot.app.chats.stories_of_message(chat, result.message_id) == [1]
    assert bot.fake.sent_messages(4242)[-1]["reply_markup"] == {
        "inline_keyboard": [[{"text": "More #1", "callback_data": "more:1"}]]
    }
    assert bot.app.chats.settings(chat).active


async def test_sender_timeout_is_retryable(bot: Bot) -> None:
    sender = TelegramSender(bot.adapter.application.bot, bot.app.chats, timeout_s=0.3)
    bot.fake.fail_next("sendMessage", "timeout", delay=1.0)
    result = await sender.send(ChatRef("telegram", "4243"), {"html": "x"})
    assert not result.ok and not result.permanent and result.error


@pytest.mark.parametrize(
    ("kind", "description"),
    [("403", "Forbidden: bot was blocked by the user"), ("400", "Bad Request: chat not found")],
)
async def test_sender_deactivates_gone_chats(bot: Bot, kind: str, description: str) -> None:
    """A 403 (blocked, kicked) or a vanished chat stops deliveries to it for good."""
    chat = ChatRef("telegram", "5151")
    await bot.ask(5151, "/subscribe syria", user_id=5151)
    assert [s.chat for s in bot.app.chats.subscribers("syria")] == [chat]
    bot.fake.fail_next("sendMessage", kind, description=description)
    result = await bot.adapter.sender().send(chat, {"html": "digest"})
    assert not result.ok and result.permanent and result.error
    assert description.split(": ", 1)[1] in result.error.lower()
    settings = bot.app.chats.settings(chat)
    assert not settings.active
    assert bot.app.chats.subscribers("syria") == []


def test_render_payloads_are_json_ready(app: App) -> None:
    from bot.core.replies import Reply

    adapter = TelegramAdapter(app)
    [payload] = adapter.render_payloads(Reply(text="a < b"))
    assert payload == {"html": "a &lt; b", "buttons": [], "story_ids": []}


# --- operations ---------------------------------------------------------------------
async def test_token_never_logged(
    app: App, fake: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    adapter = TelegramAdapter(app, poll_timeout_s=1)
    await adapter.start()
    try:
        fake.push_message(USER, "/help", user_id=USER)
        await fake.wait_for("sendMessage")
    finally:
        await adapter.stop()
    assert caplog.records, "nothing was logged at DEBUG"
    assert TOKEN not in caplog.text
    assert all(TOKEN not in record.getMessage() for record in caplog.records)


async def test_webhook_mode_checks_the_secret(
    tmp_path: Path, fake: FakeTelegram, analyzer: Any
) -> None:
    pytest.importorskip("tornado", reason="webhooks need python-telegram-bot[webhooks]")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = settings_env(
        tmp_path,
        fake,
        TELEGRAM_WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram/hook",
        TELEGRAM_WEBHOOK_SECRET="s3cret-value",
        TELEGRAM_WEBHOOK_LISTEN="127.0.0.1",
        TELEGRAM_WEBHOOK_PORT=str(port),
    )
    app = bootstrap(load_settings(env=env), analyzer=analyzer)
    adapter = TelegramAdapter(app)
    await adapter.start()
    try:
        assert fake.webhook is not None
        assert fake.webhook["url"] == f"http://127.0.0.1:{port}/telegram/hook"
        assert fake.webhook["secret_token"] == "s3cret-value"
        assert "getUpdates" not in {m for m, _ in fake.calls}
        update = {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "date": 0,
                "text": "/start",
                "chat": {"id": USER, "type": "private", "first_name": "U"},
                "from": {"id": USER, "is_bot": False, "first_name": "U"},
                "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
            },
        }
        url = f"http://127.0.0.1:{port}/telegram/hook"
        async with aiohttp.ClientSession() as session:
            async with session.post(url, json=update) as response:
                assert response.status == 403
            bad = {"X-Telegram-Bot-Api-Secret-Token": "wrong"}
            async with session.post(url, json=update, headers=bad) as response:
                assert response.status == 403
            good = {"X-Telegram-Bot-Api-Secret-Token": "s3cret-value"}
            async with session.post(url, json=update, headers=good) as response:
                assert response.status == 200
        [welcome] = await fake.wait_for("sendMessage", chat_id=USER)
        assert "Welcome to newsbrief" in welcome["text"]
    finally:
        await adapter.stop()
        app.engine.dispose()


async def test_rejected_token_is_reported_without_the_token(tmp_path: Path, analyzer: Any) -> None:
    async with FakeTelegram(token="999:the-real-one") as strict:
        app = bootstrap(load_settings(env=settings_env(tmp_path, strict)), analyzer=analyzer)
        adapter = TelegramAdapter(app)
        try:
            with pytest.raises(SettingsError) as raised:
                await adapter.start()
            assert TOKEN not in str(raised.value) and "rejected" in str(raised.value)
            result = await adapter.sender().send(ChatRef("telegram", "1"), {"html": "x"})
            assert not result.ok and result.error and TOKEN not in result.error
        finally:
            await adapter.stop()
            app.engine.dispose()
        assert strict.sent_messages() == []


# --- the fake itself: what the delivery benchmark relies on ----------------------------------
async def test_fake_rate_limits_answer_429_with_retry_after(app: App) -> None:
    async with FakeTelegram(per_chat_limit_per_s=1, global_limit_per_s=3) as limited:
        bot = ExtBot(TOKEN, base_url=f"{limited.base_url}/bot")
        async with bot:
            sender = TelegramSender(bot, app.chats)
            first = await sender.send(ChatRef("telegram", "1"), {"html": "one"})
            second = await sender.send(ChatRef("telegram", "1"), {"html": "two"})
            assert first.ok and second.retry_after == 1
            others = [
                await sender.send(ChatRef("telegram", str(n)), {"html": "x"}) for n in (2, 3, 4)
            ]
            assert [r.ok for r in others] == [True, True, False]  # the global limit: 3 per s
        assert len(limited.sent_messages()) == 3 and limited.counts["rate_limited"] == 2


async def test_fake_runs_as_a_process_and_records_every_send(tmp_path: Path) -> None:
    record = tmp_path / "sent.jsonl"
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.support.fake_telegram",
        "--record",
        str(record),
        stdout=asyncio.subprocess.PIPE,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        assert process.stdout is not None
        ready = (await asyncio.wait_for(process.stdout.readline(), 10)).decode().split()
        assert ready[0] == "READY" and ready[1].startswith("http://127.0.0.1:")
        async with aiohttp.ClientSession() as session:
            for n in range(3):
                url = f"{ready[1]}/bot{TOKEN}/sendMessage"
                async with session.post(url, data={"chat_id": str(n), "text": "hi"}) as response:
                    assert (await response.json())["result"]["chat"]["id"] == n
            async with session.post(url, json={"chat_id": 7, "text": "json"}) as response:
                assert (await response.json())["ok"]
        process.kill()  # SIGKILL: the lines written so far are already flushed
        await process.wait()
        lines = [json.loads(line) for line in record.read_text().splitlines()]
        assert [line["chat_id"] for line in lines] == [0, 1, 2, 7]
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
