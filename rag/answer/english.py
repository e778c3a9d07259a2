"""The short answer of an English question in English: figures and dates read from the Chinese.

Only what can be read exactly is rendered ("2021年9月1日" -> "1 September 2021", "二十四小时" -> "24
hours", "五千万元" -> "50 million yuan", "12位" -> "12", "81.4%"); anything else (a body, a term) stays
Chinese, since the answerer never translates words. The Chinese follows in brackets, as printed in the quote.
"""

from __future__ import annotations

import re

from rag.structure import to_int

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")  # fmt: skip
_DATE = re.compile(r"(\d{4})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?")
_MONTH_DAY = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_MONTH_PART = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月(底|末|初|上旬|中旬|下旬)(前|以前)?")
_YEAR_END = re.compile(r"(\d{4})\s*年(?:底|末)(前|以前)?")  # 「2027年底前」: by the end of 2027
_NUMERIC_DATE = re.compile(r"(\d{4})([-./])(\d{1,2})\2(\d{1,2})")  # a web page's 「2025-05-12」
_FIGURE = re.compile(r"(\d[\d,]*(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿]+)\s*(.*)")
_PERCENT = re.compile(r"百分之([零〇一二两三四五六七八九十百点]+|\d+(?:\.\d+)?)")
# Printed unit -> (English unit, singular); a unit not listed leaves the answer in Chinese.
_UNITS = {
    "%": ("%", "%"), "％": ("%", "%"), "元": ("yuan", "yuan"), "万元": ("yuan", "yuan"),
    "亿元": ("yuan", "yuan"), "分钟": ("minutes", "minute"), "小时": ("hours", "hour"),
    "个小时": ("hours", "hour"), "秒": ("seconds", "second"),
    "日": ("days", "day"), "天": ("days", "day"), "个工作日": ("working days", "working day"),
    "工作日": ("working days", "working day"), "个月": ("months", "month"), "年": ("years", "year"),
    "周岁": ("years of age", "year of age"), "周": ("weeks", "week"), "人": ("people", "person"),
    "名": ("people", "person"), "人次": ("person-times", "person-time"),
    "个百分点": ("percentage points", "percentage point"),
    "百分点": ("percentage points", "percentage point"),
    "倍": ("times", "times"), "美元": ("US dollars", "US dollar"),
    "万美元": ("US dollars", "US dollar"), "亿美元": ("US dollars", "US dollar"),
}  # fmt: skip
_SCALE = {"万元": 10_000, "亿元": 100_000_000, "万美元": 10_000, "亿美元": 100_000_000}
# Measure words that only count (「12位院士」, 「7300家」, 「108项」): the English is the number alone,
# the thing counted being in the question; 「1.2万家」 is 12,000.
_COUNTED = re.compile(r"([万亿]?)[位家个项条次支单所座款件起宗批场期类种台辆株户篇部套处份张册本块枚艘架]")


def english_unit(unit: str) -> str | None:
    """How an English answer names the printed ``unit`` (名 -> people, 日 -> days); None when it is a
    measure word that only counts (家, 项) or is not listed."""
    return _UNITS[unit][0] if unit in _UNITS and unit not in ("%", "％") else None


def english_value(lead: str) -> str | None:
    """``lead`` (one or more figures or dates joined by 、) in English, or None when a part
    cannot be read exactly."""
    parts = [p.strip() for p in lead.split("、") if p.strip()]
    out = [_BY_PERIOD.get(p) or _date(p) or _figure(p) for p in parts]
    return ", ".join(out) if parts and all(out) else None  # type: ignore[arg-type]


# a frequency by the period (「按月监测」), as short_answer leads with it
_BY_PERIOD = {"按年": "yearly", "按年度": "yearly", "按半年": "every six months", "按季": "quarterly",
              "按季度": "quarterly", "按月": "monthly", "按周": "weekly", "按旬": "every ten days",
              "按日": "daily", "按天": "daily"}  # fmt: skip


# a day in words, as a sign-off prints it: 「二〇二六年二月十日」
_WORDS_DATE = re.compile(r"([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月"
                         r"(?:\s*([一二三四五六七八九十]{1,3})\s*日)?")


def _in_figures(text: str) -> str:
    """A day in words 「二〇二六年二月十日」 as figures 「2026年2月10日」; other text as it is."""
    m = _WORDS_DATE.fullmatch(text)
    if not m:
        return text
    year = "".join(str(to_int(ch)) for ch in m[1])
    return f"{year}年{to_int(m[2])}月" + (f"{to_int(m[3])}日" if m[3] else "")


