"""`siaga adapt-reader`: a short second training stage on the windows Siaga itself reads for tune questions.

The reader learnt from FacQA (one news sentence per question) and IDK-MRC (Wikipedia paragraphs). At
answer time it reads something else: up to eight windows of retrieved news articles, each after its
title, and must score the one window holding the answer above the others. This stage shows it exactly
that, using only the dev set's ``tune`` split (never ``heldout``):

1. For every tune question, the windows the answerer reads are recorded (same retrieval, same
   selection, the same glossed question for English). A window is labelled with the gold answer where a
   gold form occurs in its citable part, no-answer where nothing of the answer occurs, and left out where
   only an ambiguous form occurs (a bare "19", a number that appears twice). Answerable questions none
   of whose windows holds a gold form are left out; unanswerable ones teach "no answer" everywhere.
   Multi-part and yes/no questions have no single span and are not used.
   Absent-answer windows (``negatives``): each answerable question is asked again with its gold
   articles taken out of what retrieval found, and the windows the answerer then reads (same topic,
   other regions, other elections: what an unanswerable question really meets) all learn "no answer"
   as one group. A group any of whose windows still states the answer is left out.
2. The reader continues from the committed weights on these windows (repeated ``dev_repeat`` times)
   mixed with a seeded replay sample of its original training data, so it does not forget it. A
   question's windows train under one softmax (``eval.train_reader.shared_loss``): the answer's span
   must outscore every span and every no-answer token of all its windows, which is what the answerer
   compares; an unanswerable question's windows all learn "no answer".
3. The answerer's calibration must not be fitted on questions the reader was trained on: tune is split
   into ``folds``; a reader is adapted on all but one fold and reads that fold; the grid search of
   ``eval/calibrate.py`` then sees only out-of-fold readings. The shipped reader is adapted on all of
   tune and uses that calibration.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from eval.calibrate import CachingReader, TuneSet, fit_grid
from eval.dataset import EvalItem
from eval.mrc import MRCExample
from rag.reader import Passage

SHORT_FORM = 3  # gold forms shorter than this ("19", "5") are too ambiguous to find by string match
AMBIGUOUS = "ambiguous"
DEV_SOURCE = "dev-tune"


@dataclass
class AdaptOptions:
    """Hyperparameters of the adaptation stage (recorded in the model card)."""

    epochs: float = 2.0
    learning_rate: float = 8e-5
    head_learning_rate: float = 2e-4
    warmup: float = 0.1
    dropout: float = 0.1
    dev_repeat: int = 4  # each recorded dev window appears this many times per epoch
    negatives: bool = True  # add absent-answer groups (gold articles removed); see the module docstring
    negative_repeat: int = 2  # each absent-answer group appears this many times per epoch
    replay: int = 1200  # original training questions mixed in (seeded sample)
    folds: int = 2
    seed: int = 13
    threads: int | None = None


class RecordingReader:
    """Passes reads through and keeps every (question, passages) pair: what the answerer really reads."""

    def __init__(self, reader: Any) -> None:
        self.reader = reader
        self.reads: list[tuple[str, list[Passage]]] = []

    def read(self, question: str, passages: Sequence[Passage], n_best: int = 1) -> Any:
        self.reads.append((question, list(passages)))
        return self.reader.read(question, passages, n_best)


def record_reads(tune: TuneSet, reader: Any) -> dict[str, list[tuple[str, list[Passage]]]]:
    """For each tune question: the reader inputs the answerer produces (every selected window is read)."""
    from rag.answerer import ReaderAnswerer, evidence_limits
    from rag.compose import Calibration

    limits = evidence_limits(tune.settings)
    out: dict[str, list[tuple[str, list[Passage]]]] = {}
    for item, standalone, info, candidates in tune.prepared:
        recorder = RecordingReader(reader)
        ReaderAnswerer(recorder, Calibration(threshold=float("-inf")), limits).answer(
            standalone, info, candidates)
        out[item.id] = recorder.reads
    return out


def without_gold_articles(item: EvalItem, candidates: Sequence[Any]) -> list[Any]:
    """Retrieved chunks minus those of the articles the question's gold answer comes from."""
    from eval.dataset import article_matches_gold

    return [c for c in candidates
            if not article_matches_gold(c.article.id, c.article.source_stem, item.source_ids)]


