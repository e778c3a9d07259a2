"""A quiz bank (知识竞赛题库) or exam paper: numbered exercises under their parts (「一、单项选择题」), each
with options, an answer line (「【答案】C」) and an explanation citing a law. Written here with other
wording and other facts than the validation quiz bank (tests/fixtures/quiz_unseen.txt), on the real
model."""

from __future__ import annotations

import pytest

from rag.loaders import load_file
from rag.question import analyse, unasked
from tests.conftest import text_kb

QUIZ = """岚山县2026年国家安全法治知识测试题

编印单位：岚山县普法办公室
印发日期：2026年3月2日

说明：测试采用闭卷方式，限时40分钟，满分100分。竞赛设一等奖1名，奖金3000元；二等奖3名，各奖励奖金1500元。决赛抢答环节，抢到答题权的选手须在5秒内作答；风险题每题作答时间为60秒。决赛评分由评委会现场裁定，评委会由5人组成。

一、单项选择题（共4题）

1. 国家安全机关举报受理电话是（　　）。
A. 12345　　B. 12339　　C. 12315　　D. 12110
【答案】B
【解析】12339是国家安全机关的举报受理电话，也可以通过网络举报平台举报。

2. 个人实施间谍行为，尚不构成犯罪的，可以处（　　）以下行政拘留。
A．五日
B．十日
C．十五日
D．三十日
【答案】C
【解析】依据《中华人民共和国反间谍法》第五十四条第一款，可以处十五日以下行政拘留。

3. 网络运营者留存网络日志的期限不少于（　　）。
A. 一个月 B. 三个月 C. 六个月 D. 一年
【答案】C
【解析】依据《中华人民共和国网络安全法》第二十一条，留存相关的网络日志不少于六个月。

4. 全民国家安全教育日是每年的（　　）。
A. 4月15日 B. 5月1日 C. 10月1日 D. 12月4日
【答案】A
【解析】依据《中华人民共和国国家安全法》第十四条，每年4月15日为全民国家安全教育日。

二、多项选择题（共2题）

1. 国家秘密的密级包括（　　）。
A．绝密
B．机密
C．秘密
D．内部
【答案】ABC
【解析】依据《中华人民共和国保守国家秘密法》第十四条，国家秘密的密级分为绝密、机密、秘密三级。

2. 关键信息基础设施的运营者应当履行的安全保护义务有（　　）。
A．设置专门安全管理机构
B．定期对从业人员进行网络安全教育
C．对重要系统和数据库进行容灾备份
D．将个人信息全部公开
【答案】ABC
【解析】依据《中华人民共和国网络安全法》第三十四条。

三、判断题（共3题）

1. 公民在微信群里转发自己知悉的国家秘密，只要不收钱就不违法。（　　）
【答案】错误
【解析】依据《中华人民共和国保守国家秘密法》第五十三条，禁止在私人交往和通信中涉及国家秘密，是否收钱不影响违法性质。

2. 任何个人和组织都有维护国家安全的义务。（　　）
【答案】正确
【解析】依据《中华人民共和国国家安全法》第十一条第一款。

3. 境外人员被驱逐出境后，三年后即可再次入境。（　　）
【答案】错误
【解析】依据《中华人民共和国反间谍法》第六十六条第二款，自被驱逐出境之日起十年内不准入境。

附件：评分标准

题型｜题量｜每题分值
单项选择题｜4题｜10分
多项选择题｜2题｜15分
判断题｜3题｜10分
"""


@pytest.fixture(scope="module")
def quiz_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "quiz", QUIZ)


