"""The app's process-wide services: one encoder, the opened knowledge bases, and the ask flow
shared by the chat UI and the ``/ask`` API (no Gradio here, so it is testable on its own).
"""

from __future__ import annotations

import atexit
import contextlib
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rag.chat import Turn, entities_from_units, resolve_followup
from rag.embed import load_encoder
from rag.errors import IndexError_, RagError
from rag.generate import AnswerStream, generate_answer, make_backend, stream_answer
from rag.kb import SAFE_NAME, KnowledgeBase, delete_knowledge_base, open_default
from rag.question import prepare_question, question_lang
from rag.settings import BUNDLED_KBS, Settings
from rag.strings import t

KB_NAME = SAFE_NAME  # one rule everywhere (the CLI, the app, the library): letters, digits, 汉字, - _ .


@dataclass(frozen=True)
class Asked:
    """One answered question with the notes the user should see (follow-up reading, truncation)."""

    turn: Turn
    notes: tuple[str, ...]


def check_kb_name(name: str, lang: str) -> str:
    """``name`` stripped, or ``IndexError_`` with a message in ``lang`` saying which names are valid."""
    name = (name or "").strip()
    if not KB_NAME.match(name):
        raise IndexError_(t("bad_kb_name", lang, name=name[:80]))
    return name


def api_answer(bases: Bases, gate, username: str | None, question: str, kb: str = "") -> dict:
    """``/ask``: ``question`` answered from knowledge base ``kb`` (the default if empty) for the user
    ``username`` (None: the local user when there are no logins), audited; the JSON of ``python -m
    rag ask --json``. Raises ``RagError`` (a bad name or question) or ``AccessError`` (not allowed),
    each with a message in the question's language, for the caller to present."""
    lang = question_lang(question or "")
    if kb:
        kb = check_kb_name(kb, lang)
        if kb not in bases.names():
            raise RagError(t("kb_missing", lang, name=kb))
    name = kb or bases.settings.kb
    user = gate.allow(username, "ask", name)
    answer = bases.ask(question or "", kb or None, lang=lang).turn.answer
    gate.record_answer(user, name, answer)
    return answer.to_dict()


