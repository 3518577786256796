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
    new.write_text("Polres Lebak siagakan 321 personel\nPolres Lebak menyiagakan 321 personel di 1.500 TPS "
                   "Kabupaten Lebak untuk mengamankan pemungutan suara Pemilu 2024.\n")
    result = other.invoke(app, ["ingest", str(new)])
    assert result.exit_code == 2 and "siaga reindex" in result.stderr


# ------------------------------------------------------------------ issue 9: hostile input, faults, doctor


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_empty_path_is_an_error_not_the_current_folder(runner: CliRunner, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "di-sini.txt").write_text(
        "Polres Contoh siagakan personel\n\nPolres Contoh menyiagakan 250 personel untuk mengamankan 900 TPS "
        "pada Pemilu 2024 di seluruh kecamatan.\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", "", "--dry-run", "--json"])
    summary = json.loads(result.stdout)
    assert result.exit_code == 1 and summary["new"] == 0
    assert [f["error"] for f in summary["failed"]] == ["empty path: give a file, a folder or a glob pattern"]


def test_deeply_nested_json_fails_alone_and_the_summary_is_printed(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "deep.json").write_text("[" * 1000 + "]" * 1000, encoding="utf-8")
    (tmp_path / "deep.jsonl").write_text("[" * 1000 + "]" * 1000 + "\n", encoding="utf-8")
    (tmp_path / "baik.txt").write_text(
        "Polres Contoh siagakan personel\n\nPolres Contoh menyiagakan 250 personel untuk mengamankan 900 TPS "
        "pada Pemilu 2024 di seluruh kecamatan.\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path), "--dry-run"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1 and "Traceback" not in result.output
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed:")]
    assert len(failed) == 2 and all("nested too deeply" in line for line in failed)
    assert "would ingest: 1 new" in result.stdout


def test_list_escapes_markup_and_terminal_codes(runner: CliRunner, ingested: dict, data_dir: Path) -> None:
    """`Media [/] Aneh` crashed the listing; `[bold red]`, `[link=...]` styled it; ESC reached the terminal."""
    from siaga.store import ArticleStore
    from siaga.types import Article, Chunk

    store = ArticleStore(Settings(data_dir=data_dir).sqlite_path)
    nasty = [
        ("aneh-1", "Media [/] Aneh", "[bold red]Merah[/bold red]"),
        ("aneh-2", "Klik [link=https://jahat.example]di sini[/link] [foto]", "Warta\x1b]8;;https://jahat.example\x07"),
        ("aneh-3", "Judul \x1b[31mmerah\x1b[0m \u202eterbalik", "Outlet"),
    ]
    with store.transaction() as db:
        for article_id, title, outlet in nasty:
            text = "Teks artikel yang cukup panjang untuk disimpan."
            store.put(db, Article(id=article_id, title=title, text=text, outlet=outlet, published="2030-01-01"),
                      [Chunk(id=f"{article_id}::0", article_id=article_id, index=0, text=text, start=0, end=len(text))])
    try:
        result = runner.invoke(app, ["list"], env={"COLUMNS": "400"})
        assert result.exit_code == 0, result.output
        out = result.stdout
        assert "Media [/] Aneh" in out and "[bold red]Merah[/bold red]" in out
        assert "[link=https://jahat.example]di sini[/link] [foto]" in out
        assert "\x1b" not in out and "\u202e" not in out and "\\x1b]8;;https://jahat.example\\x07" in out
        assert "\\x1b[31mmerah" in out and "\\u202eterbalik" in out
    finally:
        with store.transaction() as db:
            for article_id, _, _ in nasty:
                store.delete(db, article_id)


def test_plain_ask_escapes_terminal_codes_from_titles(runner: CliRunner, ingested: dict, data_dir: Path) -> None:
    from siaga.store import ArticleStore

    store = ArticleStore(Settings(data_dir=data_dir).sqlite_path)
    article_id = store.find("tangerang-20240210-polresta-tangerang-sebar-1048-personel-ke-5431-tps")
    title = store.get(article_id).title
    store.db.execute("UPDATE articles SET title=?, outlet=? WHERE id=?",
                     ("\x1b]0;judul palsu\x07\x1b[2J" + title, "[bold]Warta[/bold]\x1b[5m", article_id))
    try:
        result = runner.invoke(app, ["ask", "How many personnel were deployed in Tangerang?"])
        assert result.exit_code == 0, result.output
        assert article_id and "1,048" in result.stdout
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
        assert "\\x1b]0;judul palsu\\x07\\x1b[2J" in result.stdout and "[bold]Warta[/bold]" in result.stdout
    finally:
        store.db.execute("UPDATE articles SET title=?, outlet=NULL WHERE id=?", (title, article_id))


def test_doctor_finds_and_repairs_what_a_crash_left(runner: CliRunner, ingested: dict, data_dir: Path) -> None:
    from siaga.store import ArticleStore, VectorIndex

    settings = Settings(data_dir=data_dir)
    healthy = runner.invoke(app, ["doctor"])
    assert healthy.exit_code == 0 and "consistent" in healthy.stdout, healthy.output
    store = ArticleStore(settings.sqlite_path)
    article_id = store.find("tangerang-20240210-polresta-tangerang-sebar-1048-personel-ke-5431-tps")
    vectors = VectorIndex(settings)
    vectors.delete_ids(store.chunk_ids(article_id)[:2])  # what a killed reindex or delete leaves
    vectors.upsert(["hantu::0"], [[0.0] * 383 + [1.0]], ["teks tanpa artikel"], [{"article_id": "hantu"}])
    sick = runner.invoke(app, ["doctor", "--json"])
    report = json.loads(sick.stdout)
    assert sick.exit_code == 1 and not report["before"]["ok"]
    assert report["before"]["missing_vectors"] == {article_id: 2} and report["before"]["orphan_vectors"] == 1
    repaired = runner.invoke(app, ["doctor", "--repair"])
    assert repaired.exit_code == 0 and "consistent" in repaired.stdout, repaired.output
    assert sorted(VectorIndex(settings).ids_of_article(article_id)) == sorted(store.chunk_ids(article_id))
    assert VectorIndex(settings).count() == store.stats()["chunks"]


def test_chroma_server_down_is_one_line_for_every_command(ingested: dict, data_dir: Path, tmp_path: Path) -> None:
    """ask/ingest/delete against a server that is not running printed ~380-line tracebacks."""
    down = CliRunner(env={"SIAGA_DATA_DIR": str(data_dir), "SIAGA_CHROMA_URL": f"http://127.0.0.1:{_free_port()}"})
    for args in (["ask", "Berapa personel yang diterjunkan di Tangerang?"], ["ingest", str(FIXTURES)],
                 ["delete", "tangerang-20240210-polresta-tangerang-sebar-1048-personel-ke-5431-tps"]):
        result = down.invoke(app, args)
        assert result.exit_code == 3, (args, result.output, result.exception)
        assert "Traceback" not in result.output
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and "unreachable" in lines[0] and "SIAGA_CHROMA_URL" in lines[0], (args, lines)
    stats = json.loads(CliRunner(env={"SIAGA_DATA_DIR": str(data_dir)}).invoke(app, ["stats", "--json"]).stdout)
    assert stats["articles"] == 4  # the refused delete changed nothing


def test_adapt_reader_never_writes_over_its_base(runner: CliRunner, tmp_path: Path) -> None:
    from rag.reader import DEFAULT_READER_DIR

    weights = (DEFAULT_READER_DIR / "model.safetensors").stat().st_mtime_ns
    result = runner.invoke(app, ["adapt-reader", "--out", str(DEFAULT_READER_DIR)])
    assert result.exit_code != 0
    assert "base reader's folder" in result.output and "Traceback" not in result.output
    assert (DEFAULT_READER_DIR / "model.safetensors").stat().st_mtime_ns == weights
    missing = runner.invoke(app, ["adapt-reader", "--out", str(tmp_path / "new"), "--data", str(tmp_path)])
    assert missing.exit_code != 0 and "no FacQA/IDK-MRC data" in missing.output
    assert not (tmp_path / "new").exists()


def test_calibrate_searches_the_english_readings_asked_for(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    import eval.calibrate
    from rag.compose import EnglishReading

    seen: list = []
    record = {"calibration": {"threshold": 1.0}, "tune_accuracy": 0.5, "tune_cv_utility": 0.5, "cv_utility": 0.5}
    monkeypatch.setattr(eval.calibrate, "calibrate",
                        lambda dataset, corpus, settings, report, english_readings, fresh, keep_point, public_dir, also:
                        seen.append((english_readings, fresh, keep_point)) or record)
    both = runner.invoke(app, ["calibrate", "--english-reading", "glossed", "--english-reading", "both"])
    default = runner.invoke(app, ["calibrate"])
    fresh = runner.invoke(app, ["calibrate", "--fresh"])
    kept = runner.invoke(app, ["calibrate", "--keep-point"])
    kept_both = runner.invoke(app, ["calibrate", "--keep-point", "--english-reading", "both"])
    assert all(r.exit_code == 0 for r in (both, default, fresh, kept, kept_both)), both.output + kept_both.output
    assert seen == [([EnglishReading.GLOSSED, EnglishReading.BOTH], False, False), ([], False, False),
                    ([], True, False), ([], False, True), ([EnglishReading.BOTH], False, True)]
    bad = runner.invoke(app, ["calibrate", "--english-reading", "loud"])
    assert bad.exit_code != 0 and "unknown English reading 'loud'" in bad.output and "Traceback" not in bad.output
    clash = runner.invoke(app, ["calibrate", "--keep-point", "--fresh"])
    assert clash.exit_code != 0 and "--keep-point" in clash.output and "Traceback" not in clash.output
    assert len(seen) == 5  # nothing was fitted


def test_calibrate_also_fits_versions_of_tune_questions_and_refuses_any_other(runner: CliRunner, tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import eval.calibrate

    passed: list = []
    record = {"calibration": {"threshold": 1.0}, "tune_accuracy": 0.5, "tune_cv_utility": 0.5, "cv_utility": 0.5}
    with monkeypatch.context() as patched:
        patched.setattr(eval.calibrate, "calibrate", lambda *args, also, **kwargs: passed.append(also) or record)
        ok = runner.invoke(app, ["calibrate", "--also", "data/eval/qa_tune_en.jsonl"])
    assert ok.exit_code == 0 and passed == [[Path("data/eval/qa_tune_en.jsonl")]]

    # the real command: a question that is no version of a tune question stops it before anything is indexed
    stray = tmp_path / "stray.jsonl"
    stray.write_text(json.dumps({"id": "q999-en", "question": "How many polling stations in Aceh?", "lang": "en",
                                 "answer": "9 TPS", "answer_aliases": [], "numeric": 9, "source_ids": ["aceh"],
                                 "type": "numeric"}) + "\n", encoding="utf-8")
    monkeypatch.setenv("SIAGA_READER_DIR", str(tmp_path / "reader"))  # nothing may be written over the real one
    bad = runner.invoke(app, ["calibrate", "--also", str(stray)])
    assert bad.exit_code != 0 and "Traceback" not in bad.output
    assert "stray.jsonl: question 'q999-en' is not a version of a tune question" in bad.output
    assert not (tmp_path / "reader").exists()


def test_join_readers_names_a_bad_member_and_refuses_to_overwrite_one(runner: CliRunner, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import eval.mrc

    monkeypatch.setattr(eval.mrc, "available", lambda folder: True)
    empty = tmp_path / "not-a-reader"
    empty.mkdir()
    missing = runner.invoke(app, ["join-readers", "data/models/reader", str(empty), "--out", str(tmp_path / "pair")])
    assert missing.exit_code != 0 and "Traceback" not in missing.output
    assert str(empty) in missing.output and "no config.json" in missing.output
    onto = runner.invoke(app, ["join-readers", "data/models/reader", "data/models/reader", "--out",
                               "data/models/reader"])
    assert onto.exit_code != 0 and "one of the members" in onto.output
    assert not (tmp_path / "pair").exists()


def test_train_reader_passes_the_recipe_options_and_defaults_to_the_committed_recipe(
        runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import eval.mrc
    import eval.train_reader

    seen: list = []
    scores = {"f1": 80.0, "em": 60.0, "no_answer_accuracy": 85.0}
    record = {"minutes": 0, "test": {"facqa": scores, "idk_mrc": scores}}
    monkeypatch.setattr(eval.mrc, "available", lambda folder: True)
    monkeypatch.setattr(eval.train_reader, "train_reader",
                        lambda data, out, e5, options, **kw: seen.append(options) or record)
    monkeypatch.setattr(eval.train_reader, "write_model_card", lambda folder, record: folder / "README.md")
    out = tmp_path / "reader"
    fast = runner.invoke(app, ["train-reader", "--data", str(tmp_path), "--out", str(out), "--attention-dropout", "0",
                               "--facqa-repeat", "0.5", "--facqa-negatives", "0.5", "--precision", "fp32",
                               "--english-share", "0.4", "--negatives-per-question", "2", "--idk-negatives", "0.3",
                               "--cross-window-weight", "0.5", "--frozen-layers", "4", "--distractor-share", "0.3",
                               "--subject-swaps", "0.2", "--english-translations", "data/train/en.jsonl"])
    default = runner.invoke(app, ["train-reader", "--data", str(tmp_path), "--out", str(out)])
    assert fast.exit_code == 0 and default.exit_code == 0, fast.output + default.output
    assert (seen[0].attention_dropout, seen[0].facqa_repeat, seen[0].facqa_negatives) == (0.0, 0.5, 0.5)
    assert (seen[0].precision, seen[1].precision) == ("fp32", "auto")  # auto: bf16 only where the CPU has it
    assert (seen[0].english_share, seen[0].english_translations) == (0.4, "data/train/en.jsonl")
    assert (seen[0].negatives_per_question, seen[0].idk_negatives, seen[0].cross_window_weight) == (2, 0.3, 0.5)
    assert (seen[0].frozen_layers, seen[0].distractor_share, seen[0].subject_swaps) == (4, 0.3, 0.2)
    recipe = json.loads(Path("data/models/reader/config.json").read_text(encoding="utf-8"))["training"]["options"]
    recipe.setdefault("attention_dropout", recipe["dropout"])  # before the option existed: one dropout for all
    recipe.setdefault("facqa_repeat", 0.0)
    # before grouped training existed: one negative per question, none for IDK-MRC, every window on its own
    recipe.setdefault("negatives_per_question", 1)
    recipe.setdefault("idk_negatives", 0.0)
    recipe.setdefault("cross_window_weight", 0.0)
    recipe.setdefault("frozen_layers", 6)  # before the option existed: layers 0-5 always e5's own
    recipe.setdefault("distractor_share", 0.0)  # before these existed: every FacQA passage read alone, no swaps
    recipe.setdefault("subject_swaps", 0.0)
    recipe.setdefault("english_translations", "")  # before the option existed: every English question rewritten
    for key in ("attention_dropout", "facqa_repeat", "facqa_negatives", "epochs", "seed", "dropout", "english_share",
                "negatives_per_question", "idk_negatives", "cross_window_weight", "frozen_layers", "distractor_share",
                "subject_swaps", "english_translations"):
        assert getattr(seen[1], key) == recipe[key], key
    bad = runner.invoke(app, ["train-reader", "--data", str(tmp_path), "--facqa-repeat", "2"])
    assert bad.exit_code != 0 and "Traceback" not in bad.output
    frozen_all = runner.invoke(app, ["train-reader", "--data", str(tmp_path), "--frozen-layers", "12"])
    assert frozen_all.exit_code != 0 and "Traceback" not in frozen_all.output  # at least one layer must train
    wrong = runner.invoke(app, ["train-reader", "--data", str(tmp_path), "--precision", "fp8"])
    assert wrong.exit_code != 0 and "Traceback" not in wrong.output


def test_train_reader_with_a_missing_translations_file_names_it_and_writes_nothing(
        runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import eval.mrc

    monkeypatch.setattr(eval.mrc, "available", lambda folder: True)
    out = tmp_path / "reader"
    result = runner.invoke(app, ["train-reader", "--data", str(tmp_path), "--out", str(out),
                                 "--english-translations", str(tmp_path / "missing-en.jsonl")])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "missing-en.jsonl" in result.output and "not found" in result.output
    assert not out.exists()


def test_calibrate_with_public_passes_the_mrc_folder_or_names_the_missing_one(
        runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # noqa: ANN001
    import eval.calibrate

    folders: list = []
    record = {"calibration": {"threshold": 1.0}, "tune_accuracy": 0.5, "tune_cv_utility": 0.5, "cv_utility": 0.55,
              "public": {"split": "valid", "questions": 3, "utility": 0.6, "outcome": {"accuracy": 0.6}}}
    monkeypatch.setattr(eval.calibrate, "calibrate", lambda *args, public_dir, **kwargs: folders.append(public_dir)
                        or record)
    for name in ("facqa", "idk_mrc"):
        (tmp_path / "mrc" / name).mkdir(parents=True)
    for name in ("facqa/train.csv", "facqa/valid.csv", "facqa/test.csv", "idk_mrc/train.json",
                 "idk_mrc/valid.json", "idk_mrc/test.json"):
        (tmp_path / "mrc" / name).write_text("", encoding="utf-8")
    with_public = runner.invoke(app, ["calibrate", "--public", "--mrc-dir", str(tmp_path / "mrc")])
    assert with_public.exit_code == 0, with_public.output
    assert folders == [tmp_path / "mrc"] and "public valid (3 questions in context)" in with_public.output
    without = runner.invoke(app, ["calibrate"])
    assert without.exit_code == 0 and folders[-1] is None
    missing = runner.invoke(app, ["calibrate", "--public", "--mrc-dir", str(tmp_path / "nowhere")])
    assert missing.exit_code != 0 and "nowhere" in missing.output and "Traceback" not in missing.output
    assert len(folders) == 2
