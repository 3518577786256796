"""Every sentence Siaga writes to a user, per language: answers, refusals, notes on conflicts.

Kept in one place so a reader of an answer can find where its wording came from, and so English
and Indonesian stay in step.
"""

from __future__ import annotations

from siaga.types import Filters

Lang = str  # "id" | "en"


def _pick(lang: Lang, id_text: str, en_text: str) -> str:
    return en_text if lang == "en" else id_text


def no_articles(lang: Lang) -> str:
    return _pick(
        lang,
        "Belum ada artikel. Tambahkan artikel lebih dulu (halaman Tambah artikel, atau `siaga ingest FOLDER`).",
        "No articles yet. Add some first (the Add articles page, or `siaga ingest FOLDER`).",
    )


def describe_filters(filters: Filters, lang: Lang) -> str:
    """The active filters in words: "published 2024-02-01 to 2024-02-14; region Bali"."""
    parts: list[str] = []
    if filters.since and filters.until:
        parts.append(_pick(lang, f"terbit {filters.since} s.d. {filters.until}",
                           f"published {filters.since} to {filters.until}"))
    elif filters.since:
        parts.append(_pick(lang, f"terbit sejak {filters.since}", f"published from {filters.since}"))
    elif filters.until:
        parts.append(_pick(lang, f"terbit sampai {filters.until}", f"published until {filters.until}"))
    if filters.regions:
        parts.append(_pick(lang, "wilayah ", "region ") + ", ".join(filters.regions))
    if filters.outlets:
        parts.append(_pick(lang, "media ", "outlet ") + ", ".join(filters.outlets))
    return "; ".join(parts)


def reversed_range(filters: Filters, lang: Lang) -> str:
    return _pick(
        lang,
        f"Rentang tanggal terbalik: 'Dari' ({filters.since}) jatuh setelah 'Sampai' ({filters.until}). "
        "Perbaiki atau hapus filter tanggal.",
        f"The date range is reversed: 'From' ({filters.since}) is after 'Until' ({filters.until}). "
        "Fix or clear the date filter.",
    )


def filtered_out(filters: Filters, lang: Lang) -> str:
    described = describe_filters(filters, lang)
    return _pick(
        lang,
        f"Tidak ada artikel yang cocok dengan filter ({described}). Longgarkan atau hapus filter untuk mencari "
        "di semua artikel.",
        f"No article matches the filters ({described}). Widen or clear the filters to search all articles.",
    )
