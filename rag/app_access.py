"""The app's access wiring (Gradio side of rag/access): the login check, who sees what on the page,
the admin's audit tab, and serving with logins that expire.

Hiding a tab is only for the eye: every handler calls ``allow`` itself before it does anything.
"""

from __future__ import annotations

import asyncio
import inspect
import typing
from collections.abc import Callable

import gradio as gr

from rag.access import ExpiringTokens, Gate, User
from rag.access.audit import select
from rag.errors import AccessError
from rag.strings import t

PRIVATE = {"api_visibility": "private"}  # UI events are not API endpoints; /ask and the document ones are
AUDIT_ACTIONS = ("", "ask", "search", "export", "upload", "remove", "retitle", "create_kb", "delete_kb",
                 "login", "login_failed", "user_add", "user_remove", "user_passwd")  # fmt: skip
AUDIT_ROWS = 500  # newest records shown in the tab; `rag audit` reads them all


def bind(fn: Callable, *args) -> Callable:
    """``functools.partial(fn, *args)`` that keeps ``fn``'s type hints: Gradio passes ``gr.Request`` to a
    parameter by its annotation, and reads none through a partial (the handler would see no user)."""
    hints = typing.get_type_hints(fn)
    sig = inspect.signature(fn)
    params = list(sig.parameters.values())[len(args):]
    if inspect.isgeneratorfunction(fn):  # Gradio streams only what a generator function yields

        def call(*rest, **kwargs):
            yield from fn(*args, *rest, **kwargs)
    else:

        def call(*rest, **kwargs):
            return fn(*args, *rest, **kwargs)

    call.__signature__ = sig.replace(parameters=params)
    call.__annotations__ = {k: v for k, v in hints.items() if k == "return" or k in {p.name for p in params}}
    call.__name__, call.__doc__ = fn.__name__, fn.__doc__
    return call


def failure(message: str, *, trace: bool = False) -> gr.Error:
    """What the interface raises for a request it cannot carry out: ``message`` in the user's
    language. A bad name, no file chosen or an unreadable document is the user's input, already
    explained, and leaves no traceback in the server log; ``trace`` keeps it for the errors an
    operator must look into (a knowledge base that cannot be read or written). (Gradio 6 titles the
    toast by its kind, "Error", whatever title is passed.)"""
    return gr.Error(message, print_exception=trace)


def allow(gate: Gate, request: gr.Request | None, action: str, kb: str | None, lang: str) -> User:
    """The user behind ``request`` if they may do ``action`` in ``kb``; otherwise a ``gr.Error`` in
    ``lang`` (the refusal is audited by the gate)."""
    try:
        return gate.allow(request.username if request else None, action, kb)
    except AccessError as exc:
        raise failure(exc.say(lang)) from exc


def login_check(gate: Gate):
    """Gradio's ``auth`` callable: the password and the lockout, audited; the slow hash runs off the
    server's event loop."""

    async def check(username: str, password: str) -> bool:
        return await asyncio.to_thread(gate.login, username, password)

    return check


def page_for(gate: Gate, names: Callable[[], list[str]], default: str, request: gr.Request | None = None):
    """The load event: what this user's page shows (their knowledge bases, the tabs and buttons their
    role allows, who is logged in and the logout link when there are logins)."""
    username = request.username if request else None
    try:
        user = gate.user(username)
    except AccessError as exc:
        raise failure(exc.say("zh")) from exc
    mine = gate.visible(username, names())
    value = default if default in mine else (mine[0] if mine else None)
    edits, admin = user.role in ("editor", "admin"), user.role == "admin"
    who = "" if gate.anonymous else f"**{user.name}** · {user.role}"
    return (gr.update(choices=mine, value=value), gr.update(visible=edits), gr.update(visible=admin),
            gr.update(visible=admin), gr.update(value=who, visible=bool(who)),
            gr.update(visible=not gate.anonymous))  # fmt: skip


def audit_tab(gate: Gate, lang) -> dict:
    """The admin's view of the audit trail: filters, refresh, the newest records first."""
    with gr.Row(equal_height=True):
        user = gr.Textbox(label=t("audit_filter_user"), max_lines=1, scale=2, elem_id="rag-audit-user")
        action = gr.Dropdown(list(AUDIT_ACTIONS), value="", label=t("audit_filter_action"), scale=2,
                             elem_id="rag-audit-action")  # fmt: skip
        refresh = gr.Button(t("audit_refresh"), scale=1, elem_id="rag-audit-refresh")
    note = gr.Markdown(elem_id="rag-audit-note")
    table = gr.Dataframe(headers=t("audit_headers").split("|"), interactive=False, wrap=True,
                         elem_id="rag-audit-table")  # fmt: skip
    refresh.click(bind(_audit_rows, gate), [user, action, lang], [table, note], api_visibility="private")
    return {"audit_user": user, "audit_action": action, "audit_refresh": refresh, "audit_table": table,
            "audit_note": note}  # fmt: skip


def _audit_rows(gate: Gate, user: str, action: str, lang: str, request: gr.Request | None = None):
    """The newest audit records (filtered) as table rows; admins only."""
    allow(gate, request, "audit", None, lang)
    records, skipped = gate.audit.read()
    picked = select(records, user=(user or "").strip() or None, action=action or None)[-AUDIT_ROWS:]
    rows = [[r.time, r.user, r.action, r.outcome, r.kb or "", r.question or r.question_sha256 or r.detail
             or "", "" if r.grounded is None else str(r.grounded), " ".join(r.chunks),
             " ".join(f"{n}:{h[:12]}" for n, h in r.files)] for r in reversed(picked)]  # fmt: skip
    header = t("audit_headers", lang).split("|")
    note = t("audit_skipped", lang, n=skipped) if skipped else ""
    return gr.update(value=rows or [[""] * len(header)], headers=header), note


def mount(demo: gr.Blocks, gate: Gate, session_hours: float, **options):
    """``demo`` as an ASGI app (Gradio mounted at ``/`` of a bare FastAPI app) for rag/app_boot.py
    to serve: with Gradio's login when users exist, each login valid ``session_hours``. ``options``
    are ``gr.mount_gradio_app``'s (theme, css, js, limits)."""
    from fastapi import FastAPI
    from starlette.routing import Mount

    auth = {} if gate.anonymous else {"auth": login_check(gate), "auth_message": t("auth_message")}
    parent = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)  # only Gradio's routes
    parent = gr.mount_gradio_app(parent, demo, "/", **auth, **options)
    if not gate.anonymous:
        # Gradio keeps a login until the server stops; its token table becomes one whose entries expire.
        app = next(r.app for r in parent.routes if isinstance(r, Mount))
        app.tokens = ExpiringTokens(session_hours * 3600)
    return parent
