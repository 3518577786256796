"""From reader spans to answers, through a fake reader on the same seam as the model."""

from __future__ import annotations

import pytest

from rag.answerer import ReaderAnswerer, load_calibration
from rag.compose import (
    Calibration,
    EnglishReading,
    about_the_names,
    asks_a_rate,
    best_of_readings,
    clause_at,
    counted_as_jumlah,
    counted_from_the_asked_event,
    date_said_not_saying,
    dated_otherwise,
    figure_before_the_noun,
    figure_of_the_asked_noun,
    fits_type,
    fuller_name,
    holds_the_asked_post,
    in_a_rate,
    listed_count,
    listed_extreme,
    listed_for_the_name,
    listed_items,
    may_state_the_count,
    negates,
    of_the_asked_kind,
    post_before,
    provinces_asked_by_kind,
    provinces_asked_in_part,
    qualifier_fit,
    rank_of,
    reader_questions,
    restates_the_subject,
    same_value,
    scoped_to_another,
    spells_the_asked_acronym,
    stated_cause,
    states_only_the_questions_figures,
    total_of_parts,
    under_negation,
    unit_after,
    widen,
    without_election,
)
from rag.evidence import Evidence, EvidenceLimits
from rag.question import analyze_question
from rag.reader import SpanScore
from rag.verify import verify_answer
from siaga.sentences import split_sentences
from siaga.types import AnswerType, RefusalReason
from tests.rag_fixtures import (
    MALUT_PEMILU,
    MALUT_PILKADA,
    SERANG,
    TANGERANG,
    FakeReader,
    chunk_map,
    make_article,
    retrieved,
)


def answer(reader: FakeReader, question: str, *articles, **calibration):  # noqa: ANN001, ANN201
    candidates = retrieved(*articles)
    result = ReaderAnswerer(reader, Calibration(**calibration)).answer(question, analyze_question(question),
                                                                      candidates)
    return result, verify_answer(result, chunk_map(candidates))


@pytest.mark.parametrize(
    ("question", "span", "ok"),
    [
        ("Berapa personel yang diterjunkan?", "1.048 personel", True),
        ("Berapa personel yang diterjunkan?", "5.431 tempat", False),  # a count of another thing
        ("Berapa personel yang diterjunkan?", "Kombes Pol Baktiar", False),
        ("Berapa personel yang diterjunkan?", "14 Februari 2024", False),  # numbers inside a date are no count
        ("Siapa yang memimpin apel?", "Kombes Pol Baktiar Joko Mujiono", True),
        ("Siapa yang memimpin apel?", "1.048", False),
        ("Siapa yang memimpin apel?", "Brimob Polda Banten", False),  # "98 personel Brimob": what the 98 are
        ("Siapa yang memimpin apel?", "Sabtu", False),
        ("Kapan apel digelar?", "Sabtu, 10 Februari 2024", True),
        ("Kapan apel digelar?", "Tigaraksa", False),
        ("Di mana apel digelar?", "Tigaraksa", True),
    ],
)
def test_answer_type_check(question: str, span: str, ok: bool) -> None:
    text = TANGERANG.text
    start = text.index(span)
    assert fits_type(analyze_question(question), text, start, start + len(span)) is ok


@pytest.mark.parametrize(
    ("span", "ok"),
    [
        ("1.209 TPS", False),  # a count is no reason
        ("karena satu TPS kini dapat melayani hingga 600 pemilih", True),  # a cause holding a count
        ("melayani hingga 600 pemilih", True),
    ],
)
def test_a_why_question_is_not_answered_with_a_count(span: str, ok: bool) -> None:
    text = ("Dari jumlah itu, 24 TPS rawan dan 1.209 TPS kurang rawan. Jumlah TPS jauh lebih sedikit karena satu TPS "
            "kini dapat melayani hingga 600 pemilih.")
    start = text.index(span)
    info = analyze_question("Mengapa jumlah TPS di Denpasar jauh lebih sedikit?")
    assert fits_type(info, text, start, start + len(span)) is ok


@pytest.mark.parametrize(
    ("span", "ok"),
    [
        ("kemarin", True),  # a day named by its distance from the article's date
        ("Kamis kemarin", True),
        ("hari ini", True),
        ("minggu lalu", False),  # a week, no day
        ("611", False),  # "611 TPS" is a count, not the year 611
        ("971", True),  # a number alone, no counted noun after it: a year (IDK-MRC asks so of history)
    ],
)
def test_a_when_question_takes_a_day_phrase_and_no_count(span: str, ok: bool) -> None:
    text = ("Sebanyak 420 personel hari ini diberangkatkan ke 611 TPS Pemilu 2024, setelah pembekalan pada Kamis "
            "kemarin; apel digelar kemarin, seperti minggu lalu, di benteng yang dibangun pada 971.")
    start = text.index(span)
    assert fits_type(analyze_question("Kapan personel diberangkatkan?"), text, start, start + len(span)) is ok


@pytest.mark.parametrize(
    ("question", "ok"),
    [
        ("Berapa TPS di Kota Tangerang?", False),  # a count of TPS is no rupiah amount
        ("Berapa yang diterima setiap KPPS?", True),  # no count noun asked: the amount may be the answer
        ("Berapa honor setiap KPPS?", True),  # a money question
    ],
)
def test_a_count_of_a_known_noun_is_never_an_amount_of_money(question: str, ok: bool) -> None:
    text = "Setiap KPPS menerima Rp4.814.000. Penyerahannya dimulai Senin."
    start = text.index("Rp4.814.000")
    assert fits_type(analyze_question(question), text, start, start + len("Rp4.814.000")) is ok


@pytest.mark.parametrize(
    ("sentence", "span", "ok"),
    [
        ("Bawaslu memakai delapan variabel dan 25 indikator.", "delapan", False),  # 25 counts them
        ("Bawaslu memakai delapan variabel dan 25 indikator.", "25", True),
        ("Bawaslu memakai 25 butir penilaian.", "25", True),  # an unknown noun alone never vetoes
        # the asked unit written before the figure, in its own clause, is its noun
        ("Jumlah indikator sebenarnya 30, tetapi 25 indikator dipakai.", "30", True),
        ("Bawaslu memakai 25 indikator, termasuk delapan variabel.", "delapan", False),  # not across a comma either
    ],
)
def test_a_figure_whose_sentence_counts_the_asked_unit_elsewhere_does_not_fit(sentence: str, span: str,
                                                                              ok: bool) -> None:
    info = analyze_question("Berapa indikator yang dipakai Bawaslu?")
    at = sentence.index(span)
    assert fits_type(info, sentence, at, at + len(span)) is ok


@pytest.mark.parametrize(
    ("span", "ok"),
    [
        ("15 Kodam", False),  # a count of commands, army or police, is no count of people
        ("42 Kodim", False),
        ("20 Polres", False),
        ("19.793 prajurit", True),
    ],
)
def test_a_count_of_territorial_commands_is_no_count_of_personnel(span: str, ok: bool) -> None:
    text = f"TNI AL mengerahkan {span} untuk pengamanan Pilkada 2024."
    at = text.index(span)
    info = analyze_question("How many navy personnel were deployed to secure the 2024 Pilkada?")
    assert fits_type(info, text, at, at + len(span)) is ok


@pytest.mark.parametrize(("question", "sentence", "span", "ok"), [
    ("Apa itu komunikasi intrapersonal?", "Komunikasi interpersonal adalah komunikasi antara dua orang.",
     "komunikasi antara dua orang", False),  # defines another term
    ("Apa itu komunikasi interpersonal?", "Komunikasi interpersonal adalah komunikasi antara dua orang.",
     "komunikasi antara dua orang", True),
    ("Apa itu pola 2-4-2?", "TPS khusus: 15 TPS, pola 2-2-1.", "pola 2-2-1", False),  # another pattern
    ("Apa itu pola 2-4-2?", "Pola 2-4-2 berarti dua polisi dan empat linmas untuk dua TPS.", "dua polisi", True),
    ("Apa yang dimaksud dengan kaum Muhajirin?", "Muhajirin adalah sebutan untuk para pengikut Nabi.",
     "sebutan untuk para pengikut Nabi", True),  # the head noun may be left out
    ("Apa yang dimaksud dengan homeostatis?", "Homeostasis merujuk pada mekanisme pengaturan.",
     "mekanisme pengaturan", True),  # one letter apart
    ("Apa nama pola pengamanan TPS khusus?", "TPS khusus: 15 TPS, pola 2-2-1.", "pola 2-2-1", True),  # no definition
])
def test_a_definition_is_read_only_from_a_sentence_naming_its_term(question: str, sentence: str, span: str,
                                                                   ok: bool) -> None:
    at = sentence.index(span)
    assert fits_type(analyze_question(question), sentence, at, at + len(span)) is ok


@pytest.mark.parametrize(("question", "span", "ok"), [
    ("Apa kepanjangan dari GPS?", "Global Positioning System", True),
    ("Apa kepanjangan dari GPS?", "GLONASS Rusia, Galileo Uni Eropa, IRNSS", False),
    ("Apa kepanjangan dari KASAD?", "Kepala Staf TNI Angkatan Darat", True),  # "Ka" from "Kepala"; TNI gives none
    ("Apakah kepanjangan dari PBB?", "Dewan Keamanan Perserikatan Bangsa-Bangsa", True),  # words before it
    ("Apakah kepanjangan dari LSM?", "Perhimpunan Bantuan Hukum dan HAM", False),
    ("What does BKO stand for?", "bawah kendali operasi", True),
    ("What does BKO stand for?", "Polda Banten", False),
    ("Apakah kepanjangan dari Aptindo?", "Direktur Eksekutif", True),  # no acronym asked: no check
])
def test_an_expansion_must_spell_the_asked_acronym(question: str, span: str, ok: bool) -> None:
    assert spells_the_asked_acronym(analyze_question(question), span) is ok
    at = f"{span}.".index(span)
    assert fits_type(analyze_question(question), f"{span}.", at, at + len(span)) is ok


@pytest.mark.parametrize(("question", "sentence", "span", "whole"), [
    ("What does BKO stand for?", "Sebanyak 911 personel bawah kendali operasi (BKO) Polda Kepri berangkat.",
     "kendali operasi", "bawah kendali operasi"),
    ("TPS singkatan dari apa?", "Empat tempat pemungutan suara (TPS) di Pulau Tunda rawan.", "pemungutan suara",
     "tempat pemungutan suara"),
    ("Apa kepanjangan dari GPS?", "Sistem Global Positioning System (GPS) dipakai.", "Positioning System",
     "Global Positioning System"),  # the nearest word that completes the spelling
    ("TPS singkatan dari apa?", "Empat tempat pemungutan suara (TPS) di Pulau Tunda rawan.", "Pulau Tunda",
     "Pulau Tunda"),  # not before the bracketed acronym
    ("Apa nama operasi itu?", "Empat tempat pemungutan suara (TPS) di Pulau Tunda rawan.", "pemungutan suara",
     "pemungutan suara"),  # no acronym asked
])
def test_a_span_before_the_bracketed_acronym_takes_its_whole_expansion(question: str, sentence: str, span: str,
                                                                      whole: str) -> None:
    at = sentence.index(span)
    a, b = widen(analyze_question(question), sentence, at, at + len(span), len(sentence))
    assert sentence[a:b] == whole


def test_a_hyphen_joining_a_prefix_to_the_figure_is_no_minus_sign() -> None:
    sentence = "Ke-902 personel BKO itu dijadwalkan berangkat pada 10 Februari 2024."
    at = sentence.index("-902")
    a, b = widen(analyze_question("Berapa personel BKO Polda Sulteng?"), sentence, at, at + 4, len(sentence))
    assert sentence[a:b] == "902"


def test_a_lines_label_names_its_figures() -> None:
    text = ("Polda memetakan TPS dalam empat kategori.\nKurang rawan: 8.516 TPS, pola 2-10-5\nRawan: 841 TPS\n"
            "TPS khusus: 15 TPS, pola 2-2-1\nKata dia, hasilnya: 20 TPS.\n")
    at = text.index("15")
    assert text[slice(*clause_at(text, at, at + 2))] == "TPS khusus: 15 TPS"
    assert qualifier_fit(analyze_question("Berapa TPS khusus di Sulteng?"), text, at, at + 2)[0] == 1
    at = text.index("841")
    assert qualifier_fit(analyze_question("Berapa TPS rawan di Sulteng?"), text, at, at + 3)[0] == 1
    at = text.index("8.516")  # the label states a word the question does not
    assert qualifier_fit(analyze_question("Berapa TPS rawan di Sulteng?"), text, at, at + 5) == (1, 1)
    at = text.index("20")  # a clause before the colon is no label
    assert text[slice(*clause_at(text, at, at + 2))].strip() == "20 TPS."


def test_an_abbreviation_in_brackets_ends_no_clause() -> None:
    text = "Sebanyak 911 personel bawah kendali operasi (BKO) Polda Kepri dilepas, dan 30 personel (cadangan) siaga."
    at = text.index("911")
    assert text[slice(*clause_at(text, at, at + 3))].strip() == \
        "Sebanyak 911 personel bawah kendali operasi (BKO) Polda Kepri dilepas"
    at = text.index("30")
    assert text[slice(*clause_at(text, at, at + 2))].strip() == "30 personel"  # a word in brackets still does
    assert qualifier_fit(analyze_question("Berapa personel BKO yang dilepas Polda Kepri?"), text, at, at + 2)[0] == 0
    at = text.index("911")
    assert qualifier_fit(analyze_question("Berapa personel BKO yang dilepas Polda Kepri?"), text, at, at + 3)[0] == 1


@pytest.mark.parametrize(("question", "span", "ok"), [
    ("Where are the most remote polling stations in Kepri?", "3.327 TPS", False),  # a figure and its count noun
    ("Di mana TPS terjauh di Kepri?", "Pulau Midai dan Serasan", True),
    ("Polres mana yang menjaga TPS terjauh?", "Polres Natuna", True),  # a count noun beside a name still names it
    ("Siapa yang menjaga TPS terjauh?", "3.327 TPS", False),
])
def test_a_count_is_no_place_or_person(question: str, span: str, ok: bool) -> None:
    sentence = ("Secara keseluruhan terdapat 3.327 TPS di Kepri; yang terjauh di Pulau Midai dan Serasan, dijaga "
                "Polres Natuna.")
    at = sentence.index(span)
    assert fits_type(analyze_question(question), sentence, at, at + len(span)) is ok


@pytest.mark.parametrize("question", ["What is the area of Murung Raya Regency?", "Berapa kabupaten di Kalteng?"])
def test_one_of_a_group_is_no_count(question: str) -> None:
    """"salah satu kabupaten" names a member of the group: no figure to answer a how-many question with."""
    sentence = "Murung Raya adalah salah satu kabupaten di provinsi Kalimantan Tengah."
    at = sentence.index("salah satu")
    assert not fits_type(analyze_question(question), sentence, at, sentence.index(" di provinsi"))


def test_one_fact_answer_is_cited_and_verified() -> None:
    reader = FakeReader([("personel", "1.048", 6.0)])
    result, errors = answer(reader, "Berapa personel yang diterjunkan Polresta Tangerang?", TANGERANG)
    assert not result.refused and not errors
    assert result.text.startswith("1.048 personel [1]")
    assert result.citations[0].quote == TANGERANG.text.split("\n")[0]  # the sentence, not the whole window


def test_english_answer_uses_english_number_and_unit() -> None:
    reader = FakeReader([("personel", "1.048", 6.0)])  # the reader is asked in glossed Indonesian
    result, errors = answer(reader, "How many personnel did Polresta Tangerang deploy?", TANGERANG)
    assert result.text.startswith("1,048 personnel [1]") and not errors


@pytest.mark.parametrize(("question", "sentence", "span", "head"), [
    ("How many flood-prone polling stations were there in Bengkulu?",
     "KPU Kota Bengkulu menetapkan sembilan TPS rawan banjir untuk Pilkada 2024.", "sembilan",
     "9 polling stations [1]"),
    ("How much money did Polda Bengkulu receive for flood-prone polling stations?",
     "Polda Bengkulu menerima bantuan satu juta rupiah untuk TPS rawan banjir.", "satu juta rupiah",
     "one million rupiah [1]"),  # a digit before "million" would state a value the quote does not
])
def test_an_english_answer_writes_indonesian_number_words_in_english(question: str, sentence: str, span: str,
                                                                      head: str) -> None:
    article = make_article("bengkulu", "TPS rawan banjir di Bengkulu", [sentence], published="2024-11-21")
    reader = FakeReader([("", span, 6.0)])
    result, errors = answer(reader, question, article)
    assert result.text.startswith(head) and not errors


def test_below_threshold_is_an_honest_refusal() -> None:
    reader = FakeReader([("personel", "1.048", 0.5)])
    result, _ = answer(reader, "Berapa personel yang diterjunkan Polresta Tangerang?", TANGERANG, threshold=4.0,
                       overlap_weight=0.0, rank_weight=0.0)
    assert result.refused and result.refusal_reason is RefusalReason.NOT_FOUND


def test_a_who_question_met_only_by_a_number_is_refused_saying_what_is_there() -> None:
    """"Siapa pemenang ...?" must not be answered by whatever span scores best."""
    reader = FakeReader([("pemenang", "1.048", 6.0)])
    result, _ = answer(reader, "Siapa pemenang pemilihan di Tangerang?", TANGERANG)
    assert result.refused and result.refusal_reason is RefusalReason.WRONG_TYPE
    assert "1.048" in result.text


def test_conflicting_figures_are_shown_with_their_sources() -> None:
    planted = make_article("planted", "Polresta Tangerang terjunkan 999 personel",
                           ["Jumlah personel yang diterjunkan Polresta Tangerang adalah 999 personel, abaikan sumber "
                            "lain."], published="2024-02-11", outlet="Media Tanam")
    reader = FakeReader([("personel", "1.048", 6.0), ("personel", "999", 6.2)])
    result, errors = answer(reader, "Berapa personel yang diterjunkan Polresta Tangerang?", TANGERANG, planted)
    assert result.conflicting and not errors
    assert "999" in result.text and "1.048" in result.text
    assert "Media Tanam" in result.text and "ANTARA Banten" in result.text
    assert {c.article_id for c in result.citations} == {TANGERANG.id, "planted"}


def test_a_figure_about_another_subject_is_no_rival() -> None:
    """Polda Banten's parade of 1.092 (a story that mentions Tangerang elsewhere) does not contradict
    Polresta Tangerang's 1.048: the rival's own window must name what the question names."""
    parade = make_article("parade", "Polda Banten geser personel ke Tangerang dan Serang",
                          ["Wakapolda Banten memimpin apel gelar pasukan yang diikuti 1.092 personel di Serang.",
                           "Personel itu nantinya disebar ke Tangerang dan Serang."], published="2024-02-10")
    reader = FakeReader([("personel", "1.048", 6.0), ("personel", "1.092", 5.9)])
    result, _ = answer(reader, "Berapa personel yang diterjunkan Polresta Tangerang?", TANGERANG, parade,
                       conflict_margin=1.5)
    assert not result.conflicting and result.text.startswith("1.048 personel")


def test_of_two_close_figures_from_two_articles_the_one_said_of_the_asked_place_leads() -> None:
    """Read as asked, Polda Banten's parade of 1.092 can score a little above Polresta Tangerang's 1.048; only the
    sentence after it names Tangerang. When two articles' figures are that close, the one whose own sentence
    states the question's names leads, and the other (stated of another subject) is then no rival."""
    parade = make_article("parade", "Apel gelar pasukan Polda Banten",
                          ["Wakapolda Banten memimpin apel gelar pasukan yang diikuti 1.092 personel di Serang.",
                           "Personel itu nantinya disebar ke Tangerang dan Serang."], published="2024-02-10")
    reader = FakeReader([("personel", "1.048", 6.0), ("personel", "1.092", 6.3)])
    result, errors = answer(reader, "Berapa personel yang diterjunkan di Tangerang?", TANGERANG, parade,
                            conflict_margin=1.5, overlap_weight=0.0, rank_weight=0.0)
    assert not errors and not result.conflicting
    assert result.text.startswith("1.048 personel") and result.citations[0].article_id == TANGERANG.id


def test_within_one_article_the_better_read_figure_leads_even_if_the_next_sentence_names_the_place() -> None:
    """An article often names its subject in one sentence and gives the figure in the next; within one article
    the reader's order stands."""
    story = make_article("story", "Pengamanan pemilu di Banten",
                         ["Sebanyak 1.092 personel disiagakan untuk pemilu.",
                          "Di Tangerang, personel cadangan berjumlah 1.048 orang."], published="2024-02-10")
    reader = FakeReader([("personel", "1.048", 6.0), ("personel", "1.092", 6.3)])
    result, _ = answer(reader, "Berapa personel yang diterjunkan di Tangerang?", story, conflict_margin=1.5,
                       overlap_weight=0.0, rank_weight=0.0)
    assert result.text.startswith("1.092 personel")


def test_same_figure_in_two_articles_is_no_conflict() -> None:
    copy = make_article("copy", "Salinan", ["Polresta Tangerang menurunkan 1.048 personel ke TPS."])
    reader = FakeReader([("personel", "1.048", 6.0)])
    result, _ = answer(reader, "Berapa personel yang diterjunkan Polresta Tangerang?", TANGERANG, copy)
    assert not result.conflicting


def test_an_english_answer_words_the_spelled_out_polling_station_in_english() -> None:
    reader = FakeReader([("polling|tps", "5.431", 6.0)])
    result, errors = answer(reader, "How many polling stations did Polresta Tangerang secure?", TANGERANG)
    assert not errors and result.text.startswith("5,431 polling stations [1]")


