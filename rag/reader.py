"""The trained reader: multilingual-e5-small with a span head and a no-answer score (SQuAD 2.0 style).

The lower ``frozen_layers`` encoder layers are e5's own, untouched (so they can be shared with the
embedder); the upper layers and a ``Linear(384, 2)`` head were fine-tuned on public Indonesian
reading-comprehension data (FacQA, IDK-MRC; see ``data/models/reader/README.md``). For a question
and a passage the head gives every token a start and an end logit; the first token (``<s>``) stands
for "no answer". A span's score is ``start + end`` and its margin over the no-answer score is what
the answerer compares across passages and against the calibrated threshold.

The encoder layers are e5's, written out in ``siaga/encoder.py``; at answer time the embeddings and
frozen layers are the query encoder's own modules (loaded once, used by both).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import torch
from torch import nn

from siaga.embedding import precision as autocast_if
from siaga.encoder import E5Encoder, Embeddings, EncoderLayer, e5_tensors, load_hf_layer
from siaga.settings import ReaderPrecision as Precision
from siaga.tokenizer import E5Tokenizer, PairBatch

READER_FORMAT = "siaga-reader-1"
WEIGHTS_FILE = "model.safetensors"
CONFIG_FILE = "config.json"
DEFAULT_READER_DIR = Path(__file__).resolve().parent.parent / "data" / "models" / "reader"


MAX_WEIGHTS_BYTES = 25_000_000  # the model folder's weights stay this small (committed to git)


class WeightStorage(StrEnum):
    """How ``model.safetensors`` stores the trained layers' matrices (vectors are always fp16, the head fp32)."""

    FP16 = "fp16"
    INT8 = "int8"  # per-row symmetric int8 with an fp32 scale per row: half of fp16, for more trained layers


SCALE_SUFFIX = ".row_scale"  # beside an int8 matrix in model.safetensors: its rows' scales


@dataclass(frozen=True)
class ReaderConfig:
    """Shape of the reader and how its inputs are cut; stored in the model folder's config.json."""

    hidden: int = 384
    heads: int = 12
    ff: int = 1536
    layers: int = 12
    frozen_layers: int = 6
    max_tokens: int = 192
    max_question_tokens: int = 64
    max_answer_tokens: int = 24
    layer_norm_eps: float = 1e-12
    no_answer_threshold: float = 0.0
    calibration: dict[str, Any] = field(default_factory=dict)
    weight_storage: WeightStorage = WeightStorage.FP16
    # sub-folders, each a reader with these frozen layers: read over one shared bottom, logits averaged
    members: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "weight_storage", WeightStorage(self.weight_storage))  # JSON gives a str
        object.__setattr__(self, "members", tuple(self.members))  # JSON gives a list

    @property
    def trained_layers(self) -> int:
        return self.layers - self.frozen_layers


def fp16_weight_bytes(model: ReaderModel) -> int:
    """What FP16 storage of ``model``'s trained part writes (the head stays fp32), header aside."""
    return sum(t.numel() * (t.element_size() if name.startswith("qa.") else 2)
               for name, t in model.trained_state().items())


def storage_for(model: ReaderModel, budget: int = MAX_WEIGHTS_BYTES) -> WeightStorage:
    """FP16 while the trained layers fit ``budget`` in fp16 (layers 6-11 do), INT8 beyond (layers 2-11)."""
    header = 100_000  # the safetensors header's JSON, generously
    return WeightStorage.FP16 if fp16_weight_bytes(model) + header <= budget else WeightStorage.INT8


