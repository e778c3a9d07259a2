"""An emergency plan (应急预案): decimal-numbered parts (「1　总则」「1.1　编制目的」), response levels,
reporting deadlines and frequencies, a 附则 naming who interprets it. Written here with other wording
than the validation plans (tests/fixtures/fitdocs/doc_plan.txt and the blind emergency plan), on the
real model."""

from __future__ import annotations

import pytest

from rag.question import analyse
from rag.structure import read_outline
from tests.conftest import text_kb

PLAN = """青禾县网络安全事件应急预案

青禾县人民政府办公室　2025年11月3日印发

1　总则

1.1　编制目的
为及时、有效处置本县网络安全事件，减少事件造成的损失和危害，保障全县关键信息基础设施安全稳定运行，制定本预案。

1.2　事件分类
本预案所称网络安全事件分为以下几类：
（1）有害程序事件：计算机病毒、蠕虫、勒索软件等造成的事件；
（2）网络攻击事件：通过拒绝服务攻击、后门攻击、漏洞攻击等手段造成的事件；
（3）信息破坏事件：信息被篡改、假冒、泄露、窃取等造成的事件；
（4）设备设施故障：网络设备、供电系统故障造成的事件。

2　组织机构

2.1　县网络安全应急指挥部
县网络安全应急指挥部由分管网信工作的副县长任总指挥，县委网信办主任任副总指挥，负责统一领导全县网络安全事件应对工作。

2.2　值班制度
县委网信办实行全天候值班，值班电话向社会公布。值班人员应当熟悉处置流程，做好交接班记录。值班人员的连续值班时长和轮换办法由县委网信办另行规定。

2.3　值班人员职责
值班人员应当做好下列工作：
1. 接听值班电话并登记来电内容；
2. 核实事件发生的时间、地点和影响范围；
3. 及时向带班领导报告。

3　监测与报告

3.1　监测
各单位应当对本单位网络和信息系统开展实时监测，发现异常的，及时组织研判。2024年，全县共处置网络安全事件23件。

3.2　响应分级
（1）一级响应（特别重大）。出现下列情形之一的：重要信息系统瘫痪24小时以上的；个人信息泄露100万条以上的。
（2）二级响应（重大）。出现下列情形之一的：重要信息系统瘫痪8小时以上24小时以下的；个人信息泄露10万条以上100万条以下的。
（3）三级响应（较大）。出现下列情形之一的：重要信息系统瘫痪2小时以上8小时以下的；个人信息泄露1万条以上10万条以下的。

3.3　报告
事发单位应当在发现事件后20分钟内向县委网信办电话报告，40分钟内报送书面材料。响应期间，事发单位每4小时向县应急指挥部报告1次处置进展。

4　附则

4.1　预案解释
本预案由县委网信办负责解释。

4.2　施行日期
各乡镇可以参照本预案制定具体实施细则。本预案自2025年12月1日起施行。

4.3　奖励
对报告事件线索发挥一般作用的，给予500元奖励；发挥重要作用的，给予2000元奖励；发挥关键作用的，给予5000元奖励。
"""


@pytest.fixture(scope="module")
def plan_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "plan_t", PLAN)


def test_decimal_numbering_heads_sections_and_a_table_row_does_not():
    """「1　总则」 and 「1.1　编制目的」 nest as headings; a table's row numbered the same way has
    columns after its number and stays a paragraph."""
    blocks = [("1　总则", 0), ("1.1　编制目的", 0), ("为处置事件，制定本预案。", 0),
              ("1     县财政局          县级机关     96", 0)]  # fmt: skip
    outline = read_outline(blocks)
    assert outline.paragraphs == ("为处置事件，制定本预案。", "1     县财政局          县级机关     96")
    assert outline.sections[0] == ("1 总则", "1.1 编制目的")


def test_the_plan_is_read_in_its_numbered_parts(plan_kb):
    sections = {c.section for c in plan_kb.chunks()}
    assert ("4 附则", "4.1 预案解释") in sections, sections
    assert ("3 监测与报告", "3.3 报告") in sections, sections


