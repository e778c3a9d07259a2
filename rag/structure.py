"""Structured-document reader: headed blocks -> paragraphs, each with its heading path.

Formats hand over ``Block``s: a paragraph's text and the heading level its markup gave it (Markdown
``#``, docx Heading styles, html ``h1``-``h4``; 0 for body text). This module reads the rest from
the text itself, the same way for every format:

* laws and regulations: 编 / 章 / 节 headings, and articles ``第X条`` whose 款 (later paragraphs)
  and 项 (``（一）…`` items) belong to them until the next article or heading; the adoption and
  amendment history printed under the title is the law's 题注;
* other documents: Chinese outline numbering (``一、`` / ``（一）`` / ``1.`` / ``（1）``) on a short line
  is a heading; inside an article such lines are the article's items, never headings.

Every paragraph ends up with a path, outermost first (``("第一章 总则", "第二条")``); documents with no
headings get empty paths and read exactly as before. Odd numbering (第十条 after 第十二条, a repeated
label, an article with no body) is reported, never dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from rag.text import (
    ANY_DATE_LABEL,
    COMPILED,
    CONTENTS,
    DATE_LABEL,
    DAY,
    DECISION_DOCUMENT,
    ISSUER_LABEL,
    ISSUING_BODY,
    LABEL_NOTE,
    LIST_AHEAD,
    PHONE,
    PRINTED,
    display_width,
    hangs_under,
)

Block = tuple[str, int]  # (text, heading level from the format's markup; 0 = body text)

_NUM = r"[零〇一二两三四五六七八九十百千]+|\d+"
_LAW_HEADING = re.compile(rf"^第({_NUM})\s*(编|分编|章|节)(?:\s+|(?=\S))(.{{0,40}})$")
# an article's label at the start of its text (「第三条所有权人…」 printed with no space too), not a
# reference to one that starts a line (a report's 「第二十条第（一）项」, 「第七十七条明确规定，…」)
_ARTICLE = re.compile(
    rf"^第({_NUM})条(?:之([一二三四五六七八九十]+))?(?=[\s　]|$|[^\s，。、；：])"
    r"(?!第|规定|的规定|之规定|中规定|明确规定|所称|至第|和第|及第|、第)"
)
# An article a text cites, with its law when it names one, down to its clause and item:
# 「《中华人民共和国数据安全法》第六条第三款」, 「第三十二条第一项」
CITED_ARTICLE = re.compile(
    r"(?:《[^《》]{2,40}》)?第[零〇一二两三四五六七八九十百千\d]+条"
    r"(?:第[一二三四五六七八九十\d]+款)?(?:第[一二三四五六七八九十\d]+项)?"
)
_DECIMAL_NAME = r"[^\s\u3000\d][^\s\u3000]{0,30}(?:[ \u3000]+[A-Za-z][A-Za-z' -]{0,60})?$"  # its English too
# Outline numbering of reports and notices, outermost first.
_OUTLINE = (
    re.compile(r"^(?:典型)?案例[一二三四五六七八九十\d]+[：:、．.\s]"),  # a case report's 「案例一：…案」
    # an emergency plan's or a standard's decimal numbering, one depth a rank: 「1　总则」「1.1　编制目的」
    # 「4.2.1　Ⅰ级响应」; the name after it is one word (a table's row 「1　市财政局　　97」 has columns)
    re.compile(r"^\d{1,2}[ \u3000]{1,3}" + _DECIMAL_NAME),
    re.compile(r"^\d{1,2}[.．]\d{1,2}[ \u3000]{1,3}" + _DECIMAL_NAME),
    re.compile(r"^\d{1,2}[.．]\d{1,2}[.．]\d{1,2}[ \u3000]{1,3}" + _DECIMAL_NAME),
    re.compile(r"^[一二三四五六七八九十]+、"),
    re.compile(r"^[（(][一二三四五六七八九十]+[)）]"),
    re.compile(r"^\d{1,2}[.．、](?!\d)"),
    re.compile(r"^[（(]\d{1,2}[)）]"),
)
_LAW_RANK = {"编": 1, "分编": 2, "章": 3, "节": 4}
_SIGN_OFF = 20  # characters: a line this short with no punctuation signs or dates a document off
_APPENDIX_LINE = re.compile(r"^附件\s*\d{0,2}\s*(?:[：:]|$)")  # 「附件：1．…」「附件1」
# A numbered heading closed by 。 on a line of its own, one clause (「（一）预算编制不够科学精准。」,
# 「二、存在的主要问题。」), as audit and work reports print them; a numbered item with text run on is text
_CLOSED_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])"
    r"[^。，,；;：:！？!?、]{2,20}(?:[，,][^。，,；;：:！？!?、]{2,20})?。$"  # 「（三）强化检查，严厉…。」
)
_HEADLINE = re.compile(r"^【[^】]{1,10}】\S")  # a newsletter item's headline under its column's name
# An exercise's labelled lines (a quiz bank's 「【答案】B」「【解析】依据…」): its fields, no headlines
FIELD_LINE = re.compile(r"^【(?:(?:参考|正确|标准)?答案|(?:答案)?解析|知识链接|评分要点|考点|点评|提示)】")
KEY_LINE = re.compile(r"^(?:【(?:参考|正确|标准)?答案】|(?:参考|正确|标准)?答案\s*[：:])\s*")
# A quiz bank's or exam paper's numbered exercise (「12. 对违反…（　）内不准入境。」): its number heads the
# question, its options, its answer line and explanation, whatever their length (rag.structure)
_EXERCISE = re.compile(r"^(\d{1,3})\s*[.．、](?!\d)\s*\S")
_EXERCISE_SCAN = 16  # lines: an exercise's answer comes within this many lines of its number
_MIN_EXERCISES = 3
_APPENDIX = re.compile(r"^附件\s*\d{0,2}\s*[：:]")  # 「附件1：题型及分值一览表」 ends the last exercise
# 「附件」「附件2」「附录A」 on a line of its own, over the attachment (a standard's appendix)
_STANDARD_APPENDIX = re.compile(r"附录\s*[A-Z\d]?")  # a standard's appendix, its kind and name under it
_APPENDIX_ALONE = re.compile(rf"附件\s*\d{{0,2}}|{_STANDARD_APPENDIX.pattern}")
# A name list's line: a person's name (two characters may be set apart to align: 「柯　宁」), marks in
# brackets, a wide space, the unit and post (「王海燕（女）　岚东区委政法委副书记」「艾力·买买提（维吾尔族）
# 　…主任」), as a commendation's or an appointment's 名单 prints one
NAME_LINE = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff][\u3000 ][\u4e00-\u9fff])(?:·[\u4e00-\u9fff]{1,6})?"
    r"(?:[（(][\u4e00-\u9fff，,、]{1,8}[）)])?(?:\u3000+| {1,4})"
    # the unit and post: a unit's or a post's word in it, so a slogan 「国家安全　人人有责」 or a contact's
    # 「王　芳　13805711234」 is none
    r"(?=[^\s]*(?:[局委办院校所队司团社台馆部厅会处科股站村镇乡]|中心|政府|街道|社区|学|长|员|任|记|师|官))"
    r"[\u4e00-\u9fff（）()、\d]{2,40}$"
)
# A unit's name alone (「岚东区高桥街道办事处」「青河县第一中学」「云峰县委办公室（县国家保密局）」)
UNIT_NAME = re.compile(
    r"^[\u4e00-\u9fff（）()]{3,30}(?:人民政府|政府|办公室|办公厅|委员会|领导小组|指挥部|办事处|党委|党组|工委|"
    r"[局厅部委办署院会处科股队所站校学司团社台馆园室组庭村镇乡]|中心|街道|社区|集团|海关|军分区)"
    r"(?:[（(][^）)]{1,12}[）)])?$"
)
def listed_person(line: str) -> str | None:
    """The person a name list's ``line`` (``NAME_LINE``) names, a spaced name closed up (「柯　宁」: 柯宁),
    or None for any other line."""
    line = re.sub(r"^([\u4e00-\u9fff])[\u3000 ]([\u4e00-\u9fff])(?=[\u3000 （(])", r"\1\2", line.strip())
    if not NAME_LINE.match(line):
        return None
    return re.match(r"[\u4e00-\u9fff]+(?:·[\u4e00-\u9fff]+)?", line).group()


def persons_listed(paragraphs: Sequence[str]) -> set[str]:
    """The persons ``paragraphs`` list: a name list's lines (``listed_person``) and the 姓名 cells of a
    table of persons' rows (「序号 姓名 性别 … 拟任职务」 over 「1 周一鸣 男 …」)."""
    headers, rows = person_rows(paragraphs)
    names = {cells[header.index(NAME_COLUMN)] for header, cells in rows.values()}
    return names | {n for i, p in enumerate(paragraphs) if i not in headers and i not in rows
                    and (n := listed_person(p))}  # fmt: skip


