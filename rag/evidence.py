"""Evidence selection: candidate quotes (sentences, or clauses of long sentences) scored for a question.

Every candidate is an exact substring of its chunk's text, so a citation's quote always occurs
verbatim in the passage it cites.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from rag.question import (
    DATE_RE,
    SHAPE_QUANTITY,
    SHAPE_WHEN,
    Question,
    has_figure,
)
from rag.records import Hit
from rag.structure import table_header
from rag.text import sentence_spans

LONG_SENTENCE = 70  # longer sentences are also offered as clause windows
MAX_SENTENCE = 110  # longer sentences are offered only as clause windows
MAX_WINDOW = 90  # characters in a clause window
MIN_ENUM_CLAUSE = 12  # 、-separated parts at least this long are statements, not list items
_LIST_TOTAL = re.compile(r"等\s*(?:\d|[一二两三四五六七八九十百千万])")
_CLAUSE_END = re.compile(r"[，；：,;:]")
_ENUM = re.compile(r"、")
_TRAILING = "，。；：、,.;:！？!? "

# Score weights: lexical coverage leads (Chinese questions); dense similarity carries English ones.
_W_COVER, _W_SEM, _W_RANK = 0.5, 0.35, 0.15
_FIGURE_BONUS, _NO_FIGURE_PENALTY = 0.25, 0.35
_W_LENGTH = 0.25  # per 80 characters past 40: short quotes make short answers


@dataclass(frozen=True)
class Span:
    """A candidate quote: ``hit.chunk.text[start:start + len(text)] == text``."""

    hit: Hit
    text: str
    start: int
    sentence: int  # index of the sentence in the chunk
    whole: bool  # the whole sentence rather than a clause window


@dataclass(frozen=True)
class Scored:
    """A span with its score and the parts the refusal decision reads."""

    span: Span
    score: float
    coverage: float  # weighted share of the question's terms the span (and its article) holds
    similarity: float  # dense cosine question/span; 0 when no encoder was given


def candidate_spans(hits: Sequence[Hit], *, questions: bool = False) -> list[Span]:
    """Sentences of the hits' chunks (clause windows for long ones), first occurrence kept. A question
    (「…有哪些新特点？」, a journalist's at a press briefing) states nothing: it is no candidate, unless
    ``questions`` (what was asked, and by whom, is what the user asks)."""
    spans: list[Span] = []
    seen: set[str] = set()
    for hit in hits:
        text = hit.chunk.text
        for i, (s, e) in enumerate(sentence_spans(text)):
            if not questions and text[s:e].rstrip()[-1:] in "？?":
                continue
            if _header_line(text, s, e):  # 「序号 重点任务 牵头单位 …」 names columns, states nothing
                continue
            for start, end, whole in _pieces(text, s, e):
                piece = text[start:end]
                if piece not in seen and len(piece) >= 4:
                    seen.add(piece)
                    spans.append(Span(hit, piece, start, i, whole))
    return spans


def _header_line(text: str, s: int, e: int) -> bool:
    """Whether ``text[s:e]`` is a whole line naming a table's columns: three names or more, none a
    figure or a label (a contact line, a sign-off's body and date are read as two "columns")."""
    whole = (s == 0 or text[s - 1] == "\n") and (e == len(text) or text[e] == "\n")
    spaced = whole and any(ch in text[s:e] for ch in " \t\u3000|｜")  # cells are set apart: cheap test first
    names = table_header(text[s:e]) if spaced else None
    return bool(names) and len(names) >= 3 and not any(_FIGURE_OR_LABEL.search(n) for n in names)


_FIGURE_OR_LABEL = re.compile(r"[\d：:]")


def sentence_after(span: Span, *, whole_up_to: int = 0) -> Span | None:
    """The first clause(s) of the sentence that follows ``span`` in its chunk, if any; with
    ``whole_up_to``, that whole sentence when it is at most that long (else None)."""
    text = span.hit.chunk.text
    sentences = sentence_spans(text)
    if span.sentence + 1 >= len(sentences):
        return None
    s, e = sentences[span.sentence + 1]
    if "\n" in text[span.start : s]:
        return None  # a new paragraph starts a new topic
    if whole_up_to:
        s, e = _trim(text, s, e)
        return Span(span.hit, text[s:e], s, span.sentence + 1, True) if 4 <= e - s <= whole_up_to else None
    pieces = _pieces(text, s, e)
    start, end, whole = next((p for p in pieces if not p[2]), pieces[0])
    return Span(span.hit, text[start:end], start, span.sentence + 1, whole)


Group = tuple[str, ...]


def term_weights(question: Question, spans: Sequence[Span]) -> dict[Group, float]:
    """IDF of each question term group over the candidate sentences (absent groups weigh the most)."""
    texts = [s.text for s in spans if s.whole] or [s.text for s in spans]
    n = len(texts)
    weights = {}
    for g in question.groups:
        idf = math.log(1 + (n + 1) / (1 + sum(_found(g, t) for t in texts)))
        weights[g] = idf * (0.5 if g[0] in question.light else 1.0)
    return weights


def coverage(groups: dict[Group, float], text: str, context: str = "", passage: str = "") -> float:
    """Weighted share of term ``groups`` found in ``text`` (full credit), in its article's metadata
    ``context`` (half: "梁溪" in the author's role) or elsewhere in its ``passage`` (a quarter)."""
    total = sum(groups.values())
    if not total:
        return 0.0
    got = 0.0
    for group, weight in groups.items():
        if _found(group, text):
            got += weight
        elif _found(group, context):
            got += 0.5 * weight
        elif _found(group, passage):
            got += 0.25 * weight
        elif len(group) == 1 and not group[0].isdigit():
            got += 0.4 * weight * _bigram_share(group[0], text)
    return got / total


def _found(group: Group, text: str) -> bool:
    return any(_holds(term, text) for term in group)


def _holds(term: str, text: str) -> bool:
    """``term`` in ``text``; a number only as a whole number (the 12 of 「12岁」 is not in 「212起」)."""
    if term.isdigit():
        return re.search(rf"(?<![\d.]){term}(?![\d.])", text) is not None
    return term in text


def lexical_scores(question: Question, spans: Sequence[Span]) -> list[Scored]:
    """Spans scored by term coverage, hit rank, question shape and length; best first."""
    weights = term_weights(question, spans)
    out = []
    for span in spans:
        cov = coverage(weights, span.text, _context(span), span.hit.chunk.text)
        score = _W_COVER * cov + _W_RANK / (1 + 0.3 * (span.hit.rank - 1))
        score += _shape_bonus(question, span.text) - _length_penalty(span.text)
        out.append(Scored(span, score, cov, 0.0))
    return sorted(out, key=lambda s: -s.score)


def add_similarity(scored: Sequence[Scored], sims: np.ndarray) -> list[Scored]:
    """Scores with the dense cosine of each span (``sims``, aligned with ``scored``) added in."""
    sem = _relative(sims)
    out = [
        Scored(s.span, s.score + _W_SEM * float(sem[i]), s.coverage, float(sims[i]))
        for i, s in enumerate(scored)
    ]
    return sorted(out, key=lambda s: -s.score)


def _context(span: Span) -> str:
    c = span.hit.chunk
    return " ".join(x for x in (c.title, c.subtitle, c.author, c.role) if x)


def _pieces(text: str, s: int, e: int) -> list[tuple[int, int, bool]]:
    """(start, end, whole) of a sentence and, when it is long, of its clause windows."""
    s, e = _unpaired(text, *_trim(text, s, e))
    pieces = [(s, e, True)] if e - s <= MAX_SENTENCE else []
    if e - s > LONG_SENTENCE:
        clauses = _clauses(text, s, e)
        for i in range(len(clauses)):
            for j in range(i, min(i + 3, len(clauses))):
                start, end = _unpaired(text, *_trim(text, clauses[i][0], clauses[j][1]))
                if end - start <= MAX_WINDOW and (start, end) != (s, e):
                    pieces.append((start, end, False))
    return pieces or [(s, e, True)]


def statement_parts(span: Span) -> list[Span]:
    """The 、-separated statements of a one-clause ``span`` ("比例连续4年保持100%、水质首次全部达到Ⅱ类、…"),
    each quotable alone; none when its parts are short list items (93家、80家) or it has one part."""
    if _CLAUSE_END.search(span.text) or _LIST_TOTAL.search(span.text):
        return []  # several clauses, or a list counted as a whole ("A、B、C等14个平台载体")
    text = span.hit.chunk.text
    parts = _clauses(text, span.start, span.start + len(span.text), _ENUM)
    if len(parts) < 2 or min(b - a for a, b in parts) < MIN_ENUM_CLAUSE:
        return []
    return [Span(span.hit, text[a:b], a, span.sentence, False) for a, b in (_trim(text, *p) for p in parts)]


def _clauses(text: str, s: int, e: int, pattern: re.Pattern[str] = _CLAUSE_END) -> list[tuple[int, int]]:
    out, start = [], s
    for m in pattern.finditer(text, s, e):
        if _balanced(text[start : m.start()]) or _in_statement(text, start, m.start()):
            out.append((start, m.start()))
            start = m.end()
    if start < e:
        out.append((start, e))
    if pattern is _CLAUSE_END:  # a clause too long to quote is cut at its enumeration commas
        return [p for c in out for p in (_clauses(text, *c, _ENUM) if c[1] - c[0] > MAX_WINDOW else [c])]
    return out


def _balanced(piece: str) -> bool:
    # Never cut inside “…” or （…）: a quote must read as the source printed it.
    return piece.count("“") <= piece.count("”") and piece.count("（") <= piece.count("）")


def _in_statement(text: str, s: int, e: int) -> bool:
    """Whether ``text[s:e]`` ends inside a quoted statement, a “…” opened after a colon (「第三十一条
    规定：“…应当由二人以上进行，…”」): a passage quoted whole, cut at its clauses as the text around it is
    (a quoted name, 「“清朗”系列专项行动」, is never cut)."""
    i = text.rfind("“", s, e)
    return i > 0 and text[i - 1] in "：:" and text.count("“", s, e) > text.count("”", s, e)


def _unpaired(text: str, s: int, e: int) -> tuple[int, int]:
    """``text[s:e]`` without a quotation mark at either end whose pair is outside it (a window cut
    inside a quoted statement: 「“个人实施间谍行为…」 is quoted as 「个人实施间谍行为…」)."""
    piece = text[s:e]
    if piece.startswith("“") and "”" not in piece:
        s += 1
    if piece.endswith("”") and "“" not in piece:
        e -= 1
    return _trim(text, s, e)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while e > s and text[e - 1] in _TRAILING:
        e -= 1
    while s < e and text[s] in _TRAILING:
        s += 1
    return s, e


def _shape_bonus(question: Question, text: str) -> float:
    if question.shape == SHAPE_QUANTITY:
        if question.unit and has_figure(text, question.unit):
            return _FIGURE_BONUS
        return 0.5 * _FIGURE_BONUS if has_figure(text) else -_NO_FIGURE_PENALTY
    if question.shape == SHAPE_WHEN:
        return _FIGURE_BONUS if DATE_RE.search(text) else -_NO_FIGURE_PENALTY
    return 0.0


def _length_penalty(text: str) -> float:
    return _W_LENGTH * max(0, len(text) - 40) / 80


def _relative(sims: np.ndarray) -> np.ndarray:
    lo, hi = float(sims.min()), float(sims.max())
    return (sims - lo) / (hi - lo) if hi - lo > 1e-6 else np.zeros_like(sims)


def _bigram_share(term: str, text: str) -> float:
    grams = [term[i : i + 2] for i in range(len(term) - 1)]
    return sum(g in text for g in grams) / len(grams) if grams else 0.0
