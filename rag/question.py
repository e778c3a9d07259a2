"""Question analysis: language, shape (quantity / who / list / when / general) and content terms.

The answerer picks sentences by these: a quantity question needs a figure with a unit, a who
question is answered from article metadata, a list question names every matching article.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rag.errors import QuestionError
from rag.gloss import gloss
from rag.lookup import ENGLISH_LAW_NAMES
from rag.segment import in_dictionary, tagged
from rag.strings import t
from rag.text import detect_lang

SHAPE_QUANTITY = "quantity"
SHAPE_WHO = "who"
SHAPE_LIST = "list"
SHAPE_WHEN = "when"
SHAPE_HOW = "how"
SHAPE_ARTICLE = "article"  # "哪一条规定了…": the answer is an article label
SHAPE_GENERAL = "general"

# A figure as printed on Chinese pages: Arabic (with decimals), Chinese or Roman numerals.
# a number: 1,287 (thousands set apart by commas, as some documents print them), 12.5, 二十, Ⅱ
# a Chinese numeral writes a digit (一…十), or rounds (「千余名」「百多家」): 「万元」「千万」 alone are
# no figures; an amount of money may be written in capitals (「人民币捌拾万元整」)
_NUM = (r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|"
        r"(?=[百千万]*[零一二两三四五六七八九十]|[百千万]+[余多])[零一二两三四五六七八九十百千万]+|"
        r"(?=[拾佰仟万]*[壹贰叁肆伍陆柒捌玖拾])[零壹贰叁肆伍陆柒捌玖拾佰仟万]+|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+)")
# Measures of reports and notices (「35微克/立方米」, 「120万千瓦」): tried first, with a 万 or 亿 in
# front, since the shorter units 万 and 千 they start with would otherwise end the figure (「120万」);
# 度 and 升 are left out: 「一度」 and 「一升一降」 are no figures.
_MEASURES = "微克|毫克|千克|公斤|立方米|平方公里|公顷|千瓦时|千瓦|兆瓦|毫米|厘米|千米|分贝"
_UNITS = (
    f"(?:万|亿)?(?:{_MEASURES})|"
    "%|％|个百分点|百分点|亿元|万元|亿美元|万美元|美元|元|亿|万|千|家|名|项|个月|小时|分钟|秒钟|秒|周岁|课时|学时|个|类|倍|支|单|条|位|座|所|平方米|人次|人|"
    "[KMGT]B(?![A-Za-z])|"
    "篇|次|题|册|字|个?工作日|部(?!分|门|署|委|长|队|件)|道(?=题)|"
    "天|年|批|种|处|公里|米|吨|亩|户|台|件|只|艘|架|辆|期|轮|届|款|份|股|场|例|套|张|栋|棵|株|枚|列(?!入|为|举|明|出)|起(?![来草诉步见点始])"
)
# "四大区域创新合作中心", "八大行动": a small Chinese numeral with 大 counts things too.
# Days as laws print them ("十五日以下拘留", "十个工作日内"); not a day of a month ("4月15日").
_DAYS = (
    r"(?<![月\d零一二两三四五六七八九十百千])(?:\d+|[零一二两三四五六七八九十百千]+)\s*(?:个)?(?:工作)?日(?![期报])"
)
# 「党员2900余名」「100多家」: 余 or 多 between the number and its unit says "more than"
_MORE = r"(?:余|多)?"
# 「1.2万名」「3亿人」: a count in ten-thousands is a figure in its unit too
_TEN_THOUSANDS = r"(?:[万亿](?=余|多|名|人|家|项|个|户|位|次|套|张|场|例|列|台|件|辆|吨|亩|株|棵|册|份))?"
# 「一起」 alone is "together" (「与…一起开展」), a count only of cases (「一起案件」「一起事故」).
_TOGETHER = r"(?<![零一二两三四五六七八九十百千万\d])一起(?![案事])"
# Points of a score (「扣2分」「90分以上」「每项加0.5分」): Arabic only, since 「十分重要」 and 「百分制」
# are no scores; not 分钟, 分之, 分别 nor the words 分 begins (分局, 分类, 分期, …).
_POINTS = r"\d+(?:\.\d+)?\s*分(?![钟之别期类级局区队会行公院析布配工管批成离解享担散组为段秒])"
# A length in minutes and seconds, as a video's is printed (「3分20秒」「13分05秒」): one figure, no score
_MIN_SEC = r"\d+\s*分钟?\s*\d{1,2}\s*秒"
# A ratio of one to some (「按1:3的比例」「开考比例可降至1:2」): a share, asked as one (「比例是多少」); not a
# time of day (「9:00」「14:30」), which has no 1 alone before its colon and two digits after
RATIO = r"(?<![\d:：∶.])1\s*[:：∶]\s*[1-9]\d?(?![\d:：∶])"
# A share written as a fraction: 「不超过理事人数的三分之一」「三分之二以上」 (百分之 and 千分之 are per cent)
FRACTION = (
    r"(?<![\d一二三四五六七八九十百千万])(?:[一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])"
    r"分之[一二三四五六七八九十]+"
)
# Days first: 「十五个工作日」 is a figure in days, not 「十五个」 of something.
FIGURE_RE = re.compile(
    rf"(?!{_TOGETHER})(?:{_MIN_SEC}|{_DAYS}|{_NUM}\s*{_TEN_THOUSANDS}{_MORE}(?:{_UNITS})|{_POINTS}|[两三四五六七八九十]大"
    rf"|{RATIO}|{FRACTION})"
)
# A question's unit and the printed one that means the same ("多少天" is answered by "九十日").
_SAME_UNIT = {
    "天": ("天", "日"), "日": ("日", "天"), "周": ("周", "星期"), "星期": ("星期", "周"),
    "秒钟": ("秒钟", "秒"), "秒": ("秒", "秒钟"),
    "名": ("名", "人", "位"), "人": ("人", "名", "位", "人次"), "位": ("位", "人", "名"),
    "人次": ("人次",),  # person-times are no persons; 「培训多少人」 takes them when nothing else is printed
    "课时": ("课时", "学时"), "学时": ("学时", "课时"),
    "个百分点": ("百分点",), "百分点": ("百分点",),  # 「提高了几个百分点」 of 「提高3.4个百分点」
    "条": ("条", "处", "项", "个", "件"),  # 「多少条隐患」 of 「隐患219处」, 「多少条问题」 of 「问题12个」
    # events, cases and deals: 「几起并购」 of 「完成并购15单」, 「多少起案件」 of 「案件14件」
    "起": ("起", "件", "宗", "单", "例"), "件": ("件", "起", "宗"), "宗": ("宗", "起", "件", "单"),
    "单": ("单", "宗", "起"),
    "题": ("题", "道"), "道": ("道", "题"),  # 「多少道题」 of 「（共15题）」
    "家": ("家", "个", "户"),  # 「多少家单位」 of 「审计83个单位」, 「几家商户」 of 「12户」
}  # fmt: skip
ARABIC_FIGURE_RE = re.compile(rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?\s*{_MORE}(?:{_UNITS})")
_YEAR_RE = re.compile(r"(19|20)\d\d\s*年")
# what makes a year a date: 「2024年9月」, 「2024年上半年」, 「2024年以来」, 「2024年底」
_MONTH_AFTER = re.compile(r"\s*(?:(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月|[上下]半年|以来|底|初|末)")
_YEAR_TERM_RE = re.compile(r"(?:19|20)(\d\d)年?")
DATE_RE = re.compile(r"\d{4}\s*年|\d{1,2}\s*月|\d{1,2}\s*日|[上下]半年|近\S{1,2}年|今年|去年|明年")
# A deadline at a month's end or part, or before the month's event: 「9月底前」「9月上旬」「9月开学前」
# (not 前往/前进/前列); rag.answer's when_date feature and its short answer read it as a date.
# a month of a year named by where it stands (「全面整改情况将于今年12月…报告」), no day after it, no
# deadline (「今年6月底前」 is MONTH_DEADLINE's)
MONTH_OF_YEAR = (
    r"(?:今年|明年|本年|次年|当年)\s*\d{1,2}\s*月(?!\s*\d)(?!底|末|初|[上中下]旬|[\u4e00-\u9fff]{0,3}?前)"
)
MONTH_DEADLINE = (
    r"(?<![\d个])\d{1,2}\s*月(?:(?:底|末|初|[上中下]旬)(?:前|以前)?|[\u4e00-\u9fff]{0,3}?前(?![往进列]))"
)

# "哪几类" asks for the kinds, not how many: an enumeration, not a quantity.
_ITEMS_OF_FEW = re.compile(
    r"(?<!哪)几[个项类种条大][^，。？?；;]{0,10}?(?:分别|具体|都)?(?:是什么|是哪些|有哪些|指什么|包括哪些|分别是|是指)"
)
# 「电话是多少」 asks a number to call, not a quantity
# 「几点开始」「几点钟」 ask a time of day; 「几点意见」「几点要求」 count points
_POINT_NOUNS = (
    "意见|要求|建议|措施|体会|经验|做法|原因|内容|理由|启示|看法|考虑|思考|注意|变化|不足|问题|共识|想法|作用|好处"
)
# A time of day asked (「几点几分发生的」「什么时刻」) and one printed (「14时18分许」「9点30分」「14:18」)
_CLOCK_ASKED = re.compile(r"几[点时]几分|什么时刻|哪个时刻")
# (「提了几点要求」 counts points)
_CLOCK_ASKED_ALSO = re.compile(
    r"(?<![哪这那前后])几点(?!要求|意见|建议|做法|体会|措施|工作|内容|经验|原因|不足|问题|考虑|启示|希望|看法)"
    r"|\bwhat time\b(?! (?:limit|frame|period|span))",
    re.I,
)
CLOCK_RE = re.compile(
    r"(?<![\d.])\d{1,2}\s*[时点]\s*\d{1,2}\s*分|(?<![\d.])\d{1,2}\s*时许|(?<![\d.:])\d{1,2}:\d{2}(?![\d:])"
)
_CONTACT_ASKED = re.compile(r"(?:电话|热线|手机|号码|邮箱|网址|传真|邮编)(?:号码|号)?(?:是)?(?:多少|几号)")
# 几 counts, but not in a day of the month (「几号」「几月几日」: a when)
_QUANT_ZH = re.compile(
    rf"多少|(?<![哪月])几(?![乎号])(?!点(?!{_POINT_NOUNS}))(?!月几?[日号])(?!级[^，。？?]{{0,6}}?(?:响应|预警)).|"
    r"比例|比重|占比|比率|"
    r"[^效]率[是为多]|多大|多高|多长|多久|规模"
)
_QUANT_EN = re.compile(
    r"\bhow (many|much|large|big|high)\b|\bpercent(age)?\b|\bproportion\b|\bshare\b|\bratio\b|\brate\b|"
    r"\bintensity\b|"  # "R&D intensity": 研发投入强度, a percentage
    r"\bnumber of\b|\bamount\b|\bhow long\b|\bbudget\b|"
    r"\btotal (?:[\w&-]+ ){0,3}(?:value|sum|cost|investment|output|number|expenditure|spending)\b|"
    r"\b(?:what|which|how large an?|how big an?) (?:fines?|penalty|penalties)\b|"
    # "what is the maximum detention": a limit is a figure, as 「最长…多久」 is in Chinese
    r"\b(?:what|which) (?:is|are|was) the (?:\w+ )?(?:maximum|minimum|longest|shortest)\b(?! extent)",
    re.I,
)
_WHEN_ZH = re.compile(
    rf"什么时候|何时|哪一年|哪年|哪一天|哪天|几月|几号|日期|时间|时刻|(?<![哪这那前后])几点(?!{_POINT_NOUNS})"
)
# English "who" and "when" ask only at the head of the question: in "a fine on an individual who
# refuses…" or "does the law apply when…" they open a relative or conditional clause.
_HEAD_EN = r"^(?:(?:and|so|then|but) )?"
_WHEN_EN = re.compile(
    _HEAD_EN + r"(?:(?:by |until |till )?when\b"
    r"|(?:(?:on|in|from|by|at) )?(?:what|which) (?:year|date|day|month|time)\b"
    r"(?! (?:limit|frame|period|span))"
    r"|what(?:'s| is| was| will be) the (?:\w+ )?(?:date|day|year)\b(?!-))",  # not "year-on-year"
    re.I,
)
_HOW_MUCH_EN = re.compile(
    r"\bhow (?:many|much|long|large|big|high)\b|\bwhat (?:percentage|share|proportion)\b", re.I
)
# 身份 asked (「什么身份」), not named (「出示身份证」 asks whether, not who)
_WHO_ZH = re.compile(
    r"作者|谁|职务|职位|(?:什么|哪种|何种)身份|身份(?:是|为)(?!否)|担任什么|什么(?:职|官)|(?:文章|一文)的?(?:题目|标题|篇名)"
    r"|哪[个位家][^，。？?]{0,8}(?:写|撰写|署名)的"  # 「是哪个区的书记写的」
    r"|出自[^，。？?]{0,12}之手"  # 「文章出自哪个部门的负责人之手」
    r"|哪(?:个|一个?)[^，。？?的]{0,4}的?(?:书记|局长|主任|部长|区长|市长|县长|负责人)"  # 「是哪个区的书记」
    r"|在哪[^，。？?]{0,4}任职"
)
_WHO_EN = re.compile(
    _HEAD_EN + r"(?:who|whom|whose)\b|\bauthor\b|\bwrote\b|\bwritten by\b|\b(role|position|job)\b|"
    r"(?:'s|\b(?:what|which|his|her|their)) posts?\b",
    re.I,
)
# "Under the Counter-espionage Law, who …", "According to the article, when …": the head comes after.
_LEAD_EN = re.compile(
    r"^(?:under|according to|in|for|as per|per|based on|regarding|with regard to)\b[^,]{0,80},\s*", re.I
)
_LIST_ZH = re.compile(
    r"(哪些|哪几|几篇|哪位|哪个|哪一?篇|哪[两三四五六七八九])(文章|篇|作者|位作者|人(?![才员口民力群士身工文大]))"
    r"|文章有哪些|作者有哪些|文章(?:是|有)?哪(?:一?篇|些|几篇)"
)
_LIST_EN = re.compile(
    # "list" as a request (「List all authors」), not a verb of the text ("what did the chief list for 2024")
    r"\bwhich (?:two |three |four |five )?(articles|authors|pieces|writers)\b|\bwhat articles\b|"
    r"(?:^|\b(?:please|you|me)\s+)list\b|\blist (?:all|every|each)\b",
    re.I,
)
# 「属于哪一级响应」「是什么等级」「算哪一类」: a grade or class asked, which an item's head (「（2）Ⅱ级响应
# （重大事件）。…」) or a band of figures decides
GRADE_ASKED = re.compile(
    r"哪一?级|几级(?=[^，。？?]{0,6}?(?:响应|预警))|哪个等级|什么等级|什么级别|哪一?类|属于|哪个等次|什么等次|哪一?档|"
    r"\b(?:what|which) (?:level|grade|tier|class)\b",
    re.I,
)
# 「在哪一节里规定」「哪一章」「哪个部分讲了…」: the part of the document's outline, named by its heading
SECTION_ASKED = re.compile(
    r"哪一?[章节]|哪个章节|哪[个一]部分|什么部分|哪一?块内容|第几(?:章|部分)|"
    r"\b(?:which|what) (?:chapter|part|section)\b",
    re.I,
)
# What a question asks which of, as it writes it, at its end (「遵守哪些约束措施？」: 约束措施; 「哪几项重大
# 技术突破？」: 重大技术突破)
ASKED_THING = re.compile(
    r"(?:哪些|哪几[种项类条个家所位]|什么)([\u4e00-\u9fff]{2,10}?)(?:呢|啊)?[？?，,。]?$"
)
# 「哪一条规定了…」; 「哪部法律规定的」 asks the law, answered as 「《…法》第十四条规定：…」
_PART_ASKED = re.compile(r"第几(?:章|节|部分)")  # where, or which class period (「第几节」): no count
_A_FEW = re.compile(r"(?<=[\u4e00-\u9fff])几[张个次句条件篇份天]")
_ARTICLE_ZH = re.compile(
    r"哪一?条|第几条|哪几条|哪一?款|哪个条款|什么条款|哪项规定|哪一?部法|哪个法律|什么法律"
)
_ARTICLE_EN = re.compile(r"\b(which|what) (article|section|provision)\b", re.I)
# 「做了哪些工作」「有什么做法」 ask for measures as 「采取了哪些措施」 does; 「那几句话是怎么说的」 asks the
# wording, not how anything is done
_HOW_ZH = re.compile(
    # 「会被怎么罚」「如何处罚」 ask the penalty, not measures
    r"(?:如何|怎样|怎么)(?!样?(?:说|讲|写|表述|称呼|叫|罚|处罚|处分|被罚|被处罚))|举措|"
    r"(?:哪些|什么|哪几项)(?:具体|主要|重点|重要|有效)?(?:措施|工作|做法|办法|手段)|"
    r"(?<![是叫看当称])(?:做|干)了?(?:哪些|什么|哪几件)(?:事|实事|工作)?|哪些(?:行动|探索|实践)"
)
_HOW_EN = re.compile(
    r"\bhow (does|do|did|will|is|are|to|can)\b|\bwhat (measures|steps|actions)\b|"
    r"\bwhat (?:has|have|had|did|does|do|will) [\w\s'-]{1,40}? (?:do|done)\b(?! so\b)",
    re.I,
)

# Expected unit of a quantity question: "多少家" -> 家; English hints map to the printed unit.
_UNIT_AFTER_ZH = re.compile(
    r"(?:多少|几)\s*(?:个(?=小时|人|字))?(个百分点|百分点|人次|亿元|万元|平方米|公里|个月|小时|分钟|秒钟|周岁|"
    r"[家名项个类倍支单条位座所人篇次天年批种处户台件场例套张栋棵株枚列元秒起题道期届字份册辆艘架只轮]|"
    r"部(?!分|门|署|委|长|队|件)|分(?![钟之]))"
)
# A unit the question states itself ("多少小时", "多少亿元", "how many hours"), not one guessed from
# its words (率 -> %): a quote holding no figure in it does not give the asked number. 哪几类 lists
# kinds, 第几条 asks for an article and 几个 counts anything: none of them states a unit.
_STATED_UNIT_ZH = re.compile(
    r"(?:多少|(?<![哪第])几)\s*(?:个(?=小时|人|工作日|字))?(?:[万亿](?!元))?"
    rf"({_MEASURES}|个百分点|百分点|人次|亿元|万元|平方米|公里|个月|小时|分钟|秒钟|秒|周岁|课时|学时|工作日|"
    r"[元家名项倍支座所人次天年户台件吨亩场例套张栋棵株枚列起条题道期届字])"
)
# people counted with no measure word (「有多少粉丝」「多少志愿者参加」「多少宣讲员」): a noun of people
# (ending in 员 or 者, or one of a few) that closes the question or is followed by taking part; not the
# head of a longer noun (「多少民营企业」「多少消费者投诉」「多少村民委员会」)
_PEOPLE_COUNTED = re.compile(
    r"(?:多少|(?<![哪第])几)"
    r"(?:[^\W\d_a-zA-Z的钱元个了是在和与被民众]{0,4}?[员者]|学生|粉丝|网民|居民|村民|市民|群众|观众)"
    r"(?=[？?。，,！!]|$|参加|参与|到场|报名|加入|参赛|出席|听讲)"
)
_STATED_UNIT_EN = re.compile(
    r"\bhow many (?:(?:consecutive|working|calendar|full|more) )?"
    r"(seconds|minutes|hours|days|months|years)\b",
    re.I,
)
# "How many organizations / members / funds": things counted, the English for 「多少家/名/支」. A count
# is a figure with a measure word, never an amount of money, a share or a length of time.
_PLURALS = frozenset({"people", "personnel", "staff", "police", "children", "men", "women"})
_COUNT_EN = re.compile(r"\b(?:how many|the number of)((?:\s+[a-z&-]+){1,4})", re.I)  # "M&A deals"
_NOT_COUNTED = frozenset({
    "hours", "days", "months", "years", "weeks", "times", "percent", "yuan", "dollars",  # not things
    "kilometers", "kilometres", "meters", "metres", "tons", "tonnes", "hectares", "square", "cubic",
    "billions", "millions", "thousands", "points",  # measures and magnitudes
    "is", "are", "was", "were", "has", "have", "had", "do", "does", "did", "can", "could", "will",
    "would", "may", "must", "should",  # the verb: no counted noun came before it
})  # fmt: skip
# 「今年是第几个」「排第几位」 asks a rank, answered by 「第十个」「第11位」; 第几条 asks an article.
ORDINAL_ASKED_RE = re.compile(r"第几(?![条款项章节])")
ORDINAL_RE = re.compile(rf"第\s*{_NUM}\s*(?:个|届|次|位|名|批|轮|期|大|年|代|季)")
# 第三十三条, 第二款: where something is in a document, not an amount of anything
ADDRESS_RE = re.compile(r"第[零一二两三四五六七八九十百千\d]+[条款项章节]")
_ORDINAL_OR_ADDRESS = re.compile(rf"第\s*{_NUM}\s*\S|前[两二三]款")
_ONE_OF = re.compile(r"[一两]\s*\S")
COUNT_RE = re.compile(
    rf"{_NUM}\s*[万亿]?\s*{_MORE}(?:个(?!月)|家|名|项|类|支|单|条|位|座|所|人|篇|次|批|种|处|户|台|件|只|艘|架|期|轮|届|款|份|股|"
    r"题|道(?=题)|场|册|部(?!分|门|署|委|长|队|件))"
)
_STATED_EN = {
    "seconds": "秒", "minutes": "分钟", "hours": "小时", "days": "日", "months": "个月", "years": "年"
}  # fmt: skip
# The measure word Chinese counts an English question's counted noun by: "how many employees" is
# 「多少名员工」, answered by 「…人」 or 「…名」, not by 「58家重点企业」.
_PEOPLE_EN = """people persons personnel staff employees workers talents experts scientists researchers
members officials residents students volunteers academicians professionals engineers teachers"""
_FIRMS_EN = "companies enterprises firms businesses"
_COUNTED_UNIT_EN = {**dict.fromkeys(_PEOPLE_EN.split(), "名"), **dict.fromkeys(_FIRMS_EN.split(), "家")}
# Whole words only: "cooperate" holds no rate, "personal" no persons.
_UNIT_HINTS_EN = (
    (re.compile(r"\bhow many minutes\b", re.I), "分钟"),
    (re.compile(r"\bhow many hours\b", re.I), "小时"),
    (re.compile(r"\bhow many days\b", re.I), "日"),
    (re.compile(r"\bhow many months\b", re.I), "个月"),
    (re.compile(r"\bhow many years\b", re.I), "年"),
    (re.compile(r"\b(?:percent|proportion|share|ratio|rate|intensity)", re.I), "%"),
    (re.compile(r"\b(?:yuan|invest|money|funds?\b|funding|cost|spend|budget|capital|dollar|"
                r"total (?:[\w&-]+ ){0,3}(?:value|expenditure)|fines?\b)", re.I), "元"),
    (re.compile(r"\b(?:compan|enterprise|firm|business)", re.I), "家"),
    (re.compile(r"\b(?:projects?|awards?|prizes?|items?)\b", re.I), "项"),
    (re.compile(r"\b(?:people|talents?|experts?|scientists?|members?|persons?)\b", re.I), "名"),
    (re.compile(r"\bfile size\b|\bsize of (?:the|each|a) file\b|\bmegabytes?\b", re.I), "MB"),
)
_UNIT_HINTS_ZH = (
    (re.compile(r"比例|比重|占比|比率|率|百分之(?:多少|几)|几分之几"), "%"),
    (re.compile(r"投资|资金|金额|多少钱|罚款|罚金|罚多少|罚几|奖金|补贴|拨款|报酬|酬金|薪酬|工资|赃款|违法所得|好处费"),
     "元"),
    (_PEOPLE_COUNTED, "人"),  # 「有多少粉丝」
    (re.compile(r"文件[^，。？?]{0,4}(?:多大|大小)|多大的?文件|多少兆|多少M"), "MB"),  # a file's size
)

# Question words and function words: they never locate an answer.
_STOP_ZH_WORDS = """
什么 什么样 哪些 哪个 哪里 哪儿 哪几 哪位 哪篇 多少 如何 怎么 怎样 为什么 是否 是不是 是 的 了 在 有
和 与 及 以及 吗 呢 吧 谁 一文 文章 作者 提到 提及 谈到 涉及 要 对 中 为 被 把 将 等 目前 已 已经
哪 几 这 那 该 其 之 方面 情况 主要 通过 进行 关于 请问 请 一下 告诉 介绍 具体 分别 哪两个 两个
哪三个 提出 采取 措施 举措 问题 内容 说 讲 写 写了 篇 篇文章 哪一篇 文中 文 指出 职务 职位 身份 担任
意思 含义 是指 指的是 题目 标题 包括 哪方面 哪一条 哪条 第几条 条 规定 本法 或者 或是
专版 版面 本版 这期 本期 这一期 里 整个
请说出 说出 请列出 列出 请给出 告诉我
东西 那家 这家 那个 这个 那些 这些
要是 如果 假如 万一 拿到
"""
_STOP_EN_WORDS = """
a an the of in on at to for from by with and or is are was were be been what which who whom whose when
where why how many much does do did will would can could should has have had its it this that these
those article articles author wrote written about according say says said
"""
_STOP_ZH = frozenset(_STOP_ZH_WORDS.split())
_STOP_EN = frozenset(_STOP_EN_WORDS.split())
_QUOTED_RE = re.compile(r"[“\"「『《]([^”\"」』》]{2,40})[”\"」』》]")
_TITLE_RE = re.compile(r"《([^》]{2,60})》")
# Chinese an English question quotes in single quotes: "mention '揭榜挂帅'" (not the 's of "Wuxi's")
_CJK_SINGLE_QUOTED = re.compile(r"['‘]([\u3400-\u9fff][\u3400-\u9fff\w+·]{1,39})['’]")
# "… serves as commander (指挥长) of …": an English question's Chinese word in brackets is the
# document's own term for what it asks about, as one in quotes is
_CJK_BRACKETED = re.compile(r"[（(]([\u3400-\u9fff][\u3400-\u9fff\w+·]{1,39})[)）]")
_CJK_RE = re.compile(r"[\u3400-\u9fff]")
# jieba's tags for place, person, organisation and other proper names.
_NAME_FLAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nt", "nz", "eng"})
_LATIN_TERM_RE = re.compile(r"[A-Za-z][A-Za-z0-9.+\-]*\d[A-Za-z0-9.]*|[A-Z]{2,}[a-z0-9]*|\d+(?:\.\d+)?%?")


@dataclass(frozen=True)
class Question:
    """A question as the answerer understands it."""

    text: str
    lang: str  # "zh" | "en"
    shape: str  # SHAPE_*
    terms: tuple[str, ...]  # content terms that may occur verbatim in a Chinese source
    groups: tuple[tuple[str, ...], ...]  # terms to look for; a group is found when any member is
    quoted: tuple[str, ...]  # strings the user quoted (“…”, 《…》): matched literally
    titles: tuple[str, ...]  # strings in 《…》: article titles
    unit: str | None  # expected unit of a quantity question
    light: frozenset[str] = frozenset()  # verbs and adverbs: they weigh less than names and nouns
    places: tuple[str, ...] = ()  # districts of the corpus the question names (see local_places)
    names: frozenset[str] = frozenset()  # proper names, years, Latin terms: what a question is about
    documents: tuple[str, ...] = ()  # laws and regulations the question names (document_names)


def question_lang(text: str) -> str:
    """The question's language: that of its words outside quotes (“Who wrote “坚定不移践行总体国家
    安全观”?” is English); punctuation-only text is English only when it is all ASCII."""
    unquoted = _QUOTED_RE.sub(" ", text)
    for probe in (unquoted, text):
        if _CJK_RE.search(probe) or re.search(r"[A-Za-z]", probe):
            return detect_lang(probe)
    return "en" if text and text.isascii() else "zh"


def prepare_question(raw: str, max_chars: int) -> tuple[str, bool]:
    """Strip and truncate a question; raise ``QuestionError`` when nothing askable remains."""
    text = _strip_invisible(raw or "").strip()
    if not any(unicodedata.category(ch)[0] in "LN" for ch in text):  # empty, punctuation or emoji
        raise QuestionError(t("empty_question", question_lang(text)))
    if max_chars > 0 and len(text) > max_chars:
        return text[:max_chars], True
    return text, False


# A quoted formula whose numbers the question asks (「要打造的现代产业集群是“几加几加X”」): 几 and 多少
# stand for the numbers, 加 for a plus; the documents print it with them (“6+2+X”), so no text holds the
# quote as asked.
_TEMPLATE_QUOTED = re.compile(r"[“\"「]([^”\"」]{0,16}?(?:几|多少)[^”\"」]{0,16})[”\"」]")
_TEMPLATE_PARTS = re.compile(r"几|多少|加|[+＋]|.", re.S)
_TEMPLATE_NUMBER = r"(?:\d+|[一二两三四五六七八九十]+)"
_TEMPLATE_ASKED, _TEMPLATE_PLUS = ("几", "多少"), ("加", "+", "＋")


def filled_template(question: str, texts: Iterable[str]) -> str:
    """``question`` with a formula it quotes with its numbers asked (“几加几加X”) written as the one
    formula of that form ``texts`` print (“6+2+X”); ``question`` itself when they print none, or more
    than one. Only a sum is a formula: a quoted 「“几个工作日”」 asks a number, which no quote presumes."""
    m = _TEMPLATE_QUOTED.search(question)
    if m is None:
        return question
    parts = _TEMPLATE_PARTS.findall(m.group(1))
    if not any(p in _TEMPLATE_PLUS for p in parts):
        return question
    form = "".join(
        _TEMPLATE_NUMBER if p in _TEMPLATE_ASKED else "[+＋]" if p in _TEMPLATE_PLUS else re.escape(p)
        for p in parts
    )
    # the whole formula: not the “2+X” of “6+2+X”
    pattern = re.compile(rf"(?<![\d+＋一二两三四五六七八九十]){form}(?![\d+＋])")
    found: set[str] = set()
    for text in texts:
        if "+" in text or "＋" in text:  # (most passages print no sum: a cheap test first)
            found.update(x.group(0) for x in pattern.finditer(text))
            if len(found) > 1:
                return question
    return question[: m.start(1)] + found.pop() + question[m.end(1) :] if found else question


# 「这几年」「近几年」「前几天」「几年来」「十几个」「好几天」 say when or about how many (「连续几年」 asks);
# 「那几句话」「这几项措施」 point at things the question names: they ask no number.
_FEW_NOT_ASKED = re.compile(
    r"(?:近|前|最近|过去|十|好)几[年月天日周个]|几[年月天日周个]来|[这那]几(?=[\u4e00-\u9fff])"
)


# 「如果几支队伍分数打平，用什么办法…」「几个人联名举报的，奖金怎么分」: a 几 or 多少 in a condition (or
# a case, a clause ending 的 before its comma) is "some" when the question asks something else after it
_CONDITION = re.compile(r"(?:如果|假如|假若|倘若|要是|一旦|万一)[^，,。？?；;]*|[^，,。？?；;]+的(?=[，,])")
_ASKS_AFTER = re.compile(r"什么|怎么|怎样|如何|哪|谁|为什么|为何|多少|几|吗")
_COUNT_WORD = re.compile(r"几|多少")


def unasked(text: str) -> str:
    """``text`` with its 「这几年」-like phrases and a condition's 几 blanked, for the tests that read 几
    as asking a number."""
    text = _FEW_NOT_ASKED.sub(lambda m: "　" * len(m.group(0)), text)
    for m in _CONDITION.finditer(text):
        if _ASKS_AFTER.search(text, m.end()):
            blanked = _COUNT_WORD.sub(lambda w: "　" * len(w.group(0)), m.group(0))
            text = text[: m.start()] + blanked + text[m.end() :]
    return text


# A sentence after the question asking only how to give the answer (「…要尽哪些义务？帮我列一下主要几条。」
# 「…有哪些？请逐条列出。」「…怎么办？简单说说」): nothing of it is a thing asked. A summary, a quiz or a
# translation asked so is a request of its own (rag.catalogue), not read here.
_PRESENT_ONLY = re.compile(
    r"说出|举出|请|麻烦|帮我|帮忙|给我|替我|你|能不能|能否|可以|可否|一下|下|列出来|列出|列举|罗列|列|说说|说一说|"
    r"说|讲讲|讲一讲|讲|告诉我|解释|说明|简单|简要|具体|详细|大概|主要|重点|的|几条|几点|要点|分条|逐条|逐项|举|"
    r"例子|几个|几种|几项|清单|条|点|出来|地|吧|啊|呢|谢谢|谢了|就行|即可|好吗|行吗|好|[。！!，,、\s]"
)
_ASKED_THEN = re.compile(r"^(.*[？?])([^？?]+)$", re.S)


def without_presentation_request(text: str) -> str:
    """``text`` without a last sentence that asks only how to give the answer (``_PRESENT_ONLY``), when
    a question comes before it; else ``text``."""
    m = _ASKED_THEN.match(text.strip())
    if not m or not re.search(r"[\u4e00-\u9fff]", m.group(2)) or _PRESENT_ONLY.sub("", m.group(2)):
        return text
    return m.group(1)


def analyse(text: str, lang: str | None = None) -> Question:
    """Language, shape, content terms and expected unit of a question."""
    lang = lang or question_lang(text)
    asks = unasked(text) if lang == "zh" else text
    marks = (_QUOTED_RE, _CJK_SINGLE_QUOTED, *((_CJK_BRACKETED,) if lang == "en" else ()))
    quoted = tuple(dict.fromkeys(m.group(1).strip() for r in marks for m in r.finditer(text)))
    titles = tuple(m.group(1).strip() for m in _TITLE_RE.finditer(text))
    words = _segment(_QUOTED_RE.sub(" ", text)) if lang == "zh" else []  # one jieba pass for all
    terms, light, names = _terms(words, text, lang, quoted)
    groups = tuple(_year_forms(term) for term in terms) + (gloss(text) if lang == "en" else ())
    return Question(
        text=text,
        lang=lang,
        shape=_shape(asks, lang),
        terms=terms,
        groups=tuple(dict.fromkeys(groups)),
        light=light,
        names=names,
        quoted=quoted,
        titles=titles,
        unit=_unit(asks, lang),
        documents=_documents(text, words, (*quoted, *titles)) if lang == "zh" else _english_documents(text),
    )


# A law or regulation by its name: words ending in 法 or 条例 after the nouns that name it
# (数据|安全法, 反间谍|法, 出口|管制法, 网络|数据安全|管理条例). Words that merely end in 法 are not names.
_DOC_END_RE = re.compile(r"(?:法|条例)$")
_NOT_DOCUMENTS_WORDS = """
本法 该法 此法 办法 方法 做法 说法 看法 想法 违法 合法 非法 依法 执法 立法 司法 守法 犯法 用法
手法 技法 算法 语法 书法 疗法 宪法 刑法 民法 国法 家法 兵法 写法 读法 章法 无法 设法 效法 解法
普法 讲法 提法 叫法 打法 玩法 作法 正法 变法 笔法 句法 心法 良法 恶法 公法 私法
"""
_NOT_DOCUMENTS = frozenset(_NOT_DOCUMENTS_WORDS.split())
# What says which kind of law, not which law (「那部地方条例」「有关法规」「配套条例」): no name to look for
_KIND_WORDS = frozenset("地方 相关 有关 配套 单行 专门 现行 上位 部门 行政 省级 市级 本市 本省 新 旧".split())  # noqa: SIM905
_DOC_PART_FLAGS = frozenset({"j", "b", "vn", "zg", "an"})  # besides nouns (n*): abbreviations, 反-


def document_names(text: str, lang: str = "zh") -> tuple[str, ...]:
    """The laws and regulations ``text`` names (「保守国家秘密法从哪天起施行」 -> 国家秘密法), as
    their name's nouns: a verb opening the name (保守) is left out, so the name is found inside
    the full title too. English names of the security laws are given in Chinese. Used to tell a
    question about a document the knowledge base does not hold."""
    if lang != "zh":
        return _english_documents(text)
    quoted = [m.group(1).strip() for r in (_QUOTED_RE, _TITLE_RE) for m in r.finditer(text)]
    return _documents(text, _segment(_QUOTED_RE.sub(" ", text)), quoted)


def _english_documents(text: str) -> tuple[str, ...]:
    return tuple(name for pattern, name in ENGLISH_LAW_NAMES if pattern.search(text))


def _documents(text: str, words: list[tuple[str, str]], quoted: Sequence[str]) -> tuple[str, ...]:
    """``document_names`` from the question's words outside quotes (``_segment``) and from its
    quoted strings that end like a law's name, in the order the question has them."""
    found = _document_runs(words)
    for q in quoted:  # jieba cuts at the quote marks anyway: the words inside read the same alone
        if _DOC_END_RE.search(q):
            found += _document_runs(_segment(q))
    return tuple(sorted(dict.fromkeys(found), key=text.find))


