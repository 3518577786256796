"""Dates, regions, language, and the RawDoc -> Article step (ids, titles, fallbacks)."""

from __future__ import annotations

import calendar
import re
from datetime import date
from pathlib import Path

import pytest

from ingest.loaders import LoadError, RawDoc, expand_paths, load_file
from ingest.metadata import detect_language, detect_region, parse_date, resolve_place
from ingest.normalize import article_id, build_article, normalize_url
from siaga.regions import PLACE_TO_PROVINCE, PROVINCES
from siaga.types import content_hash

ARTICLES = Path(__file__).parent.parent / "data" / "articles"
README = Path(__file__).parent.parent / "data" / "eval" / "DEVCORPUS.md"  # the dev corpus README, kept with its data


def ts(y: int, m: int, d: int) -> int:
    return calendar.timegm(date(y, m, d).timetuple())


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Sabtu (13/2/2024)", "2024-02-13"),
        ("13 Februari 2024", "2024-02-13"),
        ("2024-02-10", "2024-02-10"),
        ("10/02/2024", "2024-02-10"),  # day first
        ("03/04/2024", "2024-04-03"),
        ("Senin, 25 November 2024", "2024-11-25"),
        ("Selasa, 14 November 2023 | 16:10 WIB", "2023-11-14"),
        ("2024-02-11T19:03:00+07:00", "2024-02-11"),  # the local date, not UTC's
        ("5 Agustus 2024", "2024-08-05"),
        ("February 5, 2024", "2024-02-05"),
    ],
)
def test_parse_date_raw(raw: str, expected: str) -> None:
    iso, epoch = parse_date(raw)
    assert iso == expected
    y, m, d = map(int, expected.split("-"))
    assert epoch == ts(y, m, d)


@pytest.mark.parametrize("raw", ["", "   ", "kemarin", "bukan tanggal", "31/02/2024", None])
def test_parse_date_rejects(raw: str | None) -> None:
    assert parse_date(raw) == (None, None)


def test_parse_date_from_dateline_when_raw_missing() -> None:
    text = "Judul\n\nBANJARBARU – Sebanyak 1.000 personel diberangkatkan.\nPelepasan dilakukan Senin (25/11/2024)."
    assert parse_date(None, text) == ("2024-11-25", ts(2024, 11, 25))


def test_parse_date_prefers_earliest_dateline_over_upcoming_event() -> None:
    text = (
        "PADANG – Polda memberangkatkan 1.109 personel untuk pemungutan suara Pilkada serentak, Rabu (27/11/2024).\n"
        "Sebelum berangkat, personel mengikuti apel di Mapolda Sumbar, Kota Padang, Senin (25/11/2024) pagi hari."
    )
    assert parse_date(None, text)[0] == "2024-11-25"


def test_parse_date_timestamp_line_wins() -> None:
    text = "Judul\nSenin, 25 November 2024 | 21:10 WIB\n\nSleman – Personel disiagakan, Selasa (26/11/2024)."
    assert parse_date(None, text)[0] == "2024-11-25"


def test_parse_date_invalid_raw_falls_back_to_text() -> None:
    assert parse_date("tanpa tanggal", "MATARAM – Apel digelar Senin (12/2/2024).")[0] == "2024-02-12"


def test_parse_date_ignores_dates_deep_in_the_body() -> None:
    sentence = "Paragraf ke-{} berisi uraian panjang tanpa tanggal apa pun di dalamnya sama sekali."
    filler = "\n".join(sentence.format(i) for i in range(5))
    assert parse_date(None, filler + "\nPada Rabu (14/2/2024) pemungutan suara.") == (None, None)


# ------------------------------------------------------------------ regions


def test_gazetteer_covers_all_provinces() -> None:
    assert len(PROVINCES) == 38
    assert set(PLACE_TO_PROVINCE.values()) == set(PROVINCES)
    for place, province in [
        ("Tangerang", "Banten"), ("Serang", "Banten"), ("Cilegon", "Banten"), ("Pandeglang", "Banten"),
        ("Lebak", "Banten"), ("Denpasar", "Bali"), ("Mataram", "Nusa Tenggara Barat"),
        ("Sumbawa", "Nusa Tenggara Barat"), ("Kalsel", "Kalimantan Selatan"), ("Tiakur", "Maluku"),
        ("Ternate", "Maluku Utara"), ("Maluku Barat Daya", "Maluku"), ("Kuala Tungkal", "Jambi"),
    ]:
        assert PLACE_TO_PROVINCE[place] == province


@pytest.mark.parametrize(
    ("name", "province"),
    [("KOTA BENGKULU", "Bengkulu"), ("tanjung selor", "Kalimantan Utara"), ("Kabupaten Serang", "Banten"),
     ("NTB", "Nusa Tenggara Barat"), ("nasional", "Nasional"), ("Atlantis", None)],
)
def test_resolve_place(name: str, province: str | None) -> None:
    assert resolve_place(name) == province


def test_region_hint_wins() -> None:
    assert detect_region("MATARAM – Polda NTB ...", hint="Bali") == "Bali"
    assert detect_region("", hint="Aceh/Sumatera Utara") == "Aceh/Sumatera Utara"


