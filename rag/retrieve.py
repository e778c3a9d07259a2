"""Hybrid retrieval: dense (FAISS) plus Chinese-aware BM25, fused into ranked ``Hit``s.

Fusion is normalised-score fusion with a coverage-dependent keyword weight::

    fused = dense_norm + w * coverage * bm25_norm + UNIT_WEIGHT * unit_norm   (rag/prior.py)

* ``dense_norm``: cosine similarity of the chunk rescaled over the dense candidates to [0, 1];
* ``bm25_norm``: BM25 divided by the best BM25 score of the query;
* ``coverage``: share of the question's keyword terms found in the corpus, so a question whose
  words the corpus does not contain gets no keyword weight and cannot be dragged down by it;
* ``w``: ``KEYWORD_WEIGHT``; English questions are matched through their dictionary translation
  (rag/bilingual.py), because the small embedding model links English questions to Chinese passages
  only loosely. They once had a weight of their own (7.0, chosen on the page's questions alone); on
  English questions about the laws it put the right passage first for 0.61 of the fit questions and
  0.56 of the report ones, against 0.78 and 0.68 with the Chinese weight, the page's unchanged
  (0.75-0.78 and 0.81): a noisy translation ("Under" -> 刑讯) then outweighed the dense side (a
  grid of 1-12 on the fit questions has a plateau at 1.5-2.5);
* ``unit_norm``: how well the chunk's whole unit (title, subtitle, author, role) matches (the
  article prior, rag/prior.py; in a large corpus only the best chunks get it).

Both sides see the unit's metadata (a header per chunk, for embedding and keywords), so "who
wrote ..." questions find the right article, and both sides are simplified Chinese (traditional
questions and documents are converted). Weights were chosen on tests/fixtures/dev_qa.jsonl and
extra_qa.jsonl plus a held-out set, in a plateau where neighbouring values score the same.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from rag.bilingual import to_simplified as bilingual_simplified
from rag.bilingual import translate
from rag.keyword import KeywordIndex, to_simplified, tokenize
from rag.lookup import is_law
from rag.prior import add_prior, plan_prior
from rag.question import local_places, register_forms, role_bodies
from rag.records import KIND_NOTE, Chunk, Hit, Unit
from rag.structure import parties, persons_listed, places_named
from rag.text import detect_lang
from rag.topk import best_first

KEYWORD_WEIGHT = 2.0  # exact terms (太湖盾, 6+2+X) outrank vague neighbours
CANDIDATES = 60  # dense neighbours considered before fusion
UNIT_LEAD_CHARS = 0  # characters of the unit's text embedded with its metadata
EMBED_TEXT_VERSION = "header+section+text/unit-header/2"  # bump when embed_text/unit_text change
NOTE_LABEL = "编者按"  # an editor's note has no author; this is how the page labels it


def header(item: Chunk | Unit) -> str:
    """A unit's metadata as one line: title, subtitle, author, role (editor's note labelled)."""
    parts = [item.title, item.subtitle, item.author, item.role]
    if item.kind == KIND_NOTE and not item.author:
        parts.append(NOTE_LABEL)
    return " ".join(p for p in parts if p)


def unit_text(unit: Unit) -> str:
    """What the encoder sees for a whole unit: its metadata and its lead, which states the topic."""
    lead = unit.text[:UNIT_LEAD_CHARS]
    return to_simplified(f"{header(unit)}\n{lead}".strip())


def embed_text(chunk: Chunk) -> str:
    """What the encoder sees for a chunk: its metadata header, its section path and lead-in (a law's
    chapter, article and the sentence its items depend on), then its text (simplified)."""
    return to_simplified(f"{header(chunk)}\n{_place(chunk)}\n{chunk.text}".replace("\n\n", "\n").strip())


def keyword_tokens(chunk: Chunk) -> list[str]:
    """What the keyword index sees for a chunk: header, section and lead-in tokens plus text tokens."""
    place = [tok for part in chunk.section for tok in _field_tokens(part)]
    lead = tokenize(chunk.context) if chunk.context else []
    return header_tokens(chunk) + place + lead + tokenize(chunk.text)


def _place(chunk: Chunk) -> str:
    return " ".join((*chunk.section, chunk.context)).strip()


def header_tokens(item: Chunk | Unit) -> list[str]:
    """``tokenize(header(item))``, field by field: the tokenizer never joins text across the
    spaces between fields, and authors, roles and titles repeat over a unit's chunks and across
    pages, so each distinct field is segmented once."""
    return [tok for part in header(item).split(" ") for tok in _field_tokens(part)]


@lru_cache(maxsize=65536)
def _field_tokens(text: str) -> tuple[str, ...]:
    return tuple(tokenize(text))


@dataclass(frozen=True)
class UnitIndex:
    """Per-store search aids, built once per index version: one vector (metadata) and one keyword
    row (metadata) per unit, plus two arrays over the chunks so fusion and collapsing stay numpy
    work at a million chunks: the row of each chunk's unit and an id shared by equal texts."""

    doc_ids: list[str]
    vectors: np.ndarray
    headers: KeywordIndex
    chunk_units: np.ndarray  # row in ``doc_ids`` of each chunk's unit (-1: unit not indexed)
    text_ids: np.ndarray  # equal ids for chunks with the same text (one passage, two files)
    places: tuple[str, ...] = ()  # districts the authors' roles name (rag.question.local_places)
    laws: tuple[str, ...] = ()  # the titles of the units that are laws (a question may abbreviate them)
    authors: tuple[str, ...] = ()  # the units' authors (an English question spells them in pinyin)
    bodies: tuple[str, ...] = ()  # the bodies the authors' roles name (rag.question.role_bodies)
    listed: tuple[str, ...] = ()  # the persons on the units' name lists (spelt in pinyin as authors are)
    parties: dict[str, tuple[tuple[str, str], ...]] | None = None  # doc_id -> (role, name) of its parties
    table_places: tuple[str, ...] = ()  # districts a table gives a row to (rag.structure.places_named)

    @classmethod
    def build(cls, units: Sequence[Unit], vectors: np.ndarray, chunks: Sequence[Chunk] = ()) -> UnitIndex:
        """From the store's units and their vectors (same order), and the store's chunks."""
        headers = KeywordIndex.empty().extend(header_tokens(u) for u in units)
        doc_ids = [u.doc_id for u in units]
        row = {d: i for i, d in enumerate(doc_ids)}
        chunk_units = np.fromiter((row.get(c.doc_id, -1) for c in chunks), np.int32, len(chunks))
        keys: dict[str, int] = {}  # text key -> id
        of_text: dict[str, int] = {}  # each distinct text is keyed once: most repeats are exact
        for c in chunks:
            if c.text not in of_text:
                of_text[c.text] = keys.setdefault(_text_key(c.text), len(keys))
        text_ids = np.fromiter((of_text[c.text] for c in chunks), np.int64, len(chunks))
        laws = tuple(sorted({u.title for u in units if is_law(u.title)}))
        places = local_places(u.role for u in units)
        authors = tuple(sorted({re.sub(r"\s+", "", u.author) for u in units if u.author}))
        bodies = role_bodies(u.role for u in units)
        listed = tuple(sorted({n for u in units for n in persons_listed(u.paragraphs)}))
        named = {u.doc_id: found for u in units if (found := parties(u.paragraphs))}
        table_places = tuple(sorted({n for u in units for n in places_named(u.paragraphs)} - {*places}))
        return cls(doc_ids, vectors, headers, chunk_units, text_ids, places, laws, authors, bodies, listed,
                   named, table_places)


