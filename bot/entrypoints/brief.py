"""`newsbrief brief TOPIC`: poll, then print a brief in the chosen format."""

from __future__ import annotations

import json
import sys

from bot.bootstrap import bootstrap
from bot.core.commands import WINDOWS
from bot.core.topics import UnknownTopic
from bot.offline import poll_with_fallback
from bot.render import json_format, slack_blocks, telegram_html, text
from bot.settings import Settings


async def run_brief(
    settings: Settings, topic_name: str, fmt: str, window: str, poll: bool = True
) -> int:
    app = bootstrap(settings)
    try:
        topic = app.topics.resolve(topic_name)
    except UnknownTopic:
        keys = ", ".join(t.key for t in app.topics)
        print(f"newsbrief: unknown topic {topic_name!r}; topics: {keys}", file=sys.stderr)
        return 2
    notes: list[str] = []
    if poll:
        _report, notes = await poll_with_fallback(app)
    brief = app.briefs.build(topic, WINDOWS[window], notes=notes)
    if fmt == "json":
        print(json.dumps(json_format.brief_dict(brief), ensure_ascii=False, indent=2))
    elif fmt == "telegram-html":
        for message in telegram_html.render_brief(brief):
            print(message.html)
            print("-----")
    elif fmt == "slack-blocks":
        print(json.dumps(slack_blocks.render_brief(brief), ensure_ascii=False, indent=2))
    else:
        print(text.render_brief(brief))
    return 0
