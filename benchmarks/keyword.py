"""Section 5b: the keyword index at scale - the product's BM25 vs rank-bm25 vs bm25s.

All three index the same token lists (the product's own ``rag.retrieve.keyword_tokens`` of every
chunk of the generated corpus) with the same k1/b, so the comparison is of the BM25 engines, not
of tokenisers. Query latency includes picking the top 10.
"""

from __future__ import annotations

import gc
import time

import numpy as np

from benchmarks.context import Context
from benchmarks.growth import corpus_pages
from benchmarks.stats import proc_memory_mb, summarize

K = 10
RANK_BM25_MAX_QUERIES = 5  # rank-bm25 scores in a Python loop over every document: ~1 s a query at 85k


def run(ctx: Context) -> dict:
    """Build time, approximate memory, p50 latency and top-10 agreement per engine and scale."""
    from rag.keyword import K1, B, tokenize

    scales = ctx.profile.keyword_scales
    tokens, bounds = _corpus_tokens(ctx, max(scales))
    queries = [tokenize(q["q"]) for q in ctx.questions]
    rows = []
    for scale in scales:
        docs = tokens[: bounds[scale]]
        rows.append({"scale": scale, "chunks": len(docs), "engines": _engines(docs, queries, K1, B)})
    return {"k1": K1, "b": B, "queries": len(queries), "scales": rows}


def _corpus_tokens(ctx: Context, pages: int) -> tuple[list[list[str]], dict[int, int]]:
    """Token lists of every chunk of the first ``pages`` pages, and where each page count ends."""
    from rag.chunk import chunk_source
    from rag.ingest import parse_page
    from rag.retrieve import keyword_tokens

    s = ctx.settings
    tokens, bounds = [], {0: 0}
    for n, path in enumerate(corpus_pages(ctx, pages), 1):
        source = parse_page(path.read_text(encoding="utf-8"), path.name)
        tokens += [
            keyword_tokens(c) for c in chunk_source(source, size=s.chunk_size, overlap=s.chunk_overlap)
        ]
        bounds[n] = len(tokens)
    return tokens, bounds


def _engines(docs: list[list[str]], queries: list[list[str]], k1: float, b: float) -> dict:
    builders = {"product": _product, "bm25s": _bm25s, "rank_bm25": _rank_bm25}
    out, reference = {}, None
    for name, make in builders.items():
        gc.collect()
        before = proc_memory_mb()["rss_mb"] or 0.0
        t0 = time.perf_counter()
        top10 = make(docs, k1, b)
        build_s = time.perf_counter() - t0
        grown = (proc_memory_mb()["rss_mb"] or 0.0) - before
        limit = RANK_BM25_MAX_QUERIES if name == "rank_bm25" and len(docs) > 5_000 else len(queries)
        lat, found = [], []
        for q in queries[:limit]:
            t0 = time.perf_counter()
            found.append(top10(q))
            lat.append((time.perf_counter() - t0) * 1000.0)
        reference = reference or found
        out[name] = {
            "build_s": round(build_s, 3),
            "rss_growth_mb": round(grown, 1),
            "query_ms": summarize(lat),
            "overlap_at_10_with_product": _overlap(found, reference),
        }
        del top10
    return out


def _overlap(found: list[set[int]], reference: list[set[int]]) -> float:
    pairs = [(f, r) for f, r in zip(found, reference, strict=False) if r]
    if not pairs:
        return 1.0
    return round(float(np.mean([len(f & r) / len(r) for f, r in pairs])), 3)


def _top(scores: np.ndarray) -> set[int]:
    k = min(K, len(scores))
    idx = np.argpartition(-scores, k - 1)[:k]
    return {int(i) for i in idx if scores[i] > 0}


def _product(docs, k1: float, b: float):
    from rag.keyword import KeywordIndex

    index = KeywordIndex.empty().extend(docs)
    index.scores(["warm"])  # builds the term-major postings once, as loading does in the product
    return lambda q: _top(index.scores(q))


def _bm25s(docs, k1: float, b: float):
    import bm25s

    index = bm25s.BM25(k1=k1, b=b, method="lucene")  # lucene idf = the product's idf
    index.index(docs, show_progress=False)
    return lambda q: _top(index.get_scores(q))


def _rank_bm25(docs, k1: float, b: float):
    from rank_bm25 import BM25Okapi

    index = BM25Okapi(docs, k1=k1, b=b)
    return lambda q: _top(index.get_scores(q))
