"""Int8 weights with int8 activations quantised per token: the ``onnx-int8`` graph, built from the float32 export.

onnxruntime's dynamic quantisation computes one activation scale for the whole batch tensor, so a text's vector
depended on the texts that shared its batch. Here every MatMul with a weight matrix becomes:

- the weights ``W`` (K x N) in int8, one scale per output column: ``Wq = round(W / sw)``, ``sw = max|W[:, n]| / 127``;
- the activations ``x`` in uint8 with one scale per token (row): ``sx = max|x| / 127``, ``xq = round(x / sx) + 128``
  (symmetric; ``QuantizeLinear`` over the rows, ``axis=0``);
- ``y = sx * (sw * ((xq - 128) @ Wq))`` (``MatMulIntegerToFloat``, exact integer sums, then the token's scale).

A token's row of ``y`` thus depends on that token's activations only, and integer sums do not depend on how rows are
blocked: a text's vector is the same bit for bit alone or in any batch of texts of its token count (no padding;
tests/test_embed_backends.py). Per-token scales also follow the activations more closely than one per batch (mean
cosine to torch float32 0.997 on news sentences, against 0.993; benchmarks/embed.py). MatMuls that share their input
(the query, key and value projections) are merged into one, whose output is split again.

>>> import numpy as np
>>> weights = np.array([[0.5, -1.0], [0.25, 2.0]], dtype=np.float32)
>>> quantized, scales = per_column_int8(weights)
>>> quantized.tolist(), np.round(scales * 127, 3).tolist()
([[127, -64], [64, 127]], [0.5, 2.0])
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import numpy as np

# Bump when the recipe below changes: it names the file, so an old graph is never reused.
RECIPE = "int8-token-1"
_ZERO_POINT = 128


def per_column_int8(weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``weights`` (K x N) as int8 in [-127, 127] and the float32 scale of each column (``W ~ Wq * scale``)."""
    scales = (np.maximum(np.abs(weights).max(axis=0), 1e-12) / 127.0).astype(np.float32)
    return np.clip(np.round(weights / scales), -127, 127).astype(np.int8), scales


def quantize_per_token(source: Path, target: Path) -> None:
    """Write ``source`` (a float32 ONNX graph) to ``target`` with its weight MatMuls quantised as described above."""
    import onnx
    from onnx import helper, numpy_helper

    model = onnx.load(str(source))
    graph = model.graph
    weights = {init.name: init for init in graph.initializer if len(init.dims) == 2}
    by_input = defaultdict(list)
    for node in graph.node:
        if node.op_type == "MatMul" and node.input[1] in weights:
            by_input[node.input[0]].append(node)
    constants = {"q_inv127": np.float32(1 / 127), "q_tiny": np.float32(1e-12), "q_one": np.float32(1.0),
                 "q_zero_point": np.uint8(_ZERO_POINT), "q_rows": np.array([-1], np.int64)}
    added, replaced, before = [], set(), {}
    for number, (source_name, nodes) in enumerate(by_input.items()):
        matrices = [numpy_helper.to_array(weights[node.input[1]]).astype(np.float32) for node in nodes]
        quantized, scales = per_column_int8(np.concatenate(matrices, axis=1))
        prefix = f"q{number}_"
        width = quantized.shape[0]
        constants[f"q_flat_{width}"] = np.array([-1, width], np.int64)
        added += [numpy_helper.from_array(quantized, prefix + "w"), numpy_helper.from_array(scales, prefix + "sw")]
        n = lambda name, prefix=prefix: prefix + name  # noqa: E731  names of this MatMul's new tensors
        new = [
            helper.make_node("Shape", [source_name], [n("shape")]),
            helper.make_node("Abs", [source_name], [n("abs")]),
            helper.make_node("ReduceMax", [n("abs")], [n("max")], axes=[-1], keepdims=1),
            helper.make_node("Mul", [n("max"), "q_inv127"], [n("scale0")]),
            helper.make_node("Max", [n("scale0"), "q_tiny"], [n("sx")]),
            helper.make_node("Reshape", [source_name, f"q_flat_{width}"], [n("rows")]),
            helper.make_node("Reshape", [n("sx"), "q_rows"], [n("sx_rows")]),
            helper.make_node("Shape", [n("sx_rows")], [n("count")]),
            helper.make_node("ConstantOfShape", [n("count")], [n("zp")],
                             value=numpy_helper.from_array(np.array([_ZERO_POINT], np.uint8))),
            helper.make_node("QuantizeLinear", [n("rows"), n("sx_rows"), n("zp")], [n("xq_rows")], axis=0),
            helper.make_node("Reshape", [n("xq_rows"), n("shape")], [n("xq")]),
            helper.make_node("MatMulIntegerToFloat", [n("xq"), n("w"), "q_one", n("sw"), "q_zero_point"],
                             [n("y0")], domain="com.microsoft"),
        ]
        outputs = [node.output[0] for node in nodes]
        if len(nodes) == 1:
            new.append(helper.make_node("Mul", [n("y0"), n("sx")], outputs))
        else:
            added.append(numpy_helper.from_array(np.array([m.shape[1] for m in matrices], np.int64), n("sizes")))
            new += [helper.make_node("Mul", [n("y0"), n("sx")], [n("y")]),
                    helper.make_node("Split", [n("y"), n("sizes")], outputs, axis=-1)]
        before[id(nodes[0])] = new
        replaced.update(id(node) for node in nodes)
    rebuilt = []
    for node in graph.node:
        rebuilt += before.get(id(node), [])
        if id(node) not in replaced:
            rebuilt.append(node)
    used = {name for node in rebuilt for name in node.input}
    kept = [init for init in graph.initializer if init.name in used]
    del graph.node[:]
    graph.node.extend(rebuilt)
    del graph.initializer[:]
    graph.initializer.extend(kept + added + [numpy_helper.from_array(np.asarray(v), k) for k, v in constants.items()])
    model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    onnx.save(model, str(target))
