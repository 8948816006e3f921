"""The embedder: unit float32 vectors, a disk cache that survives damage and concurrent writers, the offline default.

Most tests use HashingModel (no torch); the real all-MiniLM-L6-v2 is loaded once, by the module fixture `real`.
"""

import hashlib
import multiprocessing
import os
import random
import socket
import subprocess
import sys
import warnings
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

import claimdiff.embed
from claimdiff.embed import Embedder, HashingModel
from claimdiff.embed.cache import KEYS_SUFFIX
from claimdiff.embed.models import model_identity, model_key

NEWS = ["Ten people were killed in Homs on Tuesday.", "The army denied the report.",
        "Activists said the toll was higher.", "The central bank raised rates by half a point."]


class CountingModel(HashingModel):
    """HashingModel that remembers every text it was asked to embed."""

    def __init__(self, dim=32):
        super().__init__(dim)
        self.seen = []

    def encode(self, sentences, **kwargs):
        self.seen += list(sentences)
        return super().encode(sentences, **kwargs)


class RefusingModel(HashingModel):
    """A model that must not be asked: every text should come from the cache."""

    def encode(self, sentences, **kwargs):
        raise AssertionError(f"the model was asked to embed {sentences[:3]}")


def hashing_embedder(cache_dir, model=None, model_id="hashing-32", **kwargs):
    return Embedder(model if model is not None else CountingModel(), model_id=model_id, cache_dir=cache_dir,
                    **kwargs)


def expected(texts, dim=32):
    return HashingModel(dim).encode(list(texts), normalize_embeddings=True)


def vector_files(folder):
    return sorted(p for p in Path(folder).glob("*.npy") if not p.name.endswith(KEYS_SUFFIX))


def test_vectors_are_float32_unit_rows_in_input_order(tmp_path):
    vectors = hashing_embedder(tmp_path).encode(NEWS)
    assert vectors.dtype == np.float32 and vectors.shape == (4, 32)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1, rtol=1e-6)
    np.testing.assert_allclose(vectors, expected(NEWS), atol=1e-6)


def test_rows_are_unit_length_even_when_the_model_ignores_normalize(tmp_path):
    class Unnormalised(HashingModel):
        def encode(self, sentences, **kwargs):
            return 3 * super().encode(sentences)

    vectors = Embedder(Unnormalised(32), cache_dir=False).encode(NEWS)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1, rtol=1e-6)


def test_same_texts_again_come_from_the_cache_unchanged(tmp_path):
    first = hashing_embedder(tmp_path).encode(NEWS)
    again = hashing_embedder(tmp_path, model=RefusingModel(32))
    assert np.array_equal(again.encode(NEWS), first)
    assert (again.n_encoded_, again.n_cached_) == (0, 4)


def test_adding_one_text_embeds_only_that_text(tmp_path):
    hashing_embedder(tmp_path).encode(NEWS)
    model = CountingModel()
    embedder = hashing_embedder(tmp_path, model=model)
    vectors = embedder.encode(NEWS + ["A new sentence."])
    assert model.seen == ["A new sentence."]
    assert (embedder.n_encoded_, embedder.n_cached_) == (1, 4)
    np.testing.assert_allclose(vectors, expected(NEWS + ["A new sentence."]), atol=1e-6)


def test_duplicates_within_a_call_are_embedded_once(tmp_path):
    model = CountingModel()
    embedder = hashing_embedder(False, model=model)
    vectors = embedder.encode(["a", "b", "a", "a"])
    assert model.seen == ["a", "b"] and embedder.n_encoded_ == 2
    assert np.array_equal(vectors[0], vectors[2]) and np.array_equal(vectors[0], vectors[3])


