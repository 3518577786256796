"""Keyword tokens: one form for 1.048/1,048 and for inflected Indonesian words."""

from __future__ import annotations

import pytest

from siaga.text import expand_shorthand, keyword_tokens, loanword_spelling, spelled_alike, within_one_edit


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
    ("Kpn apel digelar?", "kapan apel digelar?"),
    ("Organisasi ga jelas", "Organisasi tidak jelas"),  # whole words only: "Organisasi" keeps its "org"
    ("TPS-yg", "TPS-yg"),  # not inside a hyphenated word
])
def test_chat_shorthand_is_written_out(typed: str, read: str) -> None:
    assert expand_shorthand(typed) == read
