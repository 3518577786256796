"""Chat messages that are no question about the articles: "Thanks!", "Halo", "Oke sip", "What can you do?".

A chat user thanks, greets and acknowledges; read as a follow-up, "Thanks!" became "How many personnel did
Polresta Thanks deploy?" and was refused as if the articles had been asked. A message made only of courtesy
words is answered with a courtesy (``rag.wording.courtesy_reply``), nothing is searched, and it is left out of
the questions a later follow-up leans on. Only the whole message counts: "Terima kasih, lalu di Bali?" is a
follow-up, and "Mantap Brata" is an operation, not a "great".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from enum import StrEnum


class Courtesy(StrEnum):
    """What a courtesy message does; its reply is worded per kind."""

    THANKS = "thanks"
    GREETING = "greeting"
    ACKNOWLEDGEMENT = "acknowledgement"
    HELP = "help"  # "What can you do?": what to ask, said instead of searching for it
    FAREWELL = "farewell"


# phrase -> (kind, language: "id", "en", or None for words both languages use)
COURTESIES: dict[str, tuple[Courtesy, str | None]] = {
    **{p: (Courtesy.THANKS, "en") for p in (
        "thanks", "thank you", "thankyou", "thanks a lot", "thank you very much", "thank you so much", "many thanks",
        "thx", "ty", "cheers", "much appreciated", "appreciate it")},
    **{p: (Courtesy.THANKS, "id") for p in (
        "terima kasih", "terimakasih", "trima kasih", "makasih", "makasi", "makasih banyak", "terima kasih banyak",
        "trims", "tengkyu", "nuhun", "matur nuwun")},
    **{p: (Courtesy.GREETING, "en") for p in (
        "hi", "hello", "hey", "good morning", "good afternoon", "good evening", "greetings")},
    **{p: (Courtesy.GREETING, "id") for p in (
        "halo", "hai", "hallo", "selamat pagi", "selamat siang", "selamat sore", "selamat malam", "permisi",
        "assalamualaikum", "assalamu alaikum", "salam")},
    **{p: (Courtesy.ACKNOWLEDGEMENT, "en") for p in (
        "okay", "great", "good", "nice", "cool", "noted", "got it", "i see", "understood", "perfect", "alright",
        "all right", "fine", "good job")},
    **{p: (Courtesy.ACKNOWLEDGEMENT, "id") for p in (
        "oke", "okey", "sip", "siap", "baik", "baiklah", "mantap", "paham", "dimengerti", "oh begitu", "begitu",
        "oke deh", "sip deh", "mantul")},
    **{p: (Courtesy.ACKNOWLEDGEMENT, None) for p in ("ok", "ok deh", "okk", "okeh")},
    **{p: (Courtesy.FAREWELL, "en") for p in ("bye", "goodbye", "good bye", "bye bye", "see you", "see you later")},
    **{p: (Courtesy.FAREWELL, "id") for p in ("dadah", "dah", "sampai jumpa", "sampai nanti", "permisi dulu", "pamit")},
    **{p: (Courtesy.HELP, "en") for p in (
        "help", "what can you do", "what can i ask", "what can i ask you", "how do i use this", "how does this work",
        "what are you", "who are you")},
    **{p: (Courtesy.HELP, "id") for p in (
        "bantuan", "apa yang bisa kamu lakukan", "apa yang bisa ditanyakan", "bisa apa saja", "kamu bisa apa",
        "cara pakai", "bagaimana cara menggunakannya", "siapa kamu", "kamu siapa")},
}
# words that only soften a courtesy ("makasih ya", "thanks again", "oke deh kak")
_FILLERS = frozenset("ya yah ye deh dong sekali banget kak mas mbak bang pak bu min gan again so very much lot a "
                     "siaga bot everyone all there".split())
_PRECEDENCE = (Courtesy.HELP, Courtesy.FAREWELL, Courtesy.THANKS, Courtesy.GREETING, Courtesy.ACKNOWLEDGEMENT)
_LONGEST = max(len(p.split()) for p in COURTESIES)


def _words(message: str) -> list[str]:
    return re.findall(r"[a-z]+", message.lower())


def courtesy_of(message: str) -> tuple[Courtesy, str | None] | None:
    """The courtesy a whole message makes, and its language (None when the words are both languages'), or None
    when anything in it is more than courtesy: "Ok, thanks!" -> (THANKS, "en"); "Oke, di Bali?" -> None."""
    words = _words(message)
    if not words or re.search(r"\d", message):
        return None
    found: list[tuple[Courtesy, str | None]] = []
    i = 0
    while i < len(words):
        for n in range(min(_LONGEST, len(words) - i), 0, -1):
            hit = COURTESIES.get(" ".join(words[i : i + n]))
            if hit is not None:
                found.append(hit)
                i += n
                break
        else:
            if words[i] not in _FILLERS:
                return None
            i += 1
    if not found:
        return None
    kind = min((k for k, _ in found), key=_PRECEDENCE.index)
    languages = [lang for k, lang in found if lang is not None]
    return kind, (languages[0] if languages else None)


_LEADING_RE = re.compile(r"^(?P<lead>[^,.!;:?]{1,40}?)\s*[,.!;:]+\s*(?P<rest>\S.*)$", re.S)

# phrases that announce a question before it ("Mau tanya: berapa ...?", "Quick question: how many ...?"): no
# courtesy to reply to, and no part of the question to read, search or quote
LEAD_INS = frozenset({
    "mau tanya", "saya mau tanya", "aku mau tanya", "mau nanya", "numpang tanya", "izin tanya", "izin bertanya",
    "ijin tanya", "ijin bertanya", "boleh tanya", "boleh bertanya", "tanya dong", "tanya", "mau bertanya",
    "saya ingin bertanya", "ingin bertanya", "mohon info", "minta info", "tolong info", "info dong", "pertanyaan",
    "pertanyaan saya", "quick question", "a quick question", "one question", "question", "i have a question",
    "can i ask", "may i ask", "i want to ask", "i would like to ask", "just wondering", "i was wondering",
})
# a lead-in of several words ending in an asking word may run straight into the question: "mau tanya berapa ...?"
_LEAD_IN_RE = re.compile(
    r"^(?P<lead>" + "|".join(re.escape(p) for p in sorted(
        (p for p in LEAD_INS if " " in p and p.split()[-1] in {"tanya", "nanya", "bertanya", "ask"}),
        key=len, reverse=True)) + r")\s+(?P<rest>\S.*)$", re.S | re.I)


def _is_lead_in(text: str) -> bool:
    """Is ``text`` a lead-in, softened or not ("mau tanya dong kak", "I have a question")?"""
    words = _words(text)
    return " ".join(words) in LEAD_INS or " ".join(w for w in words if w not in _FILLERS) in LEAD_INS


_TRAILING_RE = re.compile(r"^(?P<rest>.*?[,.!?;:])\s*(?P<tail>[^,.!?;:]{1,40}?)[\s,.!?;:]*$", re.S)


def without_courtesy(message: str) -> str:
    """The message without a courtesy or a lead-in that opens it, nor a courtesy that closes it: "Terima kasih,
    lalu di Bali?" -> "lalu di Bali?", "Ok. Who led the parade?" -> "Who led the parade?", "Halo, mau tanya: berapa
    TPS ...?" -> "berapa TPS ...?", "Berapa TPS di Bali? Terima kasih." -> "Berapa TPS di Bali?"; unchanged when
    it is all courtesy (or all lead-in). Emoji are taken off anywhere: "Berapa TPS di Bali? 🙏" -> "Berapa TPS di
    Bali?" (``without_emoji``)."""
    message = without_emoji(message).strip()
    end = _TRAILING_RE.match(message)
    if end is not None and courtesy_of(end.group("tail")) is not None and courtesy_of(message) is None:
        return without_courtesy(end.group("rest").rstrip(",;: "))
    m = _LEADING_RE.match(message) or _LEAD_IN_RE.match(message)
    if m is None or courtesy_of(message) is not None:
        return message
    lead, rest = m.group("lead"), m.group("rest")
    if courtesy_of(lead) is None and not _is_lead_in(lead):
        return message
    return without_courtesy(rest) if courtesy_of(rest) is None else rest


def without_emoji(message: str) -> str:
    """``message`` without emoji and pictographs (symbols from U+2190 on, with their variation selectors, joiners
    and skin tones): a chat gesture is no word to read or search. "°" and "©" stay."""
    kept = "".join(ch for ch in message if not _is_emoji(ch))
    return _SPACES_RE.sub(" ", kept) if len(kept) != len(message) else message


def _is_emoji(ch: str) -> bool:
    code = ord(ch)
    return (code >= 0x2190 and unicodedata.category(ch) == "So") or code in (0xFE0F, 0xFE0E, 0x200D) \
        or 0x1F3FB <= code <= 0x1F3FF


_SPACES_RE = re.compile(r"[ \t]{2,}")


def questions_asked(history: list[dict] | None, skip: Callable[[str], bool] | None = None) -> list[dict]:
    """The conversation without the user's courtesies (and the turns ``skip`` says, e.g. "Who said so?") and the
    replies to them: what a follow-up can lean on."""
    kept: list[dict] = []
    skipping = False
    for turn in history or []:
        if turn.get("role") == "user":
            text = str(turn.get("content") or "")
            skipping = courtesy_of(text) is not None or (skip is not None and skip(text))
        if not skipping:
            kept.append(turn)
    return kept