def test_cached_texts_never_load_the_model(tmp_path, monkeypatch):
    monkeypatch.setattr(claimdiff.embed, "load_model", lambda model, device: CountingModel())
    first = Embedder("example-org/not-downloaded", cache_dir=tmp_path).encode(NEWS)

    def refuse(model, device):
        raise AssertionError("the model was loaded")

    monkeypatch.setattr(claimdiff.embed, "load_model", refuse)
    embedder = Embedder("example-org/not-downloaded", cache_dir=tmp_path)
    assert np.array_equal(embedder.encode(NEWS[::-1]), first[::-1])
    assert embedder.encode([]).shape == (0, 32)


def test_empty_input_gives_zero_rows_of_the_model_width():
    vectors = Embedder(HashingModel(16), cache_dir=False).encode([])
    assert vectors.shape == (0, 16) and vectors.dtype == np.float32


def test_a_truncated_shard_is_removed_and_its_texts_embedded_again(tmp_path):
    embedder = hashing_embedder(tmp_path)
    embedder.encode(NEWS)
    [shard] = vector_files(embedder.cache_path_)
    shard.write_bytes(shard.read_bytes()[:-50])
    again = hashing_embedder(tmp_path)
    with pytest.warns(RuntimeWarning, match="damaged shard.*truncated"):
        vectors = again.encode(NEWS)
    assert again.n_encoded_ == 4 and not shard.exists()
    np.testing.assert_allclose(vectors, expected(NEWS), atol=1e-6)
    assert hashing_embedder(tmp_path, model=RefusingModel(32)).encode(NEWS).shape == (4, 32)


def test_a_shard_damaged_after_it_was_indexed_is_caught_when_read(tmp_path):
    embedder = hashing_embedder(tmp_path)
    embedder.encode(NEWS[:2])
    [shard] = vector_files(embedder.cache_path_)
    shard.write_bytes(shard.read_bytes()[:-50])
    with pytest.warns(RuntimeWarning, match="damaged shard"):
        vectors = embedder.encode(NEWS)
    assert embedder.n_encoded_ == 4
    np.testing.assert_allclose(vectors, expected(NEWS), atol=1e-6)


def test_a_keys_file_that_disagrees_with_its_vectors_is_removed(tmp_path):
    embedder = hashing_embedder(tmp_path)
    embedder.encode(NEWS)
    [keys] = embedder.cache_path_.glob(f"*{KEYS_SUFFIX}")
    np.save(keys, np.load(keys)[:2])
    again = hashing_embedder(tmp_path)
    with pytest.warns(RuntimeWarning, match="2 keys"):
        again.encode(NEWS)
    assert again.n_encoded_ == 4 and not keys.exists()


