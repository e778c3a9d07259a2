"""Security-field tags: which fields of 总体国家安全观 (网络, 金融, 粮食, …) each unit covers.

Two signals, both read from data: how densely a unit uses a field's terms (the lexicon in
``domains.json``), and how close its passages are in meaning to the field's one-line description
(the embedding model, the same vectors the index searches). A field needs at least one term in the
unit to be listed at all (a tag must show the sentences that justify it); the score mixes the two
signals, the term density saturating so a long law is not every field at once.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from rag.kit.cite import sentences
from rag.records import Chunk, Unit

LEXICON_FILE = Path(__file__).with_name("domains.json")
MIN_SCORE = 0.40  # a field scoring lower is not listed (set by eye on the page, checked on the laws)
LEXICAL_WEIGHT = 0.65  # the rest is the embedding signal
DENSITY_SCALE = 3.0  # term hits per 1000 characters at which the lexical signal reaches 1 - 1/e
MAX_EVIDENCE = 3
MAX_EVIDENCE_CHARS = 120


@dataclass(frozen=True)
class Field:
    """One field of the lexicon."""

    name: str  # 网络
    en: str  # cyber
    description: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class DomainTag:
    """A field a unit covers, with its score in [0, 1] and the unit's sentences that justify it."""

    name: str
    en: str
    score: float
    evidence: tuple[str, ...]

    def to_dict(self) -> dict:
        """The shape inside ``rag domains --json``."""
        return {
            "name": self.name,
            "en": self.en,
            "score": round(self.score, 3),
            "evidence": list(self.evidence),
        }


@lru_cache(maxsize=4)
def load_fields(path: Path = LEXICON_FILE) -> tuple[Field, ...]:
    """The lexicon's fields, in its order."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return tuple(Field(d["name"], d["en"], d["description"], tuple(d["terms"])) for d in data["domains"])


def field_names(lang: str = "zh") -> list[str]:
    """Every field's name (zh) or English name, in the lexicon's order."""
    return [f.name if lang == "zh" else f.en for f in load_fields()]


def resolve_field(name: str) -> Field | None:
    """The field called ``name`` in Chinese or English (「网络」, 「网络安全」, "cyber"), else None."""
    key = name.strip().lower().removesuffix("安全").removesuffix(" security").strip()
    for f in load_fields():
        en = f.en.lower()
        pairs = zip(key, en, strict=False)
        shared = next((i for i, (a, b) in enumerate(pairs) if a != b), min(len(key), len(en)))
        if key in (f.name, en) or (len(key) >= 3 and en.startswith(key)) or shared >= 5:
            return f  # "finance" is "financial", "bio" is "biosecurity"
    return None


def tag_units(
    units: Sequence[Unit], chunks: Sequence[Chunk], vectors: np.ndarray | None, encoder
) -> dict[str, tuple[DomainTag, ...]]:
    """``doc_id -> tags`` (best first) for every unit. ``vectors`` are the chunks' embeddings (row i
    is chunks[i]); without them or an encoder only the lexicon counts."""
    fields = load_fields()
    meaning = _meaning(units, chunks, vectors, encoder, fields)
    out = {}
    for unit in units:
        tags = []
        lexical, evidence = _lexical(unit, fields)
        for j, f in enumerate(fields):
            if not evidence[j]:
                continue
            score = (
                lexical[j]
                if meaning is None
                else (LEXICAL_WEIGHT * lexical[j] + (1 - LEXICAL_WEIGHT) * meaning[unit.doc_id][j])
            )
            if score >= MIN_SCORE:
                tags.append(DomainTag(f.name, f.en, float(score), tuple(evidence[j])))
        out[unit.doc_id] = tuple(sorted(tags, key=lambda t: -t.score))
    return out


def _lexical(unit: Unit, fields: Sequence[Field]) -> tuple[list[float], list[list[str]]]:
    text = unit.text
    size = max(len(text), 200) / 1000
    scores, evidence = [], []
    spans = sentences(unit)
    for f in fields:
        pattern = _terms_pattern(f.terms)
        hits = len(pattern.findall(text))
        scores.append(1 - math.exp(-(hits / size) / DENSITY_SCALE))
        ranked = sorted(
            ((len(pattern.findall(text[s:e])), s, e) for _p, s, e in spans), key=lambda x: (-x[0], x[1])
        )
        evidence.append([_short(text[s:e]) for n, s, e in ranked[:MAX_EVIDENCE] if n])
    return scores, evidence


@lru_cache(maxsize=64)
def _terms_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    # longest first, so 生态环境 counts once, not as 生态 and 环境 too
    return re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))


def _short(sentence: str) -> str:
    sentence = sentence.strip()
    return sentence if len(sentence) <= MAX_EVIDENCE_CHARS else sentence[: MAX_EVIDENCE_CHARS - 1] + "…"


def _meaning(units, chunks, vectors, encoder, fields) -> dict[str, np.ndarray] | None:
    """Per unit, each field's closeness in meaning, scaled to [0, 1] across the fields (the unit's
    closest field 1, its farthest 0): the mean cosine of the unit's three closest passages."""
    if vectors is None or encoder is None or not len(chunks):
        return None
    # the descriptions are the product's own fixed texts: a LazyEncoder keeps their vectors on disk
    encode = getattr(encoder, "encode_fixed_queries", encoder.encode_queries)
    queries = np.asarray(encode([f.description for f in fields]), np.float32)
    sims = np.asarray(vectors, np.float32) @ queries.T  # chunks × fields
    rows: dict[str, list[int]] = {}
    for i, c in enumerate(chunks):
        rows.setdefault(c.doc_id, []).append(i)
    out = {}
    for unit in units:
        mine = sims[rows.get(unit.doc_id, [])]
        if not len(mine):
            out[unit.doc_id] = np.zeros(len(fields))
            continue
        top = np.sort(mine, axis=0)[-3:].mean(axis=0)
        span = float(top.max() - top.min()) or 1.0
        out[unit.doc_id] = (top - top.min()) / span
    return out