def _document_runs(words: list[tuple[str, str]]) -> list[str]:
    found = []
    for i, (word, _flag) in enumerate(words):
        if not _DOC_END_RE.search(word) or word in _NOT_DOCUMENTS:
            continue
        start = i
        while start > 0 and _names_part(*words[start - 1]):
            start -= 1
        while start < i and words[start][0] in _KIND_WORDS:  # 「现行国家安全法」: 国家安全法, now in force
            start += 1
        name = "".join(w for w, _ in words[start : i + 1]).removeprefix("中华人民共和国")
        if len(name) >= 3 and name not in _NOT_DOCUMENTS and _DOC_END_RE.sub("", name) not in _KIND_WORDS:
            found.append(name)
    return found


def _segment(text: str) -> list[tuple[str, str]]:
    """jieba's words of ``text`` with their part-of-speech tags, cut after a year first: 「2024年青湄市」
    is 2024年 and 青湄市, not 年青 (young) and 湄市; a verb split by 的/了 is one word again (「谁签的字」
    asks who 签字, as a document prints it)."""
    text = _SPLIT_VERB.sub(r"\1\2", text)
    out = [(w.strip(), flag) for piece in _AFTER_YEAR.split(text) if piece for w, flag in tagged(piece)]
    # a modal and a one-character verb jieba's model made one word of (「最长能管多久」: 能管, tagged a
    # noun) are the two words: no text holds 能管, and an absent noun weighs the question's terms most
    return [part for w, flag in out for part in (_modal_verb(w, flag) or ((w, flag),))]