def test_a_shard_without_its_keys_file_is_ignored(tmp_path):
    embedder = hashing_embedder(tmp_path)
    embedder.encode(NEWS)
    [keys] = embedder.cache_path_.glob(f"*{KEYS_SUFFIX}")
    keys.unlink()  # as if its writer died between the two files
    again = hashing_embedder(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        again.encode(NEWS)
    assert again.n_encoded_ == 4


def test_a_text_whose_hash_ends_in_zero_bytes_is_found_again(tmp_path):
    # numpy's bytes dtype drops trailing NULs; keys are stored as uint8 rows so that this cannot bite.
    text = next(t for t in (f"text {i}" for i in range(10_000)) if hashlib.sha1(t.encode()).digest()[-1] == 0)
    hashing_embedder(tmp_path).encode([text])
    assert hashing_embedder(tmp_path, model=RefusingModel(32)).encode([text]).shape == (1, 32)


def test_a_different_model_never_sees_another_models_vectors(tmp_path):
    first = hashing_embedder(tmp_path, model_id="model-a")
    first.encode(NEWS)
    second = hashing_embedder(tmp_path, model=CountingModel(32), model_id="model-b")
    second.encode(NEWS)
    assert second.n_encoded_ == 4 and second.cache_path_ != first.cache_path_


def test_a_model_id_reused_for_a_model_of_another_width_is_an_error(tmp_path):
    hashing_embedder(tmp_path).encode(NEWS)
    with pytest.raises(ValueError, match="model_id='hashing-32' names two different models"):
        hashing_embedder(tmp_path, model=HashingModel(16)).encode(["unseen"])


def test_a_local_model_folder_gets_a_new_key_when_its_files_change(tmp_path):
    folder = tmp_path / "my-model"
    folder.mkdir()
    (folder / "config.json").write_text('{"hidden_size": 384}')
    with open(folder / "model.safetensors", "wb") as f:
        f.truncate(5 << 20)
    keys = [model_key(model_identity(folder))]
    (folder / "config.json").write_text('{"hidden_size": 385}')
    keys.append(model_key(model_identity(folder)))
    os.utime(folder / "model.safetensors", ns=(1, 1))
    keys.append(model_key(model_identity(folder)))
    assert len(set(keys)) == 3 and all(key.startswith("my-model-") for key in keys)
    assert model_key(model_identity(folder)) == keys[-1]


def test_a_hub_name_is_passed_to_sentence_transformers_unchanged(monkeypatch):
    import sentence_transformers

    calls = []

    def fake(name, **kwargs):
        calls.append((name, kwargs))
        return HashingModel(8)

    monkeypatch.setattr(sentence_transformers, "SentenceTransformer", fake)
    Embedder("intfloat/e5-small-v2", cache_dir=False, device="cuda").encode(["x"])
    assert calls == [("intfloat/e5-small-v2", {"device": "cuda"})]


def test_a_model_object_needs_a_model_id_for_the_cache(tmp_path):
    with pytest.raises(ValueError, match="needs model_id="):
        Embedder(HashingModel(), cache_dir=tmp_path).encode(NEWS)
    assert Embedder(HashingModel(), cache_dir=False).encode(NEWS).shape == (4, 64)


def test_one_string_or_a_missing_text_is_refused_with_a_hint():
    embedder = Embedder(HashingModel(), cache_dir=False)
    with pytest.raises(TypeError, match=r"encode\(\[text\]\)"):
        embedder.encode("one text")
    with pytest.raises(TypeError, match=r"texts\[1\] is nan .*fillna"):
        embedder.encode(["fine", float("nan")])


def test_cache_dir_defaults_to_CLAIMDIFF_CACHE_and_False_turns_it_off(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMDIFF_CACHE", str(tmp_path / "env-cache"))
    embedder = hashing_embedder(None)
    embedder.encode(NEWS)
    assert embedder.cache_path_.parent == tmp_path / "env-cache"
    assert len(vector_files(embedder.cache_path_)) == 1
    assert (embedder.cache_path_ / "model.json").is_file()
    monkeypatch.delenv("CLAIMDIFF_CACHE")
    assert hashing_embedder(None).cache_path_.parent == Path.home() / ".cache" / "claimdiff" / "embeddings"
    off = hashing_embedder(False)
    off.encode(NEWS)
    assert off.cache_path_ is None and (off.n_encoded_, off.n_cached_) == (4, 0)


def test_an_unusable_cache_folder_warns_and_embeds_anyway(tmp_path):
    (tmp_path / "a-file").write_text("")
    embedder = hashing_embedder(tmp_path / "a-file" / "cache")
    with pytest.warns(RuntimeWarning, match="not usable.*CLAIMDIFF_CACHE"):
        vectors = embedder.encode(NEWS)
    np.testing.assert_allclose(vectors, expected(NEWS), atol=1e-6)


def test_compact_merges_the_shards_and_keeps_every_vector(tmp_path):
    embedder = hashing_embedder(tmp_path)
    for text in NEWS:
        embedder.encode([text])
    assert len(vector_files(embedder.cache_path_)) == 4
    assert embedder.compact() == 4
    assert len(vector_files(embedder.cache_path_)) == 1
    assert np.array_equal(embedder.encode(NEWS), hashing_embedder(tmp_path).encode(NEWS))
    assert embedder.n_encoded_ == 0
    assert hashing_embedder(tmp_path, model=RefusingModel(32)).encode(NEWS).shape == (4, 32)


def test_progress_bar_only_for_calls_that_embed_many_texts(capsys):
    many = [f"sentence number {i}" for i in range(300)]
    Embedder(HashingModel(), cache_dir=False).encode(many[:10])
    assert "Embedding" not in capsys.readouterr().err
    Embedder(HashingModel(), cache_dir=False).encode(many)
    assert "Embedding" in capsys.readouterr().err
    Embedder(HashingModel(), cache_dir=False, show_progress=False).encode(many)
    assert "Embedding" not in capsys.readouterr().err


def _write_concurrently(cache_dir, texts, seed, barrier, compact):
    """One of several processes filling one cache at once; any warning (a damaged shard) fails it."""
    warnings.simplefilter("error")
    order = list(texts)
    random.Random(seed).shuffle(order)
    embedder = Embedder(HashingModel(32), model_id="hashing-32", cache_dir=cache_dir, show_progress=False)
    barrier.wait()
    for start in range(0, len(order), 25):
        chunk = order[start : start + 25]
        np.testing.assert_allclose(embedder.encode(chunk), expected(chunk), atol=1e-6)
        if compact and start % 100 == 0:
            embedder.compact()


def test_processes_writing_one_cache_at_once_leave_every_vector_correct(tmp_path):
    texts = [f"Report {i}: {n} people were killed in the shelling." for i, n in enumerate(range(300))]
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    workers = [context.Process(target=_write_concurrently, args=(str(tmp_path), texts, seed, barrier, seed == 1))
               for seed in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [worker.exitcode for worker in workers] == [0, 0]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        embedder = hashing_embedder(tmp_path, model=RefusingModel(32))
        np.testing.assert_allclose(embedder.encode(texts), expected(texts), atol=1e-6)
    assert not list(embedder.cache_path_.glob(".tmp-*"))


# The real model, loaded once for the module.

SHELLING = ["The army shelled the town", "Troops bombarded the village", "The central bank raised rates"]


def _block_network(monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args[:2])
        raise OSError("network blocked by test_embed")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    cache_dir = tmp_path_factory.mktemp("real-cache")
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
        monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
        if "huggingface_hub.constants" in sys.modules:  # read at import: undo an earlier HF_HUB_OFFLINE=1 too
            monkeypatch.setattr(sys.modules["huggingface_hub.constants"], "HF_HUB_OFFLINE", False)
        attempts = _block_network(monkeypatch)
        embedder = Embedder(cache_dir=cache_dir)
        vectors = embedder.encode(SHELLING)
    return SimpleNamespace(embedder=embedder, vectors=vectors, attempts=attempts, cache_dir=cache_dir)


def test_default_model_loads_without_the_network_and_gives_384_d_unit_vectors(real):
    assert real.attempts == []
    assert real.vectors.shape == (3, 384) and real.vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(real.vectors, axis=1), 1, rtol=1e-5)


def test_default_model_puts_shelling_nearer_bombardment_than_interest_rates(real):
    shelled, bombarded, rates = real.vectors
    assert shelled @ bombarded > shelled @ rates + 0.2


def test_default_model_vectors_are_reused_without_loading_it(real):
    embedder = Embedder(cache_dir=real.cache_dir)
    assert np.array_equal(embedder.encode(SHELLING), real.vectors)
    assert embedder.n_encoded_ == 0 and embedder._model is None
    assert embedder.cache_path_.name.startswith("all-MiniLM-L6-v2-")


@pytest.mark.slow
def test_default_model_loads_in_a_fresh_process_with_the_network_blocked(tmp_path):
    script = (
        "import socket\n"
        "def refuse(*a, **k): raise SystemExit(f'network used: {a[:2]}')\n"
        "socket.getaddrinfo = refuse\n"
        "socket.socket.connect = refuse\n"
        "from claimdiff.embed import Embedder\n"
        "print(Embedder(cache_dir=False).encode(['Ten were killed.']).shape)\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "(1, 384)"
