"""Exact article lookup: 「国家安全法第二条规定了什么」, 「第2条」, 「数据安全法二十一条」, "Article 2".

Retrieval ranks passages by meaning; a reference to a numbered article is an address instead, so it is
resolved exactly against the chunks' section paths (rag.structure) before ranking.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence

from rag.records import KIND_DOCUMENT, Chunk, Hit
from rag.structure import to_chinese, to_int
from rag.text import DAY

_NUM = r"[零〇一二两三四五六七八九十百千]+|\d+"
# 第二条 / 第 2 条; 法二条 (a law's name right before a bare number); Article 2.
_REF = re.compile(rf"第\s*({_NUM})\s*条|(?<=法)\s*({_NUM})\s*条|\barticle\s+(\d+)\b", re.I)
# What a question that only points at an article adds: "规定了什么", "的内容是什么", "what does it say".
_FILLER = re.compile(
    r"中华人民共和国|《|》|规定了?|讲了?|说了?|写了?|的?内容|是|什么|哪些|怎么|如何|原文|全文|具体|条文|"
    r"\bwhat\b|\bdoes\b|\bdo\b|\bsays?\b|\bof\b|\bthe\b|\bin\b|\bunder\b|\bstate\b|\bprovide\b|"
    r"[\s，。？?！!：:、“”\"'（）()]"
)


def article_ref(question: str) -> int | None:
    """The article number ``question`` points at, if any."""
    m = _REF.search(question)
    if not m:
        return None
    return to_int(next(g for g in m.groups() if g))


def find_article(question: str, chunks: Sequence[Chunk], hits: Sequence[Hit] = ()) -> list[Chunk]:
    """The chunks of the article ``question`` names, in text order: in the document whose title the
    question names, else the only document holding such an article, else the best-ranked hit's."""
    number = article_ref(question)
    if number is None:
        return []
    label = f"第{to_chinese(number)}条"
    holding = [c for c in chunks if c.section and c.section[-1] == label]
    if not holding:
        return []
    titles = {c.title for c in holding if c.title}
    named = [t for t in titles if _named(question, t)]
    if len(named) > 1:  # 「国家安全法」 is named inside 「…反国家安全法」? keep the longest match
        named = [max(named, key=lambda t: len(short_title(t)))]
    if not named and len(titles) > 1:
        ranked = [h.chunk.title for h in hits if h.chunk.title in titles]
        named = ranked[:1]
    title = named[0] if named else next(iter(titles), None)
    return sorted((c for c in holding if c.title == title), key=lambda c: (c.doc_id, c.start))


# 「单选题第12题」「判断题第5题」: an exercise of a quiz bank or exam paper (rag.structure labels each
# 「第12题」 under its part, 「一、单项选择题（共30题）」); a question naming the part's kind picks the part
_EXERCISE_REF = re.compile(rf"第\s*({_NUM})\s*道?\s*题|\bquestion\s+(?:no\.?\s*)?(\d{{1,3}})\b", re.I)
_PART_KINDS = (
    (re.compile(r"单选|单项选择|single[- ]choice", re.I), re.compile(r"单选|单项选择")),
    (re.compile(r"多选|多项选择|不定项|multiple[- ]choice", re.I), re.compile(r"多选|多项选择|不定项")),
    (re.compile(r"判断|对错|是非|true[- ]or[- ]false|true/false", re.I), re.compile(r"判断|是非")),
    (re.compile(r"填空|fill[- ]in", re.I), re.compile(r"填空")),
    (re.compile(r"简答|问答|论述|short[- ]answer|essay", re.I), re.compile(r"简答|问答|论述")),
)


def find_exercise(question: str, chunks: Sequence[Chunk], hits: Sequence[Hit] = ()) -> list[Chunk]:
    """The chunks of the exercise ``question`` names (「多选题第13题」), in text order: in the part of the
    kind it names, else the only part holding such a number, else the best-ranked hit's part."""
    m = _EXERCISE_REF.search(question)
    number = to_int(m.group(1) or m.group(2)) if m else None
    if number is None:
        return []
    label = f"第{number}题"
    parts: dict[tuple[str, tuple[str, ...]], list[Chunk]] = {}
    for c in chunks:
        if c.section and c.section[-1] == label:
            parts.setdefault((c.doc_id, c.section[:-1]), []).append(c)
    kinds = [part for asked, part in _PART_KINDS if asked.search(question)]
    if kinds:
        parts = {key: cs for key, cs in parts.items() if any(k.search("".join(key[1])) for k in kinds)}
    if not parts:
        return []
    ranked = [key for h in hits if (key := (h.chunk.doc_id, h.chunk.section[:-1])) in parts
              and h.chunk.section[-1:] == (label,)]  # fmt: skip
    key = ranked[0] if ranked else next(iter(parts))
    return sorted(parts[key], key=lambda c: c.start)


