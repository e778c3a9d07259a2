"""Tables printed as lines of text, as a statistics bulletin or a report prints them: a title
(「表1　2025年各区（县）地区生产总值」), a header line naming the columns
(「地区　地区生产总值（亿元）　比上年增长（%）」, or with a 「单位」 column), then one line per row
(「白鹭湾区　548.62　6.8」). A figure question naming a row (「白鹭湾区的地区生产总值是多少」) is answered
by that row's cell in the column its words match, with the unit its header or its unit column gives;
the row's line is the quote."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rag.answer.compose import Claim, according_to
from rag.answer.english import english_value
from rag.evidence import Span
from rag.gloss import gloss
from rag.lookup import in_order
from rag.question import SHAPE_QUANTITY, Question
from rag.records import Hit
from rag.structure import (
    CELL_NUMBER,
    SERIAL_COLUMNS,
    TABLE_TITLE,
    TABLE_UNIT,
    UNIT_COLUMN,
    is_table_line,
    ranked,
    table_header,
    table_row,
)
from rag.text import sentence_at

_UNIT_IN_HEADER = re.compile(r"[（(]([^（）()]{1,6})[）)]$")  # 「地区生产总值（亿元）」 -> 亿元
_WITH_UNIT = re.compile(rf"({CELL_NUMBER.pattern})\s*([\u4e00-\u9fff%％]{{1,2}})")
_SUBROW = re.compile(r"^(?:其中|内)[：:]\s*")  # 「其中：光伏发电量」 is the row 光伏发电量
_WORDS = re.compile(r"[\u4e00-\u9fff]{2}")
# a column of codes (岗位代码) keys its rows and names none; asked only by its name
_CODE_COLUMN = re.compile(r"(?:代码|编号|编码|代号)$")
YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
_GROWTH = re.compile(r"增长|增速|增幅|涨跌|下降|上涨|比上年")


@dataclass(frozen=True)
class Cell:
    column: str  # the header's name for it, without its unit: 比上年增长
    value: str  # as printed: 548.62, -3.6
    unit: str  # 亿元, %, 万辆; "" when the table gives none


@dataclass(frozen=True)
class Row:
    span: Span  # the row's line, as the quote
    label: str  # 白鹭湾区, 光伏发电量
    cells: tuple[Cell, ...]
    title: str  # the table's title line, or its header when it has none
    kind: str = ""  # what the rows are: the label column's name (「区县」「职业类别」)
    texts: tuple[tuple[str, str], ...] = ()  # its cells of words, by column: (「等次」, 「不合格」)


def table_rows(hit: Hit) -> list[Row]:
    """The rows of the tables in ``hit``'s passage; rows it starts with are read under the title and
    header its context carries (rag.chunk: a passage cut inside a table). A 「单位：亿元」 line gives the
    unit of columns naming none; a ragged row (a cell missing) is passed over, not the table's end."""
    text, rows, at = hit.chunk.text, [], 0
    title, header, unit = "", None, ""
    for line in hit.chunk.context.split("\n") if hit.chunk.context else ():
        line = line.strip()
        title = line if TABLE_TITLE.match(line) else title
        unit = m.group(1) if (m := TABLE_UNIT.match(line)) else unit
        header = table_header(line) or header
    for line in text.split("\n"):
        start, at = at, at + len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        cells = table_row(stripped, header) if header else None
        if cells:
            span = Span(hit, stripped, text.index(stripped, start), sentence_at(text, start), True)
            names, values = list(header[1:]), list(cells[1:])
            # 「1　短视频平台…　64.3%」, 「JL2504 | 数据安全评估岗 | …」: the rank or the code is a cell, the
            # label is after it
            keyed = ranked(cells) or (bool(_CODE_COLUMN.search(header[0])) and len(cells) > 2
                                      and not CELL_NUMBER.fullmatch(cells[1]))  # fmt: skip
            if keyed:
                names, values = [header[0], *header[2:]], [cells[0], *cells[2:]]
            label = _SUBROW.sub("", cells[1] if keyed else cells[0])
            kind = header[1] if keyed else header[0]
            words = tuple((h, v) for h, v in zip(names, values, strict=True)
                          if not CELL_NUMBER.fullmatch(v) and not _WITH_UNIT.fullmatch(v))  # fmt: skip
            shown = title or " ".join(header)  # every column's name, as many as the row's cells
            rows.append(Row(span, label, _cells(names, values, unit), shown, kind, words))
        elif TABLE_TITLE.match(stripped):
            title, header, unit = stripped, None, ""
        elif m := TABLE_UNIT.match(stripped):
            unit = m.group(1)
        elif not (header and is_table_line(stripped)):  # a header starts a table; text ends one
            header = table_header(stripped)
            title, unit = (title, unit) if header else ("", "")
    return rows


