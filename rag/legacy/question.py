"""Rule-based question analysis: language, answer type, expected unit and constraints.

The extractive answerer needs to know *what kind* of span answers a question (a count of
personnel, a person with a rank, a date) and *which facts may answer it at all* (the region, the
election, the date or the unit the question names): a sentence about Serang does not answer a
question about Lebak, and a Pilkada figure does not answer a Pemilu question. Everything is pure
string processing so it runs in microseconds and is easy to test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from rag.legacy.glossary import (
    MONTHS,
    PLACE_EN_TO_ID,
    POSTS,
    PROVINCES,
    RANKS,
    TermGroup,
    expand_terms,
    term_groups,
)
from siaga.numbers import find_numbers
from siaga.text import keyword_tokens, raw_tokens


class AnswerType(StrEnum):
    NUMBER = "number"
    PERSON = "person"
    ENTITY = "entity"
    DATE = "date"
    YES_NO = "yes_no"
    EXPLANATION = "explanation"
    LIST = "list"
    OTHER = "other"


class Event(StrEnum):
    PEMILU = "pemilu"
    PILKADA = "pilkada"


# Voting days: naming one names the election, not a reporting date.
VOTING_DAYS: dict[Event, date] = {Event.PEMILU: date(2024, 2, 14), Event.PILKADA: date(2024, 11, 27)}


@dataclass(frozen=True)
class DateMention:
    """A calendar reference: day may be None (month granularity), month may be None (a year)."""

    year: int | None
    month: int | None
    day: int | None
    start: int
    end: int
    surface: str

    @property
    def granularity(self) -> str:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"


@dataclass
class QuestionInfo:
    """Everything the answerer needs to know about a question (see ``analyze_question``)."""

    question: str
    language: str
    answer_type: AnswerType
    unit: str | None = None
    unit_terms: frozenset[str] = frozenset()
    qualifiers: list[str] = field(default_factory=list)
    level: str | None = None
    event: Event | None = None
    events: list[Event] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    posts: list[str] = field(default_factory=list)
    operations: list[str] = field(default_factory=list)
    numbers: list[float] = field(default_factory=list)
    comparison: str | None = None
    is_list: bool = False
    tokens: list[str] = field(default_factory=list)
    expanded: list[str] = field(default_factory=list)
    terms: list[TermGroup] = field(default_factory=list)
    parts: list[QuestionInfo] = field(default_factory=list)
    phase: str | None = None  # the election stage asked about: registration, campaign, voting, counting
    partitive_head: str | None = None  # "How many were from the Air Force" of "..., of the 169,369 soldiers ...?"

    @property
    def multi_doc(self) -> bool:
        return bool(self.comparison)


# --- language ---------------------------------------------------------------------------------------

_EN_WORDS = frozenset(
    """
    how many much what which who whom whose when where why did does do was were is are the of in on
    for to by with and from at have has had according deploy deployed its their there this that
    polling stations personnel election regional police about after before during than more most
    number did were been be it as or not no yes any all each per within into between
    """.split()
)
_ID_WORDS = frozenset(
    """
    berapa siapa apa apakah kapan mana manakah bagaimana mengapa kenapa yang di ke dari untuk pada dan
    dengan saat ketika oleh dalam adalah ini itu tersebut kalau lalu jika sebutkan jumlah tanggal
    menurut sejak hingga sampai dikerahkan diterjunkan disiapkan personel antara selisih nya saja
    wilayah sebagai atau juga sudah belum tidak masih serta para seluruh setiap tiap dua tiga
    """.split()
)


def detect_language(text: str) -> str:
    """'en' or 'id' from function words; names like "Polda Bali" count for neither.

    Ties go to Indonesian (the corpus language) unless the first word is an English question word.
    """
    words = [w.lower() for w in re.findall(r"[A-Za-z']+", text)]
    en = sum(1 for w in words if w in _EN_WORDS)
    idn = sum(1 for w in words if w in _ID_WORDS)
    if en > idn:
        return "en"
    if idn > en:
        return "id"
    if words and words[0] in {"how", "what", "which", "who", "when", "where", "why", "did", "does", "and"}:
        return "en"
    return "id"


# --- answer type ------------------------------------------------------------------------------------

_DATE_PATTERNS = (
    r"\bkapan\b",
    r"\btanggal berapa\b",
    r"\bhari apa\b",
    r"\bpukul berapa\b",
    r"\bjam berapa\b",
    r"\bbulan apa\b",
    r"^when\b",
    r"\bwhen (?:did|was|were|is|does|will)\b",
    r"\bwhat date\b",
    r"\bwhich dates?\b",
    r"\bwhat day\b",
    r"\bwhat time\b",
    r"\bwhat month\b",
    r"\buntil when\b",
    r"\bsince when\b",
    r"\bon what date\b",
    r"\bby what date\b",
)
_NUMBER_PATTERNS = (
    r"\bberapa\b",
    r"\bhow many\b",
    r"\bhow much\b",
    r"\bwhat share\b",
    r"\bwhat percentage\b",
    r"\bwhat proportion\b",
    r"\bwhat (?:was|is) the (?:maximum|minimum|total|number|amount|size|value|"
    r"budget|allocation|cost|rate)\b",
    r"\bwhat (?:was|is) the [\w' -]{0,40}(?:budget|allocation|rate|"
    r"cost|amount|number|total|turnout|share|percentage|rate)\b",
    r"\bby how many\b",
)
_YES_NO_RE = re.compile(
    r"^(?:apakah|benarkah|adakah|did|does|do|is|are|was|were|has|have|had|can|could|will|would)\b", re.I
)
_EXPLAIN_RE = re.compile(r"\b(?:mengapa|kenapa|why|apa alasan|what reason|for what reason)\b", re.I)
_PERSON_RE = re.compile(
    r"\b(?:siapa|who|whom|which (?:police )?(?:general|official|officer|commander|person|kapolda))\b", re.I
)
_LIST_RE = re.compile(r"\b(?:apa saja|mana saja|siapa saja|sebutkan)\b", re.I)


def classify(question: str) -> AnswerType:
    """Answer type from the question's interrogative words (Indonesian and English)."""
    q = question.strip().lower()
    if _EXPLAIN_RE.search(q):
        return AnswerType.EXPLANATION
    if any(re.search(p, q) for p in _DATE_PATTERNS):
        return AnswerType.DATE
    if _YES_NO_RE.search(q) and not re.search(r"\b(?:berapa|siapa|how many|how much)\b", q):
        return AnswerType.YES_NO
    if _PERSON_RE.search(q):
        return AnswerType.PERSON
    if any(re.search(p, q) for p in _NUMBER_PATTERNS):
        return AnswerType.NUMBER
    if _LIST_RE.search(q):
        return AnswerType.LIST
    if re.search(r"\b(?:bagaimana|how (?:did|does|do|was|were|is|are))\b", q):
        return AnswerType.EXPLANATION
    if re.search(r"\b(?:apa|mana|manakah|which|what|where|di mana|dimana)\b", q):
        return AnswerType.ENTITY
    return AnswerType.OTHER


