"""Name lists (名单): who or which units a commendation, an appointment or a meeting lists, read from
the list itself.

A commendation decision attaches its 「先进集体名单」 and 「先进个人名单」: a line a unit, or a line a
person (「柳林　岚东区公安分局国内安全保卫大队大队长」, 「马晓云（回族）　…」), grouped under a district's
or a system's line (「岚东区」「市直单位」; rag.structure reads the lines and the groups). A table of persons
(「序号 姓名 性别 民族 … 拟任职务」, as a 任前公示 or a 表扬通报 prints one) is such a list too: a row a
person, its 性别 and 民族 cells the marks, its cells naming a unit or a post the post. The passages a
question retrieves hold a few of a group's lines, never all of them, and a person's line shares only the
name with 「柳林在哪个单位工作」. The list answers from its lines, each cited where it is printed:

- one person the question names, asked for the unit or post: that person's line;
- a group, asked which or how many (「云峰县有哪些单位上了先进集体名单」「川北区一共有几人获评先进个人」):
  the group's lines of the list the question asks (units or persons), led by how many;
- a mark the list prints beside names (「注明是回族的有哪几位」): the lines carrying it;
- a unit, asked who from it is listed (「岚川大学有哪位同志被评为先进个人」): the persons' lines naming it;
- an English question spelling a listed person in pinyin ("What is Liu Lin's post?"): that person's line.

Anything else (「韩雪梅是哪一年参加工作的」, what a unit did, what another document says of the person)
is no question of the list: None, and the answerer reads the passages; ``person_not_given`` then refuses
an answer whose quotes never name the listed person the question asks about.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rag.answer.compose import Claim, compose
from rag.answer.outline import _printed
from rag.question import question_lang
from rag.records import Answer, Chunk, Unit
from rag.strings import t
from rag.structure import GROUP_LINE, NAME_COLUMN, UNIT_NAME, listed_person, person_rows
from rag.text import longest_run

# a person's line once read: the name (「柯 宁」 spaced to align with three-character names), the marks
# in brackets, the unit and post
_PERSON = re.compile(
    r"^(?P<name>[\u4e00-\u9fff](?:[\u3000 ][\u4e00-\u9fff]|[\u4e00-\u9fff]{1,3})(?:·[\u4e00-\u9fff]{1,6})?)"
    r"(?:[（(](?P<marks>[^）)]{1,8})[）)])?[\u3000 ]+(?P<post>\S.*)$"
)
_MIN_LIST = 3  # lines: fewer are no list
_LIST_TITLE = re.compile(r"名单(?:[（(][^）)]*[）)])?$")


@dataclass(frozen=True)
class Entry:
    """One line of a name list."""

    unit: Unit  # the document
    line: str  # as printed (the unit's paragraph)
    name: str | None  # a person's name; None on a unit's line
    marks: tuple[str, ...]  # 「女」「回族」
    post: str  # the unit and post, or the unit's name
    group: str | None  # 「岚东区」
    listing: str  # the list's title (「…先进个人名单」), else the document's


def roster(units: Sequence[Unit]) -> list[Entry]:
    """Every line of every name list in ``units``: persons' lines (three or more under one heading) and
    units' lines under a group's line. Built once per knowledge-base version (rag.kb)."""
    found: list[Entry] = []
    for unit in units:
        title, by_path = unit.title or "", {}
        sections = unit.sections or ((),) * len(unit.paragraphs)  # a text without headings has none
        headers, rows = person_rows(unit.paragraphs)  # tables of persons (「序号 姓名 性别 民族 …」)
        for i, (text, path) in enumerate(zip(unit.paragraphs, sections, strict=False)):
            if _LIST_TITLE.search(text) and len(text) <= 60:
                title = text  # 「岚川市2025年度…先进个人名单」 under 「附件2」
                continue
            if i in headers:
                continue
            group = path[-1] if path and GROUP_LINE.match(path[-1]) else None
            name = listed_person(text)
            person = _PERSON.match(text) if name and i not in rows else None
            if i in rows:  # a table's row: the name, the marks its 性别 and 民族 cells give, the rest
                entry = _row_entry(unit, text, dict(zip(*rows[i], strict=True)), title)
            elif person:
                marks = tuple(m for m in re.split(r"[，,、]", person["marks"] or "") if m)
                entry = Entry(unit, text, name, marks, person["post"], group, title)
            elif group and UNIT_NAME.match(text):
                entry = Entry(unit, text, None, (), text, group, title)
            else:
                continue
            by_path.setdefault((path[:1], entry.name is None), []).append(entry)
        found += [e for entries in by_path.values() if len(entries) >= _MIN_LIST for e in entries]
    return found


_MARK_COLUMNS = ("性别", "民族")
_MAJORITY = ("男", "汉族")  # marks a list prints for most: none to ask about
_POST_COLUMN = re.compile(r"职务|职位|单位|岗位")


def _row_entry(unit: Unit, line: str, row: dict[str, str], listing: str) -> Entry:
    """A table row of persons as a name list's line: its 姓名, the marks its 性别 and 民族 give (「女」
    「回族」), its cells naming a unit or a post as the post."""
    marks = tuple(row[c] for c in _MARK_COLUMNS if row.get(c) and row[c] not in _MAJORITY)
    posts = [v for k, v in row.items() if _POST_COLUMN.search(k)]  # 「现任职务」「工作单位及职务」
    return Entry(unit, line, row[NAME_COLUMN], marks, " ".join(posts), None, listing)


# what asks a person's unit or post
_POST_ASKED = re.compile(
    r"单位|职务|职位|岗位|在哪里|在哪儿|哪里工作|哪儿工作|干什么|做什么|是谁|身份|任职|担任|所在|"
    r"哪个(?:区|县|市|部门|机关|学校)|哪家"
)
# what asks something a list does not say
_NOT_LISTED = re.compile(
    r"哪一?年|几年|年龄|岁|多少钱|奖金|何时|什么时候|为什么|为何|事迹|做了|贡献|因为|怎么|如何|原因|"
    r"哪里人|哪儿人|籍贯|出生|学历|入党|现任|拟任|原任|曾任"
)
# what names which list a question asks (「先进个人名单里…」「领导小组成员中…」): a list so titled answers
_LIST_NAMED = re.compile(r"先进|优秀|模范|领导小组|参会|出席|列席|公示|表彰|表扬")
# what asks which or how many
_WHICH = re.compile(r"哪些|哪几|哪位|谁|几(?:个|名|人|位|家)|多少(?:个|名|人|位|家)?|有谁|都有|分别|名单")
_PERSON_ASKED = re.compile(r"个人|同志|人员|哪位|哪几位|哪些人|几人|几名|几位|多少人|多少名|多少位|有谁|是谁")
_UNIT_ASKED = re.compile(r"集体|单位|部门|机关|哪几个|哪些个|几个|多少个|几家|多少家")
# what speaks of the list: 「表彰」「获评」「名单」「先进个人」「公示的干部」
_LIST_TALK = re.compile(r"名单|表彰|表扬|获评|评为|评上|上榜|入选|获奖|受奖|荣获|先进|公示")
_WHO_LISTED = re.compile(r"哪位|谁|哪些人|哪几位|哪些同志|哪个同志|什么人|姓名|名字")
# a unit's name ends so (「岚川大学」「市公安局」): the run a question shares with a post must be one
_UNIT_END = re.compile(
    r"(?:局|委|办|院|学|校|所|队|中心|公司|集团|政府|街道|社区|村|镇|乡|处|科|站|台|社|馆|海关|部|厅|会)$"
)
_MIN_SHARED = 4  # characters of a unit's name a question must write to ask who from it is listed


# an English question asking a named person's unit or post ("What is Liu Lin's post?", "Which unit does Bai
# Xue work for?"), and what it asks that no list says
_POST_ASKED_EN = re.compile(
    r"\b(?:post|position|role|job|title|unit|department|office|organi[sz]ation|employer|"
    r"work(?:s|ing)? (?:for|at|in)|serves? (?:as|in|at))\b",
    re.I,
)
_NOT_LISTED_EN = re.compile(
    r"\b(?:when|year|age|old|why|how much|how many|bonus|prize|reward|money|did)\b", re.I
)


def roster_answer(
    question: str, entries: Sequence[Entry], chunks: Sequence[Chunk], *, written: str | None = None
) -> Answer | None:
    """The lines of the name lists ``entries`` (``roster``) that answer ``question``, each cited, or None
    when it asks no list's question. ``written``: an English question with the names it spells in
    pinyin written in Chinese ("What is 柳林's post?"); only a named person's line answers one."""
    if entries and question_lang(question) == "en":
        marked = _marked_en(question, entries)
        if marked:  # "Which of the people on the notice are women?": the lines carrying the mark
            mark, picked = marked
            return _answer(question, picked, chunks, "roster_marked", lang="en", mark=mark)
    if entries and question_lang(question) == "en" and written:
        named = _named_persons(written, entries)
        if len({e.name for e in named}) != 1 or not _POST_ASKED_EN.search(question) \
                or _NOT_LISTED_EN.search(question):  # fmt: skip
            return None
        return _answer(question, named[:1], chunks, None, lang="en")
    text = re.sub(r"\s+", "", question)
    if not entries or question_lang(text) != "zh" or _NOT_LISTED.search(text):
        return None
    entries = _of_list_named(text, entries)
    named = _named_persons(text, entries)
    if named:
        one = len({e.name for e in named}) == 1
        # (another document writing the name answers for it, unless the question names the list)
        elsewhere = not _LIST_NAMED.search(text) and _named_elsewhere(named, chunks)
        if not _POST_ASKED.search(text) or not one or elsewhere:
            return None
        return _answer(question, named, chunks, None)
    if not _WHICH.search(text) or not _LIST_TALK.search(text):
        return None  # 「石坪市建成了多少个工作站」 asks no list
    groups = {e.group for e in entries if e.group and e.group in text}
    if len(groups) == 1:
        group = groups.pop()
        wants = _wanted_kind(text.replace(group, ""))  # 「县直单位有多少人…」: 单位 names the group
        picked = [e for e in entries if e.group == group and _kind_ok(e, wants)]
        if len({e.listing for e in picked}) > 1:  # both lists group so: the one the question names
            best = max({e.listing for e in picked}, key=lambda x: len(longest_run(text, x)))
            picked = [e for e in picked if e.listing == best]
        measure = "名" if picked and picked[0].name else "个"
        return _answer(question, picked, chunks, "roster_group", group=group, measure=measure)
    marked = _marked(text, entries)
    if marked:
        mark, picked = marked
        return _answer(question, picked, chunks, "roster_marked", mark=mark)
    if _WHO_LISTED.search(text):
        picked = _from_unit(text, [e for e in entries if e.name])
        if picked:
            return _answer(question, picked, chunks, "roster_unit", unit=longest_run(text, picked[0].post))
    return None