_MODAL_VERB = re.compile(r"[能可会要该得敢肯想需应][\u4e00-\u9fff]")


def _modal_verb(word: str, flag: str) -> tuple[tuple[str, str], ...] | None:
    # (one tagged a verb, 应缴 or 可售, is a light term already, and may be the document's own word)
    if not flag.startswith("v") and _MODAL_VERB.fullmatch(word) and not in_dictionary(word):
        return (word[0], "v"), (word[1], "v")
    return None


# verbs a question splits with 的, 了 or 过 (离合词: 签了字, 盖的章, 报过名, 开的会)
_SPLIT_VERB = re.compile(
    r"(签|盖|报|开|请|毕|结|离|见|照|握|办|受)(?:了|的|过)(字|章|名|会|假|业|婚|面|相|手|证|伤)"
)


# where a year ends before a word of its own: 「2024年青湄市」, not 「2024年底」「2024年度」「2024年以来」
_AFTER_YEAR = re.compile(r"(?<=\d年)(?![底末初内以来前后度中上下间里])")


def _names_part(word: str, flag: str) -> bool:
    noun = flag[:1] == "n" or flag in _DOC_PART_FLAGS
    return noun and word not in _STOP_ZH and _CJK_RE.search(word) is not None


# An English yes/no question opens with its auxiliary, at the start or after a leading clause ("Under
# the PIPL, can a company …?"); inside a wh-question the same words ask nothing ("what fine can be
# imposed", "what does X mean").
_YES_NO = re.compile(
    r"吗[？?]?$|能不能|可不可以|是否|允许|可以.{0,8}[吗么]|"
    r"(?:^|[,:;]\s*)(?:can|could|may|might|must|should|shall|will|would|is|are|was|were|does|do|did|has|have)\b",
    re.I,
)


