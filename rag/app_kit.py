"""The app's 备课 tab: a quiz, a key-figure table or briefs of the chosen units, previewed, trimmed
item by item and downloaded as Word and Markdown. Wiring only: rag.kit does the work."""

from __future__ import annotations

import gradio as gr

from rag.access import Gate
from rag.app_access import PRIVATE, bind, failure
from rag.app_api import kb_version
from rag.app_manage import allowed
from rag.errors import RagError
from rag.kit import TYPES, field_names
from rag.kit.export import KIT_BRIEFS, KIT_FIGURES, KIT_QUIZ, kit_files, kit_markdown, kit_source_label
from rag.service import Bases
from rag.strings import t
from rag.text import book


def kit_tab(bases: Bases, gate: Gate, lang, kb_pick, everyone: bool) -> dict:
    """The 备课 tab: a quiz, a key-figure table or briefs of the chosen units, previewed, trimmed
    item by item and downloaded as Word and Markdown (rag.kit does the work)."""
    state = gr.State({})
    with gr.Row(equal_height=True):
        what = gr.Radio(
            kit_whats("zh"), value=KIT_QUIZ, label=t("kit_what"), elem_id="rag-kit-what", scale=2
        )
        fields = [("—", "")] + [(x, x) for x in field_names()]
        domain = gr.Dropdown(fields, value="", label=t("kit_domain_label"),
                             elem_id="rag-kit-domain", scale=1)  # fmt: skip
    docs = gr.Dropdown(unit_choices(bases, None) if everyone else [], value=[], multiselect=True,
                       label=t("kit_docs_label"), elem_id="rag-kit-docs")  # fmt: skip
    with gr.Row(equal_height=True):
        n = gr.Number(
            10, precision=0, minimum=1, maximum=50, label=t("kit_n_label"), elem_id="rag-kit-n", scale=1
        )
        types = gr.CheckboxGroup(kit_types("zh"), value=list(TYPES), label=t("kit_types_label"),
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


def kit_whats(lang: str) -> list[tuple[str, str]]:
    return [(t(f"kit_what_{w}", lang), w) for w in (KIT_QUIZ, KIT_FIGURES, KIT_BRIEFS)]


def kit_types(lang: str) -> list[tuple[str, str]]:
    return [(t(f"kit_type_{x}", lang), x) for x in TYPES]


def unit_choices(bases: Bases, name: str | None) -> list[tuple[str, str]]:
    out = []
    for u in bases.get(name).units():
        label = book(u.title) if u.title else u.doc_id
        out.append((f"{label} {u.author or ''}".strip(), u.doc_id))
    return out


def _kit_make(bases: Bases, gate: Gate, what: str, domain: str, docs: list[str], n, types: list[str], seed,
              kb: str, lang: str, request: gr.Request | None = None):  # fmt: skip
    user = allowed(bases, gate, request, "export", kb, lang)
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
        raise failure(t("app_error", lang, error=str(exc)), trace=True) from exc
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
    return f"{book(record.unit.title or '—')} {record.unit.author or ''}".strip()


def _kit_replace(bases: Bases, gate: Gate, state: dict, ticked: list[str], types: list[str], seed,
                 domain: str, docs: list[str], kb: str, lang: str,
                 request: gr.Request | None = None):  # fmt: skip
    """Quiz items left unticked are replaced by new ones (another seed, none of the stems shown)."""
    allowed(bases, gate, request, "export", kb, lang)
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
            raise failure(t("app_error", lang, error=str(exc)), trace=True) from exc
        kept += fresh
        gr.Info(t("kit_replaced", lang, n=len(fresh)))
    state = {**state, "records": kept}
    return _kit_show(state, [str(i) for i in range(len(kept))], lang)