def _date(text: str) -> str | None:
    text = _in_figures(text)
    part = _MONTH_PART.fullmatch(text)
    if part and 1 <= int(part[2]) <= 12:  # 「9月底前」: by the end of September
        month = _MONTHS[int(part[2]) - 1] + (f" {part[1]}" if part[1] else "")
        when = {"底": "the end of", "末": "the end of", "初": "the beginning of", "上旬": "early",
                "中旬": "mid-", "下旬": "late"}[part[3]]  # fmt: skip
        when = f"{when}{month}" if when.endswith("-") else f"{when} {month}"
        return f"by {when}" if part[4] else when
    end = _YEAR_END.fullmatch(text)
    if end:
        return f"by the end of {end[1]}" if end[2] else f"the end of {end[1]}"
    day = _MONTH_DAY.fullmatch(text)
    if day and 1 <= int(day.group(1)) <= 12:
        return f"{int(day.group(2))} {_MONTHS[int(day.group(1)) - 1]}"
    numeric = _NUMERIC_DATE.fullmatch(text)
    m = numeric or _DATE.fullmatch(text)
    if not m:
        return None
    year, month, day = (m[1], m[3], m[4]) if numeric else m.groups()
    if month and not 1 <= int(month) <= 12:
        return None
    if day:
        return f"{int(day)} {_MONTHS[int(month) - 1]} {year}"
    return f"{_MONTHS[int(month) - 1]} {year}" if month else year


# A bound or rounding word around a figure (rag/answer/compose.py keeps them in the lead). Laws count
# 「以上」「以下」「以内」 inclusively: 「六个月以上」 is six months or more.
_QUALIFIERS = (
    (re.compile(r"(?:不少于|不低于|至少|最少)(.+)"), "at least {}"),
    (re.compile(r"(?:不超过|不得超过|不高于|至多|最多|最高|最长)(.+)"), "at most {}"),
    (re.compile(r"(?:超过|超|突破|逾)(.+)"), "more than {}"),
    (re.compile(r"(?:将近|近)(.+)"), "nearly {}"),
    (re.compile(r"约(.+)"), "about {}"),
    (re.compile(r"(.+?)\s*(?:以上)"), "{} or more"),
    (re.compile(r"(.+?)\s*(?:以下|以内|之内)"), "up to {}"),
    (re.compile(r"(.+?)\s*左右"), "about {}"),
    (re.compile(r"(.+?)\s*[多余]"), "more than {}"),
)


def _figure(text: str) -> str | None:
    for pattern, phrase in _QUALIFIERS:
        m = pattern.fullmatch(text)
        if m:
            bare = _plain_figure(m.group(1).strip())
            return phrase.format(bare) if bare else None
    return _plain_figure(text)


def _plain_figure(text: str) -> str | None:
    percent = _PERCENT.fullmatch(text)
    if percent:  # 百分之五 -> 5%
        value = numeral_value(percent.group(1))
        return None if value is None else f"{value:g}%"
    m = _FIGURE.fullmatch(text)
    counted = m and _COUNTED.fullmatch(m.group(2))
    if counted:
        value = numeral_value(m.group(1))
        if value is None:
            return None
        value *= {"万": 10_000, "亿": 100_000_000}.get(counted.group(1), 1)
        return _shown(value)
    if not m or m.group(2) not in _UNITS:
        return None
    value = numeral_value(m.group(1))
    if value is None:
        return None
    unit = m.group(2)
    value *= _SCALE.get(unit, 1)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    plural, single = _UNITS[unit]
    shown = _shown(value)
    if plural == "%":
        return f"{shown}%"
    return f"{shown} {single if value == 1 else plural}"


def _shown(value: int | float) -> str:
    """A figure as English prints it: 100,000; 1.5 million; 17 billion."""
    for scale, word in ((1_000_000_000, "billion"), (1_000_000, "million")):
        if value >= scale and round(value / scale, 3) == value / scale:
            return f"{value / scale:g} {word}"
    return f"{int(value):,}" if float(value).is_integer() else f"{value:g}"


def numeral_value(numeral: str) -> int | float | None:
    """An Arabic or Chinese numeral with 万 and 亿 (五千万 -> 50,000,000)."""
    numeral = numeral.replace(",", "")
    if re.fullmatch(r"\d+", numeral):
        return int(numeral)
    if re.fullmatch(r"\d+\.\d+", numeral):
        return float(numeral)
    total = 0
    for mark, scale in (("亿", 100_000_000), ("万", 10_000)):
        if mark in numeral:
            head, numeral = numeral.split(mark, 1)
            value = to_int(head) if head else 1
            if value is None:
                return None
            total += value * scale
    rest = to_int(numeral) if numeral else 0
    return None if rest is None else total + rest
