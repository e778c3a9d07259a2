"""The lesson kit for trainers: security-field tags, quizzes, key-figure tables and article briefs.

``LessonKit(kb)`` reads a knowledge base's units, chunks and vectors and hands out the kit's records;
rag/kit/export.py writes them as Word, Markdown and CSV. The CLI (rag/cli_kit.py) and the app's
「备课」 tab only wire these.
"""

from __future__ import annotations

from collections.abc import Sequence

from rag.errors import RagError
from rag.kit.brief import Brief, make_brief
from rag.kit.cite import Locator
from rag.kit.domains import DomainTag, field_names, resolve_field, tag_units
from rag.kit.figures import Figure, find_figures
from rag.kit.quiz import TYPES, Quiz, QuizItem, build_quiz
from rag.records import KIND_NOTE, Unit
from rag.strings import t

__all__ = [
    "TYPES",
    "Brief",
    "DomainTag",
    "Figure",
    "KitError",
    "LessonKit",
    "Quiz",
    "QuizItem",
    "field_names",
]

BRIEF_QUIZ = 3  # quiz items on a brief


class KitError(RagError):
    """A lesson-kit request that cannot be met as given (unknown field or document, nothing to ask)."""


class LessonKit:
    """The kit over one knowledge base; tags are computed once per index version."""

    def __init__(self, kb) -> None:
        self.kb = kb
        self._cache: tuple[object, dict] | None = None

    def _state(self) -> dict:
        version = (self.kb.name, self.kb.version)
        if self._cache is None or self._cache[0] != version:
            chunks = self.kb.chunks()
            units = self.kb.units()
            tags = tag_units(units, chunks, self.kb.chunk_vectors(), self.kb.encoder)
            self._cache = (version, {"chunks": chunks, "units": units, "tags": tags,
                                                   "locate": Locator(chunks)})  # fmt: skip
        return self._cache[1]

    def tags(self) -> dict[str, tuple[DomainTag, ...]]:
        """``doc_id -> tags`` (best first) of every unit: what cards and the library show."""
        return dict(self._state()["tags"])

    def overview(self) -> dict:
        """The collection at a glance: units, authors with roles, titles, and how many units lead
        with each field (``rag list`` and the library show it)."""
        units = [u for u in self._state()["units"] if u.kind != KIND_NOTE]
        authors = {u.author: u.role for u in units if u.author}
        leading: dict[str, int] = {}
        for u in units:
            tags = self._state()["tags"].get(u.doc_id)
            if tags:
                leading[tags[0].name] = leading.get(tags[0].name, 0) + 1
        return {"units": len(units), "authors": [{"author": a, "role": r} for a, r in authors.items()],
                "titles": [u.title for u in units if u.title],
                "domains": dict(sorted(leading.items(), key=lambda x: -x[1]))}  # fmt: skip

    def domains(self) -> list[tuple[Unit, tuple[DomainTag, ...]]]:
        """Every unit with its tags, best first."""
        s = self._state()
        return [(u, s["tags"].get(u.doc_id, ())) for u in s["units"]]

    def units(self, *, domain: str | None = None, docs: Sequence[str] = (), lang: str = "zh") -> list[Unit]:
        """The units a request is about: those covering ``domain`` (zh or en name) among ``docs``
        (doc_id prefixes; all when empty). Raises ``KitError`` for an unknown field or id, or when
        nothing is left."""
        s = self._state()
        units = [u for u in s["units"] if u.kind != KIND_NOTE]  # an editor's note only when picked
        if docs:
            units = [self._resolve(d, lang) for d in docs]
        if domain:
            field = resolve_field(domain)
            if field is None:
                raise KitError(t("kit_bad_domain", lang, name=domain, names="、".join(field_names())))
            units = [u for u in units if any(tag.name == field.name for tag in s["tags"].get(u.doc_id, ()))]
            if not units:
                raise KitError(t("kit_no_domain_units", lang, name=field.name))
        if not units:
            raise KitError(t("kit_empty", lang))
        return units

    def _resolve(self, wanted: str, lang: str) -> Unit:
        wanted = wanted.strip()
        matches = [u for u in self._state()["units"] if wanted and u.doc_id.startswith(wanted)]
        if len(matches) != 1:
            key = "kb_id_ambiguous" if matches else "kb_id_unknown"
            raise KitError(t(key, lang, id=wanted, matches=", ".join(u.doc_id for u in matches[:5])))
        return matches[0]

    def figures(
        self, *, domain: str | None = None, docs: Sequence[str] = (), lang: str = "zh"
    ) -> list[Figure]:
        """Every figure of the chosen units, in reading order."""
        return find_figures(self.units(domain=domain, docs=docs, lang=lang), self._state()["locate"])

    def quiz(self, n: int = 10, *, types: Sequence[str] = TYPES, seed: int = 0, domain: str | None = None,
             docs: Sequence[str] = (), avoid: Sequence[str] = (), lang: str = "zh") -> Quiz:  # fmt: skip
        """``n`` self-checked items on the chosen units (distractors from the whole knowledge base)."""
        if n < 1:
            raise KitError(t("kit_bad_n", lang))
        s = self._state()
        units = self.units(domain=domain, docs=docs, lang=lang)
        return build_quiz(units, s["chunks"], self._search, n=n, types=types, seed=seed, pool=s["units"],
                          avoid=avoid)  # fmt: skip

    def brief(self, doc: str, *, seed: int = 0, lang: str = "zh") -> Brief:
        """One unit's brief."""
        unit = self._resolve(doc, lang)
        return self._brief(unit, seed)

    def briefs(self, *, domain: str | None = None, seed: int = 0, lang: str = "zh") -> list[Brief]:
        """A brief of every chosen unit (a handout)."""
        return [self._brief(u, seed) for u in self.units(domain=domain, lang=lang)]

    def _brief(self, unit: Unit, seed: int) -> Brief:
        s = self._state()
        figures = find_figures([unit], s["locate"])
        quiz = build_quiz([unit], s["chunks"], self._search, n=BRIEF_QUIZ, seed=seed, pool=s["units"])
        return make_brief(unit, s["locate"], s["tags"].get(unit.doc_id, ()), figures, quiz.items)

    def _search(self, question: str):
        return self.kb.search(question, k=5)
