"""Library exceptions. The edges (CLI, app) turn them into one clean message."""

from __future__ import annotations


class RagError(Exception):
    """Base class: a problem the user can act on (bad input, missing model, stale index)."""


class ModelError(RagError):
    """The embedding model cannot be built or loaded."""


class LoadError(RagError):
    """A file cannot be read; the message names the file and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class IndexError_(RagError):
    """A saved index is missing, stale or corrupted; the message says what differs and the fix."""


class QuestionError(RagError):
    """A question that cannot be answered as given (empty, only punctuation...)."""
