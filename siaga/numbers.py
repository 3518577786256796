"""Numbers as Indonesian and English news write them: 1.048 = 1,048 = 1048, "1,5 juta", "Rp4.814.000".

Pure functions shared by the keyword index (so a query for 1,048 matches 1.048), the citation
verifier (every number in an answer must occur in a cited span) and the eval metrics.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

MULTIPLIERS: dict[str, float] = {
    "ribu": 1e3,
    "rb": 1e3,
    "thousand": 1e3,
    "juta": 1e6,
    "jt": 1e6,
    "million": 1e6,
    "miliar": 1e9,
    "milyar": 1e9,
    "billion": 1e9,
    "triliun": 1e12,
    "trillion": 1e12,
}

# A number: optional Rp, digits with optional thousands groups (. or ,) and an optional decimal part.
_NUMBER_RE = re.compile(
    r"(?<![\w.,])(?P<rp>Rp\.?\s?)?(?P<num>\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?P<pct>\s?%)?"
    r"(?:\s?(?P<mult>ribu|rb|juta|jt|miliar|milyar|triliun|thousand|million|billion|trillion)\b)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class NumberMention:
    """A number found in text, with its value in base units and where it stands."""

    value: float
    start: int
    end: int
    surface: str
    is_money: bool = False
    is_percent: bool = False


def parse_number_literal(literal: str) -> float | None:
    """Value of a digit string in either convention.

    A separator followed by exactly three digits is a thousands separator (1.048, 1,048, 4.814.000);
    otherwise it is a decimal mark (1,5 and 1.5, 0,21). Mixed forms take the last separator as the
    decimal mark when it is not followed by three digits (456,61 -> 456.61; 1.234,5 -> 1234.5).
    """
    s = literal.strip()
    if not s or not re.fullmatch(r"\d+(?:[.,]\d+)*", s):
        return None
    parts = re.split(r"[.,]", s)
    if len(parts) == 1:
        return float(s)
    seps = re.findall(r"[.,]", s)
    tail = parts[-1]
    # every group has three digits and one separator kind: thousands (1.048 / 1,048 / 4.814.000)
    if len(tail) == 3 and all(len(p) == 3 for p in parts[1:]) and len(parts[0]) <= 3 and len(set(seps)) == 1:
        return float("".join(parts))
    # the last separator is the decimal mark; earlier ones are thousands separators
    integer = "".join(parts[:-1])
    return float(f"{integer}.{tail}")


def find_numbers(text: str) -> list[NumberMention]:
    """Every number in ``text`` with multipliers applied ("1,5 juta" -> 1500000.0)."""
    found: list[NumberMention] = []
    for m in _NUMBER_RE.finditer(text):
        value = parse_number_literal(m.group("num"))
        if value is None:
            continue
        mult = m.group("mult")
        if mult:
            value *= MULTIPLIERS[mult.lower()]
        found.append(
            NumberMention(
                value=value,
                start=m.start(),
                end=m.end(),
                surface=m.group(0).strip(),
                is_money=bool(m.group("rp")),
                is_percent=bool(m.group("pct")),
            )
        )
    return found


_RANGE_RE = re.compile(  # an amount's "Rp" may open either end: "antara Rp1 juta dan Rp1,5 juta"
    r"(?:\bantara\s+|\bbetween\s+)?(?:rp\.?\s*)?\d[\d.,]*\s*%?\s*(?:[a-z]+\s*)?"
    r"(?:-|–|—|\bhingga\b|\bsampai(?:\s+dengan)?\b|\bs\.?d\.?|\bto\b|(?<=\s)(?:dan|and)\b)\s*(?:rp\.?\s*)?\d[\d.,]*",
    re.I,
)


def states_a_range(span: str) -> bool:
    """Is the span one figure given as a range ("400-500 ekor", "antara 3,4 persen dan 6,35 persen", "10 hingga
    16 TPS")? Its two numbers are one answer, not several figures to choose from."""
    numbers = find_numbers(span)
    if len(numbers) != 2:
        return False
    m = _RANGE_RE.search(span)
    if m is None:
        return False
    # "X dan Y" is a range only after "antara"/"between"; else it is two figures
    return re.match(r"(?:antara|between)\b", m.group(0), re.I) is not None or not re.search(
        r"\b(?:dan|and)\b", m.group(0), re.I)


def number_values(text: str, *, include_words: bool = False) -> set[float]:
    """The set of values ``text`` mentions; a number written with a multiplier also counts bare."""
    values: set[float] = set()
    for m in _NUMBER_RE.finditer(text):
        literal = parse_number_literal(m.group("num"))
        if literal is None:
            continue
        values.add(literal)
        if m.group("mult"):
            values.add(literal * MULTIPLIERS[m.group("mult").lower()])
    if include_words:
        values |= {float(w.value) for w in find_word_numbers(text)}
    return values


def same_number(a: float, b: float) -> bool:
    """Numbers equal up to float noise (456,61 miliar vs 456610000000)."""
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def contains_value(text: str, value: float) -> bool:
    return any(same_number(value, v) for v in number_values(text))


def canonical_number_token(literal: str) -> str:
    """Keyword-index form of a digit string: 1.048 / 1,048 / 1048 -> "1048"; 1,5 -> "1.5"."""
    value = parse_number_literal(literal)
    if value is None:
        return literal
    if value.is_integer():
        return str(int(value))
    return repr(value)


def format_number(value: float, lang: str) -> str:
    """Write a value the way a reader of ``lang`` expects: en 1,048 / 1.5; id 1.048 / 1,5."""
    value = float(value)
    if value.is_integer():
        body = f"{int(value):,}"
    else:
        body = f"{value:,.2f}".rstrip("0").rstrip(".")
    if lang == "id":
        body = body.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return body


def convert_numbers_for_language(text: str, lang: str) -> str:
    """Rewrite digit groups in ``text`` into ``lang``'s convention (1.048 -> 1,048 for English)."""

    def repl(m: re.Match[str]) -> str:
        num = m.group("num")
        value = parse_number_literal(num)
        if value is None or not re.search(r"[.,]", num):
            return m.group(0)
        return m.group(0).replace(num, format_number(value, lang), 1)

    return _NUMBER_RE.sub(repl, text)

# Small counts spelled out ("delapan TPS", "tiga sif", "two ships"): Indonesian 1-99 and 100, English 1-12.
_UNITS_ID: dict[str, int] = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9,
}  # fmt: skip
_WORDS_EN: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12,
}  # fmt: skip
ENGLISH_NUMBER_NAMES: dict[int, str] = {value: word for word, value in _WORDS_EN.items()}  # 1 -> "one"
# Indonesian words that hedge or bound a figure, in English ("sekitar 6.200 anggota" -> "about 6,200 members")
FIGURE_QUALIFIERS_EN: dict[str, str] = {
    "sekitar": "about", "sekira": "about", "kira-kira": "about", "kurang lebih": "about", "lebih dari": "more than",
    "lebih kurang": "about", "hampir": "almost", "nyaris": "almost", "setidaknya": "at least",
    "sedikitnya": "at least", "paling sedikit": "at least", "minimal": "at least", "kurang dari": "fewer than",
    "maksimal": "at most", "paling banyak": "at most",
}
_DIGIT_WORD = "satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan"
_NUMBER_WORD_RE = re.compile(
    rf"\b(?:(?P<tens>{_DIGIT_WORD})\s+puluh(?:\s+(?P<tens_unit>{_DIGIT_WORD}))?"
    rf"|(?P<teen>dua|tiga|empat|lima|enam|tujuh|delapan|sembilan)\s+belas"
    rf"|(?P<single>sepuluh|sebelas|seratus|{_DIGIT_WORD}|{'|'.join(_WORDS_EN)}))\b"
    r"(?<!\bsalah\ssatu)(?!(?<=\bone)\s+of\b)",  # "salah satu", "one of": a member of a group, not a count
    re.IGNORECASE,
)


@dataclass(frozen=True)
class WordNumber:
    """A number written as words and where it stands."""

    value: int
    start: int
    end: int
    surface: str


def find_word_numbers(text: str) -> list[WordNumber]:
    """Numbers spelled out in Indonesian (1-99, 100) or English (1-12); news writes small counts so."""
    out: list[WordNumber] = []
    for m in _NUMBER_WORD_RE.finditer(text):
        if m.group("tens"):
            value = _UNITS_ID[m.group("tens").lower()] * 10 + _UNITS_ID.get((m.group("tens_unit") or "").lower(), 0)
        elif m.group("teen"):
            value = 10 + _UNITS_ID[m.group("teen").lower()]
        else:
            word = m.group("single").lower()
            value = {"sepuluh": 10, "sebelas": 11, "seratus": 100}.get(word) or _UNITS_ID.get(word) or _WORDS_EN[word]
        out.append(WordNumber(value=value, start=m.start(), end=m.end(), surface=m.group(0)))
    return out
