"""Follow-up questions made standalone, only when they are elliptical.

"And in Bali?", "Bagaimana dengan Jember?", "Berapa yang sangat rawan?", "what about the day before?"
lean on the previous question; "Compare the personnel deployed in Tangerang and Bali" does not, and a
complete question is never rewritten. A follow-up keeps the previous question's election and period
unless it names its own. Three moves, in this order:

1. a follow-up word before a complete question ("Lalu siapa Kapolda NTB saat Pilkada 2024?"): the word
   goes; the previous election/period is added only if the question names none;
2. a fragment without a question word ("And in Bali?", "Kalau yang ke Polresta Yogyakarta?",
   "And for the November Pilkada?"): its names, dates or election replace the previous question's;
3. a question with nothing to anchor it ("Kelurahan mana yang paling banyak?"): the previous
   question's subject and context are appended (after a count, a question about something other than the amount
   takes the count's names and period in brackets instead: "What was the operation called (Polresta Tangerang,
   Pemilu 2024)?"); "Berapa yang ...?" after a "Berapa TPS ...?" counts
   the same noun, narrowed ("Berapa TPS yang ... di Bali pada Pilkada 2024?"), and a narrowing that shares a
   word with the previous count's qualifier replaces it ("Berapa yang sangat rawan?" after "Berapa TPS rawan ...?"
   is "Berapa TPS sangat rawan ...?").

A month named without a year ("the November Pilkada") takes the previous question's year.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

from rag.glossary import EN_TO_ID, gloss_english, is_unit_noun, unit_group
from rag.overview import overview_topic
from rag.question import (
    NOT_NAME_WORDS,
    PERSON_NOUNS,
    POSTS,
    QUALIFIER_STOP,
    THRESHOLD_ONLY_RE,
    asked_qualifiers,
    detect_language,
    election_spans,
    head_of,
    is_verb_shaped,
)
from siaga.dates import ELECTION_DAYS, MONTH_WORD_RE, find_dates, format_date
from siaga.regions import AREA_NOUNS, INSTITUTION_PREFIXES, UNIT_PREFIXES, regions_in
from siaga.sentences import RANKS
from siaga.text import expand_shorthand, keyword_tokens

_MARKER_RE = re.compile(
    r"^\s*(?:and what about|and how about|what about|how about|and for|and in|and|then|same for|also|"
    r"bagaimana dengan|gimana dengan|bagaimana kalau|bagaimana di|kalau|kalo|lalu|terus|dan|sedangkan|adapun|"
    r"untuk yang|yang)\b[\s,]*",
    re.I,
)
_INTERROGATIVE_RE = re.compile(
    r"\b(?:berapa|siapa|apa|apakah|kapan|di mana|dimana|mana|manakah|bagaimana|mengapa|kenapa|how many|how much|"
    r"what|which|who|whom|when|where|why|did|does|is|are|was|were)\b",
    re.I,
)
_NAME_RE = re.compile(r"(?<![\w'-])(?:[A-Z][\w'’./-]*|[IVX]+/[A-Z][\w-]*)(?:\s+(?:[A-Z][\w'’./-]*|\d+))*")
_RELATIVE_DAY_RE = re.compile(
    r"\b(?:the )?(?P<which>day before|day after|previous day|next day|sehari sebelum(?:nya)?|sehari setelah(?:nya)?|"
    r"sehari sesudah(?:nya)?|hari sebelumnya|hari berikutnya|keesokan harinya)\b",
    re.I,
)
# Words that point back to the previous question: a partitive ("of them", "di antaranya") narrows what it
# counted; a demonstrative ("provinsi itu", "that province") names what it named; "TPS-nya" is its TPS.
_PARTITIVE_RE = re.compile(
    r"\s*\b(?:of (?:them|those|these)|among (?:them|those|these)|di ?antara(?:nya| mereka)|"
    r"dari (?:jumlah|angka) (?:itu|tersebut)|dari (?:mereka|itu))\b",
    re.I,
)
_DEMONSTRATIVE_RE = re.compile(
    r"\b(?:(?P<en>that|this|the same)\s+(?P<en_noun>[a-z]+)|"
    r"(?P<id_noun>(?!(?:apa|siapa|mana|berapa|kapan|bagaimana|yang)\b)[a-z]+)\s+(?:itu|tersebut|ini))\b", re.I)
_NYA_RE = re.compile(r"\b(?P<noun>\w+?)-?nya\b", re.I)
_PRONOUN_RE = re.compile(r"\b(?:they|them|it|its|their|mereka)\b", re.I)
# "its chief", "its personnel": English "kapoldanya", "personelnya" (a post or a count noun, one or two words)
_ITS_NOUN_RE = re.compile(r"\b(?:its|their)\s+(?P<noun>\w+(?:\s+\w+)?)", re.I)
# "it" and "they" standing alone for what the previous question named or counted ("did it": _AGENT_RE; "of them":
# a partitive, _PARTITIVE_RE)
_IT_RE = re.compile(r"(?<!\bof )(?<!\bamong )\b(?:it|they|them|mereka)\b(?<!di antara mereka)(?<!dari mereka)",
                    re.I)
_PERSON_PRONOUN_RE = re.compile(r"\b(?:he|she|him|his|her|dia|ia|beliau)\b", re.I)  # the person asked about
# a subject pronoun after an auxiliary ("did it secure"), a passive verb's agent "-nya" ("diamankannya": by it)
_AGENT_RE = re.compile(r"\b(?P<aux>did|does|do|will|would|can|could|has|have|had)\s+(?:it|they)\b"
                       r"|\b(?!di(?:antara|dalam|atas|bawah|samping|luar|sekitar)nya)(?P<verb>di[a-z]{3,}?)nya\b",
                       re.I)
# "there" / "di sana" point at the previous question's place; the existential "are there" does not
_THERE_RE = re.compile(r"(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )\bthere\b|\bdi ?(?:sana|situ)\b", re.I)


def _owned(m: re.Match[str]) -> bool:
    """Is "<noun>-nya" / "<noun>nya" a known noun's possessive ("Kapoldanya", "TPS-nya", "personelnya")?
    Other words ending in "nya" ("lainnya", "sebelumnya", "hanya") are not."""
    noun = m.group("noun").lower()
    return noun in PERSON_NOUNS or noun in AREA_NOUNS or noun in UNIT_PREFIXES or is_unit_noun(noun)


def _possessives(text: str) -> list[re.Match[str]]:
    return [m for m in _NYA_RE.finditer(text) if _owned(m)]


def _election_spans(text: str) -> list[tuple[int, int]]:
    """Election phrases with their time (``rag.question.election_spans``), a bare "election" too."""
    return [(start, end) for start, end, _ in election_spans(text)]


def _date_spans(text: str) -> list[tuple[int, int]]:
    elections = _election_spans(text)
    return [(d.start, d.end) for d in find_dates(text, years=True)
            if not any(a <= d.start < b for a, b in elections)]


def _names(text: str) -> list[tuple[int, int]]:
    """Capitalised name phrases that are not question words, months, weekdays or elections.

    A lone capitalised word opening the question ("Kelurahan mana ...") is just the sentence's capital.
    """
    taken = _election_spans(text) + _date_spans(text)
    out: list[tuple[int, int]] = []
    opening = len(text) - len(text.lstrip())
    for m in _NAME_RE.finditer(text):
        words = m.group(0).split()
        if m.start() == opening and len(words) == 1 and len(text.split()) > 1 and not words[0].isupper():
            continue
        while words and words[0].lower().strip(".,") in NOT_NAME_WORDS:
            words = words[1:]
        if not words:
            continue
        start = m.start() + m.group(0).index(words[0])
        end = start + len(" ".join(words))
        if any(a < end and start < b for a, b in taken):
            continue
        out.append((start, end))
    return out


def _anchored(text: str) -> bool:
    """Does the question name anything of its own (a name, a date, an election, a region)?"""
    body = _MARKER_RE.sub("", text)
    return bool(_names(body) or find_dates(body, years=True) or _election_spans(body) or regions_in(body))


def points_back(question: str) -> bool:
    """Does the question refer to the previous one by a partitive, demonstrative, "-nya" or pronoun?"""
    return bool(_PARTITIVE_RE.search(question) or _DEMONSTRATIVE_RE.search(question)
                or _possessives(question) or _PRONOUN_RE.search(question) or _THERE_RE.search(question)
                or _PERSON_PRONOUN_RE.search(question))


def is_elliptical(question: str) -> bool:
    """True when the question leans on the previous one (see the module docstring)."""
    q = question.strip()
    if _MARKER_RE.match(q) or points_back(q):
        return True
    if _lacks_noun(q):
        return True
    if not _INTERROGATIVE_RE.search(q) and len(q.split()) <= 3:
        return True  # "Bali?", "Di Jember?"
    return not _anchored(q)


def _replace(text: str, span: tuple[int, int], new: str) -> str:
    return text[: span[0]] + new + text[span[1] :]


def _shift_day(previous: str, which: str, lang: str) -> str | None:
    """"the day before" against a previous question that names a full date: that date moved by one day."""
    dates = [d for d in find_dates(previous) if d.as_date() is not None]
    if not dates:
        return None
    step = -1 if re.search(r"before|previous|sebelum", which, re.I) else 1
    day = dates[0].as_date() + dt.timedelta(days=step)  # type: ignore[operator]
    moved = dates[0].__class__(day.year, day.month, day.day, 0, 0, "")
    return _replace(previous, (dates[0].start, dates[0].end), format_date(moved, lang))


def _substitute(previous: str, fragment: str, lang: str) -> str:
    """The previous question with the fragment's election, date or names in place of its own."""
    out = previous
    relative = _RELATIVE_DAY_RE.search(fragment)
    if relative:
        shifted = _shift_day(out, relative.group("which"), lang)
        return shifted if shifted else f"{out.rstrip('?')} ({fragment.strip(' ?')})?"
    replaced = False
    for finder in (_election_spans, _date_spans):
        new = finder(fragment)
        old = finder(out)
        if new and old:
            # one phrase of the previous question (the election with its period) becomes the fragment's
            a, b = old[0][0], old[-1][1] if finder is _election_spans else old[0][1]
            out = _replace(out, (a, b), _with_year(" ".join(fragment[s:e] for s, e in new), out[a:b]))
            replaced = True
    new_names = [fragment[s:e] for s, e in _names(fragment)]
    if new_names:
        target = _closest_name(out, _names(out), new_names[0])
        if target is not None:
            old_words = out[target[0] : target[1]].split()
            new = new_names[0]
            if len(old_words) > 1 and old_words[0].lower() in UNIT_PREFIXES and \
                    new.split()[0].lower() not in UNIT_PREFIXES:
                new = f"{old_words[0]} {new}"  # "Polres Jember" -> "Polres Banyuwangi"
            elif old_words[0].lower() in POSTS and (head := head_of(new.split()[0])) and len(new.split()) > 1:
                new = f"{head} {new.split(maxsplit=1)[1]}"  # a post asked: "Kapolda Bali" -> "Kapolresta Denpasar"
            out = _replace(out, target, new)
            replaced = True
    if not replaced:
        out = f"{out.rstrip(' ?')} {_with_preposition(fragment.strip(' ?'), lang)}?"
    return out


