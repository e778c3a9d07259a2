"""The app's 知识库管理 tab: create and delete knowledge bases (admins), preview, add, remove and
retitle documents (editors), each handler checking the caller's role itself; and the library panel
and document list the other tabs share. Wiring only: the work is in rag.service and rag.kb."""

from __future__ import annotations

import gradio as gr

from rag.access import Gate
from rag.app_access import PRIVATE, allow, bind, failure
from rag.app_api import add_documents, remove_document
from rag.errors import RagError
from rag.loaders import load_paths
from rag.render import render_library, render_preview
from rag.service import Bases, check_kb_name
from rag.strings import t

UPLOAD_TYPES = [".txt", ".md", ".docx", ".pdf", ".html", ".htm"]
_TRACK_TQDM = gr.Progress(track_tqdm=True)  # the knowledge base's embedding bar drives the UI bar


def allowed(bases: Bases, gate: Gate, request, action: str, kb: str | None, lang: str):
    """The user, if they may do ``action`` in knowledge base ``kb`` (empty: the default one)."""
    return allow(gate, request, action, kb or bases.settings.kb, lang)


def library_panel(bases: Bases, name: str | None, lang: str) -> str:
    """The library panel of knowledge base ``name`` with each unit's security fields."""
    return render_library(bases.get(name).sources(), lang, bases.kit(name).tags())


def doc_choices(bases: Bases, name: str | None):
    return gr.update(choices=[(s.path, s.source_id) for s in bases.get(name).sources()], value=None)


def manage_tab(bases: Bases, gate: Gate, lang, kb_pick, library, everyone: bool) -> dict:
    with gr.Row(equal_height=True, visible=everyone) as create_row:  # admins only: shown by the load event
        new_name = gr.Textbox(label=t("new_kb_label"), scale=4, max_lines=1, elem_id="rag-new-kb")
        create = gr.Button(t("create_kb"), scale=1, elem_id="rag-create-kb")
        gone_name = gr.Textbox(label=t("delete_kb_label"), scale=4, max_lines=1, elem_id="rag-delete-kb-name")
        delete = gr.Button(t("delete_kb"), variant="stop", scale=1, elem_id="rag-delete-kb")
    files = gr.File(label=t("upload_label"), file_count="multiple", file_types=UPLOAD_TYPES, type="filepath",
                    elem_id="rag-upload")  # fmt: skip
    with gr.Row():
        preview_btn = gr.Button(t("preview_btn"), elem_id="rag-preview-btn")
        index_btn = gr.Button(t("index_btn"), variant="primary", elem_id="rag-index-btn")
    preview = gr.HTML(elem_id="rag-preview")
    status = gr.Markdown(elem_id="rag-status")
    with gr.Row(equal_height=True):
        remove_pick = gr.Dropdown(doc_choices(bases, None)["choices"] if everyone else [], value=None,
                                  label=t("remove_label"), scale=4, elem_id="rag-remove")  # fmt: skip
        remove_btn = gr.Button(t("remove_btn"), variant="stop", scale=1, elem_id="rag-remove-btn")
    with gr.Row(equal_height=True):
        new_title = gr.Textbox(label=t("retitle_label"), scale=4, max_lines=1, elem_id="rag-retitle")
        retitle_btn = gr.Button(t("retitle_btn"), scale=1, elem_id="rag-retitle-btn")
    create.click(bind(_create_kb, bases, gate), [new_name, lang], [kb_pick, status, new_name], **PRIVATE)
    delete.click(bind(_delete_kb, bases, gate), [gone_name, kb_pick, lang], [kb_pick, status, gone_name],
                 **PRIVATE)  # fmt: skip
    preview_btn.click(bind(_preview, bases, gate), [files, kb_pick, lang], [preview, index_btn], **PRIVATE)
    files.change(lambda _f: gr.update(interactive=True), files, index_btn, **PRIVATE)  # a new choice
    index_btn.click(bind(_index, bases, gate), [files, kb_pick, lang],
                    [status, files, preview, library, remove_pick], **PRIVATE)  # fmt: skip
    remove_btn.click(bind(_remove, bases, gate), [remove_pick, kb_pick, lang],
                     [status, library, remove_pick], **PRIVATE)  # fmt: skip
    retitle_btn.click(bind(_retitle, bases, gate), [remove_pick, new_title, kb_pick, lang],
                      [status, library, remove_pick, new_title], **PRIVATE)  # fmt: skip
    return {"create_row": create_row, "new_name": new_name, "create": create, "gone_name": gone_name,
            "delete": delete, "files": files,
            "preview_btn": preview_btn, "index_btn": index_btn, "remove_pick": remove_pick,
            "remove_btn": remove_btn, "new_title": new_title, "retitle_btn": retitle_btn}  # fmt: skip