_ENUMERATION = re.compile(  # 分别 asks when its clause asks (「四至分别到哪里」), not 「两人分别举报了，…」
    r"哪几|分别[^，,。；;！!]{0,8}?(?:是|为|什么|哪|多少|几|怎|如何|谁|[？?]|$)|包括哪些|有哪些|哪些|几类|几种|"
    r"哪两|哪三|哪四|\bwhich\b.*\bare\b|\blist\b",
    re.I,
)


# Words between what a quantity question measures and its 多少 (「GDP是多少」, 「常住人口一共有多少」).
_TO_AMOUNT = frozenset({"是", "有", "为", "达", "达到", "共", "一共", "总共", "共有", "大约", "约", "约为",
                        "了"})  # fmt: skip
_MEASURE_FLAGS = frozenset({"n", "nz", "eng", "vn", "nr", "nt"})
# Words that name no measure of their own: 「罚款幅度是多少」 asks the fine.
_GENERIC_MEASURE = frozenset({"幅度", "区间", "范围", "标准", "金额", "数额", "数量", "数目", "数字", "额度",
                              "上限", "下限", "期限", "时间", "时长", "具体", "情况", "规模", "人数", "人次",
                              "次数", "个数", "总数", "总额", "比例", "比重", "占比", "比率", "日子",
                              "目标", "计划", "年龄", "岁数",
                              "降幅", "增幅", "涨幅", "跌幅", "增速"})  # fmt: skip
