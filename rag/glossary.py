"""A small bilingual glossary of Indonesian election-security news, as data.

English questions are answered from Indonesian articles, so an English word has to meet its
Indonesian equivalent before keyword matching can work ("personnel" -> personel/anggota/pasukan,
"polling station" -> TPS). Indonesian news also uses many interchangeable verbs for one act
(dikerahkan/diterjunkan/disebar/digeser all mean "deployed"), so Indonesian questions get their
synonyms too. Everything here is general domain vocabulary, never answers.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from siaga.dates import MONTH_NAMES, WEEKDAYS, is_year
from siaga.numbers import convert_numbers_for_language
from siaga.regions import PROVINCE_BY_NAME, PROVINCES_EN, province_names
from siaga.text import STOPWORDS, keyword_tokens, loanword_spelling

# --- The vocabulary, as data ------------------------------------------------------------------------
# rag/glossary.toml holds every word list (a translator can edit it without reading Python); this module
# only loads it and matches questions against it.
GLOSSARY_FILE = Path(__file__).with_name("glossary.toml")


def _load_glossary(path: Path = GLOSSARY_FILE) -> dict[str, Any]:
    """The glossary file's tables, "@name" values replaced by the word set [sets].name.

    A broken file is named with its problem: it is loaded at import, so a bad edit fails at once, not mid-answer.
    """
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        sets = {name: _word_list(path, f"sets.{name}", words) for name, words in raw["sets"].items()}

        def words(where: str, value: str | list[str]) -> tuple[str, ...]:
            if isinstance(value, str):
                if not value.startswith("@") or value[1:] not in sets:
                    raise ValueError(f"{path}: {where} = {value!r} is neither a word list nor a word set in [sets]")
                return sets[value[1:]]
            return _word_list(path, where, value)

        return {
            "english": {key: words(f"english.{key}", value) for key, value in raw["english"].items()},
            "english_questions": dict(raw["english_questions"]),
            "english_measures": dict(raw["english_measures"]),
            "unit_groups": tuple(_word_list(path, "units.groups", group) for group in raw["units"]["groups"]),
            "unit_english": dict(raw["unit_english"]),
            "unit_english_answers": dict(raw["unit_english_answers"]),
            "synonym_groups": tuple(words("synonyms.groups", group) for group in raw["synonyms"]["groups"]),
            "opposites": tuple(_word_list(path, "opposites.pairs", pair) for pair in raw["opposites"]["pairs"]),
        }
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: not valid TOML ({exc})") from None
    except KeyError as exc:
        raise ValueError(f"{path}: the table or key {exc} is missing") from None


def _word_list(path: Path, where: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(w, str) and w for w in value):
        raise ValueError(f"{path}: {where} must be a non-empty list of words, not {value!r}")
    return tuple(value)


_GLOSSARY = _load_glossary()
# English word or phrase -> the Indonesian words news writes for it (the first is the gloss).
EN_TO_ID: dict[str, tuple[str, ...]] = _GLOSSARY["english"]

# Month and weekday names: an English question's "February" must meet the article's "Februari".
for _en, _id in zip(MONTH_NAMES["en"], MONTH_NAMES["id"], strict=True):
    if _en != _id:
        EN_TO_ID.setdefault(_en.lower(), (_id.lower(),))
for _en, _id in zip(WEEKDAYS["en"], WEEKDAYS["id"], strict=True):
    EN_TO_ID.setdefault(_en.lower(), (_id.lower(),))

EN_QUESTION_TO_ID: dict[str, str] = _GLOSSARY["english_questions"]
EN_MEASURE_TO_ID: dict[str, str] = _GLOSSARY["english_measures"]
_MEASURES = "|".join(map(re.escape, EN_MEASURE_TO_ID))
# "What is the area of X?", "What was the total number of ...": a measure asked, as "berapa luas / jumlah" asks it
_MEASURE_ASKED_RE = re.compile(
    rf"^\s*what\s+(?:is|was|are|were)\s+the\s+(?:total\s+(?=number|amount))?(?P<measure>{_MEASURES})\b(?:\s+of\b)?",
    re.I)


EN_AUXILIARIES = frozenset("did does do was were is are has have had will would can could".split())


# a number is one token ("3.449"), not "3", ".", "449"
_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[\w'’-]+|[^\w\s]")


def _year_after_noun(words: list[str]) -> list[str]:
    """"the 2024 election" -> "the election 2024": Indonesian dates a noun after it ("Pemilu 2024"); the year moves
    past the words after it, up to a function word or punctuation. A date's year has no "the" before it; a year
    opening a bracket or a list item ("(2024 election)", "Polda Banten, 2024 election") is no date's either."""
    out, i = list(words), 0
    while i < len(out) - 2:
        if out[i].lower() in ("the", "(", ",") and is_year(out[i + 1]) and out[i + 2][:1].isalpha():
            end = i + 2
            while end < len(out) and out[end][:1].isalpha() and out[end].lower() not in STOPWORDS:
                end += 1
            out[i + 1 : end] = [*out[i + 2 : end], out[i + 1]]
            i = end
        i += 1
    return out


