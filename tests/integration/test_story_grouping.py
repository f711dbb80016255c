"""Two outlets' reports of one event, polled at the same time, become one story."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bot.bootstrap import bootstrap
from bot.core.models import SourceConfig
from bot.settings import load_settings
from summarizer.analysis import Analyzer
from tests.support.feed_server import FeedServer

REPO = Path(__file__).resolve().parents[2]

REPORTS = {
    "wire": (
        "Air strikes on Idlib kill at least 31, rescuers say",
        "At least 31 people were killed and more than 60 injured in air strikes on the city of "
        "Idlib in north-western Syria on Tuesday, according to the White Helmets civil defence "
        "group. Rescuers said one strike hit a crowded vegetable market near the city centre. "
        "Dozens of families fled towards camps near the Turkish border after the raids, and "
        "hospitals in the province appealed for blood donations.",
    ),
    "monitor": (
        "Syria: death toll from Idlib market strike rises to 34",
        "The death toll from air strikes on Idlib city rose to 34 on Tuesday, the Syrian "
        "Observatory for Human Rights said, with at least 70 people wounded. The strikes, which "
        "hit a market and a residential block in the centre of Idlib, were the deadliest in the "
        "rebel-held north-west this year, the monitoring group said.",
    ),
    "sport": (
        "Aleppo club wins derby as fans return",
        "Al-Ittihad beat their city rivals 2-1 in Aleppo on Friday in front of some 20,000 "
        "supporters, the club's first derby win in three seasons, and the league resumes next "
        "week with the team in second place after a strong run of form at home.",
    ),
}


def _feed(name: str) -> str:
    title, text = REPORTS[name]
    return (
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{name}</title><item><title>{title}</title>"
        f"<link>https://example.org/{name}/1</link><guid>{name}-1</guid>"
        f"<content:encoded><![CDATA[<p>{text}</p>]]></content:encoded></item>"
        "</channel></rss>"
    )


async def test_reports_from_two_feeds_form_one_story(tmp_path: Path, analyzer: Analyzer) -> None:
    settings = load_settings(
        env={
            "DATABASE_URL": f"sqlite:///{tmp_path / 'group.db'}",
            "NEWSBRIEF_TOPICS": str(REPO / "config" / "topics.toml"),
            "NEWSBRIEF_SOURCES": "demo:",
        }
    )
    app = bootstrap(settings, analyzer=analyzer)
    async with FeedServer() as server:
        sources = [
            SourceConfig(name, server.add_static(f"/{name}.xml", _feed(name)), "wire")
            for name in REPORTS
        ]
        async with app.fetcher() as fetcher:
            report = await app.ingestor(fetcher).poll(sources, force=True)
    assert report.new_articles == 3 and not report.failed
    topic = app.topics.resolve("syria")
    brief = app.briefs.build(topic, timedelta(hours=24))
    assert len(brief.items) == 1  # the football story is not conflict news
    item = brief.items[0]
    assert {s.outlet for s in item.sources} == {"wire", "monitor"}
    killed = next(k for k in item.figures if k.category == "killed")
    assert (killed.low, killed.high, killed.corroborated) == (31, 34, True)
