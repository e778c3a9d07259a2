"""Two kinds of document as their text comes out of a PDF, written here in other words than the unseen
ones they were found on (a 通告 on a restricted zone and a training notice with its schedule):

- a 通告 two bodies issue together: their names a line each over 「通　　告」 spaced to the header's
  width, its number 「〔2026〕第5号」, a title on two lines; lists whose last item closes with 。 before
  the next paragraph; a phone number set in fours and 110;
- a training notice whose schedule table has a header centred over its columns, names spaced out
  (「日　期」「授　课　人」), a day printed once for the rows under it, and cells wrapped onto lines of
  their own.
"""

from __future__ import annotations

import pytest

from rag.chat import complete_part
from rag.loaders import load_file
from rag.question import SHAPE_HOW, SHAPE_QUANTITY, SHAPE_WHEN, analyse, asks_enumeration
from tests.conftest import document_kb, text_kb, written

NOTICE_TITLE = "关于加强滨江测绘基准站周边区域测绘地理信息安全管理的通告"
NOTICE = """鹭江市国家安全局
鹭江市自然资源和规划局

通　　告

鹭国安通〔2026〕第5号

关于加强滨江测绘基准站周边区域测绘地理信息
安全管理的通告

    为保障测绘基准设施和地理信息安全，根据《中华人民共和国测绘法》
《中华人民共和国反间谍法》等法律法规，现就有关事项通告如下：
    一、管理范围
    以滨江测绘基准站围栏为界，向外800米以内为管理区域。
    二、禁止行为
    在管理区域内，禁止下列行为：
    （一）未经批准擅自设立卫星定位连续运行基准站；
    （二）擅自采集高精度坐标、影像等地理信息数据；
    （三）向境外组织和个人提供区域内的地理信息数据。
    违反前款规定的，由有关部门依法处理。
    三、奖励办法
    举报经查证属实的，按照线索价值分档给予奖励：
    （一）一般线索，奖励500元以上3000元以下；
    （二）重要线索，奖励3000元以上1万元以下；
    （三）特别重要线索，奖励1万元以上5万元以下。
    举报人的个人信息依法予以保密。
    四、举报方式
    （一）国家安全机关举报受理电话：12339；
    （二）发现正在作业的非法测绘无人机等紧急情况，可以直接拨打110报警。
    五、除外情形
    下列活动不受本通告第二条规定限制：
    （一）经批准的基础测绘和应急测绘；
    （二）自然资源主管部门组织的执法检查。
    六、相关单位义务
    管理区域内的企事业单位和物业服务企业，应当在显著位置张贴本通告；发现可疑测绘行为的，应当立即向国家安全机关报告。
    七、本通告自2026年5月1日起施行。政策咨询电话：鹭江市自然资源和规划局测绘管理处 6633 2110。
    特此通告。

鹭江市国家安全局          鹭江市自然资源和规划局
2026年4月20日
"""

SCHEDULE = """关于举办2026年全市保密干部业务培训班的通知

各区保密办，市级机关各部门：
    为提升保密干部业务能力，经研究，决定举办全市保密干部业务培训班。现将有关事项通知如下：
    一、培训安排
  日　期        时　间              内　　容                   授　课　人
 5月12日    9:00—10:30    新修订保密法要点解读          市国家保密局法规处处
                                                        长 程远航
           10:40—12:00    涉密载体管理实务              市国家保密局科技处副处
                                                        长 柳清
 5月13日    9:00—11:30    网络保密风险与典型案例        江城大学网络空间安全学
                          剖析                          院教授 魏子衡
           14:00—16:00    分组研讨                      各组组长
    二、报到
    参训人员共计约120人，于5月11日15:00—19:00到市委党校（滨江路112号）报到。
    三、报名
    请于5月8日前将回执发送至bmpx_2026@163.com。
"""


@pytest.fixture(scope="module")
def notice(tmp_path_factory):
    return written(tmp_path_factory, "survey_zone.txt", NOTICE)


