"""The e5 (XLM-R unigram) tokenizer read with the ``tokenizers`` library directly.

``transformers.AutoTokenizer`` wraps the same Rust tokenizer, but importing transformers and building
its wrapper cost about 3.5 s of a cold start (the first question waits for it); the query encoder and
the reader need only three things of it: plain ids, padded batches, and question + passage pairs with
character offsets. Training keeps ``AutoTokenizer`` (its overflow windows); tests hold the two to the
same ids and offsets.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch

TOKENIZER_FILE = "tokenizer.json"
PAD_TOKEN = "<pad>"


@dataclass(frozen=True)
class TokenBatch:
    """Padded ids of a batch: ``input_ids`` and ``attention_mask`` are (batch, tokens) int64 tensors."""

    input_ids: torch.Tensor
    attention_mask: torch.Tensor


@dataclass(frozen=True)
class PairBatch(TokenBatch):
    """A batch of (question, passage) pairs; per row, each token's character offsets in its own text
    and which text it came from (0 question, 1 passage, None a special or padding token)."""

    offsets: tuple[tuple[tuple[int, int], ...], ...]
    sequence_ids: tuple[tuple[int | None, ...], ...]


class E5Tokenizer:
    """Ids, batches and pairs from one ``tokenizers.Tokenizer``.

    The Rust tokenizer keeps truncation and padding as state, so every call sets both under a lock
    (two chat sessions may ask at the same moment).
    """

    def __init__(self, tokenizer: Any) -> None:
        self._tokenizer = tokenizer
        pad = tokenizer.token_to_id(PAD_TOKEN)
        if pad is None:
            raise ValueError(f"tokenizer has no {PAD_TOKEN} token")
        self.pad_token_id: int = int(pad)
        self._lock = threading.Lock()

    @classmethod
    def load(cls, folder: Path) -> E5Tokenizer:
        """From a converted e5 folder's ``tokenizer.json``."""
        from tokenizers import Tokenizer

        return cls(Tokenizer.from_file(str(Path(folder) / TOKENIZER_FILE)))

    def ids(self, text: str, add_special_tokens: bool = False) -> list[int]:
        """The ids of ``text``, untruncated (without ``<s>``/``</s>`` unless asked)."""
        with self._lock:
            self._tokenizer.no_truncation()
            self._tokenizer.no_padding()
            return list(self._tokenizer.encode(text, add_special_tokens=add_special_tokens).ids)

    def count(self, text: str) -> int:
        """Tokens the encoder sees for ``text``, its two special tokens included."""
        return len(self.ids(text, add_special_tokens=True))

    def decode(self, ids: Sequence[int]) -> str:
        return str(self._tokenizer.decode(list(ids)))

    def batch(self, texts: Sequence[str], max_length: int) -> TokenBatch:
        """``texts`` cut to ``max_length`` tokens and padded to the longest."""
        with self._lock:
            self._configure(max_length, "longest_first")
            encodings = self._tokenizer.encode_batch(list(texts))
        return TokenBatch(*_tensors(encodings))

    def pairs(self, first: Sequence[str], second: Sequence[str], max_length: int) -> PairBatch:
        """Pairs cut to ``max_length`` tokens by shortening only the second text, padded to the longest."""
        if len(first) != len(second):
            raise ValueError(f"{len(first)} first texts for {len(second)} second texts")
        with self._lock:
            self._configure(max_length, "only_second")
            encodings = self._tokenizer.encode_batch(list(zip(first, second, strict=True)))
        ids, mask = _tensors(encodings)
        return PairBatch(ids, mask, tuple(tuple(e.offsets) for e in encodings),
                         tuple(tuple(e.sequence_ids) for e in encodings))

    def _configure(self, max_length: int, strategy: str) -> None:
        self._tokenizer.enable_truncation(max_length, strategy=strategy)
        self._tokenizer.enable_padding(pad_id=self.pad_token_id, pad_token=PAD_TOKEN)


def _tensors(encodings: Sequence[Any]) -> tuple[torch.Tensor, torch.Tensor]:
    ids = torch.tensor([e.ids for e in encodings], dtype=torch.long)
    mask = torch.tensor([e.attention_mask for e in encodings], dtype=torch.long)
    return ids, mask
