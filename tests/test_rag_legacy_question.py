"""Question analysis: language, answer type, unit and constraints, in Indonesian and English."""

from __future__ import annotations

import pytest

from rag.legacy.glossary import expand_terms, find_word_numbers
from rag.legacy.question import AnswerType, Event, analyze_question, detect_language
from siaga.text import keyword_tokens, raw_tokens


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("How many TPS did Polda Bali guard?", "en"),
        ("Who was Kapolda NTB?", "en"),
        ("Berapa TPS yang dijaga Polda Bali?", "id"),
        ("Siapa Kapolda NTB saat Pilkada 2024?", "id"),
        ("Kalau Pilkada?", "id"),
        ("And for the Pilkada?", "en"),
        ("What about Lebak?", "en"),
    ],
)
def test_language_detection_short_questions_full_of_names(question: str, lang: str) -> None:
    assert detect_language(question) == lang
    assert analyze_question(question).language == lang


@pytest.mark.parametrize(
    ("question", "atype"),
    [
        ("Berapa personel yang diterjunkan di Tangerang?", AnswerType.NUMBER),
        ("How many personnel were deployed in Tangerang?", AnswerType.NUMBER),
        ("What share of Maluku's territory is sea?", AnswerType.NUMBER),
        ("Siapa Kapolda Kaltara pada 24 November 2024?", AnswerType.PERSON),
        ("Who was the Pangdam XII/Tanjungpura?", AnswerType.PERSON),
        ("Kapan Polresta Tangerang menggelar apel pergeseran pasukan?", AnswerType.DATE),
        ("Hingga tanggal berapa masa tugas personel BKO diperpanjang?", AnswerType.DATE),
        ("On what day did Polres Maluku Barat Daya dispatch logistics?", AnswerType.DATE),
        ("Apakah DIY menggelar pemilihan gubernur pada Pilkada 2024?", AnswerType.YES_NO),
        ("Did Polres Bintan receive BKO reinforcements?", AnswerType.YES_NO),
        ("Apa nama operasi Polda Lampung untuk Pemilu 2024?", AnswerType.ENTITY),
        ("Which Korem supported Polda Kaltara?", AnswerType.ENTITY),
        ("Mengapa 23 pemda di Aceh belum menandatangani NPHD?", AnswerType.EXPLANATION),
        ("Biro apa saja yang tergabung dalam tim khusus Propam?", AnswerType.LIST),
    ],
)
def test_answer_type(question: str, atype: AnswerType) -> None:
    assert analyze_question(question).answer_type is atype


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        ("Berapa personel yang diterjunkan di Tangerang?", "personel"),
        ("How many polling stations were in Batam for the 2024 Pilkada?", "tps"),
        ("Berapa prajurit TNI AL yang dikerahkan untuk Pilkada 2024?", "prajurit"),
        ("Berapa dukungan dana pengamanan Pilkada 2024 dari APBD?", "rupiah"),
        ("Berapa inflasi tahunan Indonesia pada November 2024?", "persen"),
        ("Berapa tambahan indikator dalam pemetaan TPS rawan Bawaslu?", "indikator"),
        ("How many voters were on the DPT of Jambi City?", "pemilih"),
    ],
)
def test_expected_unit(question: str, unit: str) -> None:
    assert analyze_question(question).unit == unit


def test_constraints_indonesian() -> None:
    info = analyze_question(
        "Berapa personel gabungan yang dilepas Polresta Denpasar pada apel 13 Februari 2024 "
        "untuk mengamankan TPS Pemilu?"
    )
    assert info.event is Event.PEMILU
    assert [(d.year, d.month, d.day) for d in info.dates] == [(2024, 2, 13)]
    assert "Polresta Denpasar" in info.units
    assert "Denpasar" in info.places
    assert info.qualifiers == ["gabungan"]


def test_constraints_english_region_alias_and_event() -> None:
    info = analyze_question(
        "Who was the Kapolda of West Sumatra at the 25 November 2024 troop-shift ceremony for the Pilkada?"
    )
    assert info.language == "en"
    assert info.answer_type is AnswerType.PERSON
    assert info.regions == ["Sumatera Barat"]
    assert info.event is Event.PILKADA
    assert "kapolda" in info.posts


def test_voting_day_names_the_election_not_a_reporting_date() -> None:
    info = analyze_question(
        "Berapa personel yang diterjunkan Polresta Denpasar untuk pemungutan suara 27 November 2024?"
    )
    assert info.event is Event.PILKADA
    assert info.dates == []


