"""Eval question sets (JSONL): strict loading with errors that name the file and line.

A malformed question silently scored as wrong would distort every figure, so loading validates each
line, collects the problems (up to 20) and raises one readable ``DatasetError``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

QUESTION_TYPES: tuple[str, ...] = (
    "numeric",
    "entity",
    "date",
    "yes_no",
    "multi_doc",
    "unanswerable",
    "followup",
)
LANGS: tuple[str, ...] = ("id", "en")
UNANSWERABLE = "UNANSWERABLE"
MAX_REPORTED_ERRORS = 20

QuestionType = Literal["numeric", "entity", "date", "yes_no", "multi_doc", "unanswerable", "followup"]


class DatasetError(ValueError):
    """A question file that cannot be used; the message lists every problem with its line number."""


class Turn(BaseModel):
    """One earlier chat turn of a follow-up question."""

    model_config = ConfigDict(strict=True, extra="ignore")

    role: Literal["user", "assistant"]
    content: str = Field(min_length=1)


class EvalItem(BaseModel):
    """One eval question with its gold answer and the articles that state it."""

    model_config = ConfigDict(strict=True, extra="ignore")

    id: str = Field(min_length=1)
    question: str = Field(min_length=1)
    lang: Literal["id", "en"]
    answer: str = Field(min_length=1)
    answer_aliases: list[str]
    numeric: float | None
    source_ids: list[str]
    type: QuestionType
    history: list[Turn] = Field(default_factory=list)
    check: list[str] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> EvalItem:
        if self.type == "followup" and not self.history:
            raise ValueError("field 'history' is required (non-empty) for followup questions")
        if self.type == "unanswerable":
            if self.answer != UNANSWERABLE:
                raise ValueError(f"unanswerable questions must have answer {UNANSWERABLE!r}")
            if self.numeric is not None:
                raise ValueError("unanswerable questions must have numeric null")
        else:
            if self.answer == UNANSWERABLE:
                raise ValueError(f"answer {UNANSWERABLE!r} requires type 'unanswerable'")
            if not self.source_ids:
                raise ValueError("field 'source_ids' must list at least one article for answerable questions")
        return self

    @property
    def answerable(self) -> bool:
        return self.type != "unanswerable"

    @property
    def gold_forms(self) -> list[str]:
        """The gold answer followed by its aliases (what alias matching accepts)."""
        return [self.answer, *self.answer_aliases]


def article_matches_gold(article_id: str, source_stem: str | None, gold_ids: Iterable[str]) -> bool:
    """Gold ids name an article by its explicit id or by the stem of the file it came from."""
    gold = set(gold_ids)
    return article_id in gold or (source_stem is not None and source_stem in gold)


def _describe(error: dict[str, Any]) -> str:
    """One pydantic error as a sentence a dataset author can act on."""
    loc = ".".join(str(p) for p in error.get("loc", ()))
    kind = error.get("type", "")
    if not loc:
        return str(error.get("msg", "")).removeprefix("Value error, ")
    field = f"field '{loc}'"
    if kind == "missing":
        return f"{field} is missing"
    if kind == "literal_error":
        expected = str((error.get("ctx") or {}).get("expected", "")).replace("'", "")
        expected = expected.replace(" or ", ", ")
        return f"{field} must be one of {expected} (got {error.get('input')!r})"
    if kind in ("string_too_short", "too_short"):
        return f"{field} must not be empty"
    if kind == "value_error":
        return f"{field}: " + str(error.get("msg", "")).removeprefix("Value error, ")
    names = {
        "string_type": "a string",
        "float_type": "a number or null",
        "int_type": "an integer",
        "list_type": "a list",
        "model_type": "an object",
        "dict_type": "an object",
    }
    if kind in names:
        return f"{field} must be {names[kind]} (got {error.get('input')!r})"
    return f"{field}: {error.get('msg')}"


def parse_items(lines: Iterable[str], name: str) -> list[EvalItem]:
    """Validate JSONL lines (1-based numbering, blank lines skipped); raise one DatasetError for all."""
    errors: list[str] = []
    items: list[EvalItem] = []
    first_line: dict[str, int] = {}
    seen_any = False
    for lineno, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        seen_any = True
        where = f"{name} line {lineno}"
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            errors.append(f"{where}: invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            errors.append(f"{where}: expected a JSON object, got {type(obj).__name__}")
            continue
        try:
            item = EvalItem.model_validate(obj)
        except ValidationError as exc:
            errors.extend(f"{where}: {_describe(e)}" for e in exc.errors())  # type: ignore[arg-type]
            continue
        if item.id in first_line:
            errors.append(f"{where}: duplicate id {item.id!r} (first on line {first_line[item.id]})")
            continue
        first_line[item.id] = lineno
        items.append(item)
    if not seen_any:
        raise DatasetError(f"{name}: file is empty (no questions)")
    if errors:
        shown = errors[:MAX_REPORTED_ERRORS]
        more = len(errors) - len(shown)
        tail = f"\n... and {more} more error(s)" if more else ""
        raise DatasetError(f"{len(errors)} error(s) in {name}:\n" + "\n".join(shown) + tail)
    return items


def load_dataset(path: Path | str) -> list[EvalItem]:
    """Load and validate a question file; every problem is reported at once with its line number."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DatasetError(f"{path.name}: file not found ({path})") from exc
    except UnicodeDecodeError as exc:
        raise DatasetError(f"{path.name}: not UTF-8 text ({exc.reason})") from exc
    return parse_items(text.splitlines(), path.name)
