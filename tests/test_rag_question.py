"""Question analysis on literal questions: language, answer type, unit, elections, regions, parts."""

from __future__ import annotations

import re

import pytest

from rag.question import (
    analyze_question,
    asked_extreme,
    asked_name_kind,
    asked_object,
    asked_place_kinds,
    asked_posts,
    asked_qualifiers,
    asked_unit,
    asks_list,
    classify,
    comparison_asked_yes_no,
    defined_term,
    detect_language,
    election_spans,
    elections_in,
    expanded_acronym,
    head_asked_as_who,
    names_in,
    rank_asked_as_who,
    reads_as_indonesian,
    side_phrases,
    threshold_asked,
    with_berapa_first,
)
from siaga.types import AnswerType, Combination, Election, Threshold


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("Berapa personel yang diterjunkan Polresta Tangerang?", "id"),
        ("How many personnel were deployed in Tangerang?", "en"),
        ("How many TPS did Polda Bali guard during Operasi Mantap Brata?", "en"),
        ("Siapa Kapolda NTB?", "id"),
    ],
)
def test_language(question: str, lang: str) -> None:
    assert detect_language(question) == lang


@pytest.mark.parametrize(
    ("text", "indonesian"),
    [
        ("karena letaknya yang terpencil", True),  # function words
        ("mencegah percobaan perusakan maupun gangguan", True),  # affixes alone
        ("pasukan gabungan", True),
        ("khusus", False),  # one word is no prose
        ("Kabupaten Kepulauan Mentawai dan Kota Padang Panjang", False),  # names
        ("water canon", False),  # an English loan phrase
        ("because the Panwaslih is formed by the Aceh legislature", False),
        ("1.048 personel", False),
    ],
)
def test_indonesian_prose_is_told_from_names_figures_and_english(text: str, indonesian: bool) -> None:
    assert reads_as_indonesian(text) is indonesian


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Berapa personel yang diterjunkan Polresta Tangerang?", AnswerType.NUMBER),
        ("How many polling stations were very vulnerable?", AnswerType.NUMBER),
        ("Berapa anggaran pengamanan Pilkada 2024?", AnswerType.MONEY),
        ("How much money did the TNI receive for security?", AnswerType.MONEY),
        ("How much is the grant for TNI security in the Pilkada nationwide?", AnswerType.MONEY),  # was a count
        ("Berapa hibah pengamanan untuk Polri?", AnswerType.MONEY),
        ("Berapa persen dana Pilkada dari APBD 2023?", AnswerType.NUMBER),  # a share of the money, no amount
        ("What was the percentage of the budget disbursed from the APBD?", AnswerType.NUMBER),
        ("Berapa dana Pilkada dari APBD 2023?", AnswerType.MONEY),
        ("Siapa pemenang Pilkada Jakarta 2024?", AnswerType.PERSON),
        ("Which police general commanded Polda Kaltara?", AnswerType.PERSON),
        ("What is the name of Kapolda Kepri?", AnswerType.PERSON),  # an Indonesian post asked in English
        ("What was the name of the Pangdam who sent soldiers?", AnswerType.PERSON),
        ("What was the name of the police operation in Bali?", AnswerType.ENTITY),  # not a person
        ("Kapan apel pergeseran pasukan digelar?", AnswerType.DATE),
        ("At what time did registration close?", AnswerType.DATE),
        ("Di mana apel gelar pasukan digelar?", AnswerType.PLACE),
        ("Pulau mana yang paling jauh?", AnswerType.PLACE),
        ("Which islands hold the most remote polling stations?", AnswerType.PLACE),  # the plural asks places too
        ("Which regencies were classified as very vulnerable?", AnswerType.PLACE),
        ("Apakah DIY menggelar pemilihan gubernur?", AnswerType.YES_NO),
        ("Did Polda Sumbar classify Padang Panjang as vulnerable?", AnswerType.YES_NO),
        ("Mengapa 23 pemda belum menandatangani NPHD?", AnswerType.REASON),
        ("Apa nama operasi kepolisian di Bali?", AnswerType.ENTITY),
        # an English question about a measure asks for a figure, as "berapa luas / lama / tinggi" does
        ("What is the area of Pandeglang Regency?", AnswerType.NUMBER),
        ("How large is the vulnerable area?", AnswerType.NUMBER),
        ("How long was the BKO assignment extended?", AnswerType.NUMBER),
        ("What was the estimated population of Tangerang?", AnswerType.NUMBER),
        ("What is the largest regency in Banten?", AnswerType.ENTITY),
        ("What is the name of the operation?", AnswerType.ENTITY),
        ("What was the voter turnout in Sleman's 2024 Pilkada?", AnswerType.NUMBER),
    ],
)
def test_answer_type(question: str, kind: AnswerType) -> None:
    assert classify(question) is kind


def test_unit_in_indonesian_form() -> None:
    assert asked_unit("Berapa jumlah TPS di Bali?", "id") == "tps"
    assert asked_unit("Berapa personel gabungan yang disiapkan?", "id") == "personel"
    assert asked_unit("How many polling stations did Polda Bali guard?", "en") == "tps"
    assert asked_unit("How many West Sumatra police precincts received BKO?", "en") == "polres"
    # the noun phrase ends at its head: a word after it is the verb, not the counted thing
    assert asked_unit("How many police guard a very vulnerable polling station?", "en") == "polisi"
    assert asked_unit("How many officers guard two vulnerable polling stations?", "en") == "personel"
    assert asked_unit("How many soldiers help secure the Pilkada?", "en") == "prajurit"
    # a word in "-ed" ends the phrase as its verb, but right after "how many" it is the noun's adjective
    assert asked_unit("How many personnel were deployed in Bali?", "en") == "personel"
    assert asked_unit("How many registered voters were there in Bengkulu City?", "en") == "pemilih"
    assert asked_unit("How many armed personnel guarded the ballots?", "en") == "personel"
    # a modal verb ends it as the other auxiliaries do: the personnel who serve are not what is counted
    assert asked_unit("How many days will the Polda Sulteng BKO personnel serve?", "en") == "hari"
    # the noun phrase ends at a preposition: "election" later in the question is not the unit
    assert asked_unit("How many polling stations in the February 2024 election, Jambi?", "en") == "tps"
    # a length of time is counted in its units, whatever noun follows "lama" / "how long"
    assert asked_unit("Berapa lama personel BKO Polda Sulteng bertugas?", "id") == "hari"
    assert asked_unit("How long did Polda Sulteng's BKO personnel serve?", "en") == "hari"
    assert analyze_question("Berapa lama personel BKO Polda Sulteng bertugas?").qualifiers == []
    assert asked_unit("Berapa yang masuk kategori sangat rawan?", "id") is None
    # an English unit word Siaga writes is one it reads; an Indonesian noun an English question carries counts too
    assert asked_unit("How many vehicles did Polda Kalsel deploy?", "en") == "kendaraan"
    assert asked_unit("How many TPS in Sleman are vulnerable?", "en") == "tps"
    # ... but an English noun wins over a command's name before it
    assert asked_unit("How many Polres Tanjab Barat personnel plus Polda Jambi BKO were placed?", "en") == "personel"


