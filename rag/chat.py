"""Conversation state and follow-up resolution for the chat app (pure functions).

A follow-up such as "那锡山呢？", "他的职务是什么？" or "What about his role?" cannot be
retrieved on its own words; ``resolve_followup`` rewrites it with the previous turn's
subject (a place or person named in the previous question, or the author / article the
previous answer cited) so that retrieval sees a complete question.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rag.keyword import EN_STOP
from rag.lookup import is_law, law_mentions
from rag.question import ASKED_THING, counted_noun, front_asked, question_lang
from rag.records import Answer, Unit
from rag.text import book

# "那锡山呢？" / "江阴怎么样？" / "What about Xishan?": a new subject, the predicate of the last turn.
_ZH_WHAT_ABOUT = re.compile(
    r"^(?:那么|那|还有|另外|而)?\s*(?P<x>[^，,。？?！!\s]{1,16}?)\s*(?:呢|怎么样|又如何|又怎样)\s*[？?！!。]*$"
)
_ZH_QUESTION_WORD = re.compile(r"什么|多少|哪|谁|几|怎|如何|是否|吗|为何|为什么")
_EN_WHAT_ABOUT = re.compile(r"^(?:and\s+|so\s+)?(?:what|how)\s+about\s+(?P<x>.+?)\s*[?.!]*$", re.IGNORECASE)
# Singular personal pronouns ("其他" is "other", not "he"); plurals are left alone on purpose.
# 「其职务是什么」: 其 before a person's post or article (not 其他, 其中)
_ZH_PERSON = re.compile(
    r"(?<!其)(?:这位作者|该作者|此人|他|她)(?!们)|(?<![\u4e00-\u9fff])其(?=职务|职位|身份|头衔|所在|文章)"
)
_ZH_ARTICLE = re.compile(r"(?:这篇文章|那篇文章|这篇|那篇|该文章|该文|此文|本文)")
# ("the author of the cybersecurity article" names the article it means: no pointing back)
_EN_PERSON = re.compile(r"\b(?:he|she|him|his|her|hers|this author|the author(?!\s+of\b))\b", re.IGNORECASE)
_EN_POSSESSIVE = re.compile(r"\b(?:his|her)\b", re.IGNORECASE)
# "this article", "the piece"; "Who wrote it?" asks about the article the last answer cited
_EN_ARTICLE = re.compile(
    r"\b(?:this|that|the same) (?:article|piece|essay)\b|(?<=\bwrote )(?:it|this|that)(?=\s*[?.!]*\s*$)",
    re.IGNORECASE,
)
_PIECE = re.compile(r".*?(?:[，。；：！？,;:!?]|\[\d+\]|$)", re.S)
_ADMIN_SUFFIX = "市区县省镇"
_CJK = re.compile(r"[\u4e00-\u9fff]+")
_YEAR = re.compile(r"(?:19|20)\d\d\s*年|[今去明前]年")
# Places named in roles, e.g. "江阴市委书记" -> 江阴, "锡山区委书记" -> 锡山.
_PLACE_IN_ROLE = re.compile(r"([\u4e00-\u9fff]{2})(?:市委|区委|县委|市|区)")


@dataclass(frozen=True)
class Turn:
    """One exchange: the question as typed, the question retrieval saw, and the answer."""

    question: str
    query: str  # == question unless it was a follow-up rewritten with the previous subject
    answer: Answer

    @property
    def rewritten(self) -> bool:
        """True when the question was resolved against the previous turn."""
        return self.query != self.question


@dataclass(frozen=True)
class Entities:
    """Names the follow-up resolver recognises in questions: people, places and laws (titles)."""

    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    laws: tuple[str, ...] = ()


def entities_from_units(units: Iterable[Unit]) -> Entities:
    """People (authors), places (from roles such as "锡山区委书记") and laws (titles ending in 法) of a
    knowledge base."""
    people: list[str] = []
    places: list[str] = []
    laws: dict[str, None] = {}
    for unit in units:
        if is_law(unit.title):
            laws[unit.title] = None
        if unit.author and unit.author not in people:
            people.append(unit.author)
        for place in _PLACE_IN_ROLE.findall(unit.role or ""):
            if place not in places:
                places.append(place)
    return Entities(tuple(people), tuple(places), tuple(laws))


def answer_pieces(text: str) -> list[str]:
    """Growing prefixes of an answer, one clause or marker at a time, for streaming it."""
    ends = sorted({m.end() for m in _PIECE.finditer(text) if m.end()})
    return [text[:end] for end in ends]


def resolve_followup(question: str, history: Sequence[Turn], entities: Entities = Entities()) -> str:
    """The question rewritten with the previous turn's subject when it refers back, else unchanged."""
    if not history:
        return question
    previous = history[-1]
    about = _what_about(question)
    if about and not _has_pronoun(about):
        return _swap_subject(previous.query, about, entities)
    if _has_pronoun(question) and not _names_someone(question, entities) and not _asks_its_person(question) \
            and not _asks_its_article(question):
        return _replace_pronouns(question, previous, entities)
    return question


# "Which article mentions '清朗', and who wrote it?", 「哪篇文章提到…？这篇是谁写的？」: the article a
# pronoun points at is the one the question itself asks for, not the previous turn's
_ASKS_ARTICLE = re.compile(r"\b(?:which|what) (?:article|piece|essay)s?\b|哪一?篇|哪些文章", re.IGNORECASE)


