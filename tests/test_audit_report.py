"""An audit work report (审计工作报告) read at a people's congress standing committee: sub-headings closed
by a full stop on lines of their own (「（一）预算编制不够精细。」), findings numbered under each, a table
whose 「单位」 line names two units (「单位：个、万元」) and a date given as a month of this year. The report
is written here, in other words than tests/fixtures/audit_unseen.txt on which these rules were found;
every answer comes from the real model."""

from __future__ import annotations

import pytest

from rag.loaders import load_file
from tests.conftest import text_kb

REPORT = """关于2025年度县级预算执行和其他财政收支的审计工作报告
——2026年7月28日在桐溪县第十九届人民代表大会常务委员会第二十次会议上
县审计局局长 宋立言

主任、各位副主任、各位委员：
县审计局依法审计了2025年度县级预算执行情况，共审计（调查）38个单位、21个项目，发现问题金额3.62亿元。

一、县级预算执行审计情况
（一）预算编制不够精细。
1.代编预算比例偏高。县财政局年初代编项目资金1.85亿元，年底仍有4200万元未落实到项目。
2.部分项目预算执行率低。14个项目执行率低于40%，涉及资金6300万元。
（二）国库资金管理不够规范。
1.非税收入缴库不及时。县自然资源局等3个单位应缴未缴非税收入2860万元，最长滞留9个月。
2.暂付款清理不到位。县财政局暂付款余额1.12亿元，其中超过3年的3100万元未清理。
部分部门预算执行审计发现问题见表1。
表1 部分部门预算执行审计发现问题情况
单位：个、万元
序号 部门 问题个数 问题金额 已整改金额 整改率
1 县教育局 6 1320.50 1210.00 91.6%
2 县卫生健康局 4 865.20 865.20 100%
3 县交通运输局 9 2410.75 1688.40 70.0%
4 县水利局 5 930.10 902.30 97.0%
合计 24 5526.55 4665.90 84.4%

二、专项资金审计情况
围绕民生保障和安全发展，对3项专项资金开展了审计调查。
（一）防汛物资储备资金审计情况。
审计调查了县应急管理局和5个乡镇防汛物资储备情况。审计发现：
1.挪用储备资金。2个乡镇将储备资金96万元用于办公楼装修。
2.物资超期未轮换。价值58.3万元的救生器材超过使用年限未及时更换。
3.储备点布局不均。4个山区村未设储备点。
（二）农村饮水安全资金审计情况。
审计调查了县水利局和8个水厂。审计发现：
1.项目建设滞后。3个水厂改造项目进度滞后6个月以上。
2.水质检测不到位。2个水厂全年检测次数少于规定次数。
（三）国家安全宣传教育经费审计情况。
审计调查了县委国安办和县委宣传部。审计发现：
1.经费滞留。县财政将上级下达的宣传教育经费35万元滞留超过半年。
2.超范围列支。1个单位在宣传教育经费中列支会议费8.6万元。

三、审计发现问题的整改情况
截至2026年6月30日，已整改问题72个，整改问题金额2.41亿元。未整改到位的问题，全面整改情况将于今年11月向县人大常委会专题报告。

四、审计建议
（一）县财政局要压减代编规模，加快暂付款清理。
（二）县应急管理局要健全防汛物资轮换机制。
"""

LIST_OF_RULES = """桐溪县国家安全知识竞赛规则

一、参赛对象
全县各机关事业单位干部职工。

二、其他事项
（一）竞赛采用闭卷笔试方式进行。
（二）本规则由县国安办负责解释。
（三）竞赛成绩在县政府网站公示。

桐溪县国家安全教育办公室
2026年3月1日
"""

WORK = """桐溪县2026年安全生产工作要点

一、主要工作
（一）压实安全责任。
各乡镇要逐级签订安全生产责任书。
（二）强化执法检查，严厉打击非法违法行为。
全年开展执法检查不少于300次。
（三）推进隐患整治。
今年6月底前完成老旧小区燃气管道排查。
"""


