"""Durable stores: cleaned articles and chunks in SQLite, vectors in Chroma, keywords in BM25.

SQLite is the source of truth: ``reindex`` and the UI need no original files, and whatever a crash
leaves between the three stores (vectors without a committed article, an article whose vectors are
missing or stale, an outdated keyword index) is found by comparing them (``ingest.doctor``) and
repaired from SQLite by the next ingest or ``siaga doctor --repair``; chunk ids are deterministic, so
re-upserting them never duplicates. A ``generation`` counter in SQLite tells readers (the app, the
keyword index) that the corpus changed. Environment faults (Chroma server down, disk full, read-only
folder) surface as the one-line errors of ``siaga.errors``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from siaga.errors import EmbeddingMismatchError, StoreUnavailableError, storage_error
from siaga.settings import Settings
from siaga.text import keyword_tokens
from siaga.types import Article, Chunk, Filters

CHROMA_MAX_BATCH = 5000  # Chroma rejects batches over 5,461 rows
SCAN_PAGE = 2000  # vectors fetched per call when comparing Chroma with SQLite
BM25_TEMP_PREFIX = ".bm25-"

__all__ = ["ArticleStore", "EmbeddingMismatchError", "KeywordIndex", "VectorIndex", "text_digest"]


def text_digest(text: str | None) -> bytes:
    """A short digest of a chunk's text: enough to tell a stale vector document from its SQLite chunk."""
    return hashlib.blake2b((text or "").encode("utf-8"), digest_size=12).digest()

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    published TEXT,
    published_ts INTEGER,
    region TEXT,
    author TEXT,
    language TEXT,
    source_path TEXT,
    related_json TEXT NOT NULL DEFAULT '[]',
    hash TEXT NOT NULL,
    updated_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_hash ON articles(hash);
CREATE INDEX IF NOT EXISTS articles_url ON articles(url);
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_article ON chunks(article_id);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    digest TEXT NOT NULL,
    article_ids_json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(frozen=True)
class ArticleSummary:
    """One row of `siaga list` and of the UI's article browser."""

    id: str
    title: str
    outlet: str | None
    published: str | None
    region: str | None
    url: str | None
    source_path: str | None
    chunks: int


def _article_from_row(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"],
        title=row["title"],
        text=row["text"],
        url=row["url"],
        outlet=row["outlet"],
        published=row["published"],
        published_ts=row["published_ts"],
        region=row["region"],
        author=row["author"],
        language=row["language"] or "id",
        source_path=row["source_path"],
        related_headlines=json.loads(row["related_json"] or "[]"),
    )


