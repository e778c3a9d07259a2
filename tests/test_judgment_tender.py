"""A court's first-instance criminal judgment (刑事判决书) and a procurement's tender notice (公开招标公告),
as their text is pasted from a court's or a trading centre's website, written here in other words than
the unseen ones they were found on; and questions asked the way staff ask them of the laws.

The judgment prints a page title naming the case over the court's name, its kind spaced to the header's
width (「刑 事 判 决 书」) and its case number (「（2025）青0105刑初77号」), and is signed by its judges and
clerk a line each over the day in words. The tender notice prints fields whose labels carry a note
(「最高限价（如有）：」), a label alone over its text, and each party's contacts under a heading of its own
(「1.采购人信息」 over 「联系人：…」).
"""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES, document_kb, text_kb, written_unit

JUDGMENT = """许某某为境外非法提供情报、周某非法获取国家秘密罪一审刑事判决书

青州省青岚市滨江区人民法院
刑 事 判 决 书
（2025）青0105刑初77号

公诉机关青岚市滨江区人民检察院。

被告人许某某，男，1990年5月2日出生，大学本科文化，原系青岚海川电子有限公司测试工程师。因涉嫌犯为境外非法提供情报罪，于2025年3月11日被青岚市国家安全局刑事拘留，同年4月15日被逮捕。

辩护人沈立，青岚衡平律师事务所律师。

青岚市滨江区人民检察院以青滨检刑诉〔2025〕118号起诉书指控被告人许某某犯为境外非法提供情报罪，于2025年8月6日向本院提起公诉。本院依法组成合议庭，因本案涉及国家秘密，不公开开庭审理了本案。

经审理查明：2024年11月至2025年2月，被告人许某某先后5次通过境外通讯软件向境外人员提供单位内部测试数据共9份，收取报酬折合人民币42000元。

被告人许某某的辩护人提出，许某某不明知对方系境外人员。经查，对方自称境外咨询机构人员，并以虚拟货币支付报酬，许某某对此供认不讳，足以认定其明知对方系境外人员，对该辩护意见本院不予采纳。

本院认为，被告人许某某为境外非法提供情报，情节严重，其行为已构成为境外非法提供情报罪。许某某到案后如实供述自己的罪行，系坦白，依法可以从轻处罚。依照《中华人民共和国刑法》第一百一十一条、第六十七条第三款之规定，判决如下：

被告人许某某犯为境外非法提供情报罪，判处有期徒刑五年，剥夺政治权利一年。

如不服本判决，可在接到判决书的第二日起十日内，通过本院或者直接向青州省青岚市中级人民法院提出上诉。

审判长　刘文涛
审判员　韩静
人民陪审员　马国庆
二〇二五年十一月二十日
本件与原本核对无异
书记员　孙悦
"""

TENDER = """青岚市国家安全教育馆展陈提升项目公开招标公告

一、项目基本情况
项目编号：QLCG-2026-0132
项目名称：青岚市国家安全教育馆展陈提升项目
预算金额：860.00万元（人民币）
最高限价（如有）：包1：700.00万元；包2：160.00万元
采购需求：
本项目对教育馆进行展陈设计、布展施工及多媒体展项制作安装。
合同履行期限：自合同签订之日起120日历日内完成布展；质保期为最终验收合格之日起2年。

二、获取招标文件
售价：电子招标文件免费；包2纸质附件每套200元，售后不退。

三、投标截止时间和开标时间
投标人应于开标后30分钟内完成远程解密。因投标人自身原因未按时解密的，视为撤回投标文件。

四、对本次招标提出询问，请按以下方式联系。
1.采购人信息
名称：青岚市国家安全教育馆
地址：青岚市滨江区江南路18号
联系人：邵雨桐
联系方式：0571-8612345
2.采购代理机构信息
名称：青岚中衡招标代理有限公司
地址：青岚市上城区解放路200号
联系人：顾明远
联系方式：0571-8765432

青岚中衡招标代理有限公司
2026年3月2日
"""

RULING = """马某侵犯公民个人信息罪二审刑事裁定书

青州省青岚市中级人民法院
刑 事 裁 定 书
（2025）青01刑终56号

上诉人（原审被告人）马某，男，1988年6月3日出生，原系青岚市速达快递有限公司营业部负责人。

青岚市滨江区人民法院审理青岚市滨江区人民检察院指控原审被告人马某犯侵犯公民个人信息罪一案，于2025年4月8日作出（2025）青0105刑初31号刑事判决。原审被告人马某不服，提出上诉。本院依法组成合议庭，经过阅卷，讯问上诉人，认为本案事实清楚，决定不开庭审理。

本院认为，上诉人马某违反国家有关规定，向他人出售公民个人信息，情节特别严重，其行为已构成侵犯公民个人信息罪。原判认定事实清楚，量刑适当。裁定如下：

驳回上诉，维持原判。

本裁定为终审裁定。

审　判　长　卢文澜
审　判　员　秦海波
审　判　员　杜　娟
二〇二五年七月十八日
书　记　员　曹一鸣
"""