# the words that open a place or time phrase ("di Bali", "in the Pilkada", "saat Pemilu 2024")
_PREPOSITIONS = r"(?:in|on|at|for|during|before|after|pada|saat|di|dalam|untuk|selama|jelang|menjelang)\b"
_PREPOSITION_RE = re.compile(_PREPOSITIONS, re.I)


def _with_preposition(fragment: str, lang: str) -> str:
    """An election or date added to a question that named none, with a preposition ("How about Pilkada?" ->
    "... deploy in the Pilkada?", "Bagaimana dengan Pilkada?" -> "... pada Pilkada?"); anything else as it is."""
    if _PREPOSITION_RE.match(fragment) or not (_election_spans(fragment) or _date_spans(fragment)):
        return fragment
    if lang != "en":
        return f"pada {fragment}"
    article = "" if fragment.lower().startswith("the ") or not _election_spans(fragment) else "the "
    return f"in {article}{fragment}"


def _with_year(phrase: str, previous_phrase: str) -> str:
    """A month named without a year takes the previous question's year ("the November Pilkada" after
    "the February 2024 election" is November 2024's): a follow-up keeps the previous period unless it
    names its own, and a bare month does not."""
    years = [d.year for d in find_dates(previous_phrase, years=True) if d.year is not None]
    month = MONTH_WORD_RE.search(phrase)
    if not years or not month or any(d.year is not None for d in find_dates(phrase, years=True)):
        return phrase
    return f"{phrase[: month.end()]} {years[0]}{phrase[month.end() :]}"


