"""Follow-ups: only elliptical questions are rewritten; they keep the previous election and period."""

from __future__ import annotations

import pytest

from rag.followup import is_elliptical, points_back, rewrite_followup


def turn(question: str) -> list[dict]:
    return [{"role": "user", "content": question}, {"role": "assistant", "content": "..."}]


@pytest.mark.parametrize(
    ("previous", "question", "standalone"),
    [
        ("How many personnel were deployed in Tangerang on 14 February 2024?", "And in Bali?",
         "How many personnel were deployed in Bali on 14 February 2024?"),
        ("How many personnel were deployed in Tangerang on 14 February 2024?", "what about the day before?",
         "How many personnel were deployed in Tangerang on 13 February 2024?"),
        ("Berapa personel Polres Jember pada Pilkada 2024?", "Bagaimana dengan Banyuwangi?",
         "Berapa personel Polres Banyuwangi pada Pilkada 2024?"),
        ("Berapa TPS di Kepulauan Riau pada Pemilu 2024?", "Bagaimana dengan jumlah TPS saat Pilkada 2024?",
         "Berapa TPS di Kepulauan Riau pada Pilkada 2024?"),
        ("How many personnel did Polresta Denpasar deploy for the February 2024 election?",
         "And for the November Pilkada?",
         "How many personnel did Polresta Denpasar deploy for the November 2024 Pilkada?"),
        ("Berapa personel yang diterjunkan Polresta Denpasar pada Pemilu Februari 2024?", "Kalau Pilkada November?",
         "Berapa personel yang diterjunkan Polresta Denpasar pada Pilkada November 2024?"),
        ("How many polling stations were there in Bali for the 2024 Pilkada?", "And for the February election?",
         "How many polling stations were there in Bali for the February 2024 election?"),
        # "serentak" belongs to the election it follows: nothing of the previous phrase is left behind
        ("Berapa personel yang diterjunkan Polda Bali untuk Pilkada Serentak 2024?", "Kalau Pemilu Februari 2024?",
         "Berapa personel yang diterjunkan Polda Bali untuk Pemilu Februari 2024?"),
        ("Berapa TPS di Bali pada Pemilu 2024?", "Bagaimana dengan Pilkada Serentak 2024?",
         "Berapa TPS di Bali pada Pilkada Serentak 2024?"),
        # a question word opening the name's capitalised run is not part of the name it swaps
        ("Menurut Kombes Baktiar, berapa personel yang diterjunkan?", "Bagaimana dengan AKBP Sigit?",
         "Menurut AKBP Sigit, berapa personel yang diterjunkan?"),
        ("Mengapa Kombes Baktiar memimpin apel?", "Bagaimana dengan AKBP Sigit?", "Mengapa AKBP Sigit memimpin apel?"),
        ("Siapa Kapolda NTB saat Pemilu 2024?", "Lalu siapa Kapolda NTB saat Pilkada 2024?",
         "Siapa Kapolda NTB saat Pilkada 2024?"),
        # a post asked, a command named: the command's head ("Kapolda" -> "Kapolresta"), not the command itself
        ("What is the rank of the Kapolda Bali?", "What about Polresta Denpasar?",
         "What is the rank of the Kapolresta Denpasar?"),
        ("Siapa Kapolda Sultra?", "Bagaimana dengan Polres Konawe?", "Siapa Kapolres Konawe?"),
        ("Siapa Pangdam Udayana?", "Kalau Korem Wirasatya?", "Siapa Danrem Wirasatya?"),
        ("Berapa personel Polda DIY yang digeser ke Polres Gunungkidul untuk Pemilu 2024?",
         "Kalau yang ke Polresta Yogyakarta?",
         "Berapa personel Polda DIY yang digeser ke Polresta Yogyakarta untuk Pemilu 2024?"),
        ("Berapa TPS di Bali pada Pilkada 2024?", "Berapa yang masuk kategori sangat rawan?",
         "Berapa TPS yang masuk kategori sangat rawan di Bali pada Pilkada 2024?"),
        ("Berapa personel yang diterjunkan di Tangerang saat Pemilu 2024?",
         "Lalu berapa yang berjaga di TPS terpencil?",
         "Berapa personel yang berjaga di TPS terpencil yang diterjunkan di Tangerang saat Pemilu 2024?"),
        ("Siapa Kapolda Bali saat Pemilu 2024?", "Berapa yang diterjunkan?",
         "Berapa yang diterjunkan Kapolda Bali saat Pemilu 2024?"),
        # questions that point back ("provinsi itu", "of them", "TPS-nya", a count without its noun) are
        # elliptical however much they name of their own
        # a demonstrative area noun takes the previous question's region, and its period
        ("Berapa TPS di Jambi pada Pemilu 2024?", "Berapa yang sangat rawan di provinsi tersebut?",
         "Berapa TPS yang sangat rawan di provinsi Jambi (Pemilu 2024)?"),
        ("How many polling stations were there in West Java for the 2024 Pilkada?",
         "Who was the police chief of that province?", "Who was the police chief of West Java (2024 Pilkada)?"),
        # a partitive narrows what the previous question counted
        ("How many soldiers did Kodam Jaya deploy for the 2024 Pilkada?", "How many of them were marines?",
         "How many soldiers were marines (did Kodam Jaya deploy for the 2024 Pilkada)?"),
        ("Berapa personel yang dikerahkan Polda Bali untuk Pilkada 2024?",
         "Berapa di antaranya yang berasal dari Brimob?",
         "Berapa personel yang berasal dari Brimob yang dikerahkan Polda Bali untuk Pilkada 2024?"),
        # "-nya" is the previous subject's; a count without its noun counts the previous noun
        ("Berapa TPS di Lampung yang sangat rawan pada Pemilu 2024?", "Berapa total TPS-nya di provinsi itu?",
         "Berapa total TPS di provinsi Lampung (Pemilu 2024)?"),
        ("Berapa personel yang diterjunkan di Tangerang saat Pemilu 2024?", "Berapa yang dikerahkan di Bali?",
         "Berapa personel yang dikerahkan di Bali (Pemilu 2024)?"),
        ("How many personnel were deployed in Tangerang on 14 February 2024?", "How many were deployed in Bali?",
         "How many personnel were deployed in Bali (14 February 2024)?"),
        # a post's "-nya", joined or hyphenated, is the previous region's post (an institution's territory)
        ("Berapa personel yang diterjunkan Polda Bali untuk Pilkada 2024?", "Siapa Kapoldanya?",
         "Siapa Kapolda Bali (Pilkada 2024)?"),
        ("Berapa personel yang diterjunkan Polda Bali untuk Pemilu?", "Siapa Kapolda-nya?",
         "Siapa Kapolda Bali (Pemilu)?"),
        ("Kapan apel pergeseran pasukan Polresta Tangerang?", "Siapa Kapolrestanya?", "Siapa Kapolresta Tangerang?"),
        # a count noun's joined "-nya" is dropped like the hyphenated one
        ("Berapa TPS di Lampung yang sangat rawan pada Pemilu 2024?", "Berapa total TPSnya di provinsi itu?",
         "Berapa total TPS di provinsi Lampung (Pemilu 2024)?"),
        # a count of another noun keeps the previous subject and context, not its noun
        ("How many voters are there in North Kalimantan?", "And how many polling stations?",
         "How many polling stations are there in North Kalimantan?"),
        ("Berapa pemilih di Kalimantan Utara?", "Kalau TPS-nya?", "Berapa TPS di Kalimantan Utara?"),
        ("Berapa pemilih di Kalimantan Utara?", "And polling stations?", "Berapa tps di Kalimantan Utara?"),
        # "there" / "di sana" is the previous question's place ("are there" is not)
        ("How many voters are there in North Kalimantan?", "Who is the Kapolda there?",
         "Who is the Kapolda in North Kalimantan?"),
        ("Berapa pemilih di Kalimantan Utara?", "Siapa Kapolda di sana?", "Siapa Kapolda di Kalimantan Utara?"),
        # the deputy asked after a post: the post made the deputy's
        ("Siapa Kapolda Sultra?", "Siapa wakilnya?", "Siapa Wakapolda Sultra?"),
        ("Siapa Kapolresta Denpasar?", "Kalau wakilnya?", "Siapa Wakapolresta Denpasar?"),
        ("Who is the Kapolda of Bali?", "And his deputy?", "Who is the Wakapolda of Bali?"),
        ("Who is the police chief of Sleman?", "Who is his deputy?", "Who is the deputy police chief of Sleman?"),
        # a demonstrative with nothing to name it by: the previous names and period are appended
        ("Berapa personel yang diterjunkan Polda Bali pada 12 Februari 2024?", "Di mana apel itu digelar?",
         "Di mana apel itu digelar (Polda Bali, 12 Februari 2024)?"),
        # a count of another noun asks of the previous names and period, not of the previous count
        ("Berapa personel yang dikerahkan Polda Kaltara untuk Pilkada 2024?", "Berapa TPS rawannya?",
         "Berapa TPS rawannya (Polda Kaltara, Pilkada 2024)?"),
        ("How many personnel did Polda Bali deploy for the 2024 Pilkada?", "Berapa TPS sangat rawan?",
         "Berapa TPS sangat rawan (Polda Bali, 2024 Pilkada)?"),
        ("Berapa TPS di Lampung pada Pemilu 2024?", "Berapa personel yang dikerahkan?",
         "Berapa personel yang dikerahkan (Lampung, Pemilu 2024)?"),
    ],
)
def test_elliptical_questions_are_made_standalone(previous: str, question: str, standalone: str) -> None:
    assert is_elliptical(question)
    assert rewrite_followup(question, turn(previous)) == standalone


