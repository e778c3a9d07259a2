"""Answer stage: retrieved passages -> a short answer whose every claim is a cited verbatim quote.

``answer_question`` is the default answerer (no LLM). Structural questions are answered from the
records (a signed article's byline for "who wrote", every matching article for a topical list, an
exact article for 「…法第二条」, rag.kb); every other question goes to one scored decision: each
candidate quote of the retrieved passages gets features (rag.answer.features) and a fitted model
(rag.answer.model) gives P(it answers). The best quote is the answer; the answer is refused only
when that P is under the threshold fit with the model.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Protocol

import numpy as np

from rag.answer.compose import (
    CHANGE_ASKED,
    CHANGE_WORDS,
    COUNTED_NOUN,
    DATES_BY_PRECISION,
    LEAD_IN,
    MARKER_RE,
    MAX_QUOTE,
    Claim,
    according_to,
    article_label,
    base_years,
    compose,
    excerpt,
    fact_claims,
    first_person,
    front_claims,
    full_title,
    item_head,
    make_citation,
    quoted_lead_in,
    readable,
    strip_markers,
    who_claim,
    with_proviso,
)
from rag.answer.contact import contact_claims
from rag.answer.english import english_unit
from rag.answer.exercise import exercise_claims
from rag.answer.features import (
    abbreviation,
    candidate_features,
    listed_noun,
    lists_heads,
    meets_shape,
    names_body,
)
from rag.answer.fields import field_claims
from rag.answer.holder import holder_span, labelled_holder
from rag.answer.model import Selector, load_selector
from rag.answer.penalty import Part, asked_part, asks_most, largest, quote_bounds, same_offence, tiers_named
from rag.answer.ranges import band_holds, stated_amounts
from rag.answer.ranking import (
    every_row_claims,
    extreme_claims,
    filtered_claims,
    leading_claims,
    placed_claims,
    row_place_claims,
)
from rag.answer.scope import (
    NAMED_POSTS,
    haystack,
    names_place,
    of_party,
    parties,
    persons,
    place_not_given,
    retrieved,
    squash,
)
from rag.answer.table import compared_claims, shares, table_claims, table_rows, word_row_claims
from rag.bilingual import pinyin_keys, to_simplified
from rag.evidence import Span, candidate_spans
from rag.gloss import support
from rag.lookup import (
    ARTICLE_LABEL,
    ENGLISH_LAW_NAMES,
    PENALTY_ASKED,
    PENALTY_SAID,
    asks_coverage,
    asks_effect,
    asks_when_in_force,
    cites_article,
    defined_term,
    definitions,
    effect_clause,
    in_order,
    is_law,
    names_document,
    short_title,
)
from rag.period import REPORT_WORDS, relative_years, reported_year, says_relative_year
from rag.question import (
    ADDRESS_RE,
    ASKED_THING,
    CLOCK_RE,
    FIGURE_RE,
    FRACTION,
    GRADE_ASKED,
    ORDINAL_ASKED_RE,
    ORDINAL_RE,
    RATIO,
    SHAPE_ARTICLE,
    SHAPE_GENERAL,
    SHAPE_HOW,
    SHAPE_LIST,
    SHAPE_QUANTITY,
    SHAPE_WHEN,
    SHAPE_WHO,
    Question,
    analyse,
    asked_act,
    asked_measure,
    asks_byline,
    asks_clock,
    asks_count,
    asks_enumeration,
    asks_speaker,
    counts_things,
    given_figures,
    has_figure,
    prepare_question,
    same_unit,
    stated_unit,
)
from rag.records import KIND_DOCUMENT, Answer, Chunk, Hit
from rag.segment import tagged
from rag.strings import t
from rag.structure import (
    ITEMS_ASKED,
    is_host,
    is_turn,
    item_mark,
    items_referred,
    to_chinese,
    to_int,
    turn_speaker,
)
from rag.text import (
    BODIES_ASKED,
    BODIES_NOTE,
    DOC_NUMBER,
    DOC_YEAR,
    FREQUENCY,
    FREQUENCY_ASKED,
    ITEM_RE,
    LIST_AHEAD,
    NOTE_LABEL,
    SAYING,
    SAYING_ASKED,
    book,
    lines_with_offsets,
    longest_run,
    sentence_at,
    sentence_spans,
)

# A question about what was asked at a briefing, or by whom: the journalists' questions are quotes then
_ASKING_ASKED = re.compile(
    r"谁(?:提问|问)|哪(?:家|个|位)(?:媒体|记者|报社)[^？?]{0,16}(?:问|提问)|问了(?:什么|哪些)|"
    r"提(?:了|出了?)(?:什么|哪些|哪个)问题|"
    r"\bwho asked\b|\bwhat (?:was|were) (?:asked|the questions?)\b|"
    r"\bwhich (?:reporter|journalist|media|outlet)",
    re.I,
)
CANDIDATES_K = 30  # hits KnowledgeBase.ask hands to the answerer (list questions read them all)
SELECT_K = 5  # hits whose sentences are candidate quotes (8: the same top-1 on the fit data, 1.6x the cost)
POOL_K = 8  # hits searched for the article a who question names
RELATED_K = 3  # passages shown with a refusal
_ARTICLE_CHUNKS = 4  # chunks of a looked-up article quoted in full (the card opens the rest)
Translations = Mapping[str, Sequence[str]]  # English word -> Chinese terms
Parties = Mapping[str, Sequence[tuple[str, str]]]  # doc_id -> (role, name) of each party it names
_ROLE_WORDS = re.compile(r"职务|职位|身份|担任|什么职|\b(?:role|position|job|title)\b|"
                         r"(?:'s|\b(?:what|which|his|her|their)) posts?\b", re.I)


class Encoder(Protocol):
    """What the answerer needs from ``rag.embed.Encoder``: L2-normalised query/document vectors."""

    def encode_queries(self, texts: list[str]) -> np.ndarray: ...

    def encode_documents(self, texts: list[str]) -> np.ndarray: ...


@dataclass(frozen=True)
class Candidates:
    """The quotes the selector chose from and their feature rows, best first once scored, with
    the quote model's logits and P(the question is answerable) (0 when unscored)."""

    question: Question
    spans: tuple[Span, ...]
    rows: np.ndarray
    logits: np.ndarray
    p_answerable: float = 0.0


def answer_question(
    question: str,
    hits: Sequence[Hit],
    *,
    encoder: Encoder,
    lang: str | None = None,
    max_chars: int = 0,
    top_k: int = 5,
    translations: Translations | None = None,
    query_vector: tuple[str, np.ndarray] | None = None,
    quotes: Encoder | None = None,
    places: Sequence[str] = (),
    selector: Selector | None = None,
    avoid: Collection[tuple[str, str]] = (),
    held: Collection[str] = (),
    parties: Parties | None = None,
) -> Answer:
    """Answer ``question`` from ``hits`` (best first; pass more than ``top_k`` for list questions);
    ``encoder`` embeds the question and candidate quotes (their similarity is the selector's
    strongest feature, so it is required);
    ``translations`` maps English words to Chinese terms (rag.bilingual.word_translations);
    ``query_vector`` is ``(text, encoder.encode_queries([text])[0])`` from the search; ``quotes``
    embeds candidate quotes in place of ``encoder`` (rag.span_vectors: the same vectors, cached);
    ``places`` are the corpus's districts (rag.question.local_places); ``selector`` defaults to
    the fitted model shipped with the package; ``avoid`` holds quotes, as (chunk id, quote), another
    part of the same question already answered with (they are not candidates here); ``held`` are the
    titles of the laws the knowledge base holds (one named is not absent, retrieved or not); ``parties``
    the (role, name) of the parties each document (by doc_id) names on lines of their own
    (rag.structure.parties)."""
    text, truncated = prepare_question(question, max_chars)
    q = _question(text, lang, hits, translations, places, parties)
    note = t("truncated_note", q.lang, n=max_chars) if truncated else None
    hits = tuple(hits)
    absent = _absent_documents(q, hits, held)
    if absent:  # no passage can quote a law the knowledge base does not hold
        refusal = t("no_document", q.lang, name="、".join(f"《{d}》" for d in absent))
        return Answer(text, refusal, False, (), hits[:RELATED_K], hits[:top_k], q.lang, note, None)
    # 「这份教案是谁执笔的」: the line labelled 执笔; 「文号是多少」: what a document's opening states
    fielded = field_claims(q, hits)
    if fielded and q.shape == SHAPE_QUANTITY and _asked_not_given(q, fielded):
        fielded = None  # 「乙方的注册资本是多少」: the 乙方 line states no amount; quotes are read as any are
    front = fielded or front_claims(q, hits)
    if front == []:  # 「这份方案是哪天印发的」 of a plan without a sign-off: a deadline's date is no answer
        refusal = t("no_answer", q.lang)
        return Answer(text, refusal, False, (), hits[:RELATED_K], hits[:top_k], q.lang, note, 0.0)
    if hits and not front and _unrelated(q, hits):  # 「哈哈」, "asdkjh": nothing asked is in any passage
        refusal = t("no_answer", q.lang)
        return Answer(text, refusal, False, (), hits[:RELATED_K], hits[:top_k], q.lang, note, 0.0)
    unknown = _unknown_acronyms(q, hits) + _unknown_quoted(q, hits) + _unknown_bodies(q, hits) \
        + _unknown_persons(q, hits)
    if unknown:  # 「欧盟GDPR…」, "Under the US CLOUD Act…": what it asks about is not in the documents
        refusal = t("no_term", q.lang, term="、".join(unknown))
        return Answer(text, refusal, False, (), hits[:RELATED_K], hits[:top_k], q.lang, note, 0.0)
    # 「白鹭湾区地区生产总值是多少」: the cell of the table row it names, in the column it asks
    cell = (table_claims(q, hits[:SELECT_K]) or compared_claims(q, hits[:SELECT_K])
            or extreme_claims(q, hits, SELECT_K)
            or leading_claims(q, hits, SELECT_K) or placed_claims(q, hits, SELECT_K)
            or row_place_claims(q, hits, SELECT_K)
            or filtered_claims(q, hits, SELECT_K)
            or every_row_claims(q, hits, SELECT_K)
            or word_row_claims(q, hits[:SELECT_K])) if not front else None
    claims = front or cell or (_structural(q, hits, translations) if hits else None)
    table = None
    if claims is None and hits:
        selector = selector or load_selector()
        table = score_candidates(q, hits, encoder=encoder, query_vector=query_vector, quotes=quotes,
                                 translations=translations, selector=selector)  # fmt: skip
        table = _without(table, set(avoid), selector) if avoid else table
        claims = (_selected(table, selector, hits) or _shape_repicked(table, selector, hits)
                  or _tier_read(table))  # fmt: skip
        claims = _said_repicked(table, claims) if claims else claims
        claims = _place_repicked(table, claims, selector, hits) if claims else claims
        claims = _scope_repicked(table, claims, selector) if claims else claims
        claims = _post_repicked(table, claims, selector) if claims else claims
        claims = _person_repicked(table, claims, selector, hits) if claims else claims
        claims = _act_repicked(table, claims, selector, hits) if claims else claims
        claims = _kind_repicked(table, claims, selector, hits) if claims else claims
        claims = _repicked(table, claims, selector.runner_up) if claims else claims
        claims = _year_repicked(table, claims) if claims else claims
        claims = _day_repicked(table, claims) if claims else claims
        claims = _theme_repicked(table, claims) if claims else claims
        claims = _ordinal_repicked(table, claims) if claims else claims
        claims = _band_repicked(table, claims) if claims else claims
        claims = _extreme_repicked(table, claims) if claims else claims
        claims = _condition_repicked(table, claims) if claims else claims
        claims = _subject_repicked(table, claims) if claims else claims
        claims = _money_repicked(table, claims) if claims else claims
        claims = _party_repicked(table, claims) if claims else claims
        claims = _list_repicked(table, claims, translations) if claims else claims
        claims = _saying_repicked(table, claims) if claims else claims
        claims = _lead_in_repicked(table, claims) if claims else claims
        claims = _cited_penalty(table, claims, hits) if claims else claims
        claims = _punishment_repicked(table, claims) if claims else claims
        claims = _tier_repicked(table, claims) if claims else claims
        claims = _penalty_part(table, claims) if claims else claims
        claims = _responsible_bodies(table, claims, hits) if claims else claims
        claims = _lead_in_body(table, claims) if claims else claims
        claims = _with_byline(q, claims) if claims else claims
    claims = _quoted_article(q, claims) if claims and not front else claims
    claims = _with_items_referred(q, claims, hits) if claims and not front and not cell else claims
    claims = _statement_whole(q, claims) if claims and not front and not cell else claims
    p = table.p_answerable if table is not None else None
    missing = _asked_not_given(q, claims, hits, cell=bool(cell)) if claims and not front else None
    if not claims or missing:
        refusal = missing or t("no_answer", q.lang)
        return Answer(text, refusal, False, (), hits[:RELATED_K], hits[:top_k], q.lang, note, p)
    if table is not None:
        claims = _articles_labelled(q, _with_runner_up(table, claims, selector))
    if q.lang == "zh" and q.shape != SHAPE_WHO and _AUTHORS_ASKED.search(q.text):
        claims = _with_other_article(table, claims) if table is not None else claims
        claims = [_bylined(x) for x in claims]  # 「哪几位作者都提到…」: each quote led by whose it is
    claims = _with_ruling(q, claims) if not front and not cell else claims
    answer, citations = compose(claims, q.lang)
    if p is not None and p < selector.confident:  # answered, but say how sure
        note = " ".join(x for x in (note, t("low_confidence", q.lang)) if x)
    return Answer(text, answer, True, citations, (), hits[:top_k], q.lang, note, p)


def candidate_table(
    question: str,
    hits: Sequence[Hit],
    *,
    lang: str | None = None,
    translations: Translations | None = None,
    places: Sequence[str] = (),
    held: Collection[str] = (),
    parties: Parties | None = None,
    **inputs,
) -> Candidates:
    """The unscored candidate table ``answer_question`` would score for ``question`` (the question
    read the same way): what the fitting script labels and fits on. ``held`` is not read here."""
    text, _ = prepare_question(question, 0)
    q = _question(text, lang, hits, translations, places, parties)
    return score_candidates(q, tuple(hits), translations=translations, **inputs)


def score_candidates(
    q: Question,
    hits: Sequence[Hit],
    *,
    encoder: Encoder | None = None,
    query_vector: tuple[str, np.ndarray] | None = None,
    quotes: Encoder | None = None,
    translations: Translations | None = None,
    selector: Selector | None = None,
) -> Candidates:
    """Every candidate quote of the best ``SELECT_K`` hits with its feature row and, when a
    ``selector`` is given, P(answers), best first (the fitting script scores rows itself)."""
    spans = tuple(candidate_spans(hits[:SELECT_K], questions=bool(_ASKING_ASKED.search(q.text))))
    sims = np.zeros(len(spans))
    if encoder is not None and spans:
        known = query_vector if query_vector and query_vector[0] == q.text else None
        qv = np.asarray(known[1] if known else encoder.encode_queries([q.text])[0], np.float32).reshape(-1)
        source = quotes if quotes is not None else encoder  # an empty cache is falsy (it has a len)
        sims = source.encode_documents([s.text for s in spans]) @ qv  # normalised vectors: cosine
    share = _english_support(q, hits, translations) if q.lang == "en" else 1.0
    rows = candidate_features(q, spans, sims, hits, support=share)
    if selector is None:
        return Candidates(q, spans, rows, np.zeros(len(spans)))
    logits = selector.quote_logits(rows)
    order = np.argsort(-logits, kind="stable")
    p = selector.p_answerable(rows, logits) if len(spans) else 0.0
    return Candidates(q, tuple(spans[i] for i in order), rows[order], logits[order], p)


def _without(table: Candidates, avoid: set[tuple[str, str]], selector: Selector) -> Candidates:
    """``table`` without the candidates inside a quote in ``avoid`` (a cited quote may be a candidate
    widened to its sentence), P(answerable) read again from what is left."""
    keep = [i for i, s in enumerate(table.spans)
            if not any(s.hit.chunk.chunk_id == c and s.text in quote for c, quote in avoid)]  # fmt: skip
    rows, logits = table.rows[keep], table.logits[keep]
    p = selector.p_answerable(rows, logits) if keep else 0.0
    return replace(table, spans=tuple(table.spans[i] for i in keep), rows=rows, logits=logits, p_answerable=p)


def article_answer(question: str, article: Sequence[Chunk], hits: Sequence[Hit], *, top_k: int = 5) -> Answer:
    """The text of the article ``question`` points at (rag.lookup), each chunk quoted whole and cited."""
    q = analyse(to_simplified(question))
    first = article[0]
    label = first.section[-1] if first.section and not first.text.startswith(first.section[-1]) else ""
    lead = t("article_lead" if label else "article_title", q.lang, title=first.title or "", label=label)
    shown = [Hit(c, 1.0, i) for i, c in enumerate(article[:_ARTICLE_CHUNKS], start=1)]
    claims = [Claim(h.chunk.text, Span(h, h.chunk.text, 0, 0, True)) for h in shown]
    claims[0] = Claim(lead + claims[0].lead, claims[0].span)
    if len(article) > _ARTICLE_CHUNKS:
        claims[-1] = Claim(claims[-1].lead, claims[-1].span, t("article_more", q.lang))
    text, citations = compose(claims, q.lang)
    others = [h for h in hits if h.chunk.chunk_id not in {c.chunk_id for c in article}]
    return Answer(question, text, True, citations, (), tuple([*shown, *others][:top_k]), q.lang)


_NUMBERED_POINT = re.compile(r"(?m)^\s*(?:\d{1,2}[.．、](?!\d)|[（(][一二三四五六七八九十]{1,3}[)）])\S")


def _question(
    text: str,
    lang: str | None,
    hits: Sequence[Hit],
    translations: Translations | None,
    places: Sequence[str],
    parties: Parties | None = None,
) -> Question:
    q = _with_parties(analyse(to_simplified(text), lang), hits, parties or {})
    if q.shape == SHAPE_ARTICLE and not any(article_label(h.chunk) or _CITED.search(h.chunk.text)
                                            for h in hits):  # fmt: skip
        # 「哪几条措施」 of a page asks for points: "which article" means 第X条 only where passages have them
        # (a law's, or one a passage quotes: 「第二十八条第一款规定：“…”」)
        # 「对策建议的第几条」 of a report's numbered points (「6.建立监测评估机制…」) asks which point
        # (short_answer names it), not its measures
        numbered = "第几" in q.text and any(_NUMBERED_POINT.search(h.chunk.text) for h in hits)
        q = replace(q, shape=SHAPE_HOW if "几条" in q.text and not numbered else SHAPE_GENERAL)
    if q.lang == "en" and translations:
        q = _with_translations(q, hits, translations)
    if q.lang == "en":  # "Xishan": the district's reading, as a word of the question
        words = set(re.findall(r"[a-z]+", q.text.lower()))
        # (or as the documents write it: search writes "Xishan" as 锡山, rag.bilingual.with_written_names)
        return replace(q, places=tuple(p for p in places if p in q.text or words & set(pinyin_keys(p))))
    return replace(q, places=tuple(p for p in places if p in q.text))


def _selected(table: Candidates, selector: Selector, hits: Sequence[Hit] = ()) -> list[Claim] | None:
    if not table.spans or table.p_answerable < selector.threshold:
        return None
    table = _list_first(table, selector)
    q, best = table.question, table.spans[0]
    if q.shape == SHAPE_WHO and best.hit.chunk.author and _asks_byline(q, best.hit.chunk) \
            and not _names_cited_number(q.text, [s.hit.chunk for s in table.spans]):
        targets = [best.hit, *_more_authors(table)]  # "who wrote about…"; 「两篇文章…作者分别是谁」
        claims = [who_claim(q, h, table.spans, named=False, role_asked=False) for h in targets]
        joiner = "；" if q.lang == "zh" else "; "
        return [replace(c, tail=joiner) for c in claims[:-1]] + claims[-1:]
    if q.shape == SHAPE_WHO and asks_speaker(q.text) and (said := _said(table.spans)):
        speaker, span = said  # 「是哪位发布人回答了…」: a transcript's speaker, quoted saying it
        span = readable(span)
        quote = span.text.rstrip("。；;") if q.lang == "zh" else f"“{span.text}”"
        return [Claim(t("turn_said", q.lang, speaker=speaker) + quote, span, "。" if q.lang == "zh" else ".")]
    ranked = table.spans
    if q.shape == SHAPE_HOW:  # a "how" is answered by the measures of the best document, wherever
        # they were retrieved: its passages beyond the scored ones offer points too, after the scored
        more = [h for h in hits[SELECT_K:] if h.chunk.doc_id == best.hit.chunk.doc_id]
        ranked = (*ranked, *candidate_spans(more))
    return fact_claims(q, ranked, _per_document(table))


# 「两篇文章…作者分别是谁」「哪两位作者」: how many articles a who-question says it asks of
_ARTICLES_COUNTED = re.compile(r"(?P<n>[两二三四五六七八2-8])(?:篇|位作者|位)|(?P<each>分别|各是|各自)")


def _more_authors(table: Candidates) -> list[Hit]:
    """The other signed articles a who-question asks of when it says there are several (「两篇文章…
    作者分别是谁」): the best quotes of other articles, in the model's order, more likely than not the
    answer (log-odds above 0); as many as it counts, else one."""
    m = _ARTICLES_COUNTED.search(table.question.text) if table.question.lang == "zh" else None
    if m is None:
        return []
    counted = (to_int(m["n"]) if m["n"] else None) or 2  # 「分别」 with no count: two at least
    return [s.hit for s in _other_articles(table, counted - 1)]


