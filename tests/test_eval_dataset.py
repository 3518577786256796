"""The eval question loader: the shipped set loads; every kind of bad line is reported with its line."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from eval.dataset import DatasetError, EvalItem, article_matches_gold, load_dataset

QA = Path(__file__).resolve().parents[1] / "data" / "eval" / "qa.jsonl"


def _item(**overrides: object) -> dict:
    base: dict = {
        "id": "q1",
        "question": "Berapa personel?",
        "lang": "id",
        "answer": "798 personel",
        "answer_aliases": ["798"],
        "numeric": 798,
        "source_ids": ["denpasar-20240213-798-personel-jaga-2348-tps"],
        "type": "numeric",
    }
    base.update(overrides)
    return base


def _write(tmp_path: Path, lines: list[str], name: str = "qa.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _errors(tmp_path: Path, lines: list[str]) -> str:
    with pytest.raises(DatasetError) as info:
        load_dataset(_write(tmp_path, lines))
    return str(info.value)


def test_shipped_dataset_loads() -> None:
    items = load_dataset(QA)
    assert len(items) == 206
    assert all(isinstance(i, EvalItem) for i in items)
    types = Counter(i.type for i in items)
    assert types == {
        "numeric": 106,
        "entity": 36,
        "date": 11,
        "yes_no": 5,
        "multi_doc": 18,
        "unanswerable": 18,
        "followup": 12,
    }
    assert Counter(i.lang for i in items) == {"id": 150, "en": 56}
    assert all(i.history for i in items if i.type == "followup")
    assert all(i.answer == "UNANSWERABLE" for i in items if i.type == "unanswerable")
    q138 = next(i for i in items if i.id == "q138")
    assert q138.numeric == pytest.approx(1.55)


def test_valid_line_round_trips(tmp_path: Path) -> None:
    items = load_dataset(_write(tmp_path, [json.dumps(_item()), "", json.dumps(_item(id="q2"))]))
    assert [i.id for i in items] == ["q1", "q2"]
    assert items[0].numeric == 798.0
    assert items[0].gold_forms == ["798 personel", "798"]


def test_invalid_json_names_file_and_line(tmp_path: Path) -> None:
    msg = _errors(tmp_path, [json.dumps(_item()), "{not json"])
    assert "qa.jsonl line 2: invalid JSON" in msg


def test_missing_field(tmp_path: Path) -> None:
    bad = _item()
    del bad["answer"]
    msg = _errors(tmp_path, [json.dumps(bad)])
    assert "qa.jsonl line 1: field 'answer' is missing" in msg


def test_wrong_type_enum(tmp_path: Path) -> None:
    msg = _errors(tmp_path, [json.dumps(_item()), json.dumps(_item(id="q2", type="trivia"))])
    assert "qa.jsonl line 2: field 'type' must be one of numeric, entity, date, yes_no" in msg
    assert "'trivia'" in msg


def test_wrong_value_types(tmp_path: Path) -> None:
    msg = _errors(tmp_path, [json.dumps(_item(numeric="798", answer_aliases="798", lang="fr"))])
    assert "line 1: field 'numeric' must be a number or null" in msg
    assert "line 1: field 'answer_aliases' must be a list" in msg
    assert "line 1: field 'lang' must be one of id, en" in msg


def test_followup_without_history(tmp_path: Path) -> None:
    msg = _errors(tmp_path, [json.dumps(_item(type="followup"))])
    assert "qa.jsonl line 1:" in msg and "'history' is required" in msg
    ok = _item(type="followup", history=[{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"}])
    assert load_dataset(_write(tmp_path, [json.dumps(ok)]))[0].history[1].role == "assistant"


def test_bad_history_role(tmp_path: Path) -> None:
    bad = _item(type="followup", history=[{"role": "system", "content": "a"}])
    assert "line 1: field 'history.0.role' must be one of user, assistant" in _errors(tmp_path, [json.dumps(bad)])


def test_unanswerable_consistency(tmp_path: Path) -> None:
    msg = _errors(tmp_path, [json.dumps(_item(type="unanswerable", numeric=None))])
    assert "line 1: unanswerable questions must have answer 'UNANSWERABLE'" in msg
    msg = _errors(tmp_path, [json.dumps(_item(answer="UNANSWERABLE", numeric=None))])
    assert "requires type 'unanswerable'" in msg


def test_duplicate_id(tmp_path: Path) -> None:
    msg = _errors(tmp_path, [json.dumps(_item()), json.dumps(_item(id="q2")), json.dumps(_item())])
    assert "qa.jsonl line 3: duplicate id 'q1' (first on line 1)" in msg


def test_errors_collected_and_capped(tmp_path: Path) -> None:
    msg = _errors(tmp_path, ["{bad"] * 25)
    assert msg.startswith("25 error(s) in qa.jsonl")
    assert "line 1: invalid JSON" in msg and "line 20: invalid JSON" in msg
    assert "line 21:" not in msg
    assert "and 5 more error(s)" in msg


@pytest.mark.parametrize("content", ["", "\n\n  \n"])
def test_empty_file(tmp_path: Path, content: str) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DatasetError, match=r"empty\.jsonl: file is empty"):
        load_dataset(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="not found"):
        load_dataset(tmp_path / "nope.jsonl")


def test_article_matches_gold() -> None:
    gold = ["bali-20240205-polda-bali-jaga-12809-tps", "ntb-20240212-780-personel-dikirim-ke-pulau-sumbawa"]
    assert article_matches_gold("bali-20240205-polda-bali-jaga-12809-tps", None, gold)
    assert article_matches_gold("a1b2c3", "bali-20240205-polda-bali-jaga-12809-tps", gold)
    assert not article_matches_gold("a1b2c3", "articles", gold)
    assert not article_matches_gold("bali", None, gold)


def test_the_english_tune_versions_are_tune_questions_asked_in_english() -> None:
    """data/eval/qa_tune_en.jsonl: each line is a single-turn Indonesian tune question put into English, with
    its gold answer unchanged; none comes from heldout."""
    from eval.splits import load_split_ids
    from rag.question import detect_language

    english = load_dataset(QA.parent / "qa_tune_en.jsonl")
    originals = {i.id: i for i in load_dataset(QA)}
    tune = set(load_split_ids()["tune"])
    assert len(english) == 82
    for item in english:
        original = originals[item.id.removesuffix("-en")]
        assert item.id.endswith("-en") and original.id in tune and original.lang == "id" and not original.history
        assert item.lang == "en" and detect_language(item.question) == "en"
        assert (item.answer, item.numeric, item.type, item.source_ids) == (original.answer, original.numeric,
                                                                           original.type, original.source_ids)
