"""Pure UI helpers: escaping neutralises injection, links are http(s) only, quotes are highlighted."""

from __future__ import annotations

import re

import pytest

from ui.i18n import LABELS, t
from ui.render import (
    article_markdown,
    cited_numbers,
    domain_of,
    escape_markdown,
    highlight_context,
    link_markdown,
    locate_quote,
    safe_url,
    source_label,
    source_meta,
    unescape_markdown,
)

# An unescaped character: not preceded by a backslash.
RAW = r"(?<!\\)"


def _has_raw(md: str, *chars: str) -> bool:
    return any(re.search(RAW + re.escape(c), md) for c in chars)


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        "[klik](javascript:alert(1))",
        "![img](http://x/y.png)",
        "<img src=x onerror=alert(3)>",
        "`code` *bold* _it_ ~~strike~~ $x^2$ | a | b |",
        "# heading\n> quote\n- item\n1. first",
        ":red[warna] :material/home:",
        "[a]: javascript:alert(1)",
    ],
)
def test_escape_neutralises_markup(attack: str) -> None:
    md = escape_markdown(attack)
    assert not _has_raw(md, "<", ">", "[", "]", "(", ")", "*", "_", "`", "!", "|", "~", "$", "#")
    assert unescape_markdown(md) == attack


def test_escape_line_start_blocks() -> None:
    md = escape_markdown("- daftar\n+ plus\n1. satu\n2) dua\n===")
    for line in md.splitlines():
        assert line.startswith("\\") or re.match(r"^\d+\\[.)]", line), line
    assert escape_markdown("1.048 personel") == "1\\.048 personel"  # harmless: renders "1.048"
    assert escape_markdown("Pada 1.048 personel") == "Pada 1.048 personel"


def test_escape_inline_folds_whitespace_and_handles_none() -> None:
    assert escape_markdown("a\n\n  b\tc", inline=True) == "a b c"
    assert escape_markdown(None) == ""
    assert escape_markdown("") == ""


def test_escape_keeps_backslash_literal() -> None:
    md = escape_markdown("C:\\temp\\[x]")
    assert unescape_markdown(md) == "C:\\temp\\[x]"
    assert not _has_raw(md, "[", "]")


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,<script>", "vbscript:x", "ftp://x/y",
     "//evil.example/x", "http://", "https:///path", "http://x\n.com", "", None, "mailto:a@b.c"],
)
def test_safe_url_rejects_non_http(url: str | None) -> None:
    assert safe_url(url) is None
    assert "](" not in link_markdown("klik", url)


def test_safe_url_encodes_markdown_breakers() -> None:
    url = safe_url("https://example.com/a b)(c<d>\"e`")
    assert url is not None
    assert not any(ch in url for ch in " ()<>\"`")
    assert url.startswith("https://example.com/a%20b%29%28c")
    assert safe_url("http://antaranews.com/berita/1?x=1#y") == "http://antaranews.com/berita/1?x=1#y"
    assert link_markdown("[x](javascript:1)", "https://ok.example/p") == (
        "[\\[x\\]\\(javascript:1\\)](https://ok.example/p)"
    )
    assert domain_of("https://www.antaranews.com/x") == "antaranews.com"
    assert domain_of("javascript:alert(1)") is None


TEXT = (
    "Tangerang (ANTARA) - Kepolisian Resor Kota Tangerang menurunkan 1.048 personel. "
    "Kesiapan pasukan itu diperiksa dalam apel pergeseran pasukan. "
    "\"Jadi totalnya 1.048 orang,\" kata Baktiar. " + "Kalimat pengisi yang panjang sekali. " * 20
)


def test_highlight_context_bolds_the_quote_in_context() -> None:
    quote = "Kesiapan pasukan itu diperiksa dalam apel pergeseran pasukan."
    start = TEXT.index(quote)
    md = highlight_context(TEXT, start, start + len(quote), quote)
    assert f"**{escape_markdown(quote, inline=True)}**" in md
    assert "1.048 personel" in md  # context before
    assert md.endswith("…")  # cut after
    assert len(unescape_markdown(md)) <= 340


def test_highlight_context_relocates_and_falls_back() -> None:
    quote = "\"Jadi totalnya 1.048 orang,\" kata Baktiar."
    md = highlight_context(TEXT, 0, 5, quote)  # stale offsets: found by text
    assert "**\"Jadi totalnya 1.048 orang,\" kata Baktiar.**" in md
    assert highlight_context(None, 0, 10, "kutipan [x](javascript:1)") == "**kutipan \\[x\\]\\(javascript:1\\)**"
    assert highlight_context("abc", 0, 2, "tidak ada") == "**tidak ada**"
    assert locate_quote("abc def", 4, 7, "def") == (4, 7)
    assert locate_quote("abc def", 0, 3, "def") == (4, 7)


def test_highlight_context_escapes_injection_around_the_quote() -> None:
    text = "<script>alert(1)</script> Polres Cilacap mengerahkan 777 personel. ![img](http://x/y.png)"
    quote = "Polres Cilacap mengerahkan 777 personel."
    start = text.index(quote)
    md = highlight_context(text, start, start + len(quote), quote)
    assert not _has_raw(md, "<", ">", "[", "]", "(", ")", "!")
    assert "**Polres Cilacap mengerahkan 777 personel.**" in md


def test_article_markdown_keeps_paragraphs_escaped() -> None:
    md = article_markdown("Satu <b>dua</b>.\n\nTiga [x](javascript:1).\nEmpat")
    assert md.split("\n\n") == ["Satu \\<b\\>dua\\</b\\>.", "Tiga \\[x\\]\\(javascript:1\\).", "Empat"]


def test_source_label_and_meta() -> None:
    cit = {"n": 2, "title": "Judul <script>x</script>", "outlet": "ANTARA", "published": "2024-02-10",
           "region": "Banten"}
    label = source_label(cit)
    assert label.startswith("\\[2\\] Judul \\<script\\>")
    assert label.endswith("— ANTARA, 2024-02-10")
    assert not source_label(cit, numbered=False).startswith("\\[")
    assert source_meta(cit) == "ANTARA · 2024-02-10 · Banten"
    assert source_meta({}) == "—"


def test_cited_numbers() -> None:
    assert cited_numbers("a [2] b [1] c [2]") == [2, 1]


def test_every_label_has_both_languages() -> None:
    for key, entry in LABELS.items():
        assert set(entry) == {"id", "en"}, key
    assert t("verified", "en").startswith("Verified:")
    assert t("missing-key", "en") == "missing-key"
    assert t("understood_as", "xx", q="q") == "Dipahami sebagai: q"
