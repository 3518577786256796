"""The one entry point for answers: question -> standalone question -> hybrid retrieval -> answer -> verify.

The CLI, the Streamlit app, the llama-index engine and the eval suite all go through ``Siaga.answer``
(or ``Siaga.stream``), so what the eval measures is what users get.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from rag import wording
from rag.attribution import asks_who_said, source_answer
from rag.courtesy import courtesy_of, questions_asked, without_courtesy
from rag.followup import is_elliptical, rewrite_followup, written_out
from rag.glossary import expand_terms, words_as_read
from rag.overview import overview_answer, overview_topic
from rag.question import NOT_NAME_WORDS, analyze_question, detect_language, two_counts, two_questions
from rag.retrieval import HybridRetriever, RetrievalMode, with_sibling_chunks
from rag.verify import apply_verification
from siaga.regions import cased_place_names, indonesian_place_names
from siaga.settings import LLMBackend, Settings
from siaga.store import ArticleStore, KeywordIndex, VectorIndex
from siaga.text import raw_tokens, restore_case
from siaga.types import Answer, Combination, Filters, Phase, QuestionInfo, RefusalReason, RetrievedChunk

PhaseCallback = Callable[[Phase], None]


def _report(on_phase: PhaseCallback | None, phase: Phase) -> None:
    if on_phase is not None:
        on_phase(phase)


def empty_answer(question: str, language: str, reason: RefusalReason, filters: Filters | None) -> Answer:
    """The refusal when there is nothing to read at all: no articles, or filters that exclude them all."""
    filters = filters or Filters()
    if reason is RefusalReason.NO_ARTICLES:
        text = wording.no_articles(language)
    elif filters.since and filters.until and filters.since > filters.until:
        text = wording.reversed_range(filters, language)
    else:
        text = wording.filtered_out(filters, language)
    return Answer(question=question, language=language, text=text, refused=True, refusal_reason=reason,
                  verified=True)


def search_terms(question: str, language: str, synonym_weight: float) -> dict[str, float]:
    """Keyword-leg tokens with weights: the question's stems plus glossary equivalents.

    An Indonesian question's own words count fully, its glossary synonyms ``synonym_weight`` (forty
    synonyms must not drown "BKO digeser"). English questions keep every Indonesian equivalent at full
    weight: they are what the keyword leg can match at all.
    """
    words = raw_tokens(words_as_read(question, language))
    tokens = expand_terms(words, language)
    if language != "id":
        return dict.fromkeys(tokens, 1.0)
    own = set(expand_terms(words, language, synonyms=False))
    return {t: 1.0 if t in own else synonym_weight for t in tokens}


def questions_leaned_on(history: list[dict] | None) -> list[dict]:
    """The conversation a follow-up leans on: without courtesies ("Thanks!") nor "Who said so?" turns, and their
    replies ("Bagaimana dengan Sumbar?" after "Menurut siapa?" asks again the question before it, of Sumbar)."""
    return questions_asked(history, skip=lambda text: asks_who_said(without_courtesy(text.strip())))


def asked_together(info: QuestionInfo) -> QuestionInfo:
    """A request asking two things at once is answered as two parts, each made standalone against the other as a
    follow-up would be ("..., dan berapa TPS yang diamankannya?", "Berapa personel dan berapa TPS di Bali?"), and
    so is one question word counting two nouns ("Berapa personel dan TPS di Bali?"); a question with parts of its
    own (a sum, a difference, two sides) keeps them."""
    if info.parts:
        return info
    pair = two_questions(info.question)
    counts = None if pair else two_counts(info.question)
    if pair is not None:  # each may lean on the other: "Berapa personel dan berapa TPS di Bali?"
        first, second = pair
        first, second = (rewrite_followup(first, [{"role": "user", "content": second}]),
                         rewrite_followup(second, [{"role": "user", "content": first}]))
    elif counts is not None:  # "Berapa personel dan TPS di Bali?": each count is asked in full already
        first, second = counts
    else:
        return info
    info.parts = [analyze_question(first, split_parts=False), analyze_question(second, split_parts=False)]
    info.combination = Combination.SEPARATE
    return info


class Siaga:
    """Holds the heavy objects (model, Chroma client, BM25) once; safe to share across threads."""

    def __init__(self, settings: Settings | None = None, embedder: Any | None = None):
        self.settings = settings or Settings()
        self.settings.apply_runtime_env()
        self._embedder = embedder
        self._retriever: HybridRetriever | None = None
        self._llm: Any = None
        self._answerer: Any = None
        self._lock = threading.RLock()
        self.store = ArticleStore(self.settings.sqlite_path)

    # --- heavy parts, created on first use ----------------------------------------------------------
    @property
    def embedder(self) -> Any:
        with self._lock:
            if self._embedder is None:
                from siaga.embedding import load_embedder

                self._embedder = load_embedder(self.settings)
            return self._embedder

    @property
    def retriever(self) -> HybridRetriever:
        with self._lock:
            if self._retriever is None:
                from siaga.embedding import model_id

                vectors = VectorIndex(self.settings)
                vectors.check_model(model_id(self.settings))
                keywords = KeywordIndex(self.settings.bm25_dir)
                self._retriever = HybridRetriever(self.settings, self.store, vectors, keywords, self.embedder)
            return self._retriever

    @property
    def answerer(self) -> Any:
        """The extractive answerer (``rag.answerer.ReaderAnswerer``): the trained reader with its calibration."""
        with self._lock:
            if self._answerer is None:
                from rag.answerer import load_answerer

                self._answerer = load_answerer(self.settings, self.embedder)
            return self._answerer

    @property
    def llm(self) -> Any:
        with self._lock:
            if self._llm is None and self.settings.llm != LLMBackend.NONE:
                from rag.llm import LLMAnswerer

                self._llm = LLMAnswerer(self.settings, fallback=self.answerer)
            return self._llm

    @property
    def loaded(self) -> bool:
        """True once the model and indexes are in memory (the first question pays for loading them)."""
        return self._retriever is not None

    def warm_up(self) -> None:
        """Load the model and indexes now (the app calls this once, behind a spinner)."""
        self.retriever.refresh_keywords()
        self.embedder.get_query_embedding("pemilu")
        self.answerer.warm_up()
        self._follow_reader_threads()

    def _follow_reader_threads(self) -> None:
        """The question is embedded with the count the reader last timed as faster (2 on an idle 2-core machine,
        1 under contention; ~36 -> ~27 ms idle), unless ``query_threads`` is set: fp32 embeddings are the same for
        any count."""
        measured = getattr(getattr(self._answerer, "reader", None), "threads", None)
        if measured and "query_threads" not in self.settings.model_fields_set:
            self.retriever.query_threads = measured

    # --- steps -----------------------------------------------------------------------------------
    def standalone_question(self, question: str, history: list[dict] | None) -> str:
        """The question made standalone, only when it leans on the conversation (complete ones stay as asked),
        with chat shorthand written out ("brp" -> "berapa")."""
        question = written_out(question)
        history = questions_leaned_on(history)
        if not history or not is_elliptical(question):
            return question
        if self.llm is not None:
            return self.llm.condense(question, history)
        return rewrite_followup(*self._as_written(question, history))

    def _as_written(self, question: str, history: list[dict]) -> tuple[str, list[dict]]:
        """A follow-up and the conversation's questions cased as the articles the keyword leg finds for them write
        their words: the rewrite finds names by their capitals ("bagaimana dengan polda ntb?" names Polda NTB, and
        "Sebelumnya?" names nothing: the articles write "sebelumnya"; question words and markers are left alone)."""
        asked = [m["content"] for m in history if m.get("role") == "user"][-1:] + [question]
        language = detect_language(question)
        found = self.retrieve(" ".join(asked), mode=RetrievalMode.BM25, language=language)
        # and the follow-up's own words where the articles write them ("sebelumnya" is not in every count's story)
        found += self.retrieve(question, mode=RetrievalMode.BM25, language=language)
        texts = list(dict.fromkeys(c.chunk.text for c in found))
        words = question.split()
        opening = bool(words) and words[0].strip(",.?!").lower() not in NOT_NAME_WORDS
        return restore_case(question, texts, opening=opening), [
            {**m, "content": restore_case(m["content"], texts)} if m.get("role") == "user" else m for m in history]

    def retrieve(
        self,
        question: str,
        filters: Filters | None = None,
        top_k: int | None = None,
        mode: RetrievalMode = RetrievalMode.HYBRID,
        language: str | None = None,
    ) -> list[RetrievedChunk]:
        lang = language or analyze_question(question).language
        self._follow_reader_threads()  # (the reader times its count again after its first reads)
        return self.retriever.retrieve(
            question,
            tokens=search_terms(question, lang, self.settings.synonym_weight),
            language=lang, filters=filters, top_k=top_k, mode=mode
        )

    def _prepare(
        self, question: str, history: list[dict] | None, filters: Filters | None, top_k: int | None,
        on_phase: PhaseCallback | None = None,
    ) -> tuple[str, Any, list[RetrievedChunk]]:
        standalone = self.standalone_question(without_courtesy(question.strip()), history)
        standalone = indonesian_place_names(standalone)  # "Southwest Maluku" searched and read as "Maluku Barat Daya"
        info = asked_together(analyze_question(standalone))
        if not self.loaded:
            _report(on_phase, Phase.LOADING)
            self.retriever  # noqa: B018 - load models and indexes now, under the LOADING phase
            self.answerer  # noqa: B018
        _report(on_phase, Phase.SEARCHING)
        expand = self.settings.expand_articles
        # a question against a bar ("... lebih dari 2.000 personel?") is searched as its count question: the bar's
        # figure and word order are no search terms
        searched = info.question if info.threshold is not None else standalone
        candidates = self.retrieve(searched, filters, top_k, language=info.language)
        # "tangerang" read as the articles write it, "Tangerang"; "west kalimantan" as the gazetteer does (no article
        # writes it), then as news names it, "Kalimantan Barat"; the question is still quoted as typed
        cased = restore_case(indonesian_place_names(cased_place_names(standalone)), (c.chunk.text for c in candidates))
        if cased != standalone:  # read, and searched for, as the cased question: the dense leg is not case-blind
            info = asked_together(analyze_question(cased))
            searched = info.question if info.threshold is not None else cased
            candidates = self.retrieve(searched, filters, top_k, language=info.language)
        limit = self.settings.max_question_chunks
        candidates = with_sibling_chunks(candidates, self.store, expand, limit=limit, regions=info.regions)
        parts = getattr(info, "parts", None) or []
        if parts:
            # a comparison needs both sides: retrieve for each side too and merge (first rank wins)
            k = top_k or self.settings.top_k
            seen = {c.chunk.id for c in candidates}
            for part in parts:
                found = self.retrieve(part.question, filters, max(2, k // 2), language=info.language)
                for item in with_sibling_chunks(found, self.store, min(expand, 2), limit=limit // 2,
                                                regions=part.regions):
                    if item.chunk.id not in seen:
                        seen.add(item.chunk.id)
                        candidates.append(item)
        _report(on_phase, Phase.READING)
        return standalone, info, candidates

    def _nothing_to_read(self, filters: Filters | None) -> RefusalReason | None:
        """Why no passage can be read at all, checked before searching: an empty corpus or empty filters."""
        if not self.store.stats()["articles"]:
            return RefusalReason.NO_ARTICLES
        if filters and not filters.is_empty():
            if filters.since and filters.until and filters.since > filters.until:
                return RefusalReason.FILTERED_OUT
            if not self.store.count_matching(filters):
                return RefusalReason.FILTERED_OUT
        return None

    def courtesy_answer(self, question: str, history: list[dict] | None) -> Answer | None:
        """The reply to a message that only thanks, greets or acknowledges (``rag.courtesy``), in its language
        (else the conversation's); None for anything else. Nothing is searched or cited."""
        found = courtesy_of(question)
        if found is None:
            return None
        kind, language = found
        if language is None:
            asked = [m["content"] for m in questions_asked(history) if m.get("role") == "user" and m.get("content")]
            language = detect_language(asked[-1] if asked else question)
        return Answer(question=question, language=language, text=wording.courtesy_reply(kind, language),
                      refused=True, refusal_reason=RefusalReason.NOT_A_QUESTION)

    def _finish(self, answer: Answer, candidates: list[RetrievedChunk], started: float) -> Answer:
        chunks = {c.chunk.id: c.chunk for c in candidates}
        missing = {c.chunk_id for c in answer.citations if c.chunk_id not in chunks}
        if missing:
            chunks.update(self.store.get_chunks(missing))
        answer = apply_verification(answer, chunks)
        answer.seconds = time.perf_counter() - started
        answer.debug.setdefault("retrieved", [
            {"chunk_id": c.chunk.id, "article_id": c.article.id, "score": round(c.score, 5),
             "dense": c.dense_score, "bm25": c.bm25_score}
            for c in candidates
        ])
        return answer

    # --- public ----------------------------------------------------------------------------------
    def answer(
        self,
        question: str,
        history: list[dict] | None = None,
        filters: Filters | None = None,
        top_k: int | None = None,
        on_phase: PhaseCallback | None = None,
        answerer: Any = None,
    ) -> Answer:
        """Answer ``question`` (a follow-up when ``history`` is given) with verified citations.

        ``answerer`` overrides the configured one (the eval compares answerers over the same retrieval).
        """
        started = time.perf_counter()
        courtesy = self.courtesy_answer(question, history)
        if courtesy is not None:
            return self._finish(courtesy, [], started)
        empty = self._nothing_to_read(filters)
        if empty is not None:
            answer = empty_answer(question, analyze_question(question).language, empty, filters)
            answer.seconds = time.perf_counter() - started
            return answer
        source = self.source_of_previous(question, history, filters, top_k, answerer)
        if source is not None:
            return self._finish(source, [], started)
        standalone, info, candidates = self._prepare(question, history, filters, top_k, on_phase)
        answer = self._answer_with(question, standalone, info, candidates, history, on_token=None, answerer=answerer)
        _report(on_phase, Phase.CHECKING)
        return self._finish(answer, candidates, started)

    def source_of_previous(self, question: str, history: list[dict] | None, filters: Filters | None = None,
                           top_k: int | None = None, answerer: Any = None) -> Answer | None:
        """"Who said so?" / "Menurut siapa?" after an answer: who the cited articles attribute it to
        (``rag.attribution``); None for any other question. The previous answer is asked again (answers are
        deterministic, and the history holds only its text)."""
        history = questions_leaned_on(history)  # after "Thanks!", "Who said so?" still asks about the last answer
        asked = [i for i, m in enumerate(history) if m.get("role") == "user"]
        if not asked or not asks_who_said(without_courtesy(question.strip())):
            return None
        at = asked[-1]
        previous = self.answer(history[at]["content"], history[:at], filters, top_k, answerer=answerer)
        ids = {c.article_id for c in previous.citations}
        articles = self.store.get_many(ids)
        chunks = {i: self.store.chunks_of(i) for i in articles}
        return source_answer(question, detect_language(question), previous, articles, chunks)

    def _answer_with(self, question: str, standalone: str, info: Any, candidates: list[RetrievedChunk],
                     history: list[dict] | None, on_token: Any, answerer: Any = None) -> Answer:
        """The answer from ``answerer``, else the LLM backend when one is set, else the reader; an overview
        request ("Tell me about ...") is answered with the articles' own sentences (``rag.overview``) either way."""
        topic = overview_topic(standalone) if answerer is None else None
        if topic is not None:
            answer = overview_answer(standalone, topic, info.language, candidates)
        else:
            chosen = answerer or self.llm or self.answerer
            answer = chosen.answer(standalone, info, candidates, history=history, on_token=on_token)
        answer.question = question
        answer.standalone_question = standalone if standalone != question else None
        return answer

    def stream(
        self,
        question: str,
        history: list[dict] | None = None,
        filters: Filters | None = None,
        top_k: int | None = None,
        on_phase: PhaseCallback | None = None,
    ) -> AnswerStream:
        """Like ``answer`` but yields text as it is produced; ``.answer`` holds the final, verified one."""
        return AnswerStream(self, question, history, filters, top_k, on_phase)


class AnswerStream:
    """Iterate for text pieces (LLM tokens, or the extractive answer in word groups); then read ``.answer``.

    If an LLM answer fails verification, the final answer is the extractive one: the UI replaces the
    streamed text with ``answer.text`` when ``replaced`` is True.
    """

    def __init__(self, siaga: Siaga, question: str, history: list[dict] | None, filters: Filters | None,
                 top_k: int | None, on_phase: PhaseCallback | None = None):
        self.siaga = siaga
        self.on_phase = on_phase
        self.question = question
        self.history = history
        self.filters = filters
        self.top_k = top_k
        self.answer: Answer | None = None
        self.standalone: str | None = None
        self.candidates: list[RetrievedChunk] = []
        self.streamed = ""
        self.replaced = False

    def __iter__(self) -> Iterator[str]:
        started = time.perf_counter()
        courtesy = self.siaga.courtesy_answer(self.question, self.history)
        if courtesy is not None:
            self.answer = self.siaga._finish(courtesy, [], started)
            self.streamed = self.answer.text
            yield self.answer.text
            return
        empty = self.siaga._nothing_to_read(self.filters)
        if empty is not None:
            self.answer = empty_answer(self.question, analyze_question(self.question).language, empty, self.filters)
            self.answer.seconds = time.perf_counter() - started
            self.streamed = self.answer.text
            yield self.answer.text
            return
        source = self.siaga.source_of_previous(self.question, self.history, self.filters, self.top_k)
        if source is not None:
            self.answer = self.siaga._finish(source, [], started)
            self.standalone = self.answer.standalone_question
            self.streamed = self.answer.text
            yield self.answer.text
            return
        standalone, info, candidates = self.siaga._prepare(self.question, self.history, self.filters, self.top_k,
                                                           self.on_phase)
        self.standalone, self.candidates = standalone, candidates
        if self.siaga.llm is None or overview_topic(standalone) is not None:  # an overview is no LLM answer
            answer = self.siaga._finish(
                self.siaga._answer_with(self.question, standalone, info, candidates, self.history, None),
                candidates, started,
            )
            self.answer = answer
            for piece in _word_groups(answer.text):
                self.streamed += piece
                yield piece
            return
        tokens: queue.Queue[str | None] = queue.Queue()
        box: dict[str, Any] = {}

        def work() -> None:
            try:
                box["answer"] = self.siaga._answer_with(
                    self.question, standalone, info, candidates, self.history, on_token=tokens.put
                )
            except BaseException as exc:  # surfaced below, in the consumer's thread
                box["error"] = exc
            finally:
                tokens.put(None)

        threading.Thread(target=work, daemon=True).start()
        while (piece := tokens.get()) is not None:
            self.streamed += piece
            yield piece
        if "error" in box:
            raise box["error"]
        self.answer = self.siaga._finish(box["answer"], candidates, started)
        self.replaced = self.answer.text.strip() != self.streamed.strip()


def _word_groups(text: str, size: int = 4) -> Iterator[str]:
    words = text.split(" ")
    for i in range(0, len(words), size):
        yield " ".join(words[i : i + size]) + (" " if i + size < len(words) else "")


_default: Siaga | None = None
_default_lock = threading.Lock()


def default_siaga() -> Siaga:
    """A process-wide Siaga built from the environment's settings."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Siaga()
        return _default
