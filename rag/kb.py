"""The knowledge-base facade used by the CLI, the app and the answerer.

``KnowledgeBase.open`` loads a saved index (or starts an empty one), ``add`` indexes files and
folders (only new or changed content is embedded), ``remove`` drops a unit or a whole source,
``search`` returns fused ``Hit``s and ``ask`` answers with citations. Every change is written as a
new index version and switched in atomically (see rag/index.py).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import time
from collections.abc import Callable, Collection, Iterable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from rag import index as ix
from rag import retrieve
from rag.build import empty_store, next_store
from rag.chat import listed_values, question_parts, respective_parts
from rag.chunk import CHUNKER_VERSION
from rag.errors import IndexError_, LoadError, QuestionError, RagError
from rag.lookup import (
    citing_penalty,
    definition_article,
    effect_article,
    find_article,
    find_exercise,
    front_article,
    only_points,
    quoted_definitions,
    short_title,
    tier_passages,
    with_law_names,
)
from rag.question import asks_front, filled_template, front_kind, question_lang, without_presentation_request
from rag.records import Answer, Chunk, Hit, Provenance, Source, Unit
from rag.settings import BUNDLED_KBS
from rag.span_vectors import BULK_BATCH, SpanVectors
from rag.strings import t
from rag.structure import ITEMS_ASKED, PARTY_ROLE, is_table_line, item_mark, items_referred, table_header
from rag.text import BODIES_ASKED, BODIES_NOTE, CONTACT_ASKED, CONTACT_LINE, SAYING, SAYING_ASKED
from rag.versions import delete as delete_versions

DEFAULT_KB = "default"
EMBED_BATCH = 64
SAFE_NAME = re.compile(r"^[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9_\-.\u4e00-\u9fff]{0,63}$")


@dataclass(frozen=True)
class AddReport:
    """What ``add`` did: sources added, replaced (same file name, new content) or already indexed."""

    added: tuple[str, ...] = ()
    replaced: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    errors: tuple[LoadError, ...] = ()
    embedded: int = 0  # chunks embedded by this call (reused vectors are not counted)
    chunks: int = 0  # chunks in the index afterwards
    sources: tuple[Source, ...] = field(default=(), repr=False)

    def to_dict(self) -> dict:
        """Plain-JSON form."""
        return {
            "added": list(self.added),
            "replaced": list(self.replaced),
            "unchanged": list(self.unchanged),
            "errors": [str(e) for e in self.errors],
            "embedded": self.embedded,
            "chunks": self.chunks,
        }


class KnowledgeBase:
    """One named, persisted knowledge base bound to an encoder and chunker settings."""

    def __init__(
        self,
        name: str,
        folder: Path,
        encoder,
        *,
        chunk_size: int,
        chunk_overlap: int,
        max_bytes: int,
        parse_timeout: float,
        max_docs: int,
    ) -> None:
        self.name, self.folder, self.encoder = name, folder, encoder
        self.chunk_size, self.chunk_overlap = chunk_size, chunk_overlap
        self.max_bytes, self.parse_timeout, self.max_docs = max_bytes, parse_timeout, max_docs
        self._store = self._empty()
        self._units: tuple[ix.Store, retrieve.UnitIndex] | None = None
        self._by_title: tuple[ix.Store, dict[str, list[Chunk]]] | None = None  # see _titled
        self._catalogued: tuple[ix.Store, list[tuple[Unit, Chunk | None]]] | None = None
        self._outlined: tuple[ix.Store, list] | None = None  # (store, rag.answer.outline.headings)
        self._rostered: tuple[ix.Store, list] | None = None  # (store, rag.answer.roster.roster)
        # keyed by quote text: valid across index versions, and kept in the folder for the next process
        self._quotes = SpanVectors(encoder, path=folder / QUOTE_VECTORS)
        self._provenance: tuple[ix.Store, Provenance] | None = None

    @classmethod
    def open(
        cls,
        name: str,
        *,
        index_dir: Path,
        encoder,
        chunk_size: int,
        chunk_overlap: int,
        rebuild: bool = False,
        max_bytes: int = 50 << 20,
        parse_timeout: float = 60.0,
        max_docs: int = 10_000,
    ) -> KnowledgeBase:
        """Load knowledge base ``name`` (empty if never built). A stale or corrupted index raises
        ``IndexError_`` saying what differs, or is rebuilt from its stored files if ``rebuild``."""
        if not SAFE_NAME.match(name or ""):
            raise IndexError_(t("kb_bad_name", "en", name=name))
        kb = cls(
            name,
            Path(index_dir) / name,
            encoder,
            chunk_size=chunk_size,
            chunk_overlap=chunk_overlap,
            max_bytes=max_bytes,
            parse_timeout=parse_timeout,
            max_docs=max_docs,
        )
        ix.clean_leftovers(kb.folder)
        try:
            kb._store = kb._read()
        except ix.MissingIndex:
            pass
        except (ix.StaleIndex, ix.CorruptIndex):
            if not rebuild:
                raise
            kb.rebuild()
        return kb

    # --- reading ---------------------------------------------------------------------------

    @property
    def manifest(self) -> dict:
        """The live version's manifest (empty before the first build)."""
        return self._store.manifest

    def sources(self) -> list[Source]:
        """Indexed sources with their units (full clean text and metadata), in insertion order."""
        return [s.source for s in self._store.sources]

    def units(self) -> list[Unit]:
        """Every indexed unit."""
        return self._store.units()

    def chunks(self) -> list[Chunk]:
        """Every indexed chunk, in index order."""
        return list(self._store.chunks)

    @property
    def version(self) -> str | None:
        """The live index version (a new one with every change): caches of derived data key on it."""
        return self._store.version

    def chunk_vectors(self) -> np.ndarray:
        """The chunks' embeddings: row i belongs to ``chunks()[i]``."""
        from rag.vector_index import vectors_of

        return vectors_of(self._store.vectors)

    def search(self, question: str, k: int = 5, *, docs: Collection[str] | None = None) -> list[Hit]:
        """The ``k`` best passages for ``question`` (hybrid dense + keyword, duplicates collapsed);
        a numbered article the question names (「国家安全法第二条」) comes first. ``docs`` (doc_ids)
        keeps only those units' passages (the lesson kit's security-field filter)."""
        text = _search_text(question, *self._names())
        return self._with_article(text, self._search(text, k, docs=docs), k)

    def ask(self, question: str, k: int = 5, *, selector=None, docs: Collection[str] | None = None) -> Answer:
        """Search, then answer from the hits with citations; the answerer sees a wider pool of
        candidates than the ``k`` passages it returns (list questions span several articles).
        ``selector`` replaces the shipped answer model (scripts/fit_answerer.py reports with it);
        ``docs`` limits the passages to those units."""
        from rag.answer import RELATED_K
        from rag.answer.outline import article_points_answer, note_answer, outline_answer, section_text_answer
        from rag.answer.roster import person_not_given
        from rag.catalogue import catalogue_answer, mention_answer

        # 「…？帮我列一下主要几条。」: the question before the request, answered as asked
        asked, question = question, without_presentation_request(question)
        answer = catalogue_answer(question, self._catalogue())  # whole-collection questions, quiz requests
        # 「哪几篇文章提到“卡脖子”」: every document writing the quoted term, not the best passages'
        if answer is None and not docs:
            answer = mention_answer(question, self._catalogue(), self._store.chunks)
        # 「报告一共提了几条对策建议？分别是什么？」: the points the outline lists under that heading
        if answer is None and not docs:
            answer = outline_answer(question, self._outline(), self._store.chunks)
        # 「柳林在哪个单位工作」「云峰县有哪些单位上了先进集体名单」: a name list's own lines
        if answer is None and not docs and len(question_parts(question)) == 1:  # (each part is asked alone)
            answer = self._listed_answer(question)
        # 「活动主题是什么」: the line under the heading 「一、活动主题」
        if answer is None and not docs:
            answer = section_text_answer(question, self._outline(), self._store.chunks)
        # 「陈秋峰的文章讲了什么」: the topic sentences its paragraphs open with, each cited
        # (「编者按讲了什么」: the note's sentences)
        if answer is None and not docs:
            answer = article_points_answer(question, [u for u, _ in self._catalogue()], self._store.chunks)
        if answer is None and not docs:
            answer = note_answer(question, [u for u, _ in self._catalogue()], self._store.chunks)
        if answer is None:
            parts = question_parts(question)
            _laws, people, places = self._names()
            if len(parts) > 1:  # "…几个小时？情况复杂的呢？": each part answered, the answers joined
                answer = self._ask_parts(question, parts, k, selector=selector, docs=docs)
            elif len(each := respective_parts(question, people + places + self._bodies())) > 1:
                # "X和Y分别…", 「江阴和新吴…各自」: one cited answer each
                answer = self._ask_parts(question, each, k, complete=False, selector=selector, docs=docs)
            elif len(listed := listed_values(question)) > 1:  # 「…多少项、…多少家、…多少家」: each ask
                answer = self._ask_parts(question, listed, k, complete=False, selector=selector, docs=docs)
            else:
                answer = self._ask_one(question, k, selector=selector, docs=docs)
        if name := person_not_given(question, self._roster(), answer):  # 「韩雪梅是哪一年参加工作的」
            said = t("no_person", answer.lang, name=name)
            related = answer.hits[:RELATED_K]
            answer = replace(answer, answer=said, grounded=False, citations=(), related=related,
                             confidence=0.0)  # fmt: skip
        return replace(answer, question=asked, provenance=self.provenance())

    def provenance(self) -> Provenance | None:
        """The live version's identity (its manifest's sha256 and build time); None before a build."""
        store = self._store
        if not store.manifest:
            return None
        if self._provenance is None or self._provenance[0] is not store:
            try:
                data = (self.folder / (store.version or "") / ix.MANIFEST).read_bytes()
            except OSError:  # superseded meanwhile: the manifest as loaded, in canonical form
                data = json.dumps(store.manifest, ensure_ascii=False, sort_keys=True).encode()
            built = store.manifest.get("built_at", "")
            self._provenance = (store, Provenance(self.name, hashlib.sha256(data).hexdigest(), built))
        return self._provenance[1]

    def _ask_parts(
        self, question: str, parts: list[str], k: int, *, complete: bool = True, **options
    ) -> Answer:
        """Answer each part of a question in turn, a later part read like a follow-up of the one
        before (rag.chat.complete_part) unless ``complete`` is off (parts that read on their own),
        and join the answers with their citations numbered on."""
        from rag.answer.model import load_selector
        from rag.answer.outline import article_points_answer
        from rag.answer.parts import distinct_values, join_answers, unsupported
        from rag.catalogue import catalogue_answer
        from rag.chat import CONDITIONAL, Turn, complete_part, entities_from_units, law_referred

        units = self.units()
        points_units, chunks = [u for u, _ in self._catalogue()], self._store.chunks
        titles = sorted({short_title(u.title) for u in units if u.title}, key=len, reverse=True)
        entities = entities_from_units(units)
        turns: list[Turn] = []
        for part in parts:
            query = complete_part(part, turns[-1], parts[0], titles, entities) if turns and complete else part
            # 「…适用哪部法律？那部法律又要求怎么处理？」: the law the previous answer names is searched
            law = law_referred(part, turns[-1], titles) if turns and complete else None
            asked = options
            if law:
                asked = {**options, "docs": {u.doc_id for u in units if short_title(u.title or "") == law}}
            elif turns and complete and CONDITIONAL.match(part.strip()) and turns[-1].answer.citations:
                # 「…这合法吗？如果被查到，最多罚多少？」: the penalty of the law that answered the case
                asked = {**options, "docs": {c.doc_id for c in turns[-1].answer.citations}}
            # a part may ask the whole collection (「这一版有几篇文章？作者都是谁？」) or what an article says
            # (「王路新是什么职务？他的文章讲了什么？」: 他 read as 王路新)
            answer = catalogue_answer(query, self._catalogue())
            # 「李国庆是哪个单位的？…」: a name list's line, for the part as written (a later part read with
            # the first part's name is no question of that person)
            if answer is None and not asked.get("docs"):
                answer = self._listed_answer(part)
            if answer is None and not asked.get("docs"):
                answer = article_points_answer(query, points_units, chunks)
            answer = answer or self._ask_one(query, k, **asked)
            repeated = query != part and turns and _repeats(answer, turns[-1].answer)
            if repeated and _own_words_unsaid(part, parts[0], answer):
                # 「落款日期是哪天？政策咨询打哪个电话？」: the part read with the first's subject took the
                # first's answer, which says few of the part's own words (「…牵头？哪些部门配合？」 is
                # answered by the sentence saying 配合); it is answered as written, when the selector is
                # sure of that answer (「什么时候完成？」 alone finds any task's date)
                alone = self._ask_one(part, k, **asked)
                sure = (alone.confidence or 0.0) >= (options.get("selector") or load_selector()).confident
                answer = alone if sure and not _repeats(alone, turns[-1].answer) else answer
            turns.append(Turn(part, query, answer))
        def reask(query: str, taken: set[tuple[str, str]]) -> Answer:
            return self._ask_one(query, k, avoid=taken, **options)

        answers = distinct_values([turn.query for turn in turns], [turn.answer for turn in turns], reask)
        return join_answers(question, parts, unsupported(parts, answers), k)

    def _ask_one(self, question: str, k: int, *, selector=None, docs: Collection[str] | None = None,
                 avoid: Collection[tuple[str, str]] = ()) -> Answer:  # fmt: skip
        from rag.answer import answer_question, article_answer
        from rag.answer.count import enumeration_of

        filled = filled_template(question, (c.text for c in self._store.chunks))  # “几加几加X”: “6+2+X”
        if filled != question:  # asked as the documents print it, shown as asked
            answer = self._ask_one(filled, k, selector=selector, docs=docs, avoid=avoid)
            return replace(answer, question=question.strip())
        listing = enumeration_of(question)  # before searching: a counted answer needs no other search
        if listing and not avoid:  # 「列举了几种间谍行为」: the items of one article, counted in full
            counted = self._counted(listing, question, k, selector=selector, docs=docs)
            if counted is not None:
                return counted
        text, hits, article, inputs = self._answer_inputs(question, k, docs=docs, by_author=True)
        if article and only_points(text, article[0].title):
            return article_answer(question, article, hits, top_k=k)
        _laws, people, places = self._names()
        written = _written(question, text, people, places)  # "Fang Li" read as 方力, shown as asked
        if written == question:
            return answer_question(question, hits, top_k=k, selector=selector, avoid=avoid, **inputs)
        # answered in the language it was asked in ("Xu Feng?" is English, 「许峰?」 would not be)
        lang = question_lang(question)
        answer = answer_question(written, hits, lang=lang, top_k=k, selector=selector, avoid=avoid, **inputs)
        return replace(answer, question=question.strip())

    def _named_author_docs(self, text: str) -> set[str] | None:
        """The signed articles of the one author ``text`` names as a word (方力, not 各方力量; not a
        notice's issuing body), None when it names none or several, or compares (「比许峰的文章…」)."""
        from rag.records import KIND_ARTICLE
        from rag.segment import tagged

        if _ACROSS.search(text):
            return None
        cuts, at = {0}, 0  # where jieba's words start and end
        for word, _ in tagged(text):
            at += len(word)
            cuts.add(at)
        def named(author: str) -> bool:
            return any(m.start() in cuts and m.end() in cuts for m in re.finditer(re.escape(author), text))

        units = [u for u in self._store.units() if u.kind == KIND_ARTICLE and u.author and named(u.author)]
        return {u.doc_id for u in units} if len({u.author for u in units}) == 1 else None

    def _counted(self, listing: str, question: str, k: int, **options) -> Answer | None:
        """The answer to ``listing`` (the enumeration a counting ``question`` implies) led by how many
        items its article lists, when it quotes the numbered items of one article; else None."""
        from rag.answer.count import counted_noun, item_count, with_count
        from rag.text import ITEM_RE

        answer = self._ask_one(listing, k, **options)
        items = [c for c in answer.citations if ITEM_RE.match(c.quote)]
        places = {(c.doc_id, c.section) for c in items}
        if not answer.grounded or len(places) != 1:
            return None
        doc_id, section = places.pop()
        unit = next((u for u in self._store.units() if u.doc_id == doc_id), None)
        if unit is None:
            return None
        article = "\n".join(p for p, at in zip(unit.paragraphs, unit.sections, strict=False) if at == section)
        n = item_count([c.quote for c in items], article, counted_noun(question))
        return with_count(answer, n, question) if n else None

    def candidates(self, question: str):
        """The candidate quotes the answer selector would score for ``question``, with their feature
        rows (rag.answer.Candidates, unscored): what scripts/fit_answerer.py fits on."""
        from rag.answer import candidate_table

        _text, hits, _article, inputs = self._answer_inputs(question, 5)
        return candidate_table(question, hits, **inputs)

    def _answer_inputs(
        self, question: str, k: int, *, docs: Collection[str] | None = None, by_author: bool = False
    ) -> tuple[str, list[Hit], list[Chunk], dict]:
        """Search once for an answer: the question as searched, the hits (a named article first),
        that article's chunks, and the answerer's other inputs. ``by_author``: a question naming one
        author (「许峰的文章里提到…」) searches that author's article only, unless ``docs`` says where."""
        from rag.answer import CANDIDATES_K, SELECT_K
        from rag.bilingual import word_translations

        text = _search_text(question, *self._names())
        if by_author and docs is None:
            docs = self._named_author_docs(text)
        # one forward pass serves search and answer; search scores keywords while it runs
        embedding = retrieve.embed_soon(self.encoder, text)
        hits = self._search(text, max(k, CANDIDATES_K), embedding, docs=docs)
        vector = embedding.result()[0]
        chunks = self._store.chunks if docs is None else [c for c in self._store.chunks if c.doc_id in docs]
        article = find_article(text, chunks, hits) or find_exercise(text, chunks, hits)
        keyword = self._store.keyword
        # the lexicon takes ~3 s to build: only an English word needs it
        translations = word_translations(question, keyword.lexicon, keyword.lookup)
        first = (article or effect_article(text, chunks)
                 or definition_article(text, self._titled(docs), hits, translations,
                                       self._unit_index(self._store).laws)
                 or (front_article(chunks, hits, front_kind(text)) if asks_front(text) else None))
        hits = self._with_article(text, hits, max(k, CANDIDATES_K), first)
        titled = self._titled(docs)
        penalty = citing_penalty(text, titled, hits) if not first else []  # the article punishing the duty
        hits = _after_first(hits, penalty, max(k, CANDIDATES_K))
        hits = _after_first(hits, tier_passages(text, titled, hits), max(k, CANDIDATES_K))  # its tiers
        hits = _with_quoted(text, hits, chunks, question)
        hits = _with_saying(text, hits, chunks)
        hits = _with_contacts(text, hits, chunks)
        hits = _with_party_lines(text, hits, chunks)
        hits = _with_items_referred(text, hits, chunks)
        hits = _with_notes(text, hits, chunks)
        hits = _with_event_opening(text, hits, chunks)
        hits = _with_tables(text, hits, chunks, SELECT_K)
        # a quoted term's defining passage, when the best hits do not hold it
        quoted = list(dict.fromkeys(_QUOTED_TERM.findall(text)))
        near = {h.chunk.chunk_id for h in hits[:SELECT_K]}
        defining = [c for c in quoted_definitions(quoted, titled, hits) if c.chunk_id not in near]
        hits = _after_first(hits, defining, len(hits))
        units = self._unit_index(self._store)
        inputs = {"encoder": self.encoder, "query_vector": (text, vector), "quotes": self._quotes,
                  "translations": translations, "places": units.places + units.table_places,
                  "parties": units.parties or {}, "held": units.laws}  # fmt: skip
        return text, hits, article, inputs

    def _with_article(
        self, text: str, hits: list[Hit], k: int, article: list[Chunk] | None = None
    ) -> list[Hit]:
        """``hits`` with the chunks of the article ``text`` names first (rag.lookup)."""
        if article is None:
            chunks = self._store.chunks
            article = (find_article(text, chunks, hits) or find_exercise(text, chunks, hits)
                       or effect_article(text, chunks)
                       or definition_article(text, self._titled(None), hits))
        if not article:
            return hits
        top = hits[0].score if hits else 1.0
        ids = {c.chunk_id for c in article}
        ordered = [Hit(c, top + 1.0, 0) for c in article] + [h for h in hits if h.chunk.chunk_id not in ids]
        return [replace(h, rank=i) for i, h in enumerate(ordered[:k], start=1)]

    def warm_answers(
        self, *, wait: Callable[[], None] = lambda: None, stop: Callable[[], bool] = lambda: False
    ) -> int:
        """Embed the candidate quotes of the indexed chunks ahead of questions (the answerer's
        dense re-scoring then costs no encoder pass); ``wait()`` runs before each small batch
        (the app's returns when no question is being answered) and ``stop()`` ends it early.
        Returns how many were embedded."""
        return self._quotes.warm(self._store.chunks, wait=wait, stop=stop)

    def _search(
        self,
        text: str,
        k: int,
        vector: np.ndarray | Future | None = None,
        *,
        docs: Collection[str] | None = None,
    ) -> list[Hit]:
        s = self._store
        wide = k if docs is None else min(len(s.chunks), max(8 * k, 64))  # filtered after ranking
        hits = retrieve.search(
            text,
            chunks=s.chunks,
            vectors=s.vectors,
            keyword=s.keyword,
            units=self._unit_index(s),
            encoder=self.encoder,
            k=wide,
            query_vector=vector,
        )
        if docs is None:
            return hits
        kept = [h for h in hits if h.chunk.doc_id in docs][:k]
        return [replace(h, rank=i) for i, h in enumerate(kept, start=1)]

    def _catalogue(self) -> list[tuple[Unit, Chunk | None]]:
        """Every unit with its first chunk (rag.catalogue answers from these), once per index version."""
        store, cached = self._store, self._catalogued
        if cached is None or cached[0] is not store:
            first: dict[str, Chunk] = {}
            for c in store.chunks:
                first.setdefault(c.doc_id, c)
            cached = (store, [(u, first.get(u.doc_id)) for u in store.units()])
            self._catalogued = cached  # one assignment: concurrent asks see one or the other
        return cached[1]

    def _outline(self) -> list:
        """Every heading of the units with its name (rag.answer.outline.headings), once per index version:
        a question asking a part's points reads them all."""
        from rag.answer.outline import headings

        store, cached = self._store, self._outlined
        if cached is None or cached[0] is not store:
            cached = (store, headings(store.units()))
            self._outlined = cached  # one assignment: concurrent asks see one or the other
        return cached[1]

    def _roster(self) -> list:
        """Every line of the units' name lists (rag.answer.roster.roster), once per index version."""
        from rag.answer.roster import roster

        store, cached = self._store, self._rostered
        if cached is None or cached[0] is not store:
            cached = (store, roster(store.units()))
            self._rostered = cached  # one assignment: concurrent asks see one or the other
        return cached[1]

    def _listed_answer(self, question: str) -> Answer | None:
        """The answer a name list's own lines give ``question`` (rag.answer.roster), None at once when the
        documents hold no list (the pinyin of the question is written out only when one does)."""
        from rag.answer.roster import roster_answer

        entries = self._roster()
        if not entries:
            return None
        named = _search_text(question, *self._names())  # "What is Liu Lin's post?": 柳林
        return roster_answer(question, entries, self._store.chunks, written=named)

    def _titled(self, docs: Collection[str] | None) -> Callable[[str], list[Chunk]]:
        """A document's chunks by its title (of the units in ``docs`` when given), from a map built
        once per index version: a definition question looks in whole documents, not every chunk."""
        store, cached = self._store, self._by_title
        if cached is None or cached[0] is not store:
            by_title: dict[str, list[Chunk]] = {}
            for c in store.chunks:
                by_title.setdefault(c.title or "", []).append(c)
            cached = (store, by_title)
            self._by_title = cached  # one assignment: concurrent questions see one or the other
        by_title = cached[1]
        if docs is None:
            return lambda title: by_title.get(title, [])
        return lambda title: [c for c in by_title.get(title, []) if c.doc_id in docs]

    def _names(self) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """The laws' titles, and the authors (and persons the name lists name) and districts (their
        authors' and those a table gives a row to) an English question may spell in pinyin."""
        units = self._unit_index(self._store)
        return units.laws, units.authors + units.listed, units.places + units.table_places

    def _bodies(self) -> tuple[str, ...]:
        """The bodies the authors' roles name (「市商务局」): a question may name an article by them."""
        return self._unit_index(self._store).bodies

    def _unit_index(self, store: ix.Store) -> retrieve.UnitIndex:
        """Per-unit evidence of ``store``, built once per index version."""
        cached = self._units
        if cached is None or cached[0] is not store:
            cached = (store, retrieve.UnitIndex.build(store.units(), store.unit_vectors, store.chunks))
            self._units = cached  # one assignment: concurrent searches see one or the other
        return cached[1]

    # --- writing ---------------------------------------------------------------------------

    def add(self, paths: Iterable[str | Path], *, progress: bool = False) -> AddReport:
        """Index files and folders; unreadable files are reported, not fatal; unchanged files cost nothing."""
        from rag.loaders import load_paths

        items, errors = [], []
        for path in _files(paths, errors, lambda p: load_paths([p], max_bytes=1, timeout=1)[1]):
            # One file at a time, so each source stays paired with the bytes we keep a copy of.
            loaded, failed = load_paths([path], max_bytes=self.max_bytes, timeout=self.parse_timeout)
            items += [(s, path) for s in loaded]
            errors += failed
        return self._add_sources(items, errors, progress=progress)

    def remove(self, doc_or_source_id: str) -> list[Unit]:
        """Remove one unit (doc_id) or a whole source (source_id); a unique prefix is enough."""
        with ix.writer_lock(self.folder):
            self._refresh()
            kept, removed = _without(self._store.sources, _resolve_id(self._store.sources, doc_or_source_id))
            self._commit(kept, progress=False)
        return removed

    def retitle(self, doc_or_source_id: str, title: str) -> Unit:
        """Correct the title of one unit (a source with a single unit may be named by its source id);
        kept when the file is re-read. Returns the unit as retitled."""
        title = re.sub(r"\s+", " ", title or "").strip()
        if not title or len(title) > 200:
            raise IndexError_(t("kb_bad_title", "en"))
        with ix.writer_lock(self.folder):
            self._refresh()
            target = _resolve_id(self._store.sources, doc_or_source_id)
            sources = list(self._store.sources)
            for i, s in enumerate(sources):
                units = s.source.units
                hit = [u for u in units if u.doc_id == target]
                hit = hit or (list(units) if s.source.source_id == target else [])
                if len(hit) == 1:
                    unit = replace(hit[0], title=title)
                    titles = (*[x for x in s.titles if x[0] != unit.doc_id], (unit.doc_id, title))
                    new_units = tuple(unit if u.doc_id == unit.doc_id else u for u in units)
                    sources[i] = replace(s, source=replace(s.source, units=new_units), titles=titles)
                    self._commit(sources, progress=False)
                    return unit
            raise IndexError_(t("kb_id_unknown", "en", id=doc_or_source_id, matches=""))

    def rebuild(self, *, progress: bool = False) -> AddReport:
        """Re-read every stored source file and build the index again with the current settings."""
        with ix.writer_lock(self.folder):
            docs = ix.stored_documents(self.folder)
            if not docs:
                docs = [(p.name, p, (), ()) for p in _files(BUNDLED_KBS.get(self.name, ()), [], lambda p: [])]
            items, errors = self._load_stored(docs)
            self._store = self._empty()
            report = self._merge(items, errors, progress=progress, force=not errors)
        self._embed_quotes(set())
        return report

    def _add_sources(
        self, items: list[tuple[Source, Path]], errors: Sequence[LoadError], *, progress: bool
    ) -> AddReport:
        with ix.writer_lock(self.folder):
            self._refresh()
            before = {c.chunk_id for c in self._store.chunks}
            report = self._merge([(s, p, s.path, (), ()) for s, p in items], errors, progress=progress)
        self._embed_quotes(before)
        return report

    def _embed_quotes(self, before: set[str]) -> None:
        """Embed the candidate quotes of the chunks indexed since ``before`` (chunk ids), in bulk,
        at most ``span_vectors.WARM_LIMIT``; kept on disk, so a fresh process's first questions
        (each ``rag ask``) cost one encoder pass for the question only. A build of the page
        takes seconds more; without this each new question embeds its ~60 quotes (~1 s)."""
        fresh = [c for c in self._store.chunks if c.chunk_id not in before]
        if fresh:
            self._quotes.warm(fresh, batch=BULK_BATCH)

    def _merge(
        self,
        items: list[tuple[Source, Path, str, tuple[str, ...], tuple[tuple[str, str], ...]]],
        errors: Sequence[LoadError],
        *,
        progress: bool,
        force: bool = False,
    ) -> AddReport:
        """Merge sources into the live store (the caller holds the writer lock) and write a version
        if anything changed. A file already indexed is skipped; one with the name of an indexed
        file but new content replaces it."""
        current = list(self._store.sources)
        known = {s.source.source_id for s in current}
        added, replaced, unchanged, new = [], [], [], []
        for source, path, original, excluded, titles in items:
            if source.source_id in known:
                unchanged.append(original)
                continue
            (replaced if any(s.original == original for s in current) else added).append(original)
            current = [s for s in current if s.original != original]
            named = dict(titles)
            kept = [u for u in source.units if u.doc_id not in excluded]
            units = tuple(replace(u, title=named.get(u.doc_id, u.title)) for u in kept)
            file = ix.file_sha256(path)[:32] + _safe_suffix(path)
            source = replace(source, path=original, units=units)
            stored = ix.StoredSource(source, file, original, excluded, titles)
            new.append((stored, path))
            known.add(source.source_id)
        if len(current) + len(new) > self.max_docs:
            raise IndexError_(t("kb_too_many", "en", name=self.name, limit=self.max_docs))
        embedded = 0
        if new or force:
            embedded = self._commit(
                current + [s for s, _ in new], progress=progress, new_files={s.file: p for s, p in new}
            )
        return AddReport(
            tuple(added),
            tuple(replaced),
            tuple(unchanged),
            tuple(errors),
            embedded,
            len(self._store.chunks),
            tuple(s.source for s, _ in new),
        )

    def _commit(
        self, sources: list[ix.StoredSource], *, progress: bool, new_files: dict[str, Path] | None = None
    ) -> int:
        """Chunk, embed only chunks not already indexed, write ``sources`` as the next version."""
        store, embedded = next_store(
            self._store,
            sources,
            encoder=self.encoder,
            chunk_size=self.chunk_size,
            chunk_overlap=self.chunk_overlap,
            settings=self._expected(),
            progress=progress,
        )
        live = self.folder / (ix.live_version(self.folder) or "missing") / ix.FILES
        new_files = new_files or {}
        files = {s.file: new_files.get(s.file, live / s.file) for s in sources}
        ix.write_version(self.folder, self.name, store, files)
        self._store = store
        return embedded

    def _load_stored(self, docs) -> tuple[list, list[LoadError]]:
        from rag.loaders import load_file

        items, errors = [], []
        for original, path, excluded, titles in docs:
            try:
                source = load_file(path, max_bytes=self.max_bytes, timeout=self.parse_timeout, name=original)
            except LoadError as exc:
                errors.append(LoadError(original, exc.reason))
                continue
            items.append((source, path, original, tuple(excluded), tuple(titles)))
        return items, errors

    # --- plumbing --------------------------------------------------------------------------

    def _expected(self) -> dict:
        return {
            "model": self.encoder.name,
            "dim": int(self.encoder.dim),
            "chunk_size": self.chunk_size,
            "chunk_overlap": self.chunk_overlap,
            "chunker": CHUNKER_VERSION,
            "embed_text": retrieve.EMBED_TEXT_VERSION,
        }

    def _read(self) -> ix.Store:
        for _ in range(3):
            version = ix.live_version(self.folder)
            try:
                return ix.read_version(self.folder, self.name, self._expected())
            except ix.CorruptIndex:
                # A concurrent build may have replaced the version while we read it: read the new one.
                if ix.live_version(self.folder) == version:
                    raise
        return ix.read_version(self.folder, self.name, self._expected())

    def _refresh(self) -> None:
        """Reload under the writer lock if another process committed a newer version meanwhile."""
        if self._store.version != ix.live_version(self.folder):
            try:
                self._store = self._read()
            except ix.MissingIndex:
                self._store = self._empty()

    def _empty(self) -> ix.Store:
        return empty_store(int(self.encoder.dim), self._expected())


