"""Gazetteer: Indonesia's 38 provinces, their common short and English names, and cities/regencies -> province.

The one table of regions for the whole project: ingest tags articles with it (:mod:`ingest.metadata`),
question analysis finds the regions a question names (:mod:`rag.question`).
Names are matched case-sensitively as written in news (proper nouns), except in datelines, which are
upper-case and looked up case-insensitively. Ambiguous everyday words (Batu, Metro, Banjar, Bone as a
bare word in some contexts, Teluk Wondama — also a navy ship) are left out on purpose.
"""

from __future__ import annotations

import re
from functools import lru_cache

NATIONAL = "Nasional"

# Canonical province name -> other ways news refers to the whole province.
PROVINCES: dict[str, tuple[str, ...]] = {
    "Aceh": ("Nanggroe Aceh Darussalam", "NAD"),
    "Sumatera Utara": ("Sumatra Utara", "Sumut"),
    "Sumatera Barat": ("Sumatra Barat", "Sumbar"),
    "Riau": (),
    "Kepulauan Riau": ("Kepri",),
    "Jambi": (),
    "Sumatera Selatan": ("Sumatra Selatan", "Sumsel"),
    "Kepulauan Bangka Belitung": ("Bangka Belitung", "Babel"),
    "Bengkulu": (),
    "Lampung": (),
    "DKI Jakarta": ("Jakarta", "DKI", "Daerah Khusus Jakarta"),
    "Jawa Barat": ("Jabar",),
    "Banten": (),
    "Jawa Tengah": ("Jateng",),
    "DI Yogyakarta": ("Daerah Istimewa Yogyakarta", "DIY", "Yogyakarta", "Jogja", "Yogya", "Jogjakarta"),
    "Jawa Timur": ("Jatim",),
    "Bali": (),
    "Nusa Tenggara Barat": ("NTB",),
    "Nusa Tenggara Timur": ("NTT",),
    "Kalimantan Barat": ("Kalbar",),
    "Kalimantan Tengah": ("Kalteng",),
    "Kalimantan Selatan": ("Kalsel",),
    "Kalimantan Timur": ("Kaltim",),
    "Kalimantan Utara": ("Kaltara",),
    "Sulawesi Utara": ("Sulut",),
    "Gorontalo": (),
    "Sulawesi Tengah": ("Sulteng",),
    "Sulawesi Barat": ("Sulbar",),
    "Sulawesi Selatan": ("Sulsel",),
    "Sulawesi Tenggara": ("Sultra", "Bumi Anoa"),
    "Maluku": (),
    "Maluku Utara": ("Malut",),
    "Papua": (),
    "Papua Barat": (),
    "Papua Barat Daya": (),
    "Papua Tengah": (),
    "Papua Pegunungan": (),
    "Papua Selatan": (),
}

# English names of provinces (questions are asked in English about Indonesian articles).
PROVINCES_EN: dict[str, tuple[str, ...]] = {
    "Sumatera Utara": ("North Sumatra", "North Sumatera"),
    "Sumatera Barat": ("West Sumatra", "West Sumatera"),
    "Kepulauan Riau": ("Riau Islands",),
    "Sumatera Selatan": ("South Sumatra", "South Sumatera"),
    "Jawa Barat": ("West Java",),
    "Jawa Tengah": ("Central Java",),
    "Jawa Timur": ("East Java",),
    "DI Yogyakarta": ("Special Region of Yogyakarta",),
    "Nusa Tenggara Barat": ("West Nusa Tenggara",),
    "Nusa Tenggara Timur": ("East Nusa Tenggara",),
    "Kalimantan Barat": ("West Kalimantan",),
    "Kalimantan Tengah": ("Central Kalimantan",),
    "Kalimantan Selatan": ("South Kalimantan",),
    "Kalimantan Timur": ("East Kalimantan",),
    "Kalimantan Utara": ("North Kalimantan",),
    "Sulawesi Utara": ("North Sulawesi",),
    "Sulawesi Tengah": ("Central Sulawesi",),
    "Sulawesi Barat": ("West Sulawesi",),
    "Sulawesi Selatan": ("South Sulawesi",),
    "Sulawesi Tenggara": ("Southeast Sulawesi",),
    "Maluku Utara": ("North Maluku",),
    "Papua Barat": ("West Papua",),
    "Papua Barat Daya": ("Southwest Papua",),
    "Papua Tengah": ("Central Papua",),
    "Papua Pegunungan": ("Highland Papua",),
    "Papua Selatan": ("South Papua",),
}


