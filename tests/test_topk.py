"""Exact top-k selection (rag/topk.py) against a full partition and a full stable sort."""

from __future__ import annotations

import numpy as np
import pytest

from rag import topk


def _plain_top_rows(scores: np.ndarray, count: int) -> np.ndarray:
    if count >= len(scores):
        return np.arange(len(scores))
    cut = np.partition(scores, len(scores) - count)[len(scores) - count]
    return np.flatnonzero(scores >= cut)


def _score_sets(rng: np.random.Generator, n: int) -> list[np.ndarray]:
    step = max(1, n // topk.SAMPLE)
    on_stride = np.zeros(n, np.float32)  # high scores only where the sample looks: too few pass its guess
    on_stride[::step] = rng.random(len(on_stride[::step]))
    off_stride = np.zeros(n, np.float32)  # high scores only where it does not: everything passes
    off_stride[1::step] = rng.random(len(off_stride[1::step]))
    return [
        rng.random(n).astype(np.float32),
        np.round(rng.random(n), 2).astype(np.float32),  # ties everywhere, also at the cut
        np.zeros(n, np.float32),  # all tied
        on_stride,
        off_stride,
        np.sort(rng.random(n)).astype(np.float32),  # ascending: the sample is skewed by position
        _few_above(rng, n, 0.0),  # a question whose words few chunks hold: the rest tie at 0
        _few_above(rng, n, -1.0),  # the same, below a smallest score that is not 0
    ]


def _few_above(rng: np.random.Generator, n: int, low: float) -> np.ndarray:
    scores = np.full(n, low, np.float32)
    scores[rng.choice(n, min(n, 30), replace=False)] = low + 1 + rng.random(min(n, 30))
    return scores


@pytest.mark.parametrize("n", [1, 7, 84, 5_000, 60_001])
def test_top_rows_equal_a_full_partition(n):
    rng = np.random.default_rng(n)
    for scores in _score_sets(rng, n):
        for count in {1, 5, 64, n - 1, n, n + 3, 5_000} - {0}:
            np.testing.assert_array_equal(topk.top_rows(scores, count), _plain_top_rows(scores, count))


@pytest.mark.parametrize("n", [7, 84, 60_001])
def test_top_among_every_row_equals_top_rows(n):
    rng = np.random.default_rng(n)
    for scores in _score_sets(rng, n):
        for count in {1, 5, 64, n}:
            got = topk.top_among(scores, np.arange(n), count)
            np.testing.assert_array_equal(got, _plain_top_rows(scores, count))
            some = np.arange(0, n, 2)
            np.testing.assert_array_equal(
                topk.top_among(scores, some, min(count, len(some))),
                some[np.isin(some, _plain_top_rows(scores[some], min(count, len(some))) * 2)],
            )


@pytest.mark.parametrize("n", [7, 84, 60_001])
def test_best_first_equals_a_stable_full_sort_with_or_without_a_leading_set(n):
    rng = np.random.default_rng(n)
    for scores in _score_sets(rng, n):
        order = np.argsort(-scores, kind="stable")
        for pool in {1, 5, 64, n}:
            got = topk.best_first(scores, pool)
            cut = scores[order[min(pool, n) - 1]]
            np.testing.assert_array_equal(got, order[scores[order] >= cut])
            lead = np.flatnonzero(scores > np.float32(0.5))  # outscore all the others
            lifted = scores.copy()
            lifted[lead] += 1
            lifted_order = np.argsort(-lifted, kind="stable")
            np.testing.assert_array_equal(
                topk.best_first(lifted, pool, lead), topk.best_first(lifted, pool), err_msg=f"{pool}"
            )
            assert set(topk.best_first(lifted, pool).tolist()) >= set(lifted_order[: min(pool, n)].tolist())
