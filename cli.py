"""Command line: `siaga ingest|list|delete|reindex|stats|doctor|ask|eval` (and plain `ingest`).

Errors are one line naming the file and the problem, never a traceback; the exit status is non-zero
when anything failed (1: a file or check failed; 2: another writer or another embedding model; 3: the
vector store is unreachable or the index folder cannot be written). Text that comes from articles
(titles, outlets, quotes, ids, file names) is printed as plain text: rich markup in it is not
interpreted and terminal control characters (ANSI/OSC escapes, bidi overrides) are shown escaped.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from siaga.errors import SiagaError, storage_error
from siaga.settings import DuplicatePolicy, ReaderPrecision, Settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Siaga: cited answers about Indonesian "
                  "election-security news.")
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def _settings() -> Settings:
    settings = Settings()
    settings.apply_runtime_env()
    return settings


# C0/C1 control characters (ESC starts ANSI and OSC sequences), DEL, and bidi marks/overrides/isolates.
_UNSAFE_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def safe_text(value: object, one_line: bool = False) -> str:
    """Untrusted text made inert for a terminal: control characters shown as ``\\x1b``/``\\u202e`` escapes."""
    text = "" if value is None else str(value)
    if one_line:
        text = " ".join(text.split("\n"))
    return _UNSAFE_RE.sub(_escape_char, text)


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _labelled(label: str, style: str, message: str) -> Text:
    """``label`` styled, then ``message`` as plain text (brackets in it are never read as markup)."""
    return Text.assemble((label, style), " ", safe_text(message))


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(_labelled("error:", "red", message), highlight=False)
    return typer.Exit(code)


@contextmanager
def _operational() -> Iterator[None]:
    """Environment faults (server down, disk full, read-only folder, another writer) end as one line."""
    try:
        yield
    except SiagaError as exc:
        raise _fail(str(exc), exc.exit_code) from None
    except (OSError, sqlite3.Error) as exc:
        mapped = storage_error(exc, _settings().resolved_index_dir, "use")
        if mapped is None:
            raise
        raise _fail(str(mapped), mapped.exit_code) from None


def _progress_printer(enabled: bool) -> Any:
    """A rich progress bar with articles/s and chunks/s, only on a terminal."""
    if not enabled:
        return None, None
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(
        TextColumn("[bold]embedding"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} articles"),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )
    task = bar.add_task("ingest", total=None, rate="")

    def update(p: Any) -> None:
        secs = max(p.elapsed, 1e-6)
        bar.update(task, total=p.articles_total, completed=p.articles_done,
                   rate=f"{p.articles_done / secs:.1f} articles/s, {p.chunks_done / secs:.1f} chunks/s")

    return bar, update


def _print_ingest_summary(summary: Any, as_json: bool) -> None:
    if as_json:
        print(json.dumps(summary.to_dict(), ensure_ascii=False))
        return
    for failure in summary.failed:
        line = failure.error if failure.error.startswith(failure.path) else f"{failure.path}: {failure.error}"
        err.print(_labelled("failed:", "red", safe_text(line, one_line=True)), highlight=False)
    verb = "would ingest" if summary.dry_run else "ingested"
    repaired = ""
    if summary.repaired or summary.orphans_removed:
        repaired = (f"; repaired {summary.repaired} articles whose vectors were missing or stale, removed "
                    f"{summary.orphans_removed} orphan vectors")
    out.print(
        f"{verb}: {summary.new} new, {summary.updated} updated, {summary.unchanged} unchanged, "
        f"{summary.duplicates} duplicates, {len(summary.failed)} failed; "
        f"{summary.chunks_embedded} chunks embedded in {summary.seconds:.1f} s{repaired}",
        highlight=False, markup=False,
    )


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or glob patterns.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Parse and report; write nothing.")] = False,
    on_duplicate: Annotated[DuplicatePolicy, typer.Option(help="Same text under another id/URL.")] = (
        DuplicatePolicy.SKIP
    ),
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON summary.")] = False,
) -> None:
    """Clean, chunk, embed and store articles; unchanged articles are skipped, crash damage is repaired."""
    from ingest.pipeline import ingest_paths

    settings = _settings()
    bar, update = _progress_printer(sys.stderr.isatty() and not as_json)
    with _operational():
        if bar:
            with bar:
                summary = ingest_paths(paths, settings, on_duplicate, dry_run, progress=update)
        else:
            summary = ingest_paths(paths, settings, on_duplicate, dry_run)
    _print_ingest_summary(summary, as_json)
    if summary.failed:
        raise typer.Exit(1)


def ingest_main() -> None:
    """Entry point of the plain `ingest` command users type."""
    typer.run(ingest)


@app.command("list")
def list_articles(
    search: Annotated[str | None, typer.Option(help="Only articles whose title/text contains this.")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Stored articles with date, outlet, region and chunk count."""
    from siaga.store import ArticleStore

    with _operational():
        rows = ArticleStore(_settings().sqlite_path).summaries(search)
    if as_json:
        print(json.dumps([r.__dict__ for r in rows], ensure_ascii=False, indent=1))
        return
    table = Table("id", "published", "outlet", "region", "chunks", "title")
    for r in rows:
        cells = (r.id, r.published, r.outlet, r.region, str(r.chunks), r.title)
        table.add_row(*(Text(safe_text(c, one_line=True)) for c in cells))
    out.print(table)


