"""Where the sources come from: NEWSBRIEF_SOURCES / --sources as a URL, a file or demo:."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import SettingsError, load_settings


def test_a_feed_url_given_as_the_sources_is_kept_whole(tmp_path: Path) -> None:
    env = {
        "NEWSBRIEF_CONFIG_DIR": str(tmp_path),
        "NEWSBRIEF_SOURCES": "http://127.0.0.1:9/feed.xml",
    }
    settings = load_settings(env)
    assert [s.url for s in settings.sources] == ["http://127.0.0.1:9/feed.xml"]
    assert settings.sources_file is None


def test_the_sources_option_overrides_the_environment(tmp_path: Path) -> None:
    env = {"NEWSBRIEF_CONFIG_DIR": str(tmp_path), "NEWSBRIEF_SOURCES": "demo:"}
    settings = load_settings(env, sources_override="https://127.0.0.1:8443/atom")
    assert [s.url for s in settings.sources] == ["https://127.0.0.1:8443/atom"]


def test_a_sources_file_is_read_and_remembered(tmp_path: Path) -> None:
    listing = tmp_path / "mine.toml"
    listing.write_text('[[sources]]\nname = "local"\nurl = "http://127.0.0.1:8000/rss"\n')
    settings = load_settings({"NEWSBRIEF_CONFIG_DIR": str(tmp_path)}, str(listing))
    assert [(s.name, s.url) for s in settings.sources] == [("local", "http://127.0.0.1:8000/rss")]
    assert settings.sources_file == listing


def test_a_missing_sources_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="sources file not found"):
        load_settings({"NEWSBRIEF_CONFIG_DIR": str(tmp_path)}, str(tmp_path / "nope.toml"))
