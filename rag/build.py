"""Index building: the next ``Store`` from the previous one and the sources it should hold.

Only chunks and units not already indexed are embedded; everything else (vectors, keyword rows)
is carried over by content-hash id, so adding a file costs only that file's chunks.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import numpy as np

from rag import index as ix
from rag import retrieve
from rag.chunk import chunk_source
from rag.keyword import KeywordIndex
from rag.records import Unit

EMBED_BATCH = 64


def next_store(
    old: ix.Store,
    sources: list[ix.StoredSource],
    *,
    encoder,
    chunk_size: int,
    chunk_overlap: int,
    settings: dict,
    progress: bool,
) -> tuple[ix.Store, int]:
    """The store holding ``sources``, reusing ``old``'s vectors and keyword rows; returns it and
    the number of chunks embedded."""
    old_rows = {c.chunk_id: i for i, c in enumerate(old.chunks)}
    chunks = [c for s in sources for c in chunk_source(s.source, size=chunk_size, overlap=chunk_overlap)]
    reuse = [old_rows.get(c.chunk_id) for c in chunks]
    todo = [c for c, r in zip(chunks, reuse, strict=True) if r is None]
    fresh = _embed(encoder, [retrieve.embed_text(c) for c in todo], progress=progress)
    matrix = _assemble(ix.vectors_of(old.vectors), fresh, reuse, encoder.dim)
    keyword = _keyword_rows(old.keyword, reuse, [retrieve.keyword_tokens(c) for c in todo])
    units = _unit_vectors(encoder, old, [u for s in sources for u in s.source.units])
    store = ix.Store(sources, chunks, ix.build_vectors(matrix, encoder.dim), keyword, units, settings)
    return store, len(todo)


def empty_store(dim: int, settings: dict) -> ix.Store:
    """A store with nothing in it (a knowledge base before its first build)."""
    empty = np.zeros((0, dim), np.float32)
    return ix.Store([], [], ix.build_vectors(empty, dim), KeywordIndex.empty(), empty, settings)


def _embed(encoder, texts: list[str], *, progress: bool) -> np.ndarray:
    batches = range(0, len(texts), EMBED_BATCH)
    bar = _progress(len(texts)) if progress and texts else None
    parts = []
    for b in batches:
        parts.append(encoder.encode_documents(texts[b : b + EMBED_BATCH]))
        if bar:
            bar(len(parts[-1]))
    if bar:
        bar(0, done=True)
    return np.concatenate(parts) if parts else np.zeros((0, encoder.dim), np.float32)


def _progress(total: int) -> Callable[..., None]:
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm ships with transformers
        tqdm = None
    if tqdm is not None:
        bar = tqdm(total=total, desc="embedding", unit="chunk", file=sys.stderr)
        return lambda n, done=False: bar.close() if done else bar.update(n)
    return lambda n, done=False: None


def _unit_vectors(encoder, old: ix.Store, units: list[Unit]) -> np.ndarray:
    """One vector per unit (metadata + lead); units already indexed keep theirs."""
    known = {(u.doc_id, u.title): old.unit_vectors[i] for i, u in enumerate(old.units())}  # title: retitled
    todo = [u for u in units if (u.doc_id, u.title) not in known]
    fresh = dict(
        zip(
            [(u.doc_id, u.title) for u in todo],
            _embed(encoder, [retrieve.unit_text(u) for u in todo], progress=False),
            strict=True,
        )
    )
    rows = [known.get((u.doc_id, u.title), fresh.get((u.doc_id, u.title))) for u in units]
    return np.asarray(rows, np.float32).reshape(len(units), encoder.dim)


def _keyword_rows(old: KeywordIndex, reuse: list[int | None], fresh: list[list[str]]) -> KeywordIndex:
    """Rows aligned with the new chunk list: reused rows copied from ``old``, then fresh ones."""
    kept = [r for r in reuse if r is not None]
    combined = old.select(kept).extend(fresh)
    order, n_kept, n_new = [], 0, 0
    for r in reuse:
        if r is not None:
            order.append(n_kept)
            n_kept += 1
        else:
            order.append(len(kept) + n_new)
            n_new += 1
    return combined if order == list(range(len(order))) else combined.select(order)


def _assemble(old: np.ndarray, fresh: np.ndarray, reuse: list[int | None], dim: int) -> np.ndarray:
    out = np.zeros((len(reuse), dim), np.float32)
    it = iter(fresh)
    for row, r in enumerate(reuse):
        out[row] = old[r] if r is not None else next(it)
    return out
