"""Accounts, roles and what each role may do; passwords hashed with scrypt, the file kept private.

The users file is JSON (``{"format": 1, "users": {name: {...}}}``) written atomically with mode
600: a process killed while saving leaves the old file or the new one, never half of one. Failed
logins and the lock they lead to are kept in the same file, so a restart does not unlock an
account under attack.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import hmac
import json
import os
import re
import secrets
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from rag.errors import AccessError
from rag.versions import write_atomically

ROLES = ("reader", "editor", "admin")
READ = frozenset({"ask", "search", "read", "export"})  # every role
EDIT = frozenset({"upload", "remove", "retitle"})  # editors, in the knowledge bases granted to them
ADMIN = frozenset({"create_kb", "delete_kb", "users", "audit"})  # admins only
ACTIONS = READ | EDIT | ADMIN
MAX_FAILURES = 5  # failed logins in a row that lock an account
MIN_PASSWORD = 8
NAME = re.compile(r"^[A-Za-z0-9_.@\-\u4e00-\u9fff]{1,64}$")
# scrypt at n=2**14, r=8 takes about 50 ms and 16 MB a try: slow for a guesser, fine for a login
_N, _R, _P, _DKLEN = 1 << 14, 8, 1, 32
_FORMAT = 1


@dataclass(frozen=True)
class User:
    """One account: its role, the knowledge bases it may use (empty: all) and its login state."""

    name: str
    role: str
    kbs: tuple[str, ...] = ()
    password: str = ""  # "scrypt$n$r$p$salt$hash" (hex), never the password itself
    failures: int = 0  # failed logins since the last good one
    locked_until: float = 0.0  # epoch seconds; 0: not locked

    def sees(self, kb: str | None) -> bool:
        """Whether this user may use knowledge base ``kb`` (None: no particular one)."""
        return self.role == "admin" or not self.kbs or kb is None or kb in self.kbs

    def public(self) -> dict:
        """What ``rag user list`` shows: everything but the password hash."""
        return {"name": self.name, "role": self.role, "kbs": list(self.kbs),
                "locked": self.locked_until > time.time()}  # fmt: skip


# The user of a loopback app with no users file: today's single-user behaviour, every right.
LOCAL = User("local", "admin")


def can(user: User, action: str, kb: str | None = None) -> bool:
    """Whether ``user`` may do ``action`` (one of ``ACTIONS``) in knowledge base ``kb``."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}; valid: {', '.join(sorted(ACTIONS))}")
    if user.role == "admin":
        return True
    if action in ADMIN or (action in EDIT and user.role != "editor"):
        return False
    return user.sees(kb)


def hash_password(password: str) -> str:
    """A salted scrypt hash of ``password`` in the self-describing form ``verify_password`` reads."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=_DKLEN)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches ``stored`` (compared in constant time); a malformed hash never does."""
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        want = bytes.fromhex(digest)
        got = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                             dklen=len(want), maxmem=1 << 26)  # fmt: skip
    except (ValueError, AttributeError):
        return False
    return kind == "scrypt" and hmac.compare_digest(got, want)


@functools.cache
def _dummy() -> str:
    """A hash checked for unknown names, so they take as long as a real user (made once, on first use)."""
    return hash_password(secrets.token_hex(8))


