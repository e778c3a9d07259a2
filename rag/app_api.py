"""The app's named endpoints for scripts (``/ask``, ``/add_documents``, ``/remove_document``) and the
audited document changes the page's buttons share with them. Every endpoint checks the caller's
role and knowledge base itself, through the gate, before anything happens."""

from __future__ import annotations

from pathlib import Path

import gradio as gr

from rag.access import Gate, User, can
from rag.access.audit import file_hashes
from rag.app_access import bind, failure
from rag.errors import AccessError, IndexError_, ModelError, RagError
from rag.question import question_lang
from rag.service import Bases, api_answer, check_kb_name
from rag.strings import t


def add_api(bases: Bases, gate: Gate) -> None:
    """Register ``/ask``, ``/add_documents`` and ``/remove_document`` on the Blocks being built."""

    def ask(question: str, kb: str = "", request: gr.Request | None = None) -> dict:
        """Answer ``question`` from knowledge base ``kb`` (the default if empty): the Answer JSON."""
        return _api_ask(bases, gate, question, kb, request)

    def remove(doc_id: str, kb: str = "", request: gr.Request | None = None) -> dict:
        """Remove a file or article (its id or a unique prefix, as in `rag list`) from ``kb``."""
        return _api_remove(bases, gate, doc_id, kb, request)

    gr.api(ask, api_name="ask")
    _api_add_endpoint(bases, gate)
    gr.api(remove, api_name="remove_document")


def add_documents(bases: Bases, gate: Gate, user: User, paths: list[str], name: str | None, lang: str):
    """Add uploaded files to knowledge base ``name`` (only an admin may start a new one), audited with
    each file's name and content hash; the uploads are deleted (the knowledge base keeps its own copy)."""
    name = name or bases.settings.kb
    files = file_hashes(paths)
    try:
        if name not in bases.names() and not can(user, "create_kb"):
            raise RagError(t("kb_missing", lang, name=name))
        report = bases.get(name).add(paths, progress=True)
    except RagError as exc:
        gate.audit.record(user.name, "upload", outcome="error", kb=name, files=files, detail=str(exc)[:300])
        raise failure(t("app_error", lang, error=str(exc)), trace=_operators(exc)) from exc
    finally:
        for path in paths:  # the upload is never served back
            Path(path).unlink(missing_ok=True)
    gate.audit.record(user.name, "upload", kb=name, kb_version=kb_version(bases, name), files=files,
                      detail=f"{len(report.added) + len(report.replaced)} added, {len(report.errors)} failed")
    return report


def remove_document(bases: Bases, gate: Gate, user: User, doc_id: str, name: str | None, lang: str) -> list:
    """Remove a file or unit by id (or unique prefix) from knowledge base ``name``, audited."""
    name = name or bases.settings.kb
    try:
        if name not in bases.names():
            raise RagError(t("kb_missing", lang, name=name))
        removed = bases.get(name).remove(doc_id)
    except RagError as exc:
        gate.audit.record(user.name, "remove", outcome="error", kb=name, detail=f"{doc_id}: {str(exc)[:300]}")
        raise failure(t("app_error", lang, error=str(exc)), trace=_operators(exc)) from exc
    gate.audit.record(user.name, "remove", kb=name, kb_version=kb_version(bases, name), detail=doc_id,
                      documents=tuple(u.doc_id for u in removed))  # fmt: skip
    return removed


def kb_version(bases: Bases, name: str | None) -> str | None:
    """The knowledge base's current version (manifest hash), as the audit trail records it."""
    found = bases.get(name).provenance()
    return found.version if found else None


def _api_ask(bases: Bases, gate: Gate, question: str, kb: str, request: gr.Request | None) -> dict:
    """``/ask``: the JSON of ``python -m rag ask --json``; problems become one clear error."""
    try:
        return api_answer(bases, gate, request.username if request else None, question, kb)
    except AccessError as exc:
        raise failure(exc.say(question_lang(question or ""))) from exc
    except RagError as exc:  # a bad knowledge-base name or question is the caller's; a model is not
        raise failure(str(exc), trace=isinstance(exc, ModelError)) from exc


def _operators(exc: Exception) -> bool:
    """Whether ``exc``, raised while a knowledge base is changed, is for an operator to look into (an
    index that cannot be written, a model that cannot load): it keeps its traceback in the server
    log; a user's file or name does not."""
    return isinstance(exc, (IndexError_, ModelError))


def _api_add_endpoint(bases: Bases, gate: Gate) -> None:
    """``/add_documents`` (files, kb) for scripts: hidden components, as a file upload needs one."""
    with gr.Row(visible=False):
        files = gr.File(file_count="multiple", type="filepath")
        kb, report, go = gr.Textbox(), gr.JSON(), gr.Button()
    go.click(bind(_api_add, bases, gate), [files, kb], report, api_name="add_documents")


def _api_add(bases: Bases, gate: Gate, paths: list[str] | None, kb: str, request: gr.Request | None = None
             ) -> dict:  # fmt: skip
    """Add the files to knowledge base ``kb`` (the default if empty): what ``rag build --json`` reports."""
    user = _api_allowed(bases, gate, request, "upload", kb)
    if not paths:
        raise failure(t("no_files", "zh") + " / " + t("no_files", "en"))
    report = add_documents(bases, gate, user, list(paths), kb or None, "en")
    return {**report.to_dict(), "kb": kb or bases.settings.kb}


def _api_remove(bases: Bases, gate: Gate, doc_id: str, kb: str, request: gr.Request | None) -> dict:
    """``/remove_document``: the units removed ({doc_id, title} each)."""
    user = _api_allowed(bases, gate, request, "remove", kb)
    if not (doc_id or "").strip():
        raise failure(t("nothing_selected", "zh") + " / " + t("nothing_selected", "en"))
    removed = remove_document(bases, gate, user, doc_id.strip(), kb or None, "en")
    units = [{"doc_id": u.doc_id, "title": u.title} for u in removed]
    return {"kb": kb or bases.settings.kb, "removed": units}


def _api_allowed(bases: Bases, gate: Gate, request, action: str, kb: str) -> User:
    """An API caller's permission: a bad knowledge-base name or a refusal, in both languages."""
    try:
        if kb:
            check_kb_name(kb, "en")
        return gate.allow(request.username if request else None, action, kb or bases.settings.kb)
    except RagError as exc:
        raise failure(str(exc)) from exc