def quantize_rows(weight: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """A matrix as int8 per row and each row's fp32 scale (symmetric: row max maps to 127)."""
    scale = (weight.detach().float().abs().amax(dim=1) / 127).clamp_min(1e-12)
    return torch.round(weight.detach().float() / scale[:, None]).clamp(-127, 127).to(torch.int8), scale


def dequantize_rows(quantized: torch.Tensor, scale: torch.Tensor) -> torch.Tensor:
    """The fp32 matrix an int8 one and its row scales stand for."""
    return quantized.float() * scale.float()[:, None]


def as_stored(model: ReaderModel) -> ReaderModel:
    """``model`` with its trained matrices rounded as INT8 storage rounds them (no-op for FP16): training
    calibrates and scores the weights the folder will hold, not their unrounded originals."""
    if model.config.weight_storage is WeightStorage.INT8:
        with torch.no_grad():
            for p in model.top.parameters():
                if p.dim() == 2:
                    p.copy_(dequantize_rows(*quantize_rows(p)))
    return model


class ReaderModel(nn.Module):
    """Embeddings and frozen bottom layers (e5), trained top layers and the span head."""

    def __init__(self, config: ReaderConfig, embeddings: Embeddings, bottom: list[EncoderLayer],
                 top: list[EncoderLayer]) -> None:
        super().__init__()
        self.config = config
        self.embeddings = embeddings
        self.bottom = nn.ModuleList(bottom)
        self.top = nn.ModuleList(top)
        self.qa = nn.Linear(config.hidden, 2)
        self.embeddings.requires_grad_(False)
        self.bottom.requires_grad_(False)

    @staticmethod
    def keep_mask(attention_mask: torch.Tensor) -> torch.Tensor:
        return attention_mask.bool()[:, None, None, :]

    def bottom_states(self, ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """Output of the frozen part; training computes it once per example and keeps it."""
        keep = self.keep_mask(attention_mask)
        x = self.embeddings(ids)
        for layer in self.bottom:
            x = layer(x, keep)
        return x

    def head_logits(self, states: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Start and end logits from the frozen part's output; padding gets a large negative logit."""
        keep = self.keep_mask(attention_mask)
        x = states
        for layer in self.top:
            x = layer(x, keep)
        logits = self.qa(x).float()
        logits = logits.masked_fill(~attention_mask.bool()[:, :, None], -1e4)
        return logits[..., 0], logits[..., 1]

    def forward(self, ids: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        return self.head_logits(self.bottom_states(ids, attention_mask), attention_mask)

    def packed_forward(self, ids: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """``forward`` without computing padding: the real tokens of all rows in one matrix for the row-wise
        layers, attention per row over its own tokens (inference only)."""
        keep = attention_mask.bool()
        lengths = keep.sum(1).tolist()
        x = self.embeddings(ids)[keep]
        for layer in [*self.bottom, *self.top]:
            x = layer.packed(x, lengths)
        logits = self.qa(x).float()
        out = torch.full((*ids.shape, 2), -1e4, dtype=logits.dtype)
        out[keep] = logits
        return out[..., 0], out[..., 1]

    def trained_state(self) -> dict[str, torch.Tensor]:
        """The parameters fine-tuning changed: what the model folder stores."""
        state = {f"top.{k}": v for k, v in self.top.state_dict().items()}
        state.update({f"qa.{k}": v for k, v in self.qa.state_dict().items()})
        return state


class AveragedReaderModel(nn.Module):
    """Readers trained apart over the same frozen layers: the bottom runs once, each member's top layers and
    head read its output, and their start and end logits are averaged.

    Why: two runs of one recipe disagree on which of two figures of a kind wins and on how far a span clears
    "no answer"; their average has less of that run-to-run variance (docs/experiments/
    2026-12-02-two-reader-ensemble.md). Quacks like ``ReaderModel`` for reading (``config``, ``forward``).
    """

    def __init__(self, config: ReaderConfig, members: Sequence[ReaderModel]) -> None:
        super().__init__()
        if not members or any(m.config.frozen_layers != config.frozen_layers for m in members):
            raise ValueError(f"members must share the pair's {config.frozen_layers} frozen layers")
        self.config = config
        self.members = nn.ModuleList(members)
        self.embeddings = members[0].embeddings
        self.bottom = members[0].bottom

    def forward(self, ids: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        states = self.members[0].bottom_states(ids, attention_mask)
        logits = [member.head_logits(states, attention_mask) for member in self.members]
        return (torch.stack([s for s, _ in logits]).mean(0), torch.stack([e for _, e in logits]).mean(0))


def _new_layer(config: ReaderConfig, dropout: float = 0.0, attention_dropout: float | None = None) -> EncoderLayer:
    return EncoderLayer(config.hidden, config.heads, config.ff, config.layer_norm_eps, dropout, attention_dropout)


def build_reader_model(tensors: dict[str, torch.Tensor], word: nn.Module, config: ReaderConfig,
                       dropout: float = 0.0, attention_dropout: float | None = None) -> ReaderModel:
    """A reader whose every layer starts as e5's own (the starting point of training, and of loading)."""
    embeddings = Embeddings.from_tensors(tensors, word, config.layer_norm_eps)
    layers = []
    for i in range(config.layers):
        trained = i >= config.frozen_layers
        layer = _new_layer(config, dropout if trained else 0.0, attention_dropout if trained else 0.0)
        load_hf_layer(layer, tensors, i)
        layers.append(layer)
    model = ReaderModel(config, embeddings, layers[: config.frozen_layers], layers[config.frozen_layers :])
    nn.init.normal_(model.qa.weight, std=0.02)
    nn.init.zeros_(model.qa.bias)
    return model


def build_from_e5(e5_dir: Path, config: ReaderConfig, dropout: float = 0.0,
                  attention_dropout: float | None = None) -> ReaderModel:
    return build_reader_model(*e5_tensors(e5_dir), config, dropout, attention_dropout)


def save_reader(model: ReaderModel, folder: Path, extra_config: dict[str, Any] | None = None) -> None:
    """Write the trained part as safetensors (matrices as ``config.weight_storage`` says, vectors fp16, the
    head fp32) plus config.json."""
    from siaga.embedding import write_safetensors

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    state = {}
    int8 = model.config.weight_storage is WeightStorage.INT8
    for name, tensor in model.trained_state().items():
        t = tensor.detach().cpu().contiguous()
        if name.startswith("qa."):
            state[name] = t
        elif int8 and t.dim() == 2:
            state[name], state[name + SCALE_SUFFIX] = quantize_rows(t)
        else:
            state[name] = t.to(torch.float16)
    write_safetensors(state, folder / WEIGHTS_FILE, metadata={"format": READER_FORMAT})
    write_config(folder, model.config, extra_config)


def write_config(folder: Path, config: ReaderConfig, extra: dict[str, Any] | None = None) -> None:
    """config.json of a reader folder: its shape and threshold, the format tag, and any record beside them."""
    Path(folder).mkdir(parents=True, exist_ok=True)
    raw = asdict(config) | {"format": READER_FORMAT} | (extra or {})
    (Path(folder) / CONFIG_FILE).write_text(json.dumps(raw, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def stored_tensor(state: dict[str, torch.Tensor], name: str) -> torch.Tensor:
    """A stored tensor as fp32: int8 matrices times their row scales, fp16 ones widened."""
    tensor = state[name]
    if name + SCALE_SUFFIX in state:
        return dequantize_rows(tensor, state[name + SCALE_SUFFIX])
    return tensor.float()


def read_config(folder: Path) -> ReaderConfig:
    raw = json.loads((Path(folder) / CONFIG_FILE).read_text(encoding="utf-8"))
    if raw.get("format") != READER_FORMAT:
        raise ValueError(f"{folder}: not a Siaga reader folder (format {raw.get('format')!r})")
    known = ReaderConfig.__dataclass_fields__
    return ReaderConfig(**{k: v for k, v in raw.items() if k in known})


def load_reader_model(folder: Path, e5_dir: Path | None = None,
                      encoder: E5Encoder | None = None) -> ReaderModel | AveragedReaderModel:
    """The trained reader: e5's embeddings and bottom layers plus the stored top layers and head (or, for a
    folder naming ``members``, each member's, over one shared bottom).

    With ``encoder`` (the query encoder already in memory) its embeddings and bottom layers are the
    reader's own modules, shared, not copies; otherwise they are read from the converted e5 folder.
    """
    config = read_config(folder)
    if config.members:
        return joined_model(config, [Path(folder) / name for name in config.members], e5_dir, encoder)
    if encoder is not None:
        return _with_stored_top(folder, _over(config, encoder.embeddings, list(encoder.layers[: config.frozen_layers])))
    if e5_dir is None:
        raise ValueError("load_reader_model needs the e5 folder or the query encoder")
    return _with_stored_top(folder, build_from_e5(e5_dir, config))


def joined_model(config: ReaderConfig, folders: Sequence[Path], e5_dir: Path | None = None,
                 encoder: E5Encoder | None = None) -> AveragedReaderModel:
    """The member readers in ``folders`` over one bottom (the first member's, or the encoder's), averaged."""
    if any(read_config(folder).members for folder in folders):
        raise ValueError(f"{folders[0].parent}: a member of a reader pair cannot itself have members")
    first = load_reader_model(folders[0], e5_dir, encoder)
    rest = []
    for folder in folders[1:]:
        member = read_config(folder)
        if member.frozen_layers != first.config.frozen_layers:
            raise ValueError(f"{folder}: trained above {member.frozen_layers} frozen layers, the first member "
                             f"above {first.config.frozen_layers}; members must share their frozen layers")
        rest.append(_with_stored_top(folder, _over(member, first.embeddings, list(first.bottom))))
    return AveragedReaderModel(config, [first, *rest]).eval()


def _over(config: ReaderConfig, embeddings: Embeddings, bottom: list[EncoderLayer]) -> ReaderModel:
    """A reader on given embeddings and bottom layers, its top layers still to be loaded."""
    return ReaderModel(config, embeddings, bottom, [_new_layer(config) for _ in range(config.trained_layers)])


def _with_stored_top(folder: Path, model: ReaderModel) -> ReaderModel:
    """``model`` with the folder's stored top layers and head, ready to read."""
    from safetensors.torch import load_file

    state = load_file(str(Path(folder) / WEIGHTS_FILE))
    top_state = {k[len("top."):]: stored_tensor(state, k) for k in state
                 if k.startswith("top.") and not k.endswith(SCALE_SUFFIX)}
    qa = {k[len("qa."):]: v.float() for k, v in state.items() if k.startswith("qa.")}
    model.top.load_state_dict(top_state)
    model.qa.load_state_dict(qa)
    model.eval()
    return model


# --- inference -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Passage:
    """What the reader reads: ``text`` with the part answers may come from, ``text[allowed_start:allowed_end]``.

    A header (title, date) before the allowed part gives context ("Polda Bali", "Pilkada 2024") that
    the sentence itself may leave out, but an answer must come from a sentence that can be cited.
    """

    text: str
    allowed_start: int = 0
    allowed_end: int | None = None


@dataclass(frozen=True)
class SpanScore:
    """The best span of one passage: character offsets into ``Passage.text`` and its scores."""

    passage: int
    start: int
    end: int
    text: str
    score: float
    null_score: float

    @property
    def margin(self) -> float:
        """How far the span beats "no answer": the number the threshold and the ranking use."""
        return self.score - self.null_score


def choose_precision(requested: Precision | str = Precision.AUTO) -> Precision:
    """AUTO: bf16 autocast where the CPU has native bf16, else fp32 (emulated bf16 is slower than fp32)."""
    from siaga.cpu import has_native_bf16

    requested = Precision(requested)
    if requested is not Precision.AUTO:
        return requested
    return Precision.BF16 if has_native_bf16() else Precision.FP32


@contextmanager
def _autocast(bf16: bool) -> Iterator[None]:
    """Inference under the project's one bf16-autocast switch (``siaga.embedding.precision``)."""
    with torch.inference_mode(), autocast_if(bf16):
        yield


RECHECK_AFTER_READS = 8


class Reader:
    """Reads a question against passages in batches and returns each passage's best spans."""

    def __init__(self, model: ReaderModel | AveragedReaderModel, tokenizer: E5Tokenizer, *,
                 precision: Precision = Precision.FP32, batch_size: int = 16, threads: int | None = 1) -> None:
        # None: 1 and 2 timed by choose_threads (at warm-up), in fp32 only; under bf16 the count changes the
        # logits, so a timed count would make answers depend on the machine's load, and 1 is kept
        self.measure_threads = threads is None and precision is not Precision.BF16
        self.threads = threads or 1
        # a count timed at start-up, while the app's indexes and models still load, can be a transient's: it is
        # timed once more after this many reads (a bench's warm-up once chose 1 thread on an idle machine)
        self.reads_before_recheck: int | None = RECHECK_AFTER_READS if self.measure_threads else None
        self.precision = precision
        self.model = model
        self.tokenizer = tokenizer
        self.config = model.config
        self.bf16 = precision is Precision.BF16
        self.batch_size = batch_size

    @classmethod
    def load(cls, folder: Path, e5_dir: Path, *, precision: Precision | str = Precision.AUTO,
             embedder: Any | None = None, threads: int | None = 1) -> Reader:
        """The committed reader. With ``embedder`` (``siaga.embedding.SiagaEmbedding`` on e5) its query
        encoder's embeddings, bottom layers and tokenizer are reused instead of read again."""
        encoder = getattr(embedder, "e5_encoder", None)
        if encoder is not None:
            model = load_reader_model(folder, encoder=encoder)
            tokenizer = encoder.tokenizer
        else:
            model = load_reader_model(folder, e5_dir)
            tokenizer = E5Tokenizer.load(e5_dir)
        return cls(model, tokenizer, precision=choose_precision(precision), threads=threads)

    def choose_threads(self) -> int:
        """Time a read of three full windows with 1 and 2 threads (three times each, in turn) and keep the
        faster, when no count was given: which wins depends on what else this machine is running (under a
        second, at warm-up). Only in fp32, whose logits are the same for any thread count (see ``__init__``).
        """
        if not self.measure_threads:
            return self.threads
        from siaga.cpu import fastest_threads
        from siaga.embedding import torch_threads

        window = "Polresta Tangerang menurunkan 1.048 personel untuk menjaga 5.431 TPS pada Pemilu 2024. " * 4
        passages = [Passage("Judul berita pengamanan Pemilu. " + window[:360], allowed_start=32)] * 3
        question = "Berapa personel yang diterjunkan untuk pengamanan TPS di Tangerang?"

        def step() -> None:
            enc = self.encode(question, [p.text for p in passages])
            with _autocast(self.bf16):
                self._forward(enc.input_ids, enc.attention_mask)

        with torch_threads(1):  # restored afterwards: only the reader's own calls use the winner
            self.threads = fastest_threads(step)
        self.measure_threads = False
        return self.threads

    @property
    def no_answer_threshold(self) -> float:
        return self.config.no_answer_threshold

    def encode(self, question: str, passages: Sequence[str]) -> PairBatch:
        """Question and passage pairs, truncated to the model's window (question first, then passage)."""
        q_ids = self.tokenizer.ids(question)[: self.config.max_question_tokens]
        q_text = self.tokenizer.decode(q_ids) if len(q_ids) == self.config.max_question_tokens else question
        return self.tokenizer.pairs([q_text] * len(passages), list(passages), self.config.max_tokens)

    def logits(self, question: str, passages: Sequence[str]) -> tuple[PairBatch, torch.Tensor, torch.Tensor]:
        from siaga.embedding import torch_threads

        if self.reads_before_recheck is not None:
            self.reads_before_recheck -= 1
            if self.reads_before_recheck <= 0:
                self.reads_before_recheck, self.measure_threads = None, True
                self.choose_threads()
        enc = self.encode(question, passages)
        with torch_threads(self.threads), _autocast(self.bf16):
            start, end = self._forward(enc.input_ids, enc.attention_mask)
        return enc, start.float(), end.float()

    def _forward(self, ids: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """The model's start and end logits, without computing padding where the model can (``packed_forward``)."""
        packed = getattr(self.model, "packed_forward", None)
        if packed is None or self.model.training:
            return self.model(ids, attention_mask)
        return packed(ids, attention_mask)

    def read(self, question: str, passages: Sequence[Passage], n_best: int = 1) -> list[list[SpanScore]]:
        """The ``n_best`` spans of each passage (same order as ``passages``), best first.

        Passages are batched by length so padding stays small; one model call per batch.
        """
        order = sorted(range(len(passages)), key=lambda i: len(passages[i].text))
        results: dict[int, list[SpanScore]] = {}
        for lo in range(0, len(order), self.batch_size):
            idx = order[lo : lo + self.batch_size]
            enc, start, end = self.logits(question, [passages[i].text for i in idx])
            for row, i in enumerate(idx):
                results[i] = self._spans(i, passages[i], enc, row, start[row], end[row], n_best)
        return [results[i] for i in range(len(passages))]

    def _spans(self, index: int, passage: Passage, enc: PairBatch, row: int, start: torch.Tensor, end: torch.Tensor,
               n_best: int) -> list[SpanScore]:
        limit = passage.allowed_end if passage.allowed_end is not None else len(passage.text)
        seq = enc.sequence_ids[row]
        offsets = enc.offsets[row]
        usable = [
            t for t, s in enumerate(seq)
            if s == 1 and offsets[t][1] > offsets[t][0] and offsets[t][0] >= passage.allowed_start
            and offsets[t][1] <= limit
        ]
        null = float(start[0] + end[0])
        if not usable:
            return [SpanScore(index, 0, 0, "", -1e4, null)]
        return top_spans(index, passage.text, usable, offsets, start, end, null, self.config.max_answer_tokens,
                         n_best)


def top_spans(index: int, text: str, usable: list[int], offsets: Sequence[Sequence[int]], start: torch.Tensor,
              end: torch.Tensor, null: float, max_answer_tokens: int, n: int) -> list[SpanScore]:
    """The ``n`` best non-overlapping spans by ``start[i] + end[j]`` (i <= j, at most ``max_answer_tokens``)."""
    positions = torch.tensor(usable)
    pair = start[positions][:, None] + end[positions][None, :]
    gap = positions[None, :] - positions[:, None]
    pair = pair.masked_fill((gap < 0) | (gap >= max_answer_tokens), float("-inf"))
    out: list[SpanScore] = []
    taken: list[tuple[int, int]] = []
    for flat in torch.argsort(pair.flatten(), descending=True).tolist():
        i, j = divmod(flat, len(usable))
        score = float(pair[i, j])
        if score == float("-inf"):
            break
        if any(not (j < a or i > b) for a, b in taken):
            continue
        a, b = word_bounds(text, offsets[usable[i]][0], offsets[usable[j]][1])
        out.append(SpanScore(index, a, b, text[a:b], score, null))
        taken.append((i, j))
        if len(out) >= n:
            break
    return out


def word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """A token span widened to whole words: sub-word tokens must not cut "Muhammad" to "Mu"."""
    while start < end and text[start].isspace():
        start += 1
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and end > 0 and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return start, end


def best_span(index: int, text: str, usable: list[int], offsets: Sequence[Sequence[int]], start: torch.Tensor,
              end: torch.Tensor, null: float, max_answer_tokens: int) -> SpanScore:
    """The highest-scoring span (see ``top_spans``)."""
    return top_spans(index, text, usable, offsets, start, end, null, max_answer_tokens, 1)[0]
