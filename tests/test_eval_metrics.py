"""Deterministic eval metrics on literal, hand-checked cases."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from eval.dataset import EvalItem, load_dataset
from eval.metrics import (
    answer_body,
    answer_head,
    arithmetic_results,
    baseline_metrics,
    contains_normalized,
    dates_in_text,
    dates_match,
    dedupe,
    fact_cited,
    gold_rank,
    is_refusal,
    judge_answer,
    judge_item,
    ndcg_at_k,
    normalize_text,
    numbers_in_answer,
    numeric_fidelity,
    percentile,
    polarity,
    reciprocal_rank,
    retrieval_verdict,
    score_item,
    summarize,
    threshold_tradeoff,
    token_f1,
    tradeoff_records,
)
from siaga.types import Answer, Article, Citation

QA = Path(__file__).resolve().parents[1] / "data" / "eval" / "qa.jsonl"


def item(**kw: object) -> EvalItem:
    base: dict = {
        "id": "t1",
        "question": "q?",
        "lang": "id",
        "answer": "1.048 personel",
        "answer_aliases": ["1.048", "1048", "1,048"],
        "numeric": 1048,
        "source_ids": ["a"],
        "type": "numeric",
    }
    base.update(kw)
    return EvalItem.model_validate(base)


def cit(n: int, quote: str, article_id: str = "a", start: int = 0) -> Citation:
    return Citation(
        n=n,
        article_id=article_id,
        chunk_id=f"{article_id}:0",
        start=start,
        end=start + len(quote),
        quote=quote,
        title="t",
    )


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Polresta Tangerang menyiagakan 1.048 personel.", 1048),
        ("Polresta Tangerang deployed 1,048 personnel.", 1048),
        ("Jumlahnya 1048 orang", 1048),
        ("sekitar 1,5 juta pemilih", 1_500_000),
        ("about 1.5 million voters", 1_500_000),
        ("dana operasional Rp4.814.000 per KPPS", 4_814_000),
        ("IDR 4,814,000 per committee", 4_814_000),
        ("anggaran Rp456,61 miliar", 456_610_000_000),
        ("lebih dari Rp41 triliun", 41_000_000_000_000),
        ("inflasi 1,55 persen", 1.55),
        ("inflation of 1.55%", 1.55),
        ("92,4 persen", 92.4),
        ("5 ribu personel", 5000),
        ("delapan TPS sangat rawan", 8),
        ("eight polling stations", 8),
    ],
)
def test_numbers_in_answer_forms(text: str, value: float) -> None:
    assert any(math.isclose(v, value, rel_tol=1e-9) for v in numbers_in_answer(text))


def test_citation_markers_are_not_numbers() -> None:
    assert numbers_in_answer("Sebanyak 798 personel [1][2, 3].") == {798.0}
    assert 1.0 not in numbers_in_answer("Dikerahkan 900 personel [1]")


def test_numeric_judged_on_head_only() -> None:
    it = item()
    assert judge_answer(it, "Polresta Tangerang menyiagakan 1.048 personel [1].", False).correct
    assert judge_answer(it, "Polresta Tangerang deployed 1,048 personnel [1].", False).correct
    wrong = 'Polresta Tangerang menyiagakan 1.042 personel [1].\n\nKutipan:\n[1] "... 1.048 personel ..."'
    judgement = judge_answer(it, wrong, False)
    assert not judgement.correct
    assert "1048" in judgement.reason and "1042" in judgement.reason
    assert not judge_answer(it, "Sebanyak 1.048 personel.", True).correct  # refused flag wins


def test_answer_head_and_body() -> None:
    text = 'Jawaban 798 personel [1].\nBaris kedua.\n\nSumber:\n[1] "kutipan 2024-02-13"'
    assert answer_head(text) == "Jawaban 798 personel [1].\nBaris kedua."
    assert answer_head("satu baris") == "satu baris"
    assert answer_body(text) == "Jawaban 798 personel [1].\nBaris kedua."
    two_paragraphs = 'Paragraf satu 5 [1].\n\nParagraf dua 7 [2].\n\n[1] "5"\n[2] "7"'
    assert answer_body(two_paragraphs) == "Paragraf satu 5 [1].\n\nParagraf dua 7 [2]."


# ---------------------------------------------------------------- aliases, dates, yes/no


def test_normalisation() -> None:
    assert normalize_text("  Irjen. Pol.   DANIEL  Adityajaya! ") == "irjen pol daniel adityajaya"
    assert normalize_text("Polairud–Polda Bali") == "polairud polda bali"
    assert normalize_text("Sélàmat") == "selamat"
    assert contains_normalized("Dikawal oleh Direktorat POLAIRUD, Polda Bali.", "polairud polda bali")
    assert not contains_normalized("sebanyak 2.348 TPS", "8")  # whole tokens only


def test_alias_match_entity() -> None:
    it = item(
        type="entity",
        answer="Polairud Polda Bali",
        numeric=None,
        answer_aliases=["Polairud", "Direktorat Polairud Polda Bali"],
    )
    assert judge_answer(it, "Pengawalan dilakukan Ditpolairud... oleh POLAIRUD Polda Bali [1].", False).correct
    assert not judge_answer(it, "Pengawalan dilakukan Brimob Polda Bali [1].", False).correct
    assert not judge_answer(it, 'Brimob.\n\n[1] "Polairud Polda Bali mengawal"', False).correct


def test_dates_across_languages() -> None:
    gold = ["Sunday, 11 February 2024", "2024-02-11"]
    for text in (
        "Pada Minggu, 11 Februari 2024 [1].",
        "On February 11, 2024.",
        "tanggal 11/2/2024",
        "Minggu (11/2) logistik menyeberang",
        "on 11 Feb 2024",
    ):
        assert dates_match(text, gold), text
    assert not dates_match("Pada 12 Februari 2024.", gold)
    assert not dates_match("Pada 11 Februari 2023.", gold)
    assert not dates_match("11 Maret 2024", gold)


def test_date_ranges() -> None:
    spans = dates_in_text("3 sampai 8 Februari 2024")
    assert len(spans) == 1 and (spans[0].first_day, spans[0].last_day, spans[0].month) == (3, 8, 2)
    gold = ["3 to 8 February 2024"]
    assert dates_match("Data dikumpulkan 3-8 Februari 2024.", gold)
    assert not dates_match("Data dikumpulkan 8 Februari 2024.", gold)


def test_date_item_accepts_other_language() -> None:
    it = item(type="date", answer="18 Februari 2024", answer_aliases=[], numeric=None, lang="en")
    assert judge_answer(it, "The BKO assignment was extended until February 18, 2024 [1].", False).correct
    assert not judge_answer(it, "The BKO assignment was extended until February 17, 2024 [1].", False).correct


def test_yes_no_polarity() -> None:
    assert polarity("Tidak, personel tidak diizinkan membawa senjata api.") is False
    assert polarity("No. Polres Bintan did not receive BKO.") is False
    assert polarity("Ya, Polda menambah personel.") is True
    assert polarity("Yes, they did.") is True
    assert polarity("Personel belum menerima BKO.") is False
    assert polarity("Polda Kaltara menambah 50 personel.") is True
    it = item(type="yes_no", answer="Tidak", answer_aliases=["no"], numeric=None)
    assert judge_answer(it, "Tidak. Personel tidak diizinkan membawa senjata api [1].", False).correct
    assert judge_answer(it, "No, they were not allowed to carry firearms [1].", False).correct
    assert not judge_answer(it, "Ya, personel membawa senjata api [1].", False).correct


def test_refusal_phrases_both_languages() -> None:
    assert is_refusal("Artikel yang tersedia tidak menyebutkan jumlah TPS sangat rawan di Kaltara.")
    assert is_refusal("Informasi itu tidak ditemukan dalam artikel.")
    assert is_refusal("The articles don't say how many soldiers were prepared.")
    assert is_refusal("The articles do not mention the Kapolda of Jambi.")
    assert is_refusal("There is no information about that.")
    assert not is_refusal("Polda Kaltara menerjunkan 3.863 personel [1].")
    assert not is_refusal("Tidak, personel tidak diizinkan membawa senjata api [1].")
    # a refusal phrase inside the quotes section does not count
    assert not is_refusal('Sebanyak 900 personel [1].\n\n[1] "... tidak disebutkan ..."')
    assert is_refusal(Answer(question="q", text="Sebanyak 900 personel.", refused=True))
    assert not is_refusal(Answer(question="q", text="Sebanyak 900 personel."))


def test_a_computed_answer_is_judged_on_its_result_not_its_parts() -> None:
    from siaga.types import Answer

    worked = "In total 289 personnel: 246 personnel [1] (Polres Tanjab Barat) and 43 personnel [2]; 246 + 43 = 289."
    summed = Answer(question="q?", text=worked, debug={"combination": "sum"})
    assert not judge_item(item(numeric=246), summed).correct  # a part equal to the gold is no right total
    assert judge_item(item(numeric=289, answer="289 personel", answer_aliases=["289"]), summed).correct
    listed = Answer(question="q?", text=worked)  # not computed (e.g. an LLM's prose): judged on its head as before
    assert judge_item(item(numeric=246), listed).correct


def test_unanswerable_judgement() -> None:
    it = item(type="unanswerable", answer="UNANSWERABLE", answer_aliases=[], numeric=None)
    assert judge_answer(it, "Artikel tidak menyebutkan.", True).correct
    assert not judge_answer(it, "Sebanyak 900 personel.", False).correct


def test_token_f1() -> None:
    assert token_f1("798 personel", "798 personel") == 1.0
    assert token_f1("sebanyak 798 personel", "798 personel") == pytest.approx(0.8)
    assert token_f1("abc", "xyz") == 0.0


def test_every_gold_answer_judged_correct() -> None:
    """The judge accepts the gold answer itself for every answerable shipped question."""
    items = load_dataset(QA)
    wrong = [i.id for i in items if i.answerable and not judge_answer(i, i.answer, False).correct]
    assert wrong == []


# ---------------------------------------------------------------- retrieval


def test_dedupe_keeps_first() -> None:
    assert dedupe(["b", "a", "b", "c", "a"]) == ["b", "a", "c"]


def test_single_gold_ranks() -> None:
    retrieved = ["x", "x", "y", "g", "z"]  # dedupe -> x, y, g, z
    assert gold_rank(retrieved, ["g"]) == 3
    assert reciprocal_rank(3) == pytest.approx(1 / 3)
    it = item(source_ids=["g"])
    v = retrieval_verdict(it, retrieved)
    assert v is not None
    assert v.hits == {"hit@1": False, "hit@5": True, "hit@10": True}
    assert v.mrr == pytest.approx(1 / 3)
    assert v.ndcg10 == pytest.approx(1 / math.log2(4))
    assert gold_rank(["x"], ["g"]) is None


def test_multi_doc_needs_every_gold() -> None:
    it = item(type="multi_doc", source_ids=["g1", "g2"], numeric=1681)
    v = retrieval_verdict(it, ["g1", "x", "y", "z", "w", "g2"])
    assert v is not None and v.rank == 6
    assert v.hits == {"hit@1": False, "hit@5": False, "hit@10": True}
    assert v.mrr == pytest.approx(1 / 6)
    missing = retrieval_verdict(it, ["g1", "x"])
    assert missing is not None and missing.rank is None and missing.mrr == 0 and not missing.hits["hit@10"]


def test_ndcg_hand_computed() -> None:
    # gold at ranks 1 and 3 of two: (1 + 1/log2 4) / (1 + 1/log2 3)
    expected = (1 + 0.5) / (1 + 1 / math.log2(3))
    assert ndcg_at_k(["g1", "x", "g2"], ["g1", "g2"]) == pytest.approx(expected)
    assert ndcg_at_k(["g1", "g2"], ["g1", "g2"]) == pytest.approx(1.0)
    assert ndcg_at_k(["x"] * 3 + [f"y{i}" for i in range(10)] + ["g1"], ["g1"]) == 0.0


def test_gold_matched_by_source_stem() -> None:
    assert gold_rank(["h1", "h2"], ["file-stem"], stems={"h2": "file-stem"}) == 2


def test_unanswerable_excluded_from_retrieval() -> None:
    it = item(type="unanswerable", answer="UNANSWERABLE", answer_aliases=[], numeric=None)
    assert retrieval_verdict(it, ["a"]) is None


# ---------------------------------------------------------------- citations


def test_numeric_fidelity_reads_an_english_clock_time_as_the_article_writes_it() -> None:
    assert numeric_fidelity("23:59 WITA [1].", ["Pendaftaran ditutup pukul 23.59 WITA."]) == (True, [])
    assert numeric_fidelity("23:58 WITA [1].", ["Pendaftaran ditutup pukul 23.59 WITA."]) == (False, ["23.58"])


def test_numeric_fidelity_plain() -> None:
    ok, bad = numeric_fidelity("Polda Bali menjaga 12.809 TPS [1].", ["Polda Bali menjaga 12.809 TPS"])
    assert ok and bad == []
    ok, bad = numeric_fidelity("Polda Bali menjaga 12.890 TPS [1].", ["Polda Bali menjaga 12.809 TPS"])
    assert not ok and bad == ["12.890"]
    ok, _ = numeric_fidelity("Polda Bali guards 12,809 polling stations [1].", ["menjaga 12.809 TPS"])
    assert ok


def test_numeric_fidelity_allows_source_dates_and_the_questions_numbers() -> None:
    text = "Artikel menyebut angka berbeda: 581 orang [1] (Lensa Sumatra, 12 Februari 2024); 5.986 personel [2]."
    quotes = ["581 orang disiagakan", "5.986 personel dikerahkan"]
    assert numeric_fidelity(text, quotes) == (False, ["12", "2024"])
    assert numeric_fidelity(text, quotes, given={12.0, 2.0, 2024.0}) == (True, [])


def test_numeric_fidelity_with_arithmetic() -> None:
    quotes = ["Polda Malut mengamankan 4.192 TPS", "Pilkada di Malut mencakup 2.511 TPS"]
    text = "Selisihnya 1.681 TPS: 4.192 − 2.511 = 1.681 [1][2]."
    assert numeric_fidelity(text, quotes) == (True, [])
    for op in ("-", "–"):
        assert numeric_fidelity(f"4.192 TPS {op} 2.511 TPS = 1.681 TPS [1][2].", quotes)[0]
    assert numeric_fidelity("911 + 279 = 1.190", ["911 personel", "279 personel"])[0]
    # wrong arithmetic is not exempt
    ok, bad = numeric_fidelity("4.192 − 2.511 = 1.618 [1][2].", quotes)
    assert not ok and bad == ["1.618"]
    # operands must be cited
    ok, bad = numeric_fidelity("5.000 − 2.511 = 2.489 [2].", quotes)
    assert not ok and set(bad) == {"5.000", "2.489"}
    assert arithmetic_results("700 + 250 + 98 = 1.048", [700, 250, 98]) == {1048.0}


def test_fact_cited() -> None:
    it = item(check=["1.048 personel"])
    assert fact_cited(it, ["Polresta Tangerang menyiagakan 1.048 personel."])
    assert fact_cited(it, ["a total of 1,048 officers"])  # gold value among quote numbers
    assert not fact_cited(it, ["Polda Banten menggeser 1.646 personel."])
    md = item(type="multi_doc", numeric=1681, check=["4.192", "2.511"], source_ids=["a", "b"])
    assert fact_cited(md, ["4.192 TPS", "2.511 TPS"])
    assert not fact_cited(md, ["4.192 TPS"])


def test_score_item_end_to_end() -> None:
    article_text = "Polresta Tangerang menyiagakan 1.048 personel untuk 5.431 TPS."
    article = Article(id="a", title="t", text=article_text, source_path="articles/tangerang.txt")
    quote = "Polresta Tangerang menyiagakan 1.048 personel untuk 5.431 TPS."
    answer = Answer(
        question="q",
        text="Polresta Tangerang menyiagakan 1.048 personel [1] [3].",
        citations=[cit(1, quote, "a")],
        verified=True,
        seconds=1.25,
        debug={"support": 0.8},
    )
    r = score_item(
        item(source_ids=["tangerang"], check=["1.048"]),
        answer,
        ["a", "a", "b"],
        articles={"a": article},
        baseline_retrieved={"bm25": ["b", "a"], "dense": ["b"]},
    )
    assert r.correct and not r.refused
    assert r.retrieved_article_ids == ["a", "b"]
    assert r.retrieval is not None and r.retrieval.rank == 1  # matched through the file stem
    assert r.baseline_ranks == {"bm25": 2, "dense": None}
    assert r.citation.markers == [1, 3] and r.citation.unresolved == [3] and not r.citation.resolved
    assert r.citation.verbatim is True and r.citation.fact_cited is True
    assert r.citation.precision == 1.0 and r.citation.recall == 1.0
    assert r.citation.numeric_fidelity
    assert r.support == 0.8 and r.seconds == 1.25 and r.verified

    bad = answer.model_copy(update={"citations": [cit(1, "menyiagakan 1.042 personel", "a")]})
    r2 = score_item(item(source_ids=["tangerang"]), bad, [], articles={"a": article})
    assert r2.citation.verbatim is False and r2.citation.not_verbatim == [1]
    assert not r2.citation.numeric_fidelity and r2.citation.unsupported_numbers == ["1.048"]


# ---------------------------------------------------------------- aggregates


def _result(qid: str, type_: str, lang: str, correct: bool, refused: bool, rank: int | None, secs: float):
    """A scored record: gold article "g" retrieved at ``rank`` (None: not retrieved)."""
    if type_ == "unanswerable":
        it = item(id=qid, type=type_, lang=lang, answer="UNANSWERABLE", answer_aliases=[], numeric=None)
    else:
        it = item(id=qid, type=type_, lang=lang, source_ids=["g"])
    text = "Tidak disebutkan." if refused else ("1.048 personel" if correct else "999 personel")
    retrieved = ["x"] if rank is None else [f"x{i}" for i in range(rank - 1)] + ["g"]
    return score_item(it, Answer(question="q", text=text, refused=refused), retrieved, seconds=secs)


def test_summarize_figures() -> None:
    results = [
        _result("1", "numeric", "id", True, False, 1, 1.0),
        _result("2", "numeric", "id", False, False, 3, 2.0),
        _result("3", "numeric", "en", False, True, None, 3.0),
        _result("4", "unanswerable", "en", False, True, None, 4.0),
        _result("5", "unanswerable", "id", False, False, None, 5.0),
    ]
    assert [r.correct for r in results] == [True, False, False, True, False]
    s = summarize(results)
    o = s["overall"]
    assert o["n"] == 5 and o["accuracy"] == 0.4
    assert o["coverage"] == pytest.approx(0.6667)  # 2 of 3 answerables answered
    assert o["answered_precision"] == pytest.approx(0.3333)  # 1 correct of 3 answers given
    assert o["refusal_accuracy"] == 0.5 and o["false_refusal_rate"] == pytest.approx(0.3333)
    assert o["hit@1"] == pytest.approx(0.3333) and o["hit@5"] == pytest.approx(0.6667)
    assert o["mrr"] == pytest.approx((1 + 1 / 3) / 3, abs=1e-4)
    assert o["latency_p50"] == 3.0 and o["latency_p95"] == pytest.approx(4.8)
    assert list(s["by_type"]) == ["numeric", "unanswerable"]
    assert s["by_lang"]["en"]["accuracy"] == 0.5 and s["by_lang"]["id"]["accuracy"] == pytest.approx(0.3333)
    assert s["by_type_lang"]["unanswerable"]["en"]["refusal_accuracy"] == 1.0
    assert s["by_type"]["unanswerable"]["hit@1"] is None
    b = baseline_metrics(results)
    assert b["hybrid"]["hit@1"] == pytest.approx(0.3333) and b["hybrid"]["n"] == 3


def test_percentile() -> None:
    assert percentile([], 50) is None
    assert percentile([5.0], 95) == 5.0
    assert percentile([1, 2, 3, 4], 50) == 2.5
    assert percentile(list(range(1, 101)), 95) == pytest.approx(95.05)


def test_threshold_tradeoff() -> None:
    records = [
        (0.9, True, True),
        (0.7, False, True),
        (0.4, True, True),
        (0.2, False, True),
        (0.6, False, False),
        (0.1, False, False),
    ]
    rows = threshold_tradeoff(records, [0.5, 0.0, 1.0])
    assert [r["threshold"] for r in rows] == [0.0, 0.5, 1.0]
    t0, t5, t1 = rows
    assert t0 == {
        "threshold": 0.0,
        "coverage": 1.0,
        "answered_precision": pytest.approx(0.3333),
        "refusal_accuracy": 0.0,
        "false_refusal_rate": 0.0,
    }
    assert t5["coverage"] == 0.5 and t5["answered_precision"] == pytest.approx(0.3333)
    assert t5["refusal_accuracy"] == 0.5 and t5["false_refusal_rate"] == 0.5
    assert t1["coverage"] == 0.0 and t1["answered_precision"] is None and t1["refusal_accuracy"] == 1.0
    # an answer whose support equals the threshold is kept
    (at_07,) = threshold_tradeoff(records, [0.7])
    assert at_07["coverage"] == 0.5 and at_07["answered_precision"] == 0.5


def test_tradeoff_records_from_results() -> None:
    results = [
        score_item(item(), Answer(question="q", text="1.048", debug={"support": 0.9}), []),
        score_item(item(id="t2"), Answer(question="q", text="Tidak ditemukan.", refused=True), []),
    ]
    assert tradeoff_records(results) == [(0.9, True, True), (0.0, False, True)]


def test_numeric_fidelity_reads_spelled_out_numbers_like_the_verifier() -> None:
    from eval.metrics import numeric_fidelity

    quote = ["Dari jumlah itu, delapan TPS tergolong sangat rawan."]
    assert numeric_fidelity("Jumlahnya 8 (delapan) TPS [1].", quote)[0]
    assert not numeric_fidelity("Jumlahnya 9 TPS [1].", quote)[0]


def test_pair_answer_is_right_only_when_the_direct_answer_states_every_component() -> None:
    pair = item(
        type="multi_doc", numeric=None, lang="en", answer="Kombes Ino Harianto (Nov 2023); Kombes Pol Abdul Waras",
        answer_aliases=["Ino Harianto; Abdul Waras"], check=["Ino Harianto", "Abdul Waras"], source_ids=["a", "b"],
    )
    both = "Kombes Ino Harianto [1], then Kombes Pol Abdul Waras [2].\n\n[1] “...” — A\n[2] “...” — B"
    assert judge_answer(pair, both, refused=False).correct
    one = "Kombes Ino Harianto [1].\n\n[1] “Kombes Pol Abdul Waras memimpin ...” — B"  # second name only quoted
    assert not judge_answer(pair, one, refused=False).correct
    numeric = item(type="multi_doc", numeric=1681, check=["4.192", "2.511"], source_ids=["a", "b"])
    assert not judge_answer(numeric, "4.192 dan 2.511 personel [1][2].", refused=False).correct  # needs the result
