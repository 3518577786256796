"""Follow-up rewriting: substitute the place/election/date, keep the frame, stay in the user's language."""

from __future__ import annotations

import pytest

from rag.legacy.followup import rewrite_followup
from rag.legacy.question import Event, analyze_question


def _history(user: str, assistant: str = "Jawaban sebelumnya.") -> list[dict]:
    return [{"role": "user", "content": user}, {"role": "assistant", "content": assistant}]


def test_place_substitution_indonesian() -> None:
    out = rewrite_followup("Bagaimana dengan di Serang?", _history("Berapa personel yang diterjunkan di Tangerang?"))
    assert out == "Berapa personel yang diterjunkan di Serang?"


def test_place_substitution_keeps_unit_kind_english() -> None:
    out = rewrite_followup(
        "What about Lebak?",
        _history("How many personnel did Polres Serang deploy for the February 2024 election?", "610."),
    )
    assert out == "How many personnel did Polres Lebak deploy for the February 2024 election?"
    assert analyze_question(out).language == "en"


def test_event_substitution_indonesian_replaces_the_whole_event_phrase() -> None:
    out = rewrite_followup(
        "Kalau untuk Pilkada November 2024?",
        _history(
            "Berapa personel BKO yang diterjunkan Polda Maluku Utara untuk pengamanan TPS Pemilu 14 Februari 2024?"
        ),
    )
    assert out == "Berapa personel BKO yang diterjunkan Polda Maluku Utara untuk pengamanan TPS Pilkada November 2024?"
    info = analyze_question(out)
    assert info.event is Event.PILKADA
    assert info.dates and info.dates[0].month == 11


def test_event_substitution_english() -> None:
    out = rewrite_followup(
        "And for the November Pilkada?",
        _history("How many personnel did Polresta Denpasar deploy for the February 2024 election?", "798."),
    )
    assert out == "How many personnel did Polresta Denpasar deploy for the November Pilkada?"


def test_short_kalau_pilkada() -> None:
    out = rewrite_followup(
        "Kalau Pilkada?", _history("Berapa personel yang dikerahkan Polda Kalsel untuk Pemilu 2024?")
    )
    assert out == "Berapa personel yang dikerahkan Polda Kalsel untuk Pilkada?"


def test_post_with_nya_takes_the_previous_seat_and_election() -> None:
    out = rewrite_followup(
        "Siapa kapoldanya?", _history("Berapa personel yang dikerahkan Polda NTB untuk Pemilu 2024?")
    )
    info = analyze_question(out)
    assert out.startswith("Siapa Kapolda NTB")
    assert info.event is Event.PEMILU
    assert info.regions == ["Nusa Tenggara Barat"]


def test_elliptical_count_takes_the_previous_noun_place_and_election() -> None:
    out = rewrite_followup(
        "Berapa yang masuk kategori sangat rawan?", _history("Berapa TPS di Bali pada Pilkada 2024?")
    )
    assert out == "Berapa TPS yang masuk kategori sangat rawan di Bali pada Pilkada 2024?"


def test_anaphoric_province_is_resolved() -> None:
    out = rewrite_followup(
        "Berapa total TPS-nya di provinsi itu?",
        _history("Berapa TPS di Lampung yang dikategorikan sangat rawan pada Pemilu 2024?"),
    )
    assert out == "Berapa total TPS di Lampung pada Pemilu 2024?"


def test_partitive_keeps_the_previous_set_and_its_size() -> None:
    out = rewrite_followup(
        "Berapa di antaranya yang berasal dari Brimob Polda Banten?",
        _history(
            "Berapa personel yang diterjunkan Polresta Tangerang untuk mengamankan Pemilu 2024?",
            "Polresta Tangerang menerjunkan 1.048 personel untuk menjaga 5.431 TPS.",
        ),
    )
    assert out.startswith("Berapa personel yang berasal dari Brimob Polda Banten")
    assert "1.048 personel yang diterjunkan Polresta Tangerang" in out
    assert 1048.0 in analyze_question(out).numbers  # the set's size is never the answer


def test_partitive_english() -> None:
    out = rewrite_followup(
        "How many of them were from the Air Force?",
        _history("How many TNI soldiers were deployed for the 2024 Pilkada?", "The TNI deployed 169,369 soldiers."),
    )
    info = analyze_question(out)
    assert info.language == "en"
    assert info.unit == "prajurit"
    assert info.event is Event.PILKADA
    assert "Air Force" in out


@pytest.mark.parametrize(
    "question",
    [
        "Lalu siapa Kapolda NTB saat Pilkada 2024?",
        "Berapa personel yang disiapkan Polres Serang untuk Pemilu 2024?",
        "How many polling stations were in Batam for the 2024 Pilkada?",
    ],
)
def test_standalone_questions_are_unchanged(question: str) -> None:
    assert rewrite_followup(question, _history("Siapa Kapolda NTB saat Pemilu 2024?")) == question


def test_no_history_is_unchanged() -> None:
    assert rewrite_followup("Kalau Pilkada?", []) == "Kalau Pilkada?"
    assert rewrite_followup("Kalau Pilkada?", [{"role": "assistant", "content": "Halo"}]) == "Kalau Pilkada?"


def test_election_officials_do_not_block_carrying_the_election_over() -> None:
    """'election officials' names people; the previous turn's '2024 Pilkada' must still be carried over."""
    history = _history(
        "What did Bawaslu find about polling stations with a history of violence before the 2024 Pilkada?",
        "Bawaslu mapped 2,293 polling stations with a history of violence.",
    )
    out = rewrite_followup("And how many had a history of intimidation against election officials?", history)
    assert "2024 Pilkada" in out and "intimidation" in out
    assert analyze_question(out).event is Event.PILKADA