# A party's line heading a decision, a judgment or a contract (「当事人：澜江市启衡地理信息科技有限公司」
# 「被申请人：澜江市公安局」「甲方：…」): the text names the party by its role from then on
PARTY_ROLE = (r"当事人|(?:被)?申请人|第三人|原告|被告|(?:被)?上诉人|(?:被)?申诉人|(?:被)?举报人|"
              r"(?:被)?投诉人|[甲乙丙]方|委托方|受托方|出租人|承租人|发包人|承包人|采购人|采购代理机构|招标人|"
              r"中标人|供应商")
# (a note may follow the role: 「甲方（委托方）：」)
_PARTY_LINE = re.compile(rf"^({PARTY_ROLE})(?:{LABEL_NOTE})?[：:]\s*([^\s，,。；;：:（(]{{2,40}})")


def parties(paragraphs: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """(role, name) of each party ``paragraphs`` name on a line of its own (``_PARTY_LINE``)."""
    found = (_PARTY_LINE.match(p.strip()) for p in paragraphs)
    return tuple(dict.fromkeys((m.group(1), m.group(2)) for m in found if m))


# A district or county a table's row is about (「新港区  58  31420 …」 under 「区县  开展活动(场) …」): an
# English question may spell it (Xingang); a table of zones (「核心区」「缓冲区」 under 「功能区」) names none
_PLACE_CELL = re.compile(r"((?![各一从每全本该这那其此])[\u4e00-\u9fff]{2})[区县]")  # not 「各区」「一些县」
_PLACES_COLUMN = re.compile(
    r"^(?:区县|县区|区名|县名|地区|辖区|区域|所属区县|区（县）|县（市、区）|区县（[^）]{1,8}）)$"
)


def places_named(paragraphs: Sequence[str]) -> set[str]:
    """The districts and counties (without 区 or 县: 新港) ``paragraphs`` give a table's row to, under a
    header naming its label column 区县 (or 地区, 区名…)."""
    out, places = set(), False
    for p in paragraphs:
        header = table_header(p)
        if header is not None:
            places = bool(_PLACES_COLUMN.match(header[0]))
            continue
        first, *cells = _fields(p.strip()) or [""]
        if places and (m := _PLACE_CELL.fullmatch(first)) and any(CELL_NUMBER.fullmatch(c) for c in cells):
            out.add(m.group(1))
    return out


# Items of the paragraph before that a law's paragraph refers to (「采取前款第三项至第五项规定的应对处置措施，
# 由省级以上…决定」, 「有前款第一项、第二项行为的」), and a question asking which or what (they answer it)
_ITEMS_REFERRED = re.compile(
    r"前款第([一二三四五六七八九十]+)项(?:至第([一二三四五六七八九十]+)项|((?:、第[一二三四五六七八九十]+项)+))?"
)
ITEMS_ASKED = re.compile(r"哪些|哪几|什么|分别|\bwhich\b|\bwhat\b", re.I)


def item_mark(n: int) -> str:
    """How an article prints its item ``n`` at the start of its line: 3 -> 「（三）」."""
    return f"（{to_chinese(n)}）"


def items_referred(text: str) -> list[int]:
    """The numbers of the items of the paragraph before that ``text`` first refers to (「前款第三项至第五项」:
    3, 4, 5), [] when it refers to none."""
    m = _ITEMS_REFERRED.search(text)
    if m is None:
        return []
    first = to_int(m.group(1)) or 0
    if m.group(2):
        return list(range(first, (to_int(m.group(2)) or first) + 1))
    more = re.findall(r"第([一二三四五六七八九十]+)项", m.group(3) or "")
    return [first, *(to_int(x) or 0 for x in more)]


def person_rows(paragraphs: Sequence[str]) -> tuple[set[int], dict[int, tuple[list[str], list[str]]]]:
    """The tables of persons in ``paragraphs``: the indices of their headers (a table's header naming
    姓名), and their rows by index, each with its header (``person_row``'s cells)."""
    headers: set[int] = set()
    rows: dict[int, tuple[list[str], list[str]]] = {}
    header: list[str] | None = None
    for i, text in enumerate(paragraphs):
        columns = table_header(text)
        if columns is not None and NAME_COLUMN in columns:
            header = columns
            headers.add(i)
        elif header and (cells := person_row(text, header)):
            rows[i] = (header, cells)
    return headers, rows


NAME_COLUMN = "姓名"


def person_row(line: str, header: Sequence[str]) -> list[str] | None:
    """The cells of ``line`` if it is a row under a table of persons' ``header`` (it names 姓名): a
    ``table_row``, or as many words as the header has columns, none a clause (「3 龙秀芝 女 苗族
    …局副局长 二等」: a table of words only, no figure among them)."""
    cells = table_row(line, header)
    if cells is not None:
        return cells
    fields = _fields(line)
    return fields if len(fields) == len(header) and all(_plain_cell(f, 30) for f in fields) else None


# The line a name list groups its lines under (「岚东区」「市直单位」「教育系统」): a place or a kind of units
GROUP_LINE = re.compile(
    r"^[\u4e00-\u9fff]{1,8}(?:[区县市州省旗盟镇乡]|街道|单位|系统|部门|企业|机关|院校|学校|高校)$"
)
_MARKUP_RANK = 10  # markup headings nest below law divisions and above outline numbering
_OUTLINE_RANK = 20
_EXERCISE_RANK = _OUTLINE_RANK + 6  # where 「1.」 numbering ranks; parts 「一、单项选择题」 rank above it
_GROUP_RANK = _OUTLINE_RANK + 20  # a name list's group, under any numbering
# A numbered line that is a sentence announcing the list under it: a clause before the lead-in
# (「有下列情形之一的，实行一票否决：」), not a heading's name for it (「（一）主要职责：」)
_LEAD_IN_SENTENCE = re.compile(rf"[，,][^，,]*{LIST_AHEAD}[^，,]*[：:]$|{LIST_AHEAD}[^，。：:]*[，,].*[：:]$")
_MAX_HEADING = 40  # characters: a longer line is a paragraph, whatever its numbering
_SENTENCE_END = "。！？!?；;"
_HISTORY = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日.*?(通过|修订|修正|施行|公布|决定)")
_CONTENTS = re.compile(CONTENTS)
PREAMBLE = "题注"  # the section label of a law's adoption/amendment history


@dataclass(frozen=True)
class Outline:
    """A document read for structure: paragraphs with aligned heading paths."""

    paragraphs: tuple[str, ...]
    sections: tuple[tuple[str, ...], ...]
    history: str | None  # a law's 通过/修订/施行 lines, joined
    oddities: tuple[str, ...]

    @property
    def structured(self) -> bool:
        """Whether any paragraph sits under a heading or an article."""
        return any(self.sections)


def read_outline(blocks: Sequence[Block]) -> Outline:
    """Heading paths for ``blocks``; heading blocks become labels, not paragraphs."""
    lawlike = any(_ARTICLE.match(text.strip()) for text, level in blocks if not level)
    path: list[tuple[int, str]] = []  # (rank, label), outermost first
    article: str | None = None
    paragraphs, sections, history, odd = [], [], [], _Numbering()
    attached = False  # under 「附件：1．…」: the numbered lines after it are the list's, not headings
    turns = _turns(blocks)
    exercises = _exercises(blocks)
    in_exercise = False
    for index, (raw, level) in enumerate(blocks):
        text = raw.strip()
        if not text or _CONTENTS.fullmatch(text):  # a regulation's 「目　　录」: its entries are headings
            continue
        listed = attached and not level and bool(_ATTACHED_ITEM.match(text))
        attached = bool(_ATTACHMENTS_LINE.match(text)) or listed
        turn = turns.get(text) if not level else None
        closed = not level and _closed_heading(text, blocks, index)
        inside = article is not None
        rank = None if listed else _heading_rank(text, level, inside_article=inside, closed=closed)
        if index in exercises:  # 「12. …」: the exercise's number heads it; its question is text
            path = [p for p in path if p[0] < _EXERCISE_RANK] + [(_EXERCISE_RANK, exercises[index])]
            in_exercise, rank = True, None
        elif exercises and not level and _APPENDIX.match(text) and len(text) <= _MAX_HEADING:
            path, in_exercise, rank = [(_OUTLINE_RANK - 1, _label(text))], False, None
            continue
        elif not level and _APPENDIX_ALONE.fullmatch(text):  # 「附件」 or 「附件2」 on its own line: what
            path, in_exercise = [(_OUTLINE_RANK - 1, text)], False  # follows is the attachment, no part
            odd.close(article)  # of the body's last heading (a work plan's 「重点任务分工表」 after its
            article = None  # 「五、…」) nor of its last article (a charter's roster after 第六十条)
            continue
        elif not level and rank is None and _grouping(text, blocks, index):  # 「岚东区」 over its units
            path = [p for p in path if p[0] < _GROUP_RANK] + [(_GROUP_RANK, text)]
            continue
        elif in_exercise and rank is not None and rank >= _EXERCISE_RANK:
            rank = None  # a reference answer's own 「（1）…」「1.」 points are its text
        elif rank is not None:
            in_exercise = False
        if turn:  # a transcript's 「沈嘉树：」 heads what that speaker says, up to the next speaker
            path = [p for p in path if p[0] < _TURN_RANK] + [(_TURN_RANK, turn)]
            continue
        if turns and not level and _PART_LINE.match(text):  # its 「【答记者问】」 heads the turns after it
            path = [(_TURN_RANK - 1, text)]
            continue
        if rank is not None:
            head, run_on = _run_in(text) if not level else (text, "")
            field = _NUMBERED_FIELD.match(text) if not level and not run_on else None
            if field:  # 「一、项目编号：CZZC2025-G-0316」: its label heads it, its field is text
                head, run_on = field.group(1) + field.group(2), text[field.end(1) :]
            if not level and not run_on and _LEAD_IN_SENTENCE.search(text):
                run_on = text  # 「（三）有下列情形之一的，实行一票否决，…：」 heads its items, and is text
            path = [p for p in path if p[0] < rank] + [(rank, _label(head))]
            odd.close(article)
            article = None
            if not run_on:
                continue
            text = run_on  # 「（一）加分项。累计加分最高不超过5分：」: the heading's sentence is text
        clause = _DECIMAL_CLAUSE.match(text) if rank is None and not level else None
        if clause:  # 「3.2.2　…。」, a clause, ends the heading numbered 3.2.1 (「3.2.1　有下列情形之一的，
            depth = _OUTLINE_RANK + 1 + clause.group(1).count(".")  # …：」 heads its items)
            path = [p for p in path if not depth <= p[0] <= _OUTLINE_RANK + 3]  # (decimal headings only)
        m = _ARTICLE.match(text) if lawlike else None
        if m:
            odd.close(article)
            article = odd.open(m, text)
        elif article is not None:
            odd.body()
        labels = tuple(label for _, label in path)
        if lawlike and article is None and not path and _HISTORY.search(text):
            history.append(text)
            labels = (PREAMBLE,)
        paragraphs.append(text)
        sections.append((*labels, article) if article else labels)
    odd.close(article)
    return Outline(tuple(paragraphs), tuple(sections), "；".join(history) or None, tuple(odd.notes))


# A numbered line that is a field (「一、项目编号：CZZC2025-G-0316」「（二）联系人：邵雨桐」): number, label,
# value
_NUMBERED_FIELD = re.compile(
    r"^((?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.．、])\s*)"
    r"([\u4e00-\u9fff]{2,10})[：:]\s*\S"
)


def _grouping(text: str, blocks: Sequence[Block], index: int) -> bool:
    """Whether ``text`` (block ``index``) is a group's line over a name list's lines or its units' names:
    a place or a kind of units, then two list lines (or one, the list's last)."""
    if not GROUP_LINE.match(text):
        return False
    after = [t.strip() for t, level in blocks[index + 1 : index + 3] if not level]
    listed = [bool(NAME_LINE.match(t) or UNIT_NAME.match(t)) for t in after]
    return bool(listed) and listed[0] and (len(listed) == 1 or listed[1] or bool(GROUP_LINE.match(after[1])))


def _closed_heading(text: str, blocks: Sequence[Block], index: int) -> bool:
    """Whether ``text`` (block ``index``) is a numbered heading closed by 。 (``_CLOSED_HEADING``) with
    text under it and none right over it numbered as it is (a list's items, the last closed by 。, are
    items): the next block is text or numbered deeper, not numbered as it is or above it, nor a
    list of attachments (「（二）本指引由…负责解释。」 then 「（三）…」, 「（四）…负责解释。」 then 「九、…」
    or 「附件：1．…」 are a list's items, each a sentence)."""
    if not _CLOSED_HEADING.match(text):
        return False
    rank = next(i for i, p in enumerate(_OUTLINE) if p.match(text))
    earlier = (blocks[i][0].strip() for i in range(index - 1, -1, -1))
    before = next((b for b in earlier if b), "")
    if _OUTLINE[rank].match(before) and not _run_in(before)[1]:
        return False  # right after an item numbered as it is, no heading: a list's last (「（四）…以下。」)
    later = (blocks[i][0].strip() for i in range(index + 1, len(blocks)))  # no copy of the rest
    following = next((b for b in later if b), "")
    if any(p.match(following) for p in _OUTLINE[rank + 1 :]):
        return True  # 「1.代编预算比例偏高。…」 under it
    above = any(p.match(following) for p in _OUTLINE[: rank + 1])
    # text under it is a sentence, not a sign-off after a list's last item (「某市应急管理局」, a date)
    text_under = len(following) > _SIGN_OFF or any(ch in following for ch in "。，；：")
    return text_under and not above and not _APPENDIX_LINE.match(following)


def _exercises(blocks: Sequence[Block]) -> dict[int, str]:
    """The blocks opening a numbered exercise, with its label (「第12题」): a 「12.」 line whose answer
    line (「【答案】C」「参考答案：…」) comes before the next numbered line; none unless the document
    holds a few (a quiz bank, an exam paper), so a notice's numbered points stay what they were."""
    numbered = [i for i, (text, level) in enumerate(blocks) if not level and _EXERCISE.match(text.strip())]
    found: dict[int, str] = {}
    for i, nxt in zip(numbered, [*numbered[1:], len(blocks)], strict=False):
        if any(KEY_LINE.match(blocks[k][0].strip()) for k in range(i + 1, min(nxt, i + _EXERCISE_SCAN))):
            found[i] = f"第{_EXERCISE.match(blocks[i][0].strip()).group(1)}题"
    return found if len(found) >= _MIN_EXERCISES else {}


# A notice's list of attachments (「附件：1．问题清单」, then 「2．整改情况报告（格式）」): its numbered lines
# name attachments, they head nothing
_ATTACHMENTS_LINE = re.compile(r"^附件[：:]\s*\d{1,2}\s*[.．、]")
_ATTACHED_ITEM = re.compile(r"^\d{1,2}\s*[.．、]\S")


def article_number(label: str) -> int | None:
    """The number of an article label (``第二十三条`` -> 23, ``第23条`` -> 23), else None."""
    m = _ARTICLE.match(label)
    return to_int(m.group(1)) if m else None


def heading_kind(label: str) -> str | None:
    """What a law heading label divides (``第一章 总则`` -> 章; 编, 分编, 节), else None."""
    m = _LAW_HEADING.match(label)
    return m.group(2) if m else None


def to_int(numeral: str) -> int | None:
    """A Chinese or Arabic numeral as printed in legal numbering (一百二十三, 两, 23)."""
    if numeral.isdigit():
        return int(numeral)
    digits = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}  # fmt: skip  (a PDF's text may print 〇 as ○)
    total, current = 0, 0
    for ch in numeral:
        if ch in digits:
            current = digits[ch]
        elif ch in "十百千":
            total += (current or 1) * {"十": 10, "百": 100, "千": 1000}[ch]
            current = 0
        else:
            return None
    return total + current


