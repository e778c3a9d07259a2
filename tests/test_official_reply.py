"""An official reply (公文) as a bureau publishes it: its issuing body's name over its number and its
signer, its title wrapped over two lines, then the text, a table with a total row, figures compared
with the year before, and a count followed by its items. The document is written here, in other words
than the reply fixture the rules were found on; every answer comes from the real model."""

from __future__ import annotations

import pytest

from rag.loaders import load_file
from tests.conftest import FIXTURES, document_kb, text_kb

REPLY = """岚山市数据局

岚数建〔2026〕9号　　　　　　　　　　签发人：宋明远

办理类别：B类　　　　　　　　　　　　公开方式：依申请公开

岚山市数据局关于市政协十三届四次会议
第0142号提案的复函

陆海燕委员：

您提出的《关于加快公共数据开放利用的提案》收悉。经认真研究，现答复如下：

一、工作进展

2025年，市级财政安排公共数据开放专项资金420万元，较2024年的300万元增长40%。截至2025年底，
全市累计开放数据集1860个，共有市级数据开放应用示范区11个，其中2025年新认定3个，分别为临江数据港、城南智慧园和北湖创新谷。
为规范示范区管理，我局于2025年制定《岚山市数据开放应用示范区认定和管理办法》，
实行“认定一批、培育一批”的动态管理，每三年复核一次。
全年举办数据开放创新大赛1届，征集应用作品236件，编印《岚山市公共数据开放指南》1.2万册。第三方测评显示，
企业对公共数据开放的满意度为92.5%，较上年提高3.1个百分点。

表1　2025年各区数据开放情况

区　　开放数据集（个）　调用次数（万次）
东城区　620　85
西城区　540　61
合计　1160　146

二、下一步工作

2026年，我局将新开放数据集不少于300个。

感谢您对数据工作的关心和支持。

联系人：钟晓雯
联系电话：66128890

岚山市数据局
2026年7月2日
"""


@pytest.fixture(scope="module")
def reply_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "reply", REPLY)


def test_the_title_under_an_issuing_bodys_number_and_signer_is_read_whole(tmp_path):
    """The issuing body's name alone, the number with its signer and the 办理类别 line are header lines;
    the title is the two lines after them, joined; each header field is a line of its own."""
    path = tmp_path / "reply.txt"
    path.write_text(REPLY, encoding="utf-8")
    unit = load_file(path, max_bytes=1 << 20, timeout=30).units[0]
    assert unit.title == "岚山市数据局关于市政协十三届四次会议第0142号提案的复函"
    assert unit.paragraphs[:3] == ("岚山市数据局", "岚数建〔2026〕9号", "签发人：宋明远")


def test_a_title_copied_with_no_blank_lines_ends_at_its_addressee(tmp_path):
    """Text copied out of a PDF often has no blank line at all: the addressee's line
    (「陆海燕委员：」) ends the title, which is still both its lines, and the header is still one field a
    line."""
    path = tmp_path / "reply.txt"
    path.write_text("\n".join(x for x in REPLY.splitlines() if x.strip()), encoding="utf-8")
    unit = load_file(path, max_bytes=1 << 20, timeout=30).units[0]
    assert unit.title == "岚山市数据局关于市政协十三届四次会议第0142号提案的复函"
    assert unit.paragraphs[:6] == (
        "岚山市数据局", "岚数建〔2026〕9号", "签发人：宋明远", "办理类别：B类", "公开方式：依申请公开",
        "陆海燕委员：",
    )


def test_a_replys_signer_number_and_day_are_answered_from_its_header(reply_kb):
    a = reply_kb.ask("这份复函是谁签发的？")
    assert a.grounded and "宋明远" in a.answer
    a = reply_kb.ask("这份复函的文号是多少？")
    assert a.grounded and "岚数建〔2026〕9号" in a.answer
    a = reply_kb.ask("这份复函是什么时候印发的？")
    assert a.grounded and "2026年7月2日" in a.answer


@pytest.mark.parametrize(
    "question", ["这份复函的标题是什么？", "复函的文号和全称是什么", "What is the title of this letter?"]
)
def test_the_documents_title_is_answered_from_the_catalogue_entry(reply_kb, question):
    """The title is what the document is listed under, cited at its opening line, not a sentence of its
    text; 「复函中提到的示范区名称」 asks the text."""
    a = reply_kb.ask(question)
    assert a.grounded and "《岚山市数据局关于市政协十三届四次会议第0142号提案的复函》" in a.answer
    assert a.citations[0].quote == "岚山市数据局"
    a = reply_kb.ask("复函中提到的新认定示范区名称是什么？")
    assert "临江数据港" in a.answer and "提案的复函》" not in a.answer
    # a 文件 the reply names, not this one (「这份」 or the kind at the start would say this one)
    a = reply_kb.ask("市数据局制定的认定和管理文件叫什么？")
    assert "认定和管理办法》" in a.answer and "提案的复函》" not in a.answer


