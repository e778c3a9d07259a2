"""Section 5: FAISS index structures at scale - flat vs HNSW vs IVF (with and without PQ), and what
the product's own rag/index.py build_vectors picks for each set (its real build, at the settings it chose).

Vectors are seeded and synthetic (a mixture of overlapping clusters on the unit sphere, so
that neighbourhoods exist as they do for real embeddings) or real chunk embeddings when a
run has them. Queries are perturbed database vectors; recall@10 is measured against exact
inner-product search (cosine: every vector is L2-normalised).
"""

from __future__ import annotations

import math
import os
import time

import faiss
import numpy as np

from benchmarks.sizing import recommend
from benchmarks.stats import summarize
from benchmarks.vectors import perturbed_queries, synthetic_vectors

K = 10
TARGET_RECALL = 0.95
HNSW_M = 32
HNSW_EF_SEARCH = (16, 32, 64, 128, 256)
IVF_NPROBE = (1, 2, 4, 8, 16, 32, 64, 128)
PQ_M = 48  # 48 sub-quantizers x 8 bits: 48 bytes a vector instead of 1,536
SEARCH_THREADS = 1
IVF_MIN = 5_000  # fewer vectors cannot train the coarse quantizer (faiss wants >= 39 per list)
PQ_MIN = 20_000  # ... nor 256 codes per sub-quantizer
REFINE_MAX = 200_000  # PQ + exact re-ranking keeps the flat vectors anyway; at 1M it would cost ~2 minutes


def bench_structures(
    vectors: np.ndarray, queries: np.ndarray, *, label: str, latency_queries: int, with_hnsw: bool = True
) -> dict:
    """Build each structure over ``vectors``; report build time, size, recall@10 and latency."""
    n, dim = vectors.shape
    exact = faiss.IndexFlatIP(dim)  # inner product on unit vectors == cosine
    exact.add(vectors)
    _, truth = exact.search(queries, K)
    nlist = _nlist(n)
    coarse = _Coarse(vectors, nlist)
    builders = {
        "flat": lambda: _build_flat(vectors),
        "hnsw": lambda: _build_hnsw(vectors),
        "ivf_flat": lambda: _build_ivf(vectors, coarse, pq=False),
        "ivf_pq": lambda: _build_ivf(vectors, coarse, pq=True),
        "ivf_pq_refine": lambda: _build_ivf(vectors, coarse, pq=True, refine=True),
    }
    if not with_hnsw:
        builders.pop("hnsw")
    if n < IVF_MIN:
        builders = {"flat": builders["flat"], **({"hnsw": builders["hnsw"]} if "hnsw" in builders else {})}
    elif n < PQ_MIN:
        builders.pop("ivf_pq")
        builders.pop("ivf_pq_refine")
    elif n > REFINE_MAX:
        builders.pop("ivf_pq_refine")
    rows = _product_rows(vectors, queries, truth, latency_queries)
    for name, build in builders.items():
        t0 = time.perf_counter()
        index = build()
        build_s = time.perf_counter() - t0
        if name.startswith("ivf"):
            build_s += coarse.seconds  # each IVF variant is charged the shared k-means training
        rows.append(_evaluate(name, index, queries, truth, build_s, latency_queries))
        del index
    return {
        "label": label,
        "n": n,
        "dim": dim,
        "nlist": nlist,
        "structures": rows,
        "best": _best([r for r in rows if not r["structure"].startswith("product")]),
        "neighbourhood": _neighbourhood(exact, queries),
    }


def _product_rows(vectors: np.ndarray, queries: np.ndarray, truth: np.ndarray, latency: int) -> list[dict]:
    """What the product's own build_vectors builds over this set, at the settings it chose; on a set
    below its flat limit, also the IVF it would build above it, to compare the recall@10 its
    calibration expects (perturbed stored vectors) with the recall these queries get."""
    from rag import vector_index

    rows = [_product_row("product: ", vectors, queries, truth, latency)]
    if IVF_MIN <= len(vectors) <= vector_index.FLAT_LIMIT:
        rows.append(_product_row("product IVF if above the limit: ", vectors, queries, truth, latency, 0))
    return rows


def _product_row(title, vectors, queries, truth, latency: int, flat_limit: int | None = None) -> dict:
    from rag import index as ix

    t0 = time.perf_counter()
    index = ix.build_vectors(vectors, vectors.shape[1], flat_limit=flat_limit)
    build_s = time.perf_counter() - t0
    kind = ix.index_type(index)
    _, found = index.search(queries, K)
    point = {
        "knob": "nprobe" if "nprobe" in kind else None,
        "value": kind.get("nprobe", 0),
        "recall_at_10": round(_recall(found, truth), 4),
        "latency": summarize(_single_query_ms(index, queries[:latency])),
    }
    return {
        "structure": title + kind["type"] + (f" nlist={kind['nlist']}" if "nlist" in kind else ""),
        "build_s": round(build_s, 3),  # IVF: training, adding and the nprobe calibration
        "size_mb": round(faiss.serialize_index(index).nbytes / 2**20, 2),
        "index": kind,
        "sweep": [point],
        "chosen": point if point["recall_at_10"] >= TARGET_RECALL else None,
    }


