"""What a question asks, from its wording alone: language, answer type, unit, election, dates, regions, parts.

Pure string analysis (microseconds, testable with literal strings). It never decides an answer: the
reader does. It tells the answerer what kind of span may answer (a who-question needs a person), how
to word the answer, and how to split a multi-part question ("selisih ... antara Pemilu dan Pilkada")
into sub-questions the reader answers one by one.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from rag.glossary import EN_AUXILIARIES, EN_TO_ID, is_unit_noun, unit_group
from siaga.dates import MONTH_WORD_RE, MONTHS, WEEKDAY_ALIASES, find_dates
from siaga.numbers import find_numbers
from siaga.regions import PLACE_KINDS, PROVINCE_WORDS, TERRITORIAL_COMMANDS, regions_in
from siaga.text import STOPWORDS, has_indonesian_affix, keyword_tokens
from siaga.types import AnswerType, Combination, Election, QuestionInfo, Threshold

# --- language ---------------------------------------------------------------------------------------

_EN_WORDS = frozenset(
    """
    how many much what which who whom whose when where why did does do was were is are the of in on
    for to by with and from at have has had according deploy deployed its their there this that
    polling stations personnel election regional police about after before during than more most
    number been be it as or not no yes any all each per within into between compare
    """.split()
)
_ID_WORDS = frozenset(
    """
    berapa siapa apa apakah kapan mana manakah bagaimana mengapa kenapa yang di ke dari untuk pada dan
    dengan saat ketika oleh dalam adalah ini itu tersebut kalau lalu jika sebutkan jumlah tanggal
    menurut sejak hingga sampai dikerahkan diterjunkan disiapkan personel antara selisih nya saja
    wilayah sebagai atau juga sudah belum tidak masih serta para seluruh setiap tiap dua tiga bandingkan
    """.split()
)


def detect_language(text: str) -> str:
    """'en' or 'id' from function words; names like "Polda Bali" count for neither.

    Ties go to Indonesian (the corpus language) unless the first word is an English question word.
    """
    words = [w.lower() for w in re.findall(r"[A-Za-z']+", text)]
    en = sum(1 for w in words if w in _EN_WORDS)
    idn = sum(1 for w in words if w in _ID_WORDS)
    if en != idn:
        return "en" if en > idn else "id"
    first = words[0] if words else ""
    return "en" if first in {"how", "what", "which", "who", "when", "where", "why", "did", "does", "and"} else "id"


def reads_as_indonesian(text: str) -> bool:
    """Is ``text`` Indonesian prose ("karena letaknya yang terpencil"), not a name, a figure or an English phrase?
    At least two lower-case words, no more English function words than Indonesian ones, and an Indonesian function
    word or an Indonesian affix ("mencegah", "tahapan")."""
    words = re.findall(r"[^\W\d_]+", text)
    lower = [w for w in words if w.islower()]
    if len(lower) < 2:
        return False
    en = sum(1 for w in lower if w in _EN_WORDS)
    idn = sum(1 for w in lower if w in _ID_WORDS)
    return en <= idn and (idn > 0 or any(has_indonesian_affix(w) for w in lower if len(w) > 3))


# --- answer type ------------------------------------------------------------------------------------

_MONEY_WORDS = (
    r"anggaran|dana|biaya|nilai|honor|honorarium|gaji|insentif|uang|tunjangan|rupiah|rp|budget|funds?|funding|"
    r"allocation|cost|money|honoraria|allowance|salary|fee|pay|grants?|hibah"
)
_SHARE_WORDS = r"persen|persentase|prosentase|porsi|percent|percentage|share|proportion"
_PLACE_NOUNS = (
    r"kabupaten|kota|pulau|provinsi|kecamatan|desa|kelurahan|lapangan|daerah|wilayah|lokasi|tempat|gedung|"
    r"(?:province|island|district|village|field|place|location|area|region|building|venue)s?|city|cities|regency|"
    r"regencies"  # "Which islands ...?" asks places too
)
# An English question about a measure asks for a figure, as Indonesian "berapa luas / tinggi / lama" does.
_MEASURE_ADJECTIVES = r"large|big|heavy|tall|high|long|far|wide|deep|old"
# (how each noun is asked in Indonesian, for the reader: glossary.toml [english_measures])
_MEASURE_NOUNS = (
    r"number|total|maximum|minimum|size|rate|share|percentage|area|population|height|length|width|depth|"
    r"weight|distance|capacity|amount|age|price|count|duration|turnout|participation"
)
# the posts news writes before a person's rank and name ("Kapolda Sultra Irjen Pol Dwi Irianto")
POSTS: frozenset[str] = frozenset(
    "kapolri kapolda wakapolda kapolres wakapolres kapolresta wakapolresta kapolsek pangdam danrem dandim kabid "
    "kabag karo kadiv kasat panglima ketua kepala gubernur bupati walikota menteri komandan".split())
_PERSON_NOUNS = "|".join(
    ["general", "official", "officer", "commander", "person", "chief", "minister", "head", "jenderal", "pejabat",
     "perwira", *sorted(POSTS)])
PERSON_NOUNS: frozenset[str] = frozenset(_PERSON_NOUNS.split("|"))  # posts and person nouns, for follow-ups too
_TYPE_RULES: tuple[tuple[AnswerType, re.Pattern[str]], ...] = (
    (AnswerType.REASON, re.compile(r"\b(?:mengapa|kenapa|apa alasan|alasan apa|why|for what reason)\b")),
    (AnswerType.DATE, re.compile(
        r"\b(?:kapan|tanggal berapa|hari apa|pukul berapa|jam berapa|bulan apa|tahun berapa|when|what date|"
        r"which date|what day|what time|what month|what year|on what date|by what date)\b")),
    (AnswerType.YES_NO, re.compile(
        r"^(?:apakah|benarkah|adakah|bukankah|did|does|do|is|are|was|were|has|have|had|can|could|will|would)\b"
        r"(?!.*\b(?:berapa|siapa|kapan|how many|how much|who|when|where)\b)")),
    (AnswerType.PERSON, re.compile(
        rf"\b(?:siapa|who|whom|whose|which (?:\w+ )?(?:{_PERSON_NOUNS})|"
        rf"(?:what|which) (?:is|was) the name of (?:the )?(?:\w+ )?(?:{_PERSON_NOUNS}))\b")),
    (AnswerType.MONEY, re.compile(  # a share of the money ("Berapa persen dana ...?") asks a percentage, no amount
        rf"\b(?:berapa|how much|what (?:was|is|were) the)\b(?:\s+(?!(?:{_SHARE_WORDS})\b)\S+){{0,4}}?"
        rf"\s+(?:{_MONEY_WORDS})\b"
        rf"|\b(?:{_MONEY_WORDS})\b[^?]*\b(?:berapa|how much)\b|\bberapa rupiah\b")),
    (AnswerType.NUMBER, re.compile(
        rf"\b(?:berapa|how many|how much|by how many|what share|what percentage|what proportion|"
        rf"how (?:{_MEASURE_ADJECTIVES})|what (?:was|is|are|were) the (?:\w+ )?(?:{_MEASURE_NOUNS}))\b"
        r"|^(?:jumlah|total|banyaknya)\b")),  # "jumlah personel polres serang": a count typed as a fragment
    (AnswerType.PLACE, re.compile(
        rf"\b(?:di mana|dimana|ke mana|kemana|dari mana|where|(?:{_PLACE_NOUNS}) (?:mana|manakah|apa)|"
        rf"(?:which|what) (?:\w+ )?(?:{_PLACE_NOUNS}))\b")),
)


# An Indonesian predicate: a verb by its prefix (me-, di-, ber-: "menggelar", "diizinkan", "berjalan") or an
# auxiliary / copular word. Words of those shapes that are not verbs are listed beside them.
_PREDICATE_RE = re.compile(
    r"^(?:(?:me[mn]|meng|meny|me[lrwy]|di|ber)[a-z]{3,}|sudah|telah|akan|masih|bisa|dapat|boleh|pernah|sedang|"
    r"harus|tidak|belum|tak|ada|perlu|mampu|wajib|benar|terdapat|termasuk|terjadi)$"
)
_NOT_PREDICATES = frozenset("menurut menteri direktur direksi dinas diri dinding berita beras".split())


def is_verb_shaped(word: str) -> bool:
    """Has ``word`` the shape of an Indonesian verb or auxiliary ("berasal", "dikerahkan", "sudah")?"""
    lower = word.lower()
    return bool(_PREDICATE_RE.match(lower)) and lower not in _NOT_PREDICATES


_NEGATED_PREDICATE_RE = re.compile(
    r"\b(?:tidak|tak|belum|bukan)\s+(?P<verb>[\w-]+)"
    r"|\b(?:did|does|do|was|were|is|are|has|have|had|will|would|could|can)\s+(?:not|never)\b|\b\w+n't\b", re.I)


@lru_cache(maxsize=64)
def negates_what_is_asked(question: str) -> bool:
    """Does the question ask what did not happen ("Polres mana yang tidak mendapat ...?", "Which polres did not
    receive ...?")? A negated adjective ("polisi yang tidak netral", "non-neutral police") asks nothing negative."""
    return any(m["verb"] is None or is_verb_shaped(m["verb"]) for m in _NEGATED_PREDICATE_RE.finditer(question))


def apakah_asks_what(question: str) -> bool:
    """True for an "apakah" question that asks *what* rather than yes or no.

    Indonesian uses "apakah" for both: "Apakah DIY menggelar pemilihan gubernur?" (yes/no) states a
    predicate about its subject; "Apakah nama pelabuhan di Cilacap?" and "Apakah yang ditandatangani ...?"
    state none before their first "yang" (what follows "yang" describes the thing asked for). A comparison is a
    predicate too: "Apakah jumlah prajurit TNI lebih besar dari rencana awal?" asks yes or no.
    """
    words = re.findall(r"[a-z0-9-]+", question.lower())
    if not words or words[0] != "apakah":
        return False
    head = itertools.takewhile(lambda w: w != "yang", words[1:])
    return not any((_PREDICATE_RE.match(w) and w not in _NOT_PREDICATES) or w == "lebih" for w in head)


_EN_QUANTIFIERS = frozenset({"any", "some", "all"})
_EN_NOT_CONTENT = STOPWORDS | _EN_QUANTIFIERS


def _english_object(words: list[str]) -> str | None:
    """An English yes/no question's object: after the auxiliary and its subject, the first lower-case content
    word is the verb (a word after "the" / "a" is still the subject: "Did the police deploy ..."), and the run of
    lower-case content words after it is what the question asks about ("Did Polda Bali deploy any drones?" ->
    "drones"; "... deploy sniffer dogs in Tangerang?" -> "sniffer dogs")."""
    if not words or words[0].lower() not in EN_AUXILIARIES:
        return None
    verb_at = None
    for i in range(1, len(words)):
        w = words[i]
        content = w.islower() and w.isalpha() and w not in _EN_NOT_CONTENT
        if verb_at is None:
            if content and words[i - 1].lower() not in {"the", "a", "an"}:
                verb_at = i
            continue
        if content:
            phrase = [w]
            for v in words[i + 1 :]:
                if not (v.islower() and v.isalpha() and v not in STOPWORDS):
                    break
                phrase.append(v)
            return " ".join(phrase)
        if w.lower() not in _EN_QUANTIFIERS | {"the", "a", "an"}:
            return None  # a name or figure right after the verb: the question is about it, not a thing
    return None


def asked_object(question: str, language: str = "id") -> str | None:
    """What a yes/no question asks about. Indonesian: the first lower-case word after its predicate, past stop
    words and further predicates ("Apakah Polda Bali mengerahkan helikopter?" -> "helikopter"; "Apakah DIY
    menggelar pemilihan gubernur pada Pilkada serentak?" -> "pemilihan"); English: see ``_english_object``.
    None without a predicate or such a word."""
    if language == "en":
        return _english_object(re.findall(r"[\w'-]+", question))
    after_predicate = False
    for word in re.findall(r"[\w-]+", question)[1:]:
        lower = word.lower()
        predicate = bool(_PREDICATE_RE.match(lower)) and lower not in _NOT_PREDICATES and word.islower()
        if after_predicate and not predicate and word.islower() and word.isalpha() and lower not in STOPWORDS:
            return word
        after_predicate = after_predicate or predicate
    return None


# a name asked by its kind ("Apa nama operasi ...?", "What is the name of the police operation ...?"): news writes
# such a name after its kind ("Operasi Mantap Praja Agung 2024", "Desa Tunda"); a person's post is not such a kind
_NAME_OF_KIND_RE = re.compile(r"\bnama\s+(?:sandi\s+|resmi\s+|lengkap\s+)?(?P<id>[a-z]+)\b"
                              r"|\bname\s+of\s+the\s+(?P<en>[a-z]+(?:\s+[a-z]+)?)\b", re.I)


@lru_cache(maxsize=64)
def asked_name_kind(question: str) -> frozenset[str]:
    """The words a name asked by its kind opens with, in Indonesian ("Apa nama operasi ...?" -> {"operasi"}; "the
    name of the police operation" -> {"operasi"}; "the name of the ship" -> {"kapal", "km", "kri"}); empty when
    the question asks no such name or asks a person's ("Siapa nama Kapolda Bali?")."""
    m = _NAME_OF_KIND_RE.search(question)
    if m is None:
        return frozenset()
    if m.group("id"):
        kinds = {m.group("id").lower()}
    else:
        words = m.group("en").lower().split()
        phrase = next((p for p in (" ".join(words), words[-1], words[0]) if p in EN_TO_ID), None)
        kinds = {e.split()[0] for e in EN_TO_ID[phrase]} if phrase else set()
    return frozenset(k for k in kinds if k not in PERSON_NOUNS)


# a question asking for every one of several ("Apa saja ...?", "Sebutkan ...", "Which islands did ...?")
_LIST_ASKED_RE = re.compile(
    r"\b(?:apa|siapa|mana|manakah|apa-apa)\s+saja\b|^sebutkan\b"
    r"|^(?:which|what)\s+(?:\w+\s+){0,2}?(?!(?:was|is|has|does|this|its)\b)(?-i:[a-z]{2,}(?<!s)s)\b", re.I)


def asks_list(question: str) -> bool:
    """Does the question ask for all of several things ("Biro apa saja ...?", "Which regencies were ...?")? A name
    the reader finds in a list is then answered with the whole list (``rag.compose.widen``)."""
    return bool(_LIST_ASKED_RE.search(question))


_WEEKDAY_ASKED_RE = re.compile(r"\b(?:hari apa|what day|which day|on what day)\b", re.I)


def asks_weekday(question: str) -> bool:
    """Does the question ask the day of the week ("Hari apa apel digelar?")? Its answer then names it."""
    return bool(_WEEKDAY_ASKED_RE.search(question))


_TIME_ASKED_RE = re.compile(r"\b(?:pukul berapa|jam berapa|what time)\b", re.I)


_KINDS = "|".join(sorted(set(PLACE_KINDS.values())))
_PLACE_KIND_RE = re.compile(
    rf"\b(?:which|what)\s+(?P<en>(?:village|sub-district|district|province|island)s?|regency|regencies|city|"
    rf"cities|{_KINDS})\b"
    rf"|\b(?P<id>{_KINDS})\s+(?:mana|apa)\b", re.I)


@lru_cache(maxsize=64)
def asked_place_kinds(question: str) -> frozenset[str]:
    """The Indonesian area nouns a question asks its place to be ("In which village ...?" -> desa, kelurahan;
    "Kecamatan mana ...?" -> kecamatan); empty when it names no kind."""
    m = _PLACE_KIND_RE.search(question)
    if m is None:
        return frozenset()
    word = (m.group("en") or m.group("id")).lower()
    after = re.match(r"\s+([\w-]+)", question[m.end() :])
    if m.group("en") and after and f"{word} {after[1].lower()}" in EN_TO_ID:
        return frozenset()  # "Which district police ...?" asks a command (polres), not a district
    return frozenset(EN_TO_ID.get(word) or EN_TO_ID.get(word.removesuffix("s")) or (word,))  # "sub-districts"


_COMMANDS = "|".join(sorted(TERRITORIAL_COMMANDS))
_COMMAND_KIND_RE = re.compile(
    rf"\b(?:which|what)\s+(?P<en>{_COMMANDS}|(?:district|city|provincial)\s+police)\b(?!(?-i:\s+[A-Z]))"
    rf"|\b(?P<id>{_COMMANDS})\s+(?:mana|manakah|apa)\b", re.I)


@lru_cache(maxsize=64)
def asked_command_kind(question: str) -> bool:
    """Does the question ask a police or military command by its kind ("Polres mana ...?", "Which polres ...?",
    "Which district police ...?")? Its answer is then a command ("Polres Gunungkidul"), not a count or a place. A
    command followed by its name asks no kind: "Which Polda Bali unit ...?" asks a unit of Polda Bali."""
    m = _COMMAND_KIND_RE.search(question)
    if m is None:
        return False
    word = (m["en"] or m["id"]).lower()
    return word in TERRITORIAL_COMMANDS or bool(set(EN_TO_ID.get(" ".join(word.split()), ())) & TERRITORIAL_COMMANDS)


_MOST_RE = re.compile(
    r"\b(?P<most>terbanyak|paling banyak)\b|\b(?P<fewest>tersedikit|paling sedikit)\b"
    r"|\bthe (?:(?P<en_most>most)|(?P<en_fewest>fewest|least))\b(?P<after>(?:\s+[\w-]+){0,3})"
    r"|\bthe (?:(?P<en_large>largest|highest|biggest)|(?P<en_small>smallest|lowest)) number of\b", re.I)
_MORE_OF = frozenset({"additional", "new", "extra"})


@lru_cache(maxsize=64)
def asked_extreme(question: str) -> int:
    """+1 when the question asks which has the most of something ("Polres mana yang menerima personel terbanyak?",
    "Which village has the most ...?"), -1 for the fewest, 0 otherwise. An English "most" before an adjective ("the
    most remote polling stations") compares no counts: it counts only before a count noun, or ending its clause."""
    for m in _MOST_RE.finditer(question):
        if m.group("most") or m.group("en_large"):
            return 1
        if m.group("fewest") or m.group("en_small"):
            return -1
        after = (m.group("after") or "").split()
        while after and (after[0].lower() in _MORE_OF or (after[0].isupper() and len(after[0]) > 1)):
            after = after[1:]  # "the most additional personnel", "the most BKO personnel"
        words = [w.lower() for w in after]
        counted = not words or words[0] in _EN_PREPOSITIONS or any(
            unit_group(EN_TO_ID.get(phrase, (phrase,))[0]) is not None
            for phrase in (" ".join(words[:2]), words[0]))
        if counted:
            return 1 if m.group("en_most") else -1
    return 0


# an Indonesian definition question: "Apa itu X?", "Apa yang dimaksud dengan X?", "Apa pengertian dari X?"
_DEFINITION_RE = re.compile(
    r"^(?:apa|apakah|siapa|siapakah)\s+(?:itu|yang\s+dimaksud(?:kan)?(?:\s+(?:dengan|oleh))?"
    r"|(?:pengertian|arti|definisi)(?:\s+(?:dari|kata|istilah))?)\s+(?P<term>[^?]+?)\s*\??$", re.I)


@lru_cache(maxsize=64)
def defined_term(question: str) -> str | None:
    """The term an Indonesian definition question asks about ("Apa itu komunikasi intrapersonal?" -> "komunikasi
    intrapersonal"); None for any other question. Only a sentence that names the term can define it."""
    m = _DEFINITION_RE.match(" ".join(question.split()))
    return m.group("term") if m else None


# a question asking what an acronym written in capitals stands for: "Apa kepanjangan dari GPS?", "TPS singkatan dari
# apa?", "What does BKO stand for?"
_ACRONYM_RE = re.compile(
    r"^(?i:apa(?:kah)?\s+(?:kepanjangan|singkatan)(?:\s+dari)?)\s+(?P<a>[A-Z]{2,6})\b"
    r"|^(?P<b>[A-Z]{2,6})\s+(?i:(?:merupakan\s+)?(?:kepanjangan|singkatan)\s+dari\s+apa)\b"
    r"|^(?i:what\s+(?:does|do|did)\s+(?:the\s+)?)(?P<c>[A-Z]{2,6})\s+(?i:stand\s+for)\b"
    r"|^(?i:what\s+is\s+(?:the\s+)?)(?P<d>[A-Z]{2,6})\s+(?i:short\s+for)\b")


@lru_cache(maxsize=64)
def expanded_acronym(question: str) -> str | None:
    """The acronym a question asks to expand ("Apa kepanjangan dari GPS?" -> "GPS"); None for any other question,
    and for an acronym not written in capitals ("Bawaslu", "Linmas" take syllables, not initials)."""
    m = _ACRONYM_RE.match(" ".join(question.split()))
    return next((g for g in m.groups() if g), None) if m else None


def same_post(post: str) -> str:
    """One name per office: news writes "Kapolres" and "Kapolresta" (and their deputies) for the same one."""
    return post.lower().removesuffix("ta") if post.lower().endswith("polresta") else post.lower()


@lru_cache(maxsize=64)
def asked_posts(question: str) -> frozenset[str]:
    """The posts a who-question asks the person to hold ("Siapa Wakapolda Sultra?" -> wakapolda; "the police
    chief" -> kapolda, kapolres), as ``same_post`` names them; empty when it names none."""
    words = [w.lower() for w in re.findall(r"[\w-]+", question)]
    found = {w for w in words if w in POSTS}
    for n in (3, 2, 1):  # a one-word English post too ("spokesperson" -> kabid humas -> kabid)
        for i in range(len(words) - n + 1):
            found |= {p.split()[0] for p in EN_TO_ID.get(" ".join(words[i : i + n]), ()) if p.split()[0] in POSTS}
    return frozenset(same_post(p) for p in found)


def asks_time(question: str) -> bool:
    """Does the question ask the time of day ("Pukul berapa apel dimulai?")? A date alone does not answer it."""
    return bool(_TIME_ASKED_RE.search(question))


def classify(question: str) -> AnswerType:
    """Answer type from the question's interrogative words (Indonesian and English), first rule wins."""
    q = " ".join(question.lower().split())
    for answer_type, pattern in _TYPE_RULES:
        if answer_type is AnswerType.YES_NO and apakah_asks_what(q):
            continue
        if pattern.search(q):
            return answer_type
    return AnswerType.ENTITY


# --- unit -------------------------------------------------------------------------------------------

_UNIT_FILLER = frozenset(
    """
    jumlah total banyak besar lama kira-kira sekitar seluruh semua para selisih tambahan perkiraan kebutuhan
    kenaikan penurunan the of total number many much did do does were was are is in a an additional extra
    more fewer combined overall all
    """.split()
)
_UNIT_STOP = frozenset(
    "yang di ke dari untuk pada dan did does do were was are is have has had that which "
    "will would can could should must may might shall".split())
_EN_PREPOSITIONS = frozenset("in at for on during by from to across per within under over with".split())


# a count asked, and what follows: "What was the number of polling stations ...?" counts TPS as "How many" does
_HOW_MANY_RE = re.compile(
    r"\b(?:berapa|how many|how much|what (?:is|was|are|were) the (?:total )?number of)\b(?P<rest>.*)", re.I)


# chat Indonesian often asks the count last: "Jumlah TPS sangat rawan di Bali berapa?", "TPS di Batam ada berapa?"
_BERAPA_LAST_RE = re.compile(
    r"^(?P<what>.+?)\s+(?:ada\s+|sebanyak\s+|sejumlah\s+)?berapa(?:\s+(?:banyak|orang|sih|saja|ya))?\s*\??$", re.I)


def with_berapa_first(question: str) -> str:
    """The question with a last "berapa" put first, where the counted noun and its qualifiers are read from
    ("TPS di Batam ada berapa?" -> "Berapa TPS di Batam?"), when it starts with the counted noun (after "jumlah",
    "total"): a command or a name first ("Polda NTB ... berapa?") says nothing of what is counted. Else as it is."""
    m = _BERAPA_LAST_RE.match(question.strip())
    if m is None and not re.search(r"\bberapa\b", question, re.I):  # a heading: "Jumlah TPS rawan di Bali?"
        words = re.findall(r"[\w%-]+", question.lower())
        noun = " ".join(words[1 : 1 + unit_length(words[1:])])
        if words[:1] in (["jumlah"], ["total"], ["banyaknya"]) and is_unit_noun(noun):
            return f"Berapa {question.strip()}"
    if m is None or re.search(r"\bberapa\b", m.group("what"), re.I):
        return question
    words = [w for w in re.findall(r"[\w%-]+", m.group("what").lower()) if w not in _UNIT_FILLER]
    if not words or not is_unit_noun(words[0]) or words[0] in TERRITORIAL_COMMANDS:
        return question
    return f"Berapa {m.group('what')}?"


def unit_length(words: list[str]) -> int:
    """How many of the first words are the counted noun: a count noun of two or three words is one ("tempat
    pemungutan suara", "surat suara", "kali lipat"), so its last words are not read as qualifiers."""
    return next((n for n in (3, 2) if len(words) >= n and is_unit_noun(" ".join(words[:n]))), 1)


def _counts_noun(phrase: str) -> bool:
    """Is ``phrase`` an English count noun ("soldiers", "polling stations")?"""
    return any(is_unit_noun(w) for w in EN_TO_ID.get(phrase.lower(), ()))


_DURATION_RE = re.compile(r"\b(?:berapa lama|how long)\b", re.I)


def asks_duration(question: str) -> bool:
    """"Berapa lama personel BKO bertugas?", "How long did ... serve?": a length of time is counted (in days,
    weeks, hours: one unit group), and the noun after "lama" is the subject, not the counted thing."""
    return bool(_DURATION_RE.search(question))


def asked_unit(question: str, language: str) -> str | None:
    """The noun a count asks for ("Berapa jumlah TPS ..." -> "tps"; "How many polling stations" -> "tps").

    English words are given in their Indonesian form (the glossary's first equivalent) so the unit can
    be compared with what the article writes after the number.
    """
    if asks_duration(question):
        return "hari"
    m = _HOW_MANY_RE.search(question.lower())
    if not m:
        return None
    words = re.findall(r"[\w%-]+", m.group("rest"))[:8]
    if language != "en":
        words = [w for w in words if w not in _UNIT_FILLER]
        return " ".join(words[:unit_length(words)]) if words and words[0] not in _UNIT_STOP else None
    found: str | None = None  # English noun phrases end in their head: "West Sumatra police precincts"
    i = 0
    # a word in "-ed" ends the noun phrase ("How many personnel were deployed"), unless it opens it as an adjective
    # ("How many registered voters", "How many armed personnel")
    while i < len(words) and words[i] not in _UNIT_STOP and (i == 0 or not words[i].endswith("ed")):
        if found and words[i] in _EN_PREPOSITIONS:
            break  # the noun phrase ended: "polling stations in the 2024 election"
        ended = False
        for n in (3, 2, 1):
            phrase = " ".join(words[i : i + n])
            if phrase in EN_TO_ID and words[i] not in _UNIT_FILLER:
                counted = [w for w in EN_TO_ID[phrase] if is_unit_noun(w)]  # "police" counts as "polisi"
                if found and is_unit_noun(found) and not counted:
                    ended = True  # the head noun was read; a word after it is the verb: "police guard ..."
                    break
                found = counted[0] if counted else EN_TO_ID[phrase][0]
                i += n - 1
                break
        if ended:
            break
        i += 1
    return found or next((w for w in words[:i] if is_unit_noun(w)), None)  # "How many TPS ...": as it is


QUALIFIER_STOP = _UNIT_STOP | _EN_PREPOSITIONS | frozenset(
    "saat dalam selama oleh menurut sejak hingga sampai per bagi secara sebagai ini itu tersebut masing-masing "
    "tiap setiap".split()
) | frozenset(PLACE_KINDS)  # a place kind heads a name ("luas pulau Jeju"), which is checked on its own
# the words that negate, in both languages: a yes/no sentence, a figure ("tidak merangkap jaga dua TPS"), and a
# qualifier, where "tidak" is shaped like a predicate but still narrows the noun ("TPS yang tidak rawan")
NEGATORS = frozenset("tidak tak bukan belum tanpa tiada non not no never without".split())
QUALIFIER_WORDS = 3  # "TPS berkategori sangat rawan": the longest qualifier a count question gives its noun


def _is_term_acronym(word: str) -> bool:
    """An acronym that is a term, not a name (``NOT_NAME_WORDS``: "BKO", "DPT") and no count noun ("TPS"): it
    narrows a count as a lowercase word does ("Berapa personel BKO ...?")."""
    return word.isupper() and word.lower() in NOT_NAME_WORDS and not is_unit_noun(word.lower())


def asked_qualifiers(question: str, language: str) -> list[str]:
    """The words a count question narrows its noun by, stemmed: "Berapa TPS sangat rawan di Bali?" ->
    ["sangat", "rawan"]; "How many very vulnerable polling stations ...?" -> ["sangat", "rawan"].

    An article often lists one noun's counts by kind in one sentence ("161 TPS sangat rawan, 794 TPS
    rawan, dan 16.671 TPS tidak rawan"); these words tell which of them is asked. Indonesian puts them
    after the noun, English before it (glossed into Indonesian, or kept when already Indonesian:
    "'sangat rawan' polling stations"). Names, dates and relative clauses ("yang diterjunkan") are not
    qualifiers: names are checked on their own, and a verb is worded differently by every article.
    """
    m = _HOW_MANY_RE.search(question)
    if not m:
        return []
    words = re.findall(r"[\w%-]+", m.group("rest"))[:12]
    if language != "en":
        words = [w for w in words if w.lower() not in _UNIT_FILLER]
        kept: list[str] = []
        for w in words[unit_length(words):]:  # the unit first
            w = w.lower() if _is_term_acronym(w) else w  # "personel BKO"
            if not w.replace("-", "").isalpha() or not w.islower() or w in QUALIFIER_STOP or \
                    len(kept) == QUALIFIER_WORDS:  # a hyphenated word is one: "laki-laki"
                break
            kept.append(w)
        after = unit_length(words)
        while not kept and after < len(words) and words[after][:1].isupper() and not _is_term_acronym(words[after]):
            after += 1  # a name between the noun and its clause: "warga Syiah yang terluka", "personel Polda Bali yang"
        if not kept and words[after : after + 1] == ["yang"]:  # "TPS yang masuk kategori sangat rawan": the clause,
            clause = itertools.takewhile(lambda w: w.isalpha() and w.islower() and w not in QUALIFIER_STOP,  # verbs
                                         (w.lower() if _is_term_acronym(w) else w for w in words[after + 1 :]))
            kept = [w for w in clause if not _PREDICATE_RE.match(w) or w in NEGATORS][-QUALIFIER_WORDS:]
        return keyword_tokens(" ".join(kept))
    lowered = [w.lower() for w in words]
    kept = []
    i = 0
    while i < len(lowered) and lowered[i] not in QUALIFIER_STOP:
        for n in (3, 2, 1):
            phrase = " ".join(lowered[i : i + n])
            if len(lowered[i : i + n]) == n and phrase in EN_TO_ID:
                break
        else:
            n, phrase = 1, lowered[i]
        if unit_group(EN_TO_ID[phrase][0] if phrase in EN_TO_ID else phrase) is not None:
            break  # the noun counted: what came before it qualified it
        if phrase not in _UNIT_FILLER and (words[i][:1].islower() or _is_term_acronym(words[i])) and \
                words[i].replace("-", "").isalpha():
            kept.append(EN_TO_ID[phrase][0] if phrase in EN_TO_ID else phrase)
        i += n
    else:
        return []  # no counted noun found: nothing is known to qualify it
    kept = kept or _qualifiers_after_noun(lowered, i + n)
    return list(dict.fromkeys(keyword_tokens(" ".join(kept[-QUALIFIER_WORDS:]))))  # the words nearest the noun


_COPULAS = frozenset("were are was is".split())
_GLOSSARY_INDONESIAN = frozenset(w for wordings in EN_TO_ID.values() for e in wordings for w in e.split())


def _qualifiers_after_noun(lowered: list[str], j: int) -> list[str]:
    """What an English count question says of its noun after it, in Indonesian: Indonesian words right after
    it ("TPS sangat rawan"), else a predicate after "were/are" ("were rated very vulnerable" -> sangat rawan)."""
    indonesian = _GLOSSARY_INDONESIAN - QUALIFIER_STOP
    right_after = list(itertools.takewhile(lambda w: w in indonesian, lowered[j : j + QUALIFIER_WORDS]))
    if right_after:
        return right_after
    k = next((k for k in range(j, len(lowered)) if lowered[k] in _COPULAS), len(lowered)) + 1
    while k < len(lowered) and (lowered[k].endswith("ed") or lowered[k] == "as"):
        k += 1  # "were rated", "were classified as"
    out: list[str] = []
    while k < len(lowered) and len(out) < QUALIFIER_WORDS and lowered[k] not in QUALIFIER_STOP:
        two = " ".join(lowered[k : k + 2])
        phrase = two if two in EN_TO_ID else lowered[k]
        if phrase in EN_TO_ID:
            out.append(EN_TO_ID[phrase][0])
        elif phrase in indonesian:
            out.append(phrase)
        else:
            break
        k += len(phrase.split())
    return out


# --- elections, regions -----------------------------------------------------------------------------

# English says "the 2024 election" for the February general election; a word before it that makes it
# regional ("regional head election", "gubernatorial election") makes it Pilkada. The plural stays unread:
# "the 2024 elections" may mean both.
_REGIONAL_WORDS = ("regional", "local", "head", "gubernatorial", "mayoral", "regent", "regency", "district")
_NOT_REGIONAL = "".join(f"(?<!{w} )" for w in _REGIONAL_WORDS)  # one fixed-width look-behind per word
# An agency's name is no election: "Komisi Pemilihan Umum (KPU)", "Badan Pengawas Pemilihan Umum", "the General
# Elections Commission", "the Election Supervisory Agency" are named in Pilkada stories too.
_NOT_AN_AGENCY = "(?<!komisi )(?<!pengawas )"
_NO_AGENCY_AFTER = r"(?!\s+(?:commission|supervisory|supervisors?|watchdog)\b)"
ELECTION_PATTERNS: dict[Election, re.Pattern[str]] = {
    Election.PILKADA: re.compile(
        r"\b(?:pilkada|pemilihan kepala daerah|pilgub|pilbup|pilwalkot|"
        rf"(?:{'|'.join(_REGIONAL_WORDS)})(?:\s+head)?\s+elections?)\b",
        re.I),
    Election.PEMILU: re.compile(
        rf"\b(?:{_NOT_AN_AGENCY}(?:pemilu|pemilihan umum)|general elections?|pileg|pilpres|presidential election|"
        rf"legislative elections?|{_NOT_REGIONAL}election(?!s))\b{_NO_AGENCY_AFTER}", re.I),
}


def elections_in(text: str) -> list[Election]:
    """Elections a text names, in order of first mention."""
    found = [(m.start(), e) for e, p in ELECTION_PATTERNS.items() if (m := p.search(text))]
    return [e for _, e in sorted(found)]


# --- names ---------------------------------------------------------------------------------------------

_NAME_RE = re.compile(r"(?<![\w'-])(?:[A-Z][\w'’./-]*|[IVX]+/[A-Z][\w-]*)(?:\s+(?:[A-Z][\w'’./-]*|\d+[A-Z]?/[\w-]+))*")
# words that open or sit in a capitalised run without being a name (question words, months, weekdays); one
# list for the question's names here and for what a follow-up carries over (``rag.followup``)
NOT_NAME_WORDS = frozenset(
    """
    berapa siapa apa apakah kapan mana manakah bagaimana mengapa kenapa dimana kemana darimana di dan yang untuk
    pada dari ke jika lalu
    kalau menurut sebutkan bandingkan how what which who whom when where why did does do is are was were the in on
    for of and according by compare if and then also tps bko dpt ri
    """.split()
) | set(MONTHS) | set(WEEKDAY_ALIASES)


def names_in(question: str) -> list[str]:
    """The proper names a question is about: capitalised phrases that are not question words, months,
    weekdays, elections or the sentence's own first capital ("Polresta Tangerang", "Kodam XIII/Merdeka"), without
    a word saying "province" ("Provinsi Jambi" -> "Jambi": articles name the province without it)."""
    out: list[str] = []
    for m in _NAME_RE.finditer(question):
        words = [w.strip(".,;:'’").removesuffix("'s").removesuffix("’s") for w in m.group(0).split()]
        words = [w for w in words if w and without_kah(w.lower()) not in NOT_NAME_WORDS
                 and w.lower() not in PROVINCE_WORDS]  # "Provinsi Jambi" is named "Jambi", as articles write it
        words = [w for w in words if not any(p.fullmatch(w) for p in ELECTION_PATTERNS.values())]
        if m.start() == 0 and len(words) == 1 and m.group(0).split()[0] == words[0]:
            continue  # a lone capital opening the question is the sentence's, not a name
        if words:
            out.append(" ".join(words))
    return list(dict.fromkeys(out))


# --- parts of multi-part questions ----------------------------------------------------------------------

_COMBINATION_RULES: tuple[tuple[Combination, re.Pattern[str]], ...] = (
    (Combination.SUM, re.compile(
        r"\b(?:dijumlahkan|jika digabung|digabungkan|in total|combined|altogether|sum of|together|plus)\b", re.I)),
    (Combination.DIFFERENCE, re.compile(
        r"\b(?:selisih|perbedaan|beda|berkurang|bertambah|tambahan|kenaikan|penurunan|lebih banyak|lebih sedikit|"
        r"differ(?:ence|ed)?|how many more|how many fewer|by how many|increase|decrease)\b", re.I)),
    (Combination.COMPARE, re.compile(
        r"\b(?:bandingkan|membandingkan|perbandingan|dibanding(?:kan)?|compare|comparison|compared (?:with|to)|"
        r"versus|vs\.?)\b", re.I)),
    # "total ... dan" is a sum only when no difference or comparison word says otherwise ("selisih total ... dan");
    # "ditambah" is "plus" only after "total" (alone, "personel yang ditambah" are added ones)
    (Combination.SUM, re.compile(r"\b(?:berapa total|total)\b.+\b(?:dan|and|ditambah)\b", re.I)),
)
# Asking which side is more is a comparison whatever else it asks: its answer says which, and by how much.
_WHICH_IS_MORE_RE = re.compile(
    r"\b(?:mana yang lebih|which\b[^?]*?\b(?:more|fewer|less|larger|bigger|smaller|higher|lower))\b", re.I)
_OPERATOR_RE = re.compile(
    r"\b(?:bandingkan|membandingkan|compare|jika dijumlahkan|dijumlahkan|jika digabung|selisih|perbedaan|"
    r"the difference (?:in|between)|difference (?:in|between)|dibandingkan(?: dengan)?|dibanding|"
    r"compared (?:with|to)|versus|vs\.?|antara|between|(?:,\s*)?(?:and )?by how many(?! \w+ (?:did|were|was))|"
    r"(?:,\s*)?dan berapa selisihnya|which (?:\w+ ){1,2}?(?:more|fewer|less|larger|bigger|smaller|higher|lower)|"
    r"mana yang lebih (?:banyak|sedikit|besar|kecil)|in total|combined|altogether)\b",
    re.I,
)
_QUESTION_WORDS = "berapa|siapa|apa|apakah|kapan|di mana|dimana|manakah|how many|how much|what|which|who|when|where"
_INTERROGATIVE_RE = re.compile(rf"\b(?:{_QUESTION_WORDS})\b", re.I)
_SECOND_QUESTION_RE = re.compile(
    rf"^(?P<first>.*?\S)\s*[,;]?\s+(?:dan|serta|lalu|and|then)\s+(?P<second>(?:{_QUESTION_WORDS})\b.*)$", re.I)


def two_questions(question: str) -> tuple[str, str] | None:
    """A request asking two things at once ("Berapa personel ..., dan berapa TPS yang diamankannya?"): the two
    questions as asked (the second may lean on the first), or None."""
    m = _SECOND_QUESTION_RE.match(" ".join(question.split()))
    if m is None or not _INTERROGATIVE_RE.search(m["first"]) or min(len(m[g].split()) for g in ("first", "second")) < 2:
        return None  # "Siapa dan apa?" asks nothing twice
    second = m["second"]
    return f"{m['first'].rstrip(' ,;?')}?", second[:1].upper() + second[1:]


_COUNT_WORD_RE = re.compile(r"\b(?:berapa(?:\s+(?:jumlah|banyak))?|how many)\s+", re.I)
_WORD_RE = re.compile(r"[\w'-]+")


def _count_noun_length(words: list[str], english: bool) -> int:
    """How many of the first words are one noun Siaga counts ("tempat pemungutan suara", "polling stations"); 0
    when they are not one."""
    if english:
        return next((n for n in (3, 2, 1) if len(words) >= n and _counts_noun(" ".join(words[:n]))), 0)
    n = unit_length(words)
    return n if words and is_unit_noun(" ".join(words[:n]).lower()) else 0


def two_counts(question: str) -> tuple[str, str] | None:
    """One question word counting two nouns ("Berapa personel dan TPS di Bali?", "How many districts and villages
    did Polda Bali map?"): the two counts asked, each with the words after the pair, or None. A name or a qualifier
    after "dan" ("personel TNI dan Polri", "TPS rawan dan sangat rawan") is no second noun."""
    lead = _COUNT_WORD_RE.search(question)
    if lead is None:
        return None
    english = lead[0].lower().startswith("how")
    tokens = list(_WORD_RE.finditer(question, lead.end()))
    words = [t[0] for t in tokens]
    first = _count_noun_length(words, english)
    joined = first and len(words) > first + 1 and words[first].lower() in (("and",) if english else ("dan", "serta"))
    second = _count_noun_length(words[first + 1 :], english) if joined else 0
    if not second:
        return None
    head, tail = question[: lead.end()], question[tokens[first + second].end() :]
    nouns = (question[tokens[0].start() : tokens[first - 1].end()],
             question[tokens[first + 1].start() : tokens[first + second].end()])
    return f"{head}{nouns[0]}{tail}", f"{head}{nouns[1]}{tail}"


_JOIN = (
    r"(?:,?\s+(?:dan|and|atau|or|ditambah|plus|vs\.?|versus|dengan|with|dibandingkan(?:\s+dengan)?|"
    r"compared (?:with|to)|ke|to|than|daripada)"
    r"\s+)"
)
_NAME = r"(?:[A-Z][\w'’./-]*(?:\s+(?:[A-Z][\w'’./-]*|\d{4}))*)"
_PAIR_NAMES_RE = re.compile(rf"(?P<a>{_NAME}){_JOIN}(?P<b>{_NAME})")
# "than" after the verb: "did Polresta Sleman deploy than Polresta Denpasar" compares the two names
_THAN = r"\s+(?:than|daripada)\s+(?:in\s+|di\s+)?"
_THAN_NAMES_RE = re.compile(rf"(?P<a>{_NAME})(?:\s+[a-z][\w'-]*){{1,4}}?{_THAN}(?P<b>{_NAME})")
# "Polres Tanjab Barat personnel plus Polda Jambi BKO": English writes the count noun after the first name
_COUNTED_PAIR_RE = re.compile(rf"(?P<a>{_NAME})\s+(?P<noun>[a-z][\w-]*){_JOIN}(?P<b>{_NAME})")


def _counted_pair(question: str) -> re.Match[str] | None:
    """Two names joined with a count noun after the first (a unit in either language), or None."""
    return next((m for m in _COUNTED_PAIR_RE.finditer(question)
                 if unit_group(EN_TO_ID.get(m["noun"].lower(), (m["noun"],))[0]) is not None), None)


# a yes/no question comparing two names' amounts: "Did Polda Bali deploy more personnel than Polda NTB for the
# Pilkada?", "Were there more polling stations in Kalbar than in Sulteng?", "Apakah Polda Bali menerjunkan lebih
# banyak personel daripada Polda NTB?"
_MORE_WORDS = {"more": True, "fewer": False, "less": False, "lebih banyak": True, "lebih sedikit": False}
_YES_NO_COMPARATIVE_RES = (
    re.compile(rf"^(?i:did|does|do|has|have|had|will|would)\s+(?P<a>{_NAME})\s+(?P<verb>[a-z][\w'-]*)\s+"
               rf"(?P<more>more|fewer|less)\s+(?P<what>[^?]*?){_THAN}(?P<b>{_NAME})(?P<rest>[^?]*)\??$"),
    re.compile(rf"^(?i:were|was|are|is)\s+there\s+(?P<more>more|fewer|less)\s+(?P<what>[^?]*?)\s+(?:in|at)\s+"
               rf"(?P<a>{_NAME}){_THAN}(?P<b>{_NAME})(?P<rest>[^?]*)\??$"),
    re.compile(rf"^(?i:apakah)\s+(?P<a>{_NAME})\s+(?P<verb>[a-z][\w'-]*)\s+(?P<more>lebih banyak|lebih sedikit)\s+"
               rf"(?P<what>[^?]*?){_THAN}(?P<b>{_NAME})(?P<rest>[^?]*)\??$"),
)


def comparison_asked_yes_no(question: str) -> tuple[str, bool] | None:
    """A yes/no comparison as the comparison it asks ("Did Polda Bali deploy more personnel than Polda NTB for
    the Pilkada?" -> "Which deploy more personnel for the Pilkada, Polda Bali or Polda NTB?") and whether it asks
    the first side to have more (True) or fewer (False); None for any other question. One article cannot settle
    it: both figures are read and compared, so "Yes"/"No" comes from the two cited figures."""
    for pattern in _YES_NO_COMPARATIVE_RES:
        m = pattern.match(" ".join(question.split()))
        if m is None:
            continue
        more = _MORE_WORDS[m["more"].lower()]
        rest = f" {m['rest'].strip(' ,')}".rstrip()
        if m.re.pattern.startswith("^(?i:apakah)"):  # "Mana yang lebih banyak menerjunkan personel ..., A atau B?"
            return f"Mana yang {m['more']} {m['verb']} {m['what']}{rest}, {m['a']} atau {m['b']}?", more
        verb = m.groupdict().get("verb") or "had"  # "Were there more polling stations in A ...": which had more
        return f"Which {verb} {m['more']} {m['what']}{rest}, {m['a']} or {m['b']}?", more
    return None


def combination_of(question: str) -> Combination | None:
    """How a multi-part question combines its parts (sum, difference, comparison), first rule wins."""
    if _WHICH_IS_MORE_RE.search(question):
        return Combination.COMPARE
    return next((combination for combination, pattern in _COMBINATION_RULES if pattern.search(question)), None)


def _sides(question: str) -> list[tuple[str, str]]:
    """The two phrases a multi-part question varies, each with the other's phrase: elections, dates,
    regions, or two names joined by and/or/vs. Empty when the question varies nothing."""
    # each kind's first phrase (read backwards, so the earliest is written last)
    first = {kind: (a, b) for a, b, kind in reversed(election_spans(question)) if kind is not None}
    spans = sorted(first.values()) if len(first) >= 2 else []
    if not spans:
        dates = [d for d in find_dates(question) if d.month is not None]
        if len(dates) >= 2:
            spans = [(d.start, d.end) for d in dates[:2]]
    if not spans:
        regions = regions_in(question)
        if len({r for r, _, _ in regions}) >= 2:
            spans = [(a, b) for _, a, b in regions[:2]]
    if not spans:
        m = _PAIR_NAMES_RE.search(question) or _THAN_NAMES_RE.search(question) or _counted_pair(question)
        if m:
            spans = [m.span("a"), m.span("b")]
    if len(spans) < 2:
        return []
    (a0, a1), (b0, b1) = spans[:2]
    return [(question[a0:a1], question[b0:b1]), (question[b0:b1], question[a0:a1])]


def side_phrases(question: str) -> list[str]:
    """The two phrases a multi-part question varies, in order ("Pemilu 2024", "Pilkada 2024")."""
    return [keep for keep, _ in _sides(" ".join(question.split()))]


_GENERIC_ELECTION_RE = re.compile(r"\b(?:election|elections|pemilihan)\b", re.I)
# Each election word with "serentak" (simultaneous) before or after it; a bare "election" / "pemilihan" last.
_ELECTION_PHRASES = [(kind, re.compile(rf"(?:\bserentak\s+)?(?:{pattern.pattern})(?:\s+serentak\b)?", re.I))
                     for kind, pattern in [*ELECTION_PATTERNS.items(), (None, _GENERIC_ELECTION_RE)]]


def election_spans(text: str) -> list[tuple[int, int, Election | None]]:
    """Election phrases with the time that belongs to them, in order, with the election's kind: a date, month
    or year touching the election word on either side ("Pemilu 2024", "the February 2024 election", "Pilkada
    27 November 2024", "the November Pilkada"), "serentak" too ("Pilkada Serentak 2024"). A bare "pemilihan"
    has kind None (a follow-up may say "Dan saat pemilihan?")."""
    dates = [(d.start, d.end) for d in find_dates(text, years=True)]
    months = [m.span() for m in MONTH_WORD_RE.finditer(text) if not any(a <= m.start() < b for a, b in dates)]
    times = sorted(dates + months)
    spans: list[tuple[int, int, Election | None]] = []
    for kind, pattern in _ELECTION_PHRASES:
        for m in pattern.finditer(text):
            if any(a <= m.start() < b for a, b, _ in spans):
                continue
            start, end = m.span()
            for a, b in times:  # a date or month touching the phrase belongs to it
                if 0 <= start - b <= 1:
                    start = a
                if 0 <= a - end <= 1:
                    end = b
            spans.append((start, end, kind))
    return sorted(spans, key=lambda span: span[:2])


def _tidy(text: str) -> str:
    text = re.sub(r"\(\s*\)", "", text)
    text = re.sub(r"\b(?:dari|from|di|in|pada|on|untuk|for)\s*(?=[,?.]|$)", "", text, flags=re.I)
    text = re.sub(r"\s+([?,.])", r"\1", re.sub(r"\s+", " ", text))
    text = re.sub(r"\b(?:dan|and|atau|or|vs\.?|dengan|with|ke|to)\s*(?=[?,.]|$)", "", text, flags=re.I)
    text = re.sub(r"^(?:dan|and|atau|or)\s+|,\s*(?=[?.])", "", text.strip(), flags=re.I)
    text = re.sub(r"\s+([?,.])", r"\1", re.sub(r"\s+", " ", text)).strip(" ,")
    return text


# Words that ask for a change rather than an amount ("berapa tambahan indikator", "how many more
# personnel"): a side's sub-question asks for the amount itself, so they go.
_CHANGE_WORDS_RE = re.compile(
    r"\b(?:tambahan|berkurang|bertambah|kenaikan|penurunan|lebih banyak|lebih sedikit)\s+|"
    r"(?<=\bhow many )(?:more|fewer|less)\s+|\bby (?=how many\b)",
    re.I,
)
# A phrase said twice in a row once its other side is gone ("untuk pengamanan untuk pengamanan Pilkada").
_REPEATED_PHRASE_RE = re.compile(r"\b((?:[\w'-]+\s+){0,3}[\w'-]+)\s+\1\b", re.I)


def _placed(text: str, keep: str, language: str) -> str:
    """A side left dangling after a comma ("... in the 2024 election, Jambi") said as a place or time; an election
    or date left after a name ("... di Maluku Utara Pemilu 2024", the "antara" gone with the other side) as a time."""
    timely = bool(elections_in(keep) or find_dates(keep))
    m = re.search(rf",\s*{re.escape(keep)}$", text)
    if not m:
        m = re.search(rf"\s+(?:the\s+)?{re.escape(keep)}$", text) if timely else None
        before = text[: m.start()].split() if m else []
        if not before or not before[-1][:1].isupper():  # right after a name only: "pengamanan Pemilu 2024" and
            return text  # "to secure the 2024 election" name what is secured
    word = "in" if language == "en" else ("pada" if timely else "di")
    the = "the " if language == "en" and re.match(r"\s*the\b", text[m.start() :].lstrip(" ,"), re.I) else ""
    return f"{text[: m.start()]} {word} {the}{keep}"


def sub_question(question: str, keep: str, drop: str, language: str, *, summed: bool = False) -> str:
    """``question`` about ``keep`` only: the other side and the comparison words removed, asked plainly.

    A comparison that does not start with a question word ("Compare the personnel deployed in X and Y")
    becomes a count question ("How many personnel deployed in X?") for the reader. In a sum (``summed``)
    "total" is the operation over the sides, so each side is asked without it.
    """
    than = re.search(rf"{_THAN}{re.escape(keep)}\b", question)
    if than and drop in question[: than.start()]:  # the side after "than" is asked in the other's place
        question = (question[: than.start()] + question[than.end() :]).replace(drop, keep, 1)
    side = re.escape(drop)
    text, n = re.subn(rf"{_JOIN}(?:[\w'-]+\s+){{0,3}}?{side}", " ", question, count=1)
    if not n:  # the side first: it goes with the joining word, a count noun after it stays ("X personnel plus")
        text = re.sub(rf"{side}(?:{_JOIN}|\s+(?P<noun>[a-z][\w-]*){_JOIN})?", lambda m: f" {m['noun'] or ''} ",
                      question, count=1)
    text = _OPERATOR_RE.sub(" ", text)
    if summed:
        text = re.sub(r"\btotal\s+", "", text, flags=re.I)
    text = _CHANGE_WORDS_RE.sub("", text)
    text = _REPEATED_PHRASE_RE.sub(r"\1", " ".join(text.split()))
    text = _tidy(text).rstrip("?").strip()
    text = _placed(text, keep, language)
    if keep.lower() not in text.lower():
        text = f"{text} {keep}".strip()
    if not _INTERROGATIVE_RE.search(text):
        text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)
        text = ("How many " if language == "en" else "Berapa ") + text[:1].lower() + text[1:]
    return text[:1].upper() + text[1:] + "?"