def test_each_exercise_is_headed_by_its_number_under_its_part(tmp_path):
    path = tmp_path / "quiz.txt"
    path.write_text(QUIZ, encoding="utf-8")
    unit = load_file(path, max_bytes=10**6, timeout=30).units[0]
    at: dict[str, tuple[str, ...]] = {}
    for paragraph, section in zip(unit.paragraphs, unit.sections, strict=True):
        at.setdefault(paragraph, section)  # a repeated line (「【答案】ABC」): where it is first
    assert at["C．十五日"] == ("一、单项选择题（共4题）", "第2题")  # an option: a line of its own
    assert at["【答案】ABC"][-1] == "第1题" and at["【答案】ABC"][0].startswith("二、多项选择题")
    assert at["【答案】正确"] == ("三、判断题（共3题）", "第2题")  # the answer line heads nothing
    assert not any("【答案】" in label for s in unit.sections for label in s)
    assert at["单项选择题｜4题｜10分"] == ("附件：评分标准",)  # the appendix is no exercise's


def test_an_exercise_named_by_part_and_number_is_answered_by_its_answer_line(quiz_kb):
    a = quiz_kb.ask("单选题第2题的正确答案是哪个选项？")
    assert a.grounded and a.answer.startswith("C．十五日")
    assert a.citations[0].quote == "【答案】C"
    assert "第五十四条" in a.answer  # the explanation says why


def test_the_same_number_in_another_part_is_that_parts_exercise(quiz_kb):
    a = quiz_kb.ask("多选题第1题选哪几项？")
    assert a.grounded and a.answer.startswith("ABC：A．绝密；B．机密；C．秘密")


def test_a_true_or_false_exercise_found_by_its_content(quiz_kb):
    a = quiz_kb.ask("说驱逐出境三年后就能再入境的那道判断题，答案是对还是错？")
    assert a.grounded and a.answer.startswith("错误")
    assert a.citations[0].quote == "【答案】错误"


def test_which_article_an_explanation_cites(quiz_kb):
    a = quiz_kb.ask("网络日志留存期限那道题，解析依据的是哪一条？")
    assert a.grounded and "《中华人民共和国网络安全法》第二十一条" in a.answer


def test_an_english_question_names_the_exercise_by_number(quiz_kb):
    a = quiz_kb.ask("What is the answer to single-choice question 4?")
    assert a.grounded and a.answer.startswith("A．4月15日")


def test_why_an_option_is_wrong_is_not_answered_with_the_key(quiz_kb):
    a = quiz_kb.ask("判断题第1题为什么是错的？")
    assert not a.answer.startswith("错误")


def test_who_compiled_the_quiz_bank_and_when_it_was_issued(quiz_kb):
    a = quiz_kb.ask("这份题库是哪个单位编印的？")
    assert a.grounded and "岚山县普法办公室" in a.answer
    assert a.citations[0].quote == "编印单位：岚山县普法办公室"
    a = quiz_kb.ask("On what date was this quiz bank issued?")
    assert a.grounded and "2 March 2026" in a.answer


def test_a_post_the_quiz_bank_does_not_fill_is_refused(quiz_kb):
    a = quiz_kb.ask("评委会的主任评委是谁？")
    assert not a.grounded and "主任评委" in a.answer  # 「资料中没有说明谁是主任评委」


def test_english_prize_grades_and_seconds(quiz_kb):
    a = quiz_kb.ask("How much prize money does each second-prize winner get?")
    assert a.grounded and a.answer.startswith("1,500 yuan")
    a = quiz_kb.ask("In the quick-response round, how many seconds does a contestant have to answer?")
    assert a.grounded and " seconds (" in a.answer.split(".")[0]  # a figure in seconds leads


@pytest.mark.parametrize(
    ("question", "shape", "unit"),
    [
        ("测试几点开始？", "when", None),  # a time of day
        ("讲话提出了几点要求？", "quantity", None),  # points counted
        ("这次培训要注意哪几点？", "general", None),  # which points: not a time
        ("如果几支队伍分数相同，用什么办法排名？", "how", None),  # 几 in a condition is "some"
        ("一共有多少道题？", "quantity", "道"),  # answered by 「共4题」
    ],
)
def test_what_a_question_with_ji_asks(question, shape, unit):
    q = analyse(question)
    assert (q.shape, q.unit) == (shape, unit)


def test_a_condition_keeps_its_count_when_nothing_is_asked_after_it():
    assert "几" in unasked("如果有几支队伍同分？")