@pytest.mark.parametrize(
    "question",
    [
        "Compare the personnel deployed in Tangerang and Bali",
        "Berapa TPS sangat rawan di Jawa Barat saat Pilkada 2024?",
        "Siapa pemenang Pilkada Jakarta 2024?",
        "How many polling stations are there in Bali?",  # an existential "there" points nowhere
    ],
)
def test_complete_questions_are_never_rewritten(question: str) -> None:
    assert not is_elliptical(question)
    assert rewrite_followup(question, turn("How many personnel were deployed in Tangerang?")) == question


@pytest.mark.parametrize("question", ["Berapa TPS lainnya di Lampung pada Pemilu 2024?",
                                      "Siapa yang sebelumnya memimpin Polda Bali pada Pemilu 2024?"])
def test_words_merely_ending_in_nya_do_not_point_back(question: str) -> None:
    assert not is_elliptical(question)


def test_a_post_without_a_previous_region_or_name_takes_the_previous_subject() -> None:
    out = rewrite_followup("Siapa ketuanya?", turn("berapa tps yang sangat rawan saat pemilu?"))
    assert out.startswith("Siapa ketua ") and "tps yang sangat rawan" in out


def test_a_follow_up_word_keeps_the_previous_period_when_none_is_named() -> None:
    out = rewrite_followup("Dan siapa Kapolda Bali?", turn("Berapa personel Polda Bali pada Pemilu 2024?"))
    assert out == "Siapa Kapolda Bali (Pemilu 2024)?"


