"""The ingest pipeline: files -> Articles -> Chunks -> vectors + keywords, idempotent and crash-safe.

Identity and idempotency follow simonw/llm: an article is keyed by its id and a hash of its cleaned
text; an unchanged article is skipped without embedding (a run where nothing changed never loads the
model), a changed one replaces exactly its own chunks. Order of writes: vectors first (deterministic
ids, upsert), then one SQLite transaction per article; a crash in between is repaired by rerunning.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from ingest.chunking import chunk_article
from ingest.loaders import LoadError, expand_paths, load_file
from ingest.normalize import build_article
from siaga.embedding import torch_threads
from siaga.settings import DuplicatePolicy, Settings
from siaga.store import ArticleStore, KeywordIndex, VectorIndex, chunk_metadata, embedding_input
from siaga.types import Article, Chunk

ARTICLES_PER_BATCH = 16


class IngestLockedError(RuntimeError):
    """Another writer holds the ingest lock."""


@dataclass
class Failure:
    path: str
    error: str


@dataclass
class IngestSummary:
    """What one run did; printed by `siaga ingest --json` and shown by the UI."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    failed: list[Failure] = field(default_factory=list)
    chunks_embedded: int = 0
    seconds: float = 0.0
    dry_run: bool = False
    deleted: int = 0
    events: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "duplicates": self.duplicates,
            "failed": [{"path": f.path, "error": f.error} for f in self.failed],
            "chunks_embedded": self.chunks_embedded,
            "seconds": round(self.seconds, 3),
            "dry_run": self.dry_run,
        }


@dataclass
class Progress:
    """Counts handed to a progress callback after each batch."""

    articles_done: int
    articles_total: int
    chunks_done: int
    elapsed: float


ProgressCallback = Callable[[Progress], None]