def _asks_its_article(question: str) -> bool:
    asks = _ASKS_ARTICLE.search(question)
    pronoun = min((m.start() for p in (_ZH_ARTICLE, _EN_ARTICLE) if (m := p.search(question))), default=None)
    return asks is not None and pronoun is not None and asks.start() < pronoun


# 「谁写了…，他是什么职务」, "Who wrote …, and what is his role?": a pronoun after the question's own
# who-word points at the person it asks for, not at the previous turn's. Not when the question points
# back at an article too ("Who wrote that article? And what is his role?": the previous turn's).
_ASKS_PERSON = re.compile(r"谁|哪位|\bwho(?:m|se)?\b", re.IGNORECASE)


def _asks_its_person(question: str) -> bool:
    if _ZH_ARTICLE.search(question) or _EN_ARTICLE.search(question):
        return False
    asks = _ASKS_PERSON.search(question)
    pronoun = min((m.start() for p in (_ZH_PERSON, _EN_PERSON) if (m := p.search(question))), default=None)
    return asks is not None and pronoun is not None and asks.start() < pronoun


def _what_about(question: str) -> str | None:
    match = _ZH_WHAT_ABOUT.match(question.strip()) or _EN_WHAT_ABOUT.match(question.strip())
    if not match or _ZH_QUESTION_WORD.search(match.group("x")):
        return None  # "…是多少呢？" is a whole question, not "what about X"
    x = match.group("x").strip()
    swapped = _SWAPPED_IN.sub("", x)
    return swapped if swapped in _PARTIES else x  # 「换成单位呢」: 单位, another party


_SWAPPED_IN = re.compile(r"^(?:换成|换作|换做|改成|变成)")
# Who a provision or a measure applies to, one standing for another in a follow-up (「个人…怎么处罚？
# 换成单位呢？」): the party the previous question names is the one replaced
_PARTIES = ("个人", "单位", "组织", "公民", "法人", "企业", "公司", "机构", "外国人", "境外人员")


def _has_pronoun(text: str) -> bool:
    return any(p.search(text) for p in (_ZH_PERSON, _POINTING_ZH, _EN_PERSON, _POINTING_EN))


# 「讲海外利益安全的那篇文章出自谁之手」, "that article about overseas interests": an article described
# by what it is about is the one the question names, not the previous turn's
_POINTING_ZH = re.compile(rf"(?<!的){_ZH_ARTICLE.pattern}")
_POINTING_EN = re.compile(rf"(?:{_EN_ARTICLE.pattern})(?!\s+(?:about|on|that|which)\b)", re.IGNORECASE)


# a part opening with the body or district it asks about (「市科技局又打算…」「新吴区又在…」; 「该公司」 is
# not one: it points back)
_OWN_BODY = re.compile(
    r"^(?![这那该其此本])[\u4e00-\u9fff]{1,8}?(?:局|委|办|厅|政府|公司|集团|区|县)(?=[又也还将要在的计打准今明])"
)
# what opens a later part on another matter (「另外，市科技局计划…」): no subject of its own
_NEXT_MATTER = re.compile(r"^(?:另外|此外|还有|再者|同时|再就是|顺便问一下|还想问一下?)[，,、\s]*")


def _names_someone(question: str, entities: Entities) -> bool:
    return any(name in question for name in entities.people)


_CONNECTIVE = re.compile(r"^(?:其中|另外|此外|那么|那|还有|同时|然后|而且|并且|以及|再|又)")
# A later part supposing what happens next in the case the first part sets out (「这合法吗？如果被查到，
# 最多罚多少？」): its own verbs continue that case, they do not state another
CONDITIONAL = re.compile(r"^(?:那么?)?(?:如果|要是|假如|倘若|万一)")


def _own_case(part: str) -> bool:
    """Whether a later part states its own case in a lead clause with a verb of its own
    (「对复议结果不服，多少天内可以起诉？」 after 「对行政处罚不服，多少天内申请复议？」): the first
    part's lead or topic would change what it asks. 「其中，…」 and 「情况复杂的，…」 state none."""
    from rag.segment import tagged

    if _OBJECTS_TO.match(part.strip()):  # 「对复议决定不服向法院起诉的期限又是多少」: no comma, its own case
        return True
    lead = re.split(r"[，,]", part.rstrip("，,"), maxsplit=1)
    if len(lead) < 2 or _CONNECTIVE.match(lead[0]) or CONDITIONAL.match(lead[0]):
        return False
    return any(flag.startswith("v") for _, flag in tagged(lead[0]))


# A part opening with what is objected to (「对复议决定不服…」「对审查结论有异议…」): the case it asks of
_OBJECTS_TO = re.compile(r"^(?:对于?|如果对|要是对)[^，,。？?]{2,20}?(?:还|也|仍)?(?:不服|有异议|不满意?)")


_ARTICLE = re.compile(r"\s*第[零〇一二两三四五六七八九十百千\d]+条")


