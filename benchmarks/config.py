"""Run profiles: how much each section measures in a full, quick (< 3 min) or tiny (test) run."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from rag.settings import REPO_ROOT

SECTIONS = ("embedding", "query", "cold_start", "growth", "structures", "keyword", "memory", "concurrency")
QUESTIONS = REPO_ROOT / "tests" / "fixtures" / "dev_qa.jsonl"


@dataclass(frozen=True)
class Profile:
    """Sizes and repeat counts of one kind of run (see ``PROFILES``)."""

    name: str
    embed_docs: int  # chunks of the bundled page embedded per timed run (0 = all)
    embed_repeats: int
    embed_sweeps: bool  # batch-size and thread-count sweeps of the product encoder
    questions: int  # questions of the dev set used (0 = all)
    query_rounds: int  # passes over the question list in the warm query path
    cold_repeats: int  # process starts timed for the CLI and for the app (0 = skip)
    growth_scales: tuple[int, ...]  # corpus sizes, in copies of the bundled page
    growth_unique: int  # pages with new text; larger corpora re-use their bodies' embeddings
    vector_sizes: tuple[int, ...]  # synthetic vector sets for the index structures
    hnsw_max: int  # largest synthetic set that also gets an HNSW build
    latency_queries: int  # single queries timed per index setting
    keyword_scales: tuple[int, ...]
    app_memory_scales: tuple[int, ...]  # corpora the app is started on to read its peak memory
    users: int  # simultaneous gradio_client users (0 = skip)


PROFILES = {
    "full": Profile(
        "full",
        0,
        3,
        True,
        0,
        5,
        3,
        (1, 10, 100, 1000),
        10,
        (100_000, 1_000_000),
        1_000_000,
        100,
        (1, 10, 100, 1000),
        (1, 100),
        16,
    ),
    "quick": Profile("quick", 24, 2, False, 12, 2, 1, (1, 10), 1, (20_000,), 20_000, 50, (1, 10), (1,), 16),
    "tiny": Profile("tiny", 4, 1, False, 3, 1, 0, (2,), 1, (2_000,), 2_000, 10, (1, 2), (), 0),
}


def load_questions(limit: int = 0) -> list[dict]:
    """The dev questions (id, q, lang, authors...), the first ``limit`` of them (0 = all)."""
    rows = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows[:limit] if limit else rows


def work_dir(base: Path | None) -> Path:
    """Scratch folder of a run (indexes, generated corpora); ignored by git."""
    path = base or REPO_ROOT / "benchmarks" / "_work"
    path.mkdir(parents=True, exist_ok=True)
    return path