_LAST_VERB_RE = re.compile(r"\b(?P<aux>did|does|do|will|would)\b(?P<between>[^?,.!]*?)\blast(?=\s*(?:[?,.!]|$))", re.I)


def last_as_verb(question: str) -> str:
    """"How long did Operasi Mantap Brata last?": after an auxiliary and before the clause ends, "last" is the verb
    (glossed "berlangsung"), not the adjective of "the last day". The gloss, the keyword search and the window choice
    all read it so."""
    return _LAST_VERB_RE.sub(lambda m: f"{m.group('aux')}{m.group('between')}lasted", question)


_BERAPA_BANYAK_RE = re.compile(r"\b(berapa)\s+banyak(?:nya)?\b", re.I)


def words_as_read(question: str, language: str) -> str:
    """The question's words as the keyword search, the window choice and the reader read them: English "last" as
    the verb (``last_as_verb``); Indonesian "berapa banyak(nya) X" as "berapa X", which asks the same (only seven of
    FacQA's 2,495 training questions say "banyak", and with it the reader scored "5.986 anggota" 3.5 lower, while
    "banyak" as a search term favoured windows that happen to write it)."""
    return last_as_verb(question) if language == "en" else _BERAPA_BANYAK_RE.sub(r"\1", question)


def gloss_english(question: str) -> str:
    """An English question in the Indonesian words the reader was trained on, word for word.

    The reader learnt Indonesian questions (a quarter code-switched to English question words), so
    "How many personnel did Polda Banten deploy?" is read as "berapa personel Polda Banten dikerahkan?";
    names (capitalised words after the first) stay as they are, unknown words too; numbers are written
    the Indonesian way.
    """
    for province, names in PROVINCES_EN.items():
        for name in names:
            question = re.sub(rf"\b{re.escape(name)}\b", province, question, flags=re.I)
    question = convert_numbers_for_language(question, "id")  # 3,449 -> 3.449, 2.5 -> 2,5: the reader learnt these
    question = last_as_verb(question)
    measure = _MEASURE_ASKED_RE.match(question)  # "What is the area of X?" asks "berapa luas X?", not "apa area X?"
    asked = f"berapa {EN_MEASURE_TO_ID[measure.group('measure').lower()]}" if measure else ""
    question = question[measure.end() :] if measure else question
    words = _year_after_noun(_TOKEN_RE.findall(question))
    out: list[str] = [asked] if asked else []
    if not asked and words and words[0].lower() in EN_AUXILIARIES:
        out.append("apakah")  # "Did Polda Sumbar classify ...?" is a yes/no question
        words = words[1:]
    words = [w for w in words if w.lower() not in EN_AUXILIARIES]
    i = 0
    while i < len(words):
        for n in (3, 2, 1):
            chunk = words[i : i + n]
            phrase = " ".join(chunk).lower()
            named = any(w[:1].isupper() for w in chunk) and i > 0
            if len(chunk) == n and not named and (phrase in EN_QUESTION_TO_ID or phrase in EN_TO_ID):
                target = EN_QUESTION_TO_ID.get(phrase)
                out.append(target if target is not None else EN_TO_ID[phrase][0])
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    text = " ".join(w for w in out if w)
    return re.sub(r"\(\s+", "(", re.sub(r"\s+([?.,!;:)])", r"\1", text))


