"""An administrative penalty decision (行政处罚决定书) and a lecture outline (宣讲提纲) as their text comes
out of a PDF, written here in other words than the unseen ones they were found on.

The decision writes its fines in capitals (「人民币伍拾万元整」), cites the articles it rests on in its text
(it is no law: no passage sits in an article), and signs off with its body, 「（印章）」 and the day in
words. The outline counts a term it quotes and lists it after a colon (「“三个不”：…；…；…」), and reports
its cases one a line in a passage.
"""

from __future__ import annotations

import pytest

from tests.conftest import text_kb

DECISION = """青岚市互联网信息办公室行政处罚决定书

青网信罚决字〔2026〕第3号

当事人：青岚市云帆数据服务有限公司
统一社会信用代码：91330100MA2H7LQ21X
住所：青岚市西湖区文一路99号

    本机关依照《中华人民共和国网络安全法》第八条的规定，于2025年10月9日对当事人涉嫌未履行网络安全保护义务一案立案调查。
    经查明：2025年5月至9月，当事人运营的“云帆会员”平台未采取防范计算机病毒和网络攻击的技术措施，致使平台用户信息约4.2万条被非法获取。当事人合同约定的年度运维服务费为人民币18万元。
    当事人提交书面陈述申辩意见，请求减轻处罚。经复核，当事人在调查期间主动消除违法行为危害后果，符合《中华人民共和国行政处罚法》第三十二条第一项规定的从轻处罚情形，本机关予以采纳。
    本机关认为，当事人的行为违反了《中华人民共和国网络安全法》第二十一条的规定。依据《中华人民共和国网络安全法》第五十九条第一款的规定，决定如下：
    一、对青岚市云帆数据服务有限公司给予警告，并处罚款人民币伍拾万元整（￥500,000.00）；
    二、对直接负责的主管人员陆承远处罚款人民币贰万元整（￥20,000.00）。
    当事人应当自收到本决定书之日起十五日内缴纳罚款。如不服本决定，可以自收到本决定书之日起六十日内申请行政复议。

                                        青岚市互联网信息办公室
                                        （印章）
                                        二〇二六年一月二十日
"""

OUTLINE = """青岚市2026年国家安全宣讲提纲

中共青岚市委宣传部
2026年3月20日

一、全市工作成效
（一）群防群治扎实推进。
1．全市建成国家安全教育阵地58个。
2．全年开展主题宣讲640余场。
（二）防范打击有力有效。2025年，全市受理群众举报线索980条，其中经核查有价值线索71条，对15名举报人给予奖励。全市查处违规出境人员8名，处置泄密隐患23处，各项工作取得明显成效。
（三）典型案例。
案例一：某公司职员王某将涉密图纸拍照上传至个人网盘，导致图纸外泄，王某受到降级处分。
案例二：某高校学生赵某为赚取报酬多次拍摄军用机场照片，赵某被依法采取刑事强制措施。
二、宣讲要求
（一）讲清举报方式。发现可疑情况，可通过以下两种方式报告：
1．拨打举报受理电话12339；
2．登录网上举报平台www.12339.gov.cn。
（二）讲清防范要点。提醒群众做到“三个不”：不随意拍摄军事设施；不向陌生人提供单位资料；不点击来历不明的链接。
"""


@pytest.fixture(scope="module")
def decision_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "decision", DECISION)


@pytest.fixture(scope="module")
def outline_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "outline", OUTLINE)


def test_a_decision_is_signed_off_over_its_seal_and_its_fines_are_read_in_capitals(decision_kb):
    body = decision_kb.ask("这份处罚决定书是哪个机关作出的？")  # the sign-off: body, 「（印章）」, the day
    assert body.grounded and "青岚市互联网信息办公室" in body.answer.split("[")[0], body.answer
    day = decision_kb.ask("When was this penalty decision signed?")
    assert day.answer.startswith("20 January 2026 (二〇二六年一月二十日)"), day.answer
    fine = decision_kb.ask("对这家公司罚了多少钱？")  # 伍拾万元, not the contract's 18万元 scored first
    assert fine.answer.startswith("伍拾万元"), fine.answer
    each = decision_kb.ask("陆承远被罚了多少？")
    assert each.answer.startswith("贰万元"), each.answer


