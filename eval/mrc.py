"""Public Indonesian reading-comprehension sets (FacQA, IDK-MRC): readers and SQuAD-style scoring.

They train the reader and measure it on questions nobody on this project wrote. ``train`` splits
train, ``valid`` splits choose settings and the no-answer threshold, ``test`` splits only report.
Where the files live: ``--data`` / ``SIAGA_MRC_DIR`` (default ``../shared/mrc``); they are never
copied into the repository.
"""

from __future__ import annotations

import ast
import csv
import json
import re
import string
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MRC_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "mrc"
SETS = ("facqa", "idk_mrc")
SPLITS = ("train", "valid", "test")

_NO_SPACE_BEFORE = set(",.;:!?)]}%'\"”’")
_NO_SPACE_AFTER = set("([{\"“‘")


class MRCDataError(ValueError):
    """A data file is missing or not in the expected shape (message names the file)."""


@dataclass(frozen=True)
class MRCExample:
    """One question over one context; ``answers`` empty means unanswerable."""

    id: str
    question: str
    context: str
    answers: tuple[tuple[str, int], ...] = ()
    source: str = ""

    @property
    def answerable(self) -> bool:
        return bool(self.answers)


def detokenize(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join FacQA's word tokens into text, keeping each token's character span."""
    text = ""
    spans: list[tuple[int, int]] = []
    for tok in tokens:
        glue = text and not (tok[:1] in _NO_SPACE_BEFORE or text[-1] in _NO_SPACE_AFTER)
        if glue:
            text += " "
        spans.append((len(text), len(text) + len(tok)))
        text += tok
    return text, spans


def read_facqa(path: Path) -> list[MRCExample]:
    """FacQA CSV: token lists for question and passage, BIO tags over the passage (first B-run = answer)."""
    out: list[MRCExample] = []
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise MRCDataError(f"{path}: cannot read: {exc.strerror or exc}") from None
    for number, row in enumerate(rows, start=2):
        try:
            q_tokens = ast.literal_eval(row["question"])
            p_tokens = ast.literal_eval(row["passage"])
            labels = ast.literal_eval(row["seq_label"])
        except (KeyError, ValueError, SyntaxError) as exc:
            raise MRCDataError(f"{path} line {number}: not a FacQA row ({exc})") from None
        question, _ = detokenize(q_tokens)
        context, spans = detokenize(p_tokens)
        begin = next((i for i, tag in enumerate(labels) if tag == "B"), None)
        answers: tuple[tuple[str, int], ...] = ()
        if begin is not None:
            last = begin
            while last + 1 < len(labels) and labels[last + 1] == "I":
                last += 1
            a, b = spans[begin][0], spans[last][1]
            answers = ((context[a:b], a),)
        out.append(MRCExample(f"facqa-{path.stem}-{number}", question, context, answers, "facqa"))
    return out


def read_idk_mrc(path: Path) -> list[MRCExample]:
    """IDK-MRC JSON (SQuAD 2.0 shape): ``[{context, qas: [{id, question, is_impossible, answers}]}]``."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise MRCDataError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise MRCDataError(f"{path}: not JSON ({exc})") from None
    out: list[MRCExample] = []
    for para in data:
        context = para["context"]
        for qa in para["qas"]:
            answers = () if qa.get("is_impossible") else tuple(
                (a["text"], _answer_start(context, a["text"], int(a["answer_start"]))) for a in qa.get("answers", [])
            )
            out.append(MRCExample(str(qa["id"]), qa["question"], context, answers, "idk_mrc"))
    return out


def _answer_start(context: str, text: str, start: int) -> int:
    """The recorded offset when it points at the text, else its first occurrence, else -1 (score only)."""
    if context[start : start + len(text)] == text:
        return start
    return context.find(text)


def load_split(data_dir: Path, name: str, split: str) -> list[MRCExample]:
    """One split of one set, e.g. ``load_split(dir, "idk_mrc", "valid")``."""
    if name not in SETS or split not in SPLITS:
        raise MRCDataError(f"unknown set/split {name}/{split} (sets {SETS}, splits {SPLITS})")
    folder = Path(data_dir) / name
    if name == "facqa":
        return read_facqa(folder / f"{split}.csv")
    return read_idk_mrc(folder / f"{split}.json")


def available(data_dir: Path) -> bool:
    return all((Path(data_dir) / name).is_dir() for name in SETS)


# --- scoring (SQuAD v2 conventions: lower case, no punctuation, whitespace-collapsed) -------------------

_PUNCT = set(string.punctuation) | set("“”‘’«»–—")


def normalize_answer(text: str) -> str:
    text = "".join(ch for ch in text.lower() if ch not in _PUNCT)
    return " ".join(text.split())


def exact_match(prediction: str, golds: Iterable[str]) -> float:
    golds = list(golds) or [""]
    return float(max(normalize_answer(prediction) == normalize_answer(g) for g in golds))


def f1_score(prediction: str, golds: Iterable[str]) -> float:
    golds = list(golds) or [""]
    best = 0.0
    pred = normalize_answer(prediction).split()
    for gold in golds:
        ref = normalize_answer(gold).split()
        if not pred or not ref:
            best = max(best, float(pred == ref))
            continue
        common = sum((Counter(pred) & Counter(ref)).values())
        if common:
            p, r = common / len(pred), common / len(ref)
            best = max(best, 2 * p * r / (p + r))
    return best


@dataclass
class MRCScores:
    """EM/F1 over all questions, plus how the no-answer decision went."""

    n: int = 0
    em: float = 0.0
    f1: float = 0.0
    answerable: int = 0
    unanswerable: int = 0
    no_answer_accuracy: float | None = None
    false_no_answer: float | None = None
    has_answer_f1: float | None = None
    details: list[dict] = field(default_factory=list, repr=False)

    def as_dict(self) -> dict:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in self.__dict__.items() if k != "details"}