@pytest.mark.parametrize(
    ("text", "province"),
    [
        ("SERANG (ANTARA) - Polisi berjaga di TPS.", "Banten"),
        ("SERANG – Polisi berjaga di TPS.", "Banten"),
        ("MATARAM – Polisi berjaga di TPS.", "Nusa Tenggara Barat"),
        ("DENPASAR, KABARNUSA – Polisi berjaga.", "Bali"),
        ("Tanjung Selor (ANTARA) - Polisi berjaga.", "Kalimantan Utara"),
        ("TIAKUR – Logistik dikirim.", "Maluku"),
    ],
)
def test_region_from_dateline(text: str, province: str) -> None:
    assert detect_region(text) == province


def test_region_from_mentions_without_dateline() -> None:
    text = "Kepolisian Daerah Banten berharap pemilu aman.\nApel digelar di Pandeglang. Personel BKO Polda Banten siap."
    assert detect_region(text) == "Banten"


def test_national_story_datelined_in_jakarta() -> None:
    text = "JAKARTA – Bawaslu RI memetakan TPS rawan di seluruh Indonesia, kata Kapolri."
    assert detect_region(text) == "Nasional"
    assert detect_region("JAKARTA – Polda Metro Jaya menjaga TPS di Jakarta Utara dan DKI.") == "DKI Jakarta"


def test_unknown_region_is_none() -> None:
    assert detect_region("Sebuah kalimat tanpa tempat.") is None


def test_language() -> None:
    assert detect_language("Polisi menjaga TPS yang ada di desa dan kota untuk pemilu.") == "id"
    assert detect_language("The police said that they were guarding the polling stations in the city.") == "en"


# ------------------------------------------------------------------ articles


def test_normalize_url() -> None:
    a = normalize_url("HTTP://WWW.Contoh.ID/berita/satu/?utm_source=wa&id=5#komentar")
    assert a == "https://contoh.id/berita/satu?id=5"
    assert normalize_url("https://contoh.id/berita/satu?id=5") == a
    assert normalize_url(None) is None and normalize_url("  ") is None


def test_article_id_rule() -> None:
    assert article_id("explicit-1", "https://x.id/a", "teks") == "explicit-1"
    u1 = article_id(None, "https://www.x.id/a/?utm_medium=x", "teks")
    assert u1 == article_id(None, "https://x.id/a", "teks lain") and re.fullmatch(r"u-[0-9a-f]{16}", u1)
    t1 = article_id(None, None, "Teks  Artikel")
    assert t1 == "t-" + content_hash("teks artikel")[:16]


def test_build_article_from_header_txt() -> None:
    docs, _ = load_file(Path(__file__).parent / "fixtures" / "ingest" / "header.txt", 10**6)
    article = build_article(docs[0])
    assert article.id.startswith("u-")
    assert article.title == "Polres Contoh Siagakan 321 Personel untuk 1.234 TPS"
    assert article.outlet == "Contoh Berita"
    assert (article.published, article.region, article.language) == ("2024-02-10", "Banten", "id")
    assert article.related_headlines == ["Polda Banten geser 1.646 personel"]
    assert article.text.startswith("CILEGON –") and "Editor" not in article.text


def test_build_article_without_title_uses_first_sentence() -> None:
    raw = RawDoc(source_path="x.txt", text="Polisi berjaga di 1.048 TPS. Kalimat kedua di sini.")
    article = build_article(raw)
    assert article.title == "Polisi berjaga di 1.048 TPS."
    assert article.id.startswith("t-") and article.published is None


def test_build_article_date_from_file_name() -> None:
    raw = RawDoc(source_path="data/ntb-20240725-polda.txt", text="Mataram (ANTARA) - Polda NTB siaga, Kamis.")
    assert build_article(raw).published == "2024-07-25"


def test_build_article_rejects_noise_only() -> None:
    raw = RawDoc(source_path="x.txt", text="Baca juga: Judul lain\nEditor: Budi\nCOPYRIGHT © ANTARA 2024")
    with pytest.raises(LoadError, match="no article text after cleaning"):
        build_article(raw)


def _readme_table() -> dict[str, tuple[str, str]]:
    table = {}
    for m in re.finditer(r"^\| `([^`]+)` \| [^|]+\| ([^|]+) \| (\d{4}-\d{2}-\d{2}) \|", README.read_text(), re.M):
        table[m.group(1)] = (m.group(2).strip(), m.group(3))
    return table


def test_corpus_regions_and_dates_match_readme() -> None:
    expected = _readme_table()
    assert len(expected) == 63
    files, _ = expand_paths([str(ARTICLES)])
    seen = wrong = 0
    for path in files:
        docs, _ = load_file(path, 5 * 1024 * 1024)
        for doc in docs:
            article = build_article(doc)
            key = article.id if article.id in expected else article.source_stem
            if key not in expected:
                continue
            seen += 1
            region, published = expected[key]
            assert article.region == region, key
            wrong += article.published != published
    assert seen == 63
    assert wrong == 0
