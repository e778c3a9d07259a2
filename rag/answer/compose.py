"""Composition: chosen quotes -> answer text with [n] markers and one citation per marker.

A claim is ``lead`` + marker + ``tail``; the quote behind the marker always occurs verbatim in its
passage. Answers lead with the short answer taken from the quote (a figure, a date, an article
label), then the quote, as a full sentence where it fits; "how" and enumeration questions get a few
cited points from the best document; a question naming several documents gets one claim each.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from rag.answer.english import english_value
from rag.evidence import Span, candidate_spans, sentence_after, statement_parts
from rag.lookup import defined_term, definition_clause
from rag.question import (
    CLOCK_RE,
    DATE_RE,
    FIGURE_RE,
    GRADE_ASKED,
    MONTH_DEADLINE,
    MONTH_OF_YEAR,
    ORDINAL_ASKED_RE,
    ORDINAL_RE,
    SECTION_ASKED,
    SHAPE_ARTICLE,
    SHAPE_GENERAL,
    SHAPE_HOW,
    SHAPE_QUANTITY,
    SHAPE_WHEN,
    SHAPE_WHO,
    Question,
    asked_bounds,
    asks_clock,
    asks_count,
    asks_enumeration,
    asks_yes_no,
    bound_figures,
    front_asked,
    front_kind,
    given_figures,
    has_figure,
    measured_beside,
    measured_word,
    of_kind,
    same_unit,
    stated_unit,
    unasked,
)
from rag.records import KIND_ARTICLE, KIND_DOCUMENT, Chunk, Citation, Hit
from rag.strings import t
from rag.structure import CITED_ARTICLE, STANDARD_NUMBER, article_number, outline_numbered
from rag.text import (
    ANY_DATE_LABEL,
    COMPILED,
    DATE_LABEL,
    DAY,
    DECISION_DOCUMENT,
    DOC_NUMBER,
    DURATION,
    DURATION_ASKED,
    EVERY,
    FREQUENCY,
    FREQUENCY_ASKED,
    ISSUE_NUMBER,
    ISSUER_LABEL,
    ISSUING_BODY,
    ITEM_RE,
    LIST_AHEAD,
    PRINTED,
    SUBORDINATE_END,
    book,
    lines_with_offsets,
    sentence_at,
    sentence_spans,
)

MARKER_RE = re.compile(r"\s?\[(\d+)\]")
MAX_QUOTE = 120  # characters: a clause is widened to its sentence only up to this length
MAX_POINTS = 4  # cited points for a "how" or enumeration question
MAX_ITEMS = 16  # numbered items of a law article's list (保守国家秘密法第五十七条 has 13)
_TRIVIAL = re.compile(r"^[一两]\s*\S$")  # "一批", "一个": not what a "how many" asks
# A clause ending like this only sets the scene; the statement is in the clause after it.
# A list's lead-in: 「任何组织和个人不得有下列行为：」, 「…是指恐怖主义性质的下列行为」 (colon or not).
LEAD_IN = re.compile(rf"{LIST_AHEAD}[^，。；：:]{{0,12}}[：:]?$|[：:]$")
BEST_ITEMS = 2  # items quoted after a lead-in when the question does not ask for the whole list
_RULING = re.compile(r"不得|禁止|不能|可以|有权|无权|不予|免予|免于")  # what a law allows or forbids
# what the rules on something are: 「有什么要求」「有哪些规定」「要尽什么义务」
_DUTIES_ASKED = re.compile(r"(?:什么|哪些|何种?)(?:要求|规定|义务|限制)|怎么(?:规定|要求)|如何规定")
_DUTY = re.compile(r"应当|必须|不得|禁止|(?<![无毋])须")
_ARTICLE_START = re.compile(r"^第[零〇一二两三四五六七八九十百千\d]+条")
_SCENE = re.compile(r"(?:的基础上|的同时|的前提下|的情况下)[，,]")
_WEEKDAY = r"(?:[（(](?:星期|周)[一二三四五六日天][）)])"  # 「2025年4月15日（星期二）19:00」
_DAYTIME = r"(?:[上下]午|中午|晚上?|凌晨|早上)"
# a time of day, to the end of its span when one is given (「14:00—20:00」)
_CLOCK_SPAN = re.compile(rf"(?:{CLOCK_RE.pattern})(?:\s*[—–~～至到-]\s*\d{{1,2}}[:：]\d{{2}}(?![\d:]))?")
# Dates from the most to the least precise: a "when" is answered by the most precise one printed
# ("2025年是…10周年，4月15日是…教育日": 4月15日, not 2025年).
DATES_BY_PRECISION = (
    # a day with its time: 「2024年3月17日14时18分许」「3月17日14:00—20:00」
    re.compile(rf"(?:\d{{4}}\s*年\s*)?(?<!\d)\d{{1,2}}\s*月\s*\d{{1,2}}\s*日\s*{_WEEKDAY}?\s*{_DAYTIME}?(?:{_CLOCK_SPAN.pattern})"),
    re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"),
    re.compile(r"(?<!\d)\d{1,2}\s*月\s*\d{1,2}\s*日"),  # 「每年4月15日」, 「今年4月15日」
    _CLOCK_SPAN,  # a time of day alone: 「16时42分，明火被全部扑灭」
    re.compile(rf"\d{{4}}\s*年\s*\d{{1,2}}\s*月|{MONTH_OF_YEAR}"),  # 「2025年6月」「今年12月」
    # a deadline: 「9月底前」「2027年底前」
    re.compile(rf"(?:\d{{4}}\s*年\s*)?{MONTH_DEADLINE}|(?:\d{{4}}\s*)?年[底末]前"),
    re.compile(r"\d{4}\s*年"),  # the last: a year alone
)


@dataclass(frozen=True)
class Claim:
    """One cited statement: ``lead`` then the marker for ``span`` then ``tail``."""

    lead: str
    span: Span
    tail: str = ""


def compose(claims: Sequence[Claim], lang: str) -> tuple[str, tuple[Citation, ...]]:
    """Answer text with markers numbered 1..N by first appearance, and one citation per marker."""
    numbers: dict[tuple[str, str], int] = {}
    citations: list[Citation] = []
    parts = []
    for claim in claims:
        key = (claim.span.hit.chunk.chunk_id, claim.span.text)
        if key not in numbers:
            numbers[key] = len(numbers) + 1
            citations.append(make_citation(numbers[key], claim.span.hit.chunk, claim.span.text))
        sep = " " if lang == "en" else ""
        parts.append(f"{claim.lead}{sep}[{numbers[key]}]{claim.tail}")
    return "".join(parts).strip(), tuple(citations)


def make_citation(n: int, chunk: Chunk, quote: str) -> Citation:
    """The record a marker [n] points to; ``quote`` must occur in ``chunk.text``."""
    if quote not in chunk.text:
        raise ValueError(f"quote not in chunk {chunk.chunk_id}: {quote!r}")
    return Citation(n, chunk.chunk_id, chunk.doc_id, chunk.title, chunk.subtitle, chunk.author,
                    chunk.role, chunk.text, quote, chunk.section)  # fmt: skip


def strip_markers(text: str) -> str:
    """Answer text without its [n] markers (for length measures)."""
    return MARKER_RE.sub("", text)


def full_title(chunk: Chunk) -> str:
    """Title and second title line, as printed."""
    return " ".join(x for x in (chunk.title, chunk.subtitle) if x)


def fact_claims(q: Question, ranked: Sequence[Span], chosen: Sequence[Span]) -> list[Claim]:
    """The claims for the selector's ``chosen`` quotes (best first; more than one for a question
    spanning documents), shaped by what the question asks."""
    best = readable(_narrowed(q, chosen[0]))
    best = _scene_figure(q, best) if q.shape == SHAPE_QUANTITY else best
    lead = short_answer(q, best)
    if q.lang == "en":
        english = english_value(lead) if lead else None
        shown = f"{english} ({lead})" if english and english != lead else lead
        points = _points(q, best, ranked) if len(chosen) == 1 else [best]
        if len(points) > 1:  # "What measures…": the points, as a Chinese question gets them, one source
            first = Claim((f"{shown}. " if shown else "") + according_to(points[0]), points[0], ";")
            rest = [Claim(f" “{excerpt(p)}”", p, ";") for p in points[1:]]
            return [first, *rest[:-1], replace(rest[-1], tail=".")]
        me = first_person(best, q) if q.shape == SHAPE_WHO else None  # 「由我担任组长」
        head = (f"{me} " if me else "") + (f"{shown}. " if shown else "")
        return [Claim(head + according_to(best), best, ".")]
    if len(chosen) > 1:  # one claim per document the question names
        return _joined([Claim(_with_source(readable(s)), readable(s)) for s in chosen], lead)
    points = _points(q, best, ranked)
    if len(points) > 1:
        return _joined([Claim(excerpt(p), p) for p in points], lead)
    claims = [Claim(excerpt(best), best)]
    restates = q.shape not in (SHAPE_QUANTITY, SHAPE_WHEN) and _novelty(best.text, q.text) < 0.35
    follow = sentence_after(best) if restates else None
    follow = with_proviso(follow) if follow else None
    if follow and len(best.text) + len(follow.text) <= MAX_QUOTE:
        claims = [Claim(excerpt(best), best, "；"), Claim(follow.text, follow)]
    elif asks_yes_no(q.text) and not _RULING.search(best.text):
        # "能不能…", "…合法吗" is answered by the ruling: when the quote sets the scene and the next
        # sentence of its passage rules (不得, 可以), that sentence is the answer too
        ruling = sentence_after(best, whole_up_to=MAX_QUOTE)
        ruling = with_proviso(ruling) if ruling else None  # 「不得用于其他目的；取得个人单独同意的除外」
        if ruling and _RULING.search(ruling.text) and len(best.text) + len(ruling.text) <= 2 * MAX_QUOTE:
            claims = [Claim(excerpt(best), best, "；"), Claim(ruling.text, ruling)]
    elif _DUTIES_ASKED.search(q.text) and best.hit.chunk.section:
        # 「…数据安全法有什么要求」: an article's duties go on in its next sentence (「受托方应当…，不得擅自
        # 留存…」), which the question's words need not share; so do a numbered point's (「八、相关单位义务」)
        more = sentence_after(best, whole_up_to=MAX_QUOTE)
        more = with_proviso(more) if more else None
        if more and _DUTY.search(more.text) and not _ARTICLE_START.match(more.text) \
                and len(best.text) + len(more.text) <= 2 * MAX_QUOTE:
            claims = [Claim(excerpt(best), best, "；"), Claim(more.text, more)]
    last = claims[-1].span
    if last is not best and LEAD_IN.search(last.text.rstrip()):  # the added sentence opens a list
        items = _article_items(last, ranked)
        claims += [Claim(excerpt(i), i) for i in _best_items(items, ranked)]
    me = first_person(best, q) if q.shape == SHAPE_WHO and not lead else None  # 「由我担任组长」
    if me:
        claims[0] = replace(claims[0], lead=me + claims[0].lead)
    return _joined(claims, lead)


# The speaker's own post or act, said in the first person (「由我担任组长」「我代表市人民政府」);
# 「我镇」「我厂」 and a 「我」 inside quoted words (a villager's 「“我家门口…”」) are not the speaker
_ME_HOLDS = re.compile(r"由我(?:来)?(?:担任|兼任|出任)(?P<post>[\u4e00-\u9fff]{2,8}?)(?=[，,。；;、]|$)")
_ME_ACTS = re.compile(r"(?<![\u4e00-\u9fff])我(?:代表|受)")  # 「现在，我代表…」, not 「由我代表…」
_QUOTED_WORDS = re.compile(r"“[^”]*”|「[^」]*」")


def first_person(span: Span, q: Question) -> str | None:
    """Who 「我」 is in ``span``, when its document is a report or speech delivered by a named speaker
    (its byline a person with a role) and the quote says the speaker holds the post the question asks
    (「由我担任组长」 for 「组长是谁」, not for 「副组长是谁」) or acts for a body (「我代表…」): the lead
    naming them (「“我”即宋启明（…）：」), else None."""
    c = span.hit.chunk
    if c.kind != KIND_DOCUMENT or not (c.author and c.role):
        return None
    text = _QUOTED_WORDS.sub("", span.text)
    held = _ME_HOLDS.search(text)
    speaker = re.search(rf"(?<!副){re.escape(held['post'])}", q.text) if held else _ME_ACTS.search(text)
    return t("first_person", q.lang, author=c.author, role=c.role) if speaker else None


_CITED_SHOWN = 3  # articles a quote cites that lead its answer


_LAW_NAMED = re.compile(r"《[^《》]{2,40}》")
_LAW_ASKED = re.compile(r"哪(?:一)?部法|什么法|哪个法|哪项法")
_SENTENCE_END = re.compile(r"[。！？!?\n]")


def _with_law(span: Span, cited: re.Match) -> str:
    """An article ``span`` cites (``CITED_ARTICLE``), with the law its sentence names before it when it
    names none of its own and opens its clause: 「…《中华人民共和国行政处罚法》第五条第二款规定，…；第三十二条
    第一项规定，…」 cites that law's 第三十二条第一项."""
    if cited.group().startswith("《"):
        return cited.group()
    text, at = span.hit.chunk.text, span.start + cited.start()
    if at and text[at - 1] not in "；;，,、：:和及\n":  # 「参照…基准第十二条」「本合同第五条」: no law's
        return cited.group()
    opening = max((m.end() for m in _SENTENCE_END.finditer(text, 0, at)), default=0)
    laws = _LAW_NAMED.findall(text, opening, at)
    return laws[-1] + cited.group() if laws else cited.group()