def province_names(province: str) -> tuple[str, ...]:
    """Every name of a province: canonical, Indonesian short forms, English."""
    return (province, *PROVINCES.get(province, ()), *PROVINCES_EN.get(province, ()))


# any name of a province, lower-cased -> its canonical name ("sulteng", "central sulawesi" -> "Sulawesi Tengah")
PROVINCE_BY_NAME: dict[str, str] = {n.lower(): p for p in PROVINCES for n in province_names(p)}
_PROVINCE_NAME_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in sorted(PROVINCE_BY_NAME, key=len, reverse=True)) + r")(?![\w-])",
    re.I)


def regions_in(text: str) -> list[tuple[str, int, int]]:
    """Provinces a text names (canonical name, start, end), in any of their names and any case."""
    return [(PROVINCE_BY_NAME[m.group(0).lower()], m.start(), m.end()) for m in _PROVINCE_NAME_RE.finditer(text)]


# City / regency / island / landmark -> province. Longest names win when names overlap
# ("Maluku Barat Daya" before "Maluku", "Tangerang Selatan" before "Tangerang").
_PLACES_BY_PROVINCE: dict[str, tuple[str, ...]] = {
    "Aceh": ("Banda Aceh", "Lhokseumawe", "Sabang", "Langsa", "Meulaboh", "Aceh Besar", "Aceh Utara", "Pidie"),
    "Sumatera Utara": (
        "Medan", "Deli Serdang", "Binjai", "Pematangsiantar", "Tebing Tinggi", "Sibolga", "Nias",
        "Tapanuli", "Padangsidimpuan", "Karo", "Langkat", "Asahan", "Labuhanbatu",
    ),
    "Sumatera Barat": (
        "Padang", "Bukittinggi", "Padang Panjang", "Payakumbuh", "Pariaman", "Sawahlunto", "Solok",
        "Solok Selatan", "Agam", "Pasaman", "Pasaman Barat", "Mentawai", "Kepulauan Mentawai",
        "Tanah Datar", "Lima Puluh Kota", "Dharmasraya", "Sijunjung", "Pesisir Selatan",
    ),
    "Riau": ("Pekanbaru", "Dumai", "Kampar", "Siak", "Bengkalis", "Indragiri", "Rokan Hulu", "Pelalawan"),
    "Kepulauan Riau": (
        "Batam", "Tanjungpinang", "Tanjung Pinang", "Bintan", "Karimun", "Natuna", "Anambas",
        "Kepulauan Anambas", "Lingga",
    ),
    "Jambi": (
        "Muaro Jambi", "Kerinci", "Sungai Penuh", "Bungo", "Tebo", "Merangin", "Sarolangun",
        "Batanghari", "Tanjung Jabung Barat", "Tanjung Jabung Timur", "Tanjab Barat", "Tanjab Timur",
        "Tanjabbar", "Tanjabtim", "Kuala Tungkal",
    ),
    "Sumatera Selatan": (
        "Palembang", "Lubuklinggau", "Prabumulih", "Pagar Alam", "Ogan Komering", "Musi Banyuasin",
        "Muara Enim", "Lahat",
    ),
    "Kepulauan Bangka Belitung": ("Pangkalpinang", "Pangkal Pinang", "Bangka", "Belitung"),
    "Bengkulu": (
        "Bengkulu Tengah", "Bengkulu Selatan", "Bengkulu Utara", "Rejang Lebong", "Kepahiang", "Mukomuko",
        "Kaur", "Seluma", "Lebong",
    ),
    "Lampung": (
        "Bandar Lampung", "Bandarlampung", "Lampung Tengah", "Lampung Selatan", "Lampung Utara",
        "Lampung Timur", "Lampung Barat", "Lamteng", "Lamsel", "Pesawaran", "Pringsewu", "Tanggamus",
        "Way Kanan", "Tulang Bawang", "Mesuji", "Kota Metro",
    ),
    "DKI Jakarta": (
        "Jakarta Pusat", "Jakarta Utara", "Jakarta Selatan", "Jakarta Barat", "Jakarta Timur",
        "Kepulauan Seribu", "Polda Metro Jaya", "Monas", "Kemayoran",
    ),
    "Jawa Barat": (
        "Bandung", "Bekasi", "Bogor", "Depok", "Cirebon", "Sukabumi", "Karawang", "Tasikmalaya",
        "Cianjur", "Garut", "Purwakarta", "Subang", "Indramayu", "Kuningan", "Majalengka", "Sumedang",
        "Cimahi", "Pangandaran", "Ciamis",
    ),
    "Banten": (
        "Tangerang", "Kota Tangerang", "Kabupaten Tangerang", "Tangerang Selatan", "Tangsel", "Serang",
        "Kota Serang", "Kabupaten Serang", "Cilegon", "Pandeglang", "Lebak", "Tigaraksa", "Pulau Tunda",
        "Rangkasbitung",
    ),
    "Jawa Tengah": (
        "Semarang", "Surakarta", "Solo", "Magelang", "Tegal", "Pekalongan", "Salatiga", "Kudus", "Jepara",
        "Cilacap", "Banyumas", "Purwokerto", "Klaten", "Boyolali", "Sukoharjo", "Wonogiri", "Brebes",
    ),
    "DI Yogyakarta": ("Sleman", "Bantul", "Gunungkidul", "Gunung Kidul", "Kulon Progo", "Kulonprogo"),
    "Jawa Timur": (
        "Surabaya", "Malang", "Sidoarjo", "Kediri", "Madiun", "Jember", "Banyuwangi", "Mojokerto",
        "Pasuruan", "Probolinggo", "Gresik", "Lamongan", "Tuban", "Bojonegoro", "Madura", "Bangkalan",
        "Sampang", "Pamekasan", "Sumenep", "Blitar", "Tulungagung",
    ),
    "Bali": (
        "Denpasar", "Badung", "Gianyar", "Tabanan", "Buleleng", "Klungkung", "Karangasem", "Bangli",
        "Jembrana", "Nusa Penida", "Singaraja", "Tohpati", "Kuta",
    ),
    "Nusa Tenggara Barat": (
        "Mataram", "Lombok", "Lombok Barat", "Lombok Tengah", "Lombok Timur", "Lombok Utara", "Sumbawa",
        "Sumbawa Barat", "Pulau Sumbawa", "Bima", "Dompu", "Selaparang",
    ),
    "Nusa Tenggara Timur": (
        "Kupang", "Flores", "Sumba", "Ende", "Manggarai", "Labuan Bajo", "Maumere", "Alor", "Rote",
        "Timor Tengah",
    ),
    "Kalimantan Barat": (
        "Pontianak", "Singkawang", "Sambas", "Ketapang", "Sintang", "Kapuas Hulu", "Mempawah", "Sanggau",
        "Landak", "Bengkayang", "Kubu Raya", "Melawi", "Sekadau",
    ),
    "Kalimantan Tengah": (
        "Palangka Raya", "Palangkaraya", "Kotawaringin", "Kotawaringin Barat", "Kotawaringin Timur",
        "Sampit", "Kapuas", "Barito", "Katingan", "Seruyan", "Pulang Pisau", "Gunung Mas",
    ),
    "Kalimantan Selatan": (
        "Banjarmasin", "Banjarbaru", "Kotabaru", "Tabalong", "Barito Kuala", "Batola", "Tanah Laut",
        "Hulu Sungai", "Tapin", "Balangan", "Tanah Bumbu", "Martapura",
    ),
    "Kalimantan Timur": (
        "Samarinda", "Balikpapan", "Bontang", "Kutai", "Kutai Kartanegara", "Berau", "Paser",
        "Penajam Paser Utara", "IKN", "Nusantara Capital",
    ),
    "Kalimantan Utara": ("Tarakan", "Bulungan", "Tanjung Selor", "Nunukan", "Malinau", "Tana Tidung"),
    "Sulawesi Utara": (
        "Manado", "Bitung", "Tomohon", "Kotamobagu", "Minahasa", "Bolaang Mongondow", "Sangihe",
        "Talaud", "Megamas",
    ),
    "Gorontalo": ("Bone Bolango", "Boalemo", "Pohuwato", "Gorontalo Utara"),
    "Sulawesi Tengah": (
        "Palu", "Sigi", "Donggala", "Poso", "Banggai", "Banggai Kepulauan", "Kepulauan Banggai", "Morowali",
        "Morowali Utara", "Tolitoli", "Toli-Toli", "Parigi Moutong", "Buol", "Tojo Una-Una", "Luwuk",
        "Dongi-dongi",
    ),
    "Sulawesi Barat": ("Mamuju", "Majene", "Polewali Mandar", "Mamasa", "Pasangkayu"),
    "Sulawesi Selatan": (
        "Makassar", "Gowa", "Maros", "Bone", "Parepare", "Palopo", "Bulukumba", "Sidrap", "Pinrang",
        "Takalar", "Toraja", "Luwu", "Wajo", "Soppeng", "Jeneponto", "Selayar",
    ),
    "Sulawesi Tenggara": (
        "Kendari", "Konawe", "Konawe Selatan", "Wakatobi", "Kolaka", "Baubau", "Bau-Bau", "Buton", "Muna",
        "Bombana", "Wangi-Wangi", "Soropia", "Lalonggasumeeto",
    ),
    "Maluku": (
        "Ambon", "Tual", "Seram", "Seram Bagian Barat", "Seram Bagian Timur", "SBB", "SBT", "Buru",
        "Buru Selatan", "Maluku Tengah", "Maluku Tenggara", "Malra", "Maluku Barat Daya", "MBD",
        "Kepulauan Tanimbar", "Tanimbar", "Kepulauan Aru", "Aru", "Tiakur", "Saumlaki", "Dobo",
    ),
    "Maluku Utara": (
        "Ternate", "Tidore", "Sofifi", "Halmahera", "Halmahera Utara", "Halmahera Selatan",
        "Halmahera Tengah", "Halmahera Timur", "Halmahera Barat", "Morotai", "Pulau Morotai",
        "Kepulauan Sula", "Pulau Taliabu",
    ),
    "Papua": ("Jayapura", "Sentani", "Biak", "Keerom", "Sarmi", "Waropen"),
    "Papua Barat": ("Manokwari", "Fakfak", "Kaimana", "Bintuni"),
    "Papua Barat Daya": ("Sorong", "Raja Ampat", "Tambrauw", "Maybrat"),
    "Papua Tengah": ("Nabire", "Timika", "Mimika", "Paniai", "Puncak Jaya", "Intan Jaya"),
    "Papua Pegunungan": ("Wamena", "Jayawijaya", "Yahukimo", "Lanny Jaya", "Tolikara"),
    "Papua Selatan": ("Merauke", "Asmat", "Boven Digoel", "Mappi"),
}

