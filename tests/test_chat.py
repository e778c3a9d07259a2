"""Follow-up resolution: questions that refer back reuse the previous turn's subject."""

from __future__ import annotations

import pytest

from rag.chat import (
    Entities,
    Turn,
    complete_part,
    entities_from_units,
    listed_values,
    question_parts,
    resolve_followup,
    respective_parts,
)
from rag.ingest import parse_page
from rag.records import Answer, Citation, Unit


@pytest.fixture(scope="module")
def units(bundled_page) -> tuple[Unit, ...]:
    return parse_page(bundled_page.read_text(encoding="utf-8"), bundled_page.name).units


@pytest.fixture(scope="module")
def entities(units) -> Entities:
    return entities_from_units(units)


def _turn(question: str, unit: Unit | None = None) -> Turn:
    """A turn whose answer cites the first paragraph of ``unit`` (none: a refusal)."""
    citations = ()
    if unit is not None:
        p = unit.paragraphs[0]
        u = unit
        citations = (Citation(1, "c1", u.doc_id, u.title, u.subtitle, u.author, u.role, p, p[:20]),)
    answer = Answer(question, "…[1]" if citations else "未找到。", bool(citations), citations)
    return Turn(question, question, answer)


def _by_author(units, author: str) -> Unit:
    return next(u for u in units if u.author == author)


def test_entities_come_from_authors_and_roles(entities):
    assert {"许峰", "方力", "陶波", "蒋蕴洁"} <= set(entities.people)
    assert {"江阴", "梁溪", "锡山", "新吴", "无锡"} <= set(entities.places)


def test_what_about_swaps_the_place(entities):
    history = [_turn("江阴市空气质量优良天数比率是多少？")]
    assert resolve_followup("那锡山呢？", history, entities) == "锡山市空气质量优良天数比率是多少？"


def test_an_english_what_about_after_a_chinese_question_swaps_in_the_name_as_written(entities):
    # "Xishan" went in as spelled ("Xishan市空气质量…"), which no passage names: 江阴's 81.4% came back
    history = [_turn("江阴市空气质量优良天数比率是多少？")]
    for spelled in ("What about Xishan?", "What about Xishan District?"):
        assert resolve_followup(spelled, history, entities) == "锡山市空气质量优良天数比率是多少？"
    # no place or person of the corpus reads so: left as spelled (the answerer then finds no passage
    # naming it), never turned into a place the corpus has
    shanghai = resolve_followup("What about Shanghai?", history, entities)
    assert "Shanghai" in shanghai and "江阴" not in shanghai and "锡山" not in shanghai


def test_what_about_swaps_a_topic_of_the_same_kind(entities):
    history = [_turn("谁写了关于粮食安全的文章？")]
    assert resolve_followup("那金融安全呢？", history, entities) == "谁写了关于金融安全的文章？"


def test_pronoun_takes_the_cited_author(entities, units):
    history = [_turn("谁写了关于粮食安全的文章？", _by_author(units, "方力"))]
    assert resolve_followup("他的职务是什么？", history, entities) == "方力的职务是什么？"


def test_pronoun_prefers_the_person_named_in_the_previous_question(entities, units):
    history = [_turn("陶波写了什么？", _by_author(units, "许峰"))]
    assert resolve_followup("她的职务是什么？", history, entities) == "陶波的职务是什么？"


def test_english_pronoun_takes_the_cited_author(entities, units):
    history = [_turn("Who wrote about food security?", _by_author(units, "方力"))]
    assert resolve_followup("What about his role?", history, entities) == "What about 方力's role?"


def test_a_pronoun_after_the_questions_own_who_is_not_the_previous_turns(entities, units):
    """"Who wrote the article about food security, and what is his role?" after another answer: "his"
    is the person asked for (a trial rewrote it with the previous answer's author)."""
    history = [_turn("外资企业有什么政策？", _by_author(units, "蒋蕴洁"))]
    for question in ("Who wrote the article about food security, and what is his role?",
                     "谁写了关于粮食安全的文章，他是什么职务？"):  # fmt: skip
        assert resolve_followup(question, history, entities) == question
    assert resolve_followup("他的职务是什么？", history, entities) == "蒋蕴洁的职务是什么？"
    # pointing back at an article: the previous turn's, and its author with it
    both = resolve_followup("Who wrote that article? And what is his role?", history, entities)
    assert both != "Who wrote that article? And what is his role?" and "蒋蕴洁" in both, both


