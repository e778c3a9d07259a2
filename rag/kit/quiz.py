"""Quiz items made from the documents' own sentences, with an answer key and the source.

Facts a trainer asks about: figures (rag.kit.figures), a law's article numbers and quoted slogans
(“一升一降”). Each fact can become a choice item (the key and three distractors), a fill-in-the-blank
item or a true/false item (the sentence as printed, or with its figure swapped for another). A
distractor is a real value of the same kind from the same knowledge base (another figure with the
same unit, another article of the same law, another slogan), never the key and never a value the
source sentence prints (it would be a second right answer). Every item is checked by the product's
own search: asking its stem must retrieve the cited passage (a chunk holding its quote) in the top
``CHECK_K``, or it is dropped. The same seed gives the same quiz.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from rag.kit.cite import Locator, clause_window, sentences
from rag.kit.figures import find_figures
from rag.lookup import short_title
from rag.records import KIND_NOTE, Citation, Hit, Unit
from rag.structure import article_number
from rag.text import SUBORDINATE_END, book

TYPE_CHOICE, TYPE_BLANK, TYPE_JUDGE = "choice", "blank", "judge"
TYPES = (TYPE_CHOICE, TYPE_BLANK, TYPE_JUDGE)
CHECK_K = 5  # the cited passage must be among this many hits for the stem
OPTIONS = 4
BLANK = "____"
CHOICE_GAP = "（　　）"
MAX_BODY = 90  # characters of source text in a stem
_SLOGAN = re.compile(r"“([^“”]{2,12})”")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class QuizItem:
    """One item: ``key`` is the option text (choice), the removed text (blank) or 对/错 (judge)."""

    type: str
    stem: str
    key: str
    explanation: str
    citation: Citation
    options: tuple[str, ...] = ()
    fact: str = ""  # what was asked (the figure, article label or slogan): checks and exports read it

    def to_dict(self) -> dict:
        """The shape of an item in ``rag quiz --json``."""
        d = {"type": self.type, "stem": self.stem}
        if self.type == TYPE_CHOICE:
            d["options"] = list(self.options)
        d.update({"key": self.key, "explanation": self.explanation, "citation": self.citation.to_dict()})
        return d


@dataclass
class Quiz:
    """The items kept and how the self-check went (``checked`` items asked, ``passed`` kept)."""

    items: list[QuizItem]
    checked: int = 0
    passed: int = 0
    dropped: list[QuizItem] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The shape of ``rag quiz --json``."""
        return {"items": [i.to_dict() for i in self.items],
                "check": {"checked": self.checked, "passed": self.passed, "k": CHECK_K}}  # fmt: skip


@dataclass(frozen=True)
class _Fact:
    """Something a quiz can ask: ``value`` at ``at`` in ``body`` (a verbatim window of the quote)."""

    kind: str  # "figure:<unit>", "article:<law>" or "slogan"
    value: str
    body: str  # the source text the stem shows, value included
    lead: str  # 「据许峰《矢志守护生态安全》一文，」: whose text it is
    citation: Citation


def build_quiz(
    units: Sequence[Unit],
    chunks: Sequence,
    search: Callable[[str], Sequence[Hit]],
    *,
    n: int = 10,
    types: Sequence[str] = TYPES,
    seed: int = 0,
    pool: Sequence[Unit] | None = None,
    avoid: Iterable[str] = (),
) -> Quiz:
    """``n`` items on ``units`` (fewer when the units hold fewer facts). Distractors come from
    ``pool`` (default ``units``: the whole knowledge base gives more); ``search`` is the self-check;
    stems in ``avoid`` are not made again (a trainer replacing dropped items)."""
    rng = random.Random(seed)
    locate = Locator(chunks)
    facts = _facts(units, locate)
    others = facts if pool is None else _facts(pool, locate)
    by_kind: dict[str, list[str]] = {}
    for f in others:
        values = by_kind.setdefault(f.kind, [])
        if f.value not in values:
            values.append(f.value)
    rng.shuffle(facts)
    facts = _spread(facts)
    wanted = [t for t in TYPES if t in types] or list(TYPES)
    quiz, seen = Quiz(items=[]), set(avoid)
    pending = facts
    for strict in (True, False):  # types take turns; then any wanted type a leftover fact allows
        leftover = []
        for fact in pending:
            if len(quiz.items) >= n:
                break
            item = _asked(fact, wanted, quiz.checked, by_kind.get(fact.kind, []), rng, strict)
            if item is None:
                leftover.append(fact)
            elif item.stem not in seen:
                seen.add(item.stem)
                quiz.checked += 1
                if _retrieves(search, item):
                    quiz.passed += 1
                    quiz.items.append(item)
                else:
                    quiz.dropped.append(item)
        pending = leftover
    return quiz