QUOTE_VECTORS = "quote-vectors.npz"  # rag/span_vectors.py


def _own_words_unsaid(part: str, first: str, answer: Answer) -> bool:
    """Whether ``answer`` says under half the words ``part`` asks with that the ``first`` part does not
    (「它的日常工作又由谁负责」: 日常 and 负责 unsaid by 「…设立专家委员会，为…提供决策咨询」); an English
    part's by their Chinese glosses, so one with none is not asked again."""
    from rag.question import analyse

    own = [g for g in analyse(part).groups if not any(term in first for term in g)]
    said = sum(any(term in answer.answer for term in g) for g in own)
    return bool(own) and 2 * said < len(own)


def _repeats(answer: Answer, before: Answer) -> bool:
    """Whether ``answer`` says nothing ``before`` did not: grounded, citing only quotes it cited, and its
    text said there (a value read from the same row, 「84.4%」 after 「4665.90万元」, is something new)."""
    from rag.answer.compose import strip_markers

    quotes = {(c.chunk_id, c.quote) for c in answer.citations}
    if not answer.grounded or not quotes or not quotes <= {(c.chunk_id, c.quote) for c in before.citations}:
        return False
    return strip_markers(answer.answer).strip("。. ") in strip_markers(before.answer)


def _search_text(
    question: str, titles: Sequence[str] = (), people: Sequence[str] = (), places: Sequence[str] = ()
) -> str:
    """The question as search embeds it: stripped and simplified (sources are simplified: 無錫
    finds 无锡), with the everyday name of a law it names in English or by abbreviation among
    ``titles`` (rag.lookup.with_law_names) and the ``people`` (authors) and ``places`` (districts)
    it spells in pinyin written in Chinese ("Fang Li" -> 方力); raises ``QuestionError`` when it is
    empty."""
    from rag.bilingual import to_simplified, with_written_names
    from rag.keyword import to_simplified as phrase_simplified

    if not question or not question.strip():
        raise QuestionError(t("empty_question", "en"))
    text = with_law_names(phrase_simplified(to_simplified(question.strip())), titles)
    if (people or places) and question_lang(text) == "en":
        return with_written_names(text, people, places)
    return text


