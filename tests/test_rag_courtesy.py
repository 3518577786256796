"""Courtesies in the chat: a message that only thanks, greets or acknowledges is no question."""

from __future__ import annotations

import pytest

from rag.courtesy import Courtesy, courtesy_of, questions_asked, without_courtesy


@pytest.mark.parametrize(("message", "kind", "language"), [
    ("Thanks!", Courtesy.THANKS, "en"),
    ("thank you very much :)", Courtesy.THANKS, "en"),
    ("Makasih ya kak", Courtesy.THANKS, "id"),
    ("Terima kasih banyak!", Courtesy.THANKS, "id"),
    ("Ok, thanks!", Courtesy.THANKS, "en"),  # thanks outranks the acknowledgement
    ("Oke sip", Courtesy.ACKNOWLEDGEMENT, "id"),
    ("ok", Courtesy.ACKNOWLEDGEMENT, None),  # both languages' word: the conversation's language decides
    ("Got it.", Courtesy.ACKNOWLEDGEMENT, "en"),
    ("Halo", Courtesy.GREETING, "id"),
    ("Hi there!", Courtesy.GREETING, "en"),
    ("Selamat pagi, Siaga", Courtesy.GREETING, "id"),
    ("What can you do?", Courtesy.HELP, "en"),
    ("Thanks, bye!", Courtesy.FAREWELL, "en"),
    ("Oke, sampai jumpa", Courtesy.FAREWELL, "id"),
    ("Help!", Courtesy.HELP, "en"),
    ("Apa yang bisa kamu lakukan?", Courtesy.HELP, "id"),
])
def test_a_message_of_courtesy_words_only_is_a_courtesy(message: str, kind: Courtesy, language: str | None) -> None:
    assert courtesy_of(message) == (kind, language)


@pytest.mark.parametrize("message", [
    "Mantap Brata?",  # an operation's name, not "great"
    "Terima kasih, lalu di Bali?",
    "Ok, how many in Bali?",
    "Bali?",
    "Baik 1.646 personel",
    "Pak, berapa TPS?",
    "help me find the Bali figure",
    "",
    "?",
])
def test_anything_more_than_courtesy_is_no_courtesy(message: str) -> None:
    assert courtesy_of(message) is None


@pytest.mark.parametrize(("message", "question"), [
    ("Terima kasih, lalu di Bali?", "lalu di Bali?"),
    ("Ok. Who led the parade?", "Who led the parade?"),
    ("Baik, terima kasih. Siapa Kapolda Bali?", "Siapa Kapolda Bali?"),
    ("Halo, berapa personel Polda Bali?", "berapa personel Polda Bali?"),
    ("Polda Bali, berapa personel?", "Polda Bali, berapa personel?"),  # opens with a name: unchanged
    ("Pak, berapa TPS?", "Pak, berapa TPS?"),  # a form of address alone is no courtesy
    ("Ok, thanks!", "Ok, thanks!"),  # all courtesy: answered as one, not cut
])
def test_a_courtesy_opening_a_question_is_dropped(message: str, question: str) -> None:
    assert without_courtesy(message) == question


@pytest.mark.parametrize(("message", "question"), [
    ("Halo, mau tanya: Berapa TPS di Bali?", "Berapa TPS di Bali?"),  # a greeting, then a lead-in
    ("Hi! Quick question: How many personnel did Polda Bali deploy?", "How many personnel did Polda Bali deploy?"),
    ("mau tanya berapa personel polda bali?", "berapa personel polda bali?"),  # no punctuation after "tanya"
    ("Mau tanya dong kak, siapa Kapolda Bali?", "siapa Kapolda Bali?"),  # softened
    ("I have a question: who led the parade?", "who led the parade?"),
    ("Permisi, izin bertanya, berapa TPS?", "berapa TPS?"),
    ("Mau tanya", "Mau tanya"),  # nothing after it: left alone
    ("Tanya jawab soal TPS?", "Tanya jawab soal TPS?"),  # a one-word lead-in needs punctuation after it
])
def test_a_lead_in_before_the_question_is_dropped(message: str, question: str) -> None:
    assert without_courtesy(message) == question


@pytest.mark.parametrize(("message", "question"), [
    ("Berapa TPS di Bali? Terima kasih.", "Berapa TPS di Bali?"),
    ("Berapa TPS di Bali, makasih ya", "Berapa TPS di Bali"),
    ("How many personnel did Polda Bali deploy? Thanks!", "How many personnel did Polda Bali deploy?"),
    ("Halo, mau tanya: berapa TPS? Makasih banyak kak!", "berapa TPS?"),  # opened and closed
    ("Siapa yang bilang oke?", "Siapa yang bilang oke?"),  # a courtesy word inside the question stays
    ("Berapa personel Polda Bali? Tolong jawab.", "Berapa personel Polda Bali? Tolong jawab."),  # no courtesy
])
def test_a_courtesy_closing_the_question_is_dropped(message: str, question: str) -> None:
    assert without_courtesy(message) == question


@pytest.mark.parametrize(("message", "question"), [
    ("Berapa TPS di Bali? 🙏", "Berapa TPS di Bali?"),
    ("🙏🏽 Siapa Kapolda Bali?", "Siapa Kapolda Bali?"),  # with its skin tone
    ("Berapa TPS ✅ di Bali?", "Berapa TPS di Bali?"),  # inside: one space stays
    ("Berapa TPS di Bali? Makasih 😊🙏", "Berapa TPS di Bali?"),  # after a closing thanks
    ("Suhu saat itu 30°C?", "Suhu saat itu 30°C?"),  # a symbol of measure stays
])
def test_an_emoji_is_no_word_of_the_question(message: str, question: str) -> None:
    assert without_courtesy(message) == question


def test_a_lead_in_alone_is_no_courtesy() -> None:
    assert courtesy_of("Mau tanya") is None and courtesy_of("Quick question") is None


def test_the_questions_asked_leave_out_courtesies_and_their_replies() -> None:
    history = [
        {"role": "user", "content": "Berapa personel Polda Bali?"},
        {"role": "assistant", "content": "2.349 personel [1]."},
        {"role": "user", "content": "Makasih!"},
        {"role": "assistant", "content": "Sama-sama."},
    ]
    assert questions_asked(history) == history[:2]
    assert questions_asked(None) == []


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_help_reply_gives_examples_siaga_reads_as_it_says(lang: str) -> None:
    """The quoted examples in the help text are questions of the kinds it names (an overview, a source follow-up),
    none of them read as a courtesy."""
    import re

    from rag import wording
    from rag.attribution import asks_who_said
    from rag.overview import overview_topic

    examples = re.findall(r'"([^"]+)"', wording.courtesy_reply(Courtesy.HELP, lang))
    assert len(examples) >= 6 and not any(courtesy_of(e) for e in examples)
    assert sum(overview_topic(e) is not None for e in examples) == 1
    assert sum(asks_who_said(e) for e in examples) == 1
