"""How figures read in a brief: "at least 25 killed (rescuers, via Demo Wire)"."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.models import SOURCE_KIND_LABELS, KeyFigure, ReportedFigure, SourceRef
from summarizer.types import Figure

_CATEGORY_WORDS = {
    "killed": "killed",
    "injured": "injured",
    "displaced": "displaced",
    "missing": "missing",
    "detained": "detained",
    "soldiers_killed": "soldiers killed",
    "population": "population",
    "other": "",
}


def amount(figure: Figure) -> str:
    if figure.value is not None:
        number = f"{figure.value:,}"
        return f"{figure.qualifier} {number}" if figure.qualifier else number
    if figure.low is not None and figure.high is not None:
        return figure.text or f"{figure.low:,}–{figure.high:,}"
    return figure.text


def describe_figure(report: ReportedFigure) -> str:
    """'at least 31 people killed (rescuers, via Demo Wire)'."""
    f = report.figure
    what = _CATEGORY_WORDS.get(f.category, f.category)
    attribution = f"{f.source}, via {report.outlet}" if f.source else report.outlet
    if f.category == "population":
        return f"population: {amount(f)} ({attribution})"
    if f.value is not None:
        who = f" {f.affected}" if f.affected else ""
        phrase = f"{amount(f)}{who}"
    else:
        # Vague amounts keep the source's own words ("dozens of families").
        phrase = f.text or amount(f)
        if f.affected and f.affected.lower() not in phrase.lower():
            phrase = f"{phrase} {f.affected}"
    return f"{phrase} {what} ({attribution})".replace("  ", " ")


def describe_key_figure(key: KeyFigure) -> str:
    what = _CATEGORY_WORDS.get(key.category, key.category) or "figure"
    if len(key.reports) == 1:
        text = describe_figure(key.reports[0])
        status = "single source"
    else:
        parts = "; ".join(
            f"{amount(r.figure)} per {r.figure.source + ', ' if r.figure.source else ''}{r.outlet}"
            for r in key.reports
        )
        if key.low is not None and key.high is not None and key.low != key.high:
            text = f"{what.capitalize()}: {key.low:,}–{key.high:,} ({parts})"
        else:
            text = f"{what.capitalize()}: {parts}"
        status = "corroborated" if key.corroborated else "single source"
    text = f"{text} — {status}"
    if key.revision:
        text += f", {key.revision}"
    return text


def source_label(source: SourceRef) -> str:
    """'Demo Wire (wire service)': readers weigh a state outlet differently from a wire."""
    notes = [SOURCE_KIND_LABELS[source.kind]] if source.kind in SOURCE_KIND_LABELS else []
    if source.kind == "unknown":
        notes = []
    if source.summary_only:
        notes.append("feed summary only")
    return f"{source.outlet} ({', '.join(notes)})" if notes else source.outlet


def sources_count(sources: Sequence[SourceRef]) -> str:
    outlets = len({s.outlet for s in sources})
    return f"{outlets} source" if outlets == 1 else f"{outlets} sources"
