"""Forms of asking that no document prints: a formula quoted with its numbers asked (“几加几加X”),
a modal fused to its verb (能管), a share asked as 几分之几, how often a body meets
(「至少半年召开1次」), and a penalty asked with 怎么. Real model, the bundled page and laws, and a
charter written here."""

from __future__ import annotations

import re

import pytest
from conftest import text_kb

from rag import question as asked
from rag.question import FRACTION, analyse, has_figure
from rag.text import DURATION, EVERY

CHARTER = """某市网络安全协会章程
（2024年3月9日第一届会员代表大会第一次会议通过）
第一章 总则
第一条 本会的名称为某市网络安全协会。
第二条 本会是由本市从事网络安全工作的单位和个人自愿结成的非营利性社会组织。
第二章 组织机构
第十二条 理事会由21至31名理事组成，每届任期4年。
第十三条 理事会须有三分之二以上理事出席方能召开，其决议须经到会理事三分之二以上表决通过方能生效。
第十四条 本会设立常务理事会。常务理事会由理事会选举产生，常务理事人数不超过理事人数的三分之一。
第十五条 常务理事会至少半年召开1次会议；情况特殊的，也可采用通讯形式召开。
第三章 附则
第二十条 本章程经2024年3月9日第一届会员代表大会表决通过，自登记管理机关核准之日起生效。
"""


@pytest.fixture(scope="module")
def charter_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "charter", CHARTER)


def test_a_formula_is_found_in_the_form_the_question_quotes():
    filled_template = asked.filled_template
    texts = ["打造具有国际竞争力的“6+2+X”现代产业集群", "紧贴“5+X”未来产业发展所需", "坚持“四个统筹”"]
    assert filled_template("要打造的是“几加几加X”？", texts) == "要打造的是“6+2+X”？"
    assert filled_template("未来产业是“几加X”？", texts) == "未来产业是“5+X”？"  # not the 2+X of 6+2+X
    assert filled_template("是“几加X”？", [*texts, "“3+X”"]) == "是“几加X”？"  # two of the form
    # a quoted number asked is no formula: the question keeps asking it
    assert filled_template("办理要“几个工作日”？", ["十五个工作日内办结"]) == "办理要“几个工作日”？"
    assert filled_template("“几个统筹”指什么", texts) == "“几个统筹”指什么"


def test_a_formula_asked_by_its_numbers_is_answered_on_the_page(default_kb):
    a = default_kb.ask("新吴区要打造的有国际竞争力的现代产业集群是“几加几加X”？")
    assert "6+2+X" in a.answer and a.citations and all(c.quote in c.text for c in a.citations)


def test_a_modal_fused_to_its_verb_is_no_term():
    assert "能管" not in analyse("约束措施最长能管多久？").terms
    assert "能罚" not in analyse("这种情况能罚多少？").terms
    assert "会议" in analyse("会议在哪里召开？").terms  # a word of the dictionary stays whole


def test_a_share_asked_as_a_fraction_is_a_share(charter_kb):
    assert analyse("要有几分之几的理事出席？").unit == "%"
    assert has_figure("常务理事人数不超过理事人数的三分之一", "%")
    assert re.fullmatch(FRACTION, "十二分之一") and not re.search(FRACTION, "百分之五、千分之三")
    a = charter_kb.ask("理事会要有几分之几的理事出席才能开会？")
    assert "三分之二" in a.answer and "第十三条" in a.answer


def test_how_often_a_body_meets_is_read_from_once_in_a_period(charter_kb):
    assert EVERY.search("常务理事会至少半年召开1次会议")
    assert EVERY.search("两年进行一次评估")
    for once in ("三年内受过一次处罚", "2025年开展一次全面检查", "第二年再进行一次", "于6月底前开展1次自查",
                 "5个月后复查一次", "今年一季度召开一次", "近半年开展一次"):  # fmt: skip
        assert not EVERY.search(once), once
    assert DURATION.search("至少半年召开") and not DURATION.search("上半年")
    a = charter_kb.ask("常务理事会多长时间开一次会？")
    assert "半年" in a.answer and "第十五条" in a.answer


def test_a_penalty_asked_with_how_quotes_the_penalty(laws_kb):
    from rag.answer import _PUNISHMENT_ASKED

    for penalty in ("会被怎么罚？", "会被如何处罚？", "会被怎么样处罚？", "会受到什么处罚？"):
        assert analyse(penalty).shape != "how" and _PUNISHMENT_ASKED.search(penalty), penalty
    for other in ("什么部门处罚？", "什么时候罚？", "怎么缴纳罚款？", "如何处分共有财产？"):
        assert not _PUNISHMENT_ASKED.search(other), other
    assert analyse("怎么防范间谍行为？").shape == "how"
    a = laws_kb.ask("实验室把用过的实验动物卖给市场，会被怎么罚？")
    assert "二十万元以上一百万元以下" in a.answer


def test_everyday_words_for_how_a_law_sorts_its_people(laws_kb):
    a = laws_kb.ask("涉密岗位上的人，保密法按什么分成哪几类？")
    assert "核心涉密人员" in a.answer