# --- all together -----------------------------------------------------------------------------------


_KAH_RE = re.compile(
    r"\b(siapa|kapan|berapa|keberapa|mana|di ?mana|ke ?mana|dari ?mana|bagaimana|mengapa|kenapa)kah\b", re.I
)


def without_kah(question: str) -> str:
    """The question with the emphatic "-kah" taken off its question word ("Siapakah" -> "Siapa",
    "Berapakah" -> "Berapa"): the same question, in the form the rules below know. "Apakah" keeps it:
    there it marks a yes/no question."""
    return _KAH_RE.sub(r"\1", question)


RANK_NOUNS = frozenset({"pangkat", "kepangkatan"})
# a person's rank asked: read as who holds the post ("Apa pangkat Kapolda Banten?" -> "Siapa Kapolda Banten?"); the
# answer is the rank the article writes before the holder's name ("Irjen Pol Abdul Karim")
_RANK_ASKED: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?:apa|apakah)\s+(?:" + "|".join(RANK_NOUNS) + r")\s+(?P<who>.+?)\s*\??$", re.I), "Siapa {who}?"),
    (re.compile(r"^(?:" + "|".join(RANK_NOUNS) + r")\s+(?P<who>.+?)(?:\s+apa(?:kah)?)?\s*\??$", re.I), "Siapa {who}?"),
    (re.compile(r"^what\s+(?P<be>is|was)\s+the\s+rank\s+of\s+(?P<who>.+?)\s*\??$", re.I), "Who {be} {who}?"),
    (re.compile(r"^what\s+(?P<be>is|was)\s+(?P<who>.+?)['’]s?\s+rank\b(?P<rest>.*?)\s*\??$", re.I),
     "Who {be} {who}{rest}?"),
    (re.compile(r"^what\s+rank\s+(?:is|was|does|did)\s+(?P<who>.+?)(?:\s+(?:hold|have|has))?\s*\??$", re.I),
     "Who is {who}?"),
)