class Bases:
    """The knowledge bases of this process, opened once each and sharing one encoder.

    Searches run concurrently (a KnowledgeBase switches to a new index version in one step);
    additions and removals are serialised by the knowledge base's writer lock.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.encoder = load_encoder(settings.embed_model, settings.model_dir, settings.embed_engine)
        self._lock = threading.Lock()  # one KnowledgeBase object per name, even under concurrent opens
        self._asking = 0  # questions being answered now: the quote warm-up waits for them
        self._opening: dict[str, threading.Lock] = {}
        self._kits: dict = {}  # name -> rag.kit.LessonKit (its tags cached per index version)
        self._open = {settings.kb: open_default(name=settings.kb, **self._options())}
        self.backend = make_backend(base_url=settings.llm_base_url, model=settings.llm_model,
                                    api_key=settings.llm_api_key, timeout=settings.llm_timeout,
                                    path=settings.llm_path)  # fmt: skip  # None: extractive only
        # The first search loads the tokenizer dictionaries (seconds); do it now, not for the first user.
        self._stopping = threading.Event()
        self._warming = threading.Thread(target=self._warm_up, daemon=True)
        self._warming.start()
        # A daemon thread still inside torch when the interpreter finalises aborts the process
        # ("terminate called without an active exception"): stop the warm-up first.
        atexit.register(self.stop_warm_up)

    def stop_warm_up(self, timeout: float = 10.0) -> None:
        """Stop the background warm-up after its current batch and wait for it (idempotent)."""
        self._stopping.set()
        if self._warming.is_alive() and self._warming is not threading.current_thread():
            self._warming.join(timeout)

    def _warm_up(self) -> None:
        with contextlib.suppress(Exception):  # a warm-up must never take the app down
            self.get().search("国家安全 national security", 1)
            # Then the quotes answers re-score (about 15 s of encoder time for the bundled page),
            # in small batches, each started only while no question is being answered.
            self.get().warm_answers(wait=self._while_asking, stop=self._stopping.is_set)

    def _while_asking(self) -> None:
        while self._asking and not self._stopping.is_set():
            time.sleep(0.05)

    @contextlib.contextmanager
    def _counting(self):
        with self._lock:
            self._asking += 1
        try:
            yield
        finally:
            with self._lock:
                self._asking -= 1

    def _options(self) -> dict:
        s = self.settings
        return {"index_dir": s.index_dir, "encoder": self.encoder, "chunk_size": s.chunk_size,
                "chunk_overlap": s.chunk_overlap, "max_bytes": s.max_upload_mb << 20,
                "parse_timeout": s.parse_timeout, "max_docs": s.max_docs_per_kb}  # fmt: skip

    def delete(self, name: str, lang: str) -> None:
        """Delete knowledge base ``name`` (not a bundled one, not the app's default) and forget it."""
        delete_knowledge_base(self.settings.index_dir, name, keep=(self.settings.kb,), lang=lang)
        with self._lock:
            self._open.pop(name, None)
            self._kits.pop(name, None)

    def names(self) -> list[str]:
        """Every knowledge base on disk, and the ones opened in this process."""
        root = self.settings.index_dir
        found = [p.name for p in root.iterdir() if p.is_dir()] if root.is_dir() else []
        return sorted({n for n in found if KB_NAME.match(n)} | set(self._open) | set(BUNDLED_KBS))

    def get(self, name: str | None = None) -> KnowledgeBase:
        """Knowledge base ``name`` (the default when empty), opened, or started empty, on first use;
        a bundled one is built from its files then. Opening one never blocks the others."""
        name = name or self.settings.kb
        with self._lock:
            if name in self._open:
                return self._open[name]
            opening = self._opening.setdefault(name, threading.Lock())
        with opening:  # one opener per name; the others wait for it, not for the whole table
            with self._lock:
                if name in self._open:
                    return self._open[name]
            if name in BUNDLED_KBS:
                kb = open_default(name=name, **self._options())
            else:
                kb = KnowledgeBase.open(name, **self._options())
            with self._lock:
                self._open[name] = kb
            return kb

    def kit(self, name: str | None = None):
        """The lesson kit of knowledge base ``name`` (rag.kit.LessonKit), one per knowledge base."""
        from rag.kit import LessonKit

        kb = self.get(name)
        with self._lock:
            if self._kits.get(kb.name) is None or self._kits[kb.name].kb is not kb:
                self._kits[kb.name] = LessonKit(kb)
            return self._kits[kb.name]

    def ask(self, raw: str, kb: str | None = None, history: Sequence[Turn] = (), lang: str = "", *,
            generate: bool = True) -> Asked:
        """Clean and cut the question, read it against the previous turn, answer it with citations
        (the generator, when configured and ``generate``, writes over the extractive answer).

        Raises ``QuestionError`` when nothing askable remains, e.g. only punctuation or emoji.
        """
        base = self.get(kb)
        limit = self.settings.max_question_chars
        question, truncated = prepare_question(raw, limit)
        lang = lang or question_lang(question)
        query = question
        if history:
            query = resolve_followup(question, history, entities_from_units(base.units()))
        with self._counting():
            answer = replace(base.ask(query, self.settings.top_k), question=question)
        if truncated:  # said first: it explains any other note (an unsure answer to a cut question)
            cut = t("truncated_note", lang, n=limit)
            other = answer.note if answer.note and answer.note != cut else ""
            answer = replace(answer, note=f"{cut} {other}".strip())
        if generate and self.backend and answer.hits:  # a catalogue answer has no passages to rewrite
            answer = generate_answer(query, answer.hits, self.backend, fallback=answer)
        notes = (t("rewritten_note", lang, query=query),) if query != question else ()
        return Asked(Turn(question, query, answer), notes)

    def stream(self, asked: Asked) -> AnswerStream | None:
        """The generator's answer to ``asked`` as a token stream, or None when no generator is set."""
        if not self.backend or not asked.turn.answer.hits:
            return None
        turn = asked.turn
        return stream_answer(turn.query, turn.answer.hits, self.backend, fallback=turn.answer)
