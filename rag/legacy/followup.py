"""Rule-based rewriting of chat follow-ups into standalone questions.

Retrieval and the extractive answerer only see one question, so "Kalau Pilkada?" after "Berapa
personel Polda Malut untuk Pemilu 2024?" must become "Berapa personel Polda Malut untuk Pilkada?".
Three shapes cover chat follow-ups in this domain:
- substitution fragments ("Kalau untuk Pilkada November 2024?", "What about Lebak?"): the previous
  question's frame with the election/date/place/unit swapped;
- elliptical questions ("Berapa yang masuk kategori sangat rawan?", "Siapa kapoldanya?"): the new
  question with the counted noun, place and election it leaves out taken from the previous one;
- partitives ("Berapa di antaranya ...", "How many of them ..."): the new question restricted to the
  previous set ("..., dari 1.048 personel yang diterjunkan Polresta Tangerang ...").
A question that already stands alone is returned unchanged.
"""

from __future__ import annotations

import re

from rag.legacy.glossary import MONTHS
from rag.legacy.question import NON_NAME_WORDS, UNITS, analyze_question, detect_language

_LEAD_RE = re.compile(
    r"^\s*(?:(?:lalu|terus|trus|kemudian|nah|oke|ok)\s*,?\s+)?(?:kalau|kalo|bagaimana dengan|gimana dengan|"
    r"bagaimana kalau|gimana kalau|lalu|terus|kemudian|sedangkan|and what about|and how about|what about|"
    r"how about|and for|and in|and|also|then|what of)\b\s*(?:untuk|yang|for|the)?\s*",
    re.I,
)
_QWORD_RE = re.compile(
    r"\b(?:berapa|siapa|kapan|apa|apakah|mana|mengapa|kenapa|bagaimana|how many|how much|who|when|what|which|"
    r"where|why|did|does|was|were|is|are)\b",
    re.I,
)
_PARTITIVE_RE = re.compile(
    r"\s*,?\s*\b(?:di antaranya|diantaranya|dari jumlah (?:itu|tersebut)|dari mereka|of them|of those|of these|"
    r"among them)\b\s*",
    re.I,
)
_ANAPHORA_RE = re.compile(
    r"\b(?:(?:provinsi|daerah|wilayah|kabupaten|kota|polda|polres|sana) (?:itu|tersebut)|di sana|there|that "
    r"(?:province|region|city|regency)|the same (?:province|region))\b",
    re.I,
)
_MONTH_ALT = "|".join(sorted((m for m in MONTHS if len(m) > 3), key=len, reverse=True))
_EVENT_WORD = (
    r"(?:Pemilu|Pilkada|pemilihan umum|general elections?|regional elections?|local elections?|elections?|vote)"
)
_EVENT_PHRASE_RE = re.compile(
    rf"(?:\bthe\s+)?(?:(?:\d{{1,2}}\s+)?(?:{_MONTH_ALT})\s+)?(?:(?:19|20)\d\d\s+)?\b{_EVENT_WORD}\b"
    rf"(?:\s+(?:Serentak|serentak))?(?:\s+(?:\d{{1,2}}\s+)?(?:{_MONTH_ALT}))?(?:\s+(?:19|20)\d\d)?",
    re.I,
)
_GENERIC_ELECTION_RE = re.compile(
    r"\b(?:election (?:officials?|organi[sz]ers?|workers?|supervisors?|staff|bodies|body)|"
    r"(?:penyelenggara|petugas|pengawas|panitia) (?:pemilu|pemilihan))\b",
    re.I,
)
_DATE_PHRASE_RE = re.compile(
    rf"\b(?:pada|on|in|sejak|since)?\s*(?:\d{{1,2}}\s+)?(?:{_MONTH_ALT})(?:\s+(?:19|20)\d\d)?\b", re.I
)


def _last_user(history: list[dict]) -> str | None:
    for turn in reversed(history):
        if turn.get("role") == "user" and str(turn.get("content", "")).strip():
            return str(turn["content"]).strip()
    return None


def _last_assistant(history: list[dict]) -> str:
    for turn in reversed(history):
        if turn.get("role") == "assistant":
            return str(turn.get("content", ""))
    return ""


def _strip_q(q: str) -> str:
    return q.strip().rstrip("?").strip()


def _event_phrase(text: str) -> re.Match[str] | None:
    return _EVENT_PHRASE_RE.search(text)


def _unit_surface(text: str, unit: str | None) -> str | None:
    """How ``text`` writes the counted noun of ``unit`` ("TPS", "polling stations", "personel")."""
    if unit is None:
        return None
    for w in sorted(UNITS[unit][0], key=len, reverse=True):
        m = re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text, re.I)
        if m:
            return m.group(0)
    return None


