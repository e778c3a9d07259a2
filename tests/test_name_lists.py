"""Name lists (名单): a commendation decision printed as a PDF gives it, its body wrapped at a column and
its attachments listing units a line each and persons a line each (「柯　宁　…」「吴晓燕（女，壮族）　…」),
grouped under a township's or a system's line. The lines are read one a paragraph under their group, and
what the lists say is answered from them, each line cited. The document is written here, in other words
than the commendation on which these rules were found; every answer comes from the real model."""

from __future__ import annotations

import pytest

from rag.loaders import load_file
from tests.conftest import text_kb


def _wrapped(paragraph: str, width: int = 26) -> str:
    """``paragraph`` as a PDF's text layer gives it: indented two cells, cut every ``width`` characters."""
    text = "\u3000\u3000" + paragraph
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))


BODY = [
    "2025年，全县各级各部门深入贯彻总体国家安全观，扎实推进国家安全宣传教育，全县共举办国家安全专题讲座"
    "186场，受教育群众5.6万人次，建成国家安全教育基地9个，群众国家安全知晓率达到91.5%。",
    "为表彰先进，县委、县政府决定，授予桐溪县教育局等9个单位“桐溪县国家安全宣传教育先进单位”称号，"
    "授予柯宁等12名同志“桐溪县国家安全宣传教育先进个人”称号。",
    "希望受到表彰的单位和个人珍惜荣誉，再接再厉，在国家安全宣传教育工作中发挥示范作用。",
]
DECISION = (
    "中共桐溪县委　桐溪县人民政府\n关于表彰2025年度国家安全宣传教育\n先进单位和先进个人的决定\n\n"
    "各乡镇党委和人民政府，县委各部门，县级机关各单位：\n"
    + "\n".join(_wrapped(p) for p in BODY)
    + "\n\n"
    "\u3000\u3000附件：1．桐溪县2025年度国家安全宣传教育先进\n"
    "\u3000\u3000\u3000\u3000\u3000\u3000单位名单\n"
    "\u3000\u3000\u3000\u3000\u30002．桐溪县2025年度国家安全宣传教育先进\n"
    "\u3000\u3000\u3000\u3000\u3000\u3000个人名单\n\n"
    "中共桐溪县委　　　　　　桐溪县人民政府\n"
    "2026年2月26日\n\n"
    "附件1\n\n桐溪县2025年度国家安全宣传教育先进单位名单\n\n"
    "乡镇\n桐溪县青石镇人民政府\n桐溪县白沙乡人民政府\n桐溪县青石镇东岭村村民委员会\n\n"
    "县直单位\n桐溪县教育局\n桐溪县公安局治安管理大队\n桐溪县融媒体中心\n桐溪县第二中学\n"
    "桐溪县司法局\n桐溪县人民检察院\n\n"
    "附件2\n\n桐溪县2025年度国家安全宣传教育先进个人名单\n\n"
    "乡镇\n"
    "柯\u3000宁\u3000桐溪县青石镇党委副书记\n"
    "吴晓燕（女，壮族）\u3000桐溪县白沙乡宣传委员\n"
    "青山\u3000桐溪县青石镇东岭村党支部书记\n"
    "罗建华\u3000桐溪县白沙乡综治中心主任\n\n"
    "县直单位\n"
    "周立群（女）\u3000桐溪县教育局安全科科长\n"
    "韦明亮（壮族）\u3000桐溪县公安局治安管理大队教导员\n"
    "何文斌\u3000桐溪县融媒体中心记者\n"
    "唐丽\u3000桐溪县第二中学政教处主任\n"
    "黎志坚\u3000桐溪县司法局普法股股长\n"
    "覃海涛\u3000桐溪县人民检察院检察官\n"
    "蒙桂芳（女）\u3000桐溪县第二中学教师\n"
    "陆永刚\u3000桐溪县委宣传部副部长\n"
)
LIST_TITLE = "桐溪县2025年度国家安全宣传教育先进个人名单"


@pytest.fixture(scope="module")
def kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "commend", DECISION)


def test_a_name_lists_lines_are_a_paragraph_each_under_their_group(tmp_path):
    path = tmp_path / "decision.txt"
    path.write_text(DECISION, encoding="utf-8")
    (unit,) = load_file(path, max_bytes=2**20, timeout=30).units
    rows = dict(zip(unit.paragraphs, unit.sections, strict=True))
    assert rows["桐溪县青石镇人民政府"][-1] == "乡镇" and rows["桐溪县人民检察院"][-1] == "县直单位"
    assert rows["柯 宁 桐溪县青石镇党委副书记"][-1] == "乡镇"
    assert rows["陆永刚 桐溪县委宣传部副部长"][-1] == "县直单位"
    # the attachments' list, its lines set under the text after the label, is two items, no heading
    assert "2．桐溪县2025年度国家安全宣传教育先进个人名单" in unit.paragraphs
    assert not any(s and s[-1].startswith("2．") for s in unit.sections)
    # the two bodies signing on one line issue it jointly, on the day under them
    assert (unit.author, unit.date) == ("中共桐溪县委、桐溪县人民政府", "2026年2月26日")
    # the body, wrapped at the column, is still three paragraphs
    assert sum(p.startswith(("2025年，全县", "为表彰先进", "希望受到表彰")) for p in unit.paragraphs) == 3


def test_a_listed_persons_unit_and_post_are_read_from_their_line(kb):
    post = kb.ask("柯宁同志在哪个单位，担任什么职务？")
    assert "桐溪县青石镇党委副书记" in post.answer and LIST_TITLE in post.answer, post.answer
    assert [c.quote for c in post.citations] == ["柯 宁 桐溪县青石镇党委副书记"]
    # 「青山」 is a name on the list, not the 「青石镇」 of others' units
    village = kb.ask("先进个人里的青山是做什么的？")
    assert "东岭村党支部书记" in village.answer, village.answer


def test_a_group_asked_which_or_how_many_is_answered_with_all_its_lines(kb):
    units = kb.ask("乡镇一级有哪些单位获评先进单位？")
    assert "乡镇共3个" in units.answer, units.answer
    assert len(units.citations) == 3 and "东岭村村民委员会" in units.answer
    people = kb.ask("县直单位一共有多少人被评为先进个人？")
    assert "县直单位共8名" in people.answer and len(people.citations) == 8, people.answer


def test_a_mark_beside_names_and_a_unit_asked_for_its_people(kb):
    marked = kb.ask("先进个人名单中注明壮族的是哪几位？")
    assert "共2名" in marked.answer and "吴晓燕" in marked.answer and "韦明亮" in marked.answer, marked.answer
    school = kb.ask("桐溪县第二中学有哪些同志受到表彰？")
    assert "唐丽" in school.answer and "蒙桂芳" in school.answer, school.answer
    assert "周立群" not in school.answer


def test_what_a_list_does_not_say_of_a_listed_person_is_refused(kb):
    year = kb.ask("罗建华是哪一年参加工作的？")
    assert not year.grounded and "罗建华" in year.answer, year.answer
    # a figure of the body's text naming no one is no list question
    talks = kb.ask("全县一共举办了多少场国家安全专题讲座？")
    assert talks.grounded and "186场" in talks.answer, talks.answer


def test_an_english_question_spelling_a_listed_person_in_pinyin_gets_their_line(kb):
    post = kb.ask("What is Luo Jianhua's post?")
    assert "“罗建华 桐溪县白沙乡综治中心主任”" in post.answer and LIST_TITLE in post.answer, post.answer
    unit = kb.ask("Which unit does Zhou Liqun work for?")
    assert "桐溪县教育局安全科科长" in unit.answer, unit.answer
