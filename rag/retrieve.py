"""Hybrid retrieval: dense (FAISS) plus Chinese-aware BM25, fused into ranked ``Hit``s.

Fusion (normalised-score fusion with a coverage-dependent keyword weight)::

    fused = dense_norm + KEYWORD_WEIGHT * coverage * bm25_norm

``dense_norm`` rescales the cosine similarities of the candidates to [0, 1] (best candidate 1,
the weakest retrieved 0); ``bm25_norm`` divides BM25 by its best score. ``coverage`` is the share
of the question's keyword terms that occur in the corpus: an English question against Chinese text
has none, so keyword evidence (or its absence) cannot drag it down, while a question naming
太湖盾 or QFLP gets the full keyword weight. Both sides see the unit's title, subtitle, author and
role (a metadata header per chunk), so "who wrote ..." questions match the right article, and both
sides see simplified Chinese (traditional questions and documents are converted).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from rag.keyword import normalise, to_simplified, tokenize
from rag.records import KIND_NOTE, Chunk, Hit

KEYWORD_WEIGHT = 0.8  # tuned on the dev set; see docs in rag/evaluate.py for the metrics
CANDIDATES = 60  # dense neighbours considered before fusion
NOTE_LABEL = "编者按"  # an editor's note has no author; this is how the page labels it


def header(chunk: Chunk) -> str:
    """The unit's metadata as one line: title, subtitle, author, role (editor's note labelled)."""
    parts = [chunk.title, chunk.subtitle, chunk.author, chunk.role]
    if chunk.kind == KIND_NOTE and not chunk.author:
        parts.append(NOTE_LABEL)
    return " ".join(p for p in parts if p)


def embed_text(chunk: Chunk) -> str:
    """What the encoder sees for a chunk: its metadata header, then its text (simplified)."""
    return to_simplified(f"{header(chunk)}\n{chunk.text}".strip())


def keyword_tokens(chunk: Chunk) -> list[str]:
    """What the keyword index sees for a chunk: header tokens plus text tokens."""
    return tokenize(header(chunk)) + tokenize(chunk.text)


def search(question: str, *, chunks: Sequence[Chunk], vectors, keyword, encoder, k: int) -> list[Hit]:
    """The ``k`` best chunks for ``question``, overlapping chunks of one unit collapsed."""
    if not chunks or k <= 0:
        return []
    query = to_simplified(question)
    fused = _fuse(_dense(query, vectors, encoder, len(chunks)), _keyword(query, keyword))
    order = np.argsort(-fused, kind="stable")
    picked = _collapse(order, fused, chunks, k)
    return [Hit(chunk=chunks[i], score=float(fused[i]), rank=r) for r, i in enumerate(picked, 1)]


def _dense(query: str, vectors, encoder, n: int) -> np.ndarray:
    """Cosine similarity of every chunk rescaled to [0, 1]; chunks outside the candidates get 0."""
    qv = encoder.encode_queries([query]).astype(np.float32)
    top = min(n, CANDIDATES)
    sims, ids = vectors.search(qv, top)  # inner product of unit vectors = cosine similarity
    sims, ids = sims[0], ids[0]
    valid = ids >= 0
    sims, ids = sims[valid], ids[valid]
    out = np.zeros(n, np.float32)
    if len(ids):
        lo, hi = float(sims.min()), float(sims.max())
        out[ids] = (sims - lo) / (hi - lo) if hi > lo else 1.0
    return out


def _keyword(query: str, keyword) -> tuple[np.ndarray, float]:
    """BM25 scores divided by the best one, and the query's keyword coverage."""
    tokens = tokenize(query)
    scores = keyword.scores(tokens)
    best = float(scores.max()) if len(scores) else 0.0
    norm = scores / best if best > 0 else scores
    return norm, keyword.coverage(tokens)


def _fuse(dense: np.ndarray, keyword: tuple[np.ndarray, float]) -> np.ndarray:
    scores, coverage = keyword
    return dense + KEYWORD_WEIGHT * coverage * scores


def _collapse(order: np.ndarray, fused: np.ndarray, chunks: Sequence[Chunk], k: int) -> list[int]:
    """Walk the ranking, skipping chunks that overlap an already picked chunk of the same unit or
    repeat its text (the same passage indexed twice from two files)."""
    picked: list[int] = []
    seen_text: set[str] = set()
    for i in order:
        c = chunks[int(i)]
        key = normalise(c.text)
        if key in seen_text or any(_overlaps(c, chunks[j]) for j in picked):
            continue
        picked.append(int(i))
        seen_text.add(key)
        if len(picked) == k:
            break
    return picked


def _overlaps(a: Chunk, b: Chunk) -> bool:
    return a.doc_id == b.doc_id and a.start < b.end and b.start < a.end