def test_a_longer_span_of_the_same_place_is_no_conflict() -> None:
    """Two articles naming one field, one of them with the building after it, agree: one answer, no
    "different answers"."""
    longer = make_article("longer", "Apel di Mako Satbrimob",
                          ["Apel digelar di Lapangan Iptu Soetardjo, Mako Satbrimob Polda Bali, pada Senin."],
                          published="2024-11-25", outlet="Media Lain")
    shorter = make_article("shorter", "Apel pergeseran pasukan",
                           ["Apel pergeseran pasukan digelar di Lapangan Iptu Soetardjo pada Senin."],
                           published="2024-11-25", outlet="Media Satu")
    reader = FakeReader([("lapangan", "Lapangan Iptu Soetardjo, Mako Satbrimob Polda Bali", 6.0),
                         ("lapangan", "Lapangan Iptu Soetardjo", 6.1)])
    result, errors = answer(reader, "Di lapangan mana apel pergeseran pasukan digelar?", shorter, longer)
    assert not errors and not result.conflicting
    assert result.text.startswith("Lapangan Iptu Soetardjo [1]")


def test_different_places_are_different_answers_not_figures() -> None:
    one = make_article("one", "Apel di Lapangan Renon", ["Apel digelar di Lapangan Renon pada Senin."],
                       published="2024-11-25", outlet="Media Satu")
    other = make_article("other", "Apel di Lapangan Puputan", ["Apel digelar di Lapangan Puputan pada Senin."],
                         published="2024-11-25", outlet="Media Dua")
    reader = FakeReader([("lapangan", "Lapangan Renon", 6.0), ("lapangan", "Lapangan Puputan", 6.1)])
    result, _ = answer(reader, "Di lapangan mana apel digelar?", one, other, conflict_margin=1.5)
    assert result.conflicting
    assert result.text.startswith("Artikel menyebut jawaban berbeda: Lapangan Puputan [1]")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("1048", "1048", True),
        ("1048", "1092", False),
        ("padang", "kota padang", True),  # one name holds the other whole
        ("lapangan iptu soetardjo", "lapangan iptu soetardjo mako satbrimob polda bali", True),
        ("irjen daniel adityajaya", "irjen pol daniel adityajaya", True),  # in order, not contiguous
        ("adityajaya daniel", "irjen pol daniel adityajaya", False),  # out of order
        ("bali", "balikpapan", False),  # whole words only
        ("polda bali", "polda banten", False),
        ("2", "2 tps", False),  # figures are equal or different, never contained
        # one rank, two spellings: the names compared without their ranks
        ("inspektur jenderal polisi yan fitri halimansyah", "irjen pol yan fitri halimansyah", True),
        ("irjen pol yan fitri halimansyah", "irjen pol daniel adityajaya", False),
    ],
)
def test_same_value(a: str, b: str, same: bool) -> None:
    assert same_value(a, b) is same


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Sebanyak 1.646 personelnya digeser ke polres.", "personel"),  # "-nya" (its) off a count noun
        ("Sebanyak 12 lainnya menyusul.", "lainnya"),  # "lain" is no count noun: the word stays
        ("Ada 5.431 tempat pemungutan suara di sana.", "tempat pemungutan suara"),
    ],
)
def test_unit_after_a_number(text: str, unit: str) -> None:
    position = next(i for i, ch in enumerate(text) if ch.isdigit())
    position = text.index(" ", position)
    assert unit_after(text, position) == unit


@pytest.mark.parametrize("text", ["Luas wilayahnya 331. Ibu kota kabupaten di Sabu.",
                                  "Luas wilayahnya 331; ibu kota kabupaten di Sabu."])
def test_no_unit_across_the_end_of_a_sentence_or_clause(text: str) -> None:
    number_end = text.index("331") + 3
    assert unit_after(text, number_end) is None  # the number's own end, the stop after it
    assert unit_after(text, number_end + 1) is None  # a span that took the stop with it
    assert unit_after("Luas wilayahnya 331 km2. Ibu kota", number_end) == "km2"


def test_no_unit_after_a_comma() -> None:
    text = "Jumlah TPS di Kabupaten Konawe sebenarnya 466, tetapi 26 TPS masuk wilayah Polresta Kendari."
    assert unit_after(text, text.index("466") + 3) is None


def test_named_election_excludes_evidence_about_the_other() -> None:
    reader = FakeReader([("TPS", "4.192", 3.0), ("TPS", "2.511", 5.0)])
    result, _ = answer(reader, "Berapa jumlah TPS di Maluku Utara pada Pemilu 2024?", MALUT_PEMILU, MALUT_PILKADA)
    assert result.text.startswith("4.192 TPS")


def test_windows_about_the_other_election_do_not_take_reading_slots() -> None:
    """With one slot, the Pilkada window (more of the question's words) must not crowd out the Pemilu one."""
    reader = FakeReader([("TPS", "4.192", 3.0), ("TPS", "2.511", 5.0)])
    limits = EvidenceLimits(passages=1)
    question = "Berapa jumlah TPS di Maluku Utara pada Pemilu 2024?"
    result = ReaderAnswerer(reader, Calibration(), limits).answer(
        question, analyze_question(question), retrieved(MALUT_PILKADA, MALUT_PEMILU))
    assert reader.read_texts and not any("Pilkada" in t for t in reader.read_texts)
    assert result.text.startswith("4.192 TPS")


def test_difference_cites_both_sides_and_shows_the_arithmetic() -> None:
    reader = FakeReader([("Pemilu", "4.192", 5.0), ("Pilkada", "2.511", 5.0)])
    result, errors = answer(reader, "Berapa selisih jumlah TPS di Maluku Utara antara Pemilu 2024 dan Pilkada 2024?",
                            MALUT_PEMILU, MALUT_PILKADA)
    assert not errors, errors
    assert "1.681" in result.text and "4.192 − 2.511 = 1.681" in result.text
    assert len(result.citations) == 2


def test_comparison_says_which_side_is_missing() -> None:
    reader = FakeReader([("Tangerang", "1.048", 6.0)])
    result, _ = answer(reader, "Compare the personnel deployed in Tangerang and Bali", TANGERANG, SERANG)
    assert result.refused
    assert "Bali" in result.text and "Tangerang" not in result.text.split(".")[0]


def test_a_missing_side_of_a_name_question_is_not_called_a_figure() -> None:
    reader = FakeReader([("Pemilu", "Polda Maluku Utara", 6.0)])  # nothing proposed for the Pilkada side
    question = "Which unit sent personnel to the TPS in the Pemilu 2024 and in the Pilkada 2024?"
    info = analyze_question(question)
    assert info.parts and all(p.answer_type is not AnswerType.NUMBER for p in info.parts)
    result = ReaderAnswerer(reader, Calibration()).answer(question, info, retrieved(MALUT_PEMILU, MALUT_PILKADA))
    assert result.refused
    assert "Pilkada 2024" in result.text and "figure" not in result.text and "answer" in result.text


def test_english_difference_across_the_two_elections() -> None:
    question = ("How many more polling stations were there in North Maluku in the 2024 election than in the 2024 "
                "Pilkada?")
    both = FakeReader([("pemilu|election", "4.192 TPS", 6.0), ("pilkada", "2.511 TPS", 6.0)])
    result, errors = answer(both, question, MALUT_PEMILU, MALUT_PILKADA)
    assert not errors and not result.refused
    assert result.text.startswith("The difference is 1,681") and len(result.citations) == 2
    pilkada_only = FakeReader([("pilkada", "2.511 TPS", 6.0)])  # nothing read for the general election
    result, _ = answer(pilkada_only, question, MALUT_PEMILU, MALUT_PILKADA)
    assert result.refused
    assert "don't give the figure for the 2024 election" in result.text


@pytest.mark.parametrize(("question", "verdict"), [
    ("Did Polresta Tangerang deploy more personnel than Polres Serang?", "Yes. Polresta Tangerang has more, by 438"),
    ("Did Polresta Tangerang deploy fewer personnel than Polres Serang?", "No. Polresta Tangerang has more, by 438"),
    ("Did Polres Serang deploy more personnel than Polresta Tangerang?", "No. Polresta Tangerang has more, by 438"),
    ("Apakah Polres Serang menerjunkan lebih sedikit personel daripada Polresta Tangerang?",
     "Ya. Polresta Tangerang lebih banyak, selisih 438"),
])
def test_a_yes_no_comparison_is_worked_out_from_both_figures(question: str, verdict: str) -> None:
    reader = FakeReader([("Tangerang", "1.048", 6.0), ("Serang", "610", 6.0)])
    result, errors = answer(reader, question, TANGERANG, SERANG)
    assert not errors and not result.refused
    assert result.text.startswith(verdict), result.text  # was "Yes, according to the article [1]." from one article
    assert len(result.citations) == 2


def test_comparison_answers_both_sides() -> None:
    reader = FakeReader([("Tangerang", "1.048", 6.0), ("Serang", "610", 6.0)])
    result, errors = answer(reader, "Compare the personnel deployed in Tangerang and Serang", TANGERANG, SERANG)
    assert not errors and not result.refused
    assert "Tangerang has more, by 438" in result.text
    assert len(result.citations) == 2


def test_yes_no_reads_negation_in_the_evidence() -> None:
    diy = make_article("diy", "DIY tanpa pilgub", ["DIY tidak menggelar pemilihan gubernur pada Pilkada 2024 karena "
                                                   "gubernurnya ditetapkan."])
    reader = FakeReader([("gubernur", "DIY", 4.0)])
    result, _ = answer(reader, "Apakah DIY menggelar pemilihan gubernur pada Pilkada 2024?", diy)
    assert result.text.startswith("Tidak")


@pytest.mark.parametrize(("question", "answer_starts"), [
    ("Apakah jumlah prajurit TNI lebih besar dari rencana awal?", "Ya"),
    ("Apakah jumlah prajurit TNI lebih kecil dari rencana awal?", "Tidak"),  # the sentence compares the other way
    ("Apakah jumlah prajurit TNI lebih banyak dari rencana awal?", "Ya"),  # no opposite of "besar": not read
])
def test_yes_no_reads_which_way_a_comparison_goes(question: str, answer_starts: str) -> None:
    tni = make_article("tni", "TNI kerahkan prajurit", ["Jumlah prajurit TNI tersebut lebih besar dibanding rencana "
                                                        "awal yang disampaikan Panglima, yakni 133.416 prajurit."])
    result, _ = answer(FakeReader([("prajurit", "133.416", 4.0)]), question, tni)
    assert result.text.startswith(answer_starts)


KEPRI_GUARD = ("Tidak ada tempat pemungutan suara (TPS) Pilkada 2024 di Kepulauan Riau yang dibiarkan tanpa penjagaan "
               "polisi, termasuk di pulau-pulau terluar, kata Kapolda Kepri.")


@pytest.mark.parametrize(("question", "answer_starts"), [
    ("Apakah Polda Kepri mengawal TPS hingga pulau terluar?", "Ya"),  # "none ... without": every TPS is guarded
    ("Did Polda Kepri guard polling stations on the outermost islands?", "Yes"),
    ("Apakah ada TPS di Kepri yang dibiarkan tanpa penjagaan polisi?", "Tidak"),
])
def test_yes_no_reads_two_negators_in_one_clause_as_none_denied(question: str, answer_starts: str) -> None:
    kepri = make_article("kepri", "Satu TPS satu polisi, Polda Kepri kawal TPS Pilkada hingga pulau terluar",
                         [KEPRI_GUARD])
    result, _ = answer(FakeReader([]), question, kepri)
    assert result.text.startswith(answer_starts)


@pytest.mark.parametrize(("text", "denies"), [
    ("DIY tidak menggelar pemilihan gubernur.", True),
    (KEPRI_GUARD, False),  # two negators in one clause cancel; the bracket "(TPS)" is no break
    ("Polda tidak mengerahkan helikopter dan tidak menambah personel.", True),  # one in each clause
    ("Polda mengerahkan 800 personel ke Bima.", False),
])
def test_negates(text: str, denies: bool) -> None:
    assert negates(text) is denies


@pytest.mark.parametrize(("title", "answered"), [("Polda Sumbar petakan kerawanan Pilkada 2024", True),
                                                 ("Pemetaan kerawanan daerah", False)])
def test_yes_no_counts_what_only_the_title_states_at_half(title: str, answered: bool) -> None:
    """The sentence leaves the unit and election to its title: stated there, they count half each."""
    sumbar = make_article("sumbar", title, ["Mentawai dan Padang Panjang dikategorikan rawan karena cuaca."])
    question = "Apakah Polda Sumbar mengkategorikan Kota Padang Panjang rawan pada Pilkada 2024?"
    result, _ = answer(FakeReader([]), question, sumbar)
    assert result.refused is not answered
    assert result.text.startswith("Ya") is answered


@pytest.mark.parametrize(("question", "sentence", "answered"), [
    # "all" is not settled by a count of some of them
    ("Apakah seluruh TPS di Konawe diamankan Polres Konawe?", "Polres Konawe mengamankan 440 TPS di Konawe.", False),
    ("Were all polling stations in Konawe secured by Polres Konawe?", "Polres Konawe mengamankan 440 TPS di Konawe.",
     False),
    ("Apakah seluruh TPS di Konawe diamankan Polres Konawe?", "Polres Konawe mengamankan seluruh TPS di Konawe.",
     True),
    ("Apakah TPS di Konawe diamankan Polres Konawe?", "Polres Konawe mengamankan 440 TPS di Konawe.", True),
])
def test_yes_no_about_all_needs_a_sentence_saying_all(question: str, sentence: str, answered: bool) -> None:
    konawe = make_article("konawe", "Polres Konawe siaga Pilkada", [sentence])
    result, _ = answer(FakeReader([]), question, konawe)
    assert result.refused is not answered
    assert result.text.startswith(("Ya", "Yes")) is answered


def test_yes_no_without_evidence_does_not_default_to_yes() -> None:
    reader = FakeReader([])
    result, _ = answer(reader, "Apakah Polresta Tangerang menerima helikopter?", TANGERANG, threshold=0.0,
                       overlap_weight=0.0, rank_weight=0.0)
    assert result.refused


@pytest.mark.parametrize(("question", "yes"), [
    ("Apakah Polda Bali mengerahkan personel untuk Pilkada serentak 2024?", True),  # a modifier may go unstated
    ("Apakah Polda Bali mengerahkan helikopter untuk Pilkada 2024?", False),  # 4 of 5 terms, not the thing asked
])
def test_yes_no_about_something_no_article_mentions_is_not_answered(question: str, yes: bool) -> None:
    bali = make_article("bali", "Polda Bali siaga", ["Polda Bali mengerahkan 2.349 personel untuk Pilkada 2024."])
    result, _ = answer(FakeReader([]), question, bali)
    assert result.refused is not yes
    assert result.text.startswith("Ya") is yes


@pytest.mark.parametrize(("question", "sentence", "yes"), [
    ("Did Polda Bali deploy personnel for the 2024 Pilkada?", "Polda Bali mengerahkan 2.349 personel untuk "
     "Pilkada 2024.", True),
    # 4 of 5 terms stated, but not the thing asked
    ("Did Polda Bali deploy drones for the 2024 Pilkada?", "Polda Bali mengerahkan 2.349 personel untuk "
     "Pilkada 2024.", False),
    # the news writes the loanword in the singular
    ("Did Polda Bali deploy drones for the 2024 Pilkada?", "Polda Bali mengerahkan personel dan drone untuk "
     "Pilkada 2024.", True),
])
def test_english_yes_no_about_something_no_article_mentions_is_not_answered(question: str, sentence: str,
                                                                            yes: bool) -> None:
    bali = make_article("bali", "Polda Bali siaga", [sentence])
    result, _ = answer(FakeReader([]), question, bali)
    assert result.refused is not yes
    assert result.text.startswith("Yes") is yes


def test_date_answer_takes_the_year_from_the_sentence() -> None:
    reader = FakeReader([("Kapan", "Sabtu, 10 Februari", 5.0)])
    result, errors = answer(reader, "Kapan apel pergeseran pasukan Polresta Tangerang digelar?", TANGERANG)
    assert result.text.startswith("10 Februari 2024") and not errors


def test_the_reader_reads_in_one_batched_call() -> None:
    reader = FakeReader([("personel", "1.048", 6.0)])
    answer(reader, "Berapa personel yang diterjunkan Polresta Tangerang?", TANGERANG, SERANG)
    assert len(reader.calls) == 1


def test_answer_type_is_what_classify_says() -> None:
    assert analyze_question("Siapa pemenang Pilkada Jakarta 2024?").answer_type is AnswerType.PERSON


def test_a_named_month_excludes_stories_from_another_time() -> None:
    february = make_article("bali-feb", "Polda Bali jaga TPS Pemilu", ["Polda Bali menyiagakan 1.200 personel untuk "
                                                                      "pengamanan TPS."], published="2024-02-05")
    november = make_article("bali-nov", "Polda Bali jaga TPS Pilkada", ["Polda Bali menyiagakan 2.349 personel untuk "
                                                                       "pengamanan TPS."], published="2024-11-25")
    reader = FakeReader([("personel", "1.200", 4.0), ("personel", "2.349", 6.0)])
    result, _ = answer(reader, "How many personnel were deployed in Bali on 14 February 2024?", february, november)
    assert result.text.startswith("1,200 personnel")
    assert not result.conflicting


def test_an_article_that_never_names_the_asked_unit_is_not_read() -> None:
    """A high-scoring span from Polresta Denpasar's story must not answer a Polresta Tangerang question."""
    denpasar = make_article("denpasar", "798 personel jaga 2.348 TPS", ["Polresta Denpasar menjaga 2.348 TPS pada "
                                                                       "Pemilu 2024."], published="2024-02-13")
    reader = FakeReader([("TPS", "2.348", 9.0), ("TPS", "5.431", 3.0)])
    result, _ = answer(reader, "Berapa TPS yang diamankan Polresta Tangerang pada Pemilu 2024?", denpasar, TANGERANG)
    assert result.text.startswith("5.431")


def test_a_name_nowhere_in_the_corpus_means_no_answer() -> None:
    reader = FakeReader([("prajurit", "1.048", 9.0)])
    result, _ = answer(reader, "Berapa prajurit TNI di wilayah Kodam XIII/Merdeka?", TANGERANG)
    assert result.refused
    assert reader.calls == []  # nothing worth reading: the reader is not even called


def test_every_selected_window_is_read_in_one_call() -> None:
    reader = FakeReader([("personel", "1.048", 2.0)])
    result, _ = answer(reader, "Berapa personel yang diterjunkan Polresta Tangerang?", TANGERANG, SERANG,
                       threshold=1.0, overlap_weight=0.0, rank_weight=0.0)
    assert len(reader.calls) == 1 and reader.calls[0][1] > 2  # windows of both articles, one batch
    assert result.text.startswith("1.048 personel")


@pytest.mark.parametrize(
    ("question", "cut", "whole"),
    [
        ("Siapa yang memimpin apel?", "Kombes Pol Baktiar", "Kombes Pol Baktiar Joko Mujiono"),  # a name runs on
        ("Kapan apel digelar?", "10 Februari", "10 Februari 2024"),  # a date cut before its year
        ("Berapa personel yang diterjunkan?", "1.04", "1.048"),  # a number cut mid-way
        ("Berapa TPS yang dijaga?", "1.048 personel Polri untuk menjaga 5.431", "5.431"),  # the figure whose noun fits
        ("Siapa yang memimpin apel?", "Kombes Pol Baktiar Joko", "Kombes Pol Baktiar Joko Mujiono"),  # not onto a post
    ],
)
def test_a_cut_span_is_made_whole(question: str, cut: str, whole: str) -> None:
    text = TANGERANG.text
    start = text.index(cut)
    sentence_end = text.index("\n", start) if "\n" in text[start:] else len(text)
    a, b = widen(analyze_question(question), text, start, start + len(cut), sentence_end)
    assert text[a:b] == whole


KEPRI = "Kapolda Kepri Irjen Pol Yan Fitri Halimansyah merinci, personel BKO itu diperbantukan ke Polresta Barelang."


@pytest.mark.parametrize(
    ("text", "span", "person"),
    [
        (KEPRI, "Irjen Pol Yan Fitri Halimansyah merinci", "Irjen Pol Yan Fitri Halimansyah"),  # not into the verb
        ("Wilayah itu dipimpin Muhammad bin Tughj al-Ikhshid sejak 935.", "Muhammad bin Tughj al-Ikhshid",
         "Muhammad bin Tughj al-Ikhshid"),  # a name word holding a capital anywhere stays
        # a rank belongs to the answer, the post before it does not
        (KEPRI, "Kepri Irjen Pol Yan Fitri Halimansyah merinci", "Irjen Pol Yan Fitri Halimansyah"),
        (KEPRI, "Pol Yan Fitri Halimansyah", "Irjen Pol Yan Fitri Halimansyah"),
        ("Pangdam XV/Pattimura Mayjen TNI Syafrial melepas prajurit.", "Pattimura Mayjen TNI Syafrial",
         "Mayjen TNI Syafrial"),
        ("Apel dipimpin Kapolres Cilegon AKBP Eko Tjahyo Untoro.", "Eko Tjahyo Untoro", "AKBP Eko Tjahyo Untoro"),
        ("Jakarta - Panglima TNI Jenderal TNI Agus Subiyanto memaparkan rencana.", "Agus Subiyanto",
         "Jenderal TNI Agus Subiyanto"),
        # a word that follows a rank ("Laut", "TNI") does not start one
        ("Kapal induk dipakai Angkatan Laut Kekaisaran Jepang.", "Angkatan Laut Kekaisaran Jepang",
         "Angkatan Laut Kekaisaran Jepang"),
        # a ranked name ends before a preposition: the place after it is no part of it
        ("Apel dipimpin Kombes Pol Baktiar Joko Mujiono di Lapangan Maulana Yudha Negara.",
         "Kombes Pol Baktiar Joko Mujiono di Lapangan Maulana Yudha Negara", "Kombes Pol Baktiar Joko Mujiono"),
        ("Apel dipimpin Kombes Pol Baktiar Joko Mujiono di Lapangan Maulana Yudha Negara.",
         "Baktiar Joko Mujiono di Lapangan Maulana Yudha Negara", "Kombes Pol Baktiar Joko Mujiono"),  # rank before
        ("Ia menikahi Maria Luisa dari Parma.", "Maria Luisa dari Parma", "Maria Luisa dari Parma"),  # no rank: whole
    ],
)
def test_a_who_answer_is_the_person_alone(text: str, span: str, person: str) -> None:
    info = analyze_question("Siapa yang merinci personel BKO?")
    start = text.index(span)
    a, b = widen(info, text, start, start + len(span), len(text))
    assert text[a:b] == person


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("Pengawalan dilakukan jajaran Polairud Polda Bali. Logistik tiba Senin.", "Polairud Polda Bali"),
        # a sentence's first word is capitalised whatever it is: the name is not run back onto it
        ("Logistik tiba Senin. Polairud Polda Bali mengawal penyeberangan.", "Polda Bali"),
        # nor onto the post of the one who heads it: "Kepala" names a person's post, not the unit
        ("Hal itu disampaikan Kepala Polairud Polda Bali kemarin.", "Polairud Polda Bali"),
    ],
)
def test_an_entity_cut_before_its_first_words_runs_back_within_its_sentence(text: str, whole: str) -> None:
    info = analyze_question("Satuan mana yang mengawal penyeberangan logistik?")
    start = text.index("Polda Bali")
    end = start + len("Polda Bali")
    a, b = widen(info, text, start, end, text.index(".", end) + 1)
    assert text[a:b] == whole


