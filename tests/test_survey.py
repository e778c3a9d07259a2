"""A survey report (调研报告) as a word processor's text export prints it: lines cut at a column (a
figure may be cut at its point: 「占22.」 / 「7%」), page numbers on lines of their own (「- 2 -」), tables
whose columns are set apart by spaces (percentages, signed changes, a rank column), findings that
state the top and the bottom of a ranking, numbered points run in under their part. Written here in
other words than the blind survey fixture; every answer comes from the real model."""

from __future__ import annotations

import pytest

from rag.loaders import load_file
from tests.conftest import text_kb

TOWNS = ["河口镇", "石桥镇", "柳营镇", "南塘镇", "北渚镇", "青湾镇", "白果镇", "桃源镇", "沙洲镇", "梅林镇",
         "东坝镇", "西溪镇"]  # fmt: skip
SCORES = [81.2, 77.5, 69.8, 74.1, 66.3, 79.4, 71.0, 68.6, 75.9, 72.7, 70.4, 73.3]
CHANGES = ["+1.8", "+2.4", "+0.9", "+3.7", "-0.6", "+2.1", "+1.1", "+5.2", "+0.4", "+1.6", "+2.9", "+1.3"]
TOWN_ROWS = "\n".join(f"{n}        {120 + 5 * i}      {s}      {c}"
                      for i, (n, s, c) in enumerate(zip(TOWNS, SCORES, CHANGES, strict=True)))  # fmt: skip
SURVEY = f"""关于云梁区中小学生国家安全知识掌握情况的抽样调查报告

云梁区教育局
（2025年6月12日）

　　为了解全区中小学生国家安全知识的掌握情况，区教育局于
2025年4月至5月在全区组织了抽样调查。现将有关情况报告如
下。
　　一、调查概况
　　本次调查在全区12个镇的48所中小学抽取学生2400名，收
回有效答卷2316份，有效率96.5%。区青少年国家安全宣讲团由区委党校教授
孙晓梅担任团长，全年进校宣讲46场。其中小学生答卷1102份，占47.
6%；初中生答卷1214份，占52.4%。

- 1 -

表1  各镇学生国家安全知识平均得分

镇别          答卷数（份）  平均得分（分）  同比变化（分）
{TOWN_ROWS}

　　二、主要发现
　　（一）知识掌握总体良好。全区学生平均得分73.4分。从年级
看，初三学生得分最高，为80.6分；小学三年级学生得分最低，为6
1.9分。
　　（二）安全习惯仍有短板。有34.2%的学生承认曾把家庭住址、
学校名称等信息发在网络游戏的聊天频道里；有8.7%的学生表示曾
拍摄并上传过军用机场附近的照片。
　　（三）家庭背景差异明显。从父母职业看，父母为公职人员的学生
得分最高，为79.8分；父母为个体经营者的次之，为74.5分；父母务农
的学生最低，为65.2分。

- 2 -

表2  学生了解国家安全知识的途径（可多选）

排名  途径                              比例      同比变化
1     学校国家安全教育课                    72.5%     +3.2
2     短视频和直播平台                      61.8%     +9.6
3     家长讲解                              44.3%     -1.7
4     课外读物                              30.6%     +0.8
5     参观教育基地                          12.9%     +4.1

表3  各校国家安全教育评估结果

序号  学校              类型      得分  等次      课时（节）
1     河口镇中心小学    小学      92    优秀      18
2     石桥中学          初中      88    良好      16
3     柳营镇中心小学    小学      71    合格      10
4     南塘中学          初中      64    不合格    6
5     北渚镇中心小学    小学      58    不合格    4

　　三、存在的主要问题
　　（一）低年级学生基础薄弱。小学低年级学生对国家安全领域的
认知大多停留在“防拐骗”层面，对网络安全、数据安全知之甚少。
　　（二）实践活动偏少。近一半学校一学年内未组织过国家安全主
题的实地参观活动。
　　（三）家校协同不足。仅有21.4%的家长表示和孩子讨论过国家安
全话题。
　　四、工作建议
　　1.分学段编写教材，夯实基础。按小学、初中两个学段编写国家
安全教育读本，2025年秋季学期起在全区使用。
　　2.拓展实践课堂，增强体验。每所学校每学年至少组织一次国家
安全主题实地参观，由区教育局统一协调教育基地。
　　3.推动家校共育，形成合力。把国家安全教育纳入家长学校课程，
力争到2026年家长参与率达到60%以上。

- 3 -
"""


@pytest.fixture(scope="module")
def survey_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "survey", SURVEY)