# --- units ------------------------------------------------------------------------------------------

# canonical unit -> (question words that ask for it, sentence words that express it)
UNITS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "personel": (
        (
            "personel",
            "personil",
            "anggota",
            "polisi",
            "pasukan",
            "personnel",
            "officers",
            "policemen",
            "police officers",
            "police personnel",
            "kekuatan",
        ),
        ("personel", "personil", "anggota", "polisi", "pasukan", "orang", "petugas", "aparat"),
    ),
    "prajurit": (
        ("prajurit", "tentara", "soldiers", "troops", "personel tni", "tni"),
        ("prajurit", "personel", "pasukan", "orang", "tentara"),
    ),
    "tps": (
        ("tps", "tempat pemungutan suara", "polling stations", "polling station", "stations"),
        ("tps", "tempat pemungutan suara"),
    ),
    "pemilih": (("pemilih", "voters", "dpt", "voter"), ("pemilih", "orang", "jiwa", "dpt")),
    "rupiah": (
        (
            "anggaran",
            "dana",
            "biaya",
            "rupiah",
            "rp",
            "budget",
            "funds",
            "allocation",
            "cost",
            "nilai",
            "besaran",
            "nphd",
            "money",
            "funding",
        ),
        ("rp", "rupiah"),
    ),
    "persen": (
        (
            "persen",
            "percent",
            "percentage",
            "share",
            "proportion",
            "inflasi",
            "inflation",
            "%",
            "turnout",
            "partisipasi",
        ),
        ("persen", "%", "percent"),
    ),
    "indikator": (("indikator", "indicators", "indicator"), ("indikator",)),
    "isu": (("isu", "issues", "hoaks", "hoaxes", "hoax"), ("isu", "hoaks", "konten")),
    "konten": (("konten", "content", "items"), ("konten",)),
    "kotak suara": (("kotak suara", "ballot boxes", "ballot box"), ("kotak suara", "kotak")),
    "surat suara": (("surat suara", "ballots", "ballot papers"), ("surat suara", "lembar")),
    "koli": (("koli", "parcels", "packages"), ("koli",)),
    "jaket pelampung": (("jaket pelampung", "life jackets", "jaket"), ("jaket pelampung", "jaket", "unit")),
    "hari": (("hari", "days"), ("hari",)),
    "sif": (("sif", "shift", "shifts"), ("sif", "shift")),
    "pemda": (("pemda", "pemerintah daerah", "local governments"), ("pemda", "daerah")),
    "kabupaten": (("kabupaten", "regencies"), ("kabupaten",)),
    "kota": (("kota", "cities"), ("kota",)),
    "kecamatan": (("kecamatan", "districts"), ("kecamatan",)),
    "desa": (("desa", "kelurahan", "villages"), ("desa", "kelurahan")),
    "polres": (("polres", "precincts", "polres jajaran"), ("polres", "polresta")),
    "medali": (("medali", "medals", "emas", "gold"), ("emas", "medali")),
    "kapal": (("kapal", "ships", "kri", "warships"), ("kapal", "kri", "unit")),
    "orang": (("orang", "people", "persons"), ("orang",)),
    "ssk": (("ssk",), ("ssk",)),
    "kpps": (("kpps",), ("kpps",)),
}
_UNIT_SKIP = frozenset(
    "jumlah total banyak besar lama yang the of total number many much did were was are is in a an "
    "additional extra more fewer bko gabungan joint combined".split()
)


def _find_unit(q_lower: str, answer_type: AnswerType) -> str | None:
    """The noun a count question asks for: the words right after berapa/how many, else any unit word."""
    if answer_type is not AnswerType.NUMBER:
        return None
    m = re.search(r"\b(?:berapa|how many|how much|by how many)\b(?P<rest>.*)", q_lower)
    windows: list[str] = []
    if m:
        rest = [w for w in re.findall(r"[\w%'-]+", m.group("rest"))]
        kept = [w for w in rest[:6] if w not in _UNIT_SKIP]
        windows.append(" ".join(kept[:3]))
    windows.append(q_lower)
    for window in windows:
        best: tuple[int, str] | None = None
        for unit, (q_words, _) in UNITS.items():
            for w in q_words:
                hit = re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", window)
                if hit and (best is None or hit.start() < best[0]):
                    best = (hit.start(), unit)
        if best:
            return best[1]
    if re.search(r"\brp\s?\d|\brupiah\b|\btriliun\b|\bmiliar\b|\bbillion\b|\btrillion\b", q_lower):
        return "rupiah"
    return None


