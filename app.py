"""The chat app: ask the knowledge base, read the cited sources, browse and manage the library.

Only wiring lives here: the layout and handlers that call ``rag`` functions. ``python app.py``
builds or loads the default index and serves on RAG_HOST:RAG_PORT (default 127.0.0.1:7860).
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # read when gradio is imported

import time
from dataclasses import replace
from pathlib import Path

import gradio as gr

from rag.access import Gate, refuse_open_network
from rag.app_access import allow, audit_tab, bind, launch, page_for
from rag.app_api import add_api, add_documents, kb_version, remove_document
from rag.chat import Turn, answer_pieces
from rag.errors import QuestionError, RagError
from rag.export import export_files
from rag.kit import TYPES, field_names
from rag.kit.export import KIT_BRIEFS, KIT_FIGURES, KIT_QUIZ, kit_files, kit_markdown, kit_source_label
from rag.loaders import load_paths
from rag.memory import limit_malloc_arenas, release_freed_memory
from rag.render import (
    chat_text,
    render_answer,
    render_header,
    render_library,
    render_message,
    render_preview,
    render_sources,
    render_sources_title,
)
from rag.service import Bases, check_kb_name
from rag.settings import Settings
from rag.strings import t

STATIC = Path(__file__).resolve().parent / "rag" / "static"
LANGS = [("中文", "zh"), ("English", "en")]
# Example questions of each bundled knowledge base (others show the default's until asked).
EXAMPLES = {
    "default": (
        "江阴市空气质量优良天数比率是多少？",
        "谁写了关于粮食安全的文章？",
        "哪些文章提到了“一带一路”？",
        "陶波是什么职务？",
        "What proportion of Wuxi's industrial output comes from high-tech industries?",
    ),
    "laws": (
        "国家安全法第二条规定了什么？",
        "哪一条规定了关键信息基础设施的个人信息应当在境内存储？",
        "全民国家安全教育日是哪一天？",
        "一共收录了几部法律？",
        "Under the Data Security Law, who is responsible for data security in each region?",
    ),
}
# The same in the English interface: English questions (answered in English, quoting the Chinese).
EXAMPLES_EN = {
    "default": (
        "What was Jiangyin's rate of good air quality days?",
        "Who wrote about food security?",
        "Which articles mention the Belt and Road?",
        "What is Tao Bo's position?",
        "What proportion of Wuxi's industrial output comes from high-tech industries?",
    ),
    "laws": (
        "What does Article 2 of the National Security Law say?",
        "Under the Cybersecurity Law, how long must network logs be kept?",
        "When is National Security Education Day?",
        "How many laws are in the collection?",
        "Under the Data Security Law, who is responsible for data security in each region?",
    ),
}
UPLOAD_TYPES = [".txt", ".md", ".docx", ".pdf", ".html", ".htm"]
PRIVATE = {"api_visibility": "private"}  # UI events are not API endpoints; /ask and the document ones are
_TRACK_TQDM = gr.Progress(track_tqdm=True)  # the knowledge base's embedding bar drives the UI bar


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
                library = gr.HTML(_library(bases, None, "zh") if everyone else "", elem_id="rag-library")
            with gr.Tab(t("tab_kit"), elem_id="rag-tab-kit") as ui["tab_kit"]:
                ui |= _kit_tab(bases, gate, lang, ui["kb_pick"], everyone)
            with gr.Tab(t("tab_manage"), elem_id="rag-tab-manage", visible=everyone) as ui["tab_manage"]:
                ui |= _manage_tab(bases, gate, lang, ui["kb_pick"], library, everyone)
            with gr.Tab(t("tab_audit"), elem_id="rag-tab-audit", visible=everyone) as ui["tab_audit"]:
                ui |= audit_tab(gate, lang)
        switch = bind(_switch_kb, bases, gate)
        example_buttons = [ui[n] for n in ui if n.startswith("example_")]
        shown_for_kb = [library, ui["remove_pick"], ui["kit_docs"], *example_buttons]
        ui["kb_pick"].change(switch, [ui["kb_pick"], lang], shown_for_kb, **PRIVATE)
        demo.load(bind(page_for, gate, bases.names, settings.kb), None,
                  [ui["kb_pick"], ui["tab_manage"], ui["create_row"], ui["tab_audit"], who, ui["logout"]],
                  **PRIVATE).then(switch, [ui["kb_pick"], lang], shown_for_kb, **PRIVATE)  # fmt: skip
        # The interface starts in the browser's language, as Gradio's own strings (upload box) do.
        demo.load(_browser_lang, None, ui["lang_radio"], **PRIVATE)
        names = list(ui)
        # Gradio's own strings (the upload box, its warnings) follow the toggle too, not the browser:
        # its locale switches in the browser first, then our strings, then the upload box is re-shown
        ui["lang_radio"].change(
            bind(_relabel, bases, gate, names), [ui["lang_radio"], turns, ui["kb_pick"]],
            [lang, *ui.values(), library], js=_gradio_locale_js(), **PRIVATE,
        ).then(lambda: gr.update(visible=True), None, ui["files"], **PRIVATE)  # fmt: skip

        add_api(bases, gate)
    return demo


def _allowed(bases: Bases, gate: Gate, request, action: str, kb: str | None, lang: str):
    """The user, if they may do ``action`` in knowledge base ``kb`` (empty: the default one)."""
    return allow(gate, request, action, kb or bases.settings.kb, lang)


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
    header = (request.headers.get("accept-language") or "") if request else ""
    for part in header.lower().split(","):
        code = part.split(";")[0].strip()
        if code.startswith("zh"):
            return "zh"
        if code.startswith("en"):
            return "en"
    return "zh"


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
                    for i, q in enumerate(_examples(bases.settings.kb))
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
    user = _allowed(bases, gate, request, "ask", kb_name, lang)
    if not (raw or "").strip():
        raise gr.Error(t("empty_question", lang))
    history, past = [*(history or []), {"role": "user", "content": chat_text(raw[:2000])}], past or []
    keep = (past, gr.update(), "", gr.update(), gr.update(), gr.update())
    yield [*history, {"role": "assistant", "content": t("searching", lang)}], *keep
    try:
        asked = bases.ask(raw, kb_name, past, lang, generate=False)
    except QuestionError:
        yield [*history, {"role": "assistant", "content": render_message(t("no_content", lang))}], *keep
        return
    except RagError as exc:
        raise gr.Error(t("app_error", lang, error=str(exc))) from exc
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
    user = _allowed(bases, gate, request, "export", kb_name, lang)
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
            gr.update() for _ in _examples(None))
    _allowed(bases, gate, request, "read", name, lang)
    try:
        library, choices = _library(bases, name, lang), _doc_choices(bases, name)
        units = gr.update(choices=_unit_choices(bases, name), value=[])
    except RagError as exc:  # e.g. a corrupted index: say so, keep the page usable
        raise gr.Error(t("app_error", lang, error=str(exc))) from exc
    return library, choices, units, *(gr.update(value=q) for q in _examples(name, lang))


def _examples(name: str | None, lang: str = "zh") -> tuple[str, ...]:
    table = EXAMPLES_EN if lang == "en" else EXAMPLES
    return table.get(name or "", table["default"])


def _library(bases: Bases, name: str | None, lang: str) -> str:
    """The library panel of knowledge base ``name`` with each unit's security fields."""
    return render_library(bases.get(name).sources(), lang, bases.kit(name).tags())


