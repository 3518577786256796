"""Deterministic eval metrics: retrieval ranks, answer correctness, refusals, citations, latency.

Everything here is a pure function of the question, the answer and the retrieved ids (no LLM judge),
so two runs over the same answers give the same figures and a regression is a real regression.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import dateparser
from pydantic import BaseModel, Field

from eval.dataset import LANGS, QUESTION_TYPES, EvalItem, article_matches_gold
from siaga.numbers import find_numbers, number_values, same_number
from siaga.types import Answer, Article, Citation

HIT_KS: tuple[int, ...] = (1, 5, 10)
NDCG_K = 10

# ---------------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------------

_MARKER_RE = re.compile(r"\[\s*\d+(?:\s*[,;]\s*\d+)*\s*\]")
_BLANK_LINE_RE = re.compile(r"\n[ \t\r\f\v]*\n")
_QUOTE_SECTION_HEADER_RE = re.compile(
    r"^\s*(?:#+\s*|\*\*)?(?:sumber|sources?|kutipan|quotes?|bukti|evidence|referensi|references|"
    r"rujukan|citations?|supporting quotes)\b[^\n]{0,40}$",
    re.IGNORECASE,
)
_QUOTE_LINE_RE = re.compile(r"^\s*(?:[-*]\s*)?(?:\[\s*\d+\s*\]|>|[\"“])")


def strip_markers(text: str) -> str:
    """Remove [n] / [1, 2] citation markers so their digits never count as answer numbers."""
    return _MARKER_RE.sub(" ", text)


def answer_head(text: str) -> str:
    """The direct answer: the text before the first blank line (quotes and notes come after it)."""
    stripped = text.strip()
    return _BLANK_LINE_RE.split(stripped, maxsplit=1)[0].strip()


def _is_quote_paragraph(paragraph: str) -> bool:
    lines = [ln for ln in paragraph.splitlines() if ln.strip()]
    if not lines:
        return False
    if _QUOTE_SECTION_HEADER_RE.match(lines[0]):
        return True
    return all(_QUOTE_LINE_RE.match(ln) for ln in lines)


def answer_body(text: str) -> str:
    """The prose of an answer, without a trailing sources/quotes section.

    Numeric fidelity is checked on the prose: a sources list repeats quotes (trivially supported)
    and metadata such as publication dates that are not claims.
    """
    kept: list[str] = []
    for paragraph in _BLANK_LINE_RE.split(text.strip()):
        if kept and _is_quote_paragraph(paragraph):
            break
        kept.append(paragraph)
    return "\n\n".join(kept).strip()


def normalize_text(text: str) -> str:
    """Casefold, drop diacritics, punctuation to spaces, collapse spaces (for alias matching)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    no_marks = "".join(c for c in decomposed if not unicodedata.combining(c))
    cleaned = "".join(c if c.isalnum() or c.isspace() else " " for c in no_marks)
    return " ".join(cleaned.split())


def contains_normalized(haystack: str, needle: str) -> bool:
    """``needle`` occurs in ``haystack`` on whole-token boundaries after normalisation."""
    n = normalize_text(needle)
    if not n:
        return False
    return f" {n} " in f" {normalize_text(haystack)} "


def tokens(text: str) -> list[str]:
    return normalize_text(text).split()


def token_f1(prediction: str, gold: str) -> float:
    """SQuAD-style token F1 (reported for reference; correctness does not depend on it)."""
    pred, ref = tokens(prediction), tokens(gold)
    if not pred or not ref:
        return float(pred == ref)
    common = Counter(pred) & Counter(ref)
    overlap = sum(common.values())
    if overlap == 0:
        return 0.0
    precision, recall = overlap / len(pred), overlap / len(ref)
    return 2 * precision * recall / (precision + recall)


# ---------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------


def numbers_in_answer(text: str) -> set[float]:
    """Every value the answer states (both conventions, multipliers, percents, number words).

    Citation markers are removed first so "[1]" is not read as the number 1.
    """
    return number_values(strip_markers(text), include_words=True)


def has_value(values: Iterable[float], target: float) -> bool:
    return any(same_number(v, target) for v in values)


# ---------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------

