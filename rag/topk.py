"""Exact top-k selection over a million scores without sorting or partitioning all of them.

Retrieval keeps only the best few thousand of ~1M fused scores (rag/retrieve.py). ``np.partition``
over all of them costs ~2.4 ms a call at 1.06M chunks, and the article prior and the collapse each
made one. Here the cut is found among the scores above a threshold guessed from a strided sample,
which holds every score at or above the true cut whenever enough scores pass it; when too few do,
the plain partition runs. The result never depends on the guess, only the time does.
"""

from __future__ import annotations

import numpy as np

SAMPLE = 16_384  # scores read to guess the threshold (a strided slice: ~0.03 ms at 1M)
ALL = np.arange(0)  # _above_guess: every index is at or above the cut (compared by identity)
SLACK = 2.0  # the guess aims at this many times the wanted count, so a poor sample rarely falls short


def top_rows(scores: np.ndarray, count: int) -> np.ndarray:
    """Ascending indices of the scores at or above the ``count``-th largest (all tied at the cut
    included): ``np.flatnonzero(scores >= cut)`` for ``cut`` from a full ``np.partition``."""
    n = len(scores)
    if count >= n:
        return np.arange(n)
    above = _above_guess(scores, count)
    if above is ALL:  # every score ties at or above the cut
        return np.arange(n)
    if above is None:  # the sample promised too much: the plain way
        return np.flatnonzero(scores >= _kth_largest(scores, count))
    return above[_at_least_kth(scores[above], count)]


def best_first(scores: np.ndarray, pool: int, among: np.ndarray | None = None) -> np.ndarray:
    """Indices of the ``pool`` best scores (more on ties at the cut), best first, ties by index.
    ``among`` (ascending) may name chunks that outscore every other: a pool no larger than it is
    cut from it alone (the same indices, read from thousands of scores instead of a million)."""
    if among is not None and pool <= len(among):
        candidates = top_among(scores, among, pool)
    elif pool < len(scores):
        candidates = top_rows(scores, pool)
    else:
        candidates = np.arange(len(scores))
    return candidates[np.argsort(-scores[candidates], kind="stable")]


def top_among(scores: np.ndarray, among: np.ndarray, count: int) -> np.ndarray:
    """``top_rows`` restricted to ``among`` (ascending indices, at least ``count`` of them): those of
    its scores at or above the ``count``-th largest among them, in ``among``'s order."""
    if len(among) == len(scores):  # all of them (ascending and distinct): no gather
        return top_rows(scores, count)
    return among[_at_least_kth(scores[among], count)]


def _at_least_kth(scores: np.ndarray, count: int) -> np.ndarray:
    """Mask of the scores at or above the ``count``-th largest (``count`` <= len(scores))."""
    return scores >= _kth_largest(scores, count)


def _kth_largest(scores: np.ndarray, count: int) -> float:
    """The ``count``-th largest score (``count`` <= len(scores)). ``np.partition`` slows down some
    twentyfold on an array that is nearly all one value: a question whose words few chunks hold has
    a million keyword scores tied at 0 (36 ms against 1.6 ms at 1.06M). When fewer than ``count``
    scores lie above the smallest, the smallest is the answer; two passes find that out (~1 ms at a
    million, microseconds for the few thousand scores the usual calls get)."""
    low = scores.min()
    if np.count_nonzero(scores > low) < count:
        return low
    return np.partition(scores, len(scores) - count)[len(scores) - count]


def _above_guess(scores: np.ndarray, count: int) -> np.ndarray | None:
    """Indices of the scores at or above a threshold guessed to let ~``SLACK * count`` through;
    None when fewer than ``count`` pass (the true cut may then lie below the guess), ``ALL`` when
    the cut is the smallest score, so every index passes."""
    n = len(scores)
    step = max(1, n // SAMPLE)
    sample = scores[::step]
    want = min(len(sample), int(np.ceil(SLACK * count * len(sample) / n)) + 1)
    guess = np.partition(sample, len(sample) - want)[len(sample) - want]
    if guess == sample.min() and _kth_largest(scores, count) == scores.min():
        return ALL  # the cut is the smallest score (most tie there): skip gathering a million rows
    above = np.flatnonzero(scores >= guess)
    return above if len(above) >= count else None
