"""A government notice (通知) with its attached work plan: a second kind of document the answer model
was never fit on (written for validation by a helper who saw no code: tests/fixtures/notice_unseen.txt
and its questions). Its layout is read (a long title, the document number, the sign-off, items whose
first line wraps) and what its opening states is answered from there."""

from __future__ import annotations

import pytest

from rag.loaders import load_file
from rag.text import book
from tests.conftest import FIXTURES, assert_answers_as_held_out, document_kb, text_kb

NOTICE = FIXTURES / "notice_unseen.txt"
TITLE = "青禾市人民政府办公室关于印发《青禾市2025年安全生产和应急管理工作要点》的通知"


@pytest.fixture(scope="module")
def notice_kb(tmp_path_factory, settings, encoder):
    return document_kb(tmp_path_factory, settings, encoder, "notice", NOTICE)


def test_a_notices_title_number_and_sign_off_are_read():
    (unit,) = load_file(NOTICE, max_bytes=2**20, timeout=30).units
    assert (unit.title, unit.author, unit.date) == (TITLE, "青禾市人民政府办公室", "2025年3月8日")
    # the number, the sign-off and its day stay lines of their own, not glued to what is around them
    assert unit.paragraphs[0] == "青政办发〔2025〕12号"
    assert "青禾市人民政府办公室" in unit.paragraphs and "2025年3月8日" in unit.paragraphs


def test_a_numbered_item_whose_first_line_wraps_is_one_paragraph_not_a_heading():
    (unit,) = load_file(NOTICE, max_bytes=2**20, timeout=30).units
    item = next(p for p in unit.paragraphs if p.startswith("1. 修订完善"))
    assert "4月30日前印发实施" in item and "（责任单位：市安委办" in item
    assert not any(p.startswith(("发实施", "。")) for p in unit.paragraphs)  # none starts mid-sentence
    assert all(not s or not s[-1].startswith("1. 修订") for s in unit.sections)


def test_what_a_notices_opening_states_is_answered_from_it(notice_kb):
    issuer = notice_kb.ask("这份通知是哪个单位发的？")
    # the title it quotes takes the inner marks: 「《…关于印发〈青禾市…工作要点〉的通知》」
    assert issuer.answer.startswith(f"{book(TITLE)}由青禾市人民政府办公室发布"), issuer.answer
    assert [c.quote for c in issuer.citations] == ["青禾市人民政府办公室"]
    day = notice_kb.ask("这个文件的成文日期是哪天？")
    assert day.answer.startswith("2025年3月8日") and day.citations[0].quote == "2025年3月8日"
    number = notice_kb.ask("文号是多少？")
    assert number.answer.startswith("青政办发〔2025〕12号"), number.answer
    english = notice_kb.ask("Which office issued this notice and when?")
    said = "was issued by 青禾市人民政府办公室 [1], on 8 March 2025 (2025年3月8日) [2]"
    assert said in english.answer, english.answer
    # the bodies asked in the plural, and the date as what is on it
    plural = notice_kb.ask("Which offices issued this notice, and what date is on it?")
    assert said in plural.answer, plural.answer
    # the notice named by what it is on, before the verb: its day, not a year or a sentence of its text
    named = notice_kb.ask("When was the Qinghe notice on the 2025 work safety and emergency points issued?")
    assert named.answer.startswith("8 March 2025 (2025年3月8日) [1]"), named.answer


def test_a_year_naming_the_document_or_a_when_does_not_rule_out_a_quote(tmp_path_factory, settings,
                                                                        encoder):  # fmt: skip
    plan = tmp_path_factory.mktemp("plan") / "water.txt"
    plan.write_text(
        "清河县2025年城乡供水保障工作方案\n\n为保障城乡居民饮水安全，制定本方案。\n\n"
        "一、主要目标\n\n2025年全县新建农村供水管网260公里。到2026年6月底前，完成全县32座农村集中供水工程改造提升，"
        "农村自来水普及率达到99%。\n", encoding="utf-8")  # fmt: skip
    kb = document_kb(tmp_path_factory, settings, encoder, "water", plan)
    # the 2025 names the plan; a "when" may be answered by any year
    done = kb.ask("2025年供水保障工作方案要求农村集中供水工程改造什么时候完成？")
    assert "2026年6月" in done.answer, done.answer
    # a plan without a sign-off does not say when it was issued: no deadline answers that
    assert not kb.ask("这份方案是哪天印发的？").grounded