def score_predictions(examples: Sequence[MRCExample], predictions: Sequence[str]) -> MRCScores:
    """Percentages (0-100) as the IndoNLU / SQuAD scripts print them; '' is the no-answer prediction."""
    s = MRCScores(n=len(examples))
    em = f1 = has_f1 = 0.0
    refused_unans = refused_ans = 0
    for ex, pred in zip(examples, predictions, strict=True):
        golds = [a for a, _ in ex.answers]
        e, f = exact_match(pred, golds), f1_score(pred, golds)
        em += e
        f1 += f
        if ex.answerable:
            s.answerable += 1
            has_f1 += f
            refused_ans += not pred
        else:
            s.unanswerable += 1
            refused_unans += not pred
        s.details.append({"id": ex.id, "prediction": pred, "gold": golds, "f1": f})
    n = max(len(examples), 1)
    s.em, s.f1 = 100 * em / n, 100 * f1 / n
    if s.answerable:
        s.has_answer_f1 = 100 * has_f1 / s.answerable
        s.false_no_answer = 100 * refused_ans / s.answerable
    if s.unanswerable:
        s.no_answer_accuracy = 100 * refused_unans / s.unanswerable
    return s


def choose_threshold(margins: Sequence[float], examples: Sequence[MRCExample],
                     spans: Sequence[str]) -> tuple[float, MRCScores]:
    """The no-answer threshold that maximises F1 over the examples (SQuAD v2's "best F1 threshold").

    Each example's score with its span and with "no answer" is computed once; a cut only picks which.
    """
    span_f1 = [f1_score(p, [a for a, _ in ex.answers]) for ex, p in zip(examples, spans, strict=True)]
    null_f1 = [0.0 if ex.answerable else 1.0 for ex in examples]
    cuts = sorted({round(m, 2) for m in margins} | {0.0})
    best_cut, best_value = 0.0, float("-inf")
    for cut in cuts:
        total = sum(sf if m >= cut else nf for m, sf, nf in zip(margins, span_f1, null_f1))
        if total > best_value:
            best_cut, best_value = cut, total
    preds = [span if margin >= best_cut else "" for margin, span in zip(margins, spans)]
    return best_cut, score_predictions(examples, preds)


_SPACE_RE = re.compile(r"\s+")


def clean_question(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()