def short_answer(q: Question, span: Span) -> str:
    """The answer itself, verbatim from the quote: the figures asked for, the date, the article label."""
    title = span.hit.chunk.title or ""
    if q.shape == SHAPE_ARTICLE:
        label = article_label(span.hit.chunk)
        if label:
            return t("article_label_short", q.lang, title=title, label=label)
        # outside a law, the articles its quote cites (「依照《…法》第六条第三款的规定」 -> 「《…法》第六条
        # 第三款」)
        cited = list(dict.fromkeys(_with_law(span, m) for m in CITED_ARTICLE.finditer(span.text)))
        if cited and (not _POINT_ASKED.search(q.text) or _LAW_ASKED.search(q.text)):  # 「哪部法律的哪一条」
            return "、".join(cited[:_CITED_SHOWN])
    asked = SECTION_ASKED.search(q.text)
    if asked:  # 「在哪一节里规定」: the heading of the part the quote is in
        chunk = span.hit.chunk
        if chunk.section and span.text in chunk.section[-1]:  # a lead-in heading its list, quoted: the
            chunk = replace(chunk, section=chunk.section[:-1])  # part it stands in, not itself again
        part = section_name(chunk, asked.group(0))
        head = _run_in_head(span) if part and "章" not in asked.group(0) else None
        head = None if head and span.text.startswith(head) else head  # the quote shows it
        part = f"{part} {head}" if head and head not in part else part  # 「四、原因分析 （一）…不均衡」
        return t("article_label_short", q.lang, title=title, label=part) if part else ""
    if q.shape == SHAPE_ARTICLE and not _POINT_ASKED.search(q.text):
        return ""
    # a report's or a notice's numbered point (no law's article: 「出自倡议的哪一条」 names 「二、…」):
    if q.shape in (SHAPE_GENERAL, SHAPE_ARTICLE) and _POINT_ASKED.search(q.text):
        # 「对策建议的第几条」 -> 「6.建立监测评估机制，推动工作闭环」
        head = _run_in_head(span)
        part = section_name(span.hit.chunk, "")
        if not head:  # a point's text under its numbered heading (「七、除外情形」 over 「下列情形不受…」)
            numbered = part is not None and _NUMBERED_HEAD.match(part.split(" ")[-1])
            return t("article_label_short", q.lang, title=title, label=part) if numbered else ""
        return t("article_label_short", q.lang, title=title, label=f"{part} {head}" if part else head)
    if q.shape == SHAPE_WHEN:
        clock = asks_clock(q.text)  # 「几点几分」: the time before a bare day
        first, *rest = DATES_BY_PRECISION
        for pattern in (first, _CLOCK_SPAN, *rest) if clock else DATES_BY_PRECISION:
            dates = [m.group(0) for m in pattern.finditer(span.text)]
            if dates:
                return "、".join(dict.fromkeys(dates[:2]))
        return ""
    if q.shape != SHAPE_QUANTITY and FREQUENCY_ASKED.search(q.text):  # "How often…": 「按月监测…」
        return _by_period(span)
    if q.shape == SHAPE_QUANTITY:
        asked = _asked_matches(q, span.text)
        if FREQUENCY_ASKED.search(q.text):  # 「多久一次」: 「每年至少组织1次」, not 「1次」 nor 「2860名」
            asked = [_every(span.text, m) or m for m in asked if m.group(0).endswith("次")] or asked
            if not asked:
                return _by_period(span)
        text = span.text
        figures = [_fallen(q, text, m) + _qualified(text, m.group(0), m.start()) for m in asked]
        figures = [f for f in figures if not any(f != g and f in g for g in figures)]  # a range's end
        return _PRINT_GAP.sub("", "、".join(figures))  # 「100 项以上」 as a page's column set it
    return ""


# a fall stated before a figure (「房地产开发投资下降8.9%」)
_FALL_BEFORE = re.compile(r"(下降|减少|降低|回落|下滑|下跌)了?\s*$")


def _fallen(q: Question, text: str, m: re.Match[str]) -> str:
    """「下降」 when the question asks a rise (「增长多少」) and the text states a fall before the figure
    (「下降8.9%」): the short answer says which way it went."""
    if not CHANGE_ASKED.search(q.text) or not _RISE_OR_CHANGE.search(q.text):
        return ""
    fall = _FALL_BEFORE.search(text, max(0, m.start() - 4), m.start())
    return fall.group(1) if fall else ""


_RISE_OR_CHANGE = re.compile(r"增长|增加|提高|提升|上升|上涨|增幅|增速|净增|扩大|变化|变动")


# A space a printed page leaves between a figure and its unit (OCR), not one between words.
_PRINT_GAP = re.compile(r"(?<=[\d\u4e00-\u9fff%％.])\s+(?=[\d\u4e00-\u9fff%％])")


