"""Every sentence Siaga writes to a user, per language: answers, refusals, notes on conflicts.

Kept in one place so a reader of an answer can find where its wording came from, and so English
and Indonesian stay in step.
"""

from __future__ import annotations

import re

from rag.compose import Candidate, listed_noun, unit_after, unit_before
from rag.glossary import EN_TO_ID, UNIT_EN, UNIT_GROUPS, english_singular, unit_group
from rag.question import asks_time, asks_weekday, is_verb_shaped, reads_as_indonesian
from siaga.dates import dated_day, find_dates, find_times, format_date, format_time, with_year
from siaga.numbers import (
    ENGLISH_NUMBER_NAMES,
    FIGURE_QUALIFIERS_EN,
    WordNumber,
    convert_numbers_for_language,
    find_numbers,
    find_word_numbers,
    format_number,
)
from siaga.types import AnswerType, Filters, QuestionInfo

Lang = str  # "id" | "en"


def _pick(lang: Lang, id_text: str, en_text: str) -> str:
    return en_text if lang == "en" else id_text


def no_articles(lang: Lang) -> str:
    return _pick(
        lang,
        "Belum ada artikel. Tambahkan artikel lebih dulu (halaman Tambah artikel, atau `siaga ingest FOLDER`).",
        "No articles yet. Add some first (the Add articles page, or `siaga ingest FOLDER`).",
    )


def describe_filters(filters: Filters, lang: Lang) -> str:
    """The active filters in words: "published 2024-02-01 to 2024-02-14; region Bali"."""
    parts: list[str] = []
    if filters.since and filters.until:
        parts.append(_pick(lang, f"terbit {filters.since} s.d. {filters.until}",
                           f"published {filters.since} to {filters.until}"))
    elif filters.since:
        parts.append(_pick(lang, f"terbit sejak {filters.since}", f"published from {filters.since}"))
    elif filters.until:
        parts.append(_pick(lang, f"terbit sampai {filters.until}", f"published until {filters.until}"))
    if filters.regions:
        parts.append(_pick(lang, "wilayah ", "region ") + ", ".join(filters.regions))
    if filters.outlets:
        parts.append(_pick(lang, "media ", "outlet ") + ", ".join(filters.outlets))
    return "; ".join(parts)


def reversed_range(filters: Filters, lang: Lang) -> str:
    return _pick(
        lang,
        f"Rentang tanggal terbalik: 'Dari' ({filters.since}) jatuh setelah 'Sampai' ({filters.until}). "
        "Perbaiki atau hapus filter tanggal.",
        f"The date range is reversed: 'From' ({filters.since}) is after 'Until' ({filters.until}). "
        "Fix or clear the date filter.",
    )


def filtered_out(filters: Filters, lang: Lang) -> str:
    described = describe_filters(filters, lang)
    return _pick(
        lang,
        f"Tidak ada artikel yang cocok dengan filter ({described}). Longgarkan atau hapus filter untuk mencari "
        "di semua artikel.",
        f"No article matches the filters ({described}). Widen or clear the filters to search all articles.",
    )


# --- answers --------------------------------------------------------------------------------------------

_MULTIPLIERS_EN = {"ribu": "thousand", "juta": "million", "miliar": "billion", "milyar": "billion",
                   "triliun": "trillion"}


_QUALIFIERS = "|".join(sorted(map(re.escape, FIGURE_QUALIFIERS_EN), key=len, reverse=True))
_QUALIFIER_RE = re.compile(rf"\b({_QUALIFIERS})\s+(?=Rp|\d)", re.I)


_RANGE_WORD_RE = re.compile(r"(?<=\d)\s+(?:sampai|hingga|s\.d\.?|s/d)\s+(?=\d|Rp)", re.I)


def _english_number_words(text: str) -> str:
    """Indonesian number style, multipliers and a figure's hedge in English form: "Rp456,61 miliar" -> "Rp456.61
    billion", "sekitar 6.200" -> "about 6,200";
    Indonesian number words too: "sembilan TPS" -> "9 TPS", "satu juta" -> "one million" (a digit before a
    multiplier would state a value the quote does not: 1 million is not "satu")."""
    for number in reversed(find_word_numbers(text)):
        if number.surface.lower() in ENGLISH_NUMBER_NAMES.values():
            continue
        multiplied = re.match(rf"\s+(?:{'|'.join(_MULTIPLIERS_EN)})\b", text[number.end:], re.I)
        word = ENGLISH_NUMBER_NAMES.get(number.value) if multiplied else str(number.value)
        if word:
            text = text[: number.start] + word + text[number.end :]
    text = convert_numbers_for_language(text, "en")
    text = _QUALIFIER_RE.sub(lambda m: FIGURE_QUALIFIERS_EN[m.group(1).lower()] + " ", text)  # "sekitar 6,200"
    text = _RANGE_WORD_RE.sub(" to ", text)  # "5,000 sampai 6,000": a range
    for word, english in _MULTIPLIERS_EN.items():
        text = re.sub(rf"\b{word}\b", english, text, flags=re.I)
    return re.sub(r"\bpersen\b", "percent", text, flags=re.I)


