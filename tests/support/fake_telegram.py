"""A fake Telegram Bot API: a real aiohttp server on 127.0.0.1 that python-telegram-bot talks to.

Point the bot at it with ``TELEGRAM_API_BASE_URL=fake.base_url``; PTB then calls
``{base_url}/bot<token>/<method>``. Tests script incoming updates (``push_message``,
``push_callback``, ``push_migration``), read what the bot sent (``calls``, ``sent_messages``)
and inject failures (``fail_next("sendMessage", kind="429", retry_after=2)``).

Built to be cheap per request so delivery benchmarks can push thousands of messages through
it, with optional rate limits that answer 429 like Telegram does. Run it as a process with
``python -m tests.support.fake_telegram --port N --record FILE``: it prints ``READY <base_url>``
and writes one flushed JSON line per sendMessage received, so a test can SIGKILL a client
and still count what arrived.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import signal
import time
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass
from types import TracebackType
from typing import IO, Any

from aiohttp import web

BOT_ID = 7000000001
BOT_USER = {
    "id": BOT_ID,
    "is_bot": True,
    "first_name": "newsbrief",
    "username": "newsbrief_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
# Telegram's placeholder sender of messages by anonymous group admins.
ANONYMOUS_ADMIN_BOT = {
    "id": 1087968824,
    "is_bot": True,
    "first_name": "Group",
    "username": "GroupAnonymousBot",
}
# PTB sends these as JSON strings inside form-encoded bodies.
_JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "link_preview_options",
        "commands",
        "allowed_updates",
        "reply_parameters",
        "entities",
        "scope",
    }
)
_INT_FIELDS = frozenset(
    {
        "chat_id",
        "message_id",
        "message_thread_id",
        "reply_to_message_id",
        "user_id",
        "offset",
        "limit",
        "timeout",
        "from_chat_id",
        "cache_time",
    }
)
FAILURE_KINDS = ("429", "400", "403", "500", "502", "timeout", "migrate")


@dataclass
class _Failure:
    kind: str
    retry_after: int
    migrate_to: int
    delay: float
    description: str | None
    chat_id: int | str | None  # None: any chat


class _RateWindow:
    """Sliding one-second window: at most ``limit`` accepted calls per second."""

    __slots__ = ("limit", "stamps")

    def __init__(self, limit: float) -> None:
        self.limit = limit
        self.stamps: deque[float] = deque()

    def wait_needed(self, now: float) -> float:
        while self.stamps and now - self.stamps[0] >= 1.0:
            self.stamps.popleft()
        if len(self.stamps) >= self.limit:
            return 1.0 - (now - self.stamps[0])
        return 0.0

    def take(self, now: float) -> None:
        self.stamps.append(now)


class FakeTelegram:
    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        token: str | None = None,
        global_limit_per_s: float | None = None,
        per_chat_limit_per_s: float | None = None,
        poll_wait_s: float = 0.5,
        record: IO[str] | None = None,
        keep_calls: bool = True,
    ) -> None:
        """``token``: when set, other tokens get 401. ``poll_wait_s`` caps a getUpdates long poll.
        ``record``: a text file getting one flushed JSON line per sendMessage received.
        ``keep_calls=False`` keeps memory flat in long benchmarks (counters still work)."""
        self.host = host
        self.port = port
        self.token = token
        self.global_limit_per_s = global_limit_per_s
        self.per_chat_limit_per_s = per_chat_limit_per_s
        self.poll_wait_s = poll_wait_s
        self.keep_calls = keep_calls
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.counts: dict[str, int] = defaultdict(int)  # method -> calls answered ok
        self.admins: dict[int, set[int]] = {}  # chat id -> admin user ids
        self.webhook: dict[str, Any] | None = None
        self._record = record
        self._sent: dict[int | str, list[dict[str, Any]]] = defaultdict(list)
        self._messages: dict[tuple[int | str, int], dict[str, Any]] = {}
        self._next_message_id: dict[int | str, int] = defaultdict(int)
        self._updates: list[dict[str, Any]] = []
        self._next_update_id = 1
        self._next_callback_id = 1
        self._update_event: asyncio.Event | None = None
        self._failures: dict[str, list[_Failure]] = defaultdict(list)
        self._global_window = _RateWindow(global_limit_per_s) if global_limit_per_s else None
        self._chat_windows: dict[int | str, _RateWindow] = {}
        self._runner: web.AppRunner | None = None
        self._sleepers: set[asyncio.Task[None]] = set()

    # -- lifecycle -----------------------------------------------------------------------
    async def start(self) -> FakeTelegram:
        self._update_event = asyncio.Event()
        app = web.Application(client_max_size=4 * 1024 * 1024)
        app.router.add_route("POST", "/bot{token}/{method}", self._dispatch)
        app.router.add_route("GET", "/bot{token}/{method}", self._dispatch)
        self._runner = web.AppRunner(app, shutdown_timeout=0.1, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def close(self) -> None:
        if self._update_event is not None:
            self._update_event.set()  # wake long polls so the server can stop
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeTelegram:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    @property
    def base_url(self) -> str:
        """The value for TELEGRAM_API_BASE_URL."""
        return f"http://{self.host}:{self.port}"

    # -- configuration -----------------------------------------------------------------
    def set_admins(self, chat_id: int, user_ids: Iterable[int]) -> None:
        self.admins[int(chat_id)] = {int(u) for u in user_ids}

    def fail_next(
        self,
        method: str,
        kind: str = "500",
        *,
        retry_after: int = 1,
        migrate_to: int = -1001234567890,
        delay: float = 30.0,
        times: int = 1,
        description: str | None = None,
        chat_id: int | str | None = None,
    ) -> None:
        """The next ``times`` calls of ``method`` (for ``chat_id``, if given) fail with ``kind``:
        "429" (retry_after), "400" (chat not found), "403" (blocked), "500", "502",
        "timeout" (answer after ``delay`` s, past the client's timeout), "migrate"."""
        if kind not in FAILURE_KINDS:
            raise ValueError(f"kind must be one of {FAILURE_KINDS}, not {kind!r}")
        key = None if chat_id is None else _norm_chat(chat_id)
        for _ in range(times):
            self._failures[method].append(
                _Failure(kind, retry_after, migrate_to, delay, description, key)
            )

    # -- scripted updates -----------------------------------------------------------------
    def push_message(
        self,
        chat_id: int,
        text: str,
        chat_type: str = "private",
        user_id: int | None = 1001,
        thread_id: int | None = None,
        reply_to_message_id: int | None = None,
        sender_chat_id: int | None = None,
    ) -> dict[str, Any]:
        """Queues a user's message (a ``channel_post`` for channels). ``sender_chat_id`` equal to
        ``chat_id`` is an anonymous group admin. Returns the Message object."""
        replied = None
        if reply_to_message_id is not None:
            known = self._messages.get((_norm_chat(chat_id), reply_to_message_id))
            # Telegram nests one level only.
            replied = (
                {k: v for k, v in known.items() if k != "reply_to_message"}
                if known
                else {
                    "message_id": reply_to_message_id,
                    "date": int(time.time()),
                    "chat": _chat(chat_id, chat_type, thread_id is not None),
                    "text": "",
                }
            )
        message = self._new_message(chat_id, chat_type, text, thread_id)
        if replied is not None:
            message["reply_to_message"] = replied
        if chat_type == "channel":
            message["sender_chat"] = message["chat"]
        elif sender_chat_id is not None:
            message["sender_chat"] = (
                message["chat"]
                if sender_chat_id == chat_id
                else {"id": sender_chat_id, "type": "channel", "title": "A channel"}
            )
            message["from"] = dict(ANONYMOUS_ADMIN_BOT)
        elif user_id is not None:
            message["from"] = _user(user_id)
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        key = "channel_post" if chat_type == "channel" else "message"
        self._push({key: message})
        return message

    def push_callback(
        self,
        chat_id: int,
        data: str,
        message_id: int | None = None,
        user_id: int = 1001,
        chat_type: str = "private",
        thread_id: int | None = None,
    ) -> str:
        """Queues a button press on a bot message (the last one sent to the chat by default).
        Returns the callback query id."""
        chat_key = _norm_chat(chat_id)
        if message_id is None:
            sent = self._sent.get(chat_key)
            message_id = sent[-1]["message_id"] if sent else 1
        message = self._messages.get((chat_key, message_id)) or {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": _chat(chat_id, chat_type, thread_id is not None),
            "from": BOT_USER,
            "text": "",
        }
        if thread_id is not None:
            message = {**message, "message_thread_id": thread_id, "is_topic_message": True}
        query_id = str(self._next_callback_id)
        self._next_callback_id += 1
        self._push(
            {
                "callback_query": {
                    "id": query_id,
                    "from": _user(user_id),
                    "chat_instance": f"ci{chat_id}",
                    "data": data,
                    "message": message,
                }
            }
        )
        return query_id

    def push_migration(self, chat_id: int, new_chat_id: int, user_id: int = 1001) -> None:
        """A group became a supergroup: Telegram sends a service message in the old group."""
        message = self._new_message(chat_id, "group", None, None)
        message["from"] = _user(user_id)
        message["migrate_to_chat_id"] = new_chat_id
        self._push({"message": message})

    def push_update(self, update: dict[str, Any]) -> None:
        """Queues a raw Update object (``update_id`` is added)."""
        self._push(dict(update))

    @property
    def pending_updates(self) -> int:
        return len(self._updates)

    # -- inspection -------------------------------------------------------------------
    def calls_of(self, method: str) -> list[dict[str, Any]]:
        return [params for name, params in self.calls if name == method]

    def sent_messages(self, chat_id: int | str | None = None) -> list[dict[str, Any]]:
        """sendMessage params (plus the ``message_id`` given) that succeeded, oldest first."""
        if chat_id is None:
            return [m for msgs in self._sent.values() for m in msgs]
        return list(self._sent.get(_norm_chat(chat_id), ()))

    async def wait_for(
        self, method: str, count: int = 1, timeout: float = 5.0, chat_id: int | str | None = None
    ) -> list[dict[str, Any]]:
        """Waits until ``count`` calls of ``method`` (to ``chat_id``) were recorded."""
        deadline = time.monotonic() + timeout
        while True:
            found = [
                p
                for p in self.calls_of(method)
                if chat_id is None or p.get("chat_id") == _norm_chat(chat_id)
            ]
            if len(found) >= count:
                return found
            if time.monotonic() > deadline:
                raise TimeoutError(f"{method}: {len(found)} of {count} calls after {timeout}s")
            await asyncio.sleep(0.01)

    # -- the server ------------------------------------------------------------------
    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        token = request.match_info["token"]
        if self.token is not None and token != self.token:
            return _error(401, "Unauthorized")
        method = request.match_info["method"]
        params = await _params(request)
        if self.keep_calls:
            self.calls.append((method, params))
        if method == "sendMessage" and self._record is not None:
            self._record.write(json.dumps(params, separators=(",", ":")) + "\n")
            self._record.flush()
        failure = self._take_failure(method, params)
        if failure is not None:
            return await self._fail(failure)
        if method in ("sendMessage", "editMessageText"):
            limited = self._rate_limited(params.get("chat_id"))
            if limited is not None:
                return limited
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            return _error(404, "Not Found: method not found")
        response: web.StreamResponse = await handler(params)
        if response.status == 200:
            self.counts[method] += 1
        return response

    def _take_failure(self, method: str, params: dict[str, Any]) -> _Failure | None:
        queue = self._failures.get(method)
        if not queue:
            return None
        for index, failure in enumerate(queue):
            if failure.chat_id is None or failure.chat_id == params.get("chat_id"):
                return queue.pop(index)
        return None

    async def _fail(self, failure: _Failure) -> web.Response:
        kind = failure.kind
        if kind == "429":
            return _error(
                429,
                failure.description or f"Too Many Requests: retry after {failure.retry_after}",
                {"retry_after": failure.retry_after},
            )
        if kind == "403":
            return _error(403, failure.description or "Forbidden: bot was blocked by the user")
        if kind == "400":
            return _error(400, failure.description or "Bad Request: chat not found")
        if kind == "migrate":
            return _error(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": failure.migrate_to},
            )
        if kind == "timeout":
            await asyncio.sleep(failure.delay)
            return _error(500, "Internal Server Error: answered too late")
        if kind == "502":
            return _error(502, failure.description or "Bad Gateway")
        return _error(500, failure.description or "Internal Server Error")

    def _rate_limited(self, chat_id: Any) -> web.Response | None:
        now = time.monotonic()
        windows: list[_RateWindow] = []
        if self._global_window is not None:
            windows.append(self._global_window)
        if self.per_chat_limit_per_s and chat_id is not None:
            window = self._chat_windows.get(chat_id)
            if window is None:
                window = self._chat_windows[chat_id] = _RateWindow(self.per_chat_limit_per_s)
            windows.append(window)
        wait = max((w.wait_needed(now) for w in windows), default=0.0)
        if wait > 0:
            retry_after = max(1, math.ceil(wait))
            self.counts["rate_limited"] += 1
            return _error(
                429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
            )
        for w in windows:
            w.take(now)
        return None

    # -- Bot API methods -------------------------------------------------------------
    async def _api_getMe(self, params: dict[str, Any]) -> web.Response:
        return _ok(BOT_USER)

    async def _api_logOut(self, params: dict[str, Any]) -> web.Response:
        return _ok(True)

    async def _api_close(self, params: dict[str, Any]) -> web.Response:
        return _ok(True)

    async def _api_getUpdates(self, params: dict[str, Any]) -> web.Response:
        offset = int(params.get("offset") or 0)
        if offset:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates and int(params.get("timeout") or 0) > 0:
            assert self._update_event is not None
            self._update_event.clear()
            wait = min(float(params["timeout"]), self.poll_wait_s)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._update_event.wait(), wait)
        limit = int(params.get("limit") or 100)
        return _ok(self._updates[:limit])

    async def _api_deleteWebhook(self, params: dict[str, Any]) -> web.Response:
        self.webhook = None
        if params.get("drop_pending_updates") in (True, "true", "True"):
            self._updates.clear()
        return _ok(True)

    async def _api_setWebhook(self, params: dict[str, Any]) -> web.Response:
        self.webhook = params
        return _ok(True)

    async def _api_getWebhookInfo(self, params: dict[str, Any]) -> web.Response:
        url = (self.webhook or {}).get("url", "")
        return _ok({"url": url, "has_custom_certificate": False, "pending_update_count": 0})

    async def _api_setMyCommands(self, params: dict[str, Any]) -> web.Response:
        return _ok(True)

    async def _api_deleteMyCommands(self, params: dict[str, Any]) -> web.Response:
        return _ok(True)

    async def _api_answerCallbackQuery(self, params: dict[str, Any]) -> web.Response:
        return _ok(True)

    async def _api_sendChatAction(self, params: dict[str, Any]) -> web.Response:
        return _ok(True)

    async def _api_sendMessage(self, params: dict[str, Any]) -> web.Response:
        chat_id = params.get("chat_id")
        text = params.get("text")
        if chat_id is None or not text:
            return _error(
                400,
                "Bad Request: message text is empty"
                if chat_id
                else "Bad Request: chat_id is empty",
            )
        if len(str(text)) > 4096:
            return _error(400, "Bad Request: message is too long")
        chat_type = "private" if isinstance(chat_id, int) and chat_id > 0 else "supergroup"
        thread_id = params.get("message_thread_id")
        message = self._new_message(chat_id, chat_type, str(text), thread_id)
        message["from"] = BOT_USER
        if "reply_markup" in params:
            message["reply_markup"] = params["reply_markup"]
        self._sent[_norm_chat(chat_id)].append({**params, "message_id": message["message_id"]})
        return _ok(message)

    async def _api_editMessageText(self, params: dict[str, Any]) -> web.Response:
        key = (_norm_chat(params.get("chat_id", 0)), int(params.get("message_id") or 0))
        message = self._messages.get(key)
        if message is None:
            return _error(400, "Bad Request: message to edit not found")
        message["text"] = params.get("text", "")
        message["edit_date"] = int(time.time())
        return _ok(message)

    async def _api_deleteMessage(self, params: dict[str, Any]) -> web.Response:
        key = (_norm_chat(params.get("chat_id", 0)), int(params.get("message_id") or 0))
        return _ok(self._messages.pop(key, None) is not None)

    async def _api_getChat(self, params: dict[str, Any]) -> web.Response:
        chat_id = params.get("chat_id", 0)
        chat_type = "private" if isinstance(chat_id, int) and chat_id > 0 else "supergroup"
        return _ok(
            {**_chat(chat_id, chat_type, False), "accent_color_id": 0, "max_reaction_count": 11}
        )

    async def _api_getChatMember(self, params: dict[str, Any]) -> web.Response:
        chat_id = int(params.get("chat_id") or 0)
        user_id = int(params.get("user_id") or 0)
        if user_id == BOT_ID:
            return _ok(_admin_member(BOT_USER))
        if user_id in self.admins.get(chat_id, set()):
            return _ok(_admin_member(_user(user_id)))
        return _ok({"status": "member", "user": _user(user_id)})

    async def _api_getChatAdministrators(self, params: dict[str, Any]) -> web.Response:
        chat_id = int(params.get("chat_id") or 0)
        members = [_admin_member(_user(u)) for u in sorted(self.admins.get(chat_id, set()))]
        return _ok([_admin_member(BOT_USER), *members])

    # -- helpers ---------------------------------------------------------------------
    def _new_message(
        self, chat_id: int | str, chat_type: str, text: str | None, thread_id: int | None
    ) -> dict[str, Any]:
        key = _norm_chat(chat_id)
        self._next_message_id[key] += 1
        message: dict[str, Any] = {
            "message_id": self._next_message_id[key],
            "date": int(time.time()),
            "chat": _chat(chat_id, chat_type, thread_id is not None),
        }
        if text is not None:
            message["text"] = text
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            message["is_topic_message"] = True
        self._messages[(key, message["message_id"])] = message
        return message

    def _push(self, update: dict[str, Any]) -> None:
        update["update_id"] = self._next_update_id
        self._next_update_id += 1
        self._updates.append(update)
        if self._update_event is not None:
            self._update_event.set()


