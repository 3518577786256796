"""The app's tokenizer (``tokenizers`` directly) must give exactly what the reader was trained with
(``transformers.AutoTokenizer`` on the same folder): ids, masks, offsets and sequence ids."""

from __future__ import annotations

import pytest

from siaga.embedding import ensure_default_model
from siaga.settings import Settings
from siaga.tokenizer import E5Tokenizer

QUESTIONS = [
    "Berapa personel yang diterjunkan Polresta Tangerang?",
    "How many police officers did Polda Banten deploy for Operasi Mantap Brata?",
    "Kapan   pemungutan suara ulang\tdigelar di TPS 05?",
]
PASSAGES = [
    "Polresta Tangerang menurunkan 1.048 personel untuk menjaga 5.431 TPS pada Pemilu 2024.",
    "Kapolda Banten Irjen Pol Abdul Karim: «pengamanan» berjalan kondusif — 26–28 November 2024 (Rp1.200.000).",
    "Baca juga: KPU tetapkan DPT. " + "Sebanyak 2.349 TPS dinilai rawan di Jawa Barat. " * 30,
]


@pytest.fixture(scope="module")
def both() -> tuple[E5Tokenizer, object]:
    from transformers import AutoTokenizer

    folder = ensure_default_model(Settings())
    return E5Tokenizer.load(folder), AutoTokenizer.from_pretrained(str(folder))


def test_ids_count_and_decode_match_transformers(both) -> None:  # noqa: ANN001
    ours, theirs = both
    for text in QUESTIONS + PASSAGES:
        assert ours.ids(text) == theirs(text, add_special_tokens=False)["input_ids"]
        assert ours.count(text) == len(theirs(text)["input_ids"])
        ids = ours.ids(text)[:12]
        assert ours.decode(ids) == theirs.decode(ids)
    assert ours.pad_token_id == theirs.pad_token_id


def test_padded_batches_match_transformers(both) -> None:  # noqa: ANN001
    ours, theirs = both
    got = ours.batch(PASSAGES, 40)
    want = theirs(PASSAGES, truncation=True, max_length=40, padding=True, return_tensors="pt")
    assert got.input_ids.tolist() == want["input_ids"].tolist()
    assert got.attention_mask.tolist() == want["attention_mask"].tolist()
    assert got.input_ids.shape[1] == 40  # the long passage was cut, the others padded to it


def test_pairs_cut_only_the_passage_and_match_transformers(both) -> None:  # noqa: ANN001
    ours, theirs = both
    got = ours.pairs(QUESTIONS, PASSAGES, 64)
    want = theirs(QUESTIONS, PASSAGES, truncation="only_second", max_length=64, return_offsets_mapping=True,
                  padding=True, return_tensors="pt")
    assert got.input_ids.tolist() == want["input_ids"].tolist()
    assert got.attention_mask.tolist() == want["attention_mask"].tolist()
    for row in range(len(QUESTIONS)):
        assert list(got.sequence_ids[row]) == want.sequence_ids(row)
        assert [list(o) for o in got.offsets[row]] == want["offset_mapping"][row].tolist()
    # every question token survives the cut; passage offsets point into the passage's own text
    assert got.sequence_ids[0].count(0) == len(ours.ids(QUESTIONS[0]))
    spans = [PASSAGES[0][a:b] for (a, b), s in zip(got.offsets[0], got.sequence_ids[0], strict=True) if s == 1]
    assert "1.048" in "".join(spans)


def test_pairs_refuse_unequal_lists(both) -> None:  # noqa: ANN001
    with pytest.raises(ValueError, match="2 first texts for 1 second"):
        both[0].pairs(QUESTIONS[:2], PASSAGES[:1], 64)


def test_a_batch_after_pairs_is_not_cut_by_the_pair_settings(both) -> None:  # noqa: ANN001
    """Truncation and padding are tokenizer state: each call sets its own."""
    ours, _ = both
    assert ours.pairs(QUESTIONS, PASSAGES, 40).input_ids.shape[1] == 40
    assert len(ours.ids(PASSAGES[2])) > 300
    assert ours.batch([PASSAGES[2]], 512).input_ids.shape[1] > 300
