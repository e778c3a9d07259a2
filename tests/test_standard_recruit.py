"""A local standard (地方标准, laid out as GB/T 1.1 lays one out) and a public recruitment notice
(事业单位公开招聘公告), as their text is copied from a standards portal or a bureau's website, written here
in other words than the unseen ones they were found on.

The standard prints a cover of lines (its classification codes, its kind, its number and the one it
replaces, its days, its issuer over 「发布」), a table of contents (「目　次」), a 前言, terms numbered on a
line of their own over the term and its English name, clauses numbered 4.1.1 a line each, items
「a）…」, tables whose cells tabs set apart, and an appendix 「附录A」 over 「（规范性）」. The notice prints
a table of posts whose cells tabs set apart (its cells long and punctuated), the 1:3 ratios it opens an
exam at, a list of attachments under its contact lines, and two bodies signing side by side.
"""

from __future__ import annotations

import pytest

from tests.conftest import text_kb, written_unit

STANDARD = """政务数据安全分级指南

ICS 35.040
CCS L 71

DB36
青禾市地方标准
DB36/T 2210—2025
代替DB36/T 2210—2020

政务数据安全分级指南
Guidelines for classification of government data security

2025-03-10发布　　　　2025-06-01实施

青禾市市场监督管理局　　发布

目　次
前言
1　范围
2　术语和定义
3　分级要求
附录A（资料性）　分级示例

前　言
本文件代替DB36/T 2210—2020《政务数据安全分级指南》。
本文件由青禾市数据局提出并归口。
本文件起草单位：青禾市数据局、青禾市大数据中心、青禾大学网络空间安全学院。

1　范围
本文件规定了政务数据安全分级的原则、级别和管理要求。

2　术语和定义
2.1
政务数据　government data
各级政务部门在履行职责过程中收集和产生的各类数据。
2.2
核心数据　core data
关系国家安全、国民经济命脉、重要民生和重大公共利益的数据。

3　分级要求
3.1　级别
3.1.1　政务数据按照影响程度从高到低分为核心、重要、一般三个级别。
3.1.2　数据级别应每2年至少复核一次。
3.2　处置
3.2.1　有下列情形之一的，应重新定级：
a）数据内容发生重大变化的；
b）数据汇聚后规模超过原定级范围的；
c）主管部门要求重新定级的。
3.2.2　各级别数据的存储要求见表1。
3.2.3　数据安全管理评价得分90分及以上为优秀；75分至89分为合格；60分至74分为基本合格；60分以下为不合格。
表1　各级别数据存储要求
级别\t存储位置\t备份周期\t加密要求
核心\t本地专用机房\t每日1次\t国密算法加密
重要\t政务云专区\t每周1次\t国密算法加密
一般\t政务云\t每月1次\t按需加密

附录A
（资料性）
分级示例
A.1　人口基础信息中的身份证号码宜定为重要数据。
"""

NOTICE = """青禾市网络安全应急指挥中心2026年公开招聘工作人员公告

本次计划公开招聘工作人员8名，均为专业技术岗位。具体岗位如下：

岗位代码\t岗位名称\t招聘人数\t专业要求\t学历学位\t年龄要求\t其他条件
QH01\t应急响应岗\t3\t计算机科学与技术、网络空间安全\t本科及以上，学士及以上学位\t30周岁以下\t具有2年以上应急响应工作经历；需参加夜间值班
QH02\t数据分析岗\t3\t统计学、数据科学与大数据技术\t研究生，硕士及以上学位\t35周岁以下\t限2026年应届毕业生
QH03\t综合宣传岗\t2\t新闻传播学类、中国语言文学类\t本科及以上，学士及以上学位\t30周岁以下\t中共党员
合计\t\t8\t\t\t\t

一、报名
考务费为每人100元。城乡最低生活保障家庭的报考人员可减免考务费。

二、开考比例
岗位招聘人数与缴费成功人数的比例原则上不低于1:3；数据分析岗开考比例可降至1:2。

三、咨询电话
政策咨询电话：0795-6612345

附件：1.岗位表
2.报名登记表
3.诚信报考承诺书

青禾市人力资源和社会保障局　　　　青禾市网络安全应急指挥中心
2026年3月6日

附件3

诚信报考承诺书

一、本人自觉遵守考试纪律，不舞弊。
二、本人提供的材料真实有效。
"""