def _other_articles(table: Candidates, wanted: int, held: Collection[str] = ()) -> list[Span]:
    """The best quotes of up to ``wanted`` signed articles other than ``held`` (else the best quote's),
    in the model's order, each more likely than not the answer (log-odds above 0)."""
    seen, out = set(held) or {table.spans[0].hit.chunk.doc_id}, []
    for span, logit in zip(table.spans, table.logits, strict=True):
        c = span.hit.chunk
        if len(out) >= wanted or logit <= 0:
            break
        if c.author and c.kind != KIND_DOCUMENT and c.doc_id not in seen:
            seen.add(c.doc_id)
            out.append(span)
    return out


def _with_other_article(table: Candidates, claims: list[Claim]) -> list[Claim]:
    """``claims`` quoting one signed article, and the best quote of another the model finds more likely
    than not the answer, when the question asks which authors or articles say it (「哪几位作者都提到…」):
    more than one is asked."""
    docs = {c.span.hit.chunk.doc_id for c in claims}
    if len(docs) != 1 or not len(table.spans):
        return claims
    more = _other_articles(table, 1, docs)
    if not more:
        return claims
    return [*claims[:-1], replace(claims[-1], tail="；"), Claim(excerpt(more[0]), more[0], "。")]


def _place_repicked(
    table: Candidates, claims: list[Claim], selector: Selector, hits: Sequence[Hit]
) -> list[Claim]:
    """``claims``, or when their passages do not name a district the question names (the knowledge
    base's, ``Question.places``: 「新吴区的文章…点到了哪些地区」 quoted from the commerce bureau's), the
    selection made again among the candidates whose passages name it, when the best of them is more
    likely than not the answer (log-odds above 0) and passes the threshold: the place check
    (``place_not_given``) would refuse the first pick, not every answer."""
    q = table.question
    held = "".join(haystack(c.span.hit.chunk) for c in claims)
    if all(p in held for p in q.places) or len(_named_together(q, table.spans)) >= 2:
        return claims
    stacks = {s.hit.chunk.chunk_id: haystack(s.hit.chunk) for s in table.spans}  # each passage read once
    keep = [i for i, s in enumerate(table.spans) if all(p in stacks[s.hit.chunk.chunk_id] for p in q.places)]
    if not keep or table.logits[keep[0]] < 0:  # no quote of it the quote model finds more likely than not
        return claims  # to answer (梁溪's passages for 「梁溪区…引导企业布局哪些地区」, which only 新吴 says)
    return _selected(_kept(table, keep, selector), selector, hits) or claims


# 「无锡全市的现代产业集群…」: the whole city's, province's or country's, as a quote says it
_SCOPE = re.compile(r"全(?:市|区|县|省|国)")


def _scope_repicked(table: Candidates, claims: list[Claim], selector: Selector) -> list[Claim]:
    """``claims``, or when the question asks about the whole city (「无锡全市的现代产业集群用什么数字概括」)
    and the best quote does not say so (高新区's 「“6+2+X”现代产业集群」), the quote the model finds as
    likely (within the runner-up's odds) that does (「紧贴全市“465”现代产业集群建设」)."""
    q = table.question
    scope = _SCOPE.search(q.text) if q.lang == "zh" else None
    return _word_repicked(table, claims, selector, scope.group(0)) if scope else claims


def _post_repicked(table: Candidates, claims: list[Claim], selector: Selector) -> list[Claim]:
    """``claims``, or when the question asks who holds a post (「发布会的主持人是谁」) and the best quote
    does not name it (what the host said), the quote the model finds as likely (within the runner-up's
    odds) that does (「主持人：…副主任 周婉清」)."""
    q = table.question
    m = _POST_ASKED.search(q.text) if q.lang == "zh" else _POST_IN_BRACKETS.search(q.text)
    post = (m["post"] or m["held"] or m["named"]) if m and q.lang == "zh" else m["post"] if m else None
    if not post:
        return claims
    # 「指挥长由谁担任」: 「副指挥长由…担任」 names another post; 「副组长是谁」 is not asked of a 组长
    deputy = f"副{post}" in q.text
    said = re.compile(("副" if deputy else "" if "副" in q.text else "(?<!副)") + re.escape(post))
    quotes = [c.span.text for c in claims]
    if not deputy and any(f"副{post}" in x for x in quotes) and not any(said.search(x) for x in quotes):
        # 「副指挥长由…担任」 names the deputy alone: the best quote the model finds answerable naming the
        # post itself, however far below
        sure = np.log(selector.threshold / (1 - selector.threshold))
        close = [i for i, x in enumerate(table.spans) if said.search(x.text) and table.logits[i] > sure]
        return fact_claims(q, table.spans, [table.spans[close[0]]]) if close else claims
    return _word_repicked(table, claims, selector, said)


def _person_repicked(
    table: Candidates, claims: list[Claim], selector: Selector, hits: Sequence[Hit]
) -> list[Claim]:
    """``claims``, or when a who-question asks the post of a person it names (「许文涛担任什么职务」) and its
    quotes do not name the person, the selection made again among the candidates naming the person,
    P(answerable) read again: a line about someone else (the issuer's sign-off) says nothing of the one
    asked about."""
    q = table.question
    if q.shape != SHAPE_WHO or q.lang != "zh" or not _POST_OF_ASKED.search(q.text):
        return claims  # 「赵某案中，谁因负有管理责任被诫勉谈话」 asks of someone else than 赵某
    named = _named_persons(q, "".join(s.text for s in table.spans))
    if not named:
        return claims
    posts = [re.compile(rf"(?:{_POSTS}|{NAMED_POSTS}|常委)\s*{re.escape(p)}") for p in named]
    if any(p.search(c.span.text) for c in claims for p in posts):
        return claims
    # a quote giving the post before the name (「县档案馆馆长许文涛」), else one naming the person
    posted = [i for i, s in enumerate(table.spans) if any(p.search(s.text) for p in posts)]
    keep = posted or [i for i, s in enumerate(table.spans) if any(p in s.text for p in named)]
    if not posted and any(p in c.span.text for c in claims for p in named):
        return claims
    return _selected(_kept(table, keep, selector), selector, hits) or claims


_POST_OF_ASKED = re.compile(r"职务|职位|身份|什么(?:职|官)|担任什么")


def _word_repicked(
    table: Candidates, claims: list[Claim], selector: Selector, word: str | re.Pattern[str]
) -> list[Claim]:
    """``claims`` when a quote of them says ``word`` (a word or a pattern), else the best quote saying it
    that the model finds within the runner-up's odds of the best, else ``claims``."""
    says = word.search if isinstance(word, re.Pattern) else (lambda text: word in text)
    if not len(table.spans) or any(says(c.span.text) for c in claims):
        return claims
    near = table.logits[0] - selector.runner_up
    close = [i for i, s in enumerate(table.spans) if says(s.text) and table.logits[i] > near]
    return fact_claims(table.question, table.spans, [table.spans[close[0]]]) if close else claims


def _shape_repicked(table: Candidates, selector: Selector, hits: Sequence[Hit]) -> list[Claim] | None:
    """When the best quote holds no figure, date, duration or article the question asks for and the
    selection refused, the selection made again among the quotes that hold one in the best quote's
    passage or article (「约束措施最长多久」: the article's lead-in first, 「…的期限不得超过三个月」 further
    on in it), P(answerable) read again for them."""
    if not len(table.spans):
        return None
    best = table.spans[0].hit.chunk
    met = meets_shape(table.rows)
    # (an article asked: also a quote citing one in another passage of the document, scored close to the
    # best: 「哪一条被用作从轻处罚的依据」 of a decision, whose best quote 「请求从轻处罚」 cites none, and
    # 「符合《…行政处罚法》第三十二条第一项规定的从轻处罚情形」; a figure or a date of another passage
    # answers another question: 「累计交易金额」 is not 「58家重点企业」)
    article = table.question.shape == SHAPE_ARTICLE
    close = [article and table.logits[0] - x < _SUBJECT_GAP for x in table.logits]
    near = [i for i, s in enumerate(table.spans)
            if met[i] and (_same_part(s.hit.chunk, best) or (close[i] and s.hit.chunk.doc_id == best.doc_id))]
    # a quote naming none of the question's terms, nor referring back (「采取前两款规定的措施的期限」),
    # answers another question of its part: 「本指引自…起施行」 is no deadline for 「各区…制定实施办法」
    near = [i for i in near if _REFERS_BACK.search(table.spans[i].text)
            or any(any(x in table.spans[i].text for x in g) for g in table.question.groups)]  # fmt: skip
    if met[0] or not near:
        return None
    return _selected(_kept(table, near, selector), selector, hits)


_REFERS_BACK = re.compile(r"前[一二三两]?款|本条|上述|前述")


def _same_part(a: Chunk, b: Chunk) -> bool:
    """Whether passages ``a`` and ``b`` are one passage or of one article or headed part of a document."""
    return a.chunk_id == b.chunk_id or (a.doc_id == b.doc_id and bool(a.section) and a.section == b.section)


def _kept(table: Candidates, keep: Sequence[int], selector: Selector) -> Candidates:
    """``table`` narrowed to the candidates at ``keep`` (best first still), P(answerable) read again."""
    rows, logits = table.rows[list(keep)], table.logits[list(keep)]
    return replace(table, spans=tuple(table.spans[i] for i in keep), rows=rows, logits=logits,
                   p_answerable=selector.p_answerable(rows, logits))  # fmt: skip


def _act_repicked(
    table: Candidates, claims: list[Claim], selector: Selector, hits: Sequence[Hit]
) -> list[Claim]:
    """``claims``, or when a who-question names an act (「协调会是谁主持的」: 主持, ``asked_act``) that
    their quotes do not hold, the selection made again among the candidates that hold it, when the
    best of them is more likely than not the answer (log-odds above 0, as ``_place_repicked``): the
    sentence saying who did it (「会议由…副组长韩景川主持」), not the one sharing the most other words
    (the meeting's date and place)."""
    act = asked_act(table.question.text) if table.question.shape == SHAPE_WHO else None
    if not act or any(act in c.span.text for c in claims):
        return claims
    keep = [i for i, s in enumerate(table.spans) if act in s.text]
    if not keep or table.logits[keep[0]] < 0:
        return claims
    return _selected(_kept(table, keep, selector), selector, hits) or claims


def _said(spans: Sequence[Span]) -> tuple[str, Span] | None:
    """The speaker of the best quote a transcript's speaker says, not its host, and that quote; None
    when the best quote is in no transcript. A reporter's question (「请问市民怎样预约参观？」) and the
    host's handing it on (「这个问题请林书敏女士回答」) are passed over for the answer quoted after them."""
    if not spans or not is_turn(spans[0].hit.chunk.section):
        return None
    doc = spans[0].hit.chunk.doc_id
    for s in spans:
        speaker = turn_speaker(s.hit.chunk.section) if s.hit.chunk.doc_id == doc else None
        if speaker and not is_host(speaker):
            return speaker, s
    return None


# 「哪些情形下…」「要尽哪些义务」: the kind of thing a question lists, as a lead-in announces its items
# (「有下列情形之一的」「应当履行下列义务」); 「情况」 is said 「情形」 in the laws
_KIND_ASKED = re.compile(r"(?:哪些|哪几[种类项个条]?)(?P<kind>[\u4e00-\u9fff]{2})")
_KIND_SAID = {"情况": "情形"}


def _kind_announced(q: Question) -> re.Pattern[str] | None:
    """What a lead-in announcing the kind of things ``q`` lists writes (「下列情形」), None when ``q``
    names no kind."""
    m = _KIND_ASKED.search(q.text)
    return re.compile(rf"(?:下列|以下){_KIND_SAID.get(m['kind'], m['kind'])}") if m else None


def _kind_repicked(
    table: Candidates, claims: list[Claim], selector: Selector, hits: Sequence[Hit]
) -> list[Claim]:
    """``claims``, or when the question asks which things of a kind (「哪些情形下…要做影响评估」) and
    their first quote announces no list of that kind, the selection made again with the first candidate
    that does (「有下列情形之一的，…应当事前进行个人信息保护影响评估」 over 「…影响评估应当包括下列内容」),
    when it is more likely than not the answer (log-odds above 0, as ``_place_repicked``)."""
    announces = _kind_announced(table.question)
    if announces is None or _announced_by(claims[0].span, announces):
        return claims
    at = next((i for i, s in enumerate(table.spans) if _announced_by(s, announces)), None)
    if at is None or table.logits[at] < 0:
        return claims
    order = [at, *(i for i in range(len(table.spans)) if i != at)]
    return _selected(_kept(table, order, selector), selector, hits) or claims


def _announced_by(span: Span, announces: re.Pattern[str]) -> bool:
    """Whether ``span`` announces the list (「有下列情形之一的」), or is an item of one announced by the
    heading it stands under (「（三）有下列情形之一的，实行一票否决…：」 read as the heading of 「1.…」)."""
    if announces.search(span.text):
        return True
    section = span.hit.chunk.section
    return bool(ITEM_RE.match(span.text) and section and announces.search(section[-1]))


def _asks_byline(q: Question, chunk: Chunk) -> bool:
    """Whether ``q`` asks who wrote ``chunk``'s article or issued its document: any who-question of a
    signed article; of a document, one about who wrote or issued it (or that one's post: not the post
    of someone its text names), not about an act it reports (「是谁主持的」)."""
    if chunk.kind != KIND_DOCUMENT:
        return True
    if asked_act(q.text) or not asks_byline(q.text):
        return False
    # a post asked of no one the text names (「作这个讲话的领导是什么职务」) is the byline's
    return asks_byline(q.text, chunk.author or "") or not _names_someone(q, chunk)


def _names_cited_number(question: str, chunks: Sequence[Chunk]) -> bool:
    """Whether ``question`` names a document by a number the retrieved ``chunks`` print inside a
    sentence, as a review names the decision it reviews (「谁作出的柏交罚〔2025〕112号行政处罚决定」:
    「申请人不服被申请人于…作出的柏交罚〔2025〕112号《行政处罚决定书》」), and on no line of its own (a
    document's own number line): who wrote that one is no byline's."""
    m = _NUMBER_KEY.search(question)  # 「〔2025〕112号」: what before it is the question's own words
    if m is None:
        return False
    number = squash(m.group())
    lines = [squash(x) for c in chunks for x in c.text.split("\n") if number in squash(x)]
    return bool(lines) and not any(re.fullmatch(DOC_NUMBER, x) for x in lines)


_NUMBER_KEY = re.compile(rf"{DOC_YEAR}\s*第?\s*\d{{1,4}}\s*号")


def _names_someone(q: Question, chunk: Chunk) -> bool:
    """Whether ``q`` names a person ``chunk``'s text names: after a post (「馆长许文涛」), or as jieba
    knows a name."""
    if q.lang == "en":  # "What position does He Zhendong hold?", "Which official was demoted from his
        return True  # post…?": the text's, unless the author is named ("the author's role" is a byline's)
    return bool(_named_persons(q, squash(chunk.text)))


def _named_persons(q: Question, text: str) -> list[str]:
    """The persons ``q`` names that ``text`` writes after a post (「馆长许文涛」), else the names jieba
    knows in ``q`` that ``text`` writes (韩启东 it cuts, 许文涛 it knows)."""
    return persons(q, text) or [w for w, f in tagged(q.text) if f == "nr" and len(w) >= 2 and w in text]


def _list_first(table: Candidates, selector: Selector) -> Candidates:
    """``table`` with its second candidate first when the question asks for a list (「有哪些」), the two
    are as close as a runner-up is (``_with_runner_up``) and only the second is a list's item or
    lead-in: between two quotes the model cannot tell apart, the one the list is read from answers
    an enumeration (「间谍行为有哪些」: 第四条's （一）, not 第十条 on who commits them)."""
    spans, logits = table.spans, table.logits
    close = len(spans) > 1 and logits[0] - logits[1] < selector.runner_up
    if not close or not asks_enumeration(table.question.text) or _in_list(spans[0]) or not _in_list(spans[1]):
        return table
    kind = _kind_announced(table.question)
    if kind is not None and kind.search(spans[0].text):  # 「有下列情形之一的，…」 for 「哪些情形下…」
        return table
    order = [1, 0, *range(2, len(spans))]
    return replace(table, spans=tuple(spans[i] for i in order), rows=table.rows[order], logits=logits[order])


def _in_list(span: Span) -> bool:
    return bool(ITEM_RE.match(span.text) or LEAD_IN.search(span.text.rstrip()))


def _with_runner_up(table: Candidates, claims: list[Claim], selector: Selector) -> list[Claim]:
    """``claims`` and the second-best candidate as one more cited quote, when the quote model finds it
    nearly as likely to be the answer as the best (``Selector.runner_up``, a gap in log-odds) and the
    answer quotes the best alone: the best holds the answer for about 0.82 of the questions where some
    candidate does, the best or the runner-up for about 0.91 (out of fold, rag/answer/FIT.md), and
    where the two are that close a reader is better served by both than by a coin toss. A runner-up
    in the quoted sentence widens the quote to hold both instead; none when it lacks what the question
    says its answer must hold."""
    spans, logits = table.spans, table.logits
    if len(claims) != 1 or len(spans) < 2 or logits[0] - logits[1] >= selector.runner_up:
        return claims
    if table.question.shape == SHAPE_WHO and spans[0].hit.chunk.author:
        return claims  # "who wrote about X" is answered by the byline (``_selected``), not by quotes
    shown, second = claims[0].span, spans[1]
    if not _same_sentence(shown, spans[0]):
        return claims  # another quote than the best was shown (a penalty tier, a repick)
    if not all(holds(second.text) for _, holds in _asked_kinds(table.question, exact=True)):
        return claims
    if _lead_in_alone(second):  # 「本机关认为：」 says nothing
        return claims
    if _same_sentence(second, shown):  # two clauses of one long sentence: quote the stretch holding both
        joined = _joined_clauses(shown, second)
        return fact_claims(table.question, spans, [joined]) if joined else claims
    second = with_proviso(second)
    if table.question.lang == "en":  # "… [1]. Also 第三十九条: “…” [2]."
        return [*claims, Claim(" " + _also_en(second, shown), second, ".")]
    return [replace(claims[0], tail="；"), Claim(excerpt(second), second, "。")]


def _also_en(second: Span, shown: Span) -> str:
    """The English lead of a runner-up quote: its source named only when it is another document's."""
    if second.hit.chunk.doc_id != shown.hit.chunk.doc_id:
        said = according_to(second)
        return t("also_according_to", "en", according=said[0].lower() + said[1:])
    label = article_label(second.hit.chunk)
    label = label if label and label != article_label(shown.hit.chunk) else ""
    return t("also_label" if label else "also_quote", "en", label=label, quote=excerpt(second))


def _joined_clauses(a: Span, b: Span) -> Span | None:
    """The stretch of one sentence from the earlier of two clauses to the end of the later, when
    neither holds the other and it stays short enough to read (``MAX_QUOTE`` twice, as a scene and
    its ruling may be shown together)."""
    if a.text in b.text or b.text in a.text or a.hit.chunk.chunk_id != b.hit.chunk.chunk_id:
        return None
    start, end = min(a.start, b.start), max(a.start + len(a.text), b.start + len(b.text))
    if end - start > 2 * MAX_QUOTE:
        return None
    return Span(a.hit, a.hit.chunk.text[start:end], start, a.sentence, False)


def _same_sentence(a: Span, b: Span) -> bool:
    same_passage = a.hit.chunk.chunk_id == b.hit.chunk.chunk_id and a.sentence == b.sentence
    return same_passage or a.text in b.text or b.text in a.text


def _per_document(table: Candidates) -> list[Span]:
    """The best quote, or the best quote of each document the question names by title (a question
    comparing two laws), or of each author it names together (「高新区和市商务局都提到…」): one claim per
    document."""
    authors = _named_together(table.question, table.spans)
    if len(authors) >= 2:
        return [next(s for s in table.spans if s.hit.chunk.author == a) for a in authors]
    named = {s.hit.chunk.title for s in table.spans if names_document(table.question.text, s.hit.chunk.title)}
    if len(named) < 2:
        return [table.spans[0]]
    chosen = []
    for title in sorted(named, key=lambda x: table.question.text.find(short_title(x))):
        best = next((s for s in table.spans if s.hit.chunk.title == title), None)
        if best is not None:
            chosen.append(best)
    return chosen or [table.spans[0]]


# A question asking the same of several (「…都提到」「分别」「两篇文章」, "both", "each")
_TOGETHER = re.compile(r"都|分别|各自|各有|各是|两篇|两位|几篇|\bboth\b|\beach\b|\brespectively\b", re.I)


def _named_together(q: Question, spans: Sequence[Span]) -> list[str]:
    """The authors a question names together, in its order, each by name, by a district of the corpus
    in their byline or by the body they lead (「市商务局」 for 「无锡市商务局局长」), when it asks the
    same of them (``_TOGETHER``) and each has a quote among ``spans``; [] otherwise."""
    if not _TOGETHER.search(q.text):
        return []
    text, found = squash(q.text), {}
    for s in spans:
        c = s.hit.chunk
        if not c.author or c.author in found:
            continue
        at = [text.find(c.author)] if c.author in text else []
        at += [text.find(p) for p in q.places if p in (c.role or "")]
        for piece in _role_pieces(c.role):
            at += [text.find(x) for x in _as_written(_ORG_POST.sub("", piece)) if len(x) >= 3 and x in text]
        if at:
            found[c.author] = min(at)
    return sorted(found, key=found.get) if len(found) >= 2 else []