def test_what_was_the_number_of_counts_its_noun_as_how_many_does() -> None:
    """"What was the number of polling stations ...?" is a count of TPS: its unit and qualifiers are checked, and so
    are the sides of a difference asked that way (a side must not be answered with a count of personnel)."""
    assert asked_unit("What was the number of polling stations in North Maluku in the 2024 election?", "en") == "tps"
    assert asked_unit("What is the total number of personnel deployed?", "en") == "personel"
    qualified = "What is the number of very vulnerable polling stations in Bali?"
    assert asked_qualifiers(qualified, "en") == ["sangat", "rawan"]
    info = analyze_question("What was the difference in the number of polling stations in North Maluku between the "
                            "2024 election and the 2024 Pilkada?")
    assert info.parts and all(part.unit == "tps" for part in info.parts)
    assert asked_unit("What is the name of the operation?", "en") is None


def test_elections_regions_dates() -> None:
    info = analyze_question("Berapa TPS di Sulawesi Tengah pada Pemilu 14 Februari 2024?")
    assert info.elections == [Election.PEMILU]
    assert info.regions == ["Sulawesi Tengah"]
    assert any(d.day == 14 and d.month == 2 for d in info.dates)
    assert analyze_question("How many polling stations did Central Sulawesi have?").regions == ["Sulawesi Tengah"]


def test_difference_across_elections_is_split_by_election() -> None:
    info = analyze_question("Berapa selisih jumlah TPS di Maluku Utara antara Pemilu 2024 dan Pilkada 2024?")
    assert info.combination is Combination.DIFFERENCE
    first, second = (p.question for p in info.parts)
    assert "Pemilu 2024" in first and "Pilkada" not in first
    assert "Pilkada 2024" in second and "Pemilu" not in second
    assert all(p.answer_type is AnswerType.NUMBER for p in info.parts)
    assert side_phrases(info.question) == ["Pemilu 2024", "Pilkada 2024"]


@pytest.mark.parametrize(
    ("text", "elections"),
    [
        ("How many TPS were there in the 2024 election?", [Election.PEMILU]),
        ("the February 2024 general election", [Election.PEMILU]),
        ("Who won the gubernatorial election in Banten?", [Election.PILKADA]),
        ("during the regional head election", [Election.PILKADA]),
        ("the local election and the 2024 election", [Election.PILKADA, Election.PEMILU]),
        ("the 2024 elections", []),  # the plural may mean both elections: not read as one
        ("electioneering", []),
    ],
)
def test_english_election_words(text: str, elections: list[Election]) -> None:
    assert elections_in(text) == elections


@pytest.mark.parametrize(
    ("text", "elections"),
    [
        ("Badan Pengawas Pemilihan Umum (Bawaslu) memetakan TPS rawan Pilkada Serentak", [Election.PILKADA]),
        ("Komisi Pemilihan Umum (KPU) Kalsel menetapkan DPT Pemilu 2024", [Election.PEMILU]),
        ("kantor Komisi Pemilihan Umum (KPU)", []),
        ("pelaksanaan pemilihan umum (Pemilu) 2024", [Election.PEMILU]),
        ("the General Elections Commission (KPU)", []),
        ("the Election Supervisory Agency in the 2024 election", [Election.PEMILU]),
    ],
)
def test_an_agencys_name_names_no_election(text: str, elections: list[Election]) -> None:
    assert elections_in(text) == elections


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("Berapa TPS pada Pilkada Serentak 2024 dan Pemilu Februari 2024?",
         [("Pilkada Serentak 2024", Election.PILKADA), ("Pemilu Februari 2024", Election.PEMILU)]),
        ("the 2024 election and the November Pilkada",
         [("2024 election", Election.PEMILU), ("November Pilkada", Election.PILKADA)]),
        ("Pemilu 14 Februari 2024", [("Pemilu 14 Februari 2024", Election.PEMILU)]),
        ("Dan saat pemilihan serentak?", [("pemilihan serentak", None)]),  # a bare "pemilihan": no kind
        ("And for the election?", [("election", Election.PEMILU)]),  # English "the election" is the Pemilu
    ],
)
def test_election_spans_take_their_time_and_serentak(text: str, phrases: list[tuple[str, Election | None]]) -> None:
    assert [(text[a:b], kind) for a, b, kind in election_spans(text)] == phrases


def test_english_difference_across_elections_is_split_by_election() -> None:
    info = analyze_question("How many more polling stations did Banten have in the 2024 election than in the 2024 "
                            "Pilkada?")
    assert info.combination is Combination.DIFFERENCE
    # the year stands before the election word, as English puts it
    assert side_phrases(info.question) == ["2024 election", "2024 Pilkada"]
    assert [p.question for p in info.parts] == ["How many polling stations did Banten have in the 2024 election?",
                                                "How many polling stations did Banten have in the 2024 Pilkada?"]
    assert [p.elections for p in info.parts] == [[Election.PEMILU], [Election.PILKADA]]


def test_sum_across_regions() -> None:
    info = analyze_question("Jika dijumlahkan, berapa total TPS sangat rawan pada Pemilu 2024 di Kalimantan Barat dan "
                            "Kepulauan Riau?")
    assert info.combination is Combination.SUM
    assert [p.regions for p in info.parts] == [["Kalimantan Barat"], ["Kepulauan Riau"]]


