"""`newsbrief console`: a local chat in the terminal on the same command layer as the bots."""

from __future__ import annotations

import asyncio
import sys
from typing import TextIO

from bot.bootstrap import App, bootstrap
from bot.core.commands import CommandContext
from bot.core.models import ChatRef
from bot.offline import poll_with_fallback
from bot.render.text import render_reply
from bot.settings import Settings

CONSOLE_CHAT = ChatRef(platform="console", chat_id="local")


def answer(app: App, line: str) -> str:
    line = line.strip()
    if not line:
        return ""
    if not line.startswith("/"):
        return "Commands start with /. Try /help or /brief syria."
    reply = app.commands.handle(line, CommandContext(chat=CONSOLE_CHAT, user_id="console"))
    return render_reply(reply)


async def run_console(
    settings: Settings,
    poll: bool = True,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
) -> int:
    app = bootstrap(settings)
    if poll:
        print("Polling sources…", file=stdout, flush=True)
        report, _notes = await poll_with_fallback(app, err=stdout)
        print(f"{report.new_articles} new article(s) stored.", file=stdout)
    print("newsbrief console — type /help, /quit to leave.", file=stdout, flush=True)
    while True:
        if stdin.isatty():
            print("> ", end="", file=stdout, flush=True)
        line = await asyncio.to_thread(stdin.readline)
        if not line or line.strip() in ("/quit", "/exit"):
            return 0
        reply = await asyncio.to_thread(answer, app, line)
        if reply:
            print(reply, file=stdout, flush=True)