def head_of(command: str) -> str | None:
    """The post heading a territorial command: "Polda" -> "Kapolda", "Kodam" -> "Pangdam", "Korem" -> "Danrem"
    (the post is "ka" + the police command, "pang" or "dan" + the army command without its "ko"), if a known post."""
    lower = command.lower()
    if lower not in TERRITORIAL_COMMANDS:
        return None
    rest = lower.removeprefix("ko")
    post = next((p for p in (f"ka{lower}", f"pang{rest}", f"dan{rest}") if p in POSTS), None)
    return post.capitalize() if post else None


_COMMANDS = "|".join(sorted(TERRITORIAL_COMMANDS))
# the head of a command asked by what they do ("Who leads Polda NTB?", "Siapa yang memimpin Polda NTB?"): read as
# who holds the post heading it ("Who is the Kapolda NTB?"), the way news names them ("Kapolda NTB Irjen Pol ...")
_HEAD_ASKED: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^who\s+(?:(?P<be>is|was)\s+(?:the\s+)?(?:head|leader|chief|commander)\s+of|leads|heads|commands|"
                rf"(?P<past>led|headed|commanded))\s+(?:the\s+)?(?P<command>{_COMMANDS})\s+(?P<rest>.+?)\s*\??$",
                re.I), "Who {be} the {post} {rest}?"),
    (re.compile(r"^siapa\s+(?:yang\s+)?(?:memimpin|mengepalai|pemimpin|pimpinan|kepala|komandan)\s+"
                rf"(?P<command>{_COMMANDS})\s+(?P<rest>.+?)\s*\??$", re.I), "Siapa {post} {rest}?"),
)


