"""Section 4b: search and ask at a million chunks, measured on a tiled corpus.

The largest knowledge base this run built (the growth section's 1000x, else the bundled page) is
copied until it holds at least ``profile.scale_chunks`` chunks. Every copy gets new doc, chunk and
source ids, and its vectors seeded noise (norm ``JITTER``, re-normalised, cosine ~0.995), so the
index holds distinct vectors around the real ones; keyword rows are copied as they are, so every
term's document frequency grows with the corpus. The product then builds its own vector
structure for that many vectors (``rag.index.build_vectors``: its flat/IVF rule, nprobe calibrated
at build), and ``KnowledgeBase.search`` / ``.ask`` are timed over the question list on that store,
in memory. Writing and re-reading a million chunks is not timed here (the growth section times
open and disk up to 1000x).

Copies make passages that repeat: the product collapses equal texts, so each question's walk down
the ranking skips every copy of a passage already taken. Search and ask are timed twice on the
same index: as built (each of the base corpus's few hundred distinct passages appears thousands of
times, the worst case for collapsing) and with every chunk's text counted as its own (a corpus of
distinct passages, as years of different pages would be; only the collapse's text ids change).
The stage breakdown is the latter's.
"""

from __future__ import annotations

import gc
import math
import time
from dataclasses import replace

import numpy as np

from benchmarks.context import Context
from benchmarks.md import num, table
from benchmarks.query import stage_times
from benchmarks.stats import proc_memory_mb, summarize, time_call

JITTER = 0.1  # as the growth section's re-used bodies
TARGET_MS = 30.0  # search p50 at a million chunks


def run(ctx: Context) -> dict:
    """Tile, build the product's vector structure, then time search, ask and their stages."""
    from rag import index as ix
    from rag.kb import KnowledgeBase

    base, base_name = _base(ctx)
    t0 = time.perf_counter()
    copies = max(1, math.ceil(ctx.profile.scale_chunks / len(base.chunks)))
    store, matrix = _tiled(base, copies)
    tile_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    store.vectors = ix.build_vectors(matrix, matrix.shape[1], flat_limit=ctx.profile.scale_flat_limit)
    build_s = time.perf_counter() - t0
    s = ctx.settings
    questions, k = [q["q"] for q in ctx.questions], s.top_k
    exact = _exact(matrix) if ix.index_type(store.vectors)["type"] != "IndexFlatIP" else None
    del matrix
    gc.collect()
    kb = KnowledgeBase(
        "scale", ctx.work / "scale", ctx.encoder, chunk_size=s.chunk_size, chunk_overlap=s.chunk_overlap,
        max_bytes=s.max_upload_mb << 20, parse_timeout=s.parse_timeout, max_docs=s.max_docs_per_kb,
    )  # fmt: skip
    kb._store = store  # served from memory: the benchmark never writes this store
    t0 = time.perf_counter()
    kb.search("国家安全", 1)  # first search builds the per-version aids (unit rows, text ids)
    first_search_s = time.perf_counter() - t0
    kb.ask(questions[0], k)  # warm-up: the English lexicon and the tokenizers load on first use
    rounds = ctx.profile.query_rounds
    repeated = _timed(kb, questions, k, rounds)  # as built: every passage has ~copies twins
    quality = _dense_quality(kb, exact, questions, k)
    units = kb._unit_index(store)  # now as if every chunk's text were its own
    kb._units = (store, replace(units, text_ids=np.arange(len(store.chunks))))
    search_ms, ask_ms = _timed(kb, questions, k, rounds)
    out = {
        "base": base_name,
        "base_chunks": len(base.chunks),
        "copies": copies,
        "chunks": len(store.chunks),
        "index": ix.index_type(store.vectors),
        "tile_s": round(tile_s, 1),
        "vector_build_s": round(build_s, 1),
        "first_search_s": round(first_search_s, 2),
        "questions": len(questions),
        "rounds": ctx.profile.query_rounds,
        "distinct_texts": len(set(units.text_ids.tolist())),
        "search_ms": search_ms,
        "ask_ms": ask_ms,
        "search_ms_repeated_texts": repeated[0],
        "ask_ms_repeated_texts": repeated[1],
        "stages_ms": stage_times(kb, questions, k, 1),
        "dense_quality": quality,
        "rss_mb": proc_memory_mb().get("rss_mb"),
        "target_ms": TARGET_MS,
    }
    del kb, store
    gc.collect()
    return out


