"""Counting a list's items: 「反间谍法列举了几种间谍行为」, "How many kinds of espionage conduct …?".

No sentence of a law says 「间谍行为共六种」; the article lists them （一） to （六）. The question is
answered as the enumeration it implies (「…列举了哪些间谍行为」), and when that answer quotes the
numbered items of one article, the count is read from the whole article's text (every chunk of it,
not only the retrieved ones): the longest run （一）（二）… holding the quoted items. Anything else is
answered as asked: a count is never guessed from a partial list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from rag.records import Answer, Chunk
from rag.strings import t
from rag.structure import to_int
from rag.text import ITEM_RE

# 「几种」「多少项」「几类」「几个方面」 counted with a verb of listing or having; not 几级 (「分为绝密、
# 机密、秘密三级」 says its count) nor 几条 (an article) nor 几个 (anything).
_VERB = r"(?:有|列举了?|列了|列出了?|规定了?|包括|包含|分为)"
_COUNT_ZH = re.compile(rf"(?:一共|总共|共)?{_VERB}?\s*(?:几|多少)\s*(?:种|项|类|个方面|方面|大类)")
_COUNT_EN = re.compile(
    r"\bhow many (?=(?:kinds|types|forms|categories|items|duties|obligations|acts|situations|circumstances|"
    r"measures|rights)\b)",
    re.I,
)
_LABEL = re.compile(r"(?:^|(?<=[\n。；：:]))\s*[（(]([一二三四五六七八九十\d]+)[)）]")


def counted_unit(question: str) -> str:
    """The measure word a counting question counts by (「几种」: 种), 项 when it names none."""
    m = _COUNT_ZH.search(question)
    return re.sub(r"^.*?(?:几|多少)\s*", "", m.group()) if m else "项"


def enumeration_of(question: str) -> str | None:
    """The enumeration a question counting a list's items implies (「反间谍法列举了几种间谍行为？」 ->
    「反间谍法列举了哪些间谍行为？」, "How many kinds of … does it list?" -> "Which kinds of … does it
    list?"), or None for any other question."""
    m = _COUNT_ZH.search(question)
    if m:
        lead = re.sub(r"^(?:一共|总共|共)", "", m.group())
        verb = re.match(rf"{_VERB}?", lead).group()
        aspect = "方面" if m.group().endswith("方面") else ""  # 「包括几个方面」 -> 「包括哪些方面」
        return question[: m.start()] + verb + "哪些" + aspect + question[m.end() :]
    m = _COUNT_EN.search(question)
    if m:
        return question[: m.start()] + "Which " + question[m.end() :]
    return None


def item_count(quotes: Sequence[str], article: Sequence[Chunk]) -> int | None:
    """How many items the list holding the numbered ``quotes`` has, read from the whole ``article``
    (its chunks, in order): the run （一）…（N） holding every quoted label. None when the quotes are not
    at least two items of one such run."""
    quoted = {n for q in quotes if (m := ITEM_RE.match(q)) and (n := to_int(m.group()[1:-1]))}
    if len(quoted) < 2:
        return None
    text = _article_text(article)
    numbers = [to_int(m.group(1)) for m in _LABEL.finditer(text)]
    runs: list[list[int]] = []
    for n in numbers:
        if n == 1 or not runs or n != runs[-1][-1] + 1:
            runs.append([])
        if n == 1 or (runs[-1] and n == runs[-1][-1] + 1):
            runs[-1].append(n)
    holding = [r for r in runs if r and r[0] == 1 and quoted <= set(r)]
    return len(holding[0]) if len(holding) == 1 else None


def with_count(answer: Answer, n: int, question: str) -> Answer:
    """``answer`` (the enumeration's) led by the count, shown for ``question`` as asked."""
    lead = t("item_count", answer.lang, n=n, unit=counted_unit(question))
    return replace(answer, question=question.strip(), answer=lead + answer.answer)


def _article_text(article: Sequence[Chunk]) -> str:
    """The article's text from its chunks, overlaps merged (chunks overlap by a few characters)."""
    out, end = "", 0
    for c in sorted(article, key=lambda c: c.start):
        if c.start + len(c.text) <= end:
            continue
        out += c.text[max(0, end - c.start) :]
        end = c.start + len(c.text)
    return out
