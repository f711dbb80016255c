"""extract_page on hand-written pages: main text in, boilerplate out, metadata read."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.ingest.extract import extract_page

PARAGRAPHS = [
    "At least 12 civilians were killed when an airstrike hit a crowded market in Idlib on "
    "Tuesday morning, local rescue workers said, adding that the toll could still rise.",
    "The White Helmets said their teams pulled survivors from the rubble for several hours "
    "while ambulances ferried the wounded to hospitals near the Turkish border.",
    "A spokesperson for the health directorate said 31 people were being treated for "
    "injuries, several of them in a critical condition, and appealed for blood donations.",
]


def article_page(head: str = "", extra_body: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html><html lang="en"><head>
<title>Airstrike on Idlib market kills 12 | Example News</title>
{head}
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
</header>
<main><article><h1>Airstrike on Idlib market kills 12</h1>{paragraphs}</article></main>
<aside><h3>Most read</h3><ul><li><a href="/x">Celebrity chef opens restaurant</a></li></ul>
</aside>
{extra_body}
<footer><p>Copyright 2024 Example News. All rights reserved. Privacy policy.</p></footer>
</body></html>"""


FULL_HEAD = """
<link rel="canonical" href="/world/idlib-market-strike">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2024-12-03T14:20:00+02:00">
"""


def test_main_text_without_boilerplate() -> None:
    page = extract_page(article_page(FULL_HEAD), url="https://news.example/a?utm_source=x")
    assert page is not None
    for paragraph in PARAGRAPHS:
        assert paragraph in page.text.split("\n")
    for boilerplate in ("Most read", "Celebrity chef", "Copyright", "Sport"):
        assert boilerplate not in page.text


def test_metadata() -> None:
    page = extract_page(article_page(FULL_HEAD), url="https://news.example/a?utm_source=x")
    assert page is not None
    assert page.title == "Airstrike on Idlib market kills 12"
    assert page.author == "Jane Roe"
    assert page.date == datetime(2024, 12, 3, 12, 20, tzinfo=UTC)
    # Relative canonical links are resolved against the page URL.
    assert page.canonical_url == "https://news.example/world/idlib-market-strike"


def test_og_url_when_no_canonical_link_and_none_without_either() -> None:
    og = '<meta property="og:url" content="https://news.example/og">'
    with_og = extract_page(article_page(og), url="https://news.example/a")
    without = extract_page(article_page(), url="https://news.example/a")
    assert with_og is not None and with_og.canonical_url == "https://news.example/og"
    assert without is not None and without.canonical_url is None
    assert without.author is None


def test_comments_and_tables_are_left_out() -> None:
    extras = """<table><tr><td>Market index</td><td>1234.5</td></tr></table>
<section id="comments" class="comments"><h2>Comments</h2>
<div class="comment"><p>Reader77: This comment should not be part of the article text.</p>
</div></section>"""
    page = extract_page(article_page(FULL_HEAD).replace("</article>", extras + "</article>"))
    assert page is not None
    assert PARAGRAPHS[0] in page.text
    assert "Reader77" not in page.text
    assert "Market index" not in page.text


def test_nothing_to_extract() -> None:
    assert extract_page("") is None
    assert extract_page("   \n") is None
    assert extract_page("<html><head><title>x</title></head><body></body></html>") is None
