# ruff: noqa: E501  (the table is printed as a PDF gives it, wider than a line of code)
"""A list of powers and responsibilities (权责清单) as its text comes out of a PDF, written here in other
words than the unseen one it was found on: a table whose rows stand apart by blank lines, every long
cell wrapped onto the lines under it in its own column, and its header printed again on a new page.
Each row is read whole, one paragraph a row, and questions about one row's cells are answered from it.
"""

from __future__ import annotations

import pytest

from rag.loaders import load_file
from tests.conftest import document_kb, written

DUTIES = """                         岚江市保密局权责清单（2025年版）

说明：
1.本清单依据《中华人民共和国保守国家秘密法》等法律法规编制。
2.本清单共列权责事项4项，其中行政处罚2项、行政检查1项、行政奖励1项。

序号   事项名称                 职权类型     实施依据                     责任事项                       追责情形

1      对机关、单位违反保密规   行政处罚     《中华人民共和国保守国家秘   1.立案责任：发现违法线索后依   因不履行或者不正确履行职责，
       定的处罚                              密法》第五十九条：机关、单   法审查。2.调查责任：调查时执   有下列情形之一的，依法追究责
                                             位违反本法规定，由保密行政   法人员不得少于两人。3.告知责   任：1.未按法定程序实施处罚的；
                                             管理部门责令改正。           任：告知当事人陈述、申辩权利。 2.擅自改变处罚种类的。

2      对网络运营者未配合泄密   行政处罚     《中华人民共和国保守国家秘   同序号1                        同序号1
       事件调查的处罚                        密法》第六十条

3      保密检查                 行政检查     《中华人民共和国保守国家秘   1.制定检查计划，每年至少检查   1.无依据实施检查的；2.泄露检
                                             密法》第四十九条             一次。2.检查结束后十五个工作   查中知悉的商业秘密的。
                                                                          日内出具整改意见。

                                          — 1 —

序号   事项名称                 职权类型     实施依据                     责任事项                       追责情形

4      对举报泄密行为的公民给   行政奖励     《中华人民共和国保守国家秘   受理举报，对查证属实的举报给   泄露举报人信息的。
       予奖励                                密法》第八条                 予奖励。

监督电话：0571-6602119
岚江市保密局
2025年2月10日
"""


@pytest.fixture(scope="module")
def duties(tmp_path_factory):
    return written(tmp_path_factory, "duties.txt", DUTIES)


@pytest.fixture(scope="module")
def duties_kb(tmp_path_factory, settings, encoder, duties):
    return document_kb(tmp_path_factory, settings, encoder, "duties", duties)


def test_rows_set_apart_by_blank_lines_are_read_whole_one_paragraph_each(duties):
    (unit,) = load_file(duties, max_bytes=2**20, timeout=30).units
    rows = [p for p in unit.paragraphs if p[:2] in ("1 ", "2 ", "3 ", "4 ")]
    assert [r.split()[1] for r in rows] == [
        "对机关、单位违反保密规定的处罚", "对网络运营者未配合泄密事件调查的处罚", "保密检查",
        "对举报泄密行为的公民给予奖励",
    ]  # fmt: skip
    assert "《中华人民共和国保守国家秘密法》第六十条" in rows[1]  # a cell's wrapped piece joins its cell
    assert rows[2].endswith("1.无依据实施检查的；2.泄露检查中知悉的商业秘密的。")
    assert (unit.author, unit.date) == ("岚江市保密局", "2025年2月10日")


def test_a_rows_cells_answer_questions_about_it(duties_kb):
    basis = duties_kb.ask("网络运营者不配合泄密事件调查的，依据保密法哪一条处罚？")
    assert "第六十条" in basis.answer, basis.answer
