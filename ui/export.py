"""Conversation export (Markdown, JSON) and feedback records.

A conversation is the list of chat messages the app keeps: user messages ``{"role": "user",
"content": ...}`` and assistant messages that also carry the answer as a dict
(``Answer.model_dump(mode="json")``). Exports hold exactly what the chat showed (``ui.answer_view``),
every cited source with its quote, so a journalist can check them offline; feedback lines carry what
an eval case needs (question, history, answer, cited article ids, the reason for a thumbs down).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ui.answer_view import conversation_views
from ui.i18n import DEFAULT_LANG, t
from ui.render import export_link, export_markdown, keep_line_breaks

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


def _meta(item: Mapping[str, Any]) -> str:
    parts = [item.get("outlet"), item.get("published"), item.get("region")]
    return " · ".join(export_markdown(str(p), inline=True) for p in parts if p)


def _source_head(item: Mapping[str, Any], number: Any = None) -> str:
    title = export_link(str(item.get("title") or ""), item.get("url"))
    meta = _meta(item)
    head = f"- [{number}] {title}" if number is not None else f"- {title}"
    return head + (f" — {meta}" if meta else "")


def _quote_line(text: Any, indent: str = "  ") -> str:
    return f"{indent}> {export_markdown(str(text or ''), inline=True)}"


def _assistant_markdown(view: Mapping[str, Any]) -> list[str]:
    lang = view["language"]
    out = ["## Siaga", ""]
    if view.get("error"):
        return out + [f"⚠️ {export_markdown(t('error_answer', lang, e=view['error']), inline=True)}", ""]
    if view.get("understood_as"):
        out += [f"_{export_markdown(t('understood_as', lang, q=view['understood_as']), inline=True)}_", ""]
    if view.get("refused"):
        out += [f"**{export_markdown(view['refusal_title'], inline=True)}**", ""]
    out += [keep_line_breaks(export_markdown(view.get("text"))), ""]
    if view.get("conflicting"):
        out += [f"⚖️ {t('conflicting', lang)}", ""]
    if view.get("sources"):
        out += [f"### {t('sources', lang)}", ""]
        for c in view["sources"]:
            out.append(_source_head(c, c.get("n")))
            if c.get("quote"):
                out.append(_quote_line(c["quote"]))
        out.append("")
    if view.get("related"):
        out += [f"### {t('related_title', lang)}", "", export_markdown(t("related_caption", lang)), ""]
        for group in view["related"]:
            out.append(_source_head(group))
            out += [_quote_line(p.get("quote")) for p in group.get("passages") or []]
        out.append("")
    if view.get("related_headlines"):
        out += [f"### {t('related_headlines', lang)}", ""]
        out += [f"- {export_markdown(h, inline=True)}" for h in view["related_headlines"]]
        out.append("")
    if view.get("verified") is True:
        out += ["✅ " + t("verified", lang), ""]
    elif view.get("verified") is False:
        errors = "; ".join(view.get("verification_errors") or [])
        out += [f"⚠️ {t('not_verified', lang)}" + (f": {export_markdown(errors, inline=True)}" if errors else ""), ""]
    out += [f"_{export_markdown(note, inline=True)}_" for note in view.get("notes") or []]
    if view.get("notes"):
        out.append("")
    status = [view.get("status_label"), *(view.get("status_details") or [])]
    out += [f"_{export_markdown(' · '.join(s for s in status if s), inline=True)}_", ""]
    if view.get("rating") is not None:
        line = f"{t('feedback', lang)}: {'👍' if view['rating'] == 1 else '👎'}"
        if view.get("feedback_reason"):
            line += f" — {export_markdown(view['feedback_reason'], inline=True)}"
        out += [line, ""]
    return out


def conversation_markdown(messages: Sequence[Message], lang: str = DEFAULT_LANG) -> str:
    """The conversation as the chat showed it, as a Markdown document that also reads well as plain text.

    Each answer keeps its own language; article-derived text is escaped only where it would form
    markup (``export_markdown``), so "(ANTARA)" and "1.048" stay clean.
    """
    out = [f"# Siaga — {t('conversation', lang).lower()}", "", f"_{now_iso()}_", ""]
    for view in conversation_views(messages, lang):
        if view["role"] == "user":
            out += [f"## {t('you', lang)}", "", export_markdown(view["content"]), ""]
        else:
            out += _assistant_markdown(view)
    return "\n".join(out).rstrip() + "\n"


def conversation_json(messages: Sequence[Message], lang: str = DEFAULT_LANG) -> str:
    """The conversation as the chat showed it, as JSON: the same turns, sources and labels as the Markdown."""
    payload = {"app": "siaga", "exported_at": now_iso(), "language": lang,
               "messages": conversation_views(messages, lang)}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def feedback_record(
    message: Message,
    rating: int,
    history: Sequence[Message] = (),
    question: str | None = None,
    reason: str | None = None,
) -> dict[str, Any]:
    """One feedback line: enough to turn a rated answer into an eval case.

    ``rating`` follows ``st.feedback("thumbs")``: 1 is thumbs up, 0 thumbs down; ``reason`` is what
    the user typed after a thumbs down. ``source_ids`` are the cited article ids, the eval's
    gold-source field. A reason comes as a second line for the same ``answer_id`` (the last wins).
    """
    answer = dict(message.get("answer") or {})
    citations = list(answer.get("citations") or [])
    return {
        "timestamp": now_iso(),
        "answer_id": message.get("id"),
        "rating": "up" if rating == 1 else "down",
        "score": int(rating),
        "reason": reason or None,
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
