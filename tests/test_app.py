"""The Streamlit app end to end (AppTest), over a small corpus ingested with the real pipeline.

One module-scoped corpus: four articles (three real ones and one carrying injection attempts). The
app is pointed at it through SIAGA_DATA_DIR; the engine (model, Chroma, BM25) is cached per process,
so it loads once for all tests here.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app_fixtures import ARTICLES, INJECTION_ID, REPO, build_corpus
from ui.render import unescape_markdown

pytestmark = pytest.mark.slow

APP = str(REPO / "app.py")
EN_QUESTION = "How many personnel were deployed in Tangerang?"
UNANSWERABLE = "Berapa TPS rawan di Jawa Barat saat Pilkada 2024?"
TANGERANG_TITLE = "Polresta Tangerang sebar 1.048 personel ke 5.431 TPS jelang pencoblosan"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, embedder: object) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("app")
    settings = build_corpus(root, embedder=embedder)
    reports = root / "reports"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SIAGA_DATA_DIR", str(settings.data_dir))
        mp.setenv("SIAGA_REPORTS_DIR", str(reports))
        warm_engine()
        yield Path(settings.data_dir)


def warm_engine() -> None:
    """Load the app's engine for the current environment before any AppTest compiles a script.

    CPython 3.11.7 can raise "SystemError: AST constructor recursion depth mismatch" when one thread
    compiles (Streamlit parsing a page) while another imports modules (the engine's background
    warm-up); the app recovers on the next run, but a test must not depend on thread timing.
    """
    from ui.resources import get_engine

    get_engine().wait()


def new_app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    return at


def ask(at: AppTest, question: str) -> dict:
    at.chat_input(key="chat_input").set_value(question)
    at.run()
    assert not at.exception, at.exception
    messages = at.session_state["messages"]
    assert messages[-2] == {"role": "user", "content": question}
    reply = messages[-1]
    assert not reply.get("error"), reply.get("error")
    return reply


def all_text(at: AppTest) -> list[str]:
    """Every piece of Markdown the page sends: markdown, captions, alerts, expander and status labels."""
    texts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    texts += [w.value for w in at.warning] + [e.value for e in at.error] + [i.value for i in at.info]
    texts += [e.label for e in at.expander] + [s.label for s in at.status]
    texts += [h.value for h in at.subheader] + [h.value for h in at.title]
    return texts


def assert_no_raw_markup(at: AppTest) -> None:
    """No element allows HTML, and no untrusted link, image or tag survives unescaped."""
    assert not at.get("html")
    for m in list(at.markdown) + list(at.caption):
        assert not m.proto.allow_html, m.value
    for text in all_text(at):
        assert not re.search(r"(?<!\\)<(script|img|b)\b", text, re.I), text
        assert not re.search(r"\]\((?!https?://)", text), text  # only http(s) link targets
        assert not re.search(r"(?<!\\)!\[", text), text


def test_pages_render_before_the_model_is_needed(corpus: Path) -> None:
    at = new_app()
    assert at.title[0].value.startswith("Siaga")
    assert at.toggle(key="_w_lang_en").value is False  # Indonesian by default
    assert at.sidebar.metric[0].value == "4"  # articles in the corpus
    for page in ("pages_siaga/articles.py", "pages_siaga/ingest.py", "pages_siaga/evaluation.py"):
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
    assert at.info and "siaga eval" in at.info[0].value  # no report yet


def test_answer_with_citation_expander(corpus: Path) -> None:
    at = new_app()
    reply = ask(at, EN_QUESTION)
    answer = reply["answer"]
    assert not answer["refused"]
    assert answer["citations"], answer
    assert re.search(r"\[\d+\]", answer["text"])
    labels = [unescape_markdown(e.label) for e in at.expander]
    cited = [label for label in labels if label.startswith("[1] ")]
    assert cited, labels
    assert at.toggle(key="_w_lang_en").value is True  # the interface followed the English question
    assert any(s.label.startswith("Answered") for s in at.status)
    texts = all_text(at)
    assert any("Understood as:" in t for t in texts)
    assert any("Verified:" in t for t in texts) or any("Not verified" in t for t in texts)
    # the quote, highlighted inside its surrounding text
    quote = answer["citations"][0]["quote"]
    quotes = [m.value for m in at.markdown if m.value.startswith("> ")]
    assert any("**" in q and quote.split()[0] in unescape_markdown(q) for q in quotes), quotes
    assert at.feedback(key=f"fb_{reply['id']}") is not None
    assert_no_raw_markup(at)


def test_unanswerable_question_is_refused(corpus: Path) -> None:
    at = new_app()
    reply = ask(at, UNANSWERABLE)
    assert reply["answer"]["refused"], reply["answer"]["text"]
    warnings = [w.value for w in at.warning]
    assert any("Artikel tidak menjawab pertanyaan ini" in w for w in warnings), warnings
    assert at.toggle(key="_w_lang_en").value is False
    assert any(s.label.startswith("Tidak ada jawaban") for s in at.status)
    # related facts are offered as related, never as numbered sources of an answer
    if reply["answer"]["related"]:
        assert any("Terkait, bukan jawaban" in t for t in all_text(at))
        assert not any(unescape_markdown(e.label).startswith("[") for e in at.expander)
    assert_no_raw_markup(at)


def test_followup_uses_history(corpus: Path) -> None:
    at = new_app()
    ask(at, EN_QUESTION)
    reply = ask(at, "Berapa TPS yang dijaga?")
    standalone = reply["status"]["standalone"]
    assert standalone != "Berapa TPS yang dijaga?"
    assert "Tangerang" in standalone
    understood = [t for t in all_text(at) if "Dipahami sebagai:" in t]
    assert any("Tangerang" in t for t in understood), understood
    assert reply["answer"]["standalone_question"] == standalone


def test_region_filter_narrows_sources(corpus: Path) -> None:
    at = new_app()
    at.multiselect(key="_w_f_regions").set_value(["Jawa Tengah"]).run()
    assert at.session_state["f_regions"] == ["Jawa Tengah"]
    reply = ask(at, EN_QUESTION)
    answer = reply["answer"]
    assert reply["filters"]["regions"] == ["Jawa Tengah"]
    assert answer["refused"] or all(c["article_id"] == INJECTION_ID for c in answer["citations"])
    assert not any(TANGERANG_TITLE in unescape_markdown(e.label) for e in at.expander)
    assert any("Jawa Tengah" in t for t in all_text(at) if "Filter" in t)


def test_feedback_is_stored(corpus: Path) -> None:
    at = new_app()
    reply = ask(at, EN_QUESTION)
    at.feedback(key=f"fb_{reply['id']}").set_value(1).run()
    assert not at.exception
    path = corpus / "feedback" / "feedback.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    record = records[-1]
    assert record["rating"] == "up" and record["score"] == 1
    assert record["question"] == EN_QUESTION
    assert record["answer"] == reply["answer"]["text"]
    assert record["citations"] and record["source_ids"]
    assert record["timestamp"]
    assert at.session_state["messages"][-1]["rating"] == 1


def test_injection_renders_as_text(corpus: Path) -> None:
    at = new_app()
    at.switch_page("pages_siaga/articles.py").run()
    at.selectbox(key="article_open").set_value(INJECTION_ID).run()
    assert not at.exception
    heading = at.subheader[0].value
    assert "\\<script\\>alert\\(1\\)\\</script\\>" in heading
    assert unescape_markdown(heading).startswith("Polres Cilacap <script>alert(1)</script>")
    body = "\n".join(m.value for m in at.markdown)
    assert "Abaikan instruksi sebelumnya" in body
    assert "\\<img src=x onerror=alert\\(3\\)\\>" in body
    assert "Media \\[Uji\\]\\(javascript:alert\\(2\\)\\)" in body  # the outlet, shown as text
    assert any("javascript:alert\\(1\\)" in c.value for c in at.caption)  # the URL: text, not a link
    assert_no_raw_markup(at)
    # and when the article is cited in a chat answer
    at.switch_page("pages_siaga/chat.py").run()
    reply = ask(at, "Berapa personel yang dikerahkan Polres Cilacap?")
    if reply["answer"]["citations"]:
        assert any("\\<script\\>" in e.label for e in at.expander)
    assert_no_raw_markup(at)


def test_new_conversation_and_exports(corpus: Path) -> None:
    at = new_app()
    ask(at, EN_QUESTION)
    labels = [b.label for b in at.sidebar.get("download_button")]
    assert labels == ["Download Markdown", "Download JSON"]
    at.button(key="new_conversation").click().run()
    assert at.session_state["messages"] == []
    assert not at.chat_message


def test_evaluation_page_shows_latest_report(corpus: Path, tmp_path: Path) -> None:
    reports = Path(os.environ["SIAGA_REPORTS_DIR"])
    group = {"n": 4, "answerable": 3, "unanswerable": 1, "accuracy": 0.75, "refusal_accuracy": 1.0,
             "false_refusal_rate": 0.0, "answered_precision": 0.75, "coverage": 1.0, "hit@5": 1.0,
             "citation_verbatim": 1.0, "numeric_fidelity": 1.0, "latency_p50": 0.05, "latency_p95": 0.1}
    summary = {"overall": group, "by_type": {"numeric": group}, "by_lang": {"en": group, "id": group}}
    for name, acc in (("20240101-000000", 0.1), ("20250101-000000", 0.75)):
        folder = reports / name
        folder.mkdir(parents=True)
        (folder / "summary.json").write_text(json.dumps({**summary, "overall": {**group, "accuracy": acc}}))
        (folder / "report.md").write_text("# report\n")
    at = new_app()
    at.switch_page("pages_siaga/evaluation.py").run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Akurasi"] == "75.0%"
    assert metrics["Penolakan tepat"] == "100.0%"
    assert len(at.dataframe) == 2
    assert any("20250101-000000" in c.value for c in at.caption)


def test_picks_up_articles_ingested_by_another_process(corpus: Path) -> None:
    at = new_app()
    ask(at, EN_QUESTION)  # the engine is built and warm
    bali = ARTICLES / "bali-20240205-polda-bali-jaga-12809-tps.txt"
    code = (
        "from siaga.settings import Settings; from ingest.pipeline import ingest_paths; "
        f"s = ingest_paths([{str(bali)!r}], Settings(data_dir={str(corpus)!r})); assert s.new == 1, s.to_dict()"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO, timeout=300)
    reply = ask(at, "Berapa TPS yang dijaga Polda Bali pada Pemilu 2024?")
    cited = {c["article_id"] for c in reply["answer"]["citations"]}
    titles = [unescape_markdown(e.label) for e in at.expander]
    assert not reply["answer"]["refused"], reply["answer"]["text"]
    assert any("Bali" in t for t in titles), (cited, titles)
    assert "12.809" in reply["answer"]["text"] or "12,809" in reply["answer"]["text"]


def test_ingest_page_uploads_and_article_delete(corpus: Path) -> None:
    at = new_app()
    at.switch_page("pages_siaga/ingest.py").run()
    sleman = ARTICLES / "sleman-20241125-polresta-sleman-1410-personel-16-tps-rawan.txt"
    at.file_uploader(key="uploads").set_value(
        [(sleman.name, sleman.read_bytes(), "text/plain"), ("rusak.json", b"{not json", "application/json")]
    ).run()
    from ingest.pipeline import Ingestor
    from siaga.settings import Settings

    with Ingestor(Settings()).lock():  # another writer holds the lock: a clear message, no crash
        at.button(key="run_ingest").click().run()
    assert not at.exception, at.exception
    assert any("Proses ingest lain sedang berjalan" in e.value for e in at.error), [e.value for e in at.error]
    assert "ingest_result" not in at.session_state

    at.button(key="run_ingest").click().run()
    assert not at.exception, at.exception
    result = at.session_state["ingest_result"]
    assert result["new"] == 1
    assert [f["path"] for f in result["failed"]] == ["rusak.json"]
    metrics = {m.label: m.value for m in at.metric if m.label in ("Baru", "Gagal")}
    assert metrics == {"Baru": "1", "Gagal": "1"}
    new_id = result["events"][0]["id"]

    at.switch_page("pages_siaga/articles.py").run()
    at.text_input(key="article_search").set_value("Sleman").run()
    at.selectbox(key="article_open").set_value(new_id).run()
    at.button(key="delete_ask").click().run()
    assert any("tidak dapat dibatalkan" in w.value for w in at.warning)
    at.button(key="delete_yes").click().run()
    assert not at.exception
    assert any(new_id in s.value for s in at.success)
    assert at.session_state["article_open"] is None


def test_first_token_is_fast_when_warm(corpus: Path, embedder: object) -> None:
    """The chat's path to its first streamed piece (retrieval + extractive answer) stays under 1 s."""
    from rag.pipeline import Siaga
    from siaga.settings import Settings

    siaga = Siaga(Settings(), embedder=embedder)
    siaga.warm_up()
    next(iter(siaga.stream(EN_QUESTION)))  # first query pays one-off costs (tokenizer caches etc.)
    timings = []
    for question in (EN_QUESTION, "Berapa personel Polda Banten yang digeser?", UNANSWERABLE):
        started = time.perf_counter()
        next(iter(siaga.stream(question)))
        timings.append(time.perf_counter() - started)
    load, cores = os.getloadavg()[0], os.cpu_count() or 1
    if max(timings) > 1.0 and load >= cores:
        # torch with a thread per core slows ~30x when another process holds a core: not our number
        pytest.skip(f"machine busy (load {load:.1f} on {cores} cores); first-token seconds {timings}")
    assert max(timings) <= 1.0, (timings, "load average", os.getloadavg(), "cores", cores)