def _cells(header: Sequence[str], values: Sequence[str], unit: str = "") -> tuple[Cell, ...]:
    unit_column = dict(zip(header, values, strict=True)).get(UNIT_COLUMN, "")
    out = []
    for name, value in zip(header, values, strict=True):
        inline = _WITH_UNIT.fullmatch(value)  # 「200分」「71题」: the cell prints its unit
        if name == UNIT_COLUMN or not (CELL_NUMBER.fullmatch(value) or inline):  # 「—」: no figure given
            continue
        m = _UNIT_IN_HEADER.search(name)
        column = name[: m.start()] if m else name
        if inline:
            out.append(Cell(column, inline.group(1), inline.group(2)))
        else:
            out.append(Cell(column, value, m.group(1) if m else unit_column or _unit_of(column, unit)))
    return tuple(out)


_MONEY_COLUMN = re.compile(r"金额|资金|经费|投资|收入|支出|费用|[额款费]$")
_COUNT_COLUMN = re.compile(r"[数量]$|人次$|个数")
_RATE_COLUMN = re.compile(r"率|增长|增速|增幅|比重|占比|同比|比上年")


def _unit_of(column: str, unit: str) -> str:
    """The unit of ``column`` a 「单位」 line gives: the one unit it names, or of several (「单位：个、万元」)
    the money's for a column of money (「问题金额」: 万元), the count's for a count (「问题个数」: 个) and %
    for a rate or a growth (「单位：元、%」: 「比上年增长」); none for another column."""
    units = [u for u in re.split(r"[、，,/]", unit) if u]
    if len(units) < 2:
        return unit
    money = [u for u in units if u.endswith("元")]
    percent = [u for u in units if u in ("%", "％")]
    counts = [u for u in units if u not in money and u not in percent]
    if percent and _RATE_COLUMN.search(column):  # 「单位：元、%」: 比上年增长 in %
        return percent[0]
    if _MONEY_COLUMN.search(column) and len(money) == 1:
        return money[0]
    if _COUNT_COLUMN.search(column) and len(counts) == 1:
        return counts[0]
    return ""


def table_claims(q: Question, hits: Sequence[Hit]) -> list[Claim] | None:
    """The cell a figure question asks for, by the row it names (the longest row label it writes, in
    the best-ranked passage holding one) and the columns its words match (all of them when it names
    none: 「新能源汽车产量是多少，增长多少」); None when no table row is named."""
    if q.shape != SHAPE_QUANTITY:
        return None
    if q.lang == "en":
        return _english_cell(q, hits)
    years = set(YEAR.findall(q.text))  # 「2024年…」: not a 2025 table's
    rows = [(i, r) for i, h in enumerate(hits) for r in table_rows(h)
            if not years or not (found := set(YEAR.findall(r.title))) or found & years]  # fmt: skip
    unit = m.group(1) if (m := _COUNTER.search(q.text)) else None
    named = [(len(r.label), -i, r) for i, r in rows if names_row(q.text, r.label) and _about(q.text, r, unit)]
    if not named and _TOTAL_ASKED.search(q.text):  # 「整套题库满分是多少」: the table's 合计 row
        named = [(0, -i, r) for i, r in rows if TOTAL_ROW.fullmatch(r.label.replace(" ", ""))
                 and _total_of(q.text, r, unit)][:1]  # fmt: skip
    if not named:
        return None
    row = max(named, key=lambda x: x[:2])[2]
    if unit in _PERSONS and not any(_counts_in(c, u) or c.column.endswith(("员", "者"))
                                    for c in row.cells for u in _PERSONS):  # fmt: skip
        return None  # 「澄南区有多少名宣讲员」: a row of 问卷（份） and 指数（分） counts no people
    cells = _asked_cells(q.text, row.cells, unit)
    if not cells:
        return None
    # a cell without a unit is counted as its column says when the question counts so (「多少场」: 48场次)
    shown = [c.unit or (c.column[-2:] if unit and unit in c.column[-2:] else "") for c in cells]
    figures = [f"{c.value}{u}" for c, u in zip(cells, shown, strict=True)]
    named = (f"{c.column}{f}" for c, f in zip(cells, figures, strict=True))
    short = figures[0] if len(cells) == 1 else "，".join(named)
    return [Claim(f"{short}。{row.title}：{row.span.text}", row.span, "。")]