# What a figure's neighbours say about it: 「不少于六个月」 is not 「六个月」, 「100 项以上」 not 「100 项」.
_BEFORE_FIGURE = re.compile(
    r"(?:不少于|不低于|不超过|不得超过|不高于|至少|至多|最多|最少|最高|最长|超过|超|突破|将近|近|约|逾)\s*$"
)
_AFTER_FIGURE = re.compile(r"\s*(?:以上|以下|以内|左右|之内|多|余)")
# a range's lower end before the figure (「800至1200字」「3分钟至8分钟」): the answer is the range
# (not a change's 「由75座降至64座」「提高到」: the figure before it is where it started)
_RANGE_FROM = re.compile(r"(?<![\d.一二三四五六七八九十百千万])[\d.一二三四五六七八九十百千万]+\s*"
                         r"(?:[\u4e00-\u9fff]{1,2}|[%％])?\s*(?<![降升增减提达涨跌])(?:至|到|～|~|－|—)\s*$")


def _qualified(text: str, figure: str, at: int | None = None) -> str:
    """``figure`` (printed at ``at``, else where it first occurs) with the words around it in
    ``text`` that bound or round it, verbatim: 「处十万元以上…，…处一万元以上十万元以下」 asked the
    maximum gives 「十万元以下」 from the second 十万元, not 「十万元以上」 from the first."""
    at = text.find(figure) if at is None else at
    if at < 0:
        return figure
    before = _BEFORE_FIGURE.search(text, max(0, at - 4), at) or _RANGE_FROM.search(text, max(0, at - 10), at)
    after = _AFTER_FIGURE.match(text, at + len(figure))
    return text[before.start() if before else at : after.end() if after else at + len(figure)]


# a change asked (「增长了多少」「下降了几个百分点」「增长了百分之几」), and the word leading the figure
# that states one (「增长12.4%」「减少7件」; not 「升至3.44%」, a level)
CHANGE_WORDS = (r"增长|增加|提高|提升|下降|减少|降低|上升|上涨|增幅|降幅|增速|净增|回落|扩大|缩小|改善|下调|"
                r"上调|收窄")
CHANGE_ASKED = re.compile(rf"(?:{CHANGE_WORDS})(?:了|幅度|幅度是|是)?(?:百分之)?(?:多少|几)")
_CHANGE_BEFORE = re.compile(rf"(?:{CHANGE_WORDS})(?:了|为|达)?\s*$")


def asked_figures(q: Question, text: str) -> list[str]:
    """The figures of ``text`` a quantity question asks for: with "A、B、C分别…x、y、z" the one
    aligned with the item the question names; otherwise those in the clause naming most of what
    the question asks about (with the asked unit when there is one); at most two."""
    return [m.group(0) for m in _asked_matches(q, text)]


def _asked_matches(q: Question, text: str) -> list[re.Match[str]]:
    """``asked_figures`` as where they are printed (the first of equal figures)."""
    if ORDINAL_ASKED_RE.search(q.text):  # 「第几个」: 「第十个」, the rank, not the figures around it
        ranks = list(ORDINAL_RE.finditer(text))
        if len(ranks) > 1 and "分别" in q.text:  # 「在省内和全国分别算第几个」: each rank, in order
            return ranks[:3]
        if ranks:  # the rank whose own item (「省内第一个、国内第二个」) names what the question does
            score = [(_terms_near(q, text, m.start()), _terms_before(q, text, m.start())) for m in ranks]
            return [ranks[score.index(max(score))]]
    # 「24年全年完成并购15单」 asked about 2024年: 24年 is the year written short, not an amount
    years = set(re.findall(r"(?:19|20)(\d\d)\s*年" if q.lang == "zh" else r"\b(?:19|20)(\d\d)\b", q.text))
    given = {m.start() for m in given_figures(q.text, text)}
    found = [m for m in FIGURE_RE.finditer(text) if m.start() not in given]
    found = [m for m in found if _is_amount(text, m) and not _short_year(text, m, years)]
    # 「专项资金比2024年增长了多少」: the figure a change word leads (「增长40%」) answers, whatever unit the
    # question's words hint (资金: 元), unless it states one (「增长了多少万元」)
    change = CHANGE_ASKED.search(q.text)
    by_change = change and not stated_unit(q.text, q.lang) and any(
        _CHANGE_BEFORE.search(text, max(0, m.start() - 4), m.start()) for m in found
    )
    # 「多少个企业党组织」 of 「企业党组织101家」: the general measure word asked, the figure printed with the
    # noun counted in the noun's own (项, 家, 所…), before any other in 个 (「十二个产业生态圈」)
    counted = COUNTED_NOUN.findall(q.text) if q.unit == "个" else []
    named = [m for m in found if m.group(0).endswith(_KIN_OF_GE) and _names_counted(counted, text, m)]
    if q.unit == "个" and not named and not _MONEY_TOO.search(q.text) and not any(
            m.group(0).endswith("个") for m in found):  # fmt: skip
        # 「…包括多少个项目」 of 「总投资170亿元的108项…」: a count, not the amount beside it (a question
        # asking the amount too, 「…总投资多少」, keeps both)
        named = [m for m in found if m.group(0).endswith(_KIN_OF_GE)]
    if q.unit and not by_change and (named or any(same_unit(m.group(0), q.unit) for m in found)):
        # 「多少条」: 条 where printed, else its kin (处, 项, 个); 名/人/位 are one unit
        exact = [m for m in found if m.group(0).endswith(q.unit)] if q.unit == "条" else []
        found = named or exact or [m for m in found if same_unit(m.group(0), q.unit)]
    if q.unit != "分" and "分" not in q.text and not _POINTS_ASKED_EN.search(q.text):
        # 「多长时间内报送」 of 「…在24小时内报送｜5分」: a score is no answer unless points are asked
        found = [m for m in found if not m.group(0).endswith("分")] or found
    if DURATION_ASKED.search(unasked(q.text)) and not FREQUENCY_ASKED.search(q.text):
        found = [m for m in found if DURATION.fullmatch(m.group(0))] or found  # 「多长时间」: not 「每缺1项」
    if q.lang == "en" and not q.unit and asks_count(q.text, q.lang) and not _AMOUNT_ASKED_EN.search(q.text):
        # "How many mergers…": things counted, not the deal's 27亿元 beside them
        found = [m for m in found if not _MONEY_OR_SHARE.search(m.group(0))] or found
    if not found:
        return []
    asked_years = set(re.findall(_YEAR_ZH if q.lang == "zh" else _YEAR_EN, q.text))
    if asked_years and not change and not _states_year(text, asked_years):
        # 「2024年的专项经费是多少」 of 「2025年…680万元，较2024年的520万元增长30.8%」: the base year's
        # figure, unless the text states that year's own (「截至2024年底，累计建成36个…较2024年的8个增加4个」)
        based = {m.start() for m in base_figures(text, asked_years)}
        found = [m for m in found if m.start() in based] or found
    # 「…落地47支，规模达超50亿美元」 asked 「规模多大」: the figure in the clause naming what is measured
    measure = (measured_word(q.text) or measured_beside(q.text)) if q.lang == "zh" else None
    if measure and len(found) > 1:
        found = [m for m in found if measure in _clause_at(text, m.start())] or found
    # "最高罚多少" of "处十万元以上一百万元以下罚款": the limit asked, not every figure
    bounds = asked_bounds(q.text)
    if len(bounds) == 1:
        limits = {m.start() for m in bound_figures(text, next(iter(bounds)))}
        found = [m for m in found if m.start() in limits] or found
    if change and len(re.findall(r"多少|几", q.text)) == 1:
        # 「和上一年相比增长了多少」: the figure the change word leads (「…1286条，较…1144条增长12.4%」)
        changed = [m for m in found if _CHANGE_BEFORE.search(text, max(0, m.start() - 4), m.start())]
        found = changed or found
    aligned = _respectively(q, text, found)
    if aligned:
        return aligned
    if measure and len(found) > 1 and "分别" not in _clause_at(text, found[0].start()):
        # 「完成并购15单、交易总价27亿元」: the figure in the measure's own item (not
        # 「…分别集聚头部企业93家、80家」, one measure for a list of things)
        found = [m for m in found if measure in _clause_at(text, m.start(), "、")] or found
    score = [_terms_near(q, text, m.start()) for m in found]
    best = max(score)
    first = {m.group(0): m for m, s in reversed(list(zip(found, score, strict=True))) if s == best}
    return sorted(first.values(), key=lambda m: m.start())[:2]


def _names_counted(nouns: Sequence[str], text: str, figure: re.Match[str]) -> bool:
    """Whether a noun the question counts with 个 (``nouns``: 「多少个企业党组织」: 企业) is printed just
    before ``figure`` or right after it (「108项生态环境…」)."""
    if not nouns:
        return False
    before = _ITEM_MARK.split(text[max(0, figure.start() - 8) : figure.start()])[-1]  # its own item only
    after = _ITEM_MARK.split(text[figure.end() : figure.end() + 6])[0]  # (「…12家、乡镇…」: the next one's)
    return any(noun in before or noun in after for noun in nouns)


