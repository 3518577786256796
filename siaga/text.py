"""Keyword tokens for Indonesian news: lower-cased, Indonesian-stemmed, numbers normalised.

The same function tokenises chunks for the BM25 index and questions for the keyword leg and for
sentence scoring, so "1,048 personnel" meets "1.048 personel" and "pengamanan" meets "amankan".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

import Stemmer

from siaga.numbers import canonical_number_token

_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)

# Function words that carry no evidence in either language (kept short on purpose: "tidak" and
# "belum" matter for yes/no questions, so they stay).
STOPWORDS: frozenset[str] = frozenset(
    """
    yang dan di ke dari untuk pada dengan dalam ini itu adalah akan oleh sebagai juga atau karena
    telah sudah bahwa para serta kepada saat agar bagi tersebut secara lebih hingga sejak setelah
    sebelum antara kata ujar tuturnya katanya menurut mengatakan menjelaskan bisa dapat ada pun
    berapa apa siapa kapan mana manakah apakah bagaimana mengapa kenapa sebutkan
    the a an of in on at to for from by with and or is are was were be been being as that this
    these those it its into about how many much what who whom which when where why did does do
    according has have had will would can could there their they he she his her
    """.split()
)

_stemmer = Stemmer.Stemmer("indonesian")


# Common Indonesian chat shorthand, as people type questions into a chat box ("brp personel polda ntb").
SHORTHAND: dict[str, str] = {
    "brp": "berapa", "kpn": "kapan", "dmn": "di mana", "knp": "kenapa", "gmn": "bagaimana", "gimana": "bagaimana",
    "sapa": "siapa", "yg": "yang", "utk": "untuk", "untk": "untuk", "dgn": "dengan", "tdk": "tidak", "gak": "tidak",
    "nggak": "tidak", "ga": "tidak", "krn": "karena", "sdh": "sudah", "udah": "sudah", "blm": "belum",
    "jml": "jumlah", "thn": "tahun", "tgl": "tanggal", "bln": "bulan", "kpd": "kepada",
    "tsb": "tersebut", "org": "orang",
}  # fmt: skip
_SHORTHAND_RE = re.compile(r"(?<![\w-])(" + "|".join(SHORTHAND) + r")(?![\w-])", re.I)


def expand_shorthand(text: str) -> str:
    """``text`` with chat shorthand written out ("brp personel" -> "berapa personel", "Brp" -> "Berapa": a capital
    typed is kept, the reader is cased); other words untouched."""
    return _SHORTHAND_RE.sub(lambda m: _with_capital_of(m.group(1), SHORTHAND[m.group(1).lower()]), text)


def _with_capital_of(typed: str, word: str) -> str:
    return word[:1].upper() + word[1:] if typed[:1].isupper() else word


_LETTERS_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
_SENTENCE_OPENING_RE = re.compile(r"(?:^|[.!?:\n])[\s\"“‘'(-]*$")


_PHRASE_WORDS = 4  # the longest lower-case run read as one name: "kepolisian daerah maluku utara"
_PHRASE_JOIN_RE = re.compile(r"[ /-]")  # words of a name: "maluku barat daya", "kodam xiii/merdeka"
_PHRASE_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)  # a year may end a name: "pilkada 2024" as "Pilkada 2024"


def _restore_phrases(question: str, texts: list[str], least: int) -> str:
    """Runs of two to four lower-case words (a number among them, not first) written as the articles write them as a
    phrase, by the evidence rule of ``restore_case``: "polresta denpasar" -> "Polresta Denpasar" though news also
    writes "polresta dan polres", "maluku barat daya" -> "Maluku Barat Daya" though it writes "daya tampung",
    "pilkada 2024" -> "Pilkada 2024" though it writes "dinamika pilkada". Longest first, left to right."""
    words = [m for m in _PHRASE_WORD_RE.finditer(question) if m.group().islower() or m.group().isdigit()]
    lowered = [text.lower() for text in texts]  # most phrases are in no text: found by a plain search first
    out, i, done = [], 0, 0
    while i < len(words):
        for n in range(min(_PHRASE_WORDS, len(words) - i), 1, -1):
            run = words[i : i + n]
            if any(not _PHRASE_JOIN_RE.fullmatch(question[a.end() : b.start()]) for a, b in zip(run, run[1:])) \
                    or run[0].group().isdigit():
                continue  # not one phrase (a cased word or punctuation between), or a number opening it
            typed = question[run[0].start() : run[-1].end()]
            found = [text for text, low in zip(texts, lowered, strict=True) if typed in low]
            cased = _phrase_as_written(typed, found, least) if found else None
            if cased is not None:
                out.append(question[done : run[0].start()] + cased)
                done, i = run[-1].end(), i + n
                break
        else:
            i += 1
    return "".join(out) + question[done:]


def _phrase_as_written(typed: str, texts: list[str], least: int) -> str | None:
    """How the articles write the phrase ``typed``, if they write it cased at least ``least`` times away from a
    sentence's start and never in lower case; else None."""
    pattern = re.compile(rf"(?<![^\W\d_]){re.escape(typed)}(?![^\W\d_])", re.IGNORECASE)
    seen: Counter[str] = Counter()
    for text in texts:
        for m in pattern.finditer(text):
            form = m.group()
            if form == typed:
                return None
            if form[1:] != form[1:].lower() or not _SENTENCE_OPENING_RE.search(text, max(0, m.start() - 6), m.start()):
                seen[form] += 1  # a capital past the first letter is a name wherever it stands
    if sum(seen.values()) < least:
        return None
    return seen.most_common(1)[0][0]


