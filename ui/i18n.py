"""Interface labels in Indonesian and English; the interface follows the user's last question.

Journalists and election monitors ask in either language, so every label exists in both and the
app switches to the language of the latest question (detected by ``rag.question``).
"""

from __future__ import annotations

import re

LANGS = ("id", "en")
DEFAULT_LANG = "id"

LABELS: dict[str, dict[str, str]] = {
    # navigation
    "nav_chat": {"id": "Tanya", "en": "Ask"},
    "nav_articles": {"id": "Artikel", "en": "Articles"},
    "nav_ingest": {"id": "Tambah artikel", "en": "Add articles"},
    "nav_eval": {"id": "Evaluasi", "en": "Evaluation"},
    # sidebar
    "lang_toggle": {"id": "English", "en": "English"},
    "lang_help": {
        "id": "Bahasa antarmuka. Berganti otomatis mengikuti bahasa pertanyaan terakhir Anda.",
        "en": "Interface language. Switches automatically to the language of your last question.",
    },
    "filters": {"id": "Filter", "en": "Filters"},
    "since": {"id": "Dari tanggal", "en": "From"},
    "until": {"id": "Sampai tanggal", "en": "Until"},
    "regions": {"id": "Wilayah", "en": "Region"},
    "outlets": {"id": "Media", "en": "Outlet"},
    "all": {"id": "Semua", "en": "All"},
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
        "id": "Belum ada artikel. Tambahkan artikel di halaman **Tambah artikel** atau jalankan "
        "`siaga ingest data/articles`.",
        "en": "No articles yet. Add some on the **Add articles** page or run `siaga ingest data/articles`.",
    },
    "ask": {"id": "Tanyakan sesuatu tentang keamanan pemilu…", "en": "Ask about election security…"},
    "loading_model": {"id": "Memuat model dan indeks…", "en": "Loading the model and indexes…"},
    "working": {"id": "Mencari di artikel…", "en": "Searching the articles…"},
    "understood_as": {"id": "Dipahami sebagai: {q}", "en": "Understood as: {q}"},
    "status_answered": {
        "id": "Dijawab · {n} artikel sumber · {secs:.2f} dtk",
        "en": "Answered · {n} source article(s) · {secs:.2f} s",
    },
    "status_refused": {
        "id": "Tidak ada jawaban di artikel · {secs:.2f} dtk",
        "en": "Not in the articles · {secs:.2f} s",
    },
    "searched": {
        "id": "{passages} potongan dari {articles} artikel diperiksa (korpus: {corpus} artikel).",
        "en": "{passages} passages from {articles} articles examined (corpus: {corpus} articles).",
    },
    "filters_applied": {"id": "Filter: {f}", "en": "Filters: {f}"},
    "no_filters": {"id": "Filter: tidak ada", "en": "Filters: none"},
    "mode_used": {"id": "Mode: {mode}", "en": "Mode: {mode}"},
    "replaced_note": {
        "id": "Jawaban LLM tidak lolos verifikasi dan diganti dengan jawaban ekstraktif.",
        "en": "The LLM answer failed verification and was replaced by the extractive answer.",
    },
    "sources": {"id": "Sumber", "en": "Sources"},
    "source_from": {"id": "Dari", "en": "From"},
    "open_original": {"id": "Buka artikel asli", "en": "Open the original article"},
    "no_link": {"id": "Tautan asli tidak tersedia", "en": "No original link"},
    "not_clickable": {"id": "tautan tidak aman, tidak dapat diklik", "en": "unsafe link, not clickable"},
    "quote_missing": {
        "id": "Artikel ini sudah tidak tersimpan; hanya kutipannya yang ditampilkan.",
        "en": "This article is no longer stored; only the quote is shown.",
    },
    "refused_title": {"id": "Artikel tidak menjawab pertanyaan ini", "en": "The articles don't answer this"},
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
    "feedback_q": {"id": "Apakah jawaban ini membantu?", "en": "Was this answer helpful?"},
    "feedback_saved": {"id": "Terima kasih, umpan balik disimpan.", "en": "Thanks, feedback saved."},
    "error_answer": {"id": "Terjadi kesalahan saat menjawab: {e}", "en": "Something went wrong while answering: {e}"},
    "you": {"id": "Anda", "en": "You"},
    # articles page
    "articles_title": {"id": "Artikel tersimpan", "en": "Stored articles"},
    "search": {"id": "Cari (judul, media, wilayah, isi)", "en": "Search (title, outlet, region, text)"},
    "n_found": {"id": "{n} artikel", "en": "{n} articles"},
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
    "run_ingest": {"id": "Proses {n} berkas", "en": "Ingest {n} files"},
    "ingesting": {"id": "Memproses artikel…", "en": "Ingesting articles…"},
    "progress": {
        "id": "{done}/{total} artikel · {chunks} potongan · {secs:.0f} dtk",
        "en": "{done}/{total} articles · {chunks} chunks · {secs:.0f} s",
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
    },
    # eval page
    "eval_title": {"id": "Evaluasi", "en": "Evaluation"},
    "eval_none": {
        "id": "Belum ada laporan evaluasi di `{dir}`. Jalankan evaluasi di bawah atau `siaga eval`.",
        "en": "No eval report in `{dir}` yet. Run the evaluation below or `siaga eval`.",
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


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The label ``key`` in ``lang`` (Indonesian when missing), formatted with ``values``."""
    entry = LABELS.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry[DEFAULT_LANG]
    return text.format(**values) if values else text


_EN_HINT = re.compile(
    r"\b(how|what|which|who|when|where|why|did|does|do|is|are|was|were|the|many|much)\b", re.IGNORECASE
)


def question_language(question: str) -> str:
    """'en' or 'id' for ``question``: rag.question's detector when present, a small fallback otherwise."""
    try:
        from rag.legacy.question import analyze_question

        lang = analyze_question(question).language
    except Exception:  # the analyser is optional here; a label language is never worth a crash
        try:
            from rag.legacy.question import detect_language

            lang = detect_language(question)
        except Exception:
            lang = "en" if len(_EN_HINT.findall(question)) >= 2 else "id"
    return lang if lang in LANGS else DEFAULT_LANG