# --- Units: what a count counts -------------------------------------------------------------------------
# The nouns news writes after a number, grouped by what they count. A count question's unit and the
# noun after the article's number must not belong to different groups ("berapa personel" is not
# answered by "5.431 TPS"). The first word of a group is how an answer names it; UNIT_EN words it in English.
UNIT_GROUPS: tuple[tuple[str, ...], ...] = _GLOSSARY["unit_groups"]
UNIT_EN: dict[str, str] = {**_GLOSSARY["unit_english"], **_GLOSSARY["unit_english_answers"]}
_SAME_IN_THE_SINGULAR = frozenset({"personnel", "police", "percent"})


def english_singular(noun: str) -> str:
    """One of an English count noun of ``UNIT_EN``: "1 polling station", "1 person", "1 item of content"."""
    head, of, rest = noun.partition(" of ")
    *before, last = head.split()
    if last == "people":
        last = "person"
    elif last not in _SAME_IN_THE_SINGULAR:
        last = (last[:-3] + "y" if last.endswith("ies") else last[:-2] if last.endswith(("xes", "ches", "shes"))
                else last.removesuffix("s"))
    return " ".join([*before, last]) + of + rest


_UNIT_GROUP_OF: dict[str, int] = {w: i for i, group in enumerate(UNIT_GROUPS) for w in group}
for _id, _en in _GLOSSARY["unit_english"].items():
    EN_TO_ID.setdefault(_en, (_id,))  # an English unit word Siaga writes in answers is one it reads in questions


def is_unit_noun(words: str) -> bool:
    """Is ``words`` exactly one of the Indonesian count nouns ("tps", "kotak suara")?"""
    return words.lower() in _UNIT_GROUP_OF


def unit_group(word: str | None) -> int | None:
    """Which group of count nouns ``word`` belongs to (None: not a known unit noun)."""
    if not word:
        return None
    w = word.lower()
    return _UNIT_GROUP_OF.get(w, _UNIT_GROUP_OF.get(w.rstrip("s")))


# Indonesian counts people with a classifier ("451.723 orang", "2.000 jiwa") whatever their role, so a
# classifier fits any count of people: personnel as well as voters.
PEOPLE_CLASSIFIERS = frozenset({"orang", "jiwa"})
_PEOPLE_GROUPS = frozenset(_UNIT_GROUP_OF[w] for w in ("personel", "pemilih"))


def units_compatible(asked: str | None, found: str | None) -> bool:
    """False only when both are known unit nouns of different groups; unknown words never veto."""
    a, b = unit_group(asked), unit_group(found)
    if a is None or b is None or a == b:
        return True
    people = {w.lower() for w in (asked or "", found or "")} & PEOPLE_CLASSIFIERS
    return bool(people) and a in _PEOPLE_GROUPS and b in _PEOPLE_GROUPS


# Adjectives of comparison and their opposites ("lebih besar" / "lebih kecil"), both ways.
COMPARATIVE_OPPOSITES: dict[str, str] = {a: b for x, y in _GLOSSARY["opposites"] for a, b in ((x, y), (y, x))}


# --- Indonesian synonym groups --------------------------------------------------------------------------
# Words Indonesian news uses interchangeably; an Indonesian question term pulls in its group.
ID_SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = _GLOSSARY["synonym_groups"]

# --- Expansion -------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _stems(phrase: str) -> tuple[str, ...]:
    return tuple(keyword_tokens(phrase))


