"""Optional LLM answerer: a local model writes the prose, Siaga picks the quotes and checks them.

The model only chooses which numbered source backs each sentence. The quote behind every [n] is
cut by this module from the stored chunk (the sentence sharing the most numbers, then keywords, with
the answer sentence), so it is verbatim by construction. Sentences whose numbers are not in their
cited quotes are dropped; if nothing verifiable remains, or the server fails, is slow or talks
nonsense, the caller's extractive answer is returned instead, with a note saying why.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx
from llama_index.core.llms import LLM, ChatMessage

from rag.prompts import (
    build_messages,
    condense_messages,
    is_instruction_like,
    is_refusal,
    normalize_markers,
    parse_markers,
    strip_markers,
)
from rag.verify import apply_verification, quote_values
from siaga.numbers import MULTIPLIERS, find_numbers, parse_number_literal, same_number
from siaga.sentences import split_sentences
from siaga.settings import LLMBackend, Settings
from siaga.text import keyword_tokens
from siaga.types import Answer, Chunk, Citation, QuestionInfo, RetrievedChunk

log = logging.getLogger(__name__)

FALLBACK_MODE = "extractive (LLM fallback)"
MAX_OUTPUT_TOKENS = 1024  # a short cited answer needs ~200; the cap stops a runaway model early
MAX_ANSWER_CHARS = 8000  # streamed text beyond this is garbage, not an answer
MAX_QUOTES_PER_MARKER = 3  # one answer sentence may combine numbers from a few sentences of a chunk
CONTEXT_WINDOW = 8192  # explicit, so Ollama neither asks /api/show nor truncates at its small default
_THINK_RE = re.compile(r"<think>.*?</think>", re.DOTALL | re.IGNORECASE)
_SOURCES_HEADING_RE = re.compile(
    r"^\s*(?:\*\*)?(?:sources?|sumber(?: artikel)?|referensi|references|rujukan)(?:\*\*)?\s*:", re.IGNORECASE
)
_LIST_NUMBER_RE = re.compile(r"(?m)^([ \t]*)\d{1,2}[.)][ \t]+")
_MARKER_ONLY_RE = re.compile(r"^\s*(?:\[\d+\]\s*)+[.!?]?\s*$")
_CITE_RE = re.compile(r"\[(\d+)\]")


class LLMError(Exception):
    """The LLM produced no usable answer (server error, garbage, nothing verifiable)."""


class LLMServerError(LLMError):
    """The server refused or broke the request (HTTP error, connection refused, bad stream)."""


class LLMTimeout(LLMError):
    """No complete answer within the deadline (the server may still be talking)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"no complete answer after {seconds:g} s")
        self.seconds = seconds


class UnverifiableAnswer(LLMError):
    """The answer parsed, but nothing in it could be checked against its sources."""

    def __init__(self, reason: str, notes: list[str] | None = None) -> None:
        super().__init__(reason)
        self.notes = notes or []


def make_llm(settings: Settings) -> LLM:
    """The llama-index LLM for ``settings.llm``: no retries, the settings' timeout, low temperature."""
    if settings.llm == LLMBackend.OPENAI:
        from llama_index.llms.openai_like import OpenAILike

        return OpenAILike(
            model=settings.llm_model,
            api_base=settings.llm_base_url,
            api_key=settings.llm_api_key,
            timeout=settings.llm_timeout,
            is_chat_model=True,
            is_function_calling_model=False,
            max_retries=0,
            max_tokens=MAX_OUTPUT_TOKENS,
            temperature=0.1,
            context_window=CONTEXT_WINDOW,
        )
    if settings.llm == LLMBackend.OLLAMA:
        from llama_index.llms.ollama import Ollama

        # Ollama's native API lives at the host root; accept a base URL copied from its /v1 endpoint.
        base = re.sub(r"/(?:v1|api)/?$", "", settings.llm_base_url.rstrip("/"))
        return Ollama(
            model=settings.llm_model,
            base_url=base,
            request_timeout=settings.llm_timeout,
            temperature=0.1,
            context_window=CONTEXT_WINDOW,
            additional_kwargs={"num_predict": MAX_OUTPUT_TOKENS},
            is_function_calling_model=False,
        )
    raise ValueError(f"no LLM backend configured (settings.llm={settings.llm!s})")


