"""A document's labelled lines (「执　　笔：邵明哲（…）」「审　　核：韦秋澜（…）」「承办单位：汀澜广播电视台」
「印　　数：3000册」): fields it states about itself, each on a line of its own (rag.ingest keeps them so).

A question naming a field's label, or the label's verb (「这份教案是谁执笔的」 for 执笔, 「哪个单位承办」 for
承办单位), is answered with that line, quoted: the selector, comparing meanings, took the 审核 line next
to it. Labels too common to name a field (说明, 时间, 内容, …) are left to the selector.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answer.compose import Claim, according_to, excerpt
from rag.evidence import Span
from rag.question import SHAPE_WHEN, Question
from rag.records import Hit
from rag.structure import PARTY_ROLE
from rag.text import (
    ANY_DATE_LABEL,
    COURT_POST,
    DAY,
    ISSUER_LABEL,
    LABEL_NOTE,
    lines_with_offsets,
    sentence_at,
)

_FIELD = re.compile(
    rf"^([\u4e00-\u9fff](?:[\u3000 ]*[\u4e00-\u9fff]|{LABEL_NOTE}){{1,7}})\s*[：:]\s*(\S.{{0,80}})$"
)
# a court's judges and clerk, each a line over the day: 「审判长 李国栋」
_POST_LINE = re.compile(rf"^({COURT_POST})\s+([\u4e00-\u9fff·]{{2,5}})$")
_SUFFIX = re.compile(r"(?:单位|部门|机关|机构|人员|人|者)$")  # 「编制单位」 is named by 编制
# labels a question writes for other reasons, or that head a paragraph rather than a field
_COMMON_WORDS = """
说明 注 备注 内容 要求 目的 意义 原因 时间 地点 方式 对象 任务 目标 重点 形式 答案 解析 参考答案
知识链接 评分要点 问 答 主持人 记者 提示 依据 范围 措施 步骤 结果 情况 做法 成效 问题 建议 总结
联系人 联系电话 电话 邮箱 电子邮箱 传真 地址 通讯地址 网址 牵头单位 责任单位 配合单位 完成时限 时限 附件
"""
_COMMON = frozenset(_COMMON_WORDS.split())
_CONTACT = frozenset({"联系人", "联系电话", "电话", "邮箱", "电子邮箱", "传真", "地址", "通讯地址"})
# who issued a document and when: rag.answer.compose.front_claims reads them, with the document's own words
_FRONT_FIELD = re.compile(f"{ISSUER_LABEL}|{ANY_DATE_LABEL}")
_SENTENCE = re.compile(r"[。！？!?]")
_LABEL_ALONE = re.compile(r"^([\u4e00-\u9fff]{2,6})[：:]$")
# a line a label alone heads: a name with its post (「市国家安全局副局长 周建明」), no sentence, no label
_HEADED = re.compile(r"^[^：:。！？!?]{2,40}\s[\u4e00-\u9fff·]{2,5}$")
_MAX_HEADED = 8
_DAY = re.compile(rf"{DAY}|\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}\s*年")
_ASKS = re.compile(r"谁|哪|什么|多少|几|是|\b(?:who|which|what|how)\b", re.I)


def field_claims(q: Question, hits: Sequence[Hit]) -> list[Claim] | None:
    """The labelled lines of the best hits whose labels (or their verbs) the question names, quoted
    (「被申请人是哪个单位，负责人叫什么」: both lines; 「被申请人的住所」: the 住所 line under the 被申请人
    line); None when it names none, or names labels of no lines that can answer it."""
    if q.lang != "zh" or not _ASKS.search(q.text):
        return None
    found: list[tuple[str, Span]] = []  # (the words of the question naming a label, its line), in order
    every = [(span, label) for hit in hits[:3] for span, label in _fields(hit)]
    # a party the question names, by its line (「被申请人：…」) or the heading over its fields
    # (「1.采购人信息」)
    heads = (_PARTY_HEAD.match(h.chunk.section[-1]) for h in hits[:3] if h.chunk.section)
    named_roles = {label for _, label in every if _PARTY.fullmatch(label)} | {m.group(1) for m in heads if m}
    roles = sorted((r for r in named_roles if r in q.text), key=len)
    party = roles[-1] if roles else None
    for span, label in every:
        if _PARTY_HEAD.match(span.text):
            continue  # a heading names the party; it states nothing
        if label in _CONTACT and (party is None or _party_of(span, every) != party):
            continue  # 「联系人：…」 answers only under the party asked about (a contract's, a tender's)
        core = _SUFFIX.sub("", label) if len(_SUFFIX.sub("", label)) >= 2 else label
        # a roster (「发布人：」 over its lines) is named whole: 发布会 is no 发布人
        core = label if "\n" in span.text else core
        said = next((w for w in _ASKED_AS.get(label, ()) if w in q.text), None)  # 「找谁」 asks its 联系人
        word = label if label in q.text else core if core in q.text else said
        if word and _holds_asked(q, span.text):
            found.append((word, span))
    # a word inside a longer one said names nothing of its own (申请人 in 「被申请人是哪个单位」)
    inside = {w for w, _ in found for o, _ in found if w != o and w in o and o in q.text}
    words = list(dict.fromkeys(w for w, _ in found if w not in inside))
    words = sorted(sorted(words, key=lambda w: (-len(w), q.text.index(w)))[:_MAX_NAMED], key=q.text.index)
    if not words or _STATEMENT_ASKED.search(re.sub("|".join(map(re.escape, words)), "", q.text)):
        return None  # 「申请人在复议中提出了什么请求」: what a party said, which no field holds
    if any(w in q.text and not any(w in x or x in w for x in words) for w in _REACH):
        return None  # 「乙方联系人的电子邮箱是多少」: no line gives the e-mail asked, the 联系人 line none
    # a party the question names (「被申请人的住所」): its fields are the ones under its line
    named = next((w for w in words if _PARTY.fullmatch(w)), party)
    spans: list[Span] = []
    for word in words:
        lines = [s for w, s in found if w == word]
        if named and word != named:
            lines = [s for s in lines if _party_of(s, every) == named]  # not another party's 负责人
        # (a word naming a bench, 「合议庭」 for 审判长, 审判员 and 人民陪审员, takes each judge's line)
        spans += lines[:_MAX_HEADED] if word in _BENCH_WORDS else lines[:1]
    spans = list(dict.fromkeys(spans))
    if not spans:
        return None
    # what the question asks about, besides the document it names (「这份教案」) and words pointing at it
    title = spans[0].hit.chunk.title or ""
    asked = [g for g in q.groups if not any(term in _POINTING or term in title for term in g)]
    # (the words naming the labels count as covered, 「找谁」 for 联系人 among them, and so does the party
    # named, whose heading may stand over the fields quoted: 「1.采购人信息」)
    said = "|".join([*words, named or ""])

    def covered(text: str) -> int:
        return sum(any(term in text or term in said for term in group) for group in asked)

    if 2 * covered("\n".join(s.text for s in spans)) < len(asked):
        # 「申请人请的律师是哪家律所」: another field of the party holds most of what is asked (its
        # 委托代理人's line); 「申请人不服的那份决定书文号是什么」: none, the text answers
        # (the party's own: 「被申请人请的律师」 is not the applicant's 委托代理人)
        best = max((s for s, _ in every if not named or _party_of(s, every) == named),
                   key=lambda s: covered(s.text), default=spans[0])  # fmt: skip
        if 2 * covered(best.text) <= len(asked):
            return None
        spans = [best]
    elif covered("\n".join(s.text for s in spans)) < len(asked) and any(
        all(any(term in line for term in group) for group in asked)
        for hit in hits[:3] for _, line in lines_with_offsets(hit.chunk.text)
    ):  # fmt: skip
        return None  # 「乙方是谁签的字」: its sign-off's row says all that is asked, the 乙方 line half of it
    return [Claim(according_to(s) if q.lang == "en" else excerpt(s), s, "。") for s in spans]


_MAX_NAMED = 3  # labels a question asks at once
# what a party says, which a statement gives and no field (「申请人请求：撤销…；如不予撤销，…」)
_STATEMENT_ASKED = re.compile(r"请求|理由|主张|诉求|陈述|申辩")  # (not 答复 or 意见: kinds of document)
_POINTING = frozenset({"这份", "那份", "该份", "本份", "哪份", "哪家", "哪位", "哪个", "这场", "那场", "本场",
                       "这次", "本次", "此次", "这期", "本期", "那边", "这边"})


def _holds_asked(q: Question, line: str) -> bool:
    """Whether labelled ``line`` holds the kind of value ``q`` asks: a day for 「哪天」 (a figure may be
    written in words: 「报名费用：免费」)."""
    return q.shape != SHAPE_WHEN or bool(_DAY.search(line))


_PARTY = re.compile(PARTY_ROLE)
_NOTE = re.compile(LABEL_NOTE)
_REACH = ("邮箱", "传真", "网址", "邮编", "微信")  # ways to reach a party a question may ask for by name
_BENCH_WORDS = frozenset({"合议庭", "法官"})  # words naming a court's bench, a line a judge
# the heading over a party's fields (「1.采购人信息」「（二）乙方」「采购代理机构信息：」「乙方（供应商）」)
_PARTY_HEAD = re.compile(
    rf"^(?:\d{{1,2}}[.．、]\s*|[（(][一二三四五六七八九十]{{1,3}}[)）]|[一二三四五六七八九十]{{1,3}}、)?"
    rf"({PARTY_ROLE})(?:{LABEL_NOTE})?(?:的)?(?:信息|情况|基本情况|联系方式)?[：:]?$"
)
# how a question asks for a contact field without its label (「采购人那边找谁」「电话多少」)
_ASKED_AS = {"联系人": ("找谁", "联系谁", "跟谁联系", "和谁联系", "对接人"),
             "联系方式": ("电话", "号码", "怎么联系"), "联系电话": ("电话", "号码"), "电话": ("号码",),
             "地址": ("在哪", "哪里", "什么地方"),
             # a court's bench (「合议庭是哪几个人」) is its judges' lines
             "审判长": ("合议庭", "法官"), "审判员": ("合议庭", "法官"),
             "人民陪审员": ("合议庭",)}  # fmt: skip


def _party_of(span: Span, every: Sequence[tuple[Span, str]]) -> str | None:
    """The party whose fields ``span`` is among: the label of the nearest party line above it in its
    passage (「被申请人：…」 over 「住所：…」「负责人：…」), or None."""
    above = [(s.start, label) for s, label in every
             if s.hit is span.hit and s.start <= span.start and _PARTY.fullmatch(label)]  # fmt: skip
    if above:
        return max(above)[1]
    # …or the heading its passage is under (「1.采购人信息」 over 「联系人：孟晓岚」)
    head = _PARTY_HEAD.match(span.hit.chunk.section[-1]) if span.hit.chunk.section else None
    return head.group(1) if head else None


def _fields(hit: Hit) -> list[tuple[Span, str]]:
    """The passage's labelled lines with their labels (spaces aligning a label taken out); a label
    alone on its line (「发布人：」) with the lines it heads (one a speaker, up to a blank line or the
    next label)."""
    text, out = hit.chunk.text, []
    lines = lines_with_offsets(text)
    for k, (at, line) in enumerate(lines):
        stripped = line.strip()
        alone = _LABEL_ALONE.match(stripped)
        if alone and alone.group(1) not in _COMMON:
            end = k + 1
            while end < len(lines) and end - k <= _MAX_HEADED and _HEADED.match(lines[end][1].strip()):
                end += 1
            if end > k + 1:
                start = at + line.index(stripped)
                last_at, last = lines[end - 1]
                stop = last_at + len(last.rstrip())
                span = Span(hit, text[start:stop], start, sentence_at(text, start), True)
                out.append((span, alone.group(1)))
            continue
        head = _PARTY_HEAD.match(stripped)
        if head:  # the heading over a party's fields: where its fields begin (read by ``_party_of``)
            start = at + line.index(stripped)
            out.append((Span(hit, stripped, start, sentence_at(text, start), True), head.group(1)))
            continue
        post = _POST_LINE.match(stripped)
        if post:
            start = at + line.index(stripped)
            span = Span(hit, stripped, start, sentence_at(text, start), True)
            out.append((span, re.sub(r"\s+", "", post.group(1))))
            continue
        m = _FIELD.match(stripped)
        if m:
            label = _NOTE.sub("", re.sub(r"[\u3000 ]+", "", m.group(1)))  # 「甲方（委托方）」: 甲方
            value = m.group(2)  # a field's value, not a speaker's turn (「周建明：大家好！…」)
            # (a contact's common label is kept: it answers under the party a question names)
            common = (label in _COMMON and label not in _CONTACT) or _FRONT_FIELD.match(f"{label}：")
            if not common and not re.fullmatch(r"[_＿\s]+", value) and not _SENTENCE.search(value):
                start = at + line.index(stripped)
                out.append((Span(hit, stripped, start, sentence_at(text, start), True), label))
    return out