_MONTH = (
    r"(?:januari|january|jan|februari|february|feb|maret|march|mar|april|apr|mei|may|juni|june|jun|"
    r"juli|july|jul|agustus|august|agu|agt|aug|september|sept|sep|oktober|october|okt|oct|"
    r"november|nov|desember|december|des|dec)\.?"
)
_YEAR = r"(?:19|20)\d{2}"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_RANGE_SEP = r"\s*(?:-|–|—|to|until|sampai|hingga|s\.?\s?d\.?)\s*"
_DATE_RANGE_RE = re.compile(
    rf"(?<!\d)(?P<d1>{_DAY}){_RANGE_SEP}(?P<d2>{_DAY})\s+(?P<mon>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?\b",
    re.IGNORECASE,
)
_DATE_SINGLE_RES: tuple[re.Pattern[str], ...] = (
    re.compile(rf"(?<![\d-])(?P<year>{_YEAR})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})(?![\d-])"),
    re.compile(rf"(?<!\d)(?P<d>{_DAY})\s+(?P<mon>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?\b", re.IGNORECASE),
    re.compile(
        rf"\b(?P<mon>{_MONTH})\s+(?P<d>{_DAY})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>{_YEAR}))?",
        re.IGNORECASE,
    ),
    re.compile(rf"(?<![\d/])(?P<d>{_DAY})/(?P<m>\d{{1,2}})(?:/(?P<year>{_YEAR}))?(?![\d/])"),
)
_DATEPARSER_SETTINGS: dict[str, Any] = {
    "DATE_ORDER": "DMY",
    "RELATIVE_BASE": dt.datetime(2000, 1, 1),
    "REQUIRE_PARTS": ["day", "month"],
}


@dataclass(frozen=True)
class DateSpan:
    """A date or a day range; ``year`` is None when the text did not say it (e.g. "Minggu (11/2)")."""

    year: int | None
    month: int
    first_day: int
    last_day: int

    def matches(self, other: DateSpan) -> bool:
        years_agree = self.year is None or other.year is None or self.year == other.year
        same_days = (self.month, self.first_day, self.last_day) == (other.month, other.first_day, other.last_day)
        return years_agree and same_days


@lru_cache(maxsize=4096)
def _parse_date(text: str) -> dt.date | None:
    parsed = dateparser.parse(text, languages=["id", "en"], settings=_DATEPARSER_SETTINGS)
    return parsed.date() if parsed else None


def dates_in_text(text: str) -> list[DateSpan]:
    """Dates written in Indonesian or English (11 Februari 2024, February 11, 2024, 2024-02-11, 9/2/2024)."""
    spans: list[DateSpan] = []
    taken: list[tuple[int, int]] = []
    for m in _DATE_RANGE_RE.finditer(text):
        year = m.group("year")
        tail = f"{m.group('mon')} {year}" if year else m.group("mon")
        start, end = _parse_date(f"{m.group('d1')} {tail}"), _parse_date(f"{m.group('d2')} {tail}")
        if start and end:
            spans.append(DateSpan(int(year) if year else None, start.month, start.day, end.day))
            taken.append(m.span())
    for pattern in _DATE_SINGLE_RES:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            parsed = _parse_date(m.group(0))
            if parsed is None:
                continue
            year = m.group("year")
            spans.append(DateSpan(int(year) if year else None, parsed.month, parsed.day, parsed.day))
            taken.append(m.span())
    return spans


def dates_match(answer_text: str, gold_forms: Iterable[str]) -> bool:
    """The answer names a date (or range) the gold forms name, in any language or format."""
    gold = [span for form in gold_forms for span in dates_in_text(form)]
    return any(a.matches(g) for a in dates_in_text(answer_text) for g in gold)


# ---------------------------------------------------------------------------------------------
# Yes / no and refusals
# ---------------------------------------------------------------------------------------------

_YES_WORDS = frozenset({"ya", "iya", "yes", "yeah", "benar", "betul", "correct", "true", "right"})
_NO_WORDS = frozenset(
    {
        "tidak",
        "tak",
        "bukan",
        "belum",
        "no",
        "not",
        "never",
        "nope",
        "false",
        "cannot",
        "nor",
        "didn",
        "doesn",
        "don",
        "isn",
        "wasn",
        "weren",
        "aren",
        "hasn",
        "haven",
        "hadn",
        "tiada",
        "jangan",
    }
)


