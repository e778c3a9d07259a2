"""A production-safety accident investigation report (事故调查报告): a timeline told by the minute
(「11时52分」), a losses table whose rows are named with their last word dropped (「医疗救治花了多少」 of
「医疗救治费用」) and a serial-number column. The report is written here, in other words than
tests/fixtures/accident_unseen.txt, on which these rules were found; every answer comes from the real
model."""

from __future__ import annotations

import pytest

from rag.loaders import load_file
from tests.conftest import text_kb

REPORT = """汀州市南湖区“5·9”餐饮店燃气爆炸事故调查报告

2025年5月9日11时47分许，汀州市南湖区湖滨路17号一家餐饮店后厨发生液化石油气爆炸，造成2人死亡、5人受伤，
直接经济损失463.2万元。

事故单位汀州市味香餐饮管理有限公司成立于2019年，法定代表人：赵明远，共有员工26人，其中店长孙立伟分管安全生产
工作。店面房屋的产权单位为汀州市湖滨置业有限公司，法定代表人为钱海涛。

一、事故经过和救援情况

5月9日10时30分，店内厨师更换液化石油气钢瓶后未检查连接软管。11时47分许，后厨发生爆炸并起火。11时49分，
隔壁商户拨打119报警。11时58分，南湖消防救援站首批力量到达现场。12时36分，明火被全部扑灭；14时10分，现场搜救结束。

二、直接经济损失

表1 直接经济损失统计表
序号 损失项目 金额（万元）
1 医疗救治费用 158.6
2 善后赔偿费用 201.4
3 房屋及设备损失 103.2
合计 463.2

三、事故原因

事故直接原因为：连接软管老化开裂，泄漏的液化石油气遇明火发生爆炸。

四、责任认定及处理建议

1.赵明远，味香公司法定代表人、总经理。未建立安全生产责任制，未督促检查本单位安全生产工作，对事故发生负有主要
责任。涉嫌重大责任事故罪，2025年5月10日被公安机关刑事拘留。建议由司法机关依法追究其刑事责任。

2.孙立伟，味香公司店长。未组织开展燃气安全检查，对事故发生负有重要责任。2025年5月10日被公安机关刑事拘留，
5月21日被取保候审。建议由司法机关依法追究其刑事责任。

3.责成南湖区人民政府向汀州市人民政府作出深刻书面检查。

表2 责任人员处理建议汇总表
序号 姓名 单位及职务 处理建议
1 赵明远 味香公司法定代表人、总经理 移送司法机关、罚款9.6万元
2 孙立伟 味香公司店长 移送司法机关
3 邹海峰 南湖区城市管理局燃气科科长 政务记过

表3 各街道燃气安全检查情况
街道 检查商户 发现隐患 整改完成
湖滨街道 126户 38处 35处
望江街道 98户 27处 27处

事故调查组由市应急管理局局长蒋文涛任组长，市公安局、市消防救援支队派员参加。

五、整改措施建议

全市餐饮场所燃气安全专项整治于2025年6月1日启动，由市城市管理局牵头，重点检查软管、阀门和报警装置。各区要在
整治期间每月报送一次进展。专项整治将于2025年11月30日结束，届时由市安委会办公室组织验收。
"""


@pytest.fixture(scope="module")
def report_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "accident", REPORT)


@pytest.mark.parametrize(
    ("question", "time"),
    [("明火几点被扑灭的？", "12时36分"), ("消防站的首批力量是在什么时间到达现场的？", "11时58分"),
     ("现场搜救是几点几分结束的？", "14时10分")],
)
def test_a_time_of_day_asked_is_answered_with_the_time(report_kb, question, time):
    """「几点」「什么时间」「几点几分」 ask a time of day: the answer leads with the time the quote prints
    (「几点几分」 is no count of minutes)."""
    a = report_kb.ask(question)
    assert a.grounded and a.answer.startswith(time), a.answer


def test_a_day_with_its_time_is_given_together(report_kb):
    a = report_kb.ask("厨师是哪一天几点更换钢瓶的？")
    assert a.grounded and a.answer.startswith("5月9日10时30分。"), a.answer


