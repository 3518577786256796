"""Conversation export (Markdown, JSON) and feedback records: exactly what the chat showed, clean Markdown."""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

from siaga.types import Answer, Citation, RefusalReason
from ui.answer_view import conversation_views, group_by_article, message_view, unique_sources
from ui.export import (
    answer_dict,
    append_jsonl,
    conversation_json,
    conversation_markdown,
    feedback_record,
    history_of,
)
from ui.i18n import question_language

TITLE = "Polresta Tangerang sebar 1.048 personel ke 5.431 TPS jelang pencoblosan"


def _citation(n: int = 1, **update: object) -> Citation:
    cit = Citation(
        n=n, article_id="a1", chunk_id="a1::0", start=10, end=60,
        quote="Tangerang (ANTARA) - Polresta Tangerang menurunkan 1.048 personel.", title=TITLE,
        outlet="ANTARA", published="2024-02-10", region="Banten", url="https://www.antaranews.com/berita/1",
    )
    return cit.model_copy(update=update)


def _answer(refused: bool = False) -> Answer:
    related = [
        _citation(5, chunk_id="a1::1", quote="Kalimat terkait pertama."),
        _citation(6, chunk_id="a1::2", quote="Kalimat terkait kedua."),
        _citation(7, article_id="b2", title="Judul <script>alert(1)</script>", url="javascript:alert(1)",
                  quote="Kalimat dari artikel lain."),
    ]
    return Answer(
        question="How many personnel?", language="en", text="1,048 personnel [1].",
        citations=[] if refused else [_citation(), _citation()],  # a repeated [1] marker
        refused=refused, related=related, related_headlines=["Baca [x](javascript:1)"] if refused else [],
        verified=not refused, debug={"retrieved": [1, 2, 3]},
        refusal_reason=RefusalReason.NOT_FOUND if refused else None,
    )


def _conversation() -> list[dict]:
    first = _answer()
    second = _answer(refused=True).model_copy(update={"language": "id", "text": "Artikel tidak menyebutkannya."})
    return [
        {"role": "user", "content": "How many personnel?"},
        {"role": "assistant", "id": "m1", "content": first.text, "answer": answer_dict(first), "rating": 0,
         "feedback_reason": "wrong *figure*", "status": {"seconds": 2.34, "cited_articles": 1, "passages": 8,
                                                         "articles": 3, "corpus": 4, "mode": "extractive"}},
        {"role": "user", "content": "Berapa TPS rawan di Jawa Barat?"},
        {"role": "assistant", "id": "m2", "content": second.text, "answer": answer_dict(second),
         "status": {"seconds": 0.4, "refused": True}},
    ]


def test_answer_dict_drops_debug() -> None:
    data = answer_dict(_answer())
    assert "debug" not in data
    assert data["citations"][0]["quote"].startswith("Tangerang")


def test_view_has_one_card_per_marker_and_related_only_under_a_refusal() -> None:
    answered, refused = message_view(_conversation()[1]), message_view(_conversation()[3])
    assert [c["n"] for c in answered["sources"]] == [1]
    assert answered["related"] == [] and answered["verified"] is True
    assert [g["article_id"] for g in refused["related"]] == ["a1", "b2"]  # each article once
    assert [p["quote"] for p in refused["related"][0]["passages"]] == ["Kalimat terkait pertama.",
                                                                       "Kalimat terkait kedua."]
    assert refused["verified"] is None and refused["refusal_title"] == "Artikel tidak menjawab pertanyaan ini"
    assert answered["language"] == "en" and refused["language"] == "id"  # each answer keeps its language
    assert answered["status_label"] == "Answered · 1 source article · 2.3 s"


def test_grouping_and_dedup_helpers() -> None:
    quotes = [{"article_id": "a", "quote": "x"}, {"article_id": "b", "quote": "y"}, {"article_id": "a", "quote": "x"},
              {"article_id": "a", "quote": "z"}]
    groups = group_by_article(quotes)
    assert [(g["article_id"], [p["quote"] for p in g["passages"]]) for g in groups] == [("a", ["x", "z"]),
                                                                                          ("b", ["y"])]
    assert [c["n"] for c in unique_sources([{"n": 2}, {"n": 1}, {"n": 2}])] == [1, 2]