@pytest.fixture(scope="module")
def schedule(tmp_path_factory):
    return written(tmp_path_factory, "training.txt", SCHEDULE)


@pytest.fixture(scope="module")
def notice_kb(tmp_path_factory, settings, encoder, notice):
    return document_kb(tmp_path_factory, settings, encoder, "public_notice", notice)


@pytest.fixture(scope="module")
def schedule_kb(tmp_path_factory, settings, encoder, schedule):
    return document_kb(tmp_path_factory, settings, encoder, "schedule", schedule)


def test_a_notices_bodies_over_its_kind_make_its_header_and_its_lists_last_items_are_items(notice):
    (unit,) = load_file(notice, max_bytes=2**20, timeout=30).units
    assert (unit.title, unit.author, unit.date) == (NOTICE_TITLE, "鹭江市国家安全局、鹭江市自然资源和规划局",
                                                    "2026年4月20日")  # fmt: skip
    header = ("鹭江市国家安全局", "鹭江市自然资源和规划局", "通告", "鹭国安通〔2026〕第5号")
    assert unit.paragraphs[:4] == header
    # the last item of a list, closed by 。, heads nothing: the paragraph after it is its section's
    last = unit.paragraphs.index("（三）特别重要线索，奖励1万元以上5万元以下。")
    assert unit.section_of(last) == unit.section_of(last + 1) == ("三、奖励办法",)
    after = unit.paragraphs.index("违反前款规定的，由有关部门依法处理。")
    assert unit.section_of(after) == ("二、禁止行为",)


def test_a_schedules_wrapped_cells_join_their_rows_and_its_day_stands_for_the_rows_under_it(schedule):
    (unit,) = load_file(schedule, max_bytes=2**20, timeout=30).units
    rows = [p for p in unit.paragraphs if p.startswith("5月1")]
    assert rows == [
        "5月12日 9:00—10:30 新修订保密法要点解读 市国家保密局法规处处长 程远航",
        "5月12日 10:40—12:00 涉密载体管理实务 市国家保密局科技处副处长 柳清",
        "5月13日 9:00—11:30 网络保密风险与典型案例剖析 江城大学网络空间安全学院教授 魏子衡",
        "5月13日 14:00—16:00 分组研讨 各组组长",
    ]


def test_the_notices_issuers_phones_and_points_are_answered(notice_kb):
    issuers = notice_kb.ask("这份通告是哪几家单位联合发布的？")
    assert "鹭江市国家安全局" in issuers.answer and "鹭江市自然资源和规划局" in issuers.answer
    assert "6633 2110" in notice_kb.ask("政策咨询打哪个电话？").answer  # a number set in fours
    urgent = notice_kb.ask("看到有人用无人机在基准站附近非法测绘，情况紧急该打什么电话？")
    assert "110" in urgent.answer and "12339" not in urgent.answer
    exempt = notice_kb.ask("通告里哪一条讲的是不受限制的情形？")  # the point's numbered heading
    assert exempt.answer.startswith(f"《{NOTICE_TITLE}》五、除外情形"), exempt.answer
    # a second part asking something of its own is not answered with the first part's answer
    both = notice_kb.ask("通告落款日期是哪天？政策咨询打哪个电话？")
    assert "2026年4月20日" in both.answer and "6633 2110" in both.answer, both.answer
    duties = notice_kb.ask("物业服务企业需要履行什么义务？")  # a point's duties go on after its ；
    assert "张贴本通告" in duties.answer and "立即向国家安全机关报告" in duties.answer, duties.answer
    reward = notice_kb.ask('How much is the reward for a "particularly important" lead?')
    assert "1万元以上5万元以下" in reward.answer, reward.answer  # quoted in English, found in Chinese


