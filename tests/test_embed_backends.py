"""The ONNX backends of Embedder: same vectors as torch (nearly), exported once, cached apart from torch's."""

from __future__ import annotations

import json
from types import SimpleNamespace

import numpy as np
import pytest

from claimdiff.embed import BACKENDS, Embedder, HashingModel, onnx_backend

SENTENCES = [
    "The army shelled the town on Tuesday, killing at least 21 civilians, a monitoring group said.",
    "Troops bombarded the village near Deir ez-Zor.",
    "The central bank raised interest rates by half a point.",
    "State media reported that air defences intercepted several drones over the capital.",
    "Rescue workers were still searching the rubble late on Wednesday.",
    "Officials said the death toll could rise.",
]


@pytest.fixture(scope="module")
def backends(tmp_path_factory):
    """Each backend's vectors of SENTENCES, sharing one cache folder (and so one ONNX export)."""
    cache_dir = tmp_path_factory.mktemp("backend-cache")
    embedders = {backend: Embedder(cache_dir=cache_dir, backend=backend) for backend in BACKENDS}
    vectors = {backend: embedder.encode(SENTENCES) for backend, embedder in embedders.items()}
    return SimpleNamespace(cache_dir=cache_dir, embedders=embedders, vectors=vectors)


def cosines(a, b):
    return (a * b).sum(axis=1)


def test_onnx_backend_gives_the_torch_vectors(backends):
    # 2026-11-30: every cosine 1.0000 (float32 rounding only).
    assert cosines(backends.vectors["onnx"], backends.vectors["torch"]).min() > 0.9999


def test_int8_backend_stays_close_to_torch(backends):
    # 2026-12-06, activations per token: these six sentences mean 0.997 (2,000 news sentences: mean 0.997,
    # benchmarks/results/embed-2026-12-06.md; per-batch scales gave 0.993).
    agreement = cosines(backends.vectors["onnx-int8"], backends.vectors["torch"])
    assert agreement.mean() >= 0.99 and agreement.min() >= 0.98


@pytest.mark.parametrize("backend", ["onnx", "onnx-int8"])
def test_onnx_backends_give_unit_float32_rows_of_the_model_width(backends, backend):
    vectors = backends.vectors[backend]
    assert vectors.shape == (len(SENTENCES), 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1, rtol=1e-5)


def test_each_backend_has_its_own_cache_folder(backends):
    folders = {backend: embedder.cache_path_ for backend, embedder in backends.embedders.items()}
    assert len(set(folders.values())) == len(BACKENDS)
    for backend, folder in folders.items():
        assert json.loads((folder / "model.json").read_text())["backend"] == backend


def test_a_second_embedder_reuses_the_export_instead_of_exporting_again(backends, monkeypatch):
    def refuse(*args):
        raise AssertionError("exported again")

    monkeypatch.setattr(onnx_backend, "_export", refuse)
    monkeypatch.setattr(onnx_backend, "_quantize", refuse)
    for backend in ("onnx", "onnx-int8"):
        embedder = Embedder(cache_dir=backends.cache_dir, backend=backend)
        vectors = embedder.encode(["A sentence the cache has not seen.", *SENTENCES])
        assert embedder.n_encoded_ == 1 and embedder._model is not None
        np.testing.assert_array_equal(vectors[1:], backends.vectors[backend])
    assert len(list(backends.cache_dir.glob("onnx/*/model.onnx"))) == 1


def test_identical_sentences_in_one_call_are_embedded_once(backends):
    embedder = Embedder(cache_dir=False, backend="onnx-int8")
    embedder._model = backends.embedders["onnx-int8"]._model
    wire = "Ten people were killed in an air strike on a market, the ministry said."
    vectors = embedder.encode([wire, "Another outlet's own sentence.", wire, wire])
    assert embedder.n_encoded_ == 2
    np.testing.assert_array_equal(vectors[0], vectors[2])


def test_an_unknown_backend_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="backend='tensorrt' is not one of 'torch', 'onnx', 'onnx-int8'"):
        Embedder(backend="tensorrt")


def test_onnx_backends_refuse_what_they_cannot_export(tmp_path):
    with pytest.raises(ValueError, match="model object .* only with backend='torch'"):
        Embedder(HashingModel(8), model_id="hashing-8", backend="onnx")
    with pytest.raises(ValueError, match="runs on the CPU"):
        Embedder(backend="onnx-int8", device="cuda")
    with pytest.raises(ValueError, match="no modules.json"):
        Embedder(tmp_path, cache_dir=tmp_path / "cache", backend="onnx").encode(["text"])
    with pytest.raises(ValueError, match="needs a local sentence-transformers folder"):
        Embedder("sentence-transformers/all-mpnet-base-v2", cache_dir=False, backend="onnx").encode(["text"])


