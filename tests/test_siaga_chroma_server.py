"""The scale-out path: ingest and query against a real `chroma run` server on 127.0.0.1."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.pipeline import ingest_paths
from siaga.settings import Settings
from siaga.store import ArticleStore, VectorIndex

FIXTURES = Path(__file__).parent / "fixtures" / "corpus"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[str]:
    exe = Path(sys.executable).parent / "chroma"
    if not exe.exists():
        exe = Path(shutil.which("chroma") or "chroma")
    port = _free_port()
    log = (tmp_path / "chroma.log").open("w")
    proc = subprocess.Popen([str(exe), "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1):
                    break
            except OSError:
                if time.time() > deadline or proc.poll() is not None:
                    pytest.fail(f"chroma run did not start: {(tmp_path / 'chroma.log').read_text()[-2000:]}")
                time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_ingest_and_query_through_chroma_server(chroma_server: str, tmp_path: Path, embedder) -> None:
    settings = Settings(data_dir=tmp_path / "data", chroma_url=chroma_server)
    first = ingest_paths([str(FIXTURES)], settings, embedder=embedder)
    assert first.new == 4 and not first.failed
    assert not settings.chroma_path.exists(), "the server path must not create an embedded Chroma"
    vectors = VectorIndex(settings)
    chunks = ArticleStore(settings.sqlite_path).stats()["chunks"]
    assert vectors.count() == chunks
    hits = vectors.query(embedder.get_query_embedding("How many personnel did Polresta Tangerang deploy?"), 3)
    assert hits and hits[0][0].startswith(ArticleStore(settings.sqlite_path).find(
        "tangerang-20240210-polresta-tangerang-sebar-1048-personel-ke-5431-tps"))
    again = ingest_paths([str(FIXTURES)], settings, embedder=embedder)
    assert again.unchanged == 4 and VectorIndex(settings).count() == chunks
