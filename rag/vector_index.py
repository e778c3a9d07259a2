"""The FAISS structure over a knowledge base's chunk vectors, chosen by corpus size.

Up to ``FLAT_LIMIT`` vectors: exact search (IndexFlatIP). Above it: IVF-flat, whose probe count is
calibrated at build time against exact search on a seeded sample, so recall@10 is measured on the
corpus itself instead of assumed. Figures are from benchmarks/structures.py (benchmarks/RESULTS.md,
section 5; one query at a time on one thread): exact search takes ~4.5-6 ms at 75k-100k vectors and
56 ms at 1M; HNSW M=32 efSearch=256 reached recall@10 only 0.83 at 1M synthetic vectors and 0.40 on
75,765 real near-duplicate chunk vectors, while IVF-flat reached 0.95 at ~0.1-0.3 ms with the probe
count depending on the data (2 at 1M synthetic, 32-64 on real embeddings): hence calibration.
At 1M seeded vectors the calibrated build takes ~43 s (2 shared cores), the calibration ~2 s of
it, and searches at nprobe 4 of 2,048 lists in 0.16 ms with held-out recall@10 0.999.
The calibration queries are perturbed stored vectors, and real questions sit farther from every
passage (the model's passages fill a narrow cone), so real questions need more probes than the
calibration finds: on the benchmark's 1,060,710-chunk corpus (benchmarks/scale.py) the 24 dev
questions got recall@10 0.89 at the calibrated nprobe 8 of 4,096 lists, 0.96 at 16, 0.99 at 32
and 1.0 at 64 (1.8 ms a query). The probe count served is therefore the calibrated one times
``QUESTION_MARGIN``; the benchmark measures real questions' recall at it on every full run.
Every vector is L2-normalised, so inner product is cosine similarity.
"""

from __future__ import annotations

import math
import weakref

import faiss
import numpy as np

FLAT_LIMIT = 100_000  # exact search up to this many vectors: ~6 ms a query at 100k, and exact
K = 10  # calibrated for recall@10
CALIBRATION_RECALL = 0.97  # margin over the 0.95 target: 200 sampled queries are a noisy estimate
CALIBRATION_QUERIES = 200
QUESTION_MARGIN = 8  # probes served = calibrated x 8: real questions need 4x at 1M (see above)
QUERY_NOISE = 0.5  # norm of the noise added to a sampled vector: its top-1 similarity falls to ~0.89,
# close to the dev questions' 0.88 against real chunks (RESULTS.md section 5)
TIE = 1e-5  # the growth corpus re-uses text: identical vectors are interchangeable neighbours
MIN_POINTS_PER_LIST = 39  # faiss warns below 39 training points per centroid
TRAIN_POINTS_PER_LIST = 64  # k-means sample cap: training cost grows with sample x nlist
SEED = 1234

# Calibration of each IVF index built or loaded in this process (faiss objects take no new
# attributes); index_type() reads it into the manifest.
_calibration: weakref.WeakKeyDictionary[faiss.Index, dict] = weakref.WeakKeyDictionary()
_CALIBRATION_KEYS = (
    "calibrated_nprobe",
    "calibrated_recall_at_10",
    "calibration_queries",
    "calibration_target",
    "question_margin",
)


def build_vectors(
    matrix: np.ndarray, dim: int, *, flat_limit: int | None = None, nlist: int | None = None
) -> faiss.Index:
    """A FAISS index over L2-normalised rows: exact up to ``flat_limit`` (default ``FLAT_LIMIT``)
    vectors, IVF-flat with a calibrated probe count above; ``nlist`` overrides the list count."""
    matrix = np.ascontiguousarray(matrix, dtype=np.float32).reshape(-1, dim)
    limit = FLAT_LIMIT if flat_limit is None else flat_limit
    if len(matrix) <= limit:
        index = faiss.IndexFlatIP(dim)
        index.add(matrix)
        return index
    index = _train_ivf(matrix, nlist or ivf_nlist(len(matrix)))
    index.add(matrix)
    index.make_direct_map()  # reconstruct() by id, so vectors_of() never needs re-embedding
    calibrate(index, matrix)
    return index