def test_onnx_backends_refuse_pooling_other_than_mean(tmp_path):
    (tmp_path / "1_Pooling").mkdir()
    (tmp_path / "modules.json").write_text(json.dumps([
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}]))
    (tmp_path / "1_Pooling" / "config.json").write_text(json.dumps(
        {"word_embedding_dimension": 8, "pooling_mode_cls_token": True, "pooling_mode_mean_tokens": False}))
    with pytest.raises(ValueError, match="mean pooling only; .* uses pooling_mode_cls_token"):
        onnx_backend.check_onnx_folder(tmp_path)


def test_the_command_line_passes_the_backend_on():
    from claimdiff.cli import build_parser

    args = build_parser().parse_args(["events", "corpus/demo", "--out", "events.csv", "--backend", "onnx-int8"])
    assert args.backend == "onnx-int8"
    assert build_parser().parse_args(["details", "corpus/demo", "--out", "d.csv"]).backend is None  # the default


def test_onnx_vectors_come_back_in_input_order_whatever_the_batching(backends):
    # The model sorts texts by token count and runs batches side by side; rows must still follow the input.
    model = backends.embedders["onnx"]._model
    reordered = model.encode(SENTENCES[::-1], batch_size=2, normalize_embeddings=True)
    assert cosines(reordered[::-1], backends.vectors["onnx"]).min() > 0.9999


# Texts of one token count (checked in the tests), so that they share batches.
SAME_LENGTH = [
    "Ten people were killed in the town on Friday.",
    "Five soldiers were wounded in the city on Monday.",
    "Two children were injured in the village on Sunday.",
    "Six rebels were captured in the north on Tuesday.",
    "Three workers were killed in the port on Saturday.",
]


def test_a_batch_holds_texts_of_one_token_count_so_nothing_is_padded(backends, monkeypatch):
    model = backends.embedders["onnx"]._model
    shapes = []
    run = model.session.run

    def recording_run(outputs, feed):
        shapes.append(feed["input_ids"].shape)
        return run(outputs, feed)

    monkeypatch.setattr(model, "workers", 1)
    monkeypatch.setattr(model.session, "run", recording_run, raising=False)
    texts = ["Short.", *SAME_LENGTH, "A much longer sentence about shelling, casualties and the ministry's figures."]
    model.encode(texts, batch_size=2)
    lengths = [len(model.tokenizer.encode(text).ids) for text in texts]
    assert len(set(lengths[1:-1])) == 1 and len(set(lengths)) == 3
    assert sorted(shapes) == sorted([(1, lengths[-1]), (2, lengths[1]), (2, lengths[1]), (1, lengths[1]),
                                     (1, lengths[0])])


def test_int8_vectors_do_not_depend_on_the_number_of_threads(backends, monkeypatch):
    model = backends.embedders["onnx-int8"]._model
    monkeypatch.setattr(model, "workers", 2)
    side_by_side = model.encode(SENTENCES + SAME_LENGTH, batch_size=2)
    monkeypatch.setattr(model, "workers", 1)
    np.testing.assert_array_equal(model.encode(SENTENCES + SAME_LENGTH, batch_size=2), side_by_side)


@pytest.mark.parametrize("backend", ["onnx", "onnx-int8"])
def test_a_vector_is_the_same_bit_for_bit_alone_or_in_any_batch(backends, backend):
    # Batches hold texts of one token count (no padding) and int8 activations are scaled per token, so nothing of
    # a batch-mate reaches a text's vector. (Before 2026-12-06 int8 scaled the whole batch: cosine ~0.99 to alone.)
    model = backends.embedders[backend]._model
    assert len({len(model.tokenizer.encode(text).ids) for text in SAME_LENGTH}) == 1
    texts = SAME_LENGTH + SENTENCES
    alone = np.vstack([model.encode([text], batch_size=1) for text in texts])
    for batch_size in (2, 3, 8):
        np.testing.assert_array_equal(model.encode(texts, batch_size=batch_size), alone)
        np.testing.assert_array_equal(model.encode(texts[::-1], batch_size=batch_size)[::-1], alone)
    others = ["Four guards were killed in the south on Thursday."] * 3
    np.testing.assert_array_equal(model.encode(others + SAME_LENGTH[:2], batch_size=8)[3:], alone[:2])


def test_the_batch_size_defaults_per_backend_and_does_not_name_the_cache(tmp_path):
    from claimdiff.embed import DEFAULT_BATCH_SIZES

    assert DEFAULT_BATCH_SIZES == {"torch": 64, "onnx": 8, "onnx-int8": 8}
    # No backend's vectors depend on the batch size (torch's beyond float rounding): one cache whatever the size.
    for backend in BACKENDS:
        folders = {Embedder(cache_dir=tmp_path, backend=backend, batch_size=size).cache_path_ for size in (None, 1, 16)}
        assert len(folders) == 1
    assert Embedder(cache_dir=tmp_path, backend="onnx-int8")._get_cache().label["int8_recipe"] == "int8-token-1"


def test_a_bad_batch_size_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="batch_size must be None or a positive whole number, not 0"):
        Embedder(HashingModel(4), model_id="hashing-4", cache_dir=False, batch_size=0).encode(["text"])
