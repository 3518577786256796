"""Interface labels in Indonesian and English, and which language the interface uses.

Journalists and election monitors ask in either language. Every label exists in both; the
interface language is a setting (``SIAGA_UI_LANG`` or the sidebar), by default the browser's, else
the first question's, and it never flips with later questions. Each answer keeps the language of
its own question, whatever the interface language is.
"""

from __future__ import annotations

import re

LANGS = ("id", "en")
DEFAULT_LANG = "id"
LANG_NAMES = {"id": "Bahasa Indonesia", "en": "English"}

# An entry may carry "<lang>_one", used when the label is formatted with count=1 ("1 article").
LABELS: dict[str, dict[str, str]] = {
    # counted nouns (t(key, lang, count=n, n=n))
    "n_articles": {"id": "{n} artikel", "en": "{n} articles", "en_one": "{n} article"},
    "n_chunks": {"id": "{n} potongan", "en": "{n} chunks", "en_one": "{n} chunk"},
    "n_passages": {"id": "{n} potongan", "en": "{n} passages", "en_one": "{n} passage"},
    # navigation
    "nav_chat": {"id": "Tanya", "en": "Ask"},
    "nav_articles": {"id": "Artikel", "en": "Articles"},
    "nav_ingest": {"id": "Tambah artikel", "en": "Add articles"},
    "nav_eval": {"id": "Evaluasi", "en": "Evaluation"},
    # sidebar
    "lang_label": {"id": "Bahasa antarmuka", "en": "Interface language"},
    "lang_help": {
        "id": "Bahasa label aplikasi. Setiap jawaban tetap dalam bahasa pertanyaannya.",
        "en": "The language of the app's labels. Each answer keeps the language of its question.",
    },
    "filters": {"id": "Filter", "en": "Filters"},
    "since": {"id": "Dari tanggal", "en": "From"},
    "until": {"id": "Sampai tanggal", "en": "Until"},
    "regions": {"id": "Wilayah", "en": "Region"},
    "outlets": {"id": "Media", "en": "Outlet"},
    "all": {"id": "Semua", "en": "All"},
    "clear_filter": {"id": "Hapus filter ini", "en": "Clear this filter"},
    "clear_filters": {"id": "Hapus semua filter", "en": "Clear filters"},
    "reversed_range": {
        "id": "Rentang tanggal terbalik: 'Dari' ({since}) jatuh setelah 'Sampai' ({until}), jadi tidak ada artikel "
        "yang cocok. Perbaiki atau hapus salah satu tanggal.",
        "en": "The date range is reversed: 'From' ({since}) is after 'Until' ({until}), so no article can match. "
        "Fix or clear one of the dates.",
    },
    "chip_since": {"id": "Dari {d}", "en": "From {d}"},
    "chip_until": {"id": "Sampai {d}", "en": "Until {d}"},
    "chip_range": {"id": "{since} – {until}", "en": "{since} – {until}"},
    "chip_reversed": {"id": "Tanggal terbalik", "en": "Reversed dates"},
    "chip_region": {"id": "Wilayah: {v}", "en": "Region: {v}"},
    "chip_outlet": {"id": "Media: {v}", "en": "Outlet: {v}"},
    "mode": {"id": "Mode jawaban", "en": "Answer mode"},
    "mode_extractive": {"id": "Ekstraktif (kalimat dari artikel)", "en": "Extractive (sentences from articles)"},
    "mode_llm": {"id": "LLM ({model})", "en": "LLM ({model})"},
    "mode_only_extractive": {
        "id": "Mode: ekstraktif (kalimat asli dari artikel, tanpa LLM).",
        "en": "Mode: extractive (original sentences from the articles, no LLM).",
    },
    "corpus": {"id": "Korpus", "en": "Corpus"},
    "articles": {"id": "Artikel", "en": "Articles"},
    "chunks": {"id": "Potongan", "en": "Chunks"},
    "last_ingest": {"id": "Terakhir ditambah: {when}", "en": "Last ingest: {when}"},
    "never": {"id": "belum pernah", "en": "never"},
    "conversation": {"id": "Percakapan", "en": "Conversation"},
    "conversation_kept": {
        "id": "Tersimpan di komputer ini; memuat ulang halaman tidak menghapusnya.",
        "en": "Kept on this computer; reloading the page keeps it.",
    },
    "new_conversation": {"id": "Percakapan baru", "en": "New conversation"},
    "export_md": {"id": "Unduh Markdown", "en": "Download Markdown"},
    "export_json": {"id": "Unduh JSON", "en": "Download JSON"},
    # chat
    "chat_tagline": {
        "id": "Tanya jawab berita keamanan pemilu, dengan kutipan yang terverifikasi.",
        "en": "Questions and answers on election-security news, with verified citations.",
    },
    "chat_intro": {
        "id": "Tanyakan dalam bahasa Indonesia atau Inggris. Setiap fakta diberi tanda [n] yang "
        "membuka kalimat aslinya; bila artikel tidak menyebutkannya, Siaga akan bilang begitu.",
        "en": "Ask in Indonesian or English. Every fact carries a [n] marker that opens the sentence "
        "it comes from; when the articles don't say, Siaga tells you so.",
    },
    "examples": {"id": "Contoh pertanyaan", "en": "Example questions"},
    "empty_corpus": {
        "id": "Belum ada artikel, jadi belum ada yang bisa dijawab. Tambahkan artikel lebih dulu "
        "(atau jalankan `siaga ingest data/articles`).",
        "en": "No articles yet, so there is nothing to answer from. Add some first "
        "(or run `siaga ingest data/articles`).",
    },
    "cta_add_articles": {"id": "Tambah artikel", "en": "Add articles"},
    "ask": {"id": "Tanyakan sesuatu tentang keamanan pemilu…", "en": "Ask about election security…"},
    "phase_waiting": {"id": "Menyiapkan…", "en": "Getting ready…"},
    "phase_loading": {
        "id": "Memuat model dan indeks (hanya pertama kali)…",
        "en": "Loading the model and indexes (first time only)…",
    },
    "phase_searching": {"id": "Mencari di artikel…", "en": "Searching the articles…"},
    "phase_reading": {"id": "Membaca potongan yang ditemukan…", "en": "Reading the passages found…"},
    "phase_checking": {"id": "Memeriksa kutipan dan angka…", "en": "Checking the quotes and figures…"},
    "loaded_note": {
        "id": "Model dan indeks dimuat lebih dulu (hanya pertanyaan pertama).",
        "en": "The model and indexes were loaded first (first question only).",
    },
    "understood_as": {"id": "Dipahami sebagai: {q}", "en": "Understood as: {q}"},
    "status_answered": {
        "id": "Dijawab · {n} artikel sumber · {secs:.1f} dtk",
        "en": "Answered · {n} source articles · {secs:.1f} s",
        "en_one": "Answered · {n} source article · {secs:.1f} s",
    },
    "status_refused": {
        "id": "Tidak ada jawaban di artikel · {secs:.1f} dtk",
        "en": "Not in the articles · {secs:.1f} s",
    },
    "status_not_a_question": {
        "id": "Tidak ada yang dicari · {secs:.1f} dtk",
        "en": "Nothing looked up · {secs:.1f} s",
    },
    "status_error": {"id": "Gagal menjawab", "en": "Could not answer"},
    "searched": {
        "id": "{passages} dari {articles} diperiksa (korpus: {corpus}).",
        "en": "{passages} from {articles} examined (corpus: {corpus}).",
    },
    "waited": {
        "id": "Waktu tunggu {secs:.1f} dtk (menjawab sendiri {answer:.2f} dtk).",
        "en": "You waited {secs:.1f} s (answering itself took {answer:.2f} s).",
    },
    "filters_applied": {"id": "Filter: {f}", "en": "Filters: {f}"},
    "no_filters": {"id": "Filter: tidak ada", "en": "Filters: none"},
    "mode_used": {"id": "Mode: {mode}", "en": "Mode: {mode}"},
    "replaced_note": {
        "id": "Jawaban LLM tidak lolos verifikasi dan diganti dengan jawaban ekstraktif.",
        "en": "The LLM answer failed verification and was replaced by the extractive answer.",
    },
    "sources": {"id": "Sumber", "en": "Sources"},
    "open_original": {"id": "Buka artikel asli", "en": "Open the original article"},
    "no_link": {"id": "Tautan asli tidak tersedia", "en": "No original link"},
    "not_clickable": {"id": "tautan tidak aman, tidak dapat diklik", "en": "unsafe link, not clickable"},
    "quote_missing": {
        "id": "Artikel ini sudah tidak tersimpan; hanya kutipannya yang ditampilkan.",
        "en": "This article is no longer stored; only the quote is shown.",
    },
    "refused_title": {"id": "Artikel tidak menjawab pertanyaan ini", "en": "The articles don't answer this"},
    "refused_no_articles": {"id": "Belum ada artikel", "en": "No articles yet"},
    "refused_filtered_out": {"id": "Filter tidak menyisakan artikel", "en": "The filters leave no article"},
    "conflicting": {
        "id": "Artikel-artikel tidak sepakat soal angka ini; setiap angka ditampilkan dengan sumbernya.",
        "en": "The articles disagree on this figure; each figure is shown with its source.",
    },
    "related_title": {"id": "Terkait, bukan jawaban", "en": "Related, not an answer"},
    "related_caption": {
        "id": "Fakta terdekat yang ditemukan. Ini **bukan** jawaban atas pertanyaan Anda.",
        "en": "The closest facts found. These are **not** an answer to your question.",
    },
    "related_headlines": {"id": "Judul terkait (Baca juga)", "en": "Related headlines (Baca juga)"},
    "verified": {
        "id": "Terverifikasi: setiap [n] merujuk kalimat yang tersimpan dan setiap angka ada di kutipannya.",
        "en": "Verified: every [n] resolves to a stored sentence and every number is in its quote.",
    },
    "not_verified": {"id": "Tidak terverifikasi", "en": "Not verified"},
    "feedback_saved": {"id": "Terima kasih, umpan balik disimpan.", "en": "Thanks, feedback saved."},
    "feedback_reason": {"id": "Apa yang salah? (opsional)", "en": "What was wrong? (optional)"},
    "feedback_reason_hint": {
        "id": "mis. angka salah, sumber tidak relevan, seharusnya menolak",
        "en": "e.g. wrong figure, irrelevant source, should have refused",
    },
    "feedback_reason_send": {"id": "Kirim alasan", "en": "Send reason"},
    "feedback_reason_saved": {"id": "Alasan tersimpan: {r}", "en": "Reason saved: {r}"},
    "feedback": {"id": "Umpan balik", "en": "Feedback"},
    "error_answer": {"id": "Terjadi kesalahan saat menjawab: {e}", "en": "Something went wrong while answering: {e}"},
    "error_unexpected": {
        "id": "Terjadi kesalahan tak terduga ({e}). Rinciannya ada di log server.",
        "en": "Something unexpected went wrong ({e}). The details are in the server log.",
    },
    "you": {"id": "Anda", "en": "You"},
    # articles page
    "articles_title": {"id": "Artikel tersimpan", "en": "Stored articles"},
    "articles_empty": {
        "id": "Belum ada artikel tersimpan. Tambahkan artikel agar Siaga bisa menjawab dari artikel itu.",
        "en": "No articles are stored yet. Add some so Siaga has something to answer from.",
    },
    "search": {"id": "Cari (judul, media, wilayah, isi)", "en": "Search (title, outlet, region, text)"},
    "n_found": {"id": "{n} artikel", "en": "{n} articles", "en_one": "{n} article"},
    "col_title": {"id": "Judul", "en": "Title"},
    "col_outlet": {"id": "Media", "en": "Outlet"},
    "col_date": {"id": "Tanggal", "en": "Date"},
    "col_region": {"id": "Wilayah", "en": "Region"},
    "col_chunks": {"id": "Potongan", "en": "Chunks"},
    "open_article": {"id": "Buka artikel", "en": "Open an article"},
    "choose": {"id": "— pilih —", "en": "— choose —"},
    "too_many": {
        "id": "Menampilkan {shown} dari {n}; persempit pencarian untuk melihat lainnya.",
        "en": "Showing {shown} of {n}; narrow the search to see others.",
    },
    "author": {"id": "Penulis", "en": "Author"},
    "source_file": {"id": "Berkas", "en": "File"},
    "delete": {"id": "Hapus artikel", "en": "Delete article"},
    "confirm_delete": {
        "id": "Hapus **{title}** beserta potongan dan vektornya? Tindakan ini tidak dapat dibatalkan.",
        "en": "Delete **{title}** with its chunks and vectors? This cannot be undone.",
    },
    "yes_delete": {"id": "Ya, hapus", "en": "Yes, delete"},
    "cancel": {"id": "Batal", "en": "Cancel"},
    "deleted": {"id": "Artikel {id} dihapus.", "en": "Article {id} deleted."},
    "not_found": {"id": "Artikel tidak ditemukan.", "en": "Article not found."},
    "locked": {
        "id": "Proses ingest lain sedang berjalan; coba lagi setelah selesai. ({e})",
        "en": "Another ingest is running; try again when it has finished. ({e})",
    },
    # ingest page
    "ingest_title": {"id": "Tambah artikel", "en": "Add articles"},
    "ingest_intro": {
        "id": "Unggah berkas .txt .md .html .htm .json .jsonl .csv. Artikel yang tidak berubah dilewati; "
        "artikel yang berubah menggantikan potongannya sendiri.",
        "en": "Upload .txt .md .html .htm .json .jsonl .csv files. Unchanged articles are skipped; "
        "changed ones replace exactly their own chunks.",
    },
    "upload": {"id": "Berkas artikel", "en": "Article files"},
    "on_duplicate": {"id": "Teks yang sama di artikel lain", "en": "Same text as another article"},
    "dup_skip": {"id": "lewati", "en": "skip"},
    "dup_replace": {"id": "ganti", "en": "replace"},
    "dup_fail": {"id": "tandai gagal", "en": "report as failed"},
    "run_ingest": {"id": "Proses {n} berkas", "en": "Ingest {n} files", "en_one": "Ingest {n} file"},
    "ingesting": {"id": "Memproses artikel…", "en": "Ingesting articles…"},
    "progress": {
        "id": "{done}/{total} artikel · {chunks} · {secs:.0f} dtk",
        "en": "{done}/{total} articles · {chunks} · {secs:.0f} s",
        "en_one": "{done}/{total} article · {chunks} · {secs:.0f} s",
    },
    "new": {"id": "Baru", "en": "New"},
    "updated": {"id": "Diperbarui", "en": "Updated"},
    "unchanged": {"id": "Tidak berubah", "en": "Unchanged"},
    "duplicates": {"id": "Duplikat", "en": "Duplicates"},
    "failed": {"id": "Gagal", "en": "Failed"},
    "failed_list": {"id": "Berkas yang gagal", "en": "Failed files"},
    "col_file": {"id": "Berkas", "en": "File"},
    "col_error": {"id": "Masalah", "en": "Problem"},
    "col_action": {"id": "Tindakan", "en": "Action"},
    "ingest_done": {
        "id": "Selesai dalam {secs:.1f} dtk; {chunks} potongan di-embed.",
        "en": "Done in {secs:.1f} s; {chunks} chunks embedded.",
        "en_one": "Done in {secs:.1f} s; {chunks} chunk embedded.",
    },
    "ingest_failed": {"id": "Ingest gagal: {e}", "en": "The ingest failed: {e}"},
    # eval page
    "eval_title": {"id": "Evaluasi", "en": "Evaluation"},
    "eval_none": {
        "id": "Belum ada laporan evaluasi di `{dir}`. Jalankan evaluasi dengan tombol di atas, atau `siaga eval` "
        "di terminal.",
        "en": "No eval report in `{dir}` yet. Run the evaluation with the button above, or `siaga eval` "
        "in a terminal.",
    },
    "eval_report": {"id": "Laporan terbaru: `{name}`", "en": "Latest report: `{name}`"},
    "eval_questions": {
        "id": "{n} pertanyaan ({a} dapat dijawab, {u} tidak dapat dijawab).",
        "en": "{n} questions ({a} answerable, {u} unanswerable).",
    },
    "m_accuracy": {"id": "Akurasi", "en": "Accuracy"},
    "m_accuracy_en": {"id": "Akurasi (Inggris)", "en": "Accuracy (English)"},
    "m_accuracy_id": {"id": "Akurasi (Indonesia)", "en": "Accuracy (Indonesian)"},
    "m_refusal": {"id": "Penolakan tepat", "en": "Refusal accuracy"},
    "m_false_refusal": {"id": "Penolakan keliru", "en": "False refusals"},
    "m_precision": {"id": "Presisi jawaban", "en": "Answered precision"},
    "m_verbatim": {"id": "Kutipan verbatim", "en": "Citations verbatim"},
    "m_numeric": {"id": "Kesetiaan angka", "en": "Numeric fidelity"},
    "m_latency": {"id": "Latensi p50 / p95", "en": "Latency p50 / p95"},
    "by_type": {"id": "Per jenis pertanyaan", "en": "By question type"},
    "by_lang": {"id": "Per bahasa", "en": "By language"},
    "table_note": {
        "id": "% kecuali n dan p50 (detik); sel kosong: tidak berlaku untuk kelompok ini.",
        "en": "% except n and p50 (seconds); an empty cell: not applicable to that group.",
    },
    "charts": {"id": "Grafik", "en": "Charts"},
    "download_report": {"id": "Unduh report.md", "en": "Download report.md"},
    "run_eval": {"id": "Jalankan evaluasi (set pengembangan)", "en": "Run the evaluation (development set)"},
    "eval_running": {
        "id": "Menjalankan evaluasi atas {dataset}… ini bisa memakan beberapa menit.",
        "en": "Running the evaluation over {dataset}… this can take a few minutes.",
    },
    "eval_done": {"id": "Evaluasi selesai: {headline}", "en": "Evaluation finished: {headline}"},
    "eval_unavailable": {"id": "Runner evaluasi belum tersedia: {e}", "en": "The eval runner is not available: {e}"},
    "eval_failed": {"id": "Evaluasi gagal: {e}", "en": "The evaluation failed: {e}"},
}

