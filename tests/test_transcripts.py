"""A transcript (访谈实录, 新闻发布会实录): each turn opens with the speaker's line (「陈立群：」), the
roster under the title gives the speaker's post, and what a passage says is said by the turn's speaker:
「哪位嘉宾介绍了…」 is answered with the speaker and the post. Written here with other wording than the
validation transcript (tests/fixtures/presser_unseen.txt), on the real model."""

from __future__ import annotations

import pytest

from rag.structure import is_host, turn_speaker
from tests.conftest import text_kb

INTERVIEW = """滨江区国家安全宣传月在线访谈实录

时间：2026年4月10日下午3:00
主持人：滨江区融媒体中心副主任 王一鸣
嘉宾：
滨江区委政法委副书记 陈立群
滨江区教育局局长 许明达

王一鸣：
各位网友，大家下午好！欢迎收看本期在线访谈，今天我们请来两位嘉宾，谈谈国家安全宣传月的情况。

陈立群：
网友们好。今年宣传月期间，全区共开展国家安全宣讲活动146场，覆盖居民3.2万人次。我们还在12个社区设立了国家安全宣传角，由社区网格员轮流值守。

我们也提醒居民和学生，要警惕“三种骗局”，分别是：冒充客服类，以退款为名骗取银行卡信息；高薪兼职类，以高额报酬诱导拍摄敏感设施；免费体检类，以赠送礼品为名收集个人信息。

网友提问：
孩子在学校里学不学国家安全知识？一学期有几节课？

许明达：
谢谢这位网友。全区38所中小学都开设了国家安全教育课，每学期不少于4课时，还组织学生参观区国防教育馆。我们把国家安全教育纳入学校德育工作计划，由各校分管副校长负责，思政课教师和班主任共同承担教学任务，每学年开展一次教学评比，评出的优秀课例在全区推广。区教育局还和区委政法委一起编写了校本读本，分小学、初中两个版本，内容涵盖国土安全、网络安全、生物安全等方面，今年秋季开学前发到每一名学生手中。

宣传月期间，各校共开展国家安全宣讲活动58场，邀请法官、检察官和民警走进课堂，面对面讲解身边的国家安全案例。

王一鸣：
感谢两位嘉宾，本期访谈到此结束。
"""


@pytest.fixture(scope="module")
def interview_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "interview_t", INTERVIEW)


def test_each_turn_is_a_section_named_by_its_speaker_and_post(interview_kb):
    """A speaker's line heads what that speaker says, up to the next speaker's; the roster gives the
    post, the host's marked as such; the questioner's turn is nobody's speech."""
    (unit,) = interview_kb.units()
    said = dict(zip(unit.paragraphs, unit.sections, strict=True))
    figures = next(p for p in said if "146场" in p)
    assert turn_speaker(said[figures]) == "陈立群（滨江区委政法委副书记）", said[figures]
    asked = next(p for p in said if p.startswith("孩子在学校里"))
    assert said[asked][-1] == "网友提问：" and turn_speaker(said[asked]) is None
    host = turn_speaker(said[next(p for p in said if p.startswith("各位网友"))])
    assert host and is_host(host), host


def test_who_said_it_is_answered_by_the_speaker(interview_kb):
    """「哪位嘉宾介绍了…」: the speaker of the quote that says it, with the post, not the questioner who
    asked it nor the host."""
    answer = interview_kb.ask("是哪位嘉宾介绍了中小学国家安全教育课的情况？")
    assert answer.answer.startswith("许明达（滨江区教育局局长）"), answer.answer
    assert "4课时" in answer.answer or "38所" in answer.answer, answer.answer


def test_the_items_a_count_names_after_its_colon_are_quoted_together(interview_kb):
    """「提醒…警惕的“三种骗局”分别是什么」: the sentence names them after 「分别是：」, one after each ；.
    The question is one question (not one for 居民 and one for 学生), and all three items are quoted."""
    answer = interview_kb.ask("陈立群提醒居民和学生警惕的“三种骗局”分别是什么？")
    for item in ("冒充客服", "高薪兼职", "免费体检"):
        assert item in answer.answer, answer.answer


def test_a_post_asked_by_name_is_answered_only_where_it_is_held(interview_kb):
    """「…教育局局长叫什么名字」: the roster names him; 「…政法委书记叫什么名字」 is refused, the roster
    naming only its 副书记 (another post), not answered with a sentence that mentions the body."""
    held = interview_kb.ask("滨江区教育局局长叫什么名字？")
    assert held.grounded and "许明达" in held.answer, held.answer
    deputy = interview_kb.ask("滨江区委政法委书记叫什么名字？")
    assert not deputy.grounded, deputy.answer


def test_a_transcript_is_dated_by_its_time_line(interview_kb):
    """「时间：2026年4月10日下午3:00」 dates the interview, so its 「今年」 is 2026: 「今年宣传月…146场」
    answers 2026's count and not 2025's."""
    (unit,) = interview_kb.units()
    assert unit.date == "2026年4月10日", unit.date
    this = interview_kb.ask("2026年宣传月期间全区开展了多少场国家安全宣讲活动？")
    assert this.grounded and "146场" in this.answer, this.answer
    last = interview_kb.ask("2025年宣传月期间全区开展了多少场国家安全宣讲活动？")
    assert not last.grounded, last.answer


def test_who_hosted_is_the_rosters_line_not_what_the_host_said(interview_kb):
    a = interview_kb.ask("这次访谈的主持人是谁？")
    assert a.grounded and "王一鸣" in a.answer
    assert a.citations[0].quote == "主持人：滨江区融媒体中心副主任 王一鸣"


def test_a_post_the_transcript_does_not_name_is_refused(interview_kb):
    a = interview_kb.ask("访谈节目的评委是谁？")
    assert not a.grounded and "评委" in a.answer
