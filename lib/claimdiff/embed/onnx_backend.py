"""The ``onnx`` and ``onnx-int8`` backends: a sentence-transformers folder exported once to ONNX, run by onnxruntime.

    model = OnnxModel.from_folder(default_model_path(), export_root, quantized=True)
    model.encode(["Ten were killed."], normalize_embeddings=True)   # float32, shape (1, 384), as the torch model

The folder must hold a sentence-transformers model of the plain shape: a Hugging Face encoder (BERT-like: input
ids, attention mask, token type ids), mean pooling, optionally a Normalize module, and a ``tokenizer.json``.
Anything else (CLS or max pooling, a Dense layer, a hub name not downloaded) is refused with the reason; the
``torch`` backend runs it. The export is written once per model identity under ``<export_root>/<model key>/``:
``model.onnx`` (float32, ``torch.onnx.export``) and, for ``onnx-int8``, ``model-int8-token-<n>.onnx`` built from it
(int8 weights per output column, int8 activations per token: :mod:`claimdiff.embed.quantize`).
Both are written to a temporary name and renamed into place, so processes may share the folder. Pooling follows
sentence-transformers: the mean of the token vectors, in float32.

How it runs, each choice measured with benchmarks/embed.py on a 2-core CPU: the texts of a call are grouped by their
token count and each batch holds texts of one count (up to 8), so nothing is padded; the batches are spread over one
thread per available core, each running its batch alone (onnxruntime's own threads spin while they wait, which on a
shared machine burns CPU for nothing). Without padding, and with activation scales per token rather than per batch,
every row of every layer depends on its own text only: a text's vector is the same bit for bit whether it is embedded
alone or in any batch, with either backend (tests/test_embed_backends.py), so a cached vector is the same whichever
call embedded it first.

>>> check_onnx_folder("/nonexistent/model")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
ValueError: backend='onnx' needs a local sentence-transformers folder; /nonexistent/model is not one ...
"""

from __future__ import annotations

import json
import os
import uuid
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from .quantize import RECIPE, quantize_per_token

# Bump when the export or quantisation recipe changes, so old exports are not reused.
EXPORT_FORMAT = 1
# Texts per onnxruntime call unless the caller says otherwise: small batches of similar token counts ran fastest.
DEFAULT_BATCH_SIZE = 8
ONNX_OPSET = 17
_ALLOWED_MODULES = {"Transformer", "Pooling", "Normalize"}


def check_onnx_folder(folder, backend: str = "onnx") -> dict:
    """The settings the ONNX backends need from a sentence-transformers ``folder``; ValueError saying why not."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"backend={backend!r} needs a local sentence-transformers folder; {folder} is not one "
                         "(a hub name must be downloaded first, or use backend='torch')")
    modules_file = folder / "modules.json"
    if not modules_file.is_file():
        raise ValueError(f"backend={backend!r}: {folder} has no modules.json, so it is not a sentence-transformers "
                         "model folder; use backend='torch'")
    modules = json.loads(modules_file.read_text())
    kinds = [entry["type"].rsplit(".", 1)[-1] for entry in modules]
    if kinds[:2] != ["Transformer", "Pooling"] or not set(kinds) <= _ALLOWED_MODULES:
        raise ValueError(f"backend={backend!r} runs Transformer + mean Pooling (+ Normalize) models; {folder} has "
                         f"{' + '.join(kinds)}; use backend='torch'")
    pooling_path = folder / next(entry["path"] for entry in modules if entry["type"].endswith("Pooling"))
    pooling = json.loads((pooling_path / "config.json").read_text())
    modes = sorted(key for key, value in pooling.items() if key.startswith("pooling_mode") and value)
    if modes != ["pooling_mode_mean_tokens"]:
        raise ValueError(f"backend={backend!r} supports mean pooling only; {folder} uses {', '.join(modes)}; "
                         "use backend='torch'")
    if not (folder / "tokenizer.json").is_file():
        raise ValueError(f"backend={backend!r} needs a fast tokenizer (tokenizer.json) in {folder}; "
                         "use backend='torch'")
    settings_file = folder / "sentence_bert_config.json"
    settings = json.loads(settings_file.read_text()) if settings_file.is_file() else {}
    return {"max_seq_length": int(settings.get("max_seq_length") or 512),
            "dim": int(pooling["word_embedding_dimension"])}


def export_folder(export_root, identity: dict) -> Path:
    """Where the exports of the model with ``identity`` live (see :func:`claimdiff.embed.models.model_key`)."""
    from .models import model_key

    return Path(export_root).expanduser() / model_key({**identity, "export_format": EXPORT_FORMAT})


def onnx_file(model_folder, folder: Path, quantized: bool) -> Path:
    """Path of the float32 (or int8) export in ``folder``, exporting (and quantising) first if it is missing."""
    plain = folder / "model.onnx"
    if not plain.is_file():
        _export(Path(model_folder), plain)
    if not quantized:
        return plain
    int8 = folder / f"model-{RECIPE}.onnx"
    if not int8.is_file():
        _quantize(plain, int8)
    return int8


def _export(model_folder: Path, target: Path) -> None:
    """``torch.onnx.export`` of the folder's encoder: token ids in, token vectors out, any batch and length."""
    import torch
    from transformers import AutoModel

    encoder = AutoModel.from_pretrained(str(model_folder), local_files_only=True).eval()

    class TokenVectors(torch.nn.Module):
        # Positional inputs for the exporter, keyword arguments to the model (its forward has more of them).
        def __init__(self, model):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.model(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state

    # A padded example, so the traced graph keeps the attention mask.
    ids = torch.tensor([[101, 2000, 2001, 2002, 102], [101, 2000, 102, 0, 0]])
    inputs = {"input_ids": ids, "attention_mask": (ids > 0).long(), "token_type_ids": torch.zeros_like(ids)}
    axes = {name: {0: "batch", 1: "tokens"} for name in [*inputs, "token_vectors"]}
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".tmp-{uuid.uuid4().hex}.onnx")
    try:
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer and deprecation notes about the TorchScript exporter
            torch.onnx.export(TokenVectors(encoder), tuple(inputs.values()), str(temporary),
                              input_names=list(inputs), output_names=["token_vectors"], dynamic_axes=axes,
                              opset_version=ONNX_OPSET, dynamo=False)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def _quantize(source: Path, target: Path) -> None:
    temporary = target.with_name(f".tmp-{uuid.uuid4().hex}.onnx")
    try:
        quantize_per_token(source, temporary)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


