"""Tables printed as lines of text (a statistics bulletin's 「表1」 with its header and one line per row):
the lines are read as a table, a passage cut inside one carries its title and header, and a figure
question naming a row is answered by the cell in the column it asks, with the real model."""

from __future__ import annotations

import pytest

from rag.chunk import chunk_source
from rag.loaders import load_file
from rag.structure import table_header, table_heading, table_row
from tests.conftest import text_kb

ROWS = "\n".join(f"{name}区　{100 + 7 * i}.{i}5　{3 + i % 4}.{i}" for i, name in enumerate(
    ["东湖", "西岭", "北塘", "南浦", "青石", "白沙", "金桥", "银湾", "石门", "柳岸", "云台", "松林"]))
BULLETIN = (
    "东川市2024年国民经济和社会发展统计公报\n\n东川市统计局　2025年3月18日\n\n一、综合\n\n"
    "　　全年全市地区生产总值2310.5亿元，比上年增长5.1%。\n\n"
    f"表1　2024年各区地区生产总值\n地区　地区生产总值（亿元）　比上年增长（%）\n{ROWS}\n\n"
    "二、工业\n\n　　全年规模以上工业增加值比上年增长6.2%。\n\n"
    "表2　2024年规模以上工业主要产品产量\n产品名称　单位　产量　比上年增长（%）\n"
    "发电量　亿千瓦时　212.4　2.6\n　其中：光伏发电量　亿千瓦时　18.7　36.5\n新能源汽车　万辆　6.35　-4.1\n"
)


def test_a_tables_lines_are_read_as_its_header_and_rows(tmp_path):
    header = table_header("产品名称　单位　产量　比上年增长（%）")
    assert header == ["产品名称", "单位", "产量", "比上年增长（%）"]
    assert table_row("新能源汽车　万辆　6.35　-4.1", header) == ["新能源汽车", "万辆", "6.35", "-4.1"]
    assert table_row("全年规模以上工业增加值比上年增长6.2%。", header) is None
    assert table_header("全年全市地区生产总值2310.5亿元，比上年增长5.1%。") is None
    path = tmp_path / "bulletin.txt"
    path.write_text(BULLETIN, encoding="utf-8")
    (unit,) = load_file(path, max_bytes=2**20, timeout=30).units
    row = next(i for i, p in enumerate(unit.paragraphs) if p.startswith("松林区"))
    heading = "表1 2024年各区地区生产总值\n地区 地区生产总值（亿元） 比上年增长（%）"
    assert table_heading(unit.paragraphs, row) == heading
    # the twelve rows do not fit one passage: a passage starting among them carries the title and header
    chunks = [c for c in chunk_source(load_file(path, max_bytes=2**20, timeout=30), size=220, overlap=1)
              if "松林区" in c.text and not c.text.startswith("表1")]  # fmt: skip
    assert chunks and all(c.context == heading for c in chunks)


@pytest.fixture(scope="module")
def bulletin_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "tables", BULLETIN)


def test_a_figure_of_a_row_the_question_names_is_its_cell_in_the_column_asked(bulletin_kb):
    answer = bulletin_kb.ask("松林区的地区生产总值是多少？", 5)  # a row of a passage cut inside the table
    shown = "177.115亿元。表1 2024年各区地区生产总值：松林区 177.115 6.11[1]"
    assert answer.answer.startswith(shown), answer.answer
    assert answer.citations[0].quote == "松林区 177.115 6.11"
    growth = bulletin_kb.ask("西岭区地区生产总值比上年增长多少？", 5)
    assert growth.answer.startswith("4.1%。"), growth.answer
    made = bulletin_kb.ask("新能源汽车产量是多少？", 5)  # the unit from the unit column; a fall is a figure
    assert made.answer.startswith("6.35万辆。"), made.answer
    both = bulletin_kb.ask("光伏发电量是多少，比上年增长多少？", 5)  # 「其中：」 rows are rows
    assert "18.7亿千瓦时" in both.answer and "36.5%" in both.answer, both.answer


def test_a_table_of_another_year_or_a_district_the_table_is_not_of_is_no_answer(bulletin_kb):
    answer = bulletin_kb.ask("2023年西岭区地区生产总值是多少？", 5)
    assert "310" not in answer.answer and "107.15" not in answer.answer, answer.answer
    answer = bulletin_kb.ask("西岭区新能源汽车产量是多少？", 5)  # the city's table names no district
    assert not answer.grounded, answer.answer