def _of_list_named(text: str, entries: Sequence[Entry]) -> list[Entry]:
    """``entries`` of the lists whose title (or document's) writes each word naming a list that the
    question writes (「先进个人中有哪些女同志」: not a 领导小组's list)."""
    words = set(_LIST_NAMED.findall(text))
    return [e for e in entries if all(w in e.listing or w in (e.unit.title or "") for w in words)]


def _named_elsewhere(named: Sequence[Entry], chunks: Sequence[Chunk]) -> bool:
    """Whether another document than the list's writes the person's name: a 任前公示 saying 「宋立衡，男，…
    现任…」 answers what he does now better than a group's list giving his seat in it."""
    e = named[0]
    return any(e.name in c.text for c in chunks if c.doc_id != e.unit.doc_id)


def _wanted_kind(text: str) -> bool | None:
    """True when the question asks persons, False units, None either."""
    person, unit = bool(_PERSON_ASKED.search(text)), bool(_UNIT_ASKED.search(text))
    return True if person and not unit else False if unit and not person else None


def _kind_ok(entry: Entry, wants: bool | None) -> bool:
    return wants is None or (entry.name is not None) == wants


def _named_persons(text: str, entries: Sequence[Entry]) -> list[Entry]:
    """The persons' lines whose name the question writes as a name: set apart by a mark, a space or a word
    that cannot be part of a name (「受表彰的柳林在…」「马晓云同志」), not inside a longer name (「刘洋洋」 is
    not 刘洋) or a unit's name the lists print (「柳林街道」, 「云峰县金山镇」)."""
    posts = "\n".join(e.post for e in entries)
    out = []
    for e in entries:
        if not e.name or len(e.name) < 2:
            continue
        for m in re.finditer(re.escape(e.name), text):
            before, after = text[max(0, m.start() - 1) : m.start()], text[m.end() : m.end() + 1]
            apart = (not before or not _CJK.match(before) or before in _BEFORE_NAME) and (
                not after or not _CJK.match(after) or after in _AFTER_NAME)  # fmt: skip
            in_unit = (before and before + e.name in posts) or (after and e.name + after in posts)
            if apart and not in_unit:
                out.append(e)
                break
    return out


