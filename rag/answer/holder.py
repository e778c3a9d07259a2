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
from rag.lookup import in_order
from rag.segment import tagged

# 「县防指常务副总指挥由谁担任」「Ⅳ级应急响应由谁决定启动」: what (a), and the act (v) after 由谁, by its
# first two characters (「由谁带队去企业现场协调」 is 「由…带队」 in the text)
_ASKED_BY = re.compile(r"(?P<a>[^，,。？?！!：:；;]{2,30})由谁(?:来)?(?P<v>[\u4e00-\u9fff]{2})")
# what may stand between the name and 由谁 (「定密责任人应由谁担任」); 「响应由谁」 keeps its 应, so the
# name is tried both ways
_ADVERB = re.compile(r"(?:应当|应该|应|要|须|需要|需|一般|通常|主要)$")
# 「谁来当定密责任人」「谁担任总指挥」: the post (r)
_ASKED_WHO = re.compile(
    r"谁(?:来)?(?:当|担任|兼任|出任|作为)(?P<r>[^，,。？?！!：:；;]{2,20}?)(?:呢|啊)?(?:[？?。，,！!]|$)"
)
_POSTED = ("担任", "兼任", "出任")  # acts of taking a post: one answers another
_CLAUSE = r"[^，。；：,;:\n]"
# A post named with 副/常务/执行 before it is another post (常务副总指挥 is no 总指挥).
_OTHER_POST = re.compile(r"(?:副|常务|执行)$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# 「恒锐公司的法定代表人是谁」: the post (r), and whose (o)
_NAME = r"(?P<n>[\u4e00-\u9fff]{2,4})(?=[，。；、（(\s]|$)"  # a person's name, then the clause ends
_ASKED_POST = re.compile(
    r"(?:(?P<o>[\u4e00-\u9fff]{2,12})的)?(?P<r>[\u4e00-\u9fff]{2,8}?)(?:是|为)(?:谁|哪位)"
)
_MIN_SUBJECT = 2


def holder_span(question: str, spans: Sequence[Span]) -> Span | None:
    """The shortest candidate quote of ``spans`` saying who holds the post or does the act
    ``question`` asks about (「A由谁V」: 「A由Y V」; a post also 「Y为A」), the most of A matched
    first; None when the question asks neither, no quote says it, or several say different things.

    A's name may be shorter in the text (「县防指常务副总指挥」 written 「；常务副总指挥由…」): a part of
    it is taken where a clause starts with it, or where it is the post the question names after 的
    (「指挥部的总指挥」: 「县防指总指挥由县长担任」), never inside another name (「保密工作第一责任人」 is
    not the 「定密责任人」 of 「…为定密责任人」; 「一级响应」 not 「应急响应」)."""
    asked = _ASKED_BY.search(question)
    if asked:
        subject, act = asked.group("a"), asked.group("v")
        acts = _POSTED if act in _POSTED else (act,)
    else:
        asked = _ASKED_WHO.search(question)
        if not asked:
            return None
        subject, acts = asked.group("r"), _POSTED
    bare = _ADVERB.sub("", subject)
    for name in dict.fromkeys((subject, bare) if len(bare) >= _MIN_SUBJECT else (subject,)):
        found = _holding(name, acts, spans)
        if len({said for _, said in found}) > 1:  # several clauses, each saying another thing
            return None
        if found:
            return min((s for s, _ in found), key=lambda s: len(s.text))
    return None


def labelled_holder(question: str, spans: Sequence[Span]) -> Span | None:
    """For 「X的P是谁」「P是谁」 (「恒锐公司的法定代表人是谁」), the quote naming the holder of post P after
    it as a label (「法定代表人兼总经理：陈国栋」) or with 为 (「仓储部主管为林志强」), in a sentence naming X
    (its characters in order: 「恒锐服饰有限公司」 for 恒锐公司); None when none does or those that do
    name different people."""
    asked = _ASKED_POST.search(question)
    if not asked:
        return None
    owner, post = asked.group("o") or "", asked.group("r")
    labelled = re.compile(rf"{re.escape(post)}(?:兼{_CLAUSE}{{2,6}}?)?(?:[：:]\s*|为){_NAME}")
    found: dict[str, Span] = {}
    for s in spans:
        for m in labelled.finditer(s.text):
            name = m.group("n")
            person = any(flag.startswith("nr") for _, flag in tagged(name))  # not 「为本单位」
            if not person or _OTHER_POST.search(s.text[: m.start()]):
                continue
            sentence = s.hit.chunk.text[: s.start + m.start()].rsplit("。", 1)[-1]  # up to the post
            if owner and not in_order(owner, sentence):
                continue
            if name not in found or _shown(s, owner) < _shown(found[name], owner):
                found[name] = s
    return next(iter(found.values())) if len(found) == 1 else None


def _shown(span: Span, owner: str) -> tuple[bool, int]:
    """The better quote first: one naming the owner (its characters in order), then the shorter."""
    return not (owner and in_order(owner, span.text)), len(span.text)


def _holding(subject: str, acts: Sequence[str], spans: Sequence[Span]) -> list[tuple[Span, str]]:
    """The spans saying who holds ``subject`` or does ``acts`` with what each says, for the longest
    part of the name any clause matches; [] when none does."""
    post = subject.rsplit("的", 1)[-1]
    for size in range(len(subject), _MIN_SUBJECT - 1, -1):  # 「县防指总指挥」, then 「总指挥」
        tail = subject[-size:]
        named = size == len(subject) or size == len(post)
        forms = [rf"{re.escape(tail)}由{_CLAUSE}{{2,30}}?(?:{'|'.join(map(re.escape, acts))})"]
        if acts == _POSTED:
            forms.append(rf"{_CLAUSE}{{2,40}}为{re.escape(tail)}(?![\u4e00-\u9fff])")
        found = [
            (s, m.group(0)) for s in spans for f in forms for m in re.finditer(f, s.text)
            if _own(s.text, s.text.find(tail, m.start()), named)
        ]  # fmt: skip
        if found:
            return found
    return []


def _own(text: str, start: int, named: bool) -> bool:
    """Whether the asked name found at ``start`` of ``text`` is the asked post itself: not a longer
    post ending the same way (「常务副总指挥」 for 「总指挥」); a part of the name (not ``named``)
    only where its clause starts."""
    if _OTHER_POST.search(text[max(0, start - 2) : start]):
        return False
    return named or start == 0 or not _CJK.match(text[start - 1])