def _closest_name(text: str, spans: list[tuple[int, int]], new: str) -> tuple[int, int] | None:
    """Which name of the previous question the new one stands for: same kind first word ("Polres" ~
    "Polresta"), a region for a region, else the last name."""
    if not spans:
        return None
    head = new.split()[0].lower()[:5]
    same_kind = [s for s in spans if text[s[0] : s[1]].split()[0].lower()[:5] == head and len(new.split()) > 1]
    if same_kind:
        return same_kind[-1]
    if regions_in(new):
        for _region, a, b in regions_in(text):
            return (a, b)
    return spans[-1]


_WHICH_OF_RE = re.compile(r"^(?P<ask>berapa)\s+(?P<rest>yang\b.*)$", re.I)
_COUNTED_RE = re.compile(r"^berapa\s+(?P<noun>(?:jumlah\s+)?[\w-]+)\s+(?P<rest>.*)$", re.I)
_HOW_MANY_OF_RE = re.compile(r"^(?P<ask>how many)\s+(?P<rest>(?:were|was|are|is|had|have|did|do|came|come)\b.*)$", re.I)
_HOW_MANY_RE = re.compile(
    r"^how many\s+(?P<noun>.+?)\s+(?P<rest>(?:were|was|are|is|had|have|did|do|does)\b.*)$", re.I)


# (a count without its noun, the previous count it borrows the noun from), per language
_COUNT_FORMS = ((_WHICH_OF_RE, _COUNTED_RE), (_HOW_MANY_OF_RE, _HOW_MANY_RE))


def _lacks_noun(question: str) -> bool:
    """"Berapa yang ...?", "How many were ...?": a count that does not say what it counts."""
    return any(which.match(question.strip(" ?")) for which, _ in _COUNT_FORMS)


def _borrowed_count(fragment: str, previous: str) -> tuple[re.Match[str], re.Match[str]] | None:
    """The fragment's count without its noun and the previous question's count that names one, or None."""
    for which_re, counted_re in _COUNT_FORMS:
        which, counted = which_re.match(fragment.strip(" ?")), counted_re.match(previous.strip(" ?"))
        if which and counted:
            return which, counted
    return None


def _narrowed(fragment: str, previous: str) -> str | None:
    """"Berapa yang masuk kategori sangat rawan?" after "Berapa TPS di Bali ...?" counts the same thing
    narrowed: the counted noun goes before "yang", the previous context after the narrowing. In English,
    "How many were from the Air Force?" after "How many TNI soldiers were deployed ...?" becomes "How many
    TNI soldiers were from the Air Force (were deployed ...)?"."""
    found = _borrowed_count(fragment, previous)
    if found is None:
        return None
    which, counted = found
    context = counted.group("rest") if which.re is _WHICH_OF_RE else f"({counted.group('rest')})"
    return f"{which.group('ask')} {counted.group('noun')} {which.group('rest')} {context}?"


def _with_counted_noun(fragment: str, previous: str) -> str:
    """"Berapa yang ... di Bali?" after "Berapa personel ...?" is "Berapa personel yang ... di Bali?": a
    how-many without a noun counts what the previous question counted (its own names and period stay)."""
    found = _borrowed_count(fragment, previous)
    if found is None:
        return fragment
    which, counted = found
    return f"{which.group('ask')} {counted.group('noun')} {which.group('rest')}?"


# a follow-up that only narrows: "Berapa yang sangat rawan?", "Yang tidak rawan?", "And the very vulnerable ones?"
_NARROWING_RE = re.compile(r"^(?:(?:berapa|how many)\s+)?(?:(?:yang|the)\s+)?(?P<words>[a-z]+(?:\s+[a-z]+){0,3}?)"
                           r"(?:\s+ones?)?$")
_NOT_QUALIFIER_WORDS = QUALIFIER_STOP | frozenset("how many berapa jumlah number the of".split())


def _qualifier_stems(words: str, language: str) -> set[str]:
    """The stems a qualifier's words stand for (English words through the glossary: "vulnerable" -> rawan)."""
    wordings = EN_TO_ID.get(words.lower(), (words,)) if language == "en" else (words,)
    return set(keyword_tokens(" ".join(wordings)))


def _requalified(fragment: str, previous: str, fragment_language: str | None = None) -> str | None:
    """"Berapa yang sangat rawan?" after "Berapa TPS rawan di Jawa Barat ...?" is "Berapa TPS sangat rawan di Jawa
    Barat ...?": a follow-up that only narrows, sharing a word with the qualifier of the previous count question,
    puts its words in place of that qualifier (the words around the shared one, up to the noun, a preposition or
    a name) rather than beside it. None when the fragment says more, or shares no qualifier word. A narrowing in
    English after an Indonesian question is put in through the glossary ("very vulnerable" -> "sangat rawan"); one
    in Indonesian after an English question is matched by its stems and kept as written."""
    m = _NARROWING_RE.match(fragment[:1].lower() + fragment[1:].strip(" ?"))
    if m is None or _previous_count(previous) is None:
        return None
    words = m.group("words").split()
    if any(_counts(w) or w in _NOT_QUALIFIER_WORDS for w in words):
        return None
    language = detect_language(previous)
    if fragment_language == "en" and language != "en":
        glossed = gloss_english(" ".join(words)).split()
        if set(glossed) & set(words):
            return None  # a word the glossary lacks ("not vulnerable" -> "not rawan"): no Indonesian to put in
        words = glossed
    across = fragment_language is not None and fragment_language != language  # Indonesian words, English question
    asked = set(asked_qualifiers(previous, language))
    spans = [(w.start(), w.end()) for w in re.finditer(r"[\w-]+", previous)]

    def qualifies(i: int) -> bool:  # a word of the qualifier: lower case, no noun, preposition or participle
        text = previous[slice(*spans[i])]
        following = previous[slice(*spans[i + 1])] if i + 1 < len(spans) else ""  # "polling stations": a noun
        return text.isalpha() and text.islower() and text not in _NOT_QUALIFIER_WORDS \
            and not text.endswith("ed") and not _counts(text) and not _counts(f"{text} {following}")

    for word in reversed(words):
        stems = _qualifier_stems(word, language) & asked
        shared = [i for i, (a, b) in enumerate(spans) if previous[a:b].lower() == word
                  or (across and stems & _qualifier_stems(previous[a:b], language))]
        if not shared or not stems:
            continue
        first = last = shared[-1]
        while first > 0 and qualifies(first - 1):
            first -= 1
        while last + 1 < len(spans) and qualifies(last + 1):
            last += 1
        return _replace(previous, (spans[first][0], spans[last][1]), " ".join(words)).rstrip(" ?") + "?"
    return None


