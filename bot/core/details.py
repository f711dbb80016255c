"""Follow-up views on one story: more, figures, quotes, sources, why."""

from __future__ import annotations

from bot.core.briefs import figure_high, merge_figures
from bot.core.models import SOURCE_KIND_LABELS, KeyFigure, ReportedFigure, Story
from bot.core.quote_choice import choose_brief_quotes
from bot.core.replies import Detail, DetailLine
from bot.core.wording import describe_figure, describe_key_figure


def more(story: Story) -> Detail:
    lines = [DetailLine(story.summary or "(no summary)")]
    lines += [DetailLine(describe_key_figure(k)) for k in merge_figures(story)]
    lines += [
        DetailLine(f"“{q.quote.text}” — {q.quote.attributed_to()}", q.url, q.outlet)
        for q in choose_brief_quotes(story.quotes, 3)
    ]
    if story.places:
        lines.append(DetailLine("Places: " + ", ".join(story.places)))
    lines.append(DetailLine(f"{len(story.sources)} source(s): /sources {story.id}"))
    return Detail(story.id, story.headline, tuple(lines))


def figures(story: Story) -> Detail:
    """Merged key figures first (linked when single-sourced), then the other reports."""
    lines: list[DetailLine] = []
    covered: set[ReportedFigure] = set()
    for key in merge_figures(story):
        if len(key.reports) == 1:
            report = key.reports[0]
            covered.add(report)
            lines.append(DetailLine(describe_key_figure(key), report.url, report.outlet))
        else:
            lines.append(DetailLine(describe_key_figure(key)))
    reported = sorted(story.figures, key=lambda r: (r.figure.category, -(figure_high(r) or 0)))
    for report in reported:
        if report not in covered:
            lines.append(DetailLine("  " + describe_figure(report), report.url, report.outlet))
    if not lines:
        lines.append(DetailLine("No figures were reported in this story's sources."))
    return Detail(story.id, f"Figures: {story.headline}", tuple(lines))


def quotes(story: Story) -> Detail:
    lines = [
        DetailLine(
            f"“{q.quote.text}” — {q.quote.attributed_to()}",
            q.url,
            q.outlet,
        )
        for q in story.quotes
    ]
    if not lines:
        lines.append(DetailLine("No direct quotes in this story's sources."))
    return Detail(story.id, f"Quotes: {story.headline}", tuple(lines))


def sources(story: Story) -> Detail:
    lines = [
        DetailLine(
            f"{s.outlet} ({SOURCE_KIND_LABELS.get(s.kind, s.kind)}): {s.title}", s.url, s.outlet
        )
        for s in story.sources
    ]
    return Detail(story.id, f"Sources: {story.headline}", tuple(lines))


def why(story: Story, wanted: str) -> Detail:
    """The sentences and links behind a figure, chosen by category or by number."""
    wanted = wanted.strip().lower().replace(" ", "_")
    matching: list[ReportedFigure] = []
    for report in story.figures:
        f = report.figure
        numbers = {str(v) for v in (f.value, f.low, f.high) if v is not None}
        if wanted in (f.category, f.category.split("_")[0]) or wanted in numbers:
            matching.append(report)
    if not matching:
        keys = sorted({r.figure.category for r in story.figures})
        hint = ", ".join(keys) if keys else "none in this story"
        return Detail(
            story.id,
            f"No figure {wanted!r} in item #{story.id}",
            (DetailLine(f"Figures available: {hint}"),),
        )
    lines = [
        DetailLine(f"{describe_figure(r)}: “{r.figure.sentence}”", r.url, r.outlet)
        for r in matching
    ]
    revision = next((k.revision for k in merge_figures(story) if _same(k, matching)), None)
    if revision:
        lines.append(DetailLine(f"Revision: {revision}"))
    return Detail(story.id, f"Why: {wanted.replace('_', ' ')} in #{story.id}", tuple(lines))


def _same(key: KeyFigure, reports: list[ReportedFigure]) -> bool:
    return any(r.figure.category == key.category for r in reports)
