"""A document's labelled contact lines (「联系人：…」 then 「联系电话：…」), most often at its end under
whatever heading came last: a question asking how to reach someone is answered by the block whose
label or name it shares a word with, not by a passage about the 12339 hotline. A notice written here,
on the real model."""

from __future__ import annotations

import pytest

from tests.conftest import text_kb

NOTICE = """关于举办2026年国家安全主题征文活动的通知

各镇（街道）、县级机关各部门：

为迎接第十一个全民国家安全教育日，县委宣传部决定举办国家安全主题征文活动。现将有关事项通知如下：

一、征文对象

全县机关干部、企业职工和在校学生均可参加。

二、征文要求

征文围绕总体国家安全观，字数在2000字以内，须为原创。发现危害国家安全的线索，请拨打国家安全机关举报受理电话12339。

三、投稿方式

投稿截止时间为2026年4月5日。

附件：征文报名表

姓名：________　单位：________
联系电话：____________

联系人：顾晓岚（县委宣传部宣传教育科）
联系电话：0571-88123456
网上投稿平台技术支持：钱立（县融媒体中心）
联系电话：0571-88654321
电子邮箱：zhengwen2026@126.com
"""


@pytest.fixture(scope="module")
def notice_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "notice", NOTICE)


def test_the_contact_a_question_names_is_answered_by_its_lines(notice_kb):
    a = notice_kb.ask("征文活动的联系人电话是多少？")
    assert a.grounded and "顾晓岚" in a.answer and "0571-88123456" in a.answer
    assert "12339" not in a.answer and "88654321" not in a.answer
    quotes = [c.quote for c in a.citations]
    assert quotes == ["联系人：顾晓岚（县委宣传部宣传教育科）", "联系电话：0571-88123456"]


def test_the_contact_whose_label_shares_the_questions_words(notice_kb):
    a = notice_kb.ask("投稿平台登不上去，应该找谁？打什么电话？")
    assert a.grounded and "钱立" in a.answer and "0571-88654321" in a.answer


def test_an_email_printed_once_serves_the_contact_asked(notice_kb):
    a = notice_kb.ask("征文联系人的邮箱是什么？")
    assert a.grounded and "顾晓岚" in a.answer and "zhengwen2026@126.com" in a.answer


def test_a_hotline_the_text_names_is_still_answered_from_the_text(notice_kb):
    a = notice_kb.ask("发现危害国家安全的线索打什么电话？")
    assert a.grounded and "12339" in a.answer
