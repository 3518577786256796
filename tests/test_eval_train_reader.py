"""The reader's training recipe on literal data: labels, windows, negatives, English versions, batches."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from eval.mrc import MRCExample
from eval.train_reader import (
    code_switch,
    english_versions,
    featurize,
    fixed_sample,
    hard_negatives,
    id_to_en_words,
    length_batches,
    negatives_by_question,
    repeated,
    sample_indices,
    scores_of,
    stated_names,
    subject_swapped,
    swap_subject,
    with_distractor,
    with_distractors,
)
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


def test_more_hard_negatives_are_the_next_most_overlapping_passages() -> None:
    examples = [
        ANSWERED,
        MRCExample("b", "Berapa personel Polresta Tangerang untuk TPS?", "Polresta Tangerang menyiagakan TPS.", ()),
        MRCExample("c", "Siapa?", "Personel Polresta Tangerang berjaga di TPS Pemilu 2024.", (("Personel", 0),)),
        MRCExample("d", "Kapan?", "Hujan turun di Serang sore ini.", (("sore ini", 22),)),
    ]
    one = negatives_by_question(examples, seed=1, share=1.0, count=1)
    two = negatives_by_question(examples, seed=1, share=1.0, count=2)
    assert [n.id for n in two["a"]] == ["a-neg", "a-neg2"]
    assert two["a"][0] == one["a"][0]  # the extra negative comes after the one a single draw picks
    assert len({n.context for n in two["a"]}) == 2
    assert all(not n.answerable and n.question == ANSWERED.question and "1.048" not in n.context for n in two["a"])
    assert hard_negatives(examples, seed=1, share=1.0, count=2) == [n for found in two.values() for n in found]


def test_training_groups_put_each_question_before_its_negatives_in_one_wording(monkeypatch) -> None:  # noqa: ANN001
    import eval.train_reader as train
    from eval.train_reader import TrainOptions, training_groups

    facqa = [MRCExample(f"f{i}", f"Berapa personel Polres nomor {i}?", f"Polres nomor {i} menurunkan {i}00 personel.",
                        ((f"{i}00 personel", 26),), "facqa") for i in range(1, 9)]
    idk = [MRCExample("k1", "Siapa Kapolda Banten?", "Kapolda Banten adalah Irjen Abdul Karim.",
                      (("Irjen Abdul Karim", 22),), "idk_mrc"),
           MRCExample("k2", "Siapa Kapolda Jambi?", "Kapolda Jambi meninjau TPS.", (), "idk_mrc"),
           MRCExample("k3", "Siapa Kapolda Riau?", "Kapolda Riau adalah Irjen Iqbal.", (("Irjen Iqbal", 20),),
                      "idk_mrc")]
    monkeypatch.setattr(train, "load_split", lambda folder, name, split: facqa if name == "facqa" else idk)
    options = TrainOptions(negatives_per_question=2, idk_negatives=1.0, cross_window_weight=1.0, english_share=0.5)
    groups = training_groups(Path("unused"), options)
    assert [g[0].id.removesuffix("-en") for g in groups] == [ex.id for ex in facqa + idk]
    for group in groups:
        assert group[0].answerable or group[0].id.startswith("k2")
        assert all(not ex.answerable for ex in group[1:])
        assert len({ex.question for ex in group}) == 1  # English or not, the whole group alike
    assert all(len(g) == 3 for g in groups[:8])  # two negatives per FacQA question
    assert len(groups[9]) == 1  # an unanswerable IDK-MRC question has no negatives
    assert any(g[0].id.endswith("-en") for g in groups) and not all(g[0].id.endswith("-en") for g in groups)
    assert groups == training_groups(Path("unused"), options)  # seeded


DISTRACTOR = "Polda Banten menggelar apel 1.092 personel di Lapangan Merah."


@pytest.mark.parametrize("before", [True, False])
def test_a_distractor_beside_the_passage_keeps_the_answer_where_its_offset_says(before: bool) -> None:
    beside = with_distractor(ANSWERED, DISTRACTOR, before=before)
    assert DISTRACTOR in beside.context and CONTEXT in beside.context
    assert beside.context.startswith(DISTRACTOR if before else CONTEXT)
    ((text, at),) = beside.answers
    assert beside.context[at:at + len(text)] == "1.048 personel"
    assert (beside.id, beside.question) == (ANSWERED.id, ANSWERED.question)


def test_distractors_go_to_a_seeded_share_of_questions_that_have_a_hard_negative() -> None:
    examples = [MRCExample(f"q{i}", f"Berapa personel {i}?", f"Ada {i}00 personel.", ((f"{i}00 personel", 4),))
                for i in range(1, 41)]
    negatives = {ex.id: [MRCExample(ex.id + "-neg", ex.question, DISTRACTOR, ())] for ex in examples[:30]}
    out = with_distractors(examples, negatives, share=0.5, seed=3)
    changed = [new for old, new in zip(examples, out, strict=True) if new != old]
    assert 5 < len(changed) < 25 and all(new.id in negatives for new in changed)
    assert all(DISTRACTOR in new.context and new.source.endswith("-beside") for new in changed)
    assert out == with_distractors(examples, negatives, share=0.5, seed=3)
    assert with_distractors(examples, negatives, share=0.0, seed=3) == examples


def test_stated_names_are_the_questions_names_its_passage_states() -> None:
    question = "Berapa personel yang diturunkan Polresta Tangerang untuk Pemilu di Kabupaten Lebak?"
    assert stated_names(question, CONTEXT) == ["Polresta Tangerang"]  # an election is not a name; Lebak not stated
    assert stated_names("Tangerang menurunkan berapa personel?", CONTEXT) == []  # a lone opening capital: no clue


def test_a_swapped_subject_is_a_name_the_passage_never_mentions() -> None:
    question = "Berapa personel yang diturunkan Polresta Tangerang?"
    pool = ["Polresta Tangerang", "Polda Banten", "Polres Lebak"]
    seen = set()
    for seed in range(20):
        swapped = swap_subject(question, CONTEXT, pool, random.Random(seed))
        assert swapped is not None and "Polresta Tangerang" not in swapped
        seen.add(swapped.removeprefix("Berapa personel yang diturunkan ").removesuffix("?"))
    assert seen == {"Polda Banten", "Polres Lebak"}
    assert swap_subject("Berapa personel yang diturunkan?", CONTEXT, pool, random.Random(0)) is None
    assert swap_subject(question, CONTEXT, ["Polresta Tangerang", "Tangerang"], random.Random(0)) is None


def _numbered(i: int, question: str, context: str, answer: str) -> MRCExample:
    context, answer = context.format(i=i), answer.format(i=i)
    return MRCExample(f"q{i}", question.format(i=i), context, ((answer, context.rindex(answer)),), "facqa")


def test_subject_swapped_questions_are_unanswerable_copies_with_marked_ids() -> None:
    examples = [_numbered(i, "Berapa personel Polres Nomor{i} dikerahkan?", "Polres Nomor{i} kerahkan {i} orang.",
                          "{i} orang") for i in range(1, 31)]
    swapped = subject_swapped(examples, share=0.5, seed=1)
    assert 5 < len(swapped) < 25
    by_id = {ex.id: ex for ex in examples}
    for ex in swapped:
        original = by_id[ex.id.removesuffix("-swap")]
        assert not ex.answerable and ex.context == original.context and ex.source == "facqa-swapped"
        assert len(stated_names(original.question, original.context)) == 1
        assert stated_names(ex.question, ex.context) == [] and ex.question != original.question
    assert swapped == subject_swapped(examples, share=0.5, seed=1)
    assert subject_swapped(examples, share=0.0, seed=1) == []


def test_recipe_adds_swaps_and_distractors_to_facqa_only(monkeypatch) -> None:  # noqa: ANN001
    import eval.train_reader as train
    from eval.train_reader import TrainOptions, training_examples

    facqa = [_numbered(i, "Berapa personel Polres Nomor{i} dikerahkan?", "Polres Nomor{i} mengerahkan {i}00 personel.",
                       "{i}00 personel") for i in range(1, 21)]
    idk = [MRCExample("k1", "Siapa Kapolda Banten?", "Kapolda Banten adalah Irjen Abdul Karim.",
                      (("Irjen Abdul Karim", 22),), "idk_mrc")]
    monkeypatch.setattr(train, "load_split", lambda folder, name, split: facqa if name == "facqa" else idk)
    base = training_examples(Path("unused"), TrainOptions(english_share=0.0))
    richer = training_examples(Path("unused"), TrainOptions(english_share=0.0, distractor_share=1.0,
                                                            subject_swaps=1.0))
    assert len(base) == len(facqa) * 2 + len(idk)  # each FacQA question and its hard negative
    swaps = [ex for ex in richer if ex.source == "facqa-swapped"]
    beside = [ex for ex in richer if ex.source == "facqa-beside"]
    assert len(swaps) == len(facqa) and len(beside) == len(facqa)
    assert len(richer) == len(base) + len(swaps)  # read beside a distractor replaces the plain reading
    for ex in beside:
        ((text, at),) = ex.answers
        assert ex.context[at:at + len(text)] == text
    assert [ex for ex in richer if ex.source == "idk_mrc"] == idk


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


def test_translated_questions_are_asked_in_their_translation_and_the_rest_as_without_them() -> None:
    examples = [MRCExample(str(i), f"Siapa memimpin apel nomor {i}?", CONTEXT, ()) for i in range(200)]
    translations = {"siapa memimpin apel nomor 7?": "Who led parade number 7?",
                    "siapa   memimpin apel nomor 8?".replace("   ", " "): "Who led parade number 8?"}
    plain = english_versions(examples, 0.25, seed=3)
    mixed = english_versions(examples, 0.25, seed=3, translations=translations)
    assert mixed[7].question == "Who led parade number 7?" and mixed[7].id == "7-en"
    assert mixed[8].question == "Who led parade number 8?"
    others = [i for i in range(200) if i not in (7, 8)]
    assert [mixed[i] for i in others] == [plain[i] for i in others]  # the same seeded rewrites elsewhere
    only = english_versions(examples, 0.0, seed=3, translations=translations)
    assert [e.id for e in only if e.id.endswith("-en")] == ["7-en", "8-en"]


def test_a_translation_serves_every_copy_of_its_question(monkeypatch) -> None:  # noqa: ANN001
    import eval.train_reader as train
    from eval.train_reader import TrainOptions, training_groups

    facqa = [MRCExample("f1", "Berapa  personel Polres Serang?", "Polres Serang menurunkan 300 personel.",
                        (("300 personel", 23),), "facqa"),
             MRCExample("f2", "Berapa personel Polres Lebak?", "Polres Lebak menurunkan 200 personel.",
                        (("200 personel", 22),), "facqa")]
    monkeypatch.setattr(train, "load_split", lambda folder, name, split: facqa if name == "facqa" else [])
    monkeypatch.setattr(train, "english_questions", lambda path: {("train", "f1"): "How many personnel did "
                                                                  "Polres Serang deploy?"})
    options = TrainOptions(english_share=0.0, cross_window_weight=1.0, english_translations="en.jsonl")
    groups = training_groups(Path("unused"), options)
    serang = next(g for g in groups if g[0].id.startswith("f1"))
    assert len(serang) == 2  # the question and its hard negative (Lebak's passage), both in English
    assert {ex.question for ex in serang} == {"How many personnel did Polres Serang deploy?"}
    assert all(ex.id.endswith("-en") for ex in serang)
    lebak = next(g for g in groups if g[0].id.startswith("f2"))
    assert lebak[0].question == "Berapa personel Polres Lebak?"


def test_translations_of_unknown_questions_fail_naming_the_file(tmp_path) -> None:  # noqa: ANN001
    import json

    from eval.mrc import MRCDataError
    from eval.train_reader import TrainOptions, training_translations

    data = _literal_mrc(tmp_path / "mrc")
    path = tmp_path / "en.jsonl"
    path.write_text(json.dumps({"id": "train-1", "split": "train", "set": "idk_mrc",
                                "question": "Who led the parade?"}) + "\n", encoding="utf-8")
    found = training_translations(data, TrainOptions(english_translations=str(path)))
    assert found == {"siapa yang memimpin apel?": "Who led the parade?"}
    path.write_text(json.dumps({"id": "train-9", "split": "train", "set": "idk_mrc", "question": "Who?"}) + "\n",
                    encoding="utf-8")
    with pytest.raises(MRCDataError, match=r"en\.jsonl: 1 id\(s\) not in the public train splits.*train-9"):
        training_translations(data, TrainOptions(english_translations=str(path)))
    path.write_text(json.dumps({"id": "valid-1", "split": "valid", "set": "idk_mrc", "question": "Who?"}) + "\n",
                    encoding="utf-8")
    with pytest.raises(MRCDataError, match="no English questions for the train split"):
        training_translations(data, TrainOptions(english_translations=str(path)))
    path.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(MRCDataError, match=r"en\.jsonl:1: not a JSON object"):
        training_translations(data, TrainOptions(english_translations=str(path)))
    assert training_translations(data, TrainOptions()) == {}


def test_the_committed_training_translations_are_train_questions_only_and_in_english() -> None:
    from eval.in_context import ENGLISH_QUESTIONS, english_questions
    from eval.mrc import DEFAULT_MRC_DIR, available
    from eval.train_reader import TrainOptions, training_translations
    from rag.question import analyze_question

    path = Path("data/train/mrc_english_train.jsonl")
    questions = english_questions(path)
    assert len(questions) == 2901 and {split for split, _ in questions} == {"train"}
    assert not {qid for _, qid in questions} & {qid for _, qid in english_questions(ENGLISH_QUESTIONS)}
    english = sum(analyze_question(q).language == "en" for q in questions.values())
    assert english == len(questions), english  # translated, not left in Indonesian
    if available(DEFAULT_MRC_DIR):  # every line names a real train question (CI has the data)
        by_text = training_translations(DEFAULT_MRC_DIR, TrainOptions(english_translations=str(path)))
        assert len(by_text) == len(questions)


def test_repeated_adds_a_seeded_share_once_more_with_marked_ids() -> None:
    examples = [MRCExample(str(i), f"Siapa {i}?", CONTEXT, (("Polresta Tangerang", 0),)) for i in range(400)]
    again = repeated(examples, 0.5, seed=3)
    assert [e.id for e in again] == [e.id for e in repeated(examples, 0.5, seed=3)]
    assert 150 < len(again) < 250
    originals = {e.id: e for e in examples}
    for e in again:
        assert e.id.endswith("-again")
        source = originals[e.id.removesuffix("-again")]
        assert (e.question, e.context, e.answers) == (source.question, source.context, source.answers)
    assert repeated(examples, 0.0, seed=3) == []


def test_sample_indices_are_the_fixed_sample() -> None:
    examples = [MRCExample(str(i), "Siapa?", CONTEXT, ()) for i in range(311)]
    picked = sample_indices(len(examples), 200)
    assert [examples[i] for i in picked] == fixed_sample(examples, 200)
    assert len(set(picked)) == 200 and picked[0] == 0
    assert sample_indices(5, 200) == [0, 1, 2, 3, 4]


def test_sample_scores_come_from_the_whole_splits_answers() -> None:
    examples = [MRCExample(str(i), "Berapa personel?", CONTEXT, (("1.048 personel", 30),)) for i in range(10)]
    preds = ["1.048 personel" if i % 2 == 0 else "5.431 TPS" for i in range(10)]
    whole = scores_of({"facqa": (examples, preds)})["facqa"]
    sample = scores_of({"facqa": (examples, preds)}, 5)["facqa"]
    assert (whole["n"], whole["em"]) == (10, 50.0)
    assert (sample["n"], sample["em"]) == (5, 100.0)  # every second example: 0, 2, 4, 6, 8


def tiny_model(dropout: float = 0.0, attention_dropout: float = 0.0):  # noqa: ANN201
    """A two-layer reader (one frozen, one trained) of width 8 with random weights, for recipe tests."""
    import torch

    from rag.reader import build_reader_model

    torch.manual_seed(0)
    config = ReaderConfig(layers=2, frozen_layers=1, hidden=8, heads=2, ff=16)
    tensors = {}
    for i in range(2):
        for name, shape in (("attention.self.query", (8, 8)), ("attention.self.key", (8, 8)),
                            ("attention.self.value", (8, 8)), ("attention.output.dense", (8, 8)),
                            ("intermediate.dense", (16, 8)), ("output.dense", (8, 16))):
            tensors[f"encoder.layer.{i}.{name}.weight"] = torch.randn(shape)
            tensors[f"encoder.layer.{i}.{name}.bias"] = torch.zeros(shape[0])
        for name in ("attention.output.LayerNorm", "output.LayerNorm"):
            tensors[f"encoder.layer.{i}.{name}.weight"] = torch.ones(8)
            tensors[f"encoder.layer.{i}.{name}.bias"] = torch.zeros(8)
    for name in ("position_embeddings", "token_type_embeddings"):
        tensors[f"embeddings.{name}.weight"] = torch.randn(16, 8)
    tensors["embeddings.LayerNorm.weight"] = torch.ones(8)
    tensors["embeddings.LayerNorm.bias"] = torch.zeros(8)
    return build_reader_model(tensors, torch.nn.Embedding(20, 8), config, dropout=dropout,
                              attention_dropout=attention_dropout)


def test_attention_dropout_is_its_own_setting_on_trained_layers_only() -> None:
    import torch

    from siaga.encoder import EncoderLayer

    assert EncoderLayer(8, 2, 16, 1e-12, dropout=0.1).attention_dropout == 0.1  # default: as dropout
    layer = EncoderLayer(8, 2, 16, 1e-12, dropout=0.0, attention_dropout=0.5).train()
    x = torch.randn(1, 5, 8)
    keep = torch.ones(1, 1, 1, 5, dtype=torch.bool)
    torch.manual_seed(0)
    assert not torch.allclose(layer(x, keep), layer(x, keep))  # attention probabilities dropped at random
    layer.attention_dropout = 0.0
    assert torch.allclose(layer(x, keep), layer(x, keep))

    model = tiny_model(dropout=0.1, attention_dropout=0.0)
    assert [(layer.dropout, layer.attention_dropout) for layer in model.bottom] == [(0.0, 0.0)]
    assert [(layer.dropout, layer.attention_dropout) for layer in model.top] == [(0.1, 0.0)]


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


def test_window_and_cross_loss_without_the_cross_term_is_each_windows_cross_entropy() -> None:
    import torch
    import torch.nn.functional as F

    from eval.train_reader import window_and_cross_loss

    logits = torch.randn(3, 7, generator=torch.Generator().manual_seed(3))
    expected = F.cross_entropy(logits, torch.tensor([4, 0, 0]))
    for weight in (0.0, 1.0):  # a group of one window has no cross term either
        got = window_and_cross_loss(logits, [[0], [1], [2]], [[4], [0], [0]], weight)
        assert torch.allclose(got, expected, atol=1e-6)
    assert torch.allclose(window_and_cross_loss(logits, [[0, 1, 2]], [[4, 0, 0]], 0.0), expected, atol=1e-6)


def test_cross_term_ranks_the_answer_against_the_other_windows_spans_not_their_no_answer() -> None:
    """A negative window whose *span* outscores the answer costs more; one whose no-answer token is high does not."""
    import torch

    from eval.train_reader import window_and_cross_loss

    answer_window = torch.tensor([0.0, 0.0, 5.0, 0.0])
    quiet = torch.tensor([8.0, 1.0, 0.0, 0.0])  # rival window: sure it has no answer
    rival = torch.tensor([8.0, 9.0, 0.0, 0.0])  # rival window: a span scoring above the answer
    base = window_and_cross_loss(torch.stack([answer_window, quiet]), [[0, 1]], [[2, 0]], 1.0)
    worse = window_and_cross_loss(torch.stack([answer_window, rival]), [[0, 1]], [[2, 0]], 1.0)
    own_only = window_and_cross_loss(torch.stack([answer_window, rival]), [[0, 1]], [[2, 0]], 0.0)
    assert worse > base + 3.0
    assert worse - own_only > 3.0  # most of the extra cost is the cross-window term
    # the negative's high no-answer score is what its own loss wants: with a quiet span it adds almost nothing
    assert base - window_and_cross_loss(torch.stack([answer_window, quiet]), [[0, 1]], [[2, 0]], 0.0) < 0.1


def test_grouped_training_learns_the_answer_and_the_negatives_no_answer() -> None:
    """Through ``train_top``'s grouped path: the answer span ends above every span of its negative, and the
    negative still prefers "no answer" (the cross term leaves its no-answer score to its own loss)."""
    import torch

    from eval.train_reader import Feature, TrainOptions, train_top

    model = tiny_model()
    generator = torch.Generator().manual_seed(4)
    features, groups = [], []
    for q in range(4):
        groups.append([len(features), len(features) + 1])
        features.append(Feature(example=q, ids=[0] * 6, start=2, end=2))
        features.append(Feature(example=q, ids=[0] * 6, start=0, end=0))
    states = [torch.randn(6, 8, generator=generator).to(torch.bfloat16) for _ in features]
    options = TrainOptions(epochs=150, batch_size=8, warmup=0.0, head_learning_rate=0.05, learning_rate=0.01,
                           cross_window_weight=1.0)
    train_top(model, features, states, options, groups=groups)
    with torch.inference_mode():
        for answer, negative in groups:
            start_a, _ = model.head_logits(states[answer].float()[None], torch.ones(1, 6, dtype=torch.long))
            start_n, _ = model.head_logits(states[negative].float()[None], torch.ones(1, 6, dtype=torch.long))
            assert start_a[0, 2] > start_n[0, 1:].max()  # the answer outscores every span of its negative
            assert start_n[0, 0] > start_n[0, 1:].max()  # and the negative still says "no answer"


def test_group_batches_keep_groups_whole_and_are_seeded() -> None:
    from eval.train_reader import group_batches

    groups = [[0, 1, 2], [3], [4, 5], [6], [7, 8, 9, 10]]
    lengths = [40, 42, 41, 90, 60, 61, 30, 50, 52, 51, 50]
    batches = group_batches(groups, lengths, 4, random.Random(2))
    assert sorted(g for b in batches for g in b) == list(range(len(groups)))
    assert batches == group_batches(groups, lengths, 4, random.Random(2))


@pytest.mark.parametrize("bf16", [False, True])
def test_training_steps_run_in_the_chosen_precision_and_learn(bf16: bool) -> None:
    """Under bf16 the trained layers' products run in bf16, while weights, loss and optimiser stay fp32."""
    import torch

    from eval.train_reader import Feature, TrainOptions, train_top

    model = tiny_model()
    generator = torch.Generator().manual_seed(1)
    features = [Feature(example=i, ids=[0] * 6, start=1 + i % 4, end=1 + i % 4) for i in range(8)]
    states = [torch.randn(6, 8, generator=generator).to(torch.bfloat16) for _ in features]
    seen: set[torch.dtype] = set()
    first_product = next(m for m in model.top.modules() if isinstance(m, torch.nn.Linear))
    first_product.register_forward_hook(lambda module, args, output: seen.add(output.dtype))
    before = [p.detach().clone() for p in model.top.parameters()]
    losses = train_top(model, features, states, TrainOptions(epochs=100, batch_size=8, warmup=0.0,
                                                             head_learning_rate=0.05, learning_rate=0.01), bf16=bf16)
    assert seen == {torch.bfloat16 if bf16 else torch.float32}
    assert all(p.dtype == torch.float32 for p in model.parameters())
    assert any(not torch.equal(a, b) for a, b in zip(before, model.top.parameters(), strict=True))
    assert losses[-1] < losses[0] * 0.5  # it learns the literal labels