# (「同比降幅是多少」: a change's size, which 「同比下降23.7%」 gives)
# (the word before one names the measure: 「空气优良天数比例」; 「满意的比例」 names none, and the share
# test checks the answer; 「达标的日子有多少天」 asks 天)
_HOW_MANY = re.compile(r"多少|几[个项次年天月人家名位条种类岁周日]?")  # not 几乎
_ACRONYM_EN = re.compile(r"\b[A-Z]{2,6}\b")
# An aside in brackets names the measure again (「地区生产总值（GDP）是多少」): the measure is before it.
_ASIDE = re.compile(r"[（(][^（）()]{1,20}[）)]")  # "What was Wuxi's GDP in 2024?"


def asked_measure(text: str, lang: str, *, figure: bool = True) -> str | None:
    """What a question asking a figure (``figure``: its shape is quantity) asks the value of, when
    it names it right before 多少 or 几 (「无锡市2024年GDP是多少」: GDP; 「常住人口有多少」: 常住人口), or
    an English one's only acronym, also in "what is/was … GDP"; None otherwise (「罚多少」)."""
    if lang == "en":
        found = [m for m in _ACRONYM_EN.findall(text) if m not in {"PRC", "US", "UK", "EU", "UN"}]
        if len(found) != 1 or not (figure or re.search(r"\bwhat (?:is|was|are|were)\b", text, re.I)):
            return None
        return found[0]
    if not figure:
        return None
    words = [(w, f) for w, f in tagged(_ASIDE.sub("", text)) if w.strip()]
    for i, (word, _) in enumerate(words):
        if _HOW_MANY.fullmatch(word):
            word, flag = _word_before(words, i, _TO_AMOUNT, _GENERIC_MEASURE)
            # a made-up word's tag is a guess (「能罚多少」 tagged a noun)
            # 「罚了这家公司多少钱」: a word after 这家 or 该 names a thing, not what is measured
            pointed = any(words[j][0] in _POINTING and words[j + 1][0] == word for j in range(i - 1))
            if flag in _MEASURE_FLAGS and len(word) >= 2 and (flag == "eng" or in_dictionary(word)) \
                    and not _done(words, i, word) and not pointed:
                return word
            return _term_after(words, i)
    return None


_SPAN_UNITS = frozenset({"年", "天", "日", "个月", "月", "小时", "周"})


def _term_after(words: list[tuple[str, str]], at: int) -> str | None:
    """The noun closing a question right after a length of time it asks (「最高判几年有期徒刑」: 有期徒刑), or
    None: what that length is of."""
    asked, j = words[at][0], at + 1
    if j < len(words) and words[j][0] in _SPAN_UNITS:
        asked, j = asked + words[j][0], j + 1
    if not asked.endswith(tuple(_SPAN_UNITS)) or j >= len(words):
        return None
    word, flag = words[j]
    last = j + 1 == len(words) or words[j + 1][1] == "x"
    noun = len(word) >= 2 and flag in ("n", "nz", "l", "vn") and in_dictionary(word)
    return word if last and noun else None


_POINTING = frozenset({"这家", "那家", "这个", "那个", "这位", "那位", "这所", "那所"})


def _done(words: list[tuple[str, str]], at: int, word: str) -> bool:
    """Whether ``word``, before ``words[at]``, is followed by 了: what was done (「动员了多少名志愿者」), no
    measure, however jieba tags it."""
    return any(words[j][0] == "了" and words[j - 1][0] == word for j in range(1, at))


def _word_before(words: list[tuple[str, str]], at: int, *skips: frozenset[str]) -> tuple[str, str]:
    """The (word, tag) before ``words[at]`` once the words of each of ``skips`` in turn are passed
    (「常住人口一共有多少」: 一共, 有 -> 常住人口), or ("", "") at the start."""
    j = at - 1
    for skip in skips:
        while j >= 0 and words[j][0] in skip:
            j -= 1
    return words[j] if j >= 0 else ("", "")


_SIZES = frozenset("大高长重远")
_ASKING_SIZE = re.compile(r"多少|多大|多高|多长|多重|多远|几[个项次年天月人家名位条种类岁周日]?")


def measured_word(text: str) -> str | None:
    """The word a Chinese figure question puts right before what it asks (「规模多大」: 规模; 「交易总价
    多少」: 总价), generic or not: which of a sentence's figures it asks about, not whether one is given
    (``asked_measure`` is that test)."""
    words = [(w, f) for w, f in tagged(_ASIDE.sub("", text)) if w.strip()]
    for i, (word, _) in enumerate(words):
        size = word == "多" and i + 1 < len(words) and words[i + 1][0] in _SIZES  # jieba cuts 多大 so
        if _ASKING_SIZE.fullmatch(word) or size:
            word, flag = _word_before(words, i, _TO_AMOUNT)
            noun = (flag[:1] == "n" or flag == "vn") and not _done(words, i, word)
            return word if noun and len(word) >= 2 and _is_content(word) else None
    return None


# What a figure question names on the other side of 多少 when no noun stands before it: 「核实有效的有
# 多少条」 (有效), 「其中有价值的有多少」 (价值), 「一共发出了多少奖金」 (奖金)
_OF_BEFORE = re.compile(r"([\u4e00-\u9fff]{2})的(?:有|是|共有|一共有)?(?:多少|几)")
_NOUN_AFTER = re.compile(r"(?:多少|几)(?:[个条名家项笔次]|万|亿)?([\u4e00-\u9fff]{2,4}?)(?:[？?。，,]|$)")


def measured_beside(text: str) -> str | None:
    """``measured_word``'s fallback: the word before 「的有多少」 or the noun right after 多少."""
    m = _OF_BEFORE.search(text)
    word = m.group(1) if m else None
    if word is None and (m := _NOUN_AFTER.search(text)):
        word = m.group(1)
    return word if word and _is_content(word) else None


def asks_enumeration(text: str) -> bool:
    """Whether ``text`` asks for the items of a list (「哪几类」「分别是」「包括哪些」, "which … are")."""
    return bool(_ENUMERATION.search(text))


# A who-question about who wrote or delivered a document, or what the one who did is: its byline answers
# it. On a page of signed articles every who-question is (「谁提出了…」: the article's author); in a
# report 「当天由谁去现场协调」 asks its text, not who delivered it.
_BYLINE_ASKED = re.compile(
    r"作者|写的|撰写|署名|文章|报告人|讲话人|(?:是谁|由谁|谁)来?(?:写|撰写|作|做|"
    r"发布|印发|签发|发出|宣读)|(?:报告|讲话|通知|意见|文件)是谁|谁的(?:讲话|报告|发言|致辞)|"
    r"\b(?:wrote|written|writes|author\w*|deliver\w*|issued)\b",
    re.I,
)
# what one holds: the byline's post when the one asked about is who wrote it (「许峰担任什么职务」), not
# when a document's text names the one (a circular's 「陈嘉树在中心担任什么职务」)
_POST_ASKED_OF = re.compile(
    r"职务|职位|身份|什么(?:职|官)|\b(?:role|position|job)\b|(?:'s|\b(?:what|which|his|her|their)) posts?\b",
    re.I,
)


def asks_byline(text: str, author: str | None = None) -> bool:
    """Whether ``text`` asks who wrote, delivered or issued a document, or that one's post. Given the
    ``author`` of a document (not a signed article), a post is asked of the byline only when the
    question names the author."""
    if _BYLINE_ASKED.search(text):
        return True
    if not _POST_ASKED_OF.search(text):
        return False
    return author is None or any(len(x) >= 2 and x in text for x in re.split(r"[、，,；;\s]+", author))


# 「协调会是谁主持的」「是谁在会上汇报的」「哪位同志汇报的」: who did an act, by its first two characters
_ACT_ASKED = re.compile(
    r"(?:谁|哪一?位(?:同志|领导|负责人|专家)?|哪(?:个|家)(?:部门|单位|机关))(?:在[^，,。？?、]{1,6}?[上中里时])?"
    r"(?:来|去)?(?P<v>[\u4e00-\u9fff]{2})"
)
# acts a question of who wrote, issued or holds a post asks (asks_byline, rag.answer.holder), and
# words that are no act
_NOT_ACT = re.compile(
    r"[的了是在来去和与及当、写编发签作做]|宣读|担任|兼任|出任|负责|提出|有权|可以|应当|能够|现场"
)