@app.command()
def delete(id_or_url: Annotated[str, typer.Argument(help="Article id, URL or source path.")]) -> None:
    """Remove one article, its chunks and vectors."""
    from ingest.pipeline import Ingestor

    with _operational():
        removed = Ingestor(_settings()).delete(id_or_url)
    if removed is None:
        raise _fail(f"no stored article has id, URL or path '{id_or_url}'")
    out.print(f"deleted {safe_text(removed)}", markup=False, highlight=False)


@app.command()
def reindex() -> None:
    """Rebuild every chunk and vector from the stored articles (after changing the model or chunking)."""
    from ingest.pipeline import Ingestor

    settings = _settings()
    bar, update = _progress_printer(sys.stderr.isatty())
    with _operational():
        if bar:
            with bar:
                summary = Ingestor(settings).reindex(progress=update)
        else:
            summary = Ingestor(settings).reindex()
    out.print(f"reindexed {summary.updated} articles, {summary.chunks_embedded} chunks in {summary.seconds:.1f} s")


@app.command()
def stats(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Corpus figures: articles, chunks, model, last ingest."""
    from siaga.store import ArticleStore

    settings = _settings()
    with _operational():
        figures = ArticleStore(settings.sqlite_path).stats()
    figures["index_dir"] = str(settings.resolved_index_dir)
    figures["chroma"] = settings.chroma_url or str(settings.chroma_path)
    if figures["last_ingest"]:
        figures["last_ingest"] = dt.datetime.fromtimestamp(figures["last_ingest"]).isoformat(timespec="seconds")
    if as_json:
        print(json.dumps(figures, ensure_ascii=False))
        return
    for key, value in figures.items():
        out.print(f"{key}: {safe_text(value)}", highlight=False, markup=False)


@app.command()
def doctor(
    repair: Annotated[bool, typer.Option("--repair", help="Fix every disagreement found (may embed).")] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Check that the article store, Chroma and the keyword index agree; --repair makes them agree."""
    from ingest.pipeline import Ingestor

    with _operational():
        before, summary, after = Ingestor(_settings()).doctor(repair)
    final = after or before
    if as_json:
        print(json.dumps({"before": before.to_dict(), "repair": summary.to_dict() if summary else None,
                          "after": after.to_dict() if after else None}, ensure_ascii=False))
    else:
        keywords = "none" if before.keyword_chunks is None else before.keyword_chunks
        out.print(f"articles: {before.articles}, chunks: {before.chunks}, vectors: {before.vectors}, "
                  f"keyword index chunks: {keywords}", highlight=False, markup=False)
        for line in before.problems():
            out.print(_labelled("problem:", "yellow", line), highlight=False)
        if summary is not None:
            out.print(f"repaired: {summary.repaired} articles embedded again ({summary.chunks_embedded} chunks), "
                      f"{summary.orphans_removed} orphan vectors removed, keyword index rebuilt, leftovers removed",
                      highlight=False, markup=False)
            for line in final.problems():
                out.print(_labelled("still:", "red", line), highlight=False)
        if final.ok:
            out.print("consistent: the article store, Chroma and the keyword index agree", highlight=False)
        elif summary is None:
            out.print("run `siaga doctor --repair` to fix this", highlight=False, markup=False)
    if not final.ok:
        raise typer.Exit(1)


def _filters(region: list[str] | None, outlet: list[str] | None, since: str | None, until: str | None) -> Any:
    from siaga.types import Filters

    for label, value in (("--since", since), ("--until", until)):
        if value:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise _fail(f"{label} must be a date like 2024-02-14, not '{value}'") from None
    return Filters(since=since, until=until, regions=region or [], outlets=outlet or [])


def answer_json(answer: Any, seconds: float, item_id: str | None = None) -> dict[str, Any]:
    """The JSON shape of `siaga ask --json` (and of each `--batch` output line)."""
    data: dict[str, Any] = {} if item_id is None else {"id": item_id}
    data.update(
        {
            "question": answer.question,
            "language": answer.language,
            "answer": answer.text,
            "refused": answer.refused,
            "citations": [
                {"n": c.n, "article_id": c.article_id, "title": c.title, "outlet": c.outlet,
                 "published": c.published, "url": c.url, "quote": c.quote}
                for c in answer.citations
            ],
            "verified": answer.verified,
            "seconds": round(seconds, 3),
        }
    )
    return data


@app.command()
def ask(
    question: Annotated[str | None, typer.Argument(help="The question (omit with --batch).")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    top_k: Annotated[int | None, typer.Option("--top-k", help="Chunks handed to the answerer.")] = None,
    region: Annotated[list[str] | None, typer.Option(help="Only articles from this region (repeatable).")] = None,
    outlet: Annotated[list[str] | None, typer.Option(help="Only articles from this outlet (repeatable).")] = None,
    since: Annotated[str | None, typer.Option(help="Only articles published on/after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Only articles published on/before (YYYY-MM-DD).")] = None,
    batch: Annotated[Path | None, typer.Option(help="JSONL of {id, question, history?}; one JSON line out each.")] = (
        None
    ),
) -> None:
    """Answer a question with verified citations (or many, with --batch, in one process)."""
    filters = _filters(region, outlet, since, until)
    if batch is None and not question:
        raise _fail("give a question, or --batch FILE")
    items: list[dict[str, Any]] = []
    if batch is not None:
        try:
            lines = batch.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise _fail(f"{batch}: cannot read: {exc.strerror or exc}") from None
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                if not isinstance(item, dict) or not isinstance(item.get("question"), str):
                    raise ValueError("needs a 'question' string")
            except ValueError as exc:
                raise _fail(f"{batch} line {number}: {exc}") from None
            items.append(item)
    from rag.pipeline import Siaga

    with _operational():
        siaga = Siaga(_settings())
        if batch is None:
            started = time.perf_counter()
            answer = siaga.answer(question or "", filters=filters, top_k=top_k)
            seconds = time.perf_counter() - started
            if as_json:
                print(json.dumps(answer_json(answer, seconds), ensure_ascii=False))
            else:
                out.print(safe_text(answer.text), highlight=False, markup=False)
                for c in answer.citations:
                    meta = ", ".join(x for x in (c.title, c.outlet, c.published) if x)
                    out.print(safe_text(f"[{c.n}] “{c.quote}” — {meta}", one_line=True), highlight=False,
                              markup=False)
                state = "verified" if answer.verified else "NOT verified: " + "; ".join(answer.verification_errors)
                err.print(Text(safe_text(f"{state} · {seconds:.2f} s"), style="dim"), highlight=False)
            return
        for item in items:
            started = time.perf_counter()
            answer = siaga.answer(item["question"], history=item.get("history"), filters=filters, top_k=top_k)
            print(json.dumps(answer_json(answer, time.perf_counter() - started, str(item.get("id"))),
                             ensure_ascii=False), flush=True)


@app.command("eval")
def run_eval(
    dataset: Annotated[Path, typer.Option(help="Questions JSONL.")] = Path("data/eval/qa.jsonl"),
    corpus: Annotated[Path, typer.Option(help="Articles to index (in a temporary directory).")] = Path(
        "data/articles"
    ),
    out_dir: Annotated[Path | None, typer.Option("--out", help="Reports folder (default SIAGA_REPORTS_DIR).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print summary.json to stdout.")] = False,
    split: Annotated[str, typer.Option(help="heldout (reported, locked) | tune | all.")] = "heldout",
    compare: Annotated[str, typer.Option(
        help="Other answerers scored over the same retrieval, comma-separated (retrieval-only, reader); "
        "'' for none.")] = "retrieval-only",
    mrc: Annotated[bool, typer.Option("--mrc/--no-mrc", help="Also score the reader alone, and the whole "
                                                              "answerer over the same passages, on FacQA and "
                                                              "IDK-MRC test.")] = False,
    mrc_dir: Annotated[Path | None, typer.Option(help="Folder with facqa/ and idk_mrc/ (default ../shared/mrc).")] = (
        None
    ),
    min_accuracy: Annotated[float | None, typer.Option(help="Exit 1 below this overall accuracy (0-1).")] = None,
    min_refusal: Annotated[float | None, typer.Option(help="Exit 1 below this refusal accuracy (0-1).")] = None,
    limit: Annotated[int | None, typer.Option(help="Only the first N questions (quick checks).")] = None,
) -> None:
    """Measure answer accuracy, citations, refusal and retrieval against baselines (heldout split by default)."""
    from eval.dataset import DatasetError
    from eval.mrc import DEFAULT_MRC_DIR, available
    from eval.runner import run_eval as run

    if split not in ("heldout", "tune", "all"):
        raise _fail(f"--split must be heldout, tune or all, not '{split}'")
    folder = mrc_dir or DEFAULT_MRC_DIR
    if mrc and not available(folder):
        raise _fail(f"--mrc needs the FacQA and IDK-MRC folders; none under {folder} (give --mrc-dir)")
    try:
        settings = _settings()
        with _operational():
            result = run(dataset=dataset, corpus=corpus, out_dir=out_dir or settings.reports_dir, settings=settings,
                         limit=limit, progress=not as_json, split=split,
                         compare=[c.strip() for c in compare.split(",") if c.strip()],
                         mrc_dir=folder if mrc else None)
    except (DatasetError, ValueError) as exc:
        raise _fail(str(exc)) from None
    summary = result.summary
    if as_json:
        print(json.dumps(summary, ensure_ascii=False, indent=1))
    else:
        out.print(f"report: {result.report_dir / 'report.md'}", highlight=False)
        out.print(result.headline, highlight=False)
    overall = summary["overall"]
    if min_accuracy is not None and overall["accuracy"] < min_accuracy:
        raise _fail(f"accuracy {overall['accuracy']:.3f} is below --min-accuracy {min_accuracy}")
    if min_refusal is not None and overall["refusal_accuracy"] < min_refusal:
        raise _fail(f"refusal accuracy {overall['refusal_accuracy']:.3f} is below --min-refusal {min_refusal}")


@app.command("eval-public")
def eval_public(
    split: Annotated[str, typer.Option(help="valid (for decisions) | test (report only).")] = "valid",
    mrc_dir: Annotated[Path | None, typer.Option(help="Folder with facqa/ and idk_mrc/ (default ../shared/mrc).")] = (
        None
    ),
    every: Annotated[int, typer.Option(min=1, help="Only every N-th question of each set (quick checks).")] = 1,
    rows: Annotated[Path | None, typer.Option("--rows", help="Also write one JSON line per question here.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    english: Annotated[bool, typer.Option(
        "--english", help="Ask the split's English translations (data/eval/mrc_english.jsonl) instead: English "
        "questions over the same Indonesian passages.")] = False,
) -> None:
    """The whole answerer on FacQA / IDK-MRC passages (each question with its own passage, no retrieval)."""
    from eval.in_context import answerer_in_context, english_examples, public_examples
    from eval.mrc import DEFAULT_MRC_DIR, SPLITS, MRCDataError, available
    from rag.answerer import load_answerer

    if split not in SPLITS:
        raise _fail(f"--split must be one of {', '.join(SPLITS)}, not '{split}'")
    folder = mrc_dir or DEFAULT_MRC_DIR
    if not available(folder):
        raise _fail(f"eval-public needs the FacQA and IDK-MRC folders; none under {folder} (give --mrc-dir)")
    try:
        with _operational():
            examples = (english_examples(folder, split, every=every) if english
                        else public_examples(folder, split, every))
            answerer = load_answerer(_settings())
            answerer.warm_up()
            summary, per_question = answerer_in_context(answerer, examples,
                                                        on_step=_line_progress("eval-public", len(examples)))
    except MRCDataError as exc:
        raise _fail(str(exc)) from None
    if rows is not None:
        rows.parent.mkdir(parents=True, exist_ok=True)
        rows.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in per_question), encoding="utf-8")
    if as_json:
        print(json.dumps(summary, ensure_ascii=False, indent=1))
        return
    for name, s in summary.items():
        line = f"{name}: overall F1 {s['overall_f1']:.1f} (n {s['n']})"
        if s["answerable"]:
            line += f"; answerable F1 {s['answerable_f1']:.1f}, refused {s['answerable_refused']:.1f} %"
        if s["unanswerable"]:
            line += f"; unanswerables refused {s['unanswerable_refused']:.1f} %"
        out.print(line, highlight=False, markup=False)