# 「哪个…更多」「比南浦区少」「相比」: two rows set side by side (not 比上年, 比例, 比重)
_COMPARED = re.compile(r"比(?!上年|去年|上一?年|同期|例|重|率)|哪一?个|更[多少高低]|相比|对比|差距|相差")


def compared_claims(q: Question, hits: Sequence[Hit]) -> list[Claim] | None:
    """Each row of one table a question compares (「新港区…参与人数是不是也比南浦区少」: 新港区's, 南浦区's),
    quoted, led by their cells in the columns it names; None unless it compares two rows or more of a
    table and names one of its columns."""
    if q.lang != "zh" or not _COMPARED.search(q.text):
        return None
    tables: dict[str, dict[str, Row]] = {}  # a table's rows the question names, by title: a table may be
    for r in (r for h in hits for r in table_rows(h) if names_row(q.text, r.label)):  # cut across passages
        tables.setdefault(r.title, {}).setdefault(r.label, r)
    for named in tables.values():
        rows = [r for r in named.values() if not any(r.label != o and r.label in o for o in named)]
        if len(rows) < 2:
            continue
        columns = [c.column for c in rows[0].cells
                   if shares(q.text, c.column) and not _GROWTH.search(c.column)]  # fmt: skip
        if not columns:
            return None
        rows.sort(key=lambda r: q.text.index(r.label) if r.label in q.text else q.text.index(r.label[:-1]))
        leads = []
        for r in rows:
            cells = [c for c in r.cells if c.column in columns]
            leads.append(r.label + "，".join(f"{c.column}{c.value}{c.unit}" for c in cells))
        first = rows[0]
        claims = [Claim(f"{'；'.join(leads)}。{first.title}：{first.span.text}", first.span, "；")]
        claims += [Claim(r.span.text, r.span, "；") for r in rows[1:]]
        return [*claims[:-1], Claim(claims[-1].lead, claims[-1].span, "。")]
    return None


def _english_cell(q: Question, hits: Sequence[Hit]) -> list[Claim] | None:
    """An English figure question's cell: the row it names in Chinese (search wrote "Xingang District"
    as 新港, rag.bilingual.with_written_names) and the columns its words' renderings name (「活动」 of
    "activities" in 「开展活动(场)」); None unless both are found."""
    rows = [r for h in hits for r in table_rows(h) if names_row(q.text, r.label)]
    if not rows:
        return None
    row = max(rows, key=lambda r: len(r.label))  # the first of the longest label: the best-ranked passage's
    # what the question names that the passages hold must be the row's: Qingxi's volunteers (a noun the
    # glossary knows) are not its activities, leaflets handed to foreign seafarers not all its materials
    # (a sentence says those); one other word may be the question's own ("hold", "record")
    said = "".join(h.chunk.text for h in hits)
    own = row.title + row.label + "".join(c.column + c.unit for c in row.cells)
    def elsewhere(group: Sequence[str]) -> bool:
        return any(t in said for t in group) and not any(t in own for t in group)

    if any(elsewhere(g) for g in gloss(q.text)) or sum(elsewhere(g) for g in q.groups) > 1:
        return None
    terms = {t for g in q.groups for t in g if len(t) >= 2 and _WORDS.match(t)}
    cells = [c for c in row.cells if not _GROWTH.search(c.column) and any(t in c.column for t in terms)]
    if not cells:
        return None
    figures = [f"{c.value}{c.unit}" for c in cells]
    english = [english_value(f) or f for f in figures]
    shown = "; ".join(e if e == f else f"{e} ({f})" for e, f in zip(english, figures, strict=True))
    return [Claim(f"{shown}. {according_to(row.span)}", row.span, ".")]


