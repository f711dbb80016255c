"""`newsbrief run`: the long-running service."""

from __future__ import annotations

import sys

from bot.settings import Settings


def missing_credentials(settings: Settings) -> list[str]:
    slack_ready = settings.slack.bot_token and (
        settings.slack.signing_secret or settings.slack.app_token
    )
    if settings.telegram.token or slack_ready:
        return []
    return [
        "TELEGRAM_BOT_TOKEN (for Telegram)",
        "SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, or SLACK_APP_TOKEN for Socket Mode (for Slack)",
    ]


async def run_service(settings: Settings) -> int:
    missing = missing_credentials(settings)
    if missing:
        print("newsbrief: no chat adapter has credentials; set at least one of:", file=sys.stderr)
        for item in missing:
            print(f"  - {item}", file=sys.stderr)
        return 2
    from bot.service import Service

    return await Service.from_settings(settings).run_forever()
