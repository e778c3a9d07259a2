"""Candidate features: what the answer selector knows about each quote it could give.

Every candidate quote (a sentence or clause of a retrieved passage, rag.evidence) becomes one row of
numbers: how close it is to the question in meaning (dense cosine) and in words (coverage of the
question's terms), how well its passage ranked, whether it holds what the question's shape asks for
(a figure, a date, an article label, a definition, a list, a body), and question-level evidence
that nothing retrieved holds the asked-about term. The fitted model (rag.answer.model) turns a row
into P(this quote answers the question). No rule here decides anything on its own.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from rag.answer.compose import quoted_lead_in
from rag.answer.scope import haystack
from rag.evidence import Span, coverage, term_weights
from rag.lookup import names_document
from rag.question import (
    ADDRESS_RE,
    CLOCK_RE,
    MONTH_DEADLINE,
    MONTH_OF_YEAR,
    SHAPE_ARTICLE,
    SHAPE_HOW,
    SHAPE_LIST,
    SHAPE_QUANTITY,
    SHAPE_WHEN,
    SHAPE_WHO,
    Question,
    asks_enumeration,
    asks_yes_no,
    has_figure,
    unasked,
)
from rag.records import Chunk, Hit
from rag.structure import CITED_ARTICLE, article_number
from rag.text import DURATION, DURATION_ASKED, EVERY, FREQUENCY_ASKED, LIST_AHEAD

# Question forms the shape detector does not separate but the selector should: a definition
# ("X是指什么", "what is X"), an enumeration (rag.question.asks_enumeration) and a yes/no question.
_DEFINITION = re.compile(
    r"是指|指的是|含义|定义|是什么意思|指什么|\bdefine\b|\bdefinition\b|\bwhat is\b|\bmean\b", re.I
)
# What a definition, a list and an answer naming a body look like in Chinese legal and official text.
_DEFINES = re.compile(r"是指|所称|包括|分为|是.{0,6}的(?:统称|总称)")
# a list: three items with 、 ("A、B、C"), two or more closed by 和/及/或者 ("A、B和C"), numbered items
_LISTS = re.compile(
    r"、.+、|、[^，。；：、]{1,20}(?:和|及|以及|或者|与)|[（(][一二三四五六七八九十\d][)）]|；"
)
# A numbered list's lead-in is the list for an enumeration (「公民和组织应当履行下列维护国家安全的义务：」).
_LEAD_IN = re.compile(rf"{LIST_AHEAD}[^，。；：:]{{0,16}}[：:]?$")
# who answers a "who" question in official text: a body, or a role (负责人, 工作人员; not the 直接责任
# 人员 every penalty clause names)
# who does something: a body, a person named by a post (「…副组长韩景川主持」) or by kin (「父母或者其他
# 监护人的同意」)
_BODY = re.compile(
    r"机关|部门|政府|委员会|法院|检察院|机构|组织|单位|负责人|主席|国务院|办公室|领导小组|局|厅|中心|工作人员|"
    r"书记|部长|主任|厅长|处长|市长|区长|县长|常委|院长|组长|校长|父母|监护人|近亲属|公司|"
    # who signs for a party (「法定代表人或授权代表（签字）：…」)
    r"法定代表人|诉讼代表人|授权代表|[（(]签字[)）]|"
    # a party named by what it does (「奖励最先举报人」)
    r"(?:举报|申请|当事|投资|承租|购买|委托|代理|行为|责任|联系|发起|召集|经营|所有|继承|受益|推荐)人"
)
# what a law allows, forbids or covers (「不适用本法」)
_PERMIT = re.compile(r"可以|应当|不得|有权|禁止|允许|必须|优先|适用本法|适用其规定")
# Where an enumeration question asks its "which": the list answering it sits in a clause naming the
# thing asked about next to it ("哪些重要行业" -> "公共通信、能源、…等重要行业和领域").
_WHICH = re.compile(r"哪些|哪几|哪[两三四五六七八九十]|分别|包括什么|有什么")
_CLAUSE = re.compile(r"[^，。；：,;:]+")
# a day, a year, or a month's end or part (a deadline: 「6月底前」「9月上旬」「年底前」); "今年" dates nothing
_DATED = re.compile(
    rf"\d{{4}}\s*年|\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|\d{{4}}[-./]\d{{1,2}}|{MONTH_DEADLINE}|{MONTH_OF_YEAR}|年底|年末|"
    rf"{CLOCK_RE.pattern}"
)

FEATURES = (
    "sim", "sim_gap", "cov", "cov_gap", "cov_text", "hit_score", "rank_inv", "missing",
    "quoted_missing", "place_missing", "length", "whole", "first",
    "q_quantity", "qty_figure", "qty_unit", "q_when", "when_date", "q_article", "article_label",
    "q_definition", "defines", "q_enum", "lists", "q_who", "who_body", "q_yesno", "permits",
    "q_how", "en", "en_support", "q_duration", "duration", "noun_missing", "nouns_in_passage",
    "q_names_doc", "named_doc", "name_missing", "enum_head",
)  # fmt: skip


# What the refusal decision reads: the selector's view of its best quote and how the question's
# terms fare across everything retrieved (computed from a question's candidate rows). Evidence only:
# the question's form alone (a duration, a who, naming a law) says nothing about whether these
# documents answer it, and a prior learned from which forms the labelled sets happened to leave
# unanswered does not carry over to other documents.
QUESTION_FEATURES = (
    "best_logit", "margin", "best_sim", "max_sim", "best_cov", "max_cov", "best_cov_text", "missing",
    "quoted_missing", "best_place_missing", "en", "en_support", "best_qty_figure",
    "best_qty_unit", "best_when_date", "best_who_body", "best_article_label",
    "best_defines", "best_duration", "missing_x_sim", "noun_missing",
    "best_nouns_in_passage", "best_named_doc", "name_missing", "best_shape_unmet", "none_meets_shape",
)  # fmt: skip
# The question asks a figure, a date, a duration or an article, and the best quote has none.
_ASKS = (("q_quantity", "qty_figure"), ("q_when", "when_date"), ("q_duration", "duration"),
         ("q_article", "article_label"))  # fmt: skip


def meets_shape(rows: np.ndarray) -> np.ndarray:
    """For each candidate of ``rows`` (``FEATURES``), whether it holds what the question asks for: a
    figure, a date, a duration, an article (every one asked); all True when nothing of these is asked."""
    col = {f: i for i, f in enumerate(FEATURES)}
    met = np.ones(len(rows), dtype=bool)
    for q, a in _ASKS:
        met &= ~((rows[:, col[q]] > 0) & (rows[:, col[a]] <= 0))
    return met


def names_body(text: str) -> bool:
    """Whether ``text`` names a body or a post that answers "who" (机关, 部门, 负责人…)."""
    return bool(_BODY.search(text))


def question_features(rows: np.ndarray, logits: np.ndarray) -> np.ndarray:
    """One row of ``QUESTION_FEATURES`` for a question whose candidates have feature ``rows`` and
    selector ``logits`` (any order)."""
    col = {f: i for i, f in enumerate(FEATURES)}
    if not len(rows):
        return np.zeros(len(QUESTION_FEATURES))
    order = np.argsort(-logits, kind="stable")
    best = rows[order[0]]
    second = logits[order[1]] if len(order) > 1 else logits[order[0]] - 5.0
    values = {
        "best_logit": logits[order[0]],
        "margin": logits[order[0]] - second,
        "max_sim": rows[:, col["sim"]].max(),
        "max_cov": rows[:, col["cov"]].max(),
        # Terms no passage holds weigh less when a passage is close in meaning (a paraphrase) than
        # when none is (a question about something else).
        "missing_x_sim": best[col["missing"]] * (1.0 - rows[:, col["sim"]].max()),
        "best_shape_unmet": float(any(best[col[q]] and not best[col[a]] for q, a in _ASKS)),
        # nothing retrieved holds what the question asks for (no figure at all for "多少小时"): the
        # detail is not in the documents, however close the passages are
        "none_meets_shape": float(any(best[col[q]] and not rows[:, col[a]].any() for q, a in _ASKS)),
    }
    for f in QUESTION_FEATURES:
        if f.startswith("best_") and f not in values:
            values[f] = best[col[f.removeprefix("best_")]]
        elif f not in values:
            values[f] = best[col[f]]
    return np.asarray([values[f] for f in QUESTION_FEATURES], np.float64)


def candidate_features(
    q: Question,
    spans: Sequence[Span],
    sims: np.ndarray,
    hits: Sequence[Hit],
    *,
    support: float = 1.0,
) -> np.ndarray:
    """One row of ``FEATURES`` per span. ``sims`` are the spans' dense cosines to the question (0
    without an encoder); ``hits`` are all retrieved passages (for what the question names that none
    holds); ``support`` is the share of an English question's words with a rendering in them."""
    weights = term_weights(q, spans)
    passages = [haystack(h.chunk) for h in hits]
    top_score = max((h.score for h in hits), default=1.0) or 1.0
    covs = [coverage(weights, s.text, _context(s.hit.chunk), s.hit.chunk.text) for s in spans]
    texts = [coverage(weights, s.text) for s in spans]
    max_sim, max_cov = (float(sims.max()) if len(sims) else 0.0), max(covs, default=0.0)
    question = _question_row(q, weights, passages, support)
    nouns = [g for g in weights if g[0] not in q.light]
    titles = {h.chunk.title for h in hits if h.chunk.title}
    named = {t for t in titles if names_document(q.text, t)}
    question["q_names_doc"] = float(bool(named))
    heads = _asked_heads(q) if question["q_enum"] else ()
    often = bool(FREQUENCY_ASKED.search(q.text))  # 「多久…一次」: a period (每年) states how often
    rows = []
    for i, s in enumerate(spans):
        c = s.hit.chunk
        passage = haystack(c)
        span_row = {
            # the question's names and things (not its verbs) found around the quote
            "nouns_in_passage": _share(nouns, passage),
            "named_doc": float(c.title in named),
            "sim": float(sims[i]) if len(sims) else 0.0,
            "sim_gap": (float(sims[i]) - max_sim) if len(sims) else 0.0,
            "cov": covs[i],
            "cov_gap": covs[i] - max_cov,
            "cov_text": texts[i],
            "hit_score": s.hit.score / top_score,
            "rank_inv": 1.0 / max(s.hit.rank, 1),
            "place_missing": float(any(p not in haystack(c) for p in q.places)),
            "length": math.log1p(len(s.text)) / 5,
            "whole": float(s.whole),
            "first": float(s.sentence == 0),
            "enum_head": lists_heads(s.text, heads),
        }
        row = {**question, **span_row, **_shape_match(q, question, s, often)}  # once per span
        rows.append([row[f] for f in FEATURES])
    return np.asarray(rows, np.float64).reshape(len(spans), len(FEATURES))