# ---------------------------------------------------------------------------------------------
# Quotes: which sentence of a chunk backs an answer sentence


@dataclass(frozen=True)
class QuoteCandidate:
    """One sentence of a chunk that may be quoted; offsets are relative to the chunk text."""

    start: int
    end: int
    text: str
    numbers: frozenset[float]
    keywords: frozenset[str]


def quote_pool(chunk: Chunk) -> list[QuoteCandidate]:
    """The quotable sentences of ``chunk``; instruction-like sentences never back an answer."""
    pool: list[QuoteCandidate] = []
    for s, e in split_sentences(chunk.text):
        sentence = chunk.text[s:e]
        if is_instruction_like(sentence):
            continue
        pool.append(
            QuoteCandidate(s, e, sentence, frozenset(quote_values([sentence])), frozenset(keyword_tokens(sentence)))
        )
    return pool


def _covered(value: float, numbers: frozenset[float] | set[float]) -> bool:
    return any(same_number(value, n) for n in numbers)


@dataclass(frozen=True)
class NumberClaim:
    """A number written in the answer and the values it may mean ("1,5 juta": 1500000 or 1.5)."""

    surface: str
    values: frozenset[float]

    def supported_by(self, numbers: frozenset[float] | set[float]) -> bool:
        return any(_covered(v, numbers) for v in self.values)


def number_claims(text: str) -> list[NumberClaim]:
    """The numbers ``text`` states (markers removed first), read the way rag.verify reads them."""
    claims: list[NumberClaim] = []
    for m in find_numbers(strip_markers(text)):
        values = {m.value}
        literal = parse_number_literal(re.sub(r"^Rp\.?\s?", "", m.surface).split()[0].rstrip("%"))
        if literal is not None:
            values.add(literal)
            mult = re.search(r"(ribu|juta|miliar|milyar|triliun|thousand|million|billion|trillion)$", m.surface, re.I)
            if mult:
                values.add(literal * MULTIPLIERS[mult.group(1).lower()])
        claims.append(NumberClaim(m.surface, frozenset(values)))
    return claims


def best_quotes(
    sentence: str, pool: Sequence[QuoteCandidate], limit: int = MAX_QUOTES_PER_MARKER
) -> list[QuoteCandidate]:
    """The sentences of one chunk that best support ``sentence``: most shared numbers, then keywords.

    The first pick is the best single sentence; further picks are added only while they cover a
    number of ``sentence`` that the picks so far do not.
    """
    if not pool:
        return []
    claims = number_claims(sentence)
    keywords = set(keyword_tokens(strip_markers(sentence)))

    def score(q: QuoteCandidate, wanted: list[NumberClaim]) -> tuple[int, int]:
        return (sum(1 for c in wanted if c.supported_by(q.numbers)), len(keywords & q.keywords))

    order = {id(q): i for i, q in enumerate(pool)}
    picks = [max(pool, key=lambda q: (*score(q, claims), -order[id(q)]))]
    uncovered = [c for c in claims if not c.supported_by(picks[0].numbers)]
    while uncovered and len(picks) < limit:
        rest = [q for q in pool if q not in picks]
        if not rest:
            break
        nxt = max(rest, key=lambda q: (*score(q, uncovered), -order[id(q)]))
        if score(nxt, uncovered)[0] == 0:
            break
        picks.append(nxt)
        uncovered = [c for c in uncovered if not c.supported_by(nxt.numbers)]
    return sorted(picks, key=lambda q: q.start)


# ---------------------------------------------------------------------------------------------
# From raw model text to a checked Answer