_KIN_OF_GE = ("个", "项", "家", "所", "座", "处")
_MONEY_TOO = re.compile(r"投资|资金|金额|经费|多少钱|多少元|规模|\b(?:value|worth|invest|cost|amount)")
_ITEM_MARK = re.compile(r"[、，,；;。：:]")
# the noun a question counts with 个 (「多少个项目」: 项目)
COUNTED_NOUN = re.compile(r"(?:几|多少)\s*个\s*([\u4e00-\u9fff]{2})")
_YEAR_ZH, _YEAR_EN = r"(?:19|20)\d\d(?=\s*年)", r"\b(?:19|20)\d\d\b"
# A figure stated for the year a change is measured from: 「较2024年的520万元」「由2024年的3分提高至…」,
# 「2024年为188件」 after this year's figure
_BASE_YEAR = re.compile(
    r"(?:较|比|由|从|与|同)\s*((?:19|20)\d\d)\s*年(?:同期|底|末|全年)?(?:的|时的)\s*|"
    r"[，,；;]\s*((?:19|20)\d\d)\s*年(?:同期|全年)?(?:为|是)\s*"
)


def _bases(text: str) -> list[tuple[str, re.Match[str]]]:
    """Each year ``text`` compares with and the figure it gives for it: (2024, 「520万元」) of
    「…680万元，较2024年的520万元增长30.8%」."""
    found = ((m.group(1) or m.group(2), FIGURE_RE.match(text, m.end())) for m in _BASE_YEAR.finditer(text))
    return [(year, figure) for year, figure in found if figure]


def base_figures(text: str, years: set[str]) -> list[re.Match[str]]:
    """The figures ``text`` gives for one of ``years`` it compares with (「较2024年的520万元」: 520万元)."""
    return [figure for year, figure in _bases(text) if year in years]


def _states_year(text: str, years: set[str]) -> bool:
    """Whether ``text`` names one of ``years`` other than as a comparison's base."""
    rest = _BASE_YEAR.sub("", text)
    return any(re.search(rf"{y}\s*年", rest) for y in years)


def base_years(text: str, unit: str | None = None) -> set[str]:
    """The years ``text`` gives a figure of as the base of a comparison (「较2024年的520万元」: 2024), in
    ``unit`` when given (「较2024年的980人次」 gives no count of 期)."""
    return {year for year, figure in _bases(text) if unit is None or same_unit(figure.group(0), unit)}


_MONEY_OR_SHARE = re.compile(r"[元%％]$")
_POINTS_ASKED_EN = re.compile(r"\b(?:points?|scores?|scored|marks?)\b", re.I)
_AMOUNT_ASKED_EN = re.compile(r"\b(?:how much|value|amount|worth|percent|share)\b", re.I)


def _every(text: str, figure: re.Match[str]) -> re.Match[str] | None:
    """A count of times (「1次」) with the period it is counted in before it (「每年至少组织1次」)."""
    if not figure.group(0).endswith("次"):
        return None
    period = None
    for m in EVERY.finditer(text, max(0, figure.start() - 24), figure.end()):  # 「半年召开1次」 holds it
        if m.end() <= figure.start() or m.end() == figure.end():
            period = m
    if period is None or re.search(r"[，。；,;]", text[period.start() : figure.start()]):
        return None
    return re.compile(re.escape(text[period.start() : figure.end()])).match(text, period.start())


def _short_year(text: str, m: re.Match[str], years: set[str]) -> bool:
    """Whether figure ``m`` is a year the question names, written with two digits: 「24年全年」,
    「24年上半年」; not 「连续24年」 (a duration)."""
    short = re.fullmatch(r"(\d\d)\s*年", m[0])
    return bool(short and short.group(1) in years and _YEAR_PART.match(text, m.end()))


_YEAR_PART = re.compile(r"\s*(?:全年|上半年|下半年|年底|年末|年初|底|末|初|以来|，)")


def _is_amount(text: str, m: re.Match[str]) -> bool:
    figure = m.group(0)
    ordinal = text[max(0, m.start() - 1)] == "第"  # 第三十三条: an address
    return not (ordinal or re.fullmatch(r"\d{4}\s*年", figure) or _TRIVIAL.match(figure))


def _respectively(q: Question, text: str, found: list[re.Match[str]]) -> list[re.Match[str]] | None:
    """"空天产业、低空经济、人工智能…分别集聚头部企业93家、80家、54家" asked about 低空经济 -> 80家; asked
    「四个产业生态圈分别集聚了多少家」 (each of them) -> all four."""
    at = text.find("分别")
    if at < 0:
        return None
    items = re.split(r"[、和及]", re.split(r"[，；：,;:]", text[:at])[-1])
    after = [m for m in found if m.start() > at]
    if len(items) < 2 or len(items) != len(after):
        return None
    if "分别" in q.text:  # the question asks each one's: every figure, in the items' order
        return after
    named = [sum(any(x in item for x in g) for g in q.groups) for item in items]
    best = max(named)
    return [after[named.index(best)]] if best and named.count(best) == 1 else None


def _terms_before(q: Question, text: str, at: int) -> int:
    """How many of the question's term groups are written right before position ``at``, where a rank's
    scope is: 「省内」 of 「…获省内第一个、国内第二个…证书」 for the first rank, 「国内」 for the second."""
    before = text[:at].rstrip()
    return sum(any(before.endswith(x) for x in g) for g in q.groups)


def _terms_near(q: Question, text: str, at: int) -> int:
    """How many of the question's term groups the clause around position ``at`` names."""
    clause = _clause_at(text, at)
    return sum(any(x in clause for x in g) for g in q.groups)


def _clause_at(text: str, at: int, more: str = "") -> str:
    marks = "，；。,;" + more
    start = max((text.rfind(ch, 0, at) for ch in marks), default=-1) + 1
    ends = [e for e in (text.find(ch, at) for ch in marks) if e >= 0]
    return text[start : min(ends) if ends else len(text)]


def readable(span: Span) -> Span:
    """A clause widened to its whole sentence when that stays short enough to read as a statement;
    else, when it ends in a subordinate phrase (「…的基础上」, 「…的同时」), carried on to the clause
    that completes it. A rule is quoted with its proviso (``with_proviso``)."""
    return with_proviso(_with_rule(_widened(span)))


# A law's proviso (但书): the clause after a rule that says where it does not hold. 「…拒绝提供产品或者
# 服务；处理个人信息属于提供产品或者服务所必需的除外。」 Quoted without it, the rule reads as absolute.
_PROVISO = re.compile(
    r"(?:\s*[；;，,。]\s*[^。；;\n]{0,80}?的除外|\s*[；;。]\s*但是?[，,]?[^。；;\n]{2,100})(?=[。；;]|\s*$)"
)


def _with_rule(span: Span) -> Span:
    """A proviso quoted alone (「但是，在开展临床试验前应当…备案」) carried back to the rule it qualifies
    (「…不涉及人类遗传资源出境的，不需要批准；」), when the two stay short enough to read: alone it
    answers 「需要批准吗」 with what must be done instead."""
    if not _BUT.match(span.text):
        return span
    text, at = span.hit.chunk.text, span.start - 1
    while at >= 0 and text[at].isspace():
        at -= 1
    if at < 0 or text[at] not in "；;":
        return span
    start = max(text.rfind(x, 0, at) for x in "；;。\n") + 1
    while start < at and text[start].isspace():
        start += 1
    end = span.start + len(span.text)
    if end - start > 2 * MAX_QUOTE or start >= at:
        return span
    return replace(span, start=start, text=text[start:end], sentence=sentence_at(text, start))


_BUT = re.compile(r"但是?[，,]|但(?!书)")


def with_proviso(span: Span) -> Span:
    """``span`` carried on to the proviso that follows it in its passage (「…的除外」, 「但是…」), when
    the two stay short enough to read (``MAX_QUOTE`` twice)."""
    text, end = span.hit.chunk.text, span.start + len(span.text)
    m = _PROVISO.match(text, end)
    if m is None or m.end() - span.start > 2 * MAX_QUOTE:
        return span
    # the sentence it now ends in: what follows the quote (``sentence_after``) is after the proviso
    last = sum(1 for s, _ in sentence_spans(text) if s < m.end()) - 1
    return replace(span, text=text[span.start : m.end()], sentence=max(span.sentence, last))


def _widened(span: Span) -> Span:
    if span.whole:
        return span
    text, bounds = span.hit.chunk.text, _sentence_of(span)
    if bounds is None:
        return span
    s, e = bounds
    if e - s <= MAX_QUOTE:
        return _sentence_span(span, s, e)
    end = span.start + len(span.text)
    if SUBORDINATE_END.search(span.text):
        stop = min((i for i in (text.find(ch, end + 1, e) for ch in "，；。") if i >= 0), default=e)
        if stop - span.start <= MAX_QUOTE:
            return Span(span.hit, text[span.start : stop], span.start, span.sentence, False)
    return span


def _sentence_of(span: Span) -> tuple[int, int] | None:
    """The bounds of the sentence of its passage that ``span`` starts in."""
    return next(((s, e) for s, e in sentence_spans(span.hit.chunk.text) if s <= span.start < e), None)


def _sentence_span(span: Span, s: int, e: int) -> Span:
    """The sentence ``text[s:e]`` of ``span``'s passage, without its closing mark, as a whole quote."""
    return Span(span.hit, span.hit.chunk.text[s:e].rstrip("，。；：、,.;: "), s, span.sentence, True)