@pytest.mark.parametrize(("question", "combination", "parts"), [
    # "plus" between two sides is a sum
    ("Berapa total personel Polres Tanjab Barat ditambah BKO Polda Jambi yang ditempatkan di TPS?", Combination.SUM,
     ["Berapa personel Polres Tanjab Barat yang ditempatkan di TPS?",
      "Berapa personel BKO Polda Jambi yang ditempatkan di TPS?"]),
    ("How many polling stations in Kalbar plus Kepri?", Combination.SUM,
     ["How many polling stations in Kalbar?", "How many polling stations in Kepri?"]),
    # "than" after the verb names the other side; that side is asked in the first one's place
    ("How many more personnel did Polresta Sleman deploy than Polresta Denpasar?", Combination.DIFFERENCE,
     ["How many personnel did Polresta Sleman deploy?", "How many personnel did Polresta Denpasar deploy?"]),
    ("Berapa personel lebih banyak yang dikerahkan Polda Bali daripada Polda NTB?", Combination.DIFFERENCE,
     ["Berapa personel yang dikerahkan Polda Bali?", "Berapa personel yang dikerahkan Polda NTB?"]),
    # English writes the count noun after the first name: it belongs to that side and is kept for the other
    ("How many Polres Tanjab Barat personnel plus Polda Jambi BKO were placed at polling stations in total?",
     Combination.SUM, ["How many Polres Tanjab Barat personnel were placed at polling stations?",
                       "How many personnel Polda Jambi BKO were placed at polling stations?"]),
    ("How many Polresta Sleman officers and Polres Bantul officers were deployed in total?", Combination.SUM,
     ["How many Polresta Sleman officers were deployed?", "How many officers Polres Bantul officers were deployed?"]),
    # an election left right after a name, its "antara" / "between" gone with the other side, is said as a time
    ("Berapa selisih jumlah TPS di Maluku Utara antara Pemilu 2024 dan Pilkada 2024?", Combination.DIFFERENCE,
     ["Berapa jumlah TPS di Maluku Utara pada Pemilu 2024?", "Berapa jumlah TPS di Maluku Utara pada Pilkada 2024?"]),
    ("What was the difference in the number of polling stations in North Maluku between the 2024 election and the "
     "2024 Pilkada?", Combination.DIFFERENCE,
     ["What was the number of polling stations in North Maluku in the 2024 election?",
      "What was the number of polling stations in North Maluku in the 2024 Pilkada?"]),
    # after a noun it qualifies, the election stays as written: the security of the election
    ("Apa nama sandi operasi Polri untuk pengamanan Pemilu 2024 dan Pilkada 2024?", Combination.BOTH,
     ["Apa nama sandi operasi Polri untuk pengamanan Pemilu 2024?",
      "Apa nama sandi operasi Polri untuk pengamanan Pilkada 2024?"]),
])
def test_the_sides_of_a_two_sided_question(question: str, combination: Combination, parts: list[str]) -> None:
    info = analyze_question(question)
    assert info.combination is combination
    assert [p.question for p in info.parts] == parts


def test_a_word_between_two_names_that_counts_nothing_joins_no_sides() -> None:
    """Only a count noun makes the name before it a side: "Polres Lebak secure and Polres Pandeglang" is no pair."""
    assert analyze_question("How many TPS did Polres Lebak secure and Polres Pandeglang guard in total?").parts == []


def test_ditambah_without_total_is_no_sum() -> None:
    assert analyze_question("Berapa personel yang ditambah ke Polres Serang dan Polres Cilegon?").combination is not (
        Combination.SUM)


def test_comparison_of_two_names_becomes_two_count_questions() -> None:
    info = analyze_question("Compare the personnel deployed in Tangerang and Bali")
    assert info.combination is Combination.COMPARE
    assert [p.question for p in info.parts] == ["How many personnel deployed in Tangerang?",
                                                "How many personnel deployed in Bali?"]
    assert analyze_question("Bandingkan personel Polresta Tangerang vs Polda Bali").combination is Combination.COMPARE
    # a request's full stop is no part of its last side
    stated = analyze_question("Compare the personnel deployed in Tangerang and Bali.")
    assert [p.question for p in stated.parts] == [p.question for p in info.parts]
    stated = analyze_question("Bandingkan jumlah TPS sangat rawan di Bali dan NTB saat Pilkada 2024.")
    assert [p.question for p in stated.parts] == ["Berapa jumlah TPS sangat rawan di Bali saat Pilkada 2024?",
                                                  "Berapa jumlah TPS sangat rawan di NTB saat Pilkada 2024?"]


@pytest.mark.parametrize("question", [
    "Mana yang lebih banyak TPS sangat rawan, Bali atau NTB, saat Pilkada?",  # not a difference: which side
    "Which deployed more personnel, Polda Sulteng or Polda Sultra, for the Pilkada?",
    "Berapa TPS yang dijaga Polresta Denpasar saat Pilkada dibanding Pemilu?",
])
def test_asking_which_side_is_more_is_a_comparison_of_two_counts(question: str) -> None:
    info = analyze_question(question)
    assert info.combination is Combination.COMPARE and info.answer_type is AnswerType.NUMBER
    assert len(info.parts) == 2 and all(p.answer_type is AnswerType.NUMBER for p in info.parts)
    assert not any(re.search(r"\b(?:which|mana yang lebih|dibanding)\b", p.question, re.I) for p in info.parts)


def test_a_difference_compared_with_another_election_stays_a_difference() -> None:
    question = "Berapa selisih personel BKO Polda Kepri untuk Pilkada 2024 dibandingkan Pemilu 2024?"
    assert analyze_question(question).combination is Combination.DIFFERENCE


def test_two_facts_asked_together() -> None:
    info = analyze_question("Apa nama sandi operasi Polri untuk pengamanan Pemilu 2024 dan untuk pengamanan "
                            "Pilkada 2024?")
    assert info.combination is Combination.BOTH


@pytest.mark.parametrize(
    "question",
    ["Kapan dan di mana apel digelar?", "Berapa personel dan kendaraan yang disiagakan?",
     "Which province had more polling stations, Jambi or Bengkulu, and by how many?"],
)
def test_one_question_with_an_and_is_not_split_into_two_questions(question: str) -> None:
    assert analyze_question(question).combination is not Combination.BOTH


