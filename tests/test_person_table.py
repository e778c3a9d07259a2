"""A list of persons printed as a table laid out with spaces (「序号  姓名  性别  …  现任职务  拟任职务」),
as a PDF's text layer gives a 任前公示: long cells wrap onto lines of their own under their column, and one
ran into the next column with no space left. The rows are read whole, each a person of the knowledge
base's name lists, and asked about by column. The document is written here, in other words than the
unseen 任前公示 it was found on (tests/fixtures/pubnotice_unseen.txt)."""

from __future__ import annotations

import pytest

from rag.loaders import load_file
from tests.conftest import document_kb

NOTICE = """中共青川市委组织部干部任前公示

    根据《党政领导干部选拔任用工作条例》有关规定，经2026年5月8日市委常委会会议研究，拟对下列6名
同志任职，现予公示。

序号  姓名    性别  民族  出生年月  学历        现任职务                        拟任职务
1     程立言  男    汉族  1977.04   研究生      青川市应急管理局副局长          青川市应急管理局局长（拟提名）
2     白素文  女    汉族  1981.09   大学        青川市国家保密局副局长、机要    青川市委国家安全委员会办公室
                                                局局长                          副主任
3     阿依古丽  女  维吾尔族  1983.02  研究生  青川市民族事务委员会副主任      青川市民宗委主任（拟提名）
4     韩东升  男    汉族  1975.11   大学        青川市公安局副局长              青川市国安局副局长（拟提名）
5     罗晓彤  女    回族  1986.06   研究生      青川市数据局副局长              青川市数据局局长（拟提名）
6     孟庆山  男    汉族  1979.01   大学        中共东坪县委常委、东坪县人民政府青川市网信办副主任
                                                常务副县长

    公示时间：2026年5月11日至5月15日。举报电话：0731-12380。

中共青川市委组织部
2026年5月10日
"""


@pytest.fixture(scope="module")
def notice(tmp_path_factory):
    path = tmp_path_factory.mktemp("table") / "appointments.txt"
    path.write_text(NOTICE, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def table_kb(tmp_path_factory, settings, encoder, notice):
    return document_kb(tmp_path_factory, settings, encoder, "persons", notice)


def test_a_rows_wrapped_cells_are_read_into_the_row(notice):
    (unit,) = load_file(notice, max_bytes=2**20, timeout=30).units
    rows = [p for p in unit.paragraphs if p[:2] in {f"{i} " for i in range(1, 7)}]
    assert len(rows) == 6, unit.paragraphs
    assert rows[1].endswith("青川市国家保密局副局长、机要局局长 青川市委国家安全委员会办公室副主任")
    # a cell that ran into the next column is cut where that column starts
    assert rows[5].endswith("中共东坪县委常委、东坪县人民政府常务副县长 青川市网信办副主任")


def test_a_table_of_persons_is_asked_by_column_mark_and_name(table_kb):
    post = table_kb.ask("白素文这次拟任什么职务？")
    assert post.answer.startswith("青川市委国家安全委员会办公室副主任。"), post.answer
    women = table_kb.ask("公示的干部里有哪几位女同志？")
    assert women.grounded and len(women.citations) == 3, women.answer
    assert all(n in women.answer for n in ("白素文", "阿依古丽", "罗晓彤")), women.answer
    minority = table_kb.ask("名单里有哪些少数民族干部？")
    assert all(n in minority.answer for n in ("阿依古丽", "罗晓彤")) and "程立言" not in minority.answer
    english = table_kb.ask("What post is Han Dongsheng proposed for?")
    assert english.grounded and "青川市国安局副局长（拟提名）" in english.answer, english.answer
    # a person the documents do not name is not answered with the issuer or another person's post
    absent = table_kb.ask("刘建华同志这次拟任什么职务？")
    assert not absent.grounded and "刘建华" in absent.answer, absent.answer