def _swap_subject(previous: str, subject: str, entities: Entities) -> str:
    """Put ``subject`` where the previous question named its subject; a name spelled in pinyin
    ("What about Xishan?" after a Chinese question) goes in as the corpus writes it (锡山)."""
    if subject.isascii() and _CJK.search(previous):
        subject = _written_name(subject, entities) or subject
    law, named = law_mentions(previous, entities.laws), law_mentions(subject, entities.laws)
    if law and named and named[0] == (0, len(subject)):  # 「那反恐法呢？」 after a question about 网安法
        start, end = law[0]
        return previous[:start] + subject + previous[end:]
    article = _ARTICLE.fullmatch(subject[named[0][1] :]) if law and named and named[0][0] == 0 else None
    before = _ARTICLE.match(previous, law[0][1]) if article else None
    if before:  # 「那反恐法第三条呢？」 after 「网安法第二十一条规定了什么」: the law and its article
        return previous[: law[0][0]] + subject + previous[before.end() :]
    for name in sorted(entities.places + entities.people, key=len, reverse=True):
        if name in previous and name != subject:
            return previous.replace(name, subject, 1)
    party = next((p for p in _PARTIES if p in previous and p != subject), None)
    if party and subject in _PARTIES:
        return previous.replace(party, subject, 1)
    span = _same_suffix_span(previous, subject)
    if span:
        return previous[: span[0]] + subject + previous[span[1] :]
    english = _first_proper_noun(previous)
    if english:
        return previous.replace(english, subject, 1)
    topic = _ENGLISH_TOPIC.search(previous)
    if topic:  # "Who wrote about food security?" + "What about Taihu Shield?": the object of "about"
        return previous[: topic.start("topic")] + subject + previous[topic.end("topic") :]
    leads = [m for m in _leading_clauses(previous) if _states_case(m.group().rstrip("，,"), entities)]
    if leads and _CASE.match(subject):
        # 「被治安处罚了，多少年内不能…？」 + 「要是判了刑呢？」: another case of the same question, in place
        # of the case nearest its question (「因为协助国家安全工作，家里财物受了损失，国家管不管？」 +
        # 「要是受伤甚至牺牲了呢？」: the loss, not the help)
        last = leads[-1]
        return f"{previous[: last.start()]}{subject}，{previous[last.end():]}"
    return f"{subject} {previous}"


def _leading_clauses(question: str) -> list[re.Match[str]]:
    """The clauses before a question's last one, each closed by its comma."""
    found, at = [], 0
    while (m := _LEAD_CASE.match(question, at)) is not None:
        found.append(m)
        at = m.end()
    return found


_CASE = re.compile(r"要是|如果|假如|假使|倘若|若是?|万一")
_LEAD_CASE = re.compile(r"[^，,？?。]+[，,]")
# A lead clause that sets the question's scope, not its case: 「根据反间谍法，」「2024年，」「在江阴，」
_SCOPE = re.compile(r"^(?:根据|按照|依照|依据|按|对照|在|对于|关于|就|从|(?:19|20)\d\d\s*年|今年|去年)")


# What a part asking a figure may say without naming what it is about: its year, a target or plan.
_NO_SUBJECT = re.compile(r"(?:19|20)\d\d\s*年|[今去明前]年|的|是|为|有|要|目标|计划|预期|预计|达到|力争|争取")


def _own_subject(part: str) -> bool:
    """Whether a part names what it asks about besides its year and question words (4 characters)."""
    rest = _NO_SUBJECT.sub("", _ASKING.sub("", part))
    return len("".join(_CJK.findall(rest))) >= 4


def _states_case(lead: str, entities: Entities) -> bool:
    """Whether a question's lead clause states the case it asks about (「有人因为入侵他人网络被治安
    处罚了」: a verb, no scope word, no law named), which a follow-up's 「要是…呢」 replaces."""
    from rag.segment import tagged

    if _ZH_QUESTION_WORD.search(lead) or _SCOPE.match(lead) or law_mentions(lead, entities.laws):
        return False
    # a verb, or what happened to someone (「员工被治安处罚了」: 被, 了; jieba tags 治安处罚 a noun)
    return any(flag.startswith("v") or word in ("被", "了") for word, flag in tagged(lead))


_NAME_SUFFIX_EN = re.compile(r"\s+(?:district|city|county|town|province)$", re.I)


def _written_name(spelled: str, entities: Entities) -> str | None:
    """The place or person of the corpus whose pinyin is ``spelled`` ("Xishan District" -> 锡山,
    "Xu Feng" -> 许峰), when exactly one is."""
    from rag.bilingual import pinyin_keys

    key = re.sub(r"[^a-z]", "", _NAME_SUFFIX_EN.sub("", spelled.strip()).lower())
    found = {name for name in entities.places + entities.people if key and key in pinyin_keys(name)}
    return found.pop() if len(found) == 1 else None


# An English question's topic when it names no proper noun: what follows its last preposition.
_ENGLISH_TOPIC = re.compile(
    r"\b(?:about|on|of|for|regarding|concerning)\s+(?:the\s+)?(?P<topic>[a-z][\w\s-]*?)\s*[?？.]?\s*$", re.I
)


def _same_suffix_span(previous: str, subject: str) -> tuple[int, int] | None:
    """Where ``previous`` names a thing of the same kind: "粮食安全" for "金融安全", "新吴区" for "锡山区"."""
    for size in range(len(subject) - 1, 0, -1):
        suffix = subject[-size:]
        if not _CJK.fullmatch(suffix) or (size == 1 and suffix not in _ADMIN_SUFFIX):
            continue
        end = previous.find(suffix)
        start = end + size - len(subject)
        if end >= 0 and start >= 0 and previous[start : end + size] != subject:
            return start, end + size
    return None