@pytest.mark.parametrize(
    ("question", "first", "second"),
    [
        # a change asked for: each side asks the amount itself
        ("Berapa tambahan pos pengamanan untuk Pilkada 2024 dibandingkan Pemilu 2024?",
         "Berapa pos pengamanan untuk Pilkada 2024?", "Berapa pos pengamanan untuk Pemilu 2024?"),
        ("How many more officers did Polda Riau deploy for the Pilkada 2024 than for the Pemilu 2024?",
         "How many officers did Polda Riau deploy for the Pilkada 2024?",
         "How many officers did Polda Riau deploy for the Pemilu 2024?"),
        # a phrase repeated for each side is said once
        ("Siapa yang memimpin apel untuk pengamanan Pemilu 2024 dan untuk pengamanan Pilkada 2024?",
         "Siapa yang memimpin apel untuk pengamanan Pemilu 2024?",
         "Siapa yang memimpin apel untuk pengamanan Pilkada 2024?"),
        # in a sum, "total" is the operation over the sides: each side is a plain count
        ("Jika dijumlahkan, berapa total TPS sangat rawan di Kalimantan Barat dan Kepulauan Riau?",
         "Berapa TPS sangat rawan di Kalimantan Barat?", "Berapa TPS sangat rawan di Kepulauan Riau?"),
        # in a difference each side may be a total: it keeps the word
        ("Berapa selisih total TPS Pemilu 2024 di Jambi dibandingkan Bengkulu?",
         "Berapa total TPS Pemilu 2024 di Jambi?", "Berapa total TPS Pemilu 2024 di Bengkulu?"),
        # an explicit difference word decides over "total ... dan"
        ("Berapa selisih total TPS di Jambi dan Bengkulu?", "Berapa total TPS di Jambi?",
         "Berapa total TPS di Bengkulu?"),
        # a side left after a comma becomes a place
        ("Which province had more ballot boxes in the 2024 election, Aceh or Papua, and by how many?",
         "How many ballot boxes in the 2024 election in Aceh?", "How many ballot boxes in the 2024 election in Papua?"),
    ],
)
def test_each_side_is_asked_as_a_plain_question(question: str, first: str, second: str) -> None:
    assert [p.question for p in analyze_question(question).parts] == [first, second]


def test_single_questions_have_no_parts() -> None:
    for q in ("Berapa personel yang diterjunkan Polresta Tangerang?",
              "Which warship that carried Pemilu 2024 logistics was also readied for the 2024 Pilkada?"):
        assert analyze_question(q).parts == []


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("Berapa TPS yang diamankan Polresta Tangerang pada Pemilu 14 Februari 2024?", ["Polresta Tangerang"]),
        ("Berapa prajurit yang disiapkan di wilayah Kodam XIII/Merdeka untuk Pilkada 2024?", ["Kodam XIII/Merdeka"]),
        ("Where were all of NTB's very vulnerable polling stations?", ["NTB"]),
        ("Polres mana yang menerima tambahan personel dari Polda DIY?", ["Polda DIY"]),
        ("Berapa personel yang diterjunkan di Tangerang?", ["Tangerang"]),
        ("How many personnel were deployed?", []),
    ],
)
def test_names(question: str, names: list[str]) -> None:
    assert analyze_question(question).names == names


@pytest.mark.parametrize(
    ("question", "qualifiers"),
    [
        ("Berapa TPS sangat rawan di Kalimantan Barat pada Pemilu 2024?", ["sangat", "rawan"]),
        ("Berapa TPS berkategori sangat rawan di wilayah Polresta Denpasar?", ["kategori", "sangat", "rawan"]),
        ("Berapa personel cadangan yang disiapkan Polda NTB?", ["cadang"]),
        ("How many very vulnerable polling stations were in Bali?", ["sangat", "rawan"]),
        ("How many 'sangat rawan' (very vulnerable) polling stations did Bengkulu have?", ["sangat", "rawan"]),
        ("Berapa personel yang diterjunkan di Tangerang?", []),  # a relative clause's verb is no qualifier
        ("Berapa TPS yang masuk kategori sangat rawan di Bali?", ["kategor", "sangat", "rawan"]),  # its other words are
        ("Berapa TPS yang tidak rawan di Kalbar?", ["tidak", "rawan"]),  # a negator is shaped like a verb but qualifies
        ("Berapa jumlah TPS di DIY pada Pemilu 2024?", []),
        ("Berapa personel Polresta Tangerang?", []),  # names are checked on their own
        ("Berapa luas pulau Jeju?", []),  # ... and so is a place kind heading one
        ("Berapa TPS rawan kabupaten Serang?", ["rawan"]),
        ("How many Polri personnel were deployed?", []),
        ("Siapa Kapolda Bali?", []),  # not a count
        ("Berapa pemilih laki-laki di Maluku Utara?", ["laki", "laki"]),  # a hyphenated word is one word
        ("How many female voters are there in Maluku Utara?", ["empu"]),  # glossed, stemmed as "perempuan" is
        ("How many disaster-prone polling stations are there in Sleman?", ["rawan", "bencana"]),  # hyphenated too
        ("How many polling stations in Bengkulu were classed as highly vulnerable?", ["sangat", "rawan"]),
        # a count noun of several words is one unit: its last words qualify nothing
        ("Berapa tempat pemungutan suara rawan di Bali?", ["rawan"]),
        ("Berapa surat suara rusak di Bali?", ["rusak"]),
        ("Berapa kali lipat kenaikan hoaks pemilu?", ["hoaks", "pilu"]),
        ("Berapa kotak suara yang dikirim ke Aru?", []),
        # an acronym that is a term, not a name, qualifies as a lowercase word does; a count noun does not
        ("Berapa personel BKO yang dilepas Polda Kepri?", ["bko"]),
        ("How many BKO personnel did Polda Kepri send off?", ["bko"]),
        ("Berapa personel TPS di Bali?", []),
        ("Berapa personel yang BKO Polda Kepri untuk Pemilu 2024?", ["bko"]),  # in a "yang" clause too
        # a name between the noun and its clause is stepped over
        ("Berapa warga Syiah yang terluka saat jembatan ambruk?", ["luka"]),
        ("Berapa personel Polda Sultra yang mengamankan pendaftaran calon?", ["daftar", "calon"]),
    ],
)
def test_a_count_question_narrows_its_noun_by_its_qualifiers(question: str, qualifiers: list[str]) -> None:
    assert analyze_question(question).qualifiers == qualifiers


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Apakah DIY menggelar pemilihan gubernur pada Pilkada serentak 2024?", AnswerType.YES_NO),
        ("Apakah personel pengamanan TPS diizinkan membawa senjata api?", AnswerType.YES_NO),
        ("Apakah Polda Kaltara sudah menambah personel?", AnswerType.YES_NO),
        ("Apakah TPS di Sleman tidak aman?", AnswerType.YES_NO),
        ("Apakah nama pelabuhan di Cilacap?", AnswerType.ENTITY),
        ("Apakah kepanjangan dari Bawaslu?", AnswerType.ENTITY),
        ("Apakah yang ditandatangani Kapolda dan Pangdam sebelum apel?", AnswerType.ENTITY),
        ("Apakah nama operasi yang digelar Polri untuk Pilkada 2024?", AnswerType.ENTITY),
        ("Apakah menurut Bawaslu indikator TPS rawan?", AnswerType.ENTITY),
        ("Apakah jumlah prajurit TNI lebih besar dari rencana awal?", AnswerType.YES_NO),  # a comparison
    ],
)
def test_apakah_asks_yes_no_only_when_it_states_a_predicate(question: str, expected: AnswerType) -> None:
    assert classify(question) is expected


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Siapakah Kapolda Banten pada Pemilu 2024?", AnswerType.PERSON),
        ("Berapakah personel yang diturunkan Polda Bali?", AnswerType.NUMBER),
        ("Kapankah apel gelar pasukan digelar?", AnswerType.DATE),
        ("Dimanakah apel gelar pasukan digelar?", AnswerType.PLACE),
        ("Apakah Polda Bali menurunkan personel?", AnswerType.YES_NO),
    ],
)
def test_kah_on_a_question_word_asks_the_same(question: str, kind: AnswerType) -> None:
    info = analyze_question(question)
    assert info.answer_type is kind
    assert info.question == question  # the reader reads the question as asked
    assert all(not name.lower().endswith("kah") for name in info.names)


