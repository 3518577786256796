"""Keyword tokens: one form for 1.048/1,048 and for inflected Indonesian words."""

from __future__ import annotations

from siaga.text import keyword_tokens


def test_numbers_normalised_and_stemmed() -> None:
    doc = keyword_tokens("Sebanyak 1.048 personel diterjunkan untuk pengamanan TPS di Tangerang.")
    query = keyword_tokens("1,048 personel terjun amankan Tangerang")
    assert "1048" in doc and "tangerang" in doc
    assert set(query) <= set(doc)


def test_stopwords_dropped() -> None:
    assert keyword_tokens("Berapa yang di dan") == []
    assert keyword_tokens("yang", keep_stopwords=True) == ["yang"]
