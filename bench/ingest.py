"""Ingest speed and memory: cold ingest of data/articles, a synthetic 1,000-article corpus, and an
unchanged re-ingest of those 1,000. Prints figures (articles/s, chunks/s, peak RSS); asserts nothing.

Each phase runs in a fresh process so its peak RSS is its own. Targets on 2 idle cores: cold >= 8
chunks/s; unchanged re-ingest of 1,000 articles <= 2 s with the model never loaded; peak RSS <= 1.5 GB.
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


def phase(data_dir: str, paths: list[str]) -> None:
    """Child process: one ingest run; prints a JSON line with its own figures."""
    from ingest.pipeline import Ingestor
    from siaga.settings import Settings

    settings = Settings(data_dir=Path(data_dir))
    ingestor = Ingestor(settings)
    started = time.perf_counter()
    summary = ingestor.ingest(paths)
    seconds = time.perf_counter() - started
    articles = summary.new + summary.updated + summary.unchanged
    print(json.dumps({
        "articles": articles,
        "new_or_updated": summary.new + summary.updated,
        "chunks_embedded": summary.chunks_embedded,
        "failed": len(summary.failed),
        "seconds": round(seconds, 3),
        "articles_per_s": round(articles / seconds, 1),
        "chunks_per_s": round(summary.chunks_embedded / seconds, 2) if summary.chunks_embedded else None,
        "model_loaded": ingestor._embedder is not None,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }))


def run_phase(name: str, data_dir: Path, paths: list[str]) -> dict:
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, __file__, "--phase", str(data_dir), *paths],
        capture_output=True, text=True, check=True, cwd=REPO,
    )
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    figures["wall_seconds_incl_startup"] = round(time.perf_counter() - started, 2)
    print(f"{name:<32} {json.dumps(figures)}", flush=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--synthetic", type=int, default=1000, help="size of the synthetic corpus")
    args = parser.parse_args()
    if args.phase:
        phase(args.phase[0], args.phase[1:])
        return
    from bench.synth import write_corpus

    print(f"load average before: {os.getloadavg()}; cores: {os.cpu_count()}")
    with tempfile.TemporaryDirectory(prefix="siaga-bench-") as tmp:
        root = Path(tmp)
        run_phase("cold ingest data/articles", root / "sample", [str(REPO / "data" / "articles")])
        synth = write_corpus(REPO / "data" / "articles", root / "synthetic", args.synthetic)
        run_phase(f"cold ingest synthetic {args.synthetic}", root / "synth-data", [str(synth)])
        run_phase(f"unchanged re-ingest {args.synthetic}", root / "synth-data", [str(synth)])
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
