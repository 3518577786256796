"""The adaptation stage on literal data: window labels, which windows teach what, folds, recorded reads."""

from __future__ import annotations

import pytest

from eval.adapt_reader import (
    AMBIGUOUS,
    RecordingReader,
    absent_examples,
    dev_examples,
    group_key,
    label_passage,
    split_folds,
    without_gold_articles,
)
from eval.dataset import EvalItem
from rag.reader import Passage
from siaga.types import Article, Chunk, RetrievedChunk

TITLE = "Polresta Tangerang siagakan 1.048 personel. "
WINDOW = "Polresta Tangerang menurunkan 1.048 personel untuk menjaga 5.431 TPS pada Pemilu 2024."


def item(**fields: object) -> EvalItem:
    base: dict[str, object] = {
        "id": "q1", "question": "Berapa personel yang diterjunkan di Tangerang?", "lang": "id",
        "answer": "1.048 personel", "answer_aliases": ["1.048", "1048", "1,048 personnel"], "numeric": 1048.0,
        "source_ids": ["tangerang"], "type": "numeric",
    }
    return EvalItem(**(base | fields))


def passage(text: str = WINDOW, title: str = TITLE) -> Passage:
    return Passage(title + text, allowed_start=len(title))


def test_the_longest_gold_form_in_the_citable_part_is_the_label() -> None:
    p = passage()
    text, start = label_passage(p, item())
    assert text == "1.048 personel"
    assert p.text[start : start + len(text)] == "1.048 personel"
    assert start >= p.allowed_start  # the title states it too, but a title cannot be cited


def test_a_gold_form_only_in_the_title_is_no_label() -> None:
    p = passage("Apel gelar pasukan dipimpin Kapolresta di Tigaraksa.")
    assert label_passage(p, item()) is None


def test_a_number_written_as_a_word_is_found_by_value() -> None:
    p = passage("Di Kabupaten Poso terdapat lima TPS sangat rawan.", title="")
    five = item(answer="5 TPS", answer_aliases=["5", "lima"], numeric=5.0)
    assert label_passage(p, five) == ("lima", p.text.index("lima"))


def test_a_short_number_stated_twice_is_ambiguous() -> None:
    p = passage("Sebanyak 19 TPS sangat rawan dan 19 kelurahan dipantau.", title="")
    nineteen = item(answer="19", answer_aliases=[], numeric=19.0)
    assert label_passage(p, nineteen) == AMBIGUOUS


def test_a_number_inside_a_longer_number_is_not_the_answer() -> None:
    p = passage("Polda menurunkan 11.048 personel.", title="")
    assert label_passage(p, item(answer="1.048", answer_aliases=[])) is None


def test_unanswerable_questions_teach_no_answer_in_every_window() -> None:
    lebak = item(id="q9", type="unanswerable", answer="UNANSWERABLE", answer_aliases=[], numeric=None, source_ids=[])
    examples = dev_examples(lebak, [("Berapa personel Polres Lebak?", [passage(), passage("Lain kalimat di sini.")])])
    assert len(examples) == 2 and not any(ex.answerable for ex in examples)


def test_answerable_windows_without_the_answer_are_negatives_and_ambiguous_ones_are_left_out() -> None:
    reads = [("Berapa personel yang diterjunkan di Tangerang?", [
        passage(),
        passage("Kapolda Banten memimpin apel di Serang."),
        passage("Sebanyak 1048 dan 1.048 disebut."),  # the value twice: neither a label nor a negative
    ])]
    examples = dev_examples(item(), reads)
    assert [ex.answerable for ex in examples] == [True, False]


def test_a_question_whose_answer_no_window_states_is_left_out() -> None:
    worded_otherwise = item(answer="Pulau Sumbawa", answer_aliases=["Sumbawa Island"], numeric=None, type="entity")
    assert dev_examples(worded_otherwise, [("Di mana?", [passage(), passage("Apel di Serang.")])]) == []


@pytest.mark.parametrize("kind", ["multi_doc", "yes_no"])
def test_questions_without_one_span_are_not_used(kind: str) -> None:
    assert dev_examples(item(type=kind), [("q", [passage()])]) == []


def test_the_same_window_read_twice_is_one_example() -> None:
    reads = [("Berapa personel?", [passage()]), ("Berapa personel?", [passage()])]
    assert len(dev_examples(item(), reads)) == 1


def retrieved(article_id: str, source_path: str | None = None) -> RetrievedChunk:
    article = Article(id=article_id, title="t", text="Isi artikel.", source_path=source_path)
    chunk = Chunk(id=f"{article_id}:0", article_id=article_id, index=0, text="Isi artikel.", start=0, end=12)
    return RetrievedChunk(chunk=chunk, article=article)