def _written(question: str, searched: str, people: Sequence[str], places: Sequence[str]) -> str:
    """``question`` with the ``people`` and ``places`` it spells in pinyin written as ``_search_text``
    wrote them in ``searched``; the question as asked when search wrote none."""
    from rag.bilingual import with_written_names

    if not _CJK.search(searched) or _CJK.search(question):
        return question
    written = with_written_names(question.strip(), people, places)
    return written if written != question.strip() else question


_CJK = re.compile(r"[\u4e00-\u9fff]")
# A question reaching past the article it names: 「比许峰的文章更早…」「除了方力，还有谁…」
_ACROSS = re.compile(r"比|除了|以外|之外|其他|其它|别的|还有谁|哪些文章|\b(?:other|besides|except)\b", re.I)


def delete_refusal(index_dir: Path, name: str, *, keep: Collection[str]) -> str | None:
    """Why knowledge base ``name`` may not be deleted (a rag.strings key), or None: the bundled ones
    and those in ``keep`` (the app's default) stay, and a name with nothing on disk is missing."""
    if name in BUNDLED_KBS or name in keep:
        return "kb_delete_kept"
    if not SAFE_NAME.match(name) or not (Path(index_dir) / name).is_dir():
        return "kb_missing"
    return None


def delete_knowledge_base(index_dir: Path, name: str, *, keep: Collection[str], lang: str) -> None:
    """Delete knowledge base ``name`` under ``index_dir`` with its files, or say in ``lang`` why not
    (``delete_refusal``)."""
    refusal = delete_refusal(index_dir, name, keep=keep)
    if refusal:
        raise IndexError_(t(refusal, lang, name=name[:80]))
    delete_versions(Path(index_dir) / name)


