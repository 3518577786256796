"""From the reader's spans to an answer: type check, best candidate, conflicts, multi-part, yes/no.

Each step is a pure function of data (the reader is passed in), so a newcomer can find which model
score or which rule decided an answer: ``Candidate.margin`` is the reader's (span minus no-answer),
``Candidate.score`` adds the evidence's question-term overlap and retrieval rank with weights fitted
on the dev set's ``tune`` split. Between the reader and the answer stand the answer type check (a
who-question needs a name, a how-many question a number with a fitting unit) and, for a count the question
qualifies ("TPS sangat rawan"), the choice among the counts a sentence lists (``listed_count``).
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cache, lru_cache
from typing import Protocol

from rag.evidence import Evidence, EvidenceLimits, question_groups, to_passage
from rag.glossary import (
    COMPARATIVE_OPPOSITES,
    EN_TO_ID,
    UNIT_EN,
    UNIT_GROUPS,
    gloss_english,
    is_unit_noun,
    unit_group,
    units_compatible,
    words_as_read,
)
from rag.question import (
    NEGATORS,
    NOT_NAME_WORDS,
    POSTS,
    asked_command_kind,
    asked_extreme,
    asked_name_kind,
    asked_object,
    asked_place_kinds,
    asked_posts,
    asks_list,
    asks_time,
    defined_term,
    election_spans,
    elections_in,
    expanded_acronym,
    is_verb_shaped,
    negates_what_is_asked,
    same_post,
)
from rag.reader import Passage, SpanScore
from siaga.dates import (
    ELECTION_DAYS,
    WEEKDAY_ALIASES,
    DateMention,
    day_phrases,
    elections_near,
    find_dates,
    find_times,
    year_phrase,
)
from siaga.numbers import find_numbers, find_word_numbers, same_number, states_a_range
from siaga.regions import (
    AREA_NOUNS,
    COMMAND_LONG_FORMS,
    INSTITUTION_PREFIXES,
    INSTITUTION_WORDS,
    PLACE_KINDS,
    PROVINCE_WORDS,
    TERRITORIAL_COMMANDS,
    UNIT_PREFIXES,
    is_place_name,
    place_names_in,
    places_in,
    province_names,
    regions_in,
)
from siaga.sentences import CAUSE_WORDS, QUOTE_TAGS, RANK_QUALIFIERS, RANKS, SAYING_VERBS, split_sentences
from siaga.text import keyword_tokens, raw_tokens, restore_case, spelled_alike
from siaga.types import AnswerType, Article, Election, QuestionInfo


class SpanReader(Protocol):
    """What compose needs from a reader (the trained model, or a fake one in tests)."""

    def read(self, question: str, passages: Sequence[Passage], n_best: int = 1) -> list[list[SpanScore]]: ...


class EnglishReading(StrEnum):
    """How an English question is put to the reader, which learnt Indonesian questions (a quarter of them
    with their words swapped into English). ``siaga calibrate`` picks among those in its grid (today only
    glossed: docs/experiments/2026-12-01-english-reading.md); calibration.json records the choice."""

    GLOSSED = "glossed"  # word for word into Indonesian (rag.glossary.gloss_english)
    RAW = "raw"  # as asked: e5 was pre-trained on English too
    BOTH = "both"  # read both ways; each span keeps its better score (twice the reading, English only)


@dataclass(frozen=True)
class Calibration:
    """Weights and thresholds, fitted on the dev set's ``tune`` split only (``siaga calibrate``).

    ``null_weight``: how much of the reader's no-answer score is taken off a span's score (1 gives the
    SQuAD 2.0 margin; less trusts the span more than the window's no-answer, which runs high on
    paraphrased questions). ``threshold``: a combined score below it is "the articles don't say"
    (``threshold_en`` for English questions, fitted on the tune split's English questions).
    ``overlap_weight``, ``rank_weight`` and ``name_weight`` add the cheap evidence signals to the
    reader's score (question-term overlap, retrieval rank, the question's names stated in the window).
    ``conflict_margin``: another article's different value scoring within this of the best is shown
    beside it, not hidden. ``english_reading``: how English questions are put to the reader.
    """

    threshold: float = 0.0
    threshold_en: float | None = None  # English questions' cut (the reader's margins run lower on them)
    null_weight: float = 1.0  # 1: rank spans by their margin over no-answer; 0: by the span's own score
    name_weight: float = 0.0  # added in proportion to the question's names the window itself states
    overlap_weight: float = 2.0
    rank_weight: float = 1.0
    conflict_margin: float = 1.5
    n_best: int = 3
    english_reading: EnglishReading = EnglishReading.GLOSSED

    def __post_init__(self) -> None:
        object.__setattr__(self, "english_reading", EnglishReading(self.english_reading))  # JSON gives a str

    def cut(self, language: str) -> float:
        """The refusal threshold for a question in ``language``."""
        return self.threshold_en if language == "en" and self.threshold_en is not None else self.threshold


@dataclass(frozen=True)
class Candidate:
    """One span the reader proposed, placed in its article, with the scores that rank it."""

    evidence: Evidence
    start: int  # offsets of the span in the article's text
    end: int
    margin: float
    score: float
    fits: bool  # the span is the kind of thing the question asks for

    @property
    def text(self) -> str:
        return self.evidence.article.text[self.start : self.end]

    @property
    def sentence(self) -> Evidence:
        """The sentence of the window that holds the span: what the answer cites."""
        return self.evidence.sentence_at(self.start)

    @property
    def key(self) -> tuple[tuple[str, int], str]:
        """Where and what: a sentence and the value read there (a multi-part question's sides must differ)."""
        return (self.sentence.key, self.value)

    @property
    def value(self) -> str:
        """What two candidates are compared on to tell a conflict: a number's value, else its folded words."""
        number = first_number(self.text)
        if number is not None:
            return f"{number:g}"
        return " ".join(re.findall(r"\w+", self.text.lower()))


def same_value(a: str, b: str) -> bool:
    """Do two candidates' values (``Candidate.value``) name the same thing? Figures must be equal; names
    also match when one's words appear in the other in order ("padang" in "kota padang", "irjen daniel
    adityajaya" in "irjen pol daniel adityajaya"): a longer way of writing the same name is no rival."""
    if a == b:
        return True
    if first_number(a) is not None or first_number(b) is not None or not (a and b):
        return False
    shorter, longer = sorted((_unranked(a), _unranked(b)), key=len)
    words = iter(longer)
    return all(word in words for word in shorter)  # each found after the one before it


def _unranked(value: str) -> list[str]:
    """A folded name's words without its ranks ("irjen pol", "inspektur jenderal polisi": one rank, two spellings)."""
    return [w for w in value.split() if w not in RANKS and w not in RANK_QUALIFIERS] or value.split()


def _event_terms(info: QuestionInfo) -> list[frozenset[str]]:
    """The question's terms that say which event a date is asked of: figures and years aside (a date holds them),
    names and the election aside (they say whose event and which election, not which event)."""
    named = set(keyword_tokens(" ".join(info.names)))
    event = info.question
    for a, b, _ in reversed(election_spans(event)):  # "Pilkada 2024": checked apart
        event = event[:a] + " " + event[b:]
    return [g for g in question_groups(event, info.language) if not all(s.isdigit() for s in g) and not g & named]


def _tells_the_asked(terms: Sequence[frozenset[str]], c: Candidate) -> int:
    """How many of the event's ``terms`` the candidate's sentence states outside the span: "Seluruh personel akan
    diberangkatkan ... pada Minggu (24/11/2024)" tells none of "Kapan pencoblosan Pilkada 2024?"; "... menghadapi
    pencoblosan 27 November 2024" tells "pencoblosan"."""
    stated = set(keyword_tokens(c.sentence.text.replace(c.text, " ")))
    return sum(1 for g in terms if g & stated)


def _opens_with_kind(span: str, kinds: frozenset[str]) -> bool:
    """Is the span a name opening with one of the asked kinds ("Operasi Mantap Praja Agung"; not "kapal perang")?"""
    words = _WORD_RE.findall(span)
    return len(words) >= 2 and words[0][0].isupper() and words[0].lower() in kinds


@dataclass
class Fact:
    """The outcome of looking for one fact: the best fitting candidate, rivals, and what was seen."""

    best: Candidate | None = None
    rivals: list[Candidate] = field(default_factory=list)  # different values, nearly as well supported
    misfit: Candidate | None = None  # the best span of the wrong type (a who-question met only a number)
    considered: list[Candidate] = field(default_factory=list)
    # What the refusal cut was compared with: the top score of a usable span of the right type (None: there
    # was none, so no cut answers). Not always ``best.score``: the question's qualifiers can put a
    # lower-scored span first, and calibration must see the number the decision used.
    support: float | None = None


# --- answer type -----------------------------------------------------------------------------------

_WORD_RE = re.compile(r"[\w%]+(?:-[\w]+)*")
_CLAUSE_END_RE = re.compile(r"[.!?;:](?=\s|$)")


def first_number(text: str) -> float | None:
    nums = find_numbers(text)
    if nums:
        return nums[0].value
    words = find_word_numbers(text)
    return float(words[0].value) if words else None


def unit_after(text: str, position: int) -> str | None:
    """The noun written right after a number (two words when they form a known unit: "kotak suara"); none
    across the end of a sentence or clause ("seluas 331 km². Ibu kota ..." has no "Ibu") nor after a comma
    ("466, tetapi ..." has no "tetapi")."""
    if (position and text[position - 1] in ".!?;:") or text[position : position + 1] == ",":
        return None  # (the span took its sentence's or clause's end with it)
    words = _WORD_RE.findall(_CLAUSE_END_RE.split(text[position : position + 48], maxsplit=1)[0])
    if not words:
        return None
    for n in (3, 2):
        phrase = " ".join(words[:n]).lower()
        if any(phrase == w for group in UNIT_GROUPS for w in group) or phrase in UNIT_EN:  # "jaket pelampung"
            return " ".join(words[:n])
    noun = words[0].removesuffix("nya")  # "1.646 personelnya" counts personel ("-nya": its, their)
    return noun if noun != words[0] and unit_group(noun) is not None else words[0]


@lru_cache(maxsize=256)
def _date_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where ``text`` writes dates; cached because every number the reader proposes in an article asks
    again about the same article text (this was ~4 % of a warm answer)."""
    return tuple((d.start, d.end) for d in find_dates(text, years=True))


def _inside_date(text: str, start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in _date_spans(text))


@lru_cache(maxsize=256)
def _sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where ``text``'s sentences are (cached per article text, like its dates)."""
    return tuple(split_sentences(text))


def _sentence_index(text: str, position: int) -> int | None:
    """Which of ``text``'s sentences (``_sentence_spans``) holds ``position``; None when none does."""
    return next((i for i, (a, b) in enumerate(_sentence_spans(text)) if a <= position < b), None)


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding ``text[start:end]`` (the span itself when the splitter places it nowhere)."""
    at = _sentence_index(text, start)
    return (start, end) if at is None else _sentence_spans(text)[at]


@lru_cache(maxsize=1024)
def _counts(text: str, start: int, end: int, *, money: bool = True) -> tuple[tuple[int, int], ...]:
    """Offsets (in ``text``) of the figures and number words in ``text[start:end]`` that are not part of a date
    (nor, with ``money=False``, rupiah amounts). Cached: each listed figure's clause asks again about its sentence."""
    part = text[start:end]
    found = [(start + n.start, start + n.end) for n in find_numbers(part)
             if (money or not n.is_money) and not _inside_date(text, start + n.start, start + n.end)]
    return tuple(found + [(start + w.start, start + w.end) for w in find_word_numbers(part)])


def _unit_fitting_numbers(info: QuestionInfo, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Offsets (in ``text``) of the span's numbers that are not part of a date and whose noun fits the unit asked.

    A noun Siaga does not know never vetoes a figure, except where its own sentence writes the asked unit
    after another figure: in "delapan variabel dan 25 indikator" the count of indicators is 25, not 8. A bare
    figure of a list counts the noun the list writes once (``listed_noun``).
    """
    asked = unit_group(info.unit)
    found = _counts(text, start, end, money=asked is None)  # a count of TPS or personel is never a rupiah amount
    nouns = {p: unit_after(text, p[1]) or listed_noun(text, p) or counted_as_jumlah(text, p) for p in found}
    fitting = [p for p in found if units_compatible(info.unit, nouns[p])]
    if not fitting or asked is None or any(unit_group(nouns[p]) == asked for p in fitting):
        return sorted(fitting)
    sentence = _sentence_around(text, start, end)
    others = [p for p in _counts(text, *sentence) if p not in found]
    if any(unit_group(unit_after(text, p[1])) == asked for p in others):
        return sorted(p for p in fitting if unit_before(text, *p, info.unit) or _counted_by_a_qualifier(info, text, p))
    return sorted(fitting)


_NUMBER_OF_RE = re.compile(r"\bjumlah((?:\s+[\w-]+){1,3})", re.I)


def counted_as_jumlah(text: str, figure: tuple[int, int]) -> str | None:
    """The count noun that "jumlah X" names in a bare figure's own clause, before it ("dengan jumlah TPS sebanyak
    8.405" counts TPS, "Jumlah DPT mencapai 953.978" voters): what the figure counts when no noun follows it."""
    left, _ = clause_at(text, *figure)
    words = [m[1].split() for m in _NUMBER_OF_RE.finditer(text, left, figure[0])]
    nouns = [next((" ".join(w[:n]) for n in (3, 2, 1) if unit_group(" ".join(w[:n]).lower()) is not None), None)
             for w in words]
    return next((n for n in reversed(nouns) if n), None)


def may_state_the_count(info: QuestionInfo, e: Evidence) -> bool:
    """Could window ``e`` answer the question: for a count, it states a figure of the asked noun (for money, an
    amount); any window could answer another question."""
    if info.answer_type is AnswerType.NUMBER:
        return bool(_unit_fitting_numbers(info, e.article.text, e.start, e.end))
    if info.answer_type is AnswerType.MONEY:
        return any(n.is_money for n in find_numbers(e.text))
    return True


# a sentence opening with the scope its figures hold for: "Untuk TPS kurang rawan, ...", "Di Kabupaten Bengkulu
# Tengah, ..."
_SCOPE_RE = re.compile(r"[\"“]?\s*(?:untuk|pada|di|bagi|khusus(?:\s+(?:untuk|di))?)\s+([^,.;:\"”]{2,60}),", re.I)
_PLACE_HEAD_STEMS = frozenset(s for w in UNIT_PREFIXES for s in keyword_tokens(w))  # "Kabupaten", "Kota", "Polres"


def scoped_to_another(info: QuestionInfo, text: str, start: int, end: int) -> bool:
    """Is the figure at ``text[start:end]`` said only of a scope its sentence opens with and the question does not
    ask? "Untuk TPS kurang rawan, dua personel ditempatkan untuk mengamankan 10 hingga 16 TPS" counts the polling
    stations two officers guard in one category, not Polresta Pontianak's; "Di Kabupaten Bengkulu Tengah, ... 387
    TPS" is no province's count. A scope is a count noun with the words that narrow it, or a place ("Kabupaten
    ...", a gazetteer name), stating no figure; the question asks it when it states all its words (a province also
    by another of its names; "Kabupaten", "Kota" ... aside). A time ("Untuk hari pemungutan suara,"), an election,
    a date or a transition ("Di sisi lain,") is no scope. (A scope no comma closes, "Di TPS rawan kami tempatkan
    empat polisi", is not found.)"""
    a, b = _sentence_around(text, start, end)
    m = _SCOPE_RE.match(text, a, b)
    if m is None or m.end() > start:
        return False
    phrase = m.group(1)
    places = places_in(phrase)
    head = raw_tokens(phrase)[:1]
    if not head or not (is_unit_noun(head[0]) or head[0] in UNIT_PREFIXES or (places and is_place_name(phrase))) \
            or unit_group(head[0]) == unit_group("hari") or _figures(phrase) or find_word_numbers(phrase) \
            or elections_in(phrase) or find_dates(phrase, years=True):
        return False  # "Untuk menjaga TPS ..." (a purpose), "Untuk 516 TPS di kota ini, ..." (a count)
    if places and all(own for _, own in places) and {p for p, _ in places} <= set(info.regions):
        return False  # "Di Kalimantan Barat," for a question about Kalbar
    asked = set(keyword_tokens(gloss_english(info.question) if info.language == "en" else info.question))
    scope = set(keyword_tokens(phrase)) - _PLACE_HEAD_STEMS
    return not scope <= asked


def _counted_by_a_qualifier(info: QuestionInfo, text: str, figure: tuple[int, int]) -> bool:
    """Does the figure count the kind the question narrows its noun to ("463.500 perempuan" in "953.978 pemilih,
    terdiri dari 490.478 laki-laki dan 463.500 perempuan" for "Berapa pemilih perempuan ...?")?"""
    noun = unit_after(text, figure[1])
    return bool(noun) and bool(set(keyword_tokens(noun)) & set(info.qualifiers))


def listed_noun(text: str, figure: tuple[int, int]) -> str | None:
    """The noun of a listing's figure written bare: a list writes its noun once ("Rinciannya, Polresta Tidore 65
    personel, Polres Halmahera Utara 45, ..." counts personnel throughout); None when the figure is no item of a
    list whose written nouns are all of one group."""
    items = listed_items(text, *_sentence_around(text, *figure))
    nouns = {i.noun: i.noun_word for i in items if i.noun_word}
    bare = any(i.figure_start == figure[0] and not i.noun_word for i in items)
    return next(iter(nouns.values())) if bare and len(items) >= 2 and len(nouns) == 1 and None not in nouns else None


def unit_before(text: str, start: int, end: int, unit: str | None) -> str | None:
    """The asked unit as the figure's own clause writes it before the figure ("Jumlah TPS di Kabupaten Konawe
    sebenarnya 466" -> "TPS"); none when the clause opens right after another figure, whose noun that is
    ("25 indikator ... delapan")."""
    asked = unit_group(unit)
    left, _ = clause_at(text, start, end)
    if asked is None or any(e == left for _, e in _counts(text, *_sentence_around(text, start, end))):
        return None
    words = _WORD_RE.findall(text[left:start])
    for word, following in zip(words, [*words[1:], ""]):
        for phrase in (f"{word} {following}", word):
            if unit_group(phrase.lower()) == asked:
                return phrase
    return None


@lru_cache(maxsize=256)
def _figures(text: str) -> tuple[float, ...]:
    """The figures ``text`` states outside its dates ("Pilkada 2024" states no figure); cached, as the question's
    are asked again for every candidate span."""
    return tuple(n.value for n in find_numbers(text) if not _inside_date(text, n.start, n.end))


def states_only_the_questions_figures(info: QuestionInfo, span: str) -> bool:
    """Are all of a span's figures ones the question itself gives ("Of the 7,200 personnel, how many ...?"
    is not answered "7.200")? A figure the asker already states is context, not the answer."""
    given = _figures(info.question)
    stated = _figures(span)
    return bool(given and stated) and all(any(same_number(v, g) for g in given) for v in stated)


_NEGATORS = "|".join(sorted(NEGATORS))
_NEGATION_RE = re.compile(rf"\b(?:{_NEGATORS})\b", re.I)
_ALL_RE = re.compile(r"\b(?:seluruh(?:nya)?|semua(?:nya)?|segenap|setiap|tiap|all|every|each|entire|whole)\b", re.I)
# a negator that bounds a figure ("tidak kurang dari") or leaves it out of a total ("belum termasuk") still states it
_NEGATED_FIGURE_RE = re.compile(
    rf"\b(?:{_NEGATORS})\b(?!\s+(?:kurang|lebih|melebihi|sampai|termasuk|menghitung|terhitung|dihitung|fewer|less|more"
    r"|include[sd]?|including|count(?:s|ed|ing)?)\b)", re.I)
# a relative clause or a measure word starts a description of a noun that the negated act does not reach
_NEGATION_SCOPE_END_RE = re.compile(
    r"\b(?:yang|which|who|sebesar|sebanyak|senilai|sejumlah|berjumlah|amounting|worth)\b", re.I)


def under_negation(info: QuestionInfo, text: str, start: int, end: int) -> bool:
    """Does the figure's clause negate it ("satu polisi tidak merangkap jaga dua TPS")? It then states no count of
    what is, unless the question asks in the negative too; a negator that bounds it ("tidak kurang dari 500") does
    not count, nor does one that leaves the figure out of a total ("belum menghitung 83 personel Brimob") or one
    whose reach ends before it, at a relative clause or a measure word ("tidak sanggup memberi ganti rugi sebesar
    116 juta")."""
    if info.negated:
        return False
    left, _ = clause_at(text, start, end)
    left = max([left, *(m.end() for m in _NEGATION_SCOPE_END_RE.finditer(text, left, start))])
    return bool(_NEGATED_FIGURE_RE.search(text, left, start))


# a rate's base: one, each or every of a counted noun ("satu TPS", "setiap TPS", "per TPS"; not "salah satu")
_RATE_BASE_RE = re.compile(
    r"(?<!salah )\b(?:satu|setiap|tiap|per|masing-masing|one|each|every)\s+([\w-]+)(?:\s+([\w-]+))?", re.I)


def _rate_bases(text: str) -> list[tuple[int, int | None]]:
    """Where ``text`` writes a rate's base, with the group of its noun (None: no counted noun follows)."""
    def group(m: re.Match[str]) -> int | None:  # two words first: "polling station"
        return next((g for w in (f"{m.group(1)} {m.group(2)}", m.group(1)) if (g := _noun_group(w)) is not None), None)

    return [(m.start(), group(m)) for m in _RATE_BASE_RE.finditer(text)]


def _noun_group(words: str) -> int | None:
    """The count-noun group of Indonesian or English words ("polisi", "polling station"; None: no counted noun)."""
    group = unit_group(words)
    return group if group is not None else next(
        (g for e in EN_TO_ID.get(words.lower(), ()) if (g := unit_group(e)) is not None), None)


@lru_cache(maxsize=64)
def asks_a_rate(question: str) -> bool:
    """Does the question ask how many per one of something ("How many officers guard each polling station?",
    "Berapa TPS yang diawasi satu personel?")?"""
    return any(group is not None for _, group in _rate_bases(question)) or \
        re.search(r"\b(?:setiap|tiap|per|masing-masing|each|every)\b", question, re.I) is not None


def in_a_rate(text: str, start: int, end: int) -> bool:
    """Is the figure at ``text[start:end]`` one side of a rate? Its clause also writes a base, one, each or every
    of another counted noun than its own: "satu personel dapat mengawasi hingga delapan TPS", "dua personel di
    setiap TPS", "satu TPS satu personel" (both sides). A staffing pattern tells how many per polling station,
    never how many there are."""
    own = unit_group(unit_after(text, end))
    if own is None:
        return False
    left, right = clause_at(text, start, end, across_figures=True)
    bases = _rate_bases(text[left:right])
    if any(left + at == start for at, _ in bases):  # the base itself: "satu personel" of "... hingga delapan TPS"
        return any(p != (start, end) and unit_group(unit_after(text, p[1])) not in (None, own)
                   for p in _counts(text, left, right))
    return any(group is not None and group != own for at, group in bases)


_YEAR_ASKED_RE = re.compile(r"\b(?:tahun berapa|what year|which year)\b", re.I)


def _names_an_election(text: str, start: int, end: int) -> bool:
    """Are the span's dates only years naming an election ("Pilkada Serentak 2024")? They say which election, not
    when something was done in it."""
    dates = find_dates(text[start:end], years=True)
    if not dates or any(d.month for d in dates):
        return False
    a, b = _sentence_around(text, start, end)
    elections = [(a + s, a + e) for s, e, _ in election_spans(text[a:b])]
    return all(any(s <= start + d.start and start + d.end <= e for s, e in elections) for d in dates)


# an election the question asks about itself: only words of asking, or of its holding or day, stand before it ("Kapan
# Pilkada 2024?", "When is the Pilkada?", "Kapan pelaksanaan Pilkada 2024?"); named anywhere else ("untuk Pilkada",
# "its Pilkada personnel", "TPS rawan Pilkada 2024") it is only the time of what is asked
_ELECTION_ASKED_RE = re.compile(
    r"^\s*(?:(?:kapan|kapankah|tanggal|tahun|bulan|pukul|jam|berapa|hari|apa|when|what|which|date|day|year|month|"
    r"time|in|on|at|is|was|will|would|does|did|be|the|akan|pelaksanaan|penyelenggaraan|jadwal|held)\s+)*$", re.I)
# words asking for the vote itself, whose date is the election's: "Kapan pemungutan suara Pemilu 2024?"
_VOTE_ASKED_RE = re.compile(r"\b(?:pemungutan suara|pencoblosan|coblos\w*|hari[- ]h|digelar|dilaksanakan|berlangsung|"
                            r"vote|voting|polling day|election day|held|take place|took place)\b", re.I)


# what may stand between an election's name and its date: "Pemilu, 14 Februari", "Pilkada serentak, Rabu (27/11)"
_ELECTION_TO_ITS_DATE_RE = re.compile(
    r"\s*(?:(?:akan|telah|sudah)\s+)?(?:(?:digelar|dilaksanakan|diselenggarakan|berlangsung|jatuh)\s+)?(?:pada|,)?\s*"
    rf"(?:(?:{'|'.join(sorted(WEEKDAY_ALIASES))})\s*,?\s*)?", re.I)


def dates_the_election_only(info: QuestionInfo, text: str, start: int, end: int) -> bool:
    """Is the date at ``text[start:end]`` the date of an election its sentence names ("TPS Pemilu 14 Februari
    2024", "Pilkada serentak 2024 pada 27 November") while the question names that election only as the time of
    something else ("Kapan Polda Sulteng melepas personel untuk Pilkada?", "... extended after the 2024 election
    vote?") or names none ("Kapan personel BKO ditarik?")? Then it dates the election, not what is asked. A question
    about the vote itself ("Kapan pemungutan suara Pemilu 2024?", "Kapan Pilkada 2024 digelar?") keeps it."""
    asked = election_spans(info.question)  # a question naming none asks no election's date either
    if any(_ELECTION_ASKED_RE.match(info.question[:a]) for a, _, _ in asked):
        return False
    rest = info.question  # the question without its elections, and a vote word right after one ("election vote")
    for a, b, _ in reversed(asked):
        after = _VOTE_ASKED_RE.match(rest, b + 1) if rest[b : b + 1] == " " else None
        rest = rest[:a] + rest[after.end() if after else b :]
    return not _VOTE_ASKED_RE.search(rest) and dates_an_election(text, start, end)


def dates_an_election(text: str, start: int, end: int) -> bool:
    """Does its sentence write the date at ``text[start:end]`` as an election's ("TPS Pemilu 14 Februari 2024",
    "Pilkada serentak, Rabu (27/11/2024)", "Pilkada serentak akan digelar pada 27 November 2024")?"""
    a, b = _sentence_around(text, start, end)
    end = start + len(text[start:end].rstrip(" .,;"))  # "14 Februari 2024." ends its sentence
    for s, e, kind in election_spans(text[a:b]):
        s, e = a + s, a + e
        if (s <= start and end <= e or 0 <= start - e <= 40 and _ELECTION_TO_ITS_DATE_RE.fullmatch(text[e:start])) \
                and _on_polling_day(text[start:end], kind):
            return True
    return False


def _on_polling_day(span: str, kind: Election | None) -> bool:
    """Does the date ``span`` agree with the polling day of the election ``kind`` (any, when unknown) on every field
    it states? "logistik pemilu pada Jumat (9/2/2024)" dates the sailing, not the Pemilu of 14 February."""
    days = ELECTION_DAYS.get(kind, ()) if kind else [d for held in ELECTION_DAYS.values() for d in held]
    stated = find_dates(span, years=True)
    return not stated or any((m.year in (None, d.year)) and (m.month in (None, d.month)) and (m.day in (None, d.day))
                             for m in stated[:1] for d in days)


# the base of a comparison: "Dibanding November 2023, inflasi tahunan tercatat 1,55 persen" is November 2024's rate
_COMPARED_WITH_RE = re.compile(r"\b(?:dibanding(?:kan)?|ketimbang|daripada|than|compared\s+(?:with|to)|versus|vs\.?)"
                               r"(?:\s+(?:dengan|pada|saat|in|on|at))?\s+(?:the\s+)?$", re.I)


def dated_otherwise(info: QuestionInfo, text: str, start: int, end: int) -> bool:
    """Does the span's own sentence date itself to months the question does not ask about? "Saat pendaftaran ...
    pada 27-29 Agustus 2024, Polda Kalsel mengerahkan 585 personel" tells of August, not of the "25 November 2024"
    asked, though its article is November's (``period_compatible`` judges windows by their article's date). A
    year is compared when both give one; the base of a comparison ("Dibanding November 2023, ...") is not the
    sentence's time; a sentence that states no month is left to ``period_compatible``."""
    asked = [d for d in info.dates if d.month is not None]
    if not asked:
        return False
    a, b = _sentence_around(text, start, end)
    sentence = text[a:b]
    stated = [d for d in find_dates(sentence) if d.month is not None
              and not _COMPARED_WITH_RE.search(sentence[max(0, d.start - 30) : d.start])]
    return bool(stated) and not any(same_month(s, q) for s in stated for q in asked)


def same_month(a: DateMention, b: DateMention) -> bool:
    """The same month, of the same year when both dates give one (one test for windows and sentences alike)."""
    return a.month == b.month and (a.year is None or b.year is None or a.year == b.year)


def fits_type(info: QuestionInfo, text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` the kind of thing ``info`` asks for? (The one rule between reader and answer.)"""
    span = text[start:end]
    kind = info.answer_type
    if kind is not AnswerType.DATE and dated_otherwise(info, text, start, end):
        return False
    if kind in (AnswerType.NUMBER, AnswerType.MONEY):
        if states_only_the_questions_figures(info, span) or under_negation(info, text, start, end):
            return False
        if kind is AnswerType.MONEY:
            around = text[max(0, start - 4) : end + 12].lower()
            has_number = bool(find_numbers(span) or find_word_numbers(span))
            return has_number and bool(re.search(r"rp|rupiah|juta|miliar|milyar|triliun|ribu", around))
        figures = _unit_fitting_numbers(info, text, start, end)
        if not asks_a_rate(info.question):  # "dua personel di setiap TPS" is no count of personnel
            figures = [p for p in figures if not in_a_rate(text, *p)]
        return bool(figures) and not scoped_to_another(info, text, start, end)
    if kind is AnswerType.DATE:
        if asks_time(info.question):
            return bool(find_times(span))
        if _names_an_election(text, start, end) and not _YEAR_ASKED_RE.search(info.question):
            return False
        return bool(find_dates(span, years=True) or find_times(span) or day_phrases(span)
                    or (year_phrase(span) is not None and not _counted_after(text, end))) and \
            not counted_from_the_asked_event(info, text, start, end) and \
            not dates_the_election_only(info, text, start, end)
    if kind is AnswerType.REASON and _opens_with_a_count(span):
        return False  # "1.209 TPS" is no reason; a cause holding a count opens with its cause word
    restated = (restates_the_subject(info, span) or spells_out_the_asked(info, text, end)) and \
        not (info.rank and rank_of(span))  # a rank asked of a name
    if restated or not of_the_asked_kind(info, span) or not names_the_defined_term(
            info, text, start, end) or not spells_the_asked_acronym(info, span):
        return False
    if asked_extreme(info.question) and not ranks_what_it_lists(text, start, end):
        return False  # "Which polres received the most?" is not answered by the first of an uncounted list
    if kind in (AnswerType.PERSON, AnswerType.PLACE, AnswerType.ENTITY) and negates_what_is_asked(info.question) \
            and not _NEGATING_RE.search(text, *_sentence_around(text, start, end)):
        return False  # "Polres mana yang tidak mendapat ...?" is not answered from the list of those that did
    if kind is AnswerType.PERSON and (not holds_the_asked_post(info, text, start) or _counted_before(text, start)
                                      or names_no_one(info, span)):
        return False
    if kind in (AnswerType.PERSON, AnswerType.PLACE):
        words = _WORD_RE.findall(span)
        named = [w for w in words if w[:1].isupper() and not w.isdigit()  # "3.327 TPS" is a count and "Pasukan
                 and not is_unit_noun(w) and not elections_in(w)]  # pengamanan Pilkada" an election, no one's name
        if kind is AnswerType.PERSON and (is_place_name(span) or is_place_name(span.title())):  # a dateline's
            return False  # "KENDARI" is nobody
        return bool(named) and not find_dates(span) and all(w.lower() not in WEEKDAY_ALIASES for w in named)
    return bool(span.strip())


# "Tiga hari sebelum pencoblosan Pilkada 2024, ...": the sentence dates its own news from an event
_COUNTED_FROM_RE = re.compile(
    r"\b[\w-]+\s+(?:hari|minggu|pekan|bulan|days?|weeks?|months?)\s+(?:sebelum|jelang|menjelang|setelah|sesudah|usai|"
    r"before|after)\s+[^,;]+", re.I)


@lru_cache(maxsize=64)
def _asked_stems(question: str, language: str) -> frozenset[str]:
    """Every stem of the question's terms and their glossary equivalents (cached: each candidate asks again)."""
    return frozenset().union(*question_groups(question, language))


def counted_from_the_asked_event(info: QuestionInfo, text: str, start: int, end: int) -> bool:
    """Is the date ``text[start:end]`` one its sentence counts from an event the question asks about ("Tiga hari
    sebelum pencoblosan Pilkada 2024, Polda Kaltara mengecek ... (24/11/2024)" is three days before the polling day,
    not its date)? The question asks that event when more of its terms are in the phrase than in the rest of the
    sentence ("Pada Juli 2004, empat bulan sebelum terjadi gempa bumi, LIPI membuat selebaran ..." dates the
    leaflet asked about). A date inside the phrase ("Lima hari sebelum pencoblosan Pilkada 27 November 2024") is
    the event's own."""
    a, b = _sentence_around(text, start, end)
    asked = _asked_stems(info.question, info.language)
    for m in _COUNTED_FROM_RE.finditer(text, a, b):
        if m.start() <= start < m.end():
            continue
        in_phrase = asked.intersection(keyword_tokens(m.group(0)))
        rest = (text[a : m.start()] + " " + text[m.end() : b]).replace(text[start:end], " ")  # the date itself aside
        elsewhere = asked.intersection(keyword_tokens(rest))
        if len(in_phrase) > len(elsewhere):  # the question asks the event counted from, not the sentence's own
            return True
    return False


def names_the_defined_term(info: QuestionInfo, text: str, start: int, end: int) -> bool:
    """A definition question ("Apa itu komunikasi intrapersonal?") is answered only from a sentence that names its
    term: the sentence defining *interpersonal* communication, or another pattern than the one asked, does not.
    A term's first word, its head noun, may be left out ("Muhajirin adalah ..." defines "kaum Muhajirin"), and a
    word may be spelled one letter apart ("homeostatis" / "Homeostasis")."""
    term = defined_term(info.question)
    if term is None:
        return True
    a, b = _sentence_around(text, start, end)
    named = frozenset(w.lower() for w in re.findall(r"\w+", text[a:b]))
    words = [w.lower() for w in re.findall(r"\w+", term)]
    return all(w in named or spelled_alike(w, named) for w in words[1:] or words)


def _spells(acronym: str, words: Sequence[str]) -> bool:
    """Can ``words`` (lower case) spell ``acronym``? They give its letters in order, each word letters of itself from
    its first letter on ("Kepala Staf TNI Angkatan Darat" spells KASAD as Ka-S-A-D, "Ka" from "Kepala" as in
    "Kapolda"), or none: words before, between and after the spelling ones are allowed."""
    letters = acronym.lower()

    @cache  # each (letter, word) pair once: a long span of like-initialled words stays cheap
    def spelled(i: int, j: int) -> bool:  # letters[i:] from words[j:]
        if i == len(letters):
            return True
        if j == len(words):
            return False
        word, given = words[j], 0
        if word[0] == letters[i]:  # the letters this word can give: a subsequence from its first letter
            given = 1
            for char in word[1:]:
                if i + given < len(letters) and char == letters[i + given]:
                    given += 1
        return any(spelled(i + n, j + 1) for n in range(given, -1, -1))

    return spelled(0, 0)


def _letter_words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[^\W\d_]+", text)]


def spells_the_asked_acronym(info: QuestionInfo, span: str) -> bool:
    """Can the span spell the acronym the question asks to expand (``_spells``)? True when none is asked."""
    acronym = expanded_acronym(info.question)
    return acronym is None or _spells(acronym, _letter_words(span))


# the word before a position, with the spaces after it: where an acronym's expansion starts, a rank before a name
_WORD_BEFORE_RE = re.compile(r"(?<!\S)(\S+)[ ]+$")


def _expansion_start(text: str, start: int, end: int, acronym: str) -> int:
    """Where the expansion the span belongs to starts, when the span stops right before the acronym in brackets
    ("... bawah kendali operasi (BKO)": the reader's "kendali operasi" starts at "bawah"): the nearest word back
    from which the words up to the bracket spell it, opening with its first letter (the Schwartz-Hearst long form).
    ``start`` when the span is not before "(<acronym>)" or no such word is near."""
    if not re.match(rf"\s*\(\s*{re.escape(acronym)}\s*\)", text[end : end + len(acronym) + 6]):
        return start
    at = start
    for _ in range(len(acronym) + 5):
        if _spells(acronym, _letter_words(text[at:end])) and text[at].lower() == acronym[0].lower():
            return at
        m = _WORD_BEFORE_RE.search(text, max(0, at - 40), at)
        if m is None:
            return start
        at = m.start()
    return start


_COUNT_BEFORE_RE = re.compile(r"\d[\d.,]*\s+([\w-]+)\s+$")


def _counted_after(text: str, end: int) -> bool:
    """Does a noun Siaga counts follow ``end``? ("611 TPS" is a count, not the year 611.)"""
    return unit_group(unit_after(text, end)) is not None


def _counted_before(text: str, start: int) -> bool:
    """Do a figure and its count noun stand right before ``start``? ("225 personel Brimob dan Dalmas": the names
    say what kind the 225 are, not who.)"""
    m = _COUNT_BEFORE_RE.search(text, max(0, start - 40), start)
    return m is not None and is_unit_noun(m.group(1))


_NEGATING_RE = re.compile(rf"\b(?:{'|'.join(sorted(NEGATORS | {'kecuali', 'except'}))})\b", re.I)
_RANKING_RE = re.compile(r"\b(?:ter(?:banyak|besar|sedikit|kecil|tinggi|rendah)|paling|most|largest|biggest|highest|"
                         r"fewest|least|smallest|lowest)\b", re.I)


def ranks_what_it_lists(text: str, start: int, end: int) -> bool:
    """Can the sentence of the span at ``text[start:end]`` answer "which ... the most / the fewest"? Only if it states
    a figure to compare or a word that ranks ("terbanyak", "porsi terbesar"); a list of names alone ranks none."""
    a, b = _sentence_around(text, start, end)
    counts = _counts(text, a, b)
    named = [p for p in counts if (before := _NAME_BEFORE_RE.search(text, a, p[0]))
             and before[1].lower() in UNIT_PREFIXES]  # "Polres 50 Kota" is a name, not a figure to compare
    return len(counts) > len(named) or bool(_RANKING_RE.search(text, a, b))


def _opens_with_a_count(span: str) -> bool:
    """"1.319 prajurit TNI", "1.209 TPS": a figure first, then a noun Siaga counts. No who or why is answered so."""
    numbers = find_numbers(span)
    return bool(numbers) and numbers[0].start == 0 and unit_group(unit_after(span, numbers[0].end)) is not None


def names_no_one(info: QuestionInfo, span: str) -> bool:
    """Does a who-answer say how many ("1.319 prajurit TNI": a span opening with a count) or, for a question asking
    who holds a post, only which post ("Kapolda", "Kapolda Bali", "Pangdam IX/Udayana")? Neither says who. (A
    description holding a count further on, "dinasti bangsawan yang selama lebih dari 800 tahun ...", may.) A term
    ("BKO") says no one either."""
    if _opens_with_a_count(span):
        return True
    words = re.findall(r"[\w/-]+", span)
    if words and all(w.lower() in NOT_NAME_WORDS for w in words):
        return True  # "BKO", "TPS": a term, no one's name
    if not asked_posts(info.question):
        return False
    rest = " ".join(w for w in re.findall(r"[\w/-]+", span) if w.lower() not in POSTS)
    return not rest or is_place_name(rest) or restates_the_subject(info, rest)


def of_the_asked_kind(info: QuestionInfo, span: str) -> bool:
    """A place span that opens with its kind ("Kabupaten Serang") is of the kind the question asks for, if it
    asks one ("In which village ...?" is not answered with a regency); one opening with a post, a command, a count
    or a common noun is of none; a span naming no kind may be any. A command asked by its kind ("Polres mana?") is
    answered only by a span opening with a command word."""
    asked = asked_place_kinds(info.question)
    words = _WORD_RE.findall(span)
    first = words[0].lower() if words else ""
    if asked and words and (first in POSTS or {first, first.removeprefix("ma")} & INSTITUTION_PREFIXES
                            or _opens_with_a_count(span) or (words[0].islower() and first not in PLACE_KINDS)):
        return False  # "Kapolda Kepri", "(Ma)Polres Kepulauan Anambas", "26 kecamatan", "kapal perang KRI ...": a
    # post, a command or its headquarters, a count or a common noun names no island and no district
    if asked_command_kind(info.question) and not (len(words) >= 2 and words[0][:1].isupper()
                                                  and first in TERRITORIAL_COMMANDS):
        return False  # "Polres mana ...?" is answered with a named command, not "kabupaten dan kota" nor a count
    opening = PLACE_KINDS.get(first) if words else None
    return not asked or opening is None or opening in asked


# words that name an institution or area, not which one: with the asked names they only restate the subject
_SUBJECT_WORDS = INSTITUTION_PREFIXES | UNIT_PREFIXES | AREA_NOUNS | frozenset({"kepolisian", "daerah", "resor"})


@lru_cache(maxsize=64)
def _asked_regions(question: str) -> frozenset[str]:
    """The provinces a question names (cached: every candidate span of an answer asks again)."""
    return frozenset(region for region, _, _ in regions_in(question))


def restates_the_subject(info: QuestionInfo, span: str) -> bool:
    """Does a name span only say what the question already names ("Kepolisian Daerah Sumatra Barat" for a
    question about Polda Sumbar)? Its words are all the asked provinces (in any of their names), the asked
    names' words and institution words: the reader pointed at the subject, not at an answer."""
    asked = _asked_regions(info.question)
    rest = span
    for region, a, b in reversed(regions_in(span)):
        if region in asked:
            rest = rest[:a] + " " + rest[b:]
    named = {w.lower() for name in info.names for w in _WORD_RE.findall(name)}
    words = [w.lower() for w in _WORD_RE.findall(rest)]
    restated = rest != span or any(w in named for w in words)
    return restated and all(w in named or w in _SUBJECT_WORDS for w in words)


_BRACKETED_AFTER_RE = re.compile(r"\s*\(([^()]{2,20})\)")
_ASKS_A_LONG_FORM_RE = re.compile(r"\b(?:kepanjangan|singkatan|stands?\s+for|short\s+for)\b", re.I)


def spells_out_the_asked(info: QuestionInfo, text: str, end: int) -> bool:
    """Is the span ending at ``end`` the long form of a short name the question asks about, the one the article
    brackets after it ("Divisi Profesi dan Pengamanan (Propam)" for "What sanctions did Propam prepare ...?",
    "kendali operasi (BKO)" for "Apa tugas personel BKO ...?")? It names the subject, it answers nothing; unless the
    question asks what the short name stands for ("Apa kepanjangan Propam?": a syllable acronym too)."""
    m = _BRACKETED_AFTER_RE.match(text, end)
    if m is None or _ASKS_A_LONG_FORM_RE.search(info.question):
        return False
    return m.group(1).strip().lower() in {w.lower() for w in _WORD_RE.findall(info.question)}


# an abbreviation in brackets restates the words before it ("911 personel bawah kendali operasi (BKO)"): matched
# first, as one piece, so that it breaks no clause
_CLAUSE_BREAK_RE = re.compile(
    r"(?-i:\([A-Z][\w.-]*\))|[,;:](?!\d)|[()]|\b(?:dan|serta|sedangkan|sementara|and|while)\b", re.I)


def _clause_breaks(text: str, a: int, b: int) -> list[re.Match[str]]:
    """The clause breaks of ``text[a:b]``, a bracketed abbreviation aside."""
    return [m for m in _CLAUSE_BREAK_RE.finditer(text, a, b) if len(m.group(0)) == 1 or not m.group(0).endswith(")")]


_LABEL_WORDS = 4  # at most this many words before a colon make a label ("Sangat rawan: 90 TPS"), not a clause


def _is_label(text: str) -> bool:
    """Is ``text`` (a sentence's words before its first colon) a label: a few words and no figure?"""
    words = _WORD_RE.findall(text)
    return 0 < len(words) <= _LABEL_WORDS and not any(ch.isdigit() for ch in text)


def clause_at(text: str, start: int, end: int, *, across_figures: bool = False) -> tuple[int, int]:
    """The clause of its sentence that holds ``text[start:end]``: between the commas, semicolons, brackets (not
    an abbreviation's: "(BKO)") or "dan"/"serta" around it ("161 TPS masuk kategori sangat rawan" of "Dari 17.626
    TPS itu, 161 TPS masuk kategori sangat rawan, 794 TPS rawan, dan 16.671 TPS tidak rawan."), and, unless
    ``across_figures``, between the figures on either side ("dari 6.210 TPS tersebut terdapat" | "61 TPS kategori
    sangat rawan")."""
    a, b = _sentence_around(text, start, end)
    breaks = _clause_breaks(text, a, start)
    left = max((m.end() for m in breaks), default=a)
    if breaks and breaks[0].group(0) == ":" and _is_label(text[a : breaks[0].start()]) and \
            not any(m.group(0) != ":" for m in breaks):
        left = a  # a line's label names its figures: "TPS khusus: 15 TPS, pola 2-2-1" counts special stations
    right = next((m.start() for m in _clause_breaks(text, min(max(end, start), b), b)), b)
    if across_figures:
        return left, right
    figures = _counts(text, a, b)
    left = max([left, *(e for _, e in figures if e <= start)])
    return left, min([right, *(s for s, _ in figures if s >= end)])


def _stem_meets(asked: str, word: str) -> bool:
    """Stems of one word with and without an affix the stemmer treats differently ("kategor", "kategori")."""
    return asked == word or (min(len(asked), len(word)) >= 5 and (asked.startswith(word) or word.startswith(asked)))


def qualifier_fit(info: QuestionInfo, text: str, start: int, end: int) -> tuple[int, int]:
    """(qualifiers stated, other words) of the clause of the figure at ``text[start:end]``.

    The first is how many of the question's qualifiers (``QuestionInfo.qualifiers``) the clause states, none
    when it negates what the question does not ("TPS tidak rawan"); the second counts its other words
    (numbers and count nouns aside), so "794 TPS rawan" fits "TPS rawan" more closely than "161 TPS masuk
    kategori sangat rawan" does.
    """
    if not info.qualifiers:
        return 0, 0
    words = set(keyword_tokens(text[slice(*clause_at(text, start, end))]))
    if words & NEGATORS and not info.negated and not NEGATORS.intersection(info.qualifiers):
        return 0, len(words)
    stated = sum(any(_stem_meets(q, w) for w in words) for q in dict.fromkeys(info.qualifiers))
    other = [w for w in words if not w[0].isdigit() and unit_group(w) is None
             and not any(_stem_meets(q, w) for q in info.qualifiers)]
    return stated, len(other)


def total_of_parts(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The total the figure at ``text[start:end]`` is one part of, or None: it is one of a run of two or more
    consecutive figures of its sentence (outside dates; no money, no percentages; the total aside) that add up
    exactly to a figure stated in the same sentence or the one before ("... menurunkan 900 personel. Jumlah itu
    terdiri dari 800 personel Polresta Denpasar dan 100 personel BKO dari Polda Bali."; "1.000 personel, terdiri
    dari 935 anggota dan 65 perwira, ... di 13 kabupaten/kota")."""
    spans, at = _sentence_spans(text), _sentence_index(text, start)
    if at is None:
        return None
    figures = {p: first_number(text[p[0] : p[1]]) for p in _counts(text, *spans[at], money=False)
               if "%" not in text[p[0] : p[1]]}
    if (start, end) not in figures:
        return None
    before = {p: first_number(text[p[0] : p[1]]) for p in (_counts(text, *spans[at - 1], money=False) if at else ())}
    for total, value in [*figures.items(), *before.items()]:
        others = [(p, v) for p, v in figures.items() if p != total]
        runs = [dict(others[i:j]) for i in range(len(others)) for j in range(i + 2, len(others) + 1)]
        if value is not None and any((start, end) in run and None not in run.values()
                                     and same_number(sum(run.values()), value) for run in runs):
            return total
    return None


def _cited_at(e: Evidence, start: int, end: int) -> Evidence | None:
    """``e`` or, for a span outside its window, the span's own sentence when it lies in ``e``'s chunk (a citation
    stays inside its chunk); None otherwise."""
    if e.start <= start < e.end:
        return e
    a, b = _sentence_around(e.article.text, start, end)
    low, high = e.chunk_bounds or (e.start, e.end)
    return replace(e, start=a, end=b, sentences=((a, b),)) if low <= a < b <= high else None


def one_amount(info: QuestionInfo, text: str, start: int, end: int) -> tuple[int, int]:
    """A money span giving several amounts ("Rp898,57 miliar dan untuk TNI sekitar Rp377,62 miliar, atau total
    sekitar Rp1,27 triliun") answers with one: the first whose clause writes an asked name, else the first. A
    range is one amount."""
    if info.answer_type is not AnswerType.MONEY or states_a_range(text[start:end]):
        return start, end
    amounts = [(start + n.start, start + n.end) for n in find_numbers(text[start:end]) if n.is_money]
    if len(amounts) < 2:
        return start, end
    return next((p for p in amounts if _names_written(info, text, *p)), amounts[0])


def _names_written(info: QuestionInfo, text: str, start: int, end: int) -> set[str]:
    """The question's names the clause of the figure at ``text[start:end]`` writes in full, every word of them."""
    clause = set(raw_tokens(text[slice(*clause_at(text, start, end))]))
    return {name for name in info.names if set(raw_tokens(name)) <= clause}


def whole_or_share(info: QuestionInfo, e: Evidence, start: int, end: int) -> tuple[Evidence, int, int]:
    """A count that is one part of a total its chunk states answers as the total (cited where the total is): news
    gives the total, then its breakdown, and the reader tends to pick a part. The part stays when its clause names
    what the question names and the total is someone else's (the total's clause names another unit, or names none
    and its article's title does not name the asked one: "Polresta Yogyakarta 184 personel" of Polda DIY's 933),
    when it states more of the question's qualifiers ("161 TPS masuk kategori sangat rawan" of "Dari 17.626 TPS
    itu"), when the question gives the total itself ("How many of the 7,200 personnel ...?"), when the total counts
    another noun, and for a side of a sum or difference, which asks a part. A whole question about the total's own
    unit keeps the total: "Wakapolresta Denpasar ... menurunkan 900 personel. Jumlah itu terdiri dari 800 personel
    Polresta Denpasar dan 100 personel BKO" answers "How many personnel did Polresta Denpasar deploy?" with 900.
    Conversely, for a side, a total whose breakdown writes an asked name its own clause does not answers as that
    name's share ("246 personel. Jumlah itu terdiri dari 203 personel Polres Tanjab Barat dan 43 personel BKO", the
    Polres Tanjab Barat side of a sum: 203), and so does a province's total for a city or regency the question asks
    ("3.327 TPS di Kepri. Rinciannya, Kota Batam 1.821 TPS, ..." for "Berapa TPS di Batam?": 1.821)."""
    text = e.article.text
    own = _unit_fitting_numbers(info, text, start, end) if info.answer_type is AnswerType.NUMBER else []
    if len(own) != 1:
        return e, start, end
    total = total_of_parts(text, *own[0])
    if total is None and (info.side or _of_the_province_only(info, text, own[0])):
        return _share(info, e, own[0]) or (e, start, end)  # a side, or a city asked of its province's total
    if total is None and not info.side:
        total = broken_down_from(info, text, *own[0])
    if info.side or total is None:
        return e, start, end
    english = info.language == "en"
    clause = frozenset(raw_tokens(text[slice(*clause_at(text, *own[0]))]))
    whose = frozenset(raw_tokens(text[slice(*clause_at(text, *total))]))  # whom the total's clause names, else
    if not whose & (INSTITUTION_PREFIXES | POSTS):  # its article's subject ("... melibatkan 246 personel")
        whose |= frozenset(raw_tokens(e.article.title))
    if states_only_the_questions_figures(info, text[slice(*total)]) or \
            not units_compatible(info.unit, unit_after(text, total[1])) or \
            qualifier_fit(info, text, *own[0])[0] > qualifier_fit(info, text, *total)[0] or \
            any(mentions(e.article, name, clause, english=english)
                and not mentions(e.article, name, whose, english=english)  # the part is the asked name's,
                for name in info.names):  # the total someone else's
        return e, start, end
    where = _cited_at(e, *total)
    return (where, *total) if where is not None else (e, start, end)


# words that open a breakdown of a total stated before them: "kekuatan itu terbagi atas ...", "Kapolda merinci, ..."
_BREAKDOWN_RE = re.compile(r"\b(?:terdiri\s+(?:atas|dari)|terbagi\s+(?:atas|dalam|menjadi|ke)|rinciannya|merinci|"
                           r"dengan\s+rincian|meliputi)\b", re.I)


def broken_down_from(info: QuestionInfo, text: str, start: int, end: int) -> tuple[int, int] | None:
    """The total the figure at ``text[start:end]`` is an item of when its sentence opens a breakdown before it
    ("menerjunkan 2.349 personel. ... kekuatan itu terbagi atas 1.162 personel ..., 493 personel ..., serta 469
    personel ..."), though the items need not add up (news leaves some out): the nearest larger figure of the
    same noun before the cue, in its sentence or the one before. None unless the total's clause states more of
    the question's terms than the item's: "... yang di-BKO-kan ke polres untuk pengamanan TPS?" asks the item."""
    spans, at = _sentence_spans(text), _sentence_index(text, start)
    cue = None if at is None else next(reversed(list(_BREAKDOWN_RE.finditer(text, spans[at][0], start))), None)
    group, value = unit_group(unit_after(text, end)), first_number(text[start:end])
    if at is None or cue is None or group is None or value is None:
        return None
    before = _counts(text, spans[at][0], cue.start(), money=False) or (
        _counts(text, *spans[at - 1], money=False) if at else ())
    larger = [p for p in before if unit_group(unit_after(text, p[1])) == group
              and (first_number(text[p[0] : p[1]]) or 0) > value]
    if not larger:
        return None
    terms = question_groups(info.question, info.language)

    def told(figure: tuple[int, int]) -> int:
        words = set(keyword_tokens(text[slice(*clause_at(text, *figure))]))
        return sum(1 for g in terms if g & words)

    return larger[-1] if told(larger[-1]) > told((start, end)) else None


def _of_the_province_only(info: QuestionInfo, text: str, figure: tuple[int, int]) -> bool:
    """Is the figure's clause said of the province of a city or regency the question asks, and of no place
    within it ("Secara keseluruhan terdapat 3.327 TPS di Kepri." for "Berapa TPS di Batam?")?"""
    part = provinces_asked_in_part(info)
    return bool(part) and only_the_whole(part, text[slice(*clause_at(text, *figure))])


def _share(info: QuestionInfo, e: Evidence, total: tuple[int, int]) -> tuple[Evidence, int, int] | None:
    """The one part of the breakdown of ``total`` (in its sentence or the next) whose clause writes an asked name
    the total's clause does not, cited where it is; None when no part or several do."""
    text = e.article.text
    spans, at = _sentence_spans(text), _sentence_index(text, total[0])
    if at is None or not info.names:
        return None
    parts = [p for s in spans[at : at + 2] for p in _counts(text, *s, money=False)
             if p != total and total_of_parts(text, *p) == total]
    named = _names_written(info, text, *total)
    sharing = [p for p in parts if _names_written(info, text, *p) - named]
    where = _cited_at(e, *sharing[0]) if len(sharing) == 1 else None
    return (where, *sharing[0]) if where is not None else None


# a quote closed, then its tag: '... baru berakhir 18 Februari 2024," kata Kabid Humas ..., Sabtu (17/2/2024).'
_QUOTE_TAG_RE = re.compile(r"[\"”]\s*,?\s*(?:" + "|".join(sorted(QUOTE_TAGS)) + r")(?:nya)?\b", re.I)


def date_said_not_saying(info: QuestionInfo, text: str, start: int, end: int) -> tuple[int, int]:
    """The date a quote states, not the date it was said: for "Sampai kapan BKO Polda Lampung diperpanjang?" the
    reader took "(17/2/2024)" from '"... baru berakhir 18 Februari 2024," kata Kabid Humas ..., Sabtu (17/2/2024)'.
    A date span after a quote's tag moves to the one date the quote itself states; otherwise (no date quoted, or
    the question asks when something was said) ``(start, end)`` is kept: then the date of saying may be the answer."""
    if info.answer_type is not AnswerType.DATE or set(raw_tokens(info.question)) & (SAYING_VERBS | QUOTE_TAGS):
        return start, end
    a, _ = _sentence_around(text, start, end)
    tags = list(_QUOTE_TAG_RE.finditer(text, a, start))
    if not tags:
        return start, end
    quoted = find_dates(text[a : tags[-1].start()])
    return (a + quoted[0].start, a + quoted[0].end) if len(quoted) == 1 else (start, end)


# a cause or purpose word, not pointing back ("karena itu", "oleh karena itu" tell a consequence of what came before)
_CAUSE_RE = re.compile(r"(?<!\boleh )\b(?:" + "|".join(w.replace(" ", r"\s+") for w in CAUSE_WORDS)
                       + r")\b(?!\s+(?:itu|tersebut)\b)", re.I)


def _cause_clauses(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The clauses cause words open in the sentence ``text[a:b]``: to its end, or, for a cause opening the sentence
    ("Karena letak pulau-pulau yang saling berjauhan, hampir di semua lokasi ..."), to the first comma."""
    out = []
    for m in _CAUSE_RE.finditer(text, a, b):
        fronted = not text[a : m.start()].strip(" \"'“‘(")
        comma = text.find(",", m.end(), b) if fronted else -1
        end = comma if comma >= 0 else b
        while end > m.end() and text[end - 1] in " .!?;:\"'”’":
            end -= 1
        out.append((m.start(), end))
    return out


def stated_cause(info: QuestionInfo, e: Evidence, start: int, end: int) -> tuple[Evidence, int, int]:
    """A why-question is answered by the cause its article states, not by the fragment the reader took from the
    sentence telling what is asked about ("2024" of "... masuk kategori rawan pada Pemilu 2024 karena letaknya yang
    terpencil"): the span becomes the clause a cause or purpose word opens in its sentence (the one holding the
    span or after it, else the last), or, when the sentence states none, in the next sentence of its paragraph
    ("... 23 pemda yang belum menandatangani NPHD ... Semuanya berada di Aceh, karena Panitia Pengawas ..."), cited
    there. With no cause in either the span stays as read."""
    if info.answer_type is not AnswerType.REASON:
        return e, start, end
    text = e.article.text
    a, b = _sentence_around(text, start, end)
    clauses = _cause_clauses(text, a, b)
    if clauses:
        return (e, *next((c for c in clauses if c[1] > start), clauses[-1]))
    at = _sentence_index(text, start)
    spans = _sentence_spans(text)
    if at is None or at + 1 >= len(spans) or "\n" in text[b : spans[at + 1][0]]:
        return e, start, end
    clauses = _cause_clauses(text, *spans[at + 1])
    where = _cited_at(e, *clauses[0]) if clauses else None
    return (where, *clauses[0]) if where is not None else (e, start, end)


def figure_of_the_asked_noun(info: QuestionInfo, text: str, start: int, end: int) -> tuple[int, int]:
    """The reader finds the sentence but may take the figure of its other noun: "Kali ini Bawaslu memakai delapan
    variabel dan 25 indikator" for "Berapa indikator ...?" gave "delapan". When every figure of a count span counts
    another known noun, the span moves to the figure listed with it that counts the asked noun (``_coordinated``),
    stated with every qualifier asked; otherwise ``(start, end)`` is kept (a figure of a noun Siaga does not know
    vetoes nothing, as in ``fits_type``)."""
    asked = unit_group(info.unit)
    own = _counts(text, start, end)
    if info.answer_type is not AnswerType.NUMBER or asked is None or not own or \
            any(unit_group(unit_after(text, p[1])) in (asked, None) for p in own):
        return start, end
    every = len(set(info.qualifiers))
    targets = [p for p in _counts(text, *_sentence_around(text, start, end))
               if unit_group(unit_after(text, p[1])) == asked and qualifier_fit(info, text, *p)[0] == every
               and any(_coordinated(text, q, p) for q in own)]
    return targets[0] if len(targets) == 1 else (start, end)


_COORDINATION_RE = re.compile(r"\s*(?:[\w/-]+\s*){1,3}?(?:,\s*(?:dan|serta|and)?|dan|serta|and)\s*", re.I)


def _coordinated(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Are two figures counts listed together: the first, its noun, then "dan", "serta" or a comma, then the
    second ("delapan variabel dan 25 indikator")? A figure elsewhere in the sentence ("mengirim 662 personel ...
    ke sembilan kabupaten") is another fact, and the reader's score for one says nothing of the other."""
    first, second = sorted((a, b))
    return bool(_COORDINATION_RE.fullmatch(text, first[1], second[0]))


def figure_before_the_noun(info: QuestionInfo, text: str, start: int, end: int) -> tuple[int, int]:
    """The reader may name what the counted noun is rather than count it: for "Berapa jumlah personel gabungan di
    Kalteng?" it took "TNI-Polri" from "pelepasan 7.200 personel gabungan TNI-Polri". A span without a figure that
    follows a figure, the asked noun and nothing but the question's qualifiers ("7.200 personel gabungan") moves
    to that figure; otherwise ``(start, end)`` is kept."""
    asked = unit_group(info.unit)
    if info.answer_type is not AnswerType.NUMBER or asked is None or _counts(text, start, end):
        return start, end
    a, _ = _sentence_around(text, start, end)
    before = [p for p in _counts(text, a, start) if p[1] <= start]
    if not before:
        return start, end
    words = _WORD_RE.findall(text[before[-1][1] : start])
    nouns = [w for w in words if unit_group(w.lower()) == asked]
    rest = [w for w in words if unit_group(w.lower()) != asked]
    stems = [s for w in rest for s in keyword_tokens(w)]
    if nouns and len(rest) == len(stems) and all(any(_stem_meets(q, s) for q in info.qualifiers) for s in stems):
        return before[-1]
    return start, end


def listed_count(info: QuestionInfo, text: str, start: int, end: int) -> tuple[int, int]:
    """The figure the question asks for among those its sentence lists for the same noun.

    The reader finds the right sentence and the right kind of figure more reliably than the right one of
    several ("161 TPS sangat rawan, 794 TPS rawan, dan 16.671 TPS tidak rawan"): when another count of the
    asked noun in the sentence has a clause that states more of the question's qualifiers, or as many with
    fewer other words ("59 TPS rawan" before "11.788 TPS kurang rawan" for "TPS rawan"), that count is the
    answer. Otherwise ``(start, end)`` is kept.
    """
    if info.answer_type is not AnswerType.NUMBER or not info.qualifiers:
        return start, end
    a, b = _sentence_around(text, start, end)
    own = _unit_fitting_numbers(info, text, start, end)
    if not own:
        return start, end
    listed = [p for p in _counts(text, a, b) if units_compatible(info.unit, unit_after(text, p[1]))]
    stated = {p: qualifier_fit(info, text, *p) for p in listed}
    if not stated:
        return start, end
    best = min(stated, key=lambda p: (-stated[p][0], stated[p][1], p))  # most qualifiers, fewest other words
    mine = qualifier_fit(info, text, *own[0])
    if stated[best][0] == 0 or (-stated[best][0], stated[best][1]) >= (-mine[0], mine[1]):
        return start, end
    return best


_ITEM_BREAK_RE = re.compile(r"[,;][\"”’]?(?=\s)|\b(?:dan|serta|and)\b")
_CAPITALISED_RE = re.compile(r"[A-Z][\w'’.-]*(?:[ ]+[A-Z][\w'’.-]*)*")
_FIRST_WORD_RE = re.compile(r"\W*\w+")


@dataclass(frozen=True)
class ListedItem:
    """One item of a listing sentence: a name and the one figure its item gives it ("Polres Bantul 150 personel")."""

    start: int  # the name's offsets in the article's text
    end: int
    value: float
    noun_word: str | None  # the noun written after the figure (None: a bare figure)
    stated_end: int  # where the name's figure and noun end, when written right after the name, else ``end``
    figure_start: int
    figure_end: int

    @property
    def noun(self) -> int | None:
        """The group of the noun the figure counts (``rag.glossary.unit_group``)."""
        return unit_group(self.noun_word)


@lru_cache(maxsize=256)
def listed_items(text: str, a: int, b: int) -> tuple[ListedItem, ...]:
    """The items of the sentence ``text[a:b]`` (between commas, semicolons, "dan"/"serta") that pair a name with
    exactly one figure outside a date: "Kelurahan Bentiring (dua TPS)", "Polresta Sleman mendapat 164 personel",
    or with the name after the figure when none stands before it ("tiga TPS di Dusun Dongi-dongi"; the last
    there, as a word naming the figure's noun comes first: "123 personel (BKO) dari Polda Bali"). The
    sentence's capitalised first word is no name ("Rinciannya 902 personel ..."). Cached: every candidate span of
    the sentence asks again."""
    cuts = [a, *(m.start() for m in _ITEM_BREAK_RE.finditer(text, a, b)), b]
    first_word = _FIRST_WORD_RE.match(text, a)
    items = []
    for left, right in itertools.pairwise(cuts):
        figures = _counts(text, left, right)
        if len(figures) != 1:
            continue
        (figure_start, figure_end), = figures
        names = [m for m in _CAPITALISED_RE.finditer(text, left, right) if not is_unit_noun(m.group(0))
                 and not (first_word and m.start() < first_word.end() and " " not in m.group(0))]
        before = [m for m in names if m.end() <= figure_start]
        after = [m for m in names if m.start() >= figure_end]
        name = before[-1] if before else after[-1] if after else None
        if name is None:
            continue
        noun = unit_after(text, figure_end)
        stated = rf"\s*\(?{re.escape(text[figure_start:figure_end])}\s+{re.escape(noun or '')}\)?"
        written = re.compile(stated).match(text, name.end()) if noun and before else None
        name_end = name.end() - name.group(0).endswith(".")  # the sentence's full stop is not the name's
        items.append(ListedItem(name.start(), name_end, first_number(text[figure_start:figure_end]) or 0.0,
                                noun, written.end() if written else name_end, figure_start, figure_end))
    return tuple(items)


def _one_measure(items: Sequence[ListedItem]) -> bool:
    """At least two items whose figures count the same known noun: a list of one measure. A bare figure counts
    the noun the list writes once ("Polresta Tidore 65 personel, Polres Halmahera Utara 63, ...")."""
    written = {item.noun for item in items if item.noun_word}
    return len(items) >= 2 and len(written) == 1 and None not in written


def listed_for_the_name(info: QuestionInfo, text: str, start: int, end: int) -> tuple[int, int]:
    """For a count asked of one name ("Berapa personel BKO ke Polres Natuna?"): the figure a listing sentence gives
    that name, when the reader's figure is another item of the same list ("... Polresta Barelang sebanyak 686
    personel, ..., Polres Natuna 30 personel, ..."). Only when exactly one item's name is a name the question asks
    about, or failing that exactly one ends with such a name's last word; otherwise ``(start, end)`` is kept."""
    if info.answer_type is not AnswerType.NUMBER or not info.names:
        return start, end
    items = listed_items(text, *_sentence_around(text, start, end))
    if not _one_measure(items) or not any(i.figure_start < end and start < i.figure_end for i in items):
        return start, end
    asked = {name.lower() for name in info.names}
    named = [i for i in items if text[i.start : i.end].lower() in asked]  # the name as asked ("Brimob") first
    if not named:
        proper = {name.split()[-1].lower() for name in info.names}
        named = [i for i in items if text[i.start : i.end].split()[-1].lower() in proper]
    return (named[0].figure_start, named[0].figure_end) if len(named) == 1 else (start, end)


def listed_extreme(info: QuestionInfo, text: str, start: int, end: int) -> tuple[int, int]:
    """For "which ... the most / the fewest?": the listed name whose figure is largest (smallest).

    The reader points at a name in a list ("Polresta Sleman mendapat 164 personel, Polres Bantul 150 personel, ...
    dan Polres Gunungkidul 371 personel") but cannot compare its figures. When the span is one of at least two
    listed names whose figures count the same noun, the answer is the extreme item, with its figure where the
    article writes it right after the name ("Kelurahan Rawa Makmur (tiga TPS)"). A tie keeps ``(start, end)``.
    """
    direction = asked_extreme(info.question)
    if not direction or info.answer_type not in (AnswerType.PERSON, AnswerType.PLACE, AnswerType.ENTITY):
        return start, end
    items = listed_items(text, *_sentence_around(text, start, end))
    if not _one_measure(items) or not any(i.start < end and start < i.end for i in items):
        return start, end
    extreme = max(direction * item.value for item in items)
    chosen = [item for item in items if direction * item.value == extreme]
    return (chosen[0].start, chosen[0].stated_end) if len(chosen) == 1 else (start, end)


_NAME_WORD_RE = re.compile(r"[ ]+([A-Z][\w'’.-]*)")
_NAME_BEFORE_RE = re.compile(r"(?<![\w'’.-])([A-Z][\w'’-]*)[ ]+$")


def _sentence_start(text: str, position: int) -> int:
    """Where the sentence holding ``position`` begins (0 when the splitter places it nowhere)."""
    return next((a for a, b in _sentence_spans(text) if a <= position < b), 0)


def _name_start(text: str, start: int) -> int:
    """``start`` moved left over the capitalised words just before it ("Polda Bali" cut from "jajaran Polairud
    Polda Bali" is "Polairud Polda Bali"), but never onto a sentence's first word, whose capital says nothing,
    nor onto a post ("Kepala Dinas Kehutanan": the head's post is no part of the office's name)."""
    if not text[start : start + 1].isupper():
        return start
    first_word = _sentence_start(text, start)
    while ((m := _NAME_BEFORE_RE.search(text, max(first_word, start - 40), start)) and m.start(1) > first_word
           and m.group(1).lower() not in POSTS):
        start = m.start(1)
    return start


def post_before(text: str, start: int) -> tuple[str, int] | None:
    """The post heading the title written right before a person ("Kapolda Sultra Irjen Pol Dwi Irianto" ->
    kapolda; "Karo Ops Polda Sultra Kombes Pol ..." -> karo), the nearest one, and where it is written; None when
    no post is written there."""
    first_word, at = _sentence_start(text, start), start
    for _ in range(6):
        m = _NAME_BEFORE_RE.search(text, max(first_word, at - 40), at)
        if m is None or m.start(1) < first_word:
            return None
        at = m.start(1)
        if m.group(1).lower() in POSTS:
            return same_post(m.group(1)), at
    return None


def holds_the_asked_post(info: QuestionInfo, text: str, start: int) -> bool:
    """False when the question asks a post and the person at ``start`` is written with another one before their
    name ("Siapa Wakapolda Sultra?" is not "Kapolda Sultra Irjen Pol Dwi Irianto"), or with a title naming a
    province the question does not ("Who is the Sleman police chief?" is not "Kapolda DIY Irjen Pol ...") while
    sharing no word with the question's names, or when an institution stands where the person would ("Kepolisian
    Resor (Polres) Cilegon" holds no post). No post written: True."""
    asked = asked_posts(info.question)
    opening = re.match(r"[\w-]+", text[start:])
    if asked and opening and opening.group(0).lower() in INSTITUTION_WORDS:
        return False  # a post is held by a person: "Kepolisian Resor (Polres) Cilegon" holds none
    found = post_before(text, start) if asked else None
    if found is None:
        return True
    post, at = found
    title = text[at:start]
    provinces = {region for region, _, _ in regions_in(title)}
    named = {w.lower() for name in info.names for w in _WORD_RE.findall(name)} - POSTS - _SUBJECT_WORDS
    elsewhere = bool(provinces) and not provinces & _asked_regions(info.question) and \
        not named & {w.lower() for w in _WORD_RE.findall(title)}
    return post in asked and not (named and elsewhere)


def _is_rank(word: str, *, qualifier: bool = False) -> bool:
    """A capitalised rank ("Kombes", "Mayjen"), or with ``qualifier`` also a word that follows one ("Pol", "TNI")."""
    lower = word.strip(".,()").lower()
    return word[:1].isupper() and (lower in RANKS or (qualifier and lower in RANK_QUALIFIERS))


def rank_of(name: str) -> tuple[str, str] | None:
    """A person's rank and the rest of their name, as written ("Irjen Pol Abdul Karim" -> ("Irjen Pol", "Abdul
    Karim"); "Kapolda Kepri Inspektur Jenderal Polisi Yan Fitri" -> ("Inspektur Jenderal Polisi", "Yan Fitri")),
    or None when no rank is written."""
    words = name.split()
    first = next((i for i, w in enumerate(words) if _is_rank(w)), None)
    if first is None:
        return None
    last = first + 1
    while last < len(words) - 1 and _is_rank(words[last], qualifier=True):
        last += 1
    return " ".join(words[first:last]), " ".join(words[last:])


def _person_start(text: str, start: int, end: int) -> int:
    """A person's rank belongs to a who-answer, the post before it does not: the span starts at the rank in
    it ("Pattimura Mayjen TNI Syafrial" -> "Mayjen TNI Syafrial") or runs back over the rank right before it
    ("Pol Baktiar ..." -> "Kombes Pol Baktiar ...", "Eko ..." -> "AKBP Eko ...")."""
    words = list(re.finditer(r"\S+", text[start:end]))
    rank = next((m for m in words[:-1] if _is_rank(m.group(0))), None)
    start += rank.start() if rank else 0
    first_word, back = _sentence_start(text, start), start
    while (m := _WORD_BEFORE_RE.search(text, max(first_word, back - 40), back)) and \
            _is_rank(m.group(1), qualifier=True):
        back = m.start(1)
        start = back if _is_rank(m.group(1)) else start  # "Panglima TNI Jenderal TNI Agus": not from the post's "TNI"
    return start


_NAME_ENDS_BEFORE = frozenset("di ke dari pada dalam saat untuk bersama selaku sebagai kepada".split())


def _person_end(text: str, start: int, end: int) -> int:
    """A person's name ends at its last word holding a capital ("Halimansyah merinci" -> "Halimansyah";
    "al-Ikhshid" stays): what follows is the sentence going on (other names may be written in sentence case). A
    ranked name ends before a preposition too: "Kombes Pol Baktiar Joko Mujiono di Lapangan Maulana Yudha Negara" is
    a name and a place ("Maria Luisa dari Parma", with no rank, stays whole)."""
    words = list(re.finditer(r"\S+", text[start:end]))
    ranked = bool(words) and _is_rank(words[0].group(0))  # an officer's name holds no preposition; "dari Parma" may
    cut = next((i for i, m in enumerate(words) if ranked and i and m.group(0) in _NAME_ENDS_BEFORE), len(words))
    capitalised = [m for m in words[:cut] if any(ch.isupper() for ch in m.group(0))]
    return start + capitalised[-1].end() if capitalised else end


_CAPITALISED_AFTER_RE = re.compile(r"(?:\s+[A-Z][\w'’.-]*)*")


def fuller_name(text: str, window: tuple[int, int], start: int, end: int) -> tuple[int, int] | None:
    """A person called by one name ("Adhe") written in full with a rank elsewhere in the same window
    ("Kombes Pol Adhe Hariadi"): where that mention is, or None (the span has a rank, is long, or no such mention)."""
    name = text[start:end].strip()
    words = name.split()
    if not name or len(words) > 2 or _is_rank(words[0]) or not all(w[:1].isupper() for w in words):
        return None
    for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text[window[0] : window[1]]):
        at, to = window[0] + m.start(), window[0] + m.end()
        first = _person_start(text, at, to)
        if first < at:  # a rank runs before this mention
            return first, to + _CAPITALISED_AFTER_RE.match(text, to).end() - to
    return None


def introduced_in_full(best: Candidate, pool: Sequence[Evidence]) -> tuple[str, Evidence] | None:
    """The full, ranked mention of a person the answer names by one name, and the sentence that introduces them,
    from the retrieved windows of the same article (news gives the rank and full name once, then one name)."""
    text = best.evidence.article.text
    for e in sorted((e for e in pool if e.article.id == best.evidence.article.id), key=lambda e: e.start):
        found = fuller_name(text, (e.start, e.end), best.start, best.end)
        if found is not None:
            return text[found[0] : found[1]], e.sentence_at(found[0])
    return None


# a numbered list's item that opens with a figure: "4. 36.236 TPS mengalami kendala jaringan internet;"
_LIST_MARKER_RE = re.compile(r"[ \t]*(\d{1,2})[.)][ \t]+(\d[\d.,]*\d|\d)(?![\w/-])")


# what separates a list's items: a comma (with or without "dan"), "dan", "serta", "and"
_ITEM_SEPARATOR_RE = re.compile(r",\s*(?:(?:dan|serta|and)\s+)?|\s+(?:dan|serta|and)\s+")
_LIST_OPENERS = frozenset("yakni yaitu adalah meliputi termasuk antara lain yang including namely which".split())
_LIST_OPENER_RE = re.compile(r"\b(?:yakni|yaitu|antara lain|meliputi|namely|including)\s+", re.I)
_LIST_PREPOSITIONS = frozenset("di ke dari pada untuk dengan sebagai in at from to for with".split())
_LIST_ITEM_WORDS = 8  # an item longer than this is a clause, not a name in a list ("KRI Teluk Wondama dari ...")


def _item_words(item: str) -> list[str]:
    return [w.rstrip(".") for w in re.findall(r"[\w'’()./-]+", item) if w.rstrip(".")]


def _list_lead(words: list[str], ends: Callable[[str], bool]) -> list[str]:
    """The words of an item up to what ends the list; a figure right after a capitalised word is part of a name
    ("Korem 163/Wirasatya", "KRI Teluk Wondama 527")."""
    out: list[str] = []
    for word in words:
        if ends(word) and not (out and out[-1][:1].isupper() and word[:1].isdigit() and not is_verb_shaped(word)):
            break
        out.append(word)
    return out


def _ends_the_list(word: str, figures: bool = False) -> bool:
    """A verb or a list opener: no part of a listed name ("dikategorikan", "yakni"); a capitalised word never is.
    Unless the name holds a figure (``figures``), a figure is none either: "10.708 personel di Kodam IX" is no
    name of a list of names."""
    return (word.islower() and (is_verb_shaped(word) or word in _LIST_OPENERS)) or (
        not figures and (any(ch.isdigit() for ch in word) or bool(find_word_numbers(word))))


def _whole_list(text: str, start: int, end: int, limit: int) -> tuple[int, int]:
    """A name the reader found in a list ("KRI Semarang" of "yakni KRI Semarang dari Komando Armada I, KRI Makassar
    ..., dan KRI Banda Aceh ...") widened to the whole list, within its sentence, when the question asks for all of
    them. An item holding a verb or an opener keeps only its words on the list's side of it, from its first
    capitalised word on the left ("Tim ini beranggotakan personel Biro Paminal" gives "Biro Paminal"; "dan Kota
    Padang Panjang dikategorikan rawan" gives "Kota Padang Panjang"), and ends the list; a name that does not open
    its own item ("yakni KRI Semarang", "laporan dari Satuan Intelkam") starts the list. Rightwards, an item opening
    in another case than the name, or with a day or a date ("Kota Banjarbaru, Senin"), ends it; the last item ends
    before a preposition ("dan Serasan di ujung utara Indonesia"). A count ("1.796 TPS") is no name to widen, and
    commas with no "dan" / "serta" after them are an address, no list ("Lapangan Mapolda Kalsel, Kota Banjarbaru")."""
    opener = _LIST_OPENER_RE.search(text, start, end)  # "memastikan netralitas anggota, yakni preemtif, ...":
    if opener and _ITEM_SEPARATOR_RE.search(text, opener.end(), limit):  # the list is what the opener opens
        start = opener.end()
    if text[start : start + 1].isdigit():
        return start, end  # "1.796 TPS" is a count, no name of a list
    capital = text[start : start + 1].isupper()  # a list of names lists names: its items open as the name does
    first = _sentence_start(text, start)
    figures = any(ch.isdigit() for ch in text[start:end])  # "Boeing 737": a name may hold a figure
    ends = functools.partial(_ends_the_list, figures=figures)
    cuts = [(m.start(), m.end()) for m in _ITEM_SEPARATOR_RE.finditer(text, first, limit)]
    bounds = [first, *(x for cut in cuts for x in cut), limit]
    items = [(bounds[k], bounds[k + 1]) for k in range(0, len(bounds), 2)]
    at = [k for k, (a, b) in enumerate(items) if a <= start < b or a < end <= b]
    if not at:
        return start, end
    a, b, added = start, end, 0
    own = _item_words(text[start : items[at[-1]][1]])  # the name's own item, from the name on, is a list's item:
    closed = len(own) > _LIST_ITEM_WORDS or any(ends(w) for w in _item_words(text[end : items[at[-1]][1]]))
    # short, and no verb after the name ("... Padang Panjang dikategorikan rawan" ends the list there)
    for k in range(at[-1] + 1, len(items)) if not closed else ():  # rightwards
        words = _item_words(text[slice(*items[k])])
        lead = _list_lead(words, ends)
        if not lead or len(lead) > _LIST_ITEM_WORDS or lead[0][:1].isupper() is not capital or \
                lead[0].lower() in WEEKDAY_ALIASES or find_dates(" ".join(lead)):  # "Kota Banjarbaru, Senin"
            break
        named = list(itertools.takewhile(lambda w: w not in _LIST_PREPOSITIONS, lead))  # "dan Serasan di ujung
        if not named:  # utara Indonesia": the name ends before "di"; an item opening with one is none
            break
        b = text.index(named[-1], items[k][0]) + len(named[-1])
        added += 1
        if len(lead) < len(words):
            break
    opened = bool(_item_words(text[items[at[0]][0] : start]))  # "yakni KRI Semarang", "laporan dari Satuan ...":
    for k in range(at[0] - 1, -1, -1) if not opened else ():  # leftwards, only from a name opening its item
        words = _item_words(text[slice(*items[k])])
        tail = list(itertools.takewhile(lambda w: not ends(w), reversed(words)))[::-1]
        if len(tail) < len(words):  # the list's first item: from its first capital ("personel Biro Paminal")
            tail = list(itertools.dropwhile(lambda w: not w[:1].isupper(), tail))
        if not tail or len(tail) > _LIST_ITEM_WORDS:
            break
        a = text.rindex(tail[0], items[k][0], items[k][1])
        added += 1
        if len(tail) < len(words):
            break
    joined = any(re.search(r"\b(?:dan|serta|and)\b", text[x:y]) for x, y in cuts if x >= a) or \
        not text[max(b, end) : limit].strip(" .;")  # an enumeration ends with "dan" or runs to its line's end;
    return (a, max(b, end)) if added and joined else (start, end)  # an address does not


def _line_start(text: str, at: int) -> int:
    return text.rfind("\n", 0, at) + 1


def widen(info: QuestionInfo, text: str, start: int, end: int, limit: int) -> tuple[int, int]:
    """The reader's span made whole, within ``[.., limit)`` (the end of its sentence).

    A hyphen joining a prefix ("Ke-902") is left out; a number or date the span cuts ("(10/2", "1.04") is taken
    whole; a name the span cuts after its first words ("Irjen Pol Hadi") runs on while capitalised words follow (a
    place or entity does not: what follows it is often a person or another name, "Departemen Luar Negeri AS Sean
    McCormack"), and a place or entity cut before its first words ("Polda Bali" of "Polairud Polda Bali") runs back
    while capitalised words precede; a how-many span holding several figures ("720 personel ... ke 13 polres") is
    cut to the first figure whose noun fits; a figure asked for is never a numbered list's item number.
    """
    while start < end - 1 and start and text[start] == "-" and text[start - 1].isalnum():
        start += 1  # "Ke-902 personel": the hyphen joins a prefix to the figure, it is no minus sign
    if info.answer_type in (AnswerType.NUMBER, AnswerType.MONEY) and \
            (marked := _LIST_MARKER_RE.match(text, _line_start(text, start))) and \
            marked.start(1) <= start < marked.start(2):  # (the sentence splitter may end a sentence at "4.")
        start, end = marked.start(2), max(end, marked.end(2))  # "4. 36.236 TPS ...": the item's number is no
        limit = max(limit, end)  # count, the figure after it is
    window_start = max(0, start - 40)
    window = text[window_start : min(limit, end + 40)]
    mentions = [(window_start + d.start, window_start + d.end) for d in find_dates(window, years=True)]
    mentions += [(window_start + n.start, window_start + n.end) for n in find_numbers(window)]
    for a, b in mentions:
        if a < end and start < b and (a < start or b > end) and b <= limit:
            start, end = min(start, a), max(end, b)
    kind = info.answer_type
    if kind is AnswerType.DATE and asks_time(info.question) and not find_times(text[start:end]):
        after = find_times(text[end:limit])  # "(25/11/2024) pukul 08.00 Wita": the hour asked comes after the date
        end = end + after[0][1] if after and after[0][0] <= 12 else end
    if kind is AnswerType.PERSON:
        start = _person_start(text, start, end)  # back to the rank, which tells where the name may end
        end = _person_end(text, start, end)
        while end < limit and (m := _NAME_WORD_RE.match(text, end, limit)) and m.end() - start < 80:
            end = m.end()
    elif kind in (AnswerType.PLACE, AnswerType.ENTITY):  # (not a person: the post before a name is no part of it)
        start = _name_start(text, start)
        if (acronym := expanded_acronym(info.question)) is not None:
            start = _expansion_start(text, start, end, acronym)
    elif kind is AnswerType.NUMBER and not states_a_range(text[max(0, start - 8):end]):
        fitting = _unit_fitting_numbers(info, text, start, end)
        if fitting and (len(find_numbers(text[start:end])) + len(find_word_numbers(text[start:end]))) > 1:
            start, end = fitting[0]
    if kind in (AnswerType.PLACE, AnswerType.ENTITY, AnswerType.PERSON) and asks_list(info.question):
        start, end = _whole_list(text, start, end, limit)  # "Sebutkan ...": the whole list the name stands in
    return _bracketed(text, start, end, limit)


def _bracketed(text: str, start: int, end: int, limit: int) -> tuple[int, int]:
    """The span without half a bracket: a "(" it opens runs on to its ")" within the sentence (else the span ends
    before it), and a lone "(" or ")" at its edge is dropped ("71)" -> "71", "(1890" -> "1890")."""
    a, b = start, end
    if text.startswith("(", a) and ")" not in text[a:b]:
        a += 1
    if text[a:b].endswith(")") and "(" not in text[a:b]:
        b -= 1
    opened = text.rfind("(", a, b)
    if opened >= 0 and text.find(")", opened, b) < 0:
        close = text.find(")", b, limit)
        b = close + 1 if close >= 0 else len(text[:opened].rstrip())
    return (a, b) if b > a else (start, end)


def text_fits(info: QuestionInfo, text: str) -> bool:
    """Does an answer's first line state the kind of thing asked? (Checks any answerer's prose, e.g. an LLM's.)

    The first line, without [n] markers, must hold somewhere a span that ``fits_type`` accepts: a number
    with a fitting unit for how-many, a date for when, a name for who and where.
    """
    if info.answer_type in (AnswerType.ENTITY, AnswerType.REASON, AnswerType.YES_NO) or info.multi_part:
        return True
    line = re.sub(r"\[\d+\]", " ", text.strip().split("\n", 1)[0])
    if info.answer_type in (AnswerType.NUMBER, AnswerType.MONEY):
        spans = [(n.start, n.end) for n in find_numbers(line)] + [(w.start, w.end) for w in find_word_numbers(line)]
    elif info.answer_type is AnswerType.DATE:
        spans = [(d.start, d.end) for d in find_dates(line, years=True)] + find_times(line)
        spans += day_phrases(line)
    else:
        spans = [(m.start(), m.end()) for m in re.finditer(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*", line)]
    return any(fits_type(info, line, a, b) for a, b in spans)


# --- constraints the question states -------------------------------------------------------------------


def _article_words(article: Article) -> frozenset[str]:
    return frozenset(raw_tokens(f"{article.title}\n{article.text}"))


_TRAILING_NUMERAL_RE = re.compile(r"(?:\s+[IVXLC]+)+$")  # a regnal or ordinal numeral ending a name: "Alfonso VI"


@lru_cache(maxsize=256)
def _provinces_written(text: str) -> frozenset[str]:
    """The provinces a text writes, each by a whole name of its own: "Maluku Utara" is not Maluku, "Kepulauan
    Riau" not Riau (cached: every name of every question is looked up in the same retrieved articles)."""
    return frozenset(province for province, _, _ in regions_in(text))


def mentions(article: Article, name: str, words: frozenset[str] | None = None, *, english: bool = False) -> bool:
    """Does the article mention ``name``? A province it names counts in any of the province's names, written whole
    and not inside another province's ("Maluku" is not in "Polda Maluku Utara"); of the
    other words, the last (the name proper: "Tangerang", "Merdeka", "Soelistijono") must be there and at
    least half of all ("Karo Ops Kombes Soelistijono" as "Karo Ops Polda Bali Kombes Pol Soelistijono").
    English words meet their glossary equivalents ("Police Law" ~ "undang-undang kepolisian"), and a name
    from an ``english`` question its Indonesian spelling ("Iraq" ~ "Irak", ``siaga.text.spelled_alike``)."""
    words = words if words is not None else _article_words(article)
    rest = _TRAILING_NUMERAL_RE.sub("", name) or name  # "Yekaterina I": the name proper is "Yekaterina"
    for province, start, end in reversed(regions_in(name)):
        if not (article.region == province or province in _provinces_written(f"{article.title}\n{article.text}")):
            return False
        rest = rest[:start] + " " + rest[end:]
    tokens = raw_tokens(rest)
    if not tokens:
        return True

    def found(token: str) -> bool:  # a command also by its long form: "Kepolisian Daerah" for "Polda"
        return (token in words or any(set(raw_tokens(e)) <= words for e in EN_TO_ID.get(token, ()))
                or (token in COMMAND_LONG_FORMS and set(COMMAND_LONG_FORMS[token].split()) <= words)
                or (english and spelled_alike(token, words)))

    hits = [found(t) for t in tokens]
    return hits[-1] and sum(hits) * 2 >= len(hits)


@lru_cache(maxsize=256)
def _command_pattern(name: str) -> re.Pattern[str] | None:
    """How an article writes the command ``name`` with its head and territory together (None: ``name`` is no
    police or military command). Built once per name: every article a question retrieves is tested with it."""
    head, _, territory = name.strip().partition(" ")
    if head.lower() not in TERRITORIAL_COMMANDS or not territory.strip():
        return None
    regions = regions_in(territory)
    whole = len(regions) == 1 and regions[0][1] == 0 and regions[0][2] >= len(territory.strip())
    options = [territory.strip(), *(province_names(regions[0][0]) if whole else ())]
    heads = [re.escape(head)]
    if head.lower() in COMMAND_LONG_FORMS:  # written out: "Kepolisian Daerah Bali"
        heads.append(r"\s+".join(COMMAND_LONG_FORMS[head.lower()].split()))
    if head.lower().startswith("ko"):  # an army command is written by its head's post too: Pangdam, Danrem, Dandim
        heads.append(rf"(?:pang|dan){re.escape(head[2:])}")
    # after a unit number ("Pangdam XV/Pattimura"); its words may hold a bracketed abbreviation ("Polres Tanjung
    # Jabung (Tanjab) Barat")
    territories = "|".join(r"\s+(?:\(\w[\w.-]*\)\s+)?".join(map(re.escape, o.split())) for o in options)
    return re.compile(rf"\w*(?:{'|'.join(heads)})\w*\)?\s+(?:[IVXL\d]+/)?(?:{territories})\b", re.I)


def names_the_command(article: Article, name: str) -> bool:
    """For a police or military command ("Polres Lebak", "Polda Malut"): does the article write its head and
    territory together ("Polres Lebak", "Kapolres Lebak", "Kepolisian Resor (Polres) Lebak", "Polda Maluku
    Utara")? A name of another kind is not checked here (True)."""
    pattern = _command_pattern(name)
    return pattern is None or pattern.search(f"{article.title}\n{article.text}") is not None


def name_coverage(info: QuestionInfo, article: Article, words: frozenset[str] | None = None) -> float:
    """Share of the names the question is about that the article mentions (1.0 when it names none)."""
    if not info.names:
        return 1.0
    words = words if words is not None else _article_words(article)
    english = info.language == "en"
    return sum(mentions(article, name, words, english=english) and names_the_command(article, name)
               for name in info.names) / len(info.names)


def about_the_names(info: QuestionInfo, articles: Sequence[Article]) -> set[str]:
    """Ids of the articles that mention most of what the question names.

    The ones mentioning the most names are read, so a spelling the article does not share ("Karo Ops Kombes
    Soelistijono" for "Soelistijono") or a name of the other side of a two-article question costs nothing. An
    article about a place or a command writes its name, so none is read when the question names one ("Kodam
    XIII/Merdeka") and no article mentions any of its names, or when a name that is nothing but a place or a command
    is mentioned by none, whatever else they share ("TNI"). Of the others, the ones mentioning the most of the asked
    places and commands are read. People and organisations are written in part or by a pronoun ("Dr Wilson W Wenas"
    as "Wilson"), so otherwise the reader and the refusal cut decide.
    """
    words = {a.id: _article_words(a) for a in articles}  # each article tokenised once
    coverage = {a.id: name_coverage(info, a, words[a.id]) for a in articles}
    best = max(coverage.values(), default=0.0)
    if best == 0 and any(places_in(name) or _command_pattern(name) for name in info.names):
        return set()
    english = info.language == "en"
    written = [name for name in info.names if is_place_name(name) or _command_pattern(name)]
    placed = {a.id: {name for name in written if mentions(a, name, words[a.id], english=english)
                     and names_the_command(a, name)} for a in articles}
    if any(not any(name in placed[a.id] for a in articles) for name in written):
        return set()
    # the asked places and commands first: a story about Sulteng that names the operation asked is no story
    # about the operation in Sumbar; then the most names
    key = {i: (len(placed[i]), coverage[i]) for i in coverage}
    top = max(key.values(), default=(0, 0.0))
    return {i for i, k in key.items() if k == top}


def names_stated(info: QuestionInfo, e: Evidence) -> int:
    """How many of the question's names the sentence itself states: a rival figure must be about the same
    subject as the answer (Polda Banten's 1.092 at another parade is no rival to Polresta Tangerang's 1.048)."""
    words = frozenset(raw_tokens(e.text))
    return sum(mentions(e.article, name, words, english=info.language == "en") for name in info.names)


def _names_in_title(info: QuestionInfo, article: Article) -> int:
    """How many of the question's names the article's title states: a story is about what its title names."""
    words = frozenset(raw_tokens(article.title))
    return sum(mentions(article, name, words, english=info.language == "en") for name in info.names)


def provinces_asked_whole(info: QuestionInfo) -> frozenset[str]:
    """The provinces the question names as a whole: by a province name, and no city or regency within it
    ("di Lampung", not "di Bandar Lampung")."""
    within = {province for province, own in places_in(info.question) if not own}
    return frozenset(province for province in info.regions if province not in within)


_PROVINCE_BEFORE_RE = re.compile(rf"(?:\b(?:{'|'.join(sorted(PROVINCE_WORDS))})\.?(?:\s+of)?\s+|\bse-)$", re.I)
_PROVINCE_AFTER_RE = re.compile(r"\s+province\b", re.I)


def provinces_asked_by_kind(info: QuestionInfo) -> frozenset[str]:
    """The provinces the question names with a word saying province ("Provinsi Jambi", "se-Provinsi Jambi", "Jambi
    Province"): the word says the whole province is asked, so a count of a place inside it is no answer."""
    question = info.question
    return frozenset(province for province, start, end in regions_in(question)
                     if _PROVINCE_BEFORE_RE.search(question[max(0, start - 20) : start])
                     or _PROVINCE_AFTER_RE.match(question, end))


def provinces_asked_in_part(info: QuestionInfo) -> frozenset[str]:
    """The provinces of the cities and regencies the question names, when it names no province itself ("How many TPS
    are in Batam?" -> Kepulauan Riau; "Polda Bali ... Denpasar" names Bali itself: none)."""
    asked = places_in(info.question)
    return frozenset() if any(own for _, own in asked) else frozenset(p for p, _ in asked if p is not None)


def only_the_whole(provinces: frozenset[str], text: str) -> bool:
    """Does ``text`` name one of these provinces itself and no place within them ("3.327 TPS di Kepri")?"""
    named = [own for province, own in places_in(text) if province in provinces]
    return bool(named) and all(named)


def _titled_by_the_asked(info: QuestionInfo, c: Candidate) -> bool:
    """Does the candidate's story name a place the question asks in its title ("Polresta Sleman Siagakan ...")?"""
    asked = {name.lower() for name in place_names_in(info.question)}
    return bool(asked & {name.lower() for name in place_names_in(c.evidence.article.title)})


def _titled_by_the_whole(info: QuestionInfo, provinces: frozenset[str], c: Candidate) -> bool:
    """Is a sentence naming no place in a story titled by the province ("Kapolda DIY Geser 933 Personel ...") and not
    by the city or regency asked? "Rinciannya, 59 TPS rawan, ..." there is the province's count, not Sleman's, when
    a story about Sleman gives one (within one story, the reader's order stands)."""
    if places_in(c.sentence.text):
        return False
    return any(own and province in provinces for province, own in places_in(c.evidence.article.title)) and \
        not _titled_by_the_asked(info, c)


def of_the_whole(provinces: frozenset[str], e: Evidence) -> bool:
    """Is the sentence about these provinces as a whole? It is if it names one of them; not if it names only
    places within them ("Polresta Bandar Lampung") or local units the gazetteer does not list ("Polres X"); if it
    names neither, its article's title decides the same way (a story titled by a city is the city's), and a title
    naming neither is the province's."""
    for text in (e.text, e.article.title):
        named = [own for province, own in places_in(text) if province is None or province in provinces]
        if named:
            return any(named)
    return True


def evidence_elections(e: Evidence) -> list[Election]:
    """The elections a sentence is about: those it names, else those its article's title names."""
    return elections_in(e.text) or elections_in(e.article.title)


PERIOD_MONTHS = 3  # a sentence that names no date is about its article's time, give or take this many months


def _months(year: int, month: int) -> int:
    return year * 12 + month


def period_compatible(info: QuestionInfo, e: Evidence) -> bool:
    """False when the question names a month and the evidence is about another time.

    A sentence stating the asked month is about it; otherwise the article's publication date must lie
    within ``PERIOD_MONTHS`` of the asked month (a sentence comparing with "November 2023" in a
    November 2024 story is still about November 2024) ("And in Bali?" after a February 2024 question must not
    be answered from a November 2024 story).
    """
    asked = [d for d in info.dates if d.month is not None and d.year is not None]
    if not asked:
        return True
    stated = [d for d in find_dates(e.text) if d.month is not None and d.year is not None]
    if any(same_month(s, a) for s in stated for a in asked):  # both give a year here
        return True
    published = e.article.published
    if not published or len(published) < 7:
        return not stated
    pub = _months(int(published[:4]), int(published[5:7]))
    return any(abs(pub - _months(a.year, a.month)) <= PERIOD_MONTHS for a in asked)  # type: ignore[arg-type]


def published_elections(article: Article) -> list[Election]:
    """The elections an article is about by its date alone: those polled within ``PERIOD_MONTHS`` of it
    (none for an undated article, or one published far from any polling day)."""
    try:
        day = dt.date.fromisoformat((article.published or "")[:10])
    except ValueError:
        return []
    return [Election(kind) for kind in elections_near(day, PERIOD_MONTHS)]


def _of_another_election(info: QuestionInfo, sentence: Evidence) -> bool:
    """Does the sentence itself name elections, none of them the one asked? Its window may name the asked one
    elsewhere ("Pada Pemilu ... 22 indikator." beside "Untuk pilkada ... 25 indikator.")."""
    named = elections_in(sentence.text)
    return bool(info.elections and named and not set(named) & set(info.elections))


def compatible(info: QuestionInfo, e: Evidence) -> bool:
    """False when the evidence is about another election or another time than the question names.

    A sentence and title that name no election are about the one polled near the article's date (a
    February 2024 story's TPS count is the Pemilu's, not the Pilkada's).
    """
    if info.elections:
        named = evidence_elections(e) or published_elections(e.article)
        if named and not set(named) & set(info.elections):
            return False
    return period_compatible(info, e)


# --- reading ------------------------------------------------------------------------------------------


_TIME_WORDS_RE = re.compile(r"\b(?:pukul|jam) berapa\b", re.I)


# a plain preposition before an election phrase: "pada Pemilu 2024", "in the 2024 election" ("jelang", "before" stay)
_ELECTION_PREPOSITION_RE = re.compile(r"\b(?:pada|saat|untuk|dalam|selama|di|in|for|during|at|of)\s+(?:the\s+)?$",
                                      re.I)


def without_election(question: str) -> str:
    """The question without an election phrase that follows a plain preposition or stands in brackets ("Siapa
    Kapolda Banten pada Pemilu 2024?" -> "Siapa Kapolda Banten?"), for passages that name no election: news
    sentences rarely restate it, the reader takes a question word missing from the passage as evidence of no
    answer, and the election is checked apart (``compatible``). An election that is the subject stays."""
    out = question
    for start, end, _ in reversed(election_spans(question)):
        before = out[:start]
        if (m := _ELECTION_PREPOSITION_RE.search(before)) is not None:
            out = before[: m.start()].rstrip() + out[end:]
        elif before.rstrip().endswith("(") and out[end:].lstrip().startswith(")"):
            out = before.rstrip()[:-1].rstrip() + out[end:].lstrip()[1:]
    if out == question:
        return question
    out = re.sub(r"\s+([?,.])", r"\1", " ".join(out.split()))
    return out if len(out.split()) > 1 else question


def as_asked_in_training(question: str) -> str:
    """A chat question worded as the reader's training questions ask: "berapa banyak X" as "berapa X"
    (``words_as_read``), and ending with a question mark (chat often leaves it off; the reader scored "3.679
    personel" 1.7 lower without) and with only one ("...??", "...?!" as "...?"). "berapa jumlah" stays: the reader
    was trained on it (``2026-12-05-the-reader-reads-berapa-jumlah-as-berapa``)."""
    worded = words_as_read(question.strip(), "id")
    return worded if _CLOSING_MARKS_RE.search(worded).group() == "?" else worded.rstrip(" .!?") + "?"


_CLOSING_MARKS_RE = re.compile(r"[?!.]*$")


def reader_questions(info: QuestionInfo, reading: EnglishReading = EnglishReading.GLOSSED,
                     passages: Sequence[str] = (), *, question: str | None = None) -> tuple[str, ...]:
    """What the reader is asked: the question itself (or ``question``, its wording for some passages:
    ``without_election``), or for English questions its gloss, or both, each worded as in training
    (``as_asked_in_training``). An Indonesian question for the hour is asked as "kapan" (its training data asks
    times so); ``widen`` adds the hour. The gloss writes its words as the ``passages`` do ("tps" -> "TPS"): the
    reader is cased."""
    question = as_asked_in_training(question or info.question)
    if info.language != "en":
        return (_TIME_WORDS_RE.sub("kapan", question) if asks_time(question) else question,)
    raw = question[:1].upper() + question[1:]  # "how many ...?" read as written English starts
    if reading is EnglishReading.RAW:
        return (raw,)
    glossed = as_asked_in_training(restore_case(gloss_english(question), passages))
    return (glossed,) if reading is EnglishReading.GLOSSED or glossed == raw else (glossed, raw)


def best_of_readings(readings: Sequence[list[list[SpanScore]]], null_weight: float,
                     n_best: int) -> list[list[SpanScore]]:
    """Per passage, the ``n_best`` spans over several readings of it, each span once with its best score.

    A span's score is the one the answerer ranks by (span score minus ``null_weight`` x no-answer score).
    """
    if len(readings) == 1:
        return list(readings[0])
    merged: list[list[SpanScore]] = []
    for spans in zip(*readings, strict=True):
        best: dict[tuple[int, int], SpanScore] = {}
        for span in (s for reading in spans for s in reading):
            kept = best.get((span.start, span.end))
            if kept is None or (span.score - null_weight * span.null_score
                                > kept.score - null_weight * kept.null_score):
                best[(span.start, span.end)] = span
        ranked = sorted(best.values(), key=lambda s: -(s.score - null_weight * s.null_score))
        merged.append(ranked[:n_best])
    return merged


def _within_sentence(text: str, start: int, end: int, sentence_end: int) -> int:
    """The end of a span that runs past its sentence's (or line's) end: cut there, without the terminator and
    space it took with it ("dua provinsi sekaligus. Upacara pembukaan ..." -> "dua provinsi sekaligus")."""
    line_end = text.find("\n", start, end)
    limit = min(sentence_end, line_end) if line_end >= 0 else sentence_end
    if end <= limit:
        return end
    while limit > start + 1 and text[limit - 1] in " .!?;":
        limit -= 1
    return limit


def read_candidates(reader: SpanReader, info: QuestionInfo, evidence: Sequence[Evidence], calibration: Calibration,
                    limits: EvidenceLimits) -> list[Candidate]:
    """Every span the reader proposes for the question over the evidence (one batched call), scored, best first.

    Every selected window is read. (A staged read, stopping after the first articles' windows when one span
    scored high, was removed: calibration's grid only ever held "never stop", so it was never used.)
    """
    if not evidence:
        return []  # nothing worth reading: the reader is not called
    passages = [to_passage(e, limits) for e in evidence]
    sentences = [p.text[p.allowed_start:p.allowed_end] for p in passages]
    spans: list[list[SpanScore]] = [[] for _ in passages]
    plain = without_election(info.question)  # when it differs, a passage naming an election is asked the
    for asked in dict.fromkeys((info.question, plain)):  # question as asked, the others without the election
        chosen = [i for i, text in enumerate(sentences) if plain == info.question or
                  bool(elections_in(text)) is (asked == info.question)]
        if not chosen:
            continue
        readings = [reader.read(q, [passages[i] for i in chosen], calibration.n_best)
                    for q in reader_questions(info, calibration.english_reading, [sentences[i] for i in chosen],
                                              question=asked)]
        for i, found in zip(chosen, best_of_readings(readings, calibration.null_weight, calibration.n_best),
                            strict=True):
            spans[i] = found
    named = {id(e): names_stated(info, e) / len(info.names) if info.names else 1.0 for e in evidence}
    out: list[Candidate] = []
    for e, passage, found in zip(evidence, passages, spans, strict=True):
        for span in found:
            if not span.text:
                continue
            a = e.start + span.start - passage.allowed_start
            b = e.start + span.end - passage.allowed_start
            sentence_end = e.sentence_at(a).end  # an answer is one sentence, the one cited: a span stops at its
            b = _within_sentence(e.article.text, a, b, sentence_end)  # sentence's end (and so its line's)
            a, b = widen(info, e.article.text, a, b, sentence_end)
            a, b = figure_of_the_asked_noun(info, e.article.text, a, b)
            a, b = figure_before_the_noun(info, e.article.text, a, b)
            a, b = date_said_not_saying(info, e.article.text, a, b)
            a, b = listed_count(info, e.article.text, a, b)
            a, b = listed_for_the_name(info, e.article.text, a, b)
            a, b = listed_extreme(info, e.article.text, a, b)
            a, b = one_amount(info, e.article.text, a, b)
            where, a, b = whole_or_share(info, e, a, b)
            where, a, b = stated_cause(info, where, a, b)
            reader_score = span.score - calibration.null_weight * span.null_score
            score = (reader_score + calibration.overlap_weight * e.overlap + calibration.rank_weight / e.rank
                     + calibration.name_weight * named[id(e)])
            out.append(Candidate(where, a, b, span.margin, score, fits_type(info, e.article.text, a, b)))
    return sorted(out, key=lambda c: -c.score)


def find_fact(reader: SpanReader, info: QuestionInfo, evidence: Sequence[Evidence], calibration: Calibration,
              limits: EvidenceLimits, exclude: set[tuple[tuple[str, int], str]] | None = None) -> Fact:
    """The best-supported span of the right type, and rival values other articles give nearly as strongly."""
    considered = read_candidates(reader, info, evidence, calibration, limits)
    fact = Fact(considered=considered)
    usable = [c for c in considered if compatible(info, c.evidence) and c.key not in (exclude or set())
              and not _of_another_election(info, c.sentence)]
    fitting = [c for c in usable if c.fits]
    part = provinces_asked_in_part(info)
    if part:  # a city or regency asked: a sentence about its province as a whole answers another question
        fitting = [c for c in fitting if not only_the_whole(part, c.sentence.text)]
        if any(_titled_by_the_asked(info, c) for c in fitting):  # a story about the asked place is there: a
            fitting = [c for c in fitting if not _titled_by_the_whole(info, part, c)]  # province's story is not it
    whole_by_kind = provinces_asked_by_kind(info) if info.answer_type is AnswerType.NUMBER else frozenset()
    if whole_by_kind:  # "di Provinsi Jambi": a count of Kota Jambi or a regency answers another question
        fitting = [c for c in fitting if of_the_whole(whole_by_kind, c.sentence)]
    fact.misfit = next((c for c in usable if not c.fits and (  # "the closest they come" to a count is a figure
        _counts(c.evidence.article.text, c.start, c.end)  # outside a date ("Pemilu 2024" is no count) the question
        and not states_only_the_questions_figures(info, c.text)  # does not give nor negates; to a name, not the
        and not under_negation(info, c.evidence.article.text, c.start, c.end)  # question's own subject
        if info.answer_type in (AnswerType.NUMBER, AnswerType.MONEY)
        else not restates_the_subject(info, c.text) and not (  # a post or a count is no closest to a person,
            info.answer_type is AnswerType.PERSON and names_no_one(info, c.text)) and not (  # a count none to a place
            info.answer_type is AnswerType.PLACE and _opens_with_a_count(c.text)))), None)
    fact.support = max((c.score for c in fitting), default=None)
    if not fitting or fitting[0].score < calibration.cut(info.language):
        return fact
    whole = provinces_asked_whole(info)
    if whole:  # a province asked as a whole: of the figures that clear the cut, its own go before its cities'
        said = {id(c) for c in fitting if c.score >= calibration.cut(info.language) and of_the_whole(whole, c.sentence)}
        fitting = sorted(fitting, key=lambda c: id(c) not in said)  # stable: score order within each group
    matched: dict[int, int] = {}  # qualifiers stated, per figure weighed (clearing the cut or near the best)
    if info.qualifiers:  # of the figures that clear the cut or come within the conflict margin of the best, the
        # ones stated with the question's qualifiers go first: the BKO count just under the cut, not the total over it
        near = fitting[0].score - calibration.conflict_margin
        weighed = [c for c in fitting if c.score >= min(calibration.cut(info.language), near)]
        matched = {id(c): qualifier_fit(info, c.evidence.article.text, c.start, c.end)[0] for c in weighed}
        most = max(matched.values())
        fitting = [c for c in weighed if matched[id(c)] == most] + [c for c in fitting if matched.get(id(c)) != most]
    if info.answer_type is AnswerType.DATE:  # a date is the date of what its sentence tells: of the dates that
        terms = _event_terms(info)  # clear the cut, the ones whose sentence tells more of the question go first;
        told = {id(c): _tells_the_asked(terms, c) if terms else dates_an_election(c.evidence.article.text, c.start,
                                                                                  c.end)  # or asking only the
                for c in fitting if c.score >= calibration.cut(info.language)}  # election, the election's dates
        fitting = sorted(fitting, key=lambda c: -told.get(id(c), -1))
    kinds = asked_name_kind(info.question)
    if kinds:  # a name asked by its kind: of the spans that clear the cut, the ones opening with the kind go first
        opening = {id(c) for c in fitting
                   if c.score >= calibration.cut(info.language) and _opens_with_kind(c.text, kinds)}
        fitting = sorted(fitting, key=lambda c: id(c) not in opening)
    if info.names:  # when another article's figure is close enough to disagree, the one said of the asked subject leads
        first = fitting[0]
        close = [c for c in fitting if c is first or (
            c.evidence.article.id != first.evidence.article.id and matched.get(id(c), 0) == matched.get(id(first), 0)
            and c.score >= max(calibration.cut(info.language), first.score - calibration.conflict_margin))]
        lead = max(close, key=lambda c: (names_stated(info, c.sentence),  # then the story about them, then
                                         _names_in_title(info, c.evidence.article)))  # score order
        fitting = [lead, *(c for c in fitting if c is not lead)]
    best = fact.best = fitting[0]
    floor = max(calibration.cut(info.language), best.score - calibration.conflict_margin)
    seen_values = {best.value}
    seen_articles = {best.evidence.article.id}
    named = names_stated(info, best.sentence)
    for c in fitting[1:]:
        if c.score < floor or matched.get(id(c), 0) < matched.get(id(best), 0):  # a rival states as many
            continue
        if c.evidence.article.id not in seen_articles and not any(same_value(c.value, v) for v in seen_values) and \
                names_stated(info, c.sentence) >= named and (not whole or of_the_whole(whole, c.sentence)):
            fact.rivals.append(c)
            seen_values.add(c.value)
            seen_articles.add(c.evidence.article.id)
        if len(fact.rivals) >= 2:
            break
    return fact


@dataclass(frozen=True)
class YesNo:
    evidence: Evidence
    yes: bool
    score: float
    figure: tuple[int, int] | None = None  # article offsets of the count that settled it ("662 personel")


YES_NO_COVERAGE = 0.6  # share of the question's words one sentence must state to settle a yes/no question


_YEAR_RE = re.compile(r"(?:19|20)\d\d")


# the words attributing a statement: a verb of saying before a comma, colon, "bahwa" or quote ("menambahkan, ..."),
# a quote tag after a quote or a comma ('...," tambahnya')
_SPEECH_RE = re.compile(r"\b(?:" + "|".join(sorted(SAYING_VERBS)) + r")(?=\s*(?:[,:\"“]|bahwa\b))"
                        r"|(?<=[,.!?\"”’'])\s*(?:" + "|".join(sorted(QUOTE_TAGS)) + r")(?:nya)?\b", re.I)


def coverage(info: QuestionInfo, text: str, title: str = "") -> float:
    """Share of the question's terms (each with its glossary equivalents: "deployed" ~ "dikerahkan") in ``text``;
    a term only its article's ``title`` states counts half (as in ``rag.evidence.overlap_scores``): the title
    often carries the region and election a sentence leaves out. A figure the question states is a term ("99 TPS":
    the sentence about those 99 settles it); a year is not (most sentences leave it to the title or date)."""
    groups = [g for g in question_groups(info.question, info.language) if not all(_YEAR_RE.fullmatch(s) for s in g)]
    if not groups:
        return 0.0
    stems = set(keyword_tokens(_SPEECH_RE.sub(" ", text)))  # "menambahkan, ..." (he added) adds nothing
    heading = set(keyword_tokens(title))
    return sum(1.0 if g & stems else 0.5 if g & heading else 0.0 for g in groups) / len(groups)


def _asks_about_the_unmentioned(info: QuestionInfo, evidence: Sequence[Evidence]) -> bool:
    """Is what a yes/no question asks about ("helikopter", "drones") stated nowhere in the evidence articles?
    A yes or no resting on its other terms would then answer what the articles never raise. An English word
    counts in its glossary equivalents, its own spelling and without a plural ending (news writes "drone");
    a word the glossary lacks is judged by its own spelling only."""
    thing = asked_object(info.question, info.language)
    if thing is None:
        return False
    articles = {e.article.id: e.article for e in evidence}.values()
    stated = set().union(*(keyword_tokens(f"{a.title} {a.text}") for a in articles))
    forms = [thing]
    if info.language == "en":  # any word of the phrase, as written or without a plural ending
        forms = [f for w in thing.split() for f in (w, re.sub(r"(?:es|s)$", "", w), w[:-1])]
    return not any(group & stated for form in forms for group in question_groups(form, info.language))


def yes_no(info: QuestionInfo, evidence: Sequence[Evidence]) -> YesNo | None:
    """Yes or no from the sentence that states most of the question (negation read in it), or None.

    The reader extracts spans and has no yes/no head, so the evidence is the sentence covering most of
    the question's terms; below ``YES_NO_COVERAGE`` the articles don't say (never a default "Ya").
    """
    best: tuple[float, Evidence] | None = None
    for window in evidence:
        if not compatible(info, window):
            continue
        for start, _end in window.sentences or ((window.start, window.end),):
            sentence = window.sentence_at(start)
            share = coverage(info, sentence.text, window.article.title)
            if best is None or share > best[0]:
                best = (share, sentence)
    if best is None or best[0] < YES_NO_COVERAGE or _asks_about_the_unmentioned(info, evidence):
        return None
    if _ALL_RE.search(info.question) and not _ALL_RE.search(best[1].text):
        return None  # "Were all TPS secured?" is not settled by "440 TPS were secured"
    asked = _asked_counts(info)
    figure = _figure_of_the_asked_kind(asked, best[1])
    if _states_another_figure(asked, best[1].text) or _compares_the_other_way(info.question, best[1].text):
        # "... mengirim 700 personel?" over "mengirim 662 personel", "lebih kecil?" over "lebih besar": no
        return YesNo(best[1], yes=negates(info.question), score=best[0], figure=figure)
    denied = negates(best[1].text)  # "tidak ada penambahan personel untuk 99 TPS": the 99 is no reason for the no
    return YesNo(best[1], yes=denied == negates(info.question), score=best[0], figure=None if denied else figure)


_COMPARATIVE_RE = re.compile(r"\blebih\s+(\w+)", re.I)


def _compares_the_other_way(question: str, sentence: str) -> bool:
    """Does ``sentence`` state the opposite of the comparison the question asks ("lebih besar" for "lebih kecil")?"""
    asked = {m.group(1).lower() for m in _COMPARATIVE_RE.finditer(question)}
    said = {m.group(1).lower() for m in _COMPARATIVE_RE.finditer(sentence)}
    return not asked & said and any(COMPARATIVE_OPPOSITES.get(word) in said for word in asked)


def _counts_by_kind(text: str) -> list[tuple[float, int | None]]:
    """Each figure of ``text`` outside its dates, with the group of the noun after it (None: no known unit)."""
    return [(n.value, unit_group(unit_after(text, n.end))) for n in find_numbers(text)
            if not _inside_date(text, n.start, n.end)]


def _asked_counts(info: QuestionInfo) -> list[tuple[float, int | None]]:
    """The figures the question states, with the group of the noun each counts ("700 personel?")."""
    return _counts_by_kind(gloss_english(info.question) if info.language == "en" else info.question)


def _figure_of_the_asked_kind(asked: list[tuple[float, int | None]], sentence: Evidence) -> tuple[int, int] | None:
    """Where the sentence counts the noun the question counts with a figure (article offsets of "662 personel" for
    "... 700 personel?"): the asked figure where the sentence states it, else its first of that noun."""
    kinds = {g for _, g in asked if g is not None}
    text = sentence.text
    found: tuple[int, int] | None = None
    for n in find_numbers(text):
        noun = unit_after(text, n.end)
        if noun is None or unit_group(noun) not in kinds or _inside_date(text, n.start, n.end):
            continue
        span = (sentence.start + n.start, sentence.start + text.index(noun, n.end) + len(noun))
        if any(same_number(v, n.value) for v, _ in asked):
            return span
        found = found or span
    return found


def _states_another_figure(asked: list[tuple[float, int | None]], sentence: str) -> bool:
    """Does the sentence count what the question counts (``asked``: ``_asked_counts``) with another figure, and never
    with the asked one ("662 personel" for "700 personel?")? A figure of another noun ("215 personel" for "516 TPS?")
    says nothing."""
    stated = _counts_by_kind(sentence)
    if any(same_number(v, w) for v, _ in asked for w, _ in stated):
        return False
    return any(g is not None and any(h == g for _, h in stated) for _, g in asked)


def negates(text: str) -> bool:
    """Does ``text`` deny what it states? It does when one of its clauses holds an odd number of negators: two in
    one clause cancel ("Tidak ada TPS ... yang dibiarkan tanpa penjagaan": every TPS is guarded), while "tidak
    mengerahkan helikopter dan tidak menambah personel" denies both). A bracket's words are left out, not a break."""
    unbracketed = re.sub(r"\([^()]*\)", " ", text)
    return any(len(_NEGATION_RE.findall(clause)) % 2 for clause in _CLAUSE_BREAK_RE.split(unbracketed))