def test_gold_articles_are_taken_out_by_id_or_by_file_stem() -> None:
    chunks = [retrieved("tangerang"), retrieved("abc123", "data/articles/tangerang.txt"), retrieved("serang")]
    assert [c.article.id for c in without_gold_articles(item(), chunks)] == ["serang"]


def test_windows_read_without_the_gold_articles_all_teach_no_answer_as_one_group() -> None:
    question = "Berapa personel yang diterjunkan di Tangerang?"
    serang = passage("Polres Serang menurunkan 620 personel.", title="Polres Serang siaga. ")
    lebak = passage("Polres Lebak menjaga 2.100 TPS.", title="Lebak aman. ")
    examples = absent_examples(item(), [(question, [serang]), (question, [lebak, serang])])
    assert [ex.context for ex in examples] == [serang.text, lebak.text]
    assert not any(ex.answerable for ex in examples)
    assert {group_key(ex) for ex in examples} == {"q1~absent|0"}
    assert group_key(examples[0]) not in {group_key(ex) for ex in dev_examples(item(), [(question, [passage()])])}


def test_an_absent_group_still_stating_the_answer_is_dropped_whole() -> None:
    elsewhere = passage("Polda Banten menyebut 1.048 personel dari Polresta Tangerang.", title="")
    other = passage("Polres Lebak menjaga 2.100 TPS.", title="")
    assert absent_examples(item(), [("Berapa personel?", [other, elsewhere])]) == []


@pytest.mark.parametrize("kind", ["multi_doc", "yes_no", "unanswerable"])
def test_absent_groups_come_only_from_answerable_single_span_questions(kind: str) -> None:
    fields: dict[str, object] = {"type": kind}
    if kind == "unanswerable":
        fields |= {"answer": "UNANSWERABLE", "answer_aliases": [], "numeric": None, "source_ids": []}
    assert absent_examples(item(**fields), [("q", [passage("Apel di Serang.")])]) == []


def test_folds_are_seeded_disjoint_and_cover_tune() -> None:
    items = [item(id=f"q{i:03d}") for i in range(11)]
    folds = split_folds(items, 2, seed=13)
    assert sorted(i.id for f in folds for i in f) == sorted(i.id for i in items)
    assert not {i.id for i in folds[0]} & {i.id for i in folds[1]}
    assert abs(len(folds[0]) - len(folds[1])) <= 1
    assert [i.id for i in split_folds(list(reversed(items)), 2, seed=13)[0]] == [i.id for i in folds[0]]
    assert [i.id for i in split_folds(items, 2, seed=14)[0]] != [i.id for i in folds[0]]


def test_recording_reader_passes_reads_through_and_keeps_them() -> None:
    class Echo:
        def read(self, question: str, passages: list[Passage], n_best: int = 1) -> list[str]:
            return [question + "|" + p.text for p in passages]

    recorder = RecordingReader(Echo())
    assert recorder.read("q", [Passage("a"), Passage("b")]) == ["q|a", "q|b"]
    assert recorder.reads == [("q", [Passage("a"), Passage("b")])]


@pytest.mark.slow
def test_adapting_on_a_window_raises_its_labelled_span() -> None:
    """The real committed reader, continued on one labelled window, scores that window's answer higher."""
    from eval.adapt_reader import AdaptOptions, adapt_model
    from eval.mrc import MRCExample
    from eval.train_reader import training_tokenizer
    from rag.reader import DEFAULT_READER_DIR, Reader, load_reader_model
    from siaga.embedding import ensure_default_model
    from siaga.settings import Settings
    from siaga.tokenizer import E5Tokenizer

    e5 = ensure_default_model(Settings())
    tokenizer, reading = training_tokenizer(e5), E5Tokenizer.load(e5)
    question = "Berapa orang yang berjaga di Tangerang?"
    p = passage("Apel diikuti unsur Polri, TNI dan Pemkab; sebanyak 1.048 orang berjaga di Tangerang.")
    label = ("1.048 orang", p.text.index("1.048", p.allowed_start))  # the title states 1.048 too
    example = MRCExample("x", question, p.text, (label,), "dev-tune")

    def margin_of_label(model: object) -> float:
        (spans,) = Reader(model, reading).read(question, [p], n_best=5)
        return max((s.margin for s in spans if s.text.startswith("1.048")), default=-1e4)

    before = margin_of_label(load_reader_model(DEFAULT_READER_DIR, e5))
    options = AdaptOptions(epochs=8, learning_rate=1e-4, head_learning_rate=1e-3, dev_repeat=4, warmup=0.0)
    after = margin_of_label(adapt_model(DEFAULT_READER_DIR, e5, tokenizer, [example], [], options))
    assert after > before + 1.0
