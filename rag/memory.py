"""Process memory: glibc allocator limits, and the bundled model's word table read from its file.

Where the app's resident memory went on the bundled page (24 dev questions, measured with
/proc/self/smaps step by step; ``python -m benchmarks --only memory`` gives the totals):

* libraries, ~450 MB: torch ~195, sentence-transformers with what it imports (scikit-learn,
  pandas, sympy) ~200, gradio ~40, faiss ~15;
* the tokenizer, ~240 MB: tokenizers' Unigram model keeps a hash map per trie node for the
  250,002 XLM-R pieces (the same model in transformers.js costs as much);
* jieba, ~65 MB per dictionary: there were two (rag/keyword.py's own ``jieba.Tokenizer()`` and
  the default one behind rag/question.py's ``jieba.posseg``); keyword search now uses the default,
  and rag/segment.py keeps its tables packed until a process has cut enough text to need dicts;
* model-file pages, 83 MB for the layers, plus ~280 MB the kernel mapped around the word-table
  rows questions used: ``read_word_rows_from_file`` removes those;
* CC-CEDICT parsed and cached, 82 MB: rag/bilingual.py now reads it afresh for each use;
* one malloc arena per request thread, ~170 MB with 8 threads: ``limit_malloc_arenas``.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import struct
from functools import lru_cache
from pathlib import Path

import numpy as np

M_ARENA_MAX = -8  # glibc's mallopt parameter number (malloc.h)
ARENAS = 2  # malloc arenas for the whole process


@lru_cache(maxsize=1)
def _libc():
    """glibc, or None elsewhere (musl, macOS): every helper here is then a no-op."""
    with contextlib.suppress(OSError):
        libc = ctypes.CDLL("libc.so.6")  # glibc's soname
        if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim"):
            return libc
    return None


def limit_malloc_arenas(arenas: int = ARENAS) -> bool:
    """Cap glibc's malloc arenas (call at process start); True when the cap was set.

    glibc gives each thread that meets a locked arena a new one (up to 8 per core), and each keeps
    the freed memory of its thread's requests; Gradio answers every request in a worker thread.
    """
    libc = _libc()
    return bool(libc and libc.mallopt(M_ARENA_MAX, arenas) == 1)


def release_freed_memory() -> None:
    """Hand freed heap memory back to the system (after a model load or a large request)."""
    libc = _libc()
    if libc:
        libc.malloc_trim(0)


def read_word_rows_from_file(auto_model, weights: Path, key: str) -> bool:
    """Make the model look up its word embeddings row by row in ``weights`` (a safetensors file)
    instead of through the whole mapped table; True when swapped, False (nothing changed) when
    the file's tensor ``key`` is not exactly the model's table.

    The table is 250,037 x 384 float32 (366 MB) of which a question uses a few hundred rows, but
    the kernel maps pages around every row touched: after the 24 dev questions 364 MB of the file
    were resident in the app for ~1,000 distinct rows (1.5 MB). Read with ``pread`` the rows come
    from the page cache (shared, reclaimable) and only the rows of the current batch are held.
    """
    table = auto_model.get_input_embeddings()
    weight = getattr(table, "weight", None)
    where = tensor_offset(weights, key, tuple(weight.shape)) if weight is not None else None
    if where is None or weight.dtype.itemsize != 4 or not weight.dtype.is_floating_point:
        return False
    import torch

    rows = _file_rows(weights, where, *weight.shape)
    sample = torch.tensor([0, 1, weight.shape[0] - 1])
    if not torch.equal(rows(sample), table(sample)):  # the file must hold these very weights
        return False
    auto_model.set_input_embeddings(rows)
    return True


def tensor_offset(path: Path, key: str, shape: tuple[int, ...]) -> int | None:
    """Byte offset of float32 tensor ``key`` of ``shape`` in a safetensors file, or None."""
    try:
        with open(path, "rb") as fh:
            (size,) = struct.unpack("<Q", fh.read(8))
            header = json.loads(fh.read(size))
    except (OSError, ValueError, struct.error):
        return None
    info = header.get(key)
    if not isinstance(info, dict) or info.get("dtype") != "F32" or tuple(info.get("shape", ())) != shape:
        return None
    begin, end = info["data_offsets"]
    return 8 + size + begin if end - begin == 4 * shape[0] * shape[1] else None


class WordRows:
    """Rows of a float32 table in a file, read with ``pread``: ``rows(ids)`` is ``table[ids]`` with
    each distinct row read once. Shared by the torch path (``FileRows`` below) and the ONNX engine
    (rag/onnx_encoder.py)."""

    def __init__(self, path: Path, offset: int, num_embeddings: int, embedding_dim: int) -> None:
        self.path, self.offset = path, offset
        self.num_embeddings, self.embedding_dim = num_embeddings, embedding_dim
        self._fd = os.open(path, os.O_RDONLY)  # lives as long as the encoder

    def __call__(self, ids) -> np.ndarray:
        unique, inverse = np.unique(np.asarray(ids, np.int64), return_inverse=True)
        if unique.size and (unique[0] < 0 or unique[-1] >= self.num_embeddings):
            raise IndexError("index out of range in self")
        width = 4 * self.embedding_dim
        data = b"".join(os.pread(self._fd, width, self.offset + width * int(r)) for r in unique)
        if len(data) != width * unique.size:
            raise OSError(f"{self.path}: short read of the word embeddings")
        table = np.frombuffer(data, dtype=np.float32).reshape(-1, self.embedding_dim)
        return table[inverse.reshape(np.shape(ids))]

    def __del__(self) -> None:
        with contextlib.suppress(OSError, AttributeError):
            os.close(self._fd)


def _file_rows(path: Path, offset: int, num_embeddings: int, embedding_dim: int):
    import torch

    class FileRows(torch.nn.Module):
        """``nn.Embedding``'s forward (a row gather) over rows read from the weights file."""

        def __init__(self, path: Path, offset: int, num_embeddings: int, embedding_dim: int) -> None:
            super().__init__()
            self.rows = WordRows(path, offset, num_embeddings, embedding_dim)
            self.num_embeddings, self.embedding_dim = num_embeddings, embedding_dim

        def forward(self, ids: torch.Tensor) -> torch.Tensor:
            return torch.from_numpy(self.rows(ids.cpu().numpy()))

    return FileRows(path, offset, num_embeddings, embedding_dim)
