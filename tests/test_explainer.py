"""A policy explainer (政策解读) in numbered questions and answers: a fourth kind of document the answer
model was never fit on (written with its questions by a helper who saw no code:
tests/fixtures/explainer_unseen.txt). Its questions are answered in the same order of numbers as the
held-out ones."""

from __future__ import annotations

import pytest

from rag.loaders import load_file
from tests.conftest import FIXTURES, assert_answers_as_held_out, document_kb

EXPLAINER = FIXTURES / "explainer_unseen.txt"


@pytest.fixture(scope="module")
def explainer_kb(tmp_path_factory, settings, encoder):
    return document_kb(tmp_path_factory, settings, encoder, "explainer", EXPLAINER)


def test_an_explainers_questions_are_headings_of_its_answers():
    (unit,) = load_file(EXPLAINER, max_bytes=2**20, timeout=30).units
    assert unit.title == "《泊江市网络数据安全管理若干规定》政策解读"
    asked = {s[0] for s in unit.sections if s}
    assert "二、《规定》适用于哪些主体？" in asked and len([s for s in asked if s[1:2] == "、"]) >= 10


def test_explainer_questions_are_answered_as_held_out_ones_are(explainer_kb):
    assert_answers_as_held_out(explainer_kb, "explainer_unseen_qa.jsonl")
