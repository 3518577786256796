"""Publication date, region (province) and language of an article, from metadata or from its text.

Dates: the raw field if there is one ("2024-02-10", "Sabtu (13/2/2024)", "13 Februari 2024",
"10/02/2024" — always day first), else the dateline of the first paragraphs. Regions: an explicit
hint, else the dateline city ("SERANG (ANTARA) -"), else the most mentioned place; stories from
national bodies datelined in the capital are "Nasional".
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from datetime import date
from functools import lru_cache

import dateparser

from siaga.regions import NATIONAL, NATIONAL_HINTS, NATIONAL_MARKERS, PLACE_TO_PROVINCE, PROVINCES

_DAYS = (
    r"(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
)
_MONTHS = (
    r"(?:Januari|Februari|Pebruari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Nopember|"
    r"Desember|January|February|March|May|June|July|August|October|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Agu|Agt|Aug|Sep|Sept|Okt|Oct|Nov|Des|Dec)\.?"
)
_ISO_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")
_DMY_RE = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)")
_DAY_DMY_RE = re.compile(rf"\b{_DAYS}\b\s*,?\s*(?:\(\s*)?(\d{{1,2}})/(\d{{1,2}})/(\d{{4}})", re.I)
_PAREN_DMY_RE = re.compile(r"\((\d{1,2})/(\d{1,2})/(\d{4})\)")
_DAY_LONG_RE = re.compile(rf"\b{_DAYS}\b,?\s+(\d{{1,2}}\s+{_MONTHS}\s+\d{{4}})", re.I)
_TIMESTAMP_LINE_RE = re.compile(
    rf"^[*_\s]*(?:[^\n.!?]{{2,60}}\s+[—–|]\s+)?(?:{_DAYS},?\s+)?(\d{{1,2}}\s+{_MONTHS}\s+\d{{4}})"
    r"(?:\s*[|,\-–]?\s*(?:pukul\s+)?\d{1,2}[:.]\d{2}.*)?[*_\s]*$",
    re.I,
)
_DATEPARSER_SETTINGS = {
    "DATE_ORDER": "DMY",
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
}
_TEXT_SCAN_CHARS = 1500


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        value = date(y, m, d)
    except ValueError:
        return None
    return value if 1990 <= value.year <= 2100 else None


def _result(value: date | None) -> tuple[str | None, int | None]:
    if value is None:
        return None, None
    return value.isoformat(), calendar.timegm(value.timetuple())


@lru_cache(maxsize=4096)
def _parse_raw(raw: str) -> date | None:
    """One date string -> date. Fast paths for ISO and d/m/yyyy; dateparser for words."""
    s = raw.strip()
    if not s:
        return None
    m = _ISO_RE.match(s)
    if m:
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _DMY_RE.search(s)
    if m:
        return _valid(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    s = re.sub(r"[()|*_]", " ", s)
    s = re.sub(r"\b(?:pukul|WIB|WITA|WIT)\b", " ", s, flags=re.I)
    parsed = dateparser.parse(s, languages=["id", "en"], settings=_DATEPARSER_SETTINGS)  # type: ignore[arg-type]
    return _valid(parsed.year, parsed.month, parsed.day) if parsed else None


def _head_lines(text: str) -> list[str]:
    """Lines up to and including the first three real paragraphs (where datelines live)."""
    out: list[str] = []
    paragraphs = 0
    for line in text[:_TEXT_SCAN_CHARS * 2].split("\n"):
        if not line.strip():
            continue
        out.append(line.strip())
        if len(line.strip()) > 80:
            paragraphs += 1
            if paragraphs >= 3:
                break
    return out


def find_date_in_text(text: str) -> date | None:
    """Publication date from the top of an article.

    A date-only line ("Senin, 25 November 2024 | 21:10 WIB") wins; otherwise the earliest dateline date
    ("Senin (25/11/2024)") in the first paragraphs, since later ones tend to be upcoming events
    ("pemungutan suara, Rabu (27/11/2024)").
    """
    lines = _head_lines(text)
    for line in lines:
        m = _TIMESTAMP_LINE_RE.match(line)
        if m:
            found = _parse_raw(m.group(1))
            if found:
                return found
    head = "\n".join(lines)
    candidates: list[date] = []
    for pattern in (_DAY_DMY_RE, _PAREN_DMY_RE):
        for m in pattern.finditer(head):
            found = _valid(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            if found:
                candidates.append(found)
    for m in _DAY_LONG_RE.finditer(head):
        found = _parse_raw(m.group(1))
        if found:
            candidates.append(found)
    return min(candidates) if candidates else None


def parse_date(raw: str | None, text: str | None = None) -> tuple[str | None, int | None]:
    """(ISO date, epoch seconds at UTC midnight) from a raw value, else from the text's dateline."""
    value = _parse_raw(raw) if raw and raw.strip() else None
    if value is None and text:
        value = find_date_in_text(text)
    return _result(value)