def _location_names(text: str, *, fragment: bool = False) -> list[str]:
    """Places, units and provinces a question names, as written in it (longest first).

    In a bare fragment ("What about Lebak?") any capitalised name counts as a place.
    """
    info = analyze_question(text)
    names: list[str] = []
    if fragment and not (info.units or info.places or info.regions):
        caps = re.findall(r"\b[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*", text)
        skip = {
            "What",
            "How",
            "And",
            "About",
            "Kalau",
            "Bagaimana",
            "Dengan",
            "Lalu",
            "The",
            "Di",
            "In",
            "Then",
            "For",
            "Also",
            "Serentak",
        }
        for c in caps:
            words = [w for w in c.split() if w not in skip and w not in NON_NAME_WORDS and w.lower() not in MONTHS]
            if words:
                names.append(" ".join(words))
    for u in info.units:
        if u in text:
            names.append(u)
    for p in info.places:
        if p in text:
            names.append(p)
    low = text.lower()
    from rag.legacy.glossary import PROVINCES

    for canon in info.regions:
        for alias in sorted(PROVINCES[canon], key=len, reverse=True):
            m = re.search(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", low)
            if m:
                names.append(text[m.start() : m.end()])
                break
    return sorted(dict.fromkeys(names), key=len, reverse=True)


def _location_phrase(prev: str, lang: str) -> str:
    """A "di X" / "in X" phrase naming the previous question's place (unit seats included)."""
    info = analyze_question(prev)
    names = [n for n in _location_names(prev) if not n.startswith(("Polda", "Polres", "Polresta", "KPU", "Bawaslu"))]
    if not names:
        names = [n.split(" ", 1)[1] for n in _location_names(prev) if " " in n and n.startswith("Polda")]
    if not names:
        names = [u for u in info.units]
    if not names:
        return ""
    name = min(names, key=lambda n: prev.find(n) if n in prev else 10_000)
    if any(name.startswith(p) for p in ("Polda", "Polres", "Polresta", "KPU", "Bawaslu", "Kodam")):
        return name
    return f"{'in' if lang == 'en' else 'di'} {name}"


def _context_phrase(prev: str, new: str, lang: str) -> str:
    """Place and election of the previous question that the new one leaves implicit."""
    info_new = analyze_question(new)
    # "election officials" names people, not which election: it must not block carrying "2024 Pilkada" over
    events_new = analyze_question(_GENERIC_ELECTION_RE.sub(" ", new)).events
    parts: list[str] = []
    if not (info_new.regions or info_new.places or info_new.units):
        loc = _location_phrase(prev, lang)
        if loc:
            parts.append(loc)
        else:
            orgs = [u for u in analyze_question(prev).units] or re.findall(
                r"\b(?:Bawaslu|KPU|Kominfo|Kemkomdigi|Komdigi|Kemendagri|Mendagri|Propam|TNI|Polri|BPS)\b", prev
            )
            parts.extend(orgs[:1])
    if not events_new and not info_new.dates:
        m = _event_phrase(prev)
        if m:
            before = prev[: m.start()].rstrip().split()
            prep = (
                before[-1]
                if before
                and before[-1].lower()
                in {"pada", "untuk", "saat", "dalam", "for", "in", "at", "during", "before", "after", "menjelang"}
                else ("for" if lang == "en" else "pada")
            )
            parts.append(f"{prep} {m.group(0)}")
    return " ".join(parts)


def _replace_location(prev: str, new_names: list[str]) -> str | None:
    """Swap the previous question's place or unit for the new one ("Polres Serang" -> "Polres Lebak")."""
    old_names = _location_names(prev)
    if not old_names or not new_names:
        return None
    new = new_names[0]
    new_head = new.split()[0]
    # a unit replaces a unit of the same kind first ("Polres Gunungkidul" -> "Polresta Yogyakarta")
    if new_head in {"Polres", "Polresta", "Polda", "Kodam", "KPU"}:
        for old in old_names:
            head = old.split()[0]
            if head in {"Polres", "Polresta"} and new_head in {"Polres", "Polresta"} or head == new_head:
                return prev.replace(old, new, 1)
    for old in old_names:
        if old.split()[0] in {"Polda", "Polres", "Polresta", "KPU", "Kodam"} and " " in old:
            seat = old.split(" ", 1)[1]
            bare = new.split(" ", 1)[1] if new_head in {"Polda", "Polres", "Polresta"} else new
            if len(old_names) == 1 or not any(
                n.split()[0] not in {"Polda", "Polres", "Polresta", "KPU", "Kodam"} for n in old_names
            ):
                return prev.replace(seat, bare)
            continue
        return re.sub(rf"(?<![\w-]){re.escape(old)}(?![\w-])", new, prev, count=1)
    old = old_names[0]
    return prev.replace(old.split(" ", 1)[-1], new.split(" ", 1)[-1])


def _substitute(prev: str, fragment: str) -> str:
    """The previous question with the fragment's election/date/place/unit swapped in."""
    out = _strip_q(prev)
    frag_info = analyze_question(fragment)
    changed = False
    ev_new = _event_phrase(fragment)
    if frag_info.events or ev_new:
        ev_old = _event_phrase(out)
        new_phrase = ev_new.group(0) if ev_new else fragment
        if ev_old:
            new_phrase = re.sub(r"^the\s+", "the " if ev_old.group(0).lower().startswith("the ") else "", new_phrase)
            if ev_old.group(0).lower().startswith("the ") and not new_phrase.lower().startswith("the "):
                new_phrase = "the " + new_phrase
            out = out[: ev_old.start()] + new_phrase + out[ev_old.end() :]
        else:
            out = f"{out} {'for' if detect_language(prev) == 'en' else 'pada'} {new_phrase}"
        changed = True
    elif frag_info.dates:
        d_old = _DATE_PHRASE_RE.search(out)
        d_new = _DATE_PHRASE_RE.search(fragment)
        if d_old and d_new:
            out = out[: d_old.start()] + " " + d_new.group(0).strip() + out[d_old.end() :]
            changed = True
    new_names = _location_names(fragment, fragment=True)
    if new_names:
        replaced = _replace_location(out, new_names)
        if replaced:
            out = replaced
            changed = True
    unit_new = _unit_surface(fragment, frag_info.unit) if frag_info.unit else None
    if unit_new is None:
        for unit, (q_words, _) in UNITS.items():
            for w in q_words:
                if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", fragment, re.I):
                    unit_new = w
                    frag_unit = unit
                    break
            if unit_new:
                break
        else:
            frag_unit = None
    else:
        frag_unit = frag_info.unit
    prev_info = analyze_question(prev)
    if unit_new and frag_unit and prev_info.unit and frag_unit != prev_info.unit:
        old = _unit_surface(out, prev_info.unit)
        if old:
            out = out.replace(old, unit_new, 1)
            changed = True
    if not changed:
        out = f"{out} {fragment}"
    return re.sub(r"\s+", " ", out).strip() + "?"


def _direct_unit(q: str) -> bool:
    """True when the word after "berapa"/"how many" is the counted noun itself."""
    m = re.search(r"\b(?:berapa|how many|how much)\s+(?:(?:jumlah|total)\s+)?(?P<w>[\w-]+(?:\s+[\w-]+)?)", q, re.I)
    if not m:
        return False
    words = m.group("w").lower()
    return any(re.match(rf"{re.escape(w)}\b", words) for q_words, _ in UNITS.values() for w in q_words)


def _any_unit_surface(text: str) -> str | None:
    """The first counted noun a (non-count) question mentions ("polling stations" in "What did ...")."""
    best: tuple[int, str] | None = None
    for q_words, _ in UNITS.values():
        for w in q_words:
            m = re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text, re.I)
            if m and len(w) > 2 and (best is None or m.start() < best[0]):
                best = (m.start(), m.group(0))
    return best[1] if best else None