def test_english_what_about_swaps_the_proper_noun(entities):
    history = [_turn("How much did Jiangyin plan to invest in ecological projects?")]
    out = resolve_followup("What about Xishan?", history, entities)
    assert out == "How much did Xishan plan to invest in ecological projects?"


def test_english_what_about_swaps_the_topic_when_there_is_no_proper_noun(entities):
    # was "Taihu Shield Who wrote the article about food security?", which found food security again
    history = [_turn("Who wrote the article about food security?")]
    out = resolve_followup("What about Taihu Shield?", history, entities)
    assert out == "Who wrote the article about Taihu Shield?"


def test_this_article_takes_the_cited_title(entities, units):
    unit = _by_author(units, "崔荣国")
    history = [_turn("新吴区重点进军哪些一带一路地区？", unit)]
    assert resolve_followup("这篇文章的作者是谁？", history, entities) == f"《{unit.title}》的作者是谁？"


def test_an_article_the_question_asks_for_is_what_its_it_points_at(entities, units):
    """Found in a new user's trial: "Which article mentions …, and who wrote it?" after a question on
    江阴 was rewritten to ask who wrote 江阴's article; the question names its own article."""
    history = [_turn("江阴的文章提到了哪些湿地公园？", _by_author(units, "许峰"))]
    for question in ("Which article mentions the '清朗' campaign, and who wrote it?",
                     "哪篇文章提到了“清朗”行动？这篇文章的作者是谁？"):  # fmt: skip
        assert resolve_followup(question, history, entities) == question


def test_who_wrote_it_takes_the_cited_title(entities, units):
    unit = _by_author(units, "崔荣国")
    history = [_turn("新吴区重点进军哪些一带一路地区？", unit)]
    title = f"the article “{unit.title}”"
    assert resolve_followup("And who wrote it?", history, entities) == f"And who wrote {title}?"
    assert resolve_followup("Who wrote this piece?", history, entities) == f"Who wrote {title}?"
    # "it" elsewhere, or "wrote this/that" going on, is no article of the last answer
    for question in ("Is it allowed?", "Who wrote this report?", "Who wrote that the GDP grew?"):
        assert resolve_followup(question, history, entities) == question


@pytest.mark.parametrize(
    "question",
    [
        "江阴主要通江河道水质首次全部达到了几类？",  # complete question
        "其他地区的空气质量是多少呢？",  # 其他 is "other", not a pronoun; has a question word
        "方力的职务是什么？",  # names its person already
        "恶意脚本文档提到了什么？",  # 本文 inside 脚本文档 is no pronoun
        "非法获取他人信息怎么处罚？",  # 他 inside 他人 is no pronoun
        "What is the role of the author of the cybersecurity article?",  # names the article it means
    ],
)
def test_complete_questions_are_left_alone(question, entities, units):
    history = [_turn("谁写了关于粮食安全的文章？", _by_author(units, "方力"))]
    assert resolve_followup(question, history, entities) == question


def test_first_question_is_never_rewritten(entities):
    assert resolve_followup("那锡山呢？", [], entities) == "那锡山呢？"


def test_pronoun_after_a_refusal_stays_as_asked(entities):
    history = [_turn("无锡市2024年的财政收入是多少？")]
    assert resolve_followup("他的职务是什么？", history, entities) == "他的职务是什么？"