def _create_kb(bases: Bases, gate: Gate, name: str, lang: str, request: gr.Request | None = None):
    user = allow(gate, request, "create_kb", None, lang)
    try:
        name = check_kb_name(name, lang)
        bases.get(name)
    except RagError as exc:
        raise failure(str(exc)) from exc
    gate.audit.record(user.name, "create_kb", kb=name)
    choices = gr.update(choices=gate.visible(user.name, bases.names()), value=name)
    return choices, t("kb_created", lang, name=name), ""


def _delete_kb(bases: Bases, gate: Gate, name: str, current: str, lang: str,
               request: gr.Request | None = None):  # fmt: skip
    """Delete the knowledge base whose full name was typed (admins only, checked here)."""
    name = (name or "").strip()
    user = allow(gate, request, "delete_kb", name or None, lang)
    try:
        bases.delete(check_kb_name(name, lang), lang)
    except RagError as exc:
        gate.audit.record(user.name, "delete_kb", outcome="error", kb=name, detail=str(exc)[:300])
        raise failure(str(exc)) from exc
    gate.audit.record(user.name, "delete_kb", kb=name)
    value = current if current != name else bases.settings.kb
    choices = gr.update(choices=gate.visible(user.name, bases.names()), value=value)
    return choices, t("kb_deleted", lang, name=name), ""


def _preview(bases: Bases, gate: Gate, paths: list[str] | None, name: str, lang: str,
             request: gr.Request | None = None):  # fmt: skip
    """What the chosen files hold; 「加入知识库」 is off when none of them can be read."""
    allowed(bases, gate, request, "upload", name, lang)
    if not paths:
        raise failure(t("no_files", lang))
    s = bases.settings
    sources, errors = load_paths(paths, max_bytes=s.max_upload_mb << 20, timeout=s.parse_timeout)
    return render_preview(sources, errors, lang), gr.update(interactive=bool(sources))


def _index(bases: Bases, gate: Gate, paths: list[str] | None, name: str, lang: str, progress=_TRACK_TQDM,
           request: gr.Request | None = None):  # fmt: skip
    user = allowed(bases, gate, request, "upload", name, lang)
    if not paths:
        raise failure(t("no_files", lang))
    progress(0, desc=t("indexing", lang))
    report = add_documents(bases, gate, user, paths, name, lang)
    done = len(report.added) + len(report.replaced) + len(report.unchanged)
    lines = [t("indexed" if done else "indexed_none", lang, added=done, failed=len(report.errors))]
    lines += [f"- {t('load_failed', lang, reason=str(e))}" for e in report.errors]
    return "\n".join(lines), None, "", library_panel(bases, name, lang), doc_choices(bases, name)


def _remove(bases: Bases, gate: Gate, source_id: str | None, name: str, lang: str,
            request: gr.Request | None = None):  # fmt: skip
    user = allowed(bases, gate, request, "remove", name, lang)
    if not source_id:
        raise failure(t("nothing_selected", lang))
    kb = bases.get(name)
    label = next((s.path for s in kb.sources() if s.source_id == source_id), source_id)
    remove_document(bases, gate, user, source_id, name, lang)
    return t("removed", lang, name=label), library_panel(bases, name, lang), doc_choices(bases, name)


def _retitle(bases: Bases, gate: Gate, source_id: str | None, title: str, name: str, lang: str,
             request: gr.Request | None = None):  # fmt: skip
    """Correct the title of the chosen document (a file with one unit)."""
    user = allowed(bases, gate, request, "retitle", name, lang)
    if not source_id:
        raise failure(t("nothing_selected", lang))
    if not (title or "").strip() or len(title.strip()) > 200:
        raise failure(t("kb_bad_title", lang))
    kb = bases.get(name)
    try:
        unit = kb.retitle(source_id, title)
    except RagError as exc:
        raise failure(t("app_error", lang, error=str(exc)), trace=True) from exc
    gate.audit.record(user.name, "retitle", kb=name or bases.settings.kb, documents=(unit.doc_id,),
                      detail=title)
    choices = doc_choices(bases, name)
    return t("retitled", lang, title=unit.title), library_panel(bases, name, lang), choices, ""
