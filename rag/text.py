"""Text primitives shared by every stage: cleaning, sentence splitting, language, line joining."""

from __future__ import annotations

import re
import unicodedata

# Invisible characters that hide words from keyword search and smuggle hidden instructions
# ("忽\u200b略以上所有指令"): zero-width, bidi controls, soft hyphen, BOM.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# C0/C1 control characters except tab and newline.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_NEWLINES = re.compile("\r\n|\r|[\u2028\u2029\x85]")

_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")

# A sentence ends at Chinese 。！？；… or English .!? followed by space/end; closing
# quotes and brackets after the terminator stay with the sentence.
CLOSERS = "”’」』）》】〕〉)]}\"'"
_ZH_END = "。！？；…!?"
_SENTENCE_END = re.compile(rf"(?:[{_ZH_END}]+|\.(?=[\s{re.escape(CLOSERS)}]|$))[{re.escape(CLOSERS)}]*")
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "e.g", "i.e", "etc", "vs", "no", "fig", "st"}
CLAUSE_BREAKS = "，、：,:"
ITEM_RE = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）]|[a-z][)）])")  # a list item: （三）, (2), a）
# What announces a list ahead: 「下列」「如下」, and 「以下」 naming what it lists
# (「包括以下几类：」「采取以下措施：」), not a figure's bound (「处五万元以下罚款」「中断12小时以下的」)
# nor a short form (「以下简称」)
LIST_AHEAD = (
    r"(?:下列|如下|以下(?=[一二三四五六七八九十几]+[类种项个点条]|[\u4e00-\u9fff]{0,4}(?:措施|情形|内容|工作|"
    r"方面|要求|条件|职责|事项|原则|程序|材料|行为|情况|权利|义务|渠道|方式|途径|类|种)))"
)
# A full day as official documents print it: 「2025年3月8日」, or in words 「二〇二五年三月八日」 (a PDF's
# text may print its zero as a circle: 「二○二五年」)
DAY = (r"(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}|[〇○零一二三四五六七八九]{4}\s*年\s*"
       r"[一二三四五六七八九十]{1,2}\s*月\s*[一二三四五六七八九十]{1,3})\s*日")
# A document number: 「青政办发〔2025〕12号」; a 通告's or 公告's 「青国安通〔2026〕第3号」「2026年第1号」
DOC_YEAR = r"[〔\[［(（]\s*\d{4}\s*[〕\]］)）]"  # its year in brackets: 「〔2025〕」
# …or a court's case number, its year first: 「（2025）澜0103刑初318号」「（2024）最高法刑终1号」
DOC_NUMBER = (rf"(?:[\u4e00-\u9fff]{{1,12}}\s*(?:{DOC_YEAR}|\d{{4}}\s*年)\s*第?\s*\d{{1,4}}\s*号|"
              rf"{DOC_YEAR}\s*[\u4e00-\u9fff]{{1,4}}\d{{0,6}}[\u4e00-\u9fff]{{1,6}}\d{{1,6}}\s*号)")
# A table of contents heading: a regulation's 「目　　录」, a newsletter's 「本期要目」
CONTENTS = r"(?:目[\s\u3000]*[录次]|(?:本期)?要[\s\u3000]*目)"  # a standard prints 「目　次」
# A newsletter's or minutes' issue (「第3期（总第27期）」, 「〔2026〕第3期」), and the word its compiler's
# line ends with (「…办公室编」)
ISSUE_NUMBER = (r"(?:[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*)?第\s*[\d一二三四五六七八九十]+\s*期"
                r"(?:\s*[（(]总第\s*\d+\s*期[）)])?")
