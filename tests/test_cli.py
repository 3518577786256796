"""The command line: JSON shapes, exit codes and one-line errors (never a traceback)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from filelock import FileLock
from typer.testing import CliRunner

from cli import app
from siaga.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "corpus"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cli") / "data"


@pytest.fixture(scope="module")
def runner(data_dir: Path) -> CliRunner:
    return CliRunner(env={"SIAGA_DATA_DIR": str(data_dir)})


@pytest.fixture(scope="module")
def ingested(runner: CliRunner, tmp_path_factory: pytest.TempPathFactory) -> dict:
    corpus = tmp_path_factory.mktemp("corpus")
    shutil.copytree(FIXTURES, corpus, dirs_exist_ok=True)
    result = runner.invoke(app, ["ingest", str(corpus), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_ingest_json_summary(ingested: dict) -> None:
    assert set(ingested) >= {"new", "updated", "unchanged", "duplicates", "failed", "chunks_embedded", "seconds"}
    assert ingested["new"] == 4 and ingested["failed"] == [] and ingested["chunks_embedded"] > 0


def test_bad_file_is_one_line_and_nonzero(runner: CliRunner, ingested: dict, tmp_path: Path) -> None:
    bad = tmp_path / "rusak.json"
    bad.write_text("{oops")
    result = runner.invoke(app, ["ingest", str(bad), str(tmp_path / "hilang.txt")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("failed:")]
    assert len(lines) == 2 and "rusak.json" in lines[0] + lines[1] and "hilang.txt" in lines[0] + lines[1]


def test_list_stats_and_delete(runner: CliRunner, ingested: dict, data_dir: Path) -> None:
    rows = json.loads(runner.invoke(app, ["list", "--json"]).stdout)
    assert len(rows) == 4 and all(r["chunks"] > 0 for r in rows)
    stats = json.loads(runner.invoke(app, ["stats", "--json"]).stdout)
    assert stats["articles"] == 4 and stats["chunks"] == sum(r["chunks"] for r in rows)
    missing = runner.invoke(app, ["delete", "tidak-ada"])
    assert missing.exit_code == 1 and "no stored article" in missing.stderr


def test_ask_json_and_batch(runner: CliRunner, ingested: dict, tmp_path: Path) -> None:
    result = runner.invoke(app, ["ask", "How many personnel were deployed in Tangerang?", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"question", "language", "answer", "refused", "citations", "verified", "seconds"}
    assert data["language"] == "en" and not data["refused"] and "1,048" in data["answer"]
    assert data["citations"] and set(data["citations"][0]) == {"n", "article_id", "title", "outlet", "published",
                                                                "url", "quote"}
    batch = tmp_path / "q.jsonl"
    batch.write_text(
        json.dumps({"id": "a", "question": "Berapa personel Polda Banten yang digeser?"}) + "\n"
        + json.dumps({"id": "b", "question": "Bagaimana dengan di Tangerang?",
                      "history": [{"role": "user", "content": "Berapa personel Polda Banten yang digeser?"},
                                  {"role": "assistant", "content": "1.646 personel."}]}) + "\n"
    )
    out = runner.invoke(app, ["ask", "--batch", str(batch)])
    assert out.exit_code == 0, out.output
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]


def test_ask_rejects_bad_dates(runner: CliRunner) -> None:
    result = runner.invoke(app, ["ask", "Berapa TPS?", "--since", "kemarin"])
    assert result.exit_code == 1 and "--since" in result.stderr and "Traceback" not in result.output


def test_locked_ingest_exits_2(runner: CliRunner, ingested: dict, data_dir: Path) -> None:
    lock = Settings(data_dir=data_dir).lock_path
    with FileLock(str(lock)):
        result = runner.invoke(app, ["ingest", str(FIXTURES)])
    assert result.exit_code == 2 and "another ingest" in result.stderr


def test_other_model_points_to_reindex(ingested: dict, data_dir: Path, tmp_path: Path) -> None:
    other = CliRunner(env={"SIAGA_DATA_DIR": str(data_dir), "SIAGA_EMBED_MODEL": "/models/another-model"})
    new = tmp_path / "baru.txt"
    new.write_text("Polres Lebak siagakan 321 personel\nPolres Lebak menyiagakan 321 personel di 1.500 TPS.\n")
    result = other.invoke(app, ["ingest", str(new)])
    assert result.exit_code == 2 and "siaga reindex" in result.stderr
