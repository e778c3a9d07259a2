"""Conversation export for lesson plans: Markdown and Word (.docx), written atomically."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from rag.chat import Turn
from rag.records import Citation, Hit
from rag.strings import t
from rag.text import book, shown
from rag.versions import write_atomically

_QUOTE_COLOR = RGBColor(0x5A, 0x5A, 0x5A)


def to_markdown(turns: Sequence[Turn], lang: str, kb: str, when: datetime | None = None) -> str:
    """The conversation as Markdown: each question, its answer and every citation's source and quote."""
    lines = [f"# {t('export_title', lang)}", "", _meta(lang, kb, when), ""]
    lines += [x for line in _versions(turns, lang) for x in (line, "")]
    for i, turn in enumerate(turns, start=1):
        lines += [f"## {i}. {t('export_question', lang)}：{_md(turn.question)}", ""]
        lines += [f"**{t('export_answer', lang)}：** {_md(turn.answer.answer)}", ""]
        if turn.answer.citations:
            lines += [f"**{t('export_sources', lang)}：**", ""]
            for c in turn.answer.citations:
                lines += [f"- [{c.n}] {_md(_source_line(c.title, c.subtitle, c.author, c.role, c.section))}"]
                lines += [f"  > {_md(c.quote or c.text)}"]
            lines.append("")
        elif turn.answer.related:
            lines += [f"**{t('export_related', lang)}：**", ""]
            lines += [f"- {_md(_hit_line(h))}" for h in turn.answer.related]
            lines.append("")
    return "\n".join(lines)


def write_markdown(turns: Sequence[Turn], path: Path, lang: str, kb: str) -> Path:
    """Write ``to_markdown`` to ``path`` (UTF-8, atomically)."""
    text = to_markdown(turns, lang, kb)
    return write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def write_docx(turns: Sequence[Turn], path: Path, lang: str, kb: str) -> Path:
    """Write the conversation as a Word document: headings per question, quotes as indented italics."""
    doc = chinese_document()
    doc.add_heading(t("export_title", lang), level=0)
    doc.add_paragraph(_meta(lang, kb, None))
    for line in _versions(turns, lang):
        doc.add_paragraph(line)
    for i, turn in enumerate(turns, start=1):
        doc.add_heading(f"{i}. {t('export_question', lang)}：{turn.question}", level=1)
        answer = doc.add_paragraph()
        answer.add_run(f"{t('export_answer', lang)}：").bold = True
        answer.add_run(turn.answer.answer)
        if turn.answer.citations:
            doc.add_paragraph(t("export_sources", lang)).runs[0].bold = True
            for c in turn.answer.citations:
                _docx_citation(doc, c)
        elif turn.answer.related:
            doc.add_paragraph(t("export_related", lang)).runs[0].bold = True
            for h in turn.answer.related:
                doc.add_paragraph(_hit_line(h), style="List Bullet")
    return write_atomically(path, lambda tmp: doc.save(str(tmp)))


def export_files(turns: Sequence[Turn], lang: str, kb: str, folder: Path | None = None) -> tuple[Path, Path]:
    """The conversation as ``qa-<time>.md`` and ``.docx`` in ``folder`` (a new temp folder by default)."""
    folder = folder or Path(tempfile.mkdtemp(prefix="rag-export-"))
    stem = f"qa-{datetime.now():%Y%m%d-%H%M%S}"
    return (
        write_markdown(turns, folder / f"{stem}.md", lang, kb),
        write_docx(turns, folder / f"{stem}.docx", lang, kb),
    )


def _docx_citation(doc, c: Citation) -> None:
    source = _source_line(c.title, c.subtitle, c.author, c.role, c.section)
    doc.add_paragraph(f"[{c.n}] {source}", style="List Bullet")
    quote = doc.add_paragraph(style="Quote")
    run = quote.add_run(f"“{shown(c.quote or c.text)}”")
    run.italic = True
    run.font.color.rgb = _QUOTE_COLOR


def _meta(lang: str, kb: str, when: datetime | None) -> str:
    stamp = (when or datetime.now()).strftime("%Y-%m-%d %H:%M")
    return t("export_meta", lang, kb=kb, when=stamp)


def _versions(turns: Sequence[Turn], lang: str) -> list[str]:
    """The knowledge-base version each answer came from (one line per distinct version), so a printed
    handout can be traced to the exact corpus."""
    seen = dict.fromkeys(turn.answer.provenance for turn in turns if turn.answer.provenance)
    return [t("export_version", lang, version=p.version[:16], built=p.built_at) for p in seen]


def _source_line(
    title: str | None, subtitle: str | None, author: str | None, role: str | None,
    section: tuple[str, ...] = (),
) -> str:
    """"《主标题——副标题》，作者（职务）" or "《中华人民共和国国家安全法》第一章 总则 · 第二条" - the form a
    lesson plan cites."""
    parts = []
    if title:
        parts.append(book(f"{title}——{subtitle}" if subtitle else title))
    if section:  # the law's name, then where in it
        parts[-1:] = [(parts[-1] if parts else "") + " · ".join(section)]
    if author:
        parts.append(f"{author}（{role}）" if role else author)
    return "，".join(parts) or "—"


def _hit_line(h: Hit) -> str:
    c = h.chunk
    return f"{_source_line(c.title, c.subtitle, c.author, c.role, c.section)}：{c.text}"


def _md(text: str) -> str:
    """One line of Markdown: newlines folded, characters Markdown would eat escaped."""
    text = " ".join(shown(text or "").split())
    return "".join("\\" + ch if ch in "\\`*_[]<>#|" else ch for ch in text)


def chinese_document():
    """A new Word document whose East-Asian text is declared Simplified Chinese (python-docx's
    template says en-US, and Word then picks Japanese glyphs and proofing) and set in 宋体."""
    doc = Document()
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    defaults.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")
    normal = doc.styles["Normal"]
    normal.font.size = Pt(11)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), "宋体")
    return doc