def _first_proper_noun(previous: str) -> str | None:
    words = re.findall(r"[A-Za-z][\w-]*", previous)
    for word in words[1:]:
        if word[0].isupper():
            return word
    return None


def _replace_pronouns(question: str, previous: Turn, entities: Entities) -> str:
    person = _previous_person(previous, entities)
    title = _previous_title(previous)
    out = question
    if title:
        out = _whole_words(_ZH_ARTICLE, book(title), out)
        out = _EN_ARTICLE.sub(f"the article “{title}”", out)
    if person:
        out = _whole_words(_ZH_PERSON, person, out)
        out = _EN_POSSESSIVE.sub(f"{person}'s", out)
        out = _EN_PERSON.sub(person, out)
    return out


def _whole_words(pattern: re.Pattern[str], replacement: str, text: str) -> str:
    """``pattern`` replaced where a match is whole words (jieba's cut): 「本文提到了什么」 reads the
    article, 「脚本文档」 holds no 本文 and 「他人」 no 他."""
    from rag.segment import words

    edges, at = {0}, 0
    for word in words(text):
        at += len(word)
        edges.add(at)
    return pattern.sub(lambda m: replacement if m.start() in edges and m.end() in edges else m.group(0), text)


def _previous_person(previous: Turn, entities: Entities) -> str | None:
    for name in entities.people:
        if name in previous.query:
            return name
    for citation in previous.answer.citations:
        if citation.author:
            return citation.author
    return None


def _previous_title(previous: Turn) -> str | None:
    for citation in previous.answer.citations:
        if citation.title:
            return citation.title
    return None


# --- questions in several parts ------------------------------------------------------------------

_PART = re.compile(r"[^？?]+[？?]")
# Chinese question words with the measure words and 有/是 that go with them
_ASKING = re.compile(
    r"(?:有|是)?(?:多少|几)(?:亿元|万元|公里|平方米|个月|小时|分钟|周岁|[个项家条年天月次名种位列张场套例栋棵株枚台件])?|"
    r"什么|哪[一个些里]?|谁|是否|吗|呢"
)
_MIN_PART = 5  # characters of a part besides its question mark: "为什么？", "What?" are no parts


# What is left of a part without its question words must say what it asks about: 「罚款多少？」 is a
# part (罚款), 「为什么呢？」「怎么办？」 are not.
_ZH_ASKING_ONLY = re.compile(
    r"怎么办|怎么样|怎样|怎么|如何|为什么|为何|什么|多少|哪[一个些里]?|谁|几|是否|吗|呢|啊|又|是"
)
# "…, and how long to sue after …?": an English question asking a second value after its comma.
_EN_SECOND = re.compile(r",\s*and\s+(?=(?:how|when|where|which|what)\b)", re.I)
_EN_ASKING = re.compile(r"\b(?:how|when|where|which|what|who)\b", re.I)


def question_parts(question: str) -> list[str]:
    """A question asking two or more things ("…最长不能超过几个小时？情况复杂的最长又是多少
    小时？", "…罚款多少？", "how long …, and how long …?") cut at its question marks, or an English
    one where ", and how/what/…" starts a second question; one part when it asks one thing."""
    text = question.strip()
    # a question mark inside brackets asks nothing of its own: "(BSL-1 up to BSL-?)"
    masked = _BRACKETED.sub(lambda m: m.group().replace("?", _MASK).replace("？", _WIDE_MASK), text)
    parts = [_unmasked(p.strip()) for p in _PART.findall(masked)]
    rest = _PART.sub("", masked).strip()
    english = question_lang(text) == "en"  # "…invest in the 百亿百项 programme, and how many projects?"
    # (a short clause asking a value or a thing, not a request for examples, 「举几个例子」, nor a sentence
    # of clauses, 「和匿名化有什么区别先不管，先说去标识化」)
    asks = (_ASKING.search(rest) or _ASKS_VALUE.search(rest)) and not _REQUEST_OPENING.match(rest)
    asks = asks and not re.search(r"[，,；;]", rest) and len(rest) <= _LAST_PART
    if parts and rest and not english and asks and _is_part(f"{rest}？", english):
        parts, rest = [*parts, f"{_unmasked(rest).rstrip('。.！!')}？"], ""  # 「…会怎样？有多长时间解密」: a
        # last part asked without its question mark
    if len(parts) == 1 and not rest and english:
        cut = _EN_SECOND.search(text)
        if cut and _EN_ASKING.search(text[: cut.start()]):
            parts = [f"{text[: cut.start()].rstrip()}?", text[cut.end() :]]
    elif len(parts) == 1 and not rest:
        parts = _two_values(text) or parts
    if len(parts) < 2 or rest or not all(_is_part(p, english) for p in parts):
        return [text]
    if {"issuer", "date"} <= front_asked(text):  # "Who gave this report, and what day was it
        return [text]  # delivered?": its byline says both (rag.answer.compose.front_claims)
    return parts


_REQUEST_OPENING = re.compile(r"(?:请|麻烦|帮|给我|替我|举|列|说出|说说|讲讲|告诉|再)")
_LAST_PART = 16  # characters of a last part asked without its question mark: a short clause

_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")
_MASK, _WIDE_MASK = "\x00", "\x01"