def value_phrase(info: QuestionInfo, candidate: Candidate, lang: Lang) -> str:
    """The answer's value as the article says it, with its unit or noun, in the asker's language.

    A bare number takes the noun written after it ("1.048" -> "1.048 personel"); a date takes its year
    from the sentence or the article's date ("10 Februari" -> "10 Februari 2024").
    """
    text, end = candidate.evidence.article.text, candidate.end
    span = candidate.text.strip(" ,;:")
    if span.endswith(".") and candidate.sentence.text.rstrip().endswith(span):
        span = span[:-1].rstrip()  # the full stop ends the sentence, not the value; the answer line adds its own
    if info.answer_type is AnswerType.DATE:
        return _date_phrase(span, candidate.sentence.text, candidate.evidence.article.published, lang,
                            weekday=asks_weekday(info.question))
    if info.answer_type in (AnswerType.NUMBER, AnswerType.MONEY):
        span = _figure_and_noun(span) if info.answer_type is AnswerType.NUMBER else span
        span = _with_hedge_before(text, candidate.start, span)
        words = span.split()
        counted = words and (any(ch.isdigit() for ch in words[-1]) or find_word_numbers(words[-1]))
        if counted and not find_dates(span, years=True):  # a date (a refusal's closest span) takes no noun
            unit = (unit_after(text, end) or unit_before(text, candidate.start, end, info.unit)  # "Jumlah TPS ... 466"
                    or listed_noun(text, (candidate.start, end)))  # "Polres Kepulauan Sula 151" of a list of personnel
            if unit and unit.lower() not in {"dan", "and", "di", "yang", "pada", "untuk", "ke", "dari"} \
                    and not is_verb_shaped(unit):  # "5.200 berasal": a verb is no noun
                span = f"{span} {unit}"
        return _figure_in_english(span) if lang == "en" else span
    if lang == "en" and _FIGURE_FIRST_RE.match(span):  # "2,87 persen" answering "What was the inflation rate?"
        return _figure_in_english(span)  # reads 287 in English: a figure is written the English way whatever is asked
    if lang == "en" and reads_as_indonesian(span):  # Siaga cannot translate; it says that it quotes, and in what
        return f"“{span}” (the article's words, in Indonesian)"
    return span


_FIGURE_FIRST_RE = re.compile(r"(?:rp\s?)?\d", re.I)


_HEDGES_EN = "|".join(sorted(map(re.escape, set(FIGURE_QUALIFIERS_EN.values())), key=len, reverse=True))
_AND_BEFORE_FIGURE_RE = re.compile(rf"\b(?:dan|serta)(?=\s+(?:(?:{_HEDGES_EN})\s+)?(?:Rp\s?)?\d)", re.I)


def _figure_in_english(span: str) -> str:
    """A figure and its noun in English: "2,87 persen" -> "2.87 percent", "1.048 personel" -> "1,048 personnel"."""
    span = _AND_BEFORE_FIGURE_RE.sub("and", _english_number_words(span))  # "93 mayoral elections, and 415 ..."
    for id_word, en_word in sorted(UNIT_EN.items(), key=lambda kv: -len(kv[0])):
        noun = english_singular(en_word) if re.match(rf"1 {re.escape(id_word)}\b", span, re.I) else en_word
        span = re.sub(rf"(?<=\d )(?:{re.escape(id_word)})\b", noun, span, flags=re.I)
    return span