def _line_progress(name: str, total: int, every: float = 30.0) -> Any:
    """Progress as a line every ``every`` seconds (with rate and ETA) when stderr is a log, not a terminal."""
    started = last = time.monotonic()
    done = 0

    def tick(n: int) -> None:
        nonlocal done, last
        done += n
        now = time.monotonic()
        if now - last >= every or done >= total:
            last = now
            rate = done / max(now - started, 1e-9)
            eta = (total - done) / rate / 60 if rate else float("inf")
            err.print(f"{name}: {done}/{total}, {rate:.2f}/s, ETA {eta:.1f} min", highlight=False, markup=False)

    return tick


@contextmanager
def _training_progress() -> Iterator[Callable[[str, int], Callable[[int], None]]]:
    """Progress bars with ETA on a terminal, a line every 30 s in a log (training runs for minutes)."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), console=err,
                  disable=not err.is_terminal) as bar:

        def factory(name: str, total: int) -> Callable[[int], None]:
            if err.is_terminal:
                task = bar.add_task(name, total=total)
                return lambda n: bar.advance(task, n)
            return _line_progress(name, total)

        yield factory


@app.command("train-reader")
def train_reader_command(
    data: Annotated[Path | None, typer.Option(help="Folder with facqa/ and idk_mrc/ (default ../shared/mrc).")] = None,
    out_dir: Annotated[Path | None, typer.Option("--out", help="Model folder (default SIAGA_READER_DIR).")] = None,
    epochs: Annotated[float, typer.Option(help="Passes over the training data.")] = 2.0,
    seed: Annotated[int, typer.Option(help="Seed for data order, dropout and initialisation.")] = 13,
    threads: Annotated[int | None, typer.Option(help="Torch threads (default: 1 and 2 timed, faster kept).")] = None,
    limit: Annotated[int | None, typer.Option(help="Only the first N training questions per set (smoke runs).")] = (
        None
    ),
    attention_dropout: Annotated[float | None, typer.Option(
        help="Dropout on attention probabilities (0: about 15 % faster on CPU; default as TrainOptions).")] = None,
    facqa_repeat: Annotated[float | None, typer.Option(
        min=0.0, max=1.0, help="Share of FacQA questions trained twice per epoch (default as TrainOptions).")] = None,
    facqa_negatives: Annotated[float | None, typer.Option(
        min=0.0, max=1.0, help="Share of FacQA questions that also get a hard negative (default as TrainOptions).")
    ] = None,
    english_share: Annotated[float | None, typer.Option(
        min=0.0, max=1.0, help="Share of training questions rewritten word by word into English (default as "
        "TrainOptions).")] = None,
    english_translations: Annotated[Path | None, typer.Option(
        help="JSONL of English translations of training questions (id, split train, set, question): those are "
        "asked in English, --english-share rewrites only the others (default as TrainOptions).")] = None,
    negatives_per_question: Annotated[int | None, typer.Option(
        min=1, max=5, help="Hard negatives for each FacQA question that gets them (default as TrainOptions).")] = None,
    idk_negatives: Annotated[float | None, typer.Option(
        min=0.0, max=1.0, help="Share of answerable IDK-MRC questions that also get a hard-negative paragraph "
        "(default as TrainOptions).")] = None,
    cross_window_weight: Annotated[float | None, typer.Option(
        min=0.0, help="Train each question with its hard negatives as one group, its answer span also ranked "
        "against their spans with this weight (0: every window on its own; default as TrainOptions).")] = None,
    distractor_share: Annotated[float | None, typer.Option(
        min=0.0, max=1.0, help="Share of FacQA questions read with their hard negative beside their passage "
        "(default as TrainOptions).")] = None,
    subject_swaps: Annotated[float | None, typer.Option(
        min=0.0, max=1.0, help="Share of FacQA questions also asked about a subject their passage never names, "
        "labelled no-answer (default as TrainOptions).")] = None,
    frozen_layers: Annotated[int | None, typer.Option(
        min=0, max=11, help="Encoder layers kept as e5's own; the rest are fine-tuned (fewer: more capacity, "
        "slower training; default as TrainOptions).")] = None,
    precision: Annotated[ReaderPrecision | None, typer.Option(
        help="Training steps: auto (bf16 autocast where the CPU has native bf16, else fp32) | fp32 | bf16.")] = None,
) -> None:
    """Fine-tune the reader on FacQA + IDK-MRC, calibrate it on the valid splits, write weights and model card.

    The defaults reproduce the committed weights; the faster recipe measured on 2026-12-01 is
    ``--attention-dropout 0 --facqa-repeat 0.5 --facqa-negatives 0.5`` (see docs/experiments).
    """
    from eval.mrc import DEFAULT_MRC_DIR, MRCDataError, available
    from eval.train_reader import TrainOptions, train_reader, write_model_card
    from siaga.embedding import ensure_default_model

    settings = _settings()
    folder = data or DEFAULT_MRC_DIR
    if not available(folder):
        raise _fail(f"no FacQA/IDK-MRC data under {folder} (give --data FOLDER with facqa/ and idk_mrc/)")
    target = out_dir or settings.reader_dir
    recipe = {"attention_dropout": attention_dropout, "facqa_repeat": facqa_repeat, "facqa_negatives": facqa_negatives,
              "english_share": english_share, "precision": precision,
              "english_translations": str(english_translations) if english_translations is not None else None,
              "negatives_per_question": negatives_per_question, "idk_negatives": idk_negatives,
              "cross_window_weight": cross_window_weight, "frozen_layers": frozen_layers,
              "distractor_share": distractor_share, "subject_swaps": subject_swaps}
    options = TrainOptions(epochs=epochs, seed=seed, threads=threads, train_limit=limit,
                           **{k: v for k, v in recipe.items() if v is not None})  # one place for the defaults
    with _training_progress() as factory:
        try:
            record = train_reader(folder, target, ensure_default_model(settings), options,
                                  report=lambda line: err.print(line, highlight=False, markup=False),
                                  progress_factory=factory)
        except MRCDataError as exc:
            raise _fail(str(exc)) from None
    write_model_card(target, record)
    _print_reader_written("reader", target, record)


def _print_reader_written(what: str, folder: Path, record: dict) -> None:
    """One line: where a trained or joined reader went, how long it took, its public test scores."""
    test = record["test"]
    out.print(f"{what} written to {folder} in {record['minutes']} min: FacQA test F1 {test['facqa']['f1']:.1f} / "
              f"EM {test['facqa']['em']:.1f}; IDK-MRC test F1 {test['idk_mrc']['f1']:.1f}, no-answer accuracy "
              f"{test['idk_mrc']['no_answer_accuracy']:.1f}", highlight=False)


@app.command("join-readers")
def join_readers_command(
    members: Annotated[list[Path], typer.Argument(help="Two or more trained reader folders (same frozen layers).")],
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the joined reader (not one of the members).")],
    data: Annotated[Path | None, typer.Option(help="Folder with facqa/ and idk_mrc/ (default ../shared/mrc).")] = None,
) -> None:
    """Join trained readers into one whose logits are their average: the shared frozen layers run once,
    each member's top layers and head read them (members stored int8); threshold chosen on valid, test scored."""
    from eval.mrc import DEFAULT_MRC_DIR, MRCDataError, available
    from eval.train_reader import join_readers, write_joined_card
    from siaga.embedding import ensure_default_model

    folder = data or DEFAULT_MRC_DIR
    if not available(folder):
        raise _fail(f"no FacQA/IDK-MRC data under {folder} (give --data FOLDER with facqa/ and idk_mrc/)")
    for member in members:
        if not (member / "config.json").is_file():
            raise _fail(f"{member}: not a reader folder (no config.json)")
        if member.resolve() == out_dir.resolve():
            raise _fail(f"--out {out_dir} is one of the members: give a new folder")
    try:
        record = join_readers(members, out_dir, folder, ensure_default_model(_settings()),
                              report=lambda line: err.print(line, highlight=False, markup=False))
    except (MRCDataError, ValueError) as exc:
        raise _fail(str(exc)) from None
    write_joined_card(out_dir, record)
    _print_reader_written("joined reader", out_dir, record)


