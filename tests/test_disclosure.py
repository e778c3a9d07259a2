"""An annual report on the year before (a 政府信息公开工作年度报告 dated early the next year): its
「本年」 and its readers' 「今年」 are the year it reports on; a change asked is the figure the change
word leads; a name the question quotes is what it asks about; 「哪一年」 wants a year. Written here in
other words than the blind fixture; every answer comes from the real model."""

from __future__ import annotations

import pytest

from rag.loaders import load_file
from rag.period import reported_year
from tests.conftest import FIXTURES, document_kb, text_kb

REPORT = """汀州市司法局2024年政府信息公开工作年度报告

一、总体情况

（一）主动公开
全年，汀州市司法局在门户网站主动公开政府信息865条，较2023年的790条增长9.5%。其中，
行政许可信息212条，法律援助服务信息147条，普法宣传信息318条。

（二）依申请公开
2024年共新收政府信息公开申请42件，较上年减少5件；上年结转2件。已办结41件，予以公开18件，
部分公开6件，无法提供10件，不予处理7件。

（三）平台建设
“汀州司法”微信公众号全年推送信息1260条，关注人数达5.2万人；“汀州普法”短视频账号发布作品96条。开展
“法润汀州”普法下乡活动37场，覆盖群众2.1万人次。

（四）监督保障
局办公室负责政务公开日常工作，配备兼职信息员5名。9月底前完成《汀州市司法局政府信息公开指南》
修订。

二、收费情况
本年度未收取信息处理费。
第二十条第（八）项
信息内容　　本年收费金额（单位：万元）
行政事业性收费　　0

三、改进措施
一是建立公开台账，按月通报；二是2025年组织政务公开业务培训不少于3期。

汀州市司法局
2025年1月15日
"""


@pytest.fixture(scope="module")
def report_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "disclosure", REPORT)


def test_a_report_on_the_year_before_is_read_as_of_that_year():
    assert reported_year("汀州市司法局2024年政府信息公开工作年度报告", "2025") == "2024"
    assert reported_year("青岚市2025年国民经济和社会发展统计公报", "2026") == "2025"
    assert reported_year("2025年全民国家安全教育日活动方案", "2026") == "2026"  # a plan, not a report
    assert reported_year("2024年工作总结和2025年工作安排", "2025") == "2025"  # two years named
    assert reported_year("汀州市2024年工作总结", "2024") == "2024"


def test_a_line_citing_an_article_heads_nothing(tmp_path):
    """「第二十条第（八）项」 over a table cites the regulation's article; it is no article of the report,
    and the parts after it keep their own headings."""
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    (unit,) = load_file(path, max_bytes=2**20, timeout=30).units
    at = next(i for i, p in enumerate(unit.paragraphs) if p.startswith("一是建立公开台账"))
    assert unit.sections[at] == ("三、改进措施",), unit.sections[at]


def test_this_year_asked_of_an_annual_report_is_the_year_it_reports_on(report_kb):
    """「今年」 of a 2024 report signed in 2025 asks of 2024, as its 「本年新收」 rows are; 「去年」 too
    (its readers read it in the year after)."""
    new = report_kb.ask("今年新收了多少件政府信息公开申请？")
    assert new.grounded and new.answer.startswith("42件"), new.answer
    last = report_kb.ask("去年门户网站主动公开了多少条政府信息？")
    assert last.grounded and last.answer.startswith("865条"), last.answer


def test_a_year_compared_with_does_not_date_the_sentence(report_kb):
    """「2024年…一共主动公开了多少条」: 「全年…865条，较2023年的790条增长9.5%」 is about the report's year;
    2023 is the year compared with, so the 「其中」 sentence after it is no better answer."""
    a = report_kb.ask("2024年司法局一共主动公开了多少条政府信息？")
    assert a.grounded and a.answer.startswith("865条"), a.answer


def test_a_change_asked_is_the_figure_the_change_word_leads(report_kb):
    """「和上一年相比增长了多少」: 9.5%, not the 865条 the sentence opens with (上一年 is the year
    compared with, not the year asked)."""
    a = report_kb.ask("和上一年相比，主动公开的信息数量增长了多少？")
    assert a.grounded and a.answer.startswith("9.5%"), a.answer
    fewer = report_kb.ask("新收的信息公开申请比上年减少了多少件？")
    assert fewer.grounded and fewer.answer.startswith("5件"), fewer.answer


def test_a_quoted_name_the_chosen_quote_does_not_write_is_refused(report_kb):
    """The documents write “法润汀州”, but no sentence says when it began: a deadline of another task
    in the same passage (「9月底前」) answers another question."""
    a = report_kb.ask("“法润汀州”普法下乡活动是哪一年开始的？")
    assert not a.grounded, a.answer
    held = report_kb.ask("“法润汀州”普法下乡活动开展了多少场？")  # asked what its sentence says
    assert held.grounded and held.answer.startswith("37场"), held.answer


def test_which_year_wants_a_year_not_a_month(report_kb):
    """「哪一年修订的」: 「9月底前完成…修订」 gives a month of no year."""
    a = report_kb.ask("《汀州市司法局政府信息公开指南》是哪一年修订的？")
    assert not a.grounded, a.answer


def test_a_unit_alone_is_no_figure_and_an_unknown_body_is_refused(report_kb):
    """「单位：万元」 holds no figure: 「每件多少元」 gets no 「万元。」 answer; 「市消防救援支队」 is named
    nowhere in the documents, so what it received is not there."""
    fee = report_kb.ask("收取信息处理费的话，每件收多少元？")
    assert not fee.answer.startswith("万元"), fee.answer
    other = report_kb.ask("汀州市消防救援支队2024年收到了多少件政府信息公开申请？")
    assert not other.grounded and "消防救援支队" in other.answer, other.answer


def test_a_quoted_title_no_chosen_paragraph_writes_is_refused(tmp_path_factory, settings, encoder):
    """The year-end summary names 《暗线》 and its second season, but no date for it: the 「9月底前」 of
    the textbook's revision, another numbered point of the same passage, answers another question."""
    kb = document_kb(tmp_path_factory, settings, encoder, "yearend", FIXTURES / "yearend_unseen.txt")
    for question in ("《暗线》第二季打算哪天上线？", "“国安小卫士”活动最早是哪一年搞起来的？"):
        a = kb.ask(question)
        assert not a.grounded, a.answer


def test_people_counted_by_a_noun_want_a_count_of_people_of_the_name_quoted(report_kb):
    """「有多少粉丝」 counts people (its noun ends so, with no measure word): the short-video account's
    96 works are no followers, and the 5.2万人 following the other account, quoted before it in the
    same sentence, are not its followers either."""
    other = report_kb.ask("“汀州普法”短视频账号目前有多少粉丝？")
    assert not other.grounded, other.answer
    held = report_kb.ask("“汀州司法”微信公众号有多少粉丝？")
    assert held.grounded and held.answer.startswith("5.2万人"), held.answer
