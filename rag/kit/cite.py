"""Where a piece of a unit's text lives in the index: the chunk that holds it, as a citation.

The lesson kit quotes sentences of units (a figure's sentence, a key point, a quiz item's source).
A quote is cited like an answer's: the chunk holding it, with the unit's title, author and role, so
kit output pastes into slides with the same source line as the chat. A quote that straddles two
chunks is cut to the part inside the chunk holding its start (it stays verbatim in ``text``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence

from rag.records import Chunk, Citation, Unit
from rag.text import book, sentence_spans


class Locator:
    """Finds the chunk of a unit that holds a character range of ``Unit.text``."""

    def __init__(self, chunks: Iterable[Chunk]) -> None:
        self._by_doc: dict[str, list[Chunk]] = {}
        for c in chunks:
            self._by_doc.setdefault(c.doc_id, []).append(c)
        for cs in self._by_doc.values():
            cs.sort(key=lambda c: c.start)

    def chunk_at(self, doc_id: str, start: int) -> Chunk | None:
        """The chunk of ``doc_id`` holding offset ``start`` (the later one where two overlap)."""
        chunks = self._by_doc.get(doc_id) or []
        i = bisect_right([c.start for c in chunks], start) - 1
        while i >= 0 and not chunks[i].start <= start < chunks[i].end:
            i -= 1
        return chunks[i] if i >= 0 else None

    def cite(self, unit: Unit, start: int, end: int, *, at: int | None = None, n: int = 1) -> Citation | None:
        """A citation quoting ``unit.text[start:end]`` cut to the chunk holding offset ``at`` (default
        ``start``), or None when no chunk holds it."""
        chunk = self.chunk_at(unit.doc_id, start if at is None else at)
        if chunk is None:
            return None
        start, end = max(start, chunk.start), min(end, chunk.end)
        quote = unit.text[start:end].strip()
        if not quote or quote not in chunk.text:
            return None
        return Citation(n=n, chunk_id=chunk.chunk_id, doc_id=unit.doc_id, title=unit.title,
                        subtitle=unit.subtitle, author=unit.author, role=unit.role, text=chunk.text,
                        quote=quote, section=chunk.section)  # fmt: skip


_CLAUSE_CUT = re.compile(r"[，；：]")


def clause_window(text: str, at: int, limit: int, lead: int | None = None) -> tuple[int, int]:
    """``(lo, hi)``: the clause of ``text`` holding offset ``at``, widened by whole clauses to the
    left (at most ``lead`` characters before ``at``, when given) and then to the right while the
    window stays within ``limit`` characters."""
    cuts = sorted({0, len(text), *(m.end() for m in _CLAUSE_CUT.finditer(text))})
    lo, hi = max(c for c in cuts if c <= at), min(c for c in cuts if c > at)
    for c in reversed([c for c in cuts if c < lo]):
        if (lead is not None and at - c > lead) or hi - c > limit:
            break
        lo = c
    for c in [c for c in cuts if c > hi]:
        if c - lo > limit:
            break
        hi = c
    return lo, hi


def sentences(unit: Unit) -> list[tuple[int, int, int]]:
    """``(paragraph, start, end)`` of every sentence of ``unit``; offsets index ``unit.text``."""
    out, base = [], 0
    for i, paragraph in enumerate(unit.paragraphs):
        out += [(i, base + s, base + e) for s, e in sentence_spans(paragraph)]
        base += len(paragraph) + 1
    return out


def source_line(c: Citation, lang: str = "zh") -> str:
    """「《title》 author（role） · 第X条」: the line a kit item cites its source with."""
    title = book(c.title) if c.title else ("（无标题）" if lang == "zh" else "(untitled)")
    who = c.author or ""
    if c.role:
        who += f"（{c.role}）" if lang == "zh" else f" ({c.role})"
    label = " ".join(c.section[-2:]) if c.section else ""
    return " · ".join(x for x in (f"{title} {who}".strip(), label) if x)


def label_of(section: Sequence[str]) -> str:
    """The innermost heading of a path (a law's article label), or ''."""
    return section[-1] if section else ""
