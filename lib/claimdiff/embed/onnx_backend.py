"""The ``onnx`` and ``onnx-int8`` backends: a sentence-transformers folder exported once to ONNX, run by onnxruntime.

    model = OnnxModel.from_folder(default_model_path(), export_root, quantized=True)
    model.encode(["Ten were killed."], normalize_embeddings=True)   # float32, shape (1, 384), as the torch model

The folder must hold a sentence-transformers model of the plain shape: a Hugging Face encoder (BERT-like: input
ids, attention mask, token type ids), mean pooling, optionally a Normalize module, and a ``tokenizer.json``.
Anything else (CLS or max pooling, a Dense layer, a hub name not downloaded) is refused with the reason; the
``torch`` backend runs it. The export is written once per model identity under ``<export_root>/<model key>/``:
``model.onnx`` (float32, ``torch.onnx.export``) and ``model-int8.onnx`` (onnxruntime's dynamic quantisation of the
MatMul weights only, per output channel, which keeps the vectors closer to float32 than the default settings;
benchmarks/embed.py measures the agreement).
Both are written to a temporary name and renamed into place, so processes may share the folder. Pooling follows
sentence-transformers: the mean of the token vectors under the attention mask, in float32.

>>> check_onnx_folder("/nonexistent/model")
Traceback (most recent call last):
...
ValueError: backend='onnx' needs a local sentence-transformers folder; /nonexistent/model is not one (a hub name must be downloaded first, or use backend='torch')
"""

from __future__ import annotations

import json
import logging
import os
import uuid
import warnings
from pathlib import Path

import numpy as np

# Bump when the export or quantisation recipe changes, so old exports are not reused.
EXPORT_FORMAT = 1
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
    int8 = folder / "model-int8.onnx"
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
    from onnxruntime.quantization import QuantType, quantize_dynamic

    temporary = target.with_name(f".tmp-{uuid.uuid4().hex}.onnx")
    logging.disable(logging.WARNING)  # onnxruntime logs a pre-processing tip to the root logger; it fails on BERT
    try:
        quantize_dynamic(str(source), str(temporary), op_types_to_quantize=["MatMul"], per_channel=True,
                         weight_type=QuantType.QInt8)
        os.replace(temporary, target)
    finally:
        logging.disable(logging.NOTSET)
        temporary.unlink(missing_ok=True)


class OnnxModel:
    """An exported model run by onnxruntime, with the ``encode`` of a sentence-transformers model."""

    def __init__(self, onnx_path, tokenizer_path, max_seq_length: int, dim: int):
        import onnxruntime
        from tokenizers import Tokenizer

        self.onnx_path = Path(onnx_path)
        self.dim = dim
        self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        # The bundled tokenizer.json pads every text to a fixed 128 tokens and cuts at 128; sentence-transformers
        # pads to the longest text of the batch and cuts at the model's max_seq_length.
        padding = self.tokenizer.padding or {"pad_id": 0, "pad_type_id": 0, "pad_token": "[PAD]"}
        self.tokenizer.no_padding()
        self.tokenizer.enable_padding(pad_id=padding["pad_id"], pad_type_id=padding["pad_type_id"],
                                      pad_token=padding["pad_token"])
        self.tokenizer.enable_truncation(max_length=max_seq_length)
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        self.session = onnxruntime.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
        self._inputs = [node.name for node in self.session.get_inputs()]

    @classmethod
    def from_folder(cls, model_folder, export_root, identity: dict, quantized: bool = False) -> "OnnxModel":
        """Load (exporting once if needed) the ONNX form of the sentence-transformers ``model_folder``."""
        backend = "onnx-int8" if quantized else "onnx"
        settings = check_onnx_folder(model_folder, backend)
        path = onnx_file(model_folder, export_folder(export_root, identity), quantized)
        return cls(path, Path(model_folder) / "tokenizer.json", **settings)

    def get_sentence_embedding_dimension(self) -> int:
        return self.dim

    def encode(self, sentences, batch_size=32, normalize_embeddings=False, convert_to_numpy=True,
               show_progress_bar=None, **kwargs) -> np.ndarray:
        out = np.empty((len(sentences), self.dim), dtype=np.float32)
        for start in range(0, len(sentences), batch_size):
            encodings = self.tokenizer.encode_batch(list(sentences[start : start + batch_size]))
            feed = {"input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
                    "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
                    "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64)}
            (tokens,) = self.session.run(None, {name: feed[name] for name in self._inputs})
            mask = feed["attention_mask"][:, :, None].astype(np.float32)
            out[start : start + len(encodings)] = (tokens * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
        if normalize_embeddings:
            norms = np.linalg.norm(out, axis=1, keepdims=True)
            np.divide(out, norms, out=out, where=norms > 0)
        return out
