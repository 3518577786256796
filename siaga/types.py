"""Plain data types shared by every stage: ingest produces Articles and Chunks, rag returns Answers."""

from __future__ import annotations

import hashlib
from enum import StrEnum

from pydantic import BaseModel, Field

from siaga.dates import DateMention


def content_hash(text: str) -> str:
    """Stable hash of an article's cleaned text, whitespace- and case-folded (duplicate detection)."""
    folded = " ".join(text.lower().split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:32]


class Article(BaseModel):
    """A cleaned news article. ``text`` is the cleaned body that chunk offsets and citations point into."""

    id: str
    title: str
    text: str
    url: str | None = None
    outlet: str | None = None
    published: str | None = Field(None, description="ISO date (YYYY-MM-DD) when known.")
    published_ts: int | None = Field(None, description="Epoch seconds of `published` (Chroma filters numbers).")
    region: str | None = None
    author: str | None = None
    language: str = "id"
    source_path: str | None = Field(None, description="File the article came from (plus #line for JSONL/CSV).")
    related_headlines: list[str] = Field(
        default_factory=list, description="'Baca juga' headlines: links to other stories, not evidence."
    )

    @property
    def hash(self) -> str:
        return content_hash(self.text)

    @property
    def source_stem(self) -> str | None:
        """File name without extension, used to match gold ids in eval datasets."""
        if not self.source_path:
            return None
        name = self.source_path.split("#", 1)[0].rsplit("/", 1)[-1]
        return name.rsplit(".", 1)[0] if "." in name else name


class Chunk(BaseModel):
    """A slice of an article's cleaned text; ``text == article.text[start:end]``."""

    id: str
    article_id: str
    index: int
    text: str
    start: int
    end: int


class Citation(BaseModel):
    """What one [n] marker points to: the exact span of a sentence inside a stored chunk."""

    n: int
    article_id: str
    chunk_id: str
    start: int = Field(description="Offset of the quote in the article's cleaned text.")
    end: int
    quote: str
    title: str
    outlet: str | None = None
    published: str | None = None
    region: str | None = None
    url: str | None = None

    @classmethod
    def of(cls, n: int, article: Article, chunk_id: str, start: int, end: int, quote: str) -> Citation:
        """A citation of ``article.text[start:end]``, carrying the article's metadata for display."""
        return cls(
            n=n, article_id=article.id, chunk_id=chunk_id, start=start, end=end, quote=quote,
            title=article.title, outlet=article.outlet, published=article.published, region=article.region,
            url=article.url,
        )


class RefusalReason(StrEnum):
    """Why an answer is a refusal; the UI words the empty states from it."""

    NO_ARTICLES = "no_articles"  # the corpus is empty: nothing has been ingested yet
    FILTERED_OUT = "filtered_out"  # the filters (dates, region, outlet) leave no passage to read
    NOT_FOUND = "not_found"  # passages were read and none states the answer
    WRONG_TYPE = "wrong_type"  # the articles state something near, but not the kind of thing asked
    NOT_A_QUESTION = "not_a_question"  # a courtesy ("Thanks!", "Halo"): nothing was looked up


class Phase(StrEnum):
    """What answering is doing now, reported to a waiting user ("loading the model", "searching"...)."""

    LOADING = "loading"  # loading the models and indexes (first question of a process only)
    SEARCHING = "searching"
    READING = "reading"
    CHECKING = "checking"


class Answer(BaseModel):
    """A composed answer with its citations and the verifier's verdict."""

    question: str
    standalone_question: str | None = None
    language: str = "id"
    text: str
    refused: bool = False
    citations: list[Citation] = Field(default_factory=list)
    related: list[Citation] = Field(
        default_factory=list, description="Closest related facts, shown as related, never as the answer."
    )
    related_headlines: list[str] = Field(default_factory=list)
    verified: bool = False
    verification_errors: list[str] = Field(default_factory=list)
    refusal_reason: RefusalReason | None = Field(None, description="Set when ``refused``.")
    conflicting: bool = Field(
        False,
        description="Retrieved articles state different values (figures, names, dates) for what was asked; each cited.",
    )
    mode: str = "extractive"
    notes: list[str] = Field(default_factory=list, description="e.g. why the LLM answer was replaced.")
    seconds: float = 0.0
    debug: dict = Field(default_factory=dict)


