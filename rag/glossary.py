"""A small bilingual glossary of Indonesian election-security news, as data.

English questions are answered from Indonesian articles, so an English word has to meet its
Indonesian equivalent before keyword matching can work ("personnel" -> personel/anggota/pasukan,
"polling station" -> TPS). Indonesian news also uses many interchangeable verbs for one act
(dikerahkan/diterjunkan/disebar/digeser all mean "deployed"), so Indonesian questions get their
synonyms too. Everything here is general domain vocabulary, never answers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from siaga.dates import MONTH_NAMES, WEEKDAYS
from siaga.numbers import convert_numbers_for_language
from siaga.regions import PROVINCES, PROVINCES_EN, province_names
from siaga.text import STOPWORDS, keyword_tokens, loanword_spelling

# --- English -> Indonesian ------------------------------------------------------------------------
# Keys are lower-case English words or phrases (matched longest first over question tokens);
# values are Indonesian surface words/phrases as news writes them.
_DEPLOY = (
    "dikerahkan",
    "mengerahkan",
    "kerahkan",
    "pengerahan",
    "diterjunkan",
    "menerjunkan",
    "terjunkan",
    "disebar",
    "menyebar",
    "sebar",
    "dilepas",
    "melepas",
    "lepas",
    "digeser",
    "menggeser",
    "geser",
    "pergeseran",
    "disiagakan",
    "menyiagakan",
    "siagakan",
    "diturunkan",
    "menurunkan",
    "turunkan",
    "diberangkatkan",
    "memberangkatkan",
    "berangkatkan",
    "dikirim",
    "mengirim",
    "disiapkan",
    "menyiapkan",
    "siapkan",
    "ditempatkan",
    "menempatkan",
    "dilibatkan",
    "melibatkan",
    "libatkan",
)
_PERSONNEL = ("personel", "personil", "anggota", "pasukan", "polisi", "orang", "kekuatan")
_SECURE = (
    "pengamanan",
    "mengamankan",
    "amankan",
    "diamankan",
    "menjaga",
    "jaga",
    "dijaga",
    "penjagaan",
    "mengawal",
    "kawal",
    "dikawal",
    "pengawalan",
)

EN_TO_ID: dict[str, tuple[str, ...]] = {
    # people and forces
    "personnel": _PERSONNEL,
    "officers": _PERSONNEL,
    "police officers": _PERSONNEL,
    "policemen": _PERSONNEL,
    "troops": ("pasukan", "personel", "prajurit"),
    "soldiers": ("prajurit", "personel", "tni"),
    "soldier": ("prajurit", "tni"),
    "people": ("orang",),
    "spokesperson": ("kabid humas", "juru bicara", "humas"),
    "spokesman": ("kabid humas", "juru bicara", "humas"),
    "spokeswoman": ("kabid humas", "juru bicara", "humas"),
    "military": ("tni", "militer"),
    "army": ("tni ad", "angkatan darat"),
    "navy": ("tni al", "angkatan laut"),
    "air force": ("tni au", "angkatan udara"),
    "police": ("polri", "polisi", "kepolisian"),
    "national police": ("polri",),
    "regional police": ("polda",),
    "provincial police": ("polda",),
    "resort police": ("polres", "polresta"),
    "city police": ("polresta",),
    "district police": ("polres",),
    "precinct": ("polres", "polresta", "polsek"),
    "precincts": ("polres", "polresta", "polsek"),
    "police chief": ("kapolda", "kapolres", "kapolresta"),
    "deputy chief": ("wakapolda", "wakapolres", "wakapolresta"),
    "head of police": ("kapolda", "kapolres", "kapolresta"),
    "deputy police chief": ("wakapolda", "wakapolres", "wakapolresta"),
    "police general": ("irjen", "kapolda", "jenderal"),
    "commander": ("panglima", "pangdam", "komandan", "danrem"),
    "home minister": ("mendagri", "menteri dalam negeri"),
    "minister": ("menteri",),
    "director general": ("dirjen", "direktur jenderal"),
    "chairman": ("ketua",),
    "head": ("ketua", "kepala"),
    "reserve": ("cadangan",),
    "reserves": ("cadangan",),
    "reinforcement": ("bko", "perbantuan", "tambahan", "penebalan"),
    "reinforcements": ("bko", "perbantuan", "tambahan", "penebalan"),
    "lend": ("bko", "diperbantukan"),
    "lent": ("bko", "diperbantukan"),
    "joint": ("gabungan",),
    "officials": ("petugas", "penyelenggara", "aparat"),
    "election officials": ("petugas", "penyelenggara", "kpps"),
    "voters": ("pemilih", "dpt"),
    "voter": ("pemilih", "dpt"),
    "voter list": ("dpt", "daftar pemilih tetap"),
    "candidate": ("calon", "paslon", "bakal calon"),
    "candidates": ("calon", "paslon", "bakal calon"),
    "candidate pair": ("pasangan calon", "paslon", "bakal pasangan calon"),
    "entourage": ("pendukung", "massa", "rombongan", "simpatisan", "orang"),
    "supporters": ("pendukung", "simpatisan", "massa"),
    # election vocabulary
    "polling station": ("tps", "tempat pemungutan suara"),
    "polling stations": ("tps", "tempat pemungutan suara"),
    "polling-station": ("tps", "tempat pemungutan suara"),
    "station": ("tps",),
    "stations": ("tps",),
    "vulnerable": ("rawan", "kerawanan"),
    "vulnerability": ("rawan", "kerawanan"),
    "very vulnerable": ("sangat rawan",),
    "less vulnerable": ("kurang rawan",),
    "ballot": ("surat suara",),
    "ballots": ("surat suara",),
    "ballot box": ("kotak suara",),
    "ballot boxes": ("kotak suara",),
    "logistics": ("logistik",),
    "regional election": ("pilkada", "pemilihan kepala daerah"),
    "regional elections": ("pilkada", "pemilihan kepala daerah"),
    "local election": ("pilkada",),
    "local elections": ("pilkada",),
    "general election": ("pemilu", "pemilihan umum"),
    "election": ("pemilu", "pemilihan"),
    "elections": ("pemilu", "pemilihan"),
    "vote": ("pemungutan suara", "pencoblosan", "coblos"),
    "voting": ("pemungutan suara", "pencoblosan"),
    "voting day": ("pemungutan suara", "pencoblosan", "hari pencoblosan"),
    "election day": ("pemungutan suara", "pencoblosan", "hari pencoblosan"),
    "polling day": ("pemungutan suara", "pencoblosan", "hari pencoblosan"),
    "turnout": ("partisipasi",),
    "registration": ("pendaftaran",),
    "register": ("pendaftaran", "mendaftar"),
    "governor": ("gubernur",),
    "gubernatorial": ("gubernur",),
    "hoax": ("hoaks",),
    "hoaxes": ("hoaks",),
    "issue": ("isu",),
    "issues": ("isu",),
    "content": ("konten",),
    "take down": ("takedown", "turunkan"),
    "indicator": ("indikator",),
    "indicators": ("indikator",),
    "neutrality": ("netralitas", "netral"),
    "neutral": ("netral", "netralitas"),
    "non-neutral": ("tidak netral",),
    "sanction": ("sanksi",),
    "sanctions": ("sanksi",),
    "history": ("riwayat",),
    "violence": ("kekerasan",),
    "intimidation": ("intimidasi",),
    "mapping": ("pemetaan", "petakan", "dipetakan"),
    "mapped": ("pemetaan", "memetakan", "dipetakan"),
    "budget": ("anggaran", "dana", "biaya"),
    "budgets": ("anggaran", "dana", "biaya"),
    "funds": ("dana", "biaya", "anggaran"),
    "funding": ("dana", "pendanaan", "anggaran"),
    "allocation": ("alokasi", "anggaran", "dana"),
    "operational funds": ("biaya operasional", "bop"),
    "cost": ("biaya",),
    "costs": ("biaya",),
    "tax": ("pajak",),
    "cuts": ("potongan", "pemotongan"),
    "illegal levies": ("pungutan liar", "pungli"),
    "food": ("konsumsi", "makanan"),
    "meals": ("konsumsi", "makanan"),
    # places and transport
    "island": ("pulau",),
    "islands": ("pulau", "kepulauan"),
    "outer": ("terluar",),
    "outermost": ("terluar",),
    "sea": ("laut", "lautan"),
    "territory": ("wilayah",),
    "ship": ("kapal", "km", "kri"),
    "ships": ("kapal", "km", "kri"),
    "vessel": ("kapal",),
    "boat": ("kapal", "perahu", "speedboat"),
    "warship": ("kri", "kapal perang"),
    "life jacket": ("jaket pelampung", "pelampung", "life vest"),
    "life jackets": ("jaket pelampung", "pelampung", "life vest"),
    "life vest": ("pelampung", "jaket pelampung", "life vest"),
    "life vests": ("pelampung", "jaket pelampung", "life vest"),
    "warships": ("kri", "kapal perang"),
    "fleet": ("armada", "koarmada"),
    "fleet command": ("komando armada", "koarmada"),
    "cross": ("menyeberang", "penyeberangan", "menyeberangkan"),
    "crossing": ("penyeberangan",),
    "regency": ("kabupaten",),
    "regencies": ("kabupaten",),
    "city": ("kota",),
    "cities": ("kota",),
    "district": ("kecamatan", "distrik"),
    "districts": ("kecamatan", "distrik"),
    "village": ("desa", "kelurahan"),
    "villages": ("desa", "kelurahan"),
    "province": ("provinsi",),
    "provinces": ("provinsi",),
    "warehouse": ("gudang",),
    "warehouses": ("gudang",),
    "field": ("lapangan",),
    "headquarters": ("mapolda", "mako", "markas"),
    "nationwide": ("nasional", "seluruh indonesia"),
    "national": ("nasional",),
    "located": ("lokasi", "berada", "terletak"),
    "location": ("lokasi",),
    "blind spot": ("blind spot", "tanpa sinyal"),
    # actions
    "deploy": _DEPLOY,
    "deployed": _DEPLOY,
    "deploying": _DEPLOY,
    "deployment": _DEPLOY,
    "dispatch": _DEPLOY,
    "dispatched": _DEPLOY,
    "send": _DEPLOY,
    "sent": _DEPLOY,
    "shift": ("digeser", "menggeser", "pergeseran", "sif"),
    "shifted": ("digeser", "menggeser", "pergeseran"),
    "shifts": ("sif",),
    "prepare": ("disiapkan", "menyiapkan", "siapkan", "persiapan"),
    "prepared": ("disiapkan", "menyiapkan", "siapkan", "persiapan"),
    "readied": ("disiapkan", "menyiapkan", "siapkan", "disiagakan"),
    "ready": ("siap", "disiapkan", "kesiapan"),
    "assign": ("ditugaskan", "menugaskan", "tugas"),
    "assigned": ("ditugaskan", "menugaskan", "tugas"),
    "assignment": ("tugas", "masa tugas"),
    "guard": _SECURE,
    "guarded": _SECURE,
    "guarding": _SECURE,
    "secure": _SECURE,
    "secured": _SECURE,
    "securing": _SECURE,
    "security": _SECURE,
    "safeguard": _SECURE,
    "escort": ("kawal", "mengawal", "dikawal", "pengawalan"),
    "escorted": ("kawal", "mengawal", "dikawal", "pengawalan"),
    "escorting": ("kawal", "mengawal", "pengawalan"),
    "roll call": ("apel",),
    "parade": ("apel", "gelar pasukan"),
    "troop parade": ("apel", "gelar pasukan"),
    "ceremony": ("apel", "upacara"),
    "troop-shift": ("pergeseran pasukan", "apel"),
    "operation": ("operasi",),
    "operations": ("operasi",),
    **dict.fromkeys(("start", "started", "starts", "begin", "began", "begins"), ("dimulai", "mulai")),
    **dict.fromkeys(("end", "ended", "ends"), ("berakhir", "selesai")),
    "lasted": ("berlangsung",),
    "lasts": ("berlangsung",),
    "according to": ("menurut",),
    "simultaneous": ("serentak",),
    "estimated": ("diperkirakan", "perkiraan"),
    "lead": ("memimpin", "dipimpin"),
    "led": ("dipimpin", "memimpin"),
    "troop": ("pasukan",),
    "deputy": ("wakil",),
    "annual": ("tahunan",),
    "hold": ("menggelar", "digelar"),
    "held": ("digelar", "menggelar"),
    "holding": ("menggelar", "penyelenggaraan"),
    "jurisdiction": ("wilayah hukum", "wilayah"),
    "extended": ("diperpanjang", "perpanjangan"),
    "extend": ("diperpanjang", "perpanjang"),
    "received": ("menerima", "terima", "diterima", "mendapat"),
    "receive": ("menerima", "terima", "mendapat"),
    "support": ("dukungan", "mendukung", "membantu", "bantuan"),
    "supported": ("mendukung", "membantu", "dukungan"),
    "help": ("membantu", "bantu", "bantuan"),
    "involve": ("melibatkan", "libatkan", "dilibatkan"),
    "involved": ("melibatkan", "libatkan", "dilibatkan", "terlibat"),
    "took part": ("terlibat", "ikut", "dilibatkan"),
    "classified": ("dikategorikan", "kategori", "tergolong", "masuk kategori", "berkategori"),
    "rated": ("dikategorikan", "kategori", "tergolong", "berkategori"),
    "category": ("kategori",),
    "found": ("ditemukan", "menemukan", "temuan"),
    "recorded": ("dicatat", "mencatat", "tercatat"),
    "record": ("catat", "mencatat"),
    "collect": ("mengumpulkan", "pengumpulan", "pengambilan"),
    "collected": ("mengumpulkan", "dikumpulkan", "pengumpulan", "pengambilan"),
    "report": ("lapor", "melapor", "laporan", "melaporkan"),
    "reported": ("melaporkan", "dilaporkan", "laporan"),
    "plan": ("rencana", "direncanakan"),
    "planned": ("rencana", "direncanakan"),
    "final": ("akhir", "final"),
    "close": ("ditutup", "tutup"),
    "closed": ("ditutup", "tutup"),
    "allowed": ("diizinkan", "boleh", "dibolehkan"),
    "carry": ("membawa", "dibekali"),
    "firearms": ("senjata api",),
    "weapons": ("senjata",),
    "display": ("ditampilkan", "dipamerkan", "memamerkan"),
    "displayed": ("ditampilkan", "dipamerkan", "memamerkan"),
    "press conference": ("konferensi pers",),
    "regulation": ("peraturan", "pkpu"),
    "law": ("undang-undang", "uu"),
    "article": ("pasal",),
    "paragraph": ("ayat",),
    "limits": ("membatasi", "maksimal", "paling banyak"),
    "maximum": ("maksimal", "paling banyak", "maksimum"),
    "at most": ("maksimal", "paling banyak"),
    "more than": ("lebih dari",),
    "excluding": ("tidak termasuk", "di luar", "belum termasuk"),
    "including": ("termasuk",),
    "total": ("total", "jumlah", "seluruh"),
    "combined": ("total", "gabungan", "jumlah"),
    "difference": ("selisih",),
    "share": ("persen",),
    "percent": ("persen",),
    "percentage": ("persen",),
    "day": ("hari",),
    "days": ("hari",),
    "week": ("pekan", "minggu"),
    "month": ("bulan",),
    "year": ("tahun",),
    "time": ("pukul", "waktu"),
    "date": ("tanggal",),
    "until": ("hingga", "sampai"),
    "since": ("sejak",),
    "after": ("setelah", "usai", "pasca"),
    "before": ("sebelum", "jelang", "menjelang"),
    "late": ("akhir",),
    "early": ("awal",),
    "per": ("per", "setiap", "tiap"),
    "each": ("setiap", "tiap", "masing-masing"),
    "every": ("setiap", "tiap"),
    "most": ("terbanyak", "paling banyak"),
    "largest": ("terbanyak", "terbesar"),
    "directly": ("langsung",),
    "new": ("baru",),
    "speech": ("pidato", "paparan"),
    "working meeting": ("raker", "rapat kerja"),
    "equipment": ("peralatan", "alat"),
    "social media": ("media sosial",),
    "platform": ("platform",),
    "bureau": ("biro",),
    "bureaus": ("biro",),
    "team": ("tim",),
    "special": ("khusus",),
    "flood": ("banjir",),
    "flood-prone": ("rawan banjir",),
    "prone": ("rawan",),
    "prone to": ("rawan",),
    "disaster": ("bencana",),
    "disasters": ("bencana",),
    "natural disaster": ("bencana alam",),
    "natural disasters": ("bencana alam",),
    "conflict": ("konflik",),
    "conflicts": ("konflik",),
    "social conflict": ("konflik sosial",),
    "landslide": ("longsor", "tanah longsor"),
    "landslides": ("longsor", "tanah longsor"),
    "riot": ("kerusuhan", "kericuhan"),
    "riots": ("kerusuhan", "kericuhan"),
    "clash": ("bentrok", "bentrokan"),
    "clashes": ("bentrok", "bentrokan"),
    "biggest": ("terbesar", "terbanyak"),
    "fewest": ("paling sedikit",),
    "sub-district": ("kelurahan", "kecamatan"),
    "threat": ("ancaman",),
    "terrorism": ("terorisme",),
    "vote buying": ("politik uang",),
    "money politics": ("politik uang",),
}

# Month and weekday names: an English question's "February" must meet the article's "Februari".
for _en, _id in zip(MONTH_NAMES["en"], MONTH_NAMES["id"], strict=True):
    if _en != _id:
        EN_TO_ID.setdefault(_en.lower(), (_id.lower(),))
for _en, _id in zip(WEEKDAYS["en"], WEEKDAYS["id"], strict=True):
    EN_TO_ID.setdefault(_en.lower(), (_id.lower(),))

EN_QUESTION_TO_ID: dict[str, str] = {
    "how many": "berapa", "how much": "berapa", "by how many": "berapa", "how long": "berapa lama", "who": "siapa",
    "whom": "siapa", "when": "kapan", "where": "di mana", "which": "mana", "what": "apa", "why": "mengapa",
    "in": "di", "on": "pada", "from": "dari", "to": "ke", "for": "untuk", "by": "oleh",
    "with": "dengan", "and": "dan", "or": "atau", "the": "", "a": "", "an": "", "of": "", "its": "", "their": "",
    "there": "",
}  # fmt: skip


_EN_AUXILIARIES = frozenset("did does do was were is are has have had will would can could".split())


# a number is one token ("3.449"), not "3", ".", "449"
_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[\w'’-]+|[^\w\s]")


def gloss_english(question: str) -> str:
    """An English question in the Indonesian words the reader was trained on, word for word.

    The reader learnt Indonesian questions (a quarter code-switched to English question words), so
    "How many personnel did Polda Banten deploy?" is read as "berapa personel Polda Banten dikerahkan?";
    names (capitalised words after the first) stay as they are, unknown words too; numbers are written
    the Indonesian way.
    """
    for province, names in PROVINCES_EN.items():
        for name in names:
            question = re.sub(rf"\b{re.escape(name)}\b", province, question, flags=re.I)
    question = convert_numbers_for_language(question, "id")  # 3,449 -> 3.449, 2.5 -> 2,5: the reader learnt these
    words = _TOKEN_RE.findall(question)
    out: list[str] = []
    if words and words[0].lower() in _EN_AUXILIARIES:
        out.append("apakah")  # "Did Polda Sumbar classify ...?" is a yes/no question
        words = words[1:]
    words = [w for w in words if w.lower() not in _EN_AUXILIARIES]
    i = 0
    while i < len(words):
        for n in (3, 2, 1):
            chunk = words[i : i + n]
            phrase = " ".join(chunk).lower()
            named = any(w[:1].isupper() for w in chunk) and i > 0
            if len(chunk) == n and not named and (phrase in EN_QUESTION_TO_ID or phrase in EN_TO_ID):
                target = EN_QUESTION_TO_ID.get(phrase)
                out.append(target if target is not None else EN_TO_ID[phrase][0])
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    text = " ".join(w for w in out if w)
    return re.sub(r"\(\s+", "(", re.sub(r"\s+([?.,!;:)])", r"\1", text))


# --- Units: what a count counts -------------------------------------------------------------------------
# The nouns news writes after a number, grouped by what they count. A count question's unit and the
# noun after the article's number must not belong to different groups ("berapa personel" is not
# answered by "5.431 TPS"). The first word of a group is how an answer names it; UNIT_EN words it in English.
UNIT_GROUPS: tuple[tuple[str, ...], ...] = (
    ("personel", "personil", "anggota", "pasukan", "polisi", "prajurit", "orang", "petugas", "aparat", "tentara",
     "polwan", "jiwa", "kekuatan", "pendukung", "saksi"),
    ("tps", "tempat pemungutan suara"),
    ("kotak suara", "kotak"),
    ("bilik suara", "bilik"),
    ("surat suara", "lembar"),
    ("pemilih",),
    ("rupiah", "rp", "juta", "miliar", "milyar", "triliun", "ribu"),
    ("persen", "%"),
    ("hari", "pekan", "minggu", "bulan", "tahun", "jam", "menit"),
    ("kendaraan", "mobil", "motor", "unit"),
    ("kapal", "kri", "perahu", "speedboat"),
    ("kabupaten", "kota", "kecamatan", "desa", "kelurahan", "daerah", "pemda", "provinsi", "wilayah"),
    ("polres", "polresta", "polsek", "polda", "satuan"),
    ("indikator",),
    ("isu", "hoaks", "konten", "kasus", "laporan", "temuan", "pelanggaran"),
)
UNIT_EN: dict[str, str] = {
    "personel": "personnel", "personil": "personnel", "anggota": "members", "pasukan": "troops", "polisi": "police",
    "prajurit": "soldiers", "orang": "people", "petugas": "officers", "tps": "polling stations",
    "tempat pemungutan suara": "polling stations",
    "kotak suara": "ballot boxes", "bilik suara": "voting booths", "surat suara": "ballots", "pemilih": "voters",
    "persen": "percent",
    "hari": "days", "jam": "hours", "kendaraan": "vehicles", "kapal": "ships", "kabupaten": "regencies",
    "kota": "cities", "kecamatan": "districts", "desa": "villages", "indikator": "indicators", "isu": "issues",
    "hoaks": "hoaxes", "konten": "items of content", "kasus": "cases", "laporan": "reports",
}  # fmt: skip
_SAME_IN_THE_SINGULAR = frozenset({"personnel", "police", "percent"})


def english_singular(noun: str) -> str:
    """One of an English count noun of ``UNIT_EN``: "1 polling station", "1 person", "1 item of content"."""
    head, of, rest = noun.partition(" of ")
    *before, last = head.split()
    if last == "people":
        last = "person"
    elif last not in _SAME_IN_THE_SINGULAR:
        last = (last[:-3] + "y" if last.endswith("ies") else last[:-2] if last.endswith(("xes", "ches", "shes"))
                else last.removesuffix("s"))
    return " ".join([*before, last]) + of + rest


_UNIT_GROUP_OF: dict[str, int] = {w: i for i, group in enumerate(UNIT_GROUPS) for w in group}
for _id, _en in UNIT_EN.items():
    EN_TO_ID.setdefault(_en, (_id,))  # an English unit word Siaga writes in answers is one it reads in questions


def is_unit_noun(words: str) -> bool:
    """Is ``words`` exactly one of the Indonesian count nouns ("tps", "kotak suara")?"""
    return words.lower() in _UNIT_GROUP_OF


def unit_group(word: str | None) -> int | None:
    """Which group of count nouns ``word`` belongs to (None: not a known unit noun)."""
    if not word:
        return None
    w = word.lower()
    return _UNIT_GROUP_OF.get(w, _UNIT_GROUP_OF.get(w.rstrip("s")))


# Indonesian counts people with a classifier ("451.723 orang", "2.000 jiwa") whatever their role, so a
# classifier fits any count of people: personnel as well as voters.
PEOPLE_CLASSIFIERS = frozenset({"orang", "jiwa"})
_PEOPLE_GROUPS = frozenset(_UNIT_GROUP_OF[w] for w in ("personel", "pemilih"))


def units_compatible(asked: str | None, found: str | None) -> bool:
    """False only when both are known unit nouns of different groups; unknown words never veto."""
    a, b = unit_group(asked), unit_group(found)
    if a is None or b is None or a == b:
        return True
    people = {w.lower() for w in (asked or "", found or "")} & PEOPLE_CLASSIFIERS
    return bool(people) and a in _PEOPLE_GROUPS and b in _PEOPLE_GROUPS


# --- Indonesian synonym groups --------------------------------------------------------------------------
# Words Indonesian news uses interchangeably; an Indonesian question term pulls in its group.
ID_SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    _DEPLOY,
    ("personel", "personil", "anggota", "pasukan", "polisi", "kekuatan"),
    _SECURE,
    ("pemungutan suara", "pencoblosan", "coblosan", "hari-h"),
    ("tps", "tempat pemungutan suara"),
    ("prajurit", "personel tni"),
    ("anggaran", "dana", "biaya"),
    ("hoaks", "hoax", "berita bohong"),
    ("pilkada", "pemilihan kepala daerah", "pilkada serentak"),
    ("pemilu", "pemilihan umum"),
    ("apel", "gelar pasukan", "upacara"),
    ("dpt", "pemilih", "daftar pemilih tetap"),
    ("bko", "bawah kendali operasi", "perbantuan", "diperbantukan"),
    ("kapal", "km", "kri"),
    ("terbanyak", "paling banyak", "terbesar"),
    ("total", "jumlah", "seluruh", "keseluruhan", "totalnya", "jumlahnya"),
)

# --- Expansion -------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _stems(phrase: str) -> tuple[str, ...]:
    return tuple(keyword_tokens(phrase))


def _phrase_index() -> dict[int, dict[tuple[str, ...], tuple[str, ...]]]:
    by_len: dict[int, dict[tuple[str, ...], tuple[str, ...]]] = {}
    for key, values in EN_TO_ID.items():
        words = tuple(re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", key))
        by_len.setdefault(len(words), {})[words] = values
    return by_len


_EN_PHRASES = _phrase_index()
_PROVINCE_BY_ALIAS: dict[str, str] = {n.lower(): p for p in PROVINCES for n in province_names(p)}
_MAX_PHRASE = max(_EN_PHRASES)
_ID_GROUP_BY_STEM: dict[str, tuple[str, ...]] = {}
for _group in ID_SYNONYM_GROUPS:
    for _w in _group:
        if " " in _w:
            continue  # a phrase's words ("tempat", "suara") must not pull the whole group in
        for _s in _stems(_w):
            _ID_GROUP_BY_STEM.setdefault(_s, _group)


@dataclass(frozen=True)
class TermGroup:
    """One question term, its alternative wordings (each a set of stems) and all their stems.

    A wording matches in proportion to how much of it a text contains, so "angkatan udara" (air force)
    beats "angkatan darat" (army) for "Air Force" although both contain "angkatan".
    """

    term: str
    stems: frozenset[str]
    expanded: bool = False
    variants: tuple[frozenset[str], ...] = ()

    def match(self, keys: set[str] | frozenset[str]) -> float:
        """0..1: the best share of one wording found among ``keys``."""
        if not (keys & self.stems):
            return 0.0
        variants = self.variants or (self.stems,)
        return max((len(v & keys) / len(v) for v in variants if v), default=0.0)


def _grouped(term: str, variants: Sequence[frozenset[str]], expanded: bool = True) -> TermGroup:
    return TermGroup(term, frozenset().union(*variants), expanded=expanded, variants=tuple(variants))


def _phrase_at(toks: list[str], i: int, lang: str) -> tuple[TermGroup, int] | None:
    """The term of several words starting at ``toks[i]``, with how many words it takes, longest first: a
    province in any of its names ("Sulteng" = "Sulawesi Tengah" = "Central Sulawesi"), or an English
    glossary phrase, which keeps its own stems too (names and acronyms are the same in both languages)."""
    for n in (3, 2, 1):
        alias = " ".join(toks[i : i + n])
        canon = _PROVINCE_BY_ALIAS.get(alias) if len(toks) - i >= n else None
        if canon:
            return _grouped(alias, [frozenset(_stems(a)) for a in province_names(canon) if _stems(a)]), n
    if lang != "en":
        return None
    for n in range(min(_MAX_PHRASE, len(toks) - i), 0, -1):
        key = tuple(toks[i : i + n])
        values = _EN_PHRASES.get(n, {}).get(key)
        if values is not None:
            variants = [frozenset(_stems(v)) for v in values if _stems(v)]
            own = frozenset(s for w in key for s in _stems(w))
            return _grouped(" ".join(key), variants + [own] if own else variants), n
    return None


def term_groups(tokens: list[str], lang: str) -> list[TermGroup]:
    """Group raw lower-case question tokens into matchable terms with their Indonesian equivalents.

    Phrases are matched longest first ("polling stations" before "stations"); a single word meets its
    Indonesian synonyms and, in English, its loanword spelling.
    """
    toks = [t.lower() for t in tokens]
    groups: list[TermGroup] = []
    i = 0
    while i < len(toks):
        if phrase := _phrase_at(toks, i, lang):
            groups.append(phrase[0])
            i += phrase[1]
            continue
        tok = toks[i]
        i += 1
        own = _stems(tok)
        if not own:
            continue
        variants: list[frozenset[str]] = [frozenset(own)]
        expanded = False
        if lang == "en" and tok.isalpha() and (spelled := _stems(loanword_spelling(tok))) and spelled != own:
            variants.append(frozenset(spelled))  # "inflation" ~ "inflasi", "commission" ~ "komisi"
        for s in own:
            group = _ID_GROUP_BY_STEM.get(s)
            if group:
                variants.extend(frozenset(_stems(w)) for w in group if _stems(w))
                expanded = True
        groups.append(_grouped(tok, variants, expanded))
    return groups


def expand_terms(tokens: list[str], lang: str, *, synonyms: bool = True) -> list[str]:
    """Question tokens plus their Indonesian equivalents, as keyword stems (for BM25 and matching).

    ``tokens`` are raw lower-case words of the question (``siaga.text.raw_tokens``); the result is in
    ``siaga.text.keyword_tokens`` form, de-duplicated, the question's own stems first.
    """
    own = [s for t in tokens if t.lower() not in STOPWORDS for s in _stems(t.lower())]
    if not synonyms:
        return list(dict.fromkeys(own))
    return list(dict.fromkeys(own + [s for g in term_groups(tokens, lang) for s in sorted(g.stems)]))