# Every name -> canonical province (province names and short names included).
PLACE_TO_PROVINCE: dict[str, str] = {}
for _province, _aliases in PROVINCES.items():
    PLACE_TO_PROVINCE[_province] = _province
    for _alias in _aliases:
        PLACE_TO_PROVINCE[_alias] = _province
for _province, _places in _PLACES_BY_PROVINCE.items():
    for _place in _places:
        PLACE_TO_PROVINCE.setdefault(_place, _province)

# English compass words for the Indonesian ones a place name ends with: English news writes "Southwest Maluku",
# "South Tangerang", "North Halmahera" for "Maluku Barat Daya", "Tangerang Selatan", "Halmahera Utara".
_COMPASS_EN: dict[str, str] = {
    "Barat Daya": "Southwest", "Barat Laut": "Northwest", "Timur Laut": "Northeast", "Tenggara": "Southeast",
    "Utara": "North", "Selatan": "South", "Barat": "West", "Timur": "East", "Tengah": "Central",
}  # fmt: skip


def _english_place_name(place: str) -> str | None:
    """"Maluku Barat Daya" -> "Southwest Maluku"; None for a name that ends in no compass word."""
    for indonesian, english in _COMPASS_EN.items():  # two-word compass words first
        if place.endswith(" " + indonesian):
            return f"{english} {place[: -len(indonesian) - 1]}"
    return None