def test_levels_written_as_numerals_are_one_level(fitdocs_kb):
    assert "县防指总指挥" in fitdocs_kb.ask("一级响应由谁决定启动？").answer  # the plan writes Ⅰ级
    assert fitdocs_kb.ask("2024年新建了几处一类应急避难场所？").answer.startswith("3处")


def test_questions_about_a_notices_text_are_not_answered_from_its_opening(notice_kb):
    # a when or a body the text states, though the question names the notice or an issuing verb
    assert notice_kb.ask("这份通知要求什么时候完成安全生产权责清单修订？").answer.startswith("5月31日")
    for question in ("哪个部门负责发布安全风险提示？", "Which department issued the red warning messages?"):
        assert "由青禾市人民政府办公室发布" not in notice_kb.ask(question).answer
        assert "was issued by 青禾市人民政府办公室" not in notice_kb.ask(question).answer
    assert "3月8日" not in notice_kb.ask("安全风险提示什么时候发布？").answer
    # a name quoted with its own marks (2025年“安全生产月”) is in the notice
    assert notice_kb.ask("“2025年安全生产月”主题活动由谁统一部署？").grounded
    both = notice_kb.ask("这份通知是谁发的，哪天发的？")  # one sentence, each part cited by its line
    assert both.answer.startswith(f"{book(TITLE)}由青禾市人民政府办公室发布[1]，时间是2025年3月8日[2]")
    assert [c.quote for c in both.citations] == ["青禾市人民政府办公室", "2025年3月8日"]


def test_among_several_documents_the_one_the_question_names_is_read(tmp_path_factory, settings, encoder):
    kb = document_kb(tmp_path_factory, settings, encoder, "mixed", NOTICE, FIXTURES / "report_unseen.txt",
                     FIXTURES / "fitdocs" / "doc_summary.txt")  # fmt: skip
    assert kb.ask("这份通知的文号是多少？").answer.startswith("青政办发〔2025〕12号")
    assert "on 8 March 2025" in kb.ask("Which office issued this notice and when?").answer
    assert kb.ask("这份报告是哪天作的？").answer.startswith("2025年1月16日")
    # the summary signs off at its end: its body and day are read there
    summary = kb.ask("这份工作总结的落款日期是哪天？")
    assert summary.answer.startswith("2025年1月20日") and summary.citations[0].quote == "2025年1月20日"


def test_a_notices_header_over_its_title_and_a_date_in_chinese_numerals(tmp_path):
    lines = NOTICE.read_text(encoding="utf-8").splitlines()
    # the office's red header and the number printed over the title; the day written in words
    text = "\n".join(["青禾市人民政府办公室文件", "", lines[2], "", lines[0], *lines[3:]])
    path = tmp_path / "notice.txt"
    path.write_text(text.replace("2025年3月8日", "二〇二五年三月八日"), encoding="utf-8")
    (unit,) = load_file(path, max_bytes=2**20, timeout=30).units
    assert (unit.title, unit.author, unit.date) == (TITLE, "青禾市人民政府办公室", "二〇二五年三月八日")
    assert unit.paragraphs[:2] == ("青禾市人民政府办公室文件", "青政办发〔2025〕12号")


