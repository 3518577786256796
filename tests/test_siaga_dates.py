"""The one date reader: Indonesian and English dates, ranges, year-less dates completed from context."""

from __future__ import annotations

import pytest

from siaga.dates import (
    dated_day,
    dated_days,
    day_phrases,
    find_dates,
    find_times,
    format_date,
    format_time,
    is_year,
    with_year,
    year_phrase,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rabu (20/11/2024) di Jakarta", [(2024, 11, 20, None)]),
        ("pada 14 Februari 2024 pukul 10.00 WIB", [(2024, 2, 14, None)]),
        ("26-28 November 2024", [(2024, 11, 26, 28)]),
        ("sejak 27 hingga 29 Agustus 2024", [(2024, 8, 27, 29)]),
        ("Minggu (11/2)", [(None, 2, 11, None)]),
        ("Juli 2024", [(2024, 7, None, None)]),
        ("November 27, 2024", [(2024, 11, 27, None)]),
        ("2024-02-14", [(2024, 2, 14, None)]),
        ("Sebanyak 1.048 personel", []),
    ],
)
def test_find_dates(text: str, expected: list[tuple]) -> None:
    assert [(d.year, d.month, d.day, d.last_day) for d in find_dates(text)] == expected


def test_bare_years_only_when_asked() -> None:
    assert find_dates("Pemilu 2024 dan 2019") == []
    assert [d.year for d in find_dates("Pemilu 2024 dan 2019", years=True)] == [2024, 2019]


def test_times() -> None:
    text = "Pendaftaran ditutup pukul 23.59 WITA."
    (start, end), = find_times(text)
    assert text[start:end] == "pukul 23.59 WITA"


def test_year_from_sentence_then_article_date() -> None:
    mention = find_dates("Minggu (11/2)")[0]
    assert with_year(mention, "Pemilu 2024 digelar Minggu (11/2)").year == 2024
    assert with_year(mention, "", "2024-02-05").year == 2024
    december = find_dates("pada 30 Desember")[0]
    assert with_year(december, "", "2024-01-03").year == 2023  # a December event reported in January


def test_format_in_both_languages() -> None:
    mention = find_dates("26-28 November 2024")[0]
    assert format_date(mention, "id") == "26-28 November 2024"
    assert format_date(find_dates("11 Februari 2024")[0], "en") == "11 February 2024"


def test_the_election_polled_near_a_day_is_known_by_its_kind() -> None:
    import datetime as dt

    from siaga.dates import elections_near

    assert elections_near(dt.date(2024, 2, 10), 3) == ["pemilu"]
    assert elections_near(dt.date(2024, 11, 20), 3) == ["pilkada"]
    assert elections_near(dt.date(2024, 7, 1), 3) == []  # far from both polling days


@pytest.mark.parametrize(
    ("text", "years"),
    [("pada Pemilu 2024.", [2024]), ("sejak tahun 2003, polisi", [2003]), ("2.024 personel", []),
     ("2024,5 persen", []), ("periode 2024/2025", [])],
)
def test_a_year_closing_a_sentence_or_clause_is_a_year(text: str, years: list[int]) -> None:
    assert [d.year for d in find_dates(text, years=True)] == years


@pytest.mark.parametrize(
    ("span", "year"),
    [("1442", 1442), ("tahun 971", 971), ("(1890", 1890), ("57 SM", -57), ("2008.", 2008),
     ("13", None), ("490 personel", None), ("1.048", None), ("tahun", None)],
)
def test_a_span_that_is_only_a_year_is_read_as_one(span: str, year: int | None) -> None:
    assert year_phrase(span) == year


def test_a_whole_date_can_lead_with_its_weekday() -> None:
    mention = find_dates("Sabtu (10/2/2024)")[0]
    assert format_date(mention, "id", weekday=True) == "Sabtu, 10 Februari 2024"
    assert format_date(mention, "en", weekday=True) == "Saturday, 10 February 2024"
    assert format_date(mention, "id") == "10 Februari 2024"
    assert format_date(find_dates("26-28 November 2024")[0], "id", weekday=True) == "26-28 November 2024"  # a range


