"""Extractive answerer: pick the sentence that states the answer, cut the answer span, cite it.

No language model: every answer is a span of a sentence that is quoted verbatim and cited, so the
answer can never say more than the article does. A sentence is scored by (1) how much of the
question it covers (idf-weighted, with Indonesian equivalents of English words), (2) whether it
holds the kind of span the question asks for (a count with the right unit, a ranked name, a date),
(3) the retrieval rank of its chunk, and (4) whether it satisfies the question's constraints
(region, election, date, unit, place). Constraint violations multiply the score down, so a sentence
about Serang cannot answer a question about Lebak and a Pilkada figure cannot answer a Pemilu
question. Below ``refusal_threshold`` the answer is an honest refusal with related facts attached.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from rag.legacy.glossary import (
    DAYS_ID_TO_EN,
    EN_TO_ID,
    MONTH_NAMES_EN,
    MONTH_NAMES_ID,
    POSTS,
    PROVINCES,
    QUALIFIER_SYNONYMS,
    TermGroup,
    find_word_numbers,
    normalise_posts,
)
from rag.legacy.question import (
    UNITS,
    VOTING_DAYS,
    AnswerType,
    DateMention,
    Event,
    QuestionInfo,
    find_dates,
    phases_in,
    vulnerability_level,
)
from siaga.numbers import MULTIPLIERS, convert_numbers_for_language, find_numbers, format_number, same_number
from siaga.sentences import split_sentences
from siaga.text import keyword_tokens
from siaga.types import Answer, Article, Chunk, Citation, RetrievedChunk

# weights of the support score (they sum to 1 before constraint penalties)
W_COVERAGE = 0.45
W_TYPE = 0.45
W_RANK = 0.10
SPAN_TYPES = frozenset({AnswerType.NUMBER, AnswerType.PERSON, AnswerType.DATE})

UNIT_EN: dict[str, str] = {
    "personel": "personnel",
    "prajurit": "soldiers",
    "tps": "polling stations",
    "pemilih": "voters",
    "indikator": "indicators",
    "isu": "issues",
    "konten": "items of content",
    "kotak suara": "ballot boxes",
    "surat suara": "ballots",
    "koli": "parcels (koli)",
    "jaket pelampung": "life jackets",
    "hari": "days",
    "sif": "shifts",
    "pemda": "local governments",
    "kabupaten": "regencies",
    "kota": "cities",
    "kecamatan": "districts",
    "desa": "villages",
    "polres": "polres",
    "medali": "medals",
    "kapal": "ships",
    "orang": "people",
    "ssk": "SSK",
    "kpps": "KPPS",
}
UNIT_ID: dict[str, str] = {"tps": "TPS", "ssk": "SSK", "kpps": "KPPS", "medali": "medali"}
_APPROX_ID_EN: dict[str, str] = {
    "sekitar": "about",
    "kurang lebih": "about",
    "hampir": "nearly",
    "lebih dari": "more than",
    "kurang dari": "fewer than",
    "sedikitnya": "at least",
    "setidaknya": "at least",
    "mencapai": "",
    "sebanyak": "",
    "tembus": "more than",
}
_APPROX_RE = re.compile(
    r"(?P<q>sekitar|kurang lebih|hampir|lebih dari|kurang dari|sedikitnya|setidaknya|tembus)\s*$", re.I
)
_NEGATION_RE = re.compile(
    r"\b(?:tidak|tak|belum|bukan|tanpa|kecuali|dilarang|nihil|no|not|never|without|except)\b", re.I
)
_CAUSAL_RE = re.compile(r"\b(?:karena|sebab|lantaran|akibat|mengingat|because|since|due to|sehingga)\b", re.I)
_RANKS_RE = (
    r"(?:Jenderal|Komjen|Irjen|Brigjen|Kombes|AKBP|Kompol|AKP|Iptu|Ipda|Aiptu|Aipda|Bripka|Letjen|Mayjen|"
    r"Laksamana|Laksdya|Laksda|Laksma|Marsekal|Marsdya|Marsda|Marsma|Kolonel|Letkol|Mayor|Kapten)"
)
_NAME_WORD = r"(?:[A-Z][a-zA-Z'’-]+|[A-Z]\.|I|[A-Z]{2,}(?=\s+[A-Z][a-z]))"
_PERSON_RE = re.compile(
    rf"\b{_RANKS_RE}\.?(?:\s+(?:Pol|TNI|\(Purn\)|Polisi)\.?)*\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,5}})"
)
_CIVIL_POST_RE = re.compile(
    r"\b(?P<post>Ketua|Kepala|Direktur Jenderal|Dirjen|Menteri|Mendagri|Tenaga Ahli|Sekretaris Jenderal|"
    r"Sekjen|Anggota|Komisioner|Koordinator|Plt\.?|Pj\.?|Gubernur|Bupati|Wali Kota|Deputi)\b"
)
_SPEECH_AFTER_RE = re.compile(
    r"^\s*(?:,|mengatakan|menyatakan|menjelaskan|menuturkan|menegaskan|mengungkapkan|menyebut|menyebutkan|"
    r"kata|ujar|memimpin|melepas|meminta|berharap|memastikan|dalam|di|saat|pada|usai|seusai|menyampaikan)\b"
)
_TIME_RE = re.compile(r"\bpukul\s+(?P<t>\d{1,2}[.:]\d{2})(?:\s*(?P<tz>WIB|WITA|WIT))?", re.I)
_WEEKDAY_RE = re.compile(r"\b(?P<w>Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad)\s*(?:,\s*)?$")
_CLAUSE_SPLIT_RE = re.compile(
    r"[,;:]|\s(?:dan|serta|sedangkan|sementara|adapun|yakni|yaitu|termasuk|sisanya)\s|\s[–-]\s"
)
_LOCAL_UNIT_RE = re.compile(
    r"\b(?:Polres|Polresta|Polrestabes|Kota|Kabupaten|Kab\.)\s+(?!Jajaran\b|Se\b|Dan\b|Di\b)"
    r"(?P<name>[A-Z][\w-]+(?:\s+(?!Jajaran\b)[A-Z][\w-]+)?)"
)

# words right after a counted noun that name a force or a role ("personel TNI", "anggota Brimob")
_FORCE_MODIFIERS: dict[str, str] = {
    **dict.fromkeys("TNI Kodim Korem Kodam Babinsa AD AL AU".split(), "military"),
    **dict.fromkeys("Polri Polda Polres Polresta Bhabinkamtibmas".split(), "police"),
    **dict.fromkeys("Brimob Satbrimob Samapta Sabhara Polairud BKO".split(), "role"),
    **dict.fromkeys("Linmas Satpol".split(), "civil"),
}


def _question_side(info: QuestionInfo) -> str:
    """Which force a count question is about: the military, civil guards, or (by default) the police."""
    low = info.question.lower()
    if info.unit == "prajurit" or re.search(r"\b(?:tni|prajurit|soldiers?|military|army|navy|air force)\b", low):
        return "military"
    if re.search(r"\b(?:linmas|satpol)\b", low):
        return "civil"
    return "police"


ENTITY_PATTERNS: dict[str, str] = {
    "operasi": r"\bOperasi\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*(?:\s+\d{4}(?:-\d{4})?)?",
    "operation": r"\bOperasi\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*(?:\s+\d{4}(?:-\d{4})?)?",
    "kapal": r"\b(?:KRI|KM|KMP|KN|MV)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*(?:\s+\d{2,4})?",
    "ship": r"\b(?:KRI|KM|KMP|KN|MV)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*(?:\s+\d{2,4})?",
    "warship": r"\bKRI\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*(?:\s+\d{2,4})?",
    "korem": r"\bKorem\s+\d+/[A-Z][\w-]*",
    "kodam": r"\bKodam\s+[IVX]+/[A-Z][\w-]*",
    "kodim": r"\bKodim\s+\d+/[A-Z][\w-]*",
    "satuan": r"\b(?:Dit)?(?:Polairud|Samapta|Sabhara|Satbrimob|Brimob|Intelkam|Lantas)(?:\s+Polda\s+[A-Z][\w-]*)?",
    "unit": r"\b(?:Dit)?(?:Polairud|Samapta|Sabhara|Satbrimob|Brimob|Intelkam|Lantas)(?:\s+Polda\s+[A-Z][\w-]*)?",
    "lapangan": (
        r"\bLapangan\s+[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*"
        r"(?:,\s+(?:Mako\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*){0,2}"
    ),
    "field": r"\bLapangan\s+[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*",
    "pulau": r"\b(?:Pulau|Kepulauan|Nusa)\s+[A-Z][\w-]*(?:\s+(?:dan\s+)?[A-Z][\w-]*)*",
    "island": r"\b(?:Pulau|Kepulauan|Nusa)\s+[A-Z][\w-]*(?:\s+(?:dan\s+)?[A-Z][\w-]*)*",
    "kabupaten": r"\bKabupaten\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?",
    "regency": r"\bKabupaten\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?",
    "kelurahan": r"\bKelurahan\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?",
    "platform": r"\b(?:Facebook|Instagram|TikTok|X|Twitter|YouTube|WhatsApp|Telegram)\b",
    "biro": r"\bBiro\s+[A-Z][\w-]+",
    "bureau": r"\bBiro\s+[A-Z][\w-]+",
    "polres": r"\bPolres(?:ta)?\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?",
    "regulation": r"\b(?:PKPU|Peraturan\s+[A-Z]\w+|Perkap|Perpol|UU|Undang-Undang)\s+(?:Nomor|No\.?)\s*\d+\s+Tahun\s+"
    r"\d{4}(?:[^.]{0,40}?Pasal\s+\d+(?:\s+ayat\s+\(\d+\))?)?",
    "peraturan": r"\b(?:PKPU|Peraturan\s+[A-Z]\w+|Perkap|Perpol|UU|Undang-Undang)\s+(?:Nomor|No\.?)\s*\d+\s+Tahun\s+"
    r"\d{4}(?:[^.]{0,40}?Pasal\s+\d+(?:\s+ayat\s+\(\d+\))?)?",
    "pasal": r"\bPasal\s+\d+(?:\s+ayat\s+\(?\d+\)?(?:\s+dan\s+\(?\d+\)?)?)?",
    "article": r"\bPasal\s+\d+(?:\s+ayat\s+\(?\d+\)?(?:\s+dan\s+\(?\d+\)?)?)?",
    "lapas": r"\b(?:Lapas|Rutan)\s+[A-Z][\w-]*(?:\s+[A-Z0-9][\w-]*)*",
    "pola": r"\b[Pp]ola\s+\d+(?:-\d+)+",
    "pattern": r"\b[Pp]ola\s+\d+(?:-\d+)+",
}


# --- text keys ---------------------------------------------------------------------------------------


def _nasal_restore(word: str) -> list[str]:
    """Roots hidden by Indonesian nasal prefixes the stemmer does not undo ("mengerahkan" -> "kerahkan")."""
    w = word.lower()
    out: list[str] = []
    for prefix, restore in (
        ("meng", "k"),
        ("peng", "k"),
        ("meny", "s"),
        ("peny", "s"),
        ("men", "t"),
        ("pen", "t"),
        ("mem", "p"),
        ("pem", "p"),
    ):
        if w.startswith(prefix) and len(w) > len(prefix) + 2 and w[len(prefix)] in "aeiou":
            out.append(restore + w[len(prefix) :])
            break
    return out


def text_keys(text: str) -> set[str]:
    """Stems of every word, plus the stems of nasal-prefixed words with their initial restored."""
    keys = set(keyword_tokens(text))
    for word in re.findall(r"[A-Za-z]+", text):
        for alt in _nasal_restore(word):
            keys.update(keyword_tokens(alt))
    return keys


_DATELINE_RE = re.compile(
    r"^\s*[A-Z][A-Za-z.'’ ]{1,30}?(?:,\s*[A-Z][A-Za-z.]+)?\s*(?:\((?:ANTARA|[A-Z][A-Za-z]+)\))?\s*[–—-]\s+"
)


def strip_dateline(text: str) -> str:
    """Drop a news dateline ("Denpasar (ANTARA) -", "MATARAM –"): it names where the story was filed."""
    m = _DATELINE_RE.match(text)
    return text[m.end() :] if m else text


_ALIASES_LONGEST = sorted(((a, c) for c, al in PROVINCES.items() for a in al), key=lambda x: -len(x[0]))


def _provinces_in(text_low: str) -> set[str]:
    """Provinces a text names, longest alias first so "maluku utara" is not also "maluku"."""
    found: set[str] = set()
    taken: list[tuple[int, int]] = []
    for alias, canon in _ALIASES_LONGEST:
        for m in re.finditer(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", text_low):
            if any(a <= m.start() < b for a, b in taken):
                continue
            # "Kota Jambi", "Bandar Lampung" name a city; it still lies in the province
            taken.append((m.start(), m.end()))
            found.add(canon)
    return found


def _mentions_province(text_low: str, canon: str) -> bool:
    return canon in _provinces_in(text_low)


def _contains(haystack_low: str, needle: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(needle.lower())}(?![\w-])", haystack_low) is not None


# --- candidate sentences -------------------------------------------------------------------------------


@dataclass
class ArticleCtx:
    """Per-article facts the constraint checks need (computed once per question)."""

    article: Article
    text_low: str
    title_low: str
    sentences: list[tuple[int, int]]
    paragraphs: list[tuple[int, int]]
    event: Event | None
    published: date | None


@dataclass
class Sentence:
    """One candidate sentence with its offsets into the article text and where it came from."""

    ctx: ArticleCtx
    chunk: Chunk
    start: int
    end: int
    text: str
    rank: int
    keys: set[str] = field(default_factory=set)
    prev_text: str = ""
    para_text: str = ""
    body: str = ""
    next_text: str = ""


@dataclass
class Span:
    """A candidate answer inside a sentence: its text, value (for numbers) and fit score."""

    text: str
    start: int
    end: int
    fit: float
    value: float | None = None
    kind: str = ""
    extra: dict = field(default_factory=dict)


@dataclass
class Scored:
    sentence: Sentence
    support: float
    coverage: float
    fit: float
    factor: float
    reasons: list[str]
    span: Span | None


def _parse_date(s: str | None) -> date | None:
    if not s:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


_PILKADA_WORDS = re.compile(r"\b(?:pilkada|pemilihan kepala daerah|pilgub|pilbup|pilwalkot)\b", re.I)
_PEMILU_WORDS = re.compile(r"\b(?:pemilu|pemilihan umum|pileg|pilpres)\b", re.I)


_BACKGROUND_RE = re.compile(
    r"\b(?:karena|sebab|lantaran|saat|ketika|seperti|sebelumnya|pengalaman|dibanding(?:kan)?|daripada|sejak|"
    r"because|when|during|compared|than|since)\b",
    re.I,
)


def _event_of(text: str, *, main_clause: bool = False) -> Event | None:
    """The election a text names; with ``main_clause`` a mention after "karena/saat/dibanding" is background."""
    if main_clause:
        m = _BACKGROUND_RE.search(text)
        if m:
            text = text[: m.start()]
    pil = len(_PILKADA_WORDS.findall(text))
    pem = len(_PEMILU_WORDS.findall(text))
    if pil and not pem:
        return Event.PILKADA
    if pem and not pil:
        return Event.PEMILU
    return None


def _article_event(article: Article, published: date | None) -> Event | None:
    """The election an article reports on: its publication date first (Pemilu 14 Feb 2024, Pilkada after)."""
    text = f"{article.title}\n{article.text}"
    pil = len(_PILKADA_WORDS.findall(text))
    pem = len(_PEMILU_WORDS.findall(text))
    if published is not None:
        if published <= date(2024, 2, 29) and pem >= pil:
            return Event.PEMILU
        if published >= date(2024, 3, 1) and pil >= 1:
            return Event.PILKADA
    if pil > pem:
        return Event.PILKADA
    if pem > pil:
        return Event.PEMILU
    return None


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def build_sentences(candidates: list[RetrievedChunk]) -> list[Sentence]:
    """Split every candidate chunk into sentences (article offsets), de-duplicating chunk overlaps."""
    ctxs: dict[str, ArticleCtx] = {}
    out: list[Sentence] = []
    seen: set[tuple[str, int]] = set()
    for rank, rc in enumerate(candidates):
        art = rc.article
        ctx = ctxs.get(art.id)
        if ctx is None:
            pub = _parse_date(art.published)
            ctx = ArticleCtx(
                article=art,
                text_low=art.text.lower(),
                title_low=art.title.lower(),
                sentences=split_sentences(art.text),
                paragraphs=_paragraphs(art.text),
                event=_article_event(art, pub),
                published=pub,
            )
            ctxs[art.id] = ctx
        chunk = rc.chunk
        for s, e in split_sentences(chunk.text):
            start, end = chunk.start + s, chunk.start + e
            key = (art.id, start)
            if key in seen:
                continue
            text = chunk.text[s:e]
            if re.match(r"^\W*baca juga\b", text, re.I) or len(text) < 12:
                continue  # a 'Baca juga' link is never evidence
            seen.add(key)
            prev = [strip_dateline(art.text[a:b]) for a, b in ctx.sentences if b <= start][-2:]
            nxt = [art.text[a:b] for a, b in ctx.sentences if a >= end][:1]
            para = next((art.text[a:b] for a, b in ctx.paragraphs if a <= start < b), text)
            body = strip_dateline(text)
            out.append(
                Sentence(
                    ctx=ctx,
                    chunk=chunk,
                    start=start,
                    end=end,
                    text=text,
                    rank=rc.rank or rank,
                    keys=text_keys(body),
                    prev_text=" ".join(prev),
                    para_text=strip_dateline(para),
                    body=body,
                    next_text=" ".join(nxt),
                )
            )
    return out


# --- scoring -------------------------------------------------------------------------------------------


@dataclass
class Term:
    stems: frozenset[str]
    weight: float
    label: str
    group: TermGroup | None = None

    def match(self, keys: set[str]) -> float:
        return self.group.match(keys) if self.group else (1.0 if keys & self.stems else 0.0)


def _terms(info: QuestionInfo, pool: list[Sentence]) -> list[Term]:
    """Question terms with idf weights over the candidate sentences (rare, specific words count most)."""
    n = max(1, len(pool))
    out: list[Term] = []
    for g in info.terms:
        if g.term.isdigit() and len(g.term) == 4 and g.term.startswith(("19", "20")):
            continue  # a year is a constraint, checked separately
        df = sum(1 for s in pool if s.keys & g.stems)
        idf = math.log(1 + n / (1 + df))
        if df == 0 and info.language == "en":
            # an English word no candidate contains: filler, or an Indonesian equivalent the glossary lacks
            idf *= 0.6 if g.expanded else 0.35
        if info.partitive_head and g.term.lower() not in info.partitive_head.lower():
            idf *= 0.5  # the set the subset comes from is context; what picks the subset decides
        out.append(Term(g.stems, idf, g.term, g))
    return out


def _coverage(
    terms: list[Term],
    s: Sentence,
    title_keys: set[str],
    prev_keys: set[str],
    para_keys: set[str],
    art_keys: set[str],
    next_keys: set[str] | None = None,
) -> float:
    """Share of the question's (idf-weighted) terms the sentence states, its neighbours counting less."""
    total = sum(t.weight for t in terms) or 1.0
    got = 0.0
    next_keys = next_keys or set()
    for t in terms:
        got += t.weight * max(
            t.match(s.keys),
            0.7 * t.match(prev_keys),
            0.7 * t.match(next_keys),
            0.6 * t.match(title_keys),
            0.5 * t.match(para_keys),
            0.3 * t.match(art_keys),
        )
    return got / total


