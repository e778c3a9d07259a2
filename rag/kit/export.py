"""Lesson-kit files: a quiz (student sheet, then the teacher's key with sources), a key-figure
table and article briefs, as Word (.docx), Markdown and CSV; every file written atomically."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from docx.shared import Pt

from rag.export import chinese_document
from rag.kit.brief import Brief
from rag.kit.cite import source_line
from rag.kit.figures import Figure
from rag.kit.quiz import TYPE_CHOICE, QuizItem
from rag.strings import t
from rag.text import book
from rag.versions import write_atomically

LETTERS = "ABCDEFGH"


def kit_source_label(name: str, provenance) -> str:
    """The knowledge base a kit file was made from, with its version (manifest hash) and build time
    when known (rag.records.Provenance), so a handout traces to the exact corpus."""
    if provenance is None:
        return name
    return f"{name} · v{provenance.version[:12]} · {provenance.built_at[:19]}"


def _made(kb: str, lang: str, when: datetime | None) -> str:
    return t("kit_made", lang, kb=kb, when=(when or datetime.now()).strftime("%Y-%m-%d %H:%M"))


def _figure_source(f: Figure, lang: str) -> str:
    c = f.citation
    if c.section:
        return " ".join(c.section[-1:])
    if c.author:
        return (
            f"{c.author}（{c.role}）"
            if c.role and lang == "zh"
            else (f"{c.author} ({c.role})" if c.role else c.author)
        )
    return ""


def _key(item: QuizItem) -> str:
    if item.type == TYPE_CHOICE:
        return f"{LETTERS[item.options.index(item.key)]}. {item.key}"
    return item.key


# --- quiz ---------------------------------------------------------------------------------------


def quiz_markdown(
    items: Sequence[QuizItem], *, kb: str, lang: str = "zh", when: datetime | None = None
) -> str:
    """The student sheet, then the teacher's key with each item's explanation and source."""
    out = [
        f"# {t('kit_quiz_title', lang)}",
        "",
        _made(kb, lang, when),
        "",
        f"## {t('kit_student', lang)}",
        "",
    ]
    for i, item in enumerate(items, start=1):
        out.append(f"{i}. （{t('kit_type_' + item.type, lang)}）{item.stem}")
        out += [f"   - {LETTERS[j]}. {o}" for j, o in enumerate(item.options)]
        out.append("")
    out += [f"## {t('kit_teacher', lang)}", ""]
    for i, item in enumerate(items, start=1):
        out.append(f"{i}. **{t('kit_key', lang)}：{_key(item)}**")
        out.append(f"   - {t('kit_explanation', lang)}：{item.explanation}")
        out.append(f"   - {t('kit_source', lang)}：{source_line(item.citation, lang)}")
        out.append("")
    return "\n".join(out)


def write_quiz_docx(items: Sequence[QuizItem], path: Path, *, kb: str, lang: str = "zh") -> Path:
    """The quiz as Word: the student sheet, a page break, the teacher's key with sources."""
    doc = _document(t("kit_quiz_title", lang), _made(kb, lang, None))
    doc.add_heading(t("kit_student", lang), level=1)
    for i, item in enumerate(items, start=1):
        doc.add_paragraph(f"{i}. （{t('kit_type_' + item.type, lang)}）{item.stem}")
        for j, o in enumerate(item.options):
            doc.add_paragraph(f"{LETTERS[j]}. {o}").paragraph_format.left_indent = Pt(18)
    doc.add_page_break()
    doc.add_heading(t("kit_teacher", lang), level=1)
    for i, item in enumerate(items, start=1):
        p = doc.add_paragraph()
        p.add_run(f"{i}. {t('kit_key', lang)}：{_key(item)}").bold = True
        doc.add_paragraph(
            f"{t('kit_explanation', lang)}：{item.explanation}"
        ).paragraph_format.left_indent = Pt(18)
        doc.add_paragraph(f"{t('kit_source', lang)}：{source_line(item.citation, lang)}"
                          ).paragraph_format.left_indent = Pt(18)  # fmt: skip
    return write_atomically(path, lambda tmp: doc.save(str(tmp)))