def section_name(chunk: Chunk, asked: str) -> str | None:
    """The headings of the outline part of ``chunk`` a question asks for (``asked``, matched by
    SECTION_ASKED): 「哪一章」 the chapter (第X章, else the top part); 「哪一节」「哪个部分」 the part's
    whole path (「6 保障措施 6.2 经费保障」); never an article."""
    parts = [x for x in chunk.section if article_number(x) is None]
    if not parts:
        return None
    if "章" in asked or "chapter" in asked.lower():
        return next((x for x in parts if _CHAPTER.match(x)), parts[0])
    return " ".join(x.rstrip("：:") for x in parts)


_CHAPTER = re.compile(r"第[一二三四五六七八九十百零\d]+章")


def article_label(chunk: Chunk) -> str | None:
    """The article (第X条) a passage sits in, if its document is numbered that way."""
    return next((x for x in reversed(chunk.section) if article_number(x) is not None), None)


def who_claim(q: Question, target: Hit, ranked: Sequence[Span], *, named: bool, role_asked: bool) -> Claim:
    """"X wrote …" / "X's role is …" from a signed article's byline (what supports such a claim)."""
    c = target.chunk
    span = _byline_span(target)
    if span is None:  # no printed byline: the document's line naming its author (a report's speaker
        # under its title), else its best-ranked sentence, else its first
        own = [s for s in (*candidate_spans([target]), *ranked) if s.hit.chunk.doc_id == c.doc_id]
        passages = {s.hit.chunk.chunk_id: s.hit for s in own}.values()  # each passage read once
        lines = (_signed_line(h, c.author) for h in passages) if c.author else iter(())  # a sign-off
        span = next((x for x in lines if x is not None), None)
        span = span or next((s for s in own if c.author and c.author in s.text), None)
        span = span or next((s for s in ranked if s.hit.chunk.doc_id == c.doc_id), None)
        span = span or candidate_spans([target])[0]
    if named and c.role and role_asked:
        lead = t("role_is", q.lang, author=c.author, role=c.role)
    else:
        key = byline_key(c.kind, c.role)
        key = "who_decided" if key == "who_issued" and _DECIDED.search(c.title or "") else key
        lead = t(key, q.lang, author=c.author, role=c.role, title=full_title(c))
    return Claim(lead, span, "。" if q.lang == "zh" else ".")


# a court's judgment or ruling, a body's decision: made (作出), not published (发布)
_DECIDED = re.compile(rf"{DECISION_DOCUMENT}$")


def front_claims(q: Question, hits: Sequence[Hit]) -> list[Claim] | None:
    """What a document's opening passages and sign-off (the first ``hits``, rag.lookup.front_article)
    state about it, as the question asks it: who issued or delivered it, the day (its sign-off's or
    the occasion's under its title), its number; each claim cites the line that states it. None when
    the question asks none of these of a document; [] when the document does not state it."""
    asked = front_asked(q.text)
    if not hits or not asked or hits[0].chunk.kind != KIND_DOCUMENT or hits[0].chunk.start != 0:
        return None
    hit, c = hits[0], hits[0].chunk
    kinds = front_kind(q.text) if q.lang == "zh" else ()
    if kinds and not of_kind(c.title or "", kinds):  # 「认定后由谁发布公告」 of a law: no
        return None  # 公告 is asked about, it asks what the law says
    front = [h for h in hits[:3] if h.chunk.doc_id == c.doc_id]
    claims = []
    title = _opening_line(hit) if "title" in asked and c.title else None
    if title is not None:
        claims.append(Claim(t("doc_title", q.lang, title=c.title), title, ""))
    found = (x for h in front if (x := line_span(h, _ADDRESSEE_LINE))) if "addressee" in asked else iter(())
    addressed = next(found, None)
    if addressed is not None:  # 「各区县人民政府，市政府各部门：」 under the title
        claims.append(Claim(addressed.text.rstrip("：:"), addressed, ""))
    if "issuer" in asked and c.author:
        claims.append(who_claim(q, hit, candidate_spans(front), named=False, role_asked=False))
    elif "issuer" in asked:  # 「编印单位：…」 over a quiz bank, 「编制单位：…」 over a lesson plan
        span = next((x for h in front if (x := line_span(h, _COMPILER_LINE)) is not None), None)
        if span is not None:
            claims.append(Claim(re.split(r"[：:]", span.text, maxsplit=1)[-1].strip(), span, ""))
    # the day is the sign-off's (its passage) or the occasion's under the title, never a deadline's line
    signers = [h for h in front if c.author and _signed_line(h, c.author)]
    # …or the passage after the sign-off's, when the day is its first line
    signed = [h for h in front[1:] if h in signers or (
        any(s.chunk.start < h.chunk.start <= s.chunk.end + 1 for s in signers)
        and re.fullmatch(_DATE_LINE, h.chunk.text.split("\n", 1)[0].strip()))]  # fmt: skip
    if not any(h in signers for h in front[1:]):  # no signer's line under the text (a court's judges
        # sign; its name heads the text): the last passage's day alone on its line
        signed = [h for h in front[1:] if line_span(h, DAY) is not None][-1:]
    looks = {"number": [(_DOC_NUMBER.pattern, front)],  # a notice's 文号, a newsletter's 「第3期」
             "date": [(_DATE_LINE, [hit, *signed]), (_META_DATE, [hit]), (_ISSUED_DATE, [hit])]}  # fmt: skip
    for key in [k for k in looks if k in asked]:
        found = (line_span(h, pattern) for pattern, where in looks[key] for h in where)
        span = next((x for x in found if x is not None), None)
        if span is not None:
            found_value = (_DOC_NUMBER if key == "number" else _ANY_DATE).search(span.text)
            value = re.sub(r"\s+", "", found_value.group() if found_value else span.text)
            if found_value and re.fullmatch(STANDARD_NUMBER, found_value.group()):
                value = found_value.group()  # 「DB68/T 0417—2025」: its space is part of the number
            if key == "date" and _OCCASION_ASKED.search(q.text):  # 「哪天、在哪次会议上作的」: the occasion
                line, titled = _OCCASION.match(span.text), _OCCASION_TITLE.match(c.title or "")
                value = line.group(1) if line else f"{value}，{titled.group(1)}" if titled else value
            day = re.sub(r"\s+", "", found_value.group()) if found_value else value
            english = english_value(day) if q.lang == "en" and key == "date" else None
            shown = f"{english} ({value})" if english else value
            if claims and key == "date":  # "…was issued by X, on 8 March 2025": one sentence, two citations
                shown = t("on_date", q.lang, date=shown)  # "on 8 March 2025 (2025年3月8日)", as quoted
            claims.append(Claim(shown, span, ""))
    if not claims:
        return []  # asked of the document, which does not state it (no sign-off, no number)
    end = "。" if q.lang == "zh" else ". "
    joined = t("on_date", q.lang, date="")  # the date goes on the byline's sentence
    return [replace(x, tail="" if i + 1 < len(claims) and claims[i + 1].lead.startswith(joined) else end)
            for i, x in enumerate(claims)]  # fmt: skip


def _opening_line(hit: Hit) -> Span | None:
    """The first line of ``hit``'s passage: what a claim about the document's title cites (the loader
    keeps the title apart from the text, and the citation shows it over this line)."""
    text = hit.chunk.text
    for at, line in lines_with_offsets(text):
        if line.strip():
            start = at + line.index(line.strip())
            return Span(hit, line.strip(), start, sentence_at(text, start), True)
    return None


# an addressee's line: bodies or a person set apart by 、 or ，, or a body or a deputy alone, then a colon
_ADDRESSEE_LINE = (r"[\u4e00-\u9fff（）()]{2,30}(?:[、，,][\u4e00-\u9fff（）()]{2,30})+[：:]|"
                   r"[\u4e00-\u9fff（）()]{2,30}(?:单位|部门|政府|机关|代表|委员|同志)[：:]")
_COMPILER_LINE = r"(?:编印|编制|印发|编写|编辑|制发)单位\s*[：:]\s*\S.{0,60}"


def line_span(hit: Hit, pattern: str) -> Span | None:
    """The first line of ``hit``'s passage that is ``pattern`` whole (a sign-off, a date line)."""
    text = hit.chunk.text
    for at, line in lines_with_offsets(text):
        stripped = line.strip()
        if stripped and re.fullmatch(pattern, stripped):
            start = at + line.index(stripped)
            return Span(hit, stripped, start, sentence_at(text, start), True)
    return None


def _signed_line(hit: Hit, author: str) -> Span | None:
    """The line of ``hit``'s passage that is ``author`` alone: a notice's sign-off, a speaker's line (two
    bodies signing jointly, 「A、B」, print theirs on one line set apart by spaces)."""
    return line_span(hit, r"\s+".join(re.escape(x) for x in author.split("、")))


