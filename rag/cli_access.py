"""``rag user`` and ``rag audit``: manage the app's accounts and read the audit trail. Wiring only;
the work is in rag/access."""

from __future__ import annotations

import argparse
import csv
import getpass
import io
import json
import os
import sys

from rag.settings import Settings

AUDIT_COLUMNS = ("time", "user", "action", "outcome", "kb", "kb_version", "question", "question_sha256",
                 "grounded", "chunks", "documents", "files", "detail")  # fmt: skip


def add_access_commands(sub, add) -> None:
    """Register ``user`` (add, list, remove, passwd) and ``audit`` on the CLI's subparsers."""
    u = add(sub, "user", "Manage the app's accounts (reader, editor, admin) in RAG_USERS_FILE.",
            "python -m rag user add 王老师 --role editor --kb default,laws")  # fmt: skip
    users = u.add_subparsers(metavar="ACTION")
    s = add(users, "add", "Add a user; the password is asked twice (or read from stdin).",
            "echo 's3cret-pass' | python -m rag user add reader1 --role reader --password-stdin")  # fmt: skip
    s.add_argument("name")
    s.add_argument("--role", required=True, help="reader (ask, read, export), editor (also add/remove "
                   "documents), admin (everything)")  # fmt: skip
    s.add_argument("--kb", default="", help="comma-separated knowledge bases the user may use (default: all)")
    s.add_argument("--password-stdin", action="store_true", help="read the password from stdin's first line")
    s.set_defaults(func=_cmd_user_add)
    s = add(users, "list", "List the users, their roles and knowledge bases (never a password).",
            "python -m rag user list --json")  # fmt: skip
    s.add_argument("--json", action="store_true", help="print [{name, role, kbs, locked}]")
    s.set_defaults(func=_cmd_user_list)
    s = add(users, "remove", "Remove a user.", "python -m rag user remove reader1")
    s.add_argument("name")
    s.set_defaults(func=_cmd_user_remove)
    s = add(users, "passwd", "Set a user's password (this also unlocks the account).",
            "python -m rag user passwd reader1")  # fmt: skip
    s.add_argument("name")
    s.add_argument("--password-stdin", action="store_true", help="read the password from stdin's first line")
    s.set_defaults(func=_cmd_user_passwd)
    u.set_defaults(func=lambda _a, _s: u.print_help() or 2)
    d = add(sub, "delete-kb", "Delete a knowledge base and its files (not a bundled one, not the default).",
            "python -m rag delete-kb 培训资料 --yes")  # fmt: skip
    d.add_argument("name")
    d.add_argument("--yes", action="store_true", help="confirm: the files cannot be recovered")
    d.set_defaults(func=_cmd_delete_kb)
    a = add(sub, "audit", "Read the audit trail (RAG_AUDIT_LOG, rotated files included), oldest first.",
            "python -m rag audit --user reader1 --since 2026-12-01 --action ask --csv audit.csv")  # fmt: skip
    a.add_argument("--user", default=None, help="only this user's records")
    a.add_argument("--since", type=_since, default=None, help="a date or time (UTC), e.g. 2026-12-01T08:00")
    a.add_argument("--action", default=None, help="ask, search, export, upload, remove, login, …")
    out = a.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="one JSON object a line")
    out.add_argument("--csv", metavar="FILE", help="write the records to a CSV file (UTF-8 with BOM)")
    a.set_defaults(func=_cmd_audit)


def cli_user() -> str:
    """The name the audit trail gives a command-line user: ``cli:<login name>``."""
    try:
        return "cli:" + getpass.getuser()
    except (KeyError, OSError):
        return f"cli:uid{os.getuid()}"


def audit_log(settings: Settings):
    """The audit log the settings name (rag.access.AuditLog)."""
    from rag.access import AuditLog

    return AuditLog(settings.audit_path(), max_bytes=int(settings.audit_max_mb * (1 << 20)),
                    questions=settings.audit_questions)  # fmt: skip


def _store(settings: Settings):
    from rag.access import UserStore

    return UserStore(settings.users_path(), lockout_minutes=settings.lockout_minutes)