# --------------------------------------------------------------------------------------------------
# Region

_PLACES_CI: dict[str, str] = {name.lower(): prov for name, prov in PLACE_TO_PROVINCE.items()}
_CANONICAL_CI: dict[str, str] = {p.lower(): p for p in PROVINCES}
_MENTION_RE = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(n) for n in sorted(PLACE_TO_PROVINCE, key=len, reverse=True)) + r")(?![\w-])"
)
_NATIONAL_RE = re.compile("|".join(re.escape(m) for m in NATIONAL_MARKERS))
_DATELINE_RE = re.compile(
    r"^[\s*_]*(?P<city>[A-Za-z][A-Za-z .'-]{1,40}?)[\s*_]*"
    r"(?:,\s*[A-Za-z][A-Za-z .]{1,30}?)?\s*(?:\([A-Za-z .]{2,20}\))?\s*[-–—]{1,2}\s"
)
_JAKARTA_SPECIFIC = re.compile(r"DKI|Polda Metro Jaya|Pemprov(?:insi)? DKI|Jakarta (?:Pusat|Utara|Selatan|Barat|Timur)")


def resolve_place(name: str | None) -> str | None:
    """Province for a province/short/city name in any case ("KOTA BENGKULU" -> "Bengkulu")."""
    if not name:
        return None
    s = re.sub(r"\s+", " ", name.strip().strip("*_ ")).lower()
    if s in NATIONAL_HINTS:
        return NATIONAL
    for candidate in (s, re.sub(r"^(?:kota|kabupaten|kab\.?|provinsi|prov\.?)\s+", "", s)):
        if candidate in _CANONICAL_CI:
            return _CANONICAL_CI[candidate]
        if candidate in _PLACES_CI:
            return _PLACES_CI[candidate]
    return None


def _resolve_hint(hint: str) -> str | None:
    direct = resolve_place(hint)
    if direct:
        return direct
    parts = [resolve_place(p) for p in re.split(r"\s*[/,&]\s*|\s+dan\s+", hint) if p.strip()]
    if len(parts) > 1 and all(parts):
        return "/".join(dict.fromkeys(p for p in parts if p))
    return None


def dateline_province(text: str) -> str | None:
    """Province of the dateline city at the start of the body ("MATARAM –", "Denpasar (ANTARA) -")."""
    for line in text.split("\n")[:6]:
        if not line.strip():
            continue
        m = _DATELINE_RE.match(line)
        if m:
            return resolve_place(m.group("city"))
        if len(line.strip()) > 60:
            return None  # first real paragraph has no dateline
    return None


def province_mentions(text: str) -> Counter[str]:
    """How often each province is named, directly or through its places."""
    return Counter(PLACE_TO_PROVINCE[m.group(1)] for m in _MENTION_RE.finditer(text))


def detect_region(text: str, hint: str | None = None) -> str | None:
    """Province an article is about (or "Nasional"), from hint, dateline, then mentions."""
    if hint and hint.strip():
        resolved = _resolve_hint(hint)
        if resolved:
            return resolved
    mentions = province_mentions(text)
    national = len(_NATIONAL_RE.findall(text))
    from_dateline = dateline_province(text)
    if from_dateline and from_dateline != NATIONAL:
        # the dateline counts once among the mentions; only the rest of the text is evidence
        elsewhere = mentions.get(from_dateline, 0) - 1
        if from_dateline == "DKI Jakarta":
            specific = len(_JAKARTA_SPECIFIC.findall(text))
            return "DKI Jakarta" if specific >= 2 else NATIONAL
        if elsewhere <= 1 and national >= 2:
            return NATIONAL  # a minister speaking in Makassar about the whole country
        return from_dateline
    if not mentions:
        return NATIONAL if national >= 2 else None
    (top, top_count), *_ = mentions.most_common(1)
    if national >= 2 and top_count < 3:
        return NATIONAL
    return top


# --------------------------------------------------------------------------------------------------
# Language

_ID_WORDS = frozenset(
    "yang dan di ke dari untuk pada dengan dalam ini itu tidak akan juga sudah oleh atau karena "
    "telah bahwa para serta saat agar bagi tersebut secara lebih hingga kata ujar menurut sebanyak".split()
)
_EN_WORDS = frozenset(
    "the and of to in for on with that this is are was were be by from at as it not will has have "
    "had said which their they an or but been".split()
)


def detect_language(text: str) -> str:
    """"id" or "en" by which language's stopwords are more frequent (ties -> "id", the corpus default)."""
    words = re.findall(r"[a-z]+", text.lower())
    id_hits = sum(1 for w in words if w in _ID_WORDS)
    en_hits = sum(1 for w in words if w in _EN_WORDS)
    return "en" if en_hits > id_hits else "id"
