"""End to end over a handful of real articles: retrieval, answers, verification, follow-ups, engines."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ingest.pipeline import ingest_paths
from rag.engine import SiagaChatEngine, SiagaQueryEngine
from rag.followup import rewrite_followup
from rag.pipeline import Siaga, questions_leaned_on
from rag.retrieval import RetrievalMode
from siaga.settings import Settings
from siaga.store import EmbeddingMismatchError
from siaga.types import Filters, RefusalReason

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "corpus"
SEED = REPO / "data" / "articles" / "polda-banten-apel-pam-tps-pemilu-2024.txt"
TANGERANG_Q = "How many personnel were deployed in Tangerang?"


@pytest.fixture(scope="module")
def siaga(tmp_path_factory: pytest.TempPathFactory, embedder) -> Siaga:
    settings = Settings(data_dir=tmp_path_factory.mktemp("rag") / "data")
    summary = ingest_paths([str(FIXTURES)], settings, embedder=embedder)
    assert summary.new == 4
    return Siaga(settings, embedder=embedder)


def head(text: str) -> str:
    return text.split("\n\n", 1)[0]


def test_tangerang_question_is_answered_with_a_verified_citation(siaga: Siaga) -> None:
    answer = siaga.answer(TANGERANG_Q)
    assert not answer.refused and answer.verified, answer.verification_errors
    assert answer.language == "en" and "1,048" in head(answer.text)
    assert "[1]" in answer.text
    quote = answer.citations[0].quote
    assert "1.048" in quote
    article = siaga.store.get(answer.citations[0].article_id)
    assert article.text[answer.citations[0].start : answer.citations[0].end] == quote
    assert "tangerang" in article.source_stem


def test_an_english_question_in_everyday_news_verbs_meets_the_articles_word(siaga: Siaga) -> None:
    """"put on standby" is the article's "disiagakan" (``2026-12-05-everyday-english-news-verbs.md``)."""
    answer = siaga.answer("How many personnel did Polresta Denpasar put on standby?")
    assert head(answer.text) == "798 personnel [1]." and answer.verified
    assert "disiagakan" in answer.citations[0].quote


def test_indonesian_question_gets_indonesian_numbers(siaga: Siaga) -> None:
    answer = siaga.answer("Berapa personel yang digeser Polda Banten ke polres jajaran pada 10 Februari 2024?")
    assert answer.language == "id" and not answer.refused and answer.verified
    assert "1.646" in head(answer.text)