# "数据安全法什么时候开始施行", "When did the Biosecurity Law take effect": the answer is where the
# law says so itself, its closing article 「本法自…起施行」, which a question rarely shares words with.
_ASKS_WHEN = re.compile(
    r"什么时候|何时|哪天|哪一天|哪年|哪一年|几月|日期|时间|\bwhen\b|\bdate\b|\bwhat (?:day|year)\b", re.I
)
_TAKES_EFFECT = re.compile(
    r"施行|生效|实施|起效|\btak(?:e|es|en|ing) effect|\btook effect|"
    r"\b(?:come|came|comes|coming|enter|entered|enters|entering) into (?:force|effect)|"
    r"\b(?:in force|effective)\b",
    re.I,
)
_EFFECT_CLAUSE = re.compile(
    r"本(?:法|条例|规定|办法|决定|细则|预案|方案|意见|通知|制度|规则|标准|指引|公告|通告)自.{0,30}?(?:施行|生效)"
)


# a law's adoption or revision asked (「哪天通过的」, "When was … adopted"), and the line stating it
_ADOPTED = re.compile(r"通过|修订|修正|\b(?:adopted|passed|revised|amended)\b", re.I)
_ADOPTION_LINE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[^。\n]{0,60}?会议(?:通过|修订|修正)")


# a when asked of the adoption itself (「哪天通过的」「什么时候通过、什么时候施行」)
_WHEN_ADOPTED = re.compile(
    r"(?:什么时候|何时|哪一?天|哪一?年|几月几[日号])(?:被|正式|获得?)?(?:通过|修订|修正)|(?:通过|修订|修正)(?:的)?(?:时间|日期)|"
    r"\bwhen (?:was|were|did) [\w ]{0,40}(?:adopted|passed|revised|amended)\b",
    re.I,
)


def asks_effect(question: str) -> bool:
    """Whether ``question`` asks when a document takes effect."""
    return bool(_ASKS_WHEN.search(question) and _TAKES_EFFECT.search(question))


# What a question asking only when a law takes effect holds besides the law's name.
_EFFECT_ONLY_ZH = re.compile(
    r"什么时候|何时|哪一?天|哪一?年|几月几[号日]|日期|时间|开始|正式|起|从|自|是|的|了|吗|呢|施行|生效|实施|起效|"
    r"中华人民共和国|这部法律?|该法|本法|[？?，,。\s]"
)
_EFFECT_ONLY_EN = frozenset({
    "when", "did", "does", "do", "is", "was", "will", "the", "a", "china", "chinese", "prc", "take",
    "took", "takes", "taken", "effect", "come", "came", "comes", "into", "force", "effective", "enter",
    "entered", "enters",
    "become", "became", "what", "date", "day", "year", "on", "which", "in", "law", "of", "s",
})  # fmt: skip


def asks_when_in_force(question: str, title: str) -> bool:
    """Whether ``question`` asks nothing but when the document ``title`` takes effect (「数据安全法什么时候
    开始施行」, "When did the Data Security Law take effect?"), not when something is done under it
    (「…实施约束措施的时间最长多久」, 「…什么时候可以实施搜查」)."""
    if not asks_effect(question):
        return False
    rest = unnamed(question, title)
    if re.search(r"[a-zA-Z]", rest):
        return all(w in _EFFECT_ONLY_EN for w in re.findall(r"[a-z]+", rest.lower()))
    return len(_EFFECT_ONLY_ZH.sub("", rest)) <= 1


def effect_clause(text: str) -> re.Match[str] | None:
    """Where ``text`` says when its document takes effect (「本法自公布之日起施行」)."""
    return _EFFECT_CLAUSE.search(text)