def _figure_and_noun(span: str) -> str:
    """A count as "3.863 personel", not the sentence running on after its noun ("... gabungan Polda, polres") nor the
    words before its figure ("pihaknya menurunkan 900 personel"); a word hedging the figure stays ("sekitar 6.200")."""
    numbers = [*find_numbers(span), *find_word_numbers(span)]  # "satu TPS khusus di ...": a word counts too
    if len(numbers) != 1 or find_dates(span, years=True):
        return span  # a second figure makes a pair or a range ("3,4 persen dan 6,35 persen"): said as written
    noun = unit_after(span, numbers[0].end)  # only a noun Siaga counts: "derajat Celcius" may be longer than a word
    if unit_group(noun) is None or (isinstance(numbers[0], WordNumber) and unit_group(noun) == unit_group("juta")):
        return span  # a number word's multiplier is no noun: "satu juta dollar AS" is said whole
    hedge = _HEDGE_BEFORE_RE.search(span, 0, numbers[0].start)
    return span[hedge.start() if hedge else numbers[0].start : span.index(noun, numbers[0].end) + len(noun)]


_HEDGE_BEFORE_RE = re.compile(rf"\b(?:{_QUALIFIERS})\s+$", re.I)  # a hedge right before the figure: "lebih dari 4.000"


def _with_hedge_before(text: str, start: int, span: str) -> str:
    """A span opening with its figure, with the hedge its article writes right before it: "Sekitar 7.000 personel",
    "lebih dari 1.300 pulau". "About 7,000" and "7,000" are different claims; the reader's span often starts at the
    figure."""
    at = text.find(span, start)
    opens_with_figure = _FIGURE_FIRST_RE.match(span) or any(w.start == 0 for w in find_word_numbers(span))
    if at < 0 or not opens_with_figure:
        return span
    hedge = _HEDGE_BEFORE_RE.search(text, max(0, at - 24), at)
    return text[hedge.start() : at].lower() + span if hedge else span  # "Sekitar" opening its sentence is a hedge too


def _date_phrase(span: str, sentence: str, published: str | None, lang: Lang, *, weekday: bool = False) -> str:
    found = find_dates(span)
    times = find_times(span)
    if not found:  # a time alone is written in the asker's language too; "Selasa", "kemarin" are dated by the article
        day = dated_day(span, published)
        if day is not None:
            return format_date(day, lang, weekday=True)
        whole = len(times) == 1 and span[times[0][0] : times[0][1]].strip() == span.strip()
        return format_time(span, lang) if whole else span
    mention = with_year(found[0], sentence, published)
    out = format_date(mention, lang, weekday=weekday)
    if times:
        out += ", " + format_time(span[times[0][0] : times[0][1]], lang)
    return out


def rank_phrase(rank: str, name: str) -> str:
    """A rank answer: the rank as the article writes it, then whose it is ("Irjen Pol (Abdul Karim)")."""
    return f"{rank} ({name})" if name else rank


def marker(n: int) -> str:
    return f"[{n}]"


def single(value: str, *ns: int) -> str:
    """The first line of a one-fact answer: the value and its citation(s)."""
    return f"{value} {''.join(marker(n) for n in ns)}."


def source_label(outlet: str | None, published: str | None, lang: Lang) -> str:
    """"ANTARA, 10 Februari 2024": who said it and when, for answers that set sources side by side."""
    when = ""
    if published:
        dates = find_dates(published)
        when = format_date(dates[0], lang) if dates else published
    return ", ".join(x for x in (outlet, when) if x) or _pick(lang, "sumber lain", "another source")


def conflicting(values: list[tuple[str, int, str]], lang: Lang, *, figures: bool = True) -> str:
    """Articles disagree: every value with its source, none hidden. ``values``: (value, n, source label);
    ``figures``: the values are counts or amounts (else names, places or dates: "answers")."""
    listed = "; ".join(f"{v} {marker(n)} ({label})" for v, n, label in values)
    if figures:
        return _pick(lang, f"Artikel menyebut angka berbeda: {listed}.",
                     f"The articles give different figures: {listed}.")
    return _pick(lang, f"Artikel menyebut jawaban berbeda: {listed}.",
                 f"The articles give different answers: {listed}.")


def compared_yes_no(yes: bool, comparison_text: str, lang: Lang) -> str:
    """A yes/no comparison's answer: "Yes"/"No" worked out from the two cited figures, then the comparison."""
    return f"{_pick(lang, 'Ya' if yes else 'Tidak', 'Yes' if yes else 'No')}. {_capitalised(comparison_text)}"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def figure_phrase(text: str, start: int, end: int, lang: Lang) -> str:
    """The count ``text[start:end]`` as an answer says it: with its hedge, in the asker's language."""
    span = _with_hedge_before(text, start, text[start:end])
    return _figure_in_english(span) if lang == "en" else span


