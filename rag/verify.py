"""Citation verifier: an answer is shown as verified only if every claim is backed by a cited span.

Checks, each producing one readable error string:
- every [n] marker in the text resolves to a citation numbered n;
- every citation's chunk exists and its quote is the verbatim slice of that chunk at its offsets;
- every number in the answer text occurs in some cited quote (1.048 = 1,048 = 1048, "1,5 juta",
  "delapan"; a clock time 08:00 as 08.00) or in a cited article's publication date (or the day a weekday its quote
  names alone is, in the week up to that date), except the result of
  arithmetic written out in the text ("4.192 − 2.511 = 1.681") whose operands are cited. Numbers inside [n] markers and
  inside the reference lines that reproduce a quote ("[1] “...” — Title, Outlet, date") are not claims and are skipped.
Refused answers make no claim, so they may carry no citations and their numbers are not checked.
The LLM backend calls these same functions, so the signatures are stable.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from siaga.dates import dated_days
from siaga.numbers import (
    MULTIPLIERS,
    find_numbers,
    find_word_numbers,
    number_values,
    parse_number_literal,
    same_number,
)
from siaga.types import Answer, Chunk

_MARKER_RE = re.compile(r"\[(\d+)\]")
# a reference line reproduces a citation: "[1] “quote” — Title, Outlet, 2024-02-10"
_REFERENCE_LINE_RE = re.compile(r"^\s*(?:\[\d+\]\s*)+[“\"«].*$", re.M)
_CLOCK_RE = re.compile(r"\b(\d{1,2}):(\d{2})\b")
_NUM = r"(?:Rp\.?\s?)?\d[\d.,]*(?:\s?(?:%|ribu|juta|miliar|milyar|triliun|thousand|million|billion|trillion)\b)?"
_OP = r"[+−\-–×x*/]"
_ARITH_RE = re.compile(rf"(?P<expr>{_NUM}(?:\s*{_OP}\s*{_NUM})+)\s*=\s*(?P<result>{_NUM})", re.I)


def _value_of(literal: str) -> float | None:
    nums = find_numbers(literal)
    return nums[0].value if nums else None


def _eval_expression(expr: str) -> tuple[list[float], float | None]:
    """Operands and value of a left-to-right +, −, ×, / expression; None when it cannot be read."""
    tokens = re.findall(rf"{_NUM}|{_OP}", expr, re.I)
    operands: list[float] = []
    ops: list[str] = []
    for tok in tokens:
        if re.fullmatch(_OP, tok):
            ops.append(tok)
            continue
        v = _value_of(tok)
        if v is None:
            return [], None
        operands.append(v)
    if not operands or len(ops) != len(operands) - 1:
        return operands, None
    total = operands[0]
    for op, v in zip(ops, operands[1:], strict=True):
        if op == "+":
            total += v
        elif op in "−-–":
            total -= v
        elif op in "×x*":
            total *= v
        elif op == "/" and v:
            total /= v
        else:
            return operands, None
    return operands, total


def quote_values(quotes: list[str]) -> set[float]:
    """Every value the cited quotes state, digits and spelled-out small numbers alike."""
    values: set[float] = set()
    for q in quotes:
        values |= number_values(q)
        values |= {float(w.value) for w in find_word_numbers(q)}
    return values


def published_values(answer: Answer) -> set[float]:
    """Day, month and year of each cited article's date, and of each day its quote names by weekday or by distance
    from that date (``siaga.dates.dated_days``): an answer may say when its source was published, and which day its
    "Selasa" or "kemarin" is."""
    values: set[float] = set()
    for c in answer.citations:
        if c.published and re.fullmatch(r"\d{4}-\d{2}-\d{2}", c.published[:10]):
            values |= {float(part) for part in c.published[:10].split("-")}
            for day in dated_days(c.quote, c.published):
                values |= {float(day.day or 0), float(day.month or 0), float(day.year or 0)}
    return values


def _in(value: float, values: set[float]) -> bool:
    return any(same_number(value, v) for v in values)


def times_as_articles_write_them(text: str) -> str:
    """An English clock time ("08:00") as the articles write it ("08.00"): one figure, not two."""
    return _CLOCK_RE.sub(r"\1.\2", text)


def _claim_text(text: str) -> str:
    """The answer text minus reference lines and [n] markers: what the answer itself asserts."""
    body = _REFERENCE_LINE_RE.sub("", text)
    return times_as_articles_write_them(_MARKER_RE.sub(" ", body))


def verify_answer(answer: Answer, chunks: Mapping[str, Chunk]) -> list[str]:
    """Every way ``answer`` is not backed by its citations (empty list = verified)."""
    errors: list[str] = []
    by_n = {c.n: c for c in answer.citations}
    if len(by_n) != len(answer.citations):
        errors.append("two citations share one number")
    for m in _MARKER_RE.finditer(answer.text):
        n = int(m.group(1))
        if n not in by_n:
            errors.append(f"marker [{n}] has no citation")
    for c in answer.citations:
        chunk = chunks.get(c.chunk_id)
        if chunk is None:
            errors.append(f"citation [{c.n}]: chunk {c.chunk_id!r} not found")
            continue
        if chunk.article_id != c.article_id:
            errors.append(
                f"citation [{c.n}]: chunk {c.chunk_id!r} belongs to {chunk.article_id!r}, not {c.article_id!r}"
            )
        if not c.quote.strip():
            errors.append(f"citation [{c.n}]: empty quote")
            continue
        if c.start < chunk.start or c.end > chunk.end or c.end <= c.start:
            errors.append(f"citation [{c.n}]: offsets {c.start}-{c.end} outside chunk {chunk.start}-{chunk.end}")
            continue
        if chunk.text[c.start - chunk.start : c.end - chunk.start] != c.quote:
            errors.append(f"citation [{c.n}]: quote is not verbatim at offsets {c.start}-{c.end}")
    if answer.refused:
        return errors
    if not answer.citations:
        errors.append("answer has no citations")
    values = quote_values([c.quote for c in answer.citations]) | published_values(answer)
    claims = _claim_text(answer.text)
    derived: set[float] = set()
    arithmetic_spans: list[tuple[int, int]] = []
    for m in _ARITH_RE.finditer(claims):
        operands, result = _eval_expression(m.group("expr"))
        stated = _value_of(m.group("result"))
        if result is None or stated is None:
            continue
        if not all(_in(v, values) for v in operands):
            missing = [v for v in operands if not _in(v, values)]
            errors.append(f"arithmetic operand(s) {missing} not in any cited quote")
            continue
        if not same_number(round(result, 6), round(stated, 6)) and abs(result - stated) > 1e-6 * max(1, abs(result)):
            errors.append(f"arithmetic '{m.group(0).strip()}' is wrong (= {result:g})")
            continue
        derived.add(stated)
        arithmetic_spans.append((m.start(), m.end()))
    for n in find_numbers(claims):
        candidates = {n.value}
        literal = parse_number_literal(re.sub(r"^Rp\.?\s?", "", n.surface).split()[0].rstrip("%"))
        if literal is not None:
            candidates.add(literal)
        mult = re.search(r"(ribu|juta|miliar|milyar|triliun|thousand|million|billion|trillion)$", n.surface, re.I)
        if mult and literal is not None:
            candidates.add(literal * MULTIPLIERS[mult.group(1).lower()])
        if any(_in(v, values) or _in(v, derived) for v in candidates):
            continue
        errors.append(f"number {n.surface!r} does not occur in any cited quote")
    return errors


def apply_verification(answer: Answer, chunks: Mapping[str, Chunk]) -> Answer:
    """A copy of ``answer`` with ``verified`` and ``verification_errors`` set."""
    errors = verify_answer(answer, chunks)
    return answer.model_copy(update={"verified": not errors, "verification_errors": errors})
