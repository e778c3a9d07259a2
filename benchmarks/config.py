"""Run profiles: how much each section measures in a full, quick (< 3 min) or tiny (test) run."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from rag.settings import REPO_ROOT

# in run order: growth before memory and structures (they use its indexes); the long synthetic
# index-structure builds last, so a run stopped early still has every other section
SECTIONS = (
    "embedding", "query", "cold_start", "growth", "scale", "keyword", "memory", "concurrency", "structures"
)  # fmt: skip
QUESTIONS = REPO_ROOT / "tests" / "fixtures" / "dev_qa.jsonl"


@dataclass(frozen=True)
class Profile:
    """Sizes and repeat counts of one kind of run (see ``PROFILES``)."""

    name: str
    embed_docs: int  # chunks of the bundled page embedded per timed run (0 = all)
    embed_repeats: int
    embed_sweeps: bool  # batch-size and thread-count sweeps of the product encoder
    questions: int  # questions of the dev set used (0 = all)
    query_rounds: int  # passes over the question list timing search and ask (stage timers: 1 pass)
    cold_repeats: int  # process starts timed for the CLI and for the app (0 = skip)
    growth_scales: tuple[int, ...]  # corpus sizes, in copies of the bundled page
    growth_unique: int  # pages with new text; larger corpora re-use their bodies' embeddings
    scale_chunks: int  # chunks of the tiled corpus search and ask are timed on (section 4b)
    scale_flat_limit: int | None  # None: the product's rule; tests lower it to reach the IVF path
    vector_sizes: tuple[int, ...]  # synthetic vector sets for the index structures
    hnsw_max: int  # largest synthetic set that also gets an HNSW build
    latency_queries: int  # single queries timed per index setting
    keyword_scales: tuple[int, ...]
    app_memory_scales: tuple[int, ...]  # corpora the app is started on to read its peak memory
    users: int  # simultaneous gradio_client users (0 = skip)


PROFILES = {
    # about 20-25 minutes on a quiet 2-core machine
    "full": Profile(
        name="full", embed_docs=0, embed_repeats=3, embed_sweeps=True, questions=0, query_rounds=3,
        cold_repeats=5, growth_scales=(1, 10, 100, 1000), growth_unique=5,
        scale_chunks=1_000_000, scale_flat_limit=None,
        vector_sizes=(100_000, 1_000_000), hnsw_max=1_000_000, latency_queries=100,
        keyword_scales=(1, 10, 100, 1000), app_memory_scales=(1, 100), users=16,
    ),
    # under 3 minutes on a quiet machine
    "quick": Profile(
        name="quick", embed_docs=16, embed_repeats=2, embed_sweeps=False, questions=8, query_rounds=2,
        cold_repeats=1, growth_scales=(10,), growth_unique=1, scale_chunks=40_000, scale_flat_limit=None,
        vector_sizes=(20_000,), hnsw_max=20_000, latency_queries=50,
        keyword_scales=(1, 10), app_memory_scales=(1,), users=16,
    ),
    # the test suite's: in-process sections only, seconds each
    "tiny": Profile(
        name="tiny", embed_docs=4, embed_repeats=1, embed_sweeps=False, questions=2, query_rounds=1,
        cold_repeats=0, growth_scales=(2,), growth_unique=1, scale_chunks=2_000, scale_flat_limit=1_000,
        vector_sizes=(2_000,), hnsw_max=2_000, latency_queries=10,
        keyword_scales=(1, 2), app_memory_scales=(), users=0,
    ),
}  # fmt: skip


def load_questions(limit: int = 0) -> list[dict]:
    """The dev questions (id, q, lang, authors...), the first ``limit`` of them (0 = all)."""
    rows = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows[:limit] if limit else rows


def work_dir(base: Path | None) -> Path:
    """Scratch folder of a run (indexes, generated corpora); ignored by git."""
    path = base or REPO_ROOT / "benchmarks" / "_work"
    path.mkdir(parents=True, exist_ok=True)
    return path
