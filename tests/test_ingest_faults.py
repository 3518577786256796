"""The fault matrix: kill -9 at chosen phases, two writers, delete and reindex under a reader, the Chroma
server stopped mid-ingest, a read-only and a full index folder.

Children run the real CLI through ``tests/fault_driver.py``, which makes the process kill (SIGKILL) or
stop (SIGSTOP) itself at an exact call, so each phase is hit deterministically, without sleeping or
polling. After every fault the three stores must be found consistent (or be repaired by the next
ingest) and equal, article for article and vector for vector, to one clean ingest of the same corpus.
Stores that start "already ingested" are copies of that clean ingest, so only the faulted step pays
for a model load.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from ingest.pipeline import Ingestor, ingest_paths
from siaga.settings import Settings
from siaga.store import ArticleStore, KeywordIndex, VectorIndex, fresh_persistent_client

REPO = Path(__file__).resolve().parent.parent
DRIVER = Path(__file__).with_name("fault_driver.py")
FIXTURES = Path(__file__).parent / "fixtures" / "corpus"
TANGERANG = "tangerang-20240210-polresta-tangerang-sebar-1048-personel-ke-5431-tps"
TANGERANG_Q = "Berapa personel yang diterjunkan Polresta Tangerang untuk pengamanan TPS Pemilu 2024?"
UPSERT = "siaga.store:VectorIndex.upsert"

pytestmark = pytest.mark.slow


# ------------------------------------------------------------------ helpers


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the fixture corpus that every run of this module reads (same source paths everywhere)."""
    target = tmp_path_factory.mktemp("faults") / "corpus"
    shutil.copytree(FIXTURES, target)
    return target


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory, embedder: Any) -> Settings:
    """A clean ingest of ``corpus``: what every faulted run must end up equal to."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("reference") / "data")
    summary = ingest_paths([str(corpus)], settings, embedder=embedder)
    assert summary.new == 4 and not summary.failed
    return settings


def tangerang_id(settings: Settings) -> str:
    found = ArticleStore(settings.sqlite_path).find(TANGERANG)
    assert found
    return found


def copy_of(reference: Settings, tmp_path: Path) -> Settings:
    shutil.copytree(reference.data_dir, tmp_path / "data")
    return Settings(data_dir=tmp_path / "data")


def snapshot(settings: Settings) -> dict[str, Any]:
    """Everything a reader can see, from each of the three stores."""
    store = ArticleStore(settings.sqlite_path)
    client = None if settings.chroma_url else fresh_persistent_client(settings)
    got = VectorIndex(settings, client=client).collection.get(include=["documents", "embeddings"])
    keywords = KeywordIndex(settings.bm25_dir)
    assert keywords.load()
    return {
        "articles": {a.id: (a.hash, a.title, a.source_path) for a in store.iter_articles()},
        "chunks": dict(store.db.execute("SELECT id, text FROM chunks").fetchall()),
        "documents": dict(zip(got["ids"], got["documents"])),
        "embeddings": {i: np.asarray(e) for i, e in zip(got["ids"], got["embeddings"])},
        "keywords": sorted(keywords.chunk_ids),
        "keyword_generation": keywords.generation == store.generation(),
    }


def assert_equal_to_clean(settings: Settings, reference: Settings) -> None:
    got, want = snapshot(settings), snapshot(reference)
    for key in ("articles", "chunks", "documents", "keywords"):
        assert got[key] == want[key], key
    assert got["keyword_generation"]
    for chunk_id, vector in want["embeddings"].items():
        assert float(vector @ got["embeddings"][chunk_id]) >= 0.999, chunk_id
    diagnosis = Ingestor(settings).diagnose()
    assert diagnosis.ok, diagnosis.problems()


def child(settings: Settings, specs: str, *cli_args: str, **env: str) -> subprocess.Popen[str]:
    """The real CLI in a child that kills/stops itself as ``specs`` say (see tests/fault_driver.py)."""
    full_env = {**os.environ, "SIAGA_DATA_DIR": str(settings.data_dir), **env}
    if settings.chroma_url:
        full_env["SIAGA_CHROMA_URL"] = settings.chroma_url
    return subprocess.Popen([sys.executable, str(DRIVER), specs, "--", *cli_args], env=full_env, cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def cli(settings: Settings, *cli_args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SIAGA_DATA_DIR": str(settings.data_dir)}
    return subprocess.run([sys.executable, "-m", "cli", *cli_args], env=env, cwd=REPO, capture_output=True,
                          text=True, timeout=1800)


def wait_stopped(proc: subprocess.Popen[str]) -> None:
    """Block until the child has stopped itself (SIGSTOP); fail with its output if it exited instead."""
    _, status = os.waitpid(proc.pid, os.WUNTRACED)
    if not os.WIFSTOPPED(status):
        proc.returncode = os.waitstatus_to_exitcode(status)
        out, err = proc.communicate()
        pytest.fail(f"the child exited ({proc.returncode}) before its stop point:\n{out}\n{err[-3000:]}")


def resume(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    os.kill(proc.pid, signal.SIGCONT)
    return finish(proc)


def finish(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    try:
        out, err = proc.communicate(timeout=1800)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        pytest.fail(f"the child did not finish: {err[-3000:]}")
    return proc.returncode, out, err


def one_line_error(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert "Traceback" not in err and len(lines) == 1, err[-3000:]
    return lines[0]


# ------------------------------------------------------------------ kill -9 at chosen phases


def test_kill_9_between_vectors_and_commit(corpus: Path, reference: Settings, tmp_path: Path, embedder: Any) -> None:
    """Killed after the second article's vectors reached Chroma, before its SQLite commit."""
    settings = Settings(data_dir=tmp_path / "data")
    code, _, err = finish(child(settings, f"kill:after:{UPSERT}:2", "ingest", str(corpus), "--json"))
    assert code == -signal.SIGKILL, err[-3000:]
    store = ArticleStore(settings.sqlite_path)
    stats = store.stats()
    assert stats["articles"] == 1
    assert stats["last_ingest"] is not None, "stats must not say 'never ingested' while articles are stored"
    before = Ingestor(settings).diagnose()
    assert before.orphans and not before.missing  # the uncommitted article's vectors
    rerun = ingest_paths([str(corpus)], settings, embedder=embedder)
    assert (rerun.new, rerun.unchanged, rerun.failed) == (3, 1, [])
    assert_equal_to_clean(settings, reference)


