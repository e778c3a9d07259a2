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


def test_a_name_inside_a_longer_name_and_a_question_in_two_parts(kb):
    longer = kb.ask("罗建华华在哪个单位工作？")  # not 罗建华: no list's line is said to be his
    assert LIST_TITLE not in longer.answer, longer.answer
    both = kb.ask("柯宁同志在哪个单位？这次一共表彰了多少名先进个人？")
    assert "桐溪县青石镇党委副书记" in both.answer and "12名" in both.answer, both.answer


SLOGANS = (
    "桐溪县国家安全宣传月活动方案\n\n一、宣传口号\n\n国家安全　人人有责\n平安桐溪　你我同行\n"
    "守护安全　共建家园\n\n二、活动安排\n\n国家安全主题展览在桐溪县博物馆举办，展期为4月10日至4月20日。\n\n"
    "三、联系方式\n\n王　芳　13805711234\n李　强　13805715678\n周　敏　13805719012\n"
)
NOTICE_HEAD = (
    "中共桐溪县委办公室\n桐溪县人民政府办公室\n关于召开2026年全县国家安全工作会议的通知\n\n"
    "各乡镇党委和人民政府，县级机关各部门：\n"
    + _wrapped("经县委、县政府同意，定于3月20日上午9时在县行政中心一楼会议室召开全县国家安全工作会议，总结"
               "2025年全县国家安全工作，表彰先进，部署2026年重点任务。请各乡镇、各部门主要负责同志和分管负责同志准时参加，"
               "确需请假的须经县委主要领导同意。参会人员请于会前十五分钟到达会场，会议期间请将手机调至静音状态，"
               "会议材料在会场发放，请各单位于3月17日前将参会回执报送县委国安办综合科。")
    + "\n"
    + _wrapped("会议议程：县委常委、政法委书记通报2025年全县国家安全工作情况，青石镇、白沙乡和县教育局作交流"
               "发言，县长宣读表彰决定，县委书记讲话。各乡镇设分会场，由乡镇党委负责组织，村（社区）党组织书记参加。")
    + "\n"
    "\u3000\u3000附件：1．参会回执\n\u3000\u3000\u3000\u3000\u3000 2．2026年交流发言单位\n\n"
    "值班安排如下：\n\u3000\u3000\u3000\u3000白天由各科室轮流值班\n\u3000\u3000\u3000\u3000夜间由局领导带班\n\n"
    "参会人员名单\n陈\u3000红（回族）\u3000桐溪县民宗局副局长\n吴志刚\u3000桐溪县公安局副局长\n"
    "黄丽萍\u3000桐溪县教育局副局长\n"
)


def test_slogans_contacts_and_a_title_under_two_bodies_are_no_list(tmp_path_factory, settings, encoder,
                                                                   tmp_path):  # fmt: skip
    path = tmp_path / "notice.txt"
    path.write_text(NOTICE_HEAD, encoding="utf-8")
    (unit,) = load_file(path, max_bytes=2**20, timeout=30).units
    # two bodies over the title are its first lines; an item opening with a year and the lines under a
    # colon stay lines of their own
    assert unit.title.startswith("中共桐溪县委办公室") and unit.title.endswith("会议的通知"), unit.title
    assert "2．2026年交流发言单位" in unit.paragraphs and "值班安排如下：" in unit.paragraphs
    kb = text_kb(tmp_path_factory, settings, encoder, "slogans", SLOGANS)
    show = kb.ask("国家安全主题展览在哪里举办？")
    assert "桐溪县博物馆" in show.answer and "人人有责" not in show.answer, show.answer
    notice = text_kb(tmp_path_factory, settings, encoder, "attendees", NOTICE_HEAD)
    # a list in a text without headings, a spaced name marked 回族
    chen = notice.ask("陈红是什么职务？")
    assert "桐溪县民宗局副局长" in chen.answer, chen.answer


GROUP = (
    "桐溪县人民政府办公室关于调整县国家安全宣传教育工作领导小组组成人员的通知\n\n"
    "各乡镇人民政府，县政府各部门：\n因人事变动，经县政府同意，现将调整后的领导小组组成人员名单通知如下。\n\n"
    "组长\n钱立新\u3000县长\n\n副组长\n孙晓梅（女）\u3000副县长\n\n成员\n方志远\u3000县公安局局长\n"
    "郑丽华（女）\u3000县教育局局长\n何国平\u3000县司法局局长\n"
)
BRIEF = (
    "中共桐溪县委组织部关于县管领导干部任职前公示的公告\n\n"
    "方志远，男，汉族，1978年4月生，江苏宜兴人，研究生学历，2001年7月参加工作，现任桐溪县公安局党委副书记、"
    "副局长，拟任桐溪县公安局局长。\n"
)


def test_a_listed_person_another_document_writes_of_and_a_list_the_question_does_not_name(
        tmp_path_factory, settings, encoder):  # fmt: skip
    folder = tmp_path_factory.mktemp("two")
    (folder / "group.txt").write_text(GROUP, encoding="utf-8")
    (folder / "brief.txt").write_text(BRIEF, encoding="utf-8")
    from tests.conftest import document_kb

    kb = document_kb(tmp_path_factory, settings, encoder, "two", folder / "group.txt", folder / "brief.txt")
    # what he does now is the 公示's to say; his seat in the group the list's
    now = kb.ask("方志远现任什么职务？")
    assert "党委副书记、副局长" in now.answer, now.answer
    seat = kb.ask("方志远在领导小组中担任什么？")
    assert "方志远 县公安局局长" in seat.answer, seat.answer
    origin = kb.ask("方志远是哪里人？")
    assert "宜兴" in origin.answer, origin.answer
    # 「先进个人」 names a list the documents do not hold: the group's list of women is no answer
    women = kb.ask("先进个人中有哪些女同志？")
    assert "郑丽华" not in women.answer, women.answer