def _doc_choices(bases: Bases, name: str | None):
    return gr.update(choices=[(s.path, s.source_id) for s in bases.get(name).sources()], value=None)


def _kit_tab(bases: Bases, gate: Gate, lang, kb_pick, everyone: bool) -> dict:
    """The 备课 tab: a quiz, a key-figure table or briefs of the chosen units, previewed, trimmed
    item by item and downloaded as Word and Markdown (rag.kit does the work)."""
    state = gr.State({})
    with gr.Row(equal_height=True):
        what = gr.Radio(
            _kit_whats("zh"), value=KIT_QUIZ, label=t("kit_what"), elem_id="rag-kit-what", scale=2
        )
        fields = [("—", "")] + [(x, x) for x in field_names()]
        domain = gr.Dropdown(fields, value="", label=t("kit_domain_label"),
                             elem_id="rag-kit-domain", scale=1)  # fmt: skip
    docs = gr.Dropdown(_unit_choices(bases, None) if everyone else [], value=[], multiselect=True,
                       label=t("kit_docs_label"), elem_id="rag-kit-docs")  # fmt: skip
    with gr.Row(equal_height=True):
        n = gr.Number(
            10, precision=0, minimum=1, maximum=50, label=t("kit_n_label"), elem_id="rag-kit-n", scale=1
        )
        types = gr.CheckboxGroup(_kit_types("zh"), value=list(TYPES), label=t("kit_types_label"),
                                 elem_id="rag-kit-types", scale=2)  # fmt: skip
        seed = gr.Number(0, precision=0, label=t("kit_seed_label"), elem_id="rag-kit-seed", scale=1)
    with gr.Row():
        make = gr.Button(t("kit_make"), variant="primary", elem_id="rag-kit-make")
        again = gr.Button(t("kit_replace"), elem_id="rag-kit-replace")
        md_btn = gr.DownloadButton(t("kit_md"), elem_id="rag-kit-md", interactive=False)
        docx_btn = gr.DownloadButton(t("kit_docx"), elem_id="rag-kit-docx", interactive=False)
    items = gr.CheckboxGroup([], value=[], label=t("kit_items_label"), elem_id="rag-kit-items")
    preview = gr.Markdown(t("kit_preview_empty"), elem_id="rag-kit-preview")
    shown = [state, items, preview, md_btn, docx_btn]
    make.click(
        bind(_kit_make, bases, gate), [what, domain, docs, n, types, seed, kb_pick, lang], shown, **PRIVATE
    )
    again.click(bind(_kit_replace, bases, gate), [state, items, types, seed, domain, docs, kb_pick, lang],
                shown, **PRIVATE)  # fmt: skip
    items.input(_kit_show, [state, items, lang], shown, **PRIVATE)
    return {"kit_what": what, "kit_domain": domain, "kit_docs": docs, "kit_n": n, "kit_types": types,
            "kit_seed": seed, "kit_make": make, "kit_replace": again, "kit_md": md_btn, "kit_docx": docx_btn,
            "kit_items": items, "kit_preview": preview}  # fmt: skip


