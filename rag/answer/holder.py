"""Who holds a post or does an act, read from the sentence that says so.

Rules, plans and notices name who does what in two fixed forms: 「A由Y担任」「Ⅳ级应急响应由县防办主任决
定启动」 and 「Y为定密责任人」. A question asking 「A由谁担任」「Ⅲ级应急响应由谁决定启动」 or 「谁来当定密责
任人」 is answered by the clause of that form about the same A; the selector, which weighs words in
common, took sentences naming A that say something else about it (the body 县防指 and its duties for
「总指挥由谁担任」). No clause of that form: None, and the selector answers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.evidence import Span

# 「县防指常务副总指挥由谁担任」「Ⅳ级应急响应由谁决定启动」: what (a), and the act (v) after 由谁
_ASKED_BY = re.compile(
    r"(?P<a>[^，,。？?！!：:；;]{2,30}?)(?:应当|应该|要|须|需要|需)?由谁(?:来)?(?P<v>[\u4e00-\u9fff]{2})"
)  # the act's first two characters: 「由谁带队去企业现场协调」 is 「由…带队」 in the text
# 「谁来当定密责任人」「谁担任总指挥」: the post (r)
_ASKED_WHO = re.compile(
    r"谁(?:来)?(?:当|担任|兼任|出任|作为)(?P<r>[^，,。？?！!：:；;]{2,20}?)(?:呢|啊)?(?:[？?。，,！!]|$)"
)
_POSTED = ("担任", "兼任", "出任")  # acts of taking a post: one answers another
_CLAUSE = r"[^，。；：,;:\n]"
# A post named with 副/常务/执行 before it is another post (常务副总指挥 is no 总指挥).
_OTHER_POST = re.compile(r"(?:副|常务|执行)$")
_MIN_SUBJECT = 2


def holder_span(question: str, spans: Sequence[Span]) -> Span | None:
    """The shortest candidate quote of ``spans`` saying who holds the post or does the act
    ``question`` asks about (「A由谁V」: 「A由Y V」; 「谁来当R」: 「Y为R」 or 「R由Y担任」), the most of A
    matched first; None when the question asks neither, no quote says it, or several say different
    things (the asked post matched only in part: the selector decides)."""
    asked = _ASKED_BY.search(question)
    if asked:
        subject, act = asked.group("a"), asked.group("v")
        acts = _POSTED if act in _POSTED else (act,)
    else:
        asked = _ASKED_WHO.search(question)
        if not asked:
            return None
        subject, acts = asked.group("r"), _POSTED
    for size in range(len(subject), _MIN_SUBJECT - 1, -1):  # 「县防指总指挥」, then 「总指挥」
        tail = re.escape(subject[-size:])
        forms = [rf"{tail}由{_CLAUSE}{{2,30}}?(?:{'|'.join(map(re.escape, acts))})"]
        if not _ASKED_BY.search(question):
            forms.append(rf"{_CLAUSE}{{2,40}}为{tail}")
        found = [
            (s, m.group(0)) for s in spans for f in forms for m in re.finditer(f, s.text)
            if _own(s.text, m, size, subject)
        ]  # fmt: skip
        if len({said for _, said in found}) > 1:  # 「一级响应」 read as 「响应」: Ⅰ级's, Ⅱ级's, … all match
            return None
        if found:
            return min((s for s, _ in found), key=lambda s: len(s.text))
    return None


def _own(text: str, m: re.Match[str], size: int, subject: str) -> bool:
    """Whether match ``m`` is about the asked post itself: not a longer post ending the same way
    (「常务副总指挥由…担任」 for 「总指挥由谁担任」)."""
    start = m.start() if m.group(0).startswith(subject[-size:]) else text.find(subject[-size:], m.start())
    before = text[max(0, start - 2) : start]
    return not _OTHER_POST.search(before) or subject[:-size].endswith(before[-1:])
