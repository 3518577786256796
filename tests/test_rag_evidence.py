"""Evidence selection: sentences of retrieved chunks, each text once, capped, best-covering first."""

from __future__ import annotations

from rag.evidence import EvidenceLimits, candidate_sentences, question_terms, select_passages, to_passage
from siaga.types import Chunk, RetrievedChunk
from tests.rag_fixtures import SERANG, TANGERANG, make_article, retrieved


def test_sentences_point_into_the_article() -> None:
    pool = candidate_sentences(retrieved(TANGERANG), EvidenceLimits())
    assert pool, "the article has sentences"
    for e in pool:
        assert TANGERANG.text[e.start : e.end] == e.text
        assert e.text == e.text.strip()


def test_repeated_sentences_are_read_once() -> None:
    sentence = "Sebanyak 1.048 personel diterjunkan Polresta Tangerang untuk mengamankan TPS."
    repetitive = make_article("repeat", "Berita berulang", [sentence] * 50)
    pool = candidate_sentences(retrieved(repetitive, paragraphs_per_chunk=5), EvidenceLimits())
    assert len(pool) == 1


def test_caps_bound_the_work_whatever_the_article() -> None:
    """One endless line (a 4 MB article in production) still yields a bounded number of short pieces."""
    endless = make_article("endless", "Tanpa titik", ["kata " * 200_000])
    chunk = Chunk(id="endless#0", article_id="endless", index=0, text=endless.text, start=0, end=len(endless.text))
    limits = EvidenceLimits(max_sentences=50, max_sentence_chars=300)
    pool = candidate_sentences([RetrievedChunk(chunk=chunk, article=endless, rank=1)], limits)
    assert len(pool) <= 50
    assert all(len(e.text) <= 300 for e in pool)


def test_chunk_cap() -> None:
    candidates = retrieved(TANGERANG, SERANG, paragraphs_per_chunk=1)
    pool = candidate_sentences(candidates, EvidenceLimits(max_chunks=1))
    assert {e.chunk_id for e in pool} == {candidates[0].chunk.id}


def test_selection_prefers_sentences_covering_the_question() -> None:
    pool = candidate_sentences(retrieved(SERANG, TANGERANG), EvidenceLimits())
    groups = question_terms("Berapa personel yang disiapkan Polres Serang?", "id")
    best = select_passages(pool, groups, 1)[0]
    assert "610 personel" in best.text


def test_passage_keeps_the_title_as_context_but_answers_only_from_the_sentence() -> None:
    e = candidate_sentences(retrieved(TANGERANG), EvidenceLimits())[0]
    passage = to_passage(e, EvidenceLimits())
    assert passage.text.startswith(TANGERANG.title)
    assert passage.text[passage.allowed_start :] == e.text


def test_windows_group_consecutive_sentences_and_cite_one() -> None:
    pool = candidate_sentences(retrieved(SERANG, paragraphs_per_chunk=3), EvidenceLimits(max_window_chars=400))
    window = next(e for e in pool if len(e.sentences) > 1)
    assert window.text.startswith(SERANG.text[window.sentences[0][0] : window.sentences[0][1]])
    second_start = window.sentences[1][0]
    sentence = window.sentence_at(second_start + 3)
    assert (sentence.start, sentence.end) == window.sentences[1]
    assert sentence.text == SERANG.text[sentence.start : sentence.end]


def test_english_terms_meet_their_indonesian_equivalents() -> None:
    pool = candidate_sentences(retrieved(SERANG, TANGERANG), EvidenceLimits())
    groups = question_terms("How many personnel did Polres Serang prepare?", "en")
    assert "610 personel" in select_passages(pool, groups, 1)[0].text


