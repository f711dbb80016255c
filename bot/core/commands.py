"""The platform-neutral command layer: one meaning for a command everywhere.

Telegram, Slack and the console translate their events into ``handle(text, ctx)``
and render the returned Reply. Nothing here knows a platform or a database.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.core import details
from bot.core.briefs import BriefBuilder
from bot.core.models import ChatRef, Subscription
from bot.core.ports import ChatStore, StoryReader
from bot.core.replies import Reply, error
from bot.core.topics import Topic, TopicRegistry, UnknownTopic

WINDOWS = {"24h": timedelta(hours=24), "3d": timedelta(days=3), "7d": timedelta(days=7)}
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class CommandContext:
    chat: ChatRef
    user_id: str = ""
    # Adapters decide who may change a chat's settings (group admins, Slack policy).
    may_configure: bool = True
    # Story ids of the brief message a user replied to, if any.
    replied_story_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class CommandSpec:
    name: str
    usage: str
    help: str
    configures: bool = False


COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec("start", "/start", "Welcome and a first example"),
    CommandSpec("help", "/help", "This list"),
    CommandSpec("topics", "/topics", "Topics you can follow"),
    CommandSpec("subscribe", "/subscribe <topic>", "Follow a topic, e.g. /subscribe syria", True),
    CommandSpec("unsubscribe", "/unsubscribe <topic|all>", "Stop following a topic", True),
    CommandSpec("list", "/list", "Topics this chat follows"),
    CommandSpec("brief", "/brief <topic> [24h|3d|7d]", "A brief now, e.g. /brief sudan 3d"),
    CommandSpec("digest", "/digest <HH:MM> [Area/City] | off", "Daily digest time", True),
    CommandSpec("timezone", "/timezone <Area/City>", "This chat's timezone", True),
    CommandSpec("alerts", "/alerts on|off [threshold]", "Alerts for big stories", True),
    CommandSpec("quiet", "/quiet <HH:MM-HH:MM> | off", "Hold alerts during these hours", True),
    CommandSpec("filter", "/filter <topic> +word -word", "Words that must / must not appear", True),
    CommandSpec("more", "/more <item>", "More on a brief item"),
    CommandSpec("figures", "/figures <item>", "Key figures of an item, with who reported them"),
    CommandSpec("quotes", "/quotes <item>", "Quotes of an item, with speakers"),
    CommandSpec("sources", "/sources <item>", "Links to every source of an item"),
    CommandSpec("why", "/why <item> <figure>", "The sentences and links behind a figure"),
    CommandSpec("settings", "/settings", "This chat's settings"),
)
_SPECS = {spec.name: spec for spec in COMMANDS}


def help_text() -> str:
    lines = ["newsbrief: short, sourced briefs on armed conflicts.", ""]
    lines += [f"{spec.usage} — {spec.help}" for spec in COMMANDS]
    lines += ["", "Items are numbered in each brief (#12); use that number in follow-ups."]
    return "\n".join(lines)


def parse(text: str) -> tuple[str, list[str]]:
    """'/brief@newsbrief_bot syria 3d' -> ('brief', ['syria', '3d'])."""
    words = text.strip().split()
    if not words:
        return "", []
    head = words[0].lstrip("/").split("@", 1)[0].lower()
    return head, words[1:]


class CommandHandler:
    def __init__(
        self,
        chats: ChatStore,
        stories: StoryReader,
        briefs: BriefBuilder,
        topics: TopicRegistry,
        brief_notes: Callable[[], Sequence[str]] = tuple,
    ) -> None:
        self._chats = chats
        self._stories = stories
        self._briefs = briefs
        self._topics = topics
        self._brief_notes = brief_notes

    def handle(self, text: str, ctx: CommandContext) -> Reply:
        name, args = parse(text)
        if not name:
            return error("Empty command. Try /help.")
        spec = _SPECS.get(name)
        if spec is None:
            return error(f"Unknown command /{name}. Try /help for the list, e.g. /brief syria.")
        if spec.configures and not ctx.may_configure:
            return error("Sorry, only the chat's admins can change its subscriptions and settings.")
        self._reactivate(ctx)
        method: Callable[[list[str], CommandContext], Reply] = getattr(self, f"_cmd_{name}")
        return method(args, ctx)

    def _reactivate(self, ctx: CommandContext) -> None:
        """A chat that talks to us is reachable again (unblocked the bot, re-added it)."""
        settings = self._chats.settings(ctx.chat)
        if not settings.active:
            self._chats.save_settings(replace(settings, active=True))

    # --- information --------------------------------------------------------
    def _cmd_start(self, args: list[str], ctx: CommandContext) -> Reply:
        return Reply(
            "Welcome to newsbrief. Follow a conflict with /subscribe syria, or get a brief "
            "right now with /brief syria. /topics lists what you can follow; /help lists commands."
        )

    def _cmd_help(self, args: list[str], ctx: CommandContext) -> Reply:
        return Reply(help_text())

    def _cmd_topics(self, args: list[str], ctx: CommandContext) -> Reply:
        lines = ["Topics you can follow:"]
        for topic in self._topics:
            aliases = ", ".join(topic.aliases[:4])
            lines.append(
                f"• {topic.key} — {topic.label}" + (f" (also: {aliases})" if aliases else "")
            )
        return Reply("\n".join(lines))

    def _cmd_list(self, args: list[str], ctx: CommandContext) -> Reply:
        subs = self._chats.subscriptions(ctx.chat)
        if not subs:
            return Reply("This chat follows no topics yet. Try /subscribe syria.")
        lines = ["This chat follows:"]
        for sub in subs:
            words = " ".join([*(f"+{w}" for w in sub.include), *(f"-{w}" for w in sub.exclude)])
            lines.append(f"• {self._label(sub.topic)}" + (f" ({words})" if words else ""))
        return Reply("\n".join(lines))

    def _cmd_settings(self, args: list[str], ctx: CommandContext) -> Reply:
        s = self._chats.settings(ctx.chat)
        topics = ", ".join(self._label(sub.topic) for sub in self._chats.subscriptions(ctx.chat))
        digest = f"daily at {s.digest_time} ({s.timezone})" if s.digest_time else "off"
        alerts = f"on, threshold {s.alert_threshold} killed" if s.alerts else "off"
        quiet = f"{s.quiet_start}–{s.quiet_end}" if s.quiet_start and s.quiet_end else "none"
        return Reply(
            "\n".join(
                [
                    "Settings of this chat:",
                    f"• Topics: {topics or 'none'}",
                    f"• Digest: {digest}",
                    f"• Timezone: {s.timezone}",
                    f"• Alerts: {alerts}",
                    f"• Quiet hours: {quiet}",
                ]
            )
        )

    # --- subscriptions ----------------------------------------------------------
    def _cmd_subscribe(self, args: list[str], ctx: CommandContext) -> Reply:
        if not args:
            return error("Which topic? Example: /subscribe syria (see /topics).")
        topic = self._resolve(" ".join(args))
        if isinstance(topic, Reply):
            return topic
        added = self._chats.subscribe(Subscription(chat=ctx.chat, topic=topic.key))
        if not added:
            return Reply(f"This chat already follows {topic.label}.")
        settings = self._chats.settings(ctx.chat)
        when = (
            f" Your daily digest comes at {settings.digest_time} ({settings.timezone})."
            if settings.digest_time
            else " Set a daily digest with /digest 08:00 Europe/Berlin."
        )
        return Reply(f"Subscribed to {topic.label}.{when}")

    def _cmd_unsubscribe(self, args: list[str], ctx: CommandContext) -> Reply:
        if not args:
            return error("Which topic? Example: /unsubscribe syria, or /unsubscribe all.")
        if args[0].lower() == "all":
            count = self._chats.unsubscribe(ctx.chat, None)
            return Reply(f"Unsubscribed from {count} topic(s).")
        topic = self._resolve(" ".join(args))
        if isinstance(topic, Reply):
            return topic
        if not self._chats.unsubscribe(ctx.chat, topic.key):
            return Reply(f"This chat did not follow {topic.label}. /list shows what it follows.")
        return Reply(f"Unsubscribed from {topic.label}.")

    def _cmd_filter(self, args: list[str], ctx: CommandContext) -> Reply:
        if len(args) < 2 or any(not a.startswith(("+", "-")) or len(a) < 2 for a in args[1:]):
            return error("Usage: /filter <topic> +word -word, e.g. /filter syria +idlib -football")
        topic = self._resolve(args[0])
        if isinstance(topic, Reply):
            return topic
        include = [a[1:] for a in args[1:] if a.startswith("+")]
        exclude = [a[1:] for a in args[1:] if a.startswith("-")]
        if not self._chats.set_filter(ctx.chat, topic.key, include, exclude):
            return error(f"Subscribe first: /subscribe {topic.key}")
        return Reply(f"Filter for {topic.label}: " + " ".join(args[1:]))

    # --- schedule ---------------------------------------------------------------------
    def _cmd_digest(self, args: list[str], ctx: CommandContext) -> Reply:
        settings = self._chats.settings(ctx.chat)
        if not args:
            return error("Usage: /digest 08:00 [Europe/Berlin], or /digest off")
        if args[0].lower() == "off":
            self._chats.save_settings(replace(settings, digest_time=None))
            return Reply("Daily digest off.")
        match = _TIME.match(args[0])
        if not match:
            return error(f"{args[0]!r} is not a time. Example: /digest 08:00 Europe/Berlin")
        timezone = settings.timezone
        if len(args) > 1:
            zone = _zone(args[1])
            if zone is None:
                return error(f"Unknown timezone {args[1]!r}. Use Area/City, e.g. Africa/Khartoum.")
            timezone = zone
        hhmm = f"{int(match.group(1)):02d}:{match.group(2)}"
        self._chats.save_settings(
            replace(settings, chat=ctx.chat, digest_time=hhmm, timezone=timezone)
        )
        return Reply(f"Daily digest at {hhmm} ({timezone}).")

    def _cmd_timezone(self, args: list[str], ctx: CommandContext) -> Reply:
        if not args:
            return error("Usage: /timezone Area/City, e.g. /timezone Asia/Beirut")
        zone = _zone(args[0])
        if zone is None:
            return error(f"Unknown timezone {args[0]!r}. Use Area/City, e.g. Europe/Kyiv.")
        self._chats.save_settings(replace(self._chats.settings(ctx.chat), timezone=zone))
        return Reply(f"Timezone set to {zone}.")

    def _cmd_alerts(self, args: list[str], ctx: CommandContext) -> Reply:
        if not args or args[0].lower() not in ("on", "off"):
            return error("Usage: /alerts on [threshold] or /alerts off, e.g. /alerts on 10")
        settings = self._chats.settings(ctx.chat)
        if args[0].lower() == "off":
            self._chats.save_settings(replace(settings, alerts=False))
            return Reply("Alerts off.")
        threshold = settings.alert_threshold
        if len(args) > 1:
            if not args[1].isdigit() or int(args[1]) < 1:
                return error(f"{args[1]!r} is not a threshold. Example: /alerts on 10")
            threshold = int(args[1])
        self._chats.save_settings(replace(settings, alerts=True, alert_threshold=threshold))
        return Reply(f"Alerts on: a new story with at least {threshold} killed is sent at once.")

    def _cmd_quiet(self, args: list[str], ctx: CommandContext) -> Reply:
        settings = self._chats.settings(ctx.chat)
        if args and args[0].lower() == "off":
            self._chats.save_settings(replace(settings, quiet_start=None, quiet_end=None))
            return Reply("Quiet hours off: alerts are sent at any time.")
        start, _, end = (args[0] if args else "").partition("-")
        times = [_TIME.match(start), _TIME.match(end)]
        if not all(times):
            return error("Usage: /quiet 22:00-07:00 (local time), or /quiet off")
        begin, finish = (f"{int(m.group(1)):02d}:{m.group(2)}" for m in times if m)
        self._chats.save_settings(replace(settings, quiet_start=begin, quiet_end=finish))
        return Reply(
            f"Quiet hours {begin}–{finish} ({settings.timezone}): alerts wait until {finish}."
        )

    # --- briefs and follow-ups ----------------------------------------------------------
    def _cmd_brief(self, args: list[str], ctx: CommandContext) -> Reply:
        window = WINDOWS["24h"]
        words = list(args)
        if words and words[-1].lower() in WINDOWS:
            window = WINDOWS[words.pop().lower()]
        if not words:
            subs = self._chats.subscriptions(ctx.chat)
            if len(subs) != 1:
                return error("Which topic? Example: /brief syria 24h (windows: 24h, 3d, 7d).")
            words = [subs[0].topic]
        topic = self._resolve(" ".join(words))
        if isinstance(topic, Reply):
            return topic
        sub = next((s for s in self._chats.subscriptions(ctx.chat) if s.topic == topic.key), None)
        brief = self._briefs.build(
            topic,
            window,
            include=sub.include if sub else (),
            exclude=sub.exclude if sub else (),
            notes=self._brief_notes(),
        )
        return Reply(brief=brief)

    def _cmd_more(self, args: list[str], ctx: CommandContext) -> Reply:
        return self._follow_up(args, ctx, details.more)

    def _cmd_figures(self, args: list[str], ctx: CommandContext) -> Reply:
        return self._follow_up(args, ctx, details.figures)

    def _cmd_quotes(self, args: list[str], ctx: CommandContext) -> Reply:
        return self._follow_up(args, ctx, details.quotes)

    def _cmd_sources(self, args: list[str], ctx: CommandContext) -> Reply:
        return self._follow_up(args, ctx, details.sources)

    def _cmd_why(self, args: list[str], ctx: CommandContext) -> Reply:
        if len(args) < 2 and not (ctx.replied_story_ids and args):
            return error("Usage: /why <item> <figure>, e.g. /why 12 killed or /why 12 25")
        item_args, wanted = (args[:1], args[1:]) if len(args) >= 2 else ([], args)
        story_id = self._story_id(item_args, ctx)
        if isinstance(story_id, Reply):
            return story_id
        story = self._stories.get_story(story_id)
        if story is None:
            return error(f"No item #{story_id}. Item numbers are shown in each brief.")
        return Reply(detail=details.why(story, " ".join(wanted)))

    def _follow_up(
        self, args: list[str], ctx: CommandContext, view: Callable[..., object]
    ) -> Reply:
        story_id = self._story_id(args, ctx)
        if isinstance(story_id, Reply):
            return story_id
        story = self._stories.get_story(story_id)
        if story is None:
            return error(f"No item #{story_id}. Item numbers are shown in each brief.")
        detail = view(story)
        return Reply(detail=detail)  # type: ignore[arg-type]

    def _story_id(self, args: list[str], ctx: CommandContext) -> int | Reply:
        if args:
            raw = args[0].lstrip("#")
            if not raw.isdigit():
                return error(f"{args[0]!r} is not an item number. Example: /sources 12")
            return int(raw)
        if ctx.replied_story_ids:
            return ctx.replied_story_ids[0]
        return error("Which item? Give its number from the brief, e.g. /sources 12.")

    # --- helpers ---------------------------------------------------------------------
    def _resolve(self, name: str) -> Topic | Reply:
        try:
            return self._topics.resolve(name)
        except UnknownTopic:
            keys = ", ".join(t.key for t in self._topics)
            return error(f"Unknown topic {name!r}. Topics: {keys}.")

    def _label(self, key: str) -> str:
        try:
            return self._topics.get(key).label
        except KeyError:
            return key


def _zone(name: str) -> str | None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return name