def _structural(
    q: Question, hits: tuple[Hit, ...], translations: Translations | None = None
) -> list[Claim] | None:
    """Questions answered from the records rather than a quote: topical lists of signed articles,
    and who/role questions naming an author or a title."""
    effect = _effect_claim(q, hits)
    if effect is not None:
        return [effect]
    keyed = exercise_claims(q, hits)  # 「第12题的正确答案是哪个选项」: the exercise's answer line
    if keyed:
        return keyed
    reach = contact_claims(q, hits)  # 「竞赛联系人的电话是多少」: the document's labelled contact lines
    if reach:
        return reach
    defined = _definition_claim(q, hits, translations)
    if defined:
        return defined
    slogan = _slogan_claim(q, hits)
    if slogan:
        return slogan
    attached = _attachments_claim(q, hits)
    if attached:
        return attached
    counted = _counted_list_claim(q, hits)
    if counted:
        return counted
    # "Which article talks about X" over signed articles (a page, not a law's 第X条) asks for them;
    # 「哪几条」 on the page asks for points, not articles
    # (an issued document's issuer signs no articles: "Under which article of the Criminal Law…" of a
    # court's judgment asks its 第X条)
    signed = q.lang == "en" and hits and hits[0].chunk.author and hits[0].chunk.kind != KIND_DOCUMENT \
        and _WHICH_ARTICLE_EN.search(q.text)
    if q.shape == SHAPE_LIST or signed:
        listed = _list_claims(q, hits)
        if listed:
            return listed
        if q.shape == SHAPE_LIST and _ONE_AUTHOR.search(q.text) and hits and hits[0].chunk.author:
            # 「是哪位作者要求企业…」, no article listed by its topic: the author of the passage saying so
            pool = hits[:POOL_K]
            target = (_titled_hit(q, pool) or _named_hit(q, pool) or _quoting_hit(q, pool)
                      or _post_hit(q, pool) or hits[0])  # fmt: skip
            role = bool(_ROLE_WORDS.search(q.text))
            return [who_claim(q, target, candidate_spans([target]), named=False, role_asked=role)]
    if q.shape != SHAPE_WHO and _NAME_OF_POST.search(q.text):  # 「锡山区委书记叫什么名字」: a byline's
        pool = hits[:POOL_K]
        target = _post_hit(q, pool)
        if target and target.chunk.kind != KIND_DOCUMENT:
            return [who_claim(q, target, candidate_spans([target]), named=False, role_asked=False)]
    if q.shape == SHAPE_WHO:  # 「总指挥由谁担任」: the clause saying so, when one does
        # 「恒锐公司的法定代表人是谁」: 「法定代表人兼总经理：陈国栋」 about it, among the wider pool
        held = labelled_holder(q.text, candidate_spans(hits[:POOL_K])) or holder_span(
            q.text, candidate_spans(hits[:SELECT_K])
        )
        if held is not None:  # the quote is the answer: nothing after it is added
            held = readable(held)
            en = q.lang == "en"
            me = first_person(held, q)  # 「由我担任组长」 in a report: its speaker
            if en:
                return [Claim((f"{me} " if me else "") + according_to(held), held, ".")]
            return [Claim((me or "") + excerpt(held), held, "。")]
        pool = hits[:POOL_K]
        named = _named_hit(q, pool)
        target = _titled_hit(q, pool) or named or _quoting_hit(q, pool) or _post_hit(q, pool)
        if target and _asks_byline(q, target.chunk):
            ranked = candidate_spans([target])
            role = bool(_ROLE_WORDS.search(q.text))
            return [who_claim(q, target, ranked, named=target is named, role_asked=role)]
    return None


_ONE_AUTHOR = re.compile(r"哪(?:一?位|个)作者")  # one author asked for, not 「哪些作者」


def _effect_claim(q: Question, hits: tuple[Hit, ...]) -> Claim | None:
    """「X法从哪一天起施行」: the law's own closing clause (KnowledgeBase puts it among the first hits),
    dated or not. The selector wants a date for a "when" and took 「每年4月15日为全民国家安全教育日」 over
    「本法自公布之日起施行」 (a new user's trial); the clause is the answer either way."""
    if not asks_effect(q.text):
        return None
    for hit in hits[:3]:
        clause = effect_clause(hit.chunk.text)
        if clause and hit.chunk.title and asks_when_in_force(q.text, hit.chunk.title):
            holding = _quoting(hit, clause.start())
            if holding:
                return fact_claims(q, holding[:1], holding[:1])[0]
    return None


def _definition_claim(
    q: Question, hits: tuple[Hit, ...], translations: Translations | None
) -> list[Claim] | None:
    """「什么是网络运营者」「生物因子是指什么」: the clause that defines the asked term
    (「本法所称网络运营者，是指…」; KnowledgeBase puts its passage first, rag.lookup.definition_article).
    Measured on questions generated from every such clause of the eight laws, two forms each: 37 of 56
    quoted the defining clause before, the selector preferring clauses that use the term over the one
    that defines it."""
    term = defined_term(q.text)
    if term is None:
        return None
    first = {h.chunk.chunk_id: h for h in reversed(hits[:3])}
    # 「网络安全法和个人信息保护法对“个人信息”的定义有什么不同」: each law's definition, in the order named
    named = {h.chunk.title for h in hits[:3] if names_document(q.text, h.chunk.title)}
    claims, done = {}, set()
    for chunk, clause in definitions(
        [h.chunk for h in hits[:3]], term, translations, listing=asks_coverage(q.text)
    ):
        hit = first[chunk.chunk_id]
        holding = _quoting(hit, clause.start("t"))
        if holding and chunk.title not in done:  # with the rest of its article (「下列行为：」)
            article = [h for h in hits if h.chunk.doc_id == hit.chunk.doc_id
                       and h.chunk.section == hit.chunk.section]  # fmt: skip
            found = fact_claims(q, [*holding, *candidate_spans(article)], holding[:1])
            if len(named) >= 2 and found:  # which law says which: 「《网络安全法》第七十六条：…」
                label = article_label(chunk) or ""
                label = "" if found[0].span.text.startswith(label) else label  # 「第四条 个人信息是…」
                where = f"{book(short_title(chunk.title or ''))}{label}"
                found[0] = replace(found[0], lead=f"{where}：{found[0].lead}")
            claims[chunk.title] = found
            done.add(chunk.title)
            if len(named) < 2 or named <= done:
                break
    in_order = sorted(claims, key=lambda title: q.text.find(short_title(title or "")))  # as named
    return [c for title in in_order for c in claims[title]] or None


# A slogan counting what it names (「“三减半”」「“一升一降”」「“四良联动”」「“五个一”」), and a question
# asking what it consists of (「“三减半”指的是哪三个方面」「“三提升”是哪三个」).
_SLOGAN = re.compile(r"[一二两三四五六七八九十]")
_ASKS_CONTENT = (r"(?:具体|到底|究竟|都|主要|一共)?(?:指的?是?|是指|是什么|是哪|包括|包含|有哪|分别|的内容|"
                 r"的具体内容|代表|什么意思|怎么说)")
_KIND_OF_SLOGAN = r"(?:底线|原则|要求|目标|工作法|机制|模式)?"  # 「“三不”底线是什么」


def _asks_content(question: str, name: str) -> bool:
    """Whether ``question`` asks what the slogan ``name`` consists of: the slogan is what it asks about
    (「“三减半”指的是…」), not a word of something else (「“一带一路”关键地区有哪些」)."""
    asked = rf"[“\"「『]{re.escape(name)}[”\"」』]{_KIND_OF_SLOGAN}{_ASKS_CONTENT}"
    return re.search(asked, question) is not None


_CLAUSE_BREAK = re.compile(r"[，。；：！？,;:]")


def _slogan_claim(q: Question, hits: tuple[Hit, ...]) -> list[Claim] | None:
    """「“三减半”指的是哪三个方面」: the clause listing what the quoted slogan counts, as many items as
    it counts, before it (「重点聚焦企业数量、用地面积、污染总量“三减半”」, 「推动良田、良种、良机、良法
    “四良联动”」) or after a colon following it (「“三不”底线：危地不往、乱地不去、危业不投」). The
    selector, weighing words in common, took clauses naming the slogan's neighbours. None when no
    passage lists it so: a name that counts nothing (「中东、非洲等“一带一路”」 lists examples of where)."""
    if q.lang != "zh":
        return None
    names = [x for x in q.quoted if _SLOGAN.search(x) and len(x) <= 8 and _asks_content(q.text, x)]
    for name in names:
        for hit in hits:  # a slogan is written once: wherever it was retrieved
            text = hit.chunk.text
            at = text.find(f"“{name}”")
            if at < 0:
                continue
            start = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, at)), default=0)
            end = at + len(name) + 2
            if _count_items(text[start:at]) != _counted(name):
                colon = re.match(r"[\u4e00-\u9fff]{0,6}[：:]", text[end:])
                if colon is None:
                    continue
                start = end + colon.end()
                stop = _CLAUSE_BREAK.search(text, start)
                end = stop.start() if stop else len(text)
                if _count_items(text[start:end]) != _counted(name):
                    continue
            spans = [s for s in candidate_spans([hit]) if s.start <= start and s.start + len(s.text) >= end]
            if spans:  # the clause itself, cut from its sentence (not the next slogan's items after 和)
                clause = Span(hit, text[start:end], start, spans[0].sentence, False)
                return [Claim(excerpt(clause), clause, "。")]
    for name in names:  # a nickname no passage writes: 「“三不”底线」 for 「“危地不往、乱地不去、危业不投”」
        listed = _nicknamed(name, hits)
        if listed is not None:
            return [Claim(excerpt(listed), listed, "。")]
    return None


# 「新认定的4个基地分别是哪几个」「这三类人员分别是谁」: a count the question states, and the items asked
_COUNT_LISTED = re.compile(
    r"(\d{1,2}|[一二两三四五六七八九十])\s*([个项家所条种类处座名位支批])([\u4e00-\u9fff]{0,12}?)"
    r"(?:分别|具体|都|各)?(?:是|为|有|包括|叫做?|称为|名为)(?:哪些|哪几|什么(?![时地])|谁)"
)
# the items a passage lists after the same count: 「新认定4个，分别为A、B、C和D」
_LISTED_AFTER = (
    r"\s*{measure}([\u4e00-\u9fff]{{0,8}}?)[，,]?\s*(?:分别为|分别是|包括|即|为|是)[：:]?([^。；;！？]{{4,200}})"
)


def _counted_list_claim(q: Question, hits: tuple[Hit, ...]) -> list[Claim] | None:
    """「2025年新认定的4个市级实践基地分别是哪几个」: the clause that gives that count and lists as many
    items after it (「…实践基地14个，其中2025年新认定4个，分别为A、B、C和D」), counting what the question
    does: the noun the passage writes after the count shares two characters of the question's (not
    「组建4个专家指导组，分别为…」), or, written with none, the count follows the question's word before
    its own (「新认定」) or stands in a sentence naming the noun. The selector, weighing words in common, took
    a sentence on how the bases are managed. None when the question states no count or no passage lists
    one so."""
    m = _COUNT_LISTED.search(q.text) if q.lang == "zh" else None
    if m is None:
        return None
    n = int(m.group(1)) if m.group(1).isdigit() else _DIGITS[m.group(1)]
    noun = m.group(3) or ""
    before = re.sub(r"的$", "", q.text[: m.start()])[-2:]  # 「新认定的4个」: 认定
    count = rf"(?:{n}|{to_chinese(n)}{'|两' if n == 2 else ''})"
    listed = re.compile(count + _LISTED_AFTER.format(measure=re.escape(m.group(2))))
    for hit in hits[:SELECT_K]:
        text = hit.chunk.text
        for found in listed.finditer(text):
            own, items = found.group(1), found.group(2).split("，")[0]
            begun = _sentence_start(text, found.start())
            if own:  # 「4个专家指导组，分别为…」 counts 专家指导组
                counted = len(noun) < 2 or shares(own, noun)
            elif len(before) == 2 and re.fullmatch(r"[\u4e00-\u9fff]{2}", before):
                counted = before in text[max(begun, found.start() - 8) : found.start()]
            else:
                counted = len(noun) < 2 or shares(text[begun : found.start()], noun)
            if _count_items(items) != n or not counted:
                continue
            end = found.start(2) + len(items)
            spans = [s for s in candidate_spans([hit])
                     if s.start <= found.start() and s.start + len(s.text) >= end]  # fmt: skip
            if spans:
                span = min(spans, key=lambda s: (s.start != begun, len(s.text)))  # its sentence, whole
                return [Claim(excerpt(span), span, "。")]
    return None


# 「后面附了哪几个附件」「附件有哪些」, "What attachments does the notice have?"
_ATTACHMENTS_ASKED = re.compile(
    r"附了?(?:哪几|哪些|什么|几)个?附件|附件(?:都|一共|分别)?(?:有|是)(?:哪些|哪几|什么)|"
    r"(?:有|包括|带了?)(?:哪些|哪几个?|几个|什么)附件|附件\s*\d{1,2}\s*是什么|\battachments?\b",
    re.I,
)
# a document's list of attachments before its sign-off: 「附件：1．…」 and the numbered lines under it
_ATTACHMENTS = re.compile(r"附件[：:]\s*1\s*[.．、][^\n]+(?:\n\s*\d{1,2}\s*[.．、][^\n]+)*")


def _attachments_claim(q: Question, hits: tuple[Hit, ...]) -> list[Claim] | None:
    """「通报后面附了哪几个附件」: the document's list of attachments, quoted whole (「附件：1．…问题清单
    …2．…3．…」), not a sentence mentioning one (「…问题清单（见附件1）…」). None when the question
    asks no attachments or no retrieved passage prints the list."""
    if not _ATTACHMENTS_ASKED.search(q.text):
        return None
    for hit in hits:
        m = _ATTACHMENTS.search(hit.chunk.text) if hit.chunk.kind == KIND_DOCUMENT else None
        if m:
            span = Span(hit, m.group(), m.start(), sentence_at(hit.chunk.text, m.start()), False)
            end = "。" if q.lang == "zh" else "."
            return [Claim(according_to(span) if q.lang == "en" else excerpt(span), span, end)]
    return None


def _nicknamed(name: str, hits: tuple[Hit, ...]) -> Span | None:
    """The clause quoting the list a slogan's nickname counts, when no passage writes the nickname: as
    many items as it counts, each holding the word it repeats (「三不」: 「…严守“危地不往、乱地不去、危
    业不投”」, each with 不). The first such list in the hits' order; None when none."""
    word = _SLOGAN.sub("", name)
    if not 1 <= len(word) <= 2 or any(f"“{name}”" in h.chunk.text for h in hits):
        return None
    for hit in hits:
        text = hit.chunk.text
        for m in _QUOTED_LIST.finditer(text):
            items = m.group(1).split("、")
            if len(items) == _counted(name) and all(word in item for item in items):
                # its clause, so the quote says who keeps it (「引导企业严守“危地不往、…”」)
                at = max((b.end() for b in _CLAUSE_BREAK.finditer(text, 0, m.start())), default=0)
                return Span(hit, text[at : m.end()], at, sentence_at(text, m.start(1)), False)
    return None


_QUOTED_LIST = re.compile(r"“([^”“]{2,40}、[^”“]{2,40})”")


_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_JOINED = re.compile(r"(?<![参以涉])(?:和|与|及)(?![谐平])")


def _counted(slogan: str) -> int:
    """How many things ``slogan`` counts: 「五个一」 five, 「三减半」 three, 「一升一降」 two."""
    many = re.fullmatch(r"([一二两三四五六七八九十])个一", slogan)
    return _DIGITS[many.group(1)] if many else sum(_DIGITS.get(ch, 0) for ch in slogan)


def _count_items(clause: str) -> int:
    """The items a clause lists (「企业数量、用地面积、污染总量」: 3; 「空气优良天数和PM2.5浓度」: 2), 0 for
    examples (「中东、非洲等」) and for a clause listing nothing."""
    clause = clause.rstrip("的").strip("“”")
    if not clause or clause.endswith("等"):
        return 0
    parts = clause.split("、")
    joined = 1 if _JOINED.search(parts[-1]) else 0  # 「…、A和B」: the last part is two
    return len(parts) + joined if len(parts) + joined > 1 else 0


def _quoting(hit: Hit, at: int) -> list[Span]:
    """The candidate quotes of ``hit`` that hold its character ``at`` (a clause found in its text)."""
    return [s for s in candidate_spans([hit]) if s.start <= at < s.start + len(s.text)]


def _english_support(q: Question, hits: Sequence[Hit], translations: Translations | None) -> float:
    # The share of English content words with a Chinese rendering somewhere in the passages:
    # "metro", "unemployment" have none here, however close the dense match looks.
    source = " ".join(haystack(h.chunk) for h in hits)
    names = tuple(k for h in hits if h.chunk.author for k in pinyin_keys(h.chunk.author))
    return support(q.text, source, names, translations)


def _with_translations(q: Question, hits: Sequence[Hit], translations: Translations) -> Question:
    # Dictionary renderings of English words become term groups when some passage holds them
    # (absent ones would only dilute coverage; the support feature reads them all).
    text = " ".join(haystack(h.chunk) for h in hits)
    known = {term for g in q.groups for term in g}
    extra = []
    for terms in translations.values():
        group = tuple(x for x in terms if x in text)
        if group and not known.intersection(terms):
            extra.append(group)
    return replace(q, groups=tuple(dict.fromkeys((*q.groups, *extra)))) if extra else q


def _with_parties(q: Question, hits: Sequence[Hit], parties: Parties) -> Question:
    # A decision names its parties by role once their lines are read (「当事人：澜江市启衡…有限公司」, then
    # 「责令当事人…改正」): a question's 公司, 启衡公司 or 公安局 naming a party of a passage's document is
    # found as its role too.
    named = [p for doc in dict.fromkeys(h.chunk.doc_id for h in hits) for p in parties.get(doc, ())]
    if not named:
        return q
    groups = []
    for group in q.groups:
        roles = [role for role, name in named for term in group if _names_party(term, name)]
        groups.append(tuple(dict.fromkeys((*group, *roles))))
    return replace(q, groups=tuple(dict.fromkeys(groups)))


def _names_party(term: str, name: str) -> bool:
    """Whether a question's ``term`` names the party ``name``: its kind (公司 of 「…有限公司」, 公安局
    of 「澜江市公安局」), the name, or a word of it with its kind (启衡公司)."""
    if len(term) < 2 or (term not in name and not term.endswith(name[-2:])):
        return False
    return name.endswith(term) or any(len(term) - k >= 2 and term[:-k] in name for k in (1, 2, 3)
                                      if term.endswith(name[-k:]))  # fmt: skip


def _titled_hit(q: Question, hits: tuple[Hit, ...]) -> Hit | None:
    for title in q.titles:
        key = squash(title)
        for hit in hits:
            if hit.chunk.author and key and key in squash(full_title(hit.chunk)):
                return hit
    return None


_CJK_RUN = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff、，,]{3,}[\u4e00-\u9fff]")


def _quoting_hit(q: Question, hits: tuple[Hit, ...]) -> Hit | None:
    """The best hit of the one signed article that holds, word for word, a phrase the question quotes
    (「“危地不往、乱地不去、危业不投”」, or the Chinese an English question gives in brackets): "who
    wrote the article urging … (危地不往…)" names that article by its words."""
    phrases = [*q.quoted, *(_CJK_RUN.findall(q.text) if q.lang == "en" else ())]
    phrases = [squash(p) for p in phrases if len(squash(p)) >= 4]
    holding = [h for h in hits if h.chunk.author and any(p in squash(h.chunk.text) for p in phrases)]
    return holding[0] if holding and len({h.chunk.doc_id for h in holding}) == 1 else None


def _post_hit(q: Question, hits: tuple[Hit, ...]) -> Hit | None:
    """The hit whose author's byline holds the post the question names (「锡山区委书记叫什么名字」:
    「锡山区委书记」), when one author's does; a post of another place (「惠山区委书记」) is none."""
    text = squash(q.text)
    found: dict[str, Hit] = {}
    for hit in hits:
        c = hit.chunk
        if not (c.author and c.role):
            continue
        for piece in _role_pieces(c.role):
            if any(len(x) >= 4 and _HELD_POST.search(x) and x in text for x in _as_written(piece)):
                found.setdefault(c.author, hit)
    return next(iter(found.values())) if len(found) == 1 else None


def _role_pieces(role: str | None) -> list[str]:
    """The posts a byline's role lists (「无锡高新区党工委书记、新吴区委书记」: two)."""
    return [x for x in re.split(r"[、，,；;（）()\s]+", role or "") if x]


def _as_written(piece: str) -> tuple[str, ...]:
    """A byline's post or body as a question may write it: the city may be left out (「无锡市商务局局长」
    asked as 「市商务局局长」 or 「商务局局长」)."""
    return (piece, piece[2:], piece[3:]) if re.match(r"^[\u4e00-\u9fff]{2}市", piece) else (piece,)


def _named_hit(q: Question, hits: tuple[Hit, ...]) -> Hit | None:
    text = squash(q.text)
    latin = re.sub(r"[^a-z]", "", q.text.lower())  # "Chen Qiufeng" -> chenqiufeng, matched by pinyin
    for hit in hits:
        author = hit.chunk.author
        if author and (author in text or any(len(k) >= 5 and k in latin for k in pinyin_keys(author))):
            return hit
    return None


_PEOPLE_LISTED = re.compile(r"(?:哪些|哪几个?|哪[两三四五六七八九])人")