def polarity(text: str) -> bool | None:
    """True for yes, False for no: an opening ya/yes/tidak/no wins, else any negation means no."""
    words = tokens(strip_markers(text))
    if not words:
        return None
    if words[0] in _YES_WORDS:
        return True
    if words[0] in _NO_WORDS:
        return False
    return not any(w in _NO_WORDS for w in words)


REFUSAL_PHRASES: tuple[str, ...] = (
    # Indonesian
    "artikel yang tersedia tidak menyebutkan",
    "artikel tidak menyebutkan",
    "tidak menyebutkan",
    "tidak disebutkan",
    "tidak ditemukan",
    "tidak dapat ditemukan",
    "tidak menemukan informasi",
    "tidak ada informasi",
    "tidak tersedia informasi",
    "informasi tidak tersedia",
    "belum ada informasi",
    "tidak memuat informasi",
    "tidak dapat menjawab",
    "tidak bisa menjawab",
    "tidak ada artikel",
    # English
    "the articles don't say",
    "the articles do not say",
    "the available articles do not",
    "the available articles don't",
    "do not mention",
    "don't mention",
    "does not mention",
    "doesn't mention",
    "not mentioned",
    "no information",
    "could not find",
    "couldn't find",
    "cannot answer",
    "can't answer",
    "not found in",
    "i don't know",
)
_REFUSAL_NORMALIZED = tuple(normalize_text(p) for p in REFUSAL_PHRASES)


def is_refusal(answer: Answer | str) -> bool:
    """An Answer's ``refused`` flag, or a refusal phrase (id/en) in the answer's head."""
    if isinstance(answer, Answer):
        if answer.refused:
            return True
        text = answer.text
    else:
        text = answer
    head = f" {normalize_text(answer_head(text))} "
    return any(f" {p} " in head for p in _REFUSAL_NORMALIZED)


# ---------------------------------------------------------------------------------------------
# Correctness
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Judgement:
    correct: bool
    reason: str


def judge_answer(item: EvalItem, text: str, refused: bool) -> Judgement:
    """Is the answer right? Judged on the head (the direct answer sentence), never by an LLM."""
    if not item.answerable:
        if refused:
            return Judgement(True, "correctly refused an unanswerable question")
        return Judgement(False, "answered an unanswerable question instead of refusing")
    if refused:
        return Judgement(False, "refused an answerable question")
    head = strip_markers(answer_head(text))
    if item.numeric is not None:
        found = numbers_in_answer(head)
        if has_value(found, item.numeric):
            return Judgement(True, f"gold value {_fmt(item.numeric)} stated")
        shown = ", ".join(_fmt(v) for v in sorted(found)[:8]) or "none"
        return Judgement(False, f"gold value {_fmt(item.numeric)} not among the answer's numbers ({shown})")
    if item.type == "yes_no":
        gold, got = polarity(item.answer), polarity(head)
        if got is not None and got == gold:
            return Judgement(True, f"polarity {'yes' if got else 'no'} matches")
        return Judgement(False, f"polarity {_yes_no(got)} but gold is {_yes_no(gold)}")
    for form in item.gold_forms:
        if contains_normalized(head, form):
            return Judgement(True, f"alias {form!r} found")
    if item.type == "date" and dates_match(head, item.gold_forms):
        return Judgement(True, "same date in another language or format")
    # a pair answer ("A [1], then B [2]") is right when the direct answer states every component fact
    pair = item.type == "multi_doc" and item.check is not None and len(item.check) > 1
    if pair and all(contains_normalized(head, c) for c in item.check or []):
        return Judgement(True, "every component fact stated: " + "; ".join(item.check or []))
    return Judgement(False, f"none of the gold forms found (gold: {item.answer!r})")


_COMPUTED = frozenset({"sum", "difference"})