@pytest.fixture(scope="module")
def audit_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "audit", REPORT)


def _sections(tmp_path, text):
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    unit = load_file(path, max_bytes=1 << 20, timeout=30).units[0]
    return dict(zip(unit.paragraphs, unit.sections, strict=True))


def test_a_numbered_heading_closed_by_a_full_stop_heads_what_follows(tmp_path):
    """「（一）预算编制不够精细。」 on a line of its own heads the findings under it, named without its full
    stop; a list of numbered sentences (「（二）本规则由县国安办负责解释。」, then 「（三）…」) heads
    nothing."""
    sections = _sections(tmp_path, REPORT)
    first = next(p for p in sections if p.startswith("1.代编预算比例偏高"))
    assert sections[first] == ("一、县级预算执行审计情况", "（一）预算编制不够精细")
    funds = next(p for p in sections if p.startswith("1.挪用储备资金"))
    assert sections[funds] == ("二、专项资金审计情况", "（一）防汛物资储备资金审计情况")
    rules = _sections(tmp_path, LIST_OF_RULES)
    assert rules["（二）本规则由县国安办负责解释。"] == ("二、其他事项",)
    assert rules["（三）竞赛成绩在县政府网站公示。"] == ("二、其他事项",)  # a sign-off after it


def test_a_closed_heading_of_two_clauses_is_one_and_a_deadline_keeps_its_end(
    tmp_path_factory, settings, encoder
):
    """「（二）强化执法检查，严厉打击非法违法行为。」 heads the line under it as its siblings do;
    「今年6月底前」 is a deadline, answered as 「6月底前」, not 「今年6月」."""
    sections = _sections(tmp_path_factory.mktemp("work"), WORK)
    heading = "（二）强化执法检查，严厉打击非法违法行为"
    assert sections["全年开展执法检查不少于300次。"] == ("一、主要工作", heading)
    kb = text_kb(tmp_path_factory, settings, encoder, "work", WORK)
    a = kb.ask("燃气管道排查要在什么时候完成？")
    assert a.grounded and a.answer.startswith("6月底前"), a.answer


@pytest.mark.parametrize(
    ("question", "items"),
    [("防汛物资储备资金这块查出了哪几类问题？", ("挪用储备资金", "物资超期未轮换", "储备点布局不均")),
     ("这次审计调查的专项资金有哪几项？", ("防汛物资储备资金", "农村饮水安全资金", "国家安全宣传教育经费"))],
)
def test_the_points_under_a_closed_heading_are_listed(audit_kb, question, items):
    """「…查出了哪几类问题」 asks the findings numbered under 「（一）防汛物资储备资金审计情况。」;
    「重点审计调查的专项资金有哪几项」 the sub-headings of a part whose opening says 审计调查."""
    a = audit_kb.ask(question)
    assert a.grounded and all(x in a.answer for x in items), a.answer
    assert f"共{len(items)}条" in a.answer, a.answer


def test_a_count_asked_of_a_sections_opening_is_no_list_of_its_points(audit_kb):
    """「防汛物资储备资金审计调查了几个乡镇」 counts 乡镇, which the section's opening gives (5个乡镇): the
    points under its heading are not what is asked."""
    a = audit_kb.ask("防汛物资储备资金审计调查了几个乡镇？")
    assert a.grounded and a.answer.startswith("5个"), a.answer


def test_a_table_unit_line_of_two_units_gives_each_column_its_own(audit_kb):
    """「单位：个、万元」: 问题个数 is counted in 个, 问题金额 in 万元; 整改率 prints its own %."""
    a = audit_kb.ask("表1里县水利局的问题金额是多少？")
    assert a.grounded and a.answer.startswith("930.10万元"), a.answer
    assert "930.10个、万元" not in a.answer


