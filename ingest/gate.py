"""What is not an article is refused at ingest, with one line saying why.

Every format goes through the same checks, after cleaning, so a one-letter CSV cell, a one-letter
``.txt`` and a one-letter ``.md`` get the same answer. The limits are settings (``SIAGA_MIN_ARTICLE_CHARS``,
``SIAGA_MAX_ARTICLE_CHARS``, ``SIAGA_MAX_UNBROKEN_CHARS``, ``SIAGA_MIN_LETTER_SHARE``; the chunk limit
``SIAGA_MAX_ARTICLE_CHUNKS`` is checked by the pipeline once the text is chunked). One fixed rule needs
no knob: markup characters (``{}[]<>=|\\"``, tags) above :data:`MAX_MARKUP_SHARE` of the text.

Measured on the sample corpus and every test fixture: letters are at least 66% of non-space
characters, markup characters at most 1.2%, the longest sentence 327 characters, the longest article
2,535 characters; the defaults leave a wide margin on each.
"""

from __future__ import annotations

import re
import unicodedata

from ingest.loaders import RawDoc
from siaga.sentences import split_sentences
from siaga.settings import Settings
from siaga.types import Article

MAX_MARKUP_SHARE = 0.10
MAX_ID_CHARS = 200
RAW_SLACK = 2  # a raw body may be this many times the limit before cleaning is even tried

_TAG_RE = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^<>\n]{1,400}>|&#?\w{1,10};", re.I | re.S)
_MARKUP_CHARS = frozenset('{}[]<>=|\\"')


def source_label(source_path: str) -> str:
    """``x.jsonl#L3`` -> ``x.jsonl line 3``, ``x.csv#row2`` -> ``x.csv row 2``, ``x.json#4`` -> ``x.json item 4``."""
    file_part, sep, where = source_path.rpartition("#")
    if not sep:
        return source_path
    if where.startswith("L") and where[1:].isdigit():
        return f"{file_part} line {where[1:]}"
    if where.startswith("row") and where[3:].isdigit():
        return f"{file_part} row {where[3:]}"
    if where.isdigit():
        return f"{file_part} item {where}"
    return source_path


def raw_refusal(raw: RawDoc, settings: Settings) -> str | None:
    """Refuse a body so far over the size limit that cleaning it would already be wasted work."""
    limit = settings.max_article_chars
    if len(raw.text) > RAW_SLACK * limit:
        return (f"article text is {len(raw.text):,} characters, over the {limit:,}-character limit "
                "(SIAGA_MAX_ARTICLE_CHARS)")
    return None


def too_short(n: int, settings: Settings) -> str:
    return (f"article text is only {n} character{'s' if n != 1 else ''} after cleaning; at least "
            f"{settings.min_article_chars} are needed (SIAGA_MIN_ARTICLE_CHARS)")


def unprintable(text: str) -> str | None:
    """The first character of ``text`` that is not printable (control, format, bidi), as U+XXXX."""
    for ch in text:
        if not ch.isprintable() and ch != " ":
            name = unicodedata.name(ch, "control character")
            return f"U+{ord(ch):04X} {name}"
    return None


def id_refusal(article_id: str) -> str | None:
    """Ids are shown in terminals, URLs and file names: printable characters only, bounded length."""
    bad = unprintable(article_id)
    if bad:
        return f"article id {article_id!r} contains a non-printable character ({bad}); ids must be printable text"
    if len(article_id) > MAX_ID_CHARS:
        return f"article id is {len(article_id):,} characters long (at most {MAX_ID_CHARS})"
    return None


def _shares(text: str) -> tuple[float, float]:
    """(letters in the prose outside tags, markup characters) as shares of the non-space characters."""
    nonspace = sum(1 for ch in text if not ch.isspace())
    if not nonspace:
        return 0.0, 0.0
    outside = _TAG_RE.sub(" ", text)
    letters = sum(1 for ch in outside if ch.isalpha())
    markup = (nonspace - sum(1 for ch in outside if not ch.isspace())) + sum(1 for ch in outside if ch in _MARKUP_CHARS)
    return letters / nonspace, markup / nonspace


def article_refusal(article: Article, settings: Settings) -> str | None:
    """Why ``article`` is not an article worth indexing (one line), or None when it is."""
    text = article.text
    n = len(text.strip())
    if n < settings.min_article_chars:
        return too_short(n, settings)
    if n > settings.max_article_chars:
        return (f"article text is {n:,} characters, over the {settings.max_article_chars:,}-character limit "
                "(SIAGA_MAX_ARTICLE_CHARS)")
    problem = id_refusal(article.id)
    if problem:
        return problem
    letters, markup = _shares(text)
    if markup > MAX_MARKUP_SHARE:
        return f"text is mostly markup, not prose ({markup:.0%} of its characters are tags or {{}}[]<>=|\\\" symbols)"
    if letters < settings.min_letter_share:
        return (f"text is mostly numbers or symbols, not prose (only {letters:.0%} of its characters are letters; "
                f"at least {settings.min_letter_share:.0%} needed, SIAGA_MIN_LETTER_SHARE)")
    longest = max((end - start for start, end in split_sentences(text)), default=0)
    if longest > settings.max_unbroken_chars:
        return (f"one run of {longest:,} characters has no sentence boundary (limit {settings.max_unbroken_chars:,}, "
                "SIAGA_MAX_UNBROKEN_CHARS): not article prose")
    return None