def test_page_numbers_cut_figures_and_spaced_tables_are_read(tmp_path):
    """A page number is no paragraph; 「占47.」 / 「6%」 is one figure; a table whose columns are set apart
    by spaces keeps a line a row, a rank column and signed or percent cells included."""
    path = tmp_path / "survey.txt"
    path.write_text(SURVEY, encoding="utf-8")
    (unit,) = load_file(path, max_bytes=2**20, timeout=30).units
    text = "\n".join(unit.paragraphs)
    assert "- 1 -" not in text and "- 2 -" not in text
    assert "占47.6%；初中生答卷1214份" in text
    assert "最低，为61.9分" in text  # a figure cut at the line's end, not its point
    rows = [p for p in unit.paragraphs if p.startswith(("桃源镇", "2 短视频"))]
    assert rows == ["桃源镇 155 68.6 +5.2", "2 短视频和直播平台 61.8% +9.6"], rows
    assert "4 南塘中学 初中 64 不合格 6" in unit.paragraphs  # words and figures, set by spaces


def test_the_top_or_the_bottom_of_a_tables_column_answers_which_one(survey_kb):
    """「哪个镇…提高最多」: the row at the top of the change column, read across the passages the table
    is cut into; 「最低」 the bottom of the column it names."""
    rise = survey_kb.ask("哪个镇的学生平均得分同比提高最多？")
    assert rise.answer.startswith("桃源镇"), rise.answer
    assert rise.citations[0].quote == "桃源镇 155 68.6 +5.2"
    low = survey_kb.ask("哪个镇的学生平均得分最低？")
    assert low.answer.startswith("北渚镇"), low.answer
    top = survey_kb.ask("学生了解国家安全知识的途径里，哪一种比例最高？")
    assert top.answer.startswith("学校国家安全教育课"), top.answer
    english = survey_kb.ask("Which town had the lowest average score?")  # its words through their renderings
    assert english.answer.startswith("北渚镇"), english.answer


def test_the_rows_a_question_picks_out_of_a_table_are_listed(survey_kb):
    """「等次为不合格的是哪几所学校」: the rows whose word cell the question writes (不合格, not 合格);
    「哪些镇…比上年下降」: the rows whose change is below 0; 「哪所学校得分最高」 in a table of words too."""
    failed = survey_kb.ask("评估等次为不合格的是哪几所学校？")
    assert failed.answer.startswith("南塘中学、北渚镇中心小学。"), failed.answer
    assert "柳营镇中心小学" not in failed.answer
    fell = survey_kb.ask("哪些镇的学生平均得分比上年下降了？")
    assert fell.answer.startswith("北渚镇（-0.6"), fell.answer
    best = survey_kb.ask("哪所学校的评估得分最高？")
    assert best.answer.startswith("河口镇中心小学"), best.answer


def test_a_cell_asked_by_its_table_and_its_column_spelled_out(survey_kb):
    """「表1中南塘镇…」 names a table, not the place 中南; 「平均知识得分」 spells out the column
    「平均得分」."""
    cell = survey_kb.ask("表1中南塘镇学生的平均知识得分是多少？")
    assert cell.answer.startswith("74.1分"), cell.answer


def test_who_holds_a_post_the_question_names(survey_kb):
    answer = survey_kb.ask("宣讲团的团长由谁担任？")
    assert answer.grounded and "孙晓梅" in answer.answer.split("[1]")[0], answer.answer


def test_the_first_rows_of_a_ranked_table_answer_the_first_few(survey_kb):
    answer = survey_kb.ask("学生了解国家安全知识的途径中，排名前三的是哪些？")
    for way in ("学校国家安全教育课", "短视频和直播平台", "家长讲解"):
        assert way in answer.answer, answer.answer
    assert "课外读物" not in answer.answer and len(answer.citations) == 3


def test_the_end_of_a_ranking_asked_is_the_clause_stating_it(survey_kb):
    """The sentence states the top first (「初三学生得分最高」); 「最低」 asks its other clause."""
    answer = survey_kb.ask("按年级看，哪个年级的学生得分最低？")
    assert answer.grounded and "小学三年级" in answer.answer and "61.9" in answer.answer, answer.answer
    farm = survey_kb.ask("按父母职业分，哪类学生的得分最低？")
    assert farm.grounded and "父母务农" in farm.answer and "65.2" in farm.answer, farm.answer


def test_how_many_people_is_answered_by_a_share_of_those_asked(survey_kb):
    answer = survey_kb.ask("有多少人把家庭住址之类的信息发到游戏聊天频道里？")
    assert answer.grounded and "34.2%" in answer.answer, answer.answer