def judge_item(item: EvalItem, answer: Answer) -> Judgement:
    """``judge_answer`` on an Answer. When the answer shows conflicting sources, only its first figure
    counts: listing the gold figure among others must not earn credit for the others. A computed answer
    (a sum or difference of parts) is judged on its result, before the colon that opens its workings: "In total
    289 personnel: 246 personnel [1] ... and 43 personnel [2]" does not state 246 as the answer."""
    refused = is_refusal(answer)
    text = answer.text
    if answer.conflicting and not refused:
        first = _MARKER_RE.search(text)
        text = text[: first.end()] if first else text
    if str(answer.debug.get("combination")) in _COMPUTED and item.numeric is not None and not refused:
        text = text.split(":", 1)[0]
    judgement = judge_answer(item, text, refused)
    if answer.conflicting and not refused:
        return Judgement(judgement.correct, "conflicting sources shown; first figure: " + judgement.reason)
    return judgement


def _yes_no(value: bool | None) -> str:
    return "unclear" if value is None else ("yes" if value else "no")


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def best_f1(item: EvalItem, text: str, refused: bool) -> float:
    """Token F1 of the head against the closest gold form; refusal scores 1 only when right to refuse."""
    if not item.answerable:
        return float(refused)
    if refused:
        return 0.0
    head = strip_markers(answer_head(text))
    return max(token_f1(head, form) for form in item.gold_forms)


# ---------------------------------------------------------------------------------------------
# Retrieval
# ---------------------------------------------------------------------------------------------


def dedupe(ids: Iterable[str]) -> list[str]:
    """Article ids in first-seen order (several chunks of one article count once)."""
    seen: set[str] = set()
    out: list[str] = []
    for i in ids:
        if i not in seen:
            seen.add(i)
            out.append(i)
    return out


def gold_positions(
    retrieved_ids: Sequence[str], gold_ids: Sequence[str], stems: Mapping[str, str | None] | None = None
) -> dict[str, int]:
    """1-based rank at which each gold id first appears in the deduplicated list (absent: missing)."""
    stems = stems or {}
    found: dict[str, int] = {}
    for rank, aid in enumerate(dedupe(retrieved_ids), start=1):
        for g in gold_ids:
            if g not in found and article_matches_gold(aid, stems.get(aid), [g]):
                found[g] = rank
    return found


def gold_rank(
    retrieved_ids: Sequence[str],
    gold_ids: Sequence[str],
    *,
    require_all: bool = False,
    stems: Mapping[str, str | None] | None = None,
) -> int | None:
    """Rank of the first gold article, or (require_all, multi_doc) of the last one; None if missing."""
    gold = list(dict.fromkeys(gold_ids))
    if not gold:
        return None
    found = gold_positions(retrieved_ids, gold, stems)
    if require_all:
        return max(found.values()) if len(found) == len(gold) else None
    return min(found.values()) if found else None


def hit_at(rank: int | None, k: int) -> bool:
    return rank is not None and rank <= k


def reciprocal_rank(rank: int | None) -> float:
    return 1.0 / rank if rank else 0.0


def ndcg_at_k(
    retrieved_ids: Sequence[str],
    gold_ids: Sequence[str],
    k: int = NDCG_K,
    stems: Mapping[str, str | None] | None = None,
) -> float:
    """Binary-relevance nDCG@k; each gold article counts once, at its first rank."""
    gold = list(dict.fromkeys(gold_ids))
    if not gold:
        return 0.0
    found = gold_positions(retrieved_ids, gold, stems)
    dcg = sum(1.0 / math.log2(r + 1) for r in found.values() if r <= k)
    idcg = sum(1.0 / math.log2(i + 1) for i in range(1, min(len(gold), k) + 1))
    return dcg / idcg


class RetrievalVerdict(BaseModel):
    """Where the gold articles landed in the ranked list (multi_doc: rank of the last one)."""

    rank: int | None
    hits: dict[str, bool]
    mrr: float
    ndcg10: float