def word_row_claims(q: Question, hits: Sequence[Hit]) -> list[Claim] | None:
    """The row of a table of words a question names by its label and asks of by the table's name or a
    column's (「处理建议汇总表里，冯立强拟受到什么处分」: 「6 冯立强 …科长 政务记大过」), led by the cell of
    the column it names; None when it names no such row, or rows of different tables."""
    if q.shape == SHAPE_QUANTITY or q.lang != "zh":
        return None
    rows = [r for h in hits for r in table_rows(h) if r.texts and names_row(q.text, r.label)]
    rows = [r for r in rows if names_measure(q.text, TITLE_NOISE.sub("", r.title))
            or any(shares(q.text, h) for h, _ in r.texts)]  # fmt: skip
    if not rows or len({(r.title, r.span.text) for r in rows}) != 1:
        return None
    row = rows[0]
    # the column sharing most of the question's words (「拟任什么职务」: 拟任职务, not 现任职务)
    shared = [(_shared_pairs(q.text, h), v) for h, v in row.texts
              if not _CODE_COLUMN.search(h) or h[-2:] in q.text]  # fmt: skip
    most = max((n for n, _ in shared), default=0)
    asked = [v for n, v in shared if n and n == most]
    lead = f"{asked[0]}。" if len(asked) == 1 else ""
    return [Claim(f"{lead}{row.title}：{row.span.text}", row.span, "。")]


def _total_of(question: str, row: Row, unit: str | None) -> bool:
    """Whether the total ``row`` counts what ``question`` asks the total of: in the ``unit`` it states or
    its kin (「一共发出去多少册」 is no total of a table counting 所, 名 and 场; 多少次 is one of 场,
    多少人 of 名; 个 counts anything) and, when it names what it counts after that unit, in a column
    sharing two characters of it running or a table whose name holds its last two (「多少场…专题讲座」 is not
    「主题活动（场）」's; 「多少名专职教师在岗」 is 「专职教师（名）」's)."""
    if not unit:
        return True
    kin = _KIN_COUNTERS.get(unit, unit)
    counting = [c for c in row.cells if unit == "个" or any(_counts_in(c, u) for u in kin)]
    if not counting:
        return False
    noun = _COUNTED_AFTER.search(question)
    if noun is None:
        return True
    words = noun.group(1)
    return any(shares(words, c.column) for c in counting) or words[-2:] in row.title



def _about(question: str, row: Row, unit: str | None = None) -> bool:
    """Whether ``question`` asks what ``row``'s table measures: besides the row it names a column that
    is no growth, or the title's subject, three characters running or whole (「全市粮食总产量」 is not
    asked of 表1's 「全市」 row on 地区生产总值; 「比上年增长」 is every table's column), or it states the
    ``unit`` a column is counted in and two characters of its name (「发出去多少份宣传资料」: 「发放资料
    （份）」; 「培训多少人」 is not asked of 「参与人次」)."""
    rest = question.replace(row.label, "")
    if not _ASKING.sub("", rest):  # 「光伏发电量是多少」: the row alone
        return True
    if not _GROWTH.sub("", _ASKING.sub("", rest)) and any(_GROWTH.search(c.column) for c in row.cells):
        return True  # 「人均消费支出比上年增长多少」: the row's growth
    if unit and any(_counts_in(c, unit) and shares(rest, c.column) for c in row.cells):
        return True
    if unit and sum(c.unit == _SAME_COUNTER.get(unit, unit) for c in row.cells) == 1:
        return True  # 「多选题有几道」: the one column whose cells print 题 (「15题」)
    measures = [c.column for c in row.cells if not _GROWTH.search(c.column)]
    measures += [TITLE_NOISE.sub("", row.title)]
    return any(names_measure(rest, m) for m in measures)


def names_measure(question: str, measure: str) -> bool:
    """Whether ``question`` writes ``measure`` whole or three characters of it running, or writes it
    spelled out (「发放宣传资料」 for the column 「发放资料」: its characters in order, a few more
    between)."""
    if len(measure) >= 2 and measure in question:
        return True
    if any(measure[i : i + 3] in question for i in range(len(measure) - 2)):
        return True
    return len(measure) >= 4 and any(
        in_order(measure, question[i : i + len(measure) + _SPELLED_OUT])
        for i, ch in enumerate(question) if ch == measure[0]
    )


_SPELLED_OUT = 3  # characters a question may add inside a column's name


# what a question asks with, besides what it asks about: 「…的是多少？」, 「全年…有多少」
_ASKING = re.compile(r"[^\u4e00-\u9fff]|\d{4}年|全年|全市|去年|今年|的|是|多少|几|有|为|了|呢|吗|达到|一?共")


