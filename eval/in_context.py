"""The whole answerer on public reading-comprehension passages: questions nobody on this project wrote.

Each FacQA / IDK-MRC question is answered by the deployed answerer (question analysis, evidence windows,
reader, type checks, refusal cut, wording) with its own passage as the only retrieved article. Retrieval
is left out on purpose: it already generalises; what this measures is whether the layer around the reader
keeps the answers the reader alone finds (``eval.mrc`` scores the reader alone on the same passages).

Scoring follows SQuAD 2.0 (``eval.mrc.score_predictions``): a refusal is the empty prediction, so the
overall F1 counts a refused unanswerable as right and a refused answerable as 0. The ``valid`` splits are
for decisions, ``test`` only reports (docs/experiments/2026-12-02-answerer-in-public-context.md).

English questions over Indonesian articles are a quarter of Siaga's use and absent from the public sets,
so a sample of their questions was translated into English (``data/eval/mrc_english.jsonl``, provenance in
``data/eval/MRC_ENGLISH.md``): ``english_examples`` asks those over the same Indonesian passages.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from eval.mrc import SETS, SPLITS, MRCDataError, MRCExample, f1_score, load_split, score_predictions
from rag.question import analyze_question
from siaga.regions import cased_place_names
from siaga.text import restore_case
from siaga.types import Answer, Article, Chunk, QuestionInfo, RetrievedChunk


@dataclass(frozen=True)
class InContextOutcome:
    """What the answerer did with one public question (``span`` empty when it refused)."""

    id: str
    source: str
    question: str
    golds: tuple[str, ...]
    refused: bool
    span: str
    answer: str
    answer_type: str
    language: str
    support: float | None
    f1: float


def as_retrieved(example: MRCExample) -> list[RetrievedChunk]:
    """The example's passage as a one-chunk article, the way retrieval would hand it to the answerer."""
    article = Article(id=f"mrc-{example.id}", title="", text=example.context)
    chunk = Chunk(id=f"{article.id}::0", article_id=article.id, index=0, text=example.context, start=0,
                  end=len(example.context))
    return [RetrievedChunk(chunk=chunk, article=article, score=1.0, rank=1)]


def answered_span(answer: Answer) -> str:
    """The span the answer states: the reader's chosen span, else the answer's text; '' for a refusal."""
    if answer.refused:
        return ""
    best = (answer.debug or {}).get("best") or {}
    return str(best.get("span") or answer.text)


def info_in_context(example: MRCExample) -> QuestionInfo:
    """The question analysed as ``rag.pipeline`` analyses it after retrieval: the gazetteer's place names typed in
    lower case written as it writes them (``siaga.regions.cased_place_names``), and lower-case words its passage
    writes only cased read cased (``siaga.text.restore_case``)."""
    return analyze_question(restore_case(cased_place_names(example.question), [example.context]))


def answer_over_passage(answerer: Any, example: MRCExample, info: QuestionInfo | None = None,
                        retrieved: list[RetrievedChunk] | None = None) -> Answer:
    """The answerer's answer to ``example`` over its own passage (``info`` / ``retrieved`` when prepared)."""
    return answerer.answer(example.question, info or info_in_context(example), retrieved or as_retrieved(example))


def answer_in_context(answerer: Any, example: MRCExample) -> InContextOutcome:
    info = info_in_context(example)
    answer = answer_over_passage(answerer, example, info)
    span = answered_span(answer)
    golds = tuple(text for text, _ in example.answers)
    return InContextOutcome(
        id=example.id, source=example.source, question=example.question, golds=golds, refused=answer.refused,
        span=span, answer=answer.text, answer_type=info.answer_type.value, language=info.language,
        support=(answer.debug or {}).get("support"),
        f1=f1_score(span, golds) if golds else float(answer.refused),
    )


