"""Overview requests: "What do the articles say about Dompu?", "Ringkas pengamanan Pilkada di Kalteng".

A journalist starting on a story asks for a topic, not a fact. The reader looks for one span that answers a
question, finds none for "Tell me about the security in Padang" and refused as if the articles were silent. An
overview answers with the sentences the retrieved articles write about the topic, quoted verbatim, each cited
(no summary is written: a sentence Siaga composed could say what no article says). Sentences are chosen by how
much of the topic they state (``rag.evidence`` term groups, glossary synonyms and English included), the
article's retrieval rank breaking ties; a topic naming a place or name keeps only sentences of articles about it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag import wording
from rag.evidence import question_terms, states_term
from rag.question import analyze_question
from siaga.sentences import split_sentences
from siaga.text import keyword_set
from siaga.types import Answer, Article, Citation, RefusalReason, RetrievedChunk

MAX_SENTENCES = 6  # lines in one overview: enough to start a story, short enough to read
MAX_PER_ARTICLE = 3  # so that one long article does not fill the overview
MAX_SENTENCE_CHARS = 420  # a "sentence" longer than this is a run-on table or a paragraph the splitter missed

_EN_OVERVIEW_RE = re.compile(
    r"^(?:(?:please|can you|could you|pls)\s+)?(?:"
    r"what\s+do(?:es)?\s+the\s+(?:articles?|news|reports?|stories|sources)\s+say\s+(?:about|on|of)"
    r"|what\s+(?:is|was)\s+(?:reported|written|said)\s+(?:about|on)"
    r"|tell\s+me\s+(?:more\s+)?about"
    r"|(?:give\s+me\s+)?(?:an?\s+)?(?:overview|summary|rundown|brief(?:ing)?)\s+(?:of|on|about)"
    r"|summari[sz]e(?:\s+(?:the\s+)?(?:news|coverage|articles?)\s+(?:on|about))?"
    r"|(?:what(?:'s|\s+is)\s+)?(?:the\s+)?(?:news|latest|coverage)\s+(?:on|about)"
    r"|(?:is\s+there\s+)?anything\s+(?:on|about))\s+(?P<topic>.+?)[\s?.!]*$", re.I)
_ID_OVERVIEW_RE = re.compile(
    r"^(?:(?:tolong|coba|mohon|bisa)\s+)?(?:"
    r"ringkas(?:kan|lah)?|rangkum(?:kan|lah)?|ringkasan|rangkuman|ikhtisar"
    r"|(?:ceritakan|jelaskan|paparkan)(?:\s+(?:tentang|soal|mengenai))?"
    r"|apa\s+kata\s+(?:artikel|berita|media)(?:\s+(?:tentang|soal|mengenai))?"
    r"|apa\s+(?:saja\s+)?(?:yang\s+)?(?:diberitakan|ditulis|dilaporkan)\s+(?:tentang|soal|mengenai)"
    r"|(?:ada\s+)?(?:berita|info|informasi|kabar)\s+(?:apa\s+(?:saja\s+)?)?(?:tentang|soal|mengenai)"
    r"|apa\s+saja\s+(?:berita|info|informasi|kabar)\s+(?:tentang|soal|mengenai))"
    r"\s+(?P<topic>.+?)[\s?.!]*$", re.I)
_BOILERPLATE_RE = re.compile(
    r"^\s*(?:baca\s+juga|lihat\s+juga|simak|editor|penulis|pewarta|reporter|sumber|foto|video|copyright|©)\b", re.I)


_NO_TOPIC = frozenset({"tentang", "soal", "mengenai", "about", "on", "of", "it", "this", "that", "itu", "ini"})


def overview_topic(question: str) -> str | None:
    """The topic an overview request asks about ("Tell me about the security in Padang" -> "the security in
    Padang"), or None when the question asks something else."""
    for pattern in (_EN_OVERVIEW_RE, _ID_OVERVIEW_RE):
        m = pattern.match(question.strip())
        topic = m.group("topic").strip(" ,.;:?!\"'“”") if m else ""
        if topic and topic.lower() not in _NO_TOPIC:
            return topic
    return None


@dataclass(frozen=True)
class Line:
    """One quoted sentence of the overview: where it is, how much of the topic it states, its article's rank."""

    article: Article
    chunk_id: str
    start: int
    end: int
    coverage: float
    rank: int


def _about_the_names(article: Article, names: list[str]) -> bool:
    """Does the article write one of the topic's names or regions (in its title, text or region tag)?"""
    text = f"{article.title}\n{article.region or ''}\n{article.text}".lower()
    return any(name.lower() in text for name in names)


def _open_quotes(text: str) -> bool:
    return text.count('"') % 2 == 1 or text.count("“") > text.count("”")


def _whole_quotations(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences with a quotation they open run on to the sentence that closes it ('"Dompu mendapat porsi
    terbesar ... sebelumnya. Kami berharap itu tidak terulang," ujar Hadi.' is one line, not a cut quotation)."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(spans):
        start, end = spans[i]
        j = i
        while _open_quotes(text[start:end]) and j + 1 < len(spans) and j - i < 2:
            j += 1
            end = spans[j][1]
        out.append((start, end) if not _open_quotes(text[start:end]) else spans[i])
        i = j + 1 if out[-1][1] == end else i + 1
    return out


def overview_lines(topic: str, language: str, candidates: list[RetrievedChunk]) -> list[Line]:
    """The sentences worth quoting about ``topic``: each states some of its terms, none is boilerplate ("Baca
    juga: ..."), the headline or a repeat; at most ``MAX_PER_ARTICLE`` per article and ``MAX_SENTENCES`` in all,
    most of the topic first, then the better-ranked article, then the article's own order."""
    terms = question_terms(topic, language)
    if not terms:
        return []
    info = analyze_question(topic)
    names = [*info.names, *info.regions]
    lines: list[Line] = []
    seen: set[str] = set()
    for position, item in enumerate(candidates, start=1):
        article, chunk = item.article, item.chunk
        if names and not _about_the_names(article, names):
            continue
        for s, e in _whole_quotations(chunk.text, split_sentences(chunk.text)):
            start, end = chunk.start + s, chunk.start + e
            sentence = article.text[start:end].strip()
            folded = " ".join(sentence.lower().split())
            if (len(sentence) < 30 or len(sentence) > MAX_SENTENCE_CHARS or folded in seen
                    or _BOILERPLATE_RE.match(sentence) or folded == " ".join(article.title.lower().split())):
                continue
            seen.add(folded)
            stems = set(keyword_set(sentence))
            stated = sum(1 for t in terms if states_term(t, stems))
            if stated:
                lines.append(Line(article, chunk.id, start, end, stated / len(terms), item.rank or position))
    lines.sort(key=lambda line: (-line.coverage, line.rank, line.start))
    kept: list[Line] = []
    per_article: dict[str, int] = {}
    for line in lines:
        if per_article.get(line.article.id, 0) < MAX_PER_ARTICLE:
            per_article[line.article.id] = per_article.get(line.article.id, 0) + 1
            kept.append(line)
        if len(kept) == MAX_SENTENCES:
            break
    order = {a: i for i, a in enumerate(dict.fromkeys(line.article.id for line in kept))}
    return sorted(kept, key=lambda line: (order[line.article.id], line.start))


def overview_answer(question: str, topic: str, language: str, candidates: list[RetrievedChunk]) -> Answer:
    """The overview of ``topic``: its quoted sentences, each cited, under a line saying what they are; a refusal
    naming the topic when no retrieved article states anything about it."""
    lines = overview_lines(topic, language, candidates)
    if not lines:
        return Answer(question=question, language=language, text=wording.no_overview(topic, language),
                      refused=True, refusal_reason=RefusalReason.NOT_FOUND)
    citations = [Citation.of(n, line.article, line.chunk_id, line.start, line.end,
                             line.article.text[line.start : line.end])
                 for n, line in enumerate(lines, start=1)]
    text = wording.overview(topic, [(c.quote.strip(), c.n) for c in citations], language)
    return Answer(question=question, language=language, text=text, citations=citations, mode="overview")