def _question_row(q: Question, weights: dict, passages: list[str], support: float) -> dict[str, float]:
    total = sum(weights.values()) or 1.0
    text = "\n".join(passages)
    absent = sum(w for g, w in weights.items() if not any(_present(term, text) for term in g))
    nouns = {g: w for g, w in weights.items() if g[0] not in q.light}
    noun_absent = sum(w for g, w in nouns.items() if not any(_present(term, text) for term in g))
    quoted = [x for x in q.quoted if q.lang == "zh" or not x.isascii()]
    return {
        "missing": absent / total,
        "noun_missing": noun_absent / (sum(nouns.values()) or 1.0),
        # a place, body, person, year or Latin term that nothing retrieved mentions (GDP, 惠山, 2031年)
        "name_missing": float(any(not _present(n, text) for n in q.names)),
        # (what an English question quotes in English is not written so: "particularly important")
        "quoted_missing": float(bool(quoted) and not any(all(x in p for x in quoted) for p in passages)),
        "q_quantity": float(q.shape == SHAPE_QUANTITY),
        "q_when": float(q.shape == SHAPE_WHEN),
        "q_article": float(q.shape == SHAPE_ARTICLE),
        "q_definition": float(bool(_DEFINITION.search(q.text))),
        "q_enum": float(q.shape == SHAPE_LIST or asks_enumeration(q.text)),
        "q_who": float(q.shape == SHAPE_WHO),
        "q_yesno": float(asks_yes_no(q.text)),
        "q_how": float(q.shape == SHAPE_HOW),
        "q_duration": float(bool(DURATION_ASKED.search(unasked(q.text)))),
        "en": float(q.lang == "en"),
        "en_support": support if q.lang == "en" else 1.0,
    }