def summarize_in_context(examples: Sequence[MRCExample], outcomes: Sequence[InContextOutcome]) -> dict[str, Any]:
    """Per set and together: SQuAD 2.0 overall F1/EM, answerable F1, refusals on each side (percent)."""
    out: dict[str, Any] = {}
    groups = {name: [i for i, ex in enumerate(examples) if ex.source == name] for name in SETS}
    groups["all"] = list(range(len(examples)))
    for name, index in groups.items():
        if not index:
            continue
        scores = score_predictions([examples[i] for i in index], [outcomes[i].span for i in index])
        out[name] = {
            "n": scores.n, "overall_f1": round(scores.f1, 2), "overall_em": round(scores.em, 2),
            "answerable": scores.answerable,
            "answerable_f1": None if scores.has_answer_f1 is None else round(scores.has_answer_f1, 2),
            "answerable_refused": None if scores.false_no_answer is None else round(scores.false_no_answer, 2),
            "unanswerable": scores.unanswerable,
            "unanswerable_refused": None if scores.no_answer_accuracy is None else round(
                scores.no_answer_accuracy, 2),
        }
    return out


def public_examples(data_dir: Path, split: str = "test", every: int = 1) -> list[MRCExample]:
    """Every ``every``-th question of both public sets' ``split``, FacQA first."""
    return [ex for name in SETS for ex in load_split(Path(data_dir), name, split)[::max(every, 1)]]


ENGLISH_QUESTIONS = Path(__file__).resolve().parents[1] / "data" / "eval" / "mrc_english.jsonl"


def english_questions(path: Path = ENGLISH_QUESTIONS) -> dict[tuple[str, str], str]:
    """(split, public question id) -> its English translation, read from a JSONL file of
    ``{"id", "split", "set", "question"}`` lines; a malformed line fails naming the file and line."""
    if not path.is_file():
        raise MRCDataError(f"{path}: English questions file not found")
    out: dict[tuple[str, str], str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            key, question = (str(row["split"]), str(row["id"])), str(row["question"]).strip()
        except (ValueError, KeyError, TypeError) as exc:
            raise MRCDataError(f"{path}:{number}: not a JSON object with id, split and question ({exc})") from None
        if key[0] not in SPLITS or not question:
            raise MRCDataError(f"{path}:{number}: split must be one of {', '.join(SPLITS)} and question non-empty")
        if key in out:
            raise MRCDataError(f"{path}:{number}: {key[1]} ({key[0]}) is translated twice")
        out[key] = question
    return out


def english_examples(data_dir: Path, split: str = "valid", path: Path = ENGLISH_QUESTIONS, *,
                     every: int = 1) -> list[MRCExample]:
    """The translated questions of ``split`` asked in English over their own Indonesian passages (golds
    unchanged: the answer is still a span of the passage), in the order of ``public_examples``; with
    ``every``, every ``every``-th of each set."""
    wanted = {qid: question for (s, qid), question in english_questions(path).items() if s == split}
    if not wanted:
        raise MRCDataError(f"{path}: no English questions for the {split} split")
    out = [replace(ex, question=wanted[ex.id]) for ex in public_examples(data_dir, split) if ex.id in wanted]
    missing = sorted(set(wanted) - {ex.id for ex in out})
    if missing:
        raise MRCDataError(f"{path}: {len(missing)} id(s) not in the public {split} split under {data_dir}, "
                           f"e.g. {missing[0]}")
    return [ex for name in SETS for ex in [e for e in out if e.source == name][::max(every, 1)]]


def answerer_in_context(answerer: Any, examples: Sequence[MRCExample],
                        on_step: Callable[[int], None] | None = None) -> tuple[dict[str, Any], list[dict]]:
    """Answer each example over its own passage; the summary and one row per question."""
    outcomes: list[InContextOutcome] = []
    for example in examples:
        outcomes.append(answer_in_context(answerer, example))
        if on_step is not None:
            on_step(1)
    return summarize_in_context(examples, outcomes), [asdict(o) for o in outcomes]
