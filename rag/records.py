"""Typed records passed between pipeline stages.

Data flow: loaders/ingest -> ``Source`` (with ``Unit``s) -> chunk -> ``Chunk`` ->
index/retrieve -> ``Hit`` -> answer -> ``Answer`` (with ``Citation``s).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# Unit kinds: an article signed by an author, an editor's note, or a plain document.
KIND_ARTICLE = "article"
KIND_NOTE = "note"
KIND_DOCUMENT = "document"


@dataclass(frozen=True)
class Unit:
    """One readable unit of a source: an article, an editor's note or a whole document."""

    doc_id: str  # content hash of the unit (kind, metadata and paragraphs)
    kind: str  # KIND_ARTICLE | KIND_NOTE | KIND_DOCUMENT
    title: str | None
    subtitle: str | None
    author: str | None  # normalised: "许峰", not "许 峰"
    role: str | None  # from "（作者为…）"
    paragraphs: tuple[str, ...]  # clean paragraphs, no line-break artefacts
    date: str | None = None  # as printed; a law's adoption/amendment history
    # Heading path of each paragraph, outermost first (("第一章 总则", "第二条"), ...); empty
    # when the layout has no headings (the newspaper page). Aligned with ``paragraphs``.
    sections: tuple[tuple[str, ...], ...] = ()
    oddities: tuple[str, ...] = ()  # what the reader found odd (numbering out of order, ...)

    def section_of(self, paragraph: int) -> tuple[str, ...]:
        """The heading path of ``paragraph`` (empty when the unit has no structure)."""
        return self.sections[paragraph] if paragraph < len(self.sections) else ()

    @property
    def text(self) -> str:
        """The unit's clean text: paragraphs joined by newlines (chunk offsets index this)."""
        return "\n".join(self.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form."""
        d = asdict(self)
        d["paragraphs"] = list(self.paragraphs)
        d["sections"] = [list(x) for x in self.sections]
        d["oddities"] = list(self.oddities)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Unit:
        """Inverse of ``to_dict`` (indexes written before sections existed load too)."""
        return cls(**{
            **d,
            "paragraphs": tuple(d["paragraphs"]),
            "sections": tuple(tuple(x) for x in d.get("sections") or ()),
            "oddities": tuple(d.get("oddities") or ()),
        })


@dataclass(frozen=True)
class Source:
    """One input file (or text) as understood: its units and page-level metadata."""

    source_id: str  # content hash of the decoded text
    path: str  # file name as given by the user (display only)
    units: tuple[Unit, ...]
    page: dict[str, str] = field(default_factory=dict)  # e.g. {"banner": "..."}


@dataclass(frozen=True)
class Chunk:
    """A retrievable passage: part of one unit, never crossing units."""

    chunk_id: str  # content hash of (doc_id, start, text)
    doc_id: str
    source_id: str
    unit_index: int  # position of the unit in its source
    paragraph_index: int  # paragraph where the chunk starts
    start: int  # offsets into Unit.text: unit.text[start:end] == text
    end: int
    text: str
    kind: str
    title: str | None
    subtitle: str | None
    author: str | None
    role: str | None
    source: str = ""  # display name of the source file
    section: tuple[str, ...] = ()  # heading path, outermost first: ("第一章 总则", "第二条")
    context: str = ""  # a piece cut inside an article: its label and lead-in (not part of ``text``)
    year: str = ""  # the year of its document's day (「2026年3月18日」: 2026): 「今年」 in it is that year
    period: str = ""  # the year its section is about, by its first words (「过去一年，…」: 2025); rag.period

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Chunk:
        """Inverse of ``to_dict``."""
        return cls(**{**d, "section": tuple(d.get("section") or ())})


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk with its fused score and rank (1-based)."""

    chunk: Chunk
    score: float
    rank: int

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape printed by ``python -m rag search --json``."""
        c = self.chunk
        return {
            "rank": self.rank,
            "score": round(float(self.score), 6),
            "chunk_id": c.chunk_id,
            "doc_id": c.doc_id,
            "title": c.title,
            "subtitle": c.subtitle,
            "author": c.author,
            "role": c.role,
            "section": list(c.section),
            "text": c.text,
        }


@dataclass(frozen=True)
class Citation:
    """What a marker [n] in an answer points to; ``quote`` occurs verbatim in ``text``."""

    n: int
    chunk_id: str
    doc_id: str
    title: str | None
    subtitle: str | None
    author: str | None
    role: str | None
    text: str
    quote: str
    section: tuple[str, ...] = ()  # the passage's heading path (a law's chapter and article)

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form."""
        d = asdict(self)
        d["section"] = list(self.section)
        return d


@dataclass(frozen=True)
class Provenance:
    """Which corpus an answer came from: the knowledge base, its version and when that was built."""

    kb: str
    version: str  # sha256 of the live version's manifest.json (its files' checksums, model, chunker)
    built_at: str  # the manifest's build time, UTC

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return asdict(self)


@dataclass(frozen=True)
class Answer:
    """An answer with its citations, or a refusal with related passages."""

    question: str
    answer: str
    grounded: bool
    citations: tuple[Citation, ...]
    related: tuple[Hit, ...] = ()
    hits: tuple[Hit, ...] = ()
    lang: str = "zh"
    note: str | None = None  # e.g. "question truncated", "generator failed, extractive answer"
    confidence: float | None = None  # the selector's P(answerable); None when answered from the records
    provenance: Provenance | None = None  # set by KnowledgeBase.ask: an answer traces to its corpus

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape printed by ``python -m rag ask --json``."""
        return {
            "question": self.question,
            "answer": self.answer,
            "grounded": self.grounded,
            "citations": [c.to_dict() for c in self.citations],
            "related": [h.to_dict() for h in self.related],
            "note": self.note,
            "provenance": self.provenance.to_dict() if self.provenance else None,
        }