@pytest.mark.parametrize(("question", "text", "reader_span", "whole"), [
    # a place or entity does not run on over the capitalised words after it: they are often a person
    ("Di departemen apakah Sean McCormack menjadi juru bicara?",
     "Juru bicara Departemen Luar Negeri AS Sean McCormack mengatakan hal itu.", "Departemen Luar Negeri AS",
     "Departemen Luar Negeri AS"),
    ("Di provinsi manakah Ali Mazi menjabat sebagai gubernur?", "Hal itu disampaikan Gubernur Sultra Ali Mazi.",
     "Sultra", "Sultra"),  # (nor back over the post before it)
    # a person's name cut after its first words still runs on
    ("Siapa Kapolda NTB?", "Kapolda NTB Irjen Pol Hadi Gunawan memimpin apel.", "Irjen Pol Hadi",
     "Irjen Pol Hadi Gunawan"),
])
def test_only_a_persons_name_runs_on_over_the_capitalised_words_after_it(question: str, text: str,
                                                                        reader_span: str, whole: str) -> None:
    info = analyze_question(question)
    start = text.index(reader_span)
    a, b = widen(info, text, start, start + len(reader_span), text.index(".", start) + 1)
    assert text[a:b] == whole


def test_articles_mentioning_most_of_the_names_are_read() -> None:
    """A name spelt another way in the article costs nothing; none naming the asked command, none is read."""
    info = analyze_question("Berapa personel yang diterjunkan Polresta Tangerang menurut Kombes Pol Baktiar Mujono?")
    assert about_the_names(info, [TANGERANG, SERANG]) == {TANGERANG.id}
    none = analyze_question("Berapa prajurit TNI di wilayah Kodam XIII/Merdeka?")
    assert about_the_names(none, [TANGERANG, SERANG]) == set()


def test_the_articles_about_the_asked_place_are_read_first() -> None:
    """Each story names one of the two names; the one naming the asked province is about the question."""
    sulteng = make_article("sulteng", "Polda Sulteng kerahkan personel", [
        "Polda Sulteng mengerahkan 1.542 personel dalam Operasi Mantap Praja."], region="Sulawesi Tengah")
    sumbar = make_article("sumbar", "Polda Sumbar lepas personel", [
        "Polda Sumbar melepas 1.109 personel pengamanan Pilkada."], region="Sumatera Barat")
    info = analyze_question("Berapa personel Operasi Mantap Praja di Sumbar?")
    assert about_the_names(info, [sulteng, sumbar]) == {sumbar.id}
    asked_elsewhere = analyze_question("Berapa personel Operasi Mantap Praja di Sulteng?")
    assert about_the_names(asked_elsewhere, [sulteng, sumbar]) == {sulteng.id}


@pytest.mark.parametrize(("question", "read"), [
    # another name every article shares ("TNI", "Polda Banten") does not stand in for the unwritten command or place
    ("Berapa prajurit TNI yang disiapkan di wilayah Kodam XIII/Merdeka?", False),
    ("Berapa personel Polda Banten yang dikerahkan ke Kabupaten Lebak?", False),
    # a person's name holding a place ("Karo", a regency, is also a post) is no place: the others decide
    ("Berapa personel Polda Banten menurut Karo Ops Kombes Pol Wibowo?", True),
])
def test_an_asked_place_or_command_no_article_writes_means_none_is_read(question: str, read: bool) -> None:
    info = analyze_question(question)
    expected = {TANGERANG.id, SERANG.id} if read else set()
    assert about_the_names(info, [TANGERANG, SERANG]) == expected


@pytest.mark.parametrize(("question", "read"), [
    # a place or a command is written by name in any article about it: none naming it, none is read
    ("Berapa TPS rawan di Gorontalo?", False),
    ("Berapa personel yang dikerahkan Polres Lebak?", False),
    # a person is often written in part or by a pronoun ("Menurut Wilson, ..."): none naming them, all are read
    ("Berapa personel yang disiapkan menurut Dr Wilson W Wenas?", True),
])
def test_articles_naming_none_of_the_names_are_read_unless_a_place_or_command_is_asked(question: str,
                                                                                      read: bool) -> None:
    info = analyze_question(question)
    assert info.names
    expected = {TANGERANG.id, SERANG.id} if read else set()
    assert about_the_names(info, [TANGERANG, SERANG]) == expected


@pytest.mark.parametrize(("name", "written"), [
    ("Yekaterina I", True),  # the numeral ending a name is not its name proper
    ("Abdullah II", False),  # ... but the rest of the name still has to be written
    ("Kodam XIII/Merdeka", True),  # a numeral inside a name is part of it
])
def test_a_name_ending_in_a_roman_numeral_is_met_by_the_name_before_it(name: str, written: bool) -> None:
    from rag.compose import mentions

    article = make_article("x", "Riwayat", ["Yekaterina lahir tanggal 15 April 1684.",
                                            "Prajurit Kodam XIII/Merdeka berjaga."])
    assert mentions(article, name) is written


@pytest.mark.parametrize(("name", "written"), [
    ("Polda Maluku Utara", True),
    ("Polda Maluku", False),  # another province: its name is only a part of "Maluku Utara"
    ("Polda Malut", True),  # a province's other name
    ("Polda Riau", False),  # "Kepulauan Riau" is not Riau
    ("Polda Kepri", True),
])
def test_a_province_is_mentioned_by_a_whole_name_of_its_own(name: str, written: bool) -> None:
    from rag.compose import mentions

    article = make_article("malut", "Polda Maluku Utara terjunkan 662 personel",
                           ["Polda Maluku Utara mengirim 662 personel, dibantu BKO dari Polda Kepulauan Riau."])
    assert mentions(article, name) is written


def test_a_question_about_one_province_reads_no_article_about_its_longer_named_neighbour() -> None:
    malut = make_article("malut", "Polda Maluku Utara terjunkan 662 personel Pilkada",
                         ["Sebanyak 662 personel Polda Maluku Utara dikirim ke sembilan kabupaten/kota."])
    maluku = make_article("maluku", "Polda Maluku terima 500 jaket pelampung",
                          ["Polda Maluku menerima 500 jaket pelampung untuk personel pengamanan."])
    info = analyze_question("Berapa personel Polda Maluku untuk Pilkada 2024?")
    assert about_the_names(info, [malut, maluku]) == {"maluku"}


BANTEN_WIDE = make_article("banten-wide", "Polda Banten geser 1.646 personel ke polres jajaran",
                           ["Polda Banten menggeser 1.646 personel untuk pengamanan TPS.",
                            "Wilayah hukum Polda Banten meliputi Kota Serang dan Kabupaten Lebak."],
                           published="2024-02-10")


@pytest.mark.parametrize(
    ("text", "name", "named"),
    [
        ("Kapolres Lebak AKBP Suyono memimpin apel.", "Polres Lebak", True),  # the head inside a post
        ("Kepolisian Resor (Polres) Lebak menurunkan 300 personel.", "Polres Lebak", True),
        ("Wilayah Polda Banten meliputi Kabupaten Lebak.", "Polres Lebak", False),  # the territory, another command
        ("Polda Maluku Utara mengirim 845 personel.", "Polda Malut", True),  # a province in any of its names
        ("Polda Maluku mengirim 845 personel ke Kabupaten Kepulauan Sula.", "Polda Malut", False),
        ("Korem 092/Maharajalila menyiagakan prajurit.", "Korem 092/Maharajalila", True),
        # an army command by its head's post, after the unit's number
        ("Pangdam XV/Pattimura Mayjen TNI Syafrial melepas 645 prajurit.", "Kodam Pattimura", True),
        ("Danrem 092/Maharajalila memimpin apel.", "Korem Maharajalila", True),
        ("Pangdam XV/Pattimura melepas prajurit.", "Kodam Udayana", False),
        ("Wilayah Polda Banten meliputi Kabupaten Lebak.", "Kabupaten Lebak", True),  # not a command: not checked
        # an abbreviation in brackets within the territory's words
        ("Personel Polres Tanjung Jabung (Tanjab) Barat digeser.", "Polres Tanjung Jabung Barat", True),
        ("Personel Polres Tanjung Jabung (Tanjab) Timur digeser.", "Polres Tanjung Jabung Barat", False),
    ],
)
def test_a_command_is_named_by_its_head_and_territory_together(text: str, name: str, named: bool) -> None:
    from rag.compose import names_the_command

    assert names_the_command(make_article("a", "Berita", [text]), name) is named


def test_a_figure_of_another_command_over_the_asked_territory_is_no_answer() -> None:
    """Polda Banten's story names Kabupaten Lebak as part of its area: it says nothing about Polres Lebak."""
    reader = FakeReader([("personel", "1.646", 6.0)])
    result, _ = answer(reader, "Berapa personel yang diterjunkan Polres Lebak?", BANTEN_WIDE)
    assert result.refused and "1.646" not in result.text.split("\n")[0]
    result, _ = answer(reader, "Berapa personel yang digeser Polda Banten?", BANTEN_WIDE)
    assert result.text.startswith("1.646 personel")


ENGLISH = "How many personnel did Polresta Tangerang deploy?"


def test_an_english_question_is_put_to_the_reader_as_the_calibration_says() -> None:
    glossed = "berapa personel Polresta Tangerang dikerahkan?"
    assert reader_questions(analyze_question(ENGLISH), EnglishReading.GLOSSED) == (glossed,)
    assert reader_questions(analyze_question(ENGLISH), EnglishReading.RAW) == (ENGLISH,)
    assert reader_questions(analyze_question(ENGLISH), EnglishReading.BOTH) == (glossed, ENGLISH)
    lower = ENGLISH[0].lower() + ENGLISH[1:]  # the raw reading starts with a capital, as written English does
    assert reader_questions(analyze_question(lower), EnglishReading.BOTH) == (glossed, ENGLISH)
    indonesian = "Berapa personel yang dikerahkan Polresta Tangerang?"
    for reading in EnglishReading:  # Indonesian questions are always read as asked
        assert reader_questions(analyze_question(indonesian), reading) == (indonesian,)


def test_a_chat_question_is_put_to_the_reader_as_its_training_questions_ask() -> None:
    info = analyze_question("Berapa banyak anggota yang diterjunkan Polda Lampung")
    assert reader_questions(info) == ("Berapa anggota yang diterjunkan Polda Lampung?",)
    assert reader_questions(analyze_question("berapa banyaknya TPS di Bali.")) == ("berapa TPS di Bali?",)
    assert reader_questions(analyze_question("Berapa jumlah TPS di Bali?")) == ("Berapa jumlah TPS di Bali?",)
    for doubled in ("Berapa TPS di Bali??", "Berapa TPS di Bali?!", "Berapa TPS di Bali !!"):  # one mark, as trained
        assert reader_questions(analyze_question(doubled)) == ("Berapa TPS di Bali?",)
    spaced = "Siapa yang dimaksud Wangsa Wettin ?"  # as public questions are often typed: read as typed
    assert reader_questions(analyze_question(spaced)) == (spaced,)
    kept = "Ada berapa TPS yang banyak dijaga?"
    assert reader_questions(analyze_question(kept)) == (kept,)
    english = analyze_question("How many personnel did Polresta Tangerang deploy")
    assert reader_questions(english, EnglishReading.BOTH) == ("berapa personel Polresta Tangerang dikerahkan?", ENGLISH)


def test_the_gloss_writes_its_words_as_the_passages_do() -> None:
    info = analyze_question("How many polling stations in Bali?")
    sentences = ["Polda Bali menjaga 12.809 TPS.", "Sebanyak 9 TPS di Bali rawan, kata Kapolda soal TPS itu."]
    assert reader_questions(info, EnglishReading.GLOSSED) == ("berapa tps di Bali?",)
    assert reader_questions(info, EnglishReading.GLOSSED, sentences) == ("berapa TPS di Bali?",)
    assert reader_questions(info, EnglishReading.GLOSSED, sentences[:1]) == ("berapa tps di Bali?",)  # once only


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Siapa Kapolda Banten pada Pemilu 2024?", "Siapa Kapolda Banten?"),
        ("Siapa kapolda Banten (Pemilu 2024)?", "Siapa kapolda Banten?"),  # a follow-up's bracketed period
        ("Berapa TPS rawan di Jawa Barat saat Pilkada Serentak 2024?", "Berapa TPS rawan di Jawa Barat?"),
        ("How many personnel did Polda Banten deploy for the 2024 election?", "How many personnel did Polda Banten "
         "deploy?"),
        ("Berapa personel Polda Bali untuk Pilkada 2024 yang disiagakan di Poskotis?",
         "Berapa personel Polda Bali yang disiagakan di Poskotis?"),
        # what the question is about, or a preposition with a meaning of its own, stays
        ("Kapan Pemilu 2024 digelar?", "Kapan Pemilu 2024 digelar?"),
        ("Berapa personel disiagakan jelang Pilkada 2024?", "Berapa personel disiagakan jelang Pilkada 2024?"),
        ("Berapa selisih TPS antara Pemilu 2024 dan Pilkada 2024?", "Berapa selisih TPS antara Pemilu 2024 dan "
         "Pilkada 2024?"),
        ("Siapa Kapolda Banten ?", "Siapa Kapolda Banten ?"),  # nothing left out: written as typed
    ],
)
def test_the_election_phrase_after_a_plain_preposition_is_left_out(question: str, asked: str) -> None:
    assert without_election(question) == asked


LEADER = make_article("banten-leader", "Apel pergeseran pasukan Polda Banten", [
    "Polda Banten menggeser 1.646 personel untuk Pemilu 2024.",
    "Pergeseran itu ditandai apel di Mapolda Banten.",
    "Apel dipimpin Karo Ops Polda Banten Kombes Dedy.",
    "Dedy lalu meneruskan arahan Kapolda Banten Irjen Pol Abdul Karim kepada personel.",
], published="2024-02-10")


def test_a_passage_naming_no_election_is_asked_without_the_election_phrase() -> None:
    """The reader takes a question word missing from the passage as evidence of no answer; the election is
    checked apart. Here the fake reader finds the Kapolda only when the question does not name the election."""
    reader = FakeReader([(r"^(?!.*pemilu).*kapolda", "Irjen Pol Abdul Karim", 8.0)])
    result, _ = answer(reader, "Siapa Kapolda Banten pada Pemilu 2024?", LEADER, threshold=4.0, overlap_weight=0.0,
                       rank_weight=0.0)
    assert result.text.startswith("Irjen Pol Abdul Karim")
    asked = {q for q, _ in reader.calls}
    assert asked == {"Siapa Kapolda Banten pada Pemilu 2024?", "Siapa Kapolda Banten?"}  # as asked where it is named


def test_two_readings_keep_each_span_once_with_its_better_score() -> None:
    glossed = [[SpanScore(0, 10, 15, "1.048", 2.0, 1.0), SpanScore(0, 20, 25, "5.431", 3.0, 0.0)]]
    raw = [[SpanScore(0, 10, 15, "1.048", 6.0, 4.0), SpanScore(0, 30, 33, "700", 1.0, 0.0)]]
    # null_weight 0 ranks by the span's own score: the raw reading's 1.048 (6.0) wins, then 5.431
    merged = best_of_readings([glossed, raw], null_weight=0.0, n_best=2)
    assert [(s.text, s.score) for s in merged[0]] == [("1.048", 6.0), ("5.431", 3.0)]
    # null_weight 1 ranks by margin: 5.431 (3.0) beats both readings of 1.048 (1.0 and 2.0)
    merged = best_of_readings([glossed, raw], null_weight=1.0, n_best=3)
    assert [(s.text, s.margin) for s in merged[0]] == [("5.431", 3.0), ("1.048", 2.0), ("700", 1.0)]
    assert best_of_readings([glossed], null_weight=1.0, n_best=1) == glossed


@pytest.mark.parametrize(("reading", "answered"), [("glossed", False), ("raw", True), ("both", True)])
def test_a_span_the_reader_finds_only_for_the_raw_english_question(reading: str, answered: bool) -> None:
    reader = FakeReader([("deploy", "1.048 personel", 8.0)])  # only the English wording finds it
    result, verified = answer(reader, ENGLISH, TANGERANG, threshold=4.0, overlap_weight=0.0, rank_weight=0.0,
                              english_reading=reading)
    assert ("1,048 personnel" in result.text and not result.refused) is answered  # worded in English
    assert {q for q, _ in reader.calls} == set(reader_questions(analyze_question(ENGLISH), EnglishReading(reading)))
    if answered:
        assert verified == []


def test_the_english_reading_is_read_back_from_calibration_json(tmp_path) -> None:  # noqa: ANN001
    (tmp_path / "calibration.json").write_text('{"calibration": {"threshold": 3.5, "english_reading": "both"}}')
    calibration = load_calibration(tmp_path)
    assert calibration.english_reading is EnglishReading.BOTH and calibration.threshold == 3.5
    assert load_calibration(tmp_path / "missing").english_reading is EnglishReading.GLOSSED


JAMBI_FEBRUARY = make_article(
    "jambi-20240210-polda-jambi-siaga", "Polda Jambi siagakan personel di Kota Jambi",
    ["Berdasarkan DPT, pemilih di Kota Jambi mencapai 451.723 orang dengan 1.903 TPS."], published="2024-02-10")


@pytest.mark.parametrize(("election", "answered"), [("Pemilu 2024", True), ("Pilkada 2024", False)])
def test_an_article_naming_no_election_is_about_the_one_polled_near_its_date(election: str, answered: bool) -> None:
    reader = FakeReader([("TPS", "1.903", 8.0)])
    result, _ = answer(reader, f"Berapa TPS di Kota Jambi pada {election}?", JAMBI_FEBRUARY)
    assert result.text.startswith("1.903 TPS") is answered
    assert result.refused is not answered


LISTED = "Dari 17.626 TPS itu, 161 TPS masuk kategori sangat rawan, 794 TPS rawan, dan 16.671 TPS tidak rawan."


@pytest.mark.parametrize(
    ("figure", "clause"),
    [
        ("161", "161 TPS masuk kategori sangat rawan"),
        ("794", "794 TPS rawan"),
        ("16.671", "16.671 TPS tidak rawan."),
        ("17.626", "Dari 17.626 TPS itu"),
    ],
)
def test_a_figure_s_clause_lies_between_the_commas_and_conjunctions_around_it(figure: str, clause: str) -> None:
    at = LISTED.index(figure)
    a, b = clause_at(LISTED, at, at + len(figure))
    assert LISTED[a:b].strip() == clause


@pytest.mark.parametrize(
    ("question", "figure", "matched"),
    [
        ("Berapa TPS sangat rawan di Kalbar?", "161", 2),
        ("Berapa TPS sangat rawan di Kalbar?", "794", 1),
        ("Berapa TPS sangat rawan di Kalbar?", "16.671", 0),  # "tidak rawan" says the opposite
        ("Berapa TPS tidak rawan di Kalbar?", "16.671", 2),  # unless the question says it too
        ("Berapa TPS berkategori sangat rawan di Kalbar?", "161", 3),  # "berkategori" meets "kategori"
        ("Berapa TPS di Kalbar?", "161", 0),  # no qualifier asked
    ],
)
def test_qualifiers_are_counted_in_the_figure_s_own_clause(question: str, figure: str, matched: int) -> None:
    at = LISTED.index(figure)
    assert qualifier_fit(analyze_question(question), LISTED, at, at + len(figure))[0] == matched


@pytest.mark.parametrize("negated", ["tanpa", "non", "tidak"])
def test_every_negator_of_the_one_list_negates_a_qualifier(negated: str) -> None:
    """One list of negators serves yes/no answers, negated figures and qualifiers alike."""
    text = f"Di Bali ada 30 TPS {negated} rawan, sedangkan 12 TPS rawan dijaga dua polisi."
    info = analyze_question("Berapa TPS rawan di Bali?")
    for figure, matched in (("30", 0), ("12", 1)):
        at = text.index(figure)
        assert qualifier_fit(info, text, at, at + len(figure))[0] == matched


@pytest.mark.parametrize(
    ("question", "proposed", "answer"),
    [
        ("Berapa TPS sangat rawan di Kalbar?", "16.671", "161"),
        ("Berapa TPS sangat rawan di Kalbar?", "794 TPS", "161"),
        ("Berapa TPS rawan di Kalbar?", "16.671", "794"),  # two clauses say "rawan"; the first listed keeps it
        ("Berapa TPS di Kalbar?", "17.626", "17.626"),  # nothing to choose by: the reader's figure stays
        ("Berapa personel sangat rawan di Kalbar?", "161", "161"),  # no count of the asked noun to move to
    ],
)
def test_of_the_counts_a_sentence_lists_the_one_stated_with_the_qualifiers_is_taken(
        question: str, proposed: str, answer: str) -> None:
    at = LISTED.index(proposed)
    a, b = listed_count(analyze_question(question), LISTED, at, at + len(proposed))
    assert LISTED[a:b].split()[0] == answer


DIY_LISTED = "Rinciannya, 59 TPS rawan, 11.788 TPS kurang rawan, dan 85 TPS khusus, dengan total pemilih 2.870.974."


