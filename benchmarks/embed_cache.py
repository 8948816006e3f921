"""How fast claimdiff.embed is here: model load, sentences per second, and reading the cache back.

    .venv/bin/python benchmarks/embed_cache.py     # ~500 news sentences: demo corpus, then FA-KES from ../shared

Prints one line per measurement; nothing is written outside a temporary folder.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "lib"))

from claimdiff import load_corpus, split_sentences  # noqa: E402
from claimdiff.embed import Embedder, HashingModel  # noqa: E402


def news_sentences(n: int) -> list[str]:
    """Up to ``n`` distinct sentences: the demo corpus first, then FA-KES articles from ../shared."""
    reports, _ = load_corpus(REPO / "corpus" / "demo")
    texts = list(dict.fromkeys(split_sentences(reports)["text"]))
    fakes = REPO.parent / "shared" / "datasets" / "fakes" / "FA-KES-Dataset.csv"
    if len(texts) < n and fakes.is_file():
        articles = pd.read_csv(fakes, dtype=str, keep_default_na=False)["article_content"]
        more = split_sentences(pd.DataFrame({"id": range(len(articles)), "text": articles}))["text"]
        texts = list(dict.fromkeys(texts + [t for t in more if len(t) > 20]))
    return texts[:n]


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500, help="sentences to embed")
    parser.add_argument("--shards", type=int, default=1000, help="shards for the many-small-shards measurement")
    args = parser.parse_args(argv)
    texts = news_sentences(args.n)
    lengths = np.array([len(t) for t in texts])
    print(f"{len(texts)} sentences, {lengths.mean():.0f} characters on average")

    _, seconds = timed(__import__, "sentence_transformers")
    print(f"import sentence_transformers (and torch): {seconds:.2f} s")
    embedder = Embedder(cache_dir=False, show_progress=False)
    _, seconds = timed(embedder._load)
    print(f"load the default model: {seconds:.2f} s")
    embedder.encode(texts[:64])  # warm-up

    for batch_size in (32, 64, 128):
        embedder.batch_size = batch_size
        _, seconds = timed(embedder.encode, texts)
        print(f"encode, batch_size={batch_size}: {len(texts) / seconds:.0f} sentences/s ({seconds:.2f} s)")

    with tempfile.TemporaryDirectory() as tmp:
        cold = Embedder(cache_dir=tmp, show_progress=False)
        cold._model = embedder._model
        _, seconds = timed(cold.encode, texts)
        print(f"encode into an empty cache: {len(texts) / seconds:.0f} sentences/s")
        warm = Embedder(cache_dir=tmp)
        vectors, seconds = timed(warm.encode, texts)
        print(f"the same texts from the cache, new Embedder, no model load: {seconds * 1000:.1f} ms "
              f"(n_encoded_={warm.n_encoded_})")
        assert np.array_equal(vectors, cold.encode(texts))

    with tempfile.TemporaryDirectory() as tmp:
        many = [f"sentence {i} of a large corpus" for i in range(args.shards * 50)]
        writer = Embedder(HashingModel(384), model_id="hashing-384", cache_dir=tmp, show_progress=False)
        for start in range(0, len(many), 50):
            writer.encode(many[start : start + 50])
        reader = Embedder(HashingModel(384), model_id="hashing-384", cache_dir=tmp)
        _, seconds = timed(reader.encode, many)
        print(f"{len(many)} cached texts from {args.shards} shards, new Embedder: {seconds:.2f} s")
        _, seconds = timed(reader.compact)
        print(f"compact() {args.shards} shards into one: {seconds:.2f} s")
        reader = Embedder(HashingModel(384), model_id="hashing-384", cache_dir=tmp)
        _, seconds = timed(reader.encode, many)
        print(f"{len(many)} cached texts from 1 shard, new Embedder: {seconds:.2f} s")


if __name__ == "__main__":
    main()