class ArticleStore:
    """Cleaned articles and their chunks (SQLite, WAL mode so readers never block the writer)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._local = threading.local()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise storage_error(exc, self.path.parent, "use the index folder") or exc from None

    @property
    def db(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
            self._local.conn = conn
        return conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; a full disk or read-only file becomes a one-line StorageError."""
        db = self.db
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise storage_error(exc, self.path) or exc from None
        try:
            yield db
        except BaseException as exc:
            with contextlib.suppress(sqlite3.Error):  # SQLite may already have rolled back (disk full)
                db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise storage_error(exc, self.path) or exc from None
            raise
        try:
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            raise storage_error(exc, self.path) or exc from None

    # --- meta -------------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, db: sqlite3.Connection, key: str, value: str) -> None:
        db.execute("INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                   (key, value))

    def generation(self) -> int:
        return int(self.get_meta("generation") or 0)

    def bump_generation(self, db: sqlite3.Connection) -> None:
        db.execute(
            "INSERT INTO meta(key, value) VALUES('generation', '1') "
            "ON CONFLICT(key) DO UPDATE SET value=CAST(value AS INTEGER)+1"
        )
        self.set_meta(db, "last_change", str(time.time()))

    # --- articles ---------------------------------------------------------------------------
    def get(self, article_id: str) -> Article | None:
        row = self.db.execute("SELECT * FROM articles WHERE id=?", (article_id,)).fetchone()
        return _article_from_row(row) if row else None

    def get_many(self, ids: Iterable[str]) -> dict[str, Article]:
        ids = list(dict.fromkeys(ids))
        out: dict[str, Article] = {}
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            rows = self.db.execute(
                f"SELECT * FROM articles WHERE id IN ({','.join('?' * len(part))})", part
            ).fetchall()
            out.update({r["id"]: _article_from_row(r) for r in rows})
        return out

    def hash_of(self, article_id: str) -> str | None:
        row = self.db.execute("SELECT hash FROM articles WHERE id=?", (article_id,)).fetchone()
        return row[0] if row else None

    def id_with_hash(self, text_hash: str) -> str | None:
        row = self.db.execute("SELECT id FROM articles WHERE hash=? LIMIT 1", (text_hash,)).fetchone()
        return row[0] if row else None

    def find(self, id_or_url: str) -> str | None:
        """An article by id, URL, source path, or source file name without extension."""
        row = self.db.execute(
            "SELECT id FROM articles WHERE id=? OR url=? OR source_path=? LIMIT 1", (id_or_url,) * 3
        ).fetchone()
        if row:
            return row[0]
        for article_id, source in self.db.execute(
            "SELECT id, source_path FROM articles WHERE source_path LIKE ?", (f"%{id_or_url}%",)
        ):
            if Article(id=article_id, title="", text="", source_path=source).source_stem == id_or_url:
                return article_id
        return None

    def put(self, db: sqlite3.Connection, article: Article, chunks: list[Chunk]) -> None:
        """Insert or replace an article and exactly its chunks (inside the caller's transaction)."""
        db.execute("DELETE FROM chunks WHERE article_id=?", (article.id,))
        db.execute(
            "INSERT OR REPLACE INTO articles(id, title, text, url, outlet, published, published_ts, region, "
            "author, language, source_path, related_json, hash, updated_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (article.id, article.title, article.text, article.url, article.outlet, article.published,
             article.published_ts, article.region, article.author, article.language, article.source_path,
             json.dumps(article.related_headlines, ensure_ascii=False), article.hash, time.time()),
        )
        db.executemany(
            "INSERT INTO chunks(id, article_id, idx, text, start, end) VALUES (?,?,?,?,?,?)",
            [(c.id, c.article_id, c.index, c.text, c.start, c.end) for c in chunks],
        )

    def delete(self, db: sqlite3.Connection, article_id: str) -> None:
        db.execute("DELETE FROM chunks WHERE article_id=?", (article_id,))
        db.execute("DELETE FROM articles WHERE id=?", (article_id,))

    def chunk_digests(self) -> dict[str, tuple[str, bytes]]:
        """Every chunk id -> (article id, digest of its text): what Chroma must hold, compactly."""
        return {
            r[0]: (r[1], text_digest(r[2])) for r in self.db.execute("SELECT id, article_id, text FROM chunks")
        }

    def record_ingest(self, db: sqlite3.Connection) -> None:
        """Stamp the last successful write, inside the same transaction as the write itself."""
        self.set_meta(db, "last_ingest", str(time.time()))

    def chunk_ids(self, article_id: str) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM chunks WHERE article_id=? ORDER BY idx", (article_id,))]

    def chunks_of(self, article_id: str, around: Iterable[int] | None = None, radius: int = 2) -> list[Chunk]:
        """An article's chunks in order; with ``around``, only those within ``radius`` of those indexes."""
        sql, args = "SELECT * FROM chunks WHERE article_id=?", [article_id]
        if around is not None:
            ranges = sorted({(i - radius, i + radius) for i in around})
            sql += " AND (" + " OR ".join("idx BETWEEN ? AND ?" for _ in ranges) + ")"
            args += [v for pair in ranges for v in pair]
        rows = self.db.execute(sql + " ORDER BY idx", args).fetchall()
        return [Chunk(id=r["id"], article_id=r["article_id"], index=r["idx"], text=r["text"], start=r["start"],
                      end=r["end"]) for r in rows]

    def get_chunks(self, ids: Iterable[str]) -> dict[str, Chunk]:
        ids = list(dict.fromkeys(ids))
        out: dict[str, Chunk] = {}
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            rows = self.db.execute(f"SELECT * FROM chunks WHERE id IN ({','.join('?' * len(part))})", part)
            for r in rows:
                out[r["id"]] = Chunk(id=r["id"], article_id=r["article_id"], index=r["idx"], text=r["text"],
                                     start=r["start"], end=r["end"])
        return out

    def iter_articles(self) -> Iterator[Article]:
        for row in self.db.execute("SELECT * FROM articles ORDER BY id").fetchall():
            yield _article_from_row(row)

    def all_chunk_rows(self) -> list[sqlite3.Row]:
        """Every chunk with the article fields the keyword leg filters on, in a stable order."""
        return self.db.execute(
            "SELECT c.id, c.article_id, c.text, a.title, a.region, a.outlet, a.published_ts "
            "FROM chunks c JOIN articles a ON a.id=c.article_id ORDER BY c.article_id, c.idx"
        ).fetchall()

    def summaries(self, search: str | None = None) -> list[ArticleSummary]:
        sql = (
            "SELECT a.id, a.title, a.outlet, a.published, a.region, a.url, a.source_path, "
            "(SELECT COUNT(*) FROM chunks c WHERE c.article_id=a.id) AS n FROM articles a"
        )
        args: list[Any] = []
        if search:
            sql += " WHERE a.title LIKE ? OR a.id LIKE ? OR a.outlet LIKE ? OR a.region LIKE ? OR a.text LIKE ?"
            args = [f"%{search}%"] * 5
        sql += " ORDER BY a.published DESC, a.id"
        return [ArticleSummary(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]) for r in self.db.execute(sql, args)]

    def stats(self) -> dict[str, Any]:
        n_articles = self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        n_chunks = self.db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]
        # a store written by a run that died before its final stamp still knows when it last changed
        last = self.get_meta("last_ingest") or (self.get_meta("last_change") if n_articles else None)
        return {
            "articles": n_articles,
            "chunks": n_chunks,
            "last_ingest": float(last) if last else None,
            "embed_model": self.get_meta("embed_model"),
            "generation": self.generation(),
        }

    def count_matching(self, filters: Filters) -> int:
        """Articles the filters let through (same rules as the search legs: dates inclusive, by day)."""
        sql = "SELECT COUNT(*) FROM articles WHERE 1=1"
        args: list[Any] = []
        if filters.since:
            sql += " AND published_ts >= ?"
            args.append(date_to_ts(filters.since))
        if filters.until:
            sql += " AND published_ts IS NOT NULL AND published_ts <= ?"
            args.append(date_to_ts(filters.until, True))
        for column, values in (("region", filters.regions), ("outlet", filters.outlets)):
            if values:
                sql += f" AND {column} IN ({','.join('?' * len(values))})"
                args.extend(values)
        return int(self.db.execute(sql, args).fetchone()[0])

    def facets(self) -> dict[str, Any]:
        """Filter choices for the UI, from what is stored."""
        regions = [r[0] for r in self.db.execute(
            "SELECT DISTINCT region FROM articles WHERE region IS NOT NULL ORDER BY region")]
        outlets = [r[0] for r in self.db.execute(
            "SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY outlet")]
        lo, hi = self.db.execute("SELECT MIN(published), MAX(published) FROM articles").fetchone()
        return {"regions": regions, "outlets": outlets, "min_date": lo, "max_date": hi}

    # --- files (fast skip of unchanged inputs) --------------------------------------------------
    def file_digest(self, path: str) -> tuple[str, list[str]] | None:
        row = self.db.execute("SELECT digest, article_ids_json FROM files WHERE path=?", (path,)).fetchone()
        return (row[0], json.loads(row[1])) if row else None

    def record_file(self, db: sqlite3.Connection, path: str, digest: str, article_ids: list[str]) -> None:
        db.execute("INSERT OR REPLACE INTO files(path, digest, article_ids_json) VALUES (?,?,?)",
                   (path, digest, json.dumps(article_ids)))

    def articles_exist(self, ids: list[str]) -> bool:
        if not ids:
            return True
        n = self.db.execute(f"SELECT COUNT(*) FROM articles WHERE id IN ({','.join('?' * len(ids))})", ids)
        return n.fetchone()[0] == len(set(ids))

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None