_NOUN_ONLY_RE = re.compile(
    r"^(?:(?:berapa|how many)\s+)?(?:(?:jumlah|the number of|total)\s+)?(?P<noun>[\w -]+?)(?:-?nya)?$", re.I)


def _counts(noun: str) -> bool:
    """Is ``noun`` a count noun ("TPS", "personel") or the English of one ("personnel", "polling stations")?"""
    return is_unit_noun(noun) or is_unit_noun(EN_TO_ID.get(noun.lower(), ("",))[0])


def _another_count_noun(fragment: str) -> str | None:
    """The count noun a follow-up asks for, when that is all it says ("how many polling stations", "TPS-nya",
    "jumlah personelnya"); None for anything else ("Berapa yang sangat rawan?", "Samapta")."""
    m = _NOUN_ONLY_RE.match(fragment.strip(" ?"))
    noun = m.group("noun").strip() if m else ""
    return noun if noun and _counts(noun) else None


def _previous_count(previous: str) -> re.Match[str] | None:
    """The previous question as a count naming its noun ("Berapa TPS ...", "How many personnel did ..."): groups
    ``noun`` and ``rest``; None when it counted nothing (the two patterns are one per language)."""
    return _COUNTED_RE.match(previous.strip(" ?")) or _HOW_MANY_RE.match(previous.strip(" ?"))


def _measured_count(fragment: str, previous: str) -> str | None:
    """"Apakah lebih dari 5.000?" after "Berapa TPS di Bengkulu pada Pemilu 2024?" measures that count: "Apakah TPS
    di Bengkulu pada Pemilu 2024 lebih dari 5.000?" (in English, "Did Polda Bali deploy for the Pilkada more than
    2,000 personnel?"); None unless the fragment only states a bar and the previous question counted a noun."""
    bar, m = THRESHOLD_ONLY_RE.match(fragment.strip()), _previous_count(previous)
    if bar is None or m is None:
        return None
    measured, rest = bar.group("bar").lower(), m.group("rest")
    if detect_language(previous) != "en":
        return f"Apakah {m.group('noun')} {rest} {measured}?"
    return f"{rest[:1].upper()}{rest[1:]} {measured} {m.group('noun')}?"


def _with_noun(previous: str, noun: str) -> str | None:
    """The previous count question counting ``noun`` instead ("Berapa pemilih di Kalimantan Utara?" with "TPS"
    is "Berapa TPS di Kalimantan Utara?"), in the previous question's language; None if it counted nothing."""
    m = _previous_count(previous)
    if m is None:
        return None
    if detect_language(previous) != "en" and not is_unit_noun(noun):  # "polling stations" -> "tps"
        noun = EN_TO_ID.get(noun.lower(), (noun,))[0]
    return f"{previous[: m.start('noun')]}{noun} {m.group('rest')}?"


# words of a follow-up that asks about the previous count itself ("Kelurahan mana yang paling banyak?")
_QUANTITY_RE = re.compile(r"\b(?:berapa|jumlah|total|banyak|sedikit|persen|how many|how much|number|more|most|fewer|"
                          r"fewest|less|least|percent)\b", re.I)


def _counts_another_noun(fragment: str, previous_noun: str) -> bool:
    """Does ``fragment`` count a noun of its own, of another kind than the previous count's ("Berapa TPS rawannya?"
    after a count of personnel)? It then asks a count of its own subject, not about the previous amount."""
    m = _previous_count(fragment)
    if m is None:
        return False
    noun, before = m.group("noun").lower(), previous_noun.lower()
    as_indonesian = [EN_TO_ID.get(n, (n,))[0] for n in (noun, before)]
    return _counts(noun) and unit_group(as_indonesian[0]) != unit_group(as_indonesian[1])


def _context(previous: str, fragment: str, answered: str | None = None) -> str:
    """The previous question without its question word: its subject and context, to append. After "Who is the
    Kapolda of Banten?" that is the person asked about, in brackets ("How many polling stations (Kapolda
    Banten)?", not "... stations is the Kapolda of Banten?"). After a count, a ``fragment`` that asks something
    other than an amount takes the count's names and period in brackets ("What was the operation called (Polresta
    Tangerang, Pemilu 2024)?", not "... called personel yang diterjunkan ..."); one that asks about the amount
    ("Kelurahan mana yang paling banyak?"), or a bare "When?" in the other language, takes the counted phrase
    itself ("... paling banyak TPS rawan ...")."""
    body = _INTERROGATIVE_RE.sub("", previous, count=1).strip(" ?")
    if (re.match(r"(?:is|was|are|were)\s", body, re.I) and re.match(r"\s*who\b", previous, re.I)
            and (person := _asked_person(previous, answered)) is not None):
        return f"({person})"
    if ((counted := _previous_count(previous)) is not None
            and (not _QUANTITY_RE.search(fragment) or _counts_another_noun(fragment, counted.group("noun")))
            and not _BARE_QUESTION_WORD_RE.match(fragment)):  # "When?" in another language: when were they deployed
        start = previous.find(counted.group("noun"))
        end = start + len(counted.group("noun"))
        named = [previous[a:b] for a, b in _names(previous) if b <= start or a >= end]  # "TPS" is what was counted
        if named:  # without a name the counted phrase is the subject ("Siapa ketua tps yang sangat rawan ...?")
            period = [previous[a:b] for a, b in _election_spans(previous) or _date_spans(previous)]
            return f"({', '.join(named + period)})"
    return re.sub(r"^(?:jumlah|number of|the)\s+", "", body, flags=re.I)


