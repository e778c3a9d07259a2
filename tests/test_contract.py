"""A service contract (政府采购服务合同) as its text is copied from a Word file, written here in other words
than the unseen one it was found on: parties' lines, a block of fields under each party's heading,
第N条 articles with clauses 1.1, and a sign-off printing both parties' seals, signers and days side by
side (「甲方（盖章）：…　　　　乙方（盖章）：…」).

Each party's column is read as one row, so who signed for which party is one statement; a party's
fields are read under its heading even with a note in it (「乙方（供应商）」); a question splitting a verb
(「谁签的字」) asks the word the contract prints (签字); everyday words for going to court (打官司, 谈不拢)
find the clause on it; an amount asked of a party's line that states none is refused; and
「…哪一条管这个事」 after a question on a law asks the article that answered it.
"""

from __future__ import annotations

import pytest

from tests.conftest import text_kb, written_unit

CONTRACT = """青禾县政务外网安全运维服务合同

合同编号：QHZW-2025-012

甲方（采购人）：青禾县大数据发展中心
乙方（供应商）：青禾恒盾信息技术有限公司

甲方（采购人）
名称：青禾县大数据发展中心
联系人：韩冬
电话：0791-5550123

乙方（供应商）
名称：青禾恒盾信息技术有限公司
法定代表人：陆晓岚
联系人：宋佳
电话：0791-5550456

第一条　服务内容
1.1 乙方为甲方政务外网提供安全监测、漏洞扫描和应急响应服务。
1.2 服务期限为6个月，自2025年3月1日起至2025年8月31日止。

第二条　合同价款
2.1 本合同总价为人民币叁拾贰万元整（¥320,000.00）。
2.2 甲方在服务期满并验收合格后一次性支付合同价款。

第三条　争议解决
3.1 因本合同发生的争议，双方协商解决；协商不成的，任何一方可向甲方所在地人民法院提起诉讼。

甲方（盖章）：青禾县大数据发展中心　　　　乙方（盖章）：青禾恒盾信息技术有限公司
法定代表人（签字）：郑文博　　　　　　　　法定代表人（签字）：陆晓岚
日期：2025年2月20日　　　　　　　　　　　日期：2025年2月18日
"""

PARTY_A = "甲方（盖章）：青禾县大数据发展中心 | 法定代表人（签字）：郑文博 | 日期：2025年2月20日"
PARTY_B = "乙方（盖章）：青禾恒盾信息技术有限公司 | 法定代表人（签字）：陆晓岚 | 日期：2025年2月18日"


@pytest.mark.parametrize("lines", [
    ("一等奖：青禾一中　　　　一等奖：青禾二中", "二等奖：青禾三中　　　　二等奖：青禾四中"),
    ("组长：韩冬　　　　副组长：宋佳", "成员：陆晓岚　　　　成员：郑文博"),
])  # fmt: skip
def test_fields_in_two_columns_that_are_no_sign_off_are_read_across(tmp_path_factory, lines):
    # a prize list or a roster set in two columns: each line as printed, no column read as a party
    unit = written_unit(tmp_path_factory, "list.txt", "青禾县知识竞赛获奖名单\n\n" + "\n".join(lines) + "\n")
    assert not any(" | " in x for x in unit.paragraphs), unit.paragraphs


@pytest.mark.parametrize("question", ["全县有多少个预算单位？", "有多少家企业拖欠工资？"])
def test_a_count_of_what_a_sum_names_is_no_amount_asked(question):
    from rag.answer import _MONEY_ASKED

    assert _MONEY_ASKED.search(question) is None
    assert _MONEY_ASKED.search("乙方的注册资本是多少？") and _MONEY_ASKED.search("项目总预算是多少？")


@pytest.fixture(scope="module")
def contract_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "contract", CONTRACT)


def test_a_sign_off_set_side_by_side_is_read_a_party_a_row(tmp_path_factory):
    unit = written_unit(tmp_path_factory, "contract.txt", CONTRACT)
    text = "\n".join(unit.paragraphs)
    assert PARTY_A in text and PARTY_B in text
    assert text.index(PARTY_A) < text.index(PARTY_B)
    # two fields in one line, as the parties' lines above are, are no sign-off
    assert "甲方（采购人）：青禾县大数据发展中心" in unit.paragraphs


def test_who_signed_for_a_party_quotes_its_row(contract_kb):
    answer = contract_kb.ask("乙方是谁签的字？")
    assert answer.grounded and answer.citations[0].quote == PARTY_B, answer.answer


@pytest.mark.parametrize(("question", "value", "other"), [
    ("乙方的法定代表人是谁？", "陆晓岚", "郑文博"),
    ("乙方的电话是多少？", "0791-5550456", "0791-5550123"),  # under 「乙方（供应商）」, a note in the heading
    ("甲方联系人是谁？", "韩冬", "宋佳"),
])  # fmt: skip
def test_a_partys_field_is_read_under_its_own_heading(contract_kb, question, value, other):
    answer = contract_kb.ask(question)
    assert answer.grounded and value in answer.answer and other not in answer.answer, answer.answer


def test_an_amount_no_line_states_is_refused(contract_kb):
    # the 乙方 line names the party asked about, and states no 注册资本
    answer = contract_kb.ask("乙方青禾恒盾信息技术有限公司的注册资本是多少？")
    assert not answer.grounded, answer.answer


def test_everyday_words_for_going_to_court_find_the_clause(contract_kb):
    answer = contract_kb.ask("要是双方谈不拢，最后去哪里打官司？")
    assert answer.grounded and "甲方所在地人民法院" in answer.citations[0].quote, answer.answer


def test_which_article_handles_it_names_the_article_that_answered(laws_kb):
    answer = laws_kb.ask("境外的执法机构要我们把存在国内的数据交给它，能直接给吗？数据安全法哪一条管这个事？")
    assert answer.grounded and "第三十六条" in answer.answer, answer.answer
    assert "第十一条" not in answer.answer