def _norm_chat(chat_id: int | str) -> int | str:
    try:
        return int(chat_id)
    except (TypeError, ValueError):
        return str(chat_id)


def _user(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": f"User{user_id}", "language_code": "en"}


def _chat(chat_id: int | str, chat_type: str, forum: bool) -> dict[str, Any]:
    chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
    if chat_type == "private":
        chat["first_name"] = f"User{chat_id}"
    else:
        chat["title"] = f"Chat {chat_id}"
    if forum:
        chat["is_forum"] = True
    return chat


def _admin_member(user: dict[str, Any]) -> dict[str, Any]:
    rights = [
        "can_manage_chat",
        "can_delete_messages",
        "can_manage_video_chats",
        "can_restrict_members",
        "can_promote_members",
        "can_change_info",
        "can_invite_users",
        "can_post_stories",
        "can_edit_stories",
        "can_delete_stories",
    ]
    return {
        "status": "administrator",
        "user": user,
        "can_be_edited": False,
        "is_anonymous": False,
        **dict.fromkeys(rights, True),
    }


def _ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def _error(code: int, description: str, parameters: dict[str, Any] | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=code)


async def _params(request: web.Request) -> dict[str, Any]:
    """Form-encoded (PTB's way, complex values as JSON strings), multipart, JSON or query."""
    params: dict[str, Any] = dict(request.query)
    if request.can_read_body:
        if request.content_type == "application/json":
            body = await request.json()
            if isinstance(body, dict):
                params.update(body)
        else:
            form = await request.post()
            params.update({k: v for k, v in form.items() if isinstance(v, str)})
    for key, value in params.items():
        if not isinstance(value, str):
            continue
        if key in _JSON_FIELDS:
            with contextlib.suppress(ValueError):
                params[key] = json.loads(value)
        elif key in _INT_FIELDS:
            with contextlib.suppress(ValueError):
                params[key] = int(value)
    return params


async def _serve(args: argparse.Namespace) -> None:
    record = open(args.record, "a", encoding="utf-8") if args.record else None  # noqa: SIM115
    fake = FakeTelegram(
        host=args.host,
        port=args.port,
        global_limit_per_s=args.global_limit,
        per_chat_limit_per_s=args.per_chat_limit,
        record=record,
        keep_calls=False,
    )
    await fake.start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print(f"READY {fake.base_url}", flush=True)
    try:
        await stop.wait()
    finally:
        await fake.close()
        if record is not None:
            record.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="A fake Telegram Bot API on 127.0.0.1")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0: an ephemeral port")
    parser.add_argument("--record", help="append one JSON line per sendMessage to this file")
    parser.add_argument("--global-limit", type=float, default=None, help="sendMessage per s")
    parser.add_argument("--per-chat-limit", type=float, default=None, help="per chat per s")
    args = parser.parse_args(argv)
    if not args.host.startswith("127."):
        parser.error("the fake only listens on 127.0.0.0/8")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args))


if __name__ == "__main__":
    main()
