"""A notice three bodies issue together (联合行文), as its text comes out of a PDF: their names a line
each over 「文件」 and the number, some spaced out to the header's width; a scoring table whose last column
describes each row; contacts a line each, a phone number closing each line; and the joint sign-off set in
columns, a name cut where its column wraps. The document is written here, in other words than the
unseen contest notice it was found on (tests/fixtures/contest_unseen.txt)."""

from __future__ import annotations

import pytest

from rag.chat import question_parts
from rag.loaders import load_file
from tests.conftest import document_kb, written

TITLE = "关于举办青溪市2026年国家安全知识演讲比赛的通知"
BODIES = "青溪市委国家安全委员会办公室、青溪市司法局、青溪市总工会"
NOTICE = """青溪市委国家安全委员会办公室
青　溪　市　司　法　局　　文件
青 溪 市 总 工 会

青国安办发〔2026〕8号

关于举办青溪市2026年国家安全知识
演讲比赛的通知

各区县委国安办、司法局、总工会，市级机关各部门：
为推动总体国家安全观进机关、进企业、进社区，引导广大干部职工
增强国家安全意识，自觉履行维护国家安全的义务，经研究，决定于
2026年4月举办全市国家安全知识演讲比赛。比赛分初赛和决赛两个
阶段进行，初赛由各区县和市级机关各部门自行组织，决赛由市委国
安办会同市司法局、市总工会统一组织。现将有关事项通知如下：
一、参赛要求
（一）每个单位推荐选手不超过2名，演讲时间为5至7分钟。
（二）演讲稿须为原创，字数1500至2000字，另附个人简介不超过
150字。
（三）演讲视频为MP4格式，单个文件不超过800MB。
二、评分办法
比赛采用百分制，评分项目如下：
评分项目    分值    评分要点
演讲内容    40分    主题鲜明，观点正确，事例生动
语言表达    30分    普通话标准，吐字清晰，节奏得当
仪表风范    20分    着装得体，举止大方，精神饱满
现场效果    10分    感染力强，引起共鸣
得分相同的，以“演讲内容”得分高者名次在前。
三、联系方式
市司法局普法科：王晓明，0571-8800123
市总工会宣教部：李丽，0571-8800456
报名系统技术支持：赵刚（市大数据中心），0571-8800789

青溪市委国家安全　　　　青溪市司法局
委员会办公室
　　　　　　　　　　青溪市总工会
　　　　　　　　　　2026年3月2日
"""


@pytest.fixture(scope="module")
def notice(tmp_path_factory):
    return written(tmp_path_factory, "speech_contest.txt", NOTICE)


@pytest.fixture(scope="module")
def joint_kb(tmp_path_factory, settings, encoder, notice):
    return document_kb(tmp_path_factory, settings, encoder, "joint", notice)


def test_a_joint_notices_header_title_and_column_set_sign_off_are_read(notice):
    (unit,) = load_file(notice, max_bytes=2**20, timeout=30).units
    assert (unit.title, unit.author, unit.date) == (TITLE, BODIES, "2026年3月2日")
    assert unit.paragraphs[:2] == ("青溪市委国家安全委员会办公室", "青溪市司法局文件")
    assert "青溪市委国家安全委员会办公室 青溪市司法局 青溪市总工会" in unit.paragraphs
    # each contact a line, each row of the table a line, not glued to the next
    assert "市司法局普法科：王晓明，0571-8800123" in unit.paragraphs
    assert "语言表达 30分 普通话标准，吐字清晰，节奏得当" in unit.paragraphs


def test_its_contacts_table_and_figures_are_answered(joint_kb):
    who = joint_kb.ask("这份通知是哪几个单位联合发的？")
    assert BODIES in who.answer, who.answer
    phone = joint_kb.ask("报名系统登录不上，应该打哪个电话？")
    assert "0571-8800789" in phone.answer and "0571-8800123" not in phone.answer, phone.answer
    rows = joint_kb.ask("评分项目有哪几项，各占多少分值？")
    each = "演讲内容（40分）、语言表达（30分）、仪表风范（20分）、现场效果（10分）"
    assert rows.answer.startswith(each), rows.answer
    assert len(rows.citations) == 4
    words = joint_kb.ask("演讲稿要写多少字？")
    assert words.answer.startswith("1500至2000字"), words.answer  # the range, not its upper end
    brief = joint_kb.ask("个人简介最多写几个字？")
    assert brief.answer.startswith("不超过150字"), brief.answer
    size = joint_kb.ask("演讲视频文件最大能传多大？")
    assert size.answer.startswith("不超过800MB"), size.answer


def test_a_list_asked_with_each_items_figure_is_one_question():
    assert question_parts("评分项目有哪几项，各占多少分值？") == ["评分项目有哪几项，各占多少分值？"]
    assert len(question_parts("比赛设几个奖项，奖金多少？")) == 2  # two things asked
    # a question mark in brackets ends no part
    asked = "How many levels (Level 1 up to Level ?) does the law set?"
    assert question_parts(asked) == [asked]


def test_three_bodies_stacked_over_the_last_day_of_a_file_are_its_sign_off(tmp_path_factory):
    # the bodies' lines merged into one had shortened the lines still to read: an IndexError, and the
    # file was not indexed at all
    text = ("关于开展国家安全宣传月活动的倡议书\n\n广大市民朋友们：\n"
            "    让我们共同参与国家安全宣传月活动，争做国家安全的守护者！\n\n"
            "青溪市国家安全局\n青溪市教育局\n青溪市司法局\n2026年4月1日\n\n\n— 2 —\n")
    (unit,) = load_file(written(tmp_path_factory, "appeal.txt", text), max_bytes=2**20, timeout=30).units
    assert unit.author == "青溪市国家安全局、青溪市教育局、青溪市司法局" and unit.date == "2026年4月1日"
