"""Section 2: the warm query path on the bundled page - search and ask, and where the time goes.

Asks are timed twice: first with no candidate quote embedded yet (a fresh quote cache for each
ask, as in a one-shot CLI process), then after ``KnowledgeBase.warm_answers`` embedded the page's
quotes, which is what the app does in the background after start (rag/service.py).
``KnowledgeBase.search`` / ``.ask`` are timed end to end over the question list; then the asks are
repeated with timers wrapped around each stage function (query embedding, dense FAISS search,
keyword BM25, fusion, answer composition), so the breakdown follows the code as it is.
"""

from __future__ import annotations

import functools
import inspect
import threading
import time

from benchmarks.context import Context
from benchmarks.stats import summarize, time_call
from rag.span_vectors import SpanVectors

TARGETS_MS = {"search_p50": 25.0, "ask_p50": 60.0}


def run(ctx: Context) -> dict:
    """p50/p95 of search and ask, and the per-stage breakdown."""
    kb = ctx.kb
    k = ctx.settings.top_k
    questions = [q["q"] for q in ctx.questions]
    for q in questions[:1]:  # warm-up: jieba, opencc and torch initialise on first use
        kb.ask(q, k)
    cold_ms = []  # every ask embeds its candidate quotes (a fresh quote cache each time)
    for q in questions:
        kb._quotes = SpanVectors(kb.encoder)
        cold_ms.append(time_call(lambda q=q: kb.ask(q, k)))
    kb._quotes = SpanVectors(kb.encoder)
    t0 = time.perf_counter()
    warmed = kb.warm_answers()  # what the app does in the background after start
    warm_s = time.perf_counter() - t0
    search_ms, ask_ms = [], []
    for _ in range(ctx.profile.query_rounds):
        for q in questions:
            search_ms.append(time_call(lambda q=q: kb.search(q, k)))
            ask_ms.append(time_call(lambda q=q: kb.ask(q, k)))
    search, ask = summarize(search_ms), summarize(ask_ms)
    return {
        "questions": len(questions),
        "rounds": ctx.profile.query_rounds,
        "chunks": len(kb.chunks()),
        "index": kb.manifest.get("faiss_index"),
        "search_ms": search,
        "ask_ms": ask,
        "ask_cold_quotes_ms": summarize(cold_ms),
        "quotes_warmed": warmed,
        "quotes_warm_s": round(warm_s, 1),
        "targets_ms": TARGETS_MS,
        "meets_targets": {
            "search_p50": search["median"] <= TARGETS_MS["search_p50"],
            "ask_p50": ask["median"] <= TARGETS_MS["ask_p50"],
        },
        "stages_ms": stage_times(kb, questions, k, 1),
        "engines": engine_comparison(ctx, kb, k),
    }


def engine_comparison(ctx: Context, kb, k: int) -> dict:
    """The same index searched with the product's encoder (ONNX Runtime for the bundled model) and
    with the torch path (sentence-transformers), question by question in turn: warm search latency
    of each and their ratio, and retrieval and answer metrics of each on the page's whole dev set
    (the vectors agree to a cosine of 0.99999, so the metrics must be the same)."""
    from benchmarks.config import load_questions
    from rag.evaluate import answer_metrics, evaluate
    from rag.kb import KnowledgeBase

    s = ctx.settings
    torch_kb = KnowledgeBase.open(kb.name, index_dir=ctx.index_dir, encoder=ctx.st_encoder,
                                  chunk_size=s.chunk_size, chunk_overlap=s.chunk_overlap)  # fmt: skip
    questions = [q["q"] for q in ctx.questions]
    for q in questions[:1]:
        torch_kb.search(q, k)
    product_ms, torch_ms = [], []
    for _ in range(ctx.profile.query_rounds):
        for q in questions:
            product_ms.append(time_call(lambda q=q: kb.search(q, k)))
            torch_ms.append(time_call(lambda q=q: torch_kb.search(q, k)))
    dev = ctx.questions if ctx.profile.name == "tiny" else load_questions(0)  # tiny: the test suite's
    metrics = {}
    for name, base in (("product", kb), ("sentence_transformers", torch_kb)):
        retrieval = evaluate(base.search, dev, k)["rows"]["overall"]
        answers = answer_metrics(dev, [base.ask(q["q"], k) for q in dev])
        metrics[name] = {
            "recall_at_1": round(retrieval["recall@1"], 3),
            "mrr": round(retrieval["mrr"], 3),
            "evidence_at_1": round(retrieval["evidence@1"], 3),
            "answer_accuracy": round(answers["accuracy"], 3),
            "false_refusals": answers["false_refusals"],
        }
    product, torch = summarize(product_ms), summarize(torch_ms)
    return {
        "encoders": {name: type(base.encoder).__name__
                     for name, base in (("product", kb), ("sentence_transformers", torch_kb))},
        "search_ms": {"product": product, "sentence_transformers": torch},
        "search_ratio": round(product["median"] / torch["median"], 3) if torch["median"] else None,
        "dev_questions": len(dev),
        "metrics": metrics,
    }