def retrieval_verdict(
    item: EvalItem, retrieved_ids: Sequence[str], stems: Mapping[str, str | None] | None = None
) -> RetrievalVerdict | None:
    """Retrieval figures for one question; None for unanswerables (their ids are near misses)."""
    if not item.answerable:
        return None
    rank = gold_rank(retrieved_ids, item.source_ids, require_all=item.type == "multi_doc", stems=stems)
    return RetrievalVerdict(
        rank=rank,
        hits={f"hit@{k}": hit_at(rank, k) for k in HIT_KS},
        mrr=reciprocal_rank(rank),
        ndcg10=ndcg_at_k(retrieved_ids, item.source_ids, NDCG_K, stems),
    )


# ---------------------------------------------------------------------------------------------
# Citations
# ---------------------------------------------------------------------------------------------

_NUM = r"\d[\d.,]*"
_OPERATOR_GAP_RE = re.compile(r"^\s*(?:[^\W\d_]+\.?\s*){0,2}(?P<op>[+\-−–=])\s*$")


def marker_numbers(text: str) -> list[int]:
    """Every n referenced by [n] / [n, m] markers, in order of appearance."""
    return [int(n) for m in _MARKER_RE.finditer(text) for n in re.findall(r"\d+", m.group(0))]


def arithmetic_results(text: str, cited_values: Iterable[float]) -> set[float]:
    """Results of shown arithmetic ("4.192 − 2.511 = 1.681") whose operands are all cited and that add up.

    A computed difference or sum cannot occur in any quote, but it is faithful when it is shown
    and correct; a wrong sum is not exempted.
    """
    cited = list(cited_values)
    mentions = find_numbers(text)
    results: set[float] = set()
    i = 0
    while i < len(mentions):
        total = mentions[i].value
        operands = [mentions[i].value]
        j = i
        while j + 1 < len(mentions):
            gap = _OPERATOR_GAP_RE.match(text[mentions[j].end : mentions[j + 1].start])
            if not gap:
                break
            op = gap.group("op")
            nxt = mentions[j + 1].value
            j += 1
            if op == "=":
                if len(operands) >= 2 and same_number(total, nxt) and all(has_value(cited, o) for o in operands):
                    results.add(nxt)
                break
            total = total + nxt if op == "+" else total - nxt
            operands.append(nxt)
        i = max(i + 1, j)
    return results


def numeric_fidelity(text: str, quotes: Sequence[str], given: set[float] | None = None) -> tuple[bool, list[str]]:
    """Every number in the answer prose occurs in a cited quote (or is shown arithmetic on cited ones).

    ``given``: numbers the answer may repeat without a quote: the cited articles' publication dates
    (a source label "(ANTARA, 10 Februari 2024)") and the question's own ("Pemilu Februari 2024").
    Returns (faithful, the surfaces of unsupported numbers).
    """
    from rag.verify import quote_values, times_as_articles_write_them  # the verifier's own reading

    body = times_as_articles_write_them(strip_markers(answer_body(text)))
    cited = quote_values(list(quotes)) | (given or set())
    exempt = arithmetic_results(body, cited)
    unsupported = [
        m.surface for m in find_numbers(body) if not has_value(cited, m.value) and not has_value(exempt, m.value)
    ]
    return (not unsupported, unsupported)


def fact_cited(item: EvalItem, quotes: Sequence[str]) -> bool:
    """The cited spans contain the gold fact: a check form, an alias, or the gold value.

    multi_doc items list their component facts as ``check`` forms, so all of them must be cited.
    """
    joined = "\n".join(quotes)
    checks = item.check or []
    if item.type == "multi_doc" and len(checks) > 1:
        return all(any(contains_normalized(q, c) for q in quotes) for c in checks)
    if any(contains_normalized(q, f) for q in quotes for f in [*checks, *item.gold_forms]):
        return True
    return item.numeric is not None and has_value(number_values(joined), item.numeric)


class CitationVerdict(BaseModel):
    """How well the answer's citations back it up."""

    markers: list[int] = Field(default_factory=list)
    unresolved: list[int] = Field(default_factory=list, description="Markers with no citation.")
    resolved: bool = True
    verbatim: bool | None = Field(None, description="Quotes equal article.text[start:end]; None: not checked.")
    not_verbatim: list[int] = Field(default_factory=list)
    fact_cited: bool | None = Field(None, description="None for unanswerable or refused answers.")
    cited_ids: list[str] = Field(default_factory=list)
    precision: float | None = None
    recall: float | None = None
    cites_gold: bool | None = None
    numeric_fidelity: bool = True
    unsupported_numbers: list[str] = Field(default_factory=list)


