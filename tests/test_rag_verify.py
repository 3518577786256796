"""The citation verifier catches every kind of unsupported answer and accepts honest ones."""

from __future__ import annotations

from rag.verify import apply_verification, verify_answer
from siaga.types import Answer, Chunk, Citation

TEXT = (
    "Polresta Tangerang menurunkan 1.048 personel Polri untuk menjaga 5.431 TPS. "
    "Jumlah itu terdiri dari delapan regu cadangan dan anggaran Rp1,5 miliar."
)
CHUNK = Chunk(id="a#0", article_id="a", index=0, text=TEXT, start=100, end=100 + len(TEXT))
QUOTE1 = "Polresta Tangerang menurunkan 1.048 personel Polri untuk menjaga 5.431 TPS."
QUOTE2 = "Jumlah itu terdiri dari delapan regu cadangan dan anggaran Rp1,5 miliar."
CHUNKS = {"a#0": CHUNK}


def cite(n: int, quote: str, *, chunk_id: str = "a#0", shift: int = 0) -> Citation:
    start = CHUNK.start + TEXT.index(quote) + shift
    return Citation(
        n=n, article_id="a", chunk_id=chunk_id, start=start, end=start + len(quote), quote=quote, title="Judul"
    )


def answer(text: str, citations: list[Citation], refused: bool = False) -> Answer:
    return Answer(question="q", text=text, citations=citations, refused=refused)


def test_good_answer_verifies_in_both_number_formats() -> None:
    for text in (
        "Polresta Tangerang deployed 1,048 personnel [1].",
        "Jumlahnya 1.048 personel [1].",
        "1048 personnel guarded 5431 polling stations [1].",
    ):
        assert verify_answer(answer(text, [cite(1, QUOTE1)]), CHUNKS) == []


def test_an_english_clock_time_is_the_articles_time() -> None:
    text = "Pelepasan dilakukan Senin (25/11/2024) pukul 08.00 Wita."
    chunk = Chunk(id="k#0", article_id="k", index=0, text=text, start=0, end=len(text))
    quoted = Citation(n=1, article_id="k", chunk_id="k#0", start=0, end=len(text), quote=text, title="Judul")
    assert verify_answer(answer("25 November 2024, 08:00 WITA [1].", [quoted]), {"k#0": chunk}) == []
    assert verify_answer(answer("25 November 2024, 09:00 WITA [1].", [quoted]), {"k#0": chunk}) != []


def test_a_weekday_its_quote_names_alone_is_dated_by_the_article() -> None:
    text = "Apel digelar di lapangan Mapolda Malut, Jumat."
    chunk = Chunk(id="m#0", article_id="m", index=0, text=text, start=0, end=len(text))
    quoted = Citation(n=1, article_id="m", chunk_id="m#0", start=0, end=len(text), quote=text, title="Judul",
                      published="2024-02-12")  # a Monday: "Jumat" is 9 February
    assert verify_answer(answer("Jumat, 9 Februari 2024 [1].", [quoted]), {"m#0": chunk}) == []
    assert verify_answer(answer("Jumat, 16 Februari 2024 [1].", [quoted]), {"m#0": chunk}) != []


def test_a_day_its_quote_names_by_distance_is_dated_by_the_article() -> None:
    text = "Apel digelar di lapangan Mapolda Jambi, kemarin."
    chunk = Chunk(id="j#0", article_id="j", index=0, text=text, start=0, end=len(text))
    quoted = Citation(n=1, article_id="j", chunk_id="j#0", start=0, end=len(text), quote=text, title="Judul",
                      published="2024-11-26")  # "kemarin" is 25 November
    assert verify_answer(answer("Senin, 25 November 2024 [1].", [quoted]), {"j#0": chunk}) == []
    assert verify_answer(answer("Minggu, 24 November 2024 [1].", [quoted]), {"j#0": chunk}) != []


def test_reference_lines_are_not_checked_as_claims() -> None:
    text = (
        f"Jumlahnya 1.048 personel [1].\n\n[1] “{QUOTE1}” — Polresta Tangerang sebar 1.048 personel, ANTARA, 2024-02-10"
    )
    assert verify_answer(answer(text, [cite(1, QUOTE1)]), CHUNKS) == []