def head_asked_as_who(question: str) -> str | None:
    """The who-question naming the post that heads the asked command ("Who leads Polda NTB?" -> "Who is the Kapolda
    NTB?"), or None when the question asks no command's head."""
    for pattern, form in _HEAD_ASKED:
        m = pattern.match(question.strip())
        if m is not None and (post := head_of(m.group("command"))) is not None:
            be = m.groupdict().get("be") or ("was" if m.groupdict().get("past") else "is")
            return form.format(be=be.lower(), post=post, rest=m.group("rest"))
    return None


def rank_asked_as_who(question: str) -> str | None:
    """The who-question behind a rank question ("What is Kapolda Banten's rank (2024 election)?" -> "Who is
    Kapolda Banten (2024 election)?"), or None when the question asks no rank."""
    for pattern, form in _RANK_ASKED:
        m = pattern.match(question.strip())
        if m is not None:
            return form.format(**m.groupdict(""))
    return None


# a yes/no question against a figure: "lebih dari 2.000 personel", "fewer than 1,000", "sedikitnya 500"
_THRESHOLD_RE = re.compile(
    r"\b(?P<op>lebih dari|lebih besar dari|melebihi|di atas|sedikitnya|setidaknya|paling sedikit|minimal|"
    r"kurang dari|di bawah|paling banyak|maksimal|more than|greater than|over|above|exceeding|at least|less than|"
    r"fewer than|under|below|at most)\s+(?P<figure>(?:rp\s?)?\d(?:[\d.,]*\d)?"
    r"(?:\s+(?:ribu|juta|miliar|milyar|triliun|thousand|million|billion|trillion))?)(?![\w-]|[.,/]\d)", re.I)
