"""A leader's speech (讲话稿): its title names the occasion, the speaker's line and the day in brackets
stand under it (each a line of its own, not a wrapped title), and its parts speak of last year
(「过去一年，…」) and of this year in words relative to the day. Written here with other wording than
the validation speech (tests/fixtures/speech_unseen.txt), on the real model."""

from __future__ import annotations

import pytest

from rag.period import document_year, relative_years, section_periods
from tests.conftest import text_kb

SPEECH = """在全县网络安全和数据安全工作推进会上的讲话
青川县人民政府副县长　孙明远
（2025年9月2日）

同志们：

这次会议的主要任务是回顾过去一年全县网络安全和数据安全工作，部署下一阶段重点任务。下面，我讲三点意见。

一、客观看待成绩和不足

过去一年，全县各部门齐抓共管，网络和数据安全形势总体平稳。

一是隐患排查扎实开展。县委网信办会同县公安局对全县64家重点单位开展检查，发现并整改安全隐患219处，整改率达到97.3%。

二是宣传教育广泛深入。全县举办网络安全宣传活动35场，发放宣传资料1.8万份，中小学生网络安全知识竞赛参赛人数达到9600人。

三是群众参与明显增多。县网信办全年受理群众举报线索86条，经核查有效线索12条。

我们也要看到工作中的短板。第一，部分单位防护投入偏少，老旧系统仍在运行；第二，数据分类分级进展不平衡，有的部门尚未启动；第三，基层专业力量薄弱，乡镇普遍缺少专职人员。

二、扎实抓好今年各项重点任务

今年，我们要围绕“两个确保”开展工作：确保重点单位检查全覆盖，确保不发生重大数据泄露事件。

今年要建设“一中心两平台”：“一中心”就是县网络安全态势感知中心，“两平台”就是数据安全监测平台和应急指挥平台。这项工作由县政务服务管理办牵头，县公安局配合。

网络安全宣传实行分片负责：进机关由县直机关工委牵头，进学校由县教育局牵头，进企业由县工信局和县工商联共同牵头。

县教育局要督促各中小学每学期安排网络安全教育不少于4学时，8月开学前完成全县中小学网络安全教师培训。县委网信办要牵头，10月底前完成全县政务系统等级保护测评。县财政今年安排网络安全专项资金320万元，主要用于监测平台升级和人员培训。

三、压紧压实工作责任

各乡镇、各部门主要负责同志是本地区本部门网络和数据安全第一责任人，要亲自研究、亲自部署。

谢谢大家。
"""


@pytest.fixture(scope="module")
def speech_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "speech_t", SPEECH)


def test_title_speaker_and_day_are_read_from_their_own_lines(speech_kb):
    """The three lines under each other are the title, the speaker (role, a space, the name) and the
    day, not one wrapped paragraph: the speech is titled by its occasion, authored by its speaker."""
    (unit,) = speech_kb.units()
    assert unit.title == "在全县网络安全和数据安全工作推进会上的讲话", unit.title
    assert (unit.author, unit.role, unit.date) == ("孙明远", "青川县人民政府副县长", "2025年9月2日")
    assert not any("推进会上的讲话" in p for p in unit.paragraphs), unit.paragraphs[:3]


def test_who_and_when_of_the_speech_are_answered_from_its_lines(speech_kb):
    """「这是谁的讲话」「讲话是哪天发表的」 ask about the speech itself: the speaker's line and the day line
    answer, each cited, not a sentence of the body that happens to hold a name or a date."""
    who = speech_kb.ask("这篇讲话稿是谁的讲话？")
    assert who.answer.startswith("孙明远"), who.answer
    assert "孙明远" in who.citations[0].quote, who.citations[0].quote
    when = speech_kb.ask("这次讲话是哪天发表的？")
    assert "2025年9月2日" in when.answer, when.answer
    en = speech_kb.ask("When was this speech delivered?")
    assert "2 September 2025" in en.answer, en.answer


def test_relative_years_are_read_against_the_document_day():
    """「今年」 is the document's year, 「去年」「过去一年」 the one before; 「比上年」「较去年同期」 compare,
    they date nothing; without a document day nothing is resolved."""
    assert document_year("2025年9月2日") == "2025" and document_year(None) == ""
    assert relative_years("今年县财政安排专项资金320万元", "2025") == {"2025"}
    assert relative_years("过去一年，全县各部门齐抓共管", "2025") == {"2024"}
    assert relative_years("整改率比上年提高2个百分点，较去年同期增长", "2025") == set()
    assert relative_years("今年县财政安排专项资金", "") == set()
    assert relative_years("How much was spent last year?", "2025", english=True) == {"2024"}


def test_a_section_is_dated_by_its_first_words(speech_kb):
    """「过去一年，…」 opening part one dates all of it (its 219处 is 2024's); part two's 「今年，」 dates
    it 2025; part three says no year."""
    (unit,) = speech_kb.units()
    year = document_year(unit.date)
    at = {p[:6]: i for i, p in enumerate(unit.paragraphs)}
    periods = section_periods(unit.paragraphs, unit.sections, year)
    period = {key: periods[i] for key, i in at.items()}
    assert period["一是隐患排查"] == "2024", period
    assert period["县教育局要督"] == "2025", period
    assert period["各乡镇、各部"] == "", period


