"""The ingest pipeline end to end: real loaders, real model, real Chroma on disk."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from filelock import FileLock

from ingest.pipeline import IngestLockedError, Ingestor, ingest_paths
from siaga.settings import DuplicatePolicy, Settings
from siaga.store import ArticleStore, KeywordIndex, VectorIndex

FIXTURES = Path(__file__).parent / "fixtures" / "corpus"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(FIXTURES, target)
    return target


def counts(settings: Settings) -> tuple[int, int, int]:
    stats = ArticleStore(settings.sqlite_path).stats()
    return stats["articles"], stats["chunks"], VectorIndex(settings).count()


def test_ingest_twice_embeds_nothing_the_second_time(settings: Settings, corpus: Path, embedder) -> None:
    before = embedder.texts_embedded
    first = ingest_paths([str(corpus)], settings, embedder=embedder)
    assert (first.new, first.updated, first.unchanged, first.failed) == (4, 0, 0, [])
    embedded = embedder.texts_embedded - before
    assert embedded == first.chunks_embedded > 0
    articles, chunks, vectors = counts(settings)
    assert articles == 4 and chunks == vectors == first.chunks_embedded

    ingestor = Ingestor(settings)  # no model given: it must not need one
    second = ingestor.ingest([str(corpus)])
    assert (second.new, second.updated, second.unchanged, second.chunks_embedded) == (0, 0, 4, 0)
    assert ingestor._embedder is None, "an unchanged run loaded the embedding model"
    assert counts(settings) == (articles, chunks, vectors)


def test_edit_replaces_only_that_articles_chunks(settings: Settings, corpus: Path, embedder) -> None:
    ingest_paths([str(corpus)], settings, embedder=embedder)
    vectors = VectorIndex(settings)
    banten_id = "banten-20240210-polda-banten-geser-1646-personel-pam-tps"
    banten_before = vectors.collection.get(where={"article_id": banten_id}, include=["embeddings"])
    seed = corpus / "polda-banten-apel-pam-tps-pemilu-2024.txt"
    store = ArticleStore(settings.sqlite_path)
    seed_id = next(s.id for s in store.summaries() if s.source_path and s.source_path.endswith(seed.name))
    seed.write_text(seed.read_text(encoding="utf-8")[:700] + "\nKalimat tambahan tentang 77 personel cadangan.\n",
                    encoding="utf-8")
    before = embedder.texts_embedded
    summary = ingest_paths([str(corpus)], settings, embedder=embedder)
    assert (summary.new, summary.updated, summary.unchanged) == (0, 1, 3)
    assert store.get(seed_id) is None or "77 personel" in store.get(seed_id).text  # text-hash id may change
    seed_id = next(s.id for s in store.summaries() if s.source_path and s.source_path.endswith(seed.name))
    assert embedder.texts_embedded - before == summary.chunks_embedded == len(store.chunk_ids(seed_id))
    assert set(VectorIndex(settings).ids_of_article(seed_id)) == set(store.chunk_ids(seed_id))
    assert "77 personel cadangan" in store.get(seed_id).text
    banten_after = VectorIndex(settings).collection.get(where={"article_id": banten_id}, include=["embeddings"])
    assert banten_after["ids"] == banten_before["ids"]
    assert (banten_after["embeddings"] == banten_before["embeddings"]).all()
    articles, chunks, vectors_n = counts(settings)
    assert articles == 4 and chunks == vectors_n


def test_same_text_under_another_url_is_a_duplicate(settings: Settings, corpus: Path, embedder, tmp_path: Path) -> None:
    ingest_paths([str(corpus)], settings, embedder=embedder)
    store = ArticleStore(settings.sqlite_path)
    tangerang = store.find("tangerang-20240210-polresta-tangerang-sebar-1048-personel-ke-5431-tps")
    body = store.get(tangerang).text  # the same cleaned text, another URL and title
    copy = tmp_path / "copy.md"
    copy.write_text("---\ntitle: Salinan\nurl: https://lain.example/berita/salinan\n---\n" + body, encoding="utf-8")
    skipped = ingest_paths([str(copy)], settings, embedder=embedder)
    assert skipped.duplicates == 1 and skipped.new == 0 and counts(settings)[0] == 4
    failed = ingest_paths([str(copy)], settings, on_duplicate=DuplicatePolicy.FAIL, embedder=embedder)
    assert len(failed.failed) == 1 and "same text" in failed.failed[0].error
    replaced = ingest_paths([str(copy)], settings, on_duplicate=DuplicatePolicy.REPLACE, embedder=embedder)
    assert replaced.duplicates == 1 and replaced.new == 1
    articles, chunks, vectors = counts(settings)
    assert articles == 4 and chunks == vectors
    assert ArticleStore(settings.sqlite_path).find("https://lain.example/berita/salinan") is not None


def test_bad_inputs_fail_alone_and_lose_nothing(settings: Settings, corpus: Path, embedder, tmp_path: Path) -> None:
    ingest_paths([str(corpus)], settings, embedder=embedder)
    before = counts(settings)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("")
    (bad / "spaces.md").write_text("   \n\t\n")
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (bad / "broken.json").write_text('{"title": "x", "text": ')
    (bad / "lines.jsonl").write_text(
        '{"id": "ok-1", "title": "Polres Lebak siagakan 321 personel", "text": "Polres Lebak menyiagakan 321 '
        'personel untuk mengamankan 1.500 TPS di Kabupaten Lebak, Banten, pada Pemilu 2024."}\n'
        "{not json}\n"
    )
    (bad / "table.csv").write_text("judul,isi_berita_lain\nA,B\n")
    (bad / "empty.html").write_text("<html><body><nav>Home</nav></body></html>")
    (bad / "big.txt").write_text("kata " * (2 * 1024 * 1024 // 5 + 10))
    (bad / "loop").symlink_to(bad)
    small = Settings(data_dir=settings.data_dir, max_file_mb=1)
    summary = ingest_paths([str(bad), str(tmp_path / "missing.txt")], small, embedder=embedder)
    errors = {Path(f.path.split("#")[0].split(" line")[0]).name: f.error for f in summary.failed}
    for name in ["empty.txt", "spaces.md", "binary.txt", "broken.json", "lines.jsonl", "table.csv", "empty.html",
                 "big.txt", "missing.txt"]:
        assert name in errors, (name, summary.failed)
    assert "line 2" in " ".join(f.error for f in summary.failed if "lines.jsonl" in f.path)
    assert summary.new == 1  # the good JSONL line still went in
    articles, chunks, vectors = counts(settings)
    assert articles == before[0] + 1 and chunks == vectors
    assert all("Traceback" not in f.error for f in summary.failed)


def test_second_writer_gets_a_clear_message(settings: Settings, corpus: Path) -> None:
    settings.lock_path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(settings.lock_path)), pytest.raises(IngestLockedError, match="another ingest"):
        Ingestor(settings).ingest([str(corpus)])


def test_delete_and_reindex(settings: Settings, corpus: Path, embedder) -> None:
    ingest_paths([str(corpus)], settings, embedder=embedder)
    ingestor = Ingestor(settings, embedder=embedder)
    gone = ingestor.delete("tangerang-20240210-polresta-tangerang-sebar-1048-personel-ke-5431-tps")
    assert gone is not None and ingestor.delete("no-such-article") is None
    articles, chunks, vectors = counts(settings)
    assert articles == 3 and chunks == vectors
    keywords = KeywordIndex(settings.bm25_dir)
    assert keywords.load() and not any(cid.startswith(gone) for cid in keywords.chunk_ids)
    summary = ingestor.reindex()
    assert summary.updated == 3 and counts(settings) == (3, chunks, vectors)
    again = ingest_paths([str(corpus)], settings, embedder=embedder)
    assert (again.new, again.unchanged) == (1, 3)


def test_dry_run_writes_nothing(settings: Settings, corpus: Path) -> None:
    ingestor = Ingestor(settings)
    summary = ingestor.ingest([str(corpus)], dry_run=True)
    assert summary.new == 4 and summary.chunks_embedded == 0 and ingestor._embedder is None
    assert ArticleStore(settings.sqlite_path).stats()["articles"] == 0


# ------------------------------------------------------------------ issue 9: "unchanged" checks Chroma, limits


def test_unchanged_run_repairs_what_chroma_lost(settings: Settings, corpus: Path, embedder) -> None:
    """A killed reindex/delete left Chroma short and ingest said "unchanged" forever: it must not trust SQLite."""
    ingest_paths([str(corpus)], settings, embedder=embedder)
    store = ArticleStore(settings.sqlite_path)
    banten = store.find("banten-20240210-polda-banten-geser-1646-personel-pam-tps")
    vectors = VectorIndex(settings)
    vectors.delete_ids(store.chunk_ids(banten)[1:])
    vectors.upsert(["hilang::0", "hilang::1"], [[0.0] * 383 + [1.0]] * 2, ["a", "b"], [{"article_id": "hilang"}] * 2)
    before = embedder.texts_embedded
    summary = ingest_paths([str(corpus)], settings, embedder=embedder)
    assert (summary.unchanged, summary.repaired, summary.orphans_removed) == (4, 1, 2)
    assert embedder.texts_embedded - before == summary.chunks_embedded == len(store.chunk_ids(banten))
    assert sorted(VectorIndex(settings).ids_of_article(banten)) == sorted(store.chunk_ids(banten))
    articles, chunks, vectors_n = counts(settings)
    assert articles == 4 and chunks == vectors_n
    assert Ingestor(settings).diagnose().ok


def test_same_article_under_two_file_names_is_stored_once(settings: Settings, corpus: Path, embedder) -> None:
    """It failed with "already read from ..." and exit 1 on every rerun."""
    seed = corpus / "polda-banten-apel-pam-tps-pemilu-2024.txt"
    shutil.copy(seed, corpus / "salinan-apel.txt")
    first = ingest_paths([str(corpus)], settings, embedder=embedder)
    assert (first.new, first.duplicates, first.failed) == (4, 1, [])
    again = ingest_paths([str(corpus)], settings, embedder=embedder)
    assert (again.new, again.updated, again.failed, again.chunks_embedded) == (0, 0, [], 0)
    assert counts(settings)[0] == 4


def test_same_id_with_different_text_in_one_run_fails_clearly(settings: Settings, tmp_path: Path) -> None:
    body = ("Polres Lebak menyiagakan 321 personel untuk mengamankan 1.500 TPS di Kabupaten Lebak, Banten, pada "
            "Pemilu 2024.")
    (tmp_path / "a.json").write_text(json.dumps({"id": "lebak-1", "text": body}), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"id": "lebak-1", "text": body + " Ditambah 20 cadangan."}),
                                     encoding="utf-8")
    summary = Ingestor(settings).ingest([str(tmp_path / "a.json"), str(tmp_path / "b.json")], dry_run=True)
    assert summary.new == 1 and len(summary.failed) == 1
    assert "also in" in summary.failed[0].error and "another id" in summary.failed[0].error


def test_article_over_the_chunk_limit_fails_alone(settings: Settings, corpus: Path, embedder, tmp_path: Path) -> None:
    small = Settings(data_dir=settings.data_dir, max_article_chunks=2)
    short = tmp_path / "pendek.txt"
    short.write_text("Polres Lebak siagakan 321 personel\n\nPolres Lebak menyiagakan 321 personel untuk mengamankan "
                     "1.500 TPS di Kabupaten Lebak, Banten, pada Pemilu 2024.\n", encoding="utf-8")
    banten = corpus / "banten-20240210-polda-banten-geser-1646-personel-pam-tps.md"
    summary = ingest_paths([str(short), str(banten)], small, embedder=embedder)
    assert summary.new == 1 and len(summary.failed) == 1
    assert banten.name in summary.failed[0].error and "SIAGA_MAX_ARTICLE_CHUNKS" in summary.failed[0].error
    articles, chunks, vectors = counts(small)
    assert articles == 1 and chunks == vectors
    again = ingest_paths([str(short), str(banten)], small, embedder=embedder)
    assert again.unchanged == 1 and len(again.failed) == 1  # the refused file is read (and refused) again
