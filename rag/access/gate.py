"""The app's gate: who is asking, may they, and the audit line either way (no Gradio here).

With no users file the app keeps today's single-user behaviour on loopback: everyone is the
``local`` admin, and the audit trail still names them so. Binding to the network that way is
refused unless RAG_ALLOW_ANONYMOUS says it is meant.
"""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Callable, Iterable

from rag.access.audit import AuditLog, answer_fields
from rag.access.users import LOCAL, User, UserStore, can
from rag.errors import AccessError
from rag.settings import Settings
from rag.strings import t


class Gate:
    """Users, permissions and the audit log of one app process."""

    def __init__(self, settings: Settings) -> None:
        self.users = UserStore(settings.users_path(), lockout_minutes=settings.lockout_minutes)
        self.audit = AuditLog(settings.audit_path(), max_bytes=int(settings.audit_max_mb * (1 << 20)),
                              questions=settings.audit_questions)  # fmt: skip
        # decided once, at start: Gradio's login is switched on (or not) when the server starts
        self.anonymous = not self.users.users()

    def login(self, name: str, password: str) -> bool:
        """Check a login (lockout included) and audit it as login or login_failed."""
        result = self.users.login(name, password)
        self.audit.record(name, "login" if result == "ok" else "login_failed", outcome=result)
        return result == "ok"

    def user(self, username: str | None) -> User:
        """The logged-in user, read fresh from the users file (a removed user is out at once)."""
        if self.anonymous:
            return LOCAL
        user = self.users.get(username)
        if user is None:
            raise AccessError("not_logged_in")
        return user

    def allow(self, username: str | None, action: str, kb: str | None = None) -> User:
        """The user, if they may do ``action`` in ``kb``; otherwise the refusal is audited and raised."""
        user = self.user(username)
        if not can(user, action, kb):
            self.audit.record(user.name, action, outcome="denied", kb=kb)
            raise AccessError("forbidden", user=user.name, role=user.role, action=action, kb=kb or "-")
        return user

    def visible(self, username: str | None, names: Iterable[str]) -> list[str]:
        """The knowledge bases among ``names`` this user may use."""
        user = self.user(username)
        return [n for n in names if user.sees(n)]

    def record_answer(self, user: User, kb: str, answer, action: str = "ask") -> None:
        """Audit an answer: the question, grounded or not, the cited chunks and documents, the version."""
        self.audit.record(user.name, action, kb=kb, **answer_fields(answer))


def refuse_open_network(settings: Settings, gate: Gate) -> str | None:
    """Why the app must not start (a non-loopback host, no users, anonymity not asked for), or None."""
    if not gate.anonymous or settings.allow_anonymous or is_loopback(settings.host):
        return None
    return "\n".join(t("open_network_refused", lang, host=settings.host) for lang in ("zh", "en"))


def is_loopback(host: str) -> bool:
    """Whether ``host`` only listens on this machine (127.x, ::1, localhost)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything


class ExpiringTokens(dict):
    """Gradio's login tokens (token -> user name), each valid for ``seconds`` after the login.

    Gradio keeps a login forever. It checks a login with ``get`` and ``in``, which here forget a
    token once it is older; listing the tokens (its logout does) forgets the old ones first, so the
    ``[]`` that follows finds only live ones.
    """

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.seconds, self.clock = seconds, clock
        self._born: dict[str, float] = {}

    def __setitem__(self, token: str, user: str) -> None:
        self._born[token] = self.clock()
        super().__setitem__(token, user)

    def __delitem__(self, token: str) -> None:
        self._born.pop(token, None)
        super().__delitem__(token)

    def _alive(self, token) -> bool:
        born = self._born.get(token)
        if born is not None and self.clock() - born <= self.seconds:
            return True
        self._born.pop(token, None)
        super().pop(token, None)
        return False

    def get(self, token, default=None):
        """The user of a live token, else ``default``."""
        return super().get(token, default) if self._alive(token) else default

    def __contains__(self, token) -> bool:
        return self._alive(token)

    def keys(self):
        """The live tokens (the expired ones are forgotten first)."""
        for token in list(super().keys()):
            self._alive(token)
        return super().keys()

    def __iter__(self):
        return iter(self.keys())