class RetrievedChunk(BaseModel):
    """A chunk returned by retrieval, with its article and the scores that put it there."""

    chunk: Chunk
    article: Article
    score: float = Field(0.0, description="Fused score (reciprocal rank fusion); higher is better.")
    dense_score: float | None = Field(None, description="Cosine similarity from the dense leg, if it found it.")
    bm25_score: float | None = Field(None, description="BM25 score from the keyword leg, if it found it.")
    rank: int = 0


class Filters(BaseModel):
    """Search restrictions, applied alike to the dense leg (Chroma `where`) and the keyword leg."""

    since: str | None = Field(None, description="ISO date, inclusive.")
    until: str | None = Field(None, description="ISO date, inclusive.")
    regions: list[str] = Field(default_factory=list)
    outlets: list[str] = Field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.since or self.until or self.regions or self.outlets)


class AnswerType(StrEnum):
    """What kind of thing answers a question; the answer must be of this kind (a who-question, a person)."""

    NUMBER = "number"  # how many / berapa: a count or quantity, with the unit the question names
    MONEY = "money"  # how much money / berapa anggaran: a rupiah amount
    PERSON = "person"  # who / siapa: a person or an organisation
    PLACE = "place"  # where / di mana / which island
    DATE = "date"  # when / kapan / what time
    YES_NO = "yes_no"
    REASON = "reason"  # why / mengapa
    ENTITY = "entity"  # what / which / apa: anything else


class Election(StrEnum):
    PEMILU = "pemilu"  # the 14 February 2024 general election
    PILKADA = "pilkada"  # the 27 November 2024 regional elections


class Combination(StrEnum):
    """How a multi-part question combines its parts' answers."""

    DIFFERENCE = "difference"  # selisih / how many more
    SUM = "sum"  # total / combined
    COMPARE = "compare"  # bandingkan / compare / X vs Y: both figures, and which is larger
    BOTH = "both"  # two facts asked together ("... for Pemilu 2024 and for Pilkada 2024?")
    SEPARATE = "separate"  # two questions in one request ("Berapa personel ..., dan berapa TPS ...?")


class Threshold(BaseModel):
    """A figure a yes/no question measures against ("lebih dari 2.000 personel", "fewer than 1,000")."""

    value: float
    above: bool = Field(description="True for 'more than' / 'at least', False for 'fewer than' / 'at most'.")
    inclusive: bool = Field(False, description="'at least' / 'at most' count the value itself.")

    def holds(self, figure: float) -> bool:
        """Does ``figure`` meet the threshold?"""
        if self.inclusive and figure == self.value:
            return True
        return figure > self.value if self.above else figure < self.value


class QuestionInfo(BaseModel):
    """What the answerer knows about a question before reading: pure string analysis, microseconds."""

    question: str
    language: str = "id"
    answer_type: AnswerType = AnswerType.ENTITY
    unit: str | None = Field(None, description="The noun a count asks for, in Indonesian (personel, TPS).")
    qualifiers: list[str] = Field(default_factory=list, description="Stemmed words a count question narrows its "
                                  "noun by ('sangat rawan' of 'TPS sangat rawan'): of the counts a sentence lists, "
                                  "the one whose clause states them is asked.")
    elections: list[Election] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list, description="Canonical provinces the question names.")
    names: list[str] = Field(
        default_factory=list, description="Names the question is about (Polresta Tangerang, Kodam XIII/Merdeka): "
        "an article that mentions none of a name's words cannot answer it."
    )
    combination: Combination | None = None
    parts: list[QuestionInfo] = Field(default_factory=list, description="One sub-question per fact needed.")
    negated: bool = False
    side: bool = Field(False, description="One side of a sum, difference or comparison: it asks for a part, so a "
                       "figure that is one part of a stated total is not moved to that total.")
    rank: bool = Field(False, description="Asks a person's rank ('Apa pangkat Kapolda Banten?'): read as who holds "
                       "the post, answered with the rank words the article writes before the holder's name.")
    asks_more: bool | None = Field(None, description="A yes/no comparison ('Did Polda Bali deploy more personnel "
                                   "than Polda NTB?'): True when it asks whether the first side has more, False "
                                   "whether it has fewer; answered 'Yes'/'No' before the comparison.")
    threshold: Threshold | None = Field(None, description="A yes/no question against a figure ('Apakah Polda Bali "
                                        "menerjunkan lebih dari 2.000 personel?'): analysed as its count question, "
                                        "answered 'Ya'/'Tidak' from the count found, which is cited.")

    @property
    def multi_part(self) -> bool:
        return len(self.parts) >= 2
