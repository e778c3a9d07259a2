"""A list of persons printed as a table laid out with spaces (「序号  姓名  性别  …  现任职务  拟任职务」),
as a PDF's text layer gives a 任前公示: long cells wrap onto lines of their own under their column, and one
ran into the next column with no space left. The rows are read whole, each a person of the knowledge
base's name lists, and asked about by column. The document is written here, in other words than the
unseen 任前公示 it was found on (tests/fixtures/pubnotice_unseen.txt)."""

from __future__ import annotations

import pytest

from rag.loaders import load_file
from tests.conftest import document_kb, written

NOTICE = """中共青川市委组织部干部任前公示

    根据《党政领导干部选拔任用工作条例》有关规定，经2026年5月8日市委常委会会议研究，拟对下列6名
同志任职，现予公示。

序号  姓名    性别  民族  出生年月  学历        现任职务                        拟任职务
1     程立言  男    汉族  1977.04   研究生      青川市应急管理局副局长          青川市应急管理局局长（拟提名）
2     白素文  女    汉族  1981.09   大学        青川市国家保密局副局长、机要    青川市委国家安全委员会办公室
                                                局局长                          副主任
3     阿依古丽  女  维吾尔族  1983.02  研究生  青川市民族事务委员会副主任      青川市民宗委主任（拟提名）
4     韩东升  男    汉族  1975.11   大学        青川市公安局副局长              青川市国安局副局长（拟提名）
5     罗晓彤  女    回族  1986.06   研究生      青川市数据局副局长              青川市数据局局长（拟提名）
6     孟庆山  男    汉族  1979.01   大学        中共东坪县委常委、东坪县人民政府青川市网信办副主任
                                                常务副县长

    公示时间：2026年5月11日至5月15日。举报电话：0731-12380。

中共青川市委组织部
2026年5月10日
"""


@pytest.fixture(scope="module")
def notice(tmp_path_factory):
    return written(tmp_path_factory, "appointments.txt", NOTICE)


@pytest.fixture(scope="module")
def table_kb(tmp_path_factory, settings, encoder, notice):
    return document_kb(tmp_path_factory, settings, encoder, "persons", notice)


def test_a_rows_wrapped_cells_are_read_into_the_row(notice):
    (unit,) = load_file(notice, max_bytes=2**20, timeout=30).units
    rows = [p for p in unit.paragraphs if p[:2] in {f"{i} " for i in range(1, 7)}]
    assert len(rows) == 6, unit.paragraphs
    assert rows[1].endswith("青川市国家保密局副局长、机要局局长 青川市委国家安全委员会办公室副主任")
    # a cell that ran into the next column is cut where that column starts
    assert rows[5].endswith("中共东坪县委常委、东坪县人民政府常务副县长 青川市网信办副主任")


def test_a_table_of_persons_is_asked_by_column_mark_and_name(table_kb):
    post = table_kb.ask("白素文这次拟任什么职务？")
    assert post.answer.startswith("青川市委国家安全委员会办公室副主任。"), post.answer
    women = table_kb.ask("公示的干部里有哪几位女同志？")
    assert women.grounded and len(women.citations) == 3, women.answer
    assert all(n in women.answer for n in ("白素文", "阿依古丽", "罗晓彤")), women.answer
    minority = table_kb.ask("名单里有哪些少数民族干部？")
    assert all(n in minority.answer for n in ("阿依古丽", "罗晓彤")) and "程立言" not in minority.answer
    women_en = table_kb.ask("Which of the officials on the notice are women?")
    assert women_en.grounded and len(women_en.citations) == 3 and "罗晓彤" in women_en.answer, women_en.answer
    english = table_kb.ask("What post is Han Dongsheng proposed for?")
    assert english.grounded and "青川市国安局副局长（拟提名）" in english.answer, english.answer
    # a person the documents do not name is not answered with the issuer or another person's post
    absent = table_kb.ask("刘建华同志这次拟任什么职务？")
    assert not absent.grounded and "刘建华" in absent.answer, absent.answer