def test_a_schedules_speaker_day_and_hours_are_answered(schedule_kb):
    speaker = schedule_kb.ask("涉密载体管理实务这一课是谁讲的？")
    assert "柳清" in speaker.answer, speaker.answer
    when = schedule_kb.ask("网络保密风险与典型案例剖析安排在哪天几点？")
    assert when.answer.startswith("5月13日 9:00—11:30"), when.answer
    check_in = schedule_kb.ask("报到是哪天几点？")  # a time's span, not its start alone
    assert check_in.answer.startswith("5月11日15:00—19:00"), check_in.answer
    mail = schedule_kb.ask("What e-mail address should the reply form be sent to?")  # no addressee
    assert "bmpx_2026@163.com" in mail.answer and "各区保密办" not in mail.answer, mail.answer


def test_a_later_part_pointing_back_at_a_list_or_swapping_its_party_is_read_whole():
    from rag.chat import Entities, Turn
    from rag.records import Answer

    first = "反间谍法哪一条要求检查、查封、扣押等重要取证工作全过程录音录像？"
    said = Turn(first, first, Answer(first, "", False, (), (), (), "zh"))
    later = complete_part("采取这些措施至少要几个人？", said, first, ["反间谍法"], Entities())
    assert later == "反间谍法采取检查、查封、扣押等措施至少要几个人？"
    case = "个人实施间谍行为但还不构成犯罪的，反间谍法怎么处罚？"
    said = Turn(case, case, Answer(case, "", False, (), (), (), "zh"))
    assert complete_part("换成单位呢？", said, case, ["反间谍法"], Entities()).startswith("单位实施间谍行为")
    # a part objecting to something of its own states its case: the first part's case is not put before it
    appeal = "对国家安全机关作出的行政处罚决定不服，多少天内可以申请复议？"
    said = Turn(appeal, appeal, Answer(appeal, "", False, (), (), (), "zh"))
    later = "对复议决定不服向法院起诉的期限又是多少？"
    assert complete_part(later, said, appeal, ["反间谍法"], Entities()) == later
    # 「要是…呢」 replaces the case nearest the question, not the first clause
    helped = "老百姓因为协助国家安全工作，家里财物受了损失，国家管不管？"
    said = Turn(helped, helped, Answer(helped, "", False, (), (), (), "zh"))
    hurt = complete_part("要是受伤甚至牺牲了呢？", said, helped, ["国家安全法"], Entities())
    assert hurt == "老百姓因为协助国家安全工作，要是受伤甚至牺牲了，国家管不管？"


def test_a_case_clause_sets_neither_the_shape_nor_an_enumeration():
    # 「分别」 in what happened, 「截止时间」 in the case, 「几个人」 in a 的-clause: the last clause asks
    assert not asks_enumeration("同一条线索两个人先后分别举报了，奖金发给谁？")
    assert asks_enumeration("东南西北四至分别到哪里？")
    assert analyse("要是过了截止时间还没报回执，会怎么处理？").shape == SHAPE_HOW
    assert analyse("报名截止时间是哪天？").shape == SHAPE_WHEN
    assert analyse("几个人联名举报的，奖金怎么分？").shape != SHAPE_QUANTITY


def test_a_later_part_is_answered_within_the_law_it_points_back_at(laws_kb):
    first = "反间谍法哪一条要求检查、查封、扣押等重要取证工作全过程录音录像？"
    answer = laws_kb.ask(first + "采取这些措施至少要几个人？")
    assert "第三十一条" in answer.answer and "二人以上" in answer.answer, answer.answer
    helped = laws_kb.ask("居民因为配合国家安全机关工作，房屋财物受了损失，国家给不给补偿？要是受伤了呢？")
    assert "补偿" in helped.answer and "抚恤优待" in helped.answer, helped.answer  # the loss's case replaced
    fined = "对国家安全机关的罚款决定不服，多少天内能申请复议？"
    appeal = laws_kb.ask(fined + "对复议决定有异议向法院起诉要在多少天内？")
    assert "六十日" in appeal.answer and "十五日" in appeal.answer, appeal.answer  # each part its own case