def yes_no_line(yes: bool, n: int, lang: Lang, figure: str | None = None) -> str:
    """"Ya, menurut artikel [1]."; with the figure that settled it, the verdict and the figure: "Tidak. 662 personel
    [1]." (the asker learns the right number without opening the source)."""
    word = _pick(lang, "Ya" if yes else "Tidak", "Yes" if yes else "No")
    if figure:
        return f"{word}. {_capitalised(figure)} {marker(n)}."
    return _pick(lang, f"{word}, menurut artikel {marker(n)}.", f"{word}, according to the article {marker(n)}.")


def not_found(question: str, lang: Lang) -> str:
    question = " ".join(question.split())  # quoted as typed, spacing tidied
    return _pick(
        lang,
        f"Artikel yang tersedia tidak menyebutkannya. Tidak ada artikel yang menjawab “{question}”.",
        f"The articles don't say. None of the available articles states an answer to “{question}”.",
    )


def wrong_type(question: str, kind: AnswerType, near: str, n: int, lang: Lang) -> str:
    """The articles touch the subject but never state the kind of thing asked; say what they do state."""
    asked = {
        AnswerType.PERSON: ("siapa orangnya", "who it was"),
        AnswerType.PLACE: ("tempatnya", "where"),
        AnswerType.DATE: ("tanggalnya", "when"),
        AnswerType.NUMBER: ("jumlahnya", "how many"),
        AnswerType.MONEY: ("nilai uangnya", "how much money"),
    }.get(kind, ("jawabannya", "the answer"))
    if kind is AnswerType.DATE and asks_time(question):  # "Pukul berapa ...?" asks the hour, not the date
        asked = ("jamnya", "what time")
    return _pick(
        lang,
        f"Artikel yang tersedia tidak menyebutkan {asked[0]}. Yang paling dekat: {near} {marker(n)}.",
        f"The articles don't say {asked[1]}. The closest they come: {near} {marker(n)}.",
    )


def missing_side(label: str, kind: AnswerType, lang: Lang) -> str:
    """One side of a two-part question the articles do not answer; "figure" only when a figure was asked."""
    en_label = label if label[:1].isupper() or label[:1] == "“" else f"the {label}"  # "for the 2024 election",
    # "for Jambi", "for “How many vehicles ...?”"
    if kind in (AnswerType.NUMBER, AnswerType.MONEY):
        return _pick(lang, f"Artikel yang tersedia tidak menyebutkan angka untuk {label}.",
                     f"The articles don't give the figure for {en_label}.")
    return _pick(lang, f"Artikel yang tersedia tidak menyebutkan jawabannya untuk {label}.",
                 f"The articles don't give the answer for {en_label}.")


Side = tuple[str, float, int, str]  # (value phrase, value, marker, side label)


_MONEY_SCALES = ((1e12, "triliun"), (1e9, "miliar"), (1e6, "juta"))


def money_figure(value: float, lang: Lang) -> str:
    """An amount of rupiah as news writes it, exactly: "Rp20,13 triliun", "Rp20.125 miliar", "Rp2.814.000";
    "Rp20.13 trillion" in English."""
    for scale, word in _MONEY_SCALES:
        scaled = value / scale
        if abs(value) >= scale and abs(round(scaled, 2) - scaled) < 1e-6:
            return f"Rp{format_number(round(scaled, 2), lang)} {_MULTIPLIERS_EN[word] if lang == 'en' else word}"
    return f"Rp{format_number(value, lang)}"


def _is_money(unit: str) -> bool:
    """Is ``unit`` (a shared noun of two values, ``shared_noun``) an amount's: "Rp", "triliun", "trillion"?"""
    lower = unit.lower()
    return lower == "rp" or unit_group(lower) == unit_group("rupiah") or lower in _MULTIPLIERS_EN.values()


def _worked(a: Side, b: Side, lang: Lang, *, add: bool = False, unit: str = "") -> tuple[float, str]:
    """The combined figure and its arithmetic written out to be checked ("4.192 − 2.511 = 1.681"; amounts as
    amounts: "Rp28,76 triliun − Rp8,63 triliun = Rp20,13 triliun")."""
    x, y = (a[1], b[1]) if add else (max(a[1], b[1]), min(a[1], b[1]))
    result = x + y if add else x - y
    sign = "+" if add else "−"
    number = (lambda v: money_figure(v, lang)) if _is_money(unit) else (lambda v: format_number(v, lang))
    return result, f"{number(x)} {sign} {number(y)} = {number(result)}"