def _exact(matrix: np.ndarray):
    import faiss

    flat = faiss.IndexFlatIP(matrix.shape[1])
    flat.add(matrix)
    return flat


def _dense_quality(kb, exact, questions: list[str], k: int) -> dict:
    """The real questions against the product's approximate index and exact search: recall@10
    of vectors, and of distinct passages (copies of one text are one passage, as the product
    collapses them), over a probe-count ladder; and whether the product's top-k hits change."""
    import faiss

    from rag import index as ix

    if exact is None:
        return {"exact": True}
    store = kb._store
    ivf = faiss.extract_index_ivf(store.vectors)
    chosen = ivf.nprobe
    texts = kb._unit_index(store).text_ids
    qv = kb.encoder.encode_queries(questions)
    _, truth = exact.search(qv, 10)
    low = ix.index_type(store.vectors).get("calibrated_nprobe", chosen)
    ladder = sorted({chosen, *(low * 2**i for i in range(8) if low * 2**i <= ivf.nlist // 2)})
    rows = []
    for nprobe in ladder:
        ivf.nprobe = nprobe
        _, got = store.vectors.search(qv, 10)
        ms = [time_call(lambda v=v: store.vectors.search(v[None, :], 60)) for v in qv]
        rows.append(
            {
                "nprobe": nprobe,
                "recall_at_10": _recall(got, truth),
                "passage_recall_at_10": _recall(texts[np.maximum(got, 0)], texts[truth]),
                "p50_ms": summarize(ms)["median"],
            }
        )
    ivf.nprobe = chosen
    same = sum(_hits(kb, q, k) == _hits_with(kb, exact, q, k) for q in questions)
    return {
        "chosen_nprobe": chosen,
        "nlist": ivf.nlist,
        "ladder": rows,
        "same_hits": same,
        "questions": len(questions),
        "k": k,
    }


def _recall(got: np.ndarray, truth: np.ndarray) -> float:
    """Mean share of each row of ``truth`` (as a set) found in the same row of ``got``."""
    shares = []
    for g, t in zip(got.tolist(), truth.tolist(), strict=True):
        want = set(t)
        shares.append(len(want & set(g)) / len(want))
    return round(float(np.mean(shares)), 4)


def _hits(kb, question: str, k: int) -> list[str]:
    return [h.chunk.text for h in kb.search(question, k)]


def _hits_with(kb, index, question: str, k: int) -> list[str]:
    store = kb._store
    approximate, store.vectors = store.vectors, index
    try:
        return _hits(kb, question, k)
    finally:
        store.vectors = approximate


def _base(ctx: Context):
    """The store of the largest growth knowledge base of this run, else the bundled page's."""
    root = ctx.work / "growth" / "index"
    built = sorted((int(p.name[6:]), p.name) for p in root.glob("growth*") if p.name[6:].isdigit())
    if built:
        kb = ctx.open_kb(built[-1][1], index_dir=root)
        return kb._store, f"{built[-1][0]}x growth corpus"
    return ctx.kb._store, "bundled page"


def _tiled(base, copies: int):
    """``copies`` copies of ``base`` (a rag.index.Store) under new ids, and their vector rows."""
    from rag.index import Store, StoredSource, vectors_of
    from rag.keyword import KeywordIndex

    rows = vectors_of(base.vectors)
    sources, chunks, blocks = [], [], []
    for c in range(copies):
        sources += [_source_copy(s, c, StoredSource) for s in base.sources] if c else list(base.sources)
        chunks += [_renamed(ch, c) for ch in base.chunks] if c else list(base.chunks)
        blocks.append(_jittered(rows, c) if c else rows)
    kw = base.keyword
    counts = np.tile(np.diff(kw.indptr), copies)
    keyword = KeywordIndex(
        kw.vocab, np.concatenate([[0], np.cumsum(counts)]), np.tile(kw.terms, copies), np.tile(kw.tfs, copies)
    )
    units = np.tile(base.unit_vectors, (copies, 1))
    store = Store(sources, chunks, base.vectors, keyword, units, dict(base.settings), {}, "tiled")
    return store, np.concatenate(blocks)


def _renamed(item, copy: int):
    return replace(item, doc_id=f"{item.doc_id}~{copy}", chunk_id=f"{item.chunk_id}~{copy}")


def _source_copy(stored, copy: int, stored_type):
    src = stored.source
    units = tuple(replace(u, doc_id=f"{u.doc_id}~{copy}") for u in src.units)
    copied = replace(src, source_id=f"{src.source_id}~{copy}", units=units)
    return stored_type(copied, stored.file, stored.original)


def _jittered(rows: np.ndarray, copy: int) -> np.ndarray:
    rng = np.random.default_rng(copy)
    noise = rng.standard_normal(rows.shape, dtype=np.float32)
    noise *= JITTER / np.linalg.norm(noise, axis=1, keepdims=True)
    out = rows + noise
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    return out


def _timed(kb, questions: list[str], k: int, rounds: int) -> tuple[dict, dict]:
    """search and ask latencies; every ask embeds its own candidate quotes (a fresh quote cache:
    the app warms at most rag.span_vectors.WARM_LIMIT quotes of a large corpus)."""
    from rag.span_vectors import SpanVectors

    search, ask = [], []
    for _ in range(rounds):
        for q in questions:
            t0 = time.perf_counter()
            kb.search(q, k)
            kb._quotes = SpanVectors(kb.encoder)
            t1 = time.perf_counter()
            kb.ask(q, k)
            search.append((t1 - t0) * 1000.0)
            ask.append((time.perf_counter() - t1) * 1000.0)
    return summarize(search), summarize(ask)


def render(d: dict) -> str:
    """The section's Markdown."""
    stages = d["stages_ms"]
    rows = [[label, num(v["median"]) + " ms"] for label, v in stages.items() if v.get("n")]
    calls = [
        ["KnowledgeBase.search, distinct passages", _cell(d["search_ms"])],
        ["KnowledgeBase.ask, distinct passages (each ask embeds its quotes)", _cell(d["ask_ms"])],
    ]
    if "search_ms_repeated_texts" in d:
        n = f"{d['distinct_texts']:,} passages repeated"
        calls += [
            [f"KnowledgeBase.search, {n}", _cell(d["search_ms_repeated_texts"])],
            [f"KnowledgeBase.ask, {n}", _cell(d["ask_ms_repeated_texts"])],
        ]
    return (
        f"The {d['base']} ({d['base_chunks']:,} chunks) copied {d['copies']} times: **{d['chunks']:,} "
        f"chunks**, vectors in `{d['index'].get('type')}` ({_index(d['index'])}), built by the product's "
        f"rule in {num(d['vector_build_s'])} s; copying took {num(d['tile_s'])} s and the first search "
        f"(per-version aids) {num(d['first_search_s'])} s. {d['questions']} questions x "
        f"{d['rounds']} rounds; process RSS afterwards {num(d['rss_mb'])} MB (base corpus included). "
        "How the copies are made: `benchmarks/scale.py`.\n\n"
        + table(["call", "latency"], calls)
        + "\n\nPer ask, by stage (medians):\n\n"
        + table(["stage", "latency"], rows)
        + _quality(d.get("dense_quality") or {})
    )


def _quality(q: dict) -> str:
    if not q.get("ladder"):
        return ""
    rows = [
        [r["nprobe"] if r["nprobe"] != q["chosen_nprobe"] else f"**{r['nprobe']}** (product)",
         r["recall_at_10"], r["passage_recall_at_10"], num(r["p50_ms"]) + " ms"]
        for r in q["ladder"]
    ]  # fmt: skip
    return (
        f"\n\nThe dev questions against the approximate index (nlist {q['nlist']}) and exact search over "
        "the same vectors: recall@10 of vectors, and of passages (copies of one text count once, as "
        "the product collapses them); latency of one 60-neighbour search as the product asks. The "
        f"product's top-{q['k']} hits were the same as with exact search for {q['same_hits']} of "
        f"{q['questions']} questions.\n\n" + table(["nprobe", "recall@10", "passage recall@10", "p50"], rows)
    )


def _index(ix: dict) -> str:
    keys = ("nlist", "nprobe", "calibrated_recall_at_10")
    return ", ".join(f"{k}={ix[k]}" for k in keys if k in ix) or "exact"


def _cell(s: dict) -> str:
    return num(s["median"]) + " ms " + _spread(s)


def _spread(s: dict) -> str:
    return f"(IQR {num(s['q1'])}-{num(s['q3'])}; p95 {num(s['p95'])})"
