"""A public initiative letter (倡议书) as its text comes out of a PDF, written here in other words than the
unseen one it was found on: appeals numbered 一、二、… each opening with its own short head run on into
its text, an inline list of reporting channels after 「以下渠道…：」 set apart by ；, and its issuers
stacked over the last day of the file.
"""

from __future__ import annotations

import pytest

from rag.question import SHAPE_QUANTITY, analyse
from tests.conftest import text_kb

TITLE = "关于“人人都是国家安全守护人”的倡议书"
APPEAL = """关于“人人都是国家安全守护人”的倡议书

全体市民朋友们：
    今年4月15日是全民国家安全教育日。为营造人人关心、人人维护国家安全的良好氛围，我们向全体市民发出如下倡议：
    一、做保密规定的遵守者。不在微信群、朋友圈转发标注密级的文件，不用私人邮箱传送工作资料，离岗离职人员须按规定交回涉密载体。
    二、做军事设施的保护者。不在军用码头、雷达站及导弹阵地周边拍照、摄像或者放飞无人机，不打听、不传播部队的驻地和行动。
    三、做可疑线索的报告者。发现危害国家安全的行为或者线索，请通过以下渠道随时向国家安全机关报告：拨打举报受理电话12339；登录网上举报平台www.12339.gov.cn；关注“青川国家安全”微信公众号留言；或者到青川市国家安全局接待室当面反映。
    四、做安全知识的传播者。4月1日至4月30日，全市将举办国家安全知识竞赛，一等奖10名，各奖励价值300元的图书卡。

青川市国家安全局
青川市教育局
2026年4月1日
"""


@pytest.fixture(scope="module")
def appeal_kb(tmp_path_factory, settings, encoder):
    return text_kb(tmp_path_factory, settings, encoder, "appeal", APPEAL)


def test_an_appeals_point_its_inline_channels_and_a_yes_no_are_answered(appeal_kb):
    point = appeal_kb.ask("“不打听、不传播部队的驻地”这个要求出自倡议的哪一条？")
    assert point.answer.startswith(f"《{TITLE}》二、做军事设施的保护者"), point.answer  # the point's head
    channels = appeal_kb.ask("发现可疑线索，有哪几种报告渠道？")  # the items after 「以下渠道…：」
    for way in ("12339", "www.12339.gov.cn", "青川国家安全", "接待室"):
        assert way in channels.answer, channels.answer
    drone = appeal_kb.ask("我想在军用码头边上拍几张照片，这样可以吗？")  # 几张 is "a few": no count asked
    assert drone.grounded and "军用码头" in drone.answer, drone.answer


def test_a_few_in_what_one_means_to_do_asks_no_count():
    assert analyse("我想在雷达站旁边拍几张照片，这样可以吗？").shape != SHAPE_QUANTITY
    assert analyse("一等奖有几名？").shape == SHAPE_QUANTITY
    assert analyse("出境回来几天内要报告吗？").shape == SHAPE_QUANTITY  # the clause asking is the count's