def _unmasked(part: str) -> str:
    return part.replace(_MASK, "?").replace(_WIDE_MASK, "？")


# A Chinese question asking two values in two clauses with one question mark: each clause asks a
# value (「…，由哪个部门来确认？」, 「做了多少家…，清退了几家…？」), not 「有好几种办法，…选哪一种」 or
# 「什么情况下，…」 (a frame, not a question).
_ASKS_VALUE = re.compile(
    r"多少|(?<![好哪几])几(?!乎)|哪[个些一位家种类条几]|谁|何时|什么时候|多久|多长时间|多大|多高|多长|多远|多重"
)
_FRAME_END = re.compile(r"(?:时|后|前|下|中|的话|之际)$")
# 几 and 谁 that ask nothing: a time frame (「这几年，」「几十年来」), anyone (「无论谁」「谁主管谁负责」)
_NOT_ASKING = re.compile(r"(?:这|近|前|过去|最近)几[年个月天]|几[十百千万]|(?:无论|不管|不论)谁|谁\S{1,4}谁")


# A last clause naming nothing but the figure (「具体多少份」「有多少」「分别是多少」): it asks more of
# what the clause before asks, not a second thing
_DETAIL_ONLY = re.compile(
    r"具体|大概|大约|一共|总共|分别|各|数字|数目|数量|(?:有|是|为)?(?:多少|几)[\u4e00-\u9fff]?|呢|啊|吗"
)


def _two_values(text: str) -> list[str] | None:
    """``text`` cut before its last clause when that clause and the one before it each ask a value.
    Clauses joined by 、 stay one question (「死了几个人、伤了几个人」: cut, its first part found another
    document's count in a review)."""
    clauses = re.split(r"[，,；;]", text.rstrip("？?"))
    if len(clauses) < 2:
        return None
    last, before = clauses[-1].strip(), clauses[-2].strip()
    asks = _ASKS_VALUE.search(_NOT_ASKING.sub("", last)) and _ASKS_VALUE.search(_NOT_ASKING.sub("", before))
    if not asks or _FRAME_END.search(before) or not _is_part(f"{before}？", False):
        return None
    if not _CJK.search(_DETAIL_ONLY.sub("", last)):  # 「谁…最少，具体多少份」: the first's figure
        return None
    if _EACH_OF.match(last) and _WHICH_ITEMS.search(before):  # 「有哪几项，各占多少权重」: each item's
        return None
    cut = len(text.rstrip("？?")) - len(clauses[-1]) - 1
    return [f"{text[:cut]}？", f"{last}？"]


def listed_values(question: str) -> list[str]:
    """A question listing three asks or more with 、 in its last clause, each a value of a subject of its
    own (「…几个数字：科技攻关项目要部署多少项、创新联合体做实做强多少家、市级重点实验室新建多少家」), as
    one question per ask, each under the words before the list: they read on their own, no part is a
    follow-up of another. Short ones (「死了几个人、伤了几个人」) share one subject: ``[question]``."""
    text = question.strip()
    body = text.rstrip("？?")
    last = re.split(r"[，,：:；;]", body)[-1]
    clauses = last.split("、")
    if len(clauses) < _LISTED_ASKS or not all(
        _ASKS_VALUE.search(c) and len(_ZH_ASKING_ONLY.sub("", c)) >= _OWN_SUBJECT for c in clauses
    ):
        return [text]
    before = body[: len(body) - len(last)]
    return [f"{before}{c}？" for c in clauses]


_LISTED_ASKS = 3  # clauses listed with 、, each asking a value
_OWN_SUBJECT = 6  # characters of a listed clause besides its question words: a subject and a verb


# a last clause asking a value of each of the items the clause before asks for: one question
_EACH_OF = re.compile(r"(?:又|都)?(?:各|分别|每一?[项个类种])")
_WHICH_ITEMS = re.compile(r"哪[几些]")


def _is_part(part: str, english: bool) -> bool:
    if english:
        return len(part) - 1 >= _MIN_PART
    return len(part) - 1 >= _MIN_PART or len(_ZH_ASKING_ONLY.sub("", part.rstrip("？?"))) >= 2


# "X和Y分别…" / "X，和Y，…分别…": one question about two things, asked of each. The conjuncts are two
# clauses ("把A提供给境外，和把B提供给境外，法律分别要求…") or the two words joined just before 分别
# ("保守国家秘密法和反间谍法分别从哪一天起施行"); a 、-list is left whole (its items share one answer:
# "绝密级、机密级、秘密级…的保密期限分别…").
_EACH_CLAUSES = re.compile(
    r"^(?P<a>[^，,]{2,}?)[，,]\s*(?:和|与|以及|及)(?P<b>[^，,]{2,}?)[，,](?P<rest>[^，,]*分别.*)$"
)
_EACH_WORDS = re.compile(
    r"^(?P<lead>(?:[^，,]*[，,])?)(?P<a>[^，,和与及]{2,}?)(?:和|与|以及|及)(?P<b>[^，,和与及]{2,}?)(?P<sep>[，,]?)"
    r"(?P<rest>分别.*)$"
)