# --- events, dates, places --------------------------------------------------------------------------

_PILKADA_RE = re.compile(
    r"\b(?:pilkada|pemilihan kepala daerah|regional elections?|local elections?|pilgub|pilbup|pilwalkot)\b",
    re.I,
)
_PEMILU_RE = re.compile(
    r"\b(?:pemilu|pemilihan umum|general elections?|pileg|pilpres|presidential election|legislative "
    r"election)\b",
    re.I,
)
_EN_ELECTION_RE = re.compile(r"\b(?:elections?|vote)\b", re.I)

_MONTH_ALT = "|".join(sorted((m for m in MONTHS if len(m) > 3), key=len, reverse=True))
_DATE_RE = re.compile(
    rf"(?:(?P<d1>\d{{1,2}})\s*(?:-|–|hingga|sampai|to|and|dan)\s*)?(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH_ALT})"
    rf"(?:\s+(?P<y>(?:19|20)\d\d))?\b"
    rf"|(?P<m2>{_MONTH_ALT})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y2>(?:19|20)\d\d))?\b"
    rf"|(?P<m3>{_MONTH_ALT})(?:\s+|-)(?P<y3>(?:19|20)\d\d)\b"
    rf"|\((?P<nd>\d{{1,2}})/(?P<nm>\d{{1,2}})(?:/(?P<ny>(?:19|20)?\d\d))?\)"
    rf"|(?<![\d/])(?P<sd>\d{{1,2}})/(?P<sm>\d{{1,2}})/(?P<sy>(?:19|20)\d\d)(?![\d/])",
    re.I,
)
_YEAR_RE = re.compile(r"(?<![\d.,/-])((?:19|20)\d\d)(?![\d.,/])(?!-\d)")


def find_dates(text: str) -> list[DateMention]:
    """Dates as news writes them: "11 Februari 2024", "Minggu (11/2/2024)", "(13/2)", "Juli 2024"."""
    out: list[DateMention] = []
    for m in _DATE_RE.finditer(text):
        g = m.groupdict()
        try:
            if g["d"]:
                month, day, year = MONTHS[g["m"].lower()], int(g["d"]), int(g["y"]) if g["y"] else None
            elif g["m2"]:
                month, day, year = MONTHS[g["m2"].lower()], int(g["d2"]), int(g["y2"]) if g["y2"] else None
            elif g["m3"]:
                month, day, year = MONTHS[g["m3"].lower()], None, int(g["y3"])
            elif g["nd"]:
                month, day = int(g["nm"]), int(g["nd"])
                year = int(g["ny"]) if g["ny"] else None
                if year is not None and year < 100:
                    year += 2000
            else:
                month, day, year = int(g["sm"]), int(g["sd"]), int(g["sy"])
        except (KeyError, ValueError):
            continue
        if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
            continue
        out.append(DateMention(year, month, day, m.start(), m.end(), m.group(0)))
    return out


def _late_early(q: str, d: DateMention) -> bool:
    return bool(re.search(r"\b(?:late|akhir)[\s-]*$", q[: d.start]))


_CAP_WORD = r"(?:[IVX]+/[A-Z][\w-]*|\d+[A-Z]?/[A-Z][\w-]*|[A-Z][\w'’.-]*)"
_UNIT_PREFIX = (
    r"(?:Polda|Polres|Polresta|Polrestabes|Polsek|Kodam|Korem|Kodim|Lanal|Lantamal|Satbrimob|"
    r"Ditpolairud|KPU|Bawaslu|Pemkab|Pemkot|Pemprov|Lapas|Rutan)"
)
NON_NAME_WORDS = frozenset(
    """
    TPS BKO TNI Polri DPT Pemilu Pilkada Brimob PAM Mantap Operasi KPPS PPK PPS Linmas RI DPR DPD
    Serentak Februari Januari Maret April Mei Juni Juli Agustus September Oktober November Desember
    February January March May June July August October December Senin Selasa Rabu Kamis Jumat Sabtu
    Minggu Monday Tuesday Wednesday Thursday Friday Saturday Sunday The In For And Of What Which Who How
    Did Was Were Is Are On At By Berapa Siapa Apa Apakah Kapan Di Ke Dari Untuk Pada Dan Yang Kalau
    Bagaimana Lalu Menurut According Sebanyak Jumlah Kapolda Kapolres Kapolresta Wakapolda Plt
    Pol Polisi Kepolisian Provinsi Kabupaten Kota Kecamatan Desa Pulau Regency City Island Province
    Pilkada's Pemilu's ASN NPHD APBD Rp PON XXI Gubernur Bupati Police Korem Kodam KPU Bawaslu
    Kapolri Wakapolri Kapolsek Wakapolres Wakapolresta Pangdam Panglima Danrem Dandim Kadiv Karo Ops
    Kabid Humas Ketua Kepala Menteri Mendagri Dirjen Irjen Brigjen Kombes AKBP Kompol AKP Iptu Ipda
    Mayjen Letjen Laksamana Marsekal Kolonel Letkol Jenderal Komjen Sunday's
    """.split()
)
_LOCATIVE_RE = re.compile(
    r"\b(?:di|ke|dari|in|to|at|from|for|(?<=districts )of|(?<=regency )of|(?<=city )of|(?<=province )of|"
    r"wilayah|daerah)\s+(?P<name>(?:(?:Kota|Kabupaten|Kab\.|Kecamatan|"
    r"Desa|Kelurahan|Pulau|Provinsi)\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)"
)
_ADMIN_RE = re.compile(
    r"\b(?P<kind>Kota|Kabupaten|Kab\.|Kecamatan|Desa|Kelurahan|Pulau|Nusa)\s+(?P<name>[A-Z][\w'’-]+"
    r"(?:\s+[A-Z][\w'’-]+)*)"
)
_EN_ADMIN_RE = re.compile(
    r"\b(?P<name>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*?)(?:['’]s)?\s+(?P<kind>[Rr]egency|[Cc]ity|[Ii]slands?)\b"
)