def _list_claims(q: Question, hits: tuple[Hit, ...]) -> list[Claim]:
    # Every term group must occur in the article (its text or metadata): “一带一路”, 区委书记,
    # or for English the Chinese renderings of "artificial intelligence".
    topic = tuple((x,) for x in q.quoted) or q.groups
    either = _alternatives(q)
    if either:  # "提到了低空经济或“低空+”的文章": an article holding either is one
        joined = "或".join(either)  # the alternatives' own terms and the 或/或者 give way to the pair
        topic = (*(g for g in topic if not any(x in joined or x in _OR_WORDS for x in g)), either)
    if not topic:
        return []
    wanted = _wanted(q.text)  # 「哪两位作者都提到…」: the two whose quotes hold most of it

    def covered(span: Span) -> int:
        return sum(any(x in span.text for x in g) for g in q.groups)

    claims: dict[str, Claim] = {}
    people = bool(_PEOPLE_LISTED.search(q.text))  # 「哪些人被免职」 of a circular: the persons it names,
    for hit in hits:  # not the document its issuer signed; of a page, the authors who wrote on it
        c = hit.chunk
        if not c.author or not _holds(haystack(c), topic) or (people and c.kind == KIND_DOCUMENT):
            continue
        spans = candidate_spans([hit])
        # The quote holds the topic; a topic found only in the metadata (a role) cites the lead.
        holding = [s for s in spans if _holds(s.text, topic)]
        if wanted:  # the quote holding most of what is asked, from any of the article's passages
            holding += [claims[c.doc_id].span] if c.doc_id in claims else []
            holding.sort(key=lambda s: (-covered(s), len(s.text)))
        elif c.doc_id in claims:
            continue
        if holding and not wanted:
            holding = [min(holding, key=lambda s: len(s.text))]
        span = (holding or spans or [None])[0]
        if span is not None:
            item = t("list_item", q.lang, title=full_title(c), author=c.author)
            claims[c.doc_id] = Claim(item, span, "；" if q.lang == "zh" else "; ")
    if not claims:
        return []
    if wanted and len(claims) > wanted:
        held = sorted(claims, key=lambda d: -covered(claims[d].span))
        claims = {d: claims[d] for d in held[:wanted]}
    if len(claims) > 1 and _ONE_ASKED.search(q.text):  # 「哪篇文章讲金融安全」: the one titled so, if one is
        titled = [d for d, c in claims.items() if _holds(full_title(c.span.hit.chunk), topic)]
        claims = {titled[0]: claims[titled[0]]} if len(titled) == 1 else claims
    ordered = sorted(claims.values(), key=_page_order)
    alone = [x for x in q.quoted if x not in either]  # a quoted term that is no alternative
    named = "”、“".join([*alone, *(["”或“".join(either)] if either else [])])
    one = "_one" if len(ordered) == 1 else ""  # "Which article …?" with one match: "Matching article:"
    head = t("list_intro" + one, q.lang, topic=named) if named else t("list_intro_plain" + one, q.lang)
    first, last = ordered[0], ordered[-1]
    ordered[0] = Claim(head + first.lead, first.span, first.tail)
    ordered[-1] = Claim(ordered[-1].lead, last.span, "。" if q.lang == "zh" else ".")
    return ordered


_WHICH_ARTICLE_EN = re.compile(r"\b(?:which|what) articles?\b", re.I)
# one article asked for: 「哪篇文章」「哪一篇」, "which article" (not 「哪几篇」「哪些」, "which articles")
_ONE_ASKED = re.compile(r"哪一?篇|\b(?:which|what) article\b(?!s)", re.I)
_COUNTED_ASKED = re.compile(
    r"哪([两三四五六七八九])(?:位|篇)|\bwhich (two|three|four|five) (?:articles|authors|pieces|writers)\b",
    re.I,
)
_COUNTS = {"两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
           "two": 2, "three": 3, "four": 4, "five": 5}  # fmt: skip


def _wanted(question: str) -> int:
    """How many articles a list question asks for (「哪两位作者」, "which two authors"), 0 if it says none."""
    m = _COUNTED_ASKED.search(question)
    return _COUNTS[(m.group(1) or m.group(2)).lower()] if m else 0


def _page_order(claim: Claim) -> tuple[str, int]:
    return claim.span.hit.chunk.source_id, claim.span.hit.chunk.unit_index


_OR_WORDS = ("或者", "或是", "或")
_OR = re.compile("|".join(_OR_WORDS))
_QUOTES = '“”"「」『』《》‘’'


def _alternatives(q: Question) -> tuple[str, ...]:
    """The two terms a Chinese question joins with 或 ("低空经济或“低空+”"): the run of the question's
    terms just before the one 或 and just after it, quotes aside; () without exactly one 或."""
    found = list(_OR.finditer(q.text)) if q.lang == "zh" else []
    if len(found) != 1:
        return ()
    terms = sorted({x for x in q.terms if x not in _OR_WORDS}, key=len, reverse=True)
    left, right = q.text[: found[0].start()].rstrip(_QUOTES), q.text[found[0].end() :].lstrip(_QUOTES)
    before = after = ""
    # a run of nouns is one term (低空+经济); verbs joined by 或 share what follows (「引导或支持本地企业」:
    # 引导, 支持), so a verb next to 或 is the alternative alone
    while (x := next((x for x in terms if left.endswith(x)), None)) is not None:
        before, left = x + before, left[: -len(x)]
        if x in q.light:
            break
    while (x := next((x for x in terms if right.startswith(x)), None)) is not None:
        after, right = after + x, right[len(x) :]
        if x in q.light:
            break
    return (before, after) if before and after else ()


def _holds(text: str, groups: Sequence[tuple[str, ...]]) -> bool:
    return all(any(term in text for term in group) for group in groups)


_TIME_UNITS = frozenset({"年", "个月", "天", "日", "小时", "分钟", "秒", "秒钟", "周岁"})
_NO_COUNT_TIME = re.compile(r"终身|永久|无期|立即|即时|随时|及时")  # a time without a number
# 终身 answers 「几年内不得」; 「立即」「及时报告」 do not answer 「多少小时内报告」: the law sets no number
# of hours (a user asking it is told so, the clause among the related passages)
_NO_COUNT_LONG = re.compile(r"终身|永久|无期")
# A question asking the year or the day itself (「哪一年成立」, "in which year"), answered only by a quote
# dating something: a year, a day of a month, or 「自公布之日起」 (the day a law was published).
_DATE_ASKED = re.compile(
    r"哪一?年|何年|哪一?天|几月几[日号]|什么日期|哪个月|\b(?:which|what) (?:year|date|day|month)\b|"
    r"\bon what date\b",
    re.I,
)
_DATES = re.compile(
    r"(?:19|20)\d\d\s*年|\d{1,2}\s*月\s*\d{1,2}\s*日|[〇零一二三四五六七八九]{4}年|\d{4}[-./]\d{1,2}|"
    r"[今去明前]年|之日|\d{1,2}\s*月"
)
_YEARS = re.compile(r"(?:19|20)\d\d\s*年|[〇零一二三四五六七八九]{4}年|[今去明前]年|之日|(?:19|20)\d\d[-./]")
# what states a change, however it is put: 「增长12.4%」「减少7件」「由21.4%提高到55.3%」「升至3.44%」
# 「翻番」, 「新建充电桩3200个」 (an increment), 「扩大了320公顷」「下调0.2个百分点」「回落0.8个百分点」
_CHANGED = re.compile(
    rf"{CHANGE_WORDS}|[增减降升涨跌]|翻番|翻了|多了|少了|同比|[比较]\S{{0,12}}?[多少高低]|新建|新开通?|建成|压缩|缩短"
)


def _states_change(text: str, unit: str | None) -> bool:
    """Whether a clause of ``text`` states a change with a figure (in ``unit`` when the question counts
    in one): 「…增加500家」, not 「…研发投入强度升至3.44%，…高新技术企业突破7300家」 asked 多少家."""
    for clause in re.split(r"[，；。,;]", text):
        figures = [m.group(0) for m in FIGURE_RE.finditer(clause)]
        if unit:  # a share changes by points: 「提高了14.6个百分点」
            figures = [f for f in figures if same_unit(f, unit) or (unit in "%％" and "百分点" in clause)]
        if figures and _CHANGED.search(clause):
            return True
    return False


# A year something is measured against (「较2024年增长37.5%」): not when anything happened
_COMPARED = re.compile(
    r"(?:较|比|同比|相比|对比)\s*(?:(?:19|20)\d\d\s*年|[去前上]年)|"
    r"(?:与|和|同)\s*(?:(?:19|20)\d\d\s*年|[去前上]年)(?:同期)?相比"
)
_COMPARED_ASKED = re.compile(r"比|较|\bcompared\b|\bthan\b", re.I)
# A share as Chinese prints one: 53.1%, 百分之五, 三成, 过半, 两倍, 三分之一.
_SHARE = re.compile(
    rf"\d\s*[%％]|百分之|千分之|[一二三四五六七八九十]成|一半|半数|过半|大半|倍|{RATIO}|{FRACTION}"
)
_PLACE_ASKED = re.compile(
    r"哪一?[个座]?(国家|省份?|城市)|哪[国省市]|\b(?:which|what) (country|province|city)\b", re.I
)
# 「由哪些人员组成」, "who sits on": answered only by a sentence saying what the body is made of; not
# what a system's parts are (「由哪几个环节组成」: a list)
_MAKEUP_ASKED = re.compile(
    r"由(?:哪些|什么|哪几|谁)(?!个?(?:环节|部分|方面|要素|阶段|板块|模块|步骤|指标|项|类|种))[^，。？?]{0,6}?(?:组成|构成)|"
    r"(?:成员|组成人员)(?:有|是|包括)(?:哪些|谁)|"
    r"\b(?:composed of|made up of|who (?:are|is) (?:the )?members?|who sits? on)\b",
    re.I,
)
# 「由…组成」, 「成员」; not 「组成部分」 (a part of), 「不构成犯罪」, 「成员国」
_MAKEUP = re.compile(r"组成(?!部分)|(?<!不)构成(?!犯罪|部分)|成员(?!国)")


# 「由哪一级…批准」: answered only by a quote naming a level (省级以上, 县级, 中级人民法院, 上一级, 国家,
# 国务院, 江苏省; 「县级以上人民政府」, not any figure 「…以上」).
_LEVEL_ASKED = re.compile(r"哪一?级|\bwhat level\b|\bwhich level\b", re.I)
_LEVEL = re.compile(
    r"[省市县乡区中高]级|国家|国务院|中央|全国|上一级|本级|[\u4e00-\u9fff]{2}省|省(?:委|政府|人民政府)|"
    r"以上(?:地方)?(?:各级)?人民政府|以上[^，。；]{0,12}(?:机关|部门|机构)|"
    # a body at a level: 「向岚江市人民政府」
    r"[省市区县镇](?:人民)?政府|[省市区县]委|[省市区县](?:公安|应急管理|消防救援)?[局厅]|支队"
)
_LEVEL_NAMED = re.compile(r"[省市县乡区中高]级|上一级|本级")
# 「属于哪一级响应」「启动哪级预警」 ask a grade of a scale (Ⅱ级, 二级, 红色), not a body's level
_GRADE_OF = re.compile(r"哪一?级(?:应急)?(?:响应|预警|事件|风险|标准)")
_GRADE = re.compile(r"[ⅠⅡⅢⅣⅤⅥ]\s*级|(?<![省市县乡区中高上本\d])[一二三四五六1-6]\s*级|[红橙黄蓝]色")


def _levels_asked(q: Question) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """What answers a 「哪一级」 question, named in so many words and in any form: a grade of a scale
    (「Ⅱ级」) or a body's level (「省级」; 「国务院」), None when none is asked."""
    if not _LEVEL_ASKED.search(q.text):
        return None
    return (_GRADE, _GRADE) if _GRADE_OF.search(q.text) else (_LEVEL_NAMED, _LEVEL)


# A post asked who holds (「…的主任是谁」「谁担任…局长」).
_POSTS = (r"主任评委|主任|负责人|局长|厅长|处长|科长|司长|院长|所长|校长|馆长|站长|主席|部长|书记|市长|县长|"
          r"区长|省长|秘书长|理事长|董事长|总经理|会长|社长|行长|团长|支队长|大队长|队长|政委|指挥长|总指挥|组长|"
          r"召集人|主编|主持人|评委|裁判长|发言人")  # fmt: skip
# an English question naming the post in Chinese: "Which official serves as commander (指挥长)…?"
_POST_IN_BRACKETS = re.compile(rf"[（(]\s*(?P<post>{_POSTS})\s*[)）]")
_HELD_POST = re.compile(rf"(?:{_POSTS}|常委|委员)$")  # a byline's post: 「锡山区委书记」
_ORG_POST = re.compile(rf"(?:常务)?(?:副)?(?:{_POSTS}|常委|委员)(?:（兼）)?$")  # 「无锡市商务局」+局长
_NAMED_BY = r"(?:的名字)?(?:叫什么|姓什么|是哪一?位)"  # 「局长叫什么名字」 asks who holds it
_NAME_OF_POST = re.compile(rf"(?:{_POSTS}){_NAMED_BY}")
_POST_ASKED = re.compile(
    rf"(?P<post>{_POSTS})(?:是|为|由)?(?:谁|哪位)|(?:谁|哪位)(?:是|担任|任)[^，。？?]{{0,12}}?(?P<held>{_POSTS})|"
    rf"(?P<named>{_POSTS}){_NAMED_BY}"
)


# a post asked by its duty (「分管安全生产的负责人」): whoever the quote says has that duty holds it
_DUTY_OF_POST = re.compile(
    r"(?P<duty>(?:分管|主管|负责)[\u4e00-\u9fff]{2,8}?)(?:工作)?的(?:负责人|领导|责任人)"
)


def _asked_not_given(
    q: Question, claims: Sequence[Claim], hits: Sequence[Hit] = (), *, cell: bool = False
) -> str | None:
    """The refusal when the question says what kind of answer it wants (``_asked_kinds``) and no
    chosen quote holds one. Leading with another figure or a sentence without the place would
    answer another question. None when the question asks none of these or a quote has it. A table's
    ``cell`` (rag.answer.table) was read in the column the question asks: only its place is checked
    (「鹤鸣县粮食总产量」 is not the city table's 「粮食」 row)."""
    if cell:
        return place_not_given(q, claims, hits, SELECT_K)
    quotes = [c.span.text for c in claims]
    for refusal, holds in _asked_kinds(q):
        if not any(holds(x) for x in quotes):
            return refusal
    # 「2024年市财政安排了多少…」: 「市财政2025年安排…1.5亿元」 is another year's; a quote naming no year is
    # dated by its headings (「2023年…新创建多少个」: 「新创建…6个」 under 「一、2024年工作总结」 is 2024's)
    first = claims[0].span.hit.chunk if claims else None
    years = _asked_years(q, first.title, first.year) if first else _asked_years(q, None)
    if years and not any(_dated(c.span, years, q.unit) for c in claims):
        return t("no_year", q.lang, year="、".join(sorted(years)))
    # 「国家级的有几个」: 「其中省级基地2个」 counts another level's; 「省级及以上审定的21个」 counts no
    # 国家级 alone
    if q.shape == SHAPE_QUANTITY and (asked := _tiers_counted(q.text)):
        said = [set(_TIER_NAMED.findall(x)) for x in quotes]
        if not any(asked & x for x in said) and any(said):
            return t("no_answer", q.lang)
    # 「“净网2025”侦破了多少起」: a quote on 「“净网2024”」 is another campaign's, though 2025's is named
    # elsewhere in the documents
    sibling = _sibling_code(q, quotes)
    if sibling:
        return t("no_sibling", q.lang, term=sibling[0], other=sibling[1])
    # 「从哪一年开始的」: a year, in the quote or its headings (a chronicle's 「一、2019年」 over
    # 「11月，…」); not a month alone (「9月底前」)
    if q.shape == SHAPE_WHEN and _YEAR_ASKED.search(q.text) and not any(_year_given(c.span) for c in claims):
        return t("no_date", q.lang)
    # 「“国安小卫士”活动是从哪一年开始的」: a term the question quotes that the passages write is what it
    # asks about; quotes whose passages never write it (another plan's deadline) answer another question
    if _quoted_not_given(q, claims, hits):
        return t("no_answer", q.lang)
    # 「无锡市2024年GDP是多少」: a figure for something else (贡献率 69.5%) answers another question. An
    # English question's acronym ("What was Wuxi's GDP?") counts where the passages write it so (the
    # laws write 应用程序, never APP: an APP question cannot be checked this way)
    measure = asked_measure(q.text, q.lang, figure=q.shape == SHAPE_QUANTITY)
    if measure and q.lang == "en" and measure not in "".join(h.chunk.text for h in hits):
        measure = None
    held = [squash(x).lower() for x in quotes] + [haystack(c.span.hit.chunk).lower() for c in claims]
    if measure and not any(measure.lower() in x for x in held):  # in the quote or around it
        return t("no_measure", q.lang, measure=measure)
    # 「临川实验室的主任是谁」: who holds a post is answered only where the post is named, in the quote
    # or around it (a sentence on when the laboratory opened names no director)
    post = _POST_ASKED.search(q.text) if q.shape == SHAPE_WHO or _NAME_OF_POST.search(q.text) else None
    named = (post["post"] or post["held"] or post["named"]) if post else None
    # 「局长是谁」: a 副局长 holds another post; 「副组长是谁」 is not asked of a 组长
    deputy = "副" in q.text
    wanted = ("副" if f"副{named}" in q.text else "" if deputy else "(?<!副)") + re.escape(named or "")
    if named and not any(re.search(wanted, x) for x in held):
        duty = _DUTY_OF_POST.search(q.text)  # 「分管安全生产的负责人」: the one 「分管安全生产工作」 is it
        if not (duty and any(duty["duty"] in x for x in held)):
            return t("no_post", q.lang, post=f"副{named}" if wanted.startswith("副") else named)
    return place_not_given(q, claims, hits, SELECT_K)


_TIER_NAMED = re.compile(r"国家级|省级|市级|县级|区级|乡镇级|部级")  # the level a count or an amount is of
_COUNT_WORDS = re.compile(r"多少|几")
_BETWEEN_OK = frozenset("的 有 是 共 共有 一共 一共有 总共 其中 了".split())  # noqa: SIM905


def _tiers_counted(text: str) -> set[str]:
    """The levels a count question counts things of (「国家级的有几个」「省级重点实验室有多少家」): a
    level with only nouns between it and 多少/几, not one naming who acts (「省级督导组抽查了多少个项目」)."""
    words = [(w, f) for w, f in tagged(text) if w.strip()]
    found = set()
    for i, (w, _) in enumerate(words):
        if not _TIER_NAMED.fullmatch(w):
            continue
        for x, flag in words[i + 1 :]:
            if _COUNT_WORDS.match(x):
                found.add(w)
                break
            if x not in _BETWEEN_OK and not flag.startswith("n"):
                break
    return found


def _year_given(span: Span) -> bool:
    """Whether ``span`` writes a year, or a heading it is read under is a year alone (a chronicle's
    「一、2019年」 over 「11月，…建成开放」; not 「四、2026年工作安排」, a plan's part)."""
    heads = span.hit.chunk.section
    return bool(_YEARS.search(span.text)) or any(_YEAR_HEADING.fullmatch(h.strip()) for h in heads)


_YEAR_HEADING = re.compile(
    r"(?:[一二三四五六七八九十]+、|\d{1,2}[.．、]|[（(][一二三四五六七八九十]+[)）])?\s*(?:19|20)\d\d\s*年度?"
)


def _quoted_not_given(q: Question, claims: Sequence[Claim], hits: Sequence[Hit]) -> bool:
    """Whether the question quotes terms (“…”, 《…》) that the retrieved passages write, and no chosen
    quote's paragraph, up to the quote, writes any of them. A quoted phrase in the asker's own words,
    which no passage writes, is not checked (rag.answer._unrelated reads it by its words)."""
    if not q.quoted or not hits or q.shape == SHAPE_WHO:  # who wrote it: a byline, which need not quote it
        return False
    text = _bare(retrieved(hits)[0])
    # a title (《暗线》) or a quoted name of three characters or more (“国安小卫士”), not a word the asker
    # stresses (“第一”)
    titles = set(_BOOK_TITLE.findall(q.text))
    written = [_bare(w) for w in q.quoted if len(_bare(w)) >= (2 if w in titles else 3) and _bare(w) in text]
    held = [_bare(_read_under(c.span)) for c in claims]
    return bool(written) and not any(x in h for x in written for h in held)


def _read_under(span: Span) -> str:
    """``span`` with the words of its paragraph before it, and what its passage is read under (its
    document's title, headings and context): not the passage's other paragraphs (another numbered
    point), nor what its paragraph goes on to say."""
    c, text = span.hit.chunk, span.hit.chunk.text
    if is_law(c.title):  # an article's clauses are one provision: 第二十一条's second 款 names 国家核心数据
        return " ".join(x for x in (c.title, *c.section, c.context, text) if x)
    # from its paragraph's start to its end: a sentence before it names what it is about (「“一网通办”…。
    # 目前网上可办率达到98.6%」), not the clauses after it (「…关注人数达8.6万人；“澜溪应急发布”微博…」)
    start = text.rfind("\n", 0, span.start) + 1
    said = text[start : span.start + len(span.text)]
    # a signed article is read under its byline too: its author's post names a body (「…金融管理局局长」)
    return " ".join(x for x in (c.title, c.subtitle, c.author, c.role, *c.section, c.context, said) if x)


