"""The chat app's interface: ask the knowledge base, read the cited sources, browse and manage the
library. Only wiring lives here: the layout and handlers that call ``rag`` functions. ``app.py``
serves it (after rag/app_boot.py's page, while this module's Gradio import runs).
"""

from __future__ import annotations

import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # read when gradio is imported

import time
from dataclasses import replace
from pathlib import Path

import gradio as gr

from rag.access import Gate
from rag.app_access import PRIVATE, audit_tab, bind, failure, mount, page_for
from rag.app_api import add_api
from rag.app_boot import browser_lang
from rag.app_examples import examples as example_questions
from rag.app_kit import kit_tab, kit_types, kit_whats, unit_choices
from rag.app_manage import allowed, doc_choices, library_panel, manage_tab
from rag.chat import Turn, answer_pieces
from rag.errors import QuestionError, RagError
from rag.export import export_files
from rag.memory import release_freed_memory
from rag.render import (
    chat_text,
    render_answer,
    render_header,
    render_message,
    render_sources,
    render_sources_title,
)
from rag.service import Bases
from rag.settings import Settings
from rag.strings import t

STATIC = Path(__file__).resolve().parent / "static"
LANGS = [("中文", "zh"), ("English", "en")]
def build_app(settings: Settings, bases: Bases | None = None, gate: Gate | None = None) -> gr.Blocks:
    """The whole UI; every handler shares one ``Bases`` (one encoder, each KB opened once) and one
    ``Gate`` (who may do what, and the audit trail). With users, nothing of a knowledge base is in
    the page until the load event has checked who is asking."""
    bases, gate = bases or Bases(settings), gate or Gate(settings)
    everyone = gate.anonymous  # no logins: the single local user sees everything at once
    # delete_cache: uploads and exports left in Gradio's cache are removed after an hour.
    with gr.Blocks(title=t("app_title"), analytics_enabled=False, delete_cache=(600, 3600)) as demo:
        lang, turns = gr.State("zh"), gr.State([])
        with gr.Row(equal_height=True, elem_id="rag-top"):
            ui = {"header": gr.HTML(render_header("zh"), scale=3)}
            ui["kb_pick"] = gr.Dropdown(bases.names() if everyone else [], label=t("kb_label"), scale=0,
                                        value=settings.kb if everyone else None, min_width=260,
                                        elem_id="rag-kb")  # fmt: skip
            ui["lang_radio"] = gr.Radio(LANGS, value="zh", show_label=False, scale=0, min_width=230,
                                        container=False, elem_id="rag-lang")  # fmt: skip
            with gr.Column(scale=0, min_width=160):
                who = gr.Markdown(visible=False, elem_id="rag-user")
                ui["logout"] = gr.Button(t("logout"), link="/logout", size="sm", visible=False,
                                         elem_id="rag-logout")  # fmt: skip
        with gr.Tabs():
            with gr.Tab(t("tab_chat"), elem_id="rag-tab-chat") as ui["tab_chat"]:
                ui |= _chat_tab(bases, gate, lang, turns, ui["kb_pick"])
            with gr.Tab(t("tab_library"), elem_id="rag-tab-library") as ui["tab_library"]:
                library = gr.HTML(library_panel(bases, None, "zh") if everyone else "", elem_id="rag-library")
            with gr.Tab(t("tab_kit"), elem_id="rag-tab-kit") as ui["tab_kit"]:
                ui |= kit_tab(bases, gate, lang, ui["kb_pick"], everyone)
            with gr.Tab(t("tab_manage"), elem_id="rag-tab-manage", visible=everyone) as ui["tab_manage"]:
                ui |= manage_tab(bases, gate, lang, ui["kb_pick"], library, everyone)
            with gr.Tab(t("tab_audit"), elem_id="rag-tab-audit", visible=everyone) as ui["tab_audit"]:
                ui |= audit_tab(gate, lang)
        switch = bind(_switch_kb, bases, gate)
        example_buttons = [ui[n] for n in ui if n.startswith("example_")]
        shown_for_kb = [library, ui["remove_pick"], ui["kit_docs"], *example_buttons]
        ui["kb_pick"].change(switch, [ui["kb_pick"], lang], shown_for_kb, **PRIVATE)
        # The interface starts in the browser's language, as Gradio's own strings (upload box) do: set
        # after the knowledge base's examples are shown, or a slow switch would put back the Chinese ones.
        demo.load(bind(page_for, gate, bases.names, settings.kb), None,
                  [ui["kb_pick"], ui["tab_manage"], ui["create_row"], ui["tab_audit"], who, ui["logout"]],
                  **PRIVATE).then(switch, [ui["kb_pick"], lang], shown_for_kb, **PRIVATE).then(
            _browser_lang, None, ui["lang_radio"], **PRIVATE)  # fmt: skip
        names = list(ui)
        # Gradio's own strings (the upload box, its warnings) follow the toggle too, not the browser:
        # its locale switches in the browser first, then our strings, then the upload box is re-shown
        ui["lang_radio"].change(
            bind(_relabel, bases, gate, names), [ui["lang_radio"], turns, ui["kb_pick"]],
            [lang, *ui.values(), library], js=_gradio_locale_js(), **PRIVATE,
        ).then(lambda: gr.update(visible=True), None, ui["files"], **PRIVATE)  # fmt: skip

        add_api(bases, gate)
    return demo