def _password(from_stdin: bool) -> str:
    """The new password: stdin's first line, or typed twice without echo."""
    from rag.errors import AccessError
    from rag.strings import t

    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(t("password_prompt"))
    if getpass.getpass(t("password_again")) != first:
        raise AccessError("password_mismatch")
    return first


def _cmd_user_add(args: argparse.Namespace, settings: Settings) -> int:
    from rag.access.users import check_user
    from rag.cli import both

    kbs = tuple(k.strip() for k in args.kb.split(",") if k.strip())
    store = _store(settings)
    store.users()  # a damaged file, a bad name or an unknown role is said before the password is asked
    check_user(args.name, args.role, kbs)
    user = store.add(args.name, args.role, _password(args.password_stdin), kbs)
    grants = ",".join(kbs) or "*"
    audit_log(settings).record(cli_user(), "user_add", detail=f"{user.name} {user.role} {grants}")
    print(both("user_added", name=user.name, role=user.role))
    return 0


def _cmd_user_list(args: argparse.Namespace, settings: Settings) -> int:
    rows = [u.public() for u in _store(settings).users().values()]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        kbs = ",".join(r["kbs"]) or "*"
        print(f"{r['name']:<20} {r['role']:<7} {kbs}{'  (locked)' if r['locked'] else ''}")
    return 0


def _cmd_user_remove(args: argparse.Namespace, settings: Settings) -> int:
    from rag.cli import both

    _store(settings).remove(args.name)
    audit_log(settings).record(cli_user(), "user_remove", detail=args.name)
    print(both("user_removed", name=args.name))
    return 0


def _cmd_user_passwd(args: argparse.Namespace, settings: Settings) -> int:
    from rag.cli import both

    store = _store(settings)
    store.need(args.name)  # an unknown name is said before any password is typed
    store.set_password(args.name, _password(args.password_stdin))
    audit_log(settings).record(cli_user(), "user_passwd", detail=args.name)
    print(both("user_passwd", name=args.name))
    return 0


def _cmd_delete_kb(args: argparse.Namespace, settings: Settings) -> int:
    from rag.cli import both
    from rag.errors import IndexError_
    from rag.kb import delete_knowledge_base, delete_refusal

    if not args.yes:
        raise IndexError_(both("delete_kb_yes"))
    name = args.name.strip()
    refusal = delete_refusal(settings.index_dir, name, keep=(settings.kb,))
    if refusal:  # said in both languages, and the refusal is on the trail too
        audit_log(settings).record(cli_user(), "delete_kb", outcome="error", kb=name[:80])
        raise IndexError_(both(refusal, name=name[:80]))
    delete_knowledge_base(settings.index_dir, name, keep=(settings.kb,), lang="en")
    audit_log(settings).record(cli_user(), "delete_kb", kb=name)
    print(both("kb_deleted", name=name))
    return 0


def _since(text: str) -> str:
    from rag.access.audit import _since as parse

    try:
        parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc
    return text


def _cmd_audit(args: argparse.Namespace, settings: Settings) -> int:
    from rag.access.audit import select

    records, skipped = audit_log(settings).read()
    records = select(records, user=args.user, action=args.action, since=args.since)
    if skipped:
        from rag.cli import both

        print(both("audit_skipped", n=skipped), file=sys.stderr)
    if args.csv:
        _write_csv(args.csv, records)
        return 0
    for r in records:
        if args.json:
            print(json.dumps(r.to_dict(), ensure_ascii=False))
        else:
            what = r.question or r.detail or " ".join(name for name, _ in r.files) or ""
            print(f"{r.time}  {r.user:<14} {r.action:<12} {r.outcome:<6} {r.kb or '-':<10} {what[:60]}")
    return 0


def _write_csv(path: str, records: list) -> None:
    from pathlib import Path

    from rag.versions import write_atomically

    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(AUDIT_COLUMNS)
    for r in records:
        d = r.to_dict()
        writer.writerow([_cell(d.get(c)) for c in AUDIT_COLUMNS])
    write_atomically(Path(path), lambda tmp: tmp.write_text(buf.getvalue(), encoding="utf-8-sig"))


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(":".join(x) if isinstance(x, (list, tuple)) else str(x) for x in value)
    return str(value)
