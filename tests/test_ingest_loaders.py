"""Loaders: every format, every whole-file error, and per-line failures with line numbers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ingest import loaders
from ingest.loaders import LoadError, expand_paths, load_file

FIX = Path(__file__).parent / "fixtures" / "ingest"
ARTICLES = Path(__file__).parent.parent / "data" / "articles"
MB = 5 * 1024 * 1024


def load_one(path: Path) -> loaders.RawDoc:
    docs, failures = load_file(path, MB)
    assert failures == []
    assert len(docs) == 1
    return docs[0]


# ------------------------------------------------------------------ formats


def test_txt_header_block() -> None:
    doc = load_one(FIX / "header.txt")
    assert doc.title == "Polres Contoh Siagakan 321 Personel untuk 1.234 TPS"
    assert doc.url == "https://www.contohberita.id/daerah/polres-contoh-321-personel/?utm_source=wa#komentar"
    assert doc.outlet == "Contoh Berita (sumber: ANTARA)"
    assert doc.published == "2024-02-10"
    assert "url:" not in doc.text and "outlet:" not in doc.text
    assert doc.text.lstrip().startswith("Polres Contoh Siagakan")  # repeated title is the cleaner's job
    assert "Rp4.814.000" in doc.text


def test_markdown_front_matter_synonyms() -> None:
    doc = load_one(FIX / "frontmatter.md")
    assert doc.title == "Polda Contoh Siapkan 3.935 Personel"
    assert doc.url == "https://infocontoh.id/sulteng/3935-personel"  # source -> url
    assert doc.published == "2024-01-30"  # date -> published (YAML date object)
    assert doc.outlet == "Info Contoh"  # publisher -> outlet
    assert doc.region == "Sulawesi Tengah"
    assert "title:" not in doc.text
    assert "# Polda Contoh" not in doc.text  # the heading repeated the title


def test_markdown_heading_and_byline_without_front_matter() -> None:
    doc = load_one(FIX / "bare.md")
    assert doc.title == "Dari 6.795 TPS di Bali, 14 Sangat Rawan"
    assert doc.outlet == "Harian Contoh"
    assert doc.published == "Senin, 25 November 2024"
    assert doc.author == "Tim Harian Contoh"
    assert "DENPASAR" in doc.text


def test_copy_paste_txt_first_line_is_title() -> None:
    doc = load_one(FIX / "copypaste.txt")
    assert doc.title == "Polda Kalsel Lepas 1.000 Personel"
    assert doc.url is None and doc.published is None


def test_seed_article_first_sentence_is_not_taken_as_title() -> None:
    doc = load_one(ARTICLES / "polda-banten-apel-pam-tps-pemilu-2024.txt")
    assert doc.title is None
    assert doc.text.startswith("Kepolisian Daerah Banten berharap")


def test_cp1252_file_decodes() -> None:
    doc = load_one(FIX / "cp1252.txt")
    assert doc.title == "Polisi Jaga 1.048 TPS – “Siap”"
    assert "«Kami siap»" in doc.text and "naïve café" in doc.text


def test_utf8_bom_is_removed(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffJudul Berita\n\nBANTEN – Isi berita.".encode())
    assert load_one(path).title == "Judul Berita"


def test_html_main_text_and_metadata() -> None:
    doc = load_one(FIX / "page.html")
    assert doc.title == "Polres Contoh Siapkan 610 Personel"
    assert doc.url == "https://kabarcontoh.com/serang/polres-contoh-610-personel"
    assert doc.outlet == "Kabar Contoh"
    assert doc.published is not None and doc.published.startswith("2024-02-11")
    assert doc.author == "Ahmad Fauzan"
    assert doc.region == "Banten"
    assert "610 personel" in doc.text and "2.667 TPS" in doc.text
    assert "Beranda" not in doc.text and "All rights reserved" not in doc.text
    assert "Polda Banten geser ribuan personel" in doc.text
    assert "KPU Serang pastikan logistik tiba" in doc.text


def test_html_baca_juga_box_dropped_by_trafilatura_is_recovered() -> None:
    doc = load_one(ARTICLES / "diy-20240212-kapolda-diy-geser-933-personel.html")
    assert "Baca juga: Bawaslu DIY Catat 59 TPS Rawan Jelang Pencoblosan" in doc.text
    assert doc.published is not None and doc.published.startswith("2024-02-12")


def test_html_without_article_body() -> None:
    with pytest.raises(LoadError, match="no article body"):
        load_file(FIX / "nobody.html", MB)


def test_json_list_with_item_failure() -> None:
    docs, failures = load_file(FIX / "list.json", MB)
    assert [d.id for d in docs] == ["a-1", "a-3"]
    assert docs[0].source_path.endswith("list.json#0") and docs[1].source_path.endswith("list.json#2")
    assert docs[0].title == "Satu" and docs[0].published == "11/02/2024" and docs[0].region == "Nasional"
    assert docs[1].text.startswith("MATARAM")
    assert len(failures) == 1
    assert failures[0].path.endswith("list.json#1")
    assert "item 1" in failures[0].error and "no article text" in failures[0].error


def test_json_single_object() -> None:
    doc = load_one(FIX / "one.json")
    assert doc.title == "Satu objek" and doc.published == "26 November 2024" and doc.outlet == "Lensa"


def test_malformed_json_reports_position(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"title": "x",\n "text": }', encoding="utf-8")
    with pytest.raises(LoadError, match=r"malformed JSON at line 2, column \d+"):
        load_file(path, MB)


def test_jsonl_bad_lines_are_failures_with_line_numbers() -> None:
    docs, failures = load_file(FIX / "bad_lines.jsonl", MB)
    assert [d.id for d in docs] == ["j-1", "j-6"]
    assert [d.source_path.rsplit("#", 1)[1] for d in docs] == ["L1", "L6"]
    errors = {f.path.rsplit("#", 1)[1]: f.error for f in failures}
    assert set(errors) == {"L2", "L4", "L5"}
    assert "line 2: invalid JSON" in errors["L2"]
    assert "line 4: no article text" in errors["L4"]
    assert "line 5: expected an object" in errors["L5"]


def test_csv_rows_and_row_failure() -> None:
    docs, failures = load_file(FIX / "articles.csv", MB)
    assert [d.id for d in docs] == ["c-1", "c-3"]
    assert docs[0].source_path.endswith("articles.csv#row1")
    assert docs[0].text.startswith("KENDARI") and docs[0].published == "2024-02-06"
    assert len(failures) == 1 and "row 2" in failures[0].error


def test_csv_without_text_column_names_columns() -> None:
    with pytest.raises(LoadError) as info:
        load_file(FIX / "notext.csv", MB)
    assert "no text column" in str(info.value)
    assert "id, title, summary" in str(info.value)


def test_real_jsonl_corpus_loads_all_lines() -> None:
    docs, failures = load_file(ARTICLES / "articles.jsonl", MB)
    assert failures == [] and len(docs) == 8
    assert all(d.id and d.published and d.region and d.url for d in docs)


# ------------------------------------------------------------------ whole-file errors


def test_load_error_message_format() -> None:
    err = LoadError("/x/y.txt", "file is empty")
    assert str(err) == "/x/y.txt: file is empty" and err.path == "/x/y.txt"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty"),
        (b"   \n\t\n  ", "only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (b"Judul\n\n" + b"\x81\x8d\x8f\x90\x9d" * 40, "cannot decode"),
    ],
)
def test_bad_file_contents(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(LoadError, match=message) as info:
        load_file(path, MB)
    assert str(info.value).startswith(str(path) + ": ")


def test_over_size_limit_states_size_and_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("Judul\n\n" + "kata " * 400, encoding="utf-8")
    with pytest.raises(LoadError) as info:
        load_file(path, 1000)
    assert "over the 1000 bytes size limit" in str(info.value)
    assert f"({path.stat().st_size} bytes)" in str(info.value)


def test_permission_error_becomes_load_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # root ignores chmod, so simulate the OS refusing the read
    path = tmp_path / "locked.txt"
    path.write_text("Judul\n\nIsi.", encoding="utf-8")

    def refuse(_: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(loaders, "_read_bytes", refuse)
    with pytest.raises(LoadError, match="permission denied"):
        load_file(path, MB)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files whatever their mode")
def test_unreadable_file_with_chmod(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("Judul\n\nIsi.", encoding="utf-8")
    path.chmod(0)
    files, failures = expand_paths([str(path)])
    assert files == [] and "permission denied" in failures[0].error


# ------------------------------------------------------------------ path expansion


def make_tree(root: Path) -> None:
    (root / "b").mkdir(parents=True)
    (root / "a.txt").write_text("x", encoding="utf-8")
    (root / "b" / "c.md").write_text("x", encoding="utf-8")
    (root / "b" / "d.pdf").write_text("x", encoding="utf-8")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "e.txt").write_text("x", encoding="utf-8")
    (root / ".f.txt").write_text("x", encoding="utf-8")


def test_folder_is_walked_sorted_skipping_hidden_and_unsupported(tmp_path: Path) -> None:
    make_tree(tmp_path)
    files, failures = expand_paths([str(tmp_path)])
    assert failures == []
    assert [p.relative_to(tmp_path).as_posix() for p in files] == ["a.txt", "b/c.md"]


def test_duplicates_are_removed(tmp_path: Path) -> None:
    make_tree(tmp_path)
    files, _ = expand_paths([str(tmp_path / "a.txt"), str(tmp_path), str(tmp_path / "a.txt")])
    assert len(files) == 2


def test_glob_pattern(tmp_path: Path) -> None:
    make_tree(tmp_path)
    files, failures = expand_paths([str(tmp_path / "**" / "*.md")])
    assert failures == [] and [p.name for p in files] == ["c.md"]
    files, failures = expand_paths([str(tmp_path / "*.csv")])
    assert files == [] and "no supported files match" in failures[0].error


def test_missing_path(tmp_path: Path) -> None:
    files, failures = expand_paths([str(tmp_path / "nope.txt")])
    assert files == [] and failures[0].error == "no such file or directory"


def test_folder_with_no_supported_files(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_text("x", encoding="utf-8")
    files, failures = expand_paths([str(tmp_path)])
    assert files == [] and "no supported files in folder" in failures[0].error


def test_explicit_unsupported_file(tmp_path: Path) -> None:
    path = tmp_path / "x.pdf"
    path.write_text("x", encoding="utf-8")
    files, failures = expand_paths([str(path)])
    assert files == [] and "unsupported file type .pdf" in failures[0].error


def test_symlink_loop_in_folder(tmp_path: Path) -> None:
    make_tree(tmp_path)
    (tmp_path / "b" / "back").symlink_to(tmp_path, target_is_directory=True)
    files, failures = expand_paths([str(tmp_path)])
    assert [p.name for p in files] == ["a.txt", "c.md"]
    assert len(failures) == 1 and "symbolic link loop" in failures[0].error


def test_self_referencing_symlink_file(tmp_path: Path) -> None:
    link = tmp_path / "self.txt"
    link.symlink_to(link)
    files, failures = expand_paths([str(link)])
    assert files == [] and failures[0].error == "symbolic link loop"


def test_real_corpus_folder() -> None:
    files, failures = expand_paths([str(ARTICLES)])
    assert failures == []
    assert len(files) == 57  # 39 txt (incl. the seed), 10 html, 7 md, 1 jsonl
    assert sum(1 for f in files if f.suffix == ".jsonl") == 1


# ------------------------------------------------------------------ hostile inputs (issue 9)


def test_deeply_nested_json_is_a_load_error_not_a_recursion_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(LoadError, match="nested too deeply"):
        load_file(path, MB)


def test_deeply_nested_jsonl_line_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    good = '{"id": "ok-1", "text": "Polres Lebak menyiagakan 321 personel untuk 1.500 TPS."}'
    path.write_text(good + "\n" + "[" * 100_000 + "]" * 100_000 + "\n" + good.replace("ok-1", "ok-3") + "\n",
                    encoding="utf-8")
    docs, failures = load_file(path, MB)
    assert [d.id for d in docs] == ["ok-1", "ok-3"]
    assert len(failures) == 1 and "line 2" in failures[0].error and "nested too deeply" in failures[0].error


def test_a_nul_byte_costs_one_jsonl_line_not_the_file(tmp_path: Path) -> None:
    path = tmp_path / "nul.jsonl"
    path.write_bytes(b'{"id": "a1", "text": "Polres Lebak menyiagakan 321 personel."}\n'
                     b'{"id": "a2", "text": "x\x00y"}\n'
                     b'{"id": "a3", "text": "Polda Banten menggeser 1.646 personel."}\n')
    docs, failures = load_file(path, MB)
    assert [d.id for d in docs] == ["a1", "a3"]
    assert len(failures) == 1 and "line 2" in failures[0].error and "NUL" in failures[0].error


def test_a_nul_byte_costs_one_csv_row_not_the_file(tmp_path: Path) -> None:
    path = tmp_path / "nul.csv"
    path.write_bytes(b"id,text\nc1,Polres Lebak menyiagakan 321 personel.\nc2,x\x00y\nc3,Polda Banten siaga.\n")
    docs, failures = load_file(path, MB)
    assert [d.id for d in docs] == ["c1", "c3"]
    assert len(failures) == 1 and "row 2" in failures[0].error and "NUL" in failures[0].error


def test_binary_renamed_to_jsonl_is_still_binary(tmp_path: Path) -> None:
    path = tmp_path / "image.jsonl"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 200)
    with pytest.raises(LoadError, match="binary"):
        load_file(path, MB)


def test_a_csv_body_over_128_kb_is_read(tmp_path: Path) -> None:
    """The csv module's default field limit failed the whole file; the article limits decide now."""
    path = tmp_path / "long.csv"
    path.write_text("id,text\nc1," + "Kalimat panjang tentang pengamanan TPS. " * 4000 + "\n", encoding="utf-8")
    docs, failures = load_file(path, MB)
    assert failures == [] and len(docs[0].text) > 131072