RAGGED = (
    "江州市2024年国民经济和社会发展统计公报\n\n江州市统计局　2025年3月15日\n\n一、综合\n\n"
    "　　初步核算，全年全市地区生产总值2860.3亿元，比上年增长5.2%。"
    "全年粮食总产量62.4万吨，比上年增长1.5%。\n\n"
    "表1　2024年各区县地区生产总值\n单位：亿元\n地区　总量　比上年增长（%）\n全市　2860.3　5.2\n"
    "东江区　812.6　5.6\n"
    "西山区　640.1　—\n南湖区　512.4　5.8\n\n二、工业\n\n　　全年规模以上工业增加值比上年增长6.1%。\n"
)


def test_a_growth_column_alone_a_unit_line_and_an_empty_cell(tmp_path_factory, settings, encoder):
    """「比上年增长」 is every table's column: it does not make 表1's 「全市」 row the answer to the grain's
    growth; a 「单位：亿元」 line gives the unit, and a row with 「—」 in a cell is a row, not the end."""
    kb = text_kb(tmp_path_factory, settings, encoder, "ragged", RAGGED)
    assert kb.ask("全市粮食总产量比上年增长多少？", 5).answer.startswith(("1.5%", "62.4万吨、1.5%"))
    assert kb.ask("全市规模以上工业增加值比上年增长多少？", 5).answer.startswith("6.1%")
    answer = kb.ask("南湖区的地区生产总值总量是多少？", 5)  # after the row with 「—」
    assert answer.answer.startswith("512.4亿元。"), answer.answer
    assert kb.ask("What was the total of Nanhu district (南湖区)?", 5).grounded  # no table read for English


COUNTED = (
    "全市宣传周活动情况\n\n宣传周期间，各区积极开展宣传活动，情况如下。\n\n"
    "地区　　活动场次　　参与人次　　发放手册（册）\n"
    "南湖区　　31　　　8200　　　14000\n"
    "北塘区　　26　　　7300　　　11500\n"
    "合　计　　57　　　15500　　 25500\n\n"
    "另外，北塘区组织企业安全培训两期。\n"
)


def test_a_column_is_asked_by_the_word_it_counts_in(tmp_path_factory, settings, encoder):
    """「发了多少册宣传手册」 names the column 「发放手册（册）」 by its unit and a word of it; 「多少场」 the
    column 「活动场次」 by its name's end (shown so: 31场次). 「培训多少人」 shares no word with 「参与人次」:
    the table is not read for it."""
    kb = text_kb(tmp_path_factory, settings, encoder, "counted", COUNTED)
    booklets = kb.ask("南湖区宣传周发了多少册宣传手册？")
    assert booklets.answer.startswith("14000册"), booklets.answer
    events = kb.ask("北塘区一共搞了多少场活动？")
    assert events.answer.startswith("26场次"), events.answer
    trained = kb.ask("北塘区的企业安全培训培训了多少人？")
    assert "7300" not in trained.answer, trained.answer


# A scoring table pasted from a word processor: cells set apart by bars, rows longer than a column
SCORED = (
    "柳川市2025年度平安建设考核细则\n\n一、评分标准\n\n各项目的考核内容和分值如下表。\n"
    "考核项目｜考核内容｜分值｜评分标准\n"
    + "\n".join(f"1.{i} {name}｜{what}｜{i + 2}分｜每缺1项扣{i}分" for i, (name, what) in enumerate([
        ("组织部署", "党委年内研究平安建设工作不少于2次，主要负责人带队督导不少于1次"),
        ("矛盾排查", "每月开展1次矛盾纠纷排查，建立台账并实行销号管理"),
        ("宣传活动", "在法治宣传日前后组织开展主题宣传活动不少于4场，覆盖全部社区"),
        ("队伍建设", "每个社区至少配备2名专职网格员，年内组织业务培训不少于2次"),
        ("经费保障", "将平安建设工作经费列入本级财政预算，专款专用"),
        ("群众满意度", "群众安全感满意度问卷调查结果达到92%以上"),
        ("信息报送", "预警信息在24小时内报送市平安办"),
    ], start=1))
    + "\n\n二、加分项和扣分项\n\n（一）加分项。累计加分最高不超过4分：\n"
    "1. 获得省级表彰的，每项加2分；\n2. 经验做法被省级部门推广的，加1分。\n"
    "（二）扣分项。扣分项在百分制之外直接扣减，累计扣分最高不超过8分：\n"
    "1. 被通报批评的，每次扣3分；\n2. 发生较大事件的，每起扣5分。\n"
)