def _asked_kinds(q: Question, *, exact: bool = False) -> list[tuple[str, Callable[[str], bool]]]:
    """What the question says its answer must hold, each as (the refusal if none does, the test of
    a quote): a figure in the unit it states (「多少小时内」: 「六个月」 does not say how many hours;
    「几年内不得」 is answered by 终身; 「多少小时内通知」 is not by 立即, which gives no number), a share
    for a rate (「不良资产率是多少」: not 「600亿元」), what a body is made of for 「由哪些人员组成」 (not a
    sentence on its duties), a place for 「哪个国家」. ``exact`` leaves out the tests that only rule a
    quote out (the place)."""
    kinds: list[tuple[str, Callable[[str], bool]]] = []
    if q.shape == SHAPE_QUANTITY:
        # (a question checking a figure it states, 「…连续5年保持100%了，是这样吗」, is answered by a quote
        # stating the figures, whichever they are: 「连续4年保持100%」 says it is not so)
        checks = _CHECKS_CLAIM.search(q.text) is not None
        kinds = [(refusal, holds if checks else _unstated(q.text, holds))
                 for refusal, holds in _quantity_kinds(q)]  # fmt: skip
    if q.shape == SHAPE_WHEN and _DATE_ASKED.search(q.text):
        bases = _COMPARED_ASKED.search(q.text) is not None  # 「跟哪一年比」 asks the year compared with

        def dated(x: str) -> bool:
            return bool(_DATES.search(x if bases else _COMPARED.sub("", x)))

        kinds.append((t("no_date", q.lang), dated))
    if asks_clock(q.text):  # 「几点开馆」: a day (「4月15日重新开放」) is no time of day
        kinds.append((t("no_answer", q.lang), lambda x: bool(_TIME_OF_DAY.search(x))))
    if _MAKEUP_ASKED.search(q.text):
        kinds.append((t("no_makeup", q.lang), lambda x: bool(_MAKEUP.search(x))))
    if FREQUENCY_ASKED.search(q.text):
        kinds.append((t("no_frequency", q.lang), lambda x: bool(FREQUENCY.search(x))))
    if q.lang == "zh" and CHANGE_ASKED.search(q.text):  # 「比上一年净增了多少家」: 「突破7300家」 is a level
        # in the unit the question states, not one its words hint (「投资增长多少」: 增长11.2%, not 元)
        stated = stated_unit(q.text, q.lang)
        kinds.append((t("no_answer", q.lang), lambda x: _states_change(x, stated)))
    for asked, held, kind in _CONTACTS:  # 「邮箱是多少」: a quote without an address gives none
        if asked.search(q.text):
            refusal = t("no_contact", q.lang, kind=kind[q.lang])
            kinds.append((refusal, lambda x, held=held: bool(held.search(x))))
    levels = _levels_asked(q)
    if levels:  # exact: a level in so many words (省级), the quote to look for
        level = levels[0] if exact else levels[1]
        kinds.append((t("no_level", q.lang), lambda x: bool(level.search(x))))
    if _PLACE_ASKED.search(q.text) and not exact:  # jieba's place names are a loose test (江苏 for a country)
        kinds.append((t("no_place", q.lang), lambda x: names_place(x, q.text)))
    for mod, head, noun in _ordinals(q.text, _ORDINAL) if not exact else ():  # 「二期」 asked, 「一期」 said
        kinds.append((t("no_answer", q.lang), _ordinal_test(mod, head, noun)))
    return kinds


# How a case is punished, asked (「会被怎么罚」「受到什么处罚」「给予何种处分」), and what a quote stating a
# punishment holds: a duty (「禁止将使用后的实验动物流入市场」) states none
_PUNISHMENT_ASKED = re.compile(
    r"(?:怎么|怎样|如何)样?(?:被|会被)?(?:处)?罚|(?:什么|哪些|何种)(?:样的)?(?:处罚|处分|罚则)"
)
_PUNISHMENT = re.compile(r"罚款|罚金|拘留|没收|吊销|警告|处分|刑事责任|徒刑|责令")
# a time of day: 「9时30分」「9:00」「上午9时」「下午5点」
_TIME_OF_DAY = re.compile(rf"{CLOCK_RE.pattern}|(?<![\d.])\d{{1,2}}\s*[时点](?![\d期])|[上下]午\s*\d")
# A way to reach someone asked for, what a quote giving one holds, and its name in a refusal
_CONTACTS = (
    (re.compile(r"邮箱|电子邮件|电子信箱|\be-?mail\b", re.I), re.compile(r"[\w.\-]+[@＠][\w\-]+\.[\w.]+"),
     {"zh": "电子邮箱", "en": "email address"}),
    (re.compile(r"网址|网站地址|官网地址|\bwebsite\b|\bURL\b|\bweb address\b", re.I),
     re.compile(r"www\.|https?://|[\w\-]+\.(?:gov\.cn|com\.cn|org\.cn|cn|com|org|net)\b", re.I),
     {"zh": "网址", "en": "web address"}),
    (re.compile(r"(?:电话|热线|手机|号码)[^，。？?]{0,4}(?:多少|是什么|是几)|(?:哪个|什么|哪条)(?:电话|热线)|"
                r"\b(?:phone|telephone|hotline) number\b|\b(?:which|what) (?:hotline|phone line)\b", re.I),
     # a landline with its area code, one set in fours (「6628 3110」), a hotline (12339), and 110 or 120
     # where it is called (「拨打110报警」, 「电话：120」), not 「120人」
     re.compile(r"(?<!\d)(?:\d{3,4}[-－]\d{7,8}|\d{4}[ -－]\d{4}|\d{5,12})(?![\d元万%％])"
                r"|(?:(?<=拨打)|(?<=电话)|(?<=热线)|(?<=[：:]))1[12]\d(?!\d)"),
     {"zh": "电话号码", "en": "phone number"}),
)


def _quantity_kinds(q: Question) -> list[tuple[str, Callable[[str], bool]]]:
    """``_asked_kinds`` of a quantity question: a figure in the unit it states, a share, an amount of
    money, a count, or any figure."""
    kinds: list[tuple[str, Callable[[str], bool]]] = []
    unit = stated_unit(q.text, q.lang)
    if unit is not None:
        no_count = _NO_COUNT_LONG if unit in _TIME_UNITS else None

        def in_unit(x: str) -> bool:
            x = ADDRESS_RE.sub("", x)
            if not ORDINAL_ASKED_RE.search(q.text):  # 「位居全国第11位」 is a rank, no count of people
                x = ORDINAL_RE.sub("", x)
            if unit in _PERSONS and _PEOPLE_SHARE.search(x):  # 「有多少人承认…」: 「21.5%的受访者承认…」
                return True
            return has_figure(x, unit) or (no_count is not None and bool(no_count.search(x)))

        english = english_unit(unit) if q.lang == "en" else unit  # "no figure in people", not 「名」
        refusal = t("no_figure", q.lang, unit=english) if english else t("no_number", q.lang)
        kinds.append((refusal, in_unit))
        if unit.endswith("元") and _MONEY_ASKED.search(q.text):  # 「补助标准是多少元」: a 补助, not 救灾资金
            kinds.append((t("no_money", q.lang), _money_test(q.text)))
    elif q.unit == "%":
        kinds.append((t("no_share", q.lang), lambda x: bool(_SHARE.search(x))))
    elif _MONEY_ASKED.search(q.text):  # 「要交多少保证金」: 「每年至少一次」 states no amount
        kinds.append((t("no_money", q.lang), _money_test(q.text)))
    elif _AMOUNT_ASKED.search(q.text):  # 「股权转让金额是多少」: an amount in 元, not 51%; a share of a sum
        money = _money_test(q.text, said=False)  # of money is one (「罚没款金额的5%给予奖励」)
        kinds.append((t("no_money", q.lang), lambda x: money(x) or bool(_SHARE_OF_SUM.search(x))))
    elif _VALUE_ASKED_EN.search(q.text):  # "total import and export value", "budget": an amount of
        kinds.append((t("no_money", q.lang), _states_money))  # money, not 53.1%
    elif asks_count(q.text, q.lang):  # "how many organizations": 「3家」, not 「600亿元」
        kinds.append((t("no_count", q.lang), counts_things))
    elif q.lang == "zh" and _COUNT_ZH.search(q.text):  # 「分为几个等级」: 「六个月」 counts no 等级
        kinds.append((t("no_count", q.lang), _of_asked(q.text, _counts_zh)))
    elif _LENGTH_ASKED.search(q.text) and not FREQUENCY_ASKED.search(q.text):
        # 「脱密期一般是多长时间」: a length of time, or a time without a number (终身); a sentence on the
        # 脱密期 without one says nothing of how long it is
        kinds.append((t("no_duration", q.lang), _states_length))
    elif not _HOW_LONG.search(q.text):
        # a sentence without a figure says none; not of how long (「最短时间」) or how often (定期)
        figure = _of_asked(q.text, _any_figure) if q.lang == "zh" else _any_figure
        kinds.append((t("no_number", q.lang), figure))
    return kinds


# How many people, as a survey answers it: a share of those asked (「21.5%的受访者」「受访者占41.6%」)
_PERSONS = frozenset({"人", "名", "位", "people", "persons"})
_PEOPLE_SHARE = re.compile(
    r"\d+(?:\.\d+)?[%％]的?(?:受访者|被调查者|调查对象|被访者|居民|群众|市民|村民|网民|人|学生|职工|干部|人员)"
    r"|(?:受访者|被调查者|被访者|居民|群众|市民|人员|学生)[^，。；]{0,24}占\d+(?:\.\d+)?[%％]"
)


# A question asking a length of time with no unit (「多长时间」「多久」, "how long"), and a length of time as
# a quote states it: a figure with a unit of time (「二十年」「6个月」「二十四小时」「三十日」)
_LENGTH_ASKED = re.compile(r"多长时间|多久|多长的?期限|\bhow long\b", re.I)


def _states_length(text: str) -> bool:
    return bool(_LENGTH.search(text) or _NO_COUNT_LONG.search(text) or _LENGTH_SAID.search(text))


# a length set in words: 「保存期限应当为实现处理目的所必要的最短时间」
_LENGTH_SAID = re.compile(r"最短时间|最长时间|必要的(?:最短)?(?:时间|期限)|(?:期限|时间)(?:应当|一般)?为")
_LENGTH = re.compile(
    r"(?<!第)(?:\d+(?:\.\d+)?|[零一二两三四五六七八九十百千半]+)\s*(?:个月|个?工作日|日|天|年|个?小时|周岁|周|星期|分钟|秒|[学课]时)"
)


# 「几个等级」「多少个试点」: a count of things, not a length of time (几个月, 几个小时, 几个工作日)
_COUNT_ZH = re.compile(r"(?<![哪第])(?:几|多少)\s*个(?!月|小时|钟头|工作日|星期|人)")
# 「两个关键指标」: a count and the noun it counts
_COUNT_OF = re.compile(
    r"(?:[一二两三四五六七八九十百千万]+|\d+)\s*(?P<m>个|条|项|家|座|所|支|批|类|种|处|件|台|套|张|栋|户)"
    r"([\u4e00-\u9fff]{2,6})"
)
_LEVELS = re.compile(r"(?:[一二两三四五六七八九十]+|\d+)\s*(?:级|类|等|档|层)(?!以[上下])")  # 「分为…三级」
# A name with Latin letters and digits the question writes (「PM2.5」「5G」): no figure of the answer
_CODED_TERM = re.compile(r"[A-Za-z]+\d+(?:\.\d+)?|\d+[A-Za-z]+")


def _counts_zh(text: str) -> bool:
    return counts_things(text) or bool(_LEVELS.search(text))


def _of_asked(question: str, holds: Callable[[str], bool]) -> Callable[[str], bool]:
    """``holds`` read without the counts of things the question does not name (a count and the noun
    after it) and the coded names it writes: 「江阴PM2.5年均浓度降到了多少」 is not answered by
    「PM2.5浓度“一升一降”两个关键指标」 (a count of 指标); 「划分为几个安全保护等级」 is, by a count
    naming 等级."""

    counted = "".join(COUNTED_NOUN.findall(question))  # 「多少个项目」: 项目, which 「108项…」 counts

    def test(x: str) -> bool:
        for m in reversed([*_COUNT_OF.finditer(x), *_CODED_TERM.finditer(x)]):
            noun = m.group(2) if m.re is _COUNT_OF else None
            if noun and m["m"] in counted:  # 「108项生态环境基础设施」 counts the 项目 asked
                continue
            if (noun is None and m.group() in question) or \
                    (noun and not any(noun[i : i + 2] in question for i in range(len(noun) - 1))):
                x = x[: m.start()] + " " * len(m.group()) + x[m.end() :]
        return holds(x)

    return test


# a question asking whether what it states is so (「…，是这样吗」「…，对吗」)
_CHECKS_CLAIM = re.compile(r"(?:是这样吗|对吗|对不对|是真的吗|是不是真的|属实吗|准确吗|没错吧|是吗)[？?]?$")


def _unstated(question: str, holds: Callable[[str], bool]) -> Callable[[str], bool]:
    """``holds`` read without the figures the question states (「4个智算中心总算力是多少」: a quote
    whose only figure is 「4个」 states no 总算力)."""

    def test(x: str) -> bool:
        for m in reversed(given_figures(question, x)):
            x = x[: m.start()] + " " + x[m.end() :]
        return holds(x)

    return test


# A qualifier that ranks or numbers what it qualifies: a phase (一期, 二期), a class (Ⅰ类), a level
# (Ⅳ级, 三级, 县级, 省级). A quote about another phase, class or level of it answers another question
# (「二期工程投资多少」: 「一期…2.8亿元」; 「村级抢险队伍多少人」: 「县级…不少于200人」).
_ORDINAL = re.compile(
    r"(?<![统同唯单逐每这那某任哪十百千万村乡镇县区市省家\d])([一二三四五六七八九十ⅠⅡⅢⅣⅤⅥ\d]|[村乡镇县区市省]|国家)(期|类|级)"
    r"(?!以[上下])"
)
_ORDINAL_ANY = re.compile(r"([一二三四五六七八九十ⅠⅡⅢⅣⅤⅥ\d]|[村乡镇县区市省]|国家)(期|类|级)(?:以[上下])?")
# The same level written three ways: Ⅰ级, 一级, 1级
_NUMERALS = str.maketrans("ⅠⅡⅢⅣⅤⅥ123456789", "一二三四五六一二三四五六七八九")


def _ordinals(text: str, pattern: re.Pattern) -> list[tuple[str, str, str]]:
    """(qualifier, 期/类/级, the noun it qualifies) of each in ``text``: a phase follows its noun
    (「工程二期」), a class or level comes before it (「Ⅰ级应急响应」, 「一类应急避难场所」)."""
    out = []
    for m in pattern.finditer(text):
        before, after = text[max(0, m.start() - 2) : m.start()], text[m.end() : m.end() + 4]
        noun = before if m.group(2) == "期" else after
        out.append((m.group(1).translate(_NUMERALS), m.group(2), re.sub(r"[^\u4e00-\u9fff]", "", noun)))
    return out


def _ordinal_test(mod: str, head: str, noun: str) -> Callable[[str], bool]:
    """Whether a quote may be about the ``mod``+``head`` asked (of ``noun``): it names it, or no other
    ``head`` of that noun (「Ⅱ级以上应急响应」 covers Ⅰ and Ⅱ, not Ⅳ; 「省级以上人民政府」 approving a
    三级实验室 is another noun's level)."""

    def holds(quote: str) -> bool:
        same = [m for m, h, n in _ordinals(quote, _ORDINAL_ANY)
                if h == head and (not noun or not n or n[:1] in noun or noun[:1] in n)]  # fmt: skip
        return mod in same or not any(m != mod for m in same)

    return holds


# A year as a question or quote writes it: 「2024年」 (an English question: "in 2024"), a span
# 「2021—2025年」 standing for each year in it, 「24年」 for 2024 (a quote's shorthand, only ever read to
# let a quote pass).
_TITLED = re.compile(r"《[^》]{0,80}》")
_YEAR_ZH = re.compile(r"(?<!\d)((?:19|20)\d\d)(?:\s*[—–\-~至到]\s*((?:19|20)\d\d))?\s*年")
_YEAR_EN = re.compile(r"\b((?:19|20)\d\d)\b")
_SHORT_YEAR = re.compile(r"(?<![\d.])(\d\d)\s*年(?!代)")


def _years(text: str, *, written: bool = True) -> set[str]:
    """The years ``text`` names (「2024年」; any 19xx/20xx in English when not ``written``), not those
    inside a document's name (「《…规划（2023—2035年）》」, 「《…2025年…方案》」: the document, not
    the year of what is said)."""
    text = _TITLED.sub("", text)
    if not written:
        return set(_YEAR_EN.findall(text))
    out: set[str] = set()
    for first, last in _YEAR_ZH.findall(text):
        a, b = int(first), int(last or first)
        if 0 <= b - a <= 20:
            out.update(str(y) for y in range(a, b + 1))
        else:
            out.update({first, last or first})
    return out


_DOCUMENT_KIND = r"(?:工作方案|实施方案|规划|工作要点|报告|通知|总结|意见|预案)"


def _asked_years(q: Question, title: str | None, year: str = "") -> set[str]:
    """The years a question asks about: none for a "when" (its answer may be any year), nor those
    naming the document (「2025年供水保障工作方案要求…什么时候完成」: the plan of 2025); 「今年」「去年」
    read against ``year``, that of the document it asks about (rag.period)."""
    if q.shape == SHAPE_WHEN:
        return set()
    named = _years(re.sub(r"\s+", "", title or "")) if title else set()
    text = q.text
    for y in named:  # the year with the document's name after it: 「2025年供水保障工作方案」
        text = re.sub(rf"{y}\s*年(?=[^，,。？?]{{0,12}}{_DOCUMENT_KIND})", "", text)
    relative = relative_years(text, year, english=q.lang == "en")
    reported = reported_year(title, year)
    if reported != year:  # a report on 2025 signed in 2026: 「今年」 and 「去年」 both ask of 2025
        relative = {reported if int(y) in (int(reported), int(year)) else y for y in relative}
    return _years(text, written=q.lang == "zh") | relative


def _span_years(span: Span) -> tuple[set[str], set[str]]:
    """The years ``span`` is about by its own words (「2025年」, or 「今年」「去年」 read against its
    document's year), and those its headings or its section's first words give (rag.period)."""
    c = span.hit.chunk
    text = _COMPARED.sub("", span.text)  # 「…1286条，较2024年的1144条增长12.4%」 is not about 2024
    own = _years(text) | relative_years(text, c.year)
    reported = reported_year(c.title, c.year)
    said = REPORT_WORDS.search(text) and not relative_years(REPORT_WORDS.sub("", text), c.year)
    if reported != c.year and said:  # 「本年新收…」 of a report on 2025 signed in 2026
        own = (own - {c.year}) | {reported}
    around = _years(" ".join(c.section)) | ({c.period} if c.period else set())
    return own, around


def _dated(span: Span, years: set[str], unit: str | None = None) -> bool:
    """Whether ``span`` may be about one of ``years``: by its own words, else by its headings or its
    section's first words; a quote dated by none may be about any year."""
    c = span.hit.chunk
    if not c.year:  # no document day: only written years date it
        text = span.text if _years(span.text) else " ".join((*c.section, span.text))
        # a year the title (「…2025年…工作总结」) or the passage before the quote (「2025年，城北街道…今年
        # 又新招募…」) names says which year its 今年 is
        said = _years(re.sub(r"\s+", "", c.title or "")) or _years(c.text[: span.start])
        if not (_years(text) or said or c.period) and says_relative_year(_sentence_to(span)):
            return False  # 「在去年…的基础上」 on an undated page: which year is not said
        return _of_years(text, years)
    own, around = _span_years(span)
    if base_years(span.text, unit) & years:  # 「…680万元，较2024年的520万元…」 gives 2024's figure too
        return True
    if own:  # a year compared with (「较2024年的980人次」) is no year of a figure in another unit
        text = _COMPARED.sub("", span.text)
        return bool(own & years) or (bool(_years(span.text)) and _of_years(text, years))
    return not around or bool(around & years)


def _sentence_to(span: Span) -> str:
    """The sentence of ``span``'s passage holding it, up to the quote's end (what dates the quote)."""
    text = span.hit.chunk.text
    return text[_sentence_start(text, span.start) : span.start + len(span.text)]


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence of ``text`` holding position ``at`` begins."""
    return max((b for b, _ in sentence_spans(text) if b <= at), default=0)


_YEAR_REPICK = 3  # the selector's best quotes searched for one of the year asked


def _year_repicked(table: Candidates, claims: list[Claim]) -> list[Claim]:
    """``claims``, or when their quotes are about another year than the question's (「2025年计划新建
    多少公里」: 「全年建成…186公里」 under the 2024 review), the best of the selector's first few quotes
    that is about that year and holds what the question asks (「新建…120公里」 under the 2025 plans)."""
    q = table.question
    first = claims[0].span.hit.chunk
    years = _asked_years(q, first.title, first.year)
    if not years or any(_dated(c.span, years) for c in claims):
        return claims
    kinds = _asked_kinds(q, exact=True)
    for span in table.spans[:_YEAR_REPICK]:
        own, around = _span_years(span)
        named = own or around  # dated, not just undated
        if named & years and all(holds(span.text) for _, holds in kinds):
            return fact_claims(q, table.spans, [span])
    return claims


# 「今年活动的主题是什么」「口号是什么」: what a campaign is held under, which its text quotes beside the word
# (「以“践行总体国家安全观　筑牢人民防线”为主题」「主题为“…”」)
_THEME_ASKED = re.compile(r"(主题|口号|主线|标语|主旨)(?:词)?(?:是|为|叫)(?:什么|啥|哪)")


def _theme_repicked(table: Candidates, claims: list[Claim]) -> list[Claim]:
    """``claims``, or when a question asks what a theme or slogan is and their first quote does not state
    one, the selector's best quote that does (one naming the theme beside the word, 「以“…”为主题」)."""
    q = table.question
    m = _THEME_ASKED.search(q.text) if q.lang == "zh" else None
    if m is None:
        return claims
    said = re.compile(rf"以“[^”]{{2,40}}”为{m.group(1)}|{m.group(1)}(?:词)?(?:是|为|[：:])\s*“")
    if said.search(claims[0].span.text):
        return claims
    for span in table.spans:
        if said.search(span.text):
            return fact_claims(q, table.spans, [span])
    return claims


_ALONE_LEAD_IN = 10  # characters: 「本机关认为：」「被申请人答复称：」「经查明：」 on a line of their own


