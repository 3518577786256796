"""Answer baselines the eval reports beside the reader: what do we gain over retrieval alone?

``RetrievalOnlyAnswerer`` answers with the first sentence of the top retrieved passage (never
refuses): the floor any answerer must beat. (The old rule answerer was measured beside the reader once,
then deleted: see the README's "Measured" section.)
"""

from __future__ import annotations

from collections.abc import Callable

from rag.answerer import cite
from rag.evidence import EvidenceLimits, candidate_sentences
from siaga.types import Answer, QuestionInfo, RetrievedChunk


class RetrievalOnlyAnswerer:
    """The first sentence of the best-ranked retrieved chunk, cited as the answer."""

    name = "retrieval-only"

    def __init__(self, limits: EvidenceLimits | None = None) -> None:
        self.limits = limits or EvidenceLimits()

    def warm_up(self) -> None:
        return None

    def answer(self, question: str, info: QuestionInfo, candidates: list[RetrievedChunk],
               history: list[dict] | None = None, on_token: Callable[[str], None] | None = None) -> Answer:
        sentences = candidate_sentences(candidates[:1], self.limits)
        if not sentences:
            return Answer(question=question, language=info.language, text="-", refused=True, mode=self.name)
        first = sentences[0]
        return Answer(question=question, language=info.language, text=f"{first.text} [1]",
                      citations=[cite(1, first)], mode=self.name)