def citation_verdict(
    item: EvalItem,
    text: str,
    citations: Sequence[Citation],
    refused: bool,
    articles: Mapping[str, Article] | None = None,
) -> CitationVerdict:
    """Markers resolve, quotes are verbatim, the gold fact is cited, cited articles are gold, numbers faithful."""
    markers = marker_numbers(text)
    known = {c.n for c in citations}
    unresolved = sorted({n for n in markers if n not in known})
    verbatim: bool | None = None
    not_verbatim: list[int] = []
    if articles is not None:
        checked = [c for c in citations if c.article_id in articles]
        not_verbatim = [c.n for c in checked if articles[c.article_id].text[c.start : c.end] != c.quote]
        missing = [c.n for c in citations if c.article_id not in articles]
        not_verbatim = sorted(not_verbatim + missing)
        verbatim = not not_verbatim
    quotes = [c.quote for c in citations]
    cited_ids = dedupe(c.article_id for c in citations)
    stems = _stems(articles)
    precision = recall = None
    cites_gold: bool | None = None
    if item.answerable and cited_ids:
        gold_hit = [a for a in cited_ids if article_matches_gold(a, stems.get(a), item.source_ids)]
        precision = len(gold_hit) / len(cited_ids)
        found = gold_positions(cited_ids, item.source_ids, stems)
        recall = len(found) / len(set(item.source_ids))
        cites_gold = bool(gold_hit)
    given = {float(part) for c in citations if c.published and re.fullmatch(r"\d{4}-\d{2}-\d{2}", c.published[:10])
             for part in c.published[:10].split("-")} | number_values(item.question)
    faithful, unsupported = numeric_fidelity(text, quotes, given) if not refused else (True, [])
    return CitationVerdict(
        markers=markers,
        unresolved=unresolved,
        resolved=not unresolved,
        verbatim=verbatim,
        not_verbatim=not_verbatim,
        fact_cited=fact_cited(item, quotes) if item.answerable and not refused else None,
        cited_ids=cited_ids,
        precision=precision,
        recall=recall,
        cites_gold=cites_gold,
        numeric_fidelity=faithful,
        unsupported_numbers=unsupported,
    )


def _stems(articles: Mapping[str, Article] | None) -> dict[str, str | None]:
    return {aid: a.source_stem for aid, a in (articles or {}).items()}


# ---------------------------------------------------------------------------------------------
# Per-question record
# ---------------------------------------------------------------------------------------------


class QuestionResult(BaseModel):
    """Everything the report needs about one question, JSON-serialisable (one line of results.jsonl)."""

    id: str
    question: str
    lang: str
    type: str
    gold_answer: str
    gold_numeric: float | None = None
    gold_ids: list[str] = Field(default_factory=list)
    answer_text: str
    refused: bool
    citations: list[Citation] = Field(default_factory=list)
    retrieved_article_ids: list[str] = Field(default_factory=list)
    correct: bool
    reason: str
    f1: float = 0.0
    support: float | None = Field(None, description="Answer.debug['support'], for the threshold sweep.")
    retrieval: RetrievalVerdict | None = None
    citation: CitationVerdict = Field(default_factory=CitationVerdict)
    seconds: float = 0.0
    verified: bool = False
    mode: str = ""
    baseline_ranks: dict[str, int | None] = Field(
        default_factory=dict, description="Gold rank per baseline retriever (multi_doc: last gold)."
    )

    @property
    def answerable(self) -> bool:
        return self.type != "unanswerable"


