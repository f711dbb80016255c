"""The `newsbrief` command: brief, analyze, console, run, sources, status."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.settings import SettingsError, load_settings

FORMATS = ("text", "json", "telegram-html", "slack-blocks")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsbrief", description="Short, sourced briefs on armed conflicts."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    sub = parser.add_subparsers(dest="command", required=True)

    brief = sub.add_parser("brief", help="poll the sources and print a brief for a topic")
    brief.add_argument("topic", help="a topic key or alias, e.g. syria, sudan, idlib")
    brief.add_argument("--sources", help="sources TOML file, a feed URL or file path, or demo:")
    brief.add_argument("--format", choices=FORMATS, default="text")
    brief.add_argument("--window", choices=("24h", "3d", "7d"), default="24h")
    brief.add_argument("--no-poll", action="store_true", help="brief from stored stories only")

    analyze = sub.add_parser("analyze", help="analyze one article (text or HTML)")
    analyze.add_argument("file", nargs="?", default="-", help="a file, or - for stdin")
    analyze.add_argument("--json", action="store_true", help="print one JSON object")

    console = sub.add_parser("console", help="a local chat in the terminal")
    console.add_argument("--sources", help="sources TOML file, a feed URL or file path, or demo:")
    console.add_argument("--no-poll", action="store_true", help="do not poll on start")

    run = sub.add_parser("run", help="the long-running service: scheduler + chat adapters")
    run.add_argument("--sources", help="sources TOML file, a feed URL or file path, or demo:")

    summarize = sub.add_parser(
        "summarize", help="summarize changed stories (the analysis worker when analysis=worker)"
    )
    summarize.add_argument("--loop", action="store_true", help="keep running")
    summarize.add_argument("--interval", type=float, default=30.0, help="seconds between runs")

    sources = sub.add_parser("sources", help="list sources: last success, last error, items")
    sources.add_argument("--enable", metavar="NAME", help="re-enable a disabled source")

    sub.add_parser("status", help="pending deliveries, last poll per source, next digests")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        # The service logs its events and counters; one-shot commands stay quiet.
        level=logging.INFO
        if args.verbose or args.command == "run" or getattr(args, "loop", False)
        else logging.ERROR,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        if args.command == "analyze":
            from bot.entrypoints.analyze import run_analyze

            return run_analyze(Path(args.file) if args.file != "-" else None, args.json)
        settings = load_settings(sources_override=getattr(args, "sources", None))
        if args.command == "brief":
            from bot.entrypoints.brief import run_brief

            return asyncio.run(
                run_brief(settings, args.topic, args.format, args.window, not args.no_poll)
            )
        if args.command == "console":
            from bot.entrypoints.console import run_console

            return asyncio.run(run_console(settings, poll=not args.no_poll))
        if args.command == "run":
            from bot.entrypoints.service import run_service

            return asyncio.run(run_service(settings))
        if args.command == "summarize":
            from bot.entrypoints.summarize import run_summarize

            return asyncio.run(run_summarize(settings, args.loop, args.interval))
        if args.command == "sources":
            from bot.entrypoints.status import run_sources

            return run_sources(settings, args.enable)
        if args.command == "status":
            from bot.entrypoints.status import run_status

            return run_status(settings)
    except SettingsError as exc:
        print(f"newsbrief: configuration error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
