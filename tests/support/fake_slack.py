"""A local fake of the Slack Web API and of response_url, for tests.

A real aiohttp server on 127.0.0.1 (ephemeral port). Point slack_sdk at ``fake.base_url``
(it ends in "/api/") and hand Bolt ``fake.response_url("...")`` in slash-command payloads.
Every request is recorded in ``fake.calls``; ``fail_next`` injects Slack errors.

    async with FakeSlack(admins={"UADMIN"}) as fake:
        client = AsyncWebClient(token="xoxb-test", base_url=fake.base_url)
        fake.fail_next("chat.postMessage", "ratelimited", retry_after=2)
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


@dataclass(frozen=True)
class Call:
    """One request the fake received: the API method (or "response") and its merged params."""

    method: str
    params: dict[str, Any]
    at: float  # time.monotonic() when it arrived
    authorization: str | None = None
    path_id: str | None = None  # the <id> of /response/<id>

    @property
    def blocks(self) -> list[dict[str, Any]]:
        blocks = self.params.get("blocks") or []
        return list(blocks)

    @property
    def text(self) -> str:
        return str(self.params.get("text") or "")

    def dump(self) -> str:
        """Everything that was sent, as one string, for "never contains" assertions."""
        return json.dumps(self.params, ensure_ascii=False)


@dataclass
class _Failure:
    error: str
    status: int
    retry_after: float | None


@dataclass
class FakeSlack:
    admins: set[str] = field(default_factory=set)
    owners: set[str] = field(default_factory=set)
    bot_user_id: str = "UBOT"
    bot_id: str = "BBOT"
    team_id: str = "T0001"
    # When set, Web API calls must carry "Authorization: Bearer <token>".
    token: str | None = None
    host: str = "127.0.0.1"

    def __post_init__(self) -> None:
        self.calls: list[Call] = []
        self._failures: dict[str, deque[_Failure]] = {}
        self._ts = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._changed = asyncio.Event()

    # --- lifecycle ---------------------------------------------------------------
    async def start(self) -> FakeSlack:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/response/{id}", self._response_url)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, self.host, 0)
        await site.start()
        self._runner = runner
        self._port = int(runner.addresses[0][1])
        return self

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeSlack:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # --- addresses ---------------------------------------------------------------------
    @property
    def url(self) -> str:
        if self._port is None:
            raise RuntimeError("FakeSlack is not started")
        return f"http://{self.host}:{self._port}"

    @property
    def base_url(self) -> str:
        return f"{self.url}/api/"

    def response_url(self, response_id: str = "r1") -> str:
        return f"{self.url}/response/{response_id}"

    # --- test controls -------------------------------------------------------------------
    def fail_next(
        self,
        method: str,
        error: str,
        *,
        retry_after: float | None = None,
        status: int | None = None,
    ) -> None:
        """The next call of ``method`` fails. "ratelimited" answers HTTP 429 + Retry-After;
        other errors answer 200 {"ok": false, "error": ...} unless ``status`` says otherwise
        (a 5xx answers a plain-text body, as a failing proxy would)."""
        if status is None:
            status = 429 if error == "ratelimited" else 200
        if error == "ratelimited" and retry_after is None:
            retry_after = 1
        self._failures.setdefault(method, deque()).append(_Failure(error, status, retry_after))

    def calls_to(self, *methods: str) -> list[Call]:
        return [c for c in self.calls if c.method in methods]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Waits until ``method`` was called at least ``count`` times; returns those calls."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.calls_to(method)
            if len(found) >= count:
                return found
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                seen = [c.method for c in self.calls]
                raise AssertionError(f"{method} called {len(found)}x, wanted {count}; saw {seen}")
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), timeout=min(remaining, 0.1))

    # --- handlers ------------------------------------------------------------------------
    async def _record(self, request: web.Request, method: str, path_id: str | None) -> Call:
        params: dict[str, Any] = dict(request.query)
        raw = await request.read()
        if raw:
            if request.content_type == "application/json":
                body = json.loads(raw)
                if isinstance(body, dict):
                    params.update(body)
            else:
                form = await request.post()
                params.update({k: v for k, v in form.items() if isinstance(v, str)})
        for key in ("blocks", "attachments"):
            if isinstance(params.get(key), str):
                params[key] = json.loads(params[key])
        call = Call(
            method=method,
            params=params,
            at=time.monotonic(),
            authorization=request.headers.get("Authorization"),
            path_id=path_id,
        )
        self.calls.append(call)
        self._changed.set()
        return call

    async def _api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        call = await self._record(request, method, None)
        queue = self._failures.get(method)
        if queue:
            failure = queue.popleft()
            headers = {}
            if failure.retry_after is not None:
                headers["Retry-After"] = f"{failure.retry_after:g}"
            if failure.status >= 500:
                return web.Response(status=failure.status, text="upstream error", headers=headers)
            return web.json_response(
                {"ok": False, "error": failure.error}, status=failure.status, headers=headers
            )
        if self.token is not None and call.authorization != f"Bearer {self.token}":
            error = "not_authed" if call.authorization is None else "invalid_auth"
            return web.json_response({"ok": False, "error": error})
        return web.json_response(self._answer(method, call.params))

    def _answer(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {
                "ok": True,
                "url": "https://fake.slack.test/",
                "team": "Fake Team",
                "user": "newsbrief",
                "team_id": self.team_id,
                "user_id": self.bot_user_id,
                "bot_id": self.bot_id,
                "is_enterprise_install": False,
            }
        if method in ("chat.postMessage", "chat.update"):
            channel = str(params.get("channel", ""))
            if not channel:
                return {"ok": False, "error": "channel_not_found"}
            ts = str(params["ts"]) if method == "chat.update" else self._next_ts()
            message = {
                "type": "message",
                "user": self.bot_user_id,
                "bot_id": self.bot_id,
                "text": params.get("text", ""),
                "blocks": params.get("blocks", []),
                "ts": ts,
            }
            if params.get("thread_ts"):
                message["thread_ts"] = params["thread_ts"]
            return {"ok": True, "channel": channel, "ts": ts, "message": message}
        if method == "chat.postEphemeral":
            if not params.get("channel") or not params.get("user"):
                return {"ok": False, "error": "invalid_arguments"}
            return {"ok": True, "message_ts": self._next_ts()}
        if method == "users.info":
            user = str(params.get("user", ""))
            if not user:
                return {"ok": False, "error": "user_not_found"}
            return {
                "ok": True,
                "user": {
                    "id": user,
                    "team_id": self.team_id,
                    "name": user.lower(),
                    "is_admin": user in self.admins or user in self.owners,
                    "is_owner": user in self.owners,
                    "is_primary_owner": False,
                    "is_bot": False,
                },
            }
        return {"ok": False, "error": "unknown_method"}

    async def _response_url(self, request: web.Request) -> web.StreamResponse:
        await self._record(request, "response", request.match_info["id"])
        queue = self._failures.get("response")
        if queue:
            failure = queue.popleft()
            return web.Response(status=failure.status or 404, text=failure.error)
        return web.Response(text="ok")

    def _next_ts(self) -> str:
        return f"1700000000.{next(self._ts):06d}"


def texts(calls: Iterable[Call]) -> list[str]:
    """The fallback text of each call, for readable assertions."""
    return [c.text for c in calls]
