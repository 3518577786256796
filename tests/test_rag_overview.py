"""Overview requests answered with the articles' own sentences, each quoted verbatim and cited."""

from __future__ import annotations

import pytest

from rag.overview import MAX_PER_ARTICLE, overview_answer, overview_lines, overview_topic
from rag.verify import apply_verification
from tests.rag_fixtures import chunk_map, make_article, retrieved


@pytest.mark.parametrize(("question", "topic"), [
    ("What do the articles say about Dompu?", "Dompu"),
    ("Tell me about the security for the Pilkada in Padang", "the security for the Pilkada in Padang"),
    ("Can you give me an overview of Operasi Mantap Brata?", "Operasi Mantap Brata"),
    ("Summarize the news on hoaxes.", "hoaxes"),
    ("Ringkas pengamanan Pilkada di Kalteng", "pengamanan Pilkada di Kalteng"),
    ("Ceritakan tentang Pulau Midai", "Pulau Midai"),
    ("Apa kata berita tentang Dompu?", "Dompu"),
    ("Ada berita apa soal TPS rawan di Sleman?", "TPS rawan di Sleman"),
])
def test_an_overview_request_gives_its_topic(question: str, topic: str) -> None:
    assert overview_topic(question) == topic


@pytest.mark.parametrize("question", [
    "Berapa personel yang dikerahkan Polda Banten?",
    "Who is the Kapolda of Bali?",
    "Apa itu TPS?",
    "What is the summary of the regulation called?",  # asks a name, not for an overview
    "Ceritakan tentang",
    "Tell me about?",
])
def test_a_question_for_a_fact_is_no_overview(question: str) -> None:
    assert overview_topic(question) is None


NTB = make_article("ntb", "Kapolda NTB: 6.427 Personel Amankan 8.405 TPS, Dompu Jadi Atensi", [
    "Kapolda NTB: 6.427 Personel Amankan 8.405 TPS, Dompu Jadi Atensi",
    "MATARAM – Kapolda NTB Irjen Pol Hadi Gunawan memeriksa kesiapan personel pengamanan TPS di Mapolda NTB.",
    "Baca juga: Dompu siap sambut pilkada damai, kata bupati",
    '"Dompu mendapat porsi terbesar karena pengalaman pahit sebelumnya. Kami berharap itu tidak terulang," ujar Hadi.',
    "Personel tambahan dari Polda NTB dikirim ke Dompu dua hari sebelum pencoblosan.",
    "Di Dompu, 40 TPS masuk kategori sangat rawan.",
    "Dompu juga mendapat dukungan 100 personel Brimob.",
    "Kapolda meminta anggota bertindak secukupnya.",
], published="2024-11-22", region="Nusa Tenggara Barat")
BALI = make_article("bali", "Polda Bali terjunkan 2.349 personel", [
    "Polda Bali menerjunkan 2.349 personel untuk pengamanan Pilkada 2024, sama seperti di Dompu tahun lalu.",
], published="2024-11-25", region="Bali")


def test_an_overview_quotes_whole_sentences_about_the_topic_and_no_boilerplate() -> None:
    lines = overview_lines("Dompu", "id", retrieved(NTB, BALI))
    quotes = [line.article.text[line.start : line.end] for line in lines]
    assert quotes[0].startswith('"Dompu mendapat porsi') and quotes[0].endswith("ujar Hadi.")  # the whole quotation
    assert not any(q.startswith(("Baca juga", "Kapolda NTB: 6.427")) for q in quotes)  # no "Baca juga", no headline
    assert all("Dompu" in q for q in quotes)
    assert sum(line.article.id == "ntb" for line in lines) == MAX_PER_ARTICLE  # one article does not fill it
    assert [line.article.id for line in lines][-1] == "bali"  # another article that writes about Dompu


def test_a_topic_naming_a_region_keeps_only_articles_about_it() -> None:
    lines = overview_lines("pengamanan Pilkada di Bali", "id", retrieved(NTB, BALI))
    assert {line.article.id for line in lines} == {"bali"}


def test_an_overview_answer_cites_each_line_verbatim_and_verifies() -> None:
    candidates = retrieved(NTB)
    answer = overview_answer("What do the articles say about Dompu?", "Dompu", "en", candidates)
    head, *bullets = answer.text.splitlines()
    assert head == "What the articles say about Dompu (quoted in their own Indonesian):"
    assert len(bullets) == len(answer.citations) == MAX_PER_ARTICLE and bullets[0].endswith("[1]")
    for c in answer.citations:
        assert NTB.text[c.start : c.end] == c.quote and c.quote.strip() in answer.text
    assert apply_verification(answer, chunk_map(candidates)).verified


def test_an_overview_of_what_no_article_writes_about_says_so() -> None:
    answer = overview_answer("Ceritakan tentang Sumenep", "Sumenep", "id", retrieved(NTB, BALI))
    assert answer.refused and answer.text == "Tidak ada artikel yang menulis tentang Sumenep." and not answer.citations
