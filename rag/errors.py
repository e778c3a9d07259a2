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


class AccessError(RagError):
    """A login, user-file or permission problem; ``say(lang)`` is the message in the user's language."""

    def __init__(self, key: str, **kwargs: object) -> None:
        from rag.strings import t

        self.key, self.kwargs = key, kwargs
        super().__init__(f"{t(key, 'zh', **kwargs)} / {t(key, 'en', **kwargs)}")

    def say(self, lang: str) -> str:
        """The message in ``lang`` only (the app knows its user's language)."""
        from rag.strings import t

        return t(self.key, lang, **self.kwargs)