def test_a_how_many_with_kah_keeps_its_unit() -> None:
    assert analyze_question("Berapakah personel yang diturunkan?").unit == analyze_question(
        "Berapa personel yang diturunkan?").unit == "personel"


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("Berapa TPS di Provinsi Jambi pada Pemilu 2024?", ["Jambi"]),
        ("Berapa TPS di Prov. Jambi pada Pemilu 2024?", ["Jambi"]),
        ("How many polling stations were in Jambi Province in the 2024 election?", ["Jambi"]),
        ("How many polling stations were there in the Province of Jambi?", ["Jambi"]),
        ("Berapa personel Polda Kepri yang digeser ke Provinsi Kepulauan Riau?", ["Polda Kepri", "Kepulauan Riau"]),
        ("Berapa TPS di Kota Jambi?", ["Kota Jambi"]),  # a city keeps its kind: "Kota Jambi" is not the province
    ],
)
def test_a_word_saying_province_is_no_part_of_a_name(question: str, names: list[str]) -> None:
    assert names_in(question) == names


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("Dimana Dr Wilson W Wenas bertugas saat Pemilu 2024?", ["Dr Wilson W Wenas"]),  # a joined question word
        ("Dimanakah Kapolda Bali memimpin apel?", ["Kapolda Bali"]),
        ("Siapakah Kapolda NTB saat Pilkada 2024?", ["Kapolda NTB"]),
        ("Kemana Brimob Polda Banten dikirim?", ["Brimob Polda Banten"]),
    ],
)
def test_question_words_joined_or_with_kah_are_no_part_of_a_name(question: str, names: list[str]) -> None:
    assert names_in(question) == names


@pytest.mark.parametrize(
    ("question", "thing"),
    [
        ("Apakah Polda Bali mengerahkan helikopter?", "helikopter"),
        ("Apakah DIY menggelar pemilihan gubernur pada Pilkada serentak 2024?", "pemilihan"),  # not a modifier
        ("Apakah Polda Sumbar mengkategorikan Kota Padang Panjang rawan?", "rawan"),  # names are checked apart
        ("Apakah ada kericuhan di TPS?", "kericuhan"),
        ("Apakah Polres Bintan menerima BKO dari Polda Kepri?", None),  # only names and stop words follow
        ("Berapa personel yang dikerahkan?", None),
    ],
)
def test_asked_object_is_the_word_after_the_predicate(question: str, thing: str | None) -> None:
    assert asked_object(question) == thing


@pytest.mark.parametrize(
    ("question", "thing"),
    [
        ("Did Polda Bali deploy any drones?", "drones"),
        ("Did the police deploy sniffer dogs in Tangerang?", "sniffer dogs"),  # "the police" is the subject
        ("Did DIY hold a gubernatorial election in the 2024 Pilkada?", "gubernatorial election"),
        ("Did Polres Bintan receive BKO reinforcements from Polda Kepri?", None),  # a name follows the verb
        ("Was the Polda Lampung BKO extended?", None),  # a verb and nothing after it
        ("How many personnel were deployed?", None),  # not opened by an auxiliary
    ],
)
def test_english_asked_object_is_the_phrase_after_the_verb(question: str, thing: str | None) -> None:
    assert asked_object(question, "en") == thing


@pytest.mark.parametrize(
    ("question", "qualifiers"),
    [
        ("How many TPS sangat rawan are in Kalbar?", ["sangat", "rawan"]),  # Indonesian words after the noun
        ("How many polling stations in Denpasar were rated very vulnerable in 2024?", ["sangat", "rawan"]),
        ("How many TPS in Bali are very vulnerable for the 2024 Pilkada?", ["sangat", "rawan"]),
        ("How many personnel were deployed in Bali?", []),  # a verb, not a qualifier
        ("How many polling stations were there in Bali?", []),
    ],
)
def test_english_qualifiers_stated_after_the_noun(question: str, qualifiers: list[str]) -> None:
    assert asked_qualifiers(question, "en") == qualifiers



@pytest.mark.parametrize(("question", "kinds"), [
    ("In which village are the Pulau Tunda polling stations?", {"desa", "kelurahan"}),
    ("What district saw the most vulnerable polling stations?", {"kecamatan", "distrik"}),
    ("Kabupaten mana saja yang sangat rawan?", {"kabupaten"}),
    ("Di pulau apa TPS terjauh berada?", {"pulau"}),
    ("Di mana apel digelar?", set()),
    ("Which islands hold the most remote polling stations?", {"pulau", "kepulauan"}),  # the English plural
    ("Which regencies in West Sumatra were very vulnerable?", {"kabupaten"}),
    ("Which sub-districts were mapped?", {"kelurahan", "kecamatan"}),
    ("Which district police received the most personnel?", set()),  # a command the glossary names: polres
])
def test_the_kind_of_place_a_question_asks_for(question: str, kinds: set[str]) -> None:
    assert asked_place_kinds(question) == kinds



