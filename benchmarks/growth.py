"""Section 4: growth - build time, size on disk, resident memory and query latency from 1x to 1000x.

Each scale runs in fresh subprocesses (``python -m benchmarks.growth build|serve SPEC``) so that
resident and peak memory belong to that scale alone: ``build`` indexes the first ``scale`` pages of
the generated corpus into a new knowledge base; ``serve`` loads it as the app would and times
search and ask over the question list.

Embedding every chunk of 1000 pages (~85k chunks) at ~10 chunks/s would take hours on 2 cores, so
only the first ``growth_unique`` pages carry new text (see benchmarks/corpus.py). Later pages
re-use those article bodies under new metadata, and the build's encoder re-uses the body's real
embedding plus a little seeded noise (cosine ~0.995), so the index holds distinct, realistic
vectors. The build time reported as ``build_s_all_embedded`` replaces the re-used vectors by the
measured embedding throughput: that figure is an extrapolation and is labelled so.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import zlib
from pathlib import Path

import numpy as np

from benchmarks.context import Context
from benchmarks.corpus import write_corpus
from benchmarks.query import stage_times
from benchmarks.stats import dir_size_mb, proc_memory_mb, summarize

JITTER = 0.1  # noise norm added to a re-used embedding before re-normalising (cosine ~0.995)


def corpus_pages(ctx: Context, pages: int) -> list[Path]:
    """The run's generated corpus (page 0 is the bundled page), written once per run."""
    return write_corpus(ctx.work / "corpus", pages, page_text=ctx.page_text, unique=ctx.profile.growth_unique)


def run(ctx: Context) -> dict:
    """One row per scale: build, disk, memory and latency, with what was measured vs extrapolated."""
    scales = ctx.profile.growth_scales
    pages = corpus_pages(ctx, max(scales))
    root = ctx.work / "growth"
    root.mkdir(parents=True, exist_ok=True)
    for stale in root.glob("embeddings*"):  # a run measures its own embedding, never a past run's
        stale.unlink()
    rows = []
    for scale in scales:
        spec = {
            "scale": scale,
            "pages": [str(p) for p in pages[:scale]],
            "root": str(root),
            "kb": f"growth{scale}",
            "questions": [q["q"] for q in ctx.questions],
            "rounds": min(2, ctx.profile.query_rounds),
        }
        build = _worker("build", spec, root)
        serve = _worker("serve", spec, root)
        rows.append(_row(scale, build, serve))
    return {"unique_pages": ctx.profile.growth_unique, "jitter": JITTER, "scales": rows}


def _row(scale: int, build: dict, serve: dict) -> dict:
    real, embed_s = build["real_embedded"], build["embed_s"]
    throughput = real / embed_s if embed_s > 0 and real >= 8 else None
    estimate = None
    if throughput:
        estimate = round(build["build_s"] - embed_s + build["chunks"] / throughput, 1)
    return {
        "scale": scale,
        **build,
        "embed_docs_per_s": round(throughput, 2) if throughput else None,
        "build_s_all_embedded": estimate,
        "extrapolated": build["reused"] > 0 or build["cached"] > 0,
        **serve,
    }


def _worker(mode: str, spec: dict, root: Path) -> dict:
    spec_path = root / f"spec_{spec['kb']}.json"
    spec_path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.growth", mode, str(spec_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"growth {mode} x{spec['scale']} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- worker side ---------------------------------------------------------------------------------


