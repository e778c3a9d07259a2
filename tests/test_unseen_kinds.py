"""Kinds of document the answer model was never fit on, each written with its questions by a helper
who saw no code: a city regulation (条例) pasted as plain text, a third of it hard-wrapped as copied
from a PDF (tests/fixtures/regulation_unseen.txt), and a policy explainer (政策解读) in numbered
questions and answers (tests/fixtures/explainer_unseen.txt), an emergency plan (应急预案) in
decimal-numbered parts with graded response levels (tests/fixtures/emergency_unseen.txt), a work
guideline (工作指引) with step-by-step procedures and a □ self-check list
(tests/fixtures/guide_unseen.txt), and an assessment's scoring rules (考核评分细则) with a table
whose cells are set apart by bars (tests/fixtures/scoring_unseen.txt), and a quiz bank (知识竞赛题库)
of numbered exercises with answer and explanation lines (tests/fixtures/quiz_unseen.txt; measured
14 of 35 before this kind was read, 0.40), and a survey report (调研报告) exported from a word
processor with page numbers, cut figures and tables set by spaces (tests/fixtures/survey_unseen.txt;
measured 18 of 35 before this kind was read, 0.51), and a year-end work summary (年度工作总结) with
tables set by bars, tabs and spaces (tests/fixtures/yearend_unseen.txt; 19 of 35 when written, 25
of 35 before its failures were read), and an annual report on government information disclosure
(政府信息公开工作年度报告) on the national template, tables set by tabs, signed the year after it
reports on (tests/fixtures/disclosure_unseen.txt; 23 of 35 when written), and a bureau's official reply
to a deputy's suggestion (代表建议答复) under its issuing body, number and signer
(tests/fixtures/reply_unseen.txt; 24 of 35 when written), and a standing committee's law-enforcement
inspection report (执法检查报告) wrapped at a column, its speaker under its title
(tests/fixtures/inspection_unseen.txt; 27 of 35 when written), and a city's audit work report
(审计工作报告) with sub-headings closed by 。 and a table of two units (tests/fixtures/audit_unseen.txt;
28 of 35 when written), and a year's work points (工作要点) issued with a notice, each task closed by its
lead and responsible bodies in brackets, a division-of-tasks table attached
(tests/fixtures/workpoints_unseen.txt; 23 of 35 when written), and a commendation decision with its
name lists, units and persons a line each under their district's line
(tests/fixtures/commendation_unseen.txt; 23 of 35 when written), and a contest notice three bodies
issue together, their names over 「文件」, a scoring table, the sign-off set in columns
(tests/fixtures/contest_unseen.txt; 25 of 35 when written), and a 任前公示 listing its persons in a
table laid out with spaces, long cells wrapped (tests/fixtures/pubnotice_unseen.txt; 21 of 35 when
written), and a 通告 two bodies issue together, their names over 「通　告」
(tests/fixtures/zonenotice_unseen.txt; 18 of 35 when written), and a training notice with a schedule
table whose header is centred over its columns and whose cells wrap (tests/fixtures/training_unseen.txt;
24 of 35 when written), a target responsibility agreement with a scoring table and a numbered point
announcing the lines under it (tests/fixtures/pledge_unseen.txt; 25 of 35 when written), and a circular
reporting accountability cases, officials with their posts and sanctions
(tests/fixtures/accountability_unseen.txt; 30 of 35 when written), a 倡议书 whose numbered appeals run
their heads into their text (tests/fixtures/appeal_unseen.txt; 31 of 35 when written, once it could be
read at all), and a 权责清单 whose rows stand apart by blank lines, every long cell wrapped in its column
(tests/fixtures/duties_unseen.txt; 19 of 35 when written), and a lecture outline that quotes counted
terms and lists their items after a colon (tests/fixtures/outline_unseen.txt; 28 of 35 when written),
and a campaign's work briefing with a table of its districts' figures (tests/fixtures/briefing_unseen.txt;
27 of 35 when written), and an administrative reconsideration decision naming its parties by their roles
(tests/fixtures/reconsideration_unseen.txt; 23 of 35 when written). Their layout is read, and
their questions are answered in the same order of numbers as the held-out ones."""

from __future__ import annotations

import pytest

from rag.loaders import load_file
from tests.conftest import FIXTURES, assert_answers_as_held_out, document_kb

