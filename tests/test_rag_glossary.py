"""The glossary's one job outside retrieval: English questions in the Indonesian words the reader learnt."""

from __future__ import annotations

import pytest

from rag.glossary import english_singular, gloss_english, term_groups


@pytest.mark.parametrize(
    ("english", "glossed"),
    [
        ("How many personnel did Polda Banten deploy?", "berapa personel Polda Banten dikerahkan?"),
        ("Who was the Kapolda of West Sumatra?", "siapa Kapolda Sumatera Barat?"),  # province in its own name
        ("Did Polres Bintan receive reinforcements?", "apakah Polres Bintan menerima bko?"),
        ("How many polling stations in Bali?", "berapa tps di Bali?"),
        # Indonesian dates a noun after it; a date's year and a bare "in 2024" stay where they are
        ("How many personnel in the 2024 election?", "berapa personel di pemilu 2024?"),
        # a year opening a bracket or a list item dates the noun after it too
        ("Who is the police chief (Polda Banten, 2024 election)?", "siapa kapolda (Polda Banten, pemilu 2024)?"),
        ("Who led the 2024 simultaneous Pilkada in Bali?", "siapa dipimpin serentak Pilkada 2024 di Bali?"),
        ("How many personnel on 14 February 2024?", "berapa personel pada 14 February 2024?"),
        ("How many personnel in 2024 in Bali?", "berapa personel di 2024 di Bali?"),
        # "What is the <measure> of X?" is asked as Indonesian asks it: kept in English, "apa area X?" reads to the
        # reader as a where-question; "area" that is no measure asked stays (a region, in Indonesian too)
        ("What is the area of Murung Raya Regency?", "berapa luas Murung Raya Regency?"),
        ("What was the population of Seoul?", "berapa jumlah penduduk Seoul?"),
        ("What is the total value of the cars?", "berapa total value mobil?"),
        ("What is the total number of polling stations in Bali?", "berapa jumlah tps di Bali?"),
        ("How many TPS are in the Tangerang area?", "berapa TPS di Tangerang area?"),
    ],
)
def test_english_question_is_glossed_word_for_word(english: str, glossed: str) -> None:
    assert gloss_english(english) == glossed


def test_names_are_never_translated() -> None:
    # "Field" is a capitalised name here, not the glossary's "field" -> "lapangan"
    assert "Field" in gloss_english("How many personnel guarded Merdeka Field?")


def test_english_numbers_are_written_the_indonesian_way_and_kept_whole() -> None:
    """ "3,449" must reach the reader as one Indonesian number (3.449), not as "3, 449"."""
    glossed = gloss_english("How many personnel secured 3,449 polling stations and 2.5 percent of the budget?")
    assert "3.449 tps" in glossed and "2,5" in glossed


def test_a_people_classifier_counts_voters_and_personnel_but_not_polling_stations() -> None:
    from rag.glossary import units_compatible

    assert units_compatible("pemilih", "orang") and units_compatible("personel", "jiwa")
    assert units_compatible("orang", "pemilih")
    assert not units_compatible("pemilih", "personel")  # voters are not personnel
    assert not units_compatible("personel", "warga")  # nor are residents
    assert units_compatible("pemilih", "warga") and units_compatible("orang", "penduduk")
    assert not units_compatible("tps", "orang")
    assert not units_compatible("bilik suara", "kotak suara")  # voting booths are not ballot boxes


def test_every_territorial_command_is_a_counted_unit() -> None:
    """"15 Kodam" counts commands, as "20 Polres" does: the unit group and siaga.regions' list must not drift apart."""
    from rag.glossary import unit_group
    from siaga.regions import TERRITORIAL_COMMANDS

    assert {unit_group(command) for command in TERRITORIAL_COMMANDS} == {unit_group("polres")}


def test_an_english_word_the_glossary_lacks_meets_its_indonesian_loanword_spelling() -> None:
    groups = {g.term: g.stems for g in term_groups(["inflation", "polda"], "en")}
    assert "inflasi" in groups["inflation"] and "inflation" in groups["inflation"]
    assert groups["polda"] == frozenset({"polda"})  # an Indonesian name stays as it is
    assert {g.term: g.stems for g in term_groups(["inflasi"], "id")}["inflasi"] == frozenset({"inflasi"})


def test_the_english_verbs_of_a_time_span_are_glossed() -> None:
    assert gloss_english("When did Operasi Mantap Brata start?") == "kapan Operasi Mantap Brata dimulai?"
    assert gloss_english("When was the last computer invented?").count("berlangsung") == 0  # "last" is seldom the verb