def _shape_match(q: Question, question: dict[str, float], s: Span, often_asked: bool) -> dict[str, float]:
    text = s.text
    amounts = ADDRESS_RE.sub("", text)  # "第三十三条" names an article, not an amount
    # 「多久检测评估一次」 asks how often: 「每年至少进行一次」「每年审核」 state it, with no length of time
    # (「定期」 states no interval)
    often = often_asked and bool(EVERY.search(text))
    figure = has_figure(amounts) or often
    return {
        "qty_figure": question["q_quantity"] * figure,
        "qty_unit": question["q_quantity"] * float(bool(q.unit) and has_figure(amounts, q.unit)),
        "duration": question["q_duration"] * float(bool(DURATION.search(text)) or often),
        "when_date": question["q_when"] * float(bool(_DATED.search(text))),
        "article_label": question["q_article"] * float(_article_named(s)),
        "defines": question["q_definition"] * float(bool(_DEFINES.search(text))),
        "lists": question["q_enum"] * float(bool(_LISTS.search(text) or _LEAD_IN.search(text.rstrip()))),
        "who_body": question["q_who"] * float(bool(_BODY.search(text))),
        "permits": question["q_yesno"] * float(bool(_PERMIT.search(text))),
    }


def _article_named(s: Span) -> bool:
    """Whether ``s`` names an article: the one it sits in (a law's), or, in a document not numbered in
    articles, one it cites (a decision's 「依据《中华人民共和国数据安全法》第四十六条」), or the one citing
    the statement it is quoted from."""
    if any(article_number(x) is not None for x in s.hit.chunk.section):
        return True
    if CITED_ARTICLE.search(s.text):
        return True
    # inside a statement quoted after the article citing it (「第二十八条第一款规定：“…以及不满十四周岁…”」)
    lead_in = quoted_lead_in(s)
    return lead_in is not None and bool(CITED_ARTICLE.search(s.hit.chunk.text, *lead_in))


