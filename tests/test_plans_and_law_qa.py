"""A law Q&A (普法问答) that quotes laws whole (「…第二十八条第一款规定：“…”」) and an activity plan whose
items close with their 牵头单位 lines and whose sign-off comes after its attachments' list: a long quoted
statement is read clause by clause as the text around it is and cited by its article, a plan item's
bodies are read from its lines, 「进社区」 names no district, and the issuer is read from the sign-off.
Written here with other wording than the validation documents (tests/fixtures/faq_unseen.txt,
plan_unseen.txt)."""

from __future__ import annotations

import pytest

from rag.evidence import candidate_spans
from rag.lookup import front_article
from rag.records import KIND_DOCUMENT, Chunk, Hit
from tests.conftest import text_kb

# 个人信息保护法第二十八条第一款: one sentence, quoted after a lead of its own
ARTICLE_28 = (
    "敏感个人信息是一旦泄露或者非法使用，容易导致自然人的人格尊严受到侵害或者人身、财产安全受到危害的个人信息，"
    "包括生物识别、宗教信仰、特定身份、医疗健康、金融账户、行踪轨迹等信息，以及不满十四周岁未成年人的个人信息。"
)
EXPLAINER = f"""滨河市网络安全法律知识问答

来源：滨河市委网信办　发布时间：2026-04-10

一、个人信息篇

1. 问：哪些个人信息属于敏感个人信息？
答：个人信息保护法第二十八条第一款规定：“{ARTICLE_28}”

二、宣传活动安排

今年围绕网络安全进机关、进社区、进校园开展系列宣传活动。

（一）开展“网络安全进社区”活动
4月10日至4月20日，各街道组织网络安全普法宣讲，发放宣传手册2万册。
牵头单位：区司法局
责任单位：各街道
（二）开展“网络安全进校园”活动
4月12日至4月18日，各中小学开展网络安全主题班会。
牵头单位：区教育局
责任单位：团区委

联系人：孙明，电话：83216547

附件：1.活动安排表
　　　2.总结报送表

滨河市委网信办
2026年4月10日

附件1

活动安排表
"""


def _hit(text: str) -> Hit:
    chunk = Chunk(chunk_id="c", doc_id="d", source_id="s", unit_index=0, paragraph_index=0, start=0,
                  end=len(text), text=text, kind=KIND_DOCUMENT, title=None, subtitle=None, author=None,
                  role=None)  # fmt: skip
    return Hit(chunk=chunk, score=1.0, rank=1)


@pytest.fixture(scope="module")
def explainer_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "explainer_q", EXPLAINER)


def test_a_long_quoted_statement_is_offered_clause_by_clause_and_a_quoted_name_is_never_cut():
    text = f"答：个人信息保护法第二十八条第一款规定：“{ARTICLE_28}”"
    quotes = [s.text for s in candidate_spans([_hit(text)])]
    assert "以及不满十四周岁未成年人的个人信息" in quotes, quotes  # had been no candidate at all
    # a piece cut inside the quote does not open or close with a mark whose pair it lacks
    assert not [q for q in quotes if (q[0] == "“" and "”" not in q) or (q[-1] == "”" and "“" not in q)]
    named = "紧密结合“清朗”系列专项行动，集中开展法律法规普及、专项问题清理、典型案例剖析，" * 2
    assert not any(q.endswith("“清朗") for q in (s.text for s in candidate_spans([_hit(named)])))


def test_a_quoted_article_is_answered_and_cited_by_its_article(explainer_kb):
    answer = explainer_kb.ask("不满十四岁孩子的个人信息算不算敏感个人信息？")
    assert answer.grounded and "不满十四周岁未成年人的个人信息" in answer.answer, answer.answer
    assert all(c.quote in c.text for c in answer.citations)
    article = explainer_kb.ask("把不满十四周岁未成年人的信息列为敏感个人信息，是个人信息保护法第几条规定的？")
    assert "第二十八条" in article.answer, article.answer  # the quote's lead-in names it
    assert article.citations[0].quote == "个人信息保护法第二十八条第一款规定", article.citations


def test_a_plan_items_bodies_are_read_from_its_lines(explainer_kb):
    lead = explainer_kb.ask("网络安全进校园活动是哪个单位牵头？")
    assert "区教育局" in lead.answer and lead.citations[0].quote == "牵头单位：区教育局", lead.answer
    english = explainer_kb.ask("Which department leads the cybersecurity campaign in the communities?")
    assert english.answer.startswith("区司法局"), english.answer