@app.command()
def calibrate(
    dataset: Annotated[Path, typer.Option(help="Questions JSONL (its tune split is used).")] = Path(
        "data/eval/qa.jsonl"
    ),
    corpus: Annotated[Path, typer.Option(help="Articles to index (in a temporary directory).")] = Path(
        "data/articles"
    ),
    english_reading: Annotated[list[str] | None, typer.Option(
        help="English readings to search: glossed, raw, both (repeat the option; default: the grid's own, "
        "eval/calibrate.GRID).")] = None,
    fresh: Annotated[bool, typer.Option(
        help="Search the grid afresh, ignoring the point calibration.json holds (by default it is kept unless "
        "another beats it by a standard error).")] = False,
    public: Annotated[bool, typer.Option(
        "--public/--no-public", help="Fit on the public FacQA / IDK-MRC valid questions too, answered over their "
        "own passages (half the objective; the Indonesian cut).")] = False,
    mrc_dir: Annotated[Path | None, typer.Option(help="Folder with facqa/ and idk_mrc/ (default ../shared/mrc).")] = (
        None
    ),
    keep_point: Annotated[bool, typer.Option(
        help="Keep the grid point calibration.json holds and refit only the refusal cuts: measures a change "
        "to the answerer with the weights fixed in advance (with --english-reading: that reading at the "
        "held weights).")] = False,
    also: Annotated[list[Path] | None, typer.Option(
        help="Questions JSONL of other-language versions of tune questions (ids '<tune id>-<suffix>', e.g. "
        "data/eval/qa_tune_en.jsonl), fitted beside them (repeat the option).")] = None,
) -> None:
    """Fit the answerer's weights and refusal threshold on the dev set's tune split (never heldout)."""
    from eval.calibrate import calibrate as fit
    from rag.compose import EnglishReading

    known = [r.value for r in EnglishReading]
    unknown = [name for name in english_reading or [] if name not in known]
    if unknown:
        raise _fail(f"unknown English reading {unknown[0]!r} (one of {', '.join(known)})")
    if keep_point and fresh:
        raise _fail("--keep-point fits the held grid point only: it cannot be combined with --fresh")
    from eval.mrc import DEFAULT_MRC_DIR, available

    folder = mrc_dir or DEFAULT_MRC_DIR
    if public and not available(folder):
        raise _fail(f"--public needs the FacQA and IDK-MRC folders; none under {folder} (give --mrc-dir)")
    settings = _settings()
    with _operational():
        try:
            record = fit(dataset, corpus, settings,
                         report=lambda line: err.print(line, highlight=False, markup=False),
                         english_readings=[EnglishReading(name) for name in english_reading or []], fresh=fresh,
                         keep_point=keep_point, public_dir=folder if public else None, also=also or [])
        except ValueError as exc:
            raise _fail(str(exc)) from None
    if (against := record.get("against_incumbent")) is not None:
        out.print(f"grid point {'kept' if against['incumbent_kept'] else 'moved'}: best cross-validated utility "
                  f"{against['best_cv_utility']:.4f} against the incumbent's {against['incumbent_cv_utility']:.4f} "
                  f"(paired standard error {against['paired_standard_error']:.4f})", highlight=False, markup=False)
    fitted = ", ".join(f"{name}={value}" for name, value in record["calibration"].items())
    if (shared := record.get("public")) is not None:
        out.print(f"public {shared['split']} ({shared['questions']} questions in context): utility "
                  f"{shared['utility']:.4f}, {shared['outcome']}", highlight=False, markup=False)
    out.print(f"calibration {fitted} (tune accuracy {record['tune_accuracy']:.3f}, cross-validated utility "
              f"{record['cv_utility']:.4f}) written to {settings.reader_dir}", highlight=False, markup=False)