def _asked_heads(q: Question) -> tuple[str, ...]:
    """The nouns next to an enumeration's "which" (two before it, one after): what is listed."""
    m = _WHICH.search(q.text)
    if not m:
        return ()
    nouns = [(q.text.find(t), t) for t in q.terms if t not in q.light and t in q.text]
    before = [t for at, t in sorted(nouns) if 0 <= at < m.start()][-2:]
    after = [t for at, t in sorted(nouns) if at >= m.end()][:1]
    return (*before, *after)


# what stands between the noun a list is of and the "which" after it: 「义务有哪些」「措施主要包括哪几项」
_NOUN_BEFORE_WHICH = re.compile(r"(?:都|主要|具体|一共|分别)?(?:有|包括|包含|是|为)?$")


def listed_noun(q: Question) -> str | None:
    """The noun right after a question's "which" (「重点瞄准哪些产业」: 产业), what its answer lists, even
    when the question names it earlier too (「抢占未来产业先机」); with none after it, the noun just
    before it (「应当履行的维护国家安全义务有哪些」: 义务)."""
    m = _WHICH.search(q.text)
    if not m:
        return None
    found = [(q.text.find(t, m.end()), t) for t in q.terms if t not in q.light]
    after = [x for x in found if x[0] >= 0]
    if after:
        return min(after)[1]
    head = _NOUN_BEFORE_WHICH.sub("", q.text[: m.start()])
    before = [t for t in q.terms if t not in q.light and head.endswith(t)]
    return max(before, key=len) if before else None


def lists_heads(text: str, heads: tuple[str, ...]) -> float:
    """1 when a clause of ``text`` holds a 、-list and one of the asked-about ``heads``."""
    if not heads or "、" not in text:  # most questions and quotes: nothing to look for
        return 0.0
    return float(any("、" in c and any(h in c for h in heads) for c in _CLAUSE.findall(text)))


def _present(term: str, text: str) -> bool:
    """``term`` in ``text``, or its characters in order within a short stretch: an abbreviation
    (全国人大常委会 in 全国人民代表大会常务委员会)."""
    if term in text:
        return True
    if len(term) < 6 or not all("\u4e00" <= ch <= "\u9fff" for ch in term):
        return False
    return bool(abbreviation(term).search(text))


@lru_cache(maxsize=4096)
def abbreviation(term: str) -> re.Pattern[str]:
    """``term``'s characters in order, at most three apart: how its abbreviation's source reads."""
    return re.compile(".{0,3}".join(map(re.escape, term)))


def _context(c: Chunk) -> str:
    return " ".join(x for x in (c.title, c.subtitle, c.author, c.role, *c.section, c.context) if x)


def _share(groups: list, text: str) -> float:
    """The share of term ``groups`` with a member in ``text`` (1 when there are none)."""
    return sum(any(_present(x, text) for x in g) for g in groups) / len(groups) if groups else 1.0