def test_a_sign_off_after_the_attachments_list_names_the_issuer(explainer_kb):
    from rag.question import front_asked

    assert front_asked("这份问答是哪家单位发布的？") == {"issuer"}  # a Q&A is a document too
    (unit,) = explainer_kb.units()
    assert (unit.author, unit.date) == ("滨河市委网信办", "2026年4月10日")


def test_a_community_is_no_district(explainer_kb):
    """「进社区」 ends like a district's name (X区) and the document writes it after a mark (「进机关、
    进社区」), as it writes districts: it is a community, not a district elsewhere to refuse for."""
    answer = explainer_kb.ask("进社区那项活动由哪个单位牵头？")
    assert answer.grounded and "司法局" in answer.answer, answer.answer


def test_an_address_or_number_asked_is_given_or_refused_not_a_sentence_without_one(explainer_kb):
    """A phone number asked is no quantity (the contact line had been below the threshold as one); an
    email or web address asked of a document that gives none is refused for it."""
    from rag.question import SHAPE_QUANTITY, analyse
    from rag.strings import t

    assert analyse("活动联系人的电话是多少？").shape != SHAPE_QUANTITY
    phone = explainer_kb.ask("活动联系人的电话是多少？")
    assert phone.grounded and "83216547" in phone.answer, phone.answer
    email = explainer_kb.ask("联系人的电子邮件地址是什么？")
    assert not email.grounded and email.answer == t("no_contact", "zh", kind="电子邮箱"), email.answer
    english = explainer_kb.ask("What is the website for the campaign?")
    refusal = t("no_contact", "en", kind="web address")
    assert not english.grounded and english.answer == refusal, english.answer


NEWSLETTER = """网络安全宣传工作简报
第5期（总第41期）
滨河市委网信办编　　2026年5月6日

本期要目
1．全市网络安全宣传周活动综述
2．城南区开展“护苗”专项行动

【工作动态】全市网络安全宣传周活动综述
　　宣传周期间，全市共举办各类活动312场，累计覆盖群众1,386人次以上。

【基层风采】城南区开展“护苗”专项行动
　　城南区组织志愿者走进42所中小学开展网络安全主题班会。

（本期共印30份）
"""


@pytest.fixture(scope="module")
def newsletter_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "newsletter_t", NEWSLETTER)


def test_a_newsletters_issue_compiler_and_headlines_are_read(newsletter_kb):
    """A work newsletter (工作简报): its name is the title, 「第5期（总第41期）」 and 「…编　date」 stay
    lines of their own (they had been joined with the name and 「本期要目」 into one paragraph, the file
    name the title), and each 【…】 headline heads its item (the contents' last entry had headed all)."""
    (unit,) = newsletter_kb.units()
    assert (unit.title, unit.author, unit.date) == ("网络安全宣传工作简报", "滨河市委网信办", "2026年5月6日")
    assert unit.paragraphs[:2] == ("第5期（总第41期）", "滨河市委网信办编 2026年5月6日")
    item = next(i for i, p in enumerate(unit.paragraphs) if "42所中小学" in p)
    assert unit.sections[item] == ("【基层风采】城南区开展“护苗”专项行动",)
    issue = newsletter_kb.ask("这份简报是第几期？")
    assert issue.answer.startswith("第5期（总第41期）"), issue.answer
    compiler = newsletter_kb.ask("这份简报是哪个单位编印的？")
    assert "滨河市委网信办" in compiler.answer and compiler.grounded, compiler.answer


def test_a_figure_with_thousands_set_apart_by_commas_is_read_whole(newsletter_kb):
    from rag.question import FIGURE_RE

    assert [m.group() for m in FIGURE_RE.finditer("累计覆盖群众1,386人次，共312场")] == ["1,386人次", "312场"]
    answer = newsletter_kb.ask("宣传周一共覆盖了多少群众？")
    assert "1,386" in answer.answer and not answer.answer.startswith("386"), answer.answer


