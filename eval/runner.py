"""`siaga eval`: index a corpus in a temporary directory, answer every question, score, report.

The answers go through ``Siaga.answer``, the same code path as the chat. By default only the locked
``heldout`` split is scored (tuning reads ``tune``; see ``eval/splits.py``). In the same run and over
the same retrieval, other answerers are scored side by side (a retrieval-only baseline: the first
sentence of the top passage; the reader itself when an LLM backend is configured), and with ``mrc``
the reader alone on the public FacQA and IDK-MRC test sets. Retrieval baselines: BM25-only,
dense-only and stock llama-index (``VectorStoreIndex`` with its default 1024-token splitter and top-k 2).
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eval.dataset import EvalItem, load_dataset
from eval.metrics import (
    QuestionResult,
    baseline_metrics,
    score_item,
    summarize,
    threshold_tradeoff,
    tradeoff_records,
)
from eval.report import write_report
from eval.splits import select
from rag.pipeline import Siaga
from rag.retrieval import RetrievalMode
from siaga.settings import Settings
from siaga.types import Article

RETRIEVAL_DEPTH = 10
STOCK_TOP_K = 2  # llama-index's default similarity_top_k
COMPARED_ANSWERERS = ("retrieval-only",)
# The reader as first measured when the reader was planned (issue 11): the figures to beat.
MRC_REFERENCE = {"facqa": {"f1": 80.7, "em": 65.3}, "idk_mrc": {"f1": 73.8, "no_answer_accuracy": 85.3}}


@dataclass
class EvalRun:
    summary: dict[str, Any]
    report_dir: Path
    headline: str
    results: list[QuestionResult]


def isolated_settings(settings: Settings, root: Path) -> Settings:
    """The user's settings (model, chunking, threshold, LLM) with storage in a throwaway folder."""
    data = settings.model_dump(exclude={"data_dir", "index_dir", "chroma_url", "collection"})
    return Settings(**data, data_dir=root / "data", index_dir=None, chroma_url=None, collection="siaga-eval")


class StockLlamaIndexBaseline:
    """Out-of-the-box llama-index: default SentenceSplitter (1024 tokens), VectorStoreIndex, top-k 2."""

    def __init__(self, articles: list[Article], embedder: Any):
        from llama_index.core import Document, VectorStoreIndex

        documents = [Document(text=a.text, doc_id=a.id, metadata={"article_id": a.id}) for a in articles]
        index = VectorStoreIndex.from_documents(documents, embed_model=embedder)
        self.retriever = index.as_retriever(similarity_top_k=STOCK_TOP_K)

    def article_ids(self, question: str) -> list[str]:
        return [n.node.metadata["article_id"] for n in self.retriever.retrieve(question)]


def answerer_named(name: str, siaga: Siaga) -> Any:
    """An answerer to compare with the configured one, over the same retrieval."""
    from eval.baselines import RetrievalOnlyAnswerer
    from rag.answerer import load_answerer

    if name == "retrieval-only":
        return RetrievalOnlyAnswerer()
    if name == "reader":
        return load_answerer(siaga.settings)
    raise ValueError(f"unknown answerer {name!r} (reader, retrieval-only)")


def side_by_side(results: Sequence[QuestionResult]) -> dict[str, Any]:
    """The few figures that compare answerers: accuracy overall, per language, two-article, refusals."""
    summary = summarize(results)
    overall, by_lang, by_type = summary["overall"], summary["by_lang"], summary["by_type"]
    return {
        "n": overall["n"],
        "accuracy": overall["accuracy"],
        "en": by_lang.get("en", {}).get("accuracy"),
        "id": by_lang.get("id", {}).get("accuracy"),
        "multi_doc": by_type.get("multi_doc", {}).get("accuracy"),
        "false_refusal_rate": overall["false_refusal_rate"],
        "refusal_accuracy": overall["refusal_accuracy"],
        "verified": overall["verified"],
        "latency_p50": overall["latency_p50"],
    }


def reader_on_public_sets(siaga: Siaga, data_dir: Path) -> dict[str, Any]:
    """The deployed reader alone on FacQA test and IDK-MRC test (EM, F1, no-answer accuracy), and the whole
    answerer over the same passages (``eval.in_context``: what the layer around the reader keeps of it)."""
    from eval.in_context import answerer_in_context, public_examples
    from eval.train_reader import TrainOptions, evaluate_reader, training_tokenizer
    from siaga.embedding import ensure_default_model

    reader = siaga.answerer.reader
    tokenizer = training_tokenizer(ensure_default_model(siaga.settings))
    scores = evaluate_reader(reader.model, tokenizer, data_dir, reader.no_answer_threshold, TrainOptions())
    in_context, _ = answerer_in_context(siaga.answerer, public_examples(data_dir, "test"))
    return {"precision": str(reader.precision), "scores": scores, "reference": MRC_REFERENCE,
            "answerer_in_context": in_context}


def history_of(item: EvalItem) -> list[dict] | None:
    if not item.history:
        return None
    return [{"role": t.role, "content": t.content} for t in item.history]