@pytest.mark.parametrize("fragment", ["jumlah personel polres serang pemilu 2024", "Total anggaran Pilkada 2024"])
def test_a_count_typed_as_a_fragment_asks_a_count(fragment: str) -> None:
    assert classify(fragment) in (AnswerType.NUMBER, AnswerType.MONEY)


@pytest.mark.parametrize(("question", "direction"), [
    ("Polres mana yang menerima tambahan personel terbanyak dari Polda DIY?", 1),
    ("Kelurahan mana yang paling banyak?", 1),
    ("Kabupaten mana paling sedikit TPS?", -1),
    ("Which district police received the most additional personnel from Polda DIY?", 1),
    ("Which regency has the most polling stations?", 1),
    ("Which regency had the fewest voters?", -1),
    ("Which regency has the largest number of TPS?", 1),
    ("Which village had the most?", 1),
    ("Which polres received the most BKO personnel from Polda Sumbar?", 1),  # an acronym before the noun
    # "most" before an adjective compares no counts
    ("Which islands are the location of the most remote polling stations?", 0),
    ("Which regency has the most vulnerable polling stations?", 0),
    ("Which regency is in Bali?", 0),
])
def test_which_has_the_most_or_the_fewest(question: str, direction: int) -> None:
    assert asked_extreme(question) == direction


@pytest.mark.parametrize(("question", "asked"), [
    ("Polres mana yang menerima personel BKO terbanyak?", True),
    ("Which polres received the most BKO personnel?", True),
    ("Which district police received the most additional personnel?", True),  # the glossary's polres
    ("Which Kodam prepared soldiers for the Pilkada?", True),
    ("Which police command secured 5,431 polling stations?", False),  # no kind named
    ("Di mana Polres Serang menggelar apel?", False),  # a command named, not asked
    ("Which Polda Bali unit escorted the logistics?", False),  # a unit of a named command
])
def test_a_command_asked_by_its_kind(question: str, asked: bool) -> None:
    from rag.question import asked_command_kind

    assert asked_command_kind(question) is asked


@pytest.mark.parametrize(("question", "term"), [
    ("Apa itu komunikasi intrapersonal?", "komunikasi intrapersonal"),
    ("Apa yang dimaksud dengan kaum Muhajirin?", "kaum Muhajirin"),
    ("Apakah yang dimaksud dengan ELO?", "ELO"),
    ("Apa pengertian pasar dalam ilmu ekonomi ?", "pasar dalam ilmu ekonomi"),
    ("Siapa itu Tu Di Gong ?", "Tu Di Gong"),
    ("Apa nama operasi pengamanan Pilkada 2024?", None),  # asks a name, defines nothing
    ("Berapa TPS rawan di Bali?", None),
    ("What is meant by homeostasis?", None),  # English terms are not looked for in Indonesian sentences
])
def test_the_term_a_definition_question_asks_about(question: str, term: str | None) -> None:
    assert defined_term(question) == term


@pytest.mark.parametrize(("question", "acronym"), [
    ("Apa kepanjangan dari GPS?", "GPS"),
    ("Apakah kepanjangan BPS?", "BPS"),
    ("TPS singkatan dari apa?", "TPS"),
    ("What does BKO stand for?", "BKO"),
    ("What is KPPS short for?", "KPPS"),
    ("Apakah kepanjangan dari Aptindo?", None),  # mixed case: often syllables ("Bawaslu"), not initials
    ("Apakah singkatan dari Lembaga Bantuan Hukum", None),  # asks the acronym of a name, not the other way
    ("Berapa TPS di Bali?", None),
])
def test_the_acronym_a_question_asks_to_expand(question: str, acronym: str | None) -> None:
    assert expanded_acronym(question) == acronym


@pytest.mark.parametrize(("question", "posts"), [
    ("Siapa Wakapolda Sultra?", {"wakapolda"}),
    ("Siapa Kapolresta Sleman?", {"kapolres"}),  # Kapolres and Kapolresta are one office
    ("Who is the deputy chief of Polda Sultra?", {"wakapolda", "wakapolres"}),
    ("Who is the Sleman police chief?", {"kapolda", "kapolres"}),
    ("Who led the troop parade?", set()),
    ("Who is the Lampung police spokesperson?", {"kabid"}),  # "kabid humas": the post is its first word
])
def test_the_post_a_who_question_asks(question: str, posts: set[str]) -> None:
    assert asked_posts(question) == posts


@pytest.mark.parametrize(
    ("request_text", "questions"),
    [
        ("Berapa personel yang disiagakan Polres Konawe, dan berapa TPS yang diamankannya?",
         ("Berapa personel yang disiagakan Polres Konawe?", "Berapa TPS yang diamankannya?")),
        ("Who is the Kapolda of Kaltara and who is his deputy?",
         ("Who is the Kapolda of Kaltara?", "Who is his deputy?")),
        ("Berapa personel Polda Bali pada Pemilu 2024 dan Pilkada 2024?", None),  # one question, two sides
        ("Siapa dan apa?", None),  # nothing asked twice
        ("Polda Bali dan siapa?", None),  # no question before the join
    ],
)
def test_two_questions_asked_at_once(request_text: str, questions: tuple[str, str] | None) -> None:
    from rag.question import two_questions

    assert two_questions(request_text) == questions


@pytest.mark.parametrize(
    ("question", "counts"),
    [
        ("Berapa personel dan TPS di Bali saat Pilkada 2024?",
         ("Berapa personel di Bali saat Pilkada 2024?", "Berapa TPS di Bali saat Pilkada 2024?")),
        ("How many districts and villages did Polda Bali map?",
         ("How many districts did Polda Bali map?", "How many villages did Polda Bali map?")),
        ("Di berapa kecamatan serta kelurahan TPS tersebar?",
         ("Di berapa kecamatan TPS tersebar?", "Di berapa kelurahan TPS tersebar?")),
        ("How many polling stations and personnel were there?",  # a noun of two words
         ("How many polling stations were there?", "How many personnel were there?")),
        ("Berapa jumlah personel dan TPS?", ("Berapa jumlah personel?", "Berapa jumlah TPS?")),
        ("Berapa personel TNI dan Polri yang dikerahkan?", None),  # a name after "dan"
        ("Berapa TPS rawan dan sangat rawan di Sumbawa?", None),  # a qualifier after "dan"
        ("Berapa personel dan berapa TPS di Bali?", None),  # two question words: two_questions
        ("Berapa selisih personel dan TPS?", None),  # not a count noun after the question word
        ("Siapa Kapolda dan Wakapolda Bali?", None),  # no count asked
    ],
)
def test_one_question_word_counting_two_nouns_asks_two_counts(question: str, counts: tuple[str, str] | None) -> None:
    from rag.question import two_counts

    assert two_counts(question) == counts