def _lead_in_alone(span: Span) -> bool:
    """Whether ``span`` is a lead-in alone on its line (「本机关认为：」): it says nothing itself."""
    text, end = span.hit.chunk.text, span.start + len(span.text)
    opens_line = span.start == 0 or text[span.start - 1] == "\n"
    closes_line = text[end : end + 1] in ("：", ":") and text[end + 1 : end + 2] in ("", "\n")
    said_only = not re.search(rf"\d|{LIST_AHEAD}", span.text)  # a list's lead-in brings its items
    return opens_line and closes_line and len(span.text) <= _ALONE_LEAD_IN and said_only


def _said_repicked(table: Candidates, claims: list[Claim]) -> list[Claim]:
    """``claims``, or when the first quotes a lead-in alone on its line (「本机关认为：」 for 「复议机关为什么
    认为罚45万不合适」), the selector's best quote that says something."""
    if not _lead_in_alone(claims[0].span):
        return claims
    said = next((s for s in table.spans if not _lead_in_alone(s)), None)
    return fact_claims(table.question, table.spans, [said]) if said is not None else claims


# what a labelled statement says (「申请人请求：撤销…；如不予撤销，请求依法变更…」), asked as 请求, 理由…
_STATEMENT = re.compile(r"请求|理由|意见|主张|诉求")


def _statement_whole(q: Question, claims: list[Claim]) -> list[Claim]:
    """``claims`` with the first quote widened to its whole sentence when it opens a statement labelled
    by what the question asks (「申请人在复议中提出了什么请求」: 「申请人请求：…；如不予撤销，请求依法变更
    该决定，减轻罚款数额」, both of its requests, not the first)."""
    first = claims[0].span
    asked = {m.group() for m in _STATEMENT.finditer(q.text)}
    label = re.match(r"([\u4e00-\u9fff]{1,10})[：:]", first.text)
    text = first.hit.chunk.text
    opens_line = not first.start or text[first.start - 1] == "\n"
    if not label or not any(a in label.group(1) for a in asked) or not opens_line:
        return claims
    end = _sentence_end(text, first.start)
    if end <= first.start + len(first.text):
        return claims
    return [_run_on(claims[0], end), *claims[1:]]


def _sentence_end(text: str, at: int) -> int:
    """Where the sentence or line of ``text`` going on at ``at`` ends (its 。 or line break)."""
    return min((i for i in (text.find(ch, at) for ch in "。\n") if i >= 0), default=len(text))


def _run_on(claim: Claim, end: int) -> Claim:
    """``claim`` with its quote run on to ``end`` of its passage, the lead quoting it too."""
    span = claim.span
    whole = Span(span.hit, span.hit.chunk.text[span.start : end], span.start, span.sentence, True)
    return replace(claim, lead=claim.lead.replace(span.text, whole.text), span=whole)


# Whether a body accepted what a party argued (「辩护人说…，法院认不认？」「申辩意见有没有被采纳」), and the
# clause stating its ruling, which closes the sentence weighing the argument (「…，足以认定其明知对方系境外
# 人员，对该意见本院不予采纳」)
_RULING_ASKED = re.compile(
    r"认不认|认可吗|认可不|采纳|采信|支持吗|支持不|支不支持|接受吗|接不接受|成立吗|成不成立|是否成立|"
    r"是否(?:认可|支持|接受)|怎么(?:看|认定)|如何认定|\b(?:accept(?:ed)?|upheld?|reject(?:ed)?)\b",
    re.I,
)
_RULING = re.compile(
    r"(?:不予|予以)(?:采纳|采信|支持|认可|认定)|(?:不能|不予|不)成立|理由成立|本院(?:予以)?(?:采纳|支持)"
)


def _with_ruling(q: Question, claims: list[Claim]) -> list[Claim]:
    """``claims`` with a quote that stops short of its sentence's ruling clause (``_RULING``) widened to
    the end of the sentence, when the question asks whether an argument was accepted."""
    if not _RULING_ASKED.search(q.text):
        return claims
    out = []
    for claim in claims:
        span, text = claim.span, claim.span.hit.chunk.text
        stop = span.start + len(span.text)
        end = _sentence_end(text, stop)
        if span.start >= 0 and text[span.start : stop] == span.text and _RULING.search(text, stop, end) \
                and not _RULING.search(span.text):
            claim = _run_on(claim, end)
        out.append(claim)
    return out


def _with_items_referred(q: Question, claims: list[Claim], hits: Sequence[Hit]) -> list[Claim]:
    """``claims`` with, after the first, the items of its article it refers to (「采取前款第三项至第五项规定的
    应对处置措施，由省级以上…决定或者批准」: （三）…（四）…（五）…), when the question asks which or what:
    quoted where the article prints them."""
    first = claims[0].span
    numbers = items_referred(first.text) if ITEMS_ASKED.search(q.text) else []
    if not numbers or any(ITEM_RE.match(c.span.text) for c in claims):
        return claims
    heads = {n: item_mark(n) for n in numbers}
    items: dict[int, Span] = {}
    for hit in hits:
        c = hit.chunk
        if c.doc_id != first.hit.chunk.doc_id or c.section != first.hit.chunk.section:
            continue
        for at, line in lines_with_offsets(c.text):
            n = next((n for n, head in heads.items() if line.startswith(head)), None)
            if n is not None and n not in items:
                text = line.rstrip().rstrip("；;。")
                items[n] = Span(hit, text, at, sentence_at(c.text, at), True)
    if len(items) != len(numbers):
        return claims
    tail = "；" if q.lang == "zh" else ";"
    shown = [Claim(excerpt(items[n]) if q.lang == "zh" else f" “{excerpt(items[n])}”", items[n], tail)
             for n in numbers]  # fmt: skip
    end = claims[-1].tail if len(claims) == 1 else claims[0].tail
    return [replace(claims[0], tail=tail), *shown[:-1], replace(shown[-1], tail=end), *claims[1:]]


def _day_repicked(table: Candidates, claims: list[Claim]) -> list[Claim]:
    """``claims``, or when a "when" question not asking a year (「最晚什么时候建完」) is answered by a
    quote dated by its year alone (「2026年在全市…建设36个…」), the best quote of the same paragraph
    dating it more precisely (「完成时限：2026年6月30日前」), when that one is more likely than not the
    answer (log-odds above 0, as the other repicks)."""
    q = table.question
    if q.shape != SHAPE_WHEN or _YEAR_ASKED.search(q.text):
        return claims
    first = claims[0].span
    if _precision(first.text) < _DAY_PRECISION:
        return claims
    chunk, text = first.hit.chunk.chunk_id, first.hit.chunk.text
    start = text.rfind("\n", 0, first.start) + 1
    end = text.find("\n", first.start)
    end = len(text) if end < 0 else end
    for span, logit in zip(table.spans, table.logits, strict=True):
        if logit < 0:
            break
        within = span.hit.chunk.chunk_id == chunk and start <= span.start < end
        if within and _precision(span.text) < _precision(first.text):
            return fact_claims(q, table.spans, [span])
    return claims


def _ordinal_repicked(table: Candidates, claims: list[Claim]) -> list[Claim]:
    """``claims``, or when the question names a level, class or phase (「一级响应由谁决定启动」) that
    their quotes are not about (「Ⅳ级应急响应由县防办主任决定启动」, which the refusal check would
    refuse), the best quote naming it (「Ⅰ级应急响应由县防指总指挥决定启动」), when that one is more
    likely than not the answer (log-odds above 0, as the other repicks)."""
    asked = _ordinals(table.question.text, _ORDINAL)
    if not asked:
        return claims
    tests = [_ordinal_test(mod, head, noun) for mod, head, noun in asked]

    def names(span: Span) -> bool:  # the asked level itself, in the quote or its headings
        head = item_head(span)  # 「（1）Ⅰ级响应（特别重大事件）。出现下列情形之一的：…」
        text = " ".join((*span.hit.chunk.section, head.text if head else "", span.text))
        named = {m for m, _, _ in _ordinals(text, _ORDINAL_ANY)}
        return all(test(span.text) for test in tests) and all(mod in named for mod, _, _ in asked)

    # a quote naming the grade asked stays; one naming none gives way to a likely one that names it
    # (「由原启动响应的机构决定…」 for 「一级响应由谁决定启动」: 「Ⅰ级应急响应由县防指总指挥决定启动」).
    # A body's level (国家级, 省级) is part of names (「国家级重点实验室」): no quote must repeat it.
    graded = all(mod not in _BODY_LEVELS for mod, _, _ in asked)
    if any(names(c.span) if graded else all(test(c.span.text) for test in tests) for c in claims):
        return claims
    for span, logit in zip(table.spans, table.logits, strict=True):
        if logit < 0:
            break
        if names(span):
            return fact_claims(table.question, table.spans, [span])
    return claims


_BODY_LEVELS = frozenset({"国家", "省", "市", "县", "区", "乡", "镇", "村"})

# The top or the bottom of a ranking, as a question asks it (「哪个群体…最低」「同比提高最多」) and as a
# quote states it (「农民最低」「增幅居全市首位」)
_HIGHEST = re.compile(
    r"最(?:高|多|大|快|强|好|先)|首位|居首|(?:位列|排名?|居)(?:全市|全省|全国|各\S{1,3})?第一"
)
_LOWEST = re.compile(r"最(?:低|少|小|慢|弱|差)|末位|垫底|倒数第一")
_WHICH_ONE = re.compile(r"哪|谁")
_SET_PHRASES = re.compile(r"最高人民(?:法院|检察院)|最大限度|最大程度|最多跑一次|放在首位|摆在首位")


def _extreme_repicked(table: Candidates, claims: list[Claim]) -> list[Claim]:
    """``claims``, or when the question asks for the top or the bottom of a ranking (「按职业分，哪个群体
    的指数最低」) and no quote of them states that end (「党政机关…指数最高，为84.3分」, the same sentence's
    first clause), the quote that does: in the first quote's sentence (「农民最低，为63.1分」), else the
    best more likely than not to answer (log-odds above 0, as the other repicks)."""
    q = table.question
    text = _SET_PHRASES.sub("", q.text)  # 最高人民法院, 最大限度: no ranking
    if q.lang != "zh" or not _WHICH_ONE.search(text):
        return claims  # 「最高可以罚款多少」 asks a ceiling, not which one ranks top
    asked = _HIGHEST if _HIGHEST.search(text) else _LOWEST if _LOWEST.search(text) else None
    if asked is None or (_HIGHEST.search(text) and _LOWEST.search(text)):  # 「最高与最低相差多少」
        return claims
    if any(asked.search(c.span.text) for c in claims):
        return claims
    first = claims[0].span
    same = [s for s in table.spans if s.hit.chunk.chunk_id == first.hit.chunk.chunk_id
            and s.sentence == first.sentence and asked.search(s.text)]  # fmt: skip
    if same:
        return fact_claims(q, table.spans, same[:1])
    for span, logit in zip(table.spans, table.logits, strict=True):
        if logit < 0:
            break
        if asked.search(span.text):
            return fact_claims(q, table.spans, [span])
    return claims


def _band_repicked(table: Candidates, claims: list[Claim]) -> list[Claim]:
    """``claims``, or when the question states its case in figures and asks which grade it is
    (「业务停摆8个小时，属于哪一级响应」) and the first quote sets a band not holding them (「中断24小时以
    上的」) or none (「评价打了68分，算哪个等次」 of 「…满分为100分」), the best quote of that document whose
    band holds them (「中断6小时以上12小时以下的」, 「60分至74分为基本合格」), rag.answer.ranges."""
    q = table.question
    amounts = stated_amounts(q.text) if GRADE_ASKED.search(q.text) else []
    if not amounts:
        return claims

    def fits(span: Span) -> list[bool]:
        return [r for v, u in amounts if (r := band_holds(span.text, v, u)) is not None]

    first = [held for c in claims for held in fits(c.span)]  # the quotes, an item's head among them
    if first and all(first):
        return claims  # (a quote setting no band at all, 「…满分为100分」, is no grade either)
    doc = claims[0].span.hit.chunk.doc_id
    for span in table.spans:
        held = fits(span)
        if held and all(held) and span.hit.chunk.doc_id == doc:
            return fact_claims(q, table.spans, [span])
    return claims


def _condition_repicked(table: Candidates, claims: list[Claim]) -> list[Claim]:
    """``claims``, or for a figure question stating its case (「线索发挥了重大作用，奖励多少」) answered
    by one of a passage's tiers (「…发挥一般作用的，奖励金额为1万元以下；发挥重要作用的，为1万元至3万
    元；发挥重大作用的，…」), the tier whose condition the question states: a longer run of the
    question's words in its condition than the chosen quote's, then the fewest words besides (重大作用,
    not 特别重大作用)."""
    q = table.question
    chosen = claims[0].span
    if q.shape != SHAPE_QUANTITY or len(claims) != 1 or not _CONDITION.match(chosen.text):
        return claims
    text = re.sub(r"\s+", "", q.text)

    def fit(span: Span) -> tuple[int, int]:
        m = _CONDITION.match(span.text)
        if not m:
            return 0, 0
        shared = _common_run(m.group(1), text)
        return shared, shared - len(m.group(1))

    tiers = [(fit(s), s) for s in table.spans if s.hit.chunk.chunk_id == chosen.hit.chunk.chunk_id
             and _CONDITION.match(s.text) and has_figure(s.text)]  # fmt: skip
    if not tiers:
        return claims
    (shared, _), best = max(tiers, key=lambda x: x[0])
    if shared < 3 or shared <= fit(chosen)[0] or best.text in chosen.text:
        return claims
    return fact_claims(q, table.spans, [best])


# A tier's condition: the clause a quote opens with, ending 「…的，」 (「发挥重大作用的，」)
_CONDITION = re.compile(r"\s*([^，。；,;]{2,40}?)的[，,]")


