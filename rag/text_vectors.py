"""Text -> vector files: vectors of texts that are not anyone's questions, kept on disk per model.

Two users. Candidate quotes (rag/span_vectors.py): every sentence of a knowledge base the answerer
may quote, embedded once and kept in the knowledge base's folder, so a new process (each
``rag ask``) does not embed them again. Fixed texts: the lesson kit tags units with security
fields partly by how close each field's one-line description (rag/kit/domains.json) is to the
unit's passages; those twenty descriptions are part of the product, so their vectors are computed
once per model and kept in ``RAG_MODEL_DIR/fixed-vectors/``, and listing a knowledge base with its
fields loads no model. Files are written atomically; one that does not parse, or that another model
wrote, is ignored and replaced. Questions are never stored.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from rag.versions import write_atomically

FOLDER = "fixed-vectors"


def cached_queries(
    model_dir: Path, model: str, texts: Sequence[str], encode: Callable[[list[str]], np.ndarray]
) -> np.ndarray:
    """``encode(texts)``, read from the model's cache file when it holds every text."""
    texts = list(texts)
    path = cache_file(model_dir, model)
    known = read(path, model)
    missing = [t for t in dict.fromkeys(texts) if t not in known]
    if missing:
        known.update(zip(missing, np.asarray(encode(missing), np.float32), strict=True))
        with contextlib.suppress(OSError):  # a read-only cache folder: right vectors, just not kept
            write(path, model, known)
    if not texts:
        return np.zeros((0, 0), np.float32)
    return np.stack([known[t] for t in texts])


def cache_file(model_dir: Path, model: str) -> Path:
    """Where ``model``'s fixed-text vectors are kept."""
    return Path(model_dir) / FOLDER / (hashlib.sha256(model.encode("utf-8")).hexdigest()[:16] + ".npz")


def read(path: Path, model: str) -> dict[str, np.ndarray]:
    """The file's text -> vector map; empty when it is missing, unreadable or another model's."""
    try:
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(z["meta"].tobytes().decode("utf-8"))
            vectors = np.asarray(z["vectors"], np.float32)
        if meta.get("model") != model or len(meta.get("texts", ())) != len(vectors):
            return {}
        return dict(zip(meta["texts"], vectors, strict=True))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def write(path: Path, model: str, known: dict[str, np.ndarray]) -> None:
    """Write ``known`` (text -> vector) for ``model``, atomically."""
    meta = json.dumps({"model": model, "texts": list(known)}, ensure_ascii=False).encode("utf-8")
    vectors = np.stack(list(known.values())).astype(np.float32)

    def save(tmp: Path) -> None:
        with open(tmp, "wb") as fh:
            np.savez(fh, meta=np.frombuffer(meta, np.uint8), vectors=vectors)

    write_atomically(path, save)
