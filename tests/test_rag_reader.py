"""The trained reader: span search on literal logits, and the committed weights on our own sentences.

Where the public MRC data exists (CI has ``../shared/mrc``), the model card's scores on its fixed
samples are re-measured: the weights in the repository are the ones the card describes.
"""

from __future__ import annotations

import json

import pytest
import torch

from rag.reader import DEFAULT_READER_DIR, Passage, top_spans, word_bounds
from siaga.settings import ReaderPrecision, Settings


def test_word_bounds_never_cut_a_word() -> None:
    text = "Kombes Pol Baktiar Joko Mujiono memimpin apel."
    start = text.index("Mu")
    assert word_bounds(text, text.index("Baktiar"), start + 2) == (text.index("Baktiar"), text.index(" memimpin"))


def test_top_spans_are_ordered_disjoint_and_bounded() -> None:
    text = "a b c d e"
    offsets = [[i * 2, i * 2 + 1] for i in range(5)]
    start = torch.tensor([0.0, 5.0, 0.0, 4.0, 0.0])
    end = torch.tensor([0.0, 0.0, 5.0, 0.0, 3.0])
    spans = top_spans(0, text, list(range(5)), offsets, start, end, null=1.0, max_answer_tokens=3, n=3)
    assert spans[0].text == "b c" and spans[0].score == 10.0 and spans[0].margin == 9.0
    assert spans[1].text == "d e"  # overlapping "c d" and "b c d" are skipped
    starts = [s.start for s in spans]
    assert len(set(starts)) == len(starts)
    assert all(s.text.count(" ") < 3 for s in spans)


@pytest.fixture(scope="module")
def reader():  # noqa: ANN201
    from rag.reader import Reader
    from siaga.embedding import ensure_default_model

    return Reader.load(DEFAULT_READER_DIR, ensure_default_model(Settings()), precision=ReaderPrecision.FP32)


SENTENCE = ("Kepolisian Resor Kota (Polresta) Tangerang, Polda Banten, menurunkan 1.048 personel Polri untuk menjaga "
            "5.431 tempat pemungutan suara (TPS) di wilayah hukumnya pada Pemilu 14 Februari 2024.")
LEADER = ("Kesiapan pasukan itu diperiksa dalam apel pergeseran pasukan yang dipimpin Kapolresta Tangerang Kombes Pol "
          "Baktiar Joko Mujiono di Tigaraksa, pada Sabtu, 10 Februari 2024, siang.")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "passage", "expected"),
    [
        ("Berapa personel yang diterjunkan Polresta Tangerang?", SENTENCE, "1.048"),
        ("How many police officers did Polresta Tangerang deploy?", SENTENCE, "1.048"),
        ("Berapa TPS yang dijaga Polresta Tangerang?", SENTENCE, "5.431"),
        ("Siapa yang memimpin apel pergeseran pasukan Polresta Tangerang?", LEADER, "Baktiar Joko Mujiono"),
        ("Di mana apel pergeseran pasukan Polresta Tangerang digelar?", LEADER, "Tigaraksa"),
        ("Kapan apel pergeseran pasukan Polresta Tangerang digelar?", LEADER, "10 Februari 2024"),
    ],
)
def test_committed_reader_finds_the_span(reader, question: str, passage: str, expected: str) -> None:  # noqa: ANN001
    (best, *_), = reader.read(question, [Passage(passage)], n_best=1)
    assert expected in best.text, best
    # the question the passage answers is more answerable there than a question it does not answer (the
    # absolute margin of paraphrased questions can sit below zero: the answerer's threshold is calibrated)
    (unrelated,), = reader.read("Siapa pemenang Pilkada Jakarta 2024?", [Passage(passage)], n_best=1)
    assert best.margin > unrelated.margin, (best, unrelated)


@pytest.mark.slow
def test_committed_reader_says_no_answer_to_an_unrelated_sentence(reader) -> None:  # noqa: ANN001
    (best,), = reader.read("Siapa pemenang Pilkada Jakarta 2024?", [Passage(SENTENCE)], n_best=1)
    assert best.margin < reader.no_answer_threshold, best


@pytest.mark.slow
def test_model_folder_is_small_and_described() -> None:
    weights = DEFAULT_READER_DIR / "model.safetensors"
    assert weights.stat().st_size <= 25 * 1000 * 1000
    card = (DEFAULT_READER_DIR / "README.md").read_text(encoding="utf-8")
    for needed in ("multilingual-e5-small", "FacQA", "IDK-MRC", "Apache-2.0", "CC BY-SA 4.0", "Wilie", "Putri"):
        assert needed in card