def test_follow_up_of_a_follow_up_builds_on_the_rewritten_question() -> None:
    history = turn("Berapa personel Polres Jember pada Pilkada 2024?") + turn("Bagaimana dengan Banyuwangi?")
    assert rewrite_followup("Dan pada Pemilu 2024?", history) == "Berapa personel Polres Banyuwangi pada Pemilu 2024?"


def test_without_history_nothing_changes() -> None:
    assert rewrite_followup("And in Bali?", None) == "And in Bali?"


def test_a_complete_question_with_its_own_noun_does_not_point_back() -> None:
    assert not points_back("Berapa personel yang dikerahkan Polda Bali untuk Pilkada 2024?")
    assert not is_elliptical("How many polling stations were there in Bali for the 2024 Pilkada?")


def test_what_is_x_is_a_complete_question_not_a_reference() -> None:
    assert not points_back("Apa itu TPS rawan?")


@pytest.mark.parametrize(
    ("previous", "follow_up", "standalone"),
    [
        ("Berapa personel yang disiagakan Polres Konawe?", "Berapa TPS yang diamankannya?",
         "Berapa TPS yang diamankan Polres Konawe?"),  # a passive verb's "-nya" is its agent
        ("How many personnel did Polres Konawe deploy?", "How many polling stations did it secure?",
         "How many polling stations did Polres Konawe secure?"),
        ("How many personnel did Polda Bali deploy?", "And how many polling stations did it guard?",
         "How many polling stations did Polda Bali guard?"),
    ],
)
def test_it_and_a_verbs_nya_take_the_previous_questions_name(previous: str, follow_up: str, standalone: str) -> None:
    assert rewrite_followup(follow_up, [{"role": "user", "content": previous}]) == standalone


@pytest.mark.parametrize(
    ("previous", "follow_up", "standalone"),
    [
        ("Siapa Kapolda NTB saat Pilkada 2024?", "Berapa personel yang dia kerahkan?",
         "Berapa personel yang Kapolda NTB kerahkan (Pilkada 2024)?"),  # the post asked, with its territory
        ("Who was the Kapolda of NTB during the 2024 Pilkada?", "How many personnel did he deploy?",
         "How many personnel did Kapolda NTB deploy (2024 Pilkada)?"),
        ("Siapa Kapolresta Tangerang?", "Kapan ia dilantik?", "Kapan Kapolresta Tangerang dilantik?"),
        ("Who is Irjen Pol Hadi Gunawan?", "When did he take office?",
         "When did Irjen Pol Hadi Gunawan take office?"),  # no post asked: the name
        ("Who is the police chief of Bali?", "Who is his deputy?", "Who is the deputy police chief of Bali?"),
    ],
)
def test_he_and_dia_stand_for_the_person_the_previous_question_asked_about(
        previous: str, follow_up: str, standalone: str) -> None:
    assert rewrite_followup(follow_up, [{"role": "user", "content": previous}]) == standalone