def test_an_issuers_printing_line_under_the_title_gives_its_issuer_and_day(tmp_path_factory, settings,
                                                                            encoder):  # fmt: skip
    plan = tmp_path_factory.mktemp("printed") / "plan.txt"
    plan.write_text(
        "柳江市防汛抗旱应急预案\n\n柳政办发〔2026〕3号\n\n柳江市人民政府办公室　2026年4月2日印发\n\n"
        "为规范全市防汛抗旱应急处置工作，制定本预案。\n\n一、适用范围\n\n本预案适用于全市行政区域内洪涝、干旱灾害的"
        "预防和应急处置。\n", encoding="utf-8")  # fmt: skip
    (unit,) = load_file(plan, max_bytes=2**20, timeout=30).units
    assert (unit.author, unit.date) == ("柳江市人民政府办公室", "2026年4月2日")
    kb = document_kb(tmp_path_factory, settings, encoder, "printed", plan)
    day = kb.ask("这份预案是哪天印发的？")
    assert day.answer.startswith("2026年4月2日"), day.answer
    assert day.citations[0].quote == "柳江市人民政府办公室 2026年4月2日印发"


WEB_NOTICE = """关于做好2025年汛期安全生产工作的通知

来源：青禾市应急管理局　发布时间：2025-05-12　浏览次数：236

各区应急管理局，市各有关单位：

　　为切实做好2025年汛期安全生产工作，现将有关事项通知如下。

　　一、压实防汛责任。各单位要在5月31日前完成汛前隐患排查，建立问题清单。

　　二、强化值班值守。汛期实行24小时值班，重要情况须在30分钟内报告市防汛办。
"""


def test_a_web_pages_source_and_date_fields_are_its_issuer_and_day_and_are_cited(
    tmp_path, tmp_path_factory, settings, encoder
):
    path = tmp_path / "notice.txt"
    path.write_text(WEB_NOTICE, encoding="utf-8")
    (unit,) = load_file(path, max_bytes=2**20, timeout=30).units
    title, fields = "关于做好2025年汛期安全生产工作的通知", "来源：青禾市应急管理局 发布时间：2025-05-12"
    assert (unit.title, unit.author, unit.date) == (title, "青禾市应急管理局", "2025-05-12")
    # the fields stay a line of their own under the title (the hit counter goes), the salutation another
    assert unit.paragraphs[:2] == (fields, "各区应急管理局，市各有关单位：")
    kb = text_kb(tmp_path_factory, settings, encoder, "webnotice", WEB_NOTICE)
    issuer = kb.ask("这份通知是哪个单位发布的？")
    assert issuer.answer.startswith(f"《{title}》由青禾市应急管理局发布[1]"), issuer.answer
    assert issuer.citations[0].quote == fields
    english = kb.ask("Who published this notice, and on what date?")
    said = "was issued by 青禾市应急管理局 [1], on 12 May 2025 (2025-05-12) [1]"
    assert said in english.answer, english.answer
    due = kb.ask("通知要求什么时候完成汛前隐患排查？")  # its text, not its day
    assert due.answer.startswith("5月31日"), due.answer


def test_a_sign_off_comes_before_a_pages_source_and_an_events_time_is_no_issue_date(tmp_path):
    """A notice copied from a website by another site: its sign-off names the issuer and the day, not
    「来源：本站」; a bare 「时间：…」 (an activity's) and a deadline line are no date it was issued."""
    text = ("关于开展防汛应急演练的通知\n来源：本站　发布时间：2025-05-12\n各区县应急管理局：\n"
            "　　决定于2025年6月开展全市防汛应急演练。\n　　一、演练安排\n　　时间：2025年6月15日上午9时\n"
            "　　请于6月5日前报送参演人员名单。\n青禾市应急管理局\n2025年5月10日\n")
    path = tmp_path / "notice.txt"
    path.write_text(text, encoding="utf-8")
    (unit,) = load_file(path, max_bytes=2**20, timeout=30).units
    assert (unit.author, unit.date) == ("青禾市应急管理局", "2025年5月10日")
    assert "2025年5月10日" in unit.paragraphs and "时间：2025年6月15日上午9时" in unit.paragraphs