def _kit_whats(lang: str) -> list[tuple[str, str]]:
    return [(t(f"kit_what_{w}", lang), w) for w in (KIT_QUIZ, KIT_FIGURES, KIT_BRIEFS)]


def _kit_types(lang: str) -> list[tuple[str, str]]:
    return [(t(f"kit_type_{x}", lang), x) for x in TYPES]


def _unit_choices(bases: Bases, name: str | None) -> list[tuple[str, str]]:
    out = []
    for u in bases.get(name).units():
        label = f"《{u.title}》" if u.title else u.doc_id
        out.append((f"{label} {u.author or ''}".strip(), u.doc_id))
    return out


def _kit_make(bases: Bases, gate: Gate, what: str, domain: str, docs: list[str], n, types: list[str], seed,
              kb: str, lang: str, request: gr.Request | None = None):  # fmt: skip
    user = _allowed(bases, gate, request, "export", kb, lang)
    kit = bases.kit(kb)
    try:
        if what == KIT_QUIZ:
            records = kit.quiz(int(n or 10), types=types or TYPES, seed=int(seed or 0), domain=domain or None,
                               docs=docs or (), lang=lang).items  # fmt: skip
        elif what == KIT_FIGURES:
            records = kit.figures(domain=domain or None, docs=docs or (), lang=lang)
        elif docs:
            records = [kit.brief(d, seed=int(seed or 0), lang=lang) for d in docs]
        else:
            records = kit.briefs(domain=domain or None, seed=int(seed or 0), lang=lang)
    except RagError as exc:
        raise gr.Error(t("app_error", lang, error=str(exc))) from exc
    name = kb or bases.settings.kb
    state = {"what": what, "kb": kit_source_label(name, bases.get(name).provenance()), "records": records}
    gate.audit.record(user.name, "export", kb=kb or bases.settings.kb, kb_version=kb_version(bases, kb),
                      detail=f"kit {what}, {len(records)} items")  # fmt: skip
    return _kit_show(state, [str(i) for i in range(len(records))], lang)


