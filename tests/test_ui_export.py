"""Conversation export (Markdown, JSON) and feedback records."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from siaga.types import Answer, Citation
from ui.export import (
    answer_dict,
    append_jsonl,
    conversation_json,
    conversation_markdown,
    feedback_record,
    history_of,
)
from ui.i18n import question_language


def _answer(refused: bool = False) -> Answer:
    cit = Citation(
        n=1, article_id="a1", chunk_id="a1::0", start=10, end=60,
        quote="Polresta Tangerang menurunkan 1.048 personel.", title="Judul <script>alert(1)</script>",
        outlet="ANTARA", published="2024-02-10", region="Banten", url="javascript:alert(1)",
    )
    related = cit.model_copy(update={"url": "https://www.antaranews.com/berita/1", "n": 2})
    return Answer(
        question="How many personnel?", language="en", text="1,048 personnel [1].", citations=[] if refused else [cit],
        refused=refused, related=[related] if refused else [], related_headlines=["Baca [x](javascript:1)"],
        verified=not refused, debug={"retrieved": [1, 2, 3]},
    )


def _conversation() -> list[dict]:
    first = _answer()
    second = _answer(refused=True)
    return [
        {"role": "user", "content": "How many personnel?"},
        {"role": "assistant", "id": "m1", "content": first.text, "answer": answer_dict(first), "rating": 1},
        {"role": "user", "content": "Berapa TPS rawan di Jawa Barat?"},
        {"role": "assistant", "id": "m2", "content": second.text, "answer": answer_dict(second)},
    ]


def test_answer_dict_drops_debug() -> None:
    data = answer_dict(_answer())
    assert "debug" not in data
    assert data["citations"][0]["quote"].startswith("Polresta")


def test_markdown_export_has_sources_and_is_escaped() -> None:
    md = conversation_markdown(_conversation(), "en")
    assert md.startswith("# Siaga")
    assert "## You" in md and "## Siaga" in md
    assert "### Sources" in md
    assert "> Polresta Tangerang menurunkan 1\\.048 personel\\." not in md  # mid-line numbers stay plain
    assert "> Polresta Tangerang menurunkan 1.048 personel." in md
    assert "\\<script\\>" in md and "<script>" not in md
    assert "](javascript:" not in md  # the unsafe URL is shown, never linked
    assert "### Related, not an answer" in md
    assert "(https://www.antaranews.com/berita/1)" in md
    assert "✅ Verified" in md
    assert "Feedback: 👍" in md


def test_markdown_export_indonesian_labels() -> None:
    md = conversation_markdown(_conversation(), "id")
    assert "## Anda" in md and "### Sumber" in md and "### Terkait, bukan jawaban" in md


def test_json_export_round_trips() -> None:
    data = json.loads(conversation_json(_conversation()))
    assert data["app"] == "siaga"
    messages = data["messages"]
    assert [m["role"] for m in messages] == ["user", "assistant", "user", "assistant"]
    assert messages[1]["answer"]["citations"][0]["article_id"] == "a1"
    assert messages[1]["rating"] == 1
    assert messages[3]["answer"]["refused"] is True
    assert messages[3]["answer"]["related"][0]["url"].startswith("https://")


def test_feedback_record_is_an_eval_case_sketch(tmp_path: Path) -> None:
    conv = _conversation()
    record = feedback_record(conv[1], 0, history=[], question=conv[0]["content"])
    assert record["rating"] == "down" and record["score"] == 0
    assert record["question"] == "How many personnel?"
    assert record["answer"] == "1,048 personnel [1]."
    assert record["source_ids"] == ["a1"]
    assert record["citations"][0]["quote"].startswith("Polresta")
    assert record["lang"] == "en" and record["history"] == []
    assert record["timestamp"].endswith("+00:00")
    follow = feedback_record(conv[3], 1, history=conv[:2], question=conv[2]["content"])
    assert follow["history"] == history_of(conv[:2]) and follow["refused"] is True


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