def test_followups_chain_through_resolved_queries(entities):
    first = _turn("江阴市空气质量优良天数比率是多少？")
    second_query = resolve_followup("那锡山呢？", [first], entities)
    second = Turn("那锡山呢？", second_query, first.answer)
    assert second.rewritten
    assert resolve_followup("那新吴呢？", [first, second], entities) == "新吴市空气质量优良天数比率是多少？"


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("反恐怖主义法从哪天开始施行？施行时同时废止了哪个文件？",
         ["反恐怖主义法从哪天开始施行？", "施行时同时废止了哪个文件？"]),
        ("Who wrote about food security? And what is his role?",
         ["Who wrote about food security?", "And what is his role?"]),
        ("江阴市空气质量优良天数比率是多少？", ["江阴市空气质量优良天数比率是多少？"]),
        ("为什么？怎么办？", ["为什么？怎么办？"]),  # too short to be questions of their own
        # a short part that names what it asks about is a part (罚款); 「为什么呢？」 names nothing
        ("把用过的实验动物卖到市场上，由哪个部门处罚？罚款多少？",
         ["把用过的实验动物卖到市场上，由哪个部门处罚？", "罚款多少？"]),
        ("国家安全法是什么时候通过的？为什么呢？", ["国家安全法是什么时候通过的？为什么呢？"]),
        # English: ", and how/what/…" after a question starts a second one; 「, and Y」 without one does not
        ("Under the Counter-espionage Law, how long may a party take to apply for reconsideration, "
         "and how long to sue after the decision?",
         ["Under the Counter-espionage Law, how long may a party take to apply for reconsideration?",
          "how long to sue after the decision?"]),
        ("What are the duties of operators, and of providers?",
         ["What are the duties of operators, and of providers?"]),
        ("Apply within sixty days, and what then?", ["Apply within sixty days, and what then?"]),
        # one question mark, two clauses each asking a value: two parts; a frame (「…情况下」), 「好几种」
        # or a last clause too short to stand alone (「是哪一天」) keeps it whole
        ("哪些东西算“专用间谍器材”，由哪个部门来确认？",
         ["哪些东西算“专用间谍器材”？", "由哪个部门来确认？"]),
        ("专项整治做了多少家行业审计，清退了几家金融组织？",
         ["专项整治做了多少家行业审计？", "清退了几家金融组织？"]),
        ("有好几种办法可以选，法律要求优先选哪一种？", ["有好几种办法可以选，法律要求优先选哪一种？"]),
        ("QFLP基金累计落地多少支，规模多大？", ["QFLP基金累计落地多少支？", "规模多大？"]),
        # 几 and 谁 that ask nothing: a time frame, anyone
        ("这几年，无锡引进了多少家企业？", ["这几年，无锡引进了多少家企业？"]),
        ("几十年来，无锡GDP增长了多少？", ["几十年来，无锡GDP增长了多少？"]),
        ("无论谁泄露国家秘密，最高罚款多少？", ["无论谁泄露国家秘密，最高罚款多少？"]),
        ("按照谁主管谁负责的原则，由哪个部门负责？", ["按照谁主管谁负责的原则，由哪个部门负责？"]),
        ("在哪些情况下，最多可以罚多少？", ["在哪些情况下，最多可以罚多少？"]),
        ("国家安全法第几条规定了教育日，是哪一天？", ["国家安全法第几条规定了教育日，是哪一天？"]),
        ("认不出是谁的信息，个保法里管这叫什么？", ["认不出是谁的信息，个保法里管这叫什么？"]),
        ("哪一条规定了？这条的内容", ["哪一条规定了？这条的内容"]),  # text after the last mark
        # clauses joined by 、 are one question: two counts, a 、-list of what one question asks of, a day
        # and its time
        ("这场事故死了几个人、伤了几个人？", ["这场事故死了几个人、伤了几个人？"]),
        ("绝密级、机密级、秘密级的保密期限分别多少年？", ["绝密级、机密级、秘密级的保密期限分别多少年？"]),
        ("火灾是哪一天、几点几分发生的？", ["火灾是哪一天、几点几分发生的？"]),
    ],
)  # fmt: skip
def test_a_question_in_several_parts_is_cut_at_its_question_marks(question, parts):
    assert question_parts(question) == parts


