"""A government work report, a kind of document the answer model was never fit on (written for
validation by a helper who saw no code: tests/fixtures/report_unseen.txt and its questions). Its
byline is read, and the questions are answered as well as the page's and the laws' held-out ones."""

from __future__ import annotations

import pytest

from rag.loaders import load_file
from tests.conftest import FIXTURES, assert_answers_as_held_out, document_kb

REPORT = FIXTURES / "report_unseen.txt"


@pytest.fixture(scope="module")
def report_kb(tmp_path_factory, settings, encoder):
    return document_kb(tmp_path_factory, settings, encoder, "report", REPORT)


def test_a_reports_speaker_and_occasion_are_its_byline_and_date():
    (unit,) = load_file(REPORT, max_bytes=2**20, timeout=30).units
    assert (unit.title, unit.author, unit.role) == ("政府工作报告", "宋立衡", "临川市人民政府市长")
    assert unit.date == "2025年1月16日"
    assert unit.paragraphs[0].startswith("——2025年1月16日")  # still text: a quote answers when it was given


def test_report_questions_on_a_document_type_never_fit_on(report_kb):
    assert_answers_as_held_out(report_kb, "report_unseen_qa.jsonl")


def test_who_in_a_reports_text_is_not_its_speaker(report_kb):
    byline = report_kb.ask("这份报告是谁作的？")
    assert byline.answer.startswith("宋立衡（临川市人民政府市长）作《政府工作报告》"), byline.answer
    english = report_kb.ask("Who delivered this government work report?")
    assert english.answer.startswith("《政府工作报告》 was delivered by 宋立衡 (临川市人民政府市长)")
    # the byline cites the line that states it, and the day under the title when that is asked too
    assert [c.quote for c in byline.citations] == ["临川市人民政府市长 宋立衡"]
    dated = report_kb.ask("这份政府工作报告是谁在什么时候作的？")
    byline = "宋立衡（临川市人民政府市长）作《政府工作报告》"
    assert dated.answer.startswith(f"{byline}[1]，时间是2025年1月16日[2]"), dated.answer
    assert dated.citations[0].quote == "临川市人民政府市长 宋立衡"
    assert dated.citations[1].quote.startswith("——2025年1月16日在临川市")
    english = report_kb.ask("Who gave this report, and what day was it delivered?")
    assert "on 16 January 2025" in english.answer, english.answer
    # its text's dates and bodies are not its byline's: 「本报告哪年完成…」 asks what it says
    assert "1月16日" not in report_kb.ask("本报告提出什么时候完成城市燃气管道改造？").answer
    assert "宋立衡" not in report_kb.ask("由哪个单位发布“三张清单”？").answer
    text = report_kb.ask("每月15日由谁带队去企业现场协调？")
    assert "市领导" in text.answer and "宋立衡" not in text.answer


def test_figures_in_units_and_nouns_the_question_leaves_generic(report_kb):
    # 列 and 分钟 are units; 「日子」 and 「满意的比例」 name no measure the quote must repeat
    assert report_kb.ask("2025年中欧班列的目标是多少列？").answer.startswith("250列以上")
    assert report_kb.ask("突发事件发生后，应急救援力量要在多少分钟内赶到？").answer.startswith("30分钟")
    assert report_kb.ask("How many minutes after an incident should rescue forces arrive?").answer.startswith(
        "30 minutes")
    assert report_kb.ask("一年里空气质量好的日子有多少天？").answer.startswith("323天")
    assert "95.7%" in report_kb.ask("12345热线群众满意的比例是多少？").answer
    # a later part naming its own year is about the first part's subject
    both = report_kb.ask("中欧班列（临川）去年开了多少列？今年计划开多少列？").answer
    assert "218列" in both and "250列" in both


def test_a_reports_how_answer_gives_the_measures_of_the_item_it_asks_about(report_kb):
    """A report's points come from the section (and numbered item) of its best quote: 「今年要怎么
    提振消费」 is answered by 2025's 「2.提振消费需求」, not by 2024's review or 2025's investment
    plans, and the item's heading is no point."""
    answer = report_kb.ask("今年要怎么提振消费？")
    assert len(answer.citations) >= 2 and len({c.section for c in answer.citations}) == 1
    assert answer.citations[0].section[0].startswith("三、2025年")
    assert all(not c.quote.startswith("2.") for c in answer.citations)
    assert "以旧换新" in answer.answer and "重点项目" not in answer.answer


def test_who_holds_a_post_the_documents_never_name_is_refused(report_kb, default_kb):
    for question in ("临川产业投资集团的董事长是谁？", "谁担任临川城市发展集团的负责人？"):
        answer = report_kb.ask(question)
        assert not answer.grounded and "资料中没有说明谁是" in answer.answer
    assert "宋立衡" in report_kb.ask("临川市市长是谁？").answer  # the post in the byline
    assert "许峰" in default_kb.ask("江阴市委书记是谁？").answer  # the post in an author's role


def test_who_does_something_in_a_report_is_read_from_its_text(report_kb):
    chains = report_kb.ask("16条重点产业链的链长由谁担任？")
    assert "市级领导" in chains.answer and "宋立衡" not in chains.answer
    assert "宋立衡" in report_kb.ask("这份报告由谁发布？").answer


def test_a_count_in_ten_thousands_of_a_new_unit_is_a_figure_in_that_unit():
    from rag.question import has_figure

    assert has_figure("保交房项目完成交付2.3万套", "套") and has_figure("新建改造农村公路300公里", "公里")
    assert not has_figure("列入名录的物种", "列") and not has_figure("下列情形之一", "列")
