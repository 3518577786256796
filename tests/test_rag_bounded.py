"""Bounded work per question, whatever the corpus holds (issue 9): a 4 MB single-line article that matches
the question better than anything else is in the index, and a question still reads only a bounded number
of chunks, sentences and windows, and still answers from the real article."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import Ingestor, ingest_paths
from rag.pipeline import Siaga
from siaga.settings import Settings

REPO = Path(__file__).resolve().parent.parent
QUESTION = "Berapa personel yang diterjunkan Polresta Tangerang untuk pengamanan TPS?"


class ConstantEmbedder:
    """Embeds every text as the same vector (the question's own): the pathological article's 25,000 chunks
    then rank first in the dense leg too, without embedding 4 MB for real. Same seam as the real embedder."""

    def __init__(self, real, vector: list[float]) -> None:  # noqa: ANN001
        self.real = real
        self.vector = vector
        self.dimension = real.dimension

    def count_tokens(self, text: str) -> int:
        return self.real.count_tokens(text)

    def get_text_embedding_batch(self, texts: list[str], **_: object) -> list[list[float]]:
        return [self.vector for _ in texts]


class CountingReader:
    def __init__(self, reader) -> None:  # noqa: ANN001
        self.reader = reader
        self.passages: list[int] = []

    def read(self, question, passages, n_best=1):  # noqa: ANN001, ANN201
        self.passages.append(len(passages))
        return self.reader.read(question, passages, n_best)


@pytest.mark.slow
def test_a_huge_matching_article_does_not_make_a_question_unbounded(tmp_path: Path, embedder) -> None:  # noqa: ANN001
    settings = Settings(data_dir=tmp_path / "data", max_article_chars=10_000_000, max_article_chunks=100_000,
                        max_unbroken_chars=10_000_000, max_file_mb=5)
    ingest_paths([str(REPO / "tests" / "fixtures" / "corpus")], settings, embedder=embedder)
    words = "Polresta Tangerang personel pengamanan TPS Pemilu kawasan rawan banjir jalan desa terpencil malam hari "
    line = words * (4_100_000 // len(words))  # ~4 MB, no sentence end
    huge = tmp_path / "huge" / "satu-baris-4mb.txt"
    huge.parent.mkdir()
    huge.write_text("Satu baris tanpa akhir\n\n" + line, encoding="utf-8")
    assert huge.stat().st_size > 4_000_000
    question_vector = embedder.get_query_embedding(QUESTION)
    summary = Ingestor(settings, embedder=ConstantEmbedder(embedder, question_vector)).ingest([str(huge)])
    assert summary.new == 1 and not summary.failed, summary
    siaga = Siaga(settings, embedder=embedder)
    chunks = siaga.store.stats()["chunks"]
    assert chunks > 4_000  # the pathological article is really there, in thousands of chunks

    counting = CountingReader(siaga.answerer.reader)
    siaga.answerer.reader = counting
    huge_id = next(r.id for r in siaga.store.summaries() if r.title == "Satu baris tanpa akhir")

    # a question the huge article matches, with retrieval opened wide (top-k 40): its chunks are among the
    # candidates and every cap still holds (windows are cut from its one endless line)
    inside = siaga.answer("Di mana kawasan rawan banjir jalan desa terpencil yang dijaga pada malam hari?",
                          top_k=settings.max_question_chunks)
    retrieved = inside.debug["retrieved"]
    assert any(r["article_id"] == huge_id for r in retrieved) and len(retrieved) <= settings.max_question_chunks
    assert counting.passages and max(counting.passages) <= settings.reader_passages

    # the question about the real article still answers from it (the huge one, a near copy of its words,
    # is demoted as a syndicated duplicate rather than crowding it out)
    answer = siaga.answer(QUESTION)
    assert len(answer.debug["retrieved"]) <= settings.max_question_chunks
    assert max(counting.passages) <= settings.reader_passages
    assert not answer.refused and "1.048" in answer.text, answer.text
    assert answer.verified