REGULATION = FIXTURES / "regulation_unseen.txt"
EXPLAINER = FIXTURES / "explainer_unseen.txt"
EMERGENCY = FIXTURES / "emergency_unseen.txt"
GUIDE = FIXTURES / "guide_unseen.txt"
SCORING = FIXTURES / "scoring_unseen.txt"
QUIZ = FIXTURES / "quiz_unseen.txt"
SURVEY = FIXTURES / "survey_unseen.txt"
YEAREND = FIXTURES / "yearend_unseen.txt"
DISCLOSURE = FIXTURES / "disclosure_unseen.txt"
REPLY = FIXTURES / "reply_unseen.txt"
INSPECTION = FIXTURES / "inspection_unseen.txt"
AUDIT = FIXTURES / "audit_unseen.txt"
WORKPOINTS = FIXTURES / "workpoints_unseen.txt"
COMMENDATION = FIXTURES / "commendation_unseen.txt"
CONTEST = FIXTURES / "contest_unseen.txt"
PUBNOTICE = FIXTURES / "pubnotice_unseen.txt"
ZONENOTICE = FIXTURES / "zonenotice_unseen.txt"
TRAINING = FIXTURES / "training_unseen.txt"
PLEDGE = FIXTURES / "pledge_unseen.txt"
ACCOUNTABILITY = FIXTURES / "accountability_unseen.txt"
APPEAL = FIXTURES / "appeal_unseen.txt"
DUTIES = FIXTURES / "duties_unseen.txt"
OUTLINE = FIXTURES / "outline_unseen.txt"
BRIEFING = FIXTURES / "briefing_unseen.txt"
RECONSIDERATION = FIXTURES / "reconsideration_unseen.txt"
JUDGMENT = FIXTURES / "judgment_unseen.txt"
TENDER = FIXTURES / "tender_unseen.txt"


def _unit(path):
    (unit,) = load_file(path, max_bytes=2**20, timeout=30).units
    return unit


def test_a_plain_text_regulation_is_read_into_chapters_and_articles():
    unit = _unit(REGULATION)
    assert unit.title == "澜州市公共安全视频图像信息系统管理条例"
    # its adoption note is its date, and the 「目　　录」 line under it is neither date nor paragraph
    assert unit.date and unit.date.startswith("（2024年6月28日") and unit.date.endswith("批准）")
    assert not any(p.replace(" ", "").replace("\u3000", "") == "目录" for p in unit.paragraphs)
    articles = {s[-1] for s in unit.sections if s and s[-1].startswith("第") and s[-1].endswith("条")}
    assert len(articles) == 41
    # an article wrapped over several lines is one paragraph, under its chapter
    first = unit.paragraphs[unit.sections.index(("第一章 总则", "第一条"))]
    assert first.startswith("第一条") and first.endswith("制定本条例。")


def test_a_quiz_banks_exercises_are_headed_by_their_numbers_under_their_parts():
    unit = _unit(QUIZ)
    labels = {s[:2] for s in unit.sections if len(s) == 2 and s[1].startswith("第") and s[1].endswith("题")}
    parts = {part for part, _ in labels}
    assert {p[:6] for p in parts} == {"一、单项选择", "二、多项选择", "三、判断题（", "四、简答题（"}
    assert len(labels) == 71  # 30 + 15 + 20 + 6, as its score table counts them


def test_an_explainers_numbered_questions_head_their_answers():
    unit = _unit(EXPLAINER)
    assert unit.title == "《泊江市网络数据安全管理若干规定》政策解读"
    asked = {s[0] for s in unit.sections if s}
    assert "二、《规定》适用于哪些主体？" in asked and len([s for s in asked if s[1:2] == "、"]) >= 10


@pytest.mark.parametrize(
    ("name", "path"),
    [("regulation", REGULATION), ("explainer", EXPLAINER), ("emergency", EMERGENCY), ("guide", GUIDE),
     ("scoring", SCORING), ("quiz", QUIZ), ("survey", SURVEY), ("yearend", YEAREND),
     ("disclosure", DISCLOSURE), ("reply", REPLY), ("inspection", INSPECTION), ("audit", AUDIT),
     ("workpoints", WORKPOINTS), ("commendation", COMMENDATION), ("contest", CONTEST),
     ("pubnotice", PUBNOTICE), ("zonenotice", ZONENOTICE), ("training", TRAINING), ("pledge", PLEDGE),
     ("accountability", ACCOUNTABILITY), ("appeal", APPEAL), ("duties", DUTIES), ("outline", OUTLINE),
     ("briefing", BRIEFING), ("reconsideration", RECONSIDERATION), ("judgment", JUDGMENT),
     ("tender", TENDER)],
)
def test_questions_on_an_unseen_kind_are_answered_as_held_out_ones_are(
    tmp_path_factory, settings, encoder, name, path
):
    kb = document_kb(tmp_path_factory, settings, encoder, name, path)
    assert_answers_as_held_out(kb, f"{name}_unseen_qa.jsonl")
