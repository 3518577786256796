"""Pure UI helpers: escaping neutralises injection, links are http(s) only, quotes are highlighted."""

from __future__ import annotations

import re

import pytest

from ui.i18n import LABELS, LANGS, counted, interface_language, locale_language, t
from ui.render import (
    anchor_id,
    answer_markdown,
    article_markdown,
    cited_numbers,
    domain_of,
    escape_markdown,
    export_link,
    export_markdown,
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
        assert {"id", "en"} <= set(entry) <= {"id", "en", "id_one", "en_one"}, key
    assert t("verified", "en").startswith("Verified:")
    assert t("missing-key", "en") == "missing-key"
    assert t("understood_as", "xx", q="q") == "Dipahami sebagai: q"


def test_counts_take_the_singular_in_english_only() -> None:
    assert counted("articles", 1, "en") == "1 article"
    assert counted("articles", 2, "en") == "2 articles"
    assert counted("chunks", 1, "en") == "1 chunk"
    assert counted("chunks", 0, "en") == "0 chunks"
    assert counted("articles", 1, "id") == "1 artikel"
    assert t("ingest_done", "en", count=1, secs=2.0, chunks=1) == "Done in 2.0 s; 1 chunk embedded."
    assert t("status_answered", "en", count=1, n=1, secs=0.5) == "Answered · 1 source article · 0.5 s"
    assert t("status_answered", "en", count=2, n=2, secs=0.5) == "Answered · 2 source articles · 0.5 s"
    assert t("run_ingest", "en", count=1, n=1) == "Ingest 1 file"


def test_interface_language_is_chosen_once_not_per_question() -> None:
    assert locale_language("id-ID") == "id" and locale_language("en_GB") == "en"
    assert locale_language("fr-FR") is None and locale_language(None) is None
    # the user's choice, else the setting, else the browser's, else the first question's
    assert interface_language("en", "id", "id-ID", "id") == "en"
    assert interface_language(None, "en", "id-ID", "id") == "en"
    assert interface_language(None, None, "en-US", "id") == "en"
    assert interface_language(None, None, "fr-FR", "en") == "en"
    assert interface_language(None, None, None, None) == "id"
    assert interface_language("xx", "auto", None, None) in LANGS


MSG = "a1b2c3d4e5f6"
CITATIONS = [
    {"n": 1, "quote": 'Kapolresta berkata "1.048 personel" (total).', "outlet": "ANTARA", "published": "2024-02-10",
     "title": "Judul"},
    {"n": 2, "quote": "Kalimat kedua.", "outlet": None, "published": None, "title": "Dua"},
]


def test_answer_markers_link_to_their_cards_with_the_quote_on_hover() -> None:
    md = answer_markdown("Polresta menurunkan 1.048 personel [1], lalu [2] dan [7].", CITATIONS, MSG)
    first = f'[\\[1\\]](#{anchor_id(MSG, 1)} "Kapolresta berkata \\"1.048 personel\\" (total). — ANTARA, 2024-02-10")'
    assert first in md
    assert f"[\\[2\\]](#{anchor_id(MSG, 2)} \"Kalimat kedua.\")" in md
    assert "dan \\[7\\]." in md  # no citation 7: plain text, no link
    assert anchor_id(MSG, 1) == "src-a1b2c3d4e5f6-1"
    assert anchor_id("../<x>", 3) == "src-x-3"  # ids are made safe for an HTML id


def test_answer_markers_keep_untrusted_text_escaped() -> None:
    md = answer_markdown("<script>alert(1)</script> [1] [x](javascript:alert(1))", CITATIONS, MSG)
    assert "\\<script\\>" in md
    assert "](javascript:" not in md.replace("\\]\\(javascript:", "")
    assert re.findall(r"\]\((\S+)", md) == [f"#{anchor_id(MSG, 1)}"]  # the only link is the marker's
    hostile = [{"n": 1, "quote": 'x") [evil](javascript:1) "', "title": "t"}]
    md = answer_markdown("a [1]", hostile, MSG)
    assert md.count("](") == 1 and '\\")' in md  # the quote cannot close the link title early
    assert "(evil)(javascript:1)" in md  # brackets in the hover text become parentheses


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tangerang (ANTARA) - 1.048 personel di 5.431 TPS.", "Tangerang (ANTARA) - 1.048 personel di 5.431 TPS."),
        ("snake_case dan C:\\temp", "snake_case dan C:\\temp"),
        ("Answer 1,048 personnel [1][2].", "Answer 1,048 personnel [1][2]."),
        ("a < 5 & b", "a < 5 & b"),
        ("<script>alert(1)</script>", "\\<script>alert(1)\\</script>"),
        ("[klik](javascript:alert(1))", "[klik\\](javascript:alert(1))"),
        ("1. satu\n- dua\n# tiga\n> empat", "1\\. satu\n\\- dua\n\\# tiga\n\\> empat"),
        ("*tebal* _miring_ `kode` ~~coret~~", "\\*tebal\\* \\_miring\\_ \\`kode\\` \\~\\~coret\\~\\~"),
        ("[a]: javascript:alert(1)", "\\[a]: javascript:alert(1)"),
        ("&lt;b&gt;", "\\&lt;b\\&gt;"),
    ],
)
def test_export_markdown_escapes_only_what_would_form_markup(text: str, expected: str) -> None:
    assert export_markdown(text) == expected


def test_export_link() -> None:
    assert export_link("Judul (ANTARA) [x]", "https://a.example/p q") == "[Judul (ANTARA) \\[x\\]](https://a.example/p%20q)"
    assert export_link("Judul", "javascript:alert(1)") == "Judul"


def test_an_answers_single_line_breaks_stay_line_breaks() -> None:
    md = answer_markdown("What the articles say about Dompu:\n- Dompu siaga [1]\n- 40 TPS [2]\n\nNext paragraph.",
                         CITATIONS, MSG)
    assert md.count("  \n") == 2 and "\n\nNext paragraph." in md and "\\- Dompu siaga" in md
