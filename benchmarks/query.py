"""Section 2: the warm query path on the bundled page - search and ask, and where the time goes.

``KnowledgeBase.search`` / ``.ask`` are timed end to end over the question list; then the asks are
repeated with timers wrapped around each stage function (query embedding, dense FAISS search,
keyword BM25, fusion, answer composition), so the breakdown follows the code as it is.
"""

from __future__ import annotations

import functools
import inspect
import time

from benchmarks.context import Context
from benchmarks.stats import summarize

TARGETS_MS = {"search_p50": 25.0, "ask_p50": 60.0}


def run(ctx: Context) -> dict:
    """p50/p95 of search and ask, and the per-stage breakdown."""
    kb = ctx.kb
    k = ctx.settings.top_k
    questions = [q["q"] for q in ctx.questions]
    for q in questions[:2]:  # warm-up: jieba, opencc and torch initialise on first use
        kb.ask(q, k)
    search_ms, ask_ms = [], []
    for _ in range(ctx.profile.query_rounds):
        for q in questions:
            search_ms.append(_ms(lambda q=q: kb.search(q, k)))
            ask_ms.append(_ms(lambda q=q: kb.ask(q, k)))
    search, ask = summarize(search_ms), summarize(ask_ms)
    return {
        "questions": len(questions),
        "rounds": ctx.profile.query_rounds,
        "chunks": len(kb.chunks()),
        "index": kb.manifest.get("faiss_index"),
        "search_ms": search,
        "ask_ms": ask,
        "targets_ms": TARGETS_MS,
        "meets_targets": {
            "search_p50": search["median"] <= TARGETS_MS["search_p50"],
            "ask_p50": ask["median"] <= TARGETS_MS["ask_p50"],
        },
        "stages_ms": stage_times(kb, questions, k, ctx.profile.query_rounds),
    }


def _ms(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000.0


def stage_times(kb, questions: list[str], k: int, rounds: int) -> dict:
    """Per-ask time of each stage, by wrapping (only while timing) the functions that
    ``rag.retrieve.search`` calls, the encoder's ``encode_queries`` and ``rag.answer.answer_question``."""
    from rag import answer, retrieve

    called = [n for n in retrieve.search.__code__.co_names if inspect.isfunction(getattr(retrieve, n, None))]
    per_call: list[dict[str, float]] = []
    current: dict[str, float] = {}
    wrapped = [(retrieve, n) for n in called] + [(retrieve, "search"), (answer, "answer_question")]
    originals = [(mod, n, getattr(mod, n)) for mod, n in wrapped]
    encoder = kb.encoder
    try:
        for mod, n, fn in originals:
            setattr(mod, n, _timed(fn, n, current))
        kb.encoder = _TimedEncoder(encoder, current)
        for _ in range(rounds):
            for q in questions:
                current.clear()
                t0 = time.perf_counter()
                kb.ask(q, k)
                current["ask (total)"] = (time.perf_counter() - t0) * 1000.0
                per_call.append(dict(current))
    finally:
        kb.encoder = encoder
        for mod, n, fn in originals:
            setattr(mod, n, fn)
    names = ["encode_queries", *called, "search", "answer_question", "ask (total)"]
    return {_LABELS.get(n, n): summarize([c.get(n, 0.0) for c in per_call]) for n in names}


_LABELS = {
    "encode_queries": "embed the question (encoder.encode_queries)",
    "_dense": "dense search (retrieve._dense: FAISS + rescale)",
    "_keyword": "keyword search (retrieve._keyword: tokenize + BM25)",
    "_fuse": "fusion (retrieve._fuse)",
    "_unit_prior": "fusion: article prior (retrieve._unit_prior)",
    "_collapse": "fusion: collapse overlaps (retrieve._collapse)",
    "to_simplified": "normalise the question (keyword.to_simplified)",
    "search": "search (total, retrieve.search)",
    "answer_question": "answer composition (answer.answer_question)",
}


def _timed(fn, name: str, sink: dict[str, float]):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            sink[name] = sink.get(name, 0.0) + (time.perf_counter() - t0) * 1000.0

    return wrapper


class _TimedEncoder:
    """Forwards everything to the encoder; times query embedding."""

    def __init__(self, inner, sink: dict[str, float]) -> None:
        self._inner, self._sink = inner, sink
        self.encode_queries = _timed(inner.encode_queries, "encode_queries", sink)

    def __getattr__(self, name: str):
        return getattr(self._inner, name)
