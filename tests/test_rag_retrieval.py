"""Fusion and syndicated-copy handling, on literal rankings."""

from __future__ import annotations

from rag.retrieval import demote_syndicated, reciprocal_rank_fusion
from siaga.types import Article, Chunk, RetrievedChunk


def test_rrf_rewards_agreement_and_weights_legs() -> None:
    dense = [("a", 0.9), ("b", 0.8), ("c", 0.7)]
    sparse = [("c", 12.0), ("a", 9.0), ("d", 1.0)]
    fused = [i for i, _ in reciprocal_rank_fusion([(dense, 1.0), (sparse, 1.0)])]
    assert fused[:2] == ["a", "c"] and set(fused) == {"a", "b", "c", "d"}
    dense_only = [i for i, _ in reciprocal_rank_fusion([(dense, 1.0), (sparse, 0.0)])]
    assert dense_only[:3] == ["a", "b", "c"]


def _item(article_id: str, text: str) -> RetrievedChunk:
    article = Article(id=article_id, title=article_id, text=text)
    return RetrievedChunk(chunk=Chunk(id=f"{article_id}::0", article_id=article_id, index=0, text=text, start=0,
                                      end=len(text)), article=article)


def test_syndicated_copy_goes_to_the_end() -> None:
    original = _item("kaltara-a", "Polda Kaltara mengerahkan 3.863 personel untuk mengamankan 2.295 TPS Pemilu 2024.")
    copy = _item("kaltara-b", "Sebanyak 3.863 personel Polda Kaltara mengamankan 2.295 TPS pada Pemilu 2024.")
    other = _item("bali", "Polda Bali menjaga 12.809 TPS di Bali.")
    ranked = demote_syndicated([original, copy, other])
    assert [r.article.id for r in ranked] == ["kaltara-a", "bali", "kaltara-b"]
    same_article = _item("kaltara-a", original.chunk.text)
    assert [r.article.id for r in demote_syndicated([original, same_article])] == ["kaltara-a", "kaltara-a"]