@pytest.mark.slow
def test_card_scores_are_reproduced_on_the_fixed_sample(reader) -> None:  # noqa: ANN001
    from eval.mrc import DEFAULT_MRC_DIR, available
    from eval.train_reader import TrainOptions, evaluate_reader, training_tokenizer
    from siaga.embedding import ensure_default_model

    if not available(DEFAULT_MRC_DIR):
        pytest.skip(f"public MRC data not found at {DEFAULT_MRC_DIR} (CI has it; a user's clone may not)")
    config = json.loads((DEFAULT_READER_DIR / "config.json").read_text(encoding="utf-8"))
    recorded = config["training"]["test_sample"]
    tokenizer = training_tokenizer(ensure_default_model(Settings()))
    measured = evaluate_reader(reader.model, tokenizer, DEFAULT_MRC_DIR, reader.no_answer_threshold,
                               TrainOptions(), sample=recorded["size"])
    for name in ("facqa", "idk_mrc"):
        assert measured[name]["f1"] == pytest.approx(recorded[name]["f1"], abs=1.0), name
        assert measured[name]["em"] == pytest.approx(recorded[name]["em"], abs=1.0), name


@pytest.mark.slow
def test_reader_threads_are_measured_only_when_not_given() -> None:
    import torch

    from rag.reader import Reader
    from siaga.embedding import ensure_default_model

    e5 = ensure_default_model(Settings())
    given = Reader.load(DEFAULT_READER_DIR, e5, precision=ReaderPrecision.FP32, threads=1)
    assert given.choose_threads() == 1 and not given.measure_threads
    before = torch.get_num_threads()
    measured = Reader(given.model, given.tokenizer, threads=None)
    assert measured.measure_threads
    assert measured.choose_threads() in (1, 2)
    assert not measured.measure_threads
    assert torch.get_num_threads() == before  # the process-wide count is left as it was


@pytest.mark.slow
def test_a_timed_thread_count_is_timed_once_more_after_the_first_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    """A count timed at warm-up while the app still loads can be a transient's; it is timed again, once."""
    import siaga.cpu
    from rag.reader import RECHECK_AFTER_READS, Reader
    from siaga.embedding import ensure_default_model

    given = Reader.load(DEFAULT_READER_DIR, ensure_default_model(Settings()), precision=ReaderPrecision.FP32, threads=1)
    assert given.reads_before_recheck is None  # a count given is never timed
    verdicts = iter([1, 2])  # the warm-up's transient picks 1; the machine is idle by the later check
    monkeypatch.setattr(siaga.cpu, "fastest_threads", lambda step: next(verdicts))
    measured = Reader(given.model, given.tokenizer, threads=None)
    assert measured.choose_threads() == 1
    for _ in range(RECHECK_AFTER_READS - 1):
        measured.logits("Berapa personel?", ["Sebanyak 100 personel disiagakan."])
    assert measured.threads == 1
    measured.logits("Berapa personel?", ["Sebanyak 100 personel disiagakan."])
    assert measured.threads == 2 and measured.reads_before_recheck is None and not measured.measure_threads
    for _ in range(RECHECK_AFTER_READS):
        measured.logits("Berapa personel?", ["Sebanyak 100 personel disiagakan."])  # once only: no third verdict


@pytest.mark.slow
def test_bf16_reader_never_times_its_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Under bf16 the thread count changes the logits, so a count timed at warm-up would make answers depend
    on the machine's load: the bf16 reader keeps one thread and never times."""
    import siaga.cpu
    from rag.reader import Reader
    from siaga.embedding import ensure_default_model

    def no_timing(*_args: object, **_kwargs: object) -> int:
        raise AssertionError("a bf16 reader timed its threads")

    monkeypatch.setattr(siaga.cpu, "fastest_threads", no_timing)
    fp32 = Reader.load(DEFAULT_READER_DIR, ensure_default_model(Settings()), precision=ReaderPrecision.FP32)
    bf16 = Reader(fp32.model, fp32.tokenizer, precision=ReaderPrecision.BF16, threads=None)
    assert bf16.choose_threads() == 1 and not bf16.measure_threads


