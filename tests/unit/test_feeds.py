"""parse_feed on hand-written documents of every supported flavour."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.ingest.feeds import FeedError, parse_feed

RSS2 = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Wire &amp; Co</title><link>https://wire.example/</link>
<item>
  <title>Shelling in &lt;b&gt;Kharkiv&lt;/b&gt;</title>
  <link>https://wire.example/kharkiv</link>
  <guid isPermaLink="false">wire-123</guid>
  <description>Two killed, officials say.</description>
  <content:encoded><![CDATA[<p>Two people were killed, officials said.</p>]]></content:encoded>
  <pubDate>Tue, 03 Dec 2024 14:20:00 +0200</pubDate>
  <dc:creator>A. Reporter</dc:creator>
</item>
<item><title>No guid here</title><link>/relative/story</link></item>
<item><title>Neither guid nor link</title><description>Only text.</description></item>
</channel></rss>"""

RSS1 = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://rdf.example/"><title>RDF news</title></channel>
<item rdf:about="https://rdf.example/1"><title>One</title><link>https://rdf.example/1</link>
<dc:date>2024-12-03T10:00:00Z</dc:date></item>
</rdf:RDF>"""

RSS091 = """<?xml version="1.0"?><rss version="0.91"><channel><title>Old</title>
<item><title>Legacy item</title><link>https://old.example/a</link>
<description>Short.</description></item></channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Agency updates</title>
<id>urn:agency</id><updated>2024-12-03T12:00:00Z</updated>
<entry><title type="html">Flash &lt;i&gt;update&lt;/i&gt;</title>
<id>urn:agency:42</id><link href="https://agency.example/42"/>
<updated>2024-12-03T12:00:00Z</updated><published>2024-12-02T08:30:00-05:00</published>
<author><name>Field Office</name></author>
<summary>Short summary.</summary>
<content type="html">&lt;p&gt;Full text.&lt;/p&gt;</content></entry>
</feed>"""


def test_rss2_fields() -> None:
    feed = parse_feed(RSS2.encode(), url="https://wire.example/feed.xml")
    assert feed.title == "Wire & Co"
    assert feed.warnings == ()
    first, relative, bare = feed.entries
    assert first.guid == "wire-123"
    assert first.url == "https://wire.example/kharkiv"
    assert "Kharkiv" in first.title
    assert first.summary == "Two killed, officials say."
    assert first.content == "<p>Two people were killed, officials said.</p>"
    assert first.published == datetime(2024, 12, 3, 12, 20, tzinfo=UTC)
    assert first.author == "A. Reporter"
    # No guid: the link, resolved against the feed's URL.
    assert relative.guid == relative.url == "https://wire.example/relative/story"
    # Neither: a stable hash of title and summary.
    assert len(bare.guid) == 64 and bare.url == "" and bare.published is None
    assert parse_feed(RSS2).entries[2].guid == bare.guid


def test_rss1_rdf() -> None:
    feed = parse_feed(RSS1)
    assert feed.title == "RDF news"
    (entry,) = feed.entries
    assert entry.url == "https://rdf.example/1"
    assert entry.published == datetime(2024, 12, 3, 10, 0, tzinfo=UTC)


def test_rss091() -> None:
    (entry,) = parse_feed(RSS091).entries
    assert (entry.title, entry.url, entry.summary) == (
        "Legacy item",
        "https://old.example/a",
        "Short.",
    )
    assert entry.guid == "https://old.example/a"


def test_atom() -> None:
    feed = parse_feed(ATOM.encode())
    assert feed.title == "Agency updates"
    (entry,) = feed.entries
    assert entry.guid == "urn:agency:42"
    assert entry.url == "https://agency.example/42"
    assert entry.content == "<p>Full text.</p>"
    assert entry.summary == "Short summary."
    assert entry.author == "Field Office"
    # published wins over updated, normalised to UTC.
    assert entry.published == datetime(2024, 12, 2, 13, 30, tzinfo=UTC)


def test_str_input_with_stale_encoding_declaration() -> None:
    doc = RSS091.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="iso-8859-1"?>')
    doc = doc.replace("Legacy item", "Ιράκ")
    assert parse_feed(doc).entries[0].title == "Ιράκ"


def test_cap_keeps_newest_in_document_order() -> None:
    items = "".join(
        f"<item><guid>g{day}</guid><title>Day {day}</title>"
        f"<pubDate>{day:02d} Dec 2024 00:00:00 GMT</pubDate></item>"
        for day in (5, 1, 9, 3, 7)
    )
    feed = parse_feed(f'<rss version="2.0"><channel>{items}</channel></rss>', max_entries=3)
    assert [e.title for e in feed.entries] == ["Day 5", "Day 9", "Day 7"]
    assert feed.warnings == ("feed has 5 entries, kept the newest 3",)


def test_never_fetches_or_opens_what_looks_like_a_location(tmp_path: Path) -> None:
    secret = tmp_path / "feed.xml"
    secret.write_text(RSS091)
    # Given a path or URL, feedparser alone would open or download it; we must not.
    for location in (str(secret), secret.as_uri(), "http://127.0.0.1:9/feed.xml"):
        with pytest.raises(FeedError, match="not a feed: does not look like XML"):
            parse_feed(location)
        with pytest.raises(FeedError, match="not a feed: does not look like XML"):
            parse_feed(location.encode())


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty document"),
        ("\ufeff \n", "empty document"),
        (b"<html><body>Hello</body></html>", "not a feed: looks like an HTML page"),
        (b'{"version": "https://jsonfeed.org/version/1"}', "not a feed: looks like JSON"),
        (b"<config><a>1</a></config>", "not a feed: no RSS or Atom root element"),
        (b"<rss><channel><title>x</rss", "malformed XML: "),
    ],
)
def test_unusable_documents(data: bytes | str, message: str) -> None:
    with pytest.raises(FeedError, match=f"^{message}"):
        parse_feed(data)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300)))
def test_arbitrary_input_gives_a_feed_or_a_feed_error(data: bytes | str) -> None:
    try:
        feed = parse_feed(data)
    except FeedError as exc:
        assert str(exc)
    else:
        assert all(entry.guid for entry in feed.entries)
