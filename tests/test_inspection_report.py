"""A standing committee's law-enforcement inspection report (执法检查报告) as a PDF exports it: the title
wrapped over two lines, the occasion and the speaker each on a line under it, the text hard-wrapped at a
column, a table of districts, and the speaker's 「我」 in the text. The report is written here, in other
words than tests/fixtures/inspection_unseen.txt, on which these rules were found; every answer comes
from the real model."""

from __future__ import annotations

import pytest

from rag.chat import question_parts
from rag.loaders import load_file
from rag.question import document_names
from tests.conftest import FIXTURES, document_kb, text_kb

REPORT = """汀州市人民代表大会常务委员会执法检查组关于检查《中华人民共和国
数据安全法》和《汀州市公共数据管理条例》实施情况的报告

——2026年9月8日在汀州市第十六届人民代表大会常务委员会第三十一次会议上

市人大常委会秘书长　林子昂

主任、各位副主任、各位委员：
　　按照市人大常委会今年的监督工作安排，7月上旬至8月中
旬，市人大常委会组织对《中华人民共和国数据安全法》和
《汀州市公共数据管理条例》（以下简称条例）的实施情况开展
了执法检查。这是2025年1月1日条例施行以来的第一次检查。
　　这次执法检查由我担任组长，市人大财政经济委员会主任委
员程立夫担任副组长，检查组成员共15人。检查组听取了市数
据局、市网信办等6个部门的汇报，赴三区一县实地检查了48家
单位，其中随机抽查重点单位12家，召开座谈会9场，收回有效问卷2140份。

表1　各区（县）实地检查情况
区（县）　检查单位（家）　座谈会（场）　有效问卷（份）　发现问题（条）
东湖区　14　3　610　9
西溪区　12　2　480　7
南岭区　11　2　530　6
北港县　11　2　520　8
合计　48　9　2140　30

一、主要成效
　　全市已汇聚公共数据资源目录2316个，数据共享调用量达到1.8
亿次，比上年增长37%。市数据局建成公共数据授权运营平台，
首批上线数据产品41个。全市建成数据安全教育基地9个，其中省级基地3个。2026年5月，
省级督导组来市开展专项督导。督导组随机抽查市级数据共享项目26个。
二、存在的问题
　　部分单位数据分类分级工作推进缓慢，重要数据目录尚未报送。问卷显示，
农村受访者对数据安全法的知晓率为61.2%，比城区低12.4个百分点。
　　检查组委托江北区、平湖县人大常委会开展了自查，两地均反映
基层数据安全专业人员普遍不足。座谈中，一位企业负责人说：“我厂的
数据台账至今还没有建起来。”
三、意见和建议
　　市数据局要完善公共数据共享机制，力争2028年底前市级部门数据共享
率达到90%以上。市政府要在六个月内向市人大常委会书面报告整改情况。
"""


OCCASION = "2026年9月8日在汀州市第十六届人民代表大会常务委员会第三十一次会议上"


@pytest.fixture(scope="module")
def report_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "inspection", REPORT)


def test_a_wrapped_reports_occasion_and_speaker_are_lines_of_their_own(tmp_path):
    """In text wrapped at a column, the occasion line and the speaker's line under the title are not
    wrapped text run into each other: the speaker is the report's author and role."""
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    unit = load_file(path, max_bytes=1 << 20, timeout=30).units[0]
    assert unit.title.endswith("《汀州市公共数据管理条例》实施情况的报告")
    assert (unit.author, unit.role) == ("林子昂", "市人大常委会秘书长")
    assert unit.paragraphs[0] == "——2026年9月8日在汀州市第十六届人民代表大会常务委员会第三十一次会议上"


@pytest.mark.parametrize("question", ["检查组组长是谁？", "这次执法检查的组长和副组长分别由谁担任"])
def test_the_reports_i_is_its_speaker(report_kb, question):
    """「由我担任组长」: 「我」 is the speaker named under the title, and the answer says so."""
    a = report_kb.ask(question)
    assert a.grounded and a.answer.startswith("“我”即林子昂（市人大常委会秘书长）")
    assert "由我担任组长" in a.answer


@pytest.mark.parametrize("question", ["谁担任检查组的副组长？", "谁说自己厂里的数据台账还没有建起来？"])
def test_an_i_that_is_not_the_speakers_post_is_not_named(report_kb, question):
    """The speaker heads the team, not as 副组长; a 「我厂」 inside someone's quoted words is theirs."""
    a = report_kb.ask(question)
    assert "林子昂" not in a.answer


@pytest.mark.parametrize(
    ("question", "expected"),
    [("这份报告是哪天、在哪次常委会会议上作的？", OCCASION),
     ("When and at which meeting was this report delivered?", "8 September 2026"),
     ("这份报告是什么时候作的？", "2026年9月8日")],
)
def test_the_occasion_is_given_whole_when_the_meeting_is_asked(report_kb, question, expected):
    a = report_kb.ask(question)
    assert a.grounded and expected in a.answer
    if "哪次" not in question and "which" not in question:
        assert "第三十一次" not in a.answer