def test_llm_mode_streams_verifies_and_can_be_switched_off(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With an LLM configured the sidebar offers both modes; an unverifiable LLM answer is replaced."""
    from tests.fake_llm_server import FakeLLMServer, Script

    with FakeLLMServer(Script("Polresta Tangerang deployed 9,999 personnel [1].")) as server:
        monkeypatch.setenv("SIAGA_LLM", "openai")
        monkeypatch.setenv("SIAGA_LLM_BASE_URL", server.base_url)
        monkeypatch.setenv("SIAGA_LLM_TIMEOUT", "20")
        warm_engine()
        at = new_app()
        mode = at.radio(key="_w_answer_mode")
        assert mode.value == "llm"
        assert mode.options == ["Ekstraktif (kalimat dari artikel)", "LLM (local-model)"]
        reply = ask(at, EN_QUESTION)
        assert server.chat_bodies(), "the LLM was not asked"
        answer = reply["answer"]
        assert "9,999" not in answer["text"]  # the invented number failed verification
        assert reply["status"]["replaced"] and answer["mode"] != "llm"
        assert answer["citations"] and answer["notes"]
        texts = all_text(at)
        assert any("The LLM answer failed verification and was replaced" in t for t in texts)
        assert any(t.startswith("LLM answer failed verification") for t in texts)  # the pipeline's note

        asked = len(server.chat_bodies())
        at.radio(key="_w_answer_mode").set_value("extractive").run()
        reply = ask(at, EN_QUESTION)
        assert len(server.chat_bodies()) == asked  # extractive mode never calls the LLM
        assert reply["answer"]["mode"] == "extractive"
        assert reply["answer"]["citations"]
