"""multilingual-e5-small written out on plain torch layers: shared by the query encoder and the reader.

The embedder that ingests passages is sentence-transformers (through llama-index). Importing and
building that stack takes about ten seconds, which a cold start should not spend before its first
answer: a question needs one forward pass of the same weights. ``E5Encoder`` is that pass (mean
pooling, L2 normalisation, as the sentence-transformers folder's modules say) on the layers below,
whose bottom part the reader reuses as its frozen layers, so the weights sit in memory once.

The layers are written out here (about forty lines) instead of borrowed from transformers, whose
internal layer API changes between releases; the weights load from the converted e5 folder.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

from siaga.tokenizer import E5Tokenizer


class EncoderLayer(nn.Module):
    """One BERT encoder layer (post-LayerNorm, GELU), parameter names as in the converted e5 folder."""

    def __init__(self, hidden: int, heads: int, ff: int, eps: float, dropout: float = 0.0,
                 attention_dropout: float | None = None) -> None:
        super().__init__()
        self.heads = heads
        self.query = nn.Linear(hidden, hidden)
        self.key = nn.Linear(hidden, hidden)
        self.value = nn.Linear(hidden, hidden)
        self.attn_out = nn.Linear(hidden, hidden)
        self.attn_norm = nn.LayerNorm(hidden, eps=eps)
        self.ff_in = nn.Linear(hidden, ff)
        self.ff_out = nn.Linear(ff, hidden)
        self.out_norm = nn.LayerNorm(hidden, eps=eps)
        self.dropout = dropout
        # dropout on the attention probabilities (None: as ``dropout``); its random mask over
        # (heads x tokens x tokens) is about a seventh of a CPU training step, so training may turn it off
        self.attention_dropout = dropout if attention_dropout is None else attention_dropout

    def forward(self, x: torch.Tensor, keep: torch.Tensor) -> torch.Tensor:
        """``x``: (batch, tokens, hidden); ``keep``: (batch, 1, 1, tokens) True where a key is real."""
        b, n, h = x.shape
        d = h // self.heads

        def heads(t: torch.Tensor) -> torch.Tensor:
            return t.view(b, n, self.heads, d).transpose(1, 2)

        p = self.dropout if self.training else 0.0
        a = F.scaled_dot_product_attention(heads(self.query(x)), heads(self.key(x)), heads(self.value(x)),
                                           attn_mask=keep, dropout_p=self.attention_dropout if self.training else 0.0)
        a = a.transpose(1, 2).reshape(b, n, h)
        x = self.attn_norm(x + F.dropout(self.attn_out(a), p, self.training))
        y = self.ff_out(F.gelu(self.ff_in(x)))
        return self.out_norm(x + F.dropout(y, p, self.training))

    def packed(self, x: torch.Tensor, lengths: list[int]) -> torch.Tensor:
        """``forward`` at inference on ``x`` (tokens, hidden): the rows' real tokens one after another, each row
        ``lengths[i]`` long; attention stays within a row."""
        h = x.shape[1]
        d = h // self.heads
        q, k, v = self.query(x), self.key(x), self.value(x)
        parts = []
        at = 0
        for n in lengths:
            def heads(m: torch.Tensor, a: int = at, n: int = n) -> torch.Tensor:
                return m[a : a + n].view(1, n, self.heads, d).transpose(1, 2)

            parts.append(F.scaled_dot_product_attention(heads(q), heads(k), heads(v)).transpose(1, 2).reshape(n, h))
            at += n
        x = self.attn_norm(x + self.attn_out(torch.cat(parts)))
        return self.out_norm(x + self.ff_out(F.gelu(self.ff_in(x))))


# converted-e5 (Hugging Face BertModel) names -> EncoderLayer names
_HF_LAYER_NAMES = {
    "attention.self.query": "query",
    "attention.self.key": "key",
    "attention.self.value": "value",
    "attention.output.dense": "attn_out",
    "attention.output.LayerNorm": "attn_norm",
    "intermediate.dense": "ff_in",
    "output.dense": "ff_out",
    "output.LayerNorm": "out_norm",
}


class Embeddings(nn.Module):
    """Word + position + token-type embeddings and their LayerNorm (BERT style, positions from 0)."""

    def __init__(self, word: nn.Module, positions: torch.Tensor, token_type: torch.Tensor,
                 norm_weight: torch.Tensor, norm_bias: torch.Tensor, eps: float) -> None:
        super().__init__()
        self.word = word
        self.register_buffer("positions", positions, persistent=False)
        self.register_buffer("token_type", token_type[0], persistent=False)
        self.norm = nn.LayerNorm(positions.shape[1], eps=eps)
        with torch.no_grad():
            self.norm.weight.copy_(norm_weight)
            self.norm.bias.copy_(norm_bias)
        self.norm.requires_grad_(False)

    @classmethod
    def from_tensors(cls, tensors: dict[str, torch.Tensor], word: nn.Module, eps: float) -> Embeddings:
        """From a converted e5 (Hugging Face BertModel) state, as ``e5_tensors`` returns it."""
        return cls(word, tensors["embeddings.position_embeddings.weight"],
                   tensors["embeddings.token_type_embeddings.weight"], tensors["embeddings.LayerNorm.weight"],
                   tensors["embeddings.LayerNorm.bias"], eps)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        x = self.word(ids) + self.positions[: ids.shape[1]] + self.token_type
        return self.norm(x)


def load_hf_layer(layer: EncoderLayer, tensors: dict[str, torch.Tensor], index: int) -> None:
    """Copy layer ``index`` of a converted e5 (Hugging Face BertModel) state into ``layer``."""
    prefix = f"encoder.layer.{index}."
    state = {}
    for hf, ours in _HF_LAYER_NAMES.items():
        state[f"{ours}.weight"] = tensors[f"{prefix}{hf}.weight"]
        state[f"{ours}.bias"] = tensors[f"{prefix}{hf}.bias"]
    layer.load_state_dict(state)


def e5_tensors(e5_dir: Path) -> tuple[dict[str, torch.Tensor], nn.Module]:
    """The converted e5 folder's encoder tensors and its word table (the packed Q4 one when present:
    bit-identical values, 330 MB less memory)."""
    from safetensors import safe_open

    from siaga.embedding import WORD_TABLE_FILE, _q4_embedding_class

    e5_dir = Path(e5_dir)
    with safe_open(str(e5_dir / "model.safetensors"), framework="pt") as fh:
        names = [n for n in fh.keys() if not n.startswith(("pooler.", "embeddings.word_embeddings"))]  # noqa: SIM118
        tensors = {n: fh.get_tensor(n) for n in names}
        packed = e5_dir / WORD_TABLE_FILE
        if packed.exists():
            with safe_open(str(packed), framework="pt") as q4:
                word: nn.Module = _q4_embedding_class()(q4.get_tensor("scale"), q4.get_tensor("nibbles"))
        else:
            word = nn.Embedding.from_pretrained(fh.get_tensor("embeddings.word_embeddings.weight"), freeze=True)
    return tensors, word


class E5Encoder(nn.Module):
    """The e5 sentence encoder: embeddings, all encoder layers, mean pooling over real tokens, L2 norm."""

    def __init__(self, embeddings: Embeddings, layers: Sequence[EncoderLayer], tokenizer: E5Tokenizer,
                 max_tokens: int = 512) -> None:
        super().__init__()
        self.embeddings = embeddings
        self.layers = nn.ModuleList(layers)
        self.tokenizer = tokenizer
        self.max_tokens = max_tokens
        self.requires_grad_(False)
        self.eval()

    @classmethod
    def load(cls, e5_dir: Path, tokenizer: E5Tokenizer | None = None) -> E5Encoder:
        """From a converted e5 folder (``siaga.embedding.ensure_default_model``); its fast tokenizer is
        loaded unless given."""
        e5_dir = Path(e5_dir)
        config = json.loads((e5_dir / "config.json").read_text(encoding="utf-8"))
        st_config = e5_dir / "sentence_bert_config.json"
        max_tokens = json.loads(st_config.read_text(encoding="utf-8")).get("max_seq_length", 512) \
            if st_config.exists() else 512
        tensors, word = e5_tensors(e5_dir)
        eps = float(config.get("layer_norm_eps", 1e-12))
        embeddings = Embeddings.from_tensors(tensors, word, eps)
        layers = []
        for i in range(int(config["num_hidden_layers"])):
            layer = EncoderLayer(int(config["hidden_size"]), int(config["num_attention_heads"]),
                                 int(config["intermediate_size"]), eps)
            load_hf_layer(layer, tensors, i)
            layers.append(layer)
        if tokenizer is None:
            tokenizer = E5Tokenizer.load(e5_dir)
        return cls(embeddings, layers, tokenizer, max_tokens)

    @property
    def dimension(self) -> int:
        return int(self.embeddings.positions.shape[1])

    def forward(self, ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        keep = attention_mask.bool()[:, None, None, :]
        x = self.embeddings(ids)
        for layer in self.layers:
            x = layer(x, keep)
        mask = attention_mask[..., None].to(x.dtype)
        pooled = (x * mask).sum(1) / mask.sum(1).clamp(min=1)
        return F.normalize(pooled.float(), dim=-1)

    def embed(self, texts: Sequence[str], batch_size: int = 16) -> list[list[float]]:
        """Unit vectors for ``texts`` (prompts already prepended), in order."""
        out: list[list[float]] = []
        with torch.inference_mode():
            for i in range(0, len(texts), batch_size):
                enc = self.tokenizer.batch(texts[i : i + batch_size], self.max_tokens)
                out.extend(self(enc.input_ids, enc.attention_mask).tolist())
        return out