def _prev_set(prev: str, assistant: str, lang: str) -> str:
    """The previous question's set as a noun phrase, with its size when the assistant stated it."""
    info = analyze_question(prev)
    body = _strip_q(prev)
    m = re.search(r"\b(?:berapa(?:\s+(?:jumlah|total))?|how many|how much)\b\s*", body, re.I)
    remainder = body[m.end() :] if m else body
    if lang == "en":
        remainder = re.sub(r"\b(?:were|was)\s+(?=\w+ed\b)", "", remainder)
        remainder = re.sub(r"\bdid\s+", "that ", remainder)
    size = ""
    unit_word = _unit_surface(prev, info.unit) if info.unit else None
    if unit_word and assistant:
        for n in re.finditer(r"\d[\d.,]*", assistant):
            after = assistant[n.end() : n.end() + 30].lower()
            if any(after.lstrip().startswith(w) for w in UNITS[info.unit][1] + UNITS[info.unit][0]):  # type: ignore[index]
                size = n.group(0)
                break
    if size and remainder.lower().startswith(unit_word.lower()):  # type: ignore[union-attr]
        return f"{size} {remainder}"
    return f"{remainder} ({size})" if size else remainder


def rewrite_followup(question: str, history: list[dict]) -> str:
    """Rewrite a chat follow-up into a standalone question in the asker's language.

    ``history`` is [{"role": "user"|"assistant", "content": str}, ...], oldest first. Without a
    previous user question, or when ``question`` already stands alone, it is returned unchanged.
    """
    q = " ".join(question.split())
    prev = _last_user(history or [])
    if not q or not prev:
        return question
    lang = detect_language(q)
    lead = _LEAD_RE.match(q)
    body = q[lead.end() :] if lead else q
    body_s = _strip_q(body)
    has_qword = bool(_QWORD_RE.search(body_s)) and not (
        lead
        and re.match(r"bagaimana", lead.group(0), re.I)
        and not re.search(r"\b(?:berapa|siapa|kapan)\b", body_s, re.I)
    )
    partitive = bool(_PARTITIVE_RE.search(body_s))
    anaphora = bool(_ANAPHORA_RE.search(body_s)) or bool(re.search(r"\w-?nya\b", body_s))
    info = analyze_question(body_s if has_qword else q)
    has_subject = bool(info.regions or info.places or info.units or info.people)
    if not lead and not partitive and not anaphora and has_qword and has_subject:
        return question  # already standalone
    if lead and has_qword and has_subject and (info.events or info.dates) and not partitive and not anaphora:
        return question  # "Lalu siapa Kapolda NTB saat Pilkada 2024?"
    prev_info = analyze_question(prev)

    if not has_qword:
        return _substitute(prev, body_s or q)

    out = re.sub(r"(\w)-nya\b", r"\1", body_s)
    prev_unit_word = _unit_surface(prev, prev_info.unit) if prev_info.unit else _any_unit_surface(prev)
    if partitive:
        out = _PARTITIVE_RE.sub(" ", out).strip()
        unit_word = prev_unit_word
        if unit_word and not _direct_unit(out):
            out = re.sub(
                r"\b(berapa|how many|how much)\b", lambda m: f"{m.group(1)} {unit_word}", out, count=1, flags=re.I
            )
        joiner = ", of the" if lang == "en" else ", dari"
        out = f"{out}{joiner} {_prev_set(prev, _last_assistant(history), lang)}"
        return re.sub(r"\s+", " ", out).strip() + "?"
    # resolve "-nya" and "provinsi itu"
    loc = _location_phrase(prev, lang)
    if _ANAPHORA_RE.search(out):
        bare = re.sub(r"^(?:di|in)\s+", "", loc) if loc else ""
        out = _ANAPHORA_RE.sub(
            lambda m: (
                (("di " if m.group(0).lower().startswith("di ") or lang == "id" else "in ") + bare)
                if bare
                else m.group(0)
            ),
            out,
        )
        out = re.sub(r"\b(di|in)\s+(?:di|in)\s+", r"\1 ", out)
    post_nya = re.search(
        r"\b(kapolda|kapolres|kapolresta|wakapolda|pangdam)(?:-?nya\b|(?=\s*(?:$|[?,]|\s(?:saat|pada|"
        r"ketika|untuk|waktu|at|during|for|in|then)\b)))",
        out,
        re.I,
    )
    if post_nya:
        seat = ""
        for u in prev_info.units:
            head, _, rest = u.partition(" ")
            if rest and head.lower() in post_nya.group(1).lower():
                seat = rest
                break
        if not seat and prev_info.regions:
            seat = _location_phrase(prev, lang).split(" ", 1)[-1]
        out = (
            out[: post_nya.start()]
            + post_nya.group(1).capitalize()
            + (f" {seat}" if seat else "")
            + out[post_nya.end() :]
        )
    # a count without its noun takes the previous one ("Berapa yang masuk kategori sangat rawan?")
    if info.answer_type.value == "number" and not _direct_unit(out) and prev_unit_word:
        out = re.sub(
            r"\b(berapa|how many|how much)\b", lambda m: f"{m.group(1)} {prev_unit_word}", out, count=1, flags=re.I
        )
    info_out = analyze_question(out)
    if not (info_out.regions or info_out.places or info_out.units or info_out.people or info_out.unit):
        # elliptical: nothing but the question word and a predicate; carry the previous topic over
        m = re.search(
            r"\b(?:berapa(?:\s+(?:jumlah|total))?|how many|how much|what|siapa|who)\b\s*", _strip_q(prev), re.I
        )
        topic = _strip_q(prev)[m.end() :] if m else _strip_q(prev)
        out = f"{out} {topic}"
    else:
        ctx = _context_phrase(prev, out, lang)
        if ctx:
            out = f"{out} {ctx}" if lang == "id" else f"{out} ({ctx})"
    out = out[0].upper() + out[1:] if out else out
    return re.sub(r"\s+", " ", out).strip() + "?"