COMPILED = r"(?:编印|编发|编)?"
PRINTED = r"(?:印发|印制|发布)?"  # after the day on a 版记 line: 「…办公室　2026年2月10日印发」
# What labels the fields a web page prints under its title: 「来源：青禾市应急管理局　发布时间：2025-05-12」
ISSUER_LABEL = r"(?:来源|发布机关|发文机关|发文单位|发布单位|发布机构|发文机构|发布部门)[：:]"
DATE_LABEL = r"(?:发布|成文|印发|公布)(?:日期|时间)[：:]"
# 「时间：」 alone may be an event's: a page's date only beside its 来源
ANY_DATE_LABEL = r"(?:发布|成文|印发|公布)?(?:日期|时间)[：:]"
# A body that issues documents and signs them off: 「青禾市人民政府办公室」, 「青岚市统计局」
ISSUING_BODY = (r"[\u4e00-\u9fff（）()]{2,30}"
                r"(?:人民政府|办公室|办公厅|委员会|领导小组|指挥部|局|厅|部|委|办|署|院|中心|协会|工会|联合会|"
                r"支队|大队|总队|有限(?:责任)?公司)")  # (a procurement agency signs a tender notice)
# A court's posts over its judgment's day (「审判长」「人民陪审员」「书记员」), their characters maybe set
# apart
_POSTS = ("审判长", "审判员", "代理审判员", "人民陪审员", "陪审员", "书记员", "法官助理", "执行员")
COURT_POST = "|".join(r"\s*".join(post) for post in _POSTS)
# A court's judgment, ruling or mediation, or a body's decision, by the name of its kind
DECISION_DOCUMENT = r"(?:判决|裁定|调解|决定)书"
# A note in brackets inside a field's label (「最高限价（如有）：」「中标（成交）金额：」「甲方（委托方）」);
# a seal's or a signature's (「甲方（盖章）：」「县长（签字）：」) marks a sign-off, no field
LABEL_NOTE = r"[（(](?!盖章|签字|签章|签名|印章)[\u4e00-\u9fff]{1,6}[)）]"
# A clause that only sets the scene for the next (「…的基础上」): cut there, a text says nothing yet.
SUBORDINATE_END = re.compile(r"(?:的基础上|的同时|的前提下|的情况下|过程中|以来|之后|之前|以后)$")


_BYLINE_BOX = re.compile(r"□\s*")
INNER_MARKS = str.maketrans("《》", "〈〉")


def book(title: str) -> str:
    """``title`` between book-title marks, a title it quotes taking the inner marks:
    「《〈泊江市网络数据安全管理若干规定〉政策解读》」, not 「《《…》政策解读》」."""
    return f"《{title.translate(INNER_MARKS)}》"


def shown(text: str) -> str:
    """Text as a reader sees it: the OCR'd byline box (「□方力」) dropped. Quotes keep it (they are
    verbatim); cards, bubbles, exports and the CLI show this."""
    return _BYLINE_BOX.sub("", text or "")


def clean_text(text: str, *, tabs: bool = False) -> str:
    """Normalise newlines, NFC-compose, and drop invisible and control characters; a tab becomes a
    space unless ``tabs`` keeps it (a table's cells, rag.structure.barred_tab_rows)."""
    text = _NEWLINES.sub("\n", text)
    text = unicodedata.normalize("NFC", text)  # not NFKC: it would turn ，（ into ,(
    text = _INVISIBLE.sub("", text)
    text = (text if tabs else text.replace("\t", " ")).replace("\u00a0", " ")
    return _CONTROL.sub("", text)


def sentence_at(text: str, at: int) -> int:
    """The index, among ``sentence_spans(text)``, of the sentence a quote starting at ``at`` is in."""
    return sum(1 for _, e in sentence_spans(text) if e <= at)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence, surrounding whitespace excluded; newlines also end one."""
    spans: list[tuple[int, int]] = []
    for line_start, line in lines_with_offsets(text):
        start = 0
        if _BARRED_ROW.match(line):  # a table's row: its cells one statement (「…经历；需参加…值班」 a cell)
            _add_span(spans, line, line_start, 0, len(line))
            continue
        for m in _SENTENCE_END.finditer(line):
            if m.group().startswith(".") and _is_abbreviation(line, m.start()):
                continue
            if m.group() in "；;" and _in_brackets(line, start, m.start()):
                continue  # 「（牵头单位：市委宣传部；责任单位：…）」 is one note, not two sentences
            _add_span(spans, line, line_start, start, m.end())
            start = m.end()
        _add_span(spans, line, line_start, start, len(line))
    return spans


# a table's row whose cells bars set apart, three or more (rag.structure.barred_tab_rows, a .docx table)
_BARRED_ROW = re.compile(r"^[^|\n]+(?: \| [^|\n]+){2,}$")


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text``; each one is an exact substring of the input."""
    return [text[s:e] for s, e in sentence_spans(text)]


