"""Two kinds of document as their text comes out of a PDF, written here in other words than the unseen
ones they were found on (a target responsibility agreement and a circular reporting accountability
cases):

- an agreement whose numbered point is a sentence announcing the lines under it (「（二）有下列情形之一
  的，…：」 then 「1.…；」), a part asked for by its number (「写在第几部分」), class hours asked as a
  length of time, and a figure of money that belongs to another kind of money than the one asked;
- a circular naming officials, their posts and sanctions: a post asked of someone the text names is
  not the issuer's byline, and a figure it does not give (his case's loss, the price of a stake) is refused.
"""

from __future__ import annotations

import pytest

from rag.loaders import load_file
from tests.conftest import document_kb, text_kb, written

AGREEMENT_TITLE = "2025年度枫桥镇保密工作目标管理责任书"
AGREEMENT = """禾川县保密委员会文件

禾保委〔2025〕2号

      2025年度枫桥镇保密工作目标管理责任书

    为落实《中华人民共和国保守国家秘密法》和县委关于保密工作的部署，禾川县保密委员会
（以下简称甲方）与枫桥镇党委、镇人民政府（以下简称乙方）签订本责任书。

    一、工作目标

    全年不发生失泄密事件，机关涉密计算机检查覆盖率达到100%。

    二、工作任务

    （一）乙方每年组织保密知识培训不少于3次；新入职干部岗前培训须安排保密专题课，
学时不少于6学时。
    （二）乙方应将保密工作经费列入年度预算，年度经费不少于8万元，并设立泄密举报奖励基金。

    三、考核与否决

    （一）考核结果按权重纳入乙方年度综合考核。
    （二）有下列情形之一的，实行一票否决，年度考核定为不合格：
    1.发生泄露国家秘密案件，造成严重损害的；
    2.涉密人员擅自出境，未按规定报告的；
    3.隐瞒不报失泄密事件的。
    被一票否决的，乙方当年不得评为先进单位。

甲方（盖章）：禾川县保密委员会              乙方（盖章）：中共枫桥镇委员会
2025年1月20日
"""

CIRCULAR = """中共禾川县纪律检查委员会办公室

禾纪办发〔2025〕7号

关于3起保密工作责任落实不到位问题的通报

各乡镇党委，县级机关各部门：
    为严明保密纪律，现将近期查处的3起典型问题通报如下：
    一、县自然资源局副局长方启明违规存储涉密资料问题。2024年5月至7月，方启明将6份涉密地形图存入个人手机，
其中2份经即时通讯软件转发给他人。方启明受到党内严重警告处分，被免去副局长职务。
    二、县档案馆馆长许文涛履行保密管理职责不力问题。2024年8月，县档案馆涉密档案室监控系统停用21天未报修，
其间库房被盗，造成直接经济损失3.6万元。
许文涛受到诫勉谈话。
    三、禾川电子科技公司转让40%股权未报审问题。2024年9月，县工信局科长石磊在该公司拟向境外投资者转让40%股权时，
未按规定提请安全审查。石磊受到政务记过处分。
    各单位要引以为戒，于2025年3月31日前完成涉密载体自查。

中共禾川县纪律检查委员会办公室
2025年1月8日
"""


@pytest.fixture(scope="module")
def agreement(tmp_path_factory):
    return written(tmp_path_factory, "secrecy_agreement.txt", AGREEMENT)


@pytest.fixture(scope="module")
def agreement_kb(tmp_path_factory, settings, encoder, agreement):
    return document_kb(tmp_path_factory, settings, encoder, "agreement", agreement)


@pytest.fixture(scope="module")
def circular_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "circular", CIRCULAR)


def test_a_numbered_point_announcing_the_lines_under_it_is_text_as_well_as_their_heading(agreement):
    (unit,) = load_file(agreement, max_bytes=2**20, timeout=30).units
    lead = "（二）有下列情形之一的，实行一票否决，年度考核定为不合格："
    at = unit.paragraphs.index(lead)  # the sentence is read, not only printed over its items
    assert unit.paragraphs[at + 1] == "1.发生泄露国家秘密案件，造成严重损害的；"
    assert unit.section_of(at + 1)[-1] == lead
    # a short name for a point is a heading only (「三、考核与否决」); a line ending in a comma is a
    # sentence wrapped onto the next line, no heading
    assert "三、考核与否决" not in unit.paragraphs
    broken = next(i for i, p in enumerate(unit.paragraphs) if p.startswith("（一）乙方每年组织"))
    assert unit.section_of(broken) == unit.section_of(broken + 1) == ("二、工作任务",)


