"""Files -> raw documents (text plus whatever metadata the file carries), with readable errors.

Every problem is reported, never swallowed: whole-file problems raise :class:`LoadError`, problems with
one line/row/item come back as :class:`LoadFailure` while the rest of the file still loads, so one bad
line in a JSONL dump (malformed, nested thousands deep, holding a NUL byte) does not cost the other
articles.
"""

from __future__ import annotations

import copy
import csv
import errno
import glob
import io
import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import lxml.html
import trafilatura
import yaml

SUPPORTED_EXTENSIONS: tuple[str, ...] = (
    ".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".csv",
)
_GLOB_CHARS = re.compile(r"[*?\[]")


class LoadError(Exception):
    """A whole file could not be loaded; ``str(e)`` is ``"PATH: problem"`` for the user."""

    def __init__(self, path: str | os.PathLike[str], message: str) -> None:
        self.path = str(path)
        self.message = message
        super().__init__(f"{self.path}: {message}")


@dataclass
class RawDoc:
    """One article as found in a file, before cleaning. Metadata values are raw strings."""

    source_path: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    region: str | None = None
    author: str | None = None
    id: str | None = None
    language: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class LoadFailure:
    """A file, line, row or item that could not be loaded, with a one-line reason."""

    path: str
    error: str


# --------------------------------------------------------------------------------------------------
# Field names: what each metadata key may be called in front matter, headers, JSON and CSV.

FIELD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("id", "doc_id", "article_id", "slug"),
    "title": ("title", "judul", "headline"),
    "url": ("url", "link", "source", "source_url", "canonical", "permalink"),
    "outlet": ("outlet", "publisher", "site", "site_name", "sitename", "media", "source_name", "portal"),
    "published": (
        "published", "published_at", "date", "tanggal", "date_published", "datepublished",
        "publish_date", "pubdate", "waktu",
    ),
    "region": ("region", "province", "provinsi", "daerah", "wilayah"),
    "author": ("author", "penulis", "byline", "reporter", "pewarta"),
    "language": ("language", "lang", "bahasa"),
    "text": ("text", "body", "content", "isi", "article", "artikel", "konten", "naskah"),
}
_KEY_TO_FIELD: dict[str, str] = {syn: name for name, syns in FIELD_SYNONYMS.items() for syn in syns}
_META_FIELDS = ("id", "title", "url", "outlet", "published", "region", "author", "language")


def _norm_key(key: str) -> str:
    return re.sub(r"[\s\-]+", "_", key.strip().lower())


def _as_str(value: Any) -> str | None:
    """Metadata value as a stripped string; YAML dates and numbers become their ISO/str form."""
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, list | dict):
        return None
    text = str(value).strip()
    return text or None


def map_fields(record: Mapping[str, Any]) -> tuple[dict[str, str | None], dict[str, str]]:
    """Split a record into known fields (by synonym, first non-empty wins) and the rest."""
    known: dict[str, str | None] = {}
    extra: dict[str, str] = {}
    for key, value in record.items():
        if not isinstance(key, str):
            continue
        name = _KEY_TO_FIELD.get(_norm_key(key))
        sval = _as_str(value)
        if name is None:
            if sval is not None:
                extra[key] = sval
            continue
        if name == "text":
            # body keeps its inner whitespace
            sval = value if isinstance(value, str) and value.strip() else None
        if known.get(name) is None and sval is not None:
            known[name] = sval
    return known, extra


def _rawdoc(source_path: str, text: str, meta: Mapping[str, str | None], extra: dict[str, str]) -> RawDoc:
    return RawDoc(source_path=source_path, text=text, extra=extra, **{k: meta.get(k) for k in _META_FIELDS})


# --------------------------------------------------------------------------------------------------
# Path expansion


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_EXTENSIONS


