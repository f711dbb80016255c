"""The bundled demo feed, so a first run works without network."""

from __future__ import annotations

from importlib import resources


def demo_feed_bytes() -> bytes:
    return resources.files("bot.ingest").joinpath("demo/feed.xml").read_bytes()