def clean_output(raw: str) -> str:
    """Model text without reasoning blocks, trailing source lists and marker variants."""
    text = _THINK_RE.sub("", raw)
    if "<think>" in text.lower():  # reasoning never closed: no answer came out
        return ""
    lines = text.strip().splitlines()
    for i, line in enumerate(lines):
        if i > 0 and _SOURCES_HEADING_RE.match(line):
            lines = lines[:i]
            break
    text = "\n".join(lines)
    # "1. ..." list numbers are layout, not facts: as bullets they cannot fail the number check
    text = _LIST_NUMBER_RE.sub(r"\1- ", text)
    return normalize_markers(text).strip()


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of the answer; a span holding only markers joins the sentence before it."""
    spans: list[tuple[int, int]] = []
    for s, e in split_sentences(text):
        if spans and _MARKER_ONLY_RE.match(text[s:e]):
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
    return spans


def _fmt_claims(claims: list[NumberClaim]) -> str:
    return ", ".join(c.surface for c in claims)


def _short(sentence: str, limit: int = 160) -> str:
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"


@dataclass
class _KeptSentence:
    start: int
    end: int
    text: str
    quotes: dict[int, list[tuple[int, QuoteCandidate]]] = field(default_factory=dict)  # marker n -> (source, quote)


def compose_answer(raw: str, question: str, language: str, candidates: Sequence[RetrievedChunk]) -> Answer:
    """Turn the model's text into an Answer whose every [n] points at a verbatim sentence span.

    Raises UnverifiableAnswer when nothing checkable is left (its ``notes`` list the drops).
    """
    text = clean_output(raw)
    if not text:
        raise UnverifiableAnswer("the model returned no answer text")
    refused = is_refusal(text)
    pools = [quote_pool(rc.chunk) for rc in candidates]
    question_numbers = frozenset(v for c in number_claims(question) for v in c.values)
    notes: list[str] = []
    kept: list[_KeptSentence] = []

    for s, e in _sentence_spans(text):
        sentence = text[s:e]
        markers = parse_markers(sentence)
        claims = number_claims(sentence)
        reason = ""
        missing = [n for n in markers if not 1 <= n <= len(candidates)]
        if missing:
            reason = "cites a source that does not exist (" + ", ".join(f"[{n}]" for n in missing) + ")"
        elif not markers:
            echoed = refused and is_refusal(sentence) and all(c.supported_by(question_numbers) for c in claims)
            if claims and not echoed:
                reason = f"states a number ({_fmt_claims(claims)}) without citing a source"
        else:
            empty = [n for n in markers if not pools[n - 1]]
            if empty:
                reason = "cites a source with no quotable sentence (" + ", ".join(f"[{n}]" for n in empty) + ")"
        if not reason and markers:
            item = _KeptSentence(s, e, sentence)
            support: set[float] = set()
            for n in markers:
                picks = best_quotes(sentence, pools[n - 1])
                item.quotes[n] = [(n, q) for q in picks]
                for q in picks:
                    support |= q.numbers
            unsupported = [c for c in claims if not c.supported_by(support)]
            if unsupported:
                reason = f"number {_fmt_claims(unsupported)} is not in its cited sources"
            else:
                kept.append(item)
        elif not reason:
            kept.append(_KeptSentence(s, e, sentence))
        if reason:
            notes.append(f"dropped unverifiable sentence: {_short(sentence)} ({reason})")

    if not any(k.quotes for k in kept) and not refused:
        detail = f"; dropped {len(notes)} unverifiable sentence(s)" if notes else ""
        raise UnverifiableAnswer(f"no sentence with a checkable citation{detail}", notes)

    citations, final_text = _renumber(text, kept, candidates)
    if not final_text:
        raise UnverifiableAnswer("nothing left after dropping unverifiable sentences", notes)
    return Answer(
        question=question,
        language=language,
        text=final_text,
        refused=refused and is_refusal(final_text),
        citations=citations,
        mode="llm",
        notes=notes,
    )


def _renumber(text: str, kept: list[_KeptSentence], candidates: Sequence[RetrievedChunk]) -> tuple[list[Citation], str]:
    """Give each distinct quoted span a compact number (first use first) and rebuild the text.

    The text keeps the model's layout (line breaks, bullets) minus the dropped sentences.
    """
    numbers: dict[tuple[str, int, int], int] = {}
    citations: list[Citation] = []
    pieces: list[str] = []
    pos = 0
    for item in kept:
        pieces.append(_gap(text[pos : item.start]))
        pos = item.end

        def repl(m: re.Match[str], item: _KeptSentence = item) -> str:
            out: list[str] = []
            for src, q in item.quotes.get(int(m.group(1)), []):
                rc = candidates[src - 1]
                key = (rc.chunk.id, q.start, q.end)
                if key not in numbers:
                    numbers[key] = len(numbers) + 1
                    citations.append(_citation(numbers[key], rc, q))
                marker = f"[{numbers[key]}]"
                if marker not in out:
                    out.append(marker)
            return "".join(out)

        sentence = _CITE_RE.sub(repl, item.text)
        pieces.append(re.sub(r"(\[\d+\])\1+", r"\1", sentence))
    final = "".join(pieces)
    final = "\n".join(line.rstrip() for line in final.splitlines() if line.strip(" \t-*•"))
    return citations, re.sub(r"[ \t]{2,}", " ", final).strip()


def _gap(between: str) -> str:
    """What separated two kept sentences: its line breaks survive, dropped text does not."""
    if "\n" in between:
        return "\n" * min(between.count("\n"), 2)
    return " " if between else ""


def _citation(n: int, rc: RetrievedChunk, q: QuoteCandidate) -> Citation:
    return Citation.of(n, rc.article, rc.chunk.id, rc.chunk.start + q.start, rc.chunk.start + q.end, q.text)


# ---------------------------------------------------------------------------------------------
# The answerer


def _classify(exc: BaseException, timeout: float) -> LLMError:
    """Map client-library exceptions onto timeout vs server error (the note says which)."""
    if isinstance(exc, LLMError):
        return exc
    name = type(exc).__name__
    if isinstance(exc, httpx.TimeoutException | TimeoutError) or "Timeout" in name:
        return LLMTimeout(timeout)
    message = " ".join(str(exc).split())[:200]
    return LLMServerError(f"{name}: {message}" if message else name)


class LLMAnswerer:
    """Writes answers with an LLM and keeps only what checks out against the retrieved chunks.

    The same ``Answerer`` protocol as the reader (``rag.answerer``); when the LLM's answer cannot be
    verified, or is not the kind of thing asked (a who-question answered with a number), the
    ``fallback`` answerer's answer is returned with a note saying why.
    """

    name = "llm"

    def __init__(self, settings: Settings, llm: LLM | None = None, fallback: Any | None = None) -> None:
        self.settings = settings
        self._llm = llm
        self.fallback = fallback
        self.last_error: str | None = None

    def warm_up(self) -> None:
        if self.fallback is not None:
            self.fallback.warm_up()

    @property
    def llm(self) -> LLM:
        if self._llm is None:
            self._llm = make_llm(self.settings)
        return self._llm

    @property
    def timeout(self) -> float:
        return float(self.settings.llm_timeout)

    def stream_text(self, messages: list[ChatMessage], on_token: Callable[[str], None] | None = None) -> str:
        """Stream a chat reply, calling ``on_token`` per delta (in the caller's thread), within the deadline.

        The request runs in a daemon worker thread and hands deltas over a queue, so a server that
        hangs, or drips tokens forever, costs at most ``llm_timeout`` seconds here.
        """
        timeout = self.timeout
        events: queue.SimpleQueue[tuple[str, object]] = queue.SimpleQueue()
        stop = threading.Event()
        llm = self.llm

        def work() -> None:
            gen = None
            try:
                gen = llm.stream_chat(messages)
                for resp in gen:
                    if stop.is_set():
                        return
                    if resp.delta:
                        events.put(("delta", resp.delta))
                events.put(("done", None))
            except BaseException as exc:  # handed to the caller's thread
                events.put(("error", exc))
            finally:
                close = getattr(gen, "close", None)
                if close is not None:
                    with contextlib.suppress(Exception):  # closing an abandoned stream is best effort
                        close()

        deadline = time.monotonic() + timeout
        worker = threading.Thread(target=work, name="siaga-llm-stream", daemon=True)
        worker.start()
        parts: list[str] = []
        size = 0
        try:
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise LLMTimeout(timeout)
                try:
                    kind, value = events.get(timeout=remaining)
                except queue.Empty:
                    raise LLMTimeout(timeout) from None
                if kind == "delta":
                    assert isinstance(value, str)
                    parts.append(value)
                    size += len(value)
                    if on_token is not None:
                        on_token(value)
                    if size > MAX_ANSWER_CHARS:
                        raise UnverifiableAnswer(f"the model wrote more than {MAX_ANSWER_CHARS} characters")
                elif kind == "error":
                    assert isinstance(value, BaseException)
                    raise _classify(value, timeout) from value
                else:
                    return "".join(parts)
        finally:
            stop.set()

    def condense(self, question: str, history: list[dict] | None) -> str:
        """A standalone version of a follow-up question; the question itself when anything goes wrong."""
        if not history:
            return question
        try:
            raw = self.stream_text(condense_messages(question, history))
        except Exception as exc:  # condensing is an optimisation: never fail the turn over it
            self.last_error = str(_classify(exc, self.timeout))
            log.warning("condense failed: %s", self.last_error)
            return question
        text = _THINK_RE.sub("", raw).strip()
        line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
        line = re.sub(r"^(?:standalone question|pertanyaan(?: mandiri)?)\s*:\s*", "", line, flags=re.IGNORECASE)
        line = line.strip(" \"'“”‘’`*")
        if not line or len(line) > 4 * len(question) + 200:
            return question
        return line

    def answer(
        self,
        question: str,
        info: QuestionInfo,
        candidates: list[RetrievedChunk],
        history: list[dict] | None = None,
        on_token: Callable[[str], None] | None = None,
    ) -> Answer:
        """The LLM's answer if it verifies and is of the asked type, otherwise the fallback's with a note."""
        from rag.compose import text_fits

        def fallback() -> Answer:
            if self.fallback is None:
                raise LLMError("the LLM answer failed and no fallback answerer is set")
            return self.fallback.answer(question, info, candidates)

        language = info.language
        started = time.monotonic()
        messages = build_messages(question, language, candidates, history)
        try:
            raw = self.stream_text(messages, on_token)
        except LLMTimeout:
            return self._fall_back(fallback, f"LLM timed out after {self.timeout:g} s; showing the extractive answer")
        except UnverifiableAnswer as exc:
            return self._fall_back(fallback, f"LLM answer failed verification: {exc}; showing the extractive answer")
        except LLMError as exc:
            return self._fall_back(fallback, f"LLM server error: {exc}; showing the extractive answer")
        seconds = time.monotonic() - started
        try:
            draft = compose_answer(raw, question, language, candidates)
        except UnverifiableAnswer as exc:
            return self._fall_back(
                fallback, f"LLM answer failed verification: {exc}; showing the extractive answer", exc.notes
            )
        chunks = {rc.chunk.id: rc.chunk for rc in candidates}
        checked = apply_verification(draft, chunks)
        if checked.verification_errors or not checked.verified:
            errors = "; ".join(checked.verification_errors) or "not verified"
            return self._fall_back(
                fallback, f"LLM answer failed verification: {errors}; showing the extractive answer", draft.notes
            )
        if not checked.refused and not text_fits(info, checked.text):
            return self._fall_back(
                fallback, f"LLM answer does not state a {info.answer_type.value}; showing the extractive answer"
            )
        checked.debug = {**checked.debug, "llm_raw": raw, "llm_seconds": round(seconds, 3)}
        return checked

    def _fall_back(self, fallback: Callable[[], Answer], note: str, extra: list[str] | None = None) -> Answer:
        self.last_error = note
        log.info("%s", note)
        base = fallback()
        return base.model_copy(update={"mode": FALLBACK_MODE, "notes": [*base.notes, note, *(extra or [])]})