def test_markdown_export_is_clean_and_safe() -> None:
    md = conversation_markdown(_conversation(), "en")
    assert md.startswith("# Siaga")
    assert "## You" in md and "## Siaga" in md
    # clean: no stray escapes in ordinary text
    assert "> Tangerang (ANTARA) - Polresta Tangerang menurunkan 1.048 personel." in md
    assert f"[{TITLE}](https://www.antaranews.com/berita/1)" in md
    assert "1,048 personnel [1]." in md
    assert not re.search(r"\\[().\-]", md), [line for line in md.splitlines() if re.search(r"\\[().\-]", line)]
    # safe: untrusted markup stays text
    assert "\\<script>" in md and "<script>" not in md.replace("\\<script>", "")
    assert not re.search(r"(?<!\\)\]\(javascript:", md)  # "[x\](javascript:1)" is text, not a link
    assert "javascript:alert(1)" not in md  # an unsafe URL is not even shown as a link target
    assert "wrong \\*figure\\*" in md


def test_markdown_export_holds_what_the_chat_showed() -> None:
    md = conversation_markdown(_conversation(), "en")
    answered, refused = md.split("## Siaga")[1], md.split("## Siaga")[2]
    assert answered.count("- [1] ") == 1  # the repeated marker is one source, as in the chat
    assert "Related" not in answered and "Kalimat terkait" not in answered  # the chat hides them under an answer
    assert "✅ Verified" in answered
    assert "Answered · 1 source article · 2.3 s" in answered
    assert "Feedback: 👎 — wrong \\*figure\\*" in answered
    # the refusal keeps its own (Indonesian) labels; related facts grouped, each article once
    assert "**Artikel tidak menjawab pertanyaan ini**" in refused
    assert refused.count("### Terkait, bukan jawaban") == 1
    assert refused.count(f"[{TITLE}]") == 1
    assert "> Kalimat terkait pertama." in refused and "> Kalimat terkait kedua." in refused
    assert "### Judul terkait (Baca juga)" in refused
    assert "Verified" not in refused


def test_json_export_is_the_same_view() -> None:
    data = json.loads(conversation_json(_conversation(), "en"))
    assert data["app"] == "siaga" and data["language"] == "en"
    messages = data["messages"]
    assert [m["role"] for m in messages] == ["user", "assistant", "user", "assistant"]
    assert messages[1]["sources"][0]["article_id"] == "a1" and len(messages[1]["sources"]) == 1
    assert messages[1]["related"] == []
    assert messages[1]["rating"] == 0 and messages[1]["feedback_reason"] == "wrong *figure*"
    assert messages[3]["refused"] is True and len(messages[3]["related"]) == 2
    assert messages == json.loads(json.dumps(conversation_views(_conversation(), "en"), ensure_ascii=False))


def test_feedback_record_is_an_eval_case_sketch(tmp_path: Path) -> None:
    conv = _conversation()
    record = feedback_record(conv[1], 0, history=[], question=conv[0]["content"], reason="wrong figure")
    assert record["rating"] == "down" and record["score"] == 0 and record["reason"] == "wrong figure"
    assert record["question"] == "How many personnel?"
    assert record["answer"] == "1,048 personnel [1]."
    assert record["source_ids"] == ["a1"]
    assert record["citations"][0]["quote"].startswith("Tangerang")
    assert record["lang"] == "en" and record["history"] == []
    assert record["timestamp"].endswith("+00:00")
    follow = feedback_record(conv[3], 1, history=conv[:2], question=conv[2]["content"])
    assert follow["history"] == history_of(conv[:2]) and follow["refused"] is True and follow["reason"] is None


def test_append_jsonl_concurrent_lines(tmp_path: Path) -> None:
    path = tmp_path / "feedback" / "feedback.jsonl"

    def write(i: int) -> None:
        for j in range(50):
            append_jsonl(path, {"i": i, "j": j, "pad": "x" * 500})

    threads = [threading.Thread(target=write, args=(i,)) for i in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 200
    assert all(json.loads(line)["pad"] == "x" * 500 for line in lines)


def test_question_language() -> None:
    assert question_language("How many personnel were deployed in Tangerang?") == "en"
    assert question_language("Berapa personel yang diterjunkan di Tangerang?") == "id"


def test_an_overviews_lines_stay_lines_in_the_markdown_export() -> None:
    overview = Answer(question="Tell me about Tangerang", language="en", mode="overview", verified=True,
                      text="What the articles say about Tangerang (quoted in their own Indonesian):\n"
                           "- Polresta Tangerang menurunkan 1.048 personel. [1]\n- Kalimat kedua. [2]",
                      citations=[_citation(), _citation(2, chunk_id="a1::1", quote="Kalimat kedua.")])
    md = conversation_markdown([{"role": "user", "content": overview.question},
                                {"role": "assistant", "id": "o1", "content": overview.text,
                                 "answer": answer_dict(overview), "status": {"seconds": 0.5}}], "en")
    assert "(quoted in their own Indonesian):  \n\\- Polresta Tangerang menurunkan 1.048 personel. [1]  \n" in md
