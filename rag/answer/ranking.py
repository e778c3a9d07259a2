"""Rankings read from a table: which row is at the top or the bottom of a column (「哪个区县的指数同比
提高最多」, "Which district had the highest …"), the first few rows of a ranked table (「排名前五的是
哪些」), and the rows a question picks out by a word cell or the sign of a change (「评定为不合格的是哪几
家单位」「哪些农产品产量比上年下降」). A table cut into passages is read whole: rag.kb passes its other
passages after the hits when such a question is asked (``asks_table_rows``), and the best document's tables
when a ranking is asked and no best passage holds a row (``asks_ranking``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answer.compose import Claim
from rag.answer.table import (
    TITLE_NOISE,
    TOTAL_ROW,
    YEAR,
    Cell,
    Row,
    names_measure,
    names_row,
    shares,
    table_rows,
)
from rag.question import Question
from rag.records import Hit
from rag.structure import SERIAL_COLUMNS, to_int

# 「哪个区县的指数同比提高最多」「哪个职业群体的指数最低」: the row at the top or the bottom of a column
_WHICH = re.compile(r"哪(?:个|一|些|家|类|种)?|谁")
_TOP = re.compile(r"最(?:高|多|大|快)|首位|居首|排名?第一")
_BOTTOM = re.compile(r"最(?:低|少|小|慢)|末位|垫底|倒数第一|(?:排名|排在|排)最后")
_RISE_ASKED = re.compile(r"提高|增长|上升|增幅|增速|增加|涨|同比|变化|下降|降幅|减少")
_FALL_ASKED = re.compile(r"下降|降幅|减少|回落")
_CHANGE_COLUMN = re.compile(r"变化|增长|增幅|增速|同比|比上年|涨跌|提高|下降|增减|降幅|减少")
# a column of falls (「比上年下降（%）」): its 8.3 is a fall
_FALL_COLUMN = re.compile(r"^(?!.*(?:增|涨|升)).*(?:下降|降幅|减少)")
_MIN_RANKED = 3  # rows: fewer make no ranking to read


def _whole_tables(hits: Sequence[Hit], select_k: int, question: str = "") -> list[list[Row]]:
    """The tables the first ``select_k`` of ``hits`` hold rows of, each read whole from all of them
    (rag.kb passes a table's other passages after them), their total rows left out; not a table of
    another year than the ``question`` names (「2024年…」 of a 2025 table)."""
    if not hits:
        return []
    years = set(YEAR.findall(question))
    read = [(hit, table_rows(hit)) for hit in hits]  # each passage's rows, read once
    tables: dict[tuple[str, str], dict[str, Row]] = {}
    for hit, rows in read:
        for row in rows:
            if years and (found := set(YEAR.findall(row.title))) and not found & years:
                continue
            tables.setdefault((hit.chunk.doc_id, row.title), {}).setdefault(row.span.text, row)
    found = [(h.chunk.doc_id, r.title) for h, rows in read for r in rows]
    best = [k for k in found[: sum(len(rows) for _, rows in read[:select_k])] if k in tables]
    # none among the best passages: the best document's, which rag.kb passes after them
    keys = dict.fromkeys(best or [k for k in found if k in tables and k[0] == hits[0].chunk.doc_id])
    def at(row: Row) -> int:  # where the row is printed, for the table's order
        return row.span.hit.chunk.start + row.span.start

    return [sorted((r for r in tables[k].values() if not TOTAL_ROW.fullmatch(r.label.replace(" ", ""))),
                   key=at) for k in keys]  # fmt: skip


# 「评分标准有哪几项，各占多少权重」「各项指标分别是多少分」: every row asked with its figure
_EACH_ASKED = re.compile(r"各(?:自|项|个|类|组)?[^，。？?]{0,4}?(?:多少|几)|分别[^，。？?]{0,4}?(?:多少|几)")
_ROWS_ASKED = re.compile(r"哪(?:些|几)|各(?:项|个|类|组)")


def every_row_claims(q: Question, hits: Sequence[Hit], select_k: int) -> list[Claim] | None:
    """Every row of the table a question asks each row's figure of (「评分标准有哪几项，各占多少权重」:
    「主题契合度（30%）、思想内容（25%）…」, each row quoted), when it names a figure column of the table
    or three characters of its title; None otherwise."""
    if q.lang != "zh" or not _EACH_ASKED.search(q.text) or not _ROWS_ASKED.search(q.text):
        return None
    for rows in _whole_tables(hits, select_k, q.text):
        title = TITLE_NOISE.sub("", rows[0].title) if rows else ""
        # (a row's 序号 is no figure of it: 「组织建设（1）」 is no score)
        measures = [c.column for c in rows[0].cells if c.column not in SERIAL_COLUMNS] if rows else []
        named = [c for c in measures if shares(q.text, c)]
        if len(rows) < _MIN_RANKED or not measures or not (named or names_measure(q.text, title)):
            continue
        column = named[0] if named else measures[0]
        cells = [next((f"{c.value}{c.unit}" for c in r.cells if c.column == column), "") for r in rows]
        lead = "、".join(f"{r.label}（{v}）" if v else r.label for r, v in zip(rows, cells, strict=True))
        claims = [Claim(f"{lead}。{rows[0].span.text}", rows[0].span, "；")]
        claims += [Claim(r.span.text, r.span, "；") for r in rows[1:]]
        return [*claims[:-1], Claim(claims[-1].lead, claims[-1].span, "。")]
    return None


# 「哪些类别的价格比上年下降」「哪些农产品产量比上年下降」「不合格的是哪4家单位」: the rows a table marks so
_WHICH_ROWS = re.compile(r"哪(?:些|几|[一二两三四五六七八九十\d]+)")
_FALL_WORDS = re.compile(r"下降|减少|回落|负增长|下跌|降低")
_RISE_WORDS = re.compile(r"上涨|增长|上升|提高|增加")
# 「增长超过20%的」: a bound, not read here (a year is none, nor PM2.5's 2)
_CONDITION_FIGURE = re.compile(r"(?<![\dA-Za-z.])(?!(?:19|20)\d\d年)\d")
_NOT_PICKED = re.compile(r"不是|没有|未被|并非|除了?|以外|以上|以下|之外")


def filtered_claims(q: Question, hits: Sequence[Hit], select_k: int) -> list[Claim] | None:
    """The rows of a table the question picks out (「哪些主要农产品产量比上年下降」: those whose change
    column is below 0; 「评定为不合格的是哪几家单位」: those with a word cell the question writes), when it
    names the table (its rows' kind, or three characters of its title) and the rows it picks are some,
    not all, of them; None otherwise."""
    if q.lang != "zh" or not _WHICH_ROWS.search(q.text) or _TOP.search(q.text) or _BOTTOM.search(q.text):
        return None
    if _NOT_PICKED.search(q.text):  # 「哪些单位不是优秀」「良好以上」: not a cell's word as written
        return None
    fall = bool(_FALL_WORDS.search(q.text))
    rise = bool(_RISE_WORDS.search(_FALL_WORDS.sub("", q.text)))  # 「负增长」 is a fall
    for rows in _whole_tables(hits, select_k, q.text):
        title = TITLE_NOISE.sub("", rows[0].title) if rows else ""
        if len(rows) < _MIN_RANKED or not (_rows_named(q.text, rows) or names_measure(q.text, title)):
            continue
        written = {(h, v) for r in rows for h, v in r.texts if len(v) >= 2 and v in q.text}
        written = {(h, v) for h, v in written if not any(v != w and v in w for _, w in written)}  # not 合格
        bounded = _bounded_rows(q.text, rows) if not written else None
        if written:  # each column's word the question writes, all of them (「国有企业」 and 「不合格」)
            picked = [(r, "") for r in rows if all((h, v) in r.texts for h, v in written)]
        elif bounded is not None:  # 「覆盖率超过93%的」: the rows past the bound, in the column it names
            picked = bounded
        elif fall != rise and not _CONDITION_FIGURE.search(q.text):
            changes = {c.column for c in rows[0].cells if _CHANGE_COLUMN.search(c.column)}
            measured = names_measure(q.text, title) or any(
                shares(q.text, c.column) for c in rows[0].cells if not _CHANGE_COLUMN.search(c.column))
            if len(changes) != 1 or not measured or _FALL_COLUMN.search(next(iter(changes))):
                continue
            picked = []
            for r in rows:
                cell = next((c for c in r.cells if c.column in changes), None)
                v = _value(cell.value) if cell else None
                if v is not None and (v < 0 if fall else v > 0):
                    picked.append((r, f"{cell.value}{cell.unit}"))
        else:
            continue
        if not picked or len(picked) == len(rows):
            continue
        lead = "、".join(f"{r.label}（{v}）" if v else r.label for r, v in picked)
        first = picked[0][0]
        claims = [Claim(f"{lead}。{first.title}：{first.span.text}", first.span, "；")]
        claims += [Claim(r.span.text, r.span, "；") for r, _ in picked[1:]]
        return [*claims[:-1], Claim(claims[-1].lead, claims[-1].span, "。")]
    return None


def asks_table_rows(question: str) -> bool:
    """Whether ``question`` asks for rows a table read whole answers: a ranking (``asks_ranking``) or
    the rows it picks out (「哪些…比上年下降」「哪几家…不合格」)."""
    return bool(_WHICH_ROWS.search(question)) or asks_ranking(question)


def asks_ranking(question: str) -> bool:
    """Whether ``question`` asks which one is at the top or the bottom, or the first few: what a
    document's tables may answer though no best passage holds a row of them (rag.kb)."""
    if _FIRST_N.search(question):
        return True
    top, bottom, which = (_TOP_EN, _BOTTOM_EN, _WHICH_EN) if question.isascii() else (_TOP, _BOTTOM, _WHICH)
    return bool(which.search(question)) and bool(top.search(question)) != bool(bottom.search(question))


# the same asked in English; its words are matched through their Chinese renderings (Question.groups)
_WHICH_EN = re.compile(r"\b(?:which|what)\b", re.I)
_TOP_EN = re.compile(r"\b(?:highest|most|largest|biggest|greatest|top|fastest)\b", re.I)
_BOTTOM_EN = re.compile(r"\b(?:lowest|least|smallest|fewest)\b", re.I)
_RISE_EN = re.compile(
    r"\b(?:rise|rose|risen|increased?|grew|growth|improved?|improvement|gain(?:ed)?|changed?"
    r"|year[- ]on[- ]year)\b",
    re.I,
)
_FALL_EN = re.compile(r"\b(?:fell|fallen|fall|decreased?|declined?|dropped|drop)\b", re.I)


# what a table's rows are, named in English by the division they are ("Which town…": 镇别, 「河口镇」)
_ADMIN_EN = {"district": "区", "districts": "区", "county": "县", "counties": "县", "town": "镇",
             "towns": "镇", "township": "乡", "townships": "乡", "city": "市", "cities": "市",
             "province": "省", "provinces": "省", "village": "村", "villages": "村", "street": "街道",
             "streets": "街道"}  # fmt: skip


def extreme_claims(q: Question, hits: Sequence[Hit], select_k: int) -> list[Claim] | None:
    """The row at the top or the bottom of a table's column, when the question asks which one
    (「哪个区县的国家安全意识指数同比提高最多」) and names what the rows are (the first column's name,
    「区县」, two characters of it) and the column (two characters of its name; its change column when it
    asks a rise or a fall): a table among the first ``select_k`` of ``hits``, read whole from all of them
    (rag.kb passes a table's other passages after them); None when no table is asked so. An English
    question names them by its words' Chinese renderings ("district" 区)."""
    en = q.lang == "en"
    top, bottom, which = (_TOP_EN, _BOTTOM_EN, _WHICH_EN) if en else (_TOP, _BOTTOM, _WHICH)
    if not which.search(q.text) or bool(top.search(q.text)) == bool(bottom.search(q.text)):
        return None
    fall, rise = (_FALL_EN, _RISE_EN) if en else (_FALL_ASKED, _RISE_ASKED)
    highest = bool(top.search(q.text)) != bool(fall.search(q.text))
    change = bool(rise.search(q.text))
    # 「哪个区（县）」 names 区县 rows
    asked = "".join(x for g in q.groups for x in g) if en else _BRACKETED.sub(r"\1", q.text)
    singles = set()
    if en:  # "district": 区, a one-character rendering, or the division the rows are
        singles = {x for g in q.groups for x in g if len(x) == 1}
        singles |= {_ADMIN_EN[w] for w in re.findall(r"[a-z]+", q.text.lower()) if w in _ADMIN_EN}
    for rows in _whole_tables(hits, select_k, q.text):
        found = _extreme(asked, rows, change, highest, singles)
        if found:
            row, cell = found
            if en:
                short = f"{row.label} ({cell.column} {cell.value}{cell.unit})"
                return [Claim(f"{short}. {row.title}: {row.span.text}", row.span, ".")]
            short = f"{row.label}（{cell.column}{cell.value}{cell.unit}）"
            return [Claim(f"{short}。{row.title}：{row.span.text}", row.span, "。")]
    return None


# 「排名前五的是哪些」「前三位是什么」: the first rows of a ranked table
_FIRST_N = re.compile(
    r"(?:排名|排在|位列|居)?前([一二三四五六七八九十]{1,3}|\d{1,2})(?!季|年|个?月|天|日|期|周|次|批|轮)"
    r"(?:位|名|个|项|种|类)?"
)


def leading_claims(q: Question, hits: Sequence[Hit], select_k: int) -> list[Claim] | None:
    """The first rows of a ranked table (its rows open with their rank: 「1　短视频平台…　64.3%」) when the
    question asks for the first few (「获取知识的渠道中，排名前五的是哪些」), read whole from ``hits``
    (rag.kb passes a table's other passages after them), the table being among the first ``select_k``
    and the question naming what its rows are (two characters of the label column's name, 「渠道」)."""
    m = _FIRST_N.search(q.text) if q.lang == "zh" else None
    if not m:
        return None
    n = int(m.group(1)) if m.group(1).isdigit() else to_int(m.group(1))
    if not n or n < 2:
        return None
    for rows in _whole_tables(hits, select_k, q.text):
        ranks = _by_place(rows)
        if not rows or not _rows_named(q.text, rows) or not all(i in ranks for i in range(1, n + 1)):
            continue
        first = [ranks[i] for i in range(1, n + 1)]
        lead = ("；" if any("、" in r.label for r in first) else "、").join(r.label for r in first)
        claims = [Claim(f"{lead}。{first[0].title}：{first[0].span.text}", first[0].span, "；")]
        claims += [Claim(r.span.text, r.span, "；") for r in first[1:]]
        return [*claims[:-1], Claim(claims[-1].lead, claims[-1].span, "。")]
    return None


# 「排名第六的是哪个单位」「第3名是谁」: the row a ranked table gives that place (its first is _FIRST_PLACE's)
_NTH_PLACE = re.compile(
    r"(?:排名|排在|排|位列|位居|名列|居)第([二三四五六七八九十]{1,3}|\d{1,2})(?:位|名)?|第([二三四五六七八九十]{1,3}|\d{1,2})名"
)


_WHICH_ALONE = re.compile(r"(?:是|为)(?:哪个|哪一个|哪家|哪位|谁)[？?。]?$")


def placed_claims(q: Question, hits: Sequence[Hit], select_k: int) -> list[Claim] | None:
    """The row of a ranked table at the place a question asks (「网络竞赛排名第六的是哪个单位？它的优秀率是
    多少」: 「6 | 岚江高新区 | 12638 | 84.9 | 49.8%」), led by its label and the cells of the columns it
    names; None unless it asks a place other than the first, of a table whose rows it names."""
    m = _NTH_PLACE.search(q.text) if q.lang == "zh" else None
    if not m:
        return None
    place = m.group(1) or m.group(2)
    n = int(place) if place.isdigit() else to_int(place)
    if not n or n < 2:
        return None
    for rows in _whole_tables(hits, select_k, q.text):
        ranks = _by_place(rows)
        if n not in ranks or not (_rows_named(q.text, rows) or _WHICH_ALONE.search(q.text)):
            continue  # (「排名第六的是哪个？」 names no kind of row: the ranked table's)
        row = ranks[n]
        asked = [c for c in row.cells if c.column not in _RANK_NAMES and shares(q.text, c.column)]
        lead = "，".join([row.label, *(f"{c.column}{c.value}{c.unit}" for c in asked)])
        return [Claim(f"{lead}。{row.title}：{row.span.text}", row.span, "。")]
    return None


# 「青阳市排第几」「…排名第几」「名次是多少」: the place of the row a question names
_PLACE_OF = re.compile(r"排(?:名|在)?第几|第几名|(?:排名|名次)(?:是|为)?(?:多少|第几)")


def row_place_claims(q: Question, hits: Sequence[Hit], select_k: int) -> list[Claim] | None:
    """The place a ranked table gives the row a question names (「青阳市排第几」: 「3 | 青阳市 | 397 | …」,
    led by 「第3名」); None unless it asks a row's place and a ranked table has a row it names."""
    if q.lang != "zh" or not _PLACE_OF.search(q.text):
        return None
    for rows in _whole_tables(hits, select_k, q.text):
        named = [r for r in _by_place(rows).values() if names_row(q.text, r.label)]
        if named:
            row = max(named, key=lambda r: len(r.label))
            return [Claim(f"第{row.cells[0].value}名。{row.title}：{row.span.text}", row.span, "。")]
    return None


def _extreme(
    question: str, rows: Sequence[Row], change: bool, highest: bool, singles: set[str] = frozenset()
) -> tuple[Row, Cell] | None:
    among = _AMONG.search(question)  # 「四个区里谁…」: the 区 rows, not a county among them
    if among and _mostly_end(rows, among.group(1)):
        rows = [r for r in rows if r.label.endswith(among.group(1))]
    if len(rows) < _MIN_RANKED:
        return None
    named = _rows_named(question, rows) or any(x in rows[0].kind or _mostly_end(rows, x)
                                               for x in singles)  # "district": 区县; "town": 「河口镇」…
    if not named:
        return None
    columns = [c.column for c in rows[0].cells if shares(question, c.column) and c.column not in _RANK_NAMES]
    if not columns and highest and _FIRST_PLACE.search(question):  # 「哪个单位排名第一」: the rank column's 1
        first = [r for r in rows if r.cells and r.cells[0].column in _RANKING and r.cells[0].value == "1"]
        return (first[0], first[0].cells[0]) if len(first) == 1 else None
    if not columns and (m := _MEASURE.search(question)):  # 「谁的分数最高」: the column 「得分」, by the
        # measure's first character (「指数最低」 is not asked of 「人数」)
        columns = [c.column for c in rows[0].cells
                   if m.group(1)[0] in c.column and c.column not in _RANK_NAMES]  # fmt: skip
    if change:  # 「同比提高最多」: the change column, when the table has one
        columns = [c for c in columns if _CHANGE_COLUMN.search(c)] or columns
    else:
        columns = [c for c in columns if not _CHANGE_COLUMN.search(c)]
    if len(columns) > 1:  # 「问题金额最多」 of 「问题个数」 and 「问题金额」: the one it writes whole
        columns = [c for c in columns if c in question] or columns
    if len(columns) != 1:
        return None
    cells = [(r, next((c for c in r.cells if c.column == columns[0]), None)) for r in rows]
    sign = -1 if _FALL_COLUMN.search(columns[0]) else 1  # 「比上年下降（%）」: 8.3 is a fall
    values = [(r, c, sign * v) for r, c in cells if c is not None and (v := _value(c.value)) is not None]
    if len(values) < _MIN_RANKED:
        return None
    pick = (max if highest else min)(values, key=lambda x: x[2])
    if sum(v == pick[2] for _, _, v in values) > 1:  # a tie: no one row at the end
        return None
    return pick[0], pick[1]


# a bound a question sets on a column (「覆盖率超过了93%」「参与人数不到2万」): how, and the figure
_BOUND = re.compile(
    r"(超过|高于|大于|多于|不低于|不少于|低于|少于|不足|不到|小于|不高于)了?\s*(\d+(?:\.\d+)?)\s*([万亿]?)\s*([%％]?)"
)
_PASSES = {"超过": float.__gt__, "高于": float.__gt__, "大于": float.__gt__, "多于": float.__gt__,
           "不低于": float.__ge__, "不少于": float.__ge__, "低于": float.__lt__, "少于": float.__lt__,
           "不足": float.__lt__, "不到": float.__lt__, "小于": float.__lt__,
           "不高于": float.__le__}  # fmt: skip


def _bounded_rows(question: str, rows: Sequence[Row]) -> list[tuple[Row, str]] | None:
    """The rows whose cell in the one column ``question`` names passes the bound it sets (「覆盖率超过
    93%」: 96.5, 94.2, 93.6), each with its cell; None when it sets none, or names no one column counted
    as the bound is (a percentage bound, a column of percentages)."""
    m = _BOUND.search(question)
    if m is None:
        return None
    percent = bool(m.group(4))
    columns = {c.column for c in rows[0].cells if shares(question, c.column)
               and not _CHANGE_COLUMN.search(c.column) and (c.unit in ("%", "％")) == percent}  # fmt: skip
    if len(columns) != 1:
        return None
    scale = {"万": 1e4, "亿": 1e8}.get(m.group(3), 1)  # 「超过1.5万人次」 of cells printing 15260
    column, bound, passes = columns.pop(), float(m.group(2)) * scale, _PASSES[m.group(1)]
    picked = []
    for r in rows:
        cell = next((c for c in r.cells if c.column == column), None)
        v = _value(cell.value) if cell else None
        if v is not None and passes(v, bound):
            picked.append((r, f"{cell.value}{cell.unit}"))
    return picked


def _rows_named(question: str, rows: Sequence[Row]) -> bool:
    """Whether ``question`` names what the rows are: two characters of the label column's name
    (「区县」), or the word it asks which of (「哪个镇」) begins that name (「镇别」) or ends most labels."""
    kind = re.sub(r"[（）()]", "", rows[0].kind)  # 「区（县）」 names 区县 rows
    if shares(question, kind):
        return True
    m = _WHICH_OF.search(question) or _AMONG.search(question)
    if not m:
        return False
    # 「哪个区」 of 「区县」 rows, most of them 「…区」 (a county or two among them)
    noun = m.group(1)  # 「哪个镇」 镇, 「哪所学校」 学校; 「哪类学生」 学生 is not 「学校」
    return kind.startswith(noun) or _mostly_end(rows, noun)


def _mostly_end(rows: Sequence[Row], end: str) -> bool:
    return 2 * sum(r.label.endswith(end) for r in rows) > len(rows)


_MEASURE = re.compile(r"([\u4e00-\u9fff]{2})(?:最|居首|排名?第一)")  # 「分数最高」: what is ranked
_WHICH_OF = re.compile(
    r"哪(?:个|一个?|些|家|类|种|所|位)?([\u4e00-\u9fff]{1,4}?)(?=的|是|在|最|同比|排|比|，|？|\?|$)"
)
_BRACKETED = re.compile(r"[（(]([\u4e00-\u9fff]{1,2})[）)]")
# 「四个区里谁…最少」「各镇中…」: the rows named as those it is asked among
_AMONG = re.compile(r"(?:[两三四五六七八九十\d]+个|各|这些)([\u4e00-\u9fff]{1,3}?)(?:里|中|当中|之中)")
def _by_place(rows: Sequence[Row]) -> dict[int, Row]:
    """The rows of a ranked table by the place its rank column gives them (「1」: the first)."""
    return {int(r.cells[0].value): r for r in rows
            if r.cells and r.cells[0].column in _RANKING and r.cells[0].value.isdigit()}  # fmt: skip


_RANK_NAMES = frozenset({"排名", "序号", "名次", "位次", "排序"})
_RANKING = frozenset({"排名", "名次", "位次"})  # a rank, which 序号 (a serial number) is not
_FIRST_PLACE = re.compile(r"第一")


def _value(text: str) -> float | None:
    try:
        return float(text.replace("＋", "+").replace("－", "-").replace("−", "-").rstrip("%％"))
    except ValueError:
        return None