_BELOW_OPS = frozenset("kurang dari|di bawah|paling banyak|maksimal|less than|fewer than|under|below|at most"
                       .split("|"))
_INCLUSIVE_OPS = frozenset("sedikitnya|setidaknya|paling sedikit|minimal|at least|paling banyak|maksimal|at most"
                           .split("|"))
_YES_NO_OPENING_RE = re.compile(r"^(?P<aux>apakah|did|does|do|was|were|is|are|has|have|had)\s+", re.I)
# a follow-up that only measures the previous count: "Apakah lebih dari 5.000?", "More than 2,000?", "Was it over 500?"
THRESHOLD_ONLY_RE = re.compile(
    r"^(?:(?:dan|and|tapi|but)\s+)?(?:apakah|is it|was it|was that|is that|were they|are they|did they)?\s*"
    rf"(?P<bar>{_THRESHOLD_RE.pattern})\s*\??$", re.I)
_WORD_OR_MARK_RE = re.compile(r"[\w'’-]+|[^\w\s]")


def threshold_asked(question: str) -> tuple[Threshold, str] | None:
    """A yes/no question against a figure, and the count question its answer rests on: "Apakah Polda Bali
    menerjunkan lebih dari 2.000 personel untuk Pilkada?" -> (more than 2.000, "Berapa personel Polda Bali
    menerjunkan untuk Pilkada?"); "Did Polda NTB deploy more than 5,000 personnel?" -> (more than 5,000, "How many
    personnel did Polda NTB deploy?"). The counted noun is what follows the figure up to a preposition, a
    relative word or the question's end. None for any other question."""
    opening, m = _YES_NO_OPENING_RE.match(question), _THRESHOLD_RE.search(question)
    numbers = find_numbers(m.group("figure")) if m else []
    if opening is None or m is None or not numbers:
        return None
    op = m.group("op").lower()
    threshold = Threshold(value=numbers[0].value, above=op not in _BELOW_OPS, inclusive=op in _INCLUSIVE_OPS)
    words = []
    for w in _WORD_OR_MARK_RE.finditer(question, m.end()):
        if not w.group(0)[0].isalnum() or w.group(0).lower() in _UNIT_STOP | _EN_PREPOSITIONS | QUALIFIER_STOP:
            break
        words.append(w)
    english = detect_language(question) == "en"
    if english:  # English ends a noun phrase with its head: "soldiers" of "over 500 soldiers join"
        heads = [i for i, w in enumerate(words)
                 if _counts_noun(w.group(0)) or (i and _counts_noun(f"{words[i - 1].group(0)} {w.group(0)}"))]
        words = words[: heads[-1] + 1] if heads else words
    noun_end = words[-1].end() if words else m.end()
    noun = question[m.end() : noun_end].strip()
    rest = " ".join(f"{question[opening.end() : m.start()]} {question[noun_end:]}".split()).rstrip(" ?.!")
    if not english:
        count = f"Berapa {noun} {rest}?"
    else:
        count = f"How many {noun} {opening.group('aux').lower()} {rest}?" if noun else \
            f"What {opening.group('aux').lower()} {rest}?"  # "Is the number of TPS in Bali above 10,000?"
    return threshold, " ".join(count.split())