@pytest.mark.parametrize(("question", "negated"), [
    ("Berapa TPS yang tak rawan di Bali?", True),
    ("Berapa TPS non-rawan di Bali?", True),
    ("How many polling stations were not vulnerable?", True),
    ("Berapa TPS rawan di Bali?", False),
])
def test_a_question_asking_in_the_negative(question: str, negated: bool) -> None:
    assert analyze_question(question).negated is negated


@pytest.mark.parametrize(("question", "who"), [
    ("Apa pangkat Kapolda Banten?", "Siapa Kapolda Banten?"),
    ("Apa pangkat Kapolda Banten saat Pemilu 2024?", "Siapa Kapolda Banten saat Pemilu 2024?"),
    ("Pangkat Kapolresta Tangerang apa?", "Siapa Kapolresta Tangerang?"),
    ("What is Kapolda Banten's rank (2024 election)?", "Who is Kapolda Banten (2024 election)?"),
    ("What was the rank of the Kapolda Kepri?", "Who was the Kapolda Kepri?"),
    ("What rank does the Panglima TNI hold?", "Who is the Panglima TNI?"),
    ("Siapa Kapolda Banten?", None),
    ("How many personnel ranked first?", None),
])
def test_a_rank_question_is_read_as_the_who_question_behind_it(question: str, who: str | None) -> None:
    assert rank_asked_as_who(question) == who
    info = analyze_question(question)
    assert info.rank is (who is not None)
    if who is not None:
        assert info.answer_type is AnswerType.PERSON and info.question == who and info.names


@pytest.mark.parametrize(("question", "asked", "more"), [
    ("Did Polda Bali deploy more personnel than Polda NTB for the Pilkada?",
     "Which deploy more personnel for the Pilkada, Polda Bali or Polda NTB?", True),
    ("Did Polda Bali deploy fewer personnel than Polda NTB?", "Which deploy fewer personnel, Polda Bali or Polda NTB?",
     False),
    ("Were there more polling stations in Kalbar than in Sulteng?",
     "Which had more polling stations, Kalbar or Sulteng?", True),
    ("Apakah Polda Bali menerjunkan lebih banyak personel daripada Polda NTB untuk Pilkada?",
     "Mana yang lebih banyak menerjunkan personel untuk Pilkada, Polda Bali atau Polda NTB?", True),
])
def test_a_yes_no_comparison_is_asked_as_the_comparison(question: str, asked: str, more: bool) -> None:
    assert comparison_asked_yes_no(question) == (asked, more)
    info = analyze_question(question)
    assert info.combination is Combination.COMPARE and info.asks_more is more and len(info.parts) == 2


@pytest.mark.parametrize("question", [
    "Did Polda Bali deploy personnel for the Pilkada?",  # no comparison
    "Apakah Polda Bali menerjunkan personel?",
    "Did more personnel than expected turn up?",  # one side only
])
def test_other_yes_no_questions_are_no_comparison(question: str) -> None:
    assert comparison_asked_yes_no(question) is None
    assert analyze_question(question).asks_more is None


@pytest.mark.parametrize(("question", "unit", "qualifiers"), [
    ("Jumlah TPS sangat rawan di Bali berapa?", "tps", ["sangat", "rawan"]),
    ("TPS rawan di Kalbar ada berapa?", "tps", ["rawan"]),
    ("Pemilih perempuan di Maluku Utara ada berapa?", "pemilih", ["empu"]),  # stemmed
    ("Personel BKO yang dikirim ke Polres Kepulauan Sula ada berapa?", "personel", ["bko"]),  # as "Berapa personel BKO"
])
def test_a_count_asked_last_is_read_like_one_asked_first(question: str, unit: str, qualifiers: list[str]) -> None:
    info = analyze_question(question)
    assert (info.unit, info.qualifiers) == (unit, qualifiers)
    first = analyze_question(with_berapa_first(question))
    assert with_berapa_first(question).startswith("Berapa ") and (first.unit, first.qualifiers) == (unit, qualifiers)


@pytest.mark.parametrize("question", [
    "Polda NTB mengerahkan personel berapa?",  # a command first says nothing of what is counted
    "Pemilu digelar tanggal berapa?",  # "berapa" is not the count
    "Berapa personel yang dikerahkan, dan berapa TPS?",  # two counts asked: as typed
])
def test_a_question_not_starting_with_its_counted_noun_is_left_as_typed(question: str) -> None:
    assert with_berapa_first(question) == question


@pytest.mark.parametrize(("question", "read_as"), [
    ("who leads Polda NTB?", "Who is the Kapolda NTB?"),
    ("Who is the head of Polda Kepri?", "Who is the Kapolda Kepri?"),
    ("Who commands Kodam Pattimura?", "Who is the Pangdam Pattimura?"),
    ("Who led Polresta Sleman during the Pilkada?", "Who was the Kapolresta Sleman during the Pilkada?"),
    ("Siapa yang memimpin Polda NTB?", "Siapa Kapolda NTB?"),
    ("Siapa komandan Korem 163/Wirasatya?", "Siapa Danrem 163/Wirasatya?"),
    ("Siapa Kapolda NTB?", None),  # already asked by the post
    ("Who leads the security operation?", None),  # no command named
])
def test_the_head_of_a_command_is_asked_by_the_post_news_names_them_by(question: str, read_as: str | None) -> None:
    assert head_asked_as_who(question) == read_as
    if read_as is not None:
        info = analyze_question(question)
        assert info.answer_type is AnswerType.PERSON and info.question == read_as


