"""Conversation export (Markdown, JSON) and feedback records, with their sources.

A conversation is the list of chat messages the app keeps in session state: user messages
``{"role": "user", "content": ...}`` and assistant messages that also carry the answer as a dict
(``Answer.model_dump(mode="json")``). Exports include every cited source so a journalist can check
the quotes offline; feedback lines carry what an eval case needs (question, history, answer,
cited article ids).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ui.i18n import DEFAULT_LANG, t
from ui.render import escape_markdown, safe_url, source_meta

Message = Mapping[str, Any]


def now_iso() -> str:
    """UTC timestamp, second precision (exports and feedback)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def new_id() -> str:
    return uuid.uuid4().hex[:12]


def history_of(messages: Sequence[Message]) -> list[dict[str, str]]:
    """The ``[{role, content}]`` history Siaga takes for follow-ups."""
    return [{"role": str(m["role"]), "content": str(m.get("content") or "")} for m in messages]


def answer_dict(answer: Any) -> dict[str, Any]:
    """An Answer as plain JSON data, without the bulky retrieval debug."""
    data = answer.model_dump(mode="json") if hasattr(answer, "model_dump") else dict(answer)
    data.pop("debug", None)
    return data


def _source_lines(citation: Mapping[str, Any]) -> list[str]:
    title = escape_markdown(citation.get("title") or "", inline=True)
    url = safe_url(citation.get("url"))
    head = f"[{title}]({url})" if url else title
    lines = [f"- \\[{citation.get('n')}\\] {head} — {source_meta(citation)}"]
    if citation.get("url") and not url:
        lines.append(f"  - URL: {escape_markdown(citation['url'], inline=True)}")
    quote = citation.get("quote")
    if quote:
        lines.append(f"  > {escape_markdown(quote, inline=True)}")
    return lines


def conversation_markdown(messages: Sequence[Message], lang: str = DEFAULT_LANG) -> str:
    """The conversation as a Markdown document: questions, answers with [n], sources with quotes.

    Article-derived text is escaped, so the file renders the same wherever it is opened.
    """
    out = [f"# Siaga — {t('conversation', lang).lower()}", "", f"_{now_iso()}_", ""]
    for m in messages:
        if m.get("role") == "user":
            out += [f"## {t('you', lang)}", "", escape_markdown(str(m.get("content") or "")), ""]
            continue
        answer = m.get("answer") or {}
        out += ["## Siaga", ""]
        if answer.get("standalone_question"):
            out += [f"_{escape_markdown(t('understood_as', lang, q=answer['standalone_question']))}_", ""]
        if answer.get("refused"):
            out += [f"**{t('refused_title', lang)}**", ""]
        out += [escape_markdown(str(answer.get("text") or m.get("content") or "")), ""]
        citations = answer.get("citations") or []
        if citations:
            out += [f"### {t('sources', lang)}", ""]
            for c in citations:
                out += _source_lines(c)
            out.append("")
        related = answer.get("related") or []
        if related:
            out += [f"### {t('related_title', lang)}", ""]
            for c in related:
                out += _source_lines(c)
            out.append("")
        headlines = answer.get("related_headlines") or []
        if headlines:
            out += [f"### {t('related_headlines', lang)}", ""]
            out += [f"- {escape_markdown(h, inline=True)}" for h in headlines]
            out.append("")
        if not answer.get("refused"):
            if answer.get("verified"):
                out += ["✅ " + t("verified", lang), ""]
            else:
                errors = "; ".join(answer.get("verification_errors") or [])
                out += [f"⚠️ {t('not_verified', lang)}: {escape_markdown(errors, inline=True)}", ""]
        if m.get("rating") is not None:
            out += [f"Feedback: {'👍' if m['rating'] == 1 else '👎'}", ""]
    return "\n".join(out).rstrip() + "\n"


def conversation_json(messages: Sequence[Message]) -> str:
    """The conversation as JSON: every turn, each answer with citations, related facts and verdict."""
    turns = []
    for m in messages:
        item: dict[str, Any] = {"role": m.get("role"), "content": m.get("content")}
        for key in ("id", "answer", "filters", "rating", "status"):
            if m.get(key) is not None:
                item[key] = m[key]
        turns.append(item)
    payload = {"app": "siaga", "exported_at": now_iso(), "messages": turns}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def feedback_record(
    message: Message,
    rating: int,
    history: Sequence[Message] = (),
    question: str | None = None,
) -> dict[str, Any]:
    """One feedback line: enough to turn a rated answer into an eval case.

    ``rating`` follows ``st.feedback("thumbs")``: 1 is thumbs up, 0 thumbs down. ``source_ids``
    are the cited article ids, the eval's gold-source field.
    """
    answer = dict(message.get("answer") or {})
    citations = list(answer.get("citations") or [])
    return {
        "timestamp": now_iso(),
        "answer_id": message.get("id"),
        "rating": "up" if rating == 1 else "down",
        "score": int(rating),
        "question": question or answer.get("question") or "",
        "standalone_question": answer.get("standalone_question"),
        "lang": answer.get("language"),
        "history": history_of(history),
        "answer": answer.get("text") or message.get("content") or "",
        "refused": bool(answer.get("refused")),
        "verified": bool(answer.get("verified")),
        "verification_errors": list(answer.get("verification_errors") or []),
        "mode": answer.get("mode"),
        "filters": message.get("filters"),
        "citations": citations,
        "source_ids": list(dict.fromkeys(c.get("article_id") for c in citations if c.get("article_id"))),
    }


def append_jsonl(path: Path, record: Mapping[str, Any]) -> None:
    """Append one JSON line; one ``write`` on an O_APPEND file, so concurrent sessions don't interleave."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line)
    finally:
        os.close(fd)