@pytest.mark.parametrize(
    ("question", "figure"),
    [("损失统计表里医疗救治花了多少钱？", "158.6万元"), ("直接经济损失中，善后赔偿是多少？", "201.4万元")],
)
def test_a_row_named_without_its_last_word_gives_its_amount_alone(report_kb, question, figure):
    """「医疗救治」 names the row 「医疗救治费用」; the answer is its amount in the header's unit, without the
    row's serial number."""
    a = report_kb.ask(question)
    assert a.grounded and a.answer.startswith(f"{figure}。"), a.answer
    assert "序号" not in a.answer.split("。")[0]


@pytest.mark.parametrize(
    ("question", "name"),
    [("味香公司的法定代表人是谁？", "法定代表人：赵明远"),
     ("湖滨置业的法定代表人是谁？", "法定代表人为钱海涛"),
     ("店里分管安全生产的负责人是谁？", "孙立伟分管安全生产")],
)
def test_a_post_is_read_from_its_label_or_its_duty(report_kb, question, name):
    """「法定代表人：赵明远」 names the holder of the post asked, in a sentence about the company asked (味香
    for 味香餐饮管理有限公司); 「分管安全生产的负责人」 is whoever the text says 分管安全生产, though it
    never writes 负责人."""
    a = report_kb.ask(question)
    assert a.grounded and name in a.answer, a.answer


def test_a_level_asked_is_answered_by_the_body_at_that_level(report_kb):
    """「向哪一级作检查」 asks the body above: 「向汀州市人民政府」 answers it, though it writes no
    「市级」."""
    a = report_kb.ask("南湖区政府要向哪一级作书面检查？")
    assert a.grounded and "向汀州市人民政府" in a.answer, a.answer


def test_a_deputy_asked_is_not_answered_by_the_head(report_kb):
    """「副组长是谁」: the sentence naming the 组长 names no deputy; the refusal says which post."""
    a = report_kb.ask("事故调查组的副组长是谁？")
    assert not a.grounded and "副组长" in a.answer and "蒋文涛" not in a.answer, a.answer


@pytest.mark.parametrize(
    ("question", "values"),
    [("这次爆炸死了几个人、伤了几个人？", ("2人", "5人")),
     ("燃气专项整治从几号开始、到几号结束？", ("6月1日", "11月30日"))],
)
def test_two_values_asked_in_clauses_joined_by_a_dun_are_each_answered(report_kb, question, values):
    """「死了几个人、伤了几个人」「从几号开始、到几号结束」 ask two values: each is answered, though
    another sentence states each."""
    a = report_kb.ask(question)
    assert a.grounded and all(v in a.answer for v in values), a.answer


def test_a_table_set_by_single_spaces_is_one_line_a_row(tmp_path):
    """A table copied with one space between its cells (a header of words over numbered rows of words, or
    rows naming a street then figures) keeps its header and each row a line: they had run into one line
    as wrapped text, 「处理建议1 赵明远…」."""
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    paragraphs = load_file(path, max_bytes=1 << 20, timeout=30).units[0].paragraphs
    for line in ("序号 姓名 单位及职务 处理建议", "2 孙立伟 味香公司店长 移送司法机关",
                 "3 邹海峰 南湖区城市管理局燃气科科长 政务记过", "街道 检查商户 发现隐患 整改完成",
                 "湖滨街道 126户 38处 35处", "望江街道 98户 27处 27处"):
        assert line in paragraphs, line


@pytest.mark.parametrize(
    ("question", "cell"),
    [("处理建议汇总表里，邹海峰拟受到什么处分？", "政务记过"), ("孙立伟的处理建议是什么？", "移送司法机关")],
)
def test_a_row_of_words_named_by_its_label_gives_the_cell_asked(report_kb, question, cell):
    """A table of words (「3 邹海峰 南湖区城市管理局燃气科科长 政务记过」) answers a question naming a row's
    label and the table or a column: the cell of that column leads, the row is the quote."""
    a = report_kb.ask(question)
    assert a.grounded and a.answer.startswith(f"{cell}。表2 责任人员处理建议汇总表："), a.answer


def test_when_the_event_its_title_names_happened_is_its_opening_sentence(report_kb):
    """「爆炸是什么时候发生的」 of a report whose title names the explosion: its first sentence gives the
    day and the time (the timeline's 「11时47分许，后厨发生爆炸」 gives the time alone)."""
    a = report_kb.ask("这起燃气爆炸是什么时候发生的？")
    assert a.grounded and a.answer.startswith("2025年5月9日11时47分"), a.answer