@pytest.mark.parametrize(
    ("previous", "follow_up", "standalone"),
    [
        ("How many TPS did Polda Kepri guard?", "Who is its chief?", "Who is the chief of Polda Kepri?"),
        ("How many personnel did Polresta Tangerang deploy?", "Who is their police chief?",
         "Who is the police chief of Polresta Tangerang?"),
    ],
)
def test_its_before_a_post_is_the_previous_questions_name(previous: str, follow_up: str, standalone: str) -> None:
    """English "its chief" is what "kapoldanya" is in Indonesian: the post of what the previous question named."""
    assert rewrite_followup(follow_up, [{"role": "user", "content": previous}]) == standalone


@pytest.mark.parametrize(
    ("previous", "follow_up", "standalone"),
    [
        # "it" stands for what the previous question named; "its" before a count noun too
        ("How many TPS did Polda Kepri guard?", "Who leads it?", "Who leads Polda Kepri?"),
        ("How many TPS did Polda Kepri guard?", "How many of its personnel were deployed?",
         "How many of the personnel of Polda Kepri were deployed?"),
        ("How many TPS did Polda Kepri guard?", "How many of their polling stations were vulnerable?",
         "How many of the polling stations of Polda Kepri were vulnerable?"),
        # "they" / "mereka": what the previous question counted, of what it named
        ("How many personnel did Polresta Tangerang deploy?", "Where were they deployed?",
         "Where were the personnel of Polresta Tangerang deployed?"),
        ("Berapa personel yang dikerahkan Polda Kepri?", "Di mana mereka ditempatkan?",
         "Di mana personel Polda Kepri ditempatkan?"),
        ("Who is the Kapolda of Bali?", "Who appointed them?", "Who appointed Kapolda Bali?"),  # the person asked
        # in the follow-up's language when the conversation changes language
        ("How many personnel did Polda Bali deploy?", "Apakah mereka dibantu TNI?",
         "Apakah personel Polda Bali dibantu TNI?"),
        # a passive verb without a suffix has its agent "-nya" too; a preposition typed as one word does not
        ("Berapa personel yang dikerahkan Polda Kepri?", "Berapa TPS yang dijaganya?",
         "Berapa TPS yang dijaga Polda Kepri?"),
    ],
)
def test_it_they_and_its_count_noun_take_the_previous_questions_subject(
        previous: str, follow_up: str, standalone: str) -> None:
    assert rewrite_followup(follow_up, [{"role": "user", "content": previous}]) == standalone


def test_a_partitive_them_still_narrows_the_previous_count() -> None:
    standalone = rewrite_followup("How many of them were very vulnerable?",
                                  [{"role": "user", "content": "How many TPS did Polda Bali guard?"}])
    assert standalone.startswith("How many TPS were very vulnerable")
    typed_as_one_word = rewrite_followup("Berapa yang rawan diantaranya?",
                                         [{"role": "user", "content": "Berapa TPS di Bali?"}])
    assert typed_as_one_word == "Berapa TPS yang rawan di Bali?"  # "di antaranya" typed as one word


@pytest.mark.parametrize(
    ("previous", "follow_up", "standalone"),
    [
        ("How many personnel were deployed in Tangerang?", "Where?", "Where were the personnel deployed in Tangerang?"),
        ("How many personnel did Polda Bali deploy for the 2024 election?", "When?",
         "When did Polda Bali deploy the personnel for the 2024 election?"),
        ("How many personnel did Polda Bali deploy?", "And why?", "Why did Polda Bali deploy the personnel?"),
        ("Berapa personel yang diterjunkan Polresta Tangerang pada Pemilu 2024?", "Kapan?",
         "Kapan personel diterjunkan Polresta Tangerang pada Pemilu 2024?"),
        ("Berapa personel yang dikerahkan Polda Kepri?", "Lalu di mana?", "Di mana personel dikerahkan Polda Kepri?"),
    ],
)
def test_a_bare_question_word_asks_it_of_what_the_previous_question_counted(
        previous: str, follow_up: str, standalone: str) -> None:
    assert rewrite_followup(follow_up, [{"role": "user", "content": previous}]) == standalone


def test_a_bare_question_word_in_the_other_language_keeps_the_general_rewrite() -> None:
    standalone = rewrite_followup("Kapan?", [{"role": "user", "content": "How many personnel did Polda Bali deploy?"}])
    assert standalone.startswith("Kapan") and "Polda Bali" in standalone