# "When did the Data Security Law and the PIPL each come into force?", "What fines do A and B set,
# respectively?": two capitalised names (or the law names as Chinese) joined by "and", asked of each.
_NAME_EN = r"(?:the\s+)?(?:[A-Z][\w'-]*|[\u4e00-\u9fff《》]+)(?:\s+(?:[A-Z][\w'-]*|of|on|for|the))*"
_EACH_EN = re.compile(
    rf"^(?P<lead>.*?)(?P<a>{_NAME_EN})\s+and\s+(?P<b>{_NAME_EN})(?:\s+each\s+(?P<rest>[^,]+?)|"
    r"(?:\s+(?P<rest2>(?!respectively\b)[a-z][^,]*?))?)(?:,?\s+respectively)?\s*(?P<end>[?.]?)\s*$"
)


# Two of a knowledge base's people or places joined (「江阴和新吴两篇文章里…各自用的是什么代号」), and
# a word asking it of each of them: 各自, 分别, the two counted (两篇, 两位), or of both (一共).
_TWO = "两篇|两位|两个|两地"
_OF_EACH = re.compile(rf"各自|分别|各是|一共|总共|{_TWO}")  # 一共: what the two say, together
# …but not what the two do together or how they compare (「共同举办」「谁的…更高」)
_TOGETHER = re.compile(r"共同|一起|联合|合作|相比|比较|对比|谁的|更[高低多少大小快好]|之间")
_COUNTED_TWO = re.compile(rf"^(?:{_TWO})")


# A count of more than two right before 分别 is what 分别 goes through, not the two things joined by 和
_COUNTED_BEFORE = re.compile(r"[三四五六七八九十几]\s*[个类种项条点大方]")


def respective_parts(question: str, names: Sequence[str] = ()) -> list[str]:
    """A question asking the same thing of two things with 分别 ("保守国家秘密法和反间谍法分别从哪一天起
    施行？") or "each" / "respectively" as one question per thing, 分别 taken out; each reads on its
    own. Two of ``names`` (the knowledge base's people and places) joined by 和/与/、 and asked of each
    (各自, 两篇) are two things too, wherever they stand. ``[question]`` else."""
    text = question.strip()
    named = _named_pair(text, names)
    if named:
        return named
    if text.isascii() or not re.search(r"[\u4e00-\u9fff]{4}", text):
        m = _EACH_EN.match(text) if re.search(r"\b(?:each|respectively)\b", text) else None
        if m and m["lead"] and (m["rest"] or "respectively" in text):
            rest, end = m["rest"] or m["rest2"] or "", m["end"] or "?"
            return [f"{m['lead']}{m[x]}{' ' + rest if rest else ''}{end}" for x in ("a", "b")]
        return [text]
    if "分别" not in text:
        return [text]
    m = _EACH_CLAUSES.match(text)
    if m:
        rest = m["rest"].replace("分别", "", 1)
        return [f"{m['a']}，{rest}", f"{m['b'].strip()}，{rest}"]
    m = _EACH_WORDS.match(text)
    if m and "、" in m["a"]:  # 「江阴、无锡全市和新吴区的…，分别」: three things, not two
        return _each_listed(m)
    if m and not _COUNTED_BEFORE.search(m["b"]):  # 「提醒企业和科研人员警惕的“三类陷阱”分别是什么」
        rest = m["rest"].replace("分别", "", 1)
        return [f"{m['lead']}{m['a']}{_shared_tail(m['a'], m['b'])}{rest}", f"{m['lead']}{m['b']}{rest}"]
    return [text]


def _shared_tail(a: str, b: str) -> str:
    """What the second of two short parallel words carries that the first shares (「城镇和农村受访者的指数
    分别…」: 城镇 is asked 「受访者的指数」 too), "" when it carries none (「公司和它的负责人」: 它的…)."""
    head, tail = b[: len(a)], b[len(a) :]
    if not 2 <= len(a) <= 4 or "的" in a or "的" in head or "的" not in tail:
        return ""
    return tail


_MAX_LISTED = 5
_COUNTED_ALL = re.compile(r"[两二三四五六七八九十几]\s*[篇个份部项家位]")


def _each_listed(m: re.Match[str]) -> list[str]:
    """「江阴、无锡全市和新吴区的现代产业集群，分别用什么…」 as one question per thing listed, each with the
    words the list shares after its last item (「的现代产业集群」); the question whole when the list is
    long or its items are not short names."""
    tail_at = m["b"].find("的")
    last, tail = (m["b"][:tail_at], m["b"][tail_at:]) if tail_at > 0 else (m["b"], "")
    counted = _COUNTED_ALL.search(last)  # 「…和无锡高新区三篇文章里分别…」: the count is of them all
    last, tail = (last[: counted.start()], "") if counted and counted.start() >= 2 else (last, tail)
    items = [*m["a"].split("、"), last]
    if len(items) > _MAX_LISTED or not all(2 <= len(x) <= 12 for x in items):
        return [m.string]
    rest = m["rest"].replace("分别", "", 1)
    return [f"{m['lead']}{x}{tail}{rest}" for x in items]


