"""Answer sentences: the value as the article writes it, with one full stop after its citation."""

from __future__ import annotations

import pytest

from rag import wording
from rag.answerer import ReaderAnswerer
from rag.compose import Calibration
from rag.question import analyze_question
from siaga.types import AnswerType
from tests.rag_fixtures import FakeReader, make_article, retrieved


def first_line(reader: FakeReader, question: str, article) -> str:  # noqa: ANN001
    info = analyze_question(question)
    return ReaderAnswerer(reader, Calibration()).answer(question, info, retrieved(article)).text.splitlines()[0]


OPERATION = make_article("op", "Operasi Mantap Brata", [
    "Operasi Mantap Brata digelar untuk mengawal seluruh tahapan Pemilu 2024.",
], published="2024-02-10")


def test_a_span_that_ends_its_sentence_loses_the_sentence_full_stop() -> None:
    reader = FakeReader([("operasi", "mengawal seluruh tahapan Pemilu 2024.", 6.0)])
    line = first_line(reader, "Apa tujuan Operasi Mantap Brata?", OPERATION)
    assert line == "mengawal seluruh tahapan Pemilu 2024 [1]."


def test_an_abbreviation_point_inside_the_sentence_stays() -> None:
    article = make_article("apel", "Apel", ["Apel diikuti TNI, Polri, Linmas, dll. di Lapangan Serang."],
                           published="2024-02-10")
    reader = FakeReader([("apel", "TNI, Polri, Linmas, dll.", 6.0)])
    line = first_line(reader, "Apa saja unsur yang mengikuti apel?", article)
    assert line == "TNI, Polri, Linmas, dll. [1]."


KALTARA = make_article("kaltara", "Polda Kaltara Siapkan Personel", [
    "Kekuatan yang diturunkan mencapai 3.863 personel gabungan Polda, polres, dan polresta.",
    "Sebanyak 1,4 juta personel gabungan disiagakan di seluruh Indonesia.",
], published="2024-01-22")


def test_a_count_is_its_figure_and_noun_not_the_rest_of_the_sentence() -> None:
    reader = FakeReader([("Kaltara", "3.863 personel gabungan Polda, polres, dan polresta", 6.0),
                         ("Indonesia", "1,4 juta personel gabungan", 6.0)])
    assert first_line(reader, "Berapa personel Polda Kaltara?", KALTARA) == "3.863 personel [1]."
    assert first_line(reader, "How many personnel did Polda Kaltara deploy?", KALTARA) == "3,863 personnel [1]."
    assert first_line(reader, "Berapa personel disiagakan di seluruh Indonesia?", KALTARA) == "1,4 juta personel [1]."


def test_a_count_is_said_from_its_figure_or_the_word_hedging_it() -> None:
    article = make_article("denpasar", "Polresta Denpasar", [
        "Wakapolresta menyebut pihaknya menurunkan 900 personel untuk Pilkada.",
        "Polda Bali menyiagakan sekitar 2.300 personel di seluruh Bali."], published="2024-11-25")
    reader = FakeReader([("Denpasar", "pihaknya menurunkan 900 personel", 6.0),
                         ("Bali", "menyiagakan sekitar 2.300 personel", 6.0)])
    assert first_line(reader, "Berapa personel yang diterjunkan Polresta Denpasar?", article) == "900 personel [1]."
    assert first_line(reader, "How many personnel did Polresta Denpasar deploy?", article) == "900 personnel [1]."
    assert first_line(reader, "Berapa personel disiagakan di seluruh Bali?", article) == "sekitar 2.300 personel [1]."