_CJK = re.compile(r"[\u4e00-\u9fff]")
_MINORITY = re.compile(r"少数民族")
# what stands right before or after a name and is no part of it (「的柳林」「柳林在」「柳林同志」「柳林是」)
_BEFORE_NAME = frozenset("的里中和与及同叫位名给让请问")
_AFTER_NAME = frozenset("在是的同现任所从于为被获受和与及担今目还也都等有哪什做干属来去")


def _marked(text: str, entries: Sequence[Entry]) -> tuple[str, list[Entry]] | None:
    """The mark the question asks about (「回族」, 「女同志」) and the persons' lines carrying it."""
    marks = {m for e in entries for m in e.marks}
    if _MINORITY.search(text):  # 「少数民族干部」: every mark of a people but the majority's
        peoples = [e for e in entries if any(m.endswith("族") for m in e.marks)]
        return ("少数民族", peoples) if peoples else None
    for mark in sorted(marks, key=len, reverse=True):
        written = mark in text if len(mark) >= 2 else re.search(rf"{mark}(?:同志|性|士|干部)", text)
        if written:
            return mark, [e for e in entries if mark in e.marks]
    return None


# an English question asking which listed persons carry a mark ("Which of the people on the notice are
# women?", "Who on the list is from an ethnic minority?"), and the marks it names
_WHICH_EN = re.compile(r"\b(?:which|who|whom|list|name)\b", re.I)
_MARKS_EN = ((re.compile(r"\b(?:women|woman|female)\b", re.I), "女"),
             (re.compile(r"\bethnic minorit(?:y|ies)\b|\bminority\b", re.I), "少数民族"))