def open_default(
    *, index_dir: Path, encoder, chunk_size: int, chunk_overlap: int, name: str = DEFAULT_KB, **kwargs
) -> KnowledgeBase:
    """Open ``name`` rebuilding it if stale or corrupted; a bundled knowledge base (``default``: the
    page, ``laws``: the laws) is built from its bundled files when missing."""
    kb = KnowledgeBase.open(
        name,
        index_dir=index_dir,
        encoder=encoder,
        chunk_size=chunk_size,
        chunk_overlap=chunk_overlap,
        rebuild=True,
        **kwargs,
    )
    if name in BUNDLED_KBS and not kb.sources():
        # the only wait of a minute or more a user meets after the first start: say what it is
        log = logging.getLogger(__name__)
        log.warning("building knowledge base %r from its bundled files (first use only, about a minute)",
                    name)  # fmt: skip
        started = time.perf_counter()
        kb.add(BUNDLED_KBS[name])
        # the line a user waits for: questions are answered from here on
        log.warning("knowledge base %r is ready: %d passages, built in %.0f s", name, len(kb.chunks()),
                    time.perf_counter() - started)  # fmt: skip
    return kb


def _resolve_id(sources: Sequence[ix.StoredSource], wanted: str) -> str:
    wanted = wanted.strip()
    ids = {s.source.source_id for s in sources} | {u.doc_id for s in sources for u in s.source.units}
    matches = sorted(i for i in ids if i.startswith(wanted)) if wanted else []
    if len(matches) != 1:
        key = "kb_id_ambiguous" if matches else "kb_id_unknown"
        raise IndexError_(t(key, "en", id=wanted, matches=", ".join(matches[:5])))
    return matches[0]


