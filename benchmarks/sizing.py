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
        at_rule = [(s["n"], _at(s, "hnsw", rule.get("hnsw_ef_search"))) for s in hnsw]
        lines.append(
            f"HNSW M={hnsw_m} needs efSearch >= {ef} for recall@10 >= {target} on every set measured; "
            "at the product's efSearch="
            f"{rule.get('hnsw_ef_search')}: "
            + ", ".join(
                f"{n:,}: recall {p['recall_at_10']}, p50 {p['latency']['median']} ms" for n, p in at_rule if p
            )
        )
    for s in sets:
        if s.get("best"):
            b = s["best"]
            setting = f"{b['structure']} {b['knob']}={b['value']}" if b["knob"] else b["structure"]
            lines.append(f"fastest at {s['n']:,} ({s['label']}): {setting} "
                         f"(recall {b['recall_at_10']}, p50 {b['latency']['median']} ms)")  # fmt: skip
    return "; ".join(lines) + "."


def _at(s: dict, structure: str, value) -> dict | None:
    row = next((r for r in s["structures"] if r["structure"] == structure), None)
    return next((p for p in row["sweep"] if p["value"] == value), None) if row else None


def _cheapest(s: dict, structure: str) -> dict | None:
    row = next((r for r in s["structures"] if r["structure"] == structure), None)
    return row["chosen"] if row else None


def _p50(s: dict, structure: str, value) -> float | None:
    row = next((r for r in s["structures"] if r["structure"] == structure), None)
    return row["sweep"][0]["latency"]["median"] if row else None
