"""What the chat shows for one assistant turn, as plain data: the one source for drawing and exporting it.

The Streamlit renderer (``ui.views``) and the exports (``ui.export``) both read ``message_view``, so
an export holds exactly what the chat showed: the same sources in the same order, related passages
only where the chat lists them, the same labels in the answer's own language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ui.i18n import DEFAULT_LANG, LANGS, counted, t

Message = Mapping[str, Any]

NO_ARTICLES = "no_articles"
FILTERED_OUT = "filtered_out"
NOT_A_QUESTION = "not_a_question"  # "Thanks!", "Halo": answered with a courtesy, nothing looked up


def unique_sources(citations: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One card per [n] (a marker may repeat in the text), in number order."""
    by_n: dict[Any, dict[str, Any]] = {}
    for c in citations:
        by_n.setdefault(c.get("n"), dict(c))
    return sorted(by_n.values(), key=lambda c: (c.get("n") is None, c.get("n") or 0))


def group_by_article(passages: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Related passages grouped under their article, each article once (first-seen order), quotes deduplicated."""
    groups: dict[str, dict[str, Any]] = {}
    for p in passages:
        key = str(p.get("article_id") or p.get("url") or p.get("title") or "")
        group = groups.get(key)
        if group is None:
            group = {k: p.get(k) for k in ("article_id", "title", "outlet", "published", "region", "url")}
            group["passages"] = []
            groups[key] = group
        quote = (p.get("quote") or "").strip()
        if quote and all(quote != q.get("quote") for q in group["passages"]):
            group["passages"].append({k: p.get(k) for k in ("quote", "start", "end", "chunk_id")})
    return list(groups.values())


def answer_language(message: Message, fallback: str = DEFAULT_LANG) -> str:
    """The language an answer was given in (its labels stay in it, whatever the interface language)."""
    answer = message.get("answer") or {}
    lang = answer.get("language") or message.get("lang")
    return lang if lang in LANGS else fallback


def refusal_title(reason: str | None, lang: str) -> str:
    if reason == NO_ARTICLES:
        return t("refused_no_articles", lang)
    if reason == FILTERED_OUT:
        return t("refused_filtered_out", lang)
    return t("refused_title", lang)


def status_label(status: Mapping[str, Any], lang: str) -> str:
    """The one-line summary on an answer's status box: outcome, source articles, the time the user waited."""
    secs = float(status.get("seconds") or 0.0)
    if status.get("refusal_reason") == NOT_A_QUESTION:
        return t("status_not_a_question", lang, secs=secs)
    if status.get("refused"):
        return t("status_refused", lang, secs=secs)
    n = int(status.get("cited_articles") or 0)
    return t("status_answered", lang, count=n, n=n, secs=secs)


def describe_filters(filters: Mapping[str, Any] | None, lang: str) -> str | None:
    """The filters a question was asked with, in words (plain text), or None."""
    if not filters:
        return None
    parts = []
    if filters.get("since") or filters.get("until"):
        parts.append(f"{filters.get('since') or '…'} – {filters.get('until') or '…'}")
    if filters.get("regions"):
        parts.append(f"{t('regions', lang)}: {', '.join(filters['regions'])}")
    if filters.get("outlets"):
        parts.append(f"{t('outlets', lang)}: {', '.join(filters['outlets'])}")
    return "; ".join(parts) or None


def status_details(status: Mapping[str, Any], lang: str) -> list[str]:
    """What happened, in order (plain text): loading, search, filters, mode, wait time."""
    lines = []
    if "loading" in (status.get("phases") or []):
        lines.append(t("loaded_note", lang))
    if "passages" in status:
        lines.append(t(
            "searched", lang, passages=counted("passages", int(status.get("passages") or 0), lang),
            articles=counted("articles", int(status.get("articles") or 0), lang),
            corpus=counted("articles", int(status.get("corpus") or 0), lang),
        ))
    described = describe_filters(status.get("filters"), lang)
    lines.append(t("filters_applied", lang, f=described) if described else t("no_filters", lang))
    if status.get("mode"):
        lines.append(t("mode_used", lang, mode=status["mode"]))
    if status.get("replaced"):
        lines.append(t("replaced_note", lang))
    if status.get("seconds") is not None and status.get("answer_seconds") is not None:
        lines.append(t("waited", lang, secs=float(status["seconds"]), answer=float(status["answer_seconds"])))
    return lines


def message_view(message: Message, fallback_lang: str = DEFAULT_LANG) -> dict[str, Any]:
    """Everything the chat draws for one assistant message, in drawing order, as JSON-ready data.

    ``sources`` are the cited passages (numbered cards; a refusal that says what the articles do
    state cites too); ``related`` (closest facts, never the answer) and ``related_headlines`` are
    listed only under a refusal, related passages grouped by article.
    """
    lang = answer_language(message, fallback_lang)
    status = dict(message.get("status") or {})
    view: dict[str, Any] = {"id": message.get("id"), "language": lang, "question": message.get("question")}
    if message.get("error"):
        view.update(error=str(message["error"]), status_label=t("status_error", lang))
        return view
    answer = message.get("answer") or {}
    refused = bool(answer.get("refused"))
    verified = bool(answer.get("verified"))
    view.update(
        status_label=status_label(status, lang),
        status_details=status_details(status, lang),
        understood_as=answer.get("standalone_question") or None,
        refused=refused,
        refusal_reason=answer.get("refusal_reason") if refused else None,
        refusal_title=refusal_title(answer.get("refusal_reason"), lang) if refused else None,
        text=str(answer.get("text") or message.get("content") or ""),
        conflicting=bool(answer.get("conflicting")),
        sources=unique_sources(answer.get("citations") or []),
        related=group_by_article(answer.get("related") or []) if refused else [],
        related_headlines=list(answer.get("related_headlines") or []) if refused else [],
        verified=None if refused else verified,
        verification_errors=[] if refused or verified else list(answer.get("verification_errors") or []),
        notes=list(answer.get("notes") or []),
        filters=message.get("filters"),
        rating=message.get("rating"),
        feedback_reason=message.get("feedback_reason"),
    )
    return view


def conversation_views(messages: Sequence[Message], fallback_lang: str = DEFAULT_LANG) -> list[dict[str, Any]]:
    """The whole conversation as shown: user turns as typed, assistant turns through ``message_view``."""
    out: list[dict[str, Any]] = []
    for m in messages:
        if m.get("role") == "user":
            out.append({"role": "user", "content": str(m.get("content") or "")})
        else:
            out.append({"role": "assistant", **message_view(m, fallback_lang)})
    return out