def test_a_question_against_a_bar_is_searched_and_answered_as_its_count(siaga: Siaga,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    searched: list[str] = []
    retrieve = siaga.retrieve
    monkeypatch.setattr(siaga, "retrieve", lambda q, *a, **k: searched.append(q) or retrieve(q, *a, **k))
    answer = siaga.answer("Did Polresta Tangerang deploy for the election more than 1,000 personnel?")
    assert head(answer.text) == "Yes. 1,048 personnel [1]." and answer.verified
    assert searched and all(q == "How many personnel did Polresta Tangerang deploy for the election?" for q in searched)
    history = [{"role": "user", "content": TANGERANG_Q}, {"role": "assistant", "content": "1,048 personnel [1]."}]
    follow_up = siaga.answer("More than 2,000?", history=history)
    assert head(follow_up.text) == "No. 1,048 personnel [1]." and follow_up.verified


def test_unanswerable_question_is_refused(siaga: Siaga) -> None:
    answer = siaga.answer("Berapa TPS rawan di Jawa Barat saat Pilkada 2024?")
    assert answer.refused and "tidak menyebutkan" in answer.text.lower()


def test_baca_juga_headline_is_never_a_verified_answer(tmp_path: Path, embedder) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    ingest_paths([str(SEED)], settings, embedder=embedder)
    answer = Siaga(settings, embedder=embedder).answer(TANGERANG_Q)
    if not answer.refused:
        assert "1,048" not in head(answer.text) and "1.048" not in head(answer.text)
    for citation in answer.citations:
        assert "1.048" not in citation.quote
    assert answer.refused


def test_filters_narrow_the_sources(siaga: Siaga) -> None:
    bali_only = siaga.retrieve(TANGERANG_Q, filters=Filters(regions=["Bali"]))
    assert bali_only and {r.article.region for r in bali_only} == {"Bali"}
    later = siaga.retrieve(TANGERANG_Q, filters=Filters(since="2024-02-12"))
    assert later and all(r.article.published >= "2024-02-12" for r in later)
    answer = siaga.answer(TANGERANG_Q, filters=Filters(regions=["Bali"]))
    assert answer.refused or "1,048" not in head(answer.text)


def test_each_leg_alone(siaga: Siaga) -> None:
    for mode in RetrievalMode:
        hits = siaga.retrieve("1,048 personel Tangerang", mode=mode, top_k=3)
        assert hits, mode
    assert siaga.retrieve("1,048 personel Tangerang", mode=RetrievalMode.BM25)[0].bm25_score > 0


def test_follow_up_uses_history(siaga: Siaga) -> None:
    history = [
        {"role": "user", "content": "Berapa personel yang digeser Polda Banten pada 10 Februari 2024?"},
        {"role": "assistant", "content": "Polda Banten menggeser 1.646 personel [1]."},
    ]
    answer = siaga.answer("Bagaimana dengan Polresta Tangerang?", history=history)
    assert answer.standalone_question and "Tangerang" in answer.standalone_question
    assert "1.048" in head(answer.text) and answer.verified


def test_who_said_so_names_the_speaker_the_article_quotes_for_the_previous_answer(siaga: Siaga) -> None:
    question = "Berapa personel yang digeser Polda Banten ke polres jajaran pada 10 Februari 2024?"
    previous = siaga.answer(question)
    history = [{"role": "user", "content": question}, {"role": "assistant", "content": previous.text}]
    answer = siaga.answer("Menurut siapa?", history=history)
    assert answer.verified and not answer.refused, answer.verification_errors
    assert "Kombes Pol Dedy Suhartono" in head(answer.text) and answer.text.startswith("Menurut ")
    assert "kata Dedy" in answer.citations[0].quote and "1.646" in answer.citations[0].quote
    streamed = siaga.stream("Who said so?", history=history)
    assert "".join(streamed) == streamed.answer.text and streamed.answer.text.startswith("According to ")
    assert siaga.source_of_previous("Menurut siapa?", None) is None  # nothing was answered before


def test_a_courtesy_is_answered_in_kind_and_follow_ups_lean_on_the_question_before_it(siaga: Siaga) -> None:
    question = "Berapa personel yang digeser Polda Banten pada 10 Februari 2024?"
    history = [{"role": "user", "content": question}, {"role": "assistant", "content": "1.646 personel [1]."}]
    thanks = siaga.answer("Makasih ya!", history=history)
    assert thanks.refusal_reason == RefusalReason.NOT_A_QUESTION and thanks.text.startswith("Sama-sama")
    assert thanks.verified and not thanks.citations and thanks.debug["retrieved"] == []  # nothing was searched
    assert siaga.answer("ok", history=history).language == "id"  # "ok" in the conversation's language
    streamed = siaga.stream("Thanks!", history=history)
    assert "".join(streamed) == streamed.answer.text == "You're welcome. Ask me anything else about election-" \
        "security news." and not streamed.candidates
    history += [{"role": "user", "content": "Makasih ya!"}, {"role": "assistant", "content": thanks.text}]
    answer = siaga.answer("Bagaimana dengan Polresta Tangerang?", history=history)  # the count, not "Makasih"
    assert answer.standalone_question == "Berapa personel yang digeser Polresta Tangerang pada 10 Februari 2024?"
    assert "1.048" in head(answer.text) and answer.verified
    source = siaga.answer("Oke. Menurut siapa?", history=history)  # the answer before the thanks
    assert "menurut Kepala Biro Operasi" in source.text and "Dedy Suhartono" in source.text and source.verified
    opened = siaga.answer("Terima kasih, lalu Polresta Tangerang?", history=history[:2])
    assert opened.standalone_question == answer.standalone_question and "1.048" in head(opened.text)


def test_an_overview_request_quotes_what_the_articles_say_and_tell_me_more_asks_one(siaga: Siaga) -> None:
    answer = siaga.answer("What do the articles say about Pulau Tunda?")
    assert answer.mode == "overview" and answer.verified and not answer.refused, answer.text
    assert answer.text.startswith("What the articles say about Pulau Tunda")
    assert all("Tunda" in c.quote for c in answer.citations) and answer.citations
    history = [{"role": "user", "content": TANGERANG_Q.replace("in Tangerang", "by Polresta Tangerang")},
               {"role": "assistant", "content": "1,048 personnel [1]."}]
    more = siaga.answer("Tell me more", history=history)
    assert more.standalone_question == "Tell me about Polresta Tangerang" and more.mode == "overview"
    assert more.verified and any("1.048" in c.quote for c in more.citations)


def test_follow_ups_lean_on_questions_not_on_courtesies_or_who_said_so() -> None:
    history = [
        {"role": "user", "content": "Siapa Kapolda Kalsel?"}, {"role": "assistant", "content": "Irjen Pol Winarto"},
        {"role": "user", "content": "Menurut siapa?"}, {"role": "assistant", "content": "Menurut ... [1]."},
        {"role": "user", "content": "Makasih"}, {"role": "assistant", "content": "Sama-sama."},
        {"role": "user", "content": "Oke. Who said so?"}, {"role": "assistant", "content": "According to ..."},
    ]
    assert questions_leaned_on(history) == history[:2]
    assert rewrite_followup("Bagaimana dengan Sumbar?", questions_leaned_on(history)) == "Siapa Kapolda Sumbar?"


def test_a_rank_question_gets_the_rank_written_before_the_holders_name(siaga: Siaga) -> None:
    answer = siaga.answer("Apa pangkat Kapolda Banten?")
    assert head(answer.text) == "Irjen Pol (Abdul Karim) [1]." and answer.verified
    assert "Irjen Pol Abdul Karim" in answer.citations[0].quote


def test_his_rank_after_a_who_question_is_the_rank_before_the_name_the_answer_gave(siaga: Siaga) -> None:
    history = [{"role": "user", "content": "Who led the Polresta Tangerang parade?"},
               {"role": "assistant", "content": "Kombes Pol Baktiar Joko Mujiono [1]."}]
    answer = siaga.answer("What is his rank?", history=history)
    assert answer.standalone_question == "What is Kombes Pol Baktiar Joko Mujiono's rank?"
    assert head(answer.text) == "Kombes Pol (Baktiar Joko Mujiono) [1]." and answer.verified  # no place in the name


def test_previously_after_an_election_asks_the_election_before(siaga: Siaga) -> None:
    history = [{"role": "user", "content": "Berapa personel yang dijaga Polresta Denpasar pada Pilkada November 2024?"},
               {"role": "assistant", "content": "..."}]
    answer = siaga.answer("Sebelumnya?", history=history)
    assert answer.standalone_question == "Berapa personel yang dijaga Polresta Denpasar pada Pemilu 2024?"
    assert not answer.refused and answer.verified


def test_a_follow_up_typed_in_lower_case_replaces_the_name_it_gives(siaga: Siaga) -> None:
    history = [
        {"role": "user", "content": "berapa personel yang diterjunkan polresta tangerang?"},
        {"role": "assistant", "content": "1.048 personel [1]."},
    ]
    standalone = siaga.standalone_question("bagaimana dengan denpasar?", history)
    # as the cased conversation reads: "Berapa personel yang diterjunkan Polresta Denpasar?"
    assert standalone == "berapa personel yang diterjunkan polresta Denpasar?"


def test_a_follow_ups_capitalised_opening_word_the_articles_write_in_lower_case_is_no_name(siaga: Siaga) -> None:
    """"Personel?" opens with a capital only because it opens the question: the articles write "personel", so it does
    not replace the name the previous question asked about (it was "Siapa Personel?")."""
    history = [{"role": "user", "content": "Siapa Kapolresta Tangerang?"}, {"role": "assistant", "content": "..."}]
    assert "Tangerang" in siaga.standalone_question("Personel?", history)


def test_a_question_typed_as_chat_is_read_in_full(siaga: Siaga) -> None:
    answer = siaga.answer("brp personel yg diterjunkan polresta tangerang")
    assert answer.standalone_question == "berapa personel yang diterjunkan polresta tangerang"
    assert "1.048" in head(answer.text) and answer.verified


def test_a_question_typed_in_lower_case_is_read_as_the_articles_write_its_names(siaga: Siaga) -> None:
    _, info, found = siaga._prepare("berapa personel yang dikerahkan polresta tangerang?", None, None, None)
    assert info.question.endswith("Tangerang?")
    _, _, cased = siaga._prepare(info.question, None, None, None)  # searched for as the cased question
    assert [(c.chunk.id, c.dense_score) for c in found] == [(c.chunk.id, c.dense_score) for c in cased]
    assert any("Tangerang" in name for name in info.names)
    answer = siaga.answer("how many personnel were deployed in tangerang?")
    assert answer.question == "how many personnel were deployed in tangerang?"  # quoted as typed
    assert "1,048" in head(answer.text) and answer.verified
    typed = "berapa tps rawan di jawa barat saat pilkada 2024?"  # read as "... TPS ...", quoted as typed
    assert f"“{typed}”" in siaga.answer(typed).text


def test_a_place_typed_in_lower_case_is_read_as_the_gazetteer_writes_it(siaga: Siaga) -> None:
    """No Indonesian article writes "West Java", so only the gazetteer can say it is a name."""
    _, info, _ = siaga._prepare("how many vulnerable polling stations were there in west java?", None, None, None)
    assert "West Java" in info.names and info.regions == ["Jawa Barat"]


def test_stream_yields_the_final_answer(siaga: Siaga) -> None:
    stream = siaga.stream(TANGERANG_Q)
    pieces = list(stream)
    assert "".join(pieces) == stream.answer.text and not stream.replaced
    assert len(pieces) == -(-len(stream.answer.text.split(" ")) // 4)  # in groups of four words, as they come


def test_llama_index_engines(siaga: Siaga) -> None:
    response = SiagaQueryEngine(siaga=siaga).query(TANGERANG_Q)
    assert "1,048" in str(response) and response.source_nodes
    assert response.source_nodes[0].node.metadata["article_id"]
    chat = SiagaChatEngine(siaga)
    chat.chat("Berapa personel yang digeser Polda Banten pada 10 Februari 2024?")
    follow = chat.chat("Bagaimana dengan Polresta Tangerang?")
    assert "1.048" in follow.response and len(chat.chat_history) == 4
    chat.reset()
    assert chat.chat_history == []


def test_reader_sees_articles_another_process_ingests(tmp_path: Path, embedder) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    ingest_paths([str(FIXTURES)], settings, embedder=embedder)
    reader = Siaga(settings, embedder=embedder)
    question = "Berapa personel yang disiagakan Polres Lebak untuk Pemilu 2024?"
    assert "321" not in reader.answer(question).text  # the figure exists nowhere yet
    new = tmp_path / "lebak.md"
    new.write_text(
        "---\ntitle: Polres Lebak siagakan 321 personel\nurl: https://contoh.example/lebak-321\n"
        "published: 2024-02-11\nregion: Banten\n---\n"
        "RANGKASBITUNG - Polres Lebak menyiagakan 321 personel untuk mengamankan 1.500 TPS di Kabupaten Lebak "
        "pada Pemilu 2024, Minggu (11/2/2024).\n",
        encoding="utf-8",
    )
    env = {**os.environ, "SIAGA_DATA_DIR": str(settings.data_dir)}
    subprocess.run([sys.executable, "-m", "cli", "ingest", str(new)], env=env, check=True, cwd=REPO,
                   capture_output=True)
    time.sleep(2.1)  # the reader re-checks the store at most every 2 s
    answer = reader.answer(question)
    assert not answer.refused and "321" in head(answer.text) and answer.verified


def test_opening_with_another_model_is_a_clear_error(siaga: Siaga) -> None:
    other = Siaga(siaga.settings.model_copy(update={"embed_model": "/models/other"}), embedder=siaga.embedder)
    with pytest.raises(EmbeddingMismatchError, match="siaga reindex"):
        other.answer(TANGERANG_Q)




def test_two_questions_asked_at_once_are_both_answered_each_with_its_citation() -> None:
    """"..., dan berapa TPS yang diamankannya?" leans on the first question as a follow-up would; both are read."""
    from rag.answerer import ReaderAnswerer
    from rag.compose import Calibration
    from rag.pipeline import asked_together
    from rag.question import analyze_question
    from siaga.types import Combination
    from tests.rag_fixtures import FakeReader, make_article, retrieved

    story = make_article("konawe", "Polres Konawe siagakan 267 personel", [
        "Polres Konawe menyiagakan 267 personel untuk pengamanan pilkada.",
        "Menurut Kabag Ops, Polres Konawe mengamankan 440 TPS di 26 kecamatan."], published="2024-11-22")
    question = "Berapa personel yang disiagakan Polres Konawe, dan berapa TPS yang diamankannya?"
    info = asked_together(analyze_question(question))
    assert info.combination is Combination.SEPARATE and len(info.parts) == 2
    assert "Polres Konawe" in info.parts[1].question  # the second question made standalone
    reader = FakeReader([("personel", "267 personel", 6.0), ("TPS", "440 TPS", 6.0)])
    answer = ReaderAnswerer(reader, Calibration()).answer(question, info, retrieved(story))
    assert answer.text == "267 personel [1]; 440 TPS [2]."
    assert len(answer.citations) == 2
    # the first question may lean on the second too
    both = asked_together(analyze_question("Berapa personel dan berapa TPS yang ada di Bali?"))
    assert [p.question for p in both.parts] == ["Berapa personel yang ada di Bali?", "Berapa TPS yang ada di Bali?"]
    # a question with parts of its own keeps them
    sides = analyze_question("Berapa selisih personel Polda Bali antara Pemilu 2024 dan Pilkada 2024?")
    assert asked_together(sides).combination is sides.combination is not Combination.SEPARATE


def test_one_question_word_counting_two_nouns_is_answered_for_both() -> None:
    """"Berapa personel dan TPS ...?": each count is read on its own; a joint figure read for both is said once,
    one found and one not says the found one and notes the other, and neither found reads the request whole."""
    from rag.answerer import ReaderAnswerer
    from rag.compose import Calibration
    from rag.pipeline import asked_together
    from rag.question import analyze_question
    from rag.verify import verify_answer
    from siaga.types import Combination
    from tests.rag_fixtures import FakeReader, chunk_map, make_article, retrieved

    story = make_article("bali", "Polda Bali siagakan 2.349 personel", [
        "Polda Bali menyiagakan 2.349 personel untuk pengamanan Pilkada 2024.",
        "Personel itu menjaga 6.795 TPS di sembilan kabupaten/kota."], published="2024-11-25")
    candidates = retrieved(story)

    def ask(question: str, reader: FakeReader) -> str:
        info = asked_together(analyze_question(question))
        answer = ReaderAnswerer(reader, Calibration()).answer(question, info, candidates)
        assert verify_answer(answer, chunk_map(candidates)) == []
        return answer.text

    info = asked_together(analyze_question("Berapa personel dan TPS di Bali?"))
    assert info.combination is Combination.SEPARATE
    assert [p.question for p in info.parts] == ["Berapa personel di Bali?", "Berapa TPS di Bali?"]
    both = FakeReader([("personel", "2.349 personel", 6.0), ("TPS", "6.795 TPS", 6.0)])
    assert ask("Berapa personel dan TPS di Bali?", both) == "2.349 personel [1]; 6.795 TPS [2]."
    joint = FakeReader([(r"\w", "2.349 personel", 6.0)])  # every reading finds the one figure
    assert ask("Berapa polisi dan personel di Bali?", joint) == "2.349 personel [1]."
    one = FakeReader([("personel", "2.349 personel", 6.0)])
    assert ask("Berapa personel dan kendaraan di Bali?", one) == (
        "2.349 personel [1]. Artikel yang tersedia tidak menyebutkan angka untuk “Berapa kendaraan di Bali?”.")
    assert ask("How many personnel and vehicles were in Bali?", one).startswith(
        "2,349 personnel [1]. The articles don't give the figure for “How many vehicles were in Bali?”")


def test_two_counts_neither_found_alone_are_read_as_one_request() -> None:
    """The joint figure a reader finds only for the request as typed is not lost to the split."""
    from rag.answerer import ReaderAnswerer
    from rag.compose import Calibration
    from rag.pipeline import asked_together
    from rag.question import analyze_question
    from tests.rag_fixtures import FakeReader, make_article, retrieved

    story = make_article("kalteng", "7.200 personel gabungan", [
        "Sebanyak 7.200 personel gabungan TNI-Polri mengamankan Pilkada di Kalteng."], published="2024-11-25")
    question = "Berapa polisi dan prajurit di Kalteng?"
    reader = FakeReader([("polisi dan prajurit", "7.200 personel", 6.0)])  # read only when both nouns are asked
    answer = ReaderAnswerer(reader, Calibration()).answer(question, asked_together(analyze_question(question)),
                                                         retrieved(story))
    assert not answer.refused and answer.text == "7.200 personel [1]."


def test_two_questions_asked_at_once_are_not_labelled_with_the_dates_they_name() -> None:
    """Each question names its own period; the answer follows the order asked and every number in it is cited."""
    from rag.answerer import ReaderAnswerer
    from rag.compose import Calibration
    from rag.pipeline import asked_together
    from rag.question import analyze_question
    from rag.verify import verify_answer
    from tests.rag_fixtures import FakeReader, chunk_map, make_article, retrieved

    old = make_article("kominfo", "Hoaks pemilu naik", [
        "Sepanjang Januari hingga 26 Oktober 2023, Kominfo menemukan 98 isu hoaks pemilu."], published="2023-10-27")
    new = make_article("komdigi", "Hoaks pilkada melandai", [
        "Sejak Agustus hingga 18 November 2024, Komdigi mencatat 22 isu hoaks pilkada."], published="2024-11-23")
    question = ("Berapa isu hoaks yang dicatat Kominfo hingga 26 Oktober 2023, dan berapa yang dicatat Komdigi "
                "hingga 18 November 2024?")
    info = asked_together(analyze_question(question))
    reader = FakeReader([("Kominfo", "98 isu", 6.0), ("Komdigi", "22 isu", 6.0)])
    candidates = retrieved(old, new)
    answer = ReaderAnswerer(reader, Calibration()).answer(question, info, candidates)
    assert answer.text == "98 isu [1]; 22 isu [2]."
    assert verify_answer(answer, chunk_map(candidates)) == []


def test_the_question_is_embedded_with_the_readers_measured_threads_unless_set(siaga: Siaga) -> None:
    """Warm-up times the reader with 1 and 2 threads; the question's embedding then uses the winner (2 on an idle
    machine: ~27 ms against ~36), and an explicit ``query_threads`` always wins."""
    reader = siaga.answerer.reader
    saved = (reader.threads, reader.measure_threads)
    try:
        reader.threads, reader.measure_threads = 2, False  # as if 2 had been measured faster
        siaga.warm_up()
        assert siaga.retriever.query_threads == 2
        reader.threads = 1  # the reader's later check timed 1: the next question follows it
        siaga.retrieve(TANGERANG_Q)
        assert siaga.retriever.query_threads == 1
        pinned = Siaga(siaga.settings.model_copy(update={"query_threads": 1}), embedder=siaga.embedder)
        pinned._answerer = siaga.answerer  # the same reader, not a second copy in memory
        pinned.warm_up()
        assert pinned.retriever.query_threads == 1
    finally:
        reader.threads, reader.measure_threads = saved
        siaga.retriever.query_threads = siaga.settings.query_threads


def test_a_follow_ups_opening_word_is_cased_as_the_articles_that_write_it_do(tmp_path: Path, embedder) -> None:  # noqa: ANN001
    """"Sebelumnya?" after a count: the count's own story need not write "sebelumnya", so the follow-up's words are
    also looked up alone; another story writes it in lower case, so it names nothing and is appended (it replaced
    "Tangerang" when only the count's story was read)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "tangerang-20240210-polresta-tangerang-1048-personel.txt").write_text(
        FIXTURES.joinpath("tangerang-20240210-polresta-tangerang-sebar-1048-personel-ke-5431-tps.txt").read_text(),
        encoding="utf-8")
    (corpus / "lebak-20240101-arsip-pengamanan.txt").write_text(
        "Arsip pengamanan Lebak\n\nLebak (ANTARA) - Pola pengamanan itu sama dengan yang dipakai sebelumnya di Lebak. "
        "Jumlah pos juga tidak berubah dari yang disiapkan sebelumnya oleh Polres Lebak.\n", encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", top_k=1)  # the count's question finds only the count's story
    assert ingest_paths([str(corpus)], settings, embedder=embedder).new == 2
    siaga = Siaga(settings, embedder=embedder)
    history = [{"role": "user", "content": "Berapa personel yang diterjunkan Polresta Tangerang?"},
               {"role": "assistant", "content": "1.048 personel [1]."}]  # (after an election it asks the one before)
    assert siaga.standalone_question("Sebelumnya?", history) == \
        "Berapa personel yang diterjunkan Polresta Tangerang sebelumnya?"
