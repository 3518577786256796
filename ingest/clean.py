"""Body-text cleaning for Indonesian online news copied from web pages, exports and wires.

The cleaned text is what chunk offsets and citations point into, so cleaning only ever drops whole
lines (or markdown markup); words and numbers inside kept lines are never rewritten (1.048 stays 1.048).
'Baca juga' lines are links to other stories, not evidence: they leave the body but their headlines are
kept as ``related_headlines`` (deduplicated, in order).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field


@dataclass
class CleanResult:
    """Cleaned body (one paragraph per line), the 'Baca juga' headlines, and the title if known."""

    text: str
    related_headlines: list[str] = field(default_factory=list)
    title: str | None = None


_DAYS = (
    r"(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
)
_MONTH_WORD = r"[A-Za-z]{3,10}\.?"
_TIME = r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:WIB|WITA|WIT|Wib|Wita|Wit|GMT[+-]?\d*|UTC[+-]?\d*)?"

_RULE_RE = re.compile(r"^\s*(?:[-*_=]\s*){3,}$")
_BACA_JUGA_RE = re.compile(r"^(?:baca|lihat|simak)\s+(?:juga|pula)\b(?:\s+berita\s+\w+)?\s*[:\-–]?\s*(.*)$", re.I)
_RELATED_LIST_RE = re.compile(
    r"^(?:berita|artikel|baca berita|topik)\s+(?:terkait|lainnya|pilihan|populer)\s*:?$|"
    r"^(?:terpopuler|berita populer|rekomendasi|pilihan redaksi|baca lainnya)\s*:?$",
    re.I,
)
_FOOTER_RE = re.compile(r"^(?:copyright\b|hak cipta\b|©|\(c\)\s*\d{4})|all rights reserved", re.I)
_BYLINE_RE = re.compile(
    r"^(?:pewarta|editor|penulis|reporter|redaktur|penyunting|kontributor|fotografer|videografer|"
    r"oleh|penerjemah|uploader)\s*:",
    re.I,
)
_CAPTION_PREFIX_RE = re.compile(r"^\(?\s*(?:foto|ilustrasi|gambar|keterangan foto|caption|photo)\s*:", re.I)
_CREDIT_RE = re.compile(r"\((?:antara|dok\b|dok\.|istimewa|ist\b|ist\.|humas|foto|sumber foto)[^()]*\)\s*$", re.I)
_SOCIAL_WORDS = frozenset(
    "facebook fb twitter x whatsapp wa line telegram linkedin email e-mail salin tautan link copy "
    "instagram pinterest tiktok youtube f t share bagikan".split()
)
_SHARE_RE = re.compile(r"^(?:bagikan|share|sebarkan|salin tautan|salin link)\b", re.I)
_JUNK_RE = re.compile(
    r"^(?:scroll\b.*|advertisement|advertisment|iklan|ads|sponsored|konten bersponsor|laporkan kesalahan|"
    r"tulis komentar.*|memuat komentar.*|login untuk berkomentar.*|komentar(?:\s*\(\d+\))?|"
    r"\d+\s+komentar|lihat komentar|beri komentar|berikan komentar.*|loading\.*|memuat\.*)$",
    re.I,
)
_TAGS_RE = re.compile(r"^(?:tags?|topik|kata kunci|keywords?|label)\s*:", re.I)
_HASHTAGS_RE = re.compile(r"^(?:#\w+[\s,]*)+$")
_TIMESTAMP_RES = (
    re.compile(rf"^{_DAYS},?\s+\d{{1,2}}\s+{_MONTH_WORD}\s+\d{{4}}(?:\s*[|,\-–]?\s*(?:pukul\s+)?{_TIME})?$", re.I),
    re.compile(rf"^\d{{1,2}}\s+{_MONTH_WORD}\s+\d{{4}}(?:\s*[|,\-–]?\s*(?:pukul\s+)?{_TIME})?$", re.I),
    re.compile(rf"^\d{{4}}-\d{{2}}-\d{{2}}(?:[ T]{_TIME})?$"),
    re.compile(rf"^\d{{1,2}}/\d{{1,2}}/\d{{4}}(?:\s*[|,\-–]?\s*{_TIME})?$"),
    # "Harian Pesisir Timur — Senin, 25 November 2024" (outlet and date line of markdown exports)
    re.compile(rf"^[^.!?]{{2,60}}\s+[—–|]\s+(?:{_DAYS},?\s+)?\d{{1,2}}\s+{_MONTH_WORD}\s+\d{{4}}(?:.*{_TIME})?$", re.I),
    re.compile(r"^(?:diperbarui|dipublikasikan|diterbitkan|published|updated|last updated)\b.{0,60}$", re.I),
)
_EDITORIAL_RE = re.compile(
    r"^(?:berita ini (?:telah )?diperbarui\b.*|"
    r"(?:update|baca|ikuti|simak|dapatkan)\s+(?:update\s+)?berita\b.{0,80}\b(?:lainnya|kanal|google news|"
    r"whatsapp|telegram)\b.*|"
    r"sumber\s*:.{0,100}|"
    r"ikuti (?:kami|berita)\b.{0,80})$",
    re.I,
)
_INITIALS_RE = re.compile(r"^\((?:[A-Za-z*]{1,6}(?:/[A-Za-z*]{1,6})*)\)$")
_BREADCRUMB_RE = re.compile(r"^(?:beranda|home)\s*[›>»/]", re.I)
_TABLE_ROW_RE = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_SEP_RE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_BULLET_RE = re.compile(r"^(?:[-*+•]\s+|>\s*)")


# Control characters (NUL, ESC of terminal escape codes, C1) and bidi embeddings/overrides/isolates
# (U+202A-U+202E, U+2066-U+2069: "Trojan Source" reordering) are never article text.
_INVISIBLE_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _normalise_chars(text: str) -> str:
    """NFC, one kind of newline and space; zero-width, control and bidi-override characters gone."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\u200b\u200c\u200d\u2060\ufeff]", "", text)
    text = re.sub(r"[\u00a0\u2007\u202f\t]", " ", text)
    return _INVISIBLE_RE.sub("", text)