def _kit_show(state: dict, ticked: list[str], lang: str):
    """The preview and the download files of the ticked records."""
    if not state:
        off = gr.update(value=None, interactive=False)
        return state, gr.update(choices=[], value=[]), t("kit_preview_empty", lang), off, off
    records = state["records"]
    keep = [records[int(i)] for i in ticked if int(i) < len(records)]
    choices = [(_kit_label(state["what"], r, i), str(i)) for i, r in enumerate(records, start=0)]
    md, docx = kit_files(state["what"], keep, kb=state["kb"], lang=lang)
    text = kit_markdown(state["what"], keep, kb=state["kb"], lang=lang)
    files = [gr.update(value=str(p), interactive=bool(keep)) for p in (md, docx)]
    return state, gr.update(choices=choices, value=list(ticked)), text, *files


def _kit_label(what: str, record, i: int) -> str:
    if what == KIT_QUIZ:
        return f"{i + 1}. {record.stem[:48]}…"
    if what == KIT_FIGURES:
        return f"{record.value}：{record.clause[:30]}"
    return f"《{record.unit.title or '—'}》 {record.unit.author or ''}".strip()


def _kit_replace(bases: Bases, gate: Gate, state: dict, ticked: list[str], types: list[str], seed,
                 domain: str, docs: list[str], kb: str, lang: str,
                 request: gr.Request | None = None):  # fmt: skip
    """Quiz items left unticked are replaced by new ones (another seed, none of the stems shown)."""
    _allowed(bases, gate, request, "export", kb, lang)
    if not state or state.get("what") != KIT_QUIZ:
        return _kit_show(state, ticked, lang)
    records = state["records"]
    kept = [records[int(i)] for i in ticked]
    missing = len(records) - len(kept)
    if missing:
        try:
            fresh = bases.kit(kb).quiz(missing, types=types or TYPES, seed=int(seed or 0) + len(records),
                                       domain=domain or None, docs=docs or (),
                                       avoid=[r.stem for r in records],
                                       lang=lang).items  # fmt: skip
        except RagError as exc:
            raise gr.Error(t("app_error", lang, error=str(exc))) from exc
        kept += fresh
        gr.Info(t("kit_replaced", lang, n=len(fresh)))
    state = {**state, "records": kept}
    return _kit_show(state, [str(i) for i in range(len(kept))], lang)


