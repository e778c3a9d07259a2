"""Training questions made from the documents themselves, without an LLM (scripts/fit_answerer.py).

Answerable ones are cloze questions on sentences that hold something a reader asks for: a figure
with its unit (「…不得超过三个月」 -> 「…不得超过几个月？」), a date, the body that decides or
approves, a definition (「本法所称X，是指…」), an article's subject (「哪一条规定了…」). Unanswerable
ones swap the question's rarest term for one no document holds (a body, a place, a topic), so the
selector learns that a close passage about something else is no answer.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Sequence

from rag.lookup import short_title
from rag.question import FIGURE_RE, analyse
from rag.records import Unit
from rag.structure import article_number
from rag.text import ITEM_RE

# Terms of official documents that the bundled corpus does not hold (checked again at use).
SWAP_TERMS = (
    "地铁", "房价", "养老金", "公积金", "出生率", "高铁", "旅游收入", "失业率", "碳排放", "新能源汽车",
    "医保", "学区", "彩票", "机场", "足球", "港口吞吐量", "地震", "台风", "水库", "殡葬", "物业",
    "出租车", "快递员", "外卖", "直播带货", "游戏防沉迷", "婚姻登记", "兵役", "护照", "签证",
    "成都", "哈尔滨", "海南", "西藏", "香港", "澳门", "2031年", "1998年", "第九次", "第二十章",
)  # fmt: skip
_BODY = re.compile(
    r"由((?:[^\s，。；、]{0,12})(?:机关|部门|政府|委员会|法院|检察院|机构|负责人))"
    r"(负责|决定|批准|确认|认定|组织|统一|审查|公布)"
)
_DEFINES = re.compile(r"(?:本法|本条例|本规定)?所称([^，。；]{2,20})，是指([^。；]{4,})")
_DATE = re.compile(r"(?:自|于)?(\d{4}年\d{1,2}月\d{1,2}日)(起施行|通过|修订|施行)")
_CLAUSES = re.compile(r"[^，。；：！？]+")
_TRIVIAL = re.compile(r"^[一两]\s*\S$|^千")  # "一批", "一个", "千个": not figures anyone asks for


def synth_questions(units: Sequence[Unit], *, seed: int = 0, per_kind: int = 10) -> list[dict]:
    """Questions in the QA-file format (``q``, ``type``, ``law``/``authors``, ``evidence``, ``answer``)
    made from ``units``: at most ``per_kind`` of each kind per unit, and one unanswerable per three."""
    rng = random.Random(seed)
    corpus = "".join(p for u in units for p in u.paragraphs)
    swaps = [t for t in SWAP_TERMS if t not in corpus]
    out: list[dict] = []
    for unit in units:
        made = list(_answerable(unit))
        rng.shuffle(made)
        kinds: dict[str, int] = {}
        made = [q for q in made if kinds.setdefault(q["type"], 0) < per_kind and not _count(kinds, q["type"])]
        out += made
        out += [neg for q in made[::3] if (neg := _unanswerable(q, swaps, rng, corpus))]
        out += _figure_not_given(unit, rng, per_kind // 2)
    for i, q in enumerate(out, start=1):
        q["id"] = f"syn{i:04d}"
    return out


def _answerable(unit: Unit) -> Iterator[dict]:
    name = short_title(unit.title or "")
    for i, paragraph in enumerate(unit.paragraphs):
        label = next((x for x in reversed(unit.section_of(i)) if article_number(x)), None)
        body = paragraph.removeprefix(label).strip() if label else paragraph
        for sentence in re.split(r"(?<=[。；！？])", body):
            yield from _from_sentence(sentence.strip(), unit, name)
        if label and len(body) >= 12 and not ITEM_RE.match(body):
            first = _CLAUSES.findall(body)[0]
            if 8 <= len(first) <= 40:
                yield _record(unit, f"{name}哪一条规定了{first}？", "article", paragraph, [[label]])


def _from_sentence(sentence: str, unit: Unit, name: str) -> Iterator[dict]:
    if len(sentence) < 10:
        return
    prefix = f"根据{name}，" if name and not unit.author else ""
    for m in FIGURE_RE.finditer(sentence):
        figure = m.group(0)
        ordinal = sentence[max(0, m.start() - 1)] == "第"  # "第三条": an address, not an amount
        if re.fullmatch(r"\d{4}\s*年", figure) or _TRIVIAL.match(figure) or ordinal:
            continue
        clause = _clause_at(sentence, m.start())
        number = re.match(r"\d+(?:\.\d+)?|[零一二两三四五六七八九十百千万]+|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+", figure)
        if clause and number and len(clause) >= 8:
            word = "多少" if len(number.group(0)) > 1 else "几"
            asked = clause.replace(figure, word + figure[number.end() :], 1)
            yield _record(unit, f"{prefix}{asked}？", "number", sentence, [[figure]])
            break
    m = _BODY.search(sentence)
    if m:
        clause = _clause_at(sentence, m.start())
        if clause and m.group(1) in clause:
            yield _record(unit, f"{prefix}{clause.replace(m.group(1), '哪个部门', 1)}？", "who", sentence,
                          [[m.group(1)]])  # fmt: skip
    m = _DEFINES.search(sentence)
    if m:
        yield _record(unit, f"{prefix}{m.group(1)}是指什么？", "fact", sentence, [[m.group(2)[:8]]])
    m = _DATE.search(sentence)
    if m:
        event = m.group(2).removeprefix("起")
        yield _record(unit, f"{name or '这份文件'}是哪一天{event}的？", "fact", sentence, [[m.group(1)]])


# A figure asked of a provision that states none: "…的期限是多少天？" where the text gives no days.
_ASKED_FIGURES = (
    ("，期限是多少天？", "天|日"), ("，最长是几个月？", "个月|月"), ("，最多罚款多少万元？", "元"),
    ("，需要多少人？", "人"), ("，要保存几年？", "年"),
)  # fmt: skip
_PROVISION = re.compile(r"应当|可以|不得|负责|有权")


def _figure_not_given(unit: Unit, rng: random.Random, n: int) -> list[dict]:
    """Unanswerable questions asking a figure of sentences whose paragraph gives no such figure."""
    name = short_title(unit.title or "")
    prefix = f"根据{name}，" if name and not unit.author else ""
    out = []
    for paragraph in rng.sample(list(unit.paragraphs), len(unit.paragraphs)):
        clause = next((c.strip() for c in _CLAUSES.findall(paragraph) if _PROVISION.search(c)), None)
        if not clause or not 8 <= len(clause) <= 40 or ITEM_RE.match(clause) or clause.startswith("第"):
            continue
        ending, units = rng.choice(_ASKED_FIGURES)
        if re.search(rf"(?:\d|[一二两三四五六七八九十百千])\s*(?:{units})", paragraph):
            continue
        key = {"authors": []} if unit.author else {"law": ""}
        out.append({"q": f"{prefix}{clause}{ending}", "lang": "zh", "type": "unanswerable", **key,
                    "evidence": [], "answer": [], "synthetic": True})  # fmt: skip
        if len(out) >= n:
            break
    return out


def _count(kinds: dict[str, int], kind: str) -> None:
    kinds[kind] += 1


def holds_answer(quote: str, q: dict, section: Sequence[str] = ()) -> int:
    """1 when ``quote`` answers ``q`` (a QA-file record): it holds a string of every answer group, or
    it is a piece of the evidence (or holds one) naming at least one answer string. The quote's
    ``section`` labels count as its text (the answer to "哪一条…" is the label of the quote's
    article, which the answer states). The label the selector is fit on."""
    text = _squash("".join(section) + quote)
    answer = [[_squash(s) for s in group] for group in q.get("answer") or []]
    evidence = [_squash(e) for e in q.get("evidence") or []]
    if answer and all(any(s in text for s in group) for group in answer):
        return 1
    bare = _squash(quote)
    overlaps = any((len(bare) >= 8 and bare in e) or e in bare for e in evidence)
    named = not answer or any(s in text for group in answer for s in group)
    return int(bool(evidence) and overlaps and named)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _unanswerable(q: dict, swaps: list[str], rng: random.Random, corpus: str) -> dict | None:
    terms = [t for t in analyse(q["q"]).terms if len(t) >= 2 and t in corpus]
    if not terms or not swaps:
        return None
    rarest = min(terms, key=lambda t: (corpus.count(t), -len(t)))
    swapped = q["q"].replace(rarest, rng.choice(swaps), 1)
    if swapped == q["q"]:
        return None
    return {**q, "q": swapped, "type": "unanswerable", "law": "", "authors": [], "evidence": [], "answer": []}


def _record(unit: Unit, question: str, kind: str, evidence: str, answer: list[list[str]]) -> dict:
    key = {"authors": [unit.author]} if unit.author else {"law": unit.title}
    return {"q": question, "lang": "zh", "type": kind, **key, "evidence": [evidence], "answer": answer,
            "synthetic": True}  # fmt: skip


def _clause_at(sentence: str, at: int) -> str | None:
    for m in _CLAUSES.finditer(sentence):
        if m.start() <= at < m.end():
            return m.group(0).strip()
    return None