def _text_key(text: str) -> str:
    # The same passage from a traditional and a simplified file collapses into one hit. The
    # character table (~30 us a chunk) rather than OpenCC's phrase conversion (~230 us): at a
    # million chunks that is the difference between seconds and minutes once per index version.
    return unicodedata.normalize("NFKC", bilingual_simplified(text)).lower()


def search(
    question: str,
    *,
    chunks: Sequence[Chunk],
    vectors,
    keyword,
    units: UnitIndex,
    encoder,
    k: int,
    query_vector: np.ndarray | Future | None = None,
) -> list[Hit]:
    """The ``k`` best chunks for ``question``, overlapping chunks of one unit collapsed;
    ``query_vector`` is ``encoder.encode_queries([question])`` when the caller already has it, or
    ``embed_soon``'s future of it (else it is computed on a worker thread while the keywords are
    scored)."""
    if not chunks or k <= 0:
        return []
    query = to_simplified(question)
    embedding = query_vector if query_vector is not None else embed_soon(encoder, query)
    # Everything the question's vector is not needed for runs while the worker embeds it.
    terms, weight = _query_terms(query, keyword)
    fused = _weighted(keyword.scores(terms), weight)
    plan = None
    if len(units.doc_ids) > 1:  # with one unit there is nothing to prefer
        plan = plan_prior(fused, units, (terms, weight) if _asks_who(query) else None)
    qv = _question_vector(embedding)
    ids, dense = _dense(qv, vectors, len(chunks))
    fused[ids] += dense  # dense + keyword; the other chunks' dense part is 0
    pool = None if plan is None else add_prior(fused, qv[0], units, plan, ids)
    picked = _collapse(fused, chunks, units.text_ids, k, pool)
    return [Hit(chunk=chunks[i], score=float(fused[i]), rank=r) for r, i in enumerate(picked, 1)]


