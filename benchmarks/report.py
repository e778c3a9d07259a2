"""RESULTS.md from a run's results dict (the JSON twin holds every number; this is the reading copy)."""

from __future__ import annotations

from benchmarks.md import num, table
from benchmarks.report_sections import SECTIONS, TITLES


def render(res: dict) -> str:
    """The whole Markdown report."""
    s = res["sections"]
    parts = [_head(res), _targets(res), _bounds(res), _machine(res["machine"])]
    for name, fn in SECTIONS:
        if name in s:
            parts.append(_section(name, s[name], fn))
    return "\n\n".join(p for p in parts if p).rstrip() + "\n"


def _head(res: dict) -> str:
    return (
        "# Benchmarks\n\n"
        f"Written by `{res['command']}` (profile **{res['profile']}**) on {res['finished_at']}; "
        f"the run took {res['total_s']:.0f} s. Every figure is a median with its spread over repeated "
        "runs unless marked, written `median (IQR; range; p95)`; ratios compare with a baseline measured "
        "in the same run. "
        "`RESULTS.json` holds every number. Regenerate with `python -m benchmarks` "
        "(`--quick` for a 3-minute check)."
    )


def _section(name: str, data: dict, fn) -> str:
    title = dict(TITLES)[name]
    if "error" in data:
        return f"## {title}\n\nFAILED: `{data['error']}`"
    if "skipped" in data:
        return f"## {title}\n\nSkipped: {data['skipped']}"
    return f"## {title}\n\n" + fn(data)


def _targets(res: dict) -> str:
    s = res["sections"]
    rows = []
    q = s.get("query", {})
    if "search_ms" in q:
        rows.append(
            [
                "search p50, bundled page, warm",
                "<= 25 ms",
                num(q["search_ms"]["median"]) + " ms",
                _yes(q["meets_targets"]["search_p50"]),
            ]
        )
        rows.append(
            [
                "ask p50, bundled page, warm",
                "<= 60 ms",
                num(q["ask_ms"]["median"]) + " ms",
                _yes(q["meets_targets"]["ask_p50"]),
            ]
        )
    big = _largest_synthetic(s.get("structures", {}))
    if big and big.get("best"):
        b = big["best"]
        rows.append(
            [
                f"dense search p50 at {big['n']:,} vectors, recall@10 >= 0.95",
                "<= 30 ms",
                f"{num(b['latency']['median'])} ms ({b['structure']}, {b['knob']}={b['value']}, "
                f"recall {b['recall_at_10']})",
                _yes(b["latency"]["median"] <= 30),
            ]
        )
    est = _search_at_1m(s)
    if est:
        rows.append(
            [
                f"product search p50 at 1,000,000 chunks (extrapolated from {est['from']})",
                "<= 30 ms",
                f"~{num(est['ms'])} ms ({est['how']})",
                _yes(est["ms"] <= 30),
            ]
        )
    e = s.get("embedding", {}).get("ratios", {})
    r = e.get("docs_per_s_product_vs_sentence_transformers")
    engines = s.get("embedding", {}).get("engines", {})
    if r is not None:
        p, b = engines["product"]["docs_per_s"], engines["sentence_transformers"]["docs_per_s"]
        noise = p["q3"] >= b["q1"]  # the product's upper quartile reaches the baseline's lower one
        rows.append(
            [
                "encoder docs/s vs plain SentenceTransformer.encode",
                ">= 1.0 (within noise)",
                f"{r}x",
                "yes" if r >= 0.95 else ("within noise (IQRs overlap)" if noise else _yes(False)),
            ]
        )
    mem = [
        row for row in s.get("memory", {}).get("rows", []) if row.get("scale") == 1 and "peak_rss_mb" in row
    ]
    if mem:
        rows.append(
            [
                "app peak resident memory, bundled page",
                "<= 1,600 MB",
                f"{num(mem[0]['peak_rss_mb'])} MB",
                _yes(mem[0]["meets_target"]),
            ]
        )
    if not rows:
        return ""
    return "## Targets\n\n" + table(["target", "goal", "measured", "met"], rows)


def _search_at_1m(s: dict) -> dict | None:
    """Product search at 1M chunks: query embedding + the best 1M dense setting + the rest of search
    (BM25 over every row, fusion, ranking) from a straight line through the smallest and largest
    growth scales."""
    rows = sorted(
        (r for r in s.get("growth", {}).get("scales", []) if "stages_ms" in r), key=lambda r: r["chunks"]
    )
    big = _largest_synthetic(s.get("structures", {}))
    if len(rows) < 2 or rows[-1]["chunks"] < 10_000 or not big or not big.get("best"):
        return None  # a line through a few hundred chunks says nothing about a million
    (n0, rest0, _), (n1, rest1, emb) = _rest_of_search(rows[0]), _rest_of_search(rows[-1])
    slope = max(0.0, (rest1 - rest0) / (n1 - n0))
    rest = rest1 + slope * (1_000_000 - n1)
    dense = big["best"]["latency"]["median"]
    how = (f"embed {num(emb)} + dense {num(dense)} + rest of search {num(rest)} ms, the rest fitted "
           f"through {n0:,} chunks ({num(rest0)} ms) and {n1:,} ({num(rest1)} ms)")  # fmt: skip
    return {"ms": emb + dense + rest, "from": f"{rows[-1]['scale']}x = {n1:,} chunks", "how": how}


