"""Questions asked in parts: the parts' answers made distinct where they must be, then joined.

"一般最长不能超过几个小时？情况复杂的最长又是多少小时？" asks two values; when both parts come back with
the same answer, one of them took the other's quote, and the pair is re-answered so that each part
gets its own quote, whichever way round the selector is surer of both.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from rag.answer.compose import MARKER_RE
from rag.lookup import is_law, short_title
from rag.question import SHAPE_QUANTITY, SHAPE_WHEN, analyse, question_lang
from rag.records import Answer, Citation
from rag.strings import t
from rag.text import book

Reask = Callable[[str, set[tuple[str, str]]], Answer]  # (question, quotes to avoid) -> answer
_VALUE_SHAPES = (SHAPE_QUANTITY, SHAPE_WHEN)


def distinct_values(queries: Sequence[str], answers: Sequence[Answer], reask: Reask) -> list[Answer]:
    """``answers`` to the parts ``queries`` of one question, where two parts asking a value (a
    figure, a duration, a date) that got the same answer are answered again: one part keeps the
    quote and the other takes its next best, the way round with the higher summed P(answerable).
    Two parts asking values ask two different ones, so one answer for both means one is wrong."""
    out = list(answers)
    for j in range(1, len(out)):
        i = next((i for i in range(j) if _same_value(queries[i], queries[j], out[i], out[j])), None)
        if i is None:
            continue
        taken = {(c.chunk_id, c.quote) for c in out[i].citations}
        options = [(out[i], reask(queries[j], taken)), (reask(queries[i], taken), out[j])]
        best = max(options, key=lambda pair: sum(_sureness(a) for a in pair))
        if sum(_sureness(a) for a in best) > 0:
            out[i], out[j] = best
    return out


# A part counting grades or kinds (「一共分为几个等级」, "how many protection levels"), and a later part
# asking about each of them (「每一级对应什么」「分别是哪几级」「一级实验室能做哪些」, "what is each level
# called"): the later part stands on the count's answer.
_GRADES_COUNTED = re.compile(
    r"(?:几|多少)个?(级别|等级|级|类|种|档)|\bhow many (?:\w+ )?(levels|grades|classes|tiers)\b", re.I
)


def _rests_on(first: str, later: str) -> bool:
    """Whether ``later`` asks about each of the grades or kinds the part ``first`` counts."""
    m = _GRADES_COUNTED.search(first)
    if not m:
        return False
    unit = m.group(1).replace("级别", "级")[-1] if m.group(1) else m.group(2).lower().rstrip("s")  # 等级: 级
    each = rf"每一?个?{unit}|各{unit}|哪几{unit}|哪些{unit}|[一二三四1-4]{unit}|分别|\beach\b|\bevery\b"
    return re.search(each, later, re.I) is not None


def unsupported(parts: Sequence[str], answers: Sequence[Answer]) -> list[Answer]:
    """``answers`` with a later part refused when it asks about each grade or kind that an earlier,
    refused part counts (「…一共分为几个等级？每一级对应什么样的系统？」: the documents give no grades,
    so a passage about the system in general is no answer to what each grade covers)."""
    out = list(answers)
    for j in range(1, len(out)):
        if out[j].grounded and any(not out[i].grounded and _rests_on(parts[i], parts[j]) for i in range(j)):
            out[j] = replace(out[j], grounded=False, citations=())
    return out


def _same_value(qi: str, qj: str, ai: Answer, aj: Answer) -> bool:
    if not (ai.grounded and aj.grounded and ai.confidence is not None and aj.confidence is not None):
        return False  # answered from the records (a byline, an article): nothing to re-choose
    values = all(analyse(q).shape in _VALUE_SHAPES for q in (qi, qj))
    return values and MARKER_RE.sub("", ai.answer) == MARKER_RE.sub("", aj.answer)


def _absent_named(part: str, answer: Answer) -> tuple[str, ...]:
    """The laws ``answer`` was refused for not holding (named 《…》 in its refusal)."""
    return tuple(f"《{d}》" for d in analyse(part).documents if f"《{d}》" in answer.answer)


def _sureness(answer: Answer) -> float:
    return (answer.confidence or 0.0) if answer.grounded else 0.0


def join_answers(question: str, parts: Sequence[str], answers: Sequence[Answer], top_k: int) -> Answer:
    """One answer to a question asked in ``parts``: each part's answer in turn, its markers numbered
    on from the previous part's (a quote cited twice keeps its first number); a part the documents
    do not answer says so. All parts refused: the first part's refusal, naming the laws the
    knowledge base does not hold when that is why every part was refused."""
    lang = question_lang(question)  # a part may read otherwise ("Who wrote “国家安全…”?")
    if not any(a.grounded for a in answers):
        absent = [_absent_named(p, a) for p, a in zip(parts, answers, strict=True)]
        refusal = t("no_document", lang, name="、".join(dict.fromkeys(n for ns in absent for n in ns)))
        text = refusal if all(absent) else t("no_answer", lang)
        return replace(answers[0], question=question, answer=text, lang=lang)
    texts: list[str] = []
    citations: list[Citation] = []
    numbers: dict[tuple[str, str], int] = {}
    # parts answered from different documents say which is which (「国家安全法和反间谍法分别从哪一天起
    # 施行」: 「本法自公布之日起施行」 and 「本法自2023年7月1日起施行」 name no law); English answers name it
    sources = {a.citations[0].title for a in answers if a.grounded and a.citations}
    named = lang == "zh" and len(sources) > 1 and all(map(is_law, sources))
    # …and parts answered from different signed articles say whose (「新吴区和市商务局…分别」: 崔荣国：…)
    authors = {a.citations[0].author for a in answers if a.grounded and a.citations}
    signed = lang == "zh" and not named and len(sources) > 1 and len(authors) > 1 and None not in authors
    for part, answer in zip(parts, answers, strict=True):
        if not answer.grounded:
            texts.append(t("part_not_found", lang, part=part))
            continue
        if answer.citations and all((c.chunk_id, c.quote) in numbers for c in answer.citations):
            # the same quote an earlier part cited answers this part too: shown once, but this part's
            # own short answer is said (「…是哪一天？今年是第几个？」: 4月15日, then 第十个)
            # (「…一共多少个项目、总投资多少？」: what an earlier part's short answer gave is not said again)
            # (a table row's cells said in full: 「问题金额11688.36万元，已整改金额…，整改率86.3%」)
            said = {item for x in texts for item in _ITEM_BREAK.split(_lead(x, lang, _SAID_LEAD) or "")}
            own = _lead(answer.answer, lang) or ""
            figures = {m.group() for x in said if (m := _FIGURE_END.search(x))}  # 「4665.90万元」 said
            items = [x for x in _ITEM_BREAK.split(own) if x]
            kept = [x for x in items if x not in said
                    and not ((m := _FIGURE_END.search(x)) and m.group() in figures)]  # fmt: skip
            lead = own if kept == items else "、".join(kept)  # as quoted, unless some of it was said
            if lead:
                mark = f"[{numbers[(answer.citations[0].chunk_id, answer.citations[0].quote)]}]"
                texts.append(f"{lead}{mark}。" if lang == "zh" else f"{lead} {mark}.")
            continue
        if lang == "zh" and _stated_before(part, texts):  # 「…最多的是哪个部门？金额多少？」: the first
            continue  # part's short answer gave 「问题金额3720.15万元」 already
        if _nothing_new(answer.answer, texts):  # two parts answered by what is said already (the
            continue  # byline for "who wrote about X" and "what is their role"), whatever quote: said once
        answer = _without_said_opening(answer, texts)
        renumber: dict[int, int] = {}
        for c in answer.citations:
            key = (c.chunk_id, c.quote)
            if key not in numbers:
                numbers[key] = len(citations) + 1
                citations.append(replace(c, n=numbers[key]))
            renumber[c.n] = numbers[key]
        text = _renumbered(answer.answer, renumber)
        one_law = len({c.title for c in answer.citations}) == 1  # a part citing two laws names them itself
        if named and one_law and not text.startswith("《"):
            text = f"{book(short_title(answer.citations[0].title))}：{text}"
        elif signed and len({c.author for c in answer.citations}) == 1 and not text.startswith(
            answer.citations[0].author or ""
        ):  # one article's answer, not already naming its author (a byline)
            text = f"{answer.citations[0].author}：{text}"
        if text not in texts:  # two parts answered by the same sentence: say it once
            texts.append(text)
    hits = list({h.chunk.chunk_id: h for a in answers for h in a.hits}.values())[:top_k]
    notes = " ".join(dict.fromkeys(a.note for a in answers if a.note)) or None
    return Answer(question, "\n".join(texts), True, tuple(citations), (), tuple(hits), lang, notes)


_FIGURE_END = re.compile(r"\d[\d.]*[^\d、，]*$")  # the figure an item ends with (「已整改金额4665.90万元」)
_SAID_LEAD = 60  # characters of an earlier part's short answer read for what it said
_ITEM_BREAK = re.compile(r"[、，]")  # between a short answer's figures: 「2场、3家」「…，整改率86.3%」

# what a part asking one measure's value asks with (「金额多少？」「比例是多少呢」)
_VALUE_ASKED = re.compile(r"又?(?:是|为|有|达到)?(?:多少|几何)(?:钱)?呢?|[？?，,。\s]")
_MEASURE_PART = re.compile(r"[\u4e00-\u9fff]{2,4}")


def _stated_before(part: str, said: Sequence[str]) -> bool:
    """Whether ``part`` asks only the value of a measure (「金额多少」) that an earlier part's short
    answer states with its figure (「市住房城乡建设局（问题金额3720.15万元）。」)."""
    measure = _VALUE_ASKED.sub("", part)
    if measure == part.strip() or not _MEASURE_PART.fullmatch(measure):
        return False
    leads = (x.partition("。")[0] for x in said)
    return any(re.search(rf"{re.escape(measure)}[^。，；\d]{{0,3}}\d", lead) for lead in leads)


def _without_said_opening(answer: Answer, said: Sequence[str]) -> Answer:
    """``answer`` without its opening sentences an earlier part said already (a byline opening both
    「作者是谁」 and 「在哪个部门」; a party's line and its 联系人 opening both 「乙方联系人是谁」 and
    「电话多少」), with the citations only those sentences marked."""
    sentences = {x.strip() for part in said for x in MARKER_RE.sub("", part).split("。")}
    while True:
        first, stop, rest = answer.answer.partition("。")
        if not stop or not rest.strip() or not MARKER_RE.search(first):  # a short answer (「40%。」) leads
            return answer
        if MARKER_RE.sub("", first).strip() not in sentences:
            return answer
        only = {int(n) for n in MARKER_RE.findall(first)} - {int(n) for n in MARKER_RE.findall(rest)}
        citations = tuple(c for c in answer.citations if c.n not in only)
        answer = replace(answer, answer=rest.lstrip(), citations=citations)


_LINKS = re.compile(r"[\s\W_]+|\bis\b|\bwas\b|是|为", re.I)  # what joins said words into a sentence


def _nothing_new(text: str, said: Sequence[str]) -> bool:
    """Whether ``text`` says only what ``said`` says: apart from punctuation and links (是, "is"),
    every character of it is in a run of two or more found in ``said``, as "方力 is 锡山区委书记 [2]."
    after "… was written by 方力 (锡山区委书记) [1].". Markers are not read."""
    before = MARKER_RE.sub("", "\n".join(said)).casefold()
    words = [w for w in _LINKS.split(MARKER_RE.sub("", text).casefold()) if w]
    return bool(before and words) and all(_covered(w, before) for w in words)


def _covered(word: str, before: str) -> bool:
    if len(word) == 1:
        return word in before
    covered = [False] * len(word)
    for i in range(len(word) - 1):
        n = 2
        while i + n <= len(word) and word[i : i + n] in before:
            n += 1
        if n > 2:  # word[i : i + n - 1] is said
            covered[i : i + n - 1] = [True] * (n - 1)
    return all(covered)


_ARTICLE_LEAD = re.compile(r"(《[^》]{2,40}》第[一二三四五六七八九十百零]+条)规定：")


def _lead(text: str, lang: str, size: int = 30) -> str | None:
    """The short answer an answer opens with (「第十个。」, "10 (十). "), if it opens with one of at most
    ``size`` characters (Chinese)."""
    # (an English lead may hold a decimal point: "2.7 billion yuan (27亿元). ")
    if lang == "zh" and (article := _ARTICLE_LEAD.match(text)):  # 「《…法》第十四条规定：…」: which law
        return article.group(1)
    zh = rf"([^。\[\]\n]{{1,{size}}})。"
    m = re.match(zh if lang == "zh" else r"((?:[^.\[\]\n]|\.(?=\d)){1,60})\. ", text)
    return m.group(1) if m else None


def _renumbered(text: str, numbers: dict[int, int]) -> str:
    def renumber(m: re.Match[str]) -> str:  # keeps the space MARKER_RE may have matched before "["
        n = int(m.group(1))
        return f"{m.group(0)[: m.start(1) - m.start(0) - 1]}[{numbers.get(n, n)}]"

    return MARKER_RE.sub(renumber, text)