def _source_key(source_path: str | None) -> str:
    """A source path with its file part resolved, so `data/x.txt` and `./data/x.txt` match."""
    if not source_path:
        return ""
    file_part, sep, rest = source_path.partition("#")
    return str(Path(file_part).resolve()) + sep + rest


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class Ingestor:
    """Holds the stores and (lazily) the embedding model for one or more runs."""

    def __init__(self, settings: Settings, embedder: Any | None = None):
        self.settings = settings
        self.store = ArticleStore(settings.sqlite_path)
        self._embedder = embedder
        self._vectors: VectorIndex | None = None

    # lazily created: an unchanged run touches neither the model nor Chroma
    @property
    def embedder(self) -> Any:
        if self._embedder is None:
            from siaga.embedding import load_embedder

            self._embedder = load_embedder(self.settings)
        return self._embedder

    @property
    def vectors(self) -> VectorIndex:
        if self._vectors is None:
            self._vectors = VectorIndex(self.settings)
        return self._vectors

    def lock(self) -> FileLock:
        self.settings.lock_path.parent.mkdir(parents=True, exist_ok=True)
        return FileLock(str(self.settings.lock_path), timeout=self.settings.lock_timeout)

    def _acquire(self) -> FileLock:
        lock = self.lock()
        try:
            lock.acquire()
        except Timeout:
            raise IngestLockedError(
                f"another ingest is writing to {self.settings.resolved_index_dir} "
                f"(lock {self.settings.lock_path} is held); try again when it has finished"
            ) from None
        return lock

    # --- public operations ----------------------------------------------------------------------
    def ingest(
        self,
        paths: Iterable[str],
        on_duplicate: DuplicatePolicy = DuplicatePolicy.SKIP,
        dry_run: bool = False,
        progress: ProgressCallback | None = None,
    ) -> IngestSummary:
        started = time.perf_counter()
        summary = IngestSummary(dry_run=dry_run)
        lock = self._acquire()
        try:
            pending, file_records = self._collect(list(paths), on_duplicate, summary)
            if not dry_run:
                self._write(pending, summary, progress, started)
                with self.store.transaction() as db:
                    for path, digest, ids in file_records:
                        self.store.record_file(db, path, digest, ids)
                    if pending:
                        from siaga.embedding import model_id

                        self.store.set_meta(db, "last_ingest", str(time.time()))
                        self.store.set_meta(db, "embed_model", model_id(self.settings))
                self._refresh_keywords(force=bool(pending) or summary.deleted > 0)
        finally:
            lock.release()
        summary.seconds = time.perf_counter() - started
        return summary

    def delete(self, id_or_url: str) -> str | None:
        lock = self._acquire()
        try:
            article_id = self.store.find(id_or_url)
            if article_id is None:
                return None
            self.vectors.delete_article(article_id)
            with self.store.transaction() as db:
                self.store.delete(db, article_id)
                db.execute("DELETE FROM files WHERE article_ids_json LIKE ?", (f'%"{article_id}"%',))
                self.store.bump_generation(db)
            self._refresh_keywords(force=True)
            return article_id
        finally:
            lock.release()

    def reindex(self, progress: ProgressCallback | None = None) -> IngestSummary:
        """Rebuild every chunk and vector from the stored articles (after a model or chunker change)."""
        started = time.perf_counter()
        summary = IngestSummary()
        lock = self._acquire()
        try:
            articles = list(self.store.iter_articles())
            self.vectors.reset()
            self._write([(a, "updated", None) for a in articles], summary, progress, started)
            summary.updated = len(articles)
            self._refresh_keywords(force=True)
        finally:
            lock.release()
        summary.seconds = time.perf_counter() - started
        return summary

    # --- steps ------------------------------------------------------------------------------------
    def _collect(
        self, paths: list[str], on_duplicate: DuplicatePolicy, summary: IngestSummary
    ) -> tuple[list[tuple[Article, str, str | None]], list[tuple[str, str, list[str]]]]:
        """Parse inputs; decide per article: new, updated, unchanged, duplicate (or failed)."""
        files, failures = expand_paths(paths)
        summary.failed.extend(Failure(f.path, f.error) for f in failures)
        pending: list[tuple[Article, str, str | None]] = []  # (article, "new"|"updated", replaces id)
        file_records: list[tuple[str, str, list[str]]] = []
        seen_ids: dict[str, str] = {}
        seen_hashes: dict[str, str] = {}
        max_bytes = int(self.settings.max_file_mb * 1024 * 1024)
        for path in files:
            key = str(path.resolve())
            try:
                digest = file_digest(path)
            except OSError as exc:
                summary.failed.append(Failure(str(path), f"cannot read file: {exc.strerror or exc}"))
                continue
            known = self.store.file_digest(key)
            if known and known[0] == digest and self.store.articles_exist(known[1]):
                summary.unchanged += len(known[1])
                for article_id in known[1]:
                    seen_ids.setdefault(article_id, str(path))
                continue
            try:
                raws, partial = load_file(path, max_bytes)
            except LoadError as exc:
                summary.failed.append(Failure(str(path), str(exc)))
                continue
            summary.failed.extend(Failure(f.path, f.error) for f in partial)
            previous = self._previous_by_source(known[1] if known else [])
            ids_in_file: list[str] = []
            file_ok = not partial
            for raw in raws:
                try:
                    article = build_article(raw)
                except LoadError as exc:
                    summary.failed.append(Failure(raw.source_path, str(exc)))
                    file_ok = False
                    continue
                before = len(summary.failed), summary.duplicates
                decision = self._classify(article, on_duplicate, seen_ids, seen_hashes, summary)
                old_id = previous.get(_source_key(article.source_path))
                if decision is not None and decision[2] is None and old_id and old_id != article.id:
                    # an id-less, URL-less article whose text was edited: same source, new text hash
                    decision = (article, "updated", old_id)
                if decision is not None:
                    pending.append(decision)
                    ids_in_file.append(article.id)
                    summary.events.append({"id": article.id, "title": article.title, "action": decision[1]})
                elif (len(summary.failed), summary.duplicates) == before:
                    ids_in_file.append(article.id)  # unchanged
                else:
                    file_ok = False  # failed or duplicate: read this file again next time
            if file_ok and ids_in_file:
                file_records.append((key, digest, ids_in_file))
        summary.new = sum(1 for _, action, _ in pending if action == "new")
        summary.updated = sum(1 for _, action, _ in pending if action == "updated")
        return pending, file_records

    def _previous_by_source(self, article_ids: list[str]) -> dict[str, str]:
        """Articles this file produced last time, by source (file + line), to replace edited ones."""
        found = self.store.get_many(article_ids)
        return {_source_key(a.source_path): a.id for a in found.values() if a.source_path}

    def _classify(
        self,
        article: Article,
        on_duplicate: DuplicatePolicy,
        seen_ids: dict[str, str],
        seen_hashes: dict[str, str],
        summary: IngestSummary,
    ) -> tuple[Article, str, str | None] | None:
        source = article.source_path or article.id
        if article.id in seen_ids and seen_ids[article.id] != source:
            first = seen_ids[article.id]
            summary.failed.append(Failure(source, f"article id '{article.id}' was already read from {first}"))
            return None
        seen_ids[article.id] = source
        text_hash = article.hash
        stored_hash = self.store.hash_of(article.id)
        if stored_hash == text_hash:
            summary.unchanged += 1
            seen_hashes.setdefault(text_hash, article.id)
            return None
        other = seen_hashes.get(text_hash) or self.store.id_with_hash(text_hash)
        if other and other != article.id:
            if on_duplicate == DuplicatePolicy.FAIL:
                summary.failed.append(Failure(source, f"same text as already ingested article '{other}'"))
                return None
            if on_duplicate == DuplicatePolicy.SKIP:
                summary.duplicates += 1
                summary.events.append({"id": article.id, "title": article.title, "action": f"duplicate of {other}"})
                return None
            summary.duplicates += 1
            seen_hashes[text_hash] = article.id
            return (article, "updated" if stored_hash else "new", other)
        seen_hashes[text_hash] = article.id
        return (article, "updated" if stored_hash else "new", None)

    def _write(
        self,
        pending: list[tuple[Article, str, str | None]],
        summary: IngestSummary,
        progress: ProgressCallback | None,
        started: float,
    ) -> None:
        if not pending:
            return
        from siaga.embedding import model_id, release_free_memory

        self.vectors.check_model(model_id(self.settings))  # before loading a model that may not exist
        embedder = self.embedder
        self.vectors.check_model(model_id(self.settings), embedder.dimension)
        done = 0
        for start in range(0, len(pending), ARTICLES_PER_BATCH):
            batch = pending[start : start + ARTICLES_PER_BATCH]
            chunked: list[tuple[Article, list[Chunk], str | None]] = []
            for article, _, replaces in batch:
                chunks = chunk_article(
                    article,
                    embedder.count_tokens,
                    target_tokens=self.settings.chunk_target_tokens,
                    max_tokens=self.settings.chunk_max_tokens,
                    overlap_sentences=self.settings.chunk_overlap_sentences,
                )
                chunked.append((article, chunks, replaces))
            inputs = [embedding_input(a, c) for a, chunks, _ in chunked for c in chunks]
            with torch_threads(self.settings.threads):
                vectors = embedder.get_text_embedding_batch(inputs) if inputs else []
            release_free_memory()  # activations of varying shapes otherwise pile up as unreturned heap
            offset = 0
            for article, chunks, replaces in chunked:
                own = vectors[offset : offset + len(chunks)]
                offset += len(chunks)
                self._commit_article(article, chunks, own, replaces)
                summary.chunks_embedded += len(chunks)
            done += len(batch)
            if progress:
                progress(Progress(done, len(pending), summary.chunks_embedded, time.perf_counter() - started))

    def _commit_article(
        self, article: Article, chunks: list[Chunk], vectors: list[list[float]], replaces: str | None
    ) -> None:
        new_ids = [c.id for c in chunks]
        stale = set(self.vectors.ids_of_article(article.id)) - set(new_ids)
        self.vectors.upsert(
            new_ids, vectors, [c.text for c in chunks], [chunk_metadata(article, c) for c in chunks]
        )
        self.vectors.delete_ids(sorted(stale))
        if replaces:
            self.vectors.delete_article(replaces)
        with self.store.transaction() as db:
            if replaces:
                self.store.delete(db, replaces)
            self.store.put(db, article, chunks)
            self.store.bump_generation(db)

    def _refresh_keywords(self, force: bool) -> None:
        index = KeywordIndex(self.settings.bm25_dir)
        stale = not index.load() or index.generation != self.store.generation()
        if force or stale:
            KeywordIndex.build(self.store, self.settings.bm25_dir)


def ingest_paths(
    paths: Iterable[str],
    settings: Settings,
    on_duplicate: DuplicatePolicy = DuplicatePolicy.SKIP,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
    embedder: Any | None = None,
) -> IngestSummary:
    """Library entry point used by the CLI, the UI's ingest page and the eval runner."""
    return Ingestor(settings, embedder=embedder).ingest(paths, on_duplicate, dry_run, progress)