def test_a_bulletins_issuer_and_day_on_one_line_under_its_title(tmp_path_factory, settings, encoder):
    text = ("东川市2025年国民经济和社会发展统计公报\n东川市统计局　2026年3月18日\n"
            "　　全年全市地区生产总值2310.5亿元，比上年增长5.1%。\n")
    kb = text_kb(tmp_path_factory, settings, encoder, "bulletin_line", text)
    (unit,) = kb.units()
    title = "东川市2025年国民经济和社会发展统计公报"
    assert (unit.title, unit.author, unit.date) == (title, "东川市统计局", "2026年3月18日")
    assert kb.ask("这份公报是哪个单位发布的？").answer.startswith(f"《{title}》由东川市统计局发布")
    assert kb.ask("When was this bulletin published?").answer.startswith("18 March 2026 (2026年3月18日) [1]")


def test_a_title_quoting_a_title_takes_the_inner_marks(tmp_path_factory, settings, encoder):
    text = ("《东川市数据安全管理办法》政策解读\n\n发布机构：东川市数据局　发布日期：2025年6月2日\n\n"
            "一、为什么制定《办法》？\n　　为了规范数据处理活动，保障数据安全，制定本办法。\n")
    kb = text_kb(tmp_path_factory, settings, encoder, "explainer_line", text)
    answer = kb.ask("这份解读是哪个单位发布的？")
    assert answer.answer.startswith("《〈东川市数据安全管理办法〉政策解读》由东川市数据局发布"), answer.answer
    assert kb.ask("这份解读是什么时候发布的？").answer.startswith("2025年6月2日[1]")


def test_notice_questions_on_a_document_type_never_fit_on(notice_kb):
    assert_answers_as_held_out(notice_kb, "notice_unseen_qa.jsonl")


def test_a_figure_stated_for_another_year_does_not_answer_a_years_question(notice_kb, report_kb_for_years):
    # the notice funds 2025 only: a question about 2026 is refused, saying which year is missing
    other = notice_kb.ask("2026年市财政安排的安全生产和应急管理专项资金有多少？")
    assert not other.grounded and "2026年" in other.answer, other.answer
    assert notice_kb.ask("市财政2025年安排的应急管理专项资金是多少？").answer.startswith("1.5亿元")
    english = notice_kb.ask("How much special funding for work safety is budgeted in 2026?")
    assert not english.grounded and "2026" in english.answer, english.answer
    # a quote naming no year is read under its heading (「一、2024年工作回顾」): still an answer
    assert "1587.3亿元" in report_kb_for_years.ask("2024年临川社会消费品零售总额是多少？").answer


@pytest.fixture(scope="module")
def report_kb_for_years(tmp_path_factory, settings, encoder):
    return document_kb(tmp_path_factory, settings, encoder, "report", FIXTURES / "report_unseen.txt")


@pytest.fixture(scope="module")
def fitdocs_kb(tmp_path_factory, settings, encoder):
    documents = sorted((FIXTURES / "fitdocs").glob("*.txt"))
    return document_kb(tmp_path_factory, settings, encoder, "fitdocs", *documents)


def test_a_quote_about_another_phase_post_or_campaign_is_not_an_answer(fitdocs_kb):
    # the plan assesses after a Ⅱ级 or higher response: not after a Ⅳ级 one
    assert not fitdocs_kb.ask("Ⅳ级响应结束以后，几天内要做完总结评估？").grounded
    assert fitdocs_kb.ask("Ⅱ级以上应急响应结束后多少日内完成总结评估？").answer.startswith("30日")
    # the summary's lifeline project: its 一期 is funded, no 二期
    assert not fitdocs_kb.ask("生命线安全工程二期要投多少钱？").grounded
    assert fitdocs_kb.ask("生命线安全工程一期计划投资多少？").answer.startswith("2.8亿元")
    # a 副局长 is named, no 局长; no 政委 at all
    chief = fitdocs_kb.ask("南屿市国家安全局的局长是谁？")
    assert not chief.grounded and "局长" in chief.answer, chief.answer
    assert not fitdocs_kb.ask("县防指的政委是谁？").grounded
    # the briefing holds “净网2024” and “净网2025”: a question on “净网2023” asks about what it does not hold
    campaign = fitdocs_kb.ask("“净网2023”专项行动侦破了多少起案件？")
    assert not campaign.grounded and "净网2023" in campaign.answer, campaign.answer
    # a fee is money: a head count is no answer
    assert not fitdocs_kb.ask("参加“国家安全研学营”的学生每人交多少费用？").grounded