# The same acts asked in English ("Who chaired the meeting?"), as the documents write them
_ACTS_EN = (
    (re.compile(r"\bwho (?:chaired|presided over|presides over|chairs)\b", re.I), "主持"),
    (re.compile(r"\bwho (?:reported on|reported|briefed)\b", re.I), "汇报"),
)


def asked_act(text: str) -> str | None:
    """The act a who-question asks who did, as the text would write it (「…是谁主持的」, "Who chaired
    the meeting?": 主持), when it names one: a who-question about what a document reports, not about
    who wrote or issued it."""
    for pattern, act in _ACTS_EN:
        if pattern.search(text):
            return act
    for m in _ACT_ASKED.finditer(text):
        act = m.group("v")
        if not _NOT_ACT.search(act):
            return act
    return None


# 「是哪位发布人回答了…」「…最后由谁作答」「介绍…情况的是谁」, "Who answered the question on …": who said
# something in a transcript (rag.structure.turn_speaker gives a passage's speaker)
_SAID = r"(?:回答|作答|答复|解答|介绍|说明|谈到|提到|表示|提醒|通报|回应|透露|指出|讲|说)"
_ASKS_SPEAKER = re.compile(
    rf"(?:谁|哪一?位[\u4e00-\u9fff]{{0,4}}?)[^，,。？?]{{0,6}}?{_SAID}|{_SAID}[^，,。？?]{{0,16}}?(?:的是|是|为)(?:谁|哪一?位)|"
    r"\bwho (?:answered|said|spoke|explained|mentioned|stated|told|briefed|responded|replied|introduced|"
    r"talked|took)\b|\bwhich (?:official|speaker|spokesperson|spokesman|guest)\b",
    re.I,
)


def asks_speaker(text: str) -> bool:
    """Whether ``text`` asks who said something (a transcript's speaker), not what was said."""
    return bool(_ASKS_SPEAKER.search(text))


# What a document's opening lines or sign-off state about it: who issued or delivered it, when, its
# number. Each is asked of the document itself, its verb closing the question (「这份通知是哪个单位印发
# 的」「报告是哪天作的」「发文字号是什么」, "When was this notice issued?"): 「哪个部门负责发布预警信息」 or
# 「通知要求什么时候完成修订」 ask its text.
_DOC = (r"(?:(?:通知|通报|通告|公告|文件|报告|讲话|意见|方案|决定|总结|要点|预案|规划|解读|公报|问答|"
        r"手册|指南|简报|纪要|题库|试卷|教案|指引|细则|答复|复函|批复|函件|判决|裁定)书?)")  # 「决定书」
_ISSUE = r"(?:印发|发布|下发|签发|发出|制发|编印|编发|发表|作出|做出|编|发|作|做|宣读|签署)"
_WHO_BODY = (r"(?:谁|哪一个单位|哪个机构|什么单位|什么部门|什么机关|哪位领导|哪[个家一]法院|什么法院|"
             r"哪[两几三]?[个家](?:单位|部门|机关)|哪些(?:单位|部门|机关))")  # 「哪几家单位联合发出的」
_WHEN_Q = r"(?:什么时候|何时|哪一?天|哪年|几月几[日号])"
# (or one of the asks listed: 「由哪个单位印发、什么时候印发的」「是哪天作出的，落款机关是谁」)
_NEXT_ASK = r"[，,](?=[^，,。？?]{0,6}(?:落款|发文|文号|印发|签发|作出|发布|谁))"
_END = rf"(?:的|了)?\s*(?:、|{_NEXT_ASK}|[？?。！!]?\s*$)"
_DOC_EN = (r"(?:this|the)(?: (?!(?:original|earlier|previous|prior|former|appealed|reviewed)\b)[\w-]+){0,3} "
           r"(?:notice|circular|document|report|speech|plan|summary|briefing|file|bulletin|communiqu[eé]|"
           r"explainer|interpretation|newsletter|issue|minutes|bank|paper|guidelines?|handbook|"
           r"lesson plan|reply|letter|decision|judg(?:e)?ment|ruling|standard|specification)")  # fmt: skip
# what a document is on, named after it: "the Lanxi notice on the 2026 work points"
_ON_EN = r"(?: (?:on|about|of|for|regarding|concerning) [^?,.;]{1,60}?)"
_VERB_EN = r"(?:issued|published|released|signed|delivered|given|presented|made|written|compiled|edited)"
_FRONT_ISSUER = re.compile(
    r"(?:发文|印发|发布|落款|签发|制发)(?:单位|机关|部门)|报告人|讲话人|"
    rf"{_WHO_BODY}\S{{0,3}}?{_ISSUE}(?:的|了)?(?:这份|这个|该|本)?{_DOC}?{_END}|{_DOC}(?:是|由)?{_WHO_BODY}(?!\S{{0,2}}(?:负责|牵头|组织|承担|提出|归口|起草|解释)(?!{_ISSUE}))|"
    rf"是谁的{_DOC}{_END}|(?:署名|署的是|署了|落款是|落款的是)(?:的是)?{_WHO_BODY}|"  # 「末尾署的是哪两家」
    rf"\b(?:who|(?:which|what) (?:\w+ )?(?:offices?|bod(?:y|ies)|departments?|agenc(?:y|ies)"
    rf"|authorit(?:y|ies)|organi[sz]ations?))"
    rf" (?:\w+ )?(?:{_VERB_EN}|gave|wrote|signed|delivered) {_DOC_EN}\b|\bwho (?:signed|issued)\b",
    re.I,
)
_FRONT_DATE = re.compile(
    r"落款日期|成文日期|落款时间|(?:印发|发文|发布|签发)(?:日期|时间)|"
    rf"{_DOC}[^？?]{{0,12}}?{_WHEN_Q}(?:\S{{0,2}}?|、?在[^？?]{{1,16}}?上){_ISSUE}{_END}|{_DOC}(?:是|于)?{_WHEN_Q}{_ISSUE}?{_END}|"
    rf"\bwhen(?: and (?:at |in )?(?:which|what|where)[\w ]{{0,20}}?)? (?:was|is|were) {_DOC_EN}{_ON_EN}?"
    rf" {_VERB_EN}\b|"
    rf"\b(?:what|which) (?:date|day) (?:was|is) (?:it|{_DOC_EN})(?: {_VERB_EN})?\b|\bdate of {_DOC_EN}\b|"
    rf"\b(?:what|which) date does (?:it|{_DOC_EN}) (?:bear|carry|show)\b|"
    rf",? and (?:on )?(?:when|what date|which day|what day\b.{{0,20}}{_VERB_EN})"
    rf"(?: (?:is|was) (?:printed |written |given )?on (?:it|{_DOC_EN}))?\W*$",
    re.I,
)
# The document's own title (「这份通报的标题是什么」「文件全称叫什么」, "What is the title of this notice?"),
# named right before what asks it: 「通知中提到的活动名称」 asks its text.
_THIS_DOC = rf"(?:^\s*|这份|这个|这篇|这一|该|本|此){_DOC}"  # 「配套文件叫什么」「那个规划」 name another
_THIS_DOC_EN = _DOC_EN.replace("(?:this|the)", "this", 1)  # "the supporting document" is another
_FRONT_TITLE = re.compile(  # 标题 only a document has; a 名称 or 「叫什么」 may be of anything it names
    rf"{_DOC}的?(?:[^，,。？?]{{0,6}}?[和与及、])?(?:标题|题目|全称)|"
    rf"{_THIS_DOC}的?(?:[^，,。？?]{{0,6}}?[和与及、])?(?:名称|名字|文件名)|{_THIS_DOC}(?:叫|名为|题为)什么|"
    rf"\btitle of {_THIS_DOC_EN}\b|\b{_THIS_DOC_EN}(?:'s)? (?:title|called|named)\b",
    re.I,
)
_FRONT_NAMED = re.compile(
    rf"{_DOC}|落款|发文|文号|字号|案号|标准的?编?号|成文|报告人|讲话人|印发单位|发布机关|签发|期号|{_DOC_EN}|"
    r"\b(?:document|file|reference|issue|case) number\b",
    re.I,
)
# Whom a notice or a reply is addressed to (主送): 「这份通知发给哪些单位」「主送单位」, "Who is this letter
# addressed to?"
_FRONT_ADDRESSEE = re.compile(
    r"主送|(?:发|下发|印发|发送)给(?:哪些|哪个|哪|谁)|\b(?:addressed|sent) to\b|\bto whom\b", re.I
)
_REACH_ASKED = re.compile(r"邮箱|电子邮件|电话|传真|地址|\b(?:e-?mail|phone|fax|address)\b", re.I)
_FRONT_NUMBER = re.compile(
    r"发文字号|文号|案号|标准的?编?号|文件编号|第几期|哪一期|期号|"
    r"\b(?:document|file|reference|issue|case) number\b|\bwhich issue\b",
    re.I,
)


# A document the asked one cites (「开头引用的省里那个文件叫什么，文号是多少」): its number is in the text
# (「这份转发通知」「那份通知的文号」 are the document's own)
_CITED_DOC = re.compile(
    r"(?<!这份)(?<!这个)(?<!本)(?:引用|援引|依据|根据|提到|提及|转发)的[^，,。？?]{0,8}?"
    r"(?:文件|通知|意见|规定|办法|方案|预案|条例)|"
    r"原(?:行政)?(?:处罚)?(?:决定|通知|文件)|"  # a review's 「原处罚决定」: the decision it reviews
    r"(?:一审|原审|原)(?:判决|裁定)"  # an appeal's ruling names the judgment it reviews
)


def front_asked(text: str) -> set[str]:
    """What of a document's opening lines and sign-off ``text`` asks: "issuer", "date", "number", "title",
    "addressee"
    (the date only with the issuer or alone, of the document: "…, and on what date?"). The question
    names the document (「这份通知」, "this report") or what only a document has (落款, 文号, 报告人):
    「安全风险提示什么时候发布」 asks its text."""
    if not _FRONT_NAMED.search(text) or _CITED_DOC.search(text):
        return set()
    asked = {k for k, p in (("issuer", _FRONT_ISSUER), ("number", _FRONT_NUMBER), ("title", _FRONT_TITLE),
                            ("addressee", _FRONT_ADDRESSEE)) if p.search(text)}
    if asked_act(text):  # 「方案是哪位同志在会上汇报的」: who did what the document reports
        asked.discard("issuer")
    if _REACH_ASKED.search(text):  # "What e-mail address should the reply form be sent to?": a contact
        asked.discard("addressee")
    date = _FRONT_DATE.search(text)
    if date and (asked or not date.group().lstrip(", ").startswith("and")):
        asked.add("date")
    return asked


