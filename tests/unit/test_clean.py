from __future__ import annotations

from pathlib import Path

import pytest

from bot.ingest.clean import CleanedText, clean_body, clean_title, strip_markup

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "samples" / "idlib_airstrikes_article.txt"


@pytest.fixture
def seed() -> tuple[str, str]:
    if not SEED.exists():
        pytest.skip("shared/ samples not available")
    title, _, body = SEED.read_text(encoding="utf-8").partition("\n")
    return title, body


def test_seed_title_loses_broken_anchor(seed: tuple[str, str]) -> None:
    assert clean_title(seed[0]) == (
        "Syrian Air Strikes Kill Dozens as Clashes Erupt in Rebel-Held Idlib"
    )


def test_seed_body_ends_before_interview(seed: tuple[str, str]) -> None:
    cleaned = clean_body(seed[1])
    assert cleaned.body.endswith("a war that refuses to end.")
    assert cleaned.body.startswith("At least 25 people have been killed")
    for debris in ("<", "href", "**", "[[", "Interview", "Host:"):
        assert debris not in cleaned.body
    assert cleaned.appendix.startswith("Who is carrying out the air strikes on Idlib?")
    assert "Host: Joining us now is Alex Reed" in cleaned.appendix
    assert "[[" not in cleaned.appendix and "bbc.com" not in cleaned.appendix


def test_seed_keeps_curly_quotes_and_paragraphs(seed: tuple[str, str]) -> None:
    body = clean_body(seed[1]).body
    assert (
        "“We’re not talking about negotiations or deals; we’re talking about crushing them,”"
        in body
    )
    assert "Syria’s largest city" in body
    assert "\n\n" not in body
    assert body.count("\n") == 13  # 14 paragraphs, one per line


def test_whole_seed_file_as_body_keeps_title_line(seed: tuple[str, str]) -> None:
    cleaned = clean_body(seed[0] + "\n" + seed[1])
    assert cleaned.body.split("\n")[0] == clean_title(seed[0])
    assert cleaned.body.endswith("a war that refuses to end.")


def test_quotes_untouched_straight_and_curly() -> None:
    raw = "He said \"no\" and 'maybe', then “yes” and ‘fine’ — it’s done."
    assert clean_body(raw).body == raw
    assert clean_title(raw) == raw


def test_mojibake_fixed_but_quote_style_kept() -> None:
    assert clean_body("Syriaâ€™s army said").body == "Syria’s army said"


def test_html_entities_tags_and_blocks() -> None:
    raw = "<p>Shelling hit&nbsp;the town &amp; its market.</p><p>Seven   killed.<br>More later</p>"
    assert clean_body(raw).body == "Shelling hit the town & its market.\nSeven killed.\nMore later"


def test_script_and_escaped_tags_removed() -> None:
    raw = "<script>var x = 1;</script>Text &lt;b&gt;bold&lt;/b&gt; here"
    assert strip_markup(raw) == "Text bold here"


def test_citations_links_and_bold() -> None:
    raw = "The **army** said [[1](https://x.org/a)] it struck [targets](https://x.org/t) [2]."
    assert clean_body(raw).body == "The army said it struck targets."


def test_boilerplate_lines_dropped() -> None:
    raw = "\n".join(
        [
            "Fighting resumed near the border.",
            "Share this article",
            "Advertisement",
            "Subscribe to our newsletter",
            "Follow us on Twitter",
            "Read more: Why the truce failed",
            "Two soldiers were killed.",
        ]
    )
    cleaned = clean_body(raw)
    assert cleaned.body == "Fighting resumed near the border.\nTwo soldiers were killed."
    assert cleaned.appendix == ""


def test_related_block_goes_to_appendix() -> None:
    raw = "Clashes broke out in Goma.\nRelated articles\nM23 advances\nUN warns of crisis"
    cleaned = clean_body(raw)
    assert cleaned == CleanedText(
        body="Clashes broke out in Goma.",
        appendix="Related articles\nM23 advances\nUN warns of crisis",
    )


def test_single_bold_lead_in_is_not_a_transcript() -> None:
    raw = "**Background:** The war began in 2023.\nThe army and RSF fight on."
    assert clean_body(raw) == CleanedText(
        body="Background: The war began in 2023.\nThe army and RSF fight on.", appendix=""
    )


def test_empty_input() -> None:
    assert clean_body("") == CleanedText(body="", appendix="")
    assert clean_title("  \n ") == ""