def embed_soon(encoder, text: str) -> Future:
    """``encoder.encode_queries([text])`` started on the worker thread (``_embedder``): a caller that
    needs the vector after the search too (rag.kb's answer path) passes the future to ``search``,
    which scores keywords meanwhile."""
    return _embedder().submit(encoder.encode_queries, [text])


def _question_vector(embedding: np.ndarray | Future) -> np.ndarray:
    """The question's vector as one row, waiting for the worker when it is still embedding."""
    vector = embedding.result() if isinstance(embedding, Future) else embedding
    return np.asarray(vector, np.float32).reshape(1, -1)


@lru_cache(maxsize=1)
def _embedder() -> ThreadPoolExecutor:
    """The worker that embeds a question while the calling thread scores its keywords. ONNX Runtime
    releases the GIL, and its second thread adds little to one short question (rag/onnx_encoder.py:
    13.6 vs 14.8 ms), so BM25 can use that core meanwhile. At 1.06M chunks on this 2-core machine,
    busy with other work, interleaved with the sequential order: 102-112 -> 88-101 ms p50 in three
    runs of 72 searches; no slower in runs where only the encoder and BM25 were timed. On a quiet
    machine it buys nothing (47.9 vs 46.5 ms p50, 24 questions x 3, interleaved). One worker: the
    encoder runs one forward pass at a time anyway."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="rag-embed-question")


def _query_terms(query: str, keyword: KeywordIndex) -> tuple[dict[str, float], float]:
    """Keyword query (term -> weight) and its weight in the fusion (see the module docstring)."""
    tokens = tokenize(query)
    if detect_lang(query) != "en":  # 「开了家旅馆」 searches 住宿 too, as documents write it
        tokens += [w for tok in tokens for w in register_forms(tok) if w in keyword.term_id]
        return dict(Counter(tokens)), KEYWORD_WEIGHT * keyword.coverage(tokens)
    weights, coverage = translate(query, keyword.lexicon(), keyword.lookup)
    for tok in tokens:
        if tok in keyword.term_id and not tok.isalpha():  # figures match as they are: 53.1%, IPv6
            weights[tok] = weights.get(tok, 0.0) + 1.0
    return weights, KEYWORD_WEIGHT * coverage


def _asks_who(query: str) -> bool:
    from rag.question import SHAPE_WHO, analyse

    return analyse(query).shape == SHAPE_WHO


def _dense(qv: np.ndarray, vectors, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The dense candidates and their cosine similarity rescaled to [0, 1]; every other chunk's is 0,
    so no array over all ``n`` chunks is built for 60 values."""
    top = min(n, CANDIDATES)
    sims, ids = vectors.search(qv, top)  # inner product of unit vectors = cosine similarity
    sims, ids = sims[0], ids[0]
    valid = ids >= 0
    sims, ids = sims[valid], ids[valid]
    if not len(ids):
        return ids, sims
    lo, hi = float(sims.min()), float(sims.max())
    return ids, ((sims - lo) / (hi - lo) if hi > lo else np.ones_like(sims))