def test_a_later_part_is_read_with_the_first_parts_lead_or_named_document(entities):
    first = "国家安全机关传唤当事人后询问查证，一般最长不能超过几个小时？"
    turn = _turn(first)
    assert complete_part("情况复杂的最长又是多少小时？", turn, first, [], entities) == (
        "国家安全机关传唤当事人后询问查证，情况复杂的最长又是多少小时？"
    )
    first = "反恐怖主义法从哪天开始施行？"
    titles = ["反恐怖主义法", "国家安全法"]
    assert complete_part("施行时同时废止了哪个文件？", _turn(first), first, titles, entities) == (
        "反恐怖主义法施行时同时废止了哪个文件？"
    )
    first = "对行政处罚不服，要在多少天内申请复议？"  # a part with its own lead clause states its own case
    assert complete_part("对复议结果不服，多少天内可以起诉？", _turn(first), first, [], entities) == (
        "对复议结果不服，多少天内可以起诉？"
    )
    first = "Under the Counter-espionage Law, how long may a party take to apply for reconsideration?"
    assert complete_part("how long to sue after the decision?", _turn(first), first, [], entities) == (
        "Under the Counter-espionage Law, how long to sue after the decision?"
    )
    first = "How many mergers did Wuxi complete in 2024?"  # English, no lead clause: what it is about
    assert complete_part("what was their total value?", _turn(first), first, [], entities) == (
        "mergers Wuxi complete in 2024: what was their total value?"
    )
    first = "锡山区水稻新品种有多少个通过审定？"  # no lead clause, no law: what it is about
    assert complete_part("审定的是哪一级？", _turn(first), first, titles, entities) == (
        "锡山区水稻新品种通过审定，审定的是哪一级？"
    )


def test_a_names_other_name_in_brackets_stays_with_that_name():
    """「无锡高新区（新吴区）」: the bracketed name is the second place's, not the first's."""
    question = "江阴和无锡高新区（新吴区）的文章里，各自提到了哪些产业？"
    parts = respective_parts(question, ["江阴", "无锡高新区"])
    assert parts == ["江阴的文章里，提到了哪些产业？",
                     "无锡高新区（新吴区）的文章里，提到了哪些产业？"], parts  # fmt: skip


def test_a_fenbie_question_about_two_things_is_asked_of_each():
    assert respective_parts("数据安全法和网络安全法分别从哪一天起施行？") == [
        "数据安全法从哪一天起施行？", "网络安全法从哪一天起施行？"]  # fmt: skip
    # two clauses joined by 和, the shared question after them
    assert respective_parts("把数据提供给境外，和把个人信息提供给境外，法律分别要求什么手续？") == [
        "把数据提供给境外，法律要求什么手续？", "把个人信息提供给境外，法律要求什么手续？"]  # fmt: skip
    # a lead clause stays with both
    assert respective_parts("鉴定密级时，保密法和反间谍法分别规定由谁鉴定？") == [
        "鉴定密级时，保密法规定由谁鉴定？", "鉴定密级时，反间谍法规定由谁鉴定？"]  # fmt: skip
    # three things listed before a comma, each with the words the list shares (a blind page question
    # had been answered for two of the three)
    assert respective_parts("江阴、无锡全市和新吴区的现代产业集群，分别用什么数字提法来概括？") == [
        "江阴的现代产业集群用什么数字提法来概括？", "无锡全市的现代产业集群用什么数字提法来概括？",
        "新吴区的现代产业集群用什么数字提法来概括？"]  # fmt: skip
    # with no comma, and a count of them all after the last (「三篇文章里」), which no item keeps
    assert respective_parts("江阴、梁溪和无锡高新区三篇文章里分别提到的产业集群叫什么？") == [
        f"{x}提到的产业集群叫什么？" for x in ("江阴", "梁溪", "无锡高新区")]  # fmt: skip
    # one thing, or a 、-list whose items share the question: left whole
    whole = ("“五个一”分别是什么？", "绝密级、机密级、秘密级的期限分别是多少年？", "Which, respectively?",
             "他提醒企业和科研人员警惕的“三类陷阱”分别是什么？")  # 分别 goes through the three, not the two
    for q in whole:
        assert respective_parts(q) == [q]


