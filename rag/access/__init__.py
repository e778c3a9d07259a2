"""Access control: users and roles (``users``), the audit trail (``audit``), and the app's gate."""

from __future__ import annotations

from rag.access.audit import AuditLog, AuditRecord
from rag.access.gate import ExpiringTokens, Gate, refuse_open_network
from rag.access.users import LOCAL, ROLES, User, UserStore, can

__all__ = ["LOCAL", "ROLES", "AuditLog", "AuditRecord", "ExpiringTokens", "Gate", "User", "UserStore", "can",
           "refuse_open_network"]  # fmt: skip