EXAMPLES: dict[str, list[str]] = {
    "id": [
        "Berapa personel yang diterjunkan Polresta Tangerang untuk pengamanan TPS?",
        "Berapa TPS yang dijaga Polda Bali pada Pemilu 2024?",
    ],
    "en": [
        "How many personnel were deployed in Tangerang?",
        "How many polling stations did Polda Bali guard?",
    ],
}


def t(key: str, lang: str = DEFAULT_LANG, count: int | None = None, **values: object) -> str:
    """The label ``key`` in ``lang`` (Indonesian when missing), formatted with ``values``.

    ``count`` picks the singular form where a language has one ("1 article", not "1 articles");
    Indonesian nouns do not inflect, so it only matters for English.
    """
    entry = LABELS.get(key)
    if entry is None:
        return key
    lang = lang if lang in LANGS else DEFAULT_LANG
    text = (entry.get(f"{lang}_one") if count == 1 else None) or entry.get(lang) or entry[DEFAULT_LANG]
    return text.format(**values) if values else text


def counted(noun: str, n: int, lang: str = DEFAULT_LANG) -> str:
    """``"1 article"`` / ``"3 articles"`` / ``"3 artikel"``: a count with its noun (``n_articles``...)."""
    return t(f"n_{noun}", lang, count=n, n=n)