def test_unresolved_marker() -> None:
    errors = verify_answer(answer("Jumlahnya 1.048 personel [2].", [cite(1, QUOTE1)]), CHUNKS)
    assert any("marker [2]" in e for e in errors)


def test_missing_chunk() -> None:
    errors = verify_answer(answer("Jumlahnya 1.048 personel [1].", [cite(1, QUOTE1, chunk_id="zzz#9")]), CHUNKS)
    assert any("not found" in e for e in errors)


def test_non_verbatim_quote() -> None:
    bad = cite(1, QUOTE1).model_copy(update={"quote": QUOTE1.replace("1.048", "1.084")})
    errors = verify_answer(answer("Jumlahnya 1.084 personel [1].", [bad]), CHUNKS)
    assert any("not verbatim" in e for e in errors)


def test_shifted_offsets_are_not_verbatim() -> None:
    errors = verify_answer(answer("Jumlahnya 1.048 personel [1].", [cite(1, QUOTE1, shift=3)]), CHUNKS)
    assert any("not verbatim" in e for e in errors)


def test_number_absent_from_cited_spans() -> None:
    errors = verify_answer(answer("Polresta Tangerang deployed 1,084 personnel [1].", [cite(1, QUOTE1)]), CHUNKS)
    assert any("1,084" in e for e in errors)


def test_number_from_an_uncited_sentence_of_the_same_chunk_fails() -> None:
    errors = verify_answer(answer("The budget was Rp1.5 billion [1].", [cite(1, QUOTE1)]), CHUNKS)
    assert errors


def test_money_word_numbers_and_multipliers_normalise() -> None:
    assert verify_answer(answer("The budget was Rp1.5 billion [1].", [cite(1, QUOTE2)]), CHUNKS) == []
    assert verify_answer(answer("Anggaran Rp1,5 miliar [1].", [cite(1, QUOTE2)]), CHUNKS) == []
    assert verify_answer(answer("Ada 8 (delapan) regu cadangan [1].", [cite(1, QUOTE2)]), CHUNKS) == []


def test_accepts_arithmetic_over_cited_operands() -> None:
    text = "Selisihnya 1.048 − 8 = 1.040 personel [1][2]."
    assert verify_answer(answer(text, [cite(1, QUOTE1), cite(2, QUOTE2)]), CHUNKS) == []
    text_en = "The difference is 5,431 − 1,048 = 4,383 [1]; that is 4,383 more."
    assert verify_answer(answer(text_en, [cite(1, QUOTE1)]), CHUNKS) == []


def test_rejects_wrong_arithmetic_and_uncited_operands() -> None:
    wrong = verify_answer(answer("Selisihnya 5.431 − 1.048 = 4.000 [1].", [cite(1, QUOTE1)]), CHUNKS)
    assert any("wrong" in e for e in wrong)
    uncited = verify_answer(answer("Totalnya 1.048 + 999 = 2.047 [1].", [cite(1, QUOTE1)]), CHUNKS)
    assert uncited


def test_unreferenced_result_without_arithmetic_fails() -> None:
    errors = verify_answer(answer("The difference is 4,383 polling stations [1].", [cite(1, QUOTE1)]), CHUNKS)
    assert any("4,383" in e for e in errors)


def test_refused_answer_may_carry_no_citations() -> None:
    refusal = answer(
        "The articles don't say how many personnel Polres Lebak deployed on 14 February 2024.", [], refused=True
    )
    assert verify_answer(refusal, CHUNKS) == []
    assert "answer has no citations" in verify_answer(answer("Jumlahnya 1.048 personel.", []), CHUNKS)


def test_apply_verification_sets_flags() -> None:
    good = apply_verification(answer("Jumlahnya 1.048 personel [1].", [cite(1, QUOTE1)]), CHUNKS)
    assert good.verified and good.verification_errors == []
    bad = apply_verification(answer("Jumlahnya 2.000 personel [1].", [cite(1, QUOTE1)]), CHUNKS)
    assert not bad.verified and bad.verification_errors