def _gradio_locale_js() -> str:
    """Browser code run first when the interface language changes (its first input): switch Gradio's
    built-in strings with the ``changeLocale`` its core module exports (Gradio has no Python setting
    for it), then pass the inputs on unchanged. The module's file name carries a build hash, so it
    is looked up in the installed Gradio; without it the toggle still relabels everything of ours and
    Gradio's strings keep the browser's language (the browser test would show it)."""
    assets = Path(gr.__file__).parent / "templates" / "frontend" / "assets"
    core = next(iter(sorted(assets.glob("core-*.js"))), None)
    if core is None:
        return "(...inputs) => inputs"
    return (
        "async (...inputs) => {\n"
        "  const entry = document.querySelector('script[type=\"module\"][src*=\"assets/index-\"]');\n"
        f"  const url = new URL({core.name!r}, entry ? entry.src : new URL('assets/', document.baseURI));\n"
        "  try {\n"
        "    const core = await import(url.href);\n"
        "    if (core.changeLocale) core.changeLocale(inputs[0] === 'en' ? 'en' : 'zh-CN');\n"
        "  } catch (e) {}\n"
        "  return inputs;\n"
        "}"
    )


def _browser_lang(request: gr.Request) -> str:
    """"en" when the browser prefers English to Chinese (Accept-Language), else "zh"."""
    return browser_lang(request.headers.get("accept-language") if request else None)