def _named_pair(text: str, names: Sequence[str]) -> list[str]:
    if not names or text.isascii() or not _OF_EACH.search(text) or _TOGETHER.search(text):
        return []
    alt = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))
    m = re.search(rf"({alt})([市区县]?)(?:和|与|及|跟|、)({alt})([市区县]?)", text)
    if not m or m[1] == m[3]:
        return []
    listed_before = m.start() > 0 and text[m.start() - 1] == "、"
    if listed_before or re.match(rf"(?:和|与|及|跟|、)(?:{alt})", text[m.end() :]):
        return []  # three or more named (「江阴、锡山和梁溪分别…」): not two questions
    after = _COUNTED_TWO.sub("", text[m.end():])
    # 「无锡高新区（新吴区）」: a name's other name in brackets is the second name's, not the first's
    aside = re.match(r"[（(][^（）()]{1,12}[）)]", after)
    alone = after[aside.end() :] if aside else after
    return [re.sub(r"各自|分别", "", f"{text[:m.start()]}{name}{suffix}{rest}") for name, suffix, rest in
            ((m[1], m[2], alone), (m[3], m[4], after))]  # fmt: skip


# A part asking only which article (or what legal basis) says it: 「依据数据安全法哪一条？」「是哪一条规定的」
# 「法律依据是什么」, "Which article says so?"
_WHICH_ARTICLE_ONLY = re.compile(
    r"(?:那|这)?(?:依据|根据|按照|按|是|出自|见于)?(?:[\u4e00-\u9fff]{2,12}?法)?(?:的|里|中)?"
    r"(?:哪一条|哪条|第几条|哪个条款|哪一款|什么条款)(?:规定的?|里规定的?|说的|讲的|写的|提到的|管(?:这个|这件|这)?事|管这个|管的|"
    r"规定(?:了)?这(?:个|件)?事?)?(?:呢|啊)?[？?。]?|"
    r"(?:那|这)?(?:有|的)?(?:什么)?法律依据(?:是什么|是哪条|吗|呢)?[？?。]?|"
    r"(?:under )?which article(?: of [\w ]{2,40})?"
    r"(?: says so| provides (?:for )?(?:this|that)| is (?:it|that))?\??",
    re.I,
)


def complete_part(part: str, previous: Turn, first: str, titles: Sequence[str], entities: Entities) -> str:
    """A later part of a question read as a question of its own: what a follow-up would be read as
    ("受到刑事处罚的呢？" takes the previous part's subject), else the part with the first part's
    lead clause ("国家安全机关传唤当事人后询问查证，") or the documents the first part names in front."""
    if _WHICH_ARTICLE_ONLY.fullmatch(part.strip()) and previous.answer.grounded:
        # 「…我们可以直接给吗？依据数据安全法哪一条？」: which article says what the previous part asked
        return f"{previous.query.rstrip('？?。 ')}，{part.strip()}"
    referred = law_referred(part, previous, titles)
    if referred:  # 「数据安全法说适用哪部法律？那部法律又要求怎么处理？」: the law the answer named
        lead = re.split(r"[，,]", first, maxsplit=1)
        about = lead[0] if len(lead) == 2 and not _ZH_QUESTION_WORD.search(lead[0]) else ""
        for title in titles:  # 「违反反间谍法、拒不配合…」 asked of 数据安全法: the case, not the other law
            about = about.replace(title, "") if title and title != referred else about
        if not about:
            return _LAW_BACK.sub(referred, part, count=1)
        return f"{referred}：{about}，{_LAW_BACK.sub('', part, count=1)}"
    day = _day_answered(previous)
    if day and _DAY_BACK.search(part):  # 「…从哪天开始施行？这个日子在国家安全法里有什么含义？」
        return _DAY_BACK.sub(day, part, count=1)
    listed = _listed_items(first)
    if listed and _LISTED_BACK.search(part):  # 「…检查、查封、扣押等重要取证工作…？采取这些措施…」
        named = "、".join(t for t in titles if t and t in first and t not in part)
        return named + _LISTED_BACK.sub(listed, part, count=1)
    resolved = resolve_followup(part, [previous], entities)
    if resolved != part:
        return resolved
    if _names_someone(part, entities) or law_mentions(part, titles) or any(t and t in part for t in titles):
        return part  # it names its own subject ("And what is 陶波's role?")
    if _OWN_BODY.match(_NEXT_MATTER.sub("", part.strip())):  # 「（另外，）市科技局又打算新建多少家…」
        return part
    own_case = _own_case(part)
    lead = re.split(r"[，,]", first, maxsplit=1)
    first_en = question_lang(first) == "en"  # an English question may quote Chinese words
    english = first_en and question_lang(part) == "en"
    asks = _EN_ASKING if first_en else _ZH_QUESTION_WORD
    if len(lead) == 2 and not asks.search(lead[0]) and lead[0] not in part and not own_case:
        if english:
            return f"{lead[0]}, {part}"  # "Under the … Law, …"
        # 「…时，可以要求遵守哪些约束措施？最长能采取多久？」: what the first part asks after (约束措施)
        asked = ASKED_THING.search(lead[1])
        thing = asked.group(1) if asked and asked.group(1) not in part else ""
        return f"{lead[0]}，{thing}{part}"
    named = [t for t in titles if t and t in first and t not in part]
    if named:
        return f"{'、'.join(named)} {part}" if part[:1].isascii() else f"{'、'.join(named)}{part}"
    # else what the first part is about, its question words taken out ("锡山区水稻新品种有多少个通过
    # 审定？" -> "锡山区水稻新品种通过审定，审定的是哪一级？")
    about = _ASKING.sub("", first).strip("，,？? ")
    if _YEAR.match(part):  # 「2025年的目标是多少列？」 after 「中欧班列2024年开行了多少列？」: its own year
        if _own_subject(part):  # 「2025年计划新建多少个口袋公园？」 says what it is about
            return part
        about = _YEAR.sub("", about)
    starts = _CJK.search(part[:1]) or _YEAR.match(part)
    if starts and len(about) >= 4 and about not in part and not own_case:
        return f"{about}，{part}"
    if english and _own_subject_en(part):  # "…, and how many academician projects were set up?"
        return part
    if english:  # "How many M&As did Wuxi complete?" + "what was the value?"
        about = _EN_ABOUT.sub(" ", first).strip(" ,?")
        if re.search(r"\b(?:19|20)\d\d\b", part):  # "…in 2024" + "what is the target for 2025?"
            about = re.sub(r"\b(?:in |for |by )?(?:19|20)\d\d\b", " ", about)
        return f"{' '.join(about.split())}: {part}" if len(about.split()) >= 2 else part
    return part