def _rest_of_search(row: dict) -> tuple[int, float, float]:
    """(chunks, search time outside the encoder and FAISS, query embedding time) of a growth row."""
    st = {k.split(" (")[0]: v["median"] for k, v in row["stages_ms"].items() if v.get("n")}
    emb = st.get("embed the question", 0.0)
    return row["chunks"], max(0.0, st.get("search", 0.0) - emb - st.get("dense search", 0.0)), emb


def _yes(ok: bool) -> str:
    return "yes" if ok else "**no** (see section)"


def _stage(stages: dict, prefix: str) -> float | None:
    return next((x["median"] for k, x in stages.items() if k.startswith(prefix) and x.get("n")), None)


def _bounds(res: dict) -> str:
    """What the figures say limits each result, computed from this run's numbers."""
    s, lines = res["sections"], []
    st = s.get("query", {}).get("stages_ms", {})
    search, emb = _stage(st, "search (total"), _stage(st, "embed the question")
    ans, docs = _stage(st, "answer composition"), _stage(st, "embed passages")
    if search and emb:
        lines.append(
            f"- search: embedding the question is {num(emb)} of {num(search)} ms "
            f"({100 * emb / search:.0f}%); one encoder forward pass on this CPU bounds it."
        )
    if ans and search:
        why = (
            f", of which {num(docs)} ms embed candidate passages (dense scoring in rag/answer.py)"
            if docs
            else ""
        )
        lines.append(
            f"- ask: answer composition takes {num(ans)} ms on top of the {num(search)} ms search{why}."
        )
    collapse = _stage(st, "fusion: collapse")
    if collapse and search and emb and collapse > 0.3 * max(search - emb, 1e-9):
        lines.append(
            f"- fusion: collapsing overlaps takes {num(collapse)} ms of the {num(search - emb)} ms of "
            "search outside the encoder (retrieve._collapse)."
        )
    tc = s.get("structures", {}).get("thread_check")
    if tc:
        timings = ", ".join(
            f"{k.split('_')[-2]} thread(s) {num(val)} ms" for k, val in tc.items() if k.startswith("flat")
        )
        lines.append(
            f"- FAISS threads: one exact single-query search over {tc['n']:,} vectors took {timings} "
            f"(load average {tc['load_average']}); index latencies are timed on one thread, as the "
            "product's process runs FAISS when torch uses one thread."
        )
    c, q = s.get("concurrency", {}), s.get("query", {})
    if c.get("latency_ms", {}).get("n") and q.get("ask_ms", {}).get("n"):
        cores = res["machine"]["cores"]
        lines.append(
            f"- concurrency: {c['users']} users wait {num(c['latency_ms']['median'])} ms at the median; "
            f"{c['users']} asks x {num(q['ask_ms']['median'])} ms / {cores} cores = "
            f"{num(c['users'] * q['ask_ms']['median'] / cores)} ms: the requests share the CPU."
        )
    rows = [r for r in s.get("growth", {}).get("scales", []) if r.get("serve_rss_model_only_mb")]
    if rows:
        lines.append(
            f"- memory: a process holding only the encoder is {num(rows[0]['serve_rss_model_only_mb'])} MB "
            "resident; the index adds the rest (growth table)."
        )
    return "## What bounds the results\n\n" + "\n".join(lines) if lines else ""


def _largest_synthetic(st: dict) -> dict | None:
    sets = [x for x in st.get("sets", []) if x["label"].startswith("synthetic")]
    return max(sets, key=lambda x: x["n"]) if sets else None


def _machine(m: dict) -> str:
    t = m["threads"]
    pk = ", ".join(f"{k} {v}" for k, v in m["packages"].items() if v)
    pools = "; ".join(f"{p['lib']} ({p['api']}) {p['threads']}" for p in t["blas_and_openmp_pools"])
    return (
        "## Machine\n\n"
        f"- CPU: {m['cpu_model']}, {m['cores']} cores; RAM {m['ram_gb']} GB; {m['os']}\n"
        f"- Python {m['python']}; {pk}\n"
        f"- Threads: torch intra-op {t['torch_intra_op']}, inter-op {t['torch_inter_op']}, FAISS OpenMP "
        f"{t['faiss_omp']}; BLAS/OpenMP pools: {pools}; env {t['env']}\n"
        f"- Load average when the run started: {m['load_average_at_start']}"
    )
