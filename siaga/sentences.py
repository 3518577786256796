"""Sentence spans for Indonesian (and English) news text, by regex.

Chunking and citation both cut text at sentence boundaries, so a split in the wrong place cuts a
quote or a number in half. Indonesian news is full of dotted ranks and titles ("Kombes Pol.",
"Irjen.", "H."), initials ("Andi Rian R. Djajadi"), dotted thousands ("1.048", "Rp4.814.000"),
clock times ("08.00") and quotes closed after the full stop ('." ') or continued by a speech verb
('...," kata Heska.'). The rules here are deliberately conservative: a boundary needs a terminator,
then whitespace, then something that can start a sentence (not a lower-case letter).
"""

from __future__ import annotations

import re


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


# Indonesia's police and military ranks, lower-cased: the abbreviated ones never end a sentence, and a
# person's rank with the words that qualify it ("Kombes Pol", "Mayjen TNI", "Kolonel Laut") belongs to a
# who-answer (``rag.compose``).
RANK_ABBREVIATIONS: frozenset[str] = _words(
    """
    pol kombes akbp akp iptu ipda aiptu aipda bripka brigpol briptu bripda bharaka bharatu bharada
    irjen brigjen komjen jend jen letjen mayjen brigjend marsda marsma laksda laksma kol letkol
    kapt lettu letda serka serma sertu serda kopda koptu pratu prada
    """
)
RANK_QUALIFIERS: frozenset[str] = _words("pol polisi tni laut udara marinir purn besar")  # after a rank, never first
RANKS: frozenset[str] = (RANK_ABBREVIATIONS - RANK_QUALIFIERS) | _words(
    """
    jenderal kolonel mayor kapten letnan laksamana laksdya marsekal marsdya brigadir komisaris inspektur
    ajun kompol
    """
)

# The words that attribute a statement in news (``rag.attribution`` finds the speaker by them; a yes/no question's
# coverage leaves them out). "X mengatakan ...": the verb after its subject; '"...," kata X' / ', ujarnya': the tag
# after a quote or a comma.
SAYING_VERBS: frozenset[str] = _words(
    """
    mengatakan menyampaikan menjelaskan menyebutkan menyebut mengungkapkan mengungkap menegaskan menuturkan
    memaparkan menerangkan menyatakan merinci menambahkan mengakui membenarkan mengimbau mencatat menunjukkan said
    says told stated explained added
    """
)
QUOTE_TAGS: frozenset[str] = _words("kata ujar ucap tutur jelas terang ungkap sebut tegas imbuh tambah papar lanjut "
                                    "pungkas")

# The words that open a stated cause or purpose: a why-question is answered by the clause one opens
# (``rag.compose.stated_cause``). Followed by "itu" ("karena itu", "oleh karena itu") they point back to a cause.
CAUSE_WORDS: tuple[str, ...] = (
    "karena", "sebab", "lantaran", "akibat", "disebabkan", "mengingat", "agar", "supaya",
    "because", "due to", "owing to", "so that", "in order to",
)

# Tokens that end with a dot but (almost) never end a sentence; compared lower-cased, without the dot.
# Only true abbreviations: an ordinary word ("kota", "desa") can end a sentence.
ABBREVIATIONS: frozenset[str] = RANK_ABBREVIATIONS | _words(
    """
    dr drs dra drg drh ir prof h hj kh ust pdt ttd sdr sdri bpk ny nn tn yth pt cv
    st jl jln gg no tel telp hp kab kec kel ds prov kp
    dll dsb dst dkk tsb yg dgn utk spt vs etc cf
    rp usd idr
    jan feb mar apr jun jul agu agt ags sep sept okt nov des dec aug oct
    mr mrs jr sr inc ltd corp dept approx
    """
)

# A terminator run, then any closing quotes/brackets, which belong to the sentence they close.
_TERMINATOR_RE = re.compile(r"(?:\.{2,}|…|[.!?]+)[\"'”’»)\]]*")
_LINE_RE = re.compile(r"[^\r\n]+")
_PRECEDING_WORD_RE = re.compile(r"(\S+)$")
_OPENERS = "\"'“‘«([{"


def _is_abbreviation(word: str) -> bool:
    """True when ``word`` (the token the full stop is attached to, dot removed) is not a sentence end."""
    core = word.lstrip(_OPENERS)
    if not core:
        return False
    if core.lower() in ABBREVIATIONS:
        return True
    if len(core) == 1 and core.isalpha():
        return True  # initial: "R. Djajadi", "M. Sabilul"
    # dotted forms: "S.I.K", "M.Si", "a.n", "S.H", "U.S"
    return bool(re.fullmatch(r"(?:[A-Za-z]{1,3}\.)+[A-Za-z]{1,3}", core))


def _is_boundary(line: str, m: re.Match[str], sentence_start: int) -> bool:
    """Decide whether the terminator run ``m`` inside ``line`` ends a sentence."""
    end = m.end()
    if end >= len(line) or not line[end].isspace():
        return False  # "1.048", "www.x.id", "08.00", "Heska.Selanjutnya"
    rest = line[end:].lstrip()
    if not rest:
        return False  # end of line: the line itself ends the sentence
    nxt = rest[0]
    if nxt.islower() or nxt in ",;:)]}":
        return False  # '," kata Heska', "... dan seterusnya", "dll. serta"
    punct = m.group(0).rstrip("\"'”’»)]")
    if punct != ".":
        return True  # "?", "!", "...", "…" followed by a capital
    before = line[sentence_start : m.start()]
    wm = _PRECEDING_WORD_RE.search(before)
    if not wm:
        return False
    word = wm.group(1)
    if m.group(0) == "." and _is_abbreviation(word):
        return False
    # numbered list item at the start of a sentence: "1. Polres Serang ..."
    return not (re.fullmatch(r"\d{1,2}", word) and before.strip() == word)


def _line_sentences(line: str, offset: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _TERMINATOR_RE.finditer(line):
        if m.start() < start:
            continue
        if _is_boundary(line, m, start):
            spans.append((start, m.end()))
            start = m.end()
    spans.append((start, len(line)))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        piece = line[s:e]
        stripped = piece.strip()
        if not stripped:
            continue
        lead = len(piece) - len(piece.lstrip())
        out.append((offset + s + lead, offset + s + lead + len(stripped)))
    return out


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences in ``text``; ``text[start:end]`` is stripped of whitespace.

    Every line break ends a sentence (paragraphs in cleaned articles are one per line).
    """
    spans: list[tuple[int, int]] = []
    for lm in _LINE_RE.finditer(text):
        spans.extend(_line_sentences(lm.group(0), lm.start()))
    return spans


def sentences(text: str) -> list[str]:
    """The sentence strings themselves (convenience for callers that need no offsets)."""
    return [text[s:e] for s, e in split_sentences(text)]