def restore_case(question: str, texts: Iterable[str], *, least: int = 2, opening: bool = False) -> str:
    """``question`` with each word typed all in lower case written as ``texts`` write it, when they write it at
    least ``least`` times away from a sentence's start and never in lower case ("tangerang" -> "Tangerang",
    "tps" -> "TPS"); the most frequent form wins, other words stay as typed. With ``opening``, the question's first
    word, capitalised only because it opens the question, is read the same way ("Sebelumnya?" -> "sebelumnya?",
    "Bali?" stays).

    Chat users type in lower case, and names are read by their capitals (and the reader is cased): the retrieved
    articles say how a word is written, so a lower-case question is read as the cased one would be. Runs of
    lower-case words are first read as phrases the same way (``_restore_phrases``): a name's words may each be
    common words ("kodam xiii/merdeka").
    """
    texts = list(texts)
    question = _restore_phrases(question, texts, least)
    first = _LETTERS_RE.search(question)
    typed = first.group() if first is not None else ""
    opened = opening and typed[:1].isupper() and typed[1:].islower()
    if opened:  # counted below with the lower-case words, then kept only if the articles write it so
        question = question[: first.start()] + typed.lower() + question[first.end() :]
    asked = {w for w in _LETTERS_RE.findall(question) if w.islower()}
    if not asked:
        return question
    forms: dict[str, Counter[str]] = {w: Counter() for w in asked}
    for text in texts:
        for m in _LETTERS_RE.finditer(text):
            seen = forms.get(m.group().lower())
            if seen is not None and not _SENTENCE_OPENING_RE.search(text, max(0, m.start() - 6), m.start()):
                seen[m.group()] += 1
    if opened:
        seen = forms[typed.lower()]
        if seen[typed.lower()] < least or sum(seen.values()) != seen[typed.lower()]:  # no lower-case evidence
            question = question[: first.start()] + typed + question[first.end() :]

    def written(m: re.Match[str]) -> str:
        seen = forms.get(m.group())
        if seen is None or m.group() in seen or sum(seen.values()) < least:
            return m.group()
        return seen.most_common(1)[0][0]

    return _LETTERS_RE.sub(written, question)


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _stemmer.stemWord(word)


def has_indonesian_affix(word: str) -> bool:
    """Does the Indonesian stemmer shorten ``word`` ("mencegah" -> "cegah", "letaknya" -> "letak")? A mark of an
    Indonesian word where no function word says so; English words mostly stay whole ("water", "canon")."""
    return _stem(word.lower()) != word.lower()


def raw_tokens(text: str) -> list[str]:
    """Lower-cased word and number tokens, in order."""
    return [t.lower() for t in _TOKEN_RE.findall(text)]


def keyword_tokens(text: str, *, keep_stopwords: bool = False) -> list[str]:
    """Index/query tokens: stemmed words, canonical numbers ("1.048" -> "1048"), no stopwords."""
    out: list[str] = []
    for tok in raw_tokens(text):
        if tok[0].isdigit():
            out.append(canonical_number_token(tok))
            continue
        if not keep_stopwords and tok in STOPWORDS:
            continue
        for part in tok.split("-"):
            if part and (keep_stopwords or part not in STOPWORDS):
                out.append(_stem(part))
    return out


@lru_cache(maxsize=8192)
def keyword_set(text: str) -> frozenset[str]:
    """``set(keyword_tokens(text))``, cached: every question re-reads the same chunks and titles (retrieval's
    syndication check, the evidence overlap), and stemming them again was ~5 % of a warm answer."""
    return frozenset(keyword_tokens(text))


# --- English spellings of names -----------------------------------------------------------------------
# An English question writes a name the English way, an Indonesian article the Indonesian way ("Ecuador" /
# "Ekuador", "Iraq" / "Irak", "Confederation" / "Konfederasi", "Sumatran" / "Sumatera"). Both sides are put
# through the loanword spelling rules below before they are compared (rules apply in order).
_SPELLING_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"([a-z])\1"), r"\1"),  # doubled letters single: "commission" -> "comision"
    (re.compile(r"[ts]ion$"), "si"),  # "-tion" / "-sion" -> "-si"
    (re.compile(r"ph"), "f"),
    (re.compile(r"th"), "t"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"q"), "k"),
    (re.compile(r"c(?=[eiy])"), "s"),
    (re.compile(r"c(?!h)"), "k"),
    (re.compile(r"y"), "i"),
)


@lru_cache(maxsize=50_000)
def loanword_spelling(word: str) -> str:
    """``word`` (lower case) as Indonesian spells loanwords: "confederation" -> "konfederasi"."""
    for pattern, replacement in _SPELLING_RULES:
        word = pattern.sub(replacement, word)
    return word


def within_one_edit(a: str, b: str) -> bool:
    """Are ``a`` and ``b`` equal but for at most one inserted, deleted or changed letter?"""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)):] == b[i + 1:]


@lru_cache(maxsize=64)
def _loanword_spellings(words: frozenset[str]) -> frozenset[str]:
    """``words`` in their loanword spelling, once per text: every name word of a question is checked against it."""
    return frozenset(loanword_spelling(w) for w in words if not w[0].isdigit())


def spelled_alike(english: str, words: frozenset[str]) -> bool:
    """Is the English name word ``english`` (lower case) among ``words`` in an Indonesian spelling? Equal after
    the loanword rules, or, from five letters on, one letter apart ("german" / "jerman"), also without an
    adjective's final n ("sumatran" / "sumatera")."""
    wanted = {loanword_spelling(english)}
    if english.endswith("n") and len(english) > 5:
        wanted.add(loanword_spelling(english[:-1]))
    spelled = _loanword_spellings(words)
    if wanted & spelled:
        return True
    return any(len(w) >= 5 and within_one_edit(w, s) for w in wanted for s in spelled if abs(len(w) - len(s)) <= 1)
