"""Markdown formatting helpers shared by the report modules."""

from __future__ import annotations


def num(x, digits: int = 3) -> str:
    """A number as printed in the report: 3 significant digits, thousands separated."""
    if x is None:
        return "-"
    if isinstance(x, float):
        return f"{x:.{digits}g}" if abs(x) < 1000 else f"{x:,.0f}"
    return str(x)


def dist(d: dict | None) -> str:
    """``median (IQR q1-q3; min-max; p95) unit``."""
    if not d or not d.get("n"):
        return "-"
    spread = f"IQR {num(d['q1'])}-{num(d['q3'])}; range {num(d['min'])}-{num(d['max'])}; p95 {num(d['p95'])}"
    return f"{num(d['median'])} ({spread}) {d['unit']}"


def table(header: list[str], rows: list[list]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(num(c) if not isinstance(c, str) else c for c in row) + " |" for row in rows]
    return "\n".join(lines)