def write_quiz_markdown(items: Sequence[QuizItem], path: Path, *, kb: str, lang: str = "zh") -> Path:
    """``quiz_markdown`` to ``path``."""
    text = quiz_markdown(items, kb=kb, lang=lang)
    return write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


# --- figures ------------------------------------------------------------------------------------


def _figure_rows(figures: Sequence[Figure], lang: str) -> list[list[str]]:
    return [
        [f.value, f.clause, f.citation.title or "", _figure_source(f, lang), f.citation.quote]
        for f in figures
    ]


def figures_csv(figures: Sequence[Figure], lang: str = "zh") -> str:
    """The table as CSV (UTF-8 with a BOM on write, so Excel reads the Chinese)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(t("kit_figure_cols", lang).split("|"))
    writer.writerows(_figure_rows(figures, lang))
    return buffer.getvalue()


def write_figures_csv(figures: Sequence[Figure], path: Path, lang: str = "zh") -> Path:
    """``figures_csv`` to ``path``."""
    text = figures_csv(figures, lang)
    return write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8-sig"))


def figures_markdown(
    figures: Sequence[Figure], *, kb: str, lang: str = "zh", when: datetime | None = None
) -> str:
    """The table as Markdown."""
    cols = t("kit_figure_cols", lang).split("|")
    out = [f"# {t('kit_figures_title', lang)}", "", _made(kb, lang, when), "", "| " + " | ".join(cols) + " |",
           "|" + "---|" * len(cols)]  # fmt: skip
    out += ["| " + " | ".join(_cell(x) for x in row) + " |" for row in _figure_rows(figures, lang)]
    return "\n".join(out) + "\n"


def write_figures_docx(figures: Sequence[Figure], path: Path, *, kb: str, lang: str = "zh") -> Path:
    """The table as Word."""
    doc = _document(t("kit_figures_title", lang), _made(kb, lang, None))
    cols = t("kit_figure_cols", lang).split("|")
    table = doc.add_table(rows=1, cols=len(cols))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, cols, strict=True):
        cell.text = name
    for row in _figure_rows(figures, lang):
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = value
    return write_atomically(path, lambda tmp: doc.save(str(tmp)))


def write_figures_markdown(figures: Sequence[Figure], path: Path, *, kb: str, lang: str = "zh") -> Path:
    """``figures_markdown`` to ``path``."""
    text = figures_markdown(figures, kb=kb, lang=lang)
    return write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


# --- briefs -------------------------------------------------------------------------------------


def _heading(b: Brief) -> str:
    u = b.unit
    title = book(u.title) if u.title else "—"
    return title + (f"（{u.subtitle}）" if u.subtitle else "")


def _byline(b: Brief, lang: str) -> str:
    u = b.unit
    if u.author:
        return u.author + (f"（{u.role}）" if u.role else "")
    return f"{t('kit_date', lang)}：{u.date}" if u.date else ""


def briefs_markdown(
    briefs: Sequence[Brief], *, kb: str, lang: str = "zh", when: datetime | None = None
) -> str:
    """Every brief as one Markdown handout."""
    out = [f"# {t('kit_briefs_title', lang)}", "", _made(kb, lang, when), ""]
    for b in briefs:
        out += [f"## {_heading(b)}", ""]
        if _byline(b, lang):
            out += [_byline(b, lang), ""]
        tags = "、".join(f"{d.name}（{d.score:.2f}）" for d in b.domains) or t("kit_none", lang)
        out += [f"**{t('kit_domains', lang)}**：{tags}", "", f"**{t('kit_points', lang)}**", ""]
        out += [f"{i}. {c.quote}（{source_line(c, lang)}）" for i, c in enumerate(b.points, start=1)]
        out += ["", f"**{t('kit_key_figures', lang)}**", ""]
        out += [f"- {f.value}：{f.clause}" for f in b.figures] or [t("kit_none", lang)]
        out += ["", f"**{t('kit_brief_quiz', lang)}**", ""]
        for i, item in enumerate(b.quiz, start=1):
            options = "；".join(f"{LETTERS[j]}. {o}" for j, o in enumerate(item.options))
            out.append(
                f"{i}. {item.stem}"
                + (f"（{options}）" if options else "")
                + f" —— {t('kit_key', lang)}：{_key(item)}"
            )
        out.append("")
    return "\n".join(out)


def write_briefs_markdown(briefs: Sequence[Brief], path: Path, *, kb: str, lang: str = "zh") -> Path:
    """``briefs_markdown`` to ``path``."""
    text = briefs_markdown(briefs, kb=kb, lang=lang)
    return write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def write_briefs_docx(briefs: Sequence[Brief], path: Path, *, kb: str, lang: str = "zh") -> Path:
    """Every brief as one Word handout, a heading per unit."""
    doc = _document(t("kit_briefs_title", lang), _made(kb, lang, None))
    for b in briefs:
        doc.add_heading(_heading(b), level=1)
        if _byline(b, lang):
            doc.add_paragraph(_byline(b, lang))
        tags = "、".join(f"{d.name}（{d.score:.2f}）" for d in b.domains) or t("kit_none", lang)
        doc.add_paragraph(f"{t('kit_domains', lang)}：{tags}")
        doc.add_heading(t("kit_points", lang), level=2)
        for c in b.points:
            doc.add_paragraph(f"{c.quote}（{source_line(c, lang)}）", style="List Number")
        doc.add_heading(t("kit_key_figures", lang), level=2)
        for f in b.figures:
            doc.add_paragraph(f"{f.value}：{f.clause}", style="List Bullet")
        if not b.figures:
            doc.add_paragraph(t("kit_none", lang))
        doc.add_heading(t("kit_brief_quiz", lang), level=2)
        for i, item in enumerate(b.quiz, start=1):
            doc.add_paragraph(f"{i}. {item.stem}")
            for j, o in enumerate(item.options):
                doc.add_paragraph(f"{LETTERS[j]}. {o}").paragraph_format.left_indent = Pt(18)
            doc.add_paragraph(f"{t('kit_key', lang)}：{_key(item)} · {source_line(item.citation, lang)}")
    return write_atomically(path, lambda tmp: doc.save(str(tmp)))


def _document(title: str, meta: str):
    doc = chinese_document()
    doc.add_heading(title, level=0)
    doc.add_paragraph(meta)
    return doc


def _cell(text: str) -> str:
    return " ".join((text or "").split()).replace("|", "\\|")


# --- one entry for the app ------------------------------------------------------------------------

KIT_QUIZ, KIT_FIGURES, KIT_BRIEFS = "quiz", "figures", "briefs"


def kit_markdown(what: str, records: Sequence, *, kb: str, lang: str = "zh") -> str:
    """The Markdown of a quiz, figure table or briefs (``what``)."""
    render = {KIT_QUIZ: quiz_markdown, KIT_FIGURES: figures_markdown, KIT_BRIEFS: briefs_markdown}[what]
    return render(records, kb=kb, lang=lang)


def kit_files(
    what: str, records: Sequence, *, kb: str, lang: str = "zh", folder: Path | None = None
) -> tuple[Path, Path]:
    """``records`` as ``<what>-<time>.md`` and ``.docx`` in ``folder`` (a new temp folder by default)."""
    import tempfile

    folder = folder or Path(tempfile.mkdtemp(prefix="rag-kit-"))
    stem = f"{what}-{datetime.now():%Y%m%d-%H%M%S}"
    md = folder / f"{stem}.md"
    text = kit_markdown(what, records, kb=kb, lang=lang)
    write_atomically(md, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    write = {KIT_QUIZ: write_quiz_docx, KIT_FIGURES: write_figures_docx, KIT_BRIEFS: write_briefs_docx}[what]
    return md, write(records, folder / f"{stem}.docx", kb=kb, lang=lang)