def _chat_tab(bases: Bases, gate: Gate, lang, turns, kb_pick) -> dict:
    with gr.Row():
        with gr.Column(scale=3):
            chatbot = gr.Chatbot(
                label=t("chat_label"), show_label=False, height=560, latex_delimiters=[],
                feedback_options=None, buttons=[], placeholder=t("chat_placeholder"), elem_id="rag-chat",
                group_consecutive_messages=False,
            )  # fmt: skip
            with gr.Row(equal_height=True):
                box = gr.Textbox(show_label=False, placeholder=t("question_placeholder"), scale=8, lines=1,
                                 max_lines=4, elem_id="rag-question", autofocus=True)  # fmt: skip
                send = gr.Button(t("send"), variant="primary", scale=1, min_width=90, elem_id="rag-send")
            with gr.Row(elem_classes="rag-examples"):
                examples = [
                    gr.Button(q, size="sm", variant="secondary", min_width=120, elem_id=f"rag-example-{i}")
                    for i, q in enumerate(example_questions(bases.settings.kb))
                ]
            pick = gr.CheckboxGroup([], value=[], label=t("export_pick"), elem_id="rag-export-turns",
                                    visible=False)  # fmt: skip
            with gr.Row():
                clear = gr.Button(t("clear"), size="sm", elem_id="rag-clear")
                md_btn = gr.DownloadButton(t("export_md"), size="sm", elem_id="rag-export-md",
                                           interactive=False)  # fmt: skip
                docx_btn = gr.DownloadButton(t("export_docx"), size="sm", elem_id="rag-export-docx",
                                             interactive=False)  # fmt: skip
        with gr.Column(scale=2):
            sources_title = gr.HTML(render_sources_title("zh"))
            sources = gr.HTML(render_sources([], {}, "zh"), elem_id="rag-sources")
    inputs = [box, chatbot, turns, kb_pick, lang, pick]
    outputs = [chatbot, turns, sources, box, md_btn, docx_btn, pick]
    respond = bind(_respond, bases, gate)
    box.submit(respond, inputs, outputs, **PRIVATE)
    send.click(respond, inputs, outputs, **PRIVATE)
    for button in examples:
        button.click(lambda q: q, button, box, **PRIVATE).then(respond, inputs, outputs, **PRIVATE)
    clear.click(_clear, lang, [chatbot, turns, sources, md_btn, docx_btn, pick], **PRIVATE)
    pick.input(_export_picked, [turns, pick, kb_pick, lang], [md_btn, docx_btn], **PRIVATE)
    for button, kind in ((md_btn, "markdown"), (docx_btn, "docx")):  # the download itself is audited
        button.click(bind(_audit_export, bases, gate, kind), [turns, pick, kb_pick, lang], None, **PRIVATE)
    return {"chatbot": chatbot, "box": box, "send": send, "clear": clear, "md_btn": md_btn,
            "docx_btn": docx_btn, "export_pick": pick, "sources_title": sources_title, "sources": sources,
            **{f"example_{i}": b for i, b in enumerate(examples)}}  # fmt: skip


def _respond(bases: Bases, gate: Gate, raw: str, history: list, past: list[Turn], kb_name: str, lang: str,
             picked: list[str] | None = None, request: gr.Request | None = None):  # fmt: skip
    """Answer one question: show it, stream the answer, then the cards and fresh export files."""
    user = allowed(bases, gate, request, "ask", kb_name, lang)
    if not (raw or "").strip():  # a stray Enter: say so, and leave the conversation as it is
        gr.Warning(t("empty_question", lang))
        yield tuple(gr.update() for _ in range(7))
        return
    history, past = [*(history or []), {"role": "user", "content": chat_text(raw[:2000])}], past or []
    keep = (past, gr.update(), "", gr.update(), gr.update(), gr.update())
    yield [*history, {"role": "assistant", "content": t("searching", lang)}], *keep
    try:
        asked = bases.ask(raw, kb_name, past, lang, generate=False)
    except QuestionError:
        yield [*history, {"role": "assistant", "content": render_message(t("no_content", lang))}], *keep
        return
    except RagError as exc:
        raise failure(t("app_error", lang, error=str(exc)), trace=True) from exc
    answer, number = asked.turn.answer, len(past) + 1
    stream = bases.stream(asked)
    for partial_text in stream if stream else answer_pieces(answer.answer)[:-1]:
        piece = replace(answer, answer=partial_text, note=None, related=())
        bubble = render_answer(piece, number, lang, final=False)
        yield [*history, {"role": "assistant", "content": bubble}], *keep
        if not stream:
            time.sleep(0.02)  # lets each extractive piece reach the browser as its own update
    if stream and stream.answer:  # the checked generator answer (or the extract it fell back to)
        asked = replace(asked, turn=replace(asked.turn, answer=stream.answer))
        answer = stream.answer
    turns = [*past, asked.turn]
    gate.record_answer(user, kb_name or bases.settings.kb, answer)
    history.append({"role": "assistant", "content": render_answer(answer, number, lang, asked.notes)})
    units = {u.doc_id: u for u in bases.get(kb_name).units()}
    picked = [*(picked or []), *([str(len(turns) - 1)] if answer.grounded else [])]  # refusals unticked
    files = _export_picked(turns, picked, kb_name, lang)
    panel = render_sources(turns, units, lang, bases.settings.source_turns, tags=bases.kit(kb_name).tags())
    yield history, turns, panel, "", *files, _pick_update(turns, picked)


