"""Who said it: the speaker an article attributes a cited statement to, from literal article texts."""

from __future__ import annotations

import pytest

from rag import wording
from rag.attribution import answered_values, asks_who_said, attribute, name_runs, restates, source_answer
from rag.verify import apply_verification
from siaga.types import Answer, Citation
from tests.rag_fixtures import make_article, make_chunks

NTB = [
    "MATARAM – Polda NTB menyiagakan 2.150 personel untuk mengamankan TPS Pilkada 2024.",
    "Kepala Bidang Humas Polda NTB Kombes Pol Rio Santoso mengatakan jumlah itu belum termasuk personel polres.",
    '"Total yang kami siagakan hari ini 2.150 personel. Semuanya sudah menerima arahan," kata Rio.',
    "Menurut dia, pergeseran pasukan dimulai Senin pagi.",
]


def _span(text: str, sentence: str) -> tuple[int, int]:
    start = text.index(sentence)
    return start, start + len(sentence)


def _said(text: str, found) -> str:  # noqa: ANN001
    return text[found.said_at[0] : found.said_at[1]]


def _attributed(paragraphs: list[str], cited: int, value: str):  # noqa: ANN202
    """The article of ``paragraphs`` (one per line) and the attribution of its paragraph ``cited`` answering
    ``value``."""
    text = "\n".join(paragraphs)
    return text, attribute(text, _span(text, paragraphs[cited]), value)


def test_a_lead_in_the_outlets_voice_takes_the_speaker_of_the_quote_that_restates_its_figure() -> None:
    text, found = _attributed(NTB, 0, "2.150 personel")
    assert found.speaker == "Kepala Bidang Humas Polda NTB Kombes Pol Rio Santoso"
    assert _said(text, found) == NTB[2]  # the whole quotation with its tag
    assert found.introduced_at == _span(text, NTB[1])  # where "Rio" is named in full


def test_an_english_answer_figure_meets_the_articles_indonesian_one() -> None:
    assert restates("Total 2.150 personel disiagakan.", "2,150 personnel")
    assert not restates("Total 2.150 personel disiagakan.", "2,151 personnel")
    assert restates("Kapolda NTB Irjen Pol Hadi Gunawan memimpin apel.", "Irjen Pol Hadi Gunawan")


def test_a_pronoun_speaker_is_the_one_named_last_before() -> None:
    text, found = _attributed(NTB, 3, "Senin pagi")
    assert found.speaker == "Kepala Bidang Humas Polda NTB Kombes Pol Rio Santoso"
    assert _said(text, found) == NTB[3]


def test_a_speaker_called_by_a_post_is_written_as_the_article_introduces_them() -> None:
    paragraphs = [
        "Kapolresta Bengkulu Kombes Pol Ary Baroto memimpin apel di Mapolresta, Senin.",
        "Menurut Kapolresta Bengkulu, seluruh 400 TPS di kota itu dijaga dua personel.",
    ]
    text, found = _attributed(paragraphs, 1, "400 TPS")
    assert found.speaker == "Kapolresta Bengkulu Kombes Pol Ary Baroto"
    assert found.introduced_at == _span(text, paragraphs[0])


def test_the_subject_of_a_saying_verb_skips_the_place_and_day_between() -> None:
    sentence = "Kapolda Bali Irjen Pol. Daniel Adityajaya di Denpasar, Senin, menjelaskan kekuatan itu 1.162 personel."
    found = attribute(sentence, (0, len(sentence)), "1.162 personel")
    assert found.speaker == "Kapolda Bali Irjen Pol. Daniel Adityajaya"


def test_a_sentence_pointing_back_at_the_lead_names_its_speaker() -> None:
    paragraphs = [
        "CILEGON – Polres Cilegon menyiagakan 490 personel untuk mengamankan TPS, Senin (12/2/2024).",
        "Kapolres Cilegon AKBP Eko Tjahyo Untoro merinci, kekuatan itu terdiri dari 452 personel dan 38 perwira.",
    ]
    text, found = _attributed(paragraphs, 0, "490 personel")
    assert found.speaker == "Kapolres Cilegon AKBP Eko Tjahyo Untoro"
    assert _said(text, found) == text  # the lead and the sentence that attributes it


def test_a_record_is_a_source_and_keeps_its_noun() -> None:
    sentence = "Berdasarkan data Polda Bengkulu, terdapat 61 TPS kategori sangat rawan."
    assert attribute(sentence, (0, len(sentence)), "61 TPS").speaker == "data Polda Bengkulu"


def test_a_statement_nobody_is_quoted_for_is_the_outlets_own() -> None:
    paragraphs = ["Wilayah hukum Polresta Denpasar pada Pilkada 2024 mencakup 1.241 TPS.",
                  "Polda Bali juga menyiapkan kapal untuk TPS di pulau kecil."]
    text, found = _attributed(paragraphs, 0, "1.241 TPS")
    assert found.speaker is None and _said(text, found) == paragraphs[0]