# A date line: a notice's sign-off day (「2025年3月8日」), a report's occasion
# (「——2025年1月16日在…会议上」) or a speech's day in brackets under its speaker (「（2026年3月18日）」)
_DATE_LINE = rf"(?:[—－-]{{0,2}}\s*{DAY}(?:\s*在.{{2,60}}上\S{{0,6}})?|[（(]\s*{DAY}\s*[）)])"
_DOC_NUMBER = re.compile(f"{DOC_NUMBER}|{ISSUE_NUMBER}|{STANDARD_NUMBER}")  # 「DB68/T 0417—2025」 too
# a report's occasion line, and a question asking it (「在哪次会议上作的」, "at which meeting")
_OCCASION = re.compile(r"[—－-]{1,2}\s*(\S.*上\S{0,6})$")
# a speech's title says where it was given: 「在全市国家安全工作会议上的讲话」
_OCCASION_TITLE = re.compile(r"(在\S{2,40}?上)的(?:讲话|报告|发言|致辞|主旨演讲)$")
_OCCASION_ASKED = re.compile(
    r"在哪|哪一?[次个届](?:会|常委会|大会)|什么会|"
    r"\b(?:which|what) (?:meeting|session|conference)\b|\bwhere\b",
    re.I,
)
_ANY_DATE = re.compile(rf"{DAY}|\d{{4}}[-./]\d{{1,2}}[-./]\d{{1,2}}")
# The fields a web page prints under its title (rag.structure.front_matter keeps them as one line):
# 「来源：青禾市应急管理局 发布时间：2025-05-12」
# 「青岚市统计局　2026年3月20日」 under a bulletin's title, 「…办公室编　2026年4月20日」 under a newsletter's
_ISSUED_DATE = rf"{ISSUING_BODY}{COMPILED}\s+{DAY}{PRINTED}"  # 「…办公室　2026年2月10日印发」
_META_DATE = (rf"(?=.*(?:{ISSUER_LABEL}|{DATE_LABEL}))(?:\S+[：:]\S+\s+)*{ANY_DATE_LABEL}"
              r"\s*\d{4}[-年./]\S+(?:\s+\S+[：:]\S+)*")  # a bare 「时间：…」 is an event's


def byline_key(kind: str, role: str | None) -> str:
    """The string saying who is behind a unit: an article's writer, a report's speaker (a document
    with a role under its title), a notice's issuing body (a document without)."""
    if kind == KIND_DOCUMENT:
        return "who_delivered" if role else "who_issued"
    return "who_wrote" if role else "who_wrote_norole"


_ARTICLE_LEAD = re.compile(r"第[零一二两三四五六七八九十百千\d]+条$")


def _joined(claims: list[Claim], lead: str) -> list[Claim]:
    """Claims as one answer: the short answer first, "；" between points, "。" at the end."""
    out = [replace(c, tail="：" if _opens_items(c, d) else "；") for c, d in pairwise(claims)]
    out.append(replace(claims[-1], tail="。"))
    if lead:  # "三个月。采取…三个月[1]。", "《…法》第三十七条规定：关键信息…[1]。"
        joiner = "规定：" if _ARTICLE_LEAD.search(lead) else "。"  # 「58条」 counts, it cites nothing
        out[0] = replace(out[0], lead=f"{lead}{joiner}{out[0].lead}")
    return out


def _opens_items(claim: Claim, after: Claim) -> bool:
    """Whether ``claim`` quotes a list's lead-in and ``after`` one of its items (「…行为[1]：（五）…」)."""
    lead = LEAD_IN.search(claim.span.text.rstrip()) or "下列" in claim.span.text  # 「有下列情形之一的，…」
    return bool(lead and ITEM_RE.match(after.span.text) and not ITEM_RE.match(claim.span.text))


def _points(q: Question, best: Span, ranked: Sequence[Span]) -> list[Span]:
    """A "how" question's measures or an enumeration's items: the best quote, then the next-best
    quotes of the same document (a list's items when the quote introduces one), in text order."""
    # 「有下列情形之一的，…应当主动删除个人信息」 announces its items mid-sentence: alone it says nothing
    announced = bool(_ANNOUNCED.search(best.text)) and not ITEM_RE.match(best.text)
    lead_in = bool(LEAD_IN.search(best.text.rstrip())) or announced
    term = defined_term(q.text)
    if term and not lead_in and definition_clause(best.text, term):  # 「（三）网络运营者，是指…」 in a list
        return [best]  # of definitions answers 「“网络运营者”包括哪些人」 alone, not with its neighbours
    # 「（三）有下列情形之一的，实行一票否决…：」, an item of its own that ends its line announcing the
    # lines after it (「1.…；」): those lines are the list
    numbered_lead = bool(ITEM_RE.match(best.text) and _ANNOUNCED.search(best.text)) and _colon_after(best)
    # 「在什么情况下…应当删除」 asks the circumstances such a lead-in lists: all of them
    whole_list = asks_enumeration(q.text) or (lead_in and term is not None) or (
        (announced or numbered_lead) and bool(_CASES_ASKED.search(q.text)))
    lines = _listed_lines(best) if numbered_lead and (whole_list or q.shape == SHAPE_HOW) else []
    if lines:
        return [best, *lines[:MAX_ITEMS]]
    # 「“四个不”是什么」 of 「提醒群众做到“四个不”：不在…；不下载…；…」: the term the question quotes,
    # counted, is what the quote's sentence lists after its colon
    named = _TERM_LISTED.search(best.text)
    term_listed = named is not None and named["term"] in q.text
    counted = _counted_items(best, opened=whole_list or q.shape == SHAPE_HOW or term_listed)
    if counted:  # 「…四种渠道举报：一是…」: its 二是, 三是… follow in the paragraph
        return [best, *counted[:MAX_ITEMS]]
    inline = _inline_items(best) if whole_list else []
    if inline:  # 「出现下列情形之一的：A；B；C。」: the items run on in the sentence, set apart by ；
        return [best, *inline[:MAX_ITEMS]]
    lead = _after_head(best) if whole_list else None
    inline = _inline_items(lead) if lead is not None else []
    if inline:  # 「（1）一级响应（特别重大）。出现下列情形之一的：A；B。」 of its head
        return [best, lead, *inline[:MAX_ITEMS]]
    items = _article_items(best, ranked) if whole_list or lead_in else []
    if whole_list and len(items) >= 2:  # 「间谍行为有哪些」 of an article listing them: its items, in order
        announces = lead_in or "下列" in best.text  # 「有下列情形之一的，…应当…」 leads its items too
        return ([best] if announces and not ITEM_RE.match(best.text) else []) + items[:MAX_ITEMS]
    if lead_in and items and q.shape == SHAPE_HOW:  # 「可以采取哪些措施」 of 「采取下列措施：」: the measures
        return [best, *(items if len(items) <= MAX_POINTS + 1 else _best_items(items, ranked, MAX_POINTS))]
    if lead_in and items:  # 「不得有下列行为」 alone answers nothing: the items the question is closest to
        return [best, *_best_items(items, ranked)]
    # 「自觉履行下列义务：」 then 「1. …；」 line by line (a guideline's list, not a law's （一）), for a
    # question asking the items or how; who or how many is said before the lead-in (「…是第一责任人，…
    # 主要履行以下职责：」)
    listing = whole_list or q.shape == SHAPE_HOW
    lines = _listed_lines(best) if lead_in and listing and not items else []
    if lines:
        return [best, *lines[:MAX_ITEMS]]
    enumerates = best.text.rstrip().endswith(("：", ":"))
    if q.shape != SHAPE_HOW and not enumerates:
        lead = _lead_in_of(best, ranked) if ITEM_RE.match(best.text) and "是指" not in best.text else None
        lead = lead or (item_head(best) if GRADE_ASKED.search(q.text) else None)
        return [lead, best] if lead else [best]
    same = [s for s in ranked if _same_part(s.hit.chunk, best.hit.chunk) and s.whole]
    points = [best]
    if q.shape == SHAPE_HOW and not enumerates and _MEASURES_ASKED.search(q.text):  # measures first
        # (the clause after the best one's 「；」 goes on with it: 「…给予补偿；造成人身伤害或者死亡的，…给予
        # 抚恤优待」 answers the second half of 「财产受了损失，或者人受伤…怎么处理」)
        acting = [s for s in same if not _framing(s.text) or _goes_on(s, best)]
        same = acting if len(acting) >= BEST_ITEMS else acting + [s for s in same if _framing(s.text)]
        if len(acting) >= BEST_ITEMS and _heading(best):  # a heading names no measure: the document's
            points = []  # measures answer, the heading chose the document
    if enumerates:  # the items that follow the lead-in in its passage
        same = [s for s in same if s.hit.chunk.chunk_id == best.hit.chunk.chunk_id and s.start > best.start]
        same.sort(key=lambda s: s.start)
    for s in same:
        if len(points) > MAX_POINTS or sum(len(p.text) for p in points) > 2 * MAX_QUOTE:
            break
        if all(not _overlaps(s, p) for p in points):
            points.append(s)
    if enumerates:
        return points
    # a numbered item's own points first (「案例二：…」 asked of, then 「案例一：…」 beside it in its passage)
    own = outline_numbered(best.text)
    return sorted(points, key=lambda s: (own and not _same_line(s, best), s.hit.rank, s.start))


_ANNOUNCED = re.compile(r"下列[^，。；：:]{0,12}之一")
_ANNOUNCES = re.compile(LIST_AHEAD)
_CASES_ASKED = re.compile(
    r"什么(?:样的)?(?:情况|情形|条件)|哪些?(?:种)?(?:情况|情形|条件)|何种(?:情况|情形)|"
    r"\b(?:under|in) what (?:circumstances|cases|situations|conditions)\b",
    re.I,
)
# Points counted in prose: 「一是…；二是…；三是…」 (also 第一，…第二，…).
_FIRST_POINT = re.compile(r"(?:^|[：:，,。；;])\s*(?:一是|第一[，,、])")
_NEXT_POINT = re.compile(r"^(?:[二三四五六七八九十]是|第[二三四五六七八九十][，,、])")


