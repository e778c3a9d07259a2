"""Seeded synthetic unit vectors for the index-structure benchmarks.

A mixture of overlapping Gaussian clusters on the unit sphere, so that neighbourhoods exist as they
do for real embeddings; queries are perturbed database vectors, so recall@k is meaningful.
"""

from __future__ import annotations

import math

import numpy as np


def synthetic_vectors(n: int, dim: int, seed: int) -> np.ndarray:
    """``n`` seeded unit vectors drawn from ``n/1000`` overlapping Gaussian clusters."""
    rng = np.random.default_rng(seed)
    n_centers = max(8, n // 1000)
    centers = _unit(rng.standard_normal((n_centers, dim), dtype=np.float32))
    out = np.empty((n, dim), dtype=np.float32)
    step = 100_000  # generate in blocks: 1M x 384 float64 temporaries would need 3 GB
    for lo in range(0, n, step):
        hi = min(n, lo + step)
        noise = rng.standard_normal((hi - lo, dim), dtype=np.float32) * (1.5 / math.sqrt(dim))
        out[lo:hi] = _unit(centers[rng.integers(0, n_centers, hi - lo)] + noise)
    return out


def perturbed_queries(base: np.ndarray, n: int, seed: int, noise: float = 0.5) -> np.ndarray:
    """``n`` seeded queries: database vectors plus noise, re-normalised."""
    rng = np.random.default_rng(seed + 1)
    picks = base[rng.integers(0, len(base), n)]
    jitter = rng.standard_normal(picks.shape, dtype=np.float32) * (noise / math.sqrt(base.shape[1]))
    return _unit(picks + jitter)


def _unit(a: np.ndarray) -> np.ndarray:
    return (a / np.linalg.norm(a, axis=1, keepdims=True)).astype(np.float32)
