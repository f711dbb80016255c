"""Figures merged across a story's sources: ranges, corroboration, revisions."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bot.core.briefs import merge_figures
from bot.core.models import ReportedFigure, Story
from bot.core.wording import describe_key_figure
from tests.support.stories import NOW, killed


def _story(*reports: ReportedFigure, previous: tuple[ReportedFigure, ...] = ()) -> Story:
    return Story(
        id=1,
        headline="h",
        topics=("syria",),
        places=(),
        summary="",
        figures=reports,
        quotes=(),
        sources=(),
        first_seen=NOW,
        updated=NOW,
        previous_figures=previous,
    )


def _report(value: int, outlet: str, source: str | None = None) -> ReportedFigure:
    return ReportedFigure(
        killed(value, f"{value} killed", source), outlet, f"https://x/{outlet}", 1, NOW
    )


def test_disagreeing_sources_give_a_range_with_each_source() -> None:
    merged = merge_figures(_story(_report(25, "Wire", "rescuers"), _report(31, "Monitor")))
    assert len(merged) == 1
    key = merged[0]
    assert (key.low, key.high, key.corroborated) == (25, 31, True)
    text = describe_key_figure(key)
    assert "25–31" in text and "rescuers, Wire" in text and "Monitor" in text
    assert "corroborated" in text


def test_parts_of_an_event_do_not_widen_the_range() -> None:
    # "At least 25 killed ... at least seven in one strike" from the same outlet.
    key = merge_figures(_story(_report(25, "Wire"), _report(7, "Wire")))[0]
    assert (key.low, key.high, key.corroborated) == (25, 25, False)
    assert "single source" in describe_key_figure(key)


def test_revision_is_stated() -> None:
    earlier = replace(_report(25, "Wire"), reported_at=NOW - timedelta(days=1))
    key = merge_figures(_story(_report(41, "Wire"), previous=(earlier,)))[0]
    assert key.revision is not None and key.revision.startswith("up from 25 reported")
    assert "up from 25" in describe_key_figure(key)
    same = merge_figures(_story(_report(25, "Wire"), previous=(earlier,)))[0]
    assert same.revision is None


def test_households_and_people_are_not_one_range() -> None:
    people = _report(5000, "Wire")
    people = replace(people, figure=replace(people.figure, category="displaced", affected="people"))
    families = _report(24, "Monitor")
    families = replace(
        families,
        figure=replace(families.figure, category="displaced", affected="families", value=None),
    )
    merged = merge_figures(_story(people, families))
    assert [(k.category, k.affected, k.corroborated) for k in merged] == [
        ("displaced", "people", False),
        ("displaced", "families", False),
    ]
