"""Durable stores: cleaned articles and chunks in SQLite, vectors in Chroma, keywords in BM25.

SQLite is the source of truth: ``reindex`` and the UI need no original files, and a crash between
the Chroma write and the SQLite commit is repaired by the next ingest (chunk ids are deterministic,
so re-upserting them never duplicates). A ``generation`` counter in SQLite tells readers (the app,
the keyword index) that the corpus changed.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from siaga.settings import Settings
from siaga.text import keyword_tokens
from siaga.types import Article, Chunk, Filters

CHROMA_MAX_BATCH = 5000  # Chroma rejects batches over 5,461 rows

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
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self.db.executescript(_SCHEMA)

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
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

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

    def chunk_ids(self, article_id: str) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM chunks WHERE article_id=? ORDER BY idx", (article_id,))]

    def chunks_of(self, article_id: str) -> list[Chunk]:
        rows = self.db.execute("SELECT * FROM chunks WHERE article_id=? ORDER BY idx", (article_id,)).fetchall()
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
        last = self.get_meta("last_ingest")
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


class EmbeddingMismatchError(RuntimeError):
    """The collection was built with another embedding model; mixing vectors would be meaningless."""


def chroma_client(settings: Settings) -> Any:
    """HttpClient when SIAGA_CHROMA_URL is set (the scale-out path), else an embedded PersistentClient."""
    settings.apply_runtime_env()
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
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
    """The dense leg: a Chroma collection (cosine) accessed through llama-index's ChromaVectorStore."""

    def __init__(self, settings: Settings, client: Any | None = None):
        self.settings = settings
        self.client = client or chroma_client(settings)
        self.collection = self.client.get_or_create_collection(
            settings.collection, metadata={"hnsw:space": "cosine"}
        )
        from llama_index.vector_stores.chroma import ChromaVectorStore

        self.store = ChromaVectorStore(chroma_collection=self.collection)

    def check_model(self, model_id: str, dim: int | None = None) -> None:
        """Refuse to mix models in one collection; record the model on first write."""
        meta = dict(self.collection.metadata or {})
        recorded = meta.get("embed_model")
        if recorded and recorded != model_id:
            raise EmbeddingMismatchError(
                f"collection '{self.settings.collection}' was built with embedding model '{recorded}' "
                f"(dim {meta.get('embed_dim')}), but SIAGA_EMBED_MODEL is '{model_id}'. "
                "Run `siaga reindex` to rebuild it with the current model, or set SIAGA_EMBED_MODEL back."
            )
        if dim is not None and recorded is None and self.collection.count() == 0:
            meta.pop("hnsw:space", None)
            self.collection.modify(metadata={**meta, "embed_model": model_id, "embed_dim": dim})

    def recorded_model(self) -> str | None:
        return (self.collection.metadata or {}).get("embed_model")

    def upsert(self, ids: list[str], embeddings: list[list[float]], documents: list[str],
               metadatas: list[dict[str, Any]]) -> None:
        """Upsert through llama-index nodes, in batches under Chroma's row limit."""
        from llama_index.core.schema import TextNode

        nodes = [
            TextNode(id_=i, text=d, embedding=e, metadata=m, excluded_embed_metadata_keys=list(m),
                     excluded_llm_metadata_keys=list(m))
            for i, e, d, m in zip(ids, embeddings, documents, metadatas)
        ]
        for start in range(0, len(nodes), CHROMA_MAX_BATCH):
            batch = nodes[start : start + CHROMA_MAX_BATCH]
            self.collection.delete(ids=[n.node_id for n in batch])
            self.store.add(batch)

    def delete_ids(self, ids: list[str]) -> None:
        for start in range(0, len(ids), CHROMA_MAX_BATCH):
            part = ids[start : start + CHROMA_MAX_BATCH]
            if part:
                self.collection.delete(ids=part)

    def delete_article(self, article_id: str) -> None:
        self.collection.delete(where={"article_id": article_id})

    def ids_of_article(self, article_id: str) -> list[str]:
        return list(self.collection.get(where={"article_id": article_id}, include=[])["ids"])

    def count(self) -> int:
        return self.collection.count()

    def query(self, embedding: list[float], k: int, filters: Filters | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) best first, restricted by ``filters``."""
        from llama_index.core.vector_stores.types import VectorStoreQuery

        k = max(1, min(k, self.count()))
        if self.count() == 0:
            return []
        result = self.store.query(
            VectorStoreQuery(query_embedding=embedding, similarity_top_k=k, filters=to_metadata_filters(filters))
        )
        ids = result.ids or []
        sims = result.similarities or [0.0] * len(ids)
        return list(zip(ids, sims))

    def reset(self) -> None:
        """Drop and recreate the collection (reindex)."""
        import contextlib

        with contextlib.suppress(Exception):
            self.client.delete_collection(self.settings.collection)
        self.collection = self.client.get_or_create_collection(
            self.settings.collection, metadata={"hnsw:space": "cosine"}
        )
        from llama_index.vector_stores.chroma import ChromaVectorStore

        self.store = ChromaVectorStore(chroma_collection=self.collection)


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
        """Tokenise every chunk (title included) and persist the index atomically."""
        import os
        import shutil
        import tempfile

        import bm25s

        rows = store.all_chunk_rows()
        generation = store.generation()
        directory = Path(directory)
        directory.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".bm25-", dir=directory.parent))
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
        """Load from disk; False when nothing is built yet."""
        import bm25s

        meta_path = self.directory / "meta.json"
        if not meta_path.exists():
            return False
        meta = json.loads(meta_path.read_text())
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