# What the review of the change found with documents of its own: each read as before it
TASKS = """关于做好2026年汛期安全防范工作的通知

各区（县）政府，市级有关部门：
    现将有关事项通知如下：
    一、重点任务
  序号    工作任务                      牵头单位                完成时限
   1      开展水库山塘、堤防海塘安      市水利局、各区          2026年5月
          全隐患排查整治                （县）政府              31日前
   2      完成城区易涝点改造和排水      市住房和城乡建设        2026年6月
          管网清淤疏浚                  局、市综合行政执法局    15日前
    二、工作要求
    （一）各单位要于4月30日前报送工作方案。
    （二）主要负责同志要靠前指挥。
    三、责任追究
    有下列情形之一的，依法依规严肃追究有关单位和人员责任：
    （一）汛期擅自离岗、脱岗的；
    （二）拒不执行人员转移指令。
"""
STAFF = """关于部分单位人员编制情况的审计报告

    一、基本情况
    本次审计抽查了市级部门3个单位。
    二、发现的问题
    （一）部分单位以加班费、值班费等名义违规发放津贴补贴。3个单位涉及金额86万元。
    （二）政府采购执行不严格。
    5个单位化整为零规避政府采购，涉及金额612万元。
    （三）人员编制管理不规范。
    2个单位超编配备人员，具体情况如下：
  序号  单位名称              编制数  实有人数  男  女
  1     市教育局直属机关后勤  45      52        30  22
  2     市交通运输局港航中心  36      41        29  12
"""


def test_what_the_review_found_reads_as_before(tmp_path):
    tasks, staff, lone = tmp_path / "tasks.txt", tmp_path / "staff.txt", tmp_path / "lone.txt"
    tasks.write_text(TASKS, encoding="utf-8")
    staff.write_text(STAFF, encoding="utf-8")
    meeting = "各科室：\n    定于3月20日下午召开安全生产形势分析会，请准时参加。\n\n局办公室\n2026年3月16日\n"
    lone.write_text(f"通知\n\n{meeting}", encoding="utf-8")
    (unit,) = load_file(tasks, max_bytes=2**20, timeout=30).units
    # a row wrapping every cell but its number is one row, not a row under a number spanning rows
    row = "1 开展水库山塘、堤防海塘安全隐患排查整治 市水利局、各区（县）政府 2026年5月31日前"
    assert row in unit.paragraphs
    (unit,) = load_file(staff, max_bytes=2**20, timeout=30).units
    # 男 and 女, one character each and as far apart as the other names, are two columns
    assert "1 市教育局直属机关后勤 45 52 30 22" in unit.paragraphs
    # a heading closed by 。 after a numbered heading running on into its text is a heading
    procured = unit.paragraphs.index("5个单位化整为零规避政府采购，涉及金额612万元。")
    assert unit.section_of(procured) == ("二、发现的问题", "（二）政府采购执行不严格")
    (unit,) = load_file(lone, max_bytes=2**20, timeout=30).units
    assert unit.title == "通知"  # a kind alone, under no body's name, is the title


def test_a_list_item_answering_yes_or_no_is_quoted_under_the_sentence_announcing_its_list(
    tmp_path_factory, settings, encoder
):
    kb = text_kb(tmp_path_factory, settings, encoder, "tasks", TASKS)
    held = kb.ask("拒不执行人员转移指令会被追究责任吗？")  # the item's 。 closes its list: no heading
    assert "严肃追究有关单位和人员责任" in held.answer and "拒不执行人员转移指令" in held.answer, held.answer


def test_a_second_part_one_sentence_answers_with_the_first_is_not_asked_again(schedule_kb):
    both = schedule_kb.ask("涉密载体管理实务由谁讲授？讲课人是什么职务？")
    assert both.grounded and "柳清" in both.answer and "科技处副处长" in both.answer, both.answer
    phone = schedule_kb.ask("培训的联系电话是多少？")  # 「约120人」「112号」 are no phone numbers
    assert not phone.grounded, phone.answer