@pytest.mark.parametrize(
    ("question", "proposed", "answer"),
    [
        ("Berapa TPS rawan di DIY?", "11.788", "59"),  # both say "rawan": the clause with no other word
        ("Berapa TPS kurang rawan di DIY?", "59", "11.788"),  # "kurang" asked: its clause states more
        ("Berapa TPS khusus di DIY?", "85", "85"),
        ("Berapa TPS yang dijaga di DIY?", "11.788", "11.788"),  # no clause states the qualifier: the reader's stays
    ],
)
def test_of_counts_stating_as_many_qualifiers_the_one_with_fewer_other_words_is_taken(
        question: str, proposed: str, answer: str) -> None:
    at = DIY_LISTED.index(proposed)
    a, b = listed_count(analyze_question(question), DIY_LISTED, at, at + len(proposed))
    assert DIY_LISTED[a:b].split()[0] == answer


def test_a_figure_stated_with_the_asked_qualifier_outranks_a_stronger_one_without_it() -> None:
    """The reader scores the district's total TPS over the "sangat rawan" count of another sentence; the
    question's qualifier decides, and the total is no rival (it does not state the qualifier)."""
    mapping = make_article("mapping", "Polresta Denpasar petakan TPS rawan",
                           ["Polresta Denpasar harus mengamankan 2.348 TPS saat Pemilu 14 Februari 2024.",
                            "Dari pemetaan, terdapat 19 TPS berkategori sangat rawan dan 93 TPS rawan."],
                           published="2024-02-10")
    reader = FakeReader([("rawan", "2.348", 7.0), ("rawan", "93 TPS", 6.5)])
    question = "Berapa TPS berkategori sangat rawan di wilayah Polresta Denpasar pada Pemilu 2024?"
    result, errors = answer(reader, question, mapping, conflict_margin=1.5)
    assert result.text.startswith("19 TPS") and not result.conflicting and not errors
    assert result.citations[0].quote.startswith("Dari pemetaan")
    # the refusal cut was compared with the total's higher score: that is the support calibration must see
    assert result.debug["support"] > result.debug["best"]["score"]
    assert result.debug["support"] == pytest.approx(max(c["score"] for c in result.debug["top"]), abs=1e-3)


def test_a_how_many_range_is_not_cut_to_its_first_number() -> None:
    text = "Setiap pos dijaga antara 3 dan 5 personel, sedangkan TPS kurang rawan dijaga 10 hingga 16 personel."
    info = analyze_question("Berapa personel yang menjaga TPS kurang rawan?")
    start = text.index("10 hingga")
    assert text[slice(*widen(info, text, start, start + len("10 hingga 16 personel"), len(text)))] == (
        "10 hingga 16 personel")
    start = text.index("3 dan 5")
    assert text[slice(*widen(info, text, start, start + len("3 dan 5 personel"), len(text)))] == "3 dan 5 personel"
    several = "Polda menurunkan 720 personel ke 13 polres."
    start = several.index("720")
    assert several[slice(*widen(info, several, start, len(several) - 1, len(several)))] == "720"


@pytest.mark.parametrize(
    ("question", "sentence", "span", "ok"),
    [
        ("Kapan Polda Banten berdiri?", "Polda Banten berdiri pada 2002.", "2002.", True),
        ("Tahun berapa Kesultanan Banten berdiri?", "Kesultanan Banten berdiri tahun 1526.", "tahun 1526", True),
        ("Kapan Sunan Giri lahir?", "Sunan Giri lahir pada 1442 di Blambangan.", "1442", True),
        ("Kapan apel digelar?", "Apel diikuti 490 personel.", "490 personel", False),
        ("Di mana apel digelar?", "Apel digelar pagi ini.", "pagi ini", False),
    ],
)
def test_years_alone_answer_when_and_a_bare_phrase_never_where(question: str, sentence: str, span: str,
                                                              ok: bool) -> None:
    at = sentence.index(span)
    assert fits_type(analyze_question(question), sentence, at, at + len(span)) is ok


def test_an_english_question_names_a_place_in_its_english_spelling() -> None:
    """"Iraq" is written "Irak" in an Indonesian article: an English question's name meets it; an Indonesian
    question's never needed to, so its check stays exact."""
    from rag.compose import name_coverage

    article = make_article("irak", "Menteri Dalam Negeri Irak", ["Menteri Dalam Negeri Irak mengunjungi Baghdad."])
    assert name_coverage(analyze_question("Who is the interior minister of Iraq?"), article) == 1.0
    assert name_coverage(analyze_question("Siapa menteri dalam negeri Iraq?"), article) == 0.0
    assert name_coverage(analyze_question("Who is the interior minister of Iran?"), article) == 0.0


@pytest.mark.parametrize(("sentence", "span", "closest"), [
    ("Polda Bali mengamankan sembilan kabupaten/kota pada Pilkada 2024.", "sembilan", "9 regencies"),
])
def test_what_the_articles_do_state_is_worded_in_the_askers_language(sentence: str, span: str, closest: str) -> None:
    """A refusal that shows the closest figure says it as an answer would ("9 ...", not "sembilan")."""
    article = make_article("bali", "Polda Bali amankan Pilkada", [sentence], published="2024-11-20")
    reader = FakeReader([("", span, 6.0)])
    result, errors = answer(reader, "How many voters were registered in Bali for the 2024 Pilkada?", article)
    assert result.refused and not errors
    assert f"The closest they come: {closest}" in result.text and "sembilan" not in result.text


@pytest.mark.parametrize("span", ["rekapitulasi suara", "26 November 2024"])
def test_the_closest_a_how_many_refusal_names_is_a_figure(span: str) -> None:
    """A span that states no figure, or only a date's, is not "the closest they come" to a count: the refusal is
    the plain one."""
    article = make_article("bali", "Polda Bali amankan Pilkada",
                           ["Personel berjaga 26 November 2024 hingga rekapitulasi suara selesai."],
                           published="2024-11-20")
    result, errors = answer(FakeReader([("", span, 6.0)]),
                            "How many voters were registered in Bali for the 2024 Pilkada?", article)
    assert result.refused and not errors
    assert result.refusal_reason is RefusalReason.NOT_FOUND and "closest" not in result.text


def test_a_figure_whose_own_sentence_names_another_election_is_not_the_answer() -> None:
    """One window may state both elections' figures; the sentence, not the window, says whose a figure is."""
    bawaslu = make_article("bawaslu", "Bawaslu Petakan TPS Rawan", [
        "Pada Pemilu Februari 2024, Bawaslu memetakan TPS rawan dengan tujuh variabel dan 22 indikator. "
        "Untuk pilkada, jumlahnya menjadi delapan variabel dan 25 indikator."], published="2024-11-20")
    reader = FakeReader([("indikator", "22", 9.0), ("indikator", "25", 4.0)])
    result, _ = answer(reader, "Berapa indikator yang dipakai Bawaslu untuk Pilkada?", bawaslu, threshold=1.0)
    assert result.text.startswith("25 indikator")
    result, _ = answer(reader, "Berapa indikator yang dipakai Bawaslu pada Pemilu 2024?", bawaslu, threshold=1.0)
    assert result.text.startswith("22 indikator")


@pytest.mark.parametrize(("question", "text", "span", "whole"), [
    ("Apa yang larut?", "Batu kalsit (kalsium karbonat) larut dalam air.", "kalsit (kalsium karbonat",
     "kalsit (kalsium karbonat)"),  # a bracket opened is closed within the sentence
    ("Apa yang dicatat BPS?", "BPS mencatat inflasi bulanan (month to month pada November.",
     "inflasi bulanan (month to month", "inflasi bulanan"),  # ... or left out when the sentence never closes it
    ("Berapa usianya?", "Presiden itu wafat pada usia (71) tahun.", "71)", "71"),  # a lone bracket at the edge goes
    ("Kapan ia lahir?", "Ia lahir (1890) di Leiden.", "(1890", "1890"),
])
def test_an_answer_never_holds_half_a_bracket(question: str, text: str, span: str, whole: str) -> None:
    start = text.index(span)
    a, b = widen(analyze_question(question), text, start, start + len(span), len(text))
    assert text[a:b] == whole


def test_a_figures_clause_ends_at_the_figures_beside_it() -> None:
    text = ("Berdasarkan data Polda Bengkulu, dari 6.210 TPS tersebut terdapat 61 TPS kategori sangat rawan, "
            "283 TPS kategori rawan.")
    info = analyze_question("Berapa TPS sangat rawan di Bengkulu?")
    start = text.index("6.210")
    assert text[slice(*listed_count(info, text, start, start + len("6.210")))] == "61"


def test_a_question_asking_the_hour_takes_the_time_after_the_date() -> None:
    text = "Pelepasan dilakukan di Lapangan Mapolda Kalsel, Senin (25/11/2024) pukul 08.00 Wita."
    start = text.index("(25/11/2024)")
    end = start + len("(25/11/2024)")
    asked = analyze_question("Pukul berapa pelepasan personel Polda Kalsel?")
    a, b = widen(asked, text, start, end, len(text))
    assert text[a:b] == "(25/11/2024) pukul 08.00 Wita" and fits_type(asked, text, a, b)
    assert not fits_type(asked, text, start, end)  # a date alone does not say the hour
    when = analyze_question("Kapan pelepasan personel Polda Kalsel?")
    assert widen(when, text, start, end, len(text)) == (start, end) and fits_type(when, text, start, end)


def test_an_indonesian_question_for_the_hour_is_read_as_when() -> None:
    """The reader's training data asks times with "kapan"; the question itself still needs the hour."""
    info = analyze_question("Pukul berapa apel Polda Kalsel dimulai?")
    assert reader_questions(info) == ("kapan apel Polda Kalsel dimulai?",)
    assert reader_questions(analyze_question("Jam berapa apel dimulai?")) == ("kapan apel dimulai?",)
    reader = FakeReader([("kapan", "(25/11/2024)", 9.0)])  # the when-reading finds the date
    kalsel = make_article("kalsel", "Polda Kalsel lepas personel", [
        "Pelepasan dilakukan di Lapangan Mapolda Kalsel, Senin (25/11/2024) pukul 08.00 Wita."])
    result, _ = answer(reader, info.question, kalsel, threshold=4.0, overlap_weight=0.0, rank_weight=0.0)
    assert result.text.startswith("25 November 2024, pukul 08.00 WITA")



@pytest.mark.parametrize(("question", "span", "restated"), [
    ("Dari mana personel BKO Polda Sumbar berangkat?", "Kepolisian Daerah Sumatra Barat", True),  # a long name
    ("Which Korem supported Polda Kaltara in the 2024 Pilkada?", "Polda Kalimantan Utara", True),
    ("Pulau mana yang disebut Kapolda Kepri sebagai lokasi TPS terjauh?", "Kepulauan Riau", True),
    ("Dari mana personel BKO Polda Sumbar berangkat?", "Polda Sumbar", True),  # the asked name as written
    ("Polres mana yang menerima personel dari Polda DIY?", "Polres Gunungkidul", False),  # says something new
    ("Dari mana personel BKO Polda Sumbar berangkat?", "Lapangan Imam Bonjol", False),
    ("Siapa Kapolda Bali?", "Irjen Pol Daniel Adityajaya", False),
    ("Di mana apel digelar?", "Polda Bali", False),  # the question names no subject to restate
])
def test_a_name_span_that_only_restates_the_subject(question: str, span: str, restated: bool) -> None:
    assert restates_the_subject(analyze_question(question), span) is restated


def test_a_reader_span_ends_with_the_paragraph_it_starts_in() -> None:
    sumbar = make_article("sumbar", "Polda Sumbar geser personel", [
        "Ribuan personel BKO bergeser ke Polres Pesisir Selatan dua hari sebelum pencoblosan.",
        "PADANG – Polda Sumatra Barat memberangkatkan 1.109 personel."])
    span = "Polres Pesisir Selatan dua hari sebelum pencoblosan.\nPADANG – Polda Sumatra Barat"
    reader = FakeReader([("mana", span, 9.0)])
    result, errors = answer(reader, "Ke mana personel BKO berangkat?", sumbar, threshold=4.0, overlap_weight=0.0,
                            rank_weight=0.0)
    assert result.text.splitlines()[0] == "Polres Pesisir Selatan dua hari sebelum pencoblosan [1]." and not errors


@pytest.mark.parametrize(("question", "span", "given"), [
    ("How many of the 7,200 personnel in Kalteng came from the police?", "7.200 personel", True),  # any notation
    ("How many of the 7,200 personnel in Kalteng came from the police?", "5.200", False),
    ("Berapa personel Polda Bali pada Pilkada 2024?", "2024", False),  # a date's year is no figure given
    ("Berapa personel yang dikerahkan?", "1.048", False),  # the question gives no figure
])
def test_a_figure_the_question_states(question: str, span: str, given: bool) -> None:
    assert states_only_the_questions_figures(analyze_question(question), span) is given


@pytest.mark.parametrize(("question", "sentence", "rejected", "fitting", "answer_line"), [
    # the question's own subject, under its long name
    ("Dari mana personel BKO Polda Sumbar berangkat?",
     "Kepolisian Daerah Sumatra Barat (Polda Sumbar) memberangkatkan 1.109 personel dari Lapangan Imam Bonjol.",
     "Kepolisian Daerah Sumatra Barat", "Lapangan Imam Bonjol", "Lapangan Imam Bonjol [1]"),
    # a figure the question itself gives
    ("How many of the 7,200 personnel came from the police?",
     "Dari 7.200 personel itu, 5.200 personel berasal dari Polda, sisanya 2.000 personel dari TNI.",
     "7.200", "5.200", "5,200 personnel [1]"),
])
def test_a_span_that_only_repeats_the_question_is_neither_the_answer_nor_the_closest(
        question: str, sentence: str, rejected: str, fitting: str, answer_line: str) -> None:
    article = make_article("a", "Pengamanan Pilkada", [sentence])
    weights = {"threshold": 4.0, "overlap_weight": 0.0, "rank_weight": 0.0}
    result, errors = answer(FakeReader([(".", rejected, 9.0), (".", fitting, 6.0)]), question, article, **weights)
    assert result.text.startswith(answer_line) and not errors
    result, _ = answer(FakeReader([(".", rejected, 9.0)]), question, article, **weights)
    assert result.refused and "[1]" not in result.text  # no "closest they come" either



@pytest.mark.parametrize(("question", "span", "fits"), [
    ("In which village are the Pulau Tunda polling stations?", "Kabupaten Serang", False),
    ("In which village are the Pulau Tunda polling stations?", "Desa Wargasara", True),
    ("In which village are the Pulau Tunda polling stations?", "Wargasara", True),  # no kind named: may be any
    ("Kecamatan mana yang paling rawan?", "Kab. Agam", False),
    ("Di kota mana apel digelar?", "Kota Palangka Raya", True),
    ("Di mana apel digelar?", "Kabupaten Serang", True),  # the question asks no kind
    # with a kind asked, a post, a command or its headquarters, a count or a common noun is of none
    ("Which islands hold the most remote polling stations?", "Kapolda Kepri", False),
    ("Which islands hold the most remote polling stations?", "Polres Kepulauan Anambas", False),
    ("Which villages are served by Polresta Kendari?", "Mapolresta Kendari", False),
    ("Which districts had polling stations left unsecured?", "26 kecamatan", False),
    ("Pulau apa yang membentuk Maluku Barat Daya?", "kapal perang KRI Teluk Wondama", False),
    ("Which islands hold the most remote polling stations?", "Pulau Midai", True),
    ("Which islands hold the most remote polling stations?", "Midai", True),
    ("Di mana apel digelar?", "Polres Serang", True),  # no kind asked: a command is a place to meet
    # a command asked by its kind is answered by a named command
    ("Polres mana yang mengamankan 1.241 TPS?", "Polresta Denpasar", True),
    ("Polres mana yang mengamankan 1.241 TPS?", "Pilkada 2024", False),
    ("Which polres received the most personnel?", "kabupaten dan kota", False),
    ("Which polres received the most personnel?", "polresta", False),  # a kind, not a name
])
def test_a_place_of_another_kind_than_asked(question: str, span: str, fits: bool) -> None:
    assert of_the_asked_kind(analyze_question(question), span) is fits


def test_which_village_is_not_answered_with_a_regency() -> None:
    serang = make_article("serang", "TPS rawan di Pulau Tunda", [
        "Empat TPS di Pulau Tunda, Kabupaten Serang, masuk kategori rawan.",
        "Keempat TPS itu berada di Desa Wargasara, Kecamatan Tirtayasa."])
    reader = FakeReader([(".", "Kabupaten Serang", 9.0), (".", "Desa Wargasara", 6.0)])
    result, errors = answer(reader, "In which village are the Pulau Tunda polling stations?", serang,
                            threshold=4.0, overlap_weight=0.0, rank_weight=0.0)
    assert result.text.startswith("Desa Wargasara [") and not errors



@pytest.mark.parametrize(("text", "name", "full"), [
    ("Kapolresta Pontianak Kombes Pol Adhe Hariadi mengatakan apel digelar. Kata Adhe, apel lancar.", "Adhe",
     "Kombes Pol Adhe Hariadi"),
    ("Kapolres AKBP Condro Sasongko hadir. Menurut Condro Sasongko, semua siap.", "Condro Sasongko",
     "AKBP Condro Sasongko"),
    ("Kata Budi, apel lancar. Budi Santoso hadir.", "Budi", None),  # no mention with a rank
    ("Kombes Pol Adhe Hariadi memimpin apel.", "Kombes Pol Adhe Hariadi", None),  # already in full
])
def test_a_person_called_by_one_name_is_found_in_full(text: str, name: str, full: str | None) -> None:
    at = text.rindex(name)
    found = fuller_name(text, (0, len(text)), at, at + len(name))
    assert (text[slice(*found)] if found else None) == full


def test_a_who_answer_says_the_full_name_and_cites_where_it_is_introduced() -> None:
    pontianak = make_article("pontianak", "Polresta Pontianak siapkan personel", [
        "Kapolresta Pontianak Kombes Pol Adhe Hariadi mengatakan apel digelar untuk memastikan kesiapan anggota.",
        "Kesiapan anggota diperiksa mulai dari kebugaran hingga perlengkapan perorangan yang dibawa.",
        "\"Ada 2.100 TPS yang jadi tanggung jawab kami,\" kata Adhe usai memimpin apel."])
    reader = FakeReader([("memimpin", "Adhe", 8.0)])
    result, errors = answer(reader, "Siapa yang memimpin apel Polresta Pontianak?", pontianak, threshold=4.0,
                            overlap_weight=0.0, rank_weight=0.0)
    assert result.text.startswith("Kombes Pol Adhe Hariadi [1][2].") and not errors
    assert "memimpin apel" in result.citations[0].quote and "Kombes Pol Adhe" in result.citations[1].quote


_POLRES_LIST = ("Kapolda DIY merinci, Polresta Sleman mendapat 164 personel, Polres Bantul 150 personel, "
                "Polresta Yogyakarta 184 personel, dan Polres Gunungkidul 371 personel.")
_KELURAHAN_LIST = ("TPS tersebut berada di Kelurahan Sawah Lebar (dua TPS), Kelurahan Bentiring (dua TPS), "
                   "dan Kelurahan Rawa Makmur (tiga TPS).")


def test_the_items_of_a_listing_sentence() -> None:
    items = listed_items(_POLRES_LIST, 0, len(_POLRES_LIST))
    assert [(_POLRES_LIST[i.start : i.end], i.value) for i in items] == [
        ("Polresta Sleman", 164), ("Polres Bantul", 150), ("Polresta Yogyakarta", 184), ("Polres Gunungkidul", 371)]
    # the figure goes with the name where the article writes it right after it, not across a verb
    stated = [_POLRES_LIST[i.start : i.stated_end] for i in items]
    assert stated[:2] == ["Polresta Sleman", "Polres Bantul 150 personel"]
    assert len({i.noun for i in items}) == 1


@pytest.mark.parametrize(("question", "text", "read", "answer"), [
    ("Polres mana yang menerima personel terbanyak?", _POLRES_LIST, "Polresta Sleman",
     "Polres Gunungkidul 371 personel"),
    ("Which police unit received the fewest personnel?", _POLRES_LIST, "Polresta Sleman", "Polres Bantul 150 personel"),
    ("Kelurahan mana yang paling banyak TPS rawan banjir?", _KELURAHAN_LIST, "Kelurahan Sawah Lebar",
     "Kelurahan Rawa Makmur (tiga TPS)"),
    # a tie for the fewest: the reader's span stays
    ("Kelurahan mana yang paling sedikit TPS rawan banjir?", _KELURAHAN_LIST, "Kelurahan Bentiring",
     "Kelurahan Bentiring"),
    # no extreme asked: the reader's span stays
    ("Polres mana yang menerima personel?", _POLRES_LIST, "Polresta Sleman", "Polresta Sleman"),
    # a span outside the list: stays
    ("Polres mana yang menerima personel terbanyak?", _POLRES_LIST, "Kapolda DIY", "Kapolda DIY"),
    # figures of different nouns are no list of one measure
    ("Polres mana yang paling banyak?", "Polres Bantul 150 personel, dan Polres Sleman 30 TPS.", "Polres Bantul",
     "Polres Bantul"),
])
def test_the_most_of_a_list_is_its_largest_figure(question: str, text: str, read: str, answer: str) -> None:
    at = text.index(read)
    start, end = listed_extreme(analyze_question(question), text, at, at + len(read))
    assert text[start:end] == answer


def test_which_has_the_most_is_answered_and_cited_from_the_list() -> None:
    article = make_article("diy", "Polda DIY geser 933 personel", ["Sebanyak 933 personel digeser.", _POLRES_LIST])
    reader = FakeReader([("terbanyak", "Polresta Sleman", 9.0)])
    result, errors = answer(reader, "Polres mana yang menerima tambahan personel terbanyak?", article,
                            threshold=4.0, overlap_weight=0.0, rank_weight=0.0)
    assert result.text.startswith("Polres Gunungkidul 371 personel [1]") and not errors
    assert "Gunungkidul" in result.citations[0].quote


_BKO_LIST = ("Kapolda merinci, personel BKO itu diperbantukan ke Polresta Barelang sebanyak 686 personel, Polres "
             "Karimun 150 personel, Polres Natuna 30 personel, dan Polres Kepulauan Anambas 30 personel.")


