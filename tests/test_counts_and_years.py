"""Counts, changes and years as a district's year-end summary prints them: the rules added for annual
reports (people counted by a noun, a change asked, a report's 本年, bodies named short, an article
label printed with no space) hold where the documents say it another way. Each case was a reviewer's
counter-example; every answer comes from the real model."""

from __future__ import annotations

import pytest

from rag.loaders import load_file
from tests.conftest import text_kb

SUMMARY = """汀南区2025年工作总结

一、主要成效
（一）市场主体。截至2025年底，全区民营企业达到1.8万家，众创空间9个。全年受理消费者投诉2140件。
（二）惠民实事。全年实施民生实事项目12件。全区新建公共充电桩2600个，新开通公交线路9条。
城市建成区绿地面积达到2860公顷，比上年扩大了240公顷。
（三）平安建设。区公安分局交通警察大队共查处酒驾醉驾违法行为1870起。全民国家安全教育日当天，
吸引千余名群众现场参与，发放宣传资料万余份。

表1  各街道网格队伍情况

街道        专职网格员    注册志愿者    培训场次（场）
城北街道    118           2960          16
河西街道    92            2410          13

二、下一步工作打算
今年，我区将计划新建社区便民商业网点45个，新引进外资企业80家。

汀南区人民政府
2026年1月18日
"""

RULES = """汀南区文明养犬管理办法

第一章　总则

第一条为了规范养犬行为，保障公民健康和人身安全，制定本办法。

第二条本办法适用于本区行政区域内的养犬管理活动。

第三条所有养犬人应当依法登记，为犬只接种狂犬病疫苗。

第四条及时清理犬只排泄物是养犬人的义务。
"""


@pytest.fixture(scope="module")
def summary_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "summary", SUMMARY)


@pytest.mark.parametrize(
    ("question", "figure"),
    [("全区有多少民营企业？", "1.8万家"), ("全年受理了多少消费者投诉？", "2140件"),
     ("建成了多少众创空间？", "9个"), ("全年实施了多少民生实事项目？", "12件")],
)
def test_a_noun_of_people_inside_a_longer_noun_counts_no_people(summary_kb, question, figure):
    """「多少民营企业」「多少消费者投诉」: 民, 者 inside a longer noun; enterprises, complaints counted."""
    a = summary_kb.ask(question)
    assert a.grounded and a.answer.startswith(figure), a.answer


# (question, the answer's lead): the rule each case holds the new checks to
@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("教育日当天吸引了多少名群众参与？", "千余名"),  # 「千余名」「万余份」 round a count: figures
        ("发放了多少份宣传资料？", "万余份"),
        ("2026年计划新引进外资企业多少家？", "80家"),  # a 2025 summary's own 「今年，我区将…」 plans 2026
        ("今年公共充电桩增加了多少个？", "2600个"),  # 「新建…2600个」: an increment states a change
        ("建成区绿地面积增加了多少？", "240公顷"),  # 「扩大了240公顷」
        ("区交警大队查处了多少起酒驾醉驾？", "1870起"),  # 交警 written short for 交通警察
        ("城北街道有多少名专职网格员？", "118"),  # a column naming people counts people
    ],
)
def test_counts_changes_and_bodies_said_another_way_are_answered(summary_kb, question, lead):
    a = summary_kb.ask(question)
    assert a.grounded and a.answer.startswith(lead), a.answer


def test_an_article_label_printed_with_no_space_heads_its_article(tmp_path):
    """「第三条所有养犬人…」「第四条及时清理…」 are articles, though 所 and 及 follow the label."""
    path = tmp_path / "rules.txt"
    path.write_text(RULES, encoding="utf-8")
    (unit,) = load_file(path, max_bytes=2**20, timeout=30).units
    heads = {s[-1] for s in unit.sections if s}
    assert {"第三条", "第四条"} <= heads, heads


UNDATED = """筑牢生态安全屏障

近年来，澄湖县坚持生态优先。在去年森林覆盖率提升到31.6%、主要河道水质全部达标的基础上，今年将继续推进
湿地保护修复，力争新增湿地公园2处。
"""


def test_a_year_asked_is_not_what_an_undated_text_calls_last_year(tmp_path_factory, settings, encoder):
    """An article printing no day says 「去年」 without saying which year: a question naming 2023 is refused
    as another year's, while 「去年」 and no year at all are still answered."""
    kb = text_kb(tmp_path_factory, settings, encoder, "undated", UNDATED)
    a = kb.ask("澄湖县2023年森林覆盖率是多少？")
    assert not a.grounded and "2023" in a.answer
    for question in ("澄湖县去年森林覆盖率是多少？", "澄湖县森林覆盖率提升到了多少？"):
        a = kb.ask(question)
        assert a.grounded and a.answer.startswith("31.6%")


@pytest.mark.parametrize(("question", "rank"), [("锡山的水稻碳标签证书在全国排第几？", "第二个"),
                                                ("锡山的水稻碳标签证书在省里排第几？", "第一个")])