def test_the_agreements_list_part_hours_and_money_are_answered(agreement_kb):
    vetoed = agreement_kb.ask("哪些情况会被一票否决？")
    for item in ("泄露国家秘密案件", "擅自出境", "隐瞒不报"):
        assert item in vetoed.answer, vetoed.answer
    part = agreement_kb.ask("一票否决写在责任书的第几部分？")
    assert part.answer.startswith(f"《{AGREEMENT_TITLE}》三、考核与否决"), part.answer
    hours = agreement_kb.ask("新入职干部的保密专题课要上多长时间？")
    assert hours.answer.startswith("不少于6学时"), hours.answer  # class hours are a length of time
    # 8万元 is the year's funds, said beside the reward fund: no reward's amount
    reward = agreement_kb.ask("举报泄密的奖励金额最高是多少？")
    assert not reward.grounded, reward.answer
    assert "8万元" in agreement_kb.ask("年度保密工作经费不少于多少？").answer


def test_a_circulars_officials_are_answered_from_its_text_and_what_it_does_not_give_is_refused(circular_kb):
    post = circular_kb.ask("许文涛担任什么职务？")
    assert "馆长" in post.answer and "纪律检查委员会办公室发布" not in post.answer, post.answer
    issuer = circular_kb.ask("这份通报是谁发的？")  # the byline still answers who issued it
    assert "中共禾川县纪律检查委员会办公室" in issuer.answer, issuer.answer
    removed = circular_kb.ask("有没有人被免职？是谁？")  # 免职, written 免去…职务
    assert "方启明" in removed.answer, removed.answer
    warned = circular_kb.ask("哪些人受到了党内严重警告处分？")  # the persons it names, no list of documents
    assert "方启明" in warned.answer and "相关文章" not in warned.answer, warned.answer
    # a loss is money, reported in the paragraph of the case it belongs to: 许文涛's case gives one,
    # 方启明's none
    assert "3.6万元" in circular_kb.ask("许文涛那起问题造成了多少直接经济损失？").answer
    loss = circular_kb.ask("方启明转发的涉密资料造成了多少直接经济损失？")
    assert not loss.grounded, loss.answer
    # a price is an amount of money: 40% is none
    price = circular_kb.ask("禾川电子科技公司的股权转让金额是多少？")
    assert not price.grounded, price.answer
    assert "21天" in circular_kb.ask("档案室监控系统停用了多少天？").answer


# What the review of the change found with documents of its own: each answered as before it
REVIEW = """青川县人民政府办公室文件

青政办〔2025〕9号

青川县人民政府办公室关于转发《市级生产安全举报奖励办法》的通知

各乡镇人民政府，县政府各部门：
    现将市应急管理局制定的《市级生产安全举报奖励办法》（市应急发〔2025〕3号）转发给你们，请认真贯彻执行。
    一、举报重大事故隐患的，经查属实，按照罚没款金额的6%给予举报人奖励。
    二、举报一般事故隐患的，给予举报人奖励，所需资金每件不超过3000元。

青川县人民政府办公室
2025年3月20日
"""


@pytest.fixture(scope="module")
def review_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "forwarded", REVIEW)


def test_what_the_review_found_is_answered_as_before(review_kb):
    share = review_kb.ask("举报重大事故隐患的奖励金额是多少？")  # a share of a sum is an amount asked
    assert share.answer.startswith("6%"), share.answer
    each = review_kb.ask("举报一般事故隐患每件最多奖励多少钱？")  # 资金 is any kind of money, not another's
    assert "3000元" in each.answer, each.answer
    own = review_kb.ask("这份转发通知的文号是多少？")  # the document's own, not the one it forwards
    assert "青政办〔2025〕9号" in own.answer, own.answer
