"""Conversation export: Markdown and Word carry questions, answers and every citation's source."""

from __future__ import annotations

from datetime import datetime

import pytest
from docx import Document

from rag.answer import answer_question
from rag.chat import Turn
from rag.chunk import chunk_source
from rag.export import to_markdown, write_docx, write_markdown
from rag.ingest import parse_page
from rag.records import Hit


@pytest.fixture(scope="module")
def turns(bundled_page, settings, encoder) -> list[Turn]:
    page = parse_page(bundled_page.read_text(encoding="utf-8"), bundled_page.name)
    chunks = chunk_source(page, size=settings.chunk_size, overlap=settings.chunk_overlap)

    def ask(question: str, needle: str) -> Turn:
        hits = [Hit(c, 1.0, i) for i, c in enumerate((c for c in chunks if needle in c.text), start=1)]
        return Turn(question, question, answer_question(question, hits, encoder=encoder))

    return [
        ask("无锡科技系统做实做强了多少家创新联合体？", "创新联合体"),
        ask("无锡市2024年的财政收入是多少？", "财政"),
    ]


def test_markdown_holds_question_answer_source_and_quote(turns):
    md = to_markdown(turns, "zh", "default", when=datetime(2025, 4, 15, 9, 30))
    cited = turns[0].answer.citations[0]
    assert md.startswith("# 问答记录\n\n知识库：default　导出时间：2025-04-15 09:30")
    assert "## 1. 问：无锡科技系统做实做强了多少家创新联合体？" in md
    assert "陶波（无锡市科技局局长）" in md and f"《{cited.title}——{cited.subtitle}》" in md
    assert f"  > {cited.quote}" in md and "60家创新联合体" in cited.quote
    assert "## 2. 问：无锡市2024年的财政收入是多少？" in md
    assert "资料中没有找到" in md and "**相关段落：**" in md


def test_markdown_escapes_markup_in_text(turns):
    hostile = Turn("<script>alert(1)</script> *粗体*", "q", turns[1].answer)
    md = to_markdown([hostile], "en", "kb")
    assert "\\<script\\>alert(1)\\</script\\> \\*粗体\\*" in md
    assert md.startswith("# Q&A record")


def test_files_are_written_whole(turns, tmp_path):
    md_path = write_markdown(turns, tmp_path / "out" / "conversation.md", "zh", "default")
    docx_path = write_docx(turns, tmp_path / "out" / "conversation.docx", "zh", "default")
    assert md_path.read_text(encoding="utf-8").count("## ") == 2
    text = "\n".join(p.text for p in Document(str(docx_path)).paragraphs)
    assert "1. 问：无锡科技系统做实做强了多少家创新联合体？" in text
    assert turns[0].answer.citations[0].quote in text and "陶波（无锡市科技局局长）" in text
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["conversation.docx", "conversation.md"]


def test_a_failed_write_leaves_no_file(turns, tmp_path, monkeypatch):
    import docx.document

    def boom(self, path):
        raise OSError("disk full")

    monkeypatch.setattr(docx.document.Document, "save", boom)
    with pytest.raises(OSError):
        write_docx(turns, tmp_path / "conversation.docx", "zh", "default")
    assert list(tmp_path.iterdir()) == []


def test_word_files_declare_simplified_chinese(turns, tmp_path):
    """python-docx's template declares en-US East-Asian text, which Word renders with Japanese
    glyphs and proofing; the chat export and the lesson-kit files say zh-CN and 宋体."""
    import re
    import zipfile

    from rag.kit.export import write_figures_docx

    for path in (write_docx(turns, tmp_path / "qa.docx", "zh", "default"),
                 write_figures_docx([], tmp_path / "figures.docx", kb="default")):  # fmt: skip
        styles = zipfile.ZipFile(path).read("word/styles.xml").decode("utf-8")
        langs = re.findall(r'w:eastAsia="([^"]+)"', styles)
        assert "zh-CN" in langs and "宋体" in langs and "ja-JP" not in langs and "en-US" not in langs