def _strip_possessive(s: str) -> str:
    return re.sub(r"['’]s\b", "", s)


def _name_words(seq: str) -> list[str]:
    """Capitalised words of a name, stopping at words that are domain terms, not names."""
    out: list[str] = []
    for w in seq.split():
        w = _strip_possessive(w).strip(".,;:()'\"")
        if not w or w in NON_NAME_WORDS or not (w[0].isupper() or w[0].isdigit()):
            break
        out.append(w)
    return out


def _find_units(q: str) -> list[str]:
    """Named organisations: "Polresta Tangerang", "KPU Kota Tangerang", "Kodam XIII/Merdeka".

    A post names its unit too: "Kapolda Kaltara" -> "Polda Kaltara", "Wakapolresta Denpasar" ->
    "Polresta Denpasar". A bare prefix ("Which Korem ...") is what is asked, not a constraint.
    """
    units: list[str] = []
    pattern = (
        r"\b(?:(?:Waka|Ka)(?=polda|polres|polresta)|(?:Waka|Ka)(?=Polda|Polres|Polresta))?"
        rf"(?P<unit>{_UNIT_PREFIX}|polda|polres|polresta)\b"
    )
    for m in re.finditer(pattern + rf"(?P<rest>(?:\s+{_CAP_WORD})*)", q):
        prefix = m.group("unit")
        prefix = prefix[0].upper() + prefix[1:]
        rest = m.group("rest").split()
        admin: list[str] = []
        while rest and rest[0] in {"Kota", "Kabupaten", "Kab."}:
            admin.append(rest.pop(0))
        words = _name_words(" ".join(rest))
        if not words:
            continue
        name = " ".join([prefix, *admin, *words])
        if name not in units:
            units.append(name)
    return units


def _place_of_unit(unit: str) -> str | None:
    parts = unit.split()
    if len(parts) < 2:
        return None
    rest = [p for p in parts[1:] if p not in {"Kota", "Kabupaten"}]
    return " ".join(rest) or None


def _is_province(name: str) -> bool:
    low = name.lower()
    return any(low in al or low == canon.lower() for canon, al in PROVINCES.items())


def _find_regions(q_lower: str) -> tuple[list[str], list[tuple[int, int]]]:
    found: list[tuple[int, str, tuple[int, int]]] = []
    taken: list[tuple[int, int]] = []
    aliases = sorted(((a, canon) for canon, al in PROVINCES.items() for a in al), key=lambda x: -len(x[0]))
    for alias, canon in aliases:
        for m in re.finditer(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", q_lower):
            if any(s <= m.start() < e for s, e in taken):
                continue
            # "Kota Jambi", "Bandar Lampung", "Kota Bengkulu": a city, not the province
            before = q_lower[max(0, m.start() - 8) : m.start()]
            if re.search(r"(?:kota|bandar|city of)\s$", before):
                continue
            if q_lower[m.end() : m.end() + 5] in {" city", " kota"}:
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), canon, (m.start(), m.end())))
    found.sort()
    regions: list[str] = []
    for _, canon, _span in found:
        if canon not in regions:
            regions.append(canon)
    return regions, taken


def _find_places(q: str, region_spans: list[tuple[int, int]], units: list[str]) -> list[str]:
    """Sub-province places the question names (unit seats, Kabupaten/Kota/Pulau X, "in X")."""
    places: list[str] = []

    def add(name: str) -> None:
        name = _strip_possessive(name).strip(" .,;:?")
        if not name or name in places:
            return
        if _is_province(name):
            return
        places.append(name)

    for u in units:
        parts = u.split()
        if parts[0] in {"Polda", "Kodam", "Korem", "Kodim", "Lanal", "Lantamal", "Satbrimob", "Ditpolairud"}:
            continue
        if parts[0] in {"KPU", "Bawaslu", "Pemkab", "Pemkot", "Pemprov"} and parts[1] not in {"Kota", "Kabupaten"}:
            continue
        p = _place_of_unit(u)
        if p:
            # "Polresta Yogyakarta", "Kota Jambi": a seat named like its province stays specific
            add(p if not _is_province(p) else " ".join(parts[1:]) if parts[1] in {"Kota", "Kabupaten"} else u)
    for m in _ADMIN_RE.finditer(q):
        words = _name_words(m.group("name"))
        if words:
            kind = m.group("kind")
            name = " ".join(words)
            if kind in {"Pulau", "Nusa"} or (kind in {"Kota", "Kabupaten"} and _is_province(name)):
                name = f"{kind} {name}"
            add(name)
    for m in _EN_ADMIN_RE.finditer(q):
        words = _name_words(m.group("name"))
        if words and words[0] not in NON_NAME_WORDS:
            name = " ".join(words)
            kind = m.group("kind").lower()
            if kind == "city" and _is_province(name):
                name = f"Kota {name}"
            elif kind.startswith("island"):
                name = f"Pulau {name}" if kind == "island" else f"Kepulauan {name}"
            add(name)
    for m in _LOCATIVE_RE.finditer(q):
        name = m.group("name")
        if re.match(rf"{_UNIT_PREFIX}\b", name):
            continue
        words = _name_words(re.sub(r"^(?:Kota|Kabupaten|Kab\.|Kecamatan|Desa|Kelurahan|Provinsi)\s+", "", name))
        if words and not any(w in {"Polda", "Polres", "Polresta"} for w in words):
            add(" ".join(words))
    low = q.lower()
    for en, idn in PLACE_EN_TO_ID.items():
        if en in low:
            add(idn.title())
    # a region word may also be part of a place already found ("Maluku Barat Daya")
    return [p for p in places if not any(p != o and p in o for o in places)]


