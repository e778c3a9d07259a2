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
        "(`--quick` for a 3-minute check)." + _reruns(res)
    )


def _reruns(res: dict) -> str:
    runs = res.get("reruns") or {}
    if not runs:
        return ""
    listed = "; ".join(f"{', '.join(r['sections'])} by `{r['command']}` on {r['finished_at']}" for r in runs)
    return f" Sections measured again later (`--merge`; comparisons stay within one run): {listed}."


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
                num(q["ask_ms"]["median"]) + " ms" + _cold_ask(q),
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
    sc = s.get("scale", {})
    if sc.get("search_ms", {}).get("n"):
        at = f"{sc['chunks']:,} chunks (tiled {sc['base']}, {_index_name(sc['index'])})"
        ok = sc["search_ms"]["median"] <= sc["target_ms"]
        rows.append(
            [
                "product search p50 at 1,000,000 chunks",
                "<= 30 ms",
                f"{num(sc['search_ms']['median'])} ms at {at}, distinct passages; ask "
                f"{num(sc['ask_ms']['median'])} ms{_repeated(sc)}",
                _yes(ok) if sc["chunks"] >= 1_000_000 else f"not at 1M in this profile ({_yes(ok)} here)",
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
    rows += _speed_targets(s)
    mem = [
        row for row in s.get("memory", {}).get("rows", []) if row.get("scale") == 1 and "peak_rss_mb" in row
    ]
    if mem:
        rows.append(
            [
                "app peak resident memory, bundled page",
                f"<= {num(s['memory']['target_mb'])} MB",
                f"{num(mem[0]['peak_rss_mb'])} MB",
                _yes(mem[0]["meets_target"]),
            ]
        )
    if not rows:
        return ""
    return "## Targets\n\n" + table(["target", "goal", "measured", "met"], rows)


def _speed_targets(s: dict) -> list[list[str]]:
    """Issue 15's rows: cold CLI, app start, warm search against the torch path (same run)."""
    rows = []
    c = s.get("cold_start", {})
    if c.get("cli_to_answer_s", {}).get("n"):
        t, r = c["targets"], c["ratios"]
        cli, bare = c["cli_to_answer_s"]["median"], c["cli_no_quote_vectors_s"]["median"]
        rows.append(["cold `rag ask` median", f"<= {t['cli_s']} s",
                     f"{num(cli)} s on the index as built ({num(bare)} s with its quote vectors deleted)",
                     _yes(cli <= t["cli_s"])])  # fmt: skip
        rows.append(["cold `rag ask` / plain sentence-transformers cold (paired)", f"<= {t['cli_ratio']}",
                     f"{num(r['cli_vs_plain_sentence_transformers'])} "
                     f"({num(r['cli_no_quote_vectors_vs_plain_sentence_transformers'])} "
                     "without quote vectors)",
                     _yes((r["cli_vs_plain_sentence_transformers"] or 9) <= t["cli_ratio"])])  # fmt: skip
        page, answer = c["app_to_first_page_s"]["median"], c["app_to_first_answer_s"]["median"]
        gradio = c["import_gradio_s"]["median"]
        rows.append(["`python app.py` to first page served", f"<= {t['app_page_s']} s",
                     f"{num(page)} s (`import gradio` alone: {num(gradio)} s)",
                     _yes(page <= t["app_page_s"])])  # fmt: skip
        full = c.get("app_to_interface_s", {}).get("median")
        later = f"; the full Gradio interface at {num(full)} s" if full is not None else ""
        rows.append(["`python app.py` to first /ask answer", f"<= {t['app_answer_s']} s",
                     f"{num(answer)} s (`POST /ask`{later})", _yes(answer <= t["app_answer_s"])])  # fmt: skip
    e = s.get("query", {}).get("engines")
    if e and e.get("search_ratio") is not None:
        rows.append(["warm search p50 / the torch path's (same run)", "<= 0.5", f"{num(e['search_ratio'])}",
                     _yes(e["search_ratio"] <= 0.5)])  # fmt: skip
    return rows


def _repeated(sc: dict) -> str:
    rep = sc.get("search_ms_repeated_texts", {})
    if not rep.get("n"):
        return ""
    return (
        f" (search {num(rep['median'])} ms when the corpus's {sc['distinct_texts']:,} passages repeat "
        f"~{sc['chunks'] // max(1, sc['distinct_texts']):,} times each)"
    )


def _cold_ask(q: dict) -> str:
    cold = q.get("ask_cold_quotes_ms", {})
    if not cold.get("n"):
        return ""
    return f" with the page's quotes warmed; {num(cold['median'])} ms when each ask embeds its own"


def _index_name(ix: dict) -> str:
    keys = ("nlist", "nprobe")
    return " ".join([str(ix.get("type")), *(f"{k}={ix[k]}" for k in keys if k in ix)])


_RANKING_STAGES = (
    "dense search",
    "keyword search",
    "fusion: article prior",
    "fusion: collapse overlaps",
    "inline in retrieve.search",
)


def _select_k() -> int:
    from rag.answer import SELECT_K

    return SELECT_K


def _yes(ok: bool) -> str:
    return "yes" if ok else "**no** (see section)"


def _stage(stages: dict, prefix: str) -> float | None:
    return next((x["median"] for k, x in stages.items() if k.startswith(prefix) and x.get("n")), None)


def _bounds(res: dict) -> str:
    """What the figures say limits each result, computed from this run's numbers."""
    s, lines = res["sections"], []
    q = s.get("query", {})
    st = q.get("stages_ms", {})
    search, emb = _stage(st, "search (total"), _stage(st, "embed the question")
    ans, docs = _stage(st, "answer composition"), _stage(st, "embed passages")
    if search is not None:  # search also waits for the question's vector, embedded beside it
        search -= _stage(st, "wait for the question's vector") or 0.0
    if search is not None and emb and q.get("search_ms", {}).get("n"):
        whole = q["search_ms"]["median"]
        lines.append(
            f"- search: embedding the question is {num(emb)} of the {num(whole)} ms of a search "
            f"({100 * emb / whole:.0f}%); one encoder forward pass on this CPU bounds it. Ranking "
            f"(FAISS, BM25, fusion, collapsing) takes {num(search)} ms."
        )
    if ans and emb:
        why = (
            f", of which {num(docs)} ms embed candidate quotes (the answer selector's similarity feature, "
            f"rag/answer: the sentences of the best {_select_k()} passages; the question's vector is the "
            "search's)"
            if docs
            else ""
        )
        lines.append(f"- ask: answer composition takes {num(ans)} ms after the search{why}.")
    cold = q.get("ask_cold_quotes_ms", {})
    if cold.get("n") and q.get("ask_ms", {}).get("n"):
        lines.append(
            f"- ask without warmed quotes: {num(cold['median'])} ms against {num(q['ask_ms']['median'])} "
            f"ms; the difference is one encoder pass over the sentences of {_select_k()} passages. Warming "
            f"the page's {q.get('quotes_warmed')} quotes took {q.get('quotes_warm_s')} s of encoder time, "
            "which the app spends in the background after start."
        )
    collapse = _stage(st, "fusion: collapse")
    if collapse and search and collapse > 0.3 * max(search, 1e-9):
        lines.append(
            f"- fusion: collapsing overlaps takes {num(collapse)} ms of the {num(search)} ms of "
            "ranking (retrieve._collapse)."
        )
    sc = s.get("scale", {})
    rest = {
        k.split(" (")[0]: v["median"]
        for k, v in sc.get("stages_ms", {}).items()
        if v.get("n") and ", inside " not in k  # nested stages are counted in their parent
    }
    if rest.get("search"):
        rest["search"] -= rest.get("wait for the question's vector", 0.0)
        parts = ", ".join(f"{name} {num(rest[name])} ms" for name in _RANKING_STAGES if name in rest)
        lines.append(
            f"- at {sc['chunks']:,} chunks, ranking takes {num(rest['search'])} ms per ask ({parts}); "
            f"the question's embedding ({num(rest.get('embed the question', 0))} ms, beside the keyword "
            "work) does not grow."
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