def _pick_update(turns: list[Turn], picked: list[str]):
    """The list of turns the export holds: answered ones ticked, refusals not (the user may tick them)."""
    choices = [(f"{i + 1}. {turn.question[:40]}", str(i)) for i, turn in enumerate(turns)]
    return gr.update(choices=choices, value=picked, visible=bool(turns))


def _export_picked(turns: list[Turn], picked: list[str], kb_name: str, lang: str):
    """Fresh export files holding the ticked turns, in conversation order (buttons off when none)."""
    chosen = [turn for i, turn in enumerate(turns or []) if str(i) in set(picked or [])]
    if not chosen:
        return [gr.update(value=None, interactive=False)] * 2
    md, docx = export_files(chosen, lang, kb_name)
    return [gr.update(value=str(path), interactive=True) for path in (md, docx)]


def _audit_export(bases: Bases, gate: Gate, kind: str, turns: list[Turn], picked: list[str], kb_name: str,
                  lang: str, request: gr.Request | None = None) -> None:  # fmt: skip
    """Audit a conversation's download: the format, its questions' count, the documents it cites."""
    user = allowed(bases, gate, request, "export", kb_name, lang)
    chosen = [turn.answer for i, turn in enumerate(turns or []) if str(i) in set(picked or [])]
    cited = tuple(dict.fromkeys(c.doc_id for a in chosen for c in a.citations))
    version = next((a.provenance.version for a in chosen if a.provenance), None)
    gate.audit.record(user.name, "export", kb=kb_name or bases.settings.kb, kb_version=version,
                      documents=cited, detail=f"{kind}, {len(chosen)} turns")  # fmt: skip


def _clear(lang: str):
    off = gr.update(value=None, interactive=False)
    return [], [], render_sources([], {}, lang), off, off, gr.update(choices=[], value=[], visible=False)


def _switch_kb(bases: Bases, gate: Gate, name: str | None, lang: str, request: gr.Request | None = None):
    """The library, the removal list, the lesson kit's units and the examples of knowledge base ``name``."""
    if not name and not gate.anonymous:  # a user granted no knowledge base sees none
        return "", gr.update(choices=[], value=None), gr.update(choices=[], value=[]), *(
            gr.update() for _ in example_questions(None))
    allowed(bases, gate, request, "read", name, lang)
    try:
        library, choices = library_panel(bases, name, lang), doc_choices(bases, name)
        units = gr.update(choices=unit_choices(bases, name), value=[])
    except RagError as exc:  # e.g. a corrupted index: say so, keep the page usable
        raise failure(t("app_error", lang, error=str(exc)), trace=True) from exc
    return library, choices, units, *(gr.update(value=q) for q in example_questions(name, lang))