class OnnxModel:
    """An exported model run by onnxruntime, with the ``encode`` of a sentence-transformers model.

    ``workers`` threads (default: the cores this process may use) run batches side by side, one core each.
    """

    def __init__(self, onnx_path, tokenizer_path, max_seq_length: int, dim: int, workers: int | None = None):
        import onnxruntime
        from tokenizers import Tokenizer

        self.onnx_path = Path(onnx_path)
        self.dim = dim
        self.workers = workers or available_cores()
        self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        # The bundled tokenizer.json pads every text to a fixed 128 tokens and cuts at 128; sentence-transformers
        # cuts at the model's max_seq_length. No padding here: a batch holds texts of one token count.
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=max_seq_length)
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        # One thread per run: parallelism comes from running several batches at once (see the module docstring).
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = onnxruntime.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
        self._inputs = [node.name for node in self.session.get_inputs()]

    @classmethod
    def from_folder(cls, model_folder, export_root, identity: dict, quantized: bool = False) -> OnnxModel:
        """Load (exporting once if needed) the ONNX form of the sentence-transformers ``model_folder``."""
        backend = "onnx-int8" if quantized else "onnx"
        settings = check_onnx_folder(model_folder, backend)
        path = onnx_file(model_folder, export_folder(export_root, identity), quantized)
        return cls(path, Path(model_folder) / "tokenizer.json", **settings)

    def get_sentence_embedding_dimension(self) -> int:
        return self.dim

    def encode(self, sentences, batch_size=DEFAULT_BATCH_SIZE, normalize_embeddings=False, convert_to_numpy=True,
               show_progress_bar=None, **kwargs) -> np.ndarray:
        """Mean-pooled token vectors of ``sentences`` in their order, float32, shape ``(len(sentences), dim)``."""
        encodings = self.tokenizer.encode_batch(list(sentences))
        lengths = np.array([len(encoding.ids) for encoding in encodings], dtype=np.intp)
        order = np.argsort(-lengths, kind="stable")
        # Batches of texts of one token count: no padding, so a text's vector is the same in any batch.
        edges = [0, *(np.flatnonzero(np.diff(lengths[order])) + 1), len(order)]
        batches = [order[start : min(start + batch_size, stop)]
                   for begin, stop in zip(edges[:-1], edges[1:], strict=True)
                   for start in range(begin, stop, batch_size)]
        out = np.empty((len(sentences), self.dim), dtype=np.float32)

        def run(batch):
            out[batch] = self._pooled([encodings[i] for i in batch])

        if self.workers > 1 and len(batches) > 1:
            with ThreadPoolExecutor(self.workers) as pool:
                list(pool.map(run, batches))  # list() re-raises a failed batch's error here
        else:
            for batch in batches:
                run(batch)
        if normalize_embeddings:
            norms = np.linalg.norm(out, axis=1, keepdims=True)
            np.divide(out, norms, out=out, where=norms > 0)
        return out

    def _pooled(self, encodings) -> np.ndarray:
        """One onnxruntime run over texts of one token count; the mean token vector of each text."""
        ids = np.array([encoding.ids for encoding in encodings], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": np.ones_like(ids),
                "token_type_ids": np.array([encoding.type_ids for encoding in encodings], dtype=np.int64)}
        (tokens,) = self.session.run(None, {name: feed[name] for name in self._inputs})
        return tokens.mean(axis=1, dtype=np.float32)


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity where the system tells it, else all)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS and Windows have no sched_getaffinity
        return os.cpu_count() or 1