def effect_article(question: str, chunks: Sequence[Chunk]) -> list[Chunk]:
    """The passage where the document ``question`` names says when it takes effect (「本法自2021年9月1日
    起施行」), when the question asks that, or when it was adopted or revised (the line under a law's
    title, 「2015年7月1日 第十二届全国人民代表大会常务委员会第十五次会议通过」: 「国家安全法是哪天通过的」);
    else nothing."""
    # (both when both are asked: 「网络安全法是哪天通过的、从哪天开始施行」, the adoption line first; a law
    # 「修订后的」 or 「（2023年修订）」 asked when it takes effect is asked no adoption)
    adopted = bool(_ASKS_WHEN.search(question) and _ADOPTED.search(question))
    adopted = adopted and (not asks_effect(question) or bool(_WHEN_ADOPTED.search(question)))
    said = [p for p, asked in ((_ADOPTION_LINE, adopted), (_EFFECT_CLAUSE, asks_effect(question))) if asked]
    if not said:
        return []
    every = {c.title for c in chunks if c.title}
    titles = {t for t in every if names_document(question, t)}  # each title once
    if not titles:  # "When does the Chengchuan … emergency plan come into force?": the one plan held
        from rag.question import front_kind, of_kind  # rag.question imports this module

        kinds = front_kind(question)
        titles = {t for t in every if of_kind(t, kinds)}
    if len(titles) != 1:
        return []
    title = titles.pop()
    found = (next((c for c in chunks if c.title == title and p.search(c.text)), None) for p in said)
    return list({c.chunk_id: c for c in found if c is not None}.values())


def citing_penalty(
    question: str, titled: Callable[[str], Sequence[Chunk]], hits: Sequence[Hit]
) -> list[Chunk]:
    """For a question asking how a case is punished whose best hit is the article setting the duty
    (「…一次风险评估都没搞…最多罚多少」: 数据安全法第三十条), the passages of the first penalty article
    citing it (第四十五条 「不履行本法第二十七条、第二十九条、第三十条规定的…」): a law punishes a duty
    where it names its article, in tiers a long article prints in passages of their own. Else nothing.
    ``titled(title)`` gives a document's chunks."""
    if not hits or not PENALTY_ASKED.search(question):
        return []
    duty = hits[0].chunk
    label = duty.section[-1] if duty.section else ""
    if not ARTICLE_LABEL.fullmatch(label) or PENALTY_SAID.search(duty.text):
        return []
    own = [c for c in titled(duty.title or "") if c.doc_id == duty.doc_id]
    for c in own:
        if c.section != duty.section and cites_article(c, label):
            # its paragraph (a long one is cut into passages); another paragraph punishes another duty
            return [x for x in own if x.section == c.section and x.paragraph_index == c.paragraph_index]
    return []


def tier_passages(
    question: str, titled: Callable[[str], Sequence[Chunk]], hits: Sequence[Hit]
) -> list[Chunk]:
    """For a penalty question naming a tier (「情节严重的」, "a serious violation") or asking the most
    (「最高罚款」), the other passages of the best-retrieved penalty article that print a tier: a long
    article's tier paragraph (个人信息保护法第六十六条 「有前款规定的违法行为，情节严重的，…五千万元以下…」)
    is a passage of its own, and shares fewer words with the question than the base paragraph does.
    When no penalty article is among the best hits (an English question's words find the law's other
    articles first), the best-ranked one of all the hits is put first with them. ``titled(title)`` gives
    a document's chunks."""
    from rag.answer.penalty import TIERS, asks_most, same_offence, tiers_of

    if not PENALTY_ASKED.search(question):
        return []
    named = {key for key, asked in TIERS if asked.search(question)}
    if not named and not asks_most(question):
        return []
    penalties = [h.chunk for h in hits if h.chunk.section and ARTICLE_LABEL.fullmatch(h.chunk.section[-1])
                 and PENALTY_SAID.search(h.chunk.text)]  # fmt: skip
    if not penalties:
        return []
    chosen = penalties[0]
    near = {h.chunk.chunk_id for h in hits[:_TIERS_AT]}
    own = [c for c in titled(chosen.title or "") if c.doc_id == chosen.doc_id and c.section == chosen.section]
    others = [c for c in own if c.chunk_id not in near and same_offence(chosen, c)]
    others = [c for c in others if PENALTY_SAID.search(c.text)]
    tiered = [c for c in others if (named or tiers_of(c.text)) & tiers_of(c.text)]  # the tiers named, or any
    return [chosen, *tiered] if chosen.chunk_id not in near else tiered


_TIERS_AT = 5  # the best hits, where a penalty article is expected


def cites_article(chunk: Chunk, label: str) -> bool:
    """Whether penalty passage ``chunk`` names article ``label`` (「第三十条」) besides its own label: no
    other article's label holds it (第一百三十条, 第三十一条)."""
    if not chunk.section or not PENALTY_SAID.search(chunk.text):
        return False
    own = chunk.section[-1]
    return label in (chunk.text[len(own) :] if chunk.text.startswith(own) else chunk.text)