def _phrase_index() -> dict[int, dict[tuple[str, ...], tuple[str, ...]]]:
    by_len: dict[int, dict[tuple[str, ...], tuple[str, ...]]] = {}
    for key, values in EN_TO_ID.items():
        words = tuple(re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", key))
        by_len.setdefault(len(words), {})[words] = values
    return by_len


_EN_PHRASES = _phrase_index()
_MAX_PHRASE = max(_EN_PHRASES)
_ID_GROUP_BY_STEM: dict[str, tuple[str, ...]] = {}
for _group in ID_SYNONYM_GROUPS:
    for _w in _group:
        if " " in _w:
            continue  # a phrase's words ("tempat", "suara") must not pull the whole group in
        for _s in _stems(_w):
            _ID_GROUP_BY_STEM.setdefault(_s, _group)


@dataclass(frozen=True)
class TermGroup:
    """One question term, its alternative wordings (each a set of stems) and all their stems.

    A wording matches in proportion to how much of it a text contains, so "angkatan udara" (air force)
    beats "angkatan darat" (army) for "Air Force" although both contain "angkatan".
    """

    term: str
    stems: frozenset[str]
    expanded: bool = False
    variants: tuple[frozenset[str], ...] = ()

    def match(self, keys: set[str] | frozenset[str]) -> float:
        """0..1: the best share of one wording found among ``keys``."""
        if not (keys & self.stems):
            return 0.0
        variants = self.variants or (self.stems,)
        return max((len(v & keys) / len(v) for v in variants if v), default=0.0)


def _grouped(term: str, variants: Sequence[frozenset[str]], expanded: bool = True) -> TermGroup:
    return TermGroup(term, frozenset().union(*variants), expanded=expanded, variants=tuple(variants))


def _phrase_at(toks: list[str], i: int, lang: str) -> tuple[TermGroup, int] | None:
    """The term of several words starting at ``toks[i]``, with how many words it takes, longest first: a
    province in any of its names ("Sulteng" = "Sulawesi Tengah" = "Central Sulawesi"), or an English
    glossary phrase, which keeps its own stems too (names and acronyms are the same in both languages)."""
    for n in (3, 2, 1):
        alias = " ".join(toks[i : i + n])
        canon = PROVINCE_BY_NAME.get(alias) if len(toks) - i >= n else None
        if canon:
            return _grouped(alias, [frozenset(_stems(a)) for a in province_names(canon) if _stems(a)]), n
    if lang != "en":
        return None
    for n in range(min(_MAX_PHRASE, len(toks) - i), 0, -1):
        key = tuple(toks[i : i + n])
        values = _EN_PHRASES.get(n, {}).get(key)
        if values is not None:
            variants = [frozenset(_stems(v)) for v in values if _stems(v)]
            own = frozenset(s for w in key for s in _stems(w))
            return _grouped(" ".join(key), variants + [own] if own else variants), n
    return None


def term_groups(tokens: list[str], lang: str) -> list[TermGroup]:
    """Group raw lower-case question tokens into matchable terms with their Indonesian equivalents.

    Phrases are matched longest first ("polling stations" before "stations"); a single word meets its
    Indonesian synonyms and, in English, its loanword spelling.
    """
    toks = [t.lower() for t in tokens]
    groups: list[TermGroup] = []
    i = 0
    while i < len(toks):
        if phrase := _phrase_at(toks, i, lang):
            groups.append(phrase[0])
            i += phrase[1]
            continue
        tok = toks[i]
        i += 1
        own = _stems(tok)
        if not own:
            continue
        variants: list[frozenset[str]] = [frozenset(own)]
        expanded = False
        if lang == "en" and tok.isalpha() and (spelled := _stems(loanword_spelling(tok))) and spelled != own:
            variants.append(frozenset(spelled))  # "inflation" ~ "inflasi", "commission" ~ "komisi"
        for s in own:
            group = _ID_GROUP_BY_STEM.get(s)
            if group:
                variants.extend(frozenset(_stems(w)) for w in group if _stems(w))
                expanded = True
        groups.append(_grouped(tok, variants, expanded))
    return groups


def expand_terms(tokens: list[str], lang: str, *, synonyms: bool = True) -> list[str]:
    """Question tokens plus their Indonesian equivalents, as keyword stems (for BM25 and matching).

    ``tokens`` are raw lower-case words of the question (``siaga.text.raw_tokens``); the result is in
    ``siaga.text.keyword_tokens`` form, de-duplicated, the question's own stems first.
    """
    own = [s for t in tokens if t.lower() not in STOPWORDS for s in _stems(t.lower())]
    if not synonyms:
        return list(dict.fromkeys(own))
    return list(dict.fromkeys(own + [s for g in term_groups(tokens, lang) for s in sorted(g.stems)]))
