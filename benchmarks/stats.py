"""Timing and memory helpers shared by every benchmark section."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np


def summarize(samples: Sequence[float], unit: str = "ms") -> dict:
    """Median and spread (IQR and min-max) of repeated measurements, plus p95."""
    xs = np.asarray(list(samples), dtype=float)
    if xs.size == 0:
        return {"n": 0, "unit": unit}
    q1, med, q3, p95 = np.percentile(xs, [25, 50, 75, 95])
    return {
        "n": int(xs.size),
        "unit": unit,
        "median": _r(med),
        "p95": _r(p95),
        "q1": _r(q1),
        "q3": _r(q3),
        "min": _r(xs.min()),
        "max": _r(xs.max()),
    }


def _r(x: float) -> float:
    # 4 significant digits: enough for a benchmark table, short enough for a diff
    return float(f"{float(x):.4g}")


def time_call(fn: Callable[[], object]) -> float:
    """Milliseconds of one call of ``fn``."""
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000.0


def time_calls(fn: Callable[[], object], repeats: int, warmup: int = 1) -> list[float]:
    """Milliseconds of ``repeats`` calls of ``fn`` after ``warmup`` untimed calls."""
    for _ in range(warmup):
        fn()
    return [time_call(fn) for _ in range(repeats)]


def ratio(value: float | None, baseline: float | None) -> float | None:
    """value / baseline, or None when either is missing or the baseline is zero."""
    if value is None or not baseline:
        return None
    return _r(value / baseline)


def median(xs: Sequence[float]) -> float:
    """Plain median (kept here so sections need not import statistics)."""
    return float(statistics.median(xs))


def proc_memory_mb(pid: int | str = "self") -> dict:
    """Resident (VmRSS) and peak resident (VmHWM) memory of a process, in MB, from /proc."""
    out = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key.lower()] = round(int(rest.split()[0]) / 1024.0, 1)  # kB -> MB
    except (OSError, ValueError):
        pass
    return {"rss_mb": out.get("vmrss"), "peak_rss_mb": out.get("vmhwm")}


def dir_size_mb(path: Path) -> float:
    """Total size of the files under ``path`` in MB."""
    total = sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())
    return round(total / 2**20, 3)