def _unreachable(settings: Settings, exc: BaseException) -> StoreUnavailableError:
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return StoreUnavailableError(
        f"the Chroma server at {settings.chroma_url} is unreachable ({reason[:160]}); start it "
        "(`chroma run --path ...`) or unset SIAGA_CHROMA_URL to use the embedded store"
    )


def chroma_fault(settings: Settings, exc: BaseException) -> Exception | None:
    """The one-line error for an environment fault raised by Chroma, or None for anything else.

    A server that is down shows up as httpx transport errors, ``ConnectionError`` or chromadb's
    "Could not connect to a Chroma server"; the embedded store reports a full disk or a read-only
    folder in its own words.
    """
    import httpx

    if isinstance(exc, httpx.TransportError | ConnectionError) or (
        isinstance(exc, ValueError) and "could not connect" in str(exc).lower()
    ):
        return _unreachable(settings, exc)
    if settings.chroma_url and type(exc).__module__.startswith("chromadb") and any(
        word in str(exc).lower() for word in ("connect", "connection refused", "timed out")
    ):
        return _unreachable(settings, exc)
    if not settings.chroma_url:
        return storage_error(exc, settings.chroma_path)
    return None


@contextmanager
def chroma_errors(settings: Settings) -> Iterator[None]:
    """Turn Chroma's environment faults into one-line SiagaErrors; let bugs raise as they are."""
    try:
        yield
    except StoreUnavailableError:
        raise
    except Exception as exc:
        mapped = chroma_fault(settings, exc)
        if mapped is None:
            raise
        raise mapped from None