def test_what_about_another_law_swaps_the_law_named_in_full_or_by_abbreviation():
    """「那反恐法呢？」 after a question about 网安法 asks the same of 反恐怖主义法 (a new user's trial got
    「反恐法 网安法规定…」, answered from 网络安全法 again)."""
    titles = ("网络安全法", "反恐怖主义法", "国家安全法")
    laws = Entities(laws=tuple(f"中华人民共和国{t}" for t in titles))
    before = _turn("网安法规定网络运营者最高罚多少？")
    assert resolve_followup("那反恐法呢？", [before], laws) == "反恐法规定网络运营者最高罚多少？"
    before = _turn("中华人民共和国国家安全法从哪天起施行？")
    assert resolve_followup("那网络安全法呢？", [before], laws) == "网络安全法从哪天起施行？"
    before = _turn("网安法第二十一条规定了什么？")  # the law and its article
    assert resolve_followup("那反恐法第三条呢？", [before], laws) == "反恐法第三条规定了什么？"
    before = _turn("网安法规定网络运营者最高罚多少？")  # 国家法 names no law: not swapped in for one
    assert not resolve_followup("那国家法呢？", [before], laws).startswith("国家法规定")


def test_a_later_part_with_a_connective_or_a_condition_keeps_the_first_parts_lead(entities):
    first = "国家安全机关传唤当事人后询问查证，一般最长不能超过几个小时？"
    for part in ("情况复杂的，最长多少小时？", "其中，情况复杂的最长多少小时？"):
        completed = complete_part(part, _turn(first), first, [], entities)
        assert completed.startswith("国家安全机关传唤当事人后询问查证，"), completed


def test_two_named_people_or_places_asked_of_each_are_two_questions(entities):
    names = entities.people + entities.places
    # 「各自」 or the two counted (两篇, 两位) ask it of each, wherever the two stand in the question
    assert respective_parts("梁溪和锡山两篇文章中，各自提出了什么目标？", names) == [
        "梁溪文章中，提出了什么目标？", "锡山文章中，提出了什么目标？"]  # fmt: skip
    assert respective_parts("陶波与蒋蕴洁的文章分别讲了哪个领域的安全？", names) == [
        "陶波的文章讲了哪个领域的安全？", "蒋蕴洁的文章讲了哪个领域的安全？"]  # fmt: skip
    # one question about both (no 各自), or two things the knowledge base does not name: left whole
    assert respective_parts("梁溪和锡山的文章都很长吗？", names) == ["梁溪和锡山的文章都很长吗？"]
    assert respective_parts("苏州和常州各自的目标是什么？", names) == ["苏州和常州各自的目标是什么？"]
    # what the two say together (一共) is what each says
    assert respective_parts("梁溪和锡山的文章一共提出了哪些目标？", names) == [
        "梁溪的文章一共提出了哪些目标？", "锡山的文章一共提出了哪些目标？"]  # fmt: skip


def test_articles_are_named_by_the_bodies_of_their_authors_roles(default_kb):
    """「市科技局和市商务局的局长分别是谁」: an article is named by the body its author heads, as the
    byline prints it or without the city (无锡市商务局, 市商务局), and a district by its seat (无锡高新区)."""
    from rag.question import role_bodies

    bodies = role_bodies(["无锡市商务局局长", "无锡高新区党工委书记、新吴区委书记", "梁溪区委书记，局长"])
    named = {"无锡市商务局", "市商务局", "无锡高新区党工委", "无锡高新区", "新吴区委", "梁溪区委"}
    assert set(bodies) == named  # 「局长」 alone names no body
    answer = default_kb.ask("市科技局和市商务局的局长分别是谁？")
    assert [c.author for c in answer.citations] == ["陶波", "蒋蕴洁"], answer.answer
    answer = default_kb.ask("江阴和无锡高新区的文章里，各自的现代产业集群用什么数字概括？")
    assert "345" in answer.answer and "6+2+X" in answer.answer, answer.answer
    # each part says whose article it quotes (the cards alone had told them apart)
    assert [x.split("：")[0] for x in answer.answer.splitlines()] == ["许峰", "崔荣国"], answer.answer


