"""Command line: `siaga ingest|list|delete|reindex|stats|ask|eval` (and plain `ingest`).

Errors are one line naming the file and the problem, never a traceback; the exit status is non-zero
when anything failed.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from siaga.settings import DuplicatePolicy, Settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Siaga: cited answers about Indonesian "
                  "election-security news.")
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def _settings() -> Settings:
    settings = Settings()
    settings.apply_runtime_env()
    return settings


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}", highlight=False, markup=True)
    return typer.Exit(code)


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
        err.print(f"[red]failed:[/red] {failure.path}: {failure.error}" if not failure.error.startswith(
            failure.path) else f"[red]failed:[/red] {failure.error}", highlight=False)
    verb = "would ingest" if summary.dry_run else "ingested"
    out.print(
        f"{verb}: {summary.new} new, {summary.updated} updated, {summary.unchanged} unchanged, "
        f"{summary.duplicates} duplicates, {len(summary.failed)} failed; "
        f"{summary.chunks_embedded} chunks embedded in {summary.seconds:.1f} s",
        highlight=False,
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
    """Clean, chunk, embed and store articles; unchanged articles are skipped."""
    from ingest.pipeline import IngestLockedError, ingest_paths
    from siaga.store import EmbeddingMismatchError

    settings = _settings()
    bar, update = _progress_printer(sys.stderr.isatty() and not as_json)
    try:
        if bar:
            with bar:
                summary = ingest_paths(paths, settings, on_duplicate, dry_run, progress=update)
        else:
            summary = ingest_paths(paths, settings, on_duplicate, dry_run)
    except (IngestLockedError, EmbeddingMismatchError) as exc:
        raise _fail(str(exc), 2) from None
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

    rows = ArticleStore(_settings().sqlite_path).summaries(search)
    if as_json:
        print(json.dumps([r.__dict__ for r in rows], ensure_ascii=False, indent=1))
        return
    table = Table("id", "published", "outlet", "region", "chunks", "title")
    for r in rows:
        table.add_row(r.id, r.published or "", r.outlet or "", r.region or "", str(r.chunks), r.title)
    out.print(table)


@app.command()
def delete(id_or_url: Annotated[str, typer.Argument(help="Article id, URL or source path.")]) -> None:
    """Remove one article, its chunks and vectors."""
    from ingest.pipeline import IngestLockedError, Ingestor

    try:
        removed = Ingestor(_settings()).delete(id_or_url)
    except IngestLockedError as exc:
        raise _fail(str(exc), 2) from None
    if removed is None:
        raise _fail(f"no stored article has id, URL or path '{id_or_url}'")
    out.print(f"deleted {removed}")


@app.command()
def reindex() -> None:
    """Rebuild every chunk and vector from the stored articles (after changing the model or chunking)."""
    from ingest.pipeline import IngestLockedError, Ingestor

    settings = _settings()
    bar, update = _progress_printer(sys.stderr.isatty())
    try:
        if bar:
            with bar:
                summary = Ingestor(settings).reindex(progress=update)
        else:
            summary = Ingestor(settings).reindex()
    except IngestLockedError as exc:
        raise _fail(str(exc), 2) from None
    out.print(f"reindexed {summary.updated} articles, {summary.chunks_embedded} chunks in {summary.seconds:.1f} s")


@app.command()
def stats(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Corpus figures: articles, chunks, model, last ingest."""
    from siaga.store import ArticleStore

    settings = _settings()
    figures = ArticleStore(settings.sqlite_path).stats()
    figures["index_dir"] = str(settings.resolved_index_dir)
    figures["chroma"] = settings.chroma_url or str(settings.chroma_path)
    if figures["last_ingest"]:
        figures["last_ingest"] = dt.datetime.fromtimestamp(figures["last_ingest"]).isoformat(timespec="seconds")
    if as_json:
        print(json.dumps(figures, ensure_ascii=False))
        return
    for key, value in figures.items():
        out.print(f"{key}: {value}", highlight=False)


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

    siaga = Siaga(_settings())
    if batch is None:
        started = time.perf_counter()
        answer = siaga.answer(question or "", filters=filters, top_k=top_k)
        seconds = time.perf_counter() - started
        if as_json:
            print(json.dumps(answer_json(answer, seconds), ensure_ascii=False))
        else:
            out.print(answer.text, highlight=False, markup=False)
            for c in answer.citations:
                meta = ", ".join(x for x in (c.title, c.outlet, c.published) if x)
                out.print(f"[{c.n}] “{c.quote}” — {meta}", highlight=False, markup=False)
            state = "verified" if answer.verified else "NOT verified: " + "; ".join(answer.verification_errors)
            err.print(f"[dim]{state} · {seconds:.2f} s[/dim]", highlight=False)
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
    min_accuracy: Annotated[float | None, typer.Option(help="Exit 1 below this overall accuracy (0-1).")] = None,
    min_refusal: Annotated[float | None, typer.Option(help="Exit 1 below this refusal accuracy (0-1).")] = None,
    limit: Annotated[int | None, typer.Option(help="Only the first N questions (quick checks).")] = None,
) -> None:
    """Measure answer accuracy, citations, refusal and retrieval against baselines."""
    from eval.dataset import DatasetError
    from eval.runner import run_eval as run

    try:
        settings = _settings()
        result = run(dataset=dataset, corpus=corpus, out_dir=out_dir or settings.reports_dir, settings=settings,
                     limit=limit, progress=not as_json)
    except DatasetError as exc:
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


if __name__ == "__main__":
    app()