def _without(sources: Sequence[ix.StoredSource], target: str) -> tuple[list[ix.StoredSource], list[Unit]]:
    kept, removed = [], []
    for s in sources:
        if s.source.source_id == target:
            removed.extend(s.source.units)
            continue
        units = [u for u in s.source.units if u.doc_id != target]
        removed.extend(u for u in s.source.units if u.doc_id == target)
        if units:
            kept.append(
                replace(
                    s,
                    source=replace(s.source, units=tuple(units)),
                    excluded=s.excluded + ((target,) if len(units) < len(s.source.units) else ()),
                )
            )
    return kept, removed


def _files(
    paths: Iterable[str | Path], errors: list[LoadError], folder_error: Callable[[Path], list[LoadError]]
) -> list[Path]:
    """Files as given; folders walked (hidden entries and symlinked folders skipped) for supported types."""
    from rag.loaders import SUPPORTED_SUFFIXES

    out: list[Path] = []
    for path in map(Path, paths):
        if not path.is_dir():
            out.append(path)
            continue
        found = sorted(
            Path(root) / f
            for root, _dirs, names in os.walk(path)
            for f in names
            if Path(f).suffix.lower() in SUPPORTED_SUFFIXES and not f.startswith(".")
        )
        errors += [] if found else folder_error(path)
        out += found
    return out


