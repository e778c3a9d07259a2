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