def quoted_definitions(
    terms: Sequence[str], titled: Callable[[str], Sequence[Chunk]], hits: Sequence[Hit]
) -> list[Chunk]:
    """The passages of the best hits' documents defining a term the question quotes (「认定为“恐怖活动
    组织”，至少需要几个人」: 「本法所称恐怖活动组织，是指三人以上…」), one a term: what the term is
    decides what is asked of it, and the defining clause shares few other words with the question.
    ``titled(title)`` gives a document's chunks."""
    docs = {h.chunk.doc_id for h in hits[:5]}
    titles = dict.fromkeys(h.chunk.title for h in hits[:5] if h.chunk.title)
    held = [c for title in titles for c in titled(title) if c.doc_id in docs]
    out: list[Chunk] = []
    for term in terms:
        found = next(definitions([c for c in held if term in c.text], term), None)
        if found is not None and found[0] not in out:
            out.append(found[0])
    return out


# A question asking what a case is punished with, and a passage stating a penalty
PENALTY_ASKED = re.compile(r"罚|处罚|处分|后果|拘留|\b(?:fine[sd]?|penalt(?:y|ies)|punish\w*)\b", re.I)
PENALTY_SAID = re.compile(r"罚款|拘留|没收")
ARTICLE_LABEL = re.compile(r"第[零〇一二两三四五六七八九十百千\d]+条(?:之[一二三四五六七八九十]+)?")


def front_article(chunks: Sequence[Chunk], hits: Sequence[Hit], kind: Sequence[str] = ()) -> list[Chunk]:
    """The opening passage of a document (title, number, occasion, byline) and the passage of its
    sign-off (the issuing body's line, then the day), or its second: what states who issued or
    delivered it, when, and its number. The document is the one whose title holds a word of
    ``kind`` (the question's 通知 or 报告) when one does, else the best hit's; nothing when that is no
    document."""
    from rag.question import of_kind  # rag.question imports this module

    docs: dict[str, list[Chunk]] = {}
    for c in chunks:
        if c.kind == KIND_DOCUMENT:
            docs.setdefault(c.doc_id, []).append(c)
    named = [d for d, own in docs.items() if of_kind(own[0].title or "", kind)]
    if len(named) == 1:
        doc = named[0]
    elif hits and hits[0].chunk.doc_id in docs:
        doc = hits[0].chunk.doc_id
    elif len(docs) == 1:
        doc = next(iter(docs))
    else:
        return []
    own = sorted(docs[doc], key=lambda c: c.start)
    author = own[0].author
    # two bodies signing jointly (「A、B」) print their names on one line set apart by spaces
    signers = r"\s+".join(re.escape(x) for x in author.split("、")) if author else ""
    line = re.compile(rf"(?m)^\s*{signers}\s*$") if author else None
    at = next((i for i, c in enumerate(own[1:], start=1) if line and line.search(c.text)), None)
    if at is None:  # no signer's line (a court's judges sign over the day): the day alone, near the end
        day = re.compile(rf"(?m)^\s*{DAY}\s*$")
        end = next((c for c in reversed(own[-2:]) if c is not own[0] and day.search(c.text)), None)
        return [*own[:2], *([end] if end is not None and end not in own[:2] else [])]
    # the day under the signer's line may open the next passage (the signer's line ended this one)
    ends = line.search(own[at].text.rstrip().rsplit("\n", 1)[-1]) if line else None
    return [own[0], own[at], *(own[at + 1 : at + 2] if ends else [])]


