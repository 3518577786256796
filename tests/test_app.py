"""The Streamlit app end to end (AppTest), over a small corpus ingested with the real pipeline.

One module-scoped corpus: four articles (three real ones and one carrying injection attempts). The
app is pointed at it through SIAGA_DATA_DIR; the engine (model, Chroma, BM25) is kept per process,
so it loads once for all tests here. Answer-level assertions hold for any correct answerer (the
Tangerang question is answered with 1.048 and a [1]; a question about something absent refuses);
they do not depend on exact wording.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from siaga.types import Answer, Citation
from tests.app_fixtures import ARTICLES, INJECTION_ID, REPO, build_corpus
from ui.conversations import ConversationStore, new_conversation_id
from ui.export import answer_dict, conversation_markdown
from ui.i18n import t
from ui.render import anchor_id, unescape_markdown

pytestmark = pytest.mark.slow

APP = str(REPO / "app.py")
EN_QUESTION = "How many personnel were deployed in Tangerang?"
ID_QUESTION = "Berapa personel yang diterjunkan Polresta Tangerang?"
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


def new_app(query: dict[str, str] | None = None, context: dict[str, Any] | None = None,
            pending: str | None = None) -> AppTest:
    """A fresh browser session: a new tab, or a reload when ``query`` carries a conversation id."""
    at = AppTest.from_file(APP, default_timeout=600)
    at.query_params.update(query or {})
    at.context.update(context or {})
    if pending:
        at.session_state["pending_question"] = pending  # asked in the very first run (an example button)
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


def chips(at: AppTest) -> list[str]:
    """The filter chips shown next to the chat input."""
    return [m.value for m in at.markdown if "-badge[" in m.value]


def card_anchors(at: AppTest, message_id: str) -> list[str]:
    prefix = anchor_id(message_id, "")
    return [h.proto.anchor for h in at.subheader if h.proto.anchor.startswith(prefix)]


def assert_no_raw_markup(at: AppTest) -> None:
    """No element allows HTML; no untrusted link, image or tag survives unescaped."""
    assert not at.get("html")
    for m in list(at.markdown) + list(at.caption):
        assert not m.proto.allow_html, m.value
    for text in all_text(at):
        assert not re.search(r"(?<!\\)<(script|img|b)\b", text, re.I), text
        assert not re.search(r"\]\((?!https?://|#src-)", text), text  # http(s) links and [n] -> card only
        assert not re.search(r"(?<!\\)!\[", text), text


def sidebar_metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.sidebar.metric if m.label == label)


# --- pages and empty states ----------------------------------------------------------------------------
def test_pages_render_before_the_model_is_needed(corpus: Path) -> None:
    at = new_app()
    assert at.title[0].value.startswith("Siaga")
    assert at.radio(key="_w_lang").value == "id"  # no browser locale, no question yet: Indonesian
    assert sidebar_metric(at, "Artikel") == "4"
    for page in ("pages_siaga/articles.py", "pages_siaga/ingest.py", "pages_siaga/evaluation.py"):
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
    info = at.info[0].value  # no report yet; the wording points at the button, which is above
    assert "siaga eval" in info and "tombol di atas" in info
    assert at.button(key="run_eval") is not None


def test_empty_corpus_says_so_and_points_to_add_articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIAGA_DATA_DIR", str(tmp_path / "empty"))
    at = new_app()
    assert any("Belum ada artikel" in i.value for i in at.info)
    assert [p.proto.page for p in at.get("page_link")] == ["ingest"]
    reply = ask(at, ID_QUESTION)
    assert reply["answer"]["refused"] and reply["answer"]["refusal_reason"] == "no_articles"
    assert any(w.value.startswith("**Belum ada artikel**") for w in at.warning), [w.value for w in at.warning]
    assert any(p.value == "Tambah artikel" for p in at.get("page_link"))
    at.switch_page("pages_siaga/articles.py").run()
    assert not at.exception
    assert any("Belum ada artikel tersimpan" in i.value for i in at.info)
    assert [p.value for p in at.get("page_link")] == ["Tambah artikel"]
    assert not at.dataframe  # no empty table


# --- answers, citations, refusals ---------------------------------------------------------------------
def test_cited_answer_links_each_marker_to_its_card(corpus: Path) -> None:
    at = new_app()
    reply = ask(at, EN_QUESTION)
    answer = reply["answer"]
    assert not answer["refused"], answer["text"]
    assert "1.048" in answer["text"] or "1,048" in answer["text"]
    numbers = sorted({int(n) for n in re.findall(r"\[(\d+)\]", answer["text"])})
    assert numbers and 1 in numbers
    # each [n] is a link to the card with that anchor, the cited sentence on hover
    body = next(m.value for m in at.markdown if f"](#{anchor_id(reply['id'], 1)}" in m.value)
    for c in {c["n"]: c for c in answer["citations"]}.values():
        assert f'](#{anchor_id(reply["id"], c["n"])} "' in body
    assert sorted(card_anchors(at, reply["id"])) == sorted(anchor_id(reply["id"], n) for n in numbers)
    # the quote is shown once: in its card (highlighted in context), not in the answer text
    quote = answer["citations"][0]["quote"]
    assert quote not in answer["text"]
    quotes = [m.value for m in at.markdown if m.value.startswith("> ")]
    assert sum("**" in q and quote.split()[0] in unescape_markdown(q) for q in quotes) == 1, quotes
    assert any(TANGERANG_TITLE in unescape_markdown(h.value) for h in at.subheader)
    # the interface took the first question's language (no browser locale); the answer is in English
    assert at.radio(key="_w_lang").value == "en"
    assert at.status[0].label.startswith("Answered · ")
    assert any(t.startswith(":green[:material/verified:] Verified") for t in all_text(at))
    assert at.feedback(key=f"fb_{reply['id']}") is not None
    assert_no_raw_markup(at)


def test_unanswerable_question_is_refused(corpus: Path) -> None:
    at = new_app()
    reply = ask(at, UNANSWERABLE)
    answer = reply["answer"]
    assert answer["refused"], answer["text"]
    assert any(w.value.startswith("**Artikel tidak menjawab pertanyaan ini**") for w in at.warning)
    assert at.status[0].label.startswith("Tidak ada jawaban di artikel")
    # related facts are offered once per article, under "related", never as numbered sources
    related_articles = {c["article_id"] for c in answer["related"]}
    labels = [e.label for e in at.expander if e.label.startswith("Terkait, bukan jawaban")]
    assert labels == ([f"Terkait, bukan jawaban ({len(related_articles)})"] if related_articles else [])
    cited = {c["n"] for c in answer["citations"]}
    assert len(card_anchors(at, reply["id"])) == len(cited)  # only what the refusal text itself cites
    assert_no_raw_markup(at)


def test_follow_up_shows_how_it_was_understood_above_the_answer(corpus: Path) -> None:
    at = new_app()
    ask(at, EN_QUESTION)
    reply = ask(at, "Berapa TPS yang dijaga?")
    standalone = reply["answer"]["standalone_question"]
    assert standalone and "Tangerang" in standalone, standalone
    label = t("understood_as", reply["answer"]["language"], q="**")  # the answer's own language
    captions = [c.value for c in at.chat_message[-1].caption]  # inline in the answer, first thing in it
    assert captions and captions[0].startswith(":material/edit_note: " + label), captions
    assert "Tangerang" in unescape_markdown(captions[0])


def test_who_said_so_names_the_quoted_speaker_with_a_card_for_each_citation(corpus: Path) -> None:
    at = new_app()
    ask(at, EN_QUESTION)
    reply = ask(at, "Who said so?")
    answer = reply["answer"]
    assert answer["text"].startswith("According to ") and "Baktiar" in answer["text"], answer["text"]
    assert answer["verified"] and any("kata Baktiar" in c["quote"] for c in answer["citations"])
    assert len(card_anchors(at, reply["id"])) == len(answer["citations"])
    assert_no_raw_markup(at)


def test_a_thank_you_is_answered_in_kind_with_no_refusal_box_and_no_search(corpus: Path) -> None:
    at = new_app()
    ask(at, EN_QUESTION)
    reply = ask(at, "Thanks a lot!")
    assert reply["answer"]["refusal_reason"] == "not_a_question" and not reply["answer"]["citations"]
    assert reply["status"]["refusal_reason"] == "not_a_question" and "passages" not in reply["status"]
    assert any(m.value == "You're welcome. Ask me anything else about election-security news." for m in
               at.chat_message[-1].markdown)
    assert not at.chat_message[-1].warning  # no "The articles don't answer this" box
    assert at.status[-1].label.startswith("Nothing looked up")
    follow_up = ask(at, "And how many polling stations?")  # leans on the question before the thanks
    assert "Tangerang" in (follow_up["answer"]["standalone_question"] or ""), follow_up["answer"]


def test_an_overview_shows_each_quoted_line_on_its_own_line_with_a_card_each(corpus: Path) -> None:
    at = new_app()
    reply = ask(at, "Ceritakan tentang Polresta Tangerang")
    answer = reply["answer"]
    assert answer["mode"] == "overview" and answer["verified"] and len(answer["citations"]) >= 2, answer["text"]
    body = next(m.value for m in at.chat_message[-1].markdown if m.value.startswith("Yang ditulis artikel"))
    assert body.count("  \n") == len(answer["citations"])  # one line per quoted sentence
    assert len(card_anchors(at, reply["id"])) == len(answer["citations"])
    assert_no_raw_markup(at)


def test_kept_answers_show_conflicts_rewrites_and_their_cards(corpus: Path) -> None:
    """Rendering of answer fields any answerer can set: conflicting figures, a rewritten question."""
    from siaga.settings import Settings
    from siaga.store import ArticleStore

    article = next(a for a in ArticleStore(Settings().sqlite_path).get_many([INJECTION_ID]).values())
    start = article.text.index("Kepolisian Resor Cilacap")
    end = article.text.index(".", start) + 1
    cit = Citation.of(1, article, f"{INJECTION_ID}::0", start, end, article.text[start:end])
    answer = Answer(question="Dan di Cilacap?", standalone_question="Berapa personel yang dikerahkan di Cilacap?",
                    language="id", text="Artikel menyebut angka berbeda: 777 personel [1] (Media); 800 [2].",
                    citations=[cit, cit.model_copy(update={"n": 2})], verified=True, conflicting=True)
    cid = new_conversation_id()
    ConversationStore(Settings().conversations_dir).save(cid, {"messages": [
        {"role": "user", "content": "Dan di Cilacap?"},
        {"role": "assistant", "id": "kept1", "content": answer.text, "answer": answer_dict(answer),
         "status": {"seconds": 1.25, "cited_articles": 1}},
    ]})
    at = new_app(query={"c": cid})
    assert at.info and "tidak sepakat" in at.info[0].value
    assert at.chat_message[1].caption[0].value.startswith(":material/edit_note: Dipahami sebagai: **Berapa personel")
    assert card_anchors(at, "kept1") == [anchor_id("kept1", 1), anchor_id("kept1", 2)]
    assert at.status[0].label == "Dijawab · 1 artikel sumber · 1.2 dtk"
    md = conversation_markdown(at.session_state["messages"], "id")
    assert "⚖️ Artikel-artikel tidak sepakat" in md and "_Dipahami sebagai: Berapa personel" in md
    assert_no_raw_markup(at)


# --- waiting ------------------------------------------------------------------------------------------
def test_first_question_reports_loading_and_the_wall_time(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIAGA_TOP_K", "7")  # other settings: a new engine, not loaded yet
    at = new_app(pending=EN_QUESTION)  # asked in the run that starts the engine
    assert not at.exception, at.exception
    first = at.session_state["messages"][-1]
    assert not first.get("error"), first.get("error")
    assert first["status"]["phases"][:1] == ["loading"], first["status"]
    assert {"searching", "reading"} <= set(first["status"]["phases"])
    assert first["status"]["seconds"] >= first["status"]["answer_seconds"]  # the wait, not the pipeline's time
    details = "\n".join(m.value for m in at.status[0].markdown)
    assert "loaded first" in details and "You waited" in details
    second = ask(at, EN_QUESTION)
    assert "loading" not in second["status"]["phases"]
    assert second["status"]["seconds"] >= second["status"]["answer_seconds"]
    assert f"{second['status']['seconds']:.1f} s" in at.status[-1].label


# --- filters ------------------------------------------------------------------------------------------
def test_each_filter_clears_and_clear_filters_clears_all(corpus: Path) -> None:
    at = new_app()
    at.date_input(key="_w_f_since").set_value(dt.date(2024, 2, 1)).run()
    assert at.session_state["f_since"] == dt.date(2024, 2, 1)
    assert chips(at) == [":blue-badge[:material/calendar_month: Dari 2024-02-01]"]
    at.button(key="clear_f_since").click().run()
    assert at.session_state["f_since"] is None and at.date_input(key="_w_f_since").value is None
    assert chips(at) == []
    outlets = at.multiselect(key="_w_f_outlets").options
    at.date_input(key="_w_f_until").set_value(dt.date(2024, 3, 1)).run()
    at.multiselect(key="_w_f_regions").set_value(["Banten"]).run()
    at.multiselect(key="_w_f_outlets").set_value(outlets[:1]).run()
    assert len(chips(at)) == 1 and chips(at)[0].count("-badge[") == 3
    at.button(key="clear_f_regions").click().run()
    assert at.session_state["f_regions"] == [] and chips(at)[0].count("-badge[") == 2
    at.button(key="clear_filters").click().run()
    assert [at.session_state[k] for k in ("f_since", "f_until", "f_regions", "f_outlets")] == [None, None, [], []]
    assert chips(at) == [] and at.button(key="clear_filters").disabled
    at.date_input(key="_w_f_since").set_value(dt.date(2024, 2, 1)).run()
    at.button(key="chips_clear").click().run()  # the same, from the chips beside the chat input
    assert at.session_state["f_since"] is None and chips(at) == []


def test_reversed_range_is_rejected_with_a_message(corpus: Path) -> None:
    at = new_app()
    at.date_input(key="_w_f_since").set_value(dt.date(2024, 3, 1)).run()
    at.date_input(key="_w_f_until").set_value(dt.date(2024, 2, 1)).run()
    errors = [e.value for e in at.sidebar.error]
    assert errors and "terbalik" in errors[0] and "2024-03-01" in errors[0] and "2024-02-01" in errors[0]
    assert chips(at) and chips(at)[0].startswith(":red-badge[")
    reply = ask(at, ID_QUESTION)
    answer = reply["answer"]
    assert answer["refused"] and answer["refusal_reason"] == "filtered_out"
    assert "2024-03-01" in answer["text"] and "2024-02-01" in answer["text"]  # the answer names the filter
    assert any(w.value.startswith("**Filter tidak menyisakan artikel**") for w in at.warning)
    at.button(key=f"clear_filters_{reply['id']}").click().run()  # the refusal offers to clear them
    assert at.session_state["f_since"] is None and at.session_state["f_until"] is None
    assert not at.sidebar.error


def test_region_filter_narrows_sources(corpus: Path) -> None:
    at = new_app()
    at.multiselect(key="_w_f_regions").set_value(["Jawa Tengah"]).run()
    assert at.session_state["f_regions"] == ["Jawa Tengah"]
    assert chips(at) == [":blue-badge[:material/location_on: Wilayah: Jawa Tengah]"]
    reply = ask(at, EN_QUESTION)
    answer = reply["answer"]
    assert reply["filters"]["regions"] == ["Jawa Tengah"]
    assert answer["refused"] or all(c["article_id"] == INJECTION_ID for c in answer["citations"])
    assert not any(TANGERANG_TITLE in unescape_markdown(h.value) for h in at.subheader)
    details = [m.value for m in at.status[0].markdown]
    assert any("Region: Jawa Tengah" in d for d in details), details


def test_filters_that_leave_nothing_are_named(corpus: Path) -> None:
    at = new_app()
    outlets = [o for o in at.multiselect(key="_w_f_outlets").options if "Uji" not in o]
    at.multiselect(key="_w_f_regions").set_value(["Jawa Tengah"]).run()  # only the Cilacap article
    at.multiselect(key="_w_f_outlets").set_value(outlets[:1]).run()  # ...which no real outlet published
    reply = ask(at, ID_QUESTION)
    answer = reply["answer"]
    assert answer["refused"] and answer["refusal_reason"] == "filtered_out"
    assert "Jawa Tengah" in answer["text"] and outlets[0] in answer["text"]
    assert reply["status"]["passages"] == 0


# --- language -----------------------------------------------------------------------------------------
def test_each_answer_keeps_its_language_and_the_interface_does_not_flip(corpus: Path) -> None:
    at = new_app(context={"locale": "id-ID"})
    assert at.radio(key="_w_lang").value == "id"  # the browser's language
    ask(at, EN_QUESTION)
    assert at.radio(key="_w_lang").value == "id"  # not the question's
    assert at.status[0].label.startswith("Answered")  # the answer's labels are in its own language
    ask(at, UNANSWERABLE)
    assert at.radio(key="_w_lang").value == "id"
    labels = [s.label for s in at.status]
    assert labels[0].startswith("Answered") and labels[1].startswith("Tidak ada jawaban"), labels
    at.radio(key="_w_lang").set_value("en").run()  # the interface language is the user's to choose
    assert at.session_state["lang"] == "en" and at.chat_input(key="chat_input").placeholder.startswith("Ask")
    assert [s.label[:8] for s in at.status] == [labels[0][:8], labels[1][:8]]  # answers unchanged


def test_interface_language_setting(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIAGA_UI_LANG", "en")
    warm_engine()
    at = new_app(context={"locale": "id-ID"})
    assert at.radio(key="_w_lang").value == "en"
    assert at.chat_input(key="chat_input").placeholder == "Ask about election security…"


# --- conversation, feedback, exports ------------------------------------------------------------------
def test_reload_keeps_the_conversation_and_new_conversation_starts_fresh(corpus: Path) -> None:
    at = new_app()
    at.multiselect(key="_w_f_regions").set_value(["Banten"]).run()
    reply = ask(at, EN_QUESTION)
    cid = at.query_params["c"]
    assert re.fullmatch(r"[0-9a-f]{32}", cid)

    reloaded = new_app(query={"c": cid})  # a reload: a new session, the same URL
    assert reloaded.session_state["messages"] == at.session_state["messages"]
    assert len(reloaded.chat_message) == 2 and reloaded.session_state["f_regions"] == ["Banten"]
    assert card_anchors(reloaded, reply["id"]) == card_anchors(at, reply["id"])
    assert reloaded.radio(key="_w_lang").value == "en"

    reloaded.button(key="new_conversation").click().run()
    assert reloaded.session_state["messages"] == [] and not reloaded.chat_message
    assert reloaded.session_state["f_regions"] == [] and chips(reloaded) == []
    fresh = reloaded.query_params["c"]
    assert fresh != cid
    assert new_app(query={"c": fresh}).session_state["messages"] == []
    assert len(new_app(query={"c": cid}).session_state["messages"]) == 2  # the old one is still kept
    assert new_app(query={"c": "../../etc/passwd"}).session_state["messages"] == []


def test_thumbs_down_takes_a_reason_and_exports_hold_what_was_shown(corpus: Path) -> None:
    at = new_app()
    reply = ask(at, EN_QUESTION)
    at.feedback(key=f"fb_{reply['id']}").set_value(0).run()
    at.text_input(key=f"fbr_{reply['id']}").input("wrong figure").run()
    at.button(key=f"fbs_{reply['id']}").click().run()
    assert not at.exception
    records = [json.loads(line) for line in (corpus / "feedback" / "feedback.jsonl").read_text().splitlines()]
    assert [r["rating"] for r in records[-2:]] == ["down", "down"]
    assert records[-1]["reason"] == "wrong figure" and records[-1]["answer_id"] == reply["id"]
    assert records[-1]["question"] == EN_QUESTION and records[-1]["source_ids"]
    assert any(c.value == "Reason saved: wrong figure" for c in at.caption)

    messages = at.session_state["messages"]
    md = conversation_markdown(messages, "en")
    titles = [unescape_markdown(h.value)[len(":small["):-1] for h in at.subheader if h.proto.anchor]
    assert titles and all(title.split("] ", 1)[1] in md for title in titles)
    for c in reply["answer"]["citations"]:
        assert c["quote"] in md
    assert "Feedback: 👎 — wrong figure" in md
    assert "1.048" in md or "1,048" in md
    assert not re.search(r"\\[().\-]", md)  # clean: "(ANTARA)", "1.048" without backslashes
    assert "Related" not in md  # not shown under an answer, so not exported
    labels = [b.label for b in at.sidebar.get("download_button")]
    assert labels == ["Download Markdown", "Download JSON"]


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
        assert any("\\<script\\>" in h.value for h in at.subheader)
    assert_no_raw_markup(at)


def test_operational_error_is_one_line_not_a_trace(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Chroma server that is not there: the chat says so in one line, the app keeps running."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed once the block ends: nothing listens there
    monkeypatch.setenv("SIAGA_CHROMA_URL", f"http://127.0.0.1:{port}")
    at = new_app()
    at.chat_input(key="chat_input").set_value(EN_QUESTION)
    at.run()
    assert not at.exception, at.exception
    reply = at.session_state["messages"][-1]
    error = reply["error"]
    assert error and "\n" not in error and "Traceback" not in error
    assert "unexpected" not in error  # an operational error speaks for itself (siaga.errors.SiagaError)
    assert [unescape_markdown(e.value) for e in at.error] == [error]
    assert at.status[-1].label == "Could not answer"


# --- other pages --------------------------------------------------------------------------------------
def test_evaluation_page_shows_latest_report(corpus: Path) -> None:
    reports = Path(os.environ["SIAGA_REPORTS_DIR"])
    group = {"n": 4, "answerable": 3, "unanswerable": 1, "accuracy": 0.75, "refusal_accuracy": 1.0,
             "false_refusal_rate": 0.0, "answered_precision": 0.75, "coverage": 1.0, "hit@5": 1.0,
             "citation_verbatim": 1.0, "numeric_fidelity": 1.0, "latency_p50": 0.05, "latency_p95": 0.1}
    no_refusals = {**group, "refusal_accuracy": None}  # a group without unanswerable questions
    summary = {"overall": group, "by_type": {"numeric": no_refusals}, "by_lang": {"en": group, "id": group}}
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
    shown = display_values(at.dataframe[0])
    assert shown["refusal acc."] == [""]  # an empty cell, not "None"
    assert shown["accuracy"] == ["75"] and shown["n"] == ["4"]


def display_values(frame: Any) -> dict[str, list[str]]:
    """The strings a styled dataframe shows in its cells (what the browser renders)."""
    import pyarrow as pa

    table = pa.ipc.open_stream(frame.proto.arrow_data.styler.display_values).read_all().to_pandas()
    data = pa.ipc.open_stream(frame.proto.arrow_data.data).read_all().to_pandas()
    return {column: [str(v) for v in table.iloc[:, i]] for i, column in enumerate(data.columns)}


@pytest.mark.timeout(1800)  # a second process loads the model: minutes on a busy machine
def test_picks_up_articles_ingested_by_another_process(corpus: Path) -> None:
    at = new_app()
    ask(at, EN_QUESTION)  # the engine is built and warm
    bali = ARTICLES / "bali-20240205-polda-bali-jaga-12809-tps.txt"
    code = (
        "from siaga.settings import Settings; from ingest.pipeline import ingest_paths; "
        f"s = ingest_paths([{str(bali)!r}], Settings(data_dir={str(corpus)!r})); assert s.new == 1, s.to_dict()"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO, timeout=1700)
    ask(at, "Berapa TPS yang dijaga Polda Bali pada Pemilu 2024?")
    shown = [unescape_markdown(text) for text in all_text(at)]
    # the article the other process stored is among the sources shown (cited, or related under a refusal)
    assert any("Polda Bali Petakan Personel" in text for text in shown), shown


def test_ingest_page_uploads_and_article_delete(corpus: Path) -> None:
    at = new_app()
    at.radio(key="_w_lang").set_value("en").run()
    at.switch_page("pages_siaga/ingest.py").run()
    before = int(sidebar_metric(at, "Articles"))
    sleman = ARTICLES / "sleman-20241125-polresta-sleman-1410-personel-16-tps-rawan.txt"
    at.file_uploader(key="uploads").set_value([(sleman.name, sleman.read_bytes(), "text/plain")]).run()
    assert at.button(key="run_ingest").label == "Ingest 1 file"
    at.file_uploader(key="uploads").set_value(
        [(sleman.name, sleman.read_bytes(), "text/plain"), ("rusak.json", b"{not json", "application/json")]
    ).run()
    assert at.button(key="run_ingest").label == "Ingest 2 files"
    from ingest.pipeline import Ingestor
    from siaga.settings import Settings

    with Ingestor(Settings()).lock():  # another writer holds the lock: a clear message, no crash
        at.button(key="run_ingest").click().run()
    assert not at.exception, at.exception
    assert any("Another ingest is running" in e.value for e in at.error), [e.value for e in at.error]
    assert "ingest_result" not in at.session_state

    at.button(key="run_ingest").click().run()
    assert not at.exception, at.exception
    result = at.session_state["ingest_result"]
    assert result["new"] == 1
    assert [f["path"] for f in result["failed"]] == ["rusak.json"]
    shown = " ".join(all_text(at)) + json.dumps(result)
    assert "siaga-upload" not in shown and "/tmp" not in shown  # the temp folder is nobody's business
    metrics = {m.label: m.value for m in at.main.metric if m.label in ("New", "Failed")}
    assert metrics == {"New": "1", "Failed": "1"}
    assert sidebar_metric(at, "Articles") == str(before + 1)  # the sidebar is not one step behind
    done = [t for t in all_text(at) if t.startswith("Done in")]
    assert len(done) == 1 and not at.get("progress"), done  # said once
    assert re.search(r"; \d+ chunks? embedded\.$", done[0]) and not done[0].endswith("; 1 chunks embedded.")
    new_id = result["events"][0]["id"]

    at.switch_page("pages_siaga/articles.py").run()
    at.text_input(key="article_search").set_value("Sleman").run()
    assert at.main.caption[0].value == "1 article"
    at.selectbox(key="article_open").set_value(new_id).run()
    at.button(key="delete_ask").click().run()
    assert any("cannot be undone" in w.value for w in at.warning)
    at.button(key="delete_yes").click().run()
    assert not at.exception
    assert any(new_id in s.value for s in at.success)
    assert at.session_state["article_open"] is None
    assert sidebar_metric(at, "Articles") == str(before)


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
        assert reply["answer"]["mode"] == "reader"
        assert reply["answer"]["citations"]