def _counted_items(best: Span, *, opened: bool) -> list[Span]:
    """The points after ``best`` in its paragraph when ``best`` opens a count of them (「一是…」) and
    the question asks for them all (``opened``), or when it announces a count, or a list is asked for,
    and the next sentence opens one (「主要有三个新特点。一是…」, 「…存在的问题和不足。第一，…」: the quote
    alone names none of them)."""
    opens = _FIRST_POINT.search(best.text)
    # 「存在的问题和不足。第一，…；第二，…」: a list asked for, the next sentence may open the count
    if (opens and not opened) or not (opens or _COUNT.search(best.text) or opened):
        return []  # most quotes: nothing counted, so the passage is not read again
    text = best.hit.chunk.text
    end = text.find("\n", best.start + len(best.text))
    end = len(text) if end < 0 else end
    later, at = [], best.start + len(best.text)
    for s in sorted(candidate_spans([best.hit]), key=lambda s: (s.start, -len(s.text))):
        if at <= s.start < end:  # each point once: a sentence's clause windows overlap it
            later.append(s)
            at = s.start + len(s.text)
    if opens:
        return [s for s in later if _NEXT_POINT.match(s.text)]
    # 「“三类陷阱”，分别是：高薪兼职类，…；咨询调研类…」, 「做到“四个不”：不在…；不下载…」
    if opened and (_NAMES_AFTER.search(best.text) or _TERM_LISTED.search(best.text)):
        stop = text.find("。", best.start + len(best.text))  # the sentence's other items, after its ；
        stop = end if stop < 0 else min(stop, end)
        return [s for s in later if s.start < stop]
    if later and _FIRST_POINT.match(later[0].text):
        return [later[0], *(s for s in later[1:] if _NEXT_POINT.match(s.text))]
    return []


_COUNT = re.compile(r"[两二三四五六七八九十几](?:个|种|项|点|条|类|方面)")
_NAMES_AFTER = re.compile(r"(?:分别是|分别为|依次是|包括)[：:]")  # a count's items named in its sentence
# a term counting what it names, quoted, then its items after a colon: 「“五个既重视又重视”：既重视…」
_TERM_LISTED = re.compile(  # (a count: 「三个确保」「四不」, not the 一 of 「一网通办」)
    r"[“\"「『](?P<term>[^”\"」』]{0,12}(?:[一二两三四五六七八九十]+(?:个|项|条|种|类|点|大|方面)|"
    r"[二两三四五六七八九十])[^”\"」』]{0,12})[”\"」』][：:]"
)


# What a measure says: an act of the doer (推进, 建成, 开展…), in official Chinese prose.
_ACTS = re.compile(
    r"推进|推动|实施|建设|建成|建立|开展|加强|强化|打造|完善|健全|落实|深化|提升|优化|支持|引导|鼓励|构建|培育|"
    r"组织|制定|出台|部署|推广|设立|成立|举办|创建|整治|治理|修复|引进|招引|发挥|探索|加快|搭建|上线|投用|排查|"
    r"监测|处置|防范|保护|采取|执行|配合|报告|审查|检查|评估|改造|升级|扩大|拓展|布局|签约|服务"
)
# What only frames the measures: a leader's words quoted (「…强调」), a statement of what something is
# (「粮食安全是“国之大者”」), a heading (「向新而行，筑起粮食安全“护城河”」: short, no act).
_FRAMING = re.compile(r"强调|指出|重要讲话|重要论述|重要指示|嘱托|^[^，,；]{1,16}是(?![否指])")


# A question asking what is done (「做了哪些工作」「怎么守住耕地」, "what steps"), not how a rule works
# (「复核决定的效力是怎样的」: 「复核决定为最终决定」 answers it, with no act in it).
_MEASURES_ASKED = re.compile(
    r"措施|举措|做法|办法|手段|工作|(?:做|干|办)了|行动|(?:如何|怎么|怎样)(?!的|样|说|讲|是|回事)|"
    r"\b(?:measures|steps|actions|done|doing)\b|\bhow (?:does|do|did|can|will|to)\b",
    re.I,
)


def _same_part(c: Chunk, best: Chunk) -> bool:
    """Whether ``c`` is in the part of the document ``best`` is in: the same article of a page; the
    same section of a document with an outline (a report's 「（五）坚持生态优先」 under 「一、2024年工作
    回顾」 is what was done for the environment, not what will be, nor what was done for trade); any
    article of a law (measures span articles); in a section of numbered items (「2.提振消费需求。…」), the
    same item."""
    if c.doc_id != best.doc_id:
        return False
    if not best.section or article_number(best.section[-1]) is not None:
        return True
    item = outline_numbered(best.text)
    return c.section == best.section and (not item or c.paragraph_index == best.paragraph_index)


def quoted_lead_in(span: Span) -> tuple[int, int] | None:
    """Where, in its passage, the clause introducing the statement ``span`` is quoted from lies
    (「数据安全法第三十六条规定：“…非经…批准，不得…”」: 「数据安全法第三十六条规定」, before 「：“」);
    None when ``span`` is inside no quoted statement."""
    text = span.hit.chunk.text
    opened = text.rfind("“", 0, span.start + 1)
    if opened <= 0 or text.find("”", opened, span.start) >= 0 or text[opened - 1] not in "：:":
        return None
    start = max(text.rfind(x, 0, opened - 1) for x in "。；！？：:\n") + 1  # the lead-in's clause
    while start < opened and text[start].isspace():
        start += 1
    return start, opened - 1


def _goes_on(span: Span, best: Span) -> bool:
    """Whether ``span`` is the clause right after ``best``'s 「；」 in its passage."""
    if span.hit.chunk.chunk_id != best.hit.chunk.chunk_id:
        return False
    return span.hit.chunk.text[best.start + len(best.text) : span.start].strip() in ("；", ";")


def _same_line(span: Span, item: Span) -> bool:
    """Whether ``span`` is on the line of its passage ``item`` is on (or in another passage)."""
    if span.hit.chunk.chunk_id != item.hit.chunk.chunk_id:
        return True
    text = item.hit.chunk.text
    return text.rfind("\n", 0, span.start) == text.rfind("\n", 0, item.start)


def _heading(span: Span) -> bool:
    """Whether ``span`` is a heading: set as its own paragraph (「向新而行，筑起粮食安全“护城河”。」) or
    a numbered one opening its paragraph (「2.提振消费需求」), naming no act."""
    numbered = outline_numbered(span.text) and len(span.text) <= _HEADING_CHARS // 2
    return numbered or (len(span.hit.chunk.text.strip()) <= _HEADING_CHARS and not _ACTS.search(span.text))


_HEADING_CHARS = 30


def _framing(text: str) -> bool:
    """Whether a sentence frames measures rather than stating one (``_FRAMING``, or no act at all)."""
    return bool(_FRAMING.search(text)) or not _ACTS.search(text) or len(text) < 20


def _article_items(best: Span, ranked: Sequence[Span]) -> list[Span]:
    """The numbered items （一）（二）… of the article ``best`` is in (its lead-in or one of its items),
    each once (its whole sentence when that is a candidate), in the law's order, from the candidates
    of every retrieved piece of that article."""
    c = best.hit.chunk
    if not c.section or not (ITEM_RE.match(best.text) or c.context or _ANNOUNCES.search(best.text)):
        return []
    if article_number(c.section[-1]) is None and not (ITEM_RE.match(best.text) or LEAD_IN.search(best.text)):
        return []  # outside a law's article, a sentence inside item （二） does not list 「（二）…（六）…」
    found: dict[str, tuple[int, Span]] = {}
    for s in ranked:
        m = ITEM_RE.match(s.text)
        if not m or s.hit.chunk.doc_id != c.doc_id or s.hit.chunk.section != c.section:
            continue
        at, held = s.hit.chunk.start + s.start, found.get(m.group())
        if held is None or (s.whole and not held[1].whole):
            found[m.group()] = (at, s if s.whole else _whole_item(s))
    return [s for _, s in sorted(found.values(), key=lambda x: x[0])]


def _listed_lines(lead: Span) -> list[Span]:
    """The items on the lines after a lead-in that ends its line (「…自觉履行下列义务：」, then 「1. 遵守…；」
    「2. …」 or 「（1）」「①」「□」 lines), each without its number, as far as the passage holds them."""
    text = lead.hit.chunk.text
    end = lead.start + len(lead.text)
    newline = text.find("\n", end)
    if newline < 0 or text[end:newline].strip(" ：:\u3000"):
        return []
    items, at = [], newline + 1
    for line in text[at:].split("\n"):
        m = _LINE_ITEM.match(line)
        if not m:
            break
        body = line[m.end() :].rstrip().rstrip("；;。")
        if body:
            start = at + m.end()
            items.append(Span(lead.hit, body, start, sentence_at(text, start), True))
        at += len(line) + 1
    return items


def _colon_after(span: Span) -> bool:
    """Whether ``span`` is followed by a colon in its passage (its sentence announces what follows)."""
    end = span.start + len(span.text)
    return span.hit.chunk.text[end : end + 1] in ("：", ":")


# (a standard lists its items 「a）」「b）」)
_LINE_ITEM = re.compile(r"\s*(?:\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[)）]|[①-⑳]|□|[a-z][)）])\s*")