# The islands English spells otherwise than Indonesian news, which writes "Pulau Jawa", "se-Sumatera"
ISLANDS_EN: dict[str, str] = {"Sumatra": "Sumatera", "Java": "Jawa", "Borneo": "Kalimantan"}
# English name -> the gazetteer's place ("Southwest Maluku" -> "Maluku Barat Daya") or island; provinces are in
# PROVINCES_EN
PLACES_EN: dict[str, str] = {english: place for place in PLACE_TO_PROVINCE if place.lower() not in PROVINCE_BY_NAME
                             and (english := _english_place_name(place)) is not None} | ISLANDS_EN
_PROVINCE_NAMES_EN = [name for names in PROVINCES_EN.values() for name in names]  # matched whole, and kept:
_PLACE_EN_RE = re.compile(  # "West Java" is no "West Jawa"
    r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in sorted([*PLACES_EN, *_PROVINCE_NAMES_EN], key=len, reverse=True))
    + r")(?![\w-])")


def indonesian_place_names(text: str) -> str:
    """``text`` with the English names of the gazetteer's cities and regencies as news writes them ("How many
    polling stations are in South Tangerang?" -> "... in Tangerang Selatan?"): names and searches then meet the
    articles' words, and so do the islands English spells its own way ("Java" -> "Jawa"; "West Java" stays). Only
    names the gazetteer knows change ("North Korea" stays)."""
    return _PLACE_EN_RE.sub(lambda m: PLACES_EN.get(m.group(0), m.group(0)), text)


