"""JSON rendering of briefs (``newsbrief brief --format json``)."""

from __future__ import annotations

from typing import Any

from bot.core.models import Brief, BriefItem, KeyFigure


def key_figure_dict(key: KeyFigure) -> dict[str, Any]:
    return {
        "category": key.category,
        "low": key.low,
        "high": key.high,
        "qualifier": key.qualifier,
        "approx": key.approx,
        "affected": key.affected,
        "corroborated": key.corroborated,
        "revision": key.revision,
        "reports": [{**r.figure.to_dict(), "outlet": r.outlet, "url": r.url} for r in key.reports],
    }


def item_dict(item: BriefItem) -> dict[str, Any]:
    return {
        "id": item.story_id,
        "headline": item.headline,
        "summary": item.summary,
        "figures": [key_figure_dict(k) for k in item.figures],
        "quotes": [{**q.quote.to_dict(), "outlet": q.outlet, "url": q.url} for q in item.quotes],
        "sources": [
            {
                "outlet": s.outlet,
                "url": s.url,
                "kind": s.kind,
                "title": s.title,
                "summary_only": s.summary_only,
            }
            for s in item.sources
        ],
        "places": list(item.places),
        "updated": item.updated.isoformat(),
    }


def brief_dict(brief: Brief) -> dict[str, Any]:
    return {
        "topic": brief.topic,
        "topic_label": brief.topic_label,
        "since": brief.since.isoformat(),
        "generated_at": brief.generated_at.isoformat(),
        "items": [item_dict(i) for i in brief.items],
        "notes": list(brief.notes),
    }
