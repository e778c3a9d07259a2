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

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence

import numpy as np

from rag.evidence import candidate_spans
from rag.records import Chunk, Hit

MAX_ITEMS = 100_000  # ~150 MB of 384-d float32 vectors; the bundled page has ~1,000 quotes
WARM_LIMIT = 5_000  # quotes warmed ahead (~2 CPU-minutes): a big corpus fills the cache by use
WARM_BATCH = 4  # quotes per encoder pass while warming: ~80 ms, the most a question then waits


class SpanVectors:
    """Quote text -> L2-normalised vector, computed by ``encoder.encode_documents`` once."""

    def __init__(self, encoder, max_items: int = MAX_ITEMS) -> None:
        self.encoder, self.max_items = encoder, max_items
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._vectors)

    def encode_documents(self, texts: Sequence[str]) -> np.ndarray:
        """``(len(texts), dim)`` rows, from the cache or embedded now (all misses in one pass)."""
        texts = list(texts)
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
        if not texts:
            return np.zeros((0, self.encoder.dim), np.float32)
        return np.stack([found[t] for t in texts]).astype(np.float32, copy=False)

    def warm(
        self,
        chunks: Iterable[Chunk],
        *,
        limit: int = WARM_LIMIT,
        wait: Callable[[], None] = lambda: None,
        stop: Callable[[], bool] = lambda: False,
    ) -> int:
        """Embed the candidate quotes of ``chunks`` not cached yet, until ``limit`` were embedded,
        the cache is full or ``stop()`` says so; ``wait()`` runs before each batch. Returns how
        many were embedded."""
        room = min(limit, self.max_items - len(self._vectors))
        texts = list(_uncached(self._new_quotes(chunks), room))
        done = 0
        for b in range(0, len(texts), WARM_BATCH):
            wait()
            if stop():
                break
            done += self._embed(texts[b : b + WARM_BATCH])
        return done

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
