"""A document's labelled lines (「执　　笔：…」「审　　核：…」「承办单位：…」) answer the questions naming
their label or its verb; a law the document quotes by its title is not missing from the knowledge base.
A training handout written here (other wording than the validation lesson plan), on the real model."""

from __future__ import annotations

import pytest

from tests.conftest import text_kb

HANDOUT = """溪口镇2026年国家安全教育日专题辅导讲稿

编写单位：溪口镇党政办公室
执　　笔：林雨桐（镇党政办干部）
审　　核：周国华（镇党委副书记）
承办单位：溪口镇文化站
印　　数：200份

一、辅导安排

辅导安排在4月15日上午进行，时长60分钟，由镇党委副书记主讲。

二、法律要点

（一）《中华人民共和国保守国家秘密法》：2024年2月27日修订通过，2024年5月1日起施行。
（二）涉密人员离岗离职实行脱密期管理，脱密期内不得违反规定就业和出境。

三、现场交流

周国华：同志们好！今天重点讲三件事：保守秘密、防范窃密、及时报告。

四、其他

请各村（社区）于4月10日前报送参训名单。
"""


@pytest.fixture(scope="module")
def handout_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "handout", HANDOUT)


@pytest.mark.parametrize(
    ("question", "line"),
    [
        ("这份讲稿是谁执笔的？", "执笔：林雨桐（镇党政办干部）"),
        ("讲稿由谁审核？", "审核：周国华（镇党委副书记）"),
        ("这次辅导是哪个单位承办的？", "承办单位：溪口镇文化站"),
        ("讲稿是哪个单位编写的？", "编写单位：溪口镇党政办公室"),
    ],
)
def test_a_question_naming_a_label_is_answered_by_its_line(handout_kb, question, line):
    a = handout_kb.ask(question)
    assert a.grounded and a.citations[0].quote == line, a.answer


def test_a_speakers_turn_is_no_field(handout_kb):
    a = handout_kb.ask("周国华重点讲了哪三件事？")
    assert a.grounded and "保守秘密" in a.answer and "防范窃密" in a.answer


def test_a_law_the_document_quotes_by_title_is_not_missing(handout_kb):
    a = handout_kb.ask("修订后的保密法是从哪天开始施行的？")
    assert a.grounded and "2024年5月1日" in a.answer and "知识库中没有" not in a.answer