def shared_noun(phrases: list[str], lang: Lang) -> str:
    """The noun both sides' values carry ("TPS" in "4.192 TPS" and "2.511 TPS"), for the combined figure; when
    they word one kind of count differently ("1.178 orang", "7.200 personel"), that kind's own name."""
    if phrases and all(p.lower().startswith("rp") for p in phrases):
        return "Rp"  # two amounts: the combined figure is an amount too
    tails = [p.split(maxsplit=1)[1] if len(p.split()) > 1 else "" for p in phrases]
    if len(set(tails)) <= 1:
        return tails[0] if tails else ""
    groups = {unit_group(EN_TO_ID.get(t, (t,))[0] if lang == "en" else t) for t in tails}
    if len(groups) != 1 or None in groups:
        return ""
    noun = UNIT_GROUPS[groups.pop()][0]
    return UNIT_EN.get(noun, noun) if lang == "en" else noun


def _figure(value: float, unit: str, lang: Lang) -> str:
    if _is_money(unit):
        return money_figure(value, lang)
    return format_number(value, lang) + (f" {unit}" if unit else "")


def _both_cited(a: Side, b: Side, lang: Lang) -> str:
    return f"{a[0]} {marker(a[2])} ({a[3]}) {_pick(lang, 'dan', 'and')} {b[0]} {marker(b[2])} ({b[3]})"


def difference(a: Side, b: Side, unit: str, lang: Lang) -> str:
    """Two sides' figures and how far apart they are, the arithmetic written out."""
    diff, worked = _worked(a, b, lang, unit=unit)
    cited = _both_cited(a, b, lang)
    return _pick(lang, f"Selisihnya {_figure(diff, unit, lang)}: {cited}; {worked}.",
                 f"The difference is {_figure(diff, unit, lang)}: {cited}; {worked}.")


def total(a: Side, b: Side, unit: str, lang: Lang) -> str:
    """Two sides' figures added up, the arithmetic written out."""
    summed, worked = _worked(a, b, lang, add=True, unit=unit)
    cited = _both_cited(a, b, lang)
    return _pick(lang, f"Totalnya {_figure(summed, unit, lang)}: {cited}; {worked}.",
                 f"In total {_figure(summed, unit, lang)}: {cited}; {worked}.")


def comparison(a: Side, b: Side, unit: str, lang: Lang) -> str:
    """Which side has more, by how much, each side's figure named by its label."""
    diff, worked = _worked(a, b, lang, unit=unit)
    listed = f"{a[3]} {a[0]} {marker(a[2])}, {b[3]} {b[0]} {marker(b[2])}"
    if diff == 0:
        return _pick(lang, f"Sama: {listed}.", f"The same: {listed}.")
    more = a[3] if a[1] >= b[1] else b[3]
    return _pick(lang, f"{more} lebih banyak, selisih {_figure(diff, unit, lang)}: {listed}; {worked}.",
                 f"{more} has more, by {_figure(diff, unit, lang)}: {listed}; {worked}.")


def both(a: tuple[str, int, str], b: tuple[str, int, str], lang: Lang) -> str:
    """Two facts asked together: (value phrase, marker, side label) each; without labels, in the order asked."""
    if not a[2] and not b[2]:
        return f"{a[0][:1].upper()}{a[0][1:]} {marker(a[1])}; {b[0]} {marker(b[1])}."
    return f"{a[2][:1].upper()}{a[2][1:]}: {a[0]} {marker(a[1])}; {b[2]}: {b[0]} {marker(b[1])}."


# --- overviews (rag.overview) -------------------------------------------------------------------------------
def overview(topic: str, quotes: list[tuple[str, int]], lang: Lang) -> str:
    """An overview: one line saying what follows, then each quoted sentence with its marker. English askers are
    told the quotes stay in the articles' Indonesian (a translation would be Siaga's words, not the article's)."""
    head = _pick(lang, f"Yang ditulis artikel tentang {topic}:",
                 f"What the articles say about {topic} (quoted in their own Indonesian):")
    return "\n".join([head, *(f"- {quote} {marker(n)}" for quote, n in quotes)])


def no_overview(topic: str, lang: Lang) -> str:
    return _pick(lang, f"Tidak ada artikel yang menulis tentang {topic}.",
                 f"None of the available articles writes about {topic}.")


