"""The audit trail: one JSON line per ask, search, export, upload, removal, login and failed login.

Each record is written with one ``write`` to a file opened ``O_APPEND``, then fsynced, under a
file lock shared by every process (the app and the CLI). A process killed mid-write can at worst
leave a fragment without its newline: the next writer ends that fragment first, and the reader
skips (and counts) a line that does not parse, so one torn record never hides the ones after it.
Past ``max_bytes`` the file moves to ``audit.jsonl.1`` (older ones to ``.2``, ``.3`` ...); nothing
is ever deleted.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import threading
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path

from rag.errors import AccessError

QUESTION_MODES = ("text", "hash")


@dataclass(frozen=True)
class AuditRecord:
    """One audited action. ``outcome`` is ok, denied (no permission), error, bad or locked (logins)."""

    time: str  # ISO 8601, UTC
    user: str
    action: str  # ask, search, export, upload, remove, retitle, create_kb, login, login_failed, ...
    outcome: str = "ok"
    kb: str | None = None
    kb_version: str | None = None  # the knowledge base's manifest hash when the action ran
    question: str | None = None  # absent when RAG_AUDIT_QUESTIONS=hash
    question_sha256: str | None = None
    grounded: bool | None = None
    chunks: tuple[str, ...] = ()  # cited chunk ids
    documents: tuple[str, ...] = ()  # cited (or removed) doc ids
    files: tuple[tuple[str, str], ...] = ()  # (file name, sha256 of its bytes)
    detail: str | None = None  # what else a reader of the log needs: an error, an export's format

    def to_dict(self) -> dict:
        """One log line's JSON object (empty fields left out)."""
        return {k: v for k, v in asdict(self).items() if v not in (None, (), [])}

    @classmethod
    def from_dict(cls, d: dict) -> AuditRecord:
        """Inverse of ``to_dict`` (unknown keys from a newer writer are ignored)."""
        known = {f.name for f in fields(cls)}
        d = {k: v for k, v in d.items() if k in known}
        for key in ("chunks", "documents"):
            d[key] = tuple(d.get(key) or ())
        d["files"] = tuple(tuple(x) for x in d.get("files") or ())
        return cls(**d)


def answer_fields(answer) -> dict:
    """What the log keeps of an Answer: the question, grounded or not, cited chunks and documents, and
    the knowledge-base version it came from."""
    cited, prov = answer.citations, answer.provenance
    documents, chunks = tuple(dict.fromkeys(c.doc_id for c in cited)), tuple(c.chunk_id for c in cited)
    return {"question": answer.question, "grounded": answer.grounded, "documents": documents,
            "chunks": chunks, "kb_version": prov.version if prov else None}  # fmt: skip


def now() -> str:
    """The current time as the log writes it."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def sha256_file(path: str | Path) -> str:
    """Hex sha256 of a file's bytes (the content hash an upload is logged with)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            h.update(block)
    return h.hexdigest()


def file_hashes(paths: Iterable[str | Path]) -> tuple[tuple[str, str], ...]:
    """(file name, sha256) of each existing file, as an upload is logged."""
    return tuple((Path(p).name, sha256_file(p)) for p in paths if Path(p).is_file())


