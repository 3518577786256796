"""Who said it: the person an article attributes a cited statement to ("Who said so?", "Menurut siapa?").

Journalists need the source of a figure, not only the figure. News states it in the outlet's own voice in the
lead and attributes it further down ('"Yang kami berangkatkan hari ini 1.646 personel ...," kata Dedy.'), so the
source of an answer is, in this order:

1. the speaker the cited sentence names: the tag after the quote it sits in ('..." kata Dedy'), "Menurut X, ...",
   "X mengatakan ...";
2. the speaker of another sentence of the same article that restates the answer's figure (or name), nearest first;
3. the speaker of the sentence right after the cited one when it points back to it ("X mengatakan angka tersebut");
4. nobody: the outlet's own reporting, said as such (never a guess).

A speaker called "dia" / "-nya" is the one named last before; one called by one name ("Dedy") or by a post only
("Kapolresta Bengkulu") is written as the article introduces them, rank and all, and that sentence is cited too.
Everything here is a pure function of the article's text; ``source_answer`` turns the previous answer's citations
into the new answer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rag import wording
from rag.compose import rank_of
from siaga.dates import MONTHS, WEEKDAY_ALIASES
from siaga.numbers import number_values
from siaga.sentences import ABBREVIATIONS, QUOTE_TAGS, SAYING_VERBS, split_sentences
from siaga.types import Answer, Article, Chunk, Citation, RefusalReason

# --- the vocabulary of attribution (Indonesian news, and English for the odd English article) ---------------
# "Menurut X, ..." / "Berdasarkan data X, ...": the source opens the sentence; a record keeps its noun
ACCORDING_TO = ("menurut", "berdasarkan", "mengutip", "merujuk", r"according\s+to", r"based\s+on", "citing")
RECORDS = ("data", "catatan", "laporan", "keterangan", "rilis", "pemetaan", r"data\s+from")
PRONOUNS = frozenset("dia ia beliau nya he she".split())
# a capitalised word after these is a place or time, never the speaker ("di Denpasar, Senin, menjelaskan")
_PLACE_OR_TIME_WORDS = frozenset("di ke dari pada kepada dalam saat sejak hingga in at on from to".split())
_NOT_SPEAKER_WORDS = frozenset(MONTHS) | frozenset(WEEKDAY_ALIASES) | PRONOUNS | frozenset(
    "menurut yang dalam kala saat sementara selain sebelumnya kemudian namun adapun pihaknya".split())

_WHO_SAID_RE = re.compile(
    r"^\s*(?:(?:and|so|but|lalu|terus|jadi|tapi)\s*,?\s+)?(?:"
    r"(?:who|whom)\s+(?:said|says|stated|claimed|reported|told\s+\w+)\s+(?:so|that|this|it)"
    r"|says\s+who|according\s+to\s+(?:whom|who)|(?:who|what)(?:'s|\s+is|\s+was)\s+(?:the|its|their)\s+source"
    r"|(?:the\s+|your\s+)?sources?|sumbernya|narasumbernya"
    r"|(?:menurut|kata)\s+siapa|siapa\s+(?:yang\s+)?(?:mengatakan|bilang|menyebut(?:kan)?|menyampaikan|menyatakan)"
    r"(?:nya|\s+(?:itu|begitu|hal\s+itu))?|siapa\s+(?:nara)?sumber(?:nya)?|(?:nara)?sumbernya\s+siapa|apa\s+sumbernya"
    r")\s*[?.!]*\s*$",
    re.I,
)


def asks_who_said(question: str) -> bool:
    """Is this a follow-up asking who stated the previous answer ("Who said so?", "Menurut siapa?", "Kata
    siapa?")? Only the whole question: "Who said the election was safe?" is a question of its own."""
    return bool(_WHO_SAID_RE.match(question))


@dataclass(frozen=True)
class Attribution:
    """Who an article attributes a statement to, and the spans (article offsets) that show it."""

    speaker: str | None  # as the article introduces them; None: nobody, the outlet's own reporting
    said_at: tuple[int, int]  # the statement with its attribution: what to cite
    introduced_at: tuple[int, int] | None = None  # the sentence naming the speaker in full, when elsewhere


# --- names: runs of capitalised words -----------------------------------------------------------------------
_TOKEN_RE = re.compile(r"\([^()\n]{1,60}\)|[^\s()]+")
_TRAILING = ",;:!?\"”’'."
_OPENING_QUOTES = "\"“‘'"


def name_runs(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of runs of capitalised words in ``text[start:end]`` ("Kepala Biro Operasi (Karo Ops) Polda Banten
    Kombes Pol Dedy Suhartono"): words opening with a capital or a bracketed aside, one space apart. Punctuation
    ends a run, except an abbreviation's dot ("Pol.", "M."); leading question and linking words are trimmed."""
    runs: list[list[tuple[int, int, str]]] = []
    open_run = False
    last_end = -1
    for m in _TOKEN_RE.finditer(text, start, len(text) if end is None else end):
        word = m.group(0)
        lead = len(word) - len(word.lstrip(_OPENING_QUOTES))
        core = word[lead:].rstrip(_TRAILING)
        capital = bool(core) and (core[0].isupper() or (core[0] == "(" and any(c.isupper() for c in core)))
        if not capital:
            open_run = False
            continue
        a = m.start() + lead
        if not (open_run and not lead and a == last_end + 1):
            runs.append([])
        trailing = word[lead + len(core) :]
        abbreviated = trailing == "." and (core.lower() in ABBREVIATIONS or len(core) == 1)  # "Pol.", "M."
        runs[-1].append((a, a + len(core) + abbreviated, core))
        last_end = m.end()
        open_run = trailing == "" or abbreviated
    out = []
    for run in runs:
        while run and run[0][2].lower() in _NOT_SPEAKER_WORDS:
            run = run[1:]
        if run:
            out.append((run[0][0], run[-1][1]))
    return out


def _ranked(name: str) -> bool:
    return rank_of(name) is not None


# --- who a sentence attributes its statement to -----------------------------------------------------------
PRONOUN = (-1, -1)  # a speaker named by a pronoun: resolved against the sentences before
_TAG_RE = re.compile(r"(?:[,.!?][\"”’']?|[\"”’'])\s*(?P<tag>" + "|".join(sorted(QUOTE_TAGS)) + r")(?P<nya>nya)?\b\s*",
                     re.I)
_ACCORDING_RE = re.compile(r"\b(?:" + "|".join(ACCORDING_TO) + r")(?P<nya>nya)?\b\s*"
                           r"(?P<record>(?:" + "|".join(RECORDS) + r")\s+)?", re.I)
_VERB_RE = re.compile(r"\b(?:" + "|".join(sorted(SAYING_VERBS)) + r")\b", re.I)
_PRONOUN_RE = re.compile(r"\b(?:" + "|".join(sorted(PRONOUNS)) + r")\b", re.I)


def _named_at(text: str, at: int, end: int) -> tuple[int, int] | None:
    """The speaker named right at ``at`` (a pronoun or a capitalised run), or None."""
    if _PRONOUN_RE.match(text, at, end):
        return PRONOUN
    runs = name_runs(text, at, end)
    return runs[0] if runs and runs[0][0] == at and not text[at].islower() else None


def _subject_before(text: str, start: int, verb: int) -> tuple[int, int] | None:
    """The subject of a saying verb: the last pronoun or ranked name before it, else the last name that is no
    place or time ("Kapolda Bali Irjen Pol. Daniel Adityajaya di Denpasar, Senin, menjelaskan")."""
    runs = [r for r in name_runs(text, start, verb)
            if not re.search(r"\b(?:" + "|".join(_PLACE_OR_TIME_WORDS) + r")\s*$", text[start : r[0]], re.I)]
    pronouns = [(m.start(), m.end()) for m in _PRONOUN_RE.finditer(text, start, verb)]
    strong = [r for r in runs if _ranked(text[r[0] : r[1]])] + pronouns
    if strong:
        chosen = max(strong)
        return PRONOUN if chosen in pronouns else chosen
    return runs[-1] if runs else None


def said_in(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Who the sentence ``text[start:end]`` itself says is speaking: ", kata X" / ", ujarnya", "Menurut X,",
    "X mengatakan". A span of the speaker's name, ``PRONOUN``, or None (the sentence names no speaker)."""
    for m in _TAG_RE.finditer(text, start, end):
        found = PRONOUN if m.group("nya") else _named_at(text, m.end(), end)
        if found is not None:
            return found
    m = _ACCORDING_RE.search(text, start, end)
    if m is not None:
        found = PRONOUN if m.group("nya") else _named_at(text, m.end(), end)
        if found is not None:  # a record keeps its noun: "Berdasarkan data Polda Bengkulu" -> "data Polda Bengkulu"
            return (m.start("record"), found[1]) if m.group("record") and found != PRONOUN else found
    for m in _VERB_RE.finditer(text, start, end):
        found = _subject_before(text, start, m.start())
        if found is not None:
            return found
    return None


def _quotation_around(text: str, position: int) -> tuple[int, int] | None:
    """The quotation (opening and closing mark's offsets) of the paragraph holding ``position`` that ``position``
    lies in; quotes do not run across paragraphs."""
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    line_end = len(text) if line_end < 0 else line_end
    marks = [m.start() for m in re.finditer(r"[\"“”]", text[line_start:line_end])]
    for a, b in zip(marks[::2], marks[1::2], strict=False):
        if line_start + a < position < line_start + b:
            return line_start + a, line_start + b
    return None


def _sentence_holding(sentences: Sequence[tuple[int, int]], position: int) -> int:
    return next((i for i, (a, b) in enumerate(sentences) if a <= position < b), len(sentences) - 1)


def speaker_of(text: str, sentences: Sequence[tuple[int, int]], index: int) -> tuple[tuple[int, int], int, int] | None:
    """Who sentence ``index`` is attributed to: (speaker span or ``PRONOUN``, start, end of the span to cite).
    A sentence inside a quotation takes the quotation's tag ('"...," kata Dedy.') or its introduction ('Dedy
    mengatakan, "..."'); any other sentence, what it says itself."""
    a, b = sentences[index]
    quotation = _quotation_around(text, a + 1)
    if quotation is not None:
        qs, qe = quotation
        last = _sentence_holding(sentences, qe)
        after = said_in(text, qe, sentences[last][1])  # what follows the closing mark: '," kata Dedy.'
        if after is not None:
            return after, a, max(b, sentences[last][1])
        first = _sentence_holding(sentences, qs)
        before = said_in(text, sentences[first][0], qs)
        if before is not None and re.search(r"[,:]\s*$", text[sentences[first][0] : qs]):
            return before, min(a, sentences[first][0]), b
    found = said_in(text, a, b)
    return (found, a, b) if found is not None else None


def _named_before(text: str, sentences: Sequence[tuple[int, int]], index: int,
                  lookback: int = 8) -> tuple[int, int] | None:
    """Who "dia" / "-nya" in sentence ``index`` is: the speaker or ranked person named last before it."""
    for i in range(index, max(-1, index - lookback), -1):
        a, b = sentences[i]
        found = said_in(text, a, b) if i < index else None
        if found is not None and found != PRONOUN:
            return found
        ranked = [r for r in name_runs(text, a, b) if _ranked(text[r[0] : r[1]])]
        if i < index and ranked:
            return ranked[-1]
    return None


def _introduction(text: str, name: str) -> tuple[int, int] | None:
    """The first ranked mention of a person named by one name or a post ("Dedy" -> "Kepala Biro Operasi (Karo
    Ops) Polda Banten Kombes Pol Dedy Suhartono"), or None (already ranked, or never introduced)."""
    if _ranked(name):
        return None
    pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
    for a, b in name_runs(text):
        if _ranked(text[a:b]) and pattern.search(text, a, b):
            return a, b
    return None


# --- the statement's source ---------------------------------------------------------------------------------
def restates(sentence: str, value: str) -> bool:
    """Does ``sentence`` state the answer's ``value`` again: all its figures ("1.646" = "1,646"), or, for a value
    without figures, all its capitalised words?"""
    figures = number_values(value)
    if figures:
        return figures <= number_values(sentence)
    names = set(re.findall(r"\b[A-Z][\w-]+", value))
    return bool(names) and all(re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", sentence) for n in names)


_POINTS_BACK_RE = re.compile(r"\b(?:tersebut|itu|this|that)\b", re.I)


def attribute(text: str, cited: tuple[int, int], value: str) -> Attribution:
    """The source of the statement cited at ``cited`` whose answer was ``value`` (see the module's order)."""
    sentences = split_sentences(text) or [cited]
    at = _sentence_holding(sentences, cited[0])
    others = sorted((i for i, (a, b) in enumerate(sentences) if i != at and restates(text[a:b], value)),
                    key=lambda i: (abs(i - at), i < at))
    for i in (at, *others):
        found = speaker_of(text, sentences, i)
        if found is not None:
            return _attribution(text, sentences, i, *found)
    after = at + 1
    if after < len(sentences) and _POINTS_BACK_RE.search(text, *sentences[after]):
        found = said_in(text, *sentences[after])
        if found is not None:
            return _attribution(text, sentences, after, found, sentences[at][0], sentences[after][1])
    return Attribution(None, sentences[at])


def _attribution(text: str, sentences: Sequence[tuple[int, int]], index: int, speaker: tuple[int, int],
                 start: int, end: int) -> Attribution:
    if speaker == PRONOUN:
        named = _named_before(text, sentences, index)
        if named is None:
            return Attribution(None, (start, end))
        speaker = named
    name = text[speaker[0] : speaker[1]]
    full = _introduction(text, name)
    if full is None:
        return Attribution(name, (start, end))
    introduced = sentences[_sentence_holding(sentences, full[0])]
    inside = start <= introduced[0] and introduced[1] <= end
    return Attribution(text[full[0] : full[1]], (start, end), None if inside else introduced)


# --- the answer ---------------------------------------------------------------------------------------------
_MARKERS_RE = re.compile(r"(?:\[\d+\])+")


def answered_values(answer_text: str) -> dict[int, str]:
    """The value each citation of an answer's first line backs: "1.646 personel [1]." -> {1: "1.646 personel"};
    a citation that only introduces a name ("Kombes Pol Adhe Hariadi [1][2]") backs no value of its own; a rank
    answer's bracketed holder is part of its value ("Irjen Pol (Winarto) [1]." -> {1: "Irjen Pol Winarto"})."""
    line = answer_text.strip().split("\n", 1)[0]
    out: dict[int, str] = {}
    start = 0
    for m in _MARKERS_RE.finditer(line):
        before = line[start : m.start()]
        segment = re.split(r"[:;()]", before)[-1].strip(" ,.–-")
        if not segment and before.rstrip().endswith(")"):  # a rank brackets its holder: "Irjen Pol (Winarto)"
            segment = " ".join(re.split(r"[:;]", before)[-1].replace("(", " ").replace(")", " ").split()).strip(",.–-")
        first = int(re.match(r"\[(\d+)\]", m.group(0)).group(1))
        if segment:
            out[first] = segment
        start = m.end()
    return out


def _chunk_for(chunks: Sequence[Chunk], start: int, end: int) -> Chunk | None:
    return next((c for c in chunks if c.start <= start and end <= c.end), None)


def source_answer(question: str, language: str, previous: Answer, articles: Mapping[str, Article],
                  chunks: Mapping[str, Sequence[Chunk]]) -> Answer:
    """"Who said so?" after ``previous``: for each value it cited, who the article attributes it to, cited where
    the article says so (``articles`` and their ``chunks`` by article id hold every article it cites)."""
    values = answered_values(previous.text)
    cited = [c for c in previous.citations if c.n in values and c.article_id in articles]
    if previous.refused or not cited:
        return Answer(question=question, language=language, text=wording.no_source_to_name(language), refused=True,
                      refusal_reason=RefusalReason.NOT_FOUND)
    citations: list[Citation] = []
    lines: list[tuple[str, str | None, str | None, list[int]]] = []
    for old in cited:
        article = articles[old.article_id]
        found = attribute(article.text, (old.start, old.end), values[old.n])
        numbers: list[int] = []
        for span in (found.said_at, found.introduced_at):
            chunk = _chunk_for(chunks[article.id], *span) if span else None
            if span and chunk is not None:
                quote = article.text[span[0] : span[1]]
                citations.append(Citation.of(len(citations) + 1, article, chunk.id, *span, quote))
                numbers.append(len(citations))
        if not numbers:  # the span crosses chunks: cite the statement as the previous answer did
            citations.append(old.model_copy(update={"n": len(citations) + 1}))
            numbers.append(len(citations))
        lines.append((values[old.n], found.speaker, article.outlet, numbers))
    return Answer(question=question, language=language, text=wording.sources(lines, language), citations=citations,
                  mode=previous.mode, standalone_question=wording.who_said_question(values[cited[0].n], language))
