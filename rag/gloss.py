"""English keywords -> Chinese terms, so an English question can be matched against Chinese sources.

Used only to score and check evidence (which sentence holds the answer, whether any does); it is
never shown as a translation. General government / economy / security vocabulary, not this page's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

# (English word stem pattern, Chinese terms any of which stands for it)
_GLOSS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"wuxi", ("无锡",)),
    (r"jiangyin", ("江阴",)),
    (r"liangxi", ("梁溪",)),
    (r"xishan", ("锡山",)),
    (r"xinwu", ("新吴",)),
    (r"jiangsu", ("江苏", "全省")),
    (r"yangtze", ("长江",)),
    (r"taihu|lake tai", ("太湖",)),
    (r"china|chinese|national", ("国家", "全国", "中国")),
    (r"province|provincial", ("省",)),
    (r"city|municipal|urban", ("市", "城市")),
    (r"district", ("区",)),
    (r"high[- ]tech", ("高新技术", "高新区", "高科技")),
    (r"tech|technolog", ("科技", "技术")),
    (r"science|scientific", ("科学", "科技")),
    (r"scientist", ("科学家",)),
    (r"innovat", ("创新",)),
    (r"research|r&d", ("研发", "研究")),
    (r"industr", ("产业", "工业")),
    (r"output|production", ("产值", "生产", "产量")),
    (r"manufactur", ("制造",)),
    (r"enterprise|compan|firm|business", ("企业", "公司")),
    (r"econom", ("经济",)),
    (r"financ|financial", ("金融",)),
    (r"bank", ("银行",)),
    (r"fund", ("基金", "资金")),
    (r"invest", ("投资",)),
    (r"merger|acquisition", ("并购",)),
    (r"trade|export|import(?!an)", ("贸易", "进出口", "出口")),  # not "important"
    (r"foreign|overseas|abroad", ("海外", "境外", "外资")),
    (r"belt and road", ("一带一路",)),
    (r"open(ing)?[- ]up", ("开放",)),
    (r"risk", ("风险",)),
    (r"secur|safety|safe", ("安全",)),
    (r"ecolog|environment", ("生态", "环境")),
    (r"green", ("绿色",)),
    (r"carbon|emission", ("碳", "排放")),
    (r"energy", ("能源", "能耗")),
    (r"water", ("水",)),
    (r"river", ("河", "江")),
    (r"wetland", ("湿地",)),
    (r"air quality|air", ("空气",)),
    (r"pollut", ("污染",)),
    (r"waste|garbage", ("垃圾", "固废", "废")),
    (r"food|grain", ("粮食", "粮")),
    (r"rice", ("水稻", "大米", "稻")),
    (r"farm|agricultur", ("农业", "农田", "耕地", "农")),
    (r"seed", ("种业", "育种", "种")),
    (r"fish", ("鱼", "渔")),
    (r"cyber|internet|online|network", ("网络", "网上", "互联网")),
    (r"data", ("数据",)),
    (r"artificial intelligence|\bai\b", ("人工智能", "AI")),
    (r"robot", ("机器人",)),
    (r"semiconductor|chip", ("半导体", "芯片", "集成电路")),
    (r"aerospace|space|satellite|rocket", ("空天", "航天", "卫星", "火箭")),
    (r"low[- ]altitude|drone", ("低空",)),
    (r"computing", ("算力", "智算")),
    (r"laborator|\blab", ("实验室",)),
    (r"talent|expert", ("人才", "专家")),
    (r"academician", ("院士",)),
    (r"universit|college", ("大学", "高校")),
    (r"school|education", ("学校", "教育")),
    (r"award|prize", ("奖",)),
    (r"reward|bount", ("奖励", "奖金")),
    # reporting a wrongdoing, not a report on a budget
    (r"\breport(?:s|ed|ing)? (?:\w+ )?(?:espionage|spy|suspect\w*|suspicious|clues?|leads?|tips?|illegal|"
     r"violations?|crimes?|terror\w*|security)\b|\bwhistle", ("举报",)),
    # a reported lead (「重要线索」), not "which department leads"
    (r"\b(?:clues?|tips?|tip-offs?)\b|\b(?:a|the|any|each|every|important|valuable|useful)[\"”]? "
     r"(?:\w+ )?lead\b", ("线索",)),
    (r"particular|especial", ("特别", "特殊")),
    # a prize's grade: "second-prize team", "the first prize" (一等奖), not any prize
    (r"first[- ](?:prize|award|place)", ("一等奖",)),
    (r"second[- ](?:prize|award|place)", ("二等奖",)),
    (r"third[- ](?:prize|award|place)", ("三等奖",)),
    (r"issued\b|date of issue", ("印发", "发布", "印发日期")),
    (r"buzzer|quick[- ]response|buzz[- ]in", ("抢答",)),  # a quiz contest's round
    (r"quiz|question bank", ("题库", "竞赛", "试题")),
    (r"patent|intellectual property", ("专利", "知识产权")),
    (r"law|legal", ("法",)),
    (r"regulat|supervis", ("监管",)),
    (r"party", ("党",)),
    (r"secretary", ("书记",)),
    (r"director|head|chief", ("局长", "主任", "书记")),
    (r"bureau", ("局",)),
    (r"commerce|commercial", ("商务",)),
    (r"propaganda|publicity", ("宣传",)),
    (r"infrastructure", ("基础设施",)),
    (r"project", ("项目",)),
    (r"park|zone", ("园区", "园", "区")),
    (r"platform", ("平台",)),
    (r"e-?mail|mailbox", ("邮箱", "电子邮箱", "邮件")),
    (r"reply (?:form|slip)|registration form|\breceipt\b", ("回执",)),  # a notice's form sent back
    (r"brand", ("品牌",)),
    (r"pilot", ("试点",)),
    (r"fire", ("火灾",)),
    (r"metro|subway", ("地铁", "轨道交通")),
    (r"railway|train", ("铁路", "高铁")),
    (r"airport", ("机场",)),
    (r"hospital|medical|health", ("医院", "医疗", "卫生", "健康")),
    (r"populat|resident|inhabitant", ("人口", "居民")),
    (r"gdp|gross domestic", ("GDP", "地区生产总值")),
    (r"revenue|fiscal|tax", ("财政", "税收", "收入")),
    (r"budget", ("预算",)),
    (r"wage|salar|income", ("收入", "工资")),
    (r"hous|real estate|propert", ("住房", "房地产")),
    (r"touris", ("旅游", "文旅")),
    (r"culture|cultural", ("文化",)),
    (r"sport|olympic|marathon", ("体育", "赛事", "马拉松")),
    (r"police|crime|criminal", ("公安", "犯罪")),
    (r"fraud|illegal fundrais", ("诈骗", "非法集资")),
    (r"military|army|defen[cs]e", ("军", "国防")),
    (r"espionage|spy", ("间谍",)),
    (r"population|birth", ("人口", "出生")),
    (r"editor", ("编者",)),
    (r"spring festival|new year|holiday", ("春节", "新年", "假期", "节假日")),
    (r"visitor|tourist", ("游客",)),
    (r"weather|rain|temperature", ("天气", "降雨", "气温")),
    (r"price", ("价格",)),
    (r"employ|job", ("就业", "岗位")),
    (r"interest", ("利益",)),
    (r"region|area", ("地区", "区域")),
    (r"inspect|check", ("检查", "排查")),
    (r"random", ("随机",)),
    (r"office", ("办",)),
    (r"brain", ("大脑",)),
    (r"shield", ("盾",)),
    (r"quality", ("质量",)),
    (r"key|major|important", ("重点", "重大", "关键", "重要")),
    (r"unemploy", ("失业",)),
    (r"traffic|accident", ("交通", "事故")),
    (r"annual|yearly", ("年度", "全年")),
    (r"public security", ("公安",)),
    # a campaign's figures, as a briefing's table counts them
    (r"participa|attendee", ("参与", "参赛")),
    (r"person[- ]times?|attendance", ("人次",)),
    (r"volunteer", ("志愿者", "志愿")),
    (r"materials?\b|leaflet|brochure|pamphlet", ("资料", "材料", "宣传品")),
    (r"coverage", ("覆盖",)),
    (r"activit|campaign event", ("活动",)),
    # a procurement's tender notice
    (r"warrant|guarantee period", ("质保", "保修")),
    (r"\blots?\b", ("包",)),
    (r"tender|\bbid", ("招标", "投标")),
    (r"supplier|vendor|bidder", ("供应商", "投标人")),
    (r"deposit|security bond|performance bond", ("保证金",)),
    (r"procur|purchas", ("采购",)),
    # a court's judgment
    (r"(?<!open )(?<!in )court", ("法院",)),  # "heard in open court" names no court
    (r"judge", ("审判",)),
    (r"sentence|prison|imprison", ("判处", "有期徒刑")),
    (r"appeal", ("上诉",)),
    (r"defendant", ("被告人",)),
    (r"prosecut", ("检察院", "公诉")),
    (r"party a\b", ("甲方",)),
    (r"party b\b", ("乙方",)),
    # secrecy work's words, as a standard or a rule on classified carriers writes them
    (r"classified|confidential|secret(?!ar)", ("涉密", "秘密", "保密")),
    (r"usb|flash drive|thumb drive|removable (?:storage|media|drive)|storage (?:device|media)",
     ("移动存储介质", "存储介质", "U盘")),
    (r"carrier", ("载体",)),
    (r"\bred\b", ("红色",)),
    (r"label|sticker", ("标签", "标志")),
    (r"shredd", ("碎纸机",)),
    (r"destroy|destruction", ("销毁",)),
    (r"repair", ("维修",)),
    (r"standard\b", ("标准",)),
    # a recruitment notice's
    (r"recruit|hiring|\bhire", ("招聘", "聘用")),
    (r"\bexam|written test", ("考试", "笔试")),
    (r"interview", ("面试",)),
    (r"\bposts?\b|\bpositions?\b", ("岗位",)),
    (r"\bcodes?\b", ("代码", "编号")),
    (r"qualification|eligib", ("资格",)),
)
_COMPILED = tuple((re.compile(rf"\b(?:{p})", re.I), terms) for p, terms in _GLOSS)
# Words that carry no checkable content: function words, question and shape words, common verbs,
# and the city's own place names (every passage is about Wuxi).
_NOT_CONTENT_WORDS = """
a an the of in on at to for from by with and or is are was were be been being what which who whom whose
when where why how many much does do did will would can could should has have had its it this that these
those there their his her they he she we our you your as into about over under than then so such not no
article articles author wrote written according say says said mention mentioned tell describe
number amount percentage percent proportion share ratio rate level total figure
come comes came make made take took give gave get got hold held plan planned build built complete completed
achieve achieved reach reached focus focused use used help helped follow followed name named call called
do done go went set put keep kept see seen want need needs include includes including happen happened
wuxi jiangyin liangxi xishan xinwu city year years
"""
_NOT_CONTENT = frozenset(_NOT_CONTENT_WORDS.split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*|\d+(?:\.\d+)?")


def gloss(text: str) -> tuple[tuple[str, ...], ...]:
    """Chinese term groups for the English keywords of ``text`` (one group per keyword found)."""
    return tuple(dict.fromkeys(terms for pattern, terms in _COMPILED if pattern.search(text)))


def support(
    text: str, source: str, names: tuple[str, ...] = (), extra: Mapping[str, Sequence[str]] | None = None
) -> float:
    """Share of the English question's content words whose gloss (or the word itself) is in ``source``;
    ``names`` are toneless pinyin spellings of people in the source ("Chen Qiufeng" -> chenqiufeng);
    ``extra`` maps lower-case words to more Chinese renderings (the corpus dictionary's)."""
    extra = extra or {}
    covered: list[tuple[int, int]] = []
    for pattern, terms in _COMPILED:
        if any(term in source for term in terms):
            covered += [m.span() for m in pattern.finditer(text)]
    words = [m for m in _WORD.finditer(text) if re.sub(r"'s$", "", m.group().lower()) not in _NOT_CONTENT]
    if not words:
        return 1.0
    found = [
        m.group() in source
        or any(a <= m.start() < b for a, b in covered)
        or (len(m.group()) > 1 and any(m.group().lower() in name for name in names))
        or any(term in source for term in extra.get(re.sub(r"'s$", "", m.group().lower()), ()))
        for m in words
    ]
    return sum(found) / len(found)
