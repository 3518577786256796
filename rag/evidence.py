"""The passages the reader reads: sentence windows of the retrieved articles, ranked cheaply, capped.

Retrieval ranks chunks; the reader reads windows of consecutive sentences (so "he" and "the figure"
keep their antecedent), each after its article's title. Every window of the retrieved chunks (and of
their neighbours) is a candidate; a cheap score (how much of the question the window and its title
cover, plus the chunk's retrieval rank) keeps the few the reader can afford. Hard caps on sentences
scanned and characters per window keep one huge or repetitive article from making a question slow:
work per question is bounded whatever the corpus holds.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from rag.glossary import TermGroup, term_groups, words_as_read
from rag.reader import Passage
from siaga.sentences import split_sentences
from siaga.settings import Settings
from siaga.text import STOPWORDS, keyword_set, raw_tokens
from siaga.types import Article, RetrievedChunk

_SPACE_RE = re.compile(r"\s+")


def _setting(name: str) -> int:
    """A default documented once, in ``Settings`` (the limits below must not drift from it)."""
    return Settings.model_fields[name].default


@dataclass(frozen=True)
class EvidenceLimits:
    """Bounds on the work one question may cause (``rag.answerer.evidence_limits`` fills them from settings;
    the defaults here are the settings' own, for tests and direct callers)."""

    max_chunks: int = _setting("max_question_chunks")  # retrieved + sibling chunks looked at
    max_sentences: int = _setting("max_question_sentences")  # sentences scored cheaply
    max_sentence_chars: int = _setting("max_sentence_chars")  # longer "sentences" are cut into pieces this long
    max_window_chars: int = _setting("reader_window_chars")  # consecutive sentences grouped up to this size
    max_title_chars: int = 120  # the title read before each window (it carries region and election)
    passages: int = _setting("reader_passages")  # windows the reader reads


@dataclass(frozen=True)
class Evidence:
    """One candidate window: where it is, its sentences, which retrieved chunk holds it, its cheap score."""

    article: Article
    chunk_id: str
    start: int  # offsets into article.text
    end: int
    rank: int  # retrieval rank of its chunk (1 = best)
    overlap: float = 0.0  # share of the question's terms found in the window or its title
    sentences: tuple[tuple[int, int], ...] = ()  # the window's sentences (article offsets); empty = one
    chunk_bounds: tuple[int, int] | None = None  # where its chunk lies in the article: a citation stays inside it

    @property
    def text(self) -> str:
        return self.article.text[self.start : self.end]

    @property
    def key(self) -> tuple[str, int]:
        return (self.article.id, self.start)

    def sentence_at(self, position: int) -> Evidence:
        """The one sentence of this window that holds ``position`` (what a citation quotes)."""
        for a, b in self.sentences:
            if a <= position < b:
                return replace(self, start=a, end=b, sentences=())
        return self


def _pieces(start: int, end: int, text: str, limit: int) -> list[tuple[int, int]]:
    """A span cut at word boundaries into pieces of at most ``limit`` characters."""
    out: list[tuple[int, int]] = []
    while end - start > limit:
        cut = text.rfind(" ", start, start + limit)
        cut = cut if cut > start else start + limit
        out.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append((start, end))
    return out


def _fold(text: str) -> str:
    return _SPACE_RE.sub(" ", text.lower()).strip()


def _group(spans: list[tuple[int, int]], max_chars: int) -> list[list[tuple[int, int]]]:
    """Consecutive sentence spans grouped into windows of at most ``max_chars`` (a longer sentence alone)."""
    windows: list[list[tuple[int, int]]] = []
    for span in spans:
        if windows and span[1] - windows[-1][0][0] <= max_chars:
            windows[-1].append(span)
        else:
            windows.append([span])
    return windows


def candidate_sentences(candidates: list[RetrievedChunk], limits: EvidenceLimits) -> list[Evidence]:
    """Windows of consecutive sentences of the first ``max_chunks`` chunks, in retrieval order, each text once.

    Identical sentences (a syndicated copy, an article repeating itself) are read once: the first,
    best-ranked occurrence stands for all. At most ``max_sentences`` sentences are looked at.
    """
    out: list[Evidence] = []
    seen_text: set[str] = set()
    scanned = 0
    for position, item in enumerate(candidates[: limits.max_chunks], start=1):
        chunk, article = item.chunk, item.article
        kept: list[tuple[int, int]] = []
        for s, e in split_sentences(chunk.text):
            for a, b in _pieces(chunk.start + s, chunk.start + e, article.text, limits.max_sentence_chars):
                scanned += 1
                folded = _fold(article.text[a:b])
                if len(folded) >= 12 and folded not in seen_text:
                    seen_text.add(folded)
                    kept.append((a, b))
                if scanned >= limits.max_sentences:
                    break
            if scanned >= limits.max_sentences:
                break
        for window in _group(kept, limits.max_window_chars):
            out.append(Evidence(article, chunk.id, window[0][0], window[-1][1], item.rank or position,
                                sentences=tuple(window), chunk_bounds=(chunk.start, chunk.end)))
        if scanned >= limits.max_sentences:
            break
    return out


def question_terms(question: str, language: str) -> list[TermGroup]:
    """The question's terms, each with its glossary equivalents ("deployed" -> dikerahkan, diterjunkan, ...;
    "Kepulauan Riau" -> Kepri, Riau Islands), once each."""
    terms: dict[frozenset[str], TermGroup] = {}
    for g in term_groups(raw_tokens(words_as_read(question, language)), language):
        if g.term not in STOPWORDS and g.stems:
            terms.setdefault(g.stems, g)
    return list(terms.values())


def question_groups(question: str, language: str) -> list[frozenset[str]]:
    """The question's terms as groups of keyword stems: a sentence meets a term when it holds any stem of its
    group."""
    return [g.stems for g in question_terms(question, language)]


def states_term(term: TermGroup, stems: set[str]) -> bool:
    """Does a text with these stems state the term: all the stems of one of its wordings ("Kepulauan Riau",
    "Kepri")? One of them alone is another name ("Pulau Sumbawa" is no "Kepulauan Riau")."""
    return any(wording <= stems for wording in term.variants or (term.stems,) if wording)


def overlap_scores(terms: list[TermGroup], windows: list[Evidence]) -> list[float]:
    """For each window, the IDF-weighted share of question terms it states (a term only in its article's
    title counts half). Weights come from the windows themselves: a term every window has ("personel",
    "TPS") tells them apart less than a name only a few have ("Tangerang")."""
    if not terms or not windows:
        return [0.0] * len(windows)
    stems = [keyword_set(w.text) for w in windows]
    titles = {w.article.id: keyword_set(w.article.title) for w in windows}
    df = [sum(1 for s, w in zip(stems, windows, strict=True) if states_term(t, s | titles[w.article.id]))
          for t in terms]
    weights = [math.log(1 + len(windows) / (1 + d)) for d in df]
    total = sum(weights) or 1.0
    out = []
    for s, w in zip(stems, windows, strict=True):
        title = titles[w.article.id]
        got = sum(wt if states_term(t, s) else (0.5 * wt if states_term(t, title) else 0.0)
                  for t, wt in zip(terms, weights, strict=True))
        out.append(got / total)
    return out


def select_passages(evidence: list[Evidence], terms: list[TermGroup], limit: int,
                    can_answer: Callable[[Evidence], bool] | None = None) -> list[Evidence]:
    """The ``limit`` windows most worth reading: question-term overlap first, retrieval rank second; and when
    those all come from one article, the last slot goes to the best window of another. News gives several
    figures for the same thing, each article its own: one article's windows filling every slot hid Polda NTB's
    November count (6.427 personel) behind its July article's four windows (800 BKO), and no second figure could
    be seen to disagree. Of the other article's windows, one that ``can_answer`` (for a count, one stating a figure
    of the asked noun) is taken first."""
    scores = overlap_scores(terms, evidence)
    scored = [replace(e, overlap=o) for e, o in zip(evidence, scores, strict=True)]
    scored.sort(key=lambda e: (-(e.overlap + 0.3 / (1 + e.rank)), e.rank, e.start))
    chosen = scored[:limit]
    if limit > 1 and len({e.article.id for e in chosen}) == 1:
        others = [e for e in scored[limit:] if e.article.id != chosen[0].article.id]
        other = next((e for e in others if can_answer is None or can_answer(e)), others[0] if others else None)
        if other is not None:
            chosen[-1] = other
    return chosen


def to_passage(e: Evidence, limits: EvidenceLimits) -> Passage:
    """The reader's input: the article's title as context, then the window (the only answerable part)."""
    title = e.article.title.strip()[: limits.max_title_chars]
    head = f"{title}. " if title else ""
    return Passage(head + e.text, allowed_start=len(head))
