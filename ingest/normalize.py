"""RawDoc -> Article: clean the body, settle title/date/region/language, and give it a stable id.

Identity rule (so re-ingesting the same story updates it instead of duplicating it):
explicit id > ``"u-" + sha1(normalised url)[:16]`` > ``"t-" + content_hash(cleaned text)[:16]``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from pathlib import PurePath
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ingest.clean import _INVISIBLE_RE, clean_text, strip_markdown
from ingest.loaders import LoadError, RawDoc
from ingest.metadata import detect_language, detect_region, parse_date
from siaga.sentences import split_sentences
from siaga.types import Article, content_hash

_TRACKING_PARAMS = re.compile(r"^(?:utm_.*|fbclid|gclid|mc_cid|mc_eid|ref|amp)$", re.I)
_FILE_DATE_RE = re.compile(r"(?<!\d)(20\d{2})(\d{2})(\d{2})(?!\d)")
_TITLE_MAX_CHARS = 120


class EmptyArticleError(LoadError):
    """Cleaning left no text at all (only page furniture, a share line, a lone "x")."""


def normalize_url(url: str | None) -> str | None:
    """Canonical form for identity: lower-case scheme/host, no www., fragment, tracking params or trailing /."""
    if not url or not url.strip():
        return None
    raw = url.strip()
    if "://" not in raw:
        raw = "https://" + raw.lstrip("/")
    parts = urlsplit(raw)
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    if not host:
        return None
    netloc = host + (f":{parts.port}" if parts.port and parts.port not in (80, 443) else "")
    params = parse_qsl(parts.query, keep_blank_values=True)
    query = urlencode([(k, v) for k, v in params if not _TRACKING_PARAMS.match(k)])
    path = parts.path.rstrip("/")
    scheme = (parts.scheme or "https").lower()
    if scheme == "http":
        scheme = "https"  # the same page served over both
    return urlunsplit((scheme, netloc, path, query, ""))


def article_id(explicit_id: str | None, url: str | None, cleaned_text: str) -> str:
    """Stable id: explicit, else from the normalised URL, else from the cleaned text."""
    if explicit_id and explicit_id.strip():
        return explicit_id.strip()
    norm = normalize_url(url)
    if norm:
        return "u-" + hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]
    return "t-" + content_hash(cleaned_text)[:16]


def title_from_text(text: str) -> str:
    """First sentence, cut at a word boundary: a title for articles that came without one."""
    spans = split_sentences(text)
    first = text[spans[0][0] : spans[0][1]] if spans else text.strip()
    if len(first) <= _TITLE_MAX_CHARS:
        return first
    cut = first[:_TITLE_MAX_CHARS].rsplit(" ", 1)[0].rstrip(",;:–- ")
    return cut + "…"


def clean_outlet(outlet: str | None) -> str | None:
    """Outlet name without credits such as "(sumber: ANTARA)"."""
    if not outlet:
        return None
    s = re.sub(r"\s*\((?:sumber|source|via)\s*:[^)]*\)\s*", " ", outlet, flags=re.I)
    s = " ".join(s.split())
    return s or None


def _language(raw_language: str | None, text: str) -> str:
    if raw_language:
        code = raw_language.strip().lower()
        if code.startswith(("id", "in", "indonesia", "bahasa")):
            return "id"
        if code.startswith(("en", "english", "inggris")):
            return "en"
    return detect_language(text)


def _date_from_path(source_path: str) -> str | None:
    """YYYYMMDD in a file name ("ntb-20240725-...txt"): how scrapers and this corpus name files."""
    name = PurePath(source_path.split("#", 1)[0]).name
    m = _FILE_DATE_RE.search(name)
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


def _published(raw: RawDoc) -> tuple[str | None, int | None]:
    """Explicit field, then a date in the file name, then the dateline in the text."""
    iso, ts = parse_date(raw.published)
    if iso is None:
        from_name = _date_from_path(raw.source_path)
        if from_name:
            iso, ts = parse_date(from_name)
    if iso is None:
        iso, ts = parse_date(None, raw.text)
    return iso, ts


def _one_line(value: str | None) -> str | None:
    """A metadata value as one line of visible text: no control/bidi characters, no line breaks."""
    if value is None:
        return None
    s = " ".join(_INVISIBLE_RE.sub("", value).split())
    return s or None


def build_article(raw: RawDoc) -> Article:
    """Clean ``raw`` and combine it with its metadata; LoadError when no article text is left.

    Titles, outlets, authors and regions become one line of visible text (a title is shown in
    terminals and pages); the id is kept as given, and the ingest gate refuses one that is not printable.
    """
    raw = dataclasses.replace(raw, title=_one_line(raw.title), outlet=_one_line(raw.outlet),
                              author=_one_line(raw.author), region=_one_line(raw.region))
    given_title = strip_markdown(raw.title) if raw.title and raw.title.strip() else None
    cleaned = clean_text(raw.text, given_title)
    if not cleaned.text.strip():
        raise EmptyArticleError(raw.source_path, "no article text after cleaning")
    title = given_title or cleaned.title or title_from_text(cleaned.text)
    published, published_ts = _published(raw)
    region = detect_region(cleaned.text, raw.region) or detect_region(title)
    return Article(
        id=article_id(raw.id, raw.url, cleaned.text),
        title=title,
        text=cleaned.text,
        url=raw.url.strip() if raw.url and raw.url.strip() else None,
        outlet=clean_outlet(raw.outlet),
        published=published,
        published_ts=published_ts,
        region=region,
        author=raw.author.strip() if raw.author and raw.author.strip() else None,
        language=_language(raw.language, cleaned.text),
        source_path=raw.source_path,
        related_headlines=cleaned.related_headlines,
    )
