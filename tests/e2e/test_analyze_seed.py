"""The seed article through `newsbrief analyze --json` (the public contract)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.topics import topics_from_mapping
from bot.entrypoints.analyze import analyze_document
from bot.ingest.gazetteer import Gazetteer
from bot.ingest.tagging import Tagger

REPO = Path(__file__).resolve().parents[2]
KEYS = {"title", "summary", "figures", "quotes", "topics", "places"}
FIGURE_KEYS = {"value", "low", "high", "approx", "qualifier", "category", "source", "sentence"}


@pytest.fixture(scope="module")
def seed_result() -> dict:  # type: ignore[type-arg]
    seed = REPO.parent / "shared" / "samples" / "idlib_airstrikes_article.txt"
    if not seed.exists():
        pytest.skip("../shared is absent")
    done = subprocess.run(
        [sys.executable, "-m", "bot", "analyze", "--json", str(seed)],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=REPO,
        env={"HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    result: dict = json.loads(done.stdout)  # type: ignore[type-arg]
    result["_input"] = seed.read_text(encoding="utf-8")
    return result


def test_contract_keys(seed_result: dict) -> None:  # type: ignore[type-arg]
    assert set(seed_result) >= KEYS
    assert all(set(f) >= FIGURE_KEYS for f in seed_result["figures"])
    assert all({"speaker", "text", "sentence"} <= set(q) for q in seed_result["quotes"])


def test_summary_is_clean_and_from_the_article(seed_result: dict) -> None:  # type: ignore[type-arg]
    summary = seed_result["summary"]
    assert summary
    for debris in ("<", ">", "href", "**", "[[", "](", "Host:", "Alex Reed"):
        assert debris not in summary
    assert seed_result["title"] == (
        "Syrian Air Strikes Kill Dozens as Clashes Erupt in Rebel-Held Idlib"
    )
    assert "syria" in seed_result["topics"]
    assert {"Idlib", "Aleppo"} <= set(seed_result["places"])


def test_seed_figures_and_quote(seed_result: dict) -> None:  # type: ignore[type-arg]
    figures = seed_result["figures"]

    def has(category: str, **fields: object) -> bool:
        return any(
            f["category"] == category and all(f.get(k) == v for k, v in fields.items())
            for f in figures
        )

    assert has("killed", value=25, qualifier="at least")
    assert has("killed", value=7, qualifier="at least", source="rescuers")
    assert has("injured", value=None, approx=True)
    assert any(f["category"] == "soldiers_killed" and f["low"] and f["low"] >= 12 for f in figures)
    assert has("population", value=4_000_000)
    assert not any(f["value"] == 2015 for f in figures)
    assad = [q for q in seed_result["quotes"] if q["speaker"] == "Assad"]
    assert assad and assad[0]["text"].startswith("We’re not talking about negotiations or deals")
    for quote in seed_result["quotes"]:
        assert quote["text"] in seed_result["_input"]
        assert quote["speaker"] not in ("Host", "Alex Reed")


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    import tomllib

    data = tomllib.loads((REPO / "config" / "topics.toml").read_text(encoding="utf-8"))
    return Tagger(topics_from_mapping(data), Gazetteer())


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=600))
def test_analyze_never_crashes_nor_invents_quotes(analyzer, tagger: Tagger, text: str) -> None:  # type: ignore[no-untyped-def]
    result = analyze_document(text, analyzer, tagger)
    assert isinstance(result["summary"], str)
    for quote in result["quotes"]:
        assert quote["text"] in text or quote["text"] in " ".join(text.split())
