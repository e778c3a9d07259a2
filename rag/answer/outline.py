"""The points a report lists under a heading, asked for whole: 「报告一共提了几条对策建议？分别是什么？」,
「报告指出了哪些主要问题」. A report, a notice or a work summary numbers its points under a part
(「五、对策建议」 / 「1.坚持分众施策，提高宣传教育精准度。针对…」, or 「（一）…」 sub-headings of their
own); the passages retrieved for such a question hold one or two of them, never the count. The
outline (rag.structure: each paragraph's heading path) holds them all: each point is listed by its
head, cited where its passage prints it, led by how many there are."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answer.compose import Claim, compose
from rag.evidence import Span
from rag.lookup import is_law
from rag.question import question_lang
from rag.records import KIND_NOTE, Answer, Chunk, Hit, Unit
from rag.strings import t
from rag.text import sentence_at

# what asks for the points themselves, or how many: 「几条」「哪些」「分别是什么」
_LISTED = re.compile(r"几(?:条|点|项|个方面|个)|多少(?:条|项|点)|哪(?:几|些)|分别")
# a heading's number, taken off to read its name (「五、对策建议」 -> 对策建议)
_NUMBER = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、])\s*"
)
# a point run in at the start of its paragraph: its number and head, closed by 。 or ：
_POINT = re.compile(
    r"^((?:[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.．、](?!\d)|[一二三四五六七八九十]{1,2}是)[^。；：:;\n]{2,30})[。：:]"
)
# the rest of such a question: what it asks with, and of what document
_FILLER_WORDS = """
报告 文件 通知 方案 总结 材料 本 这份 这篇 该 一共 总共 共 提了 提出了 提出 指出了 指出 列了 列出了 列出 列举
讲了 说了 写了 有 哪些 哪几 几 条 点 项 个 方面 多少 分别 是 什么 的 了 都 里 中 在 请 说说 和 内容 具体 包括
主要 认为 提到 谈到 讲到 说到 反映 发现 归纳 类 种 查出 查到 问题 这块 这一块 这方面 这次 本次
"""
_FILLER = re.compile("|".join(sorted(_FILLER_WORDS.split(), key=len, reverse=True)))
# what a count names after its measure word (「几个乡镇」: 乡镇); a point's name counts the points
_COUNTED = re.compile(r"(?:几|多少)(?:个|家|所|名|位|人|项|条|类|种)?([\u4e00-\u9fff]{2})")
_POINT_NOUNS = frozenset((
    "问题", "方面", "措施", "建议", "意见", "任务", "内容", "要点", "做法", "经验", "举措", "成效", "工作",
    "方向", "重点", "原则", "要求", "环节", "步骤", "部分", "领域",
))  # fmt: skip
_MIN_NAME = 4  # characters of a heading's name a question must write running (「主要问题」: 存在的主要问题)
MIN_POINTS = 2


Heading = tuple[Unit, tuple[str, ...], str]  # a unit, a heading path in it, the heading's name


def headings(units: Sequence[Unit]) -> list[Heading]:
    """Every heading path of ``units`` with its name, its number taken off (「五、对策建议」: 对策建议), in
    order; a law's chapters and articles are rag.lookup's, not listed. What ``outline_answer`` reads,
    built once per knowledge-base version (rag.kb)."""
    found = []
    for unit in units:
        if unit.title and is_law(unit.title):
            continue
        for path in dict.fromkeys(s[: i + 1] for s in unit.sections for i in range(len(s))):
            found.append((unit, path, _NUMBER.sub("", path[-1])))
    return found


def outline_answer(question: str, outline: Sequence[Heading], chunks: Sequence[Chunk]) -> Answer | None:
    """The points listed under the heading ``question`` names (among ``outline``, ``headings``), when it
    asks for them or their count and nothing else (「报告一共提了几条对策建议？分别是什么？」); None for
    any other question."""
    text = question.strip()
    if question_lang(text) != "zh" or not _LISTED.search(text):
        return None
    best: tuple[int, Unit, tuple[str, ...], str] | None = None
    tied = False
    for unit, path, name in outline:
        said = _written(text, name)
        if said and (best is None or len(said) > best[0]):
            best, tied = (len(said), unit, path, said), False
        elif said and best is not None and len(said) == best[0] and unit.doc_id != best[1].doc_id:
            tied = True  # two documents' 「一、主要任务」: which one is asked is the answerer's to find
    if best is None or tied:
        return None
    _n, unit, path, said = best
    counted = _COUNTED.search(text)  # 「…审计调查了几个乡镇」 counts 乡镇, not the heading's points
    if counted and counted.group(1) not in _POINT_NOUNS and counted.group(1) not in path[-1]:
        return None
    rest = re.sub(r"[^\u4e00-\u9fff]", "", text.replace(said, ""))
    rest = "".join(ch for ch in _FILLER.sub("", rest) if ch not in path[-1])  # 「存在哪些主要问题」: 存在
    rest = _unsaid(rest, _intro(unit, path))  # 「审计调查的专项资金」: the part's opening says 审计调查
    if rest:
        return None  # 「对策建议里关于基层的有哪些」: a question about some of them, the answerer's
    points = _points(unit, path)
    if len(points) < MIN_POINTS:
        return None
    own = [c for c in chunks if c.doc_id == unit.doc_id]
    claims = []
    for i, point in enumerate(points):
        span = _printed(point, own) or _opening((*path, point), own)
        if span is None:
            return None
        lead = t("outline_points", "zh", part=path[-1], n=len(points)) + "：" if i == 0 else ""
        claims.append(Claim(lead + point, span, "。" if i == len(points) - 1 else "；"))
    answer, citations = compose(claims, "zh")
    return Answer(question=text, answer=answer, grounded=True, citations=citations, lang="zh")


# 「活动主题是什么」「这次活动的主题是什么」: a heading's name asked whole, answered by the text under it
_WHAT_ASKED = re.compile(r"(?:是什么|是啥|是怎样的|是什么呢)$")
_ASIDE = re.compile(r"^(?:请问|这次|本次|此次|这份|该)+")
_WHICH_ASKED = re.compile(r"哪些|哪几(?:个|项|条|方面)?")
_MAX_UNDER = 2  # paragraphs: a heading with more under it is a part, not a field's value


def section_text_answer(question: str, outline: Sequence[Heading], chunks: Sequence[Chunk]) -> Answer | None:
    """The text under the one heading whose name the question asks whole (「活动主题是什么」 of
    「一、活动主题」 / 「践行总体国家安全观，筑牢国家安全人民防线」), cited where it is printed, when that
    heading has a line or two under it and no sub-headings; None for any other question."""
    text = re.sub(r"[？?。！!\s]", "", question)
    if question_lang(text) != "zh":
        return None
    if _WHAT_ASKED.search(text):
        asked = _ASIDE.sub("", _WHAT_ASKED.sub("", text)).replace("的", "")
        found = [(unit, path) for unit, path, name in outline if len(asked) >= _MIN_NAME and name == asked]
    elif _WHICH_ASKED.search(text):  # 「工作中存在哪些不足」 of 「四、存在的不足」: the name, 哪些 taken out
        asked = _WHICH_ASKED.sub("", text).replace("的", "")
        found = [(unit, path) for unit, path, name in outline
                 if len(name.replace("的", "")) >= _MIN_NAME and name.replace("的", "") in asked]  # fmt: skip
    else:
        return None
    if len(found) != 1:
        return None
    unit, path = found[0]
    depth = len(path)
    under = [p for p, s in zip(unit.paragraphs, unit.sections, strict=False) if tuple(s) == path]
    parted = any(len(s) > depth and s[:depth] == path for s in unit.sections)
    if not under or len(under) > _MAX_UNDER or parted:
        return None
    span = _printed(under[0].strip().rstrip("。"), [c for c in chunks if c.doc_id == unit.doc_id])
    if span is None:
        return None
    answer, citations = compose([Claim(span.text, span, "。")], "zh")
    return Answer(question=question.strip(), answer=answer, grounded=True, citations=citations, lang="zh")


def _written(question: str, name: str) -> str:
    """The longest run of ``name`` the question writes: the whole name, or ``_MIN_NAME`` characters."""
    if len(name) >= 2 and name in question:
        return name
    for size in range(len(name) - 1, _MIN_NAME - 1, -1):
        for i in range(len(name) - size + 1):
            if name[i : i + size] in question:
                return name[i : i + size]
    return ""


def _intro(unit: Unit, path: tuple[str, ...]) -> str:
    """The text right under the heading ``path`` before its first point or sub-heading (「对4项重点专项资金
    开展了审计调查，…」)."""
    depth, said = len(path), []
    for p, s in zip(unit.paragraphs, unit.sections, strict=False):
        if s[:depth] != path:
            continue
        if len(s) > depth or _POINT.match(p.strip()):
            break
        said.append(p)
    return "".join(said)


def _unsaid(rest: str, text: str) -> str:
    """The characters of ``rest`` no two-character run of it that ``text`` writes covers."""
    covered = [False] * len(rest)
    for i in range(len(rest) - 1):
        if rest[i : i + 2] in text:
            covered[i] = covered[i + 1] = True
    return "".join(ch for ch, c in zip(rest, covered, strict=True) if not c)


def _points(unit: Unit, path: tuple[str, ...]) -> list[str]:
    """The heads of the points under ``path``: its sub-headings, else the numbered paragraphs right
    under it whose number runs their head in (「1.坚持分众施策，提高宣传教育精准度。」)."""
    depth = len(path)
    under = [(p, s) for p, s in zip(unit.paragraphs, unit.sections, strict=False) if s[:depth] == path]
    heads = list(dict.fromkeys(s[depth] for _, s in under if len(s) > depth))
    if len(heads) >= MIN_POINTS:
        return heads
    run_in = [m.group(1) for p, s in under if len(s) == depth and (m := _POINT.match(p.strip()))]
    kinds = {_kind(x) for x in run_in}  # one numbering: 「1.」 points, not a stray 「（一）」
    return run_in if len(kinds) == 1 else []


def _opening(path: tuple[str, ...], chunks: Sequence[Chunk]) -> Span | None:
    """The first clause of the first passage under the sub-heading ``path`` (a heading is no text of
    its passage: rag.structure), as a span."""
    for chunk in chunks:
        if tuple(chunk.section[: len(path)]) == path and chunk.text.strip():
            start = len(chunk.text) - len(chunk.text.lstrip())
            end = min((i for i in (chunk.text.find(ch, start) for ch in "，。；\n") if i > start),
                      default=len(chunk.text))  # fmt: skip
            hit = Hit(chunk=chunk, score=1.0, rank=1)
            return Span(hit, chunk.text[start:end], start, sentence_at(chunk.text, start), False)
    return None


_ORDINAL = re.compile(r"[一二三四五六七八九十]{1,2}是")


def _kind(point: str) -> str:
    """How a point is numbered: 「（一）」, 「1.」, 「一是」."""
    return "bracketed" if point[0] in "（(" else "ordinal" if _ORDINAL.match(point) else "arabic"


def _printed(point: str, chunks: Sequence[Chunk], *, line_start: bool = True) -> Span | None:
    """Where a passage of the document prints ``point`` (a line starting with it, unless not
    ``line_start``), as a span."""
    for chunk in chunks:
        at = chunk.text.find(point)
        if at >= 0 and (not line_start or at == 0 or chunk.text[at - 1] == "\n"):
            hit = Hit(chunk=chunk, score=1.0, rank=1)
            return Span(hit, point, at, sentence_at(chunk.text, at), False)
    return None


# what asks what a signed article says, as a whole: 「陈秋峰的文章讲了什么」「这篇文章的主要内容是什么」
_ABOUT_ASKED = re.compile(
    r"(?:讲了|讲的是|写了|说了|谈了|讲述了|阐述了|论述了|介绍了)(?:些|哪些)?(?:什么|哪些|哪几个方面)"
    r"|主要内容|主要观点|核心观点|(?:内容|观点)(?:是|有)(?:什么|哪些)"
)
_ABOUT_FILLER = re.compile(
    r"文章|这篇|那篇|一文|的|主要|都|大概|具体|大致|一下|请|帮我|概括|总结|讲了|讲的是|写了|说了|谈了|讲述了|阐述了|"
    r"论述了|介绍了|些|什么|哪些|哪几个方面|内容|观点|核心|是|有|他|她|作者|署名"
)
# a paragraph's opening sentence short enough to read as its topic (a print subhead): at most 40 characters
_TOPIC = re.compile(r"[^。！？]{4,40}。")


# a question asking what the editor's note says or is for (「编者按讲了什么」「编者按说这一版是干什么的」,
# "What does the editor's note say?")
_NOTE_NAMED = re.compile(r"编者按|编者的话|按语|\beditor'?s'? note\b", re.I)
_NOTE_ASKED = re.compile(
    r"讲了什么|说了什么|写了什么|讲的是|说的是|主要内容|内容是什么|是干什么的|干什么|做什么|为什么|目的|用意|意图|"
    r"\b(?:say|says|said|purpose)\b|\b(?:about|for)\W*$",
    re.I,
)


def note_answer(question: str, units: Sequence[Unit], chunks: Sequence[Chunk]) -> Answer | None:
    """What the page's editor's note (编者按) says, asked of it whole: its sentences, each cited. The note
    names no author or title, so the selector, reading its passage among the articles', found no quote
    for 「编者按讲了什么」. None for any other question, or a knowledge base without one note."""
    text = question.strip()
    if not _NOTE_NAMED.search(text) or not _NOTE_ASKED.search(text):
        return None
    notes = [u for u in units if u.kind == KIND_NOTE]
    if len(notes) != 1:
        return None
    own = [c for c in chunks if c.doc_id == notes[0].doc_id]
    spans = []
    for paragraph in notes[0].paragraphs:
        for sentence in re.findall(r"[^。！？]+[。！？]", paragraph):
            span = _printed(sentence.strip(), own, line_start=False)
            if span is None:
                return None
            spans.append(span)
    if not spans:
        return None
    lang = question_lang(text)
    claims = []
    for i, span in enumerate(spans):
        if lang == "en":
            lead = ("The editor's note (编者按) says: " if i == 0 else "") + f"“{span.text}”"
            claims.append(Claim(lead, span, " " if i < len(spans) - 1 else "."))
        else:
            claims.append(Claim(("编者按：" if i == 0 else "") + span.text.rstrip("。"), span, "。"))
    answer, citations = compose(claims, lang)
    return Answer(question=text, answer=answer, grounded=True, citations=citations, lang=lang)


def article_points_answer(question: str, units: Sequence[Unit], chunks: Sequence[Chunk]) -> Answer | None:
    """What a signed article says, asked of it whole and nothing else (「陈秋峰的文章讲了什么」, by its
    author or its title): the sentence each paragraph after its opening one begins with, when that sentence
    is short enough to be its topic (「深化网络内容管理，营造清朗网络空间。」, a subhead in print), each
    cited. The selector, asked this, quoted one clause. None for any other question, or an article whose
    paragraphs open with no such sentences."""
    text = question.strip()
    if question_lang(text) != "zh" or not _ABOUT_ASKED.search(text):
        return None
    named = [u for u in units if u.author and (u.author in text or (u.title and u.title in text))]
    if len({u.doc_id for u in named}) != 1:
        return None
    unit = named[0]
    rest = re.sub(r"[^\u4e00-\u9fff]", "", text.replace(unit.author or "", "").replace(unit.title or "", ""))
    if _ABOUT_FILLER.sub("", rest):
        return None  # 「陈秋峰的文章在数据安全方面讲了什么」: a question about part of it, the answerer's
    own = [c for c in chunks if c.doc_id == unit.doc_id]
    points = []
    for paragraph in (p.strip() for p in unit.paragraphs[1:]):
        m = _TOPIC.match(paragraph)
        if m and len(paragraph) > len(m.group(0)):
            span = _printed(m.group(0), own, line_start=False)
            if span is not None:
                points.append(span)
    if len(points) < MIN_POINTS:
        return None
    title = " ".join(x for x in (unit.title, unit.subtitle) if x)
    opening = t("article_points", "zh", title=title, author=unit.author, n=len(points)) + "："
    claims = []
    for i, span in enumerate(points):
        lead = opening if i == 0 else ""
        claims.append(Claim(lead + span.text.rstrip("。"), span, "。" if i == len(points) - 1 else "；"))
    answer, citations = compose(claims, "zh")
    return Answer(question=text, answer=answer, grounded=True, citations=citations, lang="zh")