@pytest.mark.slow
def test_fp32_reader_reads_alike_with_one_or_two_threads() -> None:
    """Why fp32 may keep the timed thread count: its logits do not depend on it (bf16's do)."""
    from rag.reader import Reader
    from siaga.embedding import ensure_default_model

    reader = Reader.load(DEFAULT_READER_DIR, ensure_default_model(Settings()), precision=ReaderPrecision.FP32)
    question = "Berapa personel yang diterjunkan di Tangerang?"
    text = ("Polresta Tangerang menerjunkan 1.048 personel Polri untuk mengamankan 5.431 TPS di wilayah hukumnya "
            "pada Pemilu 14 Februari 2024. Polda Banten menggeser 1.646 personel ke polres jajaran. ") * 3
    for count in (1, 2, 3, 5):  # batch shapes pick different kernels; on this CPU bf16 differed at 2 windows
        passages = [text[7 * i : 7 * i + 360] for i in range(count)]
        reader.threads = 1
        _, start_1, end_1 = reader.logits(question, passages)
        reader.threads = 2
        _, start_2, end_2 = reader.logits(question, passages)
        assert torch.allclose(start_1, start_2, atol=1e-4) and torch.allclose(end_1, end_2, atol=1e-4), count


@pytest.mark.slow
def test_reading_without_padding_gives_the_padded_logits(reader) -> None:  # noqa: ANN001
    """``packed_forward`` skips the padding of a batch of unequal windows (12 % of a dev answer's tokens) and
    must score every real token as ``forward`` does (to float rounding), padding with the same -1e4."""
    question = "Berapa personel yang diterjunkan di Tangerang?"
    passages = [SENTENCE, LEADER[:90], SENTENCE + " " + LEADER, "Polda Banten menggeser 1.646 personel."]
    enc = reader.encode(question, passages)
    keep = enc.attention_mask.bool()
    assert not keep.all()  # the batch is padded
    with torch.no_grad():
        padded = reader.model(enc.input_ids, enc.attention_mask)
        packed = reader.model.packed_forward(enc.input_ids, enc.attention_mask)
        with torch.autocast("cpu", dtype=torch.bfloat16):  # as a bf16 CPU reads (emulated here if need be)
            padded_bf16 = reader.model(enc.input_ids, enc.attention_mask)
            packed_bf16 = reader.model.packed_forward(enc.input_ids, enc.attention_mask)
    for a, b in zip(padded, packed, strict=True):
        assert torch.allclose(a[keep], b[keep], atol=1e-4)
        assert (b[~keep] == -1e4).all()
    for a, b in zip(padded_bf16, packed_bf16, strict=True):
        assert torch.allclose(a[keep].float(), b[keep].float(), atol=0.5)
    _, start, end = reader.logits(question, passages)  # the reads go through it
    assert torch.allclose(start, packed[0].float(), atol=1e-6) and torch.allclose(end, packed[1].float(), atol=1e-6)


def test_reader_loaded_beside_the_embedder_shares_its_encoder(embedder) -> None:
    """One copy of e5's embeddings and frozen layers in memory: the question encoder's modules are the
    reader's, and the reader built that way reads exactly as one built from the e5 folder."""
    from rag.reader import Reader
    from siaga.embedding import ensure_default_model

    shared = Reader.load(DEFAULT_READER_DIR, ensure_default_model(Settings()), precision=ReaderPrecision.FP32,
                         embedder=embedder)
    encoder = embedder.e5_encoder
    assert shared.model.embeddings is encoder.embeddings
    assert len(shared.model.bottom) == shared.config.frozen_layers
    assert all(a is b for a, b in zip(shared.model.bottom, encoder.layers, strict=False))
    assert shared.tokenizer is encoder.tokenizer
    own = Reader.load(DEFAULT_READER_DIR, ensure_default_model(Settings()), precision=ReaderPrecision.FP32)
    passage = Passage("Polresta Tangerang siaga. Polresta Tangerang menurunkan 1.048 personel pada Pemilu 2024.",
                      allowed_start=25)
    question = "Berapa personel yang diterjunkan di Tangerang?"
    a, b = shared.read(question, [passage], 1)[0][0], own.read(question, [passage], 1)[0][0]
    assert (a.start, a.end) == (b.start, b.end) and abs(a.margin - b.margin) < 1e-3