def _asked(
    fact: _Fact, wanted: list[str], turn: int, values: list[str], rng, strict: bool
) -> QuizItem | None:
    """The item of the type whose turn it is; unless ``strict``, of the next wanted type that works."""
    kinds = wanted[turn % len(wanted) :] + wanted[: turn % len(wanted)]
    for kind in kinds[:1] if strict else kinds:
        item = _item(fact, kind, values, rng)
        if item is not None and item.type == kind:
            return item
    return None


def _spread(facts: list[_Fact]) -> list[_Fact]:
    """Round-robin over the units, so ten items are not all from the longest law."""
    queues: dict[str, list[_Fact]] = {}
    for f in facts:
        queues.setdefault(f.citation.doc_id, []).append(f)
    out = []
    while any(queues.values()):
        for q in queues.values():
            if q:
                out.append(q.pop(0))
    return out


def _retrieves(search: Callable[[str], Sequence[Hit]], item: QuizItem) -> bool:
    question = item.stem.replace(BLANK, "").replace(CHOICE_GAP, "")
    c = item.citation  # neighbouring chunks share a sentence: either one is the cited passage
    return any(h.chunk.chunk_id == c.chunk_id or c.quote in h.chunk.text for h in search(question)[:CHECK_K])


# --- facts ------------------------------------------------------------------------------------


def _facts(units: Sequence[Unit], locate: Locator) -> list[_Fact]:
    out: list[_Fact] = []
    for unit in units:
        lead = _lead(unit)
        for f in find_figures([unit], locate):
            if f.kind == "date" and len(f.value) <= 5:
                continue  # a bare year ("2024年") asks nothing a lesson needs
            body = _window(f.citation.quote, f.value)
            label = next((x for x in reversed(f.citation.section) if article_number(x)), "")
            if body and label and body.startswith(label):  # 「根据《X法》第七十八条，…」
                body = body.removeprefix(label).strip()
            if body and len(body) >= 12:
                where = lead.removesuffix("，") + label + "，" if label else lead
                out.append(_Fact(f"figure:{f.kind}:{f.unit}", f.value, body, where, f.citation))
        out += _articles(unit, locate, lead)
        out += _slogans(unit, locate, lead)
    return out


def _lead(unit: Unit) -> str:
    if unit.kind == KIND_NOTE:
        return "据编者按，"
    name = short_title(unit.title or "")
    if unit.author:
        return f"据{unit.author}{book(name)}一文，" if name else f"据{unit.author}的文章，"
    return f"根据{book(name)}，" if name else ""


def _window(quote: str, value: str, limit: int = MAX_BODY) -> str | None:
    """The clauses of ``quote`` around the first ``value`` (≤ ``limit`` characters), verbatim."""
    squashed = re.sub(r"\s+", "", quote)
    if squashed.count(value) != 1:
        return None  # asked twice in one sentence: which one would the blank be?
    quote = squashed
    lo, hi = clause_window(quote, quote.index(value), limit)
    body = quote[lo:hi].strip().rstrip("，；：、。！？")
    if SUBORDINATE_END.search(body):  # 「…试点的基础上。」 ends where the statement has not begun
        return None
    return body if len(body) >= 12 else None