def test_a_table_with_bars_between_cells_is_read_row_by_row(tmp_path_factory, settings, encoder):
    """Each barred row is a line of its own, not wrapped into the next (「…扣1分1.2 矛盾排查｜…」 had
    been one run-on paragraph), and a passage cut inside the table carries its header."""
    header = table_header("考核项目｜考核内容｜分值｜评分标准")
    assert header == ["考核项目", "考核内容", "分值", "评分标准"]
    assert table_header("|---|---|---|") is None  # Markdown's line under its header
    row = "1.3 宣传活动｜在法治宣传日前后组织开展主题宣传活动不少于4场，覆盖全部社区｜5分｜每缺1项扣3分"
    cells = ["1.3 宣传活动", "在法治宣传日前后组织开展主题宣传活动不少于4场，覆盖全部社区", "5分",
             "每缺1项扣3分"]
    assert table_row(row, header) == cells
    path = tmp_path_factory.mktemp("scored") / "scored.txt"
    path.write_text(SCORED, encoding="utf-8")
    (unit,) = load_file(path, max_bytes=2**20, timeout=30).units
    assert row in unit.paragraphs
    chunks = chunk_source(load_file(path, max_bytes=2**20, timeout=30), size=220, overlap=1)
    cut = [c for c in chunks if c.text.startswith("1.") and "｜" in c.text]
    assert cut and all(c.context == "考核项目｜考核内容｜分值｜评分标准" for c in cut)
    kb = text_kb(tmp_path_factory, settings, encoder, "scored", SCORED)
    answer = kb.ask("法治宣传日前后至少要搞几场宣传活动？")
    assert answer.grounded and "4场" in answer.answer, answer.answer
    assert answer.citations[0].quote in row


def test_the_sentence_run_on_after_a_short_numbered_heading_is_text(tmp_path_factory, settings, encoder):
    """「（二）扣分项。…累计扣分最高不超过8分：」 is a heading (「（二）扣分项」) and a sentence: the cap it
    states is quotable, not lost in the section's name."""
    path = tmp_path_factory.mktemp("runin") / "scored.txt"
    path.write_text(SCORED, encoding="utf-8")
    chunks = chunk_source(load_file(path, max_bytes=2**20, timeout=30), size=220, overlap=1)
    capped = next(c for c in chunks if "累计扣分最高不超过8分" in c.text)
    assert capped.section[-1] == "（二）扣分项"
    kb = text_kb(tmp_path_factory, settings, encoder, "runin", SCORED)
    answer = kb.ask("扣分项最多能扣多少分？")
    assert answer.citations[0].quote.endswith("累计扣分最高不超过8分"), answer.answer


def test_points_of_a_score_are_figures_asked_by_their_unit(tmp_path_factory, settings, encoder):
    """「扣2分」「90分以上」 are figures in points (「多少分」 leads with them), 「十分重要」 and 「百分制」
    are not, and a score is no answer to a question asking how long."""
    from rag.question import FIGURE_RE, analyse, has_figure

    text = "这项工作十分重要，实行百分制，90分以上为优秀，每项加0.5分，用时30分钟，三分之一的单位"
    # (「三分之一」 is a share, whole: a figure, but none in points)
    assert [m.group(0) for m in FIGURE_RE.finditer(text)] == ["90分", "0.5分", "30分钟", "三分之一"]
    assert not has_figure("三分之一的单位", "分")
    assert analyse("扣分项最多能扣多少分？").unit == "分"
    kb = text_kb(tmp_path_factory, settings, encoder, "points", SCORED)
    capped = kb.ask("扣分项最多能扣多少分？")
    assert capped.answer.startswith("不超过8分。"), capped.answer
    timely = kb.ask("预警信息要在多长时间内报送？")
    assert timely.answer.startswith("24小时。"), timely.answer


ROSTER = """青岚区2026年国家安全宣讲活动统计

一、总体情况

全区各单位按计划完成宣讲任务，具体见下表。

活动类型｜场次｜参与人数
进机关｜18场｜1260人
进企业｜25场｜2130人
进社区｜31场｜4050人
进校园｜12场｜3600人
合计｜86场｜11040人

二、下一步安排

各单位要总结经验，持续开展宣讲。
"""


def test_a_total_asked_is_the_tables_total_row_and_an_abbreviated_row_is_named(
    tmp_path_factory, settings, encoder
):
    """Cells printing their unit (「25场」) are figures; 「一共」 asks the 合计 row; a row is named by its
    label shortened, first and last characters kept (a quiz bank's 「多选题」 for 「多项选择题」)."""
    kb = text_kb(tmp_path_factory, settings, encoder, "roster", ROSTER)
    a = kb.ask("全区宣讲一共开展了多少场？")
    assert a.grounded and a.answer.startswith("86场") and a.citations[0].quote == "合计｜86场｜11040人"
    a = kb.ask("进企业宣讲有多少场？")
    assert a.grounded and a.answer.startswith("25场")
    scores = "题型｜题量｜每题分值\n多项选择题｜15题｜4分\n判断题｜20题｜1分\n"
    kb = text_kb(tmp_path_factory, settings, encoder, "scores", "竞赛题库分值表\n\n" + scores)
    a = kb.ask("多选题一共有几道？")
    assert a.grounded and a.answer.startswith("15题")