def score_item(
    item: EvalItem,
    answer: Answer,
    retrieved_article_ids: Sequence[str],
    *,
    articles: Mapping[str, Article] | None = None,
    baseline_retrieved: Mapping[str, Sequence[str]] | None = None,
    seconds: float | None = None,
) -> QuestionResult:
    """Score one answered question. ``articles`` (id -> Article) enables verbatim and file-stem checks;
    ``baseline_retrieved`` maps a baseline name to its ranked article ids."""
    refused = is_refusal(answer)
    judgement = judge_item(item, answer)
    stems = _stems(articles)
    support = answer.debug.get("support")
    multi = item.type == "multi_doc"
    baseline_ranks = {
        name: (gold_rank(ids, item.source_ids, require_all=multi, stems=stems) if item.answerable else None)
        for name, ids in sorted((baseline_retrieved or {}).items())
    }
    return QuestionResult(
        id=item.id,
        question=item.question,
        lang=item.lang,
        type=item.type,
        gold_answer=item.answer,
        gold_numeric=item.numeric,
        gold_ids=list(item.source_ids),
        answer_text=answer.text,
        refused=refused,
        citations=list(answer.citations),
        retrieved_article_ids=dedupe(retrieved_article_ids),
        correct=judgement.correct,
        reason=judgement.reason,
        f1=best_f1(item, answer.text, refused),
        support=float(support) if isinstance(support, int | float) else None,
        retrieval=retrieval_verdict(item, retrieved_article_ids, stems),
        citation=citation_verdict(item, answer.text, answer.citations, refused, articles),
        seconds=answer.seconds if seconds is None else seconds,
        verified=answer.verified,
        mode=answer.mode,
        baseline_ranks=baseline_ranks,
    )


# ---------------------------------------------------------------------------------------------
# Aggregates
# ---------------------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (numpy's default), q in [0, 100]; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100.0
    lo, hi = math.floor(pos), math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def _ratio(num: float, den: float) -> float | None:
    return None if den == 0 else round(num / den, 4)


def _mean(values: Sequence[float]) -> float | None:
    return None if not values else round(sum(values) / len(values), 4)


def group_stats(results: Sequence[QuestionResult]) -> dict[str, Any]:
    """Every figure for one group of questions; a figure with no eligible question is None.

    answered_precision = correct answers / all answers given (an answered unanswerable counts as a
    wrong answer); coverage = answered answerables / answerables (PaperQA2-style).
    """
    answerable = [r for r in results if r.answerable]
    unanswerable = [r for r in results if not r.answerable]
    answered = [r for r in results if not r.refused]
    answered_answerable = [r for r in answerable if not r.refused]
    retrieval = [r.retrieval for r in answerable if r.retrieval is not None]
    cit = [r.citation for r in answered]
    verbatim = [c.verbatim for c in cit if c.verbatim is not None]
    facts = [c.fact_cited for c in cit if c.fact_cited is not None]
    seconds = [r.seconds for r in results]
    p50, p95 = percentile(seconds, 50), percentile(seconds, 95)
    stats: dict[str, Any] = {
        "n": len(results),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "correct": sum(r.correct for r in results),
        "accuracy": _ratio(sum(r.correct for r in results), len(results)),
        "answerable_accuracy": _ratio(sum(r.correct for r in answerable), len(answerable)),
        "answered": len(answered),
        "coverage": _ratio(len(answered_answerable), len(answerable)),
        "answered_precision": _ratio(sum(r.correct for r in answered_answerable), len(answered)),
        "refusal_accuracy": _ratio(sum(r.refused for r in unanswerable), len(unanswerable)),
        "false_refusal_rate": _ratio(sum(r.refused for r in answerable), len(answerable)),
        "f1": _mean([r.f1 for r in results]),
        "retrieval_n": len(retrieval),
        **{f"hit@{k}": _ratio(sum(v.hits[f"hit@{k}"] for v in retrieval), len(retrieval)) for k in HIT_KS},
        "mrr": _mean([v.mrr for v in retrieval]),
        "ndcg@10": _mean([v.ndcg10 for v in retrieval]),
        "citation_resolve": _ratio(sum(c.resolved for c in cit), len(cit)),
        "citation_verbatim": _ratio(sum(verbatim), len(verbatim)),
        "fact_cited": _ratio(sum(facts), len(facts)),
        "citation_precision": _mean([c.precision for c in cit if c.precision is not None]),
        "citation_recall": _mean([c.recall for c in cit if c.recall is not None]),
        "numeric_fidelity": _ratio(sum(c.numeric_fidelity for c in cit), len(cit)),
        "verified": _ratio(sum(r.verified for r in answered), len(answered)),
        "latency_p50": None if p50 is None else round(p50, 4),
        "latency_p95": None if p95 is None else round(p95, 4),
    }
    return stats