def _date_matches(d: DateMention, mentions: list[DateMention], published: date | None) -> bool:
    for m in mentions:
        if m.month != d.month:
            continue
        if d.year is not None and m.year is not None and m.year != d.year:
            continue
        if d.day is None or m.day == d.day:
            return True
    if published is None or d.month is None:
        return False
    year = d.year or published.year
    if d.day is not None:
        try:
            target = date(year, d.month, d.day)
        except ValueError:
            return False
        return target - timedelta(days=1) <= published <= target + timedelta(days=3)
    if published.year == year and published.month == d.month:
        return True
    nxt = date(year + (d.month == 12), d.month % 12 + 1, 1)
    return nxt <= published <= nxt + timedelta(days=3)


def _place_variants(place: str) -> list[str]:
    variants = [place]
    bare = re.sub(r"^(?:Kota|Kabupaten|Pulau|Kepulauan|Polres|Polresta)\s+", "", place)
    if bare != place and not any(bare.lower() in al for al in PROVINCES.values()):
        variants.append(bare)
    if place.lower().startswith("kota "):
        variants.append(f"{bare} City")
    return variants


def constraint_factor(info: QuestionInfo, s: Sentence) -> tuple[float, list[str]]:
    """Multiplicative penalty for every constraint of the question the sentence fails (1.0 = all met)."""
    factor = 1.0
    reasons: list[str] = []
    ctx = s.ctx
    local_low = f"{s.prev_text}\n{s.body}".lower()
    # the election
    if info.event is not None:
        sent_ev = _event_of(s.body, main_clause=True)
        ev = sent_ev or ctx.event or _event_of(s.prev_text)
        explicit_both = bool(_PILKADA_WORDS.search(s.text) and _PEMILU_WORDS.search(s.text))
        if ev is not None and ev != info.event and not explicit_both:
            if sent_ev and ctx.event == info.event and info.answer_type is not AnswerType.NUMBER:
                factor *= 0.6  # an aside about the other election inside a story about the asked one
            elif sent_ev:
                factor *= 0.2
            else:
                factor *= 0.3
            reasons.append(f"event:{ev.value}")
    # the election stage ("voting day" vs a figure from the registration period)
    if info.phase:
        stages = phases_in(s.body)
        if stages and info.phase not in stages:
            factor *= 0.4
            reasons.append(f"phase:{'/'.join(sorted(stages))}")
        elif not stages:
            title_stages = phases_in(ctx.article.title)
            if title_stages and info.phase not in title_stages:
                factor *= 0.6  # the story is about another stage and the sentence does not say otherwise
                reasons.append(f"phase:{'/'.join(sorted(title_stages))}")
    # dates
    if info.dates:
        near = find_dates(f"{s.text} {s.prev_text}")
        mentions = near + find_dates(ctx.article.text)

        # the sentence dates itself, and not to the asked date ("Kala itu, Oktober 2023, ...")
        def _dated(text: str) -> list[DateMention]:
            """Dates a sentence reports on: not voting days, not comparison baselines ("dibanding Nov 2023")."""
            return [
                m
                for m in find_dates(text)
                if m.month is not None
                and not any(m.day == vd.day and m.month == vd.month for vd in VOTING_DAYS.values())
                and not re.search(
                    r"(?:dibanding(?:kan)?|compared (?:with|to)|than|sejak|dari)\b[^.;]{0,60}$",
                    text[max(0, m.start - 80) : m.start],
                    re.I,
                )
            ]

        own, before = _dated(s.body), _dated(s.prev_text)
        if own and not any(_date_matches(d, own, None) for d in info.dates):
            factor *= 0.6
            reasons.append("date-near")
        elif not own and before and not any(_date_matches(d, before, None) for d in info.dates):
            factor *= 0.8
            reasons.append("date-near")
        for d in info.dates:
            if not _date_matches(d, mentions, ctx.published):
                later = (
                    ctx.published is not None
                    and d.year is not None
                    and d.month is not None
                    and ((d.year, d.month) > (ctx.published.year, ctx.published.month))
                )
                factor *= 0.15 if later else 0.35
                reasons.append(f"date:{d.surface}")
    for y in info.years:
        if (
            str(y) not in ctx.text_low
            and str(y) not in ctx.title_low
            and (ctx.published is None or ctx.published.year != y)
        ):
            factor *= 0.5
            reasons.append(f"year:{y}")
    # regions (province level): the article must be about the province
    for r in info.regions:
        if (ctx.article.region or "").lower() == r.lower():
            pass
        elif not (_mentions_province(ctx.title_low, r) or _mentions_province(ctx.text_low, r)):
            factor *= 0.15
            reasons.append(f"region:{r}")
            continue
        # the sentence is about another province ("Polda Maluku Utara" for a Maluku question)
        others = _provinces_in(f"{s.prev_text} {s.body}".lower())
        if others and r not in others:
            factor *= 0.3
            reasons.append(f"region-other:{'/'.join(sorted(others))}")
    # places (below province): near the sentence, or the article is about it
    for p in info.places:
        variants = _place_variants(p)
        if any(_contains(local_low, v) or _contains(ctx.title_low, v) for v in variants):
            continue
        if any(_contains(ctx.text_low, v) for v in variants):
            para_low = s.para_text.lower()
            if any(_contains(para_low, v) for v in variants):
                factor *= 0.7
            else:
                factor *= 0.35
            reasons.append(f"place-far:{p}")
        else:
            factor *= 0.12
            reasons.append(f"place:{p}")
    # named units: a local police unit must itself be named near the sentence or in the title
    for u in info.units:
        head = u.split()[0]
        if head in {"Polres", "Polresta", "Polrestabes"} and info.answer_type in {AnswerType.NUMBER, AnswerType.PERSON}:
            seat = u.split(" ", 1)[1].lower()
            unit_re = (
                r"(?:polres|polresta|polrestabes|kepolisian resor(?: kota)?|kapolres|kapolresta|wakapolres|"
                rf"wakapolresta)\s+(?:\(\w+\)\s+)?{re.escape(seat)}"
            )
            if re.search(unit_re, local_low) or re.search(unit_re, ctx.title_low):
                continue
            if re.search(unit_re, s.para_text.lower()):
                factor *= 0.8
            else:
                factor *= 0.4
            reasons.append(f"unit:{u}")
            continue
        if head in {"KPU", "Bawaslu"} and len(u.split()) > 1:
            # "Bawaslu Sulut" is not national Bawaslu: its region must be named near the sentence
            seat = u.split(" ", 1)[1]
            seat_regions = _provinces_in(seat.lower())
            near = f"{local_low} {ctx.title_low}"
            alias_alt = "|".join(re.escape(a) for r in seat_regions for a in PROVINCES[r])
            if seat_regions and re.search(rf"\b{head.lower()}\s+(?:provinsi\s+)?(?:{alias_alt})\b", near):
                continue
            if not seat_regions and seat.lower() in near:
                continue
            factor *= 0.6
            reasons.append(f"unit:{u}")
            continue
        if head in {"Polda", "Polres", "Polresta", "Polrestabes", "Polsek", "KPU", "Bawaslu"}:
            continue
        core = u.split("/")[0]
        head_word = u.split()[0]
        if not (
            _contains(ctx.text_low, core)
            or _contains(ctx.text_low, u)
            or (len(u.split()) > 2 and len(head_word) >= 6 and _contains(ctx.text_low, head_word))
        ):
            factor *= 0.15
            reasons.append(f"unit:{u}")
    # people the question names as source (soft)
    for person in info.people:
        last = person.split()[-1].lower()
        if last not in ctx.text_low:
            factor *= 0.5
            reasons.append(f"person:{person}")
    # a province-level question is not answered by a local unit's story ("Provinsi Jambi" vs Polres Tanjab Barat)
    if info.regions and not info.places and info.answer_type is AnswerType.NUMBER:
        local_title = _LOCAL_UNIT_RE.search(ctx.article.title)
        if local_title and local_title.group(0) not in ctx.article.text:
            local_title = None  # a Title-Case headline word, not a unit name
        scope = re.search(r"\b(?:provinsi|se-\w+|seluruh|polda)\b", s.body, re.I)
        if local_title and not scope:
            wide = bool(re.search(r"\b(?:provinsi|seluruh|se-\w+|province|whole|all of)\b", info.question, re.I))
            factor *= 0.35 if wide else 0.7
            reasons.append(f"local-article:{local_title.group('name')}")
    # a sentence about another local unit does not answer a province-level question
    if not info.places and info.answer_type in {AnswerType.NUMBER, AnswerType.PERSON}:
        for m in _LOCAL_UNIT_RE.finditer(s.text):
            name = m.group("name")
            if any(name.lower() in u.lower() for u in info.units if not u.startswith(("Polda", "Kodam"))):
                continue
            if m.group(0).lower() in ctx.title_low:
                continue
            factor *= 0.6
            reasons.append(f"local:{name}")
            break
    return factor, reasons