def chroma_client(settings: Settings) -> Any:
    """HttpClient when SIAGA_CHROMA_URL is set (the scale-out path), else an embedded PersistentClient."""
    settings.apply_runtime_env()
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    with chroma_errors(settings):
        if settings.chroma_url:
            from urllib.parse import urlparse

            url = urlparse(settings.chroma_url)
            return chromadb.HttpClient(
                host=url.hostname or "127.0.0.1",
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
        settings.chroma_path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)


_RETIRED_SYSTEMS: list[tuple[float, Any]] = []
RETIRE_AFTER_SECONDS = 120.0


def fresh_persistent_client(settings: Settings) -> Any:
    """A new embedded client that re-reads the collection from disk.

    chromadb caches one System per path per process, and a System's vector index does not see
    writes made by another process (measured: `count()` moves, queries do not). Dropping the cached
    entry makes the next client load the current state. The old System is not stopped at once (a
    query in another thread may still use it) but retired after two minutes.
    """
    from chromadb.api.shared_system_client import SharedSystemClient

    now = time.monotonic()
    for when, system in [r for r in _RETIRED_SYSTEMS if now - r[0] >= RETIRE_AFTER_SECONDS]:
        _RETIRED_SYSTEMS.remove((when, system))
        with contextlib.suppress(Exception):  # already stopped or half torn down: nothing to free
            system.stop()
    identifier = str(settings.chroma_path)
    with SharedSystemClient._refcount_lock:
        old = SharedSystemClient._identifier_to_system.pop(identifier, None)
        SharedSystemClient._identifier_to_refcount.pop(identifier, None)
    if old is not None:
        _RETIRED_SYSTEMS.append((now, old))
    return chroma_client(settings)


def chunk_metadata(article: Article, chunk: Chunk) -> dict[str, str | int | float | bool]:
    """Chroma takes only str/int/float/bool values; None fields are left out."""
    meta: dict[str, Any] = {
        "article_id": article.id,
        "chunk_index": chunk.index,
        "start": chunk.start,
        "end": chunk.end,
        "title": article.title,
        "language": article.language,
        "outlet": article.outlet,
        "region": article.region,
        "published": article.published,
        "published_ts": article.published_ts,
        "url": article.url,
    }
    return {k: v for k, v in meta.items() if v is not None}


def embedding_input(article: Article, chunk: Chunk) -> str:
    """What the model embeds for a chunk: the title gives every chunk its story's context."""
    return f"{article.title}\n{chunk.text}"


