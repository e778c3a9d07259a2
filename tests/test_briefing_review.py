"""A campaign's work briefing (工作简报) with a table of its districts' figures, and an administrative
reconsideration decision (行政复议决定书) with its parties' fields, as their text comes out of a PDF,
written here in other words than the unseen ones they were found on.

The review names its parties on lines of their own (「申请人：…有限公司」「被申请人：…公安局」, each with
its 住所 and its representative's line) and by their roles after that; it reviews a decision of another
kind (a 处罚决定书, with its own number). The briefing prints a table whose rows are districts, ends
its parts with 「一是…」 points or a paragraph of 「；」 clauses, and is distributed by 「报：」「送：」
「发：」 lines.
"""

from __future__ import annotations

import pytest

from tests.conftest import text_kb, written

REVIEW = """青岚市人民政府行政复议决定书

青府复决字〔2026〕9号

申请人：青岚星河网络科技有限公司
住所：青岚市滨江区江南大道1200号
法定代表人：钱明哲，职务：执行董事
委托代理人：骆书仪，青岚正衡律师事务所律师

被申请人：青岚市公安局
住所：青岚市上城区解放路88号
负责人：韩伟东，职务：局长

申请人不服被申请人于2025年9月3日作出的青公（网）行罚决字〔2025〕0217号《行政处罚决定书》，于2025年10月9日向本机关申请行政复议。本机关于2025年10月11日依法予以受理。

申请人请求：撤销被申请人作出的青公（网）行罚决字〔2025〕0217号《行政处罚决定书》；如不予撤销，请求依法变更该决定，减轻罚款数额。

经审理查明：2025年9月3日，被申请人作出青公（网）行罚决字〔2025〕0217号《行政处罚决定书》，对申请人给予警告，并处罚款人民币三十万元。申请人于2025年9月20日缴纳罚款。

本机关认为：
一、关于处罚程序。被申请人依法履行了告知、听证、送达等程序，程序合法。
二、关于罚款数额。《中华人民共和国行政处罚法》第五条第二款规定，实施行政处罚必须以事实为依据；第三十二条第一项规定，当事人主动消除或者减轻违法行为危害后果的，应当从轻或者减轻行政处罚。申请人未能证明其主动消除危害后果，罚款数额适当。

综上，本机关依据《中华人民共和国行政复议法》第六十八条，参照本机关行政复议案件审理规范第十二条，决定：维持被申请人作出的青公（网）行罚决字〔2025〕0217号《行政处罚决定书》。

青岚市人民政府
2026年1月15日
"""

BRIEFING = """青岚市国家安全宣传周工作简报

第3期

青岚市国家安全人民防线工作领导小组办公室　　　　　2026年4月22日


一、全市宣传周总体情况

4月14日至20日，全市以“筑牢安全屏障、守护美好家园”为主题，开展第十一个全民国家安全教育日宣传周活动。全市共开展各类宣传活动260场，发放宣传资料15.4万份，重点单位覆盖率达到92.6%。活动期间，全市累计组织国家安全宣传志愿者1380名，走进社区、学校和企业。

二、各区活动开展情况

表1 各区活动开展情况
区名      开展活动(场)   参与人数(人次)   发放资料(份)
东湖区        96             38600            52000
西岭区        88             31200            47500
南塘区        76             27400            54500
合计         260            97200           154000

东湖区联合辖区高校举办知识竞赛。西岭区在地铁站点投放公益广告。南塘区组织专家进企业开展专题辅导。市国家安全教育馆于4月15日重新开放。


三、存在的不足

部分社区宣传形式单一，群众参与度不高；个别企业对宣传工作重视不够；农村地区宣传阵地建设相对滞后。


四、下一步工作安排

一是完善常态化宣传机制。将国家安全教育纳入各单位年度培训计划。

二是加强基层阵地建设。年内新建社区宣传阵地10个。

三是做好总结表彰。各区须于4月30日前报送活动总结。


报：市委、市政府主要领导
送：市国家安全人民防线工作领导小组各成员单位
发：各区国家安全人民防线工作领导小组办公室

责任编辑：林素云　　　　　　　　　　　　　　（共印60份）
"""


@pytest.fixture(scope="module")
def review_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "review", REVIEW)


@pytest.fixture(scope="module")
def briefing_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "briefing", BRIEFING)


def _paragraphs(tmp_path_factory, name: str, text: str) -> list[str]:
    from rag.loaders import load_file

    (unit,) = load_file(written(tmp_path_factory, name, text), max_bytes=2**20, timeout=30).units
    return list(unit.paragraphs)


def test_a_partys_last_field_over_a_blank_line_is_a_line_of_its_own(tmp_path_factory):
    # 「负责人：…，职务：局长」 over a blank line had been joined to the paragraph under it
    review = _paragraphs(tmp_path_factory, "review.txt", REVIEW)
    assert "负责人：韩伟东，职务：局长" in review
    assert any(p.startswith("申请人不服被申请人") for p in review)