def test_kill_9_while_the_keyword_index_is_written(corpus: Path, reference: Settings, tmp_path: Path,
                                                   embedder: Any) -> None:
    """A delete killed inside the keyword-index build: its temp folder and a stale index are left."""
    settings = copy_of(reference, tmp_path)
    code, _, err = finish(child(settings, "kill:after:bm25s:BM25.save:1", "delete", TANGERANG))
    assert code == -signal.SIGKILL, err[-3000:]
    leftovers = [p for p in settings.resolved_index_dir.iterdir() if p.name.startswith(".bm25-")]
    assert leftovers, "the kill should have happened inside the build"
    diagnosis = Ingestor(settings).diagnose()
    assert diagnosis.keywords and diagnosis.leftovers
    rerun = ingest_paths([str(corpus)], settings, embedder=embedder)
    assert (rerun.new, rerun.unchanged) == (1, 3)  # the deleted article's file comes back
    assert not [p for p in settings.resolved_index_dir.iterdir() if p.name.startswith(".bm25-")]
    assert_equal_to_clean(settings, reference)


@pytest.mark.parametrize("when", ["before", "after"])
def test_kill_9_inside_delete(corpus: Path, reference: Settings, tmp_path: Path, embedder: Any, when: str) -> None:
    """Killed just before/after the vectors are removed: the article is either gone everywhere after the
    next ingest's repair, or still whole; never in SQLite and BM25 with no vectors ("unchanged" forever)."""
    settings = copy_of(reference, tmp_path)
    code, _, err = finish(child(settings, f"kill:{when}:siaga.store:VectorIndex.delete_article:1", "delete",
                                TANGERANG))
    assert code == -signal.SIGKILL, err[-3000:]
    article_id = tangerang_id(reference)
    repair = Ingestor(settings, embedder=embedder).ingest([])  # no input: only the repair runs
    assert not repair.failed
    store = ArticleStore(settings.sqlite_path)
    vectors = VectorIndex(settings, client=fresh_persistent_client(settings))
    assert sorted(vectors.ids_of_article(article_id)) == sorted(store.chunk_ids(article_id))  # both or neither
    assert Ingestor(settings).diagnose().ok
    rerun = ingest_paths([str(corpus)], settings, embedder=embedder)
    assert not rerun.failed
    assert_equal_to_clean(settings, reference)


