"""Thresholds: which band of a graded scale a figure the question states falls in.

Emergency plans, grading rules and penalty tiers set bands by figures (「造成3人以上10人以下死亡」,
「业务中断6小时以上12小时以下」, 「直接经济损失1000万元以上」). A question stating its own case
(「业务停摆8个小时，属于哪一级」) is answered by the band that holds its figure, not by the band
nearest in words. Bands are read as such documents define them: 「以上」 includes its figure, 「以下」
does not (the usual 附则 rule), so 10人 is in 「10人以上30人以下」, not in 「3人以上10人以下」.
"""

from __future__ import annotations

import re

from rag.structure import to_int

_NUMBER = r"\d+(?:\.\d+)?|[零一二两三四五六七八九十百千]+"
_UNIT = r"个?小时|分钟|个月|天|日|人|名|位|万元|亿元|元|条|家|户|起|件|次|公里|吨|亩|分"  # 分: a score
_SCALE = r"[万亿]?"  # 「1万条」「50万条」: ten thousand of the unit
_STATED = re.compile(rf"({_NUMBER})({_SCALE})\s*({_UNIT})")
_BAND = re.compile(
    rf"({_NUMBER})({_SCALE})\s*({_UNIT})及?以上(?:[^，。；：]{{0,6}}?({_NUMBER})({_SCALE})\s*({_UNIT})以下)?"
)
# a scale's bands as grading rules print them: 「75分至89分为合格」 (both ends in), 「60分以下为不合格」
_RANGE = re.compile(
    rf"({_NUMBER})({_SCALE})\s*({_UNIT})\s*(?:至|到|~|～|—|－|-)\s*({_NUMBER})({_SCALE})\s*({_UNIT})"
)
_BELOW = re.compile(rf"(?<![\d.])({_NUMBER})({_SCALE})\s*({_UNIT})以下")
_TIMES = {"": 1, "万": 10_000, "亿": 100_000_000}
_SAME = {"个小时": "小时", "名": "人", "位": "人", "日": "天"}
# what a stated figure must not be read from: a date, an article, a phone number, 「第3次」
_NOT_AMOUNT = re.compile(r"第\s*$|\d{4}\s*年\s*$")


def stated_amounts(question: str) -> list[tuple[float, str]]:
    """The figures with a unit ``question`` states (「业务停摆8个小时」: (8, 小时)), not ones it asks."""
    out = []
    for m in _STATED.finditer(question):
        if _NOT_AMOUNT.search(question[max(0, m.start() - 5) : m.start()]):
            continue
        value = _value(m.group(1))
        if value is not None and not question[m.end() : m.end() + 2].startswith(("以上", "以下")):
            out.append((value * _TIMES[m.group(2)], _SAME.get(m.group(3), m.group(3))))
    return out


def band_holds(text: str, value: float, unit: str) -> bool | None:
    """Whether a band of ``text`` in ``unit`` holds ``value``: True when one does, False when ``text``
    sets bands in that unit and none holds it, None when it sets none."""
    seen = False
    bands = list(_BAND.finditer(text))
    for m in _RANGE.finditer(text):
        low, high = _value(m.group(1)), _value(m.group(4))
        if low is None or high is None or {_SAME.get(m.group(k), m.group(k)) for k in (3, 6)} != {unit}:
            continue
        seen = True
        if low * _TIMES[m.group(2)] <= value <= high * _TIMES[m.group(5)]:
            return True
    for m in _BELOW.finditer(text):  # a bound alone, not the upper one of 「X以上Y以下」
        high = _value(m.group(1))
        if high is None or _SAME.get(m.group(3), m.group(3)) != unit or any(
                b.start() <= m.start() < b.end() for b in bands):  # fmt: skip
            continue
        seen = True
        if value < high * _TIMES[m.group(2)]:
            return True
    for m in bands:
        if _SAME.get(m.group(3), m.group(3)) != unit:
            continue
        low = _value(m.group(1))
        high = _value(m.group(4)) if m.group(4) and _SAME.get(m.group(6), m.group(6)) == unit else None
        if low is None:
            continue
        low *= _TIMES[m.group(2)]
        high = high * _TIMES[m.group(5)] if high is not None else None
        seen = True
        if value >= low and (high is None or value < high):
            return True
    return False if seen else None


def _value(numeral: str) -> float | None:
    try:
        return float(numeral)
    except ValueError:
        n = to_int(numeral)
        return float(n) if n is not None else None
