"""Chunking: exact offsets, whole sentences, one sentence of overlap, size bounds."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.chunking import chunk_article
from ingest.loaders import expand_paths, load_file
from ingest.normalize import build_article
from siaga.sentences import split_sentences
from siaga.types import Article

ARTICLES = Path(__file__).parent.parent / "data" / "articles"


def count(s: str) -> int:
    """Stand-in tokenizer: about 4 tokens per 3 words, like a subword model on Indonesian."""
    return len(s.split()) * 4 // 3


def art(text: str, id_: str = "a1") -> Article:
    return Article(id=id_, title="Judul yang tidak masuk chunk", text=text)


def sentence_texts(text: str) -> set[str]:
    return {text[s:e] for s, e in split_sentences(text)}


LONG = "\n".join(
    [
        "Dirintelkam Polda Banten Kombes Pol. Heska Wahyu Widodo memimpin apel pasukan PAM TPS di Pandeglang.",
        '"Kami minta semua personel tetap siaga," kata Heska. Polresta Tangerang menurunkan 1.048 personel.',
        "KPU Kota Tangerang menyalurkan Rp4.814.000 untuk tiap KPPS di 5.175 TPS. Inflasi tercatat 0,21 persen.",
        "Kapolda Kalsel Irjen Andi Rian R. Djajadi menyebut 1,5 juta pemilih di Kalsel. "
        "Apel digelar Sabtu (13/2/2024).",
    ]
    + [f"Kalimat pengisi nomor {i} menjelaskan tugas personel di lapangan dengan cukup rinci." for i in range(40)]
)


def test_offsets_exact_and_ids() -> None:
    article = art(LONG)
    chunks = chunk_article(article, count)
    assert len(chunks) > 3
    for i, chunk in enumerate(chunks):
        assert chunk.text == article.text[chunk.start : chunk.end]
        assert chunk.id == f"a1::{i}" and chunk.index == i and chunk.article_id == "a1"
        assert "Judul yang tidak masuk chunk" not in chunk.text
    assert chunks[0].start == 0 and chunks[-1].end == len(LONG)


def test_chunks_are_whole_sentences() -> None:
    article = art(LONG)
    boundaries_start = {s for s, _ in split_sentences(LONG)}
    boundaries_end = {e for _, e in split_sentences(LONG)}
    for chunk in chunk_article(article, count):
        assert chunk.start in boundaries_start and chunk.end in boundaries_end


def test_abbreviations_numbers_and_quotes_not_cut() -> None:
    chunks = chunk_article(art(LONG), count, target_tokens=20, max_tokens=40)
    joined = [c.text for c in chunks]
    for phrase in [
        "Kombes Pol. Heska Wahyu Widodo",
        '"Kami minta semua personel tetap siaga," kata Heska.',
        "Rp4.814.000",
        "Irjen Andi Rian R. Djajadi",
        "1,5 juta",
        "Sabtu (13/2/2024).",
    ]:
        assert any(phrase in t for t in joined), phrase


def test_one_sentence_overlap() -> None:
    article = art(LONG)
    chunks = chunk_article(article, count)
    for prev, nxt in zip(chunks, chunks[1:], strict=False):
        prev_last = split_sentences(prev.text)[-1]
        nxt_first = split_sentences(nxt.text)[0]
        assert prev.text[prev_last[0] : prev_last[1]] == nxt.text[nxt_first[0] : nxt_first[1]]
        assert nxt.start == prev.start + prev_last[0]


def test_no_overlap_when_disabled() -> None:
    chunks = chunk_article(art(LONG), count, overlap_sentences=0)
    for prev, nxt in zip(chunks, chunks[1:], strict=False):
        assert nxt.start > prev.end - 1


def test_size_bounds() -> None:
    chunks = chunk_article(art(LONG), count, target_tokens=150, max_tokens=200)
    assert all(count(c.text) <= 200 for c in chunks)
    assert all(count(c.text) >= 100 for c in chunks[:-1])


def test_short_article_is_one_chunk() -> None:
    text = "MATARAM – Polda NTB menyiapkan 800 personel. Semua siap."
    chunks = chunk_article(art(text), count)
    assert len(chunks) == 1 and chunks[0].text == text


def test_empty_text_gives_no_chunks() -> None:
    assert chunk_article(art(""), count) == []
    assert chunk_article(art("  \n "), count) == []


def test_single_overlong_sentence_is_split_at_clauses() -> None:
    clauses = ", ".join(f"klausa nomor {i} tentang pengamanan tempat pemungutan suara" for i in range(30)) + "."
    article = art(clauses)
    chunks = chunk_article(article, count, target_tokens=60, max_tokens=80)
    assert len(chunks) > 1
    for chunk in chunks:
        assert count(chunk.text) <= 80
        assert chunk.text == article.text[chunk.start : chunk.end]
        assert chunk.text.startswith("klausa")  # cut after a comma, not inside a clause
    assert chunks[-1].text.endswith("suara.")


def test_sentence_without_clauses_is_split_at_spaces() -> None:
    text = " ".join(f"kata{i}" for i in range(200)) + "."
    chunks = chunk_article(art(text), count, target_tokens=30, max_tokens=40)
    assert all(count(c.text) <= 40 for c in chunks)
    assert all(not c.text.startswith(" ") and not c.text.endswith(" ") for c in chunks)
    assert {w for c in chunks for w in c.text.split()} == set(text.split())


def test_every_sentence_is_in_some_chunk() -> None:
    article = art(LONG)
    covered = "".join(c.text for c in chunk_article(article, count))
    assert all(s in covered for s in sentence_texts(LONG))


@pytest.mark.parametrize("target", [60, 150])
def test_corpus_chunks(target: int) -> None:
    files, _ = expand_paths([str(ARTICLES)])
    total = 0
    for path in files:
        docs, _ = load_file(path, 5 * 1024 * 1024)
        for doc in docs:
            article = build_article(doc)
            chunks = chunk_article(article, count, target_tokens=target, max_tokens=target + 50)
            assert chunks, article.id
            for chunk in chunks:
                assert chunk.text == article.text[chunk.start : chunk.end]
                assert count(chunk.text) <= target + 50
            total += len(chunks)
    assert total > 64
