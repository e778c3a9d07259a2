"""HTML for the chat app: answers with marker links, source cards, library and upload preview.

Every piece of document or user text goes through ``_text`` (HTML-escaped, and Markdown
syntax neutralised because chat bubbles are Markdown), so a document holding
``<script>`` or ``<img onerror=…>`` is shown as text and never runs.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rag.chat import Turn
from rag.errors import LoadError
from rag.records import KIND_ARTICLE, KIND_NOTE, Answer, Citation, Hit, Source, Unit
from rag.strings import t
from rag.text import book, shown

_MARKER = re.compile(r"\[(\d{1,3})\]")
# Characters Markdown (and the chat's LaTeX) would interpret; as entities they display verbatim.
_MARKDOWN = {c: f"&#{ord(c)};" for c in "\\`*_{}[]()#+-.!|~$:"}
_ARTICLE_PREVIEW_PARAS = 400  # a runaway document still renders; the library shows the rest


@dataclass(frozen=True)
class _Card:
    anchor: str  # element id the marker links to
    label: str  # "[1]" or "·"
    title: str | None
    subtitle: str | None
    author: str | None
    role: str | None
    text: str
    quote: str
    doc_id: str
    paragraph: int | None  # paragraph of the unit the passage starts in, if known
    related: bool = False  # a refusal's nearby passage, not evidence for an answer
    section: tuple[str, ...] = ()  # heading path: a law's chapter and article


def _text(value: str | None) -> str:
    """Escape HTML so the text displays exactly as written (cards and panels are plain HTML)."""
    return html.escape(shown(value or ""), quote=True)


def chat_text(value: str | None) -> str:
    """Escape HTML and neutralise Markdown: chat bubbles are rendered as Markdown first."""
    return "".join(_MARKDOWN.get(ch) or html.escape(ch, quote=True) for ch in shown(value or ""))


def _bubble_text(value: str | None) -> str:
    """``chat_text`` for text inside the bubble's HTML block, where Markdown leaves a line break as a
    space: an answer in parts (one line per article or law) keeps its lines."""
    return chat_text(value).replace("\n", "<br>")


def render_header(lang: str) -> str:
    """The page header: product name and what it promises."""
    return (
        f'<div class="rag-header"><div class="rag-logo">安</div><div><h1>{_text(t("app_title", lang))}</h1>'
        f"<p>{_text(t('app_tagline', lang))}</p></div></div>"
    )


def render_sources_title(lang: str) -> str:
    """Heading of the sources panel."""
    return f'<div class="rag-sources-title">{_text(t("sources_title", lang))}</div>'


def cite_anchor(turn: int, n: int) -> str:
    """Element id of the source card for marker ``[n]`` of turn ``turn``."""
    return f"src-{turn}-{n}"


def render_answer(
    answer: Answer, turn: int, lang: str, notes: Sequence[str] = (), *, final: bool = True
) -> str:
    """The chat bubble: escaped answer text, ``[n]`` markers linked to their cards, notes below.

    ``final=False`` renders a streamed piece; the finished bubble carries the class ``rag-done``.
    """
    known = {c.n for c in answer.citations}
    parts: list[str] = []
    last = 0
    for m in _MARKER.finditer(answer.answer):
        parts.append(_bubble_text(answer.answer[last : m.start()]))
        n = int(m.group(1))
        if n in known:
            parts.append(f'<a class="rag-cite" href="#{cite_anchor(turn, n)}">&#91;{n}&#93;</a>')
        else:
            parts.append(_bubble_text(m.group()))
        last = m.end()
    parts.append(_bubble_text(answer.answer[last:]))
    body = "".join(parts)
    all_notes = [*notes, *([answer.note] if answer.note else [])]
    if not answer.grounded and answer.related:
        all_notes.append(t("related_title", lang))
    foot = "".join(f'<div class="rag-note">{_bubble_text(note)}</div>' for note in all_notes)
    done = " rag-done" if final else ""
    return f'<div class="rag-answer{done}">{body}</div>{foot}'


def render_message(text: str) -> str:
    """A finished bubble holding a plain notice (e.g. "the question has no words")."""
    return f'<div class="rag-answer rag-done">{_bubble_text(text)}</div>'


def render_sources(
    turns: Sequence[Turn],
    units: Mapping[str, Unit],
    lang: str,
    keep: int = 8,
    tags: Mapping[str, Sequence] | None = None,
) -> str:
    """The sources panel, newest turn first and open. The ``keep`` newest turns show whole cards
    (passage, full article, security fields of ``tags``); older ones show compact cards (source line
    and quote) under the same anchors, so every [n] marker of the conversation still lands."""
    tags = tags or {}
    if not turns:
        return f'<div class="rag-empty">{_text(t("sources_empty", lang))}</div>'
    sections = []
    full_from = len(turns) - max(keep, 1) + 1
    for number in range(len(turns), 0, -1):
        turn = turns[number - 1]
        if number >= full_from:
            cards = "".join(
                _card_html(c, units, lang, tags.get(c.doc_id, ())) for c in _cards(turn.answer, number)
            )
        else:
            cards = "".join(_compact_card(c) for c in _cards(turn.answer, number))
        if cards and not turn.answer.citations:  # a refusal's passages are context, not evidence
            cards = f'<div class="rag-related-label">{_text(t("related_title", lang))}</div>{cards}'
        if not cards:
            cards = f'<div class="rag-empty">{_text(turn.answer.answer)}</div>'
        heading = _text(t("turn_heading", lang, n=number, question=turn.question))
        state = " open" if number == len(turns) else ""
        sections.append(f'<details class="rag-turn"{state}><summary>{heading}</summary>{cards}</details>')
    return f'<div class="rag-sources">{"".join(sections)}</div>'


def _compact_card(card: _Card) -> str:
    """An older turn's card: where the quote comes from and the quote, under the marker's anchor."""
    title = book(card.title) if card.title else ""
    where = " · ".join(x for x in (title, section_label(card.section), card.author or "") if x)
    quote = card.quote or card.text[:80]
    return (
        f'<article class="rag-card rag-compact{" rag-related" if card.related else ""}" id="{card.anchor}">'
        f'<header><span class="rag-n">{_text(card.label)}</span><span class="rag-title">{_text(where)}</span>'
        f'</header><blockquote class="rag-passage">{_text(quote)}</blockquote></article>'
    )


def _cards(answer: Answer, turn: int) -> list[_Card]:
    if answer.citations:
        paragraphs = {h.chunk.chunk_id: h.chunk.paragraph_index for h in answer.hits}
        return [_citation_card(c, turn, paragraphs.get(c.chunk_id)) for c in answer.citations]
    return [_hit_card(h, turn, i) for i, h in enumerate(answer.related, start=1)]


def _citation_card(c: Citation, turn: int, paragraph: int | None) -> _Card:
    return _Card(
        cite_anchor(turn, c.n), f"[{c.n}]", c.title, c.subtitle, c.author, c.role,
        c.text, c.quote, c.doc_id, paragraph, section=c.section,
    )  # fmt: skip


def _hit_card(h: Hit, turn: int, i: int) -> _Card:
    c = h.chunk
    return _Card(
        f"rel-{turn}-{i}", "·", c.title, c.subtitle, c.author, c.role,
        c.text, "", c.doc_id, c.paragraph_index, related=True, section=c.section,
    )  # fmt: skip


def _card_html(card: _Card, units: Mapping[str, Unit], lang: str, tags: Sequence = ()) -> str:
    unit = units.get(card.doc_id)
    is_note = unit is not None and unit.kind == KIND_NOTE
    title = card.title or t("editor_note" if is_note else "untitled", lang)
    sub = f'<div class="rag-sub">{_text(card.subtitle)}</div>' if card.subtitle else ""
    byline = _byline(card.author, card.role)
    full = _full_article(unit, card, lang) if unit else ""
    if card.section:  # 《中华人民共和国国家安全法》第一章 总则 · 第二条
        title = book(title) if card.title else title
        where = f'<span class="rag-section">{_text(section_label(card.section))}</span>'
    else:
        where = ""
    where += domain_badges(tags, lang, 3)
    return (
        f'<article class="rag-card{" rag-related" if card.related else ""}" id="{card.anchor}">'
        f'<header><span class="rag-n">{_text(card.label)}</span>'
        f'<span class="rag-title">{_text(title)}</span>{where}</header>{sub}{byline}'
        f'<blockquote class="rag-passage">{_highlight(card.text, card.quote)}</blockquote>{full}</article>'
    )


def _byline(author: str | None, role: str | None) -> str:
    if not author and not role:
        return ""
    who = f'<span class="rag-author">{_text(author)}</span>' if author else ""
    what = f'<span class="rag-role">{_text(role)}</span>' if role else ""
    return f'<div class="rag-byline">{who}{what}</div>'


def _highlight(text: str, quote: str) -> str:
    """The passage with the quoted sentence wrapped in ``<mark>``."""
    at = text.find(quote) if quote else -1
    if at < 0:
        return _text(text)
    end = at + len(quote)
    return f'{_text(text[:at])}<mark class="rag-quote">{_text(quote)}</mark>{_text(text[end:])}'


def section_label(section: tuple[str, ...]) -> str:
    """A heading path as one line: 第一章 总则 · 第二条."""
    return " · ".join(section)


def _full_article(unit: Unit, card: _Card, lang: str) -> str:
    """The whole unit in a fold (for a sectioned passage: its whole section, e.g. the law's whole
    article); the paragraph holding the quote carries ``rag-hit``."""
    target = _paragraph_of(unit, card)
    paras = []
    for i, para in enumerate(unit.paragraphs[:_ARTICLE_PREVIEW_PARAS]):
        if card.section and unit.section_of(i) != card.section:
            continue
        if i == target:
            paras.append(f'<p class="rag-hit" id="{card.anchor}-p">{_highlight(para, card.quote)}</p>')
        else:
            paras.append(f"<p>{_text(para)}</p>")
    return (
        f'<details class="rag-full"><summary>{_text(t("open_full", lang))}</summary>'
        f'<div class="rag-article">{"".join(paras)}</div></details>'
    )


def _paragraph_of(unit: Unit, card: _Card) -> int | None:
    for needle in (card.quote, card.text[:40]):
        if not needle:
            continue
        for i, para in enumerate(unit.paragraphs):
            if needle in para and (not card.section or unit.section_of(i) == card.section):
                return i
    return card.paragraph


def render_library(sources: Sequence[Source], lang: str, tags: Mapping[str, Sequence] | None = None) -> str:
    """Every document and unit of a knowledge base, each with its metadata, security fields
    (``tags``: doc_id -> rag.kit.DomainTag, best first) and full clean text; an overview on top."""
    if not sources:
        return f'<div class="rag-empty">{_text(t("library_empty", lang))}</div>'
    tags = tags or {}
    head = f'<div class="rag-note">{_text(_overview(sources, lang, tags))}</div>'
    docs = []
    for source in sources:
        body = "".join(_library_unit(u, lang, tags.get(u.doc_id, ())) for u in source.units)
        docs.append(
            f'<details class="rag-doc" open><summary>{_text(source.path)}'
            f'<span class="rag-count">{len(source.units)}</span></summary>{body}</details>'
        )
    return f'<div class="rag-library">{head}{"".join(docs)}</div>'


def _overview(sources: Sequence[Source], lang: str, tags: Mapping[str, Sequence]) -> str:
    """「1 个文件，9 篇 · 8 位作者 · 领域：网络 2、金融 1…」: the collection at a glance."""
    units = [u for s in sources for u in s.units]
    parts = [t("library_count", lang, docs=len(sources), units=len(units)).rstrip("。.")]
    authors = {u.author for u in units if u.author}
    if authors:
        parts.append(t("cat_authors", lang, n=len(authors)))
    leading: dict[str, int] = {}
    for u in units:
        if tags.get(u.doc_id):
            top = tags[u.doc_id][0]
            name = top.name if lang == "zh" else top.en
            leading[name] = leading.get(name, 0) + 1
    if leading:
        fields = "、".join(f"{k} {v}" for k, v in sorted(leading.items(), key=lambda x: -x[1]))
        parts.append(f"{t('kit_domains', lang)}：{fields}")
    return " · ".join(parts)


def domain_badges(tags: Sequence, lang: str, limit: int = 4) -> str:
    """The unit's leading security fields as small badges (the score in the tooltip)."""
    out = []
    for d in list(tags)[:limit]:
        name = d.name if lang == "zh" else d.en
        out.append(f'<span class="rag-domain" title="{d.score:.2f}">{_text(name)}</span>')
    return f'<span class="rag-domains">{"".join(out)}</span>' if out else ""