@pytest.mark.parametrize(
    ("question", "lead"),
    [("表1中问题金额最多的是哪个部门？", "县交通运输局（问题金额2410.75万元）"),
     ("表1里哪个部门的整改率最低？", "县交通运输局（整改率70.0%）")],
)
def test_the_row_at_the_top_of_the_column_written_whole(audit_kb, question, lead):
    """「问题金额最多」 shares 问题 with 问题个数 too: the column the question writes whole is ranked."""
    a = audit_kb.ask(question)
    assert a.grounded and a.answer.startswith(lead), a.answer


def test_a_total_row_spanning_the_serial_column_is_read(audit_kb):
    """「合计 24 5526.55 …」 under 「序号 部门 问题个数 问题金额 …」 fills the 序号 and 部门 columns: it is
    the table's total row, which 「问题金额合计多少」 asks of, by the column written whole."""
    a = audit_kb.ask("表1中问题金额合计多少？")
    assert a.grounded and a.answer.startswith("5526.55万元"), a.answer


def test_a_later_part_the_total_rows_cells_answered_is_not_said_again(audit_kb):
    """「…整改了多少金额？总体整改率是多少？」: the second part, citing the total row the first part did,
    says the 整改率 only, not the amount the first part's short answer gave."""
    a = audit_kb.ask("表1中各部门加起来已整改了多少金额？总体整改率是多少？")
    assert a.grounded and a.answer.startswith("4665.90万元") and "整改率84.4%" in a.answer, a.answer
    assert "已整改金额4665.90万元" not in a.answer, a.answer


STATS = """桐溪县2025年居民收支情况

全年全县居民收入稳步增长，消费支出持续恢复。全年固定资产投资比上年增长4.6%。其中，工业投资增长11.2%，
房地产开发投资下降8.9%。

表2 2025年居民收支主要指标
单位：元、%
指标 金额 比上年增长
人均可支配收入 41250 5.6
人均消费支出 28760 4.9
"""


@pytest.fixture(scope="module")
def stats_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "stats", STATS)


def test_a_unit_line_of_money_and_percent_gives_the_growth_its_percent(stats_kb):
    """「单位：元、%」: 金额 in 元, 比上年增长 in %; 「比上年增长多少」 of a row asks its growth."""
    a = stats_kb.ask("人均消费支出比上年增长多少？")
    assert a.grounded and a.answer.startswith("4.9%"), a.answer


@pytest.mark.parametrize(
    ("question", "lead"), [("工业投资增长多少？", "11.2%"), ("房地产开发投资增长多少？", "下降8.9%")]
)
def test_a_change_of_an_investment_is_its_percent_and_a_fall_says_so(stats_kb, question, lead):
    """「投资增长多少」: 投资 hints 元, but a change is stated in % (before: refused); a fall asked as a
    rise is answered with its 下降."""
    a = stats_kb.ask(question)
    assert a.grounded and a.answer.startswith(lead), a.answer


def test_a_later_part_asking_a_measure_the_first_answer_gave_adds_nothing(audit_kb):
    """「…最多的是哪个部门？金额多少？」: the first part's short answer gave 问题金额 with its figure."""
    a = audit_kb.ask("表1中问题金额最多的是哪个部门？金额多少？")
    assert a.grounded and a.answer.startswith("县交通运输局（问题金额2410.75万元）"), a.answer
    assert "资料中没有找到" not in a.answer and len(a.citations) == 1, a.answer


def test_units_counted_in_jia_are_found_counted_in_ge(audit_kb):
    """「多少家单位」 of 「38个单位」: 家 and 个 count the same bodies."""
    a = audit_kb.ask("这次审计一共查了多少家单位？")
    assert a.grounded and "38个" in a.answer, a.answer


def test_a_month_of_this_year_answers_when(audit_kb):
    """「什么时候…报告」 of 「将于今年11月向县人大常委会专题报告」: 今年11月 is the date given."""
    a = audit_kb.ask("全面整改的情况准备什么时候向县人大常委会报告？")
    assert a.grounded and a.answer.startswith("今年11月"), a.answer