def test_fields_a_question_names_are_quoted_each_and_under_the_party_it_names(review_kb):
    # the party's line, in the opening passage, though every later one names the party by its role
    assert "青岚星河网络科技有限公司" in review_kb.ask("申请人是谁？").answer
    both = review_kb.ask("被申请人是哪个单位，负责人叫什么？")
    assert "青岚市公安局" in both.answer and "韩伟东" in both.answer
    # the respondent's 住所, not the applicant's (the first 住所 line)
    seat = review_kb.ask("被申请人的住所在哪里？")
    assert "解放路88号" in seat.answer and "江南大道" not in seat.answer
    # 申请人 is named, the lawyer asked: the representative's line, not the party's
    lawyer = review_kb.ask("申请人请的律师是哪家律所的哪位律师？")
    assert "骆书仪" in lawyer.answer and "正衡律师事务所" in lawyer.answer
    # a day is asked: the party's line holds none
    day = review_kb.ask("公司是哪天递交复议申请的？")
    assert "2025年10月9日" in day.answer


def test_a_partys_request_is_its_statement_whole_not_its_line(review_kb):
    # 「申请人」 is named, its request asked: the labelled statement, both its requests, not the party's line
    request = review_kb.ask("申请人在复议中提出了什么请求？")
    assert "撤销" in request.answer and "减轻罚款数额" in request.answer, request.answer


def test_a_decision_of_another_kind_is_not_the_document_itself(review_kb):
    # 「那份行政处罚决定书」 in a 复议决定书 is the decision reviewed: its number is in the text
    reviewed = review_kb.ask("申请人不服的那份行政处罚决定书是哪天作出的？")
    assert "2025年9月3日" in reviewed.answer and "2026年1月15日" not in reviewed.answer
    assert "9号" in review_kb.ask("这份复议决定书的文号是什么？").answer
    # two asks of the document in one sentence, set apart by 「，」 or 「、」: both its day and its issuer
    for question in ("复议决定书是哪天作出的，落款机关是谁？", "这份决定书由哪个单位作出、什么时候作出的？"):
        front = review_kb.ask(question)
        assert "2026年1月15日" in front.answer and "青岚市人民政府" in front.answer


def test_an_article_a_decision_cites_is_named_with_its_law(review_kb):
    # 「…《行政处罚法》第五条第二款规定，…；第三十二条第一项规定，…」: the second article is that law's
    said = "决定书里说“主动消除违法行为危害后果的，应当从轻或者减轻行政处罚”，这是哪部法律的哪一条？"
    article = review_kb.ask(said)
    assert "《中华人民共和国行政处罚法》第三十二条第一项" in article.answer



def test_a_partys_line_and_no_lead_in_alone_on_the_unseen_review(tmp_path_factory, settings, encoder):
    from tests.conftest import FIXTURES, document_kb

    kb = document_kb(tmp_path_factory, settings, encoder, "reconsideration",
                     FIXTURES / "reconsideration_unseen.txt")  # fmt: skip
    # the party's line is in the opening passage; every passage the question finds names it by its role
    assert "澜江云栖数联科技有限公司" in kb.ask("申请人是谁？").answer
    # 「本机关认为：」 alone on its line says nothing: it is no quote of an answer to why
    why = kb.ask("复议机关认为罚款为什么不合适？")
    assert why.grounded and "本机关认为[" not in why.answer


def test_a_party_is_found_by_what_the_question_calls_it(review_kb):
    # 「这家公司」: the 申请人 of the text; no refusal for a 公司 figure the text does not print
    fine = review_kb.ask("公安局罚了这家公司多少钱？")
    assert fine.grounded and "三十万元" in fine.answer


def test_an_english_question_reads_a_districts_cell(briefing_kb):
    # "Nantang District" is spelt in pinyin: the row 南塘区, the column 参与人数 of "participants"
    people = briefing_kb.ask("How many participants did Nantang District record?")
    assert "27,400" in people.answer and "27400" in people.answer
    materials = briefing_kb.ask("How many materials were distributed in Xiling District?")
    assert "47500" in materials.answer
    # a district the text gives no volunteers to: the city's total is no answer
    assert not briefing_kb.ask("How many volunteers did Donghu District mobilize?").grounded


def test_a_theme_a_count_and_a_parts_points(briefing_kb):
    theme = briefing_kb.ask("今年宣传周的主题是什么？")
    assert "筑牢安全屏障" in theme.answer
    # 「动员了多少名」: what was done, not a measure the text must print
    volunteers = briefing_kb.ask("全市一共动员了多少名国家安全宣传志愿者？")
    assert "1380名" in volunteers.answer
    # 「存在哪些不足」: the part 「三、存在的不足」, every clause of it
    short = briefing_kb.ask("简报里提到工作中存在哪些不足？")
    assert all(x in short.answer for x in ("形式单一", "重视不够", "相对滞后"))
    # 「一是…」 points under 「四、下一步工作安排」
    plans = briefing_kb.ask("下一步有哪些工作安排？")
    assert all(x in plans.answer for x in ("完善常态化宣传机制", "加强基层阵地建设", "做好总结表彰"))