_RANK_ALT = "|".join(sorted((re.escape(r) for r in RANKS), key=len, reverse=True))
_PERSON_IN_Q_RE = re.compile(
    rf"\b(?:{_RANK_ALT})\.?(?:\s+(?:Pol|TNI)\.?)?\s+(?P<name>[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){{0,4}})"
)
_SPEAKER_RE = re.compile(
    r"\b(?:menurut|kata|according to|said|oleh)\s+(?P<name>[A-Z][a-z][\w'-]+(?:\s+[A-Z][a-z][\w'-]+){1,3})"
)
_OPERATION_RE = re.compile(r"\bOperasi\s+(?P<name>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*(?:\s+\d{4}(?:-\d{4})?)?)")


def _find_people(q: str) -> list[str]:
    people: list[str] = []
    for m in _PERSON_IN_Q_RE.finditer(q):
        words = _name_words(m.group("name"))
        if words:
            people.append(" ".join(words))
    for m in _SPEAKER_RE.finditer(q):
        words = _name_words(m.group("name"))
        if any(w.lower() in POSTS or w in RANKS for w in words):
            continue
        if len(words) >= 2 and not re.match(rf"{_UNIT_PREFIX}\b", words[0]):
            name = " ".join(words)
            if name not in people and not any(name in p for p in people):
                people.append(name)
    return people


def _find_posts(q_lower: str) -> list[str]:
    from rag.legacy.glossary import POST_EN_TO_ID

    posts: list[str] = []
    for p in sorted(POSTS, key=len, reverse=True):
        if re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", q_lower) and not any(p in x for x in posts):
            posts.append(p)
    for en, ids in POST_EN_TO_ID.items():
        if re.search(rf"\b{re.escape(en)}\b", q_lower):
            for p in ids:
                if p not in posts:
                    posts.append(p)
    return posts


_QUAL_STOP = frozenset(
    """
    yang di ke dari untuk pada dalam saat did were was had in for from to at on of dengan menurut by
    that which have has are is sebagai ketika asal milik polda polres polresta pemilu pilkada operasi
    and dan atau or the a an per sendiri nationwide secara provinsi kabupaten kota wilayah seluruh total
    """.split()
)
_LEVEL_RE = re.compile(r"\b(?:(?P<level>sangat|kurang|tidak)\s+)?(?:rawan|vulnerable)\b", re.I)


def vulnerability_level(text: str) -> str | None:
    """The TPS vulnerability class a text names: 'sangat rawan', 'rawan', 'kurang rawan' or None."""
    low = text.lower().replace("very vulnerable", "sangat rawan").replace("less vulnerable", "kurang rawan")
    m = _LEVEL_RE.search(low)
    if not m:
        return None
    level = (m.group("level") or "").lower()
    return {"sangat": "sangat rawan", "kurang": "kurang rawan", "tidak": "kurang rawan"}.get(level, "rawan")


# Modifiers that split a count into sub-counts ("personel Brimob", "prajurit TNI AL", "dana bersih").
QUALIFIER_WORDS = frozenset(
    """
    cadangan gabungan organik bko brimob satbrimob tni polri al ad au laki-laki perempuan bersih kotor
    perwira bintara linmas satpol samapta sabhara intelkam polairud ditpolairud padal bhabinkamtibmas
    babinsa kodim korem kodam polsek reserve joint navy army air male female net gross officers
    """.split()
)


def _asked_level(q: str, unit: str | None) -> str | None:
    """The vulnerability class the counted TPS must have, only when it qualifies what is counted.

    "Berapa TPS sangat rawan ..." / "How many polling stations ... rated very vulnerable" ask for a
    class; "Menurut pemetaan TPS rawan Bawaslu, berapa TPS yang ..." names the mapping, not a class.
    """
    m = re.search(r"\b(?:berapa|how many|which|what|mana|apa)\b", q, re.I)
    rest = q[m.start() :] if m else q
    return vulnerability_level(rest)


def _qualifiers(q: str, unit: str | None, regions: list[str], places: list[str]) -> list[str]:
    """Words that narrow the counted noun ("personel Brimob", "prajurit TNI AL", "personel cadangan")."""
    if unit is None:
        return []
    q_words, _ = UNITS[unit]
    alt = "|".join(sorted((re.escape(w) for w in q_words), key=len, reverse=True))
    quals: list[str] = []
    # English puts modifiers before the noun: "how many BKO personnel", "how many Polri personnel"
    pre = re.search(rf"\bhow many\s+(?P<mods>(?:[\w-]+\s+){{1,3}}?)(?:{alt})\b", q, re.I)
    if pre:
        quals.extend(w.lower() for w in pre.group("mods").split() if w.lower() in QUALIFIER_WORDS)
    m = re.search(
        rf"(?:berapa|how many|how much)\s+(?:(?:jumlah|total|selisih|tambahan|banyak)\s+)*(?:{alt})\b"
        rf"(?P<rest>[^?]*)",
        q,
        re.I,
    )
    if not m:
        return quals
    for w in m.group("rest").split()[:4]:
        lw = w.strip(",.'\"()").lower()
        if lw not in QUALIFIER_WORDS:
            break
        quals.append(lw)
    return list(dict.fromkeys(quals))