SCHEDULE = """青川市数据局关于举办数据安全培训班的通知

各县（市、区）数据局：为提升全市数据安全管理人员的业务能力，经研究，决定举办全市数据安全管理培训班，
现将有关事项通知如下。培训为期两天，参训人员须全程参加，不得请假，培训结束后进行结业测试。
一、课程安排
日期        时间           内容                    主讲人        地点
6月9日      9:00-11:30     数据安全法解读          王立群        一楼报告厅
6月9日      14:00-17:00    政务数据分类分级实务    李明远（省数  二楼教室
                                                   据中心）
6月10日     9:00-11:30     数据出境安全评估        赵一凡        二楼教室
二、有关要求
（一）参训人员须携带笔记本电脑参加实操训练，并自带身份证用于报到登记。
（二）会务组：周敏，13907461235。

出席：
罗志明    钟海平    韦国华    陈丽珍
杜振宇    蒋文辉    黎晓梅
          莫少华    廖建新
记录：唐小燕

特此通知

青川市数据局
青川市委网信办
2026年6月1日
"""


def test_a_table_ends_at_the_first_line_that_is_no_row_and_names_in_columns_are_no_table(tmp_path):
    path = tmp_path / "training.txt"
    path.write_text(SCHEDULE, encoding="utf-8")
    (unit,) = load_file(path, max_bytes=2**20, timeout=30).units
    assert "6月9日 14:00-17:00 政务数据分类分级实务 李明远（省数据中心） 二楼教室" in unit.paragraphs
    # the text right under the table is read as it is written, not cut at the table's columns
    assert "二、有关要求" in unit.paragraphs or any(s and s[0] == "二、有关要求" for s in unit.sections)
    assert any("（二）会务组：周敏，13907461235" in p for p in unit.paragraphs)
    assert any("莫少华 廖建新" in p for p in unit.paragraphs)  # names set in columns stay as written
    # 「特此通知」 closes the text; two bodies one over the other sign it
    assert (unit.author, unit.date) == ("青川市数据局、青川市委网信办", "2026年6月1日")


COMMENDED = """青川市人民政府办公室关于表扬2025年度防汛抢险先进个人的通报

各县（市、区）人民政府，市政府各部门：2025年汛期，我市遭遇多轮强降雨过程，全市各级各部门
闻令而动、全力抢险，涌现出一批先进个人。为表扬先进、树立典型，市政府决定对下列同志予以通报表扬。

序号  姓名    性别  民族    工作单位及职务                        表扬等次
1     严景山  男    汉族    青川市水利局防汛调度中心主任          一等
2     蓝彩云  女    畲族    青川市气象台首席预报员                一等
3     贺志国  男    汉族    东坪县应急管理局副局长                二等
4     舒小荷  女    汉族    西岭镇人民政府副镇长                  二等
5     麻建军  男    土家族  青川市消防救援支队特勤大队大队长      三等

考核评分如下：
序号  评分项目      分值    评分要点
1     预警响应      40分    预警及时，转移群众迅速
2     抢险处置      30分    处置得当，无次生灾害
3     灾后恢复      20分    恢复生产生活秩序及时
4     信息报送      10分    报送准确，无迟报漏报
合计                100分

特此通报

青川市人民政府办公室
2026年1月20日
"""


def test_a_table_of_persons_without_figures_a_total_row_and_a_serial_column(tmp_path_factory, settings,
                                                                             encoder):  # fmt: skip
    path = tmp_path_factory.mktemp("commended") / "commended.txt"
    path.write_text(COMMENDED, encoding="utf-8")
    kb = document_kb(tmp_path_factory, settings, encoder, "commended", path)
    (unit,) = load_file(path, max_bytes=2**20, timeout=30).units
    assert (unit.author, unit.date) == ("青川市人民政府办公室", "2026年1月20日")  # under 「特此通报」
    # a table of words only (no figure but its 序号) is a list of persons all the same
    minority = kb.ask("受表扬的同志中有哪些少数民族？")
    assert all(n in minority.answer for n in ("蓝彩云", "麻建军")) and "严景山" not in minority.answer
    post = kb.ask("贺志国的工作单位及职务是什么？")
    assert post.grounded and "东坪县应急管理局副局长" in post.answer, post.answer
    # every row with its score, not its 序号 taken for one; the total row answers 满分
    rows = kb.ask("评分项目有哪几项，各占多少分？")
    each = "预警响应（40分）、抢险处置（30分）、灾后恢复（20分）、信息报送（10分）"
    assert rows.answer.startswith(each), rows.answer
    total = kb.ask("评分满分是多少分？")
    assert total.answer.startswith("100分"), total.answer