def _ordered(keys: Iterable[str], preferred: Sequence[str]) -> list[str]:
    present = set(keys)
    return [k for k in preferred if k in present] + sorted(present - set(preferred))


def summarize(results: Sequence[QuestionResult]) -> dict[str, Any]:
    """All figures overall, by type, by language and by type x language (groups in a fixed order)."""
    types = _ordered((r.type for r in results), QUESTION_TYPES)
    langs = _ordered((r.lang for r in results), LANGS)
    by_type = {t: group_stats([r for r in results if r.type == t]) for t in types}
    by_lang = {lg: group_stats([r for r in results if r.lang == lg]) for lg in langs}
    by_type_lang = {
        t: {lg: group_stats(group) for lg in langs if (group := [r for r in results if r.type == t and r.lang == lg])}
        for t in types
    }
    return {
        "overall": group_stats(results),
        "by_type": by_type,
        "by_lang": by_lang,
        "by_type_lang": by_type_lang,
    }


def rank_metrics(ranks: Sequence[int | None]) -> dict[str, float | int | None]:
    """hit@1/5/10 and MRR from gold ranks (one per answerable question)."""
    n = len(ranks)
    out: dict[str, float | int | None] = {"n": n}
    for k in HIT_KS:
        out[f"hit@{k}"] = _ratio(sum(hit_at(r, k) for r in ranks), n)
    out["mrr"] = _mean([reciprocal_rank(r) for r in ranks])
    return out


def baseline_metrics(results: Sequence[QuestionResult], main_name: str = "hybrid") -> dict[str, dict]:
    """Retrieval figures of the system (``main_name``) and of every baseline stored in the results."""
    answerable = [r for r in results if r.answerable]
    table: dict[str, dict] = {main_name: rank_metrics([r.retrieval.rank if r.retrieval else None for r in answerable])}
    names = sorted({name for r in answerable for name in r.baseline_ranks})
    for name in names:
        table[name] = rank_metrics([r.baseline_ranks.get(name) for r in answerable])
    return table


def threshold_tradeoff(
    records: Sequence[tuple[float, bool, bool]], thresholds: Iterable[float]
) -> list[dict[str, float | None]]:
    """What refusing below each support threshold would give, from (support, correct, answerable).

    An answer is kept iff support >= threshold. ``correct`` is the correctness of the answer the
    system gave; answers it refused itself should be passed as incorrect, so lowering the threshold
    below the system's own never counts them as gains.
    """
    answerable = [(s, c) for s, c, a in records if a]
    unanswerable = [s for s, _c, a in records if not a]
    rows: list[dict[str, float | None]] = []
    for t in sorted(set(thresholds)):
        kept_answerable = [c for s, c in answerable if s >= t]
        kept_unanswerable = [s for s in unanswerable if s >= t]
        kept = len(kept_answerable) + len(kept_unanswerable)
        rows.append(
            {
                "threshold": t,
                "coverage": _ratio(len(kept_answerable), len(answerable)),
                "answered_precision": _ratio(sum(kept_answerable), kept),
                "refusal_accuracy": _ratio(len(unanswerable) - len(kept_unanswerable), len(unanswerable)),
                "false_refusal_rate": _ratio(len(answerable) - len(kept_answerable), len(answerable)),
            }
        )
    return rows


def tradeoff_records(results: Sequence[QuestionResult]) -> list[tuple[float, bool, bool]]:
    """(support, correct, answerable) per result for ``threshold_tradeoff``; refusals count as incorrect.

    For unanswerables ``correct`` is whether an answer was *not* needed, so it is passed as False:
    keeping one is always a wrong answer. Missing support counts as 0.
    """
    out: list[tuple[float, bool, bool]] = []
    for r in results:
        support = r.support if r.support is not None else 0.0
        correct = r.correct and not r.refused and r.answerable
        out.append((support, correct, r.answerable))
    return out