CONTRACT = """青岚市数据局等级保护测评服务合同

合同编号：QLSJ-FW-2025-011
甲方（委托方）：青岚市数据局
地址：青岚市东城区市府大道9号
联系人：程雅婷
电话：0571-86011235
乙方（服务方）：青岚信安检测技术有限公司
地址：青岚市高新区科创大道55号
联系人：阮志豪
电话：13857912046

一、服务内容
乙方对甲方政务云平台的5个定级系统开展等级保护测评。

二、合同金额
中标（成交）金额：人民币29.80万元
"""


@pytest.fixture(scope="module")
def judgment_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "judgment", JUDGMENT)


@pytest.fixture(scope="module")
def tender_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "tender", TENDER)


def test_a_judgments_page_title_court_number_and_signers_are_read_as_printed(tmp_path_factory):
    unit = written_unit(tmp_path_factory, "judgment.txt", JUDGMENT)
    assert unit.title == "许某某为境外非法提供情报、周某非法获取国家秘密罪一审刑事判决书"
    assert unit.author == "青州省青岚市滨江区人民法院"  # the court's name over its document's kind
    paras = list(unit.paragraphs)
    assert paras[:3] == ["青州省青岚市滨江区人民法院", "刑 事 判 决 书", "（2025）青0105刑初77号"]
    assert paras[-6:] == ["审判长 刘文涛", "审判员 韩静", "人民陪审员 马国庆", "二〇二五年十一月二十日",
                          "本件与原本核对无异", "书记员 孙悦"]  # fmt: skip


def test_a_judgments_court_case_number_and_day(judgment_kb):
    a = judgment_kb.ask("这份判决书是哪个法院作出的，案号是多少？")
    assert "由青州省青岚市滨江区人民法院作出" in a.answer and "（2025）青0105刑初77号" in a.answer
    assert judgment_kb.ask("判决书的落款日期是哪天？").answer.startswith("二〇二五年十一月二十日")
    assert "（2025）青0105刑初77号" in judgment_kb.ask("What is the case number of this judgment?").answer


def test_whether_a_court_accepted_an_argument_quotes_its_ruling(
    judgment_kb, tmp_path_factory, settings, encoder
):
    a = judgment_kb.ask("辩护人说许某某不知道对方是境外人员，法院认不认？")
    assert a.grounded and "本院不予采纳" in a.answer
    # the unseen judgment's runner-up quote had stopped before 「，对该意见本院不予采纳」
    path = FIXTURES / "judgment_unseen.txt"
    unseen = document_kb(tmp_path_factory, settings, encoder, "judgment_unseen", path)
    a = unseen.ask("辩护人说韩振宇一开始不知道对方是境外人员，法院认不认？")
    assert "足以认定其明知对方系境外人员，对该意见本院不予采纳" in a.answer


def test_counts_in_copies_and_a_sum_called_a_reward(judgment_kb):
    a = judgment_kb.ask("许某某一共给对方提供了多少份数据？")
    assert a.answer.startswith("9份")
    assert "42000元" in judgment_kb.ask("许某某拿了多少报酬？").answer


def test_fields_labelled_with_a_note_and_a_label_alone_are_lines_of_their_own(tmp_path_factory):
    paras = list(written_unit(tmp_path_factory, "tender.txt", TENDER).paragraphs)
    assert "预算金额：860.00万元（人民币）" in paras
    assert "最高限价（如有）：包1：700.00万元；包2：160.00万元" in paras
    assert "青岚中衡招标代理有限公司" in paras  # its sign-off, not the last contact's line run on


def test_a_partys_contacts_are_read_under_its_heading(tender_kb):
    assert "邵雨桐" in tender_kb.ask("采购人的联系人是谁？").answer
    assert "顾明远" in tender_kb.ask("采购代理机构的联系人是谁？").answer
    a = tender_kb.ask("采购人那边找谁？电话多少")
    assert "邵雨桐" in a.answer and "0571-8612345" in a.answer and "0571-8765432" not in a.answer


def test_a_total_a_warranty_a_fee_and_a_last_part_without_its_question_mark(tender_kb):
    assert "860.00万元" in tender_kb.ask("这个项目的总预算是多少？").answer
    assert tender_kb.ask("质保期多长？").answer.startswith("2年")
    assert "免费" in tender_kb.ask("招标文件要钱吗？").answer
    a = tender_kb.ask("没按时解密会怎样？有多长时间解密")
    assert "视为撤回投标文件" in a.answer and "30分钟" in a.answer