@pytest.fixture(scope="module")
def standard_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "standard", STANDARD)


@pytest.fixture(scope="module")
def notice_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "recruit", NOTICE)


def test_a_table_whose_cells_tabs_set_apart_reads_a_row_a_line(tmp_path_factory):
    unit = written_unit(tmp_path_factory, "recruit.txt", NOTICE)
    paras = list(unit.paragraphs)
    assert "岗位代码 | 岗位名称 | 招聘人数 | 专业要求 | 学历学位 | 年龄要求 | 其他条件" in paras
    row = ("QH01 | 应急响应岗 | 3 | 计算机科学与技术、网络空间安全 | 本科及以上，学士及以上学位 | "
           "30周岁以下 | 具有2年以上应急响应工作经历；需参加夜间值班")
    assert row in paras  # not run on into the next row, its cell's 「；」 inside it
    assert "合计 | — | 8 | — | — | — | —" in paras  # a cell the table leaves empty
    standard = list(written_unit(tmp_path_factory, "standard.txt", STANDARD).paragraphs)
    assert "核心 | 本地专用机房 | 每日1次 | 国密算法加密" in standard


def test_a_row_of_a_table_of_posts_is_found_by_its_name_and_answered_by_the_column_asked(notice_kb):
    a = notice_kb.ask("数据分析岗的岗位代码是什么？")
    assert a.answer.startswith("QH02")
    a = notice_kb.ask("综合宣传岗对年龄有什么要求？")
    assert a.answer.startswith("30周岁以下") and "QH03 | 综合宣传岗" in a.answer
    a = notice_kb.ask("数据分析岗本科生能报吗？学历要到什么程度？")
    assert a.answer.endswith("研究生，硕士及以上学位[1]。")  # the later part's lead as its cell prints it
    a = notice_kb.ask("应急响应岗对工作经历有什么要求？要不要值夜班？")
    assert "2年以上" in a.answer and "需参加夜间值班" in a.answer  # the row's whole cell, one statement


def test_a_ratio_is_a_share_and_a_sign_off_is_asked_as_what_is_signed(notice_kb):
    assert notice_kb.ask("资格审查的开考比例是多少？").answer.startswith("1:")
    a = notice_kb.ask("公告末尾署的是哪两家单位？落款日期是哪天？")
    assert "青禾市人力资源和社会保障局、青禾市网络安全应急指挥中心" in a.answer and "2026年3月6日" in a.answer
    a = notice_kb.ask("公告后面附了哪些附件？")
    assert "1.岗位表" in a.answer and "3.诚信报考承诺书" in a.answer  # the list whole


def test_everyday_words_of_a_recruitment(notice_kb):
    from rag.question import analyse

    groups = analyse("家里是低保户，考试的钱能不能少交？").groups
    assert ("低保户", "最低生活保障") in groups and ("少交", "减免") in groups
    assert "可减免考务费" in notice_kb.ask("家里是低保户，考试的钱能不能少交？").answer
    assert ("电脑", "计算机") in analyse("涉密电脑坏了能不能拿到外面修？").groups


def test_a_standards_cover_is_its_number_issuer_and_day(tmp_path_factory, standard_kb):
    unit = written_unit(tmp_path_factory, "standard.txt", STANDARD)
    assert unit.author == "青禾市市场监督管理局" and unit.date == "2025-03-10"
    paras = list(unit.paragraphs)
    assert "DB36/T 2210—2025" in paras and "代替DB36/T 2210—2020" in paras
    assert standard_kb.ask("这个地方标准的标准编号是多少？").answer.startswith("DB36/T 2210—2025")
    a = standard_kb.ask("Which government body issued this standard?")
    assert "青禾市市场监督管理局" in a.answer


