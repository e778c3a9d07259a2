"""Every user-visible string and prompt, Chinese and English, in one place.

Sections are owned by the stage that shows them; keys are ``(name, lang)`` lookups via ``t``.
"""

from __future__ import annotations

# --- errors and notices shown by the CLI and the app ---
MESSAGES: dict[str, dict[str, str]] = {
    "empty_question": {
        "zh": "请输入问题。",
        "en": "Please type a question.",
    },
}


def t(key: str, lang: str = "zh", **kwargs: object) -> str:
    """The message ``key`` in ``lang`` (falls back to Chinese), formatted with ``kwargs``."""
    entry = MESSAGES[key]
    return entry.get(lang, entry["zh"]).format(**kwargs)
