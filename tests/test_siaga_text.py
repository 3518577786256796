"""Keyword tokens: one form for 1.048/1,048 and for inflected Indonesian words."""

from __future__ import annotations

import pytest

from siaga.text import (
    expand_shorthand,
    keyword_set,
    keyword_tokens,
    loanword_spelling,
    restore_case,
    spelled_alike,
    within_one_edit,
)


def test_numbers_normalised_and_stemmed() -> None:
    doc = keyword_tokens("Sebanyak 1.048 personel diterjunkan untuk pengamanan TPS di Tangerang.")
    query = keyword_tokens("1,048 personel terjun amankan Tangerang")
    assert "1048" in doc and "tangerang" in doc
    assert set(query) <= set(doc)


def test_stopwords_dropped() -> None:
    assert keyword_tokens("Berapa yang di dan") == []
    assert keyword_tokens("yang", keep_stopwords=True) == ["yang"]


@pytest.mark.parametrize(("english", "indonesian"), [
    ("inflation", "inflasi"), ("commission", "komisi"), ("iraq", "irak"), ("ecuador", "ekuador"),
    ("confederation", "konfederasi"), ("philosophy", "filosofi"), ("taxi", "taksi"),
])
def test_an_english_word_is_spelled_as_indonesian_writes_loanwords(english: str, indonesian: str) -> None:
    assert loanword_spelling(english) == indonesian


def test_one_edit_apart_means_one_letter_inserted_deleted_or_changed() -> None:
    assert within_one_edit("german", "jerman") and within_one_edit("sumatra", "sumatera")
    assert not within_one_edit("german", "jermanik") and not within_one_edit("polda", "polres")


def test_a_name_word_meets_its_indonesian_spelling_but_not_a_different_word() -> None:
    words = frozenset({"irak", "konfederasi", "jerman", "sumatera", "polda"})
    assert spelled_alike("iraq", words) and spelled_alike("confederation", words)
    assert spelled_alike("german", words) and spelled_alike("sumatran", words)  # one letter; adjective -n
    assert not spelled_alike("iran", words)  # four letters: only an exact spelling counts
    assert not spelled_alike("police", words)



@pytest.mark.parametrize(("typed", "read"), [
    ("brp personel yg dikerahkan", "berapa personel yang dikerahkan"),
    ("Kpn apel digelar?", "Kapan apel digelar?"),  # a capital typed is kept: the reader is cased
    ("Brp TPS, utk Pilkada?", "Berapa TPS, untuk Pilkada?"),
    ("Organisasi ga jelas", "Organisasi tidak jelas"),  # whole words only: "Organisasi" keeps its "org"
    ("TPS-yg", "TPS-yg"),  # not inside a hyphenated word
])
def test_chat_shorthand_is_written_out(typed: str, read: str) -> None:
    assert expand_shorthand(typed) == read


ARTICLE = ("Tangerang (ANTARA) - Polresta Tangerang menurunkan 1.048 personel untuk menjaga 5.431 TPS di wilayah "
           "Tangerang. Personel disiagakan di setiap TPS. Kapolresta menyebut personel siap.")


@pytest.mark.parametrize(("typed", "read"), [
    ("berapa personel polresta tangerang?", "berapa personel polresta Tangerang?"),  # "Polresta" written once only
    ("berapa tps di tangerang?", "berapa TPS di Tangerang?"),
    ("Berapa personel di Tangerang?", "Berapa personel di Tangerang?"),  # cased words stay as typed
    ("how many personnel in tangerang?", "how many personnel in Tangerang?"),  # words the articles lack stay
])
def test_a_lower_case_word_is_read_as_the_articles_write_it(typed: str, read: str) -> None:
    assert restore_case(typed, [ARTICLE]) == read