def _stat_problem(path: Path) -> str | None:
    """Why ``path`` cannot be used as a file, or None. Catches broken links and self-loops."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        if exc.errno == errno.ENOENT:
            return "broken symbolic link" if path.is_symlink() else "no such file or directory"
        if exc.errno == errno.EACCES:
            return "permission denied"
        return exc.strerror or str(exc)
    return None


def _walk_folder(folder: Path) -> tuple[list[Path], list[LoadFailure]]:
    """Supported files under ``folder`` (recursive, sorted, following links without looping)."""
    files: list[Path] = []
    failures: list[LoadFailure] = []
    visited: set[str] = set()

    def onerror(exc: OSError) -> None:
        where = exc.filename or str(folder)
        failures.append(LoadFailure(str(where), f"cannot read folder: {exc.strerror or exc}"))

    for dirpath, dirnames, filenames in os.walk(folder, onerror=onerror, followlinks=True):
        real = os.path.realpath(dirpath)
        if real in visited:
            dirnames[:] = []
            continue
        visited.add(real)
        keep: list[str] = []
        for name in sorted(dirnames):
            if _is_hidden(name):
                continue
            sub = os.path.join(dirpath, name)
            target = os.path.realpath(sub)
            if os.path.islink(sub) and (target == real or real.startswith(target.rstrip(os.sep) + os.sep)):
                failures.append(LoadFailure(sub, f"symbolic link loop (points back to {target})"))
                continue
            if target in visited:
                continue  # an alias of a folder already walked
            keep.append(name)
        dirnames[:] = keep
        for name in sorted(filenames):
            if _is_hidden(name):
                continue
            path = Path(dirpath) / name
            if not _supported(path):
                continue
            problem = _stat_problem(path)
            if problem:
                failures.append(LoadFailure(str(path), problem))
                continue
            if not os.access(path, os.R_OK):
                failures.append(LoadFailure(str(path), "permission denied"))
                continue
            files.append(path)
    if not files and not failures:
        failures.append(
            LoadFailure(str(folder), f"no supported files in folder (looked for {', '.join(SUPPORTED_EXTENSIONS)})")
        )
    return files, failures


def _expand_one(raw: str) -> tuple[list[Path], list[LoadFailure]]:
    if not raw.strip():
        # Path("") is ".", which would silently walk the current folder
        return [], [LoadFailure(repr(raw), "empty path: give a file, a folder or a glob pattern")]
    path = Path(raw).expanduser()
    if not os.path.lexists(path) and _GLOB_CHARS.search(raw):
        matches = sorted(glob.glob(os.path.expanduser(raw), recursive=True))
        files: list[Path] = []
        failures: list[LoadFailure] = []
        for match in matches:
            mpath = Path(match)
            if mpath.is_dir():
                sub_files, sub_failures = _walk_folder(mpath)
                files += sub_files
                failures += [f for f in sub_failures if not f.error.startswith("no supported files")]
            elif _supported(mpath) and not _is_hidden(mpath.name):
                problem = _stat_problem(mpath)
                if problem:
                    failures.append(LoadFailure(match, problem))
                else:
                    files.append(mpath)
        if not files and not failures:
            failures.append(LoadFailure(raw, "no supported files match this pattern"))
        return files, failures
    problem = _stat_problem(path)
    if problem:
        return [], [LoadFailure(raw, problem)]
    if path.is_dir():
        if not os.access(path, os.R_OK | os.X_OK):
            return [], [LoadFailure(raw, "permission denied (cannot list folder)")]
        return _walk_folder(path)
    if not _supported(path):
        kind = path.suffix or "(no extension)"
        return [], [
            LoadFailure(raw, f"unsupported file type {kind} (supported: {', '.join(SUPPORTED_EXTENSIONS)})")
        ]
    if not os.access(path, os.R_OK):
        return [], [LoadFailure(raw, "permission denied")]
    return [path], []


def expand_paths(paths: Iterable[str]) -> tuple[list[Path], list[LoadFailure]]:
    """Files to load from files, folders and glob patterns; problems come back as failures.

    Folders are walked recursively in sorted order, skipping hidden entries and unsupported
    extensions; the same file reached twice (two arguments, a symlink) is returned once, and the same
    problem (an unreadable folder given twice, or as ``x`` and ``x/``) is reported once.
    """
    out: list[Path] = []
    failures: list[LoadFailure] = []
    seen: set[str] = set()
    seen_failures: set[tuple[str, str]] = set()
    for raw in paths:
        files, fails = _expand_one(str(raw))
        for failure in fails:
            key = (os.path.realpath(failure.path) if failure.path.strip("'\"") else failure.path, failure.error)
            if key not in seen_failures:
                seen_failures.add(key)
                failures.append(failure)
        for path in files:
            key = os.path.realpath(path)
            if key not in seen:
                seen.add(key)
                out.append(path)
    return out, failures


# --------------------------------------------------------------------------------------------------
# Bytes -> text


def _read_bytes(path: Path) -> bytes:
    return path.read_bytes()


def _looks_binary(data: bytes, per_line: bool = False) -> bool:
    """NUL bytes or many control characters: an image or archive renamed to .txt.

    For line formats (JSONL, CSV) a few NUL bytes are one bad line, not a binary file: the loader
    reports that line and keeps the others.
    """
    sample = data[:8192]
    if b"\x00" in sample:
        if not per_line:
            return True
        lines = [line for line in sample.split(b"\n") if line.strip()]
        if sum(1 for line in lines if b"\x00" in line) * 2 > len(lines):
            return True  # most lines hold NULs: an image or archive, not a dump with one bad line
    controls = sum(1 for b in sample if b < 32 and b not in (0, 9, 10, 12, 13))
    return controls / max(1, len(sample)) > 0.05


def decode_bytes(data: bytes, path: str, per_line: bool = False) -> str:
    """Decode as UTF-8 (BOM allowed), then cp1252 (Windows exports), then latin-1 if it reads as text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise LoadError(path, f"invalid UTF-16 text ({exc.reason} at byte {exc.start})") from exc
    if _looks_binary(data, per_line):
        raise LoadError(path, "looks like a binary file, not text (NUL or control bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    text = data.decode("latin-1")
    c1 = sum(1 for ch in text if "\x80" <= ch <= "\x9f")
    if c1 / max(1, len(text)) < 0.01:
        return text
    raise LoadError(path, f"cannot decode text: not UTF-8 ({utf8_error}), not cp1252, not latin-1 text")


def read_text(path: Path, max_bytes: int, per_line: bool = False) -> str:
    """The file's text, or LoadError for size, permission, emptiness, binary content or encoding."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LoadError(path, exc.strerror or str(exc)) from exc
    if size > max_bytes:
        raise LoadError(path, f"file is {_human(size)}, over the {_human(max_bytes)} size limit")
    try:
        data = _read_bytes(path)
    except PermissionError as exc:
        raise LoadError(path, "permission denied") from exc
    except IsADirectoryError as exc:
        raise LoadError(path, "is a folder, not a file") from exc
    except OSError as exc:
        raise LoadError(path, f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:  # grew since stat
        raise LoadError(path, f"file is {_human(len(data))}, over the {_human(max_bytes)} size limit")
    if not data:
        raise LoadError(path, "file is empty")
    text = decode_bytes(data, str(path), per_line)
    if not text.strip():
        raise LoadError(path, "file contains only whitespace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _human(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB ({n} bytes)"
    if n >= 1024:
        return f"{n / 1024:.1f} KB ({n} bytes)"
    return f"{n} bytes"


# --------------------------------------------------------------------------------------------------
# Plain text and markdown

_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADER_LINE_RE = re.compile(r"^([A-Za-z][A-Za-z _-]{0,20}):[ \t]*(\S.*)$")
# "*Harian Pesisir Timur — Senin, 25 November 2024*": outlet and date line under a markdown title.
_MD_BYLINE_RE = re.compile(
    r"^\*{0,2}(?P<outlet>[^*\n—–|]{2,60}?)\s+[—–]\s+(?P<date>(?:[A-Za-z']+,\s*)?\d{1,2}\s+[A-Za-z]+\s+\d{4})"
    r"\s*\*{0,2}\s*$"
)
_MD_AUTHOR_RE = re.compile(r"^\*{0,2}(?:Penulis|Oleh|Reporter)\s*:\s*(?P<author>[^*\n]+?)\*{0,2}\s*$", re.I)
_MD_HEADING_RE = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")


def split_front_matter(text: str, path: str) -> tuple[dict[str, Any], str]:
    """YAML front matter between leading ``---`` lines, and the remaining body."""
    m = _FRONT_MATTER_RE.match(text.lstrip("\ufeff"))
    if not m:
        return {}, text
    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2}, column {mark.column + 1})" if mark else ""
        raise LoadError(path, f"malformed YAML front matter{where}: {getattr(exc, 'problem', exc)}") from exc
    if not isinstance(data, dict):
        return {}, text  # a '---' rule, not front matter
    return data, text[m.end():]


def split_header_block(text: str) -> tuple[str | None, dict[str, str], str]:
    """A ``key: value`` block (url/outlet/published...) at the top, optionally under a title line.

    Returns (title line or None, header fields, rest of text). Only known keys count, so a headline
    like "BPS: Inflasi November 2024 ..." is not mistaken for a header.
    """
    lines = text.split("\n")
    idx = 0
    while idx < len(lines) and not lines[idx].strip():
        idx += 1
    for title_lines in (0, 1):
        start = idx + title_lines
        header: dict[str, str] = {}
        j = start
        while j < len(lines):
            m = _HEADER_LINE_RE.match(lines[j].strip())
            if not m or _norm_key(m.group(1)) not in _KEY_TO_FIELD or _norm_key(m.group(1)) == "text":
                break
            header[m.group(1)] = m.group(2).strip()
            j += 1
        if header and (j == len(lines) or not lines[j].strip()):
            title = lines[idx].strip() if title_lines else None
            return title, header, "\n".join(lines[j:])
    return None, {}, text


def _looks_like_headline(line: str) -> bool:
    """A first line that is a headline rather than the first sentence of the body."""
    s = line.strip()
    if not s or len(s) > 200:
        return False
    if re.search(r"[.!?…][\"'”’)]*$", s) and not s.endswith("..."):
        return False  # a sentence, e.g. the seed article's opening line
    return not re.match(r"^[A-Z][A-Z .,'-]{2,40}(?:\([A-Za-z]+\))?\s*[–—-]\s", s)  # not a dateline


def _take_title_line(body: str) -> tuple[str | None, str]:
    """First non-empty line as title when it is a headline or a markdown heading."""
    lines = body.split("\n")
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        heading = _MD_HEADING_RE.match(line.strip())
        if heading:
            return heading.group(1).strip(), "\n".join(lines[i + 1:])
        if _looks_like_headline(line):
            return line.strip(), "\n".join(lines[i + 1:])
        return None, body
    return None, body


def _markdown_byline(body: str) -> tuple[dict[str, str], str]:
    """Outlet/date and author lines that markdown exports put under the heading (kept in the text)."""
    found: dict[str, str] = {}
    for line in body.split("\n")[:8]:
        s = line.strip()
        m = _MD_BYLINE_RE.match(s)
        if m and "outlet" not in found:
            found["outlet"] = m.group("outlet").strip()
            found["published"] = m.group("date").strip()
            continue
        a = _MD_AUTHOR_RE.match(s)
        if a and "author" not in found:
            found["author"] = a.group("author").strip()
    return found, body


def load_text_document(text: str, path: str, *, markdown: bool) -> RawDoc:
    """A .txt/.md article: front matter or header block for metadata, first line as title."""
    front, body = split_front_matter(text, path)
    meta, extra = map_fields(front)
    header_title, header, body = split_header_block(body)
    hmeta, hextra = map_fields(header)
    for key, value in hmeta.items():
        if meta.get(key) is None:
            meta[key] = value
    extra.update(hextra)
    title = header_title
    if title is None:
        title, body = _take_title_line(body)
    if markdown or title:
        byline, _ = _markdown_byline(body)
        for key, value in byline.items():
            if not meta.get(key):
                meta[key] = value
    if not meta.get("title") and title:
        meta["title"] = title
    if not body.strip():
        raise LoadError(path, "no article text (only a title or metadata)")
    return _rawdoc(path, body.strip("\n"), meta, extra)


# --------------------------------------------------------------------------------------------------
# HTML

_MIN_HTML_BODY_WORDS = 8
_BACA_JUGA_RE = re.compile(r"^\s*(?:baca|lihat|simak)\s+(?:juga|pula)\b\s*:?\s*(.*)$", re.I | re.S)


def _ld_json_objects(tree: lxml.html.HtmlElement) -> list[dict[str, Any]]:
    objects: list[dict[str, Any]] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "")
        except (json.JSONDecodeError, RecursionError):
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                objects.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)
    return objects


def _meta_content(tree: lxml.html.HtmlElement, *names: str) -> str | None:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            values = tree.xpath(f'//meta[@{attr}="{name}"]/@content')
            if values and values[0].strip():
                return values[0].strip()
    return None


def html_related_headlines(tree: lxml.html.HtmlElement) -> list[str]:
    """'Baca juga' headlines from the page itself: trafilatura drops some of them (div boxes)."""
    found: list[str] = []
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "head", "title", "meta"):
            continue
        text = " ".join(el.text_content().split())
        if len(text) > 300:
            continue
        m = _BACA_JUGA_RE.match(text)
        if not m or not m.group(1).strip():
            continue
        parent = el.getparent()
        if parent is not None and _BACA_JUGA_RE.match(" ".join(parent.text_content().split())):
            continue  # report the outermost box only
        headline = m.group(1).strip()
        if headline not in found:
            found.append(headline)
    return found


_NON_TEXT_TAGS = "//script|//style|//noscript|//template"


def _without_code(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """A copy of the page without script/style/noscript/template elements (their text is not the article's:
    a ``<script>`` inside an ``<h1>`` would otherwise become part of the title)."""
    clean = copy.deepcopy(tree)
    for element in clean.xpath(_NON_TEXT_TAGS):
        element.drop_tree()
    return clean


def load_html_document(html: str, path: str) -> RawDoc:
    """Main text and metadata via trafilatura; JSON-LD / og: meta fill what it misses."""
    try:
        tree = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise LoadError(path, f"cannot parse HTML: {exc}") from exc
    doc = trafilatura.bare_extraction(
        _without_code(tree), with_metadata=True, include_comments=False, include_tables=True,
        include_images=False, deduplicate=False,
    )
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(text.split()) < _MIN_HTML_BODY_WORDS:
        # trafilatura falls back to menu text ("Beranda") when a page has no article
        raise LoadError(path, f"no article body found in HTML (extracted {len(text.split())} words)")
    ld = _ld_json_objects(tree)
    article_ld = next((o for o in ld if "Article" in str(o.get("@type", ""))), ld[0] if ld else {})
    publisher = article_ld.get("publisher")
    author_ld = article_ld.get("author")
    meta: dict[str, str | None] = {
        "title": getattr(doc, "title", None) or _meta_content(tree, "og:title") or _as_str(article_ld.get("headline")),
        "url": getattr(doc, "url", None) or _meta_content(tree, "og:url"),
        "outlet": getattr(doc, "sitename", None) or _meta_content(tree, "og:site_name")
        or (_as_str(publisher.get("name")) if isinstance(publisher, dict) else None),
        "published": _meta_content(tree, "article:published_time", "datePublished")
        or _as_str(article_ld.get("datePublished")) or getattr(doc, "date", None),
        "author": getattr(doc, "author", None) or _meta_content(tree, "author")
        or (_as_str(author_ld.get("name")) if isinstance(author_ld, dict) else None),
        "region": _meta_content(tree, "article:section"),
        "language": (tree.get("lang") or "").split("-")[0] or None,
    }
    # 'Baca juga' boxes trafilatura dropped go back in as lines, so the cleaner collects them all alike.
    missing = [h for h in html_related_headlines(tree) if h not in text]
    if missing:
        text += "\n" + "\n".join(f"Baca juga: {h}" for h in missing)
    return _rawdoc(path, text, meta, {})


# --------------------------------------------------------------------------------------------------
# JSON, JSONL, CSV


def _record_doc(record: Any, source: str) -> RawDoc:
    """A JSON object / CSV row as a RawDoc; raises ValueError with a short reason if unusable."""
    if not isinstance(record, dict):
        raise ValueError(f"expected an object, got {type(record).__name__}")
    meta, extra = map_fields(record)
    text = meta.pop("text", None)
    if not text or not str(text).strip():
        keys = ", ".join(sorted(str(k) for k in record)) or "none"
        names = ", ".join(FIELD_SYNONYMS["text"])
        raise ValueError(f"no article text (fields: {keys}; the text field may be called {names})")
    return _rawdoc(source, str(text), meta, extra)


TOO_DEEP = "JSON nested too deeply to be an article (more than ~1,000 levels)"


def load_json(text: str, path: str) -> tuple[list[RawDoc], list[LoadFailure]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LoadError(path, f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc
    except RecursionError:
        raise LoadError(path, TOO_DEEP) from None
    if isinstance(data, dict) and not any(_KEY_TO_FIELD.get(_norm_key(k)) == "text" for k in data):
        for key in ("articles", "items", "data", "results"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
    if isinstance(data, dict):
        try:
            return [_record_doc(data, path)], []
        except ValueError as exc:
            raise LoadError(path, str(exc)) from exc
    if not isinstance(data, list):
        raise LoadError(path, f"expected a JSON object or a list of objects, got {type(data).__name__}")
    if not data:
        raise LoadError(path, "JSON list is empty")
    docs: list[RawDoc] = []
    failures: list[LoadFailure] = []
    for i, item in enumerate(data):
        try:
            docs.append(_record_doc(item, f"{path}#{i}"))
        except ValueError as exc:
            failures.append(LoadFailure(f"{path}#{i}", f"{path} item {i}: {exc}"))
    return docs, failures


def load_jsonl(text: str, path: str) -> tuple[list[RawDoc], list[LoadFailure]]:
    docs: list[RawDoc] = []
    failures: list[LoadFailure] = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}#L{lineno}"
        if "\x00" in line:
            failures.append(LoadFailure(where, f"{path} line {lineno}: contains NUL bytes (binary data), skipped"))
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            failures.append(LoadFailure(where, f"{path} line {lineno}: invalid JSON: {exc.msg} (column {exc.colno})"))
            continue
        except RecursionError:
            failures.append(LoadFailure(where, f"{path} line {lineno}: {TOO_DEEP}"))
            continue
        try:
            docs.append(_record_doc(record, where))
        except ValueError as exc:
            failures.append(LoadFailure(where, f"{path} line {lineno}: {exc}"))
    if not docs and not failures:
        raise LoadError(path, "no JSON lines found")
    return docs, failures


def load_csv(text: str, path: str) -> tuple[list[RawDoc], list[LoadFailure]]:
    # the default field limit (128 KB) would fail a whole file for one long body; the article limits decide
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    columns = [c for c in (reader.fieldnames or []) if c is not None]
    if not any(_KEY_TO_FIELD.get(_norm_key(c)) == "text" for c in columns):
        raise LoadError(
            path,
            f"CSV has no text column (found: {', '.join(columns) or 'none'}; "
            f"expected one of: {', '.join(FIELD_SYNONYMS['text'])})",
        )
    docs: list[RawDoc] = []
    failures: list[LoadFailure] = []
    try:
        for rowno, row in enumerate(reader, start=1):
            where = f"{path}#row{rowno}"
            row.pop(None, None)  # type: ignore[call-overload]
            if any("\x00" in (value or "") for value in row.values()):
                failures.append(LoadFailure(where, f"{path} row {rowno} (line {reader.line_num}): contains NUL bytes "
                                            "(binary data), skipped"))
                continue
            try:
                docs.append(_record_doc(row, where))
            except ValueError as exc:
                failures.append(LoadFailure(where, f"{path} row {rowno} (line {reader.line_num}): {exc}"))
    except csv.Error as exc:
        raise LoadError(path, f"malformed CSV at line {reader.line_num}: {exc}") from exc
    if not docs and not failures:
        raise LoadError(path, "CSV has a header but no rows")
    return docs, failures


# --------------------------------------------------------------------------------------------------


def load_file(path: Path, max_bytes: int) -> tuple[list[RawDoc], list[LoadFailure]]:
    """Raw documents in one file, plus per-line/row/item failures; LoadError for whole-file problems."""
    path = Path(path)
    ext = path.suffix.lower()
    if ext not in SUPPORTED_EXTENSIONS:
        raise LoadError(path, f"unsupported file type {ext or '(no extension)'}")
    text = read_text(path, max_bytes, per_line=ext in (".jsonl", ".csv"))
    spath = str(path)
    if ext in (".txt", ".md", ".markdown"):
        return [load_text_document(text, spath, markdown=ext != ".txt")], []
    if ext in (".html", ".htm"):
        return [load_html_document(text, spath)], []
    if ext == ".json":
        return load_json(text, spath)
    if ext == ".jsonl":
        return load_jsonl(text, spath)
    return load_csv(text, spath)