def _heading_rank(text: str, level: int, *, inside_article: bool, closed: bool = False) -> int | None:
    """The rank of a heading ``text`` (a markup heading's ``level``, a law division, an outline number),
    None for text; ``closed``: a numbered heading closed by 。 is one (``_closed_heading``)."""
    m = _LAW_HEADING.match(text)
    if m and not _ends_sentence(text):
        return _LAW_RANK[m.group(2)]
    if level:
        return _MARKUP_RANK + level
    asks = text.rstrip()[-1:] in "？?"  # a numbered question heads its answer (an explainer's 「二、…？」)
    # a sentence wrapped onto the next line: no heading ends so (「（五）交通。…约300米，」 runs on after one)
    broken = text.rstrip()[-1:] in "，,、" and not _run_in(text)[1]
    sentence = _ends_sentence(text) and not asks and not closed
    if inside_article or broken or len(_ENGLISH_NAME.sub("", text)) > _MAX_HEADING or sentence:
        return None  # an article's （一）… are its items; a sentence is text
    if _HEADLINE.match(text) and not FIELD_LINE.match(text):  # a newsletter's 「【工作动态】…」: over items
        return _OUTLINE_RANK - 1
    if _STANDARD_PART.fullmatch(text):  # a standard's 「前　言」, ranked as its 「1　范围」
        return _OUTLINE_RANK + 1
    for i, pattern in enumerate(_OUTLINE):
        if pattern.match(text):
            return _OUTLINE_RANK + i
    return None


_ENGLISH_NAME = re.compile(r"[ \u3000]+[A-Za-z][A-Za-z' -]{0,60}$")  # a standard's term in English, after it


def _run_in(text: str) -> tuple[str, str]:
    """A numbered heading and the text run on after it on its line (「（一）加分项。累计加分最高不超过5分：」
    -> 「（一）加分项」, 「累计加分最高不超过5分：」), as official documents print a short heading closed
    by 。 before its first sentence; (text, "") when nothing runs on."""
    head, stop, rest = text.partition("。")
    if not stop or not rest.strip() or not any(p.match(head) for p in _OUTLINE):
        return text, ""
    return head, rest.strip()


def _ends_sentence(text: str) -> bool:
    return text.rstrip()[-1:] in _SENTENCE_END


def _label(text: str) -> str:
    """A heading as a label: spaces inside a Chinese name dropped (``第一章 总 则`` -> ``第一章 总则``)."""
    text = re.sub(r"\s+", " ", text).strip()
    if _CLOSED_HEADING.match(text):  # 「（一）预算编制不够科学精准。」: its name, not its full stop
        text = text[:-1]
    m = _LAW_HEADING.match(text)
    if m:
        name = re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", m.group(3).strip())
        return f"第{m.group(1)}{m.group(2)}" + (f" {name}" if name else "")
    return re.sub(r"\s+", "", text) if _STANDARD_PART.fullmatch(text) else text  # 「前　言」: 前言