# 「什么是X」「X是指什么」「X的定义」「何谓X」: a question asking what a term means. Group ``t`` is the term
# (with any law named before it: 「网络安全法中网络运营者」; ``defined_term`` strips that). A comma or 是
# may come between the term and what asks for it (「保密法里讲的国家秘密，指的是什么样的事项」,
# 「“数据”是怎么界定的」, 「“网络运营者”，包括哪些人」).
_OPEN_Q, _CLOSE_Q = "“\"'「『‘", "”\"'」』’"  # quotes around a term: dropped
_ASKS_TERM = (
    re.compile(
        rf"(?:什么是|什么叫做?|何为|何谓|如何定义|怎样定义|怎么定义)[{_OPEN_Q}]?"
        rf"(?P<t>[^，,。？?！!{_OPEN_Q}{_CLOSE_Q}]{{2,24}}?)[{_CLOSE_Q}]?(?:呢|啊|呀)?(?:[？?！!。，,]|$)"
    ),
    # 「哪一条对“敏感个人信息”作了界定」「反恐怖主义法对恐怖活动怎么定义」: the term after 对/给, before the
    # word for defining it (tried before the next form, which would take 「…法对恐怖活动」 for the term)
    re.compile(
        rf"(?:对|给)[{_OPEN_Q}]?(?P<t>[^，,。？?！!{_OPEN_Q}{_CLOSE_Q}]{{2,24}}?)[{_CLOSE_Q}]?(?:的含义|的范围|的)?"
        r"(?:是怎[样么]|是如何|如何|怎[样么])?(?:作了|作出了?|做了|做出了?|下了?|进行了?)?(?:界定|定义)"
    ),
    re.compile(
        rf"[{_OPEN_Q}]?(?P<t>[^，,。？?！!{_OPEN_Q}{_CLOSE_Q}]{{2,24}}?)[{_CLOSE_Q}]?[，,]?(?:到底|究竟|具体|又)?是?"
        r"(?:是指|指的是|是什么意思|什么意思|的定义|的含义|的概念|指什么|是怎样定义|是如何定义|怎么定义|如何界定|"
        r"怎么界定|指哪些|指哪[几一类种]|指谁)"
    ),
    # 「敏感个人信息都包括哪些」「“网络运营者”具体包括哪几类」「间谍行为有哪些」: what a term covers is
    # how the law defines it (「…，是指网络的所有者、管理者和网络服务提供者」); a term no clause defines is
    # no definition question (「江阴有哪些措施」 stays one for the selector).
    # Not 「分为哪几级」: the article dividing it answers (「密级分为绝密、机密、秘密三级」), no definition
    re.compile(
        rf"[{_OPEN_Q}]?(?P<t>[^，,。？?！!{_OPEN_Q}{_CLOSE_Q}]{{2,24}}?)[{_CLOSE_Q}]?[，,]?"
        r"(?:都|具体|主要|一般|到底|究竟)?(?:包括|包含|涵盖|有)(?:哪些|哪几[类种个项方面]|什么|些什么|谁)"
    ),
)
# "What does the Biosecurity Law mean by a 'biological factor'?", "the definition of X", "what is 'X'",
# "who counts as a 'network operator'", "what is meant by X", "what does 'X' include"
_TERM_EN = r"(?:an? |the )?[\"'“‘]?(?P<{}>[a-z][a-z -]{{1,40}}?)[\"'”’]?"
_TERM_EN_END = r"(?:[?,.]|$|\s+(?:under|in)\b)"
_ASKS_TERM_EN = re.compile(
    rf"\bmean(?:s|t)? by {_TERM_EN.format('t')}{_TERM_EN_END}|"
    rf"\b(?:definition of|define) {_TERM_EN.format('u')}{_TERM_EN_END}|"
    r"\bwhat (?:is|are) (?:an? |the )?[\"'“‘](?P<v>[a-z][a-z -]{1,40}?)[\"'”’]|"
    rf"\bwhat (?:does|do) {_TERM_EN.format('w')} mean(?! by)\b|"
    r"\b(?:counts?|qualif(?:y|ies)|(?:is|are|be) regarded|(?:is|are|be) considered) as "
    rf"{_TERM_EN.format('x')}{_TERM_EN_END}|"
    rf"\bwhat is meant by {_TERM_EN.format('y')}{_TERM_EN_END}|"
    r"\bwhat (?:does|do) (?:an? |the )?[\"'“‘](?P<z>[a-z][a-z -]{1,40}?)[\"'”’] (?:include|cover|refer to)\b",
    re.I,
)
# A law named before the term (「网络安全法中」「个保法所称」「数据安全法里说的」): not part of it. The 法
# must be followed by one of these, so 「违法行为」「合法权益」 keep their 法.
_TERM_PREFIX = re.compile(
    r"^.*?法(?:(?:中|里|上)?(?:所称|所说|说|规定|讲|列举|列出|列明|提到|界定)|中|里|上)的?(?=.)|^(?:本法|所谓|所称)"
)
# Where a defining sentence may start: after 。；： or a list item's （一）, or after an article's label
# (「第二十八条 敏感个人信息是…」) or a paragraph break after a sentence; not after any space, which in a
# newspaper's OCR is a line wrap.
_TERM_START = r"(?:^|(?<=[。；：）)])|(?<=[。；：条]\s))"
# How law and official text defines a term: 「本法所称网络运营者，是指…」, 「（一）网络，是指…」,
# 「X是指…」; the definition runs to the end of its sentence or list item (。 or ；). 「，指导」 is no
# definition.
_DEFINES = re.compile(
    rf"{_TERM_START}(?:本(?:法|条例|规定|办法)所称|所称)?[“「]?(?P<t>[\u4e00-\u9fffA-Za-z0-9]{{2,24}}?)[”」]?"
    r"(?:，(?:是)?指(?![导定挥派示引出明南标])|是指)[^。；]*[。；]?"
)
# A standard's term entry, read as one line (rag.structure): its number, the term, its English name, then
# what it is (「3.5　知悉范围　scope of knowing　根据工作需要限定的…人员范围。」)
_DEFINES_ENTRY = re.compile(
    r"(?m)^\d{1,2}(?:\.\d{1,2}){1,3}[ \u3000]+(?P<t>[\u4e00-\u9fffA-Za-z0-9]{2,24}?)"
    r"(?:[ \u3000]+[A-Za-z][A-Za-z' -]*?)?[ \u3000]+[\u4e00-\u9fff][^。；]*[。；]?"
)
# The looser form, taken only when no document there has the one above: a sentence opening with the
# term and 是 (「敏感个人信息是一旦泄露或者非法使用…的个人信息」; not 是否).
_DEFINES_IS = re.compile(
    rf"{_TERM_START}[“「]?(?P<t>[\u4e00-\u9fffA-Za-z0-9]{{2,24}}?)[”」]?是(?![指否])[^。；]*[。；]?"
)


