"""The Telegram bot: python-telegram-bot v22 driving the shared command layer.

Thin on purpose: an Update becomes a CommandContext and ``app.commands.handle`` (run in a
thread: the core is synchronous and touches the database); the Reply is rendered by
``bot.render.telegram_html`` and sent by TelegramSender. PTB runs inside the caller's event
loop (start/stop, never run_polling) so Slack and the scheduler share it.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any
from urllib.parse import urlparse

from telegram import BotCommand, Chat, ChatMember, Message, Update
from telegram.constants import ChatType
from telegram.error import InvalidToken, TelegramError
from telegram.ext import (
    Application,
    CallbackContext,
    CallbackQueryHandler,
    ExtBot,
    MessageHandler,
    filters,
)

from bot.adapters.telegram_send import TelegramSender, render_payloads
from bot.bootstrap import App
from bot.core.commands import COMMANDS, CommandContext, parse
from bot.core.models import ChatRef, Platform
from bot.core.outbound import Payload, SendResult
from bot.core.replies import Reply
from bot.settings import SettingsError

log = logging.getLogger(__name__)

TelegramApp = Application[Any, Any, Any, Any, Any, Any]
Context = CallbackContext[ExtBot[None], Any, Any, Any]

FOLLOW_UPS = frozenset({"more", "figures", "quotes", "sources"})
_CONFIGURES = frozenset(spec.name for spec in COMMANDS if spec.configures)
_ADMIN = frozenset({ChatMember.ADMINISTRATOR, ChatMember.OWNER})
ALLOWED_UPDATES = [Update.MESSAGE, Update.CHANNEL_POST, Update.CALLBACK_QUERY]
SORRY = "Something went wrong; please try again."
# Interactive replies wait this long at most on a 429 before giving up on a message.
_MAX_INTERACTIVE_WAIT_S = 3.0


def build_application(app: App, timeout_s: float = 10.0) -> TelegramApp:
    """The PTB Application with newsbrief's handlers; nothing is contacted yet."""
    tg = app.settings.telegram
    if tg.token is None:
        raise SettingsError("TELEGRAM_BOT_TOKEN is not set")
    builder = (
        Application.builder()
        .token(tg.token.value)
        .connect_timeout(timeout_s)
        .read_timeout(timeout_s)
        .write_timeout(timeout_s)
        .concurrent_updates(8)
    )
    if tg.api_base_url:
        base = tg.api_base_url.rstrip("/")
        # PTB appends the token: {base}/bot<token>/<method>.
        builder = builder.base_url(f"{base}/bot").base_file_url(f"{base}/file/bot")
    guard_token_logs(tg.token.value)  # before build(): PTB logs its URL (with the token)
    application: TelegramApp = builder.build()
    handlers = _Handlers(app)
    updates = filters.UpdateType.MESSAGE | filters.UpdateType.CHANNEL_POST
    application.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, handlers.on_migrate))
    application.add_handler(MessageHandler(updates & filters.COMMAND, handlers.on_command))
    application.add_handler(CallbackQueryHandler(handlers.on_callback))
    application.add_error_handler(handlers.on_error)
    return application


class _Handlers:
    def __init__(self, app: App) -> None:
        self._app = app

    async def on_command(self, update: Update, context: Context) -> None:
        message = update.effective_message
        chat = update.effective_chat
        if message is None or chat is None or not message.text:
            return
        if not addressed_to_us(message.text, context.bot.username):
            return  # "/brief@otherbot" in a group
        ref = chat_ref(chat, message)
        name, _ = parse(message.text)
        may_configure = True
        if name in _CONFIGURES:
            may_configure = await self._may_configure(update, chat, message, context)
        replied: tuple[int, ...] = ()
        if message.reply_to_message is not None:
            replied = tuple(
                await asyncio.to_thread(
                    self._app.chats.stories_of_message,
                    ref,
                    str(message.reply_to_message.message_id),
                )
            )
        ctx = CommandContext(
            chat=ref,
            user_id=str(message.from_user.id) if message.from_user else "",
            may_configure=may_configure,
            replied_story_ids=replied,
        )
        reply = await asyncio.to_thread(self._app.commands.handle, message.text, ctx)
        await self._answer(context, ref, reply)

    async def on_callback(self, update: Update, context: Context) -> None:
        query = update.callback_query
        if query is None:
            return
        action, _, raw_id = (query.data or "").partition(":")
        message = query.message
        if action not in FOLLOW_UPS or not raw_id.isdigit() or not isinstance(message, Message):
            await query.answer("This button no longer works; use /help.")
            return
        await query.answer()  # stop the button's spinner at once
        ref = chat_ref(message.chat, message)
        ctx = CommandContext(
            chat=ref,
            user_id=str(query.from_user.id),
            may_configure=message.chat.type == ChatType.PRIVATE,
        )
        reply = await asyncio.to_thread(self._app.commands.handle, f"/{action} {raw_id}", ctx)
        await self._answer(context, ref, reply)

    async def on_migrate(self, update: Update, context: Context) -> None:
        message = update.effective_message
        if message is None or message.migrate_to_chat_id is None:
            return  # the migrate_from service message in the new supergroup
        old = ChatRef("telegram", str(message.chat.id))
        log.info("telegram group %s migrated to %s", message.chat.id, message.migrate_to_chat_id)
        await asyncio.to_thread(self._app.chats.migrate_chat, old, str(message.migrate_to_chat_id))

    async def on_error(self, update: object, context: Context) -> None:
        log.error("telegram update failed", exc_info=context.error)
        if not isinstance(update, Update) or update.effective_chat is None:
            return
        message = update.effective_message
        ref = chat_ref(update.effective_chat, message)
        try:
            await self._answer(context, ref, Reply(text=SORRY, ok=False))
        except Exception:  # the error may be the chat itself; never loop on it
            log.warning("could not tell chat %s about an error", ref.chat_id)

    async def _may_configure(
        self, update: Update, chat: Chat, message: Message, context: Context
    ) -> bool:
        if chat.type == ChatType.PRIVATE or update.channel_post is not None:
            return True  # only a channel's admins can post in it
        if message.sender_chat is not None:
            return message.sender_chat.id == chat.id  # anonymous admin; not a linked channel
        if message.from_user is None:
            return False
        try:
            member = await context.bot.get_chat_member(chat.id, message.from_user.id)
        except TelegramError as exc:
            log.warning("getChatMember failed in chat %s: %s", chat.id, exc.message)
            return False
        return member.status in _ADMIN

    async def _answer(self, context: Context, ref: ChatRef, reply: Reply) -> None:
        sender = TelegramSender(context.bot, self._app.chats)
        for payload in render_payloads(reply):
            result = await sender.send(ref, payload)
            if result.retry_after is not None and result.retry_after <= _MAX_INTERACTIVE_WAIT_S:
                await asyncio.sleep(result.retry_after)
                result = await sender.send(ref, payload)
            if not result.ok:
                log.warning("reply to telegram chat %s not sent: %s", ref.chat_id, result.error)
                return