def test_who_interprets_the_plan_is_answered_not_read_as_who_issued_it(plan_kb):
    """「预案由哪个部门负责解释」 asks the 附则's line, not the issuer (its sign-off is the office's)."""
    answer = plan_kb.ask("预案由哪个部门负责解释？")
    assert answer.grounded, answer.answer
    assert "县委网信办" in answer.answer and "负责解释" in answer.answer, answer.answer


def test_a_list_led_in_with_yixia_brings_its_items(plan_kb):
    """「分为以下几类：」 leads its items as 「下列」 does: all four are quoted."""
    answer = plan_kb.ask("本预案所称网络安全事件分为哪几类？")
    assert answer.grounded, answer.answer
    for kind in ("有害程序事件", "网络攻击事件", "信息破坏事件", "设备设施故障"):
        assert kind in answer.answer, (kind, answer.answer)


def test_how_often_is_answered_by_every_so_many_hours(plan_kb, laws_kb):
    """「隔多久…一次」 leads with the period and the count (「每4小时…报告1次」, not 「4小时、1次」); a law's
    「每年至少进行一次」 states how often though it gives no length of time, so it is not refused."""
    answer = plan_kb.ask("响应期间，处置进展要隔多久报告一次？")
    assert answer.grounded, answer.answer
    assert answer.answer.startswith("每4小时向县应急指挥部报告1次。"), answer.answer
    law = laws_kb.ask("关键信息基础设施运营者对自己网络的安全和风险做检测评估，法律要求多长时间至少搞一次？")
    assert law.grounded and "每年至少进行一次检测评估" in law.answer, law.answer


def test_a_length_of_time_the_plan_does_not_state_is_refused(plan_kb):
    """The plan speaks of the shift's length but leaves it to another rule: a sentence on 值班时长
    stating none is no answer to how long a shift lasts."""
    answer = plan_kb.ask("值班人员连续值班的时长一般是多长时间？")
    assert not answer.grounded, answer.answer


def test_a_supposing_part_stays_in_the_law_that_answered_the_case(laws_kb):
    """「…合法吗？如果被查到，最多罚多少？」: the second part is the first part's case, in its law
    (生物安全法 第七十八条, up to 一百万元), not another law's 询问查证."""
    answer = laws_kb.ask("我想在家里设一个病原微生物实验室做实验，这合法吗？如果被查到，最多会被罚多少钱？")
    assert "个人不得设立病原微生物实验室" in answer.answer, answer.answer
    assert "一百万元" in answer.answer, answer.answer
    assert "二十四小时" not in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "grade", "others"),
    [("重要信息系统瘫痪了10个小时，应当启动哪一级响应？", "二级响应", ("一级响应", "三级响应")),
     ("个人信息泄露了5万条，属于哪一级响应？", "三级响应", ("一级响应", "二级响应")),
     ("个人信息泄露了50万条，要启动几级应急响应？", "二级响应", ("一级响应", "三级响应"))],
)  # fmt: skip
def test_the_grade_is_the_band_holding_the_stated_figure(plan_kb, question, grade, others):
    """The band holding the question's figure (8小时以上24小时以下 holds 10 hours; 以上 counts its own
    figure, 以下 does not; 50万条 is in 10万条以上100万条以下), quoted under its item's head, which names
    the grade. 「启动几级响应」 asks a grade, as 「哪一级」 does, not a number."""
    answer = plan_kb.ask(question)
    assert answer.grounded, answer.answer
    assert grade in answer.answer, answer.answer
    assert not any(x in answer.answer for x in others), answer.answer


def test_cases_counted_in_jian_answer_how_many_qi(plan_kb):
    """「几起」 and 「23件」 count the same things."""
    answer = plan_kb.ask("2024年全县一共处置了几起网络安全事件？")
    assert answer.grounded, answer.answer
    assert "23件" in answer.answer, answer.answer


