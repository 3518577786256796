"""Safe Markdown for untrusted article text: escaping, http(s)-only links, quote highlighting.

Article titles, bodies, quotes and URLs come from scraped news and may carry Markdown or HTML meant
to inject links, images or scripts. Everything from an article is passed through ``escape_markdown``
before it reaches ``st.markdown``; the app never uses ``unsafe_allow_html``. Only http(s) URLs become
links, and only after percent-encoding the characters that could end a Markdown link early.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, urlsplit

# Characters with Markdown (or Streamlit Markdown: $ math, ~ strike, : directives via [..]) meaning
# anywhere in a line. Backslash first, so the escapes we add are not escaped again.
_ALWAYS = "\\`*_[](){}#<>!|~$&@"
_ESCAPE_RE = re.compile("([" + re.escape(_ALWAYS) + "])")
# Block syntax that only matters at the start of a line: lists, setext underlines, ordered lists.
_LINE_START_RE = re.compile(r"^(\s*)([-+=])", re.MULTILINE)
_ORDERED_RE = re.compile(r"^(\s*\d{1,9})([.)])", re.MULTILINE)
_WS_RE = re.compile(r"\s+")

CONTEXT_CHARS = 300


def escape_markdown(text: str | None, *, inline: bool = False) -> str:
    """Neutralise Markdown/HTML in ``text`` so it renders literally.

    Every character that can open a link, image, emphasis, code span, HTML tag, table, math or
    strikethrough is backslash-escaped; list and heading markers are escaped at line starts.
    ``inline`` folds all whitespace to single spaces (labels, quotes inside one paragraph).
    """
    if not text:
        return ""
    if inline:
        text = _WS_RE.sub(" ", text).strip()
    text = _ESCAPE_RE.sub(r"\\\1", text)
    text = _LINE_START_RE.sub(r"\1\\\2", text)
    return _ORDERED_RE.sub(r"\1\\\2", text)


def unescape_markdown(text: str) -> str:
    """Drop the backslashes ``escape_markdown`` added (for tests and plain-text views)."""
    return re.sub(r"\\([\\`*_\[\](){}#<>!|~$&@+\-=.)])", r"\1", text)


def safe_url(url: str | None) -> str | None:
    """The URL ready for a Markdown link target if it is http(s) with a host, else None.

    Characters that could close the link target or start Markdown (spaces, parentheses, angle
    brackets, quotes, backslashes, backticks) are percent-encoded.
    """
    if not url:
        return None
    url = url.strip()
    if any(ord(ch) < 32 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe=":/?#@!$&'*+,;=%~-._[]")


def link_markdown(label: str, url: str | None) -> str:
    """``[label](url)`` for an http(s) URL; the escaped label alone otherwise (never clickable)."""
    text = escape_markdown(label, inline=True)
    target = safe_url(url)
    if target is None:
        return text
    return f"[{text}]({target})"


def domain_of(url: str | None) -> str | None:
    """Host name of an http(s) URL (what the link text shows), without ``www.``."""
    if safe_url(url) is None:
        return None
    host = urlsplit(url.strip()).hostname or ""  # type: ignore[union-attr]
    return host.removeprefix("www.") or None


def _bold(text: str) -> str:
    """Bold escaped text; emphasis delimiters need non-space neighbours inside, so trim them out."""
    core = text.strip()
    if not core:
        return escape_markdown(text)
    return f"**{escape_markdown(core, inline=True)}**"


def locate_quote(text: str, start: int, end: int, quote_text: str | None) -> tuple[int, int] | None:
    """Where the quote is in ``text``: the given offsets if they hold it, else its first occurrence."""
    if 0 <= start < end <= len(text) and (not quote_text or _same(text[start:end], quote_text)):
        return start, end
    if quote_text:
        pos = text.find(quote_text)
        if pos >= 0:
            return pos, pos + len(quote_text)
    return None


def _same(a: str, b: str) -> bool:
    return _WS_RE.sub(" ", a).strip() == _WS_RE.sub(" ", b).strip()


def highlight_context(
    text: str | None,
    start: int,
    end: int,
    quote_text: str | None = None,
    width: int = CONTEXT_CHARS,
) -> str:
    """Safe Markdown: ~``width`` characters around ``text[start:end]`` with that quote in bold.

    Context is cut at word boundaries and marked with an ellipsis. If the article is gone or the
    offsets no longer hold the quote (the article was re-ingested), only the quote is shown.
    """
    span = locate_quote(text, start, end, quote_text) if text else None
    if span is None:
        return _bold(quote_text or "") if quote_text else ""
    assert text is not None
    start, end = span
    side = max(0, (width - (end - start)) // 2)
    lo, hi = max(0, start - side), min(len(text), end + side)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space >= 0 else hi
    before = _WS_RE.sub(" ", text[lo:start])
    after = _WS_RE.sub(" ", text[end:hi])
    parts = ["…" if lo > 0 else "", escape_markdown(before.lstrip()) if before.strip() else ""]
    quote_md = _bold(text[start:end])
    if parts[1] and not before.endswith(" "):
        parts[1] += " "  # "**" right after a letter would not open emphasis
    parts.append(quote_md)
    if after.strip():
        parts.append(escape_markdown(after.rstrip()))
    if hi < len(text):
        parts.append("…")
    return "".join(parts).strip()


def article_markdown(text: str) -> str:
    """A whole article body as safe Markdown, one paragraph per blank-line-separated block."""
    paragraphs = [p for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    return "\n\n".join(escape_markdown(p, inline=True) for p in paragraphs)


def _get(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, Mapping) else getattr(obj, name, None)


def source_meta(citation: Any, unknown: str = "—") -> str:
    """``Outlet · 2024-02-10 · Banten`` (escaped), from a Citation or its dict."""
    parts = [_get(citation, "outlet"), _get(citation, "published"), _get(citation, "region")]
    return " · ".join(escape_markdown(str(p), inline=True) for p in parts if p) or unknown


def source_label(citation: Any, prefix: str = "", numbered: bool = True) -> str:
    """Expander label for a cited source: ``[n] Title — Outlet, date`` (escaped; no [n] if not numbered)."""
    n = _get(citation, "n")
    title = escape_markdown(_get(citation, "title") or "", inline=True)
    if len(title) > 140:
        title = title[:137].rstrip("\\") + "…"
    bits = [p for p in (_get(citation, "outlet"), _get(citation, "published")) if p]
    meta = escape_markdown(", ".join(str(b) for b in bits), inline=True)
    head = f"{prefix}\\[{n}\\] " if numbered and n is not None else prefix
    return f"{head}{title}" + (f" — {meta}" if meta else "")


MARKER_RE = re.compile(r"\[(\d{1,3})\]")


def cited_numbers(text: str) -> list[int]:
    """The [n] markers in an answer, in order of first appearance."""
    return list(dict.fromkeys(int(m) for m in MARKER_RE.findall(text or "")))


# --- [n] markers that open their source card ----------------------------------------------------------
_ESCAPED_MARKER_RE = re.compile(r"\\\[(\d{1,3})\\\]")
_ID_RE = re.compile(r"[^a-z0-9]+")
HOVER_CHARS = 280


def anchor_id(message_id: str | None, n: int | str) -> str:
    """The HTML id of source card ``n`` of one answer (unique on the page: message ids are)."""
    return f"src-{_ID_RE.sub('', str(message_id or 'x').lower()) or 'x'}-{n}"


def _link_title(text: str) -> str:
    """A Markdown link title (the hover text): one line, quotes and backslashes escaped.

    Square brackets become parentheses: a title is plain text anyway, and no "[x](javascript:..)"
    from an article should appear in the page's Markdown even where it is inert.
    """
    text = _WS_RE.sub(" ", text).strip().replace("[", "(").replace("]", ")")
    if len(text) > HOVER_CHARS:
        text = text[: HOVER_CHARS - 1].rstrip() + "…"
    return text.replace("\\", "\\\\").replace('"', '\\"')


def hover_text(citation: Mapping[str, Any]) -> str:
    """What hovering a [n] shows: the cited sentence and where it comes from."""
    where = ", ".join(str(p) for p in (citation.get("outlet"), citation.get("published")) if p)
    quote_text = str(citation.get("quote") or citation.get("title") or "")
    return f"{quote_text} — {where}" if where else quote_text


def answer_markdown(text: str | None, citations: Any, message_id: str | None) -> str:
    """The answer as safe Markdown in which each ``[n]`` with a citation links to its source card.

    The link target is the card's in-page anchor (``#src-<message>-<n>``); its title, shown on
    hover, is the cited sentence. Markers without a citation stay plain text. A single line break stays one
    (Markdown would join the lines of an overview into one paragraph).
    """
    by_n = {str(_get(c, "n")): c for c in (citations or [])}
    body = escape_markdown(text)

    def link(match: re.Match[str]) -> str:
        citation = by_n.get(match.group(1))
        if citation is None:
            return match.group(0)
        data = citation if isinstance(citation, Mapping) else citation.model_dump()
        title = _link_title(hover_text(data))
        return f'[\\[{match.group(1)}\\]](#{anchor_id(message_id, match.group(1))} "{title}")'

    return keep_line_breaks(_ESCAPED_MARKER_RE.sub(link, body))


_LINE_BREAK_RE = re.compile(r"(?<!\n)\n(?!\n)")


def keep_line_breaks(markdown: str) -> str:
    """Markdown whose single line breaks stay breaks (an overview's quoted lines would join into one paragraph)."""
    return _LINE_BREAK_RE.sub("  \n", markdown)


# --- exports: Markdown that reads clean as plain text and still cannot inject ---------------------------
_EXPORT_ALWAYS_RE = re.compile(r"([`*])")
_EXPORT_BACKSLASH_RE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
_EXPORT_UNDERSCORE_RE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
_EXPORT_TAG_RE = re.compile(r"<(?=[A-Za-z/!?])")
_EXPORT_ENTITY_RE = re.compile(r"&(?=#?\w+;)")
_EXPORT_LINK_RE = re.compile(r"\](?=\()")
_EXPORT_LINE_RE = re.compile(r"^(\s*)([#>|]|[-+*](?=\s|$)|=+\s*$|\[(?=[^\]]*\]:))", re.MULTILINE)
_EXPORT_ORDERED_RE = re.compile(r"^(\s*\d{1,9})([.)])(?=\s|$)", re.MULTILINE)


def export_markdown(text: str | None, *, inline: bool = False) -> str:
    """Markdown for a downloaded file: text renders as itself, with a backslash only where one is needed.

    Unlike ``escape_markdown`` (the app escapes every punctuation mark, cheaply and safely), a file
    is read as plain text too, so "(ANTARA)" and "1.048" stay as they are. Only what would form
    markup is escaped: emphasis and code marks, HTML tags and entities, link and image brackets,
    block markers at a line start, strikethrough and math pairs.
    """
    if not text:
        return ""
    if inline:
        text = _WS_RE.sub(" ", text).strip()
    text = _EXPORT_BACKSLASH_RE.sub(r"\\\\", text)
    text = _EXPORT_ALWAYS_RE.sub(r"\\\1", text)
    text = _EXPORT_UNDERSCORE_RE.sub(r"\\_", text)
    text = _EXPORT_TAG_RE.sub(r"\\<", text)
    text = _EXPORT_ENTITY_RE.sub(r"\\&", text)
    text = _EXPORT_LINK_RE.sub(r"\\]", text)
    text = text.replace("~~", "\\~\\~")
    if text.count("$") >= 2:
        text = text.replace("$", "\\$")
    text = _EXPORT_LINE_RE.sub(r"\1\\\2", text)
    return _EXPORT_ORDERED_RE.sub(r"\1\\\2", text)


def export_link(label: str, url: str | None) -> str:
    """``[label](url)`` for an http(s) URL in an export; the label alone otherwise."""
    text = export_markdown(label, inline=True).replace("[", "\\[").replace("]", "\\]")
    target = safe_url(url)
    return f"[{text}]({target})" if target else text