def detect_lang(text: str) -> str:
    """``"zh"`` if Chinese characters carry the text, else ``"en"`` (a Chinese name in English stays en)."""
    cjk = len(_CJK.findall(text))
    words = sum(1 for w in _LATIN_WORD.findall(text) if not w.isupper())  # acronyms (AI, GDP) don't count
    # About two Chinese characters make one word.
    return "zh" if cjk and cjk / 2 > words else "en"


def display_width(text: str) -> float:
    """Width in Chinese character cells: ASCII counts half (digits and Latin are half-width)."""
    return sum(0.5 if ord(c) < 128 else 1.0 for c in text)


def longest_run(a: str, b: str) -> str:
    """The longest run of characters of ``a`` that ``b`` writes too."""
    best = ""
    for i in range(len(a)):
        for j in range(i + len(best) + 1, len(a) + 1):
            if a[i:j] not in b:
                break
            best = a[i:j]
    return best


def hangs_under(line: str, nxt: str) -> bool:
    """Whether ``nxt`` is indented past a paragraph's first line (two cells) and past ``line``: it
    carries on ``line``'s text, set under it after a label or a number (a notice's attachments list:
    「　　附件：1．…先进集」 / 「　　　　　　体名单」)."""
    lead = display_width(nxt) - display_width(nxt.lstrip())
    return lead > _PARAGRAPH_INDENT and lead > display_width(line) - display_width(line.lstrip())


_PARAGRAPH_INDENT = 2.5  # cells: a paragraph's first line is indented two


def join_lines(lines: list[str], *, latin_space: bool = True) -> str:
    """Join wrapped lines without spaces between Chinese characters (see ``_needs_space``)."""
    parts: list[str] = []
    prev_raw = ""
    for raw in lines:
        line = _collapse(raw)
        if not line:
            continue
        if parts and _needs_space(parts[-1][-1], line[0], latin_space, prev_raw[-1:] + raw[:1]):
            parts.append(" ")
        parts.append(line)
        prev_raw = raw
    return "".join(parts)


def _needs_space(a: str, b: str, latin_space: bool, edges: str) -> bool:
    """English wrapping: a space unless a Chinese character is on either side. Chinese columns:
    only between two Latin letters/digits, and only where the OCR kept a space at the break."""
    if latin_space:
        return not (_wide(a) or _wide(b))
    return _latin_end(a) and _latin_end(b) and any(c.isspace() for c in edges)


def _wide(ch: str) -> bool:
    return ch >= "\u2e80"  # CJK radicals onwards: ideographs, CJK and full-width punctuation


