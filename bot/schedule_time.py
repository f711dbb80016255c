"""Local wall-clock times -> UTC instants, DST-correct (zoneinfo), for digests and quiet hours.

A digest at 08:00 Europe/Berlin is 07:00 UTC in winter and 06:00 UTC in summer. Wall
times that do not exist (the spring-forward gap) resolve to the same offset as just
before the gap (02:30 -> 03:30 local); repeated ones (fall back) to their first occurrence.
Either way a chat gets one digest per local date: the date is the period key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.core.models import ChatSettings


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")  # a bad stored zone must not stop everyone's digests


def parse_hhmm(text: str) -> time:
    hours, minutes = text.strip().split(":")
    return time(int(hours), int(minutes))


def local_instant(day: date, at: time, tz: ZoneInfo) -> datetime:
    """The UTC instant of wall time ``at`` on ``day`` in ``tz``."""
    return datetime.combine(day, at).replace(tzinfo=tz, fold=0).astimezone(UTC)


@dataclass(frozen=True)
class DigestSlot:
    local_date: date
    due: datetime  # UTC


def digest_slots(settings: ChatSettings, now: datetime) -> list[DigestSlot]:
    """Yesterday's and today's (local) digest slots that are already due, oldest first.

    Yesterday's matters after downtime across local midnight: a 23:30 digest missed at
    23:30 is still sent at 00:10 when the grace window allows.
    """
    if not settings.digest_time:
        return []
    tz = zone(settings.timezone)
    at = parse_hhmm(settings.digest_time)
    today = now.astimezone(tz).date()
    slots = []
    for day in (today - timedelta(days=1), today):
        due = local_instant(day, at, tz)
        if due <= now:
            slots.append(DigestSlot(day, due))
    return slots


def next_digest(settings: ChatSettings, now: datetime) -> datetime | None:
    """The next digest instant (UTC) strictly after ``now``; for `newsbrief status`."""
    if not settings.digest_time:
        return None
    tz = zone(settings.timezone)
    at = parse_hhmm(settings.digest_time)
    today = now.astimezone(tz).date()
    for offset in range(3):
        due = local_instant(today + timedelta(days=offset), at, tz)
        if due > now:
            return due
    return None


def quiet_until(settings: ChatSettings, now: datetime) -> datetime | None:
    """When the chat's quiet hours end, if ``now`` falls inside them (else None).
    Windows may wrap midnight (22:00-07:00)."""
    if not settings.quiet_start or not settings.quiet_end:
        return None
    tz = zone(settings.timezone)
    start, end = parse_hhmm(settings.quiet_start), parse_hhmm(settings.quiet_end)
    if start == end:
        return None
    local = now.astimezone(tz)
    wall = local.time().replace(tzinfo=None)
    if start < end:
        inside = start <= wall < end
        end_day = local.date()
    else:
        inside = wall >= start or wall < end
        end_day = local.date() + timedelta(days=1) if wall >= start else local.date()
    if not inside:
        return None
    return local_instant(end_day, end, tz)