def test_a_tables_rows_past_a_bound_and_two_rows_compared(briefing_kb):
    # 「超过…」 sets a bound on the column it names: the rows past it, each with its cell
    past = briefing_kb.ask("哪些区的参与人数超过了30000人次？")
    assert "东湖区" in past.answer and "西岭区" in past.answer and "南塘区（" not in past.answer
    # what the text does not give: a growth over last year (its figures are this year's levels), a time of day
    assert not briefing_kb.ask("和去年相比，今年全市宣传活动场次增长了百分之多少？").grounded
    assert not briefing_kb.ask("市国家安全教育馆平时几点开馆？").grounded
    # two rows set side by side (the table is cut across passages): both quoted, with the column asked
    both = briefing_kb.ask("南塘区开展的活动比西岭区少，那它发放的资料是不是也比西岭区少？")
    assert "54500" in both.answer and "47500" in both.answer


def test_what_the_reviewer_found(review_kb, briefing_kb, tmp_path_factory):
    """A helper's own documents (a 复议决定书, a 工作简报, a zones' 执法通报, a 「关于授予…称号的决定」)."""
    from rag.question import asks_clock, front_kind, of_kind
    from rag.structure import places_named

    # a field is the one under the nearest party line above it, not another party's
    assert "韩伟东" not in review_kb.ask("申请人的负责人是谁？").answer
    assert "钱明哲" not in review_kb.ask("被申请人的法定代表人是谁？").answer
    # a decision of a kind matches a title naming no other kind
    honoured = "青岚市人民政府关于授予李某某“见义勇为先进个人”称号的决定"
    assert of_kind(honoured, front_kind("这份表彰决定是哪天印发的"))
    assert not of_kind("青岚市人民政府行政复议决定书", front_kind("那份行政处罚决定书是哪天作出的"))
    # 「几点要求」 counts points; 「几点开馆」 asks a time of day
    assert not asks_clock("教育局对各学校提了几点工作要求？") and asks_clock("教育馆几点开馆？")
    # a table of zones names no districts: 「核心内容」 is not asked of a place 核心
    zones = ["功能区 检查次数 发现问题", "核心区 12 3", "缓冲区 9 2", "实验区 7 1"]
    assert places_named(zones) == set()
    assert places_named(["区县 检查次数 发现问题", "东湖区 12 3", "西岭区 9 2"]) == {"东湖", "西岭"}
    # a bound in 万: 「超过3万人次」 is 30000
    past = briefing_kb.ask("哪些区的参与人数超过了3万人次？")
    assert "东湖区" in past.answer and "西岭区" in past.answer and "南塘区（" not in past.answer
    # an article that follows another instrument's name (「参照…审理规范第十二条」) is not the law's
    cited = review_kb.ask("维持决定参照的是哪一条？")
    assert "《中华人民共和国行政复议法》第十二条" not in cited.answer


REGULATION = """青岚市无人驾驶航空器飞行安全管理办法

第十二条 在本市行政区域内，禁止下列行为：
（一）在重要目标周边五百米范围内飞行无人驾驶航空器；
（二）未经许可在机场净空保护区内放飞无人驾驶航空器；
（三）利用无人驾驶航空器拍摄军事设施；
（四）擅自改装无人驾驶航空器的飞行控制系统。
有前款第一项、第三项行为的，由市公安局责令改正，处五百元以上二千元以下罚款；有前款第二项行为的，由民用航空管理部门依法处理。

第十三条 本办法自2026年5月1日起施行。
"""


def test_items_a_paragraph_refers_to_are_quoted_with_it(tmp_path_factory, settings, encoder, laws_kb):
    """「采取前款第三项至第五项规定的应对处置措施，由省级以上…决定或者批准」 (反恐怖主义法 第六十一条, the
    held fifty-fifth set's oe24, read after it was measured): the items it points to answer which."""
    measures = laws_kb.ask("恐怖事件应对中，哪些处置措施要由省级以上反恐怖主义工作领导机构决定或者批准？", 5)
    assert all(x in measures.answer for x in ("空域", "通讯管制", "出境入境管制")), measures.answer
    assert "组织营救和救治受害人员" not in measures.answer  # the first item is not among them
    kb = text_kb(tmp_path_factory, settings, encoder, "drones", REGULATION)
    fined = kb.ask("哪些行为由市公安局责令改正并罚款？")
    assert "重要目标周边五百米" in fined.answer and "拍摄军事设施" in fined.answer, fined.answer
    assert "改装" not in fined.answer