def _library_unit(unit: Unit, lang: str, tags: Sequence = ()) -> str:
    title = unit.title or (t("editor_note", lang) if unit.kind == KIND_NOTE else t("untitled", lang))
    meta = [_kind(unit.kind, lang), t("paragraph_count", lang, n=len(unit.paragraphs))]
    if unit.date:
        meta.append(f"{t('date_label', lang)}：{unit.date}")
    sub = f'<div class="rag-sub">{_text(unit.subtitle)}</div>' if unit.subtitle else ""
    paras = "".join(f"<p>{_text(p)}</p>" for p in unit.paragraphs)
    return (
        f'<details class="rag-unit"><summary><span class="rag-title">{_text(title)}</span>'
        f'<span class="rag-meta">{_text(" · ".join(meta))}</span>{domain_badges(tags, lang)}</summary>'
        f'<div class="rag-unit-body">{sub}{_byline(unit.author, unit.role)}'
        f'<div class="rag-article rag-article-long">{paras}</div></div></details>'
    )


def _kind(kind: str, lang: str) -> str:
    key = {KIND_ARTICLE: "kind_article", KIND_NOTE: "kind_note"}.get(kind, "kind_document")
    return t(key, lang)


def render_preview(sources: Sequence[Source], errors: Sequence[LoadError], lang: str) -> str:
    """What the loaders understood in the chosen files, before anything is indexed."""
    cols = ("col_file", "col_kind", "col_title", "col_author", "col_role", "col_paragraphs")
    head = "".join(f"<th>{_text(t(c, lang))}</th>" for c in cols)
    rows = []
    for source in sources:
        for unit in source.units:
            cells = (source.path, _kind(unit.kind, lang), unit.title, unit.author, unit.role)
            tds = "".join(f"<td>{_text(c)}</td>" for c in cells)
            rows.append(f"<tr>{tds}<td>{len(unit.paragraphs)}</td></tr>")
    failed = "".join(
        f'<div class="rag-error">{_text(e.path)}：{_text(t("load_failed", lang, reason=e.reason))}</div>'
        for e in errors
    )
    table = f'<table class="rag-table"><tr>{head}</tr>{"".join(rows)}</table>' if rows else ""
    note = f'<div class="rag-note">{_text(t("preview_title", lang))}</div>'
    return f'<div class="rag-preview">{note}{table}{failed}</div>'