def test_a_later_part_naming_its_own_year_keeps_the_first_parts_subject(entities):
    first = "中欧班列去年开行了多少列？"
    part = complete_part("2025年计划开行多少列？", _turn(first), first, [], entities)
    assert part.startswith("中欧班列") and part.endswith("2025年计划开行多少列？") and "去年" not in part


def test_a_follow_up_stating_another_case_replaces_the_first_questions_case(entities):
    first = "员工被治安处罚了，几年内不能从事关键岗位？"
    resolved = resolve_followup("如果被判了刑呢？", [_turn(first)], entities)
    assert resolved == "如果被判了刑，几年内不能从事关键岗位？"


def test_an_english_later_part_naming_its_own_year_drops_the_first_parts_year(entities):
    first = "What share of GDP did R&D reach in 2024,"
    part = complete_part("and what is the target for 2025?", _turn(first), first, [], entities)
    assert "2025" in part and "2024" not in part and "R&D" in part


def test_two_named_asked_together_or_among_three_stay_one_question(entities):
    names = entities.people + entities.places
    for question in ("梁溪和锡山两地共同举办了什么活动？", "江阴和锡山两地谁的优良天数比率更高？",
                     "江阴、锡山和梁溪两篇文章各自讲什么？"):  # fmt: skip
        assert respective_parts(question, names) in ([question], respective_parts(question))


def test_a_later_part_with_a_subject_of_its_own_is_not_given_the_first_parts(entities):
    first = "2024年新增养老床位多少张？"
    part = "2025年计划新建多少个口袋公园？"
    assert complete_part(part, _turn(first), first, [], entities) == part


def test_a_follow_ups_case_keeps_the_first_questions_scope(entities):
    first = "根据反间谍法，国家安全机关可以采取哪些措施？"  # a scope, not a case: it stays
    assert "根据反间谍法" in resolve_followup("如果是外国人呢？", [_turn(first)], entities)
    first = "2024年，全市地区生产总值是多少？"
    assert "2024年" in resolve_followup("如果按常住人口算呢？", [_turn(first)], entities)


def test_a_request_word_locates_nothing(default_kb):
    """「…？请列出作者。」: 请列出, 请说出 ask the reader to answer, they are no topic an article must
    hold (with them no article matched 「哪篇文章说到了智算中心」, and a sentence answered)."""
    answer = default_kb.ask("哪篇文章说到了智算中心？请列出作者。")
    assert "朱刚" in answer.answer and "《" in answer.answer, answer.answer


def test_a_later_part_asking_how_long_keeps_what_the_first_part_asked_about(laws_kb):
    """「…遵守哪些约束措施？最长能用多久？」: the second part asks how long those measures last (反恐怖
    主义法第五十三条, 三个月), not how long any measure of the same case may (查封、扣押: 二个月)."""
    answer = laws_kb.ask("公安机关调查恐怖活动嫌疑人，能让其遵守哪些约束措施？最长能用多久？")
    assert "三个月" in answer.answer and "二个月" not in answer.answer, answer.answer


def test_an_english_question_quoting_chinese_is_cut_into_its_parts(default_kb):
    """"…the 百亿百项 programme, and how many projects?" is English though it quotes Chinese: both parts
    are answered, in English figures first."""
    asked = "How much was invested in the 百亿百项 programme, and how many projects does it have?"
    first, second = "How much was invested in the 百亿百项 programme?", "how many projects does it have?"
    assert question_parts(asked) == [first, second]
    answer = default_kb.ask(asked)
    assert "17 billion yuan (170亿元)" in answer.answer and "108 (108项)" in answer.answer, answer.answer