def of_kind(title: str, kinds: Sequence[str]) -> bool:
    """Whether a document titled ``title`` is of one of the ``kinds`` ``front_kind`` read: its word, and for
    a decision of a kind (「表彰决定」) a title naming no other kind (「关于授予…称号的决定」 may be it; a
    复议决定书 is no 处罚决定书)."""
    for kind in kinds:
        m = _DECISION_KIND.match(kind)
        if not m:
            if kind in title:
                return True
            continue
        others = {k for k in _DECISION_KIND.findall(title) if k != m.group()}
        if kind[m.end() :] in title and (m.group() in title or not others):
            return True
    return False


def front_kind(text: str) -> tuple[str, ...]:
    """The words a title of the kind of document ``text`` names would hold (「这份通知…」, "this
    notice": 通知), to find it among several; none for 文件 or "document"."""
    m = re.search(_DOC, text)
    if m:
        # 「申请人不服的那份行政处罚决定书」 in a 复议决定书: the decision it reviews, of another kind
        kind = _DECISION_KIND.search(text, 0, m.end())
        if m.group().startswith("决定") and kind and kind.end() == m.start():
            return (kind.group() + m.group(),)
        return () if m.group() == "文件" else (m.group(),)
    en = re.search(rf"\b({'|'.join(_KINDS_EN)})\b", text, re.I)
    return _KINDS_EN[en.group(1).lower()] if en else ()


# 「处罚决定书」「复议决定书」: decisions of two kinds, one reviewing the other
_DECISION_KIND = re.compile(r"处罚|复议|处理|处分|表彰|奖励|许可|强制|赔偿|裁决")
_KINDS_EN = {
    "notice": ("通知",), "circular": ("通知", "通报"), "report": ("报告",), "speech": ("讲话",),
    "plan": ("预案", "方案", "规划", "要点"), "summary": ("总结",), "briefing": ("发布会",),
    "bulletin": ("公报",), "explainer": ("解读",), "newsletter": ("简报",), "minutes": ("纪要",),
    "bank": ("题库",), "paper": ("试卷",), "guideline": ("指引", "指南"), "guidelines": ("指引", "指南"),
    "handbook": ("手册",), "reply": ("答复", "复函", "批复"), "letter": ("函",), "decision": ("决定",),
}  # fmt: skip


def asks_front(text: str) -> bool:
    """Whether ``text`` asks what a document's opening lines or sign-off state (``front_asked``)."""
    return bool(front_asked(text))


def asks_clock(text: str) -> bool:
    """Whether ``text`` asks a time of day (「几点几分」「几点到达」, "at what time")."""
    return bool(_CLOCK_ASKED.search(text) or _CLOCK_ASKED_ALSO.search(text))


def asks_yes_no(text: str) -> bool:
    """Whether ``text`` asks whether something is so or allowed (「能不能…」, 「…合法吗」, "Can …")."""
    return bool(_YES_NO.search(text))


def stated_unit(text: str, lang: str) -> str | None:
    """The unit a quantity question states in its own words (「多少小时内」 -> 小时), else None."""
    if lang == "zh":
        m = _STATED_UNIT_ZH.search(unasked(text))
        if m is None and _PEOPLE_COUNTED.search(unasked(text)):  # 「有多少粉丝」: counted in persons
            return "人"
        return m.group(1) if m else None
    m = _STATED_UNIT_EN.search(text)
    if m:
        return _STATED_EN[m.group(1).lower()]
    return _COUNTED_UNIT_EN.get(counted_noun(text, lang) or "")


def asks_count(text: str, lang: str) -> bool:
    """Whether an English question asks how many things there are ("How many organizations…"); a
    Chinese one says so by its measure word (「多少家」, ``stated_unit``)."""
    return counted_noun(text, lang) is not None


def counted_noun(text: str, lang: str) -> str | None:
    """What an English question counts: the first plural after "how many" ("How many employees of
    Wuxi enterprises…": employees), None when it asks no count of things."""
    m = _COUNT_EN.search(text) if lang == "en" else None
    if m is None:
        return None
    for word in m.group(1).lower().split():  # the counted noun: the first plural before a verb
        if word in _NOT_COUNTED:
            return None
        if (word.endswith("s") and not word.endswith("ss")) or word in _PLURALS:
            return word
    return None


def counts_things(text: str) -> bool:
    """Whether ``text`` counts things (「3家」「完成并购15单」): a number with a measure word that is
    not an address or a rank (第二十七条, 第十三届) nor a bare 「一批」「一个」."""
    text = _ORDINAL_OR_ADDRESS.sub(lambda m: " " * len(m.group()), text)
    return any(not _ONE_OF.fullmatch(m.group()) for m in COUNT_RE.finditer(text))


def has_figure(text: str, unit: str | None = None, *, arabic: bool = False) -> bool:
    """Whether ``text`` holds a figure with a unit (of ``unit`` when given); a bare year is no figure."""
    pattern = ARABIC_FIGURE_RE if arabic else FIGURE_RE
    for m in pattern.finditer(text):
        # a year is a figure in years only alone (「2024年」 may be a count), never a date's (「2024年9月」)
        if _YEAR_RE.fullmatch(m.group(0)) and (unit != "年" or _MONTH_AFTER.match(text, m.end())):
            continue
        if unit is None or same_unit(m.group(0), unit):
            return True
    return False


def given_figures(question: str, text: str) -> list[re.Match[str]]:
    """The figures of ``text`` the question itself states, whole (「梁溪建成的4个智算中心总算力是多少」:
    「4个」; 「二十日内…可以延长多少日」 states 二十日, not the 十日 answering it): a quantity question
    already knows them, so they do not answer it."""
    asked = {_as_given(m.group(0)) for m in FIGURE_RE.finditer(question)}
    return [m for m in FIGURE_RE.finditer(text) if _as_given(m.group(0)) in asked]


def _as_given(figure: str) -> str:
    """A figure as a question restates it: 「2900多名」 is the text's 「2900余名」."""
    return re.sub(r"(?<=[\d万亿千百])[余多]", "", re.sub(r"\s+", "", figure))


# A question asking for a limit ("最多罚多少", "maximum detention"), and a figure a text states as one:
# laws write maxima as "X以下", "不超过X", minima as "X以上", "不少于X".
_BOUND_ASKED = (
    ("upper", re.compile(r"最高|最多|最长|最大|上限|至多|顶格|\b(?:maximum|at most|up to|longest|highest|"
                         r"upper limit|ceiling|cap)\b", re.I)),
    ("lower", re.compile(r"最低|最少|最短|下限|至少|不少于|\b(?:minimum|at least|shortest|lowest)\b", re.I)),
)  # fmt: skip
_BOUND_AFTER = {"upper": re.compile(r"\s*(?:以下|以内|为限)"), "lower": re.compile(r"\s*以上")}
_BOUND_BEFORE = {
    "upper": re.compile(r"(?:不超过|不得超过|不高于|最长|最高|最多|至多|上限为?)\s*$"),
    "lower": re.compile(r"(?:不少于|不得少于|不低于|至少|最少|最低|最短|下限为?)\s*$"),
}


def asked_bounds(text: str) -> frozenset[str]:
    """The limits a question asks for: "upper" (最高, maximum), "lower" (至少, minimum), both or none."""
    return frozenset(kind for kind, pattern in _BOUND_ASKED if pattern.search(text))


def bound_figures(text: str, kind: str) -> list[re.Match[str]]:
    """The figures of ``text`` stated as an upper (``kind="upper"``) or lower limit."""
    after, before = _BOUND_AFTER[kind], _BOUND_BEFORE[kind]
    return [
        m for m in FIGURE_RE.finditer(text)
        if after.match(text, m.end()) or before.search(text, max(0, m.start() - 4), m.start())
    ]  # fmt: skip


def same_unit(figure: str, unit: str) -> bool:
    """Whether the printed ``figure`` ("九十日") is in the asked ``unit`` ("天"); a ratio (1:3) is a share."""
    share = unit in "%％" and bool(_RATIO.fullmatch(figure) or _FRACTION.fullmatch(figure))
    return share or figure.endswith(_SAME_UNIT.get(unit, (unit,)))


_RATIO = re.compile(RATIO)
_FRACTION = re.compile(FRACTION)


def _year_forms(term: str) -> tuple[str, ...]:
    # Pages abbreviate years ("24年全年完成并购15单"): a question's 2024 is also found as 24年.
    m = _YEAR_TERM_RE.fullmatch(term)
    if m:
        return term, m.group(1) + "年"
    # 「总预算」「总投资」: a total the text may print as the measure alone (「预算金额：1286.00万元」)
    total = _TOTAL_OF.fullmatch(term)
    return (term, *register_forms(term), *((total.group(1),) if total else ()))


_TOTAL_OF = re.compile(r"总(预算|投资|金额|面积|人数|经费|价款|造价|费用|产值|时长|规模|数量|资金)")