# Meeting minutes (会议纪要): a number line, who chaired, who reported what. Written here with other
# wording than the validation document (tests/fixtures/minutes_unseen.txt).
MINUTES = """青石县网络安全工作座谈会纪要

〔2026〕第2期

青石县委网信办　　　　　　　　2026年5月8日

　　2026年5月6日上午，县委网信办在县政务服务中心召开全县网络安全工作座谈会，听取各乡镇和有关部门网络安全工作情况。会议由县委常委、宣传部部长林泊舟主持，副县长许清禾出席并讲话。县直有关单位负责同志参加会议。

　　一、会议听取了情况汇报

　　（一）县公安局副局长高远汇报了今年以来打击电信网络诈骗工作情况。全县共破获电信网络诈骗案件42起，较2025年同期增长15%，劝阻潜在受害群众1300余人次。

　　（二）县教育局局长孟夏汇报了校园网络安全教育开展情况。全县38所中小学均已开设网络安全专题课，组织网络安全知识竞赛2场。今年春季学期，县教育局组织骨干教师编写了《青少年网络安全读本》，在全县初中二年级试用，并邀请县公安局民警进校园开展防范网络诈骗讲座16场，覆盖学生1.1万人次。下一步，县教育局将建设网络安全示范课，示范课分别在城关镇、桥头镇和石湖乡的中心小学开设，每学期不少于4课时。

　　（三）县市场监管局副局长罗青汇报了网络交易平台监管情况。今年以来共检查网络交易平台和网店经营者210家次，责令整改违规收集个人信息问题9起，立案查处2起。

　　二、会议议定事项

　　（一）关于网络安全宣传周。由县委网信办牵头，县教育局、县公安局配合，9月中旬举办全县网络安全宣传周活动。完成时限：2026年9月30日前。

　　（二）关于网络安全等级保护测评。由县委网信办牵头，2026年对全县12个重要信息系统开展等级保护测评。完成时限：2026年11月30日前。
"""


@pytest.fixture(scope="module")
def minutes_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "minutes_t", MINUTES)


def test_who_did_an_act_the_minutes_report_is_read_from_the_sentence_saying_so(minutes_kb):
    """「座谈会是谁主持的」 is answered by 「会议由…部长林泊舟主持」, not by the sentence sharing the most
    other words (the meeting's date and place), and 「…是谁汇报的，他是什么职务」 by the report's own
    line, not by who issued the minutes; who issued them is still the sign-off's body."""
    chaired = minutes_kb.ask("这次座谈会是谁主持的？")
    assert "林泊舟主持" in chaired.citations[0].quote, chaired.answer
    reported = minutes_kb.ask("校园网络安全教育的情况是谁在会上汇报的？")
    assert "孟夏" in reported.answer and "县教育局局长" in reported.answer, reported.answer
    english = minutes_kb.ask("Who chaired the symposium?")  # the act as the text writes it: 主持
    assert "林泊舟" in english.answer, english.answer
    issued = minutes_kb.ask("这份纪要是哪个单位印发的？")
    assert "青石县委网信办" in issued.answer and issued.grounded, issued.answer


def test_the_minutes_number_line_is_its_issue(minutes_kb):
    issue = minutes_kb.ask("这份纪要是第几期？")
    assert issue.answer.startswith("〔2026〕第2期"), issue.answer


def test_a_when_is_dated_by_the_day_its_passage_gives_not_by_a_year(minutes_kb):
    """「测评最晚什么时候做完」: the item's sentence is dated 2026年 alone, its 「完成时限：2026年11月30日前」
    line gives the day; a question asking the year itself keeps the year."""
    when = minutes_kb.ask("等级保护测评最晚什么时候要做完？")
    assert when.answer.startswith("2026年11月30日"), when.answer
    year = minutes_kb.ask("等级保护测评是哪一年开展的？")
    assert year.answer.startswith("2026年") and "11月30日" not in year.answer.split("。")[0], year.answer


def test_a_year_something_is_compared_with_is_no_date_it_happened(minutes_kb):
    """「较2025年同期增长15%」 says no year anything happened in: it answers 「跟哪一年比」, not 「哪一年
    成立」."""
    founded = minutes_kb.ask("县公安局的反诈中心是哪一年成立的？")
    assert "2025" not in founded.answer, founded.answer
    base = minutes_kb.ask("电信网络诈骗案件破获数是跟哪一年比的？")
    assert base.answer.startswith("2025年"), base.answer