def asks_coverage(question: str) -> bool:
    """Whether ``question`` asks what a term covers (「敏感个人信息都包括哪些」): only a definition
    that lists answers it (「…是…，包括生物识别、宗教信仰…」), not one that says what it is."""
    form = _term_form(question)
    return form is not None and form[0] == len(_ASKS_TERM) - 1


def defined_term(question: str) -> str | None:
    """The term ``question`` asks the definition of (「网络安全法中网络运营者是指什么」: 网络运营者;
    "what does … mean by 'biological factor'": biological factor, lower case), or None."""
    english = _ASKS_TERM_EN.search(question)
    if english:
        return next(g for g in english.groups() if g).strip(" -").lower()
    form = _term_form(question)
    if form is None:
        return None
    term = _TERM_PREFIX.sub("", form[1].group("t")).strip('“”"「」『』 ')
    return term if len(term) >= 2 else None


def _term_form(question: str) -> tuple[int, re.Match[str]] | None:
    """The first of ``_ASKS_TERM``'s forms a Chinese question takes (its index) with its match."""
    return next(((i, m) for i, p in enumerate(_ASKS_TERM) if (m := p.search(question))), None)


def definition_clause(
    text: str, term: str, translations: Mapping[str, Sequence[str]] | None = None, *, loose: bool = False
) -> re.Match[str] | None:
    """Where ``text`` defines ``term`` (「本法所称生物因子，是指动物、植物、微生物…」), or None; ``loose``
    also takes a sentence opening 「term是…」. An English term matches a defined Chinese one made of
    its words' renderings (``translations``, English word -> Chinese terms,
    rag.bilingual.word_translations): "biological factor" -> 生物 + 因子."""
    patterns = (_DEFINES, _DEFINES_ENTRY, _DEFINES_IS) if loose else (_DEFINES, _DEFINES_ENTRY)
    found = (m for p in patterns for m in p.finditer(text) if _same_term(m.group("t"), term, translations))
    return next(found, None)


def _same_term(defined: str, term: str, translations: Mapping[str, Sequence[str]] | None) -> bool:
    if not term.isascii():
        return defined == term
    covered: set[int] = set()
    for word in term.split():
        if word in _EN_TERM_STOP:
            continue
        spots = [(i, len(r)) for r in (translations or {}).get(word, ()) for i in _finds(defined, r)]
        if not spots:  # every word of the term is rendered in the defined term
            return False
        covered.update(i + k for i, n in spots for k in range(n))
    # and little of it is left unrendered: "terrorist organization" is 恐怖活动组织 (活动 unsaid), not
    # 恐怖活动 (组织 unrendered fails above)
    return 3 * len(covered) >= 2 * len(defined)


_EN_TERM_STOP = frozenset({"a", "an", "the", "of", "and", "or", "to", "for"})


def _finds(text: str, part: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(part), text)] if part else []


def definition_article(
    question: str,
    titled: Callable[[str], Sequence[Chunk]],
    hits: Sequence[Hit],
    translations: Mapping[str, Sequence[str]] | None = None,
    titles: Sequence[str] = (),
) -> list[Chunk]:
    """The passage defining the term ``question`` asks about, when it asks one: in the document it
    names, else in the documents of the best hits, best first (a law defines its terms in a closing
    article that shares few words with the question). ``titled(title)`` gives a document's chunks.
    One chunk, or one for each of the ``titles`` the question names when it names several (「网络安全法
    和个人信息保护法对“个人信息”的定义有什么不同」); none when no document there has such a clause, or for
    an English term without ``translations`` (it can match nothing)."""
    term = defined_term(question)
    english = term is not None and term.isascii()
    if term is None or (english and not translations):
        return []
    ranked = list(dict.fromkeys(h.chunk.title for h in hits[:5] if h.chunk.title))
    named = [t for t in ranked if names_document(question, t)]
    several = [t for t in titles if names_document(question, t)]
    if len(several) >= 2:
        several.sort(key=lambda t: question.find(short_title(t)))
        each = ([c for c in titled(title) if english or term in c.text] for title in several)
        firsts = (itertools.islice(definitions(held, term, translations), 1) for held in each)
        return [chunk for first in firsts for chunk, _ in first]
    held = [c for title in (named or ranked) for c in titled(title) if english or term in c.text]
    found = definitions(held, term, translations, listing=asks_coverage(question))
    return [chunk for chunk, _ in found][:1]