def test_model_card_says_how_the_steps_were_computed(tmp_path) -> None:  # noqa: ANN001
    from eval.train_reader import TrainOptions, write_model_card

    scores = {"n": 1, "em": 1.0, "f1": 1.0, "no_answer_accuracy": None, "false_no_answer": 0.0}
    record = {"options": TrainOptions().__dict__, "config": {"frozen_layers": 6, "max_tokens": 192,
                                                            "no_answer_threshold": 2.0},
              "training_questions": 1, "training_windows": 1, "threads": 1, "minutes": 1.0, "cpu": "AMX",
              "valid": scores, "test": {"facqa": scores, "idk_mrc": scores},
              "test_sample": {"size": 1, "facqa": scores, "idk_mrc": scores}}
    bf16_card = write_model_card(tmp_path, {**record, "precision": "bf16"}).read_text()
    assert "training steps under bf16 autocast" in bf16_card
    fp32_card = write_model_card(tmp_path, {**record, "precision": "fp32"}).read_text()
    assert "fp32 throughout" in fp32_card and "bf16" not in fp32_card.split("## Recipe")[1].split("##")[0]


def _card_record() -> dict:
    """A training record with one-question scores: what a card needs besides the options."""
    scores = {"n": 1, "em": 1.0, "f1": 1.0, "no_answer_accuracy": None, "false_no_answer": 0.0}
    return {"config": {"frozen_layers": 6, "max_tokens": 192, "no_answer_threshold": 2.0},
            "training_questions": 1, "training_windows": 1, "threads": 1, "minutes": 1.0, "cpu": "AMX",
            "valid": scores, "test": {"facqa": scores, "idk_mrc": scores},
            "test_sample": {"size": 1, "facqa": scores, "idk_mrc": scores}}