def test_the_points_under_a_part_are_listed_and_counted(survey_kb):
    """「一共提了几条建议？分别是什么？」: every numbered point under 「四、工作建议」, counted, each cited
    where it is printed; 「存在哪些主要问题」 the （一）…（三） points of its part."""
    advice = survey_kb.ask("报告一共提了几条工作建议？分别是什么？")
    assert advice.answer.startswith("“四、工作建议”下共3条："), advice.answer
    for point in ("1.分学段编写教材，夯实基础", "2.拓展实践课堂，增强体验", "3.推动家校共育，形成合力"):
        assert point in advice.answer
    assert advice.citations[0].quote == "1.分学段编写教材，夯实基础"
    problems = survey_kb.ask("报告认为存在哪些主要问题？")
    assert "下共3条" in problems.answer and "（三）家校协同不足" in problems.answer, problems.answer
    some = survey_kb.ask("工作建议里和家长有关的是哪一条？")  # about one of them: not the list
    assert "下共3条" not in some.answer


def test_which_part_or_which_point_names_the_run_in_head(survey_kb):
    part = survey_kb.ask("“近一半学校没组织过实地参观”这个问题，报告放在哪一部分讲的？")
    assert "三、存在的主要问题" in part.answer and "（二）实践活动偏少" in part.answer, part.answer
    point = survey_kb.ask("“到2026年家长参与率达到60%以上”写在工作建议的第几条？")
    assert point.grounded and "3.推动家校共育" in point.answer, point.answer


@pytest.mark.parametrize("line", [
    "第一章　总　则", "抄送：市委办公室　　市人大办公室　　市政协办公室", "2025年　　3月　　8日",
    "联系人：张三　　联系电话：12345678　　邮箱：a@b.cn",
])
def test_lines_set_by_spaces_that_are_no_table_stay_text(line):
    from rag.structure import is_table_line

    assert not is_table_line(line)


def test_a_numbered_item_after_a_figure_at_a_lines_end_is_not_joined_to_it(tmp_path):
    """「…详见附件1.」 / 「2.各单位要于…」 is the next item, not the figure 1.2."""
    text = ("关于做好国家安全宣传工作的通知\n\n各单位：\n　　现将有关事项通知如下。\n"
            "　　1.各单位要按要求组织学习，具体安排详见附件1.\n2.各单位要于6月30日前报送总结。\n")
    path = tmp_path / "notice.txt"
    path.write_text(text, encoding="utf-8")
    (unit,) = load_file(path, max_bytes=2**20, timeout=30).units
    assert not any("附件1.2." in p for p in unit.paragraphs), unit.paragraphs


def test_rankings_read_a_rank_column_as_a_rank_and_leave_what_they_cannot_read(survey_kb):
    """「排名第一」 is the row ranked 1, not the largest rank; 「不是…」 or 「…以上」 picks no word cell."""
    first = survey_kb.ask("了解国家安全知识的途径里，哪种途径排名第一？")
    assert first.answer.startswith("学校国家安全教育课"), first.answer
    from rag.answer.ranking import _FIRST_N

    assert _FIRST_N.search("前三季度各镇答卷数是多少") is None
    others = survey_kb.ask("评估等次不是不合格的是哪几所学校？")
    assert not others.answer.startswith("南塘中学、北渚镇中心小学"), others.answer


def test_two_parallel_words_before_a_shared_noun_are_each_asked_with_it(survey_kb):
    """「小学生和初中生的答卷分别是多少份」: 小学生 is asked 「的答卷」 too (it had been asked 「小学生是多少
    份」); 「公司和它的负责人」 shares nothing."""
    from rag.chat import respective_parts

    assert respective_parts("城镇和农村受访者的指数分别是多少分？") == [
        "城镇受访者的指数是多少分？", "农村受访者的指数是多少分？"]
    assert respective_parts("公司和它的负责人分别被罚了多少钱？")[0] == "公司被罚了多少钱？"
    answer = survey_kb.ask("小学生和初中生的答卷分别是多少份？")
    assert answer.answer.startswith("1102份") and "1214份" in answer.answer, answer.answer


def test_a_count_of_people_is_not_read_off_a_row_that_counts_none(survey_kb):
    """「河口镇有多少名宣讲员」: 表1's 河口镇 row counts answer sheets (份) and points (分), no people; its
    cells are no answer (the table row was given whole)."""
    a = survey_kb.ask("河口镇有多少名国家安全宣讲员？")
    assert "答卷数120份" not in a.answer, a.answer