# the topic of a question about an event: English after its question word (and auxiliary), from "the" on;
# Indonesian after its question word, or after "Siapa yang <verb>"
_EN_TOPIC_RE = re.compile(r"^(?:who|whom|what|which|when|where|why)\s+"
                          r"(?:(?P<aux>is|was|are|were|did|does|do|has|have|had)\s+)?(?P<rest>.+)$", re.I)
_ID_TOPIC_RE = re.compile(r"^(?:siapa\s+yang\s+(?P<verb>[a-z-]+)|kapan|di ?mana|mengapa|kenapa"
                          r"|apa(?:kah)?(?:\s+nama)?)\s+(?P<rest>.+)$", re.I)
_NAME_OF_RE = re.compile(r"^the\s+name\s+of\s+(?=the\s)", re.I)
# a passive participle closing an English question ("... troop parade held?"); regular ones end in "-ed"
_COPULAS = frozenset({"is", "was", "are", "were"})
_PARTICIPLES = frozenset("held led set run begun won sent given made done kept put seen known chosen built".split())


def _topic(previous: str) -> str | None:
    """What a question that counts nothing is about, to stand for "it", "apel itu" or a bare "When?" after it:
    "When was the Polda Banten troop parade held?" -> "the Polda Banten troop parade"; "Who led the security
    parade of Polda Banten?" -> "the security parade of Polda Banten"; "Kapan apel gelar pasukan Polda Banten
    digelar?" / "Siapa yang memimpin apel gelar pasukan Polda Banten?" -> "apel gelar pasukan Polda Banten".
    None for a count (its "it" is its agent: "How many personnel did Polda Banten deploy?") or without a topic."""
    text = previous.strip(" ?")
    if _previous_count(previous) is not None or re.match(r"^(?:how|berapa)\b", text, re.I):
        return None
    if detect_language(previous) == "en":
        m = _EN_TOPIC_RE.match(text)
        if m is None:
            return None
        rest, aux = m.group("rest"), (m.group("aux") or "").lower()
        if aux in _COPULAS and text[:3].lower() == "who":
            return None  # "Who is the Kapolda of Banten?" asks a person: "he", not "it" (``_asked_person``)
        at = rest.lower().find("the ")
        if at < 0 and aux in _COPULAS and _names(rest) == [(0, len(rest))]:
            return rest  # "What is Operasi Mantap Brata?"
        if at < 0 or (at and not rest[at - 1].isspace()):
            return None
        words = _NAME_OF_RE.sub("", rest[at:]).split()
        closing = words[-1]
        passive = aux in _COPULAS and (closing.endswith("ed") or closing in _PARTICIPLES)
        if len(words) > 2 and closing.islower() and ((aux in {"did", "does", "do"} and at == 0) or passive):
            words = words[:-1]  # "When did the operation start?", "Where was the parade held?"
        return " ".join(words) if len(words) > 1 else None
    m = _ID_TOPIC_RE.match(text)
    if m is None or (m.group("verb") and not is_verb_shaped(m.group("verb"))):
        return None
    rest = re.sub(r"^itu\s+", "", m.group("rest"), flags=re.I)  # "Apa itu Operasi Mantap Brata?"
    words = list(itertools.takewhile(lambda w: not (w.islower() and is_verb_shaped(w)), rest.split()))
    return " ".join(words) if words and words[0].lower() != "yang" else None


def _previous_name(previous: str, *, region_first: bool) -> str | None:
    """What "<noun> itu" or a post's "-nya" stands for in the previous question: its region when
    ``region_first`` (an area noun, a territorial post) and it names one, else its last name (None: nothing)."""
    if region_first:
        regions = regions_in(previous)
        if regions:
            return previous[regions[0][1] : regions[0][2]]
    names = _names(previous)
    return previous[names[-1][0] : names[-1][1]] if names else None


def _asked_person(previous: str, answered: str | None = None) -> str | None:
    """Who "he" / "dia" is after ``previous``: the holder of the post it names, with its territory ("Siapa Kapolda
    NTB ...?", "Who was the Kapolda of NTB ...?" -> "Kapolda NTB"); after a who-question naming no post ("Who led
    the parade of Polda Banten?") the person the answer named (``answered``); else the head of the command it names
    ("Polda Bali" -> "Kapolda Bali"), else its last name (None: nothing)."""
    post = next((w for w in re.findall(r"[\w-]+", previous) if w.lower() in POSTS), None)
    if answered and post is None and re.match(r"\s*(?:who|whom|siapa)\b", previous, re.I):
        return answered
    territory = _previous_name(previous, region_first=True)
    if post is not None and territory is not None:
        return territory if territory.lower().startswith(post.lower()) else f"{post} {territory}"
    name = _previous_name(previous, region_first=False)
    command, _, territory = (name or "").partition(" ")
    head = head_of(command)
    return f"{head} {territory}" if head and territory else name  # "Polda Bali" has no "he"; the Kapolda Bali has


def _answered_person(history: list[dict] | None) -> str | None:
    """The person the last answer names first, from their rank on ("Kombes Pol Baktiar Joko Mujiono [1]." ->
    "Kombes Pol Baktiar Joko Mujiono"); None when its first line names nobody with a rank."""
    answer = next((t.get("content") or "" for t in reversed(history or []) if t.get("role") == "assistant"), "")
    for m in _NAME_RE.finditer(answer.strip().split("\n", 1)[0]):
        words = m.group(0).split()
        words[-1] = words[-1].rstrip(".,;:")  # the sentence's stop, not an initial's ("M. Sabilul")
        at = next((i for i, w in enumerate(words[:-1]) if w.lower() in RANKS), None)
        if at is not None:
            return " ".join(words[at:])
    return None