def test_model_card_states_the_negatives_and_grouping(tmp_path) -> None:  # noqa: ANN001
    from eval.train_reader import TrainOptions, write_model_card

    record = _card_record()
    plain = write_model_card(tmp_path, {**record, "options": TrainOptions().__dict__}).read_text()
    assert "over the most word-overlapping other FacQA passage," in plain
    assert "Every window trained on its own" in plain and "hard-negative paragraph" not in plain
    grouped_options = TrainOptions(negatives_per_question=2, idk_negatives=0.5, cross_window_weight=1.0).__dict__
    grouped = write_model_card(tmp_path, {**record, "options": grouped_options, "training_groups": 7}).read_text()
    assert "2 most word-overlapping other FacQA passages" in grouped
    assert "50% of its answerable questions with a hard-negative paragraph" in grouped
    assert "one group with its hard negatives (7 groups)" in grouped and "1.0 x a cross-window term" in grouped
    assert "beside their passage" not in plain and "never states" not in plain
    subject_options = TrainOptions(distractor_share=0.5, subject_swaps=0.25).__dict__
    subject = write_model_card(tmp_path, {**record, "options": subject_options}).read_text()
    assert "50% of FacQA questions read with their hard negative beside their passage" in subject
    assert "25% of FacQA questions also asked about a name their passage never states, labelled no-answer" in subject


