"""The one date reader: dates as Indonesian and English news and questions write them.

"14 Februari 2024", "Rabu (20/11/2024)", "(13/2)", "26-28 November 2024", "November 27, 2024",
"Juli 2024", "2024-02-14". A mention may lack its year ("Minggu (11/2)") or its day ("Juli 2024");
``with_year`` completes it from a sentence or an article's date. Month and weekday names live here
and nowhere else.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass, replace

MONTHS: dict[str, int] = {
    "januari": 1, "january": 1, "jan": 1,
    "februari": 2, "pebruari": 2, "february": 2, "feb": 2,
    "maret": 3, "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "agustus": 8, "august": 8, "agu": 8, "agt": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nopember": 11, "nov": 11,
    "desember": 12, "december": 12, "des": 12, "dec": 12,
}  # fmt: skip
MONTH_NAMES: dict[str, tuple[str, ...]] = {
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}
WEEKDAYS: dict[str, tuple[str, ...]] = {
    "id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
WEEKDAY_ALIASES: dict[str, int] = {
    **{name.lower(): i for names in WEEKDAYS.values() for i, name in enumerate(names)},
    "jum'at": 4, "ahad": 6,
}  # fmt: skip

# Polling days of the elections the corpus covers, by the election's kind (``siaga.types.Election`` values):
# an article that names no election is about the one whose polling day is near its publication date.
ELECTION_DAYS: dict[str, tuple[dt.date, ...]] = {
    "pemilu": (dt.date(2019, 4, 17), dt.date(2024, 2, 14)),
    "pilkada": (dt.date(2020, 12, 9), dt.date(2024, 11, 27)),
}


def elections_near(day: dt.date, months: int) -> list[str]:
    """The kinds of election whose polling day lies within ``months`` months of ``day``."""
    return [kind for kind, days in ELECTION_DAYS.items()
            if any(abs((d.year * 12 + d.month) - (day.year * 12 + day.month)) <= months for d in days)]


_MONTH = "|".join(sorted((m for m in MONTHS if len(m) > 3 or m in {"mei", "may"}), key=len, reverse=True))
_MONTH_ABBR = "|".join(sorted(MONTHS, key=len, reverse=True))
# A month named on its own, without day or year ("the November Pilkada"); "Mei" / "May" alone is left out,
# since English "may" is mostly the modal verb.
MONTH_WORD_RE = re.compile(r"\b(?:" + "|".join(m for m in MONTHS if len(m) > 3) + r")\b", re.I)
_YEAR = r"(?:19|20)\d\d"
_DATE_RE = re.compile(
    rf"(?:(?P<d1>\d{{1,2}})\s*(?:-|–|—|s\.?d\.?|hingga|sampai|to|and|dan)\s*)?(?P<d>\d{{1,2}})\s+"
    rf"(?P<m>{_MONTH_ABBR})\.?(?:\s+(?P<y>{_YEAR}))?\b"
    rf"|(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*(?:-|–)\s*(?P<d3>\d{{1,2}}))?"
    rf"(?:,?\s+(?P<y2>{_YEAR}))?\b"
    rf"|(?P<m3>{_MONTH})(?:\s+|-)(?P<y3>{_YEAR})\b"
    rf"|(?P<iy>{_YEAR})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})\b"
    rf"|\((?P<nd>\d{{1,2}})/(?P<nm>\d{{1,2}})(?:/(?P<ny>(?:19|20)?\d\d))?\)"
    rf"|(?<![\d/.,])(?P<sd>\d{{1,2}})/(?P<sm>\d{{1,2}})/(?P<sy>{_YEAR})(?![\d/])",
    re.IGNORECASE,
)
_YEAR_RE = re.compile(rf"(?<![\d.,/-])({_YEAR})(?!\d|[.,/]\d)(?!-\d)")  # "2024." ends a sentence; "2024.5" is no year


def is_year(word: str) -> bool:
    """Is ``word`` a year as news writes one ("2024"; 1900-2099)?"""
    return re.fullmatch(_YEAR, word) is not None


_TIME_RE = re.compile(
    r"\b(?:pukul|jam|at)\s+\d{1,2}[.:]\d{2}(?:\s*(?:WIB|WITA|WIT))?|\b\d{1,2}[.:]\d{2}\s*(?:WIB|WITA|WIT)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    """A calendar reference in text. ``day`` None = a month; ``month`` None = a year; ranges keep ``last_day``."""

    year: int | None
    month: int | None
    day: int | None
    start: int
    end: int
    surface: str
    last_day: int | None = None

    @property
    def granularity(self) -> str:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def as_date(self) -> dt.date | None:
        if self.year is None or self.month is None or self.day is None:
            return None
        try:
            return dt.date(self.year, self.month, self.day)
        except ValueError:
            return None

    def agrees_with(self, other: DateMention) -> bool:
        """Same calendar reference as far as both say (a missing year or day does not disagree)."""
        for a, b in ((self.year, other.year), (self.month, other.month), (self.day, other.day)):
            if a is not None and b is not None and a != b:
                return False
        return (self.last_day or self.day) == (other.last_day or other.day) or None in (self.day, other.day)


def _month(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


_YEAR_PHRASE_RE = re.compile(r"[(\[]?(?:(?:tahun|year)\s+)?(\d{1,4})(?:\s*(SM|BC|M|AD|Masehi))?[)\].,;]*", re.I)


def year_phrase(span: str) -> int | None:
    """The year a span states on its own ("1442", "tahun 971", "(1890", "57 SM": -57), any century; None if the
    span is more than a year. ``find_dates`` reads years only near our own time, where a bare number
    elsewhere in a sentence is more often a count than a year; a span that is nothing but a year is one."""
    m = _YEAR_PHRASE_RE.fullmatch(span.strip())
    if m is None or (len(m.group(1)) < 3 and not m.group(2)):
        return None
    year = int(m.group(1))
    return -year if (m.group(2) or "").upper() in ("SM", "BC") else year


def find_dates(text: str, *, years: bool = False) -> list[DateMention]:
    """Dates in ``text`` in order; with ``years``, bare years ("Pemilu 2024") too."""
    out: list[DateMention] = []
    for m in _DATE_RE.finditer(text):
        g = m.groupdict()
        last: int | None = None
        try:
            if g["d"]:
                month, day, year = _month(g["m"]), int(g["d"]), int(g["y"]) if g["y"] else None
                if g["d1"]:
                    day, last = int(g["d1"]), int(g["d"])
            elif g["m2"]:
                month, day, year = _month(g["m2"]), int(g["d2"]), int(g["y2"]) if g["y2"] else None
                last = int(g["d3"]) if g["d3"] else None
            elif g["m3"]:
                month, day, year = _month(g["m3"]), None, int(g["y3"])
            elif g["iy"]:
                month, day, year = int(g["im"]), int(g["id"]), int(g["iy"])
            elif g["nd"]:
                month, day = int(g["nm"]), int(g["nd"])
                year = int(g["ny"]) if g["ny"] else None
                if year is not None and year < 100:
                    year += 2000
            else:
                month, day, year = int(g["sm"]), int(g["sd"]), int(g["sy"])
        except ValueError:
            continue
        if month is None or not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
            continue
        if last is not None and not (day is not None and day < last <= 31):
            last = None
        out.append(DateMention(year, month, day, m.start(), m.end(), m.group(0), last))
    if years:
        taken = [(d.start, d.end) for d in out]
        for m in _YEAR_RE.finditer(text):
            if not any(a <= m.start() < b for a, b in taken):
                out.append(DateMention(int(m.group(1)), None, None, m.start(), m.end(), m.group(1)))
        out.sort(key=lambda d: d.start)
    return out


def find_times(text: str) -> list[tuple[int, int]]:
    """Clock times ("pukul 23.59 WITA", "10.00 WIB"): they answer "what time" questions."""
    return [m.span() for m in _TIME_RE.finditer(text)]


_CLOCK_RE = re.compile(r"(?P<h>\d{1,2})[.:](?P<m>\d{2})(?:\s*(?P<zone>WIB|WITA|WIT))?", re.I)


def format_time(time: str, lang: str) -> str:
    """A clock time ``find_times`` found, in the asker's language: "pukul 08.00 WITA" / "08:00 WITA"."""
    m = _CLOCK_RE.search(time)
    if m is None:
        return time
    zone = f" {m.group('zone').upper()}" if m.group("zone") else ""
    return f"{m.group('h')}:{m.group('m')}{zone}" if lang == "en" else f"pukul {m.group('h')}.{m.group('m')}{zone}"