_DEPUTY_ASKED_RE = re.compile(
    r"^(?:(?:siapa|who(?:'s| is| was)?)\s+)?(?:(?:his|her|their|the)\s+)?(?:wakil(?:-?nya)?|deputy)"
    r"(?:\s+siapa)?\s*\??$", re.I)
_CHIEF_POST_RE = re.compile(r"\b(?:Ka(?P<post>[a-z]+)|(?<!deputy )(?P<chief>(?:police\s+)?chief))\b", re.I)


def _deputy_of(fragment: str, previous: str) -> str | None:
    """"Siapa wakilnya?" after "Siapa Kapolda Sultra?" asks "Siapa Wakapolda Sultra?": the previous question with
    its post made the deputy's ("Kapolresta" -> "Wakapolresta", "police chief" -> "deputy police chief").
    None when the fragment asks more than the deputy or the previous question names no chief's post."""
    if not _DEPUTY_ASKED_RE.match(fragment):
        return None
    for m in _CHIEF_POST_RE.finditer(previous):
        if m.group("chief"):
            return _replace(previous, m.span(), f"deputy {m.group('chief')}")
        if m.group(0).lower() in POSTS and f"waka{m.group('post').lower()}" in POSTS:
            return _replace(previous, m.span(), f"Waka{m.group('post')}")
    return None


_BEFORE_RE = re.compile(
    r"^(?:yang\s+|the\s+)?(?:(?:pemilihan\s+)?sebelumnya|sebelum\s+itu|previously|before(?:\s+that)?|earlier|"
    r"previous\s+(?:one|election|time))\s*\??$", re.I)


def _election_before(fragment: str, previous: str) -> str | None:
    """"Sebelumnya?" / "Previously?" after a question about an election asks the same of the election held before
    it ("... untuk Pilkada November 2024?" -> "... untuk Pemilu 2024?"), in the order of the polling days of
    ``siaga.dates.ELECTION_DAYS``; written in the previous question's language. None when the fragment asks
    something else. When the previous question names no election (or the first one known), the word is added to it
    as written in lower case ("... Tangerang previously?"), never read as a name ("Polresta Previously")."""
    if not _BEFORE_RE.match(fragment):
        return None
    appended = f"{previous.rstrip(' ?')} {fragment.strip(' ?').lower()}?"
    spans = [s for s in election_spans(previous) if s[2] is not None]
    if not spans:
        return appended
    start, end, kind = spans[0]
    years = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", previous[start:end] or previous)]
    days = sorted((day, k) for k, held in ELECTION_DAYS.items() for day in held)
    held = [i for i, (day, k) in enumerate(days) if k == kind and (not years or day.year == years[0])]
    if not held or held[-1] == 0:
        return appended
    day, before = days[held[-1] - 1]
    if detect_language(previous) == "en":
        phrase = f"{day.year} {'election' if before == 'pemilu' else 'Pilkada'}"
        phrase = phrase if previous[:start].lower().endswith("the ") else f"the {phrase}"
    else:
        phrase = f"{before.capitalize()} {day.year}"
    return _replace(previous, (start, end), phrase)


_MORE_RE = re.compile(
    r"^(?:(?:can|could)\s+you\s+)?(?:tell\s+me\s+(?:more|about\s+(?:it|this|that))|ceritakan\s+(?:tentang\s+)?(?:itu|ini)|"
    r"more(?:\s+details?|\s+about\s+(?:it|this|that))?|details?|"
    r"any\s+more\s+details?|ceritakan\s+lebih\s+(?:lanjut|banyak)|jelaskan\s+lebih\s+lanjut|lebih\s+lanjut|"
    r"selengkapnya|detail(?:nya)?|info\s+lebih\s+lanjut|apa\s+lagi)\s*[?.!]*$", re.I)


_AUXILIARIES = frozenset("is are was were did does do has have had will would can could".split())


def _named_in(previous: str) -> str | None:
    """What the previous question names, comma-separated: its names, election and date ("Polda Banten, Pemilu
    2024"); None when it names nothing."""
    spans: list[tuple[int, int]] = []
    for a, b in sorted(set(_names(previous) + _election_spans(previous) + _date_spans(previous))):
        if spans and previous[spans[-1][1] : a].strip().lower() in {"", "of", "of the", "di", "in"}:
            spans[-1] = (spans[-1][0], b)  # "Kapolda of Kepri" is one name
        elif not spans or a >= spans[-1][1]:
            spans.append((a, b))
    return ", ".join(dict.fromkeys(previous[a:b] for a, b in spans)) or None


def _more_about(fragment: str, previous: str, lang: str) -> str | None:
    """"Tell me more" / "Selengkapnya?" after a question asks for an overview (``rag.overview``) of what that
    question named ("Tell me about Polda Banten, Pemilu 2024"), or, when it names nothing, of what it asked
    ("Tell me about personnel deployed"). An overview request of its own ("Tell me about logistics") is
    whole: it is never appended to the previous question, and takes the previous names in brackets when it
    names none ("Tell me about logistics (Polda Bali)"). None for another fragment."""
    if overview_topic(fragment) is not None:
        named = _named_in(previous) if not _anchored(fragment) else None
        return f"{fragment.rstrip(' ?.!')} ({named})" if named else fragment
    if not _MORE_RE.match(fragment):
        return None
    asked = _INTERROGATIVE_RE.sub("", previous, count=1).strip(" ?").split()  # "personnel were deployed"
    topic = _named_in(previous) or " ".join(w for w in asked if w.lower() not in _AUXILIARIES)
    return f"Tell me about {topic}" if lang == "en" else f"Ceritakan tentang {topic}"


_BARE_QUESTION_WORD_RE = re.compile(r"^(?P<word>when|where|why|kapan|di ?mana|mengapa|kenapa)\s*\??$", re.I)


# a noun (one or two words) with "-nya" and nothing else: "Pangkatnya?", "Nama lengkapnya?"
_NOUN_WITH_NYA_RE = re.compile(r"^(?P<noun>[a-z]+(?:\s+[a-z]{3,}?)??|[a-z]{3,}?)-?nya\s*\??$", re.I)


