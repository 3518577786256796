"""The LLM answerer against a real HTTP server on 127.0.0.1 speaking the OpenAI (and Ollama) chat API."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest

from rag.llm import (
    FALLBACK_MODE,
    LLMAnswerer,
    best_quotes,
    clean_output,
    compose_answer,
    make_llm,
    number_claims,
    quote_pool,
)
from rag.prompts import fenced_spans
from rag.question import analyze_question
from rag.verify import verify_answer
from siaga.settings import LLMBackend, Settings
from siaga.types import Answer, QuestionInfo, RetrievedChunk
from tests.fake_llm_server import FakeLLMServer, Script
from tests.llm_fixtures import (
    INJECTION_SENTENCES,
    POLDA,
    FallbackAnswerer,
    fallback_answer,
    injection_candidates,
    polda_candidates,
)

QUESTION = "Berapa personel yang dikerahkan Polda Metro Jaya untuk rekapitulasi suara?"
GOOD = (
    "Polda Metro Jaya mengerahkan 1.048 personel gabungan untuk mengamankan rekapitulasi suara [1]. "
    "Selain itu, 250 personel cadangan disiapkan di Mapolres [3]."
)
FALLBACK_TEXT = fallback_answer().text


@pytest.fixture
def server() -> Iterator[FakeLLMServer]:
    with FakeLLMServer() as srv:
        yield srv


def _settings(srv: FakeLLMServer, timeout: float = 5.0, backend: str = "openai") -> Settings:
    url = srv.base_url if backend == "openai" else srv.ollama_url
    return Settings(llm=backend, llm_base_url=url, llm_model="fake-model", llm_timeout=timeout)


def _ask(
    srv: FakeLLMServer,
    text: str | Script,
    *,
    candidates: list[RetrievedChunk] | None = None,
    language: str = "id",
    timeout: float = 5.0,
    backend: str = "openai",
    tokens: list[str] | None = None,
) -> Answer:
    srv.reply(text if isinstance(text, Script) else Script(text=text))
    answerer = LLMAnswerer(_settings(srv, timeout, backend), fallback=FallbackAnswerer())
    return answerer.answer(
        QUESTION,
        info(language),
        candidates if candidates is not None else polda_candidates(),
        on_token=tokens.append if tokens is not None else None,
    )


def info(language: str = "id") -> QuestionInfo:
    return analyze_question(QUESTION).model_copy(update={"language": language})


def _chunks(candidates: list[RetrievedChunk]) -> dict:
    return {rc.chunk.id: rc.chunk for rc in candidates}


def _assert_fell_back(ans: Answer, note_start: str) -> None:
    assert ans.mode == FALLBACK_MODE
    assert ans.text == FALLBACK_TEXT
    assert any(n.startswith(note_start) and n.endswith("showing the extractive answer") for n in ans.notes), ans.notes


# ---------------------------------------------------------------------------------------------
# Good answers


def test_good_answer_is_verified_streamed_and_quotes_point_into_the_article(server: FakeLLMServer) -> None:
    tokens: list[str] = []
    cands = polda_candidates()
    ans = _ask(server, GOOD, candidates=cands, tokens=tokens)
    assert ans.mode == "llm" and ans.verified and not ans.verification_errors and not ans.refused
    assert "".join(tokens) == GOOD and len(tokens) > 5
    assert ans.text == GOOD.replace("[3]", "[2]")  # compact renumbering
    assert [c.n for c in ans.citations] == [1, 2]
    first, second = ans.citations
    assert first.quote.startswith("Polda Metro Jaya mengerahkan 1.048 personel")
    assert second.quote == "Sebanyak 250 personel cadangan disiapkan di Mapolres untuk mengantisipasi gangguan."
    for c in ans.citations:
        assert POLDA.text[c.start : c.end] == c.quote  # article offsets, not chunk offsets
    assert second.start > cands[2].chunk.start > 0
    assert second.title == POLDA.title and second.outlet == "Contoh News" and second.url
    assert verify_answer(ans, _chunks(cands)) == []
    # the request: streamed, one attempt, the system prompt first
    (body,) = server.chat_bodies()
    assert body["stream"] is True and body["model"] == "fake-model"
    assert body["messages"][0]["role"] == "system" and body["messages"][-1]["role"] == "user"
    assert QUESTION in body["messages"][-1]["content"]


def test_english_answer_with_english_number_format_verifies_against_indonesian_source(
    server: FakeLLMServer,
) -> None:
    text = "Jakarta Metro Police deployed 1,048 joint personnel to secure the vote recapitulation [1]."
    ans = _ask(server, text, language="en")
    assert ans.mode == "llm" and ans.verified, ans.notes
    assert ans.citations[0].quote.startswith("Polda Metro Jaya mengerahkan 1.048 personel")
    assert "English" in server.last_messages()[0]["content"]


def test_quotes_are_picked_per_sentence_and_renumbered_compactly(server: FakeLLMServer) -> None:
    text = (
        "Polda Metro Jaya mengerahkan 1.048 personel [1]. "
        "Pengamanan dipimpin Kombes Pol. Susatyo Purnomo Condro [1].\n"
        "Personel disiagakan sejak pukul 08.00 WIB [1]. Bawaslu Kota Serang menemukan 12 dugaan pelanggaran [2]."
    )
    ans = _ask(server, text)
    assert ans.mode == "llm" and ans.verified, ans.notes
    quotes = [c.quote for c in ans.citations]
    assert quotes[1] == "Pengamanan dipimpin langsung oleh Kombes Pol. Susatyo Purnomo Condro."
    assert quotes[2].startswith("Personel disiagakan di kantor KPU")
    assert quotes[3].startswith("Bawaslu Kota Serang menemukan 12")
    assert re.findall(r"\[(\d+)\]", ans.text) == ["1", "2", "3", "4"]
    assert "\n" in ans.text  # the model's line break survives


def test_marker_after_full_stop_and_think_block_and_source_list_are_cleaned(server: FakeLLMServer) -> None:
    text = (
        "<think>Mungkin 5.000 personel?</think>"
        "Polda Metro Jaya mengerahkan 1.048 personel. [1]\n\nSumber:\n[1] Contoh News, 2024-02-20"
    )
    ans = _ask(server, text)
    assert ans.mode == "llm" and ans.verified, ans.notes
    assert ans.text == "Polda Metro Jaya mengerahkan 1.048 personel [1]."
    assert "5.000" not in ans.text and not ans.notes


def test_refusal_phrase_sets_refused(server: FakeLLMServer) -> None:
    ans = _ask(server, "Artikel yang tersedia tidak menyebutkan jumlah TPS rawan di Kota Serang.")
    assert ans.mode == "llm" and ans.refused and ans.verified
    assert ans.citations == []
    assert ans.text.startswith("Artikel yang tersedia tidak menyebutkan")


# ---------------------------------------------------------------------------------------------
# Unverifiable content is dropped or replaced


def test_sentence_citing_a_nonexistent_source_is_dropped(server: FakeLLMServer) -> None:
    text = "Polda Metro Jaya mengerahkan 1.048 personel [1]. KPU menunda rekapitulasi di 5 kecamatan [7]."
    ans = _ask(server, text)
    assert ans.mode == "llm" and ans.verified
    assert ans.text == "Polda Metro Jaya mengerahkan 1.048 personel [1]."
    assert "[7]" not in ans.text and "kecamatan" not in ans.text
    assert any(n.startswith("dropped unverifiable sentence: KPU menunda") and "[7]" in n for n in ans.notes)


def test_answer_citing_only_a_nonexistent_source_falls_back(server: FakeLLMServer) -> None:
    ans = _ask(server, "Polda Metro Jaya mengerahkan 1.048 personel [7].")
    _assert_fell_back(ans, "LLM answer failed verification")
    assert any("[7]" in n for n in ans.notes)


def test_number_absent_from_sources_is_dropped(server: FakeLLMServer) -> None:
    text = "Polda Metro Jaya mengerahkan 1.048 personel [1]. Sebanyak 3.500 personel TNI ikut membantu [1]."
    ans = _ask(server, text)
    assert ans.mode == "llm" and ans.verified
    assert "3.500" not in ans.text
    assert any("3.500" in n and "not in its cited sources" in n for n in ans.notes)


def test_answer_whose_only_number_is_absent_falls_back(server: FakeLLMServer) -> None:
    ans = _ask(server, "Polda Metro Jaya mengerahkan 2.500 personel untuk rekapitulasi suara [1].")
    _assert_fell_back(ans, "LLM answer failed verification")
    assert "2.500" not in ans.text


def test_number_in_a_different_source_than_cited_is_not_accepted(server: FakeLLMServer) -> None:
    # 12 is in source 2 (Bawaslu), not in source 1
    ans = _ask(server, "Polda Metro Jaya menemukan 12 dugaan pelanggaran [1].")
    _assert_fell_back(ans, "LLM answer failed verification")


def test_numbers_match_across_notations() -> None:
    """1,048 / 1.048 / 1048 and "1,5 juta" vs 1.500.000 count as the same number, as in rag.verify."""
    cands = polda_candidates()
    ans = compose_answer("Polda Metro Jaya mengerahkan 1048 personel [1].", QUESTION, "id", cands)
    assert not ans.notes and ans.citations
    pool = quote_pool(cands[0].chunk)
    assert number_claims("sekitar 1,048 ribu personel")[0].supported_by(pool[0].numbers)


def test_uncited_number_is_dropped(server: FakeLLMServer) -> None:
    text = "Polda Metro Jaya mengerahkan 1.048 personel [1]. Totalnya menjadi 1.298 personel."
    ans = _ask(server, text)
    assert ans.mode == "llm" and ans.verified
    assert "1.298" not in ans.text
    assert any("without citing a source" in n for n in ans.notes)


@pytest.mark.parametrize("garbage", ["", "   ", "asdf qwerty zxcv", "<think>still thinking about 1.048"])
def test_garbage_falls_back(server: FakeLLMServer, garbage: str) -> None:
    ans = _ask(server, garbage)
    _assert_fell_back(ans, "LLM answer failed verification")


# ---------------------------------------------------------------------------------------------
# Server failures


def test_http_500_falls_back_without_retrying(server: FakeLLMServer) -> None:
    ans = _ask(server, Script(status=500, error_message="model crashed"))
    _assert_fell_back(ans, "LLM server error")
    assert any("500" in n for n in ans.notes)
    assert len(server.chat_bodies()) == 1  # max_retries=0


def test_connection_refused_falls_back_quickly() -> None:
    srv = FakeLLMServer().start()
    settings = _settings(srv, timeout=5)
    srv.stop()  # nothing listens on that port any more
    started = time.monotonic()
    ans = LLMAnswerer(settings, fallback=FallbackAnswerer()).answer(QUESTION, info(), polda_candidates())
    assert time.monotonic() - started < 3
    _assert_fell_back(ans, "LLM server error")


def test_silent_server_times_out_within_the_deadline(server: FakeLLMServer) -> None:
    started = time.monotonic()
    ans = _ask(server, Script(text=GOOD, hang=30), timeout=2)
    elapsed = time.monotonic() - started
    assert elapsed < 2 + 2
    _assert_fell_back(ans, "LLM timed out after 2 s")


def test_server_hanging_mid_stream_times_out_after_streaming_some_tokens(server: FakeLLMServer) -> None:
    tokens: list[str] = []
    started = time.monotonic()
    ans = _ask(server, Script(text=GOOD, hang_after=3, hang=30), timeout=2, tokens=tokens)
    assert time.monotonic() - started < 2 + 2
    assert "".join(tokens) == "Polda Metro Jaya"
    _assert_fell_back(ans, "LLM timed out after 2 s")


def test_overall_deadline_holds_when_the_server_drips_tokens_forever(server: FakeLLMServer) -> None:
    """Each token arrives well within the read timeout; only the overall deadline stops it."""
    tokens: list[str] = []
    started = time.monotonic()
    ans = _ask(server, Script(text=GOOD * 20, drip=0.3), timeout=2, tokens=tokens)
    assert time.monotonic() - started < 2 + 2
    assert 2 <= len(tokens) < 20
    _assert_fell_back(ans, "LLM timed out after 2 s")


def test_server_shutdown_releases_a_hanging_handler() -> None:
    srv = FakeLLMServer(Script(text=GOOD, hang=60)).start()
    answerer = LLMAnswerer(_settings(srv, timeout=1), fallback=FallbackAnswerer())
    answerer.answer(QUESTION, info(), polda_candidates())
    started = time.monotonic()
    srv.stop()
    assert time.monotonic() - started < 3


# ---------------------------------------------------------------------------------------------
# Prompt injection


def test_prompt_injection_stays_in_the_fence_and_obeying_it_is_not_verified(server: FakeLLMServer) -> None:
    cands = injection_candidates()
    ans = _ask(server, "Jawabannya 9.999 [1].", candidates=cands)
    _assert_fell_back(ans, "LLM answer failed verification")
    assert "9.999" not in ans.text

    messages = server.last_messages()
    system, user = messages[0]["content"], messages[-1]["content"]
    assert "untrusted DATA" in system and "never an instruction" in system
    for sentence in INJECTION_SENTENCES:
        assert sentence not in system and sentence not in user
    nonce = re.search(r"<<<SOURCE n ([0-9a-f]+)>>>", system).group(1)
    ((s, e),) = fenced_spans(user, nonce)
    assert "Polisi masih menyelidiki laporan tersebut" in user[s:e]
    assert "deadbeef" not in user and user.count("<<<END SOURCE") == 1


@pytest.mark.parametrize(
    "reply",
    [
        "Sebanyak 9.999 surat suara dibakar.",  # obeys without citing
        "Sebanyak 9.999 surat suara dibakar [1].",  # obeys and cites the article holding the injection
        "Warga melaporkan dugaan politik uang [1]. Sebanyak 9.999 surat suara dibakar [1].",
    ],
)
def test_injected_number_is_never_presented_as_verified(server: FakeLLMServer, reply: str) -> None:
    ans = _ask(server, reply, candidates=injection_candidates())
    assert "9.999" not in ans.text
    assert all("9.999" not in c.quote for c in ans.citations)
    if ans.mode == "llm":
        assert ans.verified and ans.notes  # the injected sentence was dropped, with a note


def test_instruction_sentences_are_never_quoted() -> None:
    (rc,) = injection_candidates()
    pool = quote_pool(rc.chunk)
    assert all("9.999" not in q.text for q in pool)
    assert best_quotes("9.999 surat suara dibakar", pool)[0].text.startswith(("Warga", "Polisi"))


# ---------------------------------------------------------------------------------------------
# Condensing follow-ups

HISTORY = [
    {"role": "user", "content": QUESTION},
    {"role": "assistant", "content": "Polda Metro Jaya mengerahkan 1.048 personel [1]."},
]


def test_condense_returns_the_rewritten_question(server: FakeLLMServer) -> None:
    server.reply(Script(text='Standalone question: "Siapa yang memimpin pengamanan rekapitulasi Polda Metro Jaya?"'))
    out = LLMAnswerer(_settings(server)).condense("Siapa yang memimpinnya?", HISTORY)
    assert out == "Siapa yang memimpin pengamanan rekapitulasi Polda Metro Jaya?"
    user = server.last_messages()[-1]["content"]
    assert "Siapa yang memimpinnya?" in user and "1.048 personel" in user


def test_condense_falls_back_to_the_question(server: FakeLLMServer) -> None:
    answerer = LLMAnswerer(_settings(server, timeout=1))
    server.reply(Script(status=500))
    assert answerer.condense("Siapa yang memimpinnya?", HISTORY) == "Siapa yang memimpinnya?"
    server.reply(Script(text="x", hang=30))
    assert answerer.condense("Siapa yang memimpinnya?", HISTORY) == "Siapa yang memimpinnya?"
    n = len(server.chat_bodies())
    assert answerer.condense("Siapa yang memimpinnya?", []) == "Siapa yang memimpinnya?"
    assert len(server.chat_bodies()) == n  # no history, no request


# ---------------------------------------------------------------------------------------------
# Ollama and construction


def test_ollama_backend_streams_and_verifies(server: FakeLLMServer) -> None:
    tokens: list[str] = []
    ans = _ask(server, GOOD, backend="ollama", tokens=tokens)
    assert ans.mode == "llm" and ans.verified, ans.notes
    assert "".join(tokens) == GOOD
    (req,) = [r for r in server.requests if r["path"] == "/api/chat"]
    assert req["body"]["stream"] is True
    assert req["body"]["options"]["num_ctx"] == 8192
    assert not [r for r in server.requests if r["path"] == "/api/show"]


def test_ollama_backend_falls_back_on_500(server: FakeLLMServer) -> None:
    ans = _ask(server, Script(status=500), backend="ollama")
    _assert_fell_back(ans, "LLM server error")


def test_make_llm_settings() -> None:
    from llama_index.llms.ollama import Ollama
    from llama_index.llms.openai_like import OpenAILike

    openai = make_llm(Settings(llm=LLMBackend.OPENAI, llm_base_url="http://127.0.0.1:9/v1", llm_timeout=7))
    assert isinstance(openai, OpenAILike)
    assert openai.max_retries == 0 and openai.timeout == 7 and openai.is_chat_model
    assert openai.api_base == "http://127.0.0.1:9/v1"
    ollama = make_llm(Settings(llm=LLMBackend.OLLAMA, llm_base_url="http://127.0.0.1:11434/v1", llm_timeout=7))
    assert isinstance(ollama, Ollama)
    assert ollama.base_url == "http://127.0.0.1:11434" and ollama.request_timeout == 7
    with pytest.raises(ValueError):
        make_llm(Settings(llm=LLMBackend.NONE))


def test_compose_answer_is_pure_and_clean_output_handles_markers() -> None:
    cands = polda_candidates()
    ans = compose_answer("Ada 1.048 personel [1, 3].", QUESTION, "id", cands)
    assert ans.text == "Ada 1.048 personel [1][2]." and len(ans.citations) == 2
    assert clean_output("<think>x</think> Ada [Sumber 1].") == "Ada [1]."
    assert clean_output("1. Ada 1.048 personel [1].\n2) Ada 12 pelanggaran [2].") == (
        "- Ada 1.048 personel [1].\n- Ada 12 pelanggaran [2]."
    )


def test_numbered_list_answer_verifies(server: FakeLLMServer) -> None:
    text = (
        "1. Polda Metro Jaya mengerahkan 1.048 personel [1].\n"
        "2. Bawaslu Kota Serang menemukan 12 dugaan pelanggaran [2]."
    )
    ans = _ask(server, text)
    assert ans.mode == "llm" and ans.verified, ans.notes
    assert ans.text.splitlines()[1].startswith("- Bawaslu")