def found(reader: Any, question: str = TANGERANG_Q) -> list[str]:
    """Article ids of what the reader's hybrid retrieval (dense + BM25, what every answer reads) returns."""
    return [r.article.id for r in reader.retrieve(question)]


def test_reindex_under_a_reader_then_killed(corpus: Path, reference: Settings, tmp_path: Path, embedder: Any) -> None:
    """A reader searching while `reindex` runs must not die (it got `NotFoundError: Collection ... does not
    exist`); a reindex killed half-way must not leave Chroma short while ingest says "unchanged"."""
    from rag.pipeline import Siaga

    settings = copy_of(reference, tmp_path)
    article_id = tangerang_id(settings)
    reader = Siaga(settings, embedder=embedder)
    assert found(reader)[0] == article_id
    proc = child(settings, f"stop:before:{UPSERT}:1,kill:before:{UPSERT}:3", "reindex")
    wait_stopped(proc)  # the reindex holds the lock and has prepared the collection, nothing written yet
    assert found(reader)[0] == article_id
    code, _, err = resume(proc)
    assert code == -signal.SIGKILL, err[-3000:]
    rerun = ingest_paths([str(corpus)], settings, embedder=embedder)
    assert rerun.unchanged == 4 and not rerun.failed
    assert_equal_to_clean(settings, reference)
    assert found(reader)[0] == article_id


def test_delete_under_a_reader(reference: Settings, tmp_path: Path, embedder: Any) -> None:
    """A reader already serving questions must never return an article that SQLite has deleted, even while
    Chroma still holds its vectors (the delete killed in between: the same state on disk as the moment
    between the two writes, with no frozen process left holding Chroma's own locks, which a SIGSTOP
    there can do: the reader's re-open of Chroma then waits for ever)."""
    from rag.pipeline import Siaga

    settings = copy_of(reference, tmp_path)
    article_id = tangerang_id(settings)
    reader = Siaga(settings, embedder=embedder)
    assert found(reader)[0] == article_id
    code, _, err = finish(child(settings, "kill:before:siaga.store:VectorIndex.delete_article:1", "delete",
                                TANGERANG))
    assert code == -signal.SIGKILL, err[-3000:]
    assert VectorIndex(settings, client=fresh_persistent_client(settings)).ids_of_article(article_id)  # still there
    reader.retriever._vectors_checked = float("-inf")  # the reader's next search re-checks at once
    assert article_id not in found(reader)  # a deleted article is never read, whatever Chroma still holds
    repair = Ingestor(settings, embedder=embedder).ingest([])  # the next writer removes the orphans
    assert not repair.failed
    reader.retriever._vectors_checked = float("-inf")
    assert article_id not in found(reader) and found(reader)
    assert Ingestor(settings).diagnose().ok


# ------------------------------------------------------------------ two writers


def test_two_writers_at_once(corpus: Path, reference: Settings, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    first = child(settings, "stop:before:siaga.embedding:load_embedder:1", "ingest", str(corpus), "--json")
    wait_stopped(first)  # holds the writer lock, has read every file, is about to load the model
    for args in (["ingest", str(corpus)], ["delete", TANGERANG]):
        second = cli(settings, *args)
        assert second.returncode == 2, second.stderr[-3000:]
        assert "another ingest is writing" in one_line_error(second.stderr)
    code, out, err = resume(first)
    assert code == 0, err[-3000:]
    assert json.loads(out)["new"] == 4
    assert_equal_to_clean(settings, reference)


# ------------------------------------------------------------------ the Chroma server path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_chroma(path: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    exe = Path(sys.executable).parent / "chroma"
    if not exe.exists():
        exe = Path(shutil.which("chroma") or "chroma")
    with log.open("a") as fh:
        proc = subprocess.Popen([str(exe), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                                stdout=fh, stderr=subprocess.STDOUT)
    for _ in range(600):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1):
                return proc
        except OSError:
            if proc.poll() is not None:
                break
            proc_wait(proc, 0.3)
    proc.kill()
    pytest.fail(f"chroma run did not start: {log.read_text()[-2000:]}")


def proc_wait(proc: subprocess.Popen[bytes], seconds: float) -> None:
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=seconds)


