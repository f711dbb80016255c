"""Summary backends: extractive ranking, the faithfulness guard, abstractive fallback."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer import guard
from summarizer.abstractive import AbstractiveSummarizer, ModelUnavailable
from summarizer.analysis import Analyzer
from summarizer.extractive import ExtractiveSummarizer, lead_summary
from summarizer.types import Document

ARTICLE = (
    "At least 18 civilians were killed and dozens wounded when shells struck a displacement "
    "camp near El Fasher, local activists said on Monday.\n"
    "The Rapid Support Forces, which have besieged the city for months, did not comment.\n"
    "The weather in the region was hot and dry, with temperatures above 40 degrees.\n"
    "According to the International Organization for Migration, more than 400,000 people have "
    "fled El Fasher since the fighting began.\n"
    "Aid agencies said the shelling of the camp was the deadliest this month.\n"
)


def test_guard_accepts_supported_and_rejects_invented_facts() -> None:
    source = (
        "At least 25 people were killed in Idlib, rescuers said. President Assad vowed to fight."
    )
    assert guard.check("At least 25 people were killed in Idlib.", source).faithful
    assert guard.check("Assad vowed to fight.", source).faithful
    bad = guard.check("At least 41 people were killed in Homs, Putin said.", source)
    assert not bad.faithful
    assert {"41", "Homs", "Putin"} <= set(bad.unsupported)
    words = guard.check("Twelve people died in Idlib.", source)
    assert not words.faithful and "Twelve" in words.unsupported


def test_extractive_picks_central_readable_sentences(encoder) -> None:  # type: ignore[no-untyped-def]
    summarizer = ExtractiveSummarizer(encoder, max_sentences=2)
    summary = summarizer.summarize([Document(ARTICLE)])
    assert len(summary.sentences) == 2
    assert all(s in ARTICLE for s in summary.sentences)
    assert summary.sentences[0].startswith("At least 18 civilians")
    assert not any("weather" in s for s in summary.sentences)
    assert guard.check(summary.text, ARTICLE).faithful


def test_extractive_summarizes_the_story_not_just_its_first_article(encoder) -> None:  # type: ignore[no-untyped-def]
    first = Document("Shells hit a market in El Fasher on Monday, killing at least 18 people.")
    second = Document(
        "More than 400,000 people have fled El Fasher, the UN migration agency said on Tuesday, "
        "as shelling of the city's camps continued.\nThe agency called for safe passage."
    )
    summary = ExtractiveSummarizer(encoder, max_sentences=3).summarize([first, second])
    assert any(s in second.text for s in summary.sentences)


def test_lead_baseline() -> None:
    assert lead_summary(Document(ARTICLE), 1).text.startswith("At least 18 civilians")


def test_unavailable_model_falls_back_with_a_clear_message(encoder) -> None:  # type: ignore[no-untyped-def]
    missing = AbstractiveSummarizer("/nonexistent/model-folder", show_progress=False)
    with pytest.raises(ModelUnavailable, match="cannot load summarization model"):
        missing.load()
    analyzer = Analyzer(backend="abstractive", encoder=encoder, abstractive=missing)
    summary = analyzer.summarize_story([Document(ARTICLE)])
    assert summary.backend == "extractive" and summary.fell_back
    assert any("unavailable" in note for note in summary.notes)
    assert analyzer.guard_stats.unavailable == 1


def _tiny_bart(folder: Path) -> Path:
    """A random-weight BART with a tokenizer trained here: real loading code, no download."""
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from transformers import BartConfig, BartForConditionalGeneration, PreTrainedTokenizerFast

    tok = Tokenizer(models.WordLevel(unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    trainer = trainers.WordLevelTrainer(special_tokens=["<s>", "<pad>", "</s>", "<unk>"])
    # "Putin" and "999" are in the vocabulary but not in the article.
    tok.train_from_iterator([ARTICLE, "Putin 999"], trainer)
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok,
        bos_token="<s>",
        eos_token="</s>",
        pad_token="<pad>",
        unk_token="<unk>",
    )
    config = BartConfig(
        vocab_size=tok.get_vocab_size(),
        d_model=16,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=32,
        decoder_ffn_dim=32,
        max_position_embeddings=256,
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
        decoder_start_token_id=2,
        forced_bos_token_id=None,
    )
    model = BartForConditionalGeneration(config)
    # Make the random model say "Putin": an invented name the guard must catch.
    model.final_logits_bias[0, tok.token_to_id("Putin")] = 50.0
    model.save_pretrained(folder)
    fast.save_pretrained(folder)
    return folder


def test_tiny_seq2seq_loads_and_its_unfaithful_output_is_replaced(tmp_path: Path, encoder) -> None:  # type: ignore[no-untyped-def]
    folder = _tiny_bart(tmp_path / "tiny-bart")
    abstractive = AbstractiveSummarizer(str(folder), max_new_tokens=12, show_progress=False)
    raw = abstractive.summarize([Document(ARTICLE)])
    assert raw.backend == "abstractive" and abstractive.load_seconds is not None
    analyzer = Analyzer(backend="abstractive", encoder=encoder, abstractive=abstractive)
    summary = analyzer.summarize_story([Document(ARTICLE)])
    assert "Putin" in raw.text
    analyzer = Analyzer(backend="abstractive", encoder=encoder, abstractive=abstractive)
    summary = analyzer.summarize_story([Document(ARTICLE)])
    assert summary.backend == "extractive" and summary.fell_back
    assert analyzer.guard_stats.checked == 1 and analyzer.guard_stats.rejected == 1
    assert any("Putin" in word for word in analyzer.guard_stats.last_rejection)
    assert guard.check(summary.text, ARTICLE).faithful


def test_datelines_are_not_part_of_summary_sentences() -> None:
    from summarizer.extractive import strip_dateline

    assert (
        strip_dateline("IDLIB, Syria — The death toll rose to 34.") == "The death toll rose to 34."
    )
    assert strip_dateline("BEIRUT (Reuters) - Shelling hit the city.") == "Shelling hit the city."
    assert strip_dateline("At least 25 people were killed.") == "At least 25 people were killed."