def test_an_inline_list_after_its_lead_in_is_quoted_item_by_item(plan_kb):
    """「出现下列情形之一的：A；B。」 lists its cases in one sentence: each is quoted."""
    answer = plan_kb.ask("哪些情形要启动一级响应？")
    assert answer.grounded, answer.answer
    assert "瘫痪24小时以上" in answer.answer and "100万条以上" in answer.answer, answer.answer



def test_an_english_question_naming_the_plan_in_its_own_words_gets_its_effective_day(plan_kb):
    """"the county network security … plan" is no title the plan prints; the one plan held is the one
    asked about, and 「本预案自…起施行」 says when it takes effect (not 「2024年，…」)."""
    answer = plan_kb.ask("When does the county network security emergency plan come into force?")
    assert answer.grounded, answer.answer
    assert "2025年12月1日" in answer.answer, answer.answer


def test_an_english_questions_chinese_term_in_brackets_is_what_it_asks_about():
    """"commander (指挥长)": the document's own word, read as a quoted term is."""
    q = analyse("Which official serves as commander (指挥长) of the headquarters?")
    assert "指挥长" in q.quoted, q.quoted
    assert analyse("市应急指挥部（以下简称指挥部）由谁领导？").quoted == (), "Chinese brackets are no quotes"


def test_which_section_is_answered_by_the_parts_heading(plan_kb, laws_kb):
    """「在哪一节」 of an outline is the heading of the part the quote is in; 「哪一章」 of a law its
    chapter, not an article."""
    answer = plan_kb.ask("县委网信办的值班制度写在预案的哪一节？")
    assert answer.grounded and "2.2 值班制度" in answer.answer.split("。")[0], answer.answer
    chapter = laws_kb.ask("反恐怖主义法里，反恐工作经费列入财政预算的规定在哪一章？")
    assert chapter.answer.startswith("《中华人民共和国反恐怖主义法》第八章 保障措施"), chapter.answer


def test_a_date_in_the_same_part_is_no_deadline_for_another_task(plan_kb):
    """The part says towns may draw up their own rules and when this plan takes effect: that date is
    no deadline for the towns' rules, so the question is refused, not answered with it."""
    answer = plan_kb.ask("各乡镇的实施细则必须在什么期限内制定出来？")
    assert not answer.grounded, answer.answer


def test_the_tier_is_the_one_whose_condition_the_question_states(plan_kb):
    """Three reward tiers in one sentence: the one whose condition the question states (重要作用)."""
    answer = plan_kb.ask("报告的线索起了重要作用，能拿到多少奖励？")
    assert answer.grounded and answer.answer.startswith("2000元"), answer.answer


def test_a_lead_in_brings_the_items_listed_line_by_line(plan_kb):
    """「应当做好下列工作：」 with its items on numbered lines (「1. …；」), not （一）: the items are the
    answer."""
    answer = plan_kb.ask("值班人员有哪些职责？")
    assert answer.grounded, answer.answer
    items = ("接听值班电话", "核实事件发生的时间", "向带班领导报告")
    assert all(x in answer.answer for x in items), answer.answer



def test_an_english_question_naming_a_post_in_brackets_quotes_that_post(tmp_path_factory, settings, encoder):
    """"commander (指挥长)": the sentence naming who holds that post, not the one on the 副指挥长."""
    kb = text_kb(tmp_path_factory, settings, encoder, "command", (
        "梧州市防汛应急预案\n\n一、组织指挥\n\n市防汛应急指挥部负责统一指挥全市防汛工作。"
        "指挥部设指挥长1名、副指挥长3名。指挥长由分管水利工作的副市长担任。"
        "副指挥长由市政府分管水利工作的副秘书长、市水利局局长、市应急管理局局长担任。\n"))  # fmt: skip
    answer = kb.ask("Which official serves as commander (指挥长) of the Wuzhou flood control headquarters?")
    assert "“指挥长由分管水利工作的副市长担任”" in answer.answer, answer.answer