def stop_chroma(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture
def server_path(tmp_path: Path) -> Iterator[tuple[Path, int, Path]]:
    yield tmp_path / "server", _free_port(), tmp_path / "chroma.log"


def test_chroma_server_stopped_mid_ingest(corpus: Path, reference: Settings, tmp_path: Path, embedder: Any,
                                          server_path: tuple[Path, int, Path]) -> None:
    path, port, log = server_path
    server = start_chroma(path, port, log)
    settings = Settings(data_dir=tmp_path / "data", chroma_url=f"http://127.0.0.1:{port}")
    try:
        proc = child(settings, f"stop:after:{UPSERT}:2", "ingest", str(corpus), "--json")
        wait_stopped(proc)
        stop_chroma(server)
        code, _, err = resume(proc)
        assert code == 3, err[-3000:]
        line = one_line_error(err)
        assert "unreachable" in line and f"127.0.0.1:{port}" in line
        server = start_chroma(path, port, log)  # the server comes back with what it had stored
        rerun = ingest_paths([str(corpus)], settings, embedder=embedder)
        assert not rerun.failed and rerun.new + rerun.unchanged == 4
        got, want = snapshot(settings), snapshot(reference)
        for key in ("articles", "chunks", "documents", "keywords"):
            assert got[key] == want[key], key
        assert Ingestor(settings).diagnose().ok
    finally:
        stop_chroma(server)


# ------------------------------------------------------------------ read-only and full index folders


def _can_unshare() -> bool:
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=4k tmpfs /mnt"],
                           capture_output=True)
    return probe.returncode == 0


needs_mounts = pytest.mark.skipif(not _can_unshare(), reason="needs `unshare -m` and mount rights (CAP_SYS_ADMIN) "
                                  "to give the child a read-only or full file system of its own")


def in_namespace(script: str, settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``sh -c script`` in a private mount namespace (mounts vanish with it; the host sees nothing)."""
    env = {**os.environ, "SIAGA_DATA_DIR": str(settings.data_dir), "PY": sys.executable}
    return subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c", script, "sh", *args], env=env,
                          cwd=REPO, capture_output=True, text=True, timeout=1800)


def new_article(folder: Path) -> Path:
    """One article the faulted stores have not seen."""
    new = folder / "baru.txt"
    new.write_text("Polres Lebak siagakan 321 personel\n\nPolres Lebak menyiagakan 321 personel untuk mengamankan "
                   "1.500 TPS di Kabupaten Lebak, Banten, pada Pemilu 2024.\n", encoding="utf-8")
    return new


@needs_mounts
def test_read_only_index_folder_is_one_line(reference: Settings, tmp_path: Path) -> None:
    settings = copy_of(reference, tmp_path)
    new = new_article(tmp_path)
    for args in (["ingest", str(new)], ["delete", TANGERANG], ["doctor", "--repair"]):
        result = in_namespace('mount --bind -o ro "$SIAGA_DATA_DIR" "$SIAGA_DATA_DIR" && exec "$PY" -m cli "$@"',
                              settings, *args)
        assert result.returncode == 3, (args, result.stderr[-3000:])
        line = one_line_error(result.stderr)
        assert "read-only" in line or "not writable" in line, line
    assert snapshot(settings)["articles"] == snapshot(reference)["articles"]


@needs_mounts
def test_full_disk_is_one_line_and_loses_nothing(reference: Settings, tmp_path: Path) -> None:
    settings = copy_of(reference, tmp_path)
    new = new_article(tmp_path)
    size_kb = sum(p.stat().st_size for p in settings.data_dir.rglob("*") if p.is_file()) // 1024 + 512
    script = (
        'cp -a "$SIAGA_DATA_DIR" "$SIAGA_DATA_DIR.copy" && mount -t tmpfs -o size="$1"k tmpfs "$SIAGA_DATA_DIR" && '
        'cp -a "$SIAGA_DATA_DIR.copy/." "$SIAGA_DATA_DIR/" && rm -rf "$SIAGA_DATA_DIR.copy" && '
        '(cat /dev/zero > "$SIAGA_DATA_DIR/filler" 2>/dev/null; true) && '
        '"$PY" -m cli ingest "$2"; echo "exit=$?" >&2; rm -f "$SIAGA_DATA_DIR/filler"; '
        '"$PY" -m cli stats --json'
    )
    result = in_namespace(script, settings, str(size_kb), str(new))
    err_lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert err_lines[-1] == "exit=3" and len(err_lines) == 2, err_lines
    assert "disk is full" in err_lines[0] or "space" in err_lines[0], err_lines[0]
    assert json.loads(result.stdout.splitlines()[-1])["articles"] == 4