class UserStore:
    """The users file: read fresh when it changed on disk, changed under a file lock (the app and
    ``rag user`` may both write it)."""

    def __init__(self, path: Path, *, lockout_minutes: float = 15.0) -> None:
        self.path = Path(path)
        self.lockout_seconds = lockout_minutes * 60
        self._lock = threading.Lock()
        self._cache: tuple[tuple[int, int], dict[str, User]] | None = None

    def users(self) -> dict[str, User]:
        """Every user by name ({} when the file does not exist); a damaged file is an ``AccessError``."""
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return {}
        key = (st.st_mtime_ns, st.st_size)
        if self._cache is None or self._cache[0] != key:
            self._cache = (key, self._read())
        return self._cache[1]

    def get(self, name: str | None) -> User | None:
        """The user called ``name``, or None."""
        return self.users().get(name or "")

    def add(self, name: str, role: str, password: str, kbs: tuple[str, ...] = ()) -> User:
        """Create a user; a bad name or role, a short password or an existing name is an ``AccessError``."""
        check_user(name, role, kbs)
        _check_password(password)
        with self._changing() as users:
            if name in users:
                raise AccessError("user_exists", name=name)
            users[name] = User(name, role, tuple(kbs), hash_password(password))
            return users[name]

    def remove(self, name: str) -> None:
        """Delete a user (an unknown name is an ``AccessError``)."""
        with self._changing() as users:
            self._need(users, name)
            del users[name]

    def set_password(self, name: str, password: str) -> None:
        """Give ``name`` a new password, unlocking the account."""
        _check_password(password)
        with self._changing() as users:
            users[name] = replace(self._need(users, name), password=hash_password(password), failures=0,
                                  locked_until=0.0)  # fmt: skip

    def login(self, name: str, password: str, now: float | None = None) -> str:
        """"ok", "bad" (unknown name or wrong password) or "locked"; five bad passwords in a row lock
        the account for the lockout time. A locked account is refused without checking the password."""
        now = time.time() if now is None else now
        user = self.get(name)
        if user is None:
            verify_password(password, _dummy())  # an unknown name costs the same time as a known one
            return "bad"
        if user.locked_until > now:
            return "locked"
        good = verify_password(password, user.password)
        if good and not user.failures and not user.locked_until:
            return "ok"  # the common case writes nothing
        with self._changing() as users:
            user = users.get(name)
            if user is None:
                return "bad"
            if good:
                users[name] = replace(user, failures=0, locked_until=0.0)
                return "ok"
            failures = (0 if user.locked_until else user.failures) + 1  # a lock that ran out starts over
            locked = now + self.lockout_seconds if failures >= MAX_FAILURES else 0.0
            users[name] = replace(user, failures=0 if locked else failures, locked_until=locked)
            return "locked" if locked else "bad"

    def need(self, name: str) -> User:
        """The user called ``name``; an unknown name is an ``AccessError`` listing the users."""
        return self._need(self.users(), name)

    def _need(self, users: dict[str, User], name: str) -> User:
        if name not in users:
            raise AccessError("user_unknown", name=name, names=", ".join(sorted(users)) or "-")
        return users[name]

    @contextlib.contextmanager
    def _changing(self) -> Iterator[dict[str, User]]:
        """The users, read under the file lock; written back atomically (mode 600) when the block ends."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock, open(self.path.with_name(self.path.name + ".lock"), "a+b") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            users = dict(self._read()) if self.path.exists() else {}
            before = dict(users)
            yield users
            if users != before:
                self._write(users)

    def _read(self) -> dict[str, User]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return {n: _user(n, d) for n, d in data["users"].items()}
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise AccessError("users_corrupt", path=str(self.path), reason=type(exc).__name__) from exc

    def _write(self, users: dict[str, User]) -> None:
        rows = {n: {k: v for k, v in asdict(u).items() if k != "name"} for n, u in sorted(users.items())}
        text = json.dumps({"format": _FORMAT, "users": rows}, ensure_ascii=False, indent=2)

        def fill(tmp: Path) -> None:
            tmp.chmod(0o600)  # private before a byte of it is written
            with open(tmp, "w", encoding="utf-8") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())

        write_atomically(self.path, fill)
        self._cache = None


def _user(name: str, d: dict) -> User:
    if d["role"] not in ROLES or not isinstance(d["password"], str):
        raise ValueError(name)
    return User(name, d["role"], tuple(d.get("kbs") or ()), d["password"], int(d.get("failures", 0)),
                float(d.get("locked_until", 0.0)))  # fmt: skip


def check_user(name: str, role: str, kbs: tuple[str, ...] = ()) -> None:
    """An ``AccessError`` for a bad user name, an unknown role or a bad knowledge-base grant."""
    if not NAME.match(name or ""):
        raise AccessError("user_bad_name", name=(name or "")[:80])
    if role not in ROLES:
        raise AccessError("user_bad_role", role=role, roles=", ".join(ROLES))
    if role == "admin" and kbs:
        raise AccessError("user_admin_kbs")
    if kbs:
        from rag.kb import SAFE_NAME  # the knowledge bases' own naming rule (loads numpy: only when needed)

        bad = [kb for kb in kbs if not SAFE_NAME.match(kb)]
        if bad:
            raise AccessError("bad_kb_name", name=bad[0][:80])


def _check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise AccessError("user_short_password", n=MIN_PASSWORD)