def stage_times(kb, questions: list[str], k: int, rounds: int) -> dict:
    """Per-ask time of each stage, by wrapping (only while timing) the functions that
    ``rag.retrieve.search`` calls, the encoder and ``rag.answer.answer_question``. A stage called
    inside answer composition is reported as such (``answer_question/encode_documents``)."""
    from rag import answer, keyword, retrieve

    called = [n for n in retrieve.search.__code__.co_names if inspect.isfunction(getattr(retrieve, n, None))]
    timer = _Timer()
    wrapped = [(retrieve, n) for n in called] + [(retrieve, "search"), (answer, "answer_question")]
    wrapped += [(keyword.KeywordIndex, "scores")]  # BM25 scoring is a method call inside search
    originals = [(mod, n, getattr(mod, n)) for mod, n in wrapped]
    encoder = kb.encoder
    per_call: list[dict[str, float]] = []
    try:
        for mod, n, fn in originals:
            setattr(mod, n, timer.wrap(fn, n))
        kb.encoder = _TimedEncoder(encoder, timer)
        for _ in range(rounds):
            for q in questions:
                timer.sink = {}
                t0 = time.perf_counter()
                kb.ask(q, k)
                timer.sink["ask (total)"] = (time.perf_counter() - t0) * 1000.0
                timer.sink["inline"] = _inline(timer.sink, timer.in_search)
                per_call.append(timer.sink)
    finally:
        kb.encoder = encoder
        for mod, n, fn in originals:
            setattr(mod, n, fn)
    names = [n for n in dict.fromkeys(n for call in per_call for n in call) if n != "inline"]
    if "search" in names:  # the inline remainder reads best just above the search total
        names.insert(names.index("search"), "inline")
    return {_label(n): summarize([c.get(n, 0.0) for c in per_call]) for n in names}


def _inline(sink: dict[str, float], in_search: set[str]) -> float:
    """Search time outside every timed function: code written inline in retrieve.search."""
    direct = sum(ms for key, ms in sink.items() if key in in_search)
    return max(0.0, sink.get("search", 0.0) - direct)


_LABELS = {
    "encode_queries": "embed the question (encoder.encode_queries; once per ask)",
    "encode_documents": "embed passages (encoder.encode_documents)",
    "_dense": "dense search (retrieve._dense: FAISS + rescale)",
    "scores": "keyword search (KeywordIndex.scores: BM25)",
    "_query_terms": "keyword query terms (retrieve._query_terms: tokenize, translate)",
    "_weighted": "keyword weight (retrieve._weighted: BM25 scaled in place)",
    "inline": "inline in retrieve.search (e.g. article prior, ranking)",
    "_asks_who": "who-question test (retrieve._asks_who)",
    "embed_soon": "start embedding the question on the worker (retrieve.embed_soon)",
    "_question_vector": "wait for the question's vector (retrieve._question_vector: the encoder's rest)",
    "plan_prior": "article prior, before the question's vector (prior.plan_prior; beside the encoder)",
    "add_prior": "fusion: article prior (prior.add_prior)",
    "_collapse": "fusion: collapse overlaps (retrieve._collapse)",
    "to_simplified": "normalise the question (keyword.to_simplified)",
    "search": "search (total, retrieve.search)",
    "answer_question": "answer composition (answer.answer_question)",
}


def _label(key: str) -> str:
    parent, _, leaf = key.rpartition("/")
    text = _LABELS.get(leaf, leaf)
    return f"{text}, inside {_LABELS.get(parent, parent).split(' (')[0]}" if parent else text


_SINK_LOCK = threading.Lock()


class _Timer:
    """Accumulates milliseconds per stage for one ask; stages nested in another are keyed parent/name."""

    def __init__(self) -> None:
        self.sink: dict[str, float] = {}
        self._local = threading.local()  # a stack per thread: search embeds on a worker meanwhile
        self.in_search: set[str] = set()  # stages called directly by retrieve.search

    @property
    def stack(self) -> list[str]:
        """The calling thread's stages, outermost first."""
        if not hasattr(self._local, "stack"):
            self._local.stack = []
        return self._local.stack

    def wrap(self, fn, name: str):
        """``fn`` timed under ``name``."""

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            parent = self.stack[-1] if self.stack else ""
            key = f"{parent}/{name}" if parent and parent != "search" else name
            if parent == "search":
                self.in_search.add(key)
            self.stack.append(name)
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.stack.pop()
                with _SINK_LOCK:
                    self.sink[key] = self.sink.get(key, 0.0) + (time.perf_counter() - t0) * 1000.0

        return wrapper


class _TimedEncoder:
    """Forwards everything to the encoder; times query and passage embedding."""

    def __init__(self, inner, timer: _Timer) -> None:
        self._inner = inner
        self.encode_queries = timer.wrap(inner.encode_queries, "encode_queries")
        self.encode_documents = timer.wrap(inner.encode_documents, "encode_documents")

    def __getattr__(self, name: str):
        return getattr(self._inner, name)
