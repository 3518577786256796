"""Ingest speed and memory. Prints figures (articles/s, chunks/s, peak RSS); asserts nothing.

Phases, each in a fresh process so its peak RSS is its own:

- cold ingest of data/articles in fp32 and again under bf16 autocast (``SIAGA_EMBED_BF16=off|on``),
  with the CPU's bf16 support printed beside them: where bf16 is only emulated (AVX2) it is slower;
- a synthetic 1,000-article corpus, cold, then an unchanged re-ingest of it;
- a 4 MB JSONL file of synthetic articles (the largest file the default 5 MB limit lets through that
  ingest accepts as articles): chunks are streamed to the embedder and to Chroma a slice at a time,
  so peak RSS should not grow with the file; progress lines show peak RSS as the run goes;
- a 4 MB file of one line (one sentence repeated): refused by the per-article limits, quickly;
- with ``--huge-article``, that same 4 MB single article ingested with the limits raised (slow: about
  9,000 chunks), the worst case for memory within one article.

Targets on 2 idle cores: cold >= 8 chunks/s; unchanged re-ingest of 1,000 articles <= 2 s with the
model never loaded; peak RSS <= 1.5 GB for any single file within the size limit.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

FOUR_MB = 4 * 1024 * 1024
PERMISSIVE = {"SIAGA_MAX_ARTICLE_CHARS": "10000000", "SIAGA_MAX_ARTICLE_CHUNKS": "100000",
              "SIAGA_MAX_UNBROKEN_CHARS": "10000000"}


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def phase(data_dir: str, paths: list[str]) -> None:
    """Child process: one ingest run; prints progress lines and a final JSON line with its own figures."""
    from ingest.pipeline import Ingestor, Progress
    from siaga.settings import Settings

    settings = Settings(data_dir=Path(data_dir))
    ingestor = Ingestor(settings)
    started = time.perf_counter()
    last = [0.0]

    def report(p: Progress) -> None:
        if time.perf_counter() - last[0] >= 60:  # a line a minute: partial figures survive an interrupted run
            last[0] = time.perf_counter()
            print(json.dumps({"progress": f"{p.articles_done}/{p.articles_total} articles",
                              "chunks_done": p.chunks_done, "seconds": round(p.elapsed, 1),
                              "peak_rss_mb": _peak_mb()}), flush=True)

    summary = ingestor.ingest(paths, progress=report)
    seconds = time.perf_counter() - started
    articles = summary.new + summary.updated + summary.unchanged
    embedder = ingestor._embedder
    print(json.dumps({
        "articles": articles,
        "new_or_updated": summary.new + summary.updated,
        "chunks_embedded": summary.chunks_embedded,
        "failed": len(summary.failed),
        "first_failure": summary.failed[0].error[-160:] if summary.failed else None,
        "seconds": round(seconds, 3),
        "articles_per_s": round(articles / seconds, 1),
        "chunks_per_s": round(summary.chunks_embedded / seconds, 2) if summary.chunks_embedded else None,
        "model_loaded": embedder is not None,
        "bf16_autocast": _passages_bf16(embedder),
        "peak_rss_mb": _peak_mb(),
    }), flush=True)


def _passages_bf16(embedder: object | None) -> bool:
    """Whether passages were embedded under bf16 autocast (the flag sits on the loaded passage model)."""
    if embedder is None or not getattr(embedder, "passages_loaded", False):
        return False
    return bool(embedder.passage_model().bf16)


def run_phase(name: str, data_dir: Path, paths: list[str], env: dict[str, str] | None = None) -> dict:
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, __file__, "--phase", str(data_dir), *paths], stdout=subprocess.PIPE, text=True, cwd=REPO,
        env={**os.environ, **(env or {})},
    )
    figures: dict = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        figures = json.loads(line)
        if "progress" in figures:
            print(f"{name:<36} ... {line.strip()}", flush=True)
    if proc.wait() != 0:
        raise SystemExit(f"{name}: the ingest process failed with exit status {proc.returncode}")
    figures["wall_seconds_incl_startup"] = round(time.perf_counter() - started, 2)
    print(f"{name:<36} {json.dumps(figures)}", flush=True)
    return figures


def four_mb_jsonl(target: Path, articles_dir: Path) -> Path:
    """~4 MB of distinct synthetic articles, one JSON object per line."""
    from bench.synth import write_corpus
    from ingest.loaders import load_file

    folder = write_corpus(articles_dir, target.parent / "jsonl-src", 2000, seed=11)
    size = 0
    with target.open("w", encoding="utf-8") as out:
        for path in sorted(folder.iterdir()):
            docs, _ = load_file(path, FOUR_MB)
            for doc in docs:
                line = json.dumps({"id": doc.id, "title": doc.title, "url": doc.url, "outlet": doc.outlet,
                                   "published": doc.published, "region": doc.region, "text": doc.text},
                                  ensure_ascii=False) + "\n"
                if size + len(line.encode()) > FOUR_MB:
                    return target
                out.write(line)
                size += len(line.encode())
    return target


def four_mb_line(target: Path) -> Path:
    """One sentence repeated on one line to 4 MB: the probe's pathological file."""
    sentence = "Polresta Tangerang menerjunkan 1.048 personel untuk mengamankan 5.431 TPS pada Pemilu 2024. "
    target.write_text("Satu kalimat diulang\n\n" + sentence * (FOUR_MB // len(sentence) - 1) + "\n", encoding="utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--synthetic", type=int, default=1000, help="size of the synthetic corpus (0 skips it)")
    parser.add_argument("--precision-articles", type=Path, default=REPO / "data" / "articles",
                        help="folder or file ingested once in fp32 and once under bf16 autocast")
    parser.add_argument("--skip", nargs="*", default=[], choices=["precision", "synthetic", "4mb"],
                        help="phases to leave out")
    parser.add_argument("--huge-article", action="store_true", help="also ingest the 4 MB single-line article "
                        "with the per-article limits raised (worst case for memory; slow)")
    args = parser.parse_args()
    if args.phase:
        phase(args.phase[0], args.phase[1:])
        return
    from bench.synth import write_corpus
    from siaga.cpu import describe_cpu

    print(f"load average before: {os.getloadavg()}; cores: {os.cpu_count()}; cpu: {describe_cpu()}")
    with tempfile.TemporaryDirectory(prefix="siaga-bench-") as tmp:
        root = Path(tmp)
        if "precision" not in args.skip:
            for mode in ("off", "on"):
                label = "fp32" if mode == "off" else "bf16 autocast"
                run_phase(f"cold ingest, {label}", root / f"precision-{mode}", [str(args.precision_articles)],
                          {"SIAGA_EMBED_BF16": mode})
        if "synthetic" not in args.skip and args.synthetic:
            synth = write_corpus(REPO / "data" / "articles", root / "synthetic", args.synthetic)
            run_phase(f"cold ingest synthetic {args.synthetic}", root / "synth-data", [str(synth)])
            run_phase(f"unchanged re-ingest {args.synthetic}", root / "synth-data", [str(synth)])
        if "4mb" not in args.skip:
            jsonl = four_mb_jsonl(root / "four-mb.jsonl", REPO / "data" / "articles")
            print(f"4 MB JSONL: {jsonl.stat().st_size} bytes, {sum(1 for _ in jsonl.open())} articles")
            run_phase("4 MB JSONL file", root / "four-mb-data", [str(jsonl)])
            line = four_mb_line(root / "four-mb-line.txt")
            run_phase("4 MB single line (refused)", root / "line-data", [str(line)])
            if args.huge_article:
                run_phase("4 MB single article, limits raised", root / "huge-data", [str(line)], PERMISSIVE)
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
