"""What every section shares in one run: settings, profile, scratch folder, the encoder, the 1x KB."""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.config import Profile, load_questions
from rag.settings import BUNDLED_PAGE, Settings

BENCH_KB = "bench1x"  # the bundled page, indexed under the run's scratch folder


@dataclass
class Context:
    """One run's shared state; the encoder and the 1x knowledge base are built on first use."""

    profile: Profile
    work: Path
    settings: Settings = field(default_factory=Settings.from_env)
    preloaded_encoder: object = None  # the test suite passes its session encoder
    preloaded_st_encoder: object = None  # and its session sentence-transformers encoder

    @functools.cached_property
    def questions(self) -> list[dict]:
        """The fixed question list (dev set) this run uses."""
        return load_questions(self.profile.questions)

    @functools.cached_property
    def page_text(self) -> str:
        """The bundled page's text."""
        return BUNDLED_PAGE.read_text(encoding="utf-8")

    @functools.cached_property
    def encoder(self):
        """The product's encoder (rag.embed.load_encoder), loaded once per run."""
        from rag.embed import load_encoder

        if self.preloaded_encoder is not None:
            return self.preloaded_encoder
        t0 = time.perf_counter()
        enc = load_encoder(self.settings.embed_model, self.settings.model_dir)
        self.encoder_load_s: float | None = round(time.perf_counter() - t0, 3)
        return enc

    @functools.cached_property
    def st_encoder(self):
        """The bundled model on sentence-transformers (torch): the path the product took before the
        ONNX engine, and the one every other model takes; loaded once per run."""
        from rag.embed import load_encoder

        if self.preloaded_st_encoder is not None:
            return self.preloaded_st_encoder
        return load_encoder(self.settings.embed_model, self.settings.model_dir, "sentence-transformers")

    @property
    def index_dir(self) -> Path:
        """Index folder of the run's knowledge bases."""
        return self.work / "index"

    @functools.cached_property
    def kb(self):
        """The bundled page as a knowledge base in the scratch folder (built once, then reused)."""
        kb = self.open_kb(BENCH_KB)
        if not kb.sources():
            kb.add([BUNDLED_PAGE])
        return kb

    def open_kb(self, name: str, index_dir: Path | None = None):
        """Open knowledge base ``name`` (under the run's index folder) with the product's settings."""
        from rag.kb import KnowledgeBase

        s = self.settings
        return KnowledgeBase.open(
            name,
            index_dir=index_dir or self.index_dir,
            encoder=self.encoder,
            chunk_size=s.chunk_size,
            chunk_overlap=s.chunk_overlap,
            rebuild=True,  # an index left by an older chunker is rebuilt, as the app does
        )