# Words that mark a story as national rather than regional (ministries, national bodies, whole-country scope).
NATIONAL_MARKERS: tuple[str, ...] = (
    "Kemendagri", "Mendagri", "Menteri Dalam Negeri", "Bawaslu RI", "KPU RI", "Panglima TNI", "Mabes Polri",
    "Kominfo", "Komdigi", "Kemkomdigi", "Menkominfo", "Propam", "Badan Pusat Statistik", "seluruh Indonesia",
    "secara nasional", "545 daerah", "Komisi I DPR", "Komisi II DPR", "Kapolri",
)

# National hints that may arrive as a region field.
NATIONAL_HINTS: frozenset[str] = frozenset({"nasional", "national", "indonesia", "nusantara", "pusat"})

# Nouns for an area, in either language: "di provinsi itu" / "in that province" points back to the
# previous question's region.
AREA_NOUNS: frozenset[str] = frozenset(
    """
    provinsi kabupaten kota daerah wilayah kecamatan pulau kawasan
    province regency city district region area island
    """.split()
)

# Words that say a place is a province, before or after its name ("Provinsi Jambi", "Prov. Jambi", "Jambi
# Province"): no part of the name, which articles mostly write without them ("Polda Jambi", "se-Jambi").
PROVINCE_WORDS: frozenset[str] = frozenset({"provinsi", "propinsi", "prov", "province"})

# The kinds of place a name may open with, as articles write them ("Kabupaten Serang", "Kab. Serang"): a
# question asking "which village" / "kecamatan mana" is not answered with a place of another kind.
PLACE_KINDS: dict[str, str] = {
    "desa": "desa", "kelurahan": "kelurahan", "kecamatan": "kecamatan", "distrik": "distrik",
    "kabupaten": "kabupaten", "kab": "kabupaten", "kota": "kota", "provinsi": "provinsi", "pulau": "pulau",
}  # fmt: skip