def strip_markdown(line: str) -> str:
    """Readable text of one markdown line: headings, quotes, bullets, emphasis and links removed."""
    s = line.strip()
    s = re.sub(r"^(?:>\s*)+", "", s)
    s = re.sub(r"^#{1,6}\s+", "", s)
    s = re.sub(r"\s+#+\s*$", "", s)
    s = re.sub(r"^[-*+•]\s+", "", s)
    s = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", s)
    s = re.sub(r"\[([^\]]+)\]\((?:[^)\s]+)(?:\s+\"[^\"]*\")?\)", r"\1", s)
    s = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", s)
    s = re.sub(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", r"\1", s)
    s = re.sub(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])", r"\1", s)
    s = s.replace("**", "").replace("`", "")
    s = re.sub(r"\\([*_#>\[\]()|`-])", r"\1", s)
    return re.sub(r" {2,}", " ", s).strip()


def _cells(row: str) -> list[str]:
    return [strip_markdown(c) for c in row.strip().strip("|").split("|")]


def _render_tables(lines: list[str]) -> list[str]:
    """Markdown tables -> one readable line per row ("Header: cell; Header: cell")."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not _TABLE_ROW_RE.match(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        block: list[str] = []
        while i < len(lines) and (_TABLE_ROW_RE.match(lines[i]) or _TABLE_SEP_RE.match(lines[i])):
            block.append(lines[i])
            i += 1
        header: list[str] | None = None
        if len(block) >= 2 and _TABLE_SEP_RE.match(block[1]):
            header, block = _cells(block[0]), block[2:]
        for row in block:
            if _TABLE_SEP_RE.match(row):
                continue
            cells = _cells(row)
            if header and len(header) == len(cells):
                out.append("; ".join(f"{h}: {c}" if h else c for h, c in zip(header, cells, strict=True) if c))
            else:
                out.append("; ".join(c for c in cells if c))
    return out


def _fold(s: str) -> str:
    """Comparison key: case, punctuation and spacing ignored."""
    return re.sub(r"[\W_]+", "", s.lower())


def _is_social_only(s: str) -> bool:
    words = [w for w in re.split(r"[\s|·•,/\[\]()]+", s.lower()) if w]
    return bool(words) and all(w in _SOCIAL_WORDS for w in words)


def _is_share(s: str) -> bool:
    if _is_social_only(s):
        return True
    if not _SHARE_RE.match(s) or len(s) > 150:
        return False
    rest = re.sub(r"^\w+(?:\s+(?:artikel|berita|ini|tautan|link))*\s*:?", "", s, flags=re.I)
    return not rest.strip() or _is_social_only(rest) or "laporkan" in rest.lower()


def _is_caption(s: str, raw: str) -> bool:
    if _CAPTION_PREFIX_RE.match(s):
        return True
    if not _CREDIT_RE.search(s):
        return False
    italic = raw.strip().startswith(("*", "_")) and raw.strip().endswith(("*", "_"))
    return italic or s.lower().startswith(("ilustrasi", "foto", "(foto")) or len(s) < 300


def _is_timestamp(s: str) -> bool:
    return any(r.match(s) for r in _TIMESTAMP_RES)


def is_noise_line(s: str, raw: str = "") -> bool:
    """True for lines that are page furniture rather than article text (see module docstring)."""
    return bool(
        _FOOTER_RE.search(s)
        or (_BYLINE_RE.match(s) and len(s) < 150)
        or _is_caption(s, raw or s)
        or _is_share(s)
        or _JUNK_RE.match(s)
        or _TAGS_RE.match(s)
        or _HASHTAGS_RE.match(s)
        or _is_timestamp(s)
        or _EDITORIAL_RE.match(s)
        or _INITIALS_RE.match(s)
        or _BREADCRUMB_RE.match(s)
    )


def _headline(text: str) -> str:
    """A 'Baca juga' headline without markup, quotes or trailing separators."""
    s = strip_markdown(text)
    s = s.strip(" \"'“”‘’:-–—|")
    return re.sub(r"\s+", " ", s)


def _ends_sentence(s: str) -> bool:
    return bool(re.search(r"[.!?…][\"'”’)]*$", s))


def clean_text(raw: str, title: str | None = None) -> CleanResult:
    """Clean one article body; see the module docstring for what goes and what stays."""
    lines = _render_tables(_normalise_chars(raw).split("\n"))
    out: list[str] = []
    related: list[str] = []
    found_title = title.strip() if title and title.strip() else None
    title_key = _fold(strip_markdown(found_title)) if found_title else None
    mode: str | None = None  # "baca": headlines listed under a bare 'Baca juga:'; "related": a link list

    for raw_line in lines:
        stripped = raw_line.strip()
        if not stripped or _RULE_RE.match(stripped):
            if mode == "baca":
                mode = None
            continue
        s = strip_markdown(stripped)
        if not s:
            continue
        bullet = bool(_BULLET_RE.match(stripped))

        if mode == "baca":
            if bullet:
                related.append(_headline(s))
                continue
            mode = None
        if mode == "related":
            if bullet or (len(s) <= 150 and not _ends_sentence(s)):
                continue
            mode = None

        m = _BACA_JUGA_RE.match(s)
        if m:
            if m.group(1).strip():
                related.append(_headline(m.group(1)))
            else:
                mode = "baca"
            continue
        if _RELATED_LIST_RE.match(s):
            mode = "related"
            continue
        if is_noise_line(s, stripped):
            continue
        if not out:
            if title_key and _fold(s) == title_key:
                continue  # the title repeated at the top of a copy-paste
            if found_title is None and stripped.startswith("#"):
                found_title, title_key = s, _fold(s)
                continue
        if out and _fold(s) == _fold(out[-1]):
            continue  # consecutive duplicate line
        out.append(re.sub(r" {2,}", " ", s))

    seen: set[str] = set()
    headlines: list[str] = []
    for h in related:
        key = _fold(h)
        if h and key not in seen:
            seen.add(key)
            headlines.append(h)
    return CleanResult(text="\n".join(out), related_headlines=headlines, title=found_title)