class _Numbering:
    """Article numbering as printed, checked as it is read: each oddity becomes a note."""

    def __init__(self) -> None:
        self.notes: list[str] = []
        self._seen: set[str] = set()
        self._last = 0
        self._bodies = 0

    def open(self, m: re.Match[str], text: str) -> str:
        label = m.group(0)
        number = to_int(m.group(1)) or 0
        if label in self._seen:
            self.notes.append(f"duplicate article label {label}")
        elif number < self._last and not m.group(2):
            self.notes.append(f"{label} follows 第{self._last}条 (numbering goes back)")
        self._seen.add(label)
        self._last = max(self._last, number)
        self._bodies = int(bool(text[m.end() :].strip()))
        return label

    def body(self) -> None:
        self._bodies += 1

    def close(self, article: str | None) -> None:
        if article is not None and not self._bodies:
            self.notes.append(f"{article} has no text")


# The parts of a standard (GB/T 1.1) that its clauses' numbers do not head: 「前　言」「引　言」「参考文献」
_STANDARD_PART = re.compile(r"前[\s\u3000]*言|引[\s\u3000]*言|参考文献")
# A standard's clause (「4.1.1　机关单位应…。」「B.2　…」) or item (「a）…；」): a paragraph of its own, never
# the wrapped end of the line before it
_CLAUSE_START = re.compile(r"^(?:(?:[A-Z][.．])?\d{1,2}(?:[.．]\d{1,2}){1,3}[ \u3000]+\S|[a-z][)）]\S)")
# A standard's clause numbered to its headings' depth (「3.2.2」 under 「3.2　处置」), up to three levels
_DECIMAL_CLAUSE = re.compile(r"^(\d{1,2}(?:[.．]\d{1,2}){1,2})[ \u3000]+\S")
# A term's number alone on its line, over the term (「3.5」 over 「知悉范围　scope of knowing」): one heading
_TERM_NUMBER = re.compile(r"^\d{1,2}(?:[.．]\d{1,2}){1,3}$")


def outline_numbered(text: str) -> bool:
    """Whether ``text`` opens with an outline number (「四、」「（三）」「2.」, not 「2.68%」)."""
    text = text.strip()
    return any(p.match(text) for p in _OUTLINE)


def is_marked(text: str) -> bool:
    """Whether a line opens structure: a heading (law division or outline number) or an article."""
    text = text.strip()
    return bool(_ARTICLE.match(text)) or _heading_rank(text, 0, inside_article=False) is not None


def _terms_numbered(lines: Sequence[str]) -> list[str]:
    """``lines`` with a standard's term entry read as one statement: its number, the term and its
    definition, each on a line of its own (「3.5」, 「知悉范围　scope of knowing」, 「根据工作需要限定的…人员
    范围。」), joined on one line, so a quote of the definition names the term it defines."""
    out: list[str] = []
    k = 0
    while k < len(lines):
        text = lines[k].strip()
        term = lines[k + 1].strip() if k + 1 < len(lines) else ""
        said = lines[k + 2].strip() if k + 2 < len(lines) else ""
        named = bool(term) and _heading_rank(f"{text}\u3000{term}", 0, inside_article=False) is not None
        if _TERM_NUMBER.match(text) and named:
            defined = bool(said) and not _TERM_NUMBER.match(said) and not _CLAUSE_START.match(said) \
                and not is_marked(said)
            out.append("\u3000".join([text, term, *([said] if defined else [])]))
            k += 3 if defined else 2
            continue
        out.append(lines[k])
        k += 1
    return out