def test_which_bodies_answer_a_task_from_its_responsibility_clause(notice_kb):
    # each task of the work plan closes with 「（责任单位：…）」: the bodies lead, cited by that clause
    gas = notice_kb.ask("餐饮场所燃气报警器安装这件事归哪些部门负责？")
    assert gas.answer.startswith("市住房和城乡建设局、市市场监管局"), gas.answer
    assert gas.citations[0].quote.startswith("（责任单位：市住房和城乡建设局")
    # without asking who is responsible, the task is answered as before
    assert not notice_kb.ask("餐饮场所燃气报警装置安装率要达到多少？").answer.startswith("市住房")


def test_a_press_briefing_answers_from_what_was_said_not_what_was_asked(fitdocs_kb):
    # the journalist's question is no answer; the spokesman's counted points (一是…二是…) all are
    signs = fitdocs_kb.ask("企业对外合作防泄密，周建明提醒了哪几点？")
    assert "记者" not in signs.answer and "请问" not in signs.answer, signs.answer
    assert all(x in signs.answer for x in ("一是", "二是", "三是")), signs.answer
    assert "二是" in fitdocs_kb.ask("这次宣传教育活动有什么新特点？").answer
    # mentioning a journalist's question does not ask who asked it
    measures = fitdocs_kb.ask("面对记者提问，警方在防范青少年网络兼职陷阱方面有哪些举措？")
    assert "请问" not in measures.answer, measures.answer
    # who asked is answered by the question itself
    assert "南屿晨报" in fitdocs_kb.ask("哪家媒体的记者问了主题展要不要预约？").answer


def test_a_quote_naming_no_year_is_dated_by_its_heading(fitdocs_kb):
    # 「新创建…省级综合减灾示范社区23个」 sits under the summary's 2024 review
    assert "23个" in fitdocs_kb.ask("2024年长泽市新创建了多少个省级综合减灾示范社区？").answer
    # and a question of the year under another heading takes the quote under its own
    assert fitdocs_kb.ask("2025年生物防火隔离带要新建多少公里？").answer.startswith("120公里")
    assert fitdocs_kb.ask("2024年建成了多少公里生物防火隔离带？").answer.startswith("186公里")
    other = fitdocs_kb.ask("2022年长泽市新建了几个省级综合减灾示范社区？")
    assert not other.grounded and "2022年" in other.answer, other.answer


ACTIVITY = """桐溪县关于开展2026年全民国家安全教育日宣传活动的通知

各乡镇人民政府，县各有关单位：
为深入学习宣传总体国家安全观，现就开展宣传活动有关事项通知如下。
一、活动主题
坚持总体国家安全观，共建平安桐溪
二、活动时间
2026年4月1日至4月25日。
三、主要内容
（一）集中宣传。各乡镇在4月15日前后组织集中宣传。
（二）进校园。各中小学开展国家安全主题班会。

桐溪县国家安全教育办公室
2026年3月20日
"""


@pytest.mark.parametrize(
    ("question", "text"),
    [("活动主题是什么？", "坚持总体国家安全观，共建平安桐溪[1]。"),
     ("这次活动的主题是什么？", "坚持总体国家安全观，共建平安桐溪[1]。"),
     ("活动时间是什么？", "2026年4月1日至4月25日[1]。")],
)
def test_a_headings_name_asked_whole_is_answered_by_the_line_under_it(tmp_path_factory, settings, encoder,
                                                                      question, text):
    """「活动主题是什么」 names the heading 「一、活动主题」: the line under it is the answer, cited (it had
    been refused, or answered from another sentence with 主题 in it)."""
    kb = text_kb(tmp_path_factory, settings, encoder, "activity", ACTIVITY)
    a = kb.ask(question)
    assert a.grounded and a.answer == text, a.answer