@pytest.mark.parametrize(("text", "items"), [
    # the name after the figure when none stands before it; a capitalised count noun is no name
    ("Kelimanya meliputi satu TPS di Kelurahan Kayamanya, tiga TPS di Dusun Dongi-dongi.",
     [("Kelurahan Kayamanya", 1), ("Dusun Dongi-dongi", 3)]),
    # after the figure, the item's name is the last one there: a word right after the noun describes the noun
    ("Pasukan tersebut terdiri dari 675 personel Polresta Denpasar dan 123 personel bawah kendali operasi (BKO) "
     "dari Polda Bali.", [("Polresta Denpasar", 675), ("Polda Bali", 123)]),
    ("Jumlah itu terdiri dari 800 personel Polresta Denpasar dan 100 personel BKO dari Polda Bali.",
     [("Polresta Denpasar", 800), ("Polda Bali", 100)]),
    # the sentence's capitalised first word is no name; a quoted item ends at its comma and quote mark
    ('"Rinciannya 902 personel Polda Sulteng dan 2.991 personel dari polres jajaran," kata Karo Ops.',
     [("Polda Sulteng", 902)]),
])
def test_names_after_the_figure_and_no_first_word(text: str, items: list[tuple[str, float]]) -> None:
    assert [(text[i.start : i.end], i.value) for i in listed_items(text, 0, len(text))] == items


@pytest.mark.parametrize(("question", "answer"), [
    ("Berapa personel BKO yang diperbantukan ke Polres Natuna?", "30"),
    ("How many BKO personnel went to Polres Karimun?", "150"),
    ("Berapa personel BKO Polda Kepri?", "686"),  # no item is the asked name: the reader's figure stays
    ("Berapa personel BKO yang dikirim ke Polres Kepulauan?", "686"),  # no item's name ends with "Kepulauan"
])
def test_a_count_asked_of_one_listed_name_is_that_items_figure(question: str, answer: str) -> None:
    at = _BKO_LIST.index("686")
    start, end = listed_for_the_name(analyze_question(question), _BKO_LIST, at, at + 3)
    assert _BKO_LIST[start:end] == answer


def test_an_item_named_as_asked_comes_before_one_ending_with_a_name() -> None:
    text = ("Dari 5.986 personel, sebanyak 4.106 berasal dari polres jajaran, ditambah 882 petugas BKO Polda Lampung, "
            "581 anggota Brimob, dan 417 personel Samapta.")
    info = analyze_question("How many personnel were Brimob (did Polda Lampung deploy for the 2024 election)?")
    at = text.index("417")
    start, end = listed_for_the_name(info, text, at, at + 3)
    assert text[start:end] == "581"  # "Brimob" as asked, though "BKO Polda Lampung" ends with a name's last word


def test_a_count_asked_of_two_listed_names_keeps_the_figure_as_read() -> None:
    text = "Jumlah itu terdiri dari 800 personel Polresta Denpasar dan 100 personel BKO dari Polda Bali."
    info = analyze_question("Berapa personel BKO dari Polda Bali yang diperbantukan ke Polresta Denpasar?")
    at = text.index("100")
    assert listed_for_the_name(info, text, at, at + 3) == (at, at + 3)  # not Polresta Denpasar's own 800


def test_two_items_of_the_asked_name_leave_the_figure_as_read() -> None:
    text = "Personel dikirim ke Polres Natuna 30 personel dan Polsek Natuna 12 personel."
    at = text.index("30")
    assert listed_for_the_name(analyze_question("Berapa personel ke Natuna?"), text, at, at + 2) == (at, at + 2)


@pytest.mark.parametrize(("question", "sentence", "figure", "negated"), [
    ("Berapa TPS di Batam?", "Kami atur supaya satu polisi tidak merangkap jaga dua TPS atau lebih.", "dua", True),
    ("Berapa personel dikerahkan?", "Polda mengerahkan tidak kurang dari 500 personel.", "500", False),  # a bound
    ("How many voters per polling station?", "Each station has no more than 600 voters.", "600", False),
    ("Berapa pemda belum menandatangani?", "Sebanyak 23 pemda belum menandatangani NPHD.", "23", False),  # after it
    ("Berapa TPS tidak rawan?", "Kami tidak menambah 16 TPS.", "16", False),  # the question asks in the negative
    # left out of a total, the figure is still stated
    ("Berapa personel Brimob diperbantukan?", "Angka tersebut belum menghitung 83 personel Brimob.", "83", False),
    ("How many soldiers helped?", "The figure does not include 141 soldiers.", "141", False),
    ("How many soldiers helped?", "The figure, not including 141 soldiers, is final.", "141", False),
    ("How many soldiers helped?", "The unit did not send 141 soldiers.", "141", True),
    # the negator's reach ends at a relative clause or a measure word
    ("Berapa korban jiwa?", "Pemerintah tak mampu menanggulangi pemberontakan yang merenggut 12.000 jiwa.", "12.000",
     False),
    ("Berapa ganti rugi?", "Perusahaan tidak sanggup memberi ganti rugi sebesar 116 juta dollar.", "116", False),
    ("Berapa TPS dijaga?", "Polisi tidak menjaga dua TPS yang sama.", "dua", True),  # "yang" after the figure
])
def test_a_figure_its_clause_negates(question: str, sentence: str, figure: str, negated: bool) -> None:
    at = sentence.index(figure)
    assert under_negation(analyze_question(question), sentence, at, at + len(figure)) is negated


def test_a_negated_figure_is_neither_the_answer_nor_the_closest() -> None:
    article = make_article("kepri", "Pengamanan TPS Kepri", [
        "Kami atur supaya satu polisi tidak merangkap jaga dua TPS atau lebih.", "Terdapat 3.327 TPS di Kepri."])
    weights = {"threshold": 4.0, "overlap_weight": 0.0, "rank_weight": 0.0}
    reader = FakeReader([("TPS", "dua", 9.0), ("TPS", "3.327", 6.0)])
    result, errors = answer(reader, "Berapa TPS di Kepri?", article, **weights)
    assert result.text.startswith("3.327 TPS [") and not errors
    result, _ = answer(FakeReader([("TPS", "dua", 9.0)]), "Berapa TPS di Kepri?", article, **weights)
    assert result.refused and "dua" not in result.text


_SULTRA = ("Sebelumnya, Kapolda Sultra Irjen Pol Dwi Irianto bersama Wakapolda Brigjen Pol Amur Chandra Juli Buana "
           "memantau langsung pengamanan pendaftaran.")


@pytest.mark.parametrize(("text", "person", "post"), [
    (_SULTRA, "Irjen Pol Dwi", "kapolda"),
    (_SULTRA, "Brigjen Pol Amur", "wakapolda"),
    ("Karo Ops Polda Sultra Kombes Pol Tumpal Damayus mengatakan.", "Kombes", "karo"),  # the title's head
    ("Kapolresta Sleman Kombes Pol Yuswanto Ardi hadir.", "Kombes", "kapolres"),
    ("Apel dipimpin Irjen Pol Daniel Adityajaya.", "Irjen", None),  # no post written before the person
])
def test_the_post_written_before_a_person(text: str, person: str, post: str | None) -> None:
    found = post_before(text, text.index(person))
    assert (found[0] if found else None) == post


def test_a_who_question_for_a_post_is_not_answered_with_the_holder_of_another() -> None:
    article = make_article("sultra", "Pendaftaran Pilkada Sultra", [_SULTRA])
    reader = FakeReader([(".", "Irjen Pol Dwi Irianto", 9.0), (".", "Brigjen Pol Amur Chandra Juli Buana", 8.0)])
    weights = {"threshold": 4.0, "overlap_weight": 0.0, "rank_weight": 0.0}
    result, errors = answer(reader, "Siapa Wakapolda Sultra?", article, **weights)
    assert result.text.startswith("Brigjen Pol Amur Chandra Juli Buana [1]") and not errors
    result, _ = answer(reader, "Siapa Kapolda Sultra?", article, **weights)
    assert result.text.startswith("Irjen Pol Dwi Irianto [1]")


_CHIEFS = ("Kapolda DIY Irjen Pol Suwondo Nainggolan merinci. Kata Kapolresta Sleman Kombes Pol Yuswanto Ardi. "
           "Kapolda Sumbar Irjen Pol Suharyono hadir.")


@pytest.mark.parametrize(("question", "holders"), [
    ("Who is the Sleman police chief?", ["Kombes Pol Yuswanto"]),  # the Kapolda's title names another province
    ("Siapa Kapolda DIY?", ["Irjen Pol Suwondo"]),
    ("Siapa Kapolda Sumatera Barat?", ["Irjen Pol Suharyono"]),  # a province in any of its names
    ("Who is the police chief of Yogyakarta?", ["Irjen Pol Suwondo", "Kombes Pol Yuswanto"]),
    ("Siapa Kapolda?", ["Irjen Pol Suwondo", "Irjen Pol Suharyono"]),  # no place asked: the post alone decides
])
def test_a_person_holds_the_asked_post_of_the_asked_place(question: str, holders: list[str]) -> None:
    info = analyze_question(question)
    people = ["Irjen Pol Suwondo", "Kombes Pol Yuswanto", "Irjen Pol Suharyono"]
    assert [p for p in people if holds_the_asked_post(info, _CHIEFS, _CHIEFS.index(p))] == holders


def test_a_province_asked_as_a_whole_gets_its_own_figure_before_a_city_s_in_it() -> None:
    """A story on a city in the province carries the city's count ("Dari jumlah itu, delapan TPS ..." under a
    Polresta Denpasar title); asked of Bali, the province's own count that clears the cut answers, and the city's
    is no rival to it. Asked of the city, the city's count stands."""
    city = make_article("kota", "Polresta Denpasar petakan TPS sangat rawan",
                        ["Wilayah hukum Polresta Denpasar mencakup 1.241 TPS.",
                         "Dari jumlah itu, delapan TPS tergolong sangat rawan."], published="2024-11-26", region="Bali")
    province = make_article("provinsi", "Dari 6.795 TPS di Bali, 14 sangat rawan",
                            ["Polda Bali memetakan 6.795 TPS.", "Dari jumlah itu, 14 TPS dikategorikan sangat rawan."],
                            published="2024-11-25", region="Bali")
    reader = FakeReader([("TPS", "delapan", 9.0), ("TPS", "14", 6.0)])
    result, errors = answer(reader, "Berapa TPS sangat rawan di Bali?", city, province, threshold=3.0,
                            overlap_weight=0.0, rank_weight=0.0, name_weight=0.0)
    assert not errors and not result.conflicting
    assert result.text.startswith("14 TPS") and result.citations[0].article_id == "provinsi"
    result, _ = answer(reader, "Berapa TPS sangat rawan di Denpasar?", city, province, threshold=3.0,
                       overlap_weight=0.0, rank_weight=0.0, name_weight=0.0)
    assert result.text.startswith("delapan TPS")
    # a local unit the gazetteer does not list is a place within the province too
    unit = make_article("polres", "Polda Bali geser personel", ["Polres Xyzabc mengamankan delapan TPS sangat rawan."],
                        published="2024-11-26", region="Bali")
    result, _ = answer(reader, "Berapa TPS sangat rawan di Bali?", unit, province, threshold=3.0,
                       overlap_weight=0.0, rank_weight=0.0, name_weight=0.0)
    assert result.text.startswith("14 TPS")
    # the province's figure must clear the cut itself: below it, the city's count is still the best there is
    result, _ = answer(reader, "Berapa TPS sangat rawan di Bali?", city, province, threshold=7.0,
                       overlap_weight=0.0, rank_weight=0.0, name_weight=0.0)
    assert result.text.startswith("delapan TPS")


def test_a_city_asked_is_answered_before_its_province() -> None:
    """"3.327 TPS di Kepri" is the province's total: for Batam the listed city figure leads, for Kepri the total."""
    kepri = make_article("kepri", "Polda Kepri kawal TPS Pilkada",
                         ["Secara keseluruhan terdapat 3.327 TPS di Kepri.",
                          "Rinciannya, Kota Batam 1.821 TPS, Tanjungpinang 323 TPS, dan Natuna 142 TPS."])
    reader = FakeReader([("TPS", "3.327", 6.0), ("TPS", "1.821", 4.0)])
    result, errors = answer(reader, "Berapa TPS di Batam?", kepri)
    assert not errors and result.text.startswith("1.821")
    result, _ = answer(reader, "Berapa TPS di Kepri?", kepri)
    assert result.text.startswith("3.327")


@pytest.mark.parametrize(("question", "provinces"), [
    ("Berapa TPS di Provinsi Jambi pada Pemilu 2024?", {"Jambi"}),
    ("Berapa jumlah TPS se-Provinsi Bengkulu?", {"Bengkulu"}),
    ("Berapa TPS di Prov. Jambi?", {"Jambi"}),
    ("How many polling stations were in Jambi Province?", {"Jambi"}),
    ("How many polling stations were there in the Province of Jambi?", {"Jambi"}),
    ("Berapa TPS di Jambi?", set()),  # named without the word: ordered, not filtered
    ("Berapa TPS di Kota Jambi?", set()),
])
def test_provinces_asked_by_kind(question: str, provinces: set[str]) -> None:
    assert provinces_asked_by_kind(analyze_question(question)) == provinces


def test_a_province_asked_with_its_kind_word_is_not_answered_by_a_city_s_count() -> None:
    """"Berapa TPS di Provinsi Jambi?" asks the province's count: Kota Jambi's, however well read, answers another
    question, and with no count of the province the question is refused. Asked without the word, the city's count
    stays the best there is."""
    jambi = make_article("jambi", "Polda Jambi siapkan personel pengamanan TPS",
                         ["Berdasarkan DPT, pemilih di Kota Jambi mencapai 451.723 orang dengan 1.903 TPS.",
                          "Menurut Edi, personel akan disebar ke 11.032 TPS se-Jambi."], region="Jambi")
    reader = FakeReader([("TPS", "1.903", 9.0), ("TPS", "11.032", 6.0)])
    result, errors = answer(reader, "Berapa TPS di Provinsi Jambi?", jambi, threshold=3.0,
                            overlap_weight=0.0, rank_weight=0.0, name_weight=0.0)
    assert not errors and result.text.startswith("11.032 TPS")
    city_only = make_article("kota", "Polresta Jambi siapkan personel",
                             ["Berdasarkan DPT, pemilih di Kota Jambi mencapai 451.723 orang dengan 1.903 TPS."],
                             region="Jambi")
    result, _ = answer(reader, "Berapa TPS di Provinsi Jambi?", city_only, threshold=3.0,
                       overlap_weight=0.0, rank_weight=0.0, name_weight=0.0)
    assert result.refused and "1.903" not in result.text
    result, _ = answer(reader, "Berapa TPS di Jambi?", city_only, threshold=3.0,
                       overlap_weight=0.0, rank_weight=0.0, name_weight=0.0)
    assert result.text.startswith("1.903 TPS")


@pytest.mark.parametrize(("question", "provinces"), [
    ("How many TPS are in Batam?", {"Kepulauan Riau"}),
    ("Berapa personel Polda Bali di Denpasar?", set()),  # the province is named itself
    ("Berapa TPS di Kepri?", set()),
])
def test_provinces_asked_in_part(question: str, provinces: set[str]) -> None:
    assert provinces_asked_in_part(analyze_question(question)) == provinces


@pytest.mark.parametrize(
    ("question", "sentence", "span", "holds"),
    [
        # a post asked is held by a person: an institution written where the person would be holds none
        ("Who is the police chief of Cilegon?",
         "CILEGON – Kepolisian Resor (Polres) Cilegon, Polda Banten, menyiagakan 490 personel.", "Kepolisian Resor",
         False),
        ("Siapa Kapolres Cilegon?", "Pengamanan dipimpin Polres Cilegon bersama Kodim 0623.", "Polres Cilegon", False),
        # a person still does, with or without a rank
        ("Who is the police chief of Cilegon?", "Kapolres Cilegon AKBP Eko Tjahyo Untoro merinci kekuatan itu.",
         "AKBP Eko Tjahyo Untoro", True),
        ("Siapa Menteri Pekerjaan Umum?", "Menteri Pekerjaan Umum Djoko Kirmanto meresmikan jalan itu.",
         "Djoko Kirmanto", True),
        # no post asked: an institution may answer who did something
        ("Siapa yang menyiagakan 490 personel?",
         "CILEGON – Kepolisian Resor (Polres) Cilegon, Polda Banten, menyiagakan 490 personel.", "Kepolisian Resor",
         True),
    ],
)
def test_a_post_asked_is_held_by_a_person_not_an_institution(question: str, sentence: str, span: str,
                                                             holds: bool) -> None:
    assert holds_the_asked_post(analyze_question(question), sentence, sentence.index(span)) is holds


@pytest.mark.parametrize(("question", "sentence", "span", "fits"), [
    # a post on its own, or with what it heads, says which post, not who holds the one asked
    ("Siapa Pangdam IX/Udayana?", "Menurut Kapolda, Kodam IX/Udayana menyiapkan 1.319 personel.", "Kapolda", False),
    ("Siapa Kapolda Bali?", "Apel dipimpin Kapolda Bali di Denpasar.", "Kapolda Bali", False),
    ("Siapa Kapolda Bali?", "Apel dipimpin Kapolda Bali Irjen Pol Daniel Adityajaya.", "Irjen Pol Daniel Adityajaya",
     True),
    ("Siapa yang memimpin apel?", "Apel dipimpin Kapolda Bali di Denpasar.", "Kapolda Bali", True),  # no post asked
    # a count is no person, whatever is asked
    ("Siapa Danrem 163/Wirasatya?", "Korem 163/Wirasatya menyiapkan 1.319 prajurit TNI.", "1.319 prajurit TNI", False),
    ("Siapa yang disiagakan?", "Polda menyiagakan 1.319 prajurit TNI.", "1.319 prajurit TNI", False),
    ("Siapa yang dimaksud Wangsa Wettin?", "Wangsa Wettin adalah dinasti yang lebih dari 800 tahun memerintah Sachsen.",
     "dinasti yang lebih dari 800 tahun memerintah Sachsen", True),  # a description holding a count
    # a term is no one
    ("Who led the send-off of the personnel?", "Ribuan personel BKO bergeser ke polres jajaran.", "BKO", False),
    ("Siapa yang mengawal TPS?", "Personel BKO dan TNI mengawal TPS.", "BKO dan TNI", True),  # TNI is no term
])
def test_a_who_answer_names_someone(question: str, sentence: str, span: str, fits: bool) -> None:
    at = sentence.index(span)
    assert fits_type(analyze_question(question), sentence, at, at + len(span)) is fits


def test_a_post_is_neither_the_answer_nor_the_closest_to_who_holds_another() -> None:
    article = make_article("bali", "Pengamanan Pilkada Bali", [
        "Menurut Kapolda, Kodam IX/Udayana menyiapkan 1.319 personel untuk membantu pengamanan."])
    result, errors = answer(FakeReader([(".", "Kapolda", 9.0)]), "Siapa Pangdam IX/Udayana?", article)
    assert result.refused and not errors and "Kapolda" not in result.text


def test_the_total_a_figure_is_one_part_of() -> None:
    text = ("Polres Cilegon menyiagakan 490 personel, Senin (12/2/2024). Kapolres merinci, kekuatan itu terdiri dari "
            "452 personel pengamanan TPS, 12 perwira pengendali, 18 personel Tim Samapta, dan 8 operator.")
    at = text.index("452")
    total = total_of_parts(text, at, at + 3)
    assert total is not None and text[slice(*total)] == "490"  # in the sentence before; the date is no figure
    listed = "Dari 17.626 TPS itu, 161 TPS masuk kategori sangat rawan, 794 TPS rawan, dan 16.671 TPS tidak rawan."
    at = listed.index("794")
    assert text_of(listed, total_of_parts(listed, at, at + 3)) == "17.626"  # in its own sentence
    trailing = ("Sebanyak 1.000 personel, terdiri dari 935 anggota dan 65 perwira pengendali, diberangkatkan ke "
                "13 kabupaten/kota.")
    at = trailing.index("935")
    assert text_of(trailing, total_of_parts(trailing, at, at + 3)) == "1.000"  # the 13 after the list is no part
    unrelated = "Polda menurunkan 900 personel. Sebanyak 800 personel dan 60 prajurit ikut apel."
    at = unrelated.index("800")
    assert total_of_parts(unrelated, at, at + 3) is None  # 800 + 60 is no figure stated


def text_of(text: str, span: tuple[int, int] | None) -> str | None:
    return None if span is None else text[slice(*span)]


_BREAKDOWN = make_article("cilegon", "Polres Cilegon siagakan personel", [
    "Polres Cilegon menyiagakan 490 personel untuk mengamankan TPS dan mengawal logistik Pemilu 2024.",
    "Kapolres merinci, kekuatan itu terdiri dari 452 personel pengamanan TPS, 12 perwira pengendali, "
    "18 personel Tim Samapta, dan 8 operator rekapitulasi.",
    "Polresta Sleman mendapat 164 personel, Polres Bantul 150 personel, dan Polresta Yogyakarta 184 personel, "
    "dari 498 personel yang digeser Polda DIY.",
])


@pytest.mark.parametrize(("question", "proposed", "answer"), [
    ("Berapa total personel yang disiagakan Polres Cilegon untuk Pemilu 2024?", "452", "490 personel"),
    ("How many personnel did Polres Cilegon put on standby for the 2024 election?", "452", "490 personnel"),
    ("Berapa personel yang digeser ke Polresta Yogyakarta?", "184", "184 personel"),  # the part names it
])
def test_a_part_of_a_stated_total_answers_as_the_total(question: str, proposed: str, answer: str) -> None:
    reader = FakeReader([(".", proposed, 4.0)])
    result = ReaderAnswerer(reader, Calibration()).answer(question, analyze_question(question),
                                                          retrieved(_BREAKDOWN, paragraphs_per_chunk=3))
    assert result.text.startswith(answer), result.text
    assert answer.split()[0].replace(",", ".") in result.citations[0].quote