def _common_run(a: str, b: str) -> int:
    """The length of the longest run of characters ``a`` and ``b`` share."""
    best, row = 0, [0] * (len(b) + 1)
    for x in a:
        prev, row = row, [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                row[j] = prev[j - 1] + 1
                best = max(best, row[j])
    return best


def _precision(text: str) -> int:
    """How precisely ``text`` dates: 0 a day of a year, 1 a day of a month, 2 a month, 3 a year, 4 none."""
    return next((i for i, p in enumerate(DATES_BY_PRECISION) if p.search(text)), len(DATES_BY_PRECISION))


# a quote dated by its year alone (or not at all: the last rank) answers no "when" a day would
_DAY_PRECISION = len(DATES_BY_PRECISION) - 1
_YEAR_ASKED = re.compile(r"哪一?年|何年|几几年|\b(?:which|what) year\b|\bin what year\b", re.I)


def _party_repicked(table: Candidates, claims: list[Claim]) -> list[Claim]:
    """``claims``, or when the quote they lead with is not about a party the question names
    (``rag.answer.scope.of_party``; 「A公司被处以多少罚款」: the law's 「十万元以上一百万元以下罚款」 quoted
    in a comment on the case), the best quote about it that holds what the question asks
    (「…责令改正并处罚款50万元」)."""
    q = table.question
    read = {s.hit.chunk.chunk_id: s.hit for s in table.spans}.values()  # each passage once
    named, others = parties(q, retrieved(read)[0]), q.shape != SHAPE_WHO
    if all(of_party(claims[0].span, p, others=others) for p in named):
        return claims
    kinds = _asked_kinds(q, exact=True)
    for span in table.spans:
        if all(of_party(span, p, others=others) for p in named) and all(h(span.text) for _, h in kinds):
            return fact_claims(q, table.spans, [span])
    return claims


_SUBJECT_GAP = 1.5  # log-odds: of quotes the selector finds within a factor of e**1.5 of the best


def _subject_repicked(table: Candidates, claims: list[Claim]) -> list[Claim]:
    """``claims``, or when a Chinese figure question's quote gives the figure of a part the question
    does not name (「规模以上工业增加值增长了多少」: 「…高技术制造业增加值比上年增长14.3%」; 「地区生产总值
    是多少」: 「澄溪区、云岫区地区生产总值分别达到…」), the best close quote whose figure is of the very
    thing asked (「规模以上工业增加值比上年增长7.2%」, 「全年全市地区生产总值3856.42亿元」)."""
    q = table.question
    if q.lang != "zh" or q.shape != SHAPE_QUANTITY or len(claims) != 1 or not len(table.logits):
        return claims
    if _figure_of_asked(q.text, claims[0].span.text) is not False:
        return claims
    kinds = _asked_kinds(q, exact=True)
    span = _close_quote(table, lambda x: bool(_figure_of_asked(q.text, x)) and all(h(x) for _, h in kinds))
    return fact_claims(q, table.spans, [span]) if span else claims


def _money_repicked(table: Candidates, claims: list[Claim]) -> list[Claim]:
    """``claims``, or when a question asking an amount of money is answered by a quote stating money of
    another kind (「对公司罚了多少钱」 led by 「合同总金额人民币48万元」, which the refusal check would
    refuse), the best close quote stating the kind asked (「并处罚款人民币捌拾万元整」), as
    ``_subject_repicked``, when that one is more likely than not the answer (log-odds above 0). A quote
    with no money at all is left to the refusal; an English question's quotes are not read for the kind
    of money."""
    q = table.question
    if q.lang != "zh" or q.shape != SHAPE_QUANTITY or len(claims) != 1 or not len(table.logits):
        return claims
    if not (_MONEY_ASKED.search(q.text) or _AMOUNT_ASKED.search(q.text)):
        return claims
    kinds = _asked_kinds(q, exact=True)
    first = claims[0].span.text
    if not _states_money(first) or all(holds(first) for _, holds in kinds):
        return claims
    span = _close_quote(table, lambda x: all(holds(x) for _, holds in kinds), likely=True)
    return fact_claims(q, table.spans, [span]) if span else claims


def _close_quote(table: Candidates, wanted: Callable[[str], bool], *, likely: bool = False) -> Span | None:
    """The best quote ``wanted`` holds among those the selector scores close to the best (within
    ``_SUBJECT_GAP`` in log-odds), and, when ``likely``, more likely than not the answer."""
    for span, logit in zip(table.spans, table.logits, strict=True):
        if table.logits[0] - logit >= _SUBJECT_GAP or (likely and logit < 0):
            break
        if wanted(span.text):
            return span
    return None


# what may stand beside the thing measured in the clause giving its figure: time, the whole, the verb
_AROUND_FIGURE = re.compile(
    r"\d{4}年|全年|全市|全区|全县|全省|全国|年末|年底|初步核算|累计|共|总|比上年末?|同比|增长|下降|提高|达到?|为|"
    r"实现|完成|共计|合计|其中|按不变价格计算|[^\u4e00-\u9fff]"
)


def _figure_of_asked(question: str, quote: str) -> bool | None:
    """Whether the first figure of ``quote`` is of what ``question`` names: its clause up to the figure
    holds the longest stretch (three characters or more) the two share and nothing else but time,
    the whole, the verb (「全年全市地区生产总值3856.42亿元」); False when another name stands there
    (「澄溪区、云岫区地区生产总值分别达到986.54亿元」); None when the clause shares no such stretch."""
    m = FIGURE_RE.search(quote)
    if m is None:
        return None
    clause = re.split(r"[，。；：]", quote[: m.start()])[-1]
    shared = longest_run(clause, question)
    if len(shared) < 3:
        return None
    rest = _AROUND_FIGURE.sub("", clause.replace(shared, ""))
    return len(rest) <= 1 or rest in question  # 「全市地区生产总值」 shares 「市地区生产总值」: 「全」 left


def _of_years(quote: str, years: set[str]) -> bool:
    """Whether ``quote`` may be about one of ``years``: it names one, or it names no year at all (the
    year is then in its heading or its passage: 「全年实现地区生产总值…」 under 「2024年工作回顾」)."""
    named = _years(quote)
    short = {f"20{y}" for y in _SHORT_YEAR.findall(quote)}
    return not named or bool((named | short) & years)


_DIGIT = re.compile(r"\d")
# 「三级」「两类」; not the 「一方面」 that opens an argument
_COUNTED = re.compile(
    r"(?!一方面)[一二两三四五六七八九十百千]+\s*(?:级|类|项|种|个|条|款|次|批|轮|层|档|等|方面|部分)"
)
# A question asking an amount of money in so many words: the money noun next to 多少, or "how much" before
# it. Not every question the unit hints read as one in 元 ("how many enterprises … overseas investments"),
# nor 「罚多少」, which asks the penalty: 「处五日以上十五日以下拘留」 answers it.
_MONEY_NOUNS = (r"(?:钱|保证金|押金|奖金|奖励金|赔偿金|补偿金|补贴|补助|经费|资金|罚款|罚金|费用|学费|报名费|"
                r"报酬|酬金|好处费|经济损失)")
# sums asked only before 多少 (「注册资本是多少」): after it they may be what is counted (「多少个预算单位」,
# 「多少企业拖欠工资」)
_SUMS = r"(?:资本|预算|价款|总价|限价|工资|薪酬|租金)"
_MONEY_ASKED = re.compile(
    rf"多少(?:[\u4e00-\u9fff]{{0,6}}){_MONEY_NOUNS}|"
    rf"(?:{_MONEY_NOUNS}|{_SUMS})(?:标准|金额|数额)?(?:最高|最低|最多|一共|总共|共计)?(?:是|为|有|要交|交|达到?)?"
    rf"(?:每[\u4e00-\u9fff]{{1,2}})?多少|"
    r"\bhow much (?:\w+ ){0,2}(?:money|cash|yuan|funding|compensation|deposits?|bonus|subsid\w*|fines?)\b|"
    r"\bwhat (?:is the )?(?:maximum |minimum |highest |lowest |largest )?fines?\b|\bfine range\b|"
    r"\bhow much (?:will|would|does|did|do) .{0,80}\bcost\b",
    re.I,
)
_HOW_LONG = re.compile(r"多久|多长|期限|时限|一次|\bhow (?:long|often)\b", re.I)


def _any_figure(text: str) -> bool:
    """Whether ``text`` states any number: a figure with its unit, any Arabic digit (「世界500强」,
    「4月15日」), a count of kinds (「分为绝密、机密、秘密三级」), a share or a time that is no count
    (终身, 立即). An article's address (「第九条 …」, as a law's quote opens) is no number: the
    features read it the same way (rag/answer/features.py)."""
    text = ADDRESS_RE.sub("", text)
    return has_figure(text) or any(p.search(text) for p in (_DIGIT, _COUNTED, _NO_COUNT_TIME, _SHARE))


# The kind of money a question names, and what a quote stating that kind holds: a reward is no fine
# (「举报…奖金最高能拿多少钱」 is not answered by 「处五十万元以下罚款」).
_MONEY_KINDS = (
    (re.compile(r"奖|\b(?:reward|bonus)", re.I), re.compile(r"奖")),
    (re.compile(r"罚|\bfines?\b|\bfined\b", re.I), re.compile(r"罚")),
    (re.compile(r"保证金|押金|\bdeposit", re.I), re.compile(r"保证金|押金")),
    (re.compile(r"赔偿|补偿|\bcompensat", re.I), re.compile(r"偿")),
    (re.compile(r"补贴|补助|\bsubsid", re.I), re.compile(r"补贴|补助")),
    (re.compile(r"经费"), re.compile(r"经费")),
    (re.compile(r"损失|\bloss(?:es)?\b", re.I), re.compile(r"损失")),  # a loss, not a fine paid after it
    # what a party was paid (「收取了多少报酬」): not a fine it paid ("paid" alone asks no kind: "the fine
    # paid by…")
    (re.compile(r"报酬|酬金|酬劳|好处费"), re.compile(r"报酬|酬|获利|好处费|收取|收受|支付")),
)


_AMOUNT_ASKED = re.compile(r"金额|\bamount of money\b", re.I)
_SHARE_OF_SUM = re.compile(r"(?:金额|款|额|货值|价款|资金)的?\s*(?:\d+(?:\.\d+)?\s*[%％]|百分之)")
_VALUE_ASKED_EN = re.compile(r"\btotal (?:[\w&-]+ ){0,3}(?:value|expenditure)\b|\bbudget\b", re.I)


def _money_test(question: str, *, said: bool = True) -> Callable[[str], bool]:
    """Whether a quote states the amount of money ``question`` asks: an amount, of the kind it names,
    or named by the word before the money noun (「抚恤补助」 is paid as 「抚恤金」); with ``said`` False
    the kind need not be in the quote (「奖励金额是多少」 of a list's 「…的，为3万元至10万元」), only no
    other kind be named beside the amount."""
    kinds = [held for named, held in _MONEY_KINDS if named.search(question)]
    named = re.search(rf"([\u4e00-\u9fff]{{2}})(?:{_MONEY_NOUNS}|金额)", question)  # 「转让金额」: 转让
    what = named.group(1) if named and not re.search(r"多少|几|的$", named.group(1)) else None  # 「教育的钱」

    def test(text: str) -> bool:
        if not _states_money(text):
            return False
        if said and not (all(k.search(text) for k in kinds) or bool(what and what in text)):
            return False
        if not kinds and not what:
            return True
        # an amount whose own clause names another kind of money is that one's (「年度经费不少于30万元，并
        # 建立举报奖励资金保障机制」 gives no reward); one whose clause names none may be the one asked
        amounts = [x for x in re.split(r"[，,；;。]", text) if _states_money(x)]
        for clause in amounts:
            if (kinds and all(k.search(clause) for k in kinds)) or (what and what in clause):
                return True
            if not _MONEY_NAMED.search(clause):
                return True
        return not amounts

    return test


# kinds of money, beside an amount: whose it is (「资金」「钱」「费用」 are any kind's)
_MONEY_NAMED = re.compile(
    r"保证金|押金|奖金|奖励|赔偿|补偿|补贴|补助|经费|罚|学费|报名费|报酬|酬金|好处费|损失"
)


def _states_money(text: str) -> bool:
    """Whether ``text`` states an amount of money: in 元, or as a multiple (laws set fines at
    「违法所得一倍以上十倍以下」); the article's address (第十条) is no figure."""
    text = ADDRESS_RE.sub("", text)
    return has_figure(text, "元") or has_figure(text, "倍")


def _repicked(table: Candidates, claims: list[Claim], close: float = 0.0) -> list[Claim]:
    """``claims``, or when their quotes lack what the question says its answer must hold, the best
    quote of the same passage that has it: the selector chose the passage, the question's own
    words choose the sentence (「由什么人组成」: 「成立主要由外部成员组成的独立机构」, not the article's
    opening 「…应当履行下列义务」). Then the best of another passage that has it, among quotes the
    selector finds as likely as a runner-up is (log-odds within ``close`` of the best): of two it
    cannot tell apart, the one holding what is asked (「几个人…就算恐怖活动组织」: 「三人以上…」)."""
    q, kinds = table.question, _asked_kinds(table.question, exact=True)
    quotes, passages = [c.span.text for c in claims], {c.span.hit.chunk.chunk_id for c in claims}
    if len(passages) != 1 or all(any(holds(x) for x in quotes) for _, holds in kinds):
        return claims  # one claim per document (each its own question), or nothing lacking
    passage = passages.pop()
    sought = [s for s in table.spans if s.hit.chunk.chunk_id == passage]
    # 「每年审核」, an email or a web address are specific enough to be sought in any passage
    if FREQUENCY_ASKED.search(q.text) or any(asked.search(q.text) for asked, _, _ in _CONTACTS):
        sought += [s for s in table.spans if s.hit.chunk.chunk_id != passage]
    for span in sought:
        if all(holds(span.text) for _, holds in kinds):
            return fact_claims(q, table.spans, [span])
    tests = _strictly_asked(q)
    if not tests or not len(table.logits):
        return claims
    near = [s for s, x in zip(table.spans, table.logits, strict=True) if table.logits[0] - x < close]
    for strict in tests:  # then any close quote holding the very unit or level asked
        for span in near:
            if strict(span.text):
                return fact_claims(q, table.spans, [span])
    return claims


def _strictly_asked(q: Question) -> list[Callable[[str], object]]:
    """Tests of a quote holding what the question asks in so many words, the most telling first: a
    figure in the unit it states (「几个人」: 「三人以上」; not 「立即」 for 「多少小时」, nor any figure for
    「分为几级」); a level for 「哪一级」, named (省级以上) or a body's (国务院, 国家); none else."""
    unit = stated_unit(q.text, q.lang) if q.shape == SHAPE_QUANTITY else None
    if unit is not None:
        return [lambda x: has_figure(ADDRESS_RE.sub("", x), unit)]
    levels = _levels_asked(q)
    return [levels[0].search, levels[1].search] if levels else []


def _list_repicked(
    table: Candidates, claims: list[Claim], translations: Translations | None = None
) -> list[Claim]:
    """``claims``, or for a question asking which things (「重点瞄准哪些产业」) answered by quotes of one
    passage that list nothing, the quote of that passage listing them next to the asked noun (「聚焦人工
    智能和机器人、第三代半导体等产业」): the selector chose the passage, the list is the answer. An
    English question's noun ("what major technology breakthroughs did…") is read through its words'
    translations (突破: 「…等一批重大技术突破」)."""
    q = table.question
    noun = listed_noun(q) if q.shape in (SHAPE_GENERAL, SHAPE_LIST) and _WHICH_THINGS.search(q.text) else None
    chunks = {c.span.hit.chunk.chunk_id for c in claims}
    heads = _listed_heads_en(q, translations) if q.lang == "en" and len(chunks) == 1 else ()
    if heads and not any(lists_heads(c.span.text, heads) for c in claims):
        chunk = next(iter(chunks))
        listing = [s for s in table.spans if s.hit.chunk.chunk_id == chunk and lists_heads(s.text, heads)]
        if listing:
            return fact_claims(q, table.spans, [min(listing, key=lambda s: len(s.text))])
    asked = ASKED_THING.search(q.text) if noun else None
    phrase = asked.group(1) if asked else ""
    if len(phrase) >= 4 and len(chunks) == 1 and not any(phrase in c.span.text for c in claims):
        # 「拿下了哪几项重大技术突破」: the clause listing 「…等一批重大技术突破」, not one listing figures
        chunk = next(iter(chunks))
        named = [s for s in table.spans
                 if s.hit.chunk.chunk_id == chunk and "、" in s.text and phrase in s.text]  # fmt: skip
        if named:
            return fact_claims(q, table.spans, [min(named, key=lambda s: len(s.text))])
    if noun is None or len(chunks) != 1 or any("、" in c.span.text for c in claims):
        return claims
    chunk = chunks.pop()
    listing = [s for s in table.spans if s.hit.chunk.chunk_id == chunk and lists_heads(s.text, (noun,))]
    if not listing:
        return claims
    return fact_claims(q, table.spans, [min(listing, key=lambda s: len(s.text))])


_WHICH_THINGS = re.compile(r"哪些|哪几")


def _saying_repicked(table: Candidates, claims: list[Claim]) -> list[Claim]:
    """``claims``, or for a question asking for a saying (「用哪句顺口的话提醒企业…」, "what three-part
    rule") answered without one, the best quote of the same document printing one (「引导企业严守“危地
    不往、乱地不去、危业不投”」): what such a question wants is the saying itself."""
    q = table.question
    first = claims[0].span
    if not SAYING_ASKED.search(q.text) or any(SAYING.search(c.span.text) for c in claims):
        return claims
    if any(term in c.span.text for term in _QUOTED_NAME.findall(q.text) for c in claims):
        return claims  # 「“四不两直”是什么意思」 answered by the quote writing it: its own words explain it
    said = [s for s in table.spans if s.hit.chunk.doc_id == first.hit.chunk.doc_id and SAYING.search(s.text)]
    return fact_claims(q, table.spans, [said[0]]) if said else claims
# "What major technology breakthroughs did…", "Which two pilot projects does…": the things listed, named
# between the which-word and the verb after it; its last word (the head noun) is what the list is of
_WHICH_THINGS_EN = re.compile(
    r"\b(?:which|what)\s+((?:[a-z-]+\s+){0,4}?[a-z-]+s)\s+(?:do|does|did|are|were|has|have|had|will|can|should)\b",
    re.I,
)


def _listed_heads_en(q: Question, translations: Translations | None) -> tuple[str, ...]:
    """How the documents write the head noun of the things an English question asks to be listed."""
    m = _WHICH_THINGS_EN.search(q.text)
    if not m or not translations:
        return ()
    head = m.group(1).split()[-1].lower()
    return tuple(x for x in translations.get(head, ()) if len(x) >= 2)


# 「…，这是无锡哪个区的工作」「是哪个部门的负责人在文章里说…」: which author's article says what is quoted
_SOURCE_ASKED = re.compile(r"哪个(?:区|县|市|部门|单位|机关|地方)|哪一?位|谁")
_ARTICLE_NAMED = re.compile(r"文章|文中|这篇|撰文")


# 「哪几位作者都提到…」「哪些文章谈到…」: which signed articles say it, one quote of each
_AUTHORS_ASKED = re.compile(r"哪(?:几|些)位?作者|几位作者|哪(?:几|些)篇(?:文章)?|哪些文章")


def _bylined(claim: Claim) -> Claim:
    """``claim`` led by the byline of the signed article it quotes (「崔荣国（…新吴区委书记）：」)."""
    c = claim.span.hit.chunk
    if c.kind == KIND_DOCUMENT or not c.author or c.author in claim.lead:
        return claim
    byline = f"{c.author}（{c.role}）" if c.role else c.author
    return replace(claim, lead=f"{byline}：{claim.lead}")


def _articles_labelled(q: Question, claims: list[Claim]) -> list[Claim]:
    """``claims`` answering which article, each quoting another article than the claims before it led
    by its law and article (「…分别是哪部法律的哪一条」: 《个人信息保护法》第四十一条, then 《数据安全法》
    第三十六条); the first is led so by short_answer."""
    if q.shape != SHAPE_ARTICLE or q.lang != "zh":
        return claims
    out, seen = [claims[0]], {(claims[0].span.hit.chunk.title, article_label(claims[0].span.hit.chunk))}
    for c in claims[1:]:
        chunk = c.span.hit.chunk
        label = article_label(chunk)
        if label and (chunk.title, label) not in seen and "规定：" not in c.lead:
            said = t("article_label_short", q.lang, title=chunk.title or "", label=label)
            c = replace(c, lead=f"{said}规定：{c.lead}")
        seen.add((chunk.title, label))
        out.append(c)
    return out


def _with_byline(q: Question, claims: list[Claim]) -> list[Claim]:
    """``claims`` led by the byline of the signed article they quote when the question asks whose
    article says it (「…这是无锡哪个区的工作？」: the quote alone names no district; its article's author,
    高新区's 崔荣国, does); the who-path answers who-shaped questions from bylines itself."""
    c = claims[0].span.hit.chunk
    asked = q.lang == "zh" and _SOURCE_ASKED.search(q.text) and _ARTICLE_NAMED.search(q.text)
    if not asked or q.shape == SHAPE_WHO or c.kind == KIND_DOCUMENT or not c.author:
        return claims
    if any(c.author in x.lead for x in claims):
        return claims
    return [who_claim(q, claims[0].span.hit, [claims[0].span], named=False, role_asked=False), *claims]


def _lead_in_repicked(table: Candidates, claims: list[Claim]) -> list[Claim]:
    """``claims``, or for a question asking which things (「要承担哪些义务」) answered by a quote that
    lists none of them (第十一条 「…都有维护国家安全的责任和义务」), the best quote that leads in a list of
    exactly those (第七十七条 「公民和组织应当履行下列维护国家安全的义务：」) in the same document: its
    items are the answer."""
    q = table.question
    noun = listed_noun(q) if _WHICH_THINGS.search(q.text) and asks_enumeration(q.text) else None
    first = claims[0].span
    if noun is None or _in_list(first):
        return claims
    for span in table.spans:
        text = span.text.rstrip()
        lead = LEAD_IN.search(text)
        if (span.hit.chunk.doc_id == first.hit.chunk.doc_id and lead and _LIST_WORD.search(text)
                and noun in text[max(0, lead.start() - 2) :]):  # fmt: skip
            return fact_claims(q, table.spans, [span])
    return claims


_LIST_WORD = re.compile(r"下列|以下|如下")


def _cited_penalty(table: Candidates, claims: list[Claim], hits: Sequence[Hit]) -> list[Claim]:
    """``claims``, or for a question asking the penalty of a case that the best-retrieved article
    sets the duty for (「应该定期做风险评估…一直没做…最高罚多少」: 数据安全法第三十条), the best quote of
    a penalty article citing that article (第四十五条 「不履行本法第二十七条、第二十九条、第三十条规定的
    …」) when the chosen quote's article cites another: a law punishes a duty where it names it."""
    q = table.question
    if not hits or not PENALTY_ASKED.search(q.text):
        return claims
    duty = hits[0].chunk
    label = article_label(duty)
    if label is None or PENALTY_SAID.search(duty.text):
        return claims

    def cites(c: Chunk) -> bool:
        return c.doc_id == duty.doc_id and cites_article(c, label)

    chosen = claims[0].span.hit.chunk
    if cites(chosen) or any(cites(s.hit.chunk) for s in table.spans if s.hit.chunk.section == chosen.section
                            and s.hit.chunk.doc_id == chosen.doc_id):  # fmt: skip
        return claims
    for span in table.spans:
        if cites(span.hit.chunk) and PENALTY_SAID.search(span.text):
            return fact_claims(q, table.spans, [span])
    return claims


def _punishment_repicked(table: Candidates, claims: list[Claim]) -> list[Claim]:
    """``claims``, or for a question asking how a case is punished (「会被怎么罚」) whose first quote
    states no punishment (the duty: 「禁止将使用后的实验动物流入市场」), the best close quote that states
    one (「…责令改正，没收违法所得，并处二十万元以上一百万元以下的罚款」), as ``_subject_repicked``."""
    q = table.question
    if q.lang != "zh" or q.shape in (SHAPE_WHO, SHAPE_WHEN) or len(claims) != 1 or not len(table.logits):
        return claims  # (「什么部门处罚」 asks a body, 「什么时候罚」 a time)
    if not _PUNISHMENT_ASKED.search(q.text) or _PUNISHMENT.search(claims[0].span.text):
        return claims
    span = _close_quote(table, lambda x: bool(_PUNISHMENT.search(x)))
    return fact_claims(q, table.spans, [span]) if span else claims


def _tier_read(table: Candidates) -> list[Claim] | None:
    """When the selection refused a penalty question naming its tier (「情节严重，…最多能罚到多少」) whose
    best-retrieved passage is a law article printing that tier (个人信息保护法第六十六条 「有前款规定的违法
    行为，情节严重的，…并处五千万元以下…罚款」), that tier's part, read by the law's structure: the
    quotes cut from a long tier do not name its condition, so none looks like the answer alone."""
    q = table.question
    if q.shape != SHAPE_QUANTITY or not PENALTY_ASKED.search(q.text):
        return None
    hits = {s.hit.chunk.chunk_id: s.hit for s in table.spans if s.hit.rank <= 2}  # each passage once
    for hit in hits.values():
        c = hit.chunk
        if not c.section or not ARTICLE_LABEL.fullmatch(c.section[-1]) or not tiers_named(q.text, c.text):
            continue
        part = asked_part(q.text, c.text)
        if part is not None:
            return fact_claims(q, table.spans, [_part_quote(hit, part)])
    return None


def _tier_repicked(table: Candidates, claims: list[Claim]) -> list[Claim]:
    """``claims``, or for a penalty question stating its case's tier (「责令改正后拒不改正，最高罚多
    少」), the best quote of a penalty article of the same law that prints that tier, when no passage of
    the chosen article does (第四十八条 「拒不配合数据调取的」 prints no 拒不改正; 第四十五条 does)."""
    q = table.question
    if q.shape != SHAPE_QUANTITY or not PENALTY_ASKED.search(q.text):
        return claims
    chosen = claims[0].span.hit.chunk
    if not chosen.section or not ARTICLE_LABEL.fullmatch(chosen.section[-1]):
        return claims

    def article(c: Chunk) -> tuple[str, tuple[str, ...]]:
        return c.doc_id, c.section

    own = [s.hit.chunk for s in table.spans if article(s.hit.chunk) == article(chosen)]
    if any(tiers_named(q.text, c.text) for c in (chosen, *own)):
        return claims
    for span in table.spans:
        c = span.hit.chunk
        if (c.doc_id == chosen.doc_id and article(c) != article(chosen) and tiers_named(q.text, c.text)
                and PENALTY_SAID.search(span.text)):  # fmt: skip
            return fact_claims(q, table.spans, [span])
    return claims


def _penalty_part(table: Candidates, claims: list[Claim]) -> list[Claim]:
    """``claims``, or for a figure question answered from a law's penalty passage, the part of that
    passage the question asks about (rag.answer.penalty: its tier and party), when the chosen quote
    lies outside it: the selector chose the passage, the law's structure chooses the amount."""
    q = table.question
    if q.shape != SHAPE_QUANTITY or len({c.span.hit.chunk.chunk_id for c in claims}) != 1:
        return claims
    hit = claims[0].span.hit
    if not hit.chunk.section or not ARTICLE_LABEL.fullmatch(hit.chunk.section[-1]):
        return claims  # a case report's 「对B公司…处罚款80万元，对…钱某处罚款3万元」 is no law's tiers
    text = hit.chunk.text
    part = asked_part(q.text, text, at=claims[0].span.start)
    if not tiers_named(q.text, text):  # a long article's tier may be a passage of its own (「…；」 cut)
        c = hit.chunk
        own = {s.hit.chunk.chunk_id: s.hit for s in table.spans
               if s.hit.chunk.doc_id == c.doc_id and s.hit.chunk.section == c.section}  # fmt: skip
        tiered = [h for h in own.values() if tiers_named(q.text, h.chunk.text)]
        if tiered:
            hit, text = tiered[0], tiered[0].chunk.text
            part = asked_part(q.text, text)
        elif asks_most(q.text):  # 「最高罚多少」: the largest amount of the article's passages
            found = [(h, asked_part(q.text, h.chunk.text)) for h in own.values()
                     if h is not hit and same_offence(c, h.chunk)]  # fmt: skip
            found = [(h, p) for h, p in [(hit, part), *found] if p is not None]
            if found:
                hit, part = max(found, key=lambda x: largest(x[0].chunk.text[x[1].start : x[1].end]))
                text = hit.chunk.text
    if part is None:
        return claims
    inside = [part.start <= c.span.start and c.span.start + len(c.span.text) <= part.end for c in claims]
    if any(inside):
        return claims  # already quoting the asked part
    return fact_claims(q, table.spans, [_part_quote(hit, part)])


def _part_quote(hit: Hit, part: Part) -> Span:
    """The quote of a penalty passage's ``part``, whole: the part is cut where the law moves on to
    another tier or party; no widening back."""
    text = hit.chunk.text
    start, end = quote_bounds(text, part)
    return Span(hit, text[start:end], start, sentence_at(text, start), True)




# A plan item's field line (「牵头单位：区委组织部（区委党校）」), and the verbs a question asks them by
_FIELD_LINE = re.compile(
    r"^[ \t　]*(?P<label>(?:牵头|责任|负责|主办|承办|协办|配合)(?:单位|部门))[：:]"
    r"[ \t　]*(?P<value>[^\n]{2,120}?)"
    r"[ \t　。；;]*$",
    re.M,
)
_FIELD_VERBS = ("牵头", "主办", "承办", "协办", "配合", "责任", "负责")


# 「需要哪个部门批准」: a body asked for (the shape reader calls it a general question: read as a
# who-question it made the selector favour any sentence naming a body, measured on an unseen explainer)
_BODY_ASKED = re.compile(r"哪(?:个|一个|一|些)?(?:部门|机关|单位|机构)")


def _lead_in_body(table: Candidates, claims: list[Claim]) -> list[Claim]:
    """``claims`` as a list's lead-in and one of its items when a "which body" question is answered
    from a passage of lists whose lead-ins name the body and what it does (「从事下列活动，应当经国务
    院卫生健康主管部门批准：」): the item is the one holding most of what the question asks besides
    its lead-in (「（四）将我国人类遗传资源材料运送、邮寄、携带出境」 for 「寄出境要经过哪个部门批准」),
    and the lead-in is that item's own (a passage may list what one body approves and then what
    another does). The selector's quote may be an item or a lead-in: either points at the lists."""
    q, best = table.question, claims[0].span
    asked = q.shape == SHAPE_WHO or _BODY_ASKED.search(q.text)
    if not asked or len(claims) > 2:
        return claims
    if not (ITEM_RE.match(best.text) or _opens_list(best)):
        # 「需要哪个部门批准」 answered by no quote saying who approves (「…应当依法取得批准」): a likely
        # item of such lists, under a lead-in that says it
        if not _APPROVAL_ASKED.search(q.text) or any(_APPROVED_BY.search(c.span.text) for c in claims):
            return claims
        likely = zip(table.spans, table.logits, strict=True)
        items = [s for s, logit in likely if logit >= 0 and ITEM_RE.match(s.text)]
        if not items:
            return claims
        best = items[0]
    spans = [s for s in candidate_spans([best.hit]) if s.whole]
    pairs, lead = [], None  # (item, its lead-in)
    for s in spans:
        if _opens_list(s):
            lead = s
        elif ITEM_RE.match(s.text) and lead is not None:
            pairs.append((s, lead))

    def held(item: Span, lead: Span) -> tuple[int, bool]:
        rest = [g for g in q.groups if not any(x in lead.text for x in g)]
        return sum(any(x in item.text for x in g) for g in rest), item is best

    named = [(item, lead) for item, lead in pairs
             if names_body(lead.text) and any(any(x in lead.text for x in g) for g in q.groups)]  # fmt: skip
    if not named:
        return claims
    item, lead = max(named, key=lambda pair: held(*pair))
    if held(item, lead)[0] == 0:  # no item holds anything else the question asks
        return claims
    if q.lang == "en":
        return [Claim(according_to(lead), lead, ";"), Claim(f" “{excerpt(item)}”", item, ".")]
    return [Claim(excerpt(lead), lead, "；"), Claim(excerpt(item), item, "。")]


# An approval asked for, and who gives it as a quote says
_APPROVAL_ASKED = re.compile(r"审批|批准|许可|备案|\bapprov|\bpermi(?:t|ssion)\b|\blicen[cs]e", re.I)
_APPROVED_BY = re.compile(
    r"(?:经|由|报)[^，。；]{2,30}(?:批准|审批|同意|许可|备案)|(?:部门|机关|机构|政府|国务院)[^，。；]{0,6}(?:批准|审批|许可)"
)


def _opens_list(span: Span) -> bool:
    """Whether ``span`` is a list's lead-in: it ends in a colon in its passage (the quote leaves it
    out) or with 「下列…」."""
    after = span.hit.chunk.text[span.start + len(span.text) : span.start + len(span.text) + 1]
    return after in ("：", ":") or bool(LEAD_IN.search(span.text.rstrip()))


def _responsible_bodies(table: Candidates, claims: list[Claim], hits: Sequence[Hit]) -> list[Claim]:
    """``claims`` led by the bodies a work plan makes responsible for the task quoted first, when the
    question asks which bodies are: the 「（责任单位：…）」 closing its paragraph (in the passage after
    the quote's when the paragraph runs on into it), or the 「牵头单位：…」 line of its item (a passage of
    the same heading), the label the question asks first."""
    q = table.question
    if not BODIES_ASKED.search(q.text):
        return claims
    span = claims[0].span
    found = _closing_note(span, hits)
    if found is None:
        return (_row_bodies(table, claims) or _item_bodies(table, claims) or _prose_bodies(table, claims)
                or claims)  # fmt: skip
    hit, m = found
    def inside(c: Claim) -> bool:
        return c.span.hit.chunk.chunk_id == hit.chunk.chunk_id and m.start() <= c.span.start < m.end()
    def covers(c: Claim) -> bool:
        return c.span.hit.chunk.chunk_id == hit.chunk.chunk_id and c.span.start <= m.start() < m.end() <= (
            c.span.start + len(c.span.text) + 1)
    if any(covers(c) for c in claims if c.span.text.strip() != m.group()):  # quoted in its sentence
        return claims
    # the note quoted alone, or cut at its ； (「（牵头单位：市外办；」): said as read below
    claims = [c for c in claims if not inside(c)]
    text = hit.chunk.text
    quote = Span(hit, m.group(), m.start(), sentence_at(text, m.start()), True)
    note = re.sub(r"\s+", "", m.group())
    # 「（牵头单位：A；责任单位：B、C）」 names two roles: the labels stay; one role's bodies stand alone
    bodies = note[1:-1] if len(_NOTE_LABEL.findall(note)) > 1 else re.sub(r"\s+", "", m.group(1))
    return [Claim(bodies, quote, "。" if q.lang == "zh" else ". "), *claims]  # a statement of its own


_NOTE_LABEL = re.compile(NOTE_LABEL)


def _row_bodies(table: Candidates, claims: list[Claim]) -> list[Claim]:
    """``claims`` led by the bodies of the division-of-tasks table's row quoted first, by the columns
    naming them (「牵头单位：县教育局；配合单位：团县委」 of 「2 国家安全专题课进校园 县教育局 团县委
    12月底前」 under 「序号 重点任务 牵头单位 配合单位 完成时限」); [] when the quote is no such row."""
    span = claims[0].span
    row = next((r for r in table_rows(span.hit) if r.span.start == span.start), None)
    texts = row.texts if row else ()
    cells = [f"{column}：{value}" for column, value in texts if _NOTE_LABEL.match(f"{column}：")]
    if not cells:
        return []
    lang = table.question.lang
    return [Claim("；".join(cells), span, "。" if lang == "zh" else ". "), *claims[1:]]


def _closing_note(span: Span, hits: Sequence[Hit]) -> tuple[Hit, re.Match[str]] | None:
    """The 「（牵头单位：…）」 note closing the paragraph of ``span``: in its passage, or, when the
    paragraph runs past the passage's end (a long task is cut into two passages, its note in the
    second), in the retrieved passage that goes on with the paragraph."""
    chunk = span.hit.chunk
    end = chunk.text.find("\n", span.start)
    m = BODIES_NOTE.search(chunk.text, span.start, len(chunk.text) if end < 0 else end)
    if m is not None or end >= 0:  # the paragraph ends in the passage
        return (span.hit, m) if m is not None else None
    for hit in hits:
        c = hit.chunk
        in_unit = (c.doc_id, c.unit_index) == (chunk.doc_id, chunk.unit_index)
        if not in_unit or not chunk.start < c.start <= chunk.end:
            continue
        line = c.text.split("\n", 1)[0]
        m = BODIES_NOTE.search(line)
        if m is not None and c.start + m.start() >= chunk.start + span.start:
            return hit, m
    return None


def _quoted_article(q: Question, claims: list[Claim]) -> list[Claim]:
    """``claims`` led by the article a quoted statement is cited by, when the question asks which
    article says it and the first quote, in a document that is no law, lies inside a statement quoted
    after it (「数据安全法第三十六条规定：“…非经…批准，不得…”」: the quote holds the rule, its lead-in
    the article)."""
    span = claims[0].span
    if q.shape != SHAPE_ARTICLE or is_law(span.hit.chunk.title) or _QUOTED_ARTICLE.search(span.text):
        return claims
    text, bounds = span.hit.chunk.text, quoted_lead_in(span)
    if bounds is None or not _QUOTED_ARTICLE.search(text, bounds[0], bounds[1] + 1):
        return claims  # not inside a quoted statement, or its lead-in cites no article
    start, end = bounds
    lead_in = Span(span.hit, text[start:end], start, span.sentence, False)  # 「…第三十六条规定」
    return [Claim(lead_in.text, lead_in, "："), *claims]


_QUOTED_ARTICLE = re.compile(r"第[一二三四五六七八九十百零两\d]+条(?:第[一二三四五六七八九十\d]+款)?")
# 「第三十六条规定：“…”」, 「依据《中华人民共和国反间谍法》第五十五条」, 「《中华人民共和国行政处罚法》第五条
# 第二款规定，…」: a passage citing an article
_CITED = re.compile(
    rf"{_QUOTED_ARTICLE.pattern}规定[：:]“|(?:依据|根据|依照|按照)《[^》]{{2,40}}》{_QUOTED_ARTICLE.pattern}|"
    rf"《[^》]{{2,40}}》{_QUOTED_ARTICLE.pattern}(?:第[一二三四五六七八九十\d]+项)?规定"
)


def _item_bodies(table: Candidates, claims: list[Claim]) -> list[Claim]:
    """``claims`` led by the 「牵头单位：…」 (or 责任单位) line of the plan item quoted first: a line of
    its own in a passage under the same heading, the label the question names first (牵头 for 「哪个单位
    牵头」), else the first such line; [] when the item has none."""
    first = claims[0].span.hit.chunk
    if any(_FIELD_LINE.fullmatch(c.span.text) for c in claims):
        return claims
    if not first.section:
        return []
    hits = {s.hit.chunk.chunk_id: s.hit for s in table.spans}.values()
    same = [h for h in hits if h.chunk.doc_id == first.doc_id and h.chunk.section == first.section]
    found = [(h, m) for h in same for m in _FIELD_LINE.finditer(h.chunk.text)]
    if not found:
        return []
    asked = [k for k in _FIELD_VERBS if k in table.question.text]
    def rank(f: tuple[Hit, re.Match[str]]) -> int:  # the label the question names first; else the first
        return next((i for i, k in enumerate(asked) if k in f[1]["label"]), len(asked))

    hit, m = min(found, key=rank)
    text = hit.chunk.text
    sentence = sentence_at(text, m.start())
    quote = Span(hit, text[m.start("label") : m.end("value")], m.start("label"), sentence, True)
    lang = table.question.lang
    return [Claim(re.sub(r"\s+", "", m["value"]), quote, "；" if lang == "zh" else "; "), *claims]


def _prose_bodies(table: Candidates, claims: list[Claim]) -> list[Claim]:
    """``claims`` led by the body a sentence of the quote's paragraph puts in charge, after the quote
    or in it: a speech says what the task is, then 「这项工作由市委国安办牵头，…配合」; the verb the
    question asks (牵头, 负责) is the one read. [] when no such sentence follows."""
    q, span = table.question, claims[0].span
    verbs = [k for k in ("牵头", "负责", "承担", "承办", "主办") if k in q.text] or ["牵头", "负责"]
    text = span.hit.chunk.text
    end = text.find("\n", span.start)
    end = len(text) if end < 0 else end
    pattern = re.compile(rf"由(?P<body>[^，。；：\n]{{2,40}}?)(?:{'|'.join(verbs)})")
    found = list(pattern.finditer(text, span.start, end))

    def named(m: re.Match[str]) -> int:  # the question's words in the clause: 「进企业由…牵头」
        clause = text[max(text.rfind(x, 0, m.start()) for x in "，。；：\n") + 1 : m.start()]
        return sum(any(x in clause for x in g) for g in q.groups)

    if len(found) > 1:  # 「进机关由…牵头，进校园由…牵头，进企业由…」: the task the question names
        best = max(named(m) for m in found)
        found = [m for m in found if best and named(m) == best][:1]
    m = found[0] if found else None
    if m is None or any(c.span.start <= m.start() < c.span.start + len(c.span.text) for c in claims[1:]):
        return []
    body = re.sub(r"(?:共同|联合|统一|具体)$", "", m["body"])  # 「由市工商联和市国资委共同牵头」
    if not (names_body(body) or body.endswith(("办", "委", "联"))):  # 市委国安办, 市发展改革委, 市工商联
        return []
    if span.start <= m.start() < span.start + len(span.text):  # quoted already: the body leads it
        joiner = "。" if q.lang == "zh" else ". "
        return [replace(claims[0], lead=f"{body}{joiner}{claims[0].lead}"), *claims[1:]]
    start = max(text.rfind(x, 0, m.start()) for x in "。；！？\n") + 1
    while text[start].isspace():
        start += 1
    stop = min([e for e in (text.find(x, m.end()) for x in "，。；") if e >= 0] or [end])
    quote = Span(span.hit, text[start:stop].rstrip(), start, sentence_at(text, m.start()), False)
    return [Claim(body, quote, "；" if q.lang == "zh" else "; "), *claims]


# Places a question may name that a passage need not: the country itself (laws say 国家, 境内).
def _unrelated(q: Question, hits: Sequence[Hit]) -> bool:
    """Whether no word the question asks about occurs in any retrieved passage (its text, title,
    author or role), English words by their renderings: retrieval always returns the closest
    passages, and a nonsense or off-topic question (「哈哈」, "asdkjh ？？") was answered with one."""
    words = [x for g in q.groups for x in g] + list(q.quoted) + list(q.names)
    if q.lang == "en":  # "What is 王路新's position?": the Chinese an English question writes
        words += re.findall(r"[\u4e00-\u9fff]{2,}", q.text)
    if not words:  # no word the documents could hold (English: none rendered), and no figure
        return not _DIGIT.search(q.text)
    text, titles = retrieved(hits)
    if any(_mentions(text, titles, squash(w)) for w in words):  # 国安法 names 国家安全法
        return False
    # a quoted phrase in the asker's own words (「“到2027年指数达到80分以上”的目标」) is related by its
    # words (2027年, 指数, 80分), which the passage writes apart (「力争到2027年全市…指数达到80分以上」)
    parts = [w for x in q.quoted for w, _ in tagged(x) if len(w) >= 2 and _WORDLIKE.fullmatch(w)]
    return not any(squash(w) in text for w in parts)


_WORDLIKE = re.compile(r"[\u4e00-\u9fff\d]+[\u4e00-\u9fff]*")


# An acronym as a Chinese question writes one (欧盟GDPR, IPEM论坛), four letters or more: three-letter
# ones are as often words the documents write in Chinese (APP: 应用程序), and an English question's
# words are checked through their renderings (the en_support feature) instead.
_ACRONYM = re.compile(r"(?<![A-Za-z])[A-Z][A-Z0-9]{3,}(?![A-Za-z])")


def _unknown_quoted(q: Question, hits: Sequence[Hit]) -> list[str]:
    """Coded names a Chinese question quotes (「“净网2025”专项行动」: with a number or Latin letters)
    that no retrieved passage writes, even without its spaces: another year's or version's campaign is
    not in the documents (they hold 「“净网2024”」). A quoted slogan or sentence may be the user's own
    wording (「“三不”原则」), so only such names are checked."""
    if q.lang != "zh" or not hits:
        return []
    text = _bare(retrieved(hits)[0])
    quoted = dict.fromkeys(_QUOTED_NAME.findall(q.text))
    return [x for x in quoted if _CODED.search(_bare(x)) and _bare(x) not in text]


# a bureau or commission named with its level at the start of a phrase: 「市审计局…」「…和县文旅局」
# 「区卫生健康委」「澜溪市消防救援支队」, not 「…地区去布局」 nor 「市里用什么办法」
_BUREAU = re.compile(
    r"(?:^|(?<=[^\u4e00-\u9fff])|(?<=[和与及、由让请对向跟同在是]))(?:[\u4e00-\u9fff]{2,3}?(?=[市区县省]))?[市区县省]"
    r"(?P<field>[^\W\d_a-zA-Z里用什么怎哪的了要在是和与及]{2,4}?)(?P<kind>[局厅署委]|[支总大]队)"
)


def _unknown_bodies(q: Question, hits: Sequence[Hit]) -> list[str]:
    """Bureaus and commissions a Chinese question names (「市审计局」「区卫生健康委」) whose field no
    retrieved passage writes at all (审计 nowhere): what that body does is not in the documents, and
    another body's task would answer another question. A field the passages write (「公安局」 where a
    law says 公安机关) is left to the selector; the laws are not checked (a citizen names the bureau
    the law calls a 主管部门)."""
    if q.lang != "zh" or not hits or all(is_law(h.chunk.title) for h in hits):
        return []
    text = retrieved(hits)[0]
    # 「市审计局」「县文旅局」 (jieba may cut the name: 县文|旅局), and the question's own words (「审计局」)
    fields = {m["field"]: m["field"] + m["kind"] for m in _BUREAU.finditer(q.text)}
    fields.update({x[:-1]: x for x in q.terms if len(x) >= 3 and x[-1] in "局厅署"})
    # a field written short (「交警」 of 交通警察, 「疾控」 of 疾病预防控制) is written
    return list(dict.fromkeys(body for field, body in fields.items()
                              if field not in text and not abbreviation(field).search(text)))  # fmt: skip


def _unknown_persons(q: Question, hits: Sequence[Hit]) -> list[str]:
    """Persons a Chinese question names (jieba's personal names, 「张建国同志这次拟任什么职务」) that no
    retrieved passage writes, spaced or not: what that person does is not in the documents, and the
    issuer's name or another person's post would answer another question."""
    if q.lang != "zh" or not hits or not q.names:
        return []
    text = retrieved(hits)[0]
    words = [(w, flag) for w, flag in tagged(q.text) if w.strip()]
    # a person as a question names one: jieba's personal name followed by 同志 or 先生, or asked a post
    # (jieba tags 乌龟, 顾客 and 黑客 as names too: 「顾客图像能不能…」 names no person)
    titled = {w for (w, _), (after, _) in pairwise(words) if after in _NAME_TITLES}
    post = bool(_POST_OF.search(q.text))
    named = [w for w, flag in words if flag == "nr" and w in q.names and _PERSON_NAME.fullmatch(w)
             and (w in titled or post)]  # fmt: skip
    return list(dict.fromkeys(w for w in named if w not in text))


_PERSON_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
_NAME_TITLES = frozenset(("同志", "先生", "女士"))
_POST_OF = re.compile(r"什么职务|哪个职务|职务是|什么职位|担任什么|拟任|现任|任职|在哪个单位")


def _sibling_code(q: Question, quotes: Sequence[str]) -> tuple[str, str] | None:
    """A coded name the question quotes (「“净网2025”」) that the chosen quotes do not write while one
    writes the same name with other digits (「“净网2024”」): the answer would be that one's."""
    if q.lang != "zh":
        return None
    said = [_bare(x) for x in quotes]
    for name in dict.fromkeys(_QUOTED_NAME.findall(q.text)):
        bare = _bare(name)
        if not _CODED.search(bare) or any(bare in x for x in said):
            continue
        other = re.compile(re.sub(r"\d+", r"\\d+", re.escape(bare)))
        found = next((m.group(0) for x in said for m in [other.search(x)] if m), None)
        if found:
            return name, found
    return None


def _bare(text: str) -> str:
    """``text`` as compared for a quoted name: NFKC (「＋」 is 「+」), no spaces or quote marks."""
    return re.sub(r"[\s“”\"「」『』‘’']+", "", unicodedata.normalize("NFKC", text))


# 净网2025, G20, 5G: coded names; not a year in a sentence quoted (「到2027年…达到80分以上」)
_CODED = re.compile(r"[\u4e00-\u9fff]\d{4}(?![年月日])|[A-Za-z]+-?\d|\d+[A-Za-z]")
# a 《title》 names a document: _absent_documents checks those
_QUOTED_NAME = re.compile(r"[“\"「『]([^”\"」』]{2,24})[”\"」』]")


def _unknown_acronyms(q: Question, hits: Sequence[Hit]) -> list[str]:
    """Acronyms a Chinese question names that no retrieved passage writes (a law's English short
    name, PIPL, is the law): an answer about them would be about something else."""
    if q.lang != "zh" or not hits:
        return []
    found = [a for a in dict.fromkeys(_ACRONYM.findall(q.text))
             if not any(p.fullmatch(a) for p, _ in ENGLISH_LAW_NAMES)]  # fmt: skip
    text = retrieved(hits)[0].upper()
    return [a for a in found if a not in text]


def _absent_documents(q: Question, hits: Sequence[Hit], held: Collection[str] = ()) -> tuple[str, ...]:
    """The laws the question names (rag.question.document_names) that no retrieved passage
    mentions, in its text or its document's title, and that are not among the titles ``held``.
    Retrieval ranks a passage naming the law near the top when one exists (the name's words are
    keywords), so none among the hits means the knowledge base does not hold it: the page that
    only mentions 国家安全法 answers 「国家安全法实施多少周年」, not 「保守国家秘密法从哪天起施行」. A
    question naming two laws may retrieve one only (「个人信息保护法、网络安全法…」): the other is held."""
    if not q.documents:
        return ()
    text, titles = retrieved(hits)
    return tuple(d for d in q.documents
                 if not _mentions(text, titles, d) and not any(in_order(d, h) for h in held))  # fmt: skip


def _mentions(text: str, titles: Collection[str], name: str) -> bool:
    """``name`` in ``text``, or an abbreviation of a title: its characters in that order (保密法,
    国安法 for 保守国家秘密法, 国家安全法). A name of three characters may also abbreviate a
    mention in the text (its characters a few apart)."""
    if name in text or any(in_order(name, title) for title in titles):
        return True
    # a passage quoting the law by its title (a lesson plan's 「《中华人民共和国保守国家秘密法》：…施行」)
    if any(in_order(name, quoted) and quoted[-1] == name[-1] for quoted in _BOOK_TITLE.findall(text)):
        return True
    return len(name) <= 3 and abbreviation(name).search(text) is not None


_BOOK_TITLE = re.compile(r"《([^《》]{2,40})》")


__all__ = [
    "CANDIDATES_K",
    "MARKER_RE",
    "Candidates",
    "Claim",
    "answer_question",
    "article_answer",
    "candidate_table",
    "compose",
    "full_title",
    "make_citation",
    "score_candidates",
    "strip_markers",
]