def test_the_articles_a_decision_cites_answer_which_article(decision_kb):
    lighter = decision_kb.ask("从轻处罚依据的是哪一条？")  # an article the text cites, no law's own
    assert lighter.grounded and "第三十二条第一项" in lighter.answer, lighter.answer
    broken = decision_kb.ask("公司违反了哪一条规定？")
    assert broken.grounded and "第二十一条" in broken.answer, broken.answer


def test_an_outlines_counted_term_and_one_of_its_cases_are_answered(outline_kb):
    three = outline_kb.ask("“三个不”具体是指什么？")  # every item after the colon, not the first alone
    for item in ("拍摄军事设施", "单位资料", "来历不明的链接"):
        assert item in three.answer, three.answer
    case = outline_kb.ask("赵某是怎么被发现有问题的？最后怎么处理的？")  # his case first, not the one
    assert case.answer.startswith("案例二：某高校学生赵某"), case.answer  # before it in the passage
    assert "刑事强制措施" in case.answer, case.answer


def test_a_sign_off_whose_seal_was_joined_to_its_body_and_a_day_printed_with_a_circle(tmp_path_factory):
    """After numbered items the loader joins 「（盖章）」 to the body's line; a PDF may print 〇 as ○."""
    from rag.answer.english import english_value
    from rag.loaders import load_file
    from tests.conftest import written

    summary = ("青岚市某区生态环境分局2025年上半年工作总结\n\n一、主要工作\n"
               "（一）加强执法。全年检查企业120家。\n（二）做好整改。完成整改任务22项。\n\n"
               "青岚市某区生态环境分局\n（盖章）\n二○二五年七月八日\n")
    (unit,) = load_file(written(tmp_path_factory, "summary.txt", summary), max_bytes=2**20, timeout=30).units
    assert (unit.author, unit.date) == ("青岚市某区生态环境分局", "二○二五年七月八日")
    assert english_value("二○二五年七月八日") == "8 July 2025"


def test_the_decision_a_review_names_is_not_the_document_itself():
    from rag.question import front_asked

    assert front_asked("这份决定书是哪个机关作出的？") == {"issuer"}
    assert front_asked("原处罚决定是谁作出的？") == set()  # a review's 原处罚决定 is the one it reviews
    assert front_asked("When was this decision made?") == {"date"}
    assert front_asked("When was the original penalty decision made?") == set()


REVIEW = """青岚市人民政府
行政复议决定书

青政复决字〔2026〕第5号

申请人：青岚市远航物流有限公司
被申请人：青岚市交通运输局

    申请人不服被申请人于2026年1月8日作出的青交罚〔2026〕31号《行政处罚决定书》，于2026年2月2日向本机关申请行政复议，本机关依法予以受理。
    本机关认为，被申请人作出的处罚决定认定事实清楚，适用依据正确，程序合法。根据《中华人民共和国行政复议法》第六十八条的规定，本机关决定：维持被申请人作出的青交罚〔2026〕31号《行政处罚决定书》。

青岚市人民政府
2026年3月20日
"""


@pytest.fixture(scope="module")
def review_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "review", REVIEW)


def test_who_made_the_decision_a_review_names_by_its_number_is_read_from_its_text(review_kb):
    own = review_kb.ask("这份文件是哪个机关发布的？")  # the review's own: its sign-off
    assert own.grounded and "由青岚市人民政府发布" in own.answer, own.answer
    reviewed = review_kb.ask("谁作出的青交罚〔2026〕31号处罚决定？")  # the one it reviews: its text
    assert "被申请人" in reviewed.answer and "由青岚市人民政府发布" not in reviewed.answer, reviewed.answer
