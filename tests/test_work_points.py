"""A year's work points (工作要点) issued with a notice: each numbered task closes with a note in brackets
naming its lead and responsible bodies (「（牵头单位：…；责任单位：…）」), and an attachment after a 「附件」
line of its own holds the division-of-tasks table (重点任务分工表), one of whose cells lists bodies with the
districts after a comma. The document is written here, in other words than the work points on which these
rules were found; every answer comes from the real model."""

from __future__ import annotations

import pytest

from rag.loaders import load_file
from rag.structure import is_table_line, table_header, table_row
from rag.text import BODIES_NOTE, split_sentences
from tests.conftest import text_kb

# A task long enough that its note falls past the first passage of its paragraph (rag.chunk: 220).
LONG_TASK = (
    "3．深化反电信网络诈骗宣传进社区。以老年人、在校学生和新就业群体为重点，组织民警、社区工作者和志愿者"
    "组成宣讲小分队，深入全县126个城乡社区开展面对面宣讲，年内实现城乡社区宣讲全覆盖。结合典型案例编写"
    "《防骗口袋书》，通过社区微信群、楼道公告栏等渠道推送预警信息，全年推送不少于300条。对辖区内快递驿站、"
    "银行网点等重点场所工作人员开展识骗防骗培训，培训不少于40场，推动形成群防群治的良好局面，切实守护群众的"
    "钱袋子。（牵头单位：县公安局；责任单位：县民政局、县金融服务中心，各乡镇（街道））"
)
POINTS = f"""关于印发《松川县2026年国家安全宣传教育工作要点》的通知

松国安办〔2026〕2号

各乡镇（街道）党（工）委，县级机关各部门：
现将《松川县2026年国家安全宣传教育工作要点》印发给你们，请认真抓好落实。

中共松川县委国家安全委员会办公室
2026年3月2日

松川县2026年国家安全宣传教育工作要点

一、抓好集中宣传
1．组织全民国家安全教育日主题活动。4月15日在县文体中心举办主场活动，各乡镇（街道）同步开展宣传。（牵头单位：县委国安办；责任单位：县委宣传部，各乡镇（街道））
2．开展国家安全知识进校园。全县中小学每学期安排国家安全专题课不少于2课时，拍摄校园国家安全微视频12部。（牵头单位：县教育局；责任单位：团县委）
{LONG_TASK}
二、强化保障
4．落实宣传经费。县财政安排宣传教育专项经费42万元。（责任单位：县财政局）

附件
重点任务分工表
序号  重点任务  牵头单位  配合单位  完成时限
1  全民国家安全教育日主场活动  县委国安办  县委宣传部，各乡镇（街道）  4月15日
2  国家安全专题课进校园  县教育局  团县委  12月底前
3  反电信网络诈骗社区宣讲  县公安局  县民政局、县金融服务中心，各乡镇（街道）  11月30日前
4  宣传教育专项经费保障  县财政局  县委国安办  6月底前
"""


@pytest.fixture(scope="module")
def points_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "points", POINTS)


def test_a_bracketed_note_is_one_sentence_and_a_bracket_inside_a_sentence_is_cut_as_before():
    note = "（牵头单位：县公安局；责任单位：县民政局，各乡镇（街道））"
    assert split_sentences(f"守护群众的钱袋子。{note}") == ["守护群众的钱袋子。", note]
    bare = "（牵头：县水利局；配合：县财政局，各镇（街道））"  # labels without 单位
    assert split_sentences(f"通水运行。{bare}") == ["通水运行。", bare] and BODIES_NOTE.fullmatch(bare)
    # a contact's fields in brackets, on a line of their own or inside a sentence, stay apart: each is
    # quoted alone
    assert len(split_sentences("（联系人：县教育局 王晓军；电话：0794-6651208）")) == 2
    assert split_sentences("请与县应急管理局联系（地址：松川路8号；电话：0571-1234567）。") == [
        "请与县应急管理局联系（地址：松川路8号；", "电话：0571-1234567）。"]  # fmt: skip


def test_the_attachment_heads_its_table_and_a_row_listing_districts_after_a_comma_is_a_row(tmp_path):
    path = tmp_path / "points.txt"
    path.write_text(POINTS, encoding="utf-8")
    (unit,) = load_file(path, max_bytes=2**20, timeout=30).units
    pairs = zip(unit.paragraphs, unit.sections, strict=True)
    rows = [(p, s) for p, s in pairs if p[:2] in ("1 ", "3 ", "4 ")]
    tasks = ["全民国家安全教育日主场活动", "反电信网络诈骗社区宣讲", "宣传教育专项经费保障"]
    assert [p.split()[1] for p, _ in rows] == tasks
    assert all(s == ("附件",) for _, s in rows), rows  # not under 「二、强化保障」
    assert not any(p.startswith("附件") for p in unit.paragraphs)