def test_name_runs_keep_a_bracketed_post_and_a_ranks_dot_but_stop_at_a_sentences_end() -> None:
    text = "Kepala Biro Operasi (Karo Ops) Polda Banten Kombes Pol. Dedy Suhartono hadir. Dia datang."
    runs = [text[a:b] for a, b in name_runs(text)]
    assert runs == ["Kepala Biro Operasi (Karo Ops) Polda Banten Kombes Pol. Dedy Suhartono"]  # "Dia": no name


@pytest.mark.parametrize("question", ["Who said so?", "who said that", "And who said it?", "Says who?",
                                      "According to whom?", "What is the source?", "Menurut siapa?", "Kata siapa?",
                                      "Siapa yang mengatakannya?", "Lalu siapa sumbernya?", "Sumbernya siapa?",
                                      "Source?", "Sources?", "Sumbernya?"])
def test_follow_ups_asking_for_the_source(question: str) -> None:
    assert asks_who_said(question)


@pytest.mark.parametrize("question", ["Who said the election was safe?", "Siapa yang mengatakan TPS aman?",
                                      "Siapa Kapolda Banten?", "Who led the parade?", "Berapa personel?",
                                      "Source of the data?"])
def test_questions_of_their_own_are_not_source_follow_ups(question: str) -> None:
    assert not asks_who_said(question)


def test_each_citation_backs_the_value_written_before_it() -> None:
    assert answered_values("1.646 personel [1].") == {1: "1.646 personel"}
    assert answered_values("The articles give different figures: 1,882 personnel [1] (17 February 2024); "
                           "5,986 personnel [2] (Lensa, 12 February 2024).") == {1: "1,882 personnel",
                                                                                 2: "5,986 personnel"}
    assert answered_values("Kombes Pol Adhe Hariadi [1][2].") == {1: "Kombes Pol Adhe Hariadi"}
    assert answered_values("Artikel yang tersedia tidak menyebutkannya.") == {}
    assert answered_values("Irjen Pol (Winarto) [1].") == {1: "Irjen Pol Winarto"}  # a rank answer's holder


def _previous(article, sentence: str, text: str) -> Answer:  # noqa: ANN001
    start, end = _span(article.text, sentence)
    chunk = next(c for c in make_chunks(article) if c.start <= start and end <= c.end)
    return Answer(question="Berapa personel?", text=text,
                  citations=[Citation.of(1, article, chunk.id, start, end, sentence)])


def test_the_source_answer_cites_the_quote_and_the_introduction_and_verifies() -> None:
    article = make_article("ntb", "Polda NTB siagakan 2.150 personel", NTB, outlet="Lombok Pos")
    chunks = make_chunks(article)
    answer = source_answer("Menurut siapa?", "id", _previous(article, NTB[0], "2.150 personel [1]."),
                           {article.id: article}, {article.id: chunks})
    assert answer.text == "Menurut Kepala Bidang Humas Polda NTB Kombes Pol Rio Santoso [1][2]."
    assert [c.quote for c in answer.citations] == [NTB[2], NTB[1]]
    checked = apply_verification(answer, {c.id: c for c in chunks})
    assert checked.verified, checked.verification_errors
    assert answer.standalone_question == "Siapa yang menyatakan: 2.150 personel?"


def test_an_unquoted_statement_is_said_to_be_the_outlets_own_reporting() -> None:
    paragraphs = ["Wilayah hukum Polresta Denpasar pada Pilkada 2024 mencakup 1.241 TPS."]
    article = make_article("dps", "TPS Denpasar", paragraphs, outlet="Bali Kini")
    answer = source_answer("Who said so?", "en", _previous(article, paragraphs[0], "1,241 polling stations [1]."),
                           {article.id: article}, {article.id: make_chunks(article)})
    assert answer.text == "No one is quoted, it is Bali Kini's own reporting [1]."
    assert not answer.refused and answer.citations[0].quote == paragraphs[0]


def test_after_a_refusal_there_is_no_source_to_name() -> None:
    refused = Answer(question="Berapa TPS rawan di Jawa Barat?", text="Artikel yang tersedia tidak menyebutkannya.",
                     refused=True)
    answer = source_answer("Kata siapa?", "id", refused, {}, {})
    assert answer.refused and answer.text == wording.no_source_to_name("id")


def test_several_sources_are_named_value_by_value() -> None:
    text = wording.sources([("1,882 personnel", None, None, [1]),
                            ("5,986 personnel", "Kapolda Lampung Irjen Pol Helmy Santika", "Lensa", [2])], "en")
    assert text == ("1,882 personnel: no one is quoted, it is the outlet's own reporting [1]; "
                    "5,986 personnel: according to Kapolda Lampung Irjen Pol Helmy Santika [2].")