def record_absent_reads(tune: TuneSet, reader: Any) -> dict[str, list[tuple[str, list[Passage]]]]:
    """For each answerable single-span tune question: what the answerer reads once its gold articles are gone."""
    from rag.answerer import ReaderAnswerer, evidence_limits
    from rag.compose import Calibration

    limits = evidence_limits(tune.settings)
    out: dict[str, list[tuple[str, list[Passage]]]] = {}
    for item, standalone, info, candidates in tune.prepared:
        if not item.answerable or item.type in ("multi_doc", "yes_no"):
            continue
        rest = without_gold_articles(item, candidates)
        if not rest:
            continue
        recorder = RecordingReader(reader)
        ReaderAnswerer(recorder, Calibration(threshold=float("-inf")), limits).answer(
            standalone, info, rest)
        out[item.id] = recorder.reads
    return out


def gold_forms(item: EvalItem) -> list[str]:
    """The answer and its aliases, longest first (a longer form wins where both occur)."""
    forms = {f.strip() for f in [item.answer, *item.answer_aliases] if f.strip()}
    return sorted(forms, key=lambda f: (-len(f), f))


_BARE_NUMBER_RE = re.compile(r"[\d.,]+")  # found by value below, where a second mention makes it ambiguous


def _occurrence(text: str, form: str) -> re.Match[str] | None:
    return re.search(rf"(?<![\w.,]){re.escape(form)}(?![\w]|[.,]\d)", text, re.I)


def label_passage(passage: Passage, item: EvalItem) -> tuple[str, int] | str | None:
    """The gold answer's (text, offset) in the passage's citable part; None where nothing of the answer
    occurs; ``AMBIGUOUS`` where only a short form or a number stated more than once occurs."""
    from siaga.numbers import find_numbers, find_word_numbers, same_number

    lo = passage.allowed_start
    hi = passage.allowed_end if passage.allowed_end is not None else len(passage.text)
    allowed = passage.text[lo:hi]
    short_found = False
    for form in gold_forms(item):
        m = _occurrence(allowed, form)
        if m is None:
            continue
        if len(form) >= SHORT_FORM and not _BARE_NUMBER_RE.fullmatch(form):
            return allowed[m.start() : m.end()], lo + m.start()
        short_found = True
    if item.numeric is not None:
        mentions = [(n.start, n.end) for n in find_numbers(allowed) if same_number(n.value, item.numeric)]
        mentions += [(w.start, w.end) for w in find_word_numbers(allowed) if same_number(w.value, item.numeric)]
        if len(mentions) == 1:
            a, b = mentions[0]
            return allowed[a:b], lo + a
        if mentions:
            return AMBIGUOUS
    return AMBIGUOUS if short_found else None


def dev_examples(item: EvalItem, reads: list[tuple[str, list[Passage]]]) -> list[MRCExample]:
    """Training windows from one tune question's recorded reads (see the module docstring for the rules).

    Example ids are ``item|question number|window number``: the windows of one question form one group
    that trains under one softmax (``group_key``).
    """
    if item.type in ("multi_doc", "yes_no"):
        return []
    windows: dict[str, list[MRCExample]] = {}
    for question, passages in reads:
        group = windows.setdefault(question, [])
        for passage in passages:
            if any(ex.context == passage.text for ex in group):
                continue  # read twice (first articles, then the rest): one example
            label = None if not item.answerable else label_passage(passage, item)
            if label == AMBIGUOUS:
                continue
            answers = (label,) if isinstance(label, tuple) else ()
            number = len(windows) - 1
            group.append(MRCExample(f"{item.id}|{number}|{len(group)}", question, passage.text, answers, DEV_SOURCE))
    out: list[MRCExample] = []
    for group in windows.values():
        if item.answerable and not any(ex.answers for ex in group):
            continue  # the gold answer is worded otherwise: labelling its windows "no answer" would mislead
        out.extend(group)
    return out


ABSENT = "~absent"  # suffix of an absent-answer group's item id


def absent_examples(item: EvalItem, reads: list[tuple[str, list[Passage]]]) -> list[MRCExample]:
    """No-answer windows from ``record_absent_reads``: one group per question, ids ``item~absent|q|n``.

    A group is dropped whole when any window still holds a gold form or its number (the fact is also
    stated outside the gold articles), so no window that answers the question is taught "no answer".
    """
    if not item.answerable or item.type in ("multi_doc", "yes_no"):
        return []
    merged: dict[str, list[Passage]] = {}
    for question, passages in reads:  # a question read twice (first articles, then the rest) is one group
        merged.setdefault(question, []).extend(passages)
    out: list[MRCExample] = []
    for number, (question, passages) in enumerate(merged.items()):
        group: list[MRCExample] = []
        for passage in passages:
            if any(ex.context == passage.text for ex in group):
                continue
            if label_passage(passage, item) is not None:
                return []
            group.append(MRCExample(f"{item.id}{ABSENT}|{number}|{len(group)}", question, passage.text, (),
                                    DEV_SOURCE))
        out.extend(group)
    return out


