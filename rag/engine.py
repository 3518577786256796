"""Siaga as llama-index engines, so it composes with that ecosystem (tools, agents, routers).

Both engines delegate to ``Siaga.answer``: the same retrieval, answerer and verifier as the CLI and
the app. Source nodes carry the cited sentences with their article metadata.
"""

from __future__ import annotations

import asyncio
from typing import Any

from llama_index.core.base.llms.types import ChatMessage, MessageRole
from llama_index.core.base.response.schema import Response
from llama_index.core.chat_engine.types import AgentChatResponse, BaseChatEngine, StreamingAgentChatResponse
from llama_index.core.query_engine import CustomQueryEngine
from llama_index.core.schema import NodeWithScore, TextNode

from rag.pipeline import Siaga
from siaga.types import Answer, Filters


def answer_nodes(answer: Answer) -> list[NodeWithScore]:
    """One node per citation: the quoted sentence, with where it came from."""
    nodes = []
    for c in answer.citations:
        node = TextNode(
            id_=f"{c.chunk_id}@{c.start}-{c.end}",
            text=c.quote,
            metadata={
                "n": c.n,
                "article_id": c.article_id,
                "chunk_id": c.chunk_id,
                "start": c.start,
                "end": c.end,
                "title": c.title,
                "outlet": c.outlet,
                "published": c.published,
                "url": c.url,
            },
        )
        nodes.append(NodeWithScore(node=node, score=1.0))
    return nodes


def answer_metadata(answer: Answer) -> dict[str, Any]:
    return {
        "refused": answer.refused,
        "verified": answer.verified,
        "verification_errors": answer.verification_errors,
        "language": answer.language,
        "mode": answer.mode,
        "standalone_question": answer.standalone_question,
    }


class SiagaQueryEngine(CustomQueryEngine):
    """``engine.query("...")`` -> Response whose source_nodes are the cited sentences."""

    siaga: Any
    filters: Filters | None = None

    def custom_query(self, query_str: str) -> Response:
        answer = self.siaga.answer(query_str, filters=self.filters)
        return Response(response=answer.text, source_nodes=answer_nodes(answer), metadata=answer_metadata(answer))


class SiagaChatEngine(BaseChatEngine):
    """A chat engine: follow-ups are rewritten into standalone questions from the kept history."""

    def __init__(self, siaga: Siaga, filters: Filters | None = None):
        self.siaga = siaga
        self.filters = filters
        self._history: list[ChatMessage] = []

    @property
    def chat_history(self) -> list[ChatMessage]:
        return list(self._history)

    def reset(self) -> None:
        self._history = []

    def _turns(self, chat_history: list[ChatMessage] | None) -> list[dict]:
        history = chat_history if chat_history is not None else self._history
        return [{"role": m.role.value, "content": m.content or ""} for m in history]

    def chat(self, message: str, chat_history: list[ChatMessage] | None = None) -> AgentChatResponse:
        answer = self.siaga.answer(message, history=self._turns(chat_history), filters=self.filters)
        self._history += [ChatMessage(role=MessageRole.USER, content=message),
                          ChatMessage(role=MessageRole.ASSISTANT, content=answer.text)]
        return AgentChatResponse(response=answer.text, source_nodes=answer_nodes(answer),
                                 metadata=answer_metadata(answer))

    def stream_chat(self, message: str, chat_history: list[ChatMessage] | None = None) -> StreamingAgentChatResponse:
        # The verified answer is what gets shown; streaming it after verification keeps that promise.
        result = self.chat(message, chat_history)
        response = StreamingAgentChatResponse(response=result.response, source_nodes=result.source_nodes)
        response.is_function_false_event.set()
        return response

    async def achat(self, message: str, chat_history: list[ChatMessage] | None = None) -> AgentChatResponse:
        return await asyncio.to_thread(self.chat, message, chat_history)

    async def astream_chat(
        self, message: str, chat_history: list[ChatMessage] | None = None
    ) -> StreamingAgentChatResponse:
        return await asyncio.to_thread(self.stream_chat, message, chat_history)


def as_query_engine(siaga: Siaga | None = None, filters: Filters | None = None) -> SiagaQueryEngine:
    from rag.pipeline import default_siaga

    return SiagaQueryEngine(siaga=siaga or default_siaga(), filters=filters)


def as_chat_engine(siaga: Siaga | None = None, filters: Filters | None = None) -> SiagaChatEngine:
    from rag.pipeline import default_siaga

    return SiagaChatEngine(siaga or default_siaga(), filters)