def test_a_rank_is_read_in_the_scope_the_question_names(default_kb, question, rank):
    """「省内第一个、国内第二个水稻碳标签证书」: 全国 is written 国内, and each rank is the one its scope
    is written right before."""
    a = default_kb.ask(question)
    assert a.grounded and a.answer.startswith(rank)


def test_what_a_signed_article_says_is_its_paragraphs_topic_sentences(default_kb):
    """「许峰的文章主要内容是什么」 asks the article whole: each later paragraph's opening sentence (a subhead
    in print), cited; a question about part of it (「…在数据安全方面讲了什么」) is the answerer's."""
    a = default_kb.ask("许峰的文章主要内容是什么？")
    assert a.grounded and a.answer.count("[") == 3 and "在强化“三污同治”中筑牢安全防线" in a.answer
    assert all(c.quote in c.text for c in a.citations)
    a = default_kb.ask("陈秋峰的文章在数据安全方面讲了什么？")
    assert a.grounded and "分3个方面" not in a.answer and "数据安全" in a.answer
    # asked as the second part, of the author the first part names (「他」 read as 陶波)
    a = default_kb.ask("无锡市科技局局长是谁？他的文章讲了什么？")
    assert a.grounded and "陶波" in a.answer and "分4个方面" in a.answer


@pytest.mark.parametrize("question", ["哪篇文章讲金融安全？", "Which article is about financial security?"])
def test_one_article_asked_for_a_topic_is_the_one_titled_with_it(default_kb, question):
    """Three articles mention 金融; one article asked for (「哪篇」, "which article") is the one whose title
    holds the topic (王路新's), while 「哪几篇文章提到了金融」 still lists every one."""
    a = default_kb.ask(question)
    assert a.grounded and "王路新" in a.answer and "朱刚" not in a.answer and "方力" not in a.answer
    a = default_kb.ask("哪几篇文章提到了金融？")
    assert a.grounded and all(x in a.answer for x in ("朱刚", "方力", "王路新"))


def test_a_figure_the_question_restates_with_duo_does_not_answer_it(summary_kb):
    """「1.8万多家民营企业中，科技型企业有多少家」 restates the text's 「1.8万家」 (多 for 余, or none): the
    question knows it already, so it is not the answer."""
    a = summary_kb.ask("全区1.8万多家民营企业中，科技型的有多少家？")
    assert not a.answer.startswith("1.8万家"), a.answer



WORKS = """溪口区2025年城市建设工作总结

一、城市更新
全年改造老旧小区52个，惠及居民1.6万户。全区围绕8个重点片区，新建社区卫生服务站6所。
二、安全底数
全区现有小型水库87座、在建工地516个、危化品企业73家。
"""


def test_a_count_asked_with_ge_is_answered_by_the_measure_word_the_text_uses(
    tmp_path_factory, settings, encoder, default_kb
):
    """「多少个项目」 is answered by 「108项生态环境基础设施…」 (before: refused): 项 counts the 项目 asked,
    whatever noun follows it; 「几个社区卫生服务站」 by 「6所」 printed with it, not by the 「8个」 before it;
    「多少个产业生态圈」 by 「十二个产业生态圈」, not by the 家 of the companies in them."""
    projects = default_kb.ask("江阴“百亿百项”三年行动包括多少个项目？")
    assert projects.answer.startswith("108项。"), projects.answer  # not the 170亿元 invested beside it
    both = default_kb.ask("江阴“百亿百项”三年行动一共多少个项目、总投资多少？")  # asked too: both said
    assert all(x in both.answer.split("。")[0] for x in ("108项", "170亿元")), both.answer
    kb = text_kb(tmp_path_factory, settings, encoder, "works", WORKS)
    stations = kb.ask("新建了几个社区卫生服务站？")
    assert stations.answer.startswith("6所"), stations.answer
    assert default_kb.ask("梁溪有多少个产业生态圈？").answer.startswith("十二个")
    # a list naming each thing before its count: the count of the thing asked, not its neighbour's
    assert kb.ask("有几个危化品企业？").answer.startswith("73家")
    assert kb.ask("在建工地有多少个？").answer.startswith("516个")



def test_a_sum_of_money_asked_by_what_it_is_paid_as_is_an_amount(tmp_path_factory, settings, encoder):
    """「最多能拿到多少奖金」 asks money (元) as 「多少钱」 does, and 「要是」「拿到」 locate nothing: the
    sentence giving 「最高5万元奖励」 answers it, not the count of clues before it (44th set, wc29, had been
    refused)."""
    kb = text_kb(tmp_path_factory, settings, encoder, "bounty", (
        "青峰县2025年国家安全人民防线建设情况\n\n全县共受理群众举报涉国家安全线索326条，其中经核查有价值线索"
        "41条。县委国家安全委员会出台《青峰县涉国家安全线索举报奖励办法》，明确对经查证属实的重要线索给予最高5万元"
        "奖励。协助有关部门破获危害国家安全案件6起，挽回经济损失3200万元。\n"))  # fmt: skip
    a = kb.ask("要是举报的事查实了、而且很重要，最多能拿到多少奖金？")
    assert a.grounded and a.answer.startswith("最高5万元"), a.answer
