"""Vectors of candidate quotes, for the answerer's dense re-scoring, cached per knowledge base.

The answerer re-scores its best candidate quotes (sentences and clause windows of the hits'
chunks, rag/evidence.py) by cosine similarity to the question. Embedding a dozen quotes is one
encoder pass of ~250 ms on this 2-core machine, ten times the rest of an answer. A quote's vector
depends only on its text, so vectors are kept (least recently used dropped past ``max_items``),
and ``warm`` embeds the quotes of a knowledge base ahead of questions, in small batches so a
question waiting for the encoder waits for one small batch at most (the app also starts a batch
only while no question is being answered). The app warms its default
knowledge base in the background after start (rag/service.py); a question asked before that
finishes embeds its own missing quotes, exactly as without the cache.
"""

from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import numpy as np

from rag import text_vectors
from rag.evidence import candidate_spans
from rag.records import Chunk, Hit

MAX_ITEMS = 100_000  # ~150 MB of 384-d float32 vectors; the bundled page has ~1,000 quotes
WARM_LIMIT = 5_000  # quotes warmed ahead (~2 CPU-minutes): a big corpus fills the cache by use
WARM_BATCH = 4  # quotes per encoder pass while warming: ~80 ms, the most a question then waits
# Quotes per encoder pass when a build embeds its new quotes (nobody waits on it), sorted by length
# so a batch pads little: 25.7 quotes/s against 12.8 in batches of 4 (the page's, one run, loaded).
BULK_BATCH = 32


class SpanVectors:
    """Quote text -> L2-normalised vector, computed by ``encoder.encode_documents`` once.

    With a ``path`` the vectors are also kept on disk (rag/text_vectors.py: the model's name inside,
    written atomically): read on first use, rewritten after an answer or a warm-up embedded new
    quotes. A fresh process (each ``rag ask``) then embeds only quotes no earlier one did.
    """

    def __init__(self, encoder, max_items: int = MAX_ITEMS, path: Path | None = None) -> None:
        self.encoder, self.max_items, self.path = encoder, max_items, path
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self._loaded = path is None

    def __len__(self) -> int:
        self._load()
        return len(self._vectors)

    def encode_documents(self, texts: Sequence[str]) -> np.ndarray:
        """``(len(texts), dim)`` rows, from the cache or embedded now (all misses in one pass)."""
        texts = list(texts)
        self._load()
        with self._lock:
            found = {t: self._vectors.get(t) for t in texts}
            for t, v in found.items():
                if v is not None:
                    self._vectors.move_to_end(t)
        missing = [t for t, v in found.items() if v is None]
        if missing:
            fresh = self.encoder.encode_documents(missing)
            found.update(zip(missing, fresh, strict=True))
            self._store(zip(missing, fresh, strict=True))
            self.save()
        if not texts:
            return np.zeros((0, self.encoder.dim), np.float32)
        return np.stack([found[t] for t in texts]).astype(np.float32, copy=False)

    def warm(
        self,
        chunks: Iterable[Chunk],
        *,
        limit: int = WARM_LIMIT,
        batch: int = WARM_BATCH,
        wait: Callable[[], None] = lambda: None,
        stop: Callable[[], bool] = lambda: False,
    ) -> int:
        """Embed the candidate quotes of ``chunks`` not cached yet, until ``limit`` were embedded,
        the cache is full or ``stop()`` says so; ``wait()`` runs before each batch. Returns how
        many were embedded."""
        room = min(limit, self.max_items - len(self))
        texts = sorted(_uncached(self._new_quotes(chunks), room), key=len)  # batches of like lengths
        done = 0
        try:
            for b in range(0, len(texts), batch):
                wait()
                if stop():
                    break
                done += self._embed(texts[b : b + batch])
        finally:
            if done:
                self.save()
        return done

    def save(self) -> None:
        """Write the vectors to ``path`` (nothing without one; a failed write only loses the cache)."""
        model = getattr(self.encoder, "name", None)
        if self.path is None or model is None or not self.path.parent.is_dir():
            return  # no file, or a knowledge base never built: it gets no folder from this
        with self._lock:
            known = dict(self._vectors)
        with contextlib.suppress(OSError):  # a read-only or full disk only loses the cache
            text_vectors.write(self.path, model, known)

    def _load(self) -> None:
        if self._loaded:
            return
        model = getattr(self.encoder, "name", None)
        known = text_vectors.read(self.path, model) if model is not None else {}
        with self._lock:
            if not self._loaded:
                for text, vector in list(known.items())[-self.max_items :]:
                    self._vectors.setdefault(text, vector)
                self._loaded = True

    def _new_quotes(self, chunks: Iterable[Chunk]) -> Iterator[str]:
        for chunk in chunks:
            for span in candidate_spans([Hit(chunk=chunk, score=0.0, rank=1)]):
                if span.text not in self._vectors:
                    yield span.text

    def _embed(self, texts: list[str]) -> int:
        self._store(zip(texts, self.encoder.encode_documents(texts), strict=True))
        return len(texts)

    def _store(self, items: Iterable[tuple[str, np.ndarray]]) -> None:
        with self._lock:
            for text, vector in items:
                self._vectors[text] = np.asarray(vector, np.float32)
                self._vectors.move_to_end(text)
            while len(self._vectors) > self.max_items:
                self._vectors.popitem(last=False)


def _uncached(texts: Iterator[str], room: int) -> Iterator[str]:
    """The first ``room`` distinct texts."""
    seen: set[str] = set()
    for text in texts:
        if len(seen) >= room:
            return
        if text not in seen:
            seen.add(text)
            yield text