@pytest.mark.parametrize(("english", "glossed"), [
    ("How many personnel did Polresta Sleman put on standby?", "berapa personel Polresta Sleman disiagakan?"),
    ("How many personnel were on alert in Bali?", "berapa personel siaga di Bali?"),
    ("How many officers were stationed in Kendari?", "berapa personel ditempatkan di Kendari?"),
    ("How many troops did the TNI mobilise?", "berapa pasukan TNI dikerahkan?"),
    ("How many personnel did Polda Kalsel send off?", "berapa personel Polda Kalsel melepas?"),
    ("How many personnel were seconded to Polres Bintan?", "berapa personel bko ke Polres Bintan?"),
    ("How many officers were on duty?", "berapa personel bertugas?"),
    ("How much misinformation was found by Kominfo?", "berapa hoaks ditemukan oleh Kominfo?"),
])
def test_everyday_english_news_verbs_are_glossed(english: str, glossed: str) -> None:
    """Words English reports on deployments use beside "deploy" (``2026-12-05-everyday-english-news-verbs.md``)."""
    assert gloss_english(english) == glossed


def test_common_question_words_reach_the_gloss_in_indonesian() -> None:
    glossed = gloss_english("How many TPS were there in Kendari according to Polresta Kendari?")
    assert glossed == "berapa TPS di Kendari menurut Polresta Kendari?"


def test_the_words_of_a_polling_stations_vulnerability_are_glossed() -> None:
    """How the news classes polling stations (rawan bencana, rawan konflik sosial) reaches the reader and the
    count's qualifiers in Indonesian."""
    assert gloss_english("How many polling stations in Sleman are prone to disasters?") == \
        "berapa tps di Sleman rawan bencana?"
    assert "konflik sosial" in gloss_english("How many polling stations are prone to social conflict?")


@pytest.mark.parametrize(("plural", "one"), [
    ("polling stations", "polling station"), ("people", "person"), ("regencies", "regency"),
    ("ballot boxes", "ballot box"), ("hoaxes", "hoax"), ("items of content", "item of content"),
    ("personnel", "personnel"), ("percent", "percent"),
])
def test_one_of_an_english_count_noun(plural: str, one: str) -> None:
    assert english_singular(plural) == one


def test_the_glossary_file_is_all_lowercase_words_with_no_empty_gloss() -> None:
    """Keys and words are matched lower-cased: a capitalised entry in the file could never match."""
    from rag.glossary import EN_MEASURE_TO_ID, EN_TO_ID, ID_SYNONYM_GROUPS, UNIT_GROUPS

    for english, words in EN_TO_ID.items():
        assert english == english.lower() and words and all(w == w.lower() for w in words), english
    for english, measure in EN_MEASURE_TO_ID.items():
        assert english == english.lower() and measure and measure == measure.lower(), english
    for group in (*UNIT_GROUPS, *ID_SYNONYM_GROUPS):
        assert all(w == w.lower() for w in group), group


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('[sets]\ndeploy = ["dikerahkan"]\n[english]\ndeploy = "@deployed"\n', "neither a word list nor a word set"),
        ('[sets]\ndeploy = ["dikerahkan"]\n[english]\ndeploy = []\n', "must be a non-empty list of words"),
        ('[sets]\ndeploy = ["dikerahkan"\n', "not valid TOML"),
        ('[sets]\ndeploy = ["dikerahkan"]\n[english]\ndeploy = "@deploy"\n', "'english_questions' is missing"),
    ],
)
def test_a_broken_glossary_file_is_named_with_its_problem(tmp_path, text: str, problem: str) -> None:
    from rag.glossary import _load_glossary

    broken = tmp_path / "glossary.toml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=problem) as raised:
        _load_glossary(broken)
    assert str(broken) in str(raised.value)


def test_last_ending_a_clause_after_an_auxiliary_is_the_verb() -> None:
    assert gloss_english("How long did Operasi Mantap Brata last?") == "berapa lama Operasi Mantap Brata berlangsung?"
    assert gloss_english("How many days did the operation last, according to Kapolda Sulut?") == \
        "berapa hari operasi berlangsung, menurut Kapolda Sulut?"
    assert "last hari" in gloss_english("How many personnel were there on the last day?")  # the adjective stays


def test_the_search_and_the_window_choice_read_last_as_the_verb_too() -> None:
    from rag.evidence import question_groups
    from rag.pipeline import search_terms

    question = "How long did Operasi Mantap Brata last?"
    assert "langsung" in search_terms(question, "en", 0.5)  # the stem of "berlangsung"
    assert any("langsung" in group for group in question_groups(question, "en"))
