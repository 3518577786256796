"""The app's heavy objects, created once per process and shared by every session.

``Engine`` owns the embedding model and the Siaga pipeline. The model loads in a background thread
started when the server starts (``python -m ui.serve``) or, under a plain ``streamlit run``, on the
first page view; pages render at once and only a question waits for the load to finish, with a
status that says so.

Freshness: an ingest in another process (``siaga ingest``) bumps the article store's generation;
the retriever notices and reloads BM25 and re-opens embedded Chroma by itself
(``HybridRetriever.refresh_vectors``), so the engine never rebuilds anything.
"""

from __future__ import annotations

import threading
from typing import Any

from siaga.settings import LLMBackend, Settings
from siaga.store import ArticleStore

MODE_EXTRACTIVE = "extractive"
MODE_LLM = "llm"


_EMBEDDERS: dict[tuple[str, str], Any] = {}
_EMBEDDERS_LOCK = threading.Lock()


def shared_embedder(settings: Settings) -> Any:
    """One embedding model per (model, cache dir) in the process, whatever else the settings differ in.

    Engines for other settings (an LLM backend, another data dir) reuse it instead of loading a copy.
    """
    key = (settings.embed_model, str(settings.model_cache_dir))
    with _EMBEDDERS_LOCK:
        if key not in _EMBEDDERS:
            from siaga.embedding import load_embedder

            _EMBEDDERS[key] = load_embedder(settings)
        return _EMBEDDERS[key]


class Engine:
    """One Siaga per process: the model, Chroma client and BM25 index, loaded once, refreshed on change."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.settings.apply_runtime_env()
        self.store = ArticleStore(settings.sqlite_path)
        self._lock = threading.RLock()
        self._embedder: Any = None
        self._siaga: Any = None
        self._extractive: Any = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None

    # --- loading -----------------------------------------------------------------------------------
    def start(self) -> None:
        """Start loading the model and indexes in the background (idempotent)."""
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._load, name="siaga-warm-up", daemon=True)
                self._thread.start()

    def _load(self) -> None:
        try:
            self._build()
        except BaseException as exc:  # reported to the session that waits for it
            self._error = exc
        finally:
            self._ready.set()

    def _build(self) -> None:
        from rag.pipeline import Siaga

        with self._lock:
            if self._embedder is None:
                self._embedder = shared_embedder(self.settings)
            siaga = Siaga(self.settings, embedder=self._embedder)
            siaga.warm_up()
            self._embedder = siaga.embedder
            self._siaga, self._extractive = siaga, None

    @property
    def ready(self) -> bool:
        return self._ready.is_set() and self._error is None

    def wait(self, timeout: float | None = None) -> None:
        """Block until the warm-up finished; re-raise its error (the next call retries)."""
        self.start()
        self._ready.wait(timeout)
        if self._error is not None:
            error, self._error = self._error, None
            with self._lock:
                self._thread = None
                self._ready.clear()
            raise error

    @property
    def embedder(self) -> Any:
        self.wait()
        return self._embedder

    # --- modes -------------------------------------------------------------------------------------
    @property
    def llm_configured(self) -> bool:
        return self.settings.llm != LLMBackend.NONE

    def modes(self) -> list[str]:
        return [MODE_EXTRACTIVE, MODE_LLM] if self.llm_configured else [MODE_EXTRACTIVE]

    def siaga(self, mode: str = MODE_EXTRACTIVE) -> Any:
        """The pipeline for ``mode``; with an LLM configured, extractive mode gets its own LLM-less Siaga."""
        self.wait()
        with self._lock:
            if mode == MODE_LLM or not self.llm_configured:
                return self._siaga
            if self._extractive is None:
                from rag.pipeline import Siaga

                plain = self.settings.model_copy(update={"llm": LLMBackend.NONE})
                self._extractive = Siaga(plain, embedder=self._embedder)
                self._extractive.warm_up()
            return self._extractive

def settings_key(settings: Settings) -> str:
    return settings.model_dump_json()


_ENGINES: dict[str, Engine] = {}
_ENGINES_LOCK = threading.Lock()


def get_settings() -> Settings:
    """Settings from the environment (SIAGA_*), read on each run: cheap, and tests can point elsewhere."""
    return Settings()


def get_engine(settings: Settings | None = None) -> Engine:
    """The process-wide engine for these settings; starts its background warm-up.

    A plain module-level registry rather than ``st.cache_resource``: ``ui.serve`` creates the engine
    before Streamlit's runtime exists (warming the model when the server starts), and every session
    afterwards must find that same engine.
    """
    settings = settings or get_settings()
    key = settings_key(settings)
    with _ENGINES_LOCK:
        engine = _ENGINES.get(key)
        if engine is None:
            engine = _ENGINES[key] = Engine(settings)
    engine.start()
    return engine