def marked_groups(lines: Sequence[str]) -> list[list[str]]:
    """Lines of plain text (txt, a PDF's text layer) cut where structure says a paragraph must
    start: before an article or an outline-numbered line (a heading, or an article's item), and
    around a heading line, so wrapped text never glues 「第一章 总则」 to the article under it."""
    groups: list[list[str]] = [[]]
    lines = _terms_numbered(lines)
    widths = sorted(len(x.strip()) for x in lines if x.strip())
    col = widths[len(widths) // 2] if widths else 0  # the column a wrapped text is cut at
    for k, line in enumerate(lines):
        text = line.strip()
        heading = bool(text) and not _ARTICLE.match(text) and is_marked(text) and not _wraps(lines, k, col)
        heading = heading or bool(_STANDARD_APPENDIX.fullmatch(text))  # 「附录A」 over （规范性）, its name
        if heading or _ARTICLE.match(text) or any(p.match(text) for p in _OUTLINE) or _OPTION.match(text) \
                or FIELD_LINE.match(text) or _CLAUSE_START.match(text):  # (an exercise's options and answer
            groups.append([])  # lines, a standard's clauses: a line each)
        groups[-1].append(line)
        if heading:
            groups.append([])
    return [g for g in groups if any(x.strip() for x in g)]


_OPTION = re.compile(r"^[A-H]\s*[.．、]\s*\S")  # 「A．三年」 「B. 12339」: a choice of an exercise


def _wraps(lines: Sequence[str], k: int, col: int) -> bool:
    """Whether numbered line ``k`` goes on in the next line, as a wrapped item's first line does
    (「　　1. 修订完善…，4月30日前印」 / 「发实施。…」): the next line follows without a blank, is not
    indented and opens nothing, and this line runs to the column or the next starts with a mark that
    closes a clause (「。对发生…」). A heading stands alone or is short."""
    nxt = lines[k + 1] if k + 1 < len(lines) else ""
    text = nxt.strip()
    if not text or is_marked(text) or _ARTICLE.match(text):
        return False
    if nxt[:1] == "\u3000" or nxt[:2] == "  ":  # indented: a paragraph of its own, or set under this line
        return hangs_under(lines[k], nxt)
    return (col >= _MIN_WRAP and len(lines[k].strip()) >= 0.8 * col) or text[0] in "，、。；：！？”’）》"


_MIN_WRAP = 20  # characters: lines of a few words each (a heading, then one sentence a line) are not cut


# Leftovers of a page saved from a website: toolbar words, breadcrumbs, font-size pickers.
_CLUTTER = re.compile(
    r"^(?:[【\[]?\s*(?:下载|打印|分享|收藏|关闭(?:窗口|本页)?|返回顶部|字号|字体|大\s*中\s*小|默认|"
    r"扫一扫|微信|微博|登录|注册|首页|English|无障碍|适老化|[\s|｜/]+)\s*[】\]]?[\s|｜/：:]*)+$"
    r"|^(?:首页|当前位置|您的位置|位置)\s*[>＞:：»]"
    r"|^(?:浏览次数|阅读次数|点击数|访问量)[：:]"
)
_DATE_LINE = re.compile(
    rf"(?:^|{ANY_DATE_LABEL}\s*)(\d{{4}}\s*[-年./]\s*\d{{1,2}}\s*[-月./]\s*\d{{1,2}}\s*日?)"
)
_STRICT_DATE = re.compile(rf"^\d{{4}}\s*[-年./]|{DATE_LABEL}")  # a page's date, not an event's 「时间：」
_META_WORDS = re.compile(r"[\s|｜:：【】\[\]]|发布|时间|日期|来源|作者|编辑|责任编辑|浏览次数|字号|大|中|小")
_ISSUER_LINE = re.compile(rf"{ISSUER_LABEL}\s*([^\s|｜]{{2,30}})")
# One field of such a line: 「来源：青禾市应急管理局」, 「发布时间：2025-05-12」 (kept, to be cited), not
# 「浏览次数：236」 or 「字号：大 中 小」.
_META_FIELD = re.compile(rf"{_ISSUER_LINE.pattern}|{ANY_DATE_LABEL}\s*\d{{4}}[-年./]\S+")
_NO_ISSUER = frozenset({"本站", "本网", "本网站", "网络", "互联网", "网站"})  # 「来源：本站」 names nobody


# A report or speech names its occasion and its speaker under the title: 「——2025年1月16日在临川市第十七
# 届人民代表大会第四次会议上」, then 「临川市人民政府市长 宋立衡」 (the role, a space, the name).
_OCCASION_LINE = re.compile(
    r"^[—－-]{1,2}\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*在.{2,60}上(?:的(?:报告|讲话|发言))?$"
)
_SPEAKER_LINE = re.compile(
    r"^(?P<role>[\u4e00-\u9fff、]{0,30}(?:市长|省长|县长|区长|主任|书记|局长|厅长|部长|主席|总理|委员长|院长|检察长|"
    r"秘书长|负责人))\s+(?P<name>[\u4e00-\u9fff]{2,4})$"
)
# A speech's title may name its occasion itself (「在全市国家安全工作会议上的讲话」), the speaker's line
# and the day in brackets under it: 「（2026年3月18日）」.
_OCCASION_TITLE = re.compile(r"^在.{2,60}上的(?:讲话|报告|发言|致辞|主旨演讲|讲课|动员讲话|总结讲话)$")
_DAY_LINE = re.compile(r"^[（(]\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*[）)]$")


def standard_cover_line(line: str) -> bool:
    """Whether ``line`` is one a standard's cover prints (``_STANDARD_FRONT``): no title, over it."""
    return bool(_STANDARD_FRONT.match(line.strip()))


def is_front_line(line: str) -> bool:
    """Whether ``line`` is one a speech or a report prints under its title: its occasion, its
    speaker (role, a space, the name) or its day in brackets; each is a line of its own, not a
    wrapped part of the title."""
    line = line.strip()
    return bool(_OCCASION_LINE.match(line) or _SPEAKER_LINE.match(line) or _DAY_LINE.match(line)
                or _STANDARD_FRONT.match(line))


# What a standard's cover prints a line each (GB/T 1.1): its classification codes (「ICS 35.030」
# 「CCS L 70」), its kind (「东川省地方标准」), its number and the one it replaces (「DB68/T 0417—2025」
# 「代替DB68/T 0417—2019」), its days (「2025-04-15发布　2025-07-01实施」) and its issuer (「…局　发布」)
STANDARD_NUMBER = (r"(?:GB|DB\d{2}|T/[A-Z]{2,10}|[A-Z]{2})(?:/[TZ])?\s*\d{1,5}(?:\.\d{1,3})?"
                   r"\s*[—\-－–]\s*\d{4}")
_STANDARD_FRONT = re.compile(
    rf"^(?:(?:ICS|CCS)\s+\S.{{0,20}}|(?:代替\s*)?{STANDARD_NUMBER}(?:[、，,]\s*{STANDARD_NUMBER})*|"
    r"(?:GB|DB\d{2}|T/[A-Z]{2,10})|"  # its code mark alone (「DB36」)
    r"[\u4e00-\u9fff]{0,8}(?:国家|行业|地方|团体|企业)标准|"
    r"\d{4}\s*[-－]\s*\d{2}\s*[-－]\s*\d{2}\s*发布(?:[\s\u3000]+\d{4}\s*[-－]\s*\d{2}\s*[-－]\s*\d{2}\s*实施)?|"
    r"[\u4e00-\u9fff（）()]{2,40}[\s\u3000]+发\s*布)$"
)


# A transcript (新闻发布会实录, 访谈) gives each turn a line of its own: the speaker's name or the
# questioner (「澄川日报记者」「主持人」), then a colon. A name counts when the roster under the title
# names it (「澄川市国家安全局副局长 沈嘉树」, 「主持人：…副主任 周婉清」) or it takes two turns or more
# (「发布人：」 heads the roster once).
_TURN_LINE = re.compile(
    r"^(?P<who>[\u4e00-\u9fffA-Za-z]{0,16}(?:记者|主持人|嘉宾|问|答)|[\u4e00-\u9fff·]{2,5})\s*[：:]$"
)
_ROSTER_LINE = re.compile(rf"^(?:主持人[：:]\s*)?{_SPEAKER_LINE.pattern.lstrip('^')}")
_PART_LINE = re.compile(r"^【[^】]{2,10}】$")
_TURN_ROLE = re.compile(r"(?:记者|主持人|嘉宾|问|答)$")  # a turn's line may name its part, not a person
_QUESTIONER = re.compile(r"(?:记者|主持人|问)$")
_MIN_TURNS = 3
_TURN_RANK = _OUTLINE_RANK - 2  # above a turn's own numbering (「一是」「（一）」), below markup headings
TURN_MARK = "："  # a turn's label ends with it: 「沈嘉树（澄川市国家安全局副局长）：」
_TURN_LABEL = re.compile(
    rf"^(?P<who>(?P<name>[\u4e00-\u9fff·A-Za-z]{{2,21}})(?:（[^（）]{{2,60}}）)?){TURN_MARK}$"
)


def _turns(blocks: Sequence[Block]) -> dict[str, str]:
    """A transcript's turn lines, each with its label: the speaker, with the post the roster gives
    (「沈嘉树（澄川市国家安全局副局长）：」); {} for a document of fewer than three turns."""
    lines = [text.strip() for text, level in blocks if not level]
    roster = {}
    for line in lines[:40]:
        if m := _ROSTER_LINE.match(line):
            host = line.startswith("主持人")
            roster[m["name"]] = f"主持人，{m['role']}" if host else m["role"]
    found = [(line, m["who"]) for line in lines if (m := _TURN_LINE.match(line))]
    counts = Counter(who for _, who in found)
    turns = {line: who for line, who in found
             if who in roster or counts[who] >= 2 or _TURN_ROLE.search(who)}  # fmt: skip
    if len([w for w in turns.values() if not _QUESTIONER.search(w)]) < 2 or sum(counts.values()) < _MIN_TURNS:
        return {}
    labels = {who: f"{who}（{roster[who]}）" if who in roster else who for who in turns.values()}
    return {line: labels[who] + TURN_MARK for line, who in turns.items()}


def is_turn(section: Sequence[str]) -> bool:
    """Whether ``section`` is a transcript's turn, a questioner's too."""
    return bool(section) and bool(_TURN_LABEL.match(section[-1]))


def is_host(speaker: str) -> bool:
    """Whether ``speaker`` (``turn_speaker``) chairs the transcript's occasion (「…（主持人，…）」)."""
    return "（主持人" in speaker


def turn_speaker(section: Sequence[str]) -> str | None:
    """The speaker of a transcript's passage from its ``section`` path (「沈嘉树（…副局长）」), None when
    the passage is no turn's or a questioner's (a reporter, the host's 「主持人」 line)."""
    m = _TURN_LABEL.match(section[-1]) if section else None
    return m["who"] if m and not _QUESTIONER.search(m["name"]) else None


# A notice signs off with its issuing body on one line and the day on the next (「青禾市人民政府办公室」 /
# 「2025年3月8日」): a body's name, no sentence.
_SIGNED_BY = re.compile(rf"^{ISSUING_BODY}$")
# what a notice prints before its sign-off without a full stop: its attachments' list (「附件：1.…」,
# 「　　　3.活动分管领导及联络员名单回执」) and its contact lines (「联系人：…，电话：…」)
_BEFORE_SIGN_OFF = re.compile(
    r"^\s*(?:附件[：:\s\d]|\d{1,2}[.．、]\S|联系人|联系电话|电话|地\s*址|邮\s*箱|传\s*真|特此)"
)
_SIGN_DATE = re.compile(rf"^{DAY}$")
# the seal's place a decision or a letter prints between its body and its day (「（印章）」, 「（盖章）」),
# on a line of its own or joined to the body's line by the loader
_SEAL_MARK = r"[（(]\s*(?:印章|盖章|公章|签章|章)\s*[）)]"
_SEAL = re.compile(rf"^{_SEAL_MARK}$")
_SEAL_AFTER = re.compile(rf"\s*{_SEAL_MARK}$")
_PHONE = re.compile(PHONE)


def _signers(line: str) -> list[str]:
    """The bodies a sign-off line names: one (「青禾市人民政府办公室」), or two or three issuing jointly,
    set apart by spaces on one line (「青岚市保密工作领导小组办公室　　青岚市国家安全局」); [] for any other
    line."""
    if _SIGNED_BY.match(line):
        return [line]
    parts = line.split()  # the loader has made the wide space one
    return parts if len(parts) <= _JOINT_SIGNERS and all(_SIGNED_BY.match(x) for x in parts) else []


_JOINT_SIGNERS = 3
# A bulletin or a press release prints both on one line under its title: 「青岚市统计局　2026年3月20日」
# 「…办公室编　2026年…」, 「澄川市人民政府办公室　2026年2月10日印发」
_ISSUED_LINE = re.compile(rf"^(?P<body>{ISSUING_BODY}){COMPILED}\s+(?P<day>{DAY}){PRINTED}$")
# A standard's cover: its issuer over 「发布」 (「东川省市场监督管理局　　发布」) and the day it was issued
# (「2025-04-15发布　　2025-07-01实施」)
_STANDARD_ISSUER = re.compile(rf"^(?P<body>{ISSUING_BODY})[\s\u3000]+发\s*布$")
_STANDARD_ISSUED = re.compile(r"^(?P<day>\d{4}\s*[-－]\s*\d{2}\s*[-－]\s*\d{2})\s*发布")


@dataclass(frozen=True)
class Front:
    """What a document's first lines say about it, and where its body starts."""

    blocks: tuple[Block, ...]  # the rest, clutter removed
    date: str | None
    issuer: str | None
    speaker: tuple[str, str] | None = None  # (name, role) of the one who delivered a report
    meta: str | None = None  # the issuer's and date's fields of a web page's line, to stand under the title


# The kind of a court's document printed alone under the court's name, spaced to the width of the header
# (「刑 事 判 决 书」「民事裁定书」)
_KIND_UNDER = re.compile(rf"[\u4e00-\u9fff]{{0,4}}{DECISION_DOCUMENT}")


def front_matter(blocks: Sequence[Block], *, scan: int = 12) -> Front:
    """Drop website leftovers (下载 / 打印 / 分享 lines, breadcrumbs, hit counters) from the first
    ``scan`` blocks and keep the date and issuing body they print, and the fields printing them as
    ``meta`` (an answer cites them); a sign-off (an issuing body's line, then the day) anywhere gives
    them too, before a page's fields do (「来源：」 may name the website that copied the notice)."""
    date = issuer = occasion = speaker = web_issuer = web_date = None
    signed = -1  # the sign-off's date line
    fields: list[str] = []
    kept: list[Block] = []
    for i, (text, level) in enumerate(blocks):
        line = text.strip()
        # the occasion and the speaker stay text too: a quote answers 「报告是哪天在什么会上作的」
        if i < scan and not level and not occasion and (m := _OCCASION_LINE.match(line)):
            occasion, date = line, date or re.sub(r"\s+", "", m.group(1))
        elif i < scan and not level and not occasion and _OCCASION_TITLE.match(line):
            occasion = line  # 「在…会议上的讲话」: the title names the occasion; the day may follow
        elif i < scan and not level and occasion and not date and (m := _DAY_LINE.match(line)):
            date = re.sub(r"\s+", "", m.group(1))  # the line stays text: 「这次讲话是哪天」 quotes it
        elif i < scan and not level and occasion and not speaker and (m := _SPEAKER_LINE.match(line)):
            speaker = (m["name"], m["role"])  # only under an occasion line: a report's byline
        # a sign-off, wherever it is: the body, then the day, after a sentence (a table's last row is none)
        before = blocks[i - 1][0] if i else ""
        # (or right under the title: 「青川市体育局」 over 「2026年3月5日」)
        after_text = (i <= 1 or _ends_sentence(before) or bool(_BEFORE_SIGN_OFF.match(before))
                      or bool(_PHONE.search(before)))  # a contact's line: 「…技术支持：赵刚，0571-8800789」
        day = i + 2 if i + 2 < len(blocks) and _SEAL.match(blocks[i + 1][0].strip()) else i + 1
        signers = _signers(_SEAL_AFTER.sub("", line))  # 「青岚市市场监督管理局（印章）」 when joined
        if not level and not issuer and after_text and signers and day < len(blocks) \
                and _SIGN_DATE.match(blocks[day][0].strip()):
            issuer = "、".join(signers)  # the line and the day stay text
            date = date or re.sub(r"\s+", "", blocks[day][0])
            signed = day
        if i < scan and not level and not issuer and i + 1 < len(blocks) and signers and len(signers) == 1 \
                and _KIND_UNDER.fullmatch(re.sub(r"\s+", "", blocks[i + 1][0])):
            issuer = signers[0]  # a court's name over its document's kind (「刑 事 判 决 书」): it issued it
        if i < scan and not level and not issuer and (m := _ISSUED_LINE.match(line)):
            issuer, date = m["body"], date or re.sub(r"\s+", "", m["day"])  # the line stays text
        if i < scan and not level and not issuer and (m := _STANDARD_ISSUER.match(line)):
            issuer = m["body"]  # a standard's cover; its day is on the line above: both stay text
            days = [d for t, _ in blocks[max(0, i - 2) : i] if (d := _STANDARD_ISSUED.match(t.strip()))]
            date = date or (re.sub(r"\s+", "", days[-1]["day"]) if days else None)
        if i < scan and not level and not _HISTORY.search(line) and i != signed:  # a law's history is text
            m_issuer, m_date = _ISSUER_LINE.search(line), _DATE_LINE.search(line)
            m_date = m_date if m_issuer or _STRICT_DATE.search(line) else None
            rest = _ISSUER_LINE.sub("", _DATE_LINE.sub("", line))
            if _CLUTTER.match(line) or ((m_issuer or m_date) and len(_META_WORDS.sub("", rest)) <= 4):
                named = m_issuer.group(1) if m_issuer else None
                web_issuer = web_issuer or (named if named not in _NO_ISSUER else None)
                web_date = web_date or (re.sub(r"\s+", "", m_date.group(1)) if m_date else None)
                fields += [m.group() for m in _META_FIELD.finditer(line)]
                continue  # a line of page furniture; "2024年，全市…" is text and stays
        kept.append((text, level))
    issuer, date, meta = issuer or web_issuer, date or web_date, " ".join(dict.fromkeys(fields)) or None
    return Front(tuple(kept), date, issuer, speaker, meta)


def to_chinese(n: int) -> str:
    """An article number as laws print it: 2 -> 二, 10 -> 十, 23 -> 二十三, 105 -> 一百零五."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if not rest else ("零" + digits[rest] if rest < 10 else
                                    ("一" + to_chinese(rest) if rest < 20 else to_chinese(rest)))
        return digits[n // 100] + "百" + tail
    return str(n)


# --- tables printed as lines of text ---------------------------------------------------------------
# A statistics bulletin or a report prints a table as a title (「表1　2025年各区（县）地区生产总值」),
# a header naming the columns (「地区　地区生产总值（亿元）　比上年增长（%）」, or with a 「单位」 column),
# then a line per row (「白鹭湾区　548.62　6.8」, 「　其中：光伏发电量　亿千瓦时　28.7　36.5」).
TABLE_TITLE = re.compile(r"^表\s*[\d一二三四五六七八九十]+\s*\S")
CELL_NUMBER = re.compile(r"[-－−+＋]?\d+(?:\.\d+)?[%％]?")  # a table cell's figure: 548.62, -3.6, +8.7, 64.3%
UNIT_COLUMN = "单位"


# A row as a line: its label, a unit word perhaps, then figures, set apart by spaces
_CELL = rf"(?:{CELL_NUMBER.pattern}|[—…－-]{{1,2}})"  # a figure, or 「—」 for none
_LABEL = r"[^\s，。；：]{1,20}(?:[ \u3000]+[^\s\d，。；—…]{1,8})?"  # a row's label, a unit word perhaps
_CELLS_LINE = re.compile(rf"^{_LABEL}(?:[ \u3000]+{_CELL})+$")
# a ranked table's row: its rank, its label (long, as a channel's name with examples in brackets), figures
_RANKED_LINE = re.compile(rf"^\d{{1,3}}[ \u3000]+[^\s，。；：]{{2,40}}(?:[ \u3000]+{_CELL})+$")
TABLE_UNIT = re.compile(r"^[(（]?单位[：:]\s*([^\s）)]{1,8})[)）]?$")  # 「单位：亿元」 under a table's title
_NO_CELL = re.compile(r"[—…－-]{1,2}")  # 「—」: a cell the table leaves empty


# Cells set apart by bars, as a table pasted from a word processor or written in Markdown prints
# them (「考核项目｜考核内容｜分值」, 「| 地区 | 人数 |」): three cells or more make a row, whatever they hold
_BAR = re.compile(r"\s*[｜|]\s*")


def _barred(line: str) -> list[str] | None:
    """The cells of a line whose cells are set apart by bars, None for any other line."""
    text = line.strip()
    if text.count("｜") + text.count("|") < 2:
        return None
    cells = _BAR.split(text.strip("｜| \u3000"))
    return cells if len(cells) >= 3 and all(cells) else None


# A table copied from a spreadsheet, a word processor or a web page sets its cells apart by tabs
# (「岗位代码\t岗位名称\t招聘人数\t专业要求…」): each of its lines a row, its cells however long and
# punctuated (「本科及以上，学士及以上学位」). A tab is turned into a space everywhere else.
_TAB_RUN = re.compile(r"\t+")
_MIN_TAB_COLUMNS = 3  # bars mark three cells or more (``_barred``); a pair of cells stays as it reads


def barred_tab_rows(lines: Sequence[str]) -> list[str]:
    """``lines`` with each table whose cells tabs set apart read as bars set them (「岗位代码 | 岗位名称 |
    …」, as a .docx table's rows read): two lines running or more, each holding a tab, its header three
    cells or more. Counted a tab each, an empty cell is one the table leaves empty (「合计\t\t11\t\t」,
    「—」), or one a cell of the row above spans, before the row's first cell (a scoring table's 「一级
    指标」 over its 「二级指标」), given from it; a row may end short of its header (an editor strips the
    tabs of its empty last cells). When the header has an empty cell or a row more cells than it, runs
    of tabs only align the cells (「1\t临港区\t\t41276」) and count as one, every row as many."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        end = i
        while end < len(lines) and "\t" in lines[end] and lines[end].strip():
            end += 1
        if end - i < 2:
            out.append(lines[i])
            i += 1
            continue
        table = _tab_cells(lines[i:end])
        out.extend(" | ".join(row) for row in table) if table else out.extend(lines[i:end])
        i = end
    return out


def _tab_cells(lines: Sequence[str]) -> list[list[str]] | None:
    rows = [[c.strip() for c in line.strip(" \u3000\r").split("\t")] for line in lines]
    header = rows[0]
    if len(header) >= _MIN_TAB_COLUMNS and all(header) and all(2 <= len(r) <= len(header) for r in rows):
        rows = [r + [""] * (len(header) - len(r)) for r in rows]  # its empty last cells' tabs stripped
        for above, row in pairwise(rows[1:]):
            lead = next((k for k, c in enumerate(row) if c), len(row))
            row[:lead] = above[:lead]  # cells the row above spans
        return [[c or "—" for c in row] for row in rows]
    rows = [[c.strip() for c in _TAB_RUN.split(line.strip(" \t\u3000\r")) if c.strip()] for line in lines]
    if len({len(r) for r in rows}) == 1 and len(rows[0]) >= _MIN_TAB_COLUMNS:
        return rows
    return None


def _fields(line: str) -> list[str]:
    return _barred(line) or line.split()


def _spaced(line: str) -> bool:
    """Whether ``line`` is a row whose cells a word processor set apart by runs of spaces, words and
    figures alike (「1     市财政局        市级机关     97   优秀     1」, 「6月9日   9:00-11:30   …」): four
    fields or more, a figure, a day or a time among them, none a clause or long."""
    fields = [f for f in _GAP.split(line.strip()) if f]
    figure = any(CELL_NUMBER.fullmatch(f) or _WHEN_CELL.fullmatch(f) for f in fields)  # or a day, a time
    return len(fields) >= _MIXED_COLUMNS and figure and all(_plain_cell(f, 30) for f in fields)


# a schedule's cell: a day or a time of day (「6月9日」「9:00-11:30」「14：00—17：00」)
_WHEN_CELL = re.compile(r"\d{1,2}月\d{1,2}日|\d{1,2}[:：]\d{2}(?:\s*[-—–~～至]\s*\d{1,2}[:：]\d{2})?")


# A cell naming bodies set apart by 、, the districts or units at large after a comma (「市民政局、市国家
# 安全局，各区县」「市委国安办，市直各有关单位」): a work plan's division-of-tasks table lists a task's bodies
# so; a comma before anything else is a clause's (「要以先进为榜样，做好来年工作」)
_NAMES = r"[\u4e00-\u9fff（）()]+(?:、[\u4e00-\u9fff（）()]+)*"
_NAMES_CELL = re.compile(rf"{_NAMES}(?:，(?:各|市直|区直|县直|省直){_NAMES})+|{_NAMES}、{_NAMES}")
_NAMES_CELL_LEN = 40


def _plain_cell(field: str, longest: float = float("inf")) -> bool:
    """Whether ``field`` reads as a table cell, not a clause: a list of names, or no longer than
    ``longest`` and unpunctuated."""
    if _NAMES_CELL.fullmatch(field):
        return len(field) <= _NAMES_CELL_LEN
    return len(field) <= longest and not _CLAUSE_MARK.search(field)


_GAP = re.compile(r"(?: {2,}|\u3000+|\t+)")


def _spaced_header(line: str) -> bool:
    """Whether ``line`` names a table's columns set apart by runs of spaces (「序号  单位名称  类别  得分」):
    three short names or more, no figure, no clause."""
    if not _GAP.search(line.strip()):  # one cell: no header (most lines, read at every table test)
        return False
    fields = [text for _, text in _header_cells(line)]
    return (len(fields) >= 3 and all(2 <= len(f) <= 16 and not CELL_NUMBER.fullmatch(f) for f in fields)
            and not any(_CLAUSE_MARK.search(f) or "：" in f or ":" in f for f in fields)
            and any(not re.search(r"\d", f) for f in fields))  # fmt: skip (「2025年　3月　8日」 is a date)


# A table laid out with spaces whose long cells wrap onto lines of their own, as a PDF's text layer
# prints one (「序号  姓名  …  现任职务  拟任职务」, a row, then 「　　…　　党组书记」 under 拟任职务): each
# wrapped piece belongs to the cell of the column it stands under. A row whose cell ran into the next
# column with no space left (「…委员、岚江市中级人民法院副院长（拟提名）」) is cut where that column starts.
_WRAP_HEADER_COLUMNS = 4  # columns of a header whose rows' cells may wrap
_WRAP_ALIGN = 3.0  # cells: how far a wrapped piece may stand from its column's start


def rejoin_wrapped_cells(lines: Sequence[str]) -> list[str]:
    """``lines`` with each table laid out with spaces (``_spaced_header`` over its rows) read whole: a
    row's wrapped pieces joined to its cells, each row one line, its cells set apart by two spaces. The
    table is its rows (a line starting in its first column with half its columns' cells or more, one a
    figure among them: names set in columns hold none; or a line whose time or figure starts its second
    column, under a first cell spanning rows, a schedule's day, which it is given) and the pieces under
    them (each standing under a column's start); the first other line ends it, and a blank line does when
    no row follows it (rows set apart by blank lines, as a 权责清单 prints them, stay apart, one a
    paragraph). Its columns start where
    its header's names do, or where the cells of its first row do when that row fills every column (a
    header centred over its columns). A table without wrapped pieces is left as it is."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        out.append(line)
        i += 1
        starts = [at for at, _ in _header_cells(line)] if _spaced_header(line) else []
        if len(starts) < _WRAP_HEADER_COLUMNS:
            continue
        below = next((k for k in range(i, min(i + 2, len(lines))) if lines[k].strip()), None)
        first = _cells_at(lines[below]) if below is not None else []
        if len(first) == len(starts):  # a header centred over its columns: a full row says where they start
            starts = [at for at, _ in first]
        rows: list[list[str]] = []
        end, wrapped, figures, apart = i, False, False, False
        while end < len(lines):
            if not lines[end].strip():  # rows set apart by blank lines (a list of powers, its cells
                after = next((k for k in range(end, len(lines)) if lines[k].strip()), None)  # wrapped)
                cells = _cells_at(lines[after]) if after is not None else []
                if not (cells and cells[0][0] < starts[1] and len(cells) * 2 >= len(starts)):
                    break
                end, apart = after, True
            cells = _cells_at(lines[end])
            if cells[0][0] < starts[1] and len(cells) * 2 >= len(starts):  # a row
                rows.append(_row_cells(cells, starts))
                figures = figures or any(_DIGIT.search(text) for _, text in cells)
            elif rows and len(cells) == len(starts) - 1 and _column_of(cells[0][0], starts) == 1 \
                    and (_WHEN_CELL.fullmatch(cells[0][1]) or CELL_NUMBER.fullmatch(cells[0][1])):
                rows.append(["", *(text for _, text in cells)])  # a row (its time) under a day spanning rows
                figures = figures or any(_DIGIT.search(text) for _, text in cells)
            elif rows and cells[0][0] >= starts[1] and all(_column_of(at, starts) is not None
                                                            for at, _ in cells):  # fmt: skip
                for at, text in cells:  # pieces wrapped under their columns
                    rows[-1][_column_of(at, starts)] += text
                wrapped = True
            else:
                break
            end += 1
        if wrapped and figures:
            for above, row in pairwise(rows):  # a first cell left empty: the one
                row[0] = row[0] or above[0]  # above spans it (a schedule's day)
            for row in rows:  # rows printed apart stay apart: a long cell's row reads as no wrapped text
                out.extend(["  ".join(cell or "—" for cell in row), *([""] if apart else [])])
            i = end
    return out


def _header_cells(line: str) -> list[tuple[float, str]]:
    """A header's column names with where each starts, a name spaced out to its column's width read
    whole (「日 期」「内  容」「授　课　人」): characters standing alone are one name when they stand closer
    than half the narrowest gap between other names (「男  女」 beside 「实有人数  男  女」 are two)."""
    found = [(at, _SPACED_NAME.sub("", text)) for at, text in _cells_at(line)]
    single = [len(text) == 1 and bool(_CJK_IN.match(text)) for _, text in found]
    gaps = [b[0] - a[0] - display_width(a[1]) for a, b in pairwise(found)]
    wide = min((g for g, (s, t) in zip(gaps, pairwise(single), strict=True) if not (s and t)), default=99.0)
    cells = found[:1]
    for k, (at, text) in enumerate(found[1:]):
        if single[k] and single[k + 1] and gaps[k] <= _NAME_GAP and gaps[k] < wide / 2:
            cells[-1] = (cells[-1][0], cells[-1][1] + text)
        else:
            cells.append((at, text))
    return cells


_SPACED_NAME = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")
_NAME_GAP = 2.0  # cells (two wide spaces): wider apart, two characters are two columns' names


def _column_of(at: float, starts: Sequence[float]) -> int | None:
    """The column whose start a piece standing at ``at`` is under, None when it stands under none."""
    k = min(range(len(starts)), key=lambda c: abs(starts[c] - at))
    return k if abs(starts[k] - at) <= _WRAP_ALIGN else None


_DIGIT = re.compile(r"\d")


def _cells_at(line: str) -> list[tuple[float, str]]:
    """The cells of ``line`` set apart by runs of spaces, each with where it starts (in cells)."""
    return [(display_width(line[: m.start()]), m.group()) for m in re.finditer(r"\S+(?: \S+)*", line)]


def _row_cells(cells: list[tuple[float, str]], starts: list[float]) -> list[str]:
    """A row's cells by column: in order when it has one a column; else each under the column it starts
    in, a cell running past the start of the next column (no space left between them) cut there."""
    if len(cells) == len(starts):
        return [text for _, text in cells]
    row = [""] * len(starts)
    for at, text in cells:
        while text:
            k = max((c for c in range(len(starts)) if starts[c] <= at + 1), default=0)
            end = starts[k + 1] if k + 1 < len(starts) else None
            over = end is not None and at + display_width(text) > end + 1
            cut = _cut_at(text, end - at) if over else len(text)
            row[k] += text[:cut]
            text, at = text[cut:], at + display_width(text[:cut])
    return row


def _cut_at(text: str, width: float) -> int:
    """How many characters of ``text`` fill ``width`` cells."""
    used, n = 0.0, 0
    while n < len(text) and used + display_width(text[n]) <= width:
        used += display_width(text[n])
        n += 1
    return max(n, 1)


def is_table_line(line: str) -> bool:
    """Whether ``line`` is a table's title, its unit, its header set by spaces or one of its rows: a line
    of its own, never wrapped into the next (「表1　…」, 「单位：亿元」, 「白鹭湾区　548.62　6.8」,
    「1.1 部署｜…｜4分」, 「6 冯立强 云溪区消防救援大队监督检查科科长 政务记大过」)."""
    text = line.strip()
    return bool(TABLE_TITLE.match(text) or TABLE_UNIT.match(text) or _CELLS_LINE.match(text)
                or _RANKED_LINE.match(text) or _barred(text) or _spaced(line) or _spaced_header(line)
                or _one_space_header(text) or _one_space_row(text) or _described(line))


def _described(line: str) -> bool:
    """Whether ``line`` is a row whose last cell describes it, set apart by runs of spaces, as a
    scoring table's 「主要内容」 or 「说明」 column does (「主题契合度　30%　紧扣…活动主题，导向正确」): three
    fields or more, a figure after the label, the cells before the last short and no clause."""
    *cells, last = [f for f in _GAP.split(line.strip()) if f]
    return (len(cells) >= 2 and any(_FIGURE_CELL.fullmatch(f) for f in cells[1:])
            and all(_plain_cell(f, 16) for f in cells) and not _FIGURE_CELL.fullmatch(last))  # fmt: skip


# A table copied with one space between its cells, words and not figures: its header (「序号 姓名 单位及
# 职务 处理建议」, three names or more, Chinese, none a figure) and its numbered rows (「1 陈国栋 恒锐公司法定
# 代表人、总经理 移送司法机关、罚款28.5万元」: a number, then two cells or more, each holding Chinese, none
# a clause). Running Chinese text holds no spaces between words.
_ONE_SPACE = re.compile(r"(?<=\S) (?=\S)")
_WORD_NAME = re.compile(r"[\u4e00-\u9fff（）()]{2,10}")  # a column's name
_WORD_LABEL = re.compile(r"[\u4e00-\u9fff（）()]{2,12}")  # a row's label
_ROW_NUMBER = re.compile(r"\d{1,3}")
_FIGURE_CELL = re.compile(r"\d+(?:\.\d+)?(?:[\u4e00-\u9fff]{1,3}|[%％])?")
_CJK_IN = re.compile(r"[\u4e00-\u9fff]")


def _one_space_header(text: str) -> bool:
    return _words_header(_ONE_SPACE.split(text))


def _words_header(fields: Sequence[str]) -> bool:
    """Whether ``fields`` name three columns or more, in Chinese, none a figure."""
    return len(fields) >= 3 and all(_WORD_NAME.fullmatch(f) for f in fields)


def _one_space_row(text: str) -> bool:
    """A numbered row of words, or a row naming its label then two figures or more (「江北区 820场 12万份
    460人」)."""
    first, *cells = _ONE_SPACE.split(text)
    if len(cells) < 2:
        return False
    if _WORD_LABEL.fullmatch(first):
        return all(_FIGURE_CELL.fullmatch(c) for c in cells)
    return (bool(_ROW_NUMBER.fullmatch(first))
            and all(len(c) >= 2 and _CJK_IN.search(c) and _plain_cell(c, 30) for c in cells))


_MAX_COLUMNS = 12  # a personnel table: 序号 姓名 性别 民族 出生年月 籍贯 学历 政治面貌 现任职务 拟任职务


def table_header(line: str) -> list[str] | None:
    """The column names ``line`` holds, if it is a table's header: two to twelve short names, no
    figure, no sentence."""
    fields = _fields(line)
    if all(set(f) <= set("-:：—") for f in fields):
        return None  # Markdown's 「|---|---|」 under its header
    if not 2 <= len(fields) <= _MAX_COLUMNS or any(CELL_NUMBER.fullmatch(f) or len(f) > 16 for f in fields):
        return None
    return None if any(ch in "，。；！？" for f in fields for ch in f) else fields


def table_row(line: str, header: Sequence[str]) -> list[str] | None:
    """The cells of ``line`` if it is a row under ``header``: as many fields, figures after the row's
    label except under a unit column (「万辆」); any cells when bars set them apart."""
    fields = _fields(line)
    if (len(fields) == len(header) - 1 and header[0] in SERIAL_COLUMNS and _TOTAL_LABEL.fullmatch(fields[0])
            and all(CELL_NUMBER.fullmatch(v) or _NO_CELL.fullmatch(v) for v in fields[1:])):  # fmt: skip
        return [fields[0], *fields]  # 「合计 46 11688.36 …」 under 「序号 部门 …」: the total fills both
    if len(fields) != len(header) or len(fields) < 2:
        return None
    if _barred(line):
        return fields
    if _TOTAL_LABEL.fullmatch(fields[0]) and all(_FIGURE_CELL.fullmatch(v) or _NO_CELL.fullmatch(v)
                                                  for v in fields[1:]):  # fmt: skip
        return fields  # 「合计 — 100分 —」: a total, its empty cells kept by a table read whole
    if ranked(fields) and _words_header(header) and _one_space_row(line.strip()):
        return fields  # 「6 冯立强 …科长 政务记大过」 under 「序号 姓名 单位及职务 处理建议」: a row of words
    first = 2 if ranked(fields) else 1  # 「1　短视频平台　64.3%」: the label after the rank
    cells = [v for h, v in zip(header[first:], fields[first:], strict=True) if h != UNIT_COLUMN]
    figures = [v for v in cells if not _NO_CELL.fullmatch(v)]
    if figures and all(CELL_NUMBER.fullmatch(v) for v in figures):
        return fields
    # a table whose last column describes each row (「主题契合度 30% 紧扣…，导向正确」 under 「评审项目 权重
    # 主要内容」): figures between the label and the description
    middle = fields[first:-1]
    if len(fields) >= 3 and middle and all(_FIGURE_CELL.fullmatch(v) for v in middle) \
            and not _FIGURE_CELL.fullmatch(fields[-1]) and _CJK_IN.search(fields[-1]):
        return fields
    # a table of words and figures (「1 市财政局 市级机关 97 优秀 1」): three columns or more, a figure
    # among the cells, no cell a clause
    mixed = len(fields) >= _MIXED_COLUMNS and any(CELL_NUMBER.fullmatch(v) for v in cells)
    return fields if mixed and all(_plain_cell(v) for v in fields) else None


SERIAL_COLUMNS = ("序号", "编号")  # a row's number, no measure
_TOTAL_LABEL = re.compile(r"合计|总计|共计|小计")
_MIXED_COLUMNS = 4
_CLAUSE_MARK = re.compile(r"[，。；！？,;!?]|[：:]$")  # a clause's mark, or a label's colon (not 9:00's)


def ranked(fields: Sequence[str]) -> bool:
    """Whether a row's ``fields`` open with its rank, its label after it (「1」「短视频平台」「64.3%」)."""
    return len(fields) > 2 and fields[0].isdigit() and not CELL_NUMBER.fullmatch(fields[1])


def _row_like(paragraph: str) -> bool:
    """Whether ``paragraph`` reads as a row of words and figures once its spaces were made one
    (「8 青岚港务集团有限公司 国有企业 68 不合格 12」): walked over back to its table's header."""
    fields = paragraph.split()
    mixed = (len(fields) >= _MIXED_COLUMNS and any(CELL_NUMBER.fullmatch(f) for f in fields)
             and all(_plain_cell(f) for f in fields))  # fmt: skip
    # (or a row whose last cell describes it: 「5 阵地建设 10分 职工之家…正常开放」, 「合计 — 100分 —」)
    described = (len(fields) >= 3 and any(_FIGURE_CELL.fullmatch(f) for f in fields[1:])
                 and all(_plain_cell(f, 16) for f in fields[:-1]))  # fmt: skip
    return mixed or described


def table_heading(paragraphs: Sequence[str], index: int) -> str:
    """The title and header lines of the table paragraph ``index`` is a row of (its lines above it,
    back over the table's other lines), "" when it is none: what a passage starting inside a table
    lacks."""
    i, header = index - 1, None
    while i >= 0 and header is None:
        header = table_header(paragraphs[i])
        if header is None and not is_table_line(paragraphs[i]) and not _row_like(paragraphs[i]):
            return ""
        if header is not None and table_row(paragraphs[index], header) is None:
            return ""  # a header of another shape: the paragraph is no row of it
        i -= 1 if header is None else 0
    if header is None:
        return ""
    above = [p for p in paragraphs[max(0, i - 2) : i] if TABLE_TITLE.match(p.strip()) or TABLE_UNIT.match(p)]
    return "\n".join([*above, paragraphs[i]])  # its title, its 「单位：亿元」 line, its header