def _persons_attribute(fragment: str, previous: str, answered: str | None = None) -> str | None:
    """"Pangkatnya?" after "Siapa Kapolda Banten?" asks "Apa pangkat Kapolda Banten?": after a question about a
    person, a lone noun's "-nya" is that person's (as "And his rank?" is, in ``rewrite_followup``). Words whose
    "-nya" is no possessive are left alone: verbs ("berikutnya", "memimpinnya") and adverbs ("sebelumnya",
    "lainnya")."""
    m = _NOUN_WITH_NYA_RE.match(fragment)
    if m is None or not re.match(r"\s*(?:siapa|who)\b", previous, re.I):
        return None
    noun = m.group("noun")
    noun = noun[:1].lower() + noun[1:] if noun[1:2].islower() else noun  # "Pangkat" opens the sentence; "TPS" stays
    head = noun.split()[0].lower()
    if (_owned(m) or is_verb_shaped(head) or head.startswith("se") or head == "lain"
            or _INTERROGATIVE_RE.search(noun)):
        return None  # a known noun's "-nya" ("TPS-nya", "Kapoldanya") is resolved in ``resolve_references``
    person = _asked_person(previous, answered)
    return f"Apa {noun} {person}?" if person else None


def _asked_of_the_count(fragment: str, previous: str) -> str | None:
    """"When?" after "How many personnel were deployed in Tangerang?" is "When were the personnel deployed in
    Tangerang?" ("did Polda Bali deploy" -> "did Polda Bali deploy the personnel"); "Kapan?" after "Berapa personel
    yang diterjunkan ...?" is "Kapan personel diterjunkan ...?". None for another fragment or previous question."""
    bare = _BARE_QUESTION_WORD_RE.match(fragment)
    if bare is None:
        return None
    word = bare.group("word")
    asked = word[:1].upper() + word[1:]
    if detect_language(word) != detect_language(previous):
        return None
    m = _previous_count(previous)
    if m is None:
        return None
    if m.re is _COUNTED_RE:
        noun = re.sub(r"^jumlah\s+", "", m.group("noun"), flags=re.I)
        rest = re.sub(r"^yang\s+", "", m.group("rest"), flags=re.I)  # "personel yang diterjunkan": no "yang"
        return f"{asked} {noun} {rest}?"
    aux, *words = m.group("rest").split()
    if aux.lower() in {"were", "was", "are", "is"}:
        return " ".join([asked, aux, "the", m.group("noun"), *words]) + "?"
    subject = list(itertools.takewhile(lambda w: w[:1].isupper(), words))
    if aux.lower() not in {"did", "do", "does"} or not subject or len(words) == len(subject):
        return None
    verb, rest = words[len(subject)], words[len(subject) + 1 :]
    return " ".join([asked, aux, *subject, verb, "the", m.group("noun"), *rest]) + "?"


_ACTOR_ASKED_RE = re.compile(r"^(?:who\s+(?!(?:is|was|are|were)\b)[a-z]+|siapa\s+yang\s+[a-z]+)\b", re.I)


def _asked_of_the_topic(fragment: str, previous: str) -> str | None:
    """"When?" after "Who led the security parade of Polda Banten?" is "When was the security parade of Polda
    Banten?"; "Kapan?" after "Siapa yang memimpin apel gelar pasukan Polda Banten?" is "Kapan apel gelar pasukan
    Polda Banten?" (appending the previous question would ask "When led ..."). None for another fragment or
    previous question."""
    bare = _BARE_QUESTION_WORD_RE.match(fragment)
    if bare is None or not _ACTOR_ASKED_RE.match(previous) or detect_language(bare.group("word")) != \
            detect_language(previous) or (topic := _topic(previous)) is None:
        return None
    word = bare.group("word")
    asked = word[:1].upper() + word[1:]
    return f"{asked} was {topic}?" if detect_language(previous) == "en" else f"{asked} {topic}?"


def written_out(question: str) -> str:
    """A non-English question with its chat shorthand written out ("brp" -> "berapa"), as every step reads it."""
    return question if detect_language(question) == "en" else expand_shorthand(question)