def test_a_reader_trained_below_layer_six_loads_its_own_layers(embedder, tmp_path) -> None:
    """With fewer frozen layers (``train-reader --frozen-layers``) layers 2-5 are the folder's, not e5's:
    loaded beside the embedder only layers 0-1 are shared, and it reads exactly as the model that was saved."""
    from rag.reader import ReaderConfig, build_from_e5, load_reader_model, save_reader
    from siaga.embedding import ensure_default_model

    e5_dir = ensure_default_model(Settings())
    torch.manual_seed(1)
    model = build_from_e5(e5_dir, ReaderConfig(frozen_layers=2))
    with torch.no_grad():  # stand-in for training: every trained weight moves away from e5's
        for p in list(model.top.parameters()) + list(model.qa.parameters()):
            p.add_(torch.randn_like(p) * 0.02)
    model.eval()
    save_reader(model, tmp_path)
    shared = load_reader_model(tmp_path, encoder=embedder.e5_encoder)
    from_folder = load_reader_model(tmp_path, e5_dir=e5_dir)
    assert (shared.config.frozen_layers, len(shared.bottom), len(shared.top)) == (2, 2, 10)
    assert all(a is b for a, b in zip(shared.bottom, embedder.e5_encoder.layers, strict=False))
    ids = torch.tensor([[0, 1250, 7000, 2, 2, 5000, 900, 2]])
    mask = torch.ones_like(ids)
    with torch.inference_mode():
        want = model(ids, mask)
        for loaded in (shared, from_folder):
            got = loaded(ids, mask)
            # fp16 storage of the trained layers: close, not bit-equal
            assert all(torch.allclose(g, w, atol=0.05) for g, w in zip(got, want, strict=True))
        untrained = build_from_e5(e5_dir, ReaderConfig(frozen_layers=2))
        untrained.qa.load_state_dict(model.qa.state_dict())
        assert not torch.allclose(untrained.eval()(ids, mask)[0], want[0], atol=0.05)  # the folder's layers count


def test_storage_is_fp16_while_it_fits_the_budget_and_int8_beyond(tmp_path) -> None:  # noqa: ANN001
    from rag.reader import (
        MAX_WEIGHTS_BYTES,
        ReaderConfig,
        WeightStorage,
        build_from_e5,
        fp16_weight_bytes,
        save_reader,
        storage_for,
    )
    from siaga.embedding import ensure_default_model

    e5_dir = ensure_default_model(Settings())
    six, two = (build_from_e5(e5_dir, ReaderConfig(frozen_layers=n)) for n in (6, 2))
    assert storage_for(six) is WeightStorage.FP16  # the committed recipe's 21 MB
    assert storage_for(two) is WeightStorage.INT8  # layers 2-11: 35 MB in fp16
    assert fp16_weight_bytes(two) > MAX_WEIGHTS_BYTES
    assert storage_for(six, budget=20_000_000) is WeightStorage.INT8
    save_reader(six, tmp_path)  # the count is what fp16 storage writes, header aside
    assert 0 < (tmp_path / "model.safetensors").stat().st_size - fp16_weight_bytes(six) < 100_000


def test_int8_rows_round_within_half_a_step() -> None:
    from rag.reader import quantize_rows

    weight = torch.randn(5, 7) * torch.tensor([[0.01], [1.0], [30.0], [0.0], [2.0]])
    q, scale = quantize_rows(weight)
    assert q.dtype is torch.int8 and scale.shape == (5,)
    assert q.abs().amax(dim=1).tolist()[:3] == [127, 127, 127]  # each row uses its whole range
    error = (q.float() * scale[:, None] - weight).abs()
    assert bool((error <= scale[:, None] / 2 + 1e-7).all())
    assert q[3].abs().sum() == 0  # an all-zero row stays zero


def test_int8_folder_reads_as_the_rounded_model_in_half_the_space(embedder, tmp_path) -> None:  # noqa: ANN001
    """INT8 storage (``train-reader`` with layers 2-11 trained) loads back as exactly the weights training
    scored (``as_stored``), beside the embedder or from the e5 folder, at about half fp16's size."""
    from dataclasses import replace

    from rag.reader import ReaderConfig, WeightStorage, as_stored, build_from_e5, load_reader_model, save_reader
    from siaga.embedding import ensure_default_model

    e5_dir = ensure_default_model(Settings())
    torch.manual_seed(2)
    model = build_from_e5(e5_dir, ReaderConfig(frozen_layers=2))
    with torch.no_grad():  # stand-in for training
        for p in list(model.top.parameters()) + list(model.qa.parameters()):
            p.add_(torch.randn_like(p) * 0.02)
    model.eval()
    save_reader(model, tmp_path / "fp16")
    ids = torch.tensor([[0, 1250, 7000, 2, 2, 5000, 900, 2]])
    mask = torch.ones_like(ids)
    with torch.inference_mode():
        unrounded = model(ids, mask)
    model.config = replace(model.config, weight_storage=WeightStorage.INT8)
    as_stored(model)
    save_reader(model, tmp_path / "int8")
    with torch.inference_mode():
        want = model(ids, mask)
        assert not torch.allclose(want[0], unrounded[0], atol=1e-4)  # rounding happened
        for loaded in (load_reader_model(tmp_path / "int8", encoder=embedder.e5_encoder),
                       load_reader_model(tmp_path / "int8", e5_dir=e5_dir)):
            assert loaded.config.weight_storage is WeightStorage.INT8
            got = loaded(ids, mask)
            # matrices come back exactly as rounded; only the fp16 vectors differ slightly
            assert all(torch.allclose(g, w, atol=2e-3) for g, w in zip(got, want, strict=True))
    int8_size = (tmp_path / "int8" / "model.safetensors").stat().st_size
    fp16_size = (tmp_path / "fp16" / "model.safetensors").stat().st_size
    assert int8_size < 0.55 * fp16_size and int8_size <= 25 * 1000 * 1000