NOTICE_NO_BLANK = """岚山市人民政府办公室
岚政办发〔2026〕11号
岚山市人民政府办公室关于开展
2026年公共数据质量提升行动的通知
各区人民政府，市政府各部门：
为提升公共数据质量，经市政府同意，决定开展专项行动。现将有关事项通知如下。
一、行动目标
到2026年底，市级公共数据合格率达到98%以上。
岚山市人民政府办公室
2026年3月2日
"""


def test_whom_a_reply_or_notice_is_addressed_to_is_its_addressee_line(
    reply_kb, tmp_path_factory, settings, encoder
):
    """「发给谁」「主送机关」 ask the addressee's line under the title, also of a notice copied with no blank
    lines (the title ends at that line)."""
    a = reply_kb.ask("这份复函是发给谁的？")
    assert a.grounded and a.answer.startswith("陆海燕委员")
    kb = text_kb(tmp_path_factory, settings, encoder, "notice_noblank", NOTICE_NO_BLANK)
    for question in ("这份通知发给哪些单位？", "通知的主送机关是什么？"):
        a = kb.ask(question)
        assert a.grounded and a.answer.startswith("各区人民政府，市政府各部门")


def test_where_the_asker_lives_is_no_place_asked_about(reply_kb):
    """「我住在青山区，…」 sets the scene: the reply is the city's, and 青山区 asks nothing of it."""
    a = reply_kb.ask("我住在青山区，市里公共数据开放的满意度是多少？")
    assert a.grounded and "92.5%" in a.answer


def test_a_total_row_answers_only_a_count_of_what_its_table_counts(reply_kb):
    """「一共编印了多少册」 counts what no column of the table counts; 「一共征集了多少件应用作品」 names
    what it counts; the total of the table's own column is still its 合计 row."""
    a = reply_kb.ask("《公共数据开放指南》一共编印了多少册？")
    assert a.grounded and a.answer.startswith("1.2万册") and "合计" not in a.answer
    a = reply_kb.ask("2025年大赛一共征集了多少件应用作品？")
    assert a.grounded and a.answer.startswith("236件")
    a = reply_kb.ask("表中各区一共开放了多少个数据集？")
    assert a.grounded and "1160" in a.answer


def test_a_stated_count_beats_a_sentence_sharing_more_words(tmp_path_factory, settings, encoder):
    """On the reply fixture, 「…认定和管理办法」 shares 认定 and 基地 with the question; the sentence
    counting four bases and naming them answers (asked in other words than its question set's)."""
    kb = document_kb(tmp_path_factory, settings, encoder, "reply_fixture", FIXTURES / "reply_unseen.txt")
    a = kb.ask("2025年新认定的四个市级基地分别叫什么？")
    assert a.grounded and all(x in a.answer for x in ("海防历史陈列馆", "水文化展示中心", "粮食安全科普馆"))


def test_a_law_named_before_what_it_lists_is_not_part_of_the_term(laws_kb):
    """「网络安全法列举的网络运营者都包括哪些」: 列举 reads as 规定, so the term asked is 网络运营者 and its
    defining clause answers."""
    a = laws_kb.ask("网络安全法列举的网络运营者都包括哪些？")
    assert a.grounded and "网络的所有者、管理者和网络服务提供者" in a.answer
    a = laws_kb.ask("反恐法列举的恐怖活动都有哪些？")
    assert a.grounded and "本法所称恐怖活动，是指" in a.answer