def _safe_suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    return suffix if re.fullmatch(r"\.[a-z0-9]{1,8}", suffix) else ""


# A term the user quotes (「“三减半”指的是哪三个方面」), written in at most this many passages: those
# passages are searched for the answer even when the question's other words point elsewhere.
QUOTED_PASSAGES = 2
_QUOTED_TERM = re.compile(r"[“\"「『]([^”\"」』《》]{2,12})[”\"」』]")
_QUOTED_AT = 2  # the rank such a passage is put at: after the best hit, which may hold it too
_CHINESE_RUN = re.compile(r"[\u4e00-\u9fff]{2,12}")


def _after_first(hits: list[Hit], chunks: Sequence[Chunk], k: int) -> list[Hit]:
    """``hits`` with ``chunks`` right after the first hit (those among them already retrieved move up),
    ``k`` in all."""
    if not chunks or not hits:
        return hits
    ids = {c.chunk_id for c in chunks} - {hits[0].chunk.chunk_id}
    top = hits[0].score
    ordered = [hits[0], *(Hit(c, top, 0) for c in chunks if c.chunk_id in ids),
               *(h for h in hits[1:] if h.chunk.chunk_id not in ids)]  # fmt: skip
    return [replace(h, rank=i) for i, h in enumerate(ordered[:k], start=1)]