def _articles(unit: Unit, locate: Locator, lead: str) -> list[_Fact]:
    """「…」是哪一条的规定: an article's first sentence, its label the key (laws only)."""
    out, seen = [], set()
    text = unit.text
    for paragraph, start, end in sentences(unit):
        label = next((x for x in reversed(unit.section_of(paragraph)) if article_number(x)), None)
        if not label or label in seen:
            continue
        seen.add(label)
        sentence = text[start:end]
        body = sentence.removeprefix(label).strip()
        if len(body) < 14 or len(body) > MAX_BODY or label in body or text.count(body) > 1:
            continue  # too short or long to ask, or said in two articles (two right answers)
        citation = locate.cite(unit, start, end)
        if citation is not None and body in citation.quote:
            out.append(_Fact(f"article:{unit.doc_id}", label, body, lead, citation))
    return out


def _slogans(unit: Unit, locate: Locator, lead: str) -> list[_Fact]:
    """A quoted slogan or term (“一升一降”, “五气共治”) in the sentence that uses it."""
    out, seen = [], set()
    text = unit.text
    for _paragraph, start, end in sentences(unit):
        sentence = text[start:end]
        for m in _SLOGAN.finditer(sentence):
            value = m.group(1)
            if value in seen or len(_CJK.findall(value)) < 3 or value.startswith("《"):
                continue
            seen.add(value)
            citation = locate.cite(unit, start, end, at=start + m.start())
            body = _window(citation.quote, value) if citation else None
            if body and f"“{value}”" in body:
                out.append(_Fact("slogan", value, body, lead, citation))
    return out


# --- items ------------------------------------------------------------------------------------


def _item(fact: _Fact, kind: str, values: list[str], rng: random.Random) -> QuizItem | None:
    printed = re.sub(r"\s+", "", fact.citation.quote)
    distractors = [v for v in values if v != fact.value and v not in printed and fact.value not in v]
    if fact.kind == "slogan":  # a slogan's options look alike: about as long as the key
        distractors = [v for v in distractors if abs(len(v) - len(fact.value)) <= 1]
    if fact.kind.startswith("article:"):
        return _article_item(fact, distractors, rng)
    explanation = f"原文：“{fact.citation.quote}”"
    if fact.kind == "slogan":
        kind = TYPE_BLANK  # a slogan's stand-ins read as nonsense: a slogan is asked as a blank
    if kind == TYPE_CHOICE and len(distractors) >= OPTIONS - 1:
        options = [fact.value, *rng.sample(distractors, OPTIONS - 1)]
        rng.shuffle(options)
        stem = fact.lead + fact.body.replace(fact.value, CHOICE_GAP, 1) + "。"
        return QuizItem(TYPE_CHOICE, stem, fact.value, explanation, fact.citation, tuple(options), fact.value)
    if kind == TYPE_JUDGE and distractors:
        true = rng.random() < 0.5
        shown = fact.body if true else fact.body.replace(fact.value, rng.choice(distractors), 1)
        stem = f"{fact.lead}{shown}。"
        return QuizItem(TYPE_JUDGE, stem, "对" if true else "错", explanation, fact.citation, (), fact.value)
    stem = fact.lead + fact.body.replace(fact.value, BLANK, 1) + "。"
    return QuizItem(TYPE_BLANK, stem, fact.value, explanation, fact.citation, (), fact.value)


def _article_item(fact: _Fact, distractors: list[str], rng: random.Random) -> QuizItem | None:
    if len(distractors) < OPTIONS - 1:
        return None
    options = [fact.value, *rng.sample(distractors, OPTIONS - 1)]
    options.sort(key=lambda x: article_number(x) or 0)
    name = short_title(fact.citation.title or "")
    stem = f"{book(name)}中，“{fact.body}”是哪一条的规定？"
    explanation = f"{fact.value}：“{fact.citation.quote}”"
    return QuizItem(TYPE_CHOICE, stem, fact.value, explanation, fact.citation, tuple(options), fact.value)
