"""Plain-text rendering for the terminal (CLI and console)."""

from __future__ import annotations

from bot.core.models import Brief, BriefItem
from bot.core.replies import Detail, Reply
from bot.core.wording import describe_key_figure, source_label, sources_count


def render_item(item: BriefItem, index: int | None = None) -> str:
    lines = [f"#{item.story_id}  {item.headline}"]
    if item.summary:
        lines.append(f"   {item.summary}")
    for key in item.figures:
        lines.append(f"   • {describe_key_figure(key)}")
    for q in item.quotes:
        speaker = q.quote.attributed_to()
        lines.append(f"   “{q.quote.text}” — {speaker} ({q.outlet})")
    lines.append(f"   {sources_count(item.sources)}:")
    for source in item.sources:
        lines.append(f"     {source_label(source)}: {source.url}")
    return "\n".join(lines)


def render_brief(brief: Brief) -> str:
    hours = int((brief.generated_at - brief.since).total_seconds() // 3600)
    head = f"Brief: {brief.topic_label} — last {hours}h, {brief.generated_at:%Y-%m-%d %H:%M} UTC"
    parts = [head, "=" * len(head)]
    if not brief.items:
        parts.append(f"No stories about {brief.topic_label} in this window.")
    parts += [render_item(item) for item in brief.items]
    parts += [f"note: {note}" for note in brief.notes]
    return "\n\n".join(parts[:2]) + ("\n\n" + "\n\n".join(parts[2:]) if parts[2:] else "")


def render_detail(detail: Detail) -> str:
    lines = [detail.title]
    for line in detail.lines:
        lines.append(f"• {line.text}" + (f"\n    {line.url}" if line.url else ""))
    return "\n".join(lines)


def render_reply(reply: Reply) -> str:
    if reply.brief is not None:
        return render_brief(reply.brief)
    if reply.detail is not None:
        return render_detail(reply.detail)
    return reply.text