def _with_quoted(text: str, hits: list[Hit], chunks: Sequence[Chunk], asked: str = "") -> list[Hit]:
    """``hits`` with the passages writing a term ``text`` quotes, when few passages write it and no
    hit among the first ``_QUOTED_AT`` does: the question's other words (「江阴推进印染集聚区建设时提出的」)
    had outranked the one passage writing 「“三减半”」, which then was not among 30 hits. Chinese an
    English question ``asked`` writes itself (「How much was invested in the 百亿百项 programme」; not the
    law names search adds) is quoted so too."""
    english = question_lang(text) == "en"
    terms = _QUOTED_TERM.findall(text) + (_CHINESE_RUN.findall(asked) if english else [])
    for term in dict.fromkeys(terms):
        near = {h.chunk.chunk_id for h in hits[:_QUOTED_AT] if term in h.chunk.text}
        if near and not english:
            continue
        # an English question has only these words to find its passage by: each passage writing them
        writing = [c for c in chunks if term in c.text and c.chunk_id not in near]
        if not writing or len(writing) + len(near) > QUOTED_PASSAGES:
            continue
        hits = _after_first(hits, writing, len(hits))  # none of the first _QUOTED_AT hits writes it
    return hits


def _with_saying(text: str, hits: list[Hit], chunks: Sequence[Chunk]) -> list[Hit]:
    """``hits`` with the passages of the best hit's document that print a saying, when the question
    asks for one: 「别去危险的地方、别碰危险的行业投资」 shares no word with 「危地不往、乱地不去、危业
    不投」, whose passage the article's others outranked."""
    if not hits or not SAYING_ASKED.search(text):
        return hits
    doc = hits[0].chunk.doc_id
    near = {h.chunk.chunk_id for h in hits[:_QUOTED_AT]}
    saying = [c for c in chunks
              if c.doc_id == doc and c.chunk_id not in near and SAYING.search(c.text)]  # fmt: skip
    return _after_first(hits, saying[:QUOTED_PASSAGES], len(hits)) if saying else hits


def _with_contacts(text: str, hits: list[Hit], chunks: Sequence[Chunk]) -> list[Hit]:
    """``hits`` with the passages of the best hit's document that print a labelled contact line
    (「联系人：…」「联系电话：…」), when the question asks how to reach someone and none of the best hits
    prints one: a document lists its contacts at its end, under whatever heading came last, and a
    passage about the 12339 hotline outranked them."""
    if not hits or not CONTACT_ASKED.search(text):
        return hits
    if any(CONTACT_LINE.search(h.chunk.text) for h in hits[:_QUOTED_AT]):
        return hits
    doc = hits[0].chunk.doc_id
    listed = [c for c in chunks if c.doc_id == doc and CONTACT_LINE.search(c.text)]
    return _after_first(hits, listed[:QUOTED_PASSAGES], len(hits)) if listed else hits


_PARTY_ASKED = re.compile(rf"(?<!被)({PARTY_ROLE})")


def _with_party_lines(text: str, hits: list[Hit], chunks: Sequence[Chunk]) -> list[Hit]:
    """``hits`` with the passage of the best hit's document printing the line of the party the question
    names (「申请人是谁」: 「申请人：…有限公司」), when none of the best hits prints it: a decision names its
    parties in its opening lines, and every passage after them names them by role."""
    roles = {m.group(1) for m in _PARTY_ASKED.finditer(text)} if hits else set()
    lines = [re.compile(rf"(?m)^{role}[：:]") for role in roles]
    if not lines or all(any(x.search(h.chunk.text) for h in hits[:_QUOTED_AT]) for x in lines):
        return hits
    doc = hits[0].chunk.doc_id
    printed = [c for c in chunks if c.doc_id == doc and any(x.search(c.text) for x in lines)]
    return _after_first(hits, printed[:1], len(hits)) if printed else hits