def _headline(summary: dict[str, Any]) -> str:
    o = summary["overall"]
    langs = summary["by_lang"]

    def pct(v: float | None) -> str:
        return "n/a" if v is None else f"{100 * v:.1f}%"

    return (
        f"accuracy {pct(o['accuracy'])} (en {pct(langs.get('en', {}).get('accuracy'))}, "
        f"id {pct(langs.get('id', {}).get('accuracy'))}) · refusal {pct(o['refusal_accuracy'])} · "
        f"false refusals {pct(o['false_refusal_rate'])} · answered-precision {pct(o['answered_precision'])} · "
        f"coverage {pct(o['coverage'])} · hit@5 {pct(o['hit@5'])} · p50 {o['latency_p50']} s"
    )


def run_eval(
    dataset: Path | str,
    corpus: Path | str,
    out_dir: Path | str,
    settings: Settings | None = None,
    limit: int | None = None,
    progress: bool = False,
    embedder: Any | None = None,
    split: str | None = "heldout",
    compare: Sequence[str] = (),
    mrc_dir: Path | None = None,
) -> EvalRun:
    """Run the whole suite; returns the summary and where the report was written.

    ``split``: heldout (default), tune or all (the split file applies to the dev set's ids only; other
    datasets are scored whole). ``compare``: other answerers scored over the same retrieval.
    ``mrc_dir``: also score the reader alone on the public MRC test sets there.
    """
    from ingest.pipeline import ingest_paths

    items = load_dataset(dataset)
    split_items = select(items, split) if split not in (None, "all") else items
    items = split_items or items  # a dataset without the dev set's ids is scored whole
    if limit:
        items = items[:limit]
    settings = settings or Settings()
    results: list[QuestionResult] = []
    compared: dict[str, list[QuestionResult]] = {name: [] for name in compare}
    public: dict[str, Any] | None = None
    with tempfile.TemporaryDirectory(prefix="siaga-eval-") as tmp:
        eval_settings = isolated_settings(settings, Path(tmp))
        siaga = Siaga(eval_settings, embedder=embedder)
        summary_ingest = ingest_paths([str(corpus)], eval_settings, embedder=siaga.embedder)
        articles = {a.id: a for a in siaga.store.iter_articles()}
        stock = StockLlamaIndexBaseline(list(articles.values()), siaga.embedder)
        siaga.warm_up()
        others = {name: answerer_named(name, siaga) for name in compare}
        iterator: Any = items
        if progress:
            from tqdm import tqdm

            iterator = tqdm(items, desc="eval", unit="q", file=sys.stderr)
        for item in iterator:
            started = time.perf_counter()
            answer = siaga.answer(item.question, history=history_of(item))
            seconds = time.perf_counter() - started
            standalone = answer.standalone_question or item.question
            ranked = {
                mode.value: [r.article.id for r in siaga.retrieve(standalone, top_k=RETRIEVAL_DEPTH, mode=mode)]
                for mode in RetrievalMode
            }
            baselines = {
                "bm25-only": ranked["bm25"],
                "dense-only": ranked["dense"],
                "llama-index stock (top-2)": stock.article_ids(standalone),
            }
            results.append(
                score_item(item, answer, ranked["hybrid"], articles=articles, baseline_retrieved=baselines,
                           seconds=seconds)
            )
            for name, other in others.items():
                started = time.perf_counter()
                alt = siaga.answer(item.question, history=history_of(item), answerer=other)
                compared[name].append(score_item(item, alt, ranked["hybrid"], articles=articles,
                                                 seconds=time.perf_counter() - started))
        if mrc_dir is not None:
            public = reader_on_public_sets(siaga, Path(mrc_dir))
    summary = summarize(results)
    main_name = getattr(siaga.answerer, "name", "configured") if siaga.settings.llm.value == "none" else "llm"
    summary["answerers"] = {main_name: side_by_side(results)} | {n: side_by_side(r) for n, r in compared.items()}
    if public is not None:
        summary["mrc"] = public
    supports = sorted({r.support for r in results if r.support is not None})
    low, high = (supports[0], supports[-1]) if supports else (0.0, 1.0)
    used = siaga.answerer.calibration.threshold
    thresholds = sorted({round(low + (high - low) * i / 20, 4) for i in range(21)} | {round(used, 4)})
    tradeoff = threshold_tradeoff(tradeoff_records(results), thresholds)
    baselines_table = baseline_metrics(results)
    summary["run"] = {
        "dataset": str(dataset),
        "split": split or "all",
        "corpus": str(corpus),
        "questions": len(items),
        "articles_indexed": summary_ingest.new + summary_ingest.updated,
        "ingest_failed": [f.path for f in summary_ingest.failed],
        "refusal_threshold": used,
        "answerer": main_name,
        "embed_model": settings.embed_model,
        "llm": settings.llm.value,
        "finished": dt.datetime.now().isoformat(timespec="seconds"),
    }
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    report_dir = Path(out_dir) / stamp
    suffix = 1
    while report_dir.exists():
        suffix += 1
        report_dir = Path(out_dir) / f"{stamp}-{suffix}"
    write_report(report_dir, summary, results, tradeoff, baselines_table)
    summary = {**summary, "baselines": baselines_table, "tradeoff": tradeoff}
    return EvalRun(summary=summary, report_dir=report_dir, headline=_headline(summary), results=results)
