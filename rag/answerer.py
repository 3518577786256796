"""Answerers: the trained reader (default) and the LLM backend are two implementations of one protocol.

``ReaderAnswerer`` reads the retrieved articles' best sentences with the reader model, keeps the
best span of the asked type, and words it (``rag.wording``) with a citation of the sentence holding
it. Multi-part questions are answered part by part and combined; when articles disagree on a figure
every figure is shown with its source. Where an answer came from: ``Answer.debug`` holds the
candidates with their reader margin and combined score.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from rag import wording
from rag.compose import (
    Calibration,
    Candidate,
    Fact,
    SpanReader,
    about_the_names,
    compatible,
    find_fact,
    first_number,
    introduced_in_full,
    may_state_the_count,
    rank_of,
    yes_no,
)
from rag.evidence import Evidence, EvidenceLimits, candidate_sentences, question_terms, select_passages
from rag.question import analyze_question, side_phrases
from siaga.settings import Settings
from siaga.types import (
    Answer,
    AnswerType,
    Citation,
    Combination,
    QuestionInfo,
    RefusalReason,
    RetrievedChunk,
)


class Answerer(Protocol):
    """Turns a question and retrieved chunks into an Answer (verification happens after, for all)."""

    name: str

    def answer(self, question: str, info: QuestionInfo, candidates: list[RetrievedChunk],
               history: list[dict] | None = None, on_token: Callable[[str], None] | None = None) -> Answer: ...


def cite(n: int, e: Evidence) -> Citation:
    return Citation.of(n, e.article, e.chunk_id, e.start, e.end, e.text)


def _candidate_debug(c: Candidate) -> dict[str, Any]:
    return {"span": c.text, "article": c.evidence.article.id, "sentence": c.sentence.text[:160],
            "margin": round(c.margin, 3), "score": round(c.score, 3), "overlap": round(c.evidence.overlap, 3),
            "rank": c.evidence.rank, "fits": c.fits}


class ReaderAnswerer:
    """The default answerer: retrieval + trained reader + calibrated no-answer score (Haystack's ExtractiveReader
    shape), with the answer-type check and the general multi-part and yes/no composition on top."""

    name = "reader"

    def __init__(self, reader: SpanReader, calibration: Calibration | None = None,
                 limits: EvidenceLimits | None = None) -> None:
        self.reader = reader
        self.calibration = calibration or Calibration()
        self.limits = limits or EvidenceLimits()

    def warm_up(self) -> None:
        """One tiny read, so the first user question does not pay for first-call set-up."""
        from rag.reader import Passage

        self.reader.read("Berapa personel?", [Passage("Sebanyak 100 personel disiagakan.")])
        choose = getattr(self.reader, "choose_threads", None)
        if choose is not None:
            choose()

    # --- one fact -----------------------------------------------------------------------------
    def _evidence(self, info: QuestionInfo, pool: list[Evidence]) -> list[Evidence]:
        """The windows worth reading: from articles that mention what the question names, best-covering first.

        A window about another election or time than the question names is left out before the reader's
        few slots are filled: no span of it could be the answer (``find_fact`` drops such spans anyway).
        """
        pool = [e for e in pool if compatible(info, e)]
        articles = {e.article.id: e.article for e in pool}
        keep = about_the_names(info, list(articles.values()))
        named = [e for e in pool if e.article.id in keep]
        return select_passages(named, question_terms(info.question, info.language), self.limits.passages,
                               lambda e: may_state_the_count(info, e))

    def fact(self, info: QuestionInfo, pool: list[Evidence], exclude: set[Any] | None = None) -> Fact:
        return find_fact(self.reader, info, self._evidence(info, pool), self.calibration, self.limits, exclude)

    # --- answers ------------------------------------------------------------------------------
    def answer(self, question: str, info: QuestionInfo, candidates: list[RetrievedChunk],
               history: list[dict] | None = None, on_token: Callable[[str], None] | None = None) -> Answer:
        pool = candidate_sentences(candidates, self.limits)
        if info.threshold is not None:
            return self._against_threshold(question, info, pool)
        if info.multi_part:
            answer = self._multi(question, info, pool)
            if not answer.refused or info.combination is not Combination.SEPARATE:
                return answer
            info = analyze_question(info.question)  # neither of two asked at once found: the request read whole
        if info.answer_type is AnswerType.YES_NO:
            return self._yes_no(question, info, pool)
        fact = self.fact(info, pool)
        if fact.best is None:
            return self._refusal(question, info, fact)
        lang = info.language
        if fact.rivals:
            text, citations = self._disagreeing(info, fact)
        else:
            full = introduced_in_full(fact.best, pool) if info.answer_type is AnswerType.PERSON else None
            # "Adhe" said in full, cited where the article introduces him too
            value, sentences = (full[0], [fact.best.sentence, full[1]]) if full else (
                wording.value_phrase(info, fact.best, lang), [fact.best.sentence])
            if info.rank:  # the rank the article writes before the holder's name, or no answer
                ranked = rank_of(value)
                if ranked is None:
                    return self._refusal(question, info, fact)
                value = wording.rank_phrase(*ranked)
            citations = [cite(i + 1, e) for i, e in enumerate(sentences)]
            text = wording.single(value, *range(1, len(sentences) + 1))
        return Answer(question=question, language=lang, text=text, citations=citations,
                      related=self._related(fact.considered, citations), conflicting=bool(fact.rivals),
                      mode=self.name, debug=self._debug(fact, info.language))

    def _disagreeing(self, info: QuestionInfo, fact: Fact) -> tuple[str, list[Citation]]:
        """The line listing the figures different articles give, each cited, and the citations."""
        lang = info.language
        cited = [fact.best, *fact.rivals] if fact.best is not None else []
        values = [(wording.value_phrase(info, c, lang), i + 1,
                   wording.source_label(c.evidence.article.outlet, c.evidence.article.published, lang))
                  for i, c in enumerate(cited)]
        text = wording.conflicting(values, lang, figures=info.answer_type in (AnswerType.NUMBER, AnswerType.MONEY))
        return text, [cite(i + 1, c.sentence) for i, c in enumerate(cited)]

    def _against_threshold(self, question: str, info: QuestionInfo, pool: list[Evidence]) -> Answer:
        """"Apakah ... lebih dari 2.000 personel?": yes or no from the count the articles give, said with that count
        and its citation; when articles give figures on both sides of the threshold, the figures without a verdict."""
        fact = self.fact(info, pool)
        if fact.best is None or info.threshold is None:
            return self._refusal(question, info, fact)
        lang = info.language
        if fact.rivals:
            text, citations = self._disagreeing(info, fact)
        else:
            text = wording.single(wording.value_phrase(info, fact.best, lang), 1)
            citations = [cite(1, fact.best.sentence)]
        figures = [first_number(c.text) for c in [fact.best, *fact.rivals]]
        verdicts = {info.threshold.holds(f) for f in figures if f is not None}
        if len(verdicts) == 1:
            text = wording.compared_yes_no(verdicts.pop(), text, lang)
        return Answer(question=question, language=lang, text=text, citations=citations,
                      related=self._related(fact.considered, citations), conflicting=bool(fact.rivals),
                      mode=self.name, debug=self._debug(fact, lang))

    def _yes_no(self, question: str, info: QuestionInfo, pool: list[Evidence]) -> Answer:
        found = yes_no(info, self._evidence(info, pool))
        if found is None:
            return self._refusal(question, info, Fact())
        citation = cite(1, found.evidence)
        figure = wording.figure_phrase(found.evidence.article.text, *found.figure, info.language) if found.figure \
            else None
        return Answer(question=question, language=info.language,
                      text=wording.yes_no_line(found.yes, 1, info.language, figure),
                      citations=[citation], mode=self.name, debug={"support": round(found.score, 4)})

    def _refusal(self, question: str, info: QuestionInfo, fact: Fact,
                 reason: RefusalReason = RefusalReason.NOT_FOUND, text: str | None = None) -> Answer:
        lang = info.language
        citations: list[Citation] = []
        misfit = fact.misfit
        if text is None and misfit is not None and misfit.score >= self.calibration.cut(info.language) and \
                info.answer_type in (AnswerType.PERSON, AnswerType.PLACE, AnswerType.DATE, AnswerType.NUMBER,
                                     AnswerType.MONEY):
            # the articles touch the subject but state another kind of thing: say what they do state
            citations = [cite(1, misfit.sentence)]
            near = wording.value_phrase(info, misfit, lang)  # worded as an answer would be ("9 regencies")
            text = wording.wrong_type(question, info.answer_type, near, 1, lang)
            reason = RefusalReason.WRONG_TYPE
        return Answer(question=question, language=lang, text=text or wording.not_found(question, lang),
                      refused=True, refusal_reason=reason, citations=citations,
                      related=self._related(fact.considered, citations), mode=self.name,
                      debug=self._debug(fact, info.language))

    def _multi(self, question: str, info: QuestionInfo, pool: list[Evidence]) -> Answer:
        lang = info.language
        facts: list[Fact] = []
        used: set[Any] = set()
        for part in info.parts[:2]:
            # the second side must not re-read the first side's sentence as its own answer
            fact = self.fact(part, pool, exclude=None if info.combination in _SIDE_BY_SIDE else used)
            facts.append(fact)
            if fact.best is not None:
                used.add(fact.best.key)
        labels = [_side_label(info, i) for i in range(2)]
        missing = [(labels[i] or f"“{info.parts[i].question}”", info.parts[i].answer_type)
                   for i, f in enumerate(facts) if f.best is None]
        part_debug = [self._debug(f, info.language) | {"question": p.question}
                      for f, p in zip(facts, info.parts, strict=False)]
        supports = [d["support"] for d in part_debug]
        debug = {"parts": part_debug, "combination": info.combination,
                 "support": min(supports) if None not in supports else None}
        best = [f.best for f in facts if f.best is not None]
        citations = [cite(i + 1, c.sentence) for i, c in enumerate(best)]
        phrases = [wording.value_phrase(p, c, lang) for p, c in zip(info.parts, best, strict=False)]
        numbers = [first_number(c.text) for c in best]
        separate = info.combination is Combination.SEPARATE
        if separate and len(best) == 2 and best[0].key == best[1].key:  # one joint figure read for both ("7.200
            text, citations = wording.single(phrases[0], 1), citations[:1]  # personel gabungan TNI-Polri"): said once
        elif separate and len(best) == 1:  # the one answered is said, the other's absence noted
            text = f"{wording.single(phrases[0], 1)} {wording.missing_side(*missing[0], lang)}"
        elif missing:
            text = " ".join(wording.missing_side(label, kind, lang) for label, kind in missing)
            merged = Fact(considered=[c for f in facts for c in f.considered])
            answer = self._refusal(question, info, merged, text=text)
            answer.debug.update(debug)
            return answer
        elif info.combination not in _SIDE_BY_SIDE and all(n is not None for n in numbers):
            unit = wording.shared_noun(phrases, lang)
            sides = [(phrases[i], float(numbers[i] or 0), i + 1, labels[i]) for i in range(2)]
            compose = {Combination.DIFFERENCE: wording.difference, Combination.SUM: wording.total,
                       Combination.COMPARE: wording.comparison}[info.combination or Combination.COMPARE]
            text = compose(sides[0], sides[1], unit, lang)
            if info.asks_more is not None:  # "Did A deploy more than B?": yes when A's figure is the larger one
                first, second = sides[0][1], sides[1][1]
                text = wording.compared_yes_no(first > second if info.asks_more else first < second, text, lang)
        else:
            text = wording.both((phrases[0], 1, labels[0]), (phrases[1], 2, labels[1]), lang)
        return Answer(question=question, language=lang, text=text, citations=citations,
                      related=self._related([c for f in facts for c in f.considered], citations),
                      mode=self.name, debug=debug)

    # --- helpers --------------------------------------------------------------------------------
    def _related(self, considered: list[Candidate], cited: list[Citation], limit: int = 3) -> list[Citation]:
        """Closest other passages, one per article (an article cited already is not repeated)."""
        taken = {c.article_id for c in cited}
        out: list[Citation] = []
        for c in considered:
            if c.evidence.article.id in taken:
                continue
            taken.add(c.evidence.article.id)
            out.append(cite(len(cited) + len(out) + 1, c.sentence))
            if len(out) >= limit:
                break
        return out

    def _debug(self, fact: Fact, language: str) -> dict[str, Any]:
        return {
            "answerer": self.name,
            "support": round(fact.support, 4) if fact.support is not None else None,
            "threshold": self.calibration.cut(language),
            "best": _candidate_debug(fact.best) if fact.best else None,
            "rivals": [_candidate_debug(c) for c in fact.rivals],
            "top": [_candidate_debug(c) for c in fact.considered[:6]],
        }


# two facts stated side by side: neither part is kept off the other's sentence, nor are they combined into one figure
_SIDE_BY_SIDE = (Combination.BOTH, Combination.SEPARATE)


def _side_label(info: QuestionInfo, index: int) -> str:
    """How the answer names a side: the phrase the question varies ("Pemilu 2024", "Kalimantan Barat"); none for
    two questions asked at once, whose answers follow the order asked."""
    if info.combination is Combination.SEPARATE:
        return ""
    phrases = side_phrases(info.question)
    return phrases[index] if index < len(phrases) else info.parts[index].question


CALIBRATION_FILE = "calibration.json"


def load_calibration(folder: Path) -> Calibration:
    """The answerer's weights and threshold fitted on the dev set's tune split (defaults if never fitted)."""
    path = Path(folder) / CALIBRATION_FILE
    if not path.exists():
        return Calibration()
    raw = json.loads(path.read_text(encoding="utf-8"))
    known = Calibration.__dataclass_fields__
    return Calibration(**{k: v for k, v in raw.get("calibration", raw).items() if k in known})


def evidence_limits(settings: Settings) -> EvidenceLimits:
    return EvidenceLimits(max_chunks=settings.max_question_chunks, max_sentences=settings.max_question_sentences,
                          max_sentence_chars=settings.max_sentence_chars, passages=settings.reader_passages,
                          max_window_chars=settings.reader_window_chars)


def load_answerer(settings: Settings, embedder: Any | None = None) -> ReaderAnswerer:
    """The answerer the settings ask for, with the committed reader weights and calibration.

    Given the loaded default embedder, the reader shares its query encoder (embeddings, frozen layers,
    tokenizer) instead of loading them again.
    """
    from rag.reader import Reader
    from siaga.embedding import ensure_default_model
    from siaga.settings import DEFAULT_EMBED_MODEL

    shared = embedder if settings.embed_model == DEFAULT_EMBED_MODEL else None
    reader = Reader.load(settings.reader_dir, ensure_default_model(settings), precision=settings.reader_precision,
                         embedder=shared, threads=settings.reader_threads)
    return ReaderAnswerer(reader, load_calibration(settings.reader_dir), evidence_limits(settings))