def _moved_reader(e5_dir, seed: int, frozen: int = 6):  # noqa: ANN001, ANN202
    """A stand-in for a trained reader: every trained weight moved away from e5's by a seeded amount."""
    from rag.reader import ReaderConfig, build_from_e5

    torch.manual_seed(seed)
    model = build_from_e5(e5_dir, ReaderConfig(frozen_layers=frozen))
    with torch.no_grad():
        for p in list(model.top.parameters()) + list(model.qa.parameters()):
            p.add_(torch.randn_like(p) * 0.02)
    return model.eval()


def _pair_folder(tmp_path, members):  # noqa: ANN001, ANN202
    from dataclasses import asdict

    from rag.reader import READER_FORMAT, ReaderConfig, save_reader

    names = []
    for i, model in enumerate(members, start=1):
        save_reader(model, tmp_path / f"member-{i}")
        names.append(f"member-{i}")
    config = ReaderConfig(frozen_layers=members[0].config.frozen_layers, members=tuple(names))
    (tmp_path / "config.json").write_text(json.dumps(asdict(config) | {"format": READER_FORMAT}), encoding="utf-8")
    return tmp_path


def test_a_pair_of_readers_reads_the_average_of_their_logits_over_one_bottom(embedder, tmp_path) -> None:  # noqa: ANN001
    """A folder naming members reads as the mean of its members' start and end logits, the frozen layers run
    once and shared (with the embedder's when loaded beside it)."""
    from rag.reader import AveragedReaderModel, load_reader_model
    from siaga.embedding import ensure_default_model

    e5_dir = ensure_default_model(Settings())
    a, b = _moved_reader(e5_dir, 3), _moved_reader(e5_dir, 4)
    folder = _pair_folder(tmp_path, [a, b])
    ids = torch.tensor([[0, 1250, 7000, 2, 2, 5000, 900, 2]])
    mask = torch.ones_like(ids)
    with torch.inference_mode():
        (sa, ea), (sb, eb) = a(ids, mask), b(ids, mask)
        want = ((sa + sb) / 2, (ea + eb) / 2)
        for loaded in (load_reader_model(folder, e5_dir=e5_dir),
                       load_reader_model(folder, encoder=embedder.e5_encoder)):
            assert isinstance(loaded, AveragedReaderModel) and len(loaded.members) == 2
            for member in loaded.members:
                assert member.embeddings is loaded.embeddings
                assert all(x is y for x, y in zip(member.bottom, loaded.bottom, strict=True))
            got = loaded(ids, mask)
            assert all(torch.allclose(g, w, atol=0.05) for g, w in zip(got, want, strict=True))
            assert not torch.allclose(got[0], sa, atol=0.05)  # both members count
        shared = load_reader_model(folder, encoder=embedder.e5_encoder)
        assert all(x is y for x, y in zip(shared.bottom, embedder.e5_encoder.layers, strict=False))


def test_members_must_share_their_frozen_layers_and_not_nest(tmp_path) -> None:  # noqa: ANN001
    from dataclasses import asdict

    from rag.reader import READER_FORMAT, ReaderConfig, load_reader_model
    from siaga.embedding import ensure_default_model

    e5_dir = ensure_default_model(Settings())
    mixed = _pair_folder(tmp_path / "mixed", [_moved_reader(e5_dir, 5), _moved_reader(e5_dir, 6, frozen=4)])
    with pytest.raises(ValueError, match="frozen layers"):
        load_reader_model(mixed, e5_dir=e5_dir)
    nested = tmp_path / "nested"
    _pair_folder(nested / "inner", [_moved_reader(e5_dir, 5), _moved_reader(e5_dir, 6)])
    config = ReaderConfig(members=("inner", "inner"))
    (nested / "config.json").write_text(json.dumps(asdict(config) | {"format": READER_FORMAT}), encoding="utf-8")
    with pytest.raises(ValueError, match="cannot itself have members"):
        load_reader_model(nested, e5_dir=e5_dir)