def group_key(example: MRCExample) -> str:
    """The question a dev window belongs to (its windows train together); other examples stand alone."""
    return example.id.rsplit("|", 1)[0] if example.source == DEV_SOURCE else example.id


def split_folds(items: Sequence[EvalItem], folds: int, seed: int) -> list[list[EvalItem]]:
    """Tune questions dealt into ``folds`` seeded folds (a follow-up stays with nothing in particular:
    its standalone question is its own)."""
    order = sorted(items, key=lambda i: i.id)
    random.Random(seed).shuffle(order)
    return [order[k::folds] for k in range(folds)]


def replay_examples(mrc_dir: Path, count: int, seed: int) -> list[MRCExample]:
    """A seeded sample of the original training questions (same mix as ``siaga train-reader``)."""
    from eval.train_reader import TrainOptions, training_examples

    pool = training_examples(mrc_dir, TrainOptions(seed=seed))
    rng = random.Random(seed + 7)
    return rng.sample(pool, min(count, len(pool)))


def adapt_model(base_dir: Path, e5_dir: Path, tokenizer: Any, examples: Sequence[MRCExample],
                replay: Sequence[MRCExample], options: AdaptOptions,
                progress: Callable[[int, int, float], None] | None = None) -> Any:
    """The committed reader continued on ``examples`` (x ``dev_repeat``) + ``replay``."""
    from eval.train_reader import TrainOptions, featurize, frozen_states, seed_everything, train_top
    from rag.reader import load_reader_model

    seed_everything(options.seed)
    model = load_reader_model(base_dir, e5_dir)
    for layer in model.top:
        layer.dropout = layer.attention_dropout = options.dropout
    data = [*examples, *replay]
    features = featurize(data, tokenizer, model.config, 64, 1, answer_first=True)
    by_question: dict[str, list[int]] = {}
    alone: list[list[int]] = []
    for index, feature in enumerate(features):
        example = data[feature.example]
        if example.source == DEV_SOURCE:
            by_question.setdefault(group_key(example), []).append(index)
        else:
            alone.append([index])
    answered = [g for key, g in by_question.items() if ABSENT not in key]
    absent = [g for key, g in by_question.items() if ABSENT in key]
    groups = answered * options.dev_repeat + absent * options.negative_repeat + alone
    states = frozen_states(model, features, tokenizer.pad_token_id, 16)
    seed_everything(options.seed)
    train = TrainOptions(epochs=options.epochs, learning_rate=options.learning_rate,
                         head_learning_rate=options.head_learning_rate, warmup=options.warmup, seed=options.seed)
    train_top(model, features, states, train, progress, groups=groups)
    del states
    for layer in model.top:
        layer.dropout = layer.attention_dropout = 0.0
    model.eval()
    return model