def definitions(
    chunks: Sequence[Chunk],
    term: str,
    translations: Mapping[str, Sequence[str]] | None = None,
    *,
    listing: bool = False,
) -> Iterator[tuple[Chunk, re.Match[str]]]:
    """The chunks defining ``term``, each with its clause: every 「X，是指」 before any 「X是…」;
    ``listing`` (the question asks what the term covers, ``asks_coverage``) takes only clauses that
    list (「包括」, 「下列」, 「、」): 「国家秘密是关系国家安全和利益…的事项」 does not say which."""
    for loose in (False, True):
        for chunk in chunks:
            clause = definition_clause(chunk.text, term, translations, loose=loose)
            if clause and (not listing or _LISTS.search(clause.group(0))):
                yield chunk, clause


_LISTS = re.compile(r"包括|下列|、")


def only_points(question: str, title: str | None) -> bool:
    """Whether ``question`` asks nothing but the article's text (「国家安全法第二条规定了什么」)."""
    rest = _FILLER.sub("", unnamed(_REF.sub("", question), title).lower())
    return len(rest) <= 2


def unnamed(question: str, title: str | None) -> str:
    """``question`` without the names of document ``title`` (full, short, English): what it asks
    besides naming the law."""
    for pattern, _name in ENGLISH_LAW_NAMES:  # "of the National Security Law" names, asks nothing
        question = pattern.sub(" ", question)
    short = short_title(title or "")
    for _start, run in _abbreviations(question, short):  # 反恐法 names 反恐怖主义法
        question = question.replace(run, "")
    for name in (title or "", short):
        if name:
            question = question.replace(name, "")
    return question


def _named(question: str, title: str) -> bool:
    q = re.sub(r"\s+", "", question)
    return bool(title) and (title in q or short_title(title) in q)


# English names of Chinese laws (official translations and common variants) -> their everyday names,
# so "Article 2 of the National Security Law" finds 国家安全法第二条.
_ENGLISH_NAMES = (
    (r"national security law", "国家安全法"),
    (r"cyber ?security law|network security law", "网络安全法"),
    (r"data security law", "数据安全法"),
    (r"(?:counter|anti)[- ]?espionage law", "反间谍法"),
    (r"(?:counter|anti)[- ]?terrorism law", "反恐怖主义法"),
    (r"bio ?(?:security|safety) law", "生物安全法"),
    (r"personal information protection law|\bpipl\b", "个人信息保护法"),
    (
        r"(?:law on )?(?:guarding|protection of|keeping) state secrets(?: law)?|state secrets? law",
        "保守国家秘密法",
    ),
    (r"national defen[cs]e law", "国防法"),
    (r"foreign relations law", "对外关系法"),
    (r"export control law", "出口管制法"),
    (r"nuclear safety law", "核安全法"),
    (r"anti[- ]?foreign sanctions? law", "反外国制裁法"),
    (r"national intelligence law", "国家情报法"),
    (r"cryptography law|encryption law", "密码法"),
    (r"military facilities protection law", "军事设施保护法"),
    (r"national defen[cs]e education law", "国防教育法"),
    (r"hong kong (?:sar )?national security law", "香港特别行政区维护国家安全法"),
    (r"(?<!procedure )\bcriminal law\b", "刑法"),
)
ENGLISH_LAW_NAMES = [(re.compile(p, re.I), name) for p, name in _ENGLISH_NAMES]


def with_law_names(question: str, titles: Sequence[str] = ()) -> str:
    """``question`` with the everyday name of each law it names in English (「… 国家安全法」) or by an
    abbreviation of one of ``titles`` (保密法 -> 保守国家秘密法) appended; unchanged when it names none."""
    found = [name for pattern, name in ENGLISH_LAW_NAMES if pattern.search(question) and name not in question]
    found += [name for name in abbreviated(question, titles) if name not in found]
    return f"{question} {' '.join(found)}" if found else question


