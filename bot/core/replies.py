"""What a command answers, before any platform renders it."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.models import Brief


@dataclass(frozen=True)
class DetailLine:
    """One line of a follow-up: source text (rendered escaped) and an optional link."""

    text: str
    url: str | None = None
    link_label: str | None = None


@dataclass(frozen=True)
class Detail:
    story_id: int
    title: str
    lines: tuple[DetailLine, ...]


@dataclass(frozen=True)
class Reply:
    text: str = ""
    brief: Brief | None = None
    detail: Detail | None = None
    # A refusal or error only the asker should see (Slack ephemeral message).
    private: bool = False
    ok: bool = True


def error(text: str) -> Reply:
    return Reply(text=text, private=True, ok=False)