def with_year(mention: DateMention, context: str = "", published: str | None = None) -> DateMention:
    """Complete a year-less date from the sentence around it, else from the article's date.

    A date later in the year than the article was published is taken from the article's year; one that
    would fall more than ten months after publication is from the year before ("Desember" in January).
    """
    if mention.year is not None or mention.month is None:
        return mention
    stated = [d.year for d in find_dates(context, years=True) if d.year is not None]
    if stated:
        return replace(mention, year=stated[0])
    if published:
        try:
            pub = dt.date.fromisoformat(published[:10])
        except ValueError:
            return mention
        year = pub.year - 1 if mention.month - pub.month > 10 else pub.year
        return replace(mention, year=year)
    return mention


# Days news names by their distance from its own date ("kemarin" in a Tuesday's paper is the Monday).
RELATIVE_DAYS: dict[str, int] = {
    "kemarin lusa": -2, "kemarin": -1, "hari ini": 0, "besok": 1, "lusa": 2,
    "yesterday": -1, "today": 0, "tomorrow": 1,
}  # fmt: skip
# Words that put a weekday in the week before ("Kamis kemarin", "Jumat lalu", "last Friday") or after ("Sabtu
# besok", "Senin depan", "next Monday") the article's date; a weekday alone is in the week up to it.
_BEFORE = ("yang lalu", "lalu", "kemarin", "last")
_AFTER = ("mendatang", "depan", "besok", "next")
_WEEKDAY_NAMES = "|".join(sorted((re.escape(w) for w in WEEKDAY_ALIASES), key=len, reverse=True))
_SHIFT_AFTER_WEEKDAY = "|".join(w for w in _BEFORE + _AFTER if w not in ("last", "next"))  # "Jumat lalu"
_DAY_PHRASE_RE = re.compile(
    rf"\b(?:(?P<hari>hari\s+)?(?P<wd>{_WEEKDAY_NAMES})(?:\s+(?P<after_wd>{_SHIFT_AFTER_WEEKDAY}))?"
    rf"|(?P<before_wd>last|next)\s+(?P<wd2>{_WEEKDAY_NAMES})"
    rf"|(?P<rel>{'|'.join(sorted(map(re.escape, RELATIVE_DAYS), key=len, reverse=True))}))"
    r"(?:\s+(?:pagi|siang|sore|malam|morning|afternoon|evening|night))?\b",  # "kemarin sore", "Senin malam": that day
    re.IGNORECASE,
)
_LEAD_RE = re.compile(r"^(?:pada|on)\s+", re.IGNORECASE)


