"""Helpers that build Article/Chunk/RetrievedChunk objects from literal text for the rag tests."""

from __future__ import annotations

import re

from siaga.types import Article, Chunk, RetrievedChunk


def make_article(
    article_id: str,
    title: str,
    paragraphs: list[str],
    *,
    published: str | None = None,
    outlet: str | None = "Test Outlet",
    region: str | None = None,
    related_headlines: list[str] | None = None,
) -> Article:
    """An Article whose cleaned text is the paragraphs, one per line (as ingest writes them)."""
    return Article(
        id=article_id,
        title=title,
        text="\n".join(paragraphs),
        published=published,
        outlet=outlet,
        region=region,
        url=f"https://example.test/{article_id}",
        related_headlines=related_headlines or [],
    )


def make_chunks(article: Article, paragraphs_per_chunk: int = 2) -> list[Chunk]:
    """Chunks of whole paragraphs; ``chunk.text == article.text[start:end]`` always holds."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", article.text)]
    chunks: list[Chunk] = []
    for i in range(0, len(spans), paragraphs_per_chunk):
        group = spans[i : i + paragraphs_per_chunk]
        start, end = group[0][0], group[-1][1]
        chunks.append(
            Chunk(
                id=f"{article.id}#{len(chunks)}",
                article_id=article.id,
                index=len(chunks),
                text=article.text[start:end],
                start=start,
                end=end,
            )
        )
    return chunks


def retrieved(*articles: Article, paragraphs_per_chunk: int = 2) -> list[RetrievedChunk]:
    """Every chunk of the articles as retrieval candidates, ranked in order."""
    out: list[RetrievedChunk] = []
    for art in articles:
        for chunk in make_chunks(art, paragraphs_per_chunk):
            out.append(RetrievedChunk(chunk=chunk, article=art, score=1.0 / (1 + len(out)), rank=len(out)))
    return out


def chunk_map(candidates: list[RetrievedChunk]) -> dict[str, Chunk]:
    return {c.chunk.id: c.chunk for c in candidates}


TANGERANG = make_article(
    "tangerang-20240210-polresta-tangerang-sebar-1048-personel",
    "Polresta Tangerang sebar 1.048 personel ke 5.431 TPS jelang pencoblosan",
    [
        "Tangerang (ANTARA) - Kepolisian Resor Kota (Polresta) Tangerang, Polda Banten, menurunkan 1.048 personel "
        "Polri untuk menjaga 5.431 tempat pemungutan suara (TPS) di wilayah hukumnya pada Pemilu 14 Februari 2024.",
        "Kesiapan pasukan itu diperiksa dalam apel pergeseran pasukan yang dipimpin Kapolresta Tangerang Kombes Pol "
        "Baktiar Joko Mujiono di Tigaraksa, pada Sabtu, 10 Februari 2024, siang.",
        '"Kekuatan kami sendiri 700 personel, ditambah 250 personel BKO dari Polda Banten dan 98 personel Brimob '
        'Polda Banten. Jadi totalnya 1.048 orang," kata Baktiar.',
    ],
    published="2024-02-10",
    outlet="ANTARA Banten",
    region="Banten",
)

SERANG = make_article(
    "serang-20240211-polres-serang-610-personel",
    "Empat TPS di Pulau Tunda Masuk Kategori Rawan, Polres Serang Siapkan 610 Personel",
    [
        "SERANG – Empat tempat pemungutan suara (TPS) di Pulau Tunda, Kabupaten Serang, masuk kategori rawan pada "
        "Pemilu 2024 karena letaknya yang terpencil.",
        "Untuk hari pemungutan suara 14 Februari 2024, Polres Serang menyiapkan 610 personel. Jumlah itu terdiri "
        "dari 242 anggota polsek jajaran, 178 personel Polres Serang, dan 190 personel BKO Polda Banten.",
        "Seluruh kekuatan itu akan disebar ke 2.667 TPS di wilayah hukum Polres Serang.",
    ],
    published="2024-02-11",
    outlet="Kabar Pesisir Banten",
    region="Banten",
)

# The seed article: a Polda Banten roll-call story whose only mention of Tangerang's 1.048 personnel is a
# 'Baca juga' link. Ingest moves those lines to related_headlines; they are not in the cleaned text.
SEED_BANTEN = make_article(
    "polda-banten-apel-pam-tps-pemilu-2024",
    "Polda Banten gelar apel pasukan PAM TPS Pemilu 2024 di Pandeglang",
    [
        "Kepolisian Daerah Banten berharap pelaksanaan pemilihan umum (Pemilu) 2024 berjalan lancar dan aman sehingga "
        "memiliki kualitas dalam pesta demokrasi lima tahunan itu.",
        '"Kami minta semua personel tetap siaga untuk pengamanan pemilu yang dilaksanakan 14 Februari 2024," kata '
        "Dirintelkam Polda Banten Kombes Heska Wahyu Widodo saat menggelar apel pasukan PAM TPS Pemilu 2024 di "
        "Pandeglang, Sabtu.",
        "Mereka seluruh personel dapat bersinergi dengan stakeholder untuk mensukseskan pemilu 2024 dan mampu "
        "memperkokoh kerjasama sinergis dengan penyelenggara pemilu, satuan TNI, masyarakat dan mitra keamanan "
        "lainnya.",
        "Dengan demikian, pihaknya berharap pesta demokrasi Pemilu 2024 di Banten berlangsung aman, jujur, adil dan "
        "demokratis.",
        "Seluruh personel Polres Pandeglang diharapkan dapat menyiapkan mental dan fisik dengan dilandasi komitmen "
        "moral dan disiplin kerja yang tinggi.",
        "Selain itu juga petakan setiap potensi kerawanan pada setiap tempat pemungutan suara serta lakukan deteksi "
        "dini.",
        "Begitu juga personel dapat memperkokoh kerja sama yang harmonis dan menjaga komitmen serta netralitas dengan "
        "tidak terlibat dalam kegiatan politik praktis.",
        "Selanjutnya, tingkatkan kewaspadaan terhadap potensi ancaman terorisme yang memanfaatkan momen Pemilu 2024 "
        "dan melakukan penegakan hukum terhadap pelanggaran tindak pidana pemilu secara terpadu.",
        "Begitu juga bagi personel BKO Polda Banten segera lakukan penyesuaian diri dengan melakukan orientasi "
        "lapangan.",
        "Bagi para Kepala Satuan Kerja (Kasatker) dan para Kapolsek jajaran berikan arahan dan petunjuk yang jelas "
        "kepada anggota sebelum bertugas serta melakukan pengawasan dan pengendalian secara melekat.",
        '"Kami juga minta seluruh personel untuk menjaga kesehatan selama pelaksanaan Pemilu 2024 dan melaporkan '
        'kepada pimpinan jika mendapatkan indikasi pihak-pihak yang ingin mengacaukan pelaksanaan Pemilu 2024," kata '
        "Heska.",
        "Heska menjelaskan bahwa Polri harus mengamankan Pemilu 2024 secara optimal, sebab pemilu sebagai pesta "
        "demokrasi.",
        "Karena itu, Polri harus mengamankan secara optimal dan apabila mendengar isu dan informasi wajib segera "
        "melaporkan.",
        "Selain itu juga pihaknya harus melaksanakan koordinasi dan monitoring setiap kegiatan pemilu.",
        '"Kita tentu harus melakukan koordinasi dan kolaborasi dengan TNI dan unsur terkait dalam pelaksanaan '
        'pengamanan Pemilu 2024 dan melaksanakan monitor penempatan logistik maupun distribusi pengamanan logistik," '
        "pungkas Heska Wahyu Widodo.",
    ],
    published="2024-02-10",
    outlet="ANTARA Banten",
    region="Banten",
    related_headlines=[
        "1.048 personel polri diterjunkan pengamanan pemilu di Tangerang",
        "KPU Kota Tangerang salurkan biaya operasional pembuatan TPS Rp4.814.000",
        "Seniman berkostum Semar meninggal dunia usai sambut Ganjar-Mahfud",
    ],
)

MALUT_PEMILU = make_article(
    "malut-20240213-polda-malut-845-personel",
    "845 personel BKO Polda Malut disebar ke sembilan polres jelang pencoblosan",
    [
        "Ternate (ANTARA) - Sebanyak 845 personel Polda Maluku Utara (Malut) diperbantukan ke polres jajaran untuk "
        "menjaga TPS pada hari pencoblosan Pemilu, 14 Februari 2024.",
        "Jumlah DPT mencapai 953.978 pemilih, terdiri dari 490.478 laki-laki dan 463.500 perempuan, dengan 4.192 TPS.",
    ],
    published="2024-02-13",
    region="Maluku Utara",
)

MALUT_PILKADA = make_article(
    "malut-20241119-polda-malut-662-personel-pilkada",
    "Polda Maluku Utara Terjunkan 662 Personel Amankan Pemungutan Suara Pilkada",
    [
        "TERNATE – Menjelang hari pencoblosan Pilkada 27 November 2024, Polda Maluku Utara mengirim 662 personel "
        "untuk memperkuat pengamanan TPS di sembilan kabupaten/kota.",
        "Jumlah DPT Pilkada sebanyak 942.076 pemilih, terdiri dari 484.222 laki-laki dan 457.854 perempuan, dengan "
        "2.511 TPS.",
    ],
    published="2024-11-19",
    region="Maluku Utara",
)

KALSEL_2023 = make_article(
    "kalsel-20231111-polda-kalsel-7000-personel",
    "Polda Kalsel kerahkan sekitar 7.000 personel amankan Pemilu 2024",
    [
        "BANJARMASIN – Sekitar 7.000 personel Polda Kalimantan Selatan (Kalsel) akan dilibatkan dalam pengamanan "
        "Pemilu 2024.",
        "Menurut Kapolda Kalsel Irjen Pol Andi Rian R. Djajadi, para personel sudah menjalani latihan simulasi "
        "Sispamkota di 13 polres.",
    ],
    published="2023-11-11",
    region="Kalimantan Selatan",
)

KALSEL_2024 = make_article(
    "kalsel-20240212-kapolda-kalsel-lepas-720-personel",
    "Kapolda Kalsel lepas 720 personel ke 13 polres",
    [
        "BANJARMASIN – Dua hari sebelum pencoblosan Pemilu 2024, Kapolda Kalimantan Selatan Irjen Pol Winarto "
        "melepas 720 personel BKO ke 13 polres, Senin (12/2/2024).",
        "Wakapolda Kalsel Brigjen Pol Pol Mas Puryono mendampingi apel tersebut.",
    ],
    published="2024-02-12",
    region="Kalimantan Selatan",
)

KENDARI = make_article(
    "kendari-20240206-polresta-kendari-602-personel",
    "Polresta Kendari siagakan 602 personel",
    [
        "KENDARI – Polresta Kendari menyiagakan 602 personel untuk mengamankan 1.383 TPS Pemilu 2024.",
        "Personel pengamanan TPS tidak diizinkan membawa senjata api saat bertugas di sekitar TPS.",
    ],
    published="2024-02-06",
    region="Sulawesi Tenggara",
)

LAMPUNG_BKO = make_article(
    "lampung-20240217-bko-diperpanjang",
    "BKO Polda Lampung diperpanjang hingga 18 Februari",
    [
        "LAMPUNG – Polda Lampung memperpanjang penugasan 1.882 personel BKO yang membantu pengamanan TPS Pemilu 14 "
        "Februari 2024.",
        '"Masa BKO kami tambah tiga hari, jadi baru berakhir 18 Februari 2024," kata Kabid Humas Polda Lampung '
        "Kombes Pol Umi Fadilah Astutik, Sabtu (17/2/2024).",
    ],
    published="2024-02-17",
    region="Lampung",
)


class FakeReader:
    """A reader through the same seam as the trained one (``read(question, passages, n_best)``), for tests.

    ``rules`` are (question pattern, span text, margin): for a question matching the pattern, every passage
    whose answerable part contains the span text proposes it with that margin over "no answer" (0). A
    passage with no rule proposes its first word with margin -5, as a real reader's weak guess would.
    """

    def __init__(self, rules: list[tuple[str, str, float]]) -> None:
        self.rules = rules
        self.calls: list[tuple[str, int]] = []
        self.read_texts: list[str] = []  # every passage's answerable part, in reading order

    def read(self, question: str, passages, n_best: int = 1):  # noqa: ANN001, ANN201 - the reader seam
        from rag.reader import SpanScore

        self.calls.append((question, len(passages)))
        out = []
        for i, p in enumerate(passages):
            end = p.allowed_end if p.allowed_end is not None else len(p.text)
            self.read_texts.append(p.text[p.allowed_start : end])
            found = []
            for pattern, span, margin in self.rules:
                at = p.text.find(span, p.allowed_start, end)
                if re.search(pattern, question, re.I) and at >= 0:
                    found.append(SpanScore(i, at, at + len(span), span, margin, 0.0))
            if not found:
                first = p.text[p.allowed_start : end].split()[0]
                found = [SpanScore(i, p.allowed_start, p.allowed_start + len(first), first, -5.0, 0.0)]
            out.append(sorted(found, key=lambda s: -s.score)[:n_best])
        return out
