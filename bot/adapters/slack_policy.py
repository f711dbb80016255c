"""Slack-side translation: command text in and out of the core, and who may configure a channel."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import replace
from urllib.parse import urlsplit

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.core.commands import COMMANDS, parse
from bot.core.replies import Reply

log = logging.getLogger(__name__)

POLICIES = ("anyone", "admins", "users")
# Slack sends user mentions as <@U123> or <@U123|name>.
_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
_CONFIGURES = {spec.name for spec in COMMANDS if spec.configures}
# "/subscribe syria" in the core's wording is "/newsbrief subscribe syria" on Slack.
_CORE_COMMAND = re.compile(
    r"(?<![\w/])/(" + "|".join(spec.name for spec in COMMANDS) + r")\b"
)
# Where Slack's response_url points; anything else is refused (see trusted_response_url).
_SLACK_HOOK_HOSTS = ("hooks.slack.com", "hooks.slack-gov.com")


def _unescape(text: str) -> str:
    # Slack escapes these three in the text it sends; the core wants plain words.
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def command_text(text: str) -> str:
    """'/newsbrief brief syria 24h' arrives as 'brief syria 24h' -> '/brief syria 24h'."""
    words = " ".join(_unescape(text).split())
    if not words:
        return "/help"
    return "/" + words.lstrip("/")


def mention_text(text: str) -> str:
    """'<@UBOT> brief sudan' -> '/brief sudan' (every user mention is dropped)."""
    return command_text(_MENTION.sub(" ", text))


def slack_wording(text: str, command: str = "/newsbrief") -> str:
    """Core command references as Slack users type them: '/brief x' -> '/newsbrief brief x'."""
    return _CORE_COMMAND.sub(lambda m: f"{command} {m.group(1)}", text)


def for_slack(reply: Reply) -> Reply:
    """The reply with its command references in Slack's wording (briefs carry none)."""
    detail = reply.detail
    if detail is not None:
        lines = tuple(replace(line, text=slack_wording(line.text)) for line in detail.lines)
        detail = replace(detail, lines=lines)
    return replace(reply, text=slack_wording(reply.text), detail=detail)


def configures(core_text: str) -> bool:
    """Whether the command changes the channel's subscriptions or settings."""
    name, _args = parse(core_text)
    return name in _CONFIGURES


def api_base_url(configured: str | None) -> str | None:
    """slack_sdk joins method names onto base_url, so it must end with a slash."""
    if not configured:
        return None
    return configured if configured.endswith("/") else configured + "/"


def trusted_response_url(url: str, api_base: str | None) -> bool:
    """A response_url is Slack's hooks host, or the host of a configured API base (tests)."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname in _SLACK_HOOK_HOSTS:
        return True
    if api_base:
        base = urlsplit(api_base)
        return (parts.scheme, parts.netloc) == (base.scheme, base.netloc)
    return False


class ConfigPolicy:
    """Who may change a channel's subscriptions and settings.

    "anyone": every member; "admins": workspace admins and owners (users.info, cached
    for a few minutes); "users": the listed user ids. Fails closed when Slack cannot say.
    """

    def __init__(
        self,
        policy: str,
        allowed_users: tuple[str, ...],
        client: AsyncWebClient,
        cache_s: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if policy not in POLICIES:
            choices = ", ".join(POLICIES)
            raise ValueError(f"Slack config policy must be one of {choices}, not {policy!r}")
        if policy == "users" and not allowed_users:
            log.warning("slack: config policy 'users' with no allowed users: nobody may configure")
        self.policy = policy
        self._allowed = frozenset(allowed_users)
        self._client = client
        self._cache_s = cache_s
        self._clock = clock
        self._admins: dict[str, tuple[bool, float]] = {}

    async def allows(self, user_id: str) -> bool:
        if self.policy == "anyone":
            return True
        if self.policy == "users":
            return user_id in self._allowed
        return await self._is_admin(user_id)

    async def _is_admin(self, user_id: str) -> bool:
        if not user_id:
            return False
        now = self._clock()
        cached = self._admins.get(user_id)
        if cached is not None and now - cached[1] < self._cache_s:
            return cached[0]
        try:
            response = await self._client.users_info(user=user_id)
        except SlackApiError as exc:
            log.warning("slack: users.info for %s failed (%s); refusing", user_id, _error(exc))
            return False
        except (TimeoutError, aiohttp.ClientError) as exc:
            log.warning("slack: users.info for %s failed (%r); refusing", user_id, exc)
            return False
        user = response.get("user") or {}
        admin = bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner"))
        self._admins[user_id] = (admin, now)
        return admin


def _error(exc: SlackApiError) -> str:
    data = getattr(exc.response, "data", None)
    if isinstance(data, dict):
        return str(data.get("error") or "unknown")
    return f"http_{getattr(exc.response, 'status_code', '?')}"
