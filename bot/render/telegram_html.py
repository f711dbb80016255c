"""Telegram HTML rendering: every piece of source text escaped, messages within 4096.

Messages split on item boundaries (then on line boundaries for a huge item); every
line is self-contained HTML, so a split never falls inside a tag or an entity.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from bot.core.models import Brief, BriefItem
from bot.core.replies import Detail, Reply
from bot.core.wording import describe_key_figure, source_label, sources_count

TELEGRAM_LIMIT = 4096
# Follow-up buttons: callback data refers to stored story ids, so they survive restarts.
BUTTONS = (("More", "more"), ("Figures", "figures"), ("Quotes", "quotes"), ("Sources", "sources"))

Button = tuple[str, str]


@dataclass(frozen=True)
class TelegramMessage:
    html: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    story_ids: tuple[int, ...] = ()


def esc(text: str) -> str:
    return escape(text, quote=False)


def link(url: str, label: str) -> str:
    if not url.startswith(("http://", "https://")):
        return esc(label)
    return f'<a href="{escape(url, quote=True)}">{esc(label)}</a>'


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def item_lines(item: BriefItem) -> list[str]:
    lines = [f"<b>#{item.story_id} {esc(_clip(item.headline, 300))}</b>"]
    if item.summary:
        lines.append(esc(_clip(item.summary, 1500)))
    lines += [f"• {esc(_clip(describe_key_figure(k), 600))}" for k in item.figures]
    for q in item.quotes:
        speaker = q.quote.attributed_to()
        lines.append(f"<i>“{esc(_clip(q.quote.text, 600))}”</i> — {esc(speaker)}")
    links = ", ".join(link(s.url, source_label(s)) for s in item.sources[:8])
    more = f" (+{len(item.sources) - 8})" if len(item.sources) > 8 else ""
    lines.append(f"{sources_count(item.sources)}: {links}{more}")
    return lines


def item_buttons(story_id: int) -> tuple[Button, ...]:
    return tuple((f"{label} #{story_id}", f"{action}:{story_id}") for label, action in BUTTONS)


def render_brief(brief: Brief, limit: int = TELEGRAM_LIMIT) -> list[TelegramMessage]:
    hours = int((brief.generated_at - brief.since).total_seconds() // 3600)
    header = f"<b>{esc(brief.topic_label)}</b> — brief, last {hours}h"
    blocks: list[tuple[int | None, list[str]]] = [(None, [header])]
    if not brief.items:
        blocks.append((None, [f"No stories about {esc(brief.topic_label)} in this window."]))
    blocks += [(item.story_id, item_lines(item)) for item in brief.items]
    if brief.notes:
        blocks.append((None, [f"<i>{esc(note)}</i>" for note in brief.notes]))
    return _pack(blocks, limit)


def _pack(blocks: list[tuple[int | None, list[str]]], limit: int) -> list[TelegramMessage]:
    messages: list[TelegramMessage] = []
    current: list[str] = []
    ids: list[int] = []

    def flush() -> None:
        if current:
            buttons = tuple(item_buttons(i) for i in ids)
            messages.append(TelegramMessage("\n\n".join(current), buttons, tuple(ids)))
        current.clear()
        ids.clear()

    for story_id, lines in blocks:
        block = "\n".join(lines)
        if len(block) > limit:
            # One huge item: split it on its own line boundaries.
            flush()
            chunk: list[str] = []
            for line in lines:
                if chunk and len("\n".join([*chunk, line])) > limit:
                    current.append("\n".join(chunk))
                    flush()
                    chunk = []
                chunk.append(line)
            current.append("\n".join(chunk))
            if story_id is not None:
                ids.append(story_id)
            flush()
            continue
        if current and len("\n\n".join([*current, block])) > limit:
            flush()
        current.append(block)
        if story_id is not None:
            ids.append(story_id)
    flush()
    return messages


def render_detail(detail: Detail, limit: int = TELEGRAM_LIMIT) -> list[TelegramMessage]:
    lines = [f"<b>{esc(_clip(detail.title, 300))}</b>"]
    for line in detail.lines:
        text = esc(_clip(line.text, 1500))
        if line.url:
            text += " — " + link(line.url, line.link_label or "link")
        lines.append(text)
    return _pack([(None, lines)], limit)


def render_reply(reply: Reply) -> list[TelegramMessage]:
    if reply.brief is not None:
        return render_brief(reply.brief)
    if reply.detail is not None:
        return render_detail(reply.detail)
    return _pack([(None, [esc(line) for line in reply.text.splitlines() or [""]])], TELEGRAM_LIMIT)