@pytest.mark.parametrize(
    "question",
    ["四个区县里谁交回的有效问卷最少，具体多少份？", "各区中谁交回的有效问卷最少？", "哪个区县的问卷最少",
     "哪个区（县）交回的问卷最少？"],
)
def test_a_row_at_the_end_of_a_column_named_with_brackets(report_kb, question):
    """The rows are 「区（县）」, named 区县, or 区 as most labels end; 「…谁…最少，具体多少份」 asks one
    thing: the row and its figure, not the total as a second part."""
    assert question_parts(question) == [question]
    a = report_kb.ask(question)
    assert a.grounded and a.answer.startswith("西溪区（有效问卷480份）")
    assert "2140" not in a.answer


def test_a_kind_of_law_is_no_law_missing_from_the_knowledge_base(report_kb):
    """「那部地方条例」 says which kind of law, not which: the question is answered, not refused as about a
    document the knowledge base lacks."""
    assert document_names("汀州那部关于公共数据的地方条例从哪天开始施行？") == ()
    a = report_kb.ask("汀州那部关于公共数据的地方条例从哪天开始施行？")
    assert "知识库中没有" not in a.answer


@pytest.mark.parametrize("question", ["江北区人大常委会自查一共发现了多少条问题？", "平湖县发现多少条问题"])
def test_a_district_the_report_names_elsewhere_gets_no_figure_of_the_table(report_kb, question):
    """江北区 and 平湖县 self-inspected; the table's total is the four inspected districts', not theirs:
    the answer says the documents give none for the place asked."""
    a = report_kb.ask(question)
    assert not a.grounded and "30条" not in a.answer


@pytest.mark.parametrize(
    ("question", "expected"),
    [("By when should the data sharing rate of city departments reach 90% or more?", "by the end of 2028"),
     ("市级部门数据共享率要在什么时候前达到90%以上？", "2028年底前"),
     # a clause opening with "When" sets the time; the rate is asked
     ("When the plan ends, what data sharing rate should city departments reach?", "90%")],
)
def test_a_deadline_asked_of_a_rate_leads_with_its_year(report_kb, question, expected):
    """"By when should the rate reach 90%" asks a date, though it names a rate; the deadline
    「2028年底前」 is led with whole, its year with it."""
    a = report_kb.ask(question)
    assert a.grounded and a.answer.startswith(expected)


def test_a_hyphenated_english_word_is_read_as_the_words_it_joins(report_kb):
    """"spot-check" has no gloss whole; "spot check" has (抽查), as the dictionary writes it, so the
    question searches 抽查. A capitalised one ("Counter-Terrorism") stays whole: it is part of a law's
    name."""
    from rag.bilingual import word_translations

    keyword = report_kb._store.keyword
    question = "How many key units were spot-checked?"
    translated = word_translations(question, keyword.lexicon, keyword.lookup)
    assert "抽查" in {x for found in translated.values() for x in found}
    a = report_kb.ask(question)
    assert a.grounded and a.answer.startswith("12")


def test_a_count_of_another_level_is_no_answer(report_kb):
    """「国家级的有几个」: 「其中省级基地3个」 counts the provincial ones; the national ones are not given."""
    a = report_kb.ask("全市的数据安全教育基地里，国家级的有几个？")
    assert not a.grounded
    a = report_kb.ask("全市的数据安全教育基地里，省级的有几个？")
    assert a.grounded and a.answer.startswith("3个")
    # 省级 names who inspected, not what is counted
    a = report_kb.ask("省级督导组抽查了多少个项目？")
    assert a.grounded and a.answer.startswith("26个")



def test_everyday_words_find_the_documents_words(tmp_path_factory, settings, encoder):
    """「城里」「乡下」 are written 城区 and 农村 in a report: the figure comparing them is found (on the
    inspection fixture, asked in words of its own)."""
    path = FIXTURES / "inspection_unseen.txt"
    kb = document_kb(tmp_path_factory, settings, encoder, "inspection_fixture", path)
    a = kb.ask("城里和乡下的群众对反间谍法的了解差距有多大？")
    assert a.grounded and a.answer.startswith("18.6个百分点")


def test_rows_asked_among_one_kind_leave_the_others_out(report_kb):
    """「三个区里谁…最少」: 南岭区 and 北港县 tie at 11, but a county is none of the three districts."""
    a = report_kb.ask("三个区里谁的检查单位最少？")
    assert a.grounded and a.answer.startswith("南岭区（检查单位11家）")


SPEECH = """在全区数据安全工作推进会上的讲话

区委副书记、区长　顾向东

（2026年5月20日）

同志们：

　　今天召开全区数据安全工作推进会，主要任务是总结去年工作，部署今年任务。
　　去年，全区完成数据安全风险评估86次，整改隐患问题213个。
"""


def test_a_speech_whose_title_names_the_meeting_gives_it_with_the_day(tmp_path_factory, settings, encoder):
    """A speech titled 「在…会上的讲话」 prints its day under its speaker; 「哪天、在什么会上」 gets both."""
    kb = text_kb(tmp_path_factory, settings, encoder, "speech", SPEECH)
    a = kb.ask("这篇讲话是哪天、在什么会上作的？")
    assert a.grounded and a.answer.startswith("2026年5月20日，在全区数据安全工作推进会上")
