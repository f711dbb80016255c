"""Sending rendered payloads to Telegram, with Bot API errors mapped to SendResult.

A payload is one Telegram message as the outbox stores it:
``{"html": str, "buttons": [[[label, data], ...], ...], "story_ids": [...]}``.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)

from bot.core.models import ChatRef, Platform
from bot.core.outbound import Payload, SendResult
from bot.core.replies import Reply
from bot.render.telegram_html import render_reply
from bot.store.chats import ChatRepository

log = logging.getLogger(__name__)

# BadRequest descriptions that mean the chat itself is gone, not just this message.
_GONE = ("chat not found", "user is deactivated", "group chat was deactivated", "bot was kicked")


def render_payloads(reply: Reply) -> list[Payload]:
    return [
        {
            "html": message.html,
            "buttons": [[[label, data] for label, data in row] for row in message.buttons],
            "story_ids": list(message.story_ids),
        }
        for message in render_reply(reply)
    ]


def keyboard(buttons: Any) -> InlineKeyboardMarkup | None:
    rows = [
        [InlineKeyboardButton(str(label), callback_data=str(data)) for label, data in row]
        for row in buttons or ()
        if row
    ]
    return InlineKeyboardMarkup(rows) if rows else None


def telegram_chat_id(chat: ChatRef) -> int | str:
    """Numeric ids as int; '@channelname' stays a string."""
    raw = chat.chat_id
    return int(raw) if raw.lstrip("-").isdigit() else raw


def _seconds(value: int | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class TelegramSender:
    """Sends one payload as one Telegram message (HTML, no link previews, inline buttons)."""

    platform: Platform = "telegram"

    def __init__(self, bot: Bot, chats: ChatRepository, timeout_s: float | None = None) -> None:
        self._bot = bot
        self._chats = chats
        self._timeout_s = timeout_s
        self._ready = False

    async def send(self, chat: ChatRef, payload: Payload) -> SendResult:
        try:
            return await self._send(chat, payload)
        except InvalidToken:
            # PTB puts the token into this message: never let it reach logs or the outbox.
            return SendResult(ok=False, error="the bot token was rejected")

    async def _send(self, chat: ChatRef, payload: Payload) -> SendResult:
        story_ids = [int(i) for i in payload.get("story_ids") or ()]
        try:
            if not self._ready:  # delivery may send before (or without) the adapter's start()
                await self._bot.initialize()
                self._ready = True
            message = await self._bot.send_message(
                chat_id=telegram_chat_id(chat),
                text=str(payload["html"]),
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                reply_markup=keyboard(payload.get("buttons")),
                message_thread_id=int(chat.thread_id) if chat.thread_id else None,
                read_timeout=self._timeout_s,
                write_timeout=self._timeout_s,
                connect_timeout=self._timeout_s,
            )
        except RetryAfter as exc:
            return SendResult(ok=False, retry_after=_seconds(exc.retry_after), error=exc.message)
        except ChatMigrated as exc:
            return SendResult(ok=False, migrated_to=str(exc.new_chat_id), error=exc.message)
        except Forbidden as exc:
            await self._gone(chat, exc.message)
            return SendResult(ok=False, permanent=True, error=exc.message)
        except BadRequest as exc:
            if any(marker in exc.message.lower() for marker in _GONE):
                await self._gone(chat, exc.message)
                return SendResult(ok=False, permanent=True, error=exc.message)
            # Not retry-worthy for this message, but the chat is fine: the outbox decides.
            log.warning("telegram rejected a message for chat %s: %s", chat.chat_id, exc.message)
            return SendResult(ok=False, error=f"bad request: {exc.message}")
        except NetworkError as exc:  # includes TimedOut and 5xx answers
            return SendResult(ok=False, error=f"network: {exc.message}")
        except InvalidToken:
            raise
        except TelegramError as exc:
            return SendResult(ok=False, error=exc.message)
        message_id = str(message.message_id)
        if story_ids:
            await asyncio.to_thread(self._chats.remember_brief, chat, message_id, story_ids)
        return SendResult(ok=True, message_id=message_id)

    async def _gone(self, chat: ChatRef, reason: str) -> None:
        log.info("telegram chat %s is gone (%s); deactivating", chat.chat_id, reason)
        await asyncio.to_thread(self._chats.deactivate, chat, reason)