# --- comparison -------------------------------------------------------------------------------------

_DIFF_RE = re.compile(
    r"\b(?:selisih|perbedaan|beda|berkurang berapa|bertambah berapa|tambahan|dibandingkan|dibanding|"
    r"difference|differ|by how many|how many more|how many fewer|more than|fewer than|compared|"
    r"increase|decrease|naik berapa|turun berapa)\b",
    re.I,
)
_SUM_RE = re.compile(r"\b(?:dijumlahkan|jika digabung|combined|together|in total|altogether|gabungan keduanya)\b", re.I)
_COMPARE_RE = re.compile(
    r"\b(?:lebih banyak|lebih sedikit|mana yang lebih|which .{0,40}\bmore\b|bandingkan|"
    r"compare)\b",
    re.I,
)
_PAIR_RE = re.compile(r",?\s+(?:dan|lalu|and|and then)\s+(?=(?:siapa|who|berapa|how many|how much|apa|what)\b)", re.I)


def _comparison(q: str, info: QuestionInfo) -> str | None:
    low = q.lower()
    if _PAIR_RE.search(q):
        return "pair"
    if len(info.events) >= 2 and re.search(r"\b(?:dan untuk|dan pada|dan saat|and for|and in|and during)\b", low):
        return "pair"
    if _SUM_RE.search(low):
        return "sum"
    if _COMPARE_RE.search(low) and re.search(r"\b(?:by how many|berapa)\b", low):
        return "compare"
    if _COMPARE_RE.search(low):
        return "compare"
    if _DIFF_RE.search(low) and (
        len(info.events) >= 2
        or len(info.dates) >= 1
        or len(info.regions) >= 2
        or len(info.places) >= 2
        or re.search(r"\b(?:antara|between|rencana|plan|akhir|final)\b", low)
    ):
        return "difference"
    return None


# --- main -------------------------------------------------------------------------------------------


# election stages; a figure for guarding the KPU office at registration does not answer a voting-day question
PHASE_PATTERNS: dict[str, re.Pattern[str]] = {
    "registration": re.compile(r"\b(?:pendaftaran|registration|mendaftar|register)\b", re.I),
    "campaign": re.compile(r"\b(?:kampanye|campaign(?:s|ing)?)\b", re.I),
    "voting": re.compile(
        r"\b(?:pemungutan|pencoblosan|coblosan|coblos|hari h|voting|election day|polling day|"
        r"polling[- ]stations?|tps)\b",
        re.I,
    ),
    "counting": re.compile(r"\b(?:rekapitulasi|penghitungan suara|penghitungan|vote count(?:ing)?|tally)\b", re.I),
}
_ASKED_VOTING_RE = re.compile(
    r"\b(?:pemungutan|pencoblosan|coblosan|hari h|voting day|election day|polling day)\b", re.I
)


def phases_in(text: str) -> set[str]:
    """Election stages a text names."""
    return {name for name, pattern in PHASE_PATTERNS.items() if pattern.search(text)}


def asked_phase(question: str) -> str | None:
    """The one stage a question pins down, if any (TPS alone does not pin voting day: it is the topic)."""
    named = phases_in(question)
    if "voting" in named and not _ASKED_VOTING_RE.search(question):
        named.discard("voting")
    return next(iter(named)) if len(named) == 1 else None


# "<question about a subset>, of the <set> (<size>)?" / "..., dari <set>?": the shape follow-ups rewrite to
_PARTITIVE_TAIL_RE = re.compile(r"^(.+?),\s+(?:of the|dari)\s+(.+)$", re.I)
_QUESTION_WORD_RE = re.compile(r"\b(?:berapa|how many|how much)\b", re.I)


