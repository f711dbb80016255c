"""What Slack sends to an app: signed slash commands, block actions and events."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any
from urllib.parse import urlencode

import httpx

from bot.core.models import ChatRef
from tests.support.fake_slack import FakeSlack

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
CHANNEL = ChatRef("slack", "C0CHAN")


def signature(secret: str, timestamp: str, body: str) -> str:
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


class SlackHTTP:
    """Sends what Slack sends: signed slash commands, block actions and events."""

    def __init__(self, http: httpx.AsyncClient, url: str) -> None:
        self.http = http
        self.url = url

    async def post(
        self,
        body: str,
        content_type: str,
        *,
        secret: str = SECRET,
        timestamp: int | None = None,
    ) -> httpx.Response:
        ts = str(int(time.time()) if timestamp is None else timestamp)
        headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": signature(secret, ts, body),
        }
        return await self.http.post(self.url, content=body.encode(), headers=headers)

    async def command(
        self, text: str, fake: FakeSlack, user: str = "U1", response_id: str = "r1", **kw: Any
    ) -> httpx.Response:
        body = urlencode(
            {
                "token": "legacy",
                "team_id": fake.team_id,
                "team_domain": "fake",
                "channel_id": CHANNEL.chat_id,
                "channel_name": "conflict-desk",
                "user_id": user,
                "user_name": user.lower(),
                "command": "/newsbrief",
                "text": text,
                "api_app_id": "A0APP",
                "is_enterprise_install": "false",
                "response_url": fake.response_url(response_id),
                "trigger_id": "1.2.3",
            }
        )
        return await self.post(body, "application/x-www-form-urlencoded", **kw)

    async def button(
        self, action: str, story_id: int, message_ts: str, fake: FakeSlack, user: str = "U1"
    ) -> httpx.Response:
        payload = {
            "type": "block_actions",
            "user": {"id": user, "username": user.lower(), "team_id": fake.team_id},
            "api_app_id": "A0APP",
            "token": "legacy",
            "team": {"id": fake.team_id, "domain": "fake"},
            "container": {
                "type": "message",
                "message_ts": message_ts,
                "channel_id": CHANNEL.chat_id,
                "is_ephemeral": False,
            },
            "channel": {"id": CHANNEL.chat_id, "name": "conflict-desk"},
            "message": {"type": "message", "ts": message_ts, "user": fake.bot_user_id},
            "response_url": fake.response_url("act"),
            "trigger_id": "1.2.4",
            "actions": [
                {
                    "type": "button",
                    "action_id": f"newsbrief_{action}",
                    "block_id": f"item-{story_id}",
                    "value": str(story_id),
                    "text": {"type": "plain_text", "text": action.title()},
                    "action_ts": "1700000200.000001",
                }
            ],
        }
        body = urlencode({"payload": json.dumps(payload)})
        return await self.post(body, "application/x-www-form-urlencoded")

    async def mention(
        self, text: str, fake: FakeSlack, thread_ts: str | None = None
    ) -> httpx.Response:
        event: dict[str, Any] = {
            "type": "app_mention",
            "user": "U1",
            "text": text,
            "ts": "1700000300.000001",
            "channel": CHANNEL.chat_id,
            "event_ts": "1700000300.000001",
        }
        if thread_ts:
            event["thread_ts"] = thread_ts
        body = json.dumps(
            {
                "token": "legacy",
                "team_id": fake.team_id,
                "api_app_id": "A0APP",
                "event": event,
                "type": "event_callback",
                "event_id": "Ev0001",
                "event_time": int(time.time()),
                "authorizations": [
                    {"team_id": fake.team_id, "user_id": fake.bot_user_id, "is_bot": True}
                ],
            }
        )
        return await self.post(body, "application/json")