# Words that begin with 法 (法律, 法规, 法院, 法理…): 「国家法律」 holds 国家法, which abbreviates no law.
_LAW_WORD_AFTER = set("律规院官治人定学制庭案令典则宝理纪务")


def is_law(title: str | None) -> bool:
    """Whether a document titled ``title`` is a law (its everyday name ends in 法): only laws are named
    by abbreviation, swapped in follow-ups and named before each part of an answer."""
    return short_title(title or "").endswith("法")


def abbreviated(question: str, titles: Sequence[str]) -> list[str]:
    """The everyday names (``short_title``) of the ``titles`` that ``question`` names by an abbreviation
    and not in full: 保密法 (保守国家秘密法), 个保法 (个人信息保护法), 反恐法 (反恐怖主义法), 国安法.

    A Chinese law's abbreviation keeps its first character and its last (法) and some characters
    between, in order (titles not ending in 法, a newspaper article's, are never abbreviated). So an
    abbreviation is a run of the question of three characters or more, shorter than the name,
    starting with the name's first character and ending with its last, whose characters occur in the
    name in order; not followed by a character that makes 法 the start of another word (法律, 法规).
    A run that only drops a two-character word before 法 is a phrase of its own (国家法, 网络法,
    数据法 for 国家安全法…), unlike 反恐法. A run that several titles could abbreviate names none."""
    return list(dict.fromkeys(name for _, _, name in _abbreviation_runs(question, titles)))


def law_mentions(text: str, titles: Sequence[str]) -> list[tuple[int, int]]:
    """Where ``text`` names one of ``titles`` that is a law: by its title, its everyday name or an
    abbreviation (「网安法」, read as ``abbreviated`` reads it); (start, end) pairs in text order, the
    longest naming at each place."""
    found: dict[int, int] = {}
    for title in filter(is_law, titles):
        for name in (title, short_title(title)):
            for m in re.finditer(re.escape(name), text):
                found[m.start()] = max(found.get(m.start(), 0), m.end())
    for start, run, _ in _abbreviation_runs(text, titles):
        found[start] = max(found.get(start, 0), start + len(run))
    spans, end = [], -1
    for start in sorted(found):
        if start >= end:  # 「国家安全法」 inside 「中华人民共和国国家安全法」 is that one naming
            spans.append((start, found[start]))
            end = found[start]
    return spans


def _abbreviation_runs(text: str, titles: Sequence[str]) -> list[tuple[int, str, str]]:
    """(start, run, everyday name) for each run of ``text`` abbreviating exactly one of the laws
    ``titles`` that ``text`` does not name in full (see ``abbreviated``), in text order."""
    matches: dict[tuple[int, str], set[str]] = {}  # (where, run) -> the names it could abbreviate
    for name in {short_title(t) for t in titles if is_law(t)}:
        if name in text:  # named in full
            continue
        for start, run in _abbreviations(text, name):
            matches.setdefault((start, run), set()).add(name)
    return [(start, run, next(iter(n))) for (start, run), n in sorted(matches.items()) if len(n) == 1]


def _abbreviations(question: str, name: str) -> list[tuple[int, str]]:
    """Where ``question`` abbreviates the law ``name`` (see ``abbreviated``): (start, run) pairs."""
    if len(name) < 4 or not is_law(name):  # laws are abbreviated, articles not
        return []
    found = []
    for start in (i for i, ch in enumerate(question) if ch == name[0]):
        for end in range(start + 2, min(start + len(name) - 1, len(question))):
            run = question[start : end + 1]
            if run[-1] == name[-1] and not _starts_word(question[end:]) and in_order(run, name):
                dropped = len(name) - len(run)  # characters of the name the run leaves out
                if name.startswith(run[:-1]) and dropped <= 2:  # 国家法: a phrase, not 国家安全法
                    continue
                found.append((start, run))
    return found


def _starts_word(rest: str) -> bool:
    """Whether the 法 at the start of ``rest`` begins another word (法律, 法规 but not 法规定)."""
    return rest[1:2] in _LAW_WORD_AFTER and rest[1:3] != "规定"


def in_order(run: str, name: str) -> bool:
    """Whether the characters of ``run`` occur in ``name`` in this order (an abbreviation's test)."""
    rest = iter(name)
    return all(ch in rest for ch in run)


def short_title(title: str) -> str:
    """A law's everyday name: 《中华人民共和国数据安全法》 -> 数据安全法."""
    return title.removeprefix("中华人民共和国")


def names_document(question: str, title: str | None) -> bool:
    """Whether ``question`` names the document titled ``title`` by its title or everyday name (at
    least three characters, so a two-character name matches nothing by accident)."""
    short = short_title(title or "")
    return len(short) >= 3 and short in question
