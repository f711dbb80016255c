"""analysis = "worker": the poller never loads the model; `newsbrief summarize` does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

POLL_WITHOUT_MODEL = """
import asyncio, json, sys
from bot.bootstrap import bootstrap
from bot.settings import load_settings

async def main():
    app = bootstrap(load_settings())
    async with app.fetcher() as fetcher:
        report = await app.ingestor(fetcher).poll(app.settings.sources, force=True)
    print(json.dumps({
        "new": report.new_articles,
        "pending": len(app.stories.stories_needing_summary()),
        "torch_loaded": "torch" in sys.modules,
    }))

asyncio.run(main())
"""


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'worker.db'}",
        "NEWSBRIEF_SOURCES": "demo:",
        "NEWSBRIEF_ANALYSIS": "worker",
        "HF_HUB_OFFLINE": "1",
    }


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=180, cwd=REPO, env=env)


def test_poller_stays_model_free_and_the_worker_summarizes(tmp_path: Path) -> None:
    env = _env(tmp_path)
    polled = _run([sys.executable, "-c", POLL_WITHOUT_MODEL], env)
    assert polled.returncode == 0, polled.stderr
    result = json.loads(polled.stdout)
    assert result["new"] == 7 and result["pending"] >= 4
    assert result["torch_loaded"] is False

    worked = _run([sys.executable, "-m", "bot", "summarize"], env)
    assert worked.returncode == 0, worked.stderr
    assert f"Summarized {result['pending']} story(ies)." in worked.stdout
    again = _run([sys.executable, "-m", "bot", "summarize"], env)
    assert "Summarized 0 story(ies)." in again.stdout  # nothing changed since

    brief = _run(
        [sys.executable, "-m", "bot", "brief", "sudan", "--no-poll", "--format", "json"], env
    )
    items = json.loads(brief.stdout)["items"]
    assert items and all(item["summary"] for item in items)
