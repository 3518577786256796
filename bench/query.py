"""Query latency and memory in the default (extractive) mode. Prints figures; asserts nothing.

Phases, each in a fresh process: cold first answer (process start, model load and the first answer),
then warm latency p50/p95 over the development questions, on the sample corpus, on the sample corpus
plus a pathological article (one sentence repeated to 300 KB, ingested with the per-article limits
raised: it must not make questions slower), and on a synthetic corpus (default 10,000 articles; its
index is built once and can be kept with --keep DIR).
Targets on 2 cores: warm p50 <= 300 ms, p95 <= 700 ms; cold first answer <= 10 s; app peak RSS
<= 1.5 GB; first streamed piece (what the chat shows first) <= 1 s.
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


def measure(data_dir: str, limit: int) -> None:
    """Child process: cold first answer, then warm latencies; prints one JSON line."""
    started = time.perf_counter()
    from eval.dataset import load_dataset
    from rag.pipeline import Siaga
    from siaga.settings import Settings

    siaga = Siaga(Settings(data_dir=Path(data_dir)))
    siaga.warm_up()  # as the app does when it starts (reader threads are measured here)
    first = siaga.answer("Berapa personel yang diterjunkan Polresta Tangerang untuk pengamanan TPS?")
    cold = time.perf_counter() - started
    items = load_dataset(REPO / "data" / "eval" / "qa.jsonl")[:limit]
    latencies = []
    for item in items:
        history = [t.model_dump() for t in item.history] if item.history else None
        t0 = time.perf_counter()
        siaga.answer(item.question, history=history)
        latencies.append(time.perf_counter() - t0)
    latencies.sort()
    first_tokens = []
    for item in items[:40]:  # what the chat shows: time until the first streamed piece
        history = [t.model_dump() for t in item.history] if item.history else None
        t0 = time.perf_counter()
        pieces = iter(siaga.stream(item.question, history=history))
        next(pieces, None)
        first_tokens.append(time.perf_counter() - t0)
        for _ in pieces:
            pass
    first_tokens.sort()

    def pct(q: float) -> float:
        return round(1000 * latencies[min(len(latencies) - 1, int(q * (len(latencies) - 1) + 0.5))], 1)

    print(json.dumps({
        "articles": siaga.store.stats()["articles"],
        "chunks": siaga.store.stats()["chunks"],
        "cold_first_answer_s": round(cold, 2),
        "first_answer_refused": first.refused,
        "questions": len(latencies),
        "warm_p50_ms": pct(0.5),
        "warm_p95_ms": pct(0.95),
        "warm_max_ms": round(1000 * latencies[-1], 1),
        "first_streamed_piece_p50_ms": round(1000 * first_tokens[len(first_tokens) // 2], 1),
        "first_streamed_piece_max_ms": round(1000 * first_tokens[-1], 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        # chosen at warm-up by timing 1 and 2 threads: what most explains run-to-run differences
        "reader_threads": getattr(siaga.answerer.reader, "threads", None),
    }))


# Limits raised so the pathological article gets in (by default ingest refuses it as not an article).
PERMISSIVE = {"SIAGA_MAX_ARTICLE_CHARS": "10000000", "SIAGA_MAX_ARTICLE_CHUNKS": "100000",
              "SIAGA_MAX_UNBROKEN_CHARS": "10000000"}


def ingest(data_dir: Path, path: Path, extra_env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "cli", "ingest", str(path), "--json"], check=True, cwd=REPO,
                   env={**os.environ, "SIAGA_DATA_DIR": str(data_dir), **(extra_env or {})},
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def pathological_article(folder: Path, size: int = 300_000) -> Path:
    """One sentence about Tangerang's personnel repeated to ``size`` bytes: it matches the questions well."""
    sentence = "Polresta Tangerang menyiagakan personel gabungan untuk pengamanan TPS Pemilu di Tangerang. "
    path = folder / "pathological-repeat.txt"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text("Berita yang mengulang satu kalimat\n\n" + sentence * (size // len(sentence)), encoding="utf-8")
    return path


def run_measure(name: str, data_dir: Path, limit: int) -> None:
    out = subprocess.run([sys.executable, __file__, "--measure", str(data_dir), "--limit", str(limit)],
                         capture_output=True, text=True, check=True, cwd=REPO)
    print(f"{name:<28} {out.stdout.strip().splitlines()[-1]}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, default=206, help="questions per corpus")
    parser.add_argument("--synthetic", type=int, default=10000, help="synthetic corpus size (0 to skip)")
    parser.add_argument("--keep", type=Path, help="keep/reuse the synthetic index in this folder")
    parser.add_argument("--no-pathological", dest="pathological", action="store_false",
                        help="skip the phase with the pathological article")
    args = parser.parse_args()
    if args.measure:
        measure(args.measure, args.limit)
        return
    from bench.synth import write_corpus

    print(f"load average before: {os.getloadavg()}; cores: {os.cpu_count()}")
    with tempfile.TemporaryDirectory(prefix="siaga-qbench-") as tmp:
        sample = Path(tmp) / "sample"
        ingest(sample, REPO / "data" / "articles")
        run_measure("sample corpus", sample, args.limit)
        if args.pathological:
            seconds = ingest(sample, pathological_article(Path(tmp) / "odd"), PERMISSIVE)
            print(f"ingested a 300 KB one-sentence article in {seconds:.0f} s", flush=True)
            run_measure("sample + pathological", sample, args.limit)
        if args.synthetic:
            root = args.keep or Path(tmp) / "synthetic"
            data = root / "data"
            if not (data / "index" / "articles.sqlite3").exists():
                corpus = write_corpus(REPO / "data" / "articles", root / "articles", args.synthetic)
                ingest(data, REPO / "data" / "articles")
                seconds = ingest(data, corpus)
                print(f"built synthetic index of {args.synthetic} articles in {seconds:.0f} s", flush=True)
            run_measure(f"synthetic {args.synthetic} + sample", data, args.limit)
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
