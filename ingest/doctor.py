"""Do the three stores agree? SQLite (the source of truth), Chroma (vectors) and BM25 (keywords).

A kill -9, a full disk or a server that went away can leave them apart: vectors of an article that
was never committed (orphans), an article whose vectors are missing (a killed reindex or delete) or
embed other text than its chunks (stale), a keyword index of another generation, temporary folders
of a dead writer. :func:`diagnose` finds every such disagreement by comparing ids and text digests
chunk by chunk (vectors are read a page at a time, so memory stays flat); ``Ingestor.repair`` fixes
them from SQLite. Every ingest runs both before writing, so "unchanged" never means "SQLite says so";
``siaga doctor`` shows the diagnosis and ``siaga doctor --repair`` applies it.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from siaga.settings import Settings
from siaga.store import ArticleStore, VectorIndex, dead_temp_dirs


@dataclass
class Diagnosis:
    """What disagrees between the stores; empty lists and ``None`` mean "consistent"."""

    articles: int = 0
    chunks: int = 0
    vectors: int = 0
    keyword_chunks: int | None = None
    integrity: str | None = None  # SQLite's own quick_check, when it is not "ok"
    model: str | None = None  # the collection was built with another embedding model
    missing: dict[str, int] = field(default_factory=dict)  # article id -> chunks without a vector
    stale: dict[str, int] = field(default_factory=dict)  # article id -> vectors embedding other text
    orphans: list[str] = field(default_factory=list)  # vector ids with no chunk in SQLite
    keywords: str | None = None  # how the keyword index disagrees
    leftovers: list[str] = field(default_factory=list)  # temporary folders of dead writers
    dangling_files: int = 0  # file records naming articles no longer stored
    last_ingest_missing: bool = False

    @property
    def damaged(self) -> set[str]:
        """Articles whose vectors must be embedded again from their stored chunks."""
        return set(self.missing) | set(self.stale)

    @property
    def ok(self) -> bool:
        return not self.problems()

    def problems(self) -> list[str]:
        """One line per disagreement, for `siaga doctor`."""
        lines: list[str] = []
        if self.integrity:
            lines.append(f"SQLite integrity check failed: {self.integrity}")
        if self.model:
            lines.append(self.model)
        if self.missing:
            lines.append(f"{sum(self.missing.values())} chunks of {len(self.missing)} articles have no vector "
                         f"(e.g. {_sample(self.missing)})")
        if self.stale:
            lines.append(f"{sum(self.stale.values())} vectors of {len(self.stale)} articles embed text that is no "
                         f"longer stored (e.g. {_sample(self.stale)})")
        if self.orphans:
            lines.append(f"{len(self.orphans)} vectors belong to no stored chunk (e.g. {self.orphans[0]})")
        if self.keywords:
            lines.append(f"keyword index: {self.keywords}")
        if self.leftovers:
            lines.append(f"{len(self.leftovers)} temporary folders left by interrupted writes ({self.leftovers[0]})")
        if self.dangling_files:
            lines.append(f"{self.dangling_files} input files are recorded for articles no longer stored")
        if self.last_ingest_missing:
            lines.append("articles are stored but the last-ingest time is not")
        return lines

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "articles": self.articles,
            "chunks": self.chunks,
            "vectors": self.vectors,
            "keyword_chunks": self.keyword_chunks,
            "problems": self.problems(),
            "missing_vectors": dict(sorted(self.missing.items())),
            "stale_vectors": dict(sorted(self.stale.items())),
            "orphan_vectors": len(self.orphans),
        }


def _sample(counts: dict[str, int]) -> str:
    return ", ".join(sorted(counts)[:3]) + (" ..." if len(counts) > 3 else "")


def _keyword_problem(settings: Settings, store: ArticleStore, chunk_ids: set[str], d: Diagnosis) -> str | None:
    meta_path = settings.bm25_dir / "meta.json"
    if not meta_path.exists():
        return "missing (it will be rebuilt)" if chunk_ids else None
    try:
        meta = json.loads(meta_path.read_text())
        ids = meta["chunk_ids"]
        generation = int(meta["generation"])
    except (OSError, ValueError, KeyError, TypeError):
        return "unreadable"
    d.keyword_chunks = len(ids)
    if ids and not (settings.bm25_dir / "bm25").exists():
        return "its term index is missing"
    if set(ids) != chunk_ids or len(ids) != len(chunk_ids):
        return f"holds {len(ids)} chunks, the article store {len(chunk_ids)}"
    if generation != store.generation():
        return f"built at generation {generation}, the article store is at {store.generation()}"
    return None


def diagnose(settings: Settings, store: ArticleStore, vectors: VectorIndex, model: str | None = None,
             integrity: bool = False) -> Diagnosis:
    """Compare the three stores chunk by chunk; see the module docstring.

    ``integrity`` also runs SQLite's own page-level check (`siaga doctor`; ingest skips it, it reads
    the whole file).
    """
    d = Diagnosis()
    stats = store.stats()
    d.articles, d.chunks = stats["articles"], stats["chunks"]
    if integrity:
        check = store.db.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            d.integrity = str(check)
    recorded = vectors.recorded_model()
    if model and recorded and recorded != model:
        d.model = (f"the vector collection was built with embedding model '{recorded}', not '{model}' "
                   "(run `siaga reindex`)")
    expected = store.chunk_digests()
    seen: set[str] = set()
    stale: Counter[str] = Counter()
    for vector_id, digest in vectors.scan():
        d.vectors += 1
        want = expected.get(vector_id)
        if want is None:
            d.orphans.append(vector_id)
            continue
        seen.add(vector_id)
        if want[1] != digest:
            stale[want[0]] += 1
    missing: Counter[str] = Counter(article_id for cid, (article_id, _) in expected.items() if cid not in seen)
    d.missing, d.stale = dict(missing), dict(stale)
    d.keywords = _keyword_problem(settings, store, set(expected), d)
    index_dir = settings.resolved_index_dir
    d.leftovers = [str(p) for p in dead_temp_dirs(index_dir)]
    old = settings.bm25_dir.with_name(settings.bm25_dir.name + ".old")
    if old.exists():
        d.leftovers.append(str(old))
    stored = {r[0] for r in store.db.execute("SELECT id FROM articles")}
    for (ids_json,) in store.db.execute("SELECT article_ids_json FROM files"):
        if not set(json.loads(ids_json)) <= stored:
            d.dangling_files += 1
    d.last_ingest_missing = bool(d.articles) and store.get_meta("last_ingest") is None
    return d
