"""The places and parties a question names, and whether a chosen quote is about them: a district of
the corpus (「鹤鸣县粮食总产量」 is not answered by the city's), a place no passage writes, in Chinese or in
pinyin ("Huishan District"), a party a case report names without naming them (王某, A公司). What the
retrieved passages say, as the refusal checks read it, lives here too."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from rag.answer.compose import Claim
from rag.bilingual import is_pinyin, pinyin_keys
from rag.evidence import Span
from rag.lookup import is_law
from rag.question import SHAPE_WHO, Question
from rag.records import Chunk, Hit
from rag.segment import in_dictionary, tagged
from rag.strings import t


def retrieved(hits: Sequence[Hit]) -> tuple[str, set[str]]:
    """What the retrieved passages say, as one text (each one's title, author, role and text), and
    their documents' titles: what the refusal checks look a question's words up in."""
    return "".join(haystack(h.chunk) for h in hits), {h.chunk.title for h in hits if h.chunk.title}


def haystack(c: Chunk) -> str:
    """What a passage says, with what it is read under: its document's title and author, and the
    context a piece cut inside an article or a table carries (its lead-in, the table's header)."""
    return squash(" ".join(x for x in (c.title, c.subtitle, c.author, c.role, c.context, c.text) if x))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def place_not_given(q: Question, claims: Sequence[Claim], hits: Sequence[Hit], select_k: int) -> str | None:
    """The refusal when the question names a place or a party the chosen passages are not about
    (``select_k``: how many of ``hits`` the answerer quotes from)."""
    # the first quote, which the answer leads with, is about each party named (a "who" question's
    # answer names another: 「赵某泄密案中，谁被诫勉谈话」 is answered by 「…对…孙某进行诫勉谈话」)
    who, text = q.shape == SHAPE_WHO, retrieved(hits)[0]
    absent = [p for p in parties(q, text) if claims and not of_party(claims[0].span, p, others=not who)]
    if absent:  # 「陈某被判处有期徒刑几年」: 「判处李某某有期徒刑十年」 is another case's
        return t("no_place_answer", q.lang, place="、".join(absent))
    others = [p for p in persons(q, text) if claims and not of_person(claims[0].span, p, text)]
    if others:  # 「方启明…造成了多少直接经济损失」: the loss 许文涛's case reports is not his
        return t("no_place_answer", q.lang, place="、".join(others))
    passages = "".join(haystack(c.span.hit.chunk) for c in claims)
    # A question naming a district of the corpus asks about that district (rag.question.local_places):
    # a passage that never mentions it, in its text, title or author's role, is another district's.
    # 「那锡山呢？」 after 江阴's air quality must not get 江阴's 81.4%.
    # not of laws: they hold everywhere, and a city in the question is the asker's (「我在苏州市开网店…」)
    laws = not hits or all(is_law(h.chunk.title) for h in hits[:select_k])
    elsewhere = [p for p in q.places if p not in passages]
    if q.lang == "zh" and not laws:
        elsewhere += _unknown_places(q, text)
        elsewhere += [p for p in _places_elsewhere(q, hits[:select_k], text, passages) if p not in elsewhere]
    if q.lang == "en":
        elsewhere = [f"{(pinyin_keys(p) or [p])[0].capitalize()} ({p})" for p in elsewhere]
        elsewhere += [] if laws else _unknown_places_en(q, text)
    return t("no_place_answer", q.lang, place="、".join(elsewhere)) if elsewhere else None


# "Huishan District", "Suzhou City": a place an English question names, in pinyin
_PLACE_EN = re.compile(
    r"\b([A-Z][a-z]+(?:[- ]?[a-z]+)?)\s+(?:District|County|City|Province|Prefecture|Town(?:ship)?)\b"
)


def _unknown_places_en(q: Question, text: str) -> list[str]:
    """Places an English question names (「Huishan District」) that the retrieved passages (``text``)
    write in no reading of its pinyin (惠山 is not on the page; 江阴 is "Jiangyin"): what they did is
    not in the documents."""
    names = dict.fromkeys(m.group(1) for m in _PLACE_EN.finditer(q.text) if is_pinyin(m.group(1)))
    if not names:  # "Wuxi New District" names 新区 in English words
        return []
    words = re.findall(r"[\u4e00-\u9fff]+", text)
    runs = {w[i : i + n] for w in words for n in (2, 3) for i in range(len(w) - n + 1)}
    spelled = {key for run in runs for key in pinyin_keys(run)}
    return [n for n in names if re.sub(r"[- ]", "", n).lower() not in spelled]


# A party a case report, a judgment or a circular names without naming them: 「王某」「李某某」「A公司」
_SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁"
    "魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易"
    "常武乔贺赖龚文"
)
_PARTY = re.compile(
    rf"(?<![对由关属])[{_SURNAMES}]某某?(?![市县区省国地单机些种个一项类处方])|"
    r"(?<![A-Za-z])[A-Z](?:公司|企业|集团|单位|机构|银行|学校|医院)"  # not 「对于某些」, 「AI企业」
)


def parties(q: Question, text: str) -> list[str]:
    """The parties ``q`` names that the retrieved passages (``text``, ``retrieved``) write (「陈某」,
    「A公司」)."""
    return [p for p in dict.fromkeys(_PARTY.findall(q.text)) if p in text] if q.lang == "zh" else []


def persons(q: Question, text: str) -> list[str]:
    """The persons ``q`` names whom the retrieved passages (``text``) name after their post (「县自然资源局
    副局长方启明」), as a circular or a report on cases does: 「方启明…造成了多少损失」 asks of his case."""
    if q.lang != "zh":
        return []
    found = {x for x in _posted_names(text) if not in_dictionary(x[:2])}  # 「干部任职培训」: no name
    # 「区委书记梁溪区…」: a place, written with its 区 or 市 somewhere, is no person
    place = r"(?:区|市|县|镇|乡|省)(?:委|政府|人民|长|的|[，。、；])"  # not 「周建明市民…」
    found = {x for x in found if x not in q.places and not re.search(re.escape(x) + place, text)}
    named = [p for p in sorted(found, key=len, reverse=True) if p in q.text]
    return [p for p in named if not any(p != x and p in x for x in named)]


def of_person(span: Span, person: str, text: str) -> bool:
    """Whether ``span`` may be about ``person``: it names them, or its headings or byline do, or of the
    persons the retrieved passages (``text``) name after a post, the last its passage names before it
    is ``person`` (a case's figures come after its official's name, not another case's); a passage
    naming none before it may be about anyone."""
    c = span.hit.chunk
    if person in span.text or any(person in x for x in (*c.section, c.author or "")):
        return True
    names = _posted_names(text) | {person}
    before = re.sub(r"\s+", "", c.text[: span.start])
    at = {x: before.rfind(x) for x in names}
    last = max(at.values())
    if last < 0:
        return True
    nearest = [x for x, i in at.items() if i >= 0 and (i == last or (i < last and last < i + len(x)))]
    return person in nearest or any(person in x or x in person for x in nearest)


def _posted_names(text: str) -> set[str]:
    """The names ``text`` writes after a post, each as three characters and as two (a name is either)."""
    return {m.group(1)[:n] for m in _POSTED_NAME.finditer(text) for n in (3, 2)}


# a post and the name after it (「馆长许文涛」「科长石磊」): a name is two or three characters
NAMED_POSTS = (r"(?:局长|处长|科长|主任|书记|委员|馆长|所长|站长|院长|校长|部长|组长|队长|镇长|乡长|县长|"
               r"区长|市长|经理|干部|科员|干事|专员|职工|员工|工作人员)")
_POSTED_NAME = re.compile(rf"{NAMED_POSTS}([{_SURNAMES}][\u4e00-\u9fff]{{1,2}})")


def of_party(span: Span, party: str, *, others: bool = True) -> bool:
    """Whether ``span`` may be about ``party``: it names them, or its passage's text does and (with
    ``others``) it names no other party (「判处孙某有期徒刑七年」 is about 孙某, whoever else its passage
    names)."""
    if party in span.text:
        return True
    # the passage itself, not the case it is read under: a comment (「【以案说法】…」) quoting a law's
    # range of fines is about no party
    return not (others and _PARTY.search(span.text)) and party in squash(span.hit.chunk.text)


_NATIONAL = frozenset({"中国", "我国", "中华人民共和国", "全国", "国内", "境内"})
_NAME_TAGS = frozenset({"ns", "nr", "nrt", "nz"})
_ORGAN_AFTER = re.compile(r"^[市区县](?:委|政府|人民政府|长|人大)")
# What a city, district, county or province is written with; the longest first (自治区 before 区)
_ADMIN = re.compile(r"(?:特别行政区|自治区|自治州|自治县|地区|新区|市|区|县|省)$")
_ADMIN_WORDS = frozenset({"市", "区", "县", "省", "镇", "乡"})  # a place's level, cut off by jieba


def _unknown_places(q: Question, text: str) -> list[str]:
    """Cities and districts a Chinese question names (「上海市」 read as 上海, 「苏州」) that the
    retrieved passages (``text``) never mention: 「上海市空气质量优良天数比率是多少」 (or 「那上海呢？」
    after 江阴's) is not answered by 江阴's 81.4%. Only ones no passage has: a city or province named
    elsewhere is the selector's."""
    # jieba's place tag alone is loose (法里, 东西, 回国): a name counts written with its 市/区/县/省
    # (「苏州市」) or when the dictionary knows it so (苏州 -> 苏州市; not 东西市)
    names = set()
    words = list(tagged(_TABLE_REF.sub("，", _ASKERS_PLACE.sub("，", q.text))))  # 「表1中南湖区」: not 中南
    for (w, flag), (after, _) in pairwise(words):
        # a name before its city's, district's or county's organ or post (「惠山区委书记」: jieba takes 惠山
        # for a person's name, then 区委书记) is a place
        organ = flag in _NAME_TAGS and _ORGAN_AFTER.match(after)
        if len(w) >= 2 and (organ or (flag == "ns" and after in _ADMIN_WORDS)):  # 「南浦|区」: 区 cut off
            names.add(w)
    for w, flag in words:
        if flag != "ns":
            continue
        bare = _ADMIN.sub("", w)
        if bare != w and len(bare) >= 2 and not w.endswith("地区"):  # 沿海地区 names no place
            names.add(bare)
        elif len(w) >= 2 and any(in_dictionary(w + s) for s in "市区县省"):
            names.add(w)
    known = _NATIONAL | set(q.places)
    return sorted(n for n in names if n not in known and n not in text)


def _places_elsewhere(q: Question, read: Sequence[Hit], text: str, passages: str) -> list[str]:
    """Districts and counties a Chinese question names, as the retrieved passages (``text``) write them
    (「鹤鸣县」「白鹭湾区」, which jieba may not know), that the chosen passages (``passages``, with
    their titles and authors' roles) do not: 「鹤鸣县粮食总产量」 is not answered by the city's, which a
    bulletin gives beside a table naming 鹤鸣县. A district most passages quoted from (``read``) name is
    the documents' own (the one a report speaks for); ``q.places`` (the page's bylines) are checked apart."""
    names = []
    asked = _TABLE_REF.sub("，", _ASKERS_PLACE.sub("，", q.text))
    for m in _DISTRICT.finditer(asked):  # a name the documents write standing alone (「鹤鸣县　468.29」,
        # 「；白鹭湾区增速…」), not the end of a word (「全市住宅小区」)
        stem = next((asked[m.start() - k : m.start()] for k in (4, 3, 2)
                     if k <= m.start() and _standing(asked[m.start() - k : m.end()], text)), "")  # fmt: skip
        zone = stem[-2:] in _ZONES or not re.fullmatch(r"[\u4e00-\u9fff]{2,}", stem)
        zone = zone or stem[-1] + m.group() in _AREAS  # 「进社区」: a community, not a district
        if not zone and stem[0] not in _NOT_DISTRICT:
            names.append(stem)
    # a district jieba knows for a place (「江北区」, or 「南浦|区」 with its 区 cut off), as the passages
    # write it after any word (「委托南浦区」)
    for (w, flag), (after, _) in pairwise([*tagged(asked), ("", "")]):
        name = w if w[-1:] in ("区", "县") else w + after if after in ("区", "县") else ""
        if flag == "ns" and len(name) >= 3 and name in text and not any(name.startswith(n) for n in names):
            names.append(name)  # (城西区 is the 城西 a district's 区 was read after)
    if not names:
        return []
    stacks = [haystack(h.chunk) for h in read]
    return [n for n in dict.fromkeys(names) if n not in passages and n not in q.places
            and 2 * sum(n in x for x in stacks) <= len(stacks)]  # fmt: skip


def _standing(name: str, text: str) -> bool:
    """Whether ``text`` writes ``name`` after something that is not part of a word (the start of a
    line, a space, a mark, a preposition: 「在长泽高新区」): as a name, not as the end of a longer word
    (「全市住宅小区」)."""
    return bool(
        re.search(
            rf"(?:^|(?<![\u4e00-\u9fff])|(?<=[和在与及对向于由到从至经]))"
            rf"{re.escape(name)}",
            text,
            re.M,
        )
    )


# Where the asker lives or works (「我住在西岭区，…找谁举报」): the setting of the question, not a place it
# asks about
_ASKERS_PLACE = re.compile(r"我们?(?:家)?(?:就)?(?:住|生活|工作|在)在?[^，,。？?！!]{1,15}?[，,]")
_TABLE_REF = re.compile(r"表\s*[\d一二三四五六七八九十]+\s*(?:中|里|内|上)?")  # 「表1中…」 names a table
_DISTRICT = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:区|县)")
# 全区, 景区, 社区, 山区, 在…区 (城西区 is a name); 「哪个区县」「6个区县」「几个县」 count or ask,
# naming none
_NOT_DISTRICT = "全本各该此每这那景社辖园片山地郊市省县区在于个哪几"
# what makes a zone of a district word, not a district's name: 「印染集聚区」「经济开发区」「示范区」
_ZONES = frozenset(
    re.findall(
        r"\S\S",
        "集聚开发示范功能保护试验集中产业风景工业服务自贸保税核心先行实验生活"
        "居住商业旅游度假创新发展合作生态重点风险受灾灾害老城新城城区",
    )
)


# words for an area that end like a district's name (社区 a community, 景区 a scenic area); not 山区,
# 城区, 湾区 or 林区, which end names too (锡山区, 西城区, 白鹭湾区, 神农架林区)
_AREAS = frozenset(re.findall(r"\S\S", "社区小区景区街区辖区片区校区厂区库区灾区展区专区分区禁区营区学区"
                                          "战区军区"))


def names_place(quote: str, question: str) -> bool:
    """Whether ``quote`` names a place (jieba's place names, or a name the dictionary knows with its
    市/县/省: 连云港, which jieba tags as a person's) the question does not."""
    return any(_is_place(w, flag) and w not in question for w, flag in tagged(quote))


def _is_place(word: str, flag: str) -> bool:
    if flag == "ns":
        return True
    return flag in _NAME_TAGS and len(word) >= 2 and any(in_dictionary(word + x) for x in "市县省")