def locale_language(locale: str | None) -> str | None:
    """'id' or 'en' for a browser locale such as "id-ID" or "en-US"; None for any other language."""
    if not locale:
        return None
    base = locale.replace("_", "-").split("-", 1)[0].lower()
    return base if base in LANGS else None


def interface_language(
    chosen: str | None, setting: str | None, browser_locale: str | None, first_question_lang: str | None
) -> str:
    """The interface language: the user's choice, else the setting, else the browser's, else the first question's.

    It deliberately ignores later questions: labels that flip with every question relabel earlier
    answers and move the controls around under the reader.
    """
    for candidate in (chosen, setting, locale_language(browser_locale), first_question_lang):
        if candidate in LANGS:
            return candidate
    return DEFAULT_LANG


_EN_HINT = re.compile(
    r"\b(how|what|which|who|when|where|why|did|does|do|is|are|was|were|the|many|much)\b", re.IGNORECASE
)


def question_language(question: str) -> str:
    """'en' or 'id' for ``question``: rag.question's detector when present, a small fallback otherwise."""
    try:
        from rag.question import detect_language

        lang = detect_language(question)
    except Exception:  # the analyser is optional here; a label language is never worth a crash
        lang = "en" if len(_EN_HINT.findall(question)) >= 2 else "id"
    return lang if lang in LANGS else DEFAULT_LANG
