"""Fusion and syndicated-copy handling, on literal rankings."""

from __future__ import annotations

from rag.retrieval import demote_syndicated, reciprocal_rank_fusion, with_leaders, with_sibling_chunks
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


def test_sibling_chunks_of_the_best_articles_join_just_after_them(tmp_path) -> None:
    """The figure often sits in the chunk after the one that matched: the answerer must get to read it."""
    from siaga.store import ArticleStore

    def article(article_id: str, texts: list[str]) -> tuple[Article, list[Chunk]]:
        body = " ".join(texts)
        chunks, pos = [], 0
        for i, t in enumerate(texts):
            chunks.append(Chunk(id=f"{article_id}::{i}", article_id=article_id, index=i, text=t, start=pos,
                                end=pos + len(t)))
            pos += len(t) + 1
        return Article(id=article_id, title=article_id, text=body, region=regions.get(article_id)), chunks

    regions = {"kalbar": "Kalimantan Barat", "bali": "Bali", "ntb": "Nusa Tenggara Barat"}

    store = ArticleStore(tmp_path / "articles.sqlite3")
    kalbar = article("kalbar", ["Polda Kalbar menurunkan 4.122 personel.", "Dari 17.626 TPS, 161 TPS sangat rawan."])
    bali = article("bali", ["Polda Bali menjaga 12.809 TPS.", "Sebanyak 14 TPS sangat rawan."])
    ntb = article("ntb", ["Polda NTB siaga.", "Ada 95 TPS sangat rawan."])
    with store.transaction() as db:
        for a, chunks in (kalbar, bali, ntb):
            store.put(db, a, chunks)
    retrieved = [
        RetrievedChunk(chunk=kalbar[1][0], article=kalbar[0], rank=1),
        RetrievedChunk(chunk=bali[1][1], article=bali[0], rank=2),
        RetrievedChunk(chunk=ntb[1][0], article=ntb[0], rank=3),
    ]
    expanded = with_sibling_chunks(retrieved, store, articles=2)
    assert [r.chunk.id for r in expanded] == ["kalbar::0", "bali::1", "ntb::0", "kalbar::1", "bali::0"]
    assert [r.rank for r in expanded[3:]] == [2, 3]  # just behind their article's best chunk
    assert with_sibling_chunks(retrieved, store, articles=0) == retrieved
    assert with_sibling_chunks([], store, articles=3) == []
    # an article about a province the question names is read on, whatever its rank
    asked = with_sibling_chunks(retrieved, store, articles=1, regions={"Nusa Tenggara Barat"})
    assert [r.chunk.id for r in asked] == ["kalbar::0", "bali::1", "ntb::0", "kalbar::1", "ntb::1"]


def test_search_terms_weigh_indonesian_synonyms_but_not_english_equivalents() -> None:
    from rag.pipeline import search_terms
    from siaga.text import keyword_tokens

    terms = search_terms("Berapa personel BKO yang digeser Polda Kepri?", "id", 0.5)
    for own in keyword_tokens("personel BKO digeser Kepri"):
        assert terms[own] == 1.0
    assert any(w == 0.5 for w in terms.values())  # glossary synonyms (anggota, polisi, ...) count half
    english = search_terms("How many personnel were deployed at polling stations?", "en", 0.5)
    assert english[keyword_tokens("TPS")[0]] == 1.0 and set(english.values()) == {1.0}


def test_berapa_banyak_is_searched_as_berapa() -> None:
    from rag.pipeline import search_terms

    assert search_terms("Berapa banyak anggota yang diterjunkan?", "id", 0.5) == \
        search_terms("Berapa anggota yang diterjunkan?", "id", 0.5)
    assert "banyak" in search_terms("TPS mana yang banyak dijaga?", "id", 0.5)  # not a count's "berapa banyak"


def test_each_legs_best_chunk_is_kept_within_the_cut() -> None:
    """A chunk one leg ranks first (the only one naming "Poso") and the other not at all survives the cut."""
    ranked = [_item(name, f"Teks {name}.") for name in ("a", "b", "c", "d", "poso")]
    kept = with_leaders(ranked, ["a::0", "poso::0"], 3)
    assert [r.article.id for r in kept] == ["a", "b", "poso"]  # it takes the lowest place that is no leader
    assert [r.article.id for r in with_leaders(ranked, ["a::0", "b::0"], 3)] == ["a", "b", "c"]  # both already in
    assert [r.article.id for r in with_leaders(ranked, ["gone::0"], 2)] == ["a", "b"]  # a leader no longer stored
