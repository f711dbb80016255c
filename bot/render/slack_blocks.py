"""Slack Block Kit rendering: mrkdwn-escaped source text, within Block Kit limits."""

from __future__ import annotations

from typing import Any

from bot.core.models import Brief, BriefItem
from bot.core.replies import Detail, Reply
from bot.core.wording import describe_key_figure, source_label, sources_count

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_HEADER = 150
BUTTONS = (("More", "more"), ("Figures", "figures"), ("Quotes", "quotes"), ("Sources", "sources"))

Block = dict[str, Any]


def esc(text: str) -> str:
    """Slack mrkdwn control characters; also defuses <!channel> and <@U…> mentions."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def link(url: str, label: str) -> str:
    if not url.startswith(("http://", "https://")) or any(c in url for c in "<>| "):
        return esc(label)
    return f"<{url}|{esc(label).replace('|', '¦')}>"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _clip_mrkdwn(text: str, limit: int) -> str:
    """Clips escaped mrkdwn without cutting through an &entity; or a <link|label>."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    line_end = cut.rfind("\n")
    if line_end >= limit // 2:
        cut = cut[:line_end]  # whole lines read better than a line cut mid-word
    amp, semi = cut.rfind("&"), cut.rfind(";")
    if amp > semi:
        cut = cut[:amp]
    opened, closed = cut.rfind("<"), cut.rfind(">")
    if opened > closed:
        cut = cut[:opened]
    return cut + "…"


def section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": _clip_mrkdwn(text, MAX_SECTION)}}


def item_blocks(item: BriefItem) -> list[Block]:
    lines = [f"*#{item.story_id} {esc(_clip(item.headline, 300))}*"]
    if item.summary:
        lines.append(esc(_clip(item.summary, 1200)))
    lines += [f"• {esc(_clip(describe_key_figure(k), 400))}" for k in item.figures]
    for q in item.quotes:
        lines.append(f"_“{esc(_clip(q.quote.text, 400))}”_ — {esc(q.quote.attributed_to())}")
    links = " · ".join(link(s.url, source_label(s)) for s in item.sources[:8])
    return [
        section("\n".join(lines)),
        {
            "type": "context",
            "elements": [
                {
                    "type": "mrkdwn",
                    "text": _clip_mrkdwn(f"{sources_count(item.sources)}: {links}", 2000),
                }
            ],
        },
        {
            "type": "actions",
            "block_id": f"item-{item.story_id}",
            "elements": [
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": label},
                    "action_id": f"newsbrief_{action}",
                    "value": str(item.story_id),
                }
                for label, action in BUTTONS
            ],
        },
    ]


def render_brief(brief: Brief) -> list[list[Block]]:
    """One or more messages of at most 50 blocks, split on item boundaries."""
    hours = int((brief.generated_at - brief.since).total_seconds() // 3600)
    header: Block = {
        "type": "header",
        "text": {
            "type": "plain_text",
            "text": _clip(f"{brief.topic_label} — last {hours}h", MAX_HEADER),
        },
    }
    messages: list[list[Block]] = [[header]]
    if not brief.items:
        messages[0].append(section(f"No stories about {esc(brief.topic_label)} in this window."))
    for item in brief.items:
        blocks = [{"type": "divider"}, *item_blocks(item)]
        if len(messages[-1]) + len(blocks) > MAX_BLOCKS:
            messages.append([])
        messages[-1].extend(blocks)
    if brief.notes:
        note: Block = {
            "type": "context",
            "elements": [
                {"type": "mrkdwn", "text": _clip_mrkdwn(esc(" · ".join(brief.notes)), 2000)}
            ],
        }
        if len(messages[-1]) + 1 > MAX_BLOCKS:
            messages.append([])
        messages[-1].append(note)
    return messages


def render_detail(detail: Detail) -> list[Block]:
    blocks: list[Block] = [section(f"*{esc(_clip(detail.title, 300))}*")]
    text = ""
    for line in detail.lines:
        entry = esc(line.text) + (
            f" — {link(line.url, line.link_label or 'link')}" if line.url else ""
        )
        if text and len(text) + len(entry) + 1 > MAX_SECTION:
            blocks.append(section(text))
            text = ""
        text = f"{text}\n{entry}" if text else entry
    if text:
        blocks.append(section(text))
    return blocks[:MAX_BLOCKS]


def fallback_text(reply: Reply) -> str:
    """The message's notification text; Slack parses it as mrkdwn too, so it is escaped."""
    if reply.brief is not None:
        text = f"{reply.brief.topic_label} brief: {len(reply.brief.items)} item(s)"
    elif reply.detail is not None:
        text = reply.detail.title
    else:
        text = reply.text
    return _clip_mrkdwn(esc(text), MAX_SECTION)


def render_reply(reply: Reply) -> list[list[Block]]:
    if reply.brief is not None:
        return render_brief(reply.brief)
    if reply.detail is not None:
        return [render_detail(reply.detail)]
    return [[section(esc(reply.text))]]
