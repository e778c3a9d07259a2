"""Counting a list's items: 「反间谍法列举了几种间谍行为」, 「要履行几项义务」.

No sentence of a law says 「间谍行为共六种」; the article lists them （一） to （六）. The question is
answered as the enumeration it implies (「…列举了哪些间谍行为」), and when that answer quotes the
numbered items of one article, the count is read from the whole article's text (its unit's
paragraphs, not only the retrieved passages): the run （一）（二）… holding the quoted items.
Anything else is answered as asked: a count is never guessed from a partial list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from rag.records import Answer
from rag.strings import t
from rag.structure import to_int
from rag.text import ITEM_RE

# 「几种」「多少项」「几类」「几个方面」 counted with a verb of listing or having; not 几级 (「分为绝密、
# 机密、秘密三级」 says its count) nor 几条 (an article) nor 几个 (anything).
_VERB = r"(?:有|列举了?|列了|列出了?|规定了?|包括|包含|分为)"
# 几 counts only on its own: 「哪几种」 lists, 「第几项」 asks a rank, 「好几种」「十几种」 say "several".
_COUNT_ZH = re.compile(
    rf"(?:一共|总共|共)?{_VERB}?\s*(?:(?<![哪第好十几])几|多少)\s*(?:种|项|类|个方面|方面|大类)"
)
_LABEL = re.compile(r"(?:^|(?<=[\n。；：:]))\s*[（(]([一二三四五六七八九十\d]+)[)）]")
# What a list's lead-in says it lists: 「下列维护国家安全的义务：」 -> 维护国家安全的义务
_LISTED = re.compile(r"下列([^，。；：:\n]{1,20}?)(?:之一)?的?[：:]")
_NOUN_AFTER = re.compile(r"^[^，,。？?！!]*")


def counted_unit(question: str) -> str:
    """The measure word a counting question counts by (「几种」: 种), 项 when it names none."""
    m = _COUNT_ZH.search(question)
    return re.sub(r"^.*?(?:几|多少)\s*", "", m.group()) if m else "项"


def enumeration_of(question: str) -> str | None:
    """The enumeration a Chinese question counting a list's items implies (「反间谍法列举了几种间谍
    行为？」 -> 「反间谍法列举了哪些间谍行为？」), or None for any other question."""
    m = _COUNT_ZH.search(question)
    if m is None:
        return None
    lead = re.sub(r"^(?:一共|总共|共)", "", m.group())
    verb = re.match(rf"{_VERB}?", lead).group()
    aspect = "方面" if m.group().endswith("方面") else ""  # 「包括几个方面」 -> 「包括哪些方面」
    return question[: m.start()] + verb + "哪些" + aspect + question[m.end() :]


def counted_noun(question: str) -> str:
    """What a counting question counts: the words after its count (「几项义务」: 义务), else those
    before it (「间谍行为一共有多少种」: 间谍行为); "" when neither is said."""
    m = _COUNT_ZH.search(question)
    if m is None:
        return ""
    after = _NOUN_AFTER.match(question[m.end() :]).group().strip()
    if len(after) >= 2:
        return after
    before = re.split(r"[，,。？?！!的]", question[: m.start()])[-1]
    return before.strip()


def lists_it(lead_in: str, noun: str) -> bool:
    """Whether a list's ``lead_in`` says it lists what ``noun`` names: its 「下列…」 phrase and the noun
    end alike (「下列维护国家安全的义务」 and 义务; 「下列行为」 and 间谍行为), so 「下列安全保护义务」 is
    not a list of 网络安全等级."""
    m = _LISTED.search(lead_in)
    if m is None or len(noun) < 2:
        return False
    listed = m.group(1)
    return listed.endswith(noun[-2:]) or noun.endswith(listed[-2:])


def item_count(quotes: Sequence[str], article: str, noun: str = "") -> int | None:
    """How many items the list holding the numbered ``quotes`` has, read from the whole ``article``
    (its text, paragraph by paragraph): the run （一）…（N） holding every quoted label, whose lead-in
    lists what ``noun`` names when one is given. None when the quotes are not at least two items of
    one such run."""
    quoted = {n for q in quotes if (m := ITEM_RE.match(q)) and (n := to_int(m.group()[1:-1]))}
    if len(quoted) < 2:
        return None
    text = article
    runs: list[tuple[int, list[int]]] = []  # (where the run starts, its numbers)
    for m in _LABEL.finditer(text):
        n = to_int(m.group(1))
        if n == 1:
            runs.append((m.start(), [1]))
        elif runs and runs[-1][1] and n == runs[-1][1][-1] + 1:
            runs[-1][1].append(n)
        else:
            runs.append((m.start(), []))  # a number out of order ends the run it would continue
    holding = [(at, r) for at, r in runs if r and quoted <= set(r)]
    if len(holding) != 1:
        return None
    at, run = holding[0]
    if noun and not lists_it(text[max(0, at - 60) : at], noun):
        return None
    return len(run)


def with_count(answer: Answer, n: int, question: str) -> Answer:
    """``answer`` (the enumeration's) led by the count, shown for ``question`` as asked."""
    lead = t("item_count", answer.lang, n=n, unit=counted_unit(question))
    return replace(answer, question=question.strip(), answer=lead + answer.answer)