# --- answer spans ----------------------------------------------------------------------------------------


def _clauses(text: str) -> list[tuple[int, int]]:
    """Clause spans of a sentence, cut at punctuation and coordinating words."""
    spans: list[tuple[int, int]] = []
    last = 0
    for m in _CLAUSE_SPLIT_RE.finditer(text):
        spans.append((last, m.start()))
        last = m.end()
    spans.append((last, len(text)))
    return [(a, b) for a, b in spans if b > a]


def _clause_of(clauses: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for a, b in clauses:
        if a <= pos < b:
            return a, b
    return 0, 0


def _local_match(terms: list[Term], text: str, exclude: Iterable[str] = ()) -> float:
    keys = text_keys(text)
    excl = set(exclude)
    total = sum(t.weight for t in terms if not (t.stems & excl)) or 1.0
    return sum(t.weight * t.match(keys) for t in terms if not (t.stems & excl)) / total


def _is_date_or_code(text: str, start: int, end: int, date_spans: list[tuple[int, int]]) -> bool:
    if any(a <= start < b for a, b in date_spans):
        return True
    before, after = text[max(0, start - 7) : start], text[end : end + 6]
    if re.search(r"(?:pukul|jam)\s*$", before, re.I):
        return True
    if after.startswith("/") or before.endswith("/"):
        return True
    if re.search(r"(?:Pasal|ayat|Nomor|No\.|Tahun|PPh|KRI\s\w+|Korem|Kodim)\s*$", before, re.I):
        return True
    return bool(re.match(r"\s*(?:WIB|WITA|WIT)\b", after))


_BREAKDOWN_RE = re.compile(
    r"\b(?:terdiri|rincian|rinciannya|merinci|meliputi|masing-masing|di antaranya|antara lain|terbagi|dibagi|"
    r"sebanyak\s+\S+\s+(?:untuk|di|dari)|yakni|yaitu)\b",
    re.I,
)
_TOTAL_RE = re.compile(r"\b(?:total|jumlah|seluruh|keseluruhan|totalnya|jumlahnya|semua|all|overall|in total)\b", re.I)
_EXCLUDE_RE = re.compile(
    r"\b(?:belum termasuk|tidak termasuk|di luar|selain|excluding|not including|apart from|except)\b(?P<rest>[^?.;]*)",
    re.I,
)
_LEVEL_MENTION_RE = re.compile(r"\b(?:sangat\s+|kurang\s+)?rawan\b", re.I)
_ALL_UNIT_WORDS = frozenset(w for q_words, s_words in UNITS.values() for w in (*q_words, *s_words) if " " not in w) | {
    "jiwa",
    "daerah",
    "provinsi",
    "kota",
    "kecamatan",
    "desa",
    "kelurahan",
    "hari",
    "jam",
    "menit",
    "kilometer",
    "km",
    "meter",
    "unit",
    "kendaraan",
    "bus",
    "regu",
    "ssk",
    "peleton",
    "kali",
    "tahun",
    "bulan",
    "pekan",
}
_RANGE_RE = re.compile(r"\s*(?:hingga|sampai|s\.d\.?|-|–|to)\s*(?P<n>\d[\d.,]*)")


def qualifier_variants(q: str) -> list[str]:
    """Surface forms of a qualifier: itself plus glossary equivalents ("al" -> "angkatan laut")."""
    out = [q]
    out.extend(QUALIFIER_SYNONYMS.get(q.lower(), ()))
    out.extend(EN_TO_ID.get(q.lower(), ()))
    return out


def _excluded_terms(info: QuestionInfo) -> set[str]:
    """Stems the question explicitly excludes ("belum termasuk Brimob BKO dan prajurit TNI")."""
    m = _EXCLUDE_RE.search(info.question)
    if not m:
        return set()
    rest = re.split(r"[),;:]|\b(?:did|does|do|was|were|yang|untuk|for|to|di|pada|saat)\b", m.group("rest"), maxsplit=1)[
        0
    ]
    stems = set(keyword_tokens(" ".join(rest.split()[:4])))
    unit_stems = {x for w in UNITS[info.unit][1] for x in keyword_tokens(w)} if info.unit else set()
    return stems - unit_stems - {"personel", "anggota"}


def number_spans(info: QuestionInfo, s: Sentence, terms: list[Term]) -> list[Span]:
    """Numbers in the sentence that could answer a count question, scored by unit and clause fit.

    The figure must carry the asked unit ("1.048 personel", "personel sebanyak 1.048"); its own clause
    must match the question's qualifiers ("469 personel bersiaga di Poskotis"), vulnerability class
    and place; a part of a breakdown does not answer a question about the total, and a figure the
    question excludes ("belum termasuk Brimob") is not the answer.
    """
    text = s.text
    date_spans = [(d.start, d.end) for d in find_dates(text)]
    clauses = _clauses(text)
    unit = info.unit
    unit_words = UNITS[unit][1] if unit else ()
    unit_stems = {x for w in unit_words for x in keyword_tokens(w)}
    mentions: list[tuple[int, int, float, bool, bool, str]] = []
    for n in find_numbers(text):
        mentions.append((n.start, n.end, n.value, n.is_money, n.is_percent, n.surface))
    for w in find_word_numbers(text):
        if not any(a <= w.start < b for a, b, *_ in mentions):
            mentions.append((w.start, w.end, float(w.value), False, False, w.surface))
    mentions.sort()
    q_level = info.level if unit == "tps" else None
    excluded = _excluded_terms(info)
    wants_total = bool(
        re.search(
            r"\b(?:total|seluruh|keseluruhan|ditambah|combined|in total|altogether|overall)\b", info.question, re.I
        )
    )
    partitive = bool(re.search(r"\b(?:dari|of the|out of|among)\s+(?:the\s+)?\d[\d.,]*", info.question, re.I))
    bm = _BREAKDOWN_RE.search(text)
    breakdown_at = bm.start() if bm else None

    def _unit_class(pos: int) -> str | None:
        m = re.match(r"\s*([\w-]+)", text[pos:])
        word = m.group(1).lower() if m else ""
        for name, (q_words, s_words) in UNITS.items():
            if word in q_words or word in s_words:
                return "personel" if name in {"personel", "prajurit"} else name
        return None

    whole = None
    if breakdown_at is not None:
        before_nums = [
            n for n in find_numbers(text[:breakdown_at]) if not _is_date_or_code(text, n.start, n.end, date_spans)
        ]
        whole = _unit_class(before_nums[-1].end) if before_nums else "?"

    def _is_component(start: int, end: int) -> bool:
        if whole == "?":
            return True
        own = _unit_class(end)
        return own is not None and own == whole

    q_places = [v.lower() for p in info.places for v in _place_variants(p)]
    q_low = info.question.lower()
    q_side = _question_side(info)
    raw: list[tuple[int, int, float, bool, bool, str, float]] = []
    for start, end, value, is_money, is_pct, surface in mentions:
        if _is_date_or_code(text, start, end, date_spans):
            continue
        if re.search(r"\d\s*(?:hingga|sampai|s\.d\.?|-|–)\s*$", text[max(0, start - 12) : start]):
            continue  # the upper end of a range "10 hingga 16 TPS" is part of the first number's span
        if value.is_integer() and 1990 <= value <= 2035 and not is_money:
            after_word = re.match(r"\s*(\w+)", text[end:])
            if not (after_word and after_word.group(1).lower() in unit_words):
                continue
        rng0 = _RANGE_RE.match(text[end:])
        after_from = end + rng0.end() if rng0 and not is_money and not is_pct else end
        after = text[after_from : after_from + 40]
        before = text[max(0, start - 40) : start]
        after_words = re.findall(r"[\w%]+", after)[:3]
        after_stems = {x for w in after_words[:2] for x in keyword_tokens(w)}
        pct = is_pct or bool(re.match(r"\s*(?:persen|percent)\b", after, re.I))
        if unit == "rupiah":
            fit = 1.0 if is_money or re.match(r"\s*rupiah", after, re.I) else 0.05
        elif unit == "persen":
            fit = 1.0 if pct else 0.05
        elif unit:
            first_after = after_words[0].lower() if after_words else ""
            adjacent = bool(re.match(r"\s+\w", after))
            if (
                adjacent
                and first_after in _ALL_UNIT_WORDS
                and first_after not in unit_words
                and not (after_stems & unit_stems)
            ):
                fit = 0.05  # "2.870.974 jiwa" is not a TPS count
            elif first_after in unit_words or " ".join(after_words[:2]).lower() in unit_words:
                fit = 1.0
            elif (
                adjacent
                and len(after_words) > 1
                and after_words[1].lower() in unit_words
                and (first_after not in _ALL_UNIT_WORDS)
            ):
                fit = 0.85  # "379 temuan isu hoaks"
            elif "tempat pemungutan suara" in unit_words and after.lower().lstrip().startswith("tempat pemungutan"):
                fit = 1.0
            elif re.search(
                rf"(?:{'|'.join(re.escape(w) for w in unit_words)})\s*(?:sebanyak|mencapai|berjumlah|sejumlah|"
                rf"total|totalnya|ada|yakni|yaitu|:|=)?\s*$",
                before,
                re.I,
            ):
                fit = 0.75  # "personel sebanyak 1.048", "TPS mencapai 6.795"
            elif s.keys & unit_stems:
                fit = 0.35
            else:
                fit = 0.1
            if is_money or pct:
                fit *= 0.1
        else:
            fit = 0.5 if not (is_money or pct) else 0.4
        raw.append((start, end, value, is_money, is_pct or pct, surface, fit))
    # a list "Polres A 65 personel, Polres B 224, ..." gives its unit to the bare members
    if any(f >= 1.0 for *_, f in raw):
        listed = []
        for r in raw:
            bare_member = (
                r[6] == 0.35
                and not r[3]
                and not r[4]
                and re.search(r"[A-Z][\w-]*\s*$", text[max(0, r[0] - 30) : r[0]])
                and re.match(r"\s*(?:[,;.)]|dan\b|serta\b|$)", text[r[1] :])
            )
            listed.append((*r[:6], 0.8 if bare_member else r[6]))
        raw = listed
    out: list[Span] = []
    for start, end, value, is_money, pct, surface, fit in raw:
        if any(same_number(value, qn) for qn in info.numbers):
            continue
        a, b = _clause_of(clauses, start)
        clause = text[a:b]
        # the clause may end right after the number ("..., yakni 469 personel bersiaga di Poskotis")
        tail = _CLAUSE_SPLIT_RE.split(text[end : end + 60])[0]
        local_text = clause + " " + tail
        local_keys = text_keys(local_text)
        local = _local_match(terms, local_text, exclude=unit_stems)
        qual_factor = 1.0
        for q in info.qualifiers:
            variants = qualifier_variants(q)
            if any(_contains(local_text.lower(), v) for v in variants):
                continue
            if any(_contains(s.text.lower(), v) for v in variants):
                qual_factor *= 0.7
            elif any(_contains(f"{s.prev_text} {s.next_text} {s.ctx.title_low}".lower(), v) for v in variants):
                qual_factor *= 0.85  # "Sebanyak 845 personel BKO ..." then the per-polres list
            else:
                qual_factor *= 0.35
        # "30 personel TNI" does not answer a question about police personnel
        modifier = re.match(r"\s*[\w-]+\s+(?P<m>[A-Z][\w-]*)", text[end:])
        if unit and modifier and fit >= 0.75:
            mod = modifier.group("m")
            if mod.lower() not in q_low and mod in _FORCE_MODIFIERS:
                side = _FORCE_MODIFIERS[mod]
                qual_factor *= 0.5 if side != q_side else (0.85 if side != "role" else 0.8)
        if excluded and excluded & local_keys:
            qual_factor *= 0.3
        # a part of a breakdown ("terdiri dari 935 anggota dan 65 perwira") does not answer a question
        # about the whole unless the question names that part
        if breakdown_at is not None and start > breakdown_at and _is_component(start, end) and not partitive:
            q_specific = any(
                any(_contains(local_text.lower(), v) for v in qualifier_variants(q)) for q in info.qualifiers
            ) or any(_contains(local_text.lower(), v) and not _contains(s.ctx.title_low, v) for v in q_places)
            if not q_specific:
                qual_factor *= 0.35 if wants_total else 0.5
        # the clause names another local unit than the one asked about
        if q_places:
            clause_low = local_text.lower()
            if any(_contains(clause_low, v) for v in q_places):
                qual_factor *= 1.15
            elif _LOCAL_UNIT_RE.search(local_text):
                qual_factor *= 0.4
        level_factor = 1.0
        window = re.sub(r"\b(?:19|20)\d\d\b", "", text[end : end + 70])
        window = re.split(r"\d|;", window)[0]
        lvl = vulnerability_level(window) or vulnerability_level(text[max(0, start - 25) : start])
        if lvl is None and len(_LEVEL_MENTION_RE.findall(text)) == 1:
            lvl = vulnerability_level(text)  # "Untuk TPS kurang rawan, dua personel ... 10 hingga 16 TPS"
        if q_level:
            if lvl is None:
                level_factor = 0.35
            elif lvl != q_level:
                level_factor = 0.15
        elif unit == "tps" and lvl is not None and "rawan" not in q_low and "vulnerab" not in q_low:
            level_factor = 0.6
        word = not surface[0].isdigit() and not surface.lower().startswith("rp")
        if word and surface.lower() in {"satu", "one", "se"}:
            level_factor *= 0.4  # "satu TPS satu personel" is a ratio, not a count
        elif word and value <= 2:
            level_factor *= 0.6  # "dua personel per TPS" is a staffing pattern, not a total
        elif word:
            level_factor *= 0.85
        score = min(1.0, fit * (0.45 + 0.55 * local) * qual_factor) * level_factor
        approx = _APPROX_RE.search(text[max(0, start - 16) : start])
        span_start = start - (len(text[max(0, start - 16) : start]) - approx.start()) if approx else start
        num_end = end
        rng = _RANGE_RE.match(text[end:])
        range_to = None
        if rng and not pct and not is_money:
            range_to = text[end + rng.start("n") : end + rng.end("n")]
            num_end = end + rng.end()
        unit_end = num_end
        m_unit = re.match(
            r"\s*(?:tempat pemungutan suara|kotak suara|surat suara|jaket pelampung|[\w%]+)", text[num_end:]
        )
        if unit and m_unit and (keyword_tokens(m_unit.group(0)) and set(keyword_tokens(m_unit.group(0))) & unit_stems):
            unit_end = num_end + m_unit.end()
        out.append(
            Span(
                text=text[span_start:unit_end],
                start=span_start,
                end=unit_end,
                fit=score,
                value=value,
                kind="number",
                extra={
                    "surface": surface,
                    "money": is_money,
                    "percent": pct,
                    "approx": approx.group("q").lower() if approx else None,
                    "word": word,
                    "range_to": range_to,
                },
            )
        )
    # earlier mentions win ties (news leads with the headline figure)
    for i, sp in enumerate(out):
        sp.fit *= 1.0 - 0.01 * i
    return out


def _person_mentions(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, full mention, preceding post words) for ranked and titled names in a sentence."""
    out: list[tuple[int, int, str, str]] = []
    for m in _PERSON_RE.finditer(text):
        name = m.group("name")
        words = name.split()
        # stop before words that start the next phrase ("Irjen Pol Daniel Adityajaya Senin" is rare)
        while words and words[-1] in {
            "Senin",
            "Selasa",
            "Rabu",
            "Kamis",
            "Jumat",
            "Sabtu",
            "Minggu",
            "Polda",
            "Polres",
            "Polresta",
            "Pol",
            "TNI",
            "Polri",
        }:
            words.pop()
        if not words:
            continue
        end = m.start("name") + len(" ".join(words))
        before = text[max(0, m.start() - 70) : m.start()]
        out.append((m.start(), end, text[m.start() : end], before))
    # "... Kemkomdigi Prabunindya Revta Revolusi mengatakan": a name right before a speech verb
    for m in re.finditer(
        r"(?P<run>(?:[A-Z][a-z][\w'’-]*\s+){1,4}[A-Z][a-z][\w'’-]*)\s+(?:mengatakan|menyatakan|menjelaskan|"
        r"menuturkan|menegaskan|mengungkapkan|menyebut|menyampaikan|memaparkan|merinci|meminta|memimpin)\b",
        text,
    ):
        words = m.group("run").split()
        while words and (
            words[0] in _GENERIC_CAPS
            or _provinces_in(words[0].lower())
            or words[0] in {"Kemkomdigi", "Kominfo", "Kemendagri", "Bawaslu", "Propam", "Polri"}
        ):
            words.pop(0)
        if len(words) < 2 or any(a <= m.start("run") + m.group("run").find(words[0]) < b for a, b, *_ in out):
            continue
        name = " ".join(words[-3:])
        pos = text.find(name, m.start())
        out.append((pos, pos + len(name), name, text[max(0, pos - 90) : pos]))
    for m in _CIVIL_POST_RE.finditer(text):
        if any(a <= m.start() < b for a, b, *_ in out):
            continue
        run = re.match(r"(?:\s*(?:[A-Z][\w()/.-]*|\([A-Z]+\)|dan|dalam|dan\s+Komunikasi))+", text[m.end() :])
        if not run:
            continue
        words = run.group(0).split()
        # the name is the last 2-3 capitalised words of the run
        caps = [w for w in words if w[:1].isupper() and not w.startswith("(")]
        if len(caps) < 2:
            continue
        name_words = caps[-3:] if len(caps) >= 5 else caps[-2:]
        name = " ".join(name_words)
        pos = text.find(name, m.end())
        if pos < 0:
            continue
        out.append((pos, pos + len(name), text[m.start() : pos + len(name)], text[max(0, m.start() - 70) : pos]))
    return out


def person_spans(info: QuestionInfo, s: Sentence, terms: list[Term]) -> list[Span]:
    """Names with rank/post; a name preceded by the asked post ("Kapolda", not "Wakapolda") fits best."""
    text = s.text
    out: list[Span] = []
    asked_people = {p.split()[-1].lower() for p in info.people}
    for start, end, mention, before in _person_mentions(text):
        name_last = mention.split()[-1].lower()
        if name_last in asked_people:
            continue
        before_low = normalise_posts(before)
        if info.posts:
            # the post nearest before the name is the one the name holds
            nearest = None
            for p in POSTS:
                for pm in re.finditer(rf"(?<![\w-]){re.escape(p)}(?![\w-])", before_low):
                    if (
                        nearest is None
                        or pm.end() > nearest[0]
                        or (pm.end() == nearest[0] and len(p) > len(nearest[1]))
                    ):
                        nearest = (pm.end(), p)
            if nearest is None:
                fit = 0.5
            elif any(
                nearest[1] == p or (p in nearest[1] and not nearest[1].startswith(("waka", "wakil")))
                for p in info.posts
            ):
                fit = 1.0
            else:
                fit = 0.25
        else:
            fit = 0.8
        post_m = re.search(
            r"((?:Plt\.?\s+)?(?:Waka|Ka)(?:polda|polres|polresta|polri)(?:\s+[A-Z][\w-]*){0,3}|Karo Ops[\w ]*?|"
            r"Pangdam\s+[IVX]+/[A-Z]\w+|Panglima TNI|Kadiv Propam Polri)\s*$",
            before.rstrip(),
        )
        full = mention
        span_start = start
        if post_m and info.answer_type == AnswerType.PERSON:
            # include the post when it sits right before the rank
            post_text = post_m.group(1)
            pos = text.rfind(post_text, 0, start)
            if pos >= 0 and start - (pos + len(post_text)) <= 2:
                full = text[pos:end]
                span_start = pos
        a, b = _clause_of(_clauses(text), start)
        local = _local_match(terms, text[a:b] + " " + before)
        out.append(
            Span(
                text=full,
                start=span_start,
                end=end,
                fit=fit * (0.7 + 0.3 * local),
                kind="person",
                extra={"name": mention},
            )
        )
    return out


def date_spans(info: QuestionInfo, s: Sentence, terms: list[Term]) -> list[Span]:
    """Explicit dates (and clock times when a time is asked), scored by their clause's fit."""
    text = s.text
    out: list[Span] = []
    wants_time = bool(re.search(r"\b(?:pukul berapa|jam berapa|what time|at what time)\b", info.question.lower()))
    clauses = _clauses(text)
    if wants_time:
        for m in _TIME_RE.finditer(text):
            a, b = _clause_of(clauses, m.start())
            local = _local_match(terms, text[max(0, m.start() - 60) : m.end()])
            out.append(
                Span(
                    text=m.group(0)[m.group(0).lower().find(m.group("t")) :],
                    start=m.start("t"),
                    end=m.end(),
                    fit=0.6 + 0.4 * local,
                    kind="time",
                )
            )
        return out
    asked = {(d.month, d.day) for d in info.dates}
    q_low = info.question.lower()
    wants_until = bool(re.search(r"\b(?:hingga|sampai|until|till|batas|deadline|paling lambat)\b", q_low))
    wants_since = bool(re.search(r"\b(?:sejak|mulai|since|starting|dimulai|began|begin|start)\b", q_low))
    wants_range = bool(re.search(r"\b(?:which dates|what dates|rentang|over which|from when)\b", q_low))
    for d in find_dates(text):
        if (d.month, d.day) in asked:
            continue
        start = d.start
        wd = _WEEKDAY_RE.search(text[max(0, start - 12) : start])
        if wd:
            start = start - (len(text[max(0, start - 12) : start]) - wd.start())
        end = d.end
        a, b = _clause_of(clauses, d.start)
        window = text[max(0, d.start - 80) : d.end + 20]
        local = _local_match(terms, text[a:b] + " " + window)
        fit = (1.0 if d.day is not None else 0.6) * (0.5 + 0.5 * local)
        if d.year is None and not d.surface.startswith("("):
            fit *= 0.95
        # the election's own voting day is background, rarely what "when" asks
        if any(d.day == vd.day and d.month == vd.month for vd in VOTING_DAYS.values()) and not re.search(
            r"\b(?:kapan|when|what date|tanggal berapa)\s+(?:hari\s+)?(?:pencoblosan|pemungutan suara|voting|the vote|"
            r"election day|polling day)\b",
            q_low,
        ):
            fit *= 0.5
        lead = text[max(0, d.start - 25) : d.start].lower()
        if wants_until:
            fit *= (
                1.0
                if re.search(r"\b(?:hingga|sampai|until|batas|paling lambat|berakhir|ends?|selesai)\b", lead)
                else 0.6
            )
        if wants_since:
            fit *= 1.0 if re.search(r"\b(?:sejak|mulai|since|dimulai)\b", lead) else 0.7
        if wants_range:
            fit *= 1.0 if re.match(r"\d{1,2}\s*(?:-|–|hingga|sampai|to|and|dan)\s*\d", d.surface) else 0.6
        out.append(
            Span(
                text=text[start:end],
                start=start,
                end=end,
                fit=fit,
                kind="date",
                extra={"year": d.year, "month": d.month, "day": d.day, "surface": d.surface},
            )
        )
    return out


def _head_nouns(info: QuestionInfo) -> list[str]:
    low = info.question.lower()
    heads = []
    for key in ENTITY_PATTERNS:
        if re.search(rf"\b{re.escape(key)}\w*\b", low):
            heads.append(key)
    if re.search(r"\b(?:where|di mana|dimana)\b", low):
        heads += ["pulau", "lapas", "lapangan"]
    return heads


_SUPERLATIVE_RE = re.compile(r"\b(?:terbanyak|paling banyak|terbesar|tertinggi|most|largest|highest|biggest)\b", re.I)
_LEAST_RE = re.compile(r"\b(?:paling sedikit|tersedikit|terkecil|terendah|fewest|least|smallest|lowest)\b", re.I)
_LIST_TAIL_RE = re.compile(
    r"(?:\s*,\s*|\s+dan\s+|\s+serta\s+|,\s+dan\s+)(?:(?:Kabupaten|Kota|Biro|Pulau|Polres|Polresta|Kecamatan)\s+)?"
    r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*"
)
_CAP_RUN_RE = re.compile(r"\b[A-Z][\w'’/-]*(?:\s+(?:[A-Z][\w'’/-]*|\d+))*")
_GENERIC_CAPS = frozenset(
    """
    Polda Polres Polresta Polri TNI TPS KPU Bawaslu Pemilu Pilkada Menurut Sementara Selain Untuk Dalam Pada
    Sebanyak Jumlah Adapun Dari Di Ke Ia Mereka Kami Kita Hal Hingga Saat Setelah Sebelum Meski Namun Karena
    Kapolda Kapolres Kapolresta Wakapolda Kabid Humas Karo Ops Irjen Brigjen Kombes AKBP Pol Senin Selasa Rabu
    Kamis Jumat Sabtu Minggu Serentak BKO Brimob DPT KPPS Linmas ANTARA Sedangkan Selanjutnya Begitu Berdasarkan
    Salah Selain Namun Para Ini Itu Kini Lalu Kemudian Sebelumnya Menurutnya Bahkan Apalagi Meski Walau Jika
    Kalau Agar Supaya Dengan Tak Tidak Belum Sudah Semua Seluruh Setiap Tiap Khusus Pihaknya Ketua Kepala
    Wakil Direktur Menteri Dirjen Komisi Rapat Badan Kementerian Pemerintah Provinsi Kabupaten Kota Total
    Jumlah Sebanyak Sekitar Hasilnya Rinciannya Dari Data
    """.split()
)


def _plural_asked(info: QuestionInfo) -> bool:
    low = info.question.lower()
    return info.is_list or bool(
        re.search(r"\b(?:saja|dua|tiga|empat|lima|two|three|four|five|\d+)\s+\w+\s+(?:mana|apa|which|what)\b", low)
        or re.search(
            r"\b(?:dua|tiga|empat|lima|two|three|four|five|\d+)\s+(?:kabupaten|regencies|districts|biro|"
            r"bureaus|islands|pulau|polres)\b",
            low,
        )
        or re.search(r"\b(?:mana|apa) saja\b", low)
    )


def _extend_list(text: str, end: int) -> int:
    """Extend an entity span over a following enumeration ("Biro Paminal, Biro Provos, dan Biro Wabprof")."""
    while True:
        m = _LIST_TAIL_RE.match(text, end)
        if not m:
            return end
        end = m.end()


def entity_spans(info: QuestionInfo, s: Sentence, terms: list[Term]) -> list[Span]:
    """Named things of the asked kind (operation, ship, Korem, field, island...) not named in the question.

    A superlative question ("Polres mana yang menerima personel terbanyak?") picks the member of an
    enumerated list with the largest (or smallest) figure.
    """
    text = s.text
    q_low = info.question.lower()
    out: list[Span] = []
    plural = _plural_asked(info)
    heads = _head_nouns(info)
    for head in heads:
        for m in re.finditer(ENTITY_PATTERNS[head], text):
            span = m.group(0).strip(" ,.;:")
            if (
                span.lower() in q_low
                or len(span) < 3
                or _provinces_in(span.lower())
                and not re.search(r"\d|/", span)
                and span.split()[0] in {"Kepulauan", "Kabupaten", "Kota", "Pulau"}
                and len(span.split()) <= 3
                and span.lower() in {a for al in PROVINCES.values() for a in al}
            ):
                continue
            end = m.start() + len(span)
            if plural:
                end = _extend_list(text, end)
            local = _local_match(terms, text[max(0, m.start() - 80) : m.end() + 40])
            out.append(Span(text=text[m.start() : end], start=m.start(), end=end, fit=0.6 + 0.4 * local, kind="entity"))
    # any other name in the sentence the question does not already contain
    place_heads = {"kabupaten", "regency", "pulau", "island", "kelurahan", "polres", "lapangan", "field"}
    # a bare name is the answer when the question asks for a place; otherwise the whole sentence is safer
    generic_weight = 1.0 if heads and set(heads) <= place_heads else (0.6 if not heads else 0.5)
    if not heads and re.search(r"\b(?:siapa|who|mana|which|where)\b", q_low):
        generic_weight = 0.85
    for m in _CAP_RUN_RE.finditer(text):
        words = [w for w in m.group(0).split() if w not in _GENERIC_CAPS]
        if not words:
            continue
        name = " ".join(words)
        if name.lower() in q_low or any(w.lower() in q_low for w in words) or len(name) < 3:
            continue
        if _provinces_in(name.lower()) or m.start() == 0 and _DATELINE_RE.match(text):
            continue
        if re.match(r"(?:Polda|Polres|Polresta|Kodam|Korem|Kodim|KPU|Bawaslu)\b", m.group(0)) and "polres" not in heads:
            continue
        start = text.find(words[0], m.start())
        end = start + len(name)
        if text[start:end] != name:
            continue
        if plural:
            end = _extend_list(text, end)
        local = _local_match(terms, text[max(0, start - 80) : end + 40])
        out.append(
            Span(text=text[start:end], start=start, end=end, fit=(0.35 + 0.3 * local) * generic_weight, kind="entity")
        )
    sup = _SUPERLATIVE_RE.search(q_low)
    least = _LEAST_RE.search(q_low)
    if sup or least:
        pairs: list[tuple[float, int, int, str]] = []
        head_re = "|".join(f"(?:{ENTITY_PATTERNS[h]})" for h in heads) or r"\b[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*"
        nums = [(n.start, n.end, n.value) for n in find_numbers(text)] + [
            (w.start, w.end, float(w.value)) for w in find_word_numbers(text)
        ]
        for m in re.finditer(head_re, text):
            ent = m.group(0).strip(" ,.;:")
            after = [n for n in nums if 0 <= n[0] - (m.start() + len(ent)) <= 25]
            if not after:
                continue
            n_start, n_end, val = min(after)
            unit_m = re.match(r"\s*[a-zA-Z]+", text[n_end:])
            end = n_end + (unit_m.end() if unit_m else 0)
            pairs.append((val, m.start(), end, ent))
        if len(pairs) >= 2:
            pick = (min if least and not sup else max)(pairs, key=lambda p: p[0])
            figure = text[pick[1] + len(pick[3]) : pick[2]].strip(" ()")
            out.append(Span(text=f"{pick[3]} ({figure})", start=pick[1], end=pick[2], fit=1.0, kind="entity"))
        elif re.search(r"\b(?:terbanyak|terbesar|tertinggi|paling banyak|most|largest)\b", text, re.I):
            for sp in out:
                sp.fit = min(1.0, sp.fit + 0.25)
    return out


def _best_clause(text: str, terms: list[Term]) -> tuple[int, int]:
    best, best_score = (0, len(text)), -1.0
    for a, b in _clauses(text):
        sc = _local_match(terms, text[a:b])
        if sc > best_score:
            best, best_score = (a, b), sc
    return best


def yes_no_span(info: QuestionInfo, s: Sentence, terms: list[Term]) -> Span:
    """Polarity of the sentence's clause that matches the question most: negated -> no."""
    text = s.text
    # the clause around the best-matching words, with a little context on each side
    a, b = _best_clause(text, terms)
    window = text[max(0, a - 60) : min(len(text), b + 60)]
    neg = bool(_NEGATION_RE.search(window))
    q_neg = bool(_NEGATION_RE.search(info.question))
    answer_yes = neg == q_neg
    return Span(text=text, start=0, end=len(text), fit=0.7, kind="yes_no", extra={"yes": answer_yes})


def spans_for(info: QuestionInfo, s: Sentence, terms: list[Term]) -> list[Span]:
    at = info.answer_type
    if at is AnswerType.NUMBER:
        return number_spans(info, s, terms)
    if at is AnswerType.PERSON:
        return person_spans(info, s, terms)
    if at is AnswerType.DATE:
        return date_spans(info, s, terms)
    if at is AnswerType.YES_NO:
        return [yes_no_span(info, s, terms)]
    if at is AnswerType.EXPLANATION:
        fit = 0.8 if _CAUSAL_RE.search(s.text) else 0.4
        return [Span(text=s.text, start=0, end=len(s.text), fit=fit, kind="clause")]
    spans = entity_spans(info, s, terms)
    heads = _head_nouns(info)
    head_found = any(sp.kind == "entity" and sp.fit >= 0.6 for sp in spans)
    # the question names the kind of thing it wants ("Korem", "kapal"); a sentence without one is weak
    spans.append(
        Span(text=s.text, start=0, end=len(s.text), fit=0.2 if heads and not head_found else 0.35, kind="clause")
    )
    if info.level:
        lvl = vulnerability_level(s.text)
        if lvl is not None and lvl != info.level:
            for sp in spans:
                sp.fit *= 0.4
    return spans


def score_sentences(info: QuestionInfo, pool: list[Sentence], *, exclude_spans: Iterable[str] = ()) -> list[Scored]:
    """Score every candidate sentence for one (sub-)question, best first.

    ``exclude_spans`` are answers already given to the other half of a paired question (the same post
    at another date must be held by someone else).
    """
    excluded = [e.lower() for e in exclude_spans if e]
    terms = _terms(info, pool)
    scored: list[Scored] = []
    cache: dict[str, tuple[set[str], set[str]]] = {}
    for s in pool:
        aid = s.ctx.article.id
        if aid not in cache:
            cache[aid] = (text_keys(s.ctx.article.title), text_keys(s.ctx.article.text))
        title_keys, art_keys = cache[aid]
        cov = _coverage(
            terms, s, title_keys, text_keys(s.prev_text), text_keys(s.para_text), art_keys, text_keys(s.next_text)
        )
        spans = spans_for(info, s, terms)
        if excluded:
            spans = [sp for sp in spans if not any(e in sp.text.lower() for e in excluded)]
        best = max(spans, key=lambda sp: sp.fit, default=None)
        fit = best.fit if best else 0.0
        factor, reasons = constraint_factor(info, s)
        prior = 1.0 / (1.0 + 0.15 * s.rank)
        support = factor * (W_COVERAGE * cov + W_TYPE * fit + W_RANK * prior)
        if info.answer_type in SPAN_TYPES and fit < 0.3:
            support *= 0.5 + fit  # no span of the asked kind: the sentence cannot answer
        scored.append(Scored(s, support, cov, fit, factor, reasons, best))
    scored.sort(key=lambda x: -x.support)
    return scored


# --- composition ---------------------------------------------------------------------------------------


def _fmt_value(span: Span, info: QuestionInfo, lang: str) -> str:
    """The answer figure in the asker's convention: en 1,048 personnel / Rp456.61 billion; id 1.048 personel."""
    value = span.value or 0.0
    extra = span.extra
    approx = extra.get("approx")
    if extra.get("money"):
        body = convert_numbers_for_language(extra["surface"], lang)
        if lang == "en":
            for idw, enw in (
                ("miliar", "billion"),
                ("milyar", "billion"),
                ("triliun", "trillion"),
                ("juta", "million"),
                ("ribu", "thousand"),
            ):
                body = re.sub(rf"\b{idw}\b", enw, body)
    elif extra.get("percent"):
        base = value
        body = f"{format_number(base, lang)} {'percent' if lang == 'en' else 'persen'}"
    else:
        mult = None
        m = re.search(r"(ribu|juta|miliar|triliun)\b", extra.get("surface", ""))
        if m:
            mult = m.group(1)
            base = value / MULTIPLIERS[mult]
            num = f"{format_number(base, lang)} " + (
                {"ribu": "thousand", "juta": "million", "miliar": "billion", "triliun": "trillion"}[mult]
                if lang == "en"
                else mult
            )
        else:
            num = format_number(value, lang)
        if extra.get("word") and lang == "id":
            num = f"{num} ({extra['surface'].lower()})"
        if extra.get("range_to"):
            to_value = find_numbers(extra["range_to"])
            if to_value:
                num = f"{num} {'to' if lang == 'en' else 'hingga'} {format_number(to_value[0].value, lang)}"
        unit = info.unit
        if unit:
            unit_word = UNIT_EN.get(unit, unit) if lang == "en" else UNIT_ID.get(unit, unit)
        else:
            unit_word = _unit_word_after(span)
            if lang == "en":
                unit_word = UNIT_EN.get(unit_word.lower(), unit_word) if unit_word else ""
        body = f"{num} {unit_word}".strip()
    if approx:
        word = _APPROX_ID_EN.get(approx, "") if lang == "en" else approx
        if word:
            body = f"{word} {body}"
    return body


def _unit_word_after(span: Span) -> str:
    m = re.match(r"^.*?\d[\d.,]*\s*(?P<u>[A-Za-z]+)?\s*$", span.text)
    return (m.group("u") or "") if m else ""


_MONTH_RE = re.compile("|".join(MONTH_NAMES_ID), re.I)


def _fmt_date(span: Span, lang: str) -> str:
    """A date as words in the asker's language; numeric forms "(9/2/2024)" become "9 February 2024"."""
    text = span.text
    m = re.search(r"\(?(?P<d>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<y>\d{2,4}))?\)?", text)
    if m and 1 <= int(m.group("m")) <= 12:
        names = MONTH_NAMES_EN if lang == "en" else MONTH_NAMES_ID
        words = f"{int(m.group('d'))} {names[int(m.group('m')) - 1]}"
        if m.group("y"):
            words += f" {m.group('y') if len(m.group('y')) == 4 else '20' + m.group('y')}"
        prefix = text[: m.start()].strip().rstrip(",")
        text = f"{prefix}, {words}" if prefix else words
    if lang != "en":
        return text
    out = text
    for i, name in enumerate(MONTH_NAMES_ID):
        out = re.sub(rf"\b{name}\b", MONTH_NAMES_EN[i], out, flags=re.I)
    for idd, end in DAYS_ID_TO_EN.items():
        out = re.sub(rf"\b{idd}\b", end, out, flags=re.I)
    out = re.sub(r"\b(\d{1,2})\s*(?:-|–|hingga|sampai)\s*(\d{1,2})\b", r"\1 to \2", out)
    return out


def _citation(n: int, s: Sentence) -> Citation:
    return Citation.of(n, s.ctx.article, s.chunk.id, s.start, s.end, s.text)


_IRREGULAR_PAST: dict[str, str] = {
    "send": "sent",
    "lend": "lent",
    "find": "found",
    "take": "took",
    "have": "had",
    "get": "got",
    "give": "gave",
    "hold": "held",
    "put": "put",
    "set": "set",
    "keep": "kept",
    "win": "won",
    "see": "saw",
    "make": "made",
    "bring": "brought",
    "lead": "led",
    "do": "did",
    "spend": "spent",
    "build": "built",
    "pay": "paid",
}


def _past(verb: str) -> str:
    v = verb.lower()
    if v in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[v]
    if v.endswith("e"):
        return verb + "d"
    if re.search(r"[^aeiou]y$", v):
        return verb[:-1] + "ied"
    return verb + "ed"


def _subject_and_verb(tail: str) -> tuple[str, str, str] | None:
    """Split "Polda Sultra deploy for ..." into subject, verb and the rest; None when unsure.

    The verb is the first lower-case word after a subject that holds a capitalised name ("Polda
    Sultra", "the TNI"); a lower-case-only subject ("the police deploy") is ambiguous, so None.
    """
    words = tail.split(" ")
    for i in range(1, len(words)):
        word = words[i]
        if re.fullmatch(r"[a-z]+", word) and any(w[:1].isupper() or w[:1].isdigit() for w in words[:i]):
            if word in {"of", "and", "in", "for", "at", "on", "to", "the", "dan", "di"}:
                return None
            rest = " ".join(words[i + 1 :])
            return " ".join(words[:i]), word, (" " + rest if rest else "")
    return None


def restate_count(question: str, value: str, lang: str) -> str | None:
    """Turn a count question into its answer sentence ("How many X did S deploy ...?" -> "S deployed N ...").

    Returns None when the question has no shape this knows; the caller then uses a plain template.
    """
    q = " ".join(question.strip().rstrip("?").split())
    if lang == "en":
        m = re.match(r"(?i:how many) (?P<noun>.+?) (?i:did|do|does) (?P<tail>.+)$", q)
        if m and not re.search(r"\b(?:of them|of those)\b", q, re.I):
            split = _subject_and_verb(m.group("tail"))
            if split is None:
                return None
            subject, verb, rest = split
            line = f"{subject} {_past(verb)} {value}{rest}".strip()
            return line[:1].upper() + line[1:]
        m = re.match(r"(?i)how many (?P<noun>.+?) (?P<aux>were|was|are|is|had|have|has) (?P<rest>.+)$", q)
        if m and not re.search(r"\b(?:of them|of those)\b", q, re.I):
            return f"{value} {m.group('aux').lower()} {m.group('rest')}"
        return None
    m = re.match(r"(?i)berapa (?:jumlah |total |banyak )?(?P<rest>.+)$", q)
    if not m or re.search(r"\b(?:di antaranya|dari jumlah)\b", q, re.I):
        return None
    rest = m.group("rest")
    return f"Jumlah {rest}: {value}"


def _numbers_backed(line: str, value: str, quote: str) -> bool:
    """True when every number the restated line adds (beyond the answer value) is in the quote."""
    from rag.verify import quote_values

    allowed = quote_values([quote, value])
    return all(any(same_number(n.value, v) for v in allowed) for n in find_numbers(line))


def _direct_line(info: QuestionInfo, sc: Scored, n: int, lang: str) -> str:
    span = sc.span
    at = info.answer_type
    if span is None:
        return ""
    if at is AnswerType.NUMBER and span.kind == "number":
        value = _fmt_value(span, info, lang)
        restated = restate_count(info.question, value, lang)
        if restated and _numbers_backed(restated, value, sc.sentence.text):
            return f"{restated} [{n}]."
        return f"{'The articles give' if lang == 'en' else 'Jumlahnya'} {value} [{n}]."
    if at is AnswerType.PERSON and span.kind == "person":
        return f"{span.text} [{n}]."
    if at is AnswerType.DATE and span.kind in {"date", "time"}:
        d = _fmt_date(span, lang)
        if span.kind == "time":
            return f"{'At' if lang == 'en' else 'Pukul'} {d} [{n}]."
        q_low = info.question.lower()
        if re.search(r"\b(?:hingga|sampai|until|till)\b", q_low):
            lead = "Until" if lang == "en" else "Hingga"
        elif re.search(r"\b(?:sejak|since)\b", q_low):
            lead = "Since" if lang == "en" else "Sejak"
        elif re.search(r"\b(?:which dates|what dates|over which)\b", q_low):
            lead = "From" if lang == "en" else "Pada"
        else:
            lead = "On" if lang == "en" else "Pada"
        return f"{lead} {d} [{n}]."
    if at is AnswerType.YES_NO:
        yes = span.extra.get("yes", True)
        word = ("Yes" if yes else "No") if lang == "en" else ("Ya" if yes else "Tidak")
        a, b = _best_clause(sc.sentence.text, _terms(info, [sc.sentence]))
        lead = "the article states" if lang == "en" else "artikel menyebutkan"
        return f"{word} — {lead}: “{sc.sentence.text}” [{n}]."
    if span.kind == "entity":
        return f"{span.text} [{n}]."
    lead = "According to the article" if lang == "en" else "Menurut artikel"
    return f"{lead}: “{sc.sentence.text}” [{n}]."


def _near_duplicate(a: Sentence, b: Sentence) -> bool:
    """Syndicated copies: same figures and mostly the same words."""
    if a.ctx.article.id == b.ctx.article.id:
        return False
    ka, kb = a.keys, b.keys
    if not ka or not kb:
        return False
    jac = len(ka & kb) / len(ka | kb)
    na = {round(n.value, 6) for n in find_numbers(a.text)}
    nb = {round(n.value, 6) for n in find_numbers(b.text)}
    return jac >= 0.5 and na == nb


def _related(scored: list[Scored], used: set[tuple[str, int]], k: int = 3) -> list[Sentence]:
    out: list[Sentence] = []
    for sc in scored:
        key = (sc.sentence.ctx.article.id, sc.sentence.start)
        if key in used or any(_near_duplicate(sc.sentence, o) for o in out):
            continue
        out.append(sc.sentence)
        used.add(key)
        if len(out) >= k:
            break
    return out


def _related_headlines(info: QuestionInfo, candidates: list[RetrievedChunk]) -> list[str]:
    keys = set(info.expanded)
    seen: list[str] = []
    for rc in candidates:
        for h in rc.article.related_headlines:
            if h in seen:
                continue
            overlap = len(text_keys(h) & keys)
            if overlap >= 2:
                seen.append(h)
    return seen[:5]


def _refusal(
    question: str,
    info: QuestionInfo,
    lang: str,
    scored: list[Scored],
    candidates: list[RetrievedChunk],
    support: float,
    reasons: list[str],
    extra_debug: dict | None = None,
) -> Answer:
    q = info.question.strip()
    if lang == "en":
        text = f"The articles don't say. None of the available articles states an answer to “{q}”."
        if reasons:
            text += " The closest passages are about something else (" + _reason_text(reasons, lang) + ")."
    else:
        text = f"Artikel yang tersedia tidak menyebutkannya. Tidak ada artikel yang menjawab “{q}”."
        if reasons:
            text += " Bagian artikel yang paling dekat membahas hal lain (" + _reason_text(reasons, lang) + ")."
    related = _related(scored, set())
    rel_cits = [_citation(i + 1, s) for i, s in enumerate(related)]
    debug = {"support": round(support, 4), "reasons": reasons}
    if extra_debug:
        debug.update(extra_debug)
    return Answer(
        question=question,
        language=lang,
        text=text,
        refused=True,
        citations=[],
        related=rel_cits,
        related_headlines=_related_headlines(info, candidates),
        mode="extractive",
        debug=debug,
    )


def _reason_text(reasons: list[str], lang: str) -> str:
    labels_en = {
        "event": "another election",
        "date": "another date",
        "region": "another region",
        "place": "another place",
        "place-far": "another place",
        "unit": "another unit",
        "person": "another official",
        "local": "another area",
        "year": "another year",
        "date-near": "another date",
        "region-other": "another region",
        "local-article": "a local unit's story",
        "phase": "another stage of the election",
    }
    labels_id = {
        "event": "pemilihan lain",
        "date": "tanggal lain",
        "region": "wilayah lain",
        "place": "tempat lain",
        "place-far": "tempat lain",
        "unit": "satuan lain",
        "person": "pejabat lain",
        "local": "wilayah lain",
        "year": "tahun lain",
        "date-near": "tanggal lain",
        "region-other": "wilayah lain",
        "local-article": "berita satuan lokal",
        "phase": "tahapan lain",
    }
    labels = labels_en if lang == "en" else labels_id
    kinds: list[str] = []
    for r in reasons:
        k = r.split(":", 1)[0]
        lab = labels.get(k)
        if lab is None:
            continue  # an internal reason with no reader-facing label is not shown raw
        if lab not in kinds:
            kinds.append(lab)
    return ", ".join(kinds)


# --- main entry ----------------------------------------------------------------------------------------


@dataclass
class Fact:
    """One answered (sub-)question: the winning sentence, its span and support."""

    info: QuestionInfo
    best: Scored | None
    scored: list[Scored]

    @property
    def support(self) -> float:
        return self.best.support if self.best else 0.0


def _find_fact(
    info: QuestionInfo,
    pool: list[Sentence],
    *,
    exclude_values: Iterable[float] = (),
    exclude_articles: Iterable[str] = (),
    exclude_spans: Iterable[str] = (),
) -> Fact:
    ex_vals = list(exclude_values)
    ex_arts = set(exclude_articles)
    scored = score_sentences(
        info, [s for s in pool if s.ctx.article.id not in ex_arts] or pool, exclude_spans=exclude_spans
    )
    if ex_vals and info.answer_type is AnswerType.NUMBER:
        scored = [
            sc
            for sc in scored
            if not (sc.span and sc.span.value is not None and any(same_number(sc.span.value, v) for v in ex_vals))
        ]
    best = scored[0] if scored else None
    return Fact(info, best, scored)


def _part_label(part: QuestionInfo, other: QuestionInfo, lang: str) -> str:
    """What distinguishes one side of a comparison (its election, month, region or place), number-free."""
    if part.event and part.event != other.event:
        return "Pemilu" if part.event is Event.PEMILU else "Pilkada"
    if part.dates and [(d.month, d.day) for d in part.dates] != [(d.month, d.day) for d in other.dates]:
        d = part.dates[0]
        return (MONTH_NAMES_EN if lang == "en" else MONTH_NAMES_ID)[(d.month or 1) - 1]
    if part.regions and part.regions != other.regions:
        return part.regions[0]
    if part.places and part.places != other.places:
        return part.places[0]
    if part.units and part.units != other.units:
        return part.units[0]
    return ""


def _pair_line(facts: list[Fact], ns: list[int], labels: list[str], lang: str) -> tuple[str, str]:
    """Two answers in one sentence: "A [1], lalu B [2]" across times, "A [1] dan B [2]" otherwise.

    Short spans (a name with its rank, an operation, a figure) are joined directly; the legend line
    says which side each belongs to.
    """
    temporal = any(f.info.dates or f.info.event for f in facts)
    joiner = (", then " if temporal else " and ") if lang == "en" else (", lalu " if temporal else " dan ")
    legend = "; ".join(f"[{n}] {lab}" for n, lab in zip(ns, labels, strict=False) if lab)
    spans = [f.best.span if f.best else None for f in facts]
    if all(sp is not None and sp.kind == "number" for sp in spans) and len(spans) == 2:
        # two counts of one thing: "98 and 22 issues respectively [1][2]"
        a, b = (_fmt_value(sp, f.info, lang) for sp, f in zip(spans, facts, strict=True))  # type: ignore[arg-type]
        unit_a = re.sub(r"^(?:about |more than |nearly |at least |sekitar |lebih dari |hampir )?[\d.,]+\s*", "", a)
        unit_b = re.sub(r"^(?:about |more than |nearly |at least |sekitar |lebih dari |hampir )?[\d.,]+\s*", "", b)
        if unit_a == unit_b and unit_a:
            num_a, num_b = a[: len(a) - len(unit_a)].strip(), b[: len(b) - len(unit_b)].strip()
            both = "and" if lang == "en" else "dan"
            tail = " respectively" if lang == "en" else ""
            return f"{num_a} {both} {num_b} {unit_a}{tail} [{ns[0]}][{ns[1]}].", legend
    pieces: list[str] = []
    for f, n in zip(facts, ns, strict=False):
        if not f.best or not f.best.span:
            continue
        span = f.best.span
        if span.kind == "person":
            pieces.append(f"{span.extra.get('name', span.text)} [{n}]")
        elif span.kind == "number":
            pieces.append(f"{_fmt_value(span, f.info, lang)} [{n}]")
        elif span.kind in {"date", "time"}:
            pieces.append(f"{_fmt_date(span, lang)} [{n}]")
        elif span.kind == "entity":
            pieces.append(f"{span.text} [{n}]")
        else:
            pieces.append(_direct_line(f.info, f.best, n, lang).rstrip("."))
    return joiner.join(pieces) + ".", legend


def _compose_multi(
    question: str, info: QuestionInfo, facts: list[Fact], lang: str, candidates: list[RetrievedChunk], threshold: float
) -> Answer:
    sents = [f.best.sentence for f in facts if f.best]
    citations: list[Citation] = []
    ns: list[int] = []
    for s in sents:
        existing = next((c for c in citations if c.article_id == s.ctx.article.id and c.start == s.start), None)
        if existing:
            ns.append(existing.n)
            continue
        c = _citation(len(citations) + 1, s)
        citations.append(c)
        ns.append(c.n)
    labels = [_part_label(facts[0].info, facts[1].info, lang), _part_label(facts[1].info, facts[0].info, lang)]
    spans = [f.best.span for f in facts if f.best]
    numeric = all(sp is not None and sp.kind == "number" and sp.value is not None for sp in spans)
    if numeric and info.comparison in {"difference", "sum", "compare"}:
        a, b = spans[0].value or 0.0, spans[1].value or 0.0  # type: ignore[union-attr]
        unit_info = facts[0].info
        va, vb = _fmt_value(spans[0], unit_info, lang), _fmt_value(spans[1], unit_info, lang)  # type: ignore[arg-type]
        fa, fb = format_number(a, lang), format_number(b, lang)
        la = f" ({labels[0]})" if labels[0] else ""
        lb = f" ({labels[1]})" if labels[1] else ""
        if info.comparison == "sum":
            total = a + b
            ft = format_number(total, lang)
            unit_word = re.sub(r"^[\d.,]+\s*", "", _fmt_value(spans[0], unit_info, lang))  # type: ignore[arg-type]
            lead = "In total" if lang == "en" else "Totalnya"
            line = f"{lead} {ft} {unit_word}: {va}{la} [{ns[0]}] + {vb}{lb} [{ns[1]}]; {fa} + {fb} = {ft}."
        else:
            hi, lo = (a, b) if a >= b else (b, a)
            diff = hi - lo
            fd = format_number(diff, lang)
            unit_word = re.sub(r"^[\d.,]+\s*", "", _fmt_value(spans[0], unit_info, lang))  # type: ignore[arg-type]
            fh, fl = format_number(hi, lang), format_number(lo, lang)
            more_label = labels[0] if a >= b else labels[1]
            if lang == "en":
                lead = f"The difference is {fd} {unit_word}"
                if info.comparison == "compare" and more_label:
                    lead = f"{more_label} had more, by {fd} {unit_word}"
            else:
                lead = f"Selisihnya {fd} {unit_word}"
                if info.comparison == "compare" and more_label:
                    lead = f"{more_label} lebih banyak, selisih {fd} {unit_word}"
            line = f"{lead}: {va}{la} [{ns[0]}] vs {vb}{lb} [{ns[1]}]; {fh} − {fl} = {fd}."
    else:
        line, legend = _pair_line(facts, ns, labels, lang)
        if legend:
            line = f"{line}\n{legend}"
    support = min(f.support for f in facts)
    return Answer(
        question=question,
        language=lang,
        text=line,
        refused=False,
        citations=citations,
        related_headlines=_related_headlines(info, candidates),
        mode="extractive",
        debug={
            "support": round(support, 4),
            "parts": [_fact_debug(f) for f in facts],
            "comparison": info.comparison,
            "threshold": threshold,
        },
    )


def _fact_debug(f: Fact) -> dict:
    b = f.best
    if not b:
        return {"support": 0.0}
    return {
        "support": round(b.support, 4),
        "coverage": round(b.coverage, 3),
        "fit": round(b.fit, 3),
        "factor": round(b.factor, 3),
        "reasons": b.reasons,
        "article": b.sentence.ctx.article.id,
        "sentence": b.sentence.text[:200],
        "span": b.span.text if b.span else None,
    }


def answer_extractive(
    question: str, info: QuestionInfo, candidates: list[RetrievedChunk], *, refusal_threshold: float
) -> Answer:
    """Answer ``question`` from ``candidates`` by quoting the best sentence(s), or refuse plainly.

    ``answer.debug["support"]`` always holds the best support (0..1) so the threshold can be swept.
    """
    lang = info.language
    pool = build_sentences(candidates)
    if not pool:
        return _refusal(question, info, lang, [], candidates, 0.0, [])
    if info.comparison and len(info.parts) >= 2:
        a = _find_fact(info.parts[0], pool)
        ex_vals: list[float] = []
        ex_arts: list[str] = []
        if a.best and a.best.span and a.best.span.value is not None:
            ex_vals.append(a.best.span.value)
        if info.comparison == "difference" and not info.parts[1].dates and info.parts[0].dates and a.best:
            ex_arts.append(a.best.sentence.ctx.article.id)
        ex_names: list[str] = []
        if (
            a.best
            and a.best.span
            and a.best.span.kind == "person"
            and info.parts[1].answer_type is AnswerType.PERSON
            and set(info.parts[0].posts) & set(info.parts[1].posts)
        ):
            ex_names.append(a.best.span.extra.get("name", a.best.span.text).split()[-1])
        b = _find_fact(info.parts[1], pool, exclude_values=ex_vals, exclude_articles=ex_arts, exclude_spans=ex_names)
        facts = [a, b]
        support = min(f.support for f in facts)
        if support < refusal_threshold or any(f.best is None or f.best.span is None for f in facts):
            reasons = [r for f in facts if f.best for r in f.best.reasons]
            scored = sorted((sc for f in facts for sc in f.scored), key=lambda x: -x.support)
            return _refusal(
                question,
                info,
                lang,
                scored,
                candidates,
                support,
                reasons,
                {"parts": [_fact_debug(f) for f in facts], "comparison": info.comparison},
            )
        return _compose_multi(question, info, facts, lang, candidates, refusal_threshold)

    fact = _find_fact(info, pool)
    best = fact.best
    support = fact.support
    if best is None or support < refusal_threshold:
        reasons = best.reasons if best else []
        return _refusal(question, info, lang, fact.scored, candidates, support, reasons, {"best": _fact_debug(fact)})
    citation = _citation(1, best.sentence)
    line = _direct_line(info, best, 1, lang)
    text = line
    used = {(best.sentence.ctx.article.id, best.sentence.start)}
    related = [s for s in _related(fact.scored[1:], used) if not _near_duplicate(s, best.sentence)]
    return Answer(
        question=question,
        language=lang,
        text=text,
        refused=False,
        citations=[citation],
        related=[_citation(i + 2, s) for i, s in enumerate(related)],
        related_headlines=_related_headlines(info, candidates),
        mode="extractive",
        debug={
            "support": round(support, 4),
            "best": _fact_debug(fact),
            "top": [_fact_debug(Fact(info, sc, [])) for sc in fact.scored[:5]],
            "threshold": refusal_threshold,
        },
    )