# Interface strings of each component, re-rendered when the language changes.
_LABELS = {
    "header": render_header,
    "kb_pick": lambda lg: gr.update(label=t("kb_label", lg)),
    "tab_chat": lambda lg: gr.update(label=t("tab_chat", lg)),
    "tab_library": lambda lg: gr.update(label=t("tab_library", lg)),
    "tab_manage": lambda lg: gr.update(label=t("tab_manage", lg)),
    "tab_kit": lambda lg: gr.update(label=t("tab_kit", lg)),
    "kit_what": lambda lg: gr.update(label=t("kit_what", lg), choices=kit_whats(lg)),
    "kit_domain": lambda lg: gr.update(label=t("kit_domain_label", lg)),
    "kit_docs": lambda lg: gr.update(label=t("kit_docs_label", lg)),
    "kit_n": lambda lg: gr.update(label=t("kit_n_label", lg)),
    "kit_types": lambda lg: gr.update(label=t("kit_types_label", lg), choices=kit_types(lg)),
    "kit_seed": lambda lg: gr.update(label=t("kit_seed_label", lg)),
    "kit_make": lambda lg: gr.update(value=t("kit_make", lg)),
    "kit_replace": lambda lg: gr.update(value=t("kit_replace", lg)),
    "kit_md": lambda lg: gr.update(label=t("kit_md", lg)),
    "kit_docx": lambda lg: gr.update(label=t("kit_docx", lg)),
    "kit_items": lambda lg: gr.update(label=t("kit_items_label", lg)),
    "chatbot": lambda lg: gr.update(label=t("chat_label", lg), placeholder=t("chat_placeholder", lg)),
    "box": lambda lg: gr.update(placeholder=t("question_placeholder", lg)),
    "send": lambda lg: gr.update(value=t("send", lg)),
    "clear": lambda lg: gr.update(value=t("clear", lg)),
    "md_btn": lambda lg: gr.update(label=t("export_md", lg)),
    "docx_btn": lambda lg: gr.update(label=t("export_docx", lg)),
    "export_pick": lambda lg: gr.update(label=t("export_pick", lg)),
    "sources_title": render_sources_title,
    "new_name": lambda lg: gr.update(label=t("new_kb_label", lg)),
    "create": lambda lg: gr.update(value=t("create_kb", lg)),
    "gone_name": lambda lg: gr.update(label=t("delete_kb_label", lg)),
    "delete": lambda lg: gr.update(value=t("delete_kb", lg)),
    # hidden here and shown again right after (build_app): the upload box writes Gradio's own
    # strings ("Drop File Here") once when it is shown, so it is re-shown in the new language
    "files": lambda lg: gr.update(label=t("upload_label", lg), visible=False),
    "preview_btn": lambda lg: gr.update(value=t("preview_btn", lg)),
    "index_btn": lambda lg: gr.update(value=t("index_btn", lg)),
    "remove_pick": lambda lg: gr.update(label=t("remove_label", lg)),
    "remove_btn": lambda lg: gr.update(value=t("remove_btn", lg)),
    "new_title": lambda lg: gr.update(label=t("retitle_label", lg)),
    "retitle_btn": lambda lg: gr.update(value=t("retitle_btn", lg)),
    "tab_audit": lambda lg: gr.update(label=t("tab_audit", lg)),
    "logout": lambda lg: gr.update(value=t("logout", lg)),
    "audit_user": lambda lg: gr.update(label=t("audit_filter_user", lg)),
    "audit_action": lambda lg: gr.update(label=t("audit_filter_action", lg)),
    "audit_refresh": lambda lg: gr.update(value=t("audit_refresh", lg)),
}


def _relabel(bases: Bases, gate: Gate, names: list[str], lang: str, turns: list[Turn], kb_name: str | None,
             request: gr.Request | None = None):  # fmt: skip
    """Every interface string in ``lang``; the sources panel and the library are re-rendered too."""
    kb = None
    if kb_name or gate.anonymous:  # a user granted no knowledge base has no library to show
        allowed(bases, gate, request, "read", kb_name, lang)
        kb = bases.get(kb_name)
    out: list = [lang]
    for name in names:
        if name == "sources":
            units = {u.doc_id: u for u in kb.units()} if kb else {}
            keep, tags = bases.settings.source_turns, bases.kit(kb_name).tags() if kb else None
            out.append(render_sources(turns or [], units, lang, keep, tags=tags))
        elif name.startswith("example_"):
            out.append(gr.update(value=example_questions(kb_name, lang)[int(name.removeprefix("example_"))]))
        else:
            out.append(_LABELS[name](lang) if name in _LABELS else gr.update())
    return [*out, library_panel(bases, kb_name, lang) if kb else ""]


def build(settings: Settings, bases: Bases, gate: Gate):
    """The whole interface as an ASGI app for rag/app_boot.py to serve (Gradio's queue, its login
    when users exist, the theme and the page's own CSS and script)."""
    demo = build_app(settings, bases, gate)
    release_freed_memory()  # what building the interface freed
    demo.queue(max_size=settings.max_queue, default_concurrency_limit=4)
    return mount(
        demo, gate, settings.session_hours,
        server_name=settings.host,
        server_port=settings.port,
        max_file_size=f"{settings.max_upload_mb}mb",
        theme=gr.themes.Soft(primary_hue="red", neutral_hue="slate", font=["sans-serif"]),
        css_paths=[STATIC / "app.css"],
        js=(STATIC / "app.js").read_text(encoding="utf-8"),
        footer_links=["api"],
    )  # fmt: skip