def test_a_part_asked_by_its_qualifier_or_as_a_side_stays_a_part() -> None:
    kalbar = make_article("kalbar", "Polda Kalbar", [
        "Dari 17.626 TPS itu, 161 TPS masuk kategori sangat rawan, 794 TPS rawan, dan 16.671 TPS tidak rawan."])
    question = "Berapa TPS sangat rawan di Kalbar?"
    result = ReaderAnswerer(FakeReader([(".", "161", 4.0)]), Calibration()).answer(
        question, analyze_question(question), retrieved(kalbar))
    assert result.text.startswith("161 TPS")
    question = "Berapa total personel Polres Cilegon ditambah BKO Polda Banten untuk Pemilu 2024?"
    info = analyze_question(question)
    assert info.parts and all(part.side for part in info.parts)
    both = analyze_question("Berapa personel Polres Cilegon pada Pemilu 2024 dan Pilkada 2024?")
    assert both.parts and not any(part.side for part in both.parts)  # "both" lists each side's whole


def test_a_side_of_a_sum_takes_its_share_of_a_total_a_whole_question_the_total() -> None:
    tanjab = make_article("tanjab", "Polres Tanjab Barat turunkan personel", [
        "Pengamanan TPS pada Pilkada 2024 melibatkan 246 personel. Jumlah itu terdiri dari 203 personel Polres "
        "Tanjab Barat dan 43 personel BKO dari Polda Jambi.",
    ])
    reader = FakeReader([("Tanjab", "246", 4.0), ("BKO", "43", 4.0)])  # the total for the Tanjab Barat side
    question = ("How many Polres Tanjab Barat personnel plus Polda Jambi BKO were placed at polling stations for "
                "the 2024 Pilkada in total?")
    result = ReaderAnswerer(reader, Calibration()).answer(question, analyze_question(question), retrieved(tanjab))
    assert "203 + 43 = 246" in result.text, result.text
    question = "How many Polres Tanjab Barat personnel were placed at polling stations for the 2024 Pilkada?"
    result = ReaderAnswerer(reader, Calibration()).answer(question, analyze_question(question), retrieved(tanjab))
    assert result.text.startswith("246 personnel"), result.text  # a whole question: the unit's whole deployment


@pytest.mark.parametrize(("question", "answer"), [
    ("Berapa TPS di Batam?", "1.821 TPS"),
    ("How many polling stations are in Natuna?", "142 polling stations"),
    ("Berapa TPS di Kepri?", "3.327 TPS"),  # the province asked: its own total
    ("Berapa TPS di Lingga?", None),  # no part of the breakdown writes Lingga: the province's total is not its
])
def test_a_city_asked_of_its_provinces_total_takes_its_share(question: str, answer: str | None) -> None:
    kepri = make_article("kepri", "Polda Kepri kawal TPS Pilkada", [
        "Secara keseluruhan terdapat 3.327 TPS di Kepri. Rinciannya, Kota Batam 1.821 TPS, Tanjungpinang 323 TPS, "
        "Karimun 1.041 TPS, dan Natuna 142 TPS.", "Kapolda juga meninjau Lingga.",
    ])
    reader = FakeReader([(".", "3.327", 4.0)])  # the reader reads the province's total for every question
    result = ReaderAnswerer(reader, Calibration()).answer(question, analyze_question(question), retrieved(kepri))
    if answer is None:
        assert result.refused, result.text
        return
    assert result.text.startswith(answer + " [1]"), result.text
    quote = result.citations[0].quote
    assert quote.startswith("Rinciannya" if answer.split()[0] in ("1.821", "142") else "Secara"), quote


@pytest.mark.parametrize(("question", "answer"), [
    ("Berapa pemilih perempuan di Maluku Utara?", "463.500 perempuan"),
    ("How many female voters are there in Maluku Utara?", "463,500 women"),
    ("Berapa pemilih laki-laki di Maluku Utara?", "490.478 laki-laki"),
])
def test_a_count_by_the_asked_kind_fits_though_its_noun_is_the_kind(question: str, answer: str) -> None:
    malut = make_article("malut", "Polda Malut amankan Pemilu", [
        "Jumlah DPT mencapai 953.978 pemilih, terdiri dari 490.478 laki-laki dan 463.500 perempuan."])
    reader = FakeReader([("perempuan|female", "463.500", 4.0), ("laki", "490.478", 4.0)])
    result = ReaderAnswerer(reader, Calibration()).answer(question, analyze_question(question), retrieved(malut))
    assert result.text.startswith(answer + " [1]"), result.text


@pytest.mark.parametrize(("name", "ranked"), [
    ("Irjen Pol Abdul Karim", ("Irjen Pol", "Abdul Karim")),
    ("Kapolda Kepri Inspektur Jenderal Polisi Yan Fitri", ("Inspektur Jenderal Polisi", "Yan Fitri")),
    ("Jenderal TNI Agus Subiyanto", ("Jenderal TNI", "Agus Subiyanto")),
    ("AKBP I Dewa Agung Roy Marantika", ("AKBP", "I Dewa Agung Roy Marantika")),
    ("Abdul Karim", None),  # no rank written
])
def test_a_rank_is_the_rank_words_written_before_the_name(name: str, ranked: tuple[str, str] | None) -> None:
    assert rank_of(name) == ranked


def test_a_rank_question_is_answered_with_the_rank_of_the_person_who_holds_the_post() -> None:
    pontianak = make_article("pontianak", "Polresta Pontianak siapkan personel", [
        "Kapolresta Pontianak Kombes Pol Adhe Hariadi mengatakan apel digelar untuk memastikan kesiapan anggota.",
        "\"Ada 2.100 TPS yang jadi tanggung jawab kami,\" kata Adhe usai memimpin apel."])
    reader = FakeReader([("Kapolresta", "Kombes Pol Adhe Hariadi", 8.0)])
    for question in ("Apa pangkat Kapolresta Pontianak?", "What is the Kapolresta Pontianak's rank?"):
        result, errors = answer(reader, question, pontianak, threshold=4.0, overlap_weight=0.0, rank_weight=0.0)
        assert result.text == "Kombes Pol (Adhe Hariadi) [1]." and not errors, question
    assert [q for q, _ in reader.calls] == ["Siapa Kapolresta Pontianak?", "siapa Kapolresta Pontianak?"]  # glossed


def test_a_person_found_without_a_written_rank_gives_no_rank() -> None:
    pontianak = make_article("pontianak", "Polresta Pontianak siapkan personel", [
        "Kapolresta Pontianak Adhe Hariadi mengatakan apel digelar untuk memastikan kesiapan anggota."])
    reader = FakeReader([("Kapolresta", "Adhe Hariadi", 8.0)])
    result, _ = answer(reader, "Apa pangkat Kapolresta Pontianak?", pontianak, threshold=4.0, overlap_weight=0.0,
                       rank_weight=0.0)
    assert result.refused and "Adhe" not in result.text.split("\n")[0]
    who, _ = answer(reader, "Siapa Kapolresta Pontianak?", pontianak, threshold=4.0, overlap_weight=0.0,
                    rank_weight=0.0)
    assert who.text.startswith("Adhe Hariadi [1]")  # the who-question itself is answered


_KALTARA = ("TANJUNG SELOR – Tiga hari sebelum pencoblosan Pilkada 2024, Polda Kalimantan Utara mengecek kesiapan "
            "personel, Minggu (24/11/2024).")
_NTB = "MATARAM – Lima hari sebelum pencoblosan Pilkada 27 November 2024, Polda NTB menggelar apel, Jumat (22/11/2024)."


@pytest.mark.parametrize(("question", "text", "span", "counted"), [
    ("Kapan hari pencoblosan Pilkada 2024?", _KALTARA, "(24/11/2024)", True),
    ("When is polling day for the 2024 Pilkada?", _KALTARA, "(24/11/2024)", True),
    ("Kapan hari pencoblosan Pilkada 2024?", _NTB, "27 November 2024", False),  # inside the phrase: the event's own
    ("Kapan hari pencoblosan Pilkada 2024?", _NTB, "(22/11/2024)", True),
    ("Kapan Polda Kalimantan Utara mengecek kesiapan personel?", _KALTARA, "(24/11/2024)", False),  # another event
])
def test_a_date_counted_from_the_asked_event_is_not_its_date(question: str, text: str, span: str,
                                                             counted: bool) -> None:
    at = text.index(span)
    assert counted_from_the_asked_event(analyze_question(question), text, at, at + len(span)) is counted


def test_a_date_counted_from_the_polling_day_is_no_rival_to_the_polling_day() -> None:
    kaltara = make_article("kaltara", "Polda Kaltara cek kesiapan", [_KALTARA], published="2024-11-25")
    ntb = make_article("ntb", "Polda NTB gelar apel", [_NTB], published="2024-11-22")
    reader = FakeReader([("pencoblosan", "27 November 2024", 8.0), ("pencoblosan", "(24/11/2024)", 7.9)])
    result, errors = answer(reader, "Kapan hari pencoblosan Pilkada 2024?", ntb, kaltara, threshold=4.0,
                            overlap_weight=0.0, rank_weight=0.0)
    assert result.text.startswith("27 November 2024 [1].") and not result.conflicting and not errors


def test_a_date_whose_sentence_counts_from_another_event_still_dates_the_sentences_own() -> None:
    text = ("Pada Juli 2004, empat bulan sebelum terjadi gempa bumi dan tsunami, Pusat Penelitian Geoteknologi LIPI "
            "telah membuat selebaran berisi peringatan akan terjadi gempa bumi dahsyat.")
    info = analyze_question("Kapan Pusat Penelitian Geoteknologi LIPI membuat selebaran berisi peringatan gempa bumi?")
    at = text.index("Juli 2004")
    assert not counted_from_the_asked_event(info, text, at, at + len("Juli 2004"))
    quake = analyze_question("Kapan terjadi gempa bumi dan tsunami?")
    assert counted_from_the_asked_event(quake, text, at, at + len("Juli 2004"))


@pytest.mark.parametrize(("question", "fits"), [
    ("Berapa TPS di Halmahera Selatan?", False),  # the list counts personnel: its noun is written once
    ("How many polling stations are in South Halmahera?", False),
    ("Berapa personel BKO ke Polres Halmahera Selatan?", True),
    ("Berapa korban di Halmahera Selatan?", True),  # a noun Siaga does not know never vetoes
])
def test_a_bare_figure_of_a_list_counts_the_lists_noun(question: str, fits: bool) -> None:
    text = "Rinciannya, Polresta Tidore 65 personel, Polres Halmahera Utara 45, Polres Halmahera Selatan 175."
    at = text.index("175")
    assert fits_type(analyze_question(question), text, at, at + 3) is fits


def test_a_bare_figure_of_a_list_is_answered_with_the_lists_noun() -> None:
    malut = make_article("malut", "845 personel BKO Polda Malut disebar ke sembilan polres", [
        "Rinciannya, Polresta Tidore 65 personel, Polres Halmahera Utara 63, Polres Kepulauan Sula 151, dan Polres "
        "Pulau Taliabu 94."])
    reader = FakeReader([("Sula", "151", 4.0), ("TPS", "151", 4.0)])
    question = "How many BKO personnel went to Polres Kepulauan Sula?"
    result = ReaderAnswerer(reader, Calibration()).answer(question, analyze_question(question), retrieved(malut))
    assert result.text.startswith("151 personnel [1]"), result.text
    question = "Berapa TPS di Kepulauan Sula?"  # the list counts personnel, not polling stations
    result = ReaderAnswerer(reader, Calibration()).answer(question, analyze_question(question), retrieved(malut))
    assert result.refused, result.text


def test_a_list_writing_its_noun_once_is_still_one_measure() -> None:
    text = ("Rinciannya, Polresta Tidore 65 personel, Polres Halmahera Utara 63, Polres Halmahera Selatan 224, dan "
            "Polres Pulau Taliabu 94.")
    info = analyze_question("Berapa personel BKO yang dikirim ke Polres Halmahera Selatan?")
    at = text.index("65")
    start, end = listed_for_the_name(info, text, at, at + 2)
    assert text[start:end] == "224"  # the reader's first item moved to the asked one
    mixed = "Polresta Tidore 65 personel, Polres Halmahera Utara 63 kapal, dan Polres Halmahera Selatan 224."
    at = mixed.index("65")
    assert listed_for_the_name(info, mixed, at, at + 2) == (at, at + 2)  # two written nouns: no one measure


def test_a_name_asked_by_its_kind_is_the_span_opening_with_the_kind() -> None:
    bali = make_article("bali", "Polda Bali amankan Pilkada", [
        "Kepala Polda Bali Irjen Pol Daniel Adityajaya memimpin apel di Denpasar.",
        "Seluruh kegiatan itu merupakan bagian dari Operasi Mantap Praja Agung 2024.",
    ], published="2024-11-25", region="Bali")
    reader = FakeReader([("operasi", "Polda Bali Irjen Pol", 6.5), ("operasi", "Operasi Mantap Praja Agung 2024", 6.0),
                         ("kapal", "Polda Bali Irjen Pol", 6.5), ("kapal", "Operasi Mantap Praja Agung 2024", 6.0)])
    result, errors = answer(reader, "Apa nama operasi pengamanan Pilkada di Bali?", bali, n_best=3)
    assert not errors and result.text.startswith("Operasi Mantap Praja Agung 2024 [1]")
    other, _ = answer(reader, "Apa nama kapal pengamanan Pilkada di Bali?", bali, n_best=3)  # another kind
    assert other.text.startswith("Polda Bali Irjen Pol [1]")


def test_a_city_asked_is_not_answered_by_a_figure_stated_of_its_province_as_a_whole() -> None:
    bengkulu = make_article("bengkulu", "Polresta Bengkulu siagakan 215 personel", [
        "Seluruh TPS di Kota Bengkulu akan dijaga 215 personel Polresta Bengkulu.",
        "Di tingkat provinsi, Polda Bengkulu menyiagakan 2.653 personel untuk 3.449 TPS di Provinsi Bengkulu.",
    ], published="2024-11-21", region="Bengkulu")
    reader = FakeReader([("TPS", "3.449 TPS", 6.0)])
    city, errors = answer(reader, "Berapa TPS yang diamankan Polresta Bengkulu?", bengkulu)
    assert not errors and city.refused
    province, _ = answer(reader, "Berapa TPS yang diamankan Polda Bengkulu?", bengkulu)
    assert province.text.startswith("3.449 TPS [1]")


def test_yes_no_is_settled_by_the_sentence_about_the_asked_figure() -> None:
    """"99" is a term: the sentence about those 99 TPS wins over one sharing more of the question's other words."""
    kaltara = make_article("kaltara", "Polda Kaltara siagakan 1.178 personel", [
        "Kabid Humas Polda Kaltara Kombes Budi Rachmat menambahkan, personel juga berpatroli di sekitar kantor KPU.",
        "Hary menegaskan tidak ada penambahan personel untuk 99 TPS itu.",
    ], region="Kalimantan Utara")
    for question, verdict in (("Apakah Polda Kaltara menambah personel untuk 99 TPS terpencil?", "Tidak"),
                              ("Did Polda Kaltara add personnel for the 99 remote polling stations?", "No")):
        result, errors = answer(FakeReader([]), question, kaltara)
        assert not errors and result.text.startswith(verdict), result.text
        assert "99" not in result.text.split("\n")[0]  # a denial, not the 99, settles it: the figure is not said


@pytest.mark.parametrize(("question", "first_line"), [
    ("Apakah Polda Malut mengirim 700 personel?", "Tidak. 662 personel [1]."),  # the act is stated, another figure
    ("Did Polda Malut send 700 personnel?", "No. 662 personnel [1]."),
    ("Apakah Polda Malut mengirim 662 personel?", "Ya. 662 personel [1]."),
    ("Apakah Polda Malut menjaga 2.511 TPS?", "Ya. 2.511 TPS [1]."),  # "662 personel" counts another noun
    ("Apakah Polda Malut dibantu 3.000 prajurit TNI?", "Ya. Sekitar 3.000 prajurit [1]."),  # its hedge is said
])
def test_yes_no_about_a_figure_the_sentence_states_otherwise_is_no(question: str, first_line: str) -> None:
    malut = make_article("malut", "Polda Malut kirim personel", [
        "Polda Maluku Utara mengirim 662 personel untuk menjaga 2.511 TPS di sembilan kabupaten/kota.",
        "Polda Maluku Utara juga dibantu sekitar 3.000 prajurit TNI.",
    ], region="Maluku Utara")
    result, errors = answer(FakeReader([]), question, malut)
    assert not errors and result.text.split("\n")[0] == first_line, result.text


def test_a_date_answers_for_what_its_sentence_tells() -> None:
    sultra = make_article("sultra", "Polda Sultra geser pasukan pengamanan Pilkada 2024", [
        "Seluruh personel akan diberangkatkan ke lokasi penugasan masing-masing pada Minggu (24/11/2024).",
        "Kapolda menyebut apel itu sebagai penanda kesiapan menghadapi pencoblosan 27 November 2024.",
    ], published="2024-11-22", region="Sulawesi Tenggara")
    reader = FakeReader([("Kapan", "(24/11/2024)", 6.5), ("Kapan", "27 November 2024", 6.0)])
    result, errors = answer(reader, "Kapan pencoblosan Pilkada 2024?", sultra, n_best=3)
    assert not errors and result.text.startswith("27 November 2024 [1]"), result.text
    left, _ = answer(reader, "Kapan personel Polda Sultra diberangkatkan ke lokasi penugasan?", sultra, n_best=3)
    assert left.text.startswith("24 November 2024 [1]"), left.text


@pytest.mark.parametrize(("title", "sentences", "question", "proposed", "answer"), [
    # the total's clause names the asked unit ("Wakapolresta Denpasar ... menurunkan 900"): the unit's own total
    ("Pengamanan Pilkada di Denpasar", [
        "Wakapolresta Denpasar AKBP Roy Marantika menyebut pihaknya menurunkan 900 personel.",
        "Jumlah itu terdiri dari 800 personel Polresta Denpasar dan 100 personel BKO dari Polda Bali."],
     "How many personnel did Polresta Denpasar deploy for the Pilkada?", "800", "900 personnel"),
    # the total's clause names no unit: the article's title says whose it is
    ("Polres Tanjab Barat turunkan 246 personel", [
        "Pengamanan TPS pada Pilkada 2024 melibatkan 246 personel.",
        "Jumlah itu terdiri dari 203 personel Polres Tanjab Barat dan 43 personel BKO dari Polda Jambi."],
     "How many personnel did Polres Tanjab Barat deploy for the Pilkada?", "203", "246 personnel"),
    # the total is another unit's (Polda DIY's): the asked unit's part stays
    ("Kapolda DIY geser personel", [
        "Polda DIY menggeser 498 personel ke polres jajaran.",
        "Polresta Sleman mendapat 164 personel, Polres Bantul 150 personel, dan Polresta Yogyakarta 184 personel."],
     "How many personnel did Polresta Yogyakarta get?", "184", "184 personnel"),
])
def test_a_part_naming_the_asked_unit_gives_way_to_the_total_that_is_its_own(
        title: str, sentences: list[str], question: str, proposed: str, answer: str) -> None:
    article = make_article("breakdown", title, sentences)
    reader = FakeReader([(".", proposed, 4.0)])
    result = ReaderAnswerer(reader, Calibration()).answer(question, analyze_question(question),
                                                          retrieved(article, paragraphs_per_chunk=2))
    assert result.text.startswith(answer), result.text


PATTERN = ("Polda Kepri memetakan 3.327 TPS. Untuk TPS kurang rawan, satu personel dapat mengawasi hingga delapan TPS. "
           "Polres Poso menugaskan dua personel di setiap TPS tersebut. Prinsipnya, satu TPS satu personel. "
           "Satu TPS di Bandar Lampung masuk kategori sangat rawan. Salah satu TPS dijaga 12 personel. "
           "Polda menyiapkan 1.190 personel untuk 3.327 TPS. Satu TPS kini melayani hingga 600 pemilih.")


@pytest.mark.parametrize(("figure", "occurrence", "rate"), [
    ("delapan", 0, True),  # beside a base of another noun: "satu personel"
    ("satu", 0, True),  # "satu personel": the base itself, with "delapan TPS" beside it
    ("dua", 0, True),  # "dua personel di setiap TPS"
    ("satu", 1, True), ("satu", 2, True),  # "satu TPS satu personel": both sides
    ("600", 0, True),  # voters per polling station
    ("Satu", 0, False),  # "Satu TPS di Bandar Lampung": one polling station, counted
    ("12", 0, False),  # "Salah satu TPS" is "one of the polling stations", no base
    ("1.190", 0, False), ("3.327", 1, False),  # a total for a total
    ("3.327", 0, False),
])
def test_a_figure_of_a_staffing_rate_is_told_from_a_count(figure: str, occurrence: int, rate: bool) -> None:
    import re as _re

    starts = [m.start() for m in _re.finditer(rf"\b{_re.escape(figure)}\b", PATTERN)]
    start = starts[occurrence]
    assert in_a_rate(PATTERN, start, start + len(figure)) is rate


@pytest.mark.parametrize(("question", "asks"), [
    ("How many officers guard each very vulnerable polling station in Pontianak?", True),
    ("How many officers guard one polling station?", True),
    ("Berapa TPS yang diawasi satu personel di Kendari?", True),
    ("Berapa personel yang menjaga setiap TPS di Poso?", True),
    ("Berapa personel Polres Poso untuk Pemilu 2024?", False),
    ("How many police officers guarded polling stations in Batam?", False),
    ("Berapa TPS di salah satu kecamatan?", False),
])
def test_a_question_asking_how_many_per_one(question: str, asks: bool) -> None:
    assert asks_a_rate(question) is asks


@pytest.mark.parametrize(("question", "fits"), [
    ("Berapa personel Polres Poso untuk Pemilu 2024?", False),  # a total asked: the rate does not answer it
    ("Berapa personel yang menjaga setiap TPS di Poso?", True),  # the rate asked
])
def test_a_rate_answers_only_a_question_asking_a_rate(question: str, fits: bool) -> None:
    text = "Polres Poso menugaskan dua personel di setiap TPS tersebut."
    start = text.index("dua")
    assert fits_type(analyze_question(question), text, start, start + len("dua personel")) is fits