def test_two_things_asked_of_each_with_a_comma_before_fenbie_are_two_questions(laws_kb):
    """「A和B，分别…」 asks each as 「A和B分别…」 does, and so does a 、-list of three before the comma."""
    assert respective_parts("江阴的现代产业集群和无锡全市的现代产业集群，分别用什么数字来概括？") == [
        "江阴的现代产业集群用什么数字来概括？", "无锡全市的现代产业集群用什么数字来概括？"]
    three = "江阴、无锡全市和新吴区的现代产业集群，分别是用哪组数字来概括的？"  # each of the three
    each = [f"{x}的现代产业集群是用哪组数字来概括的？" for x in ("江阴", "无锡全市", "新吴区")]
    assert respective_parts(three) == each
    answer = laws_kb.ask("数据安全法和个人信息保护法，分别是从哪天开始施行的？")
    assert "2021年9月1日" in answer.answer and "2021年11月1日" in answer.answer, answer.answer


def test_an_english_later_part_naming_what_it_counts_keeps_its_own_subject(default_kb):
    """"…, and how many academician projects were set up?" counts projects: read with the first part's
    words in front it counted the academicians again, and was then refused as a repeat (a new user's
    trial). "how many projects does it cover?" still takes the first part's subject."""
    from rag.chat import _own_subject_en

    assert _own_subject_en("how many academician projects were set up?")
    assert not _own_subject_en("how many projects does it cover?")
    first = "How many academicians did Liangxi hire as industry advisers"
    answer = default_kb.ask(f"{first}, and how many academician projects were set up?")
    assert "12 (12位)" in answer.answer and "7 (7个)" in answer.answer, answer.answer
    assert "do not say" not in answer.answer, answer.answer


def test_an_article_described_by_its_topic_is_not_the_previous_ones(units, entities, default_kb):
    """「讲海外利益安全的那篇文章出自谁之手？」 after a question on 陶波's article was rewritten to ask about
    陶波's article (a new user's trial): 「…的那篇文章」 describes the article asked for; 「那篇文章」 alone
    still points back."""
    history = [_turn("无锡的研发投入强度是多少？", _by_author(units, "陶波"))]
    described = "讲海外利益安全的那篇文章出自谁之手？"
    assert resolve_followup(described, history, entities) == described
    assert "《" in resolve_followup("那篇文章出自谁之手？", history, entities)
    assert resolve_followup("Who wrote that article about overseas interests?", history, entities).startswith(
        "Who wrote that article about")
    answer = default_kb.ask(described)
    assert answer.answer.startswith("蒋蕴洁"), answer.answer


def test_a_later_part_pointing_back_at_the_day_answered_asks_of_that_day(laws_kb):
    """「这个日子」 is the day the first part's answer gives (2021年4月15日), asked as a day of the year:
    国家安全法's 「每年4月15日为全民国家安全教育日」 answers it (searched as asked, 「特别」 found the article
    on 特别措施)."""
    a = laws_kb.ask("生物安全法是哪一天起施行的？这个日子按国家安全法有什么特别的意义？")
    assert a.grounded and "2021年4月15日" in a.answer
    assert "全民国家安全教育日" in a.answer, a.answer


def test_a_document_kind_asked_about_is_not_this_documents_front(laws_kb):
    """「由谁发布公告」 of a law asks what the law says about announcements, not who issued a 公告 (no
    law is one): the later part is answered by 第十二条, not refused for want of a sign-off."""
    a = laws_kb.ask("恐怖活动组织和人员由谁来认定？认定后由谁发布公告？")
    assert a.grounded and "办事机构予以公告" in a.answer, a.answer
    assert "没有找到" not in a.answer


@pytest.mark.parametrize(
    ("question", "values"),
    [("梁溪区建成了几个智算中心？市科技局又打算新建多少家市级重点实验室？", ("4个", "20家")),
     ("市科技局要新建多少家市级重点实验室？新吴区又在推动哪家企业创建国家级重点实验室？",
      ("20家", "华进半导体")),
     ("梁溪区建成了几个智算中心？此外，市科技局计划新建多少家市级重点实验室？", ("4个", "20家"))],
)
def test_a_later_part_opening_with_a_body_of_its_own_is_not_read_as_the_first(default_kb, question, values):
    """「…？市科技局又打算新建多少家…」「…？新吴区又在推动…」「…？此外，市科技局计划…」: the later part
    names its own body or district, so the first part's subject is not put in front of it (its answer was
    the first's again, or a refusal)."""
    a = default_kb.ask(question)
    assert a.grounded and all(v in a.answer for v in values), a.answer