def _nlist(n: int) -> int:
    # about 2*sqrt(n) lists, a power of two: keeps k-means training inside the run's budget
    return int(max(8, 2 ** round(math.log2(2 * math.sqrt(n)))))


def _build_flat(x: np.ndarray) -> faiss.Index:
    index = faiss.IndexFlatIP(x.shape[1])
    index.add(x)
    return index


def _build_hnsw(x: np.ndarray) -> faiss.Index:
    index = faiss.IndexHNSWFlat(x.shape[1], HNSW_M, faiss.METRIC_INNER_PRODUCT)
    index.add(x)
    return index


class _Coarse:
    """The IVF coarse quantizer's centroids, trained once per vector set and shared by the variants."""

    def __init__(self, x: np.ndarray, nlist: int) -> None:
        self.x, self.nlist, self.seconds = x, nlist, 0.0
        self._centroids: np.ndarray | None = None

    def quantizer(self) -> faiss.Index:
        """A flat inner-product index over the (once trained) centroids."""
        if self._centroids is None:
            t0 = time.perf_counter()
            # spherical: unit-norm centroids suit inner-product search; <= 64 points per centroid and
            # 10 iterations keep training at 1M vectors inside the run's budget
            km = faiss.Kmeans(self.x.shape[1], self.nlist, niter=10, max_points_per_centroid=64,
                              spherical=True, seed=1234)  # fmt: skip
            km.train(self.x)
            self._centroids = km.centroids
            self.seconds = time.perf_counter() - t0
        quantizer = faiss.IndexFlatIP(self.x.shape[1])
        quantizer.add(self._centroids)
        return quantizer


def _build_ivf(x: np.ndarray, coarse: _Coarse, *, pq: bool, refine: bool = False) -> faiss.Index:
    dim, quantizer = x.shape[1], coarse.quantizer()
    if pq:
        index = faiss.IndexIVFPQ(quantizer, dim, coarse.nlist, PQ_M, 8, faiss.METRIC_INNER_PRODUCT)
    else:
        index = faiss.IndexIVFFlat(quantizer, dim, coarse.nlist, faiss.METRIC_INNER_PRODUCT)
    if refine:
        # re-rank PQ candidates with the exact vectors (memory of flat, speed of IVF)
        index = faiss.IndexRefineFlat(index)
        index.k_factor = 10
    index.train(x)  # the quantizer is trained already: only PQ codebooks are learnt here
    index.add(x)
    return index


def _knobs(name: str) -> tuple[str | None, tuple[int, ...]]:
    if name == "hnsw":
        return "efSearch", HNSW_EF_SEARCH
    if name.startswith("ivf"):
        return "nprobe", IVF_NPROBE
    return None, (0,)


def _set_knob(index: faiss.Index, knob: str | None, value: int) -> None:
    if knob == "efSearch":
        index.hnsw.efSearch = value
    elif knob == "nprobe":
        faiss.extract_index_ivf(index).nprobe = value


def _evaluate(name, index, queries, truth, build_s: float, latency_queries: int) -> dict:
    knob, values = _knobs(name)
    sweep = []
    for value in values:
        if knob == "nprobe" and value > faiss.extract_index_ivf(index).nlist:
            continue
        _set_knob(index, knob, value)
        _, found = index.search(queries, K)
        recall = _recall(found, truth)
        lat = _single_query_ms(index, queries[:latency_queries])
        sweep.append(
            {"knob": knob, "value": value, "recall_at_10": round(recall, 4), "latency": summarize(lat)}
        )
    return {
        "structure": name,
        "build_s": round(build_s, 3),
        "size_mb": round(faiss.serialize_index(index).nbytes / 2**20, 2),
        "sweep": sweep,
        "chosen": _cheapest_meeting_target(sweep),
    }


def _single_query_ms(index: faiss.Index, queries: np.ndarray) -> list[float]:
    # One query at a time, as the product searches, on one OpenMP thread: the product's process runs
    # FAISS with torch's thread count (1 on 2 cores), and two OpenMP threads on a busy 2-core machine
    # made a single flat search 25x slower (threads waiting for a descheduled peer at each barrier).
    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(SEARCH_THREADS)
    try:
        return _time_each(index, queries)
    finally:
        faiss.omp_set_num_threads(threads)


