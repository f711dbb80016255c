"""`newsbrief run` end to end: Telegram and Slack in one process, sharing the scheduler,
the store and the loop, against the local fake Bot API and fake Slack Web API."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

import httpx

from bot.core.models import ChatRef
from bot.store.chats import ChatRepository
from bot.store.db import make_engine
from tests.support.fake_slack import FakeSlack
from tests.support.fake_telegram import FakeTelegram
from tests.support.slack_http import CHANNEL, SECRET, SlackHTTP

REPO = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _wait(condition, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.1)


async def test_one_process_serves_telegram_and_slack(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'service.db'}"
    port = _free_port()
    async with FakeTelegram() as telegram, FakeSlack() as slack:
        env = dict(os.environ)
        env.update(
            DATABASE_URL=database,
            HF_HUB_OFFLINE="1",
            NEWSBRIEF_SOURCES="demo:",
            TELEGRAM_BOT_TOKEN="123456:TEST-token",
            TELEGRAM_API_BASE_URL=telegram.base_url,
            SLACK_BOT_TOKEN="xoxb-service-test",
            SLACK_SIGNING_SECRET=SECRET,
            SLACK_API_BASE_URL=slack.base_url,
            SLACK_HTTP_PORT=str(port),
        )
        env.pop("SLACK_APP_TOKEN", None)
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            cwd=REPO,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        try:
            # Telegram: a user subscribes and asks for a brief of the polled demo source.
            await telegram.wait_for("getUpdates", timeout=60)
            telegram.push_message(111, "/subscribe syria")
            await telegram.wait_for("sendMessage", chat_id=111, timeout=30)
            chats = ChatRepository(make_engine(database))
            # The scheduler's first poll stores the demo articles; ask until it has.
            for _attempt in range(45):
                telegram.push_message(111, "/brief syria")
                await asyncio.sleep(2)
                if any("Idlib" in m.get("text", "") for m in telegram.sent_messages(111)):
                    break
            brief = [m for m in telegram.sent_messages(111) if "Idlib" in m.get("text", "")]
            assert brief and brief[0]["parse_mode"] == "HTML" and "reply_markup" in brief[0]
            # Slack: a signed slash command through the same process.
            async with httpx.AsyncClient(timeout=10) as http:
                await _wait(lambda: _listening(port), timeout=30, what="Slack HTTP port")
                client = SlackHTTP(http, f"http://127.0.0.1:{port}/slack/events")
                response = await client.command("subscribe sudan", slack)
                assert response.status_code == 200
            await _wait(
                lambda: bool(chats.subscriptions(CHANNEL)), timeout=30, what="Slack subscription"
            )
            assert [s.topic for s in chats.subscriptions(ChatRef("telegram", "111"))] == ["syria"]
            assert [s.topic for s in chats.subscriptions(CHANNEL)] == ["sudan"]
            assert slack.calls, "the Slack answer was posted to the fake Web API"
        finally:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
            output, _ = await asyncio.wait_for(process.communicate(), timeout=60)
        log = output.decode()
        assert process.returncode == 0, log[-3000:]
        assert "event=service.started" in log and "event=service.stopped" in log
        assert "TEST-token" not in log and "xoxb-service-test" not in log


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False
