"""Key figures: every number a unit prints with its unit (a percentage, an amount of money, a count,
a date, a duration or run of years), what it measures (its clause) and the verbatim sentence.

A trainer pastes these into slides, so each figure carries its source (title, author and role, or a
law and article) and a quote that occurs in the cited passage. Ordinals (第十个), numbers inside a
quoted slogan (“5+X”, “百亿百项”) and a bare 一 (一批, 一个) are no figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rag.kit.cite import Locator, clause_window, sentences
from rag.records import Chunk, Citation, Unit

KIND_PERCENT, KIND_MONEY, KIND_COUNT, KIND_DATE, KIND_DURATION = (
    "percent",
    "money",
    "count",
    "date",
    "duration",
)

_NUM = r"(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]+)"
_MAG = r"(?:亿|万|千)?"
_PATTERNS = (  # first match wins at a position: longer forms first
    (
        KIND_DATE,
        re.compile(
            r"\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|\d{1,2}\s*月\s*\d{1,2}\s*日|"
            r"(?:19|20)\d\d\s*年(?!代)"
        ),
    ),
    (KIND_PERCENT, re.compile(rf"{_NUM}\s*(?:%|％|个百分点)")),
    (KIND_MONEY, re.compile(rf"{_NUM}\s*{_MAG}\s*(?:美元|欧元|元)")),
    (KIND_DURATION, re.compile(rf"{_NUM}\s*(?:个月|小时|周岁|分钟|周年|个工作日|工作日|年|日|天|周)")),
    (
        KIND_COUNT,
        re.compile(
            rf"{_NUM}\s*{_MAG}\s*(?:平方米|平方公里|公里|公顷|家|名|项|个|类|倍|支|单|条|位|座|所|人|篇|次|批|种|处|"
            r"户|台|件|只|艘|架|轮|届|份|吨|亩|米|级|亿)"
        ),
    ),
)
_TRIVIAL = re.compile(
    r"^[一两](?![零〇一二两三四五六七八九十百千万亿])\s*\D*$|^[千万百]\D*$"
)  # 一批, 一个, 千个: said, not counted
_YEAR_ABBR = re.compile(r"^\d\d年$")  # 24年全年: a year, abbreviated
_CLAUSE = re.compile(r"[^，。；：！？,;]+")
_SESSION = re.compile(r"全国|中央|[一二三四五六七八九十]中全会|全会|会议|人大|党代会|代表大会")
MAX_QUOTE = 160  # characters of a figure's quote: a slide line, not a paragraph


@dataclass(frozen=True)
class Figure:
    """One figure as printed, with the clause saying what it measures and its citation."""

    value: str  # as printed: "81.4%", "27亿元", "三个月", "2015年7月1日"
    kind: str  # KIND_*
    clause: str  # the clause holding the value (what it measures), verbatim
    citation: Citation  # quote: the sentence (or its part inside one chunk), verbatim in citation.text

    @property
    def unit(self) -> str:
        """What follows the number ("亿元", "%", "家"): distractors share it."""
        m = re.match(r"(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]+)\s*", self.value)
        return self.value[m.end() :] if m else self.value

    def to_dict(self) -> dict:
        """The shape of ``rag figures --json``."""
        c = self.citation
        return {"value": self.value, "kind": self.kind, "clause": self.clause, "doc_id": c.doc_id,
                "title": c.title, "author": c.author, "role": c.role, "section": list(c.section),
                "chunk_id": c.chunk_id, "quote": c.quote}  # fmt: skip


def find_figures(units: Iterable[Unit], chunks: Sequence[Chunk] | Locator) -> list[Figure]:
    """Every figure of ``units`` in reading order."""
    locate = chunks if isinstance(chunks, Locator) else Locator(chunks)
    out: list[Figure] = []
    for unit in units:
        text = unit.text
        for _paragraph, start, end in sentences(unit):
            sentence = text[start:end]
            for value_start, value, kind in figures_in(sentence):
                clause = _clause(sentence, value_start)
                citation = _cite(locate, unit, start, end, value_start)
                if citation is not None and value in re.sub(r"\s+", "", citation.quote):
                    out.append(Figure(value=value, kind=kind, clause=clause, citation=citation))
    return out


def figures_in(sentence: str) -> list[tuple[int, str, str]]:
    """``(offset, value, kind)`` of each figure in ``sentence``."""
    found: list[tuple[int, str, str]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(sentence):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            value = m.group(0)
            if _skip(sentence, s, e, value, kind):
                continue
            if _YEAR_ABBR.match(value) and sentence[e : e + 2] in ("全年", "上半", "下半", "年底", "以来"):
                kind = KIND_DATE
            taken.append((s, e))
            found.append((s, re.sub(r"\s+", "", value), kind))
    return sorted(found)


def _skip(sentence: str, s: int, e: int, value: str, kind: str) -> bool:
    before = sentence[:s]
    if before.endswith("第") or (s and sentence[s - 1].isdigit()):
        return True  # an ordinal, or the tail of a longer number the patterns did not take
    if before.count("“") > before.count("”") or before.count("「") > before.count("」"):
        return True  # inside a quoted slogan or name
    if kind != KIND_DATE and _TRIVIAL.match(value):
        return True
    if kind == KIND_COUNT and value[-1] in "届次" and _SESSION.match(sentence, e):
        return True  # 十四届全国人大三次会议: the name of a meeting
    return kind == KIND_COUNT and value.endswith("亿") and sentence[e : e + 1] == "之"  # 5000亿之城


def _clause(sentence: str, at: int) -> str:
    clauses = [m for m in _CLAUSE.finditer(sentence)]
    for i, m in enumerate(clauses):
        if m.start() <= at < m.end():
            text = m.group(0).strip()
            if len(text) < 10 and i:  # "规模达超50亿美元" says little alone: take the clause before
                text = sentence[clauses[i - 1].start() : m.end()].strip()
            elif len(text) < 10 and i + 1 < len(clauses):  # "2024年，…": the clause after
                text = sentence[m.start() : clauses[i + 1].end()].strip()
            return text
    return sentence.strip()


def _cite(locate: Locator, unit: Unit, start: int, end: int, at: int) -> Citation | None:
    """The sentence's citation, quoting the chunk that holds the figure; a sentence longer than
    ``MAX_QUOTE`` is cut to the clauses around the figure."""
    sentence = unit.text[start:end]
    lo, hi = 0, len(sentence)
    if len(sentence) > MAX_QUOTE:  # a lead-in of up to 60 characters before the figure
        lo, hi = clause_window(sentence, at, MAX_QUOTE, lead=60)
    return locate.cite(unit, start + lo, start + hi, at=start + at)
