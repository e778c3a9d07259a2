"""Section 6: resident and peak memory of the app serving the bundled page, and a 100x corpus.

The app is started on an existing index, every question of the run is asked once through the
``/ask`` API, then its resident (VmRSS) and peak resident (VmHWM) memory are read from /proc, with
the resident memory split into anonymous (the process's own) and file-backed (libraries, model
file pages: shared with the page cache) parts. rag/memory.py lists what the app does to keep it low.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from benchmarks.apphost import AppProcess, product_env
from benchmarks.context import BENCH_KB, Context

TARGET_MB = 700.0  # bundled page (issue 15; 1,600 before the torch-free query path)


def run(ctx: Context) -> dict:
    """One row per corpus the app was started on."""
    rows = []
    for scale in ctx.profile.app_memory_scales:
        where = _index_for(ctx, scale)
        if where is None:
            rows.append(
                {"scale": scale, "skipped": f"no {scale}x index: the growth section did not build it"}
            )
            continue
        rows.append({"scale": scale, **_measure(ctx, *where, scale)})
    return {"target_mb": TARGET_MB, "rows": rows}


def _index_for(ctx: Context, scale: int) -> tuple[Path, str] | None:
    if scale == 1:
        ctx.kb  # noqa: B018 - build it if no earlier section did
        return ctx.index_dir, BENCH_KB
    root = ctx.work / "growth" / "index"
    return (root, f"growth{scale}") if (root / f"growth{scale}").exists() else None


def _measure(ctx: Context, index_dir: Path, kb: str, scale: int) -> dict:
    from gradio_client import Client

    with AppProcess(product_env(index_dir, kb), ctx.work / "logs" / f"memory_{scale}x.log") as app:
        ready_s = app.wait_interface()
        at_start = app.memory()
        client = Client(app.url, verbose=False)
        for q in ctx.questions:
            client.predict(q["q"], api_name="/ask")
        served = app.memory()
        split = _rss_split(app.proc.pid)
    return {
        "ready_s": round(ready_s, 2),
        "rss_at_first_page_mb": at_start["rss_mb"],
        "rss_after_questions_mb": served["rss_mb"],
        "peak_rss_mb": served["peak_rss_mb"],
        **split,
        "meets_target": scale != 1 or (served["peak_rss_mb"] or 0) <= TARGET_MB,
    }


def _rss_split(pid: int) -> dict:
    """``rss_anon_mb`` / ``rss_file_mb`` of a process after the questions (RssAnon, RssFile)."""
    out = {}
    with contextlib.suppress(OSError, ValueError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("RssAnon", "RssFile"):
                out[f"rss_{key[3:].lower()}_mb"] = round(int(rest.split()[0]) / 1024.0, 1)
    return out