def analyze_question(question: str, *, decompose_parts: bool = True) -> QuestionInfo:
    """Analyse one (standalone) question: language, answer type, unit, constraints, comparison."""
    q = " ".join(question.split())
    low = q.lower()
    lang = detect_language(q)
    atype = classify(q)
    unit = _find_unit(low, atype)
    unit_terms = frozenset(UNITS[unit][1]) if unit else frozenset()
    if _LIST_RE.search(low) and atype in {AnswerType.ENTITY, AnswerType.PERSON}:
        is_list = True
    else:
        is_list = bool(re.search(r"\b(?:which|what) (?:regencies|districts|islands|bureaus|polres|units)\b", low))

    events: list[Event] = []
    pil = _PILKADA_RE.search(q)
    pem = _PEMILU_RE.search(q)
    if pem:
        events.append(Event.PEMILU)
    if pil:
        events.append(Event.PILKADA)
    if not events and lang == "en" and _EN_ELECTION_RE.search(q):
        events.append(Event.PEMILU)
    if pem and pil and pil.start() < pem.start():
        events.reverse()

    dates: list[DateMention] = []
    for d in find_dates(q):
        voting = next(
            (
                e
                for e, vd in VOTING_DAYS.items()
                if d.day == vd.day and d.month == vd.month and d.year in (None, vd.year)
            ),
            None,
        )
        if voting is not None:
            if voting not in events:
                events.append(voting)
            continue
        dates.append(d)
    # "late-January 2024" stays a month constraint; the matcher is lenient around month ends.
    date_spans = [(d.start, d.end) for d in find_dates(q)]
    years: list[int] = []
    for m in _YEAR_RE.finditer(q):
        if any(s <= m.start() < e for s, e in date_spans):
            continue
        if re.search(r"\d{4}-$", q[: m.start()]):
            continue
        y = int(m.group(1))
        if y not in years:
            years.append(y)

    event = events[0] if len(events) == 1 else None
    if len(events) > 1 and re.search(r"\btermasuk\b|\bincluding\b", low):
        event = None

    units = _find_units(q)
    regions, region_spans = _find_regions(low)
    for u in units:
        if u.startswith(("Polda", "Kodam")):
            for canon, al in PROVINCES.items():
                if u.split(" ", 1)[-1].lower() in al and canon not in regions:
                    regions.append(canon)
    places = _find_places(q, region_spans, units)
    people = _find_people(q)
    posts = _find_posts(low)
    operations = [f"Operasi {m.group('name')}" for m in _OPERATION_RE.finditer(q)]
    if re.search(r"\bmantap brata\b", low) and not operations:
        operations.append("Operasi Mantap Brata")
    if re.search(r"\bmantap praja\b", low) and not operations:
        operations.append("Operasi Mantap Praja")

    numbers: list[float] = []
    for n in find_numbers(q):
        if any(s <= n.start < e for s, e in date_spans):
            continue
        if not n.is_money and not n.is_percent and n.value.is_integer() and 1900 <= n.value <= 2100:
            continue
        if re.match(r"\d+/", q[n.start :]) or re.search(r"/$", q[: n.start]):
            continue  # unit numbers such as "Korem 092/Maharajalila", "Kodam XIII/Merdeka"
        numbers.append(n.value)

    from rag.legacy.glossary import find_word_numbers

    for w in find_word_numbers(q):
        if float(w.value) not in numbers and w.surface.lower() not in {"satu", "one"}:
            numbers.append(float(w.value))
    raw = raw_tokens(q)
    tokens = keyword_tokens(q)
    expanded = expand_terms(raw, lang)
    terms = term_groups(raw, lang)
    info = QuestionInfo(
        question=q,
        language=lang,
        answer_type=atype,
        unit=unit,
        unit_terms=unit_terms,
        qualifiers=_qualifiers(q, unit, regions, places),
        level=_asked_level(q, unit),
        event=event,
        events=events,
        dates=dates,
        years=years,
        regions=regions,
        places=places,
        units=units,
        people=people,
        posts=posts,
        operations=operations,
        numbers=numbers,
        is_list=is_list,
        tokens=tokens,
        expanded=expanded,
        terms=terms,
    )
    info.phase = asked_phase(q)
    head = _PARTITIVE_TAIL_RE.match(q)
    info.partitive_head = head.group(1) if head and _QUESTION_WORD_RE.search(head.group(1)) else None
    info.comparison = _comparison(q, info) if decompose_parts else None
    if info.comparison:
        info.parts = decompose(info)
        if len(info.parts) < 2:
            info.comparison = None
            info.parts = []
    return info


# --- decomposition ----------------------------------------------------------------------------------


_COMPARISON_WORDS = frozenset(
    """
    selisih beda perbedaan berkurang bertambah tambahan dibandingkan dibanding bandingkan antara jika
    dijumlahkan digabung lebih sedikit difference differ compared compare combined between more fewer
    than versus vs total
    """.split()
)


def _without(q: str, phrase: str) -> str:
    """``q`` with the other side's phrase removed and the dangling connectors tidied away."""
    if not phrase:
        return q
    out = re.sub(rf"(?:\b(?:late|early|akhir|awal)[\s-]*)?{re.escape(phrase)}", " ", q, count=1, flags=re.I)
    out = re.sub(r"\b(?:antara|between)\s+(?:dan|and)\s+", "pada ", out, flags=re.I)
    out = re.sub(r"\b(antara|between)\s+(.*?)\s+(?:dan|and)\s*(?=[?,.]|$)", r"pada \2", out, flags=re.I)
    out = re.sub(r"\bdari\s+ke\s+", "pada ", out, flags=re.I)
    out = re.sub(r"\bdari\s+(\S+(?:\s+\d{4})?)\s+ke\s*(?=[,?])", r"pada \1", out, flags=re.I)
    out = re.sub(r"\b(di|ke|to|in|untuk|for|pada)\s+(?:dan|and|atau|or)\s+", r"\1 ", out, flags=re.I)
    out = re.sub(r"\b(?:dibandingkan(?:\s+dengan)?|dibanding|compared (?:with|to))\s+", "", out, flags=re.I)
    out = re.sub(r",\s*(?:or|atau|dan|and)\s+(?=[A-Z])", ", ", out)
    out = re.sub(
        r"\s+(?:dan|and|atau|or|vs\.?|dibandingkan|dibanding|compared with|compared to|dengan)\s*(?=[?,)]|$)",
        "",
        out,
        flags=re.I,
    )
    out = re.sub(r"\(\s*\)", "", out)
    out = re.sub(r",\s*,", ",", out)
    out = re.sub(r"\b(dan|and|atau|or)\s+(?:dan|and|atau|or)\b", r"\1", out, flags=re.I)
    return re.sub(r"\s+([?,.])", r"\1", re.sub(r"\s+", " ", out)).strip()