@pytest.mark.parametrize(
    ("previous", "follow_up", "standalone"),
    [
        ("Berapa TPS rawan di Jawa Barat saat Pilkada 2024?", "Berapa yang sangat rawan?",
         "Berapa TPS sangat rawan di Jawa Barat saat Pilkada 2024?"),
        ("Berapa TPS rawan di Jawa Barat saat Pilkada 2024?", "Yang tidak rawan?",
         "Berapa TPS tidak rawan di Jawa Barat saat Pilkada 2024?"),
        ("Berapa TPS sangat rawan di Jawa Barat saat Pilkada 2024?", "Dan yang rawan?",
         "Berapa TPS rawan di Jawa Barat saat Pilkada 2024?"),
        # "kategori" is a count noun (of kinds): the narrowing replaces what follows it
        ("Berapa TPS yang masuk kategori sangat rawan di Bali?", "Yang rawan?",
         "Berapa TPS yang masuk kategori rawan di Bali?"),
        ("How many vulnerable TPS were there in West Java?", "How many very vulnerable?",
         "How many very vulnerable TPS were there in West Java?"),
        ("How many vulnerable TPS were there in West Java?", "And the very vulnerable ones?",
         "How many very vulnerable TPS were there in West Java?"),
        # with a place of its own: both the qualifier and the place are replaced
        ("Berapa TPS rawan di Jawa Barat saat Pilkada 2024?", "Kalau yang sangat rawan di Bali?",
         "Berapa TPS sangat rawan di Bali saat Pilkada 2024?"),
        ("How many vulnerable TPS were there in West Java?", "And very vulnerable ones in Bali?",
         "How many very vulnerable TPS were there in Bali?"),
        # a two-word count noun is no qualifier ("polling stations")
        ("How many vulnerable polling stations were in West Java?", "And the very vulnerable ones?",
         "How many very vulnerable polling stations were in West Java?"),
        # across languages: English through the glossary, Indonesian as written (English questions carry it)
        ("Berapa TPS rawan di Jawa Barat saat Pilkada 2024?", "What about very vulnerable?",
         "Berapa TPS sangat rawan di Jawa Barat saat Pilkada 2024?"),
        ("Berapa TPS rawan di Jawa Barat saat Pilkada 2024?", "How about very vulnerable ones in Bali?",
         "Berapa TPS sangat rawan di Bali saat Pilkada 2024?"),
        ("How many vulnerable polling stations were in West Java?", "Yang sangat rawan?",
         "How many sangat rawan polling stations were in West Java?"),
    ],
)
def test_a_narrowing_that_shares_the_qualifier_replaces_it(previous: str, follow_up: str, standalone: str) -> None:
    assert rewrite_followup(follow_up, turn(previous)) == standalone


def test_a_narrowing_that_shares_no_qualifier_word_still_narrows_the_count() -> None:
    assert rewrite_followup("Berapa yang sangat rawan?", turn("Berapa TPS di Bali pada Pilkada 2024?")) == \
        "Berapa TPS yang sangat rawan di Bali pada Pilkada 2024?"


@pytest.mark.parametrize(
    ("previous", "follow_up", "standalone"),
    [
        ("How many personnel did Polresta Tangerang deploy?", "How about Pilkada?",
         "How many personnel did Polresta Tangerang deploy in the Pilkada?"),
        ("How many personnel did Polresta Tangerang deploy?", "And in February 2024?",
         "How many personnel did Polresta Tangerang deploy in February 2024?"),
        ("Berapa personel yang dikerahkan Polresta Tangerang?", "Bagaimana dengan Pilkada?",
         "Berapa personel yang dikerahkan Polresta Tangerang pada Pilkada?"),
        ("Berapa personel yang dikerahkan Polresta Tangerang?", "Kalau saat Pilkada?",
         "Berapa personel yang dikerahkan Polresta Tangerang saat Pilkada?"),
    ],
)
def test_an_election_added_to_a_question_that_named_none_takes_a_preposition(
        previous: str, follow_up: str, standalone: str) -> None:
    assert rewrite_followup(follow_up, turn(previous)) == standalone


@pytest.mark.parametrize(
    ("previous", "follow_up", "standalone"),
    [
        ("How many personnel did Polda Bali deploy?", "What is his rank?", "What is Kapolda Bali's rank?"),
        ("How many personnel did Polres Lebak deploy?", "Who is he?", "Who is Kapolres Lebak?"),
        ("How many soldiers did Kodam Pattimura deploy?", "What is his rank?", "What is Pangdam Pattimura's rank?"),
    ],
)
def test_he_after_a_command_is_its_head(previous: str, follow_up: str, standalone: str) -> None:
    assert rewrite_followup(follow_up, turn(previous)) == standalone


