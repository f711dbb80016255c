"""Assemble a Brief from stored stories: figures merged across sources, revisions noted."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import timedelta

from bot.core.models import Brief, BriefItem, KeyFigure, ReportedFigure, Story
from bot.core.ports import Clock, StoryReader
from bot.core.quote_choice import choose_brief_quotes
from bot.core.topics import Topic
from summarizer.types import FIGURE_CATEGORIES


def figure_high(report: ReportedFigure) -> int | None:
    f = report.figure
    return f.value if f.value is not None else f.high


def figure_low(report: ReportedFigure) -> int | None:
    f = report.figure
    return f.value if f.value is not None else f.low


_HOUSEHOLDS = frozenset({"families", "family", "households", "household"})

FigureKey = tuple[str, str]


def counted_unit(report: ReportedFigure) -> str:
    """What a number counts: "5,000 people" and "dozens of families" never form a range."""
    affected = (report.figure.affected or "").lower()
    return "households" if affected in _HOUSEHOLDS else "people"


def headline_reports(reports: Iterable[ReportedFigure]) -> dict[FigureKey, list[ReportedFigure]]:
    """Per category and unit, each outlet's largest report: its toll for the whole event.

    Smaller numbers in the same article ("seven in one strike") are parts of the event,
    not disagreements, so they stay in the item's details rather than widen the range.
    """
    best: dict[tuple[str, str, str], ReportedFigure] = {}
    for report in reports:
        key = (report.figure.category, counted_unit(report), report.outlet)
        current = best.get(key)
        if current is None or (figure_high(report) or 0) > (figure_high(current) or 0):
            best[key] = report
    grouped: dict[FigureKey, list[ReportedFigure]] = defaultdict(list)
    for (category, unit, _outlet), report in best.items():
        grouped[(category, unit)].append(report)
    return grouped


def _display_order(key: FigureKey) -> tuple[int, bool]:
    category, unit = key
    return ([str(c) for c in FIGURE_CATEGORIES].index(category), unit != "people")


def merge_figures(story: Story) -> tuple[KeyFigure, ...]:
    current = headline_reports(story.figures)
    previous = headline_reports(story.previous_figures)
    merged = []
    for key in sorted(current, key=_display_order):
        reports = current[key]
        lows = [v for v in (figure_low(r) for r in reports) if v is not None]
        highs = [v for v in (figure_high(r) for r in reports) if v is not None]
        top = max(reports, key=lambda r: figure_high(r) or 0)
        outlets = {r.outlet for r in reports}
        merged.append(
            KeyFigure(
                category=top.figure.category,
                low=min(lows) if lows else None,
                high=max(highs) if highs else None,
                qualifier=top.figure.qualifier,
                approx=any(r.figure.approx for r in reports),
                affected=top.figure.affected,
                reports=tuple(sorted(reports, key=lambda r: -(figure_high(r) or 0))),
                corroborated=len(outlets) >= 2,
                revision=_revision(reports, previous.get(key, [])),
            )
        )
    return tuple(merged)


def _revision(now: Sequence[ReportedFigure], before: Sequence[ReportedFigure]) -> str | None:
    if not before:
        return None
    new_high = max((figure_high(r) or 0) for r in now)
    old = max(before, key=lambda r: figure_high(r) or 0)
    old_high = figure_high(old) or 0
    if not new_high or not old_high or new_high == old_high:
        return None
    direction = "up" if new_high > old_high else "down"
    return f"{direction} from {old_high} reported {old.reported_at:%d %b %H:%M} UTC"


def matches_filter(story: Story, include: Sequence[str], exclude: Sequence[str]) -> bool:
    haystack = " ".join([story.headline, story.summary, *(s.title for s in story.sources)])
    haystack = haystack.lower()
    if include and not all(word.lower() in haystack for word in include):
        return False
    return not any(word.lower() in haystack for word in exclude)


def brief_item(story: Story, max_quotes: int = 2) -> BriefItem:
    return BriefItem(
        story_id=story.id,
        headline=story.headline,
        summary=story.summary,
        figures=merge_figures(story),
        quotes=choose_brief_quotes(story.quotes, max_quotes),
        sources=story.sources,
        updated=story.updated,
        places=story.places,
    )


class BriefBuilder:
    """Builds one Brief per topic and window from stored stories: no model, no fetch."""

    def __init__(
        self,
        stories: StoryReader,
        clock: Clock,
        max_items: int = 5,
        min_conflict_score: float = 0.0,
    ) -> None:
        self._stories = stories
        self._clock = clock
        self._max_items = max_items
        self._min_conflict_score = min_conflict_score

    def build(
        self,
        topic: Topic,
        window: timedelta,
        include: Sequence[str] = (),
        exclude: Sequence[str] = (),
        notes: Sequence[str] = (),
    ) -> Brief:
        now = self._clock.now()
        since = now - window
        found = self._stories.stories_for_topic(topic.key, since, limit=50)
        relevant = [
            s
            for s in found
            if s.conflict_score >= self._min_conflict_score and matches_filter(s, include, exclude)
        ]
        # More sources and more recent first: a brief leads with what is best attested.
        relevant.sort(key=lambda s: (len({r.outlet for r in s.sources}), s.updated), reverse=True)
        items = tuple(brief_item(s) for s in relevant[: self._max_items])
        return Brief(topic.key, topic.label, since, now, items, tuple(notes))
