"""A question asking a figure, a date or a length of time whose best quote holds none: the article's
lead-in matches the question's words best (「…责令其采取下列一项或者多项措施」), the length sits further
on in the same article (「采取前两款规定的措施的期限不得超过六十日」). The selection is made again among
that article's quotes holding one, rather than refused. Written here, a municipal rule modelled on no
validation document, on the real model."""

from __future__ import annotations

import pytest

from tests.conftest import text_kb

RULES = """滨海市安全生产监督管理规定

第一章 总则

第一条 为了加强安全生产监督管理，防止和减少生产安全事故，根据有关法律、法规，结合本市实际，制定本规定。

第二条 本规定适用于本市行政区域内生产经营单位的安全生产及其监督管理。

第二章 监督检查

第十二条 区应急管理部门对存在重大事故隐患且拒不整改的生产经营单位，经区人民政府负责人批准，\
可以根据隐患的危险程度，责令其采取下列一项或者多项措施：
（一）停产停业整顿；
（二）暂扣有关许可证件；
（三）停止使用有关设施、设备；
（四）限制进入特定作业场所。
区应急管理部门可以采取现场检查、远程监控等方式对其执行措施的情况进行监督。
采取前两款规定的措施的期限不得超过六十日。

第十三条 生产经营单位违反本规定第十二条规定，拒不执行措施的，由区应急管理部门处二万元以上十万元以下罚款。

第十四条 有下列情形之一的，区应急管理部门应当解除本规定第十二条规定的措施：
（一）重大事故隐患已经消除并经复查合格；
（二）生产经营单位依法终止经营活动；
（三）措施期限届满。

第十五条 生产经营单位认为隐患已经消除的，可以申请复查，\
区应急管理部门应当自收到申请之日起五个工作日内进行复查。

第十六条 任何单位和个人有权举报重大事故隐患。举报人询问举报处理情况的，区应急管理部门应当及时告知。
"""


@pytest.fixture(scope="module")
def rules_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "rules_t", RULES)


def test_a_length_asked_of_an_article_is_read_further_on_in_it(rules_kb):
    """The measures' lead-in ranks first and holds no length; the article's last clause gives it."""
    question = "存在重大事故隐患的单位被责令停产停业整顿、暂扣许可证件，这些措施最长可以持续多久？"
    answer = rules_kb.ask(question)
    assert answer.answer.startswith("不得超过六十日"), answer.answer
    assert all(c.quote in c.text for c in answer.citations)


def test_a_lead_in_announcing_its_circumstances_mid_sentence_brings_them(rules_kb):
    """「有下列情形之一的，…应当解除…措施」 alone names no circumstance; 「在什么情况下…解除」 asks them
    all, and the article's items follow its lead-in, each cited."""
    answer = rules_kb.ask("在什么情况下，应急管理部门应当把这些措施解除掉？")
    for item in ("隐患已经消除", "终止经营活动", "期限届满"):
        assert item in answer.answer, answer.answer
    assert all(c.quote in c.text for c in answer.citations)


def test_working_days_asked_are_a_unit(rules_kb):
    """「几个工作日内」 states its unit (rag.question.stated_unit): 「五个工作日内进行复查」 answers it with
    its figure leading, a clause saying 「及时告知」 does not."""
    review = rules_kb.ask("申请复查后，应急管理部门要在几个工作日内完成复查？")
    assert review.grounded and review.answer.startswith("五个工作日"), review.answer
    reply = rules_kb.ask("举报人询问举报处理情况的，区应急管理部门应当在多少个工作日内告知？")
    assert not reply.grounded, reply.answer


def test_a_length_in_minutes_and_seconds_is_one_duration_not_a_score():
    """「时长3分20秒」 is a video's length: 「3分」 alone would read as a score's points."""
    from rag.question import FIGURE_RE
    from rag.text import DURATION

    text = "宣传片时长3分20秒，三部视频总时长13分05秒，答错扣2分"
    # (「三部」 counts the videos: 部 is a measure word of counts)
    assert [m.group(0) for m in FIGURE_RE.finditer(text)] == ["3分20秒", "三部", "13分05秒", "2分"]
    assert [m.group(0) for m in DURATION.finditer(text)] == ["3分20秒", "13分05秒"]