# --- courtesies (rag.courtesy) ----------------------------------------------------------------------------------
def courtesy_reply(kind: str, lang: Lang) -> str:
    """The reply to a message that thanks, greets, acknowledges or asks for help: nothing is looked up, the next
    question invited (for help, with the kinds of question Siaga answers)."""
    if kind == "thanks":
        return _pick(lang, "Sama-sama. Silakan tanyakan hal lain tentang berita pengamanan pemilu.",
                     "You're welcome. Ask me anything else about election-security news.")
    if kind == "greeting":
        return _pick(lang, "Halo! Tanyakan apa saja tentang berita pengamanan Pemilu dan Pilkada: jumlah personel, "
                           "TPS rawan, siapa memimpin, kapan dan di mana. Setiap jawaban menyebut kalimat sumbernya.",
                     "Hello! Ask me anything about Pemilu and Pilkada security news: how many personnel, which "
                     "polling stations are vulnerable, who led what, when and where. Every answer cites its sentence.")
    if kind == "farewell":
        return _pick(lang, "Sampai jumpa, terima kasih atas pertanyaannya.",
                     "Goodbye, and thank you for the questions.")
    if kind == "help":
        return _pick(
            lang,
            "Saya menjawab pertanyaan tentang berita pengamanan pemilu yang tersimpan, dan setiap jawaban menunjuk "
            "kalimat artikel yang menyatakannya. Tanyakan angka (\"Berapa personel yang dikerahkan Polda Bali untuk "
            "Pilkada 2024?\"), nama, tanggal, tempat, ya/tidak, atau dua sisi sekaligus (\"Mana yang lebih banyak, "
            "Polda Bali atau Polda NTB?\"); minta ringkasan (\"Ceritakan tentang Operasi Mantap Brata\"); lalu "
            "lanjutkan dengan \"Bagaimana dengan Jember?\", \"Menurut siapa?\" atau \"Selengkapnya?\". Filter "
            "tanggal, wilayah dan media ada di samping; artikel baru ditambahkan di halaman Tambah artikel.",
            "I answer questions about the stored election-security news, and every answer points to the article "
            "sentence that states it. Ask for a figure (\"How many personnel did Polda Bali deploy for the 2024 "
            "Pilkada?\"), a name, a date, a place, a yes/no, or two sides at once (\"Which deployed more, Polda Bali "
            "or Polda NTB?\"); ask for an overview (\"Tell me about Operasi Mantap Brata\"); then follow up with "
            "\"And in Jember?\", \"Who said so?\" or \"Tell me more\". Date, region and outlet filters are in the "
            "sidebar; new articles are added on the Add articles page.")
    return _pick(lang, "Baik. Silakan ajukan pertanyaan berikutnya.", "All right. Ask your next question any time.")


# --- "Who said so?" (rag.attribution) -------------------------------------------------------------------------
def who_said_question(value: str, lang: Lang) -> str:
    """The source follow-up made standalone, for display: "Who said: 1.646 personel?"."""
    return _pick(lang, f"Siapa yang menyatakan: {value}?", f"Who said: {value}?")


def no_source_to_name(lang: Lang) -> str:
    return _pick(lang, "Jawaban sebelumnya tidak mengutip artikel mana pun, jadi tidak ada sumber yang bisa disebut.",
                 "The previous answer cites no article, so there is no source to name.")


def _source_clause(speaker: str | None, outlet: str | None, lang: Lang) -> str:
    if speaker:
        return _pick(lang, f"menurut {speaker}", f"according to {speaker}")
    own = outlet or _pick(lang, "media itu", "the outlet")
    return _pick(lang, f"tidak ada narasumber yang dikutip, itu laporan {own} sendiri",
                 f"no one is quoted, it is {own}'s own reporting")


def sources(lines: list[tuple[str, str | None, str | None, list[int]]], lang: Lang) -> str:
    """Who said each cited value: (value, speaker or None, outlet, markers) per value. One value: "Menurut
    Kombes Pol Dedy Suhartono [1][2]."; several: "1.646 personel: menurut ... [1]; 1.882 personel: ... [2]."."""
    clauses = [(value, _source_clause(speaker, outlet, lang), "".join(marker(n) for n in ns))
               for value, speaker, outlet, ns in lines]
    if len(clauses) == 1:
        _, clause, markers = clauses[0]
        return f"{clause[:1].upper()}{clause[1:]} {markers}."
    return "; ".join(f"{value}: {clause} {markers}" for value, clause, markers in clauses) + "."
