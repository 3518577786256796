"""Sentence-aware chunking with exact offsets into the article's cleaned text.

Chunks are runs of whole sentences (``siaga.sentences``) of roughly ``target_tokens`` model tokens,
never more than ``max_tokens``, each repeating the last ``overlap_sentences`` sentences of the previous
chunk so a fact that straddles a border is retrievable from either side. Only a single sentence longer
than ``max_tokens`` is cut, at a clause boundary if possible, else between words. ``chunk.text`` is
always ``article.text[start:end]``, which is what citations rely on.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from siaga.sentences import split_sentences
from siaga.types import Article, Chunk

Span = tuple[int, int]
_CLAUSE_RE = re.compile(r"(?<=[,;:])\s+|\s+(?=[–—-]\s)|\s+(?=\()")
_SPACE_RE = re.compile(r"\s+")


def _trim(text: str, start: int, end: int) -> Span:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece) - len(piece.rstrip())
    return start + lead, end - trail


def _cut_at(text: str, span: Span, pattern: re.Pattern[str], fits: Callable[[Span], bool]) -> list[Span] | None:
    """Greedy pieces of ``span`` cut at ``pattern`` matches, each fitting; None if some piece cannot fit."""
    start, end = span
    cuts = [m.start() + start for m in pattern.finditer(text, start, end)] + [end]
    pieces: list[Span] = []
    piece_start = start
    last_ok: int | None = None
    for cut in cuts:
        candidate = _trim(text, piece_start, cut)
        if candidate[0] < candidate[1] and fits(candidate):
            last_ok = cut
            continue
        if last_ok is None:
            return None
        pieces.append(_trim(text, piece_start, last_ok))
        piece_start = last_ok
        candidate = _trim(text, piece_start, cut)
        if not fits(candidate):
            return None
        last_ok = cut
    if last_ok is not None and piece_start < end:
        pieces.append(_trim(text, piece_start, end))
    return [p for p in pieces if p[0] < p[1]]


def _cut_by_chars(text: str, span: Span, fits: Callable[[Span], bool]) -> list[Span]:
    """Last resort for a run with no spaces (a URL, a table dump): halve until pieces fit."""
    start, end = span
    if end - start <= 1 or fits(span):
        return [span]
    mid = (start + end) // 2
    return _cut_by_chars(text, (start, mid), fits) + _cut_by_chars(text, (mid, end), fits)


def split_long_sentence(text: str, span: Span, fits: Callable[[Span], bool]) -> list[Span]:
    """Pieces of an over-long sentence: at clauses, else at spaces, else by characters."""
    for pattern in (_CLAUSE_RE, _SPACE_RE):
        pieces = _cut_at(text, span, pattern, fits)
        if pieces:
            return pieces
    return _cut_by_chars(text, span, fits)


def _units(text: str, count: Callable[[str], int], max_tokens: int) -> list[Span]:
    """Sentence spans, with any sentence over ``max_tokens`` split into fitting pieces."""
    def fits(span: Span) -> bool:
        return count(text[span[0] : span[1]]) <= max_tokens

    units: list[Span] = []
    for span in split_sentences(text):
        units.extend([span] if fits(span) else split_long_sentence(text, span, fits))
    return units


def chunk_article(
    article: Article,
    count_tokens: Callable[[str], int],
    target_tokens: int = 150,
    max_tokens: int = 200,
    overlap_sentences: int = 1,
) -> list[Chunk]:
    """Chunks of ``article.text`` (title not included; the pipeline embeds it separately)."""
    text = article.text
    if not text.strip():
        return []
    units = _units(text, count_tokens, max_tokens)
    if not units:
        return []

    def tokens(first: int, last: int) -> int:
        return count_tokens(text[units[first][0] : units[last][1]])

    groups: list[tuple[int, int]] = []  # inclusive unit index ranges
    first = 0
    while True:
        last = first
        while last + 1 < len(units) and tokens(first, last) < target_tokens and tokens(first, last + 1) <= max_tokens:
            last += 1
        groups.append((first, last))
        if last + 1 >= len(units):
            break
        next_first = max(last + 1 - overlap_sentences, first + 1)
        # the overlap must leave room for at least one new sentence
        while next_first <= last and tokens(next_first, last + 1) > max_tokens:
            next_first += 1
        first = next_first

    if len(groups) > 1:
        # fold a small tail into its neighbour when the result still fits
        prev_first, _ = groups[-2]
        tail_first, tail_last = groups[-1]
        if tokens(prev_first, tail_last) <= max_tokens and tokens(tail_first, tail_last) < target_tokens // 2:
            groups[-2:] = [(prev_first, tail_last)]

    chunks: list[Chunk] = []
    for index, (a, b) in enumerate(groups):
        start, end = units[a][0], units[b][1]
        chunks.append(
            Chunk(
                id=f"{article.id}::{index}",
                article_id=article.id,
                index=index,
                text=text[start:end],
                start=start,
                end=end,
            )
        )
    return chunks
