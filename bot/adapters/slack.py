"""The Slack app: slash command, mentions and buttons on slack-bolt (asyncio), one command layer.

``/newsbrief brief syria 24h`` and ``@newsbrief brief syria 24h`` both become the core's
``/brief syria 24h``. Every listener acks at once and answers from a task afterwards, so a
slow brief never runs into Slack's 3-second limit. The core is synchronous and touches the
database, so it runs in a worker thread (``asyncio.to_thread``).

HTTP mode serves Bolt with aiohttp on settings.slack.http_host:http_port (Bolt verifies the
signing secret and the timestamp of every request); Socket Mode is used when an app token
is set.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.adapters.slack_policy import (
    ConfigPolicy,
    api_base_url,
    command_text,
    configures,
    for_slack,
    mention_text,
    trusted_response_url,
)
from bot.adapters.slack_sender import PERMANENT_ERRORS, SlackSender, render_payloads, slack_error
from bot.bootstrap import App
from bot.core.commands import CommandContext
from bot.core.models import ChatRef, Platform
from bot.core.outbound import Payload, SendResult
from bot.core.replies import Reply
from bot.render.slack_blocks import fallback_text, render_reply
from bot.settings import SettingsError

log = logging.getLogger(__name__)

COMMAND = "/newsbrief"
EVENTS_PATH = "/slack/events"
FOLLOW_UPS = ("more", "figures", "quotes", "sources")
ACTION_IDS = tuple(f"newsbrief_{name}" for name in FOLLOW_UPS)
DRAIN_TIMEOUT_S = 10.0


class SlackAdapter:
    """A running Slack integration (ChatAdapter): ``await start()`` ... ``await stop()``."""

    platform: Platform = "slack"

    def __init__(self, app: App, *, client: AsyncWebClient | None = None) -> None:
        settings = app.settings.slack
        if settings.bot_token is None:
            raise SettingsError("Slack needs SLACK_BOT_TOKEN")
        self.mode = "socket" if settings.app_token is not None else "http"
        if self.mode == "http" and settings.signing_secret is None:
            raise SettingsError(
                "Slack HTTP mode needs SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode)"
            )
        self._app = app
        self._settings = settings
        self._api_base = api_base_url(settings.api_base_url)
        self.client = client or (
            AsyncWebClient(token=settings.bot_token.value, base_url=self._api_base)
            if self._api_base
            else AsyncWebClient(token=settings.bot_token.value)
        )
        self.policy = ConfigPolicy(settings.config_policy, settings.allowed_users, self.client)
        # The signing secret is passed even when empty so Bolt never reads the environment;
        # over Socket Mode requests arrive on the app-token websocket, not over HTTP.
        self.bolt = AsyncApp(
            name="newsbrief",
            client=self.client,
            signing_secret=settings.signing_secret.value if settings.signing_secret else "",
            request_verification_enabled=self.mode == "http",
            process_before_response=False,
        )
        self.bolt.command(COMMAND)(self._on_command)
        self.bolt.event("app_mention")(self._on_mention)
        for action_id in ACTION_IDS:
            self.bolt.action(action_id)(self._on_action)
        self._sender = SlackSender(self.client, app.chats)
        self._tasks: set[asyncio.Task[None]] = set()
        self._runner: web.AppRunner | None = None
        self._socket: AsyncSocketModeHandler | None = None
        self._port: int | None = None

    # --- ChatAdapter -------------------------------------------------------------------
    @property
    def port(self) -> int | None:
        """The bound HTTP port (the real one when http_port is 0); None in Socket Mode."""
        return self._port

    def sender(self) -> SlackSender:
        return self._sender

    def render_payloads(self, reply: Any) -> list[Payload]:
        if not isinstance(reply, Reply):
            raise TypeError(f"expected a core Reply, got {type(reply).__name__}")
        return render_payloads(reply)

    async def start(self) -> None:
        if self.mode == "socket":
            self._socket = self.socket_mode_handler()
            await self._socket.connect_async()  # type: ignore[no-untyped-call]
            log.info("slack: connected in Socket Mode")
            return
        web_app = web.Application()
        web_app.router.add_post(EVENTS_PATH, self._handle_http)
        web_app.router.add_get("/healthz", _healthz)
        runner = web.AppRunner(web_app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, self._settings.http_host, self._settings.http_port)
        try:
            await site.start()
        except OSError:
            await runner.cleanup()
            raise
        self._runner = runner
        self._port = int(runner.addresses[0][1])
        log.info(
            "slack: listening on http://%s:%s%s", self._settings.http_host, self._port, EVENTS_PATH
        )

    async def stop(self) -> None:
        if self._socket is not None:
            await self._socket.close_async()  # type: ignore[no-untyped-call]
            self._socket = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        await self.drain(DRAIN_TIMEOUT_S)
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    def socket_mode_handler(self) -> AsyncSocketModeHandler:
        """Socket Mode over the app-level token (needs a running event loop)."""
        if self._settings.app_token is None:
            raise SettingsError("Socket Mode needs SLACK_APP_TOKEN")
        return AsyncSocketModeHandler(self.bolt, self._settings.app_token.value)

    async def drain(self, timeout: float = DRAIN_TIMEOUT_S) -> None:
        """Waits for answers still being produced after their ack."""
        pending = [t for t in self._tasks if not t.done()]
        if pending:
            await asyncio.wait(pending, timeout=timeout)

    # --- HTTP ----------------------------------------------------------------------------
    async def _handle_http(self, request: web.Request) -> web.Response:
        # Bolt's RequestVerification checks X-Slack-Signature and rejects stale timestamps.
        bolt_response = await self.bolt.async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(bolt_response)

    # --- listeners: ack now, answer from a task -------------------------------------------
    async def _on_command(self, ack: AsyncAck, command: dict[str, Any]) -> None:
        await ack()
        self._spawn(self._answer_command(dict(command)))

    async def _on_mention(self, ack: AsyncAck, event: dict[str, Any]) -> None:
        await ack()
        self._spawn(self._answer_mention(dict(event)))

    async def _on_action(self, ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        await ack()
        self._spawn(self._answer_action(dict(body), dict(action)))

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(self._guarded(work))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    @staticmethod
    async def _guarded(work: Coroutine[Any, Any, None]) -> None:
        try:
            await work
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("slack: answering a request failed")

    # --- answers ---------------------------------------------------------------------------
    async def _run(
        self, text: str, chat: ChatRef, user: str, replied: tuple[int, ...] = ()
    ) -> Reply:
        may_configure = True
        if configures(text):
            may_configure = await self.policy.allows(user)
        ctx = CommandContext(
            chat=chat, user_id=user, may_configure=may_configure, replied_story_ids=replied
        )
        return await asyncio.to_thread(self._app.commands.handle, text, ctx)

    async def _answer_command(self, command: dict[str, Any]) -> None:
        chat = ChatRef("slack", str(command.get("channel_id") or ""))
        user = str(command.get("user_id") or "")
        text = command_text(str(command.get("text") or ""))
        reply = await self._run(text, chat, user)
        response_url = str(command.get("response_url") or "")
        if reply.private or not reply.ok:
            await self._respond(response_url, reply, "ephemeral", chat, user)
            return
        if reply.brief is None:
            # Settings changes are shown to the channel; help, lists and errors to the asker.
            public = reply.detail is not None or configures(text)
            kind = "in_channel" if public else "ephemeral"
            await self._respond(response_url, reply, kind, chat, user)
            return
        # Briefs go through chat.postMessage: their ts threads the follow-ups.
        result = await self._post(chat, render_payloads(reply))
        if result.ok:
            return
        if result.error in PERMANENT_ERRORS:
            # Not a member of this channel: answer through the command's response_url.
            await self._respond(response_url, reply, "in_channel", chat, user)
        else:
            note = f"Slack did not take the brief ({result.error}); try again shortly."
            await self._respond(response_url, Reply(note, private=True), "ephemeral", chat, user)

    async def _answer_mention(self, event: dict[str, Any]) -> None:
        chat = ChatRef("slack", str(event.get("channel") or ""))
        user = str(event.get("user") or "")
        thread_ts = str(event.get("thread_ts") or "") or None
        replied: tuple[int, ...] = ()
        if thread_ts:
            # "@newsbrief figures" in a brief's thread means that brief's first item.
            ids = await asyncio.to_thread(self._app.chats.stories_of_message, chat, thread_ts)
            replied = tuple(ids)
        reply = await self._run(mention_text(str(event.get("text") or "")), chat, user, replied)
        if reply.private or not reply.ok:
            await self._ephemeral(chat, user, reply, thread_ts)
            return
        await self._post(chat, render_payloads(reply, thread_ts=thread_ts))

    async def _answer_action(self, body: dict[str, Any], action: dict[str, Any]) -> None:
        name = str(action.get("action_id") or "").removeprefix("newsbrief_")
        story = str(action.get("value") or "")
        container = body.get("container") or {}
        message = body.get("message") or {}
        channel = (body.get("channel") or {}).get("id") or container.get("channel_id") or ""
        chat = ChatRef("slack", str(channel))
        user = str((body.get("user") or {}).get("id") or "")
        # Follow-ups go into the brief's thread (or the thread the brief itself is in).
        root: str | None = None
        if not container.get("is_ephemeral"):
            ts = message.get("thread_ts") or message.get("ts") or container.get("message_ts")
            root = str(ts) if ts else None
        if name not in FOLLOW_UPS or not story.isdigit():
            return
        reply = await self._run(f"/{name} {story}", chat, user)
        if reply.private or not reply.ok:
            await self._ephemeral(chat, user, reply, root)
            return
        await self._post(chat, render_payloads(reply, thread_ts=root))

    # --- output ---------------------------------------------------------------------------
    async def _post(self, chat: ChatRef, payloads: list[Payload]) -> SendResult:
        result = SendResult(ok=True)
        for payload in payloads:
            result = await self._sender.send(chat, payload)
            if not result.ok:
                return result
        return result

    async def _respond(
        self, response_url: str, reply: Reply, response_type: str, chat: ChatRef, user: str
    ) -> None:
        if not response_url or not trusted_response_url(response_url, self._api_base):
            log.warning("slack: no usable response_url; answering with chat.postEphemeral")
            await self._ephemeral(chat, user, reply, None)
            return
        hook = AsyncWebhookClient(url=response_url)
        reply = for_slack(reply)
        for blocks in render_reply(reply):
            response = await hook.send(
                text=fallback_text(reply),
                blocks=blocks,
                response_type=response_type,
                replace_original=False,
                unfurl_links=False,
                unfurl_media=False,
            )
            if response.status_code != 200:
                log.warning("slack: response_url answered HTTP %s", response.status_code)
                return

    async def _ephemeral(
        self, chat: ChatRef, user: str, reply: Reply, thread_ts: str | None
    ) -> None:
        reply = for_slack(reply)
        try:
            await self.client.chat_postEphemeral(
                channel=chat.chat_id,
                user=user,
                text=fallback_text(reply),
                blocks=render_reply(reply)[0],
                thread_ts=thread_ts,
            )
        except SlackApiError as exc:
            log.warning("slack: chat.postEphemeral failed: %s", slack_error(exc)[0])


async def _healthz(request: web.Request) -> web.Response:
    return web.Response(text="ok")