# A later part pointing back at what the first part lists (「这些措施」「这几类」「上述行为」)
_LISTED_BACK = re.compile(r"这些|这几[项种类个样]|上述|前述")
# a list of things set apart by 、 (「检查、查封、扣押等」), each after the first as long as a word
_LISTED = re.compile(r"([\u4e00-\u9fff]+)((?:、[\u4e00-\u9fff]{1,6}?)+)(?=等|和|及|[，,？?]|$)")


def _listed_items(first: str) -> str:
    """The things the part ``first`` lists with 、 (「要求检查、查封、扣押等…」 -> 「检查、查封、扣押等」),
    the first cut to the length of the second (the words before it are the sentence's); "" for none."""
    m = _LISTED.search(first)
    if not m:
        return ""
    rest = m.group(2).split("、")[1:]
    return m.group(1)[-len(rest[0]) :] + m.group(2) + "等"


# A later part pointing back at the day the previous part's answer gave (「这个日子」「这一天」「那天」)
_DAY_BACK = re.compile(r"(?:这|那|该)(?:个|一)?(?:日子|天|日期)(?![气然下])")  # not 「这天气」「那天然」
_DAY = re.compile(r"(?<!\d)(\d{4}\s*年\s*)?(\d{1,2}\s*月\s*\d{1,2}\s*日)")


def _day_answered(previous: Turn) -> str:
    """The day ``previous``'s answer leads with (「2021年4月15日。…」), by month and day: a day pointed
    back at is asked as a day of the year (「这个日子有什么含义」: 每年4月15日); "" when it leads with
    none."""
    if not previous.answer.grounded:
        return ""
    lead = previous.answer.answer.split("。", 1)[0]
    m = _DAY.search(lead)
    return m.group(2) if m and len(lead) <= len(m.group(0)) + 12 else ""


# A later part pointing back at a law (「那部法律」「该法」) the previous part's answer named in 《…》.
_LAW_BACK = re.compile(r"(?:那|这|该|上述)(?:部|个)?法律?(?![定人院官规条责师务])")  # not 「该法定代表人」
# the previous part asked which law applies (「适用哪部法律」「依照什么法」, "which law")
_ASKS_LAW = re.compile(r"哪(?:一)?(?:部|个)法|什么法|\bwhich (?:law|act)\b", re.I)
_CITED_TITLE = re.compile(r"《([^》]{2,60})》")


def law_referred(part: str, previous: Turn, titles: Sequence[str]) -> str | None:
    """The everyday name of the law ``part`` points back at, when the previous part asked which law
    and its answer's quotes name one the knowledge base holds (「…适用《中华人民共和国网络安全法》的
    规定」 -> 网络安全法); else None."""
    from rag.lookup import short_title

    if not previous.answer.grounded:
        return None
    back = _LAW_BACK.search(part)
    if back and _ASKS_LAW.search(previous.question):
        cited = _CITED_TITLE  # 「反间谍法规定…怎么处罚？该法自什么时候起施行？」: 该法 is the user's law
    elif not back and not any(t and t in part for t in titles):
        # 「…由国家安全机关依照《数据安全法》的有关规定予以处罚」, then 「罚款是多少？」: that law's amount
        cited = _DEFERRED
    else:
        return None
    for citation in previous.answer.citations:
        for m in cited.finditer(citation.quote):
            name = short_title(m.group(1))
            if name in titles and name != short_title(citation.title or ""):
                return name
    return None


# A quote leaving the matter to another law: 「依照《中华人民共和国数据安全法》的有关规定予以处罚」
_DEFERRED = re.compile(r"依照《([^》]{2,40})》(?:的)?(?:有关|相关)?规定")


# An English question's words that ask rather than say what about ("how many … did … complete").
def _own_subject_en(part: str) -> bool:
    """Whether an English later part names the things it counts with a word of their own before them
    ("how many academician projects were set up?"; not "how many projects does it cover?", "what was
    the total deal value?"): the first part's subject would make it count other things."""
    noun = counted_noun(part, "en")
    m = re.search(rf"\bhow many\s+(.*?)\b{re.escape(noun)}", part, re.I) if noun else None
    return bool(m) and any(len(w) > 3 and w.lower() not in EN_STOP for w in m.group(1).split())


_EN_ABOUT = re.compile(
    r"\b(?:how (?:many|much|long|often)|when|where|which|what|who|whom|whose|how|"
    r"is|are|was|were|does|do|did|has|have|had)\b",
    re.I,
)