# A district's notice with what a reviewer found the first version of these rules got wrong: a table whose
# columns count in 所, 名 and 场, two lists of four, a figure of 2024 stated beside a comparison with 2024.
NOTICE = """青岭区教育局关于2025年度中小学国家安全教育工作情况的通报

青岭区教育局
2026年1月20日

一、主要成效

2025年举办区级专题培训班8期，培训教师1360人次，较2024年的980人次增长38.8%。
截至2024年底，全区累计建成国家安全教育示范校36所，2025年新建示范校12所，较2024年的8所增加4所。
课时抽查合格率为97.1%，较2024年提高了3.4个百分点。

为做好实践基地建设指导，我局组建4个专家指导组，分别为课程指导组、安全评估组、讲解培训组和宣传推广组。截至2025年底，全区共有区级实践基地11个，其中2025年新认定4个，分别为青岭消防救援站、红枫国防教育营地、东湖水文监测站和区档案馆。

表1　2025年各街道国家安全教育情况

街道　学校数（所）　专职教师（名）　兼职教师（名）　主题活动（场）
城东街道　30　40　170　700
城西街道　36　50　199　820
合计　66　90　369　1520

二、下一步工作

2026年，全区专职教师达到100名。
"""


@pytest.fixture(scope="module")
def notice_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "notice", NOTICE)


@pytest.mark.parametrize(
    ("kb", "question", "lead"),
    [("reply_kb", "2024年市级公共数据开放专项资金是多少？", "300万元"),
     ("reply_kb", "2025年市级公共数据开放专项资金是多少？", "420万元"),
     ("reply_kb", "专项资金比2024年增长了多少？", "40%"),
     ("reply_kb", "企业满意度比上年提高了多少？", "3.1个百分点"),
     ("notice_kb", "2024年举办了多少期区级专题培训班？", None),
     ("notice_kb", "2024年底全区累计建成了多少所示范校？", "36所"),
     ("notice_kb", "2024年培训了多少人次教师？", "980人次"),
     ("notice_kb", "课时抽查合格率较2024年提高了几个百分点？", "3.4个百分点")],
)
def test_a_figure_is_led_for_the_year_and_in_the_unit_asked(request, kb, question, lead):
    """「较2024年的300万元」 is 2024's figure and 2025's question keeps 2025's; 「较2024年的980人次」 gives
    no count of 期 for 2024 (refused as another year's); 「截至2024年底…36所」 is 2024's own, not the 8所
    compared with. A change asked is the figure its word leads, a percent (「增长40%」) though 资金 hints
    yuan; percentage points and person-times are led whole."""
    a = request.getfixturevalue(kb).ask(question)
    if lead is None:
        assert not a.grounded and "2024" in a.answer
    else:
        assert a.grounded and a.answer.startswith(lead), a.answer


@pytest.mark.parametrize(
    ("question", "figure"),
    [("全区一共有多少名专职教师在岗？", "90"), ("全区一共开展了多少次主题活动？", "1520"),
     ("全区一共有多少个学校？", "66")],
)
def test_a_total_row_counts_in_kin_units_and_by_the_noun_not_the_words_after_it(notice_kb, question, figure):
    """多少次 is counted in 场, 多少个 in anything; 「专职教师在岗」 is the 专职教师 column's, not 在岗's."""
    a = notice_kb.ask(question)
    assert a.grounded and figure in a.answer.split("。")[0]


def test_a_stated_count_takes_the_list_of_what_it_counts_and_only_when_items_are_asked(notice_kb):
    """「新认定的4个实践基地」: not 「组建4个专家指导组，分别为…」, the other list of four; 「这4个基地分别是
    哪一年…」 asks no names."""
    a = notice_kb.ask("2025年新认定的4个实践基地分别是哪几个？")
    assert a.grounded and "青岭消防救援站" in a.answer and "课程指导组" not in a.answer
    a = notice_kb.ask("4个专家指导组分别是哪几个？")
    assert a.grounded and "课程指导组" in a.answer


UNDATED_SUMMARY = """柳川县2025年国家安全宣传教育工作总结

今年全县共组织开展国家安全集中宣传活动320场，发放宣传资料4.5万份。在去年组建宣讲团的基础上，今年新增宣讲员45名。
"""


def test_an_undated_summary_titled_with_its_year_answers_that_year(tmp_path_factory, settings, encoder):
    """No day is printed, but the title names 2025: its 今年 is 2025, so 2025's questions are answered."""
    kb = text_kb(tmp_path_factory, settings, encoder, "undated_summary", UNDATED_SUMMARY)
    a = kb.ask("2025年全县共组织开展了多少场国家安全集中宣传活动？")
    assert a.grounded and a.answer.startswith("320场")
    a = kb.ask("2025年新增了多少名宣讲员？")
    assert a.grounded and a.answer.startswith("45名")


def test_a_date_in_chinese_numerals_is_the_documents_year():
    from rag.period import document_year

    assert document_year("二〇二五年十二月二十六日") == "2025" and document_year("二○二六年一月") == "2026"
