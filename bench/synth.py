"""Synthetic corpora for benchmarks: variants of the dev corpus with other places, dates and numbers.

Each variant keeps the realistic structure of an Indonesian news article (datelines, quotes, ranks,
'Baca juga' noise) but changes the region, the date and every number, so the index really holds N
distinct articles.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from ingest.loaders import load_file
from ingest.normalize import build_article

PLACES = [
    ("Aceh", "BANDA ACEH"), ("Sumatera Utara", "MEDAN"), ("Riau", "PEKANBARU"), ("Jambi", "JAMBI"),
    ("Sumatera Selatan", "PALEMBANG"), ("Lampung", "BANDAR LAMPUNG"), ("Banten", "SERANG"),
    ("DKI Jakarta", "JAKARTA"), ("Jawa Barat", "BANDUNG"), ("Jawa Tengah", "SEMARANG"),
    ("DI Yogyakarta", "YOGYAKARTA"), ("Jawa Timur", "SURABAYA"), ("Bali", "DENPASAR"),
    ("Nusa Tenggara Barat", "MATARAM"), ("Nusa Tenggara Timur", "KUPANG"), ("Kalimantan Barat", "PONTIANAK"),
    ("Kalimantan Tengah", "PALANGKA RAYA"), ("Kalimantan Selatan", "BANJARMASIN"),
    ("Kalimantan Timur", "SAMARINDA"), ("Sulawesi Utara", "MANADO"), ("Sulawesi Tengah", "PALU"),
    ("Sulawesi Selatan", "MAKASSAR"), ("Sulawesi Tenggara", "KENDARI"), ("Maluku", "AMBON"),
    ("Maluku Utara", "SOFIFI"), ("Papua", "JAYAPURA"),
]
_NUM = re.compile(r"\b\d{1,3}(?:\.\d{3})+\b|\b\d{2,4}\b")


def _vary_number(match: re.Match[str], rng: random.Random) -> str:
    raw = match.group(0)
    if raw.isdigit() and 1990 <= int(raw) <= 2030:
        return raw  # keep years
    value = int(raw.replace(".", ""))
    new = max(1, int(value * rng.uniform(0.6, 1.4)))
    return f"{new:,}".replace(",", ".") if "." in raw or new >= 1000 else str(new)


def base_articles(articles_dir: Path) -> list[tuple[str, str]]:
    """(title, cleaned text) of every dev-corpus article, through the real loaders and cleaner."""
    out: list[tuple[str, str]] = []
    for path in sorted(articles_dir.iterdir()):
        docs, _ = load_file(path, 5 * 1024 * 1024)
        for raw in docs:
            article = build_article(raw)
            out.append((article.title, article.text))
    return out


def write_corpus(articles_dir: Path, target: Path, count: int, seed: int = 7) -> Path:
    """Write ``count`` synthetic .md articles (front matter + body) under ``target``."""
    rng = random.Random(seed)
    bases = base_articles(articles_dir)
    target.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        title, text = bases[i % len(bases)]
        region, city = PLACES[rng.randrange(len(PLACES))]
        year = rng.choice([2023, 2024])
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        body = _NUM.sub(lambda m: _vary_number(m, rng), text)
        body = f"{city} - " + body
        new_title = _NUM.sub(lambda m: _vary_number(m, rng), title) + f" ({region})"
        (target / f"synth-{i:05d}.md").write_text(
            "---\n"
            f"id: synth-{i:05d}\n"
            f'title: "{new_title.replace(chr(34), "")}"\n'
            f"url: https://bench.example/{year}/{month:02d}/{day:02d}/synth-{i:05d}\n"
            f"outlet: Bench {i % 17}\n"
            f"published: {year}-{month:02d}-{day:02d}\n"
            f"region: {region}\n"
            "---\n" + body + "\n",
            encoding="utf-8",
        )
    return target
