"""The whole answerer on public reading-comprehension passages (eval.in_context) and `siaga eval-public`."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from eval.in_context import (
    InContextOutcome,
    answer_in_context,
    answered_span,
    as_retrieved,
    english_examples,
    english_questions,
    public_examples,
    summarize_in_context,
)
from eval.mrc import DEFAULT_MRC_DIR, MRCDataError, MRCExample, available
from rag.answerer import load_answerer
from siaga.settings import Settings
from siaga.types import Answer

REPO = Path(__file__).resolve().parents[1]
PASSAGE = "Polresta Tangerang menurunkan 1.048 personel untuk mengamankan TPS Pemilu 2024 di Tigaraksa."


def _outcome(ex: MRCExample, span: str) -> InContextOutcome:
    return InContextOutcome(id=ex.id, source=ex.source, question=ex.question, golds=tuple(a for a, _ in ex.answers),
                            refused=not span, span=span, answer=span, answer_type="number", language="id",
                            support=None, f1=0.0)


def test_a_passage_becomes_one_chunk_covering_it() -> None:
    ex = MRCExample("x1", "Berapa personel?", PASSAGE, (("1.048 personel", 30),), "facqa")
    [item] = as_retrieved(ex)
    assert item.article.text == PASSAGE
    assert item.chunk.text == item.article.text[item.chunk.start:item.chunk.end] == PASSAGE
    assert item.chunk.article_id == item.article.id


def test_a_refusal_states_no_span_and_an_answer_states_the_readers_span() -> None:
    refused = Answer(question="q", language="id", text="Artikel tidak menyebutkan.", refused=True,
                     debug={"best": {"span": "1.048"}})
    answered = Answer(question="q", language="id", text="1.048 personel [1].", debug={"best": {"span": "1.048"}})
    assert answered_span(refused) == ""
    assert answered_span(answered) == "1.048"


def test_summary_counts_refusals_the_squad2_way() -> None:
    examples = [
        MRCExample("f1", "Berapa?", PASSAGE, (("1.048 personel", 30),), "facqa"),
        MRCExample("f2", "Di mana?", PASSAGE, (("Tigaraksa", 83),), "facqa"),
        MRCExample("k1", "Siapa Kapolda?", PASSAGE, (), "idk_mrc"),
        MRCExample("k2", "Siapa Kapolres?", PASSAGE, (), "idk_mrc"),
    ]
    outcomes = [_outcome(examples[0], "1.048 personel"), _outcome(examples[1], ""),
                _outcome(examples[2], ""), _outcome(examples[3], "Tigaraksa")]
    summary = summarize_in_context(examples, outcomes)
    assert summary["facqa"]["answerable_f1"] == 50.0
    assert summary["facqa"]["answerable_refused"] == 50.0
    assert summary["idk_mrc"]["unanswerable_refused"] == 50.0
    assert summary["idk_mrc"]["overall_f1"] == 50.0
    assert summary["all"]["n"] == 4 and summary["all"]["overall_f1"] == 50.0


@pytest.fixture(scope="module")
def answerer():  # noqa: ANN201
    return load_answerer(Settings())


def test_the_deployed_answerer_answers_from_the_passage_alone(answerer) -> None:  # noqa: ANN001
    ex = MRCExample("f1", "Berapa personel yang diturunkan Polresta Tangerang?", PASSAGE,
                    (("1.048 personel", PASSAGE.index("1.048")),), "facqa")
    outcome = answer_in_context(answerer, ex)
    assert not outcome.refused
    assert "1.048" in outcome.span and outcome.f1 > 0.5


def test_a_person_the_passage_names_in_part_is_still_read(answerer) -> None:  # noqa: ANN001
    """FacQA valid's "Dimana Dr Wilson W Wenas mengajar?": the passage says only "Wilson"."""
    passage = ("Kertas kerja Wilson dinilai terbaik dari 700 makalah. Menurut Wilson, staf pengajar dari Departemen "
               "Fisika Institut Teknologi Bandung (ITB) itu, kemenangannya sangat berarti.")
    ex = MRCExample("f2", "Dimana Dr Wilson W Wenas mengajar?", passage,
                    (("Institut Teknologi Bandung", passage.index("Institut")),), "facqa")
    outcome = answer_in_context(answerer, ex)
    assert not outcome.refused
    assert "Institut Teknologi Bandung" in outcome.span


def test_the_deployed_answerer_refuses_what_the_passage_does_not_say(answerer) -> None:  # noqa: ANN001
    ex = MRCExample("k1", "Siapa nama Kapolda Jambi?", "Hujan deras turun di Kota Jambi sejak sore hari.", (),
                    "idk_mrc")
    outcome = answer_in_context(answerer, ex)
    assert outcome.refused and outcome.f1 == 1.0