def test_a_figure_of_last_year_answers_last_year_and_not_another(speech_kb):
    """「去年…发现了多少处隐患」 is answered by part one's 219处 (dated by 「过去一年」); the same figure
    asked of 2023 or of 「今年」 is refused: the speech gives it for neither year."""
    last = speech_kb.ask("去年全县检查中发现并整改了多少处安全隐患？")
    assert last.grounded and "219" in last.answer, last.answer
    for question in ("2023年全县检查中发现并整改了多少处安全隐患？",
                     "今年全县中小学生网络安全知识竞赛有多少人参赛？"):
        answer = speech_kb.ask(question)
        assert not answer.grounded, (question, answer.answer)


def test_this_years_money_is_no_answer_for_last_year(speech_kb):
    """The speech gives the county's money only for 「今年」 (its day is in 2025): asked of 2025 it
    answers 320万元, asked of 「去年」 (2024) it says the documents do not give that year's."""
    this = speech_kb.ask("2025年县财政安排了多少网络安全专项资金？")
    assert this.grounded and "320万" in this.answer, this.answer
    last = speech_kb.ask("去年县财政安排了多少网络安全专项资金？")
    assert not last.grounded, last.answer


def test_a_deadline_at_a_months_end_answers_when(speech_kb):
    """「10月底前完成…等级保护测评」: a month's end (or 「8月开学前」) is the date a "when … by" asks; it
    leads the answer as printed, and in English as "by the end of October"."""
    answer = speech_kb.ask("全县政务系统等级保护测评要在什么时候之前完成？")
    assert answer.grounded and answer.answer.startswith("10月底前"), answer.answer
    school = speech_kb.ask("中小学网络安全教师培训最晚要在什么时候前办完？")
    assert school.grounded and school.answer.startswith("8月开学前"), school.answer
    en = speech_kb.ask("By when must the graded protection assessment of government systems be finished?")
    assert en.grounded and en.answer.startswith("by the end of October (10月底前)"), en.answer


def test_a_bureau_the_speech_never_names_is_not_answered_with_another(speech_kb):
    """「县文旅局…负责什么」: no passage writes 文旅, so another bureau's task is no answer; 县公安局,
    which the speech names, is answered."""
    absent = speech_kb.ask("县文旅局在网络安全工作里负责什么？")
    assert not absent.grounded and "文旅局" in absent.answer, absent.answer
    named = speech_kb.ask("县公安局在网络安全检查中做了什么？")
    assert named.grounded and "公安局" in named.answer, named.answer
    commission = speech_kb.ask("县卫生健康委在网络安全工作里负责什么？")
    assert not commission.grounded and "卫生健康委" in commission.answer, commission.answer
    plain = speech_kb.ask("县里用什么办法推进政务系统等级保护测评？")  # 「县里用什么办」 names no body
    assert plain.grounded, plain.answer


def test_a_count_asked_in_one_unit_is_read_in_its_kin(speech_kb):
    """「多少条安全隐患」 of 「安全隐患219处」 and 「多少课时」 of 「不少于4学时」: units that count the same
    things answer each other; 「核实有效的有多少条」 leads with the 12条 of the 有效 clause, not the 86条
    before it, and a count ending in 条 reads as a count (「12条。」), not as an article (「12条规定：」)."""
    hidden = speech_kb.ask("去年全县检查中发现了多少条安全隐患？")
    assert hidden.grounded and "219处" in hidden.answer, hidden.answer
    hours = speech_kb.ask("中小学每学期要安排多少课时的网络安全教育？")
    assert hours.grounded and "4学时" in hours.answer, hours.answer
    valid = speech_kb.ask("去年收到的举报线索里核实有效的有多少条？")
    assert valid.answer.startswith("12条。"), valid.answer


def test_the_body_in_charge_is_read_from_the_sentence_after_the_task(speech_kb):
    """「“一中心两平台”由哪个单位牵头」: the speech says what it is, then 「这项工作由县政务服务管理办牵头」;
    of 「进机关由…牵头，进学校由…牵头，进企业由…共同牵头」 the clause of the task asked is read."""
    centre = speech_kb.ask("“一中心两平台”由哪个单位牵头？")
    assert centre.answer.startswith("县政务服务管理办"), centre.answer
    firms = speech_kb.ask("网络安全宣传进企业由哪些单位牵头？")
    assert firms.answer.startswith("县工信局和县工商联"), firms.answer


def test_a_list_asked_is_read_from_the_count_after_its_announcement(speech_kb):
    """「讲话指出了工作中的哪些短板」: the sentence announcing them names none; 「第一，…；第二，…；第三，…」
    after it in the paragraph are the answer, each cited."""
    answer = speech_kb.ask("讲话指出了工作中存在哪些短板？")
    for point in ("防护投入偏少", "进展不平衡", "基层专业力量薄弱"):
        assert point in answer.answer, answer.answer