def test_a_count_written_in_words_is_its_word_and_noun() -> None:
    article = make_article("poso", "TPS sangat rawan di Poso", [
        "Kelimanya meliputi satu TPS khusus di Lembaga Pemasyarakatan (Lapas) Poso."], published="2024-02-10")
    reader = FakeReader([("TPS", "satu TPS khusus di Lembaga Pemasyarakatan (Lapas) Poso", 6.0)])
    assert first_line(reader, "Berapa TPS khusus di Poso?", article) == "satu TPS [1]."
    assert first_line(reader, "How many special polling stations are in Poso?", article) == "1 polling station [1]."
    donation = make_article("donasi", "Donasi", ["Ia menyumbang satu juta dollar AS untuk korban."])
    reader = FakeReader([(".", "satu juta dollar AS", 6.0)])  # a multiplier is no count noun: said whole
    assert first_line(reader, "Berapa sumbangannya?", donation) == "satu juta dollar AS [1]."


def test_a_question_asking_the_day_is_answered_with_the_weekday() -> None:
    article = make_article("banten", "Apel Polda Banten", ["Apel digelar di Mapolda Banten (10/2/2024)."],
                           published="2024-02-10")
    reader = FakeReader([("apel", "(10/2/2024)", 6.0)])
    assert first_line(reader, "Hari apa apel Polda Banten digelar?", article) == "Sabtu, 10 Februari 2024 [1]."
    assert first_line(reader, "Kapan apel Polda Banten digelar?", article) == "10 Februari 2024 [1]."


def test_a_weekday_alone_is_said_as_the_date_its_article_gives_it() -> None:
    article = make_article("malut", "Polda Malut gelar apel", [
        "Wakapolda memimpin apel gelar pasukan di lapangan Mapolda Malut, Selasa."], published="2024-02-13")
    reader = FakeReader([("apel|parade", "Selasa", 6.0)])
    assert first_line(reader, "Kapan apel gelar pasukan Polda Malut?", article) == "Selasa, 13 Februari 2024 [1]."
    assert first_line(reader, "When was the Polda Malut parade?", article) == "Tuesday, 13 February 2024 [1]."


def test_a_day_named_by_its_distance_from_the_article_is_said_as_its_date() -> None:
    article = make_article("jambi", "Polda Jambi berangkatkan personel", [
        "Apel gelar pasukan digelar di Mapolda Jambi, kemarin.",
        "Personel sudah menerima pembekalan pada Kamis kemarin."], published="2024-11-26")  # a Tuesday
    reader = FakeReader([("apel|parade", "kemarin", 6.0), ("pembekalan|briefing", "Kamis kemarin", 6.0)])
    assert first_line(reader, "Kapan apel gelar pasukan Polda Jambi?", article) == "Senin, 25 November 2024 [1]."
    assert first_line(reader, "When was the Polda Jambi parade?", article) == "Monday, 25 November 2024 [1]."
    assert first_line(reader, "Kapan personel menerima pembekalan?", article) == "Kamis, 21 November 2024 [1]."
    undated = make_article("jambi2", "Polda Jambi berangkatkan personel", [
        "Apel gelar pasukan digelar di Mapolda Jambi, kemarin."], published=None)
    assert first_line(reader, "Kapan apel gelar pasukan Polda Jambi?", undated) == "kemarin [1]."


def test_an_english_answer_quoting_indonesian_prose_says_so() -> None:
    article = make_article("serang", "TPS rawan di Pulau Tunda", [
        "Empat TPS di Pulau Tunda masuk kategori rawan karena letaknya yang terpencil.",
        "Pengamanan dibantu Kapal Polairud Polda Banten."], published="2024-02-11")
    reader = FakeReader([("why|mengapa", "karena letaknya yang terpencil", 6.0), ("ship|kapal", "Kapal Polairud", 6.0)])
    assert first_line(reader, "Why were the Pulau Tunda polling stations vulnerable?", article) == \
        "“karena letaknya yang terpencil” (the article's words, in Indonesian) [1]."
    assert first_line(reader, "Mengapa TPS di Pulau Tunda rawan?", article) == "karena letaknya yang terpencil [1]."
    assert first_line(reader, "Which ship helped secure the island?", article) == "Kapal Polairud [1]."


