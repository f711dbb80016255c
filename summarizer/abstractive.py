"""Abstractive summary with any seq2seq checkpoint (hub id or local path) via transformers.

transformers 5 has no summarization pipeline: AutoTokenizer + AutoModelForSeq2SeqLM +
generate(). The model loads once, lazily; if it cannot be loaded (no network, no
weights) the caller falls back to the extractive summary with a clear message.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Sequence
from typing import Any

from summarizer.sentences import sentence_texts
from summarizer.types import Document, Summary

logger = logging.getLogger(__name__)

DEFAULT_MODEL = "sshleifer/distilbart-cnn-12-6"


class ModelUnavailable(RuntimeError):
    pass


class AbstractiveSummarizer:
    name = "abstractive"

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        max_input_tokens: int = 600,
        max_new_tokens: int = 80,
        num_beams: int = 1,
        threads: int | None = None,
        show_progress: bool = True,
    ) -> None:
        self.model_id = model
        self._max_input_tokens = max_input_tokens
        self._max_new_tokens = max_new_tokens
        self._num_beams = num_beams
        self._threads = threads
        self._show_progress = show_progress
        self._lock = threading.Lock()
        self._model: Any = None
        self._tokenizer: Any = None
        self._error: str | None = None
        self.load_seconds: float | None = None

    def load(self) -> None:
        """Loads the weights once; raises ModelUnavailable (remembered) on failure."""
        with self._lock:
            if self._model is not None:
                return
            if self._error is not None:
                raise ModelUnavailable(self._error)
            import torch
            from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

            if self._threads:
                torch.set_num_threads(self._threads)
            if self._show_progress:
                print(
                    f"newsbrief: loading summarization model {self.model_id} ...", file=sys.stderr
                )
            started = time.perf_counter()
            try:
                tokenizer = AutoTokenizer.from_pretrained(self.model_id)
                model = AutoModelForSeq2SeqLM.from_pretrained(self.model_id)
            except Exception as exc:  # any failure to load means: use the fallback
                self._error = (
                    f"cannot load summarization model {self.model_id!r}: "
                    f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
                )
                raise ModelUnavailable(self._error) from exc
            model.eval()
            self.load_seconds = time.perf_counter() - started
            self._tokenizer, self._model = tokenizer, model

    def summarize(
        self, documents: Sequence[Document], figure_sentences: Sequence[str] = ()
    ) -> Summary:
        return self.summarize_many([documents])[0]

    def summarize_many(self, stories: Sequence[Sequence[Document]]) -> list[Summary]:
        """Batched generation, one summary per story."""
        import torch

        self.load()
        inputs = [" ".join(d.text for d in docs) for docs in stories]
        with torch.inference_mode():
            tokens = self._tokenizer(
                inputs,
                truncation=True,
                max_length=self._max_input_tokens,
                padding=True,
                return_tensors="pt",
            )
            output = self._model.generate(
                **tokens,
                max_new_tokens=self._max_new_tokens,
                num_beams=self._num_beams,
                do_sample=False,
            )
        texts = self._tokenizer.batch_decode(output, skip_special_tokens=True)
        results = []
        for text in texts:
            clean = " ".join(str(text).split())
            results.append(Summary(clean, tuple(sentence_texts(clean)), self.name))
        return results