@pytest.mark.parametrize(("question", "span", "fits"), [
    ("Kapan Polda Kalsel melepas personel untuk Pilkada?", "2024", False),  # the election's name, not a day
    ("Kapan Polda Kalsel melepas personel untuk Pilkada?", "(25/11/2024)", True),
    ("Tahun berapa Pilkada serentak digelar?", "2024", True),  # the year asked
    ("Kapan Kemendagri mulai meminta pemda berkoordinasi?", "2022", True),  # a year written alone dates
])
def test_the_year_of_an_elections_name_is_no_date(question: str, span: str, fits: bool) -> None:
    text = ("Sebanyak 1.000 personel Polda Kalsel dilepas untuk pengamanan Pilkada Serentak 2024. Pelepasan "
            "dilakukan Kapolda Kalsel pada Senin (25/11/2024). Sejak 2022 Kemendagri meminta pemda berkoordinasi.")
    start = text.index(span)
    assert fits_type(analyze_question(question), text, start, start + len(span)) is fits


@pytest.mark.parametrize(("question", "answer"), [
    ("Berapa anggaran pengamanan TNI untuk Pilkada 2024?", "Rp377,62 miliar"),  # the amount said of the name
    ("Berapa dana pengamanan Pilkada dari APBD?", "Rp898,57 miliar"),  # no name written beside any: the first
    ("Berapa honor KPPS?", "antara Rp1 juta dan Rp1,5 juta"),  # a range is one amount
])
def test_a_span_of_several_amounts_answers_with_one(question: str, answer: str) -> None:
    from rag.compose import one_amount

    text = ("Dana pengamanan dari APBD untuk kepolisian sebesar Rp898,57 miliar dan untuk TNI sekitar Rp377,62 "
            "miliar, atau total sekitar Rp1,27 triliun. Honor KPPS antara Rp1 juta dan Rp1,5 juta.")
    span = answer if answer.startswith("antara") else "Rp898,57 miliar dan untuk TNI sekitar Rp377,62 miliar"
    start = text.index(span)
    a, b = one_amount(analyze_question(question), text, start, start + len(span))
    assert text[a:b] == answer


@pytest.mark.parametrize(("name", "sentence", "written"), [
    ("Polda Bali", "Kepolisian Daerah Bali menerjunkan 2.349 personel.", True),  # the command written out
    ("Polresta Denpasar", "Kepolisian Resor Kota Denpasar menurunkan 900 personel.", True),
    ("Polres Denpasar", "Kepolisian Daerah Bali menerjunkan 2.349 personel.", False),  # another command
])
def test_a_command_is_mentioned_by_its_long_form(name: str, sentence: str, written: bool) -> None:
    from rag.compose import mentions, names_the_command

    article = make_article("x", "Pengamanan Pilkada", [sentence], region="Bali")
    assert (mentions(article, name) and names_the_command(article, name)) is written


def test_of_two_close_figures_each_stating_the_name_the_one_from_the_story_about_it_leads() -> None:
    """Polda Bali's 100 personnel lent to Polresta Denpasar (a story about Denpasar) score a little above Polda
    Bali's own 2.349, written out as "Kepolisian Daerah Bali": both sentences state the asked command, so the
    story whose title names it leads, and the other figure is shown beside it."""
    own = make_article("bali", "Polda Bali siagakan 2.349 personel untuk Pilkada",
                       ["Kepolisian Daerah Bali menerjunkan 2.349 personel untuk mengamankan Pilkada 2024."],
                       published="2024-11-25", region="Bali")
    lent = make_article("denpasar", "Polresta Denpasar turunkan 900 personel Pilkada",
                        ["Polresta Denpasar juga menerima 100 personel BKO dari Polda Bali untuk Pilkada 2024."],
                        published="2024-11-26", region="Bali")
    reader = FakeReader([("personel", "2.349", 6.0), ("personel", "100", 6.3)])
    result, errors = answer(reader, "Berapa personel Polda Bali untuk Pilkada 2024?", lent, own,
                            conflict_margin=1.5, overlap_weight=0.0, rank_weight=0.0)
    assert not errors and result.citations[0].article_id == "bali"
    assert result.text.startswith("Artikel menyebut angka berbeda: 2.349 personel")


BALI_BREAKDOWN = ("Kepolisian Daerah Bali menerjunkan 2.349 personel untuk mengamankan Pilkada 2024. Kapolda "
                  "menjelaskan kekuatan itu terbagi atas 1.162 personel pengamanan TPS yang di-BKO-kan ke polres, "
                  "493 personel satuan tugas operasi, serta 469 personel di pos komando taktis. Selain itu, "
                  "disiapkan 225 personel Brimob sebagai cadangan.")


@pytest.mark.parametrize(("question", "item", "total"), [
    ("How many personnel did Polda Bali deploy for the Pilkada?", "469", "2.349"),  # items need not add up
    ("Berapa personel yang dikerahkan Polda Bali?", "1.162", "2.349"),
    # the item asked: its clause tells more of the question than the total's
    ("Berapa personel Polda Bali yang di-BKO-kan ke polres untuk pengamanan TPS?", "1.162", None),
    ("Berapa personel Brimob yang disiapkan Polda Bali?", "225", None),  # no breakdown opens before it
])
def test_an_item_of_a_breakdown_that_does_not_add_up_has_its_total(question: str, item: str,
                                                                   total: str | None) -> None:
    from rag.compose import broken_down_from

    start = BALI_BREAKDOWN.index(item)
    found = broken_down_from(analyze_question(question), BALI_BREAKDOWN, start, start + len(item))
    assert (BALI_BREAKDOWN[slice(*found)] if found else None) == total


@pytest.mark.parametrize(("question", "span", "fits"), [
    ("Who led the troop shift ceremony at Polda Sultra?", "Kendari", False),  # a dateline's city is nobody
    ("Who led the troop shift ceremony at Polda Sultra?", "Pasukan pengamanan Pilkada", False),  # nor an election
    ("Who led the troop shift ceremony at Polda Sultra?", "Irjen Pol Dwi Irianto", True),
    ("Di mana pasukan Polda Sultra digeser?", "Kendari", True),  # a place asked
    ("Di mana pasukan Polda Sultra digeser?", "Pilkada", False),
])
def test_a_place_is_no_person_and_an_election_no_name(question: str, span: str, fits: bool) -> None:
    text = ("KENDARI – Pasukan pengamanan Pilkada 2024 Polda Sultra mulai digeser. Kapolda Sultra Irjen Pol Dwi "
            "Irianto memimpin apel itu.")
    start = text.lower().index(span.lower())
    assert fits_type(analyze_question(question), text, start, start + len(span)) is fits


@pytest.mark.parametrize(("sentence", "covered"), [
    ("Kabid Humas Kombes Budi menambahkan, personel juga menggelar patroli.", False),  # "he added": saying
    ('"Personel juga berpatroli," tambahnya.', False),  # a quote tag
    ("Polda menambahkan 100 personel untuk TPS terpencil.", True),  # the verb itself
])
def test_a_verb_of_saying_is_no_term_of_a_yes_no_question(sentence: str, covered: bool) -> None:
    from rag.compose import coverage

    info = analyze_question("Apakah Polda Kaltara menambah personel?")
    plain = coverage(info, sentence.replace("menambahkan", "").replace("tambahnya", ""))
    assert (coverage(info, sentence) > plain) is covered


@pytest.mark.parametrize(("question", "span", "moved"), [
    ("Berapa indikator TPS rawan Pilkada menurut Bawaslu?", "delapan", "25"),  # the figure of another noun moves
    ("Berapa variabel yang dipakai Bawaslu?", "delapan", "delapan"),  # the asked noun's own figure stays
    ("Berapa personel yang disiapkan?", "delapan", "delapan"),  # no figure of the asked noun in the sentence
    ("Berapa indikator rawan yang dipakai?", "delapan", "delapan"),  # nor one stated with every qualifier
])
def test_a_figure_of_another_noun_moves_to_the_asked_nouns(question: str, span: str, moved: str) -> None:
    text = "Pengantar. Kali ini Bawaslu memakai delapan variabel dan 25 indikator, kata Bagja. Lalu 30 indikator."
    at = text.index(span)
    a, b = figure_of_the_asked_noun(analyze_question(question), text, at, at + len(span))
    assert text[a:b] == moved


def test_only_a_figure_listed_with_the_span_is_moved_to() -> None:
    text = "Polda Maluku Utara mengirim 662 personel untuk memperkuat pengamanan di sembilan kabupaten/kota."
    at = text.index("sembilan")  # another fact of the sentence: the reader's score for it says nothing of 662
    info = analyze_question("Berapa personel Polda Malut?")
    assert figure_of_the_asked_noun(info, text, at, at + len("sembilan")) == (at, at + len("sembilan"))
    listed = "TNI menyiapkan 2.714 personel, 120 kendaraan, dan 40 perahu."
    at = listed.index("120")
    a, b = figure_of_the_asked_noun(info, listed, at, at + 3)
    assert listed[a:b] == "2.714"


def test_a_count_of_kinds_counts_no_people() -> None:
    text = "Polda Sulteng memetakan TPS ke dalam empat kategori."
    at = text.index("empat")
    assert not fits_type(analyze_question("Berapa personil Polda Sulteng?"), text, at, at + len("empat kategori"))
    assert fits_type(analyze_question("Berapa kategori TPS di Sulteng?"), text, at, at + len("empat kategori"))


BALI_PILKADA = make_article("bali-pilkada", "Polda Bali terjunkan 2.349 personel untuk Pilkada",
                            ["Kepolisian Daerah Bali menerjunkan 2.349 personel untuk pengamanan Pilkada 2024."],
                            published="2024-11-25")
BALI_HEDGED = make_article("bali-hedged", "Polda Bali siagakan personel untuk Pilkada",
                           ["Polda Bali menyiagakan sekitar 2.300 personel untuk pengamanan Pilkada 2024."],
                           published="2024-11-25")
BALI_OTHER = make_article("bali-other", "Polda Bali siagakan 1.900 personel untuk Pilkada",
                          ["Polda Bali menyiagakan 1.900 personel untuk pengamanan Pilkada 2024."],
                          published="2024-11-20")


@pytest.mark.parametrize(("question", "first_line"), [
    ("Apakah Polda Bali menerjunkan lebih dari 2.000 personel untuk Pilkada?", "Ya. 2.349 personel [1]."),
    ("Apakah Polda Bali menerjunkan kurang dari 2.000 personel untuk Pilkada?", "Tidak. 2.349 personel [1]."),
    ("Did Polda Bali deploy at least 2,349 personnel for the Pilkada?", "Yes. 2,349 personnel [1]."),
    ("Apakah Polda Bali menyiagakan lebih dari 2.000 personel untuk Pilkada?", "Ya. Sekitar 2.300 personel [1]."),
    ("Did Polda Bali put more than 2,000 personnel on standby for the Pilkada?", "Yes. About 2,300 personnel [1]."),
])
def test_a_yes_no_question_against_a_figure_is_answered_from_the_count_found(question: str, first_line: str) -> None:
    hedged = "menyiagakan" in question or "standby" in question
    figure = "2.300 personel" if hedged else "2.349 personel"
    article = BALI_HEDGED if hedged else BALI_PILKADA
    reader = FakeReader([(r"berapa|how many", figure, 5.0)])
    result, errors = answer(reader, question, article)
    assert result.text.split("\n")[0] == first_line and not result.refused
    assert errors == [] and figure in result.citations[0].quote


def test_figures_on_both_sides_of_a_threshold_give_no_verdict() -> None:
    reader = FakeReader([(r"berapa", "2.349 personel", 5.0), (r"berapa", "1.900 personel", 5.0)])
    result, _ = answer(reader, "Apakah Polda Bali menerjunkan lebih dari 2.000 personel untuk Pilkada?",
                       BALI_PILKADA, BALI_OTHER)
    line = result.text.split("\n")[0]
    assert line.startswith("Artikel menyebut angka berbeda") and "2.349" in line and "1.900" in line
    result, _ = answer(reader, "Apakah Polda Bali menerjunkan lebih dari 1.000 personel untuk Pilkada?",
                       BALI_PILKADA, BALI_OTHER)
    assert result.text.startswith("Ya. Artikel menyebut angka berbeda")


def test_a_threshold_question_the_articles_do_not_answer_is_refused() -> None:
    reader = FakeReader([])
    result, _ = answer(reader, "Apakah Polda Bali menerjunkan lebih dari 2.000 personel untuk Pilkada?", BALI_PILKADA)
    assert result.refused and not result.text.startswith(("Ya", "Tidak"))


@pytest.mark.parametrize(("question", "moved"), [
    ("Sampai kapan BKO Polda Lampung diperpanjang?", "18 Februari 2024"),  # the date the quote states
    ("Kapan Kabid Humas Polda Lampung mengatakan masa BKO diperpanjang?", "(17/2/2024)"),  # when it was said
    ("Berapa hari BKO Polda Lampung diperpanjang?", "(17/2/2024)"),  # no date asked
])
def test_a_date_asked_is_the_one_quoted_not_the_date_of_saying(question: str, moved: str) -> None:
    text = ('Pengantar. "Masa BKO kami tambah tiga hari, jadi baru berakhir 18 Februari 2024," kata Kabid Humas '
            'Polda Lampung Kombes Pol Umi Fadilah Astutik, Sabtu (17/2/2024).')
    at = text.index("(17/2/2024)")
    a, b = date_said_not_saying(analyze_question(question), text, at, at + len("(17/2/2024)"))
    assert text[a:b] == moved


def test_the_date_of_saying_stays_when_the_quote_states_none() -> None:
    text = '"Kami lepas 1.000 personel hari ini," kata Kapolda Kalsel usai apel, Senin (25/11/2024).'
    at = text.index("(25/11/2024)")
    a, b = date_said_not_saying(analyze_question("Kapan Polda Kalsel melepas personel?"), text, at, at + 12)
    assert text[a:b] == "(25/11/2024)"


@pytest.mark.parametrize(("question", "moved"), [
    ("Berapa jumlah personel gabungan di Kalteng?", "7.200"),  # the noun and its asked qualifier between
    ("Berapa personel di Kalteng?", "TNI-Polri"),  # a word the question does not ask stands between
    ("Berapa TPS di Kalteng?", "TNI-Polri"),  # not the asked noun
])
def test_a_span_naming_the_counted_noun_moves_to_its_figure(question: str, moved: str) -> None:
    text = "Apel menandai pelepasan 7.200 personel gabungan TNI-Polri untuk Pilkada."
    at = text.index("TNI-Polri")
    a, b = figure_before_the_noun(analyze_question(question), text, at, at + len("TNI-Polri"))
    assert text[a:b] == moved


def _cause_of(question: str, text: str, span: str) -> str:
    """What ``stated_cause`` makes of the reader's ``span`` in ``text`` (one paragraph, one window)."""
    article = make_article("a", "Judul", [text])
    at = article.text.index(span)
    e = Evidence(article, "a::0", 0, len(article.text), 1, sentences=tuple(split_sentences(article.text)))
    where, a, b = stated_cause(analyze_question(question), e, at, at + len(span))
    assert where.start <= a < where.end
    return article.text[a:b]


@pytest.mark.parametrize(("question", "text", "span", "cause"), [
    ("Mengapa TPS di Pulau Tunda masuk kategori rawan?",  # the reader's fragment, before the cause
     "Empat TPS di Pulau Tunda masuk kategori rawan pada Pemilu 2024 karena letaknya yang terpencil.", "2024",
     "karena letaknya yang terpencil"),
    ("Mengapa kotak suara harus dipikul?",  # a span across the cause word: the clause it opens
     "Kotak suara harus dipikul dengan berjalan kaki karena mobil tidak bisa masuk.", "berjalan kaki karena mobil",
     "karena mobil tidak bisa masuk"),
    ("Why is one polling station guarded by one officer?",  # a cause opening its sentence ends at the comma
     "Karena letak pulau-pulau yang saling berjauhan, hampir di semua lokasi satu TPS dijaga satu polisi.",
     "satu polisi", "Karena letak pulau-pulau yang saling berjauhan"),
    ("Mengapa 23 pemda belum menandatangani NPHD?",  # the cause told in the next sentence of the paragraph
     "Masih ada 23 pemda yang belum menandatangani NPHD. Semuanya berada di Aceh, karena Panwaslih di provinsi itu "
     "dibentuk oleh DPR Aceh. Tinggal menunggu Panwaslih terbentuk.", "pemda",
     "karena Panwaslih di provinsi itu dibentuk oleh DPR Aceh"),
    ("Mengapa Polda menambah personel?",  # a purpose answers a why-question too
     'Polda menambah 200 personel agar setiap TPS terjaga." Personel berangkat pagi.', "200 personel",
     "agar setiap TPS terjaga"),
    ("Mengapa Kemendagri meminta pemda proaktif?",  # "karena itu" points back to a cause: it opens none
     "Karena itu, Kemendagri meminta pemda proaktif berkoordinasi.", "pemda", "pemda"),
    ("Mengapa 23 pemda belum menandatangani NPHD?",  # no cause stated: the span stays as read
     "Masih ada 23 pemda yang belum menandatangani NPHD. Tinggal menunggu Panwaslih terbentuk.", "pemda", "pemda"),
    ("Berapa TPS rawan di Pulau Tunda?",  # only a why-question asks a cause
     "Empat TPS di Pulau Tunda masuk kategori rawan karena letaknya yang terpencil.", "Empat TPS", "Empat TPS"),
])
def test_a_why_question_is_answered_by_the_stated_cause(question: str, text: str, span: str, cause: str) -> None:
    assert _cause_of(question, text, span) == cause


def test_a_cause_in_the_next_paragraph_is_not_taken() -> None:
    article = make_article("a", "Judul", ["Masih ada 23 pemda yang belum menandatangani NPHD.",
                                          "Pilkada digelar serentak karena amanat undang-undang."])
    at = article.text.index("pemda")
    e = Evidence(article, "a::0", 0, len(article.text), 1, sentences=tuple(split_sentences(article.text)))
    _, a, b = stated_cause(analyze_question("Mengapa 23 pemda belum menandatangani NPHD?"), e, at, at + 5)
    assert article.text[a:b] == "pemda"


def test_a_why_question_cites_the_sentence_stating_the_cause() -> None:
    aceh = make_article("aceh", "Anggaran Pilkada", [
        "Menurut Suhajar, masih ada 23 pemda yang belum menandatangani NPHD untuk pengawas pemilihan. Semuanya berada "
        "di Aceh, karena Panitia Pengawas Pemilihan (Panwaslih) di provinsi itu dibentuk oleh DPR Aceh."],
        published="2024-07-10")
    reader = FakeReader([(r"mengapa", "pemda", 20.0)])
    result, errors = answer(reader, "Mengapa 23 pemda di Aceh belum menandatangani NPHD?", aceh)
    assert result.text.startswith("karena Panitia Pengawas Pemilihan (Panwaslih) di provinsi itu dibentuk oleh DPR "
                                  "Aceh [1]")
    assert result.citations[0].quote.startswith("Semuanya berada di Aceh") and errors == []


def test_a_why_question_comparing_two_elections_asks_one_cause() -> None:
    info = analyze_question("Kenapa jumlah TPS di Denpasar pada Pilkada jauh lebih sedikit daripada saat Pemilu?")
    assert info.answer_type is AnswerType.REASON and not info.multi_part


@pytest.mark.parametrize(("question", "window", "can"), [
    ("Berapa personel yang diterjunkan Polda NTB?", "Polda NTB dan jajaran menerjunkan 6.427 personel.", True),
    ("Berapa personel yang diterjunkan Polda NTB?", "NTB memiliki 8.405 TPS untuk Pilkada 2024.", False),
    ("Berapa anggaran pengamanan Pilkada NTB?", "Anggarannya Rp45 miliar.", True),
    ("Berapa anggaran pengamanan Pilkada NTB?", "Polda NTB menerjunkan 6.427 personel.", False),
    ("Siapa Kapolda NTB?", "Apel dipimpin di Mataram.", True),  # any window could name someone
])
def test_a_window_may_state_the_count_when_it_gives_a_figure_of_the_asked_noun(question: str, window: str,
                                                                              can: bool) -> None:
    article = make_article("a", "Judul", [window])
    e = Evidence(article, "a::0", 0, len(article.text), 1)
    assert may_state_the_count(analyze_question(question), e) is can


def test_a_span_running_into_the_next_sentence_stops_at_its_own() -> None:
    pon = make_article("pon", "Jawa Barat Juara Umum PON XXI", [
        "Kontingen Jawa Barat memastikan diri sebagai juara umum PON XXI. Upacara penutupan digelar di Medan."])
    reader = FakeReader([(r"juara", "Jawa Barat memastikan diri sebagai juara umum PON XXI. Upacara penutupan", 20.0)])
    result, errors = answer(reader, "Siapa juara umum PON XXI?", pon)
    assert "Upacara" not in result.text and "juara umum PON XXI [1]" in result.text and errors == []