# Everyday words and how laws and official documents write the same thing (「开了家旅馆」: 住宿业;
# 「客人」: 客户; 「寄快递」: 寄递), and the short names of kinds of bodies (高校: 高等学校; 国企: 国有企业):
# a question's word is found as either.
_REGISTER_PAIRS = """
旅馆 住宿|宾馆 住宿|酒店 住宿|民宿 住宿|旅店 住宿|客栈 住宿|客人 客户|顾客 客户|身份证 身份证件|
全职 专职|全国 国内|省里 省内|
快递 寄递|国外 境外|外国 境外|海外 境外|出国 出境|孩子 未成年人|小孩 未成年人|儿童 未成年人|
家人 近亲属|家属 近亲属|亲属 近亲属|老百姓 公民|罚钱 罚款|辞职 离职|离职 离岗|坐牢 有期徒刑|
警察 公安机关|放生 释放|扔掉 丢弃|泄密 泄露|国内 境内|国外 外国|法院 司法|警方 执法|
交出 提供|交给 提供|私聊 通信|聊天 通信|短信 通信|亲友 私人交往|朋友 私人交往|
乡下 农村|农村人 农民|城里 城区|城里 城镇|毛病 问题|老人 老年人|年轻人 青年|网上 网络|网友 网民|
工厂 企业|厂子 企业|老板 负责人|当官的 领导干部|公务员 国家工作人员|老外 外籍|染色 印染|
偷拍 窃照|偷听 窃听|偷 窃取|造谣 虚假信息|谣言 虚假信息|删掉 删除|复印 复制|拍照 摄影|
摄像头 视频图像|监控 视频图像|改正 整改|改好 整改|交材料 报送|打听 刺探|回国 入境|
高校 高等学校|高校 高等院校|国企 国有企业|央企 中央企业|民企 民营企业|外企 外资企业|版权 著作权|
单间 单人|判刑 刑事处罚|吃饭 伙食|吃饭 用餐|开车 驾车|自驾 驾车|受伤 伤害|牺牲 死亡|免职 免去|
治安拘留 治安管理处罚|治安拘留 行政拘留|行政拘留 治安管理处罚|律所 律师事务所|
要钱 收费|要钱 免费|要钱 售价|要钱 费用|花钱 费用|收钱 收费|
涉密 国家秘密|涉密文件 国家秘密载体|涉密材料 国家秘密载体|寄出去 传递|寄出去 寄递|寄给 传递|寄 传递|
微信 通信|微信 私人交往|到期 已满|期满 已满|不让 拒绝|杀熟 差别待遇|大数据杀熟 差别待遇|更贵 交易价格|
辞职 离岗|财物 财产|财物 损失|
低保 最低生活保障|低保户 最低生活保障|少交 减免|家里 家庭|实操 实际操作|政审 政治审查|一模一样 相同|
夜班 值班|网申 网上报名|电脑 计算机|回来 返回|交回 交还|交回去 交还|替代 代替|好几种 多种|挑 选择|拿到 取得|
受伤 伤残|打官司 诉讼|打官司 起诉|告到 起诉|法人代表 法定代表人|对接人 联系人|谈不拢 协商不成|闹纠纷 争议|
纠纷 争议|国安 国家安全|问话 询问|实名 真实身份|分成 分为|分作 分为|
内部刊物 内部资料|刊物 出版物|办公地点 住所|办公地址 住所|老同志 离退休|
"""
_REGISTER: dict[str, tuple[str, ...]] = {}
for _pair in _REGISTER_PAIRS.replace("\n", "").split("|"):
    if _pair.strip():
        _word, _written = _pair.split()
        _REGISTER[_word] = (*_REGISTER.get(_word, ()), _written)


def register_forms(word: str) -> tuple[str, ...]:
    """How documents write the everyday ``word`` (旅馆 -> 住宿), () for any other word."""
    return _REGISTER.get(word, ())


def _strip_invisible(text: str) -> str:
    return "".join(ch for ch in text if unicodedata.category(ch) not in {"Cf", "Cc"} or ch in "\n\t")


def _shape(text: str, lang: str) -> str:
    zh = lang == "zh"
    if not zh:
        text = _LEAD_EN.sub("", text.strip())
    if (_LIST_ZH if zh else _LIST_EN).search(text):
        return SHAPE_LIST
    if (_ARTICLE_ZH if zh else _ARTICLE_EN).search(text):
        return SHAPE_ARTICLE
    # "聘请了多少位院士担任顾问" asks a number, not a person: quantity words win over who words.
    # 「盯的几个重点指标分别是什么」 asks the items it counts, not how many; 「电话是多少」 a number to call
    asked = _CONTACT_ASKED.sub("", _ITEMS_OF_FEW.sub("", text)) if zh else text
    asked = _CLOCK_ASKED.sub("", asked) if zh else asked  # 「几点几分」 asks a time of day, not minutes
    asked = _PART_ASKED.sub("", asked) if zh else asked  # 「写在第几部分」 asks where, not how many
    if not zh and "," not in text and _WHEN_EN.search(text) and not _HOW_MUCH_EN.search(text):
        # "By when should the rate reach 95%?": the rate is what reaches, the date is asked ("When the
        # plan ends, what rate…" opens with a clause, and asks the rate)
        return SHAPE_WHEN
    # 「我想航拍几张照片发到朋友圈，这样可以吗」: 几张 in what one means to do is "a few"; the question
    # asks whether it is allowed
    if zh and _YES_NO.search(text) and not _QUANT_ZH.search(re.split(r"[，,；;]", text.rstrip("？?"))[-1]):
        asked = _A_FEW.sub("", asked)
    if (_QUANT_ZH if zh else _QUANT_EN).search(asked):
        return SHAPE_QUANTITY
    # 「表里标了“拟提名”的职务，后续怎么任免」: the last clause asks how; a post named before it is no who
    last = re.split(r"[，,；;]", text.rstrip("？?"))[-1] if zh else text
    how_last = zh and bool(_HOW_ZH.search(last)) and not _WHO_ZH.search(last)
    if ((_WHO_ZH if zh else _WHO_EN).search(text) and not how_last) or asks_speaker(text):  # 「哪位发布人…」
        return SHAPE_WHO
    # 「要是过了截止时间还没报回执，会怎么处理」: a time named in the case is not what the last clause asks
    if (_WHEN_ZH if zh else _WHEN_EN).search(text) and not (how_last and not _WHEN_ZH.search(last)):
        return SHAPE_WHEN
    if (_HOW_ZH if zh else _HOW_EN).search(text):
        return SHAPE_HOW
    return SHAPE_GENERAL


def _unit(text: str, lang: str) -> str | None:
    if lang == "zh":
        m = _UNIT_AFTER_ZH.search(text)
        if m:
            return m.group(1)
        hints = _UNIT_HINTS_ZH
    else:
        stated = _STATED_UNIT_EN.search(text)  # "how many consecutive years"
        if stated:
            return _STATED_EN[stated.group(1).lower()]
        noun = counted_noun(text, lang)
        if noun:  # what follows "how many" is counted, whatever else the question names
            return _COUNTED_UNIT_EN.get(noun) or next(
                (unit for pattern, unit in _UNIT_HINTS_EN if pattern.search(noun)), None
            )
        hints = _UNIT_HINTS_EN
    return next((unit for pattern, unit in hints if pattern.search(text)), None)


def _terms(
    words: list[tuple[str, str]], text: str, lang: str, quoted: tuple[str, ...]
) -> tuple[tuple[str, ...], frozenset[str], frozenset[str]]:
    """Content terms, the light ones among them (verbs, adverbs), and the proper names; ``words``
    are a Chinese question's words outside quotes (``_segment``)."""
    terms: list[str] = []
    light: set[str] = set()
    names: set[str] = set()
    for q in quoted:  # a quoted phrase counts by its parts: “藏粮于地、藏粮于技”
        terms.extend(p for p in re.split(r"[、，,；;\s]+", q) if len(p) >= 2)
    if lang == "zh":
        for word, flag in words:
            if _is_content(word):
                terms.append(word)
                if flag[:1] in {"v", "d", "a", "p", "c", "u"}:
                    light.add(word)
                if flag in _NAME_FLAGS or re.fullmatch(r"(?:19|20)\d\d年?|[A-Za-z][\w.+-]*", word):
                    names.add(word)
    else:
        words = _LATIN_TERM_RE.findall(text)
        terms.extend(w for w in words if w.lower() not in _STOP_EN)
    terms = list(dict.fromkeys(terms))
    return tuple(terms), frozenset(light - set(terms[: len(quoted)])), frozenset(names)


def _is_content(word: str) -> bool:
    if len(word) < 2 or word in _STOP_ZH or re.match(r"(多少|几)", word):
        return False
    return any(unicodedata.category(ch)[0] in "LN" for ch in word)


# "江阴市委书记", "梁溪区委书记", "新吴区委书记": a signed article's role names the district it speaks for.
_PLACE_ROLE_RE = re.compile(r"([\u4e00-\u9fff]{2})(?:市|区|县)(?:委|党工委|政府)")


# A post's title after the body it is held in (「无锡市商务局局长」: 局长 of 无锡市商务局)
_POST_TITLE = re.compile(
    r"(?:常务)?副?(?:书记|部长|主任|局长|厅长|处长|主席|市长|区长|县长|秘书长|常委|委员|院长|组长)(?:（兼）|\(兼\))?$"
)
_ROLE_BREAK = re.compile(r"[、，,；;\s]+")
_SEAT = re.compile(r"^[\u4e00-\u9fff]{2,4}?(?:市|区|县)")


def role_bodies(roles: Iterable[str]) -> tuple[str, ...]:
    """The bodies the authors' ``roles`` name, as a question may name an article by them: 「无锡市商务局局长」
    names 无锡市商务局, also said 市商务局; 「无锡高新区党工委书记」 names 无锡高新区党工委 and its seat
    无锡高新区. Only bodies of four characters or more (「局长」 alone names none)."""
    out: set[str] = set()
    for role in roles:
        for post in _ROLE_BREAK.split(role or ""):
            body = _POST_TITLE.sub("", post)
            if body == post or len(body) < 4:
                continue
            out.add(body)
            if "市" in body[1:4] and len(tail := body[body.index("市", 1) :]) >= 4:  # 无锡市商务局: 市商务局
                out.add(tail)
            if (seat := _SEAT.match(body)) and len(seat.group()) >= 4:  # 无锡高新区党工委: 无锡高新区
                out.add(seat.group())
    return tuple(sorted(out))


def local_places(roles: Iterable[str]) -> tuple[str, ...]:
    """Districts named in the authors' ``roles``, except those named in half of them or more
    (无锡: the city every article speaks for). A question naming one of these asks about that
    district: a figure from another district's article does not answer it."""
    roles = [r for r in roles if r]
    names = {name for r in roles for name in _PLACE_ROLE_RE.findall(r)}
    return tuple(sorted(n for n in names if 2 * sum(n in r for r in roles) < len(roles)))