def ivf_nlist(n: int) -> int:
    """Inverted lists for ``n`` vectors: the largest power of two <= 4*sqrt(n), with at least
    ``MIN_POINTS_PER_LIST`` vectors a list to train on."""
    # At 1M seeded clustered vectors 2,048 lists (vs 4,096) cut training from 80 s to 9 s and
    # adding from 28 s to 9 s, at the same held-out recall@10 and p50 0.16 vs 0.19 ms.
    wanted = 2 ** int(math.log2(4 * math.sqrt(max(n, 1))))
    trainable = 2 ** int(math.log2(max(n // MIN_POINTS_PER_LIST, 1)))
    return int(max(1, min(wanted, trainable)))


def rule() -> dict:
    """How build_vectors chooses the structure (for the benchmark report)."""
    return {
        "flat_limit": FLAT_LIMIT,
        "above": "IndexIVFFlat",
        "nlist": f"largest power of two <= 4*sqrt(n), >= {MIN_POINTS_PER_LIST} vectors a list",
        "nprobe": f"{QUESTION_MARGIN} x the smallest of 1, 2, 4 ... nlist reaching recall@{K} >= "
        f"{CALIBRATION_RECALL} on {CALIBRATION_QUERIES} perturbed stored vectors (at most nlist)",
    }


def vectors_of(index: faiss.Index) -> np.ndarray:
    """All stored vectors in id order (both structures keep the raw vectors: none is re-embedded)."""
    if index.ntotal == 0:
        return np.zeros((0, index.d), np.float32)
    return index.reconstruct_n(0, index.ntotal)


def index_type(index: faiss.Index) -> dict:
    """How the vectors are searched, for the manifest."""
    ivf = _ivf(index)
    if ivf is None:
        return {"type": "IndexFlatIP", "metric": "inner_product"}
    return {
        "type": "IndexIVFFlat",
        "metric": "inner_product",
        "nlist": int(ivf.nlist),
        "nprobe": int(ivf.nprobe),
        **_calibration.get(index, {}),
    }


def prepare(index: faiss.Index, recorded: dict | None) -> faiss.Index:
    """A read index made ready to serve: ``recorded`` is its manifest entry ("faiss_index").

    faiss.write_index keeps IVF's nprobe and direct map (checked with faiss 1.15.1); both are
    restored here anyway, so an index written by another faiss build still searches as calibrated."""
    ivf = _ivf(index)
    if ivf is None:
        return index
    recorded = recorded or {}
    if recorded.get("nprobe"):
        ivf.nprobe = int(recorded["nprobe"])
    if ivf.direct_map.type == faiss.DirectMap.NoMap:
        ivf.make_direct_map()
    _calibration[index] = {k: recorded[k] for k in _CALIBRATION_KEYS if k in recorded}
    return index


def _ivf(index: faiss.Index) -> faiss.IndexIVF | None:
    try:
        return faiss.extract_index_ivf(index)
    except RuntimeError:  # not an IVF index
        return None


def _train_ivf(matrix: np.ndarray, nlist: int) -> faiss.IndexIVFFlat:
    dim = matrix.shape[1]
    index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, nlist, faiss.METRIC_INNER_PRODUCT)
    index.cp.seed = SEED
    index.cp.spherical = True  # unit-norm centroids suit inner-product assignment
    rng = np.random.default_rng(SEED)
    size = min(len(matrix), TRAIN_POINTS_PER_LIST * nlist)
    sample = matrix[np.sort(rng.choice(len(matrix), size, replace=False))] if size < len(matrix) else matrix
    index.train(sample)
    return index


def calibrate(index: faiss.IndexIVF, matrix: np.ndarray) -> dict:
    """Set ``index.nprobe`` to ``QUESTION_MARGIN`` times the smallest of 1, 2, 4, ... nlist whose
    recall@10 against exact search over ``matrix`` (its vectors), on seeded perturbed stored
    vectors, reaches ``CALIBRATION_RECALL``; returns the calibration as recorded in the manifest."""
    queries = _sample_queries(matrix)
    floor = _kth_similarity(queries, matrix)[:, None] - TIE  # as similar as the 10th: found
    recall = 0.0
    for nprobe in _ladder(index.nlist):
        index.nprobe = nprobe
        sims, ids = index.search(queries, K)
        recall = float(((sims >= floor) & (ids >= 0)).sum() / sims.size)
        if recall >= CALIBRATION_RECALL:
            break
    calibrated = index.nprobe
    index.nprobe = min(index.nlist, calibrated * QUESTION_MARGIN)
    _calibration[index] = {
        "calibrated_nprobe": calibrated,
        "calibrated_recall_at_10": round(recall, 4),
        "calibration_queries": len(queries),
        "calibration_target": CALIBRATION_RECALL,
        "question_margin": QUESTION_MARGIN,
    }
    return _calibration[index]


def _kth_similarity(queries: np.ndarray, matrix: np.ndarray, block: int = 100_000) -> np.ndarray:
    """Exact similarity of each query's K-th neighbour, by blocks of BLAS products (at 1M vectors
    ~1 s for 200 queries, where faiss.knn took ~6 s)."""
    best = np.full((len(queries), 0), -np.inf, np.float32)
    for lo in range(0, len(matrix), block):
        sims = queries @ matrix[lo : lo + block].T
        top = np.partition(sims, -K, axis=1)[:, -K:] if sims.shape[1] > K else sims
        both = np.concatenate([best, top], axis=1)
        best = np.partition(both, -K, axis=1)[:, -K:] if both.shape[1] > K else both
    return best.min(axis=1)


def _ladder(nlist: int) -> list[int]:
    steps = [2**i for i in range(int(math.log2(nlist)) + 1)]
    return steps if steps[-1] == nlist else [*steps, nlist]  # the last step is exhaustive: exact


def _sample_queries(matrix: np.ndarray) -> np.ndarray:
    rng = np.random.default_rng(SEED + 1)
    n, dim = matrix.shape
    picks = matrix[rng.choice(n, min(CALIBRATION_QUERIES, n), replace=False)]
    noisy = picks + rng.standard_normal(picks.shape, dtype=np.float32) * (QUERY_NOISE / math.sqrt(dim))
    return (noisy / np.linalg.norm(noisy, axis=1, keepdims=True)).astype(np.float32)