@pytest.mark.parametrize(("question", "kinds"), [
    ("Apa nama operasi pengamanan Pilkada di Bali?", {"operasi"}),
    ("Apa nama sandi operasi pengamanan Pilkada di Bengkulu?", {"operasi"}),
    ("What is the name of the police operation for the Pilkada in Bali?", {"operasi"}),
    ("What was the name of the operation to secure the 2024 election in Bengkulu?", {"operasi"}),
    ("What is the name of the ship that carried the ballots?", {"kapal", "km", "kri"}),
    ("Siapa nama Kapolda Bali?", set()),  # a person's post: no kind a name opens with
    ("Berapa personel Polda Bali?", set()),
])
def test_a_name_asked_by_its_kind_gives_the_words_it_opens_with(question: str, kinds: set[str]) -> None:
    assert asked_name_kind(question) == kinds


@pytest.mark.parametrize(("question", "unit"), [
    ("Berapa tempat pemungutan suara rawan di Bali?", "tempat pemungutan suara"),
    ("Berapa surat suara rusak di Bali?", "surat suara"),
    ("Berapa kali lipat kenaikan hoaks pemilu?", "kali lipat"),
    ("Berapa kali Jawa Barat juara umum PON?", "kali"),
    ("Berapa TPS rawan di Bali?", "tps"),
])
def test_a_count_noun_of_several_words_is_the_unit(question: str, unit: str) -> None:
    assert analyze_question(question).unit == unit


@pytest.mark.parametrize(("question", "unit", "qualifiers"), [
    ("Jumlah TPS sangat rawan di Bali saat Pilkada?", "tps", ["sangat", "rawan"]),  # a heading asks a count
    ("Jumlah personel Polda Kepri untuk Pemilu 2024?", "personel", []),
    ("Total personel Polda Sulteng untuk Pilkada?", "personel", []),
    ("Jumlah itu berapa?", None, []),  # no count noun after it
])
def test_a_count_asked_as_a_heading_without_berapa(question: str, unit: str | None, qualifiers: list[str]) -> None:
    info = analyze_question(question)
    assert (info.unit, info.qualifiers) == (unit, qualifiers)


@pytest.mark.parametrize(("question", "answer_type"), [
    ("What's the number of polling stations in Kalbar?", AnswerType.NUMBER),
    ("Who’s the Kapolda Bali?", AnswerType.PERSON),
    ("Where's the apel held?", AnswerType.PLACE),
])
def test_a_contracted_is_reads_as_is(question: str, answer_type: AnswerType) -> None:
    assert analyze_question(question).answer_type is answer_type


@pytest.mark.parametrize(("question", "count", "value", "above", "inclusive"), [
    ("Apakah Polda Bali menerjunkan lebih dari 2.000 personel untuk Pilkada?",
     "Berapa personel Polda Bali menerjunkan untuk Pilkada?", 2000, True, False),
    ("Apakah TPS sangat rawan di Bali kurang dari 20?", "Berapa TPS sangat rawan di Bali?", 20, False, False),
    ("Did Polresta Tangerang deploy fewer than 1,000 personnel?", "How many personnel did Polresta Tangerang deploy?",
     1000, False, False),
    ("Were there more than 10 very vulnerable polling stations in Bali?",
     "How many very vulnerable polling stations were there in Bali?", 10, True, False),
    ("Did Polda Kalsel deploy at least 7,000 personnel?", "How many personnel did Polda Kalsel deploy?", 7000, True,
     True),
    # an amount, with its scale word
    ("Apakah anggaran Pilkada serentak 2024 lebih dari Rp40 triliun?", "Berapa anggaran Pilkada serentak 2024?",
     40e12, True, False),
    # English ends the noun phrase at its head noun
    ("Were more than 100 polling stations flooded in Bengkulu?", "How many polling stations were flooded in Bengkulu?",
     100, True, False),
])
def test_a_yes_no_question_against_a_figure_is_read_as_its_count(question: str, count: str, value: float,
                                                                  above: bool, inclusive: bool) -> None:
    threshold, asked = threshold_asked(question)
    assert asked == count and (threshold.value, threshold.above, threshold.inclusive) == (value, above, inclusive)
    info = analyze_question(question)
    assert info.answer_type in (AnswerType.NUMBER, AnswerType.MONEY) and info.threshold == threshold


@pytest.mark.parametrize("question", [
    "Did Polda Bali deploy more personnel than Polda NTB?",  # two sides: a comparison
    "Were polling stations under 24-hour guard?",  # no figure measured against
    "Berapa personel lebih dari 2.000?",  # no yes/no question
    "Apakah Polda Malut mengirim 700 personel?",  # a figure stated, no threshold
])
def test_other_questions_measure_nothing_against_a_figure(question: str) -> None:
    assert threshold_asked(question) is None
    assert analyze_question(question).threshold is None


def test_a_threshold_holds_strictly_unless_at_least_or_at_most() -> None:
    assert Threshold(value=2000, above=True).holds(2349) and not Threshold(value=2000, above=True).holds(2000)
    assert Threshold(value=2000, above=True, inclusive=True).holds(2000)
    assert Threshold(value=20, above=False).holds(14) and not Threshold(value=20, above=False).holds(20)


@pytest.mark.parametrize(("question", "negative"), [
    ("Polres mana yang tidak mendapat tambahan personel?", True),
    ("Pemda mana yang belum menandatangani NPHD?", True),
    ("Which polres did not receive additional personnel?", True),
    ("Which polling stations weren't secured?", True),
    ("Siapa yang menjatuhkan sanksi kepada polisi yang tidak netral?", False),  # a negated adjective
    ("What sanctions did Propam prepare for non-neutral police?", False),
    ("Polres mana yang mendapat tambahan personel?", False),
])
def test_a_question_asking_what_did_not_happen(question: str, negative: bool) -> None:
    from rag.question import negates_what_is_asked

    assert negates_what_is_asked(question) is negative


@pytest.mark.parametrize(("question", "listed"), [
    ("Biro apa saja yang tergabung dalam tim khusus Propam?", True),
    ("Sebutkan kapal perang yang disiapkan TNI AL.", True),
    ("Which regencies in West Sumatra were classified as very vulnerable?", True),
    ("Which warships did the navy prepare?", True),
    ("Kabupaten mana yang paling rawan?", False),
    ("What was the name of the operation?", False),  # "was" is no plural
    ("Which Polres received the most personnel?", False),  # a capitalised name ending in s is no plural
    ("What does BKO stand for?", False),
])
def test_a_question_asking_for_all_of_several(question: str, listed: bool) -> None:
    assert asks_list(question) is listed

