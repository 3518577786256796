"""The gazetteer: which places a text names, and whether a name is the province itself or a place in it."""

from __future__ import annotations

import pytest

from siaga.regions import cased_place_names, indonesian_place_names, is_place_name, places_in, regions_in


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("ada 111 TPS di Lampung yang dikategorikan sangat rawan", [("Lampung", True)]),
        # a city named after its province is the city: the longest name wins
        ("Polresta Bandar Lampung memetakan satu TPS sangat rawan", [("Lampung", False)]),
        ("Polda Bali dan Polresta Denpasar", [("Bali", True), ("Bali", False)]),
        ("Kapolda Kepri meninjau Natuna", [("Kepulauan Riau", True), ("Kepulauan Riau", False)]),
        ("How many polling stations in West Sumatra?", [("Sumatera Barat", True)]),
        ("Dari jumlah itu, delapan TPS tergolong sangat rawan.", []),
        ("padang rumput di lapangan", []),  # as written in news: a lower-case word is no place name
        # a local unit or area is a place within a province even where the gazetteer does not list it
        ("Polres Xyzabc mengamankan 440 TPS", [(None, False)]),
        ("Kapolres Konawe AKBP Ahmad Setiadi", [("Sulawesi Tenggara", False)]),
        ("Sembilan TPS di Kota Bengkulu rawan banjir", [("Bengkulu", False)]),  # the city, not the province
        ("Mereka akan menjaga 4.611 TPS di Bumi Anoa.", [("Sulawesi Tenggara", True)]),  # a province's nickname
    ],
)
def test_places_in_tells_a_province_from_the_places_in_it(text: str, places: list[tuple[str, bool]]) -> None:
    assert places_in(text) == places


def test_provinces_are_found_in_any_of_their_names_and_any_case() -> None:
    text = "Polda Sulteng dan CENTRAL SULAWESI; juga Papua Barat Daya, bukan Papua."
    found = regions_in(text)
    assert [(name, text[a:b]) for name, a, b in found] == [
        ("Sulawesi Tengah", "Sulteng"), ("Sulawesi Tengah", "CENTRAL SULAWESI"),
        ("Papua Barat Daya", "Papua Barat Daya"),  # the longest name wins over "Papua" inside it
        ("Papua", "Papua"),
    ]
    assert regions_in("Sulawesi Tengahnya") == []  # a name is a whole word


@pytest.mark.parametrize(("english", "indonesian"), [
    ("Which warship carried ballots to Southwest Maluku?", "Which warship carried ballots to Maluku Barat Daya?"),
    ("How many polling stations are in South Tangerang?", "How many polling stations are in Tangerang Selatan?"),
    ("Polres North Halmahera", "Polres Halmahera Utara"),
    ("How many TPS in West Kalimantan?", "How many TPS in West Kalimantan?"),  # a province keeps its English name
    ("Is North Korea near South Africa?", "Is North Korea near South Africa?"),  # not in the gazetteer
    ("Southwest Malukuan", "Southwest Malukuan"),  # whole words only
    ("Where was the Sumatra coordination meeting held?", "Where was the Sumatera coordination meeting held?"),
    ("How many police in Java and West Java?", "How many police in Jawa and West Java?"),  # a province's name stays
    ("North Sumatra and Borneo", "North Sumatra and Kalimantan"),
])
def test_english_compass_names_of_places_are_written_as_news_writes_them(english: str, indonesian: str) -> None:
    assert indonesian_place_names(english) == indonesian


@pytest.mark.parametrize(("name", "place"), [
    ("Kabupaten Bogor", True), ("Sleman", True), ("Polres Lebak", True), ("West Kalimantan", True),
    ("Maluku Barat Daya", True), ("Kecamatan Tempurejo", True),
    ("Karo Ops Kombes Soelistijono", False),  # holds the regency "Karo", but is a post and a person
    ("Porda Sumsel", False), ("Polda Bali", False), ("TNI", False),
])
def test_a_place_name_is_a_place_and_nothing_more(name: str, place: bool) -> None:
    assert is_place_name(name) is place


@pytest.mark.parametrize(("typed", "read"), [
    ("how many tps were in west kalimantan?", "how many tps were in West Kalimantan?"),  # an English province name
    ("berapa personel polda ntb dan kepri?", "berapa personel Polda NTB dan Kepri?"),  # short forms as written
    ("berapa personel polres lebak?", "berapa personel Polres Lebak?"),  # after a head a one-word place is a place
    ("tps di kota batam, kab. sleman", "tps di Kota Batam, Kab. Sleman"),
    ("siapa kapolres serang?", "siapa Kapolres Serang?"),
    ("Polres lebak", "Polres Lebak"),  # each part as typed: a cased head stays, the lower-case place is cased
    ("berapa personel polres jajaran di kota besar?", "berapa personel polres jajaran di kota besar?"),  # no place
    ("prajurit di wilayah kodam xiii/merdeka?", "prajurit di wilayah Kodam XIII/Merdeka?"),  # a command: head, number,
    ("siapa pangdam ix/udayana?", "siapa Pangdam IX/Udayana?"),  # name, whether or not the gazetteer knows it
    ("kodim 1614 / dompu dan Korem 162/Wira Bhakti", "Kodim 1614 / Dompu dan Korem 162/Wira Bhakti"),
    ("kodam di bali", "kodam di Bali"),  # a head with no number names no command
    ("berapa tps di maluku barat daya?", "berapa tps di Maluku Barat Daya?"),  # a place of several words
    ("berapa batu di palu?", "berapa batu di palu?"),  # a one-word city may be a common word: the articles decide
    ("How many in West kalimantan?", "How many in West kalimantan?"),  # a name typed partly cased stays as typed
    ("polda jabarkan", "polda jabarkan"),  # whole words only
])
def test_a_place_name_typed_in_lower_case_is_written_as_the_gazetteer_writes_it(typed: str, read: str) -> None:
    assert cased_place_names(typed) == read


def test_the_names_of_the_places_a_text_names() -> None:
    from siaga.regions import place_names_in

    assert place_names_in("Polresta Sleman Siagakan 1.410 Personel") == ["Sleman"]
    assert "DIY" in place_names_in("Kapolda DIY Geser 933 Personel ke Polres Jajaran, Gunungkidul Terbanyak")
