"""Sentence splitting for Indonesian news: where it must and must not cut."""

from __future__ import annotations

import pytest

from siaga.sentences import sentences, split_sentences


def test_spans_are_exact_and_stripped() -> None:
    text = "  Halo dunia.   Ini kalimat kedua.\n\n  Paragraf baru  "
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["Halo dunia.", "Ini kalimat kedua.", "Paragraf baru"]
    assert spans[0] == (2, 13)


def test_empty_and_whitespace() -> None:
    assert split_sentences("") == []
    assert split_sentences("  \n\n \t ") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Dirintelkam Polda Banten Kombes Pol. Heska Wahyu Widodo memimpin apel.",
        "Kapolda Kalsel Irjen Andi Rian R. Djajadi hadir di lapangan.",
        "Wakapolda Brigjen Pol M. Sabilul Alif memimpin apel gelar pasukan.",
        "Kapolda Irjen. Daniel Adityajaya dan Dr. Budi hadir bersama H. Ahmad.",
        "Kantor KPU berada di Jl. Ahmad Yani No. 5 dekat St. Mary.",
        "Logistik meliputi kotak suara, bilik, dll. yang dikirim serentak.",
        "Sebanyak 1.048 personel menjaga 5.431 TPS dengan biaya Rp4.814.000 per KPPS.",
        "Inflasi tercatat 1,5 persen, sedangkan andilnya 0,21 persen.",
        "Apel digelar Sabtu (13/2/2024) pukul 08.00 WIB di Mapolda.",
        "Informasi ada di https://www.antaranews.com/berita/123 dan humas@polri.go.id saat itu.",
        "Ia menyebut lulusan S.I.K. itu sudah bertugas.",
        "Gereja itu dipimpin Pdt. Prof. DR. Abraham Alex Tanuseputra sejak 1980.",  # a pastor's title
        "Ia mendirikan PT. Kharisma Jabar Film dan CV. Maju Jaya pada 1990.",  # company forms
    ],
)
def test_no_split_inside(sentence: str) -> None:
    assert sentences(sentence) == [sentence]


def test_quote_continued_by_speech_verb_stays_one_sentence() -> None:
    text = '"Kami minta semua personel tetap siaga," kata Heska. Apel selesai siang.'
    assert sentences(text) == ['"Kami minta semua personel tetap siaga," kata Heska.', "Apel selesai siang."]


def test_closing_quote_belongs_to_sentence() -> None:
    text = '"Jauhi politik praktis." Kapolda lalu meninggalkan lapangan.'
    assert sentences(text) == ['"Jauhi politik praktis."', "Kapolda lalu meninggalkan lapangan."]


def test_question_and_exclamation() -> None:
    assert sentences("Siap? Siap! Berangkat.") == ["Siap?", "Siap!", "Berangkat."]


def test_ellipsis_before_lowercase_does_not_split() -> None:
    text = "Personel disiagakan... dan tetap waspada. Selesai."
    assert sentences(text) == ["Personel disiagakan... dan tetap waspada.", "Selesai."]


def test_newline_always_ends_sentence() -> None:
    text = "Judul tanpa titik\nKalimat pertama. Kalimat kedua"
    assert sentences(text) == ["Judul tanpa titik", "Kalimat pertama.", "Kalimat kedua"]


def test_ordinary_word_before_full_stop_still_splits() -> None:
    # "kota" and "desa" are words, not abbreviations
    text = "Personel disebar ke desa. Sebagian lagi ke kota. Sisanya cadangan."
    assert len(sentences(text)) == 3


def test_numbered_list_item_is_not_its_own_sentence() -> None:
    text = "1. 125.224 TPS memiliki pemilih yang tidak memenuhi syarat."
    assert sentences(text) == [text]


def test_number_at_sentence_end_splits() -> None:
    text = "Jumlah TPS mencapai 1.487. Polisi menjaga semuanya."
    assert sentences(text) == ["Jumlah TPS mencapai 1.487.", "Polisi menjaga semuanya."]
