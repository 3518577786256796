"""What is not an article is refused at ingest, alike in every format, with one line saying why.

These run the real loaders, cleaner and gate through ``Ingestor.ingest(dry_run=True)``, which parses
and decides everything but writes nothing and never loads the model.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.gate import article_refusal, id_refusal, source_label
from ingest.pipeline import Ingestor
from siaga.settings import Settings
from siaga.types import Article

GOOD = (
    "Polres Lebak menyiagakan 321 personel untuk mengamankan 1.500 TPS di Kabupaten Lebak, Banten, pada "
    "Pemilu 2024. Kapolres meminta seluruh personel menjaga netralitas selama tahapan pemungutan suara."
)


def dry_run(settings: Settings, *paths: Path) -> dict:
    return Ingestor(settings).ingest([str(p) for p in paths], dry_run=True).to_dict()


def write_all_formats(folder: Path, body: str, title: str = "Judul Berita Contoh") -> list[Path]:
    """The same article (title + body) as .txt, .md, .html, .json, .jsonl and .csv."""
    folder.mkdir(parents=True, exist_ok=True)
    record = {"title": title, "text": body}
    html_body = "".join(f"<p>{line}</p>" for line in body.split("\n"))
    files = {
        "a.txt": f"{title}\n\n{body}\n",
        "a.md": f"# {title}\n\n{body}\n",
        "a.html": f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{html_body}"
                  "</article></body></html>",
        "a.json": json.dumps(record, ensure_ascii=False),
        "a.jsonl": json.dumps(record, ensure_ascii=False) + "\n",
        "a.csv": "title,text\n" + f'"{title}","{body}"\n',
    }
    paths = []
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
        paths.append(folder / name)
    return paths


def test_a_good_article_passes_in_every_format(settings: Settings, tmp_path: Path) -> None:
    for path in write_all_formats(tmp_path / "good", GOOD):
        summary = dry_run(settings, path)
        assert summary["failed"] == [] and summary["new"] == 1, (path.name, summary)


@pytest.mark.parametrize("body", ["x", "b", "Polri siaga."])
def test_a_tiny_body_is_refused_alike_in_every_format(settings: Settings, tmp_path: Path, body: str) -> None:
    """A one-letter CSV cell used to become an article while the same .md was rejected."""
    for path in write_all_formats(tmp_path / "tiny", body):
        summary = dry_run(settings, path)
        assert summary["new"] == 0, (path.name, summary)
        errors = [f["error"] for f in summary["failed"]]
        assert len(errors) == 1, (path.name, errors)
        assert path.name in errors[0] and "\n" not in errors[0]
        if path.suffix != ".html":  # trafilatura finds no body in a one-word page and says so first
            assert "at least 80 are needed" in errors[0], (path.name, errors[0])


def test_endless_line_without_sentence_boundaries_is_refused(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "endless.txt"
    path.write_text("Judul\n\n" + "kata lain terus tanpa titik " * 200 + "\n", encoding="utf-8")
    error = dry_run(settings, path)["failed"][0]["error"]
    assert "no sentence boundary" in error and "SIAGA_MAX_UNBROKEN_CHARS" in error


def test_mostly_markup_or_numbers_is_refused(settings: Settings, tmp_path: Path) -> None:
    markup = tmp_path / "markup.txt"
    markup.write_text("Judul\n\n" + "".join(f'<div class="x{i}"><span id="a{i}">{{"k": [{i}, 2]}}</span></div>\n'
                                            for i in range(40)), encoding="utf-8")
    numbers = tmp_path / "numbers.txt"
    numbers.write_text("Judul\n\n" + "\n".join(f"{i}; {i * 7}; {i * 13}; {i * 17}" for i in range(60)) + "\n",
                       encoding="utf-8")
    failed = {Path(f["path"]).name: f["error"] for f in dry_run(settings, markup, numbers)["failed"]}
    assert "mostly markup" in failed["markup.txt"]
    assert "mostly numbers or symbols" in failed["numbers.txt"]


def test_article_over_the_character_limit_is_refused_quickly(settings: Settings, tmp_path: Path) -> None:
    """A 4 MB one-line article is within the file limit but is no news article: refused before cleaning it
    (it took minutes to clean and split, and then hours to embed and to answer over)."""
    path = tmp_path / "huge.txt"
    sentence = "Polresta Tangerang menerjunkan 1.048 personel untuk mengamankan 5.431 TPS pada Pemilu 2024. "
    path.write_text("Judul\n\n" + sentence * (4_000_000 // len(sentence)) + "\n", encoding="utf-8")
    error = dry_run(settings, path)["failed"][0]["error"]
    assert "over the 100,000-character limit" in error and "SIAGA_MAX_ARTICLE_CHARS" in error
    smaller = Settings(data_dir=settings.data_dir, max_article_chars=150)
    medium = tmp_path / "medium.txt"
    medium.write_text(f"Judul\n\n{GOOD}\n", encoding="utf-8")
    assert "over the 150-character limit" in dry_run(smaller, medium)["failed"][0]["error"]


@pytest.mark.parametrize("bad_id", ["berita\n1", "berita\u202e1", "berita\x1b[31m1", "berita\x00"])
def test_ids_must_be_printable(settings: Settings, tmp_path: Path, bad_id: str) -> None:
    path = tmp_path / "ids.jsonl"
    path.write_text(json.dumps({"id": bad_id, "title": "Judul", "text": GOOD}) + "\n"
                    + json.dumps({"id": "baik-1", "title": "Judul", "text": GOOD + " Tambahan."}) + "\n",
                    encoding="utf-8")
    summary = dry_run(settings, path)
    assert summary["new"] == 1
    assert len(summary["failed"]) == 1 and "non-printable" in summary["failed"][0]["error"]
    assert summary["failed"][0]["error"].startswith(f"{path} line 1: ")


def test_gate_functions_directly() -> None:
    settings = Settings()
    assert id_refusal("tangerang-20240210-polresta") is None and id_refusal("judul dengan spasi") is None
    assert "U+202E" in (id_refusal("a\u202eb") or "")
    assert article_refusal(Article(id="a", title="t", text=GOOD), settings) is None
    assert source_label("x/y.jsonl#L3") == "x/y.jsonl line 3" and source_label("y.csv#row2") == "y.csv row 2"
    assert source_label("y.json#4") == "y.json item 4" and source_label("z.txt") == "z.txt"