def _weighted(bm25: np.ndarray, weight: float) -> np.ndarray:
    """``weight * bm25 / bm25.max()`` (0 stays 0), computed in ``bm25``'s own array: at a million
    chunks each new full-length array costs ~0.3 ms to fill."""
    best = float(bm25.max()) if len(bm25) else 0.0
    if best > 0:
        bm25 /= best
    bm25 *= np.float32(weight)  # as ``weight * bm25``: a Python float multiplies float32 in float32
    return bm25


def _collapse(
    fused: np.ndarray, chunks: Sequence[Chunk], text_ids: np.ndarray, k: int, among: np.ndarray | None = None
) -> list[int]:
    """The ``k`` best chunks, walking the ranking and skipping chunks that overlap an already
    picked chunk of the same unit or repeat its text (the same passage indexed twice).

    Only a pool of the best scores is sorted (a full sort of a million scores is ~0.1 s); while
    duplicates leave fewer than ``k`` chunks in it, the pool grows fourfold or to what the copies
    per text seen so far call for. The order is that of a stable full sort: ties keep index order.
    ``among`` (ascending) holds chunks that outscore all others: pools no larger are cut from it
    (rag.topk.best_first)."""
    n = len(fused)
    pool = min(n, max(8 * k, 64))
    while True:
        order = best_first(fused, pool, among)
        picked = _walk(order, chunks, text_ids, k)
        if len(picked) == k or len(order) >= n:
            return picked
        # Grow by how many chunks each distinct text took in this pool (copies of one passage
        # from many files), so a corpus of repeats needs two rounds, not six.
        distinct = max(1, len(np.unique(text_ids[order])))
        pool = min(n, max(pool * 4, math.ceil(2 * k * len(order) / distinct)))


def _walk(order: np.ndarray, chunks: Sequence[Chunk], text_ids: np.ndarray, k: int) -> list[int]:
    # Only the first chunk of a text can be picked, unless it overlapped a picked chunk: then a
    # later copy (from another file) may be. So walk the first copies, and the whole order only
    # when a skipped text has copies further down. Corpora that repeat passages thousands of
    # times stay numpy work.
    _, first, counts = np.unique(text_ids[order], return_index=True, return_counts=True)
    firsts = order[np.sort(first)]
    picked, skipped = _walk_list(firsts.tolist(), chunks, text_ids, k)
    repeated = set(text_ids[order[first[counts > 1]]].tolist())
    if skipped & repeated:
        picked, _ = _walk_list(order.tolist(), chunks, text_ids, k)
    return picked


def _walk_list(
    order: list[int], chunks: Sequence[Chunk], text_ids: np.ndarray, k: int
) -> tuple[list[int], set[int]]:
    """(picked, texts of the chunks skipped for overlapping a picked chunk)."""
    picked: list[int] = []
    seen_text: set[int] = set()
    skipped: set[int] = set()
    for i in order:
        c, text = chunks[i], int(text_ids[i])
        if text in seen_text:
            continue
        if any(_overlaps(c, chunks[j]) for j in picked):
            skipped.add(text)
            continue
        picked.append(i)
        seen_text.add(text)
        if len(picked) == k:
            break
    return picked, skipped


def _overlaps(a: Chunk, b: Chunk) -> bool:
    return a.doc_id == b.doc_id and a.start < b.end and b.start < a.end