@pytest.mark.parametrize(("time", "id_text", "en_text"), [
    ("pukul 08.00 Wita", "pukul 08.00 WITA", "08:00 WITA"),
    ("23.59 WITA", "pukul 23.59 WITA", "23:59 WITA"),
    ("jam 7.30", "pukul 7.30", "7:30"),
    ("at 10:00 WIB", "pukul 10.00 WIB", "10:00 WIB"),
])
def test_a_clock_time_is_written_in_the_askers_language(time: str, id_text: str, en_text: str) -> None:
    assert find_times(time)  # the times the date reader finds are the ones written
    assert (format_time(time, "id"), format_time(time, "en")) == (id_text, en_text)


def test_a_year_is_four_digits_of_this_or_the_last_century() -> None:
    assert is_year("2024") and is_year("1999")
    assert not is_year("1.048") and not is_year("2024a") and not is_year("3024") and not is_year("24")


@pytest.mark.parametrize(("span", "published", "day"), [
    ("Selasa", "2024-02-13", (2024, 2, 13)),  # a Tuesday's article: that day
    ("Jumat", "2024-02-12", (2024, 2, 9)),  # a Monday's: the Friday before
    ("Jum'at", "2024-02-12", (2024, 2, 9)),
    ("Sabtu", "2024-11-23T10:00:00+08:00", (2024, 11, 23)),
    ("Selasa", None, None),  # no article date: no day
    ("Selasa pagi", "2024-02-13", (2024, 2, 13)),  # a part of the day is still that day
    ("Selasa depan dan Rabu", "2024-02-13", None),  # only a span that names one day
    ("14 Februari", "2024-02-13", None),
])
def test_a_weekday_alone_is_the_day_of_that_name_in_its_articles_week(
        span: str, published: str | None, day: tuple[int, int, int] | None) -> None:
    found = dated_day(span, published)
    assert (found.year, found.month, found.day) == day if found else day is None


@pytest.mark.parametrize(("span", "published", "day"), [
    ("kemarin", "2024-11-26", (2024, 11, 25)),  # a Tuesday's paper: the Monday
    ("hari ini", "2024-02-10", (2024, 2, 10)),
    ("besok", "2024-11-26", (2024, 11, 27)),
    ("kemarin lusa", "2024-11-26", (2024, 11, 24)),
    ("kemarin sore", "2024-11-26", (2024, 11, 25)),
    ("pada Kamis kemarin", "2024-02-10", (2024, 2, 8)),  # a Saturday's: the Thursday before
    ("Selasa lalu", "2024-11-26", (2024, 11, 19)),  # "lalu" is never the article's own day
    ("Jumat lalu", "2024-11-26", (2024, 11, 22)),
    ("Sabtu besok", "2024-08-25", (2024, 8, 31)),  # after the article's date
    ("Selasa depan", "2024-11-26", (2024, 12, 3)),
    ("hari Minggu lalu", "2024-11-26", (2024, 11, 24)),
    ("minggu lalu", "2024-11-26", None),  # a week, not a Sunday
    ("Minggu depan", "2024-11-26", None),
    ("yesterday", "2024-11-26", (2024, 11, 25)),
    ("last Friday", "2024-11-26", (2024, 11, 22)),
    ("next Monday", "2024-11-26", (2024, 12, 2)),
    ("kemarin", None, None),  # no article date: no day
    ("kemarin", "pekan lalu", None),
])
def test_a_day_named_by_its_distance_from_the_article_is_dated_by_it(
        span: str, published: str | None, day: tuple[int, int, int] | None) -> None:
    found = dated_day(span, published)
    assert (found.year, found.month, found.day) == day if found else day is None


def test_day_phrases_are_found_in_running_text_and_dated() -> None:
    text = "Apel digelar kemarin; pengecekan dilakukan Jumat lalu, dua minggu lalu juga. Logistik digeser besok."
    assert [text[a:b] for a, b in day_phrases(text)] == ["kemarin", "Jumat lalu", "besok"]
    assert [d.as_date().isoformat() for d in dated_days(text, "2024-11-26")] == [
        "2024-11-25", "2024-11-22", "2024-11-27"]
    assert dated_days(text, None) == []