def test_window_size_and_count_come_from_the_settings() -> None:
    from rag.answerer import evidence_limits
    from siaga.settings import Settings

    sentences = [f"Kalimat nomor {i} tentang pengamanan TPS Pemilu." for i in range(12)]
    article = make_article("many", "Banyak kalimat", sentences)
    wide = candidate_sentences(retrieved(article, paragraphs_per_chunk=12), evidence_limits(Settings()))
    narrow_limits = evidence_limits(Settings(reader_window_chars=60, reader_passages=2))
    narrow = candidate_sentences(retrieved(article, paragraphs_per_chunk=12), narrow_limits)
    assert narrow_limits.passages == 2
    assert all(len(e.text) <= 60 for e in narrow) and len(narrow) > len(wide)
    assert any(len(e.text) > 60 for e in wide)  # the default groups several sentences per window


def test_limit_defaults_are_the_settings_defaults() -> None:
    """One documented default per limit: the dataclass must not drift from ``Settings``."""
    from siaga.settings import Settings

    defaults = {name: field.default for name, field in Settings.model_fields.items()}
    limits = EvidenceLimits()
    assert (limits.passages, limits.max_window_chars, limits.max_chunks, limits.max_sentences,
            limits.max_sentence_chars) == (defaults["reader_passages"], defaults["reader_window_chars"],
                                           defaults["max_question_chunks"], defaults["max_question_sentences"],
                                           defaults["max_sentence_chars"])


def test_a_many_word_name_is_stated_only_whole() -> None:
    """"Pulau Sumbawa" shares a stem with "Kepulauan Riau" but is another place: only the window that names
    Kepri (in any of its names) states the asked province."""
    ntb = make_article("ntb", "Polda NTB", ["Sebanyak 95 TPS sangat rawan berada di Pulau Sumbawa."])
    kepri = make_article("kepri", "Polda Kepri", ["Di Kepri terdapat 80 TPS sangat rawan."])
    pool = candidate_sentences(retrieved(ntb, kepri), EvidenceLimits())
    terms = question_terms("Berapa TPS sangat rawan di Kepulauan Riau?", "id")
    assert "80 TPS" in select_passages(pool, terms, 1)[0].text


def test_windows_are_chosen_by_the_terms_of_berapa_banyak_as_of_berapa() -> None:
    asked = question_terms("Berapa banyaknya personel yang disiapkan Polres Serang?", "id")
    plain = question_terms("Berapa personel yang disiapkan Polres Serang?", "id")
    assert [t.stems for t in asked] == [t.stems for t in plain]


def _ntb_pool() -> list:  # noqa: ANN401 - a list of Evidence
    july = make_article("july", "Polda NTB Siagakan 800 Personel untuk Pilkada", [
        "Polda NTB menyiagakan 800 personel untuk pilkada.", "Pada pilkada, polres yang mengatur personel.",
        "Personel Polda NTB bersifat perbantuan pada pilkada.", "Apel pilkada digelar di Mataram oleh Polda NTB."])
    november = make_article("november", "Kapolda NTB Periksa Kesiapan", [
        "Lima hari sebelum pilkada, Kapolda memeriksa kesiapan personel.",
        "Polda NTB dan jajaran menerjunkan 6.427 personel."])
    return candidate_sentences(retrieved(july, november, paragraphs_per_chunk=1), EvidenceLimits(max_window_chars=60))


def test_one_slot_goes_to_a_second_article_when_one_would_fill_them_all() -> None:
    pool = _ntb_pool()
    terms = question_terms("Berapa personel Polda NTB untuk pilkada?", "id")
    chosen = select_passages(pool, terms, 4)
    assert [e.article.id for e in chosen[:3]] == ["july"] * 3 and chosen[3].article.id == "november"
    ranked = [e for e in select_passages(pool, terms, len(pool)) if e.article.id == "november"]
    assert chosen[3] == ranked[0]  # its best window ...
    answering = select_passages(pool, terms, 4, lambda e: e == ranked[1])
    assert answering[3] == ranked[1]  # ... or its best that can answer (for a count, one stating a figure)
    assert [e.article.id for e in select_passages(pool, terms, 1)] == ["july"]  # one slot: the best window only