def _lead_in_of(item: Span, ranked: Sequence[Span]) -> Span | None:
    """The lead-in of the article list ``item`` is numbered in, when a retrieved piece quotes it: an
    item says what it does only under its lead-in (「（五）将未经安全技术处理的…涉密信息设备…出售」 is
    what 「任何组织和个人不得有下列行为：」 forbids; alone it reads as allowed), or a sentence announcing
    it (「有下列情形之一的，依法依规严肃追究…责任」, its ： cut off by the quote). The lead-in nearest
    before the item in the same article. An item defining a term (「（三）去标识化，是指…」) reads alone."""
    c = item.hit.chunk
    if not c.section:
        return None
    at = c.start + item.start
    article = (c.doc_id, c.section)
    leads = [s for s in ranked
             if (s.hit.chunk.doc_id, s.hit.chunk.section) == article and not ITEM_RE.match(s.text)
             and s.hit.chunk.start + s.start < at
             and (LEAD_IN.search(s.text.rstrip()) or _ANNOUNCED.search(s.text))]  # fmt: skip
    return max(leads, key=lambda s: s.hit.chunk.start + s.start, default=None)


def _inline_items(best: Span) -> list[Span]:
    """The clauses after ``best`` in its paragraph when ``best`` opens an inline list (「下列情形之一
    的：」 and its first item, the rest set apart by ；), each a whole clause."""
    if not _INLINE_LEAD.search(best.text):
        return []
    text = best.hit.chunk.text
    end = text.find("\n", best.start)
    end = len(text) if end < 0 else end
    if "；" not in text[best.start : end]:
        return []
    after = best.start + len(best.text)
    return sorted((s for s in candidate_spans([best.hit]) if s.whole and after <= s.start < end),
                  key=lambda s: s.start)  # fmt: skip


def _after_head(head: Span) -> Span | None:
    """The sentence right after ``head`` when ``head`` is a numbered item's head (the lead-in of an
    inline list, when ``_inline_items`` finds one)."""
    text = head.hit.chunk.text
    m = _HEAD.match(text, text.rfind("\n", 0, head.start) + 1)
    if m is None or m.start(1) != head.start or m.group(1) != head.text:
        return None
    nxt = [s for s in candidate_spans([head.hit]) if s.whole and s.start > head.start]
    return min(nxt, key=lambda s: s.start, default=None)


_INLINE_LEAD = re.compile(rf"{LIST_AHEAD}[^，。；：:]{{0,16}}[：:]\S")  # 「以下渠道及时向…举报：拨打…」


def item_head(span: Span) -> Span | None:
    """The head of the numbered item ``span`` lies inside, when the item opens with one and the quote
    is further on: 「（2）Ⅱ级响应（重大事件）。出现下列情形之一的：…；机密级国家秘密泄露的；…」 says
    which level 「机密级国家秘密泄露的」 calls for only in its head."""
    text = span.hit.chunk.text
    line = text.rfind("\n", 0, span.start) + 1
    head = _HEAD.match(text, line)
    if head is None or span.start < head.end():
        return None
    body = head.group(1)
    return Span(span.hit, body, head.start(1), sentence_at(text, head.start(1)), True)


_POINT_ASKED = re.compile(r"第几(?:条|点|项|部分)|哪一?(?:条|点|项)")
# a point's own number (「七、」「（三）」「2.」): narrower than rag.structure.outline_numbered, whose
# 「案例二：」 names a case, not the point a 哪一条 asks for
_NUMBERED_HEAD = re.compile(r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[.．、]")


def _by_period(span: Span) -> str:
    """The frequency ``span`` states by the period (「按月监测…」: 按月), "" when it states none so."""
    m = FREQUENCY.search(span.text)
    return m.group(0) if m and m.group(0).startswith("按") else ""


def _run_in_head(span: Span) -> str | None:
    """The head a report's numbered paragraph opens with, run in before its text (「（一）宣传教育资源分布
    不均衡。全市现有…」, 「6.建立监测评估机制，推动工作闭环。将…」), when ``span`` lies in that paragraph."""
    text = span.hit.chunk.text
    line = text.rfind("\n", 0, span.start + 1) + 1
    head = _RUN_IN_HEAD.match(text, line)
    return head.group(1) if head and span.start >= head.start(1) else None


_RUN_IN_HEAD = re.compile(
    r"\s*((?:[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、](?!\d)|[一二三四五六七八九十]{1,3}、)"
    r"[^。；：:;\n]{2,30})[。：:]"
)


# A numbered item's head: its number and a short name closed by 。 or ：, nothing else in the name
_HEAD = re.compile(
    r"\s*((?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)[^，。；：:,;\n]{2,20})[。：:]"
)


def _best_items(items: list[Span], ranked: Sequence[Span], count: int = BEST_ITEMS) -> list[Span]:
    """The ``count`` of an article's ``items`` ranked best among the candidates (their numbers
    （一）… in ``ranked``'s order), in the law's order."""
    article = (items[0].hit.chunk.doc_id, items[0].hit.chunk.section)
    first: dict[str, int] = {}
    for i, s in enumerate(ranked):
        m = ITEM_RE.match(s.text)
        if m and (s.hit.chunk.doc_id, s.hit.chunk.section) == article:  # another article's （一） is not this
            first.setdefault(m.group(), i)
    by_rank = sorted(items, key=lambda s: first.get(ITEM_RE.match(s.text).group(), len(ranked)))
    return sorted(by_rank[:count], key=lambda s: s.hit.chunk.start + s.start)


def _whole_item(span: Span) -> Span:
    """An item cut at a comma (a long sentence's clause window) as its whole sentence, however long:
    「（三）…资助他人实施」 alone leaves out what the item forbids."""
    bounds = _sentence_of(span)
    return span if bounds is None else _sentence_span(span, *bounds)


def _overlaps(a: Span, b: Span) -> bool:
    if a.hit.chunk.text != b.hit.chunk.text:
        return a.text in b.text or b.text in a.text
    return a.start < b.start + len(b.text) and b.start < a.start + len(a.text)


def _narrowed(q: Question, span: Span) -> Span:
    # A quantity answer quoting several 、-joined statements is cut to the statement holding the
    # figure and most of the question's terms; a tie keeps the quote whole.
    if q.shape != SHAPE_QUANTITY:
        return span
    parts = [p for p in statement_parts(span) if has_figure(p.text)]
    if q.unit and any(has_figure(p.text, q.unit) for p in parts):
        parts = [p for p in parts if has_figure(p.text, q.unit)]
    found = [sum(any(x in p.text for x in g) for g in q.groups) for p in parts]
    if not found or found.count(max(found)) > 1 or not max(found):
        return span
    return parts[found.index(max(found))]


def _scene_figure(q: Question, span: Span) -> Span:
    """"空气质量优良天数比率再创新高（81.4%）的基础上，深化系统治水" asked for the ratio: the figure sits
    in the clause that sets the scene, so that clause, without its 「的基础上」, is the statement."""
    m = _SCENE.search(span.text)
    if not m or not asked_figures(q, span.text[: m.start()]):
        return span
    head = span.text[: m.start()].rstrip("，,、 ")
    return Span(span.hit, head, span.start, span.sentence, False) if len(head) >= 8 else span


def _with_source(span: Span) -> str:
    c = span.hit.chunk
    where = " · ".join(c.section[-1:])
    return f"{book(c.title)}{where}：{span.text}" if c.title else span.text


def _novelty(quote: str, question: str) -> float:
    chars = [ch for ch in quote if "\u4e00" <= ch <= "\u9fff"]
    return sum(ch not in question for ch in chars) / len(chars) if chars else 1.0


def according_to(span: Span) -> str:
    c, quote = span.hit.chunk, excerpt(span)
    label = article_label(c)
    if label and c.title:
        return t("according_to_law", "en", title=c.title, label=label, quote=quote)
    if not (c.title and c.author):
        return t("according_to_untitled", "en", quote=quote)
    role = t("en_role", "en", role=c.role) if c.role else ""
    return t("according_to", "en", title=full_title(c), author=c.author, role=role, quote=quote)


def excerpt(span: Span) -> str:
    """The quote as an answer shows it: with 「…」 in front when it starts inside a sentence of its
    passage (after a comma or 、), so 「治污水平、经济效益“三提升”，加快…」 is not read as a whole
    statement. The citation's quote stays verbatim."""
    text, at = span.hit.chunk.text, span.start - 1
    while at >= 0 and text[at].isspace():  # the page's OCR breaks lines inside sentences
        at -= 1
    # （二）… opens its item, and 二是… its point
    opens = ITEM_RE.match(span.text) or _NEXT_POINT.match(span.text)
    mid = at >= 0 and text[at] in "，、；：,;:" and not opens
    return f"…{span.text}" if mid else span.text


def _byline_span(hit: Hit) -> Span | None:
    """The article's byline as printed (role line, title lines, □author): what supports a who/role
    claim, since a body sentence never states the author or role."""
    c = hit.chunk
    if c.kind != KIND_ARTICLE or not (c.author and c.role):
        return None
    lines = [f"（作者为{c.role}）", *(x for x in (c.title, c.subtitle) if x), f"□{c.author}"]
    byline = " ".join(lines)
    return Span(Hit(replace(c, text=byline), hit.score, hit.rank), byline, 0, 0, True)


__all__ = [
    "DATE_RE", "Claim", "compose", "fact_claims", "make_citation", "strip_markers", "who_claim",
    "with_proviso",
]  # fmt: skip