class VectorIndex:
    """The dense leg: a Chroma collection (cosine) accessed through llama-index's ChromaVectorStore.

    Every call goes through :func:`chroma_errors`, so a server that is down or a full disk is one
    clear line. A reader whose collection was replaced under it (a reindex after a model change, a
    repair) re-opens it by name and retries once instead of failing with ``NotFoundError``.
    """

    def __init__(self, settings: Settings, client: Any | None = None, name: str | None = None):
        self.settings = settings
        self.name = name or settings.collection
        self.client = client or chroma_client(settings)
        self._open(create=True)

    def _open(self, create: bool) -> None:
        with chroma_errors(self.settings):
            if create:
                self.collection = self.client.get_or_create_collection(self.name, metadata={"hnsw:space": "cosine"})
            else:
                self.collection = self.client.get_collection(self.name)
        self._store: Any = None

    @property
    def store(self) -> Any:
        """llama-index's ChromaVectorStore over the collection, imported only when vectors are read or written."""
        if self._store is None:
            from llama_index.vector_stores.chroma import ChromaVectorStore

            self._store = ChromaVectorStore(chroma_collection=self.collection)
        return self._store

    def reopen(self) -> None:
        """Look the collection up again by name (embedded: through a fresh client that re-reads the disk)."""
        from chromadb.errors import NotFoundError

        for attempt in range(2):
            if not self.settings.chroma_url:
                self.client = fresh_persistent_client(self.settings)
            try:
                self._open(create=False)
                return
            except NotFoundError:
                if attempt == 0:
                    time.sleep(0.2)  # a writer may be between dropping and recreating it
        where = self.settings.chroma_url or self.settings.chroma_path
        raise StoreUnavailableError(
            f"the vector collection '{self.name}' no longer exists in {where}; "
            "run `siaga doctor --repair` (or `siaga reindex`) to rebuild it"
        )

    def _retrying(self, call: Any) -> Any:
        """Run ``call()``; if the collection was dropped under us, re-open it and run it once more."""
        from chromadb.errors import NotFoundError

        with chroma_errors(self.settings):
            try:
                return call()
            except NotFoundError:
                pass
        self.reopen()
        with chroma_errors(self.settings):
            return call()

    def check_model(self, model_id: str, dim: int | None = None) -> None:
        """Refuse to mix models in one collection; record the model on first write."""
        meta = dict(self.collection.metadata or {})
        recorded = meta.get("embed_model")
        if recorded and recorded != model_id:
            raise EmbeddingMismatchError(
                f"collection '{self.name}' was built with embedding model '{recorded}' "
                f"(dim {meta.get('embed_dim')}), but SIAGA_EMBED_MODEL is '{model_id}'. "
                "Run `siaga reindex` to rebuild it with the current model, or set SIAGA_EMBED_MODEL back."
            )
        if dim is not None and recorded is None and self.count() == 0:
            self.record_model(model_id, dim)

    def record_model(self, model_id: str, dim: int) -> None:
        meta = dict(self.collection.metadata or {})
        meta.pop("hnsw:space", None)
        with chroma_errors(self.settings):
            self.collection.modify(metadata={**meta, "embed_model": model_id, "embed_dim": dim})

    def recorded_model(self) -> str | None:
        return (self.collection.metadata or {}).get("embed_model")

    def recorded_dim(self) -> int | None:
        dim = (self.collection.metadata or {}).get("embed_dim")
        return int(dim) if dim is not None else None

    def upsert(self, ids: list[str], embeddings: list[list[float]], documents: list[str],
               metadatas: list[dict[str, Any]]) -> None:
        """Upsert through llama-index nodes, in batches under Chroma's row limit."""
        from llama_index.core.schema import TextNode

        nodes = [
            TextNode(id_=i, text=d, embedding=e, metadata=m, excluded_embed_metadata_keys=list(m),
                     excluded_llm_metadata_keys=list(m))
            for i, e, d, m in zip(ids, embeddings, documents, metadatas)
        ]
        with chroma_errors(self.settings):
            for start in range(0, len(nodes), CHROMA_MAX_BATCH):
                batch = nodes[start : start + CHROMA_MAX_BATCH]
                self.collection.delete(ids=[n.node_id for n in batch])
                self.store.add(batch)

    def delete_ids(self, ids: list[str]) -> None:
        with chroma_errors(self.settings):
            for start in range(0, len(ids), CHROMA_MAX_BATCH):
                part = ids[start : start + CHROMA_MAX_BATCH]
                if part:
                    self.collection.delete(ids=part)

    def delete_article(self, article_id: str) -> None:
        with chroma_errors(self.settings):
            self.collection.delete(where={"article_id": article_id})

    def ids_of_article(self, article_id: str) -> list[str]:
        with chroma_errors(self.settings):
            return list(self.collection.get(where={"article_id": article_id}, include=[])["ids"])

    def count(self) -> int:
        return int(self._retrying(lambda: self.collection.count()))

    def scan(self, page: int = SCAN_PAGE) -> Iterator[tuple[str, bytes]]:
        """Every (vector id, digest of its stored document), a page at a time (memory stays flat)."""
        offset = 0
        while True:
            with chroma_errors(self.settings):
                got = self.collection.get(include=["documents"], limit=page, offset=offset)
            ids = got["ids"]
            if not ids:
                return
            yield from zip(ids, (text_digest(d) for d in got["documents"] or [None] * len(ids)))
            offset += len(ids)

    def query(self, embedding: list[float], k: int, filters: Filters | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) best first, restricted by ``filters``."""
        from llama_index.core.vector_stores.types import VectorStoreQuery

        def run() -> list[tuple[str, float]]:
            total = self.collection.count()
            if total == 0:
                return []
            result = self.store.query(
                VectorStoreQuery(query_embedding=embedding, similarity_top_k=max(1, min(k, total)),
                                 filters=to_metadata_filters(filters))
            )
            ids = result.ids or []
            sims = result.similarities or [0.0] * len(ids)
            return list(zip(ids, sims))

        return self._retrying(run)

    def reset(self) -> None:
        """Drop and recreate the collection (a reindex to a model of another dimension)."""
        from chromadb.errors import NotFoundError

        with chroma_errors(self.settings), contextlib.suppress(NotFoundError):
            self.client.delete_collection(self.name)
        self._open(create=True)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True


def dead_temp_dirs(parent: Path) -> list[Path]:
    """Keyword-index temp folders whose writing process no longer runs (killed mid-build)."""
    found: list[Path] = []
    with contextlib.suppress(OSError):
        for entry in Path(parent).iterdir():
            if not entry.name.startswith(BM25_TEMP_PREFIX) or not entry.is_dir():
                continue
            pid_part = entry.name[len(BM25_TEMP_PREFIX):].split("-", 1)[0]
            if not pid_part.isdigit() or not _pid_alive(int(pid_part)):
                found.append(entry)
    return found


def remove_dead_temp_dirs(parent: Path) -> list[Path]:
    removed = dead_temp_dirs(parent)
    for entry in removed:
        shutil.rmtree(entry, ignore_errors=True)
    return removed


def date_to_ts(iso: str, end_of_day: bool = False) -> int:
    import datetime as dt

    day = dt.date.fromisoformat(iso[:10])
    ts = int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())
    return ts + 86399 if end_of_day else ts


def to_metadata_filters(filters: Filters | None) -> Any:
    """Filters -> llama-index MetadataFilters (ChromaVectorStore turns them into a Chroma `where`)."""
    if filters is None or filters.is_empty():
        return None
    from llama_index.core.vector_stores.types import FilterCondition, FilterOperator, MetadataFilter, MetadataFilters

    parts: list[MetadataFilter] = []
    if filters.since:
        parts.append(MetadataFilter(key="published_ts", value=date_to_ts(filters.since), operator=FilterOperator.GTE))
    if filters.until:
        parts.append(MetadataFilter(key="published_ts", value=date_to_ts(filters.until, True),
                                    operator=FilterOperator.LTE))
    if filters.regions:
        parts.append(MetadataFilter(key="region", value=list(filters.regions), operator=FilterOperator.IN))
    if filters.outlets:
        parts.append(MetadataFilter(key="outlet", value=list(filters.outlets), operator=FilterOperator.IN))
    return MetadataFilters(filters=parts, condition=FilterCondition.AND)


class KeywordIndex:
    """The keyword leg: BM25 (bm25s) over stemmed, number-normalised chunk tokens, persisted on disk.

    Built at ingest time from the SQLite chunks; loaded (memory-mapped) by readers and rebuilt only
    when the store's generation moved on.
    """

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self._bm25: Any = None
        self.chunk_ids: list[str] = []
        self.article_ids: list[str] = []
        self.regions: np.ndarray = np.array([], dtype=object)
        self.outlets: np.ndarray = np.array([], dtype=object)
        self.published_ts: np.ndarray = np.array([], dtype=np.int64)
        self.generation = -1

    @staticmethod
    def build(store: ArticleStore, directory: Path) -> KeywordIndex:
        """Tokenise every chunk (title included) and persist the index atomically.

        The index is written to a temporary folder named after this process and renamed into place;
        folders left by processes that died half-way are removed first.
        """
        try:
            return KeywordIndex._build(store, Path(directory))
        except OSError as exc:
            raise storage_error(exc, Path(directory).parent) or exc from None

    @staticmethod
    def _build(store: ArticleStore, directory: Path) -> KeywordIndex:
        import tempfile

        import bm25s

        rows = store.all_chunk_rows()
        generation = store.generation()
        directory.parent.mkdir(parents=True, exist_ok=True)
        remove_dead_temp_dirs(directory.parent)
        tmp = Path(tempfile.mkdtemp(prefix=f"{BM25_TEMP_PREFIX}{os.getpid()}-", dir=directory.parent))
        try:
            docs = []
            for r in rows:
                tokens = keyword_tokens(f"{r['title']}\n{r['text']}")
                docs.append(tokens or ["_empty_"])
            if docs:
                bm25 = bm25s.BM25(method="lucene", k1=1.2, b=0.75)
                bm25.index(docs, show_progress=False)
                bm25.save(str(tmp / "bm25"), show_progress=False)
            meta = {
                "generation": generation,
                "chunk_ids": [r["id"] for r in rows],
                "article_ids": [r["article_id"] for r in rows],
                "regions": [r["region"] for r in rows],
                "outlets": [r["outlet"] for r in rows],
                "published_ts": [r["published_ts"] if r["published_ts"] is not None else -1 for r in rows],
            }
            (tmp / "meta.json").write_text(json.dumps(meta, ensure_ascii=False))
            old = directory.with_name(directory.name + ".old")
            if directory.exists():
                if old.exists():
                    shutil.rmtree(old)
                os.replace(directory, old)
            os.replace(tmp, directory)
            if old.exists():
                shutil.rmtree(old, ignore_errors=True)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        index = KeywordIndex(directory)
        index.load()
        return index

    def load(self) -> bool:
        """Load from disk; False when nothing is built yet (or what is there is unreadable)."""
        import bm25s

        meta_path = self.directory / "meta.json"
        if not meta_path.exists():
            return False
        try:
            meta = json.loads(meta_path.read_text())
        except (OSError, ValueError):
            return False
        self.chunk_ids = meta["chunk_ids"]
        self.article_ids = meta["article_ids"]
        self.regions = np.array(meta["regions"], dtype=object)
        self.outlets = np.array(meta["outlets"], dtype=object)
        self.published_ts = np.array(meta["published_ts"], dtype=np.int64)
        self.generation = int(meta["generation"])
        self._bm25 = (
            bm25s.BM25.load(str(self.directory / "bm25"), mmap=False, show_progress=False)
            if self.chunk_ids
            else None
        )
        return True

    def mask(self, filters: Filters | None) -> np.ndarray | None:
        if filters is None or filters.is_empty() or not self.chunk_ids:
            return None
        keep = np.ones(len(self.chunk_ids), dtype=bool)
        if filters.since:
            keep &= self.published_ts >= date_to_ts(filters.since)
        if filters.until:
            keep &= (self.published_ts <= date_to_ts(filters.until, True)) & (self.published_ts >= 0)
        if filters.regions:
            keep &= np.isin(self.regions, list(filters.regions))
        if filters.outlets:
            keep &= np.isin(self.outlets, list(filters.outlets))
        return keep

    def query(
        self, tokens: list[str] | Mapping[str, float], k: int, filters: Filters | None = None
    ) -> list[tuple[str, float]]:
        """(chunk id, BM25 score) best first; only chunks with a positive score.

        ``tokens`` may map each token to a weight (a glossary synonym counts less than the asker's word).
        """
        if self._bm25 is None or not tokens:
            return []
        if isinstance(tokens, Mapping):
            by_weight: dict[float, list[str]] = {}
            for token, weight in tokens.items():
                if weight > 0:
                    by_weight.setdefault(float(weight), []).append(token)
            if not by_weight:
                return []
            scores = sum(w * self._bm25.get_scores(group) for w, group in by_weight.items())
        else:
            scores = self._bm25.get_scores(list(tokens))
        mask = self.mask(filters)
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self.chunk_ids[i], float(scores[i])) for i in top if scores[i] > 0]