def _marked_en(question: str, entries: Sequence[Entry]) -> tuple[str, list[Entry]] | None:
    """The mark an English question asks which listed persons carry, and their lines; None when it
    asks none."""
    if not _WHICH_EN.search(question):
        return None
    for asked, mark in _MARKS_EN:
        if asked.search(question):
            return _marked(mark + "同志", entries)
    return None


def _from_unit(text: str, persons: Sequence[Entry]) -> list[Entry]:
    """The persons' lines whose unit shares the longest run of the question, of ``_MIN_SHARED``
    characters or more (「岚川大学」 of 「岚川大学保卫处处长」)."""
    scored = [(len(run), e) for e in persons if _UNIT_END.search(run := longest_run(text, e.post))]
    best = max((n for n, _ in scored), default=0)
    return [e for n, e in scored if n == best] if best >= _MIN_SHARED else []


def _answer(
    question: str, picked: Sequence[Entry], chunks: Sequence[Chunk], lead: str | None, *, lang: str = "zh",
    **fields: str,
) -> Answer | None:
    """``picked`` lines cited where their document's passages print them, led by what was asked."""
    if not picked:
        return None
    if lang == "en":  # "According to 《…名单》: “柳林 …大队长” [1]." (led by how many when asked which)
        claims = []
        for i, e in enumerate(picked):
            span = _printed(e.line, [c for c in chunks if c.doc_id == e.unit.doc_id])
            if span is None:
                return None
            said = f", {t(lead, 'en', n=len(picked), **fields)}" if lead else ""
            head = f"According to 《{e.listing.strip('《》')}》{said}: " if i == 0 else " "
            claims.append(Claim(f"{head}“{e.line}”", span, "." if i == len(picked) - 1 else ";"))
        answer, citations = compose(claims, "en")
        return Answer(question=question.strip(), answer=answer, grounded=True, citations=citations, lang="en")
    claims = []
    for i, e in enumerate(picked):
        own = [c for c in chunks if c.doc_id == e.unit.doc_id]
        span = _printed(e.line, own)
        if span is None:
            return None
        head = ""
        if i == 0:
            listing = e.listing.strip("《》")
            said = t(lead, "zh", n=len(picked), **fields) if lead else ""
            head = f"据《{listing}》，{said}：" if said else f"据《{listing}》："
        claims.append(Claim(head + e.line, span, "。" if i == len(picked) - 1 else "；"))
    answer, citations = compose(claims, "zh")
    return Answer(question=question.strip(), answer=answer, grounded=True, citations=citations, lang="zh")


def person_not_given(question: str, entries: Sequence[Entry], answer: Answer) -> str | None:
    """The listed person ``question`` names when ``answer`` cites no passage naming them: 「韩雪梅是哪一
    年参加工作的」 answered by a sentence on the year's work says nothing of her. None otherwise."""
    if not entries or not answer.grounded or question_lang(question) != "zh":
        return None
    text = re.sub(r"\s+", "", question)
    names = {e.name for e in _named_persons(text, entries) if e.name}
    if len(names) != 1:
        return None
    name = names.pop()
    said = any(name in re.sub(r"[\u3000 ]", "", c.text) for c in answer.citations)  # 「柯 宁」 is 柯宁
    return None if said else name