def test_a_time_is_written_in_the_askers_language() -> None:
    article = make_article("kalsel", "Polda Kalsel lepas personel", [
        "Pelepasan dilakukan di Lapangan Mapolda Kalsel, Senin (25/11/2024) pukul 08.00 Wita."])
    reader = FakeReader([("time|kapan|pukul", "(25/11/2024) pukul 08.00 Wita", 6.0)])
    assert first_line(reader, "What time did the Polda Kalsel ceremony start?", article) == \
        "25 November 2024, 08:00 WITA [1]."
    assert first_line(reader, "Pukul berapa pelepasan personel Polda Kalsel?", article) == \
        "25 November 2024, pukul 08.00 WITA [1]."


def test_a_verb_after_a_figure_is_not_its_noun() -> None:
    article = make_article("kalteng", "Polda Kalteng lepas personel", [
        "Dari 7.200 personel itu, 5.200 berasal dari Polda dan polres jajaran."])
    reader = FakeReader([(".", "5.200", 6.0)])
    assert first_line(reader, "Dari 7.200 personel itu, berapa yang berasal dari Polda?", article) == "5.200 [1]."


def test_a_figure_takes_the_asked_noun_its_clause_writes_before_it() -> None:
    """"Jumlah TPS di Kabupaten Konawe sebenarnya 466, tetapi ...": 466 counts TPS, said before it."""
    article = make_article("sultra", "Polda Sultra amankan TPS Pilkada", [
        "Jumlah TPS di Kabupaten Konawe sebenarnya 466, tetapi 26 TPS di Kecamatan Soropia masuk wilayah "
        "hukum Polresta Kendari."])
    reader = FakeReader([("TPS", "466", 6.0), ("TPS", "26", 5.0)])
    assert first_line(reader, "Berapa jumlah TPS di Kabupaten Konawe?", article) == "466 TPS [1]."
    assert first_line(reader, "How many polling stations are in Konawe Regency?", article) == \
        "466 polling stations [1]."


@pytest.mark.parametrize(("phrases", "lang", "noun"), [
    (["4.192 TPS", "2.511 TPS"], "id", "TPS"),
    # one kind of count worded two ways: the kind's own name
    (["1.178 orang", "7.200 personel"], "id", "personel"),
    (["1,178 people", "7,200 personnel"], "en", "personnel"),
    # different kinds: no noun for the combined figure
    (["30 personel", "12 TPS"], "id", ""),
])
def test_the_noun_of_a_combined_figure(phrases: list[str], lang: str, noun: str) -> None:
    assert wording.shared_noun(phrases, lang) == noun


def test_two_amounts_combine_into_an_amount() -> None:
    kpu, bawaslu = ("Rp28,76 triliun", 28.76e12, 1, "KPU"), ("Rp8,63 triliun", 8.63e12, 2, "Bawaslu")
    unit = wording.shared_noun([kpu[0], bawaslu[0]], "id")
    assert wording.difference(kpu, bawaslu, unit, "id") == (
        "Selisihnya Rp20,13 triliun: Rp28,76 triliun [1] (KPU) dan Rp8,63 triliun [2] (Bawaslu); "
        "Rp28,76 triliun − Rp8,63 triliun = Rp20,13 triliun.")
    kpu_en, bawaslu_en = ("Rp28.76 trillion", 28.76e12, 1, "KPU"), ("Rp8.63 trillion", 8.63e12, 2, "Bawaslu")
    unit = wording.shared_noun([kpu_en[0], bawaslu_en[0]], "en")
    assert wording.total(kpu_en, bawaslu_en, unit, "en").startswith("In total Rp37.39 trillion: ")
    pay = ("Rp4.814.000", 4814000.0, 1, "kotor"), ("Rp4.777.000", 4777000.0, 2, "bersih")
    assert wording.difference(*pay, wording.shared_noun([p[0] for p in pay], "id"), "id").startswith(
        "Selisihnya Rp37.000: ")
    assert wording.money_figure(20.125e12, "id") == "Rp20.125 miliar"  # said exactly, never rounded


def test_a_refusal_quotes_the_question_as_typed_with_its_spacing_tidied() -> None:
    assert wording.not_found("Kapan Permaisuri  Ana lahir ?\n", "id").endswith("“Kapan Permaisuri Ana lahir ?”.")
    assert wording.not_found("how many tps in bali?", "en").endswith("“how many tps in bali?”.")


