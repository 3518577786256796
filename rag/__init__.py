"""Grounded answers with verified citations: hybrid retrieval, extractive answerer, optional LLM."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from siaga.types import Answer, Filters


def answer(question: str, history: list[dict] | None = None, filters: Filters | None = None) -> Answer:
    """Answer a question with verified citations, using settings from the environment."""
    from rag.pipeline import default_siaga

    return default_siaga().answer(question, history=history, filters=filters)


def stream(question: str, history: list[dict] | None = None, filters: Filters | None = None) -> Any:
    """Streaming variant: iterate for text pieces, then read ``.answer``."""
    from rag.pipeline import default_siaga

    return default_siaga().stream(question, history=history, filters=filters)
