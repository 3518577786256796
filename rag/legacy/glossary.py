"""A small bilingual glossary of Indonesian election-security news, as data.

English questions are answered from Indonesian articles, so an English word has to meet its
Indonesian equivalent before keyword matching can work ("personnel" -> personel/anggota/pasukan,
"polling station" -> TPS). Indonesian news also uses many interchangeable verbs for one act
(dikerahkan/diterjunkan/disebar/digeser all mean "deployed"), so Indonesian questions get their
synonyms too. Everything here is general domain vocabulary, never answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from siaga.text import STOPWORDS, keyword_tokens

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
    "underwater": ("bawah air",),
    "diving": ("selam",),
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
    "inflation": ("inflasi",),
    "gold medals": ("emas", "medali emas"),
    "gold": ("emas",),
    "medals": ("medali",),
    "life jackets": ("jaket pelampung",),
    "life jacket": ("jaket pelampung",),
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
    "podcast": ("podcast",),
    "speech": ("pidato", "paparan"),
    "working meeting": ("raker", "rapat kerja"),
    "underwater drone": ("drone bawah air",),
    "equipment": ("peralatan", "alat"),
    "social media": ("media sosial",),
    "platform": ("platform",),
    "bureau": ("biro",),
    "bureaus": ("biro",),
    "team": ("tim",),
    "special": ("khusus",),
    "flood": ("banjir",),
    "flood-prone": ("rawan banjir",),
    "sub-district": ("kelurahan", "kecamatan"),
    "threat": ("ancaman",),
    "terrorism": ("terorisme",),
    "vote buying": ("politik uang",),
    "money politics": ("politik uang",),
}

# --- Months, days and number words -------------------------------------------------------------------
MONTHS: dict[str, int] = {
    "januari": 1,
    "january": 1,
    "jan": 1,
    "februari": 2,
    "pebruari": 2,
    "february": 2,
    "feb": 2,
    "maret": 3,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "may": 5,
    "juni": 6,
    "june": 6,
    "jun": 6,
    "juli": 7,
    "july": 7,
    "jul": 7,
    "agustus": 8,
    "august": 8,
    "agu": 8,
    "agt": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "october": 10,
    "okt": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "desember": 12,
    "december": 12,
    "des": 12,
    "dec": 12,
}
MONTH_NAMES_ID: tuple[str, ...] = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
MONTH_NAMES_EN: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DAYS_ID_TO_EN: dict[str, str] = {
    "senin": "Monday",
    "selasa": "Tuesday",
    "rabu": "Wednesday",
    "kamis": "Thursday",
    "jumat": "Friday",
    "jum'at": "Friday",
    "sabtu": "Saturday",
    "minggu": "Sunday",
    "ahad": "Sunday",
}
for _i, (_id_name, _en_name) in enumerate(zip(MONTH_NAMES_ID, MONTH_NAMES_EN, strict=True)):
    if _en_name.lower() != _id_name.lower():
        EN_TO_ID.setdefault(_en_name.lower(), (_id_name.lower(),))
for _id_day, _en_day in DAYS_ID_TO_EN.items():
    EN_TO_ID.setdefault(_en_day.lower(), (_id_day,))

_UNITS_ID: dict[str, int] = {
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
}
_UNITS_EN: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
for _en_w, _v in _UNITS_EN.items():
    for _id_w, _v2 in _UNITS_ID.items():
        if _v == _v2:
            EN_TO_ID.setdefault(_en_w, (_id_w,))

# "dua belas", "tiga puluh lima", "sepuluh", "sebelas", "seratus"
_NUMBER_WORD_RE = re.compile(
    r"\b(?:(?P<tens>satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan)\s+puluh"
    r"(?:\s+(?P<tens_unit>satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan))?"
    r"|(?P<teen>dua|tiga|empat|lima|enam|tujuh|delapan|sembilan)\s+belas"
    r"|(?P<single>sepuluh|sebelas|seratus|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class WordNumber:
    """A number written as words ("delapan TPS", "tiga sif") and where it stands."""

    value: int
    start: int
    end: int
    surface: str


def find_word_numbers(text: str) -> list[WordNumber]:
    """Numbers spelled out in Indonesian (1-99, 100) or English (1-12); news writes small counts so."""
    out: list[WordNumber] = []
    for m in _NUMBER_WORD_RE.finditer(text):
        if m.group("tens"):
            value = _UNITS_ID[m.group("tens").lower()] * 10
            if m.group("tens_unit"):
                value += _UNITS_ID[m.group("tens_unit").lower()]
        elif m.group("teen"):
            value = 10 + _UNITS_ID[m.group("teen").lower()]
        else:
            word = m.group("single").lower()
            value = {"sepuluh": 10, "sebelas": 11, "seratus": 100}.get(word) or _UNITS_ID.get(word) or (_UNITS_EN[word])
        out.append(WordNumber(value=value, start=m.start(), end=m.end(), surface=m.group(0)))
    return out


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

# Words that narrow a counted noun, with the ways news writes them ("prajurit TNI AL" = "Angkatan Laut").
QUALIFIER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "al": ("angkatan laut", "tni al", "matra laut"),
    "ad": ("angkatan darat", "tni ad", "matra darat"),
    "au": ("angkatan udara", "tni au", "matra udara"),
    "brimob": ("satbrimob", "brigade mobil", "brimob"),
    # Polda personnel sent to reinforce a polres are BKO by definition, whether or not the word is used
    "bko": (
        "bawah kendali operasi",
        "di-bko-kan",
        "diperbantukan",
        "perbantuan",
        "dikirim",
        "digeser",
        "memperkuat",
        "menebalkan",
    ),
    "cadangan": ("cadangan", "reserve"),
    "gabungan": ("gabungan", "tni-polri", "tni dan polri"),
    "navy": ("angkatan laut", "tni al"),
    "army": ("angkatan darat", "tni ad"),
    "air": ("angkatan udara", "tni au"),
    "reserve": ("cadangan",),
    "joint": ("gabungan",),
    "polri": ("polri", "polisi", "kepolisian"),
}

# --- Regions ---------------------------------------------------------------------------------------
# Canonical province name -> the other ways news and questions write it (lower-case).
PROVINCES: dict[str, tuple[str, ...]] = {
    "Aceh": ("aceh", "nad"),
    "Sumatera Utara": ("sumatera utara", "sumut", "north sumatra", "north sumatera"),
    "Sumatera Barat": ("sumatera barat", "sumbar", "west sumatra", "west sumatera"),
    "Riau": ("riau",),
    "Kepulauan Riau": ("kepulauan riau", "kepri", "riau islands"),
    "Jambi": ("jambi",),
    "Sumatera Selatan": ("sumatera selatan", "sumsel", "south sumatra"),
    "Bengkulu": ("bengkulu",),
    "Lampung": ("lampung",),
    "Bangka Belitung": ("bangka belitung", "babel"),
    "DKI Jakarta": ("dki jakarta", "jakarta"),
    "Jawa Barat": ("jawa barat", "jabar", "west java"),
    "Banten": ("banten",),
    "Jawa Tengah": ("jawa tengah", "jateng", "central java"),
    "DI Yogyakarta": ("di yogyakarta", "diy", "yogyakarta", "jogja", "daerah istimewa yogyakarta"),
    "Jawa Timur": ("jawa timur", "jatim", "east java"),
    "Bali": ("bali",),
    "Nusa Tenggara Barat": ("nusa tenggara barat", "ntb", "west nusa tenggara"),
    "Nusa Tenggara Timur": ("nusa tenggara timur", "ntt", "east nusa tenggara"),
    "Kalimantan Barat": ("kalimantan barat", "kalbar", "west kalimantan"),
    "Kalimantan Tengah": ("kalimantan tengah", "kalteng", "central kalimantan"),
    "Kalimantan Selatan": ("kalimantan selatan", "kalsel", "south kalimantan"),
    "Kalimantan Timur": ("kalimantan timur", "kaltim", "east kalimantan"),
    "Kalimantan Utara": ("kalimantan utara", "kaltara", "north kalimantan"),
    "Sulawesi Utara": ("sulawesi utara", "sulut", "north sulawesi"),
    "Gorontalo": ("gorontalo",),
    "Sulawesi Tengah": ("sulawesi tengah", "sulteng", "central sulawesi"),
    "Sulawesi Barat": ("sulawesi barat", "sulbar", "west sulawesi"),
    "Sulawesi Selatan": ("sulawesi selatan", "sulsel", "south sulawesi"),
    "Sulawesi Tenggara": ("sulawesi tenggara", "sultra", "southeast sulawesi"),
    "Maluku": ("maluku",),
    "Maluku Utara": ("maluku utara", "malut", "north maluku"),
    "Papua": ("papua",),
    "Papua Barat": ("papua barat", "west papua"),
}

# English place phrases that are not provinces -> Indonesian surface form.
PLACE_EN_TO_ID: dict[str, str] = {
    "southwest maluku": "maluku barat daya",
    "aru islands": "kepulauan aru",
    "mentawai islands": "kepulauan mentawai",
    "sula islands": "kepulauan sula",
    "south halmahera": "halmahera selatan",
    "west tanjung jabung": "tanjab barat",
}

# --- Ranks and posts --------------------------------------------------------------------------------
POLICE_RANKS: tuple[str, ...] = (
    "Jenderal",
    "Komjen",
    "Irjen",
    "Brigjen",
    "Kombes",
    "AKBP",
    "Kompol",
    "AKP",
    "Iptu",
    "Ipda",
    "Aiptu",
    "Aipda",
    "Bripka",
    "Brigpol",
    "Briptu",
    "Bripda",
)
MILITARY_RANKS: tuple[str, ...] = (
    "Letjen",
    "Mayjen",
    "Laksamana",
    "Laksdya",
    "Laksda",
    "Laksma",
    "Marsekal",
    "Marsdya",
    "Marsda",
    "Marsma",
    "Kolonel",
    "Letkol",
    "Mayor",
    "Kapten",
    "Laksamana TNI",
    "Jenderal TNI",
)
RANKS: tuple[str, ...] = POLICE_RANKS + MILITARY_RANKS
# Posts (jabatan) that precede a name; lower-case. English equivalents map onto them.
POSTS: tuple[str, ...] = (
    "kapolri",
    "wakapolri",
    "kapolda",
    "wakapolda",
    "kapolres",
    "wakapolres",
    "kapolresta",
    "wakapolresta",
    "kapolsek",
    "karo ops",
    "kabid humas",
    "dirintelkam",
    "dirpolairud",
    "kadiv propam",
    "panglima tni",
    "panglima",
    "pangdam",
    "danrem",
    "dandim",
    "kasad",
    "ketua kpu",
    "ketua bawaslu",
    "anggota bawaslu",
    "mendagri",
    "menteri",
    "dirjen",
    "direktur jenderal",
    "sekjen",
    "tenaga ahli",
    "kepala",
    "ketua",
    "plt",
    "pj",
    "gubernur",
    "bupati",
    "wali kota",
)
# Long forms of posts as news spells them out -> the short form questions use.
POST_LONG_FORMS: tuple[tuple[str, str], ...] = (
    ("wakil kepala kepolisian daerah", "wakapolda"),
    ("wakil kepala polda", "wakapolda"),
    ("wakil kepala kepolisian resor kota", "wakapolresta"),
    ("wakil kepala polresta", "wakapolresta"),
    ("wakil kepala kepolisian resor", "wakapolres"),
    ("wakil kepala polres", "wakapolres"),
    ("kepala kepolisian daerah", "kapolda"),
    ("kepala polda", "kapolda"),
    ("kepala kepolisian resor kota", "kapolresta"),
    ("kepala polresta", "kapolresta"),
    ("kepala kepolisian resor", "kapolres"),
    ("kepala polres", "kapolres"),
    ("kepala kepolisian negara", "kapolri"),
    ("kepala biro operasi", "karo ops"),
    ("kepala bidang humas", "kabid humas"),
    ("panglima kodam", "pangdam"),
    ("pelaksana tugas", "plt"),
)


def normalise_posts(text: str) -> str:
    """Lower-case ``text`` with spelled-out posts shortened ("Kepala Polda Bali" -> "kapolda bali")."""
    low = text.lower()
    for long, short in POST_LONG_FORMS:
        low = low.replace(long, short)
    return low


POST_EN_TO_ID: dict[str, tuple[str, ...]] = {
    "police chief": ("kapolda", "kapolres", "kapolresta"),
    "deputy police chief": ("wakapolda", "wakapolres", "wakapolresta"),
    "head of operations": ("karo ops",),
    "chief of operations": ("karo ops",),
    "commander": ("panglima", "pangdam", "danrem"),
    "home minister": ("mendagri",),
    "director general": ("dirjen", "direktur jenderal"),
    "chairman": ("ketua",),
    "chair": ("ketua",),
    "head": ("ketua", "kepala"),
}

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
_PROVINCE_BY_ALIAS: dict[str, str] = {a: canon for canon, al in PROVINCES.items() for a in al}
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


def term_groups(tokens: list[str], lang: str) -> list[TermGroup]:
    """Group raw lower-case question tokens into matchable terms with their Indonesian equivalents.

    English phrases are matched longest first ("polling stations" before "stations"); a term with a
    glossary entry keeps its own stem too (names and acronyms are the same in both languages).
    """
    toks = [t.lower() for t in tokens]
    groups: list[TermGroup] = []
    i = 0
    while i < len(toks):
        matched = False
        # a province in any of its names ("Sulteng" = "Sulawesi Tengah" = "Central Sulawesi")
        for n in (3, 2, 1):
            alias = " ".join(toks[i : i + n])
            canon = _PROVINCE_BY_ALIAS.get(alias) if len(toks) - i >= n else None
            if canon:
                variants = tuple(frozenset(_stems(a)) for a in PROVINCES[canon] if _stems(a))
                groups.append(TermGroup(alias, frozenset().union(*variants), expanded=True, variants=variants))
                i += n
                matched = True
                break
        if matched:
            continue
        if lang == "en":
            for n in range(min(_MAX_PHRASE, len(toks) - i), 0, -1):
                key = tuple(toks[i : i + n])
                values = _EN_PHRASES.get(n, {}).get(key)
                if values is None:
                    continue
                variants = tuple(frozenset(_stems(v)) for v in values if _stems(v))
                own = frozenset(s for w in key for s in _stems(w))
                if own:
                    variants = (*variants, own)
                groups.append(TermGroup(" ".join(key), frozenset().union(*variants), expanded=True, variants=variants))
                i += n
                matched = True
                break
        if matched:
            continue
        tok = toks[i]
        i += 1
        own = _stems(tok)
        if not own:
            continue
        variants: list[frozenset[str]] = [frozenset(own)]
        expanded = False
        for s in own:
            group = _ID_GROUP_BY_STEM.get(s)
            if group:
                variants.extend(frozenset(_stems(w)) for w in group if _stems(w))
                expanded = True
        groups.append(TermGroup(tok, frozenset().union(*variants), expanded=expanded, variants=tuple(variants)))
    return groups


def expand_terms(tokens: list[str], lang: str, *, synonyms: bool = True) -> list[str]:
    """Question tokens plus their Indonesian equivalents, as keyword stems (for BM25 and matching).

    ``tokens`` are raw lower-case words of the question (``siaga.text.raw_tokens``); the result is in
    ``siaga.text.keyword_tokens`` form, de-duplicated, the question's own stems first.
    """
    own: list[str] = []
    for t in tokens:
        if t.lower() in STOPWORDS:
            continue
        own.extend(_stems(t.lower()))
    out: list[str] = []
    seen: set[str] = set()
    for s in own:
        if s not in seen:
            seen.add(s)
            out.append(s)
    if not synonyms:
        return out
    for g in term_groups(tokens, lang):
        for s in sorted(g.stems):
            if s not in seen:
                seen.add(s)
                out.append(s)
    return out