@pytest.mark.parametrize(
    ("previous", "follow_up", "standalone"),
    [
        # "it" is what a question about an event was about, not its last name
        ("When was the Polda Banten troop parade?", "Who led it?", "Who led the Polda Banten troop parade?"),
        ("Who led the security parade of Polda Banten?", "Where was it held?",
         "Where was the security parade of Polda Banten held?"),
        ("What is the name of the Polri operation for the 2024 election?", "When did it start?",
         "When did the Polri operation for the 2024 election start?"),
        ("When was the Polda Banten troop parade?", "Who led that parade?", "Who led the Polda Banten troop parade?"),
        # Indonesian: a transitive verb's "-nya" and "<noun> itu"
        ("Kapan apel gelar pasukan Polda Banten?", "Siapa yang memimpinnya?",
         "Siapa yang memimpin apel gelar pasukan Polda Banten?"),
        ("Siapa yang memimpin apel Polda Bali pada 12 Februari 2024?", "Di mana apel itu digelar?",
         "Di mana apel Polda Bali pada 12 Februari 2024 digelar?"),
        # a bare question word after a who-question asks of its topic, not "When led ..."
        ("Who led the security parade of Polda Banten?", "When?", "When was the security parade of Polda Banten?"),
        ("Siapa yang memimpin apel gelar pasukan Polda Banten?", "Kapan?", "Kapan apel gelar pasukan Polda Banten?"),
        # a count's "it" is still its agent
        ("How many personnel did Polda Banten deploy?", "Who leads it?", "Who leads Polda Banten?"),
        # "What is X?" / "Apa itu X?": X is the topic; a follow-up that names nothing takes it in brackets
        ("What is Operasi Mantap Brata?", "How many personnel were involved?",
         "How many personnel were involved (Operasi Mantap Brata)?"),
        ("Apa itu Operasi Mantap Brata?", "Kapan dimulai?", "Kapan dimulai (Operasi Mantap Brata)?"),
        ("When was the Polda Banten troop parade?", "How many personnel took part?",
         "How many personnel took part (the Polda Banten troop parade)?"),
    ],
)
def test_it_after_a_question_about_an_event_is_that_event(previous: str, follow_up: str, standalone: str) -> None:
    assert rewrite_followup(follow_up, turn(previous)) == standalone


@pytest.mark.parametrize(
    ("previous", "follow_up", "standalone"),
    [
        ("Who is the Kapolda of Banten?", "And his rank?", "What is Kapolda Banten's rank?"),
        ("Who is the Kapolda of Banten?", "His full name?", "What is Kapolda Banten's full name?"),
    ],
)
def test_his_with_a_noun_alone_asks_what_the_persons_noun_is(previous: str, follow_up: str, standalone: str) -> None:
    assert rewrite_followup(follow_up, turn(previous)) == standalone


@pytest.mark.parametrize(
    ("previous", "follow_up", "standalone"),
    [
        ("Siapa Kapolda Banten?", "Pangkatnya?", "Apa pangkat Kapolda Banten?"),
        ("Siapa Kapolda Banten?", "Dan jabatannya?", "Apa jabatan Kapolda Banten?"),
        ("Siapa Kapolda Banten?", "Nama lengkapnya?", "Apa nama lengkap Kapolda Banten?"),
        ("Who is the Kapolda of Banten?", "Pangkatnya?", "Apa pangkat Kapolda Banten?"),
    ],
)
def test_a_lone_nouns_nya_after_a_person_question_is_that_persons(previous: str, follow_up: str,
                                                                  standalone: str) -> None:
    assert rewrite_followup(follow_up, turn(previous)) == standalone


@pytest.mark.parametrize("follow_up", ["Sebelumnya?", "Lainnya?", "Berikutnya?", "TPS-nya?", "Kapoldanya?"])
def test_an_adverbs_verbs_or_known_nouns_nya_is_no_persons_attribute(follow_up: str) -> None:
    assert not rewrite_followup(follow_up, turn("Siapa Kapolda Banten?")).startswith("Apa ")


def test_a_lone_nouns_nya_after_a_count_is_no_persons_attribute() -> None:
    assert not rewrite_followup("Pangkatnya?", turn("Berapa personel Polda Banten?")).startswith("Apa ")


def test_a_person_asked_has_no_topic_for_it() -> None:
    """"Who is X?" asks a person: "When?" after it keeps the general rewrite, not "When (the Kapolda ...)?"."""
    assert rewrite_followup("When?", turn("Who is the Kapolda of Banten?")) == "When (Kapolda Banten)?"


@pytest.mark.parametrize(
    ("follow_up", "standalone"),
    [
        ("How many polling stations?", "How many polling stations (Kapolda Banten)?"),
        ("Berapa TPS-nya?", "Berapa TPS (Kapolda Banten)?"),
        ("Kapan?", "Kapan (Kapolda Banten)?"),
        ("What was the operation called?", "What was the operation called (Kapolda Banten)?"),
    ],
)
def test_a_question_after_who_is_a_person_takes_the_person_in_brackets(follow_up: str, standalone: str) -> None:
    """Not "How many polling stations is the Kapolda of Banten?": the person, not the copula clause, is appended."""
    assert rewrite_followup(follow_up, turn("Who is the Kapolda of Banten?")) == standalone