class AuditLog:
    """Append-only, fsynced, size-rotated JSON lines at ``path``."""

    def __init__(self, path: Path, *, max_bytes: int = 20 << 20, questions: str = "text") -> None:
        if questions not in QUESTION_MODES:
            raise ValueError(f"RAG_AUDIT_QUESTIONS={questions!r}; valid: {', '.join(QUESTION_MODES)}")
        self.path, self.max_bytes, self.questions = Path(path), max_bytes, questions
        self._lock = threading.Lock()

    def record(self, user: str, action: str, *, question: str | None = None, **fields_) -> AuditRecord:
        """Build a record stamped now (the question kept as text or only hashed, as configured) and
        append it."""
        if question is not None:
            fields_["question_sha256"] = hashlib.sha256(question.encode()).hexdigest()
            fields_["question"] = question if self.questions == "text" else None
        rec = AuditRecord(time=now(), user=user, action=action, **fields_)
        self.append(rec)
        return rec

    def append(self, rec: AuditRecord) -> None:
        """Write ``rec`` as one line, flushed and fsynced before returning."""
        line = (json.dumps(rec.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n").encode()
        try:
            self._append(line)
        except OSError as exc:
            raise AccessError("audit_unwritable", path=str(self.path), reason=exc.strerror or exc) from exc

    def _append(self, line: bytes) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock, self._file_lock():
            if self._size() + len(line) > self.max_bytes > 0 and self._size():
                _rotate(self.path)
            fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)  # read: the last byte
            try:
                if not _ends_clean(fd):
                    os.write(fd, b"\n")  # end a killed writer's fragment: it stays one bad line
                os.write(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)

    def read(self) -> tuple[list[AuditRecord], int]:
        """Every record, oldest first, across the rotated files, and how many damaged lines were skipped."""
        out, skipped = [], 0
        for path in log_files(self.path):
            recs, bad = _read_file(path)
            out += recs
            skipped += bad
        return out, skipped

    def _size(self) -> int:
        try:
            return self.path.stat().st_size
        except FileNotFoundError:
            return 0

    @contextlib.contextmanager
    def _file_lock(self) -> Iterator[None]:
        with open(self.path.with_name(self.path.name + ".lock"), "a+b") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            yield


def log_files(path: Path) -> list[Path]:
    """The rotated files, oldest first (``.3``, ``.2``, ``.1``), then the live one."""
    rotated = []
    for p in path.parent.glob(path.name + ".*"):
        suffix = p.name[len(path.name) + 1 :]
        if suffix.isdigit():
            rotated.append((int(suffix), p))
    return [p for _, p in sorted(rotated, reverse=True)] + ([path] if path.exists() else [])


def select(records: Iterable[AuditRecord], *, user: str | None = None, action: str | None = None,
           since: str | None = None) -> list[AuditRecord]:  # fmt: skip
    """The records of ``user`` doing ``action`` at or after ``since`` (a date or ISO time, UTC)."""
    since = _since(since) if since else None
    return [r for r in records if (user is None or r.user == user) and (action is None or r.action == action)
            and (since is None or r.time >= since)]  # fmt: skip


def _since(text: str) -> str:
    """"2026-12-01" or "2026-12-01T08:00" as the log's time format, so strings compare in time order."""
    try:
        when = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise ValueError(f"--since {text!r}: use a date such as 2026-12-01 or 2026-12-01T08:00") from exc
    if when.tzinfo is not None:
        when = when.astimezone(UTC).replace(tzinfo=None)
    return when.isoformat(timespec="milliseconds") + "Z"


def _rotate(path: Path) -> None:
    """``audit.jsonl`` → ``.1``, ``.1`` → ``.2`` ...: a kill between two renames leaves a gap in the
    numbers, never a lost file."""
    numbers = sorted((int(p.name.rsplit(".", 1)[1]) for p in log_files(path) if p != path), reverse=True)
    for n in numbers:
        os.replace(path.with_name(f"{path.name}.{n}"), path.with_name(f"{path.name}.{n + 1}"))
    os.replace(path, path.with_name(f"{path.name}.1"))


def _ends_clean(fd: int) -> bool:
    size = os.fstat(fd).st_size
    return size == 0 or os.pread(fd, 1, size - 1) == b"\n"


def _read_file(path: Path) -> tuple[list[AuditRecord], int]:
    out, bad = [], 0
    with open(path, "rb") as fh:
        for raw in fh:
            if not raw.strip():
                continue
            try:
                out.append(AuditRecord.from_dict(json.loads(raw)))
            except (ValueError, TypeError, AttributeError):
                bad += 1
    return out, bad