class ReuseEncoder:
    """The product encoder with an embedding cache shared by the growth workers of one run.

    A text embedded before (same header and body) gets its stored vector; a text whose body was
    embedded under other metadata gets that vector plus seeded noise; anything else is embedded
    for real, timed, and stored.
    """

    def __init__(self, inner, cache_path: Path) -> None:
        self.inner, self.cache_path = inner, cache_path
        self.name, self.dim = inner.name, inner.dim
        self.texts: list[str] = []
        self.vectors = np.zeros((0, inner.dim), np.float32)
        if cache_path.exists():
            data = json.loads(cache_path.with_suffix(".json").read_text(encoding="utf-8"))
            self.texts, self.vectors = data, np.load(cache_path, allow_pickle=False)
        self.exact = {t: i for i, t in enumerate(self.texts)}
        self.by_body = {_body(t): i for i, t in enumerate(self.texts)}
        self.real = self.cached = self.reused = 0
        self.embed_s = 0.0

    def encode_queries(self, texts):
        """Queries are always embedded for real."""
        return self.inner.encode_queries(texts)

    def encode_documents(self, texts):
        """Cached, re-used or freshly embedded rows, in order."""
        out = np.zeros((len(texts), self.dim), np.float32)
        misses = []
        for i, text in enumerate(texts):
            if text in self.exact:
                out[i] = self.vectors[self.exact[text]]
                self.cached += 1
            elif _body(text) in self.by_body:
                out[i] = _jitter(self.vectors[self.by_body[_body(text)]], text)
                self.reused += 1
            else:
                misses.append(i)
        if misses:
            t0 = time.perf_counter()
            fresh = self.inner.encode_documents([texts[i] for i in misses])
            self.embed_s += time.perf_counter() - t0
            self.real += len(misses)
            self._store([texts[i] for i in misses], fresh)
            out[misses] = fresh
        return out

    def _store(self, texts: list[str], vectors: np.ndarray) -> None:
        for text in texts:
            self.exact[text] = len(self.texts)
            self.by_body.setdefault(_body(text), len(self.texts))
            self.texts.append(text)
        self.vectors = np.concatenate([self.vectors, vectors.astype(np.float32)])

    def save(self) -> None:
        """Persist the cache for the next worker (written to temp names, then renamed)."""
        tmp = self.cache_path.with_name(self.cache_path.stem + ".tmp.npy")
        np.save(tmp, self.vectors, allow_pickle=False)
        tmp_json = self.cache_path.with_suffix(".tmp.json")
        tmp_json.write_text(json.dumps(self.texts, ensure_ascii=False), encoding="utf-8")
        tmp.replace(self.cache_path)
        tmp_json.replace(self.cache_path.with_suffix(".json"))


def _body(text: str) -> str:
    # rag.retrieve.embed_text is "header\nchunk text": the body is what follows the first newline
    return text.split("\n", 1)[-1]


def _jitter(vector: np.ndarray, text: str) -> np.ndarray:
    rng = np.random.default_rng(zlib.crc32(text.encode("utf-8")))
    v = vector + rng.standard_normal(vector.shape).astype(np.float32) * (JITTER / np.sqrt(len(vector)))
    return v / np.linalg.norm(v)


def _encoder():
    from rag.embed import load_encoder
    from rag.settings import Settings

    s = Settings.from_env()
    return load_encoder(s.embed_model, s.model_dir, s.embed_engine), s


def _open(spec: dict, encoder, settings):
    from rag.kb import KnowledgeBase

    return KnowledgeBase.open(
        spec["kb"],
        index_dir=Path(spec["root"]) / "index",
        encoder=encoder,
        chunk_size=settings.chunk_size,
        chunk_overlap=settings.chunk_overlap,
    )


def _build(spec: dict) -> dict:
    inner, settings = _encoder()
    enc = ReuseEncoder(inner, Path(spec["root"]) / "embeddings.npy")
    folder = Path(spec["root"]) / "index" / spec["kb"]
    shutil.rmtree(folder, ignore_errors=True)
    before = proc_memory_mb()["rss_mb"]
    t0 = time.perf_counter()
    kb = _open(spec, enc, settings)
    report = kb.add(spec["pages"])
    build_s = time.perf_counter() - t0
    mem = proc_memory_mb()
    enc.save()
    return {
        "pages": len(spec["pages"]),
        "chunks": report.chunks,
        "load_errors": len(report.errors),
        "build_s": round(build_s, 2),
        "real_embedded": enc.real,
        "cached": enc.cached,
        "reused": enc.reused,
        "embed_s": round(enc.embed_s, 2),
        "index": kb.manifest.get("faiss_index"),
        "disk_mb": dir_size_mb(folder),
        "build_rss_before_mb": before,
        "build_peak_rss_mb": mem["peak_rss_mb"],
    }


def _serve(spec: dict) -> dict:
    encoder, settings = _encoder()
    base = proc_memory_mb()["rss_mb"]
    t0 = time.perf_counter()
    kb = _open(spec, encoder, settings)
    open_s = time.perf_counter() - t0
    questions = spec["questions"]
    kb.search(questions[0], settings.top_k)  # warm-up
    search_ms = []
    for _ in range(spec["rounds"]):
        for q in questions:
            t0 = time.perf_counter()
            kb.search(q, settings.top_k)
            search_ms.append((time.perf_counter() - t0) * 1000.0)
    stages = stage_times(kb, questions, settings.top_k, 1)  # asks once per question, timing each stage
    mem = proc_memory_mb()
    return {
        "stages_ms": stages,
        "open_s": round(open_s, 2),
        "serve_rss_model_only_mb": base,
        "serve_rss_mb": mem["rss_mb"],
        "serve_peak_rss_mb": mem["peak_rss_mb"],
        "search_ms": summarize(search_ms),
        "ask_ms": stages["ask (total)"],
    }


def _main(argv: list[str]) -> int:
    mode, spec_path = argv
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    result = _build(spec) if mode == "build" else _serve(spec)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