def test_qi_before_a_post_or_an_article_points_back_at_the_author_named(default_kb):
    """「…是哪个区的书记？其文章讲了什么？」: 其 is the author the first part named, whose article's points
    the later part asks for; 「哪个区的书记」 asks the author's post."""
    a = default_kb.ask("方力是哪个区的书记？其文章讲了什么？")
    assert a.grounded and a.answer.startswith("方力（锡山区委书记）"), a.answer
    assert "分3个方面" in a.answer and "没有找到" not in a.answer, a.answer


def test_which_districts_head_asks_the_authors_post(default_kb):
    """「他是哪个区的负责人」 after a question naming an author's article asks that author's post, as
    「哪个区的书记」 does (42nd set, rd12: a passage of the article had been quoted)."""
    a = default_kb.ask("文章里提到请了12位院士做产业顾问，这是哪位作者写的？他是哪个区的负责人？")
    assert "朱刚（梁溪区委书记" in a.answer, a.answer



def test_a_body_an_english_question_names_in_brackets_is_found_in_a_bylines_post(default_kb):
    """"Which of the authors doubles as head of … (市地方金融管理局)?": the body is named only in 王路新's
    byline (「市地方金融管理局局长（兼）」), which his article's quotes are read under (it had been refused,
    no quote writing the body)."""
    a = default_kb.ask("Which of the authors doubles as head of the financial regulator (市地方金融管理局)?")
    assert a.grounded and "王路新" in a.answer, a.answer


def test_which_law_is_answered_with_the_law_and_its_article_also_as_a_later_part(laws_kb):
    """「…是哪部法律规定的」 asks the law: 「《中华人民共和国国家安全法》第十四条规定：…」 (the article alone
    had been quoted, the law's name only on the card), also when it is a later part whose quote the
    first part's answer cites already (44th set, tl07)."""
    one = laws_kb.ask("关键信息基础设施的运营者每年要做安全检测评估，这是哪部法律规定的？")
    assert one.answer.startswith("《中华人民共和国网络安全法》第三十八条规定："), one.answer
    two = laws_kb.ask("国家安全教育日是每年的几月几号？由哪一部法律规定？")
    assert "4月15日" in two.answer and "《中华人民共和国国家安全法》第十四条" in two.answer, two.answer


def test_what_the_editors_note_says_is_its_sentences(default_kb):
    """「编者按讲了什么」「编者按说这一版是干什么的」, "What does the editor's note say?": the note's
    sentences, each cited (they had been refused, the card beside the refusal showing the note); a
    question about one thing in it is the answerer's."""
    for question in ("编者按讲了什么？", "编者按说这一版是干什么的？"):
        a = default_kb.ask(question)
        assert a.answer.startswith("编者按：") and len(a.citations) == 3 and "以飨读者" in a.answer, a.answer
    english = default_kb.ask("What does the editor's note say?")
    assert english.grounded and "以飨读者" in english.answer, english.answer
    one = default_kb.ask("编者按提到了哪几个地区？")
    assert not one.answer.startswith("编者按："), one.answer


def test_three_values_listed_with_dun_commas_are_asked_each(default_kb):
    """「帮我核对三个数：A多少、B多少、C多少」: each listed ask has a subject of its own and is asked on its
    own (one answer had given the first value and refused the rest, or quoted one sentence for all three);
    short asks sharing one subject stay one question."""
    a = default_kb.ask("帮我核对三个数：梁溪请了多少位院士担任产业顾问、江阴“百亿百项”三年行动包括"
                       "多少个项目、无锡2024年完成了多少单企业并购？")
    assert a.grounded and all(x in a.answer for x in ("12位", "108项", "15单")), a.answer
    assert len({c.author for c in a.citations}) == 3
    assert listed_values("死了几个人、伤了几个人、失踪几个人？") == ["死了几个人、伤了几个人、失踪几个人？"]