# A circular two bodies sign jointly, on one line, with a 抄送 line and the printing office's line after
CIRCULAR = """关于2026年上半年网络安全检查情况的通报

澄保办〔2026〕3号

各区县网信办，市级机关各部门：

　　2026年4月，市委网信办会同市公安局对全市42家单位开展网络安全检查，发现问题113条，已督促整改。

　　各单位要举一反三，于2026年6月30日前完成整改。

附件：1．问题清单
      2．整改情况报告（格式）

澄江市委网信办          澄江市公安局

2026年5月20日

（此件发至被检查单位）

抄送：市委办公室，市政府办公室。

澄江市委网信办                    2026年5月20日印发
"""


@pytest.fixture(scope="module")
def circular_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "circular_t", CIRCULAR)


def test_a_circular_signed_jointly_names_both_bodies(circular_kb):
    """Two bodies signing on one line (「澄江市委网信办　　澄江市公安局」, then the day) are the circular's
    issuers; 「哪两个单位联合发出的」 and the sign-off's day are answered from those lines."""
    (unit,) = circular_kb.units()
    assert (unit.author, unit.date) == ("澄江市委网信办、澄江市公安局", "2026年5月20日")
    issued = circular_kb.ask("这份通报是哪两个单位联合发出的？")
    assert "澄江市委网信办、澄江市公安局" in issued.answer, issued.answer
    day = circular_kb.ask("这份通报的落款日期是哪天？")
    assert day.answer.startswith("2026年5月20日"), day.answer


# The same circular with a longer body: its sign-off is no longer in its first two passages
_CHECKED = (("一", "等级保护", 6, "定级备案材料"), ("二", "数据安全", 7, "数据分类分级台账"),
            ("三", "终端管理", 8, "办公终端和移动存储介质"), ("四", "外包运维", 5, "运维合同和操作日志"),
            ("五", "应急处置", 4, "应急预案和演练记录"))
LONG_CIRCULAR = CIRCULAR.replace("　　各单位要举一反三", "".join(
    f"　　（{n}）{area}方面，检查组抽查了{k}家单位的{what}，发现问题{k * 2}条，已逐条反馈被检查单位并"
    "明确整改责任人，要求各单位对照问题清单建立台账，整改一项、销号一项，市委网信办将适时组织复查。\n\n"
    for n, area, k, what in _CHECKED
) + "　　各单位要举一反三")


def test_a_joint_sign_off_far_down_dates_the_circular(tmp_path_factory, settings, encoder):
    """The day under a joint sign-off (the two bodies on one line, set apart by spaces) answers 「哪天
    印发的」 however far down the circular it stands: the sign-off's passage is found by both names, not
    by the joined 「A、B」 no line prints."""
    kb = text_kb(tmp_path_factory, settings, encoder, "long_circular_t", LONG_CIRCULAR)
    opening, second = front_article(kb.chunks(), [])
    assert opening.start == 0 and "2026年5月20日" in second.text, second.text
    for question, day in (("这份通报是哪天印发的？", "2026年5月20日"),
                          ("When was this circular issued?", "20 May 2026")):
        answer = kb.ask(question)
        assert answer.grounded and day in answer.answer, (question, answer.answer)
        assert "2026年5月20日" in answer.citations[0].quote, answer.citations[0].quote


def test_a_sentence_inside_an_outline_item_is_no_list_of_the_items(minutes_kb):
    """「示范课分别在哪几个乡镇开设」 is answered by the sentence naming them, inside item （二）; outside a
    law's article the items 「（一）…汇报了…」「（三）…汇报了…」 are paragraphs, not the list it asks for."""
    answer = minutes_kb.ask("示范课分别在哪几个乡镇开设？")
    assert "城关镇、桥头镇和石湖乡" in answer.answer and "汇报了" not in answer.answer, answer.answer


def test_an_attachments_list_is_one_list_quoted_whole(circular_kb):
    """「附件：1．问题清单」 then 「2．整改情况报告（格式）」: the numbered lines under 附件 name attachments,
    they head nothing (the second had become a section of its own), and 「附了哪几个附件」 quotes the list."""
    (unit,) = circular_kb.units()
    assert "2．整改情况报告（格式）" in unit.paragraphs and not any(unit.sections), unit.sections
    answer = circular_kb.ask("这份通报后面附了哪几个附件？")
    assert "问题清单" in answer.answer and "整改情况报告（格式）" in answer.answer, answer.answer