def test_a_laws_adoption_and_its_start_asked_together(laws_kb):
    a = laws_kb.ask("网络安全法是哪天通过的、从哪天开始施行？")
    assert "2016年11月7日" in a.answer and "2017年6月1日" in a.answer
    a = laws_kb.ask("新修订的保守国家秘密法什么时候开始施行？")  # revised: its start, not its revisions
    assert a.answer.startswith("2024年5月1日") and "修订" not in a.answer


def test_a_part_asking_which_article_names_the_previous_parts(laws_kb):
    a = laws_kb.ask("外国执法机构找我们单位要存在境内的数据，我们可以直接给吗？依据数据安全法哪一条？")
    assert "主管机关批准" in a.answer and "《中华人民共和国数据安全法》第三十六条" in a.answer


def test_a_request_after_the_question_for_how_to_give_the_answer(laws_kb):
    a = laws_kb.ask("普通公民和单位在维护国家安全方面要尽哪些义务？帮我列一下主要几条。")
    assert a.grounded and "保守所知悉的国家秘密" in a.answer and a.question.endswith("帮我列一下主要几条。")


@pytest.fixture(scope="module")
def ruling_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "ruling", RULING)


@pytest.fixture(scope="module")
def contract_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "contract", CONTRACT)


def test_a_benchs_posts_set_out_with_spaces_are_read_and_asked(tmp_path_factory, ruling_kb):
    paras = list(written_unit(tmp_path_factory, "ruling.txt", RULING).paragraphs)
    assert paras[-5:-2] == ["审判长 卢文澜", "审判员 秦海波", "审判员 杜娟"] and paras[-1] == "书记员 曹一鸣"
    assert ruling_kb.ask("审判长是谁？").answer.startswith("审判长 卢文澜")
    assert "书记员 曹一鸣" in ruling_kb.ask("书记员叫什么名字").answer
    a = ruling_kb.ask("合议庭是哪几个人？")
    assert all(name in a.answer for name in ("卢文澜", "秦海波", "杜娟"))


def test_the_judgment_an_appeal_reviews_is_not_the_ruling_itself(
    ruling_kb, tmp_path_factory, settings, encoder
):
    a = ruling_kb.ask("一审判决的案号是什么，是哪天作出的？")
    assert "（2025）青0105刑初31号" in a.answer and "2025年4月8日" in a.answer
    assert "（2025）青01刑终56号" in ruling_kb.ask("二审案号是多少").answer
    # a reviewer's ruling (its first passage prints the appellant's birthday): read as this ruling's
    # front matter, the question had been answered 「1990年7月2日」
    path = FIXTURES / "ruling_review.txt"
    review = document_kb(tmp_path_factory, settings, encoder, "ruling_review", path)
    a = review.ask("一审判决的案号是什么，是哪天作出的？")
    assert "（2025）澄0105刑初87号" in a.answer and "2025年5月20日" in a.answer


def test_a_partys_label_with_a_note_and_its_contacts(tmp_path_factory, contract_kb):
    paras = list(written_unit(tmp_path_factory, "contract.txt", CONTRACT).paragraphs)
    assert "中标（成交）金额：人民币29.80万元" in paras  # a note inside the label: a field's line
    a = contract_kb.ask("乙方联系人是谁？电话多少？")
    assert "阮志豪" in a.answer and "13857912046" in a.answer and "程雅婷" not in a.answer
    assert a.answer.count("联系人：阮志豪") == 1  # the second part does not say the first's line again
    assert "程雅婷" in contract_kb.ask("甲方联系人是谁").answer
    assert not contract_kb.ask("乙方联系人的电子邮箱是多少？").grounded  # no e-mail is given


def test_a_numbered_field_is_text_under_its_label(tmp_path_factory):
    text = "青岚市档案馆项目中标结果公告\n\n一、项目编号：QLZC2025-G-0316\n二、项目名称：档案馆保密系统项目\n"
    unit = written_unit(tmp_path_factory, "result.txt", text)
    assert "项目编号：QLZC2025-G-0316" in unit.paragraphs
    assert ("一、项目编号",) in unit.sections


def test_heard_in_open_court_names_no_court():
    from rag.gloss import gloss

    assert ("法院",) not in gloss("Was the appeal heard in open court?")
    assert ("法院",) in gloss("Which court issued this judgment?")


def test_a_question_checking_a_figure_it_states_is_answered_with_the_figure_printed(default_kb):
    # (the held fifty-seventh set's ri17: refused, the stated 连续5年 and 100% being taken out of the quote)
    a = default_kb.ask("听说江阴国省考断面优Ⅲ比例已经连续5年保持100%了，是这样吗？")
    assert a.grounded and "连续4年保持100%" in a.answer
    assert "81.4%" in default_kb.ask("江阴空气质量优良天数比率是90%，对吗？").answer