TITLE_NOISE = re.compile(r"^表\s*\S+?\s|\d{4}年|比上年|各区|（县）|主要|全市|[\s（）()%]")


def names_row(question: str, label: str) -> bool:
    """Whether ``question`` names the row ``label`` (「白鹭湾区」, or 「白鹭湾」 for it)."""
    if len(label) < 2:
        return False
    if label in question or (len(label) >= 3 and label[-1] in "区县市" and label[:-1] in question):
        return True
    if len(label) >= 6 and label[:-2] in question:  # 「善后处理花了多少」: 「善后处理费用」 less its end
        return True
    return _abbreviated(question, label)


def _abbreviated(question: str, label: str) -> bool:
    """Whether ``question`` writes ``label`` shortened, its first and last characters kept and the
    rest in order (「多选题」 for 「多项选择题」)."""
    if len(label) < 4:
        return False
    for start in (i for i, ch in enumerate(question) if ch == label[0]):
        for end in range(start + 3, min(len(question), start + len(label)) + 1):
            run = question[start:end]
            if run[-1] == label[-1] and in_order(run, label):
                return True
    return False


def _asked_cells(question: str, cells: Sequence[Cell], unit: str | None = None) -> list[Cell]:
    """The cells whose column the question's words name (「增长多少」 the growth's, 「总产量」 the
    output's), else the one counted in the ``unit`` it states (「多少份」); all when it names none."""
    if _GROWTH.search(question):  # 「增长多少」: the growth's, whatever else the question names
        growth = [c for c in cells if _GROWTH.search(c.column)]
        if growth:
            return growth
    counted = [c for c in cells if unit and _counts_in(c, unit)]
    if len(counted) == 1 and not any(shares(question, c.column) for c in cells if c not in counted):
        return counted
    named = [c for c in cells if shares(question, c.column) and not _GROWTH.search(c.column)]
    if len(named) > 1:  # 「问题金额合计多少」 of 问题个数, 问题金额, 已整改金额: those written (spelled out)
        named = [c for c in named if names_measure(question, c.column)] or named
    return named or [c for c in cells if c.column not in SERIAL_COLUMNS] or list(cells)  # not a 序号


# a total asked for (「一共多少」「满分是多少」「加起来」), which a table's 「合计」 row gives
_TOTAL_ASKED = re.compile(r"一共|总共|合计|总计|共计|满分|总分|加起来|算下来|总数|总量")
TOTAL_ROW = re.compile(r"合计|总计|共计|总体|全部|总数")


# the word a question counts in (「多少份」「几场」), to find the column counted so
_MEASURE = "[份场次人名个家项张本册辆台件篇条所座户期批题道处]"
_COUNTER = re.compile(rf"(?:多少|几)({_MEASURE})")
# what a count names after its measure word (「多少场国家安全方面的专题讲座」: …讲座)
_COUNTED_AFTER = re.compile(rf"(?:多少|几){_MEASURE}([\u4e00-\u9fff]{{2,}})")
_SAME_COUNTER = {"道": "题"}  # 「几道题」 of a column counted in 题
_PERSONS = ("人", "名", "位")  # one count of people: 「多少名」 of 「参赛人数」, 「宣讲员（人）」
# measure words one count is written in (「多少次活动」 of a column counted in 场)
_KIN_COUNTERS = {**dict.fromkeys(_PERSONS, "".join(_PERSONS)), "次": "次场", "场": "场次"}


def _counts_in(cell: Cell, counter: str) -> bool:
    """Whether ``cell``'s column counts in ``counter``: its unit (「发放资料（份）」) or its name's end
    (「活动场次」 for 场, 「参与人次」 for 人); never a growth."""
    counter = _SAME_COUNTER.get(counter, counter)
    return not _GROWTH.search(cell.column) and (cell.unit == counter or counter in cell.column[-2:])


def _shared_pairs(question: str, words: str) -> int:
    """How many runs of two characters of ``words`` ``question`` writes."""
    pairs = {words[i : i + 2] for i in range(len(words) - 1)}
    return sum(p in question for p in pairs if _WORDS.fullmatch(p))


def shares(question: str, words: str) -> bool:
    """Whether ``question`` writes two characters of ``words`` running (「地区生产总值」: 生产)."""
    return _shared_pairs(question, words) > 0
