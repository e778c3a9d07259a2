"""Article briefs: one unit on a handout — who wrote it (or which law, with its dates), the fields
it covers, 3–6 key points in its own words, its key figures and three quiz items, all cited.

Key points are the unit's own leads: the first sentence of each paragraph of an article (newspaper
articles open each part with its thesis: 「深化网络内容管理，营造清朗网络空间。」), or of the first
article of each chapter of a law. More leads than ``MAX_POINTS`` are thinned evenly, keeping the
first; fewer than ``MIN_POINTS`` are topped up with the sentences after them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rag.kit.cite import Locator, sentences
from rag.kit.domains import DomainTag
from rag.kit.figures import Figure
from rag.kit.quiz import QuizItem
from rag.records import Citation, Unit

MIN_POINTS, MAX_POINTS = 3, 6
MAX_FIGURES = 8
MAX_POINT_CHARS = 120


@dataclass(frozen=True)
class Brief:
    """One unit's handout."""

    unit: Unit
    domains: tuple[DomainTag, ...]
    points: tuple[Citation, ...]
    figures: tuple[Figure, ...]
    quiz: tuple[QuizItem, ...]

    def to_dict(self) -> dict:
        """The shape of ``rag brief --json``."""
        u = self.unit
        return {
            "doc_id": u.doc_id, "title": u.title, "subtitle": u.subtitle, "author": u.author, "role": u.role,
            "date": u.date, "domains": [d.to_dict() for d in self.domains],
            "points": [c.to_dict() for c in self.points],
            "figures": [f.to_dict() for f in self.figures],
            "quiz": [q.to_dict() for q in self.quiz],
        }  # fmt: skip


def key_points(unit: Unit, locate: Locator) -> list[Citation]:
    """The unit's lead sentences, cited (see the module docstring)."""
    spans = [s for s in sentences(unit) if _usable(unit, s)]
    leads, seen_group = [], set()
    for s in spans:
        group = _group(unit, s[0])
        if group not in seen_group:
            seen_group.add(group)
            leads.append(s)
    if len(leads) > MAX_POINTS:
        step = (len(leads) - 1) / (MAX_POINTS - 1)
        leads = [leads[round(i * step)] for i in range(MAX_POINTS)]
    for s in spans:  # a unit of one or two paragraphs: the sentences after the leads
        if len(leads) >= MIN_POINTS:
            break
        if s not in leads:
            leads.append(s)
    leads.sort(key=lambda s: s[1])
    out = []
    for _paragraph, start, end in leads:
        end = min(end, start + MAX_POINT_CHARS)
        c = unit.text[start:end]
        cut = max(c.rfind("，"), c.rfind("；"))
        if end - start == MAX_POINT_CHARS and cut > 20:  # cut at a clause, not mid-word
            end = start + cut
        citation = locate.cite(unit, start, end, n=len(out) + 1)
        if citation is not None:
            out.append(citation)
    return out


def _usable(unit: Unit, span: tuple[int, int, int]) -> bool:
    paragraph, start, end = span
    section = unit.section_of(paragraph)
    if section and section[-1] == "题注":
        return False  # a law's adoption history is its date, not a point
    return end - start >= 10


def _group(unit: Unit, paragraph: int) -> object:
    """Leads are taken one per group: a law's chapter, else a paragraph."""
    section = unit.section_of(paragraph)
    return section[0] if len(section) > 1 else paragraph


def make_brief(unit: Unit, locate: Locator, domains: Sequence[DomainTag], figures: Sequence[Figure],
               quiz: Sequence[QuizItem]) -> Brief:  # fmt: skip
    """A brief of ``unit`` from its tags, figures and quiz items (made by rag.kit.LessonKit)."""
    return Brief(
        unit, tuple(domains), tuple(key_points(unit, locate)), tuple(figures[:MAX_FIGURES]), tuple(quiz)
    )