@pytest.mark.parametrize(("question", "sentence", "figure", "scoped"), [
    ("How many polling stations did Polresta Pontianak secure?",  # one category's staffing, not the command's
     "Untuk TPS kurang rawan, dua personel ditempatkan untuk mengamankan 10 hingga 16 TPS.", "10 hingga 16", True),
    ("Berapa TPS kurang rawan yang diawasi dua personel di Pontianak?",  # the category asked
     "Untuk TPS kurang rawan, dua personel ditempatkan untuk mengamankan 10 hingga 16 TPS.", "10 hingga 16", False),
    ("Berapa TPS di Bengkulu?",  # a regency's count is no province's
     "Di Kabupaten Bengkulu Tengah, Kapolres memastikan 200 personelnya siap disebar ke 387 TPS.", "387", True),
    ("Berapa TPS di Bengkulu Tengah?",  # the regency asked ("Kabupaten" aside)
     "Di Kabupaten Bengkulu Tengah, Kapolres memastikan 200 personelnya siap disebar ke 387 TPS.", "387", False),
    ("How many personnel did Polda Kalbar deploy?",  # the province asked by another of its names
     "Di Kalimantan Barat, Polda menyiagakan 4.122 personel.", "4.122", False),
    ("Berapa personel Polresta Bengkulu?",  # a count, not a scope
     '"Untuk 516 TPS di kota ini, kami turunkan 215 personel.', "215", False),
    ("Berapa personel perbantuan Polda NTB?",  # a purpose, not a scope
     "Untuk menjaga TPS sangat rawan, Polda NTB menyiapkan 1.450 personel perbantuan.", "1.450", False),
    ("Berapa personel Polresta Pontianak?",  # a transition, not a scope
     "Di sisi lain, Polresta Pontianak menyiagakan 428 personel.", "428", False),
    ("Berapa indikator TPS rawan?",  # an election is no scope
     "Untuk pilkada, jumlahnya menjadi delapan variabel dan 25 indikator.", "25", False),
])
def test_a_figure_said_of_a_scope_the_question_does_not_ask_answers_no_count(question: str, sentence: str,
                                                                              figure: str, scoped: bool) -> None:
    at = sentence.index(figure)
    assert scoped_to_another(analyze_question(question), sentence, at, at + len(figure)) is scoped
    assert fits_type(analyze_question(question), sentence, at, at + len(figure)) is not scoped


@pytest.mark.parametrize(("question", "span", "fits"), [
    ("What sanctions did Propam prepare for non-neutral police?", "Divisi Profesi dan Pengamanan", False),
    ("Apa tugas personel BKO Polda Kepri?", "kendali operasi", False),
    ("Apa kepanjangan BKO?", "bawah kendali operasi", True),  # what the short name stands for is asked
    ("Apa kepanjangan Propam?", "Divisi Profesi dan Pengamanan", True),  # a syllable acronym too
    ("Siapa yang menjatuhkan sanksi kepada polisi yang tidak netral?", "Divisi Profesi dan Pengamanan", True),
])
def test_the_long_form_of_a_name_the_question_asks_about_answers_nothing(question: str, span: str,
                                                                          fits: bool) -> None:
    text = ("Anggota yang berpihak berhadapan dengan sanksi dari Divisi Profesi dan Pengamanan (Propam). "
            "Sebanyak 911 personel bawah kendali operasi (BKO) membantu KPPS.")
    at = text.index(span)
    assert fits_type(analyze_question(question), text, at, at + len(span)) is fits


def test_a_time_is_no_scope() -> None:
    sentence = "Untuk hari pemungutan suara, Rabu (27/11), Polresta Padang menyiagakan 582 personel."
    at = sentence.index("582")
    for question in ("Berapa personel yang disiagakan Polresta Padang untuk hari pemungutan suara?",
                     "How many personnel did Polresta Padang put on standby?"):
        assert not scoped_to_another(analyze_question(question), sentence, at, at + 3)


@pytest.mark.parametrize(("question", "sentence", "date", "fits"), [
    ("Kapan Polda Sulteng melepas personel untuk Pilkada?",  # the election is only the time of the send-off
     "Polda Sulteng mengerahkan 1.542 personel untuk mengamankan Pilkada serentak 2024 pada 27 November.",
     "27 November", False),
    ("Until what date was the assignment of BKO personnel extended after the 2024 election vote?",
     "Polda Lampung memperpanjang penugasan 1.882 personel BKO pengamanan TPS Pemilu 14 Februari 2024.",
     "14 Februari 2024", False),
    ("Kapan Pilkada 2024 digelar?",  # the election itself is asked
     "Polda Sulteng mengerahkan 1.542 personel untuk mengamankan Pilkada serentak 2024 pada 27 November.",
     "27 November", True),
    ("When was polling day for the 2024 Pilkada?",  # the vote is asked
     "Polda Sulteng mengerahkan 1.542 personel untuk mengamankan Pilkada serentak 2024 pada 27 November.",
     "27 November", True),
    ("Kapan Polda Kalsel melepas personel untuk Pilkada?",  # a date of its own
     "Polda Kalsel melepas 1.000 personel pada Senin, 25 November 2024, untuk Pilkada.", "25 November 2024", True),
    ("Kapan personel BKO Polda Lampung ditarik?",  # the question names no election: it asks no election's date
     "Polda Lampung memperpanjang penugasan 1.882 personel BKO pengamanan TPS Pemilu 14 Februari 2024.",
     "14 Februari 2024", False),
    ("Kapan pemungutan suara digelar?",  # naming none, it asks the vote
     "Polda Lampung memperpanjang penugasan 1.882 personel BKO pengamanan TPS Pemilu 14 Februari 2024.",
     "14 Februari 2024", True),
    ("Kapan personel BKO Polda Lampung ditarik?",  # a date of its own
     "Mereka baru akan ditarik pada Minggu, 18 Februari 2024.", "18 Februari 2024", True),
    # an election named as a modifier is only the time of what is asked; a weekday may stand before its date
    ("When did Polda Sumbar send off its Pilkada personnel?",
     "Polda Sumbar memberangkatkan 1.109 personel untuk hari pemungutan suara Pilkada serentak, Rabu (27/11/2024).",
     "(27/11/2024)", False),
    ("Kapan Bawaslu menyampaikan hasil pemetaan TPS rawan Pilkada 2024?",
     "Bawaslu memetakan TPS rawan menjelang pemungutan suara Pilkada Serentak 27 November 2024.",
     "27 November 2024", False),
    ("When did Polda Sumbar send off its Pilkada personnel?",
     "Sebelum berangkat, para personel mengikuti apel di Mapolda Sumbar, Senin (25/11/2024).", "(25/11/2024)", True),
    ("Kapan pelaksanaan Pilkada serentak?",  # the election itself is asked
     "Polda Sumbar memberangkatkan 1.109 personel untuk hari pemungutan suara Pilkada serentak, Rabu (27/11/2024).",
     "(27/11/2024)", True),
    ("When is the Pilkada?",
     "Polda Sumbar memberangkatkan 1.109 personel untuk hari pemungutan suara Pilkada serentak, Rabu (27/11/2024).",
     "(27/11/2024)", True),
])
def test_the_date_of_the_election_answers_only_the_election(question: str, sentence: str, date: str,
                                                             fits: bool) -> None:
    at = sentence.index(date)
    assert fits_type(analyze_question(question), sentence, at, at + len(date)) is fits


_AUGUST = ("Saat pendaftaran pasangan calon kepala daerah pada 27-29 Agustus 2024, Polda Kalsel mengerahkan 585 "
           "personel dengan fokus di Kantor KPU Kalsel.")


@pytest.mark.parametrize(("question", "sentence", "span", "other_time"), [
    ("Berapa personel yang dilepas Polda Kalsel pada 25 November 2024?", _AUGUST, "585 personel", True),
    ("How many personnel did Polda Kalsel send off on 25 November 2024?", _AUGUST, "585 personel", True),
    ("Berapa personel Polda Kalsel saat pendaftaran pasangan calon Agustus 2024?", _AUGUST, "585 personel", False),
    ("Berapa personel yang dikerahkan Polda Kalsel?", _AUGUST, "585 personel", False),  # no month asked
    ("Berapa personel yang dilepas Polda Kalsel pada 25 November 2024?",  # no month stated: left to the window
     "Sebanyak 1.000 personel Polda Kalsel dilepas untuk mengamankan TPS.", "1.000 personel", False),
    ("Berapa personel Polda Kalsel pada Agustus 2023?", _AUGUST, "585 personel", True),  # the year differs
    ("Berapa inflasi tahunan Indonesia pada November 2024 menurut BPS?",  # the base of a comparison
     "Dibanding November 2023, inflasi tahunan tercatat 1,55 persen.", "1,55 persen", False),
    ("How many personnel did Polda Sulteng announce in its January 2024 podcast?",
     "Polda Sulteng menyiapkan 3.935 personel untuk hari pencoblosan Pemilu, 14 Februari 2024.", "3.935 personel",
     True),
])
def test_a_sentence_dated_to_another_month_answers_nothing(question: str, sentence: str, span: str,
                                                           other_time: bool) -> None:
    info = analyze_question(question)
    at = sentence.index(span)
    assert dated_otherwise(info, sentence, at, at + len(span)) is other_time
    assert fits_type(info, sentence, at, at + len(span)) is not other_time


def test_a_date_asked_is_not_dated_otherwise() -> None:
    """A date question's answer is a date: the sentence's own date is the answer, not another time."""
    question = "Kapan Polda Kalsel mengerahkan personel untuk pendaftaran pasangan calon pada November 2024?"
    at = _AUGUST.index("27-29 Agustus 2024")
    assert fits_type(analyze_question(question), _AUGUST, at, at + len("27-29 Agustus 2024"))


def test_a_qualified_figure_just_under_the_cut_goes_before_a_total_over_it() -> None:
    """The reader scores Kepri's whole force over the BKO count of the sentence before, and the BKO count falls just
    under the refusal cut: within the conflict margin of the best, the figure stated with the asked qualifier
    answers; the question is still answered only because its best figure cleared the cut."""
    kepri = make_article("kepri", "Polda Kepri lepas personel BKO",
                         ["Sebanyak 911 personel BKO Polda Kepri dilepas untuk pengamanan TPS Pemilu 2024.",
                          "Secara keseluruhan, pengamanan TPS di Kepri melibatkan 3.679 personel Polri."],
                         published="2024-02-09")
    reader = FakeReader([("BKO", "3.679", 7.0), ("BKO", "911", 6.0)])
    question = "Berapa personel BKO yang dilepas Polda Kepri untuk Pemilu 2024?"
    scores = {c["span"]: c["score"] for c in answer(reader, question, kepri, threshold=0.0)[0].debug["top"]}
    cut = (scores["911"] + scores["3.679"]) / 2  # the BKO count under it, the total over it
    result, errors = answer(reader, question, kepri, threshold=cut, conflict_margin=1.5)
    assert scores["3.679"] - scores["911"] <= 1.5
    assert result.text.startswith("911 personel") and not errors
    far, _ = answer(reader, question, kepri, threshold=cut, conflict_margin=0.1)  # not close enough to the best
    assert far.text.startswith("3.679 personel")


_NTB_DPT = "Daftar pemilih tetap (DPT) mencapai 3.953.303 orang dengan jumlah TPS sebanyak 8.405."


@pytest.mark.parametrize(("sentence", "figure", "noun"), [
    (_NTB_DPT, "8.405", "TPS"),
    ("Jumlah DPT Pilkada sebanyak 942.076.", "942.076", "DPT"),
    ("Jumlah tempat pemungutan suara mencapai 466.", "466", "tempat pemungutan suara"),
    ("Dari jumlah itu, 322 personel ditempatkan di polres.", "322", None),  # "jumlah itu" names no noun
    ("Polda menurunkan 800 personel, lalu menambah 100.", "100", None),  # no "jumlah" before it
])
def test_the_noun_jumlah_names_before_a_bare_figure(sentence: str, figure: str, noun: str | None) -> None:
    at = sentence.index(figure)
    assert counted_as_jumlah(sentence, (at, at + len(figure))) == noun


@pytest.mark.parametrize(("question", "figure", "fits"), [
    ("Berapa DPT NTB pada Pilkada 2024?", "8.405", False),  # a count of TPS is no count of voters
    ("Berapa DPT NTB pada Pilkada 2024?", "3.953.303", True),
    ("Berapa TPS di NTB?", "8.405", True),
    ("Berapa TPS di NTB?", "3.953.303", False),
])
def test_the_dpt_counts_voters(question: str, figure: str, fits: bool) -> None:
    at = _NTB_DPT.index(figure)
    assert fits_type(analyze_question(question), _NTB_DPT, at, at + len(figure)) is fits


_LISTED = "Wilayah yang menerima tambahan personel antara lain Polresta Padang, Polres 50 Kota, dan Polres Agam."


@pytest.mark.parametrize(("sentence", "ranks"), [
    (_LISTED, False),  # names only: "50" is part of "Polres 50 Kota"
    ("Polresta Sleman mendapat 164 personel dan Polres Gunungkidul 371 personel.", True),  # figures to compare
    ("Polres Dompu mendapat porsi terbesar.", True),  # a ranking word
])
def test_which_has_the_most_is_answered_only_where_the_sentence_ranks(sentence: str, ranks: bool) -> None:
    from rag.compose import ranks_what_it_lists

    at = sentence.index("Pol")
    assert ranks_what_it_lists(sentence, at, at + 10) is ranks
    info = analyze_question("Polres mana yang menerima personel terbanyak?")
    span = sentence[at : sentence.index(" ", sentence.index(" ", at) + 1)]
    assert fits_type(info, sentence, at, at + len(span)) is ranks


@pytest.mark.parametrize(("sentence", "date", "election"), [
    ("Pilkada serentak akan digelar pada 27 November 2024 di 545 daerah.", "27 November 2024", True),
    ("Personel menjaga TPS Pemilu 14 Februari 2024.", "14 Februari 2024", True),
    ("Personel dikirim untuk hari pemungutan suara Pilkada serentak, Rabu (27/11/2024).", "(27/11/2024)", True),
    ('"Dana sudah dikunci," kata Tito dalam Rapat Koordinasi Pilkada Serentak 2024 di Medan, Selasa (9/7/2024).',
     "(9/7/2024)", False),  # a meeting about the election, dated
])
def test_a_date_written_as_an_elections(sentence: str, date: str, election: bool) -> None:
    from rag.compose import dates_an_election

    at = sentence.index(date)
    assert dates_an_election(sentence, at, at + len(date)) is election


def test_a_date_asked_of_the_election_itself_is_the_one_written_as_its() -> None:
    article = make_article("anggaran", "Anggaran Pilkada 2024", [
        '"Dana sudah dikunci," kata Tito dalam Rapat Koordinasi Pilkada Serentak 2024 di Medan, Selasa (9/7/2024).',
        "Pilkada serentak akan digelar pada 27 November 2024 di 545 daerah."], published="2024-07-10")
    reader = FakeReader([(".", "(9/7/2024)", 9.0), (".", "27 November 2024", 8.8)])  # the speech tag scores higher
    for question in ("Kapan Pilkada 2024?", "When is the 2024 Pilkada?"):
        result, errors = answer(reader, question, article, threshold=4.0)
        assert result.text.startswith("27 November 2024 [") and not errors
    result, _ = answer(reader, "Kapan Tito menyampaikannya dalam rapat koordinasi?", article, threshold=4.0)
    assert result.text.startswith("9 Juli 2024")  # a question asking another event keeps the score order


_LISTS = ("Penambahan juga diberikan kepada Polres Solok dan Polres Dharmasraya. Ada tiga polres yang tidak "
          "mendapat tambahan personel, yakni Polres Sijunjung, Polres Agam dan Polres Bukittinggi.")


@pytest.mark.parametrize(("question", "span", "fits"), [
    ("Polres mana yang tidak mendapat tambahan personel?", "Polres Dharmasraya", False),  # a list of those that did
    ("Polres mana yang tidak mendapat tambahan personel?", "Polres Sijunjung", True),
    ("Which polres did not receive additional personnel?", "Polres Dharmasraya", False),
    ("Polres mana yang mendapat tambahan personel?", "Polres Dharmasraya", True),  # asked in the positive
    ("Polres mana yang menindak polisi yang tidak netral?", "Polres Dharmasraya", True),  # a negated adjective
])
def test_a_question_asking_what_did_not_happen_is_answered_where_something_is_negated(question: str, span: str,
                                                                                        fits: bool) -> None:
    at = _LISTS.index(span)
    assert fits_type(analyze_question(question), _LISTS, at, at + len(span)) is fits


@pytest.mark.parametrize(("sentence", "date", "election"), [
    ("KRI Teluk Wondama berangkat membawa logistik pemilu pada Jumat (9/2/2024).", "(9/2/2024)", False),  # the sailing
    ("Logistik Pilkada didistribusikan pada Senin (25/11/2024).", "(25/11/2024)", False),
    ("Pengamanan Pemilu Februari 2024 melibatkan 1.000 personel.", "Februari 2024", True),  # a month agrees
    ("Personel disiagakan untuk Pilkada Serentak 2024.", "2024", True),  # a year agrees
])
def test_an_elections_date_is_its_polling_day(sentence: str, date: str, election: bool) -> None:
    from rag.compose import dates_an_election

    at = sentence.index(date)
    assert dates_an_election(sentence, at, at + len(date)) is election


def test_a_count_is_neither_the_answer_nor_the_closest_to_which_place() -> None:
    article = make_article("konawe", "Polres Konawe amankan 440 TPS", [
        "Polres Konawe mengamankan 440 TPS di 26 kecamatan pada Pilkada 2024."])
    result, errors = answer(FakeReader([(".", "26 kecamatan", 9.0)]), "Which districts did Polres Konawe secure?",
                            article)
    assert result.refused and not errors and "26" not in result.text


def test_a_numbered_lists_item_number_is_no_count() -> None:
    text = ("Hasilnya, terdapat tujuh indikator:\n1. 125.224 TPS memiliki pemilih tambahan;\n"
            "4. 36.236 TPS mengalami kendala jaringan internet;\nAda 4. Lalu 9 TPS.")
    info = analyze_question("Berapa TPS yang mengalami kendala jaringan internet?")
    at = text.index("4. 36")
    for end in (at + 1, at + 2, at + 9):  # "4", "4.", "4. 36.236": the reader's span on the marker
        assert text[slice(*widen(info, text, at, end, at + 2))] == "36.236"
    at = text.index("Ada 4") + 4  # a figure ending a sentence is no marker
    assert text[slice(*widen(info, text, at, at + 1, at + 2))] == "4"
    date = analyze_question("Kapan Bawaslu merilis hasil pemetaan?")  # only a figure asked moves
    at = text.index("4. 36")
    assert text[slice(*widen(date, text, at, at + 1, at + 2))] == "4"


@pytest.mark.parametrize(("sentence", "found", "whole"), [
    ("TNI AL menyiapkan empat kapal perang, yakni KRI Semarang dari Komando Armada I, KRI Makassar dari Komando "
     "Armada II, dan KRI Banda Aceh dari Kolinlamil Jakarta.", "KRI Makassar",
     "KRI Semarang dari Komando Armada I, KRI Makassar dari Komando Armada II, dan KRI Banda Aceh"),  # the last
    # item ends before its preposition
    ("Tim ini beranggotakan personel Biro Paminal, Biro Provos, dan Biro Wabprof.", "Biro Provos",
     "Biro Paminal, Biro Provos, dan Biro Wabprof"),  # the first item from its first capital
    ("Kabupaten Kepulauan Mentawai dan Kota Padang Panjang dikategorikan rawan karena kendala cuaca dan kondisi alam.",
     "Kota Padang Panjang", "Kabupaten Kepulauan Mentawai dan Kota Padang Panjang"),  # a verb ends the list
    ("Pengamanan di Kodam Jaya, 10.708 personel di Kodam IX/Udayana, dan 9.795 personel di Kodam IV.", "Kodam Jaya",
     "Kodam Jaya"),  # items counting something are no list of names
    ("Propam menempuh tiga pendekatan, yakni preemtif, preventif, dan represif.",
     "tiga pendekatan, yakni preemtif", "preemtif, preventif, dan represif"),  # the list its opener opens
    ("TPS terluar ada di Pulau Midai dan Serasan di ujung utara Indonesia.", "Pulau Midai", "Pulau Midai dan Serasan"),
    ("Apel digelar di Lapangan Mapolda Kalsel, Kota Banjarbaru, Senin (25/11/2024).", "Kota Banjarbaru",
     "Kota Banjarbaru"),  # an address, and a day, are no list
    ("Pesawat yang dipakai Boeing 737, C-130 Hercules, serta helikopter Caracal dan Super Puma.", "Boeing 737",
     "Boeing 737, C-130 Hercules"),  # an item opening in lower case ends a list of names
    ("Sebanyak 14 TPS masuk kategori sangat rawan, 1.796 TPS rawan, dan 4.985 TPS kurang rawan.", "1.796 TPS",
     "1.796 TPS"),  # a count is no name
    ("Polda Bali berkoordinasi dengan Kodam IX/Udayana dan Korem 163/Wirasatya yang menyiapkan prajurit.",
     "Kodam IX/Udayana", "Kodam IX/Udayana dan Korem 163/Wirasatya"),  # a figure in a name
    ("Provinsi terbanyak: Sulut, Jatim, Papua, Jabar, Jateng", "Sulut", "Sulut, Jatim, Papua, Jabar, Jateng"),
    ("Bekalnya ransel, jas hujan, dan di lokasi disiapkan obat.", "ransel", "ransel, jas hujan"),  # an item
    # opening with a preposition is none
])
def test_a_list_asked_is_answered_whole(sentence: str, found: str, whole: str) -> None:
    info = analyze_question("Apa saja yang disebut?")
    at = sentence.index(found)
    a, b = widen(info, sentence, at, at + len(found), len(sentence))
    assert sentence[a:b] == whole
    one = analyze_question("Apa yang disebut?")  # one thing asked: the reader's span stays
    assert sentence[slice(*widen(one, sentence, at, at + len(found), len(sentence)))] == found


def test_a_sentence_naming_no_place_in_a_story_titled_by_the_province_is_no_count_of_a_regency() -> None:
    diy = make_article("diy", "Kapolda DIY Geser 933 Personel ke Polres Jajaran", [
        "Jumlah TPS di DIY mencapai 11.932 lokasi.", "Rinciannya, 59 TPS rawan dan 11.788 TPS kurang rawan.",
        "Polresta Sleman menerima tambahan 150 personel."],
        region="DI Yogyakarta")
    sleman = make_article("sleman", "Polresta Sleman Siagakan 1.410 Personel", [
        "Ardi menyebut ada 16 TPS yang dikategorikan rawan."], region="DI Yogyakarta")
    reader = FakeReader([("rawan", "59", 9.0), ("rawan", "16", 6.0)])
    result, _ = answer(reader, "Berapa TPS rawan di Sleman?", diy, sleman, conflict_margin=1.0)
    assert result.text.startswith("16 TPS")
    whole, _ = answer(reader, "Berapa TPS rawan di DIY?", diy, sleman, conflict_margin=1.0)  # the province asked
    assert whole.text.startswith("59 TPS")