@pytest.mark.parametrize(
    ("previous", "follow_up", "standalone"),
    [
        # a question about something else than the amount: the count's names and period, not its counted phrase
        ("Berapa personel yang diterjunkan Polresta Tangerang pada Pemilu 2024?", "What was the operation called?",
         "What was the operation called (Polresta Tangerang, Pemilu 2024)?"),
        ("Berapa personel yang dikerahkan Polda Banten pada Pemilu 2024?", "Siapa yang memimpin apel?",
         "Siapa yang memimpin apel (Polda Banten, Pemilu 2024)?"),
        ("How many personnel did Polda Banten deploy for the 2024 election?", "Who is the police chief?",
         "Who is the police chief (Polda Banten, 2024 election)?"),
        # the counted noun is no name of the context
        ("Berapa TPS rawan di Jawa Barat saat Pilkada 2024?", "Who is the deputy?",
         "Who is the deputy (Jawa Barat, Pilkada 2024)?"),
        # a question about the amount itself still takes the counted phrase
        ("Berapa TPS rawan banjir di Kota Bengkulu untuk Pilkada 2024?", "Kelurahan mana yang paling banyak?",
         "Kelurahan mana yang paling banyak TPS rawan banjir di Kota Bengkulu untuk Pilkada 2024?"),
        # and so does a bare question word in the other language: when were those personnel deployed
        ("Berapa personel yang diterjunkan Polresta Tangerang pada Pemilu 2024?", "Where?",
         "Where personel yang diterjunkan Polresta Tangerang pada Pemilu 2024?"),
    ],
)
def test_a_question_after_a_count_takes_its_names_and_period_unless_it_asks_the_amount(
        previous: str, follow_up: str, standalone: str) -> None:
    assert rewrite_followup(follow_up, [{"role": "user", "content": previous}]) == standalone


@pytest.mark.parametrize(
    ("previous", "answered", "follow_up", "standalone"),
    [
        # a who-question naming no post: "he" is the person the answer named, not the head of the command named
        ("Who led the security parade of Polda Banten?", "Kombes Pol Baktiar Joko Mujiono [1].",
         "When did he take office?", "When did Kombes Pol Baktiar Joko Mujiono take office?"),
        ("Siapa yang memimpin apel gelar pasukan Polda Banten?", "Brigjen Pol M. Sabilul Alif [1].", "Pangkatnya?",
         "Apa pangkat Brigjen Pol M. Sabilul Alif?"),
        ("Siapa yang memimpin apel?", "Apel dipimpin Kapolresta Tangerang Kombes Pol Baktiar Joko Mujiono.",
         "Kapan dia dilantik?", "Kapan Kombes Pol Baktiar Joko Mujiono dilantik?"),  # prose: its ranked name
        # a post asked stays the post; an answer naming nobody with a rank leaves the question's own reading
        ("Siapa Kapolda Banten?", "Irjen Pol Abdul Karim [1].", "Kapan dia dilantik?",
         "Kapan Kapolda Banten dilantik?"),
        ("Who led the security parade of Polda Banten?", "The articles don't say.", "What is his rank?",
         "What is Kapolda Banten's rank?"),
    ],
)
def test_he_after_a_who_question_naming_no_post_is_the_person_the_answer_named(
        previous: str, answered: str, follow_up: str, standalone: str) -> None:
    history = [{"role": "user", "content": previous}, {"role": "assistant", "content": answered}]
    assert rewrite_followup(follow_up, history) == standalone


@pytest.mark.parametrize(("previous", "follow_up", "standalone"), [
    ("Berapa personel yang dikerahkan Polresta Denpasar untuk Pilkada November 2024?", "Sebelumnya?",
     "Berapa personel yang dikerahkan Polresta Denpasar untuk Pemilu 2024?"),
    ("Berapa TPS di Kepulauan Riau pada Pilkada 2024?", "Kalau sebelumnya?",
     "Berapa TPS di Kepulauan Riau pada Pemilu 2024?"),
    ("How many personnel did Polresta Denpasar deploy for the November 2024 Pilkada?", "Previously?",
     "How many personnel did Polresta Denpasar deploy for the 2024 election?"),
    ("How many personnel did Polresta Denpasar deploy during Pilkada 2024?", "What about the previous election?",
     "How many personnel did Polresta Denpasar deploy during the 2024 election?"),
    ("Berapa personel yang dikerahkan Polda Banten untuk Pemilu 2024?", "And before that?",
     "Berapa personel yang dikerahkan Polda Banten untuk Pilkada 2020?"),  # in the previous question's language
])
def test_before_after_an_election_asks_the_same_of_the_election_held_before(previous: str, follow_up: str,
                                                                           standalone: str) -> None:
    assert rewrite_followup(follow_up, turn(previous)) == standalone


