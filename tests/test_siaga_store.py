"""Article store (SQLite), keyword index (BM25) and Chroma filter translation, on literal data."""

from __future__ import annotations

from pathlib import Path

import pytest

from siaga.settings import Settings
from siaga.store import ArticleStore, EmbeddingMismatchError, KeywordIndex, VectorIndex, to_metadata_filters
from siaga.types import Article, Chunk, Filters


def make(article_id: str, text: str, region: str, outlet: str, published: str, ts: int) -> tuple[Article, list[Chunk]]:
    article = Article(id=article_id, title=f"Judul {article_id}", text=text, region=region, outlet=outlet,
                      published=published, published_ts=ts, related_headlines=["Baca juga lain"])
    return article, [Chunk(id=f"{article_id}::0", article_id=article_id, index=0, text=text, start=0, end=len(text))]


@pytest.fixture
def store(tmp_path: Path) -> ArticleStore:
    store = ArticleStore(tmp_path / "a.sqlite3")
    rows = [
        make("tng", "Sebanyak 1.048 personel diterjunkan di Tangerang.", "Banten", "Warta", "2024-02-10", 1707523200),
        make("bali", "Polda Bali menjaga 12.809 TPS di Bali.", "Bali", "Bali Post", "2024-02-05", 1707091200),
        make("bali2", "Polda Bali terjunkan 2.349 personel Pilkada.", "Bali", "Warta", "2024-11-25", 1732492800),
    ]
    with store.transaction() as db:
        for article, chunks in rows:
            store.put(db, article, chunks)
        store.bump_generation(db)
    return store


def test_roundtrip_and_replace_exactly_own_chunks(store: ArticleStore) -> None:
    got = store.get("tng")
    assert got is not None and got.related_headlines == ["Baca juga lain"] and got.published_ts == 1707523200
    article, _ = make("tng", "Teks baru.", "Banten", "Warta", "2024-02-10", 1707523200)
    chunks = [Chunk(id=f"tng::{i}", article_id="tng", index=i, text="Teks baru.", start=0, end=10) for i in range(2)]
    with store.transaction() as db:
        store.put(db, article, chunks)
    assert store.chunk_ids("tng") == ["tng::0", "tng::1"]
    assert store.chunk_ids("bali") == ["bali::0"]
    assert store.id_with_hash(article.hash) == "tng"
    assert store.stats()["articles"] == 3 and store.stats()["chunks"] == 4


def test_find_delete_facets_summaries(store: ArticleStore) -> None:
    assert store.find("bali") == "bali"
    with store.transaction() as db:
        store.delete(db, "bali")
    assert store.get("bali") is None and store.chunk_ids("bali") == []
    facets = store.facets()
    assert facets["regions"] == ["Bali", "Banten"] and facets["outlets"] == ["Warta"]
    assert [s.id for s in store.summaries("Tangerang")] == ["tng"]


def test_failed_transaction_rolls_back(store: ArticleStore) -> None:
    with pytest.raises(RuntimeError), store.transaction() as db:
        store.delete(db, "tng")
        raise RuntimeError("crash")
    assert store.get("tng") is not None


def test_keyword_index_filters_and_numbers(store: ArticleStore, tmp_path: Path) -> None:
    index = KeywordIndex.build(store, tmp_path / "bm25")
    from siaga.text import keyword_tokens

    hits = index.query(keyword_tokens("1,048 personel Tangerang"), 5)
    assert hits[0][0] == "tng::0"
    bali = index.query(keyword_tokens("Polda Bali personel"), 5, Filters(since="2024-11-01"))
    assert [cid for cid, _ in bali] == ["bali2::0"]
    assert index.query(keyword_tokens("Polda Bali"), 5, Filters(outlets=["Bali Post"]))[0][0] == "bali::0"
    assert index.query(keyword_tokens("Tangerang"), 5, Filters(regions=["Bali"])) == []
    reloaded = KeywordIndex(tmp_path / "bm25")
    assert reloaded.load() and reloaded.generation == store.generation()