def test_model_card_names_the_translated_questions_and_the_command_that_repeats_the_run(tmp_path) -> None:  # noqa: ANN001
    from eval.train_reader import TrainOptions, reproduce_command, write_model_card

    record = _card_record()
    options = TrainOptions(english_translations="data/train/en.jsonl", english_share=0.0, seed=14).__dict__
    card = write_model_card(tmp_path, {**record, "options": options, "translated_questions": 3}).read_text()
    assert "3 training questions asked in their English translation from `data/train/en.jsonl`" in card
    assert "0% of the other questions rewritten word by word" in card
    command = "siaga train-reader --data ../shared/mrc --english-share 0.0 --english-translations data/train/en.jsonl"
    assert reproduce_command(options) == command + " --seed 14"
    plain = write_model_card(tmp_path, {**record, "options": TrainOptions().__dict__}).read_text()
    assert "25% of all questions rewritten word by word into English" in plain and "translation" not in plain
    assert "Reproduce: `siaga train-reader --data ../shared/mrc` (seeded" in plain
    assert reproduce_command({**TrainOptions().__dict__, "precision": "bf16", "threads": 2}) == (
        "siaga train-reader --data ../shared/mrc --precision bf16")


@pytest.mark.parametrize(("frozen", "line"), [
    (6, "Word embeddings and encoder layers 0-5 frozen (e5's own, shared with the embedder); layers 6-11 and"),
    (2, "Word embeddings and encoder layers 0-1 frozen (e5's own, shared with the embedder); layers 2-11 and"),
    (0, "Word embeddings frozen (e5's own, shared with the embedder); all 12 encoder layers and"),
])
def test_model_card_states_which_layers_were_trained(tmp_path, frozen: int, line: str) -> None:  # noqa: ANN001
    from eval.train_reader import TrainOptions, write_model_card

    scores = {"n": 1, "em": 1.0, "f1": 1.0, "no_answer_accuracy": None, "false_no_answer": 0.0}
    record = {"options": TrainOptions(frozen_layers=frozen).__dict__,
              "config": {"frozen_layers": frozen, "max_tokens": 192, "no_answer_threshold": 2.0},
              "training_questions": 1, "training_windows": 1, "threads": 1, "minutes": 1.0, "cpu": "AMX",
              "valid": scores, "test": {"facqa": scores, "idk_mrc": scores},
              "test_sample": {"size": 1, "facqa": scores, "idk_mrc": scores}}
    assert line in write_model_card(tmp_path, record).read_text()