def test_a_word_the_articles_also_write_in_lower_case_or_only_open_sentences_with_stays() -> None:
    # "personel" opens a sentence once ("Personel disiagakan") and is lower case elsewhere: it stays
    assert restore_case("personel", [ARTICLE]) == "personel"
    # "menjaga" is written in lower case; "Kapolresta" only where a sentence opens
    assert restore_case("kapolresta menjaga", [ARTICLE]) == "kapolresta menjaga"
    # a word written cased only where a sentence opens is no evidence of how it is written
    assert restore_case("disiagakan", ["Disiagakan 5 personel. Lalu: Disiagakan lagi."]) == "disiagakan"
    assert restore_case("kapolresta", [ARTICLE, "Kata Kapolresta."]) == "kapolresta"  # once is not enough
    assert restore_case("kapolresta", [ARTICLE, "Kata Kapolresta, lalu Kapolresta pergi."]) == "Kapolresta"
    assert restore_case("tps", []) == "tps"


NAMES = ("Polresta Denpasar menurunkan 900 personel untuk Pilkada 2024, dan polresta dan polres jajaran bersiaga dalam "
         "dinamika pilkada. Sejak Pilkada 2024 dimulai, Kapolresta Denpasar "
         "memimpin apel di Polresta Denpasar. Personel Kodam XIII/Merdeka membantu; Kodam XIII/Merdeka menyiagakan "
         "prajurit. Di Maluku Barat Daya, daya tampung kapal cukup untuk logistik Maluku Barat Daya. Tempat "
         "Pemungutan Suara (TPS) dijaga ketat; tempat pemungutan suara lain dijaga Linmas dengan semangat merdeka.")


@pytest.mark.parametrize(("typed", "read"), [
    # each word is also written in lower case ("polresta dan polres", "daya tampung", "merdeka"): the phrase is not
    ("berapa personel polresta denpasar?", "berapa personel Polresta Denpasar?"),
    ("berapa tps di maluku barat daya?", "berapa tps di Maluku Barat Daya?"),
    ("berapa prajurit kodam xiii/merdeka?", "berapa prajurit Kodam XIII/Merdeka?"),
    ("berapa personel pilkada 2024?", "berapa personel Pilkada 2024?"),  # a year may end the phrase
    ("berapa personel 2024 pilkada?", "berapa personel 2024 pilkada?"),  # but not open it
    # written in lower case too: no name, though a sentence may open with it capitalised
    ("berapa tempat pemungutan suara?", "berapa tempat pemungutan suara?"),
    ("polresta dan polres", "polresta dan polres"),
])
def test_a_lower_case_phrase_is_read_as_the_articles_write_it(typed: str, read: str) -> None:
    assert restore_case(typed, [NAMES]) == read


def test_a_phrase_written_cased_once_is_no_evidence() -> None:
    # "Kapolresta Denpasar" is written once; "Denpasar" alone, never in lower case, is still read by itself
    assert restore_case("kapolresta denpasar", [NAMES]) == "kapolresta Denpasar"


OPENING = ("Polda Banten menggeser 1.646 personel. Kapolda sebelumnya memimpin apel, dan personel sebelumnya "
           "disiagakan. Sebelumnya, Tangerang menurunkan 1.048 personel di Tangerang.")


@pytest.mark.parametrize(("typed", "read"), [
    ("Sebelumnya?", "sebelumnya?"),  # written in lower case away from a sentence's start: no name
    ("Tangerang?", "Tangerang?"),  # written cased: a name
    ("Apel?", "Apel?"),  # written in lower case once only: no evidence either way
    ("Pangkatnya?", "Pangkatnya?"),  # not written at all
])
def test_an_opening_word_is_read_as_the_articles_write_it_when_asked(typed: str, read: str) -> None:
    assert restore_case(typed, [OPENING], opening=True) == read
    assert restore_case(typed, [OPENING]) == typed  # without ``opening`` a cased word stays as typed


def test_keyword_set_is_the_cached_set_of_keyword_tokens() -> None:
    """Retrieval and evidence ask the same chunks' stems for every question: cached, and never another answer."""
    text = "Sebanyak 1.048 personel diterjunkan untuk pengamanan TPS di Tangerang pada Pemilu 2024."
    assert keyword_set(text) == frozenset(keyword_tokens(text))
    assert keyword_set(text) is keyword_set(text)
    assert keyword_set("") == frozenset()
