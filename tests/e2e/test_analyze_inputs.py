"""`newsbrief analyze` on HTML from stdin, legacy encodings and binary input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

PAGE = """<!doctype html><html><head><title>Sudan: shelling hits El Fasher camp | Wire</title>
</head><body><nav>Home | Africa</nav><article>
<h1>Shelling hits El Fasher camp</h1>
<p>At least 18 civilians were killed and dozens wounded when shells struck the Abu Shouk
camp near El Fasher, local activists said on Monday.</p>
<p>"People have nowhere left to run. The shells fall on the camp every night," said Fatima
Adam, a nurse at one of the last functioning clinics.</p>
<p>More than 400,000 people have fled El Fasher since the fighting began, according to the
International Organization for Migration.</p></article>
<footer>Share this article</footer></body></html>"""


def _analyze(data: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "bot", "analyze", *args],
        input=data,
        capture_output=True,
        timeout=180,
        cwd=REPO,
        env=env,
    )


def test_html_from_stdin() -> None:
    done = _analyze(PAGE.encode(), "-", "--json")
    assert done.returncode == 0, done.stderr.decode()
    result = json.loads(done.stdout)
    assert "Shelling hits El Fasher camp" in result["title"]
    assert "<" not in result["summary"] and "Share this article" not in result["summary"]
    assert any(f["category"] == "killed" and f["value"] == 18 for f in result["figures"])
    assert result["quotes"][0]["speaker"] == "Fatima Adam"
    assert result["topics"] == ["sudan"] and "El Fasher" in result["places"]


def test_legacy_encoding_is_decoded(tmp_path: Path) -> None:
    text = (
        "Aleppo shelling kills 12\n"
        "At least 12 people were killed in shelling of Aleppo’s eastern districts on Sunday, "
        "the civil defence said. Café owners said the market was crowded.\n"
    )
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode("cp1252"))
    done = _analyze(b"", str(path), "--json")
    assert done.returncode == 0, done.stderr.decode()
    result = json.loads(done.stdout)
    assert "Café" in result["summary"] or "Aleppo’s" in result["summary"]
    assert any(f["value"] == 12 for f in result["figures"])


def test_binary_input_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    done = _analyze(b"", str(path), "--json")
    assert done.returncode == 2
    assert b"binary" in done.stderr and b"Traceback" not in done.stderr
    missing = _analyze(b"", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2 and b"cannot read" in missing.stderr