def test_who_leads_a_task_is_read_from_its_note_even_in_the_passage_after_it(points_kb):
    # the note of task 3 is in the passage after its opening; before, the task's text was quoted
    lead = points_kb.ask("反诈宣传进社区这项任务由谁牵头？")
    assert lead.answer.startswith("牵头单位：县公安局；责任单位：县民政局、县金融服务中心"), lead.answer
    assert lead.citations[0].quote.startswith("（牵头单位：县公安局")
    # the task's row in the division-of-tasks table says it too: its columns name the bodies
    both = points_kb.ask("进校园的国家安全专题课，牵头的是哪个单位？")
    bodies = ("牵头单位：县教育局；责任单位：团县委", "牵头单位：县教育局；配合单位：团县委")
    assert both.answer.startswith(bodies), both.answer
    # one role named: its bodies alone, as before
    assert points_kb.ask("宣传经费落实由哪些单位负责？").answer.startswith("县财政局"), "one role"


def test_a_cell_listing_bodies_with_the_districts_after_a_comma_is_a_cell_and_a_clause_is_not():
    header = table_header("序号  重点任务  牵头单位  配合单位  完成时限")
    row = "3  反电信网络诈骗社区宣讲  县公安局  县民政局、县金融服务中心，各乡镇（街道）  11月30日前"
    assert is_table_line(row) and table_row(" ".join(row.split()), header) is not None
    assert not is_table_line("2 全镇各单位 要以先进为榜样，做好来年工作")  # a comma before a clause


def test_a_deadline_is_read_from_a_row_listing_districts_after_a_comma(points_kb):
    answer = points_kb.ask("按照分工表，反电信网络诈骗社区宣讲的完成时限是什么时候？")
    assert answer.answer.startswith("11月30日"), answer.answer
    assert answer.citations[0].quote.startswith("3 反电信网络诈骗社区宣讲")
    later = points_kb.ask("按照分工表，宣传教育专项经费保障的完成时限是什么时候？")  # the row after it
    assert later.answer.startswith("6月底"), later.answer


# A notice whose sign-off's day falls in the passage after the one ending with the signer's line.
NOTICE = """关于做好2026年国家安全宣传月工作的通知

松国安办〔2026〕5号

各乡镇（街道）党（工）委，县级机关各部门：
为深入学习宣传总体国家安全观，经县委国家安全委员会同意，定于2026年4月在全县开展国家安全宣传月活动。请各单位结合实际制定活动方案，于3月25日前报送县委国安办；活动结束后，于5月10日前报送工作总结。宣传月期间，各单位要参加国家安全知识网络答题，参与率不低于90%。
联系人：县委国安办 林晓；电话：0571-6602318。
中共松川县委国家安全委员会办公室
2026年3月12日

一、活动安排
各乡镇（街道）在4月15日前后组织集中宣传。
"""


def test_the_day_under_a_sign_off_is_read_from_the_passage_after_the_signers_line(
    tmp_path_factory, settings, encoder
):
    kb = text_kb(tmp_path_factory, settings, encoder, "month", NOTICE)
    signer = "中共松川县委国家安全委员会办公室"
    ends = [c for c in kb.chunks() if c.text.rstrip().endswith(signer)]
    assert ends and any(c.text.startswith("2026年3月12日") for c in kb.chunks())  # the layout this is about
    day = kb.ask("这份通知是哪天印发的？")  # before: refused, the opening passage has no day
    assert day.answer.startswith("2026年3月12日") and day.citations[0].quote == "2026年3月12日", day.answer
    both = kb.ask("这份通知是谁发的，哪天发的？")
    assert signer in both.answer and "2026年3月12日" in both.answer, both.answer


def test_things_counted_by_bu_and_chang_are_counts_an_english_question_asks(points_kb):
    # 「微视频12部」, 「培训不少于40场」: before, "how many" was refused, as if no count were given
    videos = points_kb.ask("How many campus national security micro-videos are to be shot?")
    assert videos.answer.startswith("12 (12部)"), videos.answer
    asked = "How many anti-fraud training sessions will be held for staff at courier stations and banks?"
    sessions = points_kb.ask(asked)
    assert sessions.answer.startswith("at least 40 (不少于40场)"), sessions.answer