@pytest.mark.parametrize(("sentence", "question", "line"), [
    ("Operasi itu berlangsung selama 3 bulan menjelang pemungutan suara.", "How long did the operation last?",
     "3 months [1]."),
    ("Bawaslu mencatat 12 temuan dugaan pelanggaran selama masa tenang.", "How many findings did Bawaslu record?",
     "12 findings [1]."),
    ("Bawaslu mencatat 12 temuan dugaan pelanggaran selama masa tenang.", "Berapa temuan yang dicatat Bawaslu?",
     "12 temuan [1]."),  # the Indonesian answer keeps the article's word
    ("Polda memetakan 11.932 lokasi rawan di seluruh provinsi.", "How many vulnerable locations were mapped?",
     "11,932 locations [1]."),
    ("Sebanyak 23 pemda belum menandatangani NPHD.", "How many local governments had not signed the NPHD?",
     "23 local governments [1]."),
])
def test_an_english_answer_words_the_count_noun_in_english(sentence: str, question: str, line: str) -> None:
    article = make_article("noun", "Pengamanan Pilkada 2024", [sentence])
    figure = line.split()[0].replace(",", ".")  # the article writes 11.932
    assert first_line(FakeReader([(".", figure, 6.0)]), question, article) == line


def test_an_english_answer_words_the_hedge_on_a_figure_in_english() -> None:
    article = make_article("bengkulu", "Polda Bengkulu Siagakan Personel", [
        '"Kami siagakan sekitar 6.200 anggota, gabungan dari Polda sampai polsek," kata Kapolda.',
        "Kominfo menemukan lebih dari 90 isu hoaks pemilu."], published="2023-05-10")
    reader = FakeReader([("siagakan", "sekitar 6.200 anggota", 6.0), ("Kominfo", "lebih dari 90 isu", 6.0)])
    assert first_line(reader, "How many personnel did Polda Bengkulu put on standby?", article) == \
        "about 6,200 members [1]."
    assert first_line(reader, "How many hoax issues did Kominfo find?", article) == "more than 90 issues [1]."
    assert first_line(reader, "Berapa personel yang disiagakan Polda Bengkulu?", article) == \
        "sekitar 6.200 anggota [1]."  # the Indonesian answer keeps the article's words


def test_a_count_of_elections_is_no_count_of_voters_and_says_which_elections() -> None:
    article = make_article("bengkulu", "Pilkada di Kota Bengkulu", [
        "Pilkada digelar serentak, meliputi 37 pemilihan gubernur dan 415 pemilihan bupati.",
        "DPT Kota Bengkulu pada Pilkada 2024 mencapai 275.513 orang."], published="2024-11-21")
    reader = FakeReader([("voters|pemilih\\b", "37", 8.0), ("voters|pemilih\\b", "275.513", 6.0),
                         ("gubernur|gubernatorial", "37", 6.0)])  # the reader prefers the elections' 37
    assert first_line(reader, "Berapa pemilih di Kota Bengkulu?", article) == "275.513 orang [1]."
    assert first_line(reader, "How many voters were there in Bengkulu City?", article) == "275,513 people [1]."
    assert first_line(reader, "Berapa pemilihan gubernur digelar serentak?", article) == "37 pemilihan gubernur [1]."
    assert first_line(reader, "How many gubernatorial elections were held?", article) == \
        "37 gubernatorial elections [1]."


