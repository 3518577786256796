"""Hybrid retrieval: dense (Chroma, e5 ``query:`` prompt) + BM25 (stemmed, numbers normalised), fused by RRF.

Measured on this corpus, neither leg is enough alone: dense misses "1,048" vs "1.048" and exact
Indonesian names; BM25 alone cannot match English words to Indonesian text, but with the bilingual
glossary's equivalents it becomes the stronger leg for English questions too. Reciprocal rank fusion
with per-language weights (tuned on the dev set: id 1.5, en 2.0 for BM25 against 1.0 dense) beats
either leg on hit@1 and MRR. Syndicated copies of one story are demoted so they do not crowd out
other evidence.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from siaga.embedding import torch_threads
from siaga.settings import Settings
from siaga.store import ArticleStore, KeywordIndex, VectorIndex, fresh_persistent_client
from siaga.text import keyword_set, keyword_tokens
from siaga.types import Filters, RetrievedChunk

RRF_K = 60
VECTOR_RECHECK_SECONDS = 2.0


class RetrievalMode(StrEnum):
    """Which legs run; the eval compares them side by side."""

    HYBRID = "hybrid"
    DENSE = "dense"
    BM25 = "bm25"


@dataclass(frozen=True)
class LegWeights:
    """RRF weight of each leg per question language."""

    dense: dict[str, float] = field(default_factory=lambda: {"id": 1.0, "en": 1.0})
    bm25: dict[str, float] = field(default_factory=lambda: {"id": 1.5, "en": 2.0})


def reciprocal_rank_fusion(
    legs: list[tuple[list[tuple[str, float]], float]], k: int = RRF_K
) -> list[tuple[str, float]]:
    """Fuse ranked (id, score) lists, each with a weight: score = sum w / (k + rank)."""
    fused: dict[str, float] = {}
    for ranked, weight in legs:
        for rank, (item_id, _) in enumerate(ranked, start=1):
            fused[item_id] = fused.get(item_id, 0.0) + weight / (k + rank)
    return sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))


def with_sibling_chunks(results: list[RetrievedChunk], store: ArticleStore, articles: int, radius: int = 2,
                        limit: int = 40, regions: Collection[str] = ()) -> list[RetrievedChunk]:
    """``results`` plus the neighbours (within ``radius``) of the retrieved chunks of the first ``articles``
    articles, and then of every retrieved article about one of ``regions`` (the provinces the question names),
    each ranked just after its article's best chunk; at most ``limit`` chunks in all.

    Retrieval ranks chunks, but a question often matches the chunk that names the place and event while
    the figure sits in the next one, and an article about the asked province may rank below others'. Only
    neighbours are read, so a huge article costs no more than a small one.
    """
    if articles <= 0 or not results:
        return results[:limit]
    seen = {r.chunk.id for r in results}
    best: dict[str, tuple[int, Any, set[int]]] = {}  # article id -> (rank of its best chunk, article, indexes)
    for position, r in enumerate(results, start=1):
        rank, article, indexes = best.setdefault(r.chunk.article_id, (r.rank or position, r.article, set()))
        indexes.add(r.chunk.index)
    extra: list[RetrievedChunk] = []
    room = max(0, limit - len(results))
    ranked = list(best.items())
    expanded = ranked[:articles] + [(a, (rank, article, indexes)) for a, (rank, article, indexes) in ranked[articles:]
                                    if article.region in regions]
    for article_id, (rank, article, indexes) in expanded:
        for chunk in store.chunks_of(article_id, around=indexes, radius=radius):
            if len(extra) >= room:
                break
            if chunk.id not in seen:
                seen.add(chunk.id)
                extra.append(RetrievedChunk(chunk=chunk, article=article, score=0.0, rank=rank + 1))
    return results[:limit] + extra


def demote_syndicated(results: list[RetrievedChunk], threshold: float = 0.55) -> list[RetrievedChunk]:
    """Move a chunk whose tokens mostly repeat a higher-ranked chunk of another article to the end.

    Two outlets retelling one story (same numbers, same names) would otherwise fill the top-k with
    one fact twice and push other evidence out.
    """
    kept: list[RetrievedChunk] = []
    demoted: list[RetrievedChunk] = []
    token_sets: list[tuple[str, frozenset[str]]] = []
    for item in results:
        tokens = keyword_set(item.chunk.text)
        copy = False
        for article_id, other in token_sets:
            if article_id == item.article.id or not tokens or not other:
                continue
            overlap = len(tokens & other) / min(len(tokens), len(other))
            if overlap >= threshold:
                copy = True
                break
        if copy:
            demoted.append(item)
        else:
            kept.append(item)
            token_sets.append((item.article.id, tokens))
    return kept + demoted


def with_leaders(ranked: list[RetrievedChunk], leaders: list[str], k: int) -> list[RetrievedChunk]:
    """The first ``k`` of ``ranked``, with each leg's best chunk (``leaders``) among them.

    Rank fusion counts ranks only: a chunk one leg ranks first by far (the only one naming "Poso") and the
    other not at all falls behind chunks both legs rank moderately. A leader below the cut takes the place of
    the lowest chunk that is no leader.
    """
    top = ranked[:k]
    for leader in dict.fromkeys(leaders):
        if any(item.chunk.id == leader for item in top):
            continue
        found = next((item for item in ranked[k:] if item.chunk.id == leader), None)
        replaceable = [i for i, item in enumerate(top) if item.chunk.id not in leaders]
        if found is not None and replaceable:
            top[replaceable[-1]] = found
    return top


class HybridRetriever:
    """Runs the legs, fuses them and loads chunks with their articles from the article store."""

    def __init__(
        self,
        settings: Settings,
        store: ArticleStore,
        vectors: VectorIndex,
        keywords: KeywordIndex,
        embedder: Any,
        weights: LegWeights | None = None,
    ):
        self.settings = settings
        self.store = store
        self.vectors = vectors
        self.keywords = keywords
        self.embedder = embedder
        self.weights = weights or LegWeights()
        self._keywords_stamp: int | None = None
        self._embeddings: dict[str, list[float]] = {}
        # torch threads for a question's embedding: the setting, or the reader's measured count (``Siaga.warm_up``)
        self.query_threads = settings.query_threads
        self._vectors_generation = store.generation()
        self._vectors_checked = time.monotonic()

    def refresh_keywords(self) -> None:
        """Reload the BM25 index when an ingest (maybe in another process) rebuilt it.

        Readers never rebuild a persisted index that a writer may be replacing; they only build one
        when none exists at all (a store filled by an older version).
        """
        meta = self.settings.bm25_dir / "meta.json"
        try:
            stamp = meta.stat().st_mtime_ns
        except FileNotFoundError:
            stamp = None
        if stamp is None:
            if self._keywords_stamp is None and self.store.stats()["chunks"]:
                self.keywords = KeywordIndex.build(self.store, self.settings.bm25_dir)
                self._keywords_stamp = self.settings.bm25_dir.joinpath("meta.json").stat().st_mtime_ns
            return
        if stamp != self._keywords_stamp:
            self.keywords.load()
            self._keywords_stamp = stamp

    def refresh_vectors(self) -> None:
        """Re-open embedded Chroma when another writer changed the corpus (checked at most every 2 s)."""
        if self.settings.chroma_url or time.monotonic() - self._vectors_checked < VECTOR_RECHECK_SECONDS:
            return
        self._vectors_checked = time.monotonic()
        generation = self.store.generation()
        if generation != self._vectors_generation:
            self.vectors = VectorIndex(self.settings, client=fresh_persistent_client(self.settings))
            self._vectors_generation = generation

    def query_embedding(self, question: str) -> list[float]:
        """Embed a question once: the answer and the eval's per-leg retrievals ask the same one."""
        cached = self._embeddings.get(question)
        if cached is None:
            with torch_threads(self.query_threads):
                cached = self.embedder.get_query_embedding(question)
            if len(self._embeddings) >= 256:
                self._embeddings.pop(next(iter(self._embeddings)))
            self._embeddings[question] = cached
        return cached

    def dense(self, question: str, k: int, filters: Filters | None) -> list[tuple[str, float]]:
        self.refresh_vectors()
        embedding = self.query_embedding(question)
        return self.vectors.query(embedding, k, filters)

    def bm25(self, tokens: list[str] | Mapping[str, float], k: int, filters: Filters | None) -> list[tuple[str, float]]:
        self.refresh_keywords()
        return self.keywords.query(tokens, k, filters)

    def retrieve(
        self,
        question: str,
        *,
        tokens: list[str] | Mapping[str, float] | None = None,
        language: str = "id",
        filters: Filters | None = None,
        top_k: int | None = None,
        mode: RetrievalMode = RetrievalMode.HYBRID,
    ) -> list[RetrievedChunk]:
        """Top chunks for ``question``; ``tokens`` are the (glossary-expanded) keyword-leg tokens."""
        k = top_k or self.settings.top_k
        depth = max(self.settings.retrieve_k, k)
        tokens = tokens if tokens is not None else keyword_tokens(question)
        dense = self.dense(question, depth, filters) if mode != RetrievalMode.BM25 else []
        sparse = self.bm25(tokens, depth, filters) if mode != RetrievalMode.DENSE else []
        lang = language if language in ("id", "en") else "id"
        fused = reciprocal_rank_fusion(
            [(dense, self.weights.dense[lang]), (sparse, self.weights.bm25[lang])]
        )
        dense_scores = dict(dense)
        bm25_scores = dict(sparse)
        candidate_ids = [cid for cid, _ in fused[: depth]]
        chunks = self.store.get_chunks(candidate_ids)
        articles = self.store.get_many(c.article_id for c in chunks.values())
        results: list[RetrievedChunk] = []
        for cid, score in fused[:depth]:
            chunk = chunks.get(cid)
            if chunk is None or chunk.article_id not in articles:
                continue  # deleted since the index was built
            results.append(
                RetrievedChunk(
                    chunk=chunk,
                    article=articles[chunk.article_id],
                    score=score,
                    dense_score=dense_scores.get(cid),
                    bm25_score=bm25_scores.get(cid),
                )
            )
        leaders = [leg[0][0] for leg in (dense, sparse) if leg]
        results = with_leaders(demote_syndicated(results), leaders, k)
        for rank, item in enumerate(results, start=1):
            item.rank = rank
        return results