@pytest.mark.parametrize(("storage", "words"), [
    (None, "upper layers in fp16, head in fp32"),  # a record from before storage was recorded
    ("fp16", "upper layers in fp16, head in fp32"),
    ("int8", "matrices in int8 with an fp32 scale per row"),
])
def test_model_card_states_how_the_weights_are_stored(tmp_path, storage: str | None, words: str) -> None:  # noqa: ANN001
    from eval.train_reader import TrainOptions, write_model_card

    scores = {"n": 1, "em": 1.0, "f1": 1.0, "no_answer_accuracy": None, "false_no_answer": 0.0}
    config = {"frozen_layers": 2, "max_tokens": 192, "no_answer_threshold": 2.0}
    record = {"options": TrainOptions(frozen_layers=2).__dict__,
              "config": config | ({"weight_storage": storage} if storage else {}),
              "training_questions": 1, "training_windows": 1, "threads": 1, "minutes": 1.0, "cpu": "AMX",
              "valid": scores, "test": {"facqa": scores, "idk_mrc": scores},
              "test_sample": {"size": 1, "facqa": scores, "idk_mrc": scores}}
    card = write_model_card(tmp_path, record).read_text()
    assert words in card
    assert ("int8" in card) is (storage == "int8")


def _literal_mrc(folder: Path) -> Path:
    """A public-data folder in FacQA's and IDK-MRC's own formats, two questions per split."""
    import json

    sentence = "Polresta Tangerang menurunkan 1.048 personel untuk menjaga 5.431 TPS .".split()
    rows = [("Berapa personel yang diturunkan ?", 3), ("Berapa TPS yang dijaga ?", 7)]
    (folder / "facqa").mkdir(parents=True)
    (folder / "idk_mrc").mkdir()
    for split in ("train", "valid", "test"):
        lines = ["question,passage,seq_label"]
        for question, at in rows:
            labels = ["B" if i == at else "O" for i in range(len(sentence))]
            lines.append(",".join(f'"{x}"' for x in (question.split(), sentence, labels)))
        (folder / "facqa" / f"{split}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        context = "Kapolda Banten Irjen Abdul Karim memimpin apel di Serang."
        qas = [{"id": f"{split}-1", "is_impossible": False, "question": "Siapa yang memimpin apel?",
                "answers": [{"text": "Irjen Abdul Karim", "answer_start": context.index("Irjen")}]},
               {"id": f"{split}-2", "is_impossible": True, "question": "Berapa TPS di Serang?", "answers": []}]
        (folder / "idk_mrc" / f"{split}.json").write_text(json.dumps([{"context": context, "qas": qas}]),
                                                          encoding="utf-8")
    return folder


@pytest.mark.slow
def test_joined_readers_are_stored_int8_beside_a_config_that_names_them(tmp_path) -> None:  # noqa: ANN001
    """``siaga join-readers``: each member in its own int8 folder (two fit the weights budget), one config
    naming them with a threshold chosen on valid, test scores recorded, and it loads as their average."""
    import json

    import torch

    from eval.mrc import MRCDataError
    from eval.train_reader import join_readers, write_joined_card
    from rag.reader import AveragedReaderModel, ReaderConfig, build_from_e5, load_reader_model, save_reader
    from siaga.embedding import ensure_default_model
    from siaga.settings import Settings

    e5_dir = ensure_default_model(Settings())
    members = []
    for seed in (7, 8):
        torch.manual_seed(seed)
        model = build_from_e5(e5_dir, ReaderConfig())
        with torch.no_grad():
            for p in list(model.top.parameters()) + list(model.qa.parameters()):
                p.add_(torch.randn_like(p) * 0.02)
        save_reader(model, tmp_path / f"trained-{seed}")
        members.append(tmp_path / f"trained-{seed}")
    out = tmp_path / "pair"
    record = join_readers(members, out, _literal_mrc(tmp_path / "mrc"), e5_dir, report=lambda _: None)
    config = json.loads((out / "config.json").read_text(encoding="utf-8"))
    assert config["members"] == ["member-1", "member-2"]
    assert config["no_answer_threshold"] == record["config"]["no_answer_threshold"]
    assert set(record["test"]) == {"facqa", "idk_mrc"} and record["test"]["facqa"]["n"] == 2
    assert [m["from"] for m in record["members"]] == [str(m) for m in members]
    for name in config["members"]:
        stored = json.loads((out / name / "config.json").read_text(encoding="utf-8"))
        assert stored["weight_storage"] == "int8"
    total = sum((out / name / "model.safetensors").stat().st_size for name in config["members"])
    assert total <= 25 * 1000 * 1000
    assert isinstance(load_reader_model(out, e5_dir), AveragedReaderModel)
    card = write_joined_card(out, record).read_text(encoding="utf-8")
    for needed in ("multilingual-e5-small", "Apache-2.0", "CC BY-SA 4.0", "`member-1/`", "`member-2/`",
                   str(members[1]), f"**{record['config']['no_answer_threshold']}**"):
        assert needed in card, needed
    with pytest.raises(ValueError, match="at least two"):
        join_readers(members[:1], tmp_path / "one", tmp_path / "mrc", e5_dir, report=lambda _: None)
    (tmp_path / "mrc" / "idk_mrc" / "valid.json").write_text("[{", encoding="utf-8")  # a broken public file
    with pytest.raises(MRCDataError, match="valid.json"):
        join_readers(members, tmp_path / "broken", tmp_path / "mrc", e5_dir, report=lambda _: None)
    assert not (tmp_path / "broken" / "config.json").exists()  # no half-made reader a loader would take
