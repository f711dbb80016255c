"""Slack messages out: core Replies as chat.postMessage payloads, and a Sender for delivery.

A payload is what the outbox stores: ``{"blocks": [...], "text": fallback,
"story_ids": [...], "thread_ts": optional}``. ``SlackSender.send`` posts it and maps
Slack's answer onto SendResult so delivery can wait, retry or stop without knowing Slack.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack_policy import for_slack
from bot.core.models import ChatRef, Platform
from bot.core.outbound import Payload, SendResult
from bot.core.ports import ChatStore
from bot.core.replies import Reply
from bot.render.slack_blocks import Block, fallback_text, render_reply

log = logging.getLogger(__name__)

# The channel is gone for good, or the bot was removed from it: stop sending there.
PERMANENT_ERRORS = frozenset(
    {"channel_not_found", "not_in_channel", "is_archived", "account_inactive"}
)
DEFAULT_RETRY_AFTER = 1.0


def story_ids_of(blocks: list[Block]) -> list[int]:
    """The story ids behind a message's buttons, in order (one per item)."""
    ids: list[int] = []
    for block in blocks:
        if block.get("type") != "actions":
            continue
        for element in block.get("elements", []):
            value = str(element.get("value", ""))
            if str(element.get("action_id", "")).startswith("newsbrief_") and value.isdigit():
                if int(value) not in ids:
                    ids.append(int(value))
                break
    return ids


def render_payloads(reply: Reply, thread_ts: str | None = None) -> list[Payload]:
    """A core Reply as one payload per Slack message (a long brief is split on items)."""
    reply = for_slack(reply)
    text = fallback_text(reply)
    payloads: list[Payload] = []
    for number, blocks in enumerate(render_reply(reply)):
        payload: Payload = {
            "blocks": blocks,
            # Later parts of a split brief say so in their notification text.
            "text": text if number == 0 else f"{text} (part {number + 1})",
            "story_ids": story_ids_of(blocks) if reply.brief is not None else [],
        }
        if thread_ts:
            payload["thread_ts"] = thread_ts
        payloads.append(payload)
    return payloads


def slack_error(exc: SlackApiError) -> tuple[str, int | None, float | None]:
    """(error code, HTTP status, Retry-After seconds) of a failed Web API call."""
    response = exc.response
    status = getattr(response, "status_code", None)
    data = getattr(response, "data", None)
    error = ""
    if isinstance(data, Mapping):
        error = str(data.get("error") or "")
    if not error:
        error = f"http_{status}" if status else "unknown_error"
    retry_after = _retry_after(getattr(response, "headers", None) or {})
    return error, status, retry_after


def _retry_after(headers: Mapping[str, Any]) -> float | None:
    for key, value in headers.items():
        if str(key).lower() == "retry-after":
            raw = value[0] if isinstance(value, list | tuple) and value else value
            try:
                return max(0.0, float(raw))
            except (TypeError, ValueError):
                return DEFAULT_RETRY_AFTER
    return None


def result_of_error(exc: SlackApiError) -> SendResult:
    error, status, retry_after = slack_error(exc)
    if error == "ratelimited" or status == 429:
        return SendResult(
            ok=False,
            retry_after=retry_after if retry_after is not None else DEFAULT_RETRY_AFTER,
            error="ratelimited",
        )
    if error in PERMANENT_ERRORS:
        return SendResult(ok=False, permanent=True, error=error)
    # 5xx, fatal_error, internal_error, ...: a later try may succeed.
    return SendResult(ok=False, retry_after=retry_after, error=error)


class SlackSender:
    """Posts stored payloads with chat.postMessage; remembers brief messages for follow-ups."""

    platform: Platform = "slack"

    def __init__(self, client: AsyncWebClient, chats: ChatStore) -> None:
        self._client = client
        self._chats = chats

    async def send(self, chat: ChatRef, payload: Payload) -> SendResult:
        thread_ts = payload.get("thread_ts") or chat.thread_id
        try:
            response = await self._client.chat_postMessage(
                channel=chat.chat_id,
                text=str(payload.get("text") or ""),
                blocks=payload.get("blocks") or None,
                thread_ts=thread_ts or None,
                # Source links would otherwise unfold into big previews under each brief.
                unfurl_links=False,
                unfurl_media=False,
            )
        except SlackApiError as exc:
            result = result_of_error(exc)
            log.warning("slack: chat.postMessage to %s failed: %s", chat.chat_id, result.error)
            return result
        except (TimeoutError, aiohttp.ClientError) as exc:
            log.warning("slack: chat.postMessage to %s failed: %r", chat.chat_id, exc)
            return SendResult(ok=False, error=f"network: {type(exc).__name__}")
        ts = str(response.get("ts") or "")
        story_ids = [int(i) for i in payload.get("story_ids") or ()]
        if ts and story_ids:
            await asyncio.to_thread(self._chats.remember_brief, chat, ts, story_ids)
        return SendResult(ok=True, message_id=ts or None)