def test_before_after_the_first_election_known_or_none_is_no_election_swap() -> None:
    # (typed "Sebelumnya?", the pipeline reads it as the articles write it: "sebelumnya?")
    assert rewrite_followup("sebelumnya?", turn("Berapa TPS di Bali pada Pemilu 2019?")) == \
        "Berapa TPS di Bali pada Pemilu 2019 sebelumnya?"
    assert rewrite_followup("sebelumnya?", turn("Siapa Kapolda Banten?")) == "Siapa Kapolda Banten sebelumnya?"


@pytest.mark.parametrize(("previous", "follow_up", "standalone"), [
    ("Berapa personel yang dikerahkan Polda Banten untuk Pemilu 2024?", "Selengkapnya?",
     "Ceritakan tentang Polda Banten, Pemilu 2024"),
    ("Who is the Kapolda of Kepri?", "Tell me more", "Tell me about Kapolda of Kepri"),
    ("How many personnel did Polresta Tangerang deploy on 10 February 2024?", "Can you tell me more?",
     "Tell me about Polresta Tangerang, 10 February 2024"),
    ("Berapa personel Polda Bali?", "Tell me about it", "Tell me about Polda Bali"),
    ("Berapa personel Polda Bali?", "Ceritakan tentang itu", "Ceritakan tentang Polda Bali"),
    # a previous question naming nothing: what it asked (was "How many personnel were deployed Tell me more?")
    ("How many personnel were deployed?", "Tell me more", "Tell me about personnel deployed"),
    ("Berapa personel yang dikerahkan?", "Selengkapnya?", "Ceritakan tentang personel yang dikerahkan"),
])
def test_tell_me_more_asks_an_overview_of_what_the_previous_question_named(previous: str, follow_up: str,
                                                                           standalone: str) -> None:
    assert rewrite_followup(follow_up, turn(previous)) == standalone


@pytest.mark.parametrize(("previous", "follow_up", "standalone"), [
    ("How many personnel did Polresta Tangerang deploy?", "Previously?",
     "How many personnel did Polresta Tangerang deploy previously?"),  # was "Polresta Previously"
    ("Siapa Kapolda Banten?", "Sebelumnya?", "Siapa Kapolda Banten sebelumnya?"),
    ("Berapa TPS di Bali pada Pemilu 2019?", "Sebelumnya?", "Berapa TPS di Bali pada Pemilu 2019 sebelumnya?"),
])
def test_before_with_no_election_to_go_back_from_is_added_not_read_as_a_name(previous: str, follow_up: str,
                                                                             standalone: str) -> None:
    assert rewrite_followup(follow_up, turn(previous)) == standalone


@pytest.mark.parametrize(("previous", "overview", "standalone"), [
    # an overview request is whole: never appended to the previous question (was "Berapa personel Polda Bali Tell
    # me about logistics?"); naming nothing, it takes what the previous question named
    ("Berapa personel Polda Bali?", "Tell me about logistics", "Tell me about logistics (Polda Bali)"),
    ("How many personnel did Polda Bali deploy?", "Ceritakan tentang personel yang dikerahkan",
     "Ceritakan tentang personel yang dikerahkan (Polda Bali)"),
    ("Tell me about personnel deployed", "Ceritakan tentang personel yang dikerahkan",
     "Ceritakan tentang personel yang dikerahkan"),
    ("Berapa personel Polda Bali?", "Ringkas pengamanan Pilkada di Kalteng", "Ringkas pengamanan Pilkada di Kalteng"),
])
def test_an_overview_request_is_never_appended_to_the_previous_question(previous: str, overview: str,
                                                                        standalone: str) -> None:
    assert rewrite_followup(overview, turn(previous)) == standalone


@pytest.mark.parametrize(("previous", "follow_up", "standalone"), [
    ("Berapa TPS di Bengkulu pada Pemilu 2024?", "Apakah lebih dari 5.000?",
     "Apakah TPS di Bengkulu pada Pemilu 2024 lebih dari 5.000?"),
    ("How many personnel did Polda Bali deploy for the Pilkada?", "More than 2,000?",
     "Did Polda Bali deploy for the Pilkada more than 2,000 personnel?"),
    ("How many personnel did Polda Bali deploy for the Pilkada?", "Was it under 500?",
     "Did Polda Bali deploy for the Pilkada under 500 personnel?"),
])
def test_a_bar_alone_measures_the_previous_count(previous: str, follow_up: str, standalone: str) -> None:
    assert rewrite_followup(follow_up, [{"role": "user", "content": previous}]) == standalone
