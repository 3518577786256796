"""Cleaning: noise goes, 'Baca juga' headlines are kept aside, article text and numbers stay intact."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.clean import clean_text, strip_markdown
from ingest.loaders import expand_paths, load_file

ARTICLES = Path(__file__).parent.parent / "data" / "articles"
SEED = ARTICLES / "polda-banten-apel-pam-tps-pemilu-2024.txt"


def _corpus_cleaned() -> list[tuple[str, str, list[str]]]:
    files, failures = expand_paths([str(ARTICLES)])
    assert failures == []
    out = []
    for path in files:
        docs, _ = load_file(path, 5 * 1024 * 1024)
        for doc in docs:
            result = clean_text(doc.text, doc.title)
            out.append((doc.source_path, result.text, result.related_headlines))
    return out


CORPUS = _corpus_cleaned()


def test_seed_article() -> None:
    raw = SEED.read_text(encoding="utf-8")
    result = clean_text(raw)
    assert "Baca juga" not in result.text
    assert "COPYRIGHT" not in result.text
    assert result.related_headlines == [
        "1.048 personel polri diterjunkan pengamanan pemilu di Tangerang",
        "KPU Kota Tangerang salurkan biaya operasional pembuatan TPS Rp4.814.000",
        "Seniman berkostum Semar meninggal dunia usai sambut Ganjar-Mahfud",
    ]
    # the body keeps every real paragraph, verbatim
    assert result.text.startswith("Kepolisian Daerah Banten berharap pelaksanaan pemilihan umum (Pemilu) 2024")
    assert result.text.endswith('pungkas Heska Wahyu Widodo.')
    assert len(result.text.split("\n")) == 15  # 22 lines minus 6 "Baca juga" and the footer
    assert "Kombes Heska Wahyu Widodo" in result.text and "14 Februari 2024" in result.text
    # the numbers live in the headlines now, exactly as written
    assert "1.048" not in result.text
    assert any("Rp4.814.000" in h for h in result.related_headlines)


def test_numbers_are_kept_exactly() -> None:
    raw = "JAKARTA – Sebanyak 1.048 personel, Rp4.814.000 per KPPS, 1,5 juta pemilih dan inflasi 0,21 persen."
    assert clean_text(raw).text == raw


@pytest.mark.parametrize(
    "line",
    [
        "Baca juga: Judul lain",
        "**Baca juga:** Judul lain",
        "> Baca Juga : Judul lain",
        "> **BACA JUGA:** Judul lain",
        "BACA JUGA: Judul lain",
        "Baca Juga: [Judul lain](https://contoh.id/x)",
    ],
)
def test_baca_juga_variants(line: str) -> None:
    result = clean_text(f"MATARAM – Isi berita pertama.\n{line}\nIsi berita kedua.")
    assert result.text == "MATARAM – Isi berita pertama.\nIsi berita kedua."
    assert result.related_headlines == ["Judul lain"]


def test_baca_juga_block_with_quoted_headlines() -> None:
    raw = "Isi satu.\n---\nBaca juga:\n> Judul A\n> Judul B\n---\n\nIsi dua."
    result = clean_text(raw)
    assert result.text == "Isi satu.\nIsi dua."
    assert result.related_headlines == ["Judul A", "Judul B"]


def test_footers_bylines_captions_and_widgets_are_dropped() -> None:
    raw = "\n".join(
        [
            "Polda Contoh Lepas 500 Personel",
            "",
            "Polda Contoh Lepas 500 Personel",
            "Senin, 25 November 2024 | 21:10 WIB",
            "Foto: Personel berbaris di lapangan. (Dok. Humas Polda)",
            "SERANG (ANTARA) - Polda Contoh melepas 500 personel.",
            "SCROLL TO CONTINUE WITH CONTENT",
            "ADVERTISEMENT",
            "Kapolda meminta personel netral.",
            "(ANTARA/Foto: Humas)",
            "*Ilustrasi TPS di Serang. (Dok. Kabar Contoh)*",
            "Pewarta: Ani",
            "Editor : Budi",
            "Penulis: Citra",
            "Reporter: Dedi",
            "Tags: pemilu, polri",
            "Bagikan: Facebook | X | WhatsApp",
            "Facebook Twitter WhatsApp Line",
            "Komentar (0)",
            "Tulis komentar Anda...",
            "(rdk)",
            "Berita Terkait",
            "- Judul terkait satu",
            "- Judul terkait dua",
            "COPYRIGHT © ANTARA News Banten 2024",
        ]
    )
    result = clean_text(raw, title="Polda Contoh Lepas 500 Personel")
    assert result.text == "SERANG (ANTARA) - Polda Contoh melepas 500 personel.\nKapolda meminta personel netral."
    assert result.related_headlines == []
    assert result.title == "Polda Contoh Lepas 500 Personel"


def test_markdown_is_reduced_to_text_and_tables_stay_readable() -> None:
    raw = (
        "# Judul Markdown\n\n**PALU** – Polda menyiapkan *3.935* personel.\n\n"
        "| Kategori | Jumlah TPS |\n|---|---|\n| Sangat rawan | 90 |\n| Rawan | 841 |\n\n"
        "- **TPS khusus:** 15 TPS\n\n> Kutipan penting dari Kapolda.\n"
    )
    result = clean_text(raw)
    assert result.title == "Judul Markdown"
    assert result.text.split("\n") == [
        "PALU – Polda menyiapkan 3.935 personel.",
        "Kategori: Sangat rawan; Jumlah TPS: 90",
        "Kategori: Rawan; Jumlah TPS: 841",
        "TPS khusus: 15 TPS",
        "Kutipan penting dari Kapolda.",
    ]


def test_consecutive_duplicates_collapse_but_distant_repeats_stay() -> None:
    raw = "Kalimat A.\nKalimat A.\nKalimat B.\nKalimat A."
    assert clean_text(raw).text == "Kalimat A.\nKalimat B.\nKalimat A."


def test_spaces_collapse_and_paragraphs_single_newline() -> None:
    raw = "Paragraf   satu\u00a0 di sini.\n\n\n\nParagraf dua."
    assert clean_text(raw).text == "Paragraf satu di sini.\nParagraf dua."


def test_body_sentence_that_mentions_foto_is_kept() -> None:
    raw = "Personel dilarang berfoto bersama pasangan calon.\nFoto bersama rekan pun dilarang, kata Agus."
    assert clean_text(raw).text == raw


def test_strip_markdown_keeps_plain_text() -> None:
    line = "> **SERANG** – *Kata* [tautan](http://x.id) Rp4.814.000"
    assert strip_markdown(line) == "SERANG – Kata tautan Rp4.814.000"


# ------------------------------------------------------------------ corpus-wide


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?i)baca\s+juga",
        r"COPYRIGHT|Copyright|©",
        r"(?im)^(editor|pewarta|penulis|reporter)\s*:",
        r"(?i)scroll to continue|scroll untuk",
        r"(?im)^(bagikan|tags?\s*:|komentar|berita terkait|foto\s*:|\(foto)",
        r"(?m)^[#>|*-]",
        r"\*\*",
    ],
)
def test_no_noise_left_in_corpus(pattern: str) -> None:
    offenders = [(src, m.group(0)) for src, text, _ in CORPUS if (m := re.search(pattern, text))]
    assert offenders == []


def test_corpus_texts_are_not_gutted() -> None:
    for src, text, _ in CORPUS:
        assert len(text.split()) >= 180, src
        assert "\n\n" not in text and "  " not in text, src


def test_corpus_related_headlines_are_unique_and_clean() -> None:
    with_headlines = 0
    for src, _, headlines in CORPUS:
        assert len(headlines) == len({h.lower() for h in headlines}), src
        assert all(h and not h.lower().startswith("baca") and "*" not in h for h in headlines), src
        with_headlines += bool(headlines)
    assert with_headlines >= 55  # the README counts 'Baca juga' lines in 58 articles