def resolve_references(fragment: str, previous: str, answered: str | None = None) -> tuple[str, bool]:
    """The fragment with what it points back to made explicit, and whether it still needs the previous
    question's subject (a partitive or a pronoun: "how many of them ..." counts what was counted before).

    "di provinsi itu" becomes "di provinsi Lampung" (an area or unit noun takes the previous question's
    region or name), and so do "there" / "di sana"; a post's "-nya" takes the previous region ("Kapoldanya" →
    "Kapolda Bali"), another noun's is dropped ("TPS-nya" → "TPS"); "of them" and "di antaranya" are dropped,
    and the caller narrows the previous question's count with what is left, or appends its subject.
    """
    unresolved = False
    topic = _topic(previous)  # what "it", "apel itu" or "memimpinnya" stands for after a question about an event

    def name_for(m: re.Match[str]) -> str:
        nonlocal unresolved
        noun = m.group("en_noun") or m.group("id_noun")
        lower = noun.lower()
        name = _previous_name(previous, region_first=lower in AREA_NOUNS) if lower in AREA_NOUNS | UNIT_PREFIXES \
            else None
        if name is None and topic is not None and lower in topic.lower().split():  # "apel itu": "apel gelar ..."
            return topic
        if name is None:  # "that day": nothing to name it by; the previous subject is appended
            unresolved = True
            return m.group(0)
        if m.group("en"):
            return name if noun.lower() in AREA_NOUNS else f"the {noun} {name}"
        return f"{noun} {name}"

    text = _DEMONSTRATIVE_RE.sub(name_for, fragment)
    def owner_for(m: re.Match[str]) -> str:
        nonlocal unresolved
        noun = m.group("noun")
        if noun.lower().startswith("me") and is_verb_shaped(noun) and topic is not None:
            return f"{noun} {topic}"  # "memimpinnya": it led, the previous question's topic
        if not _owned(m):
            return m.group(0)
        if noun.lower() not in PERSON_NOUNS:
            return noun
        owner = _previous_name(previous, region_first=True)  # a post is territorial: the previous region
        if owner is None:
            unresolved = True
            return noun
        head, _, territory = owner.partition(" ")
        if head.lower() in INSTITUTION_PREFIXES and territory:  # "Polresta Tangerang": the Kapolresta Tangerang
            owner = territory
        return f"{noun} {owner}"

    text = _NYA_RE.sub(owner_for, text)

    def english_owner_for(m: re.Match[str]) -> str:
        owner = _previous_name(previous, region_first=False)  # "the chief of Polda Kepri", "the personnel of ..."
        words = m.group("noun").split()
        for n in range(len(words), 0, -1):
            noun = " ".join(words[:n])
            if owner is not None and (words[n - 1].lower() in PERSON_NOUNS or _counts(noun)):
                return " ".join([f"the {noun} of {owner}", *words[n:]])
        return m.group(0)

    text = _ITS_NOUN_RE.sub(english_owner_for, text)

    def place_for(m: re.Match[str]) -> str:
        nonlocal unresolved
        place = _previous_name(previous, region_first=True)
        if place is None:
            unresolved = True
            return m.group(0)
        return f"in {place}" if m.group(0).lower() == "there" else f"di {place}"

    text = _THERE_RE.sub(place_for, text)

    def agent_for(m: re.Match[str]) -> str:
        name = _previous_name(previous, region_first=False)
        if m.group("aux") and topic is not None:  # "did it start": the operation asked about
            return f"{m.group('aux')} {topic}"
        if name is None:
            return m.group(0)
        return f"{m.group('aux')} {name}" if m.group("aux") else f"{m.group('verb')} {name}"

    text = _AGENT_RE.sub(agent_for, text)

    def referent_for(m: re.Match[str]) -> str:
        name = _previous_name(previous, region_first=False)
        if m.group(0).lower() == "it" and topic is not None:
            return topic  # "Who led it?" after "When was the Polda Banten troop parade?": the parade
        if name is None:
            return m.group(0)
        if m.group(0).lower() == "it":
            return name
        if re.match(r"\s*(?:who|whom|siapa)\b", previous, re.I):  # a person asked about: "them" is that person
            return _asked_person(previous, answered) or name
        counted = _previous_count(previous)
        if counted is None:
            return name
        noun = counted.group("noun")
        if detect_language(fragment) == "en":
            return f"the {noun} of {name}"
        return f"{EN_TO_ID.get(noun.lower(), (noun,))[0]} {name}"  # "mereka" after an English count: "personel X"

    text = _IT_RE.sub(referent_for, text)

    def person_for(m: re.Match[str]) -> str:
        nonlocal unresolved
        person = _asked_person(previous, answered)
        if person is None:
            unresolved = True
            return m.group(0)
        return f"{person}'s" if m.group(0).lower() in ("his", "her") else person

    text = _PERSON_PRONOUN_RE.sub(person_for, text)
    partitive = bool(_PARTITIVE_RE.search(text))
    text = " ".join(_PARTITIVE_RE.sub("", text).split())
    return text, partitive or unresolved or bool(_PRONOUN_RE.search(text))


def rewrite_followup(question: str, history: list[dict] | None) -> str:
    """The standalone form of ``question`` given the conversation so far (unchanged when complete)."""
    previous_turns = [written_out(t["content"]) for t in history or [] if t.get("role") == "user" and t.get("content")]
    if not previous_turns:
        return question
    previous = previous_turns[0]
    for turn in previous_turns[1:]:
        previous = rewrite_followup(turn, [{"role": "user", "content": previous}])
    q = " ".join(question.split())
    if not is_elliptical(q):
        return question
    answered = _answered_person(history)  # "he" after "Who led the parade?" is the person the answer named
    lang = detect_language(q)
    fragment = _MARKER_RE.sub("", q).strip()
    if not fragment:
        return question
    if (more := _more_about(fragment, previous, lang) or _measured_count(fragment, previous)) is not None:
        return more
    if (swapped := _deputy_of(fragment, previous) or _election_before(fragment, previous)) is not None:
        return swapped
    if (asked := _asked_of_the_count(fragment, previous) or _asked_of_the_topic(fragment, previous)) is not None:
        return asked
    if (narrowed := _requalified(fragment, previous, lang)) is not None:
        return narrowed
    noun = _another_count_noun(fragment)  # "And how many polling stations?" after a count of voters
    if noun is not None and (swapped := _with_noun(previous, noun)) is not None:
        return swapped
    if re.match(r"(?:his|her)\b", fragment, re.I) and not _INTERROGATIVE_RE.search(fragment):
        owned, _ = resolve_references(fragment, previous, answered)  # "And his rank?": the person's rank
        if owned != fragment:
            return f"What is {owned.rstrip(' ?')}?"
    if (attribute := _persons_attribute(fragment, previous, answered)) is not None:
        return attribute
    if _INTERROGATIVE_RE.search(fragment):
        fragment, leans = resolve_references(fragment, previous, answered)
        standalone = fragment[:1].upper() + fragment[1:]
        if leans or not _anchored(fragment):
            narrowed = _narrowed(standalone, previous)
            if narrowed is None and (topic := _topic(previous)) is not None:  # "... took part (the troop parade)?"
                return f"{standalone.rstrip(' ?')} ({topic})?"
            return narrowed or f"{standalone.rstrip(' ?')} {_context(previous, fragment, answered)}?"
        standalone = _with_counted_noun(standalone, previous)
        if not _election_spans(fragment) and not _date_spans(fragment):
            period = [previous[a:b] for a, b in _election_spans(previous) or _date_spans(previous)]
            if period:
                standalone = f"{standalone.rstrip(' ?')} ({', '.join(period)})?"
        return standalone
    narrowing, rest = _narrowing_and_rest(fragment)  # "yang sangat rawan" | "di Bali"
    requalified = _requalified(narrowing, previous, lang) if narrowing and rest else None
    return _substitute(requalified or previous, rest if requalified else fragment, lang)


_REST_RE = re.compile(rf"\s+(?={_PREPOSITIONS}|[A-Z0-9])")


def _narrowing_and_rest(fragment: str) -> tuple[str, str]:
    """A fragment split before its first preposition, name or figure: "yang sangat rawan di Bali" -> ("yang sangat
    rawan", "di Bali"); ("", fragment) when it opens with one."""
    parts = _REST_RE.split(fragment, maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 else ("", fragment)
