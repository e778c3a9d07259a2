"""Who to contact and how: a document's labelled contact lines (「联系人：周雨桐（市国安宣教办宣传教育科）」
then 「联系电话：0989-66321058」; 「线上答题技术支持：陆启明（…）」 then its own 「联系电话：…」).

A question asking how to reach someone (「有问题想打电话问竞赛联系人，号码是多少」「线上答题时系统出问题，
应该找谁、打什么电话」) is answered with the block of lines whose label or name shares a word of the
question, the person's line and the ways to reach them, each quoted: a document may list several
contacts, and a passage about a hotline (12339) a question shares 电话 with is no contact of the document.
Questions sharing no word with any block are left to the selector.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answer.compose import Claim, according_to, excerpt
from rag.evidence import Span
from rag.question import Question
from rag.records import Hit
from rag.text import CONTACT_ASKED, PHONE, lines_with_offsets, sentence_at

_LABELLED = re.compile(r"^([^\s：:。，；]{1,16})[：:]\s*(\S.*)$")
_REACH = re.compile(r"电话|手机|邮箱|传真|网址|地址|邮编")  # labels giving a way to reach someone
_INLINE = re.compile(PHONE)  # a person's line giving their number (「技术咨询：郑一鸣（…），0563-2256630」)
_BLANK = re.compile(r"^[_＿\s]*$|^[_＿]{2,}")  # a form's 「联系电话：________」
# words every contact question or line has: they tell no contact from another
_GENERIC = frozenset(
    ("电话", "号码", "联系电话", "联系", "联系人员", "联系方式", "手机", "邮箱", "打电话", "咨询电话", "多少",
     "什么", "应该")
)


def contact_claims(q: Question, hits: Sequence[Hit]) -> list[Claim] | None:
    """The quoted lines of the contact block of the best hits that shares most of the question's
    words (its labels and names; at least one), else None."""
    if not CONTACT_ASKED.search(q.text):
        return None
    terms = [term for term in q.terms if term not in _GENERIC]
    best, score = None, 0
    blocks = [block for hit in hits[:5] for block in _blocks(hit)]
    for block in blocks:
        named = "".join(span.text for span in block if not _REACH.search(_label(span)))
        title = block[0].hit.chunk.title or ""  # the city every line of the document names tells none apart
        shared = sum(term in named and term not in title for term in terms)
        if shared > score and any(_REACH.search(_label(span)) for span in block):
            best, score = block, shared
    if best is None:
        return None
    best = _asked_lines(q, best, [s for block in blocks for s in block])
    end, sep = (".", ";") if q.lang == "en" else ("。", "；")
    claims = []
    for i, span in enumerate(best):
        tail = end if i == len(best) - 1 else sep
        lead = according_to(span) if q.lang == "en" and i == 0 else excerpt(span)
        claims.append(Claim(lead if q.lang != "en" or i == 0 else f" “{span.text}”", span, tail))
    return claims


_KINDS = (  # a way to reach asked for, and the labels giving it
    (re.compile(r"电话|号码|热线|打给|\b(?:call|phone|telephone)\b", re.I), re.compile(r"电话|手机")),
    (re.compile(r"邮箱|邮件|\be-?mail\b", re.I), re.compile(r"邮箱|邮件")),
    (re.compile(r"地址|在哪|\baddress\b", re.I), re.compile(r"地址")),
)


def _asked_lines(q: Question, block: list[Span], lines: list[Span]) -> list[Span]:
    """The block's person line and the ways to reach them the question asks for (its first one
    when it names none): a document's email and address lines may follow the last contact's phone,
    and serve every contact (``lines``: all the passages' contact lines)."""
    named = [s for s in block if not _REACH.search(_label(s))]
    reach = [s for s in block if _REACH.search(_label(s))]
    kinds = [label for asked, label in _KINDS if asked.search(q.text)]
    wanted = [s for s in reach if any(k.search(_label(s)) for k in kinds)]
    shared = [s for s in lines if any(k.search(_label(s)) for k in kinds)]
    return named + (wanted or shared[:1] or reach[:1])


def _label(span: Span) -> str:
    m = _LABELLED.match(span.text)
    return m.group(1) if m else ""


def _blocks(hit: Hit) -> list[list[Span]]:
    """The passage's contact blocks: a line naming someone (any label but a way to reach) and the
    lines of ways to reach them after it; ways to reach with nobody named before them stand alone."""
    text = hit.chunk.text
    blocks: list[list[Span]] = []
    current: list[Span] = []
    for at, line in lines_with_offsets(text):
        stripped = line.strip()
        m = _LABELLED.match(stripped)
        if m and not _BLANK.match(m.group(2)):
            start = at + line.index(stripped)
            span = Span(hit, stripped, start, sentence_at(text, start), True)
            if _REACH.search(m.group(1)) and current:
                current.append(span)
            else:
                if current:
                    blocks.append(current)
                current = [span]
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return [b for b in blocks if len(b) > 1 or _REACH.search(_label(b[0])) or _INLINE.search(b[0].text)]