def test_english_general_election_is_pemilu_and_regional_is_pilkada() -> None:
    assert analyze_question("How many TPS were in Bengkulu for the February 2024 election?").event is Event.PEMILU
    assert analyze_question("How many personnel for the regional election in Bali?").event is Event.PILKADA


def test_people_and_local_place() -> None:
    info = analyze_question("How many personnel did Polres Lebak deploy for the 14 February 2024 election?")
    assert info.places == ["Lebak"]
    assert info.units == ["Polres Lebak"]
    assert info.event is Event.PEMILU
    person = analyze_question("Berapa TPS di Lampung yang sangat rawan menurut Kapolda Irjen Helmy Santika?")
    assert person.people == ["Helmy Santika"]
    assert person.level == "sangat rawan"


def test_city_named_like_its_province_stays_a_place() -> None:
    info = analyze_question("Berapa jumlah TPS di Kota Jambi pada Pilkada 2024?")
    assert info.places == ["Kota Jambi"]
    assert info.regions == []


def test_comparison_decomposes_by_event() -> None:
    info = analyze_question("Berapa selisih jumlah TPS di Maluku Utara antara Pemilu 2024 dan Pilkada 2024?")
    assert info.comparison == "difference"
    assert [p.event for p in info.parts] == [Event.PEMILU, Event.PILKADA]
    assert all(p.regions == ["Maluku Utara"] for p in info.parts)
    assert "Pilkada" not in info.parts[0].question


def test_comparison_decomposes_by_region_and_place() -> None:
    total = analyze_question(
        "Jika dijumlahkan, berapa total TPS sangat rawan pada Pemilu 2024 di Kalimantan Barat dan Kepulauan Riau?"
    )
    assert total.comparison == "sum"
    assert [p.regions for p in total.parts] == [["Kalimantan Barat"], ["Kepulauan Riau"]]
    compare = analyze_question(
        "Which province had more polling stations in the February 2024 election, Jambi or Bengkulu?"
    )
    assert compare.comparison == "compare"
    assert [p.regions for p in compare.parts] == [["Jambi"], ["Bengkulu"]]


def test_pair_question_second_half_inherits_subject() -> None:
    info = analyze_question(
        "Who was Kapolresta Bandar Lampung in November 2023, and who held the post at the February 2024 election?"
    )
    assert info.comparison == "pair"
    assert "Bandar Lampung" in info.parts[1].places
    assert [(d.year, d.month) for d in info.parts[1].dates] == [(2024, 2)]


def test_single_fact_question_is_not_multi_doc() -> None:
    info = analyze_question("Berapa jumlah TPS di DIY pada Pemilu 2024?")
    assert info.comparison is None
    assert info.parts == []


def test_expand_terms_adds_indonesian_equivalents_for_english() -> None:
    expanded = expand_terms(raw_tokens("How many personnel were deployed at polling stations?"), "en")
    for stem in ("tps", "anggota", "terjun", "sebar"):
        assert stem in expanded
    assert expanded[0] == keyword_tokens("personnel")[0]  # the question's own stems come first
    id_expanded = expand_terms(raw_tokens("Berapa personel yang diterjunkan?"), "id")
    assert "kerah" in id_expanded  # dikerahkan is the same act as diterjunkan


def test_word_numbers() -> None:
    found = [(w.value, w.surface) for w in find_word_numbers("delapan TPS, dua belas desa dan tiga puluh lima polisi")]
    assert found == [(8, "delapan"), (12, "dua belas"), (35, "tiga puluh lima")]


@pytest.mark.parametrize(
    ("question", "phase"),
    [
        ("How many personnel did Polda Sultra deploy on the 2024 Pilkada voting day?", "voting"),
        ("Berapa personel yang mengamankan hari pemungutan suara Pemilu 2024 di Bali?", "voting"),
        ("At what time did candidate registration close in Southeast Sulawesi?", "registration"),
        ("Berapa TPS rawan di Jawa Barat saat Pilkada 2024?", None),  # TPS is the topic, not the stage
        ("Berapa personel untuk kampanye dan pemungutan suara?", None),  # two stages pin none
    ],
)
def test_asked_election_stage(question: str, phase: str | None) -> None:
    assert analyze_question(question).phase == phase


def test_partitive_head_is_what_picks_the_subset() -> None:
    info = analyze_question("How many soldiers were from the Air Force, of the TNI soldiers deployed (169,369)?")
    assert info.partitive_head == "How many soldiers were from the Air Force"
    assert analyze_question("Berapa TPS di Bali pada Pilkada 2024?").partitive_head is None