def _a_week(m: re.Match[str]) -> bool:
    """"minggu lalu", "minggu depan": a week, not a Sunday ("hari Minggu lalu" is the Sunday)."""
    shifted = m.group("after_wd") and not m.group("hari")
    return bool(shifted and WEEKDAY_ALIASES[m.group("wd").lower()] == WEEKDAY_ALIASES["minggu"])


def _day_of(m: re.Match[str], pub: dt.date) -> dt.date | None:
    if m.group("rel"):
        return pub + dt.timedelta(days=RELATIVE_DAYS[m.group("rel").lower()])
    if _a_week(m):
        return None
    weekday = WEEKDAY_ALIASES[(m.group("wd") or m.group("wd2")).lower()]
    shift = (m.group("after_wd") or m.group("before_wd") or "").lower()
    if shift in _AFTER:
        return pub + dt.timedelta(days=(weekday - pub.weekday() - 1) % 7 + 1)
    back = (pub.weekday() - weekday - 1) % 7 + 1 if shift in _BEFORE else (pub.weekday() - weekday) % 7
    return pub - dt.timedelta(days=back)


def _published_day(published: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def dated_day(span: str, published: str | None) -> DateMention | None:
    """The date of a span that only names a day by its distance from the article's date: a weekday ("Selasa", "hari
    Kamis kemarin", "Jumat lalu", "Sabtu besok") or a word of ``RELATIVE_DAYS`` ("kemarin", "hari ini"). News dates
    the events of its own days so: "Jumat" in a Monday's article is the Friday before; "kemarin" in a Tuesday's
    paper is the Monday. None for any other span, or without the article's date."""
    pub = _published_day(published)
    text = _LEAD_RE.sub("", span.strip(" ,.;:()"))
    m = _DAY_PHRASE_RE.fullmatch(text)
    day = _day_of(m, pub) if m and pub else None
    return DateMention(day.year, day.month, day.day, 0, len(span), span) if day else None


def day_phrases(text: str) -> list[tuple[int, int]]:
    """Where ``text`` names a day by weekday or by its distance from the article's date ("kemarin", "Jumat lalu")."""
    return [m.span() for m in _DAY_PHRASE_RE.finditer(text) if not _a_week(m)]


def dated_days(text: str, published: str | None) -> list[DateMention]:
    """The days the day phrases of ``text`` name, each dated as ``dated_day`` dates one written alone."""
    pub = _published_day(published)
    if pub is None:
        return []
    days = (_day_of(m, pub) for m in _DAY_PHRASE_RE.finditer(text))
    return [DateMention(d.year, d.month, d.day, 0, 0, str(d)) for d in days if d is not None]


def format_date(mention: DateMention, lang: str, *, weekday: bool = False) -> str:
    """A date in the asker's language, day first in both: "26-28 November 2024", "11 February 2024"; with
    ``weekday`` a single whole date leads with its day of the week ("Saturday, 10 February 2024")."""
    if mention.month is None:
        return str(mention.year) if mention.year else mention.surface
    month = MONTH_NAMES["en" if lang == "en" else "id"][mention.month - 1]
    year = f" {mention.year}" if mention.year else ""
    if mention.day is None:
        return f"{month}{year}"
    days = f"{mention.day}-{mention.last_day}" if mention.last_day else str(mention.day)
    if weekday and mention.year and not mention.last_day:
        with contextlib.suppress(ValueError):  # an impossible date ("31 Februari") gets no weekday
            day_of_week = dt.date(mention.year, mention.month, mention.day).weekday()
            days = f"{WEEKDAYS['en' if lang == 'en' else 'id'][day_of_week]}, {days}"
    return f"{days} {month}{year}"
