"""The ingest pipeline: files -> Articles -> Chunks -> vectors + keywords, idempotent and crash-safe.

Identity and idempotency follow simonw/llm: an article is keyed by its id and a hash of its cleaned
text; an unchanged article is skipped without embedding (a run where nothing changed never loads the
model), a changed one replaces exactly its own chunks. What is not an article (``ingest.gate``) is
refused with one line, and any one file that cannot be read fails alone: the other files still go in.

Order of writes per article: its vectors first, streamed to Chroma a batch of chunks at a time (so a
huge article never holds all its vectors in memory), then one SQLite transaction, then the removal of
vectors it no longer has. A crash at any point leaves only disagreements that ``ingest.doctor`` finds
and the next ingest (or ``siaga doctor --repair``) repairs from SQLite before it writes anything.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from ingest.chunking import chunk_article
from ingest.doctor import Diagnosis, diagnose
from ingest.gate import article_refusal, raw_refusal, source_label, too_short
from ingest.loaders import LoadError, expand_paths, load_file
from ingest.normalize import EmptyArticleError, build_article
from siaga.embedding import torch_threads
from siaga.errors import IngestLockedError, SiagaError, storage_error
from siaga.settings import DuplicatePolicy, Settings
from siaga.store import (
    ArticleStore,
    KeywordIndex,
    VectorIndex,
    chunk_metadata,
    embedding_input,
    remove_dead_temp_dirs,
)
from siaga.types import Article, Chunk

EMBED_STREAM_CHUNKS = 64  # chunks embedded and written to Chroma per step: bounds memory for any article size

__all__ = ["IngestLockedError", "IngestSummary", "Ingestor", "Progress", "ingest_paths"]


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
    repaired: int = 0  # stored articles whose vectors were missing or stale, embedded again
    orphans_removed: int = 0  # vectors of no stored chunk, removed
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
            "repaired": self.repaired,
            "orphans_removed": self.orphans_removed,
        }


@dataclass
class Progress:
    """Counts handed to a progress callback after each batch."""

    articles_done: int
    articles_total: int
    chunks_done: int
    elapsed: float


ProgressCallback = Callable[[Progress], None]
Pending = tuple[Article, str, str | None]  # (article, "new"|"updated", id it replaces)


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


def _failure(source_path: str, reason: str) -> Failure:
    """A failure whose message names the file (and line/row/item) first, as every other failure does."""
    return Failure(source_path, f"{source_label(source_path)}: {reason}")


@dataclass
class _Seen:
    """Where an article id was first met in this run, and its text hash (None: not read, file unchanged)."""

    source: str
    text_hash: str | None


class Ingestor:
    """Holds the stores and (lazily) the embedding model for one or more runs."""

    def __init__(self, settings: Settings, embedder: Any | None = None):
        self.settings = settings
        self.store = ArticleStore(settings.sqlite_path)
        self._embedder = embedder
        self._vectors: VectorIndex | None = None

    # lazily created: an unchanged run never loads the model
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
        try:
            self.settings.lock_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise storage_error(exc, self.settings.resolved_index_dir) or exc from None
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
        except OSError as exc:
            raise storage_error(exc, self.settings.lock_path, "create the lock file") or exc from None
        return lock

    def _model_id(self) -> str:
        from siaga.embedding import model_id

        return model_id(self.settings)

    # --- public operations ----------------------------------------------------------------------
    def ingest(
        self,
        paths: Iterable[str],
        on_duplicate: DuplicatePolicy = DuplicatePolicy.SKIP,
        dry_run: bool = False,
        progress: ProgressCallback | None = None,
    ) -> IngestSummary:
        """Read ``paths`` and store what changed; first repair whatever a crash left behind."""
        started = time.perf_counter()
        summary = IngestSummary(dry_run=dry_run)
        lock = self._acquire()
        try:
            pending, file_records = self._collect(list(paths), on_duplicate, summary)
            if not dry_run:
                skip = {a.id for a, _, _ in pending} | {r for _, _, r in pending if r}
                diagnosis = self.diagnose()
                if pending or diagnosis.damaged:
                    self.vectors.check_model(self._model_id())  # before loading a model that may not fit
                self.repair(diagnosis, skip=skip, summary=summary, progress=progress, started=started,
                            extra_total=len(pending))
                failed_ids = self._write(pending, summary, progress, started)
                with self.store.transaction() as db:
                    for path, digest, ids in file_records:
                        if not failed_ids.intersection(ids):
                            self.store.record_file(db, path, digest, ids)
                    if pending:
                        self.store.set_meta(db, "embed_model", self._model_id())
                self._refresh_keywords(force=bool(pending) or summary.deleted > 0 or bool(diagnosis.keywords))
        finally:
            lock.release()
        summary.seconds = time.perf_counter() - started
        return summary

    def delete(self, id_or_url: str) -> str | None:
        """Remove one article: SQLite first, then its vectors (a crash in between leaves only orphans)."""
        lock = self._acquire()
        try:
            vectors = self.vectors  # reach Chroma before changing anything: a server that is down changes nothing
            article_id = self.store.find(id_or_url)
            if article_id is None:
                stray = vectors.ids_of_article(id_or_url)  # left by a crash before its commit
                if stray:
                    self.vectors.delete_ids(stray)
                    return id_or_url
                return None
            with self.store.transaction() as db:
                self.store.delete(db, article_id)
                db.execute("DELETE FROM files WHERE article_ids_json LIKE ?", (f'%"{article_id}"%',))
                self.store.bump_generation(db)
            self.vectors.delete_article(article_id)
            self._refresh_keywords(force=True)
            return article_id
        finally:
            lock.release()

    def reindex(self, progress: ProgressCallback | None = None) -> IngestSummary:
        """Rebuild every chunk and vector from the stored articles (after a model or chunker change).

        With the same model the collection is rewritten in place, article by article, so readers keep
        a complete index throughout and a killed reindex leaves nothing missing. A new model (whose
        vectors must not mix with the old) gets a fresh collection.
        """
        started = time.perf_counter()
        summary = IngestSummary()
        lock = self._acquire()
        try:
            embedder = self.embedder
            model = self._model_id()
            if self.vectors.recorded_model() not in (None, model) or self.vectors.recorded_dim() not in (
                None, embedder.dimension
            ):
                self.vectors.reset()
            self.vectors.check_model(model, embedder.dimension)
            ids = [r[0] for r in self.store.db.execute("SELECT id FROM articles ORDER BY id")]
            done = 0
            for article_id in ids:
                article = self.store.get(article_id)
                if article is None:
                    continue
                chunks = self._chunk(article)
                self._store_article(article, chunks, None, summary, progress, started, (done, len(ids)))
                done += 1
                if progress:
                    progress(Progress(done, len(ids), summary.chunks_embedded, time.perf_counter() - started))
            summary.updated = done
            orphans = self.diagnose().orphans
            self.vectors.delete_ids(orphans)
            summary.orphans_removed = len(orphans)
            self._refresh_keywords(force=True)
        finally:
            lock.release()
        summary.seconds = time.perf_counter() - started
        return summary

    def diagnose(self, integrity: bool = False) -> Diagnosis:
        """How the three stores disagree right now (see ``ingest.doctor``)."""
        return diagnose(self.settings, self.store, self.vectors, self._model_id(), integrity)

    def doctor(self, repair: bool = False) -> tuple[Diagnosis, IngestSummary | None, Diagnosis | None]:
        """`siaga doctor`: the diagnosis, under the writer lock; with ``repair`` also the repair and a re-check."""
        lock = self._acquire()
        try:
            before = self.diagnose(integrity=True)
            if not repair or before.ok:
                return before, None, None
            summary = IngestSummary()
            if before.damaged:
                self.vectors.check_model(self._model_id())
            self.repair(before, summary=summary)
            self._refresh_keywords(force=True)
            return before, summary, self.diagnose(integrity=True)
        finally:
            lock.release()

    def repair(
        self,
        diagnosis: Diagnosis,
        skip: set[str] | None = None,
        summary: IngestSummary | None = None,
        progress: ProgressCallback | None = None,
        started: float | None = None,
        extra_total: int = 0,
    ) -> IngestSummary:
        """Make Chroma and the leftovers agree with SQLite (call with the lock held).

        Orphan vectors go; articles with missing or stale vectors are embedded again from their stored
        chunks (those in ``skip`` are about to be rewritten anyway); the keyword index is rebuilt by the
        caller when it disagrees.
        """
        summary = summary if summary is not None else IngestSummary()
        started = started if started is not None else time.perf_counter()
        if diagnosis.orphans:
            self.vectors.delete_ids(diagnosis.orphans)
            summary.orphans_removed += len(diagnosis.orphans)
        damaged = sorted(diagnosis.damaged - (skip or set()))
        total = len(damaged) + extra_total
        for done, article_id in enumerate(damaged, start=1):
            article = self.store.get(article_id)
            chunks = self.store.chunks_of(article_id)
            if article is None or not chunks:
                continue
            stored = set(self.vectors.ids_of_article(article_id))
            self._embed_to_chroma(article, chunks, summary, progress, started, (done - 1, total))
            self.vectors.delete_ids(sorted(stored - {c.id for c in chunks}))
            summary.repaired += 1
            if progress:
                progress(Progress(done, total, summary.chunks_embedded, time.perf_counter() - started))
        remove_dead_temp_dirs(self.settings.resolved_index_dir)
        old = self.settings.bm25_dir.with_name(self.settings.bm25_dir.name + ".old")
        if old.exists() and self.settings.bm25_dir.exists():
            shutil.rmtree(old, ignore_errors=True)
        needs_meta = diagnosis.dangling_files or diagnosis.last_ingest_missing or damaged
        if needs_meta:
            with self.store.transaction() as db:
                if diagnosis.dangling_files:
                    stored_ids = {r[0] for r in db.execute("SELECT id FROM articles")}
                    for path, ids_json in db.execute("SELECT path, article_ids_json FROM files").fetchall():
                        if not set(json.loads(ids_json)) <= stored_ids:
                            db.execute("DELETE FROM files WHERE path=?", (path,))
                if diagnosis.last_ingest_missing:
                    last = self.store.get_meta("last_change")
                    self.store.set_meta(db, "last_ingest", last or str(time.time()))
                if damaged:
                    self.store.bump_generation(db)  # readers re-open the vectors
        return summary

    # --- steps ------------------------------------------------------------------------------------
    def _collect(
        self, paths: list[str], on_duplicate: DuplicatePolicy, summary: IngestSummary
    ) -> tuple[list[Pending], list[tuple[str, str, list[str]]]]:
        """Parse inputs; decide per article: new, updated, unchanged, duplicate (or failed)."""
        files, failures = expand_paths(paths)
        summary.failed.extend(Failure(f.path, f.error) for f in failures)
        pending: list[Pending] = []
        file_records: list[tuple[str, str, list[str]]] = []
        seen: dict[str, _Seen] = {}
        seen_hashes: dict[str, str] = {}
        for path in files:
            try:
                record = self._collect_file(path, on_duplicate, summary, pending, seen, seen_hashes)
            except SiagaError:
                raise
            except LoadError as exc:
                summary.failed.append(Failure(str(path), str(exc)))
                continue
            except RecursionError:
                summary.failed.append(Failure(str(path), f"{path}: nested too deeply to be an article"))
                continue
            except MemoryError:
                raise
            except Exception as exc:  # one unreadable file must not abort the run (the others still go in)
                reason = " ".join(str(exc).split())[:200] or "no detail"
                summary.failed.append(Failure(str(path), f"{path}: cannot be read ({type(exc).__name__}: {reason})"))
                continue
            if record:
                file_records.append(record)
        summary.new = sum(1 for _, action, _ in pending if action == "new")
        summary.updated = sum(1 for _, action, _ in pending if action == "updated")
        return pending, file_records

    def _collect_file(
        self,
        path: Path,
        on_duplicate: DuplicatePolicy,
        summary: IngestSummary,
        pending: list[Pending],
        seen: dict[str, _Seen],
        seen_hashes: dict[str, str],
    ) -> tuple[str, str, list[str]] | None:
        """One file's articles into ``pending``; the file record to keep when all of them went well."""
        key = str(path.resolve())
        try:
            digest = file_digest(path)
        except OSError as exc:
            raise LoadError(path, f"cannot read file: {exc.strerror or exc}") from None
        known = self.store.file_digest(key)
        if known and known[0] == digest and self.store.articles_exist(known[1]):
            summary.unchanged += len(known[1])
            for article_id in known[1]:
                seen.setdefault(article_id, _Seen(str(path), None))
            return None
        raws, partial = load_file(path, int(self.settings.max_file_mb * 1024 * 1024))
        summary.failed.extend(Failure(f.path, f.error) for f in partial)
        previous = self._previous_by_source(known[1] if known else [])
        ids_in_file: list[str] = []
        file_ok = not partial
        for raw in raws:
            refusal = raw_refusal(raw, self.settings)
            if refusal is None:
                try:
                    article = build_article(raw)
                except EmptyArticleError:
                    summary.failed.append(_failure(raw.source_path, too_short(0, self.settings)))
                    file_ok = False
                    continue
                except LoadError as exc:
                    summary.failed.append(Failure(raw.source_path, str(exc)))
                    file_ok = False
                    continue
                refusal = article_refusal(article, self.settings)
            if refusal is not None:
                summary.failed.append(_failure(raw.source_path, refusal))
                file_ok = False
                continue
            outcome, decision = self._classify(article, on_duplicate, seen, seen_hashes, summary)
            old_id = previous.get(_source_key(article.source_path))
            if decision is not None and decision[2] is None and old_id and old_id != article.id:
                # an id-less, URL-less article whose text was edited: same source, new text hash
                decision = (article, "updated", old_id)
            if decision is not None:
                pending.append(decision)
                ids_in_file.append(article.id)
                summary.events.append({"id": article.id, "title": article.title, "action": decision[1]})
            elif outcome in ("unchanged", "same"):
                ids_in_file.append(article.id)
            else:
                file_ok = False  # failed or duplicate: read this file again next time
        return (key, digest, ids_in_file) if file_ok and ids_in_file else None

    def _previous_by_source(self, article_ids: list[str]) -> dict[str, str]:
        """Articles this file produced last time, by source (file + line), to replace edited ones."""
        found = self.store.get_many(article_ids)
        return {_source_key(a.source_path): a.id for a in found.values() if a.source_path}

    def _classify(
        self,
        article: Article,
        on_duplicate: DuplicatePolicy,
        seen: dict[str, _Seen],
        seen_hashes: dict[str, str],
        summary: IngestSummary,
    ) -> tuple[str, Pending | None]:
        """("write", decision) | ("unchanged" | "same" | "duplicate" | "failed", None)."""
        source = article.source_path or article.id
        text_hash = article.hash
        first = seen.get(article.id)
        if first is not None and first.source != source:
            first_hash = first.text_hash if first.text_hash is not None else self.store.hash_of(article.id)
            if first_hash == text_hash:
                # the same article under two file names: stored once, both files remembered
                summary.duplicates += 1
                summary.events.append({"id": article.id, "title": article.title,
                                       "action": f"same article as in {first.source}"})
                return "same", None
            summary.failed.append(_failure(source, f"article id '{article.id}' is also in {first.source} with "
                                           "different text; give one of them another id"))
            return "failed", None
        seen[article.id] = _Seen(source, text_hash)
        stored_hash = self.store.hash_of(article.id)
        if stored_hash == text_hash:
            summary.unchanged += 1
            seen_hashes.setdefault(text_hash, article.id)
            return "unchanged", None
        other = seen_hashes.get(text_hash) or self.store.id_with_hash(text_hash)
        if other and other != article.id:
            if on_duplicate == DuplicatePolicy.FAIL:
                summary.failed.append(_failure(source, f"same text as already ingested article '{other}'"))
                return "failed", None
            if on_duplicate == DuplicatePolicy.SKIP:
                summary.duplicates += 1
                summary.events.append({"id": article.id, "title": article.title, "action": f"duplicate of {other}"})
                return "duplicate", None
            summary.duplicates += 1
            seen_hashes[text_hash] = article.id
            return "write", (article, "updated" if stored_hash else "new", other)
        seen_hashes[text_hash] = article.id
        return "write", (article, "updated" if stored_hash else "new", None)

    def _chunk(self, article: Article) -> list[Chunk]:
        return chunk_article(
            article,
            self.embedder.count_tokens,
            target_tokens=self.settings.chunk_target_tokens,
            max_tokens=self.settings.chunk_max_tokens,
            overlap_sentences=self.settings.chunk_overlap_sentences,
        )

    def _write(
        self,
        pending: list[Pending],
        summary: IngestSummary,
        progress: ProgressCallback | None,
        started: float,
    ) -> set[str]:
        """Chunk, embed and store each pending article; returns the ids that failed (their files are re-read)."""
        failed: set[str] = set()
        if not pending:
            return failed
        model = self._model_id()
        self.vectors.check_model(model, self.embedder.dimension)
        base = summary.repaired
        total = base + len(pending)
        for done, (article, action, replaces) in enumerate(pending, start=1):
            try:
                chunks = self._chunk(article)
                if len(chunks) > self.settings.max_article_chunks:
                    raise _Refused(f"article would make {len(chunks):,} chunks, over the limit of "
                                   f"{self.settings.max_article_chunks:,} (SIAGA_MAX_ARTICLE_CHUNKS)")
                self._store_article(article, chunks, replaces, summary, progress, started, (base + done - 1, total))
            except _Refused as exc:
                failed.add(article.id)
                summary.failed.append(_failure(article.source_path or article.id, str(exc)))
                self._uncount(summary, action)
            except (SiagaError, MemoryError):
                raise
            except Exception as exc:  # a bug in one article must not cost the rest of the run
                failed.add(article.id)
                reason = " ".join(str(exc).split())[:200]
                summary.failed.append(_failure(article.source_path or article.id,
                                               f"cannot be embedded ({type(exc).__name__}: {reason})"))
                self._uncount(summary, action)
            if progress:
                progress(Progress(base + done, total, summary.chunks_embedded, time.perf_counter() - started))
        return failed

    @staticmethod
    def _uncount(summary: IngestSummary, action: str) -> None:
        if action == "new":
            summary.new -= 1
        else:
            summary.updated -= 1

    def _embed_to_chroma(
        self,
        article: Article,
        chunks: list[Chunk],
        summary: IngestSummary,
        progress: ProgressCallback | None,
        started: float,
        position: tuple[int, int],
    ) -> None:
        """Embed ``chunks`` and upsert them a slice at a time: memory is bounded by the slice, not the article."""
        from siaga.embedding import release_free_memory

        for start in range(0, len(chunks), EMBED_STREAM_CHUNKS):
            part = chunks[start : start + EMBED_STREAM_CHUNKS]
            with torch_threads(self.settings.threads):
                vectors = self.embedder.get_text_embedding_batch([embedding_input(article, c) for c in part])
            release_free_memory()  # activations of varying shapes otherwise pile up as unreturned heap
            self.vectors.upsert([c.id for c in part], vectors, [c.text for c in part],
                                [chunk_metadata(article, c) for c in part])
            summary.chunks_embedded += len(part)
            if progress and len(chunks) > EMBED_STREAM_CHUNKS:
                progress(Progress(position[0], position[1], summary.chunks_embedded, time.perf_counter() - started))

    def _store_article(
        self,
        article: Article,
        chunks: list[Chunk],
        replaces: str | None,
        summary: IngestSummary,
        progress: ProgressCallback | None,
        started: float,
        position: tuple[int, int],
    ) -> None:
        """Vectors, then the SQLite commit, then the removal of vectors the article no longer has."""
        new_ids = {c.id for c in chunks}
        stale = set(self.vectors.ids_of_article(article.id)) - new_ids
        self._embed_to_chroma(article, chunks, summary, progress, started, position)
        with self.store.transaction() as db:
            if replaces and replaces != article.id:
                self.store.delete(db, replaces)
            self.store.put(db, article, chunks)
            self.store.bump_generation(db)
            self.store.record_ingest(db)
        self.vectors.delete_ids(sorted(stale))
        if replaces and replaces != article.id:
            self.vectors.delete_article(replaces)

    def _refresh_keywords(self, force: bool) -> None:
        index = KeywordIndex(self.settings.bm25_dir)
        stale = not index.load() or index.generation != self.store.generation()
        if force or stale:
            KeywordIndex.build(self.store, self.settings.bm25_dir)


class _Refused(Exception):
    """An article refused once chunked (too many chunks)."""


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