def _recall(found: np.ndarray, truth: np.ndarray) -> float:
    hits = sum(len(set(f) & set(t)) for f, t in zip(found.tolist(), truth.tolist(), strict=True))
    return hits / truth.size


def _cheapest_meeting_target(sweep: list[dict]) -> dict | None:
    ok = [s for s in sweep if s["recall_at_10"] >= TARGET_RECALL]
    if not ok:
        return None
    return min(ok, key=lambda s: s["latency"]["median"])


def _best(rows: list[dict]) -> dict | None:
    """The structure with the lowest p50 among those reaching recall@10 >= 0.95."""
    ok = [(r["structure"], r["chosen"]) for r in rows if r["chosen"]]
    if not ok:
        return None
    name, setting = min(ok, key=lambda x: x[1]["latency"]["median"])
    return {"structure": name, **setting}


def _neighbourhood(exact: faiss.Index, queries: np.ndarray) -> dict:
    """How separated the neighbours are: mean similarity of the 1st and 10th exact neighbour."""
    sims, _ = exact.search(queries, K)
    return {"top1_sim": round(float(sims[:, 0].mean()), 4), "top10_sim": round(float(sims[:, -1].mean()), 4)}


def run(ctx) -> dict:
    """Synthetic sets of each configured size, then the run's real (and re-used) chunk embeddings."""
    previous = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(len(os.sched_getaffinity(0)))  # builds use every core (torch may have set 1)
    try:
        sets = _all_sets(ctx)
    finally:
        faiss.omp_set_num_threads(previous)
    rule = _product_rule()
    return {
        "thread_check": _thread_check(ctx.profile.vector_sizes[0], ctx.profile.latency_queries),
        "search_threads": SEARCH_THREADS,
        "build_threads": len(os.sched_getaffinity(0)),
        "sets": sets,
        "product_rule": rule,
        "target_recall": TARGET_RECALL,
        "recommendation": recommend(sets, rule, HNSW_M, TARGET_RECALL),
    }


def _thread_check(n: int, queries: int) -> dict:
    """Single-query exact search on 1 OpenMP thread vs all cores (why searches are timed on one)."""
    x = synthetic_vectors(n, 384, seed=n)
    index = _build_flat(x)
    q = perturbed_queries(x, queries, seed=n)
    cores = len(os.sched_getaffinity(0))
    out = {"n": n, "load_average": [round(v, 2) for v in os.getloadavg()]}
    for threads in sorted({1, cores}):
        faiss.omp_set_num_threads(threads)
        index.search(q[:1], K)
        out[f"flat_p50_ms_{threads}_threads"] = summarize(_time_each(index, q))["median"]
    faiss.omp_set_num_threads(cores)
    return out


def _time_each(index: faiss.Index, queries: np.ndarray) -> list[float]:
    out = []
    for i in range(len(queries)):
        t0 = time.perf_counter()
        index.search(queries[i : i + 1], K)
        out.append((time.perf_counter() - t0) * 1000.0)
    return out


def _all_sets(ctx) -> list[dict]:
    sets = []
    for n in ctx.profile.vector_sizes:
        x = synthetic_vectors(n, 384, seed=n)
        q = perturbed_queries(x, 200, seed=n)
        sets.append(
            bench_structures(
                x,
                q,
                label=f"synthetic {n:,}",
                latency_queries=ctx.profile.latency_queries,
                with_hnsw=n <= ctx.profile.hnsw_max,
            )
        )
        del x, q
    for label, vectors in _real_sets(ctx):
        queries = ctx.encoder.encode_queries([q["q"] for q in ctx.questions]).astype(np.float32)
        sets.append(bench_structures(vectors, queries, label=label, latency_queries=len(queries)))
    return sets


def _real_sets(ctx) -> list[tuple[str, np.ndarray]]:
    """The growth run's really embedded chunks, and the largest growth index's vectors."""
    out = []
    cache = ctx.work / "growth" / "embeddings.npy"
    if cache.exists():
        real = np.load(cache, allow_pickle=False)
        if len(real) >= 2 * K:
            out.append((f"real chunk embeddings {len(real):,}", real))
    scales = [s for s in ctx.profile.growth_scales if s > 1]
    if scales:
        from rag import index as ix

        folder = ctx.work / "growth" / "index" / f"growth{max(scales)}"
        live = ix.live_version(folder) if folder.exists() else None
        if live:
            vectors = ix.vectors_of(faiss.read_index(str(folder / live / ix.VECTORS)))
            out.append((f"growth {max(scales)}x index vectors {len(vectors):,} (real + re-used)", vectors))
    return out


def _product_rule() -> dict:
    from rag import vector_index

    return vector_index.rule()