def test_a_hedge_written_before_the_readers_figure_is_said_with_it() -> None:
    article = make_article("maluku", "Maluku provinsi kepulauan", [
        "Menurut Latif, Maluku memiliki lebih dari 1.300 pulau.",
        "Sekitar 7.000 personel akan dikerahkan, dan 1.048 personel lain disiagakan."], published="2024-02-10")
    reader = FakeReader([("pulau|islands", "1.300 pulau", 6.0), ("dikerahkan|deployed", "7.000 personel", 6.0),
                         ("disiagakan|standby", "1.048 personel", 6.0)])  # the reader's spans start at the figure
    assert first_line(reader, "Berapa pulau yang dimiliki Maluku?", article) == "lebih dari 1.300 pulau [1]."
    assert first_line(reader, "How many islands does Maluku have?", article) == "more than 1,300 islands [1]."
    assert first_line(reader, "Berapa personel yang dikerahkan?", article) == "sekitar 7.000 personel [1]."
    assert first_line(reader, "How many personnel were deployed?", article) == "about 7,000 personnel [1]."
    assert first_line(reader, "Berapa personel yang disiagakan?", article) == "1.048 personel [1]."  # no hedge


@pytest.mark.parametrize(("sentence", "figure", "question", "line"), [
    ("Tercatat 1.559.727 warga Kepri masuk daftar pemilih tetap.", "1.559.727", "How many residents are on the list?",
     "1,559,727 residents [1]."),
    ("Polda Maluku menerima 500 jaket pelampung dari Basarnas.", "500", "How many life jackets did Polda Maluku get?",
     "500 life jackets [1]."),  # a two-word noun the glossary words in English is taken whole
    ("Logistik dikirim dalam 148 koli.", "148", "How many parcels were sent?", "148 parcels [1]."),
    ("Sekitar 5.000 sampai 6.000 anggota diturunkan.", "5.000 sampai 6.000 anggota", "How many members were sent?",
     "about 5,000 to 6,000 members [1]."),
])
def test_an_english_answer_says_the_articles_noun_and_range_in_english(sentence: str, figure: str, question: str,
                                                                       line: str) -> None:
    article = make_article("nouns", "Pengamanan Pilkada 2024", [sentence])
    assert first_line(FakeReader([(".", figure, 6.0)]), question, article) == line


def test_an_english_list_of_figures_says_and_between_them_and_a_list_of_names_is_quoted() -> None:
    article = make_article("kalsel", "1.000 personel Polda Kalsel", [
        "Sebanyak 1.000 personel, terdiri dari 935 anggota dan 65 perwira, diberangkatkan.",
        "Personel BKO dikirim ke Banjarmasin dan Banjarbaru."], published="2024-11-25")
    reader = FakeReader([("consist|terdiri", "935 anggota dan 65 perwira", 6.0),
                         ("where|mana", "Banjarmasin dan Banjarbaru", 6.0)])
    assert first_line(reader, "What did the 1,000 personnel consist of?", article) == \
        "935 members and 65 officers [1]."
    assert first_line(reader, "Terdiri dari apa 1.000 personel itu?", article) == "935 anggota dan 65 perwira [1]."
    assert first_line(reader, "Where were the BKO personnel sent?", article) == "Banjarmasin dan Banjarbaru [1]."


def test_a_figure_answering_a_what_question_is_written_the_english_way() -> None:
    article = make_article("bps", "Inflasi November 2024",
                           ["Emas perhiasan mengalami inflasi 2,87 persen pada November."])
    reader = FakeReader([(".", "2,87 persen", 6.0)])
    assert first_line(reader, "What was the inflation of gold jewellery in November?", article) == "2.87 percent [1]."
    assert first_line(reader, "Apa inflasi emas perhiasan pada November?", article) == "2,87 persen [1]."


def test_a_refusal_to_a_question_for_the_hour_says_the_hour() -> None:
    assert wording.wrong_type("Pukul berapa apel dimulai?", AnswerType.DATE, "25 November 2024", 1, "id") == (
        "Artikel yang tersedia tidak menyebutkan jamnya. Yang paling dekat: 25 November 2024 [1].")
    assert wording.wrong_type("What time did the parade start?", AnswerType.DATE, "25 November 2024", 1, "en") \
        .startswith("The articles don't say what time.")
    assert wording.wrong_type("Kapan apel dimulai?", AnswerType.DATE, "25 November 2024", 1, "id").startswith(
        "Artikel yang tersedia tidak menyebutkan tanggalnya.")