def test_script_inside_h1_does_not_reach_the_title(tmp_path: Path) -> None:
    path = tmp_path / "h1.html"
    path.write_text(
        "<html><head><title>T</title></head><body><article><h1><script>alert(1)</script>Polres Lebak Siagakan "
        "321 Personel</h1><p>Polres Lebak menyiagakan 321 personel untuk mengamankan 1.500 TPS di Kabupaten "
        "Lebak, Banten, pada Pemilu 2024. Kapolres meminta semua personel netral.</p><style>p{color:red}</style>"
        "</article></body></html>",
        encoding="utf-8",
    )
    doc = load_one(path)
    assert doc.title == "Polres Lebak Siagakan 321 Personel"
    assert "alert" not in doc.text and "color" not in doc.text


def test_empty_path_is_an_error_not_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "here.txt").write_text("Judul\n\nIsi berita.", encoding="utf-8")
    for empty in ("", "   "):
        files, failures = expand_paths([empty])
        assert files == [] and len(failures) == 1 and "empty path" in failures[0].error


def test_the_same_problem_given_twice_is_reported_once(tmp_path: Path) -> None:
    missing = tmp_path / "hilang"
    files, failures = expand_paths([str(missing), str(missing), str(missing) + "/"])
    assert files == [] and len(failures) == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root can list folders whatever their mode")
def test_unreadable_folder_given_twice_is_reported_once(tmp_path: Path) -> None:
    folder = tmp_path / "rahasia"
    folder.mkdir()
    folder.chmod(0)
    try:
        files, failures = expand_paths([str(folder), str(folder)])
    finally:
        folder.chmod(0o755)
    assert files == [] and len(failures) == 1 and "permission denied" in failures[0].error