def test_a_standards_parts_terms_and_clauses(tmp_path_factory, standard_kb):
    unit = written_unit(tmp_path_factory, "standard.txt", STANDARD)
    sections = dict(zip(unit.paragraphs, unit.sections, strict=True))
    preface = next(p for p in unit.paragraphs if "本文件由青禾市数据局提出并归口。" in p)
    assert sections[preface] == ("前言",)  # not under the contents' last entry
    assert sections["3.2.2 各级别数据的存储要求见表1。"] == ("3 分级要求", "3.2 处置")  # 3.2.1 ends
    # a term entry (its number, the term, its definition, a line each) is one statement
    assert "2.2 核心数据 core data 关系国家安全、国民经济命脉、重要民生和重大公共利益的数据。" in sections
    a = standard_kb.ask("标准里说的“核心数据”是什么意思？")
    assert "2.2 核心数据 core data 关系国家安全" in a.answer and "政务数据 government data" not in a.answer
    assert "3.1.1 政务数据按照影响程度从高到低分为核心、重要、一般三个级别。" in sections  # a clause a line
    assert sections["A.1 人口基础信息中的身份证号码宜定为重要数据。"][0] == "附录A"
    a = standard_kb.ask("哪些情形应当重新定级？")
    items = ("数据内容发生重大变化的", "规模超过原定级范围的", "主管部门要求重新定级的")
    assert all(x in a.answer for x in items)


def test_a_ranked_tables_row_at_the_place_asked(tmp_path_factory, settings, encoder):
    table = ("2025年网络安全知识竞赛各区排名\n\n排名\t区县\t参赛人数\t优秀率\n1\t东城区\t4120\t66.1%\n"
             "2\t西城区\t3980\t61.4%\n3\t南湖区\t2210\t58.0%\n4\t北塘区\t1890\t52.3%\n")
    kb = text_kb(tmp_path_factory, settings, encoder, "ranked", table)
    a = kb.ask("竞赛排名第三的是哪个区县？它的优秀率是多少？")
    assert a.answer.startswith("南湖区") and "58.0%" in a.answer


def test_a_score_stated_is_graded_by_the_band_holding_it(standard_kb):
    a = standard_kb.ask("我们单位数据安全管理评价打了68分，算哪个等次？")
    assert "60分至74分为基本合格" in a.answer and "75分至89分为合格" not in a.answer


def test_what_a_quoted_term_covers_and_the_article_a_later_part_asks(laws_kb):
    a = laws_kb.ask("网络安全法里说的“网络运营者”到底包括谁？")
    assert "网络运营者，是指网络的所有者、管理者和网络服务提供者" in a.answer
    a = laws_kb.ask("本来要保密的事项后来单位决定对外公开了，从什么时候算解密？保密法哪一条讲的？")
    assert "正式公布时即视为解密" in a.answer and "《中华人民共和国保守国家秘密法》第二十条" in a.answer


def test_what_a_review_found_on_its_own_documents(
    tmp_path_factory, settings, encoder, notice_kb, standard_kb
):
    # a row whose empty last cells' tabs an editor stripped is still a row of its table
    stripped = ("岗位代码\t岗位名称\t招聘人数\t其他条件\nQH01\t应急响应岗\t3\n"
                "QH02\t数据分析岗\t3\t限应届毕业生\n")
    paras = list(written_unit(tmp_path_factory, "stripped.txt", "招聘岗位表\n\n" + stripped).paragraphs)
    assert "QH01 | 应急响应岗 | 3 | —" in paras and "QH02 | 数据分析岗 | 3 | 限应届毕业生" in paras
    # a standard copied from its first cover line (「ICS …」) is titled by its name, not that line
    cover = STANDARD[STANDARD.index("ICS") :]
    unit = written_unit(tmp_path_factory, "cover.txt", cover)
    assert unit.title == "政务数据安全分级指南" and unit.author == "青禾市市场监督管理局"
    assert standard_kb.ask("这个标准的编号是多少？").answer.startswith("DB36/T 2210—2025")
    a = standard_kb.ask("本文件由哪个单位提出并归口？")  # the 前言's sentence, not the issuer's byline
    assert "本文件由青禾市数据局提出并归口" in a.answer
    a = notice_kb.ask("这个公告有哪些附件？")
    assert "1.岗位表" in a.answer and "3.诚信报考承诺书" in a.answer
    table = ("2025年网络安全知识竞赛各区排名\n\n排名\t区县\t参赛人数\t优秀率\n1\t东城区\t4120\t66.1%\n"
             "2\t西城区\t3980\t61.4%\n3\t南湖区\t2210\t58.0%\n4\t北塘区\t1890\t52.3%\n")
    kb = text_kb(tmp_path_factory, settings, encoder, "ranked2", table)
    assert kb.ask("竞赛排名第三的是哪个？").answer.startswith("南湖区")
    assert "北塘区" in kb.ask("竞赛优秀率排名最后的是哪个区县？").answer
    assert kb.ask("西城区排第几？").answer.startswith("第2名")  # a row's own place
