"""kill -9 in the middle of an ingest, then a rerun: every article present exactly once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from siaga.settings import Settings
from siaga.store import ArticleStore, KeywordIndex, VectorIndex

REPO = Path(__file__).resolve().parent.parent


def _committed(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_kill_9_mid_ingest_then_rerun(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {**os.environ, "SIAGA_DATA_DIR": str(data)}
    cmd = [sys.executable, "-m", "cli", "ingest", str(REPO / "data" / "articles"), "--json"]
    proc = subprocess.Popen(cmd, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    db = data / "index" / "articles.sqlite3"
    deadline = time.time() + 240
    while _committed(db) < 20 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
    assert proc.poll() is None, "ingest finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = _committed(db)
    assert 0 < partial < 64

    rerun = subprocess.run(cmd, env=env, cwd=REPO, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    settings = Settings(data_dir=data)
    store = ArticleStore(settings.sqlite_path)
    stats = store.stats()
    assert stats["articles"] == 64
    vectors = VectorIndex(settings)
    ids = vectors.collection.get(include=[])["ids"]
    assert len(ids) == len(set(ids)) == stats["chunks"]
    keywords = KeywordIndex(settings.bm25_dir)
    assert keywords.load() and len(keywords.chunk_ids) == stats["chunks"]
    assert keywords.generation == store.generation()