@app.command("adapt-reader")
def adapt_reader_command(
    out_dir: Annotated[Path, typer.Option("--out", help="New model folder (the base is never overwritten).")],
    base: Annotated[Path | None, typer.Option(help="Reader to start from (default SIAGA_READER_DIR).")] = None,
    dataset: Annotated[Path, typer.Option(help="Questions JSONL (its tune split is used).")] = Path(
        "data/eval/qa.jsonl"
    ),
    corpus: Annotated[Path, typer.Option(help="Articles to index (in a temporary directory).")] = Path(
        "data/articles"
    ),
    data: Annotated[Path | None, typer.Option(help="Folder with facqa/ and idk_mrc/ (default ../shared/mrc).")] = None,
    epochs: Annotated[float, typer.Option(help="Passes over the adaptation data.")] = 2.0,
    folds: Annotated[int, typer.Option(min=2, help="Out-of-fold readers for the calibration.")] = 2,
    seed: Annotated[int, typer.Option(help="Seed for folds, replay sample and data order.")] = 13,
    threads: Annotated[int | None, typer.Option(help="Torch threads (default: 1 and 2 timed, faster kept).")] = None,
    negatives: Annotated[bool, typer.Option(
        help="Also teach no-answer on what each question reads once its gold articles are removed.")] = True,
) -> None:
    """Continue the reader on the windows it reads for the dev set's tune questions; calibrate out of fold."""
    from eval.adapt_reader import AdaptOptions, adapt_reader
    from eval.mrc import DEFAULT_MRC_DIR, MRCDataError, available

    settings = _settings()
    source = base or settings.reader_dir
    if out_dir.resolve() == Path(source).resolve():
        raise _fail(f"--out {out_dir} is the base reader's folder: give a new folder (the base is read throughout)")
    target = out_dir
    folder = data or DEFAULT_MRC_DIR
    if not available(folder):
        raise _fail(f"no FacQA/IDK-MRC data under {folder} (give --data FOLDER with facqa/ and idk_mrc/)")
    options = AdaptOptions(epochs=epochs, folds=folds, seed=seed, threads=threads, negatives=negatives)
    with _operational(), _training_progress() as factory:
        try:
            record = adapt_reader(source, target, dataset, corpus, folder, settings, options,
                                  report=lambda line: err.print(line, highlight=False, markup=False),
                                  progress_factory=factory)
        except MRCDataError as exc:
            raise _fail(str(exc)) from None
    test, adaptation = record["test"], record["adaptation"]
    oof, before = adaptation["tune_out_of_fold"]["accuracy"], adaptation["tune_base_reader"]["accuracy"]
    out.print(f"reader written to {target} in {adaptation['minutes']} min: tune accuracy out of fold "
              f"{oof:.3f} (base {before:.3f}); "
              f"FacQA test F1 {test['facqa']['f1']:.1f}; IDK-MRC test F1 {test['idk_mrc']['f1']:.1f}, "
              f"no-answer accuracy {test['idk_mrc']['no_answer_accuracy']:.1f}", highlight=False)


if __name__ == "__main__":
    app()