def _with_items_referred(text: str, hits: list[Hit], chunks: Sequence[Chunk]) -> list[Hit]:
    """``hits`` with, after them, the passages of an article holding the items one of its best passages
    refers to (「采取前款第三项至第五项规定的应对处置措施，由省级以上…决定」: （三）…（五）, in the passage
    before), when the question asks which or what: the answer quotes them with the passage citing them."""
    if not ITEMS_ASKED.search(text):
        return hits
    for hit in hits[:_QUOTED_AT]:
        numbers = items_referred(hit.chunk.text)
        if not numbers:
            continue
        c = hit.chunk
        heads = tuple(item_mark(n) for n in numbers)
        held = [x for x in chunks if x.doc_id == c.doc_id and x.section == c.section
                and x.chunk_id != c.chunk_id and any(line.startswith(heads) for line in x.text.split("\n"))]
        # (last: the passage referring to them is the answer's, the items its complement)
        seen = {h.chunk.chunk_id for h in hits}
        return [*hits, *(Hit(x, 0.0, len(hits) + i) for i, x in enumerate(held, 1) if x.chunk_id not in seen)]
    return hits


def _with_notes(text: str, hits: list[Hit], chunks: Sequence[Chunk]) -> list[Hit]:
    """``hits`` with, right after each of the best few, the passage going on with its last paragraph
    when that passage opens with the 「（牵头单位：…；责任单位：…）」 note closing the paragraph, and the
    question asks which bodies are responsible: a long task of a work plan is cut into two passages,
    and the second, holding the note, shares no word with the question."""
    if not hits or not BODIES_ASKED.search(text):
        return hits
    out, seen = [], {h.chunk.chunk_id for h in hits}
    for i, hit in enumerate(hits):
        out.append(hit)
        c = hit.chunk
        if i >= _NOTE_AT or BODIES_NOTE.search(c.text.rsplit("\n", 1)[-1]):
            continue  # its last paragraph closes with its note
        for nxt in chunks:
            opens = nxt.text.split("\n", 1)[0]
            if (nxt.doc_id == c.doc_id and nxt.unit_index == c.unit_index and c.start < nxt.start <= c.end
                    and nxt.chunk_id not in seen and BODIES_NOTE.search(opens)):  # fmt: skip
                out.append(Hit(nxt, hit.score, 0))
                seen.add(nxt.chunk_id)
                break
    return [replace(h, rank=i) for i, h in enumerate(out[: len(hits)], start=1)]


_NOTE_AT = 3  # the best hits whose paragraph's note is looked for


def _with_event_opening(text: str, hits: list[Hit], chunks: Sequence[Chunk]) -> list[Hit]:
    """``hits`` with the opening passage of the best hit's document, when the question asks when the
    event its title names happened (「火灾是什么时候发生的」 of 「…“3·17”较大火灾事故调查报告」): a report
    states its event's day and time in its first sentence, and the timeline's other times had
    outranked it."""
    from rag.question import SHAPE_WHEN, analyse

    title = (hits[0].chunk.title or "") if hits else ""
    shares_title = any(text[i : i + 2] in title for i in range(len(text) - 1))
    if not title or not _HAPPENED.search(text) or not shares_title:
        return hits  # before analysing the question again: most questions stop here
    q = analyse(text)
    if q.shape != SHAPE_WHEN or not any(len(t) >= 2 and t in title for g in q.groups for t in g):
        return hits
    doc = hits[0].chunk.doc_id
    opening = min((c for c in chunks if c.doc_id == doc), key=lambda c: c.start, default=None)
    return _after_first(hits, [opening], len(hits)) if opening is not None else hits


_HAPPENED = re.compile(r"发生|出事|起火|着火|爆炸")  # 「什么时候发生的」: when the event happened


def _with_tables(text: str, hits: list[Hit], chunks: Sequence[Chunk], select_k: int) -> list[Hit]:
    """``hits`` with, after them, the other passages of the tables the first ``select_k`` hold rows of,
    when the question asks for rows a table answers (「哪个区县…提高最多」「哪些…下降」): a table cut
    into passages is read whole (rag.answer.ranking)."""
    from rag.answer.ranking import asks_ranking, asks_table_rows
    from rag.answer.table import table_rows

    if not asks_table_rows(text) or not hits:
        return hits
    held = {h.chunk.chunk_id for h in hits}
    tabled = [h for h in hits[:select_k] if table_rows(h) or _table_context(h.chunk)]
    docs: dict[str, list[Chunk]] = {}  # the chunks of the documents looked in, gathered in one pass
    wanted = {h.chunk.doc_id for h in tabled}
    ranking_only = asks_ranking(text) and not any(table_rows(h) for h in tabled)
    wanted |= {hits[0].chunk.doc_id} if ranking_only else set()
    for c in chunks:
        if c.doc_id in wanted:
            docs.setdefault(c.doc_id, []).append(c)
    more: list[Chunk] = []
    if ranking_only:
        # a ranking asked and no best passage holds a row: the best document's tables (「谁的分数最高」:
        # the rows, a few words each, are no close match)
        own = docs.get(hits[0].chunk.doc_id, [])
        more = [c for c in own if table_rows(Hit(c, 0.0, 0))][:_MAX_TABLE_PASSAGES]
    for hit in tabled:
        doc = docs.get(hit.chunk.doc_id, [])
        at = next((i for i, c in enumerate(doc) if c.chunk_id == hit.chunk.chunk_id), None)
        if at is None:
            continue
        i = at - 1  # back while a passage starts inside the table, then forth while the next does
        while i >= 0 and _table_context(doc[i + 1]):
            more.append(doc[i])
            i -= 1
        i = at + 1
        while i < len(doc) and _table_context(doc[i]):
            more.append(doc[i])
            i += 1
    top = hits[-1].score if hits else 0.0
    extra = [Hit(c, top, 0) for c in dict.fromkeys(more) if c.chunk_id not in held]
    return [replace(h, rank=i) for i, h in enumerate([*hits, *extra], start=1)] if extra else hits


_MAX_TABLE_PASSAGES = 12


def _table_context(chunk: Chunk) -> bool:
    """Whether ``chunk`` starts inside a table (its context carries the table's title or header)."""
    return bool(chunk.context) and any(is_table_line(x) or table_header(x) for x in chunk.context.split("\n"))


__all__ = ["AddReport", "KnowledgeBase", "RagError", "open_default"]