_CONTRACTED_IS_RE = re.compile(r"\b(what|who|where|when|how)['’]s\b", re.I)


def analyze_question(question: str, *, split_parts: bool = True) -> QuestionInfo:
    """Everything the answerer needs to know about ``question`` before reading any article."""
    asked = _CONTRACTED_IS_RE.sub(r"\1 is", " ".join(question.split()))  # "What's the number of ...?"
    who = rank_asked_as_who(asked)
    if who is not None:
        info = analyze_question(who, split_parts=split_parts)
        info.rank = info.answer_type is AnswerType.PERSON
        return info
    head = head_asked_as_who(asked)
    if head is not None:
        return analyze_question(head, split_parts=split_parts)
    compared = comparison_asked_yes_no(asked) if split_parts else None
    if compared is not None:  # "Did A deploy more X than B?": both figures read, then compared
        info = analyze_question(compared[0])
        if info.combination is Combination.COMPARE:
            info.asks_more = compared[1]
            return info
    measured = threshold_asked(asked) if split_parts else None
    if measured is not None:  # "Apakah ... lebih dari 2.000 personel?": the count read, then measured
        info = analyze_question(measured[1], split_parts=False)
        if info.answer_type in (AnswerType.NUMBER, AnswerType.MONEY):
            info.threshold = measured[0]
            return info
    q = without_kah(asked)  # analysed without "-kah"; the reader reads the question as asked
    language = detect_language(q)
    answer_type = classify(q)
    counted = q if language == "en" else with_berapa_first(q)
    info = QuestionInfo(
        question=asked,
        language=language,
        answer_type=answer_type,
        unit=asked_unit(counted, language) if answer_type in (AnswerType.NUMBER, AnswerType.MONEY) else None,
        qualifiers=asked_qualifiers(counted, language) if answer_type is AnswerType.NUMBER and not
        asks_duration(q) else [],
        elections=elections_in(q),
        dates=[d for d in find_dates(q, years=True)],
        regions=list(dict.fromkeys(r for r, _, _ in regions_in(q))),
        names=names_in(q),
        negated=bool(NEGATORS.intersection(re.findall(r"\w+", q.lower()))),
    )
    if not split_parts or answer_type is AnswerType.REASON:  # a why-question asks one cause, also of a comparison
        return info  # ("Kenapa jumlah TPS pada Pilkada jauh lebih sedikit daripada saat Pemilu?")
    q = q.rstrip(" .!")  # a request ends with a full stop ("Bandingkan … Bali dan NTB."): not part of a side
    combination = combination_of(q)
    sides = _sides(q)
    if sides and combination is None and len(info.elections) >= 2 and re.search(
        rf"\b(?:dan|and)\s+(?:[\w'-]+\s+){{0,3}}?{re.escape(sides[1][0])}", q, re.I
    ):
        combination = Combination.BOTH
    if combination is None or not sides:
        return info
    summed = combination is Combination.SUM
    parts = [analyze_question(sub_question(q, keep, drop, language, summed=summed), split_parts=False)
             for keep, drop in sides]
    for part in parts:
        part.side = combination is not Combination.BOTH  # a sum or difference works on parts; "both" lists wholes
        if part.side and info.answer_type in (AnswerType.NUMBER, AnswerType.MONEY):
            part.answer_type = info.answer_type
            part.unit = part.unit or info.unit
    info.combination = combination
    info.parts = parts
    if info.answer_type not in (AnswerType.NUMBER, AnswerType.MONEY) and combination is not Combination.BOTH:
        info.answer_type = parts[0].answer_type
    return info