def adapt_reader(base_dir: Path, out_dir: Path, dataset: Path, corpus: Path, mrc_dir: Path, settings: Any,
                 options: AdaptOptions, report: Callable[[str], None] = print,
                 progress_factory: Callable[[str, int], Callable[[int], None]] | None = None) -> dict[str, Any]:
    """The whole command: record tune reads, out-of-fold adaptation and calibration, final adaptation, scores,
    model folder (weights, config, card, calibration.json)."""
    import json

    import torch

    from eval.calibrate import tune_set
    from eval.train_reader import TrainOptions, calibrate, evaluate_reader, training_tokenizer, write_model_card
    from rag.answerer import CALIBRATION_FILE
    from rag.reader import CONFIG_FILE, Reader, as_stored, choose_precision, read_config, save_reader
    from siaga.cpu import describe_cpu
    from siaga.embedding import ensure_default_model
    from siaga.tokenizer import E5Tokenizer

    started = time.perf_counter()
    e5_dir = ensure_default_model(settings)
    tokenizer = training_tokenizer(e5_dir)
    reading_tokenizer = E5Tokenizer.load(e5_dir)
    base_config = json.loads((Path(base_dir) / CONFIG_FILE).read_text(encoding="utf-8"))
    base_training = base_config.get("training", {})
    base_training = base_training.get("base", base_training)  # adapting an adapted reader starts from its base record
    replay = replay_examples(mrc_dir, options.replay, options.seed)
    settings = settings.model_copy(update={"reader_dir": Path(base_dir)})

    def ticker(name: str) -> Callable[[int, int, float], None] | None:
        if progress_factory is None:
            return None
        holder: dict[str, Callable[[int], None]] = {}

        def tick(step: int, total: int, loss: float) -> None:
            if "tick" not in holder:
                holder["tick"] = progress_factory(name, total)
            holder["tick"](1)
        return tick

    with tune_set(dataset, corpus, settings, report) as tune:
        base_reader = tune.siaga.answerer.reader
        reads = record_reads(tune, base_reader)
        absent_reads = record_absent_reads(tune, base_reader) if options.negatives else {}
        items = [item for item, *_ in tune.prepared]
        examples = {item.id: dev_examples(item, reads[item.id]) for item in items}
        used = [i for i in items if examples[i.id]]
        windows = sum(len(v) for v in examples.values())
        positives = sum(1 for v in examples.values() for ex in v if ex.answers)
        report(f"{len(used)} of {len(items)} tune questions give {windows} windows ({positives} with the answer)")
        absent = {item.id: absent_examples(item, absent_reads.get(item.id, [])) for item in items}
        absent_windows = sum(len(v) for v in absent.values())
        absent_groups = sum(1 for v in absent.values() if v)
        report(f"{absent_groups} tune questions without their gold articles give {absent_windows} no-answer windows")
        for item in items:
            examples[item.id] = [*examples[item.id], *absent[item.id]]
        threads = options.threads or base_reader.choose_threads()  # measured unless SIAGA_READER_THREADS is set
        torch.set_num_threads(threads)
        report(f"torch threads: {threads}")
        precision = choose_precision(settings.reader_precision)
        folds = split_folds(items, options.folds, options.seed)
        fold_of = {item.id: k for k, fold in enumerate(folds) for item in fold}
        fold_readers = []
        for k, fold in enumerate(folds):
            held = {i.id for i in fold}
            train = [ex for iid, exs in examples.items() if iid not in held for ex in exs]
            model = adapt_model(base_dir, e5_dir, tokenizer, train, replay, options, ticker(f"fold {k + 1}"))
            fold_readers.append(CachingReader(Reader(model, reading_tokenizer, precision=precision, threads=threads)))
            report(f"fold {k + 1}/{len(folds)} adapted on {len(train)} windows")
        record = fit_grid(tune, lambda item: fold_readers[fold_of[item.id]], dataset)
        record["out_of_fold"] = {"folds": len(folds), "seed": options.seed}
        base_record = json.loads((Path(base_dir) / CALIBRATION_FILE).read_text(encoding="utf-8"))
        report(f"tune accuracy out of fold {record['tune_accuracy']:.3f} "
               f"(base reader {base_record['tune_accuracy']:.3f})")
        fold_readers.clear()  # free their memory before the final run
        everything = [ex for exs in examples.values() for ex in exs]
    final = as_stored(adapt_model(base_dir, e5_dir, tokenizer, everything, replay, options, ticker("final")))
    train_options = TrainOptions(seed=options.seed)
    threshold, valid = calibrate(final, tokenizer, mrc_dir, train_options)
    final.config = replace(read_config(base_dir), no_answer_threshold=threshold, calibration={"valid": valid})
    test = evaluate_reader(final, tokenizer, mrc_dir, threshold, train_options)
    sample = evaluate_reader(final, tokenizer, mrc_dir, threshold, train_options, sample=train_options.eval_sample)
    minutes = round((time.perf_counter() - started) / 60, 1)
    adaptation = {
        "options": asdict(options),
        "tune_questions": len(items),
        "questions_used": len(used),
        "windows": windows,
        "answer_windows": positives,
        "absent_answer_groups": absent_groups,
        "absent_answer_windows": absent_windows,
        "replay": len(replay),
        "minutes": minutes,
        "cpu": describe_cpu(),
        "threads": threads,
        "tune_out_of_fold": {"accuracy": record["tune_accuracy"], "tune": record["tune"]},
        "tune_base_reader": {"accuracy": base_record["tune_accuracy"], "tune": base_record["tune"]},
    }
    training = {**base_training, "valid": valid, "test": test,
                "test_sample": {"size": train_options.eval_sample, **sample},
                "config": {**base_training.get("config", {}), "no_answer_threshold": threshold},
                "base": base_training, "adaptation": adaptation}
    save_reader(final, out_dir, extra_config={"training": training})
    (Path(out_dir) / CALIBRATION_FILE).write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    write_model_card(out_dir, training)
    return training