def _event_phrase_in(q: str, event: Event) -> str:
    word = _PILKADA_RE if event is Event.PILKADA else _PEMILU_RE
    m = word.search(q)
    if not m:
        return ""
    tail = re.match(
        rf"(?:\s+(?:serentak|Serentak))?(?:\s+(?:\d{{1,2}}\s+)?(?:{_MONTH_ALT}))?(?:\s+(?:19|20)\d\d)?",
        q[m.end() :],
        re.I,
    )
    head = re.search(rf"(?:(?:\d{{1,2}}\s+)?(?:{_MONTH_ALT})\s+)?(?:(?:19|20)\d\d\s+)?$", q[: m.start()], re.I)
    start = head.start() if head and head.group(0).strip() else m.start()
    return q[start : m.end() + (tail.end() if tail else 0)]


def _sub(info: QuestionInfo, text: str | None = None, **changes: object) -> QuestionInfo:
    """One side of a comparison as its own question: re-analysed from ``text``, then narrowed."""
    sub = analyze_question(text if text is not None else info.question, decompose_parts=False)
    for k, v in changes.items():
        setattr(sub, k, v)
    sub.terms = [t for t in sub.terms if t.term.lower() not in _COMPARISON_WORDS]
    return sub


def _side_text(info: QuestionInfo, other_phrase: str) -> str:
    return _without(info.question, other_phrase) if other_phrase else info.question


def _split_pair(q: str) -> list[str]:
    m = _PAIR_RE.search(q)
    if not m:
        return []
    first, second = q[: m.start()].strip(" ,"), q[m.end() :].strip()
    return [first.rstrip("?") + "?", second[0].upper() + second[1:]]


def decompose(info: QuestionInfo) -> list[QuestionInfo]:
    """Split a multi-document question into one sub-question per fact it needs.

    Differences/sums/comparisons vary one constraint (the election, the date, the region, the place);
    "X and who/how many Y" questions are split at the conjunction and the second half inherits the
    first half's subject when it names none of its own.
    """
    q = info.question
    if info.comparison == "pair" and not _PAIR_RE.search(q) and len(info.events) >= 2:
        e0, e1 = info.events[:2]
        return [
            _sub(info, _side_text(info, _event_phrase_in(q, e1)), event=e0, events=[e0]),
            _sub(info, _side_text(info, _event_phrase_in(q, e0)), event=e1, events=[e1]),
        ]
    if info.comparison == "pair":
        halves = _split_pair(q)
        if len(halves) == 2:
            a = _sub(info, halves[0])
            b = _sub(info, halves[1])
            if not (b.units or b.regions or b.places) and (a.units or a.regions or a.places):
                # "..., and who held the post at ..." names its subject only in the first half
                subject = " ".join(a.units[:1] or a.places[:1] or a.regions[:1])
                post = a.posts[0] if a.posts else ""
                head, _, seat = subject.partition(" ")
                if post and seat and post.lower().endswith(head.lower()):
                    subject = f"{post.capitalize()} {seat}"
                elif post:
                    subject = f"{post.capitalize()} {subject}"
                b = _sub(info, f"{halves[1].rstrip('?')} ({subject})?")
            # the second half inherits what it leaves implicit ("who held the post at ...")
            if not b.units and not b.regions and not b.places:
                b.units, b.regions, b.places = a.units, a.regions, a.places
            if not b.posts:
                b.posts = a.posts
            if b.event is None and a.event is not None and not b.dates:
                b.event = a.event
            if b.unit is None and a.unit is not None and b.answer_type == AnswerType.NUMBER:
                b.unit, b.unit_terms = a.unit, a.unit_terms
            b.terms = b.terms + [
                t
                for t in a.terms
                if t.term not in {x.term for x in b.terms}
                and t.term.lower() in {w.lower() for w in info.posts + a.units}
            ]
            return [a, b]
        return []
    if len(info.events) >= 2:
        e0, e1 = info.events[:2]
        return [
            _sub(info, _side_text(info, _event_phrase_in(q, e1)), event=e0, events=[e0]),
            _sub(info, _side_text(info, _event_phrase_in(q, e0)), event=e1, events=[e1]),
        ]
    if len(info.dates) >= 2:
        d0, d1 = info.dates[:2]
        return [
            _sub(info, _side_text(info, d1.surface), dates=[d0]),
            _sub(info, _side_text(info, d0.surface), dates=[d1]),
        ]
    if len(info.regions) >= 2:
        r0, r1 = info.regions[:2]

        def alias_in(canon: str) -> str:
            for a in sorted(PROVINCES[canon], key=len, reverse=True):
                m = re.search(rf"(?<![\w-]){re.escape(a)}(?![\w-])", q, re.I)
                if m:
                    return m.group(0)
            return ""

        return [
            _sub(info, _side_text(info, alias_in(r1)), regions=[r0]),
            _sub(info, _side_text(info, alias_in(r0)), regions=[r1]),
        ]
    if len(info.places) >= 2:
        p0, p1 = info.places[:2]

        def unit_or_place(p: str) -> str:
            return next((u for u in info.units if p in u), p)

        return [
            _sub(info, _side_text(info, unit_or_place(p1)), places=[p0], units=[u for u in info.units if p1 not in u]),
            _sub(info, _side_text(info, unit_or_place(p0)), places=[p1], units=[u for u in info.units if p0 not in u]),
        ]
    if len(info.units) >= 2:
        u0, u1 = info.units[:2]
        return [_sub(info, _side_text(info, u1), units=[u0]), _sub(info, _side_text(info, u0), units=[u1])]
    if len(info.dates) == 1:
        # "rencana (Maret 2024) dan jumlah akhir": the dated figure and the other one
        d0 = info.dates[0]
        return [_sub(info, dates=info.dates), _sub(info, _side_text(info, d0.surface), dates=[])]
    return []