def chat_ref(chat: Chat, message: Message | None) -> ChatRef:
    """Forum topics answer in the topic asked in; other threads are plain replies."""
    thread = None
    if message is not None and message.is_topic_message and message.message_thread_id:
        thread = str(message.message_thread_id)
    return ChatRef("telegram", str(chat.id), thread)


def addressed_to_us(text: str, username: str | None) -> bool:
    head = text.split(maxsplit=1)[0] if text.strip() else ""
    _, at, target = head.partition("@")
    return not at or username is None or target.lower() == username.lower()


class _RedactToken(logging.Filter):
    """PTB logs its API URL (which holds the token) at DEBUG; httpx logs URLs at INFO."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.token in message:
            record.msg = message.replace(self.token, "<token>")
            record.args = None
        return True


# Logger filters see only records of their own logger, so each emitting logger is named.
_TOKEN_LOGGERS = ("httpx", "telegram.Bot", "telegram.ext.ExtBot", "telegram.ext.Updater",
                  "telegram.ext.Application", "telegram.request.BaseRequest")


def guard_token_logs(token: str) -> None:
    """Redacts the bot token from the loggers that could print it (idempotent)."""
    for name in _TOKEN_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, _RedactToken) and f.token == token for f in logger.filters):
            logger.addFilter(_RedactToken(token))


class TelegramAdapter:
    """The Telegram side of newsbrief: long polling, or a webhook when one is configured."""

    platform: Platform = "telegram"

    def __init__(self, app: App, *, poll_timeout_s: int = 30, timeout_s: float = 10.0) -> None:
        self._app = app
        self._poll_timeout_s = poll_timeout_s
        self._timeout_s = timeout_s
        self.application = build_application(app, timeout_s)
        self._started = False

    async def start(self) -> None:
        logging.getLogger("httpx").setLevel(logging.WARNING)
        application = self.application
        try:
            await application.initialize()
        except InvalidToken:
            # PTB's message holds the token itself; say what is wrong without it.
            raise SettingsError("TELEGRAM_BOT_TOKEN was rejected by the Bot API") from None
        self._started = True
        commands = [BotCommand(spec.name, spec.help[:256]) for spec in COMMANDS]
        try:
            await application.bot.set_my_commands(commands)
        except TelegramError as exc:
            log.warning("setMyCommands failed: %s", exc.message)
        await application.start()
        updater = application.updater
        assert updater is not None  # the builder always makes one
        tg = self._app.settings.telegram
        if tg.webhook_url:
            await updater.start_webhook(
                listen=tg.webhook_listen,
                port=tg.webhook_port,
                url_path=urlparse(tg.webhook_url).path.lstrip("/"),
                webhook_url=tg.webhook_url,
                secret_token=tg.webhook_secret.value if tg.webhook_secret else None,
                allowed_updates=ALLOWED_UPDATES,
            )
            log.info("telegram webhook listening on %s:%s", tg.webhook_listen, tg.webhook_port)
        else:
            await updater.start_polling(
                poll_interval=0.0,
                timeout=self._poll_timeout_s,
                allowed_updates=ALLOWED_UPDATES,
            )
            log.info("telegram long polling started")

    async def stop(self) -> None:
        application = self.application
        updater = application.updater
        if updater is not None and updater.running:
            await updater.stop()
        if application.running:
            await application.stop()
        if self._started:
            await application.shutdown()
            self._started = False
        else:
            await application.bot.shutdown()  # a sender may have initialized it alone

    def sender(self) -> TelegramSender:
        return TelegramSender(self.application.bot, self._app.chats, self._timeout_s)

    def render_payloads(self, reply: Any) -> list[Payload]:
        return render_payloads(reply)


__all__ = ["SendResult", "TelegramAdapter", "TelegramSender", "build_application", "chat_ref"]