def _manage_tab(bases: Bases, gate: Gate, lang, kb_pick, library, everyone: bool) -> dict:
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
        remove_pick = gr.Dropdown(_doc_choices(bases, None)["choices"] if everyone else [], value=None,
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
        raise gr.Error(str(exc)) from exc
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
        raise gr.Error(str(exc)) from exc
    gate.audit.record(user.name, "delete_kb", kb=name)
    value = current if current != name else bases.settings.kb
    choices = gr.update(choices=gate.visible(user.name, bases.names()), value=value)
    return choices, t("kb_deleted", lang, name=name), ""


def _preview(bases: Bases, gate: Gate, paths: list[str] | None, name: str, lang: str,
             request: gr.Request | None = None):  # fmt: skip
    """What the chosen files hold; 「加入知识库」 is off when none of them can be read."""
    _allowed(bases, gate, request, "upload", name, lang)
    if not paths:
        raise gr.Error(t("no_files", lang))
    s = bases.settings
    sources, errors = load_paths(paths, max_bytes=s.max_upload_mb << 20, timeout=s.parse_timeout)
    return render_preview(sources, errors, lang), gr.update(interactive=bool(sources))


def _index(bases: Bases, gate: Gate, paths: list[str] | None, name: str, lang: str, progress=_TRACK_TQDM,
           request: gr.Request | None = None):  # fmt: skip
    user = _allowed(bases, gate, request, "upload", name, lang)
    if not paths:
        raise gr.Error(t("no_files", lang))
    progress(0, desc=t("indexing", lang))
    report = add_documents(bases, gate, user, paths, name, lang)
    done = len(report.added) + len(report.replaced) + len(report.unchanged)
    lines = [t("indexed" if done else "indexed_none", lang, added=done, failed=len(report.errors))]
    lines += [f"- {t('load_failed', lang, reason=str(e))}" for e in report.errors]
    return "\n".join(lines), None, "", _library(bases, name, lang), _doc_choices(bases, name)


def _remove(bases: Bases, gate: Gate, source_id: str | None, name: str, lang: str,
            request: gr.Request | None = None):  # fmt: skip
    user = _allowed(bases, gate, request, "remove", name, lang)
    if not source_id:
        raise gr.Error(t("nothing_selected", lang))
    kb = bases.get(name)
    label = next((s.path for s in kb.sources() if s.source_id == source_id), source_id)
    remove_document(bases, gate, user, source_id, name, lang)
    return t("removed", lang, name=label), _library(bases, name, lang), _doc_choices(bases, name)


def _retitle(bases: Bases, gate: Gate, source_id: str | None, title: str, name: str, lang: str,
             request: gr.Request | None = None):  # fmt: skip
    """Correct the title of the chosen document (a file with one unit)."""
    user = _allowed(bases, gate, request, "retitle", name, lang)
    if not source_id:
        raise gr.Error(t("nothing_selected", lang))
    if not (title or "").strip() or len(title.strip()) > 200:
        raise gr.Error(t("kb_bad_title", lang))
    kb = bases.get(name)
    try:
        unit = kb.retitle(source_id, title)
    except RagError as exc:
        raise gr.Error(t("app_error", lang, error=str(exc))) from exc
    gate.audit.record(user.name, "retitle", kb=name or bases.settings.kb, documents=(unit.doc_id,),
                      detail=title)
    choices = _doc_choices(bases, name)
    return t("retitled", lang, title=unit.title), _library(bases, name, lang), choices, ""


# Interface strings of each component, re-rendered when the language changes.
_LABELS = {
    "header": render_header,
    "kb_pick": lambda lg: gr.update(label=t("kb_label", lg)),
    "tab_chat": lambda lg: gr.update(label=t("tab_chat", lg)),
    "tab_library": lambda lg: gr.update(label=t("tab_library", lg)),
    "tab_manage": lambda lg: gr.update(label=t("tab_manage", lg)),
    "tab_kit": lambda lg: gr.update(label=t("tab_kit", lg)),
    "kit_what": lambda lg: gr.update(label=t("kit_what", lg), choices=_kit_whats(lg)),
    "kit_domain": lambda lg: gr.update(label=t("kit_domain_label", lg)),
    "kit_docs": lambda lg: gr.update(label=t("kit_docs_label", lg)),
    "kit_n": lambda lg: gr.update(label=t("kit_n_label", lg)),
    "kit_types": lambda lg: gr.update(label=t("kit_types_label", lg), choices=_kit_types(lg)),
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
        _allowed(bases, gate, request, "read", kb_name, lang)
        kb = bases.get(kb_name)
    out: list = [lang]
    for name in names:
        if name == "sources":
            units = {u.doc_id: u for u in kb.units()} if kb else {}
            keep, tags = bases.settings.source_turns, bases.kit(kb_name).tags() if kb else None
            out.append(render_sources(turns or [], units, lang, keep, tags=tags))
        elif name.startswith("example_"):
            out.append(gr.update(value=_examples(kb_name, lang)[int(name.removeprefix("example_"))]))
        else:
            out.append(_LABELS[name](lang) if name in _LABELS else gr.update())
    return [*out, _library(bases, kb_name, lang) if kb else ""]


def main() -> None:
    """Check it is safe to serve, build or load the default index, then serve the app (with logins
    when users exist)."""
    limit_malloc_arenas()  # before the server's worker threads exist
    settings = Settings.from_env()
    gate = Gate(settings)
    refusal = refuse_open_network(settings, gate)
    if refusal:  # before any model or index loads: the fix is one command away
        print(refusal, file=sys.stderr)
        raise SystemExit(2)
    demo = build_app(settings, gate=gate)
    release_freed_memory()  # what building or loading the index freed
    demo.queue(max_size=settings.max_queue, default_concurrency_limit=4)
    launch(
        demo, gate, settings.session_hours,
        server_name=settings.host,
        server_port=settings.port,
        max_file_size=f"{settings.max_upload_mb}mb",
        theme=gr.themes.Soft(primary_hue="red", neutral_hue="slate", font=["sans-serif"]),
        css_paths=[STATIC / "app.css"],
        js=(STATIC / "app.js").read_text(encoding="utf-8"),
        footer_links=["api"],
    )  # fmt: skip


if __name__ == "__main__":
    main()
