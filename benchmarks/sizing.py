"""What the index-structure measurements say rag/index.py's size rule should be."""

from __future__ import annotations

DENSE_BUDGET_MS = 5.0  # share of the 25-30 ms search budget left for FAISS after embedding the query


def recommend(sets: list[dict], rule: dict, hnsw_m: int, target: float) -> str:
    """What the measurements say rag/index.py's size rule should be (compared with what it is)."""
    lines = []
    flat_ok = [
        s["n"] for s in sets if _p50(s, "flat", None) is not None and _p50(s, "flat", None) <= DENSE_BUDGET_MS
    ]
    flat_slow = [s["n"] for s in sets if (_p50(s, "flat", None) or 0) > DENSE_BUDGET_MS]
    if flat_ok or flat_slow:
        lines.append(
            f"exact search stays within {DENSE_BUDGET_MS:g} ms up to {max(flat_ok, default=0):,} vectors "
            "measured"
            + (f" and exceeds it from {min(flat_slow):,}" if flat_slow else "")
            + f" (FLAT_LIMIT is {rule.get('flat_limit')})"
        )
    hnsw = [s for s in sets if any(r["structure"] == "hnsw" for r in s["structures"])]
    if hnsw:
        need = [_cheapest(s, "hnsw") for s in hnsw]
        ef = max((c["value"] for c in need if c), default=None)
        missed = [f"{s['n']:,}" for s, c in zip(hnsw, need, strict=True) if not c]
        lines.append(
            f"HNSW M={hnsw_m} needs efSearch >= {ef} for recall@10 >= {target} where it reaches it"
            + (f" and misses it at every efSearch measured on {', '.join(missed)} vectors" if missed else "")
        )
    picks = [_pick(s, r, target) for s in sets for r in s["structures"]
             if r["structure"].startswith("product:")]  # fmt: skip
    if picks:
        lines.append("the product's build_vectors picks " + ", ".join(picks))
    forced = [_calibration(s, r) for s in sets for r in s["structures"]
              if r["structure"].startswith("product IVF")]  # fmt: skip
    if forced:
        lines.append("its IVF (built below the limit to check the calibration) expected vs measured "
                     "recall@10: " + ", ".join(forced))  # fmt: skip
    for s in sets:
        if s.get("best"):
            b = s["best"]
            setting = f"{b['structure']} {b['knob']}={b['value']}" if b["knob"] else b["structure"]
            lines.append(f"fastest at {s['n']:,} ({s['label']}): {setting} "
                         f"(recall {b['recall_at_10']}, p50 {b['latency']['median']} ms)")  # fmt: skip
    return "; ".join(lines) + "."


def _pick(s: dict, row: dict, target: float) -> str:
    p = row["sweep"][0]
    setting = f" {p['knob']}={p['value']}" if p["knob"] else ""
    verdict = "meets" if p["recall_at_10"] >= target else "MISSES"
    kind = row["structure"].removeprefix("product: ")
    return (f"at {s['n']:,}: {kind}{setting} (recall {p['recall_at_10']}, {verdict} {target}; "
            f"p50 {p['latency']['median']} ms; build {row['build_s']} s)")  # fmt: skip


def _calibration(s: dict, row: dict) -> str:
    p, kind = row["sweep"][0], row["index"]
    return (f"at {s['n']:,} ({s['label']}): nlist={kind['nlist']} nprobe={kind['nprobe']} calibrated "
            f"{kind.get('calibrated_recall_at_10')}, measured {p['recall_at_10']}")  # fmt: skip


def _cheapest(s: dict, structure: str) -> dict | None:
    row = next((r for r in s["structures"] if r["structure"] == structure), None)
    return row["chosen"] if row else None


def _p50(s: dict, structure: str, value) -> float | None:
    row = next((r for r in s["structures"] if r["structure"] == structure), None)
    return row["sweep"][0]["latency"]["median"] if row else None