# Words that head the name of a unit or an administrative area ("Polda Bali", "Kabupaten Serang"): a
# follow-up naming only the place ("Bagaimana dengan Jember?") keeps the previous question's head word.
INSTITUTION_PREFIXES: frozenset[str] = frozenset(
    """
    polda polres polresta polrestabes polsek kodam korem kodim lanal lantamal satbrimob ditpolairud kpu bawaslu
    """.split()
)
# Police and military commands are named by their head and their territory ("Polres Lebak", "Kodam
# XIII/Merdeka"): a story that names the territory and another command ("Polda Banten ... Kabupaten Lebak")
# is not about this one.
TERRITORIAL_COMMANDS: frozenset[str] = frozenset(
    "polda polres polresta polrestabes polsek kodam korem kodim lanal lantamal".split()
)
# The same commands written out in full, as news often writes them ("Kepolisian Daerah Bali menerjunkan ...").
COMMAND_LONG_FORMS: dict[str, str] = {
    "polda": "kepolisian daerah", "polres": "kepolisian resor", "polresta": "kepolisian resor kota",
    "polrestabes": "kepolisian resor kota besar", "polsek": "kepolisian sektor", "kodam": "komando daerah militer",
    "korem": "komando resor militer", "kodim": "komando distrik militer",
}
UNIT_PREFIXES: frozenset[str] = INSTITUTION_PREFIXES | frozenset(
    """
    kota kabupaten kab provinsi kecamatan desa kelurahan pulau pemkab pemkot pemprov
    """.split()
)
# Words that open an institution's name, short or written out ("Kepolisian Resor (Polres) Cilegon"): no person.
INSTITUTION_WORDS: frozenset[str] = UNIT_PREFIXES | frozenset(
    "kepolisian kementerian komisi badan dinas direktorat satuan".split())

# Every name the gazetteer knows -> (province, whether the name is the province's own), longest first so a city
# named after its province ("Bandar Lampung", "Maluku Barat Daya") is the city.
_PLACE_OR_PROVINCE: dict[str, tuple[str, bool]] = {
    **{name: (province, False) for name, province in PLACE_TO_PROVINCE.items()},
    **{name: (province, True) for province in PROVINCES for name in province_names(province)},
}
_PLACE_OR_PROVINCE_RE = "|".join(re.escape(n) for n in sorted(_PLACE_OR_PROVINCE, key=len, reverse=True))
# the names the gazetteer writes that a lower-case question may type, lower-cased -> as written: every name of a
# province ("west kalimantan" -> "West Kalimantan", "kepri" -> "Kepri") and the places of more than one word; a
# one-word city may be a common word ("batu", "palu", "malang"), so the articles' writing decides those
_WRITTEN_NAMES: dict[str, str] = {
    name.lower(): name for name in (*_PLACE_OR_PROVINCE, *PLACES_EN)
    if _PLACE_OR_PROVINCE.get(name, (None, False))[1] or " " in name
}
_WRITTEN_NAME_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in sorted(_WRITTEN_NAMES, key=len, reverse=True)) + r")(?![\w-])",
    re.I)


def cased_place_names(text: str) -> str:
    """``text`` with the gazetteer's place names typed all in lower case written as the gazetteer writes them ("how
    many tps in west kalimantan?" -> "... in West Kalimantan?"): names are read by their capitals, and articles never
    write an English name the way ``siaga.text.restore_case`` could learn it from. After a unit's or area's head word
    even a one-word place is a place, so both are written as news writes them ("polres lebak" -> "Polres Lebak"), and
    a command is named by its head and number ("kodam xiii/merdeka" -> "Kodam XIII/Merdeka"). Cased words stay as
    typed."""
    text = _COMMAND_RE.sub(_cased_command, _HEADED_PLACE_RE.sub(_cased_headed_place, text))
    return _WRITTEN_NAME_RE.sub(lambda m: _WRITTEN_NAMES[m.group(0).lower()] if m.group(0).islower() else m.group(0),
                                text)


def _cased_command(m: re.Match[str]) -> str:
    head, number, name = m.group("head"), m.group("number"), m.group("name") or ""
    head = COMMAND_HEADS[head.lower()] if head.islower() else head
    number = number.upper() if number.islower() else number
    name = name[:1].upper() + name[1:] if name.islower() else name
    return f"{head}{m.group('space')}{number}{m.group('slash') or ''}{name}"


def _cased_headed_place(m: re.Match[str]) -> str:
    head, place = m.group("head"), m.group("place")
    head = _CASED_HEADS[head.lower()] if head.islower() else head
    place = _PLACE_BY_LOWER[place.lower()] if place.islower() else place
    return f"{head}{m.group('space')}{place}"