def _latin_end(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _collapse(line: str) -> str:
    return re.sub(r"\s+", " ", line).strip()


def lines_with_offsets(text: str) -> list[tuple[int, str]]:
    """``(offset, line)`` of each line of ``text``, blank ones included."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _add_span(spans: list[tuple[int, int]], line: str, base: int, start: int, end: int) -> None:
    piece = line[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    spans.append((base + start + lead, base + start + lead + len(stripped)))


def _in_brackets(line: str, start: int, at: int) -> bool:
    """Whether ``at`` lies inside a note in round brackets that the sentence from ``start`` is (it opens
    with the bracket, which closes later on ``line``): a bracket opened inside a sentence
    (「…联系（地址：…；邮编：…；电话：…）」) is cut at its ； as before."""
    head = line[start:at].lstrip()
    if not _NOTE_OPENS.match(head):  # a note naming bodies; a contact's fields in brackets stay apart
        return False
    opened = head.count("（") + head.count("(")
    if opened <= head.count("）") + head.count(")"):
        return False
    shut = min((i for i in (line.find("）", at), line.find(")", at)) if i >= 0), default=-1)
    return 0 <= shut - at <= _BRACKETED and not any(x in line[at:shut] for x in "。！？")


_BRACKETED = 120  # characters: a note in brackets runs no longer
# a label of a work plan's note on who does a task: 「牵头单位：」「责任部门：」「配合：」
NOTE_LABEL = r"(?:牵头|责任|配合|负责|主办|承办|协办)(?:单位|部门)?[：:]"
_NOTE_OPENS = re.compile(rf"[（(]{NOTE_LABEL}")


def _is_abbreviation(line: str, dot: int) -> bool:
    m = re.search(r"([A-Za-z.]+)$", line[max(0, dot - 8) : dot])  # bounded: no quadratic scans
    word = m.group(1) if m else ""
    return bool(word) and (word.lower() in _ABBREVIATIONS or len(word) == 1 or "." in word)  # A. U.S.


def decode_bytes(data: bytes) -> str:
    """Decode a text file: BOM, then strict UTF-8, UTF-16 by its NUL pattern, then GB18030.

    Raises ``ValueError`` when none fits or the result is not text (binary data). Short GBK
    texts fool statistical detectors, so only strict decoders are trusted.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _textual(data[len(bom) :].decode(codec))
    if b"\x00" in data:
        return _textual(_utf16_by_nuls(data))
    try:
        return _textual(data.decode("utf-8"))
    except UnicodeDecodeError:
        return _textual(data.decode("gb18030"))


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def _utf16_by_nuls(data: bytes) -> str:
    """UTF-16 without BOM: NULs come from ASCII (and some CJK) code units; pick the byte order
    that reads as plausible text, or refuse the bytes as binary."""
    best, best_score = "", 0.0
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = len(_PLAUSIBLE.findall(text)) / max(1, len(text))
        if score > best_score:
            best, best_score = text, score
    if best_score < 0.9:
        raise ValueError("NUL bytes outside a UTF-16 pattern: binary data")
    return best


_PLAUSIBLE = re.compile(r"[\x20-\x7e\s\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u2010-\u206f]")


def _textual(text: str) -> str:
    """``text`` unless control or replacement characters show it was binary data."""
    bad = len(re.findall("[\x00-\x08\x0e-\x1f\x7f\ufffd]", text))
    if bad > max(2, len(text) // 200):
        raise ValueError("control characters: binary data")
    return text


# How long / how old: a figure with a unit of time answers it ("三个月", "十日", "十八周岁").
DURATION_ASKED = re.compile(
    r"多久|多长时间|多少天|几天|几日|几个月|多少个月|几年|多少年|几小时|多少小时|几秒|多少秒|期限|时限|周岁|"
    r"(?:期|时间|时长|周期|年限|工期|时效)(?:有|是|为)?多长|"  # 「质保期多长」
    r"\bhow long\b|\bhow many (days|months|years|hours)\b",
    re.I,
)
DURATION = re.compile(
    r"\d+\s*分钟?\s*\d{1,2}\s*秒|"  # 「13分05秒」
    r"(?<!第)(?:\d+|[零一二两三四五六七八九十百千]+)\s*(?:个月|个?工作日|日|天|年|个?小时|周岁|周|分钟|秒|[学课]时)|"
    r"(?<![上下前后多大])半(?:个月|年|天|日|个?小时)"  # 「至少半年召开1次」, not 上半年
)
# "How often": 「多久审核一次」 is answered by how often (每年, 定期), not by how long (不超过十年).
FREQUENCY_ASKED = re.compile(
    r"(?:多久|多长时间|多少(?:年|个月|天)|几(?:年|个月|天))[^，。？?]{0,24}?一[次遍回]|每隔多久|隔多久|频次|频率|"
    r"\bhow (?:often|frequently)\b",
    re.I,
)
# a period things are done in (「每年」「每2小时」「两年一次」), and a frequency, stated or not (「定期」), or
# by the period (「按月监测」「按季度报送」; not 「按年龄」「按日期」)
EVERY = re.compile(
    r"每(?:[一两二三四五六七八九十\d]+)?(?:个)?(?:年|季度|月|周|星期|日|天|半年|小时|分钟)|[一二两三\d]+年一次|"
    # a period and once in it, a verb between: 「至少半年召开1次会议」「两年进行一次」 (not 「三年内…一次」,
    # 「2025年开展一次」, 「第二年再进行一次」, 「6月底前开展1次」, 「5个月后复查一次」)
    r"(?:(?<![\d第十])[一两二三四五六\d]|(?<![上下前后近过])半)(?:年|个月|个季度|周)(?!内|以|来|底|后|前|度)"
    r"(?:召开|举行|开展|进行|组织|检查|评估|考核|审核|更新|复查|培训|演练|报告){1,2}[1一]次"
)
FREQUENCY = re.compile(
    rf"{EVERY.pattern}|(?<![确规约不])定期(?!限)|按(?:年度?|半年|季度?|月|周|旬|日|天)(?![份计龄节期限薪数历])"
)


# A question asking for a saying (「用哪句顺口的话提醒企业…」「“三不”底线是什么」, "what three-part rule"),
# and a saying as documents print one: a quoted list of three or more short phrases
# (「“危地不往、乱地不去、危业不投”」)
SAYING_ASKED = re.compile(
    r"顺口|口号|口诀|哪句|什么话|提法|说法|底线|[三四五六]不|"
    r"\b(?:rule of thumb|motto|slogan|catchphrase|saying|(?:two|three|four|five)-part (?:rule|principle))\b",
    re.I,
)
# A way to reach someone asked for (「竞赛联系人的电话是多少」「系统出问题找谁」), and a document's labelled
# contact line giving one (「联系人：周雨桐（…）」「联系电话：0989-66321058」), most often at its end
CONTACT_ASKED = re.compile(
    r"电话|热线|号码|联系人|联系方式|怎么联系|找谁|邮箱|\b(?:phone|contact|e-?mail)\b", re.I
)
PHONE = r"(?<!\d)(?:\d{3,4}[-－]\d{7,8}|1\d{10})(?!\d)"  # a landline with its area code, a mobile
# (or a labelled line giving its person's phone number: 「作品上传技术咨询：郑一鸣（…），0563-2256630」)
CONTACT_LINE = re.compile(
    r"(?m)^[^\S\n]*[^\n：:。，]{0,12}(?:联系人|联系电话|咨询电话|联系方式|电话|手机|电子邮箱|邮箱|传真)[^\S\n]*[：:][^\S\n]*[^\s_＿]"
    rf"|^[^\S\n]*[^\n：:。，]{{2,16}}[：:][^\n。]{{0,30}}{PHONE}"
)
# Which bodies a task is given to (「…由哪些单位负责」「谁牵头」「牵头的是哪个单位」), and the note a work
# plan closes each task with, 「（牵头单位：市委宣传部；责任单位：市委组织部、…）」 or 「（责任单位：…）」
BODIES_ASKED = re.compile(
    r"(?:哪些|哪个|哪家|什么)(?:单位|部门|机构|机关)(?:来|具体)?(?:负责|牵头|承担|落实|抓|负有)|"
    r"(?:责任|牵头|负责|承办|配合)(?:单位|部门)(?:是|有)(?:谁|哪)|"
    r"谁(?:来)?牵头|牵头的?(?:是|为)(?:谁|哪)|(?:负责|牵头|配合|参与)的(?:又|还)?(?:有|是)(?:哪些|哪个|哪家)|"
    r"\b(?:which|what) (?:departments?|bodies|body|agenc(?:y|ies)|units?|offices?) (?:is|are|will be) "
    r"(?:responsible|in charge)\b|\bwho (?:is|are) responsible\b|"
    r"\b(?:which|what) (?:departments?|bodies|body|agenc(?:y|ies)|units?|offices?|bureaus?) "
    r"(?:leads?|heads?)\b|"
    r"(?:哪个|哪些|哪家|什么)(?:单位|部门|机构|机关)[^，。？?]{0,4}牵头|由(?:谁|哪个单位|哪个部门)牵头",
    re.I,
)
BODIES_NOTE = re.compile(  # a body may name its kind in brackets: 「各乡镇（街道）」
    r"[（(](?:(?:责任|牵头|负责)(?:单位|部门)|牵头)[：:]\s*((?:[^（）()]|[（(][^（）()]{1,10}[）)]){2,120})[）)]"
)
SAYING = re.compile(r"“[^”，。、]{2,8}(?:、[^”，。、]{2,8}){2,}”")
