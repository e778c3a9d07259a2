"""The article prior: how well a chunk's whole unit (its title, subtitle, author and role) matches
the question, added to the chunk's fused score (rag/retrieve.py).

Each unit has one metadata vector; its cosine to the question, min-max scaled over the units scored,
times ``UNIT_WEIGHT``, is the prior, and for who-questions its metadata keywords' BM25 score too.
In a large corpus only the best ``PRIOR_POOL`` chunks by dense + keyword score get one: a prior only
adds, so the top of the ranking is theirs. The work is split around the question's vector:
``plan_prior`` runs before it exists (while the encoder computes it), ``add_prior`` after.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from rag.topk import top_among, top_rows

if TYPE_CHECKING:
    from rag.retrieve import UnitIndex

UNIT_WEIGHT = 0.3  # the unit's metadata vector
HEADER_WEIGHT = 0.7  # who-questions: the unit's metadata keywords, relative to the keyword weight
PRIOR_POOL = 5_000  # chunks given an article prior in a large corpus


@dataclass(frozen=True)
class Plan:
    """What the article prior needs that the question's vector does not (``plan_prior``)."""

    candidates: np.ndarray | None = None  # ascending: with the dense ids, where the pool is cut; None: all
    held: np.ndarray | None = None  # ascending units of ``candidates`` whose vectors were read ahead
    vectors: np.ndarray | None = None  # those units' metadata vectors, in ``held``'s order
    header: np.ndarray | None = None  # who-questions: each unit's weighted metadata keyword score


def plan_prior(
    keyword_part: np.ndarray, units: UnitIndex, who: tuple[dict[str, float], float] | None
) -> Plan:
    """The article prior's share of the work that does not need the question's vector: search runs
    it while a worker thread embeds the question (rag.retrieve.embed_soon).

    Above ``PRIOR_POOL`` chunks only the best ``PRIOR_POOL`` by dense + keyword score get a prior
    (``add_prior``). Dense scores are not known yet, but they reach only the dense search's few
    candidates and are never negative: a chunk outside both the best ``PRIOR_POOL`` by keyword
    score alone and those candidates has at least ``PRIOR_POOL`` chunks scoring above it either
    way. So the pool is cut from those two sets. Selecting the keyword part's best and reading
    their units' vectors (rows scattered over the whole table) happen here, beside the encoder;
    what waits for the vector reads ~``PRIOR_POOL`` scores and multiplies as many rows. When ties at
    the cut make the pool much larger (a question whose words few chunks hold: every chunk ties
    at 0), nothing is read ahead. ``who`` is ``(terms, weight)`` for "who wrote / what is the role
    of" questions: the metadata's keywords (all units, scored once) are then part of the prior."""
    header = None
    if who is not None:  # the metadata is the answer
        terms, weight = who
        header = HEADER_WEIGHT * weight * _normalised(units.headers.scores(terms))
    if len(keyword_part) <= PRIOR_POOL:
        return Plan(header=header)
    candidates = top_rows(keyword_part, PRIOR_POOL)
    if len(candidates) > 2 * PRIOR_POOL:
        return Plan(candidates, header=header)
    held = _units_of(units.chunk_units[candidates], len(units.doc_ids))
    return Plan(candidates, held, units.vectors[held], header)


def add_prior(
    fused: np.ndarray, qv: np.ndarray, units: UnitIndex, plan: Plan, dense_ids: np.ndarray
) -> np.ndarray | None:
    """Add each chunk's article prior to ``fused`` (dense + keyword) in place: how well its unit's
    metadata vector matches (min-max scaled over the units scored), plus ``plan.header`` for
    who-questions. Returns the chunks given a prior when that is not all of them (ascending): they
    scored at least every other chunk before and a prior is never negative, so ``_collapse`` can
    cut its pool from them.

    Above ``PRIOR_POOL`` chunks only the best ``PRIOR_POOL`` by dense + keyword score get a prior
    (their units scored and scaled among themselves), found among ``plan.candidates`` and the
    dense search's ``dense_ids`` (``plan_prior``): every other chunk already scores below them,
    and a prior only adds, so the top of the ranking is theirs (more than ``PRIOR_POOL`` when
    chunks tie at the cut). At a million chunks this replaces a product with ~126k unit vectors by
    one with ~5,000 (a pool of 20,000 cost more in gathering rows than it saved; benchmarks/RESULTS.md
    section 4b times this stage)."""
    members: np.ndarray | slice = slice(None)
    scored = np.arange(len(units.doc_ids))
    if plan.candidates is not None:
        members = top_among(fused, _union_sorted(plan.candidates, dense_ids), PRIOR_POOL)
        scored = _units_of(units.chunk_units[members], len(units.doc_ids))
    prior = np.zeros(len(units.doc_ids) + 1, np.float32)  # the last row: chunks with no unit
    prior[scored] = UNIT_WEIGHT * _minmax(_unit_similarity(units, scored, qv, plan))
    if plan.header is not None:
        prior[scored] += plan.header[scored]
    fused[members] += prior[units.chunk_units[members]]
    return None if isinstance(members, slice) else members


def _union_sorted(ascending: np.ndarray, more: np.ndarray) -> np.ndarray:
    """``np.union1d(ascending, more)`` (``ascending`` non-empty) for a few dozen ``more``: inserted,
    not re-sorted (np.union1d sorts all ~5,000 again)."""
    more = np.unique(more)
    at = np.searchsorted(ascending, more)
    new = (at == len(ascending)) | (ascending[np.minimum(at, len(ascending) - 1)] != more)
    return np.insert(ascending, at[new], more[new])


def _unit_similarity(units: UnitIndex, scored: np.ndarray, qv: np.ndarray, plan: Plan) -> np.ndarray:
    """Cosine of each ``scored`` unit's metadata vector to the question: from the rows read ahead
    (``plan.vectors``) where it has them, from the store for the few units only the dense search
    brought. ``einsum`` rather than a BLAS product: BLAS rounds a row's dot product differently
    depending on the rows beside it, einsum the same wherever the row sits, so the similarities do
    not depend on which units were read ahead."""
    if plan.held is None or not len(plan.held):
        return _dots(units.vectors[scored], qv)
    at = np.minimum(np.searchsorted(plan.held, scored), len(plan.held) - 1)
    ahead = plan.held[at] == scored
    sims = np.empty(len(scored), np.float32)
    sims[ahead] = _dots(plan.vectors, qv)[at[ahead]]
    sims[~ahead] = _dots(units.vectors[scored[~ahead]], qv)
    return sims


def _dots(rows: np.ndarray, qv: np.ndarray) -> np.ndarray:
    return np.einsum("ij,j->i", rows, qv)


def _units_of(rows: np.ndarray, n_units: int) -> np.ndarray:
    """The distinct units in ``rows`` (-1: none), ascending: ``np.unique`` of the valid rows by a
    mask over the units instead of a sort."""
    seen = np.zeros(n_units + 1, bool)  # the last slot takes the -1s
    seen[rows] = True
    return np.flatnonzero(seen[:n_units])


def _minmax(x: np.ndarray) -> np.ndarray:
    lo, hi = (float(x.min()), float(x.max())) if len(x) else (0.0, 0.0)
    return (x - lo) / (hi - lo) if hi > lo else np.zeros_like(x)


def _normalised(scores: np.ndarray) -> np.ndarray:
    best = float(scores.max()) if len(scores) else 0.0
    return scores / best if best > 0 else scores