# A local place is marked by its head word even where the gazetteer does not list it ("Polres Konawe",
# "Kecamatan Soropia", "Kapolres Konawe"): the regency, city, district or village of some province.
LOCAL_HEADS: tuple[str, ...] = (
    "Polres", "Polresta", "Polrestabes", "Polsek", "Kodim", "Koramil", "Kapolres", "Kapolresta", "Kapolrestabes",
    "Kapolsek", "Dandim", "Kabupaten", "Kab.", "Kota", "Kecamatan", "Desa", "Kelurahan",
)
# The territorial commands of the armed forces and their commanders' posts, lower-cased -> as news writes them: a
# command is named by its head, a number and often a name after a slash ("Kodam IX/Udayana", "Korem 162/Wira
# Bhakti", "Pangdam XII/Tanjungpura").
COMMAND_HEADS: dict[str, str] = {h.lower(): h for h in (
    "Kodam", "Korem", "Kodim", "Koramil", "Lantamal", "Lanal", "Lanud",
    "Pangdam", "Danrem", "Dandim", "Danramil", "Danlantamal", "Danlanal", "Danlanud",
)}
_COMMAND_RE = re.compile(
    rf"(?<![\w-])(?P<head>{'|'.join(sorted(COMMAND_HEADS, key=len, reverse=True))})(?P<space>\s+)"
    r"(?P<number>[ivxlc]+|\d+)(?![\w-])(?:(?P<slash>\s*/\s*)(?P<name>[^\W\d_]+))?", re.I)
# the heads a lower-case question may type before a place, lower-cased -> as news writes them
_CASED_HEADS: dict[str, str] = {h.lower(): h for h in (*LOCAL_HEADS, "Polda", "Kapolda")}
_PLACE_BY_LOWER: dict[str, str] = {name.lower(): name for name in _PLACE_OR_PROVINCE}
_HEADED_PLACE_RE = re.compile(
    rf"(?<![\w-])(?P<head>{'|'.join(re.escape(h) for h in sorted(_CASED_HEADS, key=len, reverse=True))})"
    rf"(?P<space>\s+)(?P<place>{_PLACE_OR_PROVINCE_RE})(?![\w-])", re.I)
_PLACES_RE = re.compile(
    rf"(?<![\w-])(?:(?P<known>{_PLACE_OR_PROVINCE_RE})"
    rf"|(?:{'|'.join(re.escape(h) for h in LOCAL_HEADS)})\s+(?P<local>{_PLACE_OR_PROVINCE_RE}|[A-Z][\w-]*))(?![\w-])"
)


def is_place_name(name: str) -> bool:
    """Is ``name`` a place and nothing more ("Kabupaten Bogor", "Sleman", "Polres Lebak"), not a name that merely
    holds one ("Karo Ops Kombes Soelistijono": "Karo" is a regency and a post; "Porda Sumsel")?"""
    return _PLACES_RE.fullmatch(name.strip()) is not None


def places_in(text: str) -> list[tuple[str | None, bool]]:
    """The places ``text`` names, as written in news (case-sensitive): (province, True) for a province named
    itself, (province, False) for a city, regency or island in it ("Polresta Bandar Lampung" -> ("Lampung", False)),
    (None, False) for a local place the gazetteer does not know ("Polres Xyz")."""
    return list(_places(text))


def place_names_in(text: str) -> list[str]:
    """The names of the places ``text`` names, as ``places_in`` finds them ("Polresta Sleman" -> ["Sleman"])."""
    return list(_place_names(text))


@lru_cache(maxsize=1024)
def _place_names(text: str) -> tuple[str, ...]:
    """``place_names_in``, cached: every candidate figure asks again of the question and of its story's title."""
    return tuple(m.group("known") or m.group("local") for m in _PLACES_RE.finditer(text))


@lru_cache(maxsize=1024)
def _places(text: str) -> tuple[tuple[str | None, bool], ...]:
    """``places_in``, cached: an answer asks again of the same title for every figure its article offers."""
    out: list[tuple[str | None, bool]] = []
    for m in _PLACES_RE.finditer(text):
        if m.group("known"):
            out.append(_PLACE_OR_PROVINCE[m.group("known")])
        else:  # after a local head even a province's own name is its capital or namesake ("Kota Bengkulu")
            known = _PLACE_OR_PROVINCE.get(m.group("local"))
            out.append((known[0] if known else None, False))
    return tuple(out)
