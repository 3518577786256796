"""The reader's training recipe on literal data: labels, windows, negatives, English versions, batches."""

from __future__ import annotations

import random

import pytest

from eval.mrc import MRCExample
from eval.train_reader import (
    code_switch,
    english_versions,
    featurize,
    hard_negatives,
    length_batches,
)
from rag.glossary import id_to_en_words
from rag.reader import ReaderConfig


@pytest.fixture(scope="module")
def tokenizer():  # noqa: ANN201
    from transformers import AutoTokenizer

    from siaga.embedding import ensure_default_model
    from siaga.settings import Settings

    return AutoTokenizer.from_pretrained(str(ensure_default_model(Settings())))


CONTEXT = "Polresta Tangerang menurunkan 1.048 personel untuk menjaga 5.431 TPS pada Pemilu 2024."
ANSWERED = MRCExample("a", "Berapa personel yang diturunkan?", CONTEXT, (("1.048 personel", 30),))


def test_labels_point_at_the_answer_tokens(tokenizer) -> None:  # noqa: ANN001
    (feature,) = featurize([ANSWERED], tokenizer, ReaderConfig(), stride=32, max_windows=1, keep_offsets=True)
    a = feature.offsets[feature.start][0]
    b = feature.offsets[feature.end][1]
    assert CONTEXT[a:b].strip() == "1.048 personel"


def test_unanswerable_is_labelled_no_answer(tokenizer) -> None:  # noqa: ANN001
    ex = MRCExample("u", "Siapa Kapolda Banten?", CONTEXT, ())
    (feature,) = featurize([ex], tokenizer, ReaderConfig(), stride=32, max_windows=1)
    assert (feature.start, feature.end) == (0, 0)


def test_training_keeps_the_window_holding_the_answer(tokenizer) -> None:  # noqa: ANN001
    filler = "Kalimat pengisi tanpa jawaban apa pun di sini. " * 40
    context = filler + CONTEXT
    ex = MRCExample("long", "Berapa personel yang diturunkan?", context, (("1.048 personel", context.index("1.048")),))
    config = ReaderConfig(max_tokens=96)
    first = featurize([ex], tokenizer, config, stride=16, max_windows=1)
    chosen = featurize([ex], tokenizer, config, stride=16, max_windows=1, answer_first=True)
    assert first[0].start == 0  # the first window does not hold the answer
    assert chosen[0].start > 0


def test_hard_negative_is_another_passage_without_the_answer() -> None:
    examples = [
        ANSWERED,
        MRCExample("b", "Siapa pemimpin apel?", "Apel dipimpin Kapolresta Tangerang Kombes Baktiar di Tigaraksa.",
                   (("Kombes Baktiar", 35),)),
        MRCExample("c", "Berapa TPS?", "Polda Banten menggeser personel ke polres jajaran untuk TPS Pemilu.",
                   (("polres jajaran", 37),)),
    ]
    negatives = hard_negatives(examples, seed=1, share=1.0)
    assert negatives, "every question gets one"
    for neg in negatives:
        source = next(e for e in examples if neg.id == e.id + "-neg")
        assert not neg.answerable and neg.question == source.question and neg.context != source.context
        assert all(a.lower() not in neg.context.lower() for a, _ in source.answers)


def test_code_switch_keeps_names_and_translates_question_words() -> None:
    lexicon = id_to_en_words()
    out = code_switch("Berapa personel yang dikerahkan Polda Banten untuk pengamanan Pemilu 2024?", lexicon)
    assert out.startswith("How many personnel")
    assert "Polda Banten" in out and "Pemilu 2024" in out
    assert code_switch("Di manakah apel digelar?", lexicon).startswith("Where")


def test_english_versions_are_seeded_and_replace_a_share() -> None:
    examples = [MRCExample(str(i), "Siapa yang memimpin apel?", CONTEXT, ()) for i in range(400)]
    a = english_versions(examples, 0.25, seed=3)
    b = english_versions(examples, 0.25, seed=3)
    assert [e.question for e in a] == [e.question for e in b]
    switched = sum(e.id.endswith("-en") for e in a)
    assert len(a) == 400 and 60 < switched < 140


def test_length_batches_group_similar_lengths_and_are_seeded() -> None:
    rng = random.Random(0)
    lengths = [rng.randint(10, 200) for _ in range(300)]
    batches = length_batches(lengths, 16, random.Random(5))
    assert sorted(i for b in batches for i in b) == list(range(300))
    assert batches == length_batches(lengths, 16, random.Random(5))
    spread = max(max(lengths[i] for i in b) - min(lengths[i] for i in b) for b in batches)
    assert spread < 60


def test_shared_loss_of_one_window_is_cross_entropy() -> None:
    import torch
    import torch.nn.functional as F

    from eval.train_reader import shared_loss

    logits = torch.randn(3, 7, generator=torch.Generator().manual_seed(3))
    gold = [4, 0, 2]
    expected = F.cross_entropy(logits, torch.tensor(gold))
    got = shared_loss(logits, [[0], [1], [2]], [[4], [0], [2]])
    assert torch.allclose(got, expected, atol=1e-6)


def test_shared_loss_compares_a_questions_windows() -> None:
    """The same per-window scores cost more when another window of the question outscores the answer."""
    import torch

    from eval.train_reader import shared_loss

    answer_window = torch.tensor([0.0, 0.0, 5.0, 0.0])
    rival_low = torch.tensor([0.0, 1.0, 0.0, 0.0])
    rival_high = torch.tensor([0.0, 9.0, 0.0, 0.0])
    low = shared_loss(torch.stack([answer_window, rival_low]), [[0, 1]], [[2, 0]])
    high = shared_loss(torch.stack([answer_window, rival_high]), [[0, 1]], [[2, 0]])
    assert high > low + 3.0
    # a question without an answer anywhere: every window's no-answer token is gold
    none = shared_loss(torch.stack([torch.tensor([6.0, 0.0]), torch.tensor([6.0, 0.0])]), [[0, 1]], [[0, 0]])
    assert none < 0.01


def test_group_batches_keep_groups_whole_and_are_seeded() -> None:
    from eval.train_reader import group_batches

    groups = [[0, 1, 2], [3], [4, 5], [6], [7, 8, 9, 10]]
    lengths = [40, 42, 41, 90, 60, 61, 30, 50, 52, 51, 50]
    batches = group_batches(groups, lengths, 4, random.Random(2))
    assert sorted(g for b in batches for g in b) == list(range(len(groups)))
    assert batches == group_batches(groups, lengths, 4, random.Random(2))
