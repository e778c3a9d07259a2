"""A city regulation (条例) pasted as plain text, part of it hard-wrapped as copied from a PDF: a third
kind of document the answer model was never fit on (written with its questions by a helper who saw no
code: tests/fixtures/regulation_unseen.txt). Its chapters and articles are read like a law's, and its
questions are answered in the same order of numbers as the held-out ones."""

from __future__ import annotations

import pytest

from rag.loaders import load_file
from tests.conftest import FIXTURES, assert_answers_as_held_out, document_kb

REGULATION = FIXTURES / "regulation_unseen.txt"


@pytest.fixture(scope="module")
def regulation_kb(tmp_path_factory, settings, encoder):
    return document_kb(tmp_path_factory, settings, encoder, "regulation", REGULATION)


def test_a_plain_text_regulation_is_read_into_chapters_and_articles():
    (unit,) = load_file(REGULATION, max_bytes=2**20, timeout=30).units
    assert unit.title == "澜州市公共安全视频图像信息系统管理条例"
    # its adoption note is its date, and the 「目　　录」 line under it is neither date nor paragraph
    assert unit.date and unit.date.startswith("（2024年6月28日") and unit.date.endswith("批准）")
    assert not any(p.replace(" ", "").replace("\u3000", "") == "目录" for p in unit.paragraphs)
    articles = {s[-1] for s in unit.sections if s and s[-1].startswith("第") and s[-1].endswith("条")}
    assert len(articles) == 41
    # an article wrapped over several lines is one paragraph, under its chapter
    first = unit.paragraphs[unit.sections.index(("第一章 总则", "第一条"))]
    assert first.startswith("第一条") and first.endswith("制定本条例。")


def test_regulation_questions_are_answered_as_held_out_ones_are(regulation_kb):
    assert_answers_as_held_out(regulation_kb, "regulation_unseen_qa.jsonl")