def _public_folder(root: Path) -> Path:
    (root / "facqa").mkdir(parents=True)
    (root / "idk_mrc").mkdir()
    for split in ("train", "valid", "test"):
        with open(root / "facqa" / f"{split}.csv", "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["question", "passage", "seq_label"])
            w.writerow([str(["Berapa", "personel", "yang", "diturunkan", "?"]),
                        str(["Polresta", "Tangerang", "menurunkan", "1.048", "personel", "."]),
                        str(["O", "O", "O", "B", "I", "O"])])
        (root / "idk_mrc" / f"{split}.json").write_text(json.dumps([{
            "context": "Hujan deras turun di Kota Jambi sejak sore hari.",
            "qas": [{"id": "k1", "question": "Siapa nama Kapolda Jambi?", "is_impossible": True, "answers": []}],
        }]), encoding="utf-8")
    return root


def test_public_examples_take_every_nth_of_each_set(tmp_path: Path) -> None:
    folder = _public_folder(tmp_path / "mrc")
    examples = public_examples(folder, "valid")
    assert [ex.source for ex in examples] == ["facqa", "idk_mrc"]


@pytest.mark.slow
def test_cli_scores_the_answerer_and_writes_one_row_per_question(tmp_path: Path) -> None:
    folder = _public_folder(tmp_path / "mrc")
    rows = tmp_path / "rows.jsonl"
    run = subprocess.run([sys.executable, "-m", "cli", "eval-public", "--mrc-dir", str(folder), "--split", "test",
                          "--rows", str(rows), "--json"], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    summary = json.loads(run.stdout)
    assert summary["all"]["n"] == 2
    assert summary["idk_mrc"]["unanswerable_refused"] == 100.0
    lines = [json.loads(line) for line in rows.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in lines][1] == "k1" and "1.048" in lines[0]["span"]


def test_cli_names_the_missing_folder(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "cli", "eval-public", "--mrc-dir", str(tmp_path / "nowhere")],
                         cwd=REPO, capture_output=True, text=True, timeout=300)
    assert run.returncode == 1
    assert "nowhere" in run.stderr and "Traceback" not in run.stderr


def _english_file(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_english_examples_ask_the_translation_over_the_same_passage(tmp_path: Path) -> None:
    folder = _public_folder(tmp_path / "mrc")
    [_, idk] = public_examples(folder, "valid")
    [facqa_test, _] = public_examples(folder, "test")
    english = _english_file(tmp_path / "en.jsonl", [
        {"id": idk.id, "split": "valid", "set": "idk_mrc", "question": "Who is the Jambi police chief?"},
        {"id": facqa_test.id, "split": "test", "set": "facqa", "question": "How many personnel were deployed?"},
    ])
    [asked] = english_examples(folder, "valid", english)
    assert asked.id == idk.id and asked.question == "Who is the Jambi police chief?"
    assert asked.context == idk.context and asked.answers == idk.answers
    assert [ex.question for ex in english_examples(folder, "test", english)] == ["How many personnel were deployed?"]


@pytest.mark.parametrize(("rows", "problem"), [
    ([{"id": "nope", "split": "valid", "set": "facqa", "question": "Why?"}], "not in the public valid split"),
    (["not json"], ":1: not a JSON object"),
    ([{"id": "k1", "split": "dev", "set": "idk_mrc", "question": "Why?"}], ":1: split must be one of"),
    ([{"id": "k1", "split": "test", "set": "idk_mrc", "question": "Why?"}], "no English questions for the valid"),
])
def test_a_bad_english_file_fails_naming_the_file_and_the_problem(tmp_path: Path, rows: list, problem: str) -> None:
    folder = _public_folder(tmp_path / "mrc")
    english = tmp_path / "en.jsonl"
    english.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")
    with pytest.raises(MRCDataError, match=problem) as failure:
        english_examples(folder, "valid", english)
    assert str(english) in str(failure.value)


def test_the_committed_english_questions_name_real_public_questions_once() -> None:
    questions = english_questions()
    assert sum(split == "valid" for split, _ in questions) == 240
    assert sum(split == "test" for split, _ in questions) == 117
    openers = {"what", "which", "who", "whom", "when", "where", "why", "how", "in", "on", "from", "since", "for",
               "by", "according"}
    assert all(q.endswith("?") and q.split()[0].lower() in openers for q in questions.values())
    if available(DEFAULT_MRC_DIR):
        for split in ("valid", "test"):
            assert len(english_examples(DEFAULT_MRC_DIR, split)) == sum(s == split for s, _ in questions)


def test_cli_english_over_passages_it_has_no_translation_for_fails_cleanly(tmp_path: Path) -> None:
    folder = _public_folder(tmp_path / "mrc")
    run = subprocess.run([sys.executable, "-m", "cli", "eval-public", "--mrc-dir", str(folder), "--english"],
                         cwd=REPO, capture_output=True, text=True, timeout=600)
    assert run.returncode != 0
    assert "mrc_english.jsonl" in run.stderr and "not in the public valid split" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.slow
@pytest.mark.skipif(not available(DEFAULT_MRC_DIR), reason="../shared/mrc (FacQA, IDK-MRC) is not on this machine")
def test_cli_scores_english_questions_over_the_public_passages() -> None:
    run = subprocess.run([sys.executable, "-m", "cli", "eval-public", "--english", "--split", "test", "--every", "20",
                          "--json"], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    summary = json.loads(run.stdout)
    assert summary["all"]["n"] == len(range(0, 32, 20)) + len(range(0, 85, 20))  # every 20th of each set
