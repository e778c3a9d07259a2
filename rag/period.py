"""The year a passage speaks of, when it says so in words relative to its document's day.

A speech, a work summary or a notice dated 2026 says 「今年」 for 2026 and 「去年」「过去一年」 for 2025;
a question about such a document does the same (「去年排查出多少处隐患」). Read against the document's
own year, those words date a sentence as its explicit 「2025年」 would. A section may be dated once, by
its first words (「过去一年，在市委的坚强领导下…」 opens the review of 2025; 「2025年，全市…」), and
then every sentence under it is about that year unless it says otherwise.

Comparisons are no dating: 「比上年增长12%」「较去年同期」 name the year compared with.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

# relative words and the years they move from the document's year; not after 比/较/于/同/与 (a comparison:
# 「比上年增长」), nor 「去年同期」 (the period compared with), nor 「和上一年相比」
_RELATIVE = (
    (re.compile(r"(?<![比较于同与])(?:今年|本年度|本年(?!级))(?!同期)"), 0),
    (re.compile(r"(?<![比较于同与])(?:去年|过去(?:的)?一年|一年来|上一年度?)(?!同期|相比)"), -1),
    (re.compile(r"(?<![比较于同与])(?:明年)(?!同期)"), 1),
)
_RELATIVE_EN = (
    (re.compile(r"\bthis year\b|\bthe current year\b", re.I), 0),
    (re.compile(r"\blast year\b|\bthe past year\b|\bthe previous year\b", re.I), -1),
    (re.compile(r"\bnext year\b", re.I), 1),
)
# A section's opening words that date it: a time phrase, then a comma
_OPENING = re.compile(
    r"^(?:(?P<year>(?:19|20)\d\d)\s*年(?:以来|来|全年|度)?|(?P<rel>今年(?:以来)?|过去(?:的)?一年|一年来|去年(?:以来)?))"
    r"\s*[，,]"
)


def document_year(date: str | None) -> str:
    """The year of a document's day as printed (「2026年3月18日」, 「2026-03-18」, a 公文's 「二〇二五年
    十二月二十六日」), or ""."""
    m = re.search(r"(?<!\d)((?:19|20)\d\d)(?=\s*[年\-./])", date or "")
    if m:
        return m.group(1)
    m = re.search(r"([一二][〇零○一二三四五六七八九]{3})\s*年", date or "")
    return "".join(_NUMERAL_DIGITS[ch] for ch in m.group(1)) if m else ""


_NUMERAL_DIGITS = {ch: str(i % 10) for i, ch in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0"}


# A report on one year, signed early in the next (「…2025年政府信息公开工作年度报告」 dated 2026年1月20日,
# 「2025年统计公报」, 「2025年度…工作总结」): its 「本年」「本年度」 are the year it reports on (its
# tables' 「本年新收」), and its readers' 「今年」「去年」 too: they ask 「今年新收了多少」 and 「去年出生了
# 多少」 of it alike. Its own 「今年」 stays the year it is signed: 「今年，我局将…」 plans that year.
REPORT_WORDS = re.compile(r"本年度?(?!级)")
_REPORT_ON_YEAR = re.compile(r"(?:19|20)\d\d\s*年度?.*(?:总结|报告|公报|年报|通报)$")


@lru_cache(maxsize=1024)  # read for every candidate quote's title when years are checked
def reported_year(title: str | None, year: str) -> str:
    """The year a document dated in ``year`` reports on: the one year its ``title`` names when that is
    the year before and the title names a report (总结, 报告, 公报, 年报, 通报); else ``year``."""
    title = re.sub(r"\s+", "", title or "")
    named = set(re.findall(r"(?<!\d)((?:19|20)\d\d)(?=年)", title))
    if year and len(named) == 1 and _REPORT_ON_YEAR.search(title) and int(next(iter(named))) == int(year) - 1:
        return next(iter(named))
    return year


def relative_years(text: str, year: str, *, english: bool = False) -> set[str]:
    """The years ``text`` names in words relative to ``year`` (the document's): 「今年」 -> ``year``,
    「去年」「过去一年」 -> the year before; none when ``year`` is unknown."""
    if not year:
        return set()
    base = int(year)
    patterns = _RELATIVE_EN if english else _RELATIVE
    return {str(base + shift) for pattern, shift in patterns if pattern.search(text)}


def says_relative_year(text: str) -> bool:
    """Whether ``text`` dates what it says by the document's year (「去年」「今年」), not by a comparison."""
    return any(pattern.search(text) for pattern, _ in _RELATIVE)


def section_periods(paragraphs: Sequence[str], sections: Sequence[tuple[str, ...]], year: str) -> list[str]:
    """For each paragraph, the year the section holding it is about, by the first words of that
    section's first paragraph under its heading (「过去一年，…」, 「2025年，…」); the innermost section
    that says one; "" when none does or the paragraph is in no section. One pass over the document."""
    first: dict[tuple[str, ...], int] = {}  # each heading path's first paragraph (not the heading itself)
    for i, path in enumerate(sections[: len(paragraphs)]):
        for depth in range(1, len(path) + 1):
            head = path[:depth]
            if head not in first and paragraphs[i].strip() != head[-1].strip():
                first[head] = i
    dated: dict[tuple[str, ...], str] = {}
    for head, i in first.items():
        m = _OPENING.match(paragraphs[i].strip())
        if m and m["year"]:
            dated[head] = m["year"]
        elif m and (moved := relative_years(m["rel"], year)):
            dated[head] = next(iter(moved))
    out = []
    for i in range(len(paragraphs)):
        path = sections[i] if i < len(sections) else ()
        heads = [path[:d] for d in range(len(path), 0, -1)]
        out.append(next((dated[h] for h in heads if h in dated and first[h] <= i), ""))
    return out
