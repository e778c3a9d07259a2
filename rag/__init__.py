"""Offline retrieval-augmented QA over Chinese government documents."""

from __future__ import annotations

__version__ = "0.1.0"
