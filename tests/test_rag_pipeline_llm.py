"""The LLM mode through the whole pipeline (Siaga.answer/stream) against a fake OpenAI-compatible server."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import ingest_paths
from rag.pipeline import Siaga
from siaga.settings import LLMBackend, Settings
from tests.fake_llm_server import FakeLLMServer, Script

FIXTURES = Path(__file__).parent / "fixtures" / "corpus"
QUESTION = "How many personnel were deployed in Tangerang?"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory, embedder) -> Path:
    data = tmp_path_factory.mktemp("llm") / "data"
    ingest_paths([str(FIXTURES)], Settings(data_dir=data), embedder=embedder)
    return data


@pytest.fixture
def server():
    with FakeLLMServer() as srv:
        yield srv


def make(data_dir: Path, server: FakeLLMServer, embedder, timeout: float = 5.0) -> Siaga:
    settings = Settings(data_dir=data_dir, llm=LLMBackend.OPENAI, llm_base_url=server.base_url, llm_timeout=timeout)
    return Siaga(settings, embedder=embedder)


def test_good_llm_answer_is_verified_and_streamed(data_dir: Path, server: FakeLLMServer, embedder) -> None:
    siaga = make(data_dir, server, embedder)
    sources = siaga.retrieve(QUESTION)
    n = next(i for i, r in enumerate(sources, start=1) if "5.431" in r.chunk.text and "1.048" in r.chunk.text)
    server.reply(Script(f"Polresta Tangerang deployed 1,048 personnel to guard 5,431 polling stations [{n}]."))
    stream = siaga.stream(QUESTION)
    pieces = list(stream)
    answer = stream.answer
    assert len(pieces) > 1 and answer.mode == "llm" and answer.verified, answer.notes
    assert "1,048" in answer.text and "1.048" in answer.citations[0].quote
    prompt = server.last_messages()
    assert any("1.048" in m["content"] for m in prompt)


def test_unverifiable_llm_answer_falls_back_to_extractive(data_dir: Path, server: FakeLLMServer, embedder) -> None:
    server.reply(Script("Polresta Tangerang deployed 2,222 personnel [1]. The total was 9,999 [7]."))
    answer = make(data_dir, server, embedder).answer(QUESTION)
    assert answer.mode != "llm" and answer.verified and "1,048" in answer.text
    assert any("extractive" in note for note in answer.notes)


def test_server_error_and_hang_fall_back(data_dir: Path, server: FakeLLMServer, embedder) -> None:
    server.reply(Script("", status=500))
    answer = make(data_dir, server, embedder).answer(QUESTION)
    assert answer.mode != "llm" and "1,048" in answer.text and answer.verified
    server.reply(Script("Polresta Tangerang deployed 1,048 personnel [1].", hang=30))
    hung = make(data_dir, server, embedder, timeout=2.0).answer(QUESTION)
    assert hung.mode != "llm" and hung.seconds < 10 and any("timed out" in n for n in hung.notes)


def test_an_overview_and_a_courtesy_never_reach_the_llm(data_dir: Path, server: FakeLLMServer, embedder) -> None:
    server.reply(Script("Polresta Tangerang deployed 2,222 personnel [1]."))
    siaga = make(data_dir, server, embedder)
    stream = siaga.stream("Tell me about Polresta Tangerang")
    assert "".join(stream) == stream.answer.text and not stream.replaced  # nothing streamed was taken back
    assert stream.answer.mode == "overview" and stream.answer.verified
    assert siaga.answer("Thanks!").text.startswith("You're welcome")
    assert not server.requests  # the LLM was asked nothing