def test_metadata_filters_translate_to_chroma_where() -> None:
    assert to_metadata_filters(Filters()) is None
    mf = to_metadata_filters(Filters(since="2024-02-01", until="2024-02-29", regions=["Bali"], outlets=["Warta"]))
    keys = [(f.key, f.operator.value) for f in mf.filters]
    assert keys == [("published_ts", ">="), ("published_ts", "<="), ("region", "in"), ("outlet", "in")]


def test_collection_refuses_another_model(settings: Settings) -> None:
    vectors = VectorIndex(settings)
    vectors.check_model("model-a", 3)
    vectors.upsert(["x::0"], [[0.1, 0.2, 0.3]], ["teks"], [{"article_id": "x"}])
    with pytest.raises(EmbeddingMismatchError, match="siaga reindex"):
        VectorIndex(settings).check_model("model-b", 3)
    VectorIndex(settings).check_model("model-a", 3)


def test_keyword_weights_let_the_askers_words_outrank_synonyms(store: ArticleStore, tmp_path: Path) -> None:
    index = KeywordIndex.build(store, tmp_path / "bm25")
    from siaga.text import keyword_tokens

    tps, personel = keyword_tokens("TPS")[0], keyword_tokens("personel")[0]
    even = dict(index.query({tps: 1.0, personel: 1.0}, 5))
    plain = dict(index.query([tps, personel], 5))
    assert even == pytest.approx(plain)  # weight 1 everywhere is plain BM25
    leaning = index.query({tps: 1.0, personel: 0.2}, 5)
    assert leaning[0][0] == "bali::0"  # the TPS chunk wins once "personel" is only a synonym
    halved = dict(index.query({tps: 0.5}, 5))
    assert halved["bali::0"] == pytest.approx(0.5 * plain_score(index, tps, "bali::0"))
    assert index.query({tps: 0.0}, 5) == []


def plain_score(index: KeywordIndex, token: str, chunk_id: str) -> float:
    return dict(index.query([token], 5))[chunk_id]


def test_reader_reopens_a_collection_replaced_under_it(settings: Settings) -> None:
    """`siaga ask --batch` during `siaga reindex` died with NotFoundError: Collection [...] does not exist."""
    reader = VectorIndex(settings)
    reader.check_model("model-a", 3)
    reader.upsert(["x::0"], [[0.1, 0.2, 0.3]], ["teks"], [{"article_id": "x"}])
    assert reader.query([0.1, 0.2, 0.3], 1)[0][0] == "x::0"
    writer = VectorIndex(settings)
    writer.reset()  # what a reindex to another model does
    writer.upsert(["y::0"], [[0.3, 0.2, 0.1]], ["lain"], [{"article_id": "y"}])
    assert [chunk_id for chunk_id, _ in reader.query([0.3, 0.2, 0.1], 1)] == ["y::0"]
    assert reader.count() == 1


def test_a_vanished_collection_is_a_one_line_error(settings: Settings) -> None:
    from siaga.errors import StoreUnavailableError

    reader = VectorIndex(settings)
    reader.upsert(["x::0"], [[0.1, 0.2, 0.3]], ["teks"], [{"article_id": "x"}])
    reader.client.delete_collection(settings.collection)
    with pytest.raises(StoreUnavailableError, match="no longer exists.*siaga doctor --repair"):
        reader.query([0.1, 0.2, 0.3], 1)


def test_storage_faults_become_one_line_errors(tmp_path: Path) -> None:
    import errno
    import sqlite3

    from siaga.errors import StorageError, storage_error

    full = storage_error(OSError(errno.ENOSPC, "No space left on device"), tmp_path)
    assert isinstance(full, StorageError) and str(full) == f"cannot write to {tmp_path}: the disk is full"
    assert "read-only" in str(storage_error(sqlite3.OperationalError("attempt to write a readonly database"), tmp_path))
    assert "read-only" in str(storage_error(OSError(errno.EROFS, "Read-only file system"), tmp_path))
    assert storage_error(ValueError("a bug"), tmp_path) is None
    assert storage_error(sqlite3.OperationalError("no such table: x"), tmp_path) is None


def test_stats_know_when_the_store_last_changed_after_a_crash(store: ArticleStore) -> None:
    """A run killed before its final stamp left `last_ingest: null` although articles were stored."""
    assert store.get_meta("last_ingest") is None and store.stats()["last_ingest"] is not None
